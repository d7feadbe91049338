package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// The keys of the tests. No output of any test may contain them (nor the
// fake's default keys, used by --fake): see runCLI.
const (
	testKey           = "sk-ant-admin01-TEST-SECRET-never-printed-0123456789"
	testComplianceKey = "sk-ant-compliance01-TEST-SECRET-never-printed-98765"
)

// secretKeys are the keys no output may contain.
var secretKeys = []string{testKey, testComplianceKey, admintest.DefaultAdminKey, admintest.DefaultComplianceKey}

// testNow is the frozen clock of the test fakes (the same as --fake's).
var testNow = fakeNow

// newFake starts a fake seeded with the demo data, accepting the test keys,
// with a frozen clock: its output is the same on every run.
func newFake(t *testing.T, opts ...admintest.Option) *admintest.Server {
	t.Helper()
	s := admintest.NewServer(append([]admintest.Option{
		admintest.WithAdminKey(testKey),
		admintest.WithComplianceKey(testComplianceKey),
		admintest.WithDemoData(),
		admintest.WithClock(func() time.Time { return testNow }),
	}, opts...)...)
	t.Cleanup(s.Close)
	return s
}

// tty is a buffer that plays a terminal.
type tty struct{ bytes.Buffer }

// IsTerminal implements terminal.
func (*tty) IsTerminal() bool { return true }

// ttyReader is stdin from a terminal.
type ttyReader struct{ io.Reader }

// IsTerminal implements terminal.
func (ttyReader) IsTerminal() bool { return true }

// invocation is one run of the tool in a test.
type invocation struct {
	args   []string
	env    map[string]string // added to the default environment; "" unsets
	stdin  string            // what stdin holds
	ttyIn  bool              // stdin is a terminal
	ttyErr bool              // stderr is a terminal
	in     io.Reader         // stdin instead of stdin and ttyIn, such as a file
	out    io.Writer         // also receives what is written to stdout
	width  int               // stdout is a terminal this wide (0: not a terminal)
}

// wideTTY is stdout on a terminal of a given width.
type wideTTY struct {
	io.Writer
	width int
}

// TerminalWidth implements widthReporter.
func (w wideTTY) TerminalWidth() int { return w.width }

// result is what a run printed and returned.
type result struct {
	code           int
	stdout, stderr string
}

