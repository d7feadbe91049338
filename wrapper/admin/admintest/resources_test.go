package admintest

import (
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

func inviteID(i gen.Invite) string { return i.ID }

func TestInvites(t *testing.T) {
	f := newFake(t)
	inv := ok[gen.Invite](f, "POST", "/v1/organizations/invites", map[string]string{"email": "new@example.com", "role": "developer"})
	want := gen.Invite{ID: inv.ID, Type: gen.InviteTypeInvite, Email: "new@example.com", Role: gen.OrganizationRoleDeveloper,
		Status: gen.InviteStatusPending, InvitedAt: t0, ExpiresAt: t0.Add(21 * 24 * time.Hour), RBACGroupIDs: []string{}}
	if diff := cmp.Diff(want, inv); diff != "" {
		t.Errorf("created invite (-want +got):\n%s", diff)
	}
	f.failsWithCode("POST", "/v1/organizations/invites", map[string]string{"email": "NEW@example.com", "role": "user"}, 400, errInvalidRequest, gen.ErrorCodeInviteAlreadyExists)
	f.fails("POST", "/v1/organizations/invites", map[string]string{"email": "not-an-email", "role": "user"}, 400, errInvalidRequest)
	old := must[gen.Invite](t)(f.AddInvite(InviteSeed{Email: "old@example.com", InvitedAt: t0.Add(-22 * 24 * time.Hour)}))
	if old.Status != gen.InviteStatusExpired {
		t.Errorf("invite sent 22 days ago is %s, want expired", old.Status)
	}
	acc := must[gen.Invite](t)(f.AddInvite(InviteSeed{Email: "joiner@example.com", Role: gen.OrganizationRoleUser}))
	joined := must[gen.User](t)(f.AcceptInvite(acc.ID))
	if joined.Email != "joiner@example.com" || joined.Role != gen.OrganizationRoleUser {
		t.Errorf("accepted invite made user %+v", joined)
	}
	f.failsWithCode("POST", "/v1/organizations/invites", map[string]string{"email": "joiner@example.com", "role": "user"}, 400, errInvalidRequest, gen.ErrorCodeAlreadyMember)

	list := func(q string) []string {
		return ids(ok[gen.InviteList](f, "GET", "/v1/organizations/invites"+q, nil).Data, inviteID)
	}
	if diff := cmp.Diff([]string{inv.ID, old.ID, acc.ID}, list("")); diff != "" {
		t.Errorf("all invites (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{inv.ID}, list("?statuses[]=pending")); diff != "" {
		t.Errorf("pending (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{old.ID, acc.ID}, list("?statuses[]=expired&statuses[]=accepted")); diff != "" {
		t.Errorf("expired+accepted (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{inv.ID}, list("?email=New@Example.com")); diff != "" {
		t.Errorf("email filter (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{inv.ID}, list("?roles[]=developer")); diff != "" {
		t.Errorf("roles filter (-want +got):\n%s", diff)
	}

	// Expiry follows the clock.
	f.Advance(21 * 24 * time.Hour)
	if got := ok[gen.Invite](f, "GET", "/v1/organizations/invites/"+inv.ID, nil); got.Status != gen.InviteStatusExpired {
		t.Errorf("after 21 days status = %s, want expired", got.Status)
	}
	f.fails("DELETE", "/v1/organizations/invites/"+inv.ID, nil, 400, errInvalidRequest)
	f.fails("DELETE", "/v1/organizations/invites/"+acc.ID, nil, 400, errInvalidRequest)
	fresh := ok[gen.Invite](f, "POST", "/v1/organizations/invites", map[string]string{"email": "fresh@example.com", "role": "user"})
	del := ok[gen.InviteDeleted](f, "DELETE", "/v1/organizations/invites/"+fresh.ID, nil)
	if del.ID != fresh.ID || del.Type != gen.InviteDeletedTypeInviteDeleted {
		t.Errorf("delete response %+v", del)
	}
	f.fails("GET", "/v1/organizations/invites/"+fresh.ID, nil, 404, errNotFound)
}

func TestSeatLimit(t *testing.T) {
	f := newFake(t, WithSeatLimit(2))
	must[gen.User](t)(f.AddUser(UserSeed{Email: "a@example.com"}))
	ok[gen.Invite](f, "POST", "/v1/organizations/invites", map[string]string{"email": "b@example.com", "role": "user"})
	f.failsWithCode("POST", "/v1/organizations/invites", map[string]string{"email": "c@example.com", "role": "user"}, 400, errInvalidRequest, gen.ErrorCodeOrgMemberLimitExceeded)
}

func wsID(w gen.Workspace) string { return w.ID }

func TestWorkspaces(t *testing.T) {
	f := newFake(t)
	a := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "Alpha", "tags": map[string]string{"env": "prod"}})
	if a.Name != "Alpha" || a.ArchivedAt != nil || !a.CreatedAt.Equal(t0) || a.Tags["env"] != "prod" || a.DisplayColor == "" {
		t.Errorf("created workspace %+v", a)
	}
	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": "Alpha"}, 409, errConflict)
	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": "Tagged", "tags": map[string]string{"anthropic-x": "1"}}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": "Geo", "data_residency": map[string]any{"allowed_inference_geos": []string{"us"}, "default_inference_geo": "global"}}, 400, errInvalidRequest)
	geo := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "Geo", "data_residency": map[string]any{"allowed_inference_geos": []string{"us"}, "default_inference_geo": "us"}})
	if geo.DataResidency.DefaultInferenceGeo != gen.InferenceGeoUS {
		t.Errorf("data residency %+v", geo.DataResidency)
	}
	b := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+geo.ID, map[string]any{"name": "Beta", "display_color": "#aabbcc"})
	if b.Name != "Beta" || b.DisplayColor != "#AABBCC" || b.ID != geo.ID {
		t.Errorf("updated workspace %+v", b)
	}

	list := func(q string) []string {
		return ids(ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces"+q, nil).Data, wsID)
	}
	if diff := cmp.Diff([]string{a.ID, b.ID}, list("")); diff != "" {
		t.Errorf("workspaces (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{f.DefaultWorkspaceID(), a.ID, b.ID}, list("?include_default=true")); diff != "" {
		t.Errorf("with default (-want +got):\n%s", diff)
	}

	// Archiving sets archived_at and archives the workspace's keys.
	key := must[gen.APIKey](t)(f.AddAPIKey(APIKeySeed{Name: "k", WorkspaceID: a.ID}))
	other := must[gen.APIKey](t)(f.AddAPIKey(APIKeySeed{Name: "other", WorkspaceID: b.ID}))
	f.Advance(time.Hour)
	arch := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+a.ID+"/archive", nil)
	if arch.ArchivedAt == nil || !arch.ArchivedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("archived_at = %v, want %v", arch.ArchivedAt, t0.Add(time.Hour))
	}
	if again := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+a.ID+"/archive", nil); !again.ArchivedAt.Equal(*arch.ArchivedAt) {
		t.Errorf("archiving again moved archived_at to %v", again.ArchivedAt)
	}
	if k := ok[gen.APIKey](f, "GET", "/v1/organizations/api_keys/"+key.ID, nil); k.Status != gen.APIKeyStatusArchived {
		t.Errorf("key of the archived workspace is %s", k.Status)
	}
	if k := ok[gen.APIKey](f, "GET", "/v1/organizations/api_keys/"+other.ID, nil); k.Status != gen.APIKeyStatusActive {
		t.Errorf("key of another workspace is %s", k.Status)
	}
	if diff := cmp.Diff([]string{b.ID}, list("")); diff != "" {
		t.Errorf("without archived (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{a.ID, b.ID}, list("?include_archived=true")); diff != "" {
		t.Errorf("with archived (-want +got):\n%s", diff)
	}
	f.fails("POST", "/v1/organizations/workspaces/"+a.ID, map[string]any{"name": "Again"}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/workspaces/"+f.DefaultWorkspaceID()+"/archive", nil, 400, errInvalidRequest)
	// The archived workspace's name is free again.
	ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "Alpha"})
	f.fails("GET", "/v1/organizations/workspaces/wrkspc_01nope", nil, 404, errNotFound)
}

