package admin

import (
	"context"
	"iter"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// ComplianceUser is a user as the Compliance API reports it (no `type` field; different field names from the Admin API's `User`).
type ComplianceUser = gen.ComplianceUser

// ComplianceUserList is one page of Compliance API users (page token).
type ComplianceUserList = gen.ComplianceUserList

// ListComplianceUsersParams are the parameters of
// [ComplianceService.ListUsers].
type ListComplianceUsersParams struct {
	// Limit is the page size, 1 to 1000; zero means the server's default
	// (500).
	Limit int
	// Page is the NextPage of the previous page; empty for the first.
	Page string
}

// ComplianceService lists users through the Compliance API, which
// authenticates with a Compliance Access Key (see [WithComplianceKey])
// instead of the Admin key. Get it from [Client.Compliance].
type ComplianceService struct{ cfg *config }

// ListUsers returns one page of the organization's users, by organization
// join date. orgUUID is the organization's ID (see
// [OrganizationService.Get]). params may be nil.
func (s *ComplianceService) ListUsers(ctx context.Context, orgUUID string, params *ListComplianceUsersParams) (*ComplianceUserList, error) {
	p := deref(params)
	o := op{verb: "list compliance users", ids: [2]arg{{"organization UUID", orgUUID}}, compliance: true}
	if err := checkLimit(o, p.Limit); err != nil {
		return nil, err
	}
	q := &gen.ListComplianceOrganizationUsersParams{Limit: optional(p.Limit), Page: optional(p.Page)}
	return call[ComplianceUserList](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ListComplianceOrganizationUsers(ctx, orgUUID, q, edit)
	})
}

// PagesUsers iterates over the pages that ListUsers returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *ComplianceService) PagesUsers(ctx context.Context, orgUUID string, params *ListComplianceUsersParams) iter.Seq2[*ComplianceUserList, error] {
	p := deref(params)
	return tokenPages(ctx, p.Page, func(ctx context.Context, page string) (*ComplianceUserList, error) {
		q := p
		q.Page = page
		return s.ListUsers(ctx, orgUUID, &q)
	}, func(l *ComplianceUserList) (*string, bool) { return l.NextPage, l.HasMore })
}

// AllUsers iterates over every user of the organization, fetching pages
// lazily. params may be nil.
func (s *ComplianceService) AllUsers(ctx context.Context, orgUUID string, params *ListComplianceUsersParams) iter.Seq2[ComplianceUser, error] {
	return items(s.PagesUsers(ctx, orgUUID, params), func(l *ComplianceUserList) []ComplianceUser { return l.Data })
}
