package admintest

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"
)

// The scopes of the Compliance API. A Compliance Access Key carries the
// ones chosen when it was created; an Admin API key may carry
// ScopeComplianceActivities, the one scope that matters on it. Every
// Compliance API operation of the spec names the scopes it needs in
// x-admin-scopes, and the server refuses a key that lacks one with 403
// permission_error.
const (
	// ScopeComplianceActivities reads the Activity Feed.
	ScopeComplianceActivities = "read:compliance_activities"
	// ScopeComplianceOrgData reads organizations, roles, groups and settings.
	ScopeComplianceOrgData = "read:compliance_org_data"
	// ScopeComplianceUserData reads users, user preferences, group members,
	// chats, files, projects and sessions.
	ScopeComplianceUserData = "read:compliance_user_data"
	// ScopeComplianceDeleteUserData allows the Compliance API's deletes.
	ScopeComplianceDeleteUserData = "delete:compliance_user_data"
	// ScopeComplianceReviewRead reads compliance review cases, items and
	// notices (beta; an Admin key scope, as SDK v2.15.0 documents).
	ScopeComplianceReviewRead = "read:compliance_review_cases"
	// ScopeComplianceReviewWrite responds to compliance review cases (beta;
	// an Admin key scope).
	ScopeComplianceReviewWrite = "write:compliance_review_cases"
)

// adminScopes lists every scope an Admin API key may carry.
var adminScopes = []string{ScopeComplianceActivities, ScopeComplianceReviewRead, ScopeComplianceReviewWrite}

// complianceScopes lists every scope a Compliance Access Key may carry.
var complianceScopes = []string{ScopeComplianceActivities, ScopeComplianceOrgData, ScopeComplianceUserData, ScopeComplianceDeleteUserData}

// keyInfo is what the server knows of a key it accepts.
type keyInfo struct {
	kind   string          // credAdminKey or credComplianceKey
	id     string          // the key's ID, reported in activities' actors
	scopes map[string]bool // the scopes it carries
}

// keyring holds the keys the server accepts. It has its own lock: keys are
// looked up on every request, before the state lock is taken.
type keyring struct {
	mu   sync.RWMutex
	keys map[string]*keyInfo
	n    int // keys minted, for their names and IDs
}

func (k *keyring) lookup(key string) *keyInfo {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return k.keys[key]
}

func (k *keyring) add(key string, info *keyInfo) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.keys == nil {
		k.keys = map[string]*keyInfo{}
	}
	k.keys[key] = info
}

// mint makes a new key of kind with the given scopes; it panics on a scope
// the kind of key cannot carry, a mistake in the calling test.
func (s *Server) mint(kind string, scopes []string) string {
	allowed := complianceScopes
	if kind == credAdminKey {
		allowed = adminScopes
	}
	set := map[string]bool{}
	for _, sc := range scopes {
		if !slices.Contains(allowed, sc) {
			panic(fmt.Sprintf("admintest: %s cannot carry the scope %q (allowed: %s)", credentialText[kind], sc, strings.Join(allowed, ", ")))
		}
		set[sc] = true
	}
	s.keys.mu.Lock()
	s.keys.n++
	n := s.keys.n
	s.keys.mu.Unlock()
	var key, id string
	if kind == credAdminKey {
		key = fmt.Sprintf("sk-ant-admin01-fake-admintest-ak%04d-0000000000", n)
		id = fmt.Sprintf("apikey_01fakeak%04d", n)
	} else {
		// No word of a scope name in the key: clients redact every
		// fragment of a key they hold from error messages.
		key = fmt.Sprintf("sk-ant-api01-fake-admintest-ck%04d-0000000000", n)
		id = fmt.Sprintf("apikey_01fakeck%04d", n)
	}
	s.keys.add(key, &keyInfo{kind: kind, id: id, scopes: set})
	return key
}

// NewComplianceKey returns a new Compliance Access Key that the server
// accepts, carrying exactly the given scopes (any of
// [ScopeComplianceActivities], [ScopeComplianceOrgData],
// [ScopeComplianceUserData] and [ScopeComplianceDeleteUserData]; none at
// all is allowed). A Compliance API call whose operation needs a scope the
// key lacks gets 403 permission_error. [Server.ComplianceKey] carries every
// scope. It panics on any other scope.
func (s *Server) NewComplianceKey(scopes ...string) string {
	return s.mint(credComplianceKey, scopes)
}

// NewAdminKey returns a new Admin API key that the server accepts. With
// [ScopeComplianceActivities] it may also read the Activity Feed, and with
// [ScopeComplianceReviewRead] and [ScopeComplianceReviewWrite] the beta
// compliance review endpoints; without them those answer 403
// permission_error. [Server.AdminKey] carries all three. It panics on any
// other scope.
func (s *Server) NewAdminKey(scopes ...string) string {
	return s.mint(credAdminKey, scopes)
}

// operationScopes returns the x-admin-scopes of an operation of the spec.
func operationScopes(ext map[string]any) []string {
	var out []string
	switch v := ext["x-admin-scopes"].(type) {
	case []any:
		for _, sc := range v {
			if s, ok := sc.(string); ok {
				out = append(out, s)
			}
		}
	case []string:
		out = v
	}
	return out
}

// checkScopes refuses a key that lacks a scope the operation needs, with
// the 403 the Compliance API documents ("Missing required scopes. Got:
// [...] Needed: [...]").
func checkScopes(rt *route, key *keyInfo) *apiError {
	if len(rt.scopes) == 0 || key == nil {
		return nil
	}
	var missing []string
	for _, sc := range rt.scopes {
		if !key.scopes[sc] {
			missing = append(missing, sc)
		}
	}
	if len(missing) == 0 {
		return nil
	}
	var got []string
	for sc := range key.scopes {
		got = append(got, sc)
	}
	slices.Sort(got)
	return newError(http.StatusForbidden, errPermission, "Missing required scopes. Got: [%s] Needed: [%s]", strings.Join(got, ", "), strings.Join(rt.scopes, ", "))
}
