package admintest

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// oauth sends a request with a valid org:admin OAuth token, the only
// credential of the service account operations.
func (f *fake) oauth(method, path string, body any) response {
	f.t.Helper()
	h := http.Header{}
	h.Set("Authorization", "Bearer "+f.IssueOAuthToken(time.Hour))
	h.Set("anthropic-version", APIVersion)
	return f.doWith(method, path, body, h)
}

// oauthOK is ok with an OAuth token.
func oauthOK[T any](f *fake, method, path string, body any) T {
	f.t.Helper()
	r := f.oauth(method, path, body)
	if r.status != http.StatusOK {
		f.t.Fatalf("%s %s: status %d, body %s", method, path, r.status, r.body)
	}
	var v T
	mustJSON(f.t, r.body, &v)
	return v
}

// oauthFails is fails with an OAuth token; it returns the error message.
func (f *fake) oauthFails(method, path string, body any, status int, errType string) string {
	f.t.Helper()
	r := f.oauth(method, path, body)
	e := r.err()
	if r.status != status || e.Error.Type != errType {
		f.t.Fatalf("%s %s: got %d %s, want %d %s (body %s)", method, path, r.status, e.Error.Type, status, errType, r.body)
	}
	return e.Error.Message
}

const saPath = "/v1/organizations/service_accounts"

func wsSAPath(wsID string) string {
	return "/v1/organizations/workspaces/" + wsID + "/service_accounts"
}

func TestServiceAccountsNeedOAuth(t *testing.T) {
	f := newFake(t)
	sa := must[gen.ServiceAccount](t)(f.AddServiceAccount(ServiceAccountSeed{Name: "ci"}))
	ws := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	sap, wsp := saPath+"/"+sa.ID, wsSAPath(ws.ID)
	ops := []struct {
		method, path string
		body         any
	}{
		{"GET", saPath, nil},
		{"POST", saPath, map[string]any{"name": "x"}},
		{"GET", sap, nil},
		{"POST", sap, map[string]any{}},
		{"GET", sap + "/workspaces", nil},
		{"POST", sap + "/workspaces", map[string]any{"workspace_id": ws.ID, "workspace_role": "workspace_user"}},
		{"DELETE", sap + "/workspaces/" + ws.ID, nil},
		{"GET", wsp, nil},
		{"POST", wsp, map[string]any{"service_account_id": sa.ID, "workspace_role": "workspace_user"}},
		{"GET", wsp + "/" + sa.ID, nil},
		{"POST", wsp + "/" + sa.ID, map[string]any{"workspace_role": "workspace_user"}},
		{"DELETE", wsp + "/" + sa.ID, nil},
		{"POST", sap + "/archive", nil},
	}
	for _, o := range ops {
		f.fails(o.method, o.path, o.body, http.StatusForbidden, errPermission)
	}
	// Nothing changed: the Admin key was refused before any handler ran.
	if got := oauthOK[gen.ServiceAccount](f, "GET", sap, nil); got.ArchivedAt != nil {
		t.Errorf("the service account was archived with the Admin key")
	}
	for _, o := range ops {
		if r := f.oauth(o.method, o.path, o.body); r.status != http.StatusOK {
			t.Errorf("%s %s with an OAuth token: %d %s", o.method, o.path, r.status, r.body)
		}
	}
}

