package admintest

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

func TestFailNext(t *testing.T) {
	f := newFake(t)
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "a@example.com"}))
	path := "/v1/organizations/users/" + u.ID
	if err := f.FailNext(admin.OpGetUser, 2, Fault{Status: 429, RetryAfter: 1500 * time.Millisecond}); err != nil {
		t.Fatal(err)
	}
	if err := f.FailNext(admin.OpGetUser, 1, Fault{Status: 529, Message: "busy"}); err != nil {
		t.Fatal(err)
	}
	// Another operation is unaffected.
	ok[gen.UserList](f, "GET", "/v1/organizations/users", nil)
	for i := range 2 {
		r := f.do("GET", path, nil)
		if r.status != 429 || r.err().Error.Type != errRateLimit || r.header.Get("retry-after") != "2" || r.header.Get("retry-after-ms") != "1500" {
			t.Errorf("call %d: %d %s retry-after %q retry-after-ms %q", i, r.status, r.body, r.header.Get("retry-after"), r.header.Get("retry-after-ms"))
		}
	}
	if e := f.fails("GET", path, nil, 529, errOverloaded); e.Error.Message != "busy" {
		t.Errorf("message %q", e.Error.Message)
	}
	ok[gen.User](f, "GET", path, nil)
	if n := f.Calls(admin.OpGetUser); n != 4 {
		t.Errorf("Calls(getUser) = %d, want 4", n)
	}
	// Unauthenticated requests are not calls and do not consume faults.
	must[struct{}](t)(struct{}{}, f.FailNext(admin.OpGetUser, 1, Fault{Status: 500}))
	f.doWith("GET", path, nil, http.Header{})
	if n := f.Calls(admin.OpGetUser); n != 4 {
		t.Errorf("Calls(getUser) after a 401 = %d, want 4", n)
	}
	f.fails("GET", path, nil, 500, errAPI)
	must[struct{}](t)(struct{}{}, f.FailNext(admin.OpGetUser, 1, Fault{Status: 500}))
	f.ClearFaults()
	ok[gen.User](f, "GET", path, nil)

	for _, bad := range []struct {
		op admin.Operation
		n  int
		f  Fault
	}{{"noSuchOperation", 1, Fault{Status: 500}}, {admin.OpGetUser, 0, Fault{Status: 500}}, {admin.OpGetUser, 1, Fault{Status: 200}}} {
		if err := f.FailNext(bad.op, bad.n, bad.f); err == nil {
			t.Errorf("FailNext(%q, %d, %+v) succeeded", bad.op, bad.n, bad.f)
		}
	}
}

func TestLatency(t *testing.T) {
	f := newFake(t, WithLatency(30*time.Millisecond))
	start := time.Now()
	ok[gen.Organization](f, "GET", "/v1/organizations/me", nil)
	if d := time.Since(start); d < 30*time.Millisecond {
		t.Errorf("request took %v, want at least 30ms", d)
	}
	f.SetLatency(time.Hour)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, "GET", f.URL+"/v1/organizations/me", nil)
	req.Header = f.adminHeaders()
	if resp, err := http.DefaultClient.Do(req); err == nil {
		resp.Body.Close()
		t.Fatal("request with a 20ms deadline succeeded despite an hour of latency")
	}
	f.SetLatency(0)
	ok[gen.Organization](f, "GET", "/v1/organizations/me", nil)
}

// TestPanicBecomesAPIError checks that a bug in a handler still gives an
// error envelope with the request ID rather than a dropped connection.
func TestPanicBecomesAPIError(t *testing.T) {
	f := newFake(t)
	f.api = http.HandlerFunc(func(http.ResponseWriter, *http.Request) { panic("boom") })
	r := f.do("GET", "/v1/organizations/me", nil)
	if e := r.err(); r.status != 500 || e.Error.Type != errAPI || e.RequestID != r.header.Get("request-id") || e.RequestID == "" {
		t.Errorf("panic gave %d %s", r.status, r.body)
	}
}
