package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// federationCommands returns the federation group: workload identity
// federation's issuers, rules and the rules' workspaces. Every leaf needs
// an org:admin OAuth token (ANTHROPIC_ADMIN_OAUTH_TOKEN), which the API
// takes here instead of the Admin key.
func federationCommands() *command {
	issuerKeys := []flagSpec{
		{name: "discovery-base", field: "DiscoveryBase", usage: "fetch the OIDC discovery document from this `URL` rather than the issuer URL"},
		{name: "jwks-url", field: "JWKSURL", usage: "fetch the keys from this JWKS `URL` rather than through OIDC discovery"},
		{name: "keys-file", field: "KeysFile", usage: "use the keys of this JWKS `file` ({\"keys\": [...]}); nothing is fetched"},
		{name: "ca-cert-file", field: "CACertFile", usage: "verify the TLS of the key fetch with the CA certificate of this PEM `file`"},
		{name: "check-jti", field: "CheckJTI", usage: "enforce single use of the jti claim", values: []string{"true", "false"}},
		{name: "max-jwt-lifetime", field: "MaxJWTLifetime", usage: "the longest iat to exp spread accepted, in `seconds` (1 to 176400)"},
	}
	ruleMatch := []flagSpec{
		{name: "subject-prefix", field: "SubjectPrefix", usage: "the sub claim must equal this `value`, or start with it if it ends with *"},
		{name: "claim", field: "Claims", usage: "a `claim=value` the token must carry; repeatable"},
		{name: "condition", field: "Condition", usage: "a CEL `expression` over claims that must be true"},
		{name: "audience", field: "Audience", usage: "the aud claim must contain this `value`"},
	}
	scopes := "OAuth callers may set the scopes " + join(oauthScopes, " and ") + " only."
	return group("federation", "Workload identity federation (needs ANTHROPIC_ADMIN_OAUTH_TOKEN).",
		group("issuers", "The OIDC issuers whose tokens the organization trusts.",
			&command{name: "list", op: admin.OpListFederationIssuers, oauth: true, summary: "List federation issuers, oldest first.",
				examples: []string{"anthropic-admin federation issuers list --include-archived"},
				flags:    []flagSpec{{name: "include-archived", field: "IncludeArchived", usage: "include archived issuers"}},
				do:       list0((*admin.FederationIssuersService).Pages, issuerView())},
			&command{name: "get", op: admin.OpGetFederationIssuer, oauth: true, summary: "Show a federation issuer, archived or not.", args: []string{"<issuer-id>"},
				examples: []string{"anthropic-admin federation issuers get fdis_01Mc7Yr2Kq9Bw4Tn8Hs3LxVz"},
				do:       call1((*admin.FederationIssuersService).Get, issuerView())},
			&command{name: "create", op: admin.OpCreateFederationIssuer, oauth: true, summary: "Register an OIDC issuer.", args: []string{"<name>", "<issuer-url>"},
				examples: []string{"anthropic-admin federation issuers create github-actions https://token.actions.githubusercontent.com", "anthropic-admin federation issuers create buildkite https://agent.buildkite.com --jwks-url https://agent.buildkite.com/.well-known/jwks --max-jwt-lifetime 600"},
				details: "The keys come through OIDC discovery at <issuer-url> (an https URL) unless --discovery-base,\n" +
					"--jwks-url or --keys-file says otherwise. <name> is lower-case letters, digits and hyphens.",
				flags: issuerKeys,
				do:    object(createIssuer, issuerView())},
			&command{name: "update", op: admin.OpUpdateFederationIssuer, oauth: true, summary: "Change a federation issuer.", args: []string{"<issuer-id>"},
				examples: []string{"anthropic-admin federation issuers update fdis_01Mc7Yr2Kq9Bw4Tn8Hs3LxVz --resume-polling", "anthropic-admin federation issuers update fdis_01Mc7Yr2Kq9Bw4Tn8Hs3LxVz --max-jwt-lifetime 7200"},
				details: "Any of --discovery-base, --jwks-url, --keys-file and --ca-cert-file replaces the whole key\n" +
					"configuration (--ca-cert-file alone means OIDC discovery).",
				flags: append([]flagSpec{
					{name: "name", field: "Name", usage: "the new `name`"},
					{name: "issuer-url", field: "IssuerURL", usage: "the new iss claim `URL`"},
					{name: "resume-polling", field: "ResumePolling", usage: "resume the key polling Anthropic paused after repeated failures"},
				}, issuerKeys...),
				do: object(updateIssuer, issuerView())},
			&command{name: "archive", op: admin.OpArchiveFederationIssuer, oauth: true, summary: "Archive a federation issuer (its rules must be archived first).", args: []string{"<issuer-id>"},
				examples: []string{"anthropic-admin federation issuers archive fdis_01Mc7Yr2Kq9Bw4Tn8Hs3LxVz --dry-run"},
				confirm:  ask("Archive federation issuer %s? It cannot be changed or used by new rules afterwards.", issuerAt(0)),
				do:       call1((*admin.FederationIssuersService).Archive, issuerView())},
		),
		group("rules", "The rules that exchange an issuer's tokens for access tokens of a service account.",
			&command{name: "list", op: admin.OpListFederationRules, oauth: true, summary: "List federation rules, oldest first.",
				examples: []string{"anthropic-admin federation rules list --issuer fdis_01Mc7Yr2Kq9Bw4Tn8Hs3LxVz"},
				flags: []flagSpec{
					{name: "issuer", field: "IssuerID", usage: "only the rules of this issuer `ID`"},
					{name: "include-archived", field: "IncludeArchived", usage: "include archived rules"},
				},
				do: list0((*admin.FederationRulesService).Pages, ruleView())},
			&command{name: "get", op: admin.OpGetFederationRule, oauth: true, summary: "Show a federation rule, archived or not.", args: []string{"<rule-id>"},
				examples: []string{"anthropic-admin federation rules get fdrl_01Dv5Nk8Rq3Wz7Hb2Tc9LsPx"},
				do:       call1((*admin.FederationRulesService).Get, ruleView())},
			&command{name: "create", op: admin.OpCreateFederationRule, oauth: true, summary: "Create a federation rule.",
				examples: []string{"anthropic-admin federation rules create release fdis_01Mc7Yr2Kq9Bw4Tn8Hs3LxVz svac_01Hb3nQ8wF5kLp2tRzXc7VdM --scope workspace:developer --workspace wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L --subject-prefix 'repo:example-org/release:ref:refs/tags/*'"},
				args:     []string{"<name>", "<issuer-id>", "<service-account-id>"},
				details: "Tokens of <issuer-id> that match (--subject-prefix, --claim or --condition; --audience alone is\n" +
					"not enough) are exchanged for access tokens acting as <service-account-id>, in --workspace or,\n" +
					"with --all-workspaces, in any workspace.\n" + scopes,
				flags: append([]flagSpec{
					{name: "scope", field: "Scopes", usage: "the OAuth `scopes` of the minted tokens", required: true},
					{name: "workspace", field: "WorkspaceID", usage: "enable the rule for this workspace `ID` (more with 'rules workspaces add')"},
					{name: "all-workspaces", field: "AllWorkspaces", usage: "enable the rule for every workspace, present and future"},
					{name: "description", field: "Description", usage: "a free-text `description`"},
					{name: "token-lifetime", field: "TokenLifetime", usage: "lifetime of the minted tokens in `seconds` (60 to 86400; default 3600)"},
				}, ruleMatch...),
				do: object(createRule, ruleView())},
			&command{name: "update", op: admin.OpUpdateFederationRule, oauth: true, summary: "Change a federation rule.", args: []string{"<rule-id>"},
				examples: []string{"anthropic-admin federation rules update fdrl_01Dv5Nk8Rq3Wz7Hb2Tc9LsPx --description 'Main branch deploys' --all-workspaces true"},
				details: "Any of --subject-prefix, --claim, --condition and --audience replaces the whole match.\n" +
					"--workspace replaces the rule's only workspace.\n" + scopes,
				flags: append([]flagSpec{
					{name: "name", field: "Name", usage: "the new `name`"},
					{name: "description", field: "Description", usage: "the new `description` (\"\" clears it)"},
					{name: "service-account", field: "ServiceAccountID", usage: "act as this service account `ID`"},
					{name: "scope", field: "Scopes", usage: "the new OAuth `scopes` of the minted tokens"},
					{name: "token-lifetime", field: "TokenLifetime", usage: "lifetime of the minted tokens in `seconds` (60 to 86400)"},
					{name: "workspace", field: "WorkspaceID", usage: "enable the rule for this workspace `ID` instead of its only one"},
					{name: "all-workspaces", field: "AllWorkspaces", usage: "whether the rule is enabled for every workspace", values: []string{"true", "false"}},
				}, ruleMatch...),
				do: object(updateRule, ruleView())},
			&command{name: "archive", op: admin.OpArchiveFederationRule, oauth: true, summary: "Archive a federation rule: token exchange through it stops.", args: []string{"<rule-id>"},
				examples: []string{"anthropic-admin federation rules archive fdrl_01Dv5Nk8Rq3Wz7Hb2Tc9LsPx --dry-run"},
				confirm:  ask("Archive federation rule %s? Token exchange through it stops at once, and this cannot be undone.", ruleAt(0)),
				do:       call1((*admin.FederationRulesService).Archive, ruleView())},
			group("workspaces", "The workspaces a federation rule is enabled for.",
				&command{name: "list", op: admin.OpListFederationRuleWorkspaces, oauth: true, summary: "List the workspaces a rule is enabled for.", args: []string{"<rule-id>"},
					examples: []string{"anthropic-admin federation rules workspaces list fdrl_01Dv5Nk8Rq3Wz7Hb2Tc9LsPx"},
					do:       list1((*admin.FederationRuleWorkspacesService).Pages, ruleWorkspaceView())},
				&command{name: "add", op: admin.OpAddFederationRuleWorkspace, oauth: true, summary: "Enable a rule for a workspace (again is no error).", args: []string{"<rule-id>", "<workspace-id>"},
					examples: []string{"anthropic-admin federation rules workspaces add fdrl_01Dv5Nk8Rq3Wz7Hb2Tc9LsPx wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L"},
					do:       object(addRuleWorkspace, ruleWorkspaceView())},
				&command{name: "remove", op: admin.OpRemoveFederationRuleWorkspace, oauth: true, summary: "Disable a rule for a workspace.", args: []string{"<rule-id>", "<workspace-id>"},
					examples: []string{"anthropic-admin federation rules workspaces remove fdrl_01Dv5Nk8Rq3Wz7Hb2Tc9LsPx wrkspc_01Jx7DkP2sN9vQwR4tYbZc8L --yes"},
					confirm:  ask("Disable federation rule %s for workspace %s?", ruleAt(0), argAt(1)),
					do:       call2((*admin.FederationRuleWorkspacesService).Remove, ruleWorkspaceDeletedView())},
			),
		),
	)
}

