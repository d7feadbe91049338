package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// newEmptyFake starts a fake without demo data, accepting the test keys,
// its clock frozen at testNow.
func newEmptyFake(t *testing.T) *admintest.Server {
	t.Helper()
	s := admintest.NewServer(admintest.WithAdminKey(testKey), admintest.WithComplianceKey(testComplianceKey),
		admintest.WithClock(func() time.Time { return testNow }))
	t.Cleanup(s.Close)
	return s
}

// mustRun runs the tool and fails the test unless it exits 0.
func mustRun(t *testing.T, s *admintest.Server, args ...string) string {
	t.Helper()
	r := runCLI(t, s, invocation{args: args})
	if r.code != 0 {
		t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
	}
	return r.stdout
}

// TestAmountsNeverCentsBesideUSD checks that the 100× mistake cannot
// happen in any output of any money command: the wire's 54054.1 cents
// print as 540.541 under a usd heading, or as 54054.1 under a cents
// heading with --unit cents, never the one beside the other.
func TestAmountsNeverCentsBesideUSD(t *testing.T) {
	s := newEmptyFake(t)
	day := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	if err := s.AddCost(admintest.CostRecord{Date: day, Amount: "54054.1", Description: "claude-sonnet-4-5 Usage - Input Tokens", Model: "claude-sonnet-4-5"}); err != nil {
		t.Fatal(err)
	}
	commands := [][]string{
		{"usage", "cost", "--from", "2026-10-05", "--to", "2026-10-06"},
		{"usage", "cost", "--from", "2026-10-05", "--to", "2026-10-06", "--group-by", "description,workspace_id"},
		{"report", "cost", "--from", "2026-10-01", "--to", "2026-10-08"},
		{"report", "cost", "--from", "2026-10-01", "--to", "2026-10-08", "--by", "model", "--by-day"},
		{"report", "chargeback", "--month", "2026-10"},
	}
	for _, cmd := range commands {
		for _, format := range []string{"table", "csv", "json"} {
			if cmd[0] == "usage" && format == "json" {
				continue // the API's own objects: "amount" in cents, as documented
			}
			for _, unit := range []string{"", "dollars", "cents"} {
				args := append(slices.Clone(cmd), "-o", format)
				if unit != "" {
					args = append(args, "--unit", unit)
				}
				out := strings.ToLower(mustRun(t, s, args...))
				if unit == "cents" {
					if !strings.Contains(out, "54054.1") || !strings.Contains(out, "cost_cents") || strings.Contains(out, "usd") || strings.Contains(out, "540.541") {
						t.Errorf("%v: want 54054.1 under cost_cents and no usd:\n%s", args, out)
					}
					continue
				}
				if !strings.Contains(out, "540.541") || !strings.Contains(out, "cost_usd") || strings.Contains(out, "54054.1") || strings.Contains(out, "cents") {
					t.Errorf("%v: want 540.541 under cost_usd and no cents:\n%s", args, out)
				}
			}
		}
	}
}

