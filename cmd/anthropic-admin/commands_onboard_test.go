package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// onboardWrites counts the calls of the operations onboarding makes.
func onboardWrites(s *admintest.Server) map[admin.Operation]int {
	m := map[admin.Operation]int{}
	for _, op := range []admin.Operation{admin.OpCreateInvite, admin.OpUpdateUser, admin.OpAddWorkspaceMember, admin.OpUpdateWorkspaceMember, admin.OpAddRBACGroupMember, admin.OpDeleteInvite, admin.OpRemoveWorkspaceMember} {
		m[op] = s.Calls(op)
	}
	return m
}

// TestUsersOnboardRefusals: the dry run sends nothing; bad references,
// a missing role, a malformed --workspace and a declined question write
// nothing.
func TestUsersOnboardRefusals(t *testing.T) {
	s := newFake(t)
	g, err := s.AddRBACGroup(admintest.RBACGroupSeed{Name: "Onboard Group"})
	if err != nil {
		t.Fatal(err)
	}
	before := onboardWrites(s)
	reads := totalCalls(s.Calls)
	r := runCLI(t, s, invocation{args: []string{"users", "onboard", "ada.onboard@example.com", "--role", "developer", "--workspace", "Research=workspace_developer", "--rbac-group", g.ID, "--dry-run"}})
	if r.code != 0 || totalCalls(s.Calls) != reads || !strings.Contains(r.stdout, "Question: Onboard ada.onboard@example.com: invite them as developer if they are not a member, or give them 1 workspace membership(s) and 1 RBAC group(s)?") {
		t.Errorf("--dry-run: exit %d, %d calls\n%s%s", r.code, totalCalls(s.Calls)-reads, r.stdout, r.stderr)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--role", "developer", "--workspace", "Nowhere=workspace_user", "--yes"}, `no workspace has the ID or name "Nowhere"`},
		{[]string{"--role", "developer", "--rbac-group", "Nobody", "--yes"}, `no RBAC group has the ID or name "Nobody"`},
		{[]string{"--workspace", "Research=workspace_user", "--yes"}, "pass --role"},
		{[]string{"--role", "developer", "--workspace", "Research", "--yes"}, "want workspace=role"},
		{[]string{"--role", "developer", "--workspace", "Research=workspace_owner", "--yes"}, "unknown workspace role"},
		{[]string{"--role", "admin", "--yes"}, "--role"},
		{[]string{"--role", "developer", "-o", "csv", "--yes"}, "prints text or JSON"},
	} {
		r := runCLI(t, s, invocation{args: append([]string{"users", "onboard", "ada.onboard@example.com"}, tc.args...)})
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%v: exit %d, want 2 and %q\n%s", tc.args, r.code, tc.want, r.stderr)
		}
	}
	r = runCLI(t, s, invocation{args: []string{"users", "onboard", "ada.onboard@example.com", "--role", "developer", "--workspace", "Research=workspace_developer", "--rbac-group", "Onboard Group"}, ttyIn: true, stdin: "n\n"})
	if r.code != 1 || !strings.Contains(r.stderr, "Onboard ada.onboard@example.com in 1 step(s) (send an invite)? The 1 workspace membership(s) follow once they accept. [y/N]") {
		t.Errorf("answered no: exit %d\n%s", r.code, r.stderr)
	}
	if d := diffCalls(before, onboardWrites(s)); len(d) != 0 {
		t.Errorf("the refusals wrote %v", d)
	}
}

