package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// orgWriteCalls counts the calls of the operations org apply makes.
func orgWriteCalls(s *admintest.Server) map[admin.Operation]int {
	m := map[admin.Operation]int{}
	for _, op := range []admin.Operation{admin.OpUpdateUser, admin.OpRemoveUser, admin.OpCreateInvite, admin.OpDeleteInvite,
		admin.OpCreateWorkspace, admin.OpUpdateWorkspace, admin.OpArchiveWorkspace, admin.OpAddWorkspaceMember,
		admin.OpUpdateWorkspaceMember, admin.OpRemoveWorkspaceMember, admin.OpUpdateWorkspaceRateLimit,
		admin.OpCreateRBACGroup, admin.OpAddRBACGroupMember, admin.OpRemoveRBACGroupMember, admin.OpUpdateAPIKey} {
		m[op] = s.Calls(op)
	}
	return m
}

// editExport makes text edits an administrator would make to an export
// of the demo data: Mary becomes a developer, Edsger a workspace
// developer in Production, Dennis leaves Production, a workspace Design
// is added with Mary in it, and zed@example.com is invited.
func editExport(t *testing.T, text string) string {
	t.Helper()
	for _, r := range [][2]string{
		{"  - email: mary.shaw@example.com\n    name: Mary Shaw\n    role: user\n", "  - email: mary.shaw@example.com\n    name: Mary Shaw\n    role: developer\n"},
		{"      - email: edsger.dijkstra@example.com\n        role: workspace_restricted_developer\n", "      - email: edsger.dijkstra@example.com\n        role: workspace_developer\n"},
		{"      - email: dennis.ritchie@example.com\n        role: workspace_user\n", ""},
		{"\ninvites:\n", "\ninvites:\n  - email: zed@example.com\n    role: user\n"},
		{"\nworkspaces:\n", "\nworkspaces:\n  - name: Design\n    members:\n      - email: mary.shaw@example.com\n        role: workspace_user\n"},
	} {
		if !strings.Contains(text, r[0]) {
			t.Fatalf("the export lacks %q", r[0])
		}
		text = strings.Replace(text, r[0], r[1], 1)
	}
	return text
}

