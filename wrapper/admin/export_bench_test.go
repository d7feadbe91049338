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

// benchFakeGrowing starts a fake holding n activities in a subprocess and
// returns its URL, a function that appends k activities newer than all
// others to it, and the heap of this process after a collection: the
// baseline of the export's peak.
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

// measure runs f, returning how long it took, the peak of the heap while
// it ran and the bytes it allocated.
func measure(f func()) (time.Duration, uint64, uint64) {
	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	h := startHeapSampler()
	start := time.Now()
	f()
	elapsed := time.Since(start)
	peak := h.finish()
	runtime.ReadMemStats(&after)
	return elapsed, peak, after.TotalAlloc - before.TotalAlloc
}

// mib returns the bytes of peak above base in MiB.
func mib(peak, base uint64) float64 {
	if peak < base {
		return 0
	}
	return float64(peak-base) / (1 << 20)
}

// BenchmarkActivityExport exports the activities of a fake holding 100,000
// or 1,000,000 of them (in a subprocess, so that the heap measured is the
// export's) to a JSONL file with admin.ActivityExporter, pages of 5000,
// each fsynced and recorded in the cursor file; right after, in the same
// iteration, a plain net/http + encoding/json loop reads the same
// activities from the same fake in the same pages of 5000 (after_id
// paging, each activity kept as its raw bytes and written as a line to a
// buffered file, fsynced at the end): interleaved, the two see the same
// load of a shared machine.
//
// first-run is a first export: the walk to the oldest page (pages of
// 5000) and then the delivery, so twice the requests of the loop.
// incremental is a run continuing from a cursor over n activities that
// arrived since: the delivery only.
//
// Metrics: records/s and raw-records/s; export/raw, their ratio;
// peak-heap-MiB and raw-peak-heap-MiB, the peak of the heap above the
// baseline (which does not grow with n); alloc-B/record of the export.
func BenchmarkActivityExport(b *testing.B) {
	for _, kind := range []string{"first-run", "incremental"} {
		for _, n := range []int{100_000, 1_000_000} {
			b.Run(fmt.Sprintf("%s/n=%d", kind, n), func(b *testing.B) {
				seeded := n
				if kind == "incremental" {
					seeded = 1
				}
				url, grow, base := benchFakeGrowing(b, seeded)
				c, err := admin.NewClient("", admin.WithBaseURL(url), admin.WithComplianceKey(admintest.DefaultComplianceKey))
				if err != nil {
					b.Fatal(err)
				}
				var exportTime, rawTime time.Duration
				var exportPeak, rawPeak, allocated uint64
				var exported, read int64
				for range b.N {
					dir := b.TempDir()
					out := filepath.Join(dir, "audit.jsonl")
					e := &admin.ActivityExporter{Client: c, Output: out, CursorFile: out + ".cursor", PageSize: 5000, RequestsPerMinute: -1}
					if kind == "incremental" {
						b.StopTimer()
						if _, err := e.Run(context.Background()); err != nil { // positions the cursor
							b.Fatal(err)
						}
						grow(n)
						b.StartTimer()
					}
					var st admin.ExportStats
					var runErr error
					d, peak, alloc := measure(func() { st, runErr = e.Run(context.Background()) })
					if runErr != nil {
						b.Fatal(runErr)
					}
					if st.Delivered < int64(n) {
						b.Fatalf("delivered %d of %d", st.Delivered, n)
					}
					exportTime += d
					exportPeak = max(exportPeak, peak)
					allocated += alloc
					exported += st.Delivered

					f, err := os.Create(filepath.Join(dir, "raw.jsonl"))
					if err != nil {
						b.Fatal(err)
					}
					var got int
					d, peak, _ = measure(func() { got = rawLoop(b, url, bufio.NewWriterSize(f, 256<<10), f) })
					f.Close()
					if got < n {
						b.Fatalf("the raw loop read %d of %d", got, n)
					}
					rawTime += d
					rawPeak = max(rawPeak, peak)
					read += int64(got)
				}
				exportRate := float64(exported) / exportTime.Seconds()
				rawRate := float64(read) / rawTime.Seconds()
				b.ReportMetric(exportRate, "records/s")
				b.ReportMetric(rawRate, "raw-records/s")
				b.ReportMetric(exportRate/rawRate, "export/raw")
				b.ReportMetric(mib(exportPeak, base), "peak-heap-MiB")
				b.ReportMetric(mib(rawPeak, base), "raw-peak-heap-MiB")
				b.ReportMetric(float64(allocated)/float64(exported), "alloc-B/record")
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