// TestUsersOnboardLifeCycle runs the same command through the whole life
// cycle: the invite (whose answer is lost after the service made it), the
// re-run (no second invite), the acceptance, the memberships (failing
// halfway, after a role change) and the re-run that finishes them.
func TestUsersOnboardLifeCycle(t *testing.T) {
	s := newFake(t)
	ctx := context.Background()
	c := s.Client()
	g, err := s.AddRBACGroup(admintest.RBACGroupSeed{Name: "Onboard Group"})
	if err != nil {
		t.Fatal(err)
	}
	receipt := filepath.Join(t.TempDir(), "onboard.json")
	args := []string{"users", "onboard", "ada.onboard@example.com", "--role", "developer", "--workspace", "Research=workspace_developer", "--workspace", "Production=workspace_admin", "--rbac-group", g.ID, "--receipt", receipt, "--yes"}
	shown := append(append([]string{}, args[:len(args)-3]...), "--receipt", "onboard.json", "--yes")
	start := onboardWrites(s)

	// Run 1: the invite is made, but the answer is lost.
	if err := s.FailNext(admin.OpCreateInvite, 1, admintest.Fault{Status: 500, Message: "injected outage", Processed: true}); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, s, invocation{args: args})
	if r.code != 1 {
		t.Fatalf("run 1: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	golden(t, "onboard_run1", shown, r)

	// Run 2: the pending invite is found; nothing is sent.
	r = runCLI(t, s, invocation{args: args})
	if r.code != 0 || !strings.Contains(r.stdout, "exists: no new invite is sent") || !strings.Contains(r.stderr, "run the same command again after they accept") {
		t.Fatalf("run 2: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if d := diffCalls(start, onboardWrites(s)); len(d) != 1 || d[admin.OpCreateInvite] != 1 {
		t.Fatalf("writes after run 2: %v, want the one invite", d)
	}

	// They accept; someone makes them a user meanwhile.
	invites, err := c.Invites.List(ctx, &admin.ListInvitesParams{Email: "ada.onboard@example.com"})
	if err != nil || len(invites.Data) != 1 {
		t.Fatalf("invites: %v %v", invites, err)
	}
	u, err := s.AcceptInvite(invites.Data[0].ID)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Update(ctx, u.ID, admin.UpdateUserRequest{Role: admin.AssignableOrganizationRoleUser}); err != nil {
		t.Fatal(err)
	}

	// Run 3: the role is changed, the first workspace add fails.
	if err := s.FailNext(admin.OpAddWorkspaceMember, 1, admintest.Fault{Status: 403, Message: "injected refusal"}); err != nil {
		t.Fatal(err)
	}
	mid := onboardWrites(s)
	r = runCLI(t, s, invocation{args: args})
	if r.code != 1 {
		t.Fatalf("run 3: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	golden(t, "onboard_run3", shown, r)
	if d := diffCalls(mid, onboardWrites(s)); len(d) != 2 || d[admin.OpUpdateUser] != 1 || d[admin.OpAddWorkspaceMember] != 1 {
		t.Errorf("run 3 writes: %v", d)
	}

	// Run 4: the two workspaces, and nothing else.
	mid = onboardWrites(s)
	r = runCLI(t, s, invocation{args: args})
	if r.code != 0 {
		t.Fatalf("run 4: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	golden(t, "onboard_run4", shown, r)
	if d := diffCalls(mid, onboardWrites(s)); len(d) != 1 || d[admin.OpAddWorkspaceMember] != 2 {
		t.Errorf("run 4 writes: %v", d)
	}
	b, err := os.ReadFile(receipt)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "onboard_receipt", []string{"cat", "onboard.json"}, result{stdout: receiptTimes.ReplaceAllString(string(b), `"at": "<time>"`)})

	// Run 5, as JSON: nothing to do, nothing sent.
	mid = onboardWrites(s)
	r = runCLI(t, s, invocation{args: append(args, "-o", "json")})
	if r.code != 0 || !strings.Contains(r.stdout, `"steps": []`) || !strings.Contains(r.stdout, `"complete": true`) {
		t.Errorf("run 5: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if d := diffCalls(mid, onboardWrites(s)); len(d) != 0 {
		t.Errorf("run 5 wrote %v", d)
	}
	// The receipt of another person is refused.
	r = runCLI(t, s, invocation{args: []string{"users", "onboard", "bob@example.com", "--role", "user", "--receipt", receipt, "--yes"}})
	if r.code != 2 || !strings.Contains(r.stderr, "is not a receipt of the onboarding of bob@example.com") {
		t.Errorf("another person's receipt: exit %d\n%s", r.code, r.stderr)
	}
}
