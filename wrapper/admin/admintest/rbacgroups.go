package admintest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// RBAC groups and their members, and the permissions of RBAC roles.
// Groups made through the API are direct groups without roles; seeded
// groups may carry roles (which must exist) and be SCIM groups. The API
// changes neither a SCIM group nor the membership of a group whose roles
// grant owner access (the Primary Owner and Owner roles), and does not
// delete those.

type rbacGroup struct {
	gen.RBACGroup
	members *table[rbacGroupMember] // by user ID
}

type rbacGroupMember struct {
	userID    string
	createdAt time.Time
}

func rbacGroupNotFound(id string) *apiError { return notFound("rbac_group_id: no RBAC group %q", id) }

// ownerRoleNames are the built-in roles that grant owner access.
var ownerRoleNames = map[string]bool{"Primary Owner": true, "Owner": true}

// grantsOwnerLocked reports whether a role of g grants owner access.
func (s *Server) grantsOwnerLocked(g *rbacGroup) bool {
	for _, id := range g.RoleIDs {
		if r, ok := s.st.rbacRoles.get(id); ok && r.Source.Type == gen.RBACRoleSourceTypeBuiltIn && ownerRoleNames[r.DisplayName] {
			return true
		}
	}
	return false
}

// writableGroupLocked returns the group id if the API may change it: it
// exists and is not a SCIM group; owner also refuses a group whose roles
// grant owner access (for deletion and membership changes).
func (s *Server) writableGroupLocked(id string, owner bool) (*rbacGroup, *apiError) {
	g, ok := s.st.gov.rbacGroups.get(id)
	if !ok {
		return nil, rbacGroupNotFound(id)
	}
	if g.SourceType == gen.RBACGroupSourceTypeSCIM {
		return nil, badRequest("RBAC group %q is provisioned by the identity provider (scim) and cannot be changed through the API", id)
	}
	if owner && s.grantsOwnerLocked(g) {
		return nil, badRequest("rbac_group_grants_owner_access: a role of RBAC group %q grants owner access; change it in the organization's admin settings", id)
	}
	return g, nil
}

func (s *api) ListRBACGroups(ctx context.Context, req server.ListRBACGroupsRequestObject) (server.ListRBACGroupsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := tokenPage(s.st.gov.rbacGroups, "rbac-groups", req.Params.Limit, req.Params.Page, nil, func(g *rbacGroup) gen.RBACGroup { return g.RBACGroup })
	if e != nil {
		return nil, e
	}
	return server.ListRBACGroups200JSONResponse{Body: gen.RBACGroupList{Data: data, NextPage: next}}, nil
}

func (s *api) GetRBACGroup(ctx context.Context, req server.GetRBACGroupRequestObject) (server.GetRBACGroupResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, ok := s.st.gov.rbacGroups.get(req.RBACGroupID)
	if !ok {
		return nil, rbacGroupNotFound(req.RBACGroupID)
	}
	return server.GetRBACGroup200JSONResponse{Body: g.RBACGroup}, nil
}

func (s *api) CreateRBACGroup(ctx context.Context, req server.CreateRBACGroupRequestObject) (server.CreateRBACGroupResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	g, e := s.addRBACGroupLocked(req.Body.Name, nil, gen.RBACGroupSourceTypeDirect, now)
	if e != nil {
		return nil, e
	}
	return server.CreateRBACGroup200JSONResponse{Body: g.RBACGroup}, nil
}

// addRBACGroupLocked checks and stores a new group.
func (s *Server) addRBACGroupLocked(name string, roleIDs []string, source gen.RBACGroupSourceType, now time.Time) (*rbacGroup, *apiError) {
	if strings.TrimSpace(name) == "" {
		return nil, badRequest("name: must not be blank")
	}
	roles := make([]string, 0, len(roleIDs))
	for _, id := range roleIDs {
		if _, ok := s.st.rbacRoles.get(id); !ok {
			return nil, badRequest("role_ids: no RBAC role %q", id)
		}
		roles = append(roles, id)
	}
	g := &rbacGroup{
		RBACGroup: gen.RBACGroup{
			ID: s.ids.next("rbacgrp"), Type: gen.RBACGroupTypeRBACGroup, Name: name, RoleIDs: roles,
			SourceType: source, CreatedAt: now, UpdatedAt: now,
		},
		members: newTable[rbacGroupMember](),
	}
	s.st.gov.rbacGroups.put(g.ID, g)
	return g, nil
}

