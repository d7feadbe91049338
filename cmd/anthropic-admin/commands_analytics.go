package main

import (
	"strconv"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// analyticsCommands returns the analytics group: the Usage and Cost
// Analytics API (beta), which breaks usage and cost out by dimension.
func analyticsCommands() *command {
	return group("analytics", "Usage and cost by dimension (the Usage and Cost Analytics API, beta), and activity.",
		&command{name: "usage", op: admin.OpListAnalyticsUsage, summary: "Token usage by dimension, one row per group (and time bucket), ranked (beta).", report: true,
			details: analyticsRules + "\nRows are ranked by --order-by (default total_tokens), highest first unless --order asc.",
			flags: append(analyticsRangeFlags(values(admin.AnalyticsUsageGroupByValues())),
				flagSpec{name: "order-by", field: "OrderBy", usage: "rank rows by this `metric` (time: by bucket)", values: values(admin.AnalyticsUsageOrderByValues())}),
			examples: []string{
				"# Tokens per model and product over a week",
				"anthropic-admin analytics usage --from 2026-10-26 --to 2026-11-02 --group-by model,product",
				"# Daily Claude Code usage per user profile, oldest day first",
				"anthropic-admin analytics usage --from 2026-10-26 --to 2026-11-02 --bucket-width 1d --order-by time --order asc --product claude_code --group-by user_profile_id --all",
			},
			do: grouped0((*admin.AnalyticsUsageService).Pages, analyticsUsageView)},
		&command{name: "cost", op: admin.OpListAnalyticsCost, summary: "Cost by dimension in US dollars (amount_usd: the API's fractional cents / 100, exact), ranked (beta).", report: true,
			details: analyticsRules + "\nRows are ranked by --order-by (default amount), highest first unless --order asc. amount_usd is after\n" +
				"discounts and before credits; list_amount_usd is the list price. Grouping by cost_type or token_type\n" +
				"splits each row, and the split rows carry no request count.",
			flags: append(analyticsRangeFlags(values(admin.AnalyticsCostGroupByValues())),
				flagSpec{name: "order-by", field: "OrderBy", usage: "rank rows by this `metric` (time: by bucket)", values: values(admin.AnalyticsCostOrderByValues())}),
			examples: []string{
				"# What each workspace cost over the last week",
				"anthropic-admin analytics cost --from 2026-10-26 --to 2026-11-02 --group-by workspace_id",
				"# Cost per API key and token type, as CSV",
				"anthropic-admin analytics cost --from 2026-10-26 --to 2026-11-02 --group-by api_key_id,token_type --all --output csv",
			},
			do: grouped0((*admin.AnalyticsCostService).Pages, analyticsCostView)},
		&command{name: "user-usage", op: admin.OpListAnalyticsUserUsage, summary: "Token usage per user, ranked (legacy Claude Enterprise report).", report: true,
			details: userReportRules + "\nRows are ranked by --order-by (default total_tokens), highest first unless --order asc.",
			flags: append(userReportFlags(values(admin.AnalyticsUserUsageGroupByValues())),
				flagSpec{name: "order-by", field: "OrderBy", usage: "rank users by this `metric`", values: values(admin.AnalyticsUserUsageOrderByValues())}),
			examples: []string{"anthropic-admin analytics user-usage --from 2026-10-26 --to 2026-11-02 --group-by model"},
			do:       grouped0((*admin.AnalyticsUserUsageService).Pages, analyticsUserUsageView)},
		&command{name: "user-cost", op: admin.OpListAnalyticsUserCost, summary: "Cost per user in US dollars (amount_usd: the API's fractional cents / 100, exact), ranked (legacy).", report: true,
			details: userReportRules + "\nRows are ranked by --order-by (default amount), highest first unless --order asc. Grouping by\n" +
				"cost_type or token_type splits each user's row, and the split rows carry no request count.",
			flags: append(userReportFlags(values(admin.AnalyticsUserCostGroupByValues())),
				flagSpec{name: "order-by", field: "OrderBy", usage: "rank users by this `metric`", values: values(admin.AnalyticsUserCostOrderByValues())}),
			examples: []string{
				"# Who spent the most last week",
				"anthropic-admin analytics user-cost --from 2026-10-26 --to 2026-11-02 --limit 10",
			},
			do: grouped0((*admin.AnalyticsUserCostService).Pages, analyticsUserCostView)},
		&command{name: "users", op: admin.OpListAnalyticsUsers, summary: "Members' activity across Claude products, for one day or rolled up over days.", report: true,
			details: "Give --date (one UTC day) or --from (a range up to --to, default today), not both; no day before\n" +
				"2026-01-01, and data typically lags a day. --filter takes dimension:value (user_id:<user-id>,\n" +
				"rbac_group_id:<group-id>, project_id:<project-id>); --group-by rbac_group_id sums members per group.\n" +
				"--order-by takes user_id (the default) or a metric such as chat_metrics.message_count or\n" +
				"claude_code_metrics.core_metrics.commit_count (metrics rank highest first).",
			flags: []flagSpec{
				{name: "date", field: "Date", usage: "the day to report"},
				{name: "from", field: "StartingDate", usage: "first day of a range (one row per member for the range)"},
				{name: "to", field: "EndingDate", usage: "end of the range (exclusive; default today)", after: "from"},
				{name: "filter", field: "Filters", usage: "only rows matching these dimension:value `filters`"},
				{name: "group-by", field: "GroupBy", usage: "sum members per these `dimensions`", values: values(admin.AnalyticsUserGroupByValues())},
				{name: "order-by", field: "OrderBy", usage: "sort by this `field` or metric"},
				{name: "order", field: "Order", usage: "sort `direction`", values: values(admin.AnalyticsSortOrderValues())},
			},
			examples: []string{
				"anthropic-admin analytics users --date 2026-10-31",
				"# The ten heaviest Claude Code committers of October",
				"anthropic-admin analytics users --from 2026-10-01 --to 2026-11-01 --order-by claude_code_metrics.core_metrics.commit_count --limit 10",
			},
			do: grouped0((*admin.AnalyticsUsersService).Pages, analyticsUsersView)},
		&command{name: "connectors", op: admin.OpListAnalyticsConnectors, summary: "Connector (MCP server) use, one row per connector, for one day or over days.", report: true,
			details: extensionRules("connector_name") + "\nProducts: chat, claude_code, cowork, office_agent, chat_cowork_unified.",
			flags:   extensionFlags(values(admin.AnalyticsConnectorGroupByValues())),
			examples: []string{
				"anthropic-admin analytics connectors --date 2026-10-31",
				"# Connector use per product over October",
				"anthropic-admin analytics connectors --from 2026-10-01 --to 2026-11-01 --group-by product",
			},
			do: grouped0((*admin.AnalyticsConnectorsService).Pages, analyticsConnectorView)},
		&command{name: "plugins", op: admin.OpListAnalyticsPlugins, summary: "Plugin installs and invocations, one row per plugin, for one day or over days.", report: true,
			details: extensionRules("plugin_name") + "\nProducts: claude_code, cowork, chat_cowork_unified.",
			flags:   extensionFlags(values(admin.AnalyticsPluginGroupByValues())),
			examples: []string{
				"# Which plugins each member used last week",
				"anthropic-admin analytics plugins --from 2026-10-26 --to 2026-11-02 --group-by user_id",
			},
			do: grouped0((*admin.AnalyticsPluginsService).Pages, analyticsPluginView)},
		&command{name: "skills", op: admin.OpListAnalyticsSkills, summary: "Skill activations and estimated overage spend, one row per skill, for one day or over days.", report: true,
			details: extensionRules("skill_name") + "\n--filter also takes share_status (organization, private, public); --order-by also takes enable_count.\n" +
				"estimated_overage_spend is an estimate allocated to the requests that involved the skill (not a\n" +
				"billing number, not the skill's incremental cost); attributed_list_price is their undiscounted\n" +
				"list-price value, empty on chat rows. Both are the API's fractional cents, printed exactly.",
			flags: extensionFlags(values(admin.AnalyticsSkillGroupByValues())),
			examples: []string{
				"anthropic-admin analytics skills --date 2026-10-31",
				"# The most used skills of October, per product",
				"anthropic-admin analytics skills --from 2026-10-01 --to 2026-11-01 --group-by product --order-by invocation_count",
			},
			do: grouped0((*admin.AnalyticsSkillsService).Pages, analyticsSkillView)},
		&command{name: "chat-projects", op: admin.OpListAnalyticsChatProjects, summary: "Claude.ai chat projects' messages, conversations and members, one row per project.", report: true,
			details: "Give --date (one UTC day) or --from (a range up to --to, default today), not both; no day before\n" +
				"2026-01-01, and data typically lags a day. Rows are sorted by project ID unless --order-by names a\n" +
				"metric (message_count, distinct_conversation_count, distinct_user_count), highest first. --filter\n" +
				"takes dimension:value with project_id, rbac_group_id or user_id; --group-by splits each row per\n" +
				"member (user_id) or RBAC group. There is no product dimension.",
			flags: []flagSpec{
				{name: "date", field: "Date", usage: "the day to report"},
				{name: "from", field: "StartingDate", usage: "first day of a range (one row per project for the range)"},
				{name: "to", field: "EndingDate", usage: "end of the range (exclusive; default today)", after: "from"},
				{name: "filter", field: "Filters", usage: "only rows matching these dimension:value `filters`"},
				{name: "group-by", field: "GroupBy", usage: "split rows by these `dimensions`", values: values(admin.AnalyticsProjectGroupByValues())},
				{name: "order-by", field: "OrderBy", usage: "sort by project_id or this `metric`"},
				{name: "order", field: "Order", usage: "sort `direction`", values: values(admin.AnalyticsSortOrderValues())},
			},
			examples: []string{
				"anthropic-admin analytics chat-projects --date 2026-10-31",
				"# The busiest projects of October, per member",
				"anthropic-admin analytics chat-projects --from 2026-10-01 --to 2026-11-01 --group-by user_id --order-by message_count",
			},
			do: grouped0((*admin.AnalyticsChatProjectsService).Pages, analyticsChatProjectView)},
		&command{name: "artifacts", op: admin.OpListAnalyticsArtifacts, summary: "Artifacts created on a day, by MIME type and sharing.", report: true,
			details: "One row per (artifact_type, is_shared) bucket with artifacts that day, all in one page unless\n" +
				"--group-by splits them per product, member (user_id) or RBAC group. --filter takes dimension:value with\n" +
				"artifact_type, is_shared (true or false), product, rbac_group_id or user_id.",
			flags: []flagSpec{
				{name: "date", field: "Date", usage: "the day to report", required: true},
				{name: "filter", field: "Filters", usage: "only buckets matching these dimension:value `filters`"},
				{name: "group-by", field: "GroupBy", usage: "split buckets by these `dimensions`", values: values(admin.AnalyticsArtifactGroupByValues())},
			},
			examples: []string{"anthropic-admin analytics artifacts --date 2026-10-31 --group-by product"},
			do:       grouped0((*admin.AnalyticsArtifactsService).Pages, analyticsArtifactView)},
		&command{name: "summaries", op: admin.OpListAnalyticsSummaries, summary: "Daily active users, seats and adoption, one row per day.", report: true,
			details: "Active users are counted per day and over rolling 7 and 30 days; adoption is active users per assigned\n" +
				"seat, in percent. --filter rbac_group_id:<group-id> scopes the counts to a group's members (seats,\n" +
				"invites and adoption are then empty). No day before 2026-01-01; --to defaults to today.",
			flags: []flagSpec{
				{name: "from", field: "StartingDate", usage: "first day", required: true},
				{name: "to", field: "EndingDate", usage: "end (exclusive; default today)", after: "from"},
				{name: "filter", field: "Filters", usage: "only members matching these rbac_group_id:<group-id> `filters`"},
			},
			examples: []string{"anthropic-admin analytics summaries --from 2026-10-01 --to 2026-11-01 --output csv"},
			do:       list0((*admin.AnalyticsSummariesService).Pages, analyticsSummaryView())},
	)
}

// analyticsRules are the range rules of the analytics reports, for help.
const analyticsRules = "The range starts within the last 365 days and not before 2026-01-01, and spans at most 31 days\n" +
	"(default: from --from to now, or 31 days). --bucket-width needs --to; 1m buckets allow 24 hours.\n" +
	"Without --bucket-width each row covers the whole range, rounded down to the hour. At most five\n" +
	"--group-by dimensions; without any, one row sums the range."

// analyticsRangeFlags are the flags the two analytics reports share: the
// range, the bucket width, the dimensions (groupBy: their names) and the
// filters.
func analyticsRangeFlags(groupBy []string) []flagSpec {
	return []flagSpec{
		{name: "from", field: "StartingAt", usage: "start of the range", required: true},
		{name: "to", field: "EndingAt", usage: "end of the range (exclusive)", after: "from"},
		{name: "bucket-width", field: "TimeBucketWidth", usage: "one row per time bucket of this `width`", values: values(admin.AnalyticsTimeBucketWidthValues())},
		{name: "group-by", field: "GroupBy", usage: "break out by these `dimensions` (at most 5)", values: groupBy},
		{name: "actor", field: "ActorIDs", usage: "only usage attributed to these user, service account or API key `IDs`"},
		{name: "actor-type", field: "ActorTypes", usage: "only usage attributed to these kinds of `identity`", values: values(admin.AnalyticsActorTypeValues())},
		{name: "api-key", field: "APIKeyIDs", usage: "only usage authenticated by these API key `IDs`"},
		{name: "workspace", field: "WorkspaceIDs", usage: "only usage in these workspace `IDs`"},
		{name: "user-profile", field: "UserProfileIDs", usage: "only usage attributed to these user profile `IDs`"},
		{name: "rbac-group", field: "RBACGroupIDs", usage: "only usage of members of these RBAC group `IDs`"},
		{name: "model", field: "Models", usage: "only usage of these `models`"},
		{name: "product", field: "Products", usage: "only usage of these `products`", values: values(admin.AnalyticsProductValues())},
		{name: "service-tier", field: "ServiceTiers", usage: "only these service `tiers`", values: values(admin.ServiceTierValues())},
		{name: "context-window", field: "ContextWindows", usage: "only these context `windows`", values: values(admin.ContextWindowValues())},
		{name: "inference-geo", field: "InferenceGeos", usage: "only these inference `geos`", values: values(admin.UsageInferenceGeoValues())},
		{name: "speed", field: "Speeds", usage: "only these `speeds`", values: values(admin.SpeedValues())},
		{name: "agent", field: "AgentIDs", usage: "only usage of sessions of these managed agent `IDs`"},
		{name: "deployment", field: "DeploymentIDs", usage: "only usage of sessions these deployment `IDs` started"},
		{name: "environment", field: "EnvironmentIDs", usage: "only usage of sessions in these environment `IDs`"},
		{name: "session", field: "SessionIDs", usage: "only usage of these managed agent session `IDs`"},
		{name: "slack-channel", field: "SlackChannelIDs", usage: "only usage from these Slack channel `IDs`"},
		{name: "claude-tag-category", field: "ClaudeTagCategories", usage: "only Claude Tag usage in these `categories`", values: values(admin.AnalyticsClaudeTagCategoryValues())},
		{name: "claude-tag-user", field: "ClaudeTagUserIDs", usage: "only Claude Tag usage of these Slack user `IDs`"},
		{name: "organization", field: "OrganizationIDs", usage: "only these child organization `IDs` (parent organizations)"},
		{name: "exclude-deleted-users", field: "ExcludeDeletedUsers", usage: "leave out deleted users' rows (needs --group-by actor)"},
		{name: "order", field: "Order", usage: "ranking `direction`", values: values(admin.AnalyticsSortOrderValues())},
	}
}

// analyticsActorCol is the column name printing the actor of a row: a user's email address (or
// ID, and "(deleted)" when they left), a service account's or API key's ID,
// or a federated identity's subject.
func analyticsActorCol[T any](name string, actor func(T) *admin.AnalyticsActor) column[T] {
	return col(name, func(v T) string {
		a := actor(v)
		if a == nil {
			return ""
		}
		switch a.Type {
		case admin.AnalyticsActorTypeUserActor:
			s := str(a.EmailAddress)
			if s == "" {
				s = str(a.UserID)
			}
			if a.Deleted != nil && *a.Deleted {
				s += " (deleted)"
			}
			return s
		case admin.AnalyticsActorTypeServiceAccountActor:
			return str(a.ServiceAccountID)
		case admin.AnalyticsActorTypeFederatedActor:
			return str(a.Subject)
		}
		return str(a.APIKeyID)
	})
}

// analyticsGroupCols returns the columns of the grouped dimensions, in
// --group-by order: "group." and the dimension's wire name.
func analyticsGroupCols[T any, D ~string](groupBy []D, actor func(T) *admin.AnalyticsActor) []column[T] {
	var cols []column[T]
	for _, d := range groupBy {
		if d == "actor" {
			cols = append(cols, analyticsActorCol("group.actor", actor))
			continue
		}
		cols = append(cols, field[T]("group."+string(d)))
	}
	return cols
}

// analyticsUsageView returns the view of the analytics usage report for p:
// the row's period, a column per dimension of --group-by and the metrics.
func analyticsUsageView(p *admin.ListAnalyticsUsageParams) view[admin.AnalyticsUsageItem] {
	cols := fields[admin.AnalyticsUsageItem]("starting_at", "ending_at")
	cols = append(cols, analyticsGroupCols(p.GroupBy, func(it admin.AnalyticsUsageItem) *admin.AnalyticsActor { return it.Group.Actor })...)
	cols = append(cols, fields[admin.AnalyticsUsageItem]("usage.total_tokens", "usage.uncached_input_tokens",
		"usage.cache_creation.ephemeral_5m_input_tokens", "usage.cache_creation.ephemeral_1h_input_tokens",
		"usage.cache_read_input_tokens", "usage.output_tokens", "usage.server_tool_use.web_search_requests", "usage.requests")...)
	return flat(cols...)
}

// analyticsCostView returns the view of the analytics cost report for p:
// the row's period, a column per dimension of --group-by, the amounts in
// exact dollars and the requests.
func analyticsCostView(p *admin.ListAnalyticsCostParams) view[admin.AnalyticsCostItem] {
	cols := fields[admin.AnalyticsCostItem]("starting_at", "ending_at")
	cols = append(cols, analyticsGroupCols(p.GroupBy, func(it admin.AnalyticsCostItem) *admin.AnalyticsActor { return it.Group.Actor })...)
	cols = append(cols,
		moneyCol("amount", func(it admin.AnalyticsCostItem) (admin.Cents, string) { return it.Cost.Amount, it.Cost.Currency }),
		moneyCol("list_amount", func(it admin.AnalyticsCostItem) (admin.Cents, string) { return it.Cost.ListAmount, it.Cost.Currency }),
		field[admin.AnalyticsCostItem]("cost.requests"))
	return flat(cols...)
}

// analyticsUsersView returns the view of members' activity for p: the
// member (or RBAC group), the last active day and the main counters.
func analyticsUsersView(p *admin.ListAnalyticsUsersParams) view[admin.AnalyticsUserActivity] {
	var cols []column[admin.AnalyticsUserActivity]
	if len(p.GroupBy) > 0 {
		cols = fields[admin.AnalyticsUserActivity]("rbac_group_id", "rbac_group_name", "distinct_user_count")
	} else {
		user := func(a admin.AnalyticsUserActivity) admin.AnalyticsUser {
			if a.User == nil {
				return admin.AnalyticsUser{}
			}
			return *a.User
		}
		cols = []column[admin.AnalyticsUserActivity]{
			col("user.id", func(a admin.AnalyticsUserActivity) string { return user(a).ID }),
			col("user.email_address", func(a admin.AnalyticsUserActivity) string { return user(a).EmailAddress }),
		}
	}
	cols = append(cols, col("last_activity_date", func(a admin.AnalyticsUserActivity) string {
		if a.LastActivityDate == nil {
			return ""
		}
		return a.LastActivityDate.String()
	}))
	cols = append(cols, fields[admin.AnalyticsUserActivity]("chat_metrics.message_count",
		"claude_code_metrics.core_metrics.distinct_session_count", "claude_code_metrics.core_metrics.commit_count",
		"claude_code_metrics.core_metrics.pull_request_count", "claude_code_metrics.core_metrics.lines_of_code.added_count",
		"claude_code_metrics.core_metrics.lines_of_code.removed_count", "cowork_metrics.message_count",
		"design_metrics.message_count", "web_search_count")...)
	return flat(cols...)
}

// adoptionCol prints an adoption rate in percent with one decimal, or
// nothing when the API gives none.
func adoptionCol(name string, rate func(admin.AnalyticsSingleDayActivitySummary) *float64) column[admin.AnalyticsSingleDayActivitySummary] {
	return col(name, func(s admin.AnalyticsSingleDayActivitySummary) string {
		if r := rate(s); r != nil {
			return strconv.FormatFloat(*r, 'f', 1, 64)
		}
		return ""
	})
}

// analyticsSummaryView prints a day's summary: active users overall and
// per product, seats, pending invites and adoption.
func analyticsSummaryView() view[admin.AnalyticsSingleDayActivitySummary] {
	return flat(append(fields[admin.AnalyticsSingleDayActivitySummary]("starting_at",
		"daily_active_user_count", "weekly_active_user_count", "monthly_active_user_count",
		"chat_daily_active_user_count", "claude_code_daily_active_user_count", "cowork_daily_active_user_count",
		"claude_design_daily_active_user_count", "assigned_seat_count", "pending_invite_count"),
		adoptionCol("daily_adoption_rate", func(s admin.AnalyticsSingleDayActivitySummary) *float64 { return s.DailyAdoptionRate }),
		adoptionCol("monthly_adoption_rate", func(s admin.AnalyticsSingleDayActivitySummary) *float64 { return s.MonthlyAdoptionRate }))...)
}

// userReportRules are the rules of the per-user reports, for help.
const userReportRules = "Only usage attributed to a user account counts (a legacy Claude Enterprise report; the analytics\n" +
	"usage and cost commands with --group-by actor cover every identity). The range starts within the\n" +
	"last 365 days and not before 2026-01-01 and spans at most 31 days; --bucket-width needs --to."

// userReportFlags are the flags the per-user reports share; groupBy are
// the names of their dimensions.
func userReportFlags(groupBy []string) []flagSpec {
	return []flagSpec{
		{name: "from", field: "StartingAt", usage: "start of the range", required: true},
		{name: "to", field: "EndingAt", usage: "end of the range (exclusive)", after: "from"},
		{name: "bucket-width", field: "BucketWidth", usage: "one row per user and time bucket of this `width`", values: values(admin.AnalyticsTimeBucketWidthValues())},
		{name: "group-by", field: "GroupBy", usage: "break each user's row out by these `dimensions`", values: groupBy},
		{name: "user", field: "UserIDs", usage: "only these user `IDs`"},
		{name: "model", field: "Models", usage: "only usage of these `models`"},
		{name: "product", field: "Products", usage: "only usage of these `products`", values: values(admin.AnalyticsUserReportProductValues())},
		{name: "rbac-group", field: "RBACGroupIDs", usage: "only usage of members of these RBAC group `IDs`"},
		{name: "context-window", field: "ContextWindows", usage: "only these context `windows`", values: values(admin.ContextWindowValues())},
		{name: "inference-geo", field: "InferenceGeos", usage: "only these inference `geos`", values: values(admin.UsageInferenceGeoValues())},
		{name: "speed", field: "Speeds", usage: "only these `speeds`", values: values(admin.SpeedValues())},
		{name: "slack-channel", field: "SlackChannelIDs", usage: "only usage from these Slack channel `IDs`"},
		{name: "claude-tag-category", field: "ClaudeTagCategories", usage: "only Claude Tag usage in these `categories`", values: values(admin.AnalyticsClaudeTagCategoryValues())},
		{name: "claude-tag-user", field: "ClaudeTagUserIDs", usage: "only Claude Tag usage of these Slack user `IDs`"},
		{name: "exclude-deleted-users", field: "ExcludeDeletedUsers", usage: "leave out deleted users"},
		{name: "order", field: "Order", usage: "ranking `direction`", values: values(admin.AnalyticsSortOrderValues())},
	}
}

// userReportLead returns the first columns of a per-user report: the
// bucket (with --bucket-width), the user and the --group-by dimensions.
func userReportLead[T any, D ~string](width admin.AnalyticsTimeBucketWidth, groupBy []D, actor func(T) admin.AnalyticsActor) []column[T] {
	var cols []column[T]
	if width != "" {
		cols = fields[T]("starting_at", "ending_at")
	}
	cols = append(cols, analyticsActorCol("actor", func(v T) *admin.AnalyticsActor { a := actor(v); return &a }))
	for _, d := range groupBy {
		cols = append(cols, field[T](string(d)))
	}
	return cols
}

// analyticsUserUsageView returns the view of the per-user usage report.
func analyticsUserUsageView(p *admin.ListAnalyticsUserUsageParams) view[admin.AnalyticsUserUsageItem] {
	cols := userReportLead(p.BucketWidth, p.GroupBy, func(it admin.AnalyticsUserUsageItem) admin.AnalyticsActor { return it.Actor })
	cols = append(cols, fields[admin.AnalyticsUserUsageItem]("total_tokens", "uncached_input_tokens", "cache_creation.ephemeral_5m_input_tokens",
		"cache_creation.ephemeral_1h_input_tokens", "cache_read_input_tokens", "output_tokens", "server_tool_use.web_search_requests", "requests")...)
	return flat(cols...)
}

// analyticsUserCostView returns the view of the per-user cost report, the
// amounts in exact dollars.
func analyticsUserCostView(p *admin.ListAnalyticsUserCostParams) view[admin.AnalyticsUserCostItem] {
	cols := userReportLead(p.BucketWidth, p.GroupBy, func(it admin.AnalyticsUserCostItem) admin.AnalyticsActor { return it.Actor })
	cols = append(cols,
		moneyCol("amount", func(it admin.AnalyticsUserCostItem) (admin.Cents, string) { return it.Amount, it.Currency }),
		moneyCol("list_amount", func(it admin.AnalyticsUserCostItem) (admin.Cents, string) { return it.ListAmount, it.Currency }),
		field[admin.AnalyticsUserCostItem]("requests"))
	return flat(cols...)
}

// extensionRules are the rules of the connectors and plugins lists, whose
// name dimension is name, for help.
func extensionRules(name string) string {
	return "Give --date (one UTC day) or --from (a range up to --to, default today), not both; no day before\n" +
		"2026-01-01, and data typically lags a day. Rows are sorted by name unless --order-by names a metric\n" +
		"(distinct_user_count, and read_call_count, write_call_count or invocation_count, install_count),\n" +
		"highest first. --filter takes dimension:value with " + name + " (case-insensitive), product,\n" +
		"rbac_group_id or user_id; --group-by splits each row per product, member or RBAC group."
}

// extensionFlags are the flags of the connectors and plugins lists.
func extensionFlags(groupBy []string) []flagSpec {
	return []flagSpec{
		{name: "date", field: "Date", usage: "the day to report"},
		{name: "from", field: "StartingDate", usage: "first day of a range (one row per name for the range)"},
		{name: "to", field: "EndingDate", usage: "end of the range (exclusive; default today)", after: "from"},
		{name: "filter", field: "Filters", usage: "only rows matching these dimension:value `filters`"},
		{name: "group-by", field: "GroupBy", usage: "split rows by these `dimensions`", values: groupBy},
		{name: "order-by", field: "OrderBy", usage: "sort by the name or this `metric`"},
		{name: "order", field: "Order", usage: "sort `direction`", values: values(admin.AnalyticsSortOrderValues())},
	}
}

// extensionCuts returns the columns of the --group-by dimensions of the
// connectors and plugins lists, in their order.
func extensionCuts[T any, D ~string](groupBy []D) []column[T] {
	var cols []column[T]
	for _, d := range groupBy {
		cols = append(cols, field[T](string(d)))
		if d == "rbac_group_id" {
			cols = append(cols, field[T]("rbac_group_name"))
		}
	}
	return cols
}

// analyticsConnectorView returns the view of the connectors list for p.
func analyticsConnectorView(p *admin.ListAnalyticsConnectorsParams) view[admin.AnalyticsConnectorActivity] {
	cols := append(fields[admin.AnalyticsConnectorActivity]("connector_name"), extensionCuts[admin.AnalyticsConnectorActivity](p.GroupBy)...)
	return flat(append(cols, fields[admin.AnalyticsConnectorActivity]("distinct_user_count",
		"chat_metrics.distinct_conversation_connector_used_count", "claude_code_metrics.distinct_session_connector_used_count",
		"cowork_metrics.distinct_session_connector_used_count", "read_call_count", "write_call_count")...)...)
}

// analyticsPluginView returns the view of the plugins list for p.
func analyticsPluginView(p *admin.ListAnalyticsPluginsParams) view[admin.AnalyticsPluginActivity] {
	cols := append(fields[admin.AnalyticsPluginActivity]("plugin_name"), extensionCuts[admin.AnalyticsPluginActivity](p.GroupBy)...)
	return flat(append(cols, fields[admin.AnalyticsPluginActivity]("distinct_user_count", "install_count", "invocation_count",
		"claude_code_metrics.distinct_session_plugin_used_count", "cowork_metrics.distinct_session_plugin_used_count")...)...)
}

// analyticsArtifactView returns the view of the artifacts list for p.
func analyticsArtifactView(p *admin.ListAnalyticsArtifactsParams) view[admin.AnalyticsArtifactActivity] {
	cols := append(fields[admin.AnalyticsArtifactActivity]("artifact_type", "is_shared"), extensionCuts[admin.AnalyticsArtifactActivity](p.GroupBy)...)
	return flat(append(cols, fields[admin.AnalyticsArtifactActivity]("artifacts_created_count", "published_artifacts_created_count", "distinct_user_count")...)...)
}

// analyticsSkillView returns the view of the skills list for p.
func analyticsSkillView(p *admin.ListAnalyticsSkillsParams) view[admin.AnalyticsSkillActivity] {
	cols := append(fields[admin.AnalyticsSkillActivity]("skill_name"), extensionCuts[admin.AnalyticsSkillActivity](p.GroupBy)...)
	cols = append(cols, fields[admin.AnalyticsSkillActivity]("share_status", "distinct_user_count", "invocation_count", "enable_count",
		"chat_metrics.distinct_conversation_skill_used_count", "claude_code_metrics.distinct_session_skill_used_count",
		"cowork_metrics.distinct_session_skill_used_count")...)
	currency := func(it admin.AnalyticsSkillActivity) string {
		if it.Currency == nil {
			return ""
		}
		return *it.Currency
	}
	return flat(append(cols,
		optionalMoneyCol("estimated_overage_spend", func(it admin.AnalyticsSkillActivity) (*admin.Cents, string) {
			return it.EstimatedOverageSpend, currency(it)
		}),
		optionalMoneyCol("attributed_list_price", func(it admin.AnalyticsSkillActivity) (*admin.Cents, string) {
			return it.AttributedListPrice, currency(it)
		}))...)
}

// analyticsChatProjectView returns the view of the chat projects list for
// p.
func analyticsChatProjectView(p *admin.ListAnalyticsChatProjectsParams) view[admin.AnalyticsProjectActivity] {
	cols := append(fields[admin.AnalyticsProjectActivity]("project_id", "project_name"), extensionCuts[admin.AnalyticsProjectActivity](p.GroupBy)...)
	cols = append(cols, fields[admin.AnalyticsProjectActivity]("message_count", "distinct_conversation_count", "distinct_user_count")...)
	return flat(append(cols, col("created_by", func(it admin.AnalyticsProjectActivity) string {
		if it.CreatedBy == nil {
			return ""
		}
		return it.CreatedBy.EmailAddress
	}), field[admin.AnalyticsProjectActivity]("created_at"))...)
}
