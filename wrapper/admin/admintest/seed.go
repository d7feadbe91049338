package admintest

import (
	"errors"
	"fmt"
	"maps"
	"net/mail"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The seeding methods add records directly, without HTTP. They check their
// input as the API would and return an error instead of a status.

// asError turns an *apiError into an error for the seeding methods.
func asError(e *apiError) error {
	if e == nil {
		return nil
	}
	if e.code != "" {
		return errors.New("admintest: " + string(e.code) + ": " + e.msg)
	}
	return errors.New("admintest: " + e.msg)
}

var organizationRoles = stringSet([]gen.OrganizationRole{
	gen.OrganizationRoleAdmin, gen.OrganizationRoleBilling, gen.OrganizationRoleClaudeCodeUser,
	gen.OrganizationRoleDeveloper, gen.OrganizationRoleManaged, gen.OrganizationRoleMembershipAdmin,
	gen.OrganizationRoleOwner, gen.OrganizationRolePrimaryOwner, gen.OrganizationRoleUser,
})

func validEmail(e string) bool {
	a, err := mail.ParseAddress(e)
	return err == nil && a.Address == e && strings.Contains(e[strings.LastIndexByte(e, '@'):], ".")
}

// orNow returns t, or now when t is zero.
func orNow(t, now time.Time) time.Time {
	if t.IsZero() {
		return now
	}
	return t.UTC()
}

// UserSeed describes a member of the organization for [Server.AddUser].
type UserSeed struct {
	// Email is required and unique among members (case-insensitively).
	Email string
	// Name defaults to the part of Email before the @.
	Name string
	// Role defaults to user. Any of the nine organization roles is allowed
	// here, including those the API cannot assign (admin, owner, ...).
	Role admin.OrganizationRole
	// AddedAt is when the user joined the organization (default: now).
	AddedAt time.Time
	// CreatedAt is when the user's account was created, reported by the
	// Compliance API (default: AddedAt).
	CreatedAt time.Time
}

// AddUser adds a member to the organization and returns it. Users are
// listed in the order they were added (their IDs sort that way), whatever
// their AddedAt.
func (s *Server) AddUser(u UserSeed) (admin.User, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	nu, e := s.addUserLocked(u, now)
	if e != nil {
		return gen.User{}, asError(e)
	}
	return nu.User, nil
}

func (s *Server) addUserLocked(u UserSeed, now time.Time) (*user, *apiError) {
	if !validEmail(u.Email) {
		return nil, badRequest("email: %q is not a valid email address", u.Email)
	}
	if _, ok := s.st.emails[normEmail(u.Email)]; ok {
		return nil, conflict("email: a member with email %q already exists", u.Email)
	}
	if u.Role == "" {
		u.Role = gen.OrganizationRoleUser
	}
	if !organizationRoles[string(u.Role)] {
		return nil, badRequest("role: unknown organization role %q", u.Role)
	}
	if u.Name == "" {
		u.Name = u.Email[:strings.IndexByte(u.Email, '@')]
	}
	added := orNow(u.AddedAt, now)
	nu := &user{
		User:      gen.User{ID: s.ids.next("user"), Type: gen.UserTypeUser, Email: u.Email, Name: u.Name, Role: u.Role, AddedAt: added},
		createdAt: orNow(u.CreatedAt, added),
	}
	s.st.users.put(nu.ID, nu)
	s.st.emails[normEmail(u.Email)] = nu.ID
	return nu, nil
}

// maxWorkspaceNameLength is the longest workspace name, in characters, that
// the API accepts (maxLength of the name in spec/admin-api.yaml).
const maxWorkspaceNameLength = 255

// WorkspaceSeed describes a workspace for [Server.AddWorkspace].
type WorkspaceSeed struct {
	// Name is required (1 to 255 characters) and unique among active
	// workspaces.
	Name string
	// DisplayColor is a hex colour such as "#6C5BB9" (the default).
	DisplayColor string
	// Tags are free key/value tags; keys may not start with "anthropic".
	Tags map[string]string
	// UserProfileID is the ID of the user profile attached to the
	// workspace; empty means none.
	UserProfileID string
	// CreatedAt defaults to now.
	CreatedAt time.Time
}

// AddWorkspace adds a workspace and returns it.
func (s *Server) AddWorkspace(w WorkspaceSeed) (admin.Workspace, error) {
	if n := utf8.RuneCountInString(w.Name); n < 1 || n > maxWorkspaceNameLength {
		return gen.Workspace{}, fmt.Errorf("admintest: name: must be 1 to %d characters, got %d", maxWorkspaceNameLength, n)
	}
	var color *string
	if w.DisplayColor != "" {
		color = &w.DisplayColor
	}
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	nw, e := s.addWorkspaceLocked(w.Name, color, w.Tags, nil, nil, orNow(w.CreatedAt, now))
	if e != nil {
		return gen.Workspace{}, asError(e)
	}
	if w.UserProfileID != "" {
		nw.UserProfileID = ptr(w.UserProfileID)
	}
	return nw.Workspace, nil
}

// ArchiveWorkspace archives a workspace and its API keys, as POST
// .../archive does, and returns it.
func (s *Server) ArchiveWorkspace(id string) (admin.Workspace, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	w, e := s.archiveWorkspaceLocked(id, now)
	if e != nil {
		return gen.Workspace{}, asError(e)
	}
	return w.Workspace, nil
}

// DefaultWorkspaceID returns the ID of the organization's default
// workspace, which every Server has. Lists show it only with
// include_default=true; it cannot be archived, changed or given members.
func (s *Server) DefaultWorkspaceID() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.st.defaultWorkspaceID
}

