package admintest

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// Service accounts and their workspace memberships, which only an
// org:admin OAuth token reaches. The rules follow the reference (the
// official SDK's documentation):
//
//   - names are unique; an archived service account is read-only, left out
//     of lists unless include_archived, and archiving is idempotent;
//   - every service account is an implicit workspace_user member of the
//     default workspace until it is added there explicitly; the implicit
//     membership cannot be updated or removed;
//   - adding a member that is one already replaces its role; removing is
//     idempotent; archived workspaces refuse every membership operation
//     (400) but the service account's own list, which shows their
//     memberships;
//   - an archived service account's memberships are kept but hidden;
//   - a service account that a live federation rule targets cannot be
//     archived (400).

// OAuthActorID is the ID of the actor that the server records for changes
// made with its OAuth access tokens (created_by_actor_id and the like of
// service accounts and their memberships), as the real service records
// the user or service account a token belongs to. No user of the
// organization has this ID.
const OAuthActorID = "user_01FakeTokenHo1derAdmintest"

// saState is what the server stores of service accounts.
type saState struct {
	// ids makes the service accounts' IDs. It is not the server's
	// generator, so that the demo's service accounts, seeded last, shift
	// no ID that tests draw after the demo data.
	ids     *idGen
	all     *table[serviceAccount]
	byName  map[string]string           // name (of every service account, archived or not) -> ID
	members map[string]*table[saMember] // workspace ID -> its explicit members, by service account ID
}

func newSAState() saState {
	return saState{all: newTable[serviceAccount](), byName: map[string]string{}, members: map[string]*table[saMember]{}}
}

// serviceAccount is a stored service account. Updates replace the record;
// workspaces is shared by its versions.
type serviceAccount struct {
	gen.ServiceAccount
	workspaces *table[saMember] // explicit memberships, by workspace ID
}

// saMember is an explicit membership of a service account in a workspace,
// stored in the service account's and the workspace's tables.
type saMember struct {
	serviceAccountID, workspaceID string
	role                          gen.WorkspaceRole
	createdBy                     string
}

func (m *saMember) view() gen.ServiceAccountWorkspaceMember {
	return gen.ServiceAccountWorkspaceMember{
		Type:             gen.ServiceAccountWorkspaceMemberTypeServiceAccountWorkspaceMember,
		ServiceAccountID: m.serviceAccountID,
		WorkspaceID:      m.workspaceID,
		WorkspaceRole:    m.role,
		CreatedByActorID: m.createdBy,
	}
}

// implicitMember returns the implicit default-workspace membership of sa.
func (s *Server) implicitMember(sa *serviceAccount) gen.ServiceAccountWorkspaceMember {
	return gen.ServiceAccountWorkspaceMember{
		Type:             gen.ServiceAccountWorkspaceMemberTypeServiceAccountWorkspaceMember,
		ServiceAccountID: sa.ID,
		WorkspaceID:      s.st.defaultWorkspaceID,
		WorkspaceRole:    gen.WorkspaceRoleWorkspaceUser,
		Implicit:         true,
		CreatedByActorID: sa.CreatedByActorID,
	}
}

func serviceAccountNotFound(id string) *apiError {
	return notFound("service account %q not found", id)
}

// serviceAccountFor returns the service account id, which must exist and,
// when live is set, not be archived (400).
func (s *Server) serviceAccountFor(id string, live bool) (*serviceAccount, *apiError) {
	sa, ok := s.st.svac.all.get(id)
	if !ok {
		return nil, serviceAccountNotFound(id)
	}
	if live && sa.ArchivedAt != nil {
		return nil, badRequest("service account %q is archived", id)
	}
	return sa, nil
}

// saWorkspace returns the workspace id, which must exist (404) and not be
// archived (400), for a membership operation.
func (s *Server) saWorkspace(id string) (*workspace, *apiError) {
	w, ok := s.st.workspaces.get(id)
	if !ok {
		return nil, workspaceNotFound(id)
	}
	if w.ArchivedAt != nil {
		return nil, badRequest("workspace %q is archived", id)
	}
	return w, nil
}

// ------------------------------------------------------- service accounts