func TestServiceAccountLifecycle(t *testing.T) {
	f := newFake(t)
	sa := oauthOK[gen.ServiceAccount](f, "POST", saPath, map[string]any{"name": "ci-deployer"})
	if !strings.HasPrefix(sa.ID, "svac_01") || sa.Type != gen.ServiceAccountTypeServiceAccount || sa.OrganizationRole != gen.ServiceAccountOrganizationRoleDeveloper ||
		sa.Description != "" || !sa.CreatedAt.Equal(t0) || !sa.UpdatedAt.Equal(t0) || sa.CreatedByActorID != OAuthActorID ||
		sa.UpdatedByActorID != OAuthActorID || sa.ArchivedAt != nil || sa.ArchivedByActorID != nil {
		t.Errorf("created %+v", sa)
	}
	admin := oauthOK[gen.ServiceAccount](f, "POST", saPath, map[string]any{"name": "tf", "description": "Terraform", "organization_role": "admin"})
	if admin.OrganizationRole != gen.ServiceAccountOrganizationRoleAdmin || admin.Description != "Terraform" {
		t.Errorf("created %+v", admin)
	}
	if msg := f.oauthFails("POST", saPath, map[string]any{"name": "ci-deployer"}, http.StatusConflict, errConflict); !strings.Contains(msg, "ci-deployer") {
		t.Errorf("duplicate name: %q", msg)
	}
	for _, bad := range []map[string]any{{"name": "CI"}, {"name": "ci deployer"}, {"name": ""}, {}, {"name": "x", "organization_role": "owner"}} {
		f.oauthFails("POST", saPath, bad, http.StatusBadRequest, errInvalidRequest)
	}

	p := saPath + "/" + sa.ID
	if got := oauthOK[gen.ServiceAccount](f, "GET", p, nil); got != sa {
		t.Errorf("get = %+v, want %+v", got, sa)
	}
	f.Advance(time.Minute)
	up := oauthOK[gen.ServiceAccount](f, "POST", p, map[string]any{"description": "Deploys", "organization_role": "admin"})
	if up.Description != "Deploys" || up.OrganizationRole != gen.ServiceAccountOrganizationRoleAdmin || up.Name != sa.Name ||
		!up.UpdatedAt.Equal(t0.Add(time.Minute)) || !up.CreatedAt.Equal(t0) {
		t.Errorf("updated %+v", up)
	}
	// Absent and null organization_role leave it; null description clears
	// it, as "" does; name is not a field of the update and is ignored.
	if got := oauthOK[gen.ServiceAccount](f, "POST", p, map[string]any{"organization_role": nil, "name": "other"}); got.Description != "Deploys" || got.OrganizationRole != gen.ServiceAccountOrganizationRoleAdmin || got.Name != "ci-deployer" {
		t.Errorf("update with null role = %+v", got)
	}
	if got := oauthOK[gen.ServiceAccount](f, "POST", p, map[string]any{"description": nil}); got.Description != "" || got.OrganizationRole != gen.ServiceAccountOrganizationRoleAdmin {
		t.Errorf("update with null description = %+v", got)
	}
	oauthOK[gen.ServiceAccount](f, "POST", p, map[string]any{"description": "again"})
	if got := oauthOK[gen.ServiceAccount](f, "POST", p, map[string]any{"description": ""}); got.Description != "" {
		t.Errorf("update with empty description = %+v", got)
	}
	f.oauthFails("POST", p, map[string]any{"organization_role": "owner"}, http.StatusBadRequest, errInvalidRequest)

	f.Advance(time.Minute)
	arch := oauthOK[gen.ServiceAccount](f, "POST", p+"/archive", nil)
	if arch.ArchivedAt == nil || !arch.ArchivedAt.Equal(t0.Add(2*time.Minute)) || arch.ArchivedByActorID == nil || *arch.ArchivedByActorID != OAuthActorID {
		t.Errorf("archived %+v", arch)
	}
	f.Advance(time.Minute)
	if again := oauthOK[gen.ServiceAccount](f, "POST", p+"/archive", nil); !again.ArchivedAt.Equal(*arch.ArchivedAt) {
		t.Errorf("archiving again moved archived_at to %v", again.ArchivedAt)
	}
	// Read-only once archived, still readable, and its name stays taken.
	f.oauthFails("POST", p, map[string]any{"description": "x"}, http.StatusBadRequest, errInvalidRequest)
	if got := oauthOK[gen.ServiceAccount](f, "GET", p, nil); got.ArchivedAt == nil || got.Description != "" {
		t.Errorf("get archived = %+v", got)
	}
	f.oauthFails("POST", saPath, map[string]any{"name": "ci-deployer"}, http.StatusConflict, errConflict)

	list := oauthOK[gen.ServiceAccountList](f, "GET", saPath, nil)
	if len(list.Data) != 1 || list.Data[0].ID != admin.ID || list.NextPage != nil {
		t.Errorf("list = %+v", list)
	}
	all := oauthOK[gen.ServiceAccountList](f, "GET", saPath+"?include_archived=true", nil)
	if len(all.Data) != 2 || all.Data[0].ID != admin.ID || all.Data[1].ID != sa.ID {
		t.Errorf("list with archived = %+v", all)
	}
	for _, path := range []string{"", "/archive"} {
		f.oauthFails("POST", saPath+"/svac_01nope"+path, map[string]any{}, http.StatusNotFound, errNotFound)
	}
	f.oauthFails("GET", saPath+"/svac_01nope", nil, http.StatusNotFound, errNotFound)
}

