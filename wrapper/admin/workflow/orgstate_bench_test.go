package workflow_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// orgSize is the shape of a seeded organization for the export
// measurements.
type orgSize struct {
	users, workspaces, membersPerWorkspace, keys   int
	invites, serviceAccounts, groups, groupMembers int
}

// largeOrg is the organization of issue 17, item 5: 10,000 users, 200
// workspaces and 5,000 keys, with 50 members a workspace, 100 pending
// invites, 20 service accounts (each in two workspaces), 10 RBAC groups
// of 100 members and a rate-limit override in every fourth workspace.
var largeOrg = orgSize{users: 10000, workspaces: 200, membersPerWorkspace: 50, keys: 5000,
	invites: 100, serviceAccounts: 20, groups: 10, groupMembers: 100}

// seedSize seeds an organization of the given size.
func seedSize(tb testing.TB, n orgSize) *admintest.Server {
	tb.Helper()
	srv := admintest.NewServer()
	tb.Cleanup(srv.Close)
	users := make([]admin.User, n.users)
	for i := range users {
		users[i] = must(srv.AddUser(admintest.UserSeed{Email: fmt.Sprintf("user%05d@example.com", i), Name: fmt.Sprintf("User %d", i), Role: admin.OrganizationRoleDeveloper}))
	}
	for i := range n.invites {
		must(srv.AddInvite(admintest.InviteSeed{Email: fmt.Sprintf("invitee%04d@example.com", i), Role: admin.OrganizationRoleUser}))
	}
	rl := must(srv.AddRateLimit(admintest.RateLimitSeed{GroupType: admin.RateLimitGroupTypeModelGroup, DisplayName: "Claude Sonnet", Models: []string{"claude-sonnet-4-5"}, Limits: map[string]int64{"requests_per_minute": 4000}}))
	c := srv.Client()
	wss := make([]admin.Workspace, n.workspaces)
	for i := range wss {
		wss[i] = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: fmt.Sprintf("Workspace %03d", i)}))
		for j := range n.membersPerWorkspace {
			u := users[(i*n.membersPerWorkspace+j)%len(users)]
			must(srv.AddWorkspaceMember(wss[i].ID, u.ID, admin.WorkspaceRoleWorkspaceDeveloper))
		}
		if i%4 == 0 {
			must(c.WorkspaceRateLimits.Update(context.Background(), wss[i].ID, rl.ID, admin.UpdateWorkspaceRateLimitRequest{
				Limits: []admin.WorkspaceRateLimitChange{{Type: "requests_per_minute", Value: admin.Ptr[int64](1000)}}}))
		}
	}
	for i := range n.serviceAccounts {
		sa := must(srv.AddServiceAccount(admintest.ServiceAccountSeed{Name: fmt.Sprintf("bot-%02d", i)}))
		for j := range 2 {
			must(srv.AddWorkspaceServiceAccount(wss[(i*2+j)%len(wss)].ID, sa.ID, admin.AssignableWorkspaceRoleWorkspaceDeveloper))
		}
	}
	for i := range n.groups {
		ids := make([]string, n.groupMembers)
		for j := range ids {
			ids[j] = users[(i*n.groupMembers+j)%len(users)].ID
		}
		must(srv.AddRBACGroup(admintest.RBACGroupSeed{Name: fmt.Sprintf("Group %02d", i), MemberIDs: ids}))
	}
	for i := range n.keys {
		must(srv.AddAPIKey(admintest.APIKeySeed{Name: fmt.Sprintf("key %05d", i), WorkspaceID: wss[i%len(wss)].ID, CreatedByUserID: users[i%len(users)].ID}))
	}
	return srv
}

