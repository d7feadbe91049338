package admintest

import (
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// seedDemoComplianceContent adds the demo data of the Compliance API's
// content: two projects (one private, with documents, an attached file and
// collaborators), and chats of three users with files, a generated file,
// artifacts, a chat in a project and a chat its user deleted in claude.ai;
// local and remote sessions, Claude Code artifacts, and two review cases
// with their items and a notice.
// It runs last in SeedDemoData, so that the IDs drawn before it do not
// change.
func (s *Server) seedDemoComplianceContent(now time.Time, users []gen.User) error {
	day := 24 * time.Hour
	alice, bob, carol := users[3], users[4], users[6]
	launch, err := s.AddComplianceProject(ProjectSeed{
		UserID: alice.ID, Name: "Q3 launch plan", CreatedAt: now.Add(-40 * day), Private: true,
		Description:  "Planning the Q3 product launch.",
		Instructions: "Answer as a launch coordinator; cite the plan documents.",
		Documents: []DocumentSeed{
			{Filename: "launch-checklist.md", Content: "# Launch checklist\n\n- Freeze features\n- Draft the announcement\n- Brief support\n"},
			{Filename: "press-notes.txt", Content: "Embargo until launch day, 09:00 PT.\n"},
		},
		Files: []FileSeed{{Filename: "timeline.pdf", MIMEType: "application/pdf", Content: demoPDF("Q3 launch timeline")}},
		Collaborators: []gen.ComplianceProjectCollaborator{
			{Type: gen.ComplianceProjectCollaboratorTypeUser, Role: gen.ComplianceProjectRoleEditor, UserID: ptr(bob.ID), GrantedAt: now.Add(-39 * day)},
			{Type: gen.ComplianceProjectCollaboratorTypeOrganizationRole, Role: gen.ComplianceProjectRoleViewer, OrganizationRole: ptr("admin"), GrantedAt: now.Add(-38 * day)},
		},
	})
	if err != nil {
		return err
	}
	if _, err := s.AddComplianceProject(ProjectSeed{
		UserID: carol.ID, Name: "Support macros", CreatedAt: now.Add(-20 * day),
		Description: "Reusable answers for the support team.",
		Documents:   []DocumentSeed{{Filename: "refund-policy.md", Content: "Refunds within 30 days of purchase.\n"}},
		Collaborators: []gen.ComplianceProjectCollaborator{
			{Type: gen.ComplianceProjectCollaboratorTypeOrganization, Role: gen.ComplianceProjectRoleViewer, OrganizationUUID: ptr(s.org.ID)},
		},
	}); err != nil {
		return err
	}
	chats := []ChatSeed{
		{UserID: alice.ID, Name: "Quarterly revenue summary", Model: "claude-opus-4-7", CreatedAt: now.Add(-30 * day), Messages: []MessageSeed{
			{Text: "Summarize the attached report in five bullet points.", Files: []FileSeed{{Filename: "quarterly_report.pdf", MIMEType: "application/pdf", Content: demoPDF("Quarterly report")}}},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "Here are the five points, and a chart of revenue by region.",
				GeneratedFiles: []FileSeed{{Filename: "revenue_by_region.csv", MIMEType: "text/csv", Content: []byte("region,revenue_usd\nEMEA,1200000\nAMER,2100000\nAPAC,800000\n")}}},
		}},
		{UserID: alice.ID, Name: "Launch announcement draft", Model: "claude-sonnet-4-5", ProjectID: launch.ID, CreatedAt: now.Add(-25 * day), Messages: []MessageSeed{
			{Text: "Draft the launch announcement from the checklist."},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "Here is a draft as an artifact.",
				Artifacts: []ArtifactSeed{{Title: "Launch announcement", Type: "text/markdown", Content: "# Introducing our Q3 release\n\nToday we ship...\n"}}},
		}},
		{UserID: bob.ID, Name: "Fix the flaky test", Model: "claude-opus-4-7", CreatedAt: now.Add(-12 * day), Messages: []MessageSeed{
			{Text: "Why does TestRetry fail one run in ten?", Files: []FileSeed{{Filename: "retry_test.go", MIMEType: "text/x-go", Content: []byte("package retry\n\nfunc TestRetry(t *testing.T) {}\n")}}},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "The test sleeps on the wall clock; inject a clock instead.",
				Artifacts: []ArtifactSeed{{Title: "retry_test.go (fixed)", Content: "package retry\n\n// uses a fake clock\n"}}},
			{Text: "Thanks, that fixed it."},
		}},
		{UserID: bob.ID, Name: "Personal travel plans", CreatedAt: now.Add(-8 * day), DeletedAt: now.Add(-7 * day), Messages: []MessageSeed{
			{Text: "Plan a weekend in Lisbon."},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "Day one: Alfama and the castle..."},
		}},
		{UserID: carol.ID, Name: "Refund email", Model: "claude-haiku-4-5", CreatedAt: now.Add(-2 * day), Messages: []MessageSeed{
			{Text: "Write a polite refund refusal for an order of 45 days ago."},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "Dear customer, ..."},
		}},
	}
	for _, c := range chats {
		if _, err := s.AddComplianceChat(c); err != nil {
			return err
		}
	}
	sessions := []SessionSeed{
		{UserID: bob.ID, Product: "claude_code", Title: "Refactor the retry loop", CreatedAt: now.Add(-6 * day), Messages: []MessageSeed{
			{Text: "Refactor retry.go to use a backoff policy."},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "Done: the policy is in backoff.go and the tests pass."},
		}},
		{UserID: alice.ID, Product: "cowork", Title: "Weekly status digest", CreatedAt: now.Add(-3 * day), Messages: []MessageSeed{
			{Text: "Collect this week's launch updates into a digest."},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "Here is the digest, grouped by team."},
		}},
		{UserID: carol.ID, Remote: true, Title: "Triage the support inbox", AgentID: "agent_01demo", ProjectID: launch.ID, CreatedAt: now.Add(-day), Messages: []MessageSeed{
			{Text: "Label today's tickets by urgency."},
			{Role: gen.ComplianceMessageRoleAssistant, Text: "Labelled 42 tickets: 5 urgent, 17 normal, 20 low."},
		}},
	}
	for _, ss := range sessions {
		if _, err := s.AddComplianceSession(ss); err != nil {
			return err
		}
	}
	for _, a := range []CodeArtifactSeed{
		{Title: "release-notes.md", CreatedAt: now.Add(-10 * day), Versions: [][]byte{[]byte("# v1.2\n- faster retries\n"), []byte("# v1.2\n- faster retries\n- fewer allocations\n")}},
		{Title: "migration.sql", CreatedAt: now.Add(-4 * day), Versions: [][]byte{[]byte("ALTER TABLE users ADD COLUMN locale text;\n")}},
	} {
		if _, err := s.AddComplianceCodeArtifact(a); err != nil {
			return err
		}
	}
	for _, rc := range []ReviewCaseSeed{
		{PolicyCategories: []string{"cyber"}, CreatedAt: now.Add(-5 * day), Notice: "Please review these messages and respond within 14 days.",
			Items: []ReviewItemSeed{
				{UserID: bob.ID, Model: "claude-opus-4-7", Prompt: "Write a port scanner for our staging network.", Answer: "Here is a scanner limited to your own hosts..."},
				{Model: "claude-opus-4-7"},
			}},
		{PolicyCategories: []string{"fraud"}, EnforcementAction: "request_blocked", CreatedAt: now.Add(-2 * day),
			Items: []ReviewItemSeed{{UserID: carol.ID, Model: "claude-haiku-4-5", Prompt: "Draft a refund email that sounds like the bank.", Answer: "I can help with a refund email in your own company's voice."}}},
	} {
		if _, err := s.AddComplianceReviewCase(rc); err != nil {
			return err
		}
	}
	return nil
}

// demoPDF returns a small document that starts like a PDF, for demo
// downloads.
func demoPDF(title string) []byte {
	return []byte("%PDF-1.4\n% " + title + "\n" + strings.Repeat("0", 200) + "\n%%EOF\n")
}
