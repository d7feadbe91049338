package admintest

import (
	"fmt"
	"net/url"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

func seedUsers(t *testing.T, f *fake, n int) []gen.User {
	t.Helper()
	var out []gen.User
	for i := range n {
		role := gen.OrganizationRoleUser
		if i%3 == 0 {
			role = gen.OrganizationRoleDeveloper
		}
		u := must[gen.User](t)(f.AddUser(UserSeed{Email: fmt.Sprintf("user%03d@example.com", i), Role: role, AddedAt: t0.Add(time.Duration(i) * time.Minute)}))
		out = append(out, u)
	}
	return out
}

func ids[T any](items []T, id func(T) string) []string {
	out := make([]string, 0, len(items))
	for _, it := range items {
		out = append(out, id(it))
	}
	return out
}

func userID(u gen.User) string { return u.ID }

func TestListUsersPagination(t *testing.T) {
	f := newFake(t)
	users := seedUsers(t, f, 45)
	all := ids(users, userID)
	if !slices.IsSorted(all) {
		t.Fatalf("IDs do not sort in creation order: %v", all)
	}

	// Forwards with the default limit of 20.
	var got []string
	after := ""
	var pages []int
	for {
		path := "/v1/organizations/users"
		if after != "" {
			path += "?after_id=" + after
		}
		p := ok[gen.UserList](f, "GET", path, nil)
		got = append(got, ids(p.Data, userID)...)
		pages = append(pages, len(p.Data))
		if *p.FirstID != p.Data[0].ID || *p.LastID != p.Data[len(p.Data)-1].ID {
			t.Fatalf("first_id/last_id %s/%s do not match the page", *p.FirstID, *p.LastID)
		}
		if !p.HasMore {
			break
		}
		after = *p.LastID
	}
	if diff := cmp.Diff(all, got); diff != "" {
		t.Errorf("forward paging (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]int{20, 20, 5}, pages); diff != "" {
		t.Errorf("page sizes (-want +got):\n%s", diff)
	}

	// Backwards from the end with limit 7.
	got = nil
	before := all[len(all)-1]
	got = append(got, before)
	for {
		p := ok[gen.UserList](f, "GET", "/v1/organizations/users?limit=7&before_id="+before, nil)
		got = append(ids(p.Data, userID), got...)
		if !p.HasMore {
			break
		}
		before = *p.FirstID
	}
	if diff := cmp.Diff(all, got); diff != "" {
		t.Errorf("backward paging (-want +got):\n%s", diff)
	}

	// An empty page has null first_id and last_id.
	p := ok[gen.UserList](f, "GET", "/v1/organizations/users?after_id="+all[len(all)-1], nil)
	if len(p.Data) != 0 || p.HasMore || p.FirstID != nil || p.LastID != nil {
		t.Errorf("page after the last user = %+v, want empty", p)
	}
	// A cursor that names a removed user still works.
	ok[gen.UserDeleted](f, "DELETE", "/v1/organizations/users/"+all[10], nil)
	p = ok[gen.UserList](f, "GET", "/v1/organizations/users?limit=2&after_id="+all[10], nil)
	if diff := cmp.Diff(all[11:13], ids(p.Data, userID)); diff != "" {
		t.Errorf("page after a removed user (-want +got):\n%s", diff)
	}
	f.fails("GET", "/v1/organizations/users?before_id="+all[1]+"&after_id="+all[0], nil, 400, errInvalidRequest)
}

func TestListUsersFilters(t *testing.T) {
	f := newFake(t)
	users := seedUsers(t, f, 10)
	p := ok[gen.UserList](f, "GET", "/v1/organizations/users?email="+url.QueryEscape("USER004@Example.COM"), nil)
	if diff := cmp.Diff([]gen.User{users[4]}, p.Data); diff != "" {
		t.Errorf("email filter (-want +got):\n%s", diff)
	}
	p = ok[gen.UserList](f, "GET", "/v1/organizations/users?email=nobody@example.com", nil)
	if len(p.Data) != 0 {
		t.Errorf("unknown email matched %v", p.Data)
	}
	p = ok[gen.UserList](f, "GET", "/v1/organizations/users?roles[]=developer", nil)
	want := []string{users[0].ID, users[3].ID, users[6].ID, users[9].ID}
	if diff := cmp.Diff(want, ids(p.Data, userID)); diff != "" {
		t.Errorf("roles filter (-want +got):\n%s", diff)
	}
	p = ok[gen.UserList](f, "GET", "/v1/organizations/users?roles[]=developer&roles[]=user&limit=3", nil)
	if len(p.Data) != 3 || !p.HasMore {
		t.Errorf("two roles: %d users, has_more %v; want 3, true", len(p.Data), p.HasMore)
	}
}

func TestUpdateAndRemoveUser(t *testing.T) {
	f := newFake(t)
	users := seedUsers(t, f, 3)
	u := ok[gen.User](f, "POST", "/v1/organizations/users/"+users[1].ID, map[string]string{"role": "developer"})
	if u.Role != gen.OrganizationRoleDeveloper {
		t.Errorf("role = %s, want developer", u.Role)
	}
	if got := ok[gen.User](f, "GET", "/v1/organizations/users/"+users[1].ID, nil); got.Role != gen.OrganizationRoleDeveloper {
		t.Errorf("stored role = %s", got.Role)
	}
	f.fails("POST", "/v1/organizations/users/"+users[1].ID, map[string]string{"role": "admin"}, 400, errInvalidRequest)
	admin := must[gen.User](t)(f.AddUser(UserSeed{Email: "boss@example.com", Role: gen.OrganizationRoleAdmin}))
	f.fails("POST", "/v1/organizations/users/"+admin.ID, map[string]string{"role": "user"}, 400, errInvalidRequest)
	f.fails("DELETE", "/v1/organizations/users/"+admin.ID, nil, 400, errInvalidRequest)

	// Removing a user removes their memberships.
	w1 := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "One"}))
	w2 := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Two"}))
	for _, w := range []gen.Workspace{w1, w2} {
		must[gen.WorkspaceMember](t)(f.AddWorkspaceMember(w.ID, users[0].ID, gen.WorkspaceRoleWorkspaceUser))
		must[gen.WorkspaceMember](t)(f.AddWorkspaceMember(w.ID, users[2].ID, gen.WorkspaceRoleWorkspaceUser))
	}
	del := ok[gen.UserDeleted](f, "DELETE", "/v1/organizations/users/"+users[0].ID, nil)
	if diff := cmp.Diff(gen.UserDeleted{ID: users[0].ID, Type: gen.UserDeletedTypeUserDeleted}, del); diff != "" {
		t.Errorf("delete response (-want +got):\n%s", diff)
	}
	f.fails("GET", "/v1/organizations/users/"+users[0].ID, nil, 404, errNotFound)
	f.fails("DELETE", "/v1/organizations/users/"+users[0].ID, nil, 404, errNotFound)
	for _, w := range []gen.Workspace{w1, w2} {
		m := ok[gen.WorkspaceMemberList](f, "GET", "/v1/organizations/workspaces/"+w.ID+"/members", nil)
		if diff := cmp.Diff([]string{users[2].ID}, ids(m.Data, func(m gen.WorkspaceMember) string { return m.UserID })); diff != "" {
			t.Errorf("members of %s after removal (-want +got):\n%s", w.Name, diff)
		}
	}
	// The email is free again.
	must[gen.User](t)(f.AddUser(UserSeed{Email: users[0].Email}))
}

