package admintest

import (
	"cmp"
	"context"
	"slices"
	"strconv"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// AnalyticsBeta is the anthropic-beta value that the Usage and Cost
// Analytics API (analytics/usage and analytics/cost) needs.
const AnalyticsBeta = "analytics-usage-cost-2026-08-24"

// analyticsEpoch is the earliest starting_at the Usage and Cost Analytics
// API accepts.
var analyticsEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// The analytics dimensions, in the order of admin.AnalyticsCostGroupByValues
// (the usage dimensions plus cost_type and token_type).
var analyticsDims = admin.AnalyticsCostGroupByValues()

// dimIndex maps a dimension name to its index in analyticsDims.
var dimIndex = func() map[string]int {
	m := make(map[string]int, len(analyticsDims))
	for i, d := range analyticsDims {
		m[string(d)] = i
	}
	return m
}()

// dim returns the index of the dimension named d.
func dim[S ~string](d S) int { return dimIndex[string(d)] }

// fact is one usage or cost record as the analytics endpoints see it: its
// time, its value of every dimension ("" is null) and its metrics.
type fact struct {
	t    time.Time
	dims []string

	uncached, output, cacheRead, cache1h, cache5m, webSearch, requests int64
	amount, listAmount                                                 int64 // millionths of a cent
}

// usageActorOf returns the actor type and ID of usage: the user, else the
// service account, else the API key, else none.
func usageActorOf(accountID, serviceAccountID, apiKeyID string) (typ, id string) {
	switch {
	case accountID != "":
		return string(gen.AnalyticsActorTypeUserActor), accountID
	case serviceAccountID != "":
		return string(gen.AnalyticsActorTypeServiceAccountActor), serviceAccountID
	case apiKeyID != "":
		return string(gen.AnalyticsActorTypeAPIActor), apiKeyID
	}
	return "", ""
}

// analyticsGeo is a record's inference geography as the analytics
// endpoints report it: not_available is null.
func analyticsGeo(g admin.UsageInferenceGeo) string {
	if g == gen.UsageInferenceGeoNotAvailable {
		return ""
	}
	return string(g)
}

// usageFacts returns the usage records in q's range as facts; the caller
// holds the state lock.
func (s *Server) usageFacts(q *analyticsQuery) []fact {
	recs := window(s.st.usage, func(r *UsageRecord) time.Time { return r.Time }, q.from, q.to)
	facts := make([]fact, len(recs))
	for i := range recs {
		facts[i] = s.usageFact(&recs[i])
	}
	return facts
}

// costFacts returns the cost records in q's range as facts; the caller
// holds the state lock.
func (s *Server) costFacts(q *analyticsQuery) []fact {
	recs := window(s.st.costs, func(r *CostRecord) time.Time { return r.Date }, q.from, q.to)
	facts := make([]fact, len(recs))
	for i := range recs {
		facts[i] = s.costFact(&recs[i])
	}
	return facts
}

// costFanOut returns the dimensions q splits each cost row into (cost
// type, token type), whose rows do not count toward the page's limit.
func costFanOut(q *analyticsQuery) []int {
	var fanOut []int
	for _, d := range []gen.AnalyticsCostGroupBy{gen.AnalyticsCostGroupByCostType, gen.AnalyticsCostGroupByTokenType} {
		if q.grouped[dim(d)] {
			fanOut = append(fanOut, dim(d))
		}
	}
	return fanOut
}

// usageFact returns a usage record as a fact.
func (s *Server) usageFact(r *UsageRecord) fact {
	d := make([]string, len(analyticsDims))
	d[dim(gen.AnalyticsCostGroupByActorType)], d[dim(gen.AnalyticsCostGroupByActor)] = usageActorOf(r.AccountID, r.ServiceAccountID, r.APIKeyID)
	d[dim(gen.AnalyticsCostGroupByAPIKeyID)] = r.APIKeyID
	d[dim(gen.AnalyticsCostGroupByContextWindow)] = string(r.ContextWindow)
	d[dim(gen.AnalyticsCostGroupByInferenceGeo)] = analyticsGeo(r.InferenceGeo)
	d[dim(gen.AnalyticsCostGroupByModel)] = r.Model
	d[dim(gen.AnalyticsCostGroupByProduct)] = r.Product
	d[dim(gen.AnalyticsCostGroupByServiceTier)] = string(r.ServiceTier)
	d[dim(gen.AnalyticsCostGroupBySpeed)] = string(r.Speed)
	d[dim(gen.AnalyticsCostGroupByUserProfileID)] = r.UserProfileID
	d[dim(gen.AnalyticsCostGroupByWorkspaceID)] = cmp.Or(r.WorkspaceID, s.st.defaultWorkspaceID)
	return fact{t: r.Time, dims: d, uncached: r.UncachedInputTokens, output: r.OutputTokens, cacheRead: r.CacheReadInputTokens,
		cache1h: r.CacheCreation1hInputTokens, cache5m: r.CacheCreation5mInputTokens, webSearch: r.WebSearchRequests, requests: max(r.Requests, 1)}
}

// costFact returns a cost record as a fact.
func (s *Server) costFact(r *CostRecord) fact {
	d := make([]string, len(analyticsDims))
	d[dim(gen.AnalyticsCostGroupByActorType)], d[dim(gen.AnalyticsCostGroupByActor)] = usageActorOf(r.AccountID, "", r.APIKeyID)
	d[dim(gen.AnalyticsCostGroupByAPIKeyID)] = r.APIKeyID
	d[dim(gen.AnalyticsCostGroupByContextWindow)] = string(r.ContextWindow)
	d[dim(gen.AnalyticsCostGroupByCostType)] = string(r.CostType)
	d[dim(gen.AnalyticsCostGroupByInferenceGeo)] = analyticsGeo(r.InferenceGeo)
	d[dim(gen.AnalyticsCostGroupByModel)] = r.Model
	d[dim(gen.AnalyticsCostGroupByProduct)] = r.Product
	d[dim(gen.AnalyticsCostGroupByServiceTier)] = string(r.ServiceTier)
	d[dim(gen.AnalyticsCostGroupByTokenType)] = string(r.TokenType)
	d[dim(gen.AnalyticsCostGroupByUserProfileID)] = r.UserProfileID
	d[dim(gen.AnalyticsCostGroupByWorkspaceID)] = cmp.Or(r.WorkspaceID, s.st.defaultWorkspaceID)
	return fact{t: r.Date, dims: d, requests: r.Requests, amount: r.amount, listAmount: r.listAmount}
}

// analyticsQuery is what the two endpoints share: the range, the bucket
// width, the grouped dimensions and the filters.
type analyticsQuery struct {
	from, to time.Time
	width    time.Duration // 0: one row per group for the whole range
	grouped  []bool        // by dimension index
	filters  []map[string]bool
	desc     bool
	limit    int
	offset   int
	kind     string

	excludeDeleted bool // leave out deleted users' rows
}

// analyticsFilters are the filter parameters of both endpoints.
type analyticsFilters struct {
	ActorIDs, AgentIDs, APIKeyIDs, ClaudeTagUserIDs, DeploymentIDs, EnvironmentIDs, Models   []string
	OrganizationIDs, RBACGroupIDs, SessionIDs, SlackChannelIDs, UserProfileIDs, WorkspaceIDs []string
	ActorTypes                                                                               []gen.AnalyticsActorType
	ClaudeTagCategories                                                                      []gen.AnalyticsClaudeTagCategory
	ContextWindows                                                                           []gen.ContextWindow
	InferenceGeos                                                                            []gen.UsageInferenceGeo
	Products                                                                                 []gen.AnalyticsProduct
	ServiceTiers                                                                             []gen.ServiceTier
	Speeds                                                                                   []gen.Speed
}

// newAnalyticsQuery checks the parameters the two endpoints share and
// returns the query, or a 400 for a range the service refuses.
func (s *Server) newAnalyticsQuery(kind string, startingAt time.Time, endingAt *time.Time, width *gen.AnalyticsTimeBucketWidth,
	groupBy []string, f analyticsFilters, excludeDeleted *bool, order *gen.AnalyticsSortOrder, limit *int, page *string) (*analyticsQuery, *apiError) {
	now := s.Now()
	start := startingAt.UTC()
	switch {
	case start.Before(analyticsEpoch):
		return nil, badRequest("starting_at: must not be earlier than 2026-01-01T00:00:00Z")
	case start.Before(now.AddDate(0, 0, -365)):
		return nil, badRequest("starting_at: must be within the last 365 days")
	case width != nil && endingAt == nil:
		return nil, badRequest("ending_at: is required when time_bucket_width is set")
	case len(groupBy) > 5:
		return nil, badRequest("group_by[]: at most 5 dimensions, got %d", len(groupBy))
	case excludeDeleted != nil && *excludeDeleted && !slices.Contains(groupBy, string(gen.AnalyticsCostGroupByActor)):
		return nil, badRequest("exclude_deleted_users: requires group_by[]=actor")
	}
	end := start.Add(31 * 24 * time.Hour)
	if now.Before(end) {
		end = now
	}
	if endingAt != nil {
		end = endingAt.UTC()
	}
	switch {
	case !end.After(start):
		return nil, badRequest("ending_at: must be after starting_at")
	case end.Sub(start) > 31*24*time.Hour:
		return nil, badRequest("ending_at: the range may span at most 31 days")
	case width != nil && *width == gen.AnalyticsTimeBucketWidthMinute && end.Sub(start) > 24*time.Hour:
		return nil, badRequest("ending_at: with time_bucket_width 1m the range may span at most 24 hours")
	}
	q := &analyticsQuery{kind: kind, grouped: make([]bool, len(analyticsDims)), filters: make([]map[string]bool, len(analyticsDims)),
		desc: order == nil || *order == gen.AnalyticsSortOrderDesc, limit: defaultLimit}
	if width != nil {
		q.width = map[gen.AnalyticsTimeBucketWidth]time.Duration{gen.AnalyticsTimeBucketWidthDay: 24 * time.Hour,
			gen.AnalyticsTimeBucketWidthHour: time.Hour, gen.AnalyticsTimeBucketWidthMinute: time.Minute}[*width]
		q.from, q.to = start.Truncate(q.width), ceilTime(end, q.width)
	} else {
		q.from, q.to = start.Truncate(time.Hour), end.Truncate(time.Hour)
	}
	for _, g := range groupBy {
		q.grouped[dim(g)] = true
	}
	if limit != nil {
		q.limit = *limit
	}
	var e *apiError
	if q.offset, e = pageOffset(kind, page); e != nil {
		return nil, e
	}
	geos := stringSet(f.InferenceGeos)
	if geos[string(gen.UsageInferenceGeoNotAvailable)] {
		geos[""] = true
	}
	for d, set := range map[gen.AnalyticsCostGroupBy]map[string]bool{
		gen.AnalyticsCostGroupByActor: stringSet(f.ActorIDs), gen.AnalyticsCostGroupByActorType: stringSet(f.ActorTypes),
		gen.AnalyticsCostGroupByAgentID: stringSet(f.AgentIDs), gen.AnalyticsCostGroupByAPIKeyID: stringSet(f.APIKeyIDs),
		gen.AnalyticsCostGroupByClaudeTagCategory: stringSet(f.ClaudeTagCategories), gen.AnalyticsCostGroupByClaudeTagUserID: stringSet(f.ClaudeTagUserIDs),
		gen.AnalyticsCostGroupByContextWindow: stringSet(f.ContextWindows), gen.AnalyticsCostGroupByDeploymentID: stringSet(f.DeploymentIDs),
		gen.AnalyticsCostGroupByEnvironmentID: stringSet(f.EnvironmentIDs), gen.AnalyticsCostGroupByInferenceGeo: geos,
		gen.AnalyticsCostGroupByModel: stringSet(f.Models), gen.AnalyticsCostGroupByOrganizationID: stringSet(f.OrganizationIDs),
		gen.AnalyticsCostGroupByProduct: stringSet(f.Products), gen.AnalyticsCostGroupByRBACGroupID: stringSet(f.RBACGroupIDs),
		gen.AnalyticsCostGroupByServiceTier: stringSet(f.ServiceTiers), gen.AnalyticsCostGroupBySessionID: stringSet(f.SessionIDs),
		gen.AnalyticsCostGroupBySlackChannelID: stringSet(f.SlackChannelIDs), gen.AnalyticsCostGroupBySpeed: stringSet(f.Speeds),
		gen.AnalyticsCostGroupByUserProfileID: stringSet(f.UserProfileIDs), gen.AnalyticsCostGroupByWorkspaceID: stringSet(f.WorkspaceIDs),
	} {
		q.filters[dim(d)] = set
	}
	if excludeDeleted != nil && *excludeDeleted {
		q.excludeDeleted = true
	}
	return q, nil
}

// analyticsRow is one row being built: its bucket, its key values and the
// summed metrics.
type analyticsRow struct {
	start time.Time
	key   []string
	sum   fact
	subs  map[string]*analyticsRow // cost_type/token_type fan-out rows
}

func (r *analyticsRow) add(f *fact) {
	r.sum.uncached += f.uncached
	r.sum.output += f.output
	r.sum.cacheRead += f.cacheRead
	r.sum.cache1h += f.cache1h
	r.sum.cache5m += f.cache5m
	r.sum.webSearch += f.webSearch
	r.sum.requests += f.requests
	r.sum.amount += f.amount
	r.sum.listAmount += f.listAmount
}

// totalTokens is every token of the row.
func (f *fact) totalTokens() int64 {
	return f.uncached + f.output + f.cacheRead + f.cache1h + f.cache5m
}

// rows groups the facts in the query's range that pass its filters. The
// dimensions in fanOut split each row into sub-rows instead of rows.
func (s *Server) analyticsRows(q *analyticsQuery, facts []fact, fanOut []int) []*analyticsRow {
	groups := map[string]*analyticsRow{}
	var order []string
	for i := range facts {
		f := &facts[i]
		if f.t.Before(q.from) || !f.t.Before(q.to) || !q.matches(f) || (q.excludeDeleted && s.deletedUserActor(f)) {
			continue
		}
		key := make([]string, len(analyticsDims))
		for d, on := range q.grouped {
			if on && !slices.Contains(fanOut, d) {
				key[d] = f.dims[d]
			}
		}
		if q.grouped[dim(gen.AnalyticsCostGroupByActor)] {
			// The actor's type is part of the actor; it is reported only
			// when actor_type is grouped as well.
			key[dim(gen.AnalyticsCostGroupByActorType)] = f.dims[dim(gen.AnalyticsCostGroupByActorType)]
		}
		start := q.from
		if q.width > 0 {
			start = f.t.Truncate(q.width)
		}
		k := start.Format(time.RFC3339) + "\x1f" + groupKey(key)
		r := groups[k]
		if r == nil {
			r = &analyticsRow{start: start, key: key}
			groups[k] = r
			order = append(order, k)
		}
		r.add(f)
		if len(fanOut) > 0 {
			sub := slices.Clone(key)
			for _, d := range fanOut {
				if q.grouped[d] {
					sub[d] = f.dims[d]
				}
			}
			sk := groupKey(sub)
			if r.subs == nil {
				r.subs = map[string]*analyticsRow{}
			}
			sr := r.subs[sk]
			if sr == nil {
				sr = &analyticsRow{start: start, key: sub}
				r.subs[sk] = sr
			}
			sr.add(f)
		}
	}
	out := make([]*analyticsRow, 0, len(order))
	for _, k := range order {
		out = append(out, groups[k])
	}
	if len(out) == 0 && q.width == 0 && !slices.Contains(q.grouped, true) {
		out = append(out, &analyticsRow{start: q.from, key: make([]string, len(analyticsDims))})
	}
	return out
}

// matches reports whether f passes every filter of q.
func (q *analyticsQuery) matches(f *fact) bool {
	for d, set := range q.filters {
		if set != nil && !set[f.dims[d]] {
			return false
		}
	}
	return true
}

// deletedUserActor reports whether f is attributed to a user who is no
// longer a member.
func (s *Server) deletedUserActor(f *fact) bool {
	if f.dims[dim(gen.AnalyticsCostGroupByActorType)] != string(gen.AnalyticsActorTypeUserActor) {
		return false
	}
	_, ok := s.st.users.get(f.dims[dim(gen.AnalyticsCostGroupByActor)])
	return !ok
}

// sortRows orders rows by metric in the query's direction; with
// byTime and a bucket width, by bucket in that direction first and then by
// metric, highest first. Ties keep a stable order by bucket and key.
func sortRows(q *analyticsQuery, rows []*analyticsRow, byTime bool, metric func(*analyticsRow) int64) {
	dir := func(c int) int {
		if q.desc {
			return -c
		}
		return c
	}
	slices.SortStableFunc(rows, func(a, b *analyticsRow) int {
		if byTime && q.width > 0 {
			if c := a.start.Compare(b.start); c != 0 {
				return dir(c)
			}
			if c := cmp.Compare(metric(b), metric(a)); c != 0 {
				return c
			}
		} else if c := dir(cmp.Compare(metric(a), metric(b))); c != 0 {
			return c
		}
		if c := a.start.Compare(b.start); c != 0 {
			return c
		}
		return cmp.Compare(groupKey(a.key), groupKey(b.key))
	})
}

// pageRows returns the rows of the query's page and the next page token.
func pageRows[R any](q *analyticsQuery, rows []R) ([]R, *string, *apiError) {
	if q.offset > 0 && q.offset >= len(rows) {
		return nil, nil, badRequest("page: the page token does not belong to this query")
	}
	end := min(q.offset+q.limit, len(rows))
	var next *string
	if end < len(rows) {
		next = pageToken(q.kind, strconv.Itoa(end))
	}
	return rows[q.offset:end], next, nil
}

// rowEnd is the exclusive end of a row's period.
func (q *analyticsQuery) rowEnd(r *analyticsRow) time.Time {
	if q.width > 0 {
		return r.start.Add(q.width)
	}
	return q.to
}

// actor renders the actor of a row key, or nil.
func (s *Server) analyticsActor(key []string) *gen.AnalyticsActor {
	typ, id := key[dim(gen.AnalyticsCostGroupByActorType)], key[dim(gen.AnalyticsCostGroupByActor)]
	if id == "" {
		return nil
	}
	a := &gen.AnalyticsActor{Type: gen.AnalyticsActorType(typ)}
	switch a.Type {
	case gen.AnalyticsActorTypeUserActor:
		a.UserID, a.Deleted = ptr(id), ptr(true)
		a.Name = ptr("Deleted User")
		if u, ok := s.st.users.get(id); ok {
			a.Deleted, a.EmailAddress, a.Name = ptr(false), ptr(u.Email), ptr(u.Name)
		}
	case gen.AnalyticsActorTypeServiceAccountActor:
		a.ServiceAccountID = ptr(id)
	default:
		a.APIKeyID = ptr(id)
	}
	return a
}

// keyValue returns a row key's value of dimension d as a JSON string or
// null.
func keyValue[T ~string, D ~string](key []string, d D) *T {
	v := key[dim(d)]
	if v == "" {
		return nil
	}
	t := T(v)
	return &t
}

// usageGroup renders the group of a usage row.
func (s *Server) usageGroup(q *analyticsQuery, key []string) gen.AnalyticsUsageGroup {
	g := gen.AnalyticsUsageGroup{
		AgentID:           keyValue[string](key, gen.AnalyticsCostGroupByAgentID),
		APIKeyID:          keyValue[string](key, gen.AnalyticsCostGroupByAPIKeyID),
		ClaudeTagCategory: keyValue[gen.AnalyticsClaudeTagCategory](key, gen.AnalyticsCostGroupByClaudeTagCategory),
		ClaudeTagUserID:   keyValue[string](key, gen.AnalyticsCostGroupByClaudeTagUserID),
		ContextWindow:     keyValue[gen.ContextWindow](key, gen.AnalyticsCostGroupByContextWindow),
		DeploymentID:      keyValue[string](key, gen.AnalyticsCostGroupByDeploymentID),
		EnvironmentID:     keyValue[string](key, gen.AnalyticsCostGroupByEnvironmentID),
		InferenceGeo:      keyValue[gen.UsageInferenceGeo](key, gen.AnalyticsCostGroupByInferenceGeo),
		Model:             keyValue[string](key, gen.AnalyticsCostGroupByModel),
		OrganizationID:    keyValue[string](key, gen.AnalyticsCostGroupByOrganizationID),
		Product:           keyValue[string](key, gen.AnalyticsCostGroupByProduct),
		RBACGroupID:       keyValue[string](key, gen.AnalyticsCostGroupByRBACGroupID),
		ServiceTier:       keyValue[gen.ServiceTier](key, gen.AnalyticsCostGroupByServiceTier),
		SessionID:         keyValue[string](key, gen.AnalyticsCostGroupBySessionID),
		SlackChannelID:    keyValue[string](key, gen.AnalyticsCostGroupBySlackChannelID),
		Speed:             keyValue[gen.Speed](key, gen.AnalyticsCostGroupBySpeed),
		UserProfileID:     keyValue[string](key, gen.AnalyticsCostGroupByUserProfileID),
		WorkspaceID:       keyValue[string](key, gen.AnalyticsCostGroupByWorkspaceID),
	}
	if q.grouped[dim(gen.AnalyticsCostGroupByActor)] {
		g.Actor = s.analyticsActor(key)
	}
	if q.grouped[dim(gen.AnalyticsCostGroupByActorType)] {
		g.ActorType = keyValue[gen.AnalyticsActorType](key, gen.AnalyticsCostGroupByActorType)
	}
	return g
}

func (s *api) ListAnalyticsUsage(ctx context.Context, req server.ListAnalyticsUsageRequestObject) (server.ListAnalyticsUsageResponseObject, error) {
	p := req.Params
	groupBy := values(p.GroupBy)
	q, e := s.newAnalyticsQuery("analytics/usage", p.StartingAt, p.EndingAt, p.TimeBucketWidth, groupBy, analyticsFilters{
		ActorIDs: p.ActorIDs, AgentIDs: p.AgentIDs, APIKeyIDs: p.APIKeyIDs, ClaudeTagUserIDs: p.ClaudeTagUserIDs,
		DeploymentIDs: p.DeploymentIDs, EnvironmentIDs: p.EnvironmentIDs, Models: p.Models, OrganizationIDs: p.OrganizationIDs,
		RBACGroupIDs: p.RBACGroupIDs, SessionIDs: p.SessionIDs, SlackChannelIDs: p.SlackChannelIDs, UserProfileIDs: p.UserProfileIDs,
		WorkspaceIDs: p.WorkspaceIDs, ActorTypes: p.ActorTypes, ClaudeTagCategories: p.ClaudeTagCategories,
		ContextWindows: p.ContextWindows, InferenceGeos: p.InferenceGeos, Products: p.Products, ServiceTiers: p.ServiceTiers, Speeds: p.Speeds,
	}, p.ExcludeDeletedUsers, p.Order, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows := s.analyticsRows(q, s.usageFacts(q), nil)
	orderBy := gen.AnalyticsUsageOrderByTotalTokens
	if p.OrderBy != nil {
		orderBy = *p.OrderBy
	}
	metric := map[gen.AnalyticsUsageOrderBy]func(*analyticsRow) int64{
		gen.AnalyticsUsageOrderByOutputTokens:        func(r *analyticsRow) int64 { return r.sum.output },
		gen.AnalyticsUsageOrderByRequests:            func(r *analyticsRow) int64 { return r.sum.requests },
		gen.AnalyticsUsageOrderByUncachedInputTokens: func(r *analyticsRow) int64 { return r.sum.uncached },
	}[orderBy]
	if metric == nil {
		metric = func(r *analyticsRow) int64 { return r.sum.totalTokens() }
	}
	sortRows(q, rows, orderBy == gen.AnalyticsUsageOrderByTime, metric)
	page, next, e := pageRows(q, rows)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsUsageReport{Data: make([]gen.AnalyticsUsageItem, 0, len(page)), HasMore: next != nil, NextPage: next, DataRefreshedAt: ptr(s.Now().Truncate(time.Minute))}
	for _, r := range page {
		body.Data = append(body.Data, gen.AnalyticsUsageItem{
			StartingAt: r.start, EndingAt: q.rowEnd(r), Group: s.usageGroup(q, r.key),
			Usage: gen.AnalyticsUsageMetrics{
				CacheCreation:        gen.CacheCreation{Ephemeral1HInputTokens: r.sum.cache1h, Ephemeral5MInputTokens: r.sum.cache5m},
				CacheReadInputTokens: r.sum.cacheRead, OutputTokens: r.sum.output, Requests: ptr(r.sum.requests),
				ServerToolUse: gen.ServerToolUse{WebSearchRequests: r.sum.webSearch},
				TotalTokens:   r.sum.totalTokens(), UncachedInputTokens: r.sum.uncached,
			},
		})
	}
	return server.ListAnalyticsUsage200JSONResponse{Body: body}, nil
}

func (s *api) ListAnalyticsCost(ctx context.Context, req server.ListAnalyticsCostRequestObject) (server.ListAnalyticsCostResponseObject, error) {
	p := req.Params
	groupBy := values(p.GroupBy)
	q, e := s.newAnalyticsQuery("analytics/cost", p.StartingAt, p.EndingAt, p.TimeBucketWidth, groupBy, analyticsFilters{
		ActorIDs: p.ActorIDs, AgentIDs: p.AgentIDs, APIKeyIDs: p.APIKeyIDs, ClaudeTagUserIDs: p.ClaudeTagUserIDs,
		DeploymentIDs: p.DeploymentIDs, EnvironmentIDs: p.EnvironmentIDs, Models: p.Models, OrganizationIDs: p.OrganizationIDs,
		RBACGroupIDs: p.RBACGroupIDs, SessionIDs: p.SessionIDs, SlackChannelIDs: p.SlackChannelIDs, UserProfileIDs: p.UserProfileIDs,
		WorkspaceIDs: p.WorkspaceIDs, ActorTypes: p.ActorTypes, ClaudeTagCategories: p.ClaudeTagCategories,
		ContextWindows: p.ContextWindows, InferenceGeos: p.InferenceGeos, Products: p.Products, ServiceTiers: p.ServiceTiers, Speeds: p.Speeds,
	}, p.ExcludeDeletedUsers, p.Order, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	fanOut := costFanOut(q)
	rows := s.analyticsRows(q, s.costFacts(q), fanOut)
	orderBy := gen.AnalyticsCostOrderByAmount
	if p.OrderBy != nil {
		orderBy = *p.OrderBy
	}
	metric := func(r *analyticsRow) int64 { return r.sum.amount }
	if orderBy == gen.AnalyticsCostOrderByListAmount {
		metric = func(r *analyticsRow) int64 { return r.sum.listAmount }
	}
	sortRows(q, rows, orderBy == gen.AnalyticsCostOrderByTime, metric)
	page, next, e := pageRows(q, rows)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsCostReport{Data: []gen.AnalyticsCostItem{}, HasMore: next != nil, NextPage: next, DataRefreshedAt: ptr(s.Now().Truncate(time.Minute))}
	item := func(r *analyticsRow) gen.AnalyticsCostItem {
		g := s.usageGroup(q, r.key)
		it := gen.AnalyticsCostItem{StartingAt: r.start, EndingAt: q.rowEnd(r), Group: gen.AnalyticsCostGroup{
			Actor: g.Actor, ActorType: g.ActorType, AgentID: g.AgentID, APIKeyID: g.APIKeyID, ClaudeTagCategory: g.ClaudeTagCategory,
			ClaudeTagUserID: g.ClaudeTagUserID, ContextWindow: g.ContextWindow, DeploymentID: g.DeploymentID, EnvironmentID: g.EnvironmentID,
			InferenceGeo: g.InferenceGeo, Model: g.Model, OrganizationID: g.OrganizationID, Product: g.Product, RBACGroupID: g.RBACGroupID,
			ServiceTier: g.ServiceTier, SessionID: g.SessionID, SlackChannelID: g.SlackChannelID, Speed: g.Speed,
			UserProfileID: g.UserProfileID, WorkspaceID: g.WorkspaceID,
			CostType:  keyValue[gen.CostType](r.key, gen.AnalyticsCostGroupByCostType),
			TokenType: keyValue[gen.TokenType](r.key, gen.AnalyticsCostGroupByTokenType),
		}, Cost: gen.AnalyticsCostMetrics{
			Amount: money.MustParseCents(formatAmount(r.sum.amount)), ListAmount: money.MustParseCents(formatAmount(r.sum.listAmount)),
			Currency: "USD",
		}}
		if len(fanOut) == 0 {
			it.Cost.Requests = ptr(r.sum.requests)
		}
		return it
	}
	for _, r := range page {
		if len(fanOut) == 0 {
			body.Data = append(body.Data, item(r))
			continue
		}
		subs := make([]*analyticsRow, 0, len(r.subs))
		for _, sr := range r.subs {
			subs = append(subs, sr)
		}
		sortRows(&analyticsQuery{desc: true}, subs, false, metric)
		for _, sr := range subs {
			body.Data = append(body.Data, item(sr))
		}
	}
	return server.ListAnalyticsCost200JSONResponse{Body: body}, nil
}
