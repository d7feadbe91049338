package admin_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

var allSentinels = []error{
	admin.ErrInvalidRequest, admin.ErrAuthentication, admin.ErrPermission, admin.ErrNotFound,
	admin.ErrConflict, admin.ErrRateLimited, admin.ErrServer, admin.ErrOverloaded,
}

func TestErrorMapping(t *testing.T) {
	envelope := func(typ, msg string) string {
		return `{"type":"error","error":{"type":"` + typ + `","message":"` + msg + `"},"request_id":"req_body"}`
	}
	long := strings.Repeat("x", 5000)
	tests := []struct {
		name        string
		status      int
		contentType string
		body        string
		header      map[string]string
		want        admin.Error
		is          []error
	}{
		{
			name: "400 envelope", status: 400, body: envelope("invalid_request_error", "limit: must be at most 1000"),
			want: admin.Error{StatusCode: 400, Type: "invalid_request_error", Message: "limit: must be at most 1000", RequestID: "req_test"},
			is:   []error{admin.ErrInvalidRequest},
		},
		{
			name: "401 envelope", status: 401, body: envelope("authentication_error", "invalid x-api-key"),
			want: admin.Error{StatusCode: 401, Type: "authentication_error", Message: "invalid x-api-key", RequestID: "req_test"},
			is:   []error{admin.ErrAuthentication},
		},
		{
			name: "403 envelope", status: 403, body: envelope("permission_error", "nope"),
			want: admin.Error{StatusCode: 403, Type: "permission_error", Message: "nope", RequestID: "req_test"},
			is:   []error{admin.ErrPermission},
		},
		{
			name: "404 envelope", status: 404, body: envelope("not_found_error", "User not found"),
			want: admin.Error{StatusCode: 404, Type: "not_found_error", Message: "User not found", RequestID: "req_test"},
			is:   []error{admin.ErrNotFound},
		},
		{
			name: "409 envelope", status: 409, body: envelope("conflict_error", "already a member"),
			want: admin.Error{StatusCode: 409, Type: "conflict_error", Message: "already a member", RequestID: "req_test"},
			is:   []error{admin.ErrConflict},
		},
		{
			name: "429 envelope with retry-after", status: 429, body: envelope("rate_limit_error", "slow down"),
			header: map[string]string{"Retry-After": "120"},
			want:   admin.Error{StatusCode: 429, Type: "rate_limit_error", Message: "slow down", RequestID: "req_test", RetryAfter: 120 * time.Second},
			is:     []error{admin.ErrRateLimited},
		},
		{
			name: "500 envelope", status: 500, body: envelope("api_error", "boom"),
			want: admin.Error{StatusCode: 500, Type: "api_error", Message: "boom", RequestID: "req_test"},
			is:   []error{admin.ErrServer},
		},
		{
			name: "529 envelope", status: 529, body: envelope("overloaded_error", "Overloaded"),
			want: admin.Error{StatusCode: 529, Type: "overloaded_error", Message: "Overloaded", RequestID: "req_test"},
			is:   []error{admin.ErrServer, admin.ErrOverloaded},
		},
		{
			name: "502 HTML from a proxy", status: 502, contentType: "text/html",
			body: "<html><body><h1>502 Bad Gateway</h1></body></html>",
			want: admin.Error{StatusCode: 502, Message: "Bad Gateway", RequestID: "req_test", Body: "<html><body><h1>502 Bad Gateway</h1></body></html>"},
			is:   []error{admin.ErrServer},
		},
		{
			name: "404 empty body", status: 404, body: "",
			want: admin.Error{StatusCode: 404, Message: "Not Found", RequestID: "req_test"},
			is:   []error{admin.ErrNotFound},
		},
		{
			name: "400 off-shape JSON", status: 400, body: `{"message":"weird","code":17}`,
			want: admin.Error{StatusCode: 400, Message: "Bad Request", RequestID: "req_test", Body: `{"message":"weird","code":17}`},
			is:   []error{admin.ErrInvalidRequest},
		},
		{
			name: "403 envelope with error null", status: 403, body: `{"type":"error","error":null}`,
			want: admin.Error{StatusCode: 403, Message: "Forbidden", RequestID: "req_test", Body: `{"type":"error","error":null}`},
			is:   []error{admin.ErrPermission},
		},
		{
			name: "503 long body is truncated", status: 503, contentType: "text/plain", body: long,
			want: admin.Error{StatusCode: 503, Message: "Service Unavailable", RequestID: "req_test", Body: long[:1024] + "…"},
			is:   []error{admin.ErrServer},
		},
		{
			name: "418 unknown status", status: 418, body: envelope("teapot_error", "short and stout"),
			want: admin.Error{StatusCode: 418, Type: "teapot_error", Message: "short and stout", RequestID: "req_test"},
		},
		{
			name: "retry-after as HTTP date", status: 429, body: envelope("rate_limit_error", "later"),
			header: map[string]string{"Retry-After": time.Now().Add(2 * time.Hour).UTC().Format(http.TimeFormat)},
			want:   admin.Error{StatusCode: 429, Type: "rate_limit_error", Message: "later", RequestID: "req_test"},
			is:     []error{admin.ErrRateLimited},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				if tc.contentType != "" {
					w.Header().Set("Content-Type", tc.contentType)
					w.Header().Set("request-id", "req_test")
					w.WriteHeader(tc.status)
					_, _ = w.Write([]byte(tc.body))
					return
				}
				writeJSON(w, tc.status, tc.body)
			})
			c, _ := newClient(t, srv.URL, admin.WithMaxRetries(0))
			_, err := c.Users.Get(context.Background(), "user_x")
			var got *admin.Error
			if !errors.As(err, &got) {
				t.Fatalf("err = %v (%T), want *admin.Error", err, err)
			}
			want := tc.want
			want.Operation = "get user user_x"
			opts := []cmp.Option{cmpopts.IgnoreFields(admin.Error{}, "Body")}
			if tc.want.Body != "" {
				opts = nil
			}
			if strings.HasPrefix(tc.name, "retry-after as HTTP date") {
				if got.RetryAfter < 119*time.Minute || got.RetryAfter > 121*time.Minute {
					t.Errorf("RetryAfter = %v, want about 2h", got.RetryAfter)
				}
				opts = append(opts, cmpopts.IgnoreFields(admin.Error{}, "RetryAfter"))
			}
			if diff := cmp.Diff(&want, got, opts...); diff != "" {
				t.Errorf("error mismatch (-want +got):\n%s", diff)
			}
			for _, s := range allSentinels {
				wantIs := false
				for _, w := range tc.is {
					wantIs = wantIs || w == s
				}
				if errors.Is(err, s) != wantIs {
					t.Errorf("errors.Is(err, %v) = %v, want %v", s, !wantIs, wantIs)
				}
			}
			if srv.calls.Load() != 1 {
				t.Errorf("server saw %d calls, want 1 (retries are off)", srv.calls.Load())
			}
		})
	}
}

func TestErrorString(t *testing.T) {
	e := &admin.Error{Operation: "get user user_x", StatusCode: 404, Type: "not_found_error", Message: "User not found", RequestID: "req_1"}
	want := "admin: get user user_x: 404 not_found_error: User not found (request-id req_1)"
	if got := e.Error(); got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestTransportErrorNamesOperation(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {})
	url := srv.URL
	srv.Close() // nothing listens any more: connection refused
	c, _ := newClient(t, url, admin.WithMaxRetries(0))
	_, err := c.Users.Get(context.Background(), "user_x")
	if err == nil || !strings.HasPrefix(err.Error(), "admin: get user user_x: ") {
		t.Fatalf("err = %v, want it to start with the operation", err)
	}
	var apiErr *admin.Error
	if errors.As(err, &apiErr) {
		t.Errorf("a transport error must not be an *admin.Error: %v", err)
	}
}
