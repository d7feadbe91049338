package admintest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// ArtifactRecord is artifacts a member created on one day, for
// [Server.AddArtifacts]; the analytics artifacts list reports them.
type ArtifactRecord struct {
	// Date is the day (required; truncated to midnight UTC).
	Date time.Time
	// UserID is the member (required).
	UserID string
	// Type is the canonical MIME type, such as text/markdown, or other
	// (default text/html, as Claude Code and Cowork report).
	Type string
	// Product is where they were made: chat, claude_code or cowork (required).
	Product string
	// Shared says the artifacts have been shared; Published that they are
	// open to anyone with the link (published artifacts are shared).
	Shared, Published bool
	// Count is the number of artifacts (default 1).
	Count int64
}

// AddArtifacts adds artifacts members created.
func (s *Server) AddArtifacts(records ...ArtifactRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range records {
		r := &records[i]
		if r.Date.IsZero() || r.UserID == "" || r.Product == "" {
			return fmt.Errorf("admintest: artifact record %d: Date, UserID and Product are required", i)
		}
		if _, ok := s.st.users.get(r.UserID); !ok {
			return fmt.Errorf("admintest: artifact record %d: no user %q", i, r.UserID)
		}
		r.Date = r.Date.UTC().Truncate(24 * time.Hour)
		r.Type = cmp.Or(r.Type, "text/html")
		r.Count = cmp.Or(r.Count, 1)
		r.Shared = r.Shared || r.Published
	}
	s.st.artifacts = append(s.st.artifacts, records...)
	return nil
}

func (s *api) ListAnalyticsArtifacts(ctx context.Context, req server.ListAnalyticsArtifactsRequestObject) (server.ListAnalyticsArtifactsResponseObject, error) {
	p := req.Params
	day, e := activityDay("date", &p.Date, s.Now().Truncate(24*time.Hour).Add(-24*time.Hour))
	if e != nil {
		return nil, e
	}
	filters, e := activityFilters(p.Filters, "artifact_type", "is_shared", "product", "rbac_group_id", "user_id")
	if e != nil {
		return nil, e
	}
	groupBy := values(p.GroupBy)
	q := &analyticsQuery{kind: "analytics/artifacts", limit: 100}
	if len(groupBy) == 0 {
		if p.Page != nil && *p.Page != "" {
			return nil, badRequest("page: only valid with group_by[]; the ungrouped cube is never paginated")
		}
		q.limit = 1 << 30
	} else if p.Limit != nil {
		q.limit = *p.Limit
	}
	if q.offset, e = pageOffset(q.kind, p.Page); e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	inGroups := s.groupMembersLocked(filters["rbac_group_id"])
	var userGroups map[string][]string
	if slices.Contains(groupBy, "rbac_group_id") {
		userGroups = s.userGroupsLocked()
	}
	type row struct {
		gen.AnalyticsArtifactActivity
		key   string
		users map[string]bool
	}
	rows := map[string]*row{}
	for _, r := range s.st.artifacts {
		shared := strconv.FormatBool(r.Shared)
		if !r.Date.Equal(day) || (filters["artifact_type"] != nil && !filters["artifact_type"][r.Type]) ||
			(filters["is_shared"] != nil && !filters["is_shared"][shared]) || (filters["product"] != nil && !filters["product"][r.Product]) ||
			(filters["user_id"] != nil && !filters["user_id"][r.UserID]) || (inGroups != nil && !inGroups[r.UserID]) {
			continue
		}
		for _, gid := range rowGroups(slices.Contains(groupBy, "rbac_group_id"), userGroups, r.UserID) {
			it := gen.AnalyticsArtifactActivity{ArtifactType: r.Type, IsShared: r.Shared}
			if slices.Contains(groupBy, "product") {
				it.Product = ptr(r.Product)
			}
			if slices.Contains(groupBy, "user_id") {
				it.UserID = ptr(r.UserID)
			}
			if gid != "" {
				g, _ := s.st.gov.rbacGroups.get(gid)
				it.RBACGroupID, it.RBACGroupName = ptr(gid), ptr(g.Name)
			}
			k := groupKey([]string{r.Type, shared, valueOr(it.Product), valueOr(it.UserID), gid})
			if rows[k] == nil {
				rows[k] = &row{AnalyticsArtifactActivity: it, key: k, users: map[string]bool{}}
			}
			rw := rows[k]
			rw.users[r.UserID] = true
			rw.ArtifactsCreatedCount += r.Count
			if r.Published {
				rw.PublishedArtifactsCreatedCount += r.Count
			}
		}
	}
	out := make([]*row, 0, len(rows))
	for _, r := range rows {
		r.DistinctUserCount = int64(len(r.users))
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *row) int { return cmp.Compare(a.key, b.key) })
	page, next, e := pageRows(q, out)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsArtifactActivityList{Data: make([]gen.AnalyticsArtifactActivity, 0, len(page)), NextPage: next}
	for _, r := range page {
		body.Data = append(body.Data, r.AnalyticsArtifactActivity)
	}
	return server.ListAnalyticsArtifacts200JSONResponse{Body: body}, nil
}

// valueOr returns *p, or the zero value for nil.
func valueOr[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}
