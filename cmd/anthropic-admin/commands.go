package main

import (
	"context"
	"fmt"
	"iter"
	"slices"
	"strconv"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// commands returns the command tree. Every leaf is one declaration of
// plain data: its name, the operation it performs, its help, arguments
// and flags, and its action (see actions.go), made from a method of
// package admin and a view (views.go) or from a named function below.
// Enum values and page sizes come from package admin, never from here.
// The groups of the root are lazy (see lazyGroup): their names and
// summaries are here, their declarations are built when a run reaches
// them, so a run builds those of the group it runs only. A new group is
// added as lazyGroup(name, summary, itsCommandsFunc).
func commands() *command {
	return group("", "A command line tool for Anthropic organization admins, built on the Admin API.",
		lazyGroup("org", "The organization.", orgCommands),
		lazyGroup("users", "Members of the organization.", func() *command { return withOnboarding(withOffboarding(usersCommands())) }),
		lazyGroup("invites", "Invitations to the organization.", invitesCommands),
		lazyGroup("workspaces", "Workspaces, their members and their rate limits.", workspacesCommands),
		lazyGroup("api-keys", "The organization's API keys (created and deleted in the Console only).", apiKeysCommands),
		lazyGroup("service-accounts", "Service accounts and their workspaces (needs "+envOAuthToken+").", serviceAccountsCommands),
		lazyGroup("rate-limits", "The organization's rate limits.", rateLimitsCommands),
		lazyGroup("rbac-roles", "The organization's RBAC roles (Claude Enterprise).", rbacRolesCommands),
		lazyGroup("rbac-groups", "The organization's RBAC groups and their members (Claude Enterprise).", rbacGroupsCommands),
		lazyGroup("external-keys", "Customer-managed encryption keys (CMEK) of workspaces.", externalKeysCommands),
		lazyGroup("compliance-settings", "Whether the organization's Compliance API is enabled.", complianceSettingsCommands),
		lazyGroup("usage", "The usage, cost and Claude Code reports.", usageCommands),
		lazyGroup("report", "Totals of cost and usage over a range, by workspace, model, API key or user, with names; charts, HTML and chargeback.", reportCommands),
		lazyGroup("analytics", "Usage and cost by dimension (the Usage and Cost Analytics API, beta), and activity.", analyticsCommands),
		lazyGroup("federation", "Workload identity federation (needs ANTHROPIC_ADMIN_OAUTH_TOKEN).", federationCommands),
		lazyGroup("spend-limits", "Spend limits in dollars, members' effective limits and their requests for more.", spendLimitsCommands),
		lazyGroup("compliance", "The Compliance API (needs ANTHROPIC_COMPLIANCE_KEY).", complianceCommands),
		apiCommand(),
		&command{name: "version", summary: "Print the version, commit, Go version and API versions.",
			examples: []string{"anthropic-admin version"},
			do:       local(runVersion)},
		&command{name: "completion", summary: "Print the shell completion script for bash, zsh, fish or powershell.", args: []string{"<shell>"},
			argValues: [][]string{{"bash", "zsh", "fish", "powershell"}},
			details: "Completes commands, flags, enum values and, when a key is set (or with --fake), IDs from the API.\n" +
				"Load it in the current shell with source <(anthropic-admin completion bash), or install it once:\n" +
				"bash: anthropic-admin completion bash > /etc/bash_completion.d/anthropic-admin\n" +
				"zsh:  anthropic-admin completion zsh > \"${fpath[1]}/_anthropic-admin\"\n" +
				"fish: anthropic-admin completion fish > ~/.config/fish/completions/anthropic-admin.fish",
			examples: []string{
				"source <(anthropic-admin completion bash)",
				"anthropic-admin completion zsh > \"${fpath[1]}/_anthropic-admin\"",
				"anthropic-admin completion powershell | Out-String | Invoke-Expression",
			},
			do: local(runCompletion)},
		lazyGroup("fake", "The fake Admin API of package admintest.", fakeCommands),
	)
}

// fakeCommands returns the fake group.
func fakeCommands() *command {
	return group("fake", "The fake Admin API of package admintest.", fakeServeCommand())
}

// orgCommands returns the org group.
func orgCommands() *command {
	return group("org", "The organization.",
		&command{name: "show", op: admin.OpGetOrganizationMe, summary: "Show the organization the Admin key belongs to.",
			examples: []string{"anthropic-admin org show", "anthropic-admin org show -o json"},
			do:       call0((*admin.OrganizationService).Get, orgView())},
		orgExportCommand(), orgDiffCommand(), orgApplyCommand(),
	)
}

// rateLimitsCommands returns the rate-limits group.
func rateLimitsCommands() *command {
	return group("rate-limits", "The organization's rate limits.",
		&command{name: "list", op: admin.OpListOrganizationRateLimits, summary: "List the organization's rate limits, one row per limiter.",
			examples: []string{"anthropic-admin rate-limits list", "anthropic-admin rate-limits list --group-type model_group --model claude-opus-4-5"},
			flags: []flagSpec{
				{name: "group-type", field: "GroupType", usage: "only limits of this group `type`", values: values(admin.RateLimitGroupTypeValues())},
				{name: "model", field: "Model", usage: "only the limits that apply to this `model`"},
			},
			do: list0((*admin.RateLimitsService).Pages, rateLimitView())},
	)
}

// rbacRolesCommands returns the rbac-roles group.
func rbacRolesCommands() *command {
	return group("rbac-roles", "The organization's RBAC roles (Claude Enterprise).",
		&command{name: "list", op: admin.OpListRBACRoles, summary: "List the RBAC roles.", examples: []string{"anthropic-admin rbac-roles list"}, do: list0((*admin.RBACRolesService).Pages, rbacRoleView())},
		&command{name: "get", op: admin.OpGetRBACRole, summary: "Show an RBAC role.", args: []string{"<rbac-role-id>"}, examples: []string{"anthropic-admin rbac-roles get rbac_role_builtin_2"}, do: call1((*admin.RBACRolesService).Get, rbacRoleView())},
		rbacRolePermissionsCommand(),
	)
}

// complianceCommands returns the compliance group: the Compliance API.
func complianceCommands() *command {
	return group("compliance", "The Compliance API (needs ANTHROPIC_COMPLIANCE_KEY).", append([]*command{
		{name: "users", op: admin.OpListComplianceOrganizationUsers, summary: "List users through the Compliance API, by join date.", compliance: true,
			examples: []string{"anthropic-admin compliance users --all", "# without an Admin key, name the organization", "anthropic-admin compliance users --org 6b3f2a4e-1c2d-4e5f-8a9b-0c1d2e3f4a5b"},
			flags:    []flagSpec{{name: "org", field: "Org", usage: "the organization `UUID` (default: looked up with the Admin key)"}},
			do:       listWith(complianceUsersPages, complianceUserView())},
		complianceActivitiesCommands(),
		complianceChatsCommands(), complianceFilesCommands(), complianceGeneratedFilesCommands(),
		complianceProjectsCommands(), complianceDocumentsCommands(), complianceArtifactsCommands(),
		complianceSessionsCommands(), complianceCodeArtifactsCommands(), complianceReviewCommands(),
	}, complianceOrgCommands()...)...)
}

// usersCommands returns the users group.
func usersCommands() *command {
	return group("users", "Members of the organization.",
		&command{name: "list", op: admin.OpListUsers, summary: "List the organization's members, oldest first.",
			flags: []flagSpec{
				{name: "email", field: "Email", usage: "only the user with this `address`"},
				{name: "role", field: "Roles", usage: "only users with these organization `roles`", values: values(admin.OrganizationRoleValues())},
			},
			examples: []string{
				"anthropic-admin users list --all",
				"anthropic-admin users list --role admin,developer --output csv",
			},
			do: list0((*admin.UsersService).Pages, userView())},
		&command{name: "get", op: admin.OpGetUser, summary: "Show a user.", args: []string{"<user-id>"},
			examples: []string{"anthropic-admin users get user_01WBsJ4b6ZJq3vTbE8fG2hKm"},
			do:       call1((*admin.UsersService).Get, userView())},
		&command{name: "set-role", op: admin.OpUpdateUser, summary: "Change a user's organization role.", args: []string{"<user-id>", "<role>"},
			argValues: [][]string{nil, values(admin.AssignableOrganizationRoleValues())},
			examples:  []string{"anthropic-admin users set-role user_01WBsJ4b6ZJq3vTbE8fG2hKm developer"},
			details:   "Roles: " + join(admin.AssignableOrganizationRoleValues(), ", ") + " (admin can never be assigned).",
			do:        object(setUserRole, userView())},
		&command{name: "remove", op: admin.OpRemoveUser, summary: "Remove a user from the organization and from all its workspaces.", args: []string{"<user-id>"},
			examples: []string{"anthropic-admin users remove user_01WBsJ4b6ZJq3vTbE8fG2hKm --dry-run", "anthropic-admin users remove user_01WBsJ4b6ZJq3vTbE8fG2hKm --yes"},
			confirm:  ask("Remove user %s from the organization and all its workspaces? The API keys they created stay active (users offboard handles them).", userAt(0)),
			do:       call1((*admin.UsersService).Remove, userDeletedView())},
		&command{name: "sign-out", op: admin.OpSignOutUser, summary: "Sign a user out of Claude everywhere (beta).", args: []string{"<user-id>"},
			examples: []string{"anthropic-admin users sign-out user_01WBsJ4b6ZJq3vTbE8fG2hKm"},
			details: "Ends the user's sign-in sessions and trusted devices wherever they use Claude, and the OAuth\n" +
				"tokens issued to them for this organization (a token can take up to an hour to stop working).\n" +
				"They stay a member with their role and can sign in again at once; API keys are not ended.\n" +
				"Claude Enterprise only.",
			confirm: ask("Sign out user %s everywhere? Their sessions end; they stay a member and can sign in again.", userAt(0)),
			do:      call1((*admin.UsersService).SignOut, userView())},
	)
}

// invitesCommands returns the invites group.
func invitesCommands() *command {
	return group("invites", "Invitations to the organization.",
		&command{name: "list", op: admin.OpListInvites, summary: "List invites.",
			examples: []string{"anthropic-admin invites list --status pending", "anthropic-admin invites list --email ada@example.com -o json"},
			flags: []flagSpec{
				{name: "email", field: "Email", usage: "only invites sent to this `address`"},
				{name: "role", field: "Roles", usage: "only invites for these organization `roles`", values: values(admin.OrganizationRoleValues())},
				{name: "status", field: "Statuses", usage: "only invites in these `states`", values: values(admin.InviteStatusFilterValues())},
			},
			do: list0((*admin.InvitesService).Pages, inviteView())},
		&command{name: "get", op: admin.OpGetInvite, summary: "Show an invite.", args: []string{"<invite-id>"},
			examples: []string{"anthropic-admin invites get invite_015gGc8uT4Hk2mPq9sVwXyRz"},
			do:       call1((*admin.InvitesService).Get, inviteView())},
		&command{name: "create", op: admin.OpCreateInvite, summary: "Invite someone to the organization.", args: []string{"<email>", "<role>"},
			argValues: [][]string{nil, values(admin.AssignableOrganizationRoleValues())},
			examples:  []string{"anthropic-admin invites create ada@example.com developer", "anthropic-admin invites create grace@example.com user --rbac-group rbacgrp_01Lq8ZsN3vK7wB2xYtRc5HdP", "# one invite per row of a CSV with the header email,role,rbac-group; run it again to finish after a failure", "anthropic-admin invites create --from-csv invites.csv --already-done-ok --results invite-results.csv"},
			details:   "Roles: " + join(admin.AssignableOrganizationRoleValues(), ", ") + ".",
			flags:     []flagSpec{{name: "rbac-group", field: "RBACGroupIDs", usage: "also add the user to these RBAC group `IDs`"}},
			do:        object(createInvite, inviteView())},
		&command{name: "delete", op: admin.OpDeleteInvite, summary: "Delete a pending invite.", args: []string{"<invite-id>"},
			examples: []string{"anthropic-admin invites delete invite_015gGc8uT4Hk2mPq9sVwXyRz --yes"},
			confirm:  ask("Delete %s?", inviteAt(0)),
			do:       call1((*admin.InvitesService).Delete, inviteDeletedView())},
	)
}

// workspacesCommands returns the workspaces group.
func workspacesCommands() *command {
	return group("workspaces", "Workspaces, their members and their rate limits.",
		&command{name: "list", op: admin.OpListWorkspaces, summary: "List workspaces.",
			examples: []string{"anthropic-admin workspaces list --all", "anthropic-admin workspaces list --include-archived -o csv"},
			flags: []flagSpec{
				{name: "include-archived", field: "IncludeArchived", usage: "include archived workspaces"},
				{name: "include-default", field: "IncludeDefault", usage: "include the default workspace"},
				{name: "id", field: "IDs", usage: "only the workspaces with these `IDs` (at most 100)"},
			},
			do: list0((*admin.WorkspacesService).Pages, workspaceView())},
		&command{name: "get", op: admin.OpGetWorkspace, summary: "Show a workspace, archived or not.", args: []string{"<workspace-id>"},
			examples: []string{"anthropic-admin workspaces get wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L"},
			do:       call1((*admin.WorkspacesService).Get, workspaceView())},
		&command{name: "create", op: admin.OpCreateWorkspace, summary: "Create a workspace.", args: []string{"<name>"},
			examples: []string{"anthropic-admin workspaces create 'Data Science' --color '#6C5BB9' --tag team=ds", "anthropic-admin workspaces create EU-prod --workspace-geo us --allowed-inference-geos us --default-inference-geo us"},
			flags: []flagSpec{
				{name: "color", field: "DisplayColor", usage: "display `color`, such as #6C5BB9"},
				{name: "tag", field: "Tags", usage: "a `key=value` tag; repeatable"},
				{name: "external-key-id", field: "ExternalKeyID", usage: "encrypt with this customer-managed key `ID`"},
				{name: "user-profile-id", field: "UserProfileID", usage: "attach this user profile `ID` for good: every inference request must name it"},
				{name: "workspace-geo", field: "WorkspaceGeo", usage: "where the workspace stores data", values: values(admin.WorkspaceGeoValues())},
				{name: "default-inference-geo", field: "DefaultInferenceGeo", usage: "default inference geography", values: values(admin.InferenceGeoValues())},
				{name: "allowed-inference-geos", field: "AllowedInferenceGeos", usage: "allowed inference `geos`",
					values: append(values(admin.InferenceGeoValues()), values(admin.UnrestrictedInferenceGeosValues())...)},
			},
			do: object(createWorkspace, workspaceView())},
		&command{name: "rename", op: admin.OpUpdateWorkspace, summary: "Rename a workspace.", args: []string{"<workspace-id>", "<name>"},
			examples: []string{"anthropic-admin workspaces rename wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L Production"},
			do:       object(renameWorkspace, workspaceView())},
		&command{name: "set-user-profile", op: admin.OpUpdateWorkspace, summary: "Attach a user profile to a workspace, for good.", args: []string{"<workspace-id>", "<user-profile-id>"},
			examples: []string{"anthropic-admin workspaces set-user-profile wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L uprof_01Gx5Tn2Wq8Kz3Rb7Hc4LsVd --dry-run"},
			details: "Every inference request through the workspace must then name the user profile. It cannot be\n" +
				"replaced or removed afterwards (only deleting the user profile clears it).",
			confirm: ask("Attach user profile %s to workspace %s? It cannot be replaced or removed afterwards.", argAt(1), workspaceAt(0)),
			do:      object(setWorkspaceUserProfile, workspaceView())},
		&command{name: "archive", op: admin.OpArchiveWorkspace, summary: "Archive a workspace and its API keys.", args: []string{"<workspace-id>"},
			examples: []string{"anthropic-admin workspaces archive wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L --dry-run", "anthropic-admin workspaces archive wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L --yes"},
			confirm:  ask("Archive workspace %s? Its API keys are archived too, and this cannot be undone.", workspaceAt(0)),
			do:       call1((*admin.WorkspacesService).Archive, workspaceView())},
		group("members", "Users' memberships of a workspace.",
			&command{name: "list", op: admin.OpListWorkspaceMembers, summary: "List a workspace's members.", args: []string{"<workspace-id>"},
				examples: []string{"anthropic-admin workspaces members list wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L --all"},
				do:       list1((*admin.WorkspaceMembersService).Pages, memberView())},
			&command{name: "get", op: admin.OpGetWorkspaceMember, summary: "Show a user's membership of a workspace.", args: []string{"<workspace-id>", "<user-id>"},
				examples: []string{"anthropic-admin workspaces members get wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L user_01WBsJ4b6ZJq3vTbE8fG2hKm"},
				do:       call2((*admin.WorkspaceMembersService).Get, memberView())},
			&command{name: "add", op: admin.OpAddWorkspaceMember, summary: "Add an organization member to a workspace.", args: []string{"<workspace-id>", "<user-id>", "<role>"},
				argValues: [][]string{nil, nil, values(admin.AssignableWorkspaceRoleValues())},
				examples:  []string{"anthropic-admin workspaces members add wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L user_01WBsJ4b6ZJq3vTbE8fG2hKm workspace_developer"},
				details:   "Roles: " + join(admin.AssignableWorkspaceRoleValues(), ", ") + ".",
				do:        object(addMember, memberView())},
			&command{name: "set-role", op: admin.OpUpdateWorkspaceMember, summary: "Change a member's workspace role.", args: []string{"<workspace-id>", "<user-id>", "<role>"},
				argValues: [][]string{nil, nil, values(admin.WorkspaceRoleValues())},
				examples:  []string{"anthropic-admin workspaces members set-role wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L user_01WBsJ4b6ZJq3vTbE8fG2hKm workspace_admin"},
				details:   "Roles: " + join(admin.WorkspaceRoleValues(), ", ") + ".",
				do:        object(setMemberRole, memberView())},
			&command{name: "remove", op: admin.OpRemoveWorkspaceMember, summary: "Remove a user from a workspace (they stay in the organization).", args: []string{"<workspace-id>", "<user-id>"},
				examples: []string{"anthropic-admin workspaces members remove wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L user_01WBsJ4b6ZJq3vTbE8fG2hKm --yes"},
				confirm:  ask("Remove user %s from workspace %s?", userAt(1), workspaceAt(0)),
				do:       call2((*admin.WorkspaceMembersService).Remove, memberDeletedView())},
		),
		workspaceServiceAccountsCommands(),
		group("rate-limits", "A workspace's rate limits.",
			&command{name: "list", op: admin.OpListWorkspaceRateLimits, summary: "List a workspace's rate limit overrides, one row per limiter.", args: []string{"<workspace-id>"},
				examples: []string{"anthropic-admin workspaces rate-limits list wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L --include-inherited"},
				flags: []flagSpec{
					{name: "group-type", field: "GroupType", usage: "only limits of this group `type`", values: values(admin.RateLimitGroupTypeValues())},
					{name: "include-inherited", field: "IncludeInherited", usage: "also list the limits inherited from the organization"},
				},
				do: list1((*admin.WorkspaceRateLimitsService).Pages, workspaceRateLimitView())},
			&command{name: "set", op: admin.OpUpdateWorkspaceRateLimit, summary: "Set or clear a workspace's overrides of an organization rate limit.",
				examples: []string{"# the rate limit ID comes from: anthropic-admin rate-limits list", "anthropic-admin workspaces rate-limits set wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L rl_01Kt6Wp3Bz9Qn2Hr7Xs4LcVd requests_per_minute=1000 output_tokens_per_minute=inherit"},
				args:     []string{"<workspace-id>", "<rate-limit-id>", "<limiter=value>..."},
				details: "Each change is limiter=N, or limiter=inherit to clear the override and fall back to the\n" +
					"organization's limit. <rate-limit-id> is an ID from 'rate-limits list'.\n" +
					"Limiters: " + join(admin.LimiterTypeValues(), ", ") + ".",
				do: object(setWorkspaceRateLimit, workspaceRateLimitView())},
		),
	)
}

// apiKeysCommands returns the api-keys group.
func apiKeysCommands() *command {
	return group("api-keys", "The organization's API keys (created and deleted in the Console only).",
		&command{name: "list", op: admin.OpListAPIKeys, summary: "List API keys (never their secrets).",
			examples: []string{"anthropic-admin api-keys list --status active --all", "anthropic-admin api-keys list --workspace wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L -o csv"},
			flags: []flagSpec{
				{name: "status", field: "Status", usage: "only keys in this `state`", values: values(admin.APIKeyStatusValues())},
				{name: "workspace", field: "WorkspaceID", usage: "only the keys of this workspace `ID`"},
				{name: "created-by", field: "CreatedByUserID", usage: "only keys created by this user `ID`"},
			},
			do: list0((*admin.APIKeysService).Pages, apiKeyView())},
		&command{name: "get", op: admin.OpGetAPIKey, summary: "Show an API key (never its secret).", args: []string{"<api-key-id>"},
			examples: []string{"anthropic-admin api-keys get apikey_01Rk9dF3mWq7TzNb5HcXv2Lp"},
			do:       call1((*admin.APIKeysService).Get, apiKeyView())},
		&command{name: "rename", op: admin.OpUpdateAPIKey, summary: "Rename an API key.", args: []string{"<api-key-id>", "<name>"},
			examples: []string{"anthropic-admin api-keys rename apikey_01Rk9dF3mWq7TzNb5HcXv2Lp 'CI key'"},
			do:       object(renameAPIKey, apiKeyView())},
		&command{name: "activate", op: admin.OpUpdateAPIKey, summary: "Activate an API key.", args: []string{"<api-key-id>"},
			examples: []string{"anthropic-admin api-keys activate apikey_01Rk9dF3mWq7TzNb5HcXv2Lp"},
			do:       object(activateAPIKey, apiKeyView())},
		&command{name: "deactivate", op: admin.OpUpdateAPIKey, summary: "Deactivate an API key.", args: []string{"<api-key-id>"},
			examples: []string{"anthropic-admin api-keys deactivate apikey_01Rk9dF3mWq7TzNb5HcXv2Lp --dry-run", "anthropic-admin api-keys deactivate apikey_01Rk9dF3mWq7TzNb5HcXv2Lp --yes"},
			confirm:  ask("Deactivate API key %s? Requests with it fail until it is activated again.", apiKeyAt(0)),
			do:       object(deactivateAPIKey, apiKeyView())},
		&command{name: "archive", op: admin.OpUpdateAPIKey, summary: "Archive an API key for good.", args: []string{"<api-key-id>"},
			examples: []string{"anthropic-admin api-keys archive apikey_01Rk9dF3mWq7TzNb5HcXv2Lp --yes"},
			confirm:  ask("Archive API key %s? This cannot be undone.", apiKeyAt(0)),
			do:       object(archiveAPIKey, apiKeyView())},
		hygieneCommand(),
	)
}

// usageCommands returns the usage group: the reports.
func usageCommands() *command {
	return group("usage", "The usage, cost and Claude Code reports.",
		&command{name: "messages", op: admin.OpGetMessagesUsageReport, summary: "The Messages API usage report, one row per time bucket and group.", report: true,
			examples: []string{"anthropic-admin usage messages --from 2026-10-01 --to 2026-11-01 --group-by model", "# hourly, one workspace, every page, as CSV", "anthropic-admin usage messages --from 2026-10-30 --bucket-width 1h --workspace wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L --all -o csv"},
			details: "Prints the API's pages as they come (--all for every page). For token totals over a whole range\n" +
				"per workspace, model, API key or user, with names, see 'report usage'.",
			flags: []flagSpec{
				{name: "from", field: "StartingAt", usage: "start of the report", required: true},
				{name: "to", field: "EndingAt", usage: "end of the report (exclusive)", after: "from"},
				{name: "bucket-width", field: "BucketWidth", usage: "bucket `width`", values: values(admin.UsageBucketWidthValues())},
				{name: "group-by", field: "GroupBy", usage: "split buckets by these `dimensions`", values: values(admin.MessagesUsageGroupByValues())},
				{name: "api-key", field: "APIKeyIDs", usage: "only usage of these API key `IDs`"},
				{name: "workspace", field: "WorkspaceIDs", usage: "only usage of these workspace `IDs`"},
				{name: "model", field: "Models", usage: "only usage of these `models`"},
				{name: "service-tier", field: "ServiceTiers", usage: "only these service `tiers`", values: values(admin.ServiceTierValues())},
				{name: "context-window", field: "ContextWindows", usage: "only these context `windows`", values: values(admin.ContextWindowValues())},
				{name: "inference-geo", field: "InferenceGeos", usage: "only these inference `geos`", values: values(admin.UsageInferenceGeoValues())},
				{name: "account", field: "AccountIDs", usage: "only usage of these user account `IDs`"},
				{name: "service-account", field: "ServiceAccountIDs", usage: "only usage of these service account `IDs`"},
				{name: "speed", field: "Speeds", usage: "only these `speeds`", values: values(admin.SpeedValues())},
			},
			do: grouped0(messagesPages, messagesView)},
		&command{name: "cost", op: admin.OpGetCostReport, summary: "The cost report in US dollars (cost_usd: the API's cents / 100, exact), one row per day and group.", report: true,
			examples: []string{"anthropic-admin usage cost --from 2026-10-01 --to 2026-11-01 --group-by workspace_id --all"},
			details: "Prints the API's pages as they come (--all for every page). For totals over a whole range per\n" +
				"workspace or model, with names, see 'report cost'.",
			flags: []flagSpec{
				{name: "from", field: "StartingAt", usage: "first day of the report", required: true},
				{name: "to", field: "EndingAt", usage: "end of the report (exclusive)", after: "from"},
				{name: "group-by", field: "GroupBy", usage: "split days by these `dimensions`", values: values(admin.CostGroupByValues())},
			},
			do: grouped0((*admin.CostService).Pages, costView)},
		&command{name: "claude-code", op: admin.OpGetClaudeCodeUsageReport, summary: "The Claude Code usage report of one day, one row per actor and terminal.", report: true,
			examples: []string{"anthropic-admin usage claude-code --day 2026-10-31 --all -o json"},
			flags:    []flagSpec{{name: "day", field: "StartingAt", usage: "the day to report", required: true}},
			do:       list0((*admin.ClaudeCodeUsageService).Pages, claudeCodeView())},
	)
}

// The named functions of the leaves that do more than pass their
// arguments to one method.

// setUserRole gives the user args[0] the organization role args[1].
func setUserRole(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.User, error) {
	role, err := argEnum("role", args[1], admin.AssignableOrganizationRoleValues())
	if err != nil {
		return nil, err
	}
	return c.Users.Update(ctx, args[0], admin.UpdateUserRequest{Role: role})
}

// createInvite invites args[0] with the organization role args[1]; body
// holds what the flags set.
func createInvite(ctx context.Context, c *admin.Client, args []string, body *admin.CreateInviteRequest) (*admin.Invite, error) {
	role, err := argEnum("role", args[1], admin.AssignableOrganizationRoleValues())
	if err != nil {
		return nil, err
	}
	body.Email, body.Role = args[0], role
	return c.Invites.Create(ctx, *body)
}

// createWorkspaceParams are the flags of workspaces create: the fields of
// the request, and those of its data residency.
type createWorkspaceParams struct {
	admin.CreateWorkspaceRequest
	WorkspaceGeo        admin.WorkspaceGeo
	DefaultInferenceGeo admin.InferenceGeo
	// AllowedInferenceGeos are geos, or "unrestricted" alone.
	AllowedInferenceGeos []string
}

// createWorkspace creates the workspace called args[0].
func createWorkspace(ctx context.Context, c *admin.Client, args []string, p *createWorkspaceParams) (*admin.Workspace, error) {
	body := p.CreateWorkspaceRequest
	body.Name = args[0]
	var res admin.DataResidencyCreate
	if p.WorkspaceGeo != "" {
		res.WorkspaceGeo = &p.WorkspaceGeo
	}
	if p.DefaultInferenceGeo != "" {
		res.DefaultInferenceGeo = &p.DefaultInferenceGeo
	}
	if p.AllowedInferenceGeos != nil {
		a, err := allowedGeos(p.AllowedInferenceGeos)
		if err != nil {
			return nil, err
		}
		res.AllowedInferenceGeos = &a
	}
	if res != (admin.DataResidencyCreate{}) {
		body.DataResidency = &res
	}
	return c.Workspaces.Create(ctx, body)
}

// allowedGeos returns the value of --allowed-inference-geos, whose values
// the flag has checked: "unrestricted" alone, or inference geos.
func allowedGeos(list []string) (admin.AllowedInferenceGeos, error) {
	unrestricted := string(admin.UnrestrictedInferenceGeosUnrestricted)
	if !slices.Contains(list, unrestricted) {
		geos := make([]admin.InferenceGeo, len(list))
		for i, s := range list {
			geos[i] = admin.InferenceGeo(s)
		}
		return admin.AllowedGeos(geos...), nil
	}
	if len(list) > 1 {
		return admin.AllowedInferenceGeos{}, usageErrorf("--allowed-inference-geos: %s excludes any other value", unrestricted)
	}
	return admin.UnrestrictedGeos(), nil
}

// renameWorkspace names the workspace args[0] args[1].
func renameWorkspace(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.Workspace, error) {
	return c.Workspaces.Update(ctx, args[0], admin.UpdateWorkspaceRequest{Name: &args[1]})
}

// setWorkspaceUserProfile attaches the user profile args[1] to the
// workspace args[0].
func setWorkspaceUserProfile(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.Workspace, error) {
	return c.Workspaces.Update(ctx, args[0], admin.UpdateWorkspaceRequest{UserProfileID: &args[1]})
}

// addMember adds the user args[1] to the workspace args[0] with the
// workspace role args[2].
func addMember(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.WorkspaceMember, error) {
	role, err := argEnum("role", args[2], admin.AssignableWorkspaceRoleValues())
	if err != nil {
		return nil, err
	}
	return c.WorkspaceMembers.Add(ctx, args[0], admin.AddWorkspaceMemberRequest{UserID: args[1], WorkspaceRole: role})
}

// setMemberRole gives the member args[1] of the workspace args[0] the
// workspace role args[2].
func setMemberRole(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.WorkspaceMember, error) {
	role, err := argEnum("role", args[2], admin.WorkspaceRoleValues())
	if err != nil {
		return nil, err
	}
	return c.WorkspaceMembers.Update(ctx, args[0], args[1], admin.UpdateWorkspaceMemberRequest{WorkspaceRole: role})
}

// setWorkspaceRateLimit applies the changes args[2:] to the workspace
// args[0]'s overrides of the rate limit args[1].
func setWorkspaceRateLimit(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.WorkspaceRateLimit, error) {
	var body admin.UpdateWorkspaceRateLimitRequest
	for _, arg := range args[2:] {
		ch, err := limitChange(arg)
		if err != nil {
			return nil, err
		}
		body.Limits = append(body.Limits, ch)
	}
	return c.WorkspaceRateLimits.Update(ctx, args[0], args[1], body)
}

// limitChange parses limiter=value or limiter=inherit.
func limitChange(arg string) (admin.WorkspaceRateLimitChange, error) {
	k, v, ok := strings.Cut(arg, "=")
	if !ok {
		return admin.WorkspaceRateLimitChange{}, usageErrorf("invalid change %q: want limiter=value or limiter=inherit", arg)
	}
	typ, err := argEnum("limiter", k, admin.LimiterTypeValues())
	if err != nil {
		return admin.WorkspaceRateLimitChange{}, err
	}
	ch := admin.WorkspaceRateLimitChange{Type: typ}
	if v != "inherit" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return ch, usageErrorf("invalid value in %q: want a non-negative integer or inherit", arg)
		}
		ch.Value = &n
	}
	return ch, nil
}

