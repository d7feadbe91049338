package admin

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// Export formats of [ActivityExporter].
const (
	// ExportJSONL writes one activity per line, the JSON object exactly as
	// the API sent it (only a line break inside an object, which JSON
	// allows as white space, is removed by compacting that object).
	ExportJSONL = "jsonl"
	// ExportCSV writes a header and one row per activity with the columns
	// of [ExportCSVColumns]; cells are sanitised and formula-neutralised.
	ExportCSV = "csv"
)

// ExportCSVColumns are the columns of the CSV export, in order. actor_id is
// the actor's user_id, api_key_id, admin_api_key_id, service_account_id or
// directory_id (the first present); actor_email its email_address or
// unauthenticated_email_address; details the activity's other fields (the
// type-specific ones) as a JSON object with sorted keys.
var ExportCSVColumns = []string{"id", "created_at", "type", "organization_id", "organization_uuid",
	"actor_type", "actor_id", "actor_email", "actor_ip_address", "actor_user_agent", "details"}

// DefaultExportRequestsPerMinute is the request rate of an
// [ActivityExporter] unless it sets RequestsPerMinute: a tenth of the
// Compliance API's budget of 600 requests per minute per parent
// organization, which every client of the organization shares.
const DefaultExportRequestsPerMinute = 60

// MaxExportRequestsPerMinute is the Compliance API's documented budget per
// parent organization; an exporter never asks for more.
const MaxExportRequestsPerMinute = 600

// ActivityExporter copies the Activity Feed to a file, incrementally and
// resumably: each run continues where the previous one stopped, and an
// interrupted run (a crash, SIGKILL, Ctrl-C) neither loses nor duplicates
// a record.
//
// # Order
//
// The feed lists activities newest first (ties in created_at broken by
// ID); the export delivers them oldest first, the order of the events,
// which is what a log consumer expects. A first run therefore walks the
// feed with after_id (towards older activities) to its oldest page, from
// the beginning or from Since, keeping only that page; it delivers it in
// reverse, and from then on asks for before_id = the first_id of the last
// page delivered: the page immediately before that cursor in the feed's
// order, the activities just newer than everything delivered, nearest
// first. Each such page is delivered in reverse (oldest first), and its
// first_id (its newest activity) becomes the next cursor. The walk to the
// oldest page asks for 5000 activities a page, the most the API allows, as
// only that page's bytes are kept. Activities that
// arrive meanwhile are newer than the cursor, so they come in later pages:
// none is skipped and none is delivered twice. The cursors are opaque
// strings passed back unchanged; the order parameter, which only the API
// reference documents, is not used.
//
// # The cursor file and exactly-once delivery
//
// CursorFile records, after each page, the next cursor, the last activity
// delivered and the size of the output file once that page was written.
// The page is written and flushed to disk (fsync) first, and only then is
// the cursor file replaced (a temporary file, fsync, rename, fsync of the
// directory), so the cursor never names a record the output lacks. A run
// that dies between the two leaves records after the recorded size; the
// next run truncates the output to that size and fetches the page again,
// so each record is in the output exactly once. With standard output
// (Output "-"), which cannot be truncated, an interrupted run may deliver
// the records of its last page again (at least once). A cancelled context
// is not a crash: the page being written is finished and recorded first.
//
// Activities become queryable within about a minute; one that appears
// later with an older created_at than the cursor would be missed. Settle
// keeps the export that far behind the present to avoid it.
type ActivityExporter struct {
	// Client makes the requests: with a Compliance Access Key, or an Admin
	// API key with the read:compliance_activities scope.
	Client *Client
	// Output is the file the activities are appended to, or "-" for
	// Stdout. Required.
	Output string
	// Stdout receives the activities when Output is "-" (default
	// os.Stdout).
	Stdout io.Writer
	// Format is ExportJSONL (the default) or ExportCSV.
	Format string
	// CursorFile is where the position is recorded. Required. A run
	// refuses a cursor file made with other filters, another format or
	// another output.
	CursorFile string

	// ActivityTypes, ActorIDs and OrganizationIDs filter the activities as
	// the feed's parameters of the same names do.
	ActivityTypes, ActorIDs, OrganizationIDs []string
	// Since starts the first run at this time (created_at.gte) instead of
	// the oldest activity; Until stops the export before this time
	// (created_at.lt).
	Since, Until time.Time
	// PageSize is the limit of each request (default 1000, at most 5000).
	PageSize int
	// Follow keeps polling for new activities every PollInterval (default
	// 30s) until the context is cancelled, instead of returning once
	// caught up.
	Follow       bool
	PollInterval time.Duration
	// RequestsPerMinute paces the requests (default
	// DefaultExportRequestsPerMinute, at most MaxExportRequestsPerMinute);
	// a negative value disables pacing, for fakes only. A 429 is waited
	// out for its Retry-After whatever the pace.
	RequestsPerMinute int
	// Settle keeps the export this far behind the present
	// (created_at.lt = now - Settle), so activities that become queryable
	// late are not missed; zero disables it.
	Settle time.Duration
	// ExcludeOwn leaves out the compliance_api_accessed activities that
	// the export's own requests created, recognised by the request IDs
	// the export received. They still advance the cursor.
	ExcludeOwn bool
	// MaxFailures is how many failed requests in a row (429, 5xx, network)
	// a run tolerates, each waited out, before it returns the error
	// (default 10; unlimited with Follow).
	MaxFailures int
	// KeepFormulas writes CSV cells that start like a formula unchanged
	// (by default they get a leading apostrophe).
	KeepFormulas bool
	// Logf, when set, receives one line of progress per page.
	Logf func(format string, args ...any)

	// scanPageSize, set by tests, replaces the page size of the walk to
	// the oldest page (5000, the most the API allows).
	scanPageSize int
	// hook, set by tests, is called at the points of a page's commit
	// ("written", "synced", "saved"); an error stops the run there as a
	// crash would, without flushing anything.
	hook func(point string) error
}

