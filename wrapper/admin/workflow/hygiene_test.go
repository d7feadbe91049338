package workflow_test

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// hygieneNow is the fake's clock in the hygiene tests.
var hygieneNow = time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)

// hygieneOrg is a seeded organization with one key per case.
type hygieneOrg struct {
	fakeOrg
	// used: active, old, used yesterday; nothing to report.
	used admin.APIKey
	// expiring: expires in 10 days, used.
	expiring admin.APIKey
	// later: expires in 60 days, used; not flagged with 30 days.
	later admin.APIKey
	// unused: old, last used 100 days ago (outside the window).
	unused admin.APIKey
	// fresh: created 10 days ago, never used; not unused.
	fresh admin.APIKey
	// orphan: created by a user since removed, used.
	orphan admin.APIKey
	// bare: no creator and no principal, used.
	bare admin.APIKey
	// dormant: inactive and unused; checked only with IncludeInactive.
	dormant admin.APIKey
	// many: expiring, unused, creator gone: three reasons.
	many admin.APIKey
}

func seedHygiene(t testing.TB) *hygieneOrg {
	t.Helper()
	srv := admintest.NewServer()
	t.Cleanup(srv.Close)
	srv.SetNow(hygieneNow)
	o := &hygieneOrg{fakeOrg: fakeOrg{srv}}
	ann := must(srv.AddUser(admintest.UserSeed{Email: "ann@example.com", Role: admin.OrganizationRoleDeveloper}))
	leaver := must(srv.AddUser(admintest.UserSeed{Email: "leaver@example.com", Role: admin.OrganizationRoleDeveloper}))
	old := hygieneNow.AddDate(0, 0, -200)
	in := func(d int) *time.Time { t := hygieneNow.AddDate(0, 0, d); return &t }
	key := func(name string, s admintest.APIKeySeed) admin.APIKey {
		s.Name = name
		if s.CreatedAt.IsZero() {
			s.CreatedAt = old
		}
		return must(srv.AddAPIKey(s))
	}
	o.used = key("used", admintest.APIKeySeed{CreatedByUserID: ann.ID})
	o.expiring = key("expiring", admintest.APIKeySeed{CreatedByUserID: ann.ID, ExpiresAt: in(10)})
	o.later = key("later", admintest.APIKeySeed{CreatedByUserID: ann.ID, ExpiresAt: in(60)})
	o.unused = key("unused", admintest.APIKeySeed{CreatedByUserID: ann.ID})
	o.fresh = key("fresh", admintest.APIKeySeed{CreatedByUserID: ann.ID, CreatedAt: hygieneNow.AddDate(0, 0, -10)})
	o.orphan = key("orphan", admintest.APIKeySeed{CreatedByUserID: leaver.ID})
	o.bare = key("bare", admintest.APIKeySeed{})
	o.dormant = key("dormant", admintest.APIKeySeed{CreatedByUserID: ann.ID, Status: admin.APIKeyStatusInactive})
	o.many = key("many", admintest.APIKeySeed{CreatedByUserID: leaver.ID, ExpiresAt: in(3)})
	if _, err := srv.Client().Users.Remove(context.Background(), leaver.ID); err != nil {
		t.Fatal(err)
	}
	use := func(k admin.APIKey, daysAgo int) admintest.UsageRecord {
		return admintest.UsageRecord{Time: hygieneNow.AddDate(0, 0, -daysAgo), APIKeyID: k.ID, Model: "claude-sonnet-4-5", UncachedInputTokens: 100, OutputTokens: 10}
	}
	if err := srv.AddUsage(
		use(o.used, 1), use(o.used, 40),
		use(o.expiring, 5), use(o.later, 70), use(o.orphan, 2), use(o.bare, 30),
		use(o.unused, 100), use(o.many, 95),
		// Console usage (no key) is not any key's.
		admintest.UsageRecord{Time: hygieneNow.AddDate(0, 0, -1), Model: "claude-sonnet-4-5", OutputTokens: 5},
	); err != nil {
		t.Fatal(err)
	}
	return o
}

// reasonsOf maps the report's keys to their reasons.
func reasonsOf(r *workflow.HygieneReport) map[string][]workflow.HygieneReason {
	m := map[string][]workflow.HygieneReason{}
	for _, k := range r.Keys {
		m[k.ID] = k.Reasons()
	}
	return m
}

// readCalls counts the calls of the operations the report may make.
func (o *hygieneOrg) readCalls() map[admin.Operation]int {
	return o.calls(admin.OpListAPIKeys, admin.OpGetAPIKey, admin.OpListUsers, admin.OpGetUser, admin.OpGetMessagesUsageReport, admin.OpUpdateAPIKey)
}

