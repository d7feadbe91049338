package workflow

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// BulkStatus is the outcome of one row of a bulk run.
type BulkStatus string

const (
	// BulkOK means the row's call succeeded.
	BulkOK BulkStatus = "ok"
	// BulkAlreadyDone means the row's call failed with an error that
	// says its work was done already, such as invite_already_exists, and
	// [BulkOptions] counts that error as success.
	BulkAlreadyDone BulkStatus = "already_done"
	// BulkError means the row's call failed.
	BulkError BulkStatus = "error"
	// BulkSkipped means the row was not run: the context ended first.
	BulkSkipped BulkStatus = "skipped"
)

// DefaultBulkParallel is the number of rows [RunBulk] runs at once unless
// [BulkOptions.Parallel] says otherwise.
const DefaultBulkParallel = 4

// DefaultBulkRateLimitRetries is how often [RunBulk] runs a row again
// after its call ended in a 429 unless [BulkOptions.RateLimitRetries]
// says otherwise.
const DefaultBulkRateLimitRetries = 3

// BulkFunc makes the call of row i of a bulk run with ctx (which carries
// what lets [RecordRequestIDs] note the row's request ID and 429s pause
// the run) and returns the ID of the object it created or changed, if
// any, or the call's error.
type BulkFunc func(ctx context.Context, i int) (id string, err error)

// BulkOptions are the choices of [RunBulk].
type BulkOptions struct {
	// Parallel is the most rows in flight at once; zero or less means
	// DefaultBulkParallel.
	Parallel int
	// AlreadyDone lists the error codes that mean the row's work was
	// done already (such as [admin.ErrorCodeInviteAlreadyExists] and
	// [admin.ErrorCodeAlreadyMember]): a row failing with one of them
	// counts as BulkAlreadyDone rather than BulkError. Empty: none does.
	AlreadyDone []admin.ErrorCode
	// ConflictIsDone counts every 409 conflict (already a member of the
	// workspace or group, a name already taken) as BulkAlreadyDone too.
	ConflictIsDone bool
	// RateLimitRetries is how often a row whose call ended in a 429 is
	// run again, after the pause the 429 asked for; zero means
	// DefaultBulkRateLimitRetries, a negative number never.
	RateLimitRetries int
	// Backoff is the pause after a 429 that gave no Retry-After; zero
	// means one second.
	Backoff time.Duration
	// MaxPause caps the pause a single 429 can impose; zero means one
	// minute, the longest Retry-After package admin waits for itself.
	MaxPause time.Duration
	// Progress, when set, is called with each row's result as the row
	// finishes, one call at a time, in the order rows finish.
	Progress func(BulkResult)
}

// A BulkResult is the outcome of one row of a bulk run.
type BulkResult struct {
	// Index is the row's index, from 0, in the order of the input.
	Index int `json:"index"`
	// Status is the outcome.
	Status BulkStatus `json:"status"`
	// RequestID is the request-id of the row's last response: always
	// known for an error response, known for a success only with
	// [RecordRequestIDs].
	RequestID string `json:"request_id"`
	// ID is the ID of the object the row created or changed, when the
	// call returned one.
	ID string `json:"id,omitempty"`
	// ErrorCode is the error's machine-readable code, if any.
	ErrorCode string `json:"error_code,omitempty"`
	// Error is the error message of a row that is not BulkOK.
	Error string `json:"error,omitempty"`
	// Attempts is how often the row's function was called: more than
	// once only after a 429.
	Attempts int `json:"attempts"`
	// Err is the error of a row that is not BulkOK (for errors.Is and
	// errors.As), or, for a skipped row, the context's error.
	Err error `json:"-"`
}

// A BulkReport holds the results of a bulk run, one per row in the order
// of the input, and their counts.
type BulkReport struct {
	// Results are the rows' results; Results[i].Index is i.
	Results []BulkResult `json:"results"`
	// OK counts the rows whose call succeeded.
	OK int `json:"ok"`
	// AlreadyDone counts the rows whose work was done already.
	AlreadyDone int `json:"already_done"`
	// Failed counts the rows whose call failed.
	Failed int `json:"failed"`
	// Skipped counts the rows not run because the context ended.
	Skipped int `json:"skipped"`
	// RateLimited counts the 429 responses the run saw: those its calls
	// returned and, with [RecordRequestIDs], those package admin retried
	// itself.
	RateLimited int `json:"rate_limited"`
}

// Err returns nil when every row is BulkOK or BulkAlreadyDone, and
// otherwise an error counting the rows that failed or were not run.
func (r *BulkReport) Err() error {
	if r.Failed == 0 && r.Skipped == 0 {
		return nil
	}
	return fmt.Errorf("workflow: bulk run: %d of %d rows failed, %d not run", r.Failed, len(r.Results), r.Skipped)
}

