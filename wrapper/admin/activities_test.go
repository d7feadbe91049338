package admin_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// exerciseActivities calls the Activity Feed for TestEveryOperation, after
// the admin operations it made: the feed holds their platform_* activities.
func exerciseActivities(t *testing.T, ctx context.Context, c *admin.Client) {
	t.Helper()
	p := must(c.ComplianceActivities.List(ctx, &admin.ListComplianceActivitiesParams{ActivityTypes: []string{"platform_workspace_created"}}))
	if len(p.Data) == 0 || p.Data[0].Actor.Type != admin.ComplianceActivityActorTypeAdminAPIKeyActor {
		t.Errorf("ComplianceActivities.List(platform_workspace_created) = %+v", p.Data)
	}
	all := collect(t, c.ComplianceActivities.All(ctx, &admin.ListComplianceActivitiesParams{Limit: 2}))
	seen := map[string]bool{}
	for _, a := range all {
		if seen[a.ID] {
			t.Errorf("activity %s listed twice", a.ID)
		}
		seen[a.ID] = true
	}
	if len(all) < 3 {
		t.Errorf("ComplianceActivities.All = %d activities", len(all))
	}
}

// TestActivityFeedCredentials checks which key the client sends to the
// Activity Feed: the Compliance key when it has one, else the Admin key
// (with the activities scope); and the refusal of keys without the scope.
func TestActivityFeedCredentials(t *testing.T) {
	defer catch(t)
	srv, _ := newFake(t)
	ctx := context.Background()
	var mu sync.Mutex
	var seen []http.Header
	rec := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Clone())
		mu.Unlock()
		srv.Handler().ServeHTTP(w, r)
	}))
	defer rec.Close()
	last := func() http.Header {
		mu.Lock()
		defer mu.Unlock()
		return seen[len(seen)-1]
	}

	// An Admin-key-only client reads the feed with its Admin key.
	adminOnly := must(admin.NewClient(srv.AdminKey(), admin.WithBaseURL(rec.URL)))
	must(adminOnly.ComplianceActivities.List(ctx, nil))
	if h := last(); h.Get("x-api-key") != srv.AdminKey() || h.Get("Authorization") != "" {
		t.Errorf("admin-only client sent x-api-key %q, Authorization %q", h.Get("x-api-key"), h.Get("Authorization"))
	}
	// With both keys, the Compliance key goes (as a Bearer token by default).
	both := must(admin.NewClient(srv.AdminKey(), admin.WithBaseURL(rec.URL), admin.WithComplianceKey(srv.ComplianceKey())))
	must(both.ComplianceActivities.List(ctx, nil))
	if h := last(); h.Get("Authorization") != "Bearer "+srv.ComplianceKey() || h.Get("x-api-key") != "" {
		t.Errorf("client with both keys sent x-api-key %q, Authorization %q", h.Get("x-api-key"), h.Get("Authorization"))
	}
	// WithComplianceKeyInXAPIKey sends it in x-api-key, on both Compliance
	// operations, and the fake accepts that form too.
	xapi := must(admin.NewClient("", admin.WithBaseURL(rec.URL), admin.WithComplianceKey(srv.ComplianceKey()), admin.WithComplianceKeyInXAPIKey()))
	must(xapi.ComplianceActivities.List(ctx, nil))
	if h := last(); h.Get("x-api-key") != srv.ComplianceKey() || h.Get("Authorization") != "" {
		t.Errorf("x-api-key client sent x-api-key %q, Authorization %q", h.Get("x-api-key"), h.Get("Authorization"))
	}
	must(xapi.ComplianceUsers.List(ctx, srv.OrganizationID(), nil))
	if h := last(); h.Get("x-api-key") != srv.ComplianceKey() {
		t.Errorf("x-api-key client sent x-api-key %q to the users list", h.Get("x-api-key"))
	}
	// A Compliance-key-only client needs nothing else for the feed.
	complianceOnly := must(admin.NewClient("", admin.WithBaseURL(rec.URL), admin.WithComplianceKey(srv.ComplianceKey())))
	must(complianceOnly.ComplianceActivities.List(ctx, nil))

	// Keys without the scope get 403 permission_error.
	for name, c := range map[string]*admin.Client{
		"admin key without the scope":      must(admin.NewClient(srv.NewAdminKey(), admin.WithBaseURL(srv.URL))),
		"compliance key without the scope": must(admin.NewClient("", admin.WithBaseURL(srv.URL), admin.WithComplianceKey(srv.NewComplianceKey(admintest.ScopeComplianceUserData)))),
	} {
		_, err := c.ComplianceActivities.List(ctx, nil)
		var e *admin.Error
		if !errors.As(err, &e) || e.StatusCode != 403 || e.Type != "permission_error" || !strings.Contains(e.Message, "read:compliance_activities") {
			t.Errorf("%s: err = %v, want 403 permission_error naming the scope", name, err)
		}
	}
	withScope := must(admin.NewClient(srv.NewAdminKey(admintest.ScopeComplianceActivities), admin.WithBaseURL(srv.URL)))
	must(withScope.ComplianceActivities.List(ctx, nil))
	// An OAuth-only client has no credential for the feed: nothing is sent.
	before := srv.Calls(admin.OpListComplianceActivities)
	oauthOnly := must(admin.NewClient("", admin.WithBaseURL(srv.URL), admin.WithTokenSource(srv.TokenSource())))
	if _, err := oauthOnly.ComplianceActivities.List(ctx, nil); !errors.Is(err, admin.ErrMissingCredential) {
		t.Errorf("OAuth-only client: err = %v, want ErrMissingCredential", err)
	}
	if srv.Calls(admin.OpListComplianceActivities) != before {
		t.Error("the OAuth-only client sent a request")
	}
}

