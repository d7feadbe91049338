package main

import (
	"context"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// federation adds to f the IDs of the demo data's federation objects that
// args name: {issuer} and {rule}, the first issuer and rule, and
// {idleissuer}, the issuer without rules. They are looked up only for
// such args: a lookup is a request, which would shift the request IDs
// that other golden files show.
func (f fixture) federation(t *testing.T, s *admintest.Server, args []string) fixture {
	t.Helper()
	joined := strings.Join(args, " ")
	if !strings.Contains(joined, "issuer}") && !strings.Contains(joined, "{rule}") {
		return f
	}
	ctx := context.Background()
	c := s.Client()
	issuers, err := c.FederationIssuers.List(ctx, nil)
	if err != nil || len(issuers.Data) < 2 {
		t.Fatalf("fixture: issuers %v, %v", issuers, err)
	}
	rules, err := c.FederationRules.List(ctx, nil)
	if err != nil || len(rules.Data) == 0 {
		t.Fatalf("fixture: rules %v, %v", rules, err)
	}
	f["issuer"], f["rule"] = issuers.Data[0].ID, rules.Data[0].ID
	for _, i := range issuers.Data {
		if !hasRule(rules.Data, i.ID) {
			f["idleissuer"] = i.ID
		}
	}
	return f
}

// hasRule reports whether one of rules belongs to the issuer id.
func hasRule(rules []admin.FederationRule, id string) bool {
	for _, r := range rules {
		if r.IssuerID == id {
			return true
		}
	}
	return false
}

// federationCases are golden tests of the federation commands beyond one
// per operation: credentials, the key flags, usage errors, refusals and
// confirmations.
var federationCases = []goldenCase{
	{"no_token", invocation{args: []string{"federation", "issuers", "list"}, env: map[string]string{envOAuthToken: ""}}},
	{"token_without_admin_key", invocation{args: []string{"federation", "rules", "workspaces", "list", "{rule}"}, env: map[string]string{envAdminKey: ""}}},
	{"admin_key_only_for_users", invocation{args: []string{"users", "get", "user_x"}, env: map[string]string{envAdminKey: ""}}},
	{"fake", invocation{args: []string{"--fake", "federation", "rules", "list", "-o", "csv"}, env: map[string]string{envAdminKey: "", envOAuthToken: "", envBaseURL: ""}}},
	{"create_inline", invocation{args: []string{"federation", "issuers", "create", "farm-2", "https://ci2.example.com", "--keys-file", "testdata/federation_keys.json", "-o", "json"}}},
	{"create_explicit_ca", invocation{args: []string{"federation", "issuers", "create", "gitlab-eu", "https://gitlab.eu.example.com", "--jwks-url", "https://gitlab.eu.example.com/jwks", "--ca-cert-file", "testdata/federation_ca.pem", "-o", "json"}}},
	{"create_discovery_base", invocation{args: []string{"federation", "issuers", "create", "okta", "https://example.okta.com", "--discovery-base", "https://example.okta.com/oauth2/default"}}},
	{"update_resume", invocation{args: []string{"federation", "issuers", "update", "{issuer}", "--resume-polling", "--check-jti", "false"}}},
	{"usage_keys_and_url", invocation{args: []string{"federation", "issuers", "create", "x", "https://x.example.com", "--keys-file", "testdata/federation_keys.json", "--jwks-url", "https://x.example.com/k"}}},
	{"missing_keys_file", invocation{args: []string{"federation", "issuers", "create", "x", "https://x.example.com", "--keys-file", "testdata/nope.json"}}},
	{"bad_keys_file", invocation{args: []string{"federation", "issuers", "create", "x", "https://x.example.com", "--keys-file", "testdata/federation_ca.pem"}}},
	{"usage_issuer_nothing", invocation{args: []string{"federation", "issuers", "update", "{issuer}"}}},
	{"usage_rule_no_match", invocation{args: []string{"federation", "rules", "create", "r", "{issuer}", "svac_01X", "--scope", "workspace:developer", "--workspace", "{workspace}"}}},
	{"usage_rule_no_workspace", invocation{args: []string{"federation", "rules", "create", "r", "{issuer}", "svac_01X", "--scope", "workspace:developer", "--claim", "a=b"}}},
	{"usage_rule_no_scope", invocation{args: []string{"federation", "rules", "create", "r", "{issuer}", "svac_01X", "--claim", "a=b", "--all-workspaces"}}},
	{"rule_console_scope", invocation{args: []string{"federation", "rules", "create", "r", "{issuer}", "svac_01X", "--scope", "org:admin", "--all-workspaces", "--claim", "a=b"}}},
	{"rule_update_match", invocation{args: []string{"federation", "rules", "update", "{rule}", "--condition", `claims.ref == "refs/heads/main"`, "--scope", "workspace:developer,workspace:inference", "--service-account", "{sa}", "-o", "json"}}},
	{"rule_unknown_service_account", invocation{args: []string{"federation", "rules", "create", "r", "{issuer}", "svac_01X", "--scope", "workspace:developer", "--all-workspaces", "--claim", "a=b"}}},
	{"rule_archived_service_account", invocation{args: []string{"federation", "rules", "create", "r", "{issuer}", "{archived-sa}", "--scope", "workspace:developer", "--all-workspaces", "--claim", "a=b"}}},
	{"service_account_archive_live_rule", invocation{args: []string{"service-accounts", "archive", "{reporter}", "--yes"}}},
	{"issuer_archive_live_rule", invocation{args: []string{"federation", "issuers", "archive", "{issuer}", "--yes"}}},
	{"confirm_rule_archive_no", invocation{args: []string{"federation", "rules", "archive", "{rule}"}, stdin: "n\n", ttyIn: true}},
	{"confirm_rule_workspace_remove", invocation{args: []string{"federation", "rules", "workspaces", "remove", "{rule}", "{workspace}"}, stdin: "y\n", ttyIn: true}},
	{"help_rules_create", invocation{args: []string{"federation", "rules", "create", "--help"}}},
}

// TestFederationCLI compares the output of federationCases with their
// golden files.
func TestFederationCLI(t *testing.T) { runGoldenCases(t, "federation_", federationCases) }
