package main

import (
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The Compliance API's sessions (local and remote) and Claude Code
// artifacts commands.

func localSessionView() view[admin.ComplianceLocalSession] {
	return flat(append(fields[admin.ComplianceLocalSession]("id", "product", "title"),
		col("user.email_address", func(s admin.ComplianceLocalSession) string { return contentUserEmail(s.User) }),
		field[admin.ComplianceLocalSession]("created_at"), field[admin.ComplianceLocalSession]("updated_at"))...)
}

func localSessionMessageView() view[admin.ComplianceLocalSessionMessage] {
	return flat(append(fields[admin.ComplianceLocalSessionMessage]("id", "role", "created_at"),
		col("text", func(m admin.ComplianceLocalSessionMessage) string { return blocksText(m.Content) }))...)
}

func remoteSessionView() view[admin.ComplianceRemoteSession] {
	return flat(append(fields[admin.ComplianceRemoteSession]("id", "title", "agent_id", "claude_project_id"),
		col("user.email_address", func(s admin.ComplianceRemoteSession) string { return contentUserEmail(s.User) }),
		field[admin.ComplianceRemoteSession]("created_at"), field[admin.ComplianceRemoteSession]("updated_at"))...)
}

func remoteSessionMessageView() view[admin.ComplianceRemoteSessionMessage] {
	return flat(append(fields[admin.ComplianceRemoteSessionMessage]("id", "role", "created_at"),
		col("text", func(m admin.ComplianceRemoteSessionMessage) string { return blocksText(m.Content) }))...)
}

func codeArtifactView() view[admin.ComplianceCodeArtifact] {
	return flat(append(fields[admin.ComplianceCodeArtifact]("id", "title", "organization_uuid"),
		col("versions", func(a admin.ComplianceCodeArtifact) string {
			ids := make([]string, len(a.Versions))
			for i, v := range a.Versions {
				ids[i] = v.VersionID
			}
			return strings.Join(ids, ",")
		}),
		field[admin.ComplianceCodeArtifact]("created_at"), field[admin.ComplianceCodeArtifact]("updated_at"))...)
}

func codeArtifactDeletedView() view[admin.ComplianceCodeArtifactDeleted] {
	return fieldView[admin.ComplianceCodeArtifactDeleted]("id", "type")
}

// blocksText joins the text of content blocks.
func blocksText(blocks []admin.ComplianceContentBlock) string {
	var parts []string
	for _, b := range blocks {
		if b.Text != nil {
			parts = append(parts, *b.Text)
		}
	}
	return strings.Join(parts, " ")
}

// sessionFlags are the filters of the session lists.
func sessionFlags() []flagSpec {
	return append([]flagSpec{
		{name: "user", field: "UserIDs", usage: "only sessions of these user `IDs`"},
		{name: "org", field: "OrganizationIDs", usage: "only sessions of these organization `IDs` (org_... or UUID)"},
	}, createdFlags()...)
}

func complianceSessionsCommands() *command {
	return group("sessions", "Sessions in Claude apps, local and remote (Compliance API).",
		group("local", "Sessions users ran on their own computers.",
			&command{name: "list", op: admin.OpListComplianceLocalSessions, summary: "List local sessions, oldest first.", compliance: true,
				flags:    sessionFlags(),
				examples: []string{"anthropic-admin compliance sessions local list --user user_01AbCdEf --all"},
				do:       list0((*admin.ComplianceLocalSessionsService).Pages, localSessionView())},
			&command{name: "get", op: admin.OpGetComplianceLocalSession, summary: "Show a local session.", compliance: true,
				args: []string{"<session-id>"}, examples: []string{"anthropic-admin compliance sessions local get local_session_01AbCdEf"},
				do: call1((*admin.ComplianceLocalSessionsService).Get, localSessionView())},
			&command{name: "messages", op: admin.OpListComplianceLocalSessionMessages, summary: "List a local session's transcript.", compliance: true,
				args:     []string{"<session-id>"},
				flags:    []flagSpec{{name: "order", field: "Order", usage: "the order of the messages", values: values(admin.ComplianceSortOrderValues())}},
				examples: []string{"anthropic-admin compliance sessions local messages local_session_01AbCdEf --all -o json"},
				do:       list1((*admin.ComplianceLocalSessionMessagesService).Pages, localSessionMessageView())},
		),
		group("remote", "Cowork sessions run in Anthropic-hosted cloud environments.",
			&command{name: "list", op: admin.OpListComplianceRemoteSessions, summary: "List remote sessions, oldest first.", compliance: true,
				flags:    sessionFlags(),
				examples: []string{"anthropic-admin compliance sessions remote list --created-after 2026-11-01"},
				do:       list0((*admin.ComplianceRemoteSessionsService).Pages, remoteSessionView())},
			&command{name: "messages", op: admin.OpListComplianceRemoteSessionMessages, summary: "List a remote session's transcript.", compliance: true,
				args:     []string{"<session-id>"},
				examples: []string{"anthropic-admin compliance sessions remote messages session_01AbCdEf --all"},
				do:       list1((*admin.ComplianceRemoteSessionMessagesService).Pages, remoteSessionMessageView())},
		),
	)
}

// codeArtifactParams are the parameters of the code artifact commands
// that take the artifact's organization.
type codeArtifactParams struct {
	OrganizationUUID string
}

func complianceCodeArtifactsCommands() *command {
	orgFlag := []flagSpec{{name: "org", field: "OrganizationUUID", usage: "the artifact's organization `UUID`, from the list (the API scans every child organization without it)"}}
	return group("code-artifacts", "Claude Code artifacts and their versions (Compliance API).",
		&command{name: "list", op: admin.OpListComplianceCodeArtifacts, summary: "List code artifacts, by ID.", compliance: true,
			details: "Pages may be short or empty while more follow; --all reads them all.",
			flags: []flagSpec{
				{name: "org", field: "OrganizationIDs", usage: "only artifacts of these organization `IDs` (org_... or UUID)"},
				{name: "updated-after", field: "UpdatedAtGte", usage: "only artifacts updated at or after this time (an eventually consistent index)"},
				{name: "updated-before", field: "UpdatedAtLt", usage: "only artifacts updated before this time", after: "updated-after"},
			},
			examples: []string{"anthropic-admin compliance code-artifacts list --all"},
			do:       list0((*admin.ComplianceCodeArtifactsService).Pages, codeArtifactView())},
		&command{name: "download", op: admin.OpDownloadComplianceCodeArtifactVersion, summary: "Download a code artifact version's content to a file or stdout.", compliance: true,
			args: []string{"<artifact-id>", "<version-id>"}, details: downloadDetails, flags: orgFlag,
			examples: []string{"anthropic-admin compliance code-artifacts download cart_01AbCdEf cartv_01AbCdEf -O notes.md"},
			do:       writingWith(downloadCodeArtifactVersion)},
		&command{name: "delete", op: admin.OpDeleteComplianceCodeArtifact, summary: "Delete a code artifact and all its versions for good.", compliance: true,
			args: []string{"<artifact-id>"}, flags: orgFlag,
			confirm:  ask("Delete %s and all its versions for good? This cannot be undone.", codeArtifactAt(0)),
			examples: []string{"anthropic-admin compliance code-artifacts delete cart_01AbCdEf --org 3f2a0b1c-0000-4000-8000-000000000000"},
			do:       object(deleteCodeArtifact, codeArtifactDeletedView())},
	)
}

// downloadCodeArtifactVersion streams the version that the arguments
// name.
func downloadCodeArtifactVersion(ctx context.Context, c *admin.Client, args []string, p *codeArtifactParams) (io.ReadCloser, string, error) {
	d, err := c.ComplianceCodeArtifacts.DownloadVersion(ctx, args[0], args[1], &admin.DownloadComplianceCodeArtifactVersionParams{OrganizationUUID: p.OrganizationUUID})
	if err != nil {
		return nil, "", err
	}
	return d, d.ContentType, nil
}

// deleteCodeArtifact deletes the code artifact that the argument names.
func deleteCodeArtifact(ctx context.Context, c *admin.Client, args []string, p *codeArtifactParams) (*admin.ComplianceCodeArtifactDeleted, error) {
	return c.ComplianceCodeArtifacts.Delete(ctx, args[0], &admin.DeleteComplianceCodeArtifactParams{OrganizationUUID: p.OrganizationUUID})
}

// codeArtifactAt describes the code artifact named by argument i: there is
// no get, so it is looked up in the list (of its organization when --org
// is given, which the question cannot see: of all).
func codeArtifactAt(i int) describer {
	return func(ctx context.Context, c *admin.Client, args []string) (string, error) {
		for a, err := range c.ComplianceCodeArtifacts.All(ctx, &admin.ListComplianceCodeArtifactsParams{Limit: 100}) {
			if err != nil {
				return "", err
			}
			if a.ID == args[i] {
				title := "(untitled)"
				if a.Title != nil {
					title = strconv.Quote(*a.Title)
				}
				return fmt.Sprintf("code artifact %s (%s, %s)", title, a.ID, count(len(a.Versions), "version")), nil
			}
		}
		return "", fmt.Errorf("code artifact %s: not found in the list", args[i])
	}
}
