package workflow_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os/exec"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// org is a seeded organization with one member to offboard.
type org struct {
	fakeOrg
	jane, boss          admin.User
	research, prod, old admin.Workspace
	key1, key2, key3    admin.APIKey // jane's: active, active, inactive
	bossKey             admin.APIKey
	invite              admin.Invite
	engineers, ops      admin.RBACGroup
}

// must returns v, panicking (which fails the test) if err is not nil.
func must[T any](v T, err error) T {
	if err != nil {
		panic(err)
	}
	return v
}

// seed builds the organization: jane (developer) is in two active
// workspaces and an archived one, created three keys (two active), has a
// pending invite for her email and is in one of two RBAC groups.
func seed(t testing.TB) *org {
	t.Helper()
	srv := admintest.NewServer()
	t.Cleanup(srv.Close)
	srv.SetNow(time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC))
	o := &org{fakeOrg: fakeOrg{srv}}
	o.invite = must(srv.AddInvite(admintest.InviteSeed{Email: "jane@example.com", Role: admin.OrganizationRoleDeveloper}))
	o.boss = must(srv.AddUser(admintest.UserSeed{Email: "boss@example.com", Name: "Boss", Role: admin.OrganizationRoleDeveloper}))
	o.jane = must(srv.AddUser(admintest.UserSeed{Email: "jane@example.com", Name: "Jane Doe", Role: admin.OrganizationRoleDeveloper}))
	o.research = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Research"}))
	o.prod = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Prod"}))
	o.old = must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Old"}))
	for _, w := range []admin.Workspace{o.research, o.prod, o.old} {
		must(srv.AddWorkspaceMember(w.ID, o.jane.ID, admin.WorkspaceRoleWorkspaceDeveloper))
	}
	must(srv.AddWorkspaceMember(o.research.ID, o.boss.ID, admin.WorkspaceRoleWorkspaceAdmin))
	must(srv.ArchiveWorkspace(o.old.ID))
	o.key1 = must(srv.AddAPIKey(admintest.APIKeySeed{Name: "ci", WorkspaceID: o.research.ID, CreatedByUserID: o.jane.ID}))
	o.key2 = must(srv.AddAPIKey(admintest.APIKeySeed{Name: "laptop", CreatedByUserID: o.jane.ID}))
	o.key3 = must(srv.AddAPIKey(admintest.APIKeySeed{Name: "old", WorkspaceID: o.prod.ID, CreatedByUserID: o.jane.ID, Status: admin.APIKeyStatusInactive}))
	o.bossKey = must(srv.AddAPIKey(admintest.APIKeySeed{Name: "boss", CreatedByUserID: o.boss.ID}))
	o.engineers = must(srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Engineers", MemberIDs: []string{o.jane.ID, o.boss.ID}}))
	o.ops = must(srv.AddRBACGroup(admintest.RBACGroupSeed{Name: "Ops", MemberIDs: []string{o.boss.ID}}))
	return o
}

// fakeOrg is the fake an end-to-end test of a workflow runs against;
// the tests' organizations embed it.
type fakeOrg struct {
	srv *admintest.Server
}

// client returns a client of the fake that records request IDs, does not
// retry, and calls hook (if not nil) after every response.
func (o fakeOrg) client(hook func(*http.Request, *http.Response)) *admin.Client {
	var rt http.RoundTripper = http.DefaultTransport
	if hook != nil {
		rt = hookTransport{rt, hook}
	}
	return o.srv.Client(admin.WithMaxRetries(0), admin.WithHTTPClient(&http.Client{Transport: workflow.RecordRequestIDs(rt)}))
}

// calls counts the calls of ops the fake has answered so far.
func (o fakeOrg) calls(ops ...admin.Operation) map[admin.Operation]int {
	m := map[admin.Operation]int{}
	for _, op := range ops {
		m[op] = o.srv.Calls(op)
	}
	return m
}

type hookTransport struct {
	base http.RoundTripper
	hook func(*http.Request, *http.Response)
}

func (h hookTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := h.base.RoundTrip(r)
	if err == nil {
		h.hook(r, resp)
	}
	return resp, err
}

