package admintest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// complianceGet sends a GET with the Compliance key (as x-api-key, the
// form the docs show) and decodes a 200 into a T.
func complianceGet[T any](f *fake, path string) T {
	f.t.Helper()
	r := f.complianceDo(path)
	if r.status != http.StatusOK {
		f.t.Fatalf("GET %s: status %d, body %s", path, r.status, r.body)
	}
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		f.t.Fatalf("GET %s: %v", path, err)
	}
	return v
}

func (f *fake) complianceDo(path string) response {
	f.t.Helper()
	h := http.Header{}
	h.Set("x-api-key", f.ComplianceKey())
	h.Set("anthropic-version", APIVersion)
	return f.doWith("GET", path, nil, h)
}

// dirFake returns a fake with five users, the last two of them also in a
// child organization that has a group, and preferences for users 1 and 3.
func dirFake(t *testing.T) (f *fake, users []string, child gen.ComplianceOrganization, group gen.ComplianceGroup) {
	f = newFake(t, WithClock(func() time.Time { return t0 })) // the parent is created at t0
	for i := range 5 {
		u := must[gen.User](t)(f.AddUser(UserSeed{Email: fmt.Sprintf("u%d@example.com", i), Name: fmt.Sprintf("U%d", i)}))
		users = append(users, u.ID)
	}
	child = must[gen.ComplianceOrganization](t)(f.AddChildOrganization(ChildOrganizationSeed{Name: "Child", CreatedAt: t0.Add(time.Hour), MemberIDs: users[3:]}))
	group = must[gen.ComplianceGroup](t)(f.AddChildOrganizationGroup(child.UUID, RBACGroupSeed{Name: "Auditors", RoleIDs: []string{"rbac_role_builtin_4"}, MemberIDs: users[3:]}))
	if err := f.SetUserPreferences(users[1], UserPreferencesSeed{InstructionsForClaude: ptr("one")}); err != nil {
		t.Fatal(err)
	}
	if err := f.SetUserPreferences(users[3], UserPreferencesSeed{CoworkGlobalInstructions: ptr("three")}); err != nil {
		t.Fatal(err)
	}
	return f, users, child, group
}

// TestComplianceOrganizations checks the list: the parent first, then the
// children by creation time, paged by token.
func TestComplianceOrganizations(t *testing.T) {
	f, _, child, _ := dirFake(t)
	later := must[gen.ComplianceOrganization](t)(f.AddChildOrganization(ChildOrganizationSeed{Name: "Later", CreatedAt: t0.Add(2 * time.Hour)}))
	earlier := must[gen.ComplianceOrganization](t)(f.AddChildOrganization(ChildOrganizationSeed{Name: "Earlier", CreatedAt: t0.Add(30 * time.Minute)}))
	var got []string
	path := "/v1/compliance/organizations?limit=2"
	for pages := 0; ; pages++ {
		l := complianceGet[gen.ComplianceOrganizationList](f, path)
		for _, o := range l.Data {
			got = append(got, o.UUID)
		}
		if !l.HasMore {
			if l.NextPage != nil || pages != 1 {
				t.Errorf("last page %+v after %d pages", l, pages)
			}
			break
		}
		path = "/v1/compliance/organizations?limit=2&page=" + url.QueryEscape(*l.NextPage)
	}
	want := []string{f.OrganizationID(), earlier.UUID, child.UUID, later.UUID}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("organizations %v, want %v", got, want)
	}
	if r := f.complianceDo("/v1/compliance/organizations?page=page_bogus"); r.status != http.StatusBadRequest {
		t.Errorf("bad page token: %d", r.status)
	}
	if _, err := f.AddChildOrganization(ChildOrganizationSeed{Name: "X", MemberIDs: []string{"user_unknown"}}); err == nil {
		t.Error("a child organization with an unknown member was added")
	}
}