func TestServiceAccountListPages(t *testing.T) {
	f := newFake(t)
	var ids []string
	for _, name := range []string{"a", "b", "c", "d", "e"} {
		sa := must[gen.ServiceAccount](t)(f.AddServiceAccount(ServiceAccountSeed{Name: name}))
		ids = append(ids, sa.ID)
	}
	must[gen.ServiceAccount](t)(f.ArchiveServiceAccount(ids[3]))
	walk := func(query string) (got []string, pages int) {
		page := ""
		for {
			q := "?limit=2" + query
			if page != "" {
				q += "&page=" + url.QueryEscape(page)
			}
			l := oauthOK[gen.ServiceAccountList](f, "GET", saPath+q, nil)
			pages++
			for _, sa := range l.Data {
				got = append(got, sa.ID)
			}
			if l.NextPage == nil {
				return got, pages
			}
			page = *l.NextPage
		}
	}
	got, pages := walk("")
	if want := []string{ids[4], ids[2], ids[1], ids[0]}; !equalStrings(got, want) || pages != 2 {
		t.Errorf("newest first without archived: %v in %d pages, want %v in 2", got, pages, want)
	}
	got, pages = walk("&include_archived=true")
	if want := []string{ids[4], ids[3], ids[2], ids[1], ids[0]}; !equalStrings(got, want) || pages != 3 {
		t.Errorf("newest first with archived: %v in %d pages, want %v in 3", got, pages, want)
	}
	// A token of the list without archived ones is refused by the list with them.
	first := oauthOK[gen.ServiceAccountList](f, "GET", saPath+"?limit=1", nil)
	f.oauthFails("GET", saPath+"?include_archived=true&page="+url.QueryEscape(*first.NextPage), nil, http.StatusBadRequest, errInvalidRequest)
	f.oauthFails("GET", saPath+"?page=garbage", nil, http.StatusBadRequest, errInvalidRequest)
	f.oauthFails("GET", saPath+"?limit=0", nil, http.StatusBadRequest, errInvalidRequest)
}

func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// membershipKey identifies a membership in a list.
func membershipKey(m gen.ServiceAccountWorkspaceMember) string {
	s := m.ServiceAccountID + "@" + m.WorkspaceID + ":" + string(m.WorkspaceRole)
	if m.Implicit {
		s += ":implicit"
	}
	return s
}

func membershipKeys(l gen.ServiceAccountWorkspaceMemberList) []string {
	var out []string
	for _, m := range l.Data {
		out = append(out, membershipKey(m))
	}
	return out
}

