package main

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// opCases maps every operationId of spec/admin-api.yaml to commands that
// call it; {name} stands for an ID of the demo data (see newFixture).
var opCases = []struct {
	name string // golden file name; the operationId when empty
	op   admin.Operation
	args []string
}{
	{"", admin.OpGetOrganizationMe, []string{"org", "show"}},
	{"org-export", admin.OpGetOrganizationMe, []string{"org", "export"}},
	{"org-diff", admin.OpGetOrganizationMe, []string{"org", "diff", "testdata/org-apply.yaml"}},
	{"org-apply", admin.OpUpdateUser, []string{"org", "apply", "testdata/org-apply.yaml", "--yes"}},
	{"", admin.OpListUsers, []string{"users", "list"}},
	{"", admin.OpGetUser, []string{"users", "get", "{user}"}},
	{"", admin.OpUpdateUser, []string{"users", "set-role", "{user}", "developer"}},
	{"", admin.OpRemoveUser, []string{"users", "remove", "{user}", "--yes"}},
	{"", admin.OpSignOutUser, []string{"users", "sign-out", "{user}", "--yes"}},
	{"offboard", admin.OpRemoveUser, []string{"users", "offboard", "{user}", "--keys", "deactivate", "--yes"}},
	{"offboard-plan", admin.OpListAPIKeys, []string{"users", "offboard-plan", "{user}", "--keys", "archive"}},
	{"onboard", admin.OpCreateInvite, []string{"users", "onboard", "new.colleague@example.com", "--role", "developer", "--workspace", "{workspace}=workspace_developer", "--yes"}},
	{"", admin.OpListInvites, []string{"invites", "list"}},
	{"", admin.OpGetInvite, []string{"invites", "get", "{invite}"}},
	{"", admin.OpCreateInvite, []string{"invites", "create", "someone@example.com", "developer"}},
	{"", admin.OpDeleteInvite, []string{"invites", "delete", "{invite}", "--yes"}},
	{"", admin.OpListWorkspaces, []string{"workspaces", "list", "--include-default"}},
	{"", admin.OpGetWorkspace, []string{"workspaces", "get", "{workspace}"}},
	{"", admin.OpCreateWorkspace, []string{"workspaces", "create", "Data Science", "--color", "#123456", "--tag", "team=ds", "--workspace-geo", "us", "--allowed-inference-geos", "us,global", "--default-inference-geo", "us"}},
	{"", admin.OpUpdateWorkspace, []string{"workspaces", "rename", "{workspace}", "Prod"}},
	{"updateWorkspace_user_profile", admin.OpUpdateWorkspace, []string{"workspaces", "set-user-profile", "{workspace}", "uprof_01example", "--yes", "-o", "json"}},
	{"", admin.OpArchiveWorkspace, []string{"workspaces", "archive", "{workspace}", "-y"}},
	{"", admin.OpListWorkspaceMembers, []string{"workspaces", "members", "list", "{workspace}"}},
	{"", admin.OpGetWorkspaceMember, []string{"workspaces", "members", "get", "{workspace}", "{member}"}},
	{"", admin.OpAddWorkspaceMember, []string{"workspaces", "members", "add", "{workspace}", "{newuser}", "workspace_developer"}},
	{"", admin.OpUpdateWorkspaceMember, []string{"workspaces", "members", "set-role", "{workspace}", "{member}", "workspace_user"}},
	{"", admin.OpRemoveWorkspaceMember, []string{"workspaces", "members", "remove", "{workspace}", "{member}", "--yes"}},
	{"", admin.OpListWorkspaceRateLimits, []string{"workspaces", "rate-limits", "list", "{workspace}", "--include-inherited"}},
	{"", admin.OpUpdateWorkspaceRateLimit, []string{"workspaces", "rate-limits", "set", "{workspace}", "{ratelimit}", "requests_per_minute=1000", "output_tokens_per_minute=inherit"}},
	{"", admin.OpListAPIKeys, []string{"api-keys", "list"}},
	{"", admin.OpGetAPIKey, []string{"api-keys", "get", "{apikey}"}},
	{"updateApiKey_rename", admin.OpUpdateAPIKey, []string{"api-keys", "rename", "{apikey}", "CI key"}},
	{"updateApiKey_deactivate", admin.OpUpdateAPIKey, []string{"api-keys", "deactivate", "{apikey}", "--yes"}},
	{"updateApiKey_activate", admin.OpUpdateAPIKey, []string{"api-keys", "activate", "{apikey}"}},
	{"updateApiKey_archive", admin.OpUpdateAPIKey, []string{"api-keys", "archive", "{apikey}", "--yes"}},
	{"", admin.OpListOrganizationRateLimits, []string{"rate-limits", "list"}},
	{"", admin.OpListRBACRoles, []string{"rbac-roles", "list"}},
	{"", admin.OpGetRBACRole, []string{"rbac-roles", "get", "rbac_role_builtin_2"}},
	{"", admin.OpListRBACRolePermissions, []string{"rbac-roles", "permissions", "rbac_role_builtin_4"}},
	{"", admin.OpListRBACGroups, []string{"rbac-groups", "list"}},
	{"", admin.OpGetRBACGroup, []string{"rbac-groups", "get", "{rbacgroup}"}},
	{"", admin.OpCreateRBACGroup, []string{"rbac-groups", "create", "Data Science"}},
	{"", admin.OpUpdateRBACGroup, []string{"rbac-groups", "update", "{rbacgroup}", "Platform"}},
	{"", admin.OpDeleteRBACGroup, []string{"rbac-groups", "delete", "{rbacgroup}", "--yes"}},
	{"", admin.OpListRBACGroupMembers, []string{"rbac-groups", "members", "list", "{rbacgroup}"}},
	{"", admin.OpAddRBACGroupMember, []string{"rbac-groups", "members", "add", "{rbacgroup}", "{newuser}"}},
	{"", admin.OpRemoveRBACGroupMember, []string{"rbac-groups", "members", "remove", "{rbacgroup}", "{member}", "--yes"}},
	{"", admin.OpListExternalKeys, []string{"external-keys", "list"}},
	{"", admin.OpGetExternalKey, []string{"external-keys", "get", "{extkey}"}},
	{"", admin.OpCreateExternalKey, []string{"external-keys", "create", "azure", "--name", "EU tenant key", "--key-name", "cmk", "--tenant-id", "tenant-1", "--vault-uri", "https://contoso.vault.azure.net"}},
	{"", admin.OpUpdateExternalKey, []string{"external-keys", "update", "{extkey}", "--name", "Production CMEK (rotated)"}},
	{"updateExternalKey_provider", admin.OpUpdateExternalKey, []string{"external-keys", "update", "{extkey}", "--provider", "gcp", "--key-name", "projects/acme/locations/us/keyRings/claude/cryptoKeys/prod"}},
	{"", admin.OpDeleteExternalKey, []string{"external-keys", "delete", "{extkey}", "--yes"}},
	{"", admin.OpValidateExternalKey, []string{"external-keys", "validate", "{extkey}"}},
	{"", admin.OpGetComplianceSettings, []string{"compliance-settings", "get"}},
	{"", admin.OpUpdateComplianceSettings, []string{"compliance-settings", "set", "disabled", "--yes"}},
	{"", admin.OpGetMessagesUsageReport, []string{"usage", "messages", "--from", "2026-10-30", "--group-by", "model"}},
	{"", admin.OpGetCostReport, []string{"usage", "cost", "--from", "2026-10-31", "--group-by", "workspace_id"}},
	{"", admin.OpListAnalyticsUsage, []string{"analytics", "usage", "--from", "2026-10-26", "--to", "2026-11-02", "--group-by", "product,model"}},
	{"listAnalyticsUsage_daily", admin.OpListAnalyticsUsage, []string{"analytics", "usage", "--from", "2026-10-30", "--to", "2026-11-02", "--bucket-width", "1d", "--order-by", "time", "--order", "asc", "--product", "claude_code", "--group-by", "user_profile_id,actor"}},
	{"", admin.OpListAnalyticsCost, []string{"analytics", "cost", "--from", "2026-10-26", "--to", "2026-11-02", "--group-by", "workspace_id"}},
	{"", admin.OpListAnalyticsUserUsage, []string{"analytics", "user-usage", "--from", "2026-10-26", "--to", "2026-11-02", "--group-by", "model", "--limit", "4"}},
	{"", admin.OpListAnalyticsUserCost, []string{"analytics", "user-cost", "--from", "2026-10-26", "--to", "2026-11-02"}},
	{"listAnalyticsUserCost_daily", admin.OpListAnalyticsUserCost, []string{"analytics", "user-cost", "--from", "2026-10-30", "--to", "2026-11-01", "--bucket-width", "1d", "--group-by", "token_type", "--limit", "4"}},
	{"", admin.OpListAnalyticsUsers, []string{"analytics", "users", "--date", "2026-10-31", "--order-by", "claude_code_metrics.core_metrics.commit_count", "--limit", "5"}},
	{"listAnalyticsUsers_range", admin.OpListAnalyticsUsers, []string{"analytics", "users", "--from", "2026-10-26", "--to", "2026-11-01", "--filter", "user_id:{user}", "--output", "json"}},
	{"", admin.OpListAnalyticsConnectors, []string{"analytics", "connectors", "--date", "2026-10-31"}},
	{"listAnalyticsConnectors_range", admin.OpListAnalyticsConnectors, []string{"analytics", "connectors", "--from", "2026-10-25", "--to", "2026-11-01", "--group-by", "product", "--order-by", "distinct_user_count"}},
	{"", admin.OpListAnalyticsSkills, []string{"analytics", "skills", "--date", "2026-10-31"}},
	{"listAnalyticsSkills_range", admin.OpListAnalyticsSkills, []string{"analytics", "skills", "--from", "2026-10-25", "--to", "2026-11-01", "--group-by", "product", "--order-by", "invocation_count"}},
	{"", admin.OpListAnalyticsChatProjects, []string{"analytics", "chat-projects", "--date", "2026-10-31"}},
	{"listAnalyticsChatProjects_range", admin.OpListAnalyticsChatProjects, []string{"analytics", "chat-projects", "--from", "2026-10-25", "--to", "2026-11-01", "--group-by", "user_id", "--order-by", "message_count"}},
	{"", admin.OpListAnalyticsPlugins, []string{"analytics", "plugins", "--from", "2026-10-25", "--to", "2026-11-01", "--group-by", "user_id", "--limit", "3"}},
	{"", admin.OpListAnalyticsArtifacts, []string{"analytics", "artifacts", "--date", "2026-10-31", "--group-by", "product"}},
	{"", admin.OpListAnalyticsSummaries, []string{"analytics", "summaries", "--from", "2026-10-25", "--to", "2026-11-01"}},
	{"listAnalyticsCost_token_type", admin.OpListAnalyticsCost, []string{"analytics", "cost", "--from", "2026-11-01", "--to", "2026-11-02", "--group-by", "model,token_type", "--limit", "2"}},
	{"", admin.OpGetClaudeCodeUsageReport, []string{"usage", "claude-code", "--day", "2026-10-31", "--limit", "5"}},
	{"", admin.OpListComplianceOrganizationUsers, []string{"compliance", "users", "--limit", "5"}},
	{"", admin.OpListComplianceActivities, []string{"compliance", "activities", "list", "--limit", "5"}},
	{"listComplianceActivities_filtered", admin.OpListComplianceActivities, []string{"compliance", "activities", "list", "--type", "sso_login_succeeded,user_logged_out", "--since", "2026-10-25", "--limit", "3", "-o", "json"}},
	{"", admin.OpListComplianceOrganizations, []string{"compliance", "orgs", "list"}},
	{"", admin.OpListComplianceRoles, []string{"compliance", "roles", "list", "--org", "{org}"}},
	{"", admin.OpGetComplianceRole, []string{"compliance", "roles", "get", "rbac_role_builtin_2", "--org", "{org}"}},
	{"", admin.OpListComplianceRolePermissions, []string{"compliance", "roles", "permissions", "rbac_role_builtin_4"}},
	{"", admin.OpGetComplianceOrganizationSettings, []string{"compliance", "settings", "--org", "{org}"}},
	{"", admin.OpListComplianceGroups, []string{"compliance", "groups", "list"}},
	{"", admin.OpGetComplianceGroup, []string{"compliance", "groups", "get", "{compgroup}"}},
	{"", admin.OpListComplianceGroupMembers, []string{"compliance", "groups", "members", "{compgroup}"}},
	{"", admin.OpListComplianceUserPreferences, []string{"compliance", "preferences", "list", "--org", "{org}", "--include-unset", "--limit", "6"}},
	{"", admin.OpListComplianceChats, []string{"compliance", "chats", "list", "--user", "{user}"}},
	{"", admin.OpListComplianceChatMessages, []string{"compliance", "chats", "messages", "{chat}"}},
	{"", admin.OpDeleteComplianceChat, []string{"compliance", "chats", "delete", "{chat}", "--yes"}},
	{"", admin.OpGetComplianceFile, []string{"compliance", "files", "get", "{file}"}},
	{"", admin.OpDownloadComplianceFile, []string{"compliance", "files", "download", "{file}"}},
	{"", admin.OpDeleteComplianceFile, []string{"compliance", "files", "delete", "{file}", "--yes"}},
	{"", admin.OpGetComplianceGeneratedFile, []string{"compliance", "generated-files", "get", "{genfile}"}},
	{"", admin.OpDownloadComplianceGeneratedFile, []string{"compliance", "generated-files", "download", "{genfile}"}},
	{"", admin.OpListComplianceProjects, []string{"compliance", "projects", "list"}},
	{"", admin.OpGetComplianceProject, []string{"compliance", "projects", "get", "{project}"}},
	{"", admin.OpDeleteComplianceProject, []string{"compliance", "projects", "delete", "{emptyproject}", "--yes"}},
	{"", admin.OpListComplianceProjectAttachments, []string{"compliance", "projects", "attachments", "{project}"}},
	{"", admin.OpListComplianceProjectCollaborators, []string{"compliance", "projects", "collaborators", "{project}"}},
	{"", admin.OpGetComplianceProjectDocumentMetadata, []string{"compliance", "documents", "get", "{doc}"}},
	{"", admin.OpGetComplianceProjectDocument, []string{"compliance", "documents", "content", "{doc}"}},
	{"", admin.OpDeleteComplianceProjectDocument, []string{"compliance", "documents", "delete", "{doc}", "--yes"}},
	{"", admin.OpGetComplianceArtifact, []string{"compliance", "artifacts", "get", "{artifact}"}},
	{"", admin.OpDownloadComplianceArtifact, []string{"compliance", "artifacts", "download", "{artifact}"}},
	{"", admin.OpListComplianceLocalSessions, []string{"compliance", "sessions", "local", "list"}},
	{"", admin.OpGetComplianceLocalSession, []string{"compliance", "sessions", "local", "get", "{localsession}"}},
	{"", admin.OpListComplianceLocalSessionMessages, []string{"compliance", "sessions", "local", "messages", "{localsession}", "--order", "desc"}},
	{"", admin.OpListComplianceRemoteSessions, []string{"compliance", "sessions", "remote", "list"}},
	{"", admin.OpListComplianceRemoteSessionMessages, []string{"compliance", "sessions", "remote", "messages", "{remotesession}"}},
	{"", admin.OpListComplianceCodeArtifacts, []string{"compliance", "code-artifacts", "list"}},
	{"", admin.OpDownloadComplianceCodeArtifactVersion, []string{"compliance", "code-artifacts", "download", "{cart}", "{cartv}", "--org", "{cartorg}"}},
	{"", admin.OpDeleteComplianceCodeArtifact, []string{"compliance", "code-artifacts", "delete", "{cart}", "--yes"}},
	{"", admin.OpListComplianceReviewCases, []string{"compliance", "review", "cases", "list"}},
	{"", admin.OpGetComplianceReviewCase, []string{"compliance", "review", "cases", "get", "{reviewcase}"}},
	{"", admin.OpRespondComplianceReviewCase, []string{"compliance", "review", "cases", "respond", "{reviewcase}", "--determination", "violation", "--category", "cyber", "--verdict", "{reviewitem}=violation:cyber", "--yes"}},
	{"", admin.OpGetComplianceReviewItem, []string{"compliance", "review", "items", "get", "{reviewitem}"}},
	{"", admin.OpListComplianceReviewNotices, []string{"compliance", "review", "notices", "list"}},
	{"", admin.OpListServiceAccounts, []string{"service-accounts", "list", "--include-archived"}},
	{"", admin.OpGetServiceAccount, []string{"service-accounts", "get", "{sa}"}},
	{"", admin.OpCreateServiceAccount, []string{"service-accounts", "create", "nightly-evals", "--description", "Nightly evals", "--role", "developer"}},
	{"", admin.OpUpdateServiceAccount, []string{"service-accounts", "update", "{sa}", "--role", "admin", "--description", ""}},
	{"", admin.OpArchiveServiceAccount, []string{"service-accounts", "archive", "{sa}", "--yes"}},
	{"", admin.OpListServiceAccountWorkspaces, []string{"service-accounts", "workspaces", "list", "{sa}"}},
	{"", admin.OpAddServiceAccountWorkspace, []string{"service-accounts", "workspaces", "add", "{reporter}", "{workspace2}", "workspace_developer"}},
	{"", admin.OpRemoveServiceAccountWorkspace, []string{"service-accounts", "workspaces", "remove", "{sa}", "{workspace}", "--yes"}},
	{"", admin.OpListWorkspaceServiceAccounts, []string{"workspaces", "service-accounts", "list", "{workspace}"}},
	{"", admin.OpGetWorkspaceServiceAccount, []string{"workspaces", "service-accounts", "get", "{workspace}", "{sa}"}},
	{"", admin.OpAddWorkspaceServiceAccount, []string{"workspaces", "service-accounts", "add", "{workspace2}", "{reporter}", "workspace_user"}},
	{"", admin.OpUpdateWorkspaceServiceAccount, []string{"workspaces", "service-accounts", "set-role", "{workspace}", "{sa}", "workspace_admin"}},
	{"", admin.OpRemoveWorkspaceServiceAccount, []string{"workspaces", "service-accounts", "remove", "{workspace}", "{sa}", "--yes"}},
	{"", admin.OpListFederationIssuers, []string{"federation", "issuers", "list"}},
	{"", admin.OpGetFederationIssuer, []string{"federation", "issuers", "get", "{issuer}"}},
	{"", admin.OpCreateFederationIssuer, []string{"federation", "issuers", "create", "buildkite", "https://agent.buildkite.com", "--jwks-url", "https://agent.buildkite.com/.well-known/jwks", "--check-jti", "false", "--max-jwt-lifetime", "600"}},
	{"", admin.OpUpdateFederationIssuer, []string{"federation", "issuers", "update", "{issuer}", "--name", "gha", "--max-jwt-lifetime", "7200"}},
	{"", admin.OpArchiveFederationIssuer, []string{"federation", "issuers", "archive", "{idleissuer}", "--yes"}},
	{"", admin.OpListFederationRules, []string{"federation", "rules", "list"}},
	{"", admin.OpGetFederationRule, []string{"federation", "rules", "get", "{rule}"}},
	{"", admin.OpCreateFederationRule, []string{"federation", "rules", "create", "release", "{issuer}", "{sa}", "--scope", "workspace:developer", "--workspace", "{workspace}", "--subject-prefix", "repo:example-org/release:ref:refs/tags/*", "--claim", "repository_owner=example-org", "--token-lifetime", "600"}},
	{"", admin.OpUpdateFederationRule, []string{"federation", "rules", "update", "{rule}", "--description", "Main branch deploys", "--all-workspaces", "true", "-o", "json"}},
	{"", admin.OpArchiveFederationRule, []string{"federation", "rules", "archive", "{rule}", "--yes"}},
	{"", admin.OpListFederationRuleWorkspaces, []string{"federation", "rules", "workspaces", "list", "{rule}"}},
	{"", admin.OpAddFederationRuleWorkspace, []string{"federation", "rules", "workspaces", "add", "{rule}", "{defaultworkspace}"}},
	{"", admin.OpRemoveFederationRuleWorkspace, []string{"federation", "rules", "workspaces", "remove", "{rule}", "{workspace}", "--yes"}},
	{"", admin.OpListSpendLimits, []string{"spend-limits", "list"}},
	{"", admin.OpGetSpendLimit, []string{"spend-limits", "get", "{spendlimit}"}},
	{"", admin.OpSetSpendLimit, []string{"spend-limits", "set", "--user", "{user}", "--period", "daily", "--amount-usd", "25.50"}},
	{"", admin.OpDeleteSpendLimit, []string{"spend-limits", "delete", "{spendlimit}", "--yes"}},
	{"", admin.OpListEffectiveSpendLimits, []string{"spend-limits", "effective", "--limit", "4"}},
	{"", admin.OpListSpendLimitIncreaseRequests, []string{"spend-limits", "requests", "list"}},
	{"", admin.OpGetSpendLimitIncreaseRequest, []string{"spend-limits", "requests", "get", "{increase}"}},
	{"", admin.OpApproveSpendLimitIncreaseRequest, []string{"spend-limits", "requests", "approve", "{increase}", "--amount-usd", "120", "--no-notify", "--yes"}},
	{"", admin.OpDenySpendLimitIncreaseRequest, []string{"spend-limits", "requests", "deny", "{increase}", "--yes"}},
}

