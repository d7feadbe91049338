package admintest

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// analytics sends GET /v1/organizations/analytics/<what>?<q> with the beta
// header and returns the response.
func (f *fake) analytics(what, q string) response {
	f.t.Helper()
	h := f.adminHeaders()
	h.Set("anthropic-beta", AnalyticsBeta)
	return f.doWith("GET", "/v1/organizations/analytics/"+what+"?"+q, nil, h)
}

// analyticsOK is analytics for a request that must succeed, decoded.
func analyticsOK[T any](f *fake, what, q string) T {
	f.t.Helper()
	r := f.analytics(what, q)
	if r.status != http.StatusOK {
		f.t.Fatalf("analytics/%s?%s: status %d, body %s", what, q, r.status, r.body)
	}
	var v T
	mustJSON(f.t, r.body, &v)
	return v
}

// analyticsSeed adds a user, a service account's and an API key's usage
// and three costs, all on 2026-03-02 and 03.
func analyticsSeed(t *testing.T, f *fake) (u gen.User, w gen.Workspace) {
	t.Helper()
	must[gen.User](t)(f.AddUser(UserSeed{Email: "owner@example.com", Name: "Owner", Role: gen.OrganizationRolePrimaryOwner}))
	u = must[gen.User](t)(f.AddUser(UserSeed{Email: "ada@example.com", Name: "Ada"}))
	w = must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	err := f.AddUsage(
		UsageRecord{Time: day(2).Add(1 * time.Hour), APIKeyID: "apikey_a", AccountID: u.ID, WorkspaceID: w.ID, Model: "m1",
			Product: "claude_code", UserProfileID: "uprof_ada", UncachedInputTokens: 10, OutputTokens: 1, Requests: 2},
		UsageRecord{Time: day(2).Add(5 * time.Hour), APIKeyID: "apikey_b", ServiceAccountID: "svac_x", Model: "m2", Product: "messages_api",
			UncachedInputTokens: 20, OutputTokens: 2, CacheCreation1hInputTokens: 3, CacheCreation5mInputTokens: 6, CacheReadInputTokens: 9, WebSearchRequests: 1},
		UsageRecord{Time: day(3).Add(30 * time.Minute), APIKeyID: "apikey_a", WorkspaceID: w.ID, Model: "m1", ServiceTier: gen.ServiceTierBatch,
			InferenceGeo: gen.UsageInferenceGeoNotAvailable, Product: "message_batches_api", UncachedInputTokens: 400, OutputTokens: 4},
	)
	if err != nil {
		t.Fatal(err)
	}
	err = f.AddCost(
		CostRecord{Date: day(2), Amount: "123.456789", ListAmount: "150", WorkspaceID: w.ID, Model: "m1", TokenType: gen.TokenTypeUncachedInputTokens, APIKeyID: "apikey_a", Product: "claude_code", Requests: 3},
		CostRecord{Date: day(2), Amount: "0.000001", WorkspaceID: w.ID, Model: "m1", TokenType: gen.TokenTypeOutputTokens, APIKeyID: "apikey_a", Product: "claude_code"},
		CostRecord{Date: day(3), Amount: "10", CostType: gen.CostTypeWebSearch, Product: "messages_api", Requests: 1},
	)
	if err != nil {
		t.Fatal(err)
	}
	return u, w
}