func TestServiceAccountMemberships(t *testing.T) {
	f := newFake(t)
	dflt := f.DefaultWorkspaceID()
	prod := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	stage := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Stage"}))
	sa := must[gen.ServiceAccount](t)(f.AddServiceAccount(ServiceAccountSeed{Name: "ci", CreatedByActorID: "user_01creator"}))
	other := must[gen.ServiceAccount](t)(f.AddServiceAccount(ServiceAccountSeed{Name: "other"}))
	sap := saPath + "/" + sa.ID + "/workspaces"

	// A new service account is an implicit member of the default workspace only.
	l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", sap, nil)
	if want := []string{sa.ID + "@" + dflt + ":workspace_user:implicit"}; !equalStrings(membershipKeys(l), want) || l.NextPage != nil || l.Data[0].CreatedByActorID != "user_01creator" {
		t.Errorf("new service account's workspaces = %+v", l)
	}
	if m := oauthOK[gen.ServiceAccountWorkspaceMember](f, "GET", wsSAPath(dflt)+"/"+sa.ID, nil); !m.Implicit || m.WorkspaceRole != gen.WorkspaceRoleWorkspaceUser {
		t.Errorf("implicit membership = %+v", m)
	}
	if l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", wsSAPath(dflt), nil); len(l.Data) != 0 {
		t.Errorf("the default workspace lists implicit members: %+v", l.Data)
	}
	f.oauthFails("GET", wsSAPath(prod.ID)+"/"+sa.ID, nil, http.StatusNotFound, errNotFound)
	if msg := f.oauthFails("POST", wsSAPath(dflt)+"/"+sa.ID, map[string]any{"workspace_role": "workspace_admin"}, http.StatusNotFound, errNotFound); !strings.Contains(msg, "implicit") {
		t.Errorf("updating the implicit membership: %q", msg)
	}

	// Added from both sides; adding again replaces the role.
	m := oauthOK[gen.ServiceAccountWorkspaceMember](f, "POST", sap, map[string]any{"workspace_id": prod.ID, "workspace_role": "workspace_developer"})
	if m.Implicit || m.WorkspaceRole != gen.WorkspaceRoleWorkspaceDeveloper || m.CreatedByActorID != OAuthActorID || m.Type != gen.ServiceAccountWorkspaceMemberTypeServiceAccountWorkspaceMember {
		t.Errorf("added %+v", m)
	}
	m = oauthOK[gen.ServiceAccountWorkspaceMember](f, "POST", wsSAPath(prod.ID), map[string]any{"service_account_id": sa.ID, "workspace_role": "workspace_admin"})
	if m.WorkspaceRole != gen.WorkspaceRoleWorkspaceAdmin || m.ServiceAccountID != sa.ID || m.WorkspaceID != prod.ID {
		t.Errorf("added again %+v", m)
	}
	oauthOK[gen.ServiceAccountWorkspaceMember](f, "POST", wsSAPath(stage.ID), map[string]any{"service_account_id": sa.ID, "workspace_role": "workspace_user"})
	oauthOK[gen.ServiceAccountWorkspaceMember](f, "POST", wsSAPath(prod.ID), map[string]any{"service_account_id": other.ID, "workspace_role": "workspace_restricted_developer"})
	f.oauthFails("POST", wsSAPath(prod.ID), map[string]any{"service_account_id": sa.ID, "workspace_role": "workspace_billing"}, http.StatusBadRequest, errInvalidRequest)
	f.oauthFails("POST", sap, map[string]any{"workspace_id": "wrkspc_01nope", "workspace_role": "workspace_user"}, http.StatusNotFound, errNotFound)
	f.oauthFails("POST", wsSAPath(prod.ID), map[string]any{"service_account_id": "svac_01nope", "workspace_role": "workspace_user"}, http.StatusNotFound, errNotFound)
	f.oauthFails("POST", wsSAPath("wrkspc_01nope"), map[string]any{"service_account_id": sa.ID, "workspace_role": "workspace_user"}, http.StatusNotFound, errNotFound)

	up := oauthOK[gen.ServiceAccountWorkspaceMember](f, "POST", wsSAPath(stage.ID)+"/"+sa.ID, map[string]any{"workspace_role": "workspace_developer"})
	if up.WorkspaceRole != gen.WorkspaceRoleWorkspaceDeveloper {
		t.Errorf("updated %+v", up)
	}
	f.oauthFails("POST", wsSAPath(stage.ID)+"/"+other.ID, map[string]any{"workspace_role": "workspace_developer"}, http.StatusNotFound, errNotFound)
	f.oauthFails("POST", wsSAPath(stage.ID)+"/"+sa.ID, map[string]any{"workspace_role": "workspace_billing"}, http.StatusBadRequest, errInvalidRequest)

	// Both sides agree; the service account's side pages with the implicit
	// membership as an extra first entry.
	want := []string{
		sa.ID + "@" + dflt + ":workspace_user:implicit",
		sa.ID + "@" + prod.ID + ":workspace_admin",
		sa.ID + "@" + stage.ID + ":workspace_developer",
	}
	first := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", sap+"?limit=1", nil)
	if !equalStrings(membershipKeys(first), want[:2]) || first.NextPage == nil {
		t.Fatalf("first page with limit 1 = %v, want %v and a next page", membershipKeys(first), want[:2])
	}
	second := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", sap+"?limit=1&page="+url.QueryEscape(*first.NextPage), nil)
	if !equalStrings(membershipKeys(second), want[2:]) || second.NextPage != nil {
		t.Errorf("second page = %v (next %v), want %v and no next page", membershipKeys(second), second.NextPage, want[2:])
	}
	// The token names another service account's list.
	f.oauthFails("GET", saPath+"/"+other.ID+"/workspaces?page="+url.QueryEscape(*first.NextPage), nil, http.StatusBadRequest, errInvalidRequest)
	wl := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", wsSAPath(prod.ID), nil)
	if want := []string{sa.ID + "@" + prod.ID + ":workspace_admin", other.ID + "@" + prod.ID + ":workspace_restricted_developer"}; !equalStrings(membershipKeys(wl), want) {
		t.Errorf("workspace's service accounts = %v, want %v", membershipKeys(wl), want)
	}
	if g := oauthOK[gen.ServiceAccountWorkspaceMember](f, "GET", wsSAPath(prod.ID)+"/"+sa.ID, nil); membershipKey(g) != want[1] {
		t.Errorf("get = %+v", g)
	}

	// An explicit default-workspace membership replaces the implicit one;
	// removing it brings the implicit one back; removing that does nothing.
	oauthOK[gen.ServiceAccountWorkspaceMember](f, "POST", sap, map[string]any{"workspace_id": dflt, "workspace_role": "workspace_admin"})
	if l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", sap, nil); len(l.Data) != 3 || membershipKey(l.Data[0]) != sa.ID+"@"+dflt+":workspace_admin" {
		t.Errorf("with an explicit default membership: %v", membershipKeys(l))
	}
	if l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", wsSAPath(dflt), nil); len(l.Data) != 1 {
		t.Errorf("the default workspace's explicit members = %v", membershipKeys(l))
	}
	for range 2 {
		d := oauthOK[gen.ServiceAccountWorkspaceMemberDeleted](f, "DELETE", sap+"/"+dflt, nil)
		if d.ServiceAccountID != sa.ID || d.WorkspaceID != dflt || d.Type != gen.ServiceAccountWorkspaceMemberDeletedTypeServiceAccountWorkspaceMemberDeleted {
			t.Errorf("deleted %+v", d)
		}
		if m := oauthOK[gen.ServiceAccountWorkspaceMember](f, "GET", wsSAPath(dflt)+"/"+sa.ID, nil); !m.Implicit {
			t.Errorf("after removing the default membership: %+v", m)
		}
	}

	// Removing is idempotent from both sides, and a page token of a removed
	// membership is refused.
	page := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", sap+"?limit=1", nil).NextPage
	oauthOK[gen.ServiceAccountWorkspaceMemberDeleted](f, "DELETE", wsSAPath(prod.ID)+"/"+sa.ID, nil)
	oauthOK[gen.ServiceAccountWorkspaceMemberDeleted](f, "DELETE", sap+"/"+prod.ID, nil)
	f.oauthFails("GET", sap+"?page="+url.QueryEscape(*page), nil, http.StatusBadRequest, errInvalidRequest)
	f.oauthFails("GET", wsSAPath(prod.ID)+"/"+sa.ID, nil, http.StatusNotFound, errNotFound)
	if l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", wsSAPath(prod.ID), nil); len(l.Data) != 1 || l.Data[0].ServiceAccountID != other.ID {
		t.Errorf("after removal: %v", membershipKeys(l))
	}
	f.oauthFails("DELETE", sap+"/wrkspc_01nope", nil, http.StatusNotFound, errNotFound)
	f.oauthFails("DELETE", wsSAPath(prod.ID)+"/svac_01nope", nil, http.StatusNotFound, errNotFound)
	f.oauthFails("GET", saPath+"/svac_01nope/workspaces", nil, http.StatusNotFound, errNotFound)
	f.oauthFails("GET", wsSAPath("wrkspc_01nope"), nil, http.StatusNotFound, errNotFound)
}