// TestOperations runs a command for every operation of the spec against a
// fresh fake, checks that the fake saw the operation, and compares the
// output with its golden file.
func TestOperations(t *testing.T) {
	for _, tc := range opCases {
		name := tc.name
		if name == "" {
			name = string(tc.op)
		}
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newFake(t)
			args := newFixture(t, s).withServiceAccounts(t, s, tc.args).withGovernance(t, s, tc.args).federation(t, s, tc.args).spendLimits(t, s, tc.args).complianceDir(t, s, tc.args).complianceContent(t, s, tc.args).expand(tc.args)
			r := runCLI(t, s, invocation{args: args, env: onlyLeafCredential(t, tc.args)})
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if s.Calls(tc.op) == 0 {
				t.Errorf("%v did not call %s", tc.args, tc.op)
			}
			golden(t, "op_"+name, tc.args, r)
		})
	}
}

// TestSpecCoverage checks that every operationId of the spec has a command
// and a case in opCases, and that every command names a real operation.
func TestSpecCoverage(t *testing.T) {
	specOps := admin.Operations()
	var treeOps, caseOps []admin.Operation
	commands().leaves(nil, func(path []string, c *command) {
		if (c.op == "") != (c.raw != nil || c.do.local || c.anyCredential) {
			t.Errorf("%s: an operation or a raw or local runner, not both nor neither", strings.Join(path, " "))
		}
		if c.op != "" {
			treeOps = append(treeOps, c.op)
		}
	})
	for _, tc := range opCases {
		caseOps = append(caseOps, tc.op)
	}
	for _, op := range specOps {
		if !slices.Contains(treeOps, op) {
			t.Errorf("no command calls %s", op)
		}
		if !slices.Contains(caseOps, op) {
			t.Errorf("opCases does not exercise %s", op)
		}
	}
	for _, op := range append(treeOps, caseOps...) {
		if !slices.Contains(specOps, op) {
			t.Errorf("%s is not an operation of the spec", op)
		}
	}
}

