package admin_test

// Tests of the client against servers and proxies that misbehave: each
// checks that a hostile or broken answer can never pass for success, leak
// a key, or make a call run forever.

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestRedirectsAreNeverFollowed checks that every 3xx becomes an *Error
// naming the status and the location, for a delete and a create, with the
// default HTTP client and with a caller's client that would follow, and
// that the other host never sees a request, a key or a body.
func TestRedirectsAreNeverFollowed(t *testing.T) {
	ctx := context.Background()
	var elsewhere atomic.Int64
	other := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		elsewhere.Add(1)
		writeJSON(w, 200, `{"type":"user_deleted","id":"user_01"}`)
	})
	follows := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return nil }}
	calls := map[string]func(c *admin.Client) error{
		"remove user": func(c *admin.Client) error { _, err := c.Users.Remove(ctx, "user_01"); return err },
		"create invite": func(c *admin.Client) error {
			_, err := c.Invites.Create(ctx, admin.CreateInviteRequest{Email: "a@example.com", Role: admin.AssignableOrganizationRoleUser})
			return err
		},
	}
	for _, status := range []int{301, 302, 303, 307, 308} {
		for name, call := range calls {
			for _, hc := range []*http.Client{nil, follows} {
				t.Run(fmt.Sprintf("%d %s caller-client=%t", status, name, hc != nil), func(t *testing.T) {
					target := strings.Replace(other.URL, "127.0.0.1", "localhost", 1) + "/steal"
					srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
						http.Redirect(w, r, target, status)
					})
					var opts []admin.Option
					if hc != nil {
						opts = append(opts, admin.WithHTTPClient(hc))
					}
					c, _ := newClient(t, srv.URL, opts...)
					err := call(c)
					var e *admin.Error
					if !errors.As(err, &e) || e.StatusCode != status || !errors.Is(err, admin.ErrUnexpectedResponse) {
						t.Fatalf("err = %v, want an *Error with status %d matching ErrUnexpectedResponse", err, status)
					}
					if !strings.Contains(err.Error(), target) {
						t.Errorf("error %q does not name the location %s", err, target)
					}
					if srv.calls.Load() != 1 {
						t.Errorf("redirecting server saw %d requests, want 1 (no retry)", srv.calls.Load())
					}
				})
			}
		}
	}
	if n := elsewhere.Load(); n != 0 {
		t.Errorf("the redirect target received %d requests", n)
	}
	if follows.CheckRedirect == nil {
		t.Error("the caller's http.Client was modified")
	}
}

// TestWrongObjectIsAnError checks that a 2xx body that is not the object
// the operation returns is an error with the body excerpt, never a zero
// value with a nil error.
func TestWrongObjectIsAnError(t *testing.T) {
	ctx := context.Background()
	const workspace = `{"type":"workspace","id":"wrkspc_1","name":"w","display_color":"#6C5BB9","created_at":"2025-01-02T03:04:05Z","archived_at":null,"data_residency":{"workspace_geo":"us","allowed_inference_geos":"unrestricted","default_inference_geo":"us"}}`
	getUser := func(c *admin.Client) error { _, err := c.Users.Get(ctx, "user_01"); return err }
	listUsers := func(c *admin.Client) error { _, err := c.Users.List(ctx, nil); return err }
	removeUser := func(c *admin.Client) error { _, err := c.Users.Remove(ctx, "user_01"); return err }
	for _, tc := range []struct {
		name, body string
		call       func(*admin.Client) error
		why        string
	}{
		{"empty object", `{}`, getUser, `type ""`},
		{"null", `null`, getUser, "not a JSON object"},
		{"empty body", ``, getUser, "not a JSON object"},
		{"array", `[]`, getUser, "not a JSON object"},
		{"error envelope", `{"type":"error","error":{"type":"api_error","message":"boom"}}`, getUser, `type "error"`},
		{"workspace for a user", workspace, getUser, `type "workspace"`},
		{"user without id", strings.Replace(userJSON, `"user_01"`, `""`, 1), getUser, "empty id"},
		{"user for a removal", userJSON, removeUser, `type "user"`},
		{"list without data", `{"has_more":false}`, listUsers, "no data list"},
		{"list as error envelope", `{"type":"error","error":{"type":"api_error","message":"boom"}}`, listUsers, "no data list"},
		{"list of workspaces", `{"data":[` + workspace + `],"has_more":false,"first_id":"wrkspc_1","last_id":"wrkspc_1"}`, listUsers, `data[0]: type "workspace"`},
		{"trailing garbage", userJSON + `x`, getUser, "decode 200 response"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, tc.body) })
			c, _ := newClient(t, srv.URL)
			err := tc.call(c)
			var e *admin.Error
			if !errors.As(err, &e) || !errors.Is(err, admin.ErrUnexpectedResponse) {
				t.Fatalf("err = %v, want an *Error matching ErrUnexpectedResponse", err)
			}
			if e.StatusCode != 200 || e.RequestID != "req_test" || e.Body != tc.body {
				t.Errorf("error = %+v, want status 200, the request ID and the body %q", *e, tc.body)
			}
			if !strings.Contains(e.Message, tc.why) {
				t.Errorf("message %q does not say %q", e.Message, tc.why)
			}
		})
	}
}

