package admintest

import (
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// TestInviteErrorCodes checks the codes of refused invites: the message
// names the member or the invite that is in the way.
func TestInviteErrorCodes(t *testing.T) {
	f := newFake(t, WithSeatLimit(3))
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "member@example.com"}))
	inv := ok[gen.Invite](f, "POST", "/v1/organizations/invites", map[string]string{"email": "invited@example.com", "role": "user"})

	e := f.failsWithCode("POST", "/v1/organizations/invites", map[string]string{"email": "Member@Example.com", "role": "user"}, 400, errInvalidRequest, gen.ErrorCodeAlreadyMember)
	if !strings.Contains(e.Error.Message, u.ID) {
		t.Errorf("already_member message %q does not name %s", e.Error.Message, u.ID)
	}
	e = f.failsWithCode("POST", "/v1/organizations/invites", map[string]string{"email": "invited@example.com", "role": "developer"}, 400, errInvalidRequest, gen.ErrorCodeInviteAlreadyExists)
	if !strings.Contains(e.Error.Message, inv.ID) {
		t.Errorf("invite_already_exists message %q does not name %s", e.Error.Message, inv.ID)
	}
	// One seat is left: the next invite takes it, the one after is refused.
	ok[gen.Invite](f, "POST", "/v1/organizations/invites", map[string]string{"email": "third@example.com", "role": "user"})
	f.failsWithCode("POST", "/v1/organizations/invites", map[string]string{"email": "fourth@example.com", "role": "user"}, 400, errInvalidRequest, gen.ErrorCodeOrgMemberLimitExceeded)
	// A deleted invite frees its seat and its email.
	ok[gen.InviteDeleted](f, "DELETE", "/v1/organizations/invites/"+inv.ID, nil)
	ok[gen.Invite](f, "POST", "/v1/organizations/invites", map[string]string{"email": "invited@example.com", "role": "user"})
}

// TestCannotRemoveLastMember checks that the organization's only member
// cannot be removed, and can once another member exists.
func TestCannotRemoveLastMember(t *testing.T) {
	f := newFake(t)
	only := must[gen.User](t)(f.AddUser(UserSeed{Email: "only@example.com"}))
	f.failsWithCode("DELETE", "/v1/organizations/users/"+only.ID, nil, 400, errInvalidRequest, gen.ErrorCodeCannotRemoveLastMember)
	f.fails("DELETE", "/v1/organizations/users/user_nobody", nil, 404, errNotFound)
	must[gen.User](t)(f.AddUser(UserSeed{Email: "second@example.com"}))
	ok[gen.UserDeleted](f, "DELETE", "/v1/organizations/users/"+only.ID, nil)
}

// TestWorkspaceMemberLimit checks WithWorkspaceMemberLimit through the API
// and the seed method, per workspace.
func TestWorkspaceMemberLimit(t *testing.T) {
	f := newFake(t, WithWorkspaceMemberLimit(2))
	users := seedUsers(t, f, 4)
	w := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Small"}))
	other := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Other"}))
	path := "/v1/organizations/workspaces/" + w.ID + "/members"
	must[gen.WorkspaceMember](t)(f.AddWorkspaceMember(w.ID, users[0].ID, gen.WorkspaceRoleWorkspaceUser))
	ok[gen.WorkspaceMember](f, "POST", path, map[string]string{"user_id": users[1].ID, "workspace_role": "workspace_user"})
	f.failsWithCode("POST", path, map[string]string{"user_id": users[2].ID, "workspace_role": "workspace_user"}, 400, errInvalidRequest, gen.ErrorCodeWorkspaceMemberLimitExceeded)
	if _, err := f.AddWorkspaceMember(w.ID, users[3].ID, gen.WorkspaceRoleWorkspaceUser); err == nil || !strings.Contains(err.Error(), "workspace_member_limit_exceeded") {
		t.Errorf("seeding a third member: %v, want workspace_member_limit_exceeded", err)
	}
	// A member already in is a conflict, not a limit; other workspaces have room.
	f.fails("POST", path, map[string]string{"user_id": users[1].ID, "workspace_role": "workspace_user"}, 409, errConflict)
	ok[gen.WorkspaceMember](f, "POST", "/v1/organizations/workspaces/"+other.ID+"/members", map[string]string{"user_id": users[2].ID, "workspace_role": "workspace_user"})
	// Removing a member makes room.
	ok[gen.WorkspaceMemberDeleted](f, "DELETE", path+"/"+users[0].ID, nil)
	ok[gen.WorkspaceMember](f, "POST", path, map[string]string{"user_id": users[2].ID, "workspace_role": "workspace_user"})
}