// TestNoGenImport checks that the tool is built on package admin only: no
// file of this directory imports the generated packages.
func TestNoGenImport(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			path, _ := strconv.Unquote(imp.Path.Value)
			if path == "github.com/anthropic-admin/anthropic-admin-go/gen" || strings.HasPrefix(path, "github.com/anthropic-admin/anthropic-admin-go/gen/") {
				t.Errorf("%s imports %s; use package admin", name, path)
			}
		}
	}
}

// cliCases are golden tests of formats, paging, errors and usage.
// goldenCase is an invocation whose output a golden file holds.
type goldenCase struct {
	name string
	inv  invocation
}

// runGoldenCases runs each case against a fresh fake, its placeholders
// expanded, and compares its output with the golden file prefix+name.
func runGoldenCases(t *testing.T, prefix string, cases []goldenCase) {
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			s := newFake(t)
			inv := tc.inv
			inv.args = newFixture(t, s).withServiceAccounts(t, s, inv.args).federation(t, s, inv.args).expand(inv.args)
			r := runCLI(t, s, inv)
			golden(t, prefix+tc.name, tc.inv.args, r)
		})
	}
}

var cliCases = []goldenCase{
	// Output formats of one list.
	{"users_list_table", invocation{args: []string{"users", "list", "--limit", "5"}}},
	{"users_list_narrow", invocation{args: []string{"users", "list", "--limit", "5"}, width: 80}},
	{"users_list_json", invocation{args: []string{"users", "list", "--limit", "3", "--output", "json"}}},
	{"users_list_csv", invocation{args: []string{"-o", "csv", "users", "list", "--limit", "5"}}},
	{"users_list_all_csv", invocation{args: []string{"users", "list", "--all", "-o", "csv"}}},
	{"users_list_all_limit", invocation{args: []string{"users", "list", "--all", "--limit", "25", "-o", "csv"}}},
	{"users_list_role", invocation{args: []string{"users", "list", "--role", "developer,billing"}}},
	{"users_list_empty_json", invocation{args: []string{"users", "list", "--email", "nobody@example.com", "-o", "json"}}},
	{"users_get_json", invocation{args: []string{"users", "get", "{user}", "-o", "json"}}},
	{"users_get_csv", invocation{args: []string{"users", "get", "{user}", "-o", "csv"}}},
	{"invites_list_status", invocation{args: []string{"invites", "list", "--status", "pending"}}},
	{"workspaces_list_json", invocation{args: []string{"workspaces", "list", "-o", "json"}}},
	{"workspaces_list_ids", invocation{args: []string{"workspaces", "list", "--id", "{workspace},wrkspc_01unknown", "--include-default"}}},
	{"api_keys_list_inactive", invocation{args: []string{"api-keys", "list", "--status", "inactive", "-o", "csv"}}},
	{"usage_messages_hourly_csv", invocation{args: []string{"usage", "messages", "--from", "2026-10-31T20:00:00Z", "--to", "2026-10-31T23:00:00Z", "--bucket-width", "1h", "-o", "csv"}}},
	{"usage_messages_json", invocation{args: []string{"usage", "messages", "--from", "2026-10-31", "--to", "2026-11-01", "--group-by", "workspace_id", "--model", "claude-opus-4-1", "-o", "json"}}},
	{"usage_cost_description", invocation{args: []string{"usage", "cost", "--from", "2026-10-31", "--to", "2026-11-01", "--group-by", "description"}}},
	{"usage_cost_all", invocation{args: []string{"usage", "cost", "--from", "2026-10-01", "--all", "--limit", "10", "-o", "csv"}}},
	{"usage_claude_code_json", invocation{args: []string{"usage", "claude-code", "--day", "2026-10-31", "--limit", "1", "-o", "json"}}},
	{"rate_limits_model", invocation{args: []string{"rate-limits", "list", "--group-type", "model_group", "-o", "json"}}},
	{"compliance_users_org", invocation{args: []string{"compliance", "users", "--org", "{org}", "--limit", "2"}, env: map[string]string{envAdminKey: ""}}},

	// Progress on a terminal.
	{"progress_all", invocation{args: []string{"users", "list", "--all", "-o", "csv"}, ttyErr: true}},
	{"progress_report", invocation{args: []string{"usage", "cost", "--from", "2026-10-30", "-o", "csv"}, ttyErr: true}},

	// API errors.
	{"error_not_found", invocation{args: []string{"users", "get", "user_doesnotexist"}}},
	{"error_bad_key", invocation{args: []string{"org", "show"}, env: map[string]string{envAdminKey: "sk-ant-admin01-wrong"}}},
	{"error_invite_role", invocation{args: []string{"invites", "create", "not-an-email", "developer"}}},
	{"error_invite_member", invocation{args: []string{"invites", "create", "edsger.dijkstra@example.com", "developer"}}},

	// Usage errors: exit 2 and help.
	{"usage_root", invocation{args: nil}},
	{"usage_unknown_command", invocation{args: []string{"users", "frobnicate"}}},
	{"usage_unknown_command_typo", invocation{args: []string{"usres", "list"}}},
	{"usage_bad_flag", invocation{args: []string{"users", "list", "--frob"}}},
	{"usage_bad_output", invocation{args: []string{"users", "list", "-o", "xml"}}},
	{"usage_missing_arg", invocation{args: []string{"users", "get"}}},
	{"usage_extra_arg", invocation{args: []string{"users", "get", "a", "b"}}},
	{"usage_bad_role", invocation{args: []string{"users", "set-role", "{user}", "admin"}}},
	{"usage_missing_from", invocation{args: []string{"usage", "cost"}}},
	{"usage_bad_date", invocation{args: []string{"usage", "cost", "--from", "yesterday"}}},
	{"usage_bad_range", invocation{args: []string{"usage", "cost", "--from", "2026-10-31", "--to", "2026-10-01"}}},
	{"usage_bad_role_filter", invocation{args: []string{"users", "list", "--role", "adm"}}},
	{"usage_bad_limit_change", invocation{args: []string{"workspaces", "rate-limits", "set", "{workspace}", "{ratelimit}", "requests_per_minute"}}},
	{"usage_negative_limit", invocation{args: []string{"users", "list", "--limit", "-1"}}},
	{"usage_compliance_no_org", invocation{args: []string{"compliance", "users"}, env: map[string]string{envAdminKey: ""}}},
	{"missing_key", invocation{args: []string{"users", "list"}, env: map[string]string{envAdminKey: ""}}},
	{"missing_key_before_confirm", invocation{args: []string{"users", "remove", "{user}"}, env: map[string]string{envAdminKey: ""}, stdin: "y\n", ttyIn: true}},
	{"missing_compliance_key", invocation{args: []string{"compliance", "users"}, env: map[string]string{envComplianceKey: ""}}},
	{"missing_oauth_token", invocation{args: []string{"service-accounts", "list"}, env: map[string]string{envOAuthToken: ""}}},
	{"missing_oauth_token_before_confirm", invocation{args: []string{"workspaces", "service-accounts", "remove", "{workspace}", "{sa}"}, env: map[string]string{envOAuthToken: ""}, stdin: "y\n", ttyIn: true}},
	{"usage_service_account_update_nothing", invocation{args: []string{"service-accounts", "update", "{sa}"}}},
	{"usage_service_account_bad_role", invocation{args: []string{"workspaces", "service-accounts", "add", "{workspace}", "{sa}", "workspace_billing"}}},
	{"error_service_account_archived", invocation{args: []string{"service-accounts", "update", "{archived-sa}", "--description", "x"}}},

	// Help.
	{"help_root", invocation{args: []string{"--help"}}},
	{"help_group", invocation{args: []string{"workspaces", "-h"}}},
	{"help_leaf", invocation{args: []string{"usage", "messages", "--help"}}},
	{"help_command", invocation{args: []string{"help", "users", "remove"}}},
	{"help_beta", invocation{args: []string{"users", "sign-out", "--help"}}},

	// Confirmation of destructive commands.
	{"confirm_no_tty", invocation{args: []string{"users", "remove", "{user}"}}},
	{"confirm_yes", invocation{args: []string{"invites", "delete", "{invite}"}, stdin: "y\n", ttyIn: true}},
	{"confirm_no", invocation{args: []string{"workspaces", "archive", "{workspace}"}, stdin: "n\n", ttyIn: true}},
	{"confirm_member", invocation{args: []string{"workspaces", "members", "remove", "{workspace}", "{member}"}, stdin: "yes\n", ttyIn: true}},
	{"confirm_not_found", invocation{args: []string{"users", "remove", "user_nope"}, stdin: "y\n", ttyIn: true}},
	{"confirm_eof", invocation{args: []string{"api-keys", "deactivate", "{apikey}"}, stdin: "", ttyIn: true}},
	{"confirm_sign_out", invocation{args: []string{"users", "sign-out", "{user}"}, stdin: "y\n", ttyIn: true}},
	{"confirm_user_profile", invocation{args: []string{"workspaces", "set-user-profile", "{workspace}", "uprof_01example"}, stdin: "n\n", ttyIn: true}},
	{"confirm_service_account_archive", invocation{args: []string{"service-accounts", "archive", "{sa}"}, stdin: "n\n", ttyIn: true}},
	{"confirm_service_account_workspace", invocation{args: []string{"service-accounts", "workspaces", "remove", "{sa}", "{workspace}"}, stdin: "y\n", ttyIn: true, env: map[string]string{envAdminKey: ""}}},

	// Service accounts need only the OAuth token.
	{"service_accounts_token_only", invocation{args: []string{"service-accounts", "workspaces", "list", "{sa}", "-o", "csv"}, env: map[string]string{envAdminKey: ""}}},
	{"help_service_accounts", invocation{args: []string{"service-accounts", "--help"}}},
}

