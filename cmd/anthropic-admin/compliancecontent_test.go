package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// complianceContent adds to f the demo content the compliance content
// commands use: {chat} (with a file, a generated file), {file}, {genfile},
// {artifact}, {project} (with chats, documents, an attached file),
// {emptyproject} (no chats) and {doc}. It only reads: the demo data has
// them.
func (f fixture) complianceContent(t *testing.T, s *admintest.Server, args []string) fixture {
	t.Helper()
	if len(args) < 2 || args[0] != "compliance" || args[1] == "users" {
		return f
	}
	ctx := context.Background()
	c := s.Client()
	fail := func(what string, err error) {
		t.Helper()
		if err != nil {
			t.Fatalf("fixture: %s: %v", what, err)
		}
	}
	chats, err := c.ComplianceChats.List(ctx, nil)
	fail("chats", err)
	for _, ch := range chats.Data {
		m, err := c.ComplianceChats.Messages(ctx, ch.ID, nil)
		fail("messages", err)
		for _, msg := range m.ChatMessages {
			if len(msg.Files) > 0 && f["file"] == "" {
				f["chat"], f["file"] = ch.ID, msg.Files[0].ID
			}
			if len(msg.GeneratedFiles) > 0 && f["genfile"] == "" {
				f["genfile"] = msg.GeneratedFiles[0].ID
			}
			if len(msg.Artifacts) > 0 && f["artifact"] == "" {
				f["artifact"] = msg.Artifacts[0].VersionID
			}
		}
	}
	projects, err := c.ComplianceProjects.List(ctx, nil)
	fail("projects", err)
	if len(projects.Data) != 2 {
		t.Fatalf("fixture: %d demo projects, want 2", len(projects.Data))
	}
	f["project"], f["emptyproject"] = projects.Data[0].ID, projects.Data[1].ID
	atts, err := c.ComplianceProjectAttachments.List(ctx, f["project"], nil)
	fail("attachments", err)
	for _, a := range atts.Data {
		if a.Type == admin.ComplianceProjectAttachmentTypeProjectDoc && f["doc"] == "" {
			f["doc"] = a.ID
		}
	}
	locals, err := c.ComplianceLocalSessions.List(ctx, nil)
	fail("local sessions", err)
	remotes, err := c.ComplianceRemoteSessions.List(ctx, nil)
	fail("remote sessions", err)
	carts, err := c.ComplianceCodeArtifacts.List(ctx, nil)
	fail("code artifacts", err)
	if len(locals.Data) == 0 || len(remotes.Data) == 0 || len(carts.Data) == 0 {
		t.Fatalf("fixture: the demo data lacks sessions or code artifacts")
	}
	f["localsession"], f["remotesession"] = locals.Data[0].ID, remotes.Data[0].ID
	f["cart"], f["cartv"], f["cartorg"] = carts.Data[0].ID, carts.Data[0].Versions[len(carts.Data[0].Versions)-1].VersionID, carts.Data[0].OrganizationUUID
	cases, err := c.ComplianceReviewCases.List(ctx, &admin.ListComplianceReviewCasesParams{Order: admin.ComplianceSortOrderAsc})
	fail("review cases", err)
	if len(cases.Data) == 0 {
		t.Fatalf("fixture: the demo data has no review case")
	}
	f["reviewcase"], f["reviewitem"] = cases.Data[0].ID, cases.Data[0].Transcripts[0].ItemID
	for _, k := range []string{"chat", "file", "genfile", "artifact", "doc"} {
		if f[k] == "" {
			t.Fatalf("fixture: the demo data has no %s", k)
		}
	}
	return f
}

// TestComplianceContentConfirmations checks what the content deletes ask
// before deleting: the object fetched and named, and nothing deleted on
// "no".
func TestComplianceContentConfirmations(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		op   admin.Operation
	}{
		{"compliance_confirm_chat_delete", []string{"compliance", "chats", "delete", "{chat}"}, admin.OpDeleteComplianceChat},
		{"compliance_confirm_file_delete", []string{"compliance", "files", "delete", "{file}"}, admin.OpDeleteComplianceFile},
		{"compliance_confirm_project_delete", []string{"compliance", "projects", "delete", "{project}"}, admin.OpDeleteComplianceProject},
		{"compliance_confirm_document_delete", []string{"compliance", "documents", "delete", "{doc}"}, admin.OpDeleteComplianceProjectDocument},
		{"compliance_confirm_review_respond", []string{"compliance", "review", "cases", "respond", "{reviewcase}", "--determination", "no_violation"}, admin.OpRespondComplianceReviewCase},
		{"compliance_confirm_code_artifact_delete", []string{"compliance", "code-artifacts", "delete", "{cart}"}, admin.OpDeleteComplianceCodeArtifact},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newFake(t)
			args := newFixture(t, s).complianceContent(t, s, tc.args).expand(tc.args)
			r := runCLI(t, s, invocation{args: args, stdin: "n\n", ttyIn: true})
			if r.code != 1 || s.Calls(tc.op) != 0 {
				t.Errorf("answered no: exit %d, %d calls", r.code, s.Calls(tc.op))
			}
			golden(t, tc.name, tc.args, r)
		})
	}
}

