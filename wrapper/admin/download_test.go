package admin_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// streamingServer serves a download of size bytes at the file content
// path: it writes and flushes the first chunk, then waits for release
// before writing the rest.
func streamingServer(t *testing.T, size int64, release <-chan struct{}) *httptest.Server {
	t.Helper()
	chunk := make([]byte, 64<<10)
	for i := range chunk {
		chunk[i] = byte(i)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/v1/compliance/apps/chats/files/claude_file_big/content" {
			http.NotFound(w, r)
			return
		}
		if got := r.Header.Get("Accept"); got != "*/*" {
			t.Errorf("Accept = %q, want */*", got)
		}
		w.Header().Set("Content-Type", "application/pdf")
		w.Header().Set("Content-Length", strconv.FormatInt(size, 10))
		w.Header().Set("request-id", "req_01stream")
		w.WriteHeader(http.StatusOK)
		n, _ := w.Write(chunk[:min(int64(len(chunk)), size)])
		w.(http.Flusher).Flush()
		select {
		case <-release:
		case <-r.Context().Done():
			return
		case <-time.After(10 * time.Second):
			t.Error("the client never read the first bytes")
			return
		}
		for left := size - int64(n); left > 0; {
			part := chunk[:min(int64(len(chunk)), left)]
			m, err := w.Write(part)
			if err != nil {
				return
			}
			left -= int64(m)
		}
	}))
	t.Cleanup(ts.Close)
	return ts
}

// TestDownloadStreams proves that a download is not buffered: Download
// returns, and the caller reads the first bytes, while the server has
// written only its first 64 KiB and waits; the rest then streams. The body
// is larger than the client's response cap, which applies only to ReadAll.
func TestDownloadStreams(t *testing.T) {
	defer catch(t)
	const size = 80 << 20 // more than DefaultMaxResponseBytes
	release := make(chan struct{})
	ts := streamingServer(t, size, release)
	c := must(admin.NewClient("", admin.WithBaseURL(ts.URL), admin.WithComplianceKey(testComplianceKey)))

	type result struct {
		d   *admin.Download
		err error
	}
	done := make(chan result, 1)
	go func() {
		d, err := c.ComplianceFiles.Download(context.Background(), "claude_file_big")
		done <- result{d, err}
	}()
	var d *admin.Download
	select {
	case r := <-done:
		if r.err != nil {
			t.Fatal(r.err)
		}
		d = r.d
	case <-time.After(5 * time.Second):
		close(release)
		t.Fatal("Download did not return while the server held back the body: it buffers")
	}
	defer d.Close()
	if d.ContentType != "application/pdf" || d.ContentLength != size || d.RequestID != "req_01stream" {
		t.Errorf("Download = type %q, length %d, request %q", d.ContentType, d.ContentLength, d.RequestID)
	}
	first := make([]byte, 1024)
	if _, err := io.ReadFull(d, first); err != nil {
		t.Fatal(err)
	}
	if first[1] != 1 || first[1000] != byte(1000%256) {
		t.Errorf("first bytes = %v...", first[:8])
	}
	close(release) // only now does the server write the rest
	n, err := io.Copy(io.Discard, d)
	if err != nil {
		t.Fatal(err)
	}
	if total := n + int64(len(first)); total != size {
		t.Errorf("read %d bytes, want %d", total, size)
	}
}

// TestDownloadReadAllHonoursTheCap: ReadAll, the one way to buffer a
// download, refuses a body over WithMaxResponseBytes, before reading it
// when the Content-Length says so.
func TestDownloadReadAllHonoursTheCap(t *testing.T) {
	defer catch(t)
	release := make(chan struct{})
	close(release)
	ts := streamingServer(t, 4096, release)
	c := must(admin.NewClient("", admin.WithBaseURL(ts.URL), admin.WithComplianceKey(testComplianceKey), admin.WithMaxResponseBytes(1024)))
	d := must(c.ComplianceFiles.Download(context.Background(), "claude_file_big"))
	_, err := d.ReadAll()
	var apiErr *admin.Error
	if !errors.As(err, &apiErr) || !errors.Is(err, admin.ErrUnexpectedResponse) || apiErr.RequestID != "req_01stream" {
		t.Errorf("ReadAll over the cap: %v, want an *admin.Error matching ErrUnexpectedResponse", err)
	}
	big := must(admin.NewClient("", admin.WithBaseURL(ts.URL), admin.WithComplianceKey(testComplianceKey)))
	d = must(big.ComplianceFiles.Download(context.Background(), "claude_file_big"))
	if b := must(d.ReadAll()); len(b) != 4096 {
		t.Errorf("ReadAll = %d bytes, want 4096", len(b))
	}
}

// TestDownloadErrors: a failed download is an *admin.Error like any other
// failure, and a retryable one is retried before the body.
func TestDownloadErrors(t *testing.T) {
	defer catch(t)
	var calls atomic.Int32
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("request-id", "req_01err"+strconv.Itoa(int(calls.Add(1))))
		switch r.URL.Path {
		case "/v1/compliance/apps/chats/files/claude_file_gone/content":
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusNotFound)
			_, _ = io.WriteString(w, `{"type":"error","error":{"type":"not_found_error","message":"file not found"},"request_id":"req_01err1"}`)
		case "/v1/compliance/apps/chats/generated-files/claude_gen_file_flaky/content":
			if calls.Load() == 2 {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(http.StatusServiceUnavailable)
				_, _ = io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":"try again"},"request_id":"req_01err2"}`)
				return
			}
			w.Header().Set("Content-Type", "text/csv")
			_, _ = io.WriteString(w, "a,b\n")
		}
	}))
	t.Cleanup(ts.Close)
	c := must(admin.NewClient("", admin.WithBaseURL(ts.URL), admin.WithComplianceKey(testComplianceKey), admin.WithRetryBackoff(time.Millisecond, time.Millisecond)))
	_, err := c.ComplianceFiles.Download(context.Background(), "claude_file_gone")
	var apiErr *admin.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 404 || apiErr.Message != "file not found" || apiErr.RequestID != "req_01err1" {
		t.Errorf("404 download: %#v", err)
	}
	d := must(c.ComplianceGeneratedFiles.Download(context.Background(), "claude_gen_file_flaky"))
	if b := must(d.ReadAll()); string(b) != "a,b\n" || d.ContentType != "text/csv" || d.RequestID != "req_01err3" {
		t.Errorf("retried download = %q, type %q, request %q", b, d.ContentType, d.RequestID)
	}
	if _, err := c.ComplianceArtifacts.Download(context.Background(), ".."); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("download of ID \"..\": %v, want ErrInvalidInput", err)
	}
}
