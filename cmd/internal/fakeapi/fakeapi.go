// Package fakeapi runs the fake Admin API of package admintest for the
// command line tool: "fake serve" (Serve), and the fake behind --fake
// (Start in process, or Session in the helper binary
// anthropic-admin-fake). It is the only part of the tool that links the
// fake, and with it kin-openapi, the JSON-schema validator and the
// embedded spec, whose package initialisation costs every run of a binary
// that links them: the anthropic-admin binary does not, and runs the
// helper for --fake and fake serve (see cmd/anthropic-admin/fakemode.go).
package fakeapi

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// Environment variables that tune the fake of --fake.
const (
	// EnvNow sets the fake's frozen clock (RFC 3339), or "system" for
	// the system clock; the default is Now.
	EnvNow = "ANTHROPIC_ADMIN_FAKE_NOW"
	// EnvSeed sets the seed of the fake's IDs and demo data (default 1).
	EnvSeed = "ANTHROPIC_ADMIN_FAKE_SEED"
)

// Now is the instant the fake's clock is frozen at by default, so that
// --fake prints the same thing on every run and every day.
var Now = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// An OptionError is a bad value of EnvNow or EnvSeed.
type OptionError struct{ Msg string }

// Error implements error.
func (e *OptionError) Error() string { return e.Msg }

// API is a running fake of the API for --fake.
type API struct {
	// URL is the fake's base URL; the keys are those it accepts.
	URL, AdminKey, ComplianceKey string
	// Tokens issues the fake's org:admin OAuth access tokens.
	Tokens oauth2.TokenSource
	// Now is the fake's clock, which the reports' default ranges follow.
	Now func() time.Time
	// Close stops the fake.
	Close func()
}

// Start starts the fake of --fake in process: an admintest server on
// loopback seeded with the demo data, with its own keys and OAuth tokens,
// tuned by EnvNow and EnvSeed as getenv reads them.
func Start(getenv func(string) string) (*API, error) {
	opts, err := Options(getenv)
	if err != nil {
		return nil, err
	}
	s := admintest.NewServer(opts...)
	return &API{URL: s.URL, AdminKey: s.AdminKey(), ComplianceKey: s.ComplianceKey(), Tokens: s.TokenSource(), Now: s.Now, Close: s.Close}, nil
}

// Options returns the options of the fake of --fake from the environment;
// a bad value is an *OptionError.
func Options(getenv func(string) string) ([]admintest.Option, error) {
	opts := []admintest.Option{admintest.WithDemoData()}
	if v := getenv(EnvSeed); v != "" {
		seed, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, &OptionError{fmt.Sprintf("%s: %q is not an integer", EnvSeed, v)}
		}
		opts = append(opts, admintest.WithSeed(seed))
	}
	switch v := getenv(EnvNow); v {
	case "system":
	case "":
		opts = append(opts, admintest.WithClock(func() time.Time { return Now }))
	default:
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return nil, &OptionError{fmt.Sprintf("%s: %q is not an RFC 3339 time", EnvNow, v)}
		}
		opts = append(opts, admintest.WithClock(func() time.Time { return t }))
	}
	return opts, nil
}

// SessionInfo is the one JSON line Session prints: where the fake is and
// its credentials, or why it could not start.
type SessionInfo struct {
	URL           string `json:"url,omitempty"`
	AdminKey      string `json:"admin_key,omitempty"`
	ComplianceKey string `json:"compliance_key,omitempty"`
	OAuthToken    string `json:"oauth_token,omitempty"`
	// Now is the fake's frozen clock (RFC 3339), unless it follows the
	// system clock (EnvNow=system).
	Now string `json:"now,omitempty"`
	// Error is set, and the rest empty, when the fake could not start
	// (a bad EnvNow or EnvSeed).
	Error string `json:"error,omitempty"`
}

// sessionTokenLifetime is how long the OAuth token of a session stays
// valid on the fake's clock (frozen by default).
const sessionTokenLifetime = 24 * time.Hour

// Session serves the fake of --fake for one run of the tool: it starts it
// as Start does, prints a SessionInfo line to stdout (through a pipe, so
// the keys are on no command line) and serves until stdin reaches its
// end, which happens when the tool exits, however it exits. It returns
// the exit status: 0, or 2 when the environment is wrong.
func Session(stdin io.Reader, stdout io.Writer, getenv func(string) string) int {
	opts, err := Options(getenv)
	if err != nil {
		_ = json.NewEncoder(stdout).Encode(SessionInfo{Error: err.Error()})
		return 2
	}
	s := admintest.NewServer(opts...)
	defer s.Close()
	info := SessionInfo{URL: s.URL, AdminKey: s.AdminKey(), ComplianceKey: s.ComplianceKey(), OAuthToken: s.IssueOAuthToken(sessionTokenLifetime)}
	if getenv(EnvNow) != "system" {
		info.Now = s.Now().Format(time.RFC3339Nano)
	}
	if err := json.NewEncoder(stdout).Encode(info); err != nil {
		return 1
	}
	_, _ = io.Copy(io.Discard, stdin)
	return 0
}