// TestComplianceDownloadOutputs checks where contents go: -O writes a new
// file and refuses to replace one without --force; stdout on a terminal
// refuses binary content without --force and takes text.
func TestComplianceDownloadOutputs(t *testing.T) {
	s := newFake(t)
	f := newFixture(t, s).complianceContent(t, s, []string{"compliance", "files"})
	dir := t.TempDir()
	out := filepath.Join(dir, "report.pdf")

	r := runCLI(t, s, invocation{args: []string{"compliance", "files", "download", f["file"], "-O", out}})
	data, err := os.ReadFile(out)
	if r.code != 0 || err != nil || !bytes.HasPrefix(data, []byte("%PDF-1.4")) || !strings.Contains(r.stderr, "bytes (application/pdf) to "+out) || r.stdout != "" {
		t.Fatalf("-O: exit %d, stderr %q, file %q, %v", r.code, r.stderr, data, err)
	}
	if err := os.WriteFile(out, []byte("keep me"), 0o644); err != nil {
		t.Fatal(err)
	}
	r = runCLI(t, s, invocation{args: []string{"compliance", "files", "download", f["file"], "--output-file", out}})
	if data, _ := os.ReadFile(out); r.code != 1 || !strings.Contains(r.stderr, "refusing to overwrite") || string(data) != "keep me" {
		t.Errorf("existing -O file: exit %d, stderr %q, file now %q", r.code, r.stderr, data)
	}
	r = runCLI(t, s, invocation{args: []string{"compliance", "files", "download", f["file"], "-O", out, "--force"}})
	if data, _ := os.ReadFile(out); r.code != 0 || !bytes.HasPrefix(data, []byte("%PDF-1.4")) {
		t.Errorf("--force: exit %d, stderr %q, file %q", r.code, r.stderr, data)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*part*")); len(left) != 0 {
		t.Errorf("temporary files left behind: %v", left)
	}
	// An unknown file fails before creating anything.
	missing := filepath.Join(dir, "missing.bin")
	r = runCLI(t, s, invocation{args: []string{"compliance", "files", "download", "claude_file_nope", "-O", missing}})
	if _, err := os.Stat(missing); r.code == 0 || !strings.Contains(r.stderr, "404") || err == nil {
		t.Errorf("unknown file: exit %d, stderr %q, stat %v", r.code, r.stderr, err)
	}

	// A terminal on stdout: the demo PDF has only printable bytes, so the
	// binary test is a generated file with a NUL... seeded here.
	u, err := s.AddUser(admintest.UserSeed{Email: "bin@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	chat, err := s.AddComplianceChat(admintest.ChatSeed{UserID: u.ID, Messages: []admintest.MessageSeed{{
		Files: []admintest.FileSeed{{Filename: "img.png", MIMEType: "image/png", Content: []byte("\x89PNG\r\n\x1a\n\x00\x00")}},
	}}})
	if err != nil {
		t.Fatal(err)
	}
	png := chat.ChatMessages[0].Files[0].ID
	var tty bytes.Buffer
	r = runCLI(t, s, invocation{args: []string{"compliance", "files", "download", png}, width: 80, out: &tty})
	if r.code != 1 || !strings.Contains(r.stderr, "refusing to write binary content (image/png) to a terminal") || tty.Len() != 0 {
		t.Errorf("binary to a terminal: exit %d, stderr %q, wrote %q", r.code, r.stderr, tty.Bytes())
	}
	r = runCLI(t, s, invocation{args: []string{"compliance", "files", "download", png, "--force"}, width: 80})
	if r.code != 0 || r.stdout != "\x89PNG\r\n\x1a\n\x00\x00" {
		t.Errorf("--force to a terminal: exit %d, stdout %q", r.code, r.stdout)
	}
	r = runCLI(t, s, invocation{args: []string{"compliance", "documents", "content", f["doc"]}, width: 80})
	if r.code != 0 || !strings.HasPrefix(r.stdout, "# Launch checklist") {
		t.Errorf("text to a terminal: exit %d, stdout %q, stderr %q", r.code, r.stdout, r.stderr)
	}
}

func TestPrintable(t *testing.T) {
	for _, tc := range []struct {
		in   string
		cut  bool
		want bool
	}{
		{"plain text\n\twith tabs\r\n", false, true},
		{"héllo", false, true},
		{"h\xc3", true, true}, // a character split by the read
		{"h\xc3", false, false},
		{"nul\x00", false, false},
		{"\x1b[2Jclear", false, false},
		{"\xff\xfe", false, false},
	} {
		if got := printable([]byte(tc.in), tc.cut); got != tc.want {
			t.Errorf("printable(%q, %v) = %v, want %v", tc.in, tc.cut, got, tc.want)
		}
	}
}

// TestReviewRespondVerdicts: a malformed --verdict is a usage error and
// sends nothing.
func TestReviewRespondVerdicts(t *testing.T) {
	s := newFake(t)
	for _, v := range []string{"msg_x", "=violation", "msg_x=maybe", "msg_x=violation:nope"} {
		r := runCLI(t, s, invocation{args: []string{"compliance", "review", "cases", "respond", "rvc_x", "--determination", "violation", "--verdict", v, "--yes"}})
		if r.code != 2 || !strings.Contains(r.stderr, "--verdict") {
			t.Errorf("--verdict %q: exit %d, stderr %q", v, r.code, r.stderr)
		}
	}
	if n := s.Calls(admin.OpRespondComplianceReviewCase); n != 0 {
		t.Errorf("%d responses sent", n)
	}
}
