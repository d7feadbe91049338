package admin_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// TestCostRangeCoversLongRanges reads 45 days of cost, more than the
// largest page (31 days): every day comes once, in order, from two pages,
// and the total is the exact sum of what was seeded, to the cent.
func TestCostRangeCoversLongRanges(t *testing.T) {
	srv := admintest.NewServer()
	defer srv.Close()
	c := srv.Client()
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 45)
	var want money.Cents
	for i := range 45 {
		amount := fmt.Sprintf("%d.%03d", 100+i, i)
		want = want.Add(money.MustParseCents(amount))
		if err := srv.AddCost(admintest.CostRecord{Date: from.AddDate(0, 0, i), Amount: amount}); err != nil {
			t.Fatal(err)
		}
	}
	// A cost outside the range on either side is not counted.
	if err := srv.AddCost(admintest.CostRecord{Date: from.AddDate(0, 0, -1), Amount: "999"}, admintest.CostRecord{Date: to, Amount: "999"}); err != nil {
		t.Fatal(err)
	}
	days := 0
	for b, err := range c.Cost.Range(context.Background(), from, to, nil) {
		if err != nil {
			t.Fatal(err)
		}
		if wantDay := from.AddDate(0, 0, days); !b.StartingAt.Equal(wantDay) {
			t.Errorf("bucket %d starts at %s, want %s", days, b.StartingAt, wantDay)
		}
		days++
	}
	if days != 45 {
		t.Errorf("%d days, want 45", days)
	}
	if n := srv.Calls(admin.OpGetCostReport); n != 2 {
		t.Errorf("%d pages, want 2 (31 days per page)", n)
	}
	totals, _, err := admin.CostTotals(c.Cost.Range(context.Background(), from, to, nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	if !totals[""].Equal(want) {
		t.Errorf("total %s cents, want %s", totals[""], want)
	}
}

// TestUsageRangeHourly reads 10 days of hourly usage: 240 buckets, more
// than a page of 168 and ten of the default 24, and the token totals per
// workspace are exact, cache writes included.
func TestUsageRangeHourly(t *testing.T) {
	srv := admintest.NewServer()
	defer srv.Close()
	c := srv.Client()
	ws, err := srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Team"})
	if err != nil {
		t.Fatal(err)
	}
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(0, 0, 10)
	var want admin.Tokens
	for h := range 240 {
		r := admintest.UsageRecord{Time: from.Add(time.Duration(h)*time.Hour + 30*time.Minute), WorkspaceID: ws.ID, Model: "claude-sonnet-4-5",
			UncachedInputTokens: int64(h), OutputTokens: 2, CacheReadInputTokens: 3, CacheCreation5mInputTokens: 5, CacheCreation1hInputTokens: 7}
		want = want.Add(admin.Tokens{UncachedInput: int64(h), Output: 2, CacheRead: 3, CacheCreation5m: 5, CacheCreation1h: 7})
		if err := srv.AddUsage(r); err != nil {
			t.Fatal(err)
		}
	}
	for _, limit := range []int{0, 24} {
		before := srv.Calls(admin.OpGetMessagesUsageReport)
		p := &admin.GetMessagesUsageReportParams{BucketWidth: admin.UsageBucketWidthHour, Limit: limit, GroupBy: []admin.MessagesUsageGroupBy{admin.MessagesUsageGroupByWorkspaceID}}
		totals, counts, err := admin.UsageTotals(c.MessagesUsage.Range(context.Background(), from, to, p), admin.UsageByWorkspace)
		if err != nil {
			t.Fatal(err)
		}
		if totals[ws.ID] != want || counts[ws.ID] != 240 || len(totals) != 1 {
			t.Errorf("limit %d: totals %+v (%d results), want %+v in 240", limit, totals, counts[ws.ID], want)
		}
		pages := srv.Calls(admin.OpGetMessagesUsageReport) - before
		if wantPages := map[int]int{0: 2, 24: 10}[limit]; pages != wantPages {
			t.Errorf("limit %d: %d pages, want %d", limit, pages, wantPages)
		}
	}
	if want.CacheCreation() != 240*12 || want.Total() != want.Input()+want.Output {
		t.Errorf("cache creation %d, total %d", want.CacheCreation(), want.Total())
	}
}

// TestRangeRefusesGapsAndShortReports checks the tiling of the buckets
// against a server that skips a day, repeats one, or stops early.
func TestRangeRefusesGapsAndShortReports(t *testing.T) {
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	bucket := func(day int) string {
		s := from.AddDate(0, 0, day)
		return fmt.Sprintf(`{"starting_at":%q,"ending_at":%q,"results":[]}`, s.Format(time.RFC3339), s.AddDate(0, 0, 1).Format(time.RFC3339))
	}
	for _, tc := range []struct {
		name string
		days []int
		want string
	}{
		{"gap", []int{0, 2, 3}, "a gap"},
		{"overlap", []int{0, 1, 1, 2}, "an overlap"},
		{"late start", []int{1, 2, 3}, "a gap"},
		{"short", []int{0, 1}, "before the end of the range"},
		{"whole", []int{0, 1, 2}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				var bs []string
				for _, d := range tc.days {
					bs = append(bs, bucket(d))
				}
				w.Header().Set("Content-Type", "application/json")
				fmt.Fprintf(w, `{"data":[%s],"has_more":false,"next_page":null}`, strings.Join(bs, ","))
			}))
			defer ts.Close()
			c, err := admin.NewClient("sk-ant-admin01-fake-test-key", admin.WithBaseURL(ts.URL))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			var got error
			for _, err := range c.Cost.Range(context.Background(), from, from.AddDate(0, 0, 3), nil) {
				if err != nil {
					got = err
					break
				}
				n++
			}
			if tc.want == "" {
				if got != nil || n != 3 {
					t.Errorf("%d buckets, err %v; want 3 and no error", n, got)
				}
				return
			}
			if !errors.Is(got, admin.ErrUnexpectedResponse) || !strings.Contains(got.Error(), tc.want) {
				t.Errorf("err = %v, want ErrUnexpectedResponse saying %q", got, tc.want)
			}
		})
	}
}

// TestTokensOfReadsNestedCacheCreation decodes a result as the API sends
// it: the cache writes are nested under cache_creation, never flat.
func TestTokensOfReadsNestedCacheCreation(t *testing.T) {
	srv := admintest.NewServer()
	defer srv.Close()
	at := time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)
	if err := srv.AddUsage(admintest.UsageRecord{Time: at, UncachedInputTokens: 1, CacheCreation5mInputTokens: 20, CacheCreation1hInputTokens: 300, CacheReadInputTokens: 4000, OutputTokens: 50000, WebSearchRequests: 6}); err != nil {
		t.Fatal(err)
	}
	totals, _, err := admin.UsageTotals(srv.Client().MessagesUsage.Range(context.Background(), at.Truncate(24*time.Hour), at.Truncate(24*time.Hour).Add(24*time.Hour), nil), nil)
	if err != nil {
		t.Fatal(err)
	}
	want := admin.Tokens{UncachedInput: 1, CacheCreation5m: 20, CacheCreation1h: 300, CacheRead: 4000, Output: 50000, WebSearchRequests: 6}
	if totals[""] != want || want.Input() != 4321 || want.Total() != 54321 {
		t.Errorf("totals %+v, want %+v", totals[""], want)
	}
}
