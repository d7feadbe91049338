package admin_test

import (
	"context"
	"errors"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// exerciseSpendLimits calls every spend limit operation through the public
// API against the fake, for TestEveryOperation: set (an upsert), list
// (beta: the fake refuses it without the header the client sends), get,
// the effective limits, increase requests listed, got, approved and
// denied, and delete. workspaceID is an unarchived workspace.
func exerciseSpendLimits(t *testing.T, srv *admintest.Server, c *admin.Client, workspaceID string) {
	t.Helper()
	ctx := context.Background()
	cents := func(s string) *money.Cents { v := money.MustParseCents(s); return &v }
	u := must(srv.AddUser(admintest.UserSeed{Email: "spender@example.com", Name: "Spender", Role: admin.OrganizationRoleDeveloper}))

	org := must(c.SpendLimits.Set(ctx, admin.SetSpendLimitRequest{Amount: cents("500000"), Scope: admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeOrganization}}))
	if org.Period != admin.SpendLimitPeriodMonthly || org.Amount.String() != "500000" || org.Amount.Dollars() != "5000.00" || !org.IsEnabled || org.Currency != "USD" {
		t.Errorf("SpendLimits.Set organization = %+v", org)
	}
	ws := must(c.SpendLimits.Set(ctx, admin.SetSpendLimitRequest{Amount: cents("2000000"), Scope: admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeWorkspace, WorkspaceID: &workspaceID}}))
	daily := admin.SpendLimitPeriodDaily
	mine := must(c.SpendLimits.Set(ctx, admin.SetSpendLimitRequest{Amount: cents("5000"), Period: &daily, Scope: admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeUser, UserID: &u.ID}}))
	again := must(c.SpendLimits.Set(ctx, admin.SetSpendLimitRequest{Amount: cents("7500"), Period: &daily, Scope: admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeUser, UserID: &u.ID}}))
	if again.ID != mine.ID || again.Amount.String() != "7500" || !again.CreatedAt.Equal(mine.CreatedAt) {
		t.Errorf("setting the same scope and period again = %+v, want %s updated in place", again, mine.ID)
	}
	all := collect(t, c.SpendLimits.All(ctx, &admin.ListSpendLimitsParams{Limit: 1}))
	if len(all) != 3 || all[0].ID != mine.ID || all[2].ID != org.ID {
		t.Errorf("SpendLimits.All = %+v, want the three limits newest first", all)
	}
	only := must(c.SpendLimits.List(ctx, &admin.ListSpendLimitsParams{WorkspaceID: workspaceID}))
	if len(only.Data) != 1 || only.Data[0].ID != ws.ID {
		t.Errorf("SpendLimits.List by workspace = %+v", only.Data)
	}
	if got := must(c.SpendLimits.Get(ctx, mine.ID)); !equal(*again, *got) {
		t.Errorf("SpendLimits.Get: %s", diff(*again, *got))
	}

	// The member's daily limit is their own; monthly, the organization's.
	if err := srv.SetPeriodToDateSpend(u.ID, admin.SpendLimitPeriodDaily, money.MustParseCents("7499.5")); err != nil {
		t.Fatal(err)
	}
	rows := collect(t, c.EffectiveSpendLimits.All(ctx, &admin.ListEffectiveSpendLimitsParams{UserIDs: []string{u.ID}}))
	if len(rows) != 2 || rows[0].Period != admin.SpendLimitPeriodDaily || rows[0].SpendLimitID != mine.ID ||
		rows[0].PeriodToDateSpend.String() != "7499.5" || rows[1].Source.Type != admin.SpendLimitScopeTypeOrganization || rows[1].Amount.String() != "500000" {
		t.Errorf("EffectiveSpendLimits.All = %+v", rows)
	}

	pending := must(srv.AddSpendLimitIncreaseRequest(admintest.SpendLimitIncreaseRequestSeed{UserID: u.ID, Period: admin.SpendLimitPeriodDaily}))
	other := must(srv.AddSpendLimitIncreaseRequest(admintest.SpendLimitIncreaseRequestSeed{UserID: u.ID}))
	reqs := collect(t, c.SpendLimitIncreaseRequests.All(ctx, &admin.ListSpendLimitIncreaseRequestsParams{ActorIDs: []string{u.ID}, Statuses: []admin.SpendLimitIncreaseRequestStatus{admin.SpendLimitIncreaseRequestStatusPending}}))
	if len(reqs) != 2 || reqs[0].ID != other.ID || reqs[1].ID != pending.ID {
		t.Errorf("SpendLimitIncreaseRequests.All = %+v, want both, newest first", reqs)
	}
	got := must(c.SpendLimitIncreaseRequests.Get(ctx, pending.ID))
	if got.SpendSummary == nil || got.SpendSummary.SpendLimitID != mine.ID || got.ResolvedAt != nil {
		t.Errorf("SpendLimitIncreaseRequests.Get = %+v, want a live summary", got)
	}
	ok := must(c.SpendLimitIncreaseRequests.Approve(ctx, pending.ID, admin.SpendLimitIncreaseApproval{Amount: money.MustParseCents("20000")}))
	if ok.Status != admin.SpendLimitIncreaseRequestStatusApproved || ok.SpendLimit.ID != mine.ID || ok.SpendLimit.Amount.String() != "20000" ||
		ok.ResolvedBy == nil || deref(ok.ResolvedBy.ScopedAPIKeyID) != admintest.AdminKeyActorID {
		t.Errorf("SpendLimitIncreaseRequests.Approve = %+v", ok)
	}
	no := must(c.SpendLimitIncreaseRequests.Deny(ctx, other.ID, admin.SpendLimitIncreaseDenial{}))
	if no.Status != admin.SpendLimitIncreaseRequestStatusDenied || no.SpendSummary != nil {
		t.Errorf("SpendLimitIncreaseRequests.Deny = %+v", no)
	}
	_, err := c.SpendLimitIncreaseRequests.Deny(ctx, pending.ID, admin.SpendLimitIncreaseDenial{})
	if !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("denying an approved request: %v, want 400", err)
	}

	if del := must(c.SpendLimits.Delete(ctx, mine.ID)); del.ID != mine.ID || del.Type != admin.SpendLimitDeletedTypeSpendLimitDeleted {
		t.Errorf("SpendLimits.Delete = %+v", del)
	}
	if _, err := c.SpendLimits.Get(ctx, mine.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("get after delete: %v, want 404", err)
	}
}

