package admintest_test

import (
	"context"
	"errors"
	"iter"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// TestWithAdminClient drives the demo organization through the real client
// over loopback: every iterator must walk all pages and agree with the
// single large page.
func TestWithAdminClient(t *testing.T) {
	now := time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)
	srv := admintest.NewServer(admintest.WithDemoData(), admintest.WithClock(func() time.Time { return now }))
	defer srv.Close()
	c := srv.Client(admin.WithMaxRetries(0))
	ctx := context.Background()

	users := countAll(t, "users", c.Users.All(ctx, &admin.ListUsersParams{Limit: 4}))
	one, err := c.Users.List(ctx, &admin.ListUsersParams{Limit: 1000})
	if err != nil || users != len(one.Data) || users < 25 {
		t.Errorf("users: iterated %d, one page %d (%v)", users, len(one.Data), err)
	}
	compliance := countAll(t, "compliance", c.ComplianceUsers.All(ctx, srv.OrganizationID(), &admin.ListComplianceOrganizationUsersParams{Limit: 7}))
	if compliance != users {
		t.Errorf("compliance users %d, admin users %d", compliance, users)
	}
	days := countAll(t, "messages", c.MessagesUsage.All(ctx, &admin.GetMessagesUsageReportParams{StartingAt: now.Add(-30 * 24 * time.Hour), Limit: 4}))
	if days != 31 {
		t.Errorf("usage report has %d daily buckets over 30 days and a partial one, want 31", days)
	}
	costDays := countAll(t, "cost", c.Cost.All(ctx, &admin.GetCostReportParams{StartingAt: now.Add(-10 * 24 * time.Hour), EndingAt: now}))
	if costDays != 11 {
		t.Errorf("cost report has %d buckets, want 11", costDays)
	}
	cc := countAll(t, "claude code", c.ClaudeCodeUsage.All(ctx, &admin.GetClaudeCodeUsageReportParams{StartingAt: now.Add(-24 * time.Hour), Limit: 2}))
	if cc == 0 {
		t.Error("no Claude Code records yesterday")
	}
	if _, err := c.RateLimits.List(ctx, &admin.ListOrganizationRateLimitsParams{Model: "claude-unknown"}); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("unknown model: %v, want ErrNotFound", err)
	}
	if _, err := c.Users.Get(ctx, "user_01nope"); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("unknown user: %v, want ErrNotFound", err)
	}
}

// countAll walks an iterator to its end and counts its items.
func countAll[T any](t *testing.T, name string, seq iter.Seq2[T, error]) int {
	t.Helper()
	n := 0
	for _, err := range seq {
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		n++
	}
	return n
}
