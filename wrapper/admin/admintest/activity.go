package admintest

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// UserActivityRecord is one member's activity on one day in the Claude
// products other than Claude Code, for [Server.AddUserActivity]. The analytics
// activity endpoints (analytics/users and analytics/summaries) report it
// together with the member's Claude Code activity, which they take from
// the Claude Code usage report's records (matched by email address).
type UserActivityRecord struct {
	// Date is the day (required; truncated to midnight UTC).
	Date time.Time
	// UserID is the member (required).
	UserID string
	// ChatMessages, ChatConversations and ChatThinkingMessages count the
	// member's claude.ai chat activity.
	ChatMessages, ChatConversations, ChatThinkingMessages int64
	// CoworkMessages and CoworkSessions count Cowork activity.
	CoworkMessages, CoworkSessions int64
	// DesignMessages and DesignSessions count Claude Design activity.
	DesignMessages, DesignSessions int64
	// WebSearches counts web searches.
	WebSearches int64
}

// AddUserActivity adds members' daily activity records.
func (s *Server) AddUserActivity(records ...UserActivityRecord) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := range records {
		r := &records[i]
		if r.Date.IsZero() || r.UserID == "" {
			return fmt.Errorf("admintest: activity record %d: Date and UserID are required", i)
		}
		if _, ok := s.st.users.get(r.UserID); !ok {
			return fmt.Errorf("admintest: activity record %d: no user %q", i, r.UserID)
		}
		r.Date = r.Date.UTC().Truncate(24 * time.Hour)
	}
	s.st.activity = append(s.st.activity, records...)
	return nil
}

// dayActivity is a member's summed activity over one day or a range.
type dayActivity struct {
	chatMessages, chatConversations, chatThinking    int64
	coworkMessages, coworkSessions                   int64
	designMessages, designSessions                   int64
	webSearches                                      int64
	ccSessions, ccAdded, ccRemoved, ccCommits, ccPRs int64
	ccTools                                          map[string]gen.ToolActionCounts
	last                                             time.Time // latest active day
}

func (a *dayActivity) add(b *dayActivity) {
	a.chatMessages += b.chatMessages
	a.chatConversations += b.chatConversations
	a.chatThinking += b.chatThinking
	a.coworkMessages += b.coworkMessages
	a.coworkSessions += b.coworkSessions
	a.designMessages += b.designMessages
	a.designSessions += b.designSessions
	a.webSearches += b.webSearches
	a.ccSessions += b.ccSessions
	a.ccAdded += b.ccAdded
	a.ccRemoved += b.ccRemoved
	a.ccCommits += b.ccCommits
	a.ccPRs += b.ccPRs
	for k, v := range b.ccTools {
		if a.ccTools == nil {
			a.ccTools = map[string]gen.ToolActionCounts{}
		}
		t := a.ccTools[k]
		t.Accepted += v.Accepted
		t.Rejected += v.Rejected
		a.ccTools[k] = t
	}
	if b.last.After(a.last) {
		a.last = b.last
	}
}

func (a *dayActivity) chat() bool   { return a.chatMessages > 0 }
func (a *dayActivity) code() bool   { return a.ccSessions > 0 }
func (a *dayActivity) cowork() bool { return a.coworkMessages > 0 || a.coworkSessions > 0 }
func (a *dayActivity) design() bool { return a.designMessages > 0 }
func (a *dayActivity) active() bool { return a.chat() || a.code() || a.cowork() || a.design() }

// activityByDay returns every member's activity per day in [from, to):
// day -> user ID -> activity. Claude Code records count for the member
// with the actor's email address.
func (s *Server) activityByDay(from, to time.Time) map[time.Time]map[string]*dayActivity {
	out := map[time.Time]map[string]*dayActivity{}
	at := func(day time.Time, uid string) *dayActivity {
		m := out[day]
		if m == nil {
			m = map[string]*dayActivity{}
			out[day] = m
		}
		a := m[uid]
		if a == nil {
			a = &dayActivity{}
			m[uid] = a
		}
		return a
	}
	for _, r := range s.st.activity {
		if r.Date.Before(from) || !r.Date.Before(to) {
			continue
		}
		at(r.Date, r.UserID).add(&dayActivity{chatMessages: r.ChatMessages, chatConversations: r.ChatConversations, chatThinking: r.ChatThinkingMessages,
			coworkMessages: r.CoworkMessages, coworkSessions: r.CoworkSessions, designMessages: r.DesignMessages, designSessions: r.DesignSessions,
			webSearches: r.WebSearches, last: r.Date})
	}
	for d := from; d.Before(to); d = d.Add(24 * time.Hour) {
		for _, cr := range s.st.claudeCode[d.Format(time.DateOnly)] {
			r := cr.rec
			if r.Actor.EmailAddress == nil {
				continue
			}
			uid, ok := s.st.emails[normEmail(*r.Actor.EmailAddress)]
			if !ok {
				continue
			}
			at(d, uid).add(&dayActivity{ccSessions: r.CoreMetrics.NumSessions, ccAdded: r.CoreMetrics.LinesOfCode.Added,
				ccRemoved: r.CoreMetrics.LinesOfCode.Removed, ccCommits: r.CoreMetrics.CommitsByClaudeCode,
				ccPRs: r.CoreMetrics.PullRequestsByClaudeCode, ccTools: r.ToolActions, last: d})
		}
	}
	return out
}

