package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// TestDoThroughFake reads the users and a user through Do and checks the
// bodies against what Users.List and Users.Get return, and that Do
// reaches the OAuth-only and Compliance operations with their credentials.
func TestDoThroughFake(t *testing.T) {
	srv, c := newFake(t, admintest.WithDemoData())
	ctx := context.Background()

	want, err := c.Users.List(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Do(ctx, admin.RawRequest{Method: "get", Path: "/v1/organizations/users"})
	if err != nil {
		t.Fatalf("Do: %v", err)
	}
	if resp.StatusCode != 200 || resp.Operation != admin.OpListUsers || resp.Header.Get("request-id") == "" {
		t.Errorf("status %d, operation %q, request-id %q", resp.StatusCode, resp.Operation, resp.Header.Get("request-id"))
	}
	var got admin.UserList
	if err := json.Unmarshal(resp.Body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Data) == 0 || len(got.Data) != len(want.Data) {
		t.Fatalf("Do listed %d users, List %d", len(got.Data), len(want.Data))
	}
	for i := range got.Data {
		if got.Data[i].ID != want.Data[i].ID || got.Data[i].Email != want.Data[i].Email {
			t.Errorf("user %d: Do %s %s, List %s %s", i, got.Data[i].ID, got.Data[i].Email, want.Data[i].ID, want.Data[i].Email)
		}
	}

	// The query of the path and Query are both sent.
	resp, err = c.Do(ctx, admin.RawRequest{Method: "GET", Path: "/v1/organizations/users?limit=1", Query: url.Values{"email": {want.Data[0].Email}}})
	if err != nil {
		t.Fatal(err)
	}
	got = admin.UserList{}
	if err := json.Unmarshal(resp.Body, &got); err != nil || len(got.Data) != 1 || got.Data[0].ID != want.Data[0].ID {
		t.Errorf("filtered list: %v %+v", err, got.Data)
	}

	// An OAuth-only operation goes with the OAuth token, a Compliance one
	// with the Compliance key: the fake refuses any other credential.
	before := srv.Calls(admin.OpListServiceAccounts)
	if _, err := c.Do(ctx, admin.RawRequest{Method: "GET", Path: "/v1/organizations/service_accounts"}); err != nil {
		t.Errorf("service accounts: %v", err)
	}
	if srv.Calls(admin.OpListServiceAccounts) != before+1 {
		t.Error("the fake did not count the service accounts call")
	}
	compliance := "/v1/compliance/organizations/" + srv.OrganizationID() + "/users"
	if _, err := c.Do(ctx, admin.RawRequest{Method: "GET", Path: compliance}); err != nil {
		t.Errorf("compliance users: %v", err)
	}

	// An error response is an *admin.Error like any method's.
	_, err = c.Do(ctx, admin.RawRequest{Method: "GET", Path: "/v1/organizations/users/user_nope"})
	var ae *admin.Error
	if !errors.As(err, &ae) || ae.StatusCode != 404 || !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("unknown user: %v", err)
	}
	if strings.Contains(err.Error(), srv.AdminKey()) {
		t.Error("the error shows the key")
	}

	// A create with a JSON body.
	resp, err = c.Do(ctx, admin.RawRequest{Method: "POST", Path: "/v1/organizations/workspaces", Body: []byte(`{"name":"Raw"}`)})
	if err != nil {
		t.Fatal(err)
	}
	var ws admin.Workspace
	if err := json.Unmarshal(resp.Body, &ws); err != nil || ws.Name != "Raw" || resp.Operation != admin.OpCreateWorkspace {
		t.Errorf("create workspace: %v %+v %q", err, ws, resp.Operation)
	}
}

// TestDoMissingCredential checks that an Admin-key-only client fails an
// OAuth-only path locally, sending nothing.
func TestDoMissingCredential(t *testing.T) {
	r := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, `{}`) })
	c, err := admin.NewClient(testKey, admin.WithBaseURL(r.URL))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/v1/organizations/service_accounts/sa_1", "/v1/compliance/organizations/org_1/users", "/v1/compliance/apps/chats"} {
		_, err = c.Do(context.Background(), admin.RawRequest{Method: "GET", Path: path})
		if !errors.Is(err, admin.ErrMissingCredential) {
			t.Errorf("%s: %v, want ErrMissingCredential", path, err)
		}
	}
	if n := r.calls.Load(); n != 0 {
		t.Errorf("%d requests sent", n)
	}
}