// TestComplianceRolesAndSettings checks roles, permissions and settings of
// the parent and a child, and the 404s of unknown organizations and roles.
func TestComplianceRolesAndSettings(t *testing.T) {
	f, _, child, _ := dirFake(t)
	for _, org := range []string{f.OrganizationID(), child.UUID} {
		l := complianceGet[gen.ComplianceRoleList](f, "/v1/compliance/organizations/"+org+"/roles?limit=3")
		if len(l.Data) != 3 || !l.HasMore || l.Data[0].Name != "Primary Owner" || l.Data[0].Description == "" {
			t.Errorf("%s roles %+v", org, l)
		}
		r := complianceGet[gen.ComplianceRole](f, "/v1/compliance/organizations/"+org+"/roles/rbac_role_builtin_3")
		if r.Name != "Membership Admin" || r.CreatedAt == nil || !r.CreatedAt.Equal(t0) {
			t.Errorf("role %+v", r)
		}
		p := complianceGet[gen.ComplianceRolePermissionList](f, "/v1/compliance/organizations/"+org+"/roles/rbac_role_builtin_1/permissions")
		if len(p.Data) != 6 || p.HasMore || p.Data[0].ResourceID != f.OrganizationID() || p.Data[5].ResourceType != "all_connectors" || p.Data[5].ResourceID != "*" {
			t.Errorf("permissions %+v", p)
		}
	}
	settings := []gen.ComplianceOrganizationSetting{{Name: "sso_enabled", Type: ptr("boolean"), Value: false}, {Name: "account_session_duration_seconds", Type: ptr("integer"), Value: 3600}}
	if err := f.SetOrganizationSettings(child.UUID, settings); err != nil {
		t.Fatal(err)
	}
	s := complianceGet[map[string]any](f, "/v1/compliance/organizations/"+child.UUID+"/settings")
	if fmt.Sprint(s) != fmt.Sprintf("map[organization_id:%s settings:[map[name:sso_enabled type:boolean value:false] map[name:account_session_duration_seconds type:integer value:3600]]]", child.UUID) {
		t.Errorf("child settings %v", s)
	}
	ps := complianceGet[gen.ComplianceOrganizationSettings](f, "/v1/compliance/organizations/"+f.OrganizationID()+"/settings")
	if ps.OrganizationID != f.OrganizationID() || len(ps.Settings) != 13 || ps.Settings[12].Value != nil {
		t.Errorf("parent settings %+v", ps)
	}
	unknown := "11111111-1111-4111-8111-111111111111"
	for _, path := range []string{
		"/v1/compliance/organizations/" + unknown + "/roles",
		"/v1/compliance/organizations/" + unknown + "/roles/rbac_role_builtin_1",
		"/v1/compliance/organizations/" + unknown + "/roles/rbac_role_builtin_1/permissions",
		"/v1/compliance/organizations/" + unknown + "/settings",
		"/v1/compliance/organizations/" + unknown + "/users",
		"/v1/compliance/organizations/" + unknown + "/user_preferences",
		"/v1/compliance/organizations/" + child.UUID + "/roles/rbac_role_nope",
		"/v1/compliance/organizations/" + child.UUID + "/roles/rbac_role_nope/permissions",
		"/v1/compliance/groups/rbacgrp_nope",
		"/v1/compliance/groups/rbacgrp_nope/members",
	} {
		if r := f.complianceDo(path); r.status != http.StatusNotFound || r.err().Error.Type != errNotFound {
			t.Errorf("GET %s: %d %s", path, r.status, r.body)
		}
	}
	if err := f.SetOrganizationSettings(unknown, nil); err == nil {
		t.Error("settings of an unknown organization were set")
	}
}

// TestComplianceGroups checks that the parent's RBAC groups and the
// children's groups are listed together in ID order, paged, filtered by
// name prefix, and that their members are listed.
func TestComplianceGroups(t *testing.T) {
	f, users, child, auditors := dirFake(t)
	eng := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Engineering", MemberIDs: users[:2], SCIM: true}))
	audit2 := must[gen.ComplianceGroup](t)(f.AddChildOrganizationGroup(child.UUID, RBACGroupSeed{Name: "Audit leads", MemberIDs: users[4:]}))
	var got []gen.ComplianceGroup
	path := "/v1/compliance/groups?limit=1"
	for {
		l := complianceGet[gen.ComplianceGroupList](f, path)
		got = append(got, l.Data...)
		if !l.HasMore {
			break
		}
		path = "/v1/compliance/groups?limit=1&page=" + url.QueryEscape(*l.NextPage)
	}
	if len(got) != 3 {
		t.Fatalf("groups %+v", got)
	}
	for i := 1; i < len(got); i++ {
		if got[i-1].ID >= got[i].ID {
			t.Errorf("groups out of ID order: %+v", got)
		}
	}
	ids := map[string]gen.ComplianceGroup{}
	for _, g := range got {
		ids[g.ID] = g
	}
	if g := ids[eng.ID]; g.Name != "Engineering" || g.SourceType != "scim" {
		t.Errorf("the RBAC group as a compliance group: %+v", g)
	}
	if _, ok := ids[auditors.ID]; !ok {
		t.Errorf("child group %s missing", auditors.ID)
	}
	l := complianceGet[gen.ComplianceGroupList](f, "/v1/compliance/groups?name_prefix=Aud")
	if len(l.Data) != 2 || l.HasMore || l.NextPage != nil {
		t.Errorf("prefix Aud: %+v", l)
	}
	if g := complianceGet[gen.ComplianceGroup](f, "/v1/compliance/groups/"+audit2.ID); g.Name != "Audit leads" || len(g.Roles) != 0 {
		t.Errorf("get %+v", g)
	}
	m := complianceGet[gen.ComplianceGroupMemberList](f, "/v1/compliance/groups/"+eng.ID+"/members?limit=1")
	if len(m.Data) != 1 || m.Data[0].UserID != users[0] || m.Data[0].Email != "u0@example.com" || !m.HasMore {
		t.Errorf("members %+v", m)
	}
	if _, err := f.AddChildOrganizationGroup(child.UUID, RBACGroupSeed{Name: "Outsiders", MemberIDs: users[:1]}); err == nil {
		t.Error("a child group took a member outside the child organization")
	}
	if _, err := f.AddChildOrganizationGroup(f.OrganizationID(), RBACGroupSeed{Name: "Parent"}); err == nil {
		t.Error("AddChildOrganizationGroup added a group to the parent")
	}
}

