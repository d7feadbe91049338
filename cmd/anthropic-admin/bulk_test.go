package main

import (
	"context"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// bulkFile writes content to name in a new temporary directory and
// returns its path.
func bulkFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

// bulkReadCSV reads a CSV file whole.
func bulkReadCSV(t *testing.T, path string) [][]string {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

// outage is a proxy in front of the fake that lets the first ok
// createInvite calls through and then makes the fake fail every later one
// (srv.FailNext) with a 500 whose message and request-id are hostile (a
// terminal escape, a formula).
type outage struct {
	srv *httptest.Server
	mu  sync.Mutex
	n   int
}

const (
	hostileMessage   = "backend down \x1b[2J\x1b[31mRUN rm -rf\u202e"
	hostileRequestID = `=HYPERLINK("http://evil.example","req")`
)

func newOutage(t *testing.T, s *admintest.Server, ok int) *outage {
	t.Helper()
	target, err := url.Parse(s.URL)
	if err != nil {
		t.Fatal(err)
	}
	o := &outage{}
	rp := httputil.NewSingleHostReverseProxy(target)
	rp.ModifyResponse = func(resp *http.Response) error {
		if resp.StatusCode == http.StatusInternalServerError {
			resp.Header.Set("request-id", hostileRequestID)
		}
		return nil
	}
	o.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost && r.URL.Path == "/v1/organizations/invites" {
			// One at a time, so that each fault goes to the call it is
			// injected for.
			o.mu.Lock()
			defer o.mu.Unlock()
			o.n++
			if o.n > ok {
				if err := s.FailNext(admin.OpCreateInvite, 1, admintest.Fault{Status: 500, Message: hostileMessage}); err != nil {
					t.Error(err)
				}
			}
		}
		rp.ServeHTTP(w, r)
	}))
	t.Cleanup(o.srv.Close)
	return o
}

// invitesTo returns the invites of the fake sent to the addresses of the
// domain, by email.
func invitesTo(t *testing.T, s *admintest.Server, domain string) map[string]int {
	t.Helper()
	got := map[string]int{}
	for inv, err := range s.Client().Invites.All(context.Background(), &admin.ListInvitesParams{Limit: 1000}) {
		if err != nil {
			t.Fatal(err)
		}
		if strings.HasSuffix(inv.Email, "@"+domain) {
			got[inv.Email]++
		}
	}
	return got
}

