package admintest

import (
	"fmt"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// withoutResponseCheck turns off the spec validation of responses, for
// tests and benchmarks that send very many requests.
func withoutResponseCheck() Option { return func(c *config) { c.check = nil } }

// concurrencySize is the size of TestConcurrentMixedOperations.
type concurrencySize struct {
	goroutines, ops int
	shared          int // workspaces every goroutine changes the memberships of
	// Every goroutine removes one of its users at its operation
	// removeUserEvery-1 (a multiple of 10, so that it is an operation 9).
	removeUserEvery int
}

// TestConcurrentMixedOperations runs goroutines of mixed operations through
// the handler, then checks that nothing was lost or duplicated and that
// memberships are consistent. Each goroutine owns five users, so it knows
// what every one of its calls must return, while the shared workspaces see
// concurrent membership changes: in each block of ten operations a
// goroutine adds one of its users to a shared workspace, changes, reads or
// removes that membership, and reads and updates (or removes) the user.
// Full size (-stress, make stress): 100 goroutines of 1,000 operations on
// 10 shared workspaces; default: 8 goroutines of 200 on 5, which still runs
// every kind of call and outcome concurrently (checked below) in about a
// second under -race.
func TestConcurrentMixedOperations(t *testing.T) {
	sz := sized(
		concurrencySize{goroutines: 8, ops: 200, shared: 5, removeUserEvery: 50},
		concurrencySize{goroutines: 100, ops: 1000, shared: 10, removeUserEvery: 250},
	)
	goroutines, ops, shared := sz.goroutines, sz.ops, sz.shared
	const usersEach = 5
	f := newFake(t, withoutResponseCheck())
	var sharedWS []string
	for i := range shared {
		sharedWS = append(sharedWS, must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: fmt.Sprintf("shared-%d", i)})).ID)
	}
	owned := make([][]string, goroutines)
	for g := range goroutines {
		for j := range usersEach {
			owned[g] = append(owned[g], must[gen.User](t)(f.AddUser(UserSeed{Email: fmt.Sprintf("g%d-u%d@example.com", g, j)})).ID)
		}
	}

	type expect struct {
		invites    []string
		workspaces []string
		members    map[[2]string]gen.WorkspaceRole // (workspace, user) -> role
		removed    map[string]bool
		seen       map[string]bool // "call status" of every call made
	}
	results := make([]expect, goroutines)
	start := time.Now()
	var wg sync.WaitGroup
	for g := range goroutines {
		wg.Go(func() {
			ex := expect{members: map[[2]string]gen.WorkspaceRole{}, removed: map[string]bool{}, seen: map[string]bool{}}
			check := func(what string, r response, want int) bool {
				ex.seen[fmt.Sprintf("%s %d", what, want)] = true
				if r.status != want {
					t.Errorf("goroutine %d: %s: status %d, want %d: %s", g, what, r.status, want, r.body)
					return false
				}
				return true
			}
			for i := range ops {
				// A block of ten operations works on one user and workspace.
				uid := owned[g][(i/10)%usersEach]
				ws := sharedWS[(i/10+g)%shared]
				key := [2]string{ws, uid}
				_, isMember := ex.members[key]
				gone := ex.removed[uid]
				switch i % 10 {
				case 0:
					r := f.do("POST", "/v1/organizations/invites", map[string]string{"email": fmt.Sprintf("g%d-i%d@example.com", g, i), "role": "user"})
					if check("create invite", r, 200) {
						var inv gen.Invite
						mustJSON(t, r.body, &inv)
						ex.invites = append(ex.invites, inv.ID)
					}
				case 1:
					if i%20 == 1 && len(ex.invites) > 0 {
						last := ex.invites[len(ex.invites)-1]
						if check("delete invite", f.do("DELETE", "/v1/organizations/invites/"+last, nil), 200) {
							ex.invites = ex.invites[:len(ex.invites)-1]
						}
					} else {
						check("list invites", f.do("GET", "/v1/organizations/invites?limit=5", nil), 200)
					}
				case 2:
					if i%100 == 2 {
						r := f.do("POST", "/v1/organizations/workspaces", map[string]string{"name": fmt.Sprintf("g%d-w%d", g, i)})
						if check("create workspace", r, 200) {
							var w gen.Workspace
							mustJSON(t, r.body, &w)
							ex.workspaces = append(ex.workspaces, w.ID)
						}
					} else {
						check("get workspace", f.do("GET", "/v1/organizations/workspaces/"+ws, nil), 200)
					}
				case 3:
					want := 200
					switch {
					case gone:
						want = 404
					case isMember:
						want = 409
					}
					if check("add member", f.do("POST", "/v1/organizations/workspaces/"+ws+"/members", map[string]string{"user_id": uid, "workspace_role": "workspace_user"}), want) && want == 200 {
						ex.members[key] = gen.WorkspaceRoleWorkspaceUser
					}
				case 4, 5:
					want := 200
					if !isMember {
						want = 404
					}
					path := "/v1/organizations/workspaces/" + ws + "/members/" + uid
					if i%10 == 4 {
						if check("update member", f.do("POST", path, map[string]string{"workspace_role": "workspace_developer"}), want) && want == 200 {
							ex.members[key] = gen.WorkspaceRoleWorkspaceDeveloper
						}
					} else if i%30 == 5 {
						if check("remove member", f.do("DELETE", path, nil), want) && want == 200 {
							delete(ex.members, key)
						}
					} else {
						check("get member", f.do("GET", path, nil), want)
					}
				case 6:
					want := 200
					if gone {
						want = 404
					}
					check("get user", f.do("GET", "/v1/organizations/users/"+uid, nil), want)
				case 7:
					check("list users", f.do("GET", "/v1/organizations/users?limit=10&after_id="+uid, nil), 200)
				case 8:
					check("list members", f.do("GET", "/v1/organizations/workspaces/"+ws+"/members?limit=20", nil), 200)
				case 9:
					want := 200
					if gone {
						want = 404
					}
					if i%sz.removeUserEvery == sz.removeUserEvery-1 && !gone {
						if check("remove user", f.do("DELETE", "/v1/organizations/users/"+uid, nil), 200) {
							ex.removed[uid] = true
							for k := range ex.members {
								if k[1] == uid {
									delete(ex.members, k)
								}
							}
						}
					} else {
						check("update user", f.do("POST", "/v1/organizations/users/"+uid, map[string]string{"role": "developer"}), want)
					}
				}
			}
			results[g] = ex
		})
	}
	wg.Wait()
	t.Logf("%d requests in %v", goroutines*ops, time.Since(start))

	// Invites: exactly the ones created and not deleted, each once.
	var wantInvites, wantWorkspaces []string
	wantMembers := map[string][]string{}
	wantUsers := []string{}
	seen := map[string]bool{}
	for g, ex := range results {
		for k := range ex.seen {
			seen[k] = true
		}
		wantInvites = append(wantInvites, ex.invites...)
		wantWorkspaces = append(wantWorkspaces, ex.workspaces...)
		for k, role := range ex.members {
			wantMembers[k[0]] = append(wantMembers[k[0]], k[1]+":"+string(role))
		}
		for _, u := range owned[g] {
			if !ex.removed[u] {
				wantUsers = append(wantUsers, u)
			}
		}
	}
	// Every kind of call and outcome ran, at either size.
	for _, k := range []string{
		"create invite 200", "delete invite 200", "list invites 200",
		"create workspace 200", "get workspace 200",
		"add member 200", "add member 409", "add member 404",
		"update member 200", "update member 404", "get member 200", "get member 404", "remove member 200", "remove member 404",
		"get user 200", "get user 404", "update user 200", "update user 404", "remove user 200",
		"list users 200", "list members 200",
	} {
		if !seen[k] {
			t.Errorf("no %q: the test is too small to exercise it", k)
		}
	}
	f.mu.RLock()
	defer f.mu.RUnlock()
	var gotInvites, gotUsers, gotWorkspaces []string
	f.st.invites.all(func(id string, _ *invite) bool { gotInvites = append(gotInvites, id); return true })
	f.st.users.all(func(id string, _ *user) bool { gotUsers = append(gotUsers, id); return true })
	f.st.workspaces.all(func(id string, w *workspace) bool {
		if !w.isDefault && !slices.Contains(sharedWS, id) {
			gotWorkspaces = append(gotWorkspaces, id)
		}
		return true
	})
	slices.Sort(wantInvites)
	slices.Sort(wantUsers)
	slices.Sort(wantWorkspaces)
	if diff := cmp.Diff(wantInvites, gotInvites); diff != "" {
		t.Errorf("invites (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantUsers, gotUsers); diff != "" {
		t.Errorf("users (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(wantWorkspaces, gotWorkspaces); diff != "" {
		t.Errorf("workspaces (-want +got):\n%s", diff)
	}
	if len(f.st.emails) != len(gotUsers) {
		t.Errorf("email index has %d entries for %d users", len(f.st.emails), len(gotUsers))
	}
	for _, ws := range sharedWS {
		w, _ := f.st.workspaces.get(ws)
		var got []string
		w.members.all(func(uid string, m *member) bool {
			got = append(got, uid+":"+string(m.role))
			u, ok := f.st.users.get(uid)
			if !ok {
				t.Errorf("workspace %s has member %s who is not a user", ws, uid)
			} else if _, ok := u.workspaces[ws]; !ok {
				t.Errorf("user %s is a member of %s but the user's index misses it", uid, ws)
			}
			return true
		})
		want := wantMembers[ws]
		slices.Sort(want)
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("members of %s (-want +got):\n%s", ws, diff)
		}
	}
	f.st.users.all(func(uid string, u *user) bool {
		for ws := range u.workspaces {
			if w, _ := f.st.workspaces.get(ws); w == nil {
				t.Errorf("user %s indexes unknown workspace %s", uid, ws)
			} else if _, ok := w.members.get(uid); !ok {
				t.Errorf("user %s indexes workspace %s, which does not list them", uid, ws)
			}
		}
		return true
	})
}
