package admintest

import (
	"context"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// Spend limits, the effective limits of members and members' requests for
// more. Amounts are whole cents (the spec's pattern refuses anything
// else); the currency is always USD.
//
// A limit is keyed on its scope and period: setting one that exists
// replaces its amount (same ID, new updated_at). The API sets
// organization, workspace and user limits; the other scope types come
// only from seeding ([Server.AddSpendLimit]). A scope must name an
// existing user, an unarchived workspace or an existing RBAC group (400);
// organization and workspace limits are monthly and carry an amount
// (400). usage_tier, seat_tier, rbac_group and organization_service
// limits cannot be deleted through the API (400). Removing a user deletes
// their user limits, deleting an RBAC group its group limits.
//
// A member's effective limit for a period is, first that applies: their
// user limit (an explicit null amount means no cap); else the limit of an
// RBAC group they are in (of several, the highest, null highest of all;
// on a tie the oldest); else the enabled organization limit, read as the
// default of every member. seat_tier, organization_service, workspace and
// usage_tier limits resolve for no member.
//
// Increase requests are listed newest first, without those of people who
// are no longer members. Only a pending request is approved (400
// otherwise); approving sets the requester's user limit for the period
// (the request's unless the approval names one), as setting it would.
// Denying a pending request denies it, denying a denied one returns it
// unchanged, denying an approved one is 400. A request resolved through
// the API is resolved by [AdminKeyActorID].

// SpendLimitReadsBeta is the anthropic-beta value that listing spend
// limits needs (400 without it), as SDK v2.15.0 sends it.
const SpendLimitReadsBeta = "spend-limit-reads-2026-09-26"

// AdminKeyActorID is the scoped_api_key_id of the actor the server records
// as resolved_by when a spend limit increase request is approved or denied
// with its Admin key.
const AdminKeyActorID = "apikey_01FakeAdminKeyAdmintest0"

// spendCurrency is the currency of every amount of the fake.
const spendCurrency = "USD"

// spendState is what the server stores of spend limits. Guarded by
// Server.mu.
type spendState struct {
	// ids makes the limits' and requests' IDs (see nextSpendID). It is not
	// the server's generator, so that the demo's limits, seeded last, shift
	// no ID that tests draw after the demo data.
	ids      *idGen
	limits   *table[gen.SpendLimit]
	byKey    map[string]string // spendKey of scope and period -> limit ID
	requests *table[increaseRequest]
	spend    map[string]money.Cents // user ID + "/" + period -> period-to-date spend
}

// increaseRequest is a stored spend limit increase request.
type increaseRequest struct {
	id         string
	userID     string
	period     gen.SpendLimitPeriod
	status     gen.SpendLimitIncreaseRequestStatus
	createdAt  time.Time
	resolvedAt *time.Time
	resolvedBy *gen.SpendLimitActor
}

func newSpendState() *spendState {
	return &spendState{
		limits:   newTable[gen.SpendLimit](),
		byKey:    make(map[string]string),
		requests: newTable[increaseRequest](),
		spend:    make(map[string]money.Cents),
	}
}

// spendLocked returns the spend limit state.
func (s *Server) spendLocked() *spendState { return s.st.spend }

// nextSpendID returns a new ID with the prefix from the spend limits' own
// generator, made on first use; the caller holds the write lock.
func (s *Server) nextSpendID(prefix string) string {
	st := s.st.spend
	if st.ids == nil {
		st.ids = newIDGen(s.seed ^ 0x5be4d)
	}
	return st.ids.next(prefix)
}

// spendKey identifies a limit's scope and period.
func spendKey(sc gen.SpendLimitScope, p gen.SpendLimitPeriod) string {
	return strings.Join([]string{string(sc.Type), sval(sc.Service), sval(sc.RBACGroupID), sval(sc.SeatTier), sval(sc.UserID), sval(sc.WorkspaceID), string(p)}, "|")
}

func sval(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

func spendLimitNotFound(id string) *apiError {
	return notFound("spend_limit_id: no spend limit %q", id)
}

func increaseRequestNotFound(id string) *apiError {
	return notFound("spend_limit_increase_request_id: no spend limit increase request %q", id)
}

// checkScopeLocked checks that sc carries the fields of its type, and only
// those, and that what it names exists.
func (s *Server) checkScopeLocked(sc gen.SpendLimitScope) *apiError {
	fields := []struct {
		name string
		v    *string
		of   gen.SpendLimitScopeType
	}{
		{"service", sc.Service, gen.SpendLimitScopeTypeOrganizationService},
		{"rbac_group_id", sc.RBACGroupID, gen.SpendLimitScopeTypeRBACGroup},
		{"seat_tier", sc.SeatTier, gen.SpendLimitScopeTypeSeatTier},
		{"user_id", sc.UserID, gen.SpendLimitScopeTypeUser},
		{"workspace_id", sc.WorkspaceID, gen.SpendLimitScopeTypeWorkspace},
	}
	for _, f := range fields {
		switch {
		case f.of == sc.Type && (f.v == nil || *f.v == ""):
			return badRequest("scope.%s: required for scope type %s", f.name, sc.Type)
		case f.of != sc.Type && f.v != nil:
			return badRequest("scope.%s: not allowed for scope type %s", f.name, sc.Type)
		}
	}
	switch sc.Type {
	case gen.SpendLimitScopeTypeUser:
		if _, ok := s.st.users.get(*sc.UserID); !ok {
			return badRequest("scope.user_id: no user %q in the organization", *sc.UserID)
		}
	case gen.SpendLimitScopeTypeWorkspace:
		w, ok := s.st.workspaces.get(*sc.WorkspaceID)
		if !ok {
			return badRequest("scope.workspace_id: no workspace %q", *sc.WorkspaceID)
		}
		if w.ArchivedAt != nil {
			return badRequest("scope.workspace_id: workspace %q is archived", *sc.WorkspaceID)
		}
	case gen.SpendLimitScopeTypeRBACGroup:
		if _, ok := s.st.gov.rbacGroups.get(*sc.RBACGroupID); !ok {
			return badRequest("scope.rbac_group_id: no RBAC group %q", *sc.RBACGroupID)
		}
	}
	return nil
}

// checkAmount refuses an amount that is not a non-negative whole number
// of cents (the spec's pattern does it for requests; seeds come here).
func checkAmount(field string, a *money.Cents) *apiError {
	if a == nil {
		return nil
	}
	if r := a.Rat(); r.Sign() < 0 || !r.IsInt() {
		return badRequest("%s: %q is not a non-negative whole number of cents", field, a.String())
	}
	return nil
}

// setSpendLimitLocked checks and upserts the limit of sc and p.
func (s *Server) setSpendLimitLocked(sc gen.SpendLimitScope, p gen.SpendLimitPeriod, amount *money.Cents, now time.Time) (gen.SpendLimit, *apiError) {
	if e := s.checkScopeLocked(sc); e != nil {
		return gen.SpendLimit{}, e
	}
	if e := checkAmount("amount", amount); e != nil {
		return gen.SpendLimit{}, e
	}
	if sc.Type == gen.SpendLimitScopeTypeOrganization || sc.Type == gen.SpendLimitScopeTypeWorkspace {
		if p != gen.SpendLimitPeriodMonthly {
			return gen.SpendLimit{}, badRequest("period: %s limits are monthly, not %s", sc.Type, p)
		}
		if amount == nil {
			return gen.SpendLimit{}, badRequest("amount: %s limits always carry an amount", sc.Type)
		}
	}
	st := s.spendLocked()
	key := spendKey(sc, p)
	if id, ok := st.byKey[key]; ok {
		old, _ := st.limits.get(id)
		l := *old
		l.Amount, l.UpdatedAt = amount, now
		st.limits.put(id, &l)
		return l, nil
	}
	l := gen.SpendLimit{
		ID: s.nextSpendID("spl"), Type: gen.SpendLimitTypeSpendLimit, Amount: amount, Currency: spendCurrency,
		IsEnabled: true, Period: p, Scope: sc, CreatedAt: now, UpdatedAt: now,
	}
	st.limits.put(l.ID, &l)
	st.byKey[key] = l.ID
	return l, nil
}

// dropSpendLimitsLocked deletes the limits whose scope has type t and
// names id, when the user or RBAC group id goes away.
func (s *Server) dropSpendLimitsLocked(t gen.SpendLimitScopeType, id string) {
	st := s.st.spend
	var gone []string
	st.limits.all(func(lid string, l *gen.SpendLimit) bool {
		if l.Scope.Type == t && (sval(l.Scope.UserID) == id || sval(l.Scope.RBACGroupID) == id) {
			gone = append(gone, lid)
		}
		return true
	})
	for _, lid := range gone {
		l, _ := st.limits.get(lid)
		delete(st.byKey, spendKey(l.Scope, l.Period))
		st.limits.del(lid)
	}
}

func (s *api) ListSpendLimits(ctx context.Context, req server.ListSpendLimitsRequestObject) (server.ListSpendLimitsResponseObject, error) {
	p := req.Params
	kind := "spend-limits"
	for _, t := range p.ScopeTypes {
		kind += "," + string(t)
	}
	if p.WorkspaceID != nil {
		kind += "@" + *p.WorkspaceID
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := newestFirst(s.spendLocked().limits, kind, p.Limit, p.Page,
		func(l *gen.SpendLimit) bool {
			return (len(p.ScopeTypes) == 0 || slices.Contains(p.ScopeTypes, l.Scope.Type)) &&
				(p.WorkspaceID == nil || sval(l.Scope.WorkspaceID) == *p.WorkspaceID)
		},
		func(l *gen.SpendLimit) gen.SpendLimit { return *l })
	if e != nil {
		return nil, e
	}
	return server.ListSpendLimits200JSONResponse{Body: gen.SpendLimitList{Data: data, NextPage: next}}, nil
}

func (s *api) SetSpendLimit(ctx context.Context, req server.SetSpendLimitRequestObject) (server.SetSpendLimitResponseObject, error) {
	now := s.Now()
	b := req.Body
	sc := gen.SpendLimitScope{Type: gen.SpendLimitScopeType(b.Scope.Type), UserID: b.Scope.UserID, WorkspaceID: b.Scope.WorkspaceID}
	p := gen.SpendLimitPeriodMonthly
	if b.Period != nil {
		p = *b.Period
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	l, e := s.setSpendLimitLocked(sc, p, b.Amount, now)
	if e != nil {
		return nil, e
	}
	return server.SetSpendLimit200JSONResponse{Body: l}, nil
}

func (s *api) GetSpendLimit(ctx context.Context, req server.GetSpendLimitRequestObject) (server.GetSpendLimitResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	l, ok := s.spendLocked().limits.get(req.SpendLimitID)
	if !ok {
		return nil, spendLimitNotFound(req.SpendLimitID)
	}
	return server.GetSpendLimit200JSONResponse{Body: *l}, nil
}

func (s *api) DeleteSpendLimit(ctx context.Context, req server.DeleteSpendLimitRequestObject) (server.DeleteSpendLimitResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.spendLocked()
	l, ok := st.limits.get(req.SpendLimitID)
	if !ok {
		return nil, spendLimitNotFound(req.SpendLimitID)
	}
	switch l.Scope.Type {
	case gen.SpendLimitScopeTypeUsageTier:
		return nil, badRequest("spend limit %q is the usage tier's, which Anthropic sets; it cannot be deleted", l.ID)
	case gen.SpendLimitScopeTypeSeatTier, gen.SpendLimitScopeTypeRBACGroup, gen.SpendLimitScopeTypeOrganizationService:
		return nil, badRequest("spend limit %q has scope %s, which is configured in claude.ai; it cannot be deleted through the API", l.ID, l.Scope.Type)
	}
	delete(st.byKey, spendKey(l.Scope, l.Period))
	st.limits.del(l.ID)
	return server.DeleteSpendLimit200JSONResponse{Body: gen.SpendLimitDeleted{ID: l.ID, Type: gen.SpendLimitDeletedTypeSpendLimitDeleted}}, nil
}

// --------------------------------------------------------- effective limits

// userActorLocked returns the actor of the user id; its email and name are
// null when the user is no longer a member.
func (s *Server) userActorLocked(id string) gen.SpendLimitActor {
	a := gen.SpendLimitActor{Type: gen.SpendLimitActorTypeUserActor, UserID: ptr(id), Deleted: ptr(false)}
	if u, ok := s.st.users.get(id); ok {
		a.EmailAddress, a.Name = ptr(u.Email), ptr(u.Name)
	}
	return a
}

// effectiveLimitLocked returns the limit that applies to the user for the
// period (see the file comment), or nil.
func (s *Server) effectiveLimitLocked(userID string, p gen.SpendLimitPeriod) *gen.SpendLimit {
	st := s.spendLocked()
	user := gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: &userID}
	if id, ok := st.byKey[spendKey(user, p)]; ok {
		l, _ := st.limits.get(id)
		return l
	}
	var best *gen.SpendLimit
	st.limits.all(func(_ string, l *gen.SpendLimit) bool {
		if l.Scope.Type != gen.SpendLimitScopeTypeRBACGroup || l.Period != p {
			return true
		}
		g, ok := s.st.gov.rbacGroups.get(*l.Scope.RBACGroupID)
		if !ok {
			return true
		}
		if _, member := g.members.get(userID); !member {
			return true
		}
		if best == nil || higher(l.Amount, best.Amount) {
			best = l
		}
		return true
	})
	if best != nil {
		return best
	}
	if id, ok := st.byKey[spendKey(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeOrganization}, p)]; ok {
		if l, _ := st.limits.get(id); l.IsEnabled {
			return l
		}
	}
	return nil
}

// higher reports whether cap a is higher than cap b; nil is no cap, the
// highest.
func higher(a, b *money.Cents) bool {
	switch {
	case b == nil:
		return false
	case a == nil:
		return true
	}
	return a.Cmp(*b) > 0
}

// summaryLocked returns the user's effective limit row for the period, if
// a limit applies.
func (s *Server) summaryLocked(userID string, p gen.SpendLimitPeriod) (gen.SpendSummary, bool) {
	l := s.effectiveLimitLocked(userID, p)
	if l == nil {
		return gen.SpendSummary{}, false
	}
	spent, ok := s.spendLocked().spend[userID+"/"+string(p)]
	if !ok {
		spent = money.MustParseCents("0")
	}
	return gen.SpendSummary{
		Actor: s.userActorLocked(userID), Amount: l.Amount, Currency: spendCurrency, Period: p,
		PeriodToDateSpend: spent,
		Scope:             gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: ptr(userID)},
		Source:            l.Scope, SpendLimitID: l.ID,
	}, true
}

// summariesLocked returns the user's rows for the periods (every period
// when empty), in the order daily, weekly, monthly.
func (s *Server) summariesLocked(userID string, periods []gen.SpendLimitPeriod) []gen.SpendSummary {
	var rows []gen.SpendSummary
	for _, p := range admin.SpendLimitPeriodValues() {
		if len(periods) > 0 && !slices.Contains(periods, p) {
			continue
		}
		if r, ok := s.summaryLocked(userID, p); ok {
			rows = append(rows, r)
		}
	}
	return rows
}

func (s *api) ListEffectiveSpendLimits(ctx context.Context, req server.ListEffectiveSpendLimitsRequestObject) (server.ListEffectiveSpendLimitsResponseObject, error) {
	p := req.Params
	kind := "effective-spend-limits"
	after, e := parsePageToken(kind, p.Page)
	if e != nil {
		return nil, e
	}
	c := cursor{limit: defaultLimit, afterID: after}
	if p.Limit != nil {
		c.limit = *p.Limit
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	keep := func(u *user) bool {
		return (len(p.UserIDs) == 0 || slices.Contains(p.UserIDs, u.ID)) && len(s.summariesLocked(u.ID, p.Periods)) > 0
	}
	ids, _, more := s.st.users.page(c, keep)
	data := []gen.SpendSummary{}
	for _, id := range ids {
		data = append(data, s.summariesLocked(id, p.Periods)...)
	}
	var next *string
	if more {
		next = pageToken(kind, ids[len(ids)-1])
	}
	return server.ListEffectiveSpendLimits200JSONResponse{Body: gen.SpendSummaryList{Data: data, NextPage: next}}, nil
}

// --------------------------------------------------------- increase requests

// viewRequestLocked returns the wire form of r, with a live spend summary
// while it is pending.
func (s *Server) viewRequestLocked(r *increaseRequest) gen.SpendLimitIncreaseRequest {
	v := gen.SpendLimitIncreaseRequest{
		ID: r.id, Type: gen.SpendLimitIncreaseRequestTypeSpendLimitIncreaseRequest, Actor: s.userActorLocked(r.userID),
		CreatedAt: r.createdAt, Period: r.period, Status: r.status, ResolvedAt: r.resolvedAt, ResolvedBy: r.resolvedBy,
	}
	if r.status == gen.SpendLimitIncreaseRequestStatusPending {
		if sum, ok := s.summaryLocked(r.userID, r.period); ok {
			v.SpendSummary = &sum
		}
	}
	return v
}

func (s *api) ListSpendLimitIncreaseRequests(ctx context.Context, req server.ListSpendLimitIncreaseRequestsRequestObject) (server.ListSpendLimitIncreaseRequestsResponseObject, error) {
	p := req.Params
	kind := "spend-limit-increase-requests"
	for _, st := range p.Statuses {
		kind += "," + string(st)
	}
	for _, id := range p.ActorIDs {
		kind += "@" + id
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := newestFirst(s.spendLocked().requests, kind, p.Limit, p.Page,
		func(r *increaseRequest) bool {
			_, member := s.st.users.get(r.userID)
			return member && (len(p.Statuses) == 0 || slices.Contains(p.Statuses, r.status)) &&
				(len(p.ActorIDs) == 0 || slices.Contains(p.ActorIDs, r.userID))
		},
		s.viewRequestLocked)
	if e != nil {
		return nil, e
	}
	return server.ListSpendLimitIncreaseRequests200JSONResponse{Body: gen.SpendLimitIncreaseRequestList{Data: data, NextPage: next}}, nil
}

func (s *api) GetSpendLimitIncreaseRequest(ctx context.Context, req server.GetSpendLimitIncreaseRequestRequestObject) (server.GetSpendLimitIncreaseRequestResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, ok := s.spendLocked().requests.get(req.SpendLimitIncreaseRequestID)
	if !ok {
		return nil, increaseRequestNotFound(req.SpendLimitIncreaseRequestID)
	}
	return server.GetSpendLimitIncreaseRequest200JSONResponse{Body: s.viewRequestLocked(r)}, nil
}

// adminKeyActor is who resolves a request through the API.
func adminKeyActor() *gen.SpendLimitActor {
	return &gen.SpendLimitActor{Type: gen.SpendLimitActorTypeScopedAPIKeyActor, ScopedAPIKeyID: ptr(AdminKeyActorID)}
}

func (s *api) ApproveSpendLimitIncreaseRequest(ctx context.Context, req server.ApproveSpendLimitIncreaseRequestRequestObject) (server.ApproveSpendLimitIncreaseRequestResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.spendLocked()
	old, ok := st.requests.get(req.SpendLimitIncreaseRequestID)
	if !ok {
		return nil, increaseRequestNotFound(req.SpendLimitIncreaseRequestID)
	}
	if old.status != gen.SpendLimitIncreaseRequestStatusPending {
		return nil, badRequest("spend limit increase request %q is %s; only a pending request can be approved", old.id, old.status)
	}
	if _, member := s.st.users.get(old.userID); !member {
		return nil, badRequest("spend limit increase request %q: the requester %q is no longer a member", old.id, old.userID)
	}
	p := old.period
	if req.Body.Period != nil {
		p = *req.Body.Period
	}
	amount := req.Body.Amount
	l, e := s.setSpendLimitLocked(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: ptr(old.userID)}, p, &amount, now)
	if e != nil {
		return nil, e
	}
	r := *old
	r.status, r.resolvedAt, r.resolvedBy = gen.SpendLimitIncreaseRequestStatusApproved, &now, adminKeyActor()
	st.requests.put(r.id, &r)
	v := s.viewRequestLocked(&r)
	out := gen.ApprovedSpendLimitIncreaseRequest{
		ID: v.ID, Type: v.Type, Actor: v.Actor, CreatedAt: v.CreatedAt, Period: v.Period, Status: v.Status,
		ResolvedAt: v.ResolvedAt, ResolvedBy: v.ResolvedBy, SpendLimit: l,
	}
	if sum, ok := s.summaryLocked(r.userID, r.period); ok {
		out.SpendSummary = &sum
	}
	return server.ApproveSpendLimitIncreaseRequest200JSONResponse{Body: out}, nil
}

func (s *api) DenySpendLimitIncreaseRequest(ctx context.Context, req server.DenySpendLimitIncreaseRequestRequestObject) (server.DenySpendLimitIncreaseRequestResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.spendLocked()
	old, ok := st.requests.get(req.SpendLimitIncreaseRequestID)
	if !ok {
		return nil, increaseRequestNotFound(req.SpendLimitIncreaseRequestID)
	}
	switch old.status {
	case gen.SpendLimitIncreaseRequestStatusDenied:
		return server.DenySpendLimitIncreaseRequest200JSONResponse{Body: s.viewRequestLocked(old)}, nil
	case gen.SpendLimitIncreaseRequestStatusApproved:
		return nil, badRequest("spend limit increase request %q is approved; it cannot be denied", old.id)
	}
	r := *old
	r.status, r.resolvedAt, r.resolvedBy = gen.SpendLimitIncreaseRequestStatusDenied, &now, adminKeyActor()
	st.requests.put(r.id, &r)
	return server.DenySpendLimitIncreaseRequest200JSONResponse{Body: s.viewRequestLocked(&r)}, nil
}

// ------------------------------------------------------------------ seeding

// SpendLimitSeed describes a spend limit for [Server.AddSpendLimit].
type SpendLimitSeed struct {
	// Scope is any of the seven scope types with its field (user_id of an
	// existing user, workspace_id of an unarchived workspace, rbac_group_id
	// of an existing RBAC group, a service, a seat tier).
	Scope admin.SpendLimitScope
	// Period defaults to monthly; organization and workspace limits are
	// monthly.
	Period admin.SpendLimitPeriod
	// Amount is a non-negative whole number of cents; nil is no cap, which
	// organization and workspace limits do not allow.
	Amount *money.Cents
	// Disabled switches extra usage off: the limit's is_enabled is false
	// and it applies to no member (organization limits only).
	Disabled bool
	// CreatedAt defaults to now; it is also the limit's updated_at.
	CreatedAt time.Time
}

// AddSpendLimit adds a spend limit and returns it. A limit for the same
// scope and period, an invalid scope or amount is an error.
func (s *Server) AddSpendLimit(l SpendLimitSeed) (admin.SpendLimit, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p := cmpOr(l.Period, gen.SpendLimitPeriodMonthly)
	if _, ok := s.spendLocked().byKey[spendKey(l.Scope, p)]; ok {
		return gen.SpendLimit{}, fmt.Errorf("admintest: a %s spend limit of this %s scope exists", p, l.Scope.Type)
	}
	if l.Disabled && l.Scope.Type != gen.SpendLimitScopeTypeOrganization {
		return gen.SpendLimit{}, fmt.Errorf("admintest: only an organization limit can be disabled")
	}
	got, e := s.setSpendLimitLocked(l.Scope, p, l.Amount, orNow(l.CreatedAt, now))
	if e != nil {
		return gen.SpendLimit{}, asError(e)
	}
	if l.Disabled {
		got.IsEnabled = false
		s.st.spend.limits.put(got.ID, &got)
	}
	return got, nil
}

// SpendLimitIncreaseRequestSeed describes a spend limit increase request
// for [Server.AddSpendLimitIncreaseRequest].
type SpendLimitIncreaseRequestSeed struct {
	// UserID is the requester, an existing user.
	UserID string
	// Period defaults to monthly.
	Period admin.SpendLimitPeriod
	// Status defaults to pending. Seeding an approved request writes no
	// limit: seed the one it wrote with AddSpendLimit.
	Status admin.SpendLimitIncreaseRequestStatus
	// CreatedAt defaults to now.
	CreatedAt time.Time
	// ResolvedAt is when an approved or denied request was resolved;
	// default CreatedAt.
	ResolvedAt time.Time
	// ResolvedByUserID is the user who resolved an approved or denied
	// request; empty means the server's Admin key ([AdminKeyActorID]).
	ResolvedByUserID string
}

// AddSpendLimitIncreaseRequest adds a spend limit increase request and
// returns it. Requests are listed newest first in the order they were
// added.
func (s *Server) AddSpendLimitIncreaseRequest(r SpendLimitIncreaseRequestSeed) (admin.SpendLimitIncreaseRequest, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.users.get(r.UserID); !ok {
		return gen.SpendLimitIncreaseRequest{}, fmt.Errorf("admintest: user_id: user %q not found", r.UserID)
	}
	st := s.spendLocked()
	ir := &increaseRequest{
		id: s.nextSpendID("splreq"), userID: r.UserID, period: cmpOr(r.Period, gen.SpendLimitPeriodMonthly),
		status: cmpOr(r.Status, gen.SpendLimitIncreaseRequestStatusPending), createdAt: orNow(r.CreatedAt, now),
	}
	if !ir.status.Valid() || !ir.period.Valid() {
		return gen.SpendLimitIncreaseRequest{}, fmt.Errorf("admintest: unknown status %q or period %q", ir.status, ir.period)
	}
	if ir.status != gen.SpendLimitIncreaseRequestStatusPending {
		at := orNow(r.ResolvedAt, ir.createdAt)
		ir.resolvedAt, ir.resolvedBy = &at, adminKeyActor()
		if r.ResolvedByUserID != "" {
			if _, ok := s.st.users.get(r.ResolvedByUserID); !ok {
				return gen.SpendLimitIncreaseRequest{}, fmt.Errorf("admintest: resolved_by: user %q not found", r.ResolvedByUserID)
			}
			a := s.userActorLocked(r.ResolvedByUserID)
			ir.resolvedBy = &a
		}
	}
	st.requests.put(ir.id, ir)
	return s.viewRequestLocked(ir), nil
}

// SetPeriodToDateSpend records a user's spend so far in the current
// period, which the effective limits and pending increase requests
// report (0 until set). spend is in cents and may have up to three
// decimal places.
func (s *Server) SetPeriodToDateSpend(userID string, period admin.SpendLimitPeriod, spend money.Cents) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.users.get(userID); !ok {
		return fmt.Errorf("admintest: user %q not found", userID)
	}
	if !period.Valid() {
		return fmt.Errorf("admintest: unknown period %q", period)
	}
	milli := new(big.Rat).Mul(spend.Rat(), big.NewRat(1000, 1))
	if milli.Sign() < 0 || !milli.IsInt() {
		return fmt.Errorf("admintest: spend %s is not a non-negative number of cents with at most three decimal places", spend)
	}
	// Spelt as the wire has it: "12050.5", never "1.20505e4" or "12050.500".
	n := milli.Num()
	text := new(big.Int).Quo(n, big.NewInt(1000)).String()
	if frac := new(big.Int).Rem(n, big.NewInt(1000)).Int64(); frac != 0 {
		text += strings.TrimRight(fmt.Sprintf(".%03d", frac), "0")
	}
	s.spendLocked().spend[userID+"/"+string(period)] = money.MustParseCents(text)
	return nil
}

// seedDemoSpendLimits adds the spend limit part of the demo data, from
// the spend limits' own ID generator so that no other ID changes: a
// $5,000 monthly organization default, a $20,000 monthly cap on the first
// workspace, the usage tier's $100,000, a seat tier's and Claude Code's
// limits, user limits (a monthly raise, a $50 daily cap, an explicit
// no-cap override and one an approval wrote), some period-to-date spend,
// and increase requests in every state.
func (s *Server) seedDemoSpendLimits(now time.Time, users []gen.User, workspaces []gen.Workspace) error {
	day := 24 * time.Hour
	created := now.Add(-60 * day)
	cents := func(s string) *money.Cents { c := money.MustParseCents(s); return &c }
	limits := []SpendLimitSeed{
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUsageTier}, Amount: cents("10000000"), CreatedAt: created.Add(-30 * day)},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeOrganization}, Amount: cents("500000"), CreatedAt: created},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeWorkspace, WorkspaceID: ptr(workspaces[0].ID)}, Amount: cents("2000000"), CreatedAt: created.Add(day)},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeSeatTier, SeatTier: ptr("premium")}, Amount: cents("100000"), CreatedAt: created.Add(2 * day)},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeOrganizationService, Service: ptr("claude_code")}, Amount: cents("3000000"), CreatedAt: created.Add(3 * day)},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: ptr(users[5].ID)}, Amount: cents("150000"), CreatedAt: created.Add(10 * day)},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: ptr(users[7].ID)}, Period: gen.SpendLimitPeriodDaily, Amount: cents("5000"), CreatedAt: created.Add(12 * day)},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: ptr(users[9].ID)}, CreatedAt: created.Add(14 * day)},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: ptr(users[12].ID)}, Amount: cents("250000"), CreatedAt: now.Add(-3 * day)},
	}
	for _, l := range limits {
		if _, err := s.AddSpendLimit(l); err != nil {
			return err
		}
	}
	spends := []struct {
		user   int
		period gen.SpendLimitPeriod
		cents  string
	}{
		{5, gen.SpendLimitPeriodMonthly, "123456.789"},
		{7, gen.SpendLimitPeriodDaily, "4980.5"},
		{10, gen.SpendLimitPeriodMonthly, "497250"},
		{12, gen.SpendLimitPeriodMonthly, "210000"},
	}
	for _, sp := range spends {
		if err := s.SetPeriodToDateSpend(users[sp.user].ID, sp.period, money.MustParseCents(sp.cents)); err != nil {
			return err
		}
	}
	requests := []SpendLimitIncreaseRequestSeed{
		{UserID: users[14].ID, Period: gen.SpendLimitPeriodWeekly, Status: gen.SpendLimitIncreaseRequestStatusDenied,
			CreatedAt: now.Add(-9 * day), ResolvedAt: now.Add(-8 * day), ResolvedByUserID: users[0].ID},
		{UserID: users[12].ID, Status: gen.SpendLimitIncreaseRequestStatusApproved,
			CreatedAt: now.Add(-4 * day), ResolvedAt: now.Add(-3 * day), ResolvedByUserID: users[0].ID},
		{UserID: users[10].ID, CreatedAt: now.Add(-26 * time.Hour)},
		{UserID: users[7].ID, Period: gen.SpendLimitPeriodDaily, CreatedAt: now.Add(-2 * time.Hour)},
	}
	for _, r := range requests {
		if _, err := s.AddSpendLimitIncreaseRequest(r); err != nil {
			return err
		}
	}
	return nil
}