// TestWorkspaceNameLength checks that names of up to 255 characters, as
// the reference allows, are accepted through the API and by the seeding
// helper, and longer ones refused.
func TestWorkspaceNameLength(t *testing.T) {
	f := newFake(t)
	longest := strings.Repeat("é", 255) // characters, not bytes
	w := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": longest})
	if w.Name != longest {
		t.Errorf("created name %q, want %q", w.Name, longest)
	}
	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": strings.Repeat("x", 256)}, 400, errInvalidRequest)
	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": ""}, 400, errInvalidRequest)

	other := strings.Repeat("o", 255)
	if up := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+w.ID, map[string]any{"name": other}); up.Name != other {
		t.Errorf("renamed to %q, want %q", up.Name, other)
	}
	f.fails("POST", "/v1/organizations/workspaces/"+w.ID, map[string]any{"name": strings.Repeat("x", 256)}, 400, errInvalidRequest)

	if _, err := f.AddWorkspace(WorkspaceSeed{Name: strings.Repeat("s", 255)}); err != nil {
		t.Errorf("seeding a 255-character name: %v", err)
	}
	if _, err := f.AddWorkspace(WorkspaceSeed{Name: strings.Repeat("s", 256)}); err == nil {
		t.Error("seeding a 256-character name succeeded")
	}
}

