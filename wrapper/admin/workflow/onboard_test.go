package workflow_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// onboardOrg is a seeded organization to onboard someone into.
type onboardOrg struct {
	fakeOrg
	boss                admin.User
	research, prod, old admin.Workspace
	engineers, ops      admin.RBACGroup
}

func seedOnboard(t testing.TB) *onboardOrg {
	t.Helper()
	srv := admintest.NewServer()
	t.Cleanup(srv.Close)
	srv.SetNow(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	o := &onboardOrg{fakeOrg: fakeOrg{srv}}
	o.boss = must(srv.AddUser(admintest.UserSeed{Email: "boss@example.com", Name: "Boss", Role: admin.OrganizationRoleDeveloper}))
	o.research = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Research"}))
	o.prod = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Prod"}))
	o.old = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Old"}))
	must(srv.ArchiveWorkspace(o.old.ID))
	o.engineers = must(srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Engineers", MemberIDs: []string{o.boss.ID}}))
	o.ops = must(srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Ops"}))
	return o
}

// writes counts the calls of the operations onboarding makes.
func (o *onboardOrg) writes() map[admin.Operation]int {
	return o.calls(admin.OpCreateInvite, admin.OpUpdateUser, admin.OpAddWorkspaceMember, admin.OpUpdateWorkspaceMember, admin.OpAddRBACGroupMember, admin.OpDeleteInvite)
}

func delta(before, after map[admin.Operation]int) map[admin.Operation]int {
	d := map[admin.Operation]int{}
	for op, n := range after {
		if n != before[op] {
			d[op] = n - before[op]
		}
	}
	return d
}

// TestOnboardLifeCycle: invite (the create fails after the service made
// the invite), re-run (no second invite), acceptance (the groups are
// joined), the workspaces (the second add fails), re-run (only the
// second), and a last run that does nothing.
func TestOnboardLifeCycle(t *testing.T) {
	ctx := context.Background()
	o := seedOnboard(t)
	var failSecondAdd sync.Once
	armed := false
	c := o.client(func(r *http.Request, resp *http.Response) {
		if armed && r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/members") && strings.Contains(r.URL.Path, "/workspaces/") && resp.StatusCode == 200 {
			failSecondAdd.Do(func() {
				if err := o.srv.FailNext(admin.OpAddWorkspaceMember, 1, admintest.Fault{Status: 503, Message: "injected outage"}); err != nil {
					t.Error(err)
				}
			})
		}
	})
	opts := workflow.OnboardOptions{
		Role: admin.AssignableOrganizationRoleDeveloper,
		Workspaces: []workflow.WorkspaceGrant{
			{Workspace: o.research.ID, Role: admin.WorkspaceRoleWorkspaceDeveloper},
			{Workspace: "Prod", Role: admin.WorkspaceRoleWorkspaceAdmin},
		},
		RBACGroups: []string{o.engineers.ID, "Ops"},
	}
	start := o.writes()

	// 1. Not a member, no invite: the plan invites with the groups.
	plan := must(workflow.PlanOnboarding(ctx, c, "new.hire@example.com", opts))
	if got := kinds(plan.Steps); !slices.Equal(got, []string{"create_invite new.hire@example.com"}) || !plan.AwaitingAcceptance {
		t.Fatalf("first plan: %v, awaiting %v", got, plan.AwaitingAcceptance)
	}
	text := plan.String()
	for _, want := range []string{"not a member, no pending invite", `"Prod"  workspace_admin  (after acceptance)`, "(on acceptance)", "run users onboard again after they accept"} {
		if !strings.Contains(text, want) {
			t.Errorf("plan text lacks %q:\n%s", want, text)
		}
	}
	// The service makes the invite but the answer is lost.
	if err := o.srv.FailNext(admin.OpCreateInvite, 1, admintest.Fault{Status: 500, Message: "injected outage", Processed: true}); err != nil {
		t.Fatal(err)
	}
	receipt := &workflow.Receipt{Now: o.srv.Now}
	if err := workflow.Onboard(ctx, c, plan, receipt); err == nil {
		t.Fatal("the injected failure did not fail the run")
	}
	if receipt.Complete || receipt.Workflow != workflow.WorkflowOnboarding || len(receipt.Steps) != 1 || receipt.Steps[0].Status != workflow.StepFailed {
		t.Fatalf("receipt after run 1:\n%s", receipt)
	}

	// 2. The re-run finds the pending invite and sends nothing.
	var buf bytes.Buffer
	must(receipt.WriteTo(&buf))
	receipt = must(workflow.ReadReceipt(&buf))
	opts.Previous = receipt
	plan = must(workflow.PlanOnboarding(ctx, c, "New.Hire@example.com", opts))
	if len(plan.Steps) != 0 || plan.Invite == nil || !plan.AwaitingAcceptance {
		t.Fatalf("second plan:\n%s", plan)
	}
	if !strings.Contains(plan.String(), "exists: no new invite is sent") {
		t.Errorf("second plan does not report the invite:\n%s", plan)
	}
	if err := workflow.Onboard(ctx, c, plan, receipt); err != nil || receipt.Complete || receipt.Runs != 2 {
		t.Fatalf("run 2: %v\n%s", err, receipt)
	}
	if d := delta(start, o.writes()); len(d) != 1 || d[admin.OpCreateInvite] != 1 {
		t.Fatalf("writes after two runs: %v, want one createInvite", d)
	}

	// 3. They accept: they join the groups of the invite.
	user := must(o.srv.AcceptInvite(plan.Invite.ID))

	// 4. The workspaces; the second add fails.
	armed = true
	plan = must(workflow.PlanOnboarding(ctx, c, "new.hire@example.com", opts))
	want := []string{"add_workspace_member " + o.research.ID, "add_workspace_member " + o.prod.ID}
	if got := kinds(plan.Steps); !slices.Equal(got, want) || plan.AwaitingAcceptance || plan.User == nil || plan.User.ID != user.ID {
		t.Fatalf("plan after acceptance: %v\n%s", got, plan)
	}
	if !plan.RBACGroups[0].Member || !plan.RBACGroups[1].Member {
		t.Errorf("the invite's groups were not joined on acceptance: %+v", plan.RBACGroups)
	}
	before := o.writes()
	err := workflow.Onboard(ctx, c, plan, receipt)
	var ae *admin.Error
	if !errors.As(err, &ae) || ae.StatusCode != 503 {
		t.Fatalf("run 4: %v, want the injected 503", err)
	}
	if d := delta(before, o.writes()); d[admin.OpAddWorkspaceMember] != 2 || len(d) != 1 {
		t.Errorf("run 4 writes: %v", d)
	}
	if receipt.UserID != user.ID || receipt.Complete {
		t.Errorf("receipt after run 4:\n%s", receipt)
	}

	// 5. The re-run adds the second workspace only.
	plan = must(workflow.PlanOnboarding(ctx, c, "new.hire@example.com", opts))
	if got := kinds(plan.Steps); !slices.Equal(got, want[1:]) {
		t.Fatalf("plan after the failure: %v", got)
	}
	before = o.writes()
	if err := workflow.Onboard(ctx, c, plan, receipt); err != nil {
		t.Fatal(err)
	}
	if d := delta(before, o.writes()); d[admin.OpAddWorkspaceMember] != 1 || len(d) != 1 {
		t.Errorf("run 5 writes: %v", d)
	}
	if !receipt.Complete || receipt.Runs != 4 {
		t.Errorf("final receipt:\n%s", receipt)
	}
	for _, w := range []struct {
		id   string
		role admin.WorkspaceRole
	}{{o.research.ID, admin.WorkspaceRoleWorkspaceDeveloper}, {o.prod.ID, admin.WorkspaceRoleWorkspaceAdmin}} {
		if m := must(c.WorkspaceMembers.Get(ctx, w.id, user.ID)); m.WorkspaceRole != w.role {
			t.Errorf("workspace %s: role %s, want %s", w.id, m.WorkspaceRole, w.role)
		}
	}
	done := map[string]int{}
	for _, s := range receipt.Steps {
		if s.Status == workflow.StepDone {
			done[s.Key()]++
		}
	}
	for k, n := range done {
		if n != 1 {
			t.Errorf("step %s done %d times", k, n)
		}
	}

	// 6. Nothing left: no step, no write.
	plan = must(workflow.PlanOnboarding(ctx, c, "new.hire@example.com", opts))
	before = o.writes()
	if err := workflow.Onboard(ctx, c, plan, receipt); err != nil || len(plan.Steps) != 0 || !receipt.Complete {
		t.Errorf("last run: %v, steps %v", err, kinds(plan.Steps))
	}
	if d := delta(before, o.writes()); len(d) != 0 {
		t.Errorf("the last run wrote %v", d)
	}
}

// TestOnboardMember changes what differs for a member: the organization
// role, a workspace role, a missing group; an admin's role is reported,
// not changed.
func TestOnboardMember(t *testing.T) {
	ctx := context.Background()
	o := seedOnboard(t)
	c := o.client(nil)
	must(o.srv.AddWorkspaceMember(o.research.ID, o.boss.ID, admin.WorkspaceRoleWorkspaceUser))
	opts := workflow.OnboardOptions{
		Role: admin.AssignableOrganizationRoleUser,
		Workspaces: []workflow.WorkspaceGrant{
			{Workspace: "Research", Role: admin.WorkspaceRoleWorkspaceAdmin},
			{Workspace: o.prod.ID, Role: admin.WorkspaceRoleWorkspaceDeveloper},
		},
		RBACGroups: []string{"Engineers", o.ops.ID},
	}
	plan := must(workflow.PlanOnboarding(ctx, c, "boss@example.com", opts))
	want := []string{
		"update_user_role " + o.boss.ID,
		"update_workspace_member " + o.research.ID,
		"add_workspace_member " + o.prod.ID,
		"add_rbac_group_member " + o.ops.ID,
	}
	if got := kinds(plan.Steps); !slices.Equal(got, want) {
		t.Fatalf("steps %v, want %v", got, want)
	}
	receipt := &workflow.Receipt{}
	if err := workflow.Onboard(ctx, c, plan, receipt); err != nil || !receipt.Complete {
		t.Fatalf("Onboard: %v\n%s", err, receipt)
	}
	if u := must(c.Users.Get(ctx, o.boss.ID)); u.Role != admin.OrganizationRoleUser {
		t.Errorf("role %s, want user", u.Role)
	}
	if m := must(c.WorkspaceMembers.Get(ctx, o.research.ID, o.boss.ID)); m.WorkspaceRole != admin.WorkspaceRoleWorkspaceAdmin {
		t.Errorf("research role %s", m.WorkspaceRole)
	}
	if got := kinds(must(workflow.PlanOnboarding(ctx, c, "boss@example.com", opts)).Steps); len(got) != 0 {
		t.Errorf("a second plan has steps %v", got)
	}

	admin1 := must(o.srv.AddUser(admintest.UserSeed{Email: "root@example.com", Role: admin.OrganizationRoleAdmin}))
	plan = must(workflow.PlanOnboarding(ctx, c, admin1.Email, workflow.OnboardOptions{Role: admin.AssignableOrganizationRoleDeveloper}))
	if len(plan.Steps) != 0 || len(plan.Notes) != 1 || !strings.Contains(plan.Notes[0], "which the API cannot change") {
		t.Errorf("an admin's plan: %v, notes %v", kinds(plan.Steps), plan.Notes)
	}
}

// TestPlanOnboardingRefusals: every reference is checked before any write.
func TestPlanOnboardingRefusals(t *testing.T) {
	ctx := context.Background()
	o := seedOnboard(t)
	c := o.client(nil)
	must(o.srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Ops"})) // a second "Ops": group names are not unique
	dev := admin.WorkspaceRoleWorkspaceDeveloper
	before := o.writes()
	for name, tc := range map[string]struct {
		email string
		opts  workflow.OnboardOptions
		is    error
	}{
		"unknown workspace":  {"a@example.com", workflow.OnboardOptions{Role: "user", Workspaces: []workflow.WorkspaceGrant{{"wrkspc_nope", dev}}}, workflow.ErrUnknownReference},
		"archived workspace": {"a@example.com", workflow.OnboardOptions{Role: "user", Workspaces: []workflow.WorkspaceGrant{{"Old", dev}}}, workflow.ErrUnknownReference},
		"ambiguous name":     {"a@example.com", workflow.OnboardOptions{Role: "user", RBACGroups: []string{"Ops"}}, workflow.ErrUnknownReference},
		"unknown group":      {"a@example.com", workflow.OnboardOptions{Role: "user", RBACGroups: []string{"Nobody"}}, workflow.ErrUnknownReference},
		"no role to invite":  {"a@example.com", workflow.OnboardOptions{}, workflow.ErrRoleRequired},
		"bad role":           {"a@example.com", workflow.OnboardOptions{Role: "admin"}, nil},
		"bad workspace role": {"a@example.com", workflow.OnboardOptions{Role: "user", Workspaces: []workflow.WorkspaceGrant{{"Research", "workspace_owner"}}}, nil},
		"billing on add":     {"boss@example.com", workflow.OnboardOptions{Workspaces: []workflow.WorkspaceGrant{{"Research", admin.WorkspaceRoleWorkspaceBilling}}}, nil},
		"twice":              {"a@example.com", workflow.OnboardOptions{Role: "user", Workspaces: []workflow.WorkspaceGrant{{"Research", dev}, {o.research.ID, dev}}}, nil},
		"not an email":       {"alice", workflow.OnboardOptions{Role: "user"}, nil},
		"other receipt":      {"a@example.com", workflow.OnboardOptions{Role: "user", Previous: &workflow.Receipt{Workflow: workflow.WorkflowOnboarding, Email: "b@example.com"}}, nil},
	} {
		_, err := workflow.PlanOnboarding(ctx, c, tc.email, tc.opts)
		if err == nil || (tc.is != nil && !errors.Is(err, tc.is)) {
			t.Errorf("%s: %v, want an error (%v)", name, err, tc.is)
		}
	}
	if d := delta(before, o.writes()); len(d) != 0 {
		t.Errorf("refused plans wrote %v", d)
	}
	// A pending invite with another role is kept and the difference said.
	must(o.srv.AddInvite(admintest.InviteSeed{Email: "pending@example.com", Role: admin.OrganizationRoleUser}))
	plan := must(workflow.PlanOnboarding(ctx, c, "pending@example.com", workflow.OnboardOptions{Role: "developer", RBACGroups: []string{o.ops.ID}}))
	if len(plan.Steps) != 0 || !strings.Contains(strings.Join(plan.Notes, "\n"), "its role is user, not developer and its RBAC groups are [], not ["+o.ops.ID+"]: it is kept") {
		t.Errorf("plan with a differing invite:\n%s", plan)
	}
	// Onboard refuses a receipt of another workflow.
	if err := workflow.Onboard(ctx, c, plan, &workflow.Receipt{Workflow: workflow.WorkflowKeyHygiene}); err == nil {
		t.Error("Onboard accepted a key hygiene receipt")
	}
}