// runCLI runs the tool against s (nil: no base URL) with the test keys in
// the environment, and fails the test if any output contains a key.
func runCLI(t *testing.T, s *admintest.Server, inv invocation) result {
	t.Helper()
	env := map[string]string{envAdminKey: testKey, envComplianceKey: testComplianceKey}
	keys := secretKeys
	if s != nil {
		env[envBaseURL] = s.URL
		// A token the fake accepts; its clock is frozen, so it never expires.
		env[envOAuthToken] = s.IssueOAuthToken(time.Hour)
		keys = append(slices.Clip(keys), env[envOAuthToken])
	}
	for k, v := range inv.env {
		env[k] = v
	}
	var stdin io.Reader = strings.NewReader(inv.stdin)
	if inv.ttyIn {
		stdin = ttyReader{stdin}
	}
	if inv.in != nil {
		stdin = inv.in
	}
	var stdout bytes.Buffer
	var out io.Writer = &stdout
	if inv.out != nil {
		out = io.MultiWriter(inv.out, &stdout)
	}
	if inv.width > 0 {
		out = wideTTY{out, inv.width}
	}
	var stderr io.Writer = new(bytes.Buffer)
	if inv.ttyErr {
		stderr = new(tty)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	code := run(ctx, inv.args, func(k string) string { return env[k] }, stdin, out, stderr)
	r := result{code: code, stdout: stdout.String(), stderr: stderr.(fmt.Stringer).String()}
	checkNoKeys(t, inv.args, keys, r.stdout, r.stderr)
	return r
}

// checkNoKeys fails the test if any of outputs contains one of keys.
func checkNoKeys(t *testing.T, args []string, keys []string, outputs ...string) {
	t.Helper()
	for _, k := range keys {
		for _, out := range outputs {
			if strings.Contains(out, k) {
				t.Fatalf("%v: a key appears in the output:\n%s", args, out)
			}
		}
	}
}

// golden compares r with testdata/name.golden, or rewrites it with -update.
func golden(t *testing.T, name string, args []string, r result) {
	t.Helper()
	got := fmt.Sprintf("$ anthropic-admin %s\n--- exit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update to accept):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// fixture holds IDs of the demo data, found through the fake's own client,
// for the arguments of the commands.
type fixture map[string]string

// newFixture looks the IDs up in s and adds a user who is in no workspace.
func newFixture(t *testing.T, s *admintest.Server) fixture {
	t.Helper()
	ctx := context.Background()
	c := s.Client()
	f := fixture{}
	must := func(id string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		return id
	}
	us, err := c.Users.List(ctx, &admin.ListUsersParams{Email: "edsger.dijkstra@example.com"})
	f["user"] = must(pick(us, err, func(l *admin.UserList) []admin.User { return l.Data }, func(u admin.User) string { return u.ID }))
	ws, err := c.Workspaces.List(ctx, nil)
	f["workspace"] = must(pick(ws, err, func(l *admin.WorkspaceList) []admin.Workspace { return l.Data }, func(w admin.Workspace) string { return w.ID }))
	ms, err := c.WorkspaceMembers.List(ctx, f["workspace"], nil)
	f["member"] = must(pick(ms, err, func(l *admin.WorkspaceMemberList) []admin.WorkspaceMember { return l.Data }, func(m admin.WorkspaceMember) string { return m.UserID }))
	is, err := c.Invites.List(ctx, &admin.ListInvitesParams{Statuses: []admin.InviteStatusFilter{admin.InviteStatusFilterPending}})
	f["invite"] = must(pick(is, err, func(l *admin.InviteList) []admin.Invite { return l.Data }, func(i admin.Invite) string { return i.ID }))
	ks, err := c.APIKeys.List(ctx, &admin.ListAPIKeysParams{Status: admin.APIKeyStatusActive})
	f["apikey"] = must(pick(ks, err, func(l *admin.APIKeyList) []admin.APIKey { return l.Data }, func(k admin.APIKey) string { return k.ID }))
	rl, err := c.RateLimits.List(ctx, nil)
	f["ratelimit"] = must(pick(rl, err, func(l *admin.RateLimitList) []admin.RateLimit { return l.Data }, func(r admin.RateLimit) string { return r.ID }))
	u, err := s.AddUser(admintest.UserSeed{Email: "new.member@example.com", Name: "New Member", AddedAt: testNow.Add(-time.Hour)})
	f["newuser"] = must(u.ID, err)
	f["org"] = s.OrganizationID()
	f["defaultworkspace"] = s.DefaultWorkspaceID()
	return f
}

// pick returns the ID of the first item of a page.
func pick[L, T any](page *L, err error, data func(*L) []T, id func(T) string) (string, error) {
	if err != nil {
		return "", err
	}
	items := data(page)
	if len(items) == 0 {
		return "", fmt.Errorf("no items")
	}
	return id(items[0]), nil
}

// expand replaces {name} in args with the fixture's IDs.
func (f fixture) expand(args []string) []string {
	out := make([]string, len(args))
	for i, a := range args {
		for k, v := range f {
			a = strings.ReplaceAll(a, "{"+k+"}", v)
		}
		out[i] = a
	}
	return out
}

// TestBaseURLEnv checks that the base URL comes from --base-url or
// ANTHROPIC_ADMIN_BASE_URL, never from ANTHROPIC_BASE_URL, which gateways
// set for the Messages API: a decoy there gets no request (and no key).
func TestBaseURLEnv(t *testing.T) {
	var decoyHits atomic.Int32
	decoy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		decoyHits.Add(1)
		http.Error(w, "decoy", http.StatusTeapot)
	}))
	defer decoy.Close()
	s := newFake(t)
	for _, inv := range []invocation{
		// runCLI sets ANTHROPIC_ADMIN_BASE_URL to the fake.
		{args: []string{"org", "show"}, env: map[string]string{"ANTHROPIC_BASE_URL": decoy.URL}},
		{args: []string{"org", "show", "--base-url", s.URL}, env: map[string]string{"ANTHROPIC_BASE_URL": decoy.URL, envBaseURL: ""}},
	} {
		if r := runCLI(t, s, inv); r.code != 0 {
			t.Errorf("%v: exit %d: %s", inv.args, r.code, r.stderr)
		}
	}
	if n := decoyHits.Load(); n != 0 {
		t.Errorf("ANTHROPIC_BASE_URL got %d requests", n)
	}
	a := &app{getenv: func(k string) string { return map[string]string{"ANTHROPIC_BASE_URL": decoy.URL}[k] }}
	if u := a.baseURL(); u != "" {
		t.Errorf("with only ANTHROPIC_BASE_URL set the base URL is %q, want the default", u)
	}
}

