package admintest

import (
	"slices"
	"strings"
	"sync/atomic"
)

// table is a set of records ordered by ID. IDs made by idGen grow with
// creation, so inserting a new record is an append, and a page after or
// before a cursor is a binary search plus a walk of about one page: no
// copy or sort of the whole table per request.
//
// The records sit in slots, a slice aligned with the sorted IDs, so that
// a page is a walk of two slices (no hashing); a map finds a slot by ID.
// Deletion leaves a tombstone (a nil slot) and compacts when tombstones
// outnumber live records, so it is O(1) amortized. Callers hold the
// server's lock.
//
// A table may keep secondary indexes (addIndex): for each value of a
// field, the records with that value, as a table of their own in ID order
// sharing the main table's slots. put and del maintain them, so a
// filtered page walks only the records that match (see lookup and
// narrowest): O(page + log n) for one value, whatever the number of
// records the filter leaves out.
type table[T any] struct {
	keys    []string
	slots   []*slot[T] // aligned with keys; nil where a record was deleted
	items   map[string]*slot[T]
	dead    int
	indexes map[string]*tableIndex[T] // by name; nil without indexes
}

// slot holds one version of a record. A new version gets a new slot, so
// what is cached with a slot stays valid as long as the slot is stored.
type slot[T any] struct {
	v *T
	// enc is the JSON of the version in one wire view, made on first use
	// (encode.go); readers fill it under the server's read lock.
	enc atomic.Pointer[encoding]
}

func newTable[T any]() *table[T] {
	return &table[T]{items: make(map[string]*slot[T])}
}

func (t *table[T]) len() int { return len(t.items) }

func (t *table[T]) get(id string) (*T, bool) {
	if sl, ok := t.items[id]; ok {
		return sl.v, true
	}
	return nil, false
}

// put inserts or replaces the record with the given ID.
func (t *table[T]) put(id string, v *T) {
	sl := &slot[T]{v: v}
	if old, ok := t.items[id]; ok {
		for _, ix := range t.indexes {
			ix.remove(id, old.v)
		}
	}
	for _, ix := range t.indexes {
		ix.add(id, sl)
	}
	t.putSlot(id, sl)
}

// putSlot stores sl under id, in place of any slot there.
func (t *table[T]) putSlot(id string, sl *slot[T]) {
	_, had := t.items[id]
	t.items[id] = sl
	if n := len(t.keys); !had && (n == 0 || t.keys[n-1] < id) {
		t.keys = append(t.keys, id)
		t.slots = append(t.slots, sl)
		return
	}
	i, found := slices.BinarySearch(t.keys, id)
	if found {
		if t.slots[i] == nil { // a tombstone comes back to life
			t.dead--
		}
		t.slots[i] = sl
		return
	}
	t.keys = slices.Insert(t.keys, i, id)
	t.slots = slices.Insert(t.slots, i, sl)
}

// del removes the record with the given ID and reports whether it existed.
func (t *table[T]) del(id string) bool {
	old, ok := t.items[id]
	if !ok {
		return false
	}
	for _, ix := range t.indexes {
		ix.remove(id, old.v)
	}
	t.delSlot(id)
	return true
}

func (t *table[T]) delSlot(id string) {
	delete(t.items, id)
	if i, found := slices.BinarySearch(t.keys, id); found {
		t.slots[i] = nil
	}
	t.dead++
	if t.dead > 64 && t.dead > len(t.items) {
		keys, slots := t.keys[:0], t.slots[:0]
		for i, sl := range t.slots {
			if sl != nil {
				keys, slots = append(keys, t.keys[i]), append(slots, sl)
			}
		}
		clear(t.keys[len(keys):])
		clear(t.slots[len(slots):])
		t.keys, t.slots = keys, slots
		t.dead = 0
	}
}

// all calls f for every record in ID order until f returns false.
func (t *table[T]) all(f func(id string, v *T) bool) {
	for i, sl := range t.slots {
		if sl != nil && !f(t.keys[i], sl.v) {
			return
		}
	}
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
	for i, sl := range t.slots {
		if sl != nil {
			ix.add(t.keys[i], sl)
		}
	}
}

