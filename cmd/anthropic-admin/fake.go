package main

import (
	"context"
	"flag"
	"strconv"
	"time"
)

// fakeServeDetails is the description of "anthropic-admin fake serve" in
// its help.
const fakeServeDetails = `Serves an in-memory fake of the Anthropic Admin API (package admintest) for
clients in any language, until interrupted (SIGINT or SIGTERM). Requests are
validated against the OpenAPI description; errors use the Anthropic error
envelope. The keys are fake and printed on start, with an org:admin OAuth
access token (valid for 24 hours) for the service account operations.
The fake runs in the helper binary anthropic-admin-fake (see --fake).`

// fakeServeCommand returns the fake serve leaf. Its flags are parsed here,
// like every other command's, and handed to the helper (runFakeServe).
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

// serveFake runs "anthropic-admin fake serve": the helper (runFakeServe)
// listens on --addr, prints the URL and the keys to stdout and serves the
// fake until interrupted. The exit status is the helper's: 0 after a
// clean stop, 1 when it cannot listen, 2 for usage errors.
func serveFake(ctx context.Context, a *app, _ []string, p *fakeServeParams) error {
	if p.adminKey != nil && p.complianceKey != nil && (*p.adminKey == "" || *p.adminKey == *p.complianceKey) {
		return usageErrorf("the admin and compliance keys must be non-empty and different")
	}
	args := []string{"--addr", p.addr, "--seed", p.seed, "--id-seed", strconv.FormatInt(p.idSeed, 10), "--latency", p.latency.String()}
	if p.adminKey != nil {
		args = append(args, "--admin-key", *p.adminKey)
	}
	if p.complianceKey != nil {
		args = append(args, "--compliance-key", *p.complianceKey)
	}
	if code := runFakeServe(ctx, args, a.stdout, a.stderr); code != 0 {
		return &exitError{code, ""}
	}
	return nil
}
