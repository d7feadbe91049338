package admintest

import (
	"net/http"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// TestComplianceSettings checks the singleton: enabled at first, set to
// either state (the same state again changes nothing), and a disabled
// Compliance API refusing its requests.
func TestComplianceSettings(t *testing.T) {
	f := newFake(t)
	path := "/v1/organizations/compliance_settings"
	users := "/v1/compliance/organizations/" + f.OrganizationID() + "/users"
	h := http.Header{}
	h.Set("Authorization", "Bearer "+f.ComplianceKey())
	h.Set("anthropic-version", APIVersion)
	compliance := func() int { return f.doWith("GET", users, nil, h).status }

	if s := ok[gen.ComplianceSettings](f, "GET", path, nil); s.State.Type != gen.ComplianceSettingsStateTypeEnabled || s.Type != gen.ComplianceSettingsTypeComplianceSettings {
		t.Fatalf("initial settings %+v", s)
	}
	for _, st := range []gen.ComplianceSettingsStateType{"disabled", "disabled", "enabled", "enabled", "disabled"} {
		s := ok[gen.ComplianceSettings](f, "POST", path, map[string]any{"state": map[string]any{"type": st}})
		if s.State.Type != st {
			t.Fatalf("set %s: got %s", st, s.State.Type)
		}
		if g := ok[gen.ComplianceSettings](f, "GET", path, nil); g.State.Type != st {
			t.Fatalf("get after set %s: %s", st, g.State.Type)
		}
		want := http.StatusOK
		if st == "disabled" {
			want = http.StatusForbidden
		}
		if got := compliance(); got != want {
			t.Errorf("Compliance API with state %s: status %d, want %d", st, got, want)
		}
	}
	if r := f.doWith("GET", users, nil, h); r.err().Error.Type != errPermission {
		t.Errorf("disabled Compliance API: %s", r.body)
	}
	// The Admin API is unaffected.
	ok[gen.Organization](f, "GET", "/v1/organizations/me", nil)
	f.fails("POST", path, map[string]any{"state": map[string]any{"type": "paused"}}, 400, errInvalidRequest)
	f.fails("POST", path, map[string]any{}, 400, errInvalidRequest)
}

// TestRBACGroups checks groups made, read, listed, renamed and deleted
// through the API, and the refusals of seeded SCIM and owner groups.
func TestRBACGroups(t *testing.T) {
	f := newFake(t)
	g := ok[gen.RBACGroup](f, "POST", "/v1/organizations/rbac_groups", map[string]any{"name": "Engineering"})
	if g.Name != "Engineering" || g.SourceType != gen.RBACGroupSourceTypeDirect || g.RoleIDs == nil || len(g.RoleIDs) != 0 ||
		g.Type != gen.RBACGroupTypeRBACGroup || !g.CreatedAt.Equal(t0) {
		t.Errorf("created %+v", g)
	}
	dup := ok[gen.RBACGroup](f, "POST", "/v1/organizations/rbac_groups", map[string]any{"name": "Engineering"})
	if dup.ID == g.ID {
		t.Error("two groups share an ID")
	}
	f.fails("POST", "/v1/organizations/rbac_groups", map[string]any{"name": ""}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/rbac_groups", map[string]any{"name": "  "}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/rbac_groups", map[string]any{}, 400, errInvalidRequest)

	f.Advance(time.Hour)
	r := ok[gen.RBACGroup](f, "POST", "/v1/organizations/rbac_groups/"+g.ID, map[string]any{"name": "Platform"})
	if r.Name != "Platform" || !r.UpdatedAt.Equal(t0.Add(time.Hour)) || !r.CreatedAt.Equal(t0) {
		t.Errorf("renamed %+v", r)
	}
	if got := ok[gen.RBACGroup](f, "GET", "/v1/organizations/rbac_groups/"+g.ID, nil); !cmp.Equal(r, got) {
		t.Errorf("get after rename %+v", got)
	}

	owner := builtInRoleID(t, f, "Owner")
	member := builtInRoleID(t, f, "Member")
	admins := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Admins", RoleIDs: []string{owner}}))
	scim := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Okta: Sales", RoleIDs: []string{member}, SCIM: true}))
	if scim.SourceType != gen.RBACGroupSourceTypeSCIM || !cmp.Equal(scim.RoleIDs, []string{member}) {
		t.Errorf("seeded SCIM group %+v", scim)
	}
	if _, err := f.AddRBACGroup(RBACGroupSeed{Name: "Ghost role", RoleIDs: []string{"rbac_role_nope"}}); err == nil {
		t.Error("AddRBACGroup took an unknown role")
	}
	if _, err := f.AddRBACGroup(RBACGroupSeed{Name: "Ghost member", MemberIDs: []string{"user_01nope"}}); err == nil {
		t.Error("AddRBACGroup took an unknown user")
	}

	var got []string
	path := "/v1/organizations/rbac_groups?limit=3"
	for {
		l := ok[gen.RBACGroupList](f, "GET", path, nil)
		for _, x := range l.Data {
			got = append(got, x.ID)
		}
		if l.NextPage == nil {
			break
		}
		path = "/v1/organizations/rbac_groups?limit=3&page=" + *l.NextPage
	}
	if diff := cmp.Diff([]string{g.ID, dup.ID, admins.ID, scim.ID}, got); diff != "" {
		t.Errorf("groups, oldest first (-want +got):\n%s", diff)
	}

	f.fails("POST", "/v1/organizations/rbac_groups/"+scim.ID, map[string]any{"name": "Renamed"}, 400, errInvalidRequest)
	f.fails("DELETE", "/v1/organizations/rbac_groups/"+scim.ID, nil, 400, errInvalidRequest)
	f.fails("DELETE", "/v1/organizations/rbac_groups/"+admins.ID, nil, 400, errInvalidRequest)
	// An owner group can be renamed: only deletion and membership are refused.
	ok[gen.RBACGroup](f, "POST", "/v1/organizations/rbac_groups/"+admins.ID, map[string]any{"name": "Org admins"})

	d := ok[gen.RBACGroupDeleted](f, "DELETE", "/v1/organizations/rbac_groups/"+dup.ID, nil)
	if d.ID != dup.ID || d.Type != gen.RBACGroupDeletedTypeRBACGroupDeleted {
		t.Errorf("deleted %+v", d)
	}
	for _, m := range []string{"GET", "DELETE"} {
		f.fails(m, "/v1/organizations/rbac_groups/"+dup.ID, nil, 404, errNotFound)
	}
	f.fails("POST", "/v1/organizations/rbac_groups/"+dup.ID, map[string]any{"name": "x"}, 404, errNotFound)
}

// TestRBACGroupMembers checks adding, listing and removing members, the
// refusals, and that removing a user from the organization ends their
// memberships.
func TestRBACGroupMembers(t *testing.T) {
	f := newFake(t)
	ada := must[gen.User](t)(f.AddUser(UserSeed{Email: "ada@example.com"}))
	bob := must[gen.User](t)(f.AddUser(UserSeed{Email: "bob@example.com"}))
	cy := must[gen.User](t)(f.AddUser(UserSeed{Email: "cy@example.com"}))
	g := ok[gen.RBACGroup](f, "POST", "/v1/organizations/rbac_groups", map[string]any{"name": "Eng"})
	members := "/v1/organizations/rbac_groups/" + g.ID + "/members"

	f.Advance(time.Minute)
	m := ok[gen.RBACGroupMember](f, "POST", members, map[string]any{"user_id": cy.ID})
	want := gen.RBACGroupMember{Type: gen.RBACGroupMemberTypeRBACGroupMember, RBACGroupID: g.ID, UserID: cy.ID, Email: "cy@example.com", CreatedAt: t0.Add(time.Minute)}
	if diff := cmp.Diff(want, m); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	ok[gen.RBACGroupMember](f, "POST", members, map[string]any{"user_id": ada.ID})
	f.fails("POST", members, map[string]any{"user_id": ada.ID}, 409, errConflict)
	f.fails("POST", members, map[string]any{"user_id": "user_01nope"}, 404, errNotFound)
	f.fails("POST", "/v1/organizations/rbac_groups/rbacgrp_01nope/members", map[string]any{"user_id": ada.ID}, 404, errNotFound)
	f.fails("GET", "/v1/organizations/rbac_groups/rbacgrp_01nope/members", nil, 404, errNotFound)

	first := ok[gen.RBACGroupMemberList](f, "GET", members+"?limit=1", nil)
	if len(first.Data) != 1 || first.Data[0].UserID != ada.ID || first.NextPage == nil {
		t.Fatalf("first page %+v", first)
	}
	second := ok[gen.RBACGroupMemberList](f, "GET", members+"?limit=1&page="+*first.NextPage, nil)
	if len(second.Data) != 1 || second.Data[0].UserID != cy.ID || second.NextPage != nil {
		t.Errorf("second page %+v", second)
	}
	// A token of another group's list is refused.
	other := ok[gen.RBACGroup](f, "POST", "/v1/organizations/rbac_groups", map[string]any{"name": "Other"})
	f.fails("GET", "/v1/organizations/rbac_groups/"+other.ID+"/members?page="+*first.NextPage, nil, 400, errInvalidRequest)

	rm := ok[gen.RBACGroupMemberDeleted](f, "DELETE", members+"/"+ada.ID, nil)
	if rm.RBACGroupID != g.ID || rm.UserID != ada.ID || rm.Type != gen.RBACGroupMemberDeletedTypeRBACGroupMemberDeleted {
		t.Errorf("removed %+v", rm)
	}
	f.fails("DELETE", members+"/"+ada.ID, nil, 404, errNotFound)
	if _, err := f.AddUser(UserSeed{Email: "ada@example.com"}); err == nil {
		t.Fatal("the user was removed from the organization")
	}

	// Removing cy from the organization ends the membership.
	ok[gen.UserDeleted](f, "DELETE", "/v1/organizations/users/"+cy.ID, nil)
	if l := ok[gen.RBACGroupMemberList](f, "GET", members, nil); len(l.Data) != 0 {
		t.Errorf("members after the user left the organization: %+v", l.Data)
	}

	// Seeded owner and SCIM groups refuse membership changes.
	ownerGroup := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Owners", RoleIDs: []string{builtInRoleID(t, f, "Primary Owner")}, MemberIDs: []string{bob.ID}}))
	scim := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Okta", SCIM: true, MemberIDs: []string{bob.ID}}))
	for _, id := range []string{ownerGroup.ID, scim.ID} {
		p := "/v1/organizations/rbac_groups/" + id + "/members"
		f.fails("POST", p, map[string]any{"user_id": ada.ID}, 400, errInvalidRequest)
		f.fails("DELETE", p+"/"+bob.ID, nil, 400, errInvalidRequest)
		if l := ok[gen.RBACGroupMemberList](f, "GET", p, nil); len(l.Data) != 1 || l.Data[0].UserID != bob.ID || l.Data[0].Email != "bob@example.com" {
			t.Errorf("members of seeded group %s: %+v", id, l.Data)
		}
	}
}

// TestRBACRolePermissions checks that every built-in role lists its
// permissions, the owner roles more than the member role, and that an
// unknown role is 404.
func TestRBACRolePermissions(t *testing.T) {
	f := newFake(t)
	count := map[string]int{}
	for _, name := range builtInRoles {
		id := builtInRoleID(t, f, name)
		var all []gen.RBACRolePermission
		path := "/v1/organizations/rbac_roles/" + id + "/permissions?limit=2"
		for {
			l := ok[gen.RBACRolePermissionList](f, "GET", path, nil)
			all = append(all, l.Data...)
			if l.NextPage == nil {
				break
			}
			path = "/v1/organizations/rbac_roles/" + id + "/permissions?limit=2&page=" + *l.NextPage
		}
		count[name] = len(all)
		for _, p := range all {
			if p.Type != gen.RBACRolePermissionTypeRBACRolePermission || p.Action == "" {
				t.Errorf("%s: permission %+v", name, p)
			}
			if p.Resource.Type == gen.RBACPermissionResourceTypeOrganization && deref(p.Resource.OrganizationID) != f.OrganizationID() {
				t.Errorf("%s: organization permission of %v", name, p.Resource.OrganizationID)
			}
		}
	}
	if count["Member"] == 0 || count["Owner"] <= count["Membership Admin"] {
		t.Errorf("permission counts %v", count)
	}
	f.fails("GET", "/v1/organizations/rbac_roles/rbac_role_nope/permissions", nil, 404, errNotFound)
}

// builtInRoleID returns the ID of the built-in role called name.
func builtInRoleID(t *testing.T, f *fake, name string) string {
	t.Helper()
	for _, r := range ok[gen.RBACRoleList](f, "GET", "/v1/organizations/rbac_roles", nil).Data {
		if r.DisplayName == name {
			return r.ID
		}
	}
	t.Fatalf("no built-in role %q", name)
	return ""
}
