package main

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The beta compliance review commands: the cases Anthropic sends about
// flagged messages, their items and notices, and the organization's
// response. They take the Admin key.

func reviewCaseView() view[admin.ComplianceReviewCase] {
	return flat(
		field[admin.ComplianceReviewCase]("id"), field[admin.ComplianceReviewCase]("status.type"),
		col("status.reason", func(c admin.ComplianceReviewCase) string {
			if c.Status.Reason == nil {
				return ""
			}
			return c.Status.Reason.Type
		}),
		field[admin.ComplianceReviewCase]("policy_categories"),
		col("enforcement_action", func(c admin.ComplianceReviewCase) string {
			if c.EnforcementAction == nil {
				return ""
			}
			return c.EnforcementAction.Type
		}),
		col("items", func(c admin.ComplianceReviewCase) string {
			ids := make([]string, len(c.Transcripts))
			for i, t := range c.Transcripts {
				ids[i] = t.ItemID
			}
			return strings.Join(ids, ",")
		}),
		field[admin.ComplianceReviewCase]("created_at"), field[admin.ComplianceReviewCase]("updated_at"))
}

func reviewItemView() view[admin.ComplianceReviewItem] {
	return flat(
		field[admin.ComplianceReviewItem]("id"),
		col("actor", func(i admin.ComplianceReviewItem) string {
			a := i.Actor
			switch {
			case a == nil:
				return ""
			case a.EmailAddress != nil:
				return a.Type + ":" + *a.EmailAddress
			case a.UserID != nil:
				return a.Type + ":" + *a.UserID
			case a.APIKeyID != nil:
				return a.Type + ":" + *a.APIKeyID
			case a.ServiceAccountID != nil:
				return a.Type + ":" + *a.ServiceAccountID
			}
			return a.Type
		}),
		field[admin.ComplianceReviewItem]("details.type"), field[admin.ComplianceReviewItem]("details.model"),
		col("content", func(i admin.ComplianceReviewItem) string {
			switch {
			case i.Details.Content != nil:
				return i.Details.Content.Type
			case i.Details.ContentUnavailableReason != nil:
				return "unavailable: " + i.Details.ContentUnavailableReason.Type
			}
			return ""
		}),
		field[admin.ComplianceReviewItem]("workspace_id"), field[admin.ComplianceReviewItem]("created_at"),
		field[admin.ComplianceReviewItem]("content_expires_at"))
}

func reviewNoticeView() view[admin.ComplianceReviewNotice] {
	return fieldView[admin.ComplianceReviewNotice]("id", "kind.type", "case_ids", "message", "created_at", "respond_by")
}