// TestBulkInvitesFailHalfwayThenRerun runs invites create --from-csv over
// 12 rows, three at a time, through an outage that starts after the fifth
// call: five rows are invited, seven fail (exit 1), and the result CSV
// says which, its server strings made safe. The same command again, with
// --already-done-ok, finishes: the five come back already_done, the seven
// are invited, and every address has exactly one invite.
func TestBulkInvitesFailHalfwayThenRerun(t *testing.T) {
	s := newFake(t)
	const n, ok = 12, 5
	var b strings.Builder
	b.WriteString("email,role,rbac-group\n")
	for i := range n {
		role := "user"
		if i%3 == 0 {
			role = "developer"
		}
		fmt.Fprintf(&b, "person%02d@bulk.example, %s ,\n", i, role)
	}
	in := bulkFile(t, "invites.csv", b.String())
	results := filepath.Join(t.TempDir(), "results.csv")
	before := s.Calls(admin.OpCreateInvite)

	o := newOutage(t, s, ok)
	r := runCLI(t, s, invocation{
		args: []string{"invites", "create", "--from-csv", in, "--parallel", "3", "--results", results, "-o", "csv"},
		env:  map[string]string{envBaseURL: o.srv.URL},
	})
	if r.code != 1 {
		t.Fatalf("first run: exit %d, want 1\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if want := fmt.Sprintf("invites create: %d rows: %d ok, 0 already done, %d failed, 0 not run", n, ok, n-ok); !strings.Contains(r.stderr, want) {
		t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
	}
	if got := s.Calls(admin.OpCreateInvite) - before; got != n {
		t.Errorf("first run: %d createInvite calls, want %d (one per row, a failed create is never retried)", got, n)
	}
	recs := bulkReadCSV(t, results)
	if !slices.Equal(recs[0], []string{"row", "status", "request_id", "id", "error"}) || len(recs) != n+1 {
		t.Fatalf("results: %q", recs)
	}
	// stdout holds the same CSV.
	if out := readCSVString(t, r.stdout); !slices.EqualFunc(out, recs, slices.Equal) {
		t.Errorf("stdout differs from --results:\n%s", r.stdout)
	}
	counts := map[string]int{}
	for i, rec := range recs[1:] {
		if rec[0] != fmt.Sprint(i+2) {
			t.Errorf("result %d is row %s, want %d (the line in the file)", i, rec[0], i+2)
		}
		counts[rec[1]]++
		switch rec[1] {
		case "ok":
			if !strings.HasPrefix(rec[2], "req_") || !strings.HasPrefix(rec[3], "invite_") || rec[4] != "" {
				t.Errorf("ok row: %q", rec)
			}
		case "error":
			// Hostile server strings: the formula gets a leading ', the
			// escapes are shown, not sent.
			if rec[2] != "'"+hostileRequestID {
				t.Errorf("request_id cell %q, want the formula neutralised", rec[2])
			}
			if want := `500 api_error: backend down \x1b[2J\x1b[31mRUN rm -rf\u202e`; rec[4] != want || rec[3] != "" {
				t.Errorf("error row %q, want error %q", rec, want)
			}
		default:
			t.Errorf("row status %q", rec[1])
		}
	}
	if counts["ok"] != ok || counts["error"] != n-ok {
		t.Errorf("statuses %v, want %d ok and %d error", counts, ok, n-ok)
	}
	if got := invitesTo(t, s, "bulk.example"); len(got) != ok {
		t.Errorf("after the first run %d addresses are invited, want %d: %v", len(got), ok, got)
	}

	// The re-run, straight to the fake (the outage is over).
	before = s.Calls(admin.OpCreateInvite)
	r = runCLI(t, s, invocation{args: []string{"invites", "create", "--from-csv", in, "--already-done-ok", "--results", results, "-o", "json"}})
	if r.code != 0 {
		t.Fatalf("re-run: exit %d\nstdout:\n%s\nstderr:\n%s", r.code, r.stdout, r.stderr)
	}
	if got := s.Calls(admin.OpCreateInvite) - before; got != n {
		t.Errorf("re-run: %d createInvite calls, want %d", got, n)
	}
	counts = map[string]int{}
	for _, rec := range bulkReadCSV(t, results)[1:] {
		counts[rec[1]]++
		if rec[1] == "already_done" && !strings.Contains(rec[4], "invite_already_exists") {
			t.Errorf("already_done row without its reason: %q", rec)
		}
	}
	if counts["already_done"] != ok || counts["ok"] != n-ok {
		t.Errorf("re-run statuses %v, want %d already_done and %d ok", counts, ok, n-ok)
	}
	if !strings.Contains(r.stdout, `"status": "already_done"`) {
		t.Errorf("-o json lacks the statuses:\n%s", r.stdout)
	}
	got := invitesTo(t, s, "bulk.example")
	if len(got) != n {
		t.Errorf("%d addresses invited, want %d", len(got), n)
	}
	for email, k := range got {
		if k != 1 {
			t.Errorf("%s has %d invites", email, k)
		}
	}
}

// readCSVString parses CSV text.
func readCSVString(t *testing.T, s string) [][]string {
	t.Helper()
	recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
	if err != nil {
		t.Fatalf("%v:\n%s", err, s)
	}
	return recs
}

// TestBulkChecksEveryRowFirst: bad rows are all reported at once, by row
// and column, with exit 2, and nothing is sent; --dry-run of a good file
// prints each row's request and sends nothing either.
func TestBulkChecksEveryRowFirst(t *testing.T) {
	s := newFake(t)
	f := newFixture(t, s)
	before := totalCalls(s.Calls)
	bad := bulkFile(t, "bad.csv", "email,role,rbac-group\n"+
		"ok@bulk.example,user,\n"+
		"boss@bulk.example,boss,\n"+ // not a role
		",user,\n"+ // no email
		"admin@bulk.example,admin,\n"+ // never assignable
		"fine@bulk.example,developer,grp_a;grp_b\n")
	for _, dry := range []bool{false, true} {
		args := []string{"invites", "create", "--from-csv", bad}
		if dry {
			args = append(args, "--dry-run")
		}
		r := runCLI(t, s, invocation{args: args})
		if r.code != 2 || r.stdout != "" {
			t.Fatalf("%q: exit %d, want 2\n%s%s", args, r.code, r.stdout, r.stderr)
		}
		for _, want := range []string{
			`row 3, column role: "boss" is not one of`,
			"row 4, column email: empty, but the argument <email> is required",
			`row 5, column role: "admin" is not one of`,
			"3 problem(s) in " + bad + "; nothing was sent",
		} {
			if !strings.Contains(r.stderr, want) {
				t.Errorf("%q: stderr lacks %q:\n%s", args, want, r.stderr)
			}
		}
		if strings.Contains(r.stderr, "row 2") || strings.Contains(r.stderr, "row 6") {
			t.Errorf("%q: good rows reported:\n%s", args, r.stderr)
		}
	}

	// The command's own checks count too: a workspace rate limit change
	// that does not parse.
	limits := bulkFile(t, "limits.csv", "workspace-id,rate-limit-id,limiter=value,limiter=value\n"+
		f["workspace"]+","+f["ratelimit"]+",requests_per_minute=10,output_tokens_per_minute=inherit\n"+
		f["workspace"]+","+f["ratelimit"]+",requests_per_minute=ten,\n")
	r := runCLI(t, s, invocation{args: []string{"workspaces", "rate-limits", "set", "--from-csv", limits, "--dry-run"}})
	if r.code != 2 || !strings.Contains(r.stderr, `row 3: invalid value in "requests_per_minute=ten"`) || strings.Contains(r.stderr, "row 2") {
		t.Errorf("exit %d\n%s", r.code, r.stderr)
	}

	// Header problems: an unknown column, a missing one, one repeated.
	for _, tc := range []struct{ csv, want string }{
		{"email,role,team\n", `column 3 of the header, "team", is neither an argument nor a flag`},
		{"email\nx@bulk.example\n", `the header lacks the column "role", which is required`},
		{"email,role,role\n", `column "role" appears twice, but takes one value`},
		{"", "the file is empty"},
		{"email,role\n", "no rows after the header"},
		{"email,role\na@bulk.example,user,extra\n", "wrong number of fields"},
		{"email,role,\na@bulk.example,user,\nb@bulk.example,user,x\n", "row 3: column 3 has a value but no name in the header"},
	} {
		r := runCLI(t, s, invocation{args: []string{"invites", "create", "--from-csv", bulkFile(t, "h.csv", tc.csv)}})
		if r.code != 2 || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%q: exit %d, want 2 and %q:\n%s", tc.csv, r.code, tc.want, r.stderr)
		}
	}
	// An unnamed column whose cells are empty is ignored.
	if r := runCLI(t, s, invocation{args: []string{"invites", "create", "--from-csv", bulkFile(t, "e.csv", "email,role,\na@bulk.example,user,\n"), "--dry-run"}}); r.code != 0 {
		t.Errorf("an empty unnamed column: exit %d\n%s", r.code, r.stderr)
	}
	// Arguments and the leaf's flags come from the file, not the command line.
	good := bulkFile(t, "good.csv", "email,role,rbac-group\nada@bulk.example,developer,\ngrace@bulk.example,user,rbacgrp_1;rbacgrp_2\n")
	for _, args := range [][]string{
		{"invites", "create", "x@bulk.example", "user", "--from-csv", good},
		{"invites", "create", "--rbac-group", "g", "--from-csv", good},
		{"invites", "create", "--results", "r.csv"},
		{"invites", "create", "--from-csv", good, "--parallel", "0"},
		{"invites", "create", "--from-csv", good, "--parallel", "33"},
		{"invites", "create", "--from-csv", good, "--results", filepath.Join(t.TempDir(), "no", "such", "dir.csv")},
	} {
		if r := runCLI(t, s, invocation{args: args}); r.code != 2 {
			t.Errorf("%q: exit %d, want 2\n%s", args, r.code, r.stderr)
		}
	}
	if n := totalCalls(s.Calls) - before; n != 0 {
		t.Errorf("the fake received %d calls", n)
	}

	// --dry-run of a good file, from stdin.
	r = runCLI(t, s, invocation{args: []string{"invites", "create", "--from-csv", "-", "--dry-run"}, stdin: bulkReadFile(t, good)})
	want := "Dry run of anthropic-admin invites create --from-csv -: 2 rows, all valid; nothing is sent.\n" +
		`row 2: POST /v1/organizations/invites {"email":"ada@bulk.example","role":"developer"}` + "\n" +
		`row 3: POST /v1/organizations/invites {"email":"grace@bulk.example","rbac_group_ids":["rbacgrp_1","rbacgrp_2"],"role":"user"}` + "\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("dry run: exit %d\n%s\nwant:\n%s\nstderr: %s", r.code, r.stdout, want, r.stderr)
	}
	if n := totalCalls(s.Calls) - before; n != 0 {
		t.Errorf("the fake received %d calls", n)
	}
}

func bulkReadFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestBulkDestructiveAsksOnce: a destructive command with --from-csv asks
// once for all rows, refuses without a terminal or --yes, and runs every
// row once confirmed.
func TestBulkDestructiveAsksOnce(t *testing.T) {
	s := newFake(t)
	var ids []string
	for k, err := range s.Client().APIKeys.All(context.Background(), &admin.ListAPIKeysParams{Status: admin.APIKeyStatusActive}) {
		if err != nil {
			t.Fatal(err)
		}
		if ids = append(ids, k.ID); len(ids) == 2 {
			break
		}
	}
	in := bulkFile(t, "keys.csv", "api-key-id\n"+strings.Join(ids, "\n")+"\n")
	before := s.Calls(admin.OpUpdateAPIKey)

	r := runCLI(t, s, invocation{args: []string{"api-keys", "deactivate", "--from-csv", in}})
	if r.code != 2 || !strings.Contains(r.stderr, "pass --yes") || s.Calls(admin.OpUpdateAPIKey) != before {
		t.Errorf("without --yes: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"api-keys", "deactivate", "--from-csv", in}, ttyIn: true, stdin: "n\n"})
	if r.code != 1 || strings.Count(r.stderr, "[y/N]") != 1 || s.Calls(admin.OpUpdateAPIKey) != before {
		t.Errorf("answered no: exit %d\n%s", r.code, r.stderr)
	}
	want := "Run 'api-keys deactivate' for all 2 rows of " + in + "? The first row asks: Deactivate API key " + ids[0] + "?"
	if !strings.Contains(r.stderr, want) {
		t.Errorf("question lacks %q:\n%s", want, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"api-keys", "deactivate", "--from-csv", in}, ttyIn: true, stdin: "y\n"})
	if r.code != 0 || s.Calls(admin.OpUpdateAPIKey) != before+2 || strings.Count(r.stdout, "\n") != 3 {
		t.Errorf("answered yes: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	for _, id := range ids {
		k, err := s.Client().APIKeys.Get(context.Background(), id)
		if err != nil || k.Status != admin.APIKeyStatusInactive {
			t.Errorf("key %s: %v %v", id, k, err)
		}
	}
	// --dry-run shows the question and sends nothing.
	before = totalCalls(s.Calls)
	r = runCLI(t, s, invocation{args: []string{"api-keys", "deactivate", "--from-csv", in, "--dry-run"}})
	if r.code != 0 || !strings.Contains(r.stdout, "Question: "+want) || totalCalls(s.Calls) != before {
		t.Errorf("dry run: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestBulkWorkspacesAlreadyDone: workspaces create from a CSV with a
// repeatable flag as ";"-separated values; a re-run with
// --already-done-ok counts the 409s (the names are taken) as done.
func TestBulkWorkspacesAlreadyDone(t *testing.T) {
	s := newFake(t)
	in := bulkFile(t, "ws.csv", "name,tag,color\nBulk One,team=a;env=prod,#6C5BB9\nBulk Two,,\n")
	r := runCLI(t, s, invocation{args: []string{"workspaces", "create", "--from-csv", in, "--columns", "row,status"}})
	if r.code != 0 || r.stdout != "ROW  STATUS\n2    ok\n3    ok\n" {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	var tags map[string]string
	for w, err := range s.Client().Workspaces.All(context.Background(), &admin.ListWorkspacesParams{Limit: 1000}) {
		if err != nil {
			t.Fatal(err)
		}
		if w.Name == "Bulk One" {
			tags = w.Tags
		}
	}
	if tags["team"] != "a" || tags["env"] != "prod" {
		t.Errorf("tags %v", tags)
	}
	r = runCLI(t, s, invocation{args: []string{"workspaces", "create", "--from-csv", in}})
	if r.code != 1 || !strings.Contains(r.stderr, "2 failed") {
		t.Errorf("again without --already-done-ok: exit %d\n%s", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"workspaces", "create", "--from-csv", in, "--already-done-ok", "--columns", "row,status"}})
	if r.code != 0 || r.stdout != "ROW  STATUS\n2    already_done\n3    already_done\n" {
		t.Errorf("again with --already-done-ok: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
}

// TestBulkLeaves: --from-csv is on the leaves that create or change
// (those the issue names among them), and on no list, get or delete.
func TestBulkLeaves(t *testing.T) {
	var got []string
	commands().leaves(nil, func(path []string, c *command) {
		if bulkable(c) {
			got = append(got, strings.Join(path, " "))
		}
		if m, _ := c.op.Route(); bulkable(c) && m != http.MethodPost {
			t.Errorf("%s: --from-csv on a %s", strings.Join(path, " "), m)
		}
		// Each column names one argument or flag.
		seen := map[string]bool{}
		for _, col := range bulkColumns(c, newFlagSet("x")) {
			if seen[col.name] {
				t.Errorf("%s: two columns called %s", strings.Join(path, " "), col.name)
			}
			seen[col.name] = true
		}
	})
	for _, want := range []string{
		"invites create", "users set-role", "workspaces create", "workspaces rename",
		"workspaces members add", "workspaces members set-role", "api-keys rename", "api-keys deactivate",
		"service-accounts create", "rbac-groups members add", "workspaces rate-limits set", "spend-limits set",
	} {
		if !slices.Contains(got, want) {
			t.Errorf("%s does not take --from-csv", want)
		}
	}
	for _, not := range []string{"users list", "users get", "users remove", "invites delete", "users offboard", "api"} {
		if slices.Contains(got, not) {
			t.Errorf("%s takes --from-csv", not)
		}
	}
}

// TestBulkRateLimited: a 429 in the middle of a run costs one request
// more, not one per row or per layer of retries, and every row succeeds.
func TestBulkRateLimited(t *testing.T) {
	s := newFake(t)
	var b strings.Builder
	b.WriteString("email,role\n")
	const n = 8
	for i := range n {
		fmt.Fprintf(&b, "limited%d@bulk.example,user\n", i)
	}
	in := bulkFile(t, "invites.csv", b.String())
	if err := s.FailNext(admin.OpCreateInvite, 1, admintest.Fault{Status: 429, RetryAfter: 150 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	before := s.Calls(admin.OpCreateInvite)
	start := time.Now()
	r := runCLI(t, s, invocation{args: []string{"invites", "create", "--from-csv", in, "--columns", "status"}, ttyErr: true})
	if r.code != 0 || strings.Count(r.stdout, "ok\n") != n {
		t.Fatalf("exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if got := s.Calls(admin.OpCreateInvite) - before; got != n+1 {
		t.Errorf("%d createInvite calls, want %d", got, n+1)
	}
	// On a terminal, a progress line, erased before the summary.
	if !strings.Contains(r.stderr, "\rinvites create: 8 of 8 rows done, 0 failed...\r\x1b[K") {
		t.Errorf("no progress line on the terminal: %q", r.stderr)
	}
	if d := time.Since(start); d < 150*time.Millisecond {
		t.Errorf("the run took %v, less than the Retry-After", d)
	}
}

// TestBulkInterruptedThenRerun presses Ctrl-C in the middle of a run: it
// exits with 130, the results file records every row (those done ok, the
// rest skipped or, in flight, failed), and the same command again with
// --already-done-ok finishes without a second invite for anyone.
func TestBulkInterruptedThenRerun(t *testing.T) {
	s := newFake(t)
	s.SetLatency(10 * time.Millisecond)
	const n = 60
	var b strings.Builder
	b.WriteString("email,role\n")
	for i := range n {
		fmt.Fprintf(&b, "ctrlc%02d@bulk.example,user\n", i)
	}
	in := bulkFile(t, "invites.csv", b.String())
	results := filepath.Join(t.TempDir(), "results.csv")
	before := s.Calls(admin.OpCreateInvite)
	_, stderr, interrupt, done := interruptible(t, s.URL, strings.NewReader(""), "invites", "create", "--from-csv", in, "--parallel", "2", "--results", results)
	deadline := time.Now().Add(10 * time.Second)
	for s.Calls(admin.OpCreateInvite)-before < 10 && time.Now().Before(deadline) {
		time.Sleep(2 * time.Millisecond)
	}
	interrupt()
	if code := exitWithin(t, done, "bulk run"); code != exitInterrupted || !strings.HasSuffix(stderr.String(), "anthropic-admin: interrupted\n") {
		t.Fatalf("exit %d, stderr %q; want 130 and interrupted", code, stderr.String())
	}
	recs := bulkReadCSV(t, results)
	counts := map[string]int{}
	for _, rec := range recs[1:] {
		counts[rec[1]]++
	}
	// The fake counts a call as it arrives: of the first 10, up to 2 (the
	// parallelism) were in flight at the interrupt.
	if len(recs) != n+1 || counts["ok"] < 8 || counts["ok"]+counts["error"] < 10 || counts["skipped"] == 0 || counts["ok"]+counts["skipped"]+counts["error"] != n || counts["error"] > 2 {
		t.Errorf("results after the interrupt: %v", counts)
	}
	s.SetLatency(0)
	r := runCLI(t, s, invocation{args: []string{"invites", "create", "--from-csv", in, "--already-done-ok", "--results", results}})
	if r.code != 0 {
		t.Fatalf("re-run: exit %d\n%s", r.code, r.stderr)
	}
	counts = map[string]int{}
	for _, rec := range bulkReadCSV(t, results)[1:] {
		counts[rec[1]]++
	}
	if counts["ok"]+counts["already_done"] != n || counts["already_done"] < 8 {
		t.Errorf("re-run results: %v", counts)
	}
	got := invitesTo(t, s, "bulk.example")
	if len(got) != n {
		t.Errorf("%d addresses invited, want %d", len(got), n)
	}
	for email, k := range got {
		if k != 1 {
			t.Errorf("%s has %d invites", email, k)
		}
	}
}

// BenchmarkInvitesCreateFromCSV1000 runs invites create --from-csv over a
// file of 1,000 rows in process against the fake (loopback HTTP), 4 rows
// at a time, and reports the requests sent (the minimum is 1,000, one
// createInvite per email); "dry-run" is the check of every row alone,
// which sends nothing.
func BenchmarkInvitesCreateFromCSV1000(b *testing.B) {
	const n = 1000
	var sb strings.Builder
	sb.WriteString("email,role,rbac-group\n")
	for i := range n {
		fmt.Fprintf(&sb, "bench%04d@bulk.example,user,\n", i)
	}
	in := filepath.Join(b.TempDir(), "invites.csv")
	if err := os.WriteFile(in, []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	for _, bc := range []struct {
		name string
		args []string
	}{
		{"run", []string{"invites", "create", "--from-csv", in, "-o", "csv"}},
		{"dry-run", []string{"invites", "create", "--from-csv", in, "--dry-run"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			requests := 0
			for b.Loop() {
				b.StopTimer()
				s := admintest.NewServer(admintest.WithAdminKey(testKey), admintest.WithClock(func() time.Time { return testNow }))
				env := map[string]string{envAdminKey: testKey, envBaseURL: s.URL}
				b.StartTimer()
				code := run(context.Background(), bc.args, func(k string) string { return env[k] }, strings.NewReader(""), io.Discard, io.Discard)
				b.StopTimer()
				if code != 0 {
					b.Fatalf("exit %d", code)
				}
				requests += totalCalls(s.Calls)
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
		})
	}
}
