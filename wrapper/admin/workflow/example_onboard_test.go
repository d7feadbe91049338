package workflow_test

import (
	"context"
	"fmt"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// Onboard a new hire into a workspace and an RBAC group: the first run
// invites them (the group is joined on acceptance); once they accept, the
// same call adds the workspace membership, which needs their user ID.
func ExampleOnboard() {
	srv := admintest.NewServer()
	defer srv.Close()
	if _, err := srv.AddUser(admintest.UserSeed{Email: "lead@example.com", Role: "developer"}); err != nil {
		panic(err)
	}
	if _, err := srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Engines"}); err != nil {
		panic(err)
	}
	if _, err := srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Analysts"}); err != nil {
		panic(err)
	}
	client := srv.Client()
	ctx := context.Background()
	opts := workflow.OnboardOptions{
		Role:       admin.AssignableOrganizationRoleDeveloper,
		Workspaces: []workflow.WorkspaceGrant{{Workspace: "Engines", Role: admin.WorkspaceRoleWorkspaceDeveloper}},
		RBACGroups: []string{"Analysts"},
	}
	receipt := &workflow.Receipt{}
	onboard := func() *workflow.OnboardPlan {
		plan, err := workflow.PlanOnboarding(ctx, client, "ada@example.com", opts)
		if err != nil {
			panic(err)
		}
		if err := workflow.Onboard(ctx, client, plan, receipt); err != nil {
			panic(err) // plan and run again with receipt to finish
		}
		return plan
	}

	plan := onboard()
	fmt.Print(plan)

	// Ada accepts the invite; run again.
	invites, err := client.Invites.List(ctx, &admin.ListInvitesParams{Email: "ada@example.com"})
	if err != nil {
		panic(err)
	}
	if _, err := srv.AcceptInvite(invites.Data[0].ID); err != nil {
		panic(err)
	}
	fmt.Println()
	fmt.Print(onboard())
	fmt.Println()
	fmt.Print(receipt)
	// Output:
	// Onboarding ada@example.com (not a member, no pending invite)
	//
	// Workspaces: 1
	//   wrkspc_01L4uh99qTPZyB6zAYtnsaJfZA  "Engines"  workspace_developer  (after acceptance)
	// RBAC groups: 1
	//   rbacgrp_01L4uh99qTPakZLmRDNoNJ4zeL  "Analysts"  (on acceptance)
	//
	// Steps (1):
	//   1. invite ada@example.com as developer, joining RBAC groups rbacgrp_01L4uh99qTPakZLmRDNoNJ4zeL "Analysts" on acceptance
	//
	// Notes:
	//   - 1 workspace membership(s) wait for the invite to be accepted (they need a user ID): run users onboard again after they accept
	//
	// Onboarding ada <ada@example.com> (user_01L4uh99qTPcb4wrAgrSZpvnAu, member, role developer)
	//
	// Workspaces: 1
	//   wrkspc_01L4uh99qTPZyB6zAYtnsaJfZA  "Engines"  workspace_developer  (to add)
	// RBAC groups: 1
	//   rbacgrp_01L4uh99qTPakZLmRDNoNJ4zeL  "Analysts"  (already)
	//
	// Steps (1):
	//   1. add to workspace wrkspc_01L4uh99qTPZyB6zAYtnsaJfZA "Engines" as workspace_developer
	//
	// Onboarding of ada@example.com (user_01L4uh99qTPcb4wrAgrSZpvnAu): complete after 2 run(s)
	//   run 1  done     invite ada@example.com as developer, joining RBAC groups rbacgrp_01L4uh99qTPakZLmRDNoNJ4zeL "Analysts" on acceptance
	//   run 2  done     add to workspace wrkspc_01L4uh99qTPZyB6zAYtnsaJfZA "Engines" as workspace_developer
}
