package main

import (
	"context"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// withGovernance adds to f the objects of the fake that only the
// external-keys and rbac-groups commands use: {extkey}, an AWS external
// key, and {rbacgroup}, a group with the Member role whose members are
// {user} and {member}. They are seeded only for those commands, as seeding
// draws IDs: the objects other cases create keep the IDs their goldens
// show.
func (f fixture) withGovernance(t *testing.T, s *admintest.Server, args []string) fixture {
	t.Helper()
	if len(args) == 0 {
		return f
	}
	if args[0] == "external-keys" {
		k, err := s.AddExternalKey(admintest.ExternalKeySeed{DisplayName: "Production CMEK", ProviderConfig: admin.ExternalKeyProviderConfig{
			Type: admin.ExternalKeyProviderTypeAWS, KMSARN: admin.Ptr("arn:aws:kms:us-east-1:111122223333:key/1a2b3c4d-5e6f-7a8b-9c0d-1e2f3a4b5c6d")}})
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		f["extkey"] = k.ID
	}
	if args[0] == "rbac-groups" {
		g, err := s.AddRBACGroup(admintest.RBACGroupSeed{Name: "Engineering", RoleIDs: []string{"rbac_role_builtin_4"}, MemberIDs: []string{f["user"], f["member"]}})
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		f["rbacgroup"] = g.ID
	}
	return f
}

// TestGovernanceUsage checks the refusals of the external-keys and
// compliance-settings commands that happen before any request: exit 2,
// the reason on stderr, and nothing sent.
func TestGovernanceUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		op   admin.Operation
		want string
	}{
		{[]string{"external-keys", "create", "aws", "--key-name", "k"}, admin.OpCreateExternalKey, "--key-name does not apply to provider aws"},
		{[]string{"external-keys", "create", "oci"}, admin.OpCreateExternalKey, `invalid provider: "oci" is not one of aws, gcp, azure`},
		{[]string{"external-keys", "create", "gcp", "--geo", "eu"}, admin.OpCreateExternalKey, `"eu" is not one of us`},
		{[]string{"external-keys", "update", "{extkey}"}, admin.OpUpdateExternalKey, "nothing to change"},
		{[]string{"external-keys", "update", "{extkey}", "--key-name", "k"}, admin.OpUpdateExternalKey, "give --provider"},
		{[]string{"external-keys", "update", "{extkey}", "--provider", "gcp", "--tenant-id", "t"}, admin.OpUpdateExternalKey, "--tenant-id does not apply to provider gcp"},
		{[]string{"compliance-settings", "set", "paused", "--yes"}, admin.OpUpdateComplianceSettings, `invalid state: "paused" is not one of enabled, disabled`},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			s := newFake(t)
			args := newFixture(t, s).withGovernance(t, s, tc.args).expand(tc.args)
			r := runCLI(t, s, invocation{args: args})
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tc.want)
			}
			if n := s.Calls(tc.op); n != 0 {
				t.Errorf("%s was called %d times", tc.op, n)
			}
		})
	}
}

// TestExternalKeyInUse checks that deleting an external key a workspace
// uses fails with the server's conflict, after the confirmation named the
// key.
func TestExternalKeyInUse(t *testing.T) {
	s := newFake(t)
	f := newFixture(t, s).withGovernance(t, s, []string{"external-keys"})
	name := "Encrypted"
	if _, err := s.Client().Workspaces.Create(context.Background(), admin.CreateWorkspaceRequest{Name: name, ExternalKeyID: admin.Ptr(f["extkey"])}); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, s, invocation{args: []string{"external-keys", "delete", f["extkey"]}, stdin: "y\n", ttyIn: true})
	if r.code != 1 || !strings.Contains(r.stderr, `Delete external key "Production CMEK" (`+f["extkey"]+", aws)?") || !strings.Contains(r.stderr, "cannot be deleted") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
	if got, err := s.Client().ExternalKeys.Get(context.Background(), f["extkey"]); err != nil || got.Attachment.Type != admin.ExternalKeyAttachmentTypeAttached {
		t.Errorf("after the refused delete: %+v, %v", got, err)
	}
}
