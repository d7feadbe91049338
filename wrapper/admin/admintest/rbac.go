package admintest

import (
	"context"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// The RBAC roles are the built-in roles every organization has; custom
// roles cannot be made through the API.

func (s *api) ListRBACRoles(ctx context.Context, req server.ListRBACRolesRequestObject) (server.ListRBACRolesResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := tokenPage(s.st.rbacRoles, "rbac-roles", req.Params.Limit, req.Params.Page, nil, func(r *gen.RBACRole) gen.RBACRole { return *r })
	if e != nil {
		return nil, e
	}
	return server.ListRBACRoles200JSONResponse{Body: gen.RBACRoleList{Data: data, NextPage: next}}, nil
}

func (s *api) GetRBACRole(ctx context.Context, req server.GetRBACRoleRequestObject) (server.GetRBACRoleResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if r, ok := s.st.rbacRoles.get(req.RBACRoleID); ok {
		return server.GetRBACRole200JSONResponse{Body: *r}, nil
	}
	return nil, notFound("rbac_role_id: no RBAC role %q", req.RBACRoleID)
}

// builtInRoles are the RBAC roles every organization has; their IDs are
// fixed so that seeding them draws no ID from the server's generator.
var builtInRoles = []string{"Primary Owner", "Owner", "Membership Admin", "Member"}

// addBuiltInRoles stores the built-in roles, created at the server's start.
func (s *Server) addBuiltInRoles() {
	now := s.clock.now()
	for i, name := range builtInRoles {
		id := "rbac_role_builtin_" + string(rune('1'+i))
		s.st.rbacRoles.put(id, &gen.RBACRole{ID: id, Type: gen.RBACRoleTypeRBACRole, DisplayName: name,
			Source: gen.RBACRoleSource{Type: gen.RBACRoleSourceTypeBuiltIn}, CreatedAt: now, UpdatedAt: now})
		s.addBuiltInPermissions(id, name)
	}
}