// exportFake starts a fake for the export tests with n old activities.
func exportFake(t *testing.T, n int) (*admintest.Server, *admin.Client) {
	t.Helper()
	srv, c := newFake(t)
	if err := srv.SeedActivities(n); err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// readLines returns the JSON lines of an export and their IDs, failing on
// a line that is not a whole JSON object.
func readLines(t *testing.T, path string) (lines [][]byte, ids []string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(b))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var h struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &h); err != nil || h.ID == "" {
			t.Fatalf("line %d of the export is not an activity: %q (%v)", len(lines)+1, sc.Bytes(), err)
		}
		lines = append(lines, slices.Clone(sc.Bytes()))
		ids = append(ids, h.ID)
	}
	if len(b) > 0 && b[len(b)-1] != '\n' {
		t.Fatalf("the export ends with a partial line")
	}
	return lines, ids
}

// rawFeed returns every activity as the fake serves it, by ID.
func rawFeed(t *testing.T, srv *admintest.Server) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	after := ""
	for {
		q := "limit=5000"
		if after != "" {
			q += "&after_id=" + after
		}
		req, _ := http.NewRequest("GET", srv.URL+"/v1/compliance/activities?"+q, nil)
		req.Header.Set("x-api-key", srv.ComplianceKey())
		req.Header.Set("anthropic-version", admin.APIVersion20230601)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var p struct {
			Data    []json.RawMessage `json:"data"`
			HasMore bool              `json:"has_more"`
			LastID  *string           `json:"last_id"`
		}
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, a := range p.Data {
			var h struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(a, &h)
			out[h.ID] = a
		}
		if !p.HasMore {
			return out
		}
		after = *p.LastID
	}
}

// checkExactlyOnce checks an export against the fake's log: the export is
// the log, oldest first, each activity once, except for the activities
// created by the export's last requests, which no page has returned yet.
func checkExactlyOnce(t *testing.T, srv *admintest.Server, ids []string, maxUndelivered int) {
	t.Helper()
	log := srv.ActivityIDs()
	seen := map[string]int{}
	for i, id := range ids {
		if j, dup := seen[id]; dup {
			t.Fatalf("activity %s delivered twice (lines %d and %d)", id, j+1, i+1)
		}
		seen[id] = i
	}
	if len(ids) > len(log) || !slices.Equal(ids, log[:len(ids)]) {
		for i := range min(len(ids), len(log)) {
			if ids[i] != log[i] {
				t.Fatalf("export differs from the log at %d: %s, want %s (export %d, log %d activities)", i, ids[i], log[i], len(ids), len(log))
			}
		}
		t.Fatalf("export has %d activities, log %d", len(ids), len(log))
	}
	if rest := len(log) - len(ids); rest > maxUndelivered {
		t.Fatalf("%d activities of the log were never delivered (at most %d may be the last requests' own)", rest, maxUndelivered)
	}
}

