package admintest

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// activitySeed adds two members besides the owner, an RBAC group holding
// Ada, Claude Code records for Ada and chat activity for both, on
// 2026-03-02 and 03 (t0 is 2026-03-10).
func activitySeed(t *testing.T, f *fake) (ada, bob gen.User, grp gen.RBACGroup) {
	t.Helper()
	must[gen.User](t)(f.AddUser(UserSeed{Email: "owner@example.com", Name: "Owner", Role: gen.OrganizationRolePrimaryOwner}))
	ada = must[gen.User](t)(f.AddUser(UserSeed{Email: "ada@example.com", Name: "Ada"}))
	bob = must[gen.User](t)(f.AddUser(UserSeed{Email: "bob@example.com", Name: "Bob"}))
	grp = must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Analysts", MemberIDs: []string{ada.ID}}))
	cc := func(d time.Time, email string, sessions, commits int64) gen.ClaudeCodeUsageRecord {
		return gen.ClaudeCodeUsageRecord{Date: d, Actor: gen.ClaudeCodeActor{Type: gen.ClaudeCodeActorTypeUserActor, EmailAddress: ptr(email)},
			CustomerType: gen.CustomerTypeAPI, TerminalType: "vscode",
			CoreMetrics: gen.ClaudeCodeCoreMetrics{NumSessions: sessions, CommitsByClaudeCode: commits, LinesOfCode: gen.LinesOfCode{Added: 10 * commits, Removed: commits}},
			ToolActions: map[string]gen.ToolActionCounts{"edit_tool": {Accepted: 3, Rejected: 1}}}
	}
	if err := f.AddClaudeCodeUsage(cc(day(2), "Ada@Example.com", 2, 3), cc(day(3), "ada@example.com", 1, 1), cc(day(3), "stranger@example.com", 9, 9)); err != nil {
		t.Fatal(err)
	}
	if err := f.AddUserActivity(
		UserActivityRecord{Date: day(2).Add(5 * time.Hour), UserID: ada.ID, ChatMessages: 10, ChatConversations: 2, WebSearches: 1},
		UserActivityRecord{Date: day(2), UserID: bob.ID, ChatMessages: 4, ChatConversations: 1, CoworkMessages: 6, CoworkSessions: 1},
		UserActivityRecord{Date: day(3), UserID: bob.ID, DesignMessages: 5, DesignSessions: 1, WebSearches: 2},
	); err != nil {
		t.Fatal(err)
	}
	if err := f.AddUserActivity(UserActivityRecord{Date: day(2), UserID: "user_nobody"}); err == nil {
		t.Error("AddUserActivity accepted an unknown user")
	}
	return ada, bob, grp
}

func usersPath(q string) string { return "/v1/organizations/analytics/users?" + q }

