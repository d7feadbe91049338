package admintest

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// snapshot captures everything a request could change.
func (s *Server) snapshot() string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	type ws struct {
		W         gen.Workspace
		Members   []string
		Overrides map[string]map[string]int64
	}
	var out struct {
		Users      []gen.User
		Emails     map[string]string
		Invites    []gen.Invite
		Workspaces []ws
		Names      map[string]string
		Keys       []gen.APIKey
		RateLimits []gen.RateLimit
		Usage      int
		Costs      int
	}
	s.st.users.all(func(_ string, u *user) bool { out.Users = append(out.Users, u.User); return true })
	s.st.invites.all(func(_ string, i *invite) bool { out.Invites = append(out.Invites, i.Invite); return true })
	s.st.workspaces.all(func(_ string, w *workspace) bool {
		x := ws{W: w.Workspace, Overrides: w.overrides}
		w.members.all(func(id string, m *member) bool { x.Members = append(x.Members, id+":"+string(m.role)); return true })
		out.Workspaces = append(out.Workspaces, x)
		return true
	})
	s.st.apiKeys.all(func(_ string, k *apiKey) bool { out.Keys = append(out.Keys, k.APIKey); return true })
	s.st.rateLimits.all(func(_ string, r *rateLimit) bool { out.RateLimits = append(out.RateLimits, r.RateLimit); return true })
	out.Emails, out.Names, out.Usage, out.Costs = s.st.emails, s.st.workspaceNames, len(s.st.usage), len(s.st.costs)
	b, err := json.MarshalIndent(out, "", " ")
	if err != nil {
		panic(err)
	}
	return string(b)
}

