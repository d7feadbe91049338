package admintest

import (
	"context"
	"maps"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// defaultDisplayColor is the colour of workspaces created without one.
const defaultDisplayColor = "#6C5BB9"

func workspaceNotFound(id string) *apiError { return notFound("workspace %q not found", id) }

func (s *api) ListWorkspaces(ctx context.Context, req server.ListWorkspacesRequestObject) (server.ListWorkspacesResponseObject, error) {
	c, e := makeCursor(req.Params.Limit, req.Params.BeforeID, req.Params.AfterID)
	if e != nil {
		return nil, e
	}
	archived := req.Params.IncludeArchived != nil && *req.Params.IncludeArchived
	dflt := req.Params.IncludeDefault != nil && *req.Params.IncludeDefault
	only := stringSet(req.Params.IDs) // nil: every workspace; unknown IDs are left out
	keep := func(w *workspace) bool {
		return (archived || w.ArchivedAt == nil) && (dflt || !w.isDefault) && (only == nil || only[w.ID])
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	src := []pager[workspace]{s.st.workspaces}
	if !archived {
		src = append(src, s.st.workspaces.lookup(byLive, "yes"))
	}
	if only != nil {
		some := newTable[workspace]()
		for id := range only {
			if w, ok := s.st.workspaces.get(id); ok {
				some.put(id, w)
			}
		}
		src = append(src, some)
	}
	p := listPage(narrowest(src...), c, keep, func(w *workspace) gen.Workspace { return w.Workspace })
	return server.ListWorkspaces200JSONResponse{Body: gen.WorkspaceList{Data: p.data, FirstID: p.firstID, LastID: p.lastID, HasMore: p.hasMore}}, nil
}

func (s *api) GetWorkspace(ctx context.Context, req server.GetWorkspaceRequestObject) (server.GetWorkspaceResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	w, ok := s.st.workspaces.get(req.WorkspaceID)
	if !ok {
		return nil, workspaceNotFound(req.WorkspaceID)
	}
	return server.GetWorkspace200JSONResponse{Body: w.Workspace}, nil
}

func (s *api) CreateWorkspace(ctx context.Context, req server.CreateWorkspaceRequestObject) (server.CreateWorkspaceResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	b := req.Body
	w, e := s.addWorkspaceLocked(b.Name, b.DisplayColor, b.Tags, b.ExternalKeyID, b.DataResidency, now)
	if e != nil {
		return nil, e
	}
	// Any user profile is accepted: the fake has none to check it against.
	w.UserProfileID = b.UserProfileID
	return server.CreateWorkspace200JSONResponse{Body: w.Workspace}, nil
}

// addDefaultWorkspace creates the organization's default workspace, which
// every organization has. Lists show it only with include_default=true.
func (s *Server) addDefaultWorkspace() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	w := s.newWorkspace("Default", defaultDisplayColor, nil, nil, unrestrictedResidency(), s.Now())
	w.isDefault = true
	s.st.workspaces.put(w.ID, w)
	return w.ID
}

func unrestrictedResidency() gen.DataResidency {
	dr := gen.DataResidency{WorkspaceGeo: gen.WorkspaceGeoUS, DefaultInferenceGeo: gen.InferenceGeoGlobal}
	_ = dr.AllowedInferenceGeos.FromUnrestrictedInferenceGeos(gen.UnrestrictedInferenceGeosUnrestricted)
	return dr
}

func (s *Server) newWorkspace(name, color string, tags map[string]string, extKey *string, dr gen.DataResidency, created time.Time) *workspace {
	t := maps.Clone(tags)
	if t == nil {
		t = map[string]string{}
	}
	return &workspace{
		Workspace: gen.Workspace{
			ID:            s.ids.next("wrkspc"),
			Type:          gen.WorkspaceTypeWorkspace,
			Name:          name,
			CreatedAt:     created,
			DisplayColor:  color,
			Tags:          t,
			ExternalKeyID: extKey,
			DataResidency: dr,
		},
		members:   newTable[member](),
		overrides: map[string]map[string]int64{},
	}
}

func (s *Server) addWorkspaceLocked(name string, color *string, tags map[string]string, extKey *string, drc *gen.DataResidencyCreate, created time.Time) (*workspace, *apiError) {
	if e := s.checkWorkspaceName(name, ""); e != nil {
		return nil, e
	}
	if e := checkTags(tags); e != nil {
		return nil, e
	}
	dr := unrestrictedResidency()
	if drc != nil {
		if drc.WorkspaceGeo != nil {
			dr.WorkspaceGeo = *drc.WorkspaceGeo
		}
		if drc.DefaultInferenceGeo != nil {
			dr.DefaultInferenceGeo = *drc.DefaultInferenceGeo
		}
		if drc.AllowedInferenceGeos != nil {
			dr.AllowedInferenceGeos = *drc.AllowedInferenceGeos
		}
		if e := checkResidency(dr); e != nil {
			return nil, e
		}
	}
	c := defaultDisplayColor
	if color != nil {
		c = strings.ToUpper(*color)
	}
	if extKey != nil {
		if e := s.useExternalKeyLocked(*extKey); e != nil {
			return nil, e
		}
	}
	w := s.newWorkspace(name, c, tags, extKey, dr, created)
	s.st.workspaces.put(w.ID, w)
	s.st.workspaceNames[name] = w.ID
	return w, nil
}

// checkWorkspaceName refuses a name that an active workspace other than
// self already has.
func (s *Server) checkWorkspaceName(name, self string) *apiError {
	if id, ok := s.st.workspaceNames[name]; ok && id != self {
		return conflict("name: a workspace named %q already exists", name)
	}
	return nil
}

func checkTags(tags map[string]string) *apiError {
	for k := range tags {
		if strings.HasPrefix(strings.ToLower(k), "anthropic") {
			return badRequest("tags: key %q may not start with \"anthropic\"", k)
		}
	}
	return nil
}

// checkResidency checks that the default inference geography is allowed.
func checkResidency(dr gen.DataResidency) *apiError {
	if raw, _ := dr.AllowedInferenceGeos.MarshalJSON(); string(raw) == `"unrestricted"` {
		return nil
	}
	geos, err := dr.AllowedInferenceGeos.AsAllowedInferenceGeos0()
	if err != nil {
		return badRequest("data_residency.allowed_inference_geos: must be a list of geographies or \"unrestricted\"")
	}
	if len(geos) == 0 {
		return badRequest("data_residency.allowed_inference_geos: must not be empty")
	}
	for _, g := range geos {
		if g == dr.DefaultInferenceGeo {
			return nil
		}
	}
	return badRequest("data_residency.default_inference_geo: %q is not in allowed_inference_geos", dr.DefaultInferenceGeo)
}

func (s *api) UpdateWorkspace(ctx context.Context, req server.UpdateWorkspaceRequestObject) (server.UpdateWorkspaceResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, ok := s.st.workspaces.get(req.WorkspaceID)
	if !ok {
		return nil, workspaceNotFound(req.WorkspaceID)
	}
	if w.isDefault {
		return nil, badRequest("the default workspace cannot be changed")
	}
	if w.ArchivedAt != nil {
		return nil, badRequest("workspace %q is archived", w.ID)
	}
	b := req.Body
	nw := *w
	if b.Name != nil {
		if e := s.checkWorkspaceName(*b.Name, w.ID); e != nil {
			return nil, e
		}
		nw.Name = *b.Name
	}
	if b.DisplayColor != nil {
		nw.DisplayColor = strings.ToUpper(*b.DisplayColor)
	}
	if b.Tags != nil {
		// The new tags replace the old ones; {} removes them all.
		if e := checkTags(*b.Tags); e != nil {
			return nil, e
		}
		nw.Tags = make(map[string]string, len(*b.Tags))
		maps.Copy(nw.Tags, *b.Tags)
	}
	if b.ExternalKeyID != nil && w.ExternalKeyID != nil && *w.ExternalKeyID != *b.ExternalKeyID {
		return nil, badRequest("external_key_id: is write-once and already set")
	}
	if b.UserProfileID != nil {
		if w.UserProfileID != nil && *w.UserProfileID != *b.UserProfileID {
			return nil, badRequest("user_profile_id: is write-once and already set")
		}
		nw.UserProfileID = ptr(*b.UserProfileID)
	}
	if d := b.DataResidency; d != nil {
		if d.DefaultInferenceGeo != nil {
			nw.DataResidency.DefaultInferenceGeo = *d.DefaultInferenceGeo
		}
		if d.AllowedInferenceGeos != nil {
			nw.DataResidency.AllowedInferenceGeos = *d.AllowedInferenceGeos
		}
		if e := checkResidency(nw.DataResidency); e != nil {
			return nil, e
		}
	}
	if b.ExternalKeyID != nil && w.ExternalKeyID == nil {
		if e := s.useExternalKeyLocked(*b.ExternalKeyID); e != nil {
			return nil, e
		}
		nw.ExternalKeyID = ptr(*b.ExternalKeyID)
	}
	if nw.Name != w.Name {
		delete(s.st.workspaceNames, w.Name)
		s.st.workspaceNames[nw.Name] = w.ID
	}
	s.st.workspaces.put(w.ID, &nw)
	return server.UpdateWorkspace200JSONResponse{Body: nw.Workspace}, nil
}

func (s *api) ArchiveWorkspace(ctx context.Context, req server.ArchiveWorkspaceRequestObject) (server.ArchiveWorkspaceResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	w, e := s.archiveWorkspaceLocked(req.WorkspaceID, now)
	if e != nil {
		return nil, e
	}
	return server.ArchiveWorkspace200JSONResponse{Body: w.Workspace}, nil
}

// archiveWorkspaceLocked archives a workspace and its API keys. Archiving
// an archived workspace changes nothing.
func (s *Server) archiveWorkspaceLocked(id string, now time.Time) (*workspace, *apiError) {
	w, ok := s.st.workspaces.get(id)
	if !ok {
		return nil, workspaceNotFound(id)
	}
	if w.isDefault {
		return nil, badRequest("the default workspace cannot be archived")
	}
	if w.ArchivedAt != nil {
		return w, nil
	}
	nw := *w
	nw.ArchivedAt = ptr(now)
	s.st.workspaces.put(id, &nw)
	delete(s.st.workspaceNames, w.Name)
	// The workspace's keys, through the index: collected first, as
	// archiving them changes the status index.
	ids, keys, _ := pageOf(s.st.apiKeys.lookup(byWorkspace, id), cursor{limit: s.st.apiKeys.len()}, func(k *apiKey) bool { return k.Status != gen.APIKeyStatusArchived })
	for i, k := range keys {
		nk := *k
		nk.Status = gen.APIKeyStatusArchived
		s.st.apiKeys.put(ids[i], &nk)
	}
	return &nw, nil
}

// ---------------------------------------------------------------- members

func memberNotFound(wsID, userID string) *apiError {
	return notFound("user %q is not a member of workspace %q", userID, wsID)
}

// memberWorkspace returns a workspace whose memberships can be listed or
// changed.
func (s *Server) memberWorkspace(id string, write bool) (*workspace, *apiError) {
	w, ok := s.st.workspaces.get(id)
	if !ok {
		return nil, workspaceNotFound(id)
	}
	if w.isDefault {
		return nil, badRequest("the default workspace has no explicit members")
	}
	if write && w.ArchivedAt != nil {
		return nil, badRequest("workspace %q is archived", id)
	}
	return w, nil
}

func (s *api) ListWorkspaceMembers(ctx context.Context, req server.ListWorkspaceMembersRequestObject) (server.ListWorkspaceMembersResponseObject, error) {
	c, e := makeCursor(req.Params.Limit, req.Params.BeforeID, req.Params.AfterID)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	w, e := s.memberWorkspace(req.WorkspaceID, false)
	if e != nil {
		return nil, e
	}
	p := listPage(w.members, c, nil, func(m *member) gen.WorkspaceMember { return m.view(w.ID) })
	return server.ListWorkspaceMembers200JSONResponse{Body: gen.WorkspaceMemberList{Data: p.data, FirstID: p.firstID, LastID: p.lastID, HasMore: p.hasMore}}, nil
}

func (s *api) GetWorkspaceMember(ctx context.Context, req server.GetWorkspaceMemberRequestObject) (server.GetWorkspaceMemberResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	w, ok := s.st.workspaces.get(req.WorkspaceID)
	if !ok {
		return nil, workspaceNotFound(req.WorkspaceID)
	}
	m, ok := w.members.get(req.UserID)
	if !ok {
		return nil, memberNotFound(req.WorkspaceID, req.UserID)
	}
	return server.GetWorkspaceMember200JSONResponse{Body: m.view(w.ID)}, nil
}

func (s *api) AddWorkspaceMember(ctx context.Context, req server.AddWorkspaceMemberRequestObject) (server.AddWorkspaceMemberResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.addMemberLocked(req.WorkspaceID, req.Body.UserID, gen.WorkspaceRole(req.Body.WorkspaceRole))
	if e != nil {
		return nil, e
	}
	return server.AddWorkspaceMember200JSONResponse{Body: m.view(req.WorkspaceID)}, nil
}

// addMemberLocked adds an organization member to a non-archived workspace.
// A user who is already a member gets 409 conflict_error.
func (s *Server) addMemberLocked(wsID, userID string, role gen.WorkspaceRole) (*member, *apiError) {
	w, e := s.memberWorkspace(wsID, true)
	if e != nil {
		return nil, e
	}
	u, ok := s.st.users.get(userID)
	if !ok {
		return nil, notFound("user_id: user %q not found", userID)
	}
	if _, ok := w.members.get(userID); ok {
		return nil, conflict("user %q is already a member of workspace %q", userID, wsID)
	}
	if s.workspaceMembers > 0 && w.members.len() >= s.workspaceMembers {
		return nil, coded(gen.ErrorCodeWorkspaceMemberLimitExceeded, "workspace %q has %d members, as many as it may have", wsID, w.members.len())
	}
	m := &member{userID: userID, role: role}
	w.members.put(userID, m)
	if u.workspaces == nil {
		u.workspaces = make(map[string]struct{})
	}
	u.workspaces[wsID] = struct{}{}
	return m, nil
}

func (s *api) UpdateWorkspaceMember(ctx context.Context, req server.UpdateWorkspaceMemberRequestObject) (server.UpdateWorkspaceMemberResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, e := s.memberWorkspace(req.WorkspaceID, true)
	if e != nil {
		return nil, e
	}
	if _, ok := w.members.get(req.UserID); !ok {
		return nil, memberNotFound(req.WorkspaceID, req.UserID)
	}
	m := &member{userID: req.UserID, role: req.Body.WorkspaceRole}
	w.members.put(req.UserID, m)
	return server.UpdateWorkspaceMember200JSONResponse{Body: m.view(w.ID)}, nil
}

func (s *api) RemoveWorkspaceMember(ctx context.Context, req server.RemoveWorkspaceMemberRequestObject) (server.RemoveWorkspaceMemberResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	w, e := s.memberWorkspace(req.WorkspaceID, true)
	if e != nil {
		return nil, e
	}
	if !w.members.del(req.UserID) {
		return nil, memberNotFound(req.WorkspaceID, req.UserID)
	}
	if u, ok := s.st.users.get(req.UserID); ok {
		delete(u.workspaces, req.WorkspaceID)
	}
	return server.RemoveWorkspaceMember200JSONResponse{Body: gen.WorkspaceMemberDeleted{
		Type: gen.WorkspaceMemberDeletedTypeWorkspaceMemberDeleted, UserID: req.UserID, WorkspaceID: req.WorkspaceID,
	}}, nil
}
