package admin_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"errors"
	"io"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// exerciseComplianceContent calls every method of the Compliance API's
// content services (chats, files, generated files, projects and their
// attachments, collaborators and documents, artifacts) through c against
// srv and checks the results; TestEveryOperation runs it.
func exerciseComplianceContent(t *testing.T, ctx context.Context, srv *admintest.Server, c *admin.Client) {
	t.Helper()
	owner := must(srv.AddUser(admintest.UserSeed{Email: "content.owner@example.com"}))
	pdf := bytes.Repeat([]byte("%PDF-1.4 "), 100)
	proj := must(srv.AddComplianceProject(admintest.ProjectSeed{
		UserID: owner.ID, Name: "Audit", Documents: []admintest.DocumentSeed{{Filename: "notes.md", Content: "# notes"}},
		Files: []admintest.FileSeed{{Filename: "scope.txt", MIMEType: "text/plain", Content: []byte("scope")}},
	}))
	seeded := must(srv.AddComplianceChat(admintest.ChatSeed{
		UserID: owner.ID, Name: "Review", ProjectID: proj.ID, Messages: []admintest.MessageSeed{
			{Text: "read this", Files: []admintest.FileSeed{{Filename: "r.pdf", MIMEType: "application/pdf", Content: pdf}}},
			{Role: admin.ComplianceMessageRoleAssistant, Text: "summary attached",
				GeneratedFiles: []admintest.FileSeed{{Filename: "s.csv", MIMEType: "text/csv", Content: []byte("a\n1\n")}},
				Artifacts:      []admintest.ArtifactSeed{{Title: "Summary", Type: "text/markdown", Content: "# Summary"}}},
		},
	}))
	other := must(srv.AddComplianceChat(admintest.ChatSeed{UserID: owner.ID, Name: "Scratch", Messages: []admintest.MessageSeed{{Text: "hi"}}}))

	// Chats: one page, every page (ID cursors), messages.
	page := must(c.ComplianceChats.List(ctx, &admin.ListComplianceChatsParams{UserIDs: []string{owner.ID}, Limit: 1}))
	if len(page.Data) != 1 || page.Data[0].ID != seeded.ID || !page.HasMore {
		t.Errorf("ComplianceChats.List = %+v", page)
	}
	chats := collect(t, c.ComplianceChats.All(ctx, &admin.ListComplianceChatsParams{UserIDs: []string{owner.ID}, Limit: 1}))
	if len(chats) != 2 || chats[1].ID != other.ID {
		t.Errorf("ComplianceChats.All = %+v", chats)
	}
	msgs := must(c.ComplianceChats.Messages(ctx, seeded.ID, &admin.ListComplianceChatMessagesParams{Order: admin.ComplianceSortOrderDesc}))
	if len(msgs.ChatMessages) != 2 || msgs.ChatMessages[0].Role != admin.ComplianceMessageRoleAssistant {
		t.Errorf("ComplianceChats.Messages = %+v", msgs)
	}
	if got := collect(t, c.ComplianceChats.AllMessages(ctx, seeded.ID, &admin.ListComplianceChatMessagesParams{Limit: 1})); len(got) != 2 || got[0].ID != seeded.ChatMessages[0].ID || got[1].ID != seeded.ChatMessages[1].ID {
		t.Errorf("ComplianceChats.AllMessages = %+v", got)
	}
	if got := collect(t, c.ComplianceChats.AllMessages(ctx, seeded.ID, nil)); len(got) != 2 {
		t.Errorf("ComplianceChats.AllMessages without a limit = %d messages", len(got))
	}
	fileID := seeded.ChatMessages[0].Files[0].ID
	genID := seeded.ChatMessages[1].GeneratedFiles[0].ID
	versionID := seeded.ChatMessages[1].Artifacts[0].VersionID

	// Files: metadata, a streamed download whose bytes match the metadata.
	meta := must(c.ComplianceFiles.Get(ctx, fileID))
	d := must(c.ComplianceFiles.Download(ctx, fileID))
	got, err := io.ReadAll(d)
	if err != nil {
		t.Fatal(err)
	}
	if err := d.Close(); err != nil {
		t.Error(err)
	}
	sum := md5.Sum(got)
	if !bytes.Equal(got, pdf) || d.ContentType != "application/pdf" || d.ContentLength != int64(len(pdf)) || deref(meta.SizeBytes) != int64(len(pdf)) ||
		d.ContentMD5 != base64.StdEncoding.EncodeToString(sum[:]) || d.RequestID == "" {
		t.Errorf("ComplianceFiles.Download: %d bytes, type %q, length %d, md5 %q, request %q", len(got), d.ContentType, d.ContentLength, d.ContentMD5, d.RequestID)
	}
	gen := must(c.ComplianceGeneratedFiles.Get(ctx, genID))
	gd := must(c.ComplianceGeneratedFiles.Download(ctx, genID))
	if b := must(gd.ReadAll()); string(b) != "a\n1\n" || gen.Filename != "s.csv" {
		t.Errorf("ComplianceGeneratedFiles: %+v, %q", gen, b)
	}
	art := must(c.ComplianceArtifacts.Get(ctx, versionID))
	ad := must(c.ComplianceArtifacts.Download(ctx, versionID))
	if b := must(ad.ReadAll()); string(b) != "# Summary" || art.Title != "Summary" || art.SizeBytes != int64(len(b)) {
		t.Errorf("ComplianceArtifacts: %+v, %q", art, b)
	}

	// Projects, attachments, collaborators, documents.
	projects := collect(t, c.ComplianceProjects.All(ctx, &admin.ListComplianceProjectsParams{UserIDs: []string{owner.ID}, Limit: 1}))
	if len(projects) != 1 || projects[0].ID != proj.ID {
		t.Errorf("ComplianceProjects.All = %+v", projects)
	}
	if p := must(c.ComplianceProjects.Get(ctx, proj.ID)); deref(p.ChatsCount) != 1 || deref(p.AttachmentsCount) != 2 {
		t.Errorf("ComplianceProjects.Get = %+v", p)
	}
	atts := collect(t, c.ComplianceProjectAttachments.All(ctx, proj.ID, &admin.ListComplianceProjectAttachmentsParams{Limit: 1}))
	if len(atts) != 2 {
		t.Fatalf("ComplianceProjectAttachments.All = %+v", atts)
	}
	if cols := collect(t, c.ComplianceProjectCollaborators.All(ctx, proj.ID, nil)); len(cols) != 1 || cols[0].Role != admin.ComplianceProjectRoleOwner {
		t.Errorf("ComplianceProjectCollaborators.All = %+v", cols)
	}
	var docID string
	for _, a := range atts {
		if a.Type == admin.ComplianceProjectAttachmentTypeProjectDoc {
			docID = a.ID
		}
	}
	doc := must(c.ComplianceProjectDocuments.Get(ctx, docID))
	dm := must(c.ComplianceProjectDocuments.GetMetadata(ctx, docID))
	if doc.Content != "# notes" || dm.SizeBytes != 7 {
		t.Errorf("ComplianceProjectDocuments: %+v, %+v", doc, dm)
	}

	// Deletes, and 404s after them as *admin.Error, downloads included.
	if del := must(c.ComplianceProjectDocuments.Delete(ctx, docID)); del.ID != docID {
		t.Errorf("ComplianceProjectDocuments.Delete = %+v", del)
	}
	if del := must(c.ComplianceFiles.Delete(ctx, fileID)); del.ID != fileID {
		t.Errorf("ComplianceFiles.Delete = %+v", del)
	}
	_, err = c.ComplianceFiles.Download(ctx, fileID)
	var apiErr *admin.Error
	if !errors.As(err, &apiErr) || !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("download of a deleted file: %v, want an *admin.Error 404", err)
	}
	_, err = c.ComplianceProjects.Delete(ctx, proj.ID)
	if !errors.Is(err, admin.ErrConflict) {
		t.Errorf("deleting a project with chats: %v, want a 409", err)
	}
	if del := must(c.ComplianceChats.Delete(ctx, seeded.ID)); del.ID != seeded.ID {
		t.Errorf("ComplianceChats.Delete = %+v", del)
	}
	if del := must(c.ComplianceProjects.Delete(ctx, proj.ID)); del.ID != proj.ID {
		t.Errorf("ComplianceProjects.Delete = %+v", del)
	}
	if _, err := c.ComplianceChats.Delete(ctx, seeded.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("second chat delete: %v, want a 404", err)
	}
	exerciseComplianceSessions(t, ctx, srv, c, owner.ID)
	exerciseComplianceReview(t, ctx, srv, c, owner.ID)
}