func (ix *tableIndex[T]) add(id string, sl *slot[T]) {
	k := ix.keyOf(sl.v)
	if k == "" {
		return
	}
	set := ix.sets[k]
	if set == nil {
		set = newTable[T]()
		ix.sets[k] = set
	}
	set.putSlot(id, sl)
}

func (ix *tableIndex[T]) remove(id string, v *T) {
	k := ix.keyOf(v)
	if k == "" {
		return
	}
	if set := ix.sets[k]; set != nil {
		if _, ok := set.items[id]; ok {
			set.delSlot(id)
		}
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
		return newTable[T]()
	case 1:
		return parts[0]
	}
	return union[T](parts)
}

// pager is a set of records that yields pages in ID order: a table, an
// index's table or a union of them.
type pager[T any] interface {
	// slotPage is table.page returning the records' slots.
	slotPage(c cursor, keep func(*T) bool) (ids []string, slots []*slot[T], hasMore bool)
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

// slotPage merges one page of each table: the first c.limit records after
// the cursor, or the last c.limit before it, are among them.
func (u union[T]) slotPage(c cursor, keep func(*T) bool) (ids []string, slots []*slot[T], hasMore bool) {
	type row struct {
		id string
		sl *slot[T]
	}
	var rows []row
	for _, t := range u {
		pids, psl, more := t.slotPage(c, keep)
		hasMore = hasMore || more
		for i := range pids {
			rows = append(rows, row{pids[i], psl[i]})
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
		slots = append(slots, r.sl)
	}
	return ids, slots, hasMore
}

// pageOf is table.page for any pager.
func pageOf[T any](p pager[T], c cursor, keep func(*T) bool) (ids []string, items []*T, hasMore bool) {
	ids, slots, hasMore := p.slotPage(c, keep)
	items = make([]*T, len(slots))
	for i, sl := range slots {
		items[i] = sl.v
	}
	return ids, items, hasMore
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
	return pageOf[T](t, c, keep)
}

// slotPage is page returning the records' slots.
func (t *table[T]) slotPage(c cursor, keep func(*T) bool) (ids []string, slots []*slot[T], hasMore bool) {
	lo, hi, n, hasMore := t.pageBounds(c, keep)
	ids, slots = make([]string, 0, n), make([]*slot[T], 0, n)
	for i := lo; i < hi; i++ {
		if t.accepts(i, keep) {
			ids = append(ids, t.keys[i])
			slots = append(slots, t.slots[i])
		}
	}
	return ids, slots, hasMore
}

// accepts reports whether the record at index i exists and keep (nil
// keeps all) keeps it.
func (t *table[T]) accepts(i int, keep func(*T) bool) bool {
	sl := t.slots[i]
	return sl != nil && (keep == nil || keep(sl.v))
}

// pageBounds locates the page of page and slotPage without collecting
// it: the page is the n accepted records at indexes lo to hi-1 of t.keys,
// and hasMore says whether more accepted records lie beyond them in the
// direction of travel.
func (t *table[T]) pageBounds(c cursor, keep func(*T) bool) (lo, hi, n int, hasMore bool) {
	if c.beforeID != "" {
		end, _ := slices.BinarySearch(t.keys, c.beforeID)
		lo = end
		for i := end - 1; i >= 0; i-- {
			if !t.accepts(i, keep) {
				continue
			}
			if n == c.limit {
				return lo, end, n, true
			}
			n++
			lo = i
		}
		return lo, end, n, false
	}
	start := 0
	if c.afterID != "" {
		i, found := slices.BinarySearch(t.keys, c.afterID)
		if found {
			i++
		}
		start = i
	}
	hi = start
	for i := start; i < len(t.keys); i++ {
		if !t.accepts(i, keep) {
			continue
		}
		if n == c.limit {
			return start, hi, n, true
		}
		n++
		hi = i + 1
	}
	return start, hi, n, false
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
	ids, items, more := pageOf(t, c, keep)
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
