package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// terminal is implemented by readers and writers that know whether they are
// a terminal; tests use it to play one.
type terminal interface {
	IsTerminal() bool
}

// isTerminal reports whether v is a terminal: a value implementing
// terminal says so itself, an *os.File is one when the terminal driver
// answers for its descriptor (so /dev/null is not), anything else is not.
func isTerminal(v any) bool {
	switch f := v.(type) {
	case terminal:
		return f.IsTerminal()
	case *os.File:
		return term.IsTerminal(int(f.Fd()))
	}
	return false
}

// confirm asks the question q on stderr and reads the answer from stdin.
// The question names objects by what the server says (a user's own name,
// say), so it goes through safeText: it cannot rewrite itself on the
// terminal.
// Without --yes it needs stdin to be a terminal, and refuses with exit
// status 2 otherwise; an answer other than y or yes aborts with status 1.
// Interrupted (ctx done) while waiting for the answer, it returns ctx.Err()
// at once: the command then sends nothing and exits with status 130.
func (a *app) confirm(ctx context.Context, q question, args []string) error {
	if a.g.yes {
		return nil
	}
	if !isTerminal(a.stdin) {
		return &exitError{2, "refusing to run without confirmation: stdin is not a terminal (pass --yes)"}
	}
	text, err := q(ctx, a.c, args)
	if err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "%s [y/N] ", safeText(text))
	line, err := readLine(ctx, a.stdin)
	if ctx.Err() != nil {
		fmt.Fprintln(a.stderr) // end the prompt's line before "interrupted"
		return ctx.Err()
	}
	if err != nil && err != io.EOF {
		return err
	}
	if !strings.HasSuffix(line, "\n") {
		fmt.Fprintln(a.stderr) // end the prompt's line after end of input
	}
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return nil
	}
	return &exitError{1, "aborted"}
}

// readLine reads a line from r (with its newline, if any), or returns
// ctx.Err() as soon as ctx is done, for Ctrl-C must not wait for Enter. The
// read runs in a goroutine: reads cannot be cancelled, so on cancellation
// it stays blocked until r yields and its line is dropped, which is
// harmless as the process is about to exit.
func readLine(ctx context.Context, r io.Reader) (string, error) {
	if err := ctx.Err(); err != nil {
		return "", err
	}
	type answer struct {
		line string
		err  error
	}
	ch := make(chan answer, 1) // buffered: the reader never blocks on it
	go func() {
		line, err := bufio.NewReader(r).ReadString('\n')
		ch <- answer{line, err}
	}()
	select {
	case <-ctx.Done():
		return "", ctx.Err()
	case a := <-ch:
		return a.line, a.err
	}
}

// progress is the progress line of a long pull on stderr. A nil *progress
// draws nothing.
type progress struct {
	w     io.Writer
	label string
	drawn bool
}

// newProgress returns the progress line of the command being run, or nil
// unless show is set and stderr is a terminal.
func (a *app) newProgress(show bool) *progress {
	if !show || !isTerminal(a.stderr) {
		return nil
	}
	return &progress{w: a.stderr, label: a.path}
}

// fetching draws the line while page is fetched, n items having been
// printed.
func (p *progress) fetching(page, n int) {
	if p == nil {
		return
	}
	fmt.Fprintf(p.w, "\r%s: fetching page %d (%d so far)...", p.label, page, n)
	p.drawn = true
}

// erase erases the line, if drawn, so that rows never land on it.
func (p *progress) erase() {
	if p == nil || !p.drawn {
		return
	}
	fmt.Fprint(p.w, "\r\x1b[K")
	p.drawn = false
}