func kinds(steps []workflow.Step) []string {
	var out []string
	for _, s := range steps {
		out = append(out, string(s.Kind)+" "+s.Target)
	}
	return out
}

// writes counts the calls of the operations that change something.
func (o *org) writes() map[admin.Operation]int {
	return o.calls(admin.OpUpdateAPIKey, admin.OpRemoveWorkspaceMember, admin.OpDeleteInvite, admin.OpRemoveRBACGroupMember, admin.OpSignOutUser, admin.OpRemoveUser)
}

func TestOffboardEndToEnd(t *testing.T) {
	ctx := context.Background()
	o := seed(t)
	c := o.client(nil)
	plan, err := workflow.PlanOffboarding(ctx, c, "JANE@example.com", workflow.OffboardOptions{Keys: workflow.KeysDeactivate})
	if err != nil {
		t.Fatal(err)
	}
	if plan.User.ID != o.jane.ID {
		t.Fatalf("resolved %s, want %s", plan.User.ID, o.jane.ID)
	}
	want := []string{
		"deactivate_api_key " + o.key1.ID,
		"deactivate_api_key " + o.key2.ID,
		"remove_workspace_member " + o.research.ID,
		"remove_workspace_member " + o.prod.ID,
		"delete_invite " + o.invite.ID,
		"remove_rbac_group_member " + o.engineers.ID,
		"sign_out_user " + o.jane.ID,
		"remove_user " + o.jane.ID,
	}
	if got := kinds(plan.Steps); !slices.Equal(got, want) {
		t.Fatalf("steps:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if len(plan.APIKeys) != 3 || plan.APIKeys[2].Status != admin.APIKeyStatusInactive {
		t.Errorf("plan keys = %+v, want jane's three keys with their status", plan.APIKeys)
	}
	text := plan.String()
	for _, s := range []string{"Jane Doe <jane@example.com>", `"ci"`, "Research", "Engineers", o.invite.ID, "8. remove jane@example.com from the organization"} {
		if !strings.Contains(text, s) {
			t.Errorf("plan text lacks %q:\n%s", s, text)
		}
	}
	before := o.writes()
	receipt := &workflow.Receipt{Now: o.srv.Now}
	if err := workflow.Offboard(ctx, c, plan, receipt); err != nil {
		t.Fatal(err)
	}
	if !receipt.Complete || receipt.Runs != 1 || len(receipt.Steps) != len(want) {
		t.Fatalf("receipt = %+v", receipt)
	}
	ids := map[string]bool{}
	for _, s := range receipt.Steps {
		if s.Status != workflow.StepDone || !strings.HasPrefix(s.RequestID, "req_") || ids[s.RequestID] {
			t.Errorf("step %s: status %s, request id %q (want done, a new req_ id)", s.Key(), s.Status, s.RequestID)
		}
		ids[s.RequestID] = true
	}
	after := o.writes()
	for op, n := range map[admin.Operation]int{admin.OpUpdateAPIKey: 2, admin.OpRemoveWorkspaceMember: 2, admin.OpDeleteInvite: 1, admin.OpRemoveRBACGroupMember: 1, admin.OpSignOutUser: 1, admin.OpRemoveUser: 1} {
		if d := after[op] - before[op]; d != n {
			t.Errorf("%s called %d times, want %d", op, d, n)
		}
	}
	// The state: keys inactive (the inactive one untouched, the boss's
	// active), the invite gone, jane signed out and removed, the boss still
	// in the group.
	for _, k := range []admin.APIKey{o.key1, o.key2, o.key3} {
		if got := must(c.APIKeys.Get(ctx, k.ID)); got.Status != admin.APIKeyStatusInactive {
			t.Errorf("key %s is %s, want inactive", k.ID, got.Status)
		}
	}
	if got := must(c.APIKeys.Get(ctx, o.bossKey.ID)); got.Status != admin.APIKeyStatusActive {
		t.Errorf("the boss's key is %s, want active", got.Status)
	}
	if _, err := c.Invites.Get(ctx, o.invite.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("invite: %v, want not found", err)
	}
	if _, ok := o.srv.SignedOutAt(o.jane.ID); !ok {
		t.Error("jane was not signed out")
	}
	if _, err := c.Users.Get(ctx, o.jane.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("jane: %v, want not found", err)
	}
	members := must(c.RBACGroupMembers.List(ctx, o.engineers.ID, nil))
	if len(members.Data) != 1 || members.Data[0].UserID != o.boss.ID {
		t.Errorf("Engineers members = %+v, want the boss alone", members.Data)
	}

	// The receipt survives a round trip through JSON, and planning again
	// with it reports the user as done rather than failing.
	var buf bytes.Buffer
	if _, err := receipt.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	back, err := workflow.ReadReceipt(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if back.String() != receipt.String() {
		t.Errorf("receipt after JSON:\n%s\nwant:\n%s", back, receipt)
	}
	if _, err := workflow.PlanOffboarding(ctx, c, "jane@example.com", workflow.OffboardOptions{Keys: workflow.KeysDeactivate}); !errors.Is(err, workflow.ErrUserNotFound) {
		t.Errorf("planning a removed user without a receipt: %v, want ErrUserNotFound", err)
	}
	again, err := workflow.PlanOffboarding(ctx, c, "jane@example.com", workflow.OffboardOptions{Previous: back})
	if err != nil || !again.AlreadyRemoved || len(again.Steps) != 0 {
		t.Fatalf("plan with the receipt = %+v, %v; want already removed", again, err)
	}
	if err := workflow.Offboard(ctx, c, again, back); err != nil || !back.Complete || back.Runs != 1 {
		t.Errorf("Offboard of a removed user: %v, receipt %+v", err, back)
	}
	if got := o.writes(); !mapsEqual(got, after) {
		t.Errorf("re-running a finished offboarding sent writes: %v, before %v", got, after)
	}
}

func mapsEqual(a, b map[admin.Operation]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// TestOffboardResumesAfterFailure fails the second key deactivation, then
// re-plans with the receipt and finishes without repeating the first.
func TestOffboardResumesAfterFailure(t *testing.T) {
	ctx := context.Background()
	o := seed(t)
	var once sync.Once
	c := o.client(func(r *http.Request, resp *http.Response) {
		if r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/v1/organizations/api_keys/") && resp.StatusCode == 200 {
			once.Do(func() {
				if err := o.srv.FailNext(admin.OpUpdateAPIKey, 1, admintest.Fault{Status: 500, Message: "injected outage"}); err != nil {
					t.Error(err)
				}
			})
		}
	})
	opts := workflow.OffboardOptions{Keys: workflow.KeysDeactivate}
	plan := must(workflow.PlanOffboarding(ctx, c, o.jane.ID, opts))
	receipt := &workflow.Receipt{}
	err := workflow.Offboard(ctx, c, plan, receipt)
	var ae *admin.Error
	if !errors.As(err, &ae) || ae.StatusCode != 500 {
		t.Fatalf("first run: %v, want the injected 500", err)
	}
	if receipt.Complete || len(receipt.Steps) != 2 || receipt.Steps[0].Status != workflow.StepDone || receipt.Steps[1].Status != workflow.StepFailed {
		t.Fatalf("receipt after the failure:\n%s", receipt)
	}
	if f := receipt.Steps[1]; f.Target != o.key2.ID || f.RequestID != ae.RequestID || f.RequestID == "" || !strings.Contains(f.Error, "injected outage") {
		t.Errorf("failed step = %+v, want key 2 with the error's request id %q", f, ae.RequestID)
	}
	if n := o.srv.Calls(admin.OpUpdateAPIKey); n != 2 {
		t.Fatalf("updateApiKey called %d times, want 2", n)
	}

	// Re-plan from the current state with the receipt: key 1 is inactive
	// now and no longer appears.
	opts.Previous = receipt
	plan2 := must(workflow.PlanOffboarding(ctx, c, "jane@example.com", opts))
	if got := kinds(plan2.Steps); len(got) != 7 || got[0] != "deactivate_api_key "+o.key2.ID {
		t.Fatalf("second plan steps = %v", got)
	}
	before := o.writes()
	if err := workflow.Offboard(ctx, c, plan2, receipt); err != nil {
		t.Fatal(err)
	}
	after := o.writes()
	for op, n := range map[admin.Operation]int{admin.OpUpdateAPIKey: 1, admin.OpRemoveWorkspaceMember: 2, admin.OpDeleteInvite: 1, admin.OpRemoveRBACGroupMember: 1, admin.OpSignOutUser: 1, admin.OpRemoveUser: 1} {
		if d := after[op] - before[op]; d != n {
			t.Errorf("second run called %s %d times, want %d", op, d, n)
		}
	}
	if !receipt.Complete || receipt.Runs != 2 || len(receipt.Steps) != 9 {
		t.Fatalf("final receipt:\n%s", receipt)
	}
	for _, k := range []admin.APIKey{o.key1, o.key2} {
		if got := must(c.APIKeys.Get(ctx, k.ID)); got.Status != admin.APIKeyStatusInactive {
			t.Errorf("key %s is %s", k.ID, got.Status)
		}
	}
}

// TestOffboardDoesNotSignOutTwice fails the removal after the sign-out:
// the re-run removes the user without signing them out again.
func TestOffboardDoesNotSignOutTwice(t *testing.T) {
	ctx := context.Background()
	o := seed(t)
	c := o.client(nil)
	if err := o.srv.FailNext(admin.OpRemoveUser, 1, admintest.Fault{Status: 400, Message: "injected refusal"}); err != nil {
		t.Fatal(err)
	}
	opts := workflow.OffboardOptions{Keys: workflow.KeysArchive}
	receipt := &workflow.Receipt{}
	if err := workflow.Offboard(ctx, c, must(workflow.PlanOffboarding(ctx, c, o.jane.ID, opts)), receipt); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Fatalf("first run: %v, want the injected 400", err)
	}
	opts.Previous = receipt
	plan := must(workflow.PlanOffboarding(ctx, c, o.jane.ID, opts))
	if got := kinds(plan.Steps); !slices.Equal(got, []string{"remove_user " + o.jane.ID}) {
		t.Fatalf("second plan = %v, want the removal alone", got)
	}
	if !strings.Contains(plan.String(), "the previous receipt records the sign-out") {
		t.Errorf("plan does not say why the sign-out is left out:\n%s", plan)
	}
	if err := workflow.Offboard(ctx, c, plan, receipt); err != nil {
		t.Fatal(err)
	}
	if n := o.srv.Calls(admin.OpSignOutUser); n != 1 {
		t.Errorf("signOutUser called %d times, want 1", n)
	}
	// KeysArchive archived the inactive key too.
	if got := must(c.APIKeys.Get(ctx, o.key3.ID)); got.Status != admin.APIKeyStatusArchived {
		t.Errorf("inactive key is %s after KeysArchive, want archived", got.Status)
	}
}

func TestOffboardSignOutRefusedIsSkipped(t *testing.T) {
	ctx := context.Background()
	o := seed(t)
	c := o.client(nil)
	if err := o.srv.FailNext(admin.OpSignOutUser, 1, admintest.Fault{Status: 400, Code: admin.ErrorCodeOrganizationNotEnrolledInBeta}); err != nil {
		t.Fatal(err)
	}
	receipt := &workflow.Receipt{}
	if err := workflow.Offboard(ctx, c, must(workflow.PlanOffboarding(ctx, c, o.jane.ID, workflow.OffboardOptions{Keys: workflow.KeysDeactivate})), receipt); err != nil {
		t.Fatal(err)
	}
	var skipped []string
	for _, s := range receipt.Steps {
		if s.Status == workflow.StepSkipped {
			skipped = append(skipped, string(s.Kind)+" "+s.ErrorCode)
		}
	}
	if !slices.Equal(skipped, []string{"sign_out_user organization_not_enrolled_in_beta"}) || !receipt.Complete {
		t.Errorf("skipped = %v, complete = %v; want the sign-out skipped and the user removed", skipped, receipt.Complete)
	}
}

func TestPlanOffboardingRefusals(t *testing.T) {
	ctx := context.Background()
	o := seed(t)
	c := o.client(nil)
	if _, err := workflow.PlanOffboarding(ctx, c, "jane@example.com", workflow.OffboardOptions{}); !errors.Is(err, workflow.ErrKeyActionRequired) {
		t.Errorf("no key action: %v, want ErrKeyActionRequired", err)
	}
	if _, err := workflow.PlanOffboarding(ctx, c, "jane@example.com", workflow.OffboardOptions{Keys: "delete"}); err == nil {
		t.Error("unknown key action accepted")
	}
	for _, who := range []string{"nobody@example.com", "user_01NoSuchUserXXXXXXXXXXX"} {
		if _, err := workflow.PlanOffboarding(ctx, c, who, workflow.OffboardOptions{Keys: workflow.KeysArchive}); !errors.Is(err, workflow.ErrUserNotFound) {
			t.Errorf("%s: %v, want ErrUserNotFound", who, err)
		}
	}
	if _, err := workflow.PlanOffboarding(ctx, c, "jane", workflow.OffboardOptions{Keys: workflow.KeysArchive}); err == nil || errors.Is(err, workflow.ErrUserNotFound) {
		t.Errorf("a bare name: %v, want an input error", err)
	}
	// A user without active keys needs no key action.
	bossPlan := must(workflow.PlanOffboarding(ctx, c, o.boss.ID, workflow.OffboardOptions{Keys: workflow.KeysDeactivate}))
	must(c.APIKeys.Update(ctx, o.bossKey.ID, admin.UpdateAPIKeyRequest{Status: ptr(admin.APIKeyStatusUpdateInactive)}))
	if _, err := workflow.PlanOffboarding(ctx, c, o.boss.ID, workflow.OffboardOptions{}); err != nil {
		t.Errorf("a user without active keys: %v", err)
	}
	// A receipt for someone else is refused.
	if err := workflow.Offboard(ctx, c, bossPlan, &workflow.Receipt{UserID: o.jane.ID}); err == nil {
		t.Error("a receipt for another user was accepted")
	}
	if _, err := workflow.PlanOffboarding(ctx, c, o.boss.ID, workflow.OffboardOptions{Previous: &workflow.Receipt{UserID: o.jane.ID}}); err == nil {
		t.Error("a previous receipt for another user was accepted")
	}
}

func ptr[T any](v T) *T { return &v }

// TestOffboardSkipsRecordedSignOut runs a plan made without the receipt:
// Offboard itself does not sign out again a user the receipt records as
// signed out.
func TestOffboardSkipsRecordedSignOut(t *testing.T) {
	ctx := context.Background()
	o := seed(t)
	c := o.client(nil)
	if err := o.srv.FailNext(admin.OpRemoveUser, 1, admintest.Fault{Status: 400}); err != nil {
		t.Fatal(err)
	}
	opts := workflow.OffboardOptions{Keys: workflow.KeysDeactivate}
	receipt := &workflow.Receipt{}
	if err := workflow.Offboard(ctx, c, must(workflow.PlanOffboarding(ctx, c, o.jane.ID, opts)), receipt); err == nil {
		t.Fatal("the injected failure did not fail the run")
	}
	plan := must(workflow.PlanOffboarding(ctx, c, o.jane.ID, opts)) // without Previous
	if got := kinds(plan.Steps); !slices.Equal(got, []string{"sign_out_user " + o.jane.ID, "remove_user " + o.jane.ID}) {
		t.Fatalf("plan without the receipt = %v", got)
	}
	if err := workflow.Offboard(ctx, c, plan, receipt); err != nil {
		t.Fatal(err)
	}
	if n := o.srv.Calls(admin.OpSignOutUser); n != 1 {
		t.Errorf("signOutUser called %d times, want 1", n)
	}
}

// TestOnlyPublicAPI keeps the package on the public API of package admin:
// it must not import the generated code.
func TestOnlyPublicAPI(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-f", "{{join .Imports \"\\n\"}}", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	imports := strings.Fields(string(out))
	if !slices.Contains(imports, "github.com/anthropic-admin/anthropic-admin-go/wrapper/admin") {
		t.Fatalf("imports %v lack package admin; the check below would prove nothing", imports)
	}
	for _, imp := range imports {
		if strings.Contains(imp, "/gen") || strings.Contains(imp, "/admintest") || strings.Contains(imp, "/internal") {
			t.Errorf("package workflow imports %s", imp)
		}
	}
}
