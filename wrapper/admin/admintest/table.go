package admintest

import (
	"slices"
	"strings"
)

// table is a set of records ordered by ID. IDs made by idGen grow with
// creation, so inserting a new record is an append, and a page after or
// before a cursor is a binary search plus a walk of about one page: no
// copy or sort of the whole table per request.
//
// Deletion leaves a tombstone in keys (the key is no longer in items) and
// compacts when tombstones outnumber live records, so it is O(1) amortized.
// Callers hold the server's lock.
//
// A table may keep secondary indexes (addIndex): for each value of a
// field, the records with that value, as a table of their own in ID order.
// put and del maintain them, so a filtered page walks only the records
// that match (see lookup and narrowest): O(page + log n) for one value,
// whatever the number of records the filter leaves out.
type table[T any] struct {
	keys    []string
	items   map[string]*T
	dead    int
	indexes map[string]*tableIndex[T] // by name; nil without indexes
}

// tableIndex groups a table's records by a key of each record.
type tableIndex[T any] struct {
	keyOf func(*T) string // the record's key; "" leaves it out of the index
	sets  map[string]*table[T]
}

// addIndex makes t keep an index called name of its records by keyOf
// (a record whose key is "" is not indexed), built from the records it
// holds now. Records must not change in place once stored (the server
// replaces them), or the index would not see the change.
func (t *table[T]) addIndex(name string, keyOf func(*T) string) {
	if t.indexes == nil {
		t.indexes = make(map[string]*tableIndex[T])
	}
	ix := &tableIndex[T]{keyOf: keyOf, sets: make(map[string]*table[T])}
	t.indexes[name] = ix
	t.all(func(id string, v *T) bool {
		ix.add(id, v)
		return true
	})
}

func (ix *tableIndex[T]) add(id string, v *T) {
	k := ix.keyOf(v)
	if k == "" {
		return
	}
	set := ix.sets[k]
	if set == nil {
		set = newTable[T]()
		ix.sets[k] = set
	}
	set.put(id, v)
}

func (ix *tableIndex[T]) remove(id string, v *T) {
	k := ix.keyOf(v)
	if k == "" {
		return
	}
	if set := ix.sets[k]; set != nil {
		set.del(id)
	}
}

// lookup returns the records of t whose key in the index name is one of
// keys: the index's table for one key, a union for several, and an empty
// table for none. It panics if t has no such index.
func (t *table[T]) lookup(name string, keys ...string) pager[T] {
	ix := t.indexes[name]
	if ix == nil {
		panic("admintest: no index " + name)
	}
	var parts []*table[T]
	for _, k := range keys {
		if set := ix.sets[k]; set != nil && !slices.Contains(parts, set) {
			parts = append(parts, set)
		}
	}
	switch len(parts) {
	case 0:
		return emptyTable[T]()
	case 1:
		return parts[0]
	}
	return union[T](parts)
}

func emptyTable[T any]() *table[T] { return newTable[T]() }

// pager is a set of records that yields pages in ID order: a table, an
// index's table or a union of them.
type pager[T any] interface {
	// page is table.page.
	page(c cursor, keep func(*T) bool) (ids []string, items []*T, hasMore bool)
	// len is the number of records.
	len() int
}

// narrowest returns the smallest of ps, the cheapest to walk when a page
// must satisfy every filter: the others are checked record by record.
func narrowest[T any](ps ...pager[T]) pager[T] {
	best := ps[0]
	for _, p := range ps[1:] {
		if p.len() < best.len() {
			best = p
		}
	}
	return best
}

// union is the records of several tables that hold no record in common
// (those of different keys of one index).
type union[T any] []*table[T]

func (u union[T]) len() int {
	n := 0
	for _, t := range u {
		n += t.len()
	}
	return n
}

// page merges one page of each table: the first c.limit records after
// the cursor, or the last c.limit before it, are among them.
func (u union[T]) page(c cursor, keep func(*T) bool) (ids []string, items []*T, hasMore bool) {
	type row struct {
		id string
		v  *T
	}
	var rows []row
	for _, t := range u {
		pids, pitems, more := t.page(c, keep)
		hasMore = hasMore || more
		for i := range pids {
			rows = append(rows, row{pids[i], pitems[i]})
		}
	}
	slices.SortFunc(rows, func(a, b row) int { return strings.Compare(a.id, b.id) })
	if len(rows) > c.limit {
		hasMore = true
		if c.beforeID != "" {
			rows = rows[len(rows)-c.limit:]
		} else {
			rows = rows[:c.limit]
		}
	}
	for _, r := range rows {
		ids = append(ids, r.id)
		items = append(items, r.v)
	}
	return ids, items, hasMore
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
	old, ok := t.items[id]
	for _, ix := range t.indexes {
		if ok {
			ix.remove(id, old)
		}
		ix.add(id, v)
	}
	if ok {
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
	old, ok := t.items[id]
	if !ok {
		return false
	}
	for _, ix := range t.indexes {
		ix.remove(id, old)
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
// nil, so it encodes as [] rather than null. t is a table, or what
// lookup or narrowest returns.
func listPage[T, R any](t pager[T], c cursor, keep func(*T) bool, conv func(*T) R) idPage[R] {
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
func tokenPage[T, R any](t pager[T], kind string, limit *int, page *string, keep func(*T) bool, conv func(*T) R) ([]R, *string, *apiError) {
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
