package admintest

import (
	"context"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// FastModeBeta is the anthropic-beta value that the speed dimension of the
// usage report needs.
const FastModeBeta = "fast-mode-2026-02-01"

// bucketWidth is a report bucket width with its page-size limits.
type bucketWidth struct {
	name     string
	d        time.Duration
	def, max int
}

var usageWidths = map[gen.UsageBucketWidth]bucketWidth{
	gen.UsageBucketWidthDay:    {"1d", 24 * time.Hour, 7, 31},
	gen.UsageBucketWidthHour:   {"1h", time.Hour, 24, 168},
	gen.UsageBucketWidthMinute: {"1m", time.Minute, 60, 1440},
}

var costWidth = bucketWidth{"1d", 24 * time.Hour, 7, 31}

// ceilTime rounds t up to a multiple of d (UTC).
func ceilTime(t time.Time, d time.Duration) time.Time {
	f := t.Truncate(d)
	if f.Before(t) {
		f = f.Add(d)
	}
	return f
}

// bucketPage selects the time buckets of one report page: from starting_at
// (snapped down to the bucket width) or the page token, up to limit buckets
// that start before ending_at (or now, when it is absent).
func (s *Server) bucketPage(kind string, w bucketWidth, startingAt time.Time, endingAt *time.Time, limit *int, page *string) (starts []time.Time, next *string, e *apiError) {
	n := w.def
	if limit != nil {
		n = *limit
	}
	if n < 1 || n > w.max {
		return nil, nil, badRequest("limit: must be between 1 and %d for bucket_width %s", w.max, w.name)
	}
	start := startingAt.UTC().Truncate(w.d)
	var end time.Time
	if endingAt != nil {
		if !endingAt.After(startingAt) {
			return nil, nil, badRequest("ending_at: must be after starting_at")
		}
		end = ceilTime(endingAt.UTC(), w.d)
	} else {
		end = ceilTime(s.Now(), w.d)
	}
	cur := start
	pos, e := parsePageToken(kind, page)
	if e != nil {
		return nil, nil, e
	}
	if pos != "" {
		sec, err := strconv.ParseInt(pos, 10, 64)
		t := time.Unix(sec, 0).UTC()
		if err != nil || t.Before(start) || !t.Before(end) || !t.Truncate(w.d).Equal(t) {
			return nil, nil, badRequest("page: the page token does not belong to this query")
		}
		cur = t
	}
	for ; cur.Before(end) && len(starts) < n; cur = cur.Add(w.d) {
		starts = append(starts, cur)
	}
	if cur.Before(end) {
		next = pageToken(kind, strconv.FormatInt(cur.Unix(), 10))
	}
	return starts, next, nil
}

// window returns the records of a time-sorted slice in [from, to).
func window[T any](recs []T, at func(*T) time.Time, from, to time.Time) []T {
	i := sort.Search(len(recs), func(i int) bool { return !at(&recs[i]).Before(from) })
	j := sort.Search(len(recs), func(i int) bool { return !at(&recs[i]).Before(to) })
	return recs[i:j]
}

// usageDims lists the usage report's dimensions in group_by order.
var usageDims = []gen.MessagesUsageGroupBy{
	gen.MessagesUsageGroupByAPIKeyID, gen.MessagesUsageGroupByWorkspaceID, gen.MessagesUsageGroupByModel,
	gen.MessagesUsageGroupByServiceTier, gen.MessagesUsageGroupByContextWindow, gen.MessagesUsageGroupByInferenceGeo,
	gen.MessagesUsageGroupBySpeed, gen.MessagesUsageGroupByAccountID, gen.MessagesUsageGroupByServiceAccountID,
}

// dims returns the record's value of every dimension, in usageDims order.
func (r *UsageRecord) dims() [9]string {
	return [9]string{r.APIKeyID, r.WorkspaceID, r.Model, string(r.ServiceTier), string(r.ContextWindow),
		string(r.InferenceGeo), string(r.Speed), r.AccountID, r.ServiceAccountID}
}

func hasBeta(ctx context.Context, beta string) bool {
	info := infoFrom(ctx)
	if info == nil {
		return false
	}
	for _, b := range strings.Split(info.beta, ",") {
		if strings.TrimSpace(b) == beta {
			return true
		}
	}
	return false
}

func (s *api) GetMessagesUsageReport(ctx context.Context, req server.GetMessagesUsageReportRequestObject) (server.GetMessagesUsageReportResponseObject, error) {
	p := req.Params
	wname := gen.UsageBucketWidthDay
	if p.BucketWidth != nil {
		wname = *p.BucketWidth
	}
	w := usageWidths[wname]
	if (len(p.Speeds) > 0 || slices.Contains(p.GroupBy, gen.MessagesUsageGroupBySpeed)) && !hasBeta(ctx, FastModeBeta) {
		return nil, badRequest("speed: needs the header anthropic-beta: %s", FastModeBeta)
	}
	starts, next, e := s.bucketPage("usage/"+w.name, w, p.StartingAt, p.EndingAt, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	var grouped [9]bool
	for i, d := range usageDims {
		grouped[i] = slices.Contains(p.GroupBy, d)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	filters := [9]map[string]bool{
		stringSet(p.APIKeyIDs), s.workspaceFilter(p.WorkspaceIDs), stringSet(p.Models), stringSet(p.ServiceTiers),
		stringSet(p.ContextWindows), stringSet(p.InferenceGeos), stringSet(p.Speeds), stringSet(p.AccountIDs), stringSet(p.ServiceAccountIDs),
	}
	body := gen.MessagesUsageReport{Data: make([]gen.MessagesUsageTimeBucket, 0, len(starts)), HasMore: next != nil, NextPage: next}
	for _, b := range starts {
		groups := map[string]*gen.MessagesUsageResult{}
		for _, r := range window(s.st.usage, func(r *UsageRecord) time.Time { return r.Time }, b, b.Add(w.d)) {
			vals := r.dims()
			var key [9]string
			skip := false
			for i, v := range vals {
				if filters[i] != nil && !filters[i][v] {
					skip = true
					break
				}
				if grouped[i] {
					key[i] = v
				}
			}
			if skip {
				continue
			}
			k := groupKey(key[:])
			g := groups[k]
			if g == nil {
				g = usageResult(key, grouped)
				groups[k] = g
			}
			g.UncachedInputTokens += r.UncachedInputTokens
			g.OutputTokens += r.OutputTokens
			g.CacheReadInputTokens += r.CacheReadInputTokens
			g.CacheCreation.Ephemeral1HInputTokens += r.CacheCreation1hInputTokens
			g.CacheCreation.Ephemeral5MInputTokens += r.CacheCreation5mInputTokens
			g.ServerToolUse.WebSearchRequests += r.WebSearchRequests
		}
		body.Data = append(body.Data, gen.MessagesUsageTimeBucket{StartingAt: b, EndingAt: b.Add(w.d), Results: sortedResults(groups)})
	}
	return server.GetMessagesUsageReport200JSONResponse{Body: body}, nil
}

// workspaceFilter is the set of workspace IDs of the workspace_ids[] filter
// as records store them: the default workspace is "".
func (s *Server) workspaceFilter(ids []string) map[string]bool {
	m := stringSet(ids)
	if m[s.st.defaultWorkspaceID] {
		m[""] = true
	}
	return m
}

// sortedResults returns the groups ordered by their key.
func sortedResults[R any](groups map[string]*R) []R {
	out := make([]R, 0, len(groups))
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		out = append(out, *groups[k])
	}
	return out
}

// groupKey joins the grouped dimension values into a map key.
func groupKey(vals []string) string { return strings.Join(vals, "\x1f") }

// usageResult is an empty result of a group: the grouped dimensions set
// (null when the record has no value), the others absent or null.
func usageResult(key [9]string, grouped [9]bool) *gen.MessagesUsageResult {
	str := func(i int) *string {
		if !grouped[i] || key[i] == "" {
			return nil
		}
		return ptr(key[i])
	}
	r := &gen.MessagesUsageResult{APIKeyID: str(0), WorkspaceID: str(1), Model: str(2), AccountID: str(7), ServiceAccountID: str(8)}
	if v := str(3); v != nil {
		r.ServiceTier = ptr(gen.ServiceTier(*v))
	}
	if v := str(4); v != nil {
		r.ContextWindow = ptr(gen.ContextWindow(*v))
	}
	if v := str(5); v != nil {
		r.InferenceGeo = ptr(gen.UsageInferenceGeo(*v))
	}
	if v := str(6); v != nil {
		r.Speed = ptr(gen.Speed(*v))
	}
	return r
}

func (s *api) GetCostReport(ctx context.Context, req server.GetCostReportRequestObject) (server.GetCostReportResponseObject, error) {
	p := req.Params
	starts, next, e := s.bucketPage("cost", costWidth, p.StartingAt, p.EndingAt, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	byWorkspace := slices.Contains(p.GroupBy, gen.CostGroupByWorkspaceID)
	byDescription := slices.Contains(p.GroupBy, gen.CostGroupByDescription)
	s.mu.RLock()
	defer s.mu.RUnlock()
	body := gen.CostReport{Data: make([]gen.CostTimeBucket, 0, len(starts)), HasMore: next != nil, NextPage: next}
	for _, b := range starts {
		type agg struct {
			res   gen.CostResult
			total int64
		}
		groups := map[string]*agg{}
		for _, r := range window(s.st.costs, func(r *CostRecord) time.Time { return r.Date }, b, b.Add(costWidth.d)) {
			var key [8]string
			if byWorkspace {
				key[0] = r.WorkspaceID
			}
			if byDescription {
				key[1], key[2], key[3], key[4] = r.Description, string(r.CostType), r.Model, string(r.ServiceTier)
				key[5], key[6], key[7] = string(r.ContextWindow), string(r.TokenType), string(r.InferenceGeo)
			}
			k := groupKey(key[:])
			g := groups[k]
			if g == nil {
				g = &agg{res: costResult(key, byWorkspace, byDescription)}
				groups[k] = g
			}
			g.total += r.amount
		}
		results := map[string]*gen.CostResult{}
		for k, g := range groups {
			g.res.Amount = money.MustParseCents(formatAmount(g.total))
			results[k] = &g.res
		}
		body.Data = append(body.Data, gen.CostTimeBucket{StartingAt: b, EndingAt: b.Add(costWidth.d), Results: sortedResults(results)})
	}
	return server.GetCostReport200JSONResponse{Body: body}, nil
}

// costResult is an empty cost result of a group; the description fields are
// set only when grouping by description, workspace_id only when grouping by
// workspace.
func costResult(key [8]string, byWorkspace, byDescription bool) gen.CostResult {
	opt := func(v string) *string {
		if v == "" {
			return nil
		}
		return ptr(v)
	}
	r := gen.CostResult{Currency: "USD"}
	if byWorkspace {
		r.WorkspaceID = opt(key[0])
	}
	if byDescription {
		r.Description, r.Model = opt(key[1]), opt(key[3])
		if key[2] != "" {
			r.CostType = ptr(gen.CostType(key[2]))
		}
		if key[4] != "" {
			r.ServiceTier = ptr(gen.CostServiceTier(key[4]))
		}
		if key[5] != "" {
			r.ContextWindow = ptr(gen.ContextWindow(key[5]))
		}
		if key[6] != "" {
			r.TokenType = ptr(gen.TokenType(key[6]))
		}
		if key[7] != "" {
			r.InferenceGeo = ptr(gen.UsageInferenceGeo(key[7]))
		}
	}
	return r
}

func (s *api) GetClaudeCodeUsageReport(ctx context.Context, req server.GetClaudeCodeUsageReportRequestObject) (server.GetClaudeCodeUsageReportResponseObject, error) {
	day := req.Params.StartingAt.Format("2006-01-02")
	kind := "claude-code/" + day
	pos, e := parsePageToken(kind, req.Params.Page)
	if e != nil {
		return nil, e
	}
	var after uint64
	if pos != "" {
		var err error
		if after, err = strconv.ParseUint(pos, 10, 64); err != nil {
			return nil, badRequest("page: invalid page token")
		}
	}
	limit := defaultLimit
	if req.Params.Limit != nil {
		limit = *req.Params.Limit
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	recs := s.st.claudeCode[day]
	i := sort.Search(len(recs), func(i int) bool { return recs[i].seq > after })
	body := gen.ClaudeCodeUsageReport{Data: []gen.ClaudeCodeUsageRecord{}}
	for ; i < len(recs) && len(body.Data) < limit; i++ {
		body.Data = append(body.Data, recs[i].rec)
	}
	if i < len(recs) {
		body.HasMore = true
		body.NextPage = pageToken(kind, strconv.FormatUint(recs[i-1].seq, 10))
	}
	return server.GetClaudeCodeUsageReport200JSONResponse{Body: body}, nil
}
