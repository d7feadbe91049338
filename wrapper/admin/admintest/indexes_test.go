package admintest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// TestIndexMatchesNaive drives an indexed table with random inserts,
// replacements that change a record's key, deletions and revivals, and
// checks that every page of lookup (one key and unions of keys) and of
// narrowest agrees with the naive walk of the whole table.
func TestIndexMatchesNaive(t *testing.T) {
	type rec struct{ color, size string }
	rng := rand.New(rand.NewPCG(3, 4))
	tbl := newTable[rec]()
	tbl.addIndex("color", func(r *rec) string { return r.color })
	tbl.addIndex("size", func(r *rec) string { return r.size })
	colors := []string{"red", "green", "blue", ""} // "" is left out of the index
	sizes := []string{"s", "m", "l"}
	ref := map[string]rec{}
	key := func(n int) string { return fmt.Sprintf("k%05d", n) }
	for step := range 4000 {
		n := rng.IntN(500)
		if step < 200 {
			n = step * 2
		}
		if rng.IntN(4) == 0 {
			tbl.del(key(n))
			delete(ref, key(n))
		} else {
			r := rec{colors[rng.IntN(len(colors))], sizes[rng.IntN(len(sizes))]}
			tbl.put(key(n), &r)
			ref[key(n)] = r
		}
		if step%50 != 0 {
			continue
		}
		live := make([]string, 0, len(ref))
		for k := range ref {
			live = append(live, k)
		}
		slices.Sort(live)
		for _, want := range [][]string{{"red"}, {"red", "blue"}, {"green", "blue", "red"}, {"nope"}, {"red", "nope"}} {
			for _, c := range []cursor{
				{limit: 7},
				{limit: 7, afterID: key(rng.IntN(500))},
				{limit: 7, beforeID: key(rng.IntN(500))},
				{limit: 1000},
			} {
				ids, items, more := pageOf(tbl.lookup("color", want...), c, func(r *rec) bool { return r.size != "m" })
				wantIDs, wantMore := naivePage(live, c, func(k string) bool { return slices.Contains(want, ref[k].color) && ref[k].size != "m" })
				if diff := cmp.Diff(wantIDs, ids, cmpopts.EquateEmpty()); diff != "" || more != wantMore {
					t.Fatalf("step %d, colors %v, cursor %+v: ids (-want +got)\n%s\nmore %v, want %v", step, want, c, diff, more, wantMore)
				}
				for i, id := range ids {
					if *items[i] != ref[id] {
						t.Fatalf("step %d: %s is %+v, want %+v", step, id, *items[i], ref[id])
					}
				}
			}
		}
		// narrowest picks the smaller set; the filters still apply to the walk.
		p := narrowest[rec](tbl, tbl.lookup("color", "red"), tbl.lookup("size", "l"))
		ids, _, _ := pageOf(p, cursor{limit: 1000}, func(r *rec) bool { return r.color == "red" && r.size == "l" })
		wantIDs, _ := naivePage(live, cursor{limit: 1000}, func(k string) bool { return ref[k].color == "red" && ref[k].size == "l" })
		if diff := cmp.Diff(wantIDs, ids, cmpopts.EquateEmpty()); diff != "" {
			t.Fatalf("step %d: narrowest (-want +got)\n%s", step, diff)
		}
	}
}

