package admintest

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// Error types of the Anthropic error envelope.
const (
	errInvalidRequest  = "invalid_request_error"
	errAuthentication  = "authentication_error"
	errPermission      = "permission_error"
	errNotFound        = "not_found_error"
	errConflict        = "conflict_error"
	errRequestTooLarge = "request_too_large"
	errRateLimit       = "rate_limit_error"
	errAPI             = "api_error"
	errTimeout         = "timeout_error"
	errOverloaded      = "overloaded_error"
)

// apiError is an error that becomes an Anthropic error envelope. Handlers
// return it and the strict handler's ResponseErrorHandlerFunc writes it.
type apiError struct {
	status     int
	typ        string
	msg        string
	retryAfter time.Duration
	code       gen.ErrorCode  // error.details.error_code; "" for none
	details    map[string]any // the other fields of error.details
	header     http.Header    // extra response headers, such as x-should-retry
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.typ, e.msg) }

func newError(status int, typ, format string, args ...any) *apiError {
	return &apiError{status: status, typ: typ, msg: fmt.Sprintf(format, args...)}
}

func badRequest(format string, args ...any) *apiError {
	return newError(http.StatusBadRequest, errInvalidRequest, format, args...)
}

func notFound(format string, args ...any) *apiError {
	return newError(http.StatusNotFound, errNotFound, format, args...)
}

func conflict(format string, args ...any) *apiError {
	return newError(http.StatusConflict, errConflict, format, args...)
}

// withCode sets the error code of e (error.details.error_code) and
// returns e.
func (e *apiError) withCode(code gen.ErrorCode) *apiError {
	e.code = code
	return e
}

// coded returns a 400 invalid_request_error with an error code, as the
// real service refuses requests for reasons it names.
func coded(code gen.ErrorCode, format string, args ...any) *apiError {
	return badRequest(format, args...).withCode(code)
}

// defaultErrorType is the envelope's error type for an HTTP status.
func defaultErrorType(status int) string {
	switch status {
	case http.StatusUnauthorized:
		return errAuthentication
	case http.StatusPaymentRequired:
		return "billing_error"
	case http.StatusForbidden:
		return errPermission
	case http.StatusNotFound:
		return errNotFound
	case http.StatusConflict:
		return errConflict
	case http.StatusRequestEntityTooLarge:
		return errRequestTooLarge
	case http.StatusTooManyRequests:
		return errRateLimit
	case http.StatusGatewayTimeout:
		return errTimeout
	case 529:
		return errOverloaded
	}
	if status >= 500 {
		return errAPI
	}
	return errInvalidRequest
}

// writeError writes e as an Anthropic error envelope whose request_id is the
// request's ID (already in the request-id response header).
func writeError(w http.ResponseWriter, r *http.Request, e *apiError) {
	id := requestID(r.Context())
	body := gen.Error{
		Type:      gen.ErrorEnvelopeTypeError,
		Error:     gen.ErrorDetail{Type: e.typ, Message: e.msg},
		RequestID: &id,
	}
	if e.code != "" {
		d := &gen.ErrorDetails{ErrorCode: e.code}
		for k, v := range e.details {
			switch k {
			case "error_code":
			case "workspace_id":
				if s, ok := v.(string); ok {
					d.WorkspaceID = &s
					continue
				}
				d.Set(k, v)
			default:
				d.Set(k, v)
			}
		}
		body.Error.Details = d
	}
	h := w.Header()
	for k, v := range e.header {
		h[k] = v
	}
	h.Set("Content-Type", "application/json")
	h.Set("request-id", id)
	if e.retryAfter > 0 {
		secs := int64((e.retryAfter + time.Second - 1) / time.Second)
		h.Set("retry-after", strconv.FormatInt(secs, 10))
		h.Set("retry-after-ms", strconv.FormatInt(e.retryAfter.Milliseconds(), 10))
	}
	w.WriteHeader(e.status)
	_ = json.NewEncoder(w).Encode(body)
}
