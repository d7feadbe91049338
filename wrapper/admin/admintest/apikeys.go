package admintest

import (
	"context"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

func apiKeyNotFound(id string) *apiError { return notFound("API key %q not found", id) }

func (s *api) ListAPIKeys(ctx context.Context, req server.ListAPIKeysRequestObject) (server.ListAPIKeysResponseObject, error) {
	c, e := makeCursor(req.Params.Limit, req.Params.BeforeID, req.Params.AfterID)
	if e != nil {
		return nil, e
	}
	now := s.Now()
	pr := req.Params
	keep := func(k *apiKey) bool {
		if pr.Status != nil && k.status(now) != *pr.Status {
			return false
		}
		if pr.WorkspaceID != nil && (k.Scope.WorkspaceID == nil || *k.Scope.WorkspaceID != *pr.WorkspaceID) {
			return false
		}
		if pr.CreatedByUserID != nil && (k.CreatedBy == nil || k.CreatedBy.Type != gen.APIKeyCreatorTypeUser || k.CreatedBy.ID != *pr.CreatedByUserID) {
			return false
		}
		return true
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	// Walk the narrowest index of the filters given; keep checks them all.
	var src []pager[apiKey]
	if pr.Status != nil {
		if *pr.Status == gen.APIKeyStatusExpired { // stored as active, with an expiry
			src = append(src, s.st.apiKeys.lookup(byExpiring, "yes"))
		} else {
			src = append(src, s.st.apiKeys.lookup(byStatus, string(*pr.Status)))
		}
	}
	if pr.WorkspaceID != nil {
		src = append(src, s.st.apiKeys.lookup(byWorkspace, *pr.WorkspaceID))
	}
	if pr.CreatedByUserID != nil {
		src = append(src, s.st.apiKeys.lookup(byCreator, *pr.CreatedByUserID))
	}
	src = append(src, s.st.apiKeys)
	p := listPage(narrowest(src...), c, keep, func(k *apiKey) gen.APIKey { return k.view(now) })
	return server.ListAPIKeys200JSONResponse{Body: gen.APIKeyList{Data: p.data, FirstID: p.firstID, LastID: p.lastID, HasMore: p.hasMore}}, nil
}

func (s *api) GetAPIKey(ctx context.Context, req server.GetAPIKeyRequestObject) (server.GetAPIKeyResponseObject, error) {
	now := s.Now()
	s.mu.RLock()
	defer s.mu.RUnlock()
	k, ok := s.st.apiKeys.get(req.APIKeyID)
	if !ok {
		return nil, apiKeyNotFound(req.APIKeyID)
	}
	return server.GetAPIKey200JSONResponse{Body: k.view(now)}, nil
}

// UpdateAPIKey renames a key or changes its status. Archiving is final and
// an expired key cannot be reactivated, as in the Console.
func (s *api) UpdateAPIKey(ctx context.Context, req server.UpdateAPIKeyRequestObject) (server.UpdateAPIKeyResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.st.apiKeys.get(req.APIKeyID)
	if !ok {
		return nil, apiKeyNotFound(req.APIKeyID)
	}
	nk := *k
	if b := req.Body; b.Status != nil {
		to := gen.APIKeyStatus(*b.Status)
		switch cur := k.status(now); {
		case cur == to:
		case cur == gen.APIKeyStatusArchived:
			return nil, badRequest("status: API key %q is archived and cannot be changed", k.ID)
		case cur == gen.APIKeyStatusExpired && to != gen.APIKeyStatusArchived:
			return nil, badRequest("status: API key %q has expired; it can only be archived", k.ID)
		}
		nk.Status = to
	}
	if req.Body.Name != nil {
		nk.Name = *req.Body.Name
	}
	s.st.apiKeys.put(k.ID, &nk)
	return server.UpdateAPIKey200JSONResponse{Body: nk.view(now)}, nil
}