func TestMalformedRequests(t *testing.T) {
	f := newFake(t, WithDemoData())
	users := ok[gen.UserList](f, "GET", "/v1/organizations/users?roles[]=developer", nil).Data
	ws := ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces", nil).Data
	keys := ok[gen.APIKeyList](f, "GET", "/v1/organizations/api_keys", nil).Data
	rls := ok[gen.RateLimitList](f, "GET", "/v1/organizations/rate_limits", nil).Data
	invites := ok[gen.InviteList](f, "GET", "/v1/organizations/invites?statuses[]=pending", nil).Data
	u, w, k, rl, inv := users[0].ID, ws[0].ID, keys[0].ID, rls[0].ID, invites[0].ID
	members := "/v1/organizations/workspaces/" + w + "/members"
	compliance := http.Header{}
	compliance.Set("Authorization", "Bearer "+f.ComplianceKey())
	compliance.Set("anthropic-version", APIVersion)
	huge := `{"email":"big@example.com","role":"user","rbac_group_ids":["` + strings.Repeat("x", 2<<20) + `"]}`

	cases := []struct {
		name, method, path string
		body               any
		contentType        string
		h                  http.Header
		status             int
		errType            string
		mention            string // the message must contain this
	}{
		{"truncated JSON", "POST", "/v1/organizations/invites", `{"email":`, "", nil, 400, errInvalidRequest, "JSON"},
		{"trailing garbage", "POST", "/v1/organizations/users/" + u, `{"role":"user"} xyz`, "", nil, 400, errInvalidRequest, "JSON"},
		{"repeated limit", "GET", "/v1/organizations/users?limit=2&limit=3", nil, "", nil, 400, errInvalidRequest, "limit"},
		{"empty roles[] value", "GET", "/v1/organizations/users?roles[]=", nil, "", nil, 400, errInvalidRequest, "roles[]"},
		{"fractional limit", "GET", "/v1/organizations/users?limit=1.5", nil, "", nil, 400, errInvalidRequest, "limit"},
		{"JSON array body", "POST", "/v1/organizations/invites", `[1,2]`, "", nil, 400, errInvalidRequest, "body"},
		{"wrong type email", "POST", "/v1/organizations/invites", `{"email":5,"role":"user"}`, "", nil, 400, errInvalidRequest, "email"},
		{"missing email", "POST", "/v1/organizations/invites", `{"role":"user"}`, "", nil, 400, errInvalidRequest, "email"},
		{"unassignable role", "POST", "/v1/organizations/invites", `{"email":"x@example.com","role":"admin"}`, "", nil, 400, errInvalidRequest, "role"},
		{"null role", "POST", "/v1/organizations/invites", `{"email":"x@example.com","role":null}`, "", nil, 400, errInvalidRequest, "role"},
		{"rbac_group_ids not an array", "POST", "/v1/organizations/invites", `{"email":"x@example.com","role":"user","rbac_group_ids":"g"}`, "", nil, 400, errInvalidRequest, "rbac_group_ids"},
		{"oversized body", "POST", "/v1/organizations/invites", huge, "", nil, 413, errRequestTooLarge, "larger"},
		{"wrong content type", "POST", "/v1/organizations/invites", `{"email":"x@example.com","role":"user"}`, "text/plain", nil, 400, errInvalidRequest, "Content-Type"},
		{"empty body on update", "POST", "/v1/organizations/users/" + u, ``, "", nil, 400, errInvalidRequest, "body"},
		{"unknown user role", "POST", "/v1/organizations/users/" + u, `{"role":"emperor"}`, "", nil, 400, errInvalidRequest, "role"},
		{"limit zero", "GET", "/v1/organizations/users?limit=0", nil, "", nil, 400, errInvalidRequest, "limit"},
		{"limit too big", "GET", "/v1/organizations/users?limit=1001", nil, "", nil, 400, errInvalidRequest, "limit"},
		{"limit not a number", "GET", "/v1/organizations/invites?limit=ten", nil, "", nil, 400, errInvalidRequest, "limit"},
		{"limit negative", "GET", "/v1/organizations/api_keys?limit=-1", nil, "", nil, 400, errInvalidRequest, "limit"},
		{"before and after", "GET", "/v1/organizations/users?before_id=" + u + "&after_id=" + u, nil, "", nil, 400, errInvalidRequest, "before_id"},
		{"invite status deleted", "GET", "/v1/organizations/invites?statuses[]=deleted", nil, "", nil, 400, errInvalidRequest, "statuses[]"},
		{"unknown key status", "GET", "/v1/organizations/api_keys?status=revoked", nil, "", nil, 400, errInvalidRequest, "status"},
		{"include_archived not bool", "GET", "/v1/organizations/workspaces?include_archived=maybe", nil, "", nil, 400, errInvalidRequest, "include_archived"},
		{"usage without starting_at", "GET", "/v1/organizations/usage_report/messages", nil, "", nil, 400, errInvalidRequest, "starting_at"},
		{"usage bad starting_at", "GET", "/v1/organizations/usage_report/messages?starting_at=yesterday", nil, "", nil, 400, errInvalidRequest, "starting_at"},
		{"usage unknown width", "GET", "/v1/organizations/usage_report/messages?starting_at=2026-03-01T00:00:00Z&bucket_width=1w", nil, "", nil, 400, errInvalidRequest, "bucket_width"},
		{"usage unknown group_by", "GET", "/v1/organizations/usage_report/messages?starting_at=2026-03-01T00:00:00Z&group_by[]=colour", nil, "", nil, 400, errInvalidRequest, "group_by[]"},
		{"usage unknown tier", "GET", "/v1/organizations/usage_report/messages?starting_at=2026-03-01T00:00:00Z&service_tiers[]=gold", nil, "", nil, 400, errInvalidRequest, "service_tiers[]"},
		{"usage hourly limit", "GET", "/v1/organizations/usage_report/messages?starting_at=2026-03-01T00:00:00Z&bucket_width=1h&limit=169", nil, "", nil, 400, errInvalidRequest, "limit"},
		{"cost limit", "GET", "/v1/organizations/cost_report?starting_at=2026-03-01T00:00:00Z&limit=32", nil, "", nil, 400, errInvalidRequest, "limit"},
		{"claude code bad date", "GET", "/v1/organizations/usage_report/claude_code?starting_at=2026-13-45", nil, "", nil, 400, errInvalidRequest, "starting_at"},
		{"compliance limit zero", "GET", "/v1/compliance/organizations/" + f.OrganizationID() + "/users?limit=0", nil, "", compliance, 400, errInvalidRequest, "limit"},
		{"rate limits bad page", "GET", "/v1/organizations/rate_limits?page=nope", nil, "", nil, 400, errInvalidRequest, "page"},
		{"rate limits unknown group type", "GET", "/v1/organizations/rate_limits?group_type=gpu", nil, "", nil, 400, errInvalidRequest, "group_type"},
		{"workspace name too long", "POST", "/v1/organizations/workspaces", `{"name":"` + strings.Repeat("n", 256) + `"}`, "", nil, 400, errInvalidRequest, "name"},
		{"workspace empty name", "POST", "/v1/organizations/workspaces", `{"name":""}`, "", nil, 400, errInvalidRequest, "name"},
		{"workspace bad colour", "POST", "/v1/organizations/workspaces", `{"name":"Colour","display_color":"red"}`, "", nil, 400, errInvalidRequest, "display_color"},
		{"workspace tag not a string", "POST", "/v1/organizations/workspaces", `{"name":"Tags","tags":{"a":1}}`, "", nil, 400, errInvalidRequest, "tags"},
		{"workspace bad geos", "POST", "/v1/organizations/workspaces", `{"name":"Geo","data_residency":{"allowed_inference_geos":"everywhere"}}`, "", nil, 400, errInvalidRequest, "allowed_inference_geos"},
		// Nullable references are allOf wrappers; messages name the field inside.
		{"workspace unknown default geo", "POST", "/v1/organizations/workspaces", `{"name":"Geo","data_residency":{"default_inference_geo":"mars"}}`, "", nil, 400, errInvalidRequest, "data_residency.default_inference_geo: value is not one of the allowed values"},
		{"workspace update unknown geo", "POST", "/v1/organizations/workspaces/" + w, `{"data_residency":{"allowed_inference_geos":["mars"]}}`, "", nil, 400, errInvalidRequest, "data_residency.allowed_inference_geos"},
		{"member billing on add", "POST", members, `{"user_id":"` + u + `","workspace_role":"workspace_billing"}`, "", nil, 400, errInvalidRequest, "workspace_role"},
		{"member empty user_id", "POST", members, `{"user_id":"","workspace_role":"workspace_user"}`, "", nil, 400, errInvalidRequest, "user_id"},
		{"member unknown role", "POST", members + "/" + u, `{"workspace_role":"workspace_owner"}`, "", nil, 400, errInvalidRequest, "workspace_role"},
		{"key status expired", "POST", "/v1/organizations/api_keys/" + k, `{"status":"expired"}`, "", nil, 400, errInvalidRequest, "status: value is not one of the allowed values"},
		{"key empty name", "POST", "/v1/organizations/api_keys/" + k, `{"name":""}`, "", nil, 400, errInvalidRequest, "name"},
		{"rate limit no changes", "POST", "/v1/organizations/workspaces/" + w + "/rate_limits/" + rl, `{"limits":[]}`, "", nil, 400, errInvalidRequest, "limits"},
		{"rate limit unknown limiter", "POST", "/v1/organizations/workspaces/" + w + "/rate_limits/" + rl, `{"limits":[{"type":"requests_per_fortnight","value":1}]}`, "", nil, 400, errInvalidRequest, "type"},
		{"rate limit negative", "POST", "/v1/organizations/workspaces/" + w + "/rate_limits/" + rl, `{"limits":[{"type":"requests_per_minute","value":-5}]}`, "", nil, 400, errInvalidRequest, "value"},
		{"rate limit missing value", "POST", "/v1/organizations/workspaces/" + w + "/rate_limits/" + rl, `{"limits":[{"type":"requests_per_minute"}]}`, "", nil, 400, errInvalidRequest, "value"},
		{"ID with encoded slash", "DELETE", "/v1/organizations/users/" + u + "%2Fx", nil, "", nil, 404, errNotFound, "not found"},
		{"ID with encoded dot-dot", "DELETE", "/v1/organizations/users/" + u + "%2F..", nil, "", nil, 404, errNotFound, "not found"},
		{"ID that is dot-dot", "DELETE", "/v1/organizations/invites/%2e%2e", nil, "", nil, 404, errNotFound, "not found"},
		{"dot-dot segment", "POST", "/v1/organizations/workspaces/" + w + "/../" + w + "/archive", nil, "", nil, 404, errNotFound, "not found"},
		{"invite ID with slash", "DELETE", "/v1/organizations/invites/" + inv + "/x", nil, "", nil, 404, errNotFound, "not found"},
		{"trailing slash", "DELETE", "/v1/organizations/invites/" + inv + "/", nil, "", nil, 404, errNotFound, "not found"},
		{"double slash", "DELETE", "/v1/organizations//invites/" + inv, nil, "", nil, 404, errNotFound, "not found"},
	}
	if len(cases) < 30 {
		t.Fatalf("only %d cases", len(cases))
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := f.snapshot()
			h := c.h
			if h == nil {
				h = f.adminHeaders()
			}
			h = h.Clone()
			if c.contentType != "" {
				h.Set("Content-Type", c.contentType)
			}
			var body any
			if c.body != nil {
				body = c.body
			}
			r := f.doWith(c.method, c.path, body, h)
			e := r.err()
			if r.status != c.status || e.Error.Type != c.errType {
				t.Fatalf("got %d %s, want %d %s: %.300s", r.status, e.Error.Type, c.status, c.errType, r.body)
			}
			if !strings.Contains(e.Error.Message, c.mention) {
				t.Errorf("message %q does not mention %q", e.Error.Message, c.mention)
			}
			if diff := cmp.Diff(before, f.snapshot()); diff != "" {
				t.Errorf("state changed (-before +after):\n%s", diff)
			}
		})
	}
}
