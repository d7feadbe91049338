package admin_test

import (
	"bytes"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// testKey is an obviously fake Admin key; tests check it never leaks.
const testKey = "sk-ant-admin01-TESTKEY-not-a-real-key-000000"

// testComplianceKey is an obviously fake Compliance key.
const testComplianceKey = "sk-ant-compliance-TESTKEY-not-real-000000"

// recorder is an httptest server whose handler counts requests.
type recorder struct {
	*httptest.Server
	calls atomic.Int64
	mu    sync.Mutex
	reqs  []*http.Request
}

// newRecorder starts a loopback server running h and recording every
// request.
func newRecorder(t *testing.T, h http.HandlerFunc) *recorder {
	t.Helper()
	r := &recorder{}
	r.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		r.calls.Add(1)
		r.mu.Lock()
		r.reqs = append(r.reqs, req.Clone(req.Context()))
		r.mu.Unlock()
		h(w, req)
	}))
	t.Cleanup(r.Close)
	return r
}

func (r *recorder) requests() []*http.Request {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]*http.Request(nil), r.reqs...)
}

// logBuffer is a concurrency-safe buffer for a test logger.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// newClient returns a client of url with fast retries, logging at debug
// level into the returned buffer.
func newClient(t *testing.T, url string, opts ...admin.Option) (*admin.Client, *logBuffer) {
	t.Helper()
	logs := &logBuffer{}
	logger := slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	base := []admin.Option{
		admin.WithBaseURL(url),
		admin.WithRetryBackoff(time.Millisecond, 4*time.Millisecond),
		admin.WithLogger(logger),
		admin.WithComplianceKey(testComplianceKey),
	}
	c, err := admin.NewClient(testKey, append(base, opts...)...)
	if err != nil {
		t.Fatalf("NewClient: %v", err)
	}
	return c, logs
}

// writeJSON writes a JSON body with a status and a request-id.
func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("request-id", "req_test")
	w.WriteHeader(status)
	_, _ = w.Write([]byte(body))
}

const userJSON = `{"type":"user","id":"user_01","email":"ada@example.com","name":"Ada","role":"developer","added_at":"2025-01-02T03:04:05Z"}`

// closedAddr returns a loopback address nothing listens on: connections to
// it are refused.
func closedAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}
