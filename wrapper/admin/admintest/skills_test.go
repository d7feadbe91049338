package admintest

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

func TestAnalyticsSkills(t *testing.T) {
	f := newFake(t)
	ada, bob, grp := activitySeed(t, f)
	c := money.MustParseCents
	if err := f.AddExtensionUse(
		ExtensionUseRecord{Date: day(2), UserID: ada.ID, Skill: "brand", ShareStatus: "organization", Product: "chat", Sessions: 2, Invocations: 3, Installed: true, OverageSpend: c("10.125"), ListPrice: c("500")},
		ExtensionUseRecord{Date: day(2), UserID: ada.ID, Skill: "brand", ShareStatus: "organization", Product: "claude_code", Invocations: 1, OverageSpend: c("0.0001"), ListPrice: c("12.5")},
		ExtensionUseRecord{Date: day(2), UserID: bob.ID, Skill: "brand", ShareStatus: "organization", Product: "chat", Invocations: 2, Installed: true, OverageSpend: c("5")},
		ExtensionUseRecord{Date: day(3), UserID: bob.ID, Skill: "notes", ShareStatus: "private", Product: "chat", Invocations: 7, OverageSpend: c("1.5")},
		ExtensionUseRecord{Date: day(2), UserID: ada.ID, Connector: "github", Product: "chat"},
	); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []ExtensionUseRecord{
		{Date: day(2), UserID: ada.ID, Skill: "x", Plugin: "y", Product: "chat"},
		{Date: day(2), UserID: ada.ID, Skill: "x", ShareStatus: "everyone", Product: "chat"},
	} {
		if err := f.AddExtensionUse(bad); err == nil {
			t.Errorf("AddExtensionUse accepted %+v", bad)
		}
	}
	str := func(v *money.Cents) string {
		if v == nil {
			return "null"
		}
		return v.String()
	}
	num := func(v *int64) string {
		if v == nil {
			return "null"
		}
		return fmt.Sprint(*v)
	}
	list := func(q string) []string {
		t.Helper()
		var out []string
		for page := ""; ; {
			r := ok[gen.AnalyticsSkillActivityList](f, "GET", "/v1/organizations/analytics/skills?"+q+page, nil)
			for _, s := range r.Data {
				cut := ""
				for _, v := range []*string{s.Product, s.UserID, s.RBACGroupName} {
					if v != nil {
						cut += " " + *v
					}
				}
				out = append(out, fmt.Sprintf("%s%s %s users=%d uses=%s enabled=%s chat=%s code=%s spend=%s list=%s", s.SkillName, cut, *s.ShareStatus,
					s.DistinctUserCount, num(s.InvocationCount), num(s.EnableCount), num(s.ChatMetrics.DistinctConversationSkillUsedCount),
					num(s.ClaudeCodeMetrics.DistinctSessionSkillUsedCount), str(s.EstimatedOverageSpend), str(s.AttributedListPrice)))
			}
			if r.NextPage == nil {
				return out
			}
			page = "&page=" + url.QueryEscape(*r.NextPage)
		}
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		// One day, org-wide: the enable count is set; the list price counts
		// Claude Code only.
		{"date=2026-03-02", []string{"brand organization users=2 uses=6 enabled=2 chat=3 code=1 spend=15.1251 list=12.5"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&limit=1", []string{
			"brand organization users=2 uses=6 enabled=null chat=3 code=1 spend=15.1251 list=12.5",
			"notes private users=1 uses=7 enabled=null chat=1 code=0 spend=1.5 list=null"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&order_by=invocation_count", []string{
			"notes private users=1 uses=7 enabled=null chat=1 code=0 spend=1.5 list=null",
			"brand organization users=2 uses=6 enabled=null chat=3 code=1 spend=15.1251 list=12.5"}},
		{"date=2026-03-02&group_by[]=product", []string{
			"brand chat organization users=2 uses=5 enabled=null chat=3 code=0 spend=15.125 list=null",
			"brand claude_code organization users=1 uses=1 enabled=null chat=0 code=1 spend=0.0001 list=12.5"}},
		{"date=2026-03-02&group_by[]=rbac_group_id", []string{"brand Analysts organization users=1 uses=4 enabled=null chat=2 code=1 spend=10.1251 list=12.5"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&filter[]=share_status:private", []string{"notes private users=1 uses=7 enabled=null chat=1 code=0 spend=1.5 list=null"}},
		{"date=2026-03-02&filter[]=skill_name:BRAND&filter[]=user_id:" + bob.ID, []string{"brand organization users=1 uses=2 enabled=null chat=1 code=0 spend=5 list=null"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&filter[]=rbac_group_id:" + grp.ID + "&filter[]=skill_name:notes", nil},
	} {
		if diff := cmp.Diff(tc.want, list(tc.q)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.q, diff)
		}
	}
	f.badQueries("/v1/organizations/analytics/skills", "", "date=2026-03-02&starting_date=2026-03-01", "date=2026-03-02&filter[]=connector_name:x",
		"date=2026-03-02&filter[]=project_id:x", "date=2026-03-02&order_by=vibes", "date=2026-03-02&group_by[]=skill_name")
	if r := f.do("GET", "/v1/organizations/analytics/connectors?date=2026-03-02&filter[]=share_status:private", nil); r.status != 400 {
		t.Errorf("connectors with a share_status filter: %d, want 400", r.status)
	}
}

func TestAnalyticsChatProjects(t *testing.T) {
	f := newFake(t)
	ada, bob, grp := activitySeed(t, f)
	p1 := ChatProjectUseRecord{ProjectID: "claude_proj_1", ProjectName: "Launch", CreatedBy: ada.ID, CreatedAt: day(1)}
	use := func(p ChatProjectUseRecord, d int, user string, convs, msgs int64) ChatProjectUseRecord {
		p.Date, p.UserID, p.Conversations, p.Messages = day(d), user, convs, msgs
		return p
	}
	p2 := ChatProjectUseRecord{ProjectID: "claude_proj_2", ProjectName: "Hiring"}
	if err := f.AddChatProjectUse(use(p1, 2, ada.ID, 2, 10), use(p1, 2, bob.ID, 1, 3), use(p1, 3, ada.ID, 1, 4), use(p2, 3, bob.ID, 0, 30)); err != nil {
		t.Fatal(err)
	}
	renamed := p1
	renamed.ProjectName = "Launch 2"
	for name, bad := range map[string]ChatProjectUseRecord{
		"renamed":       use(renamed, 2, ada.ID, 1, 1),
		"untagged id":   {Date: day(2), UserID: ada.ID, ProjectID: "proj_1", ProjectName: "x"},
		"unknown user":  {Date: day(2), UserID: "user_nope", ProjectID: "claude_proj_9", ProjectName: "x"},
		"unknown maker": {Date: day(2), UserID: ada.ID, ProjectID: "claude_proj_9", ProjectName: "x", CreatedBy: "user_nope"},
	} {
		if err := f.AddChatProjectUse(bad); err == nil {
			t.Errorf("%s: AddChatProjectUse accepted %+v", name, bad)
		}
	}
	list := func(q string) []string {
		t.Helper()
		var out []string
		for page := ""; ; {
			r := ok[gen.AnalyticsProjectActivityList](f, "GET", "/v1/organizations/analytics/apps/chat/projects?"+q+page, nil)
			for _, p := range r.Data {
				cut := ""
				for _, v := range []*string{p.UserID, p.RBACGroupName} {
					if v != nil {
						cut += " " + *v
					}
				}
				maker := "-"
				if p.CreatedBy != nil {
					maker = p.CreatedBy.EmailAddress
				}
				out = append(out, fmt.Sprintf("%s %s%s msgs=%d convs=%d users=%d by=%s", p.ProjectID, p.ProjectName, cut, p.MessageCount, *p.DistinctConversationCount, p.DistinctUserCount, maker))
			}
			if r.NextPage == nil {
				return out
			}
			page = "&page=" + url.QueryEscape(*r.NextPage)
		}
	}
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"date=2026-03-02", []string{"claude_proj_1 Launch msgs=13 convs=3 users=2 by=" + ada.Email}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&limit=1", []string{
			"claude_proj_1 Launch msgs=17 convs=4 users=2 by=" + ada.Email, "claude_proj_2 Hiring msgs=30 convs=1 users=1 by=-"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&order_by=message_count", []string{
			"claude_proj_2 Hiring msgs=30 convs=1 users=1 by=-", "claude_proj_1 Launch msgs=17 convs=4 users=2 by=" + ada.Email}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&group_by[]=user_id&filter[]=project_id:claude_proj_1", []string{
			"claude_proj_1 Launch " + min(ada.ID, bob.ID) + " msgs=" + map[bool]string{true: "14", false: "3"}[ada.ID < bob.ID] + " convs=" + map[bool]string{true: "3", false: "1"}[ada.ID < bob.ID] + " users=1 by=" + ada.Email,
			"claude_proj_1 Launch " + max(ada.ID, bob.ID) + " msgs=" + map[bool]string{true: "3", false: "14"}[ada.ID < bob.ID] + " convs=" + map[bool]string{true: "1", false: "3"}[ada.ID < bob.ID] + " users=1 by=" + ada.Email}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&group_by[]=rbac_group_id", []string{"claude_proj_1 Launch Analysts msgs=14 convs=3 users=1 by=" + ada.Email}},
		{"date=2026-03-03&filter[]=rbac_group_id:" + grp.ID + "&filter[]=project_id:claude_proj_2", nil},
	} {
		if diff := cmp.Diff(tc.want, list(tc.q)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.q, diff)
		}
	}
	f.badQueries("/v1/organizations/analytics/apps/chat/projects", "", "date=2026-03-02&starting_date=2026-03-01", "date=2026-03-02&filter[]=product:chat",
		"date=2026-03-02&group_by[]=product", "date=2026-03-02&order_by=vibes", "date=2026-03-02&page=page_eA")
}
