package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// fakeServeDetails is the description of "anthropic-admin fake serve" in
// its help.
const fakeServeDetails = `Serves an in-memory fake of the Anthropic Admin API (package admintest) for
clients in any language, until interrupted (SIGINT or SIGTERM). Requests are
validated against the OpenAPI description; errors use the Anthropic error
envelope. The keys are fake and printed on start, with an org:admin OAuth
access token (valid for 24 hours) for the service account operations.`

// fakeServeCommand returns the fake serve leaf.
func fakeServeCommand() *command {
	return &command{name: "serve", summary: "Serve the fake API on a port for other clients.", details: fakeServeDetails,
		examples: []string{
			"anthropic-admin fake serve --addr 127.0.0.1:8080",
			"# an empty organization on a free port, each request delayed by 200ms",
			"anthropic-admin fake serve --addr 127.0.0.1:0 --seed empty --latency 200ms",
		},
		do: action{method: funcName(serveFake), local: true, setup: func(fs *flag.FlagSet, _ *command) runFunc {
			p := &fakeServeParams{seed: "demo"}
			fs.StringVar(&p.addr, "addr", "127.0.0.1:8080", "`address` to listen on (port 0 picks a free port)")
			fs.Var(&optString{&p.adminKey}, "admin-key", "Admin API `key` the fake accepts in x-api-key (default: the fake's own, printed on start)")
			fs.Var(&optString{&p.complianceKey}, "compliance-key", "Compliance Access `key` the fake accepts as a Bearer token (default: the fake's own, printed on start)")
			fs.Var(oneOf(&p.seed, "demo", "empty"), "seed", "initial `data`: demo (a realistic organization) or empty")
			fs.Int64Var(&p.idSeed, "id-seed", 1, "`seed` of the IDs and the demo data")
			fs.DurationVar(&p.latency, "latency", 0, "`delay` added to every request")
			return func(ctx context.Context, a *app, args []string) error { return serveFake(ctx, a, args, p) }
		}}}
}

// fakeServeParams are the flags of fake serve.
type fakeServeParams struct {
	addr, seed string
	// adminKey and complianceKey are nil unless given.
	adminKey, complianceKey *string
	idSeed                  int64
	latency                 time.Duration
}

// runFakeServe runs "anthropic-admin fake serve" with the flags args and
// returns the exit status (see serveFake).
func runFakeServe(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return run(ctx, append([]string{"fake", "serve"}, args...), func(string) string { return "" }, strings.NewReader(""), stdout, stderr)
}

// fakeServeTokenLifetime is how long the OAuth token that fake serve
// prints stays valid.
const fakeServeTokenLifetime = 24 * time.Hour

// serveFake runs "anthropic-admin fake serve": it listens on --addr,
// prints the URL and the keys to stdout and serves the fake until ctx ends
// or the process gets SIGINT or SIGTERM. The exit status is 0 after a
// clean stop, 1 when it cannot listen, 2 for usage errors.
func serveFake(ctx context.Context, a *app, _ []string, p *fakeServeParams) error {
	stdout, stderr := a.stdout, a.stderr
	adminKey, complianceKey := admintest.DefaultAdminKey, admintest.DefaultComplianceKey
	if p.adminKey != nil {
		adminKey = *p.adminKey
	}
	if p.complianceKey != nil {
		complianceKey = *p.complianceKey
	}
	opts := []admintest.Option{
		admintest.WithAdminKey(adminKey),
		admintest.WithComplianceKey(complianceKey),
		admintest.WithSeed(p.idSeed),
		admintest.WithLatency(p.latency),
	}
	if p.seed == "demo" {
		opts = append(opts, admintest.WithDemoData())
	}
	if adminKey == "" || complianceKey == "" || adminKey == complianceKey {
		return usageErrorf("the admin and compliance keys must be non-empty and different")
	}

	l, err := net.Listen("tcp", p.addr)
	if err != nil {
		return err
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
	fmt.Fprintf(stdout, "  data:            %s (seed %d)\n", p.seed, p.idSeed)
	fmt.Fprintf(stdout, "Try:\n  curl -s %s/v1/organizations/users -H 'x-api-key: %s' -H 'anthropic-version: %s'\n",
		srv.URL, srv.AdminKey(), admintest.APIVersion)
	fmt.Fprintln(stdout, "Stop with Ctrl+C.")

	<-ctx.Done()
	start := time.Now()
	srv.Close()
	fmt.Fprintf(stderr, "fake serve: stopped (%v)\n", time.Since(start).Round(time.Millisecond))
	return nil
}
