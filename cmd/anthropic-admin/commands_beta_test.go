package main

import (
	"strings"
	"testing"
)

// TestBetaCommandsSayBeta checks that every command of an operation in
// beta says so in its summary, which the command lists show.
func TestBetaCommandsSayBeta(t *testing.T) {
	n := 0
	commands().leaves(nil, func(path []string, c *command) {
		if c.op == "" || c.op.Beta() == "" {
			return
		}
		n++
		if !strings.HasSuffix(c.summary, "(beta).") {
			t.Errorf("%s: summary %q does not end with (beta).", strings.Join(path, " "), c.summary)
		}
	})
	if n == 0 {
		t.Error("no command of a beta operation; users sign-out should be one")
	}
}