// exerciseComplianceReview calls every method of the review services
// (beta, Admin key).
func exerciseComplianceReview(t *testing.T, ctx context.Context, srv *admintest.Server, c *admin.Client, userID string) {
	t.Helper()
	rc := must(srv.AddComplianceReviewCase(admintest.ReviewCaseSeed{PolicyCategories: []string{"fraud"}, Notice: "respond",
		Items: []admintest.ReviewItemSeed{{UserID: userID, Model: "claude-opus-4-7", Prompt: "hi", Answer: "hello"}}}))
	if got := collect(t, c.ComplianceReviewCases.All(ctx, &admin.ListComplianceReviewCasesParams{Status: admin.ComplianceReviewCaseStatusTypeOpen, Limit: 1})); len(got) != 1 || got[0].ID != rc.ID {
		t.Errorf("ComplianceReviewCases.All = %+v", got)
	}
	if got := must(c.ComplianceReviewCases.Get(ctx, rc.ID)); got.Status.Type != admin.ComplianceReviewCaseStatusTypeOpen {
		t.Errorf("ComplianceReviewCases.Get = %+v", got)
	}
	item := must(c.ComplianceReviewItems.Get(ctx, rc.Transcripts[0].ItemID))
	if item.Details.Content == nil || item.Actor == nil || deref(item.Actor.UserID) != userID {
		t.Errorf("ComplianceReviewItems.Get = %+v", item)
	}
	if got := collect(t, c.ComplianceReviewNotices.All(ctx, &admin.ListComplianceReviewNoticesParams{CaseID: rc.ID})); len(got) != 1 {
		t.Errorf("ComplianceReviewNotices.All = %+v", got)
	}
	closed := must(c.ComplianceReviewCases.Respond(ctx, rc.ID, admin.ComplianceReviewCaseResponse{
		Determination: admin.ComplianceReviewDeterminationNoViolation,
		Verdicts:      []admin.ComplianceReviewVerdict{{ItemID: rc.Transcripts[0].ItemID, Determination: admin.ComplianceReviewDeterminationNoViolation}},
	}))
	if closed.Status.Type != admin.ComplianceReviewCaseStatusTypeClosed {
		t.Errorf("ComplianceReviewCases.Respond = %+v", closed.Status)
	}
	if _, err := c.ComplianceReviewCases.Respond(ctx, rc.ID, admin.ComplianceReviewCaseResponse{Determination: admin.ComplianceReviewDeterminationViolation, PolicyCategories: []admin.ComplianceReviewViolatedPolicyCategory{admin.ComplianceReviewViolatedPolicyCategoryFraud}}); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("a different response to a closed case: %v, want a 400", err)
	}
}

