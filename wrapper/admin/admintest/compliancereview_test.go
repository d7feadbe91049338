package admintest

import (
	"net/url"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

func TestComplianceReview(t *testing.T) {
	f := newFake(t)
	u, err := f.AddUser(UserSeed{Email: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	old, err := f.AddComplianceReviewCase(ReviewCaseSeed{PolicyCategories: []string{"cyber"}, CreatedAt: t0.Add(-48 * time.Hour), Notice: "respond please",
		Items: []ReviewItemSeed{{UserID: u.ID, Model: "m", Prompt: "p", Answer: "a"}, {}}})
	if err != nil {
		t.Fatal(err)
	}
	recent, err := f.AddComplianceReviewCase(ReviewCaseSeed{Items: []ReviewItemSeed{{Prompt: "q"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddComplianceReviewCase(ReviewCaseSeed{}); err == nil {
		t.Error("a case without items was accepted")
	}

	// The review endpoints take the Admin key.
	l := ok[gen.ComplianceReviewCaseList](f, "GET", "/v1/compliance/review/cases", nil)
	if len(l.Data) != 2 || l.Data[0].ID != recent.ID || l.NextPage != nil {
		t.Fatalf("cases (newest first) = %+v", l)
	}
	asc := ok[gen.ComplianceReviewCaseList](f, "GET", "/v1/compliance/review/cases?order=asc&limit=1", nil)
	if len(asc.Data) != 1 || asc.Data[0].ID != old.ID || asc.NextPage == nil {
		t.Fatalf("oldest case = %+v", asc)
	}
	if p2 := ok[gen.ComplianceReviewCaseList](f, "GET", "/v1/compliance/review/cases?order=asc&limit=1&page="+url.QueryEscape(*asc.NextPage), nil); len(p2.Data) != 1 || p2.Data[0].ID != recent.ID {
		t.Errorf("page 2 = %+v", p2)
	}
	since := url.QueryEscape(t0.Add(-time.Hour).Format(time.RFC3339))
	if l := ok[gen.ComplianceReviewCaseList](f, "GET", "/v1/compliance/review/cases?created_at[gte]="+since, nil); len(l.Data) != 1 || l.Data[0].ID != recent.ID {
		t.Errorf("recent cases = %+v", l.Data)
	}
	f.fails("GET", "/v1/compliance/review/cases/rvc_nope", nil, 404, errNotFound)
	// The Compliance key is not the review endpoints' credential.
	f.complianceFails("GET", "/v1/compliance/review/cases", 403, errPermission)

	item := ok[gen.ComplianceReviewItem](f, "GET", "/v1/compliance/review/items/"+old.Transcripts[0].ItemID, nil)
	if item.Actor == nil || *item.Actor.UserID != u.ID || item.Details.Content == nil || item.Details.Content.Type != "create_message" {
		t.Errorf("item = %+v", item)
	}
	blind := ok[gen.ComplianceReviewItem](f, "GET", "/v1/compliance/review/items/"+old.Transcripts[1].ItemID, nil)
	if blind.Details.Content != nil || blind.Details.ContentUnavailableReason == nil || blind.Actor.Type != "api_actor" {
		t.Errorf("uncaptured item = %+v", blind)
	}
	f.fails("GET", "/v1/compliance/review/items/msg_nope", nil, 404, errNotFound)

	notices := ok[gen.ComplianceReviewNoticeList](f, "GET", "/v1/compliance/review/notices?case_id="+old.ID, nil)
	if len(notices.Data) != 1 || notices.Data[0].Kind.Type != "response_requested" || notices.Data[0].RespondBy == nil {
		t.Errorf("notices = %+v", notices)
	}
	if n := ok[gen.ComplianceReviewNoticeList](f, "GET", "/v1/compliance/review/notices?case_id="+recent.ID, nil); len(n.Data) != 0 {
		t.Errorf("notices of the recent case = %+v", n.Data)
	}

	// Responding: refusals, then the response, then the same again.
	path := "/v1/compliance/review/cases/" + old.ID + "/respond"
	f.fails("POST", path, map[string]any{"determination": "violation"}, 400, errInvalidRequest)
	f.fails("POST", path, map[string]any{"determination": "no_violation", "policy_categories": []string{"cyber"}}, 400, errInvalidRequest)
	f.fails("POST", path, map[string]any{"determination": "violation", "policy_categories": []string{"cyber", "cyber"}}, 400, errInvalidRequest)
	f.fails("POST", path, map[string]any{"determination": "violation", "policy_categories": []string{"cyber"}, "verdicts": []any{map[string]string{"item_id": "msg_other", "determination": "violation"}}}, 400, errInvalidRequest)
	f.fails("POST", path, map[string]any{"determination": "violation", "policy_categories": []string{"benign"}}, 400, errInvalidRequest)
	resp := map[string]any{"determination": "violation", "policy_categories": []string{"cyber", "fraud"},
		"verdicts": []any{map[string]string{"item_id": old.Transcripts[0].ItemID, "determination": "violation", "policy_category": "cyber"}}}
	closed := ok[gen.ComplianceReviewCase](f, "POST", path, resp)
	if closed.Status.Type != gen.ComplianceReviewCaseStatusTypeClosed || closed.Status.Reason == nil || closed.Status.Reason.Type != "responded" {
		t.Fatalf("responded case = %+v", closed.Status)
	}
	f.SetNow(t0.Add(time.Hour))
	resp["policy_categories"] = []string{"fraud", "cyber"} // the same, in another order
	if again := ok[gen.ComplianceReviewCase](f, "POST", path, resp); again.UpdatedAt != closed.UpdatedAt {
		t.Errorf("the same response changed the case: %+v", again)
	}
	f.fails("POST", path, map[string]any{"determination": "no_violation"}, 400, errInvalidRequest)
	if l := ok[gen.ComplianceReviewCaseList](f, "GET", "/v1/compliance/review/cases?status=open", nil); len(l.Data) != 1 || l.Data[0].ID != recent.ID {
		t.Errorf("open cases = %+v", l.Data)
	}
}
