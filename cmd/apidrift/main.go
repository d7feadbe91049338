// Command apidrift tells a reviewer what a change does to the API's users.
//
// It compares the working tree of this repository with a base git ref and
// prints one Markdown review note with five steps:
//
//  1. breaking changes of spec/admin-api.yaml (oasdiff; errors fail, new
//     response enum values are reported),
//  2. the changelog of the spec (oasdiff),
//  3. whether gen/ and the Go API listing wrapper/api.txt are what the spec
//     and the code produce (make check-generated; the listing),
//  4. the Go API: the listing of every exported identifier of the packages
//     users import, diffed against the base's (removed or changed
//     identifiers fail),
//  5. whether the module builds (go build ./..., go vet ./...), with the
//     spec change that explains each compile error it recognizes.
//
// The `API-Break:` trailers of the commits BASE..HEAD accept breaking
// changes (steps 1 and 4), never a failure of steps 3 or 5. A trailer
// accepts the breaks up to its commit only: the steps judge the changes
// after the newest commit before HEAD that has one.
//
// It exits 0 when the gate passes, 1 when it fails (the change breaks users
// or the module), and 2 when the gate cannot run (a bad flag, an unknown
// base). The note is printed on standard output in the first two cases.
//
// Usage, from the root of the repository (normally through `make drift`,
// `make drift-ci` and `make api`):
//
//	apidrift -base origin/main
//	apidrift -base-file .ci/drift-base
//	apidrift -write-api
//
// oasdiff is pinned and run with `go run pkg@version`; apidrift imports
// nothing but the standard library.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
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
	pkgs := strings.Join(cfg.APIPkgs, ",")
	writeAPI := false
	fs.StringVar(&cfg.Dir, "C", cfg.Dir, "root of the git repository to review")
	fs.StringVar(&cfg.Base, "base", cfg.Base, "git ref to compare the working tree with")
	fs.StringVar(&cfg.BaseFile, "base-file", "", "read the base from this `file` (first non-comment line; must be an ancestor of HEAD) instead of -base")
	fs.StringVar(&cfg.Spec, "spec", cfg.Spec, "path of the OpenAPI spec, relative to the root")
	fs.StringVar(&cfg.APIFile, "api-file", cfg.APIFile, "path of the Go API listing, relative to the root")
	fs.StringVar(&pkgs, "api-pkgs", pkgs, "comma-separated directories of the listed Go packages, relative to the root")
	fs.StringVar(&cfg.Go, "go", cfg.Go, "go command")
	fs.StringVar(&cfg.Make, "make", cfg.Make, "make command (runs the check-generated target)")
	fs.StringVar(&cfg.Oasdiff, "oasdiff", "", "oasdiff `executable` to run instead of `go run "+OasdiffPkg+"`")
	fs.BoolVar(&cfg.TrimPath, "trimpath", false, "build the working tree with -trimpath, to share the build cache with copies of the code in other directories (e.g. CI clones)")
	fs.StringVar(&cfg.AcceptBreaking, "accept-breaking", "", "`reason` why the uncommitted change breaks users on purpose (committed changes say it in an API-Break: trailer)")
	fs.BoolVar(&writeAPI, "write-api", false, "write the Go API listing of the working tree to -api-file and exit")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "usage: apidrift [flags]\n\nPrints a Markdown review note of the API drift between the base and the working tree;\nexits 1 when the change breaks users or the module, 2 when the gate cannot run.\n\n")
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
	cfg.APIPkgs = nil
	for _, p := range strings.Split(pkgs, ",") {
		if p = strings.TrimSpace(p); p != "" {
			cfg.APIPkgs = append(cfg.APIPkgs, p)
		}
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if writeAPI {
		if err := WriteAPI(ctx, cfg); err != nil {
			fmt.Fprintf(stderr, "apidrift: %v\n", err)
			return 2
		}
		return 0
	}
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

// WriteAPI writes the Go API listing of the working tree to cfg.APIFile.
func WriteAPI(ctx context.Context, cfg Config) error {
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return err
	}
	r := &runner{cfg: cfg}
	text, err := r.apiListing(ctx, dir)
	if err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(dir, filepath.FromSlash(cfg.APIFile)), []byte(text), 0o644)
}

// apiListing is the content of the listing file for the code in dir.
func (r *runner) apiListing(ctx context.Context, dir string) (string, error) {
	lines, broken, err := r.listAPI(ctx, dir, r.cfg.APIPkgs)
	if err != nil {
		return "", err
	}
	if len(broken) > 0 {
		var msgs []string
		for _, p := range slices.Sorted(maps.Keys(broken)) {
			msgs = append(msgs, fmt.Sprintf("%s: %s", p, broken[p]))
		}
		return "", fmt.Errorf("cannot list the Go API: packages do not build:\n%s", strings.Join(msgs, "\n"))
	}
	return apiHeader + strings.Join(lines, "\n") + "\n", nil
}
