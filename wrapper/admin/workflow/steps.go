package workflow

import (
	"context"
	"errors"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The workflows other than offboarding, as [Receipt.Workflow] names them.
const (
	// WorkflowKeyHygiene is the workflow of [DeactivateFlaggedKeys].
	WorkflowKeyHygiene = "key_hygiene"
	// WorkflowOnboarding is the workflow of [Onboard].
	WorkflowOnboarding = "onboarding"
	// WorkflowOrgApply is the workflow of [ApplyOrgChanges].
	WorkflowOrgApply = "org_apply"
)

// recordStep makes the call of step s with call, with the request-id slot
// of [RecordRequestIDs] in its context, appends its result to receipt and
// returns the call's error.
func recordStep(ctx context.Context, receipt *Receipt, s Step, call func(context.Context) error) error {
	slot := &requestIDSlot{}
	err := call(context.WithValue(ctx, slotKey{}, slot))
	res := StepResult{Step: s, Run: receipt.Runs, At: receipt.now(), Status: StepDone, RequestID: slot.get()}
	if err != nil {
		res.Status = StepFailed
		res.Error = err.Error()
		var ae *admin.Error
		if errors.As(err, &ae) {
			res.RequestID, res.ErrorCode = ae.RequestID, string(ae.Code)
		}
	}
	receipt.Steps = append(receipt.Steps, res)
	return err
}
