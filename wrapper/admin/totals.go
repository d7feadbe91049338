package admin

import "iter"

// CostTotals sums the cost report that buckets yields (such as
// client.Cost.All over a whole range) into exact totals per group: key
// names the group of each result, such as its workspace ID, and "" puts
// every result in one group. It returns the totals with the number of
// results each summed, and stops at the first error the iteration yields.
// Amounts of different currencies are never added together: a total's key
// is the group's key joined to the currency by a space, unless the currency
// is USD (the only one the API reports today).
func CostTotals(buckets iter.Seq2[CostTimeBucket, error], key func(CostResult) string) (map[string]Cents, map[string]int, error) {
	totals, counts := map[string]Cents{}, map[string]int{}
	for b, err := range buckets {
		if err != nil {
			return nil, nil, err
		}
		for _, r := range b.Results {
			k := ""
			if key != nil {
				k = key(r)
			}
			if r.Currency != "" && r.Currency != "USD" {
				k += " " + r.Currency
			}
			totals[k] = totals[k].Add(r.Amount)
			counts[k]++
		}
	}
	return totals, counts, nil
}

// ByWorkspace is a key for [CostTotals]: the result's workspace ID, or ""
// for the default workspace (which the report leaves null).
func ByWorkspace(r CostResult) string {
	if r.WorkspaceID == nil {
		return ""
	}
	return *r.WorkspaceID
}
