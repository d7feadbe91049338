package admintest

import (
	"net/http"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestFaultWithCode checks that a fault's code, details and headers reach
// the response, in an envelope the spec accepts (as every response of
// these tests is validated).
func TestFaultWithCode(t *testing.T) {
	f := newFake(t)
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "a@example.com"}))
	must[gen.User](t)(f.AddUser(UserSeed{Email: "b@example.com"}))
	must[struct{}](t)(struct{}{}, f.FailNext(admin.OpRemoveUser, 1, Fault{
		Status:  409,
		Code:    admin.ErrorCodeConcurrentMembershipChange,
		Details: map[string]any{"hint": "later", "workspace_id": "wrkspc_x"},
		Header:  http.Header{"X-Should-Retry": {"false"}, "Request-Id": {"req_not_mine"}},
	}))
	r := f.do("DELETE", "/v1/organizations/users/"+u.ID, nil)
	e := r.err()
	want := map[string]any{"error_code": "concurrent_membership_change", "hint": "later", "workspace_id": "wrkspc_x"}
	if r.status != 409 || e.Error.Type != errConflict || !cmp.Equal(want, e.Error.Details) {
		t.Errorf("got %d %s details %v, want 409 conflict_error %v", r.status, e.Error.Type, e.Error.Details, want)
	}
	if r.header.Get("x-should-retry") != "false" || r.header.Get("request-id") != e.RequestID || e.RequestID == "req_not_mine" {
		t.Errorf("headers %v, request_id %q: want x-should-retry and the server's own request-id", r.header, e.RequestID)
	}
	// The fault fired once; the next call removes the user.
	ok[gen.UserDeleted](f, "DELETE", "/v1/organizations/users/"+u.ID, nil)

	// A code newer than package admin is sent as it is.
	must[struct{}](t)(struct{}{}, f.FailNext(admin.OpGetUser, 1, Fault{Status: 400, Code: "brand_new_code"}))
	f.failsWithCode("GET", "/v1/organizations/users/"+u.ID, nil, 400, errInvalidRequest, "brand_new_code")

	if err := f.FailNext(admin.OpGetUser, 1, Fault{Status: 400, Details: map[string]any{"a": 1}}); err == nil {
		t.Error("FailNext accepted details without a code")
	}
}

// TestFaultProcessed checks that a processed fault performs the call
// before it fails it, and that a call that fails on its own answers with
// its own error and uses the fault up.
func TestFaultProcessed(t *testing.T) {
	f := newFake(t)
	must[struct{}](t)(struct{}{}, f.FailNext(admin.OpCreateInvite, 1, Fault{Status: 500, Processed: true}))
	f.fails("POST", "/v1/organizations/invites", map[string]string{"email": "new@example.com", "role": "user"}, 500, errAPI)
	if got := ok[gen.InviteList](f, "GET", "/v1/organizations/invites", nil).Data; len(got) != 1 || got[0].Email != "new@example.com" {
		t.Errorf("invites after a processed fault: %+v, want the one created", got)
	}

	must[struct{}](t)(struct{}{}, f.FailNext(admin.OpCreateInvite, 1, Fault{Status: 500, Processed: true}))
	f.fails("POST", "/v1/organizations/invites", map[string]string{"email": "not-an-email", "role": "user"}, 400, errInvalidRequest)
	ok[gen.Invite](f, "POST", "/v1/organizations/invites", map[string]string{"email": "other@example.com", "role": "user"})
}

// TestFaultWorkspaceCreatedIncomplete checks that this code on a create
// creates the workspace and names it in the details, unless the details
// name one.
func TestFaultWorkspaceCreatedIncomplete(t *testing.T) {
	f := newFake(t)
	must[struct{}](t)(struct{}{}, f.FailNext(admin.OpCreateWorkspace, 1, Fault{Status: 503, Code: admin.ErrorCodeWorkspaceCreatedIncomplete}))
	e := f.failsWithCode("POST", "/v1/organizations/workspaces", map[string]string{"name": "Half"}, 503, errAPI, gen.ErrorCodeWorkspaceCreatedIncomplete)
	id, _ := e.Error.Details["workspace_id"].(string)
	if w := ok[gen.Workspace](f, "GET", "/v1/organizations/workspaces/"+id, nil); w.Name != "Half" {
		t.Errorf("details name workspace %q, which is %+v", id, w)
	}

	must[struct{}](t)(struct{}{}, f.FailNext(admin.OpCreateWorkspace, 1, Fault{Status: 503, Code: admin.ErrorCodeWorkspaceCreatedIncomplete,
		Details: map[string]any{"workspace_id": "wrkspc_given"}}))
	e = f.failsWithCode("POST", "/v1/organizations/workspaces", map[string]string{"name": "Second"}, 503, errAPI, gen.ErrorCodeWorkspaceCreatedIncomplete)
	if got := e.Error.Details["workspace_id"]; got != "wrkspc_given" {
		t.Errorf("workspace_id = %v, want the one given", got)
	}
	if n := len(ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces", nil).Data); n != 2 {
		t.Errorf("%d workspaces, want 2 (each create was performed)", n)
	}
}
