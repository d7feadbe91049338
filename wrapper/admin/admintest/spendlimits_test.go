package admintest

import (
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

const (
	spendLimitsPath = "/v1/organizations/spend_limits"
	increasesPath   = "/v1/organizations/spend_limit_increase_requests"
)

// listSpendLimits lists spend limits with the beta header the list needs.
func (f *fake) listSpendLimits(query string) gen.SpendLimitList {
	f.t.Helper()
	h := f.adminHeaders()
	h.Set("anthropic-beta", SpendLimitReadsBeta)
	r := f.doWith("GET", spendLimitsPath+query, nil, h)
	if r.status != http.StatusOK {
		f.t.Fatalf("list spend limits%s: %d %s", query, r.status, r.body)
	}
	var l gen.SpendLimitList
	mustJSON(f.t, r.body, &l)
	return l
}

func setLimit(scope map[string]any, period string, amount any) map[string]any {
	b := map[string]any{"scope": scope, "amount": amount}
	if period != "" {
		b["period"] = period
	}
	return b
}

func userScope(id string) map[string]any { return map[string]any{"type": "user", "user_id": id} }

func cents(s string) *money.Cents { c := money.MustParseCents(s); return &c }

// TestSetSpendLimit checks the upsert on scope and period, the defaults,
// and the refusals of bad scopes, periods and amounts.
func TestSetSpendLimit(t *testing.T) {
	f := newFake(t)
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "a@example.com"}))
	ws := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	old := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Old"}))
	must[gen.Workspace](t)(f.ArchiveWorkspace(old.ID))

	l := ok[gen.SpendLimit](f, "POST", spendLimitsPath, setLimit(userScope(u.ID), "", "50000"))
	if l.Period != gen.SpendLimitPeriodMonthly || l.Amount.String() != "50000" || l.Currency != "USD" || !l.IsEnabled ||
		l.Type != gen.SpendLimitTypeSpendLimit || sval(l.Scope.UserID) != u.ID || !l.CreatedAt.Equal(t0) || len(l.ID) < 5 || l.ID[:4] != "spl_" {
		t.Fatalf("set %+v", l)
	}
	f.Advance(time.Hour)
	again := ok[gen.SpendLimit](f, "POST", spendLimitsPath, setLimit(userScope(u.ID), "monthly", "75000"))
	if again.ID != l.ID || again.Amount.String() != "75000" || !again.CreatedAt.Equal(t0) || !again.UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Errorf("set again %+v, want %s updated in place", again, l.ID)
	}
	same := ok[gen.SpendLimit](f, "POST", spendLimitsPath, setLimit(userScope(u.ID), "monthly", "75000"))
	if same.ID != l.ID || same.Amount.String() != "75000" {
		t.Errorf("the same set twice: %+v", same)
	}
	daily := ok[gen.SpendLimit](f, "POST", spendLimitsPath, setLimit(userScope(u.ID), "daily", nil))
	if daily.ID == l.ID || daily.Amount != nil || daily.Period != gen.SpendLimitPeriodDaily {
		t.Errorf("a daily no-cap limit %+v", daily)
	}
	if got := ok[gen.SpendLimit](f, "GET", spendLimitsPath+"/"+l.ID, nil); got.Amount.String() != "75000" {
		t.Errorf("get %+v", got)
	}
	org := ok[gen.SpendLimit](f, "POST", spendLimitsPath, setLimit(map[string]any{"type": "organization"}, "", "1000000"))
	wl := ok[gen.SpendLimit](f, "POST", spendLimitsPath, setLimit(map[string]any{"type": "workspace", "workspace_id": ws.ID}, "monthly", "0"))
	if org.Scope.Type != gen.SpendLimitScopeTypeOrganization || wl.Amount.String() != "0" {
		t.Errorf("organization %+v, workspace %+v", org, wl)
	}

	for name, body := range map[string]map[string]any{
		"unknown user":                  setLimit(userScope("user_01nobody"), "", "1"),
		"user without user_id":          setLimit(map[string]any{"type": "user"}, "", "1"),
		"unknown workspace":             setLimit(map[string]any{"type": "workspace", "workspace_id": "wrkspc_01none"}, "", "1"),
		"archived workspace":            setLimit(map[string]any{"type": "workspace", "workspace_id": old.ID}, "", "1"),
		"organization with a user_id":   setLimit(map[string]any{"type": "organization", "user_id": u.ID}, "", "1"),
		"daily organization limit":      setLimit(map[string]any{"type": "organization"}, "daily", "1"),
		"workspace limit without a cap": setLimit(map[string]any{"type": "workspace", "workspace_id": ws.ID}, "", nil),
		"seat tier (set in claude.ai)":  setLimit(map[string]any{"type": "seat_tier", "seat_tier": "premium"}, "", "1"),
		"fraction of a cent":            setLimit(userScope(u.ID), "", "12.5"),
		"negative amount":               setLimit(userScope(u.ID), "", "-1"),
		"amount as a number":            setLimit(userScope(u.ID), "", 100),
		"dollars with a sign":           setLimit(userScope(u.ID), "", "$5"),
		"unknown period":                setLimit(userScope(u.ID), "hourly", "1"),
		"no amount":                     {"scope": userScope(u.ID)},
	} {
		t.Run(name, func(t *testing.T) { f.fails("POST", spendLimitsPath, body, 400, errInvalidRequest) })
	}
	if got := ok[gen.SpendLimit](f, "GET", spendLimitsPath+"/"+l.ID, nil); got.Amount.String() != "75000" {
		t.Errorf("a refused set changed the limit: %+v", got)
	}
	f.fails("GET", spendLimitsPath+"/spl_01nothing", nil, 404, errNotFound)
}

