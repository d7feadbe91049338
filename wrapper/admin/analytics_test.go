package admin_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// exerciseAnalytics calls the Usage and Cost Analytics API through the
// client (which sends the beta header) on records of 2026-10-20 and 21.
func exerciseAnalytics(t *testing.T, ctx context.Context, srv *admintest.Server, c *admin.Client) {
	t.Helper()
	day := time.Date(2026, 10, 20, 0, 0, 0, 0, time.UTC)
	if err := srv.AddUsage(
		admintest.UsageRecord{Time: day.Add(time.Hour), APIKeyID: "apikey_1", Model: "claude-sonnet-4-5", Product: "messages_api", UncachedInputTokens: 100, OutputTokens: 10, Requests: 3},
		admintest.UsageRecord{Time: day.Add(26 * time.Hour), APIKeyID: "apikey_2", Model: "claude-haiku-4-5", Product: "claude_code", UncachedInputTokens: 50, OutputTokens: 5},
	); err != nil {
		t.Fatal(err)
	}
	if err := srv.AddCost(
		admintest.CostRecord{Date: day, Amount: "123.456", ListAmount: "200", Model: "claude-sonnet-4-5", TokenType: admin.TokenTypeUncachedInputTokens, Product: "messages_api", Requests: 3},
		admintest.CostRecord{Date: day.Add(24 * time.Hour), Amount: "0.5", Model: "claude-haiku-4-5", TokenType: admin.TokenTypeOutputTokens, Product: "claude_code", Requests: 1},
	); err != nil {
		t.Fatal(err)
	}
	u := must(c.AnalyticsUsage.List(ctx, &admin.ListAnalyticsUsageParams{StartingAt: day, EndingAt: day.Add(48 * time.Hour)}))
	if len(u.Data) != 1 || u.Data[0].Usage.TotalTokens != 165 || deref(u.Data[0].Usage.Requests) != 4 || u.DataRefreshedAt == nil {
		t.Errorf("AnalyticsUsage.List = %+v", u)
	}
	byDay := collect(t, c.AnalyticsUsage.All(ctx, &admin.ListAnalyticsUsageParams{StartingAt: day, EndingAt: day.Add(48 * time.Hour),
		TimeBucketWidth: admin.AnalyticsTimeBucketWidthDay, OrderBy: admin.AnalyticsUsageOrderByTime, Order: admin.AnalyticsSortOrderAsc,
		GroupBy: []admin.AnalyticsUsageGroupBy{admin.AnalyticsUsageGroupByProduct}, Limit: 1}))
	if len(byDay) != 2 || !byDay[0].StartingAt.Equal(day) || deref(byDay[1].Group.Product) != "claude_code" {
		t.Errorf("AnalyticsUsage.All by day and product = %+v", byDay)
	}
	cost := must(c.AnalyticsCost.List(ctx, &admin.ListAnalyticsCostParams{StartingAt: day, EndingAt: day.Add(48 * time.Hour),
		Products: []admin.AnalyticsProduct{admin.AnalyticsProductMessagesAPI}}))
	if len(cost.Data) != 1 || cost.Data[0].Cost.Amount.String() != "123.456" || cost.Data[0].Cost.Amount.Dollars() != "1.23456" || cost.Data[0].Cost.ListAmount.String() != "200" {
		t.Errorf("AnalyticsCost.List = %+v", cost.Data)
	}
	byToken := collect(t, c.AnalyticsCost.All(ctx, &admin.ListAnalyticsCostParams{StartingAt: day, EndingAt: day.Add(48 * time.Hour),
		GroupBy: []admin.AnalyticsCostGroupBy{admin.AnalyticsCostGroupByTokenType}}))
	if len(byToken) != 2 || byToken[0].Cost.Requests != nil || deref(byToken[0].Group.TokenType) != admin.TokenTypeUncachedInputTokens {
		t.Errorf("AnalyticsCost.All by token type = %+v", byToken)
	}

	// The per-user reports: the usage and cost attributed to a user.
	members := collect(t, c.Users.All(ctx, nil))
	if err := srv.AddUsage(admintest.UsageRecord{Time: day.Add(3 * time.Hour), AccountID: members[0].ID, Model: "claude-opus-4-1", Product: "claude_code", UncachedInputTokens: 7, OutputTokens: 3}); err != nil {
		t.Fatal(err)
	}
	if err := srv.AddCost(admintest.CostRecord{Date: day, Amount: "0.123456", AccountID: members[0].ID, Model: "claude-opus-4-1", TokenType: admin.TokenTypeOutputTokens, Product: "claude_code"}); err != nil {
		t.Fatal(err)
	}
	uu := collect(t, c.AnalyticsUserUsage.All(ctx, &admin.ListAnalyticsUserUsageParams{StartingAt: day, EndingAt: day.Add(48 * time.Hour),
		GroupBy: []admin.AnalyticsUserUsageGroupBy{admin.AnalyticsUserUsageGroupByModel}}))
	if len(uu) != 1 || deref(uu[0].Actor.UserID) != members[0].ID || uu[0].TotalTokens != 10 || deref(uu[0].Model) != "claude-opus-4-1" {
		t.Errorf("AnalyticsUserUsage.All = %+v", uu)
	}
	uc := must(c.AnalyticsUserCost.List(ctx, &admin.ListAnalyticsUserCostParams{StartingAt: day, EndingAt: day.Add(48 * time.Hour),
		Products: []admin.AnalyticsUserReportProduct{admin.AnalyticsUserReportProductClaudeCode}}))
	if len(uc.Data) != 1 || uc.Data[0].Amount.String() != "0.123456" || uc.Data[0].Amount.Dollars() != "0.00123456" {
		t.Errorf("AnalyticsUserCost.List = %+v", uc.Data)
	}

	// Members' activity and the daily summaries, one day before now.
	if err := srv.AddUserActivity(admintest.UserActivityRecord{Date: day, UserID: members[0].ID, ChatMessages: 7, ChatConversations: 2}); err != nil {
		t.Fatal(err)
	}
	act := must(c.AnalyticsUsers.List(ctx, &admin.ListAnalyticsUsersParams{Date: day, Filters: []string{"user_id:" + members[0].ID}}))
	if len(act.Data) != 1 || act.Data[0].User.ID != members[0].ID || act.Data[0].ChatMetrics.MessageCount != 7 || act.NextPage != nil {
		t.Errorf("AnalyticsUsers.List = %+v", act)
	}
	ranked := collect(t, c.AnalyticsUsers.All(ctx, &admin.ListAnalyticsUsersParams{StartingDate: day, EndingDate: day.Add(48 * time.Hour),
		OrderBy: "chat_metrics.message_count", Limit: 1}))
	if len(ranked) != len(members) || ranked[0].User.ID != members[0].ID {
		t.Errorf("AnalyticsUsers.All ranked by chat messages = %d rows, first %+v", len(ranked), ranked[0].User)
	}
	if err := srv.AddExtensionUse(
		admintest.ExtensionUseRecord{Date: day, UserID: members[0].ID, Connector: "github", Product: "chat", ReadCalls: 3},
		admintest.ExtensionUseRecord{Date: day, UserID: members[0].ID, Plugin: "code-review", Product: "claude_code", Invocations: 4, Installed: true},
	); err != nil {
		t.Fatal(err)
	}
	conns := collect(t, c.AnalyticsConnectors.All(ctx, &admin.ListAnalyticsConnectorsParams{Date: day, GroupBy: []admin.AnalyticsConnectorGroupBy{admin.AnalyticsConnectorGroupByUserID}}))
	if len(conns) != 1 || conns[0].ConnectorName != "github" || deref(conns[0].UserID) != members[0].ID || deref(conns[0].ReadCallCount) != 3 {
		t.Errorf("AnalyticsConnectors.All = %+v", conns)
	}
	plugins := must(c.AnalyticsPlugins.List(ctx, &admin.ListAnalyticsPluginsParams{StartingDate: day, EndingDate: day.Add(48 * time.Hour)}))
	if len(plugins.Data) != 1 || plugins.Data[0].InvocationCount != 4 || plugins.Data[0].InstallCount != 1 {
		t.Errorf("AnalyticsPlugins.List = %+v", plugins.Data)
	}
	exerciseSkillsAndProjects(t, ctx, srv, c, day, members[0].ID)
	if err := srv.AddArtifacts(admintest.ArtifactRecord{Date: day, UserID: members[0].ID, Type: "text/markdown", Product: "chat", Count: 2}); err != nil {
		t.Fatal(err)
	}
	arts := collect(t, c.AnalyticsArtifacts.All(ctx, &admin.ListAnalyticsArtifactsParams{Date: day, GroupBy: []admin.AnalyticsArtifactGroupBy{admin.AnalyticsArtifactGroupByProduct}}))
	if len(arts) != 1 || arts[0].ArtifactType != "text/markdown" || arts[0].ArtifactsCreatedCount != 2 || deref(arts[0].Product) != "chat" {
		t.Errorf("AnalyticsArtifacts.All = %+v", arts)
	}
	sums := collect(t, c.AnalyticsSummaries.All(ctx, &admin.ListAnalyticsSummariesParams{StartingDate: day, EndingDate: day.Add(48 * time.Hour)}))
	if len(sums) != 2 || sums[0].DailyActiveUserCount != 1 || sums[1].DailyActiveUserCount != 0 || sums[1].WeeklyActiveUserCount != 1 {
		t.Errorf("AnalyticsSummaries.All = %+v", sums)
	}
}

