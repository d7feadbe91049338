package admin_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

var fakeNow = time.Date(2026, 11, 2, 12, 0, 0, 0, time.UTC)

// newFake starts a fake with a frozen clock and returns it with a client
// whose retries are fast.
func newFake(t *testing.T, opts ...admintest.Option) (*admintest.Server, *admin.Client) {
	t.Helper()
	srv := admintest.NewServer(append([]admintest.Option{admintest.WithClock(func() time.Time { return fakeNow })}, opts...)...)
	t.Cleanup(srv.Close)
	return srv, srv.Client(admin.WithRetryBackoff(time.Millisecond, 2*time.Millisecond))
}

// mustError carries an unexpected error from must to catch.
type mustError struct{ err error }

// must returns v, or stops the test (through catch) if err is not nil.
func must[T any](v T, err error) T {
	if err != nil {
		panic(mustError{err})
	}
	return v
}

// catch turns a must failure into t.Fatal; defer it first in a test that
// uses must.
func catch(t *testing.T) {
	if r := recover(); r != nil {
		if e, ok := r.(mustError); ok {
			t.Fatal(e.err)
		}
		panic(r)
	}
}

func collect[T any](t *testing.T, seq func(func(T, error) bool)) []T {
	t.Helper()
	var out []T
	for v, err := range seq {
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, v)
	}
	return out
}