// TestListAndDeleteSpendLimits checks the beta header, the order, the
// page tokens and filters of the list, and which limits can be deleted.
func TestListAndDeleteSpendLimits(t *testing.T) {
	f := newFake(t)
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "a@example.com"}))
	must[gen.User](t)(f.AddUser(UserSeed{Email: "b@example.com"}))
	ws := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Prod"}))
	g := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Eng", MemberIDs: []string{u.ID}}))
	var ids []string
	for _, seed := range []SpendLimitSeed{
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUsageTier}, Amount: cents("10000000")},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeSeatTier, SeatTier: ptr("premium")}, Amount: cents("100")},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeRBACGroup, RBACGroupID: &g.ID}, Amount: cents("200")},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeOrganizationService, Service: ptr("claude_code")}, Amount: cents("300")},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeOrganization}, Amount: cents("400")},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeWorkspace, WorkspaceID: &ws.ID}, Amount: cents("500")},
		{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: &u.ID}, Period: gen.SpendLimitPeriodWeekly, Amount: cents("600")},
	} {
		ids = append(ids, must[gen.SpendLimit](t)(f.AddSpendLimit(seed)).ID)
	}

	f.fails("GET", spendLimitsPath, nil, 400, errInvalidRequest) // no anthropic-beta
	var got []string
	query := "?limit=3"
	for {
		l := f.listSpendLimits(query)
		for _, x := range l.Data {
			got = append(got, x.ID)
		}
		if l.NextPage == nil {
			break
		}
		query = "?limit=3&page=" + url.QueryEscape(*l.NextPage)
	}
	if len(got) != 7 || got[0] != ids[6] || got[6] != ids[0] {
		t.Errorf("listed %v, want %v newest first", got, ids)
	}
	if l := f.listSpendLimits("?scope_type[]=user&scope_type[]=workspace"); len(l.Data) != 2 || l.Data[0].ID != ids[6] || l.Data[1].ID != ids[5] {
		t.Errorf("scope_type filter %+v", l.Data)
	}
	if l := f.listSpendLimits("?workspace_id=" + ws.ID); len(l.Data) != 1 || l.Data[0].ID != ids[5] {
		t.Errorf("workspace_id filter %+v", l.Data)
	}
	h := f.adminHeaders()
	h.Set("anthropic-beta", SpendLimitReadsBeta)
	if r := f.doWith("GET", spendLimitsPath+"?scope_type[]=galaxy", nil, h); r.status != 400 {
		t.Errorf("unknown scope type: %d", r.status)
	}

	for _, id := range ids[:4] { // usage tier, seat tier, group, service
		f.fails("DELETE", spendLimitsPath+"/"+id, nil, 400, errInvalidRequest)
	}
	for _, id := range ids[4:6] { // organization, workspace
		if d := ok[gen.SpendLimitDeleted](f, "DELETE", spendLimitsPath+"/"+id, nil); d.ID != id || d.Type != gen.SpendLimitDeletedTypeSpendLimitDeleted {
			t.Errorf("delete %s: %+v", id, d)
		}
		f.fails("DELETE", spendLimitsPath+"/"+id, nil, 404, errNotFound)
	}
	// A deleted limit's scope and period can be set again, as a new limit.
	again := ok[gen.SpendLimit](f, "POST", spendLimitsPath, setLimit(map[string]any{"type": "organization"}, "", "400"))
	if again.ID == ids[4] {
		t.Error("setting a deleted limit again reused its ID")
	}
	// Removing the member and deleting the group delete their limits.
	ok[gen.UserDeleted](f, "DELETE", "/v1/organizations/users/"+u.ID, nil)
	ok[gen.RBACGroupDeleted](f, "DELETE", "/v1/organizations/rbac_groups/"+g.ID, nil)
	f.fails("GET", spendLimitsPath+"/"+ids[6], nil, 404, errNotFound)
	f.fails("GET", spendLimitsPath+"/"+ids[2], nil, 404, errNotFound)
	if l := f.listSpendLimits("?scope_type[]=user&scope_type[]=rbac_group"); len(l.Data) != 0 {
		t.Errorf("limits of a removed user or deleted group are listed: %+v", l.Data)
	}
}