func TestExportDeliversTheAPIsBytesOldestFirst(t *testing.T) {
	srv, c := exportFake(t, 250)
	srv.AddActivity(admintest.ActivitySeed{Type: "claude_file_uploaded", Fields: map[string]any{"filename": "naïve\u2028name.pdf", "size_bytes": 12345, "future_field": map[string]any{"nested": []int{1, 2}}}})
	dir := t.TempDir()
	out := filepath.Join(dir, "audit.jsonl")
	e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", PageSize: 40, RequestsPerMinute: -1}
	st, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	lines, ids := readLines(t, out)
	checkExactlyOnce(t, srv, ids, 1)
	if st.Delivered != int64(len(ids)) || st.Pages == 0 {
		t.Errorf("stats %+v for %d lines", st, len(ids))
	}
	raw := rawFeed(t, srv)
	for i, l := range lines {
		if want := raw[ids[i]]; !bytes.Equal(l, want) {
			t.Fatalf("line %d is not the API's object:\n got %s\nwant %s", i+1, l, want)
		}
	}
	if !bytes.Contains(lines[250], []byte(`"future_field":{"nested":[1,2]}`)) {
		t.Errorf("a field unknown to the spec was lost: %s", lines[250])
	}
	// A second run delivers only what is new, and nothing when nothing is.
	srv.AddActivity(admintest.ActivitySeed{Type: "user_logged_out"})
	if _, err := e.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, ids = readLines(t, out)
	checkExactlyOnce(t, srv, ids, 1)
	// The cursor file refuses other filters.
	e2 := *e
	e2.ActivityTypes = []string{"user_logged_out"}
	if _, err := e2.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "other filters") {
		t.Errorf("run with other filters: %v", err)
	}
	// An output that is not empty and has no cursor file is not touched.
	other := filepath.Join(dir, "other.jsonl")
	os.WriteFile(other, []byte("precious\n"), 0o600)
	e3 := &admin.ActivityExporter{Client: c, Output: other, CursorFile: other + ".cursor", RequestsPerMinute: -1}
	if _, err := e3.Run(context.Background()); err == nil {
		t.Error("export over a foreign file succeeded")
	}
	if b, _ := os.ReadFile(other); string(b) != "precious\n" {
		t.Errorf("foreign file changed: %q", b)
	}
}

func TestExportFiltersSinceAndExcludeOwn(t *testing.T) {
	srv, c := exportFake(t, 100)
	since := fakeNow.Add(-30 * time.Minute)
	dir := t.TempDir()
	out := filepath.Join(dir, "audit.jsonl")
	e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", PageSize: 7, RequestsPerMinute: -1, Since: since, ExcludeOwn: true}
	st, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	// Twice: the second run delivers the first run's own activities,
	// which it did not make, and skips its own.
	st2, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	_, ids := readLines(t, out)
	raw := rawFeed(t, srv)
	var want []string
	for _, id := range srv.ActivityIDs() {
		var a struct {
			CreatedAt time.Time `json:"created_at"`
			Type      string    `json:"type"`
		}
		json.Unmarshal(raw[id], &a)
		if !a.CreatedAt.Before(since) {
			want = append(want, id)
		}
	}
	if st.SkippedOwn == 0 {
		t.Errorf("no own activity skipped: %+v", st)
	}
	// Every activity since the start is delivered once, except the
	// export's own: those of run 1 come with run 2 (which did not make
	// them), those of run 2 are skipped or not yet returned.
	own1 := st.Requests
	got := map[string]bool{}
	for _, id := range ids {
		got[id] = true
	}
	missing := 0
	for _, id := range want {
		if !got[id] {
			missing++
			var a struct{ Type string }
			json.Unmarshal(raw[id], &a)
			if a.Type != "compliance_api_accessed" {
				t.Errorf("activity %s (%s) missing", id, a.Type)
			}
		}
	}
	// Missing are the own activities skipped, and the one of run 2's last
	// request, which no page returned yet. Run 1's last one, which run 1
	// never saw, is delivered by run 2, which did not make it.
	if want := st.SkippedOwn + st2.SkippedOwn + 1; int64(missing) != want {
		t.Errorf("%d activities not delivered, want %d (runs made %d and %d requests)", missing, want, own1, st2.Requests)
	}
	if len(ids) != len(got) {
		t.Errorf("duplicates in the export")
	}
	// A type filter passes through to the API.
	out2 := filepath.Join(dir, "types.jsonl")
	e2 := &admin.ActivityExporter{Client: c, Output: out2, CursorFile: out2 + ".cursor", RequestsPerMinute: -1, ActivityTypes: []string{"claude_chat_viewed"}}
	if _, err := e2.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	lines, _ := readLines(t, out2)
	for _, l := range lines {
		if !bytes.Contains(l, []byte(`"type":"claude_chat_viewed"`)) {
			t.Fatalf("filtered export has %s", l)
		}
	}
	if len(lines) == 0 {
		t.Error("filtered export is empty")
	}
}

