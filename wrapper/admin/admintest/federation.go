package admintest

import (
	"context"
	"encoding/pem"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// Workload identity federation: issuers, rules and the rules' workspace
// enablements. Every operation accepts only an org:admin OAuth token (the
// pipeline enforces the spec's security), so every change is made by the
// token's user, OAuthActorID.

// Defaults of new issuers and rules, as the reference documents them.
const (
	defaultMaxJWTLifetime = 3600 // seconds
	defaultTokenLifetime  = 3600 // seconds
)

// oauthScopes are the scopes an OAuth caller may give a rule, and the only
// rules it may manage; other scopes need a Console session.
var oauthScopes = []string{"workspace:developer", "workspace:inference"}

// fedIssuer is a stored federation issuer.
type fedIssuer struct {
	gen.FederationIssuer
}

// fedRule is a stored federation rule. IssuerName, WorkspaceIDs and
// Target.ServiceAccountName of the embedded rule are computed by ruleView.
type fedRule struct {
	gen.FederationRule
	// workspaces are the rule's explicit enablements, oldest first. The
	// slice is replaced, never changed in place.
	workspaces []ruleWorkspace
}

// ruleWorkspace is a rule's enablement for one workspace.
type ruleWorkspace struct {
	workspaceID string
	createdAt   time.Time
}

func (e ruleWorkspace) view(ruleID string, name *string) gen.FederationRuleWorkspace {
	return gen.FederationRuleWorkspace{
		Type:             gen.FederationRuleWorkspaceTypeFederationRuleWorkspace,
		FederationRuleID: ruleID,
		WorkspaceID:      e.workspaceID,
		WorkspaceName:    name,
		CreatedAt:        e.createdAt,
		CreatedByActorID: ptr(OAuthActorID),
	}
}

func issuerNotFound(id string) *apiError { return notFound("federation issuer %q not found", id) }
func ruleNotFound(id string) *apiError   { return notFound("federation rule %q not found", id) }

// ---------------------------------------------------------------- issuers

func (s *api) ListFederationIssuers(ctx context.Context, req server.ListFederationIssuersRequestObject) (server.ListFederationIssuersResponseObject, error) {
	archived := req.Params.IncludeArchived != nil && *req.Params.IncludeArchived
	s.mu.RLock()
	defer s.mu.RUnlock()
	var src pager[fedIssuer] = s.st.fedIssuers
	if !archived {
		src = s.st.fedIssuers.lookup(byLive, "yes")
	}
	data, next, e := tokenPage(src, "federation-issuers", req.Params.Limit, req.Params.Page,
		func(i *fedIssuer) bool { return archived || i.ArchivedAt == nil },
		func(i *fedIssuer) gen.FederationIssuer { return i.FederationIssuer })
	if e != nil {
		return nil, e
	}
	return server.ListFederationIssuers200JSONResponse{Body: gen.FederationIssuerList{Data: data, NextPage: next}}, nil
}

func (s *api) GetFederationIssuer(ctx context.Context, req server.GetFederationIssuerRequestObject) (server.GetFederationIssuerResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.st.fedIssuers.get(req.FederationIssuerID)
	if !ok {
		return nil, issuerNotFound(req.FederationIssuerID)
	}
	return server.GetFederationIssuer200JSONResponse{Body: i.FederationIssuer}, nil
}

func (s *api) CreateFederationIssuer(ctx context.Context, req server.CreateFederationIssuerRequestObject) (server.CreateFederationIssuerResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	b := req.Body
	i, e := s.addIssuerLocked(issuerFields{name: b.Name, issuerURL: b.IssuerURL, jwks: b.JWKS, checkJTI: b.CheckJTI, maxJWT: b.MaxJWTLifetimeSeconds}, now)
	if e != nil {
		return nil, e
	}
	return server.CreateFederationIssuer200JSONResponse{Body: i.FederationIssuer}, nil
}

// issuerFields are the settable fields of a new issuer; nil means the
// default.
type issuerFields struct {
	name, issuerURL string
	jwks            *gen.JWKS
	checkJTI        *bool
	maxJWT          *int64
}

// addIssuerLocked checks and stores a new issuer.
func (s *Server) addIssuerLocked(f issuerFields, now time.Time) (*fedIssuer, *apiError) {
	if e := s.checkIssuerName(f.name, ""); e != nil {
		return nil, e
	}
	jwks := gen.JWKS{Type: gen.JWKSTypeDiscovery}
	if f.jwks != nil {
		jwks = cloneJWKS(*f.jwks)
	}
	if e := checkIssuerKeys(f.issuerURL, jwks); e != nil {
		return nil, e
	}
	maxJWT := int64(defaultMaxJWTLifetime)
	if f.maxJWT != nil {
		maxJWT = *f.maxJWT
	}
	i := &fedIssuer{gen.FederationIssuer{
		ID:                    s.fedIDs.next("fdis"),
		Type:                  gen.FederationIssuerTypeFederationIssuer,
		Name:                  f.name,
		IssuerURL:             f.issuerURL,
		JWKS:                  jwks,
		CheckJTI:              f.checkJTI == nil || *f.checkJTI,
		MaxJWTLifetimeSeconds: maxJWT,
		CreatedAt:             now,
		CreatedByActorID:      OAuthActorID,
		UpdatedAt:             now,
		UpdatedByActorID:      OAuthActorID,
	}}
	s.st.fedIssuers.put(i.ID, i)
	return i, nil
}

// uniqueName refuses, with a 409 naming what, a name that a live record
// of t other than self has; live reports whether a record is live and
// its name.
func uniqueName[T any](t *table[T], what, name, self string, live func(*T) (string, bool)) *apiError {
	var taken bool
	t.all(func(id string, v *T) bool {
		n, ok := live(v)
		taken = id != self && ok && n == name
		return !taken
	})
	if taken {
		return conflict("name: a %s named %q already exists", what, name)
	}
	return nil
}

// checkIssuerName refuses a name that a live issuer other than self has.
func (s *Server) checkIssuerName(name, self string) *apiError {
	return uniqueName(s.st.fedIssuers, "federation issuer", name, self, func(i *fedIssuer) (string, bool) { return i.Name, i.ArchivedAt == nil })
}

// checkIssuerKeys checks an issuer URL and key configuration together:
// each field of jwks belongs to its variant, and what Anthropic would fetch
// is an https URL.
func checkIssuerKeys(issuerURL string, j gen.JWKS) *apiError {
	if !absoluteURL(issuerURL, false) {
		return badRequest("issuer_url: %q is not an absolute URL", issuerURL)
	}
	only := func(field string, set bool, variant gen.JWKSType) *apiError {
		if set && j.Type != variant {
			return badRequest("jwks.%s: is only for jwks of type %s, not %s", field, variant, j.Type)
		}
		return nil
	}
	if e := only("url", j.URL != nil, gen.JWKSTypeExplicitURL); e != nil {
		return e
	}
	if e := only("keys", j.Keys != nil, gen.JWKSTypeInline); e != nil {
		return e
	}
	if e := only("discovery_base", j.DiscoveryBase != nil, gen.JWKSTypeDiscovery); e != nil {
		return e
	}
	if j.CACertPEM != nil {
		if j.Type == gen.JWKSTypeInline {
			return badRequest("jwks.ca_cert_pem: inline keys are not fetched")
		}
		if b, _ := pem.Decode([]byte(*j.CACertPEM)); b == nil || b.Type != "CERTIFICATE" {
			return badRequest("jwks.ca_cert_pem: not a PEM certificate")
		}
	}
	switch j.Type {
	case gen.JWKSTypeDiscovery:
		if j.DiscoveryBase != nil {
			if !absoluteURL(*j.DiscoveryBase, true) {
				return badRequest("jwks.discovery_base: %q is not an https URL", *j.DiscoveryBase)
			}
		} else if !absoluteURL(issuerURL, true) {
			return badRequest("issuer_url: %q must be an https URL for OIDC discovery without jwks.discovery_base", issuerURL)
		}
	case gen.JWKSTypeExplicitURL:
		if j.URL == nil || !absoluteURL(*j.URL, true) {
			return badRequest("jwks.url: an https URL is required for jwks of type explicit_url")
		}
	case gen.JWKSTypeInline:
		if len(j.Keys) == 0 {
			return badRequest("jwks.keys: at least one key is required for jwks of type inline")
		}
		for n, k := range j.Keys {
			if kty, _ := k["kty"].(string); kty == "" {
				return badRequest("jwks.keys.%d: a JSON Web Key needs a kty", n)
			}
		}
	}
	return nil
}

// absoluteURL reports whether u is an absolute URL with a host, and an
// https one if https is set.
func absoluteURL(u string, https bool) bool {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" || (p.Scheme != "https" && (https || p.Scheme != "http")) {
		return false
	}
	return true
}

