package admin

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// maxRetryAfter is the longest Retry-After the client waits for; a longer
// one is returned to the caller as an *Error with RetryAfter set.
const maxRetryAfter = time.Minute

// op describes one API call for errors and logs. Its text is built only
// when needed, so a successful call costs no formatting.
type op struct {
	verb   string     // "get user"
	ids    [2]arg     // the path IDs, checked before anything is sent
	create bool       // retried only when the server provably did not process it
	creds  credential // the credentials the operation accepts
	beta   string     // the anthropic-beta header value it needs, or ""
}

// credential is a set of the kinds of credential a client can hold.
type credential uint8

const (
	// credAdminKey is the Admin API key: x-api-key under API version
	// 2023-06-01, Authorization: Bearer under 2026-10-21.
	credAdminKey credential = 1 << iota
	// credOAuth is an org:admin OAuth access token from the client's
	// TokenSource, as Authorization: Bearer.
	credOAuth
	// credComplianceKey is the Compliance Access Key, as
	// Authorization: Bearer (in x-api-key with WithComplianceKeyInXAPIKey).
	credComplianceKey
)

// credentialNames says what each credential is and how a client gets it,
// for the error of a call the client has no credential for.
var credentialNames = []struct {
	cred credential
	name string
}{
	{credComplianceKey, "a Compliance Access Key (WithComplianceKey)"},
	{credAdminKey, "an Admin API key (the key passed to NewClient)"},
	{credOAuth, "an org:admin OAuth access token (WithTokenSource)"},
}

