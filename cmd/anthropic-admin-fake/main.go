// Command anthropic-admin-fake serves the in-memory fake of the Anthropic
// Admin API (package admintest). It is the helper of anthropic-admin: that
// tool runs it for "anthropic-admin fake serve" and "anthropic-admin
// --fake", so that its other commands do not link, nor initialise at every
// start, the fake, its OpenAPI validation and the embedded spec. Install
// both:
//
//	go install github.com/anthropic-admin/anthropic-admin-go/cmd/anthropic-admin@latest
//	go install github.com/anthropic-admin/anthropic-admin-go/cmd/anthropic-admin-fake@latest
//
// Usage:
//
//	anthropic-admin-fake serve [flags]   same as anthropic-admin fake serve
//	anthropic-admin-fake session         the fake of one anthropic-admin --fake run
//
// A session prints one JSON line (the URL and the fake's keys and token)
// and serves until its stdin ends.
package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"

	"github.com/anthropic-admin/anthropic-admin-go/cmd/internal/fakeapi"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := 2
	switch {
	case len(os.Args) > 1 && os.Args[1] == "serve":
		code = fakeapi.Serve(ctx, os.Args[2:], os.Stdout, os.Stderr)
	case len(os.Args) == 2 && os.Args[1] == "session":
		signal.Ignore(os.Interrupt) // the tool's Ctrl-C ends the session through stdin
		code = fakeapi.Session(os.Stdin, os.Stdout, os.Getenv)
	default:
		fmt.Fprintln(os.Stderr, "usage: anthropic-admin-fake serve [flags] | anthropic-admin-fake session")
	}
	stop()
	os.Exit(code)
}