// TestPaginationEndsWhenACursorRepeats checks that a server repeating an
// ID cursor or cycling between page tokens stops All and Pages with an
// error after a bounded number of requests.
func TestPaginationEndsWhenACursorRepeats(t *testing.T) {
	ctx := context.Background()
	t.Run("last_id", func(t *testing.T) {
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, `{"data":[`+userJSON+`],"has_more":true,"first_id":"user_01","last_id":"user_01"}`)
		})
		c, _ := newClient(t, srv.URL)
		n, err := drain(c.Users.All(ctx, nil))
		if !errors.Is(err, admin.ErrUnexpectedResponse) || !strings.Contains(err.Error(), `after_id="user_01"`) {
			t.Fatalf("err = %v, want ErrUnexpectedResponse naming the repeated cursor", err)
		}
		if got := srv.calls.Load(); got != 2 || n != 2 {
			t.Errorf("requests = %d, users = %d; want 2 and 2", got, n)
		}
	})
	t.Run("first_id backwards", func(t *testing.T) {
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, `{"data":[`+userJSON+`],"has_more":true,"first_id":"user_00","last_id":"user_01"}`)
		})
		c, _ := newClient(t, srv.URL)
		_, err := drain(c.Users.All(ctx, &admin.ListUsersParams{BeforeID: "user_09"}))
		if !errors.Is(err, admin.ErrUnexpectedResponse) || srv.calls.Load() != 2 {
			t.Fatalf("err = %v after %d requests, want ErrUnexpectedResponse after 2", err, srv.calls.Load())
		}
	})
	t.Run("next_page cycle", func(t *testing.T) {
		srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
			next := "page_a"
			if r.URL.Query().Get("page") == "page_a" {
				next = "page_b"
			}
			writeJSON(w, 200, `{"data":[],"has_more":true,"next_page":"`+next+`"}`)
		})
		c, _ := newClient(t, srv.URL)
		var pages int
		var err error
		for _, err = range c.RateLimits.Pages(ctx, nil) {
			if err != nil {
				break
			}
			pages++
		}
		if !errors.Is(err, admin.ErrUnexpectedResponse) || !strings.Contains(err.Error(), `next_page="page_a"`) {
			t.Fatalf("err = %v, want ErrUnexpectedResponse naming page_a", err)
		}
		if got := srv.calls.Load(); got != 3 || pages != 3 {
			t.Errorf("requests = %d, pages = %d; want 3 and 3", got, pages)
		}
	})
}

// drain runs an All iterator to its end and returns the number of items
// and the error it yielded.
func drain[T any](seq func(func(T, error) bool)) (int, error) {
	n := 0
	for _, err := range seq {
		if err != nil {
			return n, err
		}
		n++
	}
	return n, nil
}

// TestResponseBodyIsCapped checks that a 2xx body past the limit fails
// without being read whole, with a Content-Length and streamed.
func TestResponseBodyIsCapped(t *testing.T) {
	for _, chunked := range []bool{false, true} {
		t.Run(fmt.Sprintf("chunked=%t", chunked), func(t *testing.T) {
			var written atomic.Int64
			const size = 300 << 20
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				if !chunked {
					w.Header().Set("Content-Length", fmt.Sprint(size))
				}
				w.WriteHeader(200)
				chunk := []byte(`{"data":[` + strings.Repeat(" ", 64<<10-9))
				for written.Load() < size {
					n, err := w.Write(chunk)
					written.Add(int64(n))
					if err != nil {
						return
					}
					chunk = []byte(strings.Repeat(" ", 64<<10))
				}
			})
			c, _ := newClient(t, srv.URL, admin.WithMaxResponseBytes(1<<20))
			_, err := c.Users.List(context.Background(), nil)
			var e *admin.Error
			if !errors.As(err, &e) || !errors.Is(err, admin.ErrUnexpectedResponse) || !strings.Contains(e.Message, "exceeds the limit of 1048576 bytes") {
				t.Fatalf("err = %v, want an *Error naming the 1 MiB limit", err)
			}
			srv.Close() // waits for the handler, which stops when the client hangs up
			if got := written.Load(); got >= size {
				t.Errorf("the client read the whole %d-byte body", got)
			}
		})
	}
	if _, err := admin.NewClient(testKey, admin.WithMaxResponseBytes(0)); err == nil {
		t.Error("WithMaxResponseBytes(0) accepted")
	}
}

