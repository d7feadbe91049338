package admin_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

const (
	rateLimited = `{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}`
	serverError = `{"type":"error","error":{"type":"api_error","message":"boom"}}`
	badRequest  = `{"type":"error","error":{"type":"invalid_request_error","message":"bad"}}`
)

// failThenSucceed answers the first n requests with status and body, then
// with ok.
func failThenSucceed(n int64, status int, body, ok string, header map[string]string) http.HandlerFunc {
	var seen atomic.Int64
	return func(w http.ResponseWriter, r *http.Request) {
		if seen.Add(1) <= n {
			for k, v := range header {
				w.Header().Set(k, v)
			}
			writeJSON(w, status, body)
			return
		}
		writeJSON(w, http.StatusOK, ok)
	}
}

func TestRetryRetryableStatuses(t *testing.T) {
	for _, status := range []int{429, 500, 502, 503, 504, 529} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			srv := newRecorder(t, failThenSucceed(2, status, serverError, userJSON, nil))
			c, _ := newClient(t, srv.URL)
			u, err := c.Users.Get(context.Background(), "user_01")
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if u.ID != "user_01" {
				t.Errorf("ID = %q", u.ID)
			}
			if got := srv.calls.Load(); got != 3 {
				t.Errorf("calls = %d, want 3 (two retries by default)", got)
			}
		})
	}
}

func TestRetryGivesUpAfterMaxRetries(t *testing.T) {
	srv := newRecorder(t, failThenSucceed(100, 503, serverError, userJSON, nil))
	c, _ := newClient(t, srv.URL, admin.WithMaxRetries(4))
	_, err := c.Users.Get(context.Background(), "user_01")
	if !errors.Is(err, admin.ErrServer) {
		t.Fatalf("err = %v, want ErrServer", err)
	}
	if got := srv.calls.Load(); got != 5 {
		t.Errorf("calls = %d, want 5 (1 + 4 retries)", got)
	}
}

func TestNoRetryOnOther4xx(t *testing.T) {
	for _, status := range []int{400, 401, 403, 404, 409, 413, 422} {
		t.Run(http.StatusText(status), func(t *testing.T) {
			srv := newRecorder(t, failThenSucceed(100, status, badRequest, userJSON, nil))
			c, _ := newClient(t, srv.URL, admin.WithMaxRetries(5))
			if _, err := c.Users.Get(context.Background(), "user_01"); err == nil {
				t.Fatal("want an error")
			}
			if got := srv.calls.Load(); got != 1 {
				t.Errorf("calls = %d, want 1: %d is never retried", got, status)
			}
		})
	}
}

func TestRetryHonoursRetryAfter(t *testing.T) {
	for _, tc := range []struct {
		header map[string]string
		want   string
	}{
		{map[string]string{"Retry-After": "1"}, "wait=1s"},
		{map[string]string{"Retry-After": "0.25"}, "wait=250ms"},
		{map[string]string{"retry-after-ms": "40", "Retry-After": "9"}, "wait=40ms"},
	} {
		srv := newRecorder(t, failThenSucceed(1, 429, rateLimited, userJSON, tc.header))
		c, logs := newClient(t, srv.URL)
		if _, err := c.Users.Get(context.Background(), "user_01"); err != nil {
			t.Fatalf("Get: %v", err)
		}
		if !strings.Contains(logs.String(), tc.want) {
			t.Errorf("header %v: retry log does not show %s:\n%s", tc.header, tc.want, logs)
		}
	}
}

func TestRetryAfterTooLongIsReturned(t *testing.T) {
	srv := newRecorder(t, failThenSucceed(1, 429, rateLimited, userJSON, map[string]string{"Retry-After": "3600"}))
	c, _ := newClient(t, srv.URL)
	_, err := c.Users.Get(context.Background(), "user_01")
	var apiErr *admin.Error
	if !errors.As(err, &apiErr) || apiErr.RetryAfter != time.Hour {
		t.Fatalf("err = %v, want *Error with RetryAfter 1h", err)
	}
	if srv.calls.Load() != 1 {
		t.Errorf("calls = %d, want 1", srv.calls.Load())
	}
}

// createdJSON holds the objects the creates of the tests return.
var createdJSON = map[string]string{
	"invite":    `{"type":"invite","id":"invite_1","email":"a@example.com","role":"user","status":"pending","invited_at":"2025-01-02T03:04:05Z","expires_at":"2025-01-23T03:04:05Z"}`,
	"workspace": `{"type":"workspace","id":"wrkspc_1","name":"w","display_color":"#6C5BB9","created_at":"2025-01-02T03:04:05Z","archived_at":null,"data_residency":{"workspace_geo":"us","allowed_inference_geos":"unrestricted","default_inference_geo":"us"}}`,
	"member":    `{"type":"workspace_member","user_id":"user_1","workspace_id":"wrkspc_1","workspace_role":"workspace_user"}`,
}