// TestCLI compares the output of cliCases with their golden files.
func TestCLI(t *testing.T) { runGoldenCases(t, "cli_", cliCases) }

// TestFake runs the README's --fake commands: --fake needs no key and
// ignores the environment's.
func TestFake(t *testing.T) {
	for _, args := range [][]string{
		{"--fake", "users", "list"},
		{"--fake", "workspaces", "list"},
		{"--fake", "usage", "cost", "--from", "2026-10-29", "--group-by", "workspace_id"},
		{"--fake", "compliance", "users", "--limit", "3", "-o", "json"},
		{"--fake", "service-accounts", "list"},
	} {
		t.Run(strings.Join(args[1:], "_"), func(t *testing.T) {
			t.Parallel()
			r := runCLI(t, nil, invocation{args: args, env: map[string]string{envAdminKey: "", envComplianceKey: ""}})
			golden(t, "fake_"+strings.Join(args[1:3], "_"), args, r)
		})
	}
}

// TestFakeEnv checks the environment variables of --fake.
func TestFakeEnv(t *testing.T) {
	a := runCLI(t, nil, invocation{args: []string{"--fake", "org", "show"}, env: map[string]string{envFakeSeed: "7", envFakeNow: "2026-01-01T00:00:00Z"}})
	if a.code != 0 {
		t.Fatalf("exit %d: %s", a.code, a.stderr)
	}
	for _, env := range []map[string]string{{envFakeSeed: "x"}, {envFakeNow: "tomorrow"}} {
		r := runCLI(t, nil, invocation{args: []string{"--fake", "org", "show"}, env: env})
		if r.code != 2 {
			t.Errorf("%v: exit %d, want 2", env, r.code)
		}
	}
	if r := runCLI(t, nil, invocation{args: []string{"--fake", "--base-url", "http://127.0.0.1:1", "org", "show"}}); r.code != 2 {
		t.Errorf("--fake with --base-url: exit %d, want 2", r.code)
	}
}

