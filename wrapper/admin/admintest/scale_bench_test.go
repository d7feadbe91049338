package admintest

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// The benchmarks of issue 15 item 7: a filtered page must cost O(page)
// whatever the number of records (BenchmarkRoleFilter at 10k, 100k and
// 1M users), and a list must come close to a trivial handler serving the
// same bytes (BenchmarkListThroughput against BenchmarkTrivialHandler, in
// process and over loopback; BenchmarkListVsTrivial alternates the two and
// reports their ratio, which a loaded machine skews less).
//
//	go test ./wrapper/admin/admintest -run '^$' -bench 'RoleFilter' -benchtime 10x -count 5
//	go test ./wrapper/admin/admintest -run '^$' -bench 'ListThroughput|Trivial|ListVsTrivial' -benchtime 1000x -count 5

// roleFilterMatches is how many users of a roleServer have the rare role:
// spread evenly, so that a page of 20 of them without an index walks half
// the users.
const roleFilterMatches = 40

var roleServers sync.Map // size -> *Server

// roleServer returns a server with n users, developers except
// roleFilterMatches billing users spread evenly, and cached across
// benchmarks: seeding a million users takes seconds.
func roleServer(b *testing.B, n int) *Server {
	b.Helper()
	if s, ok := roleServers.Load(n); ok {
		return s.(*Server)
	}
	s := NewServer(withoutResponseCheck(), WithClock(func() time.Time { return t0 }))
	every := n / roleFilterMatches
	for i := range n {
		role := gen.OrganizationRoleDeveloper
		if i%every == every-1 {
			role = gen.OrganizationRoleBilling
		}
		if _, err := s.AddUser(UserSeed{Email: fmt.Sprintf("user%07d@example.com", i), Name: "User", Role: role, AddedAt: t0}); err != nil {
			b.Fatal(err)
		}
	}
	roleServers.Store(n, s)
	runtime.GC()
	return s
}

// serveOK runs req through h and fails unless the answer is a 200.
func serveOK(b *testing.B, h http.Handler, req *http.Request) *httptest.ResponseRecorder {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		b.Fatalf("status %d: %s", rec.Code, rec.Body)
	}
	return rec
}

// BenchmarkRoleFilter measures the first page of 20 users with a rare role
// (roles[]=billing) through the handler, without the network. Its cost
// must not grow with the number of users.
func BenchmarkRoleFilter(b *testing.B) {
	for _, n := range []int{10_000, 100_000, 1_000_000} {
		b.Run(fmt.Sprintf("users=%d", n), func(b *testing.B) {
			s := roleServer(b, n)
			h := s.Handler()
			req := httptest.NewRequest("GET", "/v1/organizations/users?limit=20&roles[]=billing", nil)
			req.Header.Set("x-api-key", s.AdminKey())
			req.Header.Set("anthropic-version", APIVersion)
			var body gen.UserList
			if err := json.Unmarshal(serveOK(b, h, req).Body.Bytes(), &body); err != nil {
				b.Fatal(err)
			}
			if len(body.Data) != 20 || !body.HasMore || body.Data[0].Role != gen.OrganizationRoleBilling {
				b.Fatalf("page %d users, has_more %v", len(body.Data), body.HasMore)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				serveOK(b, h, req)
			}
		})
	}
}

// listThroughputPath is the list both throughput benchmarks serve: a page
// of 100 users.
const listThroughputPath = "/v1/organizations/users?limit=100"

// listRequest returns the request of the throughput benchmarks.
func listRequest(s *Server) *http.Request {
	req := httptest.NewRequest("GET", listThroughputPath, nil)
	req.Header.Set("x-api-key", s.AdminKey())
	req.Header.Set("anthropic-version", APIVersion)
	return req
}

// BenchmarkListThroughput measures a list request through the fake's
// handler, without the network: routing, authentication, request
// validation against the spec, the handler and JSON encoding. Compare it
// with BenchmarkTrivialHandler, which serves the same bytes.
func BenchmarkListThroughput(b *testing.B) {
	s := roleServer(b, 10_000)
	h, req := s.Handler(), listRequest(s)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		serveOK(b, h, req)
	}
}

