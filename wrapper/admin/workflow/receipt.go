package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// StepStatus is the outcome of a step in a [Receipt].
type StepStatus string

const (
	// StepDone means the call succeeded.
	StepDone StepStatus = "done"
	// StepSkipped means the service refused a step that offboarding can
	// do without (a sign-out the service does not allow for this user or
	// organization).
	StepSkipped StepStatus = "skipped"
	// StepFailed means the call failed; the run stopped there.
	StepFailed StepStatus = "failed"
)

// A StepResult is one step of a receipt with its outcome.
type StepResult struct {
	Step
	// Run is the number of the run that made the call, from 1.
	Run int `json:"run"`
	// Status is the outcome.
	Status StepStatus `json:"status"`
	// At is when the call returned.
	At time.Time `json:"at"`
	// RequestID is the request-id of the response: always known for a
	// failure, known for a success only with [RecordRequestIDs].
	RequestID string `json:"request_id"`
	// ErrorCode is the error's machine-readable code, if any.
	ErrorCode string `json:"error_code,omitempty"`
	// Error is the error message of a failed or skipped step.
	Error string `json:"error,omitempty"`
}

// A Receipt records every step of a workflow, over one or more runs: the
// offboarding of one user (Workflow empty), a key hygiene deactivation
// ([WorkflowKeyHygiene]), the onboarding of one person
// ([WorkflowOnboarding]) or changes applied to an organization
// ([WorkflowOrgApply]). It marshals to JSON; [ReadReceipt] reads it back.
type Receipt struct {
	// Workflow names the workflow the receipt is for; empty means
	// offboarding (receipts written before the field existed).
	Workflow string `json:"workflow,omitempty"`
	// UserID is the offboarded user's ID.
	UserID string `json:"user_id,omitempty"`
	// Email is the offboarded user's email.
	Email string `json:"email,omitempty"`
	// OrganizationID is the organization changed by [ApplyOrgChanges].
	OrganizationID string `json:"organization_id,omitempty"`
	// Keys is the key action of the last run.
	Keys KeyAction `json:"keys,omitempty"`
	// Runs counts the runs of [Offboard] recorded here.
	Runs int `json:"runs"`
	// Complete is set once the user has been removed.
	Complete bool `json:"complete"`
	// Steps are the results in the order the calls were made.
	Steps []StepResult `json:"steps"`

	// Now, when set, replaces time.Now for the steps' times.
	Now func() time.Time `json:"-"`
}

// ReadReceipt decodes a receipt written as JSON.
func ReadReceipt(r io.Reader) (*Receipt, error) {
	var rc Receipt
	if err := readStrict(r, &rc, "receipt"); err != nil {
		return nil, err
	}
	return &rc, nil
}

// readStrict decodes the JSON of a receipt (what names it) into v,
// refusing unknown fields.
func readStrict(r io.Reader, v any, what string) error {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return fmt.Errorf("workflow: read %s: %w", what, err)
	}
	return nil
}

// WriteTo writes the receipt as indented JSON with a final newline.
func (r *Receipt) WriteTo(w io.Writer) (int64, error) { return writeIndented(w, r) }

// writeIndented writes v as indented JSON with a final newline.
func writeIndented(w io.Writer, v any) (int64, error) {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return 0, err
	}
	n, err := w.Write(append(b, '\n'))
	return int64(n), err
}

// String returns the receipt as readable text, one line per step.
func (r *Receipt) String() string {
	var b strings.Builder
	state := "incomplete"
	if r.Complete {
		state = "complete"
	}
	switch r.Workflow {
	case WorkflowKeyHygiene:
		fmt.Fprintf(&b, "Key hygiene: %s after %d run(s)\n", state, r.Runs)
	case WorkflowOnboarding:
		who := r.Email
		if r.UserID != "" {
			who += " (" + r.UserID + ")"
		}
		fmt.Fprintf(&b, "Onboarding of %s: %s after %d run(s)\n", who, state, r.Runs)
	case WorkflowOrgApply:
		fmt.Fprintf(&b, "Changes to %s: %s after %d run(s)\n", r.OrganizationID, state, r.Runs)
	default:
		fmt.Fprintf(&b, "Offboarding of %s (%s): %s after %d run(s)\n", r.Email, r.UserID, state, r.Runs)
	}
	writeStepLines(&b, r.Steps)
	return b.String()
}

// writeStepLines writes the lines of a receipt's steps: run, status,
// description, request ID and error.
func writeStepLines(b *strings.Builder, steps []StepResult) {
	for _, s := range steps {
		fmt.Fprintf(b, "  run %d  %-7s  %s", s.Run, s.Status, s.Description)
		if s.RequestID != "" {
			fmt.Fprintf(b, "  [%s]", s.RequestID)
		}
		if s.Error != "" {
			fmt.Fprintf(b, "\n                   %s", s.Error)
		}
		b.WriteByte('\n')
	}
}

// done reports whether the receipt records step key as done.
func (r *Receipt) done(key string) bool {
	if r == nil {
		return false
	}
	for _, s := range r.Steps {
		if s.Key() == key && s.Status == StepDone {
			return true
		}
	}
	return false
}

// removed reports whether the receipt records the removal of who (a user
// ID or an email).
func (r *Receipt) removed(who string) bool {
	if r == nil || (r.UserID != who && !strings.EqualFold(r.Email, who)) {
		return false
	}
	return r.done(string(StepRemoveUser) + ":" + r.UserID)
}

func (r *Receipt) now() time.Time {
	if r.Now != nil {
		return r.Now().UTC()
	}
	return time.Now().UTC()
}

