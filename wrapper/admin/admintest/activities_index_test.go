package admintest

import (
	"fmt"
	"math/rand/v2"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// scanWalk is activityLog.walk without indexes: the reference the
// indexed walk must match.
func scanWalk(l *activityLog, f *activityFilter, start, end int, forward bool, limit int) (idx []int, more bool) {
	idx = []int{}
	for n := range max(end-start, 0) {
		i := start + n
		if !forward {
			i = end - 1 - n
		}
		if !f.keep(&l.recs[i]) {
			continue
		}
		if len(idx) == limit {
			return idx, true
		}
		idx = append(idx, i)
	}
	return idx, false
}

// TestActivityIndexesMatchScan compares the indexed walk with a scan of
// the log for random filters, ranges, directions and limits, on a log
// built by seeding, appending, and inserting activities in the past (which
// shifts the records' indexes but not the indexes' positions).
func TestActivityIndexesMatchScan(t *testing.T) {
	f := newFake(t)
	if err := f.SeedActivities(2000); err != nil {
		t.Fatal(err)
	}
	rnd := rand.New(rand.NewPCG(1, 2))
	types := []string{"claude_chat_created", "claude_file_uploaded", "sso_login_succeeded", "group_member_added", "user_logged_out"}
	for i := range 300 {
		uid := fmt.Sprintf("user_01indextest%04d", i%5)
		at := t0.Add(time.Duration(i) * time.Second)
		if i%3 == 0 { // late arrivals, among the seeded records
			at = t0.Add(-time.Duration(rnd.IntN(2000)) * time.Minute)
		}
		must[string](t)(f.AddActivity(ActivitySeed{Type: types[i%len(types)], CreatedAt: at, NoOrganization: i%4 == 0,
			Actor: admin.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeUserActor, UserID: &uid}}))
	}
	// More records in the past, before everything.
	if err := f.SeedActivities(500); err != nil {
		t.Fatal(err)
	}
	l := &f.st.activities
	filters := map[string]activityFilter{
		"none":             {},
		"one type":         {types: stringSet([]string{"sso_login_succeeded"})},
		"two types":        {types: stringSet([]string{"claude_chat_created", "group_member_added"})},
		"absent type":      {types: stringSet([]string{"claude_project_deleted"})},
		"exclude many":     {exclude: stringSet([]string{"claude_chat_created", "claude_chat_viewed", "claude_file_uploaded", "claude_project_created", "sso_login_succeeded", "user_logged_out", "platform_workspace_created", "platform_api_key_updated"})},
		"exclude one":      {exclude: stringSet([]string{"claude_chat_viewed"})},
		"actor":            {actors: stringSet([]string{"user_01indextest0003"})},
		"actors":           {actors: stringSet([]string{"user_01seedactor00000002", "user_01indextest0001"})},
		"other org":        {orgs: stringSet([]string{"org_other"})},
		"this org":         {orgs: stringSet([]string{f.orgTaggedID()}), matchesOrg: true},
		"type+actor+org":   {types: stringSet([]string{"user_logged_out", "claude_chat_created"}), actors: stringSet([]string{"user_01indextest0000", "user_01seedactor00000005"}), orgs: stringSet([]string{"org_other"})},
		"exclude+actor":    {exclude: stringSet([]string{"claude_chat_created"}), actors: stringSet([]string{"user_01indextest0002"})},
		"type+other org":   {types: stringSet([]string{"claude_file_uploaded"}), orgs: stringSet([]string{"org_other"})},
		"exclude+this org": {exclude: stringSet(types), orgs: stringSet([]string{f.org.ID}), matchesOrg: true},
	}
	n := len(l.recs)
	for name, flt := range filters {
		for range 60 {
			start, end := rnd.IntN(n+1), rnd.IntN(n+1)
			if rnd.IntN(4) == 0 {
				start, end = 0, n
			}
			if start > end {
				start, end = end, start
			}
			forward, limit := rnd.IntN(2) == 0, 1+rnd.IntN(40)
			got, gotMore := l.walk(&flt, start, end, forward, limit)
			want, wantMore := scanWalk(l, &flt, start, end, forward, limit)
			if !slices.Equal(got, want) || gotMore != wantMore {
				t.Fatalf("%s [%d,%d) forward %v limit %d:\n got %v more %v\nwant %v more %v", name, start, end, forward, limit, got, gotMore, want, wantMore)
			}
		}
	}
	if _, ok := l.candidates(&activityFilter{exclude: stringSet([]string{"claude_chat_viewed"})}); ok {
		t.Error("excluding one type of twelve uses the index rather than a scan")
	}
	if _, ok := l.candidates(&activityFilter{types: stringSet([]string{"claude_chat_viewed"})}); !ok {
		t.Error("a type filter does not use the index")
	}
}

// TestActivityFeedIndexedPagination walks a filtered feed page by page,
// newest first and oldest first, through the API, and checks it against
// the unfiltered feed filtered by hand: the indexes change no answer.
func TestActivityFeedIndexedPagination(t *testing.T) {
	f := newFake(t)
	if err := f.SeedActivities(700); err != nil {
		t.Fatal(err)
	}
	all := f.feedOK("limit=1000")
	if len(all.Data) != 700 {
		t.Fatalf("%d activities", len(all.Data))
	}
	for _, q := range []string{
		"activity_types[]=sso_login_succeeded&activity_types[]=claude_file_uploaded",
		"actor_ids[]=user_01seedactor00000003",
		// Every feed call adds a compliance_api_accessed without an
		// organization: the queries leave them out.
		"organization_ids[]=org_other&activity_types[]=claude_chat_viewed&activity_types[]=user_logged_out",
		"organization_ids[]=org_other&exclude_activity_types[]=compliance_api_accessed",
	} {
		v, _ := url.ParseQuery(q)
		var want []string
		for _, a := range all.Data {
			actor := a["actor"].(map[string]any)
			switch {
			case v.Has("activity_types[]") && !slices.Contains(v["activity_types[]"], a["type"].(string)):
			case slices.Contains(v["exclude_activity_types[]"], a["type"].(string)):
			case v.Has("actor_ids[]") && !slices.Contains(v["actor_ids[]"], fmt.Sprint(actor["user_id"])):
			case v.Has("organization_ids[]") && a["organization_id"] != nil:
			default:
				want = append(want, a["id"].(string))
			}
		}
		if len(want) == 0 {
			t.Fatalf("%s matches nothing", q)
		}
		for _, order := range []string{"desc", "asc"} {
			var got []string
			cursor := ""
			for pages := 0; ; pages++ {
				if pages > 100 {
					t.Fatalf("%s: no end", q)
				}
				p := f.feedOK(q + "&limit=7&order=" + order + cursor)
				got = append(got, p.ids()...)
				if !p.HasMore {
					break
				}
				cursor = "&after_id=" + url.QueryEscape(*p.LastID)
			}
			w := want
			if order == "asc" {
				w = slices.Clone(want)
				slices.Reverse(w)
			}
			if !slices.Equal(got, w) {
				t.Errorf("%s order %s: got %d ids, want %d\n got %v\nwant %v", q, order, len(got), len(w), got, w)
			}
		}
		// before_id goes back: the page before the second page is the first.
		first := f.feedOK(q + "&limit=5")
		second := f.feedOK(q + "&limit=5&after_id=" + url.QueryEscape(*first.LastID))
		back := f.feedOK(q + "&limit=5&before_id=" + url.QueryEscape(*second.FirstID))
		if !slices.Equal(back.ids(), first.ids()) {
			t.Errorf("%s: before_id page %v, want %v", q, back.ids(), first.ids())
		}
	}
}
