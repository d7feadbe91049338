package main

import (
	"context"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// spendLimits adds the placeholders of the spend-limits commands, taken
// from the demo data: {spendlimit}, a member's monthly limit of $1,500,
// and {increase}, the newest pending increase request.
func (f fixture) spendLimits(t *testing.T, s *admintest.Server, args []string) fixture {
	t.Helper()
	if len(args) == 0 || args[0] != "spend-limits" {
		return f
	}
	ctx := context.Background()
	c := s.Client()
	for l, err := range c.SpendLimits.All(ctx, &admin.ListSpendLimitsParams{ScopeTypes: []admin.SpendLimitScopeType{admin.SpendLimitScopeTypeUser}}) {
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		if l.Amount != nil && l.Amount.String() == "150000" {
			f["spendlimit"] = l.ID
			f["limituser"] = *l.Scope.UserID
		}
	}
	reqs, err := c.SpendLimitIncreaseRequests.List(ctx, &admin.ListSpendLimitIncreaseRequestsParams{Statuses: []admin.SpendLimitIncreaseRequestStatus{admin.SpendLimitIncreaseRequestStatusPending}})
	if err != nil || len(reqs.Data) == 0 || f["spendlimit"] == "" {
		t.Fatalf("fixture: %v, %v, %q", reqs, err, f["spendlimit"])
	}
	f["increase"] = reqs.Data[0].ID
	return f
}

// spendLimitCases are golden tests of the spend-limits commands beyond
// one per operation: the questions of delete, approve and deny, dollars
// in and out.
var spendLimitCases = []goldenCase{
	{"confirm_delete_no", invocation{args: []string{"spend-limits", "delete", "{spendlimit}"}, stdin: "n\n", ttyIn: true}},
	{"confirm_approve", invocation{args: []string{"spend-limits", "requests", "approve", "{increase}", "--amount-usd", "80.5"}, stdin: "y\n", ttyIn: true}},
	{"confirm_deny", invocation{args: []string{"spend-limits", "requests", "deny", "{increase}"}, stdin: "y\n", ttyIn: true}},
	{"effective_csv", invocation{args: []string{"spend-limits", "effective", "--limit", "3", "-o", "csv"}}},
	{"requests_json", invocation{args: []string{"spend-limits", "requests", "list", "--status", "pending", "--limit", "1", "-o", "json"}}},
	{"set_no_limit", invocation{args: []string{"spend-limits", "set", "--user", "{limituser}", "--no-limit"}}},
	{"help_set", invocation{args: []string{"spend-limits", "set", "--help"}}},
}

// TestSpendLimitsCLI runs spendLimitCases.
func TestSpendLimitsCLI(t *testing.T) {
	runGoldenCasesWith(t, "spendlimits_", spendLimitCases, func(t *testing.T, s *admintest.Server, f fixture, args []string) fixture {
		return f.spendLimits(t, s, args)
	})
}

// runGoldenCasesWith is runGoldenCases with a further fixture.
func runGoldenCasesWith(t *testing.T, prefix string, cases []goldenCase, more func(*testing.T, *admintest.Server, fixture, []string) fixture) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFake(t)
			inv := tc.inv
			inv.args = more(t, s, newFixture(t, s), inv.args).expand(inv.args)
			r := runCLI(t, s, inv)
			golden(t, prefix+tc.name, tc.inv.args, r)
		})
	}
}

// TestSpendLimitDollars checks that --amount-usd reaches the API as exact
// whole cents, and that a fraction of a cent, a negative or malformed
// amount and a missing or doubled scope are usage errors (exit 2) that
// send nothing.
func TestSpendLimitDollars(t *testing.T) {
	for _, tc := range []struct{ in, cents string }{
		{"500.00", "50000"}, {"500", "50000"}, {"0.01", "1"}, {"1234567890123.45", "123456789012345"}, {"19.990", "1999"},
	} {
		s := newFake(t)
		f := newFixture(t, s)
		r := runCLI(t, s, invocation{args: []string{"spend-limits", "set", "--user", f["user"], "--period", "weekly", "--amount-usd", tc.in, "-o", "json"}})
		if r.code != 0 {
			t.Fatalf("--amount-usd %s: exit %d, %s", tc.in, r.code, r.stderr)
		}
		if !strings.Contains(r.stdout, `"amount": "`+tc.cents+`"`) {
			t.Errorf("--amount-usd %s: sent %s, want %s cents", tc.in, r.stdout, tc.cents)
		}
	}
	for _, tc := range []struct {
		args []string
		op   admin.Operation
		want string
	}{
		{[]string{"spend-limits", "set", "--user", "{user}", "--amount-usd", "10.005"}, admin.OpSetSpendLimit, "a fraction of a cent (1000.5 cents)"},
		{[]string{"spend-limits", "set", "--user", "{user}", "--amount-usd", "-5"}, admin.OpSetSpendLimit, "is negative"},
		{[]string{"spend-limits", "set", "--user", "{user}", "--amount-usd", "$5"}, admin.OpSetSpendLimit, "not an amount of dollars"},
		{[]string{"spend-limits", "set", "--user", "{user}", "--amount-usd", "1,000"}, admin.OpSetSpendLimit, "not an amount of dollars"},
		{[]string{"spend-limits", "set", "--amount-usd", "5"}, admin.OpSetSpendLimit, "exactly one of --user, --workspace and --organization"},
		{[]string{"spend-limits", "set", "--organization", "--user", "{user}", "--amount-usd", "5"}, admin.OpSetSpendLimit, "exactly one of"},
		{[]string{"spend-limits", "set", "--organization"}, admin.OpSetSpendLimit, "give --amount-usd"},
		{[]string{"spend-limits", "set", "--organization", "--no-limit", "--amount-usd", "5"}, admin.OpSetSpendLimit, "not both"},
		{[]string{"spend-limits", "requests", "approve", "{increase}", "--amount-usd", "0.001", "--yes"}, admin.OpApproveSpendLimitIncreaseRequest, "a fraction of a cent"},
		{[]string{"spend-limits", "requests", "approve", "{increase}"}, admin.OpApproveSpendLimitIncreaseRequest, "--amount-usd"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			s := newFake(t)
			args := newFixture(t, s).spendLimits(t, s, []string{"spend-limits"}).expand(tc.args)
			r := runCLI(t, s, invocation{args: args, stdin: "y\n", ttyIn: true})
			if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", r.code, r.stderr, tc.want)
			}
			if n := s.Calls(tc.op); n != 0 {
				t.Errorf("%s was called %d times", tc.op, n)
			}
			if strings.Contains(r.stderr, "[y/N]") {
				t.Errorf("asked before refusing the flags: %q", r.stderr)
			}
		})
	}
}