// BenchmarkTrivialHandler serves the bytes of BenchmarkListThroughput's
// response, with its headers, from memory: the bound on what the fake's
// list could reach.
func BenchmarkTrivialHandler(b *testing.B) {
	s := roleServer(b, 10_000)
	req := listRequest(s)
	rec := serveOK(b, s.Handler(), req)
	body, header := rec.Body.Bytes(), rec.Header().Clone()
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	})
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		serveOK(b, h, req)
	}
}

// BenchmarkListThroughputLoopback and BenchmarkTrivialLoopback are the two
// above over a loopback connection, as a client sees them.
func BenchmarkListThroughputLoopback(b *testing.B) {
	s := roleServer(b, 10_000)
	loopback(b, s.Handler(), s.AdminKey())
}

// BenchmarkTrivialLoopback serves BenchmarkListThroughput's bytes over
// loopback.
func BenchmarkTrivialLoopback(b *testing.B) {
	s := roleServer(b, 10_000)
	rec := serveOK(b, s.Handler(), listRequest(s))
	body, header := rec.Body.Bytes(), rec.Header().Clone()
	loopback(b, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	}), s.AdminKey())
}

// loopback serves h on a loopback port and sends it the list request b.N
// times over one keep-alive connection.
func loopback(b *testing.B, h http.Handler, key string) {
	ts := httptest.NewServer(h)
	defer ts.Close()
	client := ts.Client()
	req, err := http.NewRequest("GET", ts.URL+listThroughputPath, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("x-api-key", key)
	req.Header.Set("anthropic-version", APIVersion)
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}

// BenchmarkListVsTrivial alternates a list request and the trivial
// handler's answer with the same bytes, timing each, so that both see the
// same load on a shared machine; it reports their mean times and the
// list's throughput as a fraction of the trivial handler's
// (trivial-ns / list-ns). handler runs in process (httptest recorder),
// loopback over one keep-alive connection each.
func BenchmarkListVsTrivial(b *testing.B) {
	s := roleServer(b, 10_000)
	rec := serveOK(b, s.Handler(), listRequest(s))
	body, header := rec.Body.Bytes(), rec.Header().Clone()
	trivial := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(body)
	})
	report := func(b *testing.B, list, triv time.Duration) {
		b.ReportMetric(float64(list.Nanoseconds())/float64(b.N), "list-ns/req")
		b.ReportMetric(float64(triv.Nanoseconds())/float64(b.N), "trivial-ns/req")
		b.ReportMetric(float64(triv)/float64(list), "throughput-ratio")
	}
	b.Run("handler", func(b *testing.B) {
		h, req := s.Handler(), listRequest(s)
		var list, triv time.Duration
		b.ReportAllocs()
		for b.Loop() {
			t := time.Now()
			serveOK(b, h, req)
			list += time.Since(t)
			t = time.Now()
			serveOK(b, trivial, req)
			triv += time.Since(t)
		}
		report(b, list, triv)
	})
	b.Run("loopback", func(b *testing.B) {
		send := loopbackSender(b, s.Handler(), s.AdminKey())
		sendTrivial := loopbackSender(b, trivial, s.AdminKey())
		var list, triv time.Duration
		b.ReportAllocs()
		for b.Loop() {
			t := time.Now()
			send()
			list += time.Since(t)
			t = time.Now()
			sendTrivial()
			triv += time.Since(t)
		}
		report(b, list, triv)
	})
}

// loopbackSender serves h on a loopback port until b ends and returns the
// function that sends it the list request over a keep-alive connection.
func loopbackSender(b *testing.B, h http.Handler, key string) func() {
	ts := httptest.NewServer(h)
	b.Cleanup(ts.Close)
	client := ts.Client()
	req, err := http.NewRequest("GET", ts.URL+listThroughputPath, nil)
	if err != nil {
		b.Fatal(err)
	}
	req.Header.Set("x-api-key", key)
	req.Header.Set("anthropic-version", APIVersion)
	return func() {
		resp, err := client.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("status %d", resp.StatusCode)
		}
	}
}
