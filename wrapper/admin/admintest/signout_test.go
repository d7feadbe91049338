package admintest

import (
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestSignOut checks sign-out: the beta header is required, the user is
// returned unchanged and stays a member, the time is recorded, signing out
// again is harmless, and privileged members are refused with their codes.
func TestSignOut(t *testing.T) {
	if SignOutBeta != admin.OpSignOutUser.Beta() {
		t.Fatalf("SignOutBeta %q differs from the spec's %q", SignOutBeta, admin.OpSignOutUser.Beta())
	}
	f := newFake(t)
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "leaver@example.com", Role: gen.OrganizationRoleManaged}))
	path := "/v1/organizations/users/" + u.ID + "/sign_out"
	beta := func(value string) response {
		h := f.adminHeaders()
		if value != "" {
			h.Set("anthropic-beta", value)
		}
		return f.doWith("POST", path, nil, h)
	}

	r := beta("")
	if e := r.err(); r.status != 400 || e.Error.Type != errInvalidRequest || !strings.Contains(e.Error.Message, SignOutBeta) {
		t.Errorf("without the beta header: %d %s", r.status, r.body)
	}
	if r := beta("fast-mode-2026-02-01"); r.status != 400 {
		t.Errorf("with another beta only: status %d", r.status)
	}
	if _, ok := f.SignedOutAt(u.ID); ok {
		t.Fatal("a refused request signed the user out")
	}

	r = beta("fast-mode-2026-02-01, " + SignOutBeta)
	var got gen.User
	mustJSON(t, r.body, &got)
	if r.status != 200 || got != u {
		t.Errorf("sign-out: %d %+v, want 200 and the user %+v", r.status, got, u)
	}
	if at, ok := f.SignedOutAt(u.ID); !ok || !at.Equal(t0) {
		t.Errorf("SignedOutAt = %v, %v; want %v", at, ok, t0)
	}
	ok[gen.User](f, "GET", "/v1/organizations/users/"+u.ID, nil) // still a member
	f.Advance(time.Hour)
	if r := beta(SignOutBeta); r.status != 200 {
		t.Errorf("signing out again: %d %s", r.status, r.body)
	}
	if at, _ := f.SignedOutAt(u.ID); !at.Equal(t0.Add(time.Hour)) {
		t.Errorf("SignedOutAt after the second sign-out = %v", at)
	}

	h := f.adminHeaders()
	h.Set("anthropic-beta", SignOutBeta)
	signOut := func(id string) response { return f.doWith("POST", "/v1/organizations/users/"+id+"/sign_out", nil, h) }
	if r := signOut("user_01nobody"); r.status != 404 {
		t.Errorf("unknown user: %d", r.status)
	}
	for _, c := range []struct {
		role   gen.OrganizationRole
		status int
		code   gen.ErrorCode
	}{
		{gen.OrganizationRolePrimaryOwner, 400, gen.ErrorCodeCannotSignOutPrimaryOwner},
		{gen.OrganizationRoleOwner, 403, gen.ErrorCodeCannotSignOutOwner},
		{gen.OrganizationRoleMembershipAdmin, 403, gen.ErrorCodeCannotSignOutMembershipAdmin},
	} {
		m := must[gen.User](t)(f.AddUser(UserSeed{Email: string(c.role) + "@example.com", Role: c.role}))
		r := signOut(m.ID)
		if e := r.err(); r.status != c.status || e.Error.Details["error_code"] != string(c.code) {
			t.Errorf("%s: %d %s, want %d %s", c.role, r.status, r.body, c.status, c.code)
		}
		if _, ok := f.SignedOutAt(m.ID); ok {
			t.Errorf("%s: refused but recorded", c.role)
		}
	}
	for _, role := range []gen.OrganizationRole{gen.OrganizationRoleUser, gen.OrganizationRoleDeveloper, gen.OrganizationRoleAdmin, gen.OrganizationRoleClaudeCodeUser, gen.OrganizationRoleBilling} {
		m := must[gen.User](t)(f.AddUser(UserSeed{Email: string(role) + "@example.com", Role: role}))
		if r := signOut(m.ID); r.status != 200 {
			t.Errorf("%s: %d %s", role, r.status, r.body)
		}
	}
}