// TestEveryOperation calls every method of every service against the fake
// and checks the results against what was seeded; it then checks that the
// fake saw every operation of the spec.
func TestEveryOperation(t *testing.T) {
	defer catch(t)
	srv, c := newFake(t)
	ctx := context.Background()

	// Organization.
	org := must(c.Organization.Get(ctx))
	if diff := diff(srv.Organization(), *org); diff != "" {
		t.Errorf("Organization.Get (-want +got):\n%s", diff)
	}

	// Users.
	ada := must(srv.AddUser(admintest.UserSeed{Email: "ada@example.com", Name: "Ada", Role: admin.OrganizationRoleDeveloper}))
	grace := must(srv.AddUser(admintest.UserSeed{Email: "grace@example.com", Name: "Grace", Role: admin.OrganizationRoleUser}))
	if got := must(c.Users.Get(ctx, ada.ID)); !equal(ada, *got) {
		t.Errorf("Users.Get: %s", diff(ada, *got))
	}
	page := must(c.Users.List(ctx, &admin.ListUsersParams{Email: "GRACE@example.com"}))
	if len(page.Data) != 1 || page.Data[0].ID != grace.ID || page.HasMore {
		t.Errorf("Users.List by email = %+v", page)
	}
	if got := collect(t, c.Users.All(ctx, &admin.ListUsersParams{Limit: 1})); !equal([]admin.User{ada, grace}, got) {
		t.Errorf("Users.All: %s", diff([]admin.User{ada, grace}, got))
	}
	updated := must(c.Users.Update(ctx, grace.ID, admin.UpdateUserRequest{Role: admin.AssignableOrganizationRoleBilling}))
	if updated.Role != admin.OrganizationRoleBilling {
		t.Errorf("Users.Update role = %q", updated.Role)
	}
	if got := must(c.Users.SignOut(ctx, ada.ID)); !equal(ada, *got) {
		t.Errorf("Users.SignOut: %s", diff(ada, *got))
	}
	if at, ok := srv.SignedOutAt(ada.ID); !ok || !at.Equal(fakeNow) {
		t.Errorf("Users.SignOut: the fake recorded %v, %v", at, ok)
	}

	// Workspaces.
	ws := must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "Research", DisplayColor: admin.Ptr("#112233")}))
	if ws.Name != "Research" || ws.DisplayColor != "#112233" || ws.ArchivedAt != nil || !ws.CreatedAt.Equal(fakeNow) {
		t.Errorf("Workspaces.Create = %+v", ws)
	}
	if got := must(c.Workspaces.Get(ctx, ws.ID)); !equal(*ws, *got) {
		t.Errorf("Workspaces.Get: %s", diff(*ws, *got))
	}
	renamed := must(c.Workspaces.Update(ctx, ws.ID, admin.UpdateWorkspaceRequest{Name: admin.Ptr("Research 2")}))
	if renamed.Name != "Research 2" || renamed.DisplayColor != "#112233" {
		t.Errorf("Workspaces.Update = %+v", renamed)
	}
	other := must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "Scratch"}))
	if wl := must(c.Workspaces.List(ctx, nil)); len(wl.Data) != 2 {
		t.Errorf("Workspaces.List = %d workspaces, want 2", len(wl.Data))
	}
	archived := must(c.Workspaces.Archive(ctx, other.ID))
	if archived.ArchivedAt == nil || !archived.ArchivedAt.Equal(fakeNow) {
		t.Errorf("Workspaces.Archive ArchivedAt = %v", archived.ArchivedAt)
	}
	if got := collect(t, c.Workspaces.All(ctx, nil)); len(got) != 1 || got[0].ID != ws.ID {
		t.Errorf("Workspaces.All without archived = %+v", got)
	}
	if got := collect(t, c.Workspaces.All(ctx, &admin.ListWorkspacesParams{IncludeArchived: true})); len(got) != 2 {
		t.Errorf("Workspaces.All with archived = %d, want 2", len(got))
	}

	// Workspace members.
	m := must(c.WorkspaceMembers.Add(ctx, ws.ID, admin.AddWorkspaceMemberRequest{UserID: ada.ID, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceDeveloper}))
	want := admin.WorkspaceMember{Type: admin.WorkspaceMemberTypeWorkspaceMember, UserID: ada.ID, WorkspaceID: ws.ID, WorkspaceRole: admin.WorkspaceRoleWorkspaceDeveloper}
	if !equal(want, *m) {
		t.Errorf("WorkspaceMembers.Add: %s", diff(want, *m))
	}
	if _, err := c.WorkspaceMembers.Add(ctx, ws.ID, admin.AddWorkspaceMemberRequest{UserID: ada.ID, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser}); err == nil {
		t.Error("adding a member twice succeeded")
	}
	must(c.WorkspaceMembers.Add(ctx, ws.ID, admin.AddWorkspaceMemberRequest{UserID: grace.ID, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser}))
	if got := must(c.WorkspaceMembers.Get(ctx, ws.ID, ada.ID)); !equal(want, *got) {
		t.Errorf("WorkspaceMembers.Get: %s", diff(want, *got))
	}
	up := must(c.WorkspaceMembers.Update(ctx, ws.ID, ada.ID, admin.UpdateWorkspaceMemberRequest{WorkspaceRole: admin.WorkspaceRoleWorkspaceAdmin}))
	if up.WorkspaceRole != admin.WorkspaceRoleWorkspaceAdmin {
		t.Errorf("WorkspaceMembers.Update role = %q", up.WorkspaceRole)
	}
	if ml := must(c.WorkspaceMembers.List(ctx, ws.ID, &admin.ListWorkspaceMembersParams{Limit: 1})); len(ml.Data) != 1 || !ml.HasMore {
		t.Errorf("WorkspaceMembers.List = %+v", ml)
	}
	if got := collect(t, c.WorkspaceMembers.All(ctx, ws.ID, &admin.ListWorkspaceMembersParams{Limit: 1})); len(got) != 2 {
		t.Errorf("WorkspaceMembers.All = %d members, want 2", len(got))
	}
	del := must(c.WorkspaceMembers.Remove(ctx, ws.ID, grace.ID))
	if del.UserID != grace.ID || del.WorkspaceID != ws.ID || del.Type != admin.WorkspaceMemberDeletedTypeWorkspaceMemberDeleted {
		t.Errorf("WorkspaceMembers.Remove = %+v", del)
	}

	// Removing a user removes their memberships.
	gone := must(c.Users.Remove(ctx, ada.ID))
	if gone.ID != ada.ID || gone.Type != admin.UserDeletedTypeUserDeleted {
		t.Errorf("Users.Remove = %+v", gone)
	}
	if _, err := c.WorkspaceMembers.Get(ctx, ws.ID, ada.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("membership of a removed user: err = %v, want ErrNotFound", err)
	}
	if _, err := c.Users.Get(ctx, ada.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("removed user: err = %v, want ErrNotFound", err)
	}

	// Invites.
	inv := must(c.Invites.Create(ctx, admin.CreateInviteRequest{Email: "linus@example.com", Role: admin.AssignableOrganizationRoleDeveloper}))
	if inv.Status != admin.InviteStatusPending || !inv.InvitedAt.Equal(fakeNow) || !inv.ExpiresAt.Equal(fakeNow.Add(admintest.InviteLifetime)) || inv.AcceptedAt != nil {
		t.Errorf("Invites.Create = %+v", inv)
	}
	if got := must(c.Invites.Get(ctx, inv.ID)); !equal(*inv, *got) {
		t.Errorf("Invites.Get: %s", diff(*inv, *got))
	}
	if il := must(c.Invites.List(ctx, &admin.ListInvitesParams{Statuses: []admin.InviteStatusFilter{admin.InviteStatusFilterPending}})); len(il.Data) != 1 {
		t.Errorf("Invites.List pending = %d, want 1", len(il.Data))
	}
	if got := collect(t, c.Invites.All(ctx, nil)); len(got) != 1 || got[0].ID != inv.ID {
		t.Errorf("Invites.All = %+v", got)
	}
	if d := must(c.Invites.Delete(ctx, inv.ID)); d.ID != inv.ID || d.Type != admin.InviteDeletedTypeInviteDeleted {
		t.Errorf("Invites.Delete = %+v", d)
	}

	// API keys.
	key := must(srv.AddAPIKey(admintest.APIKeySeed{Name: "ci", WorkspaceID: ws.ID, CreatedByUserID: grace.ID}))
	must(srv.AddAPIKey(admintest.APIKeySeed{Name: "old", Status: admin.APIKeyStatusInactive}))
	if got := must(c.APIKeys.Get(ctx, key.ID)); !equal(key, *got) {
		t.Errorf("APIKeys.Get: %s", diff(key, *got))
	}
	if kl := must(c.APIKeys.List(ctx, &admin.ListAPIKeysParams{Status: admin.APIKeyStatusActive, WorkspaceID: ws.ID, CreatedByUserID: grace.ID})); len(kl.Data) != 1 || kl.Data[0].ID != key.ID {
		t.Errorf("APIKeys.List filtered = %+v", kl.Data)
	}
	if got := collect(t, c.APIKeys.All(ctx, &admin.ListAPIKeysParams{Limit: 1})); len(got) != 2 {
		t.Errorf("APIKeys.All = %d keys, want 2", len(got))
	}
	k2 := must(c.APIKeys.Update(ctx, key.ID, admin.UpdateAPIKeyRequest{Name: admin.Ptr("ci-renamed"), Status: admin.Ptr(admin.APIKeyStatusUpdateInactive)}))
	if k2.Name != "ci-renamed" || k2.Status != admin.APIKeyStatusInactive {
		t.Errorf("APIKeys.Update = %+v", k2)
	}

	// Rate limits.
	rl := must(srv.AddRateLimit(admintest.RateLimitSeed{GroupType: admin.RateLimitGroupTypeModelGroup, DisplayName: "Claude Sonnet", Models: []string{"claude-sonnet-4-5"}, Limits: map[string]int64{"requests_per_minute": 4000}}))
	if rll := must(c.RateLimits.List(ctx, &admin.ListOrganizationRateLimitsParams{GroupType: admin.RateLimitGroupTypeModelGroup})); len(rll.Data) != 1 || !equal(rl, rll.Data[0]) {
		t.Errorf("RateLimits.List = %+v", rll.Data)
	}
	if got := collect(t, c.RateLimits.All(ctx, &admin.ListOrganizationRateLimitsParams{Limit: 1})); len(got) != 1 {
		t.Errorf("RateLimits.All = %d, want 1", len(got))
	}
	wrl := must(c.WorkspaceRateLimits.Update(ctx, ws.ID, rl.ID, admin.UpdateWorkspaceRateLimitRequest{
		Limits: []admin.WorkspaceRateLimitChange{{Type: admin.LimiterTypeRequestsPerMinute, Value: admin.Ptr[int64](100)}},
	}))
	if wrl.WorkspaceID != ws.ID || wrl.RateLimitID != rl.ID || len(wrl.Limits) != 1 || wrl.Limits[0].Value != 100 {
		t.Errorf("RateLimits.UpdateWorkspace = %+v", wrl)
	}
	if wl := must(c.WorkspaceRateLimits.List(ctx, ws.ID, nil)); len(wl.Data) != 1 || wl.Data[0].Limits[0].Value != 100 {
		t.Errorf("RateLimits.ListWorkspace = %+v", wl.Data)
	}
	if got := collect(t, c.WorkspaceRateLimits.All(ctx, ws.ID, &admin.ListWorkspaceRateLimitsParams{IncludeInherited: true})); len(got) != 1 {
		t.Errorf("RateLimits.AllWorkspace = %d, want 1", len(got))
	}

	// RBAC roles: the built-in ones.
	roles := collect(t, c.RBACRoles.All(ctx, &admin.ListRBACRolesParams{Limit: 1}))
	if role := must(c.RBACRoles.Get(ctx, roles[1].ID)); len(roles) != 4 || !equal(roles[1], *role) || role.Source.Type != admin.RBACRoleSourceTypeBuiltIn {
		t.Errorf("RBACRoles: %d roles, Get = %+v", len(roles), role)
	}
	if _, err := c.RBACRoles.Get(ctx, "rbac_role_nope"); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("RBACRoles.Get(unknown) = %v, want ErrNotFound", err)
	}

	exerciseServiceAccounts(t, srv, c)

	// Usage and cost.
	day := fakeNow.Add(-48 * time.Hour).Truncate(24 * time.Hour)
	if err := srv.AddUsage(
		admintest.UsageRecord{Time: day.Add(time.Hour), Model: "claude-sonnet-4-5", UncachedInputTokens: 100, OutputTokens: 10},
		admintest.UsageRecord{Time: day.Add(2 * time.Hour), Model: "claude-haiku-4-5", UncachedInputTokens: 50, OutputTokens: 5},
	); err != nil {
		t.Fatal(err)
	}
	mu := must(c.MessagesUsage.List(ctx, &admin.GetMessagesUsageReportParams{StartingAt: day, EndingAt: day.Add(24 * time.Hour)}))
	if len(mu.Data) != 1 || len(mu.Data[0].Results) != 1 || mu.Data[0].Results[0].UncachedInputTokens != 150 || mu.Data[0].Results[0].OutputTokens != 15 {
		t.Errorf("Usage.Messages = %+v", mu.Data)
	}
	byModel := collect(t, c.MessagesUsage.All(ctx, &admin.GetMessagesUsageReportParams{StartingAt: day, EndingAt: day.Add(3 * time.Hour), BucketWidth: admin.UsageBucketWidthHour, Limit: 1, GroupBy: []admin.MessagesUsageGroupBy{admin.MessagesUsageGroupByModel}}))
	if len(byModel) != 3 || len(byModel[1].Results) != 1 || deref(byModel[1].Results[0].Model) != "claude-sonnet-4-5" {
		t.Errorf("Usage.AllMessages hourly by model = %+v", byModel)
	}
	if err := srv.AddCost(admintest.CostRecord{Date: day, Amount: "123.45", Description: "Claude Sonnet 4.5 Usage - Input Tokens", Model: "claude-sonnet-4-5"}); err != nil {
		t.Fatal(err)
	}
	cr := must(c.Cost.List(ctx, &admin.GetCostReportParams{StartingAt: day, EndingAt: day.Add(24 * time.Hour)}))
	if len(cr.Data) != 1 || len(cr.Data[0].Results) != 1 || cr.Data[0].Results[0].Amount.String() != "123.45" || cr.Data[0].Results[0].Currency != "USD" {
		t.Errorf("Usage.Cost = %+v", cr.Data)
	}
	if got := collect(t, c.Cost.All(ctx, &admin.GetCostReportParams{StartingAt: day.Add(-24 * time.Hour), EndingAt: day.Add(48 * time.Hour), Limit: 1})); len(got) != 3 {
		t.Errorf("Usage.AllCost = %d buckets, want 3", len(got))
	}
	if err := srv.AddClaudeCodeUsage(admin.ClaudeCodeUsageRecord{
		Date: day, Actor: admin.ClaudeCodeActor{Type: admin.ClaudeCodeActorTypeUserActor, EmailAddress: admin.Ptr("grace@example.com")},
		CustomerType: admin.CustomerTypeAPI, TerminalType: "vscode",
		CoreMetrics: admin.ClaudeCodeCoreMetrics{NumSessions: 3, CommitsByClaudeCode: 2},
	}); err != nil {
		t.Fatal(err)
	}
	cc := must(c.ClaudeCodeUsage.List(ctx, &admin.GetClaudeCodeUsageReportParams{StartingAt: day.Add(5 * time.Hour)}))
	if len(cc.Data) != 1 || cc.Data[0].CoreMetrics.NumSessions != 3 || deref(cc.Data[0].Actor.EmailAddress) != "grace@example.com" {
		t.Errorf("Usage.ClaudeCode = %+v", cc.Data)
	}
	if got := collect(t, c.ClaudeCodeUsage.All(ctx, &admin.GetClaudeCodeUsageReportParams{StartingAt: day, Limit: 1})); len(got) != 1 {
		t.Errorf("Usage.AllClaudeCode = %d records, want 1", len(got))
	}

	// Compliance.
	cl := must(c.ComplianceUsers.List(ctx, org.ID, &admin.ListComplianceOrganizationUsersParams{Limit: 1}))
	if len(cl.Data) != 1 || cl.Data[0].Email != "grace@example.com" || cl.Data[0].FullName != "Grace" {
		t.Errorf("Compliance.ListUsers = %+v", cl.Data)
	}
	if got := collect(t, c.ComplianceUsers.All(ctx, org.ID, nil)); len(got) != 1 {
		t.Errorf("Compliance.AllUsers = %d users, want 1", len(got))
	}

	// Compliance API content: chats, files, projects, downloads.
	exerciseComplianceContent(t, ctx, srv, c)

	// The Activity Feed, which by now holds the activities of the calls above.
	exerciseActivities(t, ctx, c)

	// External keys, compliance settings, RBAC groups and permissions.
	exerciseGovernance(t, ctx, srv, c)
	// Workload identity federation (federation_test.go).
	exerciseFederation(t, srv, c, ws.ID)
	// Spend limits and increase requests (spendlimits_test.go).
	exerciseSpendLimits(t, srv, c, ws.ID)
	// The Compliance API's directory (compliance_org_test.go).
	exerciseComplianceDirectory(t, ctx, srv, c)
	// The Usage and Cost Analytics API (analytics_test.go).
	exerciseAnalytics(t, ctx, srv, c)

	// Every operation of the spec was exercised.
	doc, err := server.GetSpec()
	if err != nil {
		t.Fatal(err)
	}
	for path, item := range doc.Paths.Map() {
		for method, o := range item.Operations() {
			if srv.Calls(admin.Operation(o.OperationID)) == 0 {
				t.Errorf("%s %s (%s) was never called", method, path, o.OperationID)
			}
		}
	}
}