func complianceReviewCommands() *command {
	return group("review", "Compliance review cases Anthropic sends about flagged messages (beta; the Admin key).",
		group("cases", "Review cases.",
			&command{name: "list", op: admin.OpListComplianceReviewCases, summary: "List review cases, newest first.",
				flags: []flagSpec{
					{name: "status", field: "Status", usage: "only cases with this status", values: values(admin.ComplianceReviewCaseStatusTypeValues())},
					{name: "order", field: "Order", usage: "sort direction", values: values(admin.ComplianceSortOrderValues())},
					{name: "order-by", field: "OrderBy", usage: "the time to sort by", values: values(admin.ComplianceReviewCaseOrderByValues())},
					{name: "updated-after", field: "UpdatedAtGte", usage: "only cases updated at or after this time"},
					{name: "created-after", field: "CreatedAtGte", usage: "only cases created at or after this time"},
					{name: "user-profile", field: "UserProfileID", usage: "only cases with a message of this user profile `ID`"},
				},
				examples: []string{
					"anthropic-admin compliance review cases list --status open",
					"# Sync: every case changed since the last run",
					"anthropic-admin compliance review cases list --updated-after 2026-11-01T00:00:00Z --order-by updated_at --order asc --all -o json",
				},
				do: list0((*admin.ComplianceReviewCasesService).Pages, reviewCaseView())},
			&command{name: "get", op: admin.OpGetComplianceReviewCase, summary: "Show a review case.",
				args: []string{"<case-id>"}, examples: []string{"anthropic-admin compliance review cases get rvc_01AbCdEf"},
				do: call1((*admin.ComplianceReviewCasesService).Get, reviewCaseView())},
			&command{name: "respond", op: admin.OpRespondComplianceReviewCase, summary: "Send your conclusion on a case, which closes it for good.",
				args: []string{"<case-id>"},
				details: "--category takes one to four policy categories with violation, none with no_violation.\n" +
					"--verdict item_id=violation[:category] or item_id=no_violation concludes on one message; repeatable.",
				flags: []flagSpec{
					{name: "determination", field: "Determination", usage: "your conclusion on the case", values: values(admin.ComplianceReviewDeterminationValues()), required: true},
					{name: "category", field: "Categories", usage: "the violated policy `categories`", values: values(admin.ComplianceReviewViolatedPolicyCategoryValues())},
					{name: "verdict", field: "Verdicts", usage: "a conclusion on one message, `item=determination[:category]`"},
				},
				confirm: ask("Respond to %s? A response closes the case for good.", reviewCaseAt(0)),
				examples: []string{
					"anthropic-admin compliance review cases respond rvc_01AbCdEf --determination no_violation",
					"anthropic-admin compliance review cases respond rvc_01AbCdEf --determination violation --category fraud --verdict msg_01AbCdEf=violation:fraud",
				},
				do: object(respondReviewCase, reviewCaseView())},
		),
		group("items", "The flagged items of review cases.",
			&command{name: "get", op: admin.OpGetComplianceReviewItem, summary: "Show a flagged item (-o json for its stored request and response).",
				args: []string{"<item-id>"}, examples: []string{"anthropic-admin compliance review items get msg_01AbCdEf -o json"},
				do: call1((*admin.ComplianceReviewItemsService).Get, reviewItemView())},
		),
		group("notices", "Anthropic's notices about review cases.",
			&command{name: "list", op: admin.OpListComplianceReviewNotices, summary: "List notices, newest first.",
				flags: []flagSpec{
					{name: "case", field: "CaseID", usage: "only notices about this case `ID`"},
					{name: "created-after", field: "CreatedAtGte", usage: "only notices created at or after this time"},
				},
				examples: []string{"anthropic-admin compliance review notices list --case rvc_01AbCdEf"},
				do:       list0((*admin.ComplianceReviewNoticesService).Pages, reviewNoticeView())},
		),
	)
}

// reviewCaseAt describes the review case named by argument i.
func reviewCaseAt(i int) describer {
	return describe(i, (*admin.ComplianceReviewCasesService).Get, func(c *admin.ComplianceReviewCase) string {
		return fmt.Sprintf("review case %s (%s, %s, %s)", c.ID, c.Status.Type, strings.Join(c.PolicyCategories, ","), count(len(c.Transcripts), "message"))
	})
}

// reviewRespondParams are the flags of compliance review cases respond.
type reviewRespondParams struct {
	Determination admin.ComplianceReviewDetermination
	Categories    []admin.ComplianceReviewViolatedPolicyCategory
	Verdicts      []string
}

// respondReviewCase sends the response that the flags describe.
func respondReviewCase(ctx context.Context, c *admin.Client, args []string, p *reviewRespondParams) (*admin.ComplianceReviewCase, error) {
	body := admin.ComplianceReviewCaseResponse{Determination: p.Determination, PolicyCategories: p.Categories}
	for _, v := range p.Verdicts {
		item, rest, ok := strings.Cut(v, "=")
		det, cat, withCat := strings.Cut(rest, ":")
		verdict := admin.ComplianceReviewVerdict{ItemID: item, Determination: admin.ComplianceReviewDetermination(det)}
		if !ok || item == "" || !verdict.Determination.Valid() {
			return nil, usageErrorf("--verdict %s: want item_id=violation[:category] or item_id=no_violation", strconv.Quote(v))
		}
		if withCat {
			pc := admin.ComplianceReviewViolatedPolicyCategory(cat)
			if !pc.Valid() {
				return nil, usageErrorf("--verdict %s: unknown policy category %q", strconv.Quote(v), cat)
			}
			verdict.PolicyCategory = &pc
		}
		body.Verdicts = append(body.Verdicts, verdict)
	}
	return c.ComplianceReviewCases.Respond(ctx, args[0], body)
}
