package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// maxRetryAfter is the longest Retry-After the client waits for; a longer
// one is returned to the caller as an *Error with RetryAfter set.
const maxRetryAfter = time.Minute

// op describes one API call for errors and logs. Its text is built only
// when needed, so a successful call costs no formatting.
type op struct {
	verb       string // "get user"
	ids        [2]arg // the path IDs, checked before anything is sent
	create     bool   // retried only when the server provably did not process it
	compliance bool   // authenticated with the Compliance key
}

// arg is a named path ID of an operation.
type arg struct{ name, value string }

// String returns the operation as it appears in errors: "get user user_x".
func (o op) String() string {
	s := o.verb
	for _, id := range o.ids {
		if id.value != "" {
			s += " " + id.value
		}
	}
	return s
}

// checkIDs fails for an empty ID or one that is a dot segment ("." or
// ".."), which a URL resolver would collapse into another route. Every
// other ID is path-escaped by the generated client, so "../workspaces"
// stays one path segment.
func (o op) checkIDs() error {
	for _, id := range o.ids {
		switch {
		case id.name == "":
		case id.value == "":
			return opError(o.String(), invalidInput("%s is empty", id.name))
		case id.value == "." || id.value == "..":
			return opError(o.String(), invalidInput("%s %q is not a valid ID", id.name, id.value))
		}
	}
	return nil
}

// sendFunc performs one attempt of a call through the generated client.
type sendFunc func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error)

// setKeys builds the request editors that set the headers of every
// request: authentication, version and user agent. They set them on the
// request the generated client built for one attempt, never on anything
// of the caller's, and refuse to send a key to any host but the base
// URL's.
func (c *config) setKeys(apiKey, complianceKey string) {
	// The header values are built once and shared by every request: the
	// transport only reads them.
	version, agent := []string{APIVersion}, []string{c.userAgent}
	accept := []string{"application/json"}
	host := c.host
	common := func(req *http.Request) error {
		if req.URL.Host != host {
			return fmt.Errorf("refusing to send credentials to %q: not the base URL's host", req.URL.Host)
		}
		h := req.Header
		h["Anthropic-Version"] = version
		h["User-Agent"] = agent
		h["Accept"] = accept
		return nil
	}
	if apiKey != "" {
		adminValue := []string{apiKey}
		c.adminEditor = func(_ context.Context, req *http.Request) error {
			if err := common(req); err != nil {
				return err
			}
			req.Header["X-Api-Key"] = adminValue
			return nil
		}
	}
	if complianceKey != "" {
		bearer := []string{"Bearer " + complianceKey}
		c.complianceEditor = func(_ context.Context, req *http.Request) error {
			if err := common(req); err != nil {
				return err
			}
			req.Header["Authorization"] = bearer
			return nil
		}
	}
	c.scrub = newScrubber(apiKey, complianceKey)
}

// call checks o's IDs, performs o through send, retrying as the package
// documentation says, and decodes a 2xx body into a new T.
func call[T any](ctx context.Context, c *config, o op, send sendFunc) (*T, error) {
	if err := o.checkIDs(); err != nil {
		return nil, err
	}
	edit, missing := c.adminEditor, "no Admin API key (this client has only a Compliance key)"
	if o.compliance {
		edit, missing = c.complianceEditor, "no Compliance API key (use WithComplianceKey)"
	}
	if edit == nil {
		return nil, opError(o.String(), invalidInput("%s", missing))
	}
	for attempt := 0; ; attempt++ {
		start := time.Now()
		resp, err := send(ctx, edit)
		if err != nil {
			if ctx.Err() != nil {
				return nil, opError(o.String(), ctx.Err())
			}
			c.log(ctx, o, attempt, start, nil, err)
			if attempt >= c.maxRetries || (o.create && !neverConnected(err)) {
				return nil, opError(o.String(), err)
			}
			if err := c.wait(ctx, o, attempt, 0, err); err != nil {
				return nil, err
			}
			continue
		}
		c.log(ctx, o, attempt, start, resp, nil)
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return decodeBody[T](o, resp, c.maxResponseBytes, c.scrub)
		}
		apiErr := decodeError(o.String(), resp, time.Now(), c.scrub)
		resp.Body.Close()
		if attempt >= c.maxRetries || !shouldRetry(o, resp, apiErr) || apiErr.RetryAfter > maxRetryAfter {
			return nil, apiErr
		}
		if err := c.wait(ctx, o, attempt, apiErr.RetryAfter, apiErr); err != nil {
			return nil, err
		}
	}
}