func (s *api) UpdateRBACGroup(ctx context.Context, req server.UpdateRBACGroupRequestObject) (server.UpdateRBACGroupResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	g, e := s.writableGroupLocked(req.RBACGroupID, false)
	if e != nil {
		return nil, e
	}
	ng := *g
	if n := req.Body.Name; n != nil {
		if strings.TrimSpace(*n) == "" {
			return nil, badRequest("name: must not be blank")
		}
		ng.Name = *n
		ng.UpdatedAt = now
	}
	s.st.gov.rbacGroups.put(g.ID, &ng)
	return server.UpdateRBACGroup200JSONResponse{Body: ng.RBACGroup}, nil
}

func (s *api) DeleteRBACGroup(ctx context.Context, req server.DeleteRBACGroupRequestObject) (server.DeleteRBACGroupResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, e := s.writableGroupLocked(req.RBACGroupID, true); e != nil {
		return nil, e
	}
	s.st.gov.rbacGroups.del(req.RBACGroupID)
	s.dropSpendLimitsLocked(gen.SpendLimitScopeTypeRBACGroup, req.RBACGroupID)
	return server.DeleteRBACGroup200JSONResponse{Body: gen.RBACGroupDeleted{ID: req.RBACGroupID, Type: gen.RBACGroupDeletedTypeRBACGroupDeleted}}, nil
}

// ------------------------------------------------------------------ members

func (s *Server) viewGroupMemberLocked(groupID string, m *rbacGroupMember) gen.RBACGroupMember {
	v := gen.RBACGroupMember{Type: gen.RBACGroupMemberTypeRBACGroupMember, RBACGroupID: groupID, UserID: m.userID, CreatedAt: m.createdAt}
	if u, ok := s.st.users.get(m.userID); ok {
		v.Email = u.Email
	}
	return v
}

func (s *api) ListRBACGroupMembers(ctx context.Context, req server.ListRBACGroupMembersRequestObject) (server.ListRBACGroupMembersResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, ok := s.st.gov.rbacGroups.get(req.RBACGroupID)
	if !ok {
		return nil, rbacGroupNotFound(req.RBACGroupID)
	}
	data, next, e := tokenPage(g.members, "rbac-group-members:"+g.ID, req.Params.Limit, req.Params.Page, nil,
		func(m *rbacGroupMember) gen.RBACGroupMember { return s.viewGroupMemberLocked(g.ID, m) })
	if e != nil {
		return nil, e
	}
	return server.ListRBACGroupMembers200JSONResponse{Body: gen.RBACGroupMemberList{Data: data, NextPage: next}}, nil
}

func (s *api) AddRBACGroupMember(ctx context.Context, req server.AddRBACGroupMemberRequestObject) (server.AddRBACGroupMemberResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	g, e := s.writableGroupLocked(req.RBACGroupID, true)
	if e != nil {
		return nil, e
	}
	m, e := s.addGroupMemberLocked(g, req.Body.UserID, now)
	if e != nil {
		return nil, e
	}
	return server.AddRBACGroupMember200JSONResponse{Body: s.viewGroupMemberLocked(g.ID, m)}, nil
}

// addGroupMemberLocked adds an organization member to g; a member twice
// is 409 conflict_error.
func (s *Server) addGroupMemberLocked(g *rbacGroup, userID string, now time.Time) (*rbacGroupMember, *apiError) {
	if _, ok := s.st.users.get(userID); !ok {
		return nil, notFound("user_id: user %q not found", userID)
	}
	if _, ok := g.members.get(userID); ok {
		return nil, conflict("user %q is already a member of RBAC group %q", userID, g.ID)
	}
	m := &rbacGroupMember{userID: userID, createdAt: now}
	g.members.put(userID, m)
	return m, nil
}

func (s *api) RemoveRBACGroupMember(ctx context.Context, req server.RemoveRBACGroupMemberRequestObject) (server.RemoveRBACGroupMemberResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	g, e := s.writableGroupLocked(req.RBACGroupID, true)
	if e != nil {
		return nil, e
	}
	if !g.members.del(req.UserID) {
		return nil, notFound("user %q is not a member of RBAC group %q", req.UserID, g.ID)
	}
	return server.RemoveRBACGroupMember200JSONResponse{Body: gen.RBACGroupMemberDeleted{
		Type: gen.RBACGroupMemberDeletedTypeRBACGroupMemberDeleted, RBACGroupID: g.ID, UserID: req.UserID,
	}}, nil
}

// removeUserFromRBACGroupsLocked ends a removed user's group memberships.
func (s *Server) removeUserFromRBACGroupsLocked(userID string) {
	s.st.gov.rbacGroups.all(func(_ string, g *rbacGroup) bool {
		g.members.del(userID)
		return true
	})
}

