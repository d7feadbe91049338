package main

import (
	"slices"
	"strconv"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The table and CSV columns of each resource. Column names are the wire
// names, dotted for nested fields; tables print them in upper case.

var orgView = flat(
	col("id", func(o admin.Organization) string { return o.ID }),
	col("name", func(o admin.Organization) string { return o.Name }),
)

var userView = flat(
	col("id", func(u admin.User) string { return u.ID }),
	col("email", func(u admin.User) string { return u.Email }),
	col("name", func(u admin.User) string { return u.Name }),
	col("role", func(u admin.User) string { return string(u.Role) }),
	col("added_at", func(u admin.User) string { return ts(u.AddedAt) }),
)

var userDeletedView = flat(
	col("id", func(d admin.UserDeleted) string { return d.ID }),
	col("type", func(d admin.UserDeleted) string { return string(d.Type) }),
)

var inviteView = flat(
	col("id", func(i admin.Invite) string { return i.ID }),
	col("email", func(i admin.Invite) string { return i.Email }),
	col("role", func(i admin.Invite) string { return string(i.Role) }),
	col("status", func(i admin.Invite) string { return string(i.Status) }),
	col("invited_at", func(i admin.Invite) string { return ts(i.InvitedAt) }),
	col("expires_at", func(i admin.Invite) string { return ts(i.ExpiresAt) }),
)

var inviteDeletedView = flat(
	col("id", func(d admin.InviteDeleted) string { return d.ID }),
	col("type", func(d admin.InviteDeleted) string { return string(d.Type) }),
)

var workspaceView = flat(
	col("id", func(w admin.Workspace) string { return w.ID }),
	col("name", func(w admin.Workspace) string { return w.Name }),
	col("display_color", func(w admin.Workspace) string { return w.DisplayColor }),
	col("data_residency.workspace_geo", func(w admin.Workspace) string { return string(w.DataResidency.WorkspaceGeo) }),
	col("created_at", func(w admin.Workspace) string { return ts(w.CreatedAt) }),
	col("archived_at", func(w admin.Workspace) string { return tsp(w.ArchivedAt) }),
)

var memberView = flat(
	col("workspace_id", func(m admin.WorkspaceMember) string { return m.WorkspaceID }),
	col("user_id", func(m admin.WorkspaceMember) string { return m.UserID }),
	col("workspace_role", func(m admin.WorkspaceMember) string { return string(m.WorkspaceRole) }),
)

var memberDeletedView = flat(
	col("workspace_id", func(d admin.WorkspaceMemberDeleted) string { return d.WorkspaceID }),
	col("user_id", func(d admin.WorkspaceMemberDeleted) string { return d.UserID }),
	col("type", func(d admin.WorkspaceMemberDeleted) string { return string(d.Type) }),
)

var apiKeyView = flat(
	col("id", func(k admin.APIKey) string { return k.ID }),
	col("name", func(k admin.APIKey) string { return k.Name }),
	col("status", func(k admin.APIKey) string { return string(k.Status) }),
	col("workspace_id", func(k admin.APIKey) string { return str(k.WorkspaceID) }),
	col("partial_key_hint", func(k admin.APIKey) string { return str(k.PartialKeyHint) }),
	col("created_at", func(k admin.APIKey) string { return ts(k.CreatedAt) }),
	col("expires_at", func(k admin.APIKey) string { return tsp(k.ExpiresAt) }),
)

var rateLimitView = nested(
	[]column[admin.RateLimit]{
		col("id", func(r admin.RateLimit) string { return r.ID }),
		col("group.type", func(r admin.RateLimit) string { return string(r.Group.Type) }),
		col("group.display_name", func(r admin.RateLimit) string { return str(r.Group.DisplayName) }),
		col("models", func(r admin.RateLimit) string { return joinStrings(r.Models) }),
	},
	func(r admin.RateLimit) []admin.RateLimitValue { return r.Limits },
	[]column[admin.RateLimitValue]{
		col("limits.type", func(v admin.RateLimitValue) string { return v.Type }),
		col("limits.value", func(v admin.RateLimitValue) string { return num(v.Value) }),
	},
)

var workspaceRateLimitView = nested(
	[]column[admin.WorkspaceRateLimit]{
		col("workspace_id", func(r admin.WorkspaceRateLimit) string { return r.WorkspaceID }),
		col("rate_limit_id", func(r admin.WorkspaceRateLimit) string { return r.RateLimitID }),
		col("group.type", func(r admin.WorkspaceRateLimit) string { return string(r.Group.Type) }),
		col("group.display_name", func(r admin.WorkspaceRateLimit) string { return str(r.Group.DisplayName) }),
	},
	func(r admin.WorkspaceRateLimit) []admin.WorkspaceRateLimitValue { return r.Limits },
	[]column[admin.WorkspaceRateLimitValue]{
		col("limits.type", func(v admin.WorkspaceRateLimitValue) string { return v.Type }),
		col("limits.value", func(v admin.WorkspaceRateLimitValue) string { return num(v.Value) }),
		col("limits.org_limit", func(v admin.WorkspaceRateLimitValue) string { return nump(v.OrgLimit) }),
		col("limits.source", func(v admin.WorkspaceRateLimitValue) string { return string(v.Source.Type) }),
	},
)

var complianceUserView = flat(
	col("id", func(u admin.ComplianceUser) string { return u.ID }),
	col("email", func(u admin.ComplianceUser) string { return u.Email }),
	col("full_name", func(u admin.ComplianceUser) string { return u.FullName }),
	col("organization_role", func(u admin.ComplianceUser) string { return string(u.OrganizationRole) }),
	col("created_at", func(u admin.ComplianceUser) string { return ts(u.CreatedAt) }),
)

// messagesDims are the columns of the Messages usage report's group-by
// dimensions; only the dimensions grouped by are printed.
var messagesDims = map[admin.MessagesUsageGroupBy]column[admin.MessagesUsageResult]{
	admin.MessagesUsageGroupByAPIKeyID:         col("api_key_id", func(r admin.MessagesUsageResult) string { return str(r.APIKeyID) }),
	admin.MessagesUsageGroupByAccountID:        col("account_id", func(r admin.MessagesUsageResult) string { return str(r.AccountID) }),
	admin.MessagesUsageGroupByContextWindow:    col("context_window", func(r admin.MessagesUsageResult) string { return str(r.ContextWindow) }),
	admin.MessagesUsageGroupByInferenceGeo:     col("inference_geo", func(r admin.MessagesUsageResult) string { return str(r.InferenceGeo) }),
	admin.MessagesUsageGroupByModel:            col("model", func(r admin.MessagesUsageResult) string { return str(r.Model) }),
	admin.MessagesUsageGroupByServiceAccountID: col("service_account_id", func(r admin.MessagesUsageResult) string { return str(r.ServiceAccountID) }),
	admin.MessagesUsageGroupByServiceTier:      col("service_tier", func(r admin.MessagesUsageResult) string { return str(r.ServiceTier) }),
	admin.MessagesUsageGroupBySpeed:            col("speed", func(r admin.MessagesUsageResult) string { return str(r.Speed) }),
	admin.MessagesUsageGroupByWorkspaceID:      col("workspace_id", func(r admin.MessagesUsageResult) string { return str(r.WorkspaceID) }),
}

// messagesView returns the view of the Messages usage report grouped by
// groupBy: one row per bucket and group.
func messagesView(groupBy []admin.MessagesUsageGroupBy) view[admin.MessagesUsageTimeBucket] {
	var cols []column[admin.MessagesUsageResult]
	for _, g := range groupBy {
		cols = append(cols, messagesDims[g])
	}
	cols = append(cols,
		col("uncached_input_tokens", func(r admin.MessagesUsageResult) string { return num(r.UncachedInputTokens) }),
		col("cache_creation.ephemeral_5m_input_tokens", func(r admin.MessagesUsageResult) string { return num(r.CacheCreation.Ephemeral5MInputTokens) }),
		col("cache_creation.ephemeral_1h_input_tokens", func(r admin.MessagesUsageResult) string { return num(r.CacheCreation.Ephemeral1HInputTokens) }),
		col("cache_read_input_tokens", func(r admin.MessagesUsageResult) string { return num(r.CacheReadInputTokens) }),
		col("output_tokens", func(r admin.MessagesUsageResult) string { return num(r.OutputTokens) }),
		col("server_tool_use.web_search_requests", func(r admin.MessagesUsageResult) string { return num(r.ServerToolUse.WebSearchRequests) }),
	)
	return nested(
		bucketCols(
			func(b admin.MessagesUsageTimeBucket) time.Time { return b.StartingAt },
			func(b admin.MessagesUsageTimeBucket) time.Time { return b.EndingAt }),
		func(b admin.MessagesUsageTimeBucket) []admin.MessagesUsageResult { return b.Results },
		cols)
}

// costView returns the view of the cost report grouped by groupBy: one
// row per bucket and group. Grouping by description splits costs by model,
// cost type, token type, service tier and context window, so those columns
// print then.
func costView(groupBy []admin.CostGroupBy) view[admin.CostTimeBucket] {
	var cols []column[admin.CostResult]
	if slices.Contains(groupBy, admin.CostGroupByWorkspaceID) {
		cols = append(cols, col("workspace_id", func(r admin.CostResult) string { return str(r.WorkspaceID) }))
	}
	if slices.Contains(groupBy, admin.CostGroupByDescription) {
		cols = append(cols,
			col("description", func(r admin.CostResult) string { return str(r.Description) }),
			col("model", func(r admin.CostResult) string { return str(r.Model) }),
			col("cost_type", func(r admin.CostResult) string { return str(r.CostType) }),
			col("token_type", func(r admin.CostResult) string { return str(r.TokenType) }),
			col("service_tier", func(r admin.CostResult) string { return str(r.ServiceTier) }),
			col("context_window", func(r admin.CostResult) string { return str(r.ContextWindow) }),
		)
	}
	cols = append(cols,
		col("amount", func(r admin.CostResult) string { return r.Amount }),
		col("currency", func(r admin.CostResult) string { return r.Currency }),
	)
	return nested(
		bucketCols(
			func(b admin.CostTimeBucket) time.Time { return b.StartingAt },
			func(b admin.CostTimeBucket) time.Time { return b.EndingAt }),
		func(b admin.CostTimeBucket) []admin.CostResult { return b.Results },
		cols)
}

// bucketCols returns the starting_at and ending_at columns of a report
// time bucket.
func bucketCols[B any](start, end func(B) time.Time) []column[B] {
	return []column[B]{
		col("starting_at", func(b B) string { return ts(start(b)) }),
		col("ending_at", func(b B) string { return ts(end(b)) }),
	}
}

var claudeCodeView = flat(
	col("date", func(r admin.ClaudeCodeUsageRecord) string { return r.Date.UTC().Format(time.DateOnly) }),
	col("actor.type", func(r admin.ClaudeCodeUsageRecord) string { return string(r.Actor.Type) }),
	col("actor", func(r admin.ClaudeCodeUsageRecord) string {
		if r.Actor.EmailAddress != nil {
			return *r.Actor.EmailAddress
		}
		return str(r.Actor.APIKeyName)
	}),
	col("terminal_type", func(r admin.ClaudeCodeUsageRecord) string { return r.TerminalType }),
	col("customer_type", func(r admin.ClaudeCodeUsageRecord) string { return string(r.CustomerType) }),
	col("num_sessions", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.NumSessions) }),
	col("lines_added", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.LinesOfCode.Added) }),
	col("lines_removed", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.LinesOfCode.Removed) }),
	col("commits", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.CommitsByClaudeCode) }),
	col("pull_requests", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.PullRequestsByClaudeCode) }),
	col("tool_actions.accepted", func(r admin.ClaudeCodeUsageRecord) string {
		return num(sum(r.ToolActions, func(c admin.ToolActionCounts) int64 { return c.Accepted }))
	}),
	col("tool_actions.rejected", func(r admin.ClaudeCodeUsageRecord) string {
		return num(sum(r.ToolActions, func(c admin.ToolActionCounts) int64 { return c.Rejected }))
	}),
	col("estimated_cost", func(r admin.ClaudeCodeUsageRecord) string {
		var cents float64
		for _, m := range r.ModelBreakdown {
			cents += m.EstimatedCost.Amount
		}
		return strconv.FormatFloat(cents, 'f', -1, 64)
	}),
)

// sum adds up f over the values of m.
func sum[K comparable, V any](m map[K]V, f func(V) int64) int64 {
	var n int64
	for _, v := range m {
		n += f(v)
	}
	return n
}

// ts formats a time in UTC, RFC 3339; the zero time prints as "".
func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// tsp formats an optional time.
func tsp(t *time.Time) string {
	if t == nil {
		return ""
	}
	return ts(*t)
}

// str returns an optional string, "" for nil.
func str[S ~string](p *S) string {
	if p == nil {
		return ""
	}
	return string(*p)
}

// num formats an integer.
func num(n int64) string { return strconv.FormatInt(n, 10) }

// nump formats an optional integer, "" for nil.
func nump(n *int64) string {
	if n == nil {
		return ""
	}
	return num(*n)
}

// joinStrings joins a list with commas.
func joinStrings(s []string) string { return join(s, ",") }
