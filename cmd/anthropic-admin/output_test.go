package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// TestSafeText checks the escapes of every kind of character a terminal
// could interpret, and that other text passes unchanged.
func TestSafeText(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain name", "plain name"},
		{`back\slash \x1b`, `back\slash \x1b`},
		{"Zoë 田中 🙂", "Zoë 田中 🙂"},
		{"ci\x1b[1A\x1b[2K", `ci\x1b[1A\x1b[2K`},
		{"\x1b]0;title\x07", `\x1b]0;title\x07`},
		{"nul\x00 del\x7f", `nul\x00 del\x7f`},
		{"a\tb\nc\rd", `a\tb\nc\rd`},
		{"c1 \u009b2J \u0085", `c1 \u009b2J \u0085`},
		{"bidi \u202eevil\u202c \u2066x\u2069 \u200e\u200f\u061c", `bidi \u202eevil\u202c \u2066x\u2069 \u200e\u200f\u061c`},
		{"lines\u2028\u2029", `lines\u2028\u2029`},
		{"bad \xff utf8 \x9b[2J \xe2\x80", `bad \xff utf8 \x9b[2J \xe2\x80`},
		{"replacement \ufffd stays", "replacement \ufffd stays"},
	} {
		if got := safeText(tc.in); got != tc.want {
			t.Errorf("safeText(%q) = %q, want %q", tc.in, got, tc.want)
		}
		if got := safeText(tc.in); rawControls(got) != "" {
			t.Errorf("safeText(%q) still holds %s", tc.in, rawControls(got))
		}
	}
}

// TestJSONSafe checks that the JSON escapes of C1 and bidirectional
// characters decode to the original value.
func TestJSONSafe(t *testing.T) {
	in := map[string]string{"name": "ci\x1b[2K \u009b2J \u202eevil \u2066 Zoë"}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	safe := jsonSafe(b)
	if bad := rawControls(string(safe)); bad != "" {
		t.Errorf("jsonSafe left %s in %s", bad, safe)
	}
	var out map[string]string
	if err := json.Unmarshal(safe, &out); err != nil || out["name"] != in["name"] {
		t.Errorf("jsonSafe changed the value: %q, %v", out["name"], err)
	}
	if plain := []byte(`{"name":"Zoë"}`); !bytes.Equal(jsonSafe(plain), plain) {
		t.Errorf("jsonSafe changed %s", plain)
	}
}

// rawControls describes the characters of s that a terminal could
// interpret (other than the line feeds between lines), or returns "".
func rawControls(s string) string {
	var bad []string
	for i, r := range s {
		switch {
		case r == utf8.RuneError && !strings.HasPrefix(s[i:], "\ufffd"):
			bad = append(bad, fmt.Sprintf("invalid UTF-8 at %d", i))
		case r == '\n':
		case r < 0x20 || r == 0x7f || unsafeRune(r):
			bad = append(bad, fmt.Sprintf("%U at %d", r, i))
		}
	}
	return strings.Join(bad, ", ")
}

// Hostile strings a server (or a member choosing their own name) could
// send.
const (
	hostileKey   = "ci\x1b[1A\x1b[2K"
	hostileUser  = "Mallory\x1b]0;pwned\x07 \u202eevil\u202c \u009b2J"
	hostileError = "denied\x1b[2J\x1b[H\u2066 fake prompt \u2069\x00"
)

