package admintest

import (
	"context"
	"slices"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

func (s *api) ListInvites(ctx context.Context, req server.ListInvitesRequestObject) (server.ListInvitesResponseObject, error) {
	c, e := makeCursor(req.Params.Limit, req.Params.BeforeID, req.Params.AfterID)
	if e != nil {
		return nil, e
	}
	roles := stringSet(req.Params.Roles)
	statuses := stringSet(req.Params.Statuses)
	now := s.Now()
	keep := func(i *invite) bool {
		if roles != nil && !roles[string(i.Role)] {
			return false
		}
		if statuses != nil && !statuses[string(i.status(now))] {
			return false
		}
		return req.Params.Email == nil || normEmail(i.Email) == normEmail(*req.Params.Email)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	// Walk the narrowest index of the filters given; keep checks them all.
	src := []pager[invite]{s.st.invites}
	if roles != nil {
		src = append(src, s.st.invites.lookup(byRole, values(req.Params.Roles)...))
	}
	if statuses != nil {
		var stored []string // expired is a pending invite past its expiry
		for st := range statuses {
			if st == string(gen.InviteStatusExpired) {
				st = string(gen.InviteStatusPending)
			}
			stored = append(stored, st)
		}
		src = append(src, s.st.invites.lookup(byStatus, stored...))
	}
	if req.Params.Email != nil {
		src = append(src, s.st.invites.lookup(byEmail, normEmail(*req.Params.Email)))
	}
	p := listPage(narrowest(src...), c, keep, func(i *invite) gen.Invite { return i.view(now) })
	return server.ListInvites200JSONResponse{Body: gen.InviteList{Data: p.data, FirstID: p.firstID, LastID: p.lastID, HasMore: p.hasMore}}, nil
}

func (s *api) GetInvite(ctx context.Context, req server.GetInviteRequestObject) (server.GetInviteResponseObject, error) {
	now := s.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	i, ok := s.st.invites.get(req.InviteID)
	if !ok {
		return nil, inviteNotFound(req.InviteID)
	}
	return server.GetInvite200JSONResponse{Body: i.view(now)}, nil
}

func inviteNotFound(id string) *apiError { return notFound("invite %q not found", id) }

func (s *api) CreateInvite(ctx context.Context, req server.CreateInviteRequestObject) (server.CreateInviteResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	inv, e := s.addInviteLocked(req.Body.Email, gen.OrganizationRole(req.Body.Role), req.Body.RBACGroupIDs, now, now)
	if e != nil {
		return nil, e
	}
	return server.CreateInvite200JSONResponse{Body: inv.view(now)}, nil
}

// addInviteLocked creates a pending invite sent at invitedAt.
func (s *Server) addInviteLocked(email string, role gen.OrganizationRole, groups []string, invitedAt, now time.Time) (*invite, *apiError) {
	if !validEmail(email) {
		return nil, badRequest("email: %q is not a valid email address", email)
	}
	key := normEmail(email)
	if id, ok := s.st.emails[key]; ok {
		return nil, coded(gen.ErrorCodeAlreadyMember, "%s is already a member of the organization (user %s)", email, id)
	}
	if id, ok := s.st.inviteEmails[key]; ok {
		if i, _ := s.st.invites.get(id); i != nil && i.status(now) == gen.InviteStatusPending {
			return nil, coded(gen.ErrorCodeInviteAlreadyExists, "a pending invite for %s already exists (invite %s)", email, id)
		}
	}
	if s.seats > 0 {
		pending := 0
		for _, id := range s.st.inviteEmails {
			if i, _ := s.st.invites.get(id); i != nil && i.status(now) == gen.InviteStatusPending {
				pending++
			}
		}
		if s.st.users.len()+pending >= s.seats {
			return nil, coded(gen.ErrorCodeOrgMemberLimitExceeded, "no free seat: the organization has %d seats", s.seats)
		}
	}
	inv := &invite{gen.Invite{
		ID:           s.ids.next("invite"),
		Type:         gen.InviteTypeInvite,
		Email:        email,
		Role:         role,
		Status:       gen.InviteStatusPending,
		InvitedAt:    invitedAt,
		ExpiresAt:    invitedAt.Add(InviteLifetime),
		RBACGroupIDs: slices.Clone(groups),
	}}
	if inv.RBACGroupIDs == nil {
		inv.RBACGroupIDs = []string{}
	}
	s.st.invites.put(inv.ID, inv)
	s.st.inviteEmails[key] = inv.ID
	return inv, nil
}

func (s *api) DeleteInvite(ctx context.Context, req server.DeleteInviteRequestObject) (server.DeleteInviteResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	i, ok := s.st.invites.get(req.InviteID)
	if !ok {
		return nil, inviteNotFound(req.InviteID)
	}
	if st := i.status(now); st != gen.InviteStatusPending {
		return nil, badRequest("only pending invites can be deleted; invite %q is %s", req.InviteID, st)
	}
	s.st.invites.del(req.InviteID)
	delete(s.st.inviteEmails, normEmail(i.Email))
	return server.DeleteInvite200JSONResponse{Body: gen.InviteDeleted{ID: req.InviteID, Type: gen.InviteDeletedTypeInviteDeleted}}, nil
}