// TestEffectiveSpendLimits checks how a member's limit resolves, period by
// period: their own, else their RBAC groups' highest, else the enabled
// organization default, and the report's filters and paging by member.
func TestEffectiveSpendLimits(t *testing.T) {
	f := newFake(t)
	var users []gen.User
	for _, e := range []string{"own@example.com", "grouped@example.com", "plain@example.com", "unlimited@example.com"} {
		users = append(users, must[gen.User](t)(f.AddUser(UserSeed{Email: e})))
	}
	own, grouped, plain, unlimited := users[0], users[1], users[2], users[3]
	small := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Small", MemberIDs: []string{grouped.ID, own.ID}}))
	big := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "Big", MemberIDs: []string{grouped.ID}}))
	nocap := must[gen.RBACGroup](t)(f.AddRBACGroup(RBACGroupSeed{Name: "No cap", MemberIDs: []string{unlimited.ID}}))
	add := func(sc gen.SpendLimitScope, p gen.SpendLimitPeriod, amount *money.Cents) gen.SpendLimit {
		return must[gen.SpendLimit](t)(f.AddSpendLimit(SpendLimitSeed{Scope: sc, Period: p, Amount: amount}))
	}
	monthly, daily := gen.SpendLimitPeriodMonthly, gen.SpendLimitPeriodDaily
	org := add(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeOrganization}, monthly, cents("100000"))
	add(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeRBACGroup, RBACGroupID: &small.ID}, monthly, cents("20000"))
	bigL := add(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeRBACGroup, RBACGroupID: &big.ID}, monthly, cents("300000"))
	nocapL := add(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeRBACGroup, RBACGroupID: &nocap.ID}, monthly, nil)
	ownL := add(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: &own.ID}, monthly, cents("5000"))
	ownDaily := add(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: &own.ID}, daily, nil)
	add(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeSeatTier, SeatTier: ptr("premium")}, daily, cents("1"))
	add(gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeWorkspace, WorkspaceID: ptr(f.DefaultWorkspaceID())}, monthly, cents("1"))
	if err := f.SetPeriodToDateSpend(own.ID, monthly, money.MustParseCents("1.20505e4")); err != nil {
		t.Fatal(err)
	}

	l := ok[gen.SpendSummaryList](f, "GET", "/v1/organizations/spend_limits/effective", nil)
	type row struct {
		user, limit string
		period      gen.SpendLimitPeriod
		amount      string
		source      gen.SpendLimitScopeType
	}
	var rows []row
	for _, r := range l.Data {
		a := "none"
		if r.Amount != nil {
			a = r.Amount.String()
		}
		rows = append(rows, row{sval(r.Scope.UserID), r.SpendLimitID, r.Period, a, r.Source.Type})
		if sval(r.Actor.UserID) != sval(r.Scope.UserID) || r.Actor.Type != gen.SpendLimitActorTypeUserActor || r.Currency != "USD" {
			t.Errorf("row %+v", r)
		}
	}
	want := []row{
		{own.ID, ownDaily.ID, daily, "none", gen.SpendLimitScopeTypeUser},
		{own.ID, ownL.ID, monthly, "5000", gen.SpendLimitScopeTypeUser},
		{grouped.ID, bigL.ID, monthly, "300000", gen.SpendLimitScopeTypeRBACGroup},
		{plain.ID, org.ID, monthly, "100000", gen.SpendLimitScopeTypeOrganization},
		{unlimited.ID, nocapL.ID, monthly, "none", gen.SpendLimitScopeTypeRBACGroup},
	}
	if len(rows) != len(want) {
		t.Fatalf("rows %+v, want %+v", rows, want)
	}
	for i := range want {
		if rows[i] != want[i] {
			t.Errorf("row %d = %+v, want %+v", i, rows[i], want[i])
		}
	}
	if s := l.Data[1].PeriodToDateSpend.String(); s != "12050.5" {
		t.Errorf("period_to_date_spend %q, want 12050.5", s)
	}
	if s := l.Data[3].PeriodToDateSpend.String(); s != "0" {
		t.Errorf("period_to_date_spend without a reading %q, want 0", s)
	}

	// Paging by member: own's two rows stay on one page.
	p1 := ok[gen.SpendSummaryList](f, "GET", "/v1/organizations/spend_limits/effective?limit=1", nil)
	if len(p1.Data) != 2 || p1.NextPage == nil {
		t.Fatalf("first page %+v", p1)
	}
	p2 := ok[gen.SpendSummaryList](f, "GET", "/v1/organizations/spend_limits/effective?limit=1&page="+url.QueryEscape(*p1.NextPage), nil)
	if len(p2.Data) != 1 || sval(p2.Data[0].Scope.UserID) != grouped.ID {
		t.Errorf("second page %+v", p2)
	}
	if l := ok[gen.SpendSummaryList](f, "GET", "/v1/organizations/spend_limits/effective?period[]=daily", nil); len(l.Data) != 1 || l.Data[0].SpendLimitID != ownDaily.ID {
		t.Errorf("period filter %+v", l.Data)
	}
	if l := ok[gen.SpendSummaryList](f, "GET", "/v1/organizations/spend_limits/effective?user_ids[]="+plain.ID+"&user_ids[]=user_01gone", nil); len(l.Data) != 1 || l.Data[0].SpendLimitID != org.ID || l.NextPage != nil {
		t.Errorf("user_ids filter %+v", l.Data)
	}

	// A disabled organization limit applies to no one.
	f2 := newFake(t)
	p := must[gen.User](t)(f2.AddUser(UserSeed{Email: "p@example.com"}))
	off := must[gen.SpendLimit](t)(f2.AddSpendLimit(SpendLimitSeed{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeOrganization}, Amount: cents("1"), Disabled: true}))
	if off.IsEnabled {
		t.Error("disabled organization limit is enabled")
	}
	if l := ok[gen.SpendSummaryList](f2, "GET", "/v1/organizations/spend_limits/effective?user_ids[]="+p.ID, nil); len(l.Data) != 0 {
		t.Errorf("a disabled organization limit applies: %+v", l.Data)
	}
}