// ExportStats counts what a run of an [ActivityExporter] did.
type ExportStats struct {
	// Delivered is the number of activities written to the output.
	Delivered int64
	// SkippedOwn is the number of the export's own compliance_api_accessed
	// activities left out (ExcludeOwn).
	SkippedOwn int64
	// Requests is the number of requests made (retried attempts included).
	Requests int64
	// Pages is the number of pages committed.
	Pages int64
}

// exportState is the content of the cursor file.
type exportState struct {
	Version       int    `json:"version"`
	Cursor        string `json:"cursor"`  // before_id of the next request; "" before the first page
	LastID        string `json:"last_id"` // the last activity delivered (skipped own ones included)
	LastCreatedAt string `json:"last_created_at,omitempty"`
	Offset        int64  `json:"offset"` // the output's size after the last page
	Delivered     int64  `json:"delivered"`
	Format        string `json:"format"`
	Output        string `json:"output"`
	Filter        string `json:"filter"`
}

// rawActivityPage is a page of the feed with the activities kept as the
// bytes the API sent.
type rawActivityPage struct {
	Data    []json.RawMessage `json:"data"`
	HasMore bool              `json:"has_more"`
	FirstID *string           `json:"first_id"`
	LastID  *string           `json:"last_id"`
}

// exportRun is the state of one run.
type exportRun struct {
	e       *ActivityExporter
	state   exportState
	out     *os.File // nil for stdout
	w       *bufio.Writer
	csv     *csv.Writer
	written int64 // bytes given to w since the recorded offset
	own     map[string]struct{}
	ownFIFO []string
	stats   ExportStats
	next    time.Time // the earliest time of the next request
}

// maxOwnIDs bounds the request IDs remembered for ExcludeOwn.
const maxOwnIDs = 10000

// Run exports until caught up (or, with Follow, until ctx is cancelled, in
// which case it returns ctx's error after recording the last page).
func (e *ActivityExporter) Run(ctx context.Context) (ExportStats, error) {
	r, err := e.start()
	if err != nil {
		return ExportStats{}, err
	}
	err = r.run(ctx)
	if cerr := r.close(); err == nil {
		err = cerr
	}
	return r.stats, err
}

func (e *ActivityExporter) filterKey() string {
	b, _ := json.Marshal(map[string]any{
		"activity_types": e.ActivityTypes, "actor_ids": e.ActorIDs, "organization_ids": e.OrganizationIDs,
		"since": e.Since.UTC().Format(time.RFC3339Nano), "until": e.Until.UTC().Format(time.RFC3339Nano),
	})
	return string(b)
}