// TestDoCredentialRouting checks which credential each kind of path gets,
// the version and beta headers and the body.
func TestDoCredentialRouting(t *testing.T) {
	const token = "oauth-TESTTOKEN-not-real"
	r := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, `{"ok":true}`) })
	c, _ := newClient(t, r.URL+"/prefix", admin.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: token})))
	cases := []struct {
		method, path      string
		apiKey, bearer    string
		beta              string
		header            http.Header
		wantOp            admin.Operation
		body              string
		wantContentLength bool
	}{
		{method: "GET", path: "/v1/organizations/users/user_1", apiKey: testKey, wantOp: admin.OpGetUser},
		{method: "GET", path: "/v1/organizations/service_accounts", bearer: token, wantOp: admin.OpListServiceAccounts},
		{method: "GET", path: "/v1/compliance/organizations/org_1/users", bearer: testComplianceKey, wantOp: admin.OpListComplianceOrganizationUsers},
		// Paths no operation has: the Compliance key under /v1/compliance/, else the Admin key.
		{method: "GET", path: "/v1/compliance/new_thing", bearer: testComplianceKey},
		{method: "GET", path: "/v1/compliance/activities", bearer: testComplianceKey, wantOp: admin.OpListComplianceActivities},
		{method: "GET", path: "/v1/organizations/new_thing", apiKey: testKey},
		// The beta header of a beta operation, and one the caller sets.
		{method: "POST", path: "/v1/organizations/users/user_1/sign_out", apiKey: testKey, beta: admin.OpSignOutUser.Beta(), wantOp: admin.OpSignOutUser, body: `{}`},
		{method: "GET", path: "/v1/organizations/users", apiKey: testKey, beta: "x-test-beta", header: http.Header{"anthropic-beta": {"x-test-beta"}}, wantOp: admin.OpListUsers},
	}
	for _, tc := range cases {
		req := admin.RawRequest{Method: tc.method, Path: tc.path, Header: tc.header}
		if tc.body != "" {
			req.Body = []byte(tc.body)
		}
		resp, err := c.Do(context.Background(), req)
		if err != nil {
			t.Errorf("%s %s: %v", tc.method, tc.path, err)
			continue
		}
		if resp.Operation != tc.wantOp || string(resp.Body) != `{"ok":true}` {
			t.Errorf("%s %s: operation %q body %s", tc.method, tc.path, resp.Operation, resp.Body)
		}
		reqs := r.requests()
		got := reqs[len(reqs)-1]
		bearer := strings.TrimPrefix(got.Header.Get("Authorization"), "Bearer ")
		if got.URL.Path != "/prefix"+tc.path || got.Header.Get("X-Api-Key") != tc.apiKey || bearer != tc.bearer {
			t.Errorf("%s %s: sent to %s with x-api-key %q, bearer %q", tc.method, tc.path, got.URL.Path, got.Header.Get("X-Api-Key"), bearer)
		}
		if got.Header.Get("Anthropic-Version") != admin.DefaultAPIVersion || got.Header.Get("Anthropic-Beta") != tc.beta {
			t.Errorf("%s %s: version %q beta %q", tc.method, tc.path, got.Header.Get("Anthropic-Version"), got.Header.Get("Anthropic-Beta"))
		}
		if ct := got.Header.Get("Content-Type"); (tc.body != "") != (ct == "application/json") {
			t.Errorf("%s %s: Content-Type %q", tc.method, tc.path, ct)
		}
	}
}

// TestDoRefusesOtherHosts checks that Do never sends anything, least of
// all a key, anywhere but the base URL's host: absolute and
// scheme-relative URLs, dot segments and the client's own headers are
// refused before a request is made.
func TestDoRefusesOtherHosts(t *testing.T) {
	api := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, `{}`) })
	other := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, 200, `{}`) })
	c, _ := newClient(t, api.URL)
	otherHost := strings.TrimPrefix(other.URL, "http://")
	for _, req := range []admin.RawRequest{
		{Method: "GET", Path: other.URL + "/v1/organizations/users"},
		{Method: "GET", Path: "//" + otherHost + "/v1/organizations/users"},
		{Method: "GET", Path: "http:/v1/organizations/users"},
		{Method: "GET", Path: "v1/organizations/users"},
		{Method: "GET", Path: ""},
		{Method: "GET", Path: "/v1/../../x"},
		{Method: "GET", Path: "/v1/%2e%2e/x"},
		{Method: "GET", Path: "/v1/organizations/users#frag"},
		{Method: "GET", Path: "/v1/organizations/users", Header: http.Header{"Authorization": {"Bearer x"}}},
		{Method: "GET", Path: "/v1/organizations/users", Header: http.Header{"host": {otherHost}}},
		{Method: "GET", Path: "/v1/organizations/users", Header: http.Header{"anthropic-beta": {"a\r\nX-Api-Key: y"}}},
		{Method: "GET /x", Path: "/v1/organizations/users"},
	} {
		_, err := c.Do(context.Background(), req)
		if !errors.Is(err, admin.ErrInvalidInput) {
			t.Errorf("%q %q: %v, want ErrInvalidInput", req.Method, req.Path, err)
		}
	}
	if n, m := api.calls.Load(), other.calls.Load(); n != 0 || m != 0 {
		t.Errorf("requests sent: %d to the API, %d to the other host", n, m)
	}
}

