package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"iter"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The Compliance API's content commands: claude.ai chats and their
// messages, chat files and generated files, projects with their
// attachments, collaborators and documents, and artifacts. Contents are
// streamed to a file (-O) or stdout; deletes are confirmed, naming what
// goes.

func complianceChatView() view[admin.ComplianceChat] {
	return flat(append(fields[admin.ComplianceChat]("id", "name", "model"),
		col("user.email_address", func(c admin.ComplianceChat) string { return contentUserEmail(c.User) }),
		field[admin.ComplianceChat]("project_id"), field[admin.ComplianceChat]("created_at"),
		field[admin.ComplianceChat]("updated_at"), field[admin.ComplianceChat]("deleted_at"))...)
}

func complianceChatDeletedView() view[admin.ComplianceChatDeleted] {
	return fieldView[admin.ComplianceChatDeleted]("id", "type")
}

func complianceMessageView() view[admin.ComplianceChatMessage] {
	return flat(
		append(fields[admin.ComplianceChatMessage]("id", "role", "created_at"),
			col("text", func(m admin.ComplianceChatMessage) string { return messageText(m) }),
			col("files", func(m admin.ComplianceChatMessage) string { return refIDs(m.Files) }),
			col("generated_files", func(m admin.ComplianceChatMessage) string { return refIDs(m.GeneratedFiles) }),
			col("artifacts", func(m admin.ComplianceChatMessage) string {
				ids := make([]string, len(m.Artifacts))
				for i, a := range m.Artifacts {
					ids[i] = a.VersionID
				}
				return strings.Join(ids, ",")
			}))...)
}

func complianceFileView() view[admin.ComplianceFile] {
	return fieldView[admin.ComplianceFile]("id", "filename", "mime_type", "size_bytes", "md5", "created_at", "claude_chat_ids")
}

func complianceFileDeletedView() view[admin.ComplianceFileDeleted] {
	return fieldView[admin.ComplianceFileDeleted]("id", "type")
}

func complianceGeneratedFileView() view[admin.ComplianceGeneratedFile] {
	return fieldView[admin.ComplianceGeneratedFile]("id", "filename", "mime_type", "size_bytes", "md5", "claude_chat_id", "created_at")
}

func complianceProjectView() view[admin.ComplianceProject] {
	return flat(append(fields[admin.ComplianceProject]("id", "name", "is_private"),
		col("user.email_address", func(p admin.ComplianceProject) string { return contentUserEmail(p.User) }),
		field[admin.ComplianceProject]("created_at"), field[admin.ComplianceProject]("deleted_at"))...)
}

func complianceProjectDetailsView() view[admin.ComplianceProjectDetails] {
	return flat(append(fields[admin.ComplianceProjectDetails]("id", "name", "is_private"),
		col("user.email_address", func(p admin.ComplianceProjectDetails) string { return contentUserEmail(p.User) }),
		field[admin.ComplianceProjectDetails]("chats_count"), field[admin.ComplianceProjectDetails]("attachments_count"),
		field[admin.ComplianceProjectDetails]("description"), field[admin.ComplianceProjectDetails]("created_at"))...)
}

func complianceProjectDeletedView() view[admin.ComplianceProjectDeleted] {
	return fieldView[admin.ComplianceProjectDeleted]("id", "type")
}

func complianceAttachmentView() view[admin.ComplianceProjectAttachment] {
	return fieldView[admin.ComplianceProjectAttachment]("type", "id", "filename", "mime_type", "created_at")
}

func complianceCollaboratorView() view[admin.ComplianceProjectCollaborator] {
	return fieldView[admin.ComplianceProjectCollaborator]("type", "role", "user_id", "group_id", "organization_uuid", "organization_role", "granted_at")
}

func complianceDocumentView() view[admin.ComplianceProjectDocumentMetadata] {
	return flat(append(fields[admin.ComplianceProjectDocumentMetadata]("id", "filename", "size_bytes", "md5"),
		col("user.email_address", func(d admin.ComplianceProjectDocumentMetadata) string { return contentUserEmail(d.User) }),
		field[admin.ComplianceProjectDocumentMetadata]("created_at"))...)
}

