package admintest

import (
	"crypto/md5"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// complianceHeaders are the headers of a valid Compliance API request.
func (f *fake) complianceHeaders() http.Header {
	h := http.Header{}
	h.Set("Authorization", "Bearer "+f.ComplianceKey())
	h.Set("anthropic-version", APIVersion)
	return h
}

// compliance sends a Compliance API request.
func (f *fake) compliance(method, path string) response {
	f.t.Helper()
	return f.doWith(method, path, nil, f.complianceHeaders())
}

// complianceOK sends a Compliance API request that must succeed and
// decodes its body into a T.
func complianceOK[T any](f *fake, method, path string) T {
	f.t.Helper()
	r := f.compliance(method, path)
	if r.status != http.StatusOK {
		f.t.Fatalf("%s %s: status %d, body %s", method, path, r.status, r.body)
	}
	var v T
	if err := json.Unmarshal(r.body, &v); err != nil {
		f.t.Fatalf("%s %s: decoding %s: %v", method, path, r.body, err)
	}
	return v
}

// complianceFails sends a Compliance API request that must fail with
// status and error type, and returns the error message.
func (f *fake) complianceFails(method, path string, status int, errType string) string {
	f.t.Helper()
	r := f.compliance(method, path)
	e := r.err()
	if r.status != status || e.Error.Type != errType {
		f.t.Fatalf("%s %s: got %d %s, want %d %s (body %s)", method, path, r.status, e.Error.Type, status, errType, r.body)
	}
	return e.Error.Message
}

// contentFixture is a project with a document and an attached file, and
// two chats of one user: one in the project with a file, a generated file
// and an artifact; one that shares the file.
type contentFixture struct {
	user, other                           gen.User
	project                               gen.ComplianceProjectDetails
	chat, chat2                           gen.ComplianceChatMessages
	fileID, sharedFileID, genID, artifact string
}

func newContentFixture(t *testing.T, f *fake) contentFixture {
	t.Helper()
	var fx contentFixture
	var err error
	if fx.user, err = f.AddUser(UserSeed{Email: "ana@example.com"}); err != nil {
		t.Fatal(err)
	}
	if fx.other, err = f.AddUser(UserSeed{Email: "ben@example.com"}); err != nil {
		t.Fatal(err)
	}
	fx.project, err = f.AddComplianceProject(ProjectSeed{
		UserID: fx.user.ID, Name: "Plans", CreatedAt: t0.Add(-48 * time.Hour),
		Documents: []DocumentSeed{{Filename: "plan.md", Content: "héllo"}},
		Files:     []FileSeed{{Filename: "brief.pdf", MIMEType: "application/pdf", Content: []byte("%PDF brief")}},
		Collaborators: []gen.ComplianceProjectCollaborator{
			{Type: gen.ComplianceProjectCollaboratorTypeGroup, Role: gen.ComplianceProjectRoleViewer, GroupID: ptr("rbac_group_x")},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	fx.chat, err = f.AddComplianceChat(ChatSeed{
		UserID: fx.user.ID, Name: "Report", Model: "claude-opus-4-7", ProjectID: fx.project.ID, CreatedAt: t0.Add(-24 * time.Hour),
		Messages: []MessageSeed{
			{Text: "see attached", Files: []FileSeed{{Filename: "a.pdf", MIMEType: "application/pdf", Content: []byte("%PDF-1.4 a")}, {Filename: "shared.txt", Content: []byte("shared")}}},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "done",
				GeneratedFiles: []FileSeed{{Filename: "out.csv", MIMEType: "text/csv", Content: []byte("a,b\n1,2\n")}},
				Artifacts:      []ArtifactSeed{{Title: "Code", Content: "package main\n"}}},
			{Text: "thanks"},
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	fx.fileID = fx.chat.ChatMessages[0].Files[0].ID
	fx.sharedFileID = fx.chat.ChatMessages[0].Files[1].ID
	fx.genID = fx.chat.ChatMessages[1].GeneratedFiles[0].ID
	fx.artifact = fx.chat.ChatMessages[1].Artifacts[0].VersionID
	if fx.chat2, err = f.AddComplianceChat(ChatSeed{UserID: fx.user.ID, Name: "Second", CreatedAt: t0.Add(-time.Hour), Messages: []MessageSeed{{Text: "hi"}}}); err != nil {
		t.Fatal(err)
	}
	// The shared file is also referenced by a message of the second chat.
	f.mu.Lock()
	m := f.st.content.messages[fx.chat2.ChatMessages[0].ID]
	m.files = append(m.files, fx.sharedFileID)
	sf, _ := f.st.content.files.get(fx.sharedFileID)
	sf.messageIDs = append(sf.messageIDs, m.id)
	f.mu.Unlock()
	return fx
}

func TestComplianceChatsListAndFilters(t *testing.T) {
	f := newFake(t)
	fx := newContentFixture(t, f)
	if _, err := f.AddComplianceChat(ChatSeed{UserID: fx.other.ID, Name: "Other's", CreatedAt: t0}); err != nil {
		t.Fatal(err)
	}
	ids := func(l gen.ComplianceChatList) []string {
		var out []string
		for _, c := range l.Data {
			out = append(out, c.ID)
		}
		return out
	}
	all := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats")
	if len(all.Data) != 3 || all.HasMore {
		t.Fatalf("all chats = %v, has_more %v", ids(all), all.HasMore)
	}
	mine := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?user_ids[]="+fx.user.ID)
	if got := ids(mine); len(got) != 2 || got[0] != fx.chat.ID || got[1] != fx.chat2.ID {
		t.Errorf("user's chats = %v, want [%s %s] in creation order", got, fx.chat.ID, fx.chat2.ID)
	}
	c := mine.Data[0]
	if c.User == nil || c.User.EmailAddress != "ana@example.com" || c.ProjectID == nil || *c.ProjectID != fx.project.ID || c.Model == nil || *c.Model != "claude-opus-4-7" {
		t.Errorf("chat = %+v", c)
	}
	inProject := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?project_ids[]="+fx.project.ID)
	if got := ids(inProject); len(got) != 1 || got[0] != fx.chat.ID {
		t.Errorf("project's chats = %v", got)
	}
	since := url.QueryEscape(t0.Add(-2 * time.Hour).Format(time.RFC3339))
	recent := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?created_at.gte="+since)
	if got := ids(recent); len(got) != 2 || got[0] != fx.chat2.ID {
		t.Errorf("chats created since %s = %v", since, got)
	}
	updated := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?updated_at.lt="+since)
	if got := ids(updated); len(got) != 1 || got[0] != fx.chat.ID {
		t.Errorf("chats updated before %s = %v", since, got)
	}
	for _, org := range []string{f.OrganizationID(), "org_" + strings.ReplaceAll(f.OrganizationID(), "-", "")} {
		if l := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?organization_ids[]="+org); len(l.Data) != 3 {
			t.Errorf("organization %s: %d chats, want 3", org, len(l.Data))
		}
	}
	if l := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?organization_ids[]=org_other"); len(l.Data) != 0 {
		t.Errorf("another organization: %d chats, want 0", len(l.Data))
	}

	// ID cursors both ways.
	p1 := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?limit=2")
	if len(p1.Data) != 2 || !p1.HasMore || p1.LastID == nil {
		t.Fatalf("page 1 = %v has_more %v", ids(p1), p1.HasMore)
	}
	p2 := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?limit=2&after_id="+*p1.LastID)
	if len(p2.Data) != 1 || p2.HasMore {
		t.Fatalf("page 2 = %v has_more %v", ids(p2), p2.HasMore)
	}
	back := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats?limit=2&before_id="+*p2.FirstID)
	if got := ids(back); len(got) != 2 || got[0] != p1.Data[0].ID {
		t.Errorf("before %s = %v, want page 1 %v", *p2.FirstID, got, ids(p1))
	}

	// Refusals.
	msg := f.complianceFails("GET", "/v1/compliance/apps/chats?user_ids[]="+fx.user.ID+"&updated_at.gte="+since, 400, errInvalidRequest)
	if !strings.Contains(msg, "updated_at") {
		t.Errorf("user_ids[] with updated_at: message %q", msg)
	}
	many := strings.Repeat("user_ids[]=user_x&", 11)
	f.complianceFails("GET", "/v1/compliance/apps/chats?"+many, 400, errInvalidRequest)
	f.complianceFails("GET", "/v1/compliance/apps/chats?limit=1001", 400, errInvalidRequest)
	f.complianceFails("GET", "/v1/compliance/apps/chats?after_id=a&before_id=b", 400, errInvalidRequest)
	// The Admin key is refused: content is the Compliance key's.
	f.fails("GET", "/v1/compliance/apps/chats", nil, 403, errPermission)
}

func TestComplianceChatMessages(t *testing.T) {
	f := newFake(t)
	fx := newContentFixture(t, f)
	path := "/v1/compliance/apps/chats/" + fx.chat.ID + "/messages"
	all := complianceOK[gen.ComplianceChatMessages](f, "GET", path)
	if all.ID != fx.chat.ID || len(all.ChatMessages) != 3 || all.HasMore != nil {
		t.Fatalf("messages = %+v", all)
	}
	m := all.ChatMessages[1]
	if m.Role != gen.ComplianceMessageRoleAssistant || len(m.Content) != 1 || *m.Content[0].Text != "done" ||
		len(m.GeneratedFiles) != 1 || m.GeneratedFiles[0].ID != fx.genID || len(m.Artifacts) != 1 || m.Artifacts[0].VersionID != fx.artifact {
		t.Errorf("assistant message = %+v", m)
	}
	desc := complianceOK[gen.ComplianceChatMessages](f, "GET", path+"?order=desc&limit=2")
	if len(desc.ChatMessages) != 2 || desc.ChatMessages[0].ID != all.ChatMessages[2].ID || desc.HasMore == nil || !*desc.HasMore {
		t.Fatalf("newest two = %+v", desc)
	}
	rest := complianceOK[gen.ComplianceChatMessages](f, "GET", path+"?order=desc&limit=2&after_id="+*desc.LastID)
	if len(rest.ChatMessages) != 1 || rest.ChatMessages[0].ID != all.ChatMessages[0].ID || *rest.HasMore {
		t.Errorf("after %s = %+v", *desc.LastID, rest)
	}
	f.complianceFails("GET", path+"?after_id=claude_chat_msg_nope", 400, errInvalidRequest)
	f.complianceFails("GET", "/v1/compliance/apps/chats/claude_chat_nope/messages", 404, errNotFound)

	// A chat its user deleted: listed, with empty content and no references.
	gone, err := f.AddComplianceChat(ChatSeed{UserID: fx.user.ID, DeletedAt: t0, Messages: []MessageSeed{{Text: "secret", Files: []FileSeed{{Filename: "x.txt", Content: []byte("x")}}}}})
	if err != nil {
		t.Fatal(err)
	}
	g := complianceOK[gen.ComplianceChatMessages](f, "GET", "/v1/compliance/apps/chats/"+gone.ID+"/messages")
	if g.DeletedAt == nil || len(g.ChatMessages) != 1 || len(g.ChatMessages[0].Content) != 0 || g.ChatMessages[0].Files != nil {
		t.Errorf("deleted chat's messages = %+v", g)
	}
}

func TestComplianceFilesAndDownloads(t *testing.T) {
	f := newFake(t)
	fx := newContentFixture(t, f)
	file := complianceOK[gen.ComplianceFile](f, "GET", "/v1/compliance/apps/chats/files/"+fx.fileID)
	sum := md5.Sum([]byte("%PDF-1.4 a"))
	if *file.Filename != "a.pdf" || *file.MIMEType != "application/pdf" || *file.SizeBytes != 10 || len(file.ClaudeChatIDs) != 1 || file.ClaudeChatIDs[0] != fx.chat.ID || *file.MD5 != hexOf(sum[:]) {
		t.Errorf("file = %+v", file)
	}
	r := f.compliance("GET", "/v1/compliance/apps/chats/files/"+fx.fileID+"/content")
	if r.status != 200 || string(r.body) != "%PDF-1.4 a" || r.header.Get("Content-Type") != "application/pdf" ||
		r.header.Get("Content-Length") != "10" || r.header.Get("Content-MD5") != base64.StdEncoding.EncodeToString(sum[:]) {
		t.Errorf("download: %d %v %q", r.status, r.header, r.body)
	}
	// A file without a recorded type downloads as application/octet-stream.
	if r := f.compliance("GET", "/v1/compliance/apps/chats/files/"+fx.sharedFileID+"/content"); r.header.Get("Content-Type") != "application/octet-stream" {
		t.Errorf("untyped download's Content-Type = %q", r.header.Get("Content-Type"))
	}
	shared := complianceOK[gen.ComplianceFile](f, "GET", "/v1/compliance/apps/chats/files/"+fx.sharedFileID)
	if len(shared.ClaudeChatIDs) != 2 || len(shared.MessageIDs) != 2 {
		t.Errorf("shared file = %+v", shared)
	}
	gf := complianceOK[gen.ComplianceGeneratedFile](f, "GET", "/v1/compliance/apps/chats/generated-files/"+fx.genID)
	if gf.ClaudeChatID != fx.chat.ID || gf.Filename != "out.csv" || *gf.SizeBytes != 8 {
		t.Errorf("generated file = %+v", gf)
	}
	if r := f.compliance("GET", "/v1/compliance/apps/chats/generated-files/"+fx.genID+"/content"); string(r.body) != "a,b\n1,2\n" || r.header.Get("Content-Type") != "text/csv" {
		t.Errorf("generated download: %v %q", r.header, r.body)
	}
	art := complianceOK[gen.ComplianceArtifact](f, "GET", "/v1/compliance/apps/artifacts/"+fx.artifact)
	if art.VersionID != fx.artifact || art.ClaudeChatID != fx.chat.ID || art.SizeBytes != int64(len("package main\n")) || art.ArtifactType != "application/vnd.ant.code" {
		t.Errorf("artifact = %+v", art)
	}
	if r := f.compliance("GET", "/v1/compliance/apps/artifacts/"+fx.artifact+"/content"); string(r.body) != "package main\n" || !strings.HasPrefix(r.header.Get("Content-Type"), "text/plain") {
		t.Errorf("artifact download: %v %q", r.header, r.body)
	}
	for _, p := range []string{
		"/v1/compliance/apps/chats/files/claude_file_nope", "/v1/compliance/apps/chats/files/claude_file_nope/content",
		"/v1/compliance/apps/chats/generated-files/nope", "/v1/compliance/apps/chats/generated-files/nope/content",
		"/v1/compliance/apps/artifacts/nope", "/v1/compliance/apps/artifacts/nope/content",
	} {
		f.complianceFails("GET", p, 404, errNotFound)
	}
	// Routing: a literal segment beats a wildcard, so these are files, not a
	// chat called "files".
	f.complianceFails("GET", "/v1/compliance/apps/chats/files/messages", 404, errNotFound)

	// Deleting a file removes it from its messages; a second delete is a 404.
	del := complianceOK[gen.ComplianceFileDeleted](f, "DELETE", "/v1/compliance/apps/chats/files/"+fx.fileID)
	if del.ID != fx.fileID || del.Type == nil || *del.Type != gen.ComplianceFileDeletedTypeClaudeFileDeleted {
		t.Errorf("file deleted = %+v", del)
	}
	f.complianceFails("DELETE", "/v1/compliance/apps/chats/files/"+fx.fileID, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/chats/files/"+fx.fileID+"/content", 404, errNotFound)
	msgs := complianceOK[gen.ComplianceChatMessages](f, "GET", "/v1/compliance/apps/chats/"+fx.chat.ID+"/messages")
	if files := msgs.ChatMessages[0].Files; len(files) != 1 || files[0].ID != fx.sharedFileID {
		t.Errorf("message files after the delete = %+v", files)
	}
}

func hexOf(b []byte) string {
	const digits = "0123456789abcdef"
	out := make([]byte, 0, 2*len(b))
	for _, c := range b {
		out = append(out, digits[c>>4], digits[c&15])
	}
	return string(out)
}

func TestComplianceChatDeleteCascades(t *testing.T) {
	f := newFake(t)
	fx := newContentFixture(t, f)
	del := complianceOK[gen.ComplianceChatDeleted](f, "DELETE", "/v1/compliance/apps/chats/"+fx.chat.ID)
	if del.ID != fx.chat.ID || del.Type == nil || *del.Type != gen.ComplianceChatDeletedTypeClaudeChatDeleted {
		t.Errorf("deleted = %+v", del)
	}
	f.complianceFails("DELETE", "/v1/compliance/apps/chats/"+fx.chat.ID, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/chats/"+fx.chat.ID+"/messages", 404, errNotFound)
	// Its own file, generated file and artifact are gone with it...
	f.complianceFails("GET", "/v1/compliance/apps/chats/files/"+fx.fileID, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/chats/generated-files/"+fx.genID, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/artifacts/"+fx.artifact, 404, errNotFound)
	// ...but a file another chat references stays, without this chat.
	shared := complianceOK[gen.ComplianceFile](f, "GET", "/v1/compliance/apps/chats/files/"+fx.sharedFileID)
	if len(shared.ClaudeChatIDs) != 1 || shared.ClaudeChatIDs[0] != fx.chat2.ID {
		t.Errorf("shared file after the delete = %+v", shared)
	}
	if l := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats"); len(l.Data) != 1 || l.Data[0].ID != fx.chat2.ID {
		t.Errorf("chats after the delete = %+v", l.Data)
	}
}

func TestComplianceProjects(t *testing.T) {
	f := newFake(t)
	fx := newContentFixture(t, f)
	if _, err := f.AddComplianceProject(ProjectSeed{UserID: fx.other.ID, Name: "Other"}); err != nil {
		t.Fatal(err)
	}
	l := complianceOK[gen.ComplianceProjectList](f, "GET", "/v1/compliance/apps/projects?limit=1")
	if len(l.Data) != 1 || l.Data[0].ID != fx.project.ID || !l.HasMore || l.NextPage == nil {
		t.Fatalf("page 1 = %+v", l)
	}
	l2 := complianceOK[gen.ComplianceProjectList](f, "GET", "/v1/compliance/apps/projects?limit=1&page="+*l.NextPage)
	if len(l2.Data) != 1 || l2.Data[0].Name != "Other" || l2.HasMore || l2.NextPage != nil {
		t.Errorf("page 2 = %+v", l2)
	}
	if mine := complianceOK[gen.ComplianceProjectList](f, "GET", "/v1/compliance/apps/projects?user_ids[]="+fx.other.ID); len(mine.Data) != 1 || mine.Data[0].Name != "Other" {
		t.Errorf("other's projects = %+v", mine.Data)
	}
	f.complianceFails("GET", "/v1/compliance/apps/projects?limit=101", 400, errInvalidRequest)
	f.complianceFails("GET", "/v1/compliance/apps/projects?page=garbage", 400, errInvalidRequest)

	p := complianceOK[gen.ComplianceProjectDetails](f, "GET", "/v1/compliance/apps/projects/"+fx.project.ID)
	if *p.ChatsCount != 1 || *p.AttachmentsCount != 2 || p.User == nil || p.User.ID != fx.user.ID {
		t.Errorf("project = %+v", p)
	}
	att := complianceOK[gen.ComplianceProjectAttachmentList](f, "GET", "/v1/compliance/apps/projects/"+fx.project.ID+"/attachments?limit=1")
	if len(att.Data) != 1 || !att.HasMore {
		t.Fatalf("attachments page 1 = %+v", att)
	}
	att2 := complianceOK[gen.ComplianceProjectAttachmentList](f, "GET", "/v1/compliance/apps/projects/"+fx.project.ID+"/attachments?page="+*att.NextPage)
	if len(att2.Data) != 1 || att2.HasMore || att2.Data[0].Type == att.Data[0].Type {
		t.Fatalf("attachments page 2 = %+v", att2)
	}
	var docID string
	for _, a := range append(att.Data, att2.Data...) {
		if a.Type == gen.ComplianceProjectAttachmentTypeProjectDoc {
			docID = a.ID
		}
	}
	col := complianceOK[gen.ComplianceProjectCollaboratorList](f, "GET", "/v1/compliance/apps/projects/"+fx.project.ID+"/collaborators")
	if len(col.Data) != 2 || col.Data[0].Role != gen.ComplianceProjectRoleOwner || *col.Data[0].UserID != fx.user.ID || *col.Data[1].GroupID != "rbac_group_x" {
		t.Errorf("collaborators = %+v", col.Data)
	}
	doc := complianceOK[gen.ComplianceProjectDocument](f, "GET", "/v1/compliance/apps/projects/documents/"+docID)
	meta := complianceOK[gen.ComplianceProjectDocumentMetadata](f, "GET", "/v1/compliance/apps/projects/documents/"+docID+"/metadata")
	sum := md5.Sum([]byte("héllo"))
	if doc.Content != "héllo" || meta.SizeBytes != 6 || meta.MD5 != hexOf(sum[:]) || meta.Filename != "plan.md" {
		t.Errorf("document = %+v, metadata = %+v", doc, meta)
	}

	// A project with chats cannot be deleted; without, it goes with its
	// documents and its attached files.
	f.complianceFails("DELETE", "/v1/compliance/apps/projects/"+fx.project.ID, 409, "conflict_error")
	complianceOK[gen.ComplianceChatDeleted](f, "DELETE", "/v1/compliance/apps/chats/"+fx.chat.ID)
	pd := complianceOK[gen.ComplianceProjectDeleted](f, "DELETE", "/v1/compliance/apps/projects/"+fx.project.ID)
	if pd.ID != fx.project.ID {
		t.Errorf("project deleted = %+v", pd)
	}
	f.complianceFails("DELETE", "/v1/compliance/apps/projects/"+fx.project.ID, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/projects/"+fx.project.ID+"/attachments", 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/projects/"+fx.project.ID+"/collaborators", 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/projects/documents/"+docID, 404, errNotFound)
	for _, a := range append(att.Data, att2.Data...) {
		if a.Type == gen.ComplianceProjectAttachmentTypeProjectFile {
			f.complianceFails("GET", "/v1/compliance/apps/chats/files/"+a.ID, 404, errNotFound)
		}
	}
}

func TestComplianceProjectDocumentDelete(t *testing.T) {
	f := newFake(t)
	fx := newContentFixture(t, f)
	att := complianceOK[gen.ComplianceProjectAttachmentList](f, "GET", "/v1/compliance/apps/projects/"+fx.project.ID+"/attachments")
	var docID string
	for _, a := range att.Data {
		if a.Type == gen.ComplianceProjectAttachmentTypeProjectDoc {
			docID = a.ID
		}
	}
	d := complianceOK[gen.ComplianceProjectDocumentDeleted](f, "DELETE", "/v1/compliance/apps/projects/documents/"+docID)
	if d.ID != docID || *d.Type != gen.ComplianceProjectDocumentDeletedTypeClaudeProjectDocumentDeleted {
		t.Errorf("deleted = %+v", d)
	}
	f.complianceFails("DELETE", "/v1/compliance/apps/projects/documents/"+docID, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/projects/documents/"+docID+"/metadata", 404, errNotFound)
	if p := complianceOK[gen.ComplianceProjectDetails](f, "GET", "/v1/compliance/apps/projects/"+fx.project.ID); *p.AttachmentsCount != 1 {
		t.Errorf("attachments after the delete = %d, want 1", *p.AttachmentsCount)
	}
}

func TestComplianceContentSeedsRefuseBadInput(t *testing.T) {
	f := newFake(t)
	if _, err := f.AddComplianceChat(ChatSeed{UserID: "user_nope"}); err == nil {
		t.Error("a chat of an unknown user was accepted")
	}
	u, err := f.AddUser(UserSeed{Email: "c@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddComplianceChat(ChatSeed{UserID: u.ID, ProjectID: "claude_proj_nope"}); err == nil {
		t.Error("a chat of an unknown project was accepted")
	}
	if _, err := f.AddComplianceProject(ProjectSeed{UserID: u.ID}); err == nil {
		t.Error("a project without a name was accepted")
	}
}

func TestComplianceDemoContent(t *testing.T) {
	f := newFake(t, WithDemoData())
	l := complianceOK[gen.ComplianceChatList](f, "GET", "/v1/compliance/apps/chats")
	if len(l.Data) != 5 {
		t.Fatalf("demo chats = %d, want 5", len(l.Data))
	}
	deleted := 0
	for _, c := range l.Data {
		if c.DeletedAt != nil {
			deleted++
		}
		complianceOK[gen.ComplianceChatMessages](f, "GET", "/v1/compliance/apps/chats/"+c.ID+"/messages")
	}
	if deleted != 1 {
		t.Errorf("deleted demo chats = %d, want 1", deleted)
	}
	if p := complianceOK[gen.ComplianceProjectList](f, "GET", "/v1/compliance/apps/projects"); len(p.Data) != 2 {
		t.Errorf("demo projects = %d, want 2", len(p.Data))
	}
}
