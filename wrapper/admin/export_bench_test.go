package admin_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// heapSampler records the peak of the heap's live objects while it runs.
type heapSampler struct {
	stop chan struct{}
	done sync.WaitGroup
	peak uint64
}

func heapObjects() uint64 {
	s := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

func startHeapSampler() *heapSampler {
	h := &heapSampler{stop: make(chan struct{})}
	h.done.Add(1)
	go func() {
		defer h.done.Done()
		t := time.NewTicker(2 * time.Millisecond)
		defer t.Stop()
		for {
			if v := heapObjects(); v > h.peak {
				h.peak = v
			}
			select {
			case <-h.stop:
				return
			case <-t.C:
			}
		}
	}()
	return h
}

func (h *heapSampler) finish() uint64 {
	close(h.stop)
	h.done.Wait()
	return h.peak
}

// envServeActivities makes the test binary serve a fake holding that many
// activities instead of running the tests: the benchmarks run the fake in
// a process of its own, so that the heap they measure is the export's
// alone, not the fake's million records.
const envServeActivities = "ADMIN_TEST_SERVE_ACTIVITIES"

func TestMain(m *testing.M) {
	if v := os.Getenv(envServeActivities); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		srv := admintest.NewServer(admintest.WithClock(func() time.Time { return fakeNow }))
		if err := srv.SeedActivities(n); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Println(srv.URL)
		// "grow N" appends N activities newer than all others; EOF ends.
		in := bufio.NewScanner(os.Stdin)
		for in.Scan() {
			var k int
			if _, err := fmt.Sscanf(in.Text(), "grow %d", &k); err != nil {
				fmt.Fprintln(os.Stderr, err)
				os.Exit(2)
			}
			for range k {
				srv.AddActivity(admintest.ActivitySeed{Type: "claude_chat_viewed", Fields: map[string]any{"claude_chat_id": "claude_chat_01bench"}})
			}
			fmt.Println("ok")
		}
		srv.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// benchFake starts a fake holding n activities in a subprocess and returns
// its URL and the heap of this process after a collection: the baseline
// of the export's peak.
func benchFake(b *testing.B, n int) (string, uint64) {
	url, _, base := benchFakeGrowing(b, n)
	return url, base
}

// benchFakeGrowing is benchFake, and returns a function that appends k
// activities newer than all others to the fake.
func benchFakeGrowing(b *testing.B, n int) (string, func(k int), uint64) {
	b.Helper()
	cmd := exec.Command(os.Args[0])
	cmd.Env = append(os.Environ(), envServeActivities+"="+strconv.Itoa(n))
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		stdin.Close()
		cmd.Wait()
	})
	rd := bufio.NewReader(stdout)
	line, err := rd.ReadString('\n')
	if err != nil {
		b.Fatalf("fake subprocess: %v", err)
	}
	grow := func(k int) {
		fmt.Fprintf(stdin, "grow %d\n", k)
		if ok, err := rd.ReadString('\n'); err != nil || ok != "ok\n" {
			b.Fatalf("fake subprocess: grow: %q %v", ok, err)
		}
	}
	runtime.GC()
	runtime.GC()
	return strings.TrimSpace(line), grow, heapObjects()
}

// report adds records/s, the peak heap above the baseline and the bytes
// allocated per record.
func report(b *testing.B, n int, elapsed time.Duration, peak, base uint64, allocated uint64) {
	b.ReportMetric(float64(n)*float64(b.N)/elapsed.Seconds(), "records/s")
	extra := float64(0)
	if peak > base {
		extra = float64(peak-base) / (1 << 20)
	}
	b.ReportMetric(extra, "peak-heap-MiB")
	b.ReportMetric(float64(allocated)/float64(n*b.N), "alloc-B/record")
}

// BenchmarkActivityExport exports every activity of a fake holding 100,000
// or 1,000,000 of them (in a subprocess) to a JSONL file with
// admin.ActivityExporter: a first run, so the walk to the oldest page
// plus the delivery, pages of 5000, each fsynced and recorded in the
// cursor file. Its peak heap does not grow with the number of activities.
func BenchmarkActivityExport(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			url, base := benchFake(b, n)
			c, err := admin.NewClient("", admin.WithBaseURL(url), admin.WithComplianceKey(admintest.DefaultComplianceKey))
			if err != nil {
				b.Fatal(err)
			}
			b.ResetTimer()
			var elapsed time.Duration
			var peak, allocated uint64
			for i := range b.N {
				dir := b.TempDir()
				out := filepath.Join(dir, "audit.jsonl")
				e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", PageSize: 5000, RequestsPerMinute: -1}
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				h := startHeapSampler()
				start := time.Now()
				st, err := e.Run(context.Background())
				elapsed += time.Since(start)
				if p := h.finish(); p > peak {
					peak = p
				}
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				allocated += after.TotalAlloc - before.TotalAlloc
				if err != nil {
					b.Fatal(err)
				}
				if st.Delivered < int64(n) {
					b.Fatalf("run %d delivered %d of %d", i, st.Delivered, n)
				}
			}
			report(b, n, elapsed, peak, base, allocated)
		})
	}
}

