package admin_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

func userID(i int) string { return fmt.Sprintf("user_%08d", i) }

// userPages serves n users, user_00000000 first, with the Admin API's
// ID-cursor semantics (limit, before_id, after_id, first_id, last_id,
// has_more) and the Compliance API's page tokens. failAt, when positive,
// answers the request with that sequence number with a 403.
func userPages(n, failAt int) http.HandlerFunc {
	seq := 0
	return func(w http.ResponseWriter, r *http.Request) {
		seq++
		if seq == failAt {
			writeJSON(w, 403, `{"type":"error","error":{"type":"permission_error","message":"no"}}`)
			return
		}
		q := r.URL.Query()
		limit := 20
		if v := q.Get("limit"); v != "" {
			limit, _ = strconv.Atoi(v)
		}
		index := func(id string) int { i, _ := strconv.Atoi(id[len("user_"):]); return i }
		lo, hi := 0, min(limit, n)
		switch {
		case q.Get("after_id") != "":
			lo = index(q.Get("after_id")) + 1
			hi = min(lo+limit, n)
		case q.Get("before_id") != "":
			hi = index(q.Get("before_id"))
			lo = max(hi-limit, 0)
		case q.Get("page") != "":
			lo, _ = strconv.Atoi(q.Get("page"))
			hi = min(lo+limit, n)
		}
		users := make([]map[string]any, 0, hi-lo)
		for i := lo; i < hi; i++ {
			users = append(users, map[string]any{
				"type": "user", "id": userID(i), "email": fmt.Sprintf("u%d@example.com", i), "name": "U",
				"role": "user", "added_at": "2025-01-01T00:00:00Z",
				"created_at": "2025-01-01T00:00:00Z", "full_name": "U", "organization_role": "user",
			})
		}
		page := map[string]any{"data": users, "first_id": nil, "last_id": nil, "next_page": nil}
		if len(users) > 0 {
			page["first_id"], page["last_id"] = userID(lo), userID(hi-1)
		}
		if q.Get("before_id") != "" {
			page["has_more"] = lo > 0
		} else {
			page["has_more"] = hi < n
			if hi < n {
				page["next_page"] = strconv.Itoa(hi)
			}
		}
		body, _ := json.Marshal(page)
		writeJSON(w, 200, string(body))
	}
}

func collectIDs(t *testing.T, seq func(func(admin.User, error) bool)) ([]string, error) {
	t.Helper()
	var ids []string
	for u, err := range seq {
		if err != nil {
			return ids, err
		}
		ids = append(ids, u.ID)
	}
	return ids, nil
}

func wantIDs(lo, hi int) []string {
	var ids []string
	for i := lo; i < hi; i++ {
		ids = append(ids, userID(i))
	}
	return ids
}

func TestListReturnsOnePage(t *testing.T) {
	srv := newRecorder(t, userPages(250, 0))
	c, _ := newClient(t, srv.URL)
	page, err := c.Users.List(context.Background(), &admin.ListUsersParams{Limit: 100, AfterID: userID(99)})
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Data) != 100 || !page.HasMore || *page.FirstID != userID(100) || *page.LastID != userID(199) {
		t.Errorf("page = %d items, has_more %v, first %v, last %v", len(page.Data), page.HasMore, *page.FirstID, *page.LastID)
	}
	if q := srv.requests()[0].URL.Query(); q.Get("limit") != "100" || q.Get("after_id") != userID(99) {
		t.Errorf("query = %v", q)
	}
}

func TestAllFetchesEveryPage(t *testing.T) {
	srv := newRecorder(t, userPages(250, 0))
	c, _ := newClient(t, srv.URL)
	ids, err := collectIDs(t, c.Users.All(context.Background(), &admin.ListUsersParams{Limit: 100}))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(wantIDs(0, 250), ids); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	if got := srv.calls.Load(); got != 3 {
		t.Errorf("calls = %d, want 3", got)
	}
}