// oauthScopes are the scopes an OAuth caller may give a federation rule
// (the API's rule; other scopes need a Console session).
var oauthScopes = []string{"workspace:developer", "workspace:inference"}

// The views of federation.

// issuerView prints a federation issuer.
func issuerView() view[admin.FederationIssuer] {
	return fieldView[admin.FederationIssuer]("id", "name", "issuer_url", "jwks.type", "check_jti",
		"max_jwt_lifetime_seconds", "jwks_polling_disabled_at", "created_at", "archived_at")
}

func ruleWorkspaceView() view[admin.FederationRuleWorkspace] {
	return fieldView[admin.FederationRuleWorkspace]("federation_rule_id", "workspace_id", "workspace_name", "created_at")
}

func ruleWorkspaceDeletedView() view[admin.FederationRuleWorkspaceDeleted] {
	return fieldView[admin.FederationRuleWorkspaceDeleted]("federation_rule_id", "workspace_id", "type")
}

// ruleView prints a rule with its match summed up in one column.
func ruleView() view[admin.FederationRule] {
	return flat(append(fields[admin.FederationRule]("id", "name", "issuer_name", "target.service_account_id", "oauth_scope"),
		col("match", matchSummary),
		field[admin.FederationRule]("token_lifetime_seconds"),
		field[admin.FederationRule]("applies_to_all_workspaces"),
		field[admin.FederationRule]("workspace_ids"),
		field[admin.FederationRule]("archived_at"))...)
}

