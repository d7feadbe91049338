package main

import (
	"context"
	"io"
	"strings"
	"testing"
)

// BenchmarkHelp measures what the tool does in process for --help: build
// the command tree and the cobra commands, parse, print. Start-up also
// pays the runtime's and the packages' initialisation, which this leaves
// out (see GODEBUG=inittrace=1).
func BenchmarkHelp(b *testing.B) {
	ctx := context.Background()
	getenv := func(string) string { return "" }
	for b.Loop() {
		if code := run(ctx, []string{"--help"}, getenv, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}