// TestNoKeyFragmentInErrors checks that a proxy echoing the key where the
// 1 KiB excerpt cuts it leaks none of its characters, in Body or Error().
func TestNoKeyFragmentInErrors(t *testing.T) {
	for _, at := range []int{0, 1000, 1014, 1020, 1023, 1024, 1030} {
		t.Run(fmt.Sprint(at), func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				key := r.Header.Get("x-api-key")
				w.Header().Set("request-id", "req_"+key[:20])
				w.WriteHeader(502)
				io.WriteString(w, strings.Repeat("x", at)+key+" "+key[10:]+" "+key[:9])
			})
			c, _ := newClient(t, srv.URL, admin.WithMaxRetries(0))
			_, err := c.Users.Get(context.Background(), "user_01")
			var e *admin.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v", err)
			}
			text := err.Error() + "\n" + e.Body + "\n" + e.RequestID
			for i := 0; i+8 <= len(testKey); i++ {
				if strings.Contains(text, testKey[i:i+8]) {
					t.Fatalf("fragment %q of the key leaked in %q", testKey[i:i+8], text)
				}
			}
			if cut := strings.TrimSuffix(e.Body, "…"); cut != e.Body && strings.HasSuffix(cut, "sk") {
				t.Errorf("body ends with the start of the key: %q", e.Body[len(e.Body)-20:])
			}
		})
	}
}

// TestKeysMustBePrintableASCII checks that NewClient refuses keys with
// control characters or non-ASCII bytes, such as a copied no-break space.
func TestKeysMustBePrintableASCII(t *testing.T) {
	for _, key := range []string{
		testKey + "\u00a0", "sk-ant-\u200bkey", testKey + "\x00", "sk-ant\x1b[2Jkey", testKey + "\x7f", "sk-ant-“key”",
	} {
		if _, err := admin.NewClient(key); err == nil {
			t.Errorf("NewClient(%q) accepted", key)
		}
		if _, err := admin.NewClient("", admin.WithComplianceKey(key)); err == nil {
			t.Errorf("WithComplianceKey(%q) accepted", key)
		}
	}
}

// TestBaseURLPasswordNeverPrinted checks that the password of a base
// URL's userinfo shows neither when printing the client nor in errors.
func TestBaseURLPasswordNeverPrinted(t *testing.T) {
	c, logs := newClient(t, "http://proxyuser:hunter2secret@"+closedAddr(t), admin.WithMaxRetries(0))
	_, err := c.Users.Get(context.Background(), "user_01")
	for _, s := range []string{fmt.Sprint(c), fmt.Sprintf("%+v %#v", c, c), c.BaseURL(), fmt.Sprint(err), logs.String()} {
		if strings.Contains(s, "hunter2secret") {
			t.Errorf("password shown: %s", s)
		}
	}
}

// TestDeadlineDuringRetryAfterMatchesBoth checks that a context deadline
// ending a Retry-After wait leaves an error that matches the deadline and
// the API error that caused the wait.
func TestDeadlineDuringRetryAfterMatchesBoth(t *testing.T) {
	srv := newRecorder(t, failThenSucceed(100, 429, rateLimited, userJSON, map[string]string{"Retry-After": "30"}))
	c, _ := newClient(t, srv.URL)
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err := c.Users.Get(ctx, "user_01")
	var e *admin.Error
	if !errors.Is(err, context.DeadlineExceeded) || !errors.Is(err, admin.ErrRateLimited) || !errors.As(err, &e) || e.StatusCode != 429 {
		t.Fatalf("err = %v, want it to match context.DeadlineExceeded, ErrRateLimited and *Error", err)
	}
}

