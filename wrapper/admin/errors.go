package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Sentinel errors matched with [errors.Is] against an [*Error]. Each matches
// by HTTP status and by the error type of the Anthropic error envelope, so
// a 404 with an unexpected body still matches ErrNotFound.
var (
	// ErrInvalidRequest matches status 400 and invalid_request_error.
	ErrInvalidRequest = errors.New("admin: invalid request")
	// ErrAuthentication matches status 401 and authentication_error: the
	// key is missing, wrong or revoked.
	ErrAuthentication = errors.New("admin: authentication failed")
	// ErrPermission matches status 403 and permission_error.
	ErrPermission = errors.New("admin: permission denied")
	// ErrNotFound matches status 404 and not_found_error.
	ErrNotFound = errors.New("admin: not found")
	// ErrConflict matches status 409 and conflict_error.
	ErrConflict = errors.New("admin: conflict")
	// ErrRateLimited matches status 429 and rate_limit_error.
	ErrRateLimited = errors.New("admin: rate limited")
	// ErrServer matches every 5xx status and api_error and timeout_error.
	ErrServer = errors.New("admin: server error")
	// ErrOverloaded matches status 529 and overloaded_error. A 529 also
	// matches ErrServer.
	ErrOverloaded = errors.New("admin: overloaded")
)

// ErrInvalidInput is wrapped by the errors a method returns, before sending
// anything, for input it can tell is wrong, such as an empty ID.
var ErrInvalidInput = errors.New("admin: invalid input")

// ErrMissingCredential is wrapped by the error of a call, returned before
// anything is sent, when the client holds none of the credentials the
// operation accepts; the error names the credential it needs.
var ErrMissingCredential = errors.New("admin: missing credential")

// ErrUnexpectedResponse matches responses that break the API's contract, so
// that trusting them could report a change that never happened: a redirect
// (never followed, see the package documentation), a 2xx body that is not
// the object the operation returns (not a JSON object, another object
// type, an empty ID, a list without data), a 2xx body larger than the
// limit of [WithMaxResponseBytes], and a list whose server repeats a
// cursor. The first three are an [*Error] with the status, the request ID
// and the start of the body.
var ErrUnexpectedResponse = errors.New("admin: unexpected response")

// maxErrorBody is how much of an error body Error.Body keeps.
const maxErrorBody = 1024

// Error is the error returned for every response outside 2xx.
type Error struct {
	// Operation names the call that failed, such as "get user user_x".
	Operation string
	// StatusCode is the HTTP status code.
	StatusCode int
	// Type is the error type of the envelope, such as "not_found_error";
	// empty when the body was not an Anthropic error envelope.
	Type string
	// Message is the envelope's human-readable message, or the status text
	// when the body was not an envelope.
	Message string
	// RequestID is the request-id header (or the envelope's request_id):
	// quote it when contacting support.
	RequestID string
	// RetryAfter is the delay the server asked for in Retry-After (or
	// retry-after-ms); zero when it gave none.
	RetryAfter time.Duration
	// Code is the envelope's error.details.error_code, the machine-readable
	// cause to switch on, such as [ErrorCodeInviteAlreadyExists]; empty
	// when absent. The set is open: a code newer than this package is kept
	// as it is, and Code.Valid() reports whether the package knows it.
	// Treat an unknown code as the bare Type.
	Code ErrorCode
	// Details is the envelope's error.details object, error_code included,
	// as encoding/json decodes it into a map[string]any (strings, float64,
	// bool, nil, []any, map[string]any); nil when the error has none. Its
	// other fields depend on the code, such as workspace_id with
	// [ErrorCodeWorkspaceCreatedIncomplete] (see [Error.CreatedWorkspaceID]).
	Details map[string]any
	// WorkspaceID is the anthropic-workspace-id response header: the
	// workspace the request was attributed to, when the credential belongs
	// to one; usually empty on the Admin API.
	WorkspaceID string
	// Body is the start of the response body (at most 1 KiB, valid UTF-8),
	// for bodies that are not an envelope, such as a proxy's HTML page.
	// Every fragment of 8 or more characters of a key the client holds is
	// replaced by "[redacted]".
	Body string
}

// CreatedWorkspaceID returns the ID of the workspace that a create made
// although it failed with [ErrorCodeWorkspaceCreatedIncomplete]
// (error.details.workspace_id), or "" for any other error. The workspace
// exists but lacks some of what the request asked for: never send the
// create again (the client does not); get the workspace and finish it as
// the error's message says.
func (e *Error) CreatedWorkspaceID() string {
	if e.Code != ErrorCodeWorkspaceCreatedIncomplete {
		return ""
	}
	id, _ := e.Details["workspace_id"].(string)
	return id
}