// serveUsage is the help of "anthropic-admin fake serve".
const serveUsage = `Usage: anthropic-admin fake serve [flags]

Serves an in-memory fake of the Anthropic Admin API (package admintest) for
clients in any language, until interrupted (SIGINT or SIGTERM). Requests are
validated against the OpenAPI description; errors use the Anthropic error
envelope. The keys are fake and printed on start, with an org:admin OAuth
access token (valid for 24 hours) for the service account operations.

Flags:
`

// serveTokenLifetime is how long the OAuth token that fake serve
// prints stays valid.
const serveTokenLifetime = 24 * time.Hour

// Serve runs "anthropic-admin fake serve": it listens on --addr, prints
// the URL and the keys to stdout and serves the fake until ctx ends or the
// process gets SIGINT or SIGTERM. It returns the exit status: 0 after a
// clean stop, 1 when it cannot listen, 2 for usage errors.
func Serve(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fake serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, serveUsage)
		fs.PrintDefaults()
	}
	addr := fs.String("addr", "127.0.0.1:8080", "`address` to listen on (port 0 picks a free port)")
	adminKey := fs.String("admin-key", admintest.DefaultAdminKey, "Admin API `key` the fake accepts in x-api-key")
	complianceKey := fs.String("compliance-key", admintest.DefaultComplianceKey, "Compliance Access `key` the fake accepts as a Bearer token")
	seed := fs.String("seed", "demo", "initial `data`: demo (a realistic organization) or empty")
	idSeed := fs.Int64("id-seed", 1, "`seed` of the IDs and the demo data")
	latency := fs.Duration("latency", 0, "`delay` added to every request")
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "fake serve: unexpected argument %q\n", fs.Arg(0))
		fs.Usage()
		return 2
	}
	opts := []admintest.Option{
		admintest.WithAdminKey(*adminKey),
		admintest.WithComplianceKey(*complianceKey),
		admintest.WithSeed(*idSeed),
		admintest.WithLatency(*latency),
	}
	switch *seed {
	case "demo":
		opts = append(opts, admintest.WithDemoData())
	case "empty":
	default:
		fmt.Fprintf(stderr, "fake serve: --seed must be demo or empty, not %q\n", *seed)
		return 2
	}
	if *adminKey == "" || *complianceKey == "" || *adminKey == *complianceKey {
		fmt.Fprintln(stderr, "fake serve: the admin and compliance keys must be non-empty and different")
		return 2
	}

	l, err := net.Listen("tcp", *addr)
	if err != nil {
		fmt.Fprintf(stderr, "fake serve: %v\n", err)
		return 1
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt, syscall.SIGTERM)
	defer stop()
	srv := admintest.NewServer(append(opts, admintest.WithListener(l))...)
	if host, _, err := net.SplitHostPort(l.Addr().String()); err == nil {
		if ip := net.ParseIP(host); ip == nil || !ip.IsLoopback() {
			fmt.Fprintf(stderr, "fake serve: warning: listening on %s, beyond this machine; the keys are fixed and printed\n", host)
		}
	}
	fmt.Fprintf(stdout, "Fake Anthropic Admin API listening on %s\n", srv.URL)
	fmt.Fprintf(stdout, "  admin key:       %s\n", srv.AdminKey())
	fmt.Fprintf(stdout, "  compliance key:  %s\n", srv.ComplianceKey())
	fmt.Fprintf(stdout, "  oauth token:     %s (org:admin, valid for %v)\n", srv.IssueOAuthToken(serveTokenLifetime), serveTokenLifetime)
	fmt.Fprintf(stdout, "  organization:    %s\n", srv.OrganizationID())
	fmt.Fprintf(stdout, "  data:            %s (seed %d)\n", *seed, *idSeed)
	fmt.Fprintf(stdout, "Try:\n  curl -s %s/v1/organizations/users -H 'x-api-key: %s' -H 'anthropic-version: %s'\n",
		srv.URL, srv.AdminKey(), admintest.APIVersion)
	fmt.Fprintln(stdout, "Stop with Ctrl+C.")

	<-ctx.Done()
	start := time.Now()
	srv.Close()
	fmt.Fprintf(stderr, "fake serve: stopped (%v)\n", time.Since(start).Round(time.Millisecond))
	return 0
}
