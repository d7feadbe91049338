package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// envRunMain makes the test binary run the tool instead of the tests, so
// that a test can run it as a subprocess (and kill it).
const envRunMain = "ANTHROPIC_ADMIN_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(envRunMain) == "1" {
		main()
		os.Exit(0)
	}
	code := m.Run()
	if builtTool.dir != "" {
		os.RemoveAll(builtTool.dir)
	}
	os.Exit(code)
}

// exportIDs returns the IDs of the lines of a JSONL export, failing on a
// line that is not an activity.
func exportIDs(t *testing.T, data []byte) []string {
	t.Helper()
	var ids []string
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		var a struct {
			ID string `json:"id"`
		}
		if err := json.Unmarshal(sc.Bytes(), &a); err != nil || a.ID == "" {
			t.Fatalf("line %d is not an activity: %q", len(ids)+1, sc.Bytes())
		}
		ids = append(ids, a.ID)
	}
	return ids
}

// checkLog checks that ids is the fake's log, oldest first, each activity
// once, but for at most one last activity: the export's last request's own.
func checkLog(t *testing.T, s *admintest.Server, ids []string) {
	t.Helper()
	log := s.ActivityIDs()
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("activity %s exported twice", id)
		}
		seen[id] = true
	}
	if len(ids) > len(log) || !slices.Equal(ids, log[:len(ids)]) || len(log)-len(ids) > 1 {
		t.Fatalf("export of %d activities is not the log of %d, oldest first", len(ids), len(log))
	}
}

func TestActivityExportCLI(t *testing.T) {
	s := newFake(t)
	dir := t.TempDir()
	out := filepath.Join(dir, "audit.jsonl")
	args := []string{"compliance", "activities", "export", "--file", out, "--settle", "0", "--rate", "600", "--page-size", "100"}
	r := runCLI(t, s, invocation{args: args})
	if r.code != 0 || !strings.Contains(r.stderr, "exported ") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	data, _ := os.ReadFile(out)
	checkLog(t, s, exportIDs(t, data))
	if _, err := os.Stat(out + ".cursor"); err != nil {
		t.Errorf("no cursor file next to the output: %v", err)
	}
	// Standard output needs an explicit cursor file.
	if r := runCLI(t, s, invocation{args: []string{"compliance", "activities", "export", "--file", "-"}}); r.code != 2 || !strings.Contains(r.stderr, "--cursor is required") {
		t.Errorf("--file - without --cursor: exit %d, %s", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"compliance", "activities", "export", "--file", "-", "--cursor", filepath.Join(dir, "stdout.cursor"), "--settle", "0", "--rate", "600", "--type", "sso_login_succeeded"}})
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	ids := exportIDs(t, []byte(r.stdout))
	if len(ids) == 0 || strings.Count(r.stdout, `"type":"sso_login_succeeded"`) != len(ids) {
		t.Errorf("filtered export to stdout: %d lines\n%s", len(ids), r.stdout)
	}
	if r := runCLI(t, s, invocation{args: []string{"compliance", "activities", "export"}}); r.code != 2 || !strings.Contains(r.stderr, "--file is required") {
		t.Errorf("no --file: exit %d, %s", r.code, r.stderr)
	}
	if r := runCLI(t, s, invocation{args: []string{"compliance", "activities", "export", "--file", out, "--rate", "601"}}); r.code == 0 {
		t.Errorf("--rate 601 accepted")
	}
	// The Admin key alone reads the feed.
	r = runCLI(t, s, invocation{args: []string{"compliance", "activities", "list", "--limit", "1"}, env: map[string]string{envComplianceKey: ""}})
	if r.code != 0 {
		t.Errorf("list with only the Admin key: exit %d, %s", r.code, r.stderr)
	}
	r = runCLI(t, s, invocation{args: []string{"compliance", "activities", "list"}, env: map[string]string{envComplianceKey: "", envAdminKey: ""}})
	if r.code != 2 || !strings.Contains(r.stderr, "neither") {
		t.Errorf("list without keys: exit %d, %s", r.code, r.stderr)
	}
}

// TestActivityExportSurvivesSIGKILL runs the export as a separate process
// and kills it with SIGKILL at random moments, again and again, while
// activities keep arriving; a last run catches up. The file must then hold
// the fake's log exactly once, in order.
func TestActivityExportSurvivesSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the tool as a subprocess for seconds")
	}
	s := newFake(t)
	if err := s.SeedActivities(12000); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	out := filepath.Join(dir, "audit.jsonl")
	args := []string{"--base-url", s.URL, "compliance", "activities", "export", "--file", out, "--settle", "0", "--rate", "600", "--page-size", "200"}
	env := append(os.Environ(), envRunMain+"=1", envComplianceKey+"="+testComplianceKey, envAdminKey+"=")

	stop := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for {
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
				s.AddActivity(admintest.ActivitySeed{Type: "claude_chat_created"})
			}
		}
	}()
	rng := rand.New(rand.NewPCG(11, uint64(time.Now().UnixNano())))
	killed := 0
	for range 10 {
		cmd := exec.Command(os.Args[0], args...)
		cmd.Env = env
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("export failed before the kill: %v\n%s", err, stderr.String())
			}
		case <-time.After(time.Duration(50+rng.IntN(900)) * time.Millisecond):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			killed++
		}
	}
	close(stop)
	wg.Wait()
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("last run: %v\n%s", err, b)
	}
	data, _ := os.ReadFile(out)
	ids := exportIDs(t, data)
	checkLog(t, s, ids)
	t.Logf("%d of 10 runs killed; %d activities exported exactly once", killed, len(ids))
	if killed == 0 {
		t.Error("no run was killed")
	}
}
