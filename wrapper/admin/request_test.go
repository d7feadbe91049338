package admin_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

func TestHeaders(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.Contains(r.URL.Path, "/compliance/") {
			writeJSON(w, 200, `{"data":[],"has_more":false,"next_page":null}`)
			return
		}
		writeJSON(w, 200, userJSON)
	})
	c, _ := newClient(t, srv.URL, admin.WithUserAgent("provisioner/1.2"))
	ctx := context.Background()
	if _, err := c.Users.Get(ctx, "user_01"); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ComplianceUsers.List(ctx, "org-uuid", nil); err != nil {
		t.Fatal(err)
	}
	reqs := srv.requests()
	adminReq, complianceReq := reqs[0], reqs[1]

	wantUA := "anthropic-admin-go/" + admin.Version + " Go/" + runtime.Version() + " provisioner/1.2"
	for _, r := range reqs {
		if got := r.Header.Get("anthropic-version"); got != "2023-06-01" {
			t.Errorf("%s: anthropic-version = %q", r.URL.Path, got)
		}
		if got := r.Header.Get("User-Agent"); got != wantUA {
			t.Errorf("%s: User-Agent = %q, want %q", r.URL.Path, got, wantUA)
		}
	}
	if got := adminReq.Header.Get("x-api-key"); got != testKey {
		t.Errorf("admin request x-api-key = %q", got)
	}
	if got := adminReq.Header.Get("Authorization"); got != "" {
		t.Errorf("admin request has Authorization %q", got)
	}
	if got := complianceReq.Header.Get("Authorization"); got != "Bearer "+testComplianceKey {
		t.Errorf("compliance Authorization = %q", got)
	}
	if got := complianceReq.Header.Get("x-api-key"); got != "" {
		t.Errorf("the Admin key was sent to the Compliance API: %q", got)
	}
}

func TestComplianceNeedsItsKey(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
	c, err := admin.NewClient(testKey, admin.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ComplianceUsers.List(context.Background(), "org", nil)
	if !errors.Is(err, admin.ErrMissingCredential) || !strings.Contains(err.Error(), "needs a Compliance Access Key (WithComplianceKey); this client has an Admin API key") {
		t.Errorf("err = %v, want ErrMissingCredential naming the Compliance key", err)
	}
	if srv.calls.Load() != 0 {
		t.Errorf("a request was sent without a Compliance key")
	}
}

// TestPathEscaping checks that an ID can never reach another route.
func TestPathEscaping(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 404, `{"type":"error","error":{"type":"not_found_error","message":"no"}}`)
	})
	c, _ := newClient(t, srv.URL, admin.WithMaxRetries(0))
	ctx := context.Background()
	for id, wantPath := range map[string]string{
		"../workspaces":          "/v1/organizations/users/..%2Fworkspaces",
		"../../v1/organizations": "/v1/organizations/users/..%2F..%2Fv1%2Forganizations",
		"a/b":                    "/v1/organizations/users/a%2Fb",
		"a?b=c#d":                "/v1/organizations/users/a%3Fb=c%23d",
		"%2F":                    "/v1/organizations/users/%252F",
		"user 1":                 "/v1/organizations/users/user%201",
	} {
		before := len(srv.requests())
		if _, err := c.Users.Get(ctx, id); !errors.Is(err, admin.ErrNotFound) {
			t.Errorf("Get(%q): err = %v, want ErrNotFound from the server", id, err)
		}
		reqs := srv.requests()
		if len(reqs) != before+1 {
			t.Fatalf("Get(%q): %d requests, want 1", id, len(reqs)-before)
		}
		got := reqs[len(reqs)-1].URL
		if got.EscapedPath() != wantPath || got.RawQuery != "" {
			t.Errorf("Get(%q) requested %q (query %q), want %q", id, got.EscapedPath(), got.RawQuery, wantPath)
		}
	}
}

