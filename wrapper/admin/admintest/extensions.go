package admintest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// ExtensionUseRecord is a member's use of one connector (MCP server),
// plugin or skill on one day in one product, for [Server.AddExtensionUse];
// the analytics connectors, plugins and skills lists report them.
type ExtensionUseRecord struct {
	// Date is the day (required; truncated to midnight UTC).
	Date time.Time
	// UserID is the member (required).
	UserID string
	// Connector is the connector's name; set exactly one of Connector,
	// Plugin and Skill.
	Connector string
	// Plugin is the plugin's name.
	Plugin string
	// Skill is the skill's name.
	Skill string
	// ShareStatus is a claude.ai skill's share status (organization,
	// private or public), "" for none.
	ShareStatus string
	// OverageSpend and ListPrice are a skill's attributed overage spend and
	// list-price value, in cents of USD.
	OverageSpend, ListPrice money.Cents
	// PluginID is the plugin's ID, when it has one.
	PluginID string
	// Product is where it was used: chat, claude_code or cowork (required).
	Product string
	// Sessions counts the conversations or sessions that used it (default 1).
	Sessions int64
	// ReadCalls and WriteCalls count a connector's tool calls.
	ReadCalls, WriteCalls int64
	// Invocations counts a plugin's or skill's invocations.
	Invocations int64
	// Installed says the member installed the plugin that day.
	Installed bool
}

// AddExtensionUse adds members' connector and plugin use.
func (s *Server) AddExtensionUse(records ...ExtensionUseRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range records {
		r := &records[i]
		switch {
		case r.Date.IsZero() || r.UserID == "" || r.Product == "":
			return fmt.Errorf("admintest: extension use %d: Date, UserID and Product are required", i)
		case btoi(r.Connector != "")+btoi(r.Plugin != "")+btoi(r.Skill != "") != 1:
			return fmt.Errorf("admintest: extension use %d: set exactly one of Connector, Plugin and Skill", i)
		case r.ShareStatus != "" && !gen.AnalyticsSkillShareStatus(r.ShareStatus).Valid():
			return fmt.Errorf("admintest: extension use %d: share status %q is not organization, private or public", i, r.ShareStatus)
		}
		if _, ok := s.st.users.get(r.UserID); !ok {
			return fmt.Errorf("admintest: extension use %d: no user %q", i, r.UserID)
		}
		r.Date = r.Date.UTC().Truncate(24 * time.Hour)
		r.Sessions = cmp.Or(r.Sessions, 1)
	}
	s.st.extensionUse = append(s.st.extensionUse, records...)
	return nil
}

// extensionRow is one row of the connectors, plugins or skills list
// being built.
type extensionRow struct {
	name, pluginID, product, userID, groupID string
	shareStatus                              string
	overage, listPrice                       money.Cents
	users, installers                        map[string]bool
	sessions                                 map[string]int64 // by product
	reads, writes, invocations               int64
}

// extensionMetrics are the order_by metrics of the two lists.
var extensionMetrics = map[string]func(*extensionRow) int64{
	"distinct_user_count": func(r *extensionRow) int64 { return int64(len(r.users)) },
	"read_call_count":     func(r *extensionRow) int64 { return r.reads },
	"write_call_count":    func(r *extensionRow) int64 { return r.writes },
	"invocation_count":    func(r *extensionRow) int64 { return r.invocations },
	"install_count":       func(r *extensionRow) int64 { return int64(len(r.installers)) },
	"enable_count":        func(r *extensionRow) int64 { return int64(len(r.installers)) },
}