// TestSpendLimitIncreaseRequests checks the states of increase requests:
// approving only a pending one writes the requester's limit; denying is
// idempotent on a denied one and refused on an approved one.
func TestSpendLimitIncreaseRequests(t *testing.T) {
	f := newFake(t)
	boss := must[gen.User](t)(f.AddUser(UserSeed{Email: "boss@example.com", Name: "Boss"}))
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "asker@example.com", Name: "Asker"}))
	leaver := must[gen.User](t)(f.AddUser(UserSeed{Email: "leaver@example.com"}))
	old := must[gen.SpendLimit](t)(f.AddSpendLimit(SpendLimitSeed{Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: &u.ID}, Amount: cents("5000")}))
	seed := func(s SpendLimitIncreaseRequestSeed) gen.SpendLimitIncreaseRequest {
		return must[gen.SpendLimitIncreaseRequest](t)(f.AddSpendLimitIncreaseRequest(s))
	}
	denied := seed(SpendLimitIncreaseRequestSeed{UserID: u.ID, Status: gen.SpendLimitIncreaseRequestStatusDenied, CreatedAt: t0.Add(-3 * time.Hour), ResolvedByUserID: boss.ID})
	approved := seed(SpendLimitIncreaseRequestSeed{UserID: u.ID, Status: gen.SpendLimitIncreaseRequestStatusApproved, CreatedAt: t0.Add(-2 * time.Hour), ResolvedAt: t0.Add(-time.Hour)})
	gone := seed(SpendLimitIncreaseRequestSeed{UserID: leaver.ID})
	pending := seed(SpendLimitIncreaseRequestSeed{UserID: u.ID})
	second := seed(SpendLimitIncreaseRequestSeed{UserID: u.ID, Period: gen.SpendLimitPeriodWeekly})
	if sval(denied.ResolvedBy.UserID) != boss.ID || sval(denied.ResolvedBy.Name) != "Boss" || !denied.ResolvedAt.Equal(t0.Add(-3*time.Hour)) {
		t.Errorf("seeded denied request %+v", denied)
	}
	if sval(approved.ResolvedBy.ScopedAPIKeyID) != AdminKeyActorID || !approved.ResolvedAt.Equal(t0.Add(-time.Hour)) || approved.SpendSummary != nil {
		t.Errorf("seeded approved request %+v", approved)
	}
	if pending.SpendSummary == nil || pending.SpendSummary.SpendLimitID != old.ID || pending.ResolvedAt != nil || pending.ResolvedBy != nil || sval(pending.Actor.EmailAddress) != "asker@example.com" {
		t.Errorf("pending request %+v", pending)
	}
	if second.SpendSummary != nil {
		t.Errorf("a pending request at a period without a limit has a summary: %+v", second.SpendSummary)
	}

	ok[gen.UserDeleted](f, "DELETE", "/v1/organizations/users/"+leaver.ID, nil)
	l := ok[gen.SpendLimitIncreaseRequestList](f, "GET", increasesPath+"?limit=2", nil)
	if len(l.Data) != 2 || l.Data[0].ID != second.ID || l.Data[1].ID != pending.ID || l.NextPage == nil {
		t.Fatalf("first page %+v", l)
	}
	l2 := ok[gen.SpendLimitIncreaseRequestList](f, "GET", increasesPath+"?limit=2&page="+url.QueryEscape(*l.NextPage), nil)
	if len(l2.Data) != 2 || l2.Data[0].ID != approved.ID || l2.Data[1].ID != denied.ID || l2.NextPage != nil {
		t.Errorf("second page %+v (the removed member's request must be left out)", l2)
	}
	if l := ok[gen.SpendLimitIncreaseRequestList](f, "GET", increasesPath+"?status[]=approved&status[]=denied", nil); len(l.Data) != 2 {
		t.Errorf("status filter %+v", l.Data)
	}
	if l := ok[gen.SpendLimitIncreaseRequestList](f, "GET", increasesPath+"?actor_ids[]="+boss.ID, nil); len(l.Data) != 0 {
		t.Errorf("actor filter %+v", l.Data)
	}
	if g := ok[gen.SpendLimitIncreaseRequest](f, "GET", increasesPath+"/"+gone.ID, nil); g.Actor.EmailAddress != nil || sval(g.Actor.UserID) != leaver.ID {
		t.Errorf("a removed member's request %+v", g.Actor)
	}

	f.Advance(time.Minute)
	a := ok[gen.ApprovedSpendLimitIncreaseRequest](f, "POST", increasesPath+"/"+pending.ID+"/approve", map[string]any{"amount": "20000", "suppress_notification": true})
	if a.Status != gen.SpendLimitIncreaseRequestStatusApproved || a.SpendLimit.ID != old.ID || a.SpendLimit.Amount.String() != "20000" ||
		!a.ResolvedAt.Equal(t0.Add(time.Minute)) || sval(a.ResolvedBy.ScopedAPIKeyID) != AdminKeyActorID ||
		a.SpendSummary == nil || a.SpendSummary.Amount.String() != "20000" {
		t.Errorf("approved %+v", a)
	}
	if g := ok[gen.SpendLimit](f, "GET", spendLimitsPath+"/"+old.ID, nil); g.Amount.String() != "20000" {
		t.Errorf("the approval did not raise the limit: %+v", g)
	}
	if g := ok[gen.SpendLimitIncreaseRequest](f, "GET", increasesPath+"/"+pending.ID, nil); g.Status != gen.SpendLimitIncreaseRequestStatusApproved || g.SpendSummary != nil {
		t.Errorf("get after approval %+v", g)
	}
	// Approving with another period writes that period's limit.
	w := ok[gen.ApprovedSpendLimitIncreaseRequest](f, "POST", increasesPath+"/"+second.ID+"/approve", map[string]any{"amount": "1000", "period": "daily"})
	if w.SpendLimit.Period != gen.SpendLimitPeriodDaily || w.SpendLimit.ID == old.ID || w.Period != gen.SpendLimitPeriodWeekly {
		t.Errorf("approved with a period %+v", w)
	}

	for _, id := range []string{pending.ID, approved.ID, denied.ID} {
		f.fails("POST", increasesPath+"/"+id+"/approve", map[string]any{"amount": "1"}, 400, errInvalidRequest)
	}
	f.fails("POST", increasesPath+"/"+gone.ID+"/approve", map[string]any{"amount": "1"}, 400, errInvalidRequest)
	f.fails("POST", increasesPath+"/"+gone.ID+"/approve", map[string]any{"amount": "0.5"}, 400, errInvalidRequest)
	f.fails("POST", increasesPath+"/"+gone.ID+"/approve", map[string]any{}, 400, errInvalidRequest)
	f.fails("POST", increasesPath+"/splreq_01none/approve", map[string]any{"amount": "1"}, 404, errNotFound)
	f.fails("POST", increasesPath+"/splreq_01none/deny", map[string]any{}, 404, errNotFound)
	f.fails("GET", increasesPath+"/splreq_01none", nil, 404, errNotFound)

	f.fails("POST", increasesPath+"/"+approved.ID+"/deny", map[string]any{}, 400, errInvalidRequest)
	f.Advance(time.Minute)
	d := ok[gen.SpendLimitIncreaseRequest](f, "POST", increasesPath+"/"+gone.ID+"/deny", map[string]any{"suppress_notification": false})
	if d.Status != gen.SpendLimitIncreaseRequestStatusDenied || !d.ResolvedAt.Equal(t0.Add(2*time.Minute)) || d.SpendSummary != nil {
		t.Errorf("denied %+v", d)
	}
	f.Advance(time.Minute)
	d2 := ok[gen.SpendLimitIncreaseRequest](f, "POST", increasesPath+"/"+gone.ID+"/deny", map[string]any{})
	if d2.Status != gen.SpendLimitIncreaseRequestStatusDenied || !d2.ResolvedAt.Equal(*d.ResolvedAt) {
		t.Errorf("denying again changed the request: %+v", d2)
	}
}

