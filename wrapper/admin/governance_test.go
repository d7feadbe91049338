package admin_test

import (
	"context"
	"errors"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

const testKMSARN = "arn:aws:kms:us-east-1:111122223333:key/abcd1234-5678-90ab-cdef-000011112222"

// exerciseGovernance calls every method of the external keys, compliance
// settings, RBAC groups, RBAC group members and RBAC role permissions
// services through c against srv and checks the results; TestEveryOperation
// runs it, so that its check that every operation was called covers them.
func exerciseGovernance(t *testing.T, ctx context.Context, srv *admintest.Server, c *admin.Client) {
	t.Helper()

	// External keys: create, list newest first, get, update, validate, use
	// from a workspace, delete.
	aws := must(c.ExternalKeys.Create(ctx, admin.CreateExternalKeyRequest{
		ProviderConfig: admin.ExternalKeyProviderConfig{Type: admin.ExternalKeyProviderTypeAWS, KMSARN: admin.Ptr(testKMSARN)},
		DisplayName:    admin.Ptr("Prod"),
	}))
	if aws.Attachment.Type != admin.ExternalKeyAttachmentTypeUnattached || deref(aws.ProviderConfig.Region) != "us-east-1" {
		t.Errorf("ExternalKeys.Create = %+v", aws)
	}
	gcp := must(c.ExternalKeys.Create(ctx, admin.CreateExternalKeyRequest{
		ProviderConfig: admin.ExternalKeyProviderConfig{Type: admin.ExternalKeyProviderTypeGCP, KeyName: admin.Ptr("projects/p/locations/us/keyRings/r/cryptoKeys/k")},
	}))
	keys := collect(t, c.ExternalKeys.All(ctx, &admin.ListExternalKeysParams{Limit: 1}))
	if len(keys) != 2 || keys[0].ID != gcp.ID || keys[1].ID != aws.ID {
		t.Errorf("ExternalKeys.All = %+v, want the GCP key then the AWS key (newest first)", keys)
	}
	if got := must(c.ExternalKeys.Get(ctx, aws.ID)); !equal(*aws, *got) {
		t.Errorf("ExternalKeys.Get = %s", diff(*aws, *got))
	}
	if v := must(c.ExternalKeys.Validate(ctx, aws.ID)); v.Status != admin.ExternalKeyValidationStatusSuccess || v.Error != nil {
		t.Errorf("ExternalKeys.Validate = %+v", v)
	}
	ws := must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "Encrypted", ExternalKeyID: &aws.ID}))
	if deref(ws.ExternalKeyID) != aws.ID {
		t.Errorf("workspace external_key_id = %v", ws.ExternalKeyID)
	}
	u := must(c.ExternalKeys.Update(ctx, aws.ID, admin.UpdateExternalKeyRequest{DisplayName: admin.Ptr("Prod (CMEK)")}))
	if deref(u.DisplayName) != "Prod (CMEK)" || u.Attachment.Type != admin.ExternalKeyAttachmentTypeAttached {
		t.Errorf("ExternalKeys.Update = %+v", u)
	}
	if _, err := c.ExternalKeys.Delete(ctx, aws.ID); !errors.Is(err, admin.ErrConflict) {
		t.Errorf("ExternalKeys.Delete(attached) = %v, want ErrConflict", err)
	}
	if d := must(c.ExternalKeys.Delete(ctx, gcp.ID)); d.ID != gcp.ID {
		t.Errorf("ExternalKeys.Delete = %+v", d)
	}
	if _, err := c.ExternalKeys.Get(ctx, gcp.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("ExternalKeys.Get(deleted) = %v, want ErrNotFound", err)
	}

	// Compliance settings.
	if s := must(c.ComplianceSettings.Get(ctx)); s.State.Type != admin.ComplianceSettingsStateTypeEnabled {
		t.Errorf("ComplianceSettings.Get = %+v", s)
	}
	off := must(c.ComplianceSettings.Update(ctx, admin.UpdateComplianceSettingsRequest{State: admin.ComplianceSettingsState{Type: admin.ComplianceSettingsStateTypeDisabled}}))
	if off.State.Type != admin.ComplianceSettingsStateTypeDisabled {
		t.Errorf("ComplianceSettings.Update(disabled) = %+v", off)
	}
	if _, err := c.ComplianceUsers.List(ctx, srv.OrganizationID(), nil); !errors.Is(err, admin.ErrPermission) {
		t.Errorf("Compliance API while disabled: %v, want ErrPermission", err)
	}
	must(c.ComplianceSettings.Update(ctx, admin.UpdateComplianceSettingsRequest{State: admin.ComplianceSettingsState{Type: admin.ComplianceSettingsStateTypeEnabled}}))

	// RBAC groups and their members.
	user := must(srv.AddUser(admintest.UserSeed{Email: "rbac.member@example.com"}))
	g := must(c.RBACGroups.Create(ctx, admin.CreateRBACGroupRequest{Name: "Engineering"}))
	if g.SourceType != admin.RBACGroupSourceTypeDirect || len(g.RoleIDs) != 0 {
		t.Errorf("RBACGroups.Create = %+v", g)
	}
	g = must(c.RBACGroups.Update(ctx, g.ID, admin.UpdateRBACGroupRequest{Name: admin.Ptr("Platform")}))
	if got := must(c.RBACGroups.Get(ctx, g.ID)); got.Name != "Platform" || !equal(*g, *got) {
		t.Errorf("RBACGroups.Get = %+v", got)
	}
	if groups := collect(t, c.RBACGroups.All(ctx, nil)); len(groups) != 1 || groups[0].ID != g.ID {
		t.Errorf("RBACGroups.All = %+v", groups)
	}
	m := must(c.RBACGroupMembers.Add(ctx, g.ID, admin.AddRBACGroupMemberRequest{UserID: user.ID}))
	if m.Email != user.Email || m.RBACGroupID != g.ID {
		t.Errorf("RBACGroupMembers.Add = %+v", m)
	}
	if _, err := c.RBACGroupMembers.Add(ctx, g.ID, admin.AddRBACGroupMemberRequest{UserID: user.ID}); !errors.Is(err, admin.ErrConflict) {
		t.Errorf("RBACGroupMembers.Add twice = %v, want ErrConflict", err)
	}
	if ms := collect(t, c.RBACGroupMembers.All(ctx, g.ID, &admin.ListRBACGroupMembersParams{Limit: 1})); len(ms) != 1 || !equal(ms[0], *m) {
		t.Errorf("RBACGroupMembers.All = %+v", ms)
	}
	if r := must(c.RBACGroupMembers.Remove(ctx, g.ID, user.ID)); r.UserID != user.ID || r.RBACGroupID != g.ID {
		t.Errorf("RBACGroupMembers.Remove = %+v", r)
	}
	if d := must(c.RBACGroups.Delete(ctx, g.ID)); d.ID != g.ID {
		t.Errorf("RBACGroups.Delete = %+v", d)
	}
	if _, err := c.RBACGroups.Get(ctx, g.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("RBACGroups.Get(deleted) = %v, want ErrNotFound", err)
	}

	// RBAC role permissions.
	roles := collect(t, c.RBACRoles.All(ctx, nil))
	perms := collect(t, c.RBACRolePermissions.All(ctx, roles[0].ID, &admin.ListRBACRolePermissionsParams{Limit: 1}))
	if len(perms) < 2 || perms[0].Resource.Type != admin.RBACPermissionResourceTypeOrganization || deref(perms[0].Resource.OrganizationID) != srv.OrganizationID() {
		t.Errorf("RBACRolePermissions.All(%s) = %+v", roles[0].ID, perms)
	}
	if _, err := c.RBACRolePermissions.List(ctx, "rbac_role_nope", nil); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("RBACRolePermissions.List(unknown) = %v, want ErrNotFound", err)
	}
}

