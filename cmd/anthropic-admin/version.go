package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"runtime"
	"runtime/debug"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// runVersion is the version command: it prints what printVersion prints.
func runVersion(_ context.Context, a *app, _ []string, _ *none) error {
	printVersion(a.stdout)
	return nil
}

// printVersion writes the tool's version (the library's), the module
// version and VCS commit the binary was built from when the build recorded
// them, the Go version, and the API versions the tool speaks, in one
// write.
func printVersion(out io.Writer) {
	w := new(bytes.Buffer)
	defer func() { out.Write(w.Bytes()) }()
	module, commit := "(unknown)", "(unknown)"
	if bi, ok := debug.ReadBuildInfo(); ok {
		module = bi.Main.Version
		var rev, modified string
		for _, s := range bi.Settings {
			switch s.Key {
			case "vcs.revision":
				rev = s.Value
			case "vcs.modified":
				modified = s.Value
			}
		}
		if rev != "" {
			commit = rev
			if modified == "true" {
				commit += " (modified)"
			}
		}
	}
	fmt.Fprintf(w, "%s %s\n", progName, admin.Version)
	fmt.Fprintf(w, "module:       %s\n", module)
	fmt.Fprintf(w, "commit:       %s\n", commit)
	fmt.Fprintf(w, "go:           %s\n", runtime.Version())
	fmt.Fprintf(w, "API versions: %s (default), %s\n", admin.DefaultAPIVersion, admin.APIVersion20261021)
}