// RBACGroupSeed describes an RBAC group for [Server.AddRBACGroup].
type RBACGroupSeed struct {
	// Name is required.
	Name string
	// RoleIDs are IDs of existing RBAC roles (see GET /v1/organizations/rbac_roles);
	// the API cannot attach roles. A group with the Primary Owner or Owner
	// role grants owner access: the API then refuses to change its members
	// or delete it.
	RoleIDs []string
	// SCIM makes the group one provisioned by the identity provider, which
	// the API cannot change.
	SCIM bool
	// MemberIDs are IDs of users of the organization.
	MemberIDs []string
	// CreatedAt defaults to now; it is also when the members were added.
	CreatedAt time.Time
}

// AddRBACGroup adds an RBAC group with its roles and members and returns
// it. An unknown role or user is an error, and nothing is added.
func (s *Server) AddRBACGroup(g RBACGroupSeed) (admin.RBACGroup, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, id := range g.MemberIDs {
		if _, ok := s.st.users.get(id); !ok {
			return gen.RBACGroup{}, fmt.Errorf("admintest: member_ids: user %q not found", id)
		}
	}
	src := gen.RBACGroupSourceTypeDirect
	if g.SCIM {
		src = gen.RBACGroupSourceTypeSCIM
	}
	at := orNow(g.CreatedAt, now)
	ng, e := s.addRBACGroupLocked(g.Name, g.RoleIDs, src, at)
	if e != nil {
		return gen.RBACGroup{}, asError(e)
	}
	for _, id := range g.MemberIDs {
		if _, e := s.addGroupMemberLocked(ng, id, at); e != nil {
			s.st.gov.rbacGroups.del(ng.ID)
			return gen.RBACGroup{}, asError(e)
		}
	}
	return ng.RBACGroup, nil
}

// --------------------------------------------------------- role permissions

func (s *api) ListRBACRolePermissions(ctx context.Context, req server.ListRBACRolePermissionsRequestObject) (server.ListRBACRolePermissionsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, ok := s.st.rbacRoles.get(req.RBACRoleID); !ok {
		return nil, notFound("rbac_role_id: no RBAC role %q", req.RBACRoleID)
	}
	perms := s.st.gov.rbacPermissions[req.RBACRoleID]
	if perms == nil {
		perms = newTable[gen.RBACRolePermission]()
	}
	data, next, e := tokenPage(perms, "rbac-role-permissions:"+req.RBACRoleID, req.Params.Limit, req.Params.Page, nil,
		func(p *gen.RBACRolePermission) gen.RBACRolePermission { return *p })
	if e != nil {
		return nil, e
	}
	return server.ListRBACRolePermissions200JSONResponse{Body: gen.RBACRolePermissionList{Data: data, NextPage: next}}, nil
}

// addBuiltInPermissions stores the permissions of the built-in role id,
// called name. They are illustrative: the real built-in roles' grants are
// not documented.
func (s *Server) addBuiltInPermissions(id, name string) {
	org := func(actions ...string) []gen.RBACRolePermission {
		var out []gen.RBACRolePermission
		for _, a := range actions {
			out = append(out, gen.RBACRolePermission{Action: a, Resource: gen.RBACPermissionResource{Type: gen.RBACPermissionResourceTypeOrganization, OrganizationID: ptr(s.org.ID)}})
		}
		return out
	}
	all := func(action string) gen.RBACRolePermission {
		return gen.RBACRolePermission{Action: action, Resource: gen.RBACPermissionResource{Type: gen.RBACPermissionResourceTypeAllConnectors}}
	}
	var perms []gen.RBACRolePermission
	switch name {
	case "Primary Owner":
		perms = append(org("capability_access_all", "permission_manage_billing", "permission_manage_members", "permission_manage_roles", "permission_manage_settings"), all("managed"))
	case "Owner":
		perms = append(org("capability_access_all", "permission_manage_members", "permission_manage_roles", "permission_manage_settings"), all("managed"))
	case "Membership Admin":
		perms = append(org("capability_access_all_ga", "permission_manage_members"), all("interactive"))
	default:
		perms = append(org("capability_access_all_ga"), all("interactive"),
			gen.RBACRolePermission{Action: "use", Resource: gen.RBACPermissionResource{Type: gen.RBACPermissionResourceTypeConnectorTool, ConnectorID: ptr("connector_github"), ToolName: ptr("search_code")}})
	}
	t := newTable[gen.RBACRolePermission]()
	for i := range perms {
		perms[i].Type = gen.RBACRolePermissionTypeRBACRolePermission
		t.put(fmt.Sprintf("%04d", i), &perms[i])
	}
	s.st.gov.rbacPermissions[id] = t
}
