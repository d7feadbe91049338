package admintest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// feedPage is a page of the Activity Feed with the activities decoded
// loosely, every field kept.
type feedPage struct {
	Data    []map[string]any `json:"data"`
	HasMore bool             `json:"has_more"`
	FirstID *string          `json:"first_id"`
	LastID  *string          `json:"last_id"`
}

func (p feedPage) ids() []string {
	var out []string
	for _, a := range p.Data {
		out = append(out, a["id"].(string))
	}
	return out
}

// feed queries the Activity Feed with the Compliance key (in x-api-key).
func (f *fake) feed(query string) (feedPage, response) {
	f.t.Helper()
	r := f.doWith("GET", "/v1/compliance/activities?"+query, nil, hdr("x-api-key", f.ComplianceKey(), "anthropic-version", APIVersion))
	var p feedPage
	if r.status == http.StatusOK {
		mustJSON(f.t, r.body, &p)
	}
	return p, r
}

func (f *fake) feedOK(query string) feedPage {
	f.t.Helper()
	p, r := f.feed(query)
	if r.status != http.StatusOK {
		f.t.Fatalf("GET activities?%s: %d %s", query, r.status, r.body)
	}
	return p
}

// seedTypes adds one activity per type, a second apart from t0 on.
func seedTypes(t *testing.T, f *fake, types ...string) []string {
	t.Helper()
	var ids []string
	for i, typ := range types {
		ids = append(ids, must[string](t)(f.AddActivity(ActivitySeed{Type: typ, CreatedAt: t0.Add(time.Duration(i) * time.Second)})))
	}
	return ids
}

func TestActivityFeedOrderAndCursors(t *testing.T) {
	f := newFake(t)
	ids := seedTypes(t, f, "claude_chat_created", "claude_chat_viewed", "claude_file_uploaded", "sso_login_succeeded", "user_logged_out")
	// Newest first; two per page; after_id walks to older activities.
	p1 := f.feedOK("limit=2&activity_types[]=claude_chat_created&activity_types[]=claude_chat_viewed&activity_types[]=claude_file_uploaded&activity_types[]=sso_login_succeeded&activity_types[]=user_logged_out")
	if got, want := p1.ids(), []string{ids[4], ids[3]}; !slices.Equal(got, want) || !p1.HasMore {
		t.Fatalf("first page = %v (has_more %v), want %v", got, p1.HasMore, want)
	}
	if strings.HasPrefix(*p1.FirstID, "activity_") {
		t.Errorf("first_id %q is an activity ID, want an opaque cursor", *p1.FirstID)
	}
	types := "&activity_types[]=claude_chat_created&activity_types[]=claude_chat_viewed&activity_types[]=claude_file_uploaded&activity_types[]=sso_login_succeeded&activity_types[]=user_logged_out"
	p2 := f.feedOK("limit=2&after_id=" + url.QueryEscape(*p1.LastID) + types)
	if got, want := p2.ids(), []string{ids[2], ids[1]}; !slices.Equal(got, want) || !p2.HasMore {
		t.Fatalf("second page = %v, want %v", got, want)
	}
	p3 := f.feedOK("limit=2&after_id=" + url.QueryEscape(*p2.LastID) + types)
	if got, want := p3.ids(), []string{ids[0]}; !slices.Equal(got, want) || p3.HasMore {
		t.Fatalf("last page = %v (has_more %v), want %v", got, p3.HasMore, want)
	}
	// before_id returns the page just newer than the cursor, nearest
	// first, still listed newest first.
	b := f.feedOK("limit=2&before_id=" + url.QueryEscape(*p3.FirstID) + types)
	if got, want := b.ids(), []string{ids[2], ids[1]}; !slices.Equal(got, want) || !b.HasMore {
		t.Fatalf("before page = %v (has_more %v), want %v", got, b.HasMore, want)
	}
	// A new activity is newer than everything: before_id of the newest
	// page finds it.
	newID := must[string](t)(f.AddActivity(ActivitySeed{Type: "claude_chat_created", CreatedAt: t0.Add(time.Hour)}))
	n := f.feedOK("limit=2&before_id=" + url.QueryEscape(*p1.FirstID) + types)
	if got := n.ids(); !slices.Equal(got, []string{newID}) || n.HasMore {
		t.Fatalf("page before the newest = %v (has_more %v), want [%s]", got, n.HasMore, newID)
	}
	// order=asc lists oldest first.
	asc := f.feedOK("limit=2&order=asc" + types)
	if got := asc.ids(); !slices.Equal(got, []string{ids[0], ids[1]}) {
		t.Errorf("asc = %v", got)
	}
	// Cursors are checked.
	if _, r := f.feed("after_id=activity_01xyz"); r.status != http.StatusBadRequest {
		t.Errorf("an activity ID as a cursor: %d, want 400", r.status)
	}
	if _, r := f.feed("after_id=x&before_id=y"); r.status != http.StatusBadRequest {
		t.Errorf("both cursors: %d, want 400", r.status)
	}
}