// shouldRetry reports whether o may be sent again after the error response
// resp, decoded as e. A redirect is never retried. A create is re-sent only
// after a response that proves the server did not process it: a 429, or a
// 409 whose code says the conflict was a concurrent change. Otherwise the
// server's x-should-retry header, when present, decides; without it the
// status and the code do.
func shouldRetry(o op, resp *http.Response, e *Error) bool {
	if resp.StatusCode < 400 {
		return false
	}
	refused := resp.StatusCode == http.StatusTooManyRequests ||
		(resp.StatusCode == http.StatusConflict && e.Code == ErrorCodeConcurrentMembershipChange)
	if o.create {
		return refused
	}
	switch resp.Header.Get("x-should-retry") {
	case "true":
		return true
	case "false":
		return false
	}
	return refused || retryableStatus(resp.StatusCode)
}

// retryableStatus reports whether a response with this status may be
// retried: rate limiting, server errors, gateway errors and overload.
func retryableStatus(code int) bool {
	switch code {
	case http.StatusTooManyRequests, http.StatusInternalServerError, http.StatusBadGateway,
		http.StatusServiceUnavailable, http.StatusGatewayTimeout, 529:
		return true
	}
	return false
}

// neverConnected reports whether err shows that no connection was made,
// so the server cannot have seen the request.
func neverConnected(err error) bool {
	var opErr *net.OpError
	if errors.As(err, &opErr) && opErr.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// wait sleeps before retry attempt+1: for the server's Retry-After when it
// gave one, otherwise for an exponential backoff with full jitter. It
// returns early, with the operation's error, when ctx is done.
func (c *config) wait(ctx context.Context, o op, attempt int, after time.Duration, cause error) error {
	d := after
	if d <= 0 {
		ceiling := c.backoffBase << min(attempt, 30)
		if ceiling <= 0 || ceiling > c.backoffMax {
			ceiling = c.backoffMax
		}
		d = rand.N(ceiling + 1)
	}
	if c.logger != nil {
		c.logger.LogAttrs(ctx, slog.LevelInfo, "admin: retrying",
			slog.String("op", o.String()), slog.Int("attempt", attempt+1),
			slog.Duration("wait", d), slog.String("cause", cause.Error()))
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		// Both the cause and the context's error match with errors.Is.
		return opError(o.String(), fmt.Errorf("waiting to retry after %w: %w", cause, ctx.Err()))
	case <-t.C:
		return nil
	}
}

// log writes one debug record per attempt. It never logs headers, so never
// a key.
func (c *config) log(ctx context.Context, o op, attempt int, start time.Time, resp *http.Response, err error) {
	if c.logger == nil || !c.logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	attrs := []slog.Attr{
		slog.String("op", o.String()),
		slog.Int("attempt", attempt),
		slog.Duration("elapsed", time.Since(start)),
	}
	if resp != nil {
		attrs = append(attrs,
			slog.String("method", resp.Request.Method),
			slog.String("path", resp.Request.URL.EscapedPath()),
			slog.Int("status", resp.StatusCode),
			slog.String("request_id", resp.Header.Get("request-id")))
	}
	if err != nil {
		attrs = append(attrs, slog.String("error", err.Error()))
	}
	c.logger.LogAttrs(ctx, slog.LevelDebug, "admin: request", attrs...)
}
