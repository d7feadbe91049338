package admintest

import (
	"bytes"
	"cmp"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// This file is the Compliance API's content endpoints: claude.ai chats
// with their messages, files, generated files and artifacts, and projects
// with their documents, attachments and collaborators. The rules:
//
//   - Every unknown ID is a 404, also right after a delete: deletes are
//     for good, so a second delete is a 404 (the docs say so of code
//     artifacts; the fake does it everywhere).
//   - Deleting a chat deletes its messages, generated files and artifact
//     versions, and the files of its messages that nothing else
//     references (another chat's message or a project). A file that
//     another chat still references stays, without this chat's IDs.
//   - Deleting a file removes it from the messages and projects that
//     referenced it. Deleting a project document removes it from its
//     project.
//   - A project that still has chats cannot be deleted (409); deleting
//     one deletes its documents, collaborators, and the attached files
//     that no chat references.
//   - A chat that its user deleted in claude.ai (seeded with DeletedAt)
//     is listed with deleted_at, and its messages have empty content and
//     no references, as the docs say.
//   - Chats and projects are listed in creation order (their IDs sort
//     that way); the real service sorts by created_at with ties broken by
//     ID, which is the same order for seeded data. Chat cursors are chat
//     IDs rather than the service's opaque strings.
//   - Filters: user_ids[] (at most 10 for chats) together with any
//     updated_at.* is a 400, as the docs say since 2026-09-22;
//     organization_ids[] matches the organization's tagged ID or UUID.
//
// Scopes (read:compliance_user_data, delete:compliance_user_data) are
// enforced from the spec's x-admin-scopes for every operation, not here.

// contentState holds the claude.ai content the Compliance API reads.
type contentState struct {
	// ids makes the content's IDs. It is not the server's generator, so
	// that seeding demo content after everything else changes no other
	// ID (the CLI's golden files name IDs the server draws later).
	ids       *idGen
	chats     *table[chat]
	messages  map[string]*chatMessage // by message ID
	files     *table[chatFile]
	genFiles  *table[genFile]
	artifacts *table[artifactVersion] // by version ID
	projects  *table[project]
	docs      *table[projectDoc]
	// Sessions and Claude Code artifacts (compliancesessions.go).
	localSessions  *table[session]
	remoteSessions *table[session]
	codeArtifacts  *table[codeArtifact]
	// Compliance review (compliancereview.go).
	reviewCases   *table[reviewCase]
	reviewItems   map[string]gen.ComplianceReviewItem
	reviewNotices *table[gen.ComplianceReviewNotice]
}

func newContentState() *contentState {
	return &contentState{
		chats:     newTable[chat](),
		messages:  make(map[string]*chatMessage),
		files:     newTable[chatFile](),
		genFiles:  newTable[genFile](),
		artifacts: newTable[artifactVersion](),
		projects:  newTable[project](),
		docs:      newTable[projectDoc](),

		localSessions:  newTable[session](),
		remoteSessions: newTable[session](),
		codeArtifacts:  newTable[codeArtifact](),
		reviewCases:    newTable[reviewCase](),
		reviewItems:    make(map[string]gen.ComplianceReviewItem),
		reviewNotices:  newTable[gen.ComplianceReviewNotice](),
	}
}

type chat struct {
	id, name, model, userID, projectID string
	createdAt, updatedAt               time.Time
	deletedAt                          *time.Time
	messages                           []*chatMessage // in creation order
}

type chatMessage struct {
	id, chatID string
	role       gen.ComplianceMessageRole
	text       string
	createdAt  time.Time
	files      []string // chat file IDs
	genFiles   []string // generated file IDs
	artifacts  []string // artifact version IDs
}

type chatFile struct {
	id, filename, mimeType string
	createdAt              time.Time
	content                []byte
	messageIDs             []string // the messages that reference the file
	projectIDs             []string // the projects it is attached to
}

type genFile struct {
	id, chatID, filename, mimeType string
	createdAt                      time.Time
	content                        []byte
}

type artifactVersion struct {
	versionID, artifactID, chatID, artifactType, title, content string
	createdAt                                                   time.Time
}

type project struct {
	id, name, description, instructions, userID string
	private                                     bool
	createdAt, updatedAt                        time.Time
	deletedAt                                   *time.Time
	files                                       []string // attached chat file IDs
	collaborators                               []gen.ComplianceProjectCollaborator
}

type projectDoc struct {
	id, projectID, filename, content, userID string
	createdAt                                time.Time
}

// FileSeed is a file of a seeded chat message or project.
type FileSeed struct {
	// Filename is required.
	Filename string
	// MIMEType is the file's media type; empty means none is recorded
	// (the download is then application/octet-stream).
	MIMEType string
	// Content is the file's bytes.
	Content []byte
}

// ArtifactSeed is an artifact version made by a seeded assistant message.
type ArtifactSeed struct {
	// Title is required.
	Title string
	// Type is the MIME-like artifact type (default application/vnd.ant.code).
	Type string
	// Content is the artifact's text.
	Content string
}

// MessageSeed is a message of a seeded chat.
type MessageSeed struct {
	// Role defaults to user.
	Role admin.ComplianceMessageRole
	// Text is the message's one text block.
	Text string
	// Files are uploaded with the message.
	Files []FileSeed
	// GeneratedFiles are created by the assistant with a tool.
	GeneratedFiles []FileSeed
	// Artifacts are artifact versions the assistant made.
	Artifacts []ArtifactSeed
}

// ChatSeed is a claude.ai chat for [Server.AddComplianceChat].
type ChatSeed struct {
	// UserID is the chat's owner, a member of the organization (required).
	UserID string
	// Name defaults to "Untitled".
	Name string
	// Model is the model the chat used; empty means none recorded.
	Model string
	// ProjectID, when set, is a project of the fake the chat belongs to.
	ProjectID string
	// CreatedAt defaults to now; the messages follow a minute apart.
	CreatedAt time.Time
	// DeletedAt, when set, marks a chat the user deleted in claude.ai:
	// still listed, with empty messages.
	DeletedAt time.Time
	// Messages are the chat's messages, in order.
	Messages []MessageSeed
}

// DocumentSeed is a document of a seeded project.
type DocumentSeed struct {
	// Filename is required.
	Filename string
	// Content is the document's text.
	Content string
}

// ProjectSeed is a claude.ai project for [Server.AddComplianceProject].
type ProjectSeed struct {
	// UserID is the project's creator, a member (required).
	UserID string
	// Name is required.
	Name string
	// Description and Instructions are the project's texts.
	Description, Instructions string
	// Private limits the project to its creator and collaborators.
	Private bool
	// CreatedAt defaults to now.
	CreatedAt time.Time
	// Documents are the project's documents.
	Documents []DocumentSeed
	// Files are files attached to the project.
	Files []FileSeed
	// Collaborators are role assignments (the creator's owner role is
	// added first). GrantedAt defaults to CreatedAt.
	Collaborators []admin.ComplianceProjectCollaborator
}

// AddComplianceChat adds a chat with its messages, files, generated files
// and artifacts, and returns it as getting its messages does.
func (s *Server) AddComplianceChat(c ChatSeed) (admin.ComplianceChatMessages, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.users.get(c.UserID); !ok {
		return gen.ComplianceChatMessages{}, asError(badRequest("user_id: no member %q", c.UserID))
	}
	if c.ProjectID != "" {
		if _, ok := s.st.content.projects.get(c.ProjectID); !ok {
			return gen.ComplianceChatMessages{}, asError(badRequest("project_id: no project %q", c.ProjectID))
		}
	}
	for _, m := range c.Messages {
		for _, f := range append(slices.Clip(m.Files), m.GeneratedFiles...) {
			if f.Filename == "" {
				return gen.ComplianceChatMessages{}, asError(badRequest("a file needs a filename"))
			}
		}
		for _, a := range m.Artifacts {
			if a.Title == "" {
				return gen.ComplianceChatMessages{}, asError(badRequest("an artifact needs a title"))
			}
		}
	}
	st := s.contentLocked()
	created := cmp.Or(c.CreatedAt, now)
	ch := &chat{
		id: st.ids.next("claude_chat"), name: cmp.Or(c.Name, "Untitled"), model: c.Model,
		userID: c.UserID, projectID: c.ProjectID, createdAt: created, updatedAt: created,
	}
	if !c.DeletedAt.IsZero() {
		ch.deletedAt = ptr(c.DeletedAt)
	}
	for i, ms := range c.Messages {
		at := created.Add(time.Duration(i) * time.Minute)
		m := &chatMessage{id: st.ids.next("claude_chat_msg"), chatID: ch.id, role: cmp.Or(ms.Role, gen.ComplianceMessageRoleUser), text: ms.Text, createdAt: at}
		for _, fs := range ms.Files {
			f := &chatFile{id: st.ids.next("claude_file"), filename: fs.Filename, mimeType: fs.MIMEType, createdAt: at, content: fs.Content, messageIDs: []string{m.id}}
			st.files.put(f.id, f)
			m.files = append(m.files, f.id)
		}
		for _, fs := range ms.GeneratedFiles {
			g := &genFile{id: st.ids.next("claude_gen_file"), chatID: ch.id, filename: fs.Filename, mimeType: fs.MIMEType, createdAt: at, content: fs.Content}
			st.genFiles.put(g.id, g)
			m.genFiles = append(m.genFiles, g.id)
		}
		for _, as := range ms.Artifacts {
			a := &artifactVersion{
				versionID: st.ids.next("claude_artifact_version"), artifactID: st.ids.next("claude_artifact"), chatID: ch.id,
				artifactType: cmp.Or(as.Type, "application/vnd.ant.code"), title: as.Title, content: as.Content, createdAt: at,
			}
			st.artifacts.put(a.versionID, a)
			m.artifacts = append(m.artifacts, a.versionID)
		}
		ch.messages = append(ch.messages, m)
		st.messages[m.id] = m
		ch.updatedAt = at
	}
	st.chats.put(ch.id, ch)
	return s.chatMessagesView(ch, ch.messages), nil
}

// AddComplianceProject adds a project with its documents, attached files
// and collaborators, and returns it as getting it does.
func (s *Server) AddComplianceProject(p ProjectSeed) (admin.ComplianceProjectDetails, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.users.get(p.UserID); !ok {
		return gen.ComplianceProjectDetails{}, asError(badRequest("user_id: no member %q", p.UserID))
	}
	if p.Name == "" {
		return gen.ComplianceProjectDetails{}, asError(badRequest("name: required"))
	}
	st := s.contentLocked()
	created := cmp.Or(p.CreatedAt, now)
	pr := &project{
		id: st.ids.next("claude_proj"), name: p.Name, description: p.Description, instructions: p.Instructions,
		userID: p.UserID, private: p.Private, createdAt: created, updatedAt: created,
	}
	pr.collaborators = append(pr.collaborators, gen.ComplianceProjectCollaborator{
		Type: gen.ComplianceProjectCollaboratorTypeUser, Role: gen.ComplianceProjectRoleOwner, UserID: ptr(p.UserID), GrantedAt: created,
	})
	for _, c := range p.Collaborators {
		if c.GrantedAt.IsZero() {
			c.GrantedAt = created
		}
		pr.collaborators = append(pr.collaborators, c)
	}
	for _, d := range p.Documents {
		doc := &projectDoc{id: st.ids.next("claude_proj_doc"), projectID: pr.id, filename: d.Filename, content: d.Content, userID: p.UserID, createdAt: created}
		st.docs.put(doc.id, doc)
	}
	for _, fs := range p.Files {
		f := &chatFile{id: st.ids.next("claude_file"), filename: fs.Filename, mimeType: fs.MIMEType, createdAt: created, content: fs.Content, projectIDs: []string{pr.id}}
		st.files.put(f.id, f)
		pr.files = append(pr.files, f.id)
	}
	st.projects.put(pr.id, pr)
	return s.projectDetails(pr), nil
}

// contentLocked returns the content state, its ID generator made on
// first use. Callers hold s.mu for writing.
func (s *Server) contentLocked() *contentState {
	st := s.st.content
	if st.ids == nil {
		st.ids = newIDGen(s.seed ^ 0xc0de47)
	}
	return st
}

// orgTaggedID is the organization's tagged ID (org_ and its UUID's hex
// digits; the real IDs are opaque), which the activities and the Compliance
// API's content report beside its UUID.
func (s *Server) orgTaggedID() string { return "org_" + strings.ReplaceAll(s.org.ID, "-", "") }

// matchesOrg reports whether ids (organization_ids[]) is empty or names
// the organization by its tagged ID or UUID.
func (s *api) matchesOrg(ids []string) bool {
	return len(ids) == 0 || slices.Contains(ids, s.org.ID) || slices.Contains(ids, s.orgTaggedID())
}

// contentUser is the creator of a chat, project or document, or nil when
// they are no longer a member.
func (s *Server) contentUser(id string) *gen.ComplianceContentUser {
	u, ok := s.st.users.get(id)
	if !ok {
		return nil
	}
	return &gen.ComplianceContentUser{ID: u.ID, EmailAddress: u.Email}
}

func (s *Server) chatView(c *chat) gen.ComplianceChat {
	v := gen.ComplianceChat{
		ID: c.id, CreatedAt: c.createdAt, UpdatedAt: c.updatedAt, DeletedAt: c.deletedAt,
		Href: "https://claude.ai/chat/" + strings.TrimPrefix(c.id, "claude_chat_"), Name: c.name,
		OrganizationID: s.orgTaggedID(), OrganizationUUID: ptr(s.org.ID),
		User: s.contentUser(c.userID),
	}
	if c.model != "" {
		v.Model = ptr(c.model)
	}
	if c.projectID != "" {
		v.ProjectID = ptr(c.projectID)
	}
	return v
}

func (s *Server) messageView(c *chat, m *chatMessage) gen.ComplianceChatMessage {
	v := gen.ComplianceChatMessage{ID: m.id, Role: m.role, CreatedAt: m.createdAt, Content: []gen.ComplianceContentBlock{}}
	if c.deletedAt != nil {
		return v // content empty, references null: the docs' rule for deleted chats
	}
	if m.text != "" {
		v.Content = append(v.Content, gen.ComplianceContentBlock{Type: "text", Text: ptr(m.text)})
	}
	st := s.st.content
	v.Files = []gen.ComplianceFileReference{}
	for _, id := range m.files {
		if f, ok := st.files.get(id); ok {
			v.Files = append(v.Files, gen.ComplianceFileReference{ID: f.id, Filename: f.filename, MIMEType: optionalString(f.mimeType)})
		}
	}
	v.GeneratedFiles = []gen.ComplianceFileReference{}
	for _, id := range m.genFiles {
		if g, ok := st.genFiles.get(id); ok {
			v.GeneratedFiles = append(v.GeneratedFiles, gen.ComplianceFileReference{ID: g.id, Filename: g.filename, MIMEType: optionalString(g.mimeType)})
		}
	}
	v.Artifacts = []gen.ComplianceArtifactReference{}
	for _, id := range m.artifacts {
		if a, ok := st.artifacts.get(id); ok {
			v.Artifacts = append(v.Artifacts, gen.ComplianceArtifactReference{ID: a.artifactID, ArtifactType: a.artifactType, Title: a.title, VersionID: a.versionID})
		}
	}
	return v
}

func (s *Server) chatMessagesView(c *chat, msgs []*chatMessage) gen.ComplianceChatMessages {
	cv := s.chatView(c)
	v := gen.ComplianceChatMessages{
		ID: c.id, Name: ptr(c.name), CreatedAt: ptr(c.createdAt), UpdatedAt: ptr(c.updatedAt), DeletedAt: c.deletedAt,
		OrganizationID: ptr(cv.OrganizationID), ProjectID: cv.ProjectID, User: cv.User,
		ChatMessages: make([]gen.ComplianceChatMessage, 0, len(msgs)),
	}
	for _, m := range msgs {
		v.ChatMessages = append(v.ChatMessages, s.messageView(c, m))
	}
	return v
}

// optionalString is nil for "".
func optionalString(v string) *string {
	if v == "" {
		return nil
	}
	return &v
}

// timeRange is a created_at or updated_at filter.
type timeRange struct{ gt, gte, lt, lte *time.Time }

func (r timeRange) set() bool { return r.gt != nil || r.gte != nil || r.lt != nil || r.lte != nil }

func (r timeRange) has(t time.Time) bool {
	return (r.gt == nil || t.After(*r.gt)) && (r.gte == nil || !t.Before(*r.gte)) &&
		(r.lt == nil || t.Before(*r.lt)) && (r.lte == nil || !t.After(*r.lte))
}

func (s *api) ListComplianceChats(ctx context.Context, req server.ListComplianceChatsRequestObject) (server.ListComplianceChatsResponseObject, error) {
	p := req.Params
	created := timeRange{p.CreatedAtGt, p.CreatedAtGte, p.CreatedAtLt, p.CreatedAtLte}
	updated := timeRange{p.UpdatedAtGt, p.UpdatedAtGte, p.UpdatedAtLt, p.UpdatedAtLte}
	if len(p.UserIDs) > 0 && updated.set() {
		return nil, badRequest("user_ids[] cannot be combined with the updated_at filters (since 2026-09-22); filter on created_at, or list without user_ids[]")
	}
	if p.BeforeID != nil && p.AfterID != nil {
		return nil, badRequest("before_id and after_id are mutually exclusive")
	}
	if !s.matchesOrg(p.OrganizationIDs) {
		return server.ListComplianceChats200JSONResponse{Body: gen.ComplianceChatList{Data: []gen.ComplianceChat{}}}, nil
	}
	c := cursor{limit: 100}
	if p.Limit != nil {
		c.limit = *p.Limit
	}
	if p.AfterID != nil {
		c.afterID = *p.AfterID
	}
	if p.BeforeID != nil {
		c.beforeID = *p.BeforeID
	}
	keep := func(ch *chat) bool {
		return (len(p.UserIDs) == 0 || slices.Contains(p.UserIDs, ch.userID)) &&
			(len(p.ProjectIDs) == 0 || slices.Contains(p.ProjectIDs, ch.projectID)) &&
			created.has(ch.createdAt) && updated.has(ch.updatedAt)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	pg := listPage(s.st.content.chats, c, keep, s.chatView)
	return server.ListComplianceChats200JSONResponse{Body: gen.ComplianceChatList{Data: pg.data, HasMore: pg.hasMore, FirstID: pg.firstID, LastID: pg.lastID}}, nil
}

func chatNotFound(id string) *apiError { return notFound("chat %q not found", id) }

func (s *api) DeleteComplianceChat(ctx context.Context, req server.DeleteComplianceChatRequestObject) (server.DeleteComplianceChatResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st.content
	ch, ok := st.chats.get(req.ClaudeChatID)
	if !ok {
		return nil, chatNotFound(req.ClaudeChatID)
	}
	for _, m := range ch.messages {
		for _, id := range m.files {
			if f, ok := st.files.get(id); ok {
				f.messageIDs = slices.DeleteFunc(f.messageIDs, func(mid string) bool { return mid == m.id })
				if len(f.messageIDs) == 0 && len(f.projectIDs) == 0 {
					st.files.del(id)
				}
			}
		}
		for _, id := range m.genFiles {
			st.genFiles.del(id)
		}
		for _, id := range m.artifacts {
			st.artifacts.del(id)
		}
		delete(st.messages, m.id)
	}
	st.chats.del(ch.id)
	return server.DeleteComplianceChat200JSONResponse{Body: gen.ComplianceChatDeleted{ID: ch.id, Type: ptr(gen.ComplianceChatDeletedTypeClaudeChatDeleted)}}, nil
}

func (s *api) ListComplianceChatMessages(ctx context.Context, req server.ListComplianceChatMessagesRequestObject) (server.ListComplianceChatMessagesResponseObject, error) {
	p := req.Params
	if p.BeforeID != nil && p.AfterID != nil {
		return nil, badRequest("before_id and after_id are mutually exclusive")
	}
	created := timeRange{p.CreatedAtGt, p.CreatedAtGte, p.CreatedAtLt, p.CreatedAtLte}
	s.mu.RLock()
	defer s.mu.RUnlock()
	ch, ok := s.st.content.chats.get(req.ClaudeChatID)
	if !ok {
		return nil, chatNotFound(req.ClaudeChatID)
	}
	var msgs []*chatMessage
	for _, m := range ch.messages {
		if created.has(m.createdAt) {
			msgs = append(msgs, m)
		}
	}
	desc := p.Order != nil && *p.Order == gen.ComplianceSortOrderDesc
	if desc {
		msgs = slices.Clone(msgs)
		slices.Reverse(msgs)
	}
	// after_id continues in the order of the response; before_id goes back.
	if p.AfterID != nil || p.BeforeID != nil {
		at := -1
		for i, m := range msgs {
			if (p.AfterID != nil && m.id == *p.AfterID) || (p.BeforeID != nil && m.id == *p.BeforeID) {
				at = i
			}
		}
		if at < 0 {
			return nil, badRequest("invalid cursor: no message %q in this chat", cmp.Or(orZero(p.AfterID), orZero(p.BeforeID)))
		}
		if p.AfterID != nil {
			msgs = msgs[at+1:]
		} else {
			msgs = msgs[:at]
		}
	}
	more := false
	if p.Limit != nil && len(msgs) > *p.Limit {
		more = true
		if p.BeforeID != nil {
			msgs = msgs[len(msgs)-*p.Limit:]
		} else {
			msgs = msgs[:*p.Limit]
		}
	}
	v := s.chatMessagesView(ch, msgs)
	if p.Limit != nil {
		v.HasMore = ptr(more)
		if len(msgs) > 0 {
			v.FirstID, v.LastID = ptr(msgs[0].id), ptr(msgs[len(msgs)-1].id)
		}
	}
	return server.ListComplianceChatMessages200JSONResponse{Body: v}, nil
}

// orZero is the value of p, or the zero value.
func orZero[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

func fileNotFound(id string) *apiError { return notFound("file %q not found", id) }

// md5Hex is the lowercase hex MD5 of b.
func md5Hex(b []byte) string {
	sum := md5.Sum(b)
	return hex.EncodeToString(sum[:])
}

// download is the response of a content download: the bytes with their
// type, length and Content-MD5.
func download(content []byte, mimeType string) (body *bytes.Reader, contentType string, length int64, md5B64 *string) {
	sum := md5.Sum(content)
	return bytes.NewReader(content), cmp.Or(mimeType, "application/octet-stream"), int64(len(content)), ptr(base64.StdEncoding.EncodeToString(sum[:]))
}

func (s *api) GetComplianceFile(ctx context.Context, req server.GetComplianceFileRequestObject) (server.GetComplianceFileResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	st := s.st.content
	f, ok := st.files.get(req.ClaudeFileID)
	if !ok {
		return nil, fileNotFound(req.ClaudeFileID)
	}
	v := gen.ComplianceFile{
		ID: f.id, CreatedAt: f.createdAt, Filename: ptr(f.filename), MD5: ptr(md5Hex(f.content)),
		MIMEType: optionalString(f.mimeType), SizeBytes: ptr(int64(len(f.content))),
		MessageIDs: slices.Clone(f.messageIDs), ClaudeChatIDs: []string{},
	}
	if v.MessageIDs == nil {
		v.MessageIDs = []string{}
	}
	for _, mid := range f.messageIDs {
		if m, ok := st.messages[mid]; ok && !slices.Contains(v.ClaudeChatIDs, m.chatID) {
			v.ClaudeChatIDs = append(v.ClaudeChatIDs, m.chatID)
		}
	}
	return server.GetComplianceFile200JSONResponse{Body: v}, nil
}

func (s *api) DeleteComplianceFile(ctx context.Context, req server.DeleteComplianceFileRequestObject) (server.DeleteComplianceFileResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st.content
	f, ok := st.files.get(req.ClaudeFileID)
	if !ok {
		return nil, fileNotFound(req.ClaudeFileID)
	}
	for _, mid := range f.messageIDs {
		if m, ok := st.messages[mid]; ok {
			m.files = slices.DeleteFunc(m.files, func(id string) bool { return id == f.id })
		}
	}
	for _, pid := range f.projectIDs {
		if p, ok := st.projects.get(pid); ok {
			p.files = slices.DeleteFunc(p.files, func(id string) bool { return id == f.id })
		}
	}
	st.files.del(f.id)
	return server.DeleteComplianceFile200JSONResponse{Body: gen.ComplianceFileDeleted{ID: f.id, Type: ptr(gen.ComplianceFileDeletedTypeClaudeFileDeleted)}}, nil
}

func (s *api) DownloadComplianceFile(ctx context.Context, req server.DownloadComplianceFileRequestObject) (server.DownloadComplianceFileResponseObject, error) {
	s.mu.RLock()
	f, ok := s.st.content.files.get(req.ClaudeFileID)
	s.mu.RUnlock()
	if !ok {
		return nil, fileNotFound(req.ClaudeFileID)
	}
	body, typ, n, sum := download(f.content, f.mimeType)
	return server.DownloadComplianceFile200AsteriskResponse{Body: body, ContentType: typ, ContentLength: n,
		Headers: server.DownloadComplianceFile200ResponseHeaders{ContentMd5: sum}}, nil
}

func genFileNotFound(id string) *apiError { return notFound("generated file %q not found", id) }

func (s *api) GetComplianceGeneratedFile(ctx context.Context, req server.GetComplianceGeneratedFileRequestObject) (server.GetComplianceGeneratedFileResponseObject, error) {
	s.mu.RLock()
	g, ok := s.st.content.genFiles.get(req.ClaudeGenFileID)
	s.mu.RUnlock()
	if !ok {
		return nil, genFileNotFound(req.ClaudeGenFileID)
	}
	return server.GetComplianceGeneratedFile200JSONResponse{Body: gen.ComplianceGeneratedFile{
		ID: g.id, ClaudeChatID: g.chatID, CreatedAt: ptr(g.createdAt), Filename: g.filename,
		MD5: ptr(md5Hex(g.content)), MIMEType: optionalString(g.mimeType), SizeBytes: ptr(int64(len(g.content))),
	}}, nil
}

func (s *api) DownloadComplianceGeneratedFile(ctx context.Context, req server.DownloadComplianceGeneratedFileRequestObject) (server.DownloadComplianceGeneratedFileResponseObject, error) {
	s.mu.RLock()
	g, ok := s.st.content.genFiles.get(req.ClaudeGenFileID)
	s.mu.RUnlock()
	if !ok {
		return nil, genFileNotFound(req.ClaudeGenFileID)
	}
	body, typ, n, sum := download(g.content, g.mimeType)
	return server.DownloadComplianceGeneratedFile200AsteriskResponse{Body: body, ContentType: typ, ContentLength: n,
		Headers: server.DownloadComplianceGeneratedFile200ResponseHeaders{ContentMd5: sum}}, nil
}

func (s *Server) projectView(p *project) gen.ComplianceProject {
	return gen.ComplianceProject{
		ID: p.id, CreatedAt: p.createdAt, UpdatedAt: p.updatedAt, DeletedAt: p.deletedAt, IsPrivate: p.private, Name: p.name,
		OrganizationID: s.orgTaggedID(), OrganizationUUID: s.org.ID, User: s.contentUser(p.userID),
	}
}

// projectDocs returns the documents of project id, in creation order.
func (s *Server) projectDocs(id string) []*projectDoc {
	var docs []*projectDoc
	s.st.content.docs.all(func(_ string, d *projectDoc) bool {
		if d.projectID == id {
			docs = append(docs, d)
		}
		return true
	})
	return docs
}

// projectChats returns how many chats belong to project id.
func (s *Server) projectChats(id string) int {
	n := 0
	s.st.content.chats.all(func(_ string, c *chat) bool {
		if c.projectID == id {
			n++
		}
		return true
	})
	return n
}

func (s *Server) projectDetails(p *project) gen.ComplianceProjectDetails {
	v := s.projectView(p)
	return gen.ComplianceProjectDetails{
		ID: v.ID, CreatedAt: v.CreatedAt, UpdatedAt: v.UpdatedAt, DeletedAt: v.DeletedAt, IsPrivate: v.IsPrivate, Name: v.Name,
		OrganizationID: v.OrganizationID, OrganizationUUID: v.OrganizationUUID, User: v.User,
		Description: ptr(p.description), Instructions: ptr(p.instructions),
		ChatsCount: ptr(s.projectChats(p.id)), AttachmentsCount: ptr(len(p.files) + len(s.projectDocs(p.id))),
	}
}

func projectNotFound(id string) *apiError { return notFound("project %q not found", id) }

func (s *api) ListComplianceProjects(ctx context.Context, req server.ListComplianceProjectsRequestObject) (server.ListComplianceProjectsResponseObject, error) {
	p := req.Params
	created := timeRange{p.CreatedAtGt, p.CreatedAtGte, p.CreatedAtLt, p.CreatedAtLte}
	orgOK := s.matchesOrg(p.OrganizationIDs)
	keep := func(pr *project) bool {
		return orgOK && (len(p.UserIDs) == 0 || slices.Contains(p.UserIDs, pr.userID)) && created.has(pr.createdAt)
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := tokenPage(s.st.content.projects, "compliance-projects", p.Limit, p.Page, keep, s.projectView)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceProjects200JSONResponse{Body: gen.ComplianceProjectList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

func (s *api) GetComplianceProject(ctx context.Context, req server.GetComplianceProjectRequestObject) (server.GetComplianceProjectResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.st.content.projects.get(req.ProjectID)
	if !ok {
		return nil, projectNotFound(req.ProjectID)
	}
	return server.GetComplianceProject200JSONResponse{Body: s.projectDetails(p)}, nil
}

func (s *api) DeleteComplianceProject(ctx context.Context, req server.DeleteComplianceProjectRequestObject) (server.DeleteComplianceProjectResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.st.content
	p, ok := st.projects.get(req.ProjectID)
	if !ok {
		return nil, projectNotFound(req.ProjectID)
	}
	if n := s.projectChats(p.id); n > 0 {
		return nil, conflict("project %q still has %d chats; delete them first", p.id, n)
	}
	for _, d := range s.projectDocs(p.id) {
		st.docs.del(d.id)
	}
	for _, id := range p.files {
		if f, ok := st.files.get(id); ok {
			f.projectIDs = slices.DeleteFunc(f.projectIDs, func(pid string) bool { return pid == p.id })
			if len(f.projectIDs) == 0 && len(f.messageIDs) == 0 {
				st.files.del(id)
			}
		}
	}
	st.projects.del(p.id)
	return server.DeleteComplianceProject200JSONResponse{Body: gen.ComplianceProjectDeleted{ID: p.id, Type: ptr(gen.ComplianceProjectDeletedTypeClaudeProjectDeleted)}}, nil
}

// slicePage is tokenPage for a list built per request, already in its
// order: the token holds the last item's ID.
func slicePage[R any](items []R, idOf func(R) string, kind string, limit *int, page *string) ([]R, *string, *apiError) {
	after, e := parsePageToken(kind, page)
	if e != nil {
		return nil, nil, e
	}
	start := 0
	if after != "" {
		start = slices.IndexFunc(items, func(r R) bool { return idOf(r) == after }) + 1
		if start == 0 {
			return nil, nil, badRequest("page: invalid page token")
		}
	}
	n := 20
	if limit != nil {
		n = *limit
	}
	rest := items[start:]
	if len(rest) <= n {
		return append([]R{}, rest...), nil, nil
	}
	return rest[:n], pageToken(kind, idOf(rest[n-1])), nil
}

func (s *api) ListComplianceProjectAttachments(ctx context.Context, req server.ListComplianceProjectAttachmentsRequestObject) (server.ListComplianceProjectAttachmentsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.st.content.projects.get(req.ProjectID)
	if !ok {
		return nil, projectNotFound(req.ProjectID)
	}
	var all []gen.ComplianceProjectAttachment
	for _, id := range p.files {
		if f, ok := s.st.content.files.get(id); ok {
			all = append(all, gen.ComplianceProjectAttachment{Type: gen.ComplianceProjectAttachmentTypeProjectFile, ID: f.id, CreatedAt: f.createdAt, Filename: f.filename, MIMEType: optionalString(f.mimeType)})
		}
	}
	for _, d := range s.projectDocs(p.id) {
		all = append(all, gen.ComplianceProjectAttachment{Type: gen.ComplianceProjectAttachmentTypeProjectDoc, ID: d.id, CreatedAt: d.createdAt, Filename: d.filename})
	}
	slices.SortStableFunc(all, func(a, b gen.ComplianceProjectAttachment) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})
	data, next, e := slicePage(all, func(a gen.ComplianceProjectAttachment) string { return a.ID }, "project-attachments", req.Params.Limit, req.Params.Page)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceProjectAttachments200JSONResponse{Body: gen.ComplianceProjectAttachmentList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

func (s *api) ListComplianceProjectCollaborators(ctx context.Context, req server.ListComplianceProjectCollaboratorsRequestObject) (server.ListComplianceProjectCollaboratorsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	p, ok := s.st.content.projects.get(req.ProjectID)
	if !ok {
		return nil, projectNotFound(req.ProjectID)
	}
	// The position in the list identifies an assignment (the service uses
	// the role assignment's UUID, which the API does not show).
	type indexed struct {
		i int
		c gen.ComplianceProjectCollaborator
	}
	all := make([]indexed, len(p.collaborators))
	for i, c := range p.collaborators {
		all[i] = indexed{i, c}
	}
	slices.SortStableFunc(all, func(a, b indexed) int { return a.c.GrantedAt.Compare(b.c.GrantedAt) })
	page, next, e := slicePage(all, func(x indexed) string { return strconv.Itoa(x.i) }, "project-collaborators", req.Params.Limit, req.Params.Page)
	if e != nil {
		return nil, e
	}
	data := make([]gen.ComplianceProjectCollaborator, len(page))
	for i, x := range page {
		data[i] = x.c
	}
	return server.ListComplianceProjectCollaborators200JSONResponse{Body: gen.ComplianceProjectCollaboratorList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

func docNotFound(id string) *apiError { return notFound("project document %q not found", id) }

func (s *api) GetComplianceProjectDocument(ctx context.Context, req server.GetComplianceProjectDocumentRequestObject) (server.GetComplianceProjectDocumentResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.st.content.docs.get(req.DocumentID)
	if !ok {
		return nil, docNotFound(req.DocumentID)
	}
	return server.GetComplianceProjectDocument200JSONResponse{Body: gen.ComplianceProjectDocument{
		ID: d.id, Content: d.content, CreatedAt: d.createdAt, Filename: d.filename, User: s.contentUser(d.userID),
	}}, nil
}

func (s *api) GetComplianceProjectDocumentMetadata(ctx context.Context, req server.GetComplianceProjectDocumentMetadataRequestObject) (server.GetComplianceProjectDocumentMetadataResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	d, ok := s.st.content.docs.get(req.DocumentID)
	if !ok {
		return nil, docNotFound(req.DocumentID)
	}
	return server.GetComplianceProjectDocumentMetadata200JSONResponse{Body: gen.ComplianceProjectDocumentMetadata{
		ID: d.id, CreatedAt: d.createdAt, Filename: d.filename, MD5: md5Hex([]byte(d.content)), SizeBytes: int64(len(d.content)), User: s.contentUser(d.userID),
	}}, nil
}

func (s *api) DeleteComplianceProjectDocument(ctx context.Context, req server.DeleteComplianceProjectDocumentRequestObject) (server.DeleteComplianceProjectDocumentResponseObject, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if !s.st.content.docs.del(req.DocumentID) {
		return nil, docNotFound(req.DocumentID)
	}
	return server.DeleteComplianceProjectDocument200JSONResponse{Body: gen.ComplianceProjectDocumentDeleted{
		ID: req.DocumentID, Type: ptr(gen.ComplianceProjectDocumentDeletedTypeClaudeProjectDocumentDeleted),
	}}, nil
}

func artifactNotFound(id string) *apiError { return notFound("artifact version %q not found", id) }

func (s *api) GetComplianceArtifact(ctx context.Context, req server.GetComplianceArtifactRequestObject) (server.GetComplianceArtifactResponseObject, error) {
	s.mu.RLock()
	a, ok := s.st.content.artifacts.get(req.ArtifactVersionID)
	s.mu.RUnlock()
	if !ok {
		return nil, artifactNotFound(req.ArtifactVersionID)
	}
	return server.GetComplianceArtifact200JSONResponse{Body: gen.ComplianceArtifact{
		ID: a.artifactID, VersionID: a.versionID, ArtifactType: a.artifactType, ClaudeChatID: a.chatID, CreatedAt: a.createdAt,
		MD5: md5Hex([]byte(a.content)), SizeBytes: int64(len(a.content)), Title: a.title,
	}}, nil
}

func (s *api) DownloadComplianceArtifact(ctx context.Context, req server.DownloadComplianceArtifactRequestObject) (server.DownloadComplianceArtifactResponseObject, error) {
	s.mu.RLock()
	a, ok := s.st.content.artifacts.get(req.ArtifactVersionID)
	s.mu.RUnlock()
	if !ok {
		return nil, artifactNotFound(req.ArtifactVersionID)
	}
	body, typ, n, sum := download([]byte(a.content), "text/plain; charset=utf-8")
	return server.DownloadComplianceArtifact200AsteriskResponse{Body: body, ContentType: typ, ContentLength: n,
		Headers: server.DownloadComplianceArtifact200ResponseHeaders{ContentMd5: sum}}, nil
}