// Error returns a one-line description:
// "admin: get user user_x: 404 not_found_error: User not found (request-id req_123)",
// with the code in parentheses after the type when there is one, and the
// ID of the workspace that exists after a workspace_created_incomplete.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("admin: ")
	if e.Operation != "" {
		b.WriteString(e.Operation)
		b.WriteString(": ")
	}
	b.WriteString(strconv.Itoa(e.StatusCode))
	if e.Type != "" {
		b.WriteString(" ")
		b.WriteString(e.Type)
	}
	if e.Code != "" {
		b.WriteString(" (")
		b.WriteString(string(e.Code))
		b.WriteString(")")
	}
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
	}
	if id := e.CreatedWorkspaceID(); id != "" {
		b.WriteString(" (workspace ")
		b.WriteString(id)
		b.WriteString(" was created: do not send the create again)")
	}
	if e.RequestID != "" {
		b.WriteString(" (request-id ")
		b.WriteString(e.RequestID)
		b.WriteString(")")
	}
	return b.String()
}

// Is reports whether target is the sentinel error for e's status code or
// error type.
func (e *Error) Is(target error) bool {
	switch target {
	case ErrUnexpectedResponse:
		// An *Error of a status below 400 is a redirect or a 2xx
		// response that broke the contract.
		return e.StatusCode < 400
	case ErrInvalidRequest:
		return e.StatusCode == http.StatusBadRequest || e.Type == "invalid_request_error"
	case ErrAuthentication:
		return e.StatusCode == http.StatusUnauthorized || e.Type == "authentication_error"
	case ErrPermission:
		return e.StatusCode == http.StatusForbidden || e.Type == "permission_error"
	case ErrNotFound:
		return e.StatusCode == http.StatusNotFound || e.Type == "not_found_error"
	case ErrConflict:
		return e.StatusCode == http.StatusConflict || e.Type == "conflict_error"
	case ErrRateLimited:
		return e.StatusCode == http.StatusTooManyRequests || e.Type == "rate_limit_error"
	case ErrServer:
		return e.StatusCode >= 500 || e.Type == "api_error" || e.Type == "timeout_error" || e.Type == "overloaded_error"
	case ErrOverloaded:
		return e.StatusCode == 529 || e.Type == "overloaded_error"
	}
	return false
}

// envelope is the Anthropic error body. Details stays raw, so that
// details of an unexpected shape lose only themselves, not the envelope.
type envelope struct {
	Type  string `json:"type"`
	Error *struct {
		Type    string          `json:"type"`
		Message string          `json:"message"`
		Details json.RawMessage `json:"details"`
	} `json:"error"`
	RequestID string `json:"request_id"`
}

// maxErrorRead is how much of an error body decodeError reads.
const maxErrorRead = 64 << 10

// decodeError builds an *Error from a response outside 2xx, whatever its
// body. It reads at most 64 KiB of the body and never fails. scrub removes
// the client's keys from every string taken from the response, in case a
// proxy echoes a request header.
func decodeError(op string, resp *http.Response, now time.Time, scrub scrubber) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxErrorRead))
	e := parseErrorBody(resp.StatusCode, body, scrub)
	e.Operation = op
	if id := resp.Header.Get("request-id"); id != "" {
		e.RequestID = scrub.clean(id)
	}
	e.WorkspaceID = scrub.clean(resp.Header.Get("anthropic-workspace-id"))
	e.RetryAfter = retryAfter(resp.Header, now)
	if resp.StatusCode >= 300 && resp.StatusCode < 400 {
		e.Message = "redirect (not followed) to " + scrub.clean(redactURL(resp.Header.Get("Location")))
	}
	return e
}