// activityDay parses a date parameter: a UTC day no earlier than
// 2026-01-01 and, when latest is set, no later than latest.
func activityDay(name string, d *openapi_types.Date, latest time.Time) (time.Time, *apiError) {
	t := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	if t.Before(analyticsEpoch) {
		return t, badRequest("%s: must not be earlier than 2026-01-01", name)
	}
	if !latest.IsZero() && t.After(latest) {
		return t, badRequest("%s: no data yet for %s; the latest available day is %s", name, t.Format(time.DateOnly), latest.Format(time.DateOnly))
	}
	return t, nil
}

// activityWindow returns the days of the date, or starting_date and
// ending_date, parameters of an activity list: [from, to) and whether it
// is a range. The latest day with data is yesterday.
func (s *Server) activityWindow(date, start, end *openapi_types.Date) (from, to time.Time, rangeMode bool, e *apiError) {
	today := s.Now().Truncate(24 * time.Hour)
	latest := today.Add(-24 * time.Hour)
	switch {
	case date != nil && start != nil:
		return from, to, false, badRequest("date: give date or starting_date, not both")
	case date == nil && start == nil:
		return from, to, false, badRequest("date: give date or starting_date")
	case date != nil && end != nil:
		return from, to, false, badRequest("ending_date: only valid with starting_date")
	case date != nil:
		d, e := activityDay("date", date, latest)
		return d, d.Add(24 * time.Hour), false, e
	}
	if from, e = activityDay("starting_date", start, latest); e != nil {
		return from, to, true, e
	}
	to = today
	if end != nil {
		if to, e = activityDay("ending_date", end, today); e != nil {
			return from, to, true, e
		}
	}
	if !to.After(from) || to.Sub(from) > 366*24*time.Hour {
		return from, to, true, badRequest("ending_date: must be after starting_date and at most 366 days later")
	}
	return from, to, true, nil
}

// activityFilters parses filter[] values of the allowed dimensions into
// sets by dimension.
func activityFilters(filters []string, allowed ...string) (map[string]map[string]bool, *apiError) {
	out := map[string]map[string]bool{}
	for _, f := range filters {
		d, v, ok := strings.Cut(f, ":")
		if !ok || v == "" || !slices.Contains(allowed, d) {
			return nil, badRequest("filter[]: %q is not dimension:value with a dimension among %s", f, strings.Join(allowed, ", "))
		}
		if out[d] == nil {
			out[d] = map[string]bool{}
		}
		out[d][v] = true
	}
	return out, nil
}

// groupMembersLocked returns the IDs of the current members of the RBAC
// groups (tagged or bare IDs), or nil for no groups.
func (s *Server) groupMembersLocked(groups map[string]bool) map[string]bool {
	if groups == nil {
		return nil
	}
	out := map[string]bool{}
	s.st.gov.rbacGroups.all(func(id string, g *rbacGroup) bool {
		if groups[id] || groups[strings.TrimPrefix(id, "rbac_group_")] {
			g.members.all(func(uid string, _ *rbacGroupMember) bool {
				out[uid] = true
				return true
			})
		}
		return true
	})
	return out
}

// userGroupsLocked maps every member of an RBAC group to the IDs of the
// groups they belong to; the caller holds the state lock.
func (s *Server) userGroupsLocked() map[string][]string {
	out := map[string][]string{}
	s.st.gov.rbacGroups.all(func(gid string, g *rbacGroup) bool {
		g.members.all(func(uid string, _ *rbacGroupMember) bool {
			out[uid] = append(out[uid], gid)
			return true
		})
		return true
	})
	return out
}

