package workflow_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

func TestRunBulkBoundsParallelism(t *testing.T) {
	for _, tc := range []struct{ parallel, want int }{{3, 3}, {0, workflow.DefaultBulkParallel}, {1, 1}} {
		var inFlight, peak atomic.Int32
		rep, err := workflow.RunBulk(context.Background(), 40, func(ctx context.Context, i int) (string, error) {
			n := inFlight.Add(1)
			for {
				p := peak.Load()
				if n <= p || peak.CompareAndSwap(p, n) {
					break
				}
			}
			time.Sleep(3 * time.Millisecond)
			inFlight.Add(-1)
			return "", nil
		}, workflow.BulkOptions{Parallel: tc.parallel})
		if err != nil {
			t.Fatal(err)
		}
		if rep.OK != 40 {
			t.Errorf("parallel %d: %d rows ok, want 40", tc.parallel, rep.OK)
		}
		if p := int(peak.Load()); p > tc.want || (tc.want > 1 && p < 2) {
			t.Errorf("parallel %d: peak %d rows in flight, want at most %d (and more than 1)", tc.parallel, p, tc.want)
		}
	}
}

func TestRunBulkResultsInInputOrder(t *testing.T) {
	const n = 50
	var started []int
	var mu sync.Mutex
	rep, err := workflow.RunBulk(context.Background(), n, func(ctx context.Context, i int) (string, error) {
		mu.Lock()
		started = append(started, i)
		mu.Unlock()
		time.Sleep(time.Duration((n-i)%7) * time.Millisecond) // finish out of order
		if i%10 == 9 {
			return "", fmt.Errorf("row %d refused", i)
		}
		return fmt.Sprintf("obj_%d", i), nil
	}, workflow.BulkOptions{Parallel: 5})
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Results) != n || rep.OK != 45 || rep.Failed != 5 || rep.Skipped != 0 {
		t.Fatalf("got %d results, %d ok, %d failed, %d skipped", len(rep.Results), rep.OK, rep.Failed, rep.Skipped)
	}
	for i, r := range rep.Results {
		if r.Index != i || r.Attempts != 1 {
			t.Errorf("result %d: index %d, %d attempts", i, r.Index, r.Attempts)
		}
		if i%10 == 9 {
			if r.Status != workflow.BulkError || r.Error != fmt.Sprintf("row %d refused", i) || r.ID != "" {
				t.Errorf("result %d: %+v", i, r)
			}
		} else if r.Status != workflow.BulkOK || r.ID != fmt.Sprintf("obj_%d", i) || r.Error != "" {
			t.Errorf("result %d: %+v", i, r)
		}
	}
	// Rows start in order: each worker takes the next row.
	for i := 1; i < len(started); i++ {
		if started[i] < started[i-1]-5 {
			t.Errorf("row %d started after row %d: more than the parallelism out of order", started[i], started[i-1])
		}
	}
	if err := rep.Err(); err == nil || err.Error() != "workflow: bulk run: 5 of 50 rows failed, 0 not run" {
		t.Errorf("Err() = %v", err)
	}
}

// timedTransport records when each request was sent and when its
// response came, and its status.
type timedTransport struct {
	base http.RoundTripper
	mu   sync.Mutex
	log  []sent
}

type sent struct {
	start, end time.Time
	status     int
}

func (tt *timedTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	start := time.Now()
	resp, err := tt.base.RoundTrip(r)
	if err == nil {
		tt.mu.Lock()
		tt.log = append(tt.log, sent{start, time.Now(), resp.StatusCode})
		tt.mu.Unlock()
	}
	return resp, err
}

