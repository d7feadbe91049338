package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// TestParseInterspersed checks that the cobra adapter takes flags before,
// between and after arguments, and everything after "--" as arguments.
func TestParseInterspersed(t *testing.T) {
	for _, tc := range []struct {
		args    []string
		pos     []string
		limit   int
		all     bool
		wantErr bool
	}{
		{args: []string{"a", "--limit", "3", "b"}, pos: []string{"a", "b"}, limit: 3},
		{args: []string{"--all", "a"}, pos: []string{"a"}, all: true},
		{args: []string{"a", "--", "--all", "-x"}, pos: []string{"a", "--all", "-x"}},
		{args: []string{"--", "a"}, pos: []string{"a"}},
		{args: []string{"a", "--nope"}, wantErr: true},
		{args: nil, wantErr: true}, // missing <arg>...
	} {
		var lf listFlags
		var pos []string
		leaf := &command{name: "x", args: []string{"<arg>..."}, do: action{local: true, setup: func(fs *flag.FlagSet, _ *command) runFunc {
			lf.register(fs)
			return func(_ context.Context, _ *app, args []string) error { pos = args; return nil }
		}}}
		var stdout, stderr bytes.Buffer
		a := &app{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
		a.cli = newCLI(context.Background(), a, group("", "test", leaf))
		code := a.cli.execute(context.Background(), append([]string{"x"}, tc.args...))
		if (code != 0) != tc.wantErr {
			t.Errorf("%q: exit %d: %s", tc.args, code, stderr.String())
			continue
		}
		if !tc.wantErr && (!slices.Equal(pos, tc.pos) || lf.limit != tc.limit || lf.all != tc.all) {
			t.Errorf("%q: got %q limit %d all %v, want %q limit %d all %v", tc.args, pos, lf.limit, lf.all, tc.pos, tc.limit, tc.all)
		}
	}
}

// callsAtWrite records how many list calls the fake had seen at each
// write to stdout.
type callsAtWrite struct {
	s     *admintest.Server
	op    admin.Operation
	calls []int
}

// Write records the calls so far.
func (w *callsAtWrite) Write(p []byte) (int, error) {
	w.calls = append(w.calls, w.s.Calls(w.op))
	return len(p), nil
}

// TestStreamsPagebyPage checks that with --all the rows of a page reach
// stdout before the next page is requested, in every format.
func TestStreamsPageByPage(t *testing.T) {
	for _, format := range []string{"table", "json", "csv"} {
		t.Run(format, func(t *testing.T) {
			s := newFake(t)
			w := &callsAtWrite{s: s, op: "listUsers"}
			r := runCLI(t, s, invocation{args: []string{"users", "list", "--all", "-o", format}, out: w})
			if r.code != 0 {
				t.Fatalf("exit %d: %s", r.code, r.stderr)
			}
			if s.Calls(admin.OpListUsers) != 2 {
				t.Fatalf("%d list calls, want 2 pages", s.Calls(admin.OpListUsers))
			}
			if len(w.calls) < 2 || w.calls[0] != 1 {
				t.Errorf("writes happened at list calls %v; want the first page written before the second is requested", w.calls)
			}
		})
	}
}

// TestFirstPageOnly checks that without --all exactly one page is
// requested, and that the tool says more exist.
func TestFirstPageOnly(t *testing.T) {
	s := newFake(t)
	r := runCLI(t, s, invocation{args: []string{"users", "list"}})
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	if n := s.Calls(admin.OpListUsers); n != 1 {
		t.Errorf("%d list calls, want 1", n)
	}
	if n := strings.Count(r.stdout, "\n"); n != 21 {
		t.Errorf("%d lines, want a header and 20 users", n)
	}
	if !strings.Contains(r.stderr, "--all") {
		t.Errorf("stderr does not mention --all: %q", r.stderr)
	}
}

// numbers is a list of the numbers 1 to 7 in pages of 3, whatever the page
// size asked for (as a server capping it would), that counts its fetches.
type numbers struct {
	fetched int
	fail    int // the page that fails (1-based), or 0
}

// lister returns the lister of the list.
func (l *numbers) lister() lister[int] {
	return lister[int]{maxPage: 3, pages: func(context.Context, int) iter.Seq2[page[int], error] {
		return func(yield func(page[int], error) bool) {
			for i := 0; i < 7; i += 3 {
				l.fetched++
				if l.fetched == l.fail {
					yield(page[int]{}, errors.New("page failed"))
					return
				}
				p := page[int]{more: i+3 < 7}
				for n := i + 1; n <= min(i+3, 7); n++ {
					p.items = append(p.items, n)
				}
				if !yield(p, nil) {
					return
				}
			}
		}
	}}
}

// TestPrintListPaging checks printList over a synthetic list: the items it
// prints, the pages it fetches, the more-results hint and the progress
// line.
func TestPrintListPaging(t *testing.T) {
	const hint = "(more results: pass --all to fetch every page)\n"
	draw := func(page, n int) string { return fmt.Sprintf("\rl: fetching page %d (%d so far)...\r\x1b[K", page, n) }
	for _, tc := range []struct {
		name    string
		lf      listFlags
		report  bool
		tty     bool
		fail    int
		out     string
		fetched int
		stderr  string
		err     bool
	}{
		{name: "first page", out: "1 2 3", fetched: 1, stderr: hint},
		{name: "all", lf: listFlags{all: true}, out: "1 2 3 4 5 6 7", fetched: 3},
		{name: "limit inside the first page", lf: listFlags{limit: 2}, out: "1 2", fetched: 1, stderr: hint},
		{name: "limit at the end of the first page", lf: listFlags{limit: 3}, out: "1 2 3", fetched: 1, stderr: hint},
		{name: "limit beyond the first page", lf: listFlags{limit: 5}, out: "1 2 3", fetched: 1, stderr: hint},
		{name: "all with limit inside a page", lf: listFlags{all: true, limit: 5}, out: "1 2 3 4 5", fetched: 2},
		{name: "all with limit at the end of a page", lf: listFlags{all: true, limit: 6}, out: "1 2 3 4 5 6", fetched: 2},
		{name: "all with limit at the end", lf: listFlags{all: true, limit: 7}, out: "1 2 3 4 5 6 7", fetched: 3},
		{name: "all with a larger limit", lf: listFlags{all: true, limit: 50}, out: "1 2 3 4 5 6 7", fetched: 3},
		{name: "progress", lf: listFlags{all: true}, tty: true, out: "1 2 3 4 5 6 7", fetched: 3, stderr: draw(1, 0) + draw(2, 3) + draw(3, 6)},
		{name: "progress with limit", lf: listFlags{all: true, limit: 4}, tty: true, out: "1 2 3 4", fetched: 2, stderr: draw(1, 0) + draw(2, 3)},
		{name: "no progress on the first page only", tty: true, out: "1 2 3", fetched: 1, stderr: hint},
		{name: "progress of a report", report: true, tty: true, out: "1 2 3", fetched: 1, stderr: draw(1, 0) + hint},
		{name: "first page fails", lf: listFlags{all: true}, fail: 1, fetched: 1, err: true},
		{name: "second page fails", lf: listFlags{all: true}, tty: true, fail: 2, out: "1 2 3", fetched: 2, stderr: draw(1, 0) + draw(2, 3), err: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var stdout bytes.Buffer
			var stderr interface {
				io.Writer
				String() string
			} = new(bytes.Buffer)
			if tc.tty {
				stderr = new(tty)
			}
			a := &app{stdout: &stdout, stderr: stderr, path: "l", g: globals{output: "csv"}}
			l := &numbers{fail: tc.fail}
			li := l.lister()
			li.report = tc.report
			err := printList(context.Background(), a, tc.lf, li, flat(col("n", strconv.Itoa)))
			if (err != nil) != tc.err {
				t.Errorf("error %v, want one: %v", err, tc.err)
			}
			want := ""
			if tc.out != "" || !tc.err {
				want = "n\n" + strings.ReplaceAll(tc.out, " ", "\n") + "\n"
			}
			if got := stdout.String(); got != want {
				t.Errorf("stdout %q, want %q", got, want)
			}
			if l.fetched != tc.fetched {
				t.Errorf("%d pages fetched, want %d", l.fetched, tc.fetched)
			}
			if got := stderr.String(); got != tc.stderr {
				t.Errorf("stderr %q, want %q", got, tc.stderr)
			}
		})
	}
}

