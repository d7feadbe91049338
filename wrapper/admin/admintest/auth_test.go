package admintest

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestAuthenticationAndRouting(t *testing.T) {
	f := newFake(t)
	compliancePath := "/v1/compliance/organizations/" + f.OrganizationID() + "/users"
	hdr := func(kv ...string) http.Header {
		h := http.Header{}
		for i := 0; i < len(kv); i += 2 {
			h.Set(kv[i], kv[i+1])
		}
		return h
	}
	cases := []struct {
		name, method, path string
		h                  http.Header
		status             int
		errType            string
	}{
		{"admin ok", "GET", "/v1/organizations/me", hdr("x-api-key", f.AdminKey(), "anthropic-version", APIVersion), 200, ""},
		{"no key", "GET", "/v1/organizations/me", hdr("anthropic-version", APIVersion), 401, errAuthentication},
		{"wrong key", "GET", "/v1/organizations/me", hdr("x-api-key", "sk-ant-admin01-wrong", "anthropic-version", APIVersion), 401, errAuthentication},
		{"compliance key as x-api-key", "GET", "/v1/organizations/users", hdr("x-api-key", f.ComplianceKey(), "anthropic-version", APIVersion), 403, errPermission},
		{"compliance key as bearer on admin path", "GET", "/v1/organizations/users", hdr("Authorization", "Bearer "+f.ComplianceKey(), "anthropic-version", APIVersion), 403, errPermission},
		{"no version", "GET", "/v1/organizations/me", hdr("x-api-key", f.AdminKey()), 400, errInvalidRequest},
		{"bad version", "GET", "/v1/organizations/me", hdr("x-api-key", f.AdminKey(), "anthropic-version", "2020-01-01"), 400, errInvalidRequest},
		{"compliance ok", "GET", compliancePath, hdr("Authorization", "Bearer "+f.ComplianceKey(), "anthropic-version", APIVersion), 200, ""},
		// RFC 7235 section 2.1: the scheme is case-insensitive, and one or
		// more spaces separate it from the token.
		{"compliance lower-case scheme", "GET", compliancePath, hdr("Authorization", "bearer "+f.ComplianceKey(), "anthropic-version", APIVersion), 200, ""},
		{"compliance upper-case scheme", "GET", compliancePath, hdr("Authorization", "BEARER "+f.ComplianceKey(), "anthropic-version", APIVersion), 200, ""},
		{"compliance two spaces", "GET", compliancePath, hdr("Authorization", "Bearer  "+f.ComplianceKey(), "anthropic-version", APIVersion), 200, ""},
		{"compliance scheme only", "GET", compliancePath, hdr("Authorization", "Bearer", "anthropic-version", APIVersion), 401, errAuthentication},
		{"compliance other scheme", "GET", compliancePath, hdr("Authorization", "Basic "+f.ComplianceKey(), "anthropic-version", APIVersion), 401, errAuthentication},
		{"compliance scheme prefix", "GET", compliancePath, hdr("Authorization", "Bearerx "+f.ComplianceKey(), "anthropic-version", APIVersion), 401, errAuthentication},
		{"compliance key without scheme", "GET", compliancePath, hdr("Authorization", f.ComplianceKey(), "anthropic-version", APIVersion), 401, errAuthentication},
		{"admin key on compliance", "GET", compliancePath, hdr("x-api-key", f.AdminKey(), "anthropic-version", APIVersion), 403, errPermission},
		{"admin key as bearer on compliance", "GET", compliancePath, hdr("Authorization", "Bearer "+f.AdminKey(), "anthropic-version", APIVersion), 403, errPermission},
		// Each operation accepts the credentials its security schemes name.
		{"compliance key as x-api-key on compliance", "GET", compliancePath, hdr("x-api-key", f.ComplianceKey(), "anthropic-version", APIVersion), 200, ""},
		{"admin key as bearer under 2026-10-21", "GET", "/v1/organizations/me", hdr("Authorization", "Bearer "+f.AdminKey(), "anthropic-version", APIVersion20261021), 200, ""},
		{"admin key as bearer under 2023-06-01", "GET", "/v1/organizations/me", hdr("Authorization", "Bearer "+f.AdminKey(), "anthropic-version", APIVersion), 401, errAuthentication},
		{"x-api-key under 2026-10-21", "GET", "/v1/organizations/me", hdr("x-api-key", f.AdminKey(), "anthropic-version", APIVersion20261021), 200, ""},
		{"oauth token where only keys go", "GET", "/v1/organizations/me", hdr("Authorization", "Bearer "+f.IssueOAuthToken(time.Hour), "anthropic-version", APIVersion), 403, errPermission},
		{"expired oauth token", "GET", "/v1/organizations/me", hdr("Authorization", "Bearer "+f.IssueOAuthToken(-time.Second), "anthropic-version", APIVersion), 401, errAuthentication},
		{"compliance unknown org", "GET", "/v1/compliance/organizations/nope/users", hdr("Authorization", "Bearer "+f.ComplianceKey(), "anthropic-version", APIVersion), 404, errNotFound},
		{"unknown route", "GET", "/v1/organizations/nothing", f.adminHeaders(), 404, errNotFound},
		{"unknown route outside v1", "GET", "/", f.adminHeaders(), 404, errNotFound},
		{"wrong method", "PUT", "/v1/organizations/users", f.adminHeaders(), 405, errInvalidRequest},
		{"wrong method on item", "PATCH", "/v1/organizations/users/user_x", f.adminHeaders(), 405, errInvalidRequest},
		{"unknown user", "GET", "/v1/organizations/users/user_01doesnotexist", f.adminHeaders(), 404, errNotFound},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r := f.doWith(c.method, c.path, nil, c.h)
			if r.status != c.status {
				t.Fatalf("status %d, want %d: %s", r.status, c.status, r.body)
			}
			id := r.header.Get("request-id")
			if !strings.HasPrefix(id, "req_01") || len(id) != len("req_01")+24 {
				t.Errorf("request-id %q is not a req_01 ID with 24 characters", id)
			}
			if c.errType == "" {
				return
			}
			e := r.err()
			if e.Type != "error" || e.Error.Type != c.errType || e.Error.Message == "" || e.RequestID != id {
				t.Errorf("envelope %+v, want type %s and request_id %s", e, c.errType, id)
			}
		})
	}
	if got := f.do("PUT", "/v1/organizations/users", nil).header.Get("Allow"); got != "GET" {
		t.Errorf("Allow = %q, want GET", got)
	}
}

func TestMissingVersionNamesTheHeader(t *testing.T) {
	f := newFake(t)
	h := f.adminHeaders()
	h.Del("anthropic-version")
	r := f.doWith("GET", "/v1/organizations/users", nil, h)
	if !strings.Contains(r.err().Error.Message, "anthropic-version") {
		t.Errorf("message %q does not name anthropic-version", r.err().Error.Message)
	}
}