// TestSpendLimitSeeds checks the seeding methods' refusals.
func TestSpendLimitSeeds(t *testing.T) {
	f := newFake(t)
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "a@example.com"}))
	user := gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeUser, UserID: &u.ID}
	must[gen.SpendLimit](t)(f.AddSpendLimit(SpendLimitSeed{Scope: user, Amount: cents("1")}))
	for name, seed := range map[string]SpendLimitSeed{
		"duplicate":              {Scope: user, Amount: cents("2")},
		"unknown group":          {Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeRBACGroup, RBACGroupID: ptr("rbacgrp_01none")}},
		"seat tier without tier": {Scope: gen.SpendLimitScope{Type: gen.SpendLimitScopeTypeSeatTier}},
		"fraction of a cent":     {Scope: user, Period: gen.SpendLimitPeriodDaily, Amount: cents("0.5")},
		"negative":               {Scope: user, Period: gen.SpendLimitPeriodDaily, Amount: cents("-5")},
		"disabled user limit":    {Scope: user, Period: gen.SpendLimitPeriodWeekly, Amount: cents("5"), Disabled: true},
	} {
		if _, err := f.AddSpendLimit(seed); err == nil {
			t.Errorf("%s: AddSpendLimit succeeded", name)
		}
	}
	if _, err := f.AddSpendLimitIncreaseRequest(SpendLimitIncreaseRequestSeed{UserID: "user_01none"}); err == nil {
		t.Error("a request of an unknown user was seeded")
	}
	if err := f.SetPeriodToDateSpend(u.ID, gen.SpendLimitPeriodDaily, money.MustParseCents("1.0005")); err == nil {
		t.Error("a spend with four decimal places was taken")
	}
	if err := f.SetPeriodToDateSpend("user_01none", gen.SpendLimitPeriodDaily, money.MustParseCents("1")); err == nil {
		t.Error("a spend of an unknown user was taken")
	}
}