// TestGovernanceCredentials checks that these services use the Admin key:
// a client with only the Admin key reaches them, and one with only the
// Compliance key fails before sending anything.
func TestGovernanceCredentials(t *testing.T) {
	defer catch(t)
	srv, _ := newFake(t)
	ctx := context.Background()
	adminOnly := must(admin.NewClient(srv.AdminKey(), admin.WithBaseURL(srv.URL)))
	if s := must(adminOnly.ComplianceSettings.Get(ctx)); s.State.Type != admin.ComplianceSettingsStateTypeEnabled {
		t.Errorf("ComplianceSettings.Get = %+v", s)
	}
	must(adminOnly.ExternalKeys.List(ctx, nil))
	must(adminOnly.RBACGroups.List(ctx, nil))

	complianceOnly := must(admin.NewClient("", admin.WithBaseURL(srv.URL), admin.WithComplianceKey(srv.ComplianceKey())))
	calls := []struct {
		op   admin.Operation
		call func() error
	}{
		{admin.OpGetComplianceSettings, func() error { _, err := complianceOnly.ComplianceSettings.Get(ctx); return err }},
		{admin.OpListExternalKeys, func() error { _, err := complianceOnly.ExternalKeys.List(ctx, nil); return err }},
		{admin.OpCreateRBACGroup, func() error {
			_, err := complianceOnly.RBACGroups.Create(ctx, admin.CreateRBACGroupRequest{Name: "x"})
			return err
		}},
	}
	for _, tc := range calls {
		before := srv.Calls(tc.op)
		if err := tc.call(); !errors.Is(err, admin.ErrMissingCredential) {
			t.Errorf("%s with only a Compliance key: %v, want ErrMissingCredential", tc.op, err)
		}
		if srv.Calls(tc.op) != before {
			t.Errorf("%s reached the server without an Admin key", tc.op)
		}
	}
}
