package admin

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDecodeError checks that any error response decodes into an *Error
// with the status, a valid UTF-8 body of bounded size and no fragment of a
// key, without panicking. The fuzzer chooses where the key is echoed: no
// substring of 8 or more of its characters may appear anywhere in the
// error, however the body cuts it.
func FuzzDecodeError(f *testing.F) {
	f.Add(404, []byte(`{"type":"error","error":{"type":"not_found_error","message":"x"},"request_id":"req_1"}`), "30", uint16(0))
	f.Add(502, []byte("<html>bad gateway</html>"), "Wed, 21 Oct 2015 07:28:00 GMT", uint16(10))
	f.Add(400, []byte(`{"error":"flat"}`), "", uint16(3))
	f.Add(500, []byte{0xff, 0xfe, 0x00}, "-1", uint16(1))
	f.Add(429, []byte(`{"type":"error","error":{"type":1,"message":null}}`), "1e308", uint16(2))
	f.Add(502, bytes.Repeat([]byte("x"), 1020), "", uint16(1020))
	f.Add(400, []byte(`{"type":"error","error":{"type":"invalid_request_error","message":"bad key "}}`), "", uint16(63))
	f.Add(409, []byte(`{"type":"error","error":{"type":"conflict_error","message":"m","details":{"error_code":"concurrent_membership_change","k":["v",{"x":1}]}}}`), "", uint16(112))
	f.Add(503, []byte(`{"type":"error","error":{"type":"api_error","message":"m","details":{"error_code":"workspace_created_incomplete","workspace_id":""}}}`), "", uint16(130))
	const key = "sk-ant-admin01-FUZZKEY-0123456789abcdef"
	const other = "sk-ant-api03-COMPLIANCE-fedcba9876543210"
	scrub := newScrubber(key, other)
	f.Fuzz(func(t *testing.T, status int, body []byte, retry string, at uint16) {
		if status < 100 || status > 999 {
			return
		}
		// Echo the key at a position of the fuzzer's choice, whole, and
		// its second half elsewhere.
		pos := min(int(at), len(body))
		echoed := append(append(append([]byte{}, body[:pos]...), key...), body[pos:]...)
		echoed = append(echoed, other[len(other)/2:]...)
		resp := &http.Response{
			StatusCode: status,
			Header:     http.Header{"Retry-After": {retry}, "Request-Id": {"req_" + key[:12]}},
			Body:       io.NopCloser(bytes.NewReader(echoed)),
		}
		e := decodeError("get user u", resp, time.Unix(1e9, 0), scrub)
		if e.StatusCode != status {
			t.Fatalf("status %d", e.StatusCode)
		}
		if !utf8.ValidString(e.Body) || len(e.Body) > maxErrorBody+len("…") {
			t.Fatalf("body of %d bytes, valid UTF-8 %v", len(e.Body), utf8.ValidString(e.Body))
		}
		if e.RetryAfter < 0 {
			t.Fatalf("negative RetryAfter %v", e.RetryAfter)
		}
		text := fmt.Sprintf("%s\n%+v\n%s", e.Error(), *e, e.Body)
		for _, k := range []string{key, other} {
			for i := 0; i+8 <= len(k); i++ {
				if frag := k[i : i+8]; strings.Contains(text, frag) {
					t.Fatalf("key fragment %q leaked: %q", frag, text)
				}
			}
		}
		if e.Message == "" {
			t.Fatal("empty message")
		}
	})
}

// FuzzDecodePages checks the page decoders of both cursor styles: any
// body either decodes or fails with an error naming the operation, and a
// decoded page survives a JSON round trip.
func FuzzDecodePages(f *testing.F) {
	f.Add([]byte(`{"data":[{"type":"user","id":"user_1","email":"a@b","name":"A","role":"user","added_at":"2025-01-01T00:00:00Z"}],"has_more":true,"first_id":"user_1","last_id":"user_1"}`))
	f.Add([]byte(`{"data":[],"has_more":false,"next_page":null}`))
	f.Add([]byte(`{"data":[{"starting_at":"2025-01-01T00:00:00Z","ending_at":"2025-01-02T00:00:00Z","results":[]}],"has_more":true,"next_page":"page_x"}`))
	f.Add([]byte(`{"data":null}`))
	f.Add([]byte(`[1,2,3]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		checkPage[UserList](t, body)
		checkPage[MessagesUsageReport](t, body)
		checkPage[ComplianceUserList](t, body)
		checkPage[RateLimitList](t, body)
	})
}

func checkPage[T any](t *testing.T, body []byte) {
	o := op{verb: "list things"}
	resp := &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(body))}
	page, err := decodeBody[T](o, resp, 1<<20, func() scrubber { return newScrubber("sk-ant-admin01-FUZZKEY-0123456789abcdef") })
	if err != nil {
		var e *Error
		if !errors.As(err, &e) || !errors.Is(err, ErrUnexpectedResponse) || !strings.HasPrefix(err.Error(), "admin: list things: 200: ") {
			t.Fatalf("error %q is not an unexpected-response *Error naming the operation", err)
		}
		return
	}
	again, err := json.Marshal(page)
	if err != nil {
		t.Fatalf("re-encode: %v", err)
	}
	var back T
	if err := json.Unmarshal(again, &back); err != nil {
		t.Fatalf("round trip of %s: %v", again, err)
	}
}