// BenchmarkActivityExportIncremental measures a run that continues from a
// cursor: the activities arrived since the last run, delivered without the
// walk to the oldest page, in pages of 5000.
func BenchmarkActivityExportIncremental(b *testing.B) {
	for _, n := range []int{100_000, 1_000_000} {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) {
			url, grow, base := benchFakeGrowing(b, 1)
			c, err := admin.NewClient("", admin.WithBaseURL(url), admin.WithComplianceKey(admintest.DefaultComplianceKey))
			if err != nil {
				b.Fatal(err)
			}
			var elapsed time.Duration
			var peak, allocated uint64
			b.ResetTimer()
			for range b.N {
				b.StopTimer()
				dir := b.TempDir()
				out := filepath.Join(dir, "audit.jsonl")
				e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", PageSize: 5000, RequestsPerMinute: -1}
				if _, err := e.Run(context.Background()); err != nil { // positions the cursor
					b.Fatal(err)
				}
				grow(n)
				runtime.GC()
				b.StartTimer()
				var before runtime.MemStats
				runtime.ReadMemStats(&before)
				h := startHeapSampler()
				start := time.Now()
				st, err := e.Run(context.Background())
				elapsed += time.Since(start)
				if p := h.finish(); p > peak {
					peak = p
				}
				var after runtime.MemStats
				runtime.ReadMemStats(&after)
				allocated += after.TotalAlloc - before.TotalAlloc
				if err != nil {
					b.Fatal(err)
				}
				if st.Delivered < int64(n) {
					b.Fatalf("delivered %d of %d", st.Delivered, n)
				}
			}
			report(b, n, elapsed, peak, base, allocated)
		})
	}
}

// BenchmarkRawLoop reads the same activities from the same fake with a
// plain net/http and encoding/json loop (after_id paging, pages of 5000,
// each activity kept as its raw bytes and written as a line to a buffered
// file, fsynced at the end): the floor the export is compared with.
// "seeded" reads the activities of BenchmarkActivityExport, "grown" those
// of BenchmarkActivityExportIncremental.
func BenchmarkRawLoop(b *testing.B) {
	for _, kind := range []string{"seeded", "grown"} {
		for _, n := range []int{100_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/n=%d", kind, n), func(b *testing.B) {
				var url string
				var base uint64
				want := n
				if kind == "seeded" {
					url, base = benchFake(b, n)
				} else {
					var grow func(int)
					url, grow, base = benchFakeGrowing(b, 1)
					grow(n)
					want = n + 1
				}
				b.ResetTimer()
				var elapsed time.Duration
				var peak, allocated uint64
				for range b.N {
					f, err := os.Create(filepath.Join(b.TempDir(), "raw.jsonl"))
					if err != nil {
						b.Fatal(err)
					}
					var before runtime.MemStats
					runtime.ReadMemStats(&before)
					h := startHeapSampler()
					start := time.Now()
					got := rawLoop(b, url, bufio.NewWriterSize(f, 256<<10), f)
					elapsed += time.Since(start)
					if p := h.finish(); p > peak {
						peak = p
					}
					var after runtime.MemStats
					runtime.ReadMemStats(&after)
					allocated += after.TotalAlloc - before.TotalAlloc
					f.Close()
					if got < want {
						b.Fatalf("read %d of %d", got, want)
					}
				}
				report(b, n, elapsed, peak, base, allocated)
			})
		}
	}
}

func rawLoop(b *testing.B, base string, w *bufio.Writer, f *os.File) int {
	n := 0
	after := ""
	for {
		q := url.Values{"limit": {"5000"}}
		if after != "" {
			q.Set("after_id", after)
		}
		req, _ := http.NewRequest("GET", base+"/v1/compliance/activities?"+q.Encode(), nil)
		req.Header.Set("x-api-key", admintest.DefaultComplianceKey)
		req.Header.Set("anthropic-version", admin.APIVersion20230601)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			b.Fatal(err)
		}
		var p struct {
			Data    []json.RawMessage `json:"data"`
			HasMore bool              `json:"has_more"`
			LastID  *string           `json:"last_id"`
		}
		err = json.NewDecoder(resp.Body).Decode(&p)
		resp.Body.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, a := range p.Data {
			w.Write(a)
			w.WriteByte('\n')
		}
		n += len(p.Data)
		if !p.HasMore {
			break
		}
		after = *p.LastID
	}
	if err := w.Flush(); err != nil {
		b.Fatal(err)
	}
	if err := f.Sync(); err != nil {
		b.Fatal(err)
	}
	return n
}
