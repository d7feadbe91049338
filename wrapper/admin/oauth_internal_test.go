package admin

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// countingSource hands out a new token per call, like a source that
// refreshes expired tokens, or fails when err is set.
type countingSource struct {
	mu  sync.Mutex
	n   int
	err error
}

func (s *countingSource) Token() (*oauth2.Token, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err != nil {
		return nil, s.err
	}
	s.n++
	return &oauth2.Token{AccessToken: fmt.Sprintf("sk-ant-oat01-TESTTOKEN-%04d-not-real", s.n)}, nil
}

// TestOAuthOperations checks the OAuth credential path with an operation
// that accepts only an OAuth token: each attempt takes a current token from
// the source, the Admin key is never sent, a source's error is returned
// without a retry, and a token echoed by the server is redacted.
func TestOAuthOperations(t *testing.T) {
	var mu sync.Mutex
	var auth []string
	fail := true
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auth = append(auth, r.Header.Get("Authorization")+"|"+r.Header.Get("x-api-key"))
		first := fail
		fail = false
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		if first { // a 500 echoing the token: retried with a new token
			w.WriteHeader(500)
			io.WriteString(w, `{"type":"error","error":{"type":"api_error","message":"bad token `+r.Header.Get("Authorization")+`"}}`)
			return
		}
		io.WriteString(w, `{"type":"user","id":"user_01","email":"a@example.com","name":"A","role":"user","added_at":"2025-01-02T03:04:05Z"}`)
	}))
	defer srv.Close()
	src := &countingSource{}
	c, err := NewClient("sk-ant-admin01-TESTKEY-not-a-real-key-000000", WithBaseURL(srv.URL), WithTokenSource(src), WithRetryBackoff(1, 1))
	if err != nil {
		t.Fatal(err)
	}
	oauthOnly := op{verb: "get thing", creds: credOAuth}
	send := func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.cfg.raw.GetUser(ctx, "user_01", edit)
	}
	if _, err := call[User](context.Background(), c.cfg, oauthOnly, send); err != nil {
		t.Fatal(err)
	}
	want := []string{"Bearer sk-ant-oat01-TESTTOKEN-0001-not-real|", "Bearer sk-ant-oat01-TESTTOKEN-0002-not-real|"}
	if strings.Join(auth, ",") != strings.Join(want, ",") {
		t.Errorf("requests carried %q, want %q", auth, want)
	}

	// The token of a failed attempt is redacted from the error.
	c2, _ := NewClient("", WithBaseURL(srv.URL), WithTokenSource(src), WithMaxRetries(0))
	mu.Lock()
	fail = true
	mu.Unlock()
	_, err = call[User](context.Background(), c2.cfg, oauthOnly, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c2.cfg.raw.GetUser(ctx, "user_01", edit)
	})
	if err == nil || strings.Contains(err.Error(), "TESTTOKEN") {
		t.Errorf("err = %v, want the 500 without the token", err)
	}

	// A failing source fails the call at once.
	src.err = errors.New("refresh token revoked")
	before := len(auth)
	_, err = call[User](context.Background(), c.cfg, oauthOnly, send)
	if err == nil || !strings.Contains(err.Error(), "refresh token revoked") || len(auth) != before {
		t.Errorf("err = %v after %d requests, want the source's error and no request", err, len(auth)-before)
	}

	// An Admin-key operation on the same client still uses the key.
	if edit, err := c.cfg.editorFor(op{verb: "get user", creds: credAdminKey}); err != nil || edit == nil {
		t.Errorf("editorFor(admin key) = %v", err)
	}
}