func TestAnalyticsUsersActivity(t *testing.T) {
	f := newFake(t)
	ada, bob, grp := activitySeed(t, f)

	// One day: a row per member, the owner's empty; Claude Code from the
	// Claude Code report, matched by email address.
	r := ok[gen.AnalyticsUserActivityList](f, "GET", usersPath("date=2026-03-02"), nil)
	if len(r.Data) != 3 || r.NextPage != nil {
		t.Fatalf("one day: %d rows, next %v", len(r.Data), r.NextPage)
	}
	rows := map[string]gen.AnalyticsUserActivity{}
	for _, it := range r.Data {
		rows[it.User.EmailAddress] = it
	}
	a := rows["ada@example.com"]
	if a.User.ID != ada.ID || a.ChatMetrics.MessageCount != 10 || *a.ChatMetrics.DistinctConversationCount != 2 || a.WebSearchCount != 1 ||
		a.ClaudeCodeMetrics.CoreMetrics.DistinctSessionCount != 2 || a.ClaudeCodeMetrics.CoreMetrics.CommitCount != 3 ||
		a.ClaudeCodeMetrics.CoreMetrics.LinesOfCode.AddedCount != 30 || a.ClaudeCodeMetrics.ToolActions.EditTool.AcceptedCount != 3 ||
		a.LastActivityDate == nil || a.LastActivityDate.String() != "2026-03-02" || a.DistinctUserCount != nil {
		t.Errorf("Ada on 03-02: %+v", a)
	}
	if b := rows["bob@example.com"]; b.CoworkMetrics.MessageCount != 6 || *b.CoworkMetrics.DistinctSessionCount != 1 || b.ClaudeCodeMetrics.CoreMetrics.CommitCount != 0 {
		t.Errorf("Bob on 03-02: %+v", b)
	}
	if o := rows["owner@example.com"]; o.LastActivityDate != nil || o.ChatMetrics.MessageCount != 0 {
		t.Errorf("owner on 03-02: %+v", o)
	}

	// A range: counters summed, distinct counts that could double-count
	// null; ranked by commits, highest first; one row per page.
	q := "starting_date=2026-03-01&ending_date=2026-03-05&order_by=claude_code_metrics.core_metrics.commit_count&limit=1"
	r = ok[gen.AnalyticsUserActivityList](f, "GET", usersPath(q), nil)
	if len(r.Data) != 1 || r.NextPage == nil || r.Data[0].User.ID != ada.ID || r.Data[0].ClaudeCodeMetrics.CoreMetrics.CommitCount != 4 ||
		r.Data[0].ChatMetrics.DistinctConversationCount != nil || r.Data[0].LastActivityDate.String() != "2026-03-03" {
		t.Fatalf("range, first page: %+v", r)
	}
	var ids []string
	for page := ""; ; {
		r = ok[gen.AnalyticsUserActivityList](f, "GET", usersPath(q+page), nil)
		for _, it := range r.Data {
			ids = append(ids, it.User.EmailAddress)
		}
		if r.NextPage == nil {
			break
		}
		page = "&page=" + url.QueryEscape(*r.NextPage)
	}
	// Bob and the owner tie at 0 commits: by user ID, descending.
	want := []string{"ada@example.com", "bob@example.com", "owner@example.com"}
	if bob.ID < ada.ID {
		t.Fatalf("IDs not in creation order")
	}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("range ranked by commits (-want +got):\n%s", diff)
	}

	// Filters and grouping.
	r = ok[gen.AnalyticsUserActivityList](f, "GET", usersPath("date=2026-03-03&filter[]=rbac_group_id:"+grp.ID), nil)
	if len(r.Data) != 1 || r.Data[0].User.ID != ada.ID || r.Data[0].ClaudeCodeMetrics.CoreMetrics.CommitCount != 1 {
		t.Errorf("rbac_group_id filter: %+v", r.Data)
	}
	r = ok[gen.AnalyticsUserActivityList](f, "GET", usersPath("date=2026-03-03&filter[]=user_id:"+bob.ID+"&filter[]=user_id:"+ada.ID), nil)
	if len(r.Data) != 2 {
		t.Errorf("user_id filters: %d rows", len(r.Data))
	}
	r = ok[gen.AnalyticsUserActivityList](f, "GET", usersPath("date=2026-03-03&filter[]=project_id:claude_proj_x"), nil)
	if len(r.Data) != 0 {
		t.Errorf("project_id filter: %d rows, want none (the fake has no projects)", len(r.Data))
	}
	r = ok[gen.AnalyticsUserActivityList](f, "GET", usersPath("starting_date=2026-03-01&ending_date=2026-03-05&group_by[]=rbac_group_id"), nil)
	if len(r.Data) != 1 || r.Data[0].User != nil || *r.Data[0].RBACGroupID != grp.ID || *r.Data[0].RBACGroupName != "Analysts" ||
		*r.Data[0].DistinctUserCount != 1 || r.Data[0].ChatMetrics.MessageCount != 10 {
		t.Errorf("grouped by RBAC group: %+v", r.Data)
	}

	// Refusals.
	for name, q := range map[string]string{
		"neither":              "",
		"both":                 "date=2026-03-02&starting_date=2026-03-01",
		"ending without start": "date=2026-03-02&ending_date=2026-03-04",
		"before 2026":          "date=2025-12-31",
		"today":                "date=2026-03-10",
		"after today":          "starting_date=2026-03-01&ending_date=2026-03-11",
		"empty range":          "starting_date=2026-03-04&ending_date=2026-03-04",
		"unknown order_by":     "date=2026-03-02&order_by=vibes",
		"bad filter":           "date=2026-03-02&filter[]=model:claude",
		"project and group":    "date=2026-03-02&filter[]=project_id:p&group_by[]=rbac_group_id",
		"foreign page":         "date=2026-03-02&page=page_eA",
	} {
		if resp := f.do("GET", usersPath(q), nil); resp.status != 400 {
			t.Errorf("%s: status %d, want 400 (%s)", name, resp.status, resp.body)
		}
	}
}

