package workflow_test

import (
	"context"
	"fmt"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// Offboard a member who created an API key, belongs to a workspace and an
// RBAC group: plan, show the plan, carry it out, show the receipt.
func ExampleOffboard() {
	srv := admintest.NewServer()
	defer srv.Close()
	if _, err := srv.AddUser(admintest.UserSeed{Email: "lead@example.com", Role: "developer"}); err != nil {
		panic(err)
	}
	ada, err := srv.AddUser(admintest.UserSeed{Email: "ada@example.com", Name: "Ada Lovelace", Role: "developer"})
	if err != nil {
		panic(err)
	}
	ws, err := srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Engines"})
	if err != nil {
		panic(err)
	}
	if _, err := srv.AddWorkspaceMember(ws.ID, ada.ID, admin.WorkspaceRoleWorkspaceDeveloper); err != nil {
		panic(err)
	}
	if _, err := srv.AddAPIKey(admintest.APIKeySeed{Name: "notes", WorkspaceID: ws.ID, CreatedByUserID: ada.ID}); err != nil {
		panic(err)
	}
	if _, err := srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Analysts", MemberIDs: []string{ada.ID}}); err != nil {
		panic(err)
	}

	// RecordRequestIDs lets the receipt show the request ID of each
	// successful call too.
	client := srv.Client(admin.WithHTTPClient(&http.Client{Transport: workflow.RecordRequestIDs(nil)}))
	ctx := context.Background()
	plan, err := workflow.PlanOffboarding(ctx, client, "ada@example.com", workflow.OffboardOptions{Keys: workflow.KeysDeactivate})
	if err != nil {
		panic(err)
	}
	fmt.Print(plan)

	receipt := &workflow.Receipt{}
	if err := workflow.Offboard(ctx, client, plan, receipt); err != nil {
		panic(err) // run PlanOffboarding and Offboard again with receipt to finish
	}
	fmt.Println()
	fmt.Print(receipt)
	// Output:
	// Offboarding Ada Lovelace <ada@example.com> (user_01L4uh99qTPZyB6zAYtnsaJfZA, role developer)
	//
	// API keys they created: 1
	//   apikey_01L4uh99qTPbi9exEejV7NLkAL  active    "notes"  (wrkspc_01L4uh99qTPakZLmRDNoNJ4zeL)
	// Workspace memberships: 1
	//   wrkspc_01L4uh99qTPakZLmRDNoNJ4zeL  "Engines"  workspace_developer
	// Pending invites: 0
	// RBAC groups: 1
	//   rbacgrp_01L4uh99qTPcb4wrAgrSZpvnAu  "Analysts"
	//
	// Steps (5):
	//   1. deactivate API key apikey_01L4uh99qTPbi9exEejV7NLkAL "notes" (active → inactive)
	//   2. remove from workspace wrkspc_01L4uh99qTPakZLmRDNoNJ4zeL "Engines" (role workspace_developer)
	//   3. remove from RBAC group rbacgrp_01L4uh99qTPcb4wrAgrSZpvnAu "Analysts"
	//   4. sign ada@example.com out everywhere (beta; skipped where the service refuses it)
	//   5. remove ada@example.com from the organization
	//
	// Offboarding of ada@example.com (user_01L4uh99qTPZyB6zAYtnsaJfZA): complete after 1 run(s)
	//   run 1  done     deactivate API key apikey_01L4uh99qTPbi9exEejV7NLkAL "notes" (active → inactive)  [req_01JeWyLqUS4jrFZL9HKfeEkEbz]
	//   run 1  done     remove from workspace wrkspc_01L4uh99qTPakZLmRDNoNJ4zeL "Engines" (role workspace_developer)  [req_01JeWyLqUS4kpkMvYAyak3U46t]
	//   run 1  done     remove from RBAC group rbacgrp_01L4uh99qTPcb4wrAgrSZpvnAu "Analysts"  [req_01JeWyLqUS4mRq97mUWtZ3DBp8]
	//   run 1  done     sign ada@example.com out everywhere (beta; skipped where the service refuses it)  [req_01JeWyLqUS4nydpsxh9ZM4eas1]
	//   run 1  done     remove ada@example.com from the organization  [req_01JeWyLqUS4oCPDAm83MhqbjgP]
}