// TestComplianceUserPreferences checks the default listing (only members
// with a value set), include_unset, the child organization's members and
// the effect of removing a user.
func TestComplianceUserPreferences(t *testing.T) {
	f, users, child, group := dirFake(t)
	base := "/v1/compliance/organizations/" + f.OrganizationID() + "/user_preferences"
	l := complianceGet[gen.ComplianceUserPreferencesList](f, base+"?limit=1")
	if len(l.Data) != 1 || l.Data[0].UserID != users[1] || deref(l.Data[0].InstructionsForClaude) != "one" || l.Data[0].CoworkGlobalInstructions != nil || !l.HasMore {
		t.Fatalf("first page %+v", l)
	}
	l = complianceGet[gen.ComplianceUserPreferencesList](f, base+"?limit=1&page="+url.QueryEscape(*l.NextPage))
	if len(l.Data) != 1 || l.Data[0].UserID != users[3] || deref(l.Data[0].CoworkGlobalInstructions) != "three" || l.HasMore || l.NextPage != nil {
		t.Fatalf("second page %+v", l)
	}
	all := complianceGet[gen.ComplianceUserPreferencesList](f, base+"?include_unset=true&limit=100")
	if len(all.Data) != 5 || all.Data[0].InstructionsForClaude != nil || all.Data[0].Email != "u0@example.com" {
		t.Errorf("include_unset %+v", all)
	}
	// A token of the default listing is not one of include_unset's.
	if r := f.complianceDo(base + "?include_unset=true&page=" + url.QueryEscape(*pageToken("compliance-user-preferences:"+f.OrganizationID(), users[1]))); r.status != http.StatusBadRequest {
		t.Errorf("a token of the other listing: %d", r.status)
	}
	if r := f.complianceDo(base + "?limit=101"); r.status != http.StatusBadRequest {
		t.Errorf("limit 101: %d", r.status)
	}
	cp := "/v1/compliance/organizations/" + child.UUID + "/user_preferences"
	if c := complianceGet[gen.ComplianceUserPreferencesList](f, cp); len(c.Data) != 1 || c.Data[0].UserID != users[3] {
		t.Errorf("child %+v", c)
	}
	// Unsetting both values takes a user out of the default listing.
	if err := f.SetUserPreferences(users[3], UserPreferencesSeed{}); err != nil {
		t.Fatal(err)
	}
	if c := complianceGet[gen.ComplianceUserPreferencesList](f, cp); len(c.Data) != 0 || c.Data == nil {
		t.Errorf("child after unset %+v", c)
	}
	// Removing a user ends their child memberships and preferences.
	ok[gen.UserDeleted](f, "DELETE", "/v1/organizations/users/"+users[4], nil)
	if c := complianceGet[gen.ComplianceUserList](f, "/v1/compliance/organizations/"+child.UUID+"/users"); len(c.Data) != 1 || c.Data[0].ID != users[3] {
		t.Errorf("child users after removal %+v", c)
	}
	if m := complianceGet[gen.ComplianceGroupMemberList](f, "/v1/compliance/groups/"+group.ID+"/members"); len(m.Data) != 1 {
		t.Errorf("child group members after removal %+v", m)
	}
	if err := f.SetUserPreferences("user_unknown", UserPreferencesSeed{}); err == nil {
		t.Error("preferences of an unknown user were set")
	}
}
