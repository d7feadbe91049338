package admintest

import (
	"slices"
)

// table is a set of records ordered by ID. IDs made by idGen grow with
// creation, so inserting a new record is an append, and a page after or
// before a cursor is a binary search plus a walk of about one page: no
// copy or sort of the whole table per request.
//
// Deletion leaves a tombstone in keys (the key is no longer in items) and
// compacts when tombstones outnumber live records, so it is O(1) amortized.
// Callers hold the server's lock.
type table[T any] struct {
	keys  []string
	items map[string]*T
	dead  int
}

func newTable[T any]() *table[T] {
	return &table[T]{items: make(map[string]*T)}
}

func (t *table[T]) len() int { return len(t.items) }

func (t *table[T]) get(id string) (*T, bool) {
	v, ok := t.items[id]
	return v, ok
}

// put inserts or replaces the record with the given ID.
func (t *table[T]) put(id string, v *T) {
	if _, ok := t.items[id]; ok {
		t.items[id] = v
		return
	}
	t.items[id] = v
	if n := len(t.keys); n == 0 || t.keys[n-1] < id {
		t.keys = append(t.keys, id)
		return
	}
	i, found := slices.BinarySearch(t.keys, id)
	if found { // a tombstone comes back to life
		t.dead--
		return
	}
	t.keys = slices.Insert(t.keys, i, id)
}

// del removes the record with the given ID and reports whether it existed.
func (t *table[T]) del(id string) bool {
	if _, ok := t.items[id]; !ok {
		return false
	}
	delete(t.items, id)
	t.dead++
	if t.dead > 64 && t.dead > len(t.items) {
		live := t.keys[:0]
		for _, k := range t.keys {
			if _, ok := t.items[k]; ok {
				live = append(live, k)
			}
		}
		clear(t.keys[len(live):])
		t.keys = live
		t.dead = 0
	}
	return true
}

// all calls f for every record in ID order until f returns false.
func (t *table[T]) all(f func(id string, v *T) bool) {
	for _, k := range t.keys {
		if v, ok := t.items[k]; ok && !f(k, v) {
			return
		}
	}
}

// cursor selects one page of an ID-ordered list.
type cursor struct {
	limit    int
	beforeID string // page immediately before this ID (exclusive)
	afterID  string // page immediately after this ID (exclusive)
}

// page returns up to c.limit records that keep accepts (nil accepts all),
// in ascending ID order, and whether more accepted records exist beyond
// them in the direction of travel: backwards when c.beforeID is set,
// forwards otherwise. The cursor IDs need not exist.
func (t *table[T]) page(c cursor, keep func(*T) bool) (ids []string, items []*T, hasMore bool) {
	accept := func(k string) (*T, bool) {
		v, ok := t.items[k]
		if !ok || (keep != nil && !keep(v)) {
			return nil, false
		}
		return v, true
	}
	if c.beforeID != "" {
		end, _ := slices.BinarySearch(t.keys, c.beforeID)
		for i := end - 1; i >= 0; i-- {
			v, ok := accept(t.keys[i])
			if !ok {
				continue
			}
			if len(items) == c.limit {
				hasMore = true
				break
			}
			ids = append(ids, t.keys[i])
			items = append(items, v)
		}
		slices.Reverse(ids)
		slices.Reverse(items)
		return ids, items, hasMore
	}
	start := 0
	if c.afterID != "" {
		i, found := slices.BinarySearch(t.keys, c.afterID)
		if found {
			i++
		}
		start = i
	}
	for i := start; i < len(t.keys); i++ {
		v, ok := accept(t.keys[i])
		if !ok {
			continue
		}
		if len(items) == c.limit {
			hasMore = true
			break
		}
		ids = append(ids, t.keys[i])
		items = append(items, v)
	}
	return ids, items, hasMore
}

// idPage is one page of an ID-cursor list, converted to wire items.
type idPage[R any] struct {
	data    []R
	firstID *string
	lastID  *string
	hasMore bool
}

// listPage runs t.page and converts the records with conv. data is never
// nil, so it encodes as [] rather than null.
func listPage[T, R any](t *table[T], c cursor, keep func(*T) bool, conv func(*T) R) idPage[R] {
	ids, items, more := t.page(c, keep)
	p := idPage[R]{data: make([]R, 0, len(items)), hasMore: more}
	for _, v := range items {
		p.data = append(p.data, conv(v))
	}
	if len(ids) > 0 {
		p.firstID, p.lastID = &ids[0], &ids[len(ids)-1]
	}
	return p
}

// tokenPage is listPage for the page-token lists: it reads the limit
// (default 20) and the page token of kind, and returns the items and the
// next page's token (nil on the last page).
func tokenPage[T, R any](t *table[T], kind string, limit *int, page *string, keep func(*T) bool, conv func(*T) R) ([]R, *string, *apiError) {
	after, e := parsePageToken(kind, page)
	if e != nil {
		return nil, nil, e
	}
	c := cursor{limit: 20, afterID: after}
	if limit != nil {
		c.limit = *limit
	}
	p := listPage(t, c, keep, conv)
	if p.hasMore {
		return p.data, pageToken(kind, *p.lastID), nil
	}
	return p.data, nil, nil
}
