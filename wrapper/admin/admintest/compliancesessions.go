package admintest

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// This file is the Compliance API's local and remote sessions and Claude
// Code artifacts. The rules: unknown IDs are 404; lists are oldest first
// (code artifacts by ID, as the docs say) with page tokens; the filters
// are user_ids[], organization_ids[] and created_at (sessions) or
// updated_at (code artifacts); a code artifact's delete takes its
// versions, and a second delete is a 404, as the docs say; a version
// download names an artifact and one of its versions, and a wrong
// organization_uuid is a 404, as for an artifact of another organization.

type session struct {
	id, userID, title, product string // product is "" for a remote session
	agentID, projectID         string // remote sessions only
	remote                     bool
	createdAt, updatedAt       time.Time
	messages                   []sessionMessage
}

type sessionMessage struct {
	id        string
	role      gen.ComplianceMessageRole
	text      string
	createdAt time.Time
}

type codeArtifact struct {
	id, title            string
	createdAt, updatedAt time.Time
	versions             []codeArtifactVersion
}

type codeArtifactVersion struct {
	id        string
	createdAt time.Time
	content   []byte
}

// SessionSeed is a local or remote session for [Server.AddComplianceSession].
type SessionSeed struct {
	// UserID is the session's user, a member (required).
	UserID string
	// Remote makes a remote (cloud-hosted Cowork) session; otherwise the
	// session is local.
	Remote bool
	// Product is the app of a local session (default cowork).
	Product string
	// Title is the session's title, if any.
	Title string
	// AgentID and ProjectID are a remote session's agent and project, if any.
	AgentID, ProjectID string
	// CreatedAt defaults to now; the messages follow a minute apart.
	CreatedAt time.Time
	// Messages are the transcript's turns, their text and role (default
	// user).
	Messages []MessageSeed
}

// CodeArtifactSeed is a Claude Code artifact for
// [Server.AddComplianceCodeArtifact].
type CodeArtifactSeed struct {
	// Title is the artifact's title, if any.
	Title string
	// CreatedAt defaults to now; the versions follow an hour apart.
	CreatedAt time.Time
	// Versions are the contents of its versions, oldest first (at least
	// one).
	Versions [][]byte
}

// AddComplianceSession adds a local or remote session with its transcript
// and returns its ID.
func (s *Server) AddComplianceSession(ss SessionSeed) (string, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.users.get(ss.UserID); !ok {
		return "", asError(badRequest("user_id: no member %q", ss.UserID))
	}
	st := s.contentLocked()
	created := cmp.Or(ss.CreatedAt, now)
	prefix, msgPrefix := "local_session", "local_session_msg"
	if ss.Remote {
		prefix, msgPrefix = "session", "session_msg"
	}
	se := &session{
		id: st.ids.next(prefix), userID: ss.UserID, title: ss.Title, remote: ss.Remote,
		agentID: ss.AgentID, projectID: ss.ProjectID, createdAt: created, updatedAt: created,
	}
	if !ss.Remote {
		se.product = cmp.Or(ss.Product, "cowork")
	}
	for i, m := range ss.Messages {
		at := created.Add(time.Duration(i) * time.Minute)
		se.messages = append(se.messages, sessionMessage{id: st.ids.next(msgPrefix), role: cmp.Or(m.Role, gen.ComplianceMessageRoleUser), text: m.Text, createdAt: at})
		se.updatedAt = at
	}
	if ss.Remote {
		st.remoteSessions.put(se.id, se)
	} else {
		st.localSessions.put(se.id, se)
	}
	return se.id, nil
}

// AddComplianceCodeArtifact adds a Claude Code artifact with its versions
// and returns it as the list shows it.
func (s *Server) AddComplianceCodeArtifact(cs CodeArtifactSeed) (admin.ComplianceCodeArtifact, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(cs.Versions) == 0 {
		return gen.ComplianceCodeArtifact{}, asError(badRequest("a code artifact needs a version"))
	}
	st := s.contentLocked()
	created := cmp.Or(cs.CreatedAt, now)
	a := &codeArtifact{id: st.ids.next("cart"), title: cs.Title, createdAt: created, updatedAt: created}
	for i, v := range cs.Versions {
		at := created.Add(time.Duration(i) * time.Hour)
		a.versions = append(a.versions, codeArtifactVersion{id: st.ids.next("cartv"), createdAt: at, content: v})
		a.updatedAt = at
	}
	st.codeArtifacts.put(a.id, a)
	return s.codeArtifactView(a), nil
}

