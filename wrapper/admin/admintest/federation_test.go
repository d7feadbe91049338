package admintest

import (
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// testCert is a PEM block of type CERTIFICATE; the fake checks the PEM
// framing of ca_cert_pem, not the certificate.
const testCert = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUZmFrZQ==\n-----END CERTIFICATE-----\n"

// oauthFailsWith sends a request with an OAuth token that must fail with the
// status and error type, and a message containing want.
func (f *fake) oauthFailsWith(method, path string, body any, status int, errType, want string) {
	f.t.Helper()
	r := f.oauth(method, path, body)
	e := r.err()
	if r.status != status || e.Error.Type != errType || !strings.Contains(e.Error.Message, want) {
		f.t.Errorf("%s %s %v: got %d %s %q, want %d %s containing %q", method, path, body, r.status, e.Error.Type, e.Error.Message, status, errType, want)
	}
}

const (
	issuersPath = "/v1/organizations/federation_issuers"
	rulesPath   = "/v1/organizations/federation_rules"
)

// obj is a JSON object of a request body.
type obj = map[string]any

func TestFederationNeedsOAuth(t *testing.T) {
	f := newFake(t)
	for _, p := range []string{issuersPath, rulesPath, rulesPath + "/fdrl_x/workspaces"} {
		r := f.do("GET", p, nil) // the Admin key
		if e := r.err(); r.status != http.StatusForbidden || e.Error.Type != errPermission || !strings.Contains(e.Error.Message, "OAuth") {
			t.Errorf("GET %s with the Admin key: %d %s %q, want 403 naming the OAuth token", p, r.status, e.Error.Type, e.Error.Message)
		}
	}
	if l := oauthOK[gen.FederationIssuerList](f, "GET", issuersPath, nil); len(l.Data) != 0 || l.NextPage != nil {
		t.Errorf("empty issuer list = %+v", l)
	}
}

func TestFederationIssuerLifecycle(t *testing.T) {
	f := newFake(t)
	gh := oauthOK[gen.FederationIssuer](f, "POST", issuersPath, obj{"name": "github-actions", "issuer_url": "https://token.actions.githubusercontent.com"})
	want := gen.FederationIssuer{
		ID: gh.ID, Type: gen.FederationIssuerTypeFederationIssuer, Name: "github-actions",
		IssuerURL: "https://token.actions.githubusercontent.com", JWKS: gen.JWKS{Type: gen.JWKSTypeDiscovery},
		CheckJTI: true, MaxJWTLifetimeSeconds: 3600,
		CreatedAt: t0, CreatedByActorID: OAuthActorID, UpdatedAt: t0, UpdatedByActorID: OAuthActorID,
	}
	if diff := cmp.Diff(want, gh); diff != "" || !strings.HasPrefix(gh.ID, "fdis_01") {
		t.Errorf("created issuer %s (-want +got):\n%s", gh.ID, diff)
	}
	if got := oauthOK[gen.FederationIssuer](f, "GET", issuersPath+"/"+gh.ID, nil); !cmp.Equal(gh, got) {
		t.Errorf("get = %+v", got)
	}

	url := oauthOK[gen.FederationIssuer](f, "POST", issuersPath, obj{"name": "gitlab", "issuer_url": "https://gitlab.example.com",
		"jwks":      obj{"type": "explicit_url", "url": "https://gitlab.example.com/oauth/discovery/keys", "ca_cert_pem": testCert},
		"check_jti": false, "max_jwt_lifetime_seconds": 600})
	if url.JWKS.Type != gen.JWKSTypeExplicitURL || *url.JWKS.URL != "https://gitlab.example.com/oauth/discovery/keys" || *url.JWKS.CACertPEM != testCert || url.CheckJTI || url.MaxJWTLifetimeSeconds != 600 {
		t.Errorf("explicit_url issuer = %+v", url)
	}
	key := obj{"kty": "OKP", "crv": "Ed25519", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo", "ext": obj{"nested": []any{1.0, "a"}}}
	in := oauthOK[gen.FederationIssuer](f, "POST", issuersPath, obj{"name": "ci", "issuer_url": "http://ci.internal",
		"jwks": obj{"type": "inline", "keys": []any{key}}})
	if diff := cmp.Diff([]map[string]any{key}, in.JWKS.Keys); in.JWKS.Type != gen.JWKSTypeInline || diff != "" {
		t.Errorf("inline keys (-want +got):\n%s", diff)
	}

	// Refusals of create.
	for _, c := range []struct {
		body         obj
		status       int
		errType, msg string
	}{
		{obj{"name": "github-actions", "issuer_url": "https://other.example.com"}, 409, errConflict, "already exists"},
		{obj{"name": "Upper", "issuer_url": "https://a.example.com"}, 400, errInvalidRequest, "name"},
		{obj{"name": "x", "issuer_url": "not a url"}, 400, errInvalidRequest, "issuer_url"},
		{obj{"name": "x", "issuer_url": "http://plain.example.com"}, 400, errInvalidRequest, "https URL for OIDC discovery"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "discovery", "url": "https://a.example.com/k"}}, 400, errInvalidRequest, "jwks.url: is only for jwks of type explicit_url"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "discovery", "discovery_base": "http://a.example.com"}}, 400, errInvalidRequest, "jwks.discovery_base"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "explicit_url"}}, 400, errInvalidRequest, "jwks.url: an https URL is required"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "explicit_url", "url": "https://a.example.com/k", "keys": []any{key}}}, 400, errInvalidRequest, "jwks.keys: is only for"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "explicit_url", "url": "https://a.example.com/k", "ca_cert_pem": "junk"}}, 400, errInvalidRequest, "jwks.ca_cert_pem"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "inline"}}, 400, errInvalidRequest, "jwks.keys: at least one key"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "inline", "keys": []any{obj{"kid": "k"}}}}, 400, errInvalidRequest, "jwks.keys.0: a JSON Web Key needs a kty"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "inline", "keys": []any{key}, "ca_cert_pem": testCert}}, 400, errInvalidRequest, "inline keys are not fetched"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "jwks": obj{"type": "jwks_uri"}}, 400, errInvalidRequest, "jwks.type"},
		{obj{"name": "x", "issuer_url": "https://a.example.com", "max_jwt_lifetime_seconds": 176401}, 400, errInvalidRequest, "max_jwt_lifetime_seconds"},
	} {
		f.oauthFailsWith("POST", issuersPath, c.body, c.status, c.errType, c.msg)
	}

	// Updates: absent fields stay, jwks is replaced whole.
	f.Advance(time.Minute)
	up := oauthOK[gen.FederationIssuer](f, "POST", issuersPath+"/"+url.ID, obj{"name": "gitlab-prod", "jwks": obj{"type": "discovery"}, "check_jti": true})
	if up.Name != "gitlab-prod" || up.JWKS.Type != gen.JWKSTypeDiscovery || up.JWKS.URL != nil || up.JWKS.CACertPEM != nil || !up.CheckJTI ||
		up.MaxJWTLifetimeSeconds != 600 || !up.UpdatedAt.Equal(t0.Add(time.Minute)) || !up.CreatedAt.Equal(t0) {
		t.Errorf("updated issuer = %+v", up)
	}
	f.oauthFailsWith("POST", issuersPath+"/"+url.ID, obj{"name": "github-actions"}, 409, errConflict, "already exists")
	f.oauthFailsWith("POST", issuersPath+"/"+in.ID, obj{"jwks": obj{"type": "discovery"}}, 400, errInvalidRequest, "https URL for OIDC discovery")
	f.oauthFailsWith("POST", issuersPath+"/"+in.ID, obj{"jwks_polling_disabled": true}, 400, errInvalidRequest, "only false")
	f.oauthFailsWith("POST", issuersPath+"/"+in.ID, obj{}, 400, errInvalidRequest, "")
	f.oauthFailsWith("POST", issuersPath+"/fdis_nope", obj{"name": "n"}, 404, errNotFound, "fdis_nope")

	// An issuer with a live rule cannot be archived.
	ws := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	sa := seedSA(t, f, "deploy-bot")
	rule := oauthOK[gen.FederationRule](f, "POST", rulesPath, ruleBody(gh.ID, "deploy", ws.ID, sa))
	f.oauthFailsWith("POST", issuersPath+"/"+gh.ID+"/archive", nil, 400, errInvalidRequest, rule.ID)
	oauthOK[gen.FederationRule](f, "POST", rulesPath+"/"+rule.ID+"/archive", nil)
	arch := oauthOK[gen.FederationIssuer](f, "POST", issuersPath+"/"+gh.ID+"/archive", nil)
	if arch.ArchivedAt == nil || !arch.ArchivedAt.Equal(t0.Add(time.Minute)) || *arch.ArchivedByActorID != OAuthActorID {
		t.Errorf("archived issuer = %+v", arch)
	}
	f.Advance(time.Hour)
	if again := oauthOK[gen.FederationIssuer](f, "POST", issuersPath+"/"+gh.ID+"/archive", nil); !cmp.Equal(arch, again) {
		t.Errorf("archiving again changed the issuer: %+v", again)
	}
	f.oauthFailsWith("POST", issuersPath+"/"+gh.ID, obj{"check_jti": false}, 400, errInvalidRequest, "archived")
	f.oauthFailsWith("POST", rulesPath, ruleBody(gh.ID, "deploy-2", ws.ID, sa), 400, errInvalidRequest, "is archived")
	// Its name is free again.
	oauthOK[gen.FederationIssuer](f, "POST", issuersPath, obj{"name": "github-actions", "issuer_url": "https://token.actions.githubusercontent.com"})

	// Lists: oldest first, archived ones on request, page by page.
	names := func(q string) []string {
		var out []string
		page := ""
		for {
			path := issuersPath + "?limit=2" + q
			if page != "" {
				path += "&page=" + page
			}
			l := oauthOK[gen.FederationIssuerList](f, "GET", path, nil)
			for _, i := range l.Data {
				out = append(out, i.Name)
			}
			if l.NextPage == nil {
				return out
			}
			page = *l.NextPage
		}
	}
	if diff := cmp.Diff([]string{"gitlab-prod", "ci", "github-actions"}, names("")); diff != "" {
		t.Errorf("live issuers (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"github-actions", "gitlab-prod", "ci", "github-actions"}, names("&include_archived=true")); diff != "" {
		t.Errorf("all issuers (-want +got):\n%s", diff)
	}
	f.oauthFailsWith("GET", issuersPath+"?page=bogus", nil, 400, errInvalidRequest, "page")
}