// TestRunBulkRateLimitPausesEveryone: a 429 with a Retry-After stops
// every worker from starting a row until it has passed, whether package
// admin retries the request itself (seen through RecordRequestIDs) or
// leaves it to RunBulk (WithMaxRetries(0), or no RecordRequestIDs); and
// exactly one more request is sent than there are rows.
func TestRunBulkRateLimitPausesEveryone(t *testing.T) {
	const pause = 300 * time.Millisecond
	for _, tc := range []struct {
		name       string
		retries    int
		record     bool
		rowRetried bool // RunBulk, rather than admin, sends the row again
	}{
		{"admin retries, RecordRequestIDs", admin.DefaultMaxRetries, true, false},
		{"no admin retries, RecordRequestIDs", 0, true, true},
		{"no admin retries, no RecordRequestIDs", 0, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := admintest.NewServer()
			t.Cleanup(srv.Close)
			srv.SetLatency(10 * time.Millisecond)
			tt := &timedTransport{base: http.DefaultTransport}
			var rt http.RoundTripper = tt
			if tc.record {
				rt = workflow.RecordRequestIDs(tt)
			}
			c := srv.Client(admin.WithMaxRetries(tc.retries), admin.WithHTTPClient(&http.Client{Transport: rt}))
			const n = 40
			invites := make([]admin.CreateInviteRequest, n)
			for i := range invites {
				invites[i] = admin.CreateInviteRequest{Email: fmt.Sprintf("u%02d@example.com", i), Role: admin.AssignableOrganizationRoleUser}
			}
			// The 429 comes on the fifth call.
			var calls atomic.Int32
			var mu sync.Mutex
			var rowStarts []time.Time
			rep, err := workflow.RunBulk(context.Background(), n, func(ctx context.Context, i int) (string, error) {
				mu.Lock()
				rowStarts = append(rowStarts, time.Now())
				mu.Unlock()
				if calls.Add(1) == 5 {
					if err := srv.FailNext(admin.OpCreateInvite, 1, admintest.Fault{Status: 429, RetryAfter: pause}); err != nil {
						return "", err
					}
				}
				inv, err := c.Invites.Create(ctx, invites[i])
				if err != nil {
					return "", err
				}
				return inv.ID, nil
			}, workflow.BulkOptions{Parallel: 4})
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK != n || rep.RateLimited != 1 {
				t.Fatalf("%d ok, %d rate limited; want %d and 1: %+v", rep.OK, rep.RateLimited, n, rep.Results)
			}
			if got := srv.Calls(admin.OpCreateInvite); got != n+1 {
				t.Errorf("%d createInvite calls, want %d (one per row and one 429)", got, n+1)
			}
			var limited sent
			for _, s := range tt.log {
				if s.status == 429 {
					limited = s
				}
			}
			if limited.status != 429 {
				t.Fatal("no 429 response seen")
			}
			// Rows started after the 429 arrived wait for its Retry-After.
			// A worker that passed the gate just before may start its row a
			// moment later (20ms of grace, and on a loaded machine at most
			// one straggler per other worker); without the pause every
			// remaining row would start within the Retry-After.
			var early []time.Duration
			for _, s := range rowStarts {
				if s.After(limited.end.Add(20*time.Millisecond)) && s.Before(limited.end.Add(pause-10*time.Millisecond)) {
					early = append(early, s.Sub(limited.end))
				}
			}
			if len(early) > 3 {
				t.Errorf("%d rows started within the Retry-After of %v of the 429: %v after it", len(early), pause, early)
			}
			attempts := 0
			for _, r := range rep.Results {
				attempts += r.Attempts
			}
			if want := n + map[bool]int{true: 1}[tc.rowRetried]; attempts != want {
				t.Errorf("%d attempts, want %d", attempts, want)
			}
		})
	}
}

