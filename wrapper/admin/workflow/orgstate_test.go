package workflow_test

import (
	"bytes"
	"context"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// orgFixture is a seeded organization for the org-state tests.
type orgFixture struct {
	srv             *admintest.Server
	jane, bob, ann  admin.User
	research, prod  admin.Workspace
	rpm             admin.RateLimit
	bot             admin.ServiceAccount
	engineers       admin.RBACGroup
	janeKey, botKey admin.APIKey
	invite          admin.Invite
}

// seedOrg builds an organization with three members, a pending invite,
// two active workspaces and an archived one, a rate-limit override, a
// service account in a workspace, an RBAC group and three keys.
func seedOrg(t testing.TB) *orgFixture {
	t.Helper()
	srv := admintest.NewServer()
	t.Cleanup(srv.Close)
	srv.SetNow(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	f := &orgFixture{srv: srv}
	f.ann = must(srv.AddUser(admintest.UserSeed{Email: "ann@example.com", Name: "Ann Admin", Role: admin.OrganizationRoleAdmin}))
	f.jane = must(srv.AddUser(admintest.UserSeed{Email: "jane@example.com", Name: "Jane Doe", Role: admin.OrganizationRoleUser}))
	f.bob = must(srv.AddUser(admintest.UserSeed{Email: "bob@example.com", Name: "Bob Roe", Role: admin.OrganizationRoleDeveloper}))
	f.invite = must(srv.AddInvite(admintest.InviteSeed{Email: "carol@example.com", Role: admin.OrganizationRoleUser}))
	f.research = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Research", DisplayColor: "#6C5BB9", Tags: map[string]string{"team": "ml"}}))
	f.prod = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Prod"}))
	old := must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Old"}))
	must(srv.ArchiveWorkspace(old.ID))
	must(srv.AddWorkspaceMember(f.research.ID, f.jane.ID, admin.WorkspaceRoleWorkspaceDeveloper))
	must(srv.AddWorkspaceMember(f.research.ID, f.bob.ID, admin.WorkspaceRoleWorkspaceUser))
	must(srv.AddWorkspaceMember(f.prod.ID, f.bob.ID, admin.WorkspaceRoleWorkspaceAdmin))
	f.rpm = must(srv.AddRateLimit(admintest.RateLimitSeed{GroupType: admin.RateLimitGroupTypeModelGroup, DisplayName: "Claude Sonnet", Models: []string{"claude-sonnet-4-5"}, Limits: map[string]int64{"requests_per_minute": 4000, "input_tokens_per_minute": 400000}}))
	f.bot = must(srv.AddServiceAccount(admintest.ServiceAccountSeed{Name: "ci-bot", Description: "CI pipeline"}))
	must(srv.AddWorkspaceServiceAccount(f.prod.ID, f.bot.ID, admin.AssignableWorkspaceRoleWorkspaceDeveloper))
	f.engineers = must(srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Engineers", MemberIDs: []string{f.jane.ID, f.bob.ID}}))
	f.janeKey = must(srv.AddAPIKey(admintest.APIKeySeed{Name: "notebook", WorkspaceID: f.research.ID, CreatedByUserID: f.jane.ID}))
	f.botKey = must(srv.AddAPIKey(admintest.APIKeySeed{Name: "deploy", WorkspaceID: f.prod.ID, CreatedByUserID: f.bob.ID}))
	must(srv.AddAPIKey(admintest.APIKeySeed{Name: "laptop", CreatedByUserID: f.bob.ID, Status: admin.APIKeyStatusInactive}))
	must(srv.Client().WorkspaceRateLimits.Update(context.Background(), f.research.ID, f.rpm.ID, admin.UpdateWorkspaceRateLimitRequest{
		Limits: []admin.WorkspaceRateLimitChange{{Type: "requests_per_minute", Value: admin.Ptr[int64](1000)}}}))
	return f
}

func exportYAML(t testing.TB, c *admin.Client) string {
	t.Helper()
	s, err := workflow.ExportOrg(context.Background(), c, workflow.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := s.WriteYAML(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// writeOps are the operations an apply may call.
var writeOps = []admin.Operation{
	admin.OpUpdateUser, admin.OpRemoveUser, admin.OpCreateInvite, admin.OpDeleteInvite,
	admin.OpCreateWorkspace, admin.OpUpdateWorkspace, admin.OpArchiveWorkspace,
	admin.OpAddWorkspaceMember, admin.OpUpdateWorkspaceMember, admin.OpRemoveWorkspaceMember,
	admin.OpUpdateWorkspaceRateLimit, admin.OpCreateServiceAccount, admin.OpUpdateServiceAccount,
	admin.OpArchiveServiceAccount, admin.OpAddWorkspaceServiceAccount, admin.OpUpdateWorkspaceServiceAccount,
	admin.OpRemoveWorkspaceServiceAccount, admin.OpCreateRBACGroup, admin.OpUpdateRBACGroup,
	admin.OpDeleteRBACGroup, admin.OpAddRBACGroupMember, admin.OpRemoveRBACGroupMember, admin.OpUpdateAPIKey,
}

// writeCalls counts the calls of writeOps made so far.
func writeCalls(srv *admintest.Server) map[admin.Operation]int {
	m := map[admin.Operation]int{}
	for _, op := range writeOps {
		if n := srv.Calls(op); n > 0 {
			m[op] = n
		}
	}
	return m
}

func (f *orgFixture) client() *admin.Client {
	return f.srv.Client(admin.WithMaxRetries(0))
}

func readState(t testing.TB, text string) *workflow.OrgState {
	t.Helper()
	s, err := workflow.ReadOrgState(strings.NewReader(text))
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func stateYAML(t testing.TB, s *workflow.OrgState) string {
	t.Helper()
	var b bytes.Buffer
	if err := s.WriteYAML(&b); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// edit makes the changes of the end-to-end test to an exported state:
// jane becomes a developer, a workspace Design is added with jane as a
// member, dave is invited into Engineers, Research's requests_per_minute
// override goes from 1000 to 500, and bob leaves Research.
func edit(t testing.TB, s *workflow.OrgState) {
	t.Helper()
	for i := range s.Users {
		if s.Users[i].Email == "jane@example.com" {
			s.Users[i].Role = admin.OrganizationRoleDeveloper
		}
	}
	s.Workspaces = append(s.Workspaces, workflow.OrgWorkspace{Name: "Design", DisplayColor: "#D97757",
		Tags:            map[string]string{"team": "design"},
		Members:         []workflow.OrgMember{{Name: "jane@example.com", Role: admin.WorkspaceRoleWorkspaceDeveloper}},
		ServiceAccounts: []workflow.OrgMember{}, RateLimits: []workflow.OrgRateLimit{}})
	s.Invites = append(s.Invites, workflow.OrgInvite{Email: "dave@example.com", Role: admin.OrganizationRoleDeveloper, RBACGroups: []string{"Engineers"}})
	for i := range s.Workspaces {
		w := &s.Workspaces[i]
		if w.Name != "Research" {
			continue
		}
		w.RateLimits[0].Limits["requests_per_minute"] = 500
		w.Members = slices.DeleteFunc(w.Members, func(m workflow.OrgMember) bool { return m.Name == "bob@example.com" })
	}
	s.Sort()
}

// fillServerFields copies into want what the service assigns to the
// objects want adds (IDs, an invite's expiry, a workspace's data
// residency), from got, by natural key; everything the file states is
// left as it is, so comparing afterwards is exact on all of it.
func fillServerFields(want, got *workflow.OrgState) {
	for i := range want.Workspaces {
		w := &want.Workspaces[i]
		for _, g := range got.Workspaces {
			if w.ID == "" && g.Name == w.Name {
				w.ID = g.ID
				if w.DataResidency == nil {
					w.DataResidency = g.DataResidency
				}
			}
		}
	}
	for i := range want.Invites {
		inv := &want.Invites[i]
		for _, g := range got.Invites {
			if inv.ID == "" && g.Email == inv.Email {
				inv.ID, inv.ExpiresAt = g.ID, g.ExpiresAt
			}
		}
	}
}

func TestOrgExportDiffApplyExport(t *testing.T) {
	ctx := context.Background()
	f := seedOrg(t)
	c := f.client()
	exported := exportYAML(t, c)
	edited := readState(t, exported)
	edit(t, edited)
	file := stateYAML(t, edited) // what an administrator would save

	desired := readState(t, file)
	seeded := writeCalls(f.srv)
	plan, err := workflow.PlanOrgChanges(ctx, c, desired, workflow.PlanOptions{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`Organization %s "Fake Organization (admintest)": 6 change(s), pruning
~ user jane@example.com: role user → developer
+ workspace "Design" (display_color #D97757, tags {team=design})
+ workspace "Design": member jane@example.com (workspace_developer)
~ workspace "Research": rate limit %s (Claude Sonnet): requests_per_minute 1000 → 500
+ invite dave@example.com (role developer, groups Engineers)
- workspace "Research": member bob@example.com (workspace_user)
`, f.srv.OrganizationID(), f.rpm.ID)
	if got := plan.String(); got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
	if got := writeCalls(f.srv); !maps.Equal(got, seeded) {
		t.Fatalf("planning wrote: %v, then %v", seeded, got)
	}
	receipt := &workflow.OrgReceipt{}
	if err := workflow.ApplyOrgChanges(ctx, c, plan, receipt); err != nil {
		t.Fatal(err)
	}
	if !receipt.Complete || len(receipt.Steps) != 6 || receipt.Runs != 1 {
		t.Errorf("receipt:\n%s", receipt)
	}
	wantCalls := map[admin.Operation]int{admin.OpUpdateUser: 1, admin.OpCreateWorkspace: 1, admin.OpAddWorkspaceMember: 1,
		admin.OpUpdateWorkspaceRateLimit: 2, admin.OpCreateInvite: 1, admin.OpRemoveWorkspaceMember: 1}
	if got := writeCalls(f.srv); !maps.Equal(got, wantCalls) {
		t.Errorf("writes = %v, want %v", got, wantCalls)
	}

	after := readState(t, exportYAML(t, c))
	fillServerFields(desired, after)
	if got, want := stateYAML(t, after), stateYAML(t, desired); got != want {
		t.Errorf("export after apply differs from the edited file:\n%s\nwant:\n%s", got, want)
	}
	// The invite carries the group, by name.
	for _, inv := range after.Invites {
		if inv.Email == "dave@example.com" && !slices.Equal(inv.RBACGroups, []string{"Engineers"}) {
			t.Errorf("dave's invite groups = %v", inv.RBACGroups)
		}
	}
	again, err := workflow.PlanOrgChanges(ctx, c, readState(t, file), workflow.PlanOptions{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changes) != 0 {
		t.Errorf("planning again after apply:\n%s", again)
	}
}