// rowGroups returns the RBAC group IDs an analytics record of userID is
// counted under: the user's groups (none, so no row, for a user in no
// group) when the rows are grouped by rbac_group_id, else the one
// ungrouped key "".
func rowGroups(byGroup bool, userGroups map[string][]string, userID string) []string {
	if byGroup {
		return userGroups[userID]
	}
	return []string{""}
}

// pageOffset reads the page token of an analytics list of kind, paged by
// offset: 0 for the first page, a 400 for a token that is not one.
func pageOffset(kind string, page *string) (int, *apiError) {
	pos, e := parsePageToken(kind, page)
	if e != nil || pos == "" {
		return 0, e
	}
	n, err := strconv.Atoi(pos)
	if err != nil || n < 1 {
		return 0, badRequest("page: invalid page token")
	}
	return n, nil
}

// userActivityOrder maps the order_by values of analytics/users to the
// metric they rank by; "user_id" is the default sort column.
var userActivityOrder = map[string]func(*dayActivity) int64{
	"web_search_count":                                           func(a *dayActivity) int64 { return a.webSearches },
	"chat_metrics.message_count":                                 func(a *dayActivity) int64 { return a.chatMessages },
	"claude_code_metrics.core_metrics.commit_count":              func(a *dayActivity) int64 { return a.ccCommits },
	"claude_code_metrics.core_metrics.distinct_session_count":    func(a *dayActivity) int64 { return a.ccSessions },
	"claude_code_metrics.core_metrics.lines_of_code.added_count": func(a *dayActivity) int64 { return a.ccAdded },
	"cowork_metrics.message_count":                               func(a *dayActivity) int64 { return a.coworkMessages },
	"design_metrics.message_count":                               func(a *dayActivity) int64 { return a.designMessages },
}

// activityRow is one row of analytics/users being built.
type activityRow struct {
	key     string // user ID or RBAC group ID
	user    *gen.AnalyticsUser
	group   *gen.RBACGroup
	members map[string]bool // active members, for grouped rows
	sum     dayActivity
}

func (s *api) ListAnalyticsUsers(ctx context.Context, req server.ListAnalyticsUsersRequestObject) (server.ListAnalyticsUsersResponseObject, error) {
	p := req.Params
	from, to, rangeMode, e := s.activityWindow(p.Date, p.StartingDate, p.EndingDate)
	if e != nil {
		return nil, e
	}
	filters, e := activityFilters(p.Filters, "user_id", "rbac_group_id", "project_id")
	if e != nil {
		return nil, e
	}
	grouped := len(p.GroupBy) > 0
	if filters["project_id"] != nil && (grouped || filters["rbac_group_id"] != nil) {
		return nil, badRequest("filter[]: project_id cannot be combined with group_by[] or an rbac_group_id filter")
	}
	orderBy := "user_id"
	if p.OrderBy != nil && *p.OrderBy != "" {
		orderBy = *p.OrderBy
	}
	metric := userActivityOrder[orderBy]
	if metric == nil && orderBy != "user_id" {
		return nil, badRequest("order_by: %q is not user_id or a rankable metric", orderBy)
	}
	desc := metric != nil
	if p.Order != nil {
		desc = *p.Order == gen.AnalyticsSortOrderDesc
	}
	q := &analyticsQuery{kind: "analytics/users", limit: 100}
	if p.Limit != nil {
		q.limit = *p.Limit
	}
	if q.offset, e = pageOffset(q.kind, p.Page); e != nil {
		return nil, e
	}

	s.mu.RLock()
	defer s.mu.RUnlock()
	inGroups := s.groupMembersLocked(filters["rbac_group_id"])
	keep := func(uid string) bool {
		return (filters["user_id"] == nil || filters["user_id"][uid]) && (inGroups == nil || inGroups[uid]) && filters["project_id"] == nil
	}
	byDay := s.activityByDay(from, to)
	perUser := map[string]*dayActivity{}
	for _, m := range byDay {
		for uid, a := range m {
			if perUser[uid] == nil {
				perUser[uid] = &dayActivity{}
			}
			perUser[uid].add(a)
		}
	}
	var rows []*activityRow
	if !grouped {
		s.st.users.all(func(uid string, u *user) bool {
			if keep(uid) {
				r := &activityRow{key: uid, user: &gen.AnalyticsUser{ID: uid, EmailAddress: u.Email, Type: ptr(gen.AnalyticsUserTypeUser)}}
				if a := perUser[uid]; a != nil {
					r.sum = *a
				}
				rows = append(rows, r)
			}
			return true
		})
	} else {
		s.st.gov.rbacGroups.all(func(gid string, g *rbacGroup) bool {
			r := &activityRow{key: gid, group: &g.RBACGroup, members: map[string]bool{}}
			g.members.all(func(uid string, _ *rbacGroupMember) bool {
				if a := perUser[uid]; a != nil && keep(uid) {
					r.sum.add(a)
					if a.active() {
						r.members[uid] = true
					}
				}
				return true
			})
			rows = append(rows, r)
			return true
		})
	}
	slices.SortStableFunc(rows, func(a, b *activityRow) int {
		c := cmp.Compare(a.key, b.key)
		if metric != nil {
			c = cmp.Or(cmp.Compare(metric(&a.sum), metric(&b.sum)), c)
		}
		if desc {
			return -c
		}
		return c
	})
	page, next, e := pageRows(q, rows)
	if e != nil {
		return nil, e
	}
	body := gen.AnalyticsUserActivityList{Data: make([]gen.AnalyticsUserActivity, 0, len(page)), NextPage: next}
	for _, r := range page {
		body.Data = append(body.Data, activityItem(r, rangeMode))
	}
	return server.ListAnalyticsUsers200JSONResponse{Body: body}, nil
}