// start checks the configuration, reads the cursor file and opens the
// output, truncated to the recorded size.
func (e *ActivityExporter) start() (*exportRun, error) {
	switch {
	case e.Client == nil:
		return nil, errors.New("admin: activity export: no client")
	case e.Output == "":
		return nil, errors.New("admin: activity export: no output")
	case e.CursorFile == "":
		return nil, errors.New("admin: activity export: no cursor file")
	case e.PageSize < 0 || e.PageSize > 5000:
		return nil, fmt.Errorf("admin: activity export: page size %d: want 1 to 5000", e.PageSize)
	case e.RequestsPerMinute > MaxExportRequestsPerMinute:
		return nil, fmt.Errorf("admin: activity export: %d requests per minute exceeds the budget of %d", e.RequestsPerMinute, MaxExportRequestsPerMinute)
	}
	format := e.Format
	if format == "" {
		format = ExportJSONL
	}
	if format != ExportJSONL && format != ExportCSV {
		return nil, fmt.Errorf("admin: activity export: format %q: want %q or %q", format, ExportJSONL, ExportCSV)
	}
	output := e.Output
	if output != "-" {
		abs, err := filepath.Abs(output)
		if err != nil {
			return nil, fmt.Errorf("admin: activity export: %w", err)
		}
		output = abs
	}
	r := &exportRun{e: e, own: map[string]struct{}{}}
	want := exportState{Version: 1, Format: format, Output: output, Filter: e.filterKey()}
	b, err := os.ReadFile(e.CursorFile)
	switch {
	case errors.Is(err, os.ErrNotExist):
		r.state = want
	case err != nil:
		return nil, fmt.Errorf("admin: activity export: reading the cursor file: %w", err)
	default:
		if err := json.Unmarshal(b, &r.state); err != nil || r.state.Version != 1 {
			return nil, fmt.Errorf("admin: activity export: %s is not a cursor file of this export", e.CursorFile)
		}
		switch {
		case r.state.Format != want.Format:
			return nil, fmt.Errorf("admin: activity export: the cursor file %s is for format %s, not %s", e.CursorFile, r.state.Format, want.Format)
		case r.state.Output != want.Output:
			return nil, fmt.Errorf("admin: activity export: the cursor file %s is for the output %s, not %s", e.CursorFile, r.state.Output, want.Output)
		case r.state.Filter != want.Filter:
			return nil, fmt.Errorf("admin: activity export: the cursor file %s was made with other filters (%s); use another cursor file", e.CursorFile, r.state.Filter)
		}
	}
	if output == "-" {
		out := e.Stdout
		if out == nil {
			out = os.Stdout
		}
		r.w = bufio.NewWriterSize(out, 256<<10)
	} else {
		f, err := os.OpenFile(output, os.O_RDWR|os.O_CREATE, 0o600)
		if err != nil {
			return nil, fmt.Errorf("admin: activity export: %w", err)
		}
		fi, err := f.Stat()
		if err == nil {
			switch {
			case fi.Size() < r.state.Offset:
				err = fmt.Errorf("%s has %d bytes but the cursor file recorded %d: it was truncated or replaced", output, fi.Size(), r.state.Offset)
			case fi.Size() > 0 && r.state.Offset == 0 && r.state.Cursor == "" && !fileIsOurs(e.CursorFile):
				err = fmt.Errorf("%s is not empty and has no cursor file: refusing to overwrite it", output)
			default:
				// Drop what a run that died wrote after its last page.
				if err = f.Truncate(r.state.Offset); err == nil {
					_, err = f.Seek(r.state.Offset, io.SeekStart)
				}
			}
		}
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("admin: activity export: %w", err)
		}
		r.out = f
		r.w = bufio.NewWriterSize(f, 256<<10)
	}
	if format == ExportCSV {
		r.csv = csv.NewWriter(countingWriter{r})
	}
	// Record the start before writing anything, so that a run dying in
	// its first page leaves a cursor file that makes the next one start
	// over from an empty output.
	if _, err := os.Stat(e.CursorFile); errors.Is(err, os.ErrNotExist) {
		if err := writeFileAtomic(e.CursorFile, r.state); err != nil {
			r.close()
			return nil, err
		}
	}
	return r, nil
}