// exerciseComplianceSessions calls every method of the sessions and code
// artifacts services.
func exerciseComplianceSessions(t *testing.T, ctx context.Context, srv *admintest.Server, c *admin.Client, userID string) {
	t.Helper()
	turns := []admintest.MessageSeed{{Text: "go"}, {Role: admin.ComplianceMessageRoleAssistant, Text: "done"}}
	local := must(srv.AddComplianceSession(admintest.SessionSeed{UserID: userID, Product: "claude_code", Messages: turns}))
	remote := must(srv.AddComplianceSession(admintest.SessionSeed{UserID: userID, Remote: true, Messages: turns}))
	if got := collect(t, c.ComplianceLocalSessions.All(ctx, &admin.ListComplianceLocalSessionsParams{UserIDs: []string{userID}, Limit: 1})); len(got) != 1 || got[0].ID != local {
		t.Errorf("ComplianceLocalSessions.All = %+v", got)
	}
	if s := must(c.ComplianceLocalSessions.Get(ctx, local)); s.Product != "claude_code" {
		t.Errorf("ComplianceLocalSessions.Get = %+v", s)
	}
	if got := collect(t, c.ComplianceLocalSessionMessages.All(ctx, local, &admin.ListComplianceLocalSessionMessagesParams{Limit: 1, Order: admin.ComplianceSortOrderDesc})); len(got) != 2 || *got[0].Content[0].Text != "done" {
		t.Errorf("ComplianceLocalSessionMessages.All = %+v", got)
	}
	if got := collect(t, c.ComplianceRemoteSessions.All(ctx, nil)); len(got) != 1 || got[0].ID != remote {
		t.Errorf("ComplianceRemoteSessions.All = %+v", got)
	}
	if got := collect(t, c.ComplianceRemoteSessionMessages.All(ctx, remote, &admin.ListComplianceRemoteSessionMessagesParams{Limit: 1})); len(got) != 2 {
		t.Errorf("ComplianceRemoteSessionMessages.All = %+v", got)
	}
	art := must(srv.AddComplianceCodeArtifact(admintest.CodeArtifactSeed{Title: "a.go", Versions: [][]byte{[]byte("package a\n")}}))
	if got := collect(t, c.ComplianceCodeArtifacts.All(ctx, nil)); len(got) != 1 || got[0].ID != art.ID {
		t.Errorf("ComplianceCodeArtifacts.All = %+v", got)
	}
	d := must(c.ComplianceCodeArtifacts.DownloadVersion(ctx, art.ID, art.Versions[0].VersionID, &admin.DownloadComplianceCodeArtifactVersionParams{OrganizationUUID: art.OrganizationUUID}))
	if b := must(d.ReadAll()); string(b) != "package a\n" {
		t.Errorf("ComplianceCodeArtifacts.DownloadVersion = %q", b)
	}
	if del := must(c.ComplianceCodeArtifacts.Delete(ctx, art.ID, nil)); del.ID != art.ID {
		t.Errorf("ComplianceCodeArtifacts.Delete = %+v", del)
	}
}