// TestWorkspaceTagsUpdate checks that tags on update replace the old ones,
// that {} removes every tag and that an update without tags keeps them.
func TestWorkspaceTagsUpdate(t *testing.T) {
	f := newFake(t)
	w := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "T", "tags": map[string]string{"team": "ml", "env": "prod"}})
	path := "/v1/organizations/workspaces/" + w.ID
	for _, c := range []struct {
		name string
		body map[string]any
		want map[string]string
	}{
		{"without tags", map[string]any{"name": "Renamed"}, map[string]string{"team": "ml", "env": "prod"}},
		{"new tags", map[string]any{"tags": map[string]string{"env": "dev"}}, map[string]string{"env": "dev"}},
		{"empty tags", map[string]any{"tags": map[string]string{}}, map[string]string{}},
		{"without tags again", map[string]any{"display_color": "#000000"}, map[string]string{}},
	} {
		up := ok[gen.Workspace](f, "POST", path, c.body)
		if diff := cmp.Diff(c.want, up.Tags); diff != "" {
			t.Errorf("%s: returned tags (-want +got):\n%s", c.name, diff)
		}
		if diff := cmp.Diff(c.want, ok[gen.Workspace](f, "GET", path, nil).Tags); diff != "" {
			t.Errorf("%s: stored tags (-want +got):\n%s", c.name, diff)
		}
	}
	f.fails("POST", path, map[string]any{"tags": map[string]string{"anthropic": "x"}}, 400, errInvalidRequest)
}

