package admintest

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/getkin/kin-openapi/routers"
)

// TestResponseValidation checks the checker that TestMain relies on: it
// sees every routed response, and it rejects responses that break the
// spec.
func TestResponseValidation(t *testing.T) {
	var seen []int
	f := newFake(t, func(c *config) {
		c.check = func(r *http.Request, rt *routers.Route, pp map[string]string, status int, h http.Header, body []byte) {
			seen = append(seen, status)
			testResponseCheck(r, rt, pp, status, h, body)
		}
	})
	f.do("GET", "/v1/organizations/me", nil)
	f.do("GET", "/v1/organizations/users/user_01nope", nil)
	f.do("GET", "/v1/organizations/users?limit=0", nil)
	if len(seen) != 3 || seen[0] != 200 || seen[1] != 404 || seen[2] != 400 {
		t.Errorf("checked statuses %v, want [200 404 400]", seen)
	}

	rt := operationIDs()["getuser"]
	req := httptest.NewRequest("GET", "/v1/organizations/users/user_x", nil)
	pp := map[string]string{"user_id": "user_x"}
	good := http.Header{"Content-Type": {"application/json"}, "Request-Id": {"req_01ABCDEFGHJKLMNPQRSTUVWXYZ"}}
	for _, c := range []struct {
		name   string
		status int
		header http.Header
		body   string
		valid  bool
	}{
		{"valid user", 200, good, `{"id":"user_x","type":"user","email":"a@example.com","name":"A","role":"user","added_at":"2026-01-01T00:00:00Z"}`, true},
		{"missing field", 200, good, `{"id":"user_x","type":"user","email":"a@example.com","role":"user","added_at":"2026-01-01T00:00:00Z"}`, false},
		{"unknown role", 200, good, `{"id":"user_x","type":"user","email":"a@example.com","name":"A","role":"king","added_at":"2026-01-01T00:00:00Z"}`, false},
		{"undeclared status", 418, good, `{}`, false},
		{"error without envelope", 404, good, `{"message":"nope"}`, false},
		{"request_id differs", 404, good, `{"type":"error","error":{"type":"not_found_error","message":"x"},"request_id":"req_01other"}`, false},
		{"no request-id header", 200, http.Header{"Content-Type": {"application/json"}}, `{"id":"user_x","type":"user","email":"a@example.com","name":"A","role":"user","added_at":"2026-01-01T00:00:00Z"}`, false},
	} {
		err := validateResponse(req, rt.kin, pp, c.status, c.header, []byte(c.body))
		if (err == nil) != c.valid {
			t.Errorf("%s: validation error %v, want valid=%v", c.name, err, c.valid)
		}
	}
}