func TestAnalyticsUsage(t *testing.T) {
	f := newFake(t)
	u, w := analyticsSeed(t, f)
	if AnalyticsBeta != admin.OpListAnalyticsUsage.Beta() || AnalyticsBeta != admin.OpListAnalyticsCost.Beta() {
		t.Fatalf("AnalyticsBeta %q differs from the spec's %q", AnalyticsBeta, admin.OpListAnalyticsUsage.Beta())
	}
	// The beta header is required.
	f.fails("GET", "/v1/organizations/analytics/usage?starting_at=2026-03-01T00:00:00Z", nil, 400, errInvalidRequest)

	// No group_by, no bucket: one row for the range, rounded down to the hour.
	r := analyticsOK[gen.AnalyticsUsageReport](f, "usage", "starting_at=2026-03-01T10:20:00Z&ending_at=2026-03-05T00:00:00Z")
	want := gen.AnalyticsUsageMetrics{UncachedInputTokens: 430, OutputTokens: 7, CacheReadInputTokens: 9,
		CacheCreation: gen.CacheCreation{Ephemeral1HInputTokens: 3, Ephemeral5MInputTokens: 6}, ServerToolUse: gen.ServerToolUse{WebSearchRequests: 1},
		TotalTokens: 430 + 7 + 9 + 3 + 6, Requests: ptr[int64](4)}
	if len(r.Data) != 1 || r.HasMore || r.NextPage != nil || r.DataRefreshedAt == nil {
		t.Fatalf("ungrouped: %+v", r)
	}
	if diff := cmp.Diff(want, r.Data[0].Usage); diff != "" {
		t.Errorf("ungrouped usage (-want +got):\n%s", diff)
	}
	if !r.Data[0].StartingAt.Equal(day(1).Add(10*time.Hour)) || !r.Data[0].EndingAt.Equal(day(5)) || r.Data[0].Group != (gen.AnalyticsUsageGroup{}) {
		t.Errorf("ungrouped row %v-%v group %+v", r.Data[0].StartingAt, r.Data[0].EndingAt, r.Data[0].Group)
	}

	// Grouped by actor and product, ranked by total tokens.
	r = analyticsOK[gen.AnalyticsUsageReport](f, "usage", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&group_by[]=actor&group_by[]=product")
	type row struct {
		actor, product string
		total          int64
	}
	var got []row
	for _, it := range r.Data {
		a := it.Group.Actor
		id := ""
		switch a.Type {
		case gen.AnalyticsActorTypeUserActor:
			id = *a.UserID + "/" + *a.EmailAddress
		case gen.AnalyticsActorTypeServiceAccountActor:
			id = *a.ServiceAccountID
		case gen.AnalyticsActorTypeAPIActor:
			id = *a.APIKeyID
		}
		if it.Group.ActorType != nil || it.Group.Model != nil {
			t.Errorf("ungrouped dimensions set: %+v", it.Group)
		}
		got = append(got, row{string(a.Type) + ":" + id, *it.Group.Product, it.Usage.TotalTokens})
	}
	wantRows := []row{{"api_actor:apikey_a", "message_batches_api", 404}, {"service_account_actor:svac_x", "messages_api", 40}, {"user_actor:" + u.ID + "/ada@example.com", "claude_code", 11}}
	if diff := cmp.Diff(wantRows, got, cmp.AllowUnexported(row{})); diff != "" {
		t.Errorf("rows by actor and product (-want +got):\n%s", diff)
	}

	// Ascending by requests, limit 1: pages.
	q := "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&group_by[]=api_key_id&order_by=requests&order=asc&limit=1"
	r = analyticsOK[gen.AnalyticsUsageReport](f, "usage", q)
	if len(r.Data) != 1 || !r.HasMore || *r.Data[0].Group.APIKeyID != "apikey_b" {
		t.Fatalf("first page: %+v", r)
	}
	r = analyticsOK[gen.AnalyticsUsageReport](f, "usage", q+"&page="+url.QueryEscape(*r.NextPage))
	if len(r.Data) != 1 || r.HasMore || *r.Data[0].Group.APIKeyID != "apikey_a" || *r.Data[0].Usage.Requests != 3 {
		t.Fatalf("second page: %+v", r)
	}

	// Daily buckets ordered by time, newest first; filters; the default
	// workspace is reported by its ID; not_available reads null.
	r = analyticsOK[gen.AnalyticsUsageReport](f, "usage", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&time_bucket_width=1d&order_by=time&group_by[]=workspace_id&group_by[]=inference_geo")
	var days []string
	for _, it := range r.Data {
		geo := "null"
		if it.Group.InferenceGeo != nil {
			geo = string(*it.Group.InferenceGeo)
		}
		days = append(days, fmt.Sprintf("%s %s %s %d", it.StartingAt.Format("01-02"), *it.Group.WorkspaceID, geo, it.Usage.TotalTokens))
	}
	def := f.DefaultWorkspaceID()
	wantDays := []string{"03-03 " + w.ID + " null 404", "03-02 " + def + " global 40", "03-02 " + w.ID + " global 11"}
	if diff := cmp.Diff(wantDays, days); diff != "" {
		t.Errorf("daily rows (-want +got):\n%s", diff)
	}
	for filter, want := range map[string]int64{
		"workspace_ids[]=" + def:            40,
		"actor_ids[]=" + u.ID:               11,
		"actor_types[]=api_actor":           404,
		"inference_geos[]=not_available":    404,
		"products[]=claude_code":            11,
		"user_profile_ids[]=uprof_ada":      11,
		"models[]=m1&service_tiers[]=batch": 404,
		"rbac_group_ids[]=rbac_group_x":     0,
	} {
		r = analyticsOK[gen.AnalyticsUsageReport](f, "usage", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&"+filter)
		if len(r.Data) != 1 || r.Data[0].Usage.TotalTokens != want {
			t.Errorf("%s: %+v, want one row of %d tokens", filter, r.Data, want)
		}
	}

	// A removed user reads deleted, and exclude_deleted_users drops the row.
	if resp := f.do("DELETE", "/v1/organizations/users/"+u.ID, nil); resp.status != 200 {
		t.Fatalf("remove user: %d %s", resp.status, resp.body)
	}
	r = analyticsOK[gen.AnalyticsUsageReport](f, "usage", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&group_by[]=actor&actor_types[]=user_actor")
	if len(r.Data) != 1 || !*r.Data[0].Group.Actor.Deleted || *r.Data[0].Group.Actor.Name != "Deleted User" {
		t.Errorf("removed user: %+v", r.Data)
	}
	r = analyticsOK[gen.AnalyticsUsageReport](f, "usage", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&group_by[]=actor&exclude_deleted_users=true")
	if len(r.Data) != 2 {
		t.Errorf("exclude_deleted_users: %d rows, want 2", len(r.Data))
	}
}

func TestAnalyticsCost(t *testing.T) {
	f := newFake(t)
	_, w := analyticsSeed(t, f)
	f.fails("GET", "/v1/organizations/analytics/cost?starting_at=2026-03-01T00:00:00Z", nil, 400, errInvalidRequest)

	r := analyticsOK[gen.AnalyticsCostReport](f, "cost", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z")
	if len(r.Data) != 1 {
		t.Fatalf("ungrouped: %+v", r.Data)
	}
	c := r.Data[0].Cost
	if c.Amount.String() != "133.45679" || c.ListAmount.String() != "160.000001" || c.Currency != "USD" || c.Requests == nil || *c.Requests != 4 {
		t.Errorf("ungrouped cost: amount %s list %s %s requests %v", c.Amount, c.ListAmount, c.Currency, c.Requests)
	}

	// Grouped by workspace and token type: the fan-out rows do not count
	// toward limit, and their requests are null.
	r = analyticsOK[gen.AnalyticsCostReport](f, "cost", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&group_by[]=workspace_id&group_by[]=token_type&limit=1")
	if !r.HasMore || len(r.Data) != 2 {
		t.Fatalf("fan-out page: has_more %v, %d rows", r.HasMore, len(r.Data))
	}
	var got []string
	for _, it := range r.Data {
		if it.Cost.Requests != nil || *it.Group.WorkspaceID != w.ID {
			t.Errorf("fan-out row: %+v", it)
		}
		got = append(got, string(*it.Group.TokenType)+" "+it.Cost.Amount.String())
	}
	if diff := cmp.Diff([]string{"uncached_input_tokens 123.456789", "output_tokens 0.000001"}, got); diff != "" {
		t.Errorf("fan-out rows (-want +got):\n%s", diff)
	}
	r = analyticsOK[gen.AnalyticsCostReport](f, "cost", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&group_by[]=workspace_id&group_by[]=token_type&limit=1&page="+url.QueryEscape(*r.NextPage))
	if r.HasMore || len(r.Data) != 1 || r.Data[0].Group.TokenType != nil || *r.Data[0].Group.WorkspaceID != f.DefaultWorkspaceID() || r.Data[0].Cost.Amount.String() != "10" {
		t.Errorf("second fan-out page: %+v", r.Data)
	}

	// Grouped by cost type and product, ordered by list amount ascending.
	r = analyticsOK[gen.AnalyticsCostReport](f, "cost", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&group_by[]=product&order_by=list_amount&order=asc")
	if len(r.Data) != 2 || *r.Data[0].Group.Product != "messages_api" || *r.Data[1].Group.Product != "claude_code" || *r.Data[1].Cost.Requests != 3 {
		t.Errorf("by product ascending: %+v", r.Data)
	}
	// The cost's API key is its actor.
	r = analyticsOK[gen.AnalyticsCostReport](f, "cost", "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z&group_by[]=actor&actor_ids[]=apikey_a")
	if len(r.Data) != 1 || *r.Data[0].Group.Actor.APIKeyID != "apikey_a" || r.Data[0].Cost.Amount.String() != "123.45679" {
		t.Errorf("by actor: %+v", r.Data)
	}
}

// TestAnalyticsRanges checks the range rules: each refusal is a 400.
func TestAnalyticsRanges(t *testing.T) {
	f := newFake(t) // now is 2026-03-10T12:30Z
	for _, what := range []string{"usage", "cost"} {
		for name, q := range map[string]string{
			"before 2026":           "starting_at=2025-12-31T00:00:00Z&ending_at=2026-01-02T00:00:00Z",
			"end before start":      "starting_at=2026-03-02T00:00:00Z&ending_at=2026-03-01T00:00:00Z",
			"over 31 days":          "starting_at=2026-01-01T00:00:00Z&ending_at=2026-02-01T00:00:01Z",
			"width without end":     "starting_at=2026-03-01T00:00:00Z&time_bucket_width=1h",
			"1m over 24 hours":      "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-02T00:01:00Z&time_bucket_width=1m",
			"six dimensions":        "starting_at=2026-03-01T00:00:00Z&group_by[]=model&group_by[]=product&group_by[]=speed&group_by[]=actor&group_by[]=workspace_id&group_by[]=service_tier",
			"exclude without actor": "starting_at=2026-03-01T00:00:00Z&exclude_deleted_users=true",
			"limit 1001":            "starting_at=2026-03-01T00:00:00Z&limit=1001",
			"foreign page":          "starting_at=2026-03-01T00:00:00Z&page=page_eA",
		} {
			if r := f.analytics(what, q); r.status != 400 {
				t.Errorf("%s %s: status %d, want 400 (%s)", what, name, r.status, r.body)
			}
		}
		// 31 days exactly, and 24 hours of minutes, are fine.
		for _, q := range []string{"starting_at=2026-01-01T00:00:00Z&ending_at=2026-02-01T00:00:00Z",
			"starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-02T00:00:00Z&time_bucket_width=1m"} {
			if r := f.analytics(what, q); r.status != 200 {
				t.Errorf("%s %s: status %d (%s)", what, q, r.status, r.body)
			}
		}
	}
	f.SetNow(time.Date(2027, 3, 1, 0, 0, 0, 0, time.UTC))
	if r := f.analytics("usage", "starting_at=2026-02-01T00:00:00Z"); r.status != 400 || !strings.Contains(r.err().Error.Message, "365") {
		t.Errorf("start over 365 days back: %d %s", r.status, r.body)
	}
}

// legacyTotals sums the legacy usage report (hourly buckets) and cost
// report over [from, to).
func legacyTotals(t *testing.T, f *fake, from, to time.Time) (tokens int64, cost money.Cents) {
	t.Helper()
	cost = money.MustParseCents("0")
	q := "starting_at=" + from.Format(time.RFC3339) + "&ending_at=" + to.Format(time.RFC3339)
	page := ""
	for {
		u := ok[gen.MessagesUsageReport](f, "GET", usagePath(q+"&bucket_width=1h&limit=168"+page), nil)
		for _, b := range u.Data {
			for _, r := range b.Results {
				tokens += r.UncachedInputTokens + r.OutputTokens + r.CacheReadInputTokens + r.CacheCreation.Ephemeral1HInputTokens + r.CacheCreation.Ephemeral5MInputTokens
			}
		}
		if !u.HasMore {
			break
		}
		page = "&page=" + url.QueryEscape(*u.NextPage)
	}
	page = ""
	for {
		c := ok[gen.CostReport](f, "GET", "/v1/organizations/cost_report?"+q+"&limit=31"+page, nil)
		for _, b := range c.Data {
			for _, r := range b.Results {
				cost = cost.Add(r.Amount)
			}
		}
		if !c.HasMore {
			break
		}
		page = "&page=" + url.QueryEscape(*c.NextPage)
	}
	return tokens, cost
}

// TestAnalyticsAgreesWithLegacyReports checks that the analytics endpoints
// and the legacy reports add up to the same tokens and the same cost, to
// the millionth of a cent, over the demo data: for whole-day ranges (the
// cost report's granularity) and, for tokens, hour-aligned ones.
func TestAnalyticsAgreesWithLegacyReports(t *testing.T) {
	f := newFake(t, WithDemoData(), WithClock(func() time.Time { return t0 }))
	ranges := [][2]time.Time{
		{day(1).AddDate(0, -1, 8), day(11)}, // 2026-02-09 (the first demo day) to the end: 30 days
		{day(1), day(8)},
		{day(9), day(10)},
		{day(3).Add(7 * time.Hour), day(5).Add(19 * time.Hour)},
	}
	for _, rg := range ranges {
		from, to := rg[0], rg[1]
		q := "starting_at=" + from.Format(time.RFC3339) + "&ending_at=" + to.Format(time.RFC3339)
		tokens, cost := legacyTotals(t, f, from, to)
		u := analyticsOK[gen.AnalyticsUsageReport](f, "usage", q)
		if len(u.Data) != 1 || u.Data[0].Usage.TotalTokens != tokens || tokens == 0 {
			t.Errorf("%s: analytics tokens %+v, legacy %d", q, u.Data, tokens)
		}
		if from.Hour() != 0 || to.Hour() != 0 {
			continue // costs are daily
		}
		c := analyticsOK[gen.AnalyticsCostReport](f, "cost", q)
		if len(c.Data) != 1 || c.Data[0].Cost.Amount.Cmp(cost) != 0 || cost.IsZero() {
			t.Errorf("%s: analytics cost %+v, legacy %s", q, c.Data, cost)
		}
		// Broken out by workspace, by product or per day, the rows still add
		// up to the same totals.
		for _, extra := range []string{"&group_by[]=workspace_id&group_by[]=model", "&group_by[]=product&group_by[]=user_profile_id", "&time_bucket_width=1d&group_by[]=api_key_id"} {
			sum := money.MustParseCents("0")
			var n int64
			for page := ""; ; {
				c := analyticsOK[gen.AnalyticsCostReport](f, "cost", q+extra+"&limit=7"+page)
				for _, it := range c.Data {
					sum = sum.Add(it.Cost.Amount)
				}
				if !c.HasMore {
					break
				}
				page = "&page=" + url.QueryEscape(*c.NextPage)
			}
			for page := ""; ; {
				u := analyticsOK[gen.AnalyticsUsageReport](f, "usage", q+extra+"&limit=7"+page)
				for _, it := range u.Data {
					n += it.Usage.TotalTokens
				}
				if !u.HasMore {
					break
				}
				page = "&page=" + url.QueryEscape(*u.NextPage)
			}
			if sum.Cmp(cost) != 0 || n != tokens {
				t.Errorf("%s%s: rows add up to %s and %d tokens, legacy %s and %d", q, extra, sum, n, cost, tokens)
			}
		}
		t.Logf("%s: %d tokens, %s cents", q, tokens, cost)
	}
	// The demo's costs carry the usage's requests.
	q := "starting_at=2026-02-09T00:00:00Z&ending_at=2026-03-11T00:00:00Z"
	u := analyticsOK[gen.AnalyticsUsageReport](f, "usage", q)
	c := analyticsOK[gen.AnalyticsCostReport](f, "cost", q)
	if *u.Data[0].Usage.Requests != *c.Data[0].Cost.Requests || *u.Data[0].Usage.Requests == 0 {
		t.Errorf("requests: usage %d, cost %d", *u.Data[0].Usage.Requests, *c.Data[0].Cost.Requests)
	}
}

func TestAnalyticsUserReports(t *testing.T) {
	f := newFake(t)
	u, _ := analyticsSeed(t, f)
	if err := f.AddCost(
		CostRecord{Date: day(2), Amount: "5.5", ListAmount: "6", AccountID: u.ID, TokenType: gen.TokenTypeOutputTokens, Model: "m1", Product: "claude_tag", Requests: 2},
		CostRecord{Date: day(3), Amount: "1.25", AccountID: u.ID, CostType: gen.CostTypeWebSearch, Product: "claude_code", Requests: 1},
	); err != nil {
		t.Fatal(err)
	}
	rng := "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-05T00:00:00Z"

	// Usage: only usage attributed to a user, one row per user.
	r := analyticsOK[gen.AnalyticsUserUsageReport](f, "user_usage_report", rng)
	if len(r.Data) != 1 || *r.Data[0].Actor.UserID != u.ID || r.Data[0].Actor.Type != gen.AnalyticsActorTypeUserActor ||
		r.Data[0].TotalTokens != 11 || *r.Data[0].Requests != 2 || r.Data[0].StartingAt != nil || r.Data[0].Product != nil {
		t.Fatalf("user usage: %+v", r.Data)
	}
	r = analyticsOK[gen.AnalyticsUserUsageReport](f, "user_usage_report", rng+"&bucket_width=1d&group_by[]=product&products[]=claude_code")
	if len(r.Data) != 1 || !r.Data[0].StartingAt.Equal(day(2)) || !r.Data[0].EndingAt.Equal(day(3)) || *r.Data[0].Product != "claude_code" {
		t.Errorf("user usage by day and product: %+v", r.Data)
	}
	for _, q := range []string{"&user_ids[]=user_other", "&products[]=chat"} {
		if r := analyticsOK[gen.AnalyticsUserUsageReport](f, "user_usage_report", rng+q); len(r.Data) != 0 {
			t.Errorf("%s: %+v, want no rows", q, r.Data)
		}
	}

	// Cost: the user's costs, claude-tag spelled the report's way; token
	// types fan out with their cost type.
	c := analyticsOK[gen.AnalyticsUserCostReport](f, "user_cost_report", rng)
	if len(c.Data) != 1 || c.Data[0].Amount.String() != "6.75" || c.Data[0].ListAmount.String() != "7.25" || *c.Data[0].Requests != 3 {
		t.Fatalf("user cost: %+v", c.Data)
	}
	c = analyticsOK[gen.AnalyticsUserCostReport](f, "user_cost_report", rng+"&products[]=claude-tag")
	if len(c.Data) != 1 || c.Data[0].Amount.String() != "5.5" {
		t.Errorf("claude-tag: %+v", c.Data)
	}
	c = analyticsOK[gen.AnalyticsUserCostReport](f, "user_cost_report", rng+"&group_by[]=token_type&limit=1")
	var got []string
	for _, it := range c.Data {
		tt := "null"
		if it.TokenType != nil {
			tt = string(*it.TokenType)
		}
		got = append(got, fmt.Sprintf("%s %s %s %v", *it.CostType, tt, it.Amount, it.Requests))
	}
	if diff := cmp.Diff([]string{"tokens output_tokens 5.5 <nil>", "web_search null 1.25 <nil>"}, got); diff != "" || c.HasMore {
		t.Errorf("by token type (-want +got):\n%s", diff)
	}

	// Removed users read deleted and exclude_deleted_users drops them.
	if resp := f.do("DELETE", "/v1/organizations/users/"+u.ID, nil); resp.status != 200 {
		t.Fatalf("remove: %d", resp.status)
	}
	if c := analyticsOK[gen.AnalyticsUserCostReport](f, "user_cost_report", rng); len(c.Data) != 1 || !*c.Data[0].Actor.Deleted {
		t.Errorf("removed user: %+v", c.Data)
	}
	if c := analyticsOK[gen.AnalyticsUserCostReport](f, "user_cost_report", rng+"&exclude_deleted_users=true"); len(c.Data) != 0 {
		t.Errorf("exclude_deleted_users: %+v", c.Data)
	}
	for _, what := range []string{"user_usage_report", "user_cost_report"} {
		if resp := f.analytics(what, "starting_at=2026-03-01T00:00:00Z&bucket_width=1h"); resp.status != 400 {
			t.Errorf("%s: bucket_width without ending_at: %d", what, resp.status)
		}
	}
}

// TestAnalyticsUserReportsAgree checks on the demo data that the per-user
// reports add up to the analytics endpoints' usage and cost of user actors.
func TestAnalyticsUserReportsAgree(t *testing.T) {
	f := newFake(t, WithDemoData(), WithClock(func() time.Time { return t0 }))
	q := "starting_at=2026-03-01T00:00:00Z&ending_at=2026-03-08T00:00:00Z"
	cost := money.MustParseCents("0")
	var tokens int64
	users := 0
	for page := ""; ; {
		c := analyticsOK[gen.AnalyticsUserCostReport](f, "user_cost_report", q+"&limit=1"+page)
		for _, it := range c.Data {
			cost = cost.Add(it.Amount)
			users++
		}
		if !c.HasMore {
			break
		}
		page = "&page=" + url.QueryEscape(*c.NextPage)
	}
	for _, it := range analyticsOK[gen.AnalyticsUserUsageReport](f, "user_usage_report", q+"&limit=1000").Data {
		tokens += it.TotalTokens
	}
	c := analyticsOK[gen.AnalyticsCostReport](f, "cost", q+"&actor_types[]=user_actor")
	u := analyticsOK[gen.AnalyticsUsageReport](f, "usage", q+"&actor_types[]=user_actor")
	if users < 2 || cost.IsZero() || c.Data[0].Cost.Amount.Cmp(cost) != 0 || u.Data[0].Usage.TotalTokens != tokens {
		t.Errorf("%d users: %s cents and %d tokens; analytics by user actors: %s and %d", users, cost, tokens, c.Data[0].Cost.Amount, u.Data[0].Usage.TotalTokens)
	}
}
