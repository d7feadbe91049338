package admin

import (
	"context"
	"iter"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// WorkspaceMember is a user's membership of a workspace.
type WorkspaceMember = gen.WorkspaceMember

// WorkspaceMemberList is one page of workspace members (ID cursor over user IDs).
type WorkspaceMemberList = gen.WorkspaceMemberList

// WorkspaceMemberDeleted confirms that a membership was removed.
type WorkspaceMemberDeleted = gen.WorkspaceMemberDeleted

// WorkspaceMemberType is the object type of `workspace_member` objects.
type WorkspaceMemberType = gen.WorkspaceMemberType

// WorkspaceMemberDeletedType is the object type of `workspace_member_deleted` objects.
type WorkspaceMemberDeletedType = gen.WorkspaceMemberDeletedType

// WorkspaceRole is a user's role in a workspace.
type WorkspaceRole = gen.WorkspaceRole

// AssignableWorkspaceRole is a workspace role accepted when adding a member (`workspace_billing` cannot be given on add).
type AssignableWorkspaceRole = gen.AssignableWorkspaceRole

// AddWorkspaceMemberRequest is a new workspace membership.
type AddWorkspaceMemberRequest = gen.AddWorkspaceMemberRequest

// UpdateWorkspaceMemberRequest is a change to a workspace membership.
type UpdateWorkspaceMemberRequest = gen.UpdateWorkspaceMemberRequest

// The values of WorkspaceMemberType.
const (
	WorkspaceMemberTypeWorkspaceMember = gen.WorkspaceMemberTypeWorkspaceMember
)

// The values of WorkspaceMemberDeletedType.
const (
	WorkspaceMemberDeletedTypeWorkspaceMemberDeleted = gen.WorkspaceMemberDeletedTypeWorkspaceMemberDeleted
)

// The values of WorkspaceRole.
const (
	WorkspaceRoleWorkspaceAdmin               = gen.WorkspaceRoleWorkspaceAdmin
	WorkspaceRoleWorkspaceBilling             = gen.WorkspaceRoleWorkspaceBilling
	WorkspaceRoleWorkspaceDeveloper           = gen.WorkspaceRoleWorkspaceDeveloper
	WorkspaceRoleWorkspaceRestrictedDeveloper = gen.WorkspaceRoleWorkspaceRestrictedDeveloper
	WorkspaceRoleWorkspaceUser                = gen.WorkspaceRoleWorkspaceUser
)

// The values of AssignableWorkspaceRole.
const (
	AssignableWorkspaceRoleWorkspaceAdmin               = gen.AssignableWorkspaceRoleWorkspaceAdmin
	AssignableWorkspaceRoleWorkspaceDeveloper           = gen.AssignableWorkspaceRoleWorkspaceDeveloper
	AssignableWorkspaceRoleWorkspaceRestrictedDeveloper = gen.AssignableWorkspaceRoleWorkspaceRestrictedDeveloper
	AssignableWorkspaceRoleWorkspaceUser                = gen.AssignableWorkspaceRoleWorkspaceUser
)

// WorkspaceMembersService manages users' memberships of workspaces. Get it
// from [Client.WorkspaceMembers].
type WorkspaceMembersService struct{ cfg *config }

// Get returns a user's membership of a workspace.
func (s *WorkspaceMembersService) Get(ctx context.Context, workspaceID, userID string) (*WorkspaceMember, error) {
	o := op{verb: "get workspace member", ids: [2]arg{{"workspace ID", workspaceID}, {"user ID", userID}}}
	return call[WorkspaceMember](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetWorkspaceMember(ctx, workspaceID, userID, edit)
	})
}

// List returns one page of a workspace's members; the cursors are user
// IDs. params may be nil.
func (s *WorkspaceMembersService) List(ctx context.Context, workspaceID string, params *ListParams) (*WorkspaceMemberList, error) {
	p := deref(params)
	o := op{verb: "list workspace members", ids: [2]arg{{"workspace ID", workspaceID}}}
	if err := p.check(o); err != nil {
		return nil, err
	}
	q := &gen.ListWorkspaceMembersParams{
		Limit:    optional(p.Limit),
		BeforeID: optional(p.BeforeID),
		AfterID:  optional(p.AfterID),
	}
	return call[WorkspaceMemberList](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ListWorkspaceMembers(ctx, workspaceID, q, edit)
	})
}

// Pages iterates over the pages that List returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *WorkspaceMembersService) Pages(ctx context.Context, workspaceID string, params *ListParams) iter.Seq2[*WorkspaceMemberList, error] {
	p := deref(params)
	return idPages(ctx, p.cursor(), func(ctx context.Context, c idCursor) (*WorkspaceMemberList, error) {
		q := p.at(c)
		return s.List(ctx, workspaceID, &q)
	}, func(l *WorkspaceMemberList) idPage { return idPage{len(l.Data) == 0, l.HasMore, l.FirstID, l.LastID} })
}

// All iterates over every member of a workspace, fetching pages lazily.
// params may be nil.
func (s *WorkspaceMembersService) All(ctx context.Context, workspaceID string, params *ListParams) iter.Seq2[WorkspaceMember, error] {
	return items(s.Pages(ctx, workspaceID, params), func(l *WorkspaceMemberList) []WorkspaceMember { return l.Data })
}

// Add adds an organization member to a workspace. It is retried only when
// the server provably did not process it (see the package documentation).
func (s *WorkspaceMembersService) Add(ctx context.Context, workspaceID string, body AddWorkspaceMemberRequest) (*WorkspaceMember, error) {
	o := op{verb: "add workspace member", ids: [2]arg{{"workspace ID", workspaceID}, {"user ID", body.UserID}}, create: true}
	if body.WorkspaceRole == "" {
		return nil, opError(o.String(), invalidInput("workspace role is empty"))
	}
	return call[WorkspaceMember](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.AddWorkspaceMember(ctx, workspaceID, body, edit)
	})
}

// Update changes a member's workspace role.
func (s *WorkspaceMembersService) Update(ctx context.Context, workspaceID, userID string, body UpdateWorkspaceMemberRequest) (*WorkspaceMember, error) {
	o := op{verb: "update workspace member", ids: [2]arg{{"workspace ID", workspaceID}, {"user ID", userID}}}
	if body.WorkspaceRole == "" {
		return nil, opError(o.String(), invalidInput("workspace role is empty"))
	}
	return call[WorkspaceMember](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.UpdateWorkspaceMember(ctx, workspaceID, userID, body, edit)
	})
}

// Remove removes a user from a workspace; they stay in the organization.
func (s *WorkspaceMembersService) Remove(ctx context.Context, workspaceID, userID string) (*WorkspaceMemberDeleted, error) {
	o := op{verb: "remove workspace member", ids: [2]arg{{"workspace ID", workspaceID}, {"user ID", userID}}}
	return call[WorkspaceMemberDeleted](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.RemoveWorkspaceMember(ctx, workspaceID, userID, edit)
	})
}