func TestActivityFeedFilters(t *testing.T) {
	f := newFake(t)
	uid := "user_01filteractor"
	must[string](t)(f.AddActivity(ActivitySeed{Type: "claude_chat_created", CreatedAt: t0, Actor: gen.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeUserActor, UserID: &uid}}))
	login := must[string](t)(f.AddActivity(ActivitySeed{Type: "sso_login_succeeded", CreatedAt: t0.Add(time.Minute), NoOrganization: true}))
	file := must[string](t)(f.AddActivity(ActivitySeed{Type: "claude_file_uploaded", CreatedAt: t0.Add(2 * time.Minute), Fields: map[string]any{"filename": "a.pdf"}}))

	if got := f.feedOK("actor_ids[]=" + uid).ids(); len(got) != 1 {
		t.Errorf("actor filter = %v", got)
	}
	if got := f.feedOK("created_at.gte=" + url.QueryEscape(t0.Add(time.Minute).Format(time.RFC3339)) + "&created_at.lt=" + url.QueryEscape(t0.Add(2*time.Minute).Format(time.RFC3339))).ids(); !slices.Equal(got, []string{login}) {
		t.Errorf("time window = %v, want [%s]", got, login)
	}
	if got := f.feedOK("exclude_activity_types[]=claude_chat_created&exclude_activity_types[]=sso_login_succeeded&exclude_activity_types[]=compliance_api_accessed&created_at.gte=" + url.QueryEscape(t0.Format(time.RFC3339)) + "&created_at.lte=" + url.QueryEscape(t0.Add(2*time.Minute).Format(time.RFC3339))).ids(); !slices.Equal(got, []string{file}) {
		t.Errorf("exclude = %v, want [%s]", got, file)
	}
	// An organization filter also returns the activities of no
	// organization, as observed live; another organization's ID returns
	// only those.
	window := "&activity_types[]=claude_chat_created&activity_types[]=sso_login_succeeded&activity_types[]=claude_file_uploaded"
	if got := f.feedOK("organization_ids[]=" + f.OrganizationID() + window).ids(); len(got) != 3 {
		t.Errorf("own organization = %v, want all three", got)
	}
	if got := f.feedOK("organization_ids[]=org_01SomebodyElse" + window).ids(); !slices.Equal(got, []string{login}) {
		t.Errorf("other organization = %v, want only the activity of no organization [%s]", got, login)
	}
	// The type-specific fields and the nulls reach the client.
	p := f.feedOK("activity_types[]=claude_file_uploaded")
	if p.Data[0]["filename"] != "a.pdf" {
		t.Errorf("type-specific field lost: %v", p.Data[0])
	}
	l := f.feedOK("activity_types[]=sso_login_succeeded")
	if v, ok := l.Data[0]["organization_id"]; !ok || v != nil {
		t.Errorf("organization_id of a sign-in = %v (present %v), want null", v, ok)
	}
	// Unknown types are refused, as are both type filters together.
	if _, r := f.feed("activity_types[]=not_a_type"); r.status != http.StatusBadRequest || !strings.Contains(r.err().Error.Message, "not_a_type") {
		t.Errorf("unknown type: %d %s", r.status, r.body)
	}
	if _, r := f.feed("activity_types[]=claude_chat_created&exclude_activity_types[]=sso_login_succeeded"); r.status != http.StatusBadRequest {
		t.Errorf("both type filters: %d", r.status)
	}
	if _, r := f.feed("limit=5001"); r.status != http.StatusBadRequest {
		t.Errorf("limit 5001: %d", r.status)
	}
	if err := f.Server.SeedActivities(-1); err == nil {
		t.Error("SeedActivities(-1) succeeded")
	}
	if _, err := f.AddActivity(ActivitySeed{Type: "nope"}); err == nil {
		t.Error("AddActivity of an unknown type succeeded")
	}
}

