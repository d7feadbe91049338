package admintest

import (
	"strconv"
	"testing"
)

// TestValidationMemo checks that remembering valid requests changes no
// answer: an invalid query is refused however often it comes, after the
// same route served valid ones, and a route with a body or header
// parameters is never memoized.
func TestValidationMemo(t *testing.T) {
	f := newFake(t)
	for range 3 {
		if r := f.do("GET", "/v1/organizations/users?limit=5", nil); r.status != 200 {
			t.Fatalf("valid list: %d %s", r.status, r.body)
		}
		if r := f.do("GET", "/v1/organizations/users?limit=0", nil); r.status != 400 {
			t.Fatalf("limit=0: %d %s", r.status, r.body)
		}
		if r := f.do("GET", "/v1/organizations/users?limit=abc", nil); r.status != 400 {
			t.Fatalf("limit=abc: %d %s", r.status, r.body)
		}
	}
	// A path parameter is part of the key: a valid user ID does not make
	// another path valid.
	if r := f.do("GET", "/v1/organizations/users/user_unknown", nil); r.status != 404 {
		t.Fatalf("unknown user: %d %s", r.status, r.body)
	}
	ops := operationIDs()
	for id, want := range map[string]bool{"listusers": true, "getuser": true, "createinvite": false, "updateuser": false} {
		rt := ops[id]
		if rt == nil {
			t.Fatalf("no operation %s", id)
		}
		if rt.memoValid != want {
			t.Errorf("%s: memoValid %v, want %v", id, rt.memoValid, want)
		}
	}
	// The memo is bounded: past maxValidMemo distinct queries, requests are
	// validated without being remembered.
	rt := ops["listusers"]
	for i := range maxValidMemo + 10 {
		if r := f.do("GET", "/v1/organizations/users?limit=5&after_id=memo"+strconv.Itoa(i), nil); r.status == 400 {
			t.Fatalf("query %d: %d %s", i, r.status, r.body)
		}
	}
	n := 0
	rt.valid.m.Range(func(any, any) bool { n++; return true })
	if n > maxValidMemo {
		t.Errorf("memo holds %d entries, more than %d", n, maxValidMemo)
	}
}
