package admintest

import (
	"net/http"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// TestDocumentedDifferences pins the leniencies that the package
// documentation lists among the deliberate differences: requests the real
// service may refuse but the fake accepts. If the fake starts refusing one
// of them, the documentation has to change with it.
func TestDocumentedDifferences(t *testing.T) {
	f := newFake(t)
	for _, c := range []struct {
		name, path string
		body       any
	}{
		{"unknown user profile", "/v1/organizations/workspaces", map[string]any{"name": "Profiled", "user_profile_id": "uprof_01doesnotexist"}},
		{"undeclared body field", "/v1/organizations/workspaces", map[string]any{"name": "Extra", "no_such_field": 1}},
		{"Enterprise role and RBAC groups", "/v1/organizations/invites", map[string]any{"email": "m@example.com", "role": "managed", "rbac_group_ids": []string{"rbacgrp_01x"}}},
		{"Console role", "/v1/organizations/invites", map[string]any{"email": "c@example.org", "role": "claude_code_user"}},
	} {
		if r := f.do("POST", c.path, c.body); r.status != http.StatusOK {
			t.Errorf("%s: status %d, want 200 as documented: %s", c.name, r.status, r.body)
		}
	}
	if l := ok[gen.UserList](f, "GET", "/v1/organizations/users?roles[]=emperor", nil); len(l.Data) != 0 {
		t.Errorf("roles[]=emperor listed %d users", len(l.Data))
	}
	// An undeclared query parameter is ignored: every workspace is listed.
	if l := ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces?no_such_filter=x", nil); len(l.Data) != 2 {
		t.Errorf("undeclared parameter: %d workspaces listed, want both", len(l.Data))
	}
	// The Admin key as a Bearer token is refused (the real service takes it).
	h := f.adminHeaders()
	h.Del("x-api-key")
	h.Set("Authorization", "Bearer "+f.AdminKey())
	if r := f.doWith("GET", "/v1/organizations/me", nil, h); r.status != http.StatusUnauthorized {
		t.Errorf("Admin key as Bearer: status %d, want 401 as documented", r.status)
	}
}