// TestActivityFeedAuditsTheFake checks the activities the fake records of
// itself: a platform_* activity per admin operation, by the Admin key's
// actor, and a compliance_api_accessed per Compliance API call whose
// request_id is the call's request-id header.
func TestActivityFeedAuditsTheFake(t *testing.T) {
	f := newFake(t)
	ws := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "Audited"})
	ok[gen.CostReport](f, "GET", "/v1/organizations/cost_report?starting_at=2026-03-01T00:00:00Z", nil)
	f.fails("GET", "/v1/organizations/workspaces/wrkspc_missing", nil, 404, errNotFound) // no activity

	p := f.feedOK("activity_types[]=platform_workspace_created&activity_types[]=platform_cost_report_viewed")
	if len(p.Data) != 2 || p.Data[0]["type"] != "platform_cost_report_viewed" || p.Data[1]["type"] != "platform_workspace_created" {
		t.Fatalf("platform activities = %v", p.Data)
	}
	actor := p.Data[1]["actor"].(map[string]any)
	if actor["type"] != "admin_api_key_actor" || actor["admin_api_key_id"] == "" {
		t.Errorf("actor of an Admin key call = %v", actor)
	}
	_ = ws

	// The previous feed call is itself in the feed.
	q, r := f.feed("activity_types[]=compliance_api_accessed")
	if len(q.Data) == 0 {
		t.Fatal("no compliance_api_accessed activity")
	}
	first := q.Data[0]
	if first["organization_id"] != nil || first["actor"].(map[string]any)["type"] != "api_actor" {
		t.Errorf("compliance_api_accessed = %v", first)
	}
	// Its request_id is the request-id of a feed call: the one of this
	// call appears on the next page.
	next := f.feedOK("activity_types[]=compliance_api_accessed&limit=1")
	if got, want := next.Data[0]["request_id"], r.header.Get("request-id"); got != want {
		t.Errorf("request_id = %v, want the request-id %s of the call", got, want)
	}
	// Refused calls leave no trace.
	before := len(f.ActivityIDs())
	f.doWith("GET", "/v1/compliance/activities", nil, hdr("x-api-key", "sk-ant-wrong", "anthropic-version", APIVersion))
	if after := len(f.ActivityIDs()); after != before {
		t.Errorf("a 401 added %d activities", after-before)
	}
}

