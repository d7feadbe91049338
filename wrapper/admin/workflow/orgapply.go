package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// ApplyOrgChanges carries out plan, change by change, recording each in
// receipt (which must not be nil; pass the previous run's receipt to
// extend it, or a new Receipt). It stops at the first failed change
// and returns its error. To finish after a failure, plan again from the
// same desired state with [PlanOrgChanges] (the changes done no longer
// appear: objects created are now matched by name) and apply that plan
// with the same receipt.
func ApplyOrgChanges(ctx context.Context, c *admin.Client, plan *OrgPlan, receipt *Receipt) error {
	if receipt == nil {
		return errors.New("workflow: ApplyOrgChanges needs a receipt")
	}
	switch {
	case receipt.Workflow == "" && len(receipt.Steps) == 0 && receipt.UserID == "" && receipt.Email == "":
	case receipt.Workflow != WorkflowOrgApply:
		return fmt.Errorf("workflow: the receipt is not of changes to an organization (workflow %q)", receipt.Workflow)
	case receipt.OrganizationID != plan.Organization.ID:
		return fmt.Errorf("workflow: the receipt is for organization %s, not %s", receipt.OrganizationID, plan.Organization.ID)
	}
	receipt.Workflow, receipt.OrganizationID = WorkflowOrgApply, plan.Organization.ID
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
		if err := recordStep(ctx, receipt, ch.Step, func(ctx context.Context) error { return ch.run(ctx, a) }); err != nil {
			return fmt.Errorf("workflow: applying %q: %w", strings.TrimSpace(ch.Description), err)
		}
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
