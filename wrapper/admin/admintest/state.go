package admintest

import (
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// state is everything the server stores. Guarded by Server.mu. Stored
// gen values are never mutated in place once handed out: an update
// replaces the record, so responses can be encoded after the lock is
// released.
type state struct {
	users              *table[user]
	emails             map[string]string // lower-cased email -> user ID
	invites            *table[invite]
	inviteEmails       map[string]string // lower-cased email -> ID of its latest invite stored as pending
	workspaces         *table[workspace]
	workspaceNames     map[string]string // name of an active workspace -> its ID
	defaultWorkspaceID string
	apiKeys            *table[apiKey]
	rateLimits         *table[rateLimit]
	rbacRoles          *table[gen.RBACRole]
	signedOut          map[string]time.Time // user ID -> time of the last sign-out
	svac               saState              // service accounts and their workspace memberships
	gov                *governance
	usage              []UsageRecord                 // sorted by Time
	costs              []CostRecord                  // sorted by Date
	claudeCode         map[string][]claudeCodeRecord // by day (YYYY-MM-DD), in insertion order
	claudeCodeSeq      uint64
	activity           []UserActivityRecord   // members' daily activity (activity.go)
	extensionUse       []ExtensionUseRecord   // connector, plugin and skill use (extensions.go)
	chatProjectUse     []ChatProjectUseRecord // chat project use (skills.go)
	artifacts          []ArtifactRecord       // artifacts members created (artifacts.go)
	fedIssuers         *table[fedIssuer]      // workload identity federation (federation.go)
	fedRules           *table[fedRule]
	spend              *spendState    // spend limits (spendlimits.go)
	activities         activityLog    // the Activity Feed (activities.go)
	dir                *complianceDir // the Compliance API's directory (complianceorg.go)
	content            *contentState  // Compliance API chats, files, projects (compliancecontent.go)
}

func newState() *state {
	st := &state{
		users:          newTable[user](),
		emails:         make(map[string]string),
		invites:        newTable[invite](),
		inviteEmails:   make(map[string]string),
		workspaces:     newTable[workspace](),
		workspaceNames: make(map[string]string),
		apiKeys:        newTable[apiKey](),
		rateLimits:     newTable[rateLimit](),
		rbacRoles:      newTable[gen.RBACRole](),
		signedOut:      make(map[string]time.Time),
		svac:           newSAState(),
		gov:            newGovernance(),
		claudeCode:     make(map[string][]claudeCodeRecord),
		fedIssuers:     newTable[fedIssuer](),
		fedRules:       newTable[fedRule](),
		spend:          newSpendState(),
		dir:            newComplianceDir(),
		content:        newContentState(),
	}
	st.addIndexes()
	return st
}

type user struct {
	gen.User
	createdAt  time.Time           // account creation (Compliance API)
	workspaces map[string]struct{} // IDs of the workspaces the user is a member of
}

type invite struct {
	gen.Invite // Status is pending or accepted; expired is computed
}

// status returns the invite's status at now.
func (i *invite) status(now time.Time) gen.InviteStatus {
	if i.Status == gen.InviteStatusPending && !now.Before(i.ExpiresAt) {
		return gen.InviteStatusExpired
	}
	return i.Status
}

func (i *invite) view(now time.Time) gen.Invite {
	v := i.Invite
	v.Status = i.status(now)
	return v
}

// InviteLifetime is how long an invite stays pending before it expires.
const InviteLifetime = 21 * 24 * time.Hour

type workspace struct {
	gen.Workspace
	isDefault bool
	members   *table[member]
	overrides map[string]map[string]int64 // rate limit ID -> limiter -> value
}

type member struct {
	userID string
	role   gen.WorkspaceRole
}

func (m *member) view(workspaceID string) gen.WorkspaceMember {
	return gen.WorkspaceMember{
		Type:          gen.WorkspaceMemberTypeWorkspaceMember,
		UserID:        m.userID,
		WorkspaceID:   workspaceID,
		WorkspaceRole: m.role,
	}
}

type apiKey struct {
	gen.APIKey // Status is active, inactive or archived; expired is computed
}

func (k *apiKey) status(now time.Time) gen.APIKeyStatus {
	if k.Status == gen.APIKeyStatusActive && k.ExpiresAt != nil && !now.Before(*k.ExpiresAt) {
		return gen.APIKeyStatusExpired
	}
	return k.Status
}

func (k *apiKey) view(now time.Time) gen.APIKey {
	v := k.APIKey
	v.Status = k.status(now)
	return v
}

type rateLimit struct {
	gen.RateLimit
}

// limit returns the organization's value of a limiter, if it has one.
func (rl *rateLimit) limit(limiter string) (int64, bool) {
	for _, l := range rl.Limits {
		if l.Type == limiter {
			return l.Value, true
		}
	}
	return 0, false
}

type claudeCodeRecord struct {
	seq uint64
	rec gen.ClaudeCodeUsageRecord
}

func normEmail(e string) string { return strings.ToLower(strings.TrimSpace(e)) }

func ptr[T any](v T) *T { return &v }
