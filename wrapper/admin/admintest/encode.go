package admintest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"sync"
)

// A list's response body is mostly its items' JSON, and encoding them
// (times above all) was most of the cost of a list request. Records are
// never changed in place once stored (an update stores a new version, in
// a new slot of its table), so the encoding of a record's wire view is
// kept with its slot and reused until the record is replaced, and
// listBody splices the cached items into the list's envelope. The
// bytes are those the generated handler's json.Encoder would write
// (TestRawListBodyMatchesEncoder).

// A view names one wire view of a table's records for the cache of
// encodings: a slot keeps the encoding of one view, so two lists that
// show the same records differently (the users list and the Compliance
// API's) must not share a view, and would only take turns in the cache.
type view int

const (
	viewUser view = iota + 1 // gen.User, the users list
)

// encoding is a record version's JSON in one view.
type encoding struct {
	view view
	b    []byte
}

// encoded returns the JSON of conv(sl.v), the wire view v of the record
// version in sl, made once per version. conv must depend on the record
// alone (not on the time, as the status of an API key does).
func encoded[T, R any](sl *slot[T], v view, conv func(*T) R) ([]byte, error) {
	if e := sl.enc.Load(); e != nil && e.view == v {
		return e.b, nil
	}
	b, err := json.Marshal(conv(sl.v))
	if err != nil {
		return nil, err
	}
	sl.enc.Store(&encoding{view: v, b: b})
	return b, nil
}

// bodyPool recycles the buffers of list bodies once written.
var bodyPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// dataKey is how the envelope of every list starts: data is the first
// field of each generated list type (fields are sorted by name).
var dataKey = []byte(`{"data":[]`)

// listBody returns the body of a list response: env, a list of the
// generated models whose data is empty, encoded as json.Encoder does
// (with a final newline), with items as its data.
func listBody(env any, items [][]byte) (*bytes.Buffer, error) {
	head, err := json.Marshal(env)
	if err != nil {
		return nil, err
	}
	if !bytes.HasPrefix(head, dataKey) {
		return nil, fmt.Errorf("admintest: list envelope %s does not start with an empty data", head)
	}
	n := len(head) + len(items) + 1
	for _, it := range items {
		n += len(it)
	}
	buf := bodyPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.Grow(n)
	buf.Write(head[:len(dataKey)-1])
	for i, it := range items {
		if i > 0 {
			buf.WriteByte(',')
		}
		buf.Write(it)
	}
	buf.Write(head[len(dataKey)-1:])
	buf.WriteByte('\n')
	return buf, nil
}

// cachedPage is listPage for the lists whose wire view depends on the
// record alone: it returns the page's cursor fields and the items' JSON,
// encoded once per record version.
func cachedPage[T, R any](src pager[T], c cursor, keep func(*T) bool, v view, conv func(*T) R) (p idPage[R], items [][]byte, err error) {
	ids, slots, more := src.slotPage(c, keep)
	p.hasMore = more
	if len(ids) > 0 {
		p.firstID, p.lastID = &ids[0], &ids[len(ids)-1]
	}
	items = make([][]byte, len(slots))
	for i, sl := range slots {
		if items[i], err = encoded(sl, v, conv); err != nil {
			return p, nil, err
		}
	}
	return p, items, nil
}

// rawList is a 200 list response whose body is already encoded. It
// implements the response interfaces of the lists that use it (the users
// list so far).
type rawList struct{ body *bytes.Buffer }

func (r rawList) visit(w http.ResponseWriter) error {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	// With its length the body goes out in one piece, not chunked.
	h.Set("Content-Length", strconv.Itoa(r.body.Len()))
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(r.body.Bytes())
	bodyPool.Put(r.body)
	return err
}

// VisitListUsersResponse writes the response.
func (r rawList) VisitListUsersResponse(w http.ResponseWriter) error { return r.visit(w) }

// Another list adopts the raw body with a view constant, cachedPage,
// listBody and a Visit<Operation>Response method of rawList.
