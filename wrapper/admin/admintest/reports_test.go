package admintest

import (
	"fmt"
	"net/url"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

func day(n int) time.Time { return time.Date(2026, 3, n, 0, 0, 0, 0, time.UTC) }

func usagePath(q string) string { return "/v1/organizations/usage_report/messages?" + q }

func TestMessagesUsageReport(t *testing.T) {
	f := newFake(t)
	w := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	err := f.AddUsage(
		UsageRecord{Time: day(2).Add(1 * time.Hour), APIKeyID: "apikey_a", WorkspaceID: w.ID, Model: "m1", UncachedInputTokens: 10, OutputTokens: 1},
		UsageRecord{Time: day(2).Add(5 * time.Hour), APIKeyID: "apikey_b", Model: "m2", UncachedInputTokens: 20, OutputTokens: 2, CacheCreation1hInputTokens: 3, CacheCreation5mInputTokens: 6, CacheReadInputTokens: 9, WebSearchRequests: 1},
		UsageRecord{Time: day(2).Add(5*time.Hour + 30*time.Minute), APIKeyID: "apikey_a", WorkspaceID: w.ID, Model: "m1", ServiceTier: gen.ServiceTierBatch, UncachedInputTokens: 40, OutputTokens: 4},
		UsageRecord{Time: day(4).Add(23 * time.Hour), APIKeyID: "apikey_a", WorkspaceID: w.ID, Model: "m2", Speed: gen.SpeedFast, UncachedInputTokens: 80, OutputTokens: 8},
	)
	if err != nil {
		t.Fatal(err)
	}

	// Default: daily buckets, 7 per page, empty buckets included.
	r := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-03-01T10:00:00Z"), nil)
	if len(r.Data) != 7 || !r.HasMore || r.NextPage == nil {
		t.Fatalf("default page: %d buckets, has_more %v", len(r.Data), r.HasMore)
	}
	if !r.Data[0].StartingAt.Equal(day(1)) || !r.Data[0].EndingAt.Equal(day(2)) {
		t.Errorf("first bucket %v-%v, want snapped to %v", r.Data[0].StartingAt, r.Data[0].EndingAt, day(1))
	}
	totals := []int64{}
	for _, b := range r.Data {
		var n int64
		for _, res := range b.Results {
			n += res.UncachedInputTokens
		}
		totals = append(totals, n)
	}
	if diff := cmp.Diff([]int64{0, 70, 0, 80, 0, 0, 0}, totals); diff != "" {
		t.Errorf("daily input tokens (-want +got):\n%s", diff)
	}
	wantDay2 := gen.MessagesUsageResult{UncachedInputTokens: 70, OutputTokens: 7, CacheReadInputTokens: 9,
		CacheCreation: gen.CacheCreation{Ephemeral1HInputTokens: 3, Ephemeral5MInputTokens: 6}, ServerToolUse: gen.ServerToolUse{WebSearchRequests: 1}}
	if diff := cmp.Diff([]gen.MessagesUsageResult{wantDay2}, r.Data[1].Results); diff != "" {
		t.Errorf("ungrouped day 2 (-want +got):\n%s", diff)
	}
	if len(r.Data[0].Results) != 0 || r.Data[0].Results == nil {
		t.Errorf("empty bucket results = %#v, want []", r.Data[0].Results)
	}

	// Next page continues where the first stopped; ending_at bounds the report.
	r2 := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-03-01T10:00:00Z&page="+url.QueryEscape(*r.NextPage)), nil)
	if len(r2.Data) == 0 || !r2.Data[0].StartingAt.Equal(day(8)) {
		t.Errorf("second page starts at %v, want %v", r2.Data[0].StartingAt, day(8))
	}
	r3 := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-03T12:00:00Z"), nil)
	if len(r3.Data) != 3 || r3.HasMore || r3.NextPage != nil {
		t.Errorf("bounded report: %d buckets, has_more %v", len(r3.Data), r3.HasMore)
	}

	// Grouping and filters.
	g := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-03-02T00:00:00Z&limit=1&group_by[]=model&group_by[]=workspace_id"), nil)
	// Groups are ordered by their dimension values, in group_by's enum order.
	want := []gen.MessagesUsageResult{
		{Model: ptr("m2"), UncachedInputTokens: 20, OutputTokens: 2, CacheReadInputTokens: 9, CacheCreation: gen.CacheCreation{Ephemeral1HInputTokens: 3, Ephemeral5MInputTokens: 6}, ServerToolUse: gen.ServerToolUse{WebSearchRequests: 1}},
		{Model: ptr("m1"), WorkspaceID: ptr(w.ID), UncachedInputTokens: 50, OutputTokens: 5},
	}
	if diff := cmp.Diff(want, g.Data[0].Results); diff != "" {
		t.Errorf("grouped by model and workspace (-want +got):\n%s", diff)
	}
	flt := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-03-02T00:00:00Z&limit=1&api_key_ids[]=apikey_a&service_tiers[]=batch"), nil)
	if len(flt.Data[0].Results) != 1 || flt.Data[0].Results[0].UncachedInputTokens != 40 {
		t.Errorf("filtered: %+v", flt.Data[0].Results)
	}
	dflt := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-03-02T00:00:00Z&limit=1&workspace_ids[]="+f.DefaultWorkspaceID()), nil)
	if len(dflt.Data[0].Results) != 1 || dflt.Data[0].Results[0].UncachedInputTokens != 20 {
		t.Errorf("default workspace filter: %+v", dflt.Data[0].Results)
	}

	// Hourly buckets.
	h := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-03-02T00:00:00Z&bucket_width=1h"), nil)
	if len(h.Data) != 24 || h.Data[5].Results[0].UncachedInputTokens != 60 || h.Data[1].Results[0].UncachedInputTokens != 10 {
		t.Errorf("hourly: %d buckets", len(h.Data))
	}
	m := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-03-02T05:00:00Z&bucket_width=1m&limit=1440"), nil)
	if len(m.Data) != 1440 || m.Data[30].Results[0].UncachedInputTokens != 40 || !m.HasMore {
		t.Errorf("per minute: %d buckets, has_more %v", len(m.Data), m.HasMore)
	}

	// Limits per width, speed needs the beta header.
	for _, q := range []string{"limit=32", "bucket_width=1h&limit=169", "bucket_width=1m&limit=1441", "limit=0",
		"ending_at=2026-03-01T00:00:00Z", "page=page_bogus"} {
		f.fails("GET", usagePath("starting_at=2026-03-02T00:00:00Z&"+q), nil, 400, errInvalidRequest)
	}
	f.fails("GET", usagePath("starting_at=2026-03-02T00:00:00Z&group_by[]=speed"), nil, 400, errInvalidRequest)
	hdr := f.adminHeaders()
	hdr.Set("anthropic-beta", "other-beta, "+FastModeBeta)
	sp := f.doWith("GET", usagePath("starting_at=2026-03-04T00:00:00Z&limit=1&group_by[]=speed"), nil, hdr)
	var spr gen.MessagesUsageReport
	mustJSON(t, sp.body, &spr)
	if sp.status != 200 || len(spr.Data[0].Results) != 1 || *spr.Data[0].Results[0].Speed != gen.SpeedFast {
		t.Errorf("grouped by speed: %d %s", sp.status, sp.body)
	}
}

func TestCostReport(t *testing.T) {
	f := newFake(t)
	w := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	err := f.AddCost(
		CostRecord{Date: day(2).Add(3 * time.Hour), Amount: "100.25", WorkspaceID: w.ID, Description: "in", Model: "m1", TokenType: gen.TokenTypeUncachedInputTokens},
		CostRecord{Date: day(2), Amount: "0.000001", WorkspaceID: w.ID, Description: "out", Model: "m1", TokenType: gen.TokenTypeOutputTokens},
		CostRecord{Date: day(2), Amount: "7", Description: "search", CostType: gen.CostTypeWebSearch},
	)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.AddCost(CostRecord{Date: day(2), Amount: "-1"}); err == nil {
		t.Error("negative amount accepted")
	}
	r := ok[gen.CostReport](f, "GET", "/v1/organizations/cost_report?starting_at=2026-03-02T00:00:00Z&limit=2", nil)
	want := []gen.CostTimeBucket{
		{StartingAt: day(2), EndingAt: day(3), Results: []gen.CostResult{{Currency: "USD", Amount: money.MustParseCents("107.250001")}}},
		{StartingAt: day(3), EndingAt: day(4), Results: []gen.CostResult{}},
	}
	if diff := cmp.Diff(want, r.Data); diff != "" {
		t.Errorf("cost report (-want +got):\n%s", diff)
	}
	g := ok[gen.CostReport](f, "GET", "/v1/organizations/cost_report?starting_at=2026-03-02T00:00:00Z&limit=1&group_by[]=workspace_id", nil)
	wantW := []gen.CostResult{{Currency: "USD", Amount: money.MustParseCents("7")}, {Currency: "USD", Amount: money.MustParseCents("100.250001"), WorkspaceID: ptr(w.ID)}}
	if diff := cmp.Diff(wantW, g.Data[0].Results); diff != "" {
		t.Errorf("by workspace (-want +got):\n%s", diff)
	}
	d := ok[gen.CostReport](f, "GET", "/v1/organizations/cost_report?starting_at=2026-03-02T00:00:00Z&limit=1&group_by[]=description", nil)
	if len(d.Data[0].Results) != 3 || *d.Data[0].Results[0].Description != "in" || *d.Data[0].Results[0].TokenType != gen.TokenTypeUncachedInputTokens ||
		*d.Data[0].Results[2].CostType != gen.CostTypeWebSearch || d.Data[0].Results[0].WorkspaceID != nil {
		t.Errorf("by description: %+v", d.Data[0].Results)
	}
	f.fails("GET", "/v1/organizations/cost_report?starting_at=2026-03-02T00:00:00Z&limit=32", nil, 400, errInvalidRequest)
	f.fails("GET", "/v1/organizations/cost_report?starting_at=2026-03-02T00:00:00Z&bucket_width=1h", nil, 400, errInvalidRequest)
}

func TestClaudeCodeReport(t *testing.T) {
	f := newFake(t)
	var recs []gen.ClaudeCodeUsageRecord
	for i := range 5 {
		recs = append(recs, gen.ClaudeCodeUsageRecord{
			Date:         day(5).Add(time.Duration(i) * time.Hour),
			Actor:        gen.ClaudeCodeActor{Type: gen.ClaudeCodeActorTypeUserActor, EmailAddress: ptr(fmt.Sprintf("u%d@example.com", i))},
			TerminalType: "vscode",
			CoreMetrics:  gen.ClaudeCodeCoreMetrics{NumSessions: int64(i + 1)},
		})
	}
	recs = append(recs, gen.ClaudeCodeUsageRecord{Date: day(6), Actor: gen.ClaudeCodeActor{Type: gen.ClaudeCodeActorTypeAPIActor, APIKeyName: ptr("ci")}, TerminalType: "tmux"})
	if err := f.AddClaudeCodeUsage(recs...); err != nil {
		t.Fatal(err)
	}
	var sessions []int64
	page := ""
	for {
		q := "starting_at=2026-03-05&limit=2"
		if page != "" {
			q += "&page=" + url.QueryEscape(page)
		}
		r := ok[gen.ClaudeCodeUsageReport](f, "GET", "/v1/organizations/usage_report/claude_code?"+q, nil)
		for _, rec := range r.Data {
			sessions = append(sessions, rec.CoreMetrics.NumSessions)
			if !rec.Date.Equal(day(5)) || rec.OrganizationID != f.OrganizationID() || rec.CustomerType != gen.CustomerTypeAPI {
				t.Errorf("record %+v", rec)
			}
		}
		if !r.HasMore {
			break
		}
		page = *r.NextPage
	}
	if diff := cmp.Diff([]int64{1, 2, 3, 4, 5}, sessions); diff != "" {
		t.Errorf("records of the day (-want +got):\n%s", diff)
	}
	r := ok[gen.ClaudeCodeUsageReport](f, "GET", "/v1/organizations/usage_report/claude_code?starting_at=2026-03-06", nil)
	if len(r.Data) != 1 || *r.Data[0].Actor.APIKeyName != "ci" {
		t.Errorf("next day: %+v", r.Data)
	}
	f.fails("GET", "/v1/organizations/usage_report/claude_code?starting_at=2026-03-05T00:00:00Z", nil, 400, errInvalidRequest)
}

func TestDemoData(t *testing.T) {
	f := newFake(t, WithDemoData(), WithClock(func() time.Time { return t0 }))
	users := ok[gen.UserList](f, "GET", "/v1/organizations/users?limit=1000", nil)
	ws := ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces", nil)
	keys := ok[gen.APIKeyList](f, "GET", "/v1/organizations/api_keys?limit=1000", nil)
	rls := ok[gen.RateLimitList](f, "GET", "/v1/organizations/rate_limits", nil)
	if len(users.Data) < 25 || len(ws.Data) != 4 || len(keys.Data) != 10 || len(rls.Data) == 0 {
		t.Fatalf("demo data: %d users, %d workspaces, %d keys, %d rate limits", len(users.Data), len(ws.Data), len(keys.Data), len(rls.Data))
	}
	for _, w := range ws.Data {
		if m := ok[gen.WorkspaceMemberList](f, "GET", "/v1/organizations/workspaces/"+w.ID+"/members", nil); len(m.Data) < 3 {
			t.Errorf("workspace %s has %d members", w.Name, len(m.Data))
		}
	}
	u := ok[gen.MessagesUsageReport](f, "GET", usagePath("starting_at=2026-02-09T00:00:00Z&limit=31"), nil)
	c := ok[gen.CostReport](f, "GET", "/v1/organizations/cost_report?starting_at=2026-02-09T00:00:00Z&limit=31", nil)
	days, costDays := 0, 0
	for _, b := range u.Data {
		if len(b.Results) > 0 {
			days++
		}
	}
	for _, b := range c.Data {
		if len(b.Results) > 0 {
			costDays++
		}
	}
	if days < 30 || costDays < 30 {
		t.Errorf("demo usage covers %d days and costs %d days, want 30", days, costDays)
	}
	cc := ok[gen.ClaudeCodeUsageReport](f, "GET", "/v1/organizations/usage_report/claude_code?starting_at=2026-03-09", nil)
	if len(cc.Data) == 0 {
		t.Error("no Claude Code records yesterday")
	}
}