// cloneJWKS copies j deeply enough that the stored keys share nothing with
// the caller's.
func cloneJWKS(j gen.JWKS) gen.JWKS {
	if j.Keys != nil {
		keys := make([]map[string]any, len(j.Keys))
		for i, k := range j.Keys {
			keys[i] = cloneJSON(k)
		}
		j.Keys = keys
	}
	return j
}

// cloneJSON copies a decoded JSON object, its nested objects and arrays
// included.
func cloneJSON(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cloneJSONValue(v)
	}
	return out
}

func cloneJSONValue(v any) any {
	switch v := v.(type) {
	case map[string]any:
		return cloneJSON(v)
	case []any:
		out := make([]any, len(v))
		for i, e := range v {
			out[i] = cloneJSONValue(e)
		}
		return out
	}
	return v
}

func (s *api) UpdateFederationIssuer(ctx context.Context, req server.UpdateFederationIssuerRequestObject) (server.UpdateFederationIssuerResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.st.fedIssuers.get(req.FederationIssuerID)
	if !ok {
		return nil, issuerNotFound(req.FederationIssuerID)
	}
	if i.ArchivedAt != nil {
		return nil, badRequest("federation issuer %q is archived and cannot be updated; create a new one", i.ID)
	}
	b := req.Body
	ni := *i
	if b.Name != nil {
		if e := s.checkIssuerName(*b.Name, i.ID); e != nil {
			return nil, e
		}
		ni.Name = *b.Name
	}
	if b.IssuerURL != nil {
		ni.IssuerURL = *b.IssuerURL
	}
	if b.JWKS != nil {
		ni.JWKS = cloneJWKS(*b.JWKS)
	}
	if b.IssuerURL != nil || b.JWKS != nil {
		if e := checkIssuerKeys(ni.IssuerURL, ni.JWKS); e != nil {
			return nil, e
		}
	}
	if b.CheckJTI != nil {
		ni.CheckJTI = *b.CheckJTI
	}
	if b.MaxJWTLifetimeSeconds != nil {
		ni.MaxJWTLifetimeSeconds = *b.MaxJWTLifetimeSeconds
	}
	if b.JWKSPollingDisabled != nil {
		if *b.JWKSPollingDisabled {
			return nil, badRequest("jwks_polling_disabled: only false is accepted; polling is paused automatically")
		}
		if ni.JWKSPollingDisabledAt != nil {
			ni.JWKSPollingDisabledAt = nil
			if ni.PollStatus != nil {
				ps := *ni.PollStatus
				ps.NextPollAt = ptr(now)
				ni.PollStatus = &ps
			}
		}
	}
	ni.UpdatedAt, ni.UpdatedByActorID = now, OAuthActorID
	s.st.fedIssuers.put(ni.ID, &ni)
	return server.UpdateFederationIssuer200JSONResponse{Body: ni.FederationIssuer}, nil
}

