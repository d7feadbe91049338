package admintest

import (
	"fmt"
	"maps"
	"net/http"
	"sync"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// Fault describes an error response injected by [Server.FailNext].
type Fault struct {
	// Status is the HTTP status, such as 429, 500 or 529.
	Status int
	// Type is the envelope's error type. Empty means the usual type for
	// Status (rate_limit_error for 429, overloaded_error for 529, ...).
	Type string
	// Message is the envelope's message. Empty means "injected fault".
	Message string
	// RetryAfter, when positive, is sent in the retry-after header (whole
	// seconds, rounded up) and the retry-after-ms header.
	RetryAfter time.Duration
	// Code, when set, is sent as error.details.error_code, such as
	// [admin.ErrorCodeConcurrentMembershipChange]. Any string is sent as
	// it is, so a code newer than package admin can be tried too.
	Code admin.ErrorCode
	// Details are further fields of error.details, sent with Code (which
	// they need), such as {"workspace_id": "wrkspc_..."}.
	Details map[string]any
	// Header holds further response headers, such as x-should-retry or
	// anthropic-workspace-id; request-id and Content-Type are the
	// server's own.
	Header http.Header
	// Processed makes the server perform the call before it answers with
	// the fault, as when the real service fails after doing the work: a
	// create creates, an update updates. If the call itself fails, its own
	// error is sent instead and the fault is used up. A fault with Code
	// [admin.ErrorCodeWorkspaceCreatedIncomplete] on
	// [admin.OpCreateWorkspace] is always processed, and its details carry
	// the workspace_id of the workspace created unless Details has one.
	Processed bool
}

// faults holds the pending injected faults and the per-operation call
// counters.
type faults struct {
	mu      sync.Mutex
	pending map[string][]Fault
	calls   map[string]int
}

// FailNext makes the next n calls of the operation fail with f. Name the
// operation with its generated constant, such as [admin.OpGetUser]; the
// operationId it holds is matched case-insensitively. A call is counted
// once it is routed and authenticated,
// before its parameters and body are validated. Faults queue up: a second
// FailNext for the same operation applies after the first one's calls.
// FailNext fails for an unknown operationId, a status below 400 or n < 1,
// and for Details without a Code.
func (s *Server) FailNext(op admin.Operation, n int, f Fault) error {
	if _, ok := operationIDs()[operationKey(string(op))]; !ok {
		return fmt.Errorf("admintest: unknown operationId %q", op)
	}
	operationID := operationKey(string(op))
	if f.Status < 400 || f.Status > 599 {
		return fmt.Errorf("admintest: fault status %d is not an error status", f.Status)
	}
	if n < 1 {
		return fmt.Errorf("admintest: fault count %d is less than 1", n)
	}
	if len(f.Details) > 0 && f.Code == "" {
		return fmt.Errorf("admintest: fault details need a Code")
	}
	f.Details = maps.Clone(f.Details)
	f.Header = f.Header.Clone()
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if s.faults.pending == nil {
		s.faults.pending = make(map[string][]Fault)
	}
	for range n {
		s.faults.pending[operationID] = append(s.faults.pending[operationID], f)
	}
	return nil
}

// ClearFaults drops every fault injected with [Server.FailNext] that has
// not fired yet.
func (s *Server) ClearFaults() {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	clear(s.faults.pending)
}

// Calls returns how many calls of the operation, such as
// [admin.OpGetUser], the server has received, counting those that failed
// validation or an injected fault, but not those refused for
// authentication.
func (s *Server) Calls(op admin.Operation) int {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	return s.faults.calls[operationKey(string(op))]
}

// SetLatency delays every later request by d before it is handled; zero
// removes the delay. A request whose context ends during the delay is
// abandoned.
func (s *Server) SetLatency(d time.Duration) { s.latency.Store(int64(d)) }

// takeFault counts a call of the operation and returns the fault to inject,
// if any, and whether the call is to be performed first (Fault.Processed).
func (s *Server) takeFault(operationID string) (*apiError, bool) {
	s.faults.mu.Lock()
	defer s.faults.mu.Unlock()
	if s.faults.calls == nil {
		s.faults.calls = make(map[string]int)
	}
	s.faults.calls[operationID]++
	q := s.faults.pending[operationID]
	if len(q) == 0 {
		return nil, false
	}
	f := q[0]
	s.faults.pending[operationID] = q[1:]
	typ, msg := f.Type, f.Message
	if typ == "" {
		typ = defaultErrorType(f.Status)
	}
	if msg == "" {
		msg = "injected fault"
	}
	if f.Status == http.StatusTooManyRequests && f.Message == "" {
		msg = "injected fault: rate limited"
	}
	processed := f.Processed ||
		(f.Code == admin.ErrorCodeWorkspaceCreatedIncomplete && operationID == operationKey(string(admin.OpCreateWorkspace)))
	return &apiError{status: f.Status, typ: typ, msg: msg, retryAfter: f.RetryAfter, code: f.Code, details: f.Details, header: f.Header}, processed
}
