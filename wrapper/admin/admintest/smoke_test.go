package admintest

import (
	"io"
	"net/http"
	"testing"
)

func TestSmoke(t *testing.T) {
	s := NewServer(WithDemoData())
	defer s.Close()
	for _, p := range []string{"/v1/organizations/me", "/v1/organizations/users?limit=3", "/v1/organizations/workspaces?include_default=true",
		"/v1/organizations/api_keys?limit=2", "/v1/organizations/invites", "/v1/organizations/rate_limits",
		"/v1/organizations/usage_report/messages?starting_at=2026-11-20T00:00:00Z&limit=2&group_by[]=model",
		"/v1/organizations/cost_report?starting_at=2026-11-20T00:00:00Z&limit=2&group_by[]=description",
		"/v1/organizations/users?limit=5000", "/v1/organizations/users/nope", "/v1/nope", "/v1/organizations/users/a%2Fb", "/v1/organizations/users/.."} {
		req, _ := http.NewRequest("GET", s.URL+p, nil)
		req.Header.Set("x-api-key", s.AdminKey())
		req.Header.Set("anthropic-version", "2023-06-01")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if len(b) > 600 {
			b = b[:600]
		}
		t.Logf("%s -> %d %s %s", p, resp.StatusCode, resp.Header.Get("request-id"), b)
	}
	if v := takeViolations(); len(v) > 0 {
		t.Errorf("violations: %v", v)
	}
}