// TestDoRetries checks that Do retries as the methods do: a GET after a
// 500, a POST matching no operation only when it was refused unprocessed
// (a 429), never after a 500; and that its body is sent again.
func TestDoRetries(t *testing.T) {
	var bodies []string
	fail := map[string]int{}
	r := newRecorder(t, func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		bodies = append(bodies, string(b))
		key := req.Method + " " + req.URL.Path
		switch {
		case fail[key] > 0 && strings.Contains(key, "limited"):
			fail[key]--
			w.Header().Set("retry-after", "0")
			writeJSON(w, 429, `{"type":"error","error":{"type":"rate_limit_error","message":"slow down"}}`)
		case fail[key] > 0:
			fail[key]--
			writeJSON(w, 500, `{"type":"error","error":{"type":"api_error","message":"boom"}}`)
		default:
			writeJSON(w, 200, `{"ok":true}`)
		}
	})
	c, _ := newClient(t, r.URL)
	ctx := context.Background()

	fail["GET /v1/organizations/users"] = 2
	if _, err := c.Do(ctx, admin.RawRequest{Method: "GET", Path: "/v1/organizations/users"}); err != nil {
		t.Errorf("GET after two 500s: %v", err)
	}
	fail["POST /v1/organizations/new_thing"] = 1
	start := r.calls.Load()
	_, err := c.Do(ctx, admin.RawRequest{Method: "POST", Path: "/v1/organizations/new_thing", Body: []byte(`{"a":1}`)})
	if !errors.Is(err, admin.ErrServer) || r.calls.Load()-start != 1 {
		t.Errorf("unknown POST after a 500: %v after %d requests, want one request", err, r.calls.Load()-start)
	}
	fail["POST /v1/organizations/limited"] = 1
	bodies = nil
	if _, err := c.Do(ctx, admin.RawRequest{Method: "POST", Path: "/v1/organizations/limited", Body: []byte(`{"a":1}`)}); err != nil {
		t.Errorf("unknown POST after a 429: %v", err)
	}
	if !slices.Equal(bodies, []string{`{"a":1}`, `{"a":1}`}) {
		t.Errorf("bodies sent: %q", bodies)
	}
}

// TestDoSizeLimit checks that a 2xx body above WithMaxResponseBytes fails.
func TestDoSizeLimit(t *testing.T) {
	r := newRecorder(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, 200, `{"data":[`+strings.Repeat(`1,`, 100)+`1]}`)
	})
	c, _ := newClient(t, r.URL, admin.WithMaxResponseBytes(64))
	_, err := c.Do(context.Background(), admin.RawRequest{Method: "GET", Path: "/v1/organizations/users"})
	if !errors.Is(err, admin.ErrUnexpectedResponse) {
		t.Errorf("large body: %v, want ErrUnexpectedResponse", err)
	}
}

// TestOperationRoute checks Route against the comments of the constants:
// every operation has a method and a path under /v1/.
func TestOperationRoute(t *testing.T) {
	for _, op := range admin.Operations() {
		method, path := op.Route()
		if method == "" || !strings.HasPrefix(path, "/v1/") {
			t.Errorf("%s: route %q %q", op, method, path)
		}
	}
	if m, p := admin.OpGetUser.Route(); m != "GET" || p != "/v1/organizations/users/{user_id}" {
		t.Errorf("getUser: %s %s", m, p)
	}
	if m, p := admin.Operation("nope").Route(); m != "" || p != "" {
		t.Errorf("unknown operation: %q %q", m, p)
	}
}