// matchSummary sums up a rule's match: its matchers in the order sub,
// claims, condition, aud, separated by "; ".
func matchSummary(r admin.FederationRule) string {
	m := r.Match
	var parts []string
	if m.SubjectPrefix != nil {
		parts = append(parts, "sub="+*m.SubjectPrefix)
	}
	keys := make([]string, 0, len(m.Claims))
	for k := range m.Claims {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		parts = append(parts, k+"="+m.Claims[k])
	}
	if m.Condition != nil {
		parts = append(parts, "if "+*m.Condition)
	}
	if m.Audience != nil {
		parts = append(parts, "aud="+*m.Audience)
	}
	return strings.Join(parts, "; ")
}

// issuerKeyParams are the flags of an issuer's key configuration.
type issuerKeyParams struct {
	DiscoveryBase string
	JWKSURL       string
	KeysFile      string
	CACertFile    string
	// CheckJTI is "true", "false" or "" (unset).
	CheckJTI string
	// MaxJWTLifetime is 0 when unset.
	MaxJWTLifetime int
}

// jwks returns the key configuration the flags describe, or nil when
// none of them is set.
func (p *issuerKeyParams) jwks() (*admin.JWKS, error) {
	if p.KeysFile != "" && (p.JWKSURL != "" || p.DiscoveryBase != "" || p.CACertFile != "") {
		return nil, usageErrorf("--keys-file excludes --jwks-url, --discovery-base and --ca-cert-file: inline keys are not fetched")
	}
	if p.JWKSURL != "" && p.DiscoveryBase != "" {
		return nil, usageErrorf("--jwks-url and --discovery-base exclude each other")
	}
	var j admin.JWKS
	switch {
	case p.KeysFile != "":
		keys, err := readKeys(p.KeysFile)
		if err != nil {
			return nil, err
		}
		j = admin.JWKS{Type: admin.JWKSTypeInline, Keys: keys}
	case p.JWKSURL != "":
		j = admin.JWKS{Type: admin.JWKSTypeExplicitURL, URL: &p.JWKSURL}
	case p.DiscoveryBase != "" || p.CACertFile != "":
		j = admin.JWKS{Type: admin.JWKSTypeDiscovery}
		if p.DiscoveryBase != "" {
			j.DiscoveryBase = &p.DiscoveryBase
		}
	default:
		return nil, nil
	}
	if p.CACertFile != "" {
		pem, err := os.ReadFile(p.CACertFile)
		if err != nil {
			return nil, fmt.Errorf("--ca-cert-file: %w", err)
		}
		j.CACertPEM = admin.Ptr(string(pem))
	}
	return &j, nil
}

