package admintest

import (
	"fmt"
	"net/url"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

func TestAnalyticsConnectorsAndPlugins(t *testing.T) {
	f := newFake(t)
	ada, bob, grp := activitySeed(t, f)
	if err := f.AddExtensionUse(
		ExtensionUseRecord{Date: day(2), UserID: ada.ID, Connector: "github", Product: "chat", Sessions: 2, ReadCalls: 5, WriteCalls: 1},
		ExtensionUseRecord{Date: day(2), UserID: ada.ID, Connector: "github", Product: "claude_code", Sessions: 3, ReadCalls: 7},
		ExtensionUseRecord{Date: day(2), UserID: bob.ID, Connector: "github", Product: "chat", ReadCalls: 1},
		ExtensionUseRecord{Date: day(3), UserID: bob.ID, Connector: "slack", Product: "cowork", WriteCalls: 4},
		ExtensionUseRecord{Date: day(2), UserID: ada.ID, Plugin: "code-review", PluginID: "plugin_1", Product: "claude_code", Invocations: 6, Installed: true},
		ExtensionUseRecord{Date: day(3), UserID: bob.ID, Plugin: "code-review", PluginID: "plugin_1", Product: "cowork", Sessions: 2, Invocations: 2},
	); err != nil {
		t.Fatal(err)
	}
	if err := f.AddExtensionUse(ExtensionUseRecord{Date: day(2), UserID: ada.ID, Connector: "x", Plugin: "y", Product: "chat"}); err == nil {
		t.Error("AddExtensionUse accepted a connector and a plugin at once")
	}
	conn := func(q string) []string {
		t.Helper()
		var out []string
		for page := ""; ; {
			r := ok[gen.AnalyticsConnectorActivityList](f, "GET", "/v1/organizations/analytics/connectors?"+q+page, nil)
			for _, c := range r.Data {
				cut := ""
				if c.UserID != nil {
					cut += " user=" + *c.UserID
				}
				if c.Product != nil {
					cut += " product=" + *c.Product
				}
				if c.RBACGroupName != nil {
					cut += " group=" + *c.RBACGroupName
				}
				out = append(out, fmt.Sprintf("%s%s users=%d chat=%d code=%d cowork=%d reads=%d writes=%d", c.ConnectorName, cut, c.DistinctUserCount,
					*c.ChatMetrics.DistinctConversationConnectorUsedCount, *c.ClaudeCodeMetrics.DistinctSessionConnectorUsedCount,
					*c.CoworkMetrics.DistinctSessionConnectorUsedCount, *c.ReadCallCount, *c.WriteCallCount))
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
		{"date=2026-03-02", []string{"github users=2 chat=3 code=3 cowork=0 reads=13 writes=1"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&limit=1", []string{
			"github users=2 chat=3 code=3 cowork=0 reads=13 writes=1", "slack users=1 chat=0 code=0 cowork=1 reads=0 writes=4"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&order_by=write_call_count", []string{
			"slack users=1 chat=0 code=0 cowork=1 reads=0 writes=4", "github users=2 chat=3 code=3 cowork=0 reads=13 writes=1"}},
		{"date=2026-03-02&group_by[]=product", []string{
			"github product=chat users=2 chat=3 code=0 cowork=0 reads=6 writes=1", "github product=claude_code users=1 chat=0 code=3 cowork=0 reads=7 writes=0"}},
		{"date=2026-03-02&group_by[]=rbac_group_id", []string{"github group=Analysts users=1 chat=2 code=3 cowork=0 reads=12 writes=1"}},
		{"date=2026-03-02&group_by[]=user_id&filter[]=user_id:" + bob.ID, []string{"github user=" + bob.ID + " users=1 chat=1 code=0 cowork=0 reads=1 writes=0"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&filter[]=connector_name:GitHub&filter[]=product:chat", []string{"github users=2 chat=3 code=0 cowork=0 reads=6 writes=1"}},
		{"starting_date=2026-03-01&ending_date=2026-03-05&filter[]=rbac_group_id:" + grp.ID + "&filter[]=connector_name:slack", nil},
	} {
		if diff := cmp.Diff(tc.want, conn(tc.q)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.q, diff)
		}
	}

	p := ok[gen.AnalyticsPluginActivityList](f, "GET", "/v1/organizations/analytics/plugins?starting_date=2026-03-01&ending_date=2026-03-05&group_by[]=product", nil)
	var got []string
	for _, it := range p.Data {
		got = append(got, fmt.Sprintf("%s %s %s users=%d installs=%d invocations=%d code=%d cowork=%d", it.PluginName, *it.PluginID, *it.Product,
			it.DistinctUserCount, it.InstallCount, it.InvocationCount, *it.ClaudeCodeMetrics.DistinctSessionPluginUsedCount, *it.CoworkMetrics.DistinctSessionPluginUsedCount))
	}
	want := []string{"code-review plugin_1 claude_code users=1 installs=1 invocations=6 code=1 cowork=0", "code-review plugin_1 cowork users=1 installs=0 invocations=2 code=0 cowork=2"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("plugins by product (-want +got):\n%s", diff)
	}
	if p := ok[gen.AnalyticsPluginActivityList](f, "GET", "/v1/organizations/analytics/plugins?date=2026-03-03&filter[]=plugin_name:nope", nil); len(p.Data) != 0 {
		t.Errorf("unknown plugin: %+v", p.Data)
	}
	f.badQueries("/v1/organizations/analytics/connectors", "", "date=2026-03-02&starting_date=2026-03-01", "date=2026-03-10", "date=2026-03-02&filter[]=plugin_name:x",
		"date=2026-03-02&order_by=vibes", "date=2026-03-02&page=page_eA")
	if r := f.do("GET", "/v1/organizations/analytics/plugins?date=2026-03-02&filter[]=connector_name:x", nil); r.status != 400 {
		t.Errorf("plugins with a connector filter: %d, want 400", r.status)
	}
}

func TestAnalyticsArtifacts(t *testing.T) {
	f := newFake(t)
	ada, bob, grp := activitySeed(t, f)
	if err := f.AddArtifacts(
		ArtifactRecord{Date: day(2), UserID: ada.ID, Type: "text/markdown", Product: "chat", Count: 3},
		ArtifactRecord{Date: day(2), UserID: ada.ID, Product: "claude_code", Published: true, Count: 2},
		ArtifactRecord{Date: day(2), UserID: bob.ID, Product: "cowork", Shared: true},
		ArtifactRecord{Date: day(2), UserID: bob.ID, Type: "text/markdown", Product: "chat"},
		ArtifactRecord{Date: day(3), UserID: bob.ID, Product: "cowork"},
	); err != nil {
		t.Fatal(err)
	}
	list := func(q string) []string {
		t.Helper()
		var out []string
		for page := ""; ; {
			r := ok[gen.AnalyticsArtifactActivityList](f, "GET", "/v1/organizations/analytics/artifacts?"+q+page, nil)
			for _, a := range r.Data {
				cut := ""
				for _, v := range []*string{a.Product, a.UserID, a.RBACGroupName} {
					if v != nil {
						cut += " " + *v
					}
				}
				out = append(out, fmt.Sprintf("%s shared=%v%s created=%d published=%d users=%d", a.ArtifactType, a.IsShared, cut,
					a.ArtifactsCreatedCount, a.PublishedArtifactsCreatedCount, a.DistinctUserCount))
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
		{"date=2026-03-02&limit=1", []string{"text/html shared=true created=3 published=2 users=2", "text/markdown shared=false created=4 published=0 users=2"}},
		{"date=2026-03-02&group_by[]=product&limit=1", []string{"text/html shared=true claude_code created=2 published=2 users=1",
			"text/html shared=true cowork created=1 published=0 users=1", "text/markdown shared=false chat created=4 published=0 users=2"}},
		{"date=2026-03-02&group_by[]=rbac_group_id", []string{"text/html shared=true Analysts created=2 published=2 users=1", "text/markdown shared=false Analysts created=3 published=0 users=1"}},
		{"date=2026-03-02&filter[]=is_shared:false&filter[]=user_id:" + bob.ID, []string{"text/markdown shared=false created=1 published=0 users=1"}},
		{"date=2026-03-02&filter[]=rbac_group_id:" + grp.ID + "&filter[]=artifact_type:text/html", []string{"text/html shared=true created=2 published=2 users=1"}},
		{"date=2026-03-04", nil},
	} {
		if diff := cmp.Diff(tc.want, list(tc.q)); diff != "" {
			t.Errorf("%s (-want +got):\n%s", tc.q, diff)
		}
	}
	f.badQueries("/v1/organizations/analytics/artifacts", "", "date=2025-12-31", "date=2026-03-10", "date=2026-03-02&page=page_eA", "date=2026-03-02&filter[]=model:x")
}
