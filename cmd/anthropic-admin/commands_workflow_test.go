package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// offboardFixture seeds a member to offboard into the demo fake: two
// active keys and an inactive one, two workspace memberships, a pending
// invite to her email and an RBAC group.
func offboardFixture(t *testing.T, s *admintest.Server) (userID string) {
	t.Helper()
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := s.AddInvite(admintest.InviteSeed{Email: "jane.offboard@example.com", Role: admin.OrganizationRoleDeveloper})
	check(err)
	u, err := s.AddUser(admintest.UserSeed{Email: "jane.offboard@example.com", Name: "Jane Offboard", Role: admin.OrganizationRoleDeveloper})
	check(err)
	for _, name := range []string{"Offboard One", "Offboard Two"} {
		w, err := s.AddWorkspace(admintest.WorkspaceSeed{Name: name})
		check(err)
		_, err = s.AddWorkspaceMember(w.ID, u.ID, admin.WorkspaceRoleWorkspaceDeveloper)
		check(err)
		_, err = s.AddAPIKey(admintest.APIKeySeed{Name: "jane " + name, WorkspaceID: w.ID, CreatedByUserID: u.ID})
		check(err)
	}
	_, err = s.AddAPIKey(admintest.APIKeySeed{Name: "jane old", CreatedByUserID: u.ID, Status: admin.APIKeyStatusInactive})
	check(err)
	_, err = s.AddRBACGroup(admintest.RBACGroupSeed{Name: "Offboard Group", MemberIDs: []string{u.ID}})
	check(err)
	return u.ID
}

// writeCalls counts the calls of the operations offboarding makes.
func writeCalls(s *admintest.Server) map[admin.Operation]int {
	m := map[admin.Operation]int{}
	for _, op := range []admin.Operation{admin.OpUpdateAPIKey, admin.OpRemoveWorkspaceMember, admin.OpDeleteInvite, admin.OpRemoveRBACGroupMember, admin.OpSignOutUser, admin.OpRemoveUser} {
		m[op] = s.Calls(op)
	}
	return m
}

func diffCalls(before, after map[admin.Operation]int) map[admin.Operation]int {
	d := map[admin.Operation]int{}
	for op, n := range after {
		if n != before[op] {
			d[op] = n - before[op]
		}
	}
	return d
}