// TestAnalyticsInputChecks checks that the client refuses, before sending
// anything, the ranges the analytics endpoints refuse.
func TestAnalyticsInputChecks(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	start := time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)
	six := []admin.AnalyticsUsageGroupBy{admin.AnalyticsUsageGroupByModel, admin.AnalyticsUsageGroupByProduct, admin.AnalyticsUsageGroupBySpeed,
		admin.AnalyticsUsageGroupByActor, admin.AnalyticsUsageGroupByWorkspaceID, admin.AnalyticsUsageGroupByServiceTier}
	for name, p := range map[string]admin.ListAnalyticsUsageParams{
		"no start":          {},
		"before 2026":       {StartingAt: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)},
		"end before start":  {StartingAt: start, EndingAt: start.Add(-time.Hour)},
		"over 31 days":      {StartingAt: start, EndingAt: start.Add(31*24*time.Hour + time.Second)},
		"width without end": {StartingAt: start, TimeBucketWidth: admin.AnalyticsTimeBucketWidthHour},
		"1m over 24 hours":  {StartingAt: start, EndingAt: start.Add(25 * time.Hour), TimeBucketWidth: admin.AnalyticsTimeBucketWidthMinute},
		"six dimensions":    {StartingAt: start, GroupBy: six},
		"limit 1001":        {StartingAt: start, Limit: 1001},
	} {
		if _, err := c.AnalyticsUsage.List(ctx, &p); !errors.Is(err, admin.ErrInvalidInput) {
			t.Errorf("%s: err = %v, want ErrInvalidInput", name, err)
		}
	}
	if _, err := c.AnalyticsCost.List(ctx, &admin.ListAnalyticsCostParams{StartingAt: start, EndingAt: start.Add(32 * 24 * time.Hour)}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("cost over 31 days: err = %v, want ErrInvalidInput", err)
	}
	day := time.Date(2026, 10, 1, 0, 0, 0, 0, time.Local)
	for name, p := range map[string]admin.ListAnalyticsUsersParams{
		"neither":             {},
		"both":                {Date: day, StartingDate: day},
		"ending with date":    {Date: day, EndingDate: day.AddDate(0, 0, 1)},
		"before 2026":         {Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)},
		"ending before start": {StartingDate: day, EndingDate: day},
		"over 366 days":       {StartingDate: day, EndingDate: day.AddDate(0, 0, 367)},
		"101 filters":         {Date: day, Filters: make([]string, 101)},
	} {
		if _, err := c.AnalyticsUsers.List(ctx, &p); !errors.Is(err, admin.ErrInvalidInput) {
			t.Errorf("users %s: err = %v, want ErrInvalidInput", name, err)
		}
	}
	if _, err := c.AnalyticsUserUsage.List(ctx, &admin.ListAnalyticsUserUsageParams{StartingAt: start, BucketWidth: admin.AnalyticsTimeBucketWidthDay}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("user usage bucket without end: err = %v, want ErrInvalidInput", err)
	}
	if _, err := c.AnalyticsUserCost.List(ctx, &admin.ListAnalyticsUserCostParams{StartingAt: start, EndingAt: start.AddDate(0, 0, 32)}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("user cost over 31 days: err = %v, want ErrInvalidInput", err)
	}
	if _, err := c.AnalyticsArtifacts.List(ctx, &admin.ListAnalyticsArtifactsParams{Date: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("artifacts before 2026: err = %v, want ErrInvalidInput", err)
	}
	if _, err := c.AnalyticsConnectors.List(ctx, &admin.ListAnalyticsConnectorsParams{}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("connectors without a day: err = %v, want ErrInvalidInput", err)
	}
	if _, err := c.AnalyticsPlugins.List(ctx, &admin.ListAnalyticsPluginsParams{Date: day, StartingDate: day}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("plugins with both: err = %v, want ErrInvalidInput", err)
	}
	if _, err := c.AnalyticsSummaries.List(ctx, &admin.ListAnalyticsSummariesParams{}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("summaries without a start: err = %v, want ErrInvalidInput", err)
	}
	if _, err := c.AnalyticsSkills.List(ctx, &admin.ListAnalyticsSkillsParams{}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("skills without a day: err = %v, want ErrInvalidInput", err)
	}
	if _, err := c.AnalyticsChatProjects.List(ctx, &admin.ListAnalyticsChatProjectsParams{Date: day, StartingDate: day}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("chat projects with both: err = %v, want ErrInvalidInput", err)
	}
	if n := srv.Calls(admin.OpListAnalyticsUsage) + srv.Calls(admin.OpListAnalyticsCost) + srv.Calls(admin.OpListAnalyticsUsers) + srv.Calls(admin.OpListAnalyticsSummaries) +
		srv.Calls(admin.OpListAnalyticsUserUsage) + srv.Calls(admin.OpListAnalyticsUserCost) +
		srv.Calls(admin.OpListAnalyticsConnectors) + srv.Calls(admin.OpListAnalyticsPlugins) + srv.Calls(admin.OpListAnalyticsArtifacts) +
		srv.Calls(admin.OpListAnalyticsSkills) + srv.Calls(admin.OpListAnalyticsChatProjects); n != 0 {
		t.Errorf("%d requests sent, want none", n)
	}
	// The limits themselves pass.
	if _, err := c.AnalyticsUsage.List(ctx, &admin.ListAnalyticsUsageParams{StartingAt: start, EndingAt: start.Add(24 * time.Hour), TimeBucketWidth: admin.AnalyticsTimeBucketWidthMinute, GroupBy: six[:5]}); err != nil {
		t.Errorf("24 hours of minutes by 5 dimensions: %v", err)
	}
}