func TestFederationIssuerPolling(t *testing.T) {
	f := newFake(t)
	paused := t0.Add(-time.Hour)
	i := must[gen.FederationIssuer](t)(f.AddFederationIssuer(FederationIssuerSeed{
		Name: "flaky", IssuerURL: "https://flaky.example.com", PollingPausedAt: &paused,
		PollStatus: &gen.FederationIssuerPollStatus{ConsecutiveFailures: 12, LastFetchedAt: ptr(t0.Add(-48 * time.Hour))},
	}))
	got := oauthOK[gen.FederationIssuer](f, "GET", issuersPath+"/"+i.ID, nil)
	if got.JWKSPollingDisabledAt == nil || !got.JWKSPollingDisabledAt.Equal(paused) || got.PollStatus.ConsecutiveFailures != 12 || got.PollStatus.NextPollAt != nil {
		t.Errorf("seeded paused issuer = %+v", got)
	}
	resumed := oauthOK[gen.FederationIssuer](f, "POST", issuersPath+"/"+i.ID, obj{"jwks_polling_disabled": false})
	if resumed.JWKSPollingDisabledAt != nil || resumed.PollStatus.NextPollAt == nil || !resumed.PollStatus.NextPollAt.Equal(t0) {
		t.Errorf("resumed issuer = %+v", resumed)
	}
}

