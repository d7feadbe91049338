package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
)

// terminal is implemented by readers and writers that know whether they are
// a terminal; tests use it to play one.
type terminal interface {
	IsTerminal() bool
}

// isTerminal reports whether v is a terminal: a value implementing
// terminal says so itself, an *os.File is one when it is a character
// device, anything else is not.
func isTerminal(v any) bool {
	switch f := v.(type) {
	case terminal:
		return f.IsTerminal()
	case *os.File:
		st, err := f.Stat()
		return err == nil && st.Mode()&os.ModeCharDevice != 0
	}
	return false
}

// confirm asks the question q on stderr and reads the answer from stdin.
// Without --yes it needs stdin to be a terminal, and refuses with exit
// status 2 otherwise; an answer other than y or yes aborts with status 1.
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
	fmt.Fprintf(a.stderr, "%s [y/N] ", text)
	line, err := bufio.NewReader(a.stdin).ReadString('\n')
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

// pages tracks the pages of the list being printed: before each request it
// flushes the rows of the previous page to stdout, and on a terminal it
// shows a progress line on stderr while the request runs.
type pages struct {
	mu    sync.Mutex
	s     sink
	w     io.Writer // stderr, or nil when no progress is shown
	label string
	// stop, when set, cancels the list's context before a second page is
	// requested: the list prints its first page only.
	stop  context.CancelCauseFunc
	page  int
	n     int
	drawn bool
}

// items records that n items have been printed.
func (p *pages) items(n int) {
	if p == nil {
		return
	}
	p.mu.Lock()
	p.n = n
	p.mu.Unlock()
}

// before runs before a request: flush, then draw the progress line. It
// returns errMorePages, after cancelling the list, instead of requesting a
// second page of a list that prints only its first: the admin client
// returns at once on a cancelled context, without retrying.
func (p *pages) before() error {
	if p == nil {
		return nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.page > 0 {
		_ = p.s.flush() // the previous page; a write error shows again at the end
	}
	p.page++
	if p.stop != nil && p.page > 1 {
		p.stop(errMorePages)
		return errMorePages
	}
	if p.w != nil {
		fmt.Fprintf(p.w, "\r%s: fetching page %d (%d so far)...", p.label, p.page, p.n)
		p.drawn = true
	}
	return nil
}

// after runs after a request: erase the progress line so that rows never
// land on it.
func (p *pages) after() {
	if p == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.drawn {
		fmt.Fprint(p.w, "\r\x1b[K")
		p.drawn = false
	}
}

// startPages starts tracking the pages of a list printed to s; progress
// shows when show is set and stderr is a terminal.
func (a *app) startPages(s sink, show bool, stop context.CancelCauseFunc) *pages {
	p := &pages{s: s, label: a.path, stop: stop}
	if show && isTerminal(a.stderr) {
		p.w = a.stderr
	}
	a.mu.Lock()
	a.pages = p
	a.mu.Unlock()
	return p
}

// stopPages stops tracking pages.
func (a *app) stopPages() {
	a.mu.Lock()
	p := a.pages
	a.pages = nil
	a.mu.Unlock()
	p.after()
}

// currentPages returns the pages being tracked, or nil.
func (a *app) currentPages() *pages {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.pages
}

// hookTransport calls the page hooks of its app around every request.
type hookTransport struct {
	base http.RoundTripper
	a    *app
}

// RoundTrip implements http.RoundTripper.
func (t *hookTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	p := t.a.currentPages()
	if err := p.before(); err != nil {
		return nil, err
	}
	defer p.after()
	return t.base.RoundTrip(r)
}