// exerciseSkillsAndProjects calls the skills and chat projects lists on
// use of one day by user: the skill's fractional-cent amounts add up
// exactly, chat carries no list price, and the project's creator comes
// with its email.
func exerciseSkillsAndProjects(t *testing.T, ctx context.Context, srv *admintest.Server, c *admin.Client, day time.Time, user string) {
	t.Helper()
	if err := srv.AddExtensionUse(
		admintest.ExtensionUseRecord{Date: day, UserID: user, Skill: "brand-guidelines", ShareStatus: "organization", Product: "chat", Invocations: 2,
			OverageSpend: money.MustParseCents("12.345"), ListPrice: money.MustParseCents("99")},
		admintest.ExtensionUseRecord{Date: day, UserID: user, Skill: "brand-guidelines", Product: "claude_code", Invocations: 3, Installed: true,
			OverageSpend: money.MustParseCents("0.005"), ListPrice: money.MustParseCents("40.5")},
	); err != nil {
		t.Fatal(err)
	}
	skills := must(c.AnalyticsSkills.List(ctx, &admin.ListAnalyticsSkillsParams{Date: day}))
	if len(skills.Data) != 1 {
		t.Fatalf("AnalyticsSkills.List = %+v", skills.Data)
	}
	sk := skills.Data[0]
	if sk.SkillName != "brand-guidelines" || deref(sk.InvocationCount) != 5 || deref(sk.EnableCount) != 1 || deref(sk.Currency) != "USD" ||
		sk.ShareStatus == nil || *sk.ShareStatus != admin.AnalyticsSkillShareStatusOrganization ||
		sk.EstimatedOverageSpend == nil || !sk.EstimatedOverageSpend.Equal(money.MustParseCents("12.35")) ||
		sk.AttributedListPrice == nil || !sk.AttributedListPrice.Equal(money.MustParseCents("40.5")) {
		t.Errorf("AnalyticsSkills.List row = %+v", sk)
	}
	byProduct := collect(t, c.AnalyticsSkills.All(ctx, &admin.ListAnalyticsSkillsParams{Date: day, GroupBy: []admin.AnalyticsSkillGroupBy{admin.AnalyticsSkillGroupByProduct}}))
	if len(byProduct) != 2 || deref(byProduct[0].Product) != "chat" || byProduct[0].AttributedListPrice != nil || byProduct[0].EnableCount != nil ||
		deref(byProduct[1].Product) != "claude_code" || !byProduct[1].EstimatedOverageSpend.Equal(money.MustParseCents("0.005")) {
		t.Errorf("AnalyticsSkills.All by product = %+v", byProduct)
	}
	if err := srv.AddChatProjectUse(admintest.ChatProjectUseRecord{Date: day, UserID: user, ProjectID: "claude_proj_01Test", ProjectName: "Test plan",
		CreatedBy: user, CreatedAt: day.Add(-48 * time.Hour), Conversations: 2, Messages: 9}); err != nil {
		t.Fatal(err)
	}
	projects := collect(t, c.AnalyticsChatProjects.All(ctx, &admin.ListAnalyticsChatProjectsParams{StartingDate: day, EndingDate: day.Add(48 * time.Hour),
		GroupBy: []admin.AnalyticsProjectGroupBy{admin.AnalyticsProjectGroupByUserID}}))
	if len(projects) != 1 || projects[0].ProjectID != "claude_proj_01Test" || projects[0].MessageCount != 9 || deref(projects[0].DistinctConversationCount) != 2 ||
		deref(projects[0].UserID) != user || projects[0].CreatedBy == nil || projects[0].CreatedBy.ID != user || projects[0].CreatedBy.EmailAddress == "" {
		t.Errorf("AnalyticsChatProjects.All = %+v", projects)
	}
}
