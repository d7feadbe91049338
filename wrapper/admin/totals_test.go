package admin_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// TestCostTotals sums a cost report over a whole range, across pages, into
// exact totals per workspace, and stops at an error.
func TestCostTotals(t *testing.T) {
	srv := admintest.NewServer()
	defer srv.Close()
	c := srv.Client(admin.WithRetryBackoff(time.Millisecond, time.Millisecond))
	ctx := context.Background()
	ws, err := srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Team"})
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for i, amount := range []string{"0.000001", "12345", "0.1", "0.2"} {
		rec := admintest.CostRecord{Date: day.AddDate(0, 0, i), Amount: amount}
		if i%2 == 1 {
			rec.WorkspaceID = ws.ID
		}
		if err := srv.AddCost(rec); err != nil {
			t.Fatal(err)
		}
	}
	params := &admin.GetCostReportParams{StartingAt: day, EndingAt: day.AddDate(0, 0, 4), Limit: 1, GroupBy: []admin.CostGroupBy{admin.CostGroupByWorkspaceID}}
	totals, counts, err := admin.CostTotals(c.Cost.All(ctx, params), admin.ByWorkspace)
	if err != nil {
		t.Fatal(err)
	}
	// 0.000001 + 0.1 cents in the default workspace; 12345 + 0.2 in Team.
	if got := totals[""]; got.String() != "0.100001" || counts[""] != 2 {
		t.Errorf("default workspace: %s cents in %d results, want 0.100001 in 2", got, counts[""])
	}
	if got := totals[ws.ID]; got.Dollars() != "123.452" || counts[ws.ID] != 2 {
		t.Errorf("%s: $%s in %d results, want $123.452 in 2", ws.ID, got.Dollars(), counts[ws.ID])
	}
	if srv.Calls(admin.OpGetCostReport) != 4 {
		t.Errorf("%d pages fetched, want 4 (one day per page)", srv.Calls(admin.OpGetCostReport))
	}

	if err := srv.FailNext(admin.OpGetCostReport, 1, admintest.Fault{Status: 400}); err != nil {
		t.Fatal(err)
	}
	if _, _, err := admin.CostTotals(c.Cost.All(ctx, params), nil); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("err = %v, want the 400", err)
	}
}