// activityItem renders a row of analytics/users. Distinct counts that a
// range could double-count are null in range mode.
func activityItem(r *activityRow, rangeMode bool) gen.AnalyticsUserActivity {
	a := &r.sum
	distinct := func(n int64) *int64 {
		if rangeMode {
			return nil
		}
		return ptr(n)
	}
	tool := func(name string) gen.AnalyticsToolActionCounts {
		t := a.ccTools[name]
		return gen.AnalyticsToolActionCounts{AcceptedCount: t.Accepted, RejectedCount: t.Rejected}
	}
	it := gen.AnalyticsUserActivity{
		User: r.user,
		ChatMetrics: gen.AnalyticsChatMetrics{MessageCount: a.chatMessages, ThinkingMessageCount: a.chatThinking,
			DistinctConversationCount: distinct(a.chatConversations), DistinctConnectorsUsedCount: distinct(0), DistinctFilesUploadedCount: distinct(0),
			DistinctProjectsUsedCount: distinct(0), DistinctSharedArtifactsViewedCount: distinct(0), DistinctSkillsUsedCount: distinct(0)},
		ClaudeCodeMetrics: gen.AnalyticsClaudeCodeMetrics{
			CoreMetrics: gen.AnalyticsCoreCodeMetrics{DistinctSessionCount: a.ccSessions, CommitCount: a.ccCommits, PullRequestCount: a.ccPRs,
				LinesOfCode: gen.AnalyticsLinesOfCode{AddedCount: a.ccAdded, RemovedCount: a.ccRemoved}},
			ToolActions: gen.AnalyticsToolActions{EditTool: tool("edit_tool"), MultiEditTool: tool("multi_edit_tool"),
				NotebookEditTool: tool("notebook_edit_tool"), WriteTool: tool("write_tool")},
		},
		CoworkMetrics:  gen.AnalyticsCoworkMetrics{MessageCount: a.coworkMessages, DistinctSessionCount: distinct(a.coworkSessions)},
		DesignMetrics:  gen.AnalyticsDesignMetrics{MessageCount: a.designMessages, DistinctSessionCount: distinct(a.designSessions)},
		ScienceMetrics: gen.AnalyticsScienceMetrics{DistinctSessionCount: distinct(0)},
		OfficeMetrics: gen.AnalyticsOfficeMetrics{Excel: officeZero(rangeMode), Outlook: officeZero(rangeMode),
			Powerpoint: officeZero(rangeMode), Word: officeZero(rangeMode)},
		WebSearchCount: a.webSearches,
	}
	if !a.last.IsZero() {
		it.LastActivityDate = &openapi_types.Date{Time: a.last}
	}
	if r.group != nil {
		it.RBACGroupID, it.RBACGroupName = ptr(r.group.ID), ptr(r.group.Name)
		it.DistinctUserCount = ptr(int64(len(r.members)))
	}
	return it
}

// officeZero is an Office product without activity.
func officeZero(rangeMode bool) gen.AnalyticsOfficeProductMetrics {
	m := gen.AnalyticsOfficeProductMetrics{}
	if !rangeMode {
		m.DistinctSessionCount = ptr[int64](0)
	}
	return m
}