func (s *Server) localSessionView(se *session) gen.ComplianceLocalSession {
	v := gen.ComplianceLocalSession{
		Type: gen.ComplianceLocalSessionTypeComplianceLocalSession, ID: se.id, CreatedAt: se.createdAt, UpdatedAt: se.updatedAt,
		OrganizationID: s.orgTaggedID(), Product: se.product, User: s.contentUser(se.userID),
	}
	v.Title = optionalString(se.title)
	return v
}

func (s *Server) remoteSessionView(se *session) gen.ComplianceRemoteSession {
	return gen.ComplianceRemoteSession{
		ID: se.id, AgentID: optionalString(se.agentID), ClaudeProjectID: optionalString(se.projectID),
		CreatedAt: se.createdAt, UpdatedAt: se.updatedAt, OrganizationID: s.orgTaggedID(),
		Title: optionalString(se.title), User: s.contentUser(se.userID),
	}
}

func (s *Server) codeArtifactView(a *codeArtifact) gen.ComplianceCodeArtifact {
	v := gen.ComplianceCodeArtifact{ID: a.id, OrganizationUUID: s.org.ID, Title: optionalString(a.title), CreatedAt: a.createdAt, UpdatedAt: a.updatedAt}
	for _, ver := range a.versions {
		v.Versions = append(v.Versions, gen.ComplianceCodeArtifactVersion{VersionID: ver.id, CreatedAt: ver.createdAt, SizeBytes: int64(len(ver.content))})
	}
	return v
}

// textBlocks is the content of a transcript turn.
func textBlocks(text string) []gen.ComplianceContentBlock {
	if text == "" {
		return []gen.ComplianceContentBlock{}
	}
	return []gen.ComplianceContentBlock{{Type: "text", Text: ptr(text)}}
}

// sessionFilter keeps the sessions that user_ids[], organization_ids[]
// and created_at select.
func (s *api) sessionFilter(users, orgs []string, gte, lt *time.Time) func(*session) bool {
	orgOK := s.matchesOrg(orgs)
	created := timeRange{gte: gte, lt: lt}
	return func(se *session) bool {
		return orgOK && (len(users) == 0 || slices.Contains(users, se.userID)) && created.has(se.createdAt)
	}
}

func sessionNotFound(id string) *apiError { return notFound("session %q not found", id) }