func complianceDocumentDeletedView() view[admin.ComplianceProjectDocumentDeleted] {
	return fieldView[admin.ComplianceProjectDocumentDeleted]("id", "type")
}

func complianceArtifactView() view[admin.ComplianceArtifact] {
	return fieldView[admin.ComplianceArtifact]("version_id", "id", "title", "artifact_type", "size_bytes", "md5", "claude_chat_id", "created_at")
}

// contentUserEmail is the email address of a content's creator, or "" when
// the account is gone.
func contentUserEmail(u *admin.ComplianceContentUser) string {
	if u == nil {
		return ""
	}
	return u.EmailAddress
}

// messageText joins the text blocks of a message.
func messageText(m admin.ComplianceChatMessage) string {
	var parts []string
	for _, b := range m.Content {
		if b.Text != nil {
			parts = append(parts, *b.Text)
		}
	}
	return strings.Join(parts, " ")
}

// refIDs joins the IDs of file references.
func refIDs(refs []admin.ComplianceFileReference) string {
	ids := make([]string, len(refs))
	for i, r := range refs {
		ids[i] = r.ID
	}
	return strings.Join(ids, ",")
}

// createdFlags are the created_at and updated_at filters of a list, as flags.
func createdFlags() []flagSpec {
	return []flagSpec{
		{name: "created-after", field: "CreatedAtGte", usage: "only those created at or after this time"},
		{name: "created-before", field: "CreatedAtLt", usage: "only those created before this time", after: "created-after"},
	}
}

func complianceChatsCommands() *command {
	return group("chats", "claude.ai chats and their messages (Compliance API).",
		&command{name: "list", op: admin.OpListComplianceChats, summary: "List chats, oldest first.", compliance: true,
			details: "--user cannot be combined with --updated-after or --updated-before: the API refuses it.",
			flags: append([]flagSpec{
				{name: "user", field: "UserIDs", usage: "only chats of these user `IDs` (at most 10)"},
				{name: "org", field: "OrganizationIDs", usage: "only chats of these organization `IDs` (org_... or UUID)"},
				{name: "project", field: "ProjectIDs", usage: "only chats of these project `IDs`"},
				{name: "updated-after", field: "UpdatedAtGte", usage: "only chats updated at or after this time"},
				{name: "updated-before", field: "UpdatedAtLt", usage: "only chats updated before this time", after: "updated-after"},
			}, createdFlags()...),
			examples: []string{
				"# The chats of one user since October",
				"anthropic-admin compliance chats list --user user_01AbCdEf --created-after 2026-10-01 --all",
			},
			do: list0((*admin.ComplianceChatsService).Pages, complianceChatView())},
		&command{name: "messages", op: admin.OpListComplianceChatMessages, summary: "List the messages of a chat, with their files and artifacts.", compliance: true,
			args:  []string{"<chat-id>"},
			flags: []flagSpec{{name: "order", field: "Order", usage: "the order of the messages", values: values(admin.ComplianceSortOrderValues())}},
			examples: []string{
				"anthropic-admin compliance chats messages claude_chat_01AbCdEf --all",
				"anthropic-admin compliance chats messages claude_chat_01AbCdEf --order desc --limit 5 -o json",
			},
			do: listWith(chatMessagePages, complianceMessageView())},
		&command{name: "delete", op: admin.OpDeleteComplianceChat, summary: "Delete a chat for good, with its messages and files.", compliance: true,
			args:     []string{"<chat-id>"},
			confirm:  ask("Delete %s for good, with its messages and their files? This cannot be undone.", chatAt(0)),
			examples: []string{"anthropic-admin compliance chats delete claude_chat_01AbCdEf"},
			do:       call1((*admin.ComplianceChatsService).Delete, complianceChatDeletedView())},
	)
}

