package main

import (
	"runtime"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestVersion checks the version command and the --version flag, before a
// command and after one, and that the command takes no arguments.
func TestVersion(t *testing.T) {
	s := newFake(t)
	for _, args := range [][]string{{"version"}, {"--version"}, {"users", "list", "--version"}} {
		r := runCLI(t, s, invocation{args: args})
		if r.code != 0 {
			t.Fatalf("%v: exit %d: %s", args, r.code, r.stderr)
		}
		for _, want := range []string{progName + " " + admin.Version + "\n", "module:", "commit:", "go:           " + runtime.Version(), admin.DefaultAPIVersion + " (default), " + admin.APIVersion20261021} {
			if !strings.Contains(r.stdout, want) {
				t.Errorf("%v: output lacks %q:\n%s", args, want, r.stdout)
			}
		}
	}
	if n := s.Calls(admin.OpListUsers); n != 0 {
		t.Errorf("users list --version called the API %d times", n)
	}
	if r := runCLI(t, s, invocation{args: []string{"version", "extra"}}); r.code != 2 {
		t.Errorf("version extra: exit %d", r.code)
	}
}