func TestServiceAccountMembershipsWhenArchived(t *testing.T) {
	f := newFake(t)
	prod := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	old := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Old"}))
	sa := must[gen.ServiceAccount](t)(f.AddServiceAccount(ServiceAccountSeed{Name: "ci"}))
	gone := must[gen.ServiceAccount](t)(f.AddServiceAccount(ServiceAccountSeed{Name: "gone"}))
	for _, ws := range []string{prod.ID, old.ID} {
		for _, id := range []string{sa.ID, gone.ID} {
			must[gen.ServiceAccountWorkspaceMember](t)(f.AddWorkspaceServiceAccount(ws, id, gen.AssignableWorkspaceRoleWorkspaceDeveloper))
		}
	}
	first := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", saPath+"/"+gone.ID+"/workspaces?limit=1", nil)
	must[gen.Workspace](t)(f.ArchiveWorkspace(old.ID))
	must[gen.ServiceAccount](t)(f.ArchiveServiceAccount(gone.ID))

	// An archived workspace refuses every operation of its side, and
	// membership changes from the service account's side.
	for _, o := range []struct {
		method, path string
		body         any
	}{
		{"GET", wsSAPath(old.ID), nil},
		{"POST", wsSAPath(old.ID), map[string]any{"service_account_id": sa.ID, "workspace_role": "workspace_user"}},
		{"GET", wsSAPath(old.ID) + "/" + sa.ID, nil},
		{"POST", wsSAPath(old.ID) + "/" + sa.ID, map[string]any{"workspace_role": "workspace_user"}},
		{"DELETE", wsSAPath(old.ID) + "/" + sa.ID, nil},
		{"POST", saPath + "/" + sa.ID + "/workspaces", map[string]any{"workspace_id": old.ID, "workspace_role": "workspace_user"}},
		{"DELETE", saPath + "/" + sa.ID + "/workspaces/" + old.ID, nil},
		// An archived service account is read-only.
		{"POST", wsSAPath(prod.ID), map[string]any{"service_account_id": gone.ID, "workspace_role": "workspace_user"}},
		{"POST", saPath + "/" + gone.ID + "/workspaces", map[string]any{"workspace_id": prod.ID, "workspace_role": "workspace_user"}},
		{"POST", wsSAPath(prod.ID) + "/" + gone.ID, map[string]any{"workspace_role": "workspace_user"}},
		{"DELETE", wsSAPath(prod.ID) + "/" + gone.ID, nil},
		// Its page tokens stop matching.
		{"GET", saPath + "/" + gone.ID + "/workspaces?page=" + url.QueryEscape(*first.NextPage), nil},
	} {
		f.oauthFails(o.method, o.path, o.body, http.StatusBadRequest, errInvalidRequest)
	}
	// The service account's side still shows the archived workspace.
	l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", saPath+"/"+sa.ID+"/workspaces", nil)
	if want := []string{
		sa.ID + "@" + f.DefaultWorkspaceID() + ":workspace_user:implicit",
		sa.ID + "@" + prod.ID + ":workspace_developer",
		sa.ID + "@" + old.ID + ":workspace_developer",
	}; !equalStrings(membershipKeys(l), want) {
		t.Errorf("memberships = %v, want %v", membershipKeys(l), want)
	}
	// An archived service account's memberships are hidden, not gone.
	if l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", saPath+"/"+gone.ID+"/workspaces", nil); len(l.Data) != 0 || l.NextPage != nil {
		t.Errorf("archived service account's workspaces = %v", membershipKeys(l))
	}
	if l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", wsSAPath(prod.ID), nil); !equalStrings(membershipKeys(l), []string{sa.ID + "@" + prod.ID + ":workspace_developer"}) {
		t.Errorf("workspace's service accounts = %v", membershipKeys(l))
	}
	f.oauthFails("GET", wsSAPath(prod.ID)+"/"+gone.ID, nil, http.StatusNotFound, errNotFound)
	f.oauthFails("GET", wsSAPath(f.DefaultWorkspaceID())+"/"+gone.ID, nil, http.StatusNotFound, errNotFound)
}

