package admin_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// exerciseComplianceDirectory calls every operation of the Compliance
// API's directory through the public API: organizations, roles and their
// permissions, effective settings, groups and their members, and members'
// preferences, for the parent organization and a seeded child. The
// organization must have at least one user.
func exerciseComplianceDirectory(t *testing.T, ctx context.Context, srv *admintest.Server, c *admin.Client) {
	t.Helper()
	parent := srv.OrganizationID()
	users := collect(t, c.ComplianceUsers.All(ctx, parent, nil))
	if len(users) == 0 {
		t.Fatal("exerciseComplianceDirectory: the organization has no users")
	}
	u := users[0]
	child := must(srv.AddChildOrganization(admintest.ChildOrganizationSeed{Name: "Child", MemberIDs: []string{u.ID},
		Settings: []admin.ComplianceOrganizationSetting{{Name: "sso_enabled", Type: admin.Ptr("boolean"), Value: false}}}))
	group := must(srv.AddChildOrganizationGroup(child.UUID, admintest.RBACGroupSeed{Name: "Child auditors", RoleIDs: []string{"rbac_role_builtin_4"}, MemberIDs: []string{u.ID}, SCIM: true}))
	if err := srv.SetUserPreferences(u.ID, admintest.UserPreferencesSeed{InstructionsForClaude: admin.Ptr("Be brief.")}); err != nil {
		t.Fatal(err)
	}

	orgs := collect(t, c.ComplianceOrganizations.All(ctx, &admin.ListComplianceOrganizationsParams{Limit: 1}))
	if len(orgs) != 2 || orgs[0].UUID != parent || orgs[1] != child {
		t.Errorf("ComplianceOrganizations.All = %+v", orgs)
	}

	roles := collect(t, c.ComplianceRoles.All(ctx, parent, &admin.ListComplianceRolesParams{Limit: 3}))
	if len(roles) != 4 || roles[1].ID != "rbac_role_builtin_2" || roles[1].Name != "Owner" || roles[1].CreatedAt == nil {
		t.Errorf("ComplianceRoles.All = %+v", roles)
	}
	if r := must(c.ComplianceRoles.Get(ctx, child.UUID, "rbac_role_builtin_4")); r.Name != "Member" {
		t.Errorf("ComplianceRoles.Get = %+v", r)
	}
	perms := collect(t, c.ComplianceRolePermissions.All(ctx, parent, "rbac_role_builtin_4", &admin.ListComplianceRolePermissionsParams{Limit: 1}))
	if len(perms) != 3 || perms[0].ResourceType != "organization" || perms[0].ResourceID != parent {
		t.Errorf("ComplianceRolePermissions.All = %+v", perms)
	}

	set := must(c.ComplianceOrganizationSettings.Get(ctx, child.UUID))
	if set.OrganizationID != child.UUID || len(set.Settings) != 1 || set.Settings[0].Value != false {
		t.Errorf("ComplianceOrganizationSettings.Get = %+v", set)
	}
	ps := must(c.ComplianceOrganizationSettings.Get(ctx, parent))
	var session *admin.ComplianceOrganizationSetting
	for i, s := range ps.Settings {
		if s.Name == "account_session_duration_seconds" {
			session = &ps.Settings[i]
		}
	}
	if session == nil || session.Value != nil || deref(session.Type) != "integer" {
		t.Errorf("the parent's account_session_duration_seconds = %+v", session)
	}

	gs := must(c.ComplianceGroups.List(ctx, &admin.ListComplianceGroupsParams{NamePrefix: "Child"}))
	if len(gs.Data) != 1 || gs.Data[0].ID != group.ID || gs.Data[0].SourceType != "scim" || gs.HasMore {
		t.Errorf("ComplianceGroups.List by prefix = %+v", gs)
	}
	if g := must(c.ComplianceGroups.Get(ctx, group.ID)); g.Name != "Child auditors" {
		t.Errorf("ComplianceGroups.Get = %+v", g)
	}
	members := collect(t, c.ComplianceGroupMembers.All(ctx, group.ID, nil))
	if len(members) != 1 || members[0].UserID != u.ID || members[0].Email != u.Email {
		t.Errorf("ComplianceGroupMembers.All = %+v", members)
	}

	prefs := collect(t, c.ComplianceUserPreferences.All(ctx, child.UUID, nil))
	if len(prefs) != 1 || deref(prefs[0].InstructionsForClaude) != "Be brief." || prefs[0].CoworkGlobalInstructions != nil {
		t.Errorf("ComplianceUserPreferences.All = %+v", prefs)
	}
	all := collect(t, c.ComplianceUserPreferences.All(ctx, parent, &admin.ListComplianceUserPreferencesParams{IncludeUnset: true, Limit: 1}))
	if len(all) != len(users) {
		t.Errorf("ComplianceUserPreferences.All with include_unset = %d members, want %d", len(all), len(users))
	}

	// Unknown IDs are 404s.
	var apiErr *admin.Error
	if _, err := c.ComplianceGroups.Get(ctx, "rbacgrp_unknown"); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		t.Errorf("ComplianceGroups.Get(unknown) = %v", err)
	}
	if _, err := c.ComplianceOrganizationSettings.Get(ctx, "11111111-1111-4111-8111-111111111111"); !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		t.Errorf("ComplianceOrganizationSettings.Get(unknown) = %v", err)
	}
}