// Offboard carries out plan, step by step, recording each in receipt (which
// must not be nil; pass the previous run's receipt to extend it, or a new
// Receipt). It stops at the first failed step and returns its error; run
// [PlanOffboarding] again with the receipt in
// [OffboardOptions.Previous], then Offboard, to finish. A plan whose user
// is already removed does nothing. A refused sign-out (the beta is not
// available, or the user's role cannot be signed out) is recorded as
// skipped and the run goes on.
func Offboard(ctx context.Context, c *admin.Client, plan *OffboardPlan, receipt *Receipt) error {
	if receipt == nil {
		return errors.New("workflow: Offboard needs a receipt")
	}
	if receipt.Workflow != "" {
		return fmt.Errorf("workflow: the receipt is for %s, not offboarding", receipt.Workflow)
	}
	if receipt.UserID != "" && receipt.UserID != plan.User.ID {
		return fmt.Errorf("workflow: the receipt is for user %s, not %s", receipt.UserID, plan.User.ID)
	}
	receipt.UserID, receipt.Email = plan.User.ID, plan.User.Email
	if plan.AlreadyRemoved {
		receipt.Complete = true
		return nil
	}
	receipt.Runs++
	if plan.Keys != "" {
		receipt.Keys = plan.Keys
	}
	for _, s := range plan.Steps {
		if s.Kind == StepSignOutUser && receipt.done(s.Key()) {
			// The one step whose effect the API cannot show: every other
			// step of a plan made from the current state is still needed.
			continue
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		err := recordStep(ctx, receipt, s, func(ctx context.Context) error { return runStep(ctx, c, plan.User.ID, s) })
		if err != nil {
			var ae *admin.Error
			errors.As(err, &ae)
			if s.Kind != StepSignOutUser || !signOutRefused(ae) {
				return fmt.Errorf("workflow: offboarding %s: step %q: %w", plan.User.Email, s.Description, err)
			}
			receipt.Steps[len(receipt.Steps)-1].Status = StepSkipped
		}
		if s.Kind == StepRemoveUser {
			receipt.Complete = true
		}
	}
	return nil
}

// signOutRefused reports whether e is the service refusing a sign-out
// that offboarding does without: the user's role, or an organization
// outside the beta.
func signOutRefused(e *admin.Error) bool {
	if e == nil {
		return false
	}
	switch e.Code {
	case admin.ErrorCodeCannotSignOutPrimaryOwner, admin.ErrorCodeCannotSignOutOwner,
		admin.ErrorCodeCannotSignOutMembershipAdmin, admin.ErrorCodeCannotSignOutManagedMember,
		admin.ErrorCodeCannotSignOutPrivilegedMember, admin.ErrorCodeOrganizationNotEnrolledInBeta:
		return true
	}
	return false
}

// runStep makes the call of one step.
func runStep(ctx context.Context, c *admin.Client, userID string, s Step) error {
	var err error
	switch s.Kind {
	case StepDeactivateAPIKey:
		st := admin.APIKeyStatusUpdateInactive
		_, err = c.APIKeys.Update(ctx, s.Target, admin.UpdateAPIKeyRequest{Status: &st})
	case StepArchiveAPIKey:
		st := admin.APIKeyStatusUpdateArchived
		_, err = c.APIKeys.Update(ctx, s.Target, admin.UpdateAPIKeyRequest{Status: &st})
	case StepRemoveWorkspaceMember:
		_, err = c.WorkspaceMembers.Remove(ctx, s.Target, userID)
	case StepDeleteInvite:
		_, err = c.Invites.Delete(ctx, s.Target)
	case StepRemoveRBACGroupMember:
		_, err = c.RBACGroupMembers.Remove(ctx, s.Target, userID)
	case StepSignOutUser:
		_, err = c.Users.SignOut(ctx, s.Target)
	case StepRemoveUser:
		_, err = c.Users.Remove(ctx, s.Target)
	default:
		err = fmt.Errorf("workflow: unknown step kind %q", s.Kind)
	}
	return err
}

// slotKey is the context key of the requestIDSlot of a step.
type slotKey struct{}

// requestIDSlot receives the request-id of a step's last response.
type requestIDSlot struct {
	mu sync.Mutex
	id string
}

func (s *requestIDSlot) set(id string) {
	s.mu.Lock()
	s.id = id
	s.mu.Unlock()
}

func (s *requestIDSlot) get() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.id
}

// RecordRequestIDs wraps an HTTP transport (nil means
// http.DefaultTransport) so that [Offboard] can record the request-id of
// successful responses in its receipt, and [RunBulk] in its results; it
// also lets RunBulk see a 429 as it arrives, even one package admin
// retries itself, and pause every worker. Install it in the client with
// admin.WithHTTPClient(&http.Client{Transport: workflow.RecordRequestIDs(nil)}).
// Requests made outside Offboard and RunBulk pass through unchanged.
func RecordRequestIDs(base http.RoundTripper) http.RoundTripper {
	if base == nil {
		base = http.DefaultTransport
	}
	return requestIDTransport{base}
}

type requestIDTransport struct{ base http.RoundTripper }

// RoundTrip sends r with the wrapped transport and notes the response's
// request-id for the step in r's context, if any.
func (t requestIDTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	resp, err := t.base.RoundTrip(r)
	if resp != nil {
		if s, ok := r.Context().Value(slotKey{}).(*requestIDSlot); ok {
			s.set(resp.Header.Get("request-id"))
		}
		noteResponse(r, resp)
	}
	return resp, err
}