// TestUsersOffboardDryRunAndRefusals: offboard-plan prints the plan and
// changes nothing, --dry-run sends nothing; a missing --keys and a missing
// or negative confirmation refuse.
func TestUsersOffboardDryRunAndRefusals(t *testing.T) {
	s := newFake(t)
	offboardFixture(t, s)
	before := writeCalls(s)
	args := []string{"users", "offboard-plan", "jane.offboard@example.com", "--keys", "deactivate"}
	r := runCLI(t, s, invocation{args: args})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	golden(t, "offboard_plan", args, r)
	args = []string{"users", "offboard-plan", "jane.offboard@example.com", "--keys", "archive", "-o", "json"}
	r = runCLI(t, s, invocation{args: args})
	if r.code != 0 || !strings.Contains(r.stdout, `"kind": "archive_api_key"`) {
		t.Fatalf("-o json: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	reads := totalCalls(s.Calls)
	args = []string{"users", "offboard", "jane.offboard@example.com", "--keys", "deactivate", "--dry-run"}
	r = runCLI(t, s, invocation{args: args})
	if r.code != 0 || totalCalls(s.Calls) != reads {
		t.Fatalf("--dry-run: exit %d, %d calls\n%s", r.code, totalCalls(s.Calls)-reads, r.stderr)
	}
	for _, want := range []string{"nothing is sent", "Question: Offboard jane.offboard@example.com (deactivate the API keys they created)", "Removing a user alone leaves their API keys active.", "Request: GET /v1/organizations/users?email=jane.offboard%40example.com"} {
		if !strings.Contains(r.stdout, want) {
			t.Errorf("--dry-run output lacks %q:\n%s", want, r.stdout)
		}
	}

	for _, args := range [][]string{
		{"users", "offboard", "jane.offboard@example.com", "--yes"},
		{"users", "offboard-plan", "jane.offboard@example.com"},
	} {
		r = runCLI(t, s, invocation{args: args})
		if r.code != 2 || !strings.Contains(r.stderr, "pass --keys deactivate or --keys archive") {
			t.Errorf("%v without --keys: exit %d\n%s", args, r.code, r.stderr)
		}
	}
	r = runCLI(t, s, invocation{args: []string{"users", "offboard", "jane.offboard@example.com", "--keys", "archive"}})
	if r.code != 2 || !strings.Contains(r.stderr, "pass --yes") || r.stdout != "" {
		t.Errorf("without a terminal or --yes: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"users", "offboard", "jane.offboard@example.com", "--keys", "archive"}, ttyIn: true, stdin: "n\n"})
	if r.code != 1 || !strings.Contains(r.stderr, "Offboard jane.offboard@example.com in 9 steps (archive 3 API keys, leave 2 workspaces, delete 1 invite, leave 1 RBAC group, sign out, remove the user)? Removing a user leaves the API keys they created active; this plan archives 3 of them first. [y/N]") {
		t.Errorf("answered no: exit %d\n%s", r.code, r.stderr)
	}
	if d := diffCalls(before, writeCalls(s)); len(d) != 0 {
		t.Errorf("the dry run and the refusals changed something: %v", d)
	}
	// Answering yes runs the plan that was asked about.
	r = runCLI(t, s, invocation{args: []string{"users", "offboard", "jane.offboard@example.com", "--keys", "archive"}, ttyIn: true, stdin: "y\n"})
	if r.code != 0 || !strings.Contains(r.stdout, "Steps (9):") || !strings.Contains(r.stdout, "complete after 1 run(s)") {
		t.Errorf("answered yes: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if d := diffCalls(before, writeCalls(s)); d[admin.OpUpdateAPIKey] != 3 || d[admin.OpRemoveUser] != 1 {
		t.Errorf("answered yes: calls %v, want 3 key updates and the removal", d)
	}
}

var receiptTimes = regexp.MustCompile(`"at": "[^"]+"`)

// TestUsersOffboardResume fails the first workspace removal, after the
// keys were deactivated; the same command again finishes the job without
// deactivating them again, and a third run reports the user as done.
func TestUsersOffboardResume(t *testing.T) {
	s := newFake(t)
	offboardFixture(t, s)
	receipt := filepath.Join(t.TempDir(), "receipt.json")
	if err := s.FailNext(admin.OpRemoveWorkspaceMember, 1, admintest.Fault{Status: 403, Message: "injected refusal"}); err != nil {
		t.Fatal(err)
	}
	args := []string{"users", "offboard", "jane.offboard@example.com", "--keys", "deactivate", "--receipt", receipt, "--yes"}
	shown := []string{"users", "offboard", "jane.offboard@example.com", "--keys", "deactivate", "--receipt", "receipt.json", "--yes"}
	before := writeCalls(s)
	r := runCLI(t, s, invocation{args: args})
	if r.code == 0 {
		t.Fatalf("the injected failure did not fail the run:\n%s", r.stdout)
	}
	golden(t, "offboard_run1", shown, r)
	first := diffCalls(before, writeCalls(s))
	if first[admin.OpUpdateAPIKey] != 2 || first[admin.OpRemoveWorkspaceMember] != 1 || first[admin.OpRemoveUser] != 0 {
		t.Errorf("first run calls = %v", first)
	}

	mid := writeCalls(s)
	r = runCLI(t, s, invocation{args: args})
	if r.code != 0 {
		t.Fatalf("second run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	golden(t, "offboard_run2", shown, r)
	second := diffCalls(mid, writeCalls(s))
	want := map[admin.Operation]int{admin.OpRemoveWorkspaceMember: 2, admin.OpDeleteInvite: 1, admin.OpRemoveRBACGroupMember: 1, admin.OpSignOutUser: 1, admin.OpRemoveUser: 1}
	if len(second) != len(want) {
		t.Errorf("second run calls = %v, want %v", second, want)
	}
	for op, n := range want {
		if second[op] != n {
			t.Errorf("second run called %s %d times, want %d", op, second[op], n)
		}
	}

	b, err := os.ReadFile(receipt)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "offboard_receipt", []string{"cat", "receipt.json"}, result{stdout: receiptTimes.ReplaceAllString(string(b), `"at": "<time>"`)})

	last := writeCalls(s)
	r = runCLI(t, s, invocation{args: args})
	if r.code != 0 || !strings.Contains(r.stdout, "already removed") {
		t.Errorf("third run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if d := diffCalls(last, writeCalls(s)); len(d) != 0 {
		t.Errorf("the third run changed something: %v", d)
	}
}