// TestOrgExportDiffApply runs the whole cycle through the CLI: export to
// a file, edit it, diff (golden), apply with --prune, and diff again.
func TestOrgExportDiffApply(t *testing.T) {
	s := newFake(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "org.yaml")
	r := runCLI(t, s, invocation{args: []string{"org", "export", "--output-file", file}})
	if r.code != 0 || r.stdout != "" || !strings.Contains(r.stderr, "wrote "+file+": 31 users, 2 invites, 4 workspaces, 3 service accounts, 0 RBAC groups, 10 API keys") {
		t.Fatalf("export: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	again := runCLI(t, s, invocation{args: []string{"org", "export"}})
	if again.stdout != string(b) {
		t.Error("org export to stdout differs from --output-file")
	}
	if err := os.WriteFile(file, []byte(editExport(t, string(b))), 0o600); err != nil {
		t.Fatal(err)
	}
	before := orgWriteCalls(s)
	shown := []string{"org", "diff", "org.yaml", "--prune"}
	r = runCLI(t, s, invocation{args: []string{"org", "diff", file, "--prune"}})
	golden(t, "org_diff", shown, r)
	r = runCLI(t, s, invocation{args: []string{"org", "diff", file, "--prune", "--exit-code"}})
	if r.code != exitChanges || r.stderr != "" {
		t.Errorf("--exit-code with changes: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"org", "apply", file, "--prune"}})
	if r.code != 2 || !strings.Contains(r.stderr, "pass --yes") {
		t.Errorf("apply without a terminal or --yes: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"org", "apply", file, "--prune"}, ttyIn: true, stdin: "n\n"})
	want := `Apply ` + file + ` to 00000000-0000-4000-8000-00000000fa4e "Fake Organization (admintest)": 6 change(s) (add 3, change 2, remove 1)? Removals and archives cannot be undone. (org diff ` + file + ` lists them.) [y/N]`
	if r.code != 1 || !strings.Contains(r.stderr, want) {
		t.Errorf("answered no: exit %d\n%s\nwant %s", r.code, r.stderr, want)
	}
	if d := diffCalls(before, orgWriteCalls(s)); len(d) != 0 {
		t.Fatalf("diff and the refusals changed something: %v", d)
	}
	receipt := filepath.Join(dir, "receipt.json")
	r = runCLI(t, s, invocation{args: []string{"org", "apply", file, "--prune", "--receipt", receipt}, ttyIn: true, stdin: "y\n"})
	if r.code != 0 || !strings.Contains(r.stdout, "complete after 1 run(s)") {
		t.Fatalf("answered yes: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	d := diffCalls(before, orgWriteCalls(s))
	wantCalls := map[admin.Operation]int{admin.OpUpdateUser: 1, admin.OpUpdateWorkspaceMember: 1, admin.OpCreateWorkspace: 1,
		admin.OpAddWorkspaceMember: 1, admin.OpCreateInvite: 1, admin.OpRemoveWorkspaceMember: 1}
	if len(d) != len(wantCalls) {
		t.Errorf("apply calls = %v, want %v", d, wantCalls)
	}
	for op, n := range wantCalls {
		if d[op] != n {
			t.Errorf("apply called %s %d times, want %d", op, d[op], n)
		}
	}
	rb, err := os.ReadFile(receipt)
	if err != nil {
		t.Fatal(err)
	}
	rc, err := workflow.ReadReceipt(strings.NewReader(string(rb)))
	if err != nil || !rc.Complete || len(rc.Steps) != 6 {
		t.Errorf("receipt: %v\n%s", err, rb)
	}
	r = runCLI(t, s, invocation{args: []string{"org", "diff", file, "--prune", "--exit-code"}})
	if r.code != 0 || !strings.Contains(r.stdout, "no changes: the organization matches the file") {
		t.Errorf("diff after apply: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
}

// TestOrgApplyResume fails the creation of the invite, after the
// workspace was created; the same command again finishes without
// creating the workspace twice.
func TestOrgApplyResume(t *testing.T) {
	s := newFake(t)
	dir := t.TempDir()
	file := filepath.Join(dir, "org.yaml")
	r := runCLI(t, s, invocation{args: []string{"org", "export", "--output-file", file}})
	if r.code != 0 {
		t.Fatalf("export: exit %d\n%s", r.code, r.stderr)
	}
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, []byte(editExport(t, string(b))), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := s.FailNext(admin.OpCreateInvite, 1, admintest.Fault{Status: 403, Message: "injected refusal"}); err != nil {
		t.Fatal(err)
	}
	receipt := filepath.Join(dir, "receipt.json")
	args := []string{"org", "apply", file, "--receipt", receipt, "--yes"}
	before := orgWriteCalls(s)
	r = runCLI(t, s, invocation{args: args})
	if r.code != 1 || !strings.Contains(r.stderr, "run the same command again to finish") || !strings.Contains(r.stdout, "incomplete after 1 run(s)") {
		t.Fatalf("first run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	first := diffCalls(before, orgWriteCalls(s))
	if first[admin.OpCreateWorkspace] != 1 || first[admin.OpCreateInvite] != 1 || first[admin.OpRemoveWorkspaceMember] != 0 {
		t.Errorf("first run calls = %v", first)
	}
	mid := orgWriteCalls(s)
	r = runCLI(t, s, invocation{args: args})
	if r.code != 0 || !strings.Contains(r.stdout, "complete after 2 run(s)") {
		t.Fatalf("second run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	second := diffCalls(mid, orgWriteCalls(s))
	if len(second) != 1 || second[admin.OpCreateInvite] != 1 {
		t.Errorf("second run calls = %v, want only the invite (no --prune: the removal is left alone)", second)
	}
}

// TestOrgApplyRefusesAnotherOrganization: a file of another organization
// is refused before anything changes.
func TestOrgApplyRefusesAnotherOrganization(t *testing.T) {
	s := newFake(t)
	file := filepath.Join(t.TempDir(), "org.yaml")
	text := "organization:\n  id: 00000000-0000-4000-8000-000000000bad\nusers:\n  - email: edsger.dijkstra@example.com\n    role: developer\n"
	if err := os.WriteFile(file, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	before := orgWriteCalls(s)
	for _, args := range [][]string{{"org", "apply", file, "--yes"}, {"org", "diff", file}} {
		r := runCLI(t, s, invocation{args: args})
		if r.code != 1 || !strings.Contains(r.stderr, "the file is for another organization: the file is for 00000000-0000-4000-8000-000000000bad, the key's organization is 00000000-0000-4000-8000-00000000fa4e") {
			t.Errorf("%v: exit %d\n%s%s", args, r.code, r.stdout, r.stderr)
		}
	}
	if d := diffCalls(before, orgWriteCalls(s)); len(d) != 0 {
		t.Errorf("changed: %v", d)
	}
	r := runCLI(t, s, invocation{args: []string{"org", "diff", filepath.Join(t.TempDir(), "missing.yaml")}})
	if r.code != 2 {
		t.Errorf("missing file: exit %d\n%s", r.code, r.stderr)
	}
}
