package main

import (
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// TestCostIsNeverCentsBesideUSD checks the 100× mistake cannot happen: the
// cost report's amounts are cents on the wire, and every table and CSV
// prints them as dollars under a column whose name says so, exactly.
func TestCostIsNeverCentsBesideUSD(t *testing.T) {
	s := newFake(t)
	day := time.Date(2026, 3, 2, 0, 0, 0, 0, time.UTC)
	for _, amount := range []string{"12345", "0.000001", "41280.000000"} {
		if err := s.AddCost(admintest.CostRecord{Date: day, Amount: amount}); err != nil {
			t.Fatal(err)
		}
	}
	r := runCLI(t, s, invocation{args: []string{"usage", "cost", "--from", "2026-03-02", "--to", "2026-03-03", "-o", "csv"}})
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	// 12345 + 0.000001 + 41280.000000 cents = $536.25000001, exact.
	want := "starting_at,ending_at,cost_usd\n2026-03-02T00:00:00Z,2026-03-03T00:00:00Z,536.25000001\n"
	if r.stdout != want {
		t.Errorf("csv:\n%s\nwant:\n%s", r.stdout, want)
	}
	if strings.Contains(r.stdout, "53625") || strings.Contains(strings.ToLower(r.stdout), "amount") {
		t.Errorf("a cents figure or an unlabelled amount is printed:\n%s", r.stdout)
	}
}
