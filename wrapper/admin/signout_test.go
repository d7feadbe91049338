package admin_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// TestBetaHeaderPerOperation checks that the request core sends the
// anthropic-beta header of an operation in beta, on every attempt, and
// no anthropic-beta header with other operations.
func TestBetaHeaderPerOperation(t *testing.T) {
	ctx := context.Background()
	srv := newRecorder(t, failThenSucceed(1, 503, serverError, userJSON, nil))
	c, _ := newClient(t, srv.URL)
	if _, err := c.Users.SignOut(ctx, "user_01"); err != nil {
		t.Fatalf("SignOut: %v", err)
	}
	if _, err := c.Users.Get(ctx, "user_01"); err != nil {
		t.Fatalf("Get: %v", err)
	}
	reqs := srv.requests()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3 (sign-out retried once after the 503, then get)", len(reqs))
	}
	for i, r := range reqs[:2] {
		if got := r.Header.Values("anthropic-beta"); len(got) != 1 || got[0] != "admin-user-sign-out-2026-10-08" {
			t.Errorf("sign-out attempt %d: anthropic-beta %q", i+1, got)
		}
		if r.Method != http.MethodPost || r.URL.Path != "/v1/organizations/users/user_01/sign_out" || r.ContentLength > 0 {
			t.Errorf("sign-out attempt %d: %s %s with %d body bytes", i+1, r.Method, r.URL.Path, r.ContentLength)
		}
	}
	if got := reqs[2].Header.Values("anthropic-beta"); len(got) != 0 {
		t.Errorf("get sent anthropic-beta %q", got)
	}
	if got := admin.OpSignOutUser.Beta(); got != "admin-user-sign-out-2026-10-08" {
		t.Errorf("OpSignOutUser.Beta() = %q", got)
	}
	betas := map[admin.Operation]string{
		admin.OpSignOutUser:        "admin-user-sign-out-2026-10-08",
		admin.OpListSpendLimits:    "spend-limit-reads-2026-09-26",
		admin.OpListAnalyticsUsage: "analytics-usage-cost-2026-08-24",
		admin.OpListAnalyticsCost:  "analytics-usage-cost-2026-08-24",
	}
	for _, op := range admin.Operations() {
		if op.Beta() != betas[op] {
			t.Errorf("%s.Beta() = %q, want %q", op, op.Beta(), betas[op])
		}
	}
}

// TestSignOutAgainstTheFake checks sign-out through the public API: the
// user stays a member, the fake records it, refusals carry their codes,
// and a request without the beta header is refused by the fake.
func TestSignOutAgainstTheFake(t *testing.T) {
	defer catch(t)
	ctx := context.Background()
	srv, c := newFake(t)
	u := must(srv.AddUser(admintest.UserSeed{Email: "leaver@example.com", Role: admin.OrganizationRoleUser}))
	owner := must(srv.AddUser(admintest.UserSeed{Email: "owner@example.com", Role: admin.OrganizationRoleOwner}))
	primary := must(srv.AddUser(admintest.UserSeed{Email: "primary@example.com", Role: admin.OrganizationRolePrimaryOwner}))

	// A 503 is sent again to finish.
	must(0, srv.FailNext(admin.OpSignOutUser, 1, admintest.Fault{Status: 503}))
	got := must(c.Users.SignOut(ctx, u.ID))
	if got.ID != u.ID || got.Role != admin.OrganizationRoleUser || srv.Calls(admin.OpSignOutUser) != 2 {
		t.Errorf("SignOut = %+v after %d calls", got, srv.Calls(admin.OpSignOutUser))
	}
	if _, ok := srv.SignedOutAt(u.ID); !ok {
		t.Error("the fake did not record the sign-out")
	}
	must(c.Users.Get(ctx, u.ID)) // still a member

	for _, tc := range []struct {
		id     string
		status int
		code   admin.ErrorCode
	}{
		{primary.ID, 400, admin.ErrorCodeCannotSignOutPrimaryOwner},
		{owner.ID, 403, admin.ErrorCodeCannotSignOutOwner},
	} {
		_, err := c.Users.SignOut(ctx, tc.id)
		var e *admin.Error
		if !errors.As(err, &e) || e.StatusCode != tc.status || e.Code != tc.code {
			t.Errorf("SignOut(%s) = %v, want %d %s", tc.id, err, tc.status, tc.code)
		}
		if _, ok := srv.SignedOutAt(tc.id); ok {
			t.Errorf("a refused sign-out of %s was recorded", tc.id)
		}
	}
	if _, err := c.Users.SignOut(ctx, "user_01nobody"); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("SignOut(unknown) = %v, want not found", err)
	}

	// Without the beta header the fake answers 400, as a beta endpoint does.
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/v1/organizations/users/"+u.ID+"/sign_out", nil)
	req.Header.Set("x-api-key", srv.AdminKey())
	req.Header.Set("anthropic-version", admin.APIVersion20230601)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusBadRequest {
		t.Errorf("sign-out without anthropic-beta: status %d, want 400", resp.StatusCode)
	}
}