// readKeys returns the keys of a JWKS document.
func readKeys(path string) ([]map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--keys-file: %w", err)
	}
	var doc struct {
		Keys []map[string]any `json:"keys"`
	}
	if err := json.Unmarshal(b, &doc); err != nil || len(doc.Keys) == 0 {
		return nil, fmt.Errorf("--keys-file: %s is not a JWKS document with keys ({\"keys\": [...]})", path)
	}
	return doc.Keys, nil
}

// optBool returns the value of a true/false flag, nil when unset.
func optBool(s string) *bool {
	if s == "" {
		return nil
	}
	return admin.Ptr(s == "true")
}

// optInt64 returns the value of a number flag, nil when unset (0).
func optInt64(n int) *int64 {
	if n == 0 {
		return nil
	}
	return admin.Ptr(int64(n))
}

// createIssuer registers the issuer args[0] of the iss URL args[1].
func createIssuer(ctx context.Context, c *admin.Client, args []string, p *issuerKeyParams) (*admin.FederationIssuer, error) {
	j, err := p.jwks()
	if err != nil {
		return nil, err
	}
	return c.FederationIssuers.Create(ctx, admin.CreateFederationIssuerRequest{
		Name: args[0], IssuerURL: args[1], JWKS: j, CheckJTI: optBool(p.CheckJTI), MaxJWTLifetimeSeconds: optInt64(p.MaxJWTLifetime),
	})
}

// updateIssuerParams are the flags of federation issuers update.
type updateIssuerParams struct {
	issuerKeyParams
	Name          *string
	IssuerURL     *string
	ResumePolling bool
}

// updateIssuer changes the issuer args[0] as the flags say.
func updateIssuer(ctx context.Context, c *admin.Client, args []string, p *updateIssuerParams) (*admin.FederationIssuer, error) {
	j, err := p.jwks()
	if err != nil {
		return nil, err
	}
	body := admin.UpdateFederationIssuerRequest{
		Name: p.Name, IssuerURL: p.IssuerURL, JWKS: j, CheckJTI: optBool(p.CheckJTI), MaxJWTLifetimeSeconds: optInt64(p.MaxJWTLifetime),
	}
	if p.ResumePolling {
		body.JWKSPollingDisabled = admin.Ptr(false)
	}
	if body == (admin.UpdateFederationIssuerRequest{}) {
		return nil, usageErrorf("nothing to change: give at least one flag")
	}
	return c.FederationIssuers.Update(ctx, args[0], body)
}