// TestSpendLimitAmountsAreExact checks that amounts cross the wire as the
// whole-cent strings the API uses, a null amount (no cap) stays null, and
// that a fraction of a cent never reaches the fake's store.
func TestSpendLimitAmountsAreExact(t *testing.T) {
	defer catch(t)
	ctx := context.Background()
	srv, c := newFake(t)
	u := must(srv.AddUser(admintest.UserSeed{Email: "big@example.com"}))
	huge := money.MustParseCents("123456789012345678901234567890")
	l := must(c.SpendLimits.Set(ctx, admin.SetSpendLimitRequest{Amount: &huge, Scope: admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeUser, UserID: &u.ID}}))
	if l.Amount == nil || l.Amount.String() != huge.String() || l.Amount.Dollars() != "1234567890123456789012345678.90" {
		t.Errorf("amount %v, want %s cents exactly", l.Amount, huge)
	}
	none := must(c.SpendLimits.Set(ctx, admin.SetSpendLimitRequest{Scope: admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeUser, UserID: &u.ID}}))
	if none.ID != l.ID || none.Amount != nil {
		t.Errorf("a null amount set %+v, want the same limit with no cap", none)
	}
	frac := money.MustParseCents("12.5")
	if _, err := c.SpendLimits.Set(ctx, admin.SetSpendLimitRequest{Amount: &frac, Scope: admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeUser, UserID: &u.ID}}); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("a fraction of a cent: %v, want 400", err)
	}
}