func TestServiceAccountSeeds(t *testing.T) {
	f := newFake(t)
	for _, bad := range []ServiceAccountSeed{{}, {Name: "Upper"}, {Name: "a_b"}, {Name: "ok", OrganizationRole: "owner"}} {
		if _, err := f.AddServiceAccount(bad); err == nil {
			t.Errorf("AddServiceAccount(%+v) succeeded", bad)
		}
	}
	created := t0.Add(-time.Hour)
	sa := must[gen.ServiceAccount](t)(f.AddServiceAccount(ServiceAccountSeed{Name: "ok", Description: "d", OrganizationRole: gen.ServiceAccountOrganizationRoleAdmin, CreatedAt: created, CreatedByActorID: "user_01x"}))
	if sa.Description != "d" || sa.OrganizationRole != gen.ServiceAccountOrganizationRoleAdmin || !sa.CreatedAt.Equal(created) || !sa.UpdatedAt.Equal(created) || sa.CreatedByActorID != "user_01x" {
		t.Errorf("seeded %+v", sa)
	}
	if _, err := f.AddServiceAccount(ServiceAccountSeed{Name: "ok"}); err == nil {
		t.Error("a duplicate name was seeded")
	}
	if _, err := f.AddWorkspaceServiceAccount(f.DefaultWorkspaceID(), sa.ID, "workspace_billing"); err == nil {
		t.Error("workspace_billing was given to a service account")
	}
	if _, err := f.AddWorkspaceServiceAccount("wrkspc_01nope", sa.ID, gen.AssignableWorkspaceRoleWorkspaceUser); err == nil {
		t.Error("a membership of an unknown workspace was seeded")
	}
	if _, err := f.ArchiveServiceAccount("svac_01nope"); err == nil {
		t.Error("an unknown service account was archived")
	}
}