// parseErrorBody decodes an error body leniently: the envelope when it is
// one, otherwise the status text and the start of the body.
func parseErrorBody(status int, body []byte, scrub scrubber) *Error {
	e := &Error{StatusCode: status}
	var env envelope
	if json.Unmarshal(body, &env) == nil && env.Error != nil {
		e.Type = scrub.clean(env.Error.Type)
		e.Message = scrub.clean(env.Error.Message)
		var details map[string]any
		if json.Unmarshal(env.Error.Details, &details) == nil && details != nil {
			e.Details = scrub.cleanMap(details)
			code, _ := e.Details["error_code"].(string)
			e.Code = ErrorCode(code)
		}
		e.RequestID = scrub.clean(env.RequestID)
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	if e.Message == "" {
		e.Message = "HTTP status " + strconv.Itoa(status)
	}
	e.Body = scrub.excerpt(body, maxErrorBody)
	return e
}

// redactURL returns a Location header value with any userinfo password
// replaced by "xxxxx", as [url.URL.Redacted] does; a value that does not
// parse is returned as it is.
func redactURL(loc string) string {
	if u, err := url.Parse(loc); err == nil {
		return u.Redacted()
	}
	return loc
}

// minKeyFragment is the length of the shortest run of a key's characters
// that is redacted wherever it appears in an error.
const minKeyFragment = 8

// scrubber removes the client's keys from text that came from a server.
// The keys live only inside its function, so printing it shows none.
type scrubber struct {
	// fragment reports, for a string of minKeyFragment bytes, whether it
	// is part of a key; keyPrefix reports the length of the longest suffix
	// of s that is a prefix of a key.
	fragment  func(s string) bool
	keyPrefix func(s string) int
	short     []string // keys shorter than minKeyFragment, redacted whole
}

// newScrubber returns a scrubber of keys; empty keys are ignored.
func newScrubber(keys ...string) scrubber {
	grams := map[string]struct{}{}
	var long, short []string
	for _, k := range keys {
		switch {
		case k == "":
		case len(k) < minKeyFragment:
			short = append(short, k)
		default:
			long = append(long, k)
			for i := 0; i+minKeyFragment <= len(k); i++ {
				grams[k[i:i+minKeyFragment]] = struct{}{}
			}
		}
	}
	return scrubber{
		fragment: func(s string) bool { _, ok := grams[s]; return ok },
		keyPrefix: func(s string) int {
			best := 0
			for _, k := range append(long, short...) {
				for n := min(len(k), len(s)); n > best; n-- {
					if strings.HasSuffix(s, k[:n]) {
						best = n
						break
					}
				}
			}
			return best
		},
		short: short,
	}
}

// clean returns s with every run of minKeyFragment or more characters of
// a key (and every whole shorter key) replaced by "[redacted]".
func (sc scrubber) clean(s string) string {
	if sc.fragment == nil || s == "" {
		return s
	}
	for _, k := range sc.short {
		s = strings.ReplaceAll(s, k, "[redacted]")
	}
	if len(s) < minKeyFragment {
		return s
	}
	// Runs of overlapping or touching fragments become one "[redacted]".
	var b strings.Builder
	last := 0      // start of the text not yet written
	runStart := -1 // start of the current redacted run, -1 before the first
	until := 0     // end of the current redacted run
	for i := 0; i+minKeyFragment <= len(s); i++ {
		if !sc.fragment(s[i : i+minKeyFragment]) {
			continue
		}
		if runStart >= 0 && i <= until {
			until = i + minKeyFragment
			continue
		}
		if runStart >= 0 {
			b.WriteString(s[last:runStart])
			b.WriteString("[redacted]")
			last = until
		}
		runStart, until = i, i+minKeyFragment
	}
	if runStart < 0 {
		return s
	}
	b.WriteString(s[last:runStart])
	b.WriteString("[redacted]")
	b.WriteString(s[until:])
	return b.String()
}

// cleanMap returns a copy of decoded JSON m with every key and string
// cleaned.
func (sc scrubber) cleanMap(m map[string]any) map[string]any {
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[sc.clean(k)] = sc.cleanValue(v)
	}
	return out
}

// cleanValue cleans the strings of a decoded JSON value.
func (sc scrubber) cleanValue(v any) any {
	switch v := v.(type) {
	case string:
		return sc.clean(v)
	case map[string]any:
		return sc.cleanMap(v)
	case []any:
		for i := range v {
			v[i] = sc.cleanValue(v[i])
		}
	}
	return v
}

// excerpt returns the start of body for an error: valid UTF-8 (invalid
// bytes replaced), keys redacted first, then cut at a rune boundary to at
// most n bytes, dropping a tail that could be the start of a key, with
// "…" appended when it was cut.
func (sc scrubber) excerpt(body []byte, n int) string {
	s := sc.clean(strings.ToValidUTF8(string(body[:min(len(body), maxErrorRead)]), "\uFFFD"))
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	s = s[:i]
	if sc.keyPrefix != nil {
		s = s[:len(s)-sc.keyPrefix(s)]
	}
	return s + "…"
}

// retryAfter parses retry-after-ms (milliseconds) or Retry-After (seconds,
// possibly fractional, or an HTTP date). It returns zero when neither is
// present or valid.
func retryAfter(h http.Header, now time.Time) time.Duration {
	if v := h.Get("retry-after-ms"); v != "" {
		if ms, err := strconv.ParseFloat(v, 64); err == nil && ms > 0 && ms < 1e9 {
			return time.Duration(ms * float64(time.Millisecond))
		}
	}
	v := strings.TrimSpace(h.Get("Retry-After"))
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseFloat(v, 64); err == nil {
		if secs > 0 && secs < 1e6 {
			return time.Duration(secs * float64(time.Second))
		}
		return 0
	}
	if t, err := http.ParseTime(v); err == nil {
		if d := t.Sub(now); d > 0 {
			return d
		}
	}
	return 0
}

// opError wraps an error of the transport or of the input with the
// operation.
func opError(op string, err error) error {
	return fmt.Errorf("admin: %s: %w", op, err)
}

// invalidInput returns an error wrapping ErrInvalidInput.
func invalidInput(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalidInput, fmt.Sprintf(format, args...))
}
