package main

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// hostileYAMLName tries to end a YAML scalar and add a key, a list item
// and a document, and to reach the terminal with ESC, C1 and bidi
// controls.
const hostileYAMLName = "x\"\nrole: owner\n- injected: 1\n---\n\x1b[2J \u009b2J \u202eevil\u202c\u2028 'q' : # c"

// decodeJSON decodes s, failing the test when it is not JSON.
func decodeJSON(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, s)
	}
	return v
}

// TestYAMLAndJSONLinesMatchJSON checks that -o yaml and -o jsonl carry
// exactly the values of -o json, for a list and an object, also with a
// hostile name; that YAML output holds no raw control character; and
// that the name cannot change the structure.
func TestYAMLAndJSONLinesMatchJSON(t *testing.T) {
	s := newFake(t)
	u, err := s.AddUser(admintest.UserSeed{Email: "yaml@example.com", Name: hostileYAMLName, AddedAt: testNow.Add(-time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"users", "list", "--all"}, {"users", "get", u.ID}, {"org", "show"}, {"workspaces", "list"}} {
		js := runCLI(t, s, invocation{args: append(args, "-o", "json")})
		ya := runCLI(t, s, invocation{args: append(args, "-o", "yaml")})
		jl := runCLI(t, s, invocation{args: append(args, "-o", "jsonl")})
		if js.code != 0 || ya.code != 0 || jl.code != 0 {
			t.Fatalf("%v: exits %d %d %d: %s %s", args, js.code, ya.code, jl.code, ya.stderr, jl.stderr)
		}
		want := decodeJSON(t, js.stdout)
		var got any
		if err := yaml.Unmarshal([]byte(ya.stdout), &got); err != nil {
			t.Fatalf("%v: -o yaml is not YAML: %v\n%s", args, err, ya.stdout)
		}
		if !reflect.DeepEqual(normalise(got), normalise(want)) {
			t.Errorf("%v: -o yaml differs from -o json:\n%s\n---\n%s", args, ya.stdout, js.stdout)
		}
		if strings.ContainsAny(ya.stdout, "\x1b\u009b\u202e\u202c\u2028") {
			t.Errorf("%v: raw control characters in YAML:\n%q", args, ya.stdout)
		}
		lines := strings.Split(strings.TrimSuffix(jl.stdout, "\n"), "\n")
		var jsonl []any
		for _, l := range lines {
			jsonl = append(jsonl, decodeJSON(t, l))
		}
		if list, ok := want.([]any); ok {
			if !reflect.DeepEqual(jsonl, list) {
				t.Errorf("%v: -o jsonl differs from -o json", args)
			}
		} else if len(jsonl) != 1 || !reflect.DeepEqual(jsonl[0], want) {
			t.Errorf("%v: -o jsonl of one object: %s", args, jl.stdout)
		}
	}
	// An empty list is an empty YAML sequence.
	r := runCLI(t, s, invocation{args: []string{"users", "list", "--email", "nobody@example.com", "-o", "yaml"}})
	if r.code != 0 || r.stdout != "[]\n" {
		t.Errorf("empty list: %d %q", r.code, r.stdout)
	}
}

// normalise turns the map[string]any and numbers of YAML and JSON into
// one form.
func normalise(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := map[string]any{}
		for k, x := range v {
			out[k] = normalise(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = normalise(x)
		}
		return out
	case int:
		return float64(v)
	case uint64:
		return float64(v)
	}
	return v
}

// TestJQ checks --jq: results as JSON lines over what -o json prints,
// escaped like it; a bad expression is a usage error before anything is
// sent; an error while evaluating is exit 1.
func TestJQ(t *testing.T) {
	s := newFake(t)
	if _, err := s.AddUser(admintest.UserSeed{Email: "jq@example.com", Name: "evil\x1b[2J\u202e", AddedAt: testNow.Add(-time.Hour)}); err != nil {
		t.Fatal(err)
	}
	js := runCLI(t, s, invocation{args: []string{"users", "list", "--all", "-o", "json"}})
	var users []admin.User
	if err := json.Unmarshal([]byte(js.stdout), &users); err != nil {
		t.Fatal(err)
	}
	r := runCLI(t, s, invocation{args: []string{"users", "list", "--all", "--jq", ".[].email"}})
	var want strings.Builder
	for _, u := range users {
		want.WriteString(`"` + u.Email + `"` + "\n")
	}
	if r.code != 0 || r.stdout != want.String() {
		t.Errorf("--jq .[].email: %d\n%s\nwant\n%s%s", r.code, r.stdout, want.String(), r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"users", "list", "--all", "--jq", `.[] | select(.email == "jq@example.com") | .name`}})
	if r.code != 0 || r.stdout != `"evil\u001b[2J\u202e"`+"\n" {
		t.Errorf("--jq of a hostile name: %d %q", r.code, r.stdout)
	}
	r = runCLI(t, s, invocation{args: []string{"org", "show", "--jq", "{name, n: (.name | length)}"}})
	if r.code != 0 || r.stdout != `{"n":29,"name":"Fake Organization (admintest)"}`+"\n" {
		t.Errorf("--jq over an object: %d %q %s", r.code, r.stdout, r.stderr)
	}

	before := s.Calls(admin.OpListUsers)
	r = runCLI(t, s, invocation{args: []string{"users", "list", "--jq", ".[] | "}})
	if r.code != 2 || !strings.Contains(r.stderr, "--jq") || s.Calls(admin.OpListUsers) != before {
		t.Errorf("bad expression: %d %q, %d calls", r.code, r.stderr, s.Calls(admin.OpListUsers)-before)
	}
	// .email over a list is a mistake the error explains; over an object
	// the same error has no such hint.
	r = runCLI(t, s, invocation{args: []string{"users", "list", "--jq", ".email"}})
	if r.code != 1 || !strings.Contains(r.stderr, "expected an object but got: array") || !strings.Contains(r.stderr, "start with .[]") {
		t.Errorf(".email over a list: %d %q", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"org", "show", "--jq", ".name.x"}})
	if r.code != 1 || !strings.Contains(r.stderr, "expected an object") || strings.Contains(r.stderr, "start with .[]") {
		t.Errorf(".name.x over an object: %d %q", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"org", "show", "--jq", `error("boom\u001b[2J")`}})
	if r.code != 1 || !strings.Contains(r.stderr, "boom") || strings.Contains(r.stderr, "\x1b") {
		t.Errorf("evaluation error: %d %q", r.code, r.stderr)
	}
}