// TestDemoSpendLimits checks that the demo data has limits at several
// scopes and increase requests in every state.
func TestDemoSpendLimits(t *testing.T) {
	f := newFake(t, WithDemoData())
	scopes := map[gen.SpendLimitScopeType]bool{}
	for _, l := range f.listSpendLimits("?limit=100").Data {
		scopes[l.Scope.Type] = true
	}
	if len(scopes) < 5 {
		t.Errorf("demo limits have scopes %v", scopes)
	}
	states := map[gen.SpendLimitIncreaseRequestStatus]int{}
	for _, r := range ok[gen.SpendLimitIncreaseRequestList](f, "GET", increasesPath, nil).Data {
		states[r.Status]++
	}
	for _, st := range []gen.SpendLimitIncreaseRequestStatus{"pending", "approved", "denied"} {
		if states[st] == 0 {
			t.Errorf("no demo increase request is %s: %v", st, states)
		}
	}
	if l := ok[gen.SpendSummaryList](f, "GET", "/v1/organizations/spend_limits/effective?limit=100", nil); len(l.Data) < 30 {
		t.Errorf("%d effective limits, want one a member at least (the organization default)", len(l.Data))
	}
}

// TestConcurrentSpendLimits sets, reads and resolves limits from several
// goroutines at once (run under -race): every member ends with the last
// amount they set, and the effective report never sees a torn limit.
func TestConcurrentSpendLimits(t *testing.T) {
	f := newFake(t)
	const n = 6
	var users []gen.User
	for i := range n {
		users = append(users, must[gen.User](t)(f.AddUser(UserSeed{Email: fmt.Sprintf("u%d@example.com", i)})))
	}
	var wg sync.WaitGroup
	for i, u := range users {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range 20 {
				r := f.do("POST", spendLimitsPath, setLimit(userScope(u.ID), "daily", fmt.Sprint(i*1000+j)))
				if r.status != http.StatusOK {
					t.Errorf("set: %d %s", r.status, r.body)
					return
				}
				if r := f.do("GET", "/v1/organizations/spend_limits/effective?period[]=daily&user_ids[]="+u.ID, nil); r.status != http.StatusOK {
					t.Errorf("effective: %d %s", r.status, r.body)
					return
				}
			}
		}()
	}
	wg.Wait()
	l := ok[gen.SpendSummaryList](f, "GET", "/v1/organizations/spend_limits/effective", nil)
	if len(l.Data) != n {
		t.Fatalf("%d rows, want %d", len(l.Data), n)
	}
	for i, r := range l.Data {
		if want := fmt.Sprint(i*1000 + 19); r.Amount.String() != want {
			t.Errorf("member %d ends with %s, want %s", i, r.Amount, want)
		}
	}
}
