package admintest

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// t0 is the frozen "now" of most tests.
var t0 = time.Date(2026, 3, 10, 12, 30, 0, 0, time.UTC)

// fake is a Server under test, driven through its Handler.
type fake struct {
	t *testing.T
	*Server
}

func newFake(t *testing.T, opts ...Option) *fake {
	t.Helper()
	s := NewServer(opts...)
	t.Cleanup(s.Close)
	s.SetNow(t0)
	return &fake{t: t, Server: s}
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// envelope is the error body.
type envelope struct {
	Type  string `json:"type"`
	Error struct {
		Type    string         `json:"type"`
		Message string         `json:"message"`
		Details map[string]any `json:"details"`
	} `json:"error"`
	RequestID string `json:"request_id"`
}

func (r response) err() envelope {
	var e envelope
	_ = json.Unmarshal(r.body, &e)
	return e
}

// adminHeaders are the headers of a valid Admin API request.
func (f *fake) adminHeaders() http.Header {
	h := http.Header{}
	h.Set("x-api-key", f.AdminKey())
	h.Set("anthropic-version", APIVersion)
	return h
}

// badQueries checks that a GET of path with each of queries is refused
// with 400.
func (f *fake) badQueries(path string, queries ...string) {
	f.t.Helper()
	for _, q := range queries {
		if r := f.do("GET", path+"?"+q, nil); r.status != 400 {
			f.t.Errorf("%s?%s: %d, want 400", path, q, r.status)
		}
	}
}

// do sends a request with valid Admin API headers. body is nil, a string
// (sent as is) or a value encoded as JSON.
func (f *fake) do(method, path string, body any) response {
	f.t.Helper()
	return f.doWith(method, path, body, f.adminHeaders())
}

func (f *fake) doWith(method, path string, body any, h http.Header) response {
	f.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		data, err := json.Marshal(b)
		if err != nil {
			f.t.Fatal(err)
		}
		rd = bytes.NewReader(data)
	}
	req := httptest.NewRequest(method, "http://fake"+path, rd)
	req.Header = h.Clone()
	if rd != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/json")
	}
	rec := httptest.NewRecorder()
	f.Handler().ServeHTTP(rec, req)
	return response{status: rec.Code, header: rec.Header(), body: rec.Body.Bytes()}
}

// ok sends a request that must succeed and decodes its body into a T.
func ok[T any](f *fake, method, path string, body any) T {
	f.t.Helper()
	r := f.do(method, path, body)
	if r.status != http.StatusOK {
		f.t.Fatalf("%s %s: status %d, body %s", method, path, r.status, r.body)
	}
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		f.t.Fatalf("%s %s: decoding %s: %v", method, path, r.body, err)
	}
	return v
}

// fails sends a request that must fail with the status and error type.
func (f *fake) fails(method, path string, body any, status int, errType string) envelope {
	f.t.Helper()
	r := f.do(method, path, body)
	e := r.err()
	if r.status != status || e.Error.Type != errType {
		f.t.Fatalf("%s %s: got %d %s, want %d %s (body %s)", method, path, r.status, e.Error.Type, status, errType, r.body)
	}
	return e
}

// failsWithCode sends a request that must fail with the status, error
// type and error code (error.details.error_code).
func (f *fake) failsWithCode(method, path string, body any, status int, errType string, code gen.ErrorCode) envelope {
	f.t.Helper()
	e := f.fails(method, path, body, status, errType)
	if got := e.Error.Details["error_code"]; got != string(code) {
		f.t.Fatalf("%s %s: error code %v, want %s (message %q)", method, path, got, code, e.Error.Message)
	}
	return e
}

func must[T any](t *testing.T) func(T, error) T {
	return func(v T, err error) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}

func mustJSON(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatalf("decoding %s: %v", data, err)
	}
}