// residencyJSON renders a data residency for comparison (its
// allowed_inference_geos is a union that cmp cannot look into).
func residencyJSON(t *testing.T, dr gen.DataResidency) string {
	t.Helper()
	data, err := json.Marshal(dr)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestNullRequestFields checks the request fields the reference types as
// nullable: null is accepted and means the same as leaving the field out,
// that is the default on create and "unchanged" on update.
func TestNullRequestFields(t *testing.T) {
	f := newFake(t)
	const base = "/v1/organizations/workspaces"
	plain := ok[gen.Workspace](f, "POST", base, map[string]any{"name": "Plain"})
	for name, body := range map[string]map[string]any{
		"Nulls":       {"data_residency": nil, "display_color": nil, "external_key_id": nil, "tags": nil},
		"Inner nulls": {"data_residency": map[string]any{"workspace_geo": nil, "default_inference_geo": nil, "allowed_inference_geos": nil}},
	} {
		body["name"] = name
		w := ok[gen.Workspace](f, "POST", base, body)
		if w.DisplayColor != plain.DisplayColor || len(w.Tags) != 0 || w.ExternalKeyID != nil ||
			residencyJSON(t, w.DataResidency) != residencyJSON(t, plain.DataResidency) {
			t.Errorf("created with %v: %+v, want the defaults of %+v", body, w, plain)
		}
	}

	geo := ok[gen.Workspace](f, "POST", base, map[string]any{"name": "Geo", "tags": map[string]string{"team": "a"},
		"data_residency": map[string]any{"allowed_inference_geos": []string{"us"}, "default_inference_geo": "us"}})
	up := ok[gen.Workspace](f, "POST", base+"/"+geo.ID, map[string]any{"data_residency": nil})
	if got, want := residencyJSON(t, up.DataResidency), residencyJSON(t, geo.DataResidency); got != want {
		t.Errorf("data_residency null changed the residency to %s, want %s", got, want)
	}
	up = ok[gen.Workspace](f, "POST", base+"/"+geo.ID, map[string]any{"data_residency": map[string]any{
		"allowed_inference_geos": []string{"us", "global"}, "default_inference_geo": nil}})
	if got, want := residencyJSON(t, up.DataResidency), `{"allowed_inference_geos":["us","global"],"default_inference_geo":"us","workspace_geo":"us"}`; got != want {
		t.Errorf("default_inference_geo null: residency %s, want %s", got, want)
	}
	if up.Name != "Geo" || up.Tags["team"] != "a" {
		t.Errorf("updating the residency changed other fields: %+v", up)
	}

	key := must[gen.APIKey](t)(f.AddAPIKey(APIKeySeed{Name: "k"}))
	keyPath := "/v1/organizations/api_keys/" + key.ID
	if k := ok[gen.APIKey](f, "POST", keyPath, map[string]any{"name": nil, "status": "inactive"}); k.Name != "k" || k.Status != gen.APIKeyStatusInactive {
		t.Errorf("name null: key %q %s, want \"k\" inactive", k.Name, k.Status)
	}
	if k := ok[gen.APIKey](f, "POST", keyPath, map[string]any{"name": "renamed", "status": nil}); k.Name != "renamed" || k.Status != gen.APIKeyStatusInactive {
		t.Errorf("status null: key %q %s, want \"renamed\" inactive", k.Name, k.Status)
	}
	if k := ok[gen.APIKey](f, "POST", keyPath, map[string]any{"name": nil, "status": nil}); k.Name != "renamed" || k.Status != gen.APIKeyStatusInactive {
		t.Errorf("both null: key %q %s, want \"renamed\" inactive", k.Name, k.Status)
	}
}

func TestWorkspaceMembers(t *testing.T) {
	f := newFake(t)
	users := seedUsers(t, f, 4)
	w := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	base := "/v1/organizations/workspaces/" + w.ID + "/members"
	// Added out of order; listed by user ID.
	for _, i := range []int{2, 0, 3} {
		m := ok[gen.WorkspaceMember](f, "POST", base, map[string]string{"user_id": users[i].ID, "workspace_role": "workspace_developer"})
		want := gen.WorkspaceMember{Type: gen.WorkspaceMemberTypeWorkspaceMember, UserID: users[i].ID, WorkspaceID: w.ID, WorkspaceRole: gen.WorkspaceRoleWorkspaceDeveloper}
		if diff := cmp.Diff(want, m); diff != "" {
			t.Errorf("added member (-want +got):\n%s", diff)
		}
	}
	l := ok[gen.WorkspaceMemberList](f, "GET", base+"?limit=2", nil)
	if diff := cmp.Diff([]string{users[0].ID, users[2].ID}, ids(l.Data, func(m gen.WorkspaceMember) string { return m.UserID })); diff != "" || !l.HasMore {
		t.Errorf("first page (-want +got):\n%s has_more %v", diff, l.HasMore)
	}
	f.fails("POST", base, map[string]string{"user_id": users[0].ID, "workspace_role": "workspace_user"}, 409, errConflict)
	f.fails("POST", base, map[string]string{"user_id": "user_01nobody", "workspace_role": "workspace_user"}, 404, errNotFound)
	f.fails("POST", base, map[string]string{"user_id": users[1].ID, "workspace_role": "workspace_billing"}, 400, errInvalidRequest)
	m := ok[gen.WorkspaceMember](f, "POST", base+"/"+users[0].ID, map[string]string{"workspace_role": "workspace_billing"})
	if m.WorkspaceRole != gen.WorkspaceRoleWorkspaceBilling {
		t.Errorf("updated role %s", m.WorkspaceRole)
	}
	if got := ok[gen.WorkspaceMember](f, "GET", base+"/"+users[0].ID, nil); got.WorkspaceRole != gen.WorkspaceRoleWorkspaceBilling {
		t.Errorf("stored role %s", got.WorkspaceRole)
	}
	f.fails("GET", base+"/"+users[1].ID, nil, 404, errNotFound)
	del := ok[gen.WorkspaceMemberDeleted](f, "DELETE", base+"/"+users[2].ID, nil)
	if del.UserID != users[2].ID || del.WorkspaceID != w.ID {
		t.Errorf("delete response %+v", del)
	}
	f.fails("DELETE", base+"/"+users[2].ID, nil, 404, errNotFound)
	must[gen.Workspace](t)(f.ArchiveWorkspace(w.ID))
	f.fails("POST", base, map[string]string{"user_id": users[1].ID, "workspace_role": "workspace_user"}, 400, errInvalidRequest)
	if l := ok[gen.WorkspaceMemberList](f, "GET", base, nil); len(l.Data) != 2 {
		t.Errorf("archived workspace lists %d members, want 2", len(l.Data))
	}
}

func TestAPIKeys(t *testing.T) {
	f := newFake(t)
	users := seedUsers(t, f, 2)
	w := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	k1 := must[gen.APIKey](t)(f.AddAPIKey(APIKeySeed{Name: "one", WorkspaceID: w.ID, CreatedByUserID: users[0].ID}))
	k2 := must[gen.APIKey](t)(f.AddAPIKey(APIKeySeed{Name: "two", CreatedByUserID: users[1].ID, Status: gen.APIKeyStatusInactive}))
	k3 := must[gen.APIKey](t)(f.AddAPIKey(APIKeySeed{Name: "three", WorkspaceID: w.ID, ExpiresAt: ptr(t0.Add(time.Hour))}))
	if k2.WorkspaceID != nil || k2.Scope.WorkspaceID == nil || *k2.Scope.WorkspaceID != f.DefaultWorkspaceID() {
		t.Errorf("default-workspace key: workspace_id %v, scope %+v", k2.WorkspaceID, k2.Scope)
	}
	keyID := func(k gen.APIKey) string { return k.ID }
	list := func(q string) []string {
		return ids(ok[gen.APIKeyList](f, "GET", "/v1/organizations/api_keys"+q, nil).Data, keyID)
	}
	for q, want := range map[string][]string{
		"":                                    {k1.ID, k2.ID, k3.ID},
		"?status=active":                      {k1.ID, k3.ID},
		"?status=inactive":                    {k2.ID},
		"?workspace_id=" + w.ID:               {k1.ID, k3.ID},
		"?created_by_user_id=" + users[1].ID:  {k2.ID},
		"?status=active&workspace_id=" + w.ID: {k1.ID, k3.ID},
	} {
		if diff := cmp.Diff(want, list(q)); diff != "" {
			t.Errorf("list%s (-want +got):\n%s", q, diff)
		}
	}
	f.Advance(2 * time.Hour)
	if diff := cmp.Diff([]string{k3.ID}, list("?status=expired")); diff != "" {
		t.Errorf("expired (-want +got):\n%s", diff)
	}
	f.fails("POST", "/v1/organizations/api_keys/"+k3.ID, map[string]string{"status": "active"}, 400, errInvalidRequest)
	up := ok[gen.APIKey](f, "POST", "/v1/organizations/api_keys/"+k1.ID, map[string]string{"name": "renamed", "status": "inactive"})
	if up.Name != "renamed" || up.Status != gen.APIKeyStatusInactive {
		t.Errorf("updated key %+v", up)
	}
	ok[gen.APIKey](f, "POST", "/v1/organizations/api_keys/"+k1.ID, map[string]string{"status": "archived"})
	f.fails("POST", "/v1/organizations/api_keys/"+k1.ID, map[string]string{"status": "active"}, 400, errInvalidRequest)
	if got := ok[gen.APIKey](f, "POST", "/v1/organizations/api_keys/"+k1.ID, map[string]string{"name": "still archived"}); got.Status != gen.APIKeyStatusArchived || got.Name != "still archived" {
		t.Errorf("renamed archived key %+v", got)
	}
	f.fails("GET", "/v1/organizations/api_keys/apikey_01nope", nil, 404, errNotFound)
}

func TestRateLimits(t *testing.T) {
	f := newFake(t)
	sonnet := must[gen.RateLimit](t)(f.AddRateLimit(RateLimitSeed{GroupType: gen.RateLimitGroupTypeModelGroup, DisplayName: "Sonnet",
		Models: []string{"claude-sonnet-4-5"}, Limits: map[string]int64{"requests_per_minute": 100, "output_tokens_per_minute": 1000}}))
	batch := must[gen.RateLimit](t)(f.AddRateLimit(RateLimitSeed{GroupType: gen.RateLimitGroupTypeBatch, Limits: map[string]int64{"requests_per_minute": 50}}))
	rlID := func(r gen.RateLimit) string { return r.ID }

	all := ok[gen.RateLimitList](f, "GET", "/v1/organizations/rate_limits", nil)
	if diff := cmp.Diff([]gen.RateLimit{sonnet, batch}, all.Data); diff != "" || all.NextPage != nil {
		t.Errorf("all limits (-want +got):\n%s next_page %v", diff, all.NextPage)
	}
	p1 := ok[gen.RateLimitList](f, "GET", "/v1/organizations/rate_limits?limit=1", nil)
	p2 := ok[gen.RateLimitList](f, "GET", "/v1/organizations/rate_limits?limit=1&page="+*p1.NextPage, nil)
	if diff := cmp.Diff([]string{sonnet.ID, batch.ID}, append(ids(p1.Data, rlID), ids(p2.Data, rlID)...)); diff != "" || p2.NextPage != nil {
		t.Errorf("paged limits (-want +got):\n%s", diff)
	}
	if got := ok[gen.RateLimitList](f, "GET", "/v1/organizations/rate_limits?group_type=batch", nil); !slices.Equal(ids(got.Data, rlID), []string{batch.ID}) {
		t.Errorf("group_type=batch gave %v", ids(got.Data, rlID))
	}
	if got := ok[gen.RateLimitList](f, "GET", "/v1/organizations/rate_limits?model=claude-sonnet-4-5", nil); !slices.Equal(ids(got.Data, rlID), []string{sonnet.ID}) {
		t.Errorf("model filter gave %v", ids(got.Data, rlID))
	}
	f.fails("GET", "/v1/organizations/rate_limits?model=claude-unknown", nil, 404, errNotFound)

	w := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	base := "/v1/organizations/workspaces/" + w.ID + "/rate_limits"
	if l := ok[gen.WorkspaceRateLimitList](f, "GET", base, nil); len(l.Data) != 0 {
		t.Errorf("overrides before any update: %+v", l.Data)
	}
	up := ok[gen.WorkspaceRateLimit](f, "POST", base+"/"+sonnet.ID, map[string]any{"limits": []map[string]any{{"type": "requests_per_minute", "value": 10}}})
	want := gen.WorkspaceRateLimit{Type: gen.WorkspaceRateLimitTypeWorkspaceRateLimit, WorkspaceID: w.ID, RateLimitID: sonnet.ID, Group: sonnet.Group, Models: sonnet.Models,
		Limits: []gen.WorkspaceRateLimitValue{
			{Type: "output_tokens_per_minute", Value: 1000, OrgLimit: ptr[int64](1000), Source: gen.RateLimitSource{Type: gen.RateLimitSourceTypeOrganization}},
			{Type: "requests_per_minute", Value: 10, OrgLimit: ptr[int64](100), Source: gen.RateLimitSource{Type: gen.RateLimitSourceTypeWorkspace}},
		}}
	if diff := cmp.Diff(want, up); diff != "" {
		t.Errorf("update response (-want +got):\n%s", diff)
	}
	only := ok[gen.WorkspaceRateLimitList](f, "GET", base, nil)
	if len(only.Data) != 1 || len(only.Data[0].Limits) != 1 || only.Data[0].Limits[0].Value != 10 {
		t.Errorf("overrides only: %+v", only.Data)
	}
	inh := ok[gen.WorkspaceRateLimitList](f, "GET", base+"?include_inherited=true", nil)
	if len(inh.Data) != 2 || inh.Data[1].RateLimitID != batch.ID || inh.Data[1].Limits[0].Source.Type != gen.RateLimitSourceTypeOrganization {
		t.Errorf("with inherited: %+v", inh.Data)
	}
	f.fails("POST", base+"/"+sonnet.ID, map[string]any{"limits": []map[string]any{{"type": "requests_per_minute", "value": 101}}}, 400, errInvalidRequest)
	f.fails("POST", base+"/"+sonnet.ID, map[string]any{"limits": []map[string]any{{"type": "tokens_per_day", "value": 1}}}, 400, errInvalidRequest)
	f.fails("POST", base+"/rl_01nope", map[string]any{"limits": []map[string]any{{"type": "requests_per_minute", "value": 1}}}, 404, errNotFound)
	// null clears the override.
	ok[gen.WorkspaceRateLimit](f, "POST", base+"/"+sonnet.ID, map[string]any{"limits": []map[string]any{{"type": "requests_per_minute", "value": nil}}})
	if l := ok[gen.WorkspaceRateLimitList](f, "GET", base, nil); len(l.Data) != 0 {
		t.Errorf("overrides after clearing: %+v", l.Data)
	}
	f.fails("GET", "/v1/organizations/workspaces/wrkspc_01nope/rate_limits", nil, 404, errNotFound)
}
