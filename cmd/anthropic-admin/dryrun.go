package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strings"
)

// --dry-run, a flag of every destructive leaf (one with confirm): the leaf
// runs as usual up to the network, where a transport that sends nothing
// (dryRunTransport) takes the first request, and the tool prints the
// confirmation question and that request: method, path and query, headers
// (credentials never shown) and body. The question is asked of no one and
// its lookups are not sent: it names the objects by their IDs.

// errDryRun is what the dry-run transport answers instead of sending.
var errDryRun = errors.New("not sent: --dry-run")

// dryRunKey is the context key of a *dryRun.
type dryRunKey struct{}

// dryRun is the state of a dry run in the context of the calls it stops.
type dryRun struct {
	// question marks the context of the confirmation question, whose
	// describers name objects by their IDs rather than fetch them.
	question bool
	// cancel ends the context at the first request, so that the client
	// returns at once rather than retry the transport's error.
	cancel context.CancelCauseFunc
	// req is the first request the action made, with its body.
	req  *http.Request
	body []byte
}

// withDryRun returns a context for a dry run and its state.
func withDryRun(ctx context.Context, question bool) (context.Context, *dryRun) {
	ctx, cancel := context.WithCancelCause(ctx)
	d := &dryRun{question: question, cancel: cancel}
	return context.WithValue(ctx, dryRunKey{}, d), d
}

// dryRunQuestion reports whether ctx is that of the question of a dry run.
func dryRunQuestion(ctx context.Context) bool {
	d, ok := ctx.Value(dryRunKey{}).(*dryRun)
	return ok && d.question
}

// dryRunTransport is the http.RoundTripper of the client of a dry run: it
// records the first request in the context's *dryRun, ends the context
// and sends nothing.
type dryRunTransport struct{}

// RoundTrip implements http.RoundTripper.
func (dryRunTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		defer req.Body.Close()
	}
	d, ok := req.Context().Value(dryRunKey{}).(*dryRun)
	if !ok {
		return nil, errDryRun
	}
	if d.req == nil {
		d.req = req
		if req.Body != nil {
			d.body, _ = io.ReadAll(req.Body)
		}
	}
	d.cancel(errDryRun)
	return nil, errDryRun
}

// dryRunExec is exec for --dry-run: it prints what the leaf c would ask and
// send for args, and sends nothing.
func (a *app) dryRunExec(ctx context.Context, c *command, args []string, runner runFunc) error {
	stop, err := a.connect(ctx, c)
	if err != nil {
		return err
	}
	defer stop()
	w := a.stdout
	fmt.Fprintf(w, "Dry run of %s: nothing is sent.\n", safeText(strings.Join(append([]string{progName, a.path}, args...), " ")))
	if c.confirm != nil {
		qctx, _ := withDryRun(ctx, true)
		text, err := c.confirm(qctx, a.c, args)
		if err != nil {
			text = "(the question needs a lookup, which a dry run does not send)"
		}
		fmt.Fprintf(w, "Question: %s [y/N] (asked on a terminal unless --yes is given)\n", safeText(text))
	}
	rctx, d := withDryRun(ctx, false)
	err = runner(rctx, a, args)
	if d.req == nil {
		if err != nil {
			return err // refused before any request, such as a bad argument
		}
		fmt.Fprintln(w, "Request: none")
		return nil
	}
	if interrupted(ctx) {
		return ctx.Err()
	}
	req := d.req
	target := req.URL.EscapedPath()
	if req.URL.RawQuery != "" {
		target += "?" + req.URL.RawQuery
	}
	fmt.Fprintf(w, "Request: %s %s\n", req.Method, safeText(target))
	fmt.Fprintf(w, "Base URL: %s\n", safeText(req.URL.Scheme+"://"+req.URL.Host))
	names := make([]string, 0, len(req.Header))
	for k := range req.Header {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		v := strings.Join(req.Header[k], ", ")
		switch strings.ToLower(k) {
		case "x-api-key":
			v = "(the Admin API key, not shown)"
		case "authorization":
			v = "Bearer (" + a.bearerName(c) + ", not shown)"
		case "user-agent":
			continue
		}
		fmt.Fprintf(w, "  %s: %s\n", k, safeText(v))
	}
	if len(d.body) == 0 {
		fmt.Fprintln(w, "Body: none")
		return nil
	}
	var pretty bytes.Buffer
	if json.Indent(&pretty, d.body, "", "  ") != nil {
		pretty.Reset()
		pretty.Write(d.body)
	}
	fmt.Fprintln(w, "Body:")
	for line := range strings.SplitSeq(pretty.String(), "\n") {
		fmt.Fprintf(w, "  %s\n", safeText(line))
	}
	return nil
}

// bearerName names the credential a leaf sends as a Bearer token.
func (a *app) bearerName(c *command) string {
	switch {
	case c.oauth:
		return "the org:admin OAuth access token"
	case c.compliance:
		return "the Compliance Access Key"
	}
	return "the Admin API key"
}
