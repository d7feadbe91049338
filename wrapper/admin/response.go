package admin

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strconv"
	"sync"
)

// DefaultMaxResponseBytes is the largest 2xx response body a client reads
// unless [WithMaxResponseBytes] says otherwise: 64 MiB, about a hundred
// times the largest page the API returns (a report page of 31 daily
// buckets grouped by every dimension, or 1,000 users).
const DefaultMaxResponseBytes = 64 << 20

// decodeBody reads a 2xx body of at most limit bytes, decodes it into a
// new T and checks that it is the object the operation returns (see
// checkShape). Every failure is an *Error matching ErrUnexpectedResponse,
// except a transport error while reading. The work is decodeInto's, which
// is not generic: the code is not repeated for each of the API's types.
func decodeBody[T any](o op, resp *http.Response, limit int64, scrubber func() scrubber) (*T, error) {
	out := new(T)
	if err := decodeInto(o, resp, limit, scrubber, out); err != nil {
		return nil, err
	}
	return out, nil
}

// decodeInto is decodeBody decoding into out, a pointer to a struct.
func decodeInto(o op, resp *http.Response, limit int64, scrubber func() scrubber, out any) error {
	body, err := readBody(o, resp, limit, scrubber)
	if err != nil {
		return err
	}
	unexpected := unexpectedFunc(o, resp, scrubber)
	if first := firstByte(body); first != '{' {
		return unexpected(body, "response body is not a JSON object")
	}
	if err := json.Unmarshal(body, out); err != nil {
		return unexpected(body, "decode %d response: %v", resp.StatusCode, err)
	}
	if problem := checkShape(reflect.ValueOf(out).Elem()); problem != "" {
		return unexpected(body, "response is not the object %s returns: %s", o.verb, problem)
	}
	return nil
}

// unexpectedFunc returns what builds the *Error of an unexpected 2xx
// response to o: its message, and the excerpt of body it shows, scrubbed
// of the client's secrets.
func unexpectedFunc(o op, resp *http.Response, scrubber func() scrubber) func(body []byte, format string, args ...any) error {
	return func(body []byte, format string, args ...any) error {
		scrub := scrubber()
		return &Error{
			Operation:  o.String(),
			StatusCode: resp.StatusCode,
			Message:    scrub.clean(fmt.Sprintf(format, args...)),
			RequestID:  scrub.clean(resp.Header.Get("request-id")),
			Body:       scrub.excerpt(body, maxErrorBody),
		}
	}
}

// readBody reads and closes the body of a 2xx response to o, refusing one
// of more than limit bytes with an *Error matching ErrUnexpectedResponse.
func readBody(o op, resp *http.Response, limit int64, scrubber func() scrubber) ([]byte, error) {
	defer resp.Body.Close()
	unexpected := unexpectedFunc(o, resp, scrubber)
	if resp.ContentLength > limit {
		return nil, unexpected(nil, "response body of %d bytes exceeds the limit of %d bytes (WithMaxResponseBytes)", resp.ContentLength, limit)
	}
	buf := bytes.NewBuffer(make([]byte, 0, max(min(resp.ContentLength, limit), 512)+1))
	n, err := buf.ReadFrom(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, opError(o.String(), fmt.Errorf("read %d response: %w", resp.StatusCode, err))
	}
	body := buf.Bytes()
	if n > limit {
		return nil, unexpected(body, "response body exceeds the limit of %d bytes (WithMaxResponseBytes)", limit)
	}
	return body, nil
}

// firstByte returns the first byte of b that is not JSON white space, or
// zero.
func firstByte(b []byte) byte {
	for _, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return c
	}
	return 0
}

// A shape is what checkShape verifies of a generated model, found once per
// type by reflection over its fields and their json tags.
type shape struct {
	typeField int  // index of the `type` discriminator, or -1
	typePtr   bool // the discriminator is optional (a pointer)
	idField   int  // index of a required string `id`, or -1
	dataField int  // index of a required slice `data`, or -1
	elem      *shape
}

// validator is implemented by the generated enum types.
type validator interface{ Valid() bool }

var (
	validatorType = reflect.TypeFor[validator]()
	shapes        sync.Map // reflect.Type → *shape
)

// shapeOf returns the shape of struct type t, or nil when there is
// nothing to check. It looks one level into a `data` list's items, and no
// deeper, so that a recursive type cannot make it loop.
func shapeOf(t reflect.Type) *shape { return shapeAt(t, 0) }

func shapeAt(t reflect.Type, depth int) *shape {
	if t.Kind() != reflect.Struct {
		return nil
	}
	if depth == 0 {
		if s, ok := shapes.Load(t); ok {
			return s.(*shape)
		}
	}
	s := &shape{typeField: -1, idField: -1, dataField: -1}
	for i := range t.NumField() {
		f := t.Field(i)
		name, opts, _ := cutComma(f.Tag.Get("json"))
		required := opts != "omitempty"
		switch {
		case name == "type" && f.Type.Implements(validatorType):
			s.typeField = i
		case name == "type" && f.Type.Kind() == reflect.Pointer && f.Type.Elem().Implements(validatorType):
			s.typeField, s.typePtr = i, true
		case name == "id" && required && f.Type.Kind() == reflect.String:
			s.idField = i
		case name == "data" && required && f.Type.Kind() == reflect.Slice:
			s.dataField = i
			if depth == 0 {
				s.elem = shapeAt(f.Type.Elem(), depth+1)
			}
		}
	}
	if depth > 0 {
		return s
	}
	actual, _ := shapes.LoadOrStore(t, s)
	return actual.(*shape)
}

// cutComma splits a json tag into the name and the options.
func cutComma(tag string) (name, opts string, found bool) {
	for i := range len(tag) {
		if tag[i] == ',' {
			return tag[:i], tag[i+1:], true
		}
	}
	return tag, "", false
}

// checkShape reports what is wrong with v, a decoded generated model, or
// "" when nothing is: a `type` discriminator that is not one of its enum's
// values (a workspace where a user was expected, or an error envelope), an
// empty required `id`, a missing required `data` list, or an item of that
// list with one of these problems.
func checkShape(v reflect.Value) string { return check(v, shapeOf(v.Type())) }

// check is checkShape with the shape s of v's type.
func check(v reflect.Value, s *shape) string {
	if s == nil {
		return ""
	}
	if s.typeField >= 0 {
		f := v.Field(s.typeField)
		switch {
		case s.typePtr && f.IsNil():
		case s.typePtr:
			if !f.Interface().(validator).Valid() {
				return "type " + strconv.Quote(f.Elem().String())
			}
		default:
			if !f.Interface().(validator).Valid() {
				return "type " + strconv.Quote(f.String())
			}
		}
	}
	if s.idField >= 0 && v.Field(s.idField).Len() == 0 {
		return "empty id"
	}
	if s.dataField >= 0 {
		data := v.Field(s.dataField)
		if data.IsNil() {
			return "no data list"
		}
		if s.elem != nil {
			for i := range data.Len() {
				if p := check(data.Index(i), s.elem); p != "" {
					return "data[" + strconv.Itoa(i) + "]: " + p
				}
			}
		}
	}
	return ""
}