func TestExportCSV(t *testing.T) {
	srv, c := exportFake(t, 3)
	evil := "=HYPERLINK(\"http://x\")"
	srv.AddActivity(admintest.ActivitySeed{Type: "claude_file_uploaded",
		Actor:  admin.ComplianceActivityActor{Type: admin.ComplianceActivityActorTypeUserActor, EmailAddress: &evil, UserID: ptrTo("user_01x"), UserAgent: ptrTo("evil\r\nagent")},
		Fields: map[string]any{"filename": "a\nb.pdf"}})
	out := filepath.Join(t.TempDir(), "audit.csv")
	e := &admin.ActivityExporter{Client: c, Output: out, Format: admin.ExportCSV, CursorFile: out + ".cursor", RequestsPerMinute: -1, PageSize: 2}
	if _, err := e.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Run(context.Background()); err != nil { // a second run adds rows, not a second header
		t.Fatal(err)
	}
	f, _ := os.Open(out)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(rows[0], admin.ExportCSVColumns) {
		t.Fatalf("header = %v", rows[0])
	}
	var ids []string
	for _, r := range rows[1:] {
		if r[0] == "id" {
			t.Fatal("a second header")
		}
		ids = append(ids, r[0])
	}
	checkExactlyOnce(t, srv, ids, 1)
	row := rows[4]
	// KeepFormulas leaves the cell as it is.
	out2 := filepath.Join(t.TempDir(), "raw.csv")
	e2 := &admin.ActivityExporter{Client: c, Output: out2, Format: admin.ExportCSV, CursorFile: out2 + ".cursor", RequestsPerMinute: -1, KeepFormulas: true}
	if _, err := e2.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(out2); !bytes.Contains(b, []byte(`,"=HYPERLINK(""http://x"")",`)) {
		t.Errorf("KeepFormulas changed the cell:\n%s", b)
	}
	if row[2] != "claude_file_uploaded" || row[7] != "'"+evil || row[6] != "user_01x" || row[9] != "evil  agent" || row[10] != `{"filename":"a\nb.pdf"}` {
		t.Errorf("row = %q", row)
	}
}

func ptrTo[T any](v T) *T { return &v }

// TestExportWaitsOutRateLimits checks that 429s and 5xx are waited out for
// their Retry-After, without losing the position.
func TestExportWaitsOutRateLimits(t *testing.T) {
	srv, _ := exportFake(t, 30)
	c := srv.Client(admin.WithMaxRetries(0))
	if err := srv.FailNext(admin.OpListComplianceActivities, 2, admintest.Fault{Status: 429, RetryAfter: 10 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "a.jsonl")
	e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", PageSize: 10, RequestsPerMinute: -1}
	start := time.Now()
	st, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if time.Since(start) < 20*time.Millisecond || st.Requests < 2 {
		t.Errorf("429s not waited out: %v, %+v", time.Since(start), st)
	}
	_, ids := readLines(t, out)
	checkExactlyOnce(t, srv, ids, 1)
	// A 400 is final.
	srv.FailNext(admin.OpListComplianceActivities, 1, admintest.Fault{Status: 400})
	if _, err := e.Run(context.Background()); err == nil {
		t.Error("a 400 was retried into success")
	}
}

// TestExportPacing checks the pace of RequestsPerMinute.
func TestExportPacing(t *testing.T) {
	srv, c := exportFake(t, 5)
	_ = srv
	out := filepath.Join(t.TempDir(), "a.jsonl")
	e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", PageSize: 2, RequestsPerMinute: 600}
	start := time.Now()
	st, err := e.Run(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if min := time.Duration(st.Requests-1) * 100 * time.Millisecond; time.Since(start) < min {
		t.Errorf("%d requests in %v: faster than 600 a minute", st.Requests, time.Since(start))
	}
	e.RequestsPerMinute = 601
	if _, err := e.Run(context.Background()); err == nil {
		t.Error("601 requests a minute accepted")
	}
}

// errCrash is the injected crash of TestExportNoLossNoDuplicate.
var errCrash = errors.New("injected crash")

// TestExportNoLossNoDuplicate kills the export at random points, many
// times, while activities keep arriving (seeded ones and the platform_*
// activities of admin calls), and checks that the output holds the fake's
// log exactly once, in order. The kills are injected crashes between
// writing a page and flushing it, between flushing and saving the cursor,
// and after saving, and cancellations of the context at random moments;
// page sizes change between runs.
func TestExportNoLossNoDuplicate(t *testing.T) {
	iterations := 60
	if testing.Short() {
		iterations = 15
	}
	srv, c := exportFake(t, 400)
	dir := t.TempDir()
	out := filepath.Join(dir, "audit.jsonl")
	cursor := filepath.Join(dir, "audit.cursor")

	// Activities keep arriving until the end.
	stop := make(chan struct{})
	var producers sync.WaitGroup
	var added atomic.Int64
	producers.Add(1)
	go func() {
		defer producers.Done()
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if i%3 == 0 {
				c.Users.List(context.Background(), &admin.ListUsersParams{Limit: 1}) // org_users_listed
			} else {
				srv.AddActivity(admintest.ActivitySeed{Type: "claude_chat_viewed"})
			}
			added.Add(1)
			time.Sleep(200 * time.Microsecond)
		}
	}()

	rng := rand.New(rand.NewPCG(7, uint64(time.Now().UnixNano())))
	points := []string{"written", "synced", "saved"}
	crashes, cancels := 0, 0
	for i := range iterations {
		e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: cursor, PageSize: 1 + rng.IntN(60), RequestsPerMinute: -1}
		admin.SetExportScanPageSize(e, 1+rng.IntN(100))
		crashAt, point := 1+rng.IntN(3), points[rng.IntN(len(points))]
		n := 0
		admin.SetExportHook(e, func(p string) error {
			if p == point {
				if n++; n == crashAt {
					return errCrash
				}
			}
			return nil
		})
		ctx, cancel := context.WithTimeout(context.Background(), time.Duration(rng.IntN(20))*time.Millisecond)
		if i%2 == 0 {
			cancel() // no cancellation this time, only the crash
			ctx = context.Background()
		}
		_, err := e.Run(ctx)
		cancel()
		switch {
		case errors.Is(err, errCrash):
			crashes++
		case errors.Is(err, context.DeadlineExceeded), errors.Is(err, context.Canceled):
			cancels++
		case err != nil:
			t.Fatalf("run %d: %v", i, err)
		}
		// Between runs the output may hold records after the cursor's
		// offset (a crash after writing): the next run drops them.
	}
	close(stop)
	producers.Wait()
	// The final run catches up.
	e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: cursor, PageSize: 50, RequestsPerMinute: -1}
	if _, err := e.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, ids := readLines(t, out)
	checkExactlyOnce(t, srv, ids, 1)
	t.Logf("%d runs (%d crashed, %d cancelled) while %d activities arrived; %d delivered exactly once", iterations, crashes, cancels, added.Load(), len(ids))
	if crashes == 0 {
		t.Error("no run crashed")
	}
}

