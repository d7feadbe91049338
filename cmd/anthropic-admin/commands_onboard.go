package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"reflect"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// onboardCommand returns "users onboard", the CLI client of
// workflow.PlanOnboarding and workflow.Onboard: it plans, asks with a
// summary of the plan (or takes --yes), prints the plan, carries it out
// and prints (and with --receipt writes) the receipt. Its --dry-run, like
// every destructive command's, sends nothing at all.
func onboardCommand() *command {
	st := &onboardState{}
	return &command{
		name:    "onboard",
		op:      admin.OpCreateInvite,
		summary: "Onboard a person: invite them with a role and RBAC groups, then give their workspace memberships.",
		details: `Plans from where the person is, checking every workspace (ID or exact name)
and RBAC group (ID or exact name) first:

  not a member, no pending invite  invite them with --role and the groups
                                   (joined on acceptance); the workspaces
                                   wait: run the same command again after
                                   they accept
  a pending invite                 no new invite; a different role or
                                   different groups are reported, and the
                                   run after the acceptance corrects them
  a member                         change the organization role if --role
                                   differs (admins' and owners' roles are
                                   left), add the missing workspace
                                   memberships, change different workspace
                                   roles, join the missing groups

It never removes anything. The confirmation question sums the plan up;
after it (or --yes) the command prints the plan and makes the calls,
stopping at the first failure. --receipt writes a JSON receipt of every
step with its result and request ID; the same command again finishes the
job without repeating what was done. -o json prints the plan and the
receipt as JSON.`,
		args: []string{"<email>"},
		examples: []string{
			"anthropic-admin users onboard ada@example.com --role developer --workspace wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L=workspace_developer --rbac-group rbacgrp_01Hq3nV8kL2mPzR5tYwX9cBd --yes",
			"# workspaces by name; run it again after they accept the invite",
			"anthropic-admin users onboard ada@example.com --role user --workspace Research=workspace_user --workspace Prod=workspace_admin --receipt ada-onboarding.json",
		},
		confirm: st.question,
		do: action{method: funcName(runOnboard), setup: func(fs *flag.FlagSet, _ *command) runFunc {
			p := new(onboardParams)
			roles := values(admin.AssignableOrganizationRoleValues())
			fs.Var(oneOf(&p.role, roles...), "role", "the organization `role` ("+strings.Join(roles, ", ")+"); required to invite")
			fs.Var(grantsValue{&p.workspaces}, "workspace", "a workspace membership, `workspace=role` (the workspace by ID or exact name; roles: "+strings.Join(values(admin.WorkspaceRoleValues()), ", ")+"); repeatable")
			fs.Var(&listValue{reflect.ValueOf(&p.groups).Elem(), nil}, "rbac-group", "an RBAC `group` to join, by ID or exact name; repeatable, or comma-separated")
			fs.StringVar(&p.receipt, "receipt", "", "JSON `file` for the receipt; an existing one is read first, to finish an earlier run")
			st.p = p
			return func(ctx context.Context, a *app, args []string) error { return runOnboard(ctx, a, args, p, st) }
		}},
	}
}

// withOnboarding returns the users group with onboard added.
func withOnboarding(users *command) *command {
	users.subs = append(users.children(), onboardCommand())
	return users
}

// onboardParams are the flags of users onboard.
type onboardParams struct {
	role       string
	workspaces []workflow.WorkspaceGrant
	groups     []string
	receipt    string
	prev       *workflow.Receipt
}

// grantsValue is the flag.Value of --workspace: workspace=role, repeated.
type grantsValue struct{ p *[]workflow.WorkspaceGrant }

// String implements flag.Value.
func (g grantsValue) String() string {
	if g.p == nil {
		return ""
	}
	s := make([]string, len(*g.p))
	for i, w := range *g.p {
		s[i] = w.Workspace + "=" + string(w.Role)
	}
	return strings.Join(s, ",")
}

// Set implements flag.Value.
func (g grantsValue) Set(s string) error {
	ws, role, ok := strings.Cut(s, "=")
	ws, role = strings.TrimSpace(ws), strings.TrimSpace(role)
	if !ok || ws == "" || role == "" {
		return fmt.Errorf("%q: want workspace=role, such as wrkspc_01...=workspace_developer", s)
	}
	if !admin.WorkspaceRole(role).Valid() {
		return fmt.Errorf("%q: unknown workspace role %q (want one of %s)", s, role, strings.Join(values(admin.WorkspaceRoleValues()), ", "))
	}
	*g.p = append(*g.p, workflow.WorkspaceGrant{Workspace: ws, Role: admin.WorkspaceRole(role)})
	return nil
}