// modelOpts compares the generated models: AllowedInferenceGeos is a
// union with an unexported field, compared by its JSON.
var modelOpts = cmp.Options{cmp.Comparer(func(a, b admin.AllowedInferenceGeos) bool {
	ja, errA := a.MarshalJSON()
	jb, errB := b.MarshalJSON()
	return errA == nil && errB == nil && string(ja) == string(jb)
})}

func equal(a, b any) bool  { return cmp.Equal(a, b, modelOpts) }
func diff(a, b any) string { return cmp.Diff(a, b, modelOpts) }

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}

// TestFakeFaultsThroughClient drives the retry rules through the fake's
// fault injection.
func TestFakeFaultsThroughClient(t *testing.T) {
	defer catch(t)
	srv, c := newFake(t)
	ctx := context.Background()
	u := must(srv.AddUser(admintest.UserSeed{Email: "ada@example.com"}))
	if err := srv.FailNext(admin.OpGetUser, 2, admintest.Fault{Status: 529}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Users.Get(ctx, u.ID); err != nil {
		t.Fatalf("Get after two 529s: %v", err)
	}
	if got := srv.Calls(admin.OpGetUser); got != 3 {
		t.Errorf("getUser calls = %d, want 3", got)
	}
	if err := srv.FailNext(admin.OpCreateWorkspace, 1, admintest.Fault{Status: 500}); err != nil {
		t.Fatal(err)
	}
	_, err := c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "w"})
	var apiErr *admin.Error
	if !errors.As(err, &apiErr) || apiErr.StatusCode != 500 || apiErr.RequestID == "" || !strings.HasPrefix(apiErr.RequestID, "req_") {
		t.Fatalf("err = %v, want a 500 *admin.Error with a request ID", err)
	}
	if got := srv.Calls(admin.OpCreateWorkspace); got != 1 {
		t.Errorf("createWorkspace calls = %d, want 1", got)
	}
	if err := srv.FailNext(admin.OpCreateWorkspace, 1, admintest.Fault{Status: 429, RetryAfter: time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "w"}); err != nil {
		t.Fatalf("create after a 429: %v", err)
	}
	if got := srv.Calls(admin.OpCreateWorkspace); got != 3 {
		t.Errorf("createWorkspace calls = %d, want 3", got)
	}
}