func TestCreateNotResentAfter5xx(t *testing.T) {
	ctx := context.Background()
	creates := map[string]func(c *admin.Client) error{
		"invite": func(c *admin.Client) error {
			_, err := c.Invites.Create(ctx, admin.CreateInviteRequest{Email: "a@example.com", Role: admin.AssignableOrganizationRoleUser})
			return err
		},
		"workspace": func(c *admin.Client) error {
			_, err := c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "w"})
			return err
		},
		"member": func(c *admin.Client) error {
			_, err := c.WorkspaceMembers.Add(ctx, "wrkspc_1", admin.AddWorkspaceMemberRequest{UserID: "user_1", WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser})
			return err
		},
	}
	for name, create := range creates {
		t.Run(name+" 500", func(t *testing.T) {
			srv := newRecorder(t, failThenSucceed(1, 500, serverError, `{}`, nil))
			c, _ := newClient(t, srv.URL, admin.WithMaxRetries(3))
			if err := create(c); !errors.Is(err, admin.ErrServer) {
				t.Fatalf("err = %v, want ErrServer", err)
			}
			if got := srv.calls.Load(); got != 1 {
				t.Errorf("calls = %d, want 1: a create must not be re-sent after a 5xx", got)
			}
		})
		t.Run(name+" 429", func(t *testing.T) {
			srv := newRecorder(t, failThenSucceed(1, 429, rateLimited, createdJSON[name], nil))
			c, _ := newClient(t, srv.URL, admin.WithMaxRetries(3))
			if err := create(c); err != nil {
				t.Fatalf("create: %v", err)
			}
			if got := srv.calls.Load(); got != 2 {
				t.Errorf("calls = %d, want 2: a 429 proves the create was not processed", got)
			}
		})
	}
}

// TestRetryOnConnectionRefused checks that a request, a create included,
// is retried when no connection could be made.
func TestRetryOnConnectionRefused(t *testing.T) {
	c, logs := newClient(t, "http://"+closedAddr(t), admin.WithMaxRetries(2))
	_, err := c.Workspaces.Create(context.Background(), admin.CreateWorkspaceRequest{Name: "w"})
	if err == nil || !strings.Contains(err.Error(), "admin: create workspace: ") {
		t.Fatalf("err = %v, want a transport error naming the operation", err)
	}
	if got := strings.Count(logs.String(), "admin: retrying"); got != 2 {
		t.Errorf("retries = %d, want 2 for a connection that was never established:\n%s", got, logs)
	}
}

func TestContextCancelInterruptsWait(t *testing.T) {
	srv := newRecorder(t, failThenSucceed(100, 429, rateLimited, userJSON, map[string]string{"Retry-After": "30"}))
	c, _ := newClient(t, srv.URL)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := c.Users.Get(ctx, "user_01")
		done <- err
	}()
	for srv.calls.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if !errors.Is(err, context.Canceled) {
			t.Errorf("err = %v, want context.Canceled", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("cancelling the context did not interrupt the 30s Retry-After wait")
	}
}

func TestXShouldRetryHeader(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name      string
		status    int
		header    string
		wantCalls int64
	}{
		{"false on a 503", 503, "false", 1},
		{"true on a 409", 409, "true", 2},
		{"absent on a 409", 409, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.header != "" {
				h["x-should-retry"] = tc.header
			}
			srv := newRecorder(t, failThenSucceed(1, tc.status, serverError, userJSON, h))
			c, _ := newClient(t, srv.URL)
			_, _ = c.Users.Get(ctx, "user_01")
			if got := srv.calls.Load(); got != tc.wantCalls {
				t.Errorf("calls = %d, want %d", got, tc.wantCalls)
			}
		})
	}
	// A create ignores "true": only a 429 proves it was not processed.
	srv := newRecorder(t, failThenSucceed(1, 500, serverError, `{}`, map[string]string{"x-should-retry": "true"}))
	c, _ := newClient(t, srv.URL)
	if _, err := c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "w"}); err == nil {
		t.Error("create after a 500 succeeded: it was re-sent")
	}
	if got := srv.calls.Load(); got != 1 {
		t.Errorf("create calls = %d, want 1", got)
	}
}
