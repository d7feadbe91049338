package admintest

import (
	"context"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// userReportQuery builds the query of a per-user report: the analytics
// query of the shared parameters, grouped by actor and the given
// dimensions, restricted to usage attributed to users.
func (s *Server) userReportQuery(kind string, startingAt time.Time, endingAt *time.Time, width *gen.AnalyticsTimeBucketWidth, groupBy []string,
	userIDs []string, f analyticsFilters, products []gen.AnalyticsUserReportProduct, excludeDeleted *bool, order *gen.AnalyticsSortOrder,
	limit *int, page *string) (*analyticsQuery, *apiError) {
	for _, p := range products {
		// This report spells Claude Tag claude-tag; records use claude_tag.
		f.Products = append(f.Products, gen.AnalyticsProduct(strings.ReplaceAll(string(p), "-", "_")))
	}
	f.ActorIDs = userIDs
	f.ActorTypes = []gen.AnalyticsActorType{gen.AnalyticsActorTypeUserActor}
	q, e := s.newAnalyticsQuery(kind, startingAt, endingAt, width, nil, f, nil, order, limit, page)
	if e != nil {
		return nil, e
	}
	q.grouped[dim(gen.AnalyticsCostGroupByActor)] = true
	for _, g := range groupBy {
		q.grouped[dim(g)] = true
	}
	q.excludeDeleted = excludeDeleted != nil && *excludeDeleted
	return q, nil
}

// userRowTimes returns a per-user row's bucket bounds, or nulls without a
// bucket width.
func (q *analyticsQuery) userRowTimes(r *analyticsRow) (*time.Time, *time.Time) {
	if q.width == 0 {
		return nil, nil
	}
	return ptr(r.start), ptr(r.start.Add(q.width))
}

func (s *api) ListAnalyticsUserUsage(ctx context.Context, req server.ListAnalyticsUserUsageRequestObject) (server.ListAnalyticsUserUsageResponseObject, error) {
	p := req.Params
	groupBy := values(p.GroupBy)
	q, e := s.userReportQuery("analytics/user-usage", p.StartingAt, p.EndingAt, p.BucketWidth, groupBy, p.UserIDs, analyticsFilters{
		ClaudeTagCategories: p.ClaudeTagCategories, ClaudeTagUserIDs: p.ClaudeTagUserIDs, ContextWindows: p.ContextWindows,
		InferenceGeos: p.InferenceGeos, Models: p.Models, RBACGroupIDs: p.RBACGroupIDs, SlackChannelIDs: p.SlackChannelIDs, Speeds: p.Speeds,
	}, p.Products, p.ExcludeDeletedUsers, p.Order, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows := s.analyticsRows(q, s.usageFacts(q), nil)
	metric := func(r *analyticsRow) int64 { return r.sum.totalTokens() }
	if p.OrderBy != nil {
		switch *p.OrderBy {
		case gen.AnalyticsUserUsageOrderByOutputTokens:
			metric = func(r *analyticsRow) int64 { return r.sum.output }
		case gen.AnalyticsUserUsageOrderByRequests:
			metric = func(r *analyticsRow) int64 { return r.sum.requests }
		case gen.AnalyticsUserUsageOrderByUncachedInputTokens:
			metric = func(r *analyticsRow) int64 { return r.sum.uncached }
		}
	}
	sortRows(q, rows, false, metric)
	page, next, e := pageRows(q, rows)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsUserUsageReport{Data: make([]gen.AnalyticsUserUsageItem, 0, len(page)), HasMore: next != nil, NextPage: next, DataRefreshedAt: ptr(s.Now().Truncate(time.Minute))}
	for _, r := range page {
		g := s.usageGroup(q, r.key)
		start, end := q.userRowTimes(r)
		body.Data = append(body.Data, gen.AnalyticsUserUsageItem{
			Actor: *s.analyticsActor(r.key), StartingAt: start, EndingAt: end,
			CacheCreation:        gen.CacheCreation{Ephemeral1HInputTokens: r.sum.cache1h, Ephemeral5MInputTokens: r.sum.cache5m},
			CacheReadInputTokens: r.sum.cacheRead, OutputTokens: r.sum.output, Requests: ptr(r.sum.requests),
			ServerToolUse: gen.ServerToolUse{WebSearchRequests: r.sum.webSearch}, TotalTokens: r.sum.totalTokens(), UncachedInputTokens: r.sum.uncached,
			ClaudeTagCategory: g.ClaudeTagCategory, ClaudeTagUserID: g.ClaudeTagUserID, ContextWindow: g.ContextWindow, InferenceGeo: g.InferenceGeo,
			Model: g.Model, Product: g.Product, RBACGroupID: g.RBACGroupID, SlackChannelID: g.SlackChannelID, Speed: g.Speed,
		})
	}
	return server.ListAnalyticsUserUsage200JSONResponse{Body: body}, nil
}

func (s *api) ListAnalyticsUserCost(ctx context.Context, req server.ListAnalyticsUserCostRequestObject) (server.ListAnalyticsUserCostResponseObject, error) {
	p := req.Params
	groupBy := make([]string, len(p.GroupBy))
	for i, g := range p.GroupBy {
		groupBy[i] = string(g)
		if g == gen.AnalyticsUserCostGroupByTokenType {
			// Token-type rows carry their cost type too.
			groupBy = append(groupBy, string(gen.AnalyticsUserCostGroupByCostType))
		}
	}
	q, e := s.userReportQuery("analytics/user-cost", p.StartingAt, p.EndingAt, p.BucketWidth, groupBy, p.UserIDs, analyticsFilters{
		ClaudeTagCategories: p.ClaudeTagCategories, ClaudeTagUserIDs: p.ClaudeTagUserIDs, ContextWindows: p.ContextWindows,
		InferenceGeos: p.InferenceGeos, Models: p.Models, RBACGroupIDs: p.RBACGroupIDs, SlackChannelIDs: p.SlackChannelIDs, Speeds: p.Speeds,
	}, p.Products, p.ExcludeDeletedUsers, p.Order, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	fanOut := costFanOut(q)
	rows := s.analyticsRows(q, s.costFacts(q), fanOut)
	metric := func(r *analyticsRow) int64 { return r.sum.amount }
	if p.OrderBy != nil && *p.OrderBy == gen.AnalyticsUserCostOrderByListAmount {
		metric = func(r *analyticsRow) int64 { return r.sum.listAmount }
	}
	sortRows(q, rows, false, metric)
	page, next, e := pageRows(q, rows)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsUserCostReport{Data: []gen.AnalyticsUserCostItem{}, HasMore: next != nil, NextPage: next, DataRefreshedAt: ptr(s.Now().Truncate(time.Minute))}
	item := func(r *analyticsRow) gen.AnalyticsUserCostItem {
		g := s.usageGroup(q, r.key)
		start, end := q.userRowTimes(r)
		it := gen.AnalyticsUserCostItem{
			Actor: *s.analyticsActor(r.key), StartingAt: start, EndingAt: end, Currency: "USD",
			Amount: money.MustParseCents(formatAmount(r.sum.amount)), ListAmount: money.MustParseCents(formatAmount(r.sum.listAmount)),
			CostType:          keyValue[gen.CostType](r.key, gen.AnalyticsCostGroupByCostType),
			TokenType:         keyValue[gen.TokenType](r.key, gen.AnalyticsCostGroupByTokenType),
			ClaudeTagCategory: g.ClaudeTagCategory, ClaudeTagUserID: g.ClaudeTagUserID, ContextWindow: g.ContextWindow, InferenceGeo: g.InferenceGeo,
			Model: g.Model, Product: g.Product, RBACGroupID: g.RBACGroupID, SlackChannelID: g.SlackChannelID, Speed: g.Speed,
		}
		if len(fanOut) == 0 {
			it.Requests = ptr(r.sum.requests)
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
	return server.ListAnalyticsUserCost200JSONResponse{Body: body}, nil
}