func (s *api) ArchiveFederationIssuer(ctx context.Context, req server.ArchiveFederationIssuerRequestObject) (server.ArchiveFederationIssuerResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.st.fedIssuers.get(req.FederationIssuerID)
	if !ok {
		return nil, issuerNotFound(req.FederationIssuerID)
	}
	if i.ArchivedAt != nil {
		return server.ArchiveFederationIssuer200JSONResponse{Body: i.FederationIssuer}, nil
	}
	var live string
	s.st.fedRules.all(func(id string, r *fedRule) bool {
		if r.IssuerID == i.ID && r.ArchivedAt == nil {
			live = id
		}
		return live == ""
	})
	if live != "" {
		return nil, badRequest("federation issuer %q is referenced by the live federation rule %q; archive its rules first", i.ID, live)
	}
	ni := *i
	ni.ArchivedAt, ni.ArchivedByActorID = ptr(now), ptr(OAuthActorID)
	ni.UpdatedAt, ni.UpdatedByActorID = now, OAuthActorID
	s.st.fedIssuers.put(ni.ID, &ni)
	return server.ArchiveFederationIssuer200JSONResponse{Body: ni.FederationIssuer}, nil
}

// ------------------------------------------------------------------ rules

// ruleView returns the rule as the API shows it, with the names read now.
func (s *Server) ruleView(r *fedRule) gen.FederationRule {
	v := r.FederationRule
	if i, ok := s.st.fedIssuers.get(r.IssuerID); ok {
		v.IssuerName = i.Name
	}
	v.WorkspaceIDs = make([]string, len(r.workspaces))
	for n, e := range r.workspaces {
		v.WorkspaceIDs[n] = e.workspaceID
	}
	v.Target.ServiceAccountName = nil
	if sa, ok := s.st.svac.all.get(r.Target.ServiceAccountID); ok {
		v.Target.ServiceAccountName = ptr(sa.Name)
	}
	return v
}

