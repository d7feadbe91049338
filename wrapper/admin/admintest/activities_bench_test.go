package admintest

import (
	"encoding/json"
	"fmt"
	"net/http/httptest"
	"runtime"
	"sync"
	"testing"
	"time"
)

// BenchmarkActivityTypeFilter measures the newest page of 20 activities of
// a rare type (activity_types[]=claude_project_deleted, 40 of them spread
// evenly through the log) through the handler, at 10k and 1M activities.
// With the log's indexes its cost must not grow with the log; a scan
// walks half the log for it.
//
//	go test ./wrapper/admin/admintest -run '^$' -bench 'ActivityTypeFilter' -benchtime 200x -count 5
func BenchmarkActivityTypeFilter(b *testing.B) {
	for _, n := range []int{10_000, 1_000_000} {
		b.Run(fmt.Sprintf("activities=%d", n), func(b *testing.B) {
			s := activityServer(b, n)
			h := s.Handler()
			req := httptest.NewRequest("GET", "/v1/compliance/activities?limit=20&activity_types[]="+rareActivityType, nil)
			req.Header.Set("x-api-key", s.ComplianceKey())
			req.Header.Set("anthropic-version", APIVersion)
			var page struct {
				Data []struct {
					Type string `json:"type"`
				} `json:"data"`
				HasMore bool `json:"has_more"`
			}
			if err := json.Unmarshal(serveOK(b, h, req).Body.Bytes(), &page); err != nil {
				b.Fatal(err)
			}
			if len(page.Data) != 20 || !page.HasMore || page.Data[0].Type != rareActivityType {
				b.Fatalf("page of %d, has_more %v", len(page.Data), page.HasMore)
			}
			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				serveOK(b, h, req)
			}
		})
	}
}

// rareActivityType is the type activityServer spreads rareActivities of.
const (
	rareActivityType = "claude_project_deleted"
	rareActivities   = 40
)

var activityServers sync.Map // size -> *Server

// activityServer returns a server whose log holds n synthetic activities
// (SeedActivities) with rareActivities of rareActivityType spread evenly
// among them, from the newest record back, cached across benchmarks.
func activityServer(b *testing.B, n int) *Server {
	b.Helper()
	if s, ok := activityServers.Load(n); ok {
		return s.(*Server)
	}
	s := NewServer(withoutResponseCheck(), WithClock(func() time.Time { return t0 }))
	at := t0
	for range rareActivities {
		if _, err := s.AddActivity(ActivitySeed{Type: rareActivityType, CreatedAt: at}); err != nil {
			b.Fatal(err)
		}
		if err := s.SeedActivities(n / rareActivities); err != nil {
			b.Fatal(err)
		}
		s.mu.RLock()
		at = time.Unix(0, s.st.activities.recs[0].at).Add(-time.Minute)
		s.mu.RUnlock()
	}
	activityServers.Store(n, s)
	runtime.GC()
	return s
}
