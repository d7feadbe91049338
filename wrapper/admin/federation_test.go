package admin_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// exerciseFederation calls every operation of workload identity federation
// through c, against srv, and checks the results; TestEveryOperation calls
// it so that its check that every operation was called covers them.
// workspaceID is an active workspace.
func exerciseFederation(t *testing.T, srv *admintest.Server, c *admin.Client, workspaceID string) {
	t.Helper()
	ctx := context.Background()

	// Issuers.
	gh := must(c.FederationIssuers.Create(ctx, admin.CreateFederationIssuerRequest{Name: "github-actions", IssuerURL: "https://token.actions.githubusercontent.com"}))
	if gh.JWKS.Type != admin.JWKSTypeDiscovery || !gh.CheckJTI || gh.MaxJWTLifetimeSeconds != 3600 || gh.ArchivedAt != nil || gh.CreatedByActorID != admintest.OAuthActorID {
		t.Errorf("FederationIssuers.Create = %+v", gh)
	}
	farm := must(c.FederationIssuers.Create(ctx, admin.CreateFederationIssuerRequest{
		Name: "build-farm", IssuerURL: "https://ci.example.com", MaxJWTLifetimeSeconds: admin.Ptr[int64](600),
		JWKS: &admin.JWKS{Type: admin.JWKSTypeInline, Keys: []map[string]any{{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}}},
	}))
	if got := must(c.FederationIssuers.Get(ctx, farm.ID)); !equal(*farm, *got) || got.JWKS.Keys[0]["kty"] != "OKP" {
		t.Errorf("FederationIssuers.Get: %s", diff(*farm, *got))
	}
	renamed := must(c.FederationIssuers.Update(ctx, farm.ID, admin.UpdateFederationIssuerRequest{Name: admin.Ptr("farm"), CheckJTI: admin.Ptr(false)}))
	if renamed.Name != "farm" || renamed.CheckJTI || renamed.MaxJWTLifetimeSeconds != 600 || renamed.JWKS.Type != admin.JWKSTypeInline {
		t.Errorf("FederationIssuers.Update = %+v", renamed)
	}
	if _, err := c.FederationIssuers.Update(ctx, farm.ID, admin.UpdateFederationIssuerRequest{Name: admin.Ptr("github-actions")}); !errors.Is(err, admin.ErrConflict) {
		t.Errorf("renaming to a taken name: err = %v, want ErrConflict", err)
	}
	if l := must(c.FederationIssuers.List(ctx, &admin.ListFederationIssuersParams{Limit: 1})); len(l.Data) != 1 || l.Data[0].ID != gh.ID || l.NextPage == nil {
		t.Errorf("FederationIssuers.List = %+v", l)
	}
	if got := collect(t, c.FederationIssuers.All(ctx, &admin.ListFederationIssuersParams{Limit: 1})); len(got) != 2 || got[1].Name != "farm" {
		t.Errorf("FederationIssuers.All = %+v", got)
	}

	// Rules, which must target an existing service account.
	deployer := must(srv.AddServiceAccount(admintest.ServiceAccountSeed{Name: "federation-deployer"}))
	if _, err := c.FederationRules.Create(ctx, admin.CreateFederationRuleRequest{
		Name: "deploy", IssuerID: gh.ID, OAuthScope: "workspace:developer", WorkspaceID: &workspaceID,
		Match:  admin.FederationRuleMatch{SubjectPrefix: admin.Ptr("repo:example-org/deploy:ref:refs/heads/main")},
		Target: admin.FederationRuleTarget{Type: admin.FederationRuleTargetTypeServiceAccount, ServiceAccountID: "svac_01Nope"},
	}); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("a rule for an unknown service account: err = %v, want ErrInvalidRequest", err)
	}
	rule := must(c.FederationRules.Create(ctx, admin.CreateFederationRuleRequest{
		Name: "deploy", IssuerID: gh.ID, OAuthScope: "workspace:developer", WorkspaceID: &workspaceID,
		Match:  admin.FederationRuleMatch{SubjectPrefix: admin.Ptr("repo:example-org/deploy:ref:refs/heads/main")},
		Target: admin.FederationRuleTarget{Type: admin.FederationRuleTargetTypeServiceAccount, ServiceAccountID: deployer.ID},
	}))
	if rule.IssuerName != "github-actions" || !slices.Equal(rule.WorkspaceIDs, []string{workspaceID}) || rule.TokenLifetimeSeconds != 3600 || rule.Description != "" ||
		rule.Target.ServiceAccountName == nil || *rule.Target.ServiceAccountName != "federation-deployer" {
		t.Errorf("FederationRules.Create = %+v", rule)
	}
	if _, err := c.FederationRules.Create(ctx, admin.CreateFederationRuleRequest{
		Name: "root", IssuerID: gh.ID, OAuthScope: "org:admin", AppliesToAllWorkspaces: admin.Ptr(true),
		Match:  admin.FederationRuleMatch{Claims: map[string]string{"repository_owner": "example-org"}},
		Target: admin.FederationRuleTarget{Type: admin.FederationRuleTargetTypeServiceAccount, ServiceAccountID: deployer.ID},
	}); !errors.Is(err, admin.ErrPermission) {
		t.Errorf("a rule with org:admin through OAuth: err = %v, want ErrPermission", err)
	}
	if got := must(c.FederationRules.Get(ctx, rule.ID)); !equal(*rule, *got) {
		t.Errorf("FederationRules.Get: %s", diff(*rule, *got))
	}
	up := must(c.FederationRules.Update(ctx, rule.ID, admin.UpdateFederationRuleRequest{Description: admin.Ptr("main only"), TokenLifetimeSeconds: admin.Ptr[int64](900)}))
	if up.Description != "main only" || up.TokenLifetimeSeconds != 900 || up.Name != "deploy" {
		t.Errorf("FederationRules.Update = %+v", up)
	}
	if l := must(c.FederationRules.List(ctx, &admin.ListFederationRulesParams{IssuerID: farm.ID})); len(l.Data) != 0 {
		t.Errorf("FederationRules.List of the farm = %+v", l.Data)
	}
	if got := collect(t, c.FederationRules.All(ctx, &admin.ListFederationRulesParams{IssuerID: gh.ID})); len(got) != 1 || got[0].ID != rule.ID {
		t.Errorf("FederationRules.All = %+v", got)
	}

	// The rule's workspaces.
	dflt := srv.DefaultWorkspaceID()
	added := must(c.FederationRuleWorkspaces.Add(ctx, rule.ID, admin.AddFederationRuleWorkspaceRequest{WorkspaceID: dflt}))
	if added.FederationRuleID != rule.ID || added.WorkspaceID != dflt || added.WorkspaceName != nil {
		t.Errorf("FederationRuleWorkspaces.Add = %+v", added)
	}
	wl := must(c.FederationRuleWorkspaces.List(ctx, rule.ID, &admin.ListFederationRuleWorkspacesParams{Limit: 1}))
	if len(wl.Data) != 2 || wl.NextPage != nil || deref(wl.Data[1].WorkspaceName) != "Default" {
		t.Errorf("FederationRuleWorkspaces.List = %+v", wl)
	}
	if got := collect(t, c.FederationRuleWorkspaces.All(ctx, rule.ID, nil)); len(got) != 2 || got[0].WorkspaceID != workspaceID {
		t.Errorf("FederationRuleWorkspaces.All = %+v", got)
	}
	if d := must(c.FederationRuleWorkspaces.Remove(ctx, rule.ID, dflt)); d.WorkspaceID != dflt || d.Type != admin.FederationRuleWorkspaceDeletedTypeFederationRuleWorkspaceDeleted {
		t.Errorf("FederationRuleWorkspaces.Remove = %+v", d)
	}
	if _, err := c.FederationRuleWorkspaces.Add(ctx, rule.ID, admin.AddFederationRuleWorkspaceRequest{WorkspaceID: "wrkspc_nope"}); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("enabling an unknown workspace: err = %v, want ErrNotFound", err)
	}

	// Archiving: an issuer only once its rules are archived.
	if _, err := c.FederationIssuers.Archive(ctx, gh.ID); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("archiving an issuer with a live rule: err = %v, want ErrInvalidRequest", err)
	}
	if ar := must(c.FederationRules.Archive(ctx, rule.ID)); ar.ArchivedAt == nil || len(ar.WorkspaceIDs) != 0 {
		t.Errorf("FederationRules.Archive = %+v", ar)
	}
	if ai := must(c.FederationIssuers.Archive(ctx, gh.ID)); ai.ArchivedAt == nil {
		t.Errorf("FederationIssuers.Archive = %+v", ai)
	}
	if l := must(c.FederationIssuers.List(ctx, &admin.ListFederationIssuersParams{IncludeArchived: true})); len(l.Data) != 2 {
		t.Errorf("FederationIssuers.List with archived = %d issuers, want 2", len(l.Data))
	}
}