// chatMessagesParams are the parameters of compliance chats messages.
type chatMessagesParams struct {
	Order admin.ComplianceSortOrder
	Limit int // the page size, set by --limit and --all
}

// chatMessagesPage is one page of a chat's messages, in the shape lists
// print.
type chatMessagesPage struct {
	Data    []admin.ComplianceChatMessage
	HasMore bool
}

// chatMessagePages pages through a chat's messages with after_id.
func chatMessagePages(ctx context.Context, a *app, args []string, p *chatMessagesParams) iter.Seq2[*chatMessagesPage, error] {
	return func(yield func(*chatMessagesPage, error) bool) {
		q := admin.ListComplianceChatMessagesParams{Order: p.Order, Limit: p.Limit}
		for {
			m, err := a.c.ComplianceChats.Messages(ctx, args[0], &q)
			if err != nil {
				yield(nil, err)
				return
			}
			more := m.HasMore != nil && *m.HasMore && m.LastID != nil
			if !yield(&chatMessagesPage{Data: m.ChatMessages, HasMore: more}, nil) || !more {
				return
			}
			q.AfterID = *m.LastID
		}
	}
}

// chatAt describes the chat named by argument i: its name, owner and
// number of messages (the chats have no Get: their messages say it).
func chatAt(i int) describer {
	return func(ctx context.Context, c *admin.Client, args []string) (string, error) {
		m, err := c.ComplianceChats.Messages(ctx, args[i], nil)
		if err != nil {
			return "", err
		}
		owner := "a deleted user"
		if m.User != nil {
			owner = m.User.EmailAddress
		}
		name := ""
		if m.Name != nil {
			name = *m.Name
		}
		return fmt.Sprintf("chat %q of %s (%s, %s)", name, owner, m.ID, count(len(m.ChatMessages), "message")), nil
	}
}

func complianceFilesCommands() *command {
	return group("files", "Files users attached to chats (Compliance API).",
		&command{name: "get", op: admin.OpGetComplianceFile, summary: "Show a chat file's metadata.", compliance: true,
			args: []string{"<file-id>"}, examples: []string{"anthropic-admin compliance files get claude_file_01AbCdEf"},
			do: call1((*admin.ComplianceFilesService).Get, complianceFileView())},
		&command{name: "download", op: admin.OpDownloadComplianceFile, summary: "Download a chat file's content to a file or stdout.", compliance: true,
			args: []string{"<file-id>"}, details: downloadDetails,
			examples: []string{
				"anthropic-admin compliance files download claude_file_01AbCdEf -O report.pdf",
				"anthropic-admin compliance files download claude_file_01AbCdEf > report.pdf",
			},
			do: downloading((*admin.ComplianceFilesService).Download)},
		&command{name: "delete", op: admin.OpDeleteComplianceFile, summary: "Delete a chat file for good.", compliance: true,
			args:     []string{"<file-id>"},
			confirm:  ask("Delete %s for good? This cannot be undone.", fileAt(0)),
			examples: []string{"anthropic-admin compliance files delete claude_file_01AbCdEf"},
			do:       call1((*admin.ComplianceFilesService).Delete, complianceFileDeletedView())},
	)
}

// count is n and noun, plural unless n is 1: "2 chats".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return strconv.Itoa(n) + " " + noun + "s"
}

// fileAt describes the chat file named by argument i.
func fileAt(i int) describer {
	return describe(i, (*admin.ComplianceFilesService).Get, func(f *admin.ComplianceFile) string {
		name := "(no name)"
		if f.Filename != nil {
			name = strconv.Quote(*f.Filename)
		}
		size := "unknown size"
		if f.SizeBytes != nil {
			size = fmt.Sprintf("%d bytes", *f.SizeBytes)
		}
		return fmt.Sprintf("file %s (%s, %s, in %s)", name, f.ID, size, count(len(f.ClaudeChatIDs), "chat"))
	})
}