func TestAllEarlyBreakFetchesNoMore(t *testing.T) {
	srv := newRecorder(t, userPages(1000, 0))
	c, _ := newClient(t, srv.URL)
	n := 0
	for _, err := range c.Users.All(context.Background(), &admin.ListUsersParams{Limit: 100}) {
		if err != nil {
			t.Fatal(err)
		}
		if n++; n == 150 {
			break
		}
	}
	if got := srv.calls.Load(); got != 2 {
		t.Errorf("calls = %d, want 2: breaking after 150 items must not fetch a third page", got)
	}
	// Nothing is fetched before the loop starts.
	srv2 := newRecorder(t, userPages(10, 0))
	c2, _ := newClient(t, srv2.URL)
	_ = c2.Users.All(context.Background(), nil)
	if got := srv2.calls.Load(); got != 0 {
		t.Errorf("All fetched %d pages before being ranged over", got)
	}
}

func TestAllYieldsErrorOnceAndStops(t *testing.T) {
	srv := newRecorder(t, userPages(1000, 2))
	c, _ := newClient(t, srv.URL)
	var items, errs int
	for _, err := range c.Users.All(context.Background(), &admin.ListUsersParams{Limit: 100}) {
		if err != nil {
			errs++
			if !errors.Is(err, admin.ErrPermission) {
				t.Errorf("err = %v, want ErrPermission", err)
			}
			continue // a careless caller keeps going: the iterator must stop by itself
		}
		items++
	}
	if items != 100 || errs != 1 {
		t.Errorf("items = %d, errors = %d; want 100 and 1", items, errs)
	}
	if got := srv.calls.Load(); got != 2 {
		t.Errorf("calls = %d, want 2", got)
	}
}

func TestAllPagesBackwards(t *testing.T) {
	srv := newRecorder(t, userPages(250, 0))
	c, _ := newClient(t, srv.URL)
	ids, err := collectIDs(t, c.Users.All(context.Background(), &admin.ListUsersParams{Limit: 100, BeforeID: userID(230)}))
	if err != nil {
		t.Fatal(err)
	}
	// Pages come newest page first, each page in ascending order.
	want := append(append(wantIDs(130, 230), wantIDs(30, 130)...), wantIDs(0, 30)...)
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	for _, r := range srv.requests()[1:] {
		if r.URL.Query().Get("after_id") != "" || r.URL.Query().Get("before_id") == "" {
			t.Errorf("backward paging sent %q", r.URL.RawQuery)
		}
	}
}

func TestAllPageTokens(t *testing.T) {
	srv := newRecorder(t, userPages(25, 0))
	c, _ := newClient(t, srv.URL)
	var ids []string
	for u, err := range c.ComplianceUsers.All(context.Background(), "org", &admin.ListComplianceOrganizationUsersParams{Limit: 10}) {
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	if diff := cmp.Diff(wantIDs(0, 25), ids); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}
	var pages []string
	for _, r := range srv.requests() {
		pages = append(pages, r.URL.Query().Get("page"))
	}
	if diff := cmp.Diff([]string{"", "10", "20"}, pages); diff != "" {
		t.Errorf("page tokens (-want +got):\n%s", diff)
	}
}

func TestPagesYieldsWholePages(t *testing.T) {
	srv := newRecorder(t, userPages(250, 0))
	c, _ := newClient(t, srv.URL)
	var sizes []int
	var more []bool
	for page, err := range c.Users.Pages(context.Background(), &admin.ListUsersParams{Limit: 100}) {
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(page.Data))
		more = append(more, page.HasMore)
		if got := srv.calls.Load(); got != int64(len(sizes)) {
			t.Fatalf("after %d pages the server saw %d requests: pages must be fetched one at a time", len(sizes), got)
		}
	}
	if diff := cmp.Diff([]int{100, 100, 50}, sizes); diff != "" {
		t.Errorf("page sizes (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]bool{true, true, false}, more); diff != "" {
		t.Errorf("has_more (-want +got):\n%s", diff)
	}
}
