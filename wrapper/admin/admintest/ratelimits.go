package admintest

import (
	"context"
	"math"
	"slices"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// rateLimitCursor reads the page-cursor parameters of the rate-limit lists:
// without limit everything comes in one page.
func rateLimitCursor(kind string, limit *int, page *string) (cursor, *apiError) {
	after, e := parsePageToken(kind, page)
	c := cursor{limit: math.MaxInt, afterID: after}
	if limit != nil {
		c.limit = *limit
	}
	return c, e
}

func (s *api) ListOrganizationRateLimits(ctx context.Context, req server.ListOrganizationRateLimitsRequestObject) (server.ListOrganizationRateLimitsResponseObject, error) {
	const kind = "rate-limits"
	c, e := rateLimitCursor(kind, req.Params.Limit, req.Params.Page)
	if e != nil {
		return nil, e
	}
	pr := req.Params
	keep := func(rl *rateLimit) bool {
		return (pr.GroupType == nil || rl.Group.Type == *pr.GroupType) &&
			(pr.Model == nil || slices.Contains(rl.Models, *pr.Model))
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	if pr.Model != nil {
		known := false
		s.st.rateLimits.all(func(_ string, rl *rateLimit) bool {
			known = slices.Contains(rl.Models, *pr.Model)
			return !known
		})
		if !known {
			return nil, notFound("model: no rate limits apply to model %q", *pr.Model)
		}
	}
	p := listPage(s.st.rateLimits, c, keep, func(rl *rateLimit) gen.RateLimit { return rl.RateLimit })
	body := gen.RateLimitList{Data: p.data}
	if p.hasMore {
		body.NextPage = pageToken(kind, *p.lastID)
	}
	return server.ListOrganizationRateLimits200JSONResponse{Body: body}, nil
}

// workspaceRateLimit is the view of an organization rate limit from a
// workspace: every limiter in force when all is true, otherwise only the
// workspace's overrides.
func workspaceRateLimit(w *workspace, rl *rateLimit, all bool) gen.WorkspaceRateLimit {
	ov := w.overrides[rl.ID]
	out := gen.WorkspaceRateLimit{
		Type:        gen.WorkspaceRateLimitTypeWorkspaceRateLimit,
		WorkspaceID: w.ID,
		RateLimitID: rl.ID,
		Group:       rl.Group,
		Models:      rl.Models,
		Limits:      []gen.WorkspaceRateLimitValue{},
	}
	for _, l := range rl.Limits {
		v := gen.WorkspaceRateLimitValue{Type: l.Type, Value: l.Value, OrgLimit: ptr(l.Value),
			Source: gen.RateLimitSource{Type: gen.RateLimitSourceTypeOrganization}}
		if o, ok := ov[l.Type]; ok {
			v.Value, v.Source.Type = o, gen.RateLimitSourceTypeWorkspace
		} else if !all {
			continue
		}
		out.Limits = append(out.Limits, v)
	}
	return out
}

func (s *api) ListWorkspaceRateLimits(ctx context.Context, req server.ListWorkspaceRateLimitsRequestObject) (server.ListWorkspaceRateLimitsResponseObject, error) {
	kind := "workspace-rate-limits/" + req.WorkspaceID
	c, e := rateLimitCursor(kind, req.Params.Limit, req.Params.Page)
	if e != nil {
		return nil, e
	}
	all := req.Params.IncludeInherited != nil && *req.Params.IncludeInherited
	s.mu.RLock()
	defer s.mu.RUnlock()
	w, ok := s.st.workspaces.get(req.WorkspaceID)
	if !ok {
		return nil, workspaceNotFound(req.WorkspaceID)
	}
	keep := func(rl *rateLimit) bool {
		return (req.Params.GroupType == nil || rl.Group.Type == *req.Params.GroupType) &&
			(all || len(w.overrides[rl.ID]) > 0)
	}
	p := listPage(s.st.rateLimits, c, keep, func(rl *rateLimit) gen.WorkspaceRateLimit { return workspaceRateLimit(w, rl, all) })
	body := gen.WorkspaceRateLimitList{Data: p.data}
	if p.hasMore {
		body.NextPage = pageToken(kind, *p.lastID)
	}
	return server.ListWorkspaceRateLimits200JSONResponse{Body: body}, nil
}

// UpdateWorkspaceRateLimit sets or clears a workspace's overrides of one
// organization rate limit. An override must name a limiter the
// organization's limit has and may not exceed the organization's value.
func (s *api) UpdateWorkspaceRateLimit(ctx context.Context, req server.UpdateWorkspaceRateLimitRequestObject) (server.UpdateWorkspaceRateLimitResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.st.workspaces.get(req.WorkspaceID)
	if !ok {
		return nil, workspaceNotFound(req.WorkspaceID)
	}
	if w.ArchivedAt != nil {
		return nil, badRequest("workspace %q is archived", w.ID)
	}
	rl, ok := s.st.rateLimits.get(req.RateLimitID)
	if !ok {
		return nil, notFound("rate limit %q not found", req.RateLimitID)
	}
	for i, ch := range req.Body.Limits {
		org, ok := rl.limit(string(ch.Type))
		if !ok {
			return nil, badRequest("limits.%d.type: rate limit %q has no %s limiter", i, rl.ID, ch.Type)
		}
		if ch.Value != nil && *ch.Value > org {
			return nil, badRequest("limits.%d.value: %d exceeds the organization's limit of %d", i, *ch.Value, org)
		}
	}
	ov := w.overrides[rl.ID]
	if ov == nil {
		ov = make(map[string]int64)
		w.overrides[rl.ID] = ov
	}
	for _, ch := range req.Body.Limits {
		if ch.Value == nil {
			delete(ov, string(ch.Type))
		} else {
			ov[string(ch.Type)] = *ch.Value
		}
	}
	return server.UpdateWorkspaceRateLimit200JSONResponse{Body: workspaceRateLimit(w, rl, true)}, nil
}