func complianceGeneratedFilesCommands() *command {
	return group("generated-files", "Files the assistant created in chats (Compliance API).",
		&command{name: "get", op: admin.OpGetComplianceGeneratedFile, summary: "Show a generated file's metadata.", compliance: true,
			args: []string{"<generated-file-id>"}, examples: []string{"anthropic-admin compliance generated-files get claude_gen_file_01AbCdEf"},
			do: call1((*admin.ComplianceGeneratedFilesService).Get, complianceGeneratedFileView())},
		&command{name: "download", op: admin.OpDownloadComplianceGeneratedFile, summary: "Download a generated file's content to a file or stdout.", compliance: true,
			args: []string{"<generated-file-id>"}, details: downloadDetails,
			examples: []string{"anthropic-admin compliance generated-files download claude_gen_file_01AbCdEf -O chart.csv"},
			do:       downloading((*admin.ComplianceGeneratedFilesService).Download)},
	)
}

func complianceProjectsCommands() *command {
	return group("projects", "claude.ai projects, their attachments and collaborators (Compliance API).",
		&command{name: "list", op: admin.OpListComplianceProjects, summary: "List projects, oldest first.", compliance: true,
			flags: append([]flagSpec{
				{name: "user", field: "UserIDs", usage: "only projects created by these user `IDs`"},
				{name: "org", field: "OrganizationIDs", usage: "only projects of these organization `IDs` (org_... or UUID)"},
			}, createdFlags()...),
			examples: []string{"anthropic-admin compliance projects list --all -o csv"},
			do:       list0((*admin.ComplianceProjectsService).Pages, complianceProjectView())},
		&command{name: "get", op: admin.OpGetComplianceProject, summary: "Show a project with its counts.", compliance: true,
			args: []string{"<project-id>"}, examples: []string{"anthropic-admin compliance projects get claude_proj_01AbCdEf"},
			do: call1((*admin.ComplianceProjectsService).Get, complianceProjectDetailsView())},
		&command{name: "delete", op: admin.OpDeleteComplianceProject, summary: "Delete a project for good, with its documents (refused while it has chats).", compliance: true,
			args:     []string{"<project-id>"},
			confirm:  ask("Delete %s for good, with its documents and attachments? This cannot be undone.", projectAt(0)),
			examples: []string{"anthropic-admin compliance projects delete claude_proj_01AbCdEf"},
			do:       call1((*admin.ComplianceProjectsService).Delete, complianceProjectDeletedView())},
		&command{name: "attachments", op: admin.OpListComplianceProjectAttachments, summary: "List the files and documents attached to a project.", compliance: true,
			args: []string{"<project-id>"}, examples: []string{"anthropic-admin compliance projects attachments claude_proj_01AbCdEf --all"},
			do: list1((*admin.ComplianceProjectAttachmentsService).Pages, complianceAttachmentView())},
		&command{name: "collaborators", op: admin.OpListComplianceProjectCollaborators, summary: "List the role assignments on a project.", compliance: true,
			args: []string{"<project-id>"}, examples: []string{"anthropic-admin compliance projects collaborators claude_proj_01AbCdEf"},
			do: list1((*admin.ComplianceProjectCollaboratorsService).Pages, complianceCollaboratorView())},
	)
}

// projectAt describes the project named by argument i.
func projectAt(i int) describer {
	return describe(i, (*admin.ComplianceProjectsService).Get, func(p *admin.ComplianceProjectDetails) string {
		s := fmt.Sprintf("project %q (%s", p.Name, p.ID)
		if p.User != nil {
			s += " of " + p.User.EmailAddress
		}
		if p.AttachmentsCount != nil {
			s += ", " + count(*p.AttachmentsCount, "attachment")
		}
		if p.ChatsCount != nil {
			s += ", " + count(*p.ChatsCount, "chat")
		}
		return s + ")"
	})
}