// TestColumns checks --columns: the chosen columns in the given order,
// case-insensitively, in tables and CSV; an unknown name lists the
// columns there are and sends nothing.
func TestColumns(t *testing.T) {
	s := newFake(t)
	r := runCLI(t, s, invocation{args: []string{"users", "list", "--limit", "2", "--columns", "ROLE,email", "-o", "csv"}})
	lines := strings.Split(strings.TrimSpace(r.stdout), "\n")
	if r.code != 0 || len(lines) != 3 || lines[0] != "role,email" || !strings.HasSuffix(lines[1], "@example.com") {
		t.Errorf("csv: %d %q", r.code, r.stdout)
	}
	r = runCLI(t, s, invocation{args: []string{"users", "list", "--limit", "2", "--columns", "email"}})
	if r.code != 0 || !strings.HasPrefix(r.stdout, "EMAIL\n") || strings.Contains(r.stdout, "user_") {
		t.Errorf("table: %d %q", r.code, r.stdout)
	}
	r = runCLI(t, s, invocation{args: []string{"org", "show", "--columns", "name"}})
	if r.code != 0 || !strings.HasPrefix(r.stdout, "NAME\nFake Organization") {
		t.Errorf("object: %d %q", r.code, r.stdout)
	}
	before := s.Calls(admin.OpListUsers)
	r = runCLI(t, s, invocation{args: []string{"users", "list", "--columns", "email,nope"}})
	if r.code != 2 || !strings.Contains(r.stderr, `no column "nope"; the columns are id,email,name,role,added_at`) || s.Calls(admin.OpListUsers) != before {
		t.Errorf("unknown column: %d %q", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"users", "list", "--columns", "email", "-o", "json"}})
	if r.code != 2 || s.Calls(admin.OpListUsers) != before {
		t.Errorf("--columns with json: %d %q", r.code, r.stderr)
	}
}
