package admin

import (
	"context"
	"iter"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// Invite is an invitation to join the organization.
type Invite = gen.Invite

// InviteList is one page of invites (ID cursor).
type InviteList = gen.InviteList

// InviteDeleted confirms that an invite was deleted.
type InviteDeleted = gen.InviteDeleted

// InviteType is the object type of `invite` objects.
type InviteType = gen.InviteType

// InviteDeletedType is the object type of `invite_deleted` objects.
type InviteDeletedType = gen.InviteDeletedType

// InviteStatus is the state of an invite.
type InviteStatus = gen.InviteStatus

// InviteStatusFilter is an invite state accepted by the `statuses[]` filter.
type InviteStatusFilter = gen.InviteStatusFilter

// CreateInviteRequest is a new invite.
type CreateInviteRequest = gen.CreateInviteRequest

// The values of InviteType.
const (
	InviteTypeInvite = gen.InviteTypeInvite
)

// The values of InviteDeletedType.
const (
	InviteDeletedTypeInviteDeleted = gen.InviteDeletedTypeInviteDeleted
)

// The values of InviteStatus.
const (
	InviteStatusAccepted = gen.InviteStatusAccepted
	InviteStatusDeleted  = gen.InviteStatusDeleted
	InviteStatusExpired  = gen.InviteStatusExpired
	InviteStatusPending  = gen.InviteStatusPending
)

// The values of InviteStatusFilter.
const (
	InviteStatusFilterAccepted = gen.InviteStatusFilterAccepted
	InviteStatusFilterExpired  = gen.InviteStatusFilterExpired
	InviteStatusFilterPending  = gen.InviteStatusFilterPending
)

// ListInvitesParams are the parameters of [InvitesService.List].
type ListInvitesParams struct {
	ListParams
	// Email, when set, returns only invites sent to this address
	// (case-insensitive).
	Email string
	// Roles, when set, returns only invites for one of these organization
	// roles.
	Roles []string
	// Statuses, when set, returns only invites in one of these states;
	// the default is all three.
	Statuses []InviteStatusFilter
}

// InvitesService manages invitations to the organization. Get it from
// [Client.Invites].
type InvitesService struct{ cfg *config }

// Get returns the invite with the given ID.
func (s *InvitesService) Get(ctx context.Context, inviteID string) (*Invite, error) {
	o := op{verb: "get invite", ids: [2]arg{{"invite ID", inviteID}}}
	return call[Invite](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetInvite(ctx, inviteID, edit)
	})
}

// List returns one page of invites. params may be nil.
func (s *InvitesService) List(ctx context.Context, params *ListInvitesParams) (*InviteList, error) {
	p := deref(params)
	o := op{verb: "list invites"}
	if err := p.check(o); err != nil {
		return nil, err
	}
	q := &gen.ListInvitesParams{
		Limit:    optional(p.Limit),
		BeforeID: optional(p.BeforeID),
		AfterID:  optional(p.AfterID),
		Email:    optional(p.Email),
		Roles:    p.Roles,
		Statuses: p.Statuses,
	}
	return call[InviteList](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ListInvites(ctx, q, edit)
	})
}

// Pages iterates over the pages that List returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *InvitesService) Pages(ctx context.Context, params *ListInvitesParams) iter.Seq2[*InviteList, error] {
	p := deref(params)
	return idPages(ctx, p.cursor(), func(ctx context.Context, c idCursor) (*InviteList, error) {
		q := p
		q.ListParams = p.at(c)
		return s.List(ctx, &q)
	}, func(l *InviteList) idPage { return idPage{len(l.Data) == 0, l.HasMore, l.FirstID, l.LastID} })
}

// All iterates over every invite matching params, fetching pages lazily.
// params may be nil.
func (s *InvitesService) All(ctx context.Context, params *ListInvitesParams) iter.Seq2[Invite, error] {
	return items(s.Pages(ctx, params), func(l *InviteList) []Invite { return l.Data })
}

// Create invites someone to the organization. It is retried only when the
// server provably did not process it (see the package documentation).
func (s *InvitesService) Create(ctx context.Context, body CreateInviteRequest) (*Invite, error) {
	o := op{verb: "create invite", create: true}
	switch {
	case body.Email == "":
		return nil, opError(o.String(), invalidInput("email is empty"))
	case body.Role == "":
		return nil, opError(o.String(), invalidInput("role is empty"))
	}
	return call[Invite](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.CreateInvite(ctx, body, edit)
	})
}

// Delete deletes a pending invite.
func (s *InvitesService) Delete(ctx context.Context, inviteID string) (*InviteDeleted, error) {
	o := op{verb: "delete invite", ids: [2]arg{{"invite ID", inviteID}}}
	return call[InviteDeleted](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.DeleteInvite(ctx, inviteID, edit)
	})
}