// TestDebugNeverPrintsKey turns on request logging, on success and on
// failure; runCLI fails if a key shows.
func TestDebugNeverPrintsKey(t *testing.T) {
	s := newFake(t)
	ok := runCLI(t, s, invocation{args: []string{"--debug", "users", "list", "--limit", "1"}})
	if ok.code != 0 || !strings.Contains(ok.stderr, "level=DEBUG") {
		t.Errorf("exit %d, stderr:\n%s", ok.code, ok.stderr)
	}
	bad := runCLI(t, s, invocation{args: []string{"--debug", "users", "get", "user_nope"}})
	if bad.code != 1 {
		t.Errorf("exit %d, want 1", bad.code)
	}
	if r := runCLI(t, s, invocation{args: []string{"--debug", "org", "show"}, env: map[string]string{envAdminKey: testKey + "x"}}); r.code != 1 {
		t.Errorf("wrong key: exit %d, want 1", r.code)
	}
}

// TestFaults checks the error line of an injected server error.
func TestFaults(t *testing.T) {
	s := newFake(t)
	if err := s.FailNext(admin.OpListAPIKeys, 1, admintest.Fault{Status: 403, Message: "not allowed"}); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, s, invocation{args: []string{"api-keys", "list"}})
	golden(t, "fault_permission", []string{"api-keys", "list"}, r)

	// A create that made the workspace names it, and is not sent again.
	if err := s.FailNext(admin.OpCreateWorkspace, 1, admintest.Fault{Status: 503, Code: admin.ErrorCodeWorkspaceCreatedIncomplete, Message: "the workspace was created without its tags"}); err != nil {
		t.Fatal(err)
	}
	args := []string{"workspaces", "create", "Half Made", "--tag", "team=ds"}
	r = runCLI(t, s, invocation{args: args})
	golden(t, "fault_workspace_created_incomplete", args, r)
	if n := s.Calls(admin.OpCreateWorkspace); n != 1 {
		t.Errorf("create sent %d times, want 1", n)
	}
}