// extensionRows groups the connector, plugin or skill use in [from, to)
// (the one whose name dimension is nameDim: connector_name, plugin_name
// or skill_name) into rows by name and the group_by dimensions, filtered,
// sorted and paged.
func (s *Server) extensionRows(kind, nameDim string, from, to time.Time, filterList []string, groupBy []string,
	orderBy *string, order *gen.AnalyticsSortOrder, limit *int, page *string) ([]*extensionRow, *string, *apiError) {
	dims := []string{nameDim, "product", "rbac_group_id", "user_id"}
	if nameDim == "skill_name" {
		dims = append(dims, "share_status")
	}
	filters, e := activityFilters(filterList, dims...)
	if e != nil {
		return nil, nil, e
	}
	names := map[string]bool{}
	for n := range filters[nameDim] {
		names[strings.ToLower(n)] = true
	}
	var metric func(*extensionRow) int64
	if orderBy != nil && *orderBy != "" && *orderBy != nameDim {
		if metric = extensionMetrics[*orderBy]; metric == nil {
			return nil, nil, badRequest("order_by: %q is not %s or a rankable metric", *orderBy, nameDim)
		}
	}
	desc := metric != nil
	if order != nil {
		desc = *order == gen.AnalyticsSortOrderDesc
	}
	q := &analyticsQuery{kind: kind, limit: 100}
	if limit != nil {
		q.limit = *limit
	}
	if q.offset, e = pageOffset(kind, page); e != nil {
		return nil, nil, e
	}
	byGroup := slices.Contains(groupBy, "rbac_group_id")
	inGroups := s.groupMembersLocked(filters["rbac_group_id"])
	var userGroups map[string][]string
	if byGroup {
		userGroups = s.userGroupsLocked()
	}
	rows := map[string]*extensionRow{}
	for _, r := range s.st.extensionUse {
		name := map[string]string{"connector_name": r.Connector, "plugin_name": r.Plugin, "skill_name": r.Skill}[nameDim]
		if name == "" || r.Date.Before(from) || !r.Date.Before(to) ||
			(filters["share_status"] != nil && !filters["share_status"][r.ShareStatus]) ||
			(len(names) > 0 && !names[strings.ToLower(name)]) ||
			(filters["product"] != nil && !filters["product"][r.Product]) ||
			(filters["user_id"] != nil && !filters["user_id"][r.UserID]) ||
			(inGroups != nil && !inGroups[r.UserID]) {
			continue
		}
		for _, gid := range rowGroups(byGroup, userGroups, r.UserID) {
			row := &extensionRow{name: name, groupID: gid}
			if slices.Contains(groupBy, "product") {
				row.product = r.Product
			}
			if slices.Contains(groupBy, "user_id") {
				row.userID = r.UserID
			}
			k := groupKey([]string{name, row.product, row.userID, gid})
			if rows[k] == nil {
				row.users, row.installers, row.sessions = map[string]bool{}, map[string]bool{}, map[string]int64{}
				rows[k] = row
			}
			row = rows[k]
			row.users[r.UserID] = true
			if r.Installed {
				row.installers[r.UserID] = true
			}
			row.sessions[r.Product] += r.Sessions
			row.reads += r.ReadCalls
			row.writes += r.WriteCalls
			row.invocations += r.Invocations
			row.pluginID = cmp.Or(row.pluginID, r.PluginID)
			row.shareStatus = cmp.Or(row.shareStatus, r.ShareStatus)
			row.overage = row.overage.Add(r.OverageSpend)
			if r.Product != "chat" { // chat carries no request-level attribution
				row.listPrice = row.listPrice.Add(r.ListPrice)
			}
		}
	}
	out := make([]*extensionRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *extensionRow) int {
		c := cmp.Or(cmp.Compare(a.name, b.name), cmp.Compare(a.product, b.product), cmp.Compare(a.userID, b.userID), cmp.Compare(a.groupID, b.groupID))
		if metric != nil {
			c = cmp.Or(cmp.Compare(metric(a), metric(b)), c)
		}
		if desc {
			return -c
		}
		return c
	})
	return pageRows(q, out)
}