// TestCheckBaseURL checks which base URLs may receive a key.
func TestCheckBaseURL(t *testing.T) {
	for raw, ok := range map[string]bool{
		"":                                  true,
		"https://api.anthropic.com":         true,
		"https://gateway.example.com/admin": true,
		"HTTPS://api.anthropic.com":         true,
		"http://127.0.0.1:8080":             true,
		"http://127.1.2.3":                  true,
		"http://[::1]:8080/prefix":          true,
		"http://localhost:8080":             true,
		"http://LocalHost":                  true,
		"http://api.anthropic.com":          false,
		"HTTP://api.anthropic.com":          false,
		"http://10.0.0.1:8080":              false,
		"http://0.0.0.0:8080":               false,
		"http://127.0.0.1@evil.example":     false,
		"http://localhost.evil.example":     false,
		"http://127.0.0.1.evil.example":     false,
		"http://[fe80::1]":                  false,
	} {
		err := checkBaseURL(raw)
		if (err == nil) != ok {
			t.Errorf("checkBaseURL(%q) = %v, want allowed %v", raw, err, ok)
		}
		if ee := (*exitError)(nil); err != nil && (!errors.As(err, &ee) || ee.code != 2) {
			t.Errorf("checkBaseURL(%q) = %v, want exit status 2", raw, err)
		}
	}
}

// TestPlainHTTPRefused points the tool at the fake through 0.0.0.0, an
// address that is not loopback but that Linux connects to this machine:
// without the http rule the request (with the key) would arrive. It must
// be refused with exit status 2 before anything is sent, from the flag and
// from the environment alike.
func TestPlainHTTPRefused(t *testing.T) {
	s := newFake(t)
	open := strings.Replace(s.URL, "127.0.0.1", "0.0.0.0", 1)
	for _, inv := range []invocation{
		{args: []string{"users", "list", "--base-url", open}},
		{args: []string{"users", "list"}, env: map[string]string{envBaseURL: open}},
	} {
		r := runCLI(t, s, inv)
		if r.code != 2 || !strings.Contains(r.stderr, "refusing to send keys over plain http to 0.0.0.0:") {
			t.Errorf("%v: exit %d, stderr %q; want 2 and a refusal", inv.args, r.code, r.stderr)
		}
	}
	if n := s.Calls(admin.OpListUsers); n != 0 {
		t.Errorf("the server got %d requests", n)
	}
}

// TestAPIVersionSelection checks that --api-version and
// ANTHROPIC_ADMIN_API_VERSION choose the anthropic-version header and the
// form of the key, and that an unknown version is a usage error.
func TestAPIVersionSelection(t *testing.T) {
	s := newFake(t)
	var mu sync.Mutex
	var seen []string
	rec := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		seen = append(seen, r.Header.Get("anthropic-version")+" x-api-key="+strconv.FormatBool(r.Header.Get("x-api-key") != "")+
			" bearer="+strconv.FormatBool(strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ")))
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"type":"organization","id":"org_1","name":"Org"}`)
	}))
	defer rec.Close()
	for _, inv := range []invocation{
		{args: []string{"org", "show"}},
		{args: []string{"org", "show", "--api-version", admin.APIVersion20261021}},
		{args: []string{"org", "show"}, env: map[string]string{envAPIVersion: admin.APIVersion20261021}},
		{args: []string{"org", "show", "--api-version", admin.APIVersion20230601}, env: map[string]string{envAPIVersion: admin.APIVersion20261021}},
	} {
		inv.env = maps.Clone(inv.env)
		if inv.env == nil {
			inv.env = map[string]string{}
		}
		inv.env[envBaseURL] = rec.URL
		if r := runCLI(t, s, inv); r.code != 0 {
			t.Errorf("%v %v: exit %d: %s", inv.args, inv.env, r.code, r.stderr)
		}
	}
	want := []string{
		"2023-06-01 x-api-key=true bearer=false",
		"2026-10-21 x-api-key=false bearer=true",
		"2026-10-21 x-api-key=false bearer=true",
		"2023-06-01 x-api-key=true bearer=false",
	}
	if !slices.Equal(seen, want) {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(seen, "\n"), strings.Join(want, "\n"))
	}
	r := runCLI(t, s, invocation{args: []string{"org", "show", "--api-version", "2024-01-01"}})
	if r.code != 2 || !strings.Contains(r.stderr, `API version "2024-01-01"`) {
		t.Errorf("unknown version: exit %d: %s", r.code, r.stderr)
	}
}