// onboardState is shared by the question and the run of users onboard:
// the question plans, and the run carries out the plan it asked about.
type onboardState struct {
	p    *onboardParams
	plan *workflow.OnboardPlan
}

// question plans the onboarding and asks about it in one line. In the
// question of a dry run it looks nothing up.
func (st *onboardState) question(ctx context.Context, c *admin.Client, args []string) (string, error) {
	if dryRunQuestion(ctx) {
		return fmt.Sprintf("Onboard %s: invite them as %s if they are not a member, or give them %d workspace membership(s) and %d RBAC group(s)?",
			args[0], cmp.Or(st.p.role, "(no --role)"), len(st.p.workspaces), len(st.p.groups)), nil
	}
	plan, err := st.p.plan(ctx, c, args[0])
	if err != nil {
		return "", err
	}
	st.plan = plan
	return onboardQuestion(plan), nil
}

// plan reads the receipt of --receipt, if it exists, and plans the
// onboarding of email.
func (p *onboardParams) plan(ctx context.Context, c *admin.Client, email string) (*workflow.OnboardPlan, error) {
	if p.receipt != "" && p.prev == nil {
		prev, err := readReceiptFile(p.receipt)
		if err != nil {
			return nil, err
		}
		if prev != nil && (prev.Workflow != workflow.WorkflowOnboarding || !strings.EqualFold(prev.Email, email)) {
			return nil, usageErrorf("%s is not a receipt of the onboarding of %s", p.receipt, email)
		}
		p.prev = prev
	}
	plan, err := workflow.PlanOnboarding(ctx, c, email, workflow.OnboardOptions{
		Role: admin.AssignableOrganizationRole(p.role), Workspaces: p.workspaces, RBACGroups: p.groups, Previous: p.prev,
	})
	switch {
	case errors.Is(err, workflow.ErrRoleRequired):
		return nil, usageErrorf("%v: pass --role", err)
	case errors.Is(err, workflow.ErrUnknownReference):
		return nil, usageErrorf("%v", err)
	}
	return plan, err
}

// runOnboard runs users onboard <email>: the plan the question asked
// about (or a new one with --yes), then the steps, then the receipt.
func runOnboard(ctx context.Context, a *app, args []string, p *onboardParams, st *onboardState) error {
	makePlan := func() (*workflow.OnboardPlan, error) {
		if st.plan != nil {
			return st.plan, nil
		}
		return p.plan(ctx, a.c, args[0])
	}
	run := func(plan *workflow.OnboardPlan, r *workflow.Receipt) error {
		return workflow.Onboard(ctx, a.c, plan, r)
	}
	plan, err := runPlanned(a, "users onboard", makePlan, func() *workflow.Receipt { return p.prev }, p.receipt, run)
	if err != nil {
		return err
	}
	if plan.AwaitingAcceptance {
		fmt.Fprintf(a.stderr, "%s is not a member yet: run the same command again after they accept the invite\n", safeText(plan.Email))
	}
	return nil
}

// onboardQuestion is the confirmation question of a plan, in one line: the
// steps counted by kind.
func onboardQuestion(plan *workflow.OnboardPlan) string {
	parts, _ := countSteps(plan.Steps, []stepPhrase{
		{workflow.StepCreateInvite, "send an invite", ""},
		{workflow.StepUpdateUserRole, "change the organization role", ""},
		{workflow.StepAddWorkspaceMember, "add to 1 workspace", "add to %d workspaces"},
		{workflow.StepUpdateWorkspaceMember, "change 1 workspace role", "change %d workspace roles"},
		{workflow.StepAddRBACGroupMember, "join 1 RBAC group", "join %d RBAC groups"},
	})
	if len(parts) == 0 {
		return fmt.Sprintf("Onboard %s: nothing to do now. Go on?", plan.Email)
	}
	q := fmt.Sprintf("Onboard %s in %d step(s) (%s)?", plan.Email, len(plan.Steps), strings.Join(parts, ", "))
	if plan.AwaitingAcceptance && len(plan.Workspaces) > 0 {
		q += fmt.Sprintf(" The %d workspace membership(s) follow once they accept.", len(plan.Workspaces))
	}
	return q
}