// ruleBody is the body of a valid new rule that targets the service
// account saID.
func ruleBody(issuerID, name, workspaceID, saID string) obj {
	return obj{
		"name": name, "issuer_id": issuerID, "oauth_scope": "workspace:developer",
		"match":        obj{"subject_prefix": "repo:example-org/deploy:ref:refs/heads/main"},
		"target":       obj{"type": "service_account", "service_account_id": saID},
		"workspace_id": workspaceID,
	}
}

// seedSA adds a service account named name and returns its ID.
func seedSA(t *testing.T, f *fake, name string) string {
	t.Helper()
	return must[gen.ServiceAccount](t)(f.AddServiceAccount(ServiceAccountSeed{Name: name})).ID
}

// with returns a copy of o with the fields of more (nil removes one).
func with(o obj, more obj) obj {
	out := obj{}
	for k, v := range o {
		out[k] = v
	}
	for k, v := range more {
		if v == nil {
			delete(out, k)
			continue
		}
		out[k] = v
	}
	return out
}

func TestFederationRuleLifecycle(t *testing.T) {
	f := newFake(t)
	gh := must[gen.FederationIssuer](t)(f.AddFederationIssuer(FederationIssuerSeed{Name: "github-actions", IssuerURL: "https://token.actions.githubusercontent.com"}))
	other := must[gen.FederationIssuer](t)(f.AddFederationIssuer(FederationIssuerSeed{Name: "other", IssuerURL: "https://other.example.com"}))
	prod := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	stage := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Staging"}))
	old := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Old"}))
	must[gen.Workspace](t)(f.ArchiveWorkspace(old.ID))
	deployer, otherSA, gone := seedSA(t, f, "deployer"), seedSA(t, f, "other-bot"), seedSA(t, f, "gone")
	must[gen.ServiceAccount](t)(f.ArchiveServiceAccount(gone))

	base := ruleBody(gh.ID, "deploy", prod.ID, deployer)
	r := oauthOK[gen.FederationRule](f, "POST", rulesPath, with(base, obj{"match": obj{"subject_prefix": "repo:o/r:*", "claims": obj{"repository_owner": "o"}, "audience": "https://example.com"}}))
	want := gen.FederationRule{
		ID: r.ID, Type: gen.FederationRuleTypeFederationRule, Name: "deploy", IssuerID: gh.ID, IssuerName: "github-actions",
		Match:      gen.FederationRuleMatch{SubjectPrefix: ptr("repo:o/r:*"), Claims: map[string]string{"repository_owner": "o"}, Audience: ptr("https://example.com")},
		Target:     gen.FederationRuleTarget{Type: gen.FederationRuleTargetTypeServiceAccount, ServiceAccountID: deployer, ServiceAccountName: ptr("deployer")},
		OAuthScope: "workspace:developer", TokenLifetimeSeconds: 3600, WorkspaceIDs: []string{prod.ID},
		CreatedAt: t0, CreatedByActorID: OAuthActorID, UpdatedAt: t0, UpdatedByActorID: OAuthActorID,
	}
	if diff := cmp.Diff(want, r); diff != "" || !strings.HasPrefix(r.ID, "fdrl_01") {
		t.Errorf("created rule %s (-want +got):\n%s", r.ID, diff)
	}
	all := oauthOK[gen.FederationRule](f, "POST", rulesPath, with(base, obj{"name": "everywhere", "workspace_id": nil, "applies_to_all_workspaces": true,
		"issuer_id": other.ID, "oauth_scope": "workspace:inference workspace:developer", "description": "all", "token_lifetime_seconds": 60}))
	if !all.AppliesToAllWorkspaces || len(all.WorkspaceIDs) != 0 || all.Description != "all" || all.TokenLifetimeSeconds != 60 || all.IssuerName != "other" {
		t.Errorf("rule for all workspaces = %+v", all)
	}

	// Refusals of create.
	fresh := with(base, obj{"name": "fresh"})
	for _, c := range []struct {
		body         obj
		status       int
		errType, msg string
	}{
		{with(fresh, obj{"issuer_id": "fdis_nope"}), 400, errInvalidRequest, `issuer_id: federation issuer "fdis_nope" not found`},
		{with(base, obj{}), 409, errConflict, "already exists"},
		{with(fresh, obj{"workspace_id": nil}), 400, errInvalidRequest, "workspace_id: is required"},
		{with(fresh, obj{"workspace_id": "wrkspc_nope"}), 400, errInvalidRequest, "not found"},
		{with(fresh, obj{"workspace_id": old.ID}), 400, errInvalidRequest, "is archived"},
		{with(fresh, obj{"target": obj{"type": "service_account", "service_account_id": "user_01X"}}), 400, errInvalidRequest, "target.service_account_id"},
		{with(fresh, obj{"target": obj{"type": "service_account", "service_account_id": "svac_01Nope"}}), 400, errInvalidRequest, `service account "svac_01Nope" not found`},
		{with(fresh, obj{"target": obj{"type": "service_account", "service_account_id": gone}}), 400, errInvalidRequest, "is archived"},
		{with(fresh, obj{"target": obj{"service_account_id": "svac_01X"}}), 400, errInvalidRequest, "type"},
		{with(fresh, obj{"match": obj{"audience": "https://example.com"}}), 400, errInvalidRequest, "audience alone"},
		{with(fresh, obj{"match": obj{"subject_prefix": "*"}}), 400, errInvalidRequest, "wildcard"},
		{with(fresh, obj{"match": obj{"condition": " true "}}), 400, errInvalidRequest, "constant-true"},
		{with(fresh, obj{"oauth_scope": "org:admin"}), 403, errPermission, "Console session"},
		{with(fresh, obj{"oauth_scope": "workspace:developer org:admin"}), 403, errPermission, `"org:admin"`},
		{with(fresh, obj{"oauth_scope": "  "}), 400, errInvalidRequest, "oauth_scope"},
		{with(fresh, obj{"token_lifetime_seconds": 59}), 400, errInvalidRequest, "token_lifetime_seconds"},
		{with(fresh, obj{"name": "Not a slug"}), 400, errInvalidRequest, "name"},
	} {
		f.oauthFailsWith("POST", rulesPath, c.body, c.status, c.errType, c.msg)
	}

	// Lists: by issuer, archived ones on request.
	ruleIDs := func(q string) []string {
		l := oauthOK[gen.FederationRuleList](f, "GET", rulesPath+q, nil)
		return ids(l.Data, func(r gen.FederationRule) string { return r.ID })
	}
	if diff := cmp.Diff([]string{r.ID, all.ID}, ruleIDs("")); diff != "" {
		t.Errorf("rules (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{all.ID}, ruleIDs("?issuer_id="+other.ID)); diff != "" {
		t.Errorf("rules of an issuer (-want +got):\n%s", diff)
	}
	if got := ruleIDs("?issuer_id=fdis_nope"); len(got) != 0 {
		t.Errorf("rules of an unknown issuer = %v", got)
	}
	l := oauthOK[gen.FederationRuleList](f, "GET", rulesPath+"?limit=1", nil)
	if len(l.Data) != 1 || l.NextPage == nil {
		t.Fatalf("first page of one = %+v", l)
	}
	f.oauthFailsWith("GET", rulesPath+"?issuer_id="+gh.ID+"&page="+*l.NextPage, nil, 400, errInvalidRequest, "page")

	// Updates.
	f.Advance(time.Minute)
	up := oauthOK[gen.FederationRule](f, "POST", rulesPath+"/"+r.ID, obj{
		"name": "deploy-main", "description": "main only", "match": obj{"condition": `claims.ref == "refs/heads/main"`},
		"target":      obj{"type": "service_account", "service_account_id": otherSA, "service_account_name": "ignored"},
		"oauth_scope": "workspace:inference", "token_lifetime_seconds": 900, "workspace_id": stage.ID,
	})
	if up.Name != "deploy-main" || up.Description != "main only" || up.Match.SubjectPrefix != nil || up.Match.Claims != nil || *up.Match.Condition != `claims.ref == "refs/heads/main"` ||
		up.Target.ServiceAccountID != otherSA || up.Target.ServiceAccountName == nil || *up.Target.ServiceAccountName != "other-bot" || up.OAuthScope != "workspace:inference" ||
		up.TokenLifetimeSeconds != 900 || !slices.Equal(up.WorkspaceIDs, []string{stage.ID}) || !up.UpdatedAt.Equal(t0.Add(time.Minute)) || up.IssuerID != gh.ID {
		t.Errorf("updated rule = %+v", up)
	}
	if cleared := oauthOK[gen.FederationRule](f, "POST", rulesPath+"/"+r.ID, obj{"description": ""}); cleared.Description != "" || cleared.Name != "deploy-main" {
		t.Errorf("cleared description = %+v", cleared)
	}
	oauthOK[gen.FederationIssuer](f, "POST", issuersPath+"/"+gh.ID, obj{"name": "gha"})
	if got := oauthOK[gen.FederationRule](f, "GET", rulesPath+"/"+r.ID, nil); got.IssuerName != "gha" {
		t.Errorf("issuer_name after the issuer's rename = %q", got.IssuerName)
	}
	f.oauthFailsWith("POST", rulesPath+"/"+r.ID, obj{"applies_to_all_workspaces": true, "match": obj{"audience": "a"}}, 400, errInvalidRequest, "audience alone")
	f.oauthFailsWith("POST", rulesPath+"/"+r.ID, obj{"name": "everywhere"}, 409, errConflict, "already exists")
	f.oauthFailsWith("POST", rulesPath+"/"+r.ID, obj{"oauth_scope": "org:admin"}, 403, errPermission, "Console session")
	f.oauthFailsWith("POST", rulesPath+"/"+r.ID, obj{"workspace_id": old.ID}, 400, errInvalidRequest, "is archived")
	f.oauthFailsWith("POST", rulesPath+"/"+r.ID, obj{"target": obj{"type": "service_account", "service_account_id": "svac_01Nope"}}, 400, errInvalidRequest, "not found")
	f.oauthFailsWith("POST", rulesPath+"/"+r.ID, obj{"target": obj{"type": "service_account", "service_account_id": gone}}, 400, errInvalidRequest, "is archived")
	f.oauthFailsWith("POST", rulesPath+"/"+all.ID, obj{"applies_to_all_workspaces": false}, 400, errInvalidRequest, "no workspace")
	if got := oauthOK[gen.FederationRule](f, "POST", rulesPath+"/"+all.ID, obj{"applies_to_all_workspaces": false, "workspace_id": prod.ID}); got.AppliesToAllWorkspaces || !slices.Equal(got.WorkspaceIDs, []string{prod.ID}) {
		t.Errorf("rule narrowed to one workspace = %+v", got)
	}
	oauthOK[gen.FederationRuleWorkspace](f, "POST", rulesPath+"/"+r.ID+"/workspaces", obj{"workspace_id": prod.ID})
	f.oauthFailsWith("POST", rulesPath+"/"+r.ID, obj{"workspace_id": prod.ID}, 400, errInvalidRequest, "enabled for 2 workspaces")
	f.oauthFailsWith("POST", rulesPath+"/fdrl_nope", obj{"name": "x"}, 404, errNotFound, "fdrl_nope")
	f.oauthFailsWith("GET", rulesPath+"/fdrl_nope", nil, 404, errNotFound, "fdrl_nope")

	// Archiving clears the workspaces, is idempotent and makes the rule
	// read-only; the name is free again.
	f.Advance(time.Minute)
	arch := oauthOK[gen.FederationRule](f, "POST", rulesPath+"/"+r.ID+"/archive", nil)
	if arch.ArchivedAt == nil || !arch.ArchivedAt.Equal(t0.Add(2*time.Minute)) || *arch.ArchivedByActorID != OAuthActorID || len(arch.WorkspaceIDs) != 0 {
		t.Errorf("archived rule = %+v", arch)
	}
	f.Advance(time.Minute)
	if again := oauthOK[gen.FederationRule](f, "POST", rulesPath+"/"+r.ID+"/archive", nil); !cmp.Equal(arch, again) {
		t.Errorf("archiving again changed the rule: %+v", again)
	}
	f.oauthFailsWith("POST", rulesPath+"/"+r.ID, obj{"description": "x"}, 400, errInvalidRequest, "archived")
	if diff := cmp.Diff([]string{all.ID}, ruleIDs("")); diff != "" {
		t.Errorf("live rules (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{r.ID, all.ID}, ruleIDs("?include_archived=true")); diff != "" {
		t.Errorf("all rules (-want +got):\n%s", diff)
	}
	oauthOK[gen.FederationRule](f, "POST", rulesPath, with(base, obj{"name": "deploy-main"}))
}

func TestFederationRuleConsoleScopes(t *testing.T) {
	f := newFake(t)
	i := must[gen.FederationIssuer](t)(f.AddFederationIssuer(FederationIssuerSeed{Name: "gha", IssuerURL: "https://token.actions.githubusercontent.com"}))
	ws := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	r := must[gen.FederationRule](t)(f.AddFederationRule(FederationRuleSeed{
		Name: "admin-bot", IssuerID: i.ID, OAuthScope: "org:admin", ServiceAccountID: seedSA(t, f, "admin-bot"),
		Match: gen.FederationRuleMatch{SubjectPrefix: ptr("repo:o/admin:ref:refs/heads/main")}, WorkspaceIDs: []string{ws.ID},
	}))
	if got := oauthOK[gen.FederationRule](f, "GET", rulesPath+"/"+r.ID, nil); got.OAuthScope != "org:admin" {
		t.Errorf("seeded rule = %+v", got)
	}
	for _, c := range []struct {
		method, path string
		body         any
	}{
		{"POST", rulesPath + "/" + r.ID, obj{"description": "x"}},
		{"POST", rulesPath + "/" + r.ID + "/archive", nil},
		{"POST", rulesPath + "/" + r.ID + "/workspaces", obj{"workspace_id": ws.ID}},
		{"DELETE", rulesPath + "/" + r.ID + "/workspaces/" + ws.ID, nil},
	} {
		f.oauthFailsWith(c.method, c.path, c.body, 403, errPermission, "only a Console session")
	}
}

func TestFederationRuleWorkspaces(t *testing.T) {
	f := newFake(t)
	i := must[gen.FederationIssuer](t)(f.AddFederationIssuer(FederationIssuerSeed{Name: "gha", IssuerURL: "https://token.actions.githubusercontent.com"}))
	prod := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	stage := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Staging"}))
	old := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Old"}))
	must[gen.Workspace](t)(f.ArchiveWorkspace(old.ID))
	r := must[gen.FederationRule](t)(f.AddFederationRule(FederationRuleSeed{
		Name: "deploy", IssuerID: i.ID, ServiceAccountID: seedSA(t, f, "deployer"),
		Match: gen.FederationRuleMatch{Claims: map[string]string{"repository_id": "42"}}, WorkspaceIDs: []string{stage.ID},
	}))
	wsPath := rulesPath + "/" + r.ID + "/workspaces"

	f.Advance(time.Minute)
	added := oauthOK[gen.FederationRuleWorkspace](f, "POST", wsPath, obj{"workspace_id": prod.ID})
	want := gen.FederationRuleWorkspace{Type: gen.FederationRuleWorkspaceTypeFederationRuleWorkspace, FederationRuleID: r.ID, WorkspaceID: prod.ID,
		CreatedAt: t0.Add(time.Minute), CreatedByActorID: ptr(OAuthActorID)}
	if diff := cmp.Diff(want, added); diff != "" {
		t.Errorf("added (-want +got):\n%s", diff)
	}
	f.Advance(time.Minute)
	if again := oauthOK[gen.FederationRuleWorkspace](f, "POST", wsPath, obj{"workspace_id": prod.ID}); !cmp.Equal(added, again) {
		t.Errorf("adding again = %+v, want the existing enablement", again)
	}
	dflt := oauthOK[gen.FederationRuleWorkspace](f, "POST", wsPath, obj{"workspace_id": f.DefaultWorkspaceID()})

	// One page whatever limit and page say, oldest first, with names.
	l := oauthOK[gen.FederationRuleWorkspaceList](f, "GET", wsPath+"?limit=1&page=anything", nil)
	if l.NextPage != nil || len(l.Data) != 3 {
		t.Fatalf("list = %+v", l)
	}
	gotNames := []string{*l.Data[0].WorkspaceName, *l.Data[1].WorkspaceName, *l.Data[2].WorkspaceName}
	if diff := cmp.Diff([]string{"Staging", "Prod", "Default"}, gotNames); diff != "" || l.Data[2].WorkspaceID != dflt.WorkspaceID {
		t.Errorf("enablement names (-want +got):\n%s", diff)
	}
	if got := oauthOK[gen.FederationRule](f, "GET", rulesPath+"/"+r.ID, nil); !slices.Equal(got.WorkspaceIDs, []string{stage.ID, prod.ID, dflt.WorkspaceID}) {
		t.Errorf("rule workspace_ids = %v", got.WorkspaceIDs)
	}

	f.oauthFailsWith("POST", wsPath, obj{"workspace_id": "wrkspc_nope"}, 404, errNotFound, "wrkspc_nope")
	f.oauthFailsWith("POST", wsPath, obj{"workspace_id": old.ID}, 400, errInvalidRequest, "is archived")
	f.oauthFailsWith("POST", rulesPath+"/fdrl_nope/workspaces", obj{"workspace_id": prod.ID}, 404, errNotFound, "fdrl_nope")
	f.oauthFailsWith("GET", rulesPath+"/fdrl_nope/workspaces", nil, 404, errNotFound, "fdrl_nope")
	f.oauthFailsWith("DELETE", rulesPath+"/fdrl_nope/workspaces/"+prod.ID, nil, 404, errNotFound, "fdrl_nope")

	// Removing is idempotent.
	for range 2 {
		d := oauthOK[gen.FederationRuleWorkspaceDeleted](f, "DELETE", wsPath+"/"+prod.ID, nil)
		if d.Type != gen.FederationRuleWorkspaceDeletedTypeFederationRuleWorkspaceDeleted || d.FederationRuleID != r.ID || d.WorkspaceID != prod.ID {
			t.Errorf("removed = %+v", d)
		}
	}
	oauthOK[gen.FederationRuleWorkspaceDeleted](f, "DELETE", wsPath+"/wrkspc_never", nil)
	if l := oauthOK[gen.FederationRuleWorkspaceList](f, "GET", wsPath, nil); len(l.Data) != 2 || l.Data[0].WorkspaceID != stage.ID {
		t.Errorf("list after removal = %+v", l.Data)
	}

	// An archived rule has no workspaces and takes no changes.
	oauthOK[gen.FederationRule](f, "POST", rulesPath+"/"+r.ID+"/archive", nil)
	if l := oauthOK[gen.FederationRuleWorkspaceList](f, "GET", wsPath, nil); len(l.Data) != 0 {
		t.Errorf("workspaces of an archived rule = %+v", l.Data)
	}
	f.oauthFailsWith("POST", wsPath, obj{"workspace_id": prod.ID}, 400, errInvalidRequest, "archived")
	f.oauthFailsWith("DELETE", wsPath+"/"+stage.ID, nil, 400, errInvalidRequest, "archived")
}

func TestFederationSeeds(t *testing.T) {
	f := newFake(t)
	i := must[gen.FederationIssuer](t)(f.AddFederationIssuer(FederationIssuerSeed{Name: "gha", IssuerURL: "https://token.actions.githubusercontent.com"}))
	ws := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	match := gen.FederationRuleMatch{SubjectPrefix: ptr("repo:o/r:*")}
	sa := seedSA(t, f, "deployer")
	for name, err := range map[string]error{
		"bad issuer name":  second(f.AddFederationIssuer(FederationIssuerSeed{Name: "Bad Name", IssuerURL: "https://a.example.com"})),
		"duplicate issuer": second(f.AddFederationIssuer(FederationIssuerSeed{Name: "gha", IssuerURL: "https://a.example.com"})),
		"bad lifetime":     second(f.AddFederationIssuer(FederationIssuerSeed{Name: "x", IssuerURL: "https://a.example.com", MaxJWTLifetimeSeconds: 200000})),
		"bad jwks":         second(f.AddFederationIssuer(FederationIssuerSeed{Name: "x", IssuerURL: "https://a.example.com", JWKS: &gen.JWKS{Type: gen.JWKSTypeInline}})),
		"no workspace":     second(f.AddFederationRule(FederationRuleSeed{Name: "r", IssuerID: i.ID, ServiceAccountID: sa, Match: match})),
		"unknown issuer":   second(f.AddFederationRule(FederationRuleSeed{Name: "r", IssuerID: "fdis_x", ServiceAccountID: sa, Match: match, WorkspaceIDs: []string{ws.ID}})),
		"bad target":       second(f.AddFederationRule(FederationRuleSeed{Name: "r", IssuerID: i.ID, ServiceAccountID: "sa", Match: match, WorkspaceIDs: []string{ws.ID}})),
		"unknown target":   second(f.AddFederationRule(FederationRuleSeed{Name: "r", IssuerID: i.ID, ServiceAccountID: "svac_01Nope", Match: match, WorkspaceIDs: []string{ws.ID}})),
		"bad token life":   second(f.AddFederationRule(FederationRuleSeed{Name: "r", IssuerID: i.ID, ServiceAccountID: sa, Match: match, WorkspaceIDs: []string{ws.ID}, TokenLifetimeSeconds: 30})),
		"empty match":      second(f.AddFederationRule(FederationRuleSeed{Name: "r", IssuerID: i.ID, ServiceAccountID: sa, WorkspaceIDs: []string{ws.ID}})),
	} {
		if err == nil || !strings.HasPrefix(err.Error(), "admintest: ") {
			t.Errorf("%s: err = %v, want an admintest error", name, err)
		}
	}
	// The seeded keys are copies: changing the caller's map changes nothing.
	key := map[string]any{"kty": "OKP", "x": "a"}
	in := must[gen.FederationIssuer](t)(f.AddFederationIssuer(FederationIssuerSeed{Name: "inline", IssuerURL: "https://a.example.com", JWKS: &gen.JWKS{Type: gen.JWKSTypeInline, Keys: []map[string]any{key}}}))
	key["x"] = "changed"
	if got := oauthOK[gen.FederationIssuer](f, "GET", issuersPath+"/"+in.ID, nil); got.JWKS.Keys[0]["x"] != "a" {
		t.Errorf("stored key changed with the caller's map: %v", got.JWKS.Keys)
	}
}

func TestFederationDemoData(t *testing.T) {
	f := newFake(t, WithDemoData())
	issuers := oauthOK[gen.FederationIssuerList](f, "GET", issuersPath, nil)
	rules := oauthOK[gen.FederationRuleList](f, "GET", rulesPath, nil)
	if len(issuers.Data) != 3 || len(rules.Data) != 2 {
		t.Fatalf("demo federation: %d issuers, %d rules", len(issuers.Data), len(rules.Data))
	}
	for _, r := range rules.Data {
		ws := oauthOK[gen.FederationRuleWorkspaceList](f, "GET", rulesPath+"/"+r.ID+"/workspaces", nil)
		if len(ws.Data) == 0 || len(ws.Data) != len(r.WorkspaceIDs) {
			t.Errorf("rule %s: workspace_ids %v, enablements %d", r.Name, r.WorkspaceIDs, len(ws.Data))
		}
	}
	// The demo's responses are valid JSON of the spec's shape (the test
	// configuration checks them); a round trip keeps the inline keys.
	b, err := json.Marshal(issuers.Data[1].JWKS)
	if err != nil || !strings.Contains(string(b), `"kty":"OKP"`) {
		t.Errorf("inline demo keys = %s (%v)", b, err)
	}
}

// TestFederationRuleServiceAccount checks the ties between rules and the
// service accounts they target: the target's name in every view, and
// no archiving of a service account while a live rule targets it.
func TestFederationRuleServiceAccount(t *testing.T) {
	f := newFake(t)
	i := must[gen.FederationIssuer](t)(f.AddFederationIssuer(FederationIssuerSeed{Name: "gha", IssuerURL: "https://token.actions.githubusercontent.com"}))
	ws := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	sa := seedSA(t, f, "deployer")
	r := oauthOK[gen.FederationRule](f, "POST", rulesPath, ruleBody(i.ID, "deploy", ws.ID, sa))
	if r.Target.ServiceAccountName == nil || *r.Target.ServiceAccountName != "deployer" {
		t.Errorf("target of a new rule = %+v, want the service account's name", r.Target)
	}
	for _, got := range []gen.FederationRule{
		oauthOK[gen.FederationRule](f, "GET", rulesPath+"/"+r.ID, nil),
		oauthOK[gen.FederationRuleList](f, "GET", rulesPath, nil).Data[0],
	} {
		if got.Target.ServiceAccountName == nil || *got.Target.ServiceAccountName != "deployer" {
			t.Errorf("target of a read rule = %+v", got.Target)
		}
	}

	// A live rule keeps its service account from being archived, through
	// the API and the seeding helper alike.
	f.oauthFailsWith("POST", saPath+"/"+sa+"/archive", nil, 400, errInvalidRequest, r.ID)
	if _, err := f.ArchiveServiceAccount(sa); err == nil || !strings.Contains(err.Error(), r.ID) {
		t.Errorf("ArchiveServiceAccount with a live rule: err = %v, want one naming %s", err, r.ID)
	}
	if got := oauthOK[gen.ServiceAccount](f, "GET", saPath+"/"+sa, nil); got.ArchivedAt != nil {
		t.Errorf("refused archive archived the service account: %+v", got)
	}

	// Once the rule is archived, the service account can be; the archived
	// rule still names it, and no rule can target it any more.
	oauthOK[gen.FederationRule](f, "POST", rulesPath+"/"+r.ID+"/archive", nil)
	if got := oauthOK[gen.ServiceAccount](f, "POST", saPath+"/"+sa+"/archive", nil); got.ArchivedAt == nil {
		t.Errorf("archived service account = %+v", got)
	}
	if got := oauthOK[gen.FederationRule](f, "GET", rulesPath+"/"+r.ID, nil); got.Target.ServiceAccountName == nil || *got.Target.ServiceAccountName != "deployer" {
		t.Errorf("target of the archived rule = %+v", got.Target)
	}
	f.oauthFailsWith("POST", rulesPath, ruleBody(i.ID, "deploy-2", ws.ID, sa), 400, errInvalidRequest, "is archived")
	f.oauthFailsWith("POST", rulesPath, ruleBody(i.ID, "deploy-2", ws.ID, "svac_01Nope"), 400, errInvalidRequest, "not found")
}
