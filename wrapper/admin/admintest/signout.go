package admintest

import (
	"context"
	"net/http"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// SignOutBeta is the anthropic-beta value that signing a user out needs;
// without it the server answers 400, as a beta endpoint does.
const SignOutBeta = "admin-user-sign-out-2026-10-08"

// SignOutUser signs a member out. The fake has no sessions: it records
// the time, which [Server.SignedOutAt] reports, and returns the user
// unchanged. The primary owner is refused with 400
// cannot_sign_out_primary_owner, and owners and membership admins with
// 403 cannot_sign_out_owner and cannot_sign_out_membership_admin, as the
// real service refuses them to an Admin API key.
func (s *api) SignOutUser(ctx context.Context, req server.SignOutUserRequestObject) (server.SignOutUserResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	u, ok := s.st.users.get(req.UserID)
	if !ok {
		return nil, userNotFound(req.UserID)
	}
	switch u.Role {
	case gen.OrganizationRolePrimaryOwner:
		return nil, coded(gen.ErrorCodeCannotSignOutPrimaryOwner, "user %q is the organization's primary owner, whom no API key or token can sign out", u.ID)
	case gen.OrganizationRoleOwner:
		return nil, newError(http.StatusForbidden, errPermission, "user %q is an owner; this API key cannot sign out owners", u.ID).withCode(gen.ErrorCodeCannotSignOutOwner)
	case gen.OrganizationRoleMembershipAdmin:
		return nil, newError(http.StatusForbidden, errPermission, "user %q is a membership admin; this API key cannot sign out membership admins", u.ID).withCode(gen.ErrorCodeCannotSignOutMembershipAdmin)
	}
	s.st.signedOut[u.ID] = now
	return server.SignOutUser200JSONResponse{Body: u.User}, nil
}

// SignedOutAt returns when the user was last signed out through the API
// (POST .../users/{user_id}/sign_out), and whether they ever were.
func (s *Server) SignedOutAt(userID string) (time.Time, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	t, ok := s.st.signedOut[userID]
	return t, ok
}