// AddWorkspaceMember adds a member of the organization to a workspace with
// any workspace role (workspace_billing included) and returns the
// membership.
func (s *Server) AddWorkspaceMember(workspaceID, userID string, role admin.WorkspaceRole) (admin.WorkspaceMember, error) {
	switch role {
	case gen.WorkspaceRoleWorkspaceAdmin, gen.WorkspaceRoleWorkspaceBilling, gen.WorkspaceRoleWorkspaceDeveloper,
		gen.WorkspaceRoleWorkspaceRestrictedDeveloper, gen.WorkspaceRoleWorkspaceUser:
	default:
		return gen.WorkspaceMember{}, fmt.Errorf("admintest: workspace_role: unknown workspace role %q", role)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.addMemberLocked(workspaceID, userID, role)
	if e != nil {
		return gen.WorkspaceMember{}, asError(e)
	}
	return m.view(workspaceID), nil
}

// InviteSeed describes an invite for [Server.AddInvite].
type InviteSeed struct {
	// Email is required.
	Email string
	// Role defaults to user.
	Role admin.OrganizationRole
	// InvitedAt defaults to now. The invite expires 21 days later; seed an
	// InvitedAt more than 21 days ago to get an expired invite.
	InvitedAt time.Time
	// RbacGroupIDs are the RBAC groups of the invite (default none).
	RbacGroupIDs []string
}

// AddInvite adds a pending invite (or an expired one, depending on
// InvitedAt) and returns it.
func (s *Server) AddInvite(i InviteSeed) (admin.Invite, error) {
	if i.Role == "" {
		i.Role = gen.OrganizationRoleUser
	}
	if !organizationRoles[string(i.Role)] {
		return gen.Invite{}, fmt.Errorf("admintest: role: unknown organization role %q", i.Role)
	}
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, e := s.addInviteLocked(i.Email, i.Role, i.RbacGroupIDs, orNow(i.InvitedAt, now), now)
	if e != nil {
		return gen.Invite{}, asError(e)
	}
	return inv.view(now), nil
}

// AcceptInvite accepts a pending invite, as the invitee would: the invite
// becomes accepted and a user with its email and role joins the
// organization and the invite's RBAC groups (those that still exist). It
// returns the new user.
func (s *Server) AcceptInvite(inviteID string) (admin.User, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.st.invites.get(inviteID)
	if !ok {
		return gen.User{}, asError(inviteNotFound(inviteID))
	}
	if st := i.status(now); st != gen.InviteStatusPending {
		return gen.User{}, fmt.Errorf("admintest: invite %q is %s, not pending", inviteID, st)
	}
	u, e := s.addUserLocked(UserSeed{Email: i.Email, Role: i.Role, AddedAt: now}, now)
	if e != nil {
		return gen.User{}, asError(e)
	}
	for _, id := range i.RBACGroupIDs {
		if g, ok := s.st.gov.rbacGroups.get(id); ok {
			if _, e := s.addGroupMemberLocked(g, u.ID, now); e != nil {
				return gen.User{}, asError(e)
			}
		}
	}
	ni := *i
	ni.Status, ni.AcceptedAt = gen.InviteStatusAccepted, ptr(now)
	s.st.invites.put(ni.ID, &ni)
	delete(s.st.inviteEmails, normEmail(ni.Email))
	return u.User, nil
}

// APIKeySeed describes an API key for [Server.AddAPIKey].
type APIKeySeed struct {
	// Name is required.
	Name string
	// WorkspaceID is the workspace the key belongs to; empty means the
	// default workspace.
	WorkspaceID string
	// CreatedByUserID, when set, must be a member; the key is then created
	// by and bound to that user.
	CreatedByUserID string
	// Status defaults to active. Expired cannot be seeded: set ExpiresAt.
	Status admin.APIKeyStatus
	// CreatedAt defaults to now.
	CreatedAt time.Time
	// ExpiresAt, when set, is when the key expires; an active key is
	// reported as expired from then on.
	ExpiresAt *time.Time
}

// AddAPIKey adds an API key (the API cannot create them) and returns it.
func (s *Server) AddAPIKey(k APIKeySeed) (admin.APIKey, error) {
	if k.Name == "" {
		return gen.APIKey{}, errors.New("admintest: name: is required")
	}
	if k.Status == "" {
		k.Status = gen.APIKeyStatusActive
	}
	switch k.Status {
	case gen.APIKeyStatusActive, gen.APIKeyStatusInactive, gen.APIKeyStatusArchived:
	default:
		return gen.APIKey{}, fmt.Errorf("admintest: status: cannot seed status %q", k.Status)
	}
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	wsID := k.WorkspaceID
	if wsID == "" {
		wsID = s.st.defaultWorkspaceID
	}
	w, ok := s.st.workspaces.get(wsID)
	if !ok {
		return gen.APIKey{}, asError(workspaceNotFound(wsID))
	}
	id := s.ids.next("apikey")
	nk := &apiKey{gen.APIKey{
		ID:             id,
		Type:           gen.APIKeyTypeAPIKey,
		Name:           k.Name,
		CreatedAt:      orNow(k.CreatedAt, now),
		ExpiresAt:      k.ExpiresAt,
		PartialKeyHint: ptr("sk-ant-api03-" + id[len(id)-3:] + "..." + id[len(id)-7:len(id)-3]),
		Status:         k.Status,
		Scope:          gen.APIKeyScope{Type: gen.APIKeyScopeTypeWorkspace, WorkspaceID: ptr(wsID)},
	}}
	if !w.isDefault {
		nk.WorkspaceID = ptr(wsID)
	}
	if w.ArchivedAt != nil {
		nk.Status = gen.APIKeyStatusArchived
	}
	if k.CreatedByUserID != "" {
		if _, ok := s.st.users.get(k.CreatedByUserID); !ok {
			return gen.APIKey{}, asError(userNotFound(k.CreatedByUserID))
		}
		nk.CreatedBy = &gen.APIKeyCreator{ID: k.CreatedByUserID, Type: gen.APIKeyCreatorTypeUser}
		nk.Principal = &gen.APIKeyPrincipal{Type: gen.APIKeyPrincipalTypeUserActor, UserID: ptr(k.CreatedByUserID)}
	}
	s.st.apiKeys.put(id, nk)
	return nk.view(now), nil
}

// RateLimitSeed describes one organization rate limit for
// [Server.AddRateLimit].
type RateLimitSeed struct {
	// GroupType is required.
	GroupType admin.RateLimitGroupType
	// DisplayName is the group's name (model groups only).
	DisplayName string
	// Models are the models the limit applies to (model groups only).
	Models []string
	// Limits maps limiters (such as "requests_per_minute") to values; at
	// least one is required.
	Limits map[string]int64
}

// AddRateLimit adds an organization rate limit and returns it.
func (s *Server) AddRateLimit(r RateLimitSeed) (admin.RateLimit, error) {
	switch r.GroupType {
	case gen.RateLimitGroupTypeModelGroup, gen.RateLimitGroupTypeBatch, gen.RateLimitGroupTypeTokenCount,
		gen.RateLimitGroupTypeFiles, gen.RateLimitGroupTypeSkills, gen.RateLimitGroupTypeWebSearch:
	default:
		return gen.RateLimit{}, fmt.Errorf("admintest: group_type: unknown rate limit group type %q", r.GroupType)
	}
	if len(r.Limits) == 0 {
		return gen.RateLimit{}, errors.New("admintest: limits: at least one limit is required")
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	rl := &rateLimit{gen.RateLimit{
		ID:    s.ids.next("rl"),
		Type:  gen.RateLimitTypeRateLimit,
		Group: gen.RateLimitGroup{ID: s.ids.next("rlg"), Type: r.GroupType},
	}}
	if r.GroupType == gen.RateLimitGroupTypeModelGroup {
		rl.Models = slices.Clone(r.Models)
		if rl.Models == nil {
			rl.Models = []string{}
		}
		if r.DisplayName != "" {
			rl.Group.DisplayName = ptr(r.DisplayName)
		}
	}
	for _, k := range slices.Sorted(maps.Keys(r.Limits)) {
		rl.Limits = append(rl.Limits, gen.RateLimitValue{Type: k, Value: r.Limits[k]})
	}
	s.st.rateLimits.put(rl.ID, rl)
	return rl.RateLimit, nil
}

// UsageRecord is Messages API usage for [Server.AddUsage]: what one or more
// requests used at a time. The usage report sums records per time bucket
// and group.
type UsageRecord struct {
	// Time is when the usage happened (required).
	Time time.Time
	// APIKeyID is the key used; empty means Console usage (reported null).
	APIKeyID string
	// WorkspaceID is the workspace; empty means the default workspace
	// (reported null).
	WorkspaceID string
	// Model is the model, such as "claude-sonnet-4-5".
	Model string
	// ServiceTier defaults to standard.
	ServiceTier admin.ServiceTier
	// ContextWindow defaults to 0-200k.
	ContextWindow admin.ContextWindow
	// InferenceGeo defaults to global.
	InferenceGeo admin.UsageInferenceGeo
	// Speed defaults to standard.
	Speed admin.Speed
	// AccountID is the user account of OAuth requests (empty: none).
	AccountID string
	// ServiceAccountID is the service account of federated requests.
	ServiceAccountID string

	// UncachedInputTokens counts the input tokens neither read from nor
	// written to the cache.
	UncachedInputTokens int64
	// OutputTokens counts the output tokens.
	OutputTokens int64
	// CacheReadInputTokens counts the input tokens read from the cache.
	CacheReadInputTokens int64
	// CacheCreation1hInputTokens counts the tokens written to the one-hour
	// cache.
	CacheCreation1hInputTokens int64
	// CacheCreation5mInputTokens counts the tokens written to the
	// five-minute cache.
	CacheCreation5mInputTokens int64
	// WebSearchRequests counts the server-side web searches.
	WebSearchRequests int64

	// Product is the product surface of the usage for the analytics
	// endpoints, such as "messages_api" (empty: null).
	Product string
	// UserProfileID is the user profile (uprof_...) the usage is attributed
	// to in the analytics endpoints (empty: none).
	UserProfileID string
	// Requests counts the API requests of the record for the analytics
	// endpoints; zero counts as one request.
	Requests int64
}

// AddUsage adds Messages API usage records.
func (s *Server) AddUsage(records ...UsageRecord) error {
	for i := range records {
		r := &records[i]
		if r.Time.IsZero() {
			return fmt.Errorf("admintest: usage record %d: Time is required", i)
		}
		r.Time = r.Time.UTC()
		r.ServiceTier = cmpOr(r.ServiceTier, gen.ServiceTierStandard)
		r.ContextWindow = cmpOr(r.ContextWindow, gen.ContextWindowUpTo200K)
		r.InferenceGeo = cmpOr(r.InferenceGeo, gen.UsageInferenceGeoGlobal)
		r.Speed = cmpOr(r.Speed, gen.SpeedStandard)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.usage = insertSorted(s.st.usage, records, func(r *UsageRecord) time.Time { return r.Time })
	return nil
}

// CostRecord is a cost for [Server.AddCost]. The cost report sums records
// per day and group.
type CostRecord struct {
	// Date is the day of the cost (required; truncated to midnight UTC).
	Date time.Time
	// Amount is the cost in cents as a decimal string, such as "123.45"
	// ($1.2345), with at most six decimals (required).
	Amount string
	// WorkspaceID is the workspace; empty means the default workspace
	// (reported null).
	WorkspaceID string
	// Description says what the cost is for, such as "Claude Sonnet 4.5
	// Usage - Input Tokens".
	Description string
	// CostType defaults to tokens.
	CostType admin.CostType
	// Model is the model, when the cost is for one.
	Model string
	// ServiceTier is standard or batch (default standard).
	ServiceTier admin.CostServiceTier
	// ContextWindow defaults to 0-200k.
	ContextWindow admin.ContextWindow
	// TokenType is the kind of tokens of a token cost.
	TokenType admin.TokenType
	// InferenceGeo defaults to global.
	InferenceGeo admin.UsageInferenceGeo

	// ListAmount is the list price (before discounts) in cents as a decimal
	// string, for the analytics cost endpoint; empty means Amount.
	ListAmount string
	// APIKeyID is the API key the cost is attributed to in the analytics
	// cost endpoint (empty: none).
	APIKeyID string
	// AccountID is the user the cost is attributed to in the analytics cost
	// endpoints (empty: none; the API key is then the actor).
	AccountID string
	// Product is the product surface of the cost for the analytics cost
	// endpoint, such as "messages_api" (empty: null).
	Product string
	// UserProfileID is the user profile (uprof_...) the cost is attributed
	// to in the analytics cost endpoint (empty: none).
	UserProfileID string
	// Requests counts the API requests the cost is for, in the analytics
	// cost endpoint.
	Requests int64

	amount     int64 // Amount in millionths of a cent
	listAmount int64 // ListAmount (or Amount) in millionths of a cent
}

// AddCost adds cost records.
func (s *Server) AddCost(records ...CostRecord) error {
	for i := range records {
		r := &records[i]
		if r.Date.IsZero() {
			return fmt.Errorf("admintest: cost record %d: Date is required", i)
		}
		n, err := parseAmount(r.Amount)
		if err != nil {
			return fmt.Errorf("admintest: cost record %d: %w", i, err)
		}
		r.amount, r.listAmount = n, n
		if r.ListAmount != "" {
			if r.listAmount, err = parseAmount(r.ListAmount); err != nil {
				return fmt.Errorf("admintest: cost record %d: list amount: %w", i, err)
			}
		}
		r.Date = r.Date.UTC().Truncate(24 * time.Hour)
		r.CostType = cmpOr(r.CostType, gen.CostTypeTokens)
		r.ServiceTier = cmpOr(r.ServiceTier, gen.CostServiceTierStandard)
		r.ContextWindow = cmpOr(r.ContextWindow, gen.ContextWindowUpTo200K)
		r.InferenceGeo = cmpOr(r.InferenceGeo, gen.UsageInferenceGeoGlobal)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.st.costs = insertSorted(s.st.costs, records, func(r *CostRecord) time.Time { return r.Date })
	return nil
}

// AddClaudeCodeUsage adds Claude Code usage records. Each is reported for
// the UTC day of its Date, in the order added; OrganizationID defaults to
// the server's organization, and nil maps and slices become empty ones.
func (s *Server) AddClaudeCodeUsage(records ...admin.ClaudeCodeUsageRecord) error {
	for i, r := range records {
		if r.Date.IsZero() {
			return fmt.Errorf("admintest: Claude Code record %d: Date is required", i)
		}
		if r.Actor.Type != gen.ClaudeCodeActorTypeUserActor && r.Actor.Type != gen.ClaudeCodeActorTypeAPIActor {
			return fmt.Errorf("admintest: Claude Code record %d: unknown actor type %q", i, r.Actor.Type)
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, r := range records {
		r.Date = r.Date.UTC().Truncate(24 * time.Hour)
		r.OrganizationID = cmpOr(r.OrganizationID, s.org.ID)
		r.CustomerType = cmpOr(r.CustomerType, gen.CustomerTypeAPI)
		if r.ToolActions == nil {
			r.ToolActions = map[string]gen.ToolActionCounts{}
		}
		if r.ModelBreakdown == nil {
			r.ModelBreakdown = []gen.ClaudeCodeModelBreakdown{}
		}
		day := r.Date.Format("2006-01-02")
		s.st.claudeCodeSeq++
		s.st.claudeCode[day] = append(s.st.claudeCode[day], claudeCodeRecord{seq: s.st.claudeCodeSeq, rec: r})
	}
	return nil
}

func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// insertSorted merges recs into the time-sorted slice dst, keeping it
// sorted (records with equal times stay in insertion order).
func insertSorted[T any](dst, recs []T, at func(*T) time.Time) []T {
	for _, r := range recs {
		t := at(&r)
		i := sort.Search(len(dst), func(i int) bool { return at(&dst[i]).After(t) })
		dst = slices.Insert(dst, i, r)
	}
	return dst
}

// parseAmount parses a non-negative decimal amount of cents into millionths
// of a cent.
func parseAmount(s string) (int64, error) {
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(frac) > 6 || strings.ContainsAny(whole+frac, "+-") {
		return 0, fmt.Errorf("amount %q is not a decimal with at most six decimals", s)
	}
	w, err := strconv.ParseInt(whole, 10, 64)
	if err != nil || w > 1e12 {
		return 0, fmt.Errorf("amount %q is not a decimal with at most six decimals", s)
	}
	var f int64
	if frac != "" {
		if f, err = strconv.ParseInt(frac+strings.Repeat("0", 6-len(frac)), 10, 64); err != nil {
			return 0, fmt.Errorf("amount %q is not a decimal with at most six decimals", s)
		}
	}
	return w*1e6 + f, nil
}

// formatAmount formats millionths of a cent as a decimal string of cents
// with no trailing zeros ("123.45", "7").
func formatAmount(n int64) string {
	s := fmt.Sprintf("%d.%06d", n/1e6, n%1e6)
	s = strings.TrimRight(s, "0")
	return strings.TrimSuffix(s, ".")
}
