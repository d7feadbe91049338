package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestAPIMatchesUsersList is the done-when check of the api command: it
// reaches listUsers through the fake, and its output matches the
// dedicated command's: the data of the first page equals "users list -o
// json", and --paginate prints exactly what "users list --all -o json"
// prints.
func TestAPIMatchesUsersList(t *testing.T) {
	s := newFake(t)
	page := runCLI(t, s, invocation{args: []string{"api", "GET", "/v1/organizations/users"}})
	list := runCLI(t, s, invocation{args: []string{"users", "list", "-o", "json"}})
	if page.code != 0 || list.code != 0 {
		t.Fatalf("api: %d %s; users list: %d %s", page.code, page.stderr, list.code, list.stderr)
	}
	var body struct {
		Data    []map[string]any `json:"data"`
		HasMore bool             `json:"has_more"`
	}
	var items []map[string]any
	if err := json.Unmarshal([]byte(page.stdout), &body); err != nil {
		t.Fatalf("api output: %v\n%s", err, page.stdout)
	}
	if err := json.Unmarshal([]byte(list.stdout), &items); err != nil {
		t.Fatal(err)
	}
	if len(items) == 0 || !reflect.DeepEqual(body.Data, items) {
		t.Errorf("api data differs from users list -o json:\n%v\n%v", body.Data, items)
	}
	if !body.HasMore {
		t.Error("the demo data should span pages, so that --paginate is tested")
	}

	all := runCLI(t, s, invocation{args: []string{"api", "GET", "/v1/organizations/users", "--paginate"}})
	listAll := runCLI(t, s, invocation{args: []string{"users", "list", "--all", "-o", "json"}})
	if all.code != 0 || all.stdout != listAll.stdout {
		t.Errorf("api --paginate (exit %d, %s) differs from users list --all -o json:\n%s\n---\n%s", all.code, all.stderr, all.stdout, listAll.stdout)
	}
	if n := strings.Count(all.stdout, `"id"`); n <= len(items) {
		t.Errorf("--paginate printed %d users, the first page has %d", n, len(items))
	}
}