func (s *api) ListAnalyticsSummaries(ctx context.Context, req server.ListAnalyticsSummariesRequestObject) (server.ListAnalyticsSummariesResponseObject, error) {
	p := req.Params
	now := s.Now()
	today := now.Truncate(24 * time.Hour)
	from, e := activityDay("starting_date", &p.StartingDate, today.Add(-24*time.Hour))
	if e != nil {
		return nil, e
	}
	to := today
	if p.EndingDate != nil {
		if to, e = activityDay("ending_date", p.EndingDate, today); e != nil {
			return nil, e
		}
	}
	if !to.After(from) || to.Sub(from) > 366*24*time.Hour {
		return nil, badRequest("ending_date: must be after starting_date and at most 366 days later")
	}
	filters, e := activityFilters(p.Filters, "rbac_group_id")
	if e != nil {
		return nil, e
	}
	if _, e := parsePageToken("analytics/summaries", p.Page); e != nil || (p.Page != nil && *p.Page != "") {
		return nil, badRequest("page: invalid page token")
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	scope := s.groupMembersLocked(filters["rbac_group_id"])
	day := 24 * time.Hour
	byDay := s.activityByDay(from.Add(-29*day), to)
	seats := int64(0)
	s.st.users.all(func(string, *user) bool { seats++; return true })
	body := gen.AnalyticsSummaryList{Data: []gen.AnalyticsSingleDayActivitySummary{}}
	for d := from; d.Before(to); d = d.Add(day) {
		count := func(days int, active func(*dayActivity) bool) int64 {
			users := map[string]bool{}
			for i := range days {
				for uid, a := range byDay[d.Add(-time.Duration(i)*day)] {
					if (scope == nil || scope[uid]) && active(a) {
						users[uid] = true
					}
				}
			}
			return int64(len(users))
		}
		any := (*dayActivity).active
		sum := gen.AnalyticsSingleDayActivitySummary{
			StartingAt: d, EndingAt: d.Add(day),
			DailyActiveUserCount: count(1, any), WeeklyActiveUserCount: count(7, any), MonthlyActiveUserCount: count(30, any),
			CoworkDailyActiveUserCount: count(1, (*dayActivity).cowork), CoworkWeeklyActiveUserCount: count(7, (*dayActivity).cowork),
			CoworkMonthlyActiveUserCount: count(30, (*dayActivity).cowork),
			ChatDailyActiveUserCount:     ptr(count(1, (*dayActivity).chat)), ChatWeeklyActiveUserCount: ptr(count(7, (*dayActivity).chat)),
			ChatMonthlyActiveUserCount:     ptr(count(30, (*dayActivity).chat)),
			ClaudeCodeDailyActiveUserCount: ptr(count(1, (*dayActivity).code)), ClaudeCodeWeeklyActiveUserCount: ptr(count(7, (*dayActivity).code)),
			ClaudeCodeMonthlyActiveUserCount: ptr(count(30, (*dayActivity).code)),
			ClaudeDesignDailyActiveUserCount: ptr(count(1, (*dayActivity).design)), ClaudeDesignWeeklyActiveUserCount: ptr(count(7, (*dayActivity).design)),
			ClaudeDesignMonthlyActiveUserCount: ptr(count(30, (*dayActivity).design)),
			OfficeAgentDailyActiveUserCount:    ptr[int64](0), OfficeAgentWeeklyActiveUserCount: ptr[int64](0), OfficeAgentMonthlyActiveUserCount: ptr[int64](0),
			ScienceDailyActiveUserCount: ptr[int64](0), ScienceWeeklyActiveUserCount: ptr[int64](0), ScienceMonthlyActiveUserCount: ptr[int64](0),
		}
		if scope == nil {
			pending := int64(0)
			end := d.Add(day)
			s.st.invites.all(func(_ string, in *invite) bool {
				if in.Status == gen.InviteStatusPending && in.InvitedAt.Before(end) && end.Before(in.ExpiresAt) {
					pending++
				}
				return true
			})
			sum.AssignedSeatCount, sum.PendingInviteCount, sum.ScienceEntitledUserCount = ptr(seats), ptr(pending), ptr[int64](0)
			if seats > 0 {
				rate := func(n int64) *float64 { return ptr(float64(n) * 100 / float64(seats)) }
				sum.DailyAdoptionRate, sum.WeeklyAdoptionRate, sum.MonthlyAdoptionRate = rate(sum.DailyActiveUserCount), rate(sum.WeeklyActiveUserCount), rate(sum.MonthlyActiveUserCount)
			}
		}
		body.Data = append(body.Data, sum)
	}
	return server.ListAnalyticsSummaries200JSONResponse{Body: body}, nil
}
