package admin_test

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// codedError returns an error envelope with an error code and, when
// extra is not empty, further details (a JSON fragment such as
// `"workspace_id":"wrkspc_1"`).
func codedError(typ string, code admin.ErrorCode, extra string) string {
	details := `"error_code":"` + string(code) + `"`
	if extra != "" {
		details += "," + extra
	}
	return `{"type":"error","error":{"type":"` + typ + `","message":"coded","details":{` + details + `}},"request_id":"req_body"}`
}

// TestErrorCodeDecoding checks that an error's code, its details and the
// anthropic-workspace-id header reach the *Error, that an unknown code is
// kept as it is, and that details of an unexpected shape lose only
// themselves.
func TestErrorCodeDecoding(t *testing.T) {
	for _, tc := range []struct {
		name        string
		status      int
		body        string
		header      map[string]string
		wantCode    admin.ErrorCode
		wantDetails map[string]any
		wantWS      string
		wantType    string
		known       bool
	}{
		{
			name: "known code", status: 400, body: codedError("invalid_request_error", admin.ErrorCodeInviteAlreadyExists, ""),
			wantCode: admin.ErrorCodeInviteAlreadyExists, wantDetails: map[string]any{"error_code": "invite_already_exists"},
			wantType: "invalid_request_error", known: true,
		},
		{
			name: "unknown code is kept", status: 400, body: codedError("invalid_request_error", "brand_new_code", `"n":1,"list":["a"]`),
			wantCode: "brand_new_code", wantDetails: map[string]any{"error_code": "brand_new_code", "n": 1.0, "list": []any{"a"}},
			wantType: "invalid_request_error",
		},
		{
			name: "workspace header", status: 403, body: codedError("permission_error", admin.ErrorCodeSandboxEgressRestricted, ""),
			header:   map[string]string{"anthropic-workspace-id": "wrkspc_from_header"},
			wantCode: admin.ErrorCodeSandboxEgressRestricted, wantDetails: map[string]any{"error_code": "sandbox_egress_restricted"},
			wantWS: "wrkspc_from_header", wantType: "permission_error", known: true,
		},
		{
			name: "details not an object", status: 400, body: `{"type":"error","error":{"type":"invalid_request_error","message":"m","details":"odd"}}`,
			wantType: "invalid_request_error",
		},
		{
			name: "error_code not a string", status: 400, body: `{"type":"error","error":{"type":"invalid_request_error","message":"m","details":{"error_code":7}}}`,
			wantDetails: map[string]any{"error_code": 7.0}, wantType: "invalid_request_error",
		},
		{
			name: "null details", status: 404, body: `{"type":"error","error":{"type":"not_found_error","message":"m","details":null}}`,
			wantType: "not_found_error",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
				for k, v := range tc.header {
					w.Header().Set(k, v)
				}
				writeJSON(w, tc.status, tc.body)
			})
			c, _ := newClient(t, srv.URL, admin.WithMaxRetries(0))
			_, err := c.Users.Get(context.Background(), "user_x")
			var e *admin.Error
			if !errors.As(err, &e) {
				t.Fatalf("err = %v, want *admin.Error", err)
			}
			if e.Code != tc.wantCode || e.Type != tc.wantType || e.WorkspaceID != tc.wantWS || e.Code.Valid() != tc.known {
				t.Errorf("Code %q (valid %v), Type %q, WorkspaceID %q; want %q (valid %v), %q, %q",
					e.Code, e.Code.Valid(), e.Type, e.WorkspaceID, tc.wantCode, tc.known, tc.wantType, tc.wantWS)
			}
			if d := cmp.Diff(tc.wantDetails, e.Details); d != "" {
				t.Errorf("Details (-want +got):\n%s", d)
			}
			if e.Message != "coded" && e.Message != "m" {
				t.Errorf("Message = %q: the envelope was lost", e.Message)
			}
			if tc.wantCode != "" && !strings.Contains(err.Error(), " ("+string(tc.wantCode)+"): ") {
				t.Errorf("Error() = %q does not show the code", err)
			}
			if e.CreatedWorkspaceID() != "" {
				t.Errorf("CreatedWorkspaceID() = %q for %s", e.CreatedWorkspaceID(), e.Code)
			}
		})
	}
}

// TestErrorDetailsRedacted checks that a key echoed in the details, as a
// value, a nested value or a field name, is redacted like the message.
func TestErrorDetailsRedacted(t *testing.T) {
	body := codedError("invalid_request_error", admin.ErrorCodeAlreadyMember,
		`"echo":"key `+testKey+`","nested":{"list":["`+testKey+`"]},"`+testKey+`":true`)
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 400, body) })
	c, _ := newClient(t, srv.URL, admin.WithMaxRetries(0))
	_, err := c.Users.Get(context.Background(), "user_x")
	var e *admin.Error
	if !errors.As(err, &e) {
		t.Fatalf("err = %v", err)
	}
	want := map[string]any{
		"error_code": "already_member",
		"echo":       "key [redacted]",
		"nested":     map[string]any{"list": []any{"[redacted]"}},
		"[redacted]": true,
	}
	if d := cmp.Diff(want, e.Details); d != "" {
		t.Errorf("Details (-want +got):\n%s", d)
	}
}

