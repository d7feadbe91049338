package main

import (
	"context"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// interruptible runs the tool with args against the fake at url in the
// background, with stdin, and returns its outputs, a cancel function that
// plays Ctrl-C, and the channel of its exit status.
func interruptible(t *testing.T, url string, stdin io.Reader, args ...string) (stdout, stderr *serveOutput, interrupt func(), done <-chan int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	env := map[string]string{envAdminKey: testKey, envComplianceKey: testComplianceKey, envBaseURL: url}
	stdout, stderr = new(serveOutput), new(serveOutput)
	ch := make(chan int, 1)
	go func() { ch <- run(ctx, args, func(k string) string { return env[k] }, stdin, stdout, stderr) }()
	return stdout, stderr, cancel, ch
}

// waitFor waits until out holds want, failing the test after ten seconds
// or if the run ends first.
func waitFor(t *testing.T, out *serveOutput, want string, done <-chan int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), want) {
		select {
		case code := <-done:
			t.Fatalf("exited with %d before printing %q: %s", code, want, out.String())
		default:
		}
		if time.Now().After(deadline) {
			t.Fatalf("no %q after 10s: %q", want, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// exitWithin returns the exit status, failing the test if the run has not
// ended within five seconds.
func exitWithin(t *testing.T, done <-chan int, what string) int {
	t.Helper()
	select {
	case code := <-done:
		return code
	case <-time.After(5 * time.Second):
		t.Fatalf("%s: still running 5s after the interrupt", what)
		return 0
	}
}

// TestInterruptAtPrompt presses Ctrl-C at a confirmation question whose
// stdin never answers: the tool exits at once with status 130 and
// "interrupted", and sends no request.
func TestInterruptAtPrompt(t *testing.T) {
	s := newFake(t)
	f := newFixture(t, s)
	pr, pw := io.Pipe() // a terminal nobody types into
	defer pw.Close()
	args := []string{"users", "remove", f["user"]}
	stdout, stderr, interrupt, done := interruptible(t, s.URL, ttyReader{pr}, args...)
	waitFor(t, stderr, "[y/N] ", done)
	interrupt()
	code := exitWithin(t, done, "at the prompt")
	if code != exitInterrupted || !strings.HasSuffix(stderr.String(), "[y/N] \nanthropic-admin: interrupted\n") {
		t.Errorf("exit %d, stderr %q; want 130 and interrupted on its own line", code, stderr.String())
	}
	if stdout.String() != "" {
		t.Errorf("stdout %q", stdout.String())
	}
	if n := s.Calls(admin.OpRemoveUser); n != 0 {
		t.Errorf("%d removeUser requests after an interrupted question", n)
	}
	if _, err := s.Client().Users.Get(context.Background(), f["user"]); err != nil {
		t.Errorf("the user is gone: %v", err)
	}
	checkNoKeys(t, args, secretKeys, stdout.String(), stderr.String())
}

// TestInterruptRunning presses Ctrl-C while a request is in flight: the
// tool exits at once with status 130, not with an API or network error.
func TestInterruptRunning(t *testing.T) {
	s := newFake(t)
	s.SetLatency(2 * time.Second) // every request takes 2s
	args := []string{"users", "list", "--all"}
	_, stderr, interrupt, done := interruptible(t, s.URL, strings.NewReader(""), args...)
	time.Sleep(200 * time.Millisecond) // the first request is on its way
	interrupt()
	if code := exitWithin(t, done, "during a request"); code != exitInterrupted || stderr.String() != "anthropic-admin: interrupted\n" {
		t.Errorf("exit %d, stderr %q; want 130 and interrupted", code, stderr.String())
	}
}

// TestReadLine checks that readLine returns the line when there is one,
// and ctx.Err() at once when ctx is done while the read blocks.
func TestReadLine(t *testing.T) {
	line, err := readLine(context.Background(), strings.NewReader("yes\nmore\n"))
	if line != "yes\n" || err != nil {
		t.Errorf("readLine = %q, %v", line, err)
	}
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	if _, err := readLine(ctx, pr); err != context.DeadlineExceeded {
		t.Errorf("blocked read: err %v, want %v", err, context.DeadlineExceeded)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("returned after %v", d)
	}
}