func TestComplianceUsers(t *testing.T) {
	f := newFake(t)
	users := seedUsers(t, f, 7)
	h := f.adminHeaders()
	h.Del("x-api-key")
	h.Set("Authorization", "Bearer "+f.ComplianceKey())
	var got []gen.ComplianceUser
	page := ""
	for n := 0; ; n++ {
		path := "/v1/compliance/organizations/" + f.OrganizationID() + "/users?limit=3"
		if page != "" {
			path += "&page=" + url.QueryEscape(page)
		}
		r := f.doWith("GET", path, nil, h)
		if r.status != 200 {
			t.Fatalf("status %d: %s", r.status, r.body)
		}
		var l gen.ComplianceUserList
		mustJSON(t, r.body, &l)
		got = append(got, l.Data...)
		if !l.HasMore {
			if l.NextPage != nil {
				t.Errorf("next_page %q on the last page", *l.NextPage)
			}
			break
		}
		page = *l.NextPage
	}
	var want []gen.ComplianceUser
	for _, u := range users {
		want = append(want, gen.ComplianceUser{ID: u.ID, CreatedAt: u.AddedAt, Email: u.Email, FullName: u.Name, OrganizationRole: u.Role})
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("compliance users (-want +got):\n%s", diff)
	}
	r := f.doWith("GET", "/v1/compliance/organizations/"+f.OrganizationID()+"/users?page=bogus", nil, h)
	if r.status != 400 {
		t.Errorf("bogus page token: status %d", r.status)
	}
}

func TestIDsAreDeterministicUnderSeed(t *testing.T) {
	idsOf := func(seed int64) []string {
		s := NewServer(WithSeed(seed), WithDemoData(), WithClock(func() time.Time { return t0 }))
		defer s.Close()
		f := &fake{t: t, Server: s}
		p := ok[gen.UserList](f, "GET", "/v1/organizations/users?limit=1000", nil)
		w := ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces", nil)
		return append(ids(p.Data, userID), ids(w.Data, func(w gen.Workspace) string { return w.ID })...)
	}
	a, b, c := idsOf(7), idsOf(7), idsOf(8)
	if diff := cmp.Diff(a, b); diff != "" {
		t.Errorf("same seed, different IDs (-first +second):\n%s", diff)
	}
	if slices.Equal(a, c) {
		t.Error("different seeds gave the same IDs")
	}
	for _, id := range a {
		if len(id) < 24 || id[len(id)-26:len(id)-24] != "01" {
			t.Errorf("ID %q does not end in 01 + 24 characters", id)
		}
	}
}