// TestResponseHeaderTimeoutIsRetried checks that a server that never
// answers costs a bounded time per attempt (here the caller's own
// response-header timeout), that a read is retried, and a create is not.
func TestResponseHeaderTimeoutIsRetried(t *testing.T) {
	hang := make(chan struct{})
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-hang:
		case <-r.Context().Done():
		}
	})
	t.Cleanup(func() { close(hang) }) // before srv.Close, which waits for the handlers
	hc := &http.Client{Transport: &http.Transport{ResponseHeaderTimeout: 50 * time.Millisecond}}
	c, _ := newClient(t, srv.URL, admin.WithHTTPClient(hc), admin.WithMaxRetries(2))
	if _, err := c.Users.Get(context.Background(), "user_01"); err == nil || !strings.Contains(err.Error(), "timeout awaiting response headers") {
		t.Fatalf("err = %v, want a response-header timeout", err)
	}
	if got := srv.calls.Load(); got != 3 {
		t.Errorf("get: %d attempts, want 3", got)
	}
	if _, err := c.Workspaces.Create(context.Background(), admin.CreateWorkspaceRequest{Name: "w"}); err == nil {
		t.Fatal("create succeeded against a server that never answers")
	}
	if got := srv.calls.Load(); got != 4 {
		t.Errorf("create: %d attempts, want 1 (a written create is never re-sent)", got-3)
	}
}

// TestConcurrentMembershipChangeIsRetried checks that a 409 whose code says
// the conflict was a concurrent change is retried like a 429, creates
// included, while other 409s are not.
func TestConcurrentMembershipChangeIsRetried(t *testing.T) {
	ctx := context.Background()
	const concurrent = `{"type":"error","error":{"type":"conflict_error","message":"try again","details":{"error_code":"concurrent_membership_change"}}}`
	const duplicate = `{"type":"error","error":{"type":"conflict_error","message":"already a member"}}`
	removed := `{"type":"user_deleted","id":"user_01"}`
	for _, tc := range []struct {
		name      string
		body, ok  string
		header    map[string]string
		call      func(*admin.Client) error
		wantCalls int64
	}{
		{"remove user", concurrent, removed, nil, func(c *admin.Client) error { _, err := c.Users.Remove(ctx, "user_01"); return err }, 2},
		{"add member (a create)", concurrent, createdJSON["member"], nil, func(c *admin.Client) error {
			_, err := c.WorkspaceMembers.Add(ctx, "wrkspc_1", admin.AddWorkspaceMemberRequest{UserID: "user_1", WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser})
			return err
		}, 2},
		{"x-should-retry false wins", concurrent, removed, map[string]string{"x-should-retry": "false"}, func(c *admin.Client) error { _, err := c.Users.Remove(ctx, "user_01"); return err }, 1},
		{"other conflicts are final", duplicate, removed, nil, func(c *admin.Client) error { _, err := c.Users.Remove(ctx, "user_01"); return err }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecorder(t, failThenSucceed(1, 409, tc.body, tc.ok, tc.header))
			c, _ := newClient(t, srv.URL)
			err := tc.call(c)
			if got := srv.calls.Load(); got != tc.wantCalls {
				t.Errorf("calls = %d, want %d (err %v)", got, tc.wantCalls, err)
			}
			var e *admin.Error
			if tc.wantCalls == 1 && (!errors.As(err, &e) || !errors.Is(err, admin.ErrConflict)) {
				t.Errorf("err = %v, want the 409", err)
			}
			if tc.wantCalls == 1 && tc.body == concurrent && e.Code != admin.ErrorCodeConcurrentMembershipChange {
				t.Errorf("Code = %q", e.Code)
			}
		})
	}
}

// TestCreateNotResentAfterLostConnection checks that a create whose request
// was written is not sent again when the connection then ends, cleanly
// (EOF) or with a reset.
func TestCreateNotResentAfterLostConnection(t *testing.T) {
	for _, reset := range []bool{false, true} {
		t.Run(fmt.Sprintf("reset=%t", reset), func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				_, _ = io.Copy(io.Discard, r.Body)
				conn, _, err := http.NewResponseController(w).Hijack()
				if err != nil {
					t.Error(err)
					return
				}
				if tcp, ok := conn.(*net.TCPConn); ok && reset {
					_ = tcp.SetLinger(0) // close sends RST
				}
				conn.Close()
			})
			c, _ := newClient(t, srv.URL, admin.WithMaxRetries(3))
			_, err := c.Invites.Create(context.Background(), admin.CreateInviteRequest{Email: "a@example.com", Role: admin.AssignableOrganizationRoleUser})
			if err == nil {
				t.Fatal("create succeeded")
			}
			if got := srv.calls.Load(); got != 1 {
				t.Errorf("the create was sent %d times, want 1: %v", got, err)
			}
			// A read is retried after the same failure.
			_, _ = c.Users.Get(context.Background(), "user_01")
			if got := srv.calls.Load(); got != 5 {
				t.Errorf("the read was sent %d times, want 4", got-1)
			}
		})
	}
}