// TestServerStringsAreEscaped seeds names and an error message full of
// control sequences and checks that no output of any kind (table, CSV,
// prompt, error line) passes them to the terminal, while JSON keeps the
// exact values.
func TestServerStringsAreEscaped(t *testing.T) {
	s := newFake(t)
	key, err := s.AddAPIKey(admintest.APIKeySeed{Name: hostileKey})
	if err != nil {
		t.Fatal(err)
	}
	user, err := s.AddUser(admintest.UserSeed{Email: "mallory@example.com", Name: hostileUser, AddedAt: testNow.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	check := func(name string, r result, wantOut, wantErr string) {
		t.Helper()
		if bad := rawControls(r.stdout + r.stderr); bad != "" {
			t.Errorf("%s: the output holds %s:\n%q\n%q", name, bad, r.stdout, r.stderr)
		}
		if !strings.Contains(r.stdout, wantOut) || !strings.Contains(r.stderr, wantErr) {
			t.Errorf("%s: want %q on stdout and %q on stderr, got\n%s\n%s", name, wantOut, wantErr, r.stdout, r.stderr)
		}
	}
	for _, format := range []string{"table", "csv"} {
		r := runCLI(t, s, invocation{args: []string{"api-keys", "list", "--limit", "1000", "-o", format}})
		check("api-keys list -o "+format, r, `ci\x1b[1A\x1b[2K`, "")
		r = runCLI(t, s, invocation{args: []string{"users", "get", user.ID, "-o", format}})
		check("users get -o "+format, r, `Mallory\x1b]0;pwned\x07 \u202eevil\u202c \u009b2J`, "")
	}

	// The question names the user by their own name.
	r := runCLI(t, s, invocation{args: []string{"users", "remove", user.ID}, stdin: "n\n", ttyIn: true})
	check("users remove", r, "", `Remove user Mallory\x1b]0;pwned\x07 \u202eevil\u202c \u009b2J <mallory@example.com>`)
	r = runCLI(t, s, invocation{args: []string{"api-keys", "archive", key.ID}, stdin: "n\n", ttyIn: true})
	check("api-keys archive", r, "", `Archive API key "ci\x1b[1A\x1b[2K"`)

	// An error message from the server.
	if err := s.FailNext(admin.OpListWorkspaces, 1, admintest.Fault{Status: 403, Message: hostileError}); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, s, invocation{args: []string{"workspaces", "list"}})
	check("error", r, "", `403 permission_error: denied\x1b[2J\x1b[H\u2066 fake prompt \u2069\x00 (request-id`)

	// JSON keeps the exact values, escaped the JSON way.
	r = runCLI(t, s, invocation{args: []string{"users", "get", user.ID, "-o", "json"}})
	var u admin.User
	if err := json.Unmarshal([]byte(r.stdout), &u); err != nil || u.Name != hostileUser {
		t.Errorf("users get -o json: name %q (%v), want %q", u.Name, err, hostileUser)
	}
	check("users get -o json", r, `"Mallory\u001b]0;pwned\u0007 \u202eevil\u202c \u009b2J"`, "")
}

// TestCSVCell checks which cells are neutralised.
func TestCSVCell(t *testing.T) {
	for in, want := range map[string]string{
		"":                        "",
		"Ada Lovelace":            "Ada Lovelace",
		"=1+1":                    "'=1+1",
		"=HYPERLINK(\"x\",\"y\")": "'=HYPERLINK(\"x\",\"y\")",
		"+1-2":                    "'+1-2",
		"-2+3+cmd|' /C calc'!A0":  "'-2+3+cmd|' /C calc'!A0",
		"@SUM(A1:A9)":             "'@SUM(A1:A9)",
		"\tx":                     "'\tx",
		"\rx":                     "'\rx",
		"-":                       "'-",
		"-5":                      "-5",
		"+3.25":                   "+3.25",
		"-17360.81":               "-17360.81",
		"-1e5":                    "'-1e5",
		"a=b":                     "a=b",
	} {
		if got := csvCell(in); got != want {
			t.Errorf("csvCell(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCSVFormulaInjection checks that names that spreadsheets would run as
// formulas are neutralised in CSV output by default, and written as they
// are with --csv-formulas.
func TestCSVFormulaInjection(t *testing.T) {
	s := newFake(t)
	names := []string{"=HYPERLINK(\"http://evil.example\",\"click\")", "+1+1", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A9)", "-5"}
	for i, name := range names {
		if _, err := s.AddUser(admintest.UserSeed{Email: fmt.Sprintf("f%d@example.com", i), Name: name}); err != nil {
			t.Fatal(err)
		}
	}
	names2cells := func(r result) map[string]bool {
		t.Helper()
		rows, err := csv.NewReader(strings.NewReader(r.stdout)).ReadAll()
		if err != nil || r.code != 0 {
			t.Fatalf("exit %d, %v:\n%s%s", r.code, err, r.stdout, r.stderr)
		}
		got := map[string]bool{}
		for _, row := range rows {
			got[row[2]] = true // name
		}
		return got
	}
	guarded := names2cells(runCLI(t, s, invocation{args: []string{"users", "list", "--all", "-o", "csv"}}))
	raw := names2cells(runCLI(t, s, invocation{args: []string{"users", "list", "--all", "-o", "csv", "--csv-formulas"}}))
	for _, name := range names {
		want := "'" + name
		if name == "-5" {
			want = name // a plain number is no formula
		}
		if !guarded[want] {
			t.Errorf("default: no cell %q", want)
		}
		if !raw[name] {
			t.Errorf("--csv-formulas: no cell %q", name)
		}
	}
	if !guarded["Ada Lovelace"] || !raw["Ada Lovelace"] {
		t.Error("ordinary names changed")
	}
}

// TestFitWidths checks how columns are narrowed to a terminal width.
func TestFitWidths(t *testing.T) {
	for _, tc := range []struct {
		natural []int
		keep    []bool
		width   int
		want    []int
	}{
		{[]int{10, 20, 30}, nil, 0, []int{10, 20, 30}},           // not a terminal
		{[]int{10, 20, 30}, nil, 64, []int{10, 20, 30}},          // fits exactly
		{[]int{10, 20, 30}, nil, 54, []int{10, 20, 20}},          // the widest gives way first
		{[]int{10, 20, 30}, nil, 44, []int{10, 15, 15}},          // then the widest ones together
		{[]int{30, 20, 30}, []bool{true}, 54, []int{30, 10, 10}}, // the ID column is kept
		{[]int{30, 20, 30}, []bool{true}, 30, []int{16, 5, 5}},   // unless nothing else is left
		{[]int{30, 20, 30}, []bool{true}, 10, []int{5, 5, 5}},    // too narrow: no column below minColumn
		{[]int{3, 40}, nil, 20, []int{3, 15}},                    // narrow columns stay
	} {
		if got := fitWidths(tc.natural, tc.keep, tc.width); fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("fitWidths(%v, %v, %d) = %v, want %v", tc.natural, tc.keep, tc.width, got, tc.want)
		}
	}
}

// TestTruncate checks cutting by display width.
func TestTruncate(t *testing.T) {
	for _, tc := range []struct {
		in    string
		width int
		want  string
	}{
		{"short", 10, "short"},
		{"exactly10!", 10, "exactly10!"},
		{"edsger.dijkstra@example.com", 10, "edsger.di…"},
		{"Zoë Ångström", 6, "Zoë Å…"},
		{"田中太郎さん", 7, "田中太…"}, // wide characters take two columns
		{"田中太郎さん", 6, "田中…"},
	} {
		got := truncate(tc.in, tc.width)
		if got != tc.want || displayWidth(got) > tc.width {
			t.Errorf("truncate(%q, %d) = %q (width %d), want %q", tc.in, tc.width, got, displayWidth(got), tc.want)
		}
	}
}

// TestTableFitsTerminal checks that on a terminal every table line fits
// its width, long cells end in an ellipsis and IDs stay whole, and that
// piped output keeps full values.
func TestTableFitsTerminal(t *testing.T) {
	s := newFake(t)
	args := []string{"users", "list", "--limit", "5"}
	piped := runCLI(t, s, invocation{args: args})
	narrow := runCLI(t, s, invocation{args: args, width: 80})
	if piped.code != 0 || narrow.code != 0 {
		t.Fatalf("exit %d and %d: %s%s", piped.code, narrow.code, piped.stderr, narrow.stderr)
	}
	if strings.Contains(piped.stdout, ellipsis) || !strings.Contains(piped.stdout, "edsger.dijkstra@example.com") {
		t.Errorf("piped output is truncated:\n%s", piped.stdout)
	}
	if !strings.Contains(narrow.stdout, ellipsis) {
		t.Errorf("nothing truncated at 80 columns:\n%s", narrow.stdout)
	}
	pipedLines := strings.Split(strings.TrimSpace(piped.stdout), "\n")
	narrowLines := strings.Split(strings.TrimSpace(narrow.stdout), "\n")
	if len(pipedLines) != len(narrowLines) {
		t.Fatalf("%d lines, want %d", len(narrowLines), len(pipedLines))
	}
	for i, line := range narrowLines {
		if w := displayWidth(line); w > 80 {
			t.Errorf("line %d is %d columns wide: %q", i, w, line)
		}
		if id := strings.Fields(pipedLines[i])[0]; !strings.HasPrefix(line, id+" ") {
			t.Errorf("line %d does not start with the whole ID %q: %q", i, id, line)
		}
	}
	// A terminal wide enough changes nothing.
	if wide := runCLI(t, s, invocation{args: args, width: 200}); wide.stdout != piped.stdout {
		t.Errorf("at 200 columns:\n%s\nwant\n%s", wide.stdout, piped.stdout)
	}
}