// RunBulk calls do for each row 0 to n-1, at most opts.Parallel at a
// time, starting the rows in order, and returns the result of every row
// in the order of the input. A row's failure does not stop the others.
//
// Rate limits: when any row meets a 429, every worker pauses before its
// next row until the Retry-After the server gave has passed (opts.Backoff
// when it gave none), so the run slows down as a whole rather than each
// row spending its own requests on the limit. Package admin already
// retries a single request after a 429, waiting for its Retry-After (see
// [admin.WithMaxRetries]); the two layers combine without multiplying
// retries this way:
//
//   - a 429 that package admin retries itself is seen, with
//     [RecordRequestIDs] installed in the client's transport, as it
//     arrives: it pauses the other workers while admin waits, and the row
//     is not run again by RunBulk;
//   - only a 429 that admin returns (its retries used up, or a client
//     made with WithMaxRetries(0)) makes RunBulk run the row again, after
//     the pause, at most opts.RateLimitRetries times. A 429 proves the
//     request was not processed, so running a create again is safe.
//
// A row is thus sent at most (admin's retries + 1) × (RateLimitRetries +
// 1) times, and only when each send but the last was refused with a 429;
// BenchmarkInviteMany1000 measures one request more per 429, either way.
// Without RecordRequestIDs, the 429s package admin retries itself are
// invisible to RunBulk and the other workers go on meeting the limit:
// install it, or give the client WithMaxRetries(0).
//
// Errors whose code is in opts.AlreadyDone (or, with
// opts.ConflictIsDone, any 409) count as BulkAlreadyDone.
//
// When ctx ends, no new row starts: the rows not started are
// BulkSkipped, and RunBulk returns the report with ctx's error. Otherwise
// the error is nil, whatever the rows' results: see [BulkReport.Err].
func RunBulk(ctx context.Context, n int, do BulkFunc, opts BulkOptions) (*BulkReport, error) {
	if n < 0 {
		return nil, fmt.Errorf("workflow: RunBulk: %d rows", n)
	}
	parallel := opts.Parallel
	if parallel <= 0 {
		parallel = DefaultBulkParallel
	}
	parallel = min(parallel, max(n, 1))
	retries := opts.RateLimitRetries
	if retries == 0 {
		retries = DefaultBulkRateLimitRetries
	}
	g := &bulkGate{backoff: opts.Backoff, maxPause: opts.MaxPause}
	if g.backoff <= 0 {
		g.backoff = time.Second
	}
	if g.maxPause <= 0 {
		g.maxPause = time.Minute
	}
	rep := &BulkReport{Results: make([]BulkResult, n)}
	for i := range rep.Results {
		rep.Results[i] = BulkResult{Index: i, Status: BulkSkipped}
	}
	var next atomic.Int64
	var mu sync.Mutex // guards the Progress calls
	var wg sync.WaitGroup
	for range parallel {
		wg.Go(func() {
			for ctx.Err() == nil {
				i := int(next.Add(1) - 1)
				if i >= n {
					return
				}
				res := runRow(ctx, g, i, do, opts, retries)
				if res.Status == BulkSkipped {
					return // not run: the context is done, and the row stays skipped
				}
				rep.Results[i] = res
				if opts.Progress != nil {
					mu.Lock()
					opts.Progress(res)
					mu.Unlock()
				}
			}
		})
	}
	wg.Wait()
	for i, r := range rep.Results {
		if r.Status == BulkSkipped && r.Err == nil {
			rep.Results[i].Err = ctx.Err()
			rep.Results[i].Error = "not run: " + ctx.Err().Error()
		}
		switch r.Status {
		case BulkOK:
			rep.OK++
		case BulkAlreadyDone:
			rep.AlreadyDone++
		case BulkError:
			rep.Failed++
		case BulkSkipped:
			rep.Skipped++
		}
	}
	rep.RateLimited = int(g.seen.Load())
	return rep, ctx.Err()
}