// TestCreatedWorkspaceID checks that after workspace_created_incomplete
// the error names the workspace that exists, through the accessor and in
// its text.
func TestCreatedWorkspaceID(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, 503, codedError("api_error", admin.ErrorCodeWorkspaceCreatedIncomplete, `"workspace_id":"wrkspc_made"`))
	})
	c, _ := newClient(t, srv.URL)
	_, err := c.Workspaces.Create(context.Background(), admin.CreateWorkspaceRequest{Name: "w"})
	var e *admin.Error
	if !errors.As(err, &e) || !errors.Is(err, admin.ErrServer) {
		t.Fatalf("err = %v, want a 503 *admin.Error", err)
	}
	if got := e.CreatedWorkspaceID(); got != "wrkspc_made" {
		t.Errorf("CreatedWorkspaceID() = %q, want wrkspc_made", got)
	}
	want := "admin: create workspace: 503 api_error (workspace_created_incomplete): coded (workspace wrkspc_made was created: do not send the create again) (request-id req_test)"
	if err.Error() != want {
		t.Errorf("Error() =\n%q, want\n%q", err.Error(), want)
	}
	if got := srv.calls.Load(); got != 1 {
		t.Errorf("calls = %d, want 1", got)
	}
	// The accessor reads the details of this code only.
	other := &admin.Error{Code: admin.ErrorCodeChangeOutcomeUnknown, Details: map[string]any{"workspace_id": "wrkspc_x"}}
	if got := other.CreatedWorkspaceID(); got != "" {
		t.Errorf("CreatedWorkspaceID() of change_outcome_unknown = %q, want empty", got)
	}
}

// TestRetryByErrorCode checks the retry meaning of the error codes and
// how it combines with x-should-retry and with creates, against a
// recording server: each row answers the first request with the error and
// the second with success.
func TestRetryByErrorCode(t *testing.T) {
	ctx := context.Background()
	removeUser := func(c *admin.Client) error { _, err := c.Users.Remove(ctx, "user_01"); return err }
	addMember := func(c *admin.Client) error {
		_, err := c.WorkspaceMembers.Add(ctx, "wrkspc_1", admin.AddWorkspaceMemberRequest{UserID: "user_1", WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser})
		return err
	}
	updateWorkspace := func(c *admin.Client) error {
		_, err := c.Workspaces.Update(ctx, "wrkspc_1", admin.UpdateWorkspaceRequest{Name: admin.Ptr("w")})
		return err
	}
	createWorkspace := func(c *admin.Client) error {
		_, err := c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "w"})
		return err
	}
	const (
		removed = `{"type":"user_deleted","id":"user_01"}`
	)
	concurrent := codedError("conflict_error", admin.ErrorCodeConcurrentMembershipChange, "")
	outcome := codedError("api_error", admin.ErrorCodeChangeOutcomeUnknown, "")
	incomplete := codedError("api_error", admin.ErrorCodeWorkspaceCreatedIncomplete, `"workspace_id":"wrkspc_1"`)
	for _, tc := range []struct {
		name      string
		status    int
		body, ok  string
		header    string // x-should-retry
		call      func(*admin.Client) error
		wantCalls int64
	}{
		{"concurrent_membership_change: an update is retried", 409, concurrent, removed, "", removeUser, 2},
		{"concurrent_membership_change: a create is retried", 409, concurrent, createdJSON["member"], "", addMember, 2},
		{"concurrent_membership_change: x-should-retry false wins (update)", 409, concurrent, removed, "false", removeUser, 1},
		{"concurrent_membership_change: x-should-retry false wins (create)", 409, concurrent, createdJSON["member"], "false", addMember, 1},
		{"change_outcome_unknown: the update is re-sent", 503, outcome, createdJSON["workspace"], "", updateWorkspace, 2},
		{"change_outcome_unknown: re-sent whatever its status", 409, outcome, createdJSON["workspace"], "", updateWorkspace, 2},
		{"change_outcome_unknown: x-should-retry false wins", 503, outcome, createdJSON["workspace"], "false", updateWorkspace, 1},
		{"change_outcome_unknown: never re-sends a create", 503, outcome, createdJSON["workspace"], "", createWorkspace, 1},
		{"workspace_created_incomplete: the create is not re-sent", 503, incomplete, createdJSON["workspace"], "", createWorkspace, 1},
		{"workspace_created_incomplete: not even with x-should-retry true", 503, incomplete, createdJSON["workspace"], "true", createWorkspace, 1},
		{"workspace_created_incomplete: nor for another operation", 503, incomplete, createdJSON["workspace"], "true", updateWorkspace, 1},
		{"429 on a create: x-should-retry false wins", 429, rateLimited, createdJSON["workspace"], "false", createWorkspace, 1},
		{"429 on a create without the header is retried", 429, rateLimited, createdJSON["workspace"], "", createWorkspace, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := map[string]string{}
			if tc.header != "" {
				h["x-should-retry"] = tc.header
			}
			srv := newRecorder(t, failThenSucceed(1, tc.status, tc.body, tc.ok, h))
			c, _ := newClient(t, srv.URL)
			err := tc.call(c)
			if got := srv.calls.Load(); got != tc.wantCalls {
				t.Fatalf("calls = %d, want %d (err %v)", got, tc.wantCalls, err)
			}
			if tc.wantCalls == 2 && err != nil {
				t.Errorf("err = %v after the retry", err)
			}
			var e *admin.Error
			if tc.wantCalls == 1 && (!errors.As(err, &e) || e.StatusCode != tc.status) {
				t.Errorf("err = %v, want the %d", err, tc.status)
			}
		})
	}
}

