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

// This file is the beta compliance review endpoints: cases Anthropic sends
// to the organization, their flagged items, and notices. The rules, from
// the SDK's doc: lists are newest first by default (order, order_by),
// with page tokens; a response closes an open case for good (status
// closed, reason responded); the same response again, lists in any order,
// is a 200 that changes nothing, and a different one, or one to a case
// closed otherwise, is a 400; a response's policy categories are one to
// four with violation and none with no_violation, each once, and its
// verdicts name the case's items, each once. Unknown IDs are 404.

type reviewCase struct {
	gen.ComplianceReviewCase
	response *gen.ComplianceReviewCaseResponse // the recorded response
}

// ReviewItemSeed is a flagged message of a seeded review case.
type ReviewItemSeed struct {
	// UserID is the member who sent it; empty means an API key's call.
	UserID string
	// Model is the model the call named.
	Model string
	// Prompt and Answer are the stored request's user text and the
	// response's text; an empty Prompt means the content was not captured.
	Prompt, Answer string
}

// ReviewCaseSeed is a compliance review case for
// [Server.AddComplianceReviewCase].
type ReviewCaseSeed struct {
	// PolicyCategories default to ["other"].
	PolicyCategories []string
	// EnforcementAction is the type of the action Anthropic took, if any.
	EnforcementAction string
	// CreatedAt defaults to now.
	CreatedAt time.Time
	// Items are the flagged messages (at least one).
	Items []ReviewItemSeed
	// Notice, when set, is the text of a response_requested notice about
	// the case, sent with it.
	Notice string
}

// AddComplianceReviewCase adds an open review case with its items (and a
// notice) and returns it.
func (s *Server) AddComplianceReviewCase(rs ReviewCaseSeed) (admin.ComplianceReviewCase, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(rs.Items) == 0 {
		return gen.ComplianceReviewCase{}, asError(badRequest("a review case needs an item"))
	}
	st := s.contentLocked()
	created := cmp.Or(rs.CreatedAt, now)
	c := &reviewCase{ComplianceReviewCase: gen.ComplianceReviewCase{
		Type: gen.ComplianceReviewCaseTypeComplianceReviewCase, ID: st.ids.next("rvc"), CreatedAt: created, UpdatedAt: created,
		OrganizationID: s.org.ID, PolicyCategories: rs.PolicyCategories,
		Status: gen.ComplianceReviewCaseStatus{Type: gen.ComplianceReviewCaseStatusTypeOpen},
	}}
	if len(c.PolicyCategories) == 0 {
		c.PolicyCategories = []string{"other"}
	}
	if rs.EnforcementAction != "" {
		c.EnforcementAction = &gen.ComplianceReviewTypedObject{Type: rs.EnforcementAction}
	}
	for _, is := range rs.Items {
		it := gen.ComplianceReviewItem{
			Type: gen.ComplianceReviewItemTypeComplianceReviewItem, ID: st.ids.next("msg"), CreatedAt: created.Add(-time.Hour),
			ContentExpiresAt: created.Add(30 * 24 * time.Hour), OrganizationID: s.org.ID,
			ReadReason: gen.ComplianceReviewTypedObject{Type: "safeguards_review"},
			Details:    gen.ComplianceReviewItemDetails{Type: "message", Model: optionalString(is.Model)},
		}
		if u, ok := s.st.users.get(is.UserID); ok {
			it.Actor = &gen.ComplianceReviewActor{Type: "user_actor", UserID: ptr(u.ID), EmailAddress: ptr(u.Email)}
		} else {
			it.Actor = &gen.ComplianceReviewActor{Type: "api_actor", APIKeyID: ptr("apikey_01review")}
		}
		if is.Prompt == "" {
			it.Details.ContentUnavailableReason = &gen.ComplianceReviewTypedObject{Type: "not_captured"}
		} else {
			it.Details.Content = &gen.ComplianceReviewMessageContent{
				Type:     "create_message",
				Request:  map[string]any{"model": is.Model, "messages": []any{map[string]any{"role": "user", "content": is.Prompt}}},
				Response: map[string]any{"type": "message", "role": "assistant", "content": []any{map[string]any{"type": "text", "text": is.Answer}}},
			}
		}
		st.reviewItems[it.ID] = it
		c.Transcripts = append(c.Transcripts, gen.ComplianceReviewTranscript{ItemID: it.ID})
	}
	st.reviewCases.put(c.ID, c)
	if rs.Notice != "" {
		n := gen.ComplianceReviewNotice{
			Type: gen.ComplianceReviewNoticeTypeComplianceReviewNotice, ID: st.ids.next("rvn"), CaseIDs: []string{c.ID}, CreatedAt: created,
			Kind: gen.ComplianceReviewTypedObject{Type: "response_requested"}, Message: rs.Notice, OrganizationID: s.org.ID,
			RespondBy: ptr(created.Add(14 * 24 * time.Hour)),
		}
		st.reviewNotices.put(n.ID, &n)
	}
	return c.ComplianceReviewCase, nil
}