func (s *api) ListServiceAccounts(ctx context.Context, req server.ListServiceAccountsRequestObject) (server.ListServiceAccountsResponseObject, error) {
	archived := req.Params.IncludeArchived != nil && *req.Params.IncludeArchived
	kind := "service-accounts"
	if archived {
		kind += "+archived"
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	var src pager[serviceAccount] = s.st.svac.all
	if !archived {
		src = s.st.svac.all.lookup(byLive, "yes")
	}
	data, next, e := newestFirst(src, kind, req.Params.Limit, req.Params.Page,
		func(sa *serviceAccount) bool { return archived || sa.ArchivedAt == nil },
		func(sa *serviceAccount) gen.ServiceAccount { return sa.ServiceAccount })
	if e != nil {
		return nil, e
	}
	return server.ListServiceAccounts200JSONResponse{Body: gen.ServiceAccountList{Data: data, NextPage: next}}, nil
}

// newestFirst is tokenPage for a list ordered newest first: each page holds
// the records created before those of the previous page.
func newestFirst[T, R any](t pager[T], kind string, limit *int, page *string, keep func(*T) bool, conv func(*T) R) ([]R, *string, *apiError) {
	before, e := parsePageToken(kind, page)
	if e != nil {
		return nil, nil, e
	}
	if before == "" {
		before = "\xff" // after every ID, which are ASCII
	}
	c := cursor{limit: defaultLimit, beforeID: before}
	if limit != nil {
		c.limit = *limit
	}
	p := listPage(t, c, keep, conv)
	slices.Reverse(p.data)
	if p.hasMore {
		return p.data, pageToken(kind, *p.firstID), nil
	}
	return p.data, nil, nil
}

func (s *api) CreateServiceAccount(ctx context.Context, req server.CreateServiceAccountRequestObject) (server.CreateServiceAccountResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	b := req.Body
	role := gen.ServiceAccountOrganizationRoleDeveloper
	if b.OrganizationRole != nil {
		role = *b.OrganizationRole
	}
	description := ""
	if b.Description != nil {
		description = *b.Description
	}
	sa, e := s.addServiceAccountLocked(b.Name, description, role, OAuthActorID, now)
	if e != nil {
		return nil, e
	}
	return server.CreateServiceAccount200JSONResponse{Body: sa.ServiceAccount}, nil
}

// addServiceAccountLocked stores a new service account. A name that any
// other service account has, archived or not, is a conflict.
func (s *Server) addServiceAccountLocked(name, description string, role gen.ServiceAccountOrganizationRole, actor string, created time.Time) (*serviceAccount, *apiError) {
	if id, ok := s.st.svac.byName[name]; ok {
		return nil, conflict("name: service account %q already has the name %q", id, name)
	}
	if s.st.svac.ids == nil {
		s.st.svac.ids = newIDGen(s.seed ^ 0x5e7c1ce)
	}
	sa := &serviceAccount{
		ServiceAccount: gen.ServiceAccount{
			ID:               s.st.svac.ids.next("svac"),
			Type:             gen.ServiceAccountTypeServiceAccount,
			Name:             name,
			Description:      description,
			OrganizationRole: role,
			CreatedAt:        created,
			CreatedByActorID: actor,
			UpdatedAt:        created,
			UpdatedByActorID: actor,
		},
		workspaces: newTable[saMember](),
	}
	s.st.svac.all.put(sa.ID, sa)
	s.st.svac.byName[name] = sa.ID
	return sa, nil
}

func (s *api) GetServiceAccount(ctx context.Context, req server.GetServiceAccountRequestObject) (server.GetServiceAccountResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sa, e := s.serviceAccountFor(req.ServiceAccountID, false)
	if e != nil {
		return nil, e
	}
	return server.GetServiceAccount200JSONResponse{Body: sa.ServiceAccount}, nil
}

func (s *api) UpdateServiceAccount(ctx context.Context, req server.UpdateServiceAccountRequestObject) (server.UpdateServiceAccountResponseObject, error) {
	now := s.Now()
	// A null description clears it, as an empty one does; the decoded body
	// cannot tell null from absent, the raw one can.
	var raw map[string]json.RawMessage
	if info := infoFrom(ctx); info != nil {
		_ = json.Unmarshal(info.body, &raw) // the pipeline checked that it is JSON
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	sa, e := s.serviceAccountFor(req.ServiceAccountID, true)
	if e != nil {
		return nil, e
	}
	b := req.Body
	nsa := *sa
	if b.Description != nil {
		nsa.Description = *b.Description
	} else if v, ok := raw["description"]; ok && string(v) == "null" {
		nsa.Description = ""
	}
	if b.OrganizationRole != nil {
		nsa.OrganizationRole = *b.OrganizationRole
	}
	nsa.UpdatedAt, nsa.UpdatedByActorID = now, OAuthActorID
	s.st.svac.all.put(nsa.ID, &nsa)
	return server.UpdateServiceAccount200JSONResponse{Body: nsa.ServiceAccount}, nil
}

func (s *api) ArchiveServiceAccount(ctx context.Context, req server.ArchiveServiceAccountRequestObject) (server.ArchiveServiceAccountResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sa, e := s.archiveServiceAccountLocked(req.ServiceAccountID, OAuthActorID, now)
	if e != nil {
		return nil, e
	}
	return server.ArchiveServiceAccount200JSONResponse{Body: sa.ServiceAccount}, nil
}

// archiveServiceAccountLocked archives a service account. Archiving an
// archived one changes nothing: it keeps its archived_at. A service
// account that a live federation rule targets cannot be archived (400).
func (s *Server) archiveServiceAccountLocked(id, actor string, now time.Time) (*serviceAccount, *apiError) {
	sa, e := s.serviceAccountFor(id, false)
	if e != nil || sa.ArchivedAt != nil {
		return sa, e
	}
	if rule := s.liveRuleTargeting(id); rule != "" {
		return nil, badRequest("service account %q is the target of the live federation rule %q; archive the rule or change its target first", id, rule)
	}
	nsa := *sa
	nsa.ArchivedAt, nsa.ArchivedByActorID = ptr(now), ptr(actor)
	s.st.svac.all.put(id, &nsa)
	return &nsa, nil
}

// ------------------------------------------------------------ memberships

func (s *api) ListServiceAccountWorkspaces(ctx context.Context, req server.ListServiceAccountWorkspacesRequestObject) (server.ListServiceAccountWorkspacesResponseObject, error) {
	kind := "service-account-workspaces:" + req.ServiceAccountID
	after, e := parsePageToken(kind, req.Params.Page)
	if e != nil {
		return nil, e
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	sa, e := s.serviceAccountFor(req.ServiceAccountID, false)
	if e != nil {
		return nil, e
	}
	if after != "" {
		if _, ok := sa.workspaces.get(after); !ok || sa.ArchivedAt != nil {
			return nil, badRequest("page: the page token no longer matches an active membership; start again from the first page")
		}
	}
	empty := gen.ServiceAccountWorkspaceMemberList{Data: []gen.ServiceAccountWorkspaceMember{}}
	if sa.ArchivedAt != nil {
		return server.ListServiceAccountWorkspaces200JSONResponse{Body: empty}, nil
	}
	c := cursor{limit: defaultLimit, afterID: after}
	if req.Params.Limit != nil {
		c.limit = *req.Params.Limit
	}
	p := listPage(sa.workspaces, c, nil, (*saMember).view)
	data := p.data
	if _, explicit := sa.workspaces.get(s.st.defaultWorkspaceID); after == "" && !explicit {
		data = append([]gen.ServiceAccountWorkspaceMember{s.implicitMember(sa)}, data...)
	}
	var next *string
	if p.hasMore {
		next = pageToken(kind, *p.lastID)
	}
	return server.ListServiceAccountWorkspaces200JSONResponse{Body: gen.ServiceAccountWorkspaceMemberList{Data: data, NextPage: next}}, nil
}

func (s *api) AddServiceAccountWorkspace(ctx context.Context, req server.AddServiceAccountWorkspaceRequestObject) (server.AddServiceAccountWorkspaceResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.addSAMemberLocked(req.ServiceAccountID, req.Body.WorkspaceID, gen.WorkspaceRole(req.Body.WorkspaceRole), OAuthActorID)
	if e != nil {
		return nil, e
	}
	return server.AddServiceAccountWorkspace200JSONResponse{Body: m.view()}, nil
}

func (s *api) AddWorkspaceServiceAccount(ctx context.Context, req server.AddWorkspaceServiceAccountRequestObject) (server.AddWorkspaceServiceAccountResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.addSAMemberLocked(req.Body.ServiceAccountID, req.WorkspaceID, gen.WorkspaceRole(req.Body.WorkspaceRole), OAuthActorID)
	if e != nil {
		return nil, e
	}
	return server.AddWorkspaceServiceAccount200JSONResponse{Body: m.view()}, nil
}

// addSAMemberLocked makes a service account an explicit member of a
// workspace with role, or gives an explicit member the role.
func (s *Server) addSAMemberLocked(saID, wsID string, role gen.WorkspaceRole, actor string) (*saMember, *apiError) {
	sa, e := s.serviceAccountFor(saID, false)
	if e != nil {
		return nil, e
	}
	if _, e := s.saWorkspace(wsID); e != nil {
		return nil, e
	}
	if sa.ArchivedAt != nil {
		return nil, badRequest("service account %q is archived", saID)
	}
	m := &saMember{serviceAccountID: saID, workspaceID: wsID, role: role, createdBy: actor}
	if old, ok := sa.workspaces.get(wsID); ok {
		m.createdBy = old.createdBy
	}
	s.putSAMemberLocked(m)
	return m, nil
}

// putSAMemberLocked stores m in both of its tables.
func (s *Server) putSAMemberLocked(m *saMember) {
	sa, _ := s.st.svac.all.get(m.serviceAccountID)
	sa.workspaces.put(m.workspaceID, m)
	t := s.st.svac.members[m.workspaceID]
	if t == nil {
		t = newTable[saMember]()
		s.st.svac.members[m.workspaceID] = t
	}
	t.put(m.serviceAccountID, m)
}

func (s *api) RemoveServiceAccountWorkspace(ctx context.Context, req server.RemoveServiceAccountWorkspaceRequestObject) (server.RemoveServiceAccountWorkspaceResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, e := s.removeSAMemberLocked(req.ServiceAccountID, req.WorkspaceID)
	if e != nil {
		return nil, e
	}
	return server.RemoveServiceAccountWorkspace200JSONResponse{Body: d}, nil
}

func (s *api) RemoveWorkspaceServiceAccount(ctx context.Context, req server.RemoveWorkspaceServiceAccountRequestObject) (server.RemoveWorkspaceServiceAccountResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, e := s.removeSAMemberLocked(req.ServiceAccountID, req.WorkspaceID)
	if e != nil {
		return nil, e
	}
	return server.RemoveWorkspaceServiceAccount200JSONResponse{Body: d}, nil
}

// removeSAMemberLocked ends the explicit membership of a service account
// in a workspace, if there is one: removing is idempotent, and removing
// the implicit default-workspace membership does nothing.
func (s *Server) removeSAMemberLocked(saID, wsID string) (gen.ServiceAccountWorkspaceMemberDeleted, *apiError) {
	d := gen.ServiceAccountWorkspaceMemberDeleted{
		Type:             gen.ServiceAccountWorkspaceMemberDeletedTypeServiceAccountWorkspaceMemberDeleted,
		ServiceAccountID: saID,
		WorkspaceID:      wsID,
	}
	if _, e := s.saWorkspace(wsID); e != nil {
		return d, e
	}
	sa, e := s.serviceAccountFor(saID, true)
	if e != nil {
		return d, e
	}
	if sa.workspaces.del(wsID) {
		s.st.svac.members[wsID].del(saID)
	}
	return d, nil
}

func (s *api) ListWorkspaceServiceAccounts(ctx context.Context, req server.ListWorkspaceServiceAccountsRequestObject) (server.ListWorkspaceServiceAccountsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, e := s.saWorkspace(req.WorkspaceID); e != nil {
		return nil, e
	}
	t := s.st.svac.members[req.WorkspaceID]
	if t == nil {
		t = newTable[saMember]()
	}
	live := func(m *saMember) bool {
		sa, _ := s.st.svac.all.get(m.serviceAccountID)
		return sa.ArchivedAt == nil
	}
	data, next, e := tokenPage(t, "workspace-service-accounts:"+req.WorkspaceID, req.Params.Limit, req.Params.Page, live, (*saMember).view)
	if e != nil {
		return nil, e
	}
	return server.ListWorkspaceServiceAccounts200JSONResponse{Body: gen.ServiceAccountWorkspaceMemberList{Data: data, NextPage: next}}, nil
}

func (s *api) GetWorkspaceServiceAccount(ctx context.Context, req server.GetWorkspaceServiceAccountRequestObject) (server.GetWorkspaceServiceAccountResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, e := s.saWorkspace(req.WorkspaceID); e != nil {
		return nil, e
	}
	sa, ok := s.st.svac.all.get(req.ServiceAccountID)
	if !ok || sa.ArchivedAt != nil {
		return nil, serviceAccountNotFound(req.ServiceAccountID)
	}
	if m, ok := sa.workspaces.get(req.WorkspaceID); ok {
		return server.GetWorkspaceServiceAccount200JSONResponse{Body: m.view()}, nil
	}
	if req.WorkspaceID == s.st.defaultWorkspaceID {
		return server.GetWorkspaceServiceAccount200JSONResponse{Body: s.implicitMember(sa)}, nil
	}
	return nil, saMemberNotFound(req.ServiceAccountID, req.WorkspaceID)
}

func saMemberNotFound(saID, wsID string) *apiError {
	return notFound("service account %q is not a member of workspace %q", saID, wsID)
}

func (s *api) UpdateWorkspaceServiceAccount(ctx context.Context, req server.UpdateWorkspaceServiceAccountRequestObject) (server.UpdateWorkspaceServiceAccountResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, e := s.saWorkspace(req.WorkspaceID); e != nil {
		return nil, e
	}
	sa, e := s.serviceAccountFor(req.ServiceAccountID, true)
	if e != nil {
		return nil, e
	}
	old, ok := sa.workspaces.get(req.WorkspaceID)
	if !ok {
		e := saMemberNotFound(req.ServiceAccountID, req.WorkspaceID)
		if req.WorkspaceID == s.st.defaultWorkspaceID {
			e.msg += "; its implicit membership cannot be updated: add it to the workspace instead"
		}
		return nil, e
	}
	m := *old
	m.role = gen.WorkspaceRole(req.Body.WorkspaceRole)
	s.putSAMemberLocked(&m)
	return server.UpdateWorkspaceServiceAccount200JSONResponse{Body: m.view()}, nil
}

// ---------------------------------------------------------------- seeding

// ServiceAccountSeed describes a service account for
// [Server.AddServiceAccount].
type ServiceAccountSeed struct {
	// Name is required: lower-case letters, digits and hyphens, unique
	// among service accounts (archived ones included).
	Name string
	// Description defaults to none ("").
	Description string
	// OrganizationRole defaults to developer.
	OrganizationRole admin.ServiceAccountOrganizationRole
	// CreatedAt defaults to now; it is also the service account's
	// updated_at.
	CreatedAt time.Time
	// CreatedByActorID defaults to [OAuthActorID].
	CreatedByActorID string
}

// AddServiceAccount adds a service account and returns it. Service
// accounts are listed newest first by the order they were added (their IDs
// sort that way), whatever their CreatedAt.
func (s *Server) AddServiceAccount(a ServiceAccountSeed) (admin.ServiceAccount, error) {
	if !validSlug(a.Name) {
		return gen.ServiceAccount{}, fmt.Errorf("admintest: name: %q is not a slug of lower-case letters, digits and hyphens", a.Name)
	}
	role := cmpOr(a.OrganizationRole, gen.ServiceAccountOrganizationRoleDeveloper)
	if !role.Valid() {
		return gen.ServiceAccount{}, fmt.Errorf("admintest: organization_role: unknown role %q", role)
	}
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sa, e := s.addServiceAccountLocked(a.Name, a.Description, role, cmpOr(a.CreatedByActorID, OAuthActorID), orNow(a.CreatedAt, now))
	if e != nil {
		return gen.ServiceAccount{}, asError(e)
	}
	return sa.ServiceAccount, nil
}

// validSlug reports whether name matches the spec's pattern of service
// account names, ^[a-z0-9-]+$.
func validSlug(name string) bool {
	for _, c := range []byte(name) {
		if (c < 'a' || c > 'z') && (c < '0' || c > '9') && c != '-' {
			return false
		}
	}
	return name != ""
}

// ArchiveServiceAccount archives a service account, as POST .../archive
// does with one of the server's OAuth tokens, and returns it.
func (s *Server) ArchiveServiceAccount(id string) (admin.ServiceAccount, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	sa, e := s.archiveServiceAccountLocked(id, OAuthActorID, now)
	if e != nil {
		return gen.ServiceAccount{}, asError(e)
	}
	return sa.ServiceAccount, nil
}

// AddWorkspaceServiceAccount makes a service account an explicit member of
// a workspace with role, as POST .../service_accounts does (replacing the
// role of an explicit member), and returns the membership.
func (s *Server) AddWorkspaceServiceAccount(workspaceID, serviceAccountID string, role admin.AssignableWorkspaceRole) (admin.ServiceAccountWorkspaceMember, error) {
	if !role.Valid() {
		return gen.ServiceAccountWorkspaceMember{}, fmt.Errorf("admintest: workspace_role: %q cannot be given to a service account", role)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	m, e := s.addSAMemberLocked(serviceAccountID, workspaceID, gen.WorkspaceRole(role), OAuthActorID)
	if e != nil {
		return gen.ServiceAccountWorkspaceMember{}, asError(e)
	}
	return m.view(), nil
}

// seedDemoServiceAccounts adds the demo data's service accounts, created
// by the admin creator: a deployer in the first two workspaces, a
// reporting job, an admin for provisioning (explicitly in the default
// workspace) and an archived one. It returns their IDs in that order.
func (s *Server) seedDemoServiceAccounts(now time.Time, creator string, workspaces []gen.Workspace) ([]string, error) {
	day := 24 * time.Hour
	seeds := []ServiceAccountSeed{
		{Name: "ci-deployer", Description: "Deploys from CI", CreatedAt: now.Add(-60 * day)},
		{Name: "usage-reporter", Description: "Nightly usage export", CreatedAt: now.Add(-45 * day)},
		{Name: "terraform", Description: "Provisions workspaces", OrganizationRole: gen.ServiceAccountOrganizationRoleAdmin, CreatedAt: now.Add(-30 * day)},
		{Name: "legacy-cron", CreatedAt: now.Add(-90 * day)},
	}
	var ids []string
	for _, sd := range seeds {
		sd.CreatedByActorID = creator
		sa, err := s.AddServiceAccount(sd)
		if err != nil {
			return nil, err
		}
		ids = append(ids, sa.ID)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, m := range []struct {
		sa, ws int // indexes of ids and workspaces; ws -1 is the default workspace
		role   gen.AssignableWorkspaceRole
	}{
		{0, 0, gen.AssignableWorkspaceRoleWorkspaceDeveloper},
		{0, 1, gen.AssignableWorkspaceRoleWorkspaceDeveloper},
		{1, 0, gen.AssignableWorkspaceRoleWorkspaceRestrictedDeveloper},
		{2, -1, gen.AssignableWorkspaceRoleWorkspaceAdmin},
		{2, 0, gen.AssignableWorkspaceRoleWorkspaceAdmin},
		{3, 2, gen.AssignableWorkspaceRoleWorkspaceUser},
	} {
		ws := s.st.defaultWorkspaceID
		if m.ws >= 0 {
			ws = workspaces[m.ws].ID
		}
		if _, e := s.addSAMemberLocked(ids[m.sa], ws, gen.WorkspaceRole(m.role), creator); e != nil {
			return nil, asError(e)
		}
	}
	if _, e := s.archiveServiceAccountLocked(ids[3], creator, now); e != nil {
		return nil, asError(e)
	}
	return ids, nil
}