// TestFederationNeedsOAuthToken checks that a client with only an Admin
// key refuses the OAuth-only operations before sending anything, and that
// one with only a token source can use them (and nothing else).
func TestFederationNeedsOAuthToken(t *testing.T) {
	srv, _ := newFake(t)
	ctx := context.Background()
	keyOnly, err := admin.NewClient(srv.AdminKey(), admin.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	calls := map[admin.Operation]func() error{
		admin.OpListFederationIssuers: func() error { _, err := keyOnly.FederationIssuers.List(ctx, nil); return err },
		admin.OpCreateFederationRule: func() error {
			_, err := keyOnly.FederationRules.Create(ctx, admin.CreateFederationRuleRequest{Name: "r", IssuerID: "fdis_1", OAuthScope: "workspace:developer"})
			return err
		},
		admin.OpRemoveFederationRuleWorkspace: func() error { _, err := keyOnly.FederationRuleWorkspaces.Remove(ctx, "fdrl_1", "wrkspc_1"); return err },
	}
	for op, call := range calls {
		if err := call(); !errors.Is(err, admin.ErrMissingCredential) || !strings.Contains(err.Error(), "WithTokenSource") {
			t.Errorf("%s with an Admin key only: err = %v, want ErrMissingCredential naming WithTokenSource", op, err)
		}
		if n := srv.Calls(op); n != 0 {
			t.Errorf("%s: the fake saw %d calls, want none", op, n)
		}
	}

	tokenOnly, err := admin.NewClient("", admin.WithBaseURL(srv.URL), admin.WithTokenSource(srv.TokenSource()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tokenOnly.FederationIssuers.List(ctx, nil); err != nil {
		t.Errorf("FederationIssuers.List with a token: %v", err)
	}
	if _, err := tokenOnly.Users.List(ctx, nil); !errors.Is(err, admin.ErrMissingCredential) {
		t.Errorf("Users.List with a token only: err = %v, want ErrMissingCredential", err)
	}
}

// TestFederationTokenExpiry checks that an expired token from a static
// source is refused by the fake with 401, and that the fake's own source,
// asked on every request, keeps working as the clock moves.
func TestFederationTokenExpiry(t *testing.T) {
	srv, c := newFake(t)
	ctx := context.Background()
	tok := srv.IssueOAuthToken(time.Minute)
	static, err := admin.NewClient("", admin.WithBaseURL(srv.URL), admin.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok})), admin.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := static.FederationRules.List(ctx, nil); err != nil {
		t.Fatalf("with a fresh token: %v", err)
	}
	srv.Advance(2 * time.Minute)
	if _, err := static.FederationRules.List(ctx, nil); !errors.Is(err, admin.ErrAuthentication) {
		t.Errorf("with an expired token: err = %v, want ErrAuthentication", err)
	}
	if _, err := c.FederationRules.List(ctx, nil); err != nil {
		t.Errorf("with the fake's refreshing source: %v", err)
	}
}