// renameAPIKey names the API key args[0] args[1].
func renameAPIKey(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.APIKey, error) {
	return c.APIKeys.Update(ctx, args[0], admin.UpdateAPIKeyRequest{Name: &args[1]})
}

// activateAPIKey activates the API key args[0].
func activateAPIKey(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.APIKey, error) {
	return setAPIKeyStatus(ctx, c, args[0], admin.APIKeyStatusUpdateActive)
}

// deactivateAPIKey deactivates the API key args[0].
func deactivateAPIKey(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.APIKey, error) {
	return setAPIKeyStatus(ctx, c, args[0], admin.APIKeyStatusUpdateInactive)
}

// archiveAPIKey archives the API key args[0].
func archiveAPIKey(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.APIKey, error) {
	return setAPIKeyStatus(ctx, c, args[0], admin.APIKeyStatusUpdateArchived)
}

// setAPIKeyStatus puts the API key id in the state s.
func setAPIKeyStatus(ctx context.Context, c *admin.Client, id string, s admin.APIKeyStatusUpdate) (*admin.APIKey, error) {
	return c.APIKeys.Update(ctx, id, admin.UpdateAPIKeyRequest{Status: &s})
}

// messagesPages is (*admin.MessagesUsageService).Pages with the page size
// cut to the largest that p's bucket width allows (see maxBuckets).
func messagesPages(s *admin.MessagesUsageService, ctx context.Context, p *admin.GetMessagesUsageReportParams) iter.Seq2[*admin.MessagesUsageReport, error] {
	p.Limit = min(p.Limit, maxBuckets(p.BucketWidth))
	return s.Pages(ctx, p)
}

