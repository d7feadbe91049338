package workflow_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"regexp"
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
		Members:         []workflow.OrgWorkspaceMember{{Email: "jane@example.com", Role: admin.WorkspaceRoleWorkspaceDeveloper}},
		ServiceAccounts: []workflow.OrgWorkspaceServiceAccount{}, RateLimits: []workflow.OrgRateLimit{}})
	s.Invites = append(s.Invites, workflow.OrgInvite{Email: "dave@example.com", Role: admin.OrganizationRoleDeveloper, RBACGroups: []string{"Engineers"}})
	for i := range s.Workspaces {
		w := &s.Workspaces[i]
		if w.Name != "Research" {
			continue
		}
		w.RateLimits[0].Limits["requests_per_minute"] = 500
		w.Members = slices.DeleteFunc(w.Members, func(m workflow.OrgWorkspaceMember) bool { return m.Email == "bob@example.com" })
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
	receipt := &workflow.Receipt{}
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

func TestOrgPlanWithoutPruneLeavesAlone(t *testing.T) {
	ctx := context.Background()
	f := seedOrg(t)
	c := f.client()
	s := readState(t, exportYAML(t, c))
	edit(t, s)
	// Also leave out a user, an invite, a workspace, a service account,
	// a group and a rate limit.
	s.Users = slices.DeleteFunc(s.Users, func(u workflow.OrgUser) bool { return u.Email == "bob@example.com" })
	s.Invites = slices.DeleteFunc(s.Invites, func(i workflow.OrgInvite) bool { return i.Email == "carol@example.com" })
	s.Workspaces = slices.DeleteFunc(s.Workspaces, func(w workflow.OrgWorkspace) bool { return w.Name == "Prod" })
	s.ServiceAccounts = []workflow.OrgServiceAccount{}
	s.RBACGroups = []workflow.OrgRBACGroup{}
	for i := range s.Workspaces {
		if s.Workspaces[i].Name == "Research" {
			s.Workspaces[i].RateLimits = []workflow.OrgRateLimit{}
		}
	}
	s.Invites = slices.DeleteFunc(s.Invites, func(i workflow.OrgInvite) bool { return len(i.RBACGroups) > 0 }) // its group is gone
	plan, err := workflow.PlanOrgChanges(ctx, c, s, workflow.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, ch := range plan.Changes {
		if strings.HasPrefix(ch.Description, "- ") {
			t.Errorf("a removal without Prune: %s", ch.Description)
		}
	}
	text := plan.String()
	for _, s := range []string{
		"Left alone, not in the file (7; prune removes them):",
		`workspace "Research": member bob@example.com (workspace_user)`,
		fmt.Sprintf(`workspace "Research": rate limit %s (Claude Sonnet): requests_per_minute 1000`, f.rpm.ID),
		"invite carol@example.com (role user)",
		`RBAC group "Engineers" (2 members)`,
		`service account "ci-bot" (archived, cannot be undone)`,
		`workspace "Prod" (archived, cannot be undone; its API keys stop working)`,
		"user bob@example.com (developer)",
	} {
		if !strings.Contains(text, s) {
			t.Errorf("plan lacks %q:\n%s", s, text)
		}
	}
	if err := workflow.ApplyOrgChanges(ctx, c, plan, &workflow.Receipt{}); err != nil {
		t.Fatal(err)
	}
	for _, op := range []admin.Operation{admin.OpRemoveUser, admin.OpDeleteInvite, admin.OpArchiveWorkspace, admin.OpArchiveServiceAccount,
		admin.OpDeleteRBACGroup, admin.OpRemoveWorkspaceMember, admin.OpRemoveRBACGroupMember} {
		if n := f.srv.Calls(op); n != 0 {
			t.Errorf("%s called %d times without Prune", op, n)
		}
	}

	// With Prune the same file removes all of it, users last.
	plan, err = workflow.PlanOrgChanges(ctx, c, s, workflow.PlanOptions{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, ch := range plan.Changes {
		got = append(got, string(ch.Kind))
	}
	want := []string{"update_workspace_rate_limit", "remove_workspace_member", "delete_invite", "delete_rbac_group", "archive_service_account", "archive_workspace", "remove_user"}
	if !slices.Equal(got, want) {
		t.Fatalf("pruning steps = %v, want %v\n%s", got, want, plan)
	}
	if err := workflow.ApplyOrgChanges(ctx, c, plan, &workflow.Receipt{}); err != nil {
		t.Fatal(err)
	}
	again, err := workflow.PlanOrgChanges(ctx, c, s, workflow.PlanOptions{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changes) != 0 || len(again.LeftAlone) != 0 {
		t.Errorf("after pruning:\n%s", again)
	}
}

func TestOrgPlanRefusesAnotherOrganization(t *testing.T) {
	f := seedOrg(t)
	c := f.client()
	s := readState(t, exportYAML(t, c))
	edit(t, s)
	s.Organization.ID = "00000000-0000-4000-8000-000000000bad"
	reads := f.srv.Calls(admin.OpListUsers)
	plan, err := workflow.PlanOrgChanges(context.Background(), c, s, workflow.PlanOptions{Prune: true})
	if !errors.Is(err, workflow.ErrOrganizationMismatch) || plan != nil {
		t.Fatalf("plan, err = %v, %v; want ErrOrganizationMismatch", plan, err)
	}
	if !strings.Contains(err.Error(), f.srv.OrganizationID()) {
		t.Errorf("error does not name the key's organization: %v", err)
	}
	if n := f.srv.Calls(admin.OpListUsers); n != reads {
		t.Errorf("planning read the users after the mismatch")
	}
	if w := writeCalls(f.srv); w[admin.OpUpdateWorkspaceRateLimit] != 1 || len(w) != 1 {
		t.Errorf("writes = %v, want only the seed's", w)
	}
}

func TestOrgApplyFailureHalfwayAndRerun(t *testing.T) {
	ctx := context.Background()
	f := seedOrg(t)
	c := f.srv.Client(admin.WithMaxRetries(0), admin.WithHTTPClient(&http.Client{Transport: workflow.RecordRequestIDs(nil)}))
	s := readState(t, exportYAML(t, c))
	edit(t, s)
	file := stateYAML(t, s)
	seeded := writeCalls(f.srv)
	plan, err := workflow.PlanOrgChanges(ctx, c, readState(t, file), workflow.PlanOptions{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	// The member of the new workspace fails: the role change and the
	// workspace are done, the rest is not.
	if err := f.srv.FailNext(admin.OpAddWorkspaceMember, 1, admintest.Fault{Status: 500}); err != nil {
		t.Fatal(err)
	}
	receipt := &workflow.Receipt{}
	err = workflow.ApplyOrgChanges(ctx, c, plan, receipt)
	if !errors.Is(err, admin.ErrServer) {
		t.Fatalf("apply: %v, want the injected 500", err)
	}
	if receipt.Complete || len(receipt.Steps) != 3 || receipt.Steps[2].Status != workflow.StepFailed || receipt.Steps[2].RequestID == "" ||
		receipt.Steps[0].Status != workflow.StepDone || receipt.Steps[0].RequestID == "" {
		t.Fatalf("receipt after the failure:\n%s", receipt)
	}

	// Planning again from the same file yields only what is left: the new
	// workspace is now matched by name.
	plan2, err := workflow.PlanOrgChanges(ctx, c, readState(t, file), workflow.PlanOptions{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := plan2.Steps(), plan.Steps()[2:]; len(got) != len(want) {
		t.Fatalf("re-plan:\n%s\nwant the last %d steps of:\n%s", plan2, len(want), plan)
	}
	for i, ch := range plan2.Changes {
		if ch.Kind != plan.Changes[i+2].Kind || ch.Description != plan.Changes[i+2].Description {
			t.Errorf("re-plan step %d = %q, want %q", i, ch.Description, plan.Changes[i+2].Description)
		}
	}
	if err := workflow.ApplyOrgChanges(ctx, c, plan2, receipt); err != nil {
		t.Fatal(err)
	}
	if !receipt.Complete || receipt.Runs != 2 || len(receipt.Steps) != 3+4 {
		t.Errorf("receipt after the re-run:\n%s", receipt)
	}
	// Each change was sent once, the failed one twice; nothing else.
	got := writeCalls(f.srv)
	for op, n := range seeded {
		got[op] -= n
	}
	want := map[admin.Operation]int{admin.OpUpdateUser: 1, admin.OpCreateWorkspace: 1, admin.OpAddWorkspaceMember: 2,
		admin.OpUpdateWorkspaceRateLimit: 1, admin.OpCreateInvite: 1, admin.OpRemoveWorkspaceMember: 1}
	if !maps.Equal(got, want) {
		t.Errorf("writes = %v, want %v", got, want)
	}
	var rb bytes.Buffer
	if _, err := receipt.WriteTo(&rb); err != nil {
		t.Fatal(err)
	}
	back, err := workflow.ReadReceipt(&rb)
	if err != nil || len(back.Steps) != len(receipt.Steps) || back.OrganizationID != f.srv.OrganizationID() {
		t.Errorf("receipt round trip: %+v, %v", back, err)
	}
}

// TestOrgExportStable checks that two exports are byte-identical and that
// the order things were created in does not matter.
func TestOrgExportStable(t *testing.T) {
	build := func(order []int) string {
		srv := admintest.NewServer()
		t.Cleanup(srv.Close)
		var users []admin.User
		var wss []admin.Workspace
		steps := []func(){
			func() {
				for _, e := range []string{"zoe@example.com", "adam@example.com", "Mia@example.com"} {
					users = append(users, must(srv.AddUser(admintest.UserSeed{Email: e, Name: e, Role: admin.OrganizationRoleUser})))
				}
			},
			func() {
				for _, n := range []string{"Zeta", "Alpha", "Mid"} {
					wss = append(wss, must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: n, Tags: map[string]string{"z": "1", "a": "2", "m": "3"}})))
				}
			},
			func() {
				for _, n := range []string{"zz-bot", "aa-bot"} {
					must(srv.AddServiceAccount(admintest.ServiceAccountSeed{Name: n}))
				}
			},
		}
		for _, i := range order {
			steps[i]()
		}
		slices.SortFunc(users, func(a, b admin.User) int { return strings.Compare(b.Email, a.Email) })
		for _, w := range wss {
			for _, u := range users {
				must(srv.AddWorkspaceMember(w.ID, u.ID, admin.WorkspaceRoleWorkspaceUser))
			}
			must(srv.AddAPIKey(admintest.APIKeySeed{Name: "k-" + w.Name, WorkspaceID: w.ID, CreatedByUserID: users[0].ID}))
		}
		ids := []string{users[2].ID, users[0].ID, users[1].ID}
		must(srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Group", MemberIDs: ids}))
		y := exportYAML(t, srv.Client())
		if again := exportYAML(t, srv.Client()); again != y {
			t.Fatalf("two exports differ:\n%s\n---\n%s", y, again)
		}
		// IDs differ between servers; compare everything else.
		return idPattern.ReplaceAllString(y, "ID")
	}
	a, b := build([]int{0, 1, 2}), build([]int{2, 1, 0})
	if a != b {
		t.Errorf("seeding order changed the export:\n%s\n---\n%s", a, b)
	}
	for _, want := range []string{"- name: Alpha", "adam@example.com\n", "- name: aa-bot"} {
		if !strings.Contains(a, want) {
			t.Errorf("export lacks %q:\n%s", want, a)
		}
	}
	if strings.Index(a, "name: Alpha") > strings.Index(a, "name: Mid") || strings.Index(a, "adam@") > strings.Index(a, "Mia@") {
		t.Errorf("not sorted:\n%s", a)
	}
}

var idPattern = regexp.MustCompile(`[a-z]+_[0-9A-Za-z]{20,}`)

func TestReadOrgStateRejectsUnknownFields(t *testing.T) {
	_, err := workflow.ReadOrgState(strings.NewReader("organization: {id: org}\nuserz: []\n"))
	if err == nil || !strings.Contains(err.Error(), "userz") {
		t.Errorf("err = %v, want an unknown-field error", err)
	}
	if _, err := workflow.ReadOrgState(strings.NewReader("users: []\n")); err == nil {
		t.Error("a state without organization.id was accepted")
	}
}

func TestOrgApplyServiceAccountsGroupsKeys(t *testing.T) {
	ctx := context.Background()
	f := seedOrg(t)
	c := f.client()
	s := readState(t, exportYAML(t, c))
	s.ServiceAccounts = append(s.ServiceAccounts, workflow.OrgServiceAccount{Name: "etl-bot", Description: "nightly ETL", Role: admin.ServiceAccountOrganizationRoleDeveloper})
	s.ServiceAccounts[0].Description = "CI and CD"
	s.RBACGroups = append(s.RBACGroups, workflow.OrgRBACGroup{Name: "Admins", Members: []string{"ann@example.com"}})
	for i := range s.RBACGroups {
		if s.RBACGroups[i].Name == "Engineers" {
			s.RBACGroups[i].Name = "Engineering" // renamed: matched by ID
			s.RBACGroups[i].Members = append(s.RBACGroups[i].Members, "ann@example.com")
		}
	}
	for i := range s.Workspaces {
		w := &s.Workspaces[i]
		switch w.Name {
		case "Research":
			w.ServiceAccounts = append(w.ServiceAccounts, workflow.OrgWorkspaceServiceAccount{Name: "etl-bot", Role: admin.WorkspaceRoleWorkspaceUser})
			w.DataResidency.WorkspaceGeo = "eu" // cannot apply
		case "Prod":
			w.ServiceAccounts[0].Role = admin.WorkspaceRoleWorkspaceAdmin
			w.Name = "Production" // renamed: matched by ID
		}
	}
	for i := range s.APIKeys {
		k := &s.APIKeys[i]
		switch k.Name {
		case "deploy":
			k.Name, k.Status = "deploy-old", admin.APIKeyStatusInactive
		case "notebook":
			k.WorkspaceID = f.prod.ID // cannot apply
		}
	}
	s.Users[2].Name = "Jane Smith" // cannot apply
	s.Users = append(s.Users, workflow.OrgUser{Email: "eve@example.com", Role: admin.OrganizationRoleUser})
	plan, err := workflow.PlanOrgChanges(ctx, c, s, workflow.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`Organization %[1]s "Fake Organization (admintest)": 10 change(s)
+ RBAC group "Admins"
~ RBAC group "Engineers": name → "Engineering"
~ service account "ci-bot": description "CI pipeline" → "CI and CD"
+ service account "etl-bot" (role developer)
~ workspace "Prod": name → "Production"
~ workspace "Production": service account "ci-bot": role workspace_developer → workspace_admin
+ workspace "Research": service account "etl-bot" (workspace_user)
+ RBAC group "Admins": member ann@example.com
+ RBAC group "Engineering": member ann@example.com
~ API key %[2]s "deploy": name → "deploy-old", status active → inactive

Cannot apply (4):
! user eve@example.com is not a member: the API cannot add members; invite them (invites section)
! user jane@example.com: name "Jane Doe" → "Jane Smith": the API cannot change a user's name
! workspace "Research": workspace_geo us → eu: set at creation only
! API key %[3]s "notebook": workspace_id %[4]s → %[5]s: a key's workspace cannot be changed
`, f.srv.OrganizationID(), f.botKey.ID, f.janeKey.ID, f.research.ID, f.prod.ID)
	if got := plan.String(); got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
	if err := workflow.ApplyOrgChanges(ctx, c, plan, &workflow.Receipt{}); err != nil {
		t.Fatal(err)
	}
	again, err := workflow.PlanOrgChanges(ctx, c, s, workflow.PlanOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Changes) != 0 || len(again.CannotApply) != len(plan.CannotApply) {
		t.Errorf("after apply:\n%s", again)
	}
	after := readState(t, exportYAML(t, c))
	got := stateYAML(t, after)
	for _, w := range []string{"name: etl-bot", "description: nightly ETL", "name: Engineering", "- name: Production", "name: deploy-old\n", "status: inactive", "- ann@example.com"} {
		if !strings.Contains(got, w) {
			t.Errorf("export after apply lacks %q", w)
		}
	}
}

func TestOrgExportWithoutOAuth(t *testing.T) {
	f := seedOrg(t)
	c := must(admin.NewClient(f.srv.AdminKey(), admin.WithBaseURL(f.srv.URL)))
	before := f.srv.Calls(admin.OpListServiceAccounts)
	s, err := workflow.ExportOrg(context.Background(), c, workflow.ExportOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(s.NotExported, []string{"service_accounts"}) || s.ServiceAccounts != nil {
		t.Errorf("not exported = %v, service accounts = %v", s.NotExported, s.ServiceAccounts)
	}
	if f.srv.Calls(admin.OpListServiceAccounts) != before {
		t.Error("the service-account list was sent without an OAuth token")
	}
	y := stateYAML(t, s)
	if !strings.Contains(y, "not_exported:\n  - service_accounts\n") || strings.Contains(y, "service_accounts:") || !strings.Contains(y, "rate_limits:") {
		t.Errorf("export:\n%s", y)
	}
	// Planning the same file with the same client changes nothing and
	// does not touch service accounts.
	plan, err := workflow.PlanOrgChanges(context.Background(), c, readState(t, y), workflow.PlanOptions{Prune: true})
	if err != nil || len(plan.Changes) != 0 || len(plan.CannotApply) != 0 {
		t.Errorf("plan = %v, %v", plan, err)
	}
}

// TestOrgPlanInviteChangeAndOwner: an invite whose role changes is
// deleted and sent again, without Prune; the primary owner is never
// planned for removal.
func TestOrgPlanInviteChangeAndOwner(t *testing.T) {
	ctx := context.Background()
	f := seedOrg(t)
	c := f.client()
	owner := must(f.srv.AddUser(admintest.UserSeed{Email: "owner@example.com", Name: "Owner", Role: admin.OrganizationRolePrimaryOwner}))
	s := readState(t, exportYAML(t, c))
	s.Invites[0].Role = admin.OrganizationRoleDeveloper
	later := s.Invites[0].ExpiresAt.Add(24 * time.Hour)
	s.Invites[0].ExpiresAt = &later
	s.Users = slices.DeleteFunc(s.Users, func(u workflow.OrgUser) bool { return u.ID == owner.ID })
	plan, err := workflow.PlanOrgChanges(ctx, c, s, workflow.PlanOptions{Prune: true})
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf(`Organization %s "Fake Organization (admintest)": 2 change(s), pruning
~ invite carol@example.com: role user → developer (deleted and sent again)
+ invite carol@example.com (role developer, sent again)

Cannot apply (2):
! user owner@example.com is the primary owner: the API cannot remove them
! invite carol@example.com: expires_at 2026-11-23T09:00:00Z → 2026-11-24T09:00:00Z: the service sets it
`, f.srv.OrganizationID())
	if got := plan.String(); got != want {
		t.Errorf("plan:\n%s\nwant:\n%s", got, want)
	}
	if err := workflow.ApplyOrgChanges(ctx, c, plan, &workflow.Receipt{}); err != nil {
		t.Fatal(err)
	}
	after := must(workflow.ExportOrg(ctx, c, workflow.ExportOptions{}))
	if len(after.Invites) != 1 || after.Invites[0].Role != admin.OrganizationRoleDeveloper || after.Invites[0].ID == f.invite.ID {
		t.Errorf("invites after apply: %+v", after.Invites)
	}
	if f.srv.Calls(admin.OpRemoveUser) != 0 {
		t.Error("the primary owner was removed")
	}
}