func (s *api) ListComplianceLocalSessions(ctx context.Context, req server.ListComplianceLocalSessionsRequestObject) (server.ListComplianceLocalSessionsResponseObject, error) {
	p := req.Params
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := tokenPage(s.st.content.localSessions, "local-sessions", p.Limit, p.Page, s.sessionFilter(p.UserIDs, p.OrganizationIDs, p.CreatedAtGte, p.CreatedAtLt), s.localSessionView)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceLocalSessions200JSONResponse{Body: gen.ComplianceLocalSessionList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

func (s *api) GetComplianceLocalSession(ctx context.Context, req server.GetComplianceLocalSessionRequestObject) (server.GetComplianceLocalSessionResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	se, ok := s.st.content.localSessions.get(req.LocalSessionID)
	if !ok {
		return nil, sessionNotFound(req.LocalSessionID)
	}
	return server.GetComplianceLocalSession200JSONResponse{Body: s.localSessionView(se)}, nil
}

func (s *api) ListComplianceLocalSessionMessages(ctx context.Context, req server.ListComplianceLocalSessionMessagesRequestObject) (server.ListComplianceLocalSessionMessagesResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	se, ok := s.st.content.localSessions.get(req.LocalSessionID)
	if !ok {
		return nil, sessionNotFound(req.LocalSessionID)
	}
	all := make([]gen.ComplianceLocalSessionMessage, len(se.messages))
	for i, m := range se.messages {
		all[i] = gen.ComplianceLocalSessionMessage{
			Type: gen.ComplianceLocalSessionMessageTypeComplianceLocalSessionMessage, ID: m.id, LocalSessionID: se.id,
			Role: m.role, Content: textBlocks(m.text), CreatedAt: m.createdAt,
		}
	}
	if req.Params.Order != nil && *req.Params.Order == gen.ComplianceSortOrderDesc {
		slices.Reverse(all)
	}
	data, next, e := slicePage(all, func(m gen.ComplianceLocalSessionMessage) string { return m.ID }, "local-session-messages", req.Params.Limit, req.Params.Page)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceLocalSessionMessages200JSONResponse{Body: gen.ComplianceLocalSessionMessageList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

func (s *api) ListComplianceRemoteSessions(ctx context.Context, req server.ListComplianceRemoteSessionsRequestObject) (server.ListComplianceRemoteSessionsResponseObject, error) {
	p := req.Params
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := tokenPage(s.st.content.remoteSessions, "remote-sessions", p.Limit, p.Page, s.sessionFilter(p.UserIDs, p.OrganizationIDs, p.CreatedAtGte, p.CreatedAtLt), s.remoteSessionView)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceRemoteSessions200JSONResponse{Body: gen.ComplianceRemoteSessionList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

func (s *api) ListComplianceRemoteSessionMessages(ctx context.Context, req server.ListComplianceRemoteSessionMessagesRequestObject) (server.ListComplianceRemoteSessionMessagesResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	se, ok := s.st.content.remoteSessions.get(req.ClaudeRemoteSessionID)
	if !ok {
		return nil, sessionNotFound(req.ClaudeRemoteSessionID)
	}
	all := make([]gen.ComplianceRemoteSessionMessage, len(se.messages))
	for i, m := range se.messages {
		all[i] = gen.ComplianceRemoteSessionMessage{ID: m.id, Role: m.role, Content: textBlocks(m.text), CreatedAt: m.createdAt}
	}
	data, next, e := slicePage(all, func(m gen.ComplianceRemoteSessionMessage) string { return m.ID }, "remote-session-messages", req.Params.Limit, req.Params.Page)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceRemoteSessionMessages200JSONResponse{Body: gen.ComplianceRemoteSessionMessageList{
		Session: s.remoteSessionView(se), Data: data, HasMore: next != nil, NextPage: next,
	}}, nil
}

func (s *api) ListComplianceCodeArtifacts(ctx context.Context, req server.ListComplianceCodeArtifactsRequestObject) (server.ListComplianceCodeArtifactsResponseObject, error) {
	p := req.Params
	orgOK := s.matchesOrg(p.OrganizationIDs)
	updated := timeRange{gte: p.UpdatedAtGte, lt: p.UpdatedAtLt}
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := tokenPage(s.st.content.codeArtifacts, "code-artifacts", p.Limit, p.Page,
		func(a *codeArtifact) bool { return orgOK && updated.has(a.updatedAt) }, s.codeArtifactView)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceCodeArtifacts200JSONResponse{Body: gen.ComplianceCodeArtifactList{Data: data, NextPage: next}}, nil
}

// codeArtifact returns the code artifact id of the organization orgUUID
// names (when given), or a 404.
func (s *api) codeArtifact(id string, orgUUID *string) (*codeArtifact, *apiError) {
	a, ok := s.st.content.codeArtifacts.get(id)
	if !ok || (orgUUID != nil && *orgUUID != s.org.ID) {
		return nil, notFound("code artifact %q not found", id)
	}
	return a, nil
}

func (s *api) DeleteComplianceCodeArtifact(ctx context.Context, req server.DeleteComplianceCodeArtifactRequestObject) (server.DeleteComplianceCodeArtifactResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	a, e := s.codeArtifact(req.ArtifactID, req.Params.OrganizationUUID)
	if e != nil {
		return nil, e
	}
	s.st.content.codeArtifacts.del(a.id)
	return server.DeleteComplianceCodeArtifact200JSONResponse{Body: gen.ComplianceCodeArtifactDeleted{ID: a.id, Type: gen.ComplianceCodeArtifactDeletedTypeCodeArtifactDeleted}}, nil
}

func (s *api) DownloadComplianceCodeArtifactVersion(ctx context.Context, req server.DownloadComplianceCodeArtifactVersionRequestObject) (server.DownloadComplianceCodeArtifactVersionResponseObject, error) {
	s.mu.RLock()
	a, e := s.codeArtifact(req.ArtifactID, req.Params.OrganizationUUID)
	s.mu.RUnlock()
	if e != nil {
		return nil, e
	}
	i := slices.IndexFunc(a.versions, func(v codeArtifactVersion) bool { return v.id == req.VersionID })
	if i < 0 {
		return nil, notFound("code artifact %q has no version %q", a.id, req.VersionID)
	}
	body, typ, n, sum := download(a.versions[i].content, "")
	return server.DownloadComplianceCodeArtifactVersion200AsteriskResponse{Body: body, ContentType: typ, ContentLength: n,
		Headers: server.DownloadComplianceCodeArtifactVersion200ResponseHeaders{ContentMd5: sum}}, nil
}
