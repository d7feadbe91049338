package admin

import (
	"context"
	"iter"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// User is a member of the organization.
type User = gen.User

// UserList is one page of users (ID cursor).
type UserList = gen.UserList

// UserDeleted confirms that a user was removed.
type UserDeleted = gen.UserDeleted

// UserType is the object type of `user` objects.
type UserType = gen.UserType

// UserDeletedType is the object type of `user_deleted` objects.
type UserDeletedType = gen.UserDeletedType

// OrganizationRole is a user's organization role as the API reports it.
type OrganizationRole = gen.OrganizationRole

// AssignableOrganizationRole is an organization role that can be assigned through the API (`admin` never can).
type AssignableOrganizationRole = gen.AssignableOrganizationRole

// UpdateUserRequest is the change to a user.
type UpdateUserRequest = gen.UpdateUserRequest

// The values of UserType.
const (
	UserTypeUser = gen.UserTypeUser
)

// The values of UserDeletedType.
const (
	UserDeletedTypeUserDeleted = gen.UserDeletedTypeUserDeleted
)

// The values of OrganizationRole.
const (
	OrganizationRoleAdmin           = gen.OrganizationRoleAdmin
	OrganizationRoleBilling         = gen.OrganizationRoleBilling
	OrganizationRoleClaudeCodeUser  = gen.OrganizationRoleClaudeCodeUser
	OrganizationRoleDeveloper       = gen.OrganizationRoleDeveloper
	OrganizationRoleManaged         = gen.OrganizationRoleManaged
	OrganizationRoleMembershipAdmin = gen.OrganizationRoleMembershipAdmin
	OrganizationRoleOwner           = gen.OrganizationRoleOwner
	OrganizationRolePrimaryOwner    = gen.OrganizationRolePrimaryOwner
	OrganizationRoleUser            = gen.OrganizationRoleUser
)

// The values of AssignableOrganizationRole.
const (
	AssignableOrganizationRoleBilling        = gen.AssignableOrganizationRoleBilling
	AssignableOrganizationRoleClaudeCodeUser = gen.AssignableOrganizationRoleClaudeCodeUser
	AssignableOrganizationRoleDeveloper      = gen.AssignableOrganizationRoleDeveloper
	AssignableOrganizationRoleManaged        = gen.AssignableOrganizationRoleManaged
	AssignableOrganizationRoleUser           = gen.AssignableOrganizationRoleUser
)

// ListParams are the paging parameters of the ID-cursor lists. At most one
// of BeforeID and AfterID may be set.
type ListParams struct {
	// Limit is the page size, 1 to 1000; zero means the server's default
	// (20).
	Limit int
	// BeforeID asks for the page just before this object ID (the FirstID
	// of a page); All then pages backwards.
	BeforeID string
	// AfterID asks for the page just after this object ID (the LastID of a
	// page).
	AfterID string
}

// check validates p before anything is sent.
func (p ListParams) check(o op) error {
	if p.BeforeID != "" && p.AfterID != "" {
		return opError(o.String(), invalidInput("set at most one of BeforeID and AfterID"))
	}
	return checkLimit(o, p.Limit)
}

func (p ListParams) cursor() idCursor { return idCursor{p.BeforeID, p.AfterID} }

// at returns p moved to the cursor c.
func (p ListParams) at(c idCursor) ListParams {
	p.BeforeID, p.AfterID = c.beforeID, c.afterID
	return p
}

// ListUsersParams are the parameters of [UsersService.List].
type ListUsersParams struct {
	ListParams
	// Email, when set, returns only the user with this email address
	// (case-insensitive).
	Email string
	// Roles, when set, returns only users with one of these organization
	// roles, such as "developer" (see [OrganizationRole]).
	Roles []string
}

// UsersService manages the members of the organization. Get it from
// [Client.Users].
type UsersService struct{ cfg *config }

// Get returns the user with the given ID.
func (s *UsersService) Get(ctx context.Context, userID string) (*User, error) {
	o := op{verb: "get user", ids: [2]arg{{"user ID", userID}}}
	return call[User](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetUser(ctx, userID, edit)
	})
}

// List returns one page of the organization's members, oldest first.
// params may be nil.
func (s *UsersService) List(ctx context.Context, params *ListUsersParams) (*UserList, error) {
	p := deref(params)
	o := op{verb: "list users"}
	if err := p.check(o); err != nil {
		return nil, err
	}
	q := &gen.ListUsersParams{
		Limit:    optional(p.Limit),
		BeforeID: optional(p.BeforeID),
		AfterID:  optional(p.AfterID),
		Email:    optional(p.Email),
		Roles:    p.Roles,
	}
	return call[UserList](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ListUsers(ctx, q, edit)
	})
}

// Pages iterates over the pages that List returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *UsersService) Pages(ctx context.Context, params *ListUsersParams) iter.Seq2[*UserList, error] {
	p := deref(params)
	return idPages(ctx, p.cursor(), func(ctx context.Context, c idCursor) (*UserList, error) {
		q := p
		q.ListParams = p.at(c)
		return s.List(ctx, &q)
	}, func(l *UserList) idPage { return idPage{len(l.Data) == 0, l.HasMore, l.FirstID, l.LastID} })
}

// All iterates over every user matching params, fetching pages lazily.
// params may be nil.
func (s *UsersService) All(ctx context.Context, params *ListUsersParams) iter.Seq2[User, error] {
	return items(s.Pages(ctx, params), func(l *UserList) []User { return l.Data })
}

// Update changes a user's organization role (admin can never be assigned)
// and returns the updated user.
func (s *UsersService) Update(ctx context.Context, userID string, body UpdateUserRequest) (*User, error) {
	o := op{verb: "update user", ids: [2]arg{{"user ID", userID}}}
	if body.Role == "" {
		return nil, opError(o.String(), invalidInput("role is empty"))
	}
	return call[User](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.UpdateUser(ctx, userID, body, edit)
	})
}

// Remove removes a user from the organization, together with their
// workspace memberships.
func (s *UsersService) Remove(ctx context.Context, userID string) (*UserDeleted, error) {
	o := op{verb: "remove user", ids: [2]arg{{"user ID", userID}}}
	return call[UserDeleted](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.RemoveUser(ctx, userID, edit)
	})
}