func complianceDocumentsCommands() *command {
	return group("documents", "Project documents (Compliance API).",
		&command{name: "get", op: admin.OpGetComplianceProjectDocumentMetadata, summary: "Show a project document's metadata.", compliance: true,
			args: []string{"<document-id>"}, examples: []string{"anthropic-admin compliance documents get claude_proj_doc_01AbCdEf"},
			do: call1((*admin.ComplianceProjectDocumentsService).GetMetadata, complianceDocumentView())},
		&command{name: "content", op: admin.OpGetComplianceProjectDocument, summary: "Write a project document's text to a file or stdout.", compliance: true,
			args: []string{"<document-id>"}, details: downloadDetails,
			examples: []string{"anthropic-admin compliance documents content claude_proj_doc_01AbCdEf -O notes.md"},
			do:       writing(documentContent)},
		&command{name: "delete", op: admin.OpDeleteComplianceProjectDocument, summary: "Delete a project document for good.", compliance: true,
			args:     []string{"<document-id>"},
			confirm:  ask("Delete %s for good? This cannot be undone.", documentAt(0)),
			examples: []string{"anthropic-admin compliance documents delete claude_proj_doc_01AbCdEf"},
			do:       call1((*admin.ComplianceProjectDocumentsService).Delete, complianceDocumentDeletedView())},
	)
}

// documentAt describes the project document named by argument i.
func documentAt(i int) describer {
	return describe(i, (*admin.ComplianceProjectDocumentsService).GetMetadata, func(d *admin.ComplianceProjectDocumentMetadata) string {
		return fmt.Sprintf("document %q (%s, %d bytes)", d.Filename, d.ID, d.SizeBytes)
	})
}

// documentContent returns a project document's text as a content to
// write.
func documentContent(ctx context.Context, c *admin.Client, id string) (io.ReadCloser, string, error) {
	d, err := c.ComplianceProjectDocuments.Get(ctx, id)
	if err != nil {
		return nil, "", err
	}
	return io.NopCloser(strings.NewReader(d.Content)), "text/plain; charset=utf-8", nil
}

func complianceArtifactsCommands() *command {
	return group("artifacts", "Artifact versions Claude made in chats (Compliance API).",
		&command{name: "get", op: admin.OpGetComplianceArtifact, summary: "Show an artifact version's metadata.", compliance: true,
			args: []string{"<artifact-version-id>"}, examples: []string{"anthropic-admin compliance artifacts get claude_artifact_version_01AbCdEf"},
			do: call1((*admin.ComplianceArtifactsService).Get, complianceArtifactView())},
		&command{name: "download", op: admin.OpDownloadComplianceArtifact, summary: "Download an artifact version's content to a file or stdout.", compliance: true,
			args: []string{"<artifact-version-id>"}, details: downloadDetails,
			examples: []string{"anthropic-admin compliance artifacts download claude_artifact_version_01AbCdEf -O artifact.md"},
			do:       downloading((*admin.ComplianceArtifactsService).Download)},
	)
}

// downloadDetails is the help of the commands that write a content.
const downloadDetails = "The content streams to the file that -O names, or to stdout. -O refuses to overwrite an\n" +
	"existing file, and stdout refuses binary content on a terminal, unless --force is given.\n" +
	"The file appears only once complete: an interrupted download leaves nothing behind."

// contentFunc fetches the content that argument id names, with its media
// type.
type contentFunc func(ctx context.Context, c *admin.Client, id string) (io.ReadCloser, string, error)

// downloadFlags are the flags of the commands that write a content.
type downloadFlags struct {
	output string
	force  bool
}

// downloading returns the action of a leaf that streams the download of
// m, a Download method of package admin, to a file or stdout.
func downloading[S any](m func(*S, context.Context, string) (*admin.Download, error)) action {
	return calling(m, writing(func(ctx context.Context, c *admin.Client, id string) (io.ReadCloser, string, error) {
		d, err := m(service[S](c), ctx, id)
		if err != nil {
			return nil, "", err
		}
		return d, d.ContentType, nil
	}))
}

