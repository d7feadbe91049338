package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/cmd/internal/fakeapi"
)

// TestLeanBinary keeps the start-up of every command cheap: the tool must
// not link the fake, kin-openapi, the JSON-schema validator or the
// generated server with its embedded spec, whose package initialisation
// would run at every start. --fake and fake serve run the helper binary.
func TestLeanBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list -deps: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	if len(deps) < 10 {
		t.Fatalf("go list -deps printed %d packages", len(deps))
	}
	for _, dep := range deps {
		for _, banned := range []string{"kin-openapi", "/admintest", "/gen/server", "jsonschema", "oasdiff", "/internal/fakeapi", "gorilla"} {
			if strings.Contains(dep, banned) {
				t.Errorf("the tool links %s", dep)
			}
		}
	}
}

// builtTool is the directory buildTool builds into, once for all the
// tests of a run; TestMain removes it.
var builtTool struct {
	once sync.Once
	dir  string
	err  error
}

// buildTool builds the tool and its fake helper into a temporary
// directory, which it returns; the first call builds them, the others
// return the same directory. The tests must not change what is in it.
func buildTool(t *testing.T) string {
	t.Helper()
	builtTool.once.Do(func() {
		dir, err := os.MkdirTemp("", "anthropic-admin-test-")
		if err != nil {
			builtTool.err = err
			return
		}
		builtTool.dir = dir
		build := exec.Command("go", "build", "-o", dir, ".", "../anthropic-admin-fake")
		if out, err := build.CombinedOutput(); err != nil {
			builtTool.err = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if builtTool.err != nil {
		t.Fatal(builtTool.err)
	}
	return builtTool.dir
}

// TestFakeNowAgrees checks that the tool's idea of the fake's frozen
// clock is the helper's.
func TestFakeNowAgrees(t *testing.T) {
	if !fakeNow.Equal(fakeapi.Now) {
		t.Errorf("fakeNow %v, fakeapi.Now %v", fakeNow, fakeapi.Now)
	}
}

// TestFakeHelper builds the tool and its helper and runs --fake and fake
// serve through them, as users do: the output equals the in-process
// fake's; the helper's errors and absence are exit status 2.
func TestFakeHelper(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries")
	}
	dir := buildTool(t)
	tool := filepath.Join(dir, "anthropic-admin")
	env := []string{"PATH=/nonexistent", "HOME=" + t.TempDir()}
	runTool := func(extraEnv []string, args ...string) (int, string, string) {
		cmd := exec.Command(tool, args...)
		cmd.Env = append(env, extraEnv...)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		err := cmd.Run()
		code := 0
		if ee, ok := err.(*exec.ExitError); ok {
			code = ee.ExitCode()
		} else if err != nil {
			t.Fatal(err)
		}
		return code, stdout.String(), stderr.String()
	}

	for _, args := range [][]string{{"--fake", "users", "list"}, {"--fake", "service-accounts", "list", "-o", "json"}, {"--fake", "compliance", "users", "--limit", "2"}} {
		code, stdout, stderr := runTool(nil, args...)
		want := runCLI(t, nil, invocation{args: args, env: map[string]string{envAdminKey: "", envComplianceKey: ""}})
		if code != 0 || stdout != want.stdout || stderr != want.stderr {
			t.Errorf("%v through the helper: exit %d\n%s%s\nin process:\n%s%s", args, code, stdout, stderr, want.stdout, want.stderr)
		}
	}
	if code, _, stderr := runTool([]string{envFakeSeed + "=x"}, "--fake", "org", "show"); code != 2 || !strings.Contains(stderr, envFakeSeed) {
		t.Errorf("bad seed: exit %d %q", code, stderr)
	}

	// fake serve runs until interrupted.
	cmd := exec.Command(tool, "fake", "serve", "--addr", "127.0.0.1:0", "--seed", "empty")
	cmd.Env = env
	var stdout, stderr serveOutput
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(stdout.String(), "listening on http://127.0.0.1:") {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			t.Fatalf("fake serve printed no URL:\n%s\n%s", stdout.String(), stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// Ctrl-C signals the terminal's whole process group; here the tool
	// passes its interrupt on.
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Errorf("fake serve after SIGINT: %v\n%s", err, stderr.String())
	}

	// Without the helper: exit 2 and how to install it.
	alone := filepath.Join(t.TempDir(), "anthropic-admin")
	b, err := os.ReadFile(tool)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(alone, b, 0o700); err != nil {
		t.Fatal(err)
	}
	tool = alone
	if code, _, stderr := runTool(nil, "--fake", "org", "show"); code != 2 || !strings.Contains(stderr, "go install github.com/anthropic-admin/anthropic-admin-go/cmd/anthropic-admin-fake@latest") {
		t.Errorf("no helper: exit %d %q", code, stderr)
	}
}