// fileIsOurs reports whether the cursor file exists: an output that is
// not empty while the cursor says nothing was delivered is then what a
// run wrote before dying in its first page.
func fileIsOurs(cursorFile string) bool {
	_, err := os.Stat(cursorFile)
	return err == nil
}

// countingWriter counts the bytes of the run's buffered writer.
type countingWriter struct{ r *exportRun }

func (c countingWriter) Write(p []byte) (int, error) {
	n, err := c.r.w.Write(p)
	c.r.written += int64(n)
	return n, err
}

func (r *exportRun) close() error {
	if r.out == nil {
		return nil
	}
	return r.out.Close()
}

// params returns the request parameters for a cursor.
func (r *exportRun) params() ListComplianceActivitiesParams {
	e := r.e
	p := ListComplianceActivitiesParams{
		ActivityTypes: e.ActivityTypes, ActorIDs: e.ActorIDs, OrganizationIDs: e.OrganizationIDs,
		CreatedAtGte: e.Since, CreatedAtLt: e.Until, Limit: e.PageSize,
	}
	if p.Limit == 0 {
		p.Limit = 1000
	}
	if e.Settle > 0 {
		if edge := time.Now().Add(-e.Settle); p.CreatedAtLt.IsZero() || edge.Before(p.CreatedAtLt) {
			p.CreatedAtLt = edge
		}
	}
	return p
}

// run is the loop of Run.
func (r *exportRun) run(ctx context.Context) error {
	e := r.e
	for {
		if r.state.Cursor == "" {
			if err := r.backfill(ctx); err != nil {
				return err
			}
			if r.state.Cursor == "" { // the feed has nothing (yet)
				if !e.Follow {
					return nil
				}
				if err := r.sleep(ctx, r.pollInterval()); err != nil {
					return err
				}
				continue
			}
		}
		p := r.params()
		p.BeforeID = r.state.Cursor
		page, err := r.fetch(ctx, p)
		if err != nil {
			return err
		}
		if len(page.Data) > 0 {
			if err := r.deliver(page); err != nil {
				return err
			}
		}
		if page.HasMore && len(page.Data) > 0 {
			continue
		}
		if !e.Follow {
			return nil
		}
		if err := r.sleep(ctx, r.pollInterval()); err != nil {
			return err
		}
	}
}

// backfill walks the feed with after_id (towards older activities) to its
// oldest page and delivers it: the start of a first run.
func (r *exportRun) backfill(ctx context.Context) error {
	var oldest *rawActivityPage
	p := r.params()
	// Only the last page's boundaries matter here: the largest pages make
	// the walk cheapest in requests, the budget the organization shares.
	p.Limit = 5000
	if r.e.scanPageSize > 0 {
		p.Limit = r.e.scanPageSize
	}
	for {
		page, err := r.fetch(ctx, p)
		if err != nil {
			return err
		}
		if len(page.Data) == 0 && oldest != nil {
			break
		}
		oldest = page
		if !page.HasMore || page.LastID == nil {
			break
		}
		p.AfterID = *page.LastID
	}
	if len(oldest.Data) == 0 {
		return nil
	}
	return r.deliver(oldest)
}

func (r *exportRun) pollInterval() time.Duration {
	if r.e.PollInterval > 0 {
		return r.e.PollInterval
	}
	return 30 * time.Second
}