// seedNames adds what the name resolution must show: a workspace, an
// archived one, one whose name is hostile, the default workspace, a
// workspace ID the API no longer knows; an API key, a deleted key and
// Console usage; a user, a removed user and usage without a user.
func seedNames(t *testing.T, s *admintest.Server) (day time.Time) {
	t.Helper()
	day = time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	alpha, err := s.AddWorkspace(admintest.WorkspaceSeed{Name: "Alpha"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := s.AddWorkspace(admintest.WorkspaceSeed{Name: "Old"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.ArchiveWorkspace(old.ID); err != nil {
		t.Fatal(err)
	}
	evil, err := s.AddWorkspace(admintest.WorkspaceSeed{Name: "=HYPERLINK(\"x\")\x1b[2J<b>"})
	if err != nil {
		t.Fatal(err)
	}
	key, err := s.AddAPIKey(admintest.APIKeySeed{Name: "CI key", WorkspaceID: alpha.ID})
	if err != nil {
		t.Fatal(err)
	}
	ada, err := s.AddUser(admintest.UserSeed{Email: "ada@example.com", Name: "Ada", Role: admin.OrganizationRoleDeveloper})
	if err != nil {
		t.Fatal(err)
	}
	costs := []admintest.CostRecord{
		{Date: day, WorkspaceID: alpha.ID, Amount: "1000.5", Model: "claude-opus-4-1", Description: "claude-opus-4-1 Usage - Output Tokens"},
		{Date: day.AddDate(0, 0, 1), WorkspaceID: alpha.ID, Amount: "0.000001", Model: "claude-opus-4-1", Description: "claude-opus-4-1 Usage - Output Tokens"},
		{Date: day, WorkspaceID: old.ID, Amount: "250", Model: "claude-haiku-4-5", Description: "claude-haiku-4-5 Usage - Input Tokens"},
		{Date: day, WorkspaceID: evil.ID, Amount: "75.25", Model: "claude-haiku-4-5", Description: "claude-haiku-4-5 Usage - Input Tokens"},
		{Date: day, Amount: "500", Model: "claude-sonnet-4-5", Description: "claude-sonnet-4-5 Usage - Input Tokens"},
		{Date: day.AddDate(0, 0, 2), WorkspaceID: "wrkspc_01gone", Amount: "12.34", CostType: admin.CostTypeWebSearch, Description: "Web Search"},
	}
	if err := s.AddCost(costs...); err != nil {
		t.Fatal(err)
	}
	usage := []admintest.UsageRecord{
		{Time: day.Add(time.Hour), WorkspaceID: alpha.ID, APIKeyID: key.ID, AccountID: ada.ID, Model: "claude-opus-4-1", UncachedInputTokens: 1000, OutputTokens: 500, CacheCreation5mInputTokens: 100, CacheCreation1hInputTokens: 10, CacheReadInputTokens: 1},
		{Time: day.Add(2 * time.Hour), WorkspaceID: old.ID, APIKeyID: "apikey_01gone", AccountID: "user_01gone", Model: "claude-haiku-4-5", UncachedInputTokens: 300, OutputTokens: 20},
		{Time: day.Add(26 * time.Hour), Model: "claude-sonnet-4-5", UncachedInputTokens: 7, OutputTokens: 3, WebSearchRequests: 2},
		{Time: day.Add(27 * time.Hour), WorkspaceID: "wrkspc_01gone", APIKeyID: key.ID, Model: "claude-sonnet-4-5", UncachedInputTokens: 40, OutputTokens: 2},
	}
	if err := s.AddUsage(usage...); err != nil {
		t.Fatal(err)
	}
	return day
}

// TestReportGoldens prints the reports of seedNames: totals sorted by
// size with names (archived, default, deleted, Console and no user shown
// as such, nothing dropped) and a TOTAL row, per day, in every format,
// and as charts.
func TestReportGoldens(t *testing.T) {
	cases := []goldenCase{
		{"cost", invocation{args: []string{"report", "cost", "--from", "2026-10-01", "--to", "2026-10-08"}}},
		{"cost_model_cents", invocation{args: []string{"report", "cost", "--from", "2026-10-01", "--to", "2026-10-08", "--by", "model", "--unit", "cents"}}},
		{"cost_description_csv", invocation{args: []string{"report", "cost", "--from", "2026-10-01", "--to", "2026-10-08", "--by", "description", "-o", "csv"}}},
		{"cost_by_day_json", invocation{args: []string{"report", "cost", "--from", "2026-10-05", "--to", "2026-10-08", "--by-day", "-o", "json"}}},
		{"cost_csv", invocation{args: []string{"report", "cost", "--from", "2026-10-01", "--to", "2026-10-08", "-o", "csv"}}},
		{"usage_workspace", invocation{args: []string{"report", "usage", "--from", "2026-10-01", "--to", "2026-10-08"}}},
		{"usage_api_key", invocation{args: []string{"report", "usage", "--from", "2026-10-01", "--to", "2026-10-08", "--by", "api-key"}}},
		{"usage_account_json", invocation{args: []string{"report", "usage", "--from", "2026-10-01", "--to", "2026-10-08", "--by", "account", "-o", "json"}}},
		{"usage_by_day_csv", invocation{args: []string{"report", "usage", "--from", "2026-10-05", "--to", "2026-10-07", "--by", "model", "--by-day", "-o", "csv"}}},
		{"cost_chart", invocation{args: []string{"report", "cost", "--from", "2026-10-04", "--to", "2026-10-08", "--chart"}}},
		{"usage_chart_narrow", invocation{args: []string{"report", "usage", "--from", "2026-10-04", "--to", "2026-10-08", "--by", "api-key", "--chart"}, width: 60}},
		{"chargeback", invocation{args: []string{"report", "chargeback", "--month", "2026-10"}}},
		{"chargeback_cents_json", invocation{args: []string{"report", "chargeback", "--month", "2026-10", "--unit", "cents", "-o", "json"}}},
		{"chart_json", invocation{args: []string{"report", "cost", "--chart", "-o", "json"}}},
		{"chargeback_bad_month", invocation{args: []string{"report", "chargeback", "--month", "October"}}},
		{"help_cost", invocation{args: []string{"report", "cost", "--help"}}},
		{"progress", invocation{args: []string{"report", "cost", "--from", "2026-08-20", "--to", "2026-10-08", "-o", "csv"}, ttyErr: true}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newEmptyFake(t)
			seedNames(t, s)
			golden(t, "report_"+tc.name, tc.inv.args, runCLI(t, s, tc.inv))
		})
	}
}

// TestReportDemoGoldens draws the demo data's charts and reports.
func TestReportDemoGoldens(t *testing.T) {
	runGoldenCases(t, "report_demo_", []goldenCase{
		{"cost_chart", invocation{args: []string{"report", "cost", "--from", "2026-10-20", "--to", "2026-11-01", "--chart"}}},
		{"cost_chart_model_wide", invocation{args: []string{"report", "cost", "--from", "2026-10-25", "--to", "2026-11-01", "--by", "model", "--chart"}, width: 120}},
		{"usage_chart", invocation{args: []string{"report", "usage", "--from", "2026-10-25", "--to", "2026-11-01", "--by", "api-key", "--chart"}}},
		{"usage_api_key", invocation{args: []string{"report", "usage", "--from", "2026-10-01", "--to", "2026-11-01", "--by", "api-key"}}},
	})
}

// TestReportNames checks the name resolution of seedNames in CSV: every
// group is there, named, and hostile names are neutralised and escaped.
func TestReportNames(t *testing.T) {
	s := newEmptyFake(t)
	seedNames(t, s)
	out := mustRun(t, s, "report", "cost", "--from", "2026-10-01", "--to", "2026-10-08", "-o", "csv")
	for _, want := range []string{",Alpha,", ",Old (archived),", ",Default,", "wrkspc_01gone,wrkspc_01gone (deleted),", `'=HYPERLINK(""x"")\x1b[2J<b>`, ",TOTAL,18.38090001,100.0"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
	if strings.Contains(out, "\x1b") {
		t.Errorf("a raw escape reached the output:\n%q", out)
	}
	keys := mustRun(t, s, "report", "usage", "--from", "2026-10-01", "--to", "2026-10-08", "--by", "api-key", "-o", "csv")
	for _, want := range []string{",CI key,", "apikey_01gone,apikey_01gone (deleted),", ",(no API key: Console),"} {
		if !strings.Contains(keys, want) {
			t.Errorf("no %q in\n%s", want, keys)
		}
	}
	users := mustRun(t, s, "report", "usage", "--from", "2026-10-01", "--to", "2026-10-08", "--by", "account", "-o", "csv")
	for _, want := range []string{",ada@example.com,", "user_01gone,user_01gone (deleted),", ",(no user account),"} {
		if !strings.Contains(users, want) {
			t.Errorf("no %q in\n%s", want, users)
		}
	}
}

// TestReportWholeRange reads 45 days, two pages of the cost report: the
// total is every day's, and both pages were fetched.
func TestReportWholeRange(t *testing.T) {
	s := newEmptyFake(t)
	from := time.Date(2026, 8, 1, 0, 0, 0, 0, time.UTC)
	want := money.Cents{}
	for d := range 45 {
		amount := strconv.Itoa(100+d) + ".01"
		want = want.Add(money.MustParseCents(amount))
		if err := s.AddCost(admintest.CostRecord{Date: from.AddDate(0, 0, d), Amount: amount}); err != nil {
			t.Fatal(err)
		}
	}
	out := mustRun(t, s, "report", "cost", "--from", "2026-08-01", "--to", "2026-09-15", "--unit", "cents", "-o", "csv")
	if !strings.Contains(out, ",TOTAL,"+want.String()+",") {
		t.Errorf("want a TOTAL of %s cents:\n%s", want, out)
	}
	if n := s.Calls(admin.OpGetCostReport); n != 2 {
		t.Errorf("%d pages fetched, want 2", n)
	}
	days := mustRun(t, s, "report", "cost", "--from", "2026-08-01", "--to", "2026-09-15", "--by-day", "-o", "csv")
	if n := strings.Count(days, "\n2026-0"); n != 45 {
		t.Errorf("%d day rows, want 45:\n%s", n, days)
	}
}

// TestReportDefaultRange checks that without --from and --to the reports
// cover the last 7 UTC days, today included (--fake's clock: 2026-11-01).
func TestReportDefaultRange(t *testing.T) {
	r := runCLI(t, nil, invocation{args: []string{"--fake", "report", "cost", "--by-day", "-o", "csv"}})
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	var days []string
	for _, line := range strings.Split(r.stdout, "\n")[1:] {
		if d, _, ok := strings.Cut(line, ","); ok && d != "" && !slices.Contains(days, d) {
			days = append(days, d)
		}
	}
	want := []string{"2026-10-26", "2026-10-27", "2026-10-28", "2026-10-29", "2026-10-30", "2026-10-31", "2026-11-01"}
	if !slices.Equal(days, want) {
		t.Errorf("days %v, want %v", days, want)
	}
	for _, tc := range []struct {
		r    reportRange
		from string
		to   string
	}{
		{reportRange{}, "2026-10-26", "2026-11-02"},
		{reportRange{From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}, "2026-10-01", "2026-11-02"},
		{reportRange{To: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)}, "2026-09-24", "2026-10-01"},
		{reportRange{From: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)}, "2026-12-01", "2026-12-02"},
	} {
		from, to := tc.r.resolve(fakeNow)
		if from.Format(time.DateOnly) != tc.from || to.Format(time.DateOnly) != tc.to {
			t.Errorf("%+v: %s to %s, want %s to %s", tc.r, from, to, tc.from, tc.to)
		}
	}
}

// TestChargebackTotals checks that the chargeback's TOTAL rows equal the
// reports' totals: the cost to the cent (exact sums of money.Cents, in
// both units), the tokens exactly, per workspace and per user; and that
// the rows add up to them.
func TestChargebackTotals(t *testing.T) {
	s := newEmptyFake(t)
	seedNames(t, s)
	// Costs and usage just outside October are not counted.
	if err := s.AddCost(admintest.CostRecord{Date: time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), Amount: "999"}, admintest.CostRecord{Date: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC), Amount: "999"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUsage(admintest.UsageRecord{Time: time.Date(2026, 9, 30, 23, 59, 0, 0, time.UTC), OutputTokens: 999}); err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	c := s.Client()
	from, to := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	costTotals, _, err := admin.CostTotals(c.Cost.Range(ctx, from, to, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	tokTotals, _, err := admin.UsageTotals(c.MessagesUsage.Range(ctx, from, to, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCost, wantTokens := costTotals[""], tokTotals[""].Total()
	if wantCost.String() != "1838.090001" || wantTokens != 1983 {
		t.Fatalf("the seed changed: %s cents, %d tokens", wantCost, wantTokens)
	}

	for _, unit := range []string{"dollars", "cents"} {
		rows := readCSV(t, mustRun(t, s, "report", "chargeback", "--month", "2026-10", "--unit", unit))
		head := rows[0]
		costCol, tokCol := slices.Index(head, "cost_usd"), slices.Index(head, "total_tokens")
		if unit == "cents" {
			costCol = slices.Index(head, "cost_cents")
		}
		if costCol < 0 || tokCol < 0 {
			t.Fatalf("header %v", head)
		}
		sums := map[string]money.Cents{}
		tokens := map[string]int64{}
		totals := map[string][]string{}
		for _, r := range rows[1:] {
			if r[2] == "TOTAL" {
				totals[r[0]] = r
				continue
			}
			if r[costCol] != "" {
				sums[r[0]] = sums[r[0]].Add(money.MustParseCents(r[costCol]))
			}
			n, err := strconv.ParseInt(r[tokCol], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			tokens[r[0]] += n
		}
		// In dollars the figures are cents / 100: compare as dollars.
		want := wantCost.String()
		if unit == "dollars" {
			want = wantCost.Dollars()
		}
		if got := totals["workspace"][costCol]; money.MustParseCents(got).Cmp(money.MustParseCents(want)) != 0 || got != want {
			t.Errorf("%s: workspace TOTAL cost %s, want %s", unit, got, want)
		}
		if sums["workspace"].Cmp(money.MustParseCents(want)) != 0 {
			t.Errorf("%s: workspace rows add up to %s, want %s", unit, sums["workspace"], want)
		}
		for _, section := range []string{"workspace", "user"} {
			if got := totals[section][tokCol]; got != strconv.FormatInt(wantTokens, 10) || tokens[section] != wantTokens {
				t.Errorf("%s: %s tokens: TOTAL %s, rows %d, want %d", unit, section, got, tokens[section], wantTokens)
			}
		}
		// No cost of this seed is attributed to a user: the analytics
		// API's user total is 0, not the workspace total.
		if got := totals["user"][costCol]; money.MustParseCents(got).Cmp(money.Cents{}) != 0 {
			t.Errorf("%s: user TOTAL cost %q, want 0", unit, got)
		}
	}
}

// TestChargebackUserCosts fills the per-user cost through its extension
// point, userCosts, as the analytics API will.
func TestChargebackUserCosts(t *testing.T) {
	s := newEmptyFake(t)
	seedNames(t, s)
	var ada string
	for u, err := range s.Client().Users.All(context.Background(), nil) {
		if err != nil {
			t.Fatal(err)
		}
		ada = u.ID
	}
	defer func(f func(context.Context, *admin.Client, time.Time, time.Time) (map[string]admin.Cents, error)) {
		userCosts = f
	}(userCosts)
	userCosts = func(context.Context, *admin.Client, time.Time, time.Time) (map[string]admin.Cents, error) {
		return map[string]admin.Cents{ada: money.MustParseCents("1234.5")}, nil
	}
	out := mustRun(t, s, "report", "chargeback", "--month", "2026-10")
	if !strings.Contains(out, "user,"+ada+",ada@example.com,12.345,") || !strings.Contains(out, "user,,TOTAL,12.345,") {
		t.Errorf("no per-user cost:\n%s", out)
	}
	userCosts = func(context.Context, *admin.Client, time.Time, time.Time) (map[string]admin.Cents, error) {
		return nil, errors.New("analytics unavailable")
	}
	if r := runCLI(t, s, invocation{args: []string{"report", "chargeback", "--month", "2026-10"}}); r.code != 1 || !strings.Contains(r.stderr, "analytics unavailable") {
		t.Errorf("exit %d, stderr %q", r.code, r.stderr)
	}
}

// TestChargebackAnalyticsUserCosts checks the per-user cost read from the
// analytics API: each user's cost is the sum of the fractional cents
// attributed to them, users with cost but no tokens are listed, and the
// user TOTAL equals the analytics API's user total for the month to the
// cent (in both units), while the workspace TOTAL still equals the cost
// report's total. A month the analytics API refuses leaves the per-user
// cost empty with a note.
func TestChargebackAnalyticsUserCosts(t *testing.T) {
	s := newEmptyFake(t)
	seedNames(t, s)
	ctx := context.Background()
	c := s.Client()
	var ada string
	for u, err := range c.Users.All(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		ada = u.ID
	}
	bob, err := s.AddUser(admintest.UserSeed{Email: "bob@example.com", Name: "Bob", Role: admin.OrganizationRoleUser})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC) // the month's 31st day is in
	if err := s.AddCost(
		admintest.CostRecord{Date: day, AccountID: ada, Amount: "100.125", Model: "claude-opus-4-1", TokenType: admin.TokenTypeOutputTokens, Product: "claude_code"},
		admintest.CostRecord{Date: day.AddDate(0, 0, -30), AccountID: ada, Amount: "0.0005", Model: "claude-opus-4-1", TokenType: admin.TokenTypeUncachedInputTokens, Product: "claude_code"},
		admintest.CostRecord{Date: day, AccountID: bob.ID, Amount: "33.3333", Model: "claude-haiku-4-5", TokenType: admin.TokenTypeOutputTokens, Product: "claude_code"},
		admintest.CostRecord{Date: day.AddDate(0, 0, 1), AccountID: bob.ID, Amount: "999", Model: "claude-haiku-4-5", TokenType: admin.TokenTypeOutputTokens, Product: "claude_code"},
	); err != nil {
		t.Fatal(err)
	}
	from, to := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	var analyticsTotal money.Cents
	for it, err := range c.AnalyticsCost.All(ctx, &admin.ListAnalyticsCostParams{StartingAt: from, EndingAt: to, ActorTypes: []admin.AnalyticsActorType{admin.AnalyticsActorTypeUserActor}}) {
		if err != nil {
			t.Fatal(err)
		}
		analyticsTotal = analyticsTotal.Add(it.Cost.Amount)
	}
	if analyticsTotal.String() != "133.4588" {
		t.Fatalf("the seed changed: analytics user total %s cents", analyticsTotal)
	}
	costTotals, _, err := admin.CostTotals(c.Cost.Range(ctx, from, to, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, unit := range []string{"dollars", "cents"} {
		rows := readCSV(t, mustRun(t, s, "report", "chargeback", "--month", "2026-10", "--unit", unit))
		costCol := slices.Index(rows[0], "cost_usd")
		want, wantWs := analyticsTotal.Dollars(), costTotals[""].Dollars()
		if unit == "cents" {
			costCol, want, wantWs = slices.Index(rows[0], "cost_cents"), analyticsTotal.String(), costTotals[""].String()
		}
		got := map[string]string{}
		var sum money.Cents
		for _, r := range rows[1:] {
			got[r[0]+" "+r[2]] = r[costCol]
			if r[0] == "user" && r[2] != "TOTAL" && r[costCol] != "" {
				sum = sum.Add(money.MustParseCents(r[costCol]))
			}
		}
		if got["user TOTAL"] != want || money.MustParseCents(got["user TOTAL"]).Cmp(money.MustParseCents(want)) != 0 {
			t.Errorf("%s: user TOTAL %s, want the analytics total %s", unit, got["user TOTAL"], want)
		}
		if sum.Cmp(money.MustParseCents(want)) != 0 {
			t.Errorf("%s: user rows add up to %s, want %s", unit, sum, want)
		}
		if got["workspace TOTAL"] != wantWs {
			t.Errorf("%s: workspace TOTAL %s, want the cost report's %s", unit, got["workspace TOTAL"], wantWs)
		}
		wantAda, wantBob := "1.001255", "0.333333"
		if unit == "cents" {
			wantAda, wantBob = "100.1255", "33.3333"
		}
		if got["user ada@example.com"] != wantAda || got["user bob@example.com"] != wantBob {
			t.Errorf("%s: per-user cost %v", unit, got)
		}
	}
	// December 2025 is before the analytics API's first day: the
	// chargeback still runs, without per-user cost, and says why.
	r := runCLI(t, s, invocation{args: []string{"report", "chargeback", "--month", "2025-12"}})
	if r.code != 0 || !strings.Contains(r.stderr, "no per-user cost for 2025-12") {
		t.Fatalf("exit %d, stderr %q", r.code, r.stderr)
	}
	for _, row := range readCSV(t, r.stdout)[1:] {
		if row[0] == "user" && row[3] != "" {
			t.Errorf("a per-user cost for a refused month: %v", row)
		}
	}
}

// readCSV parses CSV output.
func readCSV(t *testing.T, s string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestReportJSONIsExact checks that -o json of report cost holds the exact
// amounts as strings, named by their unit.
func TestReportJSONIsExact(t *testing.T) {
	s := newEmptyFake(t)
	seedNames(t, s)
	var rows []map[string]any
	if err := json.Unmarshal([]byte(mustRun(t, s, "report", "cost", "--from", "2026-10-01", "--to", "2026-10-08", "-o", "json")), &rows); err != nil {
		t.Fatal(err)
	}
	last := rows[len(rows)-1]
	if last["name"] != "TOTAL" || last["cost_usd"] != "18.38090001" || last["total"] != true {
		t.Errorf("last row %v", last)
	}
}

// TestReportHTMLStructure walks the HTML report as XML: it is
// well-formed, has its charts and tables, and nothing that runs or loads
// from elsewhere: no script, style sheet link, image, frame, object,
// event handler attribute, href, src or URL.
func TestReportHTMLStructure(t *testing.T) {
	s := newEmptyFake(t)
	seedNames(t, s)
	out := mustRun(t, s, "report", "html", "--from", "2026-10-01", "--to", "2026-10-08")
	counts := htmlElements(t, out)
	if counts["svg"] != 2 || counts["table"] != 4 || counts["rect"] == 0 || counts["style"] != 1 {
		t.Errorf("elements %v: want 2 svg, 4 table, 1 style and rects", counts)
	}
	for _, bad := range []string{"script", "link", "img", "iframe", "object", "embed", "image", "use", "foreignObject", "a"} {
		if counts[bad] > 0 {
			t.Errorf("the page has a %s element", bad)
		}
	}
	low := strings.ToLower(out)
	for _, bad := range []string{"http:", "https:", "url(", "@import", "javascript:", "@font-face"} {
		if strings.Contains(low, bad) {
			t.Errorf("the page contains %q", bad)
		}
	}
	// The hostile workspace name is text, escaped, wherever it appears;
	// its control character shows as \x1b (safeText), as in tables.
	if !strings.Contains(out, `=HYPERLINK(&#34;x&#34;)\x1b[2J`) || !strings.Contains(out, "&lt;b&gt;") || strings.Contains(out, "<b>") {
		t.Errorf("the hostile name is not escaped")
	}
	for _, want := range []string{"Old (archived)", "Default", "wrkspc_01gone (deleted)", "$18.38090001", "100.0%"} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in the page", want)
		}
	}
}

// htmlElements parses page as XML and counts its elements by name; it
// fails the test on an attribute that is an event handler or loads
// something (on*, href, src, xlink:href).
func htmlElements(t *testing.T, page string) map[string]int {
	t.Helper()
	d := xml.NewDecoder(strings.NewReader(page))
	d.Strict = true
	d.Entity = xml.HTMLEntity
	counts := map[string]int{}
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("not well-formed: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			counts[se.Name.Local]++
			for _, a := range se.Attr {
				name := strings.ToLower(a.Name.Local)
				if strings.HasPrefix(name, "on") || name == "href" || name == "src" || name == "srcset" {
					t.Errorf("<%s %s=%q>", se.Name.Local, a.Name.Local, a.Value)
				}
			}
		}
	}
	return counts
}

// TestReportHTMLHostile puts markup in every place a server string
// reaches the page: workspace names (tables, legend, tooltips) and model
// names.
func TestReportHTMLHostile(t *testing.T) {
	s := newEmptyFake(t)
	day := time.Date(2026, 10, 5, 0, 0, 0, 0, time.UTC)
	evil := `</title></svg><script>alert(1)</script><img src=x onerror=alert(2)>"'&`
	ws, err := s.AddWorkspace(admintest.WorkspaceSeed{Name: evil})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.AddCost(admintest.CostRecord{Date: day, WorkspaceID: ws.ID, Amount: "1", Model: evil}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddUsage(admintest.UsageRecord{Time: day, WorkspaceID: ws.ID, Model: evil, OutputTokens: 5}); err != nil {
		t.Fatal(err)
	}
	out := mustRun(t, s, "report", "html", "--from", "2026-10-05", "--to", "2026-10-06")
	counts := htmlElements(t, out)
	if counts["script"] > 0 || counts["img"] > 0 || strings.Contains(out, "<script") || strings.Contains(out, "<img") {
		t.Errorf("markup from a name reached the page:\n%s", out)
	}
	if n := strings.Count(out, "&lt;script&gt;alert(1)&lt;/script&gt;"); n < 4 {
		t.Errorf("the name shows escaped %d times, want it in the legends, tooltips and tables", n)
	}
}

// TestReportHTMLGolden holds the demo report page.
func TestReportHTMLGolden(t *testing.T) {
	runGoldenCases(t, "report_", []goldenCase{
		{"html_demo", invocation{args: []string{"report", "html", "--from", "2026-10-25", "--to", "2026-11-01"}}},
	})
}