// TestComplianceContentNeedsTheComplianceKey: a client with only an Admin
// key fails the content operations locally and sends nothing.
func TestComplianceContentNeedsTheComplianceKey(t *testing.T) {
	defer catch(t)
	srv, _ := newFake(t)
	c := must(admin.NewClient(srv.AdminKey(), admin.WithBaseURL(srv.URL)))
	ctx := context.Background()
	if _, err := c.ComplianceFiles.Download(ctx, "claude_file_x"); !errors.Is(err, admin.ErrMissingCredential) {
		t.Errorf("Download with an Admin key: %v, want ErrMissingCredential", err)
	}
	if _, err := c.ComplianceChats.List(ctx, nil); !errors.Is(err, admin.ErrMissingCredential) {
		t.Errorf("List with an Admin key: %v, want ErrMissingCredential", err)
	}
	if n := srv.Calls(admin.OpDownloadComplianceFile) + srv.Calls(admin.OpListComplianceChats); n != 0 {
		t.Errorf("%d requests reached the fake", n)
	}
}

// TestComplianceChatsListChecksLocally: user_ids with an updated_at filter
// is refused before sending, as the service refuses it.
func TestComplianceChatsListChecksLocally(t *testing.T) {
	srv, c := newFake(t)
	_, err := c.ComplianceChats.List(context.Background(), &admin.ListComplianceChatsParams{UserIDs: []string{"user_x"}, UpdatedAtGte: time.Now()})
	if !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("user_ids with updated_at: %v, want ErrInvalidInput", err)
	}
	if _, err := c.ComplianceChats.List(context.Background(), &admin.ListComplianceChatsParams{UserIDs: make([]string, 11)}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("11 user IDs: %v, want ErrInvalidInput", err)
	}
	if n := srv.Calls(admin.OpListComplianceChats); n != 0 {
		t.Errorf("%d requests reached the fake", n)
	}
}
