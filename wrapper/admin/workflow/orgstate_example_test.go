package workflow_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// Export an organization as YAML, edit the text, and apply it: plan,
// show the diff, carry it out, show the receipt.
func ExamplePlanOrgChanges() {
	srv := admintest.NewServer()
	defer srv.Close()
	ada, err := srv.AddUser(admintest.UserSeed{Email: "ada@example.com", Name: "Ada Lovelace", Role: "user"})
	if err != nil {
		panic(err)
	}
	ws, err := srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Engines"})
	if err != nil {
		panic(err)
	}
	if _, err := srv.AddWorkspaceMember(ws.ID, ada.ID, admin.WorkspaceRoleWorkspaceUser); err != nil {
		panic(err)
	}
	client := srv.Client()
	ctx := context.Background()

	state, err := workflow.ExportOrg(ctx, client, workflow.ExportOptions{})
	if err != nil {
		panic(err)
	}
	var file bytes.Buffer
	if err := state.WriteYAML(&file); err != nil {
		panic(err)
	}
	// The edits an administrator would make in the file: Ada becomes a
	// developer and a workspace admin, and Charles is invited.
	text := file.String()
	text = strings.Replace(text, "role: user\n", "role: developer\n", 1)
	text = strings.Replace(text, "role: workspace_user", "role: workspace_admin", 1)
	text = strings.Replace(text, "invites: []", "invites:\n  - email: charles@example.com\n    role: user", 1)

	desired, err := workflow.ReadOrgState(strings.NewReader(text))
	if err != nil {
		panic(err)
	}
	plan, err := workflow.PlanOrgChanges(ctx, client, desired, workflow.PlanOptions{})
	if err != nil {
		panic(err) // errors.Is(err, workflow.ErrOrganizationMismatch) for another organization's file
	}
	fmt.Print(plan)

	receipt := &workflow.Receipt{}
	if err := workflow.ApplyOrgChanges(ctx, client, plan, receipt); err != nil {
		panic(err) // plan again from the same file and apply with receipt to finish
	}
	fmt.Println()
	fmt.Print(receipt)
	// Output:
	// Organization 00000000-0000-4000-8000-00000000fa4e "Fake Organization (admintest)": 3 change(s)
	// ~ user ada@example.com: role user → developer
	// ~ workspace "Engines": member ada@example.com: role workspace_user → workspace_admin
	// + invite charles@example.com (role user)
	//
	// Changes to 00000000-0000-4000-8000-00000000fa4e: complete after 1 run(s)
	//   run 1  done     ~ user ada@example.com: role user → developer
	//   run 1  done     ~ workspace "Engines": member ada@example.com: role workspace_user → workspace_admin
	//   run 1  done     + invite charles@example.com (role user)
}

// Export a small organization and write it as YAML: sorted, with emails
// and names next to the IDs, and no secrets.
func ExampleExportOrg() {
	srv := admintest.NewServer()
	defer srv.Close()
	ada, err := srv.AddUser(admintest.UserSeed{Email: "ada@example.com", Name: "Ada Lovelace", Role: "developer"})
	if err != nil {
		panic(err)
	}
	ws, err := srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Engines", Tags: map[string]string{"team": "analytical"}})
	if err != nil {
		panic(err)
	}
	if _, err := srv.AddWorkspaceMember(ws.ID, ada.ID, admin.WorkspaceRoleWorkspaceDeveloper); err != nil {
		panic(err)
	}
	if _, err := srv.AddAPIKey(admintest.APIKeySeed{Name: "notes", WorkspaceID: ws.ID, CreatedByUserID: ada.ID}); err != nil {
		panic(err)
	}
	state, err := workflow.ExportOrg(context.Background(), srv.Client(), workflow.ExportOptions{})
	if err != nil {
		panic(err)
	}
	if err := state.WriteYAML(os.Stdout); err != nil {
		panic(err)
	}
	// Output:
	// organization:
	//   id: 00000000-0000-4000-8000-00000000fa4e
	//   name: Fake Organization (admintest)
	// users:
	//   - email: ada@example.com
	//     name: Ada Lovelace
	//     role: developer
	//     id: user_01L4uh99qTPYmjrz5uMPyXihkc
	// invites: []
	// workspaces:
	//   - name: Engines
	//     id: wrkspc_01L4uh99qTPZyB6zAYtnsaJfZA
	//     display_color: '#6C5BB9'
	//     tags:
	//       team: analytical
	//     data_residency:
	//       workspace_geo: us
	//       default_inference_geo: global
	//       allowed_inference_geos: [unrestricted]
	//     members:
	//       - email: ada@example.com
	//         role: workspace_developer
	//     service_accounts: []
	//     rate_limits: []
	// service_accounts: []
	// rbac_groups: []
	// api_keys:
	//   - workspace: Engines
	//     name: notes
	//     id: apikey_01L4uh99qTPakZLmRDNoNJ4zeL
	//     status: active
	//     workspace_id: wrkspc_01L4uh99qTPZyB6zAYtnsaJfZA
	//     created_by:
	//       type: user
	//       name: ada@example.com
	//       id: user_01L4uh99qTPYmjrz5uMPyXihkc
	//     principal:
	//       type: user
	//       name: ada@example.com
	//       id: user_01L4uh99qTPYmjrz5uMPyXihkc
}
