package admin

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzDecodeError checks that any error response decodes into an *Error
// with the status, a valid UTF-8 body of bounded size and no key, without
// panicking.
func FuzzDecodeError(f *testing.F) {
	f.Add(404, []byte(`{"type":"error","error":{"type":"not_found_error","message":"x"},"request_id":"req_1"}`), "30")
	f.Add(502, []byte("<html>bad gateway</html>"), "Wed, 21 Oct 2015 07:28:00 GMT")
	f.Add(400, []byte(`{"error":"flat"}`), "")
	f.Add(500, []byte{0xff, 0xfe, 0x00}, "-1")
	f.Add(429, []byte(`{"type":"error","error":{"type":1,"message":null}}`), "1e308")
	const key = "sk-ant-admin01-FUZZKEY"
	f.Fuzz(func(t *testing.T, status int, body []byte, retry string) {
		if status < 100 || status > 999 {
			return
		}
		resp := &http.Response{
			StatusCode: status,
			Header:     http.Header{"Retry-After": {retry}, "Request-Id": {"req_fuzz"}},
			Body:       io.NopCloser(bytes.NewReader(append(body, key...))),
		}
		e := decodeError("get user u", resp, time.Unix(1e9, 0), key)
		if e.StatusCode != status || e.RequestID != "req_fuzz" {
			t.Fatalf("status %d request-id %q", e.StatusCode, e.RequestID)
		}
		if !utf8.ValidString(e.Body) || len(e.Body) > maxErrorBody+len("…")+len("[redacted]") {
			t.Fatalf("body of %d bytes, valid UTF-8 %v", len(e.Body), utf8.ValidString(e.Body))
		}
		if e.RetryAfter < 0 {
			t.Fatalf("negative RetryAfter %v", e.RetryAfter)
		}
		if strings.Contains(e.Error(), key) || strings.Contains(e.Body, key) {
			t.Fatalf("key leaked: %q", e.Error())
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
	page, err := decodeBody[T](o, resp)
	if err != nil {
		if !strings.HasPrefix(err.Error(), "admin: list things: decode 200 response: ") {
			t.Fatalf("error %q does not name the operation", err)
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
