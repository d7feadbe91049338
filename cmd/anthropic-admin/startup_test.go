package main

import (
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The benchmarks here measure what the tool does in process at start-up
// and for the commands testdata/startup/startup.sh times (make startup).
// Start-up also pays the runtime's and the packages' initialisation, which
// they leave out (see GODEBUG=inittrace=1).

// benchRun runs the tool with args once per iteration of b, failing b on
// a non-zero exit status.
func benchRun(b *testing.B, getenv func(string) string, args ...string) {
	ctx := context.Background()
	for b.Loop() {
		if code := run(ctx, args, getenv, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("%s: exit %d", strings.Join(args, " "), code)
		}
	}
}

// noEnv is an empty environment.
func noEnv(string) string { return "" }

// BenchmarkHelp measures what the tool does in process for --help: build
// the command tree and the cobra commands, parse, print.
func BenchmarkHelp(b *testing.B) { benchRun(b, noEnv, "--help") }

// BenchmarkLeafHelp measures the help of a leaf with flags.
func BenchmarkLeafHelp(b *testing.B) { benchRun(b, noEnv, "users", "list", "--help") }

// BenchmarkVersion measures the version command.
func BenchmarkVersion(b *testing.B) { benchRun(b, noEnv, "version") }

// BenchmarkOrgShow measures org show against a loopback server returning
// a fixed organization: a real-API command, its HTTP round trip included
// (a new connection each run, as in a new process).
func BenchmarkOrgShow(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "req_bench")
		io.WriteString(w, `{"id":"12345678-1234-5678-1234-567812345678","type":"organization","name":"Bench Org"}`)
	}))
	defer srv.Close()
	env := map[string]string{envAdminKey: "sk-ant-admin01-bench-not-a-key", envBaseURL: srv.URL}
	benchRun(b, func(k string) string { return env[k] }, "org", "show")
}

// BenchmarkCommands measures building the declaration tree.
func BenchmarkCommands(b *testing.B) {
	for b.Loop() {
		if commands() == nil {
			b.Fatal("no tree")
		}
	}
}

// BenchmarkNewCLI measures building the cobra commands of the whole
// declaration tree.
func BenchmarkNewCLI(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		a := &app{getenv: noEnv, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
		a.cli = newCLI(ctx, a, commands())
	}
}