// ruleMatchParams are the flags of a rule's match.
type ruleMatchParams struct {
	SubjectPrefix *string
	Claims        map[string]string
	Condition     *string
	Audience      *string
}

// match returns the match the flags describe, or nil when none is set.
func (p *ruleMatchParams) match() *admin.FederationRuleMatch {
	m := admin.FederationRuleMatch{SubjectPrefix: p.SubjectPrefix, Claims: p.Claims, Condition: p.Condition, Audience: p.Audience}
	if m.SubjectPrefix == nil && m.Claims == nil && m.Condition == nil && m.Audience == nil {
		return nil
	}
	return &m
}

// createRuleParams are the flags of federation rules create.
type createRuleParams struct {
	ruleMatchParams
	Scopes        []string
	WorkspaceID   *string
	AllWorkspaces bool
	Description   *string
	TokenLifetime int
}

// createRule creates the rule args[0] for the issuer args[1], acting as
// the service account args[2].
func createRule(ctx context.Context, c *admin.Client, args []string, p *createRuleParams) (*admin.FederationRule, error) {
	m := p.match()
	if m == nil {
		return nil, usageErrorf("give --subject-prefix, --claim or --condition: which tokens does the rule accept?")
	}
	if p.WorkspaceID == nil && !p.AllWorkspaces {
		return nil, usageErrorf("give --workspace or --all-workspaces")
	}
	body := admin.CreateFederationRuleRequest{
		Name: args[0], IssuerID: args[1], Match: *m, OAuthScope: strings.Join(p.Scopes, " "),
		Target:      admin.FederationRuleTarget{Type: admin.FederationRuleTargetTypeServiceAccount, ServiceAccountID: args[2]},
		WorkspaceID: p.WorkspaceID, Description: p.Description, TokenLifetimeSeconds: optInt64(p.TokenLifetime),
	}
	if p.AllWorkspaces {
		body.AppliesToAllWorkspaces = admin.Ptr(true)
	}
	return c.FederationRules.Create(ctx, body)
}

// updateRuleParams are the flags of federation rules update.
type updateRuleParams struct {
	ruleMatchParams
	Name             *string
	Description      *string
	ServiceAccountID string
	Scopes           []string
	TokenLifetime    int
	WorkspaceID      *string
	// AllWorkspaces is "true", "false" or "" (unset).
	AllWorkspaces string
}

// updateRule changes the rule args[0] as the flags say.
func updateRule(ctx context.Context, c *admin.Client, args []string, p *updateRuleParams) (*admin.FederationRule, error) {
	body := admin.UpdateFederationRuleRequest{
		Name: p.Name, Description: p.Description, Match: p.match(), TokenLifetimeSeconds: optInt64(p.TokenLifetime),
		WorkspaceID: p.WorkspaceID, AppliesToAllWorkspaces: optBool(p.AllWorkspaces),
	}
	if p.ServiceAccountID != "" {
		body.Target = &admin.FederationRuleTarget{Type: admin.FederationRuleTargetTypeServiceAccount, ServiceAccountID: p.ServiceAccountID}
	}
	if p.Scopes != nil {
		body.OAuthScope = admin.Ptr(strings.Join(p.Scopes, " "))
	}
	if body == (admin.UpdateFederationRuleRequest{}) {
		return nil, usageErrorf("nothing to change: give at least one flag")
	}
	return c.FederationRules.Update(ctx, args[0], body)
}

// addRuleWorkspace enables the rule args[0] for the workspace args[1].
func addRuleWorkspace(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.FederationRuleWorkspace, error) {
	return c.FederationRuleWorkspaces.Add(ctx, args[0], admin.AddFederationRuleWorkspaceRequest{WorkspaceID: args[1]})
}

// issuerAt describes the federation issuer named by argument i.
func issuerAt(i int) describer {
	return describe(i, (*admin.FederationIssuersService).Get, func(v *admin.FederationIssuer) string {
		return fmt.Sprintf("%q (%s, %s)", v.Name, v.ID, v.IssuerURL)
	})
}

// ruleAt describes the federation rule named by argument i.
func ruleAt(i int) describer {
	return describe(i, (*admin.FederationRulesService).Get, func(v *admin.FederationRule) string {
		return fmt.Sprintf("%q (%s, issuer %s)", v.Name, v.ID, v.IssuerName)
	})
}
