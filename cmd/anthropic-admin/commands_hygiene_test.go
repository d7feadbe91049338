package main

import (
	"context"
	"encoding/json"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// hygieneFixture adds four keys that need attention to the demo fake:
// one expiring in 5 days, one unused for a year, one whose creator left,
// one bound to no principal. It returns their IDs in that order.
func hygieneFixture(t *testing.T, s *admintest.Server) []string {
	t.Helper()
	check := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	u, err := s.AddUser(admintest.UserSeed{Email: "hygiene.owner@example.com", Name: "Hy Owner", Role: admin.OrganizationRoleDeveloper})
	check(err)
	leaver, err := s.AddUser(admintest.UserSeed{Email: "hygiene.leaver@example.com", Name: "Hy Leaver", Role: admin.OrganizationRoleDeveloper})
	check(err)
	old := testNow.AddDate(-1, 0, 0)
	soon := testNow.AddDate(0, 0, 5)
	var ids []string
	for _, k := range []admintest.APIKeySeed{
		{Name: "hygiene expiring", CreatedByUserID: u.ID, CreatedAt: old, ExpiresAt: &soon},
		{Name: "hygiene unused", CreatedByUserID: u.ID, CreatedAt: old},
		{Name: "hygiene orphan", CreatedByUserID: leaver.ID, CreatedAt: old},
		{Name: "hygiene bare", CreatedAt: old},
	} {
		key, err := s.AddAPIKey(k)
		check(err)
		ids = append(ids, key.ID)
		if k.Name != "hygiene unused" {
			check(s.AddUsage(admintest.UsageRecord{Time: testNow.AddDate(0, 0, -2), APIKeyID: key.ID, Model: "claude-sonnet-4-5", UncachedInputTokens: 7}))
		}
	}
	_, err = s.Client().Users.Remove(context.Background(), leaver.ID)
	check(err)
	return ids
}

// asOf is the --as-of of the tests: the fakes' clock (the tests talk to
// the fake by URL, so the tool's own clock is the system's).
var asOf = testNow.Format(time.RFC3339)

func TestAPIKeysHygieneReport(t *testing.T) {
	s := newFake(t)
	ids := hygieneFixture(t, s)
	args := []string{"api-keys", "hygiene", "--as-of", asOf}
	r := runCLI(t, s, invocation{args: args})
	if r.code != 0 {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
	golden(t, "hygiene_table", args, r)
	for _, id := range ids {
		if !strings.Contains(r.stdout, id) {
			t.Errorf("the table lacks %s", id)
		}
	}
	if !strings.Contains(r.stdout, "4 of 12 active keys flagged: expiring 1, unused 1, creator_gone 1, no_principal 1") {
		t.Errorf("no counts line:\n%s", r.stdout)
	}

	r = runCLI(t, s, invocation{args: []string{"api-keys", "hygiene", "--as-of", asOf, "--only", "unused,no_principal", "-o", "csv"}})
	if r.code != 0 {
		t.Fatalf("csv: exit %d\n%s", r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if len(lines) != 3 || lines[0] != "id,name,status,workspace_id,created_by,expires_at,last_used,reasons,details" ||
		// Without creator_gone the members are not listed: created_by is
		// the creator's ID.
		!strings.HasPrefix(lines[1], ids[1]+",hygiene unused,active,,user_") || !strings.HasSuffix(lines[1], ",,,unused,no usage since 2026-08-03") ||
		!strings.HasPrefix(lines[2], ids[3]+",hygiene bare,active,,,,2026-10-30,no_principal,") {
		t.Errorf("csv:\n%s", r.stdout)
	}

	r = runCLI(t, s, invocation{args: []string{"api-keys", "hygiene", "--as-of", asOf, "--expiring-within", "4d", "-o", "json"}})
	var rep struct {
		KeysChecked int            `json:"keys_checked"`
		Counts      map[string]int `json:"counts"`
		Keys        []struct {
			ID       string `json:"id"`
			Findings []struct{ Reason, Detail string }
		} `json:"keys"`
	}
	if r.code != 0 || json.Unmarshal([]byte(r.stdout), &rep) != nil {
		t.Fatalf("json: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if rep.KeysChecked != 12 || len(rep.Keys) != 3 || rep.Counts["expiring"] != 0 || rep.Counts["creator_gone"] != 1 {
		t.Errorf("json with --expiring-within 4d: %+v", rep)
	}

	for _, bad := range [][]string{
		{"--only", "stale"},
		{"--unused-for", "ninety days"},
		{"--expiring-within", "0d"},
		{"--dry-run"},
		{"--dry-run"},
		{"--receipt", "r.json"},
		{"--as-of", "yesterday"},
	} {
		r := runCLI(t, s, invocation{args: append([]string{"api-keys", "hygiene"}, bad...)})
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2\n%s", bad, r.code, r.stderr)
		}
	}
}

// TestAPIKeysHygieneDeactivate: --dry-run and a refused confirmation change
// nothing; a run whose first deactivation fails (after the service did
// it) is finished by the same command again, without repeating it.
func TestAPIKeysHygieneDeactivate(t *testing.T) {
	s := newFake(t)
	hygieneFixture(t, s)
	before := s.Calls(admin.OpUpdateAPIKey)
	r := runCLI(t, s, invocation{args: []string{"api-keys", "hygiene", "--as-of", asOf, "--deactivate", "--dry-run"}})
	if r.code != 0 || !strings.Contains(r.stdout, "Plan: deactivate 4 API key(s)") || !strings.Contains(r.stderr, "nothing was changed") {
		t.Errorf("--dry-run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"api-keys", "hygiene", "--as-of", asOf, "--deactivate"}})
	if r.code != 2 || !strings.Contains(r.stderr, "pass --yes") {
		t.Errorf("without a terminal or --yes: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"api-keys", "hygiene", "--as-of", asOf, "--deactivate"}, ttyIn: true, stdin: "n\n"})
	if r.code != 1 || !strings.Contains(r.stderr, "Deactivate 4 API key(s) (expiring 1, unused 1, creator_gone 1, no_principal 1)? Requests with them fail until they are activated again. [y/N]") {
		t.Errorf("answered no: exit %d\n%s", r.code, r.stderr)
	}
	if n := s.Calls(admin.OpUpdateAPIKey) - before; n != 0 {
		t.Fatalf("--dry-run and the refusals sent %d updates", n)
	}

	receipt := filepath.Join(t.TempDir(), "hygiene.json")
	if err := s.FailNext(admin.OpUpdateAPIKey, 1, admintest.Fault{Status: 500, Message: "injected outage", Processed: true, Header: http.Header{"X-Should-Retry": {"false"}}}); err != nil {
		t.Fatal(err)
	}
	args := []string{"api-keys", "hygiene", "--as-of", asOf, "--deactivate", "--receipt", receipt, "--yes"}
	shown := []string{"api-keys", "hygiene", "--as-of", asOf, "--deactivate", "--receipt", "hygiene.json", "--yes"}
	r = runCLI(t, s, invocation{args: args})
	if r.code == 0 {
		t.Fatalf("the injected failure did not fail the run:\n%s", r.stdout)
	}
	golden(t, "hygiene_run1", shown, r)
	if n := s.Calls(admin.OpUpdateAPIKey) - before; n != 1 {
		t.Errorf("first run: %d updates, want 1", n)
	}
	r = runCLI(t, s, invocation{args: args})
	if r.code != 0 {
		t.Fatalf("second run: exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	golden(t, "hygiene_run2", shown, r)
	if n := s.Calls(admin.OpUpdateAPIKey) - before; n != 4 {
		t.Errorf("two runs: %d updates, want 4 (the first key is not deactivated twice)", n)
	}
	b, err := os.ReadFile(receipt)
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "hygiene_receipt", []string{"cat", "hygiene.json"}, result{stdout: receiptTimes.ReplaceAllString(string(b), `"at": "<time>"`)})
	r = runCLI(t, s, invocation{args: append(args, "-o", "json")})
	if r.code != 0 || !strings.Contains(r.stdout, `"keys": []`) || s.Calls(admin.OpUpdateAPIKey)-before != 4 {
		t.Errorf("third run: exit %d, %d updates\n%s%s", r.code, s.Calls(admin.OpUpdateAPIKey)-before, r.stdout, r.stderr)
	}
	// An offboarding receipt is refused.
	off := filepath.Join(t.TempDir(), "off.json")
	if err := os.WriteFile(off, []byte(`{"user_id":"user_x","email":"x@example.com","runs":1,"complete":false,"steps":[]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, s, invocation{args: []string{"api-keys", "hygiene", "--deactivate", "--receipt", off, "--yes"}})
	if r.code != 2 || !strings.Contains(r.stderr, "not a key hygiene receipt") {
		t.Errorf("an offboarding receipt: exit %d\n%s", r.code, r.stderr)
	}
}