// extensionCut returns the group_by values of a row as the lists carry
// them, and the RBAC group's name.
func (s *Server) extensionCut(r *extensionRow) (product, userID, groupID, groupName *string) {
	opt := func(v string) *string {
		if v == "" {
			return nil
		}
		return ptr(v)
	}
	if g, ok := s.st.gov.rbacGroups.get(r.groupID); ok {
		groupName = ptr(g.Name)
	}
	return opt(r.product), opt(r.userID), opt(r.groupID), groupName
}

func (s *api) ListAnalyticsConnectors(ctx context.Context, req server.ListAnalyticsConnectorsRequestObject) (server.ListAnalyticsConnectorsResponseObject, error) {
	p := req.Params
	from, to, _, e := s.activityWindow(p.Date, p.StartingDate, p.EndingDate)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows, next, e := s.extensionRows("analytics/connectors", "connector_name", from, to, p.Filters, values(p.GroupBy), p.OrderBy, p.Order, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsConnectorActivityList{Data: make([]gen.AnalyticsConnectorActivity, 0, len(rows)), NextPage: next}
	for _, r := range rows {
		it := gen.AnalyticsConnectorActivity{
			ConnectorName:     r.name,
			DistinctUserCount: int64(len(r.users)),
			ChatMetrics:       gen.AnalyticsConnectorChatMetrics{DistinctConversationConnectorUsedCount: ptr(r.sessions["chat"])},
			ClaudeCodeMetrics: gen.AnalyticsConnectorClaudeCodeMetrics{DistinctSessionConnectorUsedCount: ptr(r.sessions["claude_code"])},
			CoworkMetrics:     gen.AnalyticsConnectorCoworkMetrics{DistinctSessionConnectorUsedCount: ptr(r.sessions["cowork"])},
			ReadCallCount:     ptr(r.reads), WriteCallCount: ptr(r.writes), UnclassifiedCallCount: ptr[int64](0),
			IndividualAuthDistinctUserCount: ptr(int64(len(r.users))),
		}
		it.Product, it.UserID, it.RBACGroupID, it.RBACGroupName = s.extensionCut(r)
		body.Data = append(body.Data, it)
	}
	return server.ListAnalyticsConnectors200JSONResponse{Body: body}, nil
}

func (s *api) ListAnalyticsPlugins(ctx context.Context, req server.ListAnalyticsPluginsRequestObject) (server.ListAnalyticsPluginsResponseObject, error) {
	p := req.Params
	from, to, _, e := s.activityWindow(p.Date, p.StartingDate, p.EndingDate)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows, next, e := s.extensionRows("analytics/plugins", "plugin_name", from, to, p.Filters, values(p.GroupBy), p.OrderBy, p.Order, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsPluginActivityList{Data: make([]gen.AnalyticsPluginActivity, 0, len(rows)), NextPage: next}
	for _, r := range rows {
		it := gen.AnalyticsPluginActivity{
			PluginName: r.name, DistinctUserCount: int64(len(r.users)), InstallCount: int64(len(r.installers)), InvocationCount: r.invocations,
			ClaudeCodeMetrics: gen.AnalyticsPluginClaudeCodeMetrics{DistinctSessionPluginUsedCount: ptr(r.sessions["claude_code"])},
			CoworkMetrics:     gen.AnalyticsPluginCoworkMetrics{DistinctSessionPluginUsedCount: ptr(r.sessions["cowork"])},
		}
		if r.pluginID != "" {
			it.PluginID = ptr(r.pluginID)
		}
		it.Product, it.UserID, it.RBACGroupID, it.RBACGroupName = s.extensionCut(r)
		body.Data = append(body.Data, it)
	}
	return server.ListAnalyticsPlugins200JSONResponse{Body: body}, nil
}

// values returns the strings of enum values.
func values[S ~string](vs []S) []string {
	out := make([]string, len(vs))
	for i, v := range vs {
		out[i] = string(v)
	}
	return out
}

// btoi is 1 for true and 0 for false.
func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