// TestAPIFlags checks fields, input, headers and the credential of each
// kind of path through the fake, and the usage errors.
func TestAPIFlags(t *testing.T) {
	s := newFake(t)
	// A POST with fields makes a JSON body; the typed field stays a string
	// when it is not JSON.
	r := runCLI(t, s, invocation{args: []string{"api", "POST", "/v1/organizations/workspaces", "--field", "name=Raw one"}})
	if r.code != 0 || !strings.Contains(r.stdout, `"name": "Raw one"`) {
		t.Errorf("create: %d %s %s", r.code, r.stdout, r.stderr)
	}
	// --input from stdin; fields then go into the query.
	r = runCLI(t, s, invocation{args: []string{"api", "POST", "/v1/organizations/workspaces", "--input", "-"}, stdin: `{"name":"From stdin"}`})
	if r.code != 0 || !strings.Contains(r.stdout, `"From stdin"`) {
		t.Errorf("--input -: %d %s %s", r.code, r.stdout, r.stderr)
	}
	file := filepath.Join(t.TempDir(), "body.json")
	if err := os.WriteFile(file, []byte(`{"name":"From a file"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, s, invocation{args: []string{"api", "POST", "/v1/organizations/workspaces", "--input", file}})
	if r.code != 0 || !strings.Contains(r.stdout, `"From a file"`) {
		t.Errorf("--input file: %d %s %s", r.code, r.stdout, r.stderr)
	}
	// A GET's fields are its query.
	r = runCLI(t, s, invocation{args: []string{"api", "GET", "/v1/organizations/users", "-F", "limit=1"}})
	var page struct{ Data []any }
	if err := json.Unmarshal([]byte(r.stdout), &page); err != nil || len(page.Data) != 1 {
		t.Errorf("limit=1: %v %d items\n%s", err, len(page.Data), r.stderr)
	}
	// The OAuth-only and Compliance paths get their credentials.
	before := s.Calls(admin.OpListServiceAccounts)
	r = runCLI(t, s, invocation{args: []string{"api", "GET", "/v1/organizations/service_accounts", "--paginate"}})
	if r.code != 0 || s.Calls(admin.OpListServiceAccounts) == before {
		t.Errorf("service accounts: %d %s", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"api", "GET", "/v1/compliance/organizations/" + s.OrganizationID() + "/users", "--paginate"}})
	if r.code != 0 || !strings.HasPrefix(r.stdout, "[") {
		t.Errorf("compliance users: %d %s", r.code, r.stderr)
	}
	// An API error is reported like any command's, exit 1.
	r = runCLI(t, s, invocation{args: []string{"api", "GET", "/v1/organizations/users/user_nope"}})
	if r.code != 1 || !strings.Contains(r.stderr, "404 not_found_error") || !strings.Contains(r.stderr, "request-id") {
		t.Errorf("unknown user: %d %q", r.code, r.stderr)
	}

	for _, args := range [][]string{
		{"api", "GET", "https://evil.example/v1/organizations/users"},
		{"api", "GET", "//evil.example/v1/organizations/users"},
		{"api", "GET", "/v1/../x"},
		{"api", "GET", "/v1/organizations/users", "-H", "Authorization: Bearer x"},
		{"api", "GET", "/v1/organizations/users", "-H", "nocolon"},
		{"api", "POST", "/v1/organizations/workspaces", "--field", "novalue"},
		{"api", "POST", "/v1/organizations/workspaces", "--input", "-"},
		{"api", "GET"},
		{"api", "GET", "/v1/organizations/users", "--columns", "email"},
	} {
		r := runCLI(t, s, invocation{args: args, stdin: "not json"})
		if r.code != 2 || !strings.Contains(r.stderr, "Usage:") {
			t.Errorf("%q: exit %d, want a usage error\n%s", args, r.code, r.stderr)
		}
	}
	// A missing credential: exit 2 naming the variables; nothing sent.
	r = runCLI(t, s, invocation{args: []string{"api", "GET", "/v1/organizations/service_accounts"}, env: map[string]string{envOAuthToken: ""}})
	if r.code != 2 || !strings.Contains(r.stderr, envOAuthToken) {
		t.Errorf("no token: %d %q", r.code, r.stderr)
	}
}

// TestAPIPaginatePageTokens checks --paginate over next_page tokens and
// the beta header, against a server that records what it gets.
func TestAPIPaginatePageTokens(t *testing.T) {
	var calls atomic.Int64
	var gotKey, gotBeta atomic.Value
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		gotKey.Store(r.Header.Get("X-Api-Key"))
		gotBeta.Store(r.Header.Get("Anthropic-Beta"))
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Query().Get("page") {
		case "":
			w.Write([]byte(`{"data":[{"n":1},{"n":2}],"has_more":true,"next_page":"p2"}`))
		case "p2":
			w.Write([]byte(`{"data":[{"n":3}],"has_more":false,"next_page":null}`))
		default:
			w.WriteHeader(400)
		}
	}))
	defer srv.Close()
	r := runCLI(t, nil, invocation{args: []string{"api", "GET", "/v1/organizations/some_report", "--paginate", "-H", "anthropic-beta: x-test", "--jq", ".[].n"},
		env: map[string]string{envBaseURL: srv.URL}})
	if r.code != 0 || r.stdout != "1\n2\n3\n" || calls.Load() != 2 {
		t.Errorf("exit %d after %d calls: %q %s", r.code, calls.Load(), r.stdout, r.stderr)
	}
	if gotKey.Load() != testKey || gotBeta.Load() != "x-test" {
		t.Errorf("key sent %v, beta %v", gotKey.Load() == testKey, gotBeta.Load())
	}
}