// writing returns the action of a leaf that writes the content get
// fetches for its first argument to the file -O names or to stdout.
func writing(get contentFunc) action {
	a := writingWith(func(ctx context.Context, c *admin.Client, args []string, _ *none) (io.ReadCloser, string, error) {
		return get(ctx, c, args[0])
	})
	a.method = funcName(get)
	return a
}

// writingWith is writing for a content that get fetches with all the
// leaf's arguments and its parameters P, bound to its declared flags.
func writingWith[P any](get func(ctx context.Context, c *admin.Client, args []string, p *P) (io.ReadCloser, string, error)) action {
	return action{method: funcName(get), setup: func(fs *flag.FlagSet, leaf *command) runFunc {
		p := new(P)
		leaf.bindFlags(fs, p)
		var f downloadFlags
		fs.StringVar(&f.output, "output-file", "", "write the content to this `file` instead of stdout")
		fs.BoolVar(&f.force, "force", false, "overwrite the -O file, or write binary content to a terminal")
		return func(ctx context.Context, a *app, args []string) error {
			if f.output != "" && !f.force {
				if _, err := os.Lstat(f.output); err == nil {
					return &exitError{1, fmt.Sprintf("refusing to overwrite %s (pass --force)", f.output)}
				}
			}
			body, contentType, err := get(ctx, a.c, args, p)
			if err != nil {
				return err
			}
			defer body.Close()
			if f.output == "" {
				return writeStdout(a, body, contentType, f.force)
			}
			n, err := writeFile(f.output, body, f.force)
			if err != nil {
				return err
			}
			fmt.Fprintf(a.stderr, "wrote %d bytes (%s) to %s\n", n, safeText(contentType), f.output)
			return nil
		}
	}}
}

// sniffSize is how much of a content is read to tell text from binary.
const sniffSize = 8 << 10

// writeStdout copies a content to stdout. On a terminal it first reads
// up to sniffSize bytes and refuses binary content, or text with control
// characters that would drive the terminal, unless force, as curl does.
func writeStdout(a *app, body io.Reader, contentType string, force bool) error {
	if !force && (a.width > 0 || isTerminal(a.stdout)) { // a width is only known for a terminal
		br := bufio.NewReaderSize(body, sniffSize)
		head, err := br.Peek(sniffSize)
		if err != nil && err != io.EOF && !errors.Is(err, bufio.ErrBufferFull) {
			return err
		}
		if !printable(head, len(head) == sniffSize) {
			return &exitError{1, fmt.Sprintf("refusing to write binary content (%s) to a terminal: pass -O FILE, redirect stdout, or pass --force", safeText(contentType))}
		}
		body = br
	}
	_, err := io.Copy(a.stdout, body)
	return err
}

// printable reports whether b is text a terminal may show: UTF-8 without
// NUL, escape or other control characters than tab, newline and carriage
// return. cut says b may end inside a character.
func printable(b []byte, cut bool) bool {
	if cut {
		// Drop a character the read may have split.
		for i := 0; i < utf8.UTFMax && len(b) > 0 && !utf8.Valid(b); i++ {
			b = b[:len(b)-1]
		}
	}
	if !utf8.Valid(b) {
		return false
	}
	for _, c := range b {
		if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
			return false
		}
	}
	return true
}

// writeFile writes a content to path through a temporary file in the same
// directory, renamed into place once complete, so that a failed or
// interrupted download leaves nothing at path. Without force it never
// replaces a file: the final step is a hard link, which fails if path
// exists by then.
func writeFile(path string, body io.Reader, force bool) (int64, error) {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".part-*")
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name())
	n, err := io.Copy(tmp, body)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return n, err
	}
	if force {
		return n, os.Rename(tmp.Name(), path)
	}
	if err := os.Link(tmp.Name(), path); err != nil {
		if errors.Is(err, os.ErrExist) {
			return n, &exitError{1, fmt.Sprintf("refusing to overwrite %s (pass --force)", path)}
		}
		return n, err
	}
	return n, nil
}
