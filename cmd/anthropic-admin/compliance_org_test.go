package main

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// complianceDir adds to f {compgroup}, the first group the Compliance API
// lists, and {childorg}, the first child organization, for the commands
// that name them. They are looked up, not seeded, so no ID shifts; the
// lookup is skipped for other commands so that it never stands in for the
// command's own call.
func (f fixture) complianceDir(t *testing.T, s *admintest.Server, args []string) fixture {
	t.Helper()
	joined := strings.Join(args, " ")
	ctx := context.Background()
	c := s.Client()
	if strings.Contains(joined, "{compgroup}") {
		gs, err := c.ComplianceGroups.List(ctx, nil)
		id, err := pick(gs, err, func(l *admin.ComplianceGroupList) []admin.ComplianceGroup { return l.Data }, func(g admin.ComplianceGroup) string { return g.ID })
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		f["compgroup"] = id
	}
	if strings.Contains(joined, "{childorg}") {
		os, err := c.ComplianceOrganizations.List(ctx, nil)
		if err != nil || len(os.Data) < 2 {
			t.Fatalf("fixture: %v (%d organizations)", err, len(os.Data))
		}
		f["childorg"] = os.Data[1].UUID
	}
	return f
}

// TestComplianceDirCLI checks the directory commands beyond their golden
// files: a child organization's settings and users, and the refusal
// without --org or an Admin key, which sends nothing.
func TestComplianceDirCLI(t *testing.T) {
	s := newFake(t)
	f := newFixture(t, s).complianceDir(t, s, []string{"{childorg}"})
	r := runCLI(t, s, invocation{args: f.expand([]string{"compliance", "settings", "--org", "{childorg}", "-o", "csv"}), env: map[string]string{envAdminKey: ""}})
	if r.code != 0 || !strings.Contains(r.stdout, f["childorg"]+",ip_allowlist_enabled,boolean,false") {
		t.Errorf("settings of the child organization: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, s, invocation{args: f.expand([]string{"compliance", "users", "--org", "{childorg}", "--all", "-o", "csv"}), env: map[string]string{envAdminKey: ""}})
	if lines := strings.Count(r.stdout, "\n"); r.code != 0 || lines != 1+11 {
		t.Errorf("users of the child organization: exit %d, %d lines\n%s%s", r.code, lines, r.stdout, r.stderr)
	}
	for _, args := range [][]string{
		{"compliance", "roles", "list"},
		{"compliance", "settings"},
		{"compliance", "preferences", "list"},
	} {
		before := s.Calls(admin.OpListComplianceRoles) + s.Calls(admin.OpGetComplianceOrganizationSettings) + s.Calls(admin.OpListComplianceUserPreferences)
		r := runCLI(t, s, invocation{args: args, env: map[string]string{envAdminKey: ""}})
		after := s.Calls(admin.OpListComplianceRoles) + s.Calls(admin.OpGetComplianceOrganizationSettings) + s.Calls(admin.OpListComplianceUserPreferences)
		if r.code != 2 || !strings.Contains(r.stderr, "pass --org") || after != before {
			t.Errorf("%v without --org nor Admin key: exit %d, %d calls\n%s", args, r.code, after-before, r.stderr)
		}
	}
	leaves := 0
	commands().leaves(nil, func(path []string, c *command) {
		if slices.Equal(path[:1], []string{"compliance"}) && len(c.examples) == 0 && c.name != "users" {
			t.Errorf("%s has no examples", strings.Join(path, " "))
		}
		leaves++
	})
	if leaves == 0 {
		t.Error("no leaves")
	}
}