func (s *api) ListFederationRules(ctx context.Context, req server.ListFederationRulesRequestObject) (server.ListFederationRulesResponseObject, error) {
	archived := req.Params.IncludeArchived != nil && *req.Params.IncludeArchived
	issuer := ""
	if req.Params.IssuerID != nil {
		issuer = *req.Params.IssuerID
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	src := []pager[fedRule]{s.st.fedRules}
	if !archived {
		src = append(src, s.st.fedRules.lookup(byLive, "yes"))
	}
	if issuer != "" {
		src = append(src, s.st.fedRules.lookup(byIssuer, issuer))
	}
	data, next, e := tokenPage(narrowest(src...), "federation-rules:"+issuer, req.Params.Limit, req.Params.Page,
		func(r *fedRule) bool {
			return (archived || r.ArchivedAt == nil) && (issuer == "" || r.IssuerID == issuer)
		},
		s.ruleView)
	if e != nil {
		return nil, e
	}
	return server.ListFederationRules200JSONResponse{Body: gen.FederationRuleList{Data: data, NextPage: next}}, nil
}

func (s *api) GetFederationRule(ctx context.Context, req server.GetFederationRuleRequestObject) (server.GetFederationRuleResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.st.fedRules.get(req.FederationRuleID)
	if !ok {
		return nil, ruleNotFound(req.FederationRuleID)
	}
	return server.GetFederationRule200JSONResponse{Body: s.ruleView(r)}, nil
}

// ruleFields are the settable fields of a new rule.
type ruleFields struct {
	name, issuerID, description, scope string
	match                              gen.FederationRuleMatch
	target                             gen.FederationRuleTarget
	tokenLifetime                      int64
	workspaceIDs                       []string
	allWorkspaces                      bool
}

func (s *api) CreateFederationRule(ctx context.Context, req server.CreateFederationRuleRequestObject) (server.CreateFederationRuleResponseObject, error) {
	now := s.Now()
	b := req.Body
	if e := checkOAuthScope(b.OAuthScope); e != nil {
		return nil, e
	}
	f := ruleFields{
		name: b.Name, issuerID: b.IssuerID, scope: b.OAuthScope, match: b.Match, target: b.Target,
		tokenLifetime: defaultTokenLifetime, allWorkspaces: b.AppliesToAllWorkspaces != nil && *b.AppliesToAllWorkspaces,
	}
	if b.Description != nil {
		f.description = *b.Description
	}
	if b.TokenLifetimeSeconds != nil {
		f.tokenLifetime = *b.TokenLifetimeSeconds
	}
	if b.WorkspaceID != nil {
		f.workspaceIDs = []string{*b.WorkspaceID}
	} else if !f.allWorkspaces {
		return nil, badRequest("workspace_id: is required unless applies_to_all_workspaces is true")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, e := s.addRuleLocked(f, now)
	if e != nil {
		return nil, e
	}
	return server.CreateFederationRule200JSONResponse{Body: s.ruleView(r)}, nil
}

// addRuleLocked checks and stores a new rule. The OAuth scope is checked
// by the caller: seeds may set any.
func (s *Server) addRuleLocked(f ruleFields, now time.Time) (*fedRule, *apiError) {
	i, ok := s.st.fedIssuers.get(f.issuerID)
	if !ok {
		return nil, badRequest("issuer_id: federation issuer %q not found", f.issuerID)
	}
	if i.ArchivedAt != nil {
		return nil, badRequest("issuer_id: federation issuer %q is archived", f.issuerID)
	}
	if e := s.checkRuleName(f.name, ""); e != nil {
		return nil, e
	}
	if e := checkMatch(f.match); e != nil {
		return nil, e
	}
	if e := s.checkTarget(f.target); e != nil {
		return nil, e
	}
	var enabled []ruleWorkspace
	for _, ws := range f.workspaceIDs {
		if e := s.checkRuleWorkspace(ws, badRequest); e != nil {
			return nil, e
		}
		if !slices.ContainsFunc(enabled, func(e ruleWorkspace) bool { return e.workspaceID == ws }) {
			enabled = append(enabled, ruleWorkspace{workspaceID: ws, createdAt: now})
		}
	}
	r := &fedRule{
		FederationRule: gen.FederationRule{
			ID:                     s.fedIDs.next("fdrl"),
			Type:                   gen.FederationRuleTypeFederationRule,
			Name:                   f.name,
			Description:            f.description,
			IssuerID:               f.issuerID,
			Match:                  cloneMatch(f.match),
			Target:                 gen.FederationRuleTarget{Type: f.target.Type, ServiceAccountID: f.target.ServiceAccountID},
			OAuthScope:             f.scope,
			TokenLifetimeSeconds:   f.tokenLifetime,
			AppliesToAllWorkspaces: f.allWorkspaces,
			CreatedAt:              now,
			CreatedByActorID:       OAuthActorID,
			UpdatedAt:              now,
			UpdatedByActorID:       OAuthActorID,
		},
		workspaces: enabled,
	}
	s.st.fedRules.put(r.ID, r)
	return r, nil
}

// checkRuleName refuses a name that a live rule other than self has.
func (s *Server) checkRuleName(name, self string) *apiError {
	return uniqueName(s.st.fedRules, "federation rule", name, self, func(r *fedRule) (string, bool) { return r.Name, r.ArchivedAt == nil })
}

// checkRuleWorkspace checks that a rule can be enabled for the workspace
// id; fail makes the error when it does not exist (400 for a field of a
// rule, 404 for the workspaces sub-resource).
func (s *Server) checkRuleWorkspace(id string, fail func(format string, args ...any) *apiError) *apiError {
	w, ok := s.st.workspaces.get(id)
	if !ok {
		return fail("workspace_id: workspace %q not found", id)
	}
	if w.ArchivedAt != nil {
		return badRequest("workspace_id: workspace %q is archived", id)
	}
	return nil
}

// checkMatch applies the reference's rules to a rule's match: at least one
// identity-constraining matcher, and no condition that is always true.
func checkMatch(m gen.FederationRuleMatch) *apiError {
	set := func(p *string) bool { return p != nil && strings.TrimSpace(*p) != "" }
	prefix := set(m.SubjectPrefix) && strings.Trim(*m.SubjectPrefix, "* ") != ""
	if !prefix && len(m.Claims) == 0 && !set(m.Condition) {
		return badRequest("match: needs subject_prefix (not a wildcard alone), claims or condition; audience alone is not enough")
	}
	if set(m.Condition) {
		if c := strings.TrimSpace(*m.Condition); c == "true" || c == "(true)" {
			return badRequest("match.condition: a constant-true expression matches every token")
		}
	}
	return nil
}

// checkTarget checks a rule's target: a service account of the
// organization that is not archived. The reference refuses invalid
// references of a rule with 400, not 404, as for the issuer.
func (s *Server) checkTarget(t gen.FederationRuleTarget) *apiError {
	sa, ok := s.st.svac.all.get(t.ServiceAccountID)
	if !ok {
		return badRequest("target.service_account_id: service account %q not found", t.ServiceAccountID)
	}
	if sa.ArchivedAt != nil {
		return badRequest("target.service_account_id: service account %q is archived", t.ServiceAccountID)
	}
	return nil
}

// liveRuleTargeting returns the ID of a live rule whose target is the
// service account id, or "".
func (s *Server) liveRuleTargeting(id string) string {
	var live string
	s.st.fedRules.all(func(rid string, r *fedRule) bool {
		if r.ArchivedAt == nil && r.Target.ServiceAccountID == id {
			live = rid
		}
		return live == ""
	})
	return live
}

// checkOAuthScope checks the scopes an OAuth caller gives a rule.
func checkOAuthScope(scope string) *apiError {
	scopes := strings.Fields(scope)
	if len(scopes) == 0 {
		return badRequest("oauth_scope: at least one scope is required")
	}
	for _, sc := range scopes {
		if !slices.Contains(oauthScopes, sc) {
			return newError(http.StatusForbidden, errPermission,
				"oauth_scope: %q needs a Console session; OAuth callers may set only %s", sc, strings.Join(oauthScopes, " and "))
		}
	}
	return nil
}

// manageable refuses, as the real service does, an OAuth caller's change
// to a rule whose scopes only a Console session may manage.
func manageable(r *fedRule) *apiError {
	for _, sc := range strings.Fields(r.OAuthScope) {
		if !slices.Contains(oauthScopes, sc) {
			return newError(http.StatusForbidden, errPermission,
				"federation rule %q has the scope %q; only a Console session may manage it", r.ID, sc)
		}
	}
	return nil
}

// cloneMatch copies a match so that the stored claims share nothing with
// the caller's.
func cloneMatch(m gen.FederationRuleMatch) gen.FederationRuleMatch {
	m.Claims = maps.Clone(m.Claims)
	return m
}

// writableRule returns a rule that an OAuth caller may change.
func (s *Server) writableRule(id string) (*fedRule, *apiError) {
	r, ok := s.st.fedRules.get(id)
	if !ok {
		return nil, ruleNotFound(id)
	}
	if e := manageable(r); e != nil {
		return nil, e
	}
	if r.ArchivedAt != nil {
		return nil, badRequest("federation rule %q is archived and cannot be changed; create a new one", id)
	}
	return r, nil
}

func (s *api) UpdateFederationRule(ctx context.Context, req server.UpdateFederationRuleRequestObject) (server.UpdateFederationRuleResponseObject, error) {
	now := s.Now()
	b := req.Body
	if b.OAuthScope != nil {
		if e := checkOAuthScope(*b.OAuthScope); e != nil {
			return nil, e
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	r, e := s.writableRule(req.FederationRuleID)
	if e != nil {
		return nil, e
	}
	nr := *r
	if b.Name != nil {
		if e := s.checkRuleName(*b.Name, r.ID); e != nil {
			return nil, e
		}
		nr.Name = *b.Name
	}
	if b.Description != nil {
		nr.Description = *b.Description
	}
	if b.Match != nil {
		if e := checkMatch(*b.Match); e != nil {
			return nil, e
		}
		nr.Match = cloneMatch(*b.Match)
	}
	if b.Target != nil {
		if e := s.checkTarget(*b.Target); e != nil {
			return nil, e
		}
		nr.Target = gen.FederationRuleTarget{Type: b.Target.Type, ServiceAccountID: b.Target.ServiceAccountID}
	}
	if b.OAuthScope != nil {
		nr.OAuthScope = *b.OAuthScope
	}
	if b.TokenLifetimeSeconds != nil {
		nr.TokenLifetimeSeconds = *b.TokenLifetimeSeconds
	}
	if b.WorkspaceID != nil {
		if len(r.workspaces) > 1 {
			return nil, badRequest("workspace_id: federation rule %q is enabled for %d workspaces; change them through its workspaces", r.ID, len(r.workspaces))
		}
		if len(r.workspaces) == 0 || r.workspaces[0].workspaceID != *b.WorkspaceID {
			if e := s.checkRuleWorkspace(*b.WorkspaceID, badRequest); e != nil {
				return nil, e
			}
			nr.workspaces = []ruleWorkspace{{workspaceID: *b.WorkspaceID, createdAt: now}}
		}
	}
	if b.AppliesToAllWorkspaces != nil {
		nr.AppliesToAllWorkspaces = *b.AppliesToAllWorkspaces
		if !nr.AppliesToAllWorkspaces && len(nr.workspaces) == 0 {
			return nil, badRequest("applies_to_all_workspaces: false would leave federation rule %q enabled for no workspace", r.ID)
		}
	}
	nr.UpdatedAt, nr.UpdatedByActorID = now, OAuthActorID
	s.st.fedRules.put(nr.ID, &nr)
	return server.UpdateFederationRule200JSONResponse{Body: s.ruleView(&nr)}, nil
}

func (s *api) ArchiveFederationRule(ctx context.Context, req server.ArchiveFederationRuleRequestObject) (server.ArchiveFederationRuleResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	r, ok := s.st.fedRules.get(req.FederationRuleID)
	if !ok {
		return nil, ruleNotFound(req.FederationRuleID)
	}
	if e := manageable(r); e != nil {
		return nil, e
	}
	if r.ArchivedAt != nil {
		return server.ArchiveFederationRule200JSONResponse{Body: s.ruleView(r)}, nil
	}
	nr := *r
	nr.ArchivedAt, nr.ArchivedByActorID = ptr(now), ptr(OAuthActorID)
	nr.UpdatedAt, nr.UpdatedByActorID = now, OAuthActorID
	nr.workspaces = nil
	s.st.fedRules.put(nr.ID, &nr)
	return server.ArchiveFederationRule200JSONResponse{Body: s.ruleView(&nr)}, nil
}

// -------------------------------------------------------- rule workspaces

func (s *api) ListFederationRuleWorkspaces(ctx context.Context, req server.ListFederationRuleWorkspacesRequestObject) (server.ListFederationRuleWorkspacesResponseObject, error) {
	// limit and page are accepted and ignored: every enablement is in
	// the one page, as the reference says.
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.st.fedRules.get(req.FederationRuleID)
	if !ok {
		return nil, ruleNotFound(req.FederationRuleID)
	}
	data := make([]gen.FederationRuleWorkspace, 0, len(r.workspaces))
	for _, e := range r.workspaces {
		var name *string
		if w, ok := s.st.workspaces.get(e.workspaceID); ok {
			name = ptr(w.Name)
		}
		data = append(data, e.view(r.ID, name))
	}
	return server.ListFederationRuleWorkspaces200JSONResponse{Body: gen.FederationRuleWorkspaceList{Data: data}}, nil
}

func (s *api) AddFederationRuleWorkspace(ctx context.Context, req server.AddFederationRuleWorkspaceRequestObject) (server.AddFederationRuleWorkspaceResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	r, e := s.writableRule(req.FederationRuleID)
	if e != nil {
		return nil, e
	}
	ws := req.Body.WorkspaceID
	if n := slices.IndexFunc(r.workspaces, func(e ruleWorkspace) bool { return e.workspaceID == ws }); n >= 0 {
		return server.AddFederationRuleWorkspace200JSONResponse{Body: r.workspaces[n].view(r.ID, nil)}, nil
	}
	if e := s.checkRuleWorkspace(ws, notFound); e != nil {
		return nil, e
	}
	nr := *r
	en := ruleWorkspace{workspaceID: ws, createdAt: now}
	nr.workspaces = append(slices.Clip(r.workspaces), en)
	s.st.fedRules.put(nr.ID, &nr)
	return server.AddFederationRuleWorkspace200JSONResponse{Body: en.view(r.ID, nil)}, nil
}

func (s *api) RemoveFederationRuleWorkspace(ctx context.Context, req server.RemoveFederationRuleWorkspaceRequestObject) (server.RemoveFederationRuleWorkspaceResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	r, e := s.writableRule(req.FederationRuleID)
	if e != nil {
		return nil, e
	}
	ws := req.WorkspaceID
	if slices.ContainsFunc(r.workspaces, func(e ruleWorkspace) bool { return e.workspaceID == ws }) {
		nr := *r
		nr.workspaces = slices.DeleteFunc(slices.Clone(r.workspaces), func(e ruleWorkspace) bool { return e.workspaceID == ws })
		s.st.fedRules.put(nr.ID, &nr)
	}
	return server.RemoveFederationRuleWorkspace200JSONResponse{Body: gen.FederationRuleWorkspaceDeleted{
		Type:             gen.FederationRuleWorkspaceDeletedTypeFederationRuleWorkspaceDeleted,
		FederationRuleID: r.ID,
		WorkspaceID:      ws,
	}}, nil
}

// ------------------------------------------------------------------ seeds

// slugPattern is the shape of issuer and rule names (the spec's pattern).
var slugPattern = regexp.MustCompile(`^[a-z0-9-]+$`)

// FederationIssuerSeed describes a federation issuer for
// [Server.AddFederationIssuer]. It can set what the API cannot: the state
// of the key polling.
type FederationIssuerSeed struct {
	// Name is required: lower-case letters, digits and hyphens, unique
	// among live issuers.
	Name string
	// IssuerURL is required: the iss claim to match.
	IssuerURL string
	// JWKS is how the keys are obtained; nil means OIDC discovery.
	JWKS *admin.JWKS
	// CheckJTI defaults to true.
	CheckJTI *bool
	// MaxJWTLifetimeSeconds defaults to 3600.
	MaxJWTLifetimeSeconds int64
	// PollStatus is the state of the key polling the issuer reports
	// (default null: the fake never polls).
	PollStatus *admin.FederationIssuerPollStatus
	// PollingPausedAt, when set, is when polling was paused after repeated
	// failures (jwks_polling_disabled_at).
	PollingPausedAt *time.Time
	// CreatedAt defaults to now.
	CreatedAt time.Time
}

// AddFederationIssuer adds a federation issuer, checked as the API checks
// a new one, and returns it.
func (s *Server) AddFederationIssuer(i FederationIssuerSeed) (admin.FederationIssuer, error) {
	if !slugPattern.MatchString(i.Name) {
		return gen.FederationIssuer{}, fmt.Errorf("admintest: name: %q is not lower-case letters, digits and hyphens", i.Name)
	}
	f := issuerFields{name: i.Name, issuerURL: i.IssuerURL, jwks: i.JWKS, checkJTI: i.CheckJTI}
	if i.MaxJWTLifetimeSeconds != 0 {
		if i.MaxJWTLifetimeSeconds < 1 || i.MaxJWTLifetimeSeconds > 176400 {
			return gen.FederationIssuer{}, fmt.Errorf("admintest: max_jwt_lifetime_seconds: %d is not from 1 to 176400", i.MaxJWTLifetimeSeconds)
		}
		f.maxJWT = &i.MaxJWTLifetimeSeconds
	}
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	ni, e := s.addIssuerLocked(f, orNow(i.CreatedAt, now))
	if e != nil {
		return gen.FederationIssuer{}, asError(e)
	}
	if i.PollStatus != nil {
		ps := *i.PollStatus
		ni.PollStatus = &ps
	}
	if i.PollingPausedAt != nil {
		ni.JWKSPollingDisabledAt = ptr(i.PollingPausedAt.UTC())
	}
	return ni.FederationIssuer, nil
}

// FederationRuleSeed describes a federation rule for
// [Server.AddFederationRule]. It can set what an OAuth caller cannot: any
// OAuth scope.
type FederationRuleSeed struct {
	// Name is required: lower-case letters, digits and hyphens, unique
	// among live rules.
	Name string
	// IssuerID is required: a live issuer.
	IssuerID string
	// Description defaults to none.
	Description string
	// Match needs a subject prefix, claims or a condition.
	Match admin.FederationRuleMatch
	// ServiceAccountID is required: the target, an existing service
	// account that is not archived.
	ServiceAccountID string
	// OAuthScope defaults to workspace:developer. Any scopes are accepted
	// here, as a Console session may set them; the API then refuses an
	// OAuth caller's changes to a rule with scopes other than
	// workspace:developer and workspace:inference.
	OAuthScope string
	// TokenLifetimeSeconds defaults to 3600.
	TokenLifetimeSeconds int64
	// WorkspaceIDs are the workspaces the rule is enabled for; at least
	// one is required unless AppliesToAllWorkspaces is set.
	WorkspaceIDs []string
	// AppliesToAllWorkspaces enables the rule for every workspace.
	AppliesToAllWorkspaces bool
	// CreatedAt defaults to now.
	CreatedAt time.Time
}

// AddFederationRule adds a federation rule, checked as the API checks a
// new one, and returns it.
func (s *Server) AddFederationRule(r FederationRuleSeed) (admin.FederationRule, error) {
	if !slugPattern.MatchString(r.Name) {
		return gen.FederationRule{}, fmt.Errorf("admintest: name: %q is not lower-case letters, digits and hyphens", r.Name)
	}
	if len(r.WorkspaceIDs) == 0 && !r.AppliesToAllWorkspaces {
		return gen.FederationRule{}, errors.New("admintest: a rule needs WorkspaceIDs or AppliesToAllWorkspaces")
	}
	f := ruleFields{
		name: r.Name, issuerID: r.IssuerID, description: r.Description, scope: cmpOr(r.OAuthScope, oauthScopes[0]),
		match:         r.Match,
		target:        gen.FederationRuleTarget{Type: gen.FederationRuleTargetTypeServiceAccount, ServiceAccountID: r.ServiceAccountID},
		tokenLifetime: cmpOr(r.TokenLifetimeSeconds, defaultTokenLifetime),
		workspaceIDs:  r.WorkspaceIDs, allWorkspaces: r.AppliesToAllWorkspaces,
	}
	if f.tokenLifetime < 60 || f.tokenLifetime > 86400 {
		return gen.FederationRule{}, fmt.Errorf("admintest: token_lifetime_seconds: %d is not from 60 to 86400", f.tokenLifetime)
	}
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	nr, e := s.addRuleLocked(f, orNow(r.CreatedAt, now))
	if e != nil {
		return gen.FederationRule{}, asError(e)
	}
	return s.ruleView(nr), nil
}

// seedDemoFederation adds the federation part of the demo data: a GitHub
// Actions issuer (OIDC discovery, polled a few minutes ago) with a rule
// that lets the main branch of a deploy repository into Production as the
// terraform service account, a build farm with inline keys whose nightly
// pipeline may run inference in Research and Staging as usage-reporter,
// and a GitLab issuer (a fixed JWKS URL) without rules yet.
// serviceAccounts are the IDs seedDemoServiceAccounts returns; ci-deployer
// and the archived one are left without rules.
func (s *Server) seedDemoFederation(now time.Time, workspaces []gen.Workspace, serviceAccounts []string) error {
	created := now.Add(-30 * 24 * time.Hour)
	gh, err := s.AddFederationIssuer(FederationIssuerSeed{
		Name: "github-actions", IssuerURL: "https://token.actions.githubusercontent.com", CreatedAt: created,
		PollStatus: &gen.FederationIssuerPollStatus{LastFetchedAt: ptr(now.Add(-7 * time.Minute)), NextPollAt: ptr(now.Add(53 * time.Minute))},
	})
	if err != nil {
		return err
	}
	farm, err := s.AddFederationIssuer(FederationIssuerSeed{
		Name: "build-farm", IssuerURL: "https://ci.example.com",
		JWKS: &gen.JWKS{Type: gen.JWKSTypeInline, Keys: []map[string]any{
			{"kty": "OKP", "crv": "Ed25519", "kid": "build-farm-2026", "x": "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"},
		}},
		MaxJWTLifetimeSeconds: 900, CreatedAt: created.Add(time.Hour),
	})
	if err != nil {
		return err
	}
	if _, err := s.AddFederationIssuer(FederationIssuerSeed{
		Name: "gitlab", IssuerURL: "https://gitlab.example.com", CheckJTI: ptr(false), CreatedAt: created.Add(2 * time.Hour),
		JWKS: &gen.JWKS{Type: gen.JWKSTypeExplicitURL, URL: ptr("https://gitlab.example.com/oauth/discovery/keys")},
	}); err != nil {
		return err
	}
	rules := []FederationRuleSeed{
		{Name: "deploy-production", IssuerID: gh.ID, Description: "Deployments from the main branch",
			Match: gen.FederationRuleMatch{
				SubjectPrefix: ptr("repo:example-org/deploy:ref:refs/heads/main"),
				Claims:        map[string]string{"repository_owner": "example-org"},
			},
			ServiceAccountID: serviceAccounts[2], TokenLifetimeSeconds: 900,
			WorkspaceIDs: []string{workspaces[0].ID}, CreatedAt: created.Add(2 * time.Hour)},
		{Name: "nightly-evals", IssuerID: farm.ID,
			Match:            gen.FederationRuleMatch{Condition: ptr(`claims.pipeline == "nightly"`)},
			ServiceAccountID: serviceAccounts[1], OAuthScope: "workspace:inference",
			WorkspaceIDs: []string{workspaces[2].ID, workspaces[1].ID}, CreatedAt: created.Add(3 * time.Hour)},
	}
	for _, r := range rules {
		if _, err := s.AddFederationRule(r); err != nil {
			return err
		}
	}
	return nil
}