// sortedPage orders items by key, then ID, ascending or descending, and
// returns one page of them after the page token.
func sortedPage[R any](items []R, key func(R) time.Time, id func(R) string, desc bool, kind string, limit *int, page *string) ([]R, *string, *apiError) {
	slices.SortStableFunc(items, func(a, b R) int {
		c := cmp.Or(key(a).Compare(key(b)), cmp.Compare(id(a), id(b)))
		if desc {
			return -c
		}
		return c
	})
	return slicePage(items, id, kind, limit, page)
}

func (s *api) ListComplianceReviewCases(ctx context.Context, req server.ListComplianceReviewCasesRequestObject) (server.ListComplianceReviewCasesResponseObject, error) {
	p := req.Params
	created := timeRange{p.CreatedAtGt, p.CreatedAtGte, p.CreatedAtLt, p.CreatedAtLte}
	updated := timeRange{p.UpdatedAtGt, p.UpdatedAtGte, p.UpdatedAtLt, p.UpdatedAtLte}
	s.mu.RLock()
	var all []gen.ComplianceReviewCase
	s.st.content.reviewCases.all(func(_ string, c *reviewCase) bool {
		if created.has(c.CreatedAt) && updated.has(c.UpdatedAt) && (p.Status == nil || c.Status.Type == *p.Status) &&
			(p.UserProfileID == nil || slices.ContainsFunc(c.Transcripts, func(t gen.ComplianceReviewTranscript) bool {
				return t.UserProfileID != nil && *t.UserProfileID == *p.UserProfileID
			})) {
			all = append(all, c.ComplianceReviewCase)
		}
		return true
	})
	s.mu.RUnlock()
	key := func(c gen.ComplianceReviewCase) time.Time { return c.CreatedAt }
	if p.OrderBy != nil && *p.OrderBy == gen.ComplianceReviewCaseOrderByUpdatedAt {
		key = func(c gen.ComplianceReviewCase) time.Time { return c.UpdatedAt }
	}
	desc := p.Order == nil || *p.Order == gen.ComplianceSortOrderDesc
	data, next, e := sortedPage(all, key, func(c gen.ComplianceReviewCase) string { return c.ID }, desc, "review-cases", p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	if data == nil {
		data = []gen.ComplianceReviewCase{}
	}
	return server.ListComplianceReviewCases200JSONResponse{Body: gen.ComplianceReviewCaseList{Data: data, NextPage: next}}, nil
}

func reviewCaseNotFound(id string) *apiError { return notFound("review case %q not found", id) }

func (s *api) GetComplianceReviewCase(ctx context.Context, req server.GetComplianceReviewCaseRequestObject) (server.GetComplianceReviewCaseResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	c, ok := s.st.content.reviewCases.get(req.CaseID)
	if !ok {
		return nil, reviewCaseNotFound(req.CaseID)
	}
	return server.GetComplianceReviewCase200JSONResponse{Body: c.ComplianceReviewCase}, nil
}

// sameResponse reports whether two responses have the same field values,
// lists in any order.
func sameResponse(a, b gen.ComplianceReviewCaseResponse) bool {
	sortedCats := func(v []gen.ComplianceReviewViolatedPolicyCategory) []gen.ComplianceReviewViolatedPolicyCategory {
		return slices.Sorted(slices.Values(v))
	}
	key := func(v gen.ComplianceReviewVerdict) string {
		pc := ""
		if v.PolicyCategory != nil {
			pc = string(*v.PolicyCategory)
		}
		return v.ItemID + "\x00" + string(v.Determination) + "\x00" + pc
	}
	verdicts := func(v []gen.ComplianceReviewVerdict) []string {
		out := make([]string, len(v))
		for i, x := range v {
			out[i] = key(x)
		}
		slices.Sort(out)
		return out
	}
	return a.Determination == b.Determination && slices.Equal(sortedCats(a.PolicyCategories), sortedCats(b.PolicyCategories)) &&
		slices.Equal(verdicts(a.Verdicts), verdicts(b.Verdicts))
}

// checkResponse validates a response to case c.
func checkResponse(c *reviewCase, r gen.ComplianceReviewCaseResponse) *apiError {
	seen := map[gen.ComplianceReviewViolatedPolicyCategory]bool{}
	for _, pc := range r.PolicyCategories {
		if seen[pc] {
			return badRequest("policy_categories: %s appears twice", pc)
		}
		seen[pc] = true
	}
	switch {
	case r.Determination == gen.ComplianceReviewDeterminationViolation && len(r.PolicyCategories) == 0:
		return badRequest("policy_categories: send one to four with violation")
	case r.Determination == gen.ComplianceReviewDeterminationNoViolation && len(r.PolicyCategories) > 0:
		return badRequest("policy_categories: send none with no_violation")
	}
	items := map[string]bool{}
	for _, v := range r.Verdicts {
		if !slices.ContainsFunc(c.Transcripts, func(t gen.ComplianceReviewTranscript) bool { return t.ItemID == v.ItemID }) {
			return badRequest("verdicts: item %q is not one of the case's transcripts", v.ItemID)
		}
		if items[v.ItemID] {
			return badRequest("verdicts: item %q appears twice", v.ItemID)
		}
		items[v.ItemID] = true
		if v.Determination == gen.ComplianceReviewDeterminationNoViolation && v.PolicyCategory != nil {
			return badRequest("verdicts: item %q: no policy_category with no_violation", v.ItemID)
		}
	}
	return nil
}

func (s *api) RespondComplianceReviewCase(ctx context.Context, req server.RespondComplianceReviewCaseRequestObject) (server.RespondComplianceReviewCaseResponseObject, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	c, ok := s.st.content.reviewCases.get(req.CaseID)
	if !ok {
		return nil, reviewCaseNotFound(req.CaseID)
	}
	r := *req.Body
	if c.Status.Type == gen.ComplianceReviewCaseStatusTypeClosed {
		if c.response != nil && sameResponse(*c.response, r) {
			return server.RespondComplianceReviewCase200JSONResponse{Body: c.ComplianceReviewCase}, nil
		}
		return nil, badRequest("case %q is closed and cannot take this response (case_closed)", c.ID)
	}
	if e := checkResponse(c, r); e != nil {
		return nil, e
	}
	nc := &reviewCase{ComplianceReviewCase: c.ComplianceReviewCase, response: &r}
	nc.Status = gen.ComplianceReviewCaseStatus{Type: gen.ComplianceReviewCaseStatusTypeClosed, Reason: &gen.ComplianceReviewTypedObject{Type: "responded"}}
	nc.UpdatedAt = now
	s.st.content.reviewCases.put(c.ID, nc)
	return server.RespondComplianceReviewCase200JSONResponse{Body: nc.ComplianceReviewCase}, nil
}

func (s *api) GetComplianceReviewItem(ctx context.Context, req server.GetComplianceReviewItemRequestObject) (server.GetComplianceReviewItemResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	it, ok := s.st.content.reviewItems[req.ItemID]
	if !ok {
		return nil, notFound("review item %q not found", req.ItemID)
	}
	return server.GetComplianceReviewItem200JSONResponse{Body: it}, nil
}

func (s *api) ListComplianceReviewNotices(ctx context.Context, req server.ListComplianceReviewNoticesRequestObject) (server.ListComplianceReviewNoticesResponseObject, error) {
	p := req.Params
	created := timeRange{p.CreatedAtGt, p.CreatedAtGte, p.CreatedAtLt, p.CreatedAtLte}
	s.mu.RLock()
	var all []gen.ComplianceReviewNotice
	s.st.content.reviewNotices.all(func(_ string, n *gen.ComplianceReviewNotice) bool {
		if created.has(n.CreatedAt) && (p.CaseID == nil || slices.Contains(n.CaseIDs, *p.CaseID)) {
			all = append(all, *n)
		}
		return true
	})
	s.mu.RUnlock()
	desc := p.Order == nil || *p.Order == gen.ComplianceSortOrderDesc
	data, next, e := sortedPage(all, func(n gen.ComplianceReviewNotice) time.Time { return n.CreatedAt }, func(n gen.ComplianceReviewNotice) string { return n.ID }, desc, "review-notices", p.Limit, p.Page)
	if e != nil {
		return nil, e
	}
	if data == nil {
		data = []gen.ComplianceReviewNotice{}
	}
	return server.ListComplianceReviewNotices200JSONResponse{Body: gen.ComplianceReviewNoticeList{Data: data, NextPage: next}}, nil
}
