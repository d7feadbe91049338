package admintest

import (
	"context"
	"encoding/base64"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// defaultLimit is the page size of the ID-cursor lists when limit is absent.
const defaultLimit = 20

// makeCursor reads the ID-cursor parameters of a list operation.
func makeCursor(limit *int, before, after *string) (cursor, *apiError) {
	c := cursor{limit: defaultLimit}
	if limit != nil {
		c.limit = *limit
	}
	if before != nil {
		c.beforeID = *before
	}
	if after != nil {
		c.afterID = *after
	}
	if c.beforeID != "" && c.afterID != "" {
		return c, badRequest("before_id and after_id cannot be used together")
	}
	return c, nil
}

func stringSet[S ~string](vs []S) map[string]bool {
	if len(vs) == 0 {
		return nil
	}
	m := make(map[string]bool, len(vs))
	for _, v := range vs {
		m[string(v)] = true
	}
	return m
}

// pageToken makes an opaque page token for a list kind and a position.
func pageToken(kind, pos string) *string {
	t := "page_" + base64.RawURLEncoding.EncodeToString([]byte(kind+":"+pos))
	return &t
}

// parsePageToken returns the position of a token made by pageToken for the
// same kind. A nil token is the first page ("").
func parsePageToken(kind string, tok *string) (string, *apiError) {
	if tok == nil || *tok == "" {
		return "", nil
	}
	raw, ok := strings.CutPrefix(*tok, "page_")
	if ok {
		var b []byte
		var err error
		if b, err = base64.RawURLEncoding.DecodeString(raw); err == nil {
			if pos, ok := strings.CutPrefix(string(b), kind+":"); ok && pos != "" {
				return pos, nil
			}
		}
	}
	return "", badRequest("page: invalid page token")
}

func (s *api) GetOrganizationMe(ctx context.Context, _ server.GetOrganizationMeRequestObject) (server.GetOrganizationMeResponseObject, error) {
	return server.GetOrganizationMe200JSONResponse{Body: s.org}, nil
}

// protectedRole reports whether the API may not change or remove a user
// with this role.
func protectedRole(r gen.OrganizationRole) bool {
	switch r {
	case gen.OrganizationRoleAdmin, gen.OrganizationRoleOwner, gen.OrganizationRolePrimaryOwner:
		return true
	}
	return false
}

func (s *api) ListUsers(ctx context.Context, req server.ListUsersRequestObject) (server.ListUsersResponseObject, error) {
	c, e := makeCursor(req.Params.Limit, req.Params.BeforeID, req.Params.AfterID)
	if e != nil {
		return nil, e
	}
	roles := stringSet(req.Params.Roles)
	keep := func(u *user) bool { return roles == nil || roles[string(u.Role)] }
	s.mu.RLock()
	defer s.mu.RUnlock()
	var tbl pager[user] = s.st.users
	switch {
	case req.Params.Email != nil:
		one := newTable[user]()
		if id, ok := s.st.emails[normEmail(*req.Params.Email)]; ok {
			u, _ := s.st.users.get(id)
			one.put(id, u)
		}
		tbl = one
	case roles != nil:
		tbl = s.st.users.lookup(byRole, values(req.Params.Roles)...)
	}
	body, err := idListBody(tbl, c, keep, viewUser, func(u *user) gen.User { return u.User })
	if err != nil {
		return nil, err
	}
	return rawList{body}, nil
}

func (s *api) GetUser(ctx context.Context, req server.GetUserRequestObject) (server.GetUserResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	u, ok := s.st.users.get(req.UserID)
	if !ok {
		return nil, userNotFound(req.UserID)
	}
	return server.GetUser200JSONResponse{Body: u.User}, nil
}

func userNotFound(id string) *apiError { return notFound("user %q not found", id) }

func (s *api) UpdateUser(ctx context.Context, req server.UpdateUserRequestObject) (server.UpdateUserResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.st.users.get(req.UserID)
	if !ok {
		return nil, userNotFound(req.UserID)
	}
	if protectedRole(u.Role) {
		return nil, badRequest("the role of a user with role %s cannot be changed through the API", u.Role)
	}
	nu := *u
	nu.Role = gen.OrganizationRole(req.Body.Role)
	s.st.users.put(nu.ID, &nu)
	return server.UpdateUser200JSONResponse{Body: nu.User}, nil
}

func (s *api) RemoveUser(ctx context.Context, req server.RemoveUserRequestObject) (server.RemoveUserResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if e := s.removeUserLocked(req.UserID); e != nil {
		return nil, e
	}
	return server.RemoveUser200JSONResponse{Body: gen.UserDeleted{ID: req.UserID, Type: gen.UserDeletedTypeUserDeleted}}, nil
}

// removeUserLocked removes a user and their workspace and RBAC group
// memberships.
func (s *Server) removeUserLocked(id string) *apiError {
	u, ok := s.st.users.get(id)
	if !ok {
		return userNotFound(id)
	}
	if s.st.users.len() == 1 {
		return coded(gen.ErrorCodeCannotRemoveLastMember, "user %q is the organization's only member; add another member before removing this one", id)
	}
	if protectedRole(u.Role) {
		return badRequest("a user with role %s cannot be removed through the API", u.Role)
	}
	for wsID := range u.workspaces {
		if ws, ok := s.st.workspaces.get(wsID); ok {
			ws.members.del(id)
		}
	}
	s.removeUserFromRBACGroupsLocked(id)
	s.dropSpendLimitsLocked(gen.SpendLimitScopeTypeUser, id)
	s.removeUserFromDirLocked(id)
	s.st.users.del(id)
	delete(s.st.emails, normEmail(u.Email))
	return nil
}

func (s *api) ListComplianceOrganizationUsers(ctx context.Context, req server.ListComplianceOrganizationUsersRequestObject) (server.ListComplianceOrganizationUsersResponseObject, error) {
	kind := "compliance-users"
	if req.OrgUUID != s.org.ID {
		kind += ":" + req.OrgUUID
	}
	limit := limitOr(req.Params.Limit, 500)
	s.mu.RLock()
	defer s.mu.RUnlock()
	o, e := s.complianceOrgLocked(req.OrgUUID)
	if e != nil {
		return nil, e
	}
	view := func(u *user) gen.ComplianceUser {
		return gen.ComplianceUser{ID: u.ID, CreatedAt: u.createdAt, Email: u.Email, FullName: u.Name, OrganizationRole: u.Role}
	}
	var data []gen.ComplianceUser
	var next *string
	if o.parent {
		data, next, e = tokenPage(s.st.users, kind, limit, req.Params.Page, nil, view)
	} else { // a child organization's members, who are users of the parent
		data, next, e = tokenPage(o.members, kind, limit, req.Params.Page, nil, func(m *orgMember) gen.ComplianceUser {
			u, _ := s.st.users.get(m.userID)
			return view(u)
		})
	}
	if e != nil {
		return nil, e
	}
	return server.ListComplianceOrganizationUsers200JSONResponse{Body: gen.ComplianceUserList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}
