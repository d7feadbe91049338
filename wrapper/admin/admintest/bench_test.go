package admintest

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"
)

// benchServers caches the seeded servers of the benchmarks across b.N
// rounds: seeding a million users takes seconds.
var benchServers sync.Map // size -> *Server

func seededServer(b *testing.B, n int) (*Server, []string) {
	b.Helper()
	type entry struct {
		s   *Server
		ids []string
	}
	if e, ok := benchServers.Load(n); ok {
		return e.(entry).s, e.(entry).ids
	}
	s := NewServer(withoutResponseCheck(), WithClock(func() time.Time { return t0 }))
	ids := make([]string, 0, n)
	for i := range n {
		u, err := s.AddUser(UserSeed{Email: fmt.Sprintf("user%07d@example.com", i), Name: "User", AddedAt: t0})
		if err != nil {
			b.Fatal(err)
		}
		ids = append(ids, u.ID)
	}
	benchServers.Store(n, entry{s, ids})
	runtime.GC() // do not bill the seeding's garbage to the first round
	return s, ids
}

// BenchmarkListUsersPage measures one page of 20 users from the middle of
// the list through the handler (no network). The cost must not grow with
// the number of users: compare users=1k with users=1M.
func BenchmarkListUsersPage(b *testing.B) {
	for _, n := range []int{1_000, 1_000_000} {
		b.Run(fmt.Sprintf("users=%s", map[int]string{1_000: "1k", 1_000_000: "1M"}[n]), func(b *testing.B) {
			s, ids := seededServer(b, n)
			h := s.Handler()
			req := httptest.NewRequest("GET", "/v1/organizations/users?limit=20&after_id="+ids[n/2], nil)
			req.Header.Set("x-api-key", s.AdminKey())
			req.Header.Set("anthropic-version", APIVersion)
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
			}
		})
	}
}

// BenchmarkGetUserLoopback measures get-user throughput over loopback HTTP
// with parallel clients and reports it as req/s.
func BenchmarkGetUserLoopback(b *testing.B) {
	s, ids := seededServer(b, 1_000)
	tr := &http.Transport{MaxIdleConns: 256, MaxIdleConnsPerHost: 256}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	b.ReportAllocs()
	b.SetParallelism(8)
	start := time.Now()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			req, _ := http.NewRequest("GET", s.URL+"/v1/organizations/users/"+ids[i%len(ids)], nil)
			req.Header.Set("x-api-key", s.AdminKey())
			req.Header.Set("anthropic-version", APIVersion)
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
			i++
		}
	})
	b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "req/s")
}

// BenchmarkGetUserHandler measures one get-user request through the
// handler without the network: the fake's own cost per request.
func BenchmarkGetUserHandler(b *testing.B) {
	s, ids := seededServer(b, 1_000)
	h := s.Handler()
	req := httptest.NewRequest("GET", "/v1/organizations/users/"+ids[500], nil)
	req.Header.Set("x-api-key", s.AdminKey())
	req.Header.Set("anthropic-version", APIVersion)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
