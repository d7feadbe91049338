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
)

func (s *api) ListAnalyticsSkills(ctx context.Context, req server.ListAnalyticsSkillsRequestObject) (server.ListAnalyticsSkillsResponseObject, error) {
	p := req.Params
	from, to, rangeMode, e := s.activityWindow(p.Date, p.StartingDate, p.EndingDate)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	rows, next, e := s.extensionRows("analytics/skills", "skill_name", from, to, p.Filters, values(p.GroupBy), p.OrderBy, p.Order, p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	// enable_count is org-wide: null over a range and on any user, group
	// or product cut.
	scoped := rangeMode || len(p.GroupBy) > 0
	for _, f := range p.Filters {
		scoped = scoped || !strings.HasPrefix(f, "skill_name:") && !strings.HasPrefix(f, "share_status:")
	}
	body := gen.AnalyticsSkillActivityList{Data: make([]gen.AnalyticsSkillActivity, 0, len(rows)), NextPage: next}
	for _, r := range rows {
		it := gen.AnalyticsSkillActivity{
			SkillName: r.name, DistinctUserCount: int64(len(r.users)), InvocationCount: ptr(r.invocations),
			ChatMetrics:       gen.AnalyticsSkillChatMetrics{DistinctConversationSkillUsedCount: ptr(r.sessions["chat"])},
			ClaudeCodeMetrics: gen.AnalyticsSkillSessionMetrics{DistinctSessionSkillUsedCount: ptr(r.sessions["claude_code"])},
			CoworkMetrics:     gen.AnalyticsSkillSessionMetrics{DistinctSessionSkillUsedCount: ptr(r.sessions["cowork"])},
			OfficeMetrics: gen.AnalyticsSkillOfficeMetrics{
				Excel: gen.AnalyticsSkillSessionMetrics{DistinctSessionSkillUsedCount: ptr[int64](0)}, Outlook: gen.AnalyticsSkillSessionMetrics{DistinctSessionSkillUsedCount: ptr[int64](0)},
				Powerpoint: gen.AnalyticsSkillSessionMetrics{DistinctSessionSkillUsedCount: ptr[int64](0)}, Word: gen.AnalyticsSkillSessionMetrics{DistinctSessionSkillUsedCount: ptr[int64](0)},
			},
			Currency: ptr("USD"), EstimatedOverageSpend: ptr(r.overage),
		}
		// The list price covers Claude Code, Cowork and Office Agent
		// requests only: null without any.
		for product := range r.sessions {
			if product != "chat" {
				it.AttributedListPrice = ptr(r.listPrice)
			}
		}
		if !scoped {
			it.EnableCount = ptr(int64(len(r.installers)))
		}
		if r.shareStatus != "" {
			it.ShareStatus = ptr(gen.AnalyticsSkillShareStatus(r.shareStatus))
		}
		it.Product, it.UserID, it.RBACGroupID, it.RBACGroupName = s.extensionCut(r)
		body.Data = append(body.Data, it)
	}
	return server.ListAnalyticsSkills200JSONResponse{Body: body}, nil
}

// ChatProjectUseRecord is a member's use of one claude.ai chat project on
// one day, for [Server.AddChatProjectUse]; the analytics chat projects
// list reports them.
type ChatProjectUseRecord struct {
	// Date is the day (required; truncated to midnight UTC).
	Date time.Time
	// UserID is the member (required).
	UserID string
	// ProjectID is the project's tagged ID, claude_proj_... (required).
	ProjectID string
	// ProjectName is the project's name (required; the same in every
	// record of a project).
	ProjectName string
	// CreatedBy is the user who created the project, "" if unknown.
	CreatedBy string
	// CreatedAt is when the project was created, zero if unknown.
	CreatedAt time.Time
	// Conversations counts the member's conversations in the project that
	// day (default 1).
	Conversations int64
	// Messages counts the messages the member sent in the project that day.
	Messages int64
}

// AddChatProjectUse adds members' use of chat projects. A project's name
// and creator must agree across records.
func (s *Server) AddChatProjectUse(records ...ChatProjectUseRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	names := map[string]ChatProjectUseRecord{}
	for _, r := range s.st.chatProjectUse {
		names[r.ProjectID] = r
	}
	for i := range records {
		r := &records[i]
		switch {
		case r.Date.IsZero() || r.UserID == "" || r.ProjectName == "":
			return fmt.Errorf("admintest: chat project use %d: Date, UserID and ProjectName are required", i)
		case !strings.HasPrefix(r.ProjectID, "claude_proj_"):
			return fmt.Errorf("admintest: chat project use %d: ProjectID %q does not start with claude_proj_", i, r.ProjectID)
		}
		for _, uid := range []string{r.UserID, r.CreatedBy} {
			if _, ok := s.st.users.get(uid); uid != "" && !ok {
				return fmt.Errorf("admintest: chat project use %d: no user %q", i, uid)
			}
		}
		if prev, ok := names[r.ProjectID]; ok && (prev.ProjectName != r.ProjectName || prev.CreatedBy != r.CreatedBy || !prev.CreatedAt.Equal(r.CreatedAt)) {
			return fmt.Errorf("admintest: chat project use %d: project %s's name or creator differs from an earlier record", i, r.ProjectID)
		}
		r.Date = r.Date.UTC().Truncate(24 * time.Hour)
		r.Conversations = cmp.Or(r.Conversations, 1)
		names[r.ProjectID] = *r
	}
	s.st.chatProjectUse = append(s.st.chatProjectUse, records...)
	return nil
}

// projectRow is one row of the chat projects list being built.
type projectRow struct {
	first                   ChatProjectUseRecord // the project's name and creator
	userID, groupID         string
	users                   map[string]bool
	conversations, messages int64
}

// projectMetrics are the order_by metrics of the chat projects list.
var projectMetrics = map[string]func(*projectRow) int64{
	"distinct_user_count":         func(r *projectRow) int64 { return int64(len(r.users)) },
	"distinct_conversation_count": func(r *projectRow) int64 { return r.conversations },
	"message_count":               func(r *projectRow) int64 { return r.messages },
}

func (s *api) ListAnalyticsChatProjects(ctx context.Context, req server.ListAnalyticsChatProjectsRequestObject) (server.ListAnalyticsChatProjectsResponseObject, error) {
	p := req.Params
	from, to, _, e := s.activityWindow(p.Date, p.StartingDate, p.EndingDate)
	if e != nil {
		return nil, e
	}
	filters, e := activityFilters(p.Filters, "project_id", "rbac_group_id", "user_id")
	if e != nil {
		return nil, e
	}
	var metric func(*projectRow) int64
	if p.OrderBy != nil && *p.OrderBy != "" && *p.OrderBy != "project_id" {
		if metric = projectMetrics[*p.OrderBy]; metric == nil {
			return nil, badRequest("order_by: %q is not project_id or a rankable metric", *p.OrderBy)
		}
	}
	desc := metric != nil
	if p.Order != nil {
		desc = *p.Order == gen.AnalyticsSortOrderDesc
	}
	q := &analyticsQuery{kind: "analytics/apps/chat/projects", limit: 100}
	if p.Limit != nil {
		q.limit = *p.Limit
	}
	if q.offset, e = pageOffset(q.kind, p.Page); e != nil {
		return nil, e
	}
	groupBy := values(p.GroupBy)
	byGroup, byUser := slices.Contains(groupBy, "rbac_group_id"), slices.Contains(groupBy, "user_id")
	s.mu.RLock()
	defer s.mu.RUnlock()
	inGroups := s.groupMembersLocked(filters["rbac_group_id"])
	var userGroups map[string][]string
	if byGroup {
		userGroups = s.userGroupsLocked()
	}
	rows := map[string]*projectRow{}
	for _, r := range s.st.chatProjectUse {
		if r.Date.Before(from) || !r.Date.Before(to) ||
			(filters["project_id"] != nil && !filters["project_id"][r.ProjectID]) ||
			(filters["user_id"] != nil && !filters["user_id"][r.UserID]) ||
			(inGroups != nil && !inGroups[r.UserID]) {
			continue
		}
		for _, gid := range rowGroups(byGroup, userGroups, r.UserID) {
			row := &projectRow{first: r, groupID: gid}
			if byUser {
				row.userID = r.UserID
			}
			k := groupKey([]string{r.ProjectID, row.userID, gid})
			if rows[k] == nil {
				row.users = map[string]bool{}
				rows[k] = row
			}
			row = rows[k]
			row.users[r.UserID] = true
			row.conversations += r.Conversations
			row.messages += r.Messages
		}
	}
	all := make([]*projectRow, 0, len(rows))
	for _, r := range rows {
		all = append(all, r)
	}
	slices.SortFunc(all, func(a, b *projectRow) int {
		c := cmp.Or(cmp.Compare(a.first.ProjectID, b.first.ProjectID), cmp.Compare(a.userID, b.userID), cmp.Compare(a.groupID, b.groupID))
		if metric != nil {
			c = cmp.Or(cmp.Compare(metric(a), metric(b)), c)
		}
		if desc {
			return -c
		}
		return c
	})
	page, next, e := pageRows(q, all)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsProjectActivityList{Data: make([]gen.AnalyticsProjectActivity, 0, len(page)), NextPage: next}
	for _, r := range page {
		it := gen.AnalyticsProjectActivity{
			ProjectID: r.first.ProjectID, ProjectName: r.first.ProjectName,
			DistinctUserCount: int64(len(r.users)), DistinctConversationCount: ptr(r.conversations), MessageCount: r.messages,
		}
		if !r.first.CreatedAt.IsZero() {
			it.CreatedAt = ptr(r.first.CreatedAt.UTC())
		}
		if u, ok := s.st.users.get(r.first.CreatedBy); ok {
			it.CreatedBy = &gen.AnalyticsUser{ID: u.ID, EmailAddress: u.Email}
		}
		_, it.UserID, it.RBACGroupID, it.RBACGroupName = s.extensionCut(&extensionRow{userID: r.userID, groupID: r.groupID})
		body.Data = append(body.Data, it)
	}
	return server.ListAnalyticsChatProjects200JSONResponse{Body: body}, nil
}