// TestPathTraversalAgainstFake checks end to end that an ID holding a path
// cannot reach another route of the fake.
func TestPathTraversalAgainstFake(t *testing.T) {
	defer catch(t)
	srv, c := newFake(t)
	must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "w"}))
	for _, id := range []string{"../workspaces", "../../organizations/workspaces", "..%2Fworkspaces", "x/../../workspaces"} {
		_, err := c.Users.Get(context.Background(), id)
		if !errors.Is(err, admin.ErrNotFound) && !errors.Is(err, admin.ErrInvalidRequest) {
			t.Errorf("Users.Get(%q): err = %v, want a 404 or 400 from the users route", id, err)
		}
	}
	if n := srv.Calls(admin.OpListWorkspaces) + srv.Calls(admin.OpGetWorkspace); n != 0 {
		t.Errorf("an ID reached the workspaces routes %d times", n)
	}
}

// TestConcurrentUse shares one client between goroutines (run with -race)
// and checks the caller's http.Client is used as it is, never modified.
func TestConcurrentUse(t *testing.T) {
	defer catch(t)
	srv := admintest.NewServer()
	t.Cleanup(srv.Close)
	hc := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 8}}
	before := *hc
	c := srv.Client(admin.WithHTTPClient(hc))
	u := must(srv.AddUser(admintest.UserSeed{Email: "ada@example.com"}))
	var wg sync.WaitGroup
	errs := make(chan error, 32)
	for range 32 {
		wg.Go(func() {
			for range 20 {
				got, err := c.Users.Get(context.Background(), u.ID)
				if err == nil && got.ID != u.ID {
					err = fmt.Errorf("got user %q", got.ID)
				}
				if err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	if hc.Transport != before.Transport || hc.Timeout != before.Timeout || hc.Jar != nil || hc.CheckRedirect != nil {
		t.Errorf("the caller's http.Client was modified: %+v", hc)
	}
	if got := srv.Calls(admin.OpGetUser); got != 32*20 {
		t.Errorf("getUser calls = %d, want %d", got, 32*20)
	}
}