// TestMachineReadable checks that the JSON output is valid JSON (an array
// for lists, an object for one item) and the CSV output rectangular.
func TestMachineReadable(t *testing.T) {
	s := newFake(t)
	for _, args := range [][]string{
		{"users", "list", "--all"},
		{"users", "list", "--email", "nobody@example.com"},
		{"rate-limits", "list"},
		{"usage", "cost", "--from", "2026-10-20", "--group-by", "workspace_id,description", "--all"},
		{"usage", "claude-code", "--day", "2026-10-30", "--all"},
	} {
		r := runCLI(t, s, invocation{args: append(args, "-o", "json")})
		var list []map[string]any
		if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || r.code != 0 {
			t.Errorf("%v: exit %d, not a JSON array: %v\n%s", args, r.code, err, r.stdout)
		}
		r = runCLI(t, s, invocation{args: append(args, "-o", "csv")})
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil || r.code != 0 || len(rows) == 0 {
			t.Errorf("%v: exit %d, bad CSV: %v\n%s", args, r.code, err, r.stdout)
		}
	}
	r := runCLI(t, s, invocation{args: []string{"org", "show", "-o", "json"}})
	var org map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &org); err != nil || org["id"] != s.OrganizationID() {
		t.Errorf("org show -o json: %v\n%s", err, r.stdout)
	}
}

