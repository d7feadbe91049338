package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"time"

	"golang.org/x/oauth2"
)

// The fake of --fake and fake serve runs in a helper binary,
// anthropic-admin-fake (package cmd/internal/fakeapi), so that this binary
// links neither the fake nor kin-openapi, the JSON-schema validator and
// the embedded spec it validates with: their package initialisation would
// otherwise cost every command, such as --help or users list against the
// real API, several times the start-up of a plain net/http binary. The
// helper is looked for in $ANTHROPIC_ADMIN_FAKE_BIN, next to this
// executable, then on $PATH.

// Environment variables that tune the fake of --fake (read by the helper;
// see package cmd/internal/fakeapi).
const (
	// envFakeNow sets the fake's frozen clock (RFC 3339), or "system" for
	// the system clock; the default is fakeNow.
	envFakeNow = "ANTHROPIC_ADMIN_FAKE_NOW"
	// envFakeSeed sets the seed of the fake's IDs and demo data (default 1).
	envFakeSeed = "ANTHROPIC_ADMIN_FAKE_SEED"
	// envFakeBin names the helper binary.
	envFakeBin = "ANTHROPIC_ADMIN_FAKE_BIN"
)

// fakeHelper is the name of the helper binary.
const fakeHelper = "anthropic-admin-fake"

// fakeNow is the instant the fake's clock is frozen at by default, so that
// --fake prints the same thing on every run and every day (fakeapi.Now;
// a test checks they agree).
var fakeNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// fakeAPI is a running fake of the API for --fake.
type fakeAPI struct {
	url, adminKey, complianceKey string
	// tokens issues the fake's org:admin OAuth access tokens.
	tokens oauth2.TokenSource
	// now is the fake's clock, which reports default to; nil for the
	// system clock.
	now   func() time.Time
	close func()
}

// startFake starts the fake for --fake. It is a variable so that the
// tests can run the fake in process.
var startFake = startFakeHelper

// runFakeServe runs "fake serve" (see fakeServe). It is a variable so
// that the tests can run it in process.
var runFakeServe = execFakeServe

// fakeHelperPath returns the path of the helper binary, or an error with
// exit status 2 that says how to install it.
func fakeHelperPath(getenv func(string) string) (string, error) {
	if p := getenv(envFakeBin); p != "" {
		return p, nil
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), fakeHelper)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p, nil
		}
	}
	if p, err := exec.LookPath(fakeHelper); err == nil {
		return p, nil
	}
	return "", &exitError{2, fmt.Sprintf("the fake runs in the helper %s, found neither next to this program nor on $PATH (nor in $%s): go install github.com/anthropic-admin/anthropic-admin-go/cmd/%s@latest", fakeHelper, envFakeBin, fakeHelper)}
}

// fakeEnv returns the environment of the helper: this process's, with
// the fake's variables as getenv reads them.
func fakeEnv(getenv func(string) string) []string {
	env := os.Environ()
	for _, k := range []string{envFakeNow, envFakeSeed} {
		env = append(env, k+"="+getenv(k))
	}
	return env
}

// startFakeHelper starts the helper's session for one run: it reads the
// fake's URL, keys and OAuth token from the helper's stdout (a pipe, so
// they are on no command line), and stops the helper by closing its stdin.
func startFakeHelper(ctx context.Context, getenv func(string) string) (*fakeAPI, error) {
	path, err := fakeHelperPath(getenv)
	if err != nil {
		return nil, err
	}
	// A cancelled ctx (Ctrl-C) kills a helper that has not answered yet.
	cmd := exec.CommandContext(ctx, path, "session")
	cmd.Env = fakeEnv(getenv)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, err
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, &exitError{2, fmt.Sprintf("starting the fake: %v", err)}
	}
	stop := func() {
		stdin.Close()
		done := make(chan struct{})
		go func() { _ = cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			_ = cmd.Process.Kill()
			<-done
		}
	}
	var info struct {
		URL           string `json:"url"`
		AdminKey      string `json:"admin_key"`
		ComplianceKey string `json:"compliance_key"`
		OAuthToken    string `json:"oauth_token"`
		Now           string `json:"now"`
		Error         string `json:"error"`
	}
	line, err := bufio.NewReader(io.LimitReader(stdout, 1<<16)).ReadBytes('\n')
	if err == nil {
		err = json.Unmarshal(line, &info)
	}
	switch {
	case err != nil:
		stop()
		return nil, &exitError{1, fmt.Sprintf("the fake (%s) did not start: %v", path, err)}
	case info.Error != "":
		stop()
		return nil, &exitError{2, info.Error}
	}
	tokens := oauth2.StaticTokenSource(&oauth2.Token{AccessToken: info.OAuthToken, TokenType: "Bearer"})
	f := &fakeAPI{url: info.URL, adminKey: info.AdminKey, complianceKey: info.ComplianceKey, tokens: tokens, close: stop}
	if info.Now != "" {
		now, err := time.Parse(time.RFC3339Nano, info.Now)
		if err != nil {
			stop()
			return nil, &exitError{1, fmt.Sprintf("the fake (%s) sent a bad clock: %v", path, err)}
		}
		f.now = func() time.Time { return now }
	}
	return f, nil
}

// execFakeServe runs "fake serve" in the helper, with this process's
// standard streams, and returns its exit status. Ctrl-C reaches the
// helper too (it is in the terminal's process group) and stops it; a
// cancelled ctx interrupts it.
func execFakeServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	path, err := fakeHelperPath(os.Getenv)
	if err != nil {
		fmt.Fprintf(stderr, "%s fake serve: %v\n", progName, err)
		return 2
	}
	cmd := exec.Command(path, append([]string{"serve"}, args...)...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, stdout, stderr
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(stderr, "%s fake serve: %v\n", progName, err)
		return 1
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-ctx.Done():
		_ = cmd.Process.Signal(os.Interrupt)
		err = <-done
	}
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && ee.ExitCode() >= 0 {
			return ee.ExitCode()
		}
		return 1
	}
	return 0
}
