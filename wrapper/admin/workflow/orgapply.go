package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// An OrgReceipt records every step of applying a desired state to one
// organization, over one or more runs of [ApplyOrgChanges]. It marshals
// to JSON; [ReadOrgReceipt] reads it back.
type OrgReceipt struct {
	// OrganizationID is the organization changed.
	OrganizationID string `json:"organization_id"`
	// Runs counts the runs of ApplyOrgChanges recorded here.
	Runs int `json:"runs"`
	// Complete is set when the last run carried out every step of its
	// plan.
	Complete bool `json:"complete"`
	// Steps are the results in the order the calls were made.
	Steps []StepResult `json:"steps"`

	// Now, when set, replaces time.Now for the steps' times.
	Now func() time.Time `json:"-"`
}

// ReadOrgReceipt decodes a receipt written as JSON.
func ReadOrgReceipt(r io.Reader) (*OrgReceipt, error) {
	var rc OrgReceipt
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	if err := dec.Decode(&rc); err != nil {
		return nil, fmt.Errorf("workflow: read org receipt: %w", err)
	}
	return &rc, nil
}

// WriteTo writes the receipt as indented JSON with a final newline.
func (r *OrgReceipt) WriteTo(w io.Writer) (int64, error) {
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return 0, err
	}
	n, err := w.Write(append(b, '\n'))
	return int64(n), err
}

// String returns the receipt as readable text, one line per step.
func (r *OrgReceipt) String() string {
	var b strings.Builder
	state := "incomplete"
	if r.Complete {
		state = "complete"
	}
	fmt.Fprintf(&b, "Changes to %s: %s after %d run(s)\n", r.OrganizationID, state, r.Runs)
	for _, s := range r.Steps {
		fmt.Fprintf(&b, "  run %d  %-7s  %s", s.Run, s.Status, s.Description)
		if s.RequestID != "" {
			fmt.Fprintf(&b, "  [%s]", s.RequestID)
		}
		if s.Error != "" {
			fmt.Fprintf(&b, "\n                   %s", s.Error)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func (r *OrgReceipt) now() time.Time {
	if r.Now != nil {
		return r.Now().UTC()
	}
	return time.Now().UTC()
}

// ApplyOrgChanges carries out plan, change by change, recording each in
// receipt (which must not be nil; pass the previous run's receipt to
// extend it, or a new OrgReceipt). It stops at the first failed change
// and returns its error. To finish after a failure, plan again from the
// same desired state with [PlanOrgChanges] (the changes done no longer
// appear: objects created are now matched by name) and apply that plan
// with the same receipt.
func ApplyOrgChanges(ctx context.Context, c *admin.Client, plan *OrgPlan, receipt *OrgReceipt) error {
	if receipt == nil {
		return errors.New("workflow: ApplyOrgChanges needs a receipt")
	}
	if receipt.OrganizationID != "" && receipt.OrganizationID != plan.Organization.ID {
		return fmt.Errorf("workflow: the receipt is for organization %s, not %s", receipt.OrganizationID, plan.Organization.ID)
	}
	receipt.OrganizationID = plan.Organization.ID
	receipt.Runs++
	receipt.Complete = false
	a := &orgApplier{c: c, ids: map[string]string{}}
	for _, ch := range plan.Changes {
		if err := ctx.Err(); err != nil {
			return err
		}
		if ch.run == nil {
			return fmt.Errorf("workflow: change %q cannot be applied: plans are applied in the process that made them", ch.Description)
		}
		slot := &requestIDSlot{}
		err := ch.run(context.WithValue(ctx, slotKey{}, slot), a)
		res := StepResult{Step: ch.Step, Run: receipt.Runs, At: receipt.now(), Status: StepDone, RequestID: slot.get()}
		if err != nil {
			res.Status = StepFailed
			res.Error = err.Error()
			var ae *admin.Error
			if errors.As(err, &ae) {
				res.RequestID, res.ErrorCode = ae.RequestID, string(ae.Code)
			}
			receipt.Steps = append(receipt.Steps, res)
			return fmt.Errorf("workflow: applying %q: %w", strings.TrimSpace(ch.Description), err)
		}
		receipt.Steps = append(receipt.Steps, res)
	}
	receipt.Complete = true
	return nil
}

// orgRef refers to an object a change needs: by ID when it exists at
// planning time, else by the name under which an earlier change of the
// same run creates it.
type orgRef struct {
	kind, name, id string
}

// orgApplier carries the state of one run of ApplyOrgChanges: the IDs of
// the objects created so far.
type orgApplier struct {
	c   *admin.Client
	ids map[string]string // kind:name → ID
}

func (a *orgApplier) created(r orgRef, id string) { a.ids[r.kind+":"+r.name] = id }

// id resolves r.
func (a *orgApplier) id(r orgRef) (string, error) {
	if r.id != "" {
		return r.id, nil
	}
	if id, ok := a.ids[r.kind+":"+r.name]; ok {
		return id, nil
	}
	return "", fmt.Errorf("workflow: %s %q was not created earlier in this run", strings.ReplaceAll(r.kind, "_", " "), r.name)
}