// describe lists the credentials of set c in words.
func (c credential) describe() string {
	var names []string
	for _, n := range credentialNames {
		if c&n.cred != 0 {
			names = append(names, n.name)
		}
	}
	switch len(names) {
	case 0:
		return "no credential"
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
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
// of the caller's, and refuse to send a credential to any host but the
// base URL's.
func (c *config) setKeys(apiKey, complianceKey string) {
	// The header values are built once and shared by every request: the
	// transport only reads them.
	version, agent := []string{c.apiVersion}, []string{c.userAgent}
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
	header := func(name, value string) gen.RequestEditorFn {
		v := []string{value}
		return func(_ context.Context, req *http.Request) error {
			if err := common(req); err != nil {
				return err
			}
			req.Header[name] = v
			return nil
		}
	}
	c.editors = map[credential]gen.RequestEditorFn{}
	if apiKey != "" {
		if c.apiVersion == APIVersion20261021 {
			c.editors[credAdminKey] = header("Authorization", "Bearer "+apiKey)
		} else {
			c.editors[credAdminKey] = header("X-Api-Key", apiKey)
		}
	}
	if complianceKey != "" {
		if c.complianceXAPI {
			c.editors[credComplianceKey] = header("X-Api-Key", complianceKey)
		} else {
			c.editors[credComplianceKey] = header("Authorization", "Bearer "+complianceKey)
		}
	}
	if ts := c.tokenSource; ts != nil {
		c.editors[credOAuth] = func(ctx context.Context, req *http.Request) error {
			if err := common(req); err != nil {
				return err
			}
			tok, err := ts.Token()
			if err != nil {
				return fmt.Errorf("%w: %w", errCredential, err)
			}
			if tok == nil || tok.AccessToken == "" {
				return fmt.Errorf("%w: OAuth token source returned no access token", errCredential)
			}
			c.rememberToken(tok.AccessToken)
			req.Header["Authorization"] = []string{"Bearer " + tok.AccessToken}
			return nil
		}
	}
	c.scrub = newScrubber(apiKey, complianceKey)
	c.scrubWith = func(token string) scrubber { return newScrubber(apiKey, complianceKey, token) }
}

// rememberToken records the OAuth access token last sent, so that errors
// redact it like the keys.
func (c *config) rememberToken(token string) {
	if old := c.lastToken.Load(); old == nil || *old != token {
		c.lastToken.Store(&token)
	}
}

// scrubber returns what removes the client's secrets from error text: the
// keys, and the OAuth access token last sent.
func (c *config) scrubber() scrubber {
	if tok := c.lastToken.Load(); tok != nil {
		return c.scrubWith(*tok)
	}
	return c.scrub
}

// withBeta returns edit followed by setting the anthropic-beta header to
// beta, for an operation in beta (x-admin-beta in the spec).
func withBeta(edit gen.RequestEditorFn, beta string) gen.RequestEditorFn {
	v := []string{beta}
	return func(ctx context.Context, req *http.Request) error {
		if err := edit(ctx, req); err != nil {
			return err
		}
		req.Header["Anthropic-Beta"] = v
		return nil
	}
}

// errCredential marks a failure to obtain a credential, which is never
// retried.
var errCredential = errors.New("OAuth token source")

// editorFor returns the request editor of the credential the client sends
// for o: the first of o's accepted credentials that the client holds, the
// Compliance key first, then the Admin key, then an OAuth token.
func (c *config) editorFor(o op) (gen.RequestEditorFn, error) {
	for _, n := range credentialNames {
		if o.creds&n.cred != 0 {
			if edit := c.editors[n.cred]; edit != nil {
				return edit, nil
			}
		}
	}
	var have credential
	for cred := range c.editors {
		have |= cred
	}
	return nil, opError(o.String(), fmt.Errorf("%w: this operation needs %s; this client has %s", ErrMissingCredential, o.creds.describe(), have.describe()))
}

// call checks o's IDs, performs o through send, retrying as the package
// documentation says, and decodes a 2xx body into a new T.
func call[T any](ctx context.Context, c *config, o op, send sendFunc) (*T, error) {
	resp, err := perform(ctx, c, o, send)
	if err != nil {
		return nil, err
	}
	return decodeBody[T](o, resp, c.maxResponseBytes, c.scrubber)
}

// perform checks o's IDs and performs o through send, retrying as the
// package documentation says, until a 2xx response, which it returns with
// its body unread, or a final error.
func perform(ctx context.Context, c *config, o op, send sendFunc) (*http.Response, error) {
	if err := o.checkIDs(); err != nil {
		return nil, err
	}
	return c.perform(ctx, o, send)
}

// perform sends o through send with the credential the client holds for
// it, retrying as the package documentation says, and returns the first
// 2xx response, whose body the caller must close, or the final error.
func (c *config) perform(ctx context.Context, o op, send sendFunc) (*http.Response, error) {
	edit, err := c.editorFor(o)
	if err != nil {
		return nil, err
	}
	if o.beta != "" {
		edit = withBeta(edit, o.beta)
	}
	for attempt := 0; ; attempt++ {
		start := time.Now()
		resp, err := send(ctx, edit)
		if err != nil {
			if ctx.Err() != nil {
				return nil, opError(o.String(), ctx.Err())
			}
			if errors.Is(err, errCredential) {
				return nil, opError(o.String(), err) // a token source's failure is not retried
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
		if observe, ok := ctx.Value(observerKey{}).(func(*http.Response)); ok {
			observe(resp)
		}
		if resp.StatusCode >= 200 && resp.StatusCode < 300 {
			return resp, nil
		}
		apiErr := decodeError(o.String(), resp, time.Now(), c.scrubber())
		resp.Body.Close()
		if attempt >= c.maxRetries || !shouldRetry(o, resp, apiErr) || apiErr.RetryAfter > maxRetryAfter {
			return nil, apiErr
		}
		if err := c.wait(ctx, o, attempt, apiErr.RetryAfter, apiErr); err != nil {
			return nil, err
		}
	}
}

// observerKey is the context key of a function that sees every response
// of a call, retried attempts included, before it is decoded: the activity
// export learns the request IDs of its own calls from it.
type observerKey struct{}

// withObserver returns ctx carrying observe for call.
func withObserver(ctx context.Context, observe func(*http.Response)) context.Context {
	return context.WithValue(ctx, observerKey{}, observe)
}

// shouldRetry reports whether o may be sent again after the error response
// resp, decoded as e. The first rule that applies decides:
//
//  1. A redirect is never retried.
//  2. "x-should-retry: false" is final: the header can only make the
//     client more careful.
//  3. workspace_created_incomplete is final, whatever the header says: the
//     workspace exists, and sending the create again would make another.
//  4. A response that proves the request was refused unprocessed is
//     retried, creates included: a 429, or concurrent_membership_change.
//  5. A create is retried for nothing else: it may have been processed.
//  6. "x-should-retry: true" is retried.
//  7. change_outcome_unknown is retried, whatever its status: sending the
//     same update again finishes it.
//  8. Otherwise the status decides: 500, 502, 503, 504 and 529 are retried.
func shouldRetry(o op, resp *http.Response, e *Error) bool {
	if resp.StatusCode < 400 {
		return false
	}
	header := resp.Header.Get("x-should-retry")
	switch {
	case header == "false", e.Code == ErrorCodeWorkspaceCreatedIncomplete:
		return false
	case resp.StatusCode == http.StatusTooManyRequests, e.Code == ErrorCodeConcurrentMembershipChange:
		return true
	case o.create:
		return false
	case header == "true", e.Code == ErrorCodeChangeOutcomeUnknown:
		return true
	}
	return retryableStatus(resp.StatusCode)
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