func TestRunBulkRateLimitRetriesRunOut(t *testing.T) {
	srv := admintest.NewServer()
	t.Cleanup(srv.Close)
	if err := srv.FailNext(admin.OpCreateInvite, 10, admintest.Fault{Status: 429, RetryAfter: 10 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	c := srv.Client(admin.WithMaxRetries(0), admin.WithHTTPClient(&http.Client{Transport: workflow.RecordRequestIDs(nil)}))
	rep, err := workflow.InviteMany(context.Background(), c, []admin.CreateInviteRequest{{Email: "a@example.com", Role: admin.AssignableOrganizationRoleUser}},
		workflow.BulkOptions{RateLimitRetries: 2})
	if err != nil {
		t.Fatal(err)
	}
	r := rep.Results[0]
	if r.Status != workflow.BulkError || r.Attempts != 3 || r.RequestID == "" || rep.RateLimited != 3 {
		t.Errorf("got %+v, %d rate limited; want an error after 3 attempts", r, rep.RateLimited)
	}
	if got := srv.Calls(admin.OpCreateInvite); got != 3 {
		t.Errorf("%d calls, want 3", got)
	}
	// A negative RateLimitRetries never runs a row again.
	rep, _ = workflow.InviteMany(context.Background(), c, []admin.CreateInviteRequest{{Email: "a@example.com", Role: admin.AssignableOrganizationRoleUser}},
		workflow.BulkOptions{RateLimitRetries: -1})
	if r := rep.Results[0]; r.Status != workflow.BulkError || r.Attempts != 1 || srv.Calls(admin.OpCreateInvite) != 4 {
		t.Errorf("got %+v after %d calls", r, srv.Calls(admin.OpCreateInvite))
	}
}

func TestRunBulkAlreadyDone(t *testing.T) {
	srv := admintest.NewServer()
	t.Cleanup(srv.Close)
	ada, err := srv.AddUser(admintest.UserSeed{Email: "ada@example.com", Role: admin.OrganizationRoleDeveloper})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddInvite(admintest.InviteSeed{Email: "grace@example.com"}); err != nil {
		t.Fatal(err)
	}
	ws, err := srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Research"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddWorkspaceMember(ws.ID, ada.ID, admin.WorkspaceRoleWorkspaceUser); err != nil {
		t.Fatal(err)
	}
	c := srv.Client(admin.WithHTTPClient(&http.Client{Transport: workflow.RecordRequestIDs(nil)}))
	ctx := context.Background()
	invites := []admin.CreateInviteRequest{
		{Email: "ada@example.com", Role: admin.AssignableOrganizationRoleUser},
		{Email: "grace@example.com", Role: admin.AssignableOrganizationRoleUser},
		{Email: "new@example.com", Role: admin.AssignableOrganizationRoleUser},
	}

	// Not asked: the codes are errors.
	rep, err := workflow.InviteMany(ctx, c, invites, workflow.BulkOptions{})
	if err != nil {
		t.Fatal(err)
	}
	got := []workflow.BulkStatus{rep.Results[0].Status, rep.Results[1].Status, rep.Results[2].Status}
	if fmt.Sprint(got) != "[error error ok]" || rep.Results[0].ErrorCode != "already_member" || rep.Results[1].ErrorCode != "invite_already_exists" {
		t.Errorf("without AlreadyDone: %+v", rep.Results)
	}
	// Asked: every row is done now, the new invite included.
	rep, err = workflow.InviteMany(ctx, c, invites, workflow.BulkOptions{AlreadyDone: workflow.InviteAlreadyDone()})
	if err != nil {
		t.Fatal(err)
	}
	if rep.AlreadyDone != 3 || rep.Err() != nil || rep.Results[2].ErrorCode != "invite_already_exists" || rep.Results[2].RequestID == "" {
		t.Errorf("with AlreadyDone: %+v", rep.Results)
	}
	// Only the codes named count.
	rep, _ = workflow.InviteMany(ctx, c, invites, workflow.BulkOptions{AlreadyDone: []admin.ErrorCode{admin.ErrorCodeAlreadyMember}})
	if rep.AlreadyDone != 1 || rep.Failed != 2 {
		t.Errorf("with already_member only: %+v", rep.Results)
	}

	// A 409 (already a member of the workspace) counts with ConflictIsDone.
	add := func(ctx context.Context, _ int) (string, error) {
		m, err := c.WorkspaceMembers.Add(ctx, ws.ID, admin.AddWorkspaceMemberRequest{UserID: ada.ID, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceDeveloper})
		if err != nil {
			return "", err
		}
		return m.UserID, nil
	}
	rep, _ = workflow.RunBulk(ctx, 1, add, workflow.BulkOptions{})
	if rep.Results[0].Status != workflow.BulkError {
		t.Errorf("409 without ConflictIsDone: %+v", rep.Results[0])
	}
	rep, _ = workflow.RunBulk(ctx, 1, add, workflow.BulkOptions{ConflictIsDone: true})
	if rep.Results[0].Status != workflow.BulkAlreadyDone {
		t.Errorf("409 with ConflictIsDone: %+v", rep.Results[0])
	}
}

func TestRunBulkCancellationSkipsTheRest(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var ran atomic.Int32
	var progress []int
	// The tenth row to run cancels, whatever its index (a worker may take
	// index 9 and be descheduled while the other runs many more rows);
	// the lock makes the count and the cancel one step, so that at most
	// the other worker's row can be in flight.
	var mu sync.Mutex
	rep, err := workflow.RunBulk(ctx, 100, func(ctx context.Context, i int) (string, error) {
		mu.Lock()
		defer mu.Unlock()
		if ran.Add(1) == 10 {
			cancel()
		}
		return "x", nil
	}, workflow.BulkOptions{Parallel: 2, Progress: func(r workflow.BulkResult) { progress = append(progress, r.Index) }})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
	n := int(ran.Load())
	if n < 10 || n > 11 {
		t.Fatalf("%d rows ran, want 10 or 11 (the one in flight)", n)
	}
	if rep.OK != n || rep.Skipped != 100-n || len(progress) != n {
		t.Errorf("%d ok, %d skipped, %d progress calls; %d ran", rep.OK, rep.Skipped, len(progress), n)
	}
	for _, r := range rep.Results[11:] {
		if r.Status != workflow.BulkSkipped || r.Attempts != 0 || r.Error != "not run: context canceled" || !errors.Is(r.Err, context.Canceled) {
			t.Errorf("row %d: %+v", r.Index, r)
		}
	}
	if err := rep.Err(); err == nil {
		t.Error("Err() is nil with skipped rows")
	}
}
