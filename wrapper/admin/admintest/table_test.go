package admintest

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// naivePage is the obvious O(N) definition of table.page.
func naivePage(live []string, c cursor, keep func(string) bool) (out []string, more bool) {
	var match []string
	for _, k := range live {
		if keep(k) {
			match = append(match, k)
		}
	}
	if c.beforeID != "" {
		var before []string
		for _, k := range match {
			if k < c.beforeID {
				before = append(before, k)
			}
		}
		if len(before) > c.limit {
			return before[len(before)-c.limit:], true
		}
		return before, false
	}
	var after []string
	for _, k := range match {
		if k > c.afterID {
			after = append(after, k)
		}
	}
	if len(after) > c.limit {
		return after[:c.limit], true
	}
	return after, false
}

// TestTablePageMatchesNaive drives a table and a sorted slice with the same
// random inserts (in and out of order), deletions and revivals, and checks
// that every page agrees with the naive definition.
func TestTablePageMatchesNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	tbl := newTable[int]()
	ref := map[string]int{}
	key := func(n int) string { return fmt.Sprintf("k%05d", n) }
	for step := range 5000 {
		n := rng.IntN(600)
		if step < 300 {
			n = step * 2 // mostly appends first
		}
		if rng.IntN(3) == 0 {
			if got, want := tbl.del(key(n)), ref[key(n)] != 0; got != want {
				t.Fatalf("del(%s) = %v, want %v", key(n), got, want)
			}
			delete(ref, key(n))
		} else {
			v := n + 1
			tbl.put(key(n), &v)
			ref[key(n)] = v
		}
		if step%50 != 0 {
			continue
		}
		live := make([]string, 0, len(ref))
		for k := range ref {
			live = append(live, k)
		}
		slices.Sort(live)
		if tbl.len() != len(live) {
			t.Fatalf("len %d, want %d", tbl.len(), len(live))
		}
		for range 20 {
			c := cursor{limit: 1 + rng.IntN(40)}
			switch rng.IntN(3) {
			case 1:
				c.afterID = key(rng.IntN(620))
			case 2:
				c.beforeID = key(rng.IntN(620))
			}
			mod := 1 + rng.IntN(3)
			keepInt := func(v *int) bool { return *v%mod == 0 }
			keepKey := func(k string) bool { return ref[k]%mod == 0 }
			ids, items, more := tbl.page(c, keepInt)
			want, wantMore := naivePage(live, c, keepKey)
			if diff := cmp.Diff(want, ids, cmp.Comparer(func(a, b []string) bool { return slices.Equal(a, b) })); diff != "" || more != wantMore {
				t.Fatalf("step %d, cursor %+v, mod %d: (-want +got):\n%s more %v want %v", step, c, mod, diff, more, wantMore)
			}
			for i, it := range items {
				if *it != ref[ids[i]] {
					t.Fatalf("item %s = %d, want %d", ids[i], *it, ref[ids[i]])
				}
			}
		}
	}
	if tbl.dead > 64 && tbl.dead > tbl.len() {
		t.Errorf("%d tombstones for %d records: compaction did not run", tbl.dead, tbl.len())
	}
}