// runRow runs row i, again after each 429 it meets up to retries times,
// and returns its result.
func runRow(ctx context.Context, g *bulkGate, i int, do BulkFunc, opts BulkOptions, retries int) BulkResult {
	res := BulkResult{Index: i}
	for {
		if err := g.wait(ctx); err != nil {
			if res.Attempts == 0 {
				res.Status, res.Error = BulkSkipped, "not run: "+err.Error()
			} else {
				res.Status, res.Error = BulkError, err.Error()
			}
			res.Err = err
			return res
		}
		res.Attempts++
		slot, row := &requestIDSlot{}, &bulkRow{gate: g}
		rctx := context.WithValue(context.WithValue(ctx, slotKey{}, slot), gateKey{}, row)
		id, err := do(rctx, i)
		res.RequestID = slot.get()
		if err == nil {
			res.Status, res.ID, res.ErrorCode, res.Error, res.Err = BulkOK, id, "", "", nil
			return res
		}
		res.Status, res.Error, res.Err = BulkError, err.Error(), err
		var ae *admin.Error
		if errors.As(err, &ae) {
			res.RequestID, res.ErrorCode = ae.RequestID, string(ae.Code)
		}
		if ae != nil && errors.Is(ae, admin.ErrRateLimited) {
			if row.limited.Load() == 0 {
				// Not seen by RecordRequestIDs: count and pause now.
				g.pause(ae.RetryAfter)
			}
			if retries > 0 && res.Attempts <= retries && ctx.Err() == nil {
				continue
			}
			return res
		}
		if ae != nil && (slices.Contains(opts.AlreadyDone, ae.Code) && ae.Code != "" ||
			opts.ConflictIsDone && errors.Is(ae, admin.ErrConflict)) {
			res.Status = BulkAlreadyDone
		}
		return res
	}
}

// gateKey is the context key of the *bulkRow of an attempt of a row.
type gateKey struct{}

// bulkRow is one attempt of a row: its run's gate, and the 429s the
// transport saw during it.
type bulkRow struct {
	gate    *bulkGate
	limited atomic.Int32
}

// bulkGate holds the workers of a bulk run back while a 429 asks them to
// wait.
type bulkGate struct {
	backoff, maxPause time.Duration
	seen              atomic.Int64 // 429 responses noted
	mu                sync.Mutex
	until             time.Time
}

// pause notes a 429 that asked to wait d (the backoff when zero): no row
// starts before then.
func (g *bulkGate) pause(d time.Duration) {
	g.seen.Add(1)
	if d <= 0 {
		d = g.backoff
	}
	d = min(d, g.maxPause)
	until := time.Now().Add(d)
	g.mu.Lock()
	if until.After(g.until) {
		g.until = until
	}
	g.mu.Unlock()
}

// wait returns once no pause is in force, or ctx's error when it ends
// first.
func (g *bulkGate) wait(ctx context.Context) error {
	for {
		if err := ctx.Err(); err != nil {
			return err
		}
		g.mu.Lock()
		d := time.Until(g.until)
		g.mu.Unlock()
		if d <= 0 {
			return nil
		}
		t := time.NewTimer(d)
		select {
		case <-ctx.Done():
			t.Stop()
			return ctx.Err()
		case <-t.C:
		}
	}
}

// noteResponse is called by the transport of [RecordRequestIDs] with
// every response: in a row of a bulk run, a 429 pauses the whole run at
// once, even when package admin goes on to retry it.
func noteResponse(r *http.Request, resp *http.Response) {
	if resp.StatusCode != http.StatusTooManyRequests {
		return
	}
	row, ok := r.Context().Value(gateKey{}).(*bulkRow)
	if !ok {
		return
	}
	row.limited.Add(1)
	row.gate.pause(retryAfter(resp.Header))
}

// retryAfter reads the delay a 429 asks for, as package admin does:
// retry-after-ms, else Retry-After in seconds or as an HTTP date; zero
// when there is none.
func retryAfter(h http.Header) time.Duration {
	if v := h.Get("retry-after-ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 && ms < 1e9 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if secs, err := strconv.ParseFloat(v, 64); err == nil && secs > 0 && secs < 1e6 {
		return time.Duration(secs * float64(time.Second))
	}
	if t, err := http.ParseTime(v); err == nil {
		return time.Until(t)
	}
	return 0
}

// InviteAlreadyDone returns the error codes that mean an invite needs no
// sending: a pending invite exists for the email
// ([admin.ErrorCodeInviteAlreadyExists]), or its owner is a member already
// ([admin.ErrorCodeAlreadyMember]). Pass them as
// [BulkOptions.AlreadyDone] to make a re-run of [InviteMany] succeed for
// the rows an earlier run did.
func InviteAlreadyDone() []admin.ErrorCode {
	return []admin.ErrorCode{admin.ErrorCodeInviteAlreadyExists, admin.ErrorCodeAlreadyMember}
}

// InviteMany sends the invites with [RunBulk]: one request per invite (the
// API takes one email per call), opts.Parallel at a time. Each result's ID
// is the new invite's ID.
func InviteMany(ctx context.Context, c *admin.Client, invites []admin.CreateInviteRequest, opts BulkOptions) (*BulkReport, error) {
	return RunBulk(ctx, len(invites), func(ctx context.Context, i int) (string, error) {
		inv, err := c.Invites.Create(ctx, invites[i])
		if err != nil {
			return "", err
		}
		return inv.ID, nil
	}, opts)
}
