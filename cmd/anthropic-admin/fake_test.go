package main

import (
	"bytes"
	"context"
	"net/http"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// serveOutput is a goroutine-safe buffer for the output of runFakeServe.
type serveOutput struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *serveOutput) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *serveOutput) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

var (
	serveURL = regexp.MustCompile(`listening on (http://\S+)`)
	serveKey = regexp.MustCompile(`admin key:\s+(\S+)`)
	serveCKy = regexp.MustCompile(`compliance key:\s+(\S+)`)
	serveOrg = regexp.MustCompile(`organization:\s+(\S+)`)
)

// startFakeServe runs runFakeServe in the background and waits for its URL.
func startFakeServe(t *testing.T, args ...string) (url, adminKey, complianceKey, org string, stop func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr serveOutput
	done := make(chan int, 1)
	go func() {
		done <- runFakeServe(ctx, append([]string{"--addr", "127.0.0.1:0"}, args...), &stdout, &stderr)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(stdout.String(), "Stop with") {
		select {
		case code := <-done:
			cancel()
			t.Fatalf("fake serve exited with %d: %s%s", code, stdout.String(), stderr.String())
		default:
		}
		if time.Now().After(deadline) {
			cancel()
			t.Fatalf("fake serve printed no URL: %s", stdout.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	out := stdout.String()
	stop = func() int {
		cancel()
		select {
		case code := <-done:
			if !strings.Contains(stderr.String(), "stopped") {
				t.Errorf("stderr %q does not say it stopped", stderr.String())
			}
			return code
		case <-time.After(10 * time.Second):
			t.Fatal("fake serve did not return after its context was cancelled")
			return -1
		}
	}
	return serveURL.FindStringSubmatch(out)[1], serveKey.FindStringSubmatch(out)[1], serveCKy.FindStringSubmatch(out)[1], serveOrg.FindStringSubmatch(out)[1], stop
}

func TestFakeServeDemo(t *testing.T) {
	url, key, ckey, org, stop := startFakeServe(t, "--seed", "demo")
	ctx := context.Background()
	c, err := admin.NewClient(key, admin.WithBaseURL(url), admin.WithComplianceKey(ckey), admin.WithMaxRetries(0))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, err := range c.Users.All(ctx, nil) {
		if err != nil {
			t.Fatal(err)
		}
		n++
	}
	if n < 25 {
		t.Errorf("demo data has %d users, want at least 25", n)
	}
	cu, err := c.ComplianceUsers.List(ctx, org, nil)
	if err != nil || len(cu.Data) != n {
		t.Errorf("compliance users: %v, %v", cu, err)
	}
	// A wrong key is refused in the error envelope.
	bad, _ := admin.NewClient("sk-ant-admin01-wrong", admin.WithBaseURL(url), admin.WithMaxRetries(0))
	if _, err := bad.Organization.Get(ctx); err == nil || (!strings.Contains(err.Error(), "authentication_error") && !strings.Contains(err.Error(), "401")) {
		t.Errorf("wrong key: %v", err)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit status %d, want 0", code)
	}
	if resp, err := http.Get(url + "/v1/organizations/me"); err == nil {
		resp.Body.Close()
		t.Error("the server still answers after stopping")
	}
}

func TestFakeServeEmptyWithCustomKey(t *testing.T) {
	url, key, _, _, stop := startFakeServe(t, "--seed", "empty", "--admin-key", "sk-ant-admin01-fake-custom")
	defer stop()
	if key != "sk-ant-admin01-fake-custom" {
		t.Errorf("printed key %q", key)
	}
	c, _ := admin.NewClient(key, admin.WithBaseURL(url))
	l, err := c.Users.List(context.Background(), nil)
	if err != nil || len(l.Data) != 0 {
		t.Errorf("empty fake lists %v, %v", l, err)
	}
}

func TestFakeServeUsageErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
	}{
		{[]string{"--seed", "lots"}, 2},
		{[]string{"extra"}, 2},
		{[]string{"--bogus"}, 2},
		{[]string{"--admin-key", ""}, 2},
		{[]string{"--addr", "256.0.0.1:0"}, 1},
		{[]string{"--help"}, 0},
	} {
		var out, errOut serveOutput
		if code := runFakeServe(context.Background(), tc.args, &out, &errOut); code != tc.code {
			t.Errorf("fake serve %q: exit %d, want %d (stderr %q)", tc.args, code, tc.code, errOut.String())
		}
		if tc.code != 0 && out.String() != "" {
			t.Errorf("fake serve %q printed %q to stdout", tc.args, out.String())
		}
	}
}