func TestAnalyticsSummaries(t *testing.T) {
	f := newFake(t)
	_, _, grp := activitySeed(t, f)
	must[gen.Invite](t)(f.AddInvite(InviteSeed{Email: "new@example.com", InvitedAt: day(2).Add(12 * time.Hour)}))

	r := ok[gen.AnalyticsSummaryList](f, "GET", "/v1/organizations/analytics/summaries?starting_date=2026-03-01&ending_date=2026-03-05", nil)
	if len(r.Data) != 4 || r.NextPage != nil {
		t.Fatalf("%d days, next %v", len(r.Data), r.NextPage)
	}
	var got []string
	for _, d := range r.Data {
		got = append(got, fmt.Sprintf("%s dau=%d wau=%d mau=%d code=%d chat=%d cowork=%d design=%d seats=%d pending=%d adoption=%.2f",
			d.StartingAt.Format("01-02"), d.DailyActiveUserCount, d.WeeklyActiveUserCount, d.MonthlyActiveUserCount, *d.ClaudeCodeDailyActiveUserCount,
			*d.ChatDailyActiveUserCount, d.CoworkDailyActiveUserCount, *d.ClaudeDesignDailyActiveUserCount, *d.AssignedSeatCount, *d.PendingInviteCount, *d.DailyAdoptionRate))
	}
	want := []string{
		"03-01 dau=0 wau=0 mau=0 code=0 chat=0 cowork=0 design=0 seats=3 pending=0 adoption=0.00",
		"03-02 dau=2 wau=2 mau=2 code=1 chat=2 cowork=1 design=0 seats=3 pending=1 adoption=66.67",
		"03-03 dau=2 wau=2 mau=2 code=1 chat=0 cowork=0 design=1 seats=3 pending=1 adoption=66.67",
		"03-04 dau=0 wau=2 mau=2 code=0 chat=0 cowork=0 design=0 seats=3 pending=1 adoption=0.00",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("summaries (-want +got):\n%s", diff)
	}
	if !r.Data[0].EndingAt.Equal(day(2)) {
		t.Errorf("first day ends %v", r.Data[0].EndingAt)
	}

	// Scoped to a group: members' activity only, org-wide fields null.
	r = ok[gen.AnalyticsSummaryList](f, "GET", "/v1/organizations/analytics/summaries?starting_date=2026-03-02&ending_date=2026-03-03&filter[]=rbac_group_id:"+grp.ID, nil)
	if len(r.Data) != 1 || r.Data[0].DailyActiveUserCount != 1 || r.Data[0].AssignedSeatCount != nil || r.Data[0].DailyAdoptionRate != nil || r.Data[0].PendingInviteCount != nil {
		t.Errorf("scoped: %+v", r.Data)
	}
	// ending_date defaults to today: the last entry is yesterday.
	r = ok[gen.AnalyticsSummaryList](f, "GET", "/v1/organizations/analytics/summaries?starting_date=2026-03-01", nil)
	if len(r.Data) != 9 || !r.Data[8].StartingAt.Equal(day(9)) {
		t.Errorf("default end: %d days", len(r.Data))
	}
	for name, q := range map[string]string{
		"before 2026": "starting_date=2025-12-31",
		"today":       "starting_date=2026-03-10",
		"over 366":    "starting_date=2026-01-01&ending_date=2027-01-03",
		"bad filter":  "starting_date=2026-03-01&filter[]=user_id:x",
		"page":        "starting_date=2026-03-01&page=page_eA",
	} {
		if resp := f.do("GET", "/v1/organizations/analytics/summaries?"+q, nil); resp.status != 400 {
			t.Errorf("%s: status %d, want 400 (%s)", name, resp.status, resp.body)
		}
	}
}

// TestAnalyticsActivityAgreesWithClaudeCodeReport checks, on the demo
// data, that the members' Claude Code activity is the Claude Code report's
// and that each day's active users are the members with activity that day.
func TestAnalyticsActivityAgreesWithClaudeCodeReport(t *testing.T) {
	f := newFake(t, WithDemoData(), WithClock(func() time.Time { return t0 }))
	sums := ok[gen.AnalyticsSummaryList](f, "GET", "/v1/organizations/analytics/summaries?starting_date=2026-03-03&ending_date=2026-03-10", nil)
	if len(sums.Data) != 7 {
		t.Fatalf("%d summaries", len(sums.Data))
	}
	for i, sum := range sums.Data {
		d := sum.StartingAt.Format(time.DateOnly)
		cc := ok[gen.ClaudeCodeUsageReport](f, "GET", "/v1/organizations/usage_report/claude_code?limit=1000&starting_at="+d, nil)
		var sessions, commits int64
		for _, r := range cc.Data {
			sessions += r.CoreMetrics.NumSessions
			commits += r.CoreMetrics.CommitsByClaudeCode
		}
		users := ok[gen.AnalyticsUserActivityList](f, "GET", usersPath("limit=1000&date="+d), nil)
		var uSessions, uCommits, active, coders int64
		for _, u := range users.Data {
			uSessions += u.ClaudeCodeMetrics.CoreMetrics.DistinctSessionCount
			uCommits += u.ClaudeCodeMetrics.CoreMetrics.CommitCount
			if u.LastActivityDate != nil {
				active++
			}
			if u.ClaudeCodeMetrics.CoreMetrics.DistinctSessionCount > 0 {
				coders++
			}
		}
		if sessions == 0 || uSessions != sessions || uCommits != commits {
			t.Errorf("%s: Claude Code report %d sessions %d commits, members %d and %d", d, sessions, commits, uSessions, uCommits)
		}
		if sum.DailyActiveUserCount != active || active == 0 || *sum.ClaudeCodeDailyActiveUserCount != coders {
			t.Errorf("%s: summary DAU %d (code %d), members active %d (code %d)", d, sum.DailyActiveUserCount, *sum.ClaudeCodeDailyActiveUserCount, active, coders)
		}
		if i == 6 {
			t.Logf("%s: %d sessions, %d commits, %d active of %d seats", d, sessions, commits, active, *sum.AssignedSeatCount)
		}
	}
}
