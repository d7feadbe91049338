package main

import (
	"context"
	"fmt"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The service account commands. The API accepts only an org:admin OAuth
// access token for them (ANTHROPIC_ADMIN_OAUTH_TOKEN), never the Admin key.

func serviceAccountView() view[admin.ServiceAccount] {
	return fieldView[admin.ServiceAccount]("id", "name", "organization_role", "description", "created_at", "archived_at")
}

// saMemberView prints a service account's membership of a workspace.
func saMemberView() view[admin.ServiceAccountWorkspaceMember] {
	return fieldView[admin.ServiceAccountWorkspaceMember]("service_account_id", "workspace_id", "workspace_role", "implicit")
}

func saMemberDeletedView() view[admin.ServiceAccountWorkspaceMemberDeleted] {
	return fieldView[admin.ServiceAccountWorkspaceMemberDeleted]("service_account_id", "workspace_id", "type")
}

// serviceAccountsCommands returns the service-accounts group.
func serviceAccountsCommands() *command {
	return oauthOnly(group("service-accounts", "Service accounts and their workspaces (needs "+envOAuthToken+").",
		&command{name: "list", op: admin.OpListServiceAccounts, summary: "List service accounts, newest first.",
			examples: []string{"anthropic-admin service-accounts list --include-archived"},
			flags:    []flagSpec{{name: "include-archived", field: "IncludeArchived", usage: "include archived service accounts"}},
			do:       list0((*admin.ServiceAccountsService).Pages, serviceAccountView())},
		&command{name: "get", op: admin.OpGetServiceAccount, summary: "Show a service account, archived or not.", args: []string{"<service-account-id>"},
			examples: []string{"anthropic-admin service-accounts get svac_01Hb3nQ8wF5kLp2tRzXc7VdM"},
			do:       call1((*admin.ServiceAccountsService).Get, serviceAccountView())},
		&command{name: "create", op: admin.OpCreateServiceAccount, summary: "Create a service account.", args: []string{"<name>"},
			examples: []string{"anthropic-admin service-accounts create nightly-evals --description 'Nightly evals' --role developer"},
			details: "The name is a slug of lower-case letters, digits and hyphens, unique in the organization;\n" +
				"it cannot be changed. Only an interactive token may create an admin service account.",
			flags: serviceAccountFlags("organization `role` (default developer)"),
			do:    object(createServiceAccount, serviceAccountView())},
		&command{name: "update", op: admin.OpUpdateServiceAccount, summary: "Change a service account's description or organization role.", args: []string{"<service-account-id>"},
			examples: []string{"anthropic-admin service-accounts update svac_01Hb3nQ8wF5kLp2tRzXc7VdM --role admin", "anthropic-admin service-accounts update svac_01Hb3nQ8wF5kLp2tRzXc7VdM --description ''"},
			details:  "--description \"\" clears the description. Archived service accounts cannot be changed.",
			flags:    serviceAccountFlags("new organization `role`"),
			do:       object(updateServiceAccount, serviceAccountView())},
		&command{name: "archive", op: admin.OpArchiveServiceAccount, summary: "Archive a service account for good.", args: []string{"<service-account-id>"},
			examples: []string{"anthropic-admin service-accounts archive svac_01Hb3nQ8wF5kLp2tRzXc7VdM --dry-run"},
			confirm:  ask("Archive service account %s? It cannot be changed or used again, and this cannot be undone.", serviceAccountAt(0)),
			do:       call1((*admin.ServiceAccountsService).Archive, serviceAccountView())},
		group("workspaces", "A service account's workspace memberships.",
			&command{name: "list", op: admin.OpListServiceAccountWorkspaces, summary: "List a service account's workspaces, the implicit default one first.", args: []string{"<service-account-id>"},
				examples: []string{"anthropic-admin service-accounts workspaces list svac_01Hb3nQ8wF5kLp2tRzXc7VdM"},
				do:       list1((*admin.ServiceAccountWorkspacesService).Pages, saMemberView())},
			&command{name: "add", op: admin.OpAddServiceAccountWorkspace, summary: "Add a service account to a workspace, or change its role there.",
				examples: []string{"anthropic-admin service-accounts workspaces add svac_01Hb3nQ8wF5kLp2tRzXc7VdM wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L workspace_developer"},
				args:     []string{"<service-account-id>", "<workspace-id>", "<role>"},
				details:  "Roles: " + join(admin.AssignableWorkspaceRoleValues(), ", ") + ".",
				do:       object(addServiceAccountWorkspace, saMemberView())},
			&command{name: "remove", op: admin.OpRemoveServiceAccountWorkspace, summary: "Remove a service account from a workspace.", args: []string{"<service-account-id>", "<workspace-id>"},
				examples: []string{"anthropic-admin service-accounts workspaces remove svac_01Hb3nQ8wF5kLp2tRzXc7VdM wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L --yes"},
				details: "Removing a membership that does not exist succeeds. In the default workspace the service\n" +
					"account stays an implicit workspace_user member.",
				confirm: ask("Remove service account %s from workspace %s?", serviceAccountAt(0), argAt(1)),
				do:      call2((*admin.ServiceAccountWorkspacesService).Remove, saMemberDeletedView())},
		),
	))
}

// workspaceServiceAccountsCommands returns the workspaces service-accounts
// group: the same memberships, from the workspace's side.
func workspaceServiceAccountsCommands() *command {
	return oauthOnly(group("service-accounts", "Service accounts' memberships of a workspace (needs "+envOAuthToken+").",
		&command{name: "list", op: admin.OpListWorkspaceServiceAccounts, summary: "List a workspace's explicit service account members.", args: []string{"<workspace-id>"},
			examples: []string{"anthropic-admin workspaces service-accounts list wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L"},
			do:       list1((*admin.WorkspaceServiceAccountsService).Pages, saMemberView())},
		&command{name: "get", op: admin.OpGetWorkspaceServiceAccount, summary: "Show a service account's membership of a workspace.", args: []string{"<workspace-id>", "<service-account-id>"},
			examples: []string{"anthropic-admin workspaces service-accounts get wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L svac_01Hb3nQ8wF5kLp2tRzXc7VdM"},
			do:       call2((*admin.WorkspaceServiceAccountsService).Get, saMemberView())},
		&command{name: "add", op: admin.OpAddWorkspaceServiceAccount, summary: "Add a service account to a workspace, or change its role there.",
			examples: []string{"anthropic-admin workspaces service-accounts add wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L svac_01Hb3nQ8wF5kLp2tRzXc7VdM workspace_user"},
			args:     []string{"<workspace-id>", "<service-account-id>", "<role>"},
			details:  "Roles: " + join(admin.AssignableWorkspaceRoleValues(), ", ") + ".",
			do:       object(addWorkspaceServiceAccount, saMemberView())},
		&command{name: "set-role", op: admin.OpUpdateWorkspaceServiceAccount, summary: "Change a service account's workspace role.",
			examples: []string{"anthropic-admin workspaces service-accounts set-role wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L svac_01Hb3nQ8wF5kLp2tRzXc7VdM workspace_developer"},
			args:     []string{"<workspace-id>", "<service-account-id>", "<role>"},
			details: "Roles: " + join(admin.AssignableWorkspaceRoleValues(), ", ") + ". The implicit default-workspace membership\n" +
				"cannot be changed: add the service account to the default workspace instead.",
			do: object(setServiceAccountWorkspaceRole, saMemberView())},
		&command{name: "remove", op: admin.OpRemoveWorkspaceServiceAccount, summary: "Remove a service account from a workspace.", args: []string{"<workspace-id>", "<service-account-id>"},
			examples: []string{"anthropic-admin workspaces service-accounts remove wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L svac_01Hb3nQ8wF5kLp2tRzXc7VdM --yes"},
			details:  "Removing a membership that does not exist succeeds.",
			confirm:  ask("Remove service account %s from workspace %s?", serviceAccountAt(1), argAt(0)),
			do:       call2((*admin.WorkspaceServiceAccountsService).Remove, saMemberDeletedView())},
	))
}

// oauthOnly marks every leaf under c as needing the OAuth token, and
// returns c.
func oauthOnly(c *command) *command {
	c.leaves(nil, func(_ []string, leaf *command) { leaf.oauth = true })
	return c
}

// serviceAccountParams are the flags of service-accounts create and
// update.
type serviceAccountParams struct {
	Description *string
	Role        admin.ServiceAccountOrganizationRole
}

// serviceAccountFlags returns the flags of serviceAccountParams; role is
// the usage of --role.
func serviceAccountFlags(role string) []flagSpec {
	return []flagSpec{
		{name: "description", field: "Description", usage: "a free-text `description`"},
		{name: "role", field: "Role", usage: role, values: values(admin.ServiceAccountOrganizationRoleValues())},
	}
}

// createServiceAccount creates the service account called args[0].
func createServiceAccount(ctx context.Context, c *admin.Client, args []string, p *serviceAccountParams) (*admin.ServiceAccount, error) {
	body := admin.CreateServiceAccountRequest{Name: args[0], Description: p.Description}
	if p.Role != "" {
		body.OrganizationRole = &p.Role
	}
	return c.ServiceAccounts.Create(ctx, body)
}

// updateServiceAccount applies the flags to the service account args[0].
func updateServiceAccount(ctx context.Context, c *admin.Client, args []string, p *serviceAccountParams) (*admin.ServiceAccount, error) {
	if p.Description == nil && p.Role == "" {
		return nil, usageErrorf("nothing to change: give --description or --role")
	}
	body := admin.UpdateServiceAccountRequest{Description: p.Description}
	if p.Role != "" {
		body.OrganizationRole = &p.Role
	}
	return c.ServiceAccounts.Update(ctx, args[0], body)
}

// addServiceAccountWorkspace adds the service account args[0] to the
// workspace args[1] with the workspace role args[2].
func addServiceAccountWorkspace(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.ServiceAccountWorkspaceMember, error) {
	role, err := argEnum("role", args[2], admin.AssignableWorkspaceRoleValues())
	if err != nil {
		return nil, err
	}
	return c.ServiceAccountWorkspaces.Add(ctx, args[0], admin.AddServiceAccountWorkspaceRequest{WorkspaceID: args[1], WorkspaceRole: role})
}

// addWorkspaceServiceAccount adds the service account args[1] to the
// workspace args[0] with the workspace role args[2].
func addWorkspaceServiceAccount(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.ServiceAccountWorkspaceMember, error) {
	role, err := argEnum("role", args[2], admin.AssignableWorkspaceRoleValues())
	if err != nil {
		return nil, err
	}
	return c.WorkspaceServiceAccounts.Add(ctx, args[0], admin.AddWorkspaceServiceAccountRequest{ServiceAccountID: args[1], WorkspaceRole: role})
}

// setServiceAccountWorkspaceRole gives the service account args[1] the
// workspace role args[2] in the workspace args[0].
func setServiceAccountWorkspaceRole(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.ServiceAccountWorkspaceMember, error) {
	role, err := argEnum("role", args[2], admin.AssignableWorkspaceRoleValues())
	if err != nil {
		return nil, err
	}
	return c.WorkspaceServiceAccounts.Update(ctx, args[0], args[1], admin.UpdateWorkspaceServiceAccountRequest{WorkspaceRole: role})
}

// serviceAccountAt describes the service account named by argument i.
func serviceAccountAt(i int) describer {
	return describe(i, (*admin.ServiceAccountsService).Get, func(sa *admin.ServiceAccount) string { return fmt.Sprintf("%q (%s)", sa.Name, sa.ID) })
}
