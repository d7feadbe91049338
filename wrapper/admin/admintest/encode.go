package admintest

import (
	"bytes"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
)

// A list's response body is mostly its items' JSON, and encoding them
// (times above all) was most of the cost of a list request. Records are
// never changed in place once stored (an update stores a new version, in
// a new slot of its table), so the encoding of a record's wire view is
// kept with its slot and reused until the record is replaced, and
// idListBody writes the cached items into the list's envelope. The
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

// idListBody returns the body of one page of an ID-cursor list whose
// wire view depends on the record alone: the envelope of the generated
// list types ({"data":[...],"first_id":...,"has_more":...,"last_id":...},
// fields sorted by name), encoded as json.Encoder does (with a final
// newline), around the items' JSON, encoded once per record version. It
// writes into a pooled buffer, without encoding the envelope through
// reflection.
func idListBody[T, R any](src pager[T], c cursor, keep func(*T) bool, v view, conv func(*T) R) (*bytes.Buffer, error) {
	buf := bodyPool.Get().(*bytes.Buffer)
	buf.Reset()
	buf.WriteString(`{"data":[`)
	var first, last string
	var more bool
	add := func(id string, sl *slot[T]) error {
		b, err := encoded(sl, v, conv)
		if err != nil {
			return err
		}
		if first == "" {
			first = id
		} else {
			buf.WriteByte(',')
		}
		last = id
		buf.Write(b)
		return nil
	}
	var err error
	if t, ok := src.(*table[T]); ok {
		// A table's page is written as it is walked, without the
		// slices of IDs and slots (most of a request's garbage).
		var lo, hi int
		lo, hi, _, more = t.pageBounds(c, keep)
		for i := lo; i < hi && err == nil; i++ {
			if t.accepts(i, keep) {
				err = add(t.keys[i], t.slots[i])
			}
		}
	} else {
		var ids []string
		var slots []*slot[T]
		ids, slots, more = src.slotPage(c, keep)
		for i := 0; i < len(slots) && err == nil; i++ {
			err = add(ids[i], slots[i])
		}
	}
	if err != nil {
		bodyPool.Put(buf)
		return nil, err
	}
	buf.WriteString(`],"first_id":`)
	writeIDOrNull(buf, first)
	if more {
		buf.WriteString(`,"has_more":true,"last_id":`)
	} else {
		buf.WriteString(`,"has_more":false,"last_id":`)
	}
	writeIDOrNull(buf, last)
	buf.WriteString("}\n")
	return buf, nil
}

// writeIDOrNull writes id as a JSON string, or null when it is empty (a
// page without records).
func writeIDOrNull(buf *bytes.Buffer, id string) {
	if id == "" {
		buf.WriteString("null")
		return
	}
	writeJSONString(buf, id)
}

// writeJSONString writes s as encoding/json would: as it is between
// quotes when it holds only printable ASCII that json escapes not (IDs),
// through json.Marshal otherwise.
func writeJSONString(buf *bytes.Buffer, s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, _ := json.Marshal(s)
			buf.Write(b)
			return
		}
	}
	buf.WriteByte('"')
	buf.WriteString(s)
	buf.WriteByte('"')
}

// jsonContentType is the Content-Type header value of JSON responses,
// shared by every response (net/http does not modify header values).
var jsonContentType = []string{"application/json"}

// rawList is a 200 list response whose body is already encoded. It
// implements the response interfaces of the lists that use it (the users
// list so far).
type rawList struct{ body *bytes.Buffer }

func (r rawList) visit(w http.ResponseWriter) error {
	h := w.Header()
	// Canonical keys set directly, and one shared value slice for the
	// type: a header map entry each instead of three allocations.
	h["Content-Type"] = jsonContentType
	// With its length the body goes out in one piece, not chunked.
	h["Content-Length"] = []string{strconv.Itoa(r.body.Len())}
	w.WriteHeader(http.StatusOK)
	_, err := w.Write(r.body.Bytes())
	bodyPool.Put(r.body)
	return err
}

// VisitListUsersResponse writes the response.
func (r rawList) VisitListUsersResponse(w http.ResponseWriter) error { return r.visit(w) }

// Another list adopts the raw body with a view constant, idListBody and
// a Visit<Operation>Response method of rawList.
