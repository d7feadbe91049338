// Command apidrift tells a reviewer what a change of the API description does.
//
// It compares the working tree of this repository with a base git ref and
// prints one Markdown review note with four sections:
//
//  1. breaking changes of spec/admin-api.yaml (oasdiff breaking --fail-on ERR),
//  2. the changelog of the spec in Markdown (oasdiff changelog),
//  3. whether gen/ is stale (make check-generated),
//  4. incompatible changes of the public Go package wrapper/admin
//     (apidiff -incompatible against export data built in a temporary git
//     worktree of the base).
//
// It exits 0 when every step passes, 1 when one fails (the change breaks
// users, or gen/ is stale), and 2 when the gate itself cannot run (a bad
// flag, an unknown base ref). The note is printed on standard output in
// both of the first two cases.
//
// Usage, from the root of the repository (normally through `make drift`):
//
//	go run ./cmd/apidrift -base origin/main
//
// The tools are pinned and run with `go run pkg@version`; apidrift imports
// nothing from this module.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	os.Exit(mainErr(os.Args[1:], os.Stdout, os.Stderr))
}

// mainErr parses args, runs the gate and returns the process exit code.
func mainErr(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("apidrift", flag.ContinueOnError)
	fs.SetOutput(stderr)
	cfg := defaultConfig()
	fs.StringVar(&cfg.Dir, "C", cfg.Dir, "root of the git repository to review")
	fs.StringVar(&cfg.Base, "base", cfg.Base, "git ref to compare the working tree with")
	fs.StringVar(&cfg.Spec, "spec", cfg.Spec, "path of the OpenAPI spec, relative to the root")
	fs.StringVar(&cfg.Pkg, "pkg", cfg.Pkg, "directory of the public Go package, relative to the root")
	fs.StringVar(&cfg.Go, "go", cfg.Go, "go command")
	fs.StringVar(&cfg.Make, "make", cfg.Make, "make command (runs the check-generated target)")
	fs.StringVar(&cfg.AcceptBreaking, "accept-breaking", "", "`reason` why the change breaks users on purpose: breaking-change failures are reported as accepted and do not fail the gate")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: apidrift [flags]\n\nPrints a Markdown review note of the API drift between -base and the working tree;\nexits 1 when the change breaks users, 2 when the gate cannot run.\n\n")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		return 2
	}
	if fs.NArg() != 0 {
		fmt.Fprintf(stderr, "apidrift: unexpected arguments %q\n", fs.Args())
		fs.Usage()
		return 2
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	note, err := Run(ctx, cfg)
	if err != nil {
		fmt.Fprintf(stderr, "apidrift: %v\n", err)
		return 2
	}
	if _, err := io.WriteString(stdout, note.Markdown()); err != nil {
		fmt.Fprintf(stderr, "apidrift: %v\n", err)
		return 2
	}
	if !note.Pass() {
		return 1
	}
	return 0
}