// TestErrorCodesAgainstTheFake checks the same retry meanings through
// the public API against the fake, with faults that carry codes: the
// operation is or is not performed again, and the error says what the
// caller needs.
func TestErrorCodesAgainstTheFake(t *testing.T) {
	defer catch(t)
	ctx := context.Background()

	t.Run("concurrent_membership_change is retried", func(t *testing.T) {
		defer catch(t)
		srv, c := newFake(t)
		u := must(srv.AddUser(admintest.UserSeed{Email: "a@example.com"}))
		must(srv.AddUser(admintest.UserSeed{Email: "b@example.com"}))
		must(0, srv.FailNext(admin.OpRemoveUser, 1, admintest.Fault{Status: 409, Code: admin.ErrorCodeConcurrentMembershipChange}))
		must(c.Users.Remove(ctx, u.ID))
		if n := srv.Calls(admin.OpRemoveUser); n != 2 {
			t.Errorf("remove calls = %d, want 2", n)
		}
		if _, err := c.Users.Get(ctx, u.ID); !errors.Is(err, admin.ErrNotFound) {
			t.Errorf("after the retry, get = %v, want not found", err)
		}
	})

	t.Run("change_outcome_unknown is re-sent and finishes", func(t *testing.T) {
		defer catch(t)
		srv, c := newFake(t)
		ws := must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "Before"}))
		must(0, srv.FailNext(admin.OpUpdateWorkspace, 1, admintest.Fault{Status: 503, Code: admin.ErrorCodeChangeOutcomeUnknown, Processed: true}))
		got := must(c.Workspaces.Update(ctx, ws.ID, admin.UpdateWorkspaceRequest{Name: admin.Ptr("After")}))
		if got.Name != "After" || srv.Calls(admin.OpUpdateWorkspace) != 2 {
			t.Errorf("name %q after %d calls, want After after 2", got.Name, srv.Calls(admin.OpUpdateWorkspace))
		}
	})

	t.Run("change_outcome_unknown with x-should-retry false is returned", func(t *testing.T) {
		defer catch(t)
		srv, c := newFake(t)
		ws := must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "W"}))
		must(0, srv.FailNext(admin.OpUpdateWorkspace, 1, admintest.Fault{Status: 503, Code: admin.ErrorCodeChangeOutcomeUnknown,
			Header: http.Header{"X-Should-Retry": {"false"}, "Anthropic-Workspace-Id": {ws.ID}}}))
		_, err := c.Workspaces.Update(ctx, ws.ID, admin.UpdateWorkspaceRequest{Name: admin.Ptr("X")})
		var e *admin.Error
		if !errors.As(err, &e) || e.Code != admin.ErrorCodeChangeOutcomeUnknown || e.WorkspaceID != ws.ID {
			t.Fatalf("err = %v, want change_outcome_unknown with the workspace header", err)
		}
		if n := srv.Calls(admin.OpUpdateWorkspace); n != 1 {
			t.Errorf("update calls = %d, want 1", n)
		}
	})

	t.Run("workspace_created_incomplete names the workspace and is not re-sent", func(t *testing.T) {
		defer catch(t)
		srv, c := newFake(t)
		must(0, srv.FailNext(admin.OpCreateWorkspace, 1, admintest.Fault{Status: 503, Code: admin.ErrorCodeWorkspaceCreatedIncomplete}))
		_, err := c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "Half"})
		var e *admin.Error
		if !errors.As(err, &e) || e.Code != admin.ErrorCodeWorkspaceCreatedIncomplete {
			t.Fatalf("err = %v, want workspace_created_incomplete", err)
		}
		id := e.CreatedWorkspaceID()
		if id == "" || !strings.Contains(err.Error(), id) {
			t.Fatalf("CreatedWorkspaceID() = %q, error %q: want the ID, named in the text", id, err)
		}
		if n := srv.Calls(admin.OpCreateWorkspace); n != 1 {
			t.Errorf("create calls = %d, want 1", n)
		}
		if got := must(c.Workspaces.Get(ctx, id)); got.Name != "Half" {
			t.Errorf("the created workspace is %+v", got)
		}
		all := collect(t, c.Workspaces.All(ctx, nil))
		if len(all) != 1 {
			t.Errorf("%d workspaces, want the 1 created", len(all))
		}
	})
}