// TestComplianceScopes checks the generic enforcement of x-admin-scopes
// on the Compliance API, and the Admin key's access to the Activity Feed.
func TestComplianceScopes(t *testing.T) {
	f := newFake(t)
	users := "/v1/compliance/organizations/" + f.OrganizationID() + "/users"
	feed := "/v1/compliance/activities"
	onlyFeed := f.NewComplianceKey(ScopeComplianceActivities)
	onlyUsers := f.NewComplianceKey(ScopeComplianceUserData)
	adminWith := f.NewAdminKey(ScopeComplianceActivities)
	adminWithout := f.NewAdminKey()
	v := "anthropic-version"
	for _, c := range []struct {
		name, path string
		h          http.Header
		status     int
		msg        string
	}{
		{"default compliance key, feed", feed, hdr("x-api-key", f.ComplianceKey(), v, APIVersion), 200, ""},
		{"default compliance key, users, bearer", users, hdr("Authorization", "Bearer "+f.ComplianceKey(), v, APIVersion), 200, ""},
		{"default compliance key, users, x-api-key", users, hdr("x-api-key", f.ComplianceKey(), v, APIVersion), 200, ""},
		{"feed-only key on the feed", feed, hdr("Authorization", "Bearer "+onlyFeed, v, APIVersion), 200, ""},
		{"feed-only key on users", users, hdr("x-api-key", onlyFeed, v, APIVersion), 403, "Missing required scopes. Got: [read:compliance_activities] Needed: [read:compliance_user_data]"},
		{"users-only key on the feed", feed, hdr("x-api-key", onlyUsers, v, APIVersion), 403, "Needed: [read:compliance_activities]"},
		{"users-only key on users", users, hdr("x-api-key", onlyUsers, v, APIVersion), 200, ""},
		{"default admin key on the feed", feed, hdr("x-api-key", f.AdminKey(), v, APIVersion), 200, ""},
		{"admin key with the scope", feed, hdr("x-api-key", adminWith, v, APIVersion), 200, ""},
		{"admin key with the scope, bearer", feed, hdr("Authorization", "Bearer "+adminWith, v, APIVersion20261021), 200, ""},
		{"admin key without the scope", feed, hdr("x-api-key", adminWithout, v, APIVersion), 403, "Missing required scopes. Got: [] Needed: [read:compliance_activities]"},
		{"admin key on users", users, hdr("x-api-key", adminWith, v, APIVersion), 403, "needs a Compliance Access Key"},
		{"minted admin key on the Admin API", "/v1/organizations/users", hdr("x-api-key", adminWithout, v, APIVersion), 200, ""},
		{"compliance key on the Admin API", "/v1/organizations/users", hdr("x-api-key", onlyFeed, v, APIVersion), 403, ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := f.doWith("GET", c.path, nil, c.h)
			if r.status != c.status {
				t.Fatalf("status %d, want %d: %s", r.status, c.status, r.body)
			}
			if c.status == 403 {
				if e := r.err(); e.Error.Type != errPermission || !strings.Contains(e.Error.Message, c.msg) {
					t.Errorf("error = %s %q, want permission_error containing %q", e.Error.Type, e.Error.Message, c.msg)
				}
			}
		})
	}
	for _, bad := range []func(){
		func() { f.NewComplianceKey("write:everything") },
		func() { f.NewAdminKey(ScopeComplianceUserData) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Error("minting a key with an impossible scope did not panic")
				}
			}()
			bad()
		}()
	}
}

// TestEveryComplianceOperationHasScopes checks the contract the fake
// enforces generically: every Compliance API route carries scopes.
func TestEveryComplianceOperationHasScopes(t *testing.T) {
	n := 0
	for _, rt := range mustRoutes() {
		if rt.compliance {
			n++
			if len(rt.scopes) == 0 {
				t.Errorf("%s has no x-admin-scopes", rt.pattern)
			}
		}
	}
	if n < 2 {
		t.Errorf("only %d Compliance API routes", n)
	}
}

func TestDemoActivities(t *testing.T) {
	f := newFake(t, WithDemoData())
	p := f.feedOK("limit=5000")
	types := map[string]bool{}
	for _, a := range p.Data {
		types[a["type"].(string)] = true
	}
	if len(p.Data) < 160 || len(types) < 16 {
		t.Errorf("demo feed: %d activities of %d types", len(p.Data), len(types))
	}
	raw, _ := json.Marshal(p.Data[len(p.Data)-1])
	if !strings.Contains(string(raw), `"created_at"`) {
		t.Errorf("activity without created_at: %s", raw)
	}
}

func TestSeedActivities(t *testing.T) {
	f := newFake(t)
	newest := must[string](t)(f.AddActivity(ActivitySeed{Type: "claude_chat_created"}))
	if err := f.SeedActivities(1000); err != nil {
		t.Fatal(err)
	}
	ids := f.ActivityIDs()
	if len(ids) != 1001 || ids[1000] != newest {
		t.Fatalf("%d activities, last %s, want 1001 with %s the newest", len(ids), ids[len(ids)-1], newest)
	}
	// A page of 5000 from the middle costs a binary search and the page.
	p := f.feedOK("limit=3")
	if len(p.Data) != 3 || p.Data[0]["id"] != newest {
		t.Errorf("newest page = %v", p.ids())
	}
}

// hdr returns a header of the name/value pairs kv.
func hdr(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}