// TestListFiltersUseIndexes checks filtered lists through the API, paged
// both ways, against the naive filter of everything seeded: users by role,
// API keys by status (expired is computed), workspace and creator, and
// invites by status (expired too) and role.
func TestListFiltersUseIndexes(t *testing.T) {
	f := newFake(t, WithClock(func() time.Time { return t0 }))
	ws := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	var users []gen.User
	for i := range 40 {
		role := gen.OrganizationRoleDeveloper
		if i%7 == 3 {
			role = gen.OrganizationRoleBilling
		}
		users = append(users, must[gen.User](t)(f.AddUser(UserSeed{Email: fmt.Sprintf("x%d@example.com", i), Name: "X", Role: role})))
	}
	must[gen.WorkspaceMember](t)(f.AddWorkspaceMember(ws.ID, users[0].ID, gen.WorkspaceRoleWorkspaceDeveloper))
	var keys []gen.APIKey
	for i := range 30 {
		k := APIKeySeed{Name: fmt.Sprintf("k%d", i)}
		switch i % 5 {
		case 1:
			k.WorkspaceID = ws.ID
		case 2:
			k.ExpiresAt = ptr(t0.Add(-time.Hour))
		case 3:
			k.Status = gen.APIKeyStatusInactive
		case 4:
			k.WorkspaceID, k.CreatedByUserID = ws.ID, users[0].ID
		}
		keys = append(keys, must[gen.APIKey](t)(f.AddAPIKey(k)))
	}
	var invites []gen.Invite
	for i := range 20 {
		in := InviteSeed{Email: fmt.Sprintf("i%d@example.org", i), Role: gen.OrganizationRoleUser}
		if i%3 == 0 {
			in.InvitedAt = t0.Add(-30 * 24 * time.Hour)
		}
		if i%4 == 0 {
			in.Role = gen.OrganizationRoleDeveloper
		}
		invites = append(invites, must[gen.Invite](t)(f.AddInvite(in)))
	}

	// walk returns every ID of a list, forwards by after_id and backwards
	// by before_id, checking that both agree.
	walk := func(path string) []string {
		t.Helper()
		type page struct {
			Data []struct {
				ID string `json:"id"`
			} `json:"data"`
			HasMore bool    `json:"has_more"`
			FirstID *string `json:"first_id"`
			LastID  *string `json:"last_id"`
		}
		var fwd, back []string
		for cur := ""; ; {
			p := ok[page](f, "GET", path+"&limit=3"+cur, nil)
			for _, d := range p.Data {
				fwd = append(fwd, d.ID)
			}
			if !p.HasMore {
				break
			}
			cur = "&after_id=" + *p.LastID
		}
		for cur := "&before_id=~"; ; {
			p := ok[page](f, "GET", path+"&limit=3"+cur, nil)
			ids := []string{}
			for _, d := range p.Data {
				ids = append(ids, d.ID)
			}
			back = append(ids, back...)
			if !p.HasMore {
				break
			}
			cur = "&before_id=" + *p.FirstID
		}
		if diff := cmp.Diff(fwd, back); diff != "" {
			t.Errorf("%s: forwards and backwards differ (-fwd +back)\n%s", path, diff)
		}
		return fwd
	}
	check := func(path string, want []string) {
		t.Helper()
		if diff := cmp.Diff(want, walk(path)); diff != "" {
			t.Errorf("%s (-want +got)\n%s", path, diff)
		}
	}
	ids := func(n int, pick func(i int) (string, bool)) []string {
		out := []string{}
		for i := range n {
			if id, ok := pick(i); ok {
				out = append(out, id)
			}
		}
		return out
	}
	check("/v1/organizations/users?roles[]=billing", ids(len(users), func(i int) (string, bool) { return users[i].ID, users[i].Role == gen.OrganizationRoleBilling }))
	check("/v1/organizations/users?roles[]=billing&roles[]=developer", ids(len(users), func(i int) (string, bool) { return users[i].ID, true }))
	check("/v1/organizations/api_keys?status=expired", ids(len(keys), func(i int) (string, bool) { return keys[i].ID, i%5 == 2 }))
	check("/v1/organizations/api_keys?status=active", ids(len(keys), func(i int) (string, bool) { return keys[i].ID, i%5 != 2 && i%5 != 3 }))
	check("/v1/organizations/api_keys?status=active&workspace_id="+ws.ID, ids(len(keys), func(i int) (string, bool) { return keys[i].ID, i%5 == 1 || i%5 == 4 }))
	check("/v1/organizations/api_keys?created_by_user_id="+users[0].ID, ids(len(keys), func(i int) (string, bool) { return keys[i].ID, i%5 == 4 }))
	check("/v1/organizations/invites?statuses[]=expired", ids(len(invites), func(i int) (string, bool) { return invites[i].ID, i%3 == 0 }))
	check("/v1/organizations/invites?statuses[]=pending&roles[]=developer", ids(len(invites), func(i int) (string, bool) { return invites[i].ID, i%3 != 0 && i%4 == 0 }))

	// Archiving the workspace archives its keys (found through the index)
	// and takes it out of the default workspace list.
	if _, err := f.ArchiveWorkspace(ws.ID); err != nil {
		t.Fatal(err)
	}
	check("/v1/organizations/api_keys?status=archived", ids(len(keys), func(i int) (string, bool) { return keys[i].ID, i%5 == 1 || i%5 == 4 }))
	check("/v1/organizations/workspaces?include_default=true", []string{f.DefaultWorkspaceID()})
	check("/v1/organizations/workspaces?include_archived=true", []string{ws.ID})
}