// minRequests is the fewest requests an export of an organization of
// size n can make: one for the organization, then every list read in
// pages of the largest limit it allows (1,000 for all of these lists),
// one members list and one rate-limits list per workspace (the API has no
// organization-wide list of either), one members list per RBAC group, and
// the service-account memberships per account or per workspace, whichever
// is fewer.
func minRequests(n orgSize) int {
	pages := func(items int) int { return max(1, (items+999)/1000) }
	return 1 + // getOrganizationMe
		pages(n.users) +
		pages(n.groups) + n.groups*pages(n.groupMembers) +
		pages(n.invites) +
		pages(n.serviceAccounts) + min(n.serviceAccounts, n.workspaces) +
		pages(n.workspaces) + n.workspaces*pages(n.membersPerWorkspace) + n.workspaces +
		pages(n.keys)
}

// countingTransport counts the requests sent.
type countingTransport struct {
	n atomic.Int64
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

// TestExportOrgRequestsMinimal checks that an export makes exactly the
// fewest requests the API allows, on an organization big enough to need
// several pages of users and keys.
func TestExportOrgRequestsMinimal(t *testing.T) {
	if testing.Short() {
		t.Skip("seeds 2,500 users")
	}
	size := orgSize{users: 2500, workspaces: 30, membersPerWorkspace: 20, keys: 2100, invites: 10, serviceAccounts: 40, groups: 3, groupMembers: 50}
	srv := seedSize(t, size)
	ct := &countingTransport{}
	c := srv.Client(admin.WithHTTPClient(&http.Client{Transport: ct}))
	s, err := workflow.ExportOrg(context.Background(), c, workflow.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Users) != size.users || len(s.APIKeys) != size.keys || len(s.Workspaces) != size.workspaces || len(s.ServiceAccounts) != size.serviceAccounts {
		t.Fatalf("exported %d users, %d keys, %d workspaces, %d service accounts", len(s.Users), len(s.APIKeys), len(s.Workspaces), len(s.ServiceAccounts))
	}
	// 40 accounts and 30 workspaces: the memberships are read per workspace.
	if got, want := int(ct.n.Load()), minRequests(size); got != want {
		t.Errorf("requests = %d, want the minimum %d", got, want)
	}
	if n := srv.Calls(admin.OpListServiceAccountWorkspaces); n != 0 {
		t.Errorf("read memberships per account (%d calls) with fewer workspaces", n)
	}
}

// BenchmarkExportOrgLarge exports the organization of issue 17, item 5
// (see largeOrg) from the fake, in process, and reports per export: the
// wall time (ns/op), the requests sent (requests/op) against the fewest
// the API allows (min-requests/op), and the peak of the Go heap in use
// above the level before the export (peak-heap-MB; sampled every
// millisecond, client and fake together, as both run in this process).
// B/op and allocs/op count the allocations of client and fake together.
//
//	go test ./wrapper/admin/workflow -run '^$' -bench ExportOrgLarge -benchtime 3x
func BenchmarkExportOrgLarge(b *testing.B) {
	srv := seedSize(b, largeOrg)
	ct := &countingTransport{}
	c := srv.Client(admin.WithHTTPClient(&http.Client{Transport: ct}))
	ctx := context.Background()
	var peak uint64
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		b.StopTimer()
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		base := ms.HeapInuse
		stop := make(chan struct{})
		var wg sync.WaitGroup
		var top atomic.Uint64
		wg.Go(func() {
			t := time.NewTicker(time.Millisecond)
			defer t.Stop()
			for {
				select {
				case <-stop:
					return
				case <-t.C:
					var ms runtime.MemStats
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > base && ms.HeapInuse-base > top.Load() {
						top.Store(ms.HeapInuse - base)
					}
				}
			}
		})
		b.StartTimer()
		s, err := workflow.ExportOrg(ctx, c, workflow.ExportOptions{})
		b.StopTimer()
		close(stop)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Users) != largeOrg.users || len(s.APIKeys) != largeOrg.keys {
			b.Fatalf("exported %d users and %d keys", len(s.Users), len(s.APIKeys))
		}
		peak = max(peak, top.Load())
		b.StartTimer()
	}
	b.ReportMetric(float64(ct.n.Load())/float64(b.N), "requests/op")
	b.ReportMetric(float64(minRequests(largeOrg)), "min-requests/op")
	b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
}
