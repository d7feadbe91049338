package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// fakeServeUsage is the help of "anthropic-admin fake serve".
const fakeServeUsage = `Usage: anthropic-admin fake serve [flags]

Serves an in-memory fake of the Anthropic Admin API (package admintest) for
clients in any language, until interrupted (SIGINT or SIGTERM). Requests are
validated against the OpenAPI description; errors use the Anthropic error
envelope. The keys are fake and printed on start, with an org:admin OAuth
access token (valid for 24 hours) for the service account operations.

Flags:
`

// fakeServeTokenLifetime is how long the OAuth token that fake serve
// prints stays valid.
const fakeServeTokenLifetime = 24 * time.Hour

// runFakeServe runs "anthropic-admin fake serve": it listens on --addr,
// prints the URL and the keys to stdout and serves the fake until ctx ends
// or the process gets SIGINT or SIGTERM. It returns the exit status: 0
// after a clean stop, 1 when it cannot listen, 2 for usage errors.
func runFakeServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("fake serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprint(stderr, fakeServeUsage)
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
	fmt.Fprintf(stdout, "  oauth token:     %s (org:admin, valid for %v)\n", srv.IssueOAuthToken(fakeServeTokenLifetime), fakeServeTokenLifetime)
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