// maxBuckets returns the largest page of the Messages usage report for a
// bucket width ("" is the default, 1d). It is the one piece of API
// knowledge here: the spec declares only the widest maximum (1440, which
// op.MaxPageSize returns) and gives these in prose, "servers check the
// rest". A width missing here gets 0, the server's default page size.
func maxBuckets(width admin.UsageBucketWidth) int {
	switch width {
	case "", admin.UsageBucketWidthDay:
		return 31
	case admin.UsageBucketWidthHour:
		return 168
	case admin.UsageBucketWidthMinute:
		return 1440
	}
	return 0
}

// complianceUsersParams are the parameters of compliance users: the
// API's, and the organization.
type complianceUsersParams struct {
	admin.ListComplianceOrganizationUsersParams
	// Org is the UUID of the organization (--org); "" looks up the Admin
	// key's.
	Org string
}

// complianceUsersPages returns the pages of the users of the organization
// --org names or, without it, of the Admin key's organization.
func complianceUsersPages(ctx context.Context, a *app, _ []string, p *complianceUsersParams) iter.Seq2[*admin.ComplianceUserList, error] {
	org := p.Org
	if org == "" {
		if !a.adminKey {
			return failed[admin.ComplianceUserList](usageErrorf("pass --org, or set %s to look the organization up", envAdminKey))
		}
		o, err := a.c.Organization.Get(ctx)
		if err != nil {
			return failed[admin.ComplianceUserList](err)
		}
		org = o.ID
	}
	return a.c.ComplianceUsers.Pages(ctx, org, &p.ListComplianceOrganizationUsersParams)
}