func TestServiceAccountDemoData(t *testing.T) {
	f := newFake(t, WithDemoData())
	all := oauthOK[gen.ServiceAccountList](f, "GET", saPath+"?include_archived=true", nil)
	live := oauthOK[gen.ServiceAccountList](f, "GET", saPath, nil)
	if len(all.Data) != 4 || len(live.Data) != 3 {
		t.Fatalf("demo service accounts: %d, %d live", len(all.Data), len(live.Data))
	}
	users := ok[gen.UserList](f, "GET", "/v1/organizations/users?limit=1", nil)
	for _, sa := range all.Data {
		if sa.CreatedByActorID != users.Data[0].ID {
			t.Errorf("%s was created by %s, not the primary owner", sa.Name, sa.CreatedByActorID)
		}
		l := oauthOK[gen.ServiceAccountWorkspaceMemberList](f, "GET", saPath+"/"+sa.ID+"/workspaces", nil)
		if sa.ArchivedAt == nil && len(l.Data) < 2 {
			t.Errorf("%s has memberships %v", sa.Name, membershipKeys(l))
		}
	}
	// The demo is deterministic under the seed.
	g := newFake(t, WithDemoData())
	again := oauthOK[gen.ServiceAccountList](g, "GET", saPath+"?include_archived=true", nil)
	a, b := mustMarshal(t, all), mustMarshal(t, again)
	if a != b {
		t.Errorf("two demo servers differ:\n%s\n%s", a, b)
	}
}

func mustMarshal(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}