func TestKeyHygieneFindings(t *testing.T) {
	ctx := context.Background()
	o := seedHygiene(t)
	c := o.srv.Client(admin.WithMaxRetries(0))
	r, err := workflow.KeyHygiene(ctx, c, workflow.HygieneOptions{Now: o.srv.Now})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][]workflow.HygieneReason{
		o.expiring.ID: {workflow.ReasonExpiring},
		o.unused.ID:   {workflow.ReasonUnused},
		o.orphan.ID:   {workflow.ReasonCreatorGone},
		o.bare.ID:     {workflow.ReasonNoPrincipal},
		o.many.ID:     {workflow.ReasonExpiring, workflow.ReasonUnused, workflow.ReasonCreatorGone},
	}
	got := reasonsOf(r)
	if len(got) != len(want) {
		t.Errorf("flagged %v, want %v", got, want)
	}
	for id, reasons := range want {
		if !slices.Equal(got[id], reasons) {
			t.Errorf("key %s: reasons %v, want %v", id, got[id], reasons)
		}
	}
	if r.KeysChecked != 8 {
		t.Errorf("checked %d keys, want the 8 active ones", r.KeysChecked)
	}
	wantCounts := map[workflow.HygieneReason]int{workflow.ReasonExpiring: 2, workflow.ReasonUnused: 2, workflow.ReasonCreatorGone: 2, workflow.ReasonNoPrincipal: 1}
	for reason, n := range wantCounts {
		if r.Counts[reason] != n {
			t.Errorf("count of %s = %d, want %d", reason, r.Counts[reason], n)
		}
	}
	if want := time.Date(2026, 8, 4, 0, 0, 0, 0, time.UTC); !r.UnusedSince.Equal(want) {
		t.Errorf("unused since %s, want %s", r.UnusedSince, want)
	}
	// The details: the expiry date and days left, the last day of use.
	for _, k := range r.Keys {
		switch k.ID {
		case o.expiring.ID:
			if d := k.Findings[0].Detail; d != "expires 2026-11-12 (in 10 days)" {
				t.Errorf("expiring detail = %q", d)
			}
			if k.LastUsed == nil || !k.LastUsed.Equal(time.Date(2026, 10, 28, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("expiring key last used %v, want 2026-10-28", k.LastUsed)
			}
		case o.unused.ID:
			if d := k.Findings[0].Detail; d != "no usage since 2026-08-04" || k.LastUsed != nil {
				t.Errorf("unused detail = %q, last used %v", d, k.LastUsed)
			}
		case o.orphan.ID:
			if d := k.Findings[0].Detail; !strings.Contains(d, o.orphan.CreatedBy.ID) {
				t.Errorf("creator detail = %q", d)
			}
		}
	}
	text := r.String()
	for _, s := range []string{"8 active keys checked", "Flagged keys: 5", "no usage since 2026-08-04", "Counts: expiring 2, unused 2, creator_gone 2, no_principal 1"} {
		if !strings.Contains(text, s) {
			t.Errorf("report text lacks %q:\n%s", s, text)
		}
	}

	// Only some reasons, and keys of every status.
	r2, err := workflow.KeyHygiene(ctx, c, workflow.HygieneOptions{Now: o.srv.Now, IncludeInactive: true, Only: []workflow.HygieneReason{workflow.ReasonUnused}, UnusedFor: 30 * 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	// bare was used 30 days ago, at 09:00: inside the window, which
	// starts at midnight.
	want2 := []string{o.later.ID, o.unused.ID, o.dormant.ID, o.many.ID}
	got2 := []string{}
	for _, k := range r2.Keys {
		got2 = append(got2, k.ID)
	}
	slices.Sort(want2)
	if !slices.Equal(got2, want2) {
		t.Errorf("unused in 30 days, every status: %v, want %v", got2, want2)
	}
}

func TestKeyHygieneRequests(t *testing.T) {
	ctx := context.Background()
	o := seedHygiene(t)
	c := o.srv.Client(admin.WithMaxRetries(0))
	before := o.readCalls()
	if _, err := workflow.KeyHygiene(ctx, c, workflow.HygieneOptions{Now: o.srv.Now}); err != nil {
		t.Fatal(err)
	}
	after := o.readCalls()
	// 90 days of daily buckets take three pages of 31.
	want := map[admin.Operation]int{admin.OpListAPIKeys: 1, admin.OpListUsers: 1, admin.OpGetMessagesUsageReport: 3}
	for op, n := range after {
		if d := n - before[op]; d != want[op] {
			t.Errorf("%s called %d times, want %d", op, d, want[op])
		}
	}
	// Only the reasons that need no extra list: the key list alone.
	before = after
	if _, err := workflow.KeyHygiene(ctx, c, workflow.HygieneOptions{Now: o.srv.Now, Only: []workflow.HygieneReason{workflow.ReasonExpiring, workflow.ReasonNoPrincipal}}); err != nil {
		t.Fatal(err)
	}
	after = o.readCalls()
	for op, n := range after {
		if d := n - before[op]; d != map[admin.Operation]int{admin.OpListAPIKeys: 1}[op] {
			t.Errorf("expiring and no_principal only: %s called %d times", op, d)
		}
	}
	if _, err := workflow.KeyHygiene(ctx, c, workflow.HygieneOptions{Only: []workflow.HygieneReason{"stale"}}); err == nil {
		t.Error("an unknown reason was accepted")
	}
	if _, err := workflow.KeyHygiene(ctx, c, workflow.HygieneOptions{UnusedFor: -time.Hour}); err == nil {
		t.Error("a negative window was accepted")
	}
}

// TestDeactivateFlaggedKeysResumes fails the second deactivation; the
// re-run reports the keys still active and deactivates only those.
func TestDeactivateFlaggedKeysResumes(t *testing.T) {
	ctx := context.Background()
	o := seedHygiene(t)
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
	opts := workflow.HygieneOptions{Now: o.srv.Now}
	r := must(workflow.KeyHygiene(ctx, c, opts))
	steps := r.Steps()
	wantTargets := []string{o.unused.ID, o.expiring.ID, o.orphan.ID, o.bare.ID, o.many.ID}
	slices.Sort(wantTargets)
	var targets []string
	for _, s := range steps {
		if s.Kind != workflow.StepDeactivateAPIKey {
			t.Errorf("step %+v, want deactivations only", s)
		}
		targets = append(targets, s.Target)
	}
	if !slices.Equal(targets, wantTargets) {
		t.Fatalf("targets %v, want %v", targets, wantTargets)
	}
	receipt := &workflow.Receipt{Now: o.srv.Now}
	err := workflow.DeactivateFlaggedKeys(ctx, c, r, receipt)
	var ae *admin.Error
	if !errors.As(err, &ae) || ae.StatusCode != 500 {
		t.Fatalf("first run: %v, want the injected 500", err)
	}
	if receipt.Complete || receipt.Workflow != workflow.WorkflowKeyHygiene || len(receipt.Steps) != 2 ||
		receipt.Steps[0].Status != workflow.StepDone || receipt.Steps[1].Status != workflow.StepFailed || receipt.Steps[1].RequestID != ae.RequestID {
		t.Fatalf("receipt after the failure:\n%s", receipt)
	}
	if n := o.srv.Calls(admin.OpUpdateAPIKey); n != 2 {
		t.Fatalf("updateApiKey called %d times, want 2", n)
	}

	// Through JSON, as the CLI keeps it.
	var buf bytes.Buffer
	if _, err := receipt.WriteTo(&buf); err != nil {
		t.Fatal(err)
	}
	receipt = must(workflow.ReadReceipt(&buf))
	receipt.Now = o.srv.Now

	// The re-run: the first key is inactive now and drops out.
	r2 := must(workflow.KeyHygiene(ctx, c, opts))
	if got := len(r2.Steps()); got != 4 {
		t.Fatalf("second report has %d steps, want 4:\n%s", got, r2)
	}
	if _, ok := reasonsOf(r2)[wantTargets[0]]; ok {
		t.Errorf("the key deactivated by the first run is still reported")
	}
	if err := workflow.DeactivateFlaggedKeys(ctx, c, r2, receipt); err != nil {
		t.Fatal(err)
	}
	if n := o.srv.Calls(admin.OpUpdateAPIKey); n != 6 {
		t.Errorf("updateApiKey called %d times in all, want 6 (2 + the 4 left)", n)
	}
	if !receipt.Complete || receipt.Runs != 2 || len(receipt.Steps) != 6 {
		t.Errorf("final receipt:\n%s", receipt)
	}
	done := map[string]int{}
	for _, s := range receipt.Steps {
		if s.Status == workflow.StepDone {
			done[s.Target]++
		}
	}
	for _, id := range wantTargets {
		if done[id] != 1 {
			t.Errorf("key %s deactivated %d times in the receipt, want 1", id, done[id])
		}
		if k := must(c.APIKeys.Get(ctx, id)); k.Status != admin.APIKeyStatusInactive {
			t.Errorf("key %s is %s, want inactive", id, k.Status)
		}
	}
	if k := must(c.APIKeys.Get(ctx, o.used.ID)); k.Status != admin.APIKeyStatusActive {
		t.Errorf("the healthy key is %s", k.Status)
	}
	if !strings.HasPrefix(receipt.String(), "Key hygiene: complete after 2 run(s)") {
		t.Errorf("receipt text:\n%s", receipt)
	}

	// A third run finds nothing to do and sends nothing.
	r3 := must(workflow.KeyHygiene(ctx, c, opts))
	if len(r3.Keys) != 0 {
		t.Errorf("third report flags %v", reasonsOf(r3))
	}
	if err := workflow.DeactivateFlaggedKeys(ctx, c, r3, receipt); err != nil || o.srv.Calls(admin.OpUpdateAPIKey) != 6 {
		t.Errorf("third run: %v, %d updates", err, o.srv.Calls(admin.OpUpdateAPIKey))
	}

	// Receipts of other workflows are refused.
	if err := workflow.DeactivateFlaggedKeys(ctx, c, r3, &workflow.Receipt{UserID: "user_x", Steps: []workflow.StepResult{{}}}); err == nil {
		t.Error("an offboarding receipt was accepted")
	}
	if err := workflow.Offboard(ctx, c, &workflow.OffboardPlan{}, receipt); err == nil {
		t.Error("Offboard accepted a key hygiene receipt")
	}
}
