package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
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
	// Body is the start of the response body (at most 1 KiB, valid UTF-8),
	// for bodies that are not an envelope, such as a proxy's HTML page.
	Body string
}

// Error returns a one-line description:
// "admin: get user user_x: 404 not_found_error: User not found (request-id req_123)".
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
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(e.Message)
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

// envelope is the Anthropic error body.
type envelope struct {
	Type  string `json:"type"`
	Error *struct {
		Type    string `json:"type"`
		Message string `json:"message"`
	} `json:"error"`
	RequestID string `json:"request_id"`
}

// decodeError builds an *Error from a response outside 2xx, whatever its
// body. It reads at most 64 KiB of the body and never fails. secrets are
// removed from the kept body, in case a proxy echoes a request header.
func decodeError(op string, resp *http.Response, now time.Time, secrets ...string) *Error {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	e := parseErrorBody(resp.StatusCode, body, secrets...)
	e.Operation = op
	if id := resp.Header.Get("request-id"); id != "" {
		e.RequestID = id
	}
	e.RetryAfter = retryAfter(resp.Header, now)
	return e
}

// parseErrorBody decodes an error body leniently: the envelope when it is
// one, otherwise the status text and the start of the body.
func parseErrorBody(status int, body []byte, secrets ...string) *Error {
	e := &Error{StatusCode: status}
	var env envelope
	if json.Unmarshal(body, &env) == nil && env.Error != nil {
		e.Type = env.Error.Type
		e.Message = env.Error.Message
		e.RequestID = env.RequestID
	}
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	if e.Message == "" {
		e.Message = "HTTP status " + strconv.Itoa(status)
	}
	e.Body = redact(truncate(body, maxErrorBody), secrets)
	e.Message = redact(e.Message, secrets)
	return e
}

// truncate returns b as valid UTF-8 (invalid bytes replaced) of at most n
// bytes, cut at a rune boundary, with "…" appended when it was cut.
func truncate(b []byte, n int) string {
	cut := len(b) > n
	s := strings.ToValidUTF8(string(b[:min(len(b), n+utf8.UTFMax)]), "\uFFFD")
	if len(s) > n {
		cut = true
		i := n
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i]
	}
	if cut {
		s += "…"
	}
	return s
}

func redact(s string, secrets []string) string {
	for _, k := range secrets {
		if k != "" && strings.Contains(s, k) {
			s = strings.ReplaceAll(s, k, "[redacted]")
		}
	}
	return s
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
