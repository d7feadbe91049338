package workflow_test

import (
	"context"
	"fmt"
	"net/http"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// faultingCounter counts the requests sent and, every `every` requests
// (0: never), makes the fake answer the next createInvite with a 429.
type faultingCounter struct {
	base  http.RoundTripper
	srv   *admintest.Server
	every int64
	after time.Duration
	n     atomic.Int64
}

func (c *faultingCounter) RoundTrip(r *http.Request) (*http.Response, error) {
	if n := c.n.Add(1); c.every > 0 && n%c.every == 0 {
		if err := c.srv.FailNext(admin.OpCreateInvite, 1, admintest.Fault{Status: 429, RetryAfter: c.after}); err != nil {
			return nil, err
		}
	}
	return c.base.RoundTrip(r)
}

// heapPeak samples the bytes of live heap objects every millisecond until
// stop is called, which returns the highest sample.
func heapPeak() (stop func() uint64) {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	var peak uint64
	done, finished := make(chan struct{}), make(chan struct{})
	read := func() {
		metrics.Read(sample)
		peak = max(peak, sample[0].Value.Uint64())
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			read()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	var once sync.Once
	return func() uint64 {
		once.Do(func() { close(done); <-finished; read() })
		return peak
	}
}

// BenchmarkInviteMany1000 sends 1,000 invites to the fake (in process,
// over loopback HTTP) with InviteMany, 4 at a time, and reports per run:
// requests sent (counted by the client's transport; the minimum is 1,000,
// as createInvite takes one email), the extra requests over that minimum,
// and peak-heap-MiB, the highest sample (every millisecond) of the bytes
// of live heap objects of the whole process during the run, fake
// included, over the level before it. With "429s", every 100th request
// is answered 429 with a Retry-After of 20ms, which pauses the run.
func BenchmarkInviteMany1000(b *testing.B) {
	const n = 1000
	invites := make([]admin.CreateInviteRequest, n)
	for i := range invites {
		invites[i] = admin.CreateInviteRequest{Email: fmt.Sprintf("person%04d@example.com", i), Role: admin.AssignableOrganizationRoleUser}
	}
	for _, bc := range []struct {
		name       string
		every      int64
		maxRetries int
	}{
		{"no429s", 0, admin.DefaultMaxRetries},
		{"429s/admin-retries", 100, admin.DefaultMaxRetries},
		{"429s/no-admin-retries", 100, 0},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			var requests, peak int64
			for b.Loop() {
				b.StopTimer()
				srv := admintest.NewServer()
				ct := &faultingCounter{base: http.DefaultTransport, srv: srv, every: bc.every, after: 20 * time.Millisecond}
				c := srv.Client(admin.WithMaxRetries(bc.maxRetries), admin.WithHTTPClient(&http.Client{Transport: workflow.RecordRequestIDs(ct)}))
				runtime.GC()
				base := heapNow()
				stop := heapPeak()
				b.StartTimer()
				rep, err := workflow.InviteMany(context.Background(), c, invites, workflow.BulkOptions{Parallel: 4, AlreadyDone: workflow.InviteAlreadyDone()})
				b.StopTimer()
				p := stop()
				if err != nil || rep.OK != n {
					b.Fatalf("%v: %d ok of %d: %v", err, rep.OK, n, rep.Err())
				}
				requests += ct.n.Load()
				peak = max(peak, int64(p)-int64(base))
				srv.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(requests)/float64(b.N), "requests/op")
			b.ReportMetric(float64(requests)/float64(b.N)-n, "extra-requests/op")
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MiB")
		})
	}
}

// heapNow returns the bytes of live heap objects.
func heapNow() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}