// TestIsTerminal checks the terminal decision for files and test doubles.
func TestIsTerminal(t *testing.T) {
	pr, pw, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer pr.Close()
	defer pw.Close()
	for _, tc := range []struct {
		v    any
		want bool
	}{
		{pr, false},
		{pw, false},
		{openDevNull(t), false}, // a character device, but not a terminal
		{new(bytes.Buffer), false},
		{new(tty), true},
		{ttyReader{strings.NewReader("")}, true},
	} {
		if got := isTerminal(tc.v); got != tc.want {
			t.Errorf("isTerminal(%T) = %v, want %v", tc.v, got, tc.want)
		}
	}
}

// openDevNull opens /dev/null for reading until the test ends.
func openDevNull(t *testing.T) *os.File {
	t.Helper()
	f, err := os.Open(os.DevNull)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestConfirmDevNull checks that a destructive command with stdin from
// /dev/null and without --yes refuses with exit status 2, asks nothing and
// changes nothing.
func TestConfirmDevNull(t *testing.T) {
	s := newFake(t)
	f := newFixture(t, s)
	r := runCLI(t, s, invocation{args: f.expand([]string{"users", "remove", "{user}"}), in: openDevNull(t)})
	if r.code != 2 || !strings.Contains(r.stderr, "stdin is not a terminal (pass --yes)") {
		t.Errorf("exit %d, stderr %q; want 2 and a refusal", r.code, r.stderr)
	}
	if r.stdout != "" || strings.Contains(r.stderr, "[y/N]") {
		t.Errorf("printed %q and asked %q", r.stdout, r.stderr)
	}
	if n := s.Calls(admin.OpRemoveUser) + s.Calls(admin.OpGetUser); n != 0 {
		t.Errorf("%d calls to removeUser and getUser, want none", n)
	}
	if _, err := s.Client().Users.Get(context.Background(), f["user"]); err != nil {
		t.Errorf("the user is gone: %v", err)
	}
}

// TestHelpHasEveryCommand checks that the top-level help lists every leaf.
func TestHelpHasEveryCommand(t *testing.T) {
	r := runCLI(t, nil, invocation{args: []string{"--help"}})
	commands().leaves(nil, func(path []string, c *command) {
		if !strings.Contains(r.stdout, strings.Join(path, " ")) {
			t.Errorf("help lacks %q", strings.Join(path, " "))
		}
		if c.raw != nil {
			return // a raw leaf prints its own help
		}
		h := runCLI(t, nil, invocation{args: append(slices.Clone(path), "--help")})
		if h.code != 0 || !strings.HasPrefix(h.stdout, "Usage: anthropic-admin "+strings.Join(path, " ")) {
			t.Errorf("%v --help: exit %d\n%s", path, h.code, h.stdout)
		}
	})
}

// TestREADMETour runs the "$ anthropic-admin --fake ..." commands of the
// README and compares their output (stdout, then stderr) with the README's;
// a line starting with "..." ends the comparison of a command's output.
func TestREADMETour(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	_, section, ok := strings.Cut(string(readme), "### A tour with `--fake`")
	if !ok {
		t.Fatal("README has no tour section")
	}
	_, block, _ := strings.Cut(section, "```\n")
	block, _, _ = strings.Cut(block, "```")
	n := 0
	for _, cmd := range strings.Split(block, "$ anthropic-admin ")[1:] {
		line, want, _ := strings.Cut(cmd, "\n")
		line, _, _ = strings.Cut(line, " <") // stdin redirection: not a terminal
		want = strings.TrimRight(want, "\n") + "\n"
		if before, _, cut := strings.Cut(want, "\n..."); cut {
			want = before + "\n"
		}
		r := runCLI(t, nil, invocation{args: strings.Fields(line)})
		if got := r.stdout + r.stderr; !strings.HasPrefix(got, want) {
			t.Errorf("README: anthropic-admin %s\n--- got\n%s--- README\n%s", line, got, want)
		}
		n++
	}
	if n < 5 {
		t.Errorf("found %d tour commands in the README", n)
	}
}

// TestFakeServeDispatch checks that "fake serve" reaches runFakeServe with
// its arguments untouched, and stops with the context.
func TestFakeServeDispatch(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var stdout, stderr serveOutput
	done := make(chan int, 1)
	// fake serve prints the fake's own keys by design, never the
	// environment's.
	env := map[string]string{envAdminKey: testKey, envComplianceKey: testComplianceKey}
	args := []string{"fake", "serve", "--addr", "127.0.0.1:0", "--seed", "empty"}
	go func() {
		done <- run(ctx, args, func(k string) string { return env[k] }, strings.NewReader(""), &stdout, &stderr)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stdout.String(), "listening on http://127.0.0.1:") {
		if time.Now().After(deadline) {
			t.Fatalf("fake serve printed no URL:\n%s\n%s", stdout.String(), stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	cancel()
	if code := <-done; code != 0 {
		t.Errorf("exit %d: %s", code, stderr.String())
	}
	checkNoKeys(t, args, []string{testKey, testComplianceKey}, stdout.String(), stderr.String())
	var out, errOut bytes.Buffer
	if code := run(context.Background(), []string{"help", "fake", "serve"}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut); code != 0 || !strings.Contains(out.String()+errOut.String(), "-addr") {
		t.Errorf("help fake serve: exit %d\n%s%s", code, out.String(), errOut.String())
	}
	if code := run(context.Background(), []string{"fake", "serve", "--nope"}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut); code != 2 {
		t.Errorf("fake serve --nope: exit %d, want 2", code)
	}
}

// failAfterFirstWrite injects a fault into the next list call at the first
// write to stdout, that is once the first page is printed.
type failAfterFirstWrite struct {
	t     *testing.T
	s     *admintest.Server
	armed bool
}

// Write injects the fault on the first call.
func (w *failAfterFirstWrite) Write(p []byte) (int, error) {
	if !w.armed {
		w.armed = true
		if err := w.s.FailNext(admin.OpListUsers, 1, admintest.Fault{Status: 403, Message: "revoked mid-pull"}); err != nil {
			w.t.Error(err)
		}
	}
	return len(p), nil
}

// TestFailureMidStream checks that a page failing after others were
// printed keeps the printed rows, reports the error and exits 1.
func TestFailureMidStream(t *testing.T) {
	for format, wantLines := range map[string]int{"csv": 21, "json": 20 * 8} {
		t.Run(format, func(t *testing.T) {
			s := newFake(t)
			r := runCLI(t, s, invocation{args: []string{"users", "list", "--all", "-o", format}, out: &failAfterFirstWrite{t: t, s: s}})
			if r.code != 1 || !strings.Contains(r.stderr, "users list: 403 permission_error: revoked mid-pull (request-id req_") {
				t.Errorf("exit %d, stderr %q", r.code, r.stderr)
			}
			if n := strings.Count(r.stdout, "\n"); n != wantLines {
				t.Errorf("%d lines printed, want %d (the first page)", n, wantLines)
			}
			if format == "json" && json.Valid([]byte(r.stdout)) {
				t.Error("a failed pull printed a valid JSON array; it must stay unterminated")
			}
		})
	}
}