func (r *exportRun) sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// fetch makes one request, paced, and waits out failures that may pass.
func (r *exportRun) fetch(ctx context.Context, p ListComplianceActivitiesParams) (*rawActivityPage, error) {
	e := r.e
	rpm := e.RequestsPerMinute
	if rpm == 0 {
		rpm = DefaultExportRequestsPerMinute
	}
	maxFailures := e.MaxFailures
	if maxFailures == 0 {
		maxFailures = 10
	}
	ctx = withObserver(ctx, func(resp *http.Response) {
		r.stats.Requests++
		if id := resp.Header.Get("request-id"); id != "" && e.ExcludeOwn {
			r.rememberOwn(id)
		}
	})
	for failures := 0; ; {
		if rpm > 0 {
			if wait := time.Until(r.next); wait > 0 {
				if err := r.sleep(ctx, wait); err != nil {
					return nil, err
				}
			}
			r.next = time.Now().Add(time.Minute / time.Duration(rpm))
		}
		page, err := r.list(ctx, p)
		if err == nil {
			return page, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var apiErr *Error
		transient := !errors.As(err, &apiErr) || apiErr.StatusCode == http.StatusTooManyRequests || retryableStatus(apiErr.StatusCode)
		if errors.Is(err, ErrInvalidInput) || errors.Is(err, ErrMissingCredential) {
			transient = false
		}
		failures++
		if !transient || (!e.Follow && failures >= maxFailures) {
			return nil, err
		}
		wait := min(time.Duration(1<<min(failures, 6))*time.Second, time.Minute)
		if apiErr != nil && apiErr.RetryAfter > 0 {
			wait = apiErr.RetryAfter
		}
		r.logf("activity export: %v; retrying in %v", err, wait)
		if err := r.sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// list performs one List call that keeps the activities raw.
func (r *exportRun) list(ctx context.Context, p ListComplianceActivitiesParams) (*rawActivityPage, error) {
	c := r.e.Client.cfg
	o := op{verb: "list compliance activities", creds: credAdminKey | credComplianceKey}
	if err := p.check(o); err != nil {
		return nil, err
	}
	q := p.wire()
	return call[rawActivityPage](ctx, c, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return c.raw.ListComplianceActivities(ctx, q, edit)
	})
}

func (r *exportRun) rememberOwn(id string) {
	if len(r.ownFIFO) >= maxOwnIDs {
		delete(r.own, r.ownFIFO[0])
		r.ownFIFO = r.ownFIFO[1:]
	}
	r.own[id] = struct{}{}
	r.ownFIFO = append(r.ownFIFO, id)
}

// activityHead is what the export reads of each activity.
type activityHead struct {
	ID        string `json:"id"`
	CreatedAt string `json:"created_at"`
	Type      string `json:"type"`
	RequestID string `json:"request_id"`
}

// deliver writes a page oldest first, then commits it.
func (r *exportRun) deliver(page *rawActivityPage) error {
	if page.FirstID == nil || *page.FirstID == "" {
		return errors.New("admin: activity export: a page of activities without first_id")
	}
	if r.state.Offset == 0 && r.written == 0 && r.csv != nil {
		if err := r.csv.Write(ExportCSVColumns); err != nil {
			return err
		}
	}
	var last activityHead
	for i := len(page.Data) - 1; i >= 0; i-- {
		raw := page.Data[i]
		skip := false
		if r.e.ExcludeOwn && bytes.Contains(raw, []byte("compliance_api_accessed")) {
			var h activityHead
			if json.Unmarshal(raw, &h) == nil && h.Type == "compliance_api_accessed" {
				if _, ok := r.own[h.RequestID]; ok {
					delete(r.own, h.RequestID)
					skip = true
				}
			}
		}
		if i == 0 {
			if err := json.Unmarshal(raw, &last); err != nil {
				return fmt.Errorf("admin: activity export: an activity is not a JSON object: %w", err)
			}
		}
		if skip {
			r.stats.SkippedOwn++
			continue
		}
		if err := r.write(raw); err != nil {
			return err
		}
		r.stats.Delivered++
		r.state.Delivered++
	}
	if r.csv != nil {
		r.csv.Flush()
		if err := r.csv.Error(); err != nil {
			return fmt.Errorf("admin: activity export: %w", err)
		}
	}
	if err := r.point("written"); err != nil {
		return err
	}
	// Flush and fsync the output, then record the cursor.
	if err := r.w.Flush(); err != nil {
		return fmt.Errorf("admin: activity export: writing: %w", err)
	}
	if r.out != nil {
		if err := r.out.Sync(); err != nil {
			return fmt.Errorf("admin: activity export: %w", err)
		}
	}
	if err := r.point("synced"); err != nil {
		return err
	}
	next := r.state
	next.Cursor = *page.FirstID
	next.LastID, next.LastCreatedAt = last.ID, last.CreatedAt
	next.Offset += r.written
	if err := writeFileAtomic(r.e.CursorFile, next); err != nil {
		return err
	}
	r.state, r.written = next, 0
	r.stats.Pages++
	r.logf("activity export: %d activities delivered, last %s (%s)", r.state.Delivered, last.ID, last.CreatedAt)
	return r.point("saved")
}

func (r *exportRun) point(name string) error {
	if r.e.hook != nil {
		return r.e.hook(name)
	}
	return nil
}

func (r *exportRun) logf(format string, args ...any) {
	if r.e.Logf != nil {
		r.e.Logf(format, args...)
	}
}

// write writes one activity in the output's format.
func (r *exportRun) write(raw json.RawMessage) error {
	if r.csv != nil {
		row, err := csvRow(raw, !r.e.KeepFormulas)
		if err != nil {
			return err
		}
		return r.csv.Write(row)
	}
	if bytes.IndexByte(raw, '\n') >= 0 || bytes.IndexByte(raw, '\r') >= 0 {
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			return fmt.Errorf("admin: activity export: an activity is not JSON: %w", err)
		}
		raw = b.Bytes()
	}
	cw := countingWriter{r}
	if _, err := cw.Write(raw); err != nil {
		return err
	}
	_, err := cw.Write([]byte{'\n'})
	return err
}

// csvRow returns the cells of one activity for ExportCSVColumns.
func csvRow(raw json.RawMessage, neutralise bool) ([]string, error) {
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil {
		return nil, fmt.Errorf("admin: activity export: an activity is not a JSON object: %w", err)
	}
	str := func(m map[string]json.RawMessage, k string) string {
		v, ok := m[k]
		if !ok {
			return ""
		}
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
		if string(v) == "null" {
			return ""
		}
		return string(v)
	}
	var actor map[string]json.RawMessage
	_ = json.Unmarshal(fields["actor"], &actor)
	first := func(keys ...string) string {
		for _, k := range keys {
			if s := str(actor, k); s != "" {
				return s
			}
		}
		return ""
	}
	row := []string{
		str(fields, "id"), str(fields, "created_at"), str(fields, "type"), str(fields, "organization_id"), str(fields, "organization_uuid"),
		str(actor, "type"), first("user_id", "api_key_id", "admin_api_key_id", "service_account_id", "directory_id"),
		first("email_address", "unauthenticated_email_address"), str(actor, "ip_address"), str(actor, "user_agent"),
	}
	for _, k := range []string{"id", "created_at", "type", "organization_id", "organization_uuid", "actor"} {
		delete(fields, k)
	}
	details := ""
	if len(fields) > 0 {
		b, err := json.Marshal(fields) // sorted keys
		if err != nil {
			return nil, err
		}
		details = string(b)
	}
	row = append(row, details)
	for i, cell := range row {
		row[i] = safeCell(cell, neutralise)
	}
	return row, nil
}

// safeCell makes a CSV cell safe for spreadsheets and log pipelines:
// invalid UTF-8 and control characters (line breaks and tabs included)
// become spaces or U+FFFD, and, when neutralise is set, a cell a
// spreadsheet would read as a formula (starting with =, +, -, @, or their
// full-width forms) gets a leading apostrophe.
func safeCell(s string, neutralise bool) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if strings.ContainsFunc(s, isControl) {
		s = strings.Map(func(r rune) rune {
			if isControl(r) {
				return ' '
			}
			return r
		}, s)
	}
	if neutralise && s != "" {
		r, _ := utf8.DecodeRuneInString(s)
		if slices.Contains([]rune{'=', '+', '-', '@', '＝', '＋', '－', '＠'}, r) {
			s = "'" + s
		}
	}
	return s
}

func isControl(r rune) bool {
	return r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029'
}

// writeFileAtomic replaces path with v as JSON: a temporary file in the
// same directory, written and fsynced, renamed over path, and the
// directory fsynced, so a crash leaves the old file or the new one, whole.
func writeFileAtomic(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	dir := filepath.Dir(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("admin: activity export: cursor file: %w", err)
	}
	defer os.Remove(tmp.Name()) // fails harmlessly after the rename
	if _, err = tmp.Write(append(b, '\n')); err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path)
	}
	if err != nil {
		return fmt.Errorf("admin: activity export: cursor file: %w", err)
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync() // not supported everywhere; the rename is what matters
		d.Close()
	}
	return nil
}