func TestInvalidInputIsNotSent(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, `{}`) })
	c, _ := newClient(t, srv.URL)
	ctx := context.Background()
	calls := map[string]func() error{
		"empty user ID":     func() error { _, err := c.Users.Get(ctx, ""); return err },
		"dot-dot user ID":   func() error { _, err := c.Users.Remove(ctx, ".."); return err },
		"dot workspace ID":  func() error { _, err := c.Workspaces.Archive(ctx, "."); return err },
		"empty member user": func() error { _, err := c.WorkspaceMembers.Get(ctx, "wrkspc_1", ""); return err },
		"empty role":        func() error { _, err := c.Users.Update(ctx, "user_1", admin.UpdateUserRequest{}); return err },
		"negative limit": func() error {
			_, err := c.Users.List(ctx, &admin.ListUsersParams{Limit: -1})
			return err
		},
		"both cursors": func() error {
			_, err := c.Invites.List(ctx, &admin.ListInvitesParams{BeforeID: "a", AfterID: "b"})
			return err
		},
		"invite without email":   func() error { _, err := c.Invites.Create(ctx, admin.CreateInviteRequest{Role: "user"}); return err },
		"workspace without name": func() error { _, err := c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{}); return err },
		"empty API key update":   func() error { _, err := c.APIKeys.Update(ctx, "apikey_1", admin.UpdateAPIKeyRequest{}); return err },
		"report without start":   func() error { _, err := c.MessagesUsage.List(ctx, &admin.GetMessagesUsageReportParams{}); return err },
		"no rate limit changes": func() error {
			_, err := c.WorkspaceRateLimits.Update(ctx, "w", "r", admin.UpdateWorkspaceRateLimitRequest{})
			return err
		},
		"claude code without day": func() error {
			_, err := c.ClaudeCodeUsage.List(ctx, &admin.GetClaudeCodeUsageReportParams{})
			return err
		},
	}
	for name, call := range calls {
		if err := call(); !errors.Is(err, admin.ErrInvalidInput) {
			t.Errorf("%s: err = %v, want ErrInvalidInput", name, err)
		}
	}
	if n := srv.calls.Load(); n != 0 {
		t.Errorf("%d requests were sent for invalid input", n)
	}
}

func TestNewClientRejectsBadConfig(t *testing.T) {
	for name, opts := range map[string][]admin.Option{
		"relative base URL":   {admin.WithBaseURL("api.anthropic.com")},
		"ftp base URL":        {admin.WithBaseURL("ftp://example.com")},
		"negative retries":    {admin.WithMaxRetries(-1)},
		"nil HTTP client":     {admin.WithHTTPClient(nil)},
		"empty compliance":    {admin.WithComplianceKey("")},
		"bad backoff":         {admin.WithRetryBackoff(0, 0)},
		"newline user agent":  {admin.WithUserAgent("x\r\nInjected: 1")},
		"base URL with query": {admin.WithBaseURL("https://example.com/?a=b")},
	} {
		if _, err := admin.NewClient(testKey, opts...); err == nil {
			t.Errorf("%s: NewClient succeeded", name)
		} else if strings.Contains(err.Error(), testKey) {
			t.Errorf("%s: error shows the key: %v", name, err)
		}
	}
	if _, err := admin.NewClient(""); err == nil {
		t.Error("NewClient with an empty key succeeded")
	}
}

func TestComplianceOnlyClient(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 200, `{"data":[],"has_more":false,"next_page":null}`)
	})
	c, err := admin.NewClient("", admin.WithBaseURL(srv.URL), admin.WithComplianceKey(testComplianceKey))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.ComplianceUsers.List(context.Background(), "org", nil); err != nil {
		t.Errorf("Compliance.ListUsers: %v", err)
	}
	if _, err := c.Users.Get(context.Background(), "user_1"); !errors.Is(err, admin.ErrMissingCredential) {
		t.Errorf("Users.Get without an Admin key: err = %v, want ErrMissingCredential", err)
	}
	if n := srv.calls.Load(); n != 1 {
		t.Errorf("server saw %d requests, want 1 (the Compliance call only)", n)
	}
}

// TestKeyNeverShown fails if a key appears when a client is printed, in
// any error string, or in any log line.
func TestKeyNeverShown(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		// A misbehaving proxy that echoes the request headers.
		body := fmt.Sprintf("<html>echo: %s %s</html>", r.Header.Get("x-api-key"), r.Header.Get("Authorization"))
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(502)
		_, _ = w.Write([]byte(body))
	})
	c, logs := newClient(t, srv.URL, admin.WithMaxRetries(1))
	ctx := context.Background()
	var shown []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
		shown = append(shown, fmt.Sprintf(verb, c), fmt.Sprintf(verb, *c), fmt.Sprintf(verb, c.Users), fmt.Sprintf(verb, *c.Users))
	}
	_, err := c.Users.Get(ctx, "user_01")
	shown = append(shown, err.Error(), fmt.Sprintf("%+v", err), fmt.Sprintf("%#v", err))
	_, err = c.ComplianceUsers.List(ctx, "org", nil)
	shown = append(shown, err.Error(), fmt.Sprintf("%#v", err))
	var apiErr *admin.Error
	if errors.As(err, &apiErr) {
		shown = append(shown, apiErr.Body, apiErr.Message)
	}
	shown = append(shown, logs.String())
	secret := regexp.MustCompile(regexp.QuoteMeta(testKey) + "|" + regexp.QuoteMeta(testComplianceKey) + "|TESTKEY")
	for _, s := range shown {
		if secret.MatchString(s) {
			t.Errorf("a key is shown: %s", s)
		}
	}
	if !strings.Contains(logs.String(), "admin: request") {
		t.Errorf("the logger got no records; the check above proves nothing:\n%s", logs)
	}
}