// TestExportFollow checks that --follow delivers the activities that
// arrive while it polls, and that cancelling it (Ctrl-C) leaves a cursor
// from which the next run delivers nothing twice.
func TestExportFollow(t *testing.T) {
	srv, c := exportFake(t, 20)
	out := filepath.Join(t.TempDir(), "a.jsonl")
	e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", PageSize: 3, RequestsPerMinute: -1, Follow: true, PollInterval: 5 * time.Millisecond}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		_, err := e.Run(ctx)
		done <- err
	}()
	want, _ := srv.AddActivity(admintest.ActivitySeed{Type: "user_logged_out"})
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(out)
		if bytes.Contains(b, []byte(want)) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the followed export never delivered the new activity")
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if err := <-done; !errors.Is(err, context.Canceled) {
		t.Errorf("Run after cancel = %v, want context.Canceled", err)
	}
	e.Follow = false
	if _, err := e.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, ids := readLines(t, out)
	checkExactlyOnce(t, srv, ids, 1)
}

// TestExportSettle checks that Settle keeps the export behind the present:
// activities newer than now - Settle wait for a later run.
func TestExportSettle(t *testing.T) {
	srv, c := exportFake(t, 10)
	// The fake's clock is frozen at fakeNow: settle so that the edge falls
	// 30s before it. The seeded activities are a minute older or more.
	recent, _ := srv.AddActivity(admintest.ActivitySeed{Type: "user_logged_out"})
	out := filepath.Join(t.TempDir(), "a.jsonl")
	e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", RequestsPerMinute: -1, Settle: time.Since(fakeNow) + 30*time.Second}
	if _, err := e.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, ids := readLines(t, out)
	if len(ids) == 0 || slices.Contains(ids, recent) {
		t.Errorf("settled export = %d activities, recent one included: %v", len(ids), slices.Contains(ids, recent))
	}
	// Without Settle the next run takes it.
	e.Settle = 0
	if _, err := e.Run(context.Background()); err != nil {
		t.Fatal(err)
	}
	if _, ids = readLines(t, out); !slices.Contains(ids, recent) {
		t.Error("the recent activity never came")
	}
}