// describer describes the object named by an argument for a question,
// fetching it: a wrong ID fails before anything is asked.
type describer func(ctx context.Context, c *admin.Client, args []string) (string, error)

// ask returns the question format filled with what parts describe.
func ask(format string, parts ...describer) question {
	return func(ctx context.Context, c *admin.Client, args []string) (string, error) {
		vals := make([]any, len(parts))
		for i, describe := range parts {
			v, err := describe(ctx, c, args)
			if err != nil {
				return "", err
			}
			vals[i] = v
		}
		return fmt.Sprintf(format, vals...), nil
	}
}

// describe returns the describer of the object that argument i names,
// fetched with get, a Get method of package admin, and printed by show.
func describe[S, T any](i int, get func(*S, context.Context, string) (*T, error), show func(*T) string) describer {
	return func(ctx context.Context, c *admin.Client, args []string) (string, error) {
		if dryRunQuestion(ctx) {
			return args[i], nil // --dry-run looks nothing up
		}
		v, err := get(service[S](c), ctx, args[i])
		if err != nil {
			return "", err
		}
		return show(v), nil
	}
}

// argAt describes argument i as it is.
func argAt(i int) describer {
	return func(_ context.Context, _ *admin.Client, args []string) (string, error) { return args[i], nil }
}

// userAt describes the user named by argument i.
func userAt(i int) describer {
	return describe(i, (*admin.UsersService).Get, func(u *admin.User) string { return fmt.Sprintf("%s <%s> (%s)", u.Name, u.Email, u.ID) })
}

// workspaceAt describes the workspace named by argument i.
func workspaceAt(i int) describer {
	return describe(i, (*admin.WorkspacesService).Get, func(w *admin.Workspace) string { return fmt.Sprintf("%q (%s)", w.Name, w.ID) })
}

// inviteAt describes the invite named by argument i.
func inviteAt(i int) describer {
	return describe(i, (*admin.InvitesService).Get, func(v *admin.Invite) string {
		return fmt.Sprintf("the %s invite of %s (%s)", v.Status, v.Email, v.ID)
	})
}

// apiKeyAt describes the API key named by argument i.
func apiKeyAt(i int) describer {
	return describe(i, (*admin.APIKeysService).Get, func(k *admin.APIKey) string { return fmt.Sprintf("%q (%s)", k.Name, k.ID) })
}
