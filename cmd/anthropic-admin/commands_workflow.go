package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// offboardCommands returns "users offboard", the CLI client of
// workflow.PlanOffboarding and workflow.Offboard, and "users offboard-plan",
// which prints the plan alone. offboard plans, asks with a summary of the
// plan (or takes --yes), prints the plan, carries it out and writes a
// receipt. Its --dry-run, like every destructive command's, sends nothing
// at all: offboard-plan is the plan-only view, which reads.
func offboardCommands() []*command {
	st := &offboardState{}
	return []*command{{
		name:    "offboard",
		op:      admin.OpRemoveUser,
		summary: "Offboard a member: handle their API keys, memberships, invites and groups, sign them out, remove them.",
		details: `Resolves the member by email or user ID and plans: the API keys they
created (with their status), their memberships of active workspaces, pending
invites to their email and their RBAC groups (see users offboard-plan, which
prints the plan alone). Removing a user does not touch the API keys they
created, which keep working: --keys deactivate or --keys archive says what
to do with them (required when they have active keys). The confirmation
question sums the plan up; after it (or --yes) the command prints the plan
and deactivates or archives the keys, removes the memberships, deletes the
invites, leaves the groups, signs the member out (beta; skipped where the
service refuses) and removes them, stopping at the first failure.

--receipt writes a JSON receipt of every step with its result and request
ID. Running the same command again with the same --receipt after a failure
finishes the job: the plan is made from the current state, so the steps
already done no longer appear, the sign-out the receipt records is not
repeated, and a member the receipt records as removed is reported as done.
-o json prints the plan and the receipt as JSON.`,
		args: []string{"<email|user-id>"},
		examples: []string{
			"# Offboard, keeping a receipt; run it again to finish after a failure",
			"anthropic-admin users offboard jane@example.com --keys archive --receipt jane-offboarding.json --yes",
			"anthropic-admin users offboard user_01WBsJ4b6ZJq3vTbE8fG2hKm --keys deactivate",
		},
		confirm: st.question,
		do: action{method: funcName(runOffboard), setup: func(fs *flag.FlagSet, _ *command) runFunc {
			p := new(offboardParams)
			p.bind(fs)
			fs.StringVar(&p.receipt, "receipt", "", "JSON `file` for the receipt; an existing one is read first, to finish an earlier run")
			st.p = p
			return func(ctx context.Context, a *app, args []string) error { return runOffboard(ctx, a, args, p, st) }
		}},
	}, {
		name:    "offboard-plan",
		op:      admin.OpListAPIKeys,
		summary: "Show what users offboard would do for a member, changing nothing.",
		details: `Prints the offboarding plan of a member (see users offboard): the API keys
they created with their status, their memberships of active workspaces,
pending invites to their email, their RBAC groups, and the steps in order.
It only reads. With --receipt it plans as a re-run after that receipt would.`,
		args: []string{"<email|user-id>"},
		examples: []string{
			"anthropic-admin users offboard-plan jane@example.com --keys deactivate",
			"anthropic-admin users offboard-plan jane@example.com --keys archive -o json",
		},
		do: action{method: funcName(runOffboardPlan), setup: func(fs *flag.FlagSet, _ *command) runFunc {
			p := new(offboardParams)
			p.bind(fs)
			fs.StringVar(&p.receipt, "receipt", "", "JSON `file` of an earlier run's receipt, to plan the re-run")
			return func(ctx context.Context, a *app, args []string) error { return runOffboardPlan(ctx, a, args, p) }
		}},
	}}
}

// withOffboarding returns the users group with offboard and offboard-plan
// added.
func withOffboarding(users *command) *command {
	users.subs = append(users.children(), offboardCommands()...)
	return users
}

// offboardState is shared by the question and the run of users offboard:
// the question plans, and the run carries out the plan it asked about.
type offboardState struct {
	p    *offboardParams
	plan *workflow.OffboardPlan
}

// question plans the offboarding and asks about it in one line (the plan
// is printed in full once confirmed). In the question of a dry run it
// looks nothing up.
func (st *offboardState) question(ctx context.Context, c *admin.Client, args []string) (string, error) {
	if dryRunQuestion(ctx) {
		keys := "--keys is not set: refused if they have active API keys"
		if st.p.keys != "" {
			keys = st.p.keys + " the API keys they created"
		}
		return fmt.Sprintf("Offboard %s (%s), remove them from their workspaces and RBAC groups, delete their invites, sign them out and remove them? Removing a user alone leaves their API keys active.", args[0], keys), nil
	}
	plan, err := st.p.plan(ctx, c, args[0])
	if err != nil {
		return "", err
	}
	st.plan = plan
	return offboardQuestion(plan), nil
}

// offboardParams are the flags of users offboard and offboard-plan.
type offboardParams struct {
	keys    string
	receipt string
	prev    *workflow.Receipt
}

// bind registers --keys on fs.
func (p *offboardParams) bind(fs *flag.FlagSet) {
	fs.Var(oneOf(&p.keys, string(workflow.KeysDeactivate), string(workflow.KeysArchive)), "keys", "what to do with the API keys they created: `deactivate` or archive (required when they have active keys)")
}

// plan reads the receipt of --receipt, if it exists, and plans the
// offboarding of who.
func (p *offboardParams) plan(ctx context.Context, c *admin.Client, who string) (*workflow.OffboardPlan, error) {
	if p.receipt != "" && p.prev == nil {
		prev, err := readReceiptFile(p.receipt)
		if err != nil {
			return nil, err
		}
		p.prev = prev
	}
	plan, err := workflow.PlanOffboarding(ctx, c, who, workflow.OffboardOptions{Keys: workflow.KeyAction(p.keys), Previous: p.prev})
	if errors.Is(err, workflow.ErrKeyActionRequired) {
		return nil, usageErrorf("%v: pass --keys deactivate or --keys archive", err)
	}
	return plan, err
}

// readReceiptFile reads the workflow receipt in the file path: nil when
// there is no such file yet (a first run).
func readReceiptFile(path string) (*workflow.Receipt, error) {
	b, err := os.ReadFile(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return nil, nil
	case err != nil:
		return nil, err
	}
	r, err := workflow.ReadReceipt(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return r, nil
}

// runOffboardPlan runs users offboard-plan <who>.
func runOffboardPlan(ctx context.Context, a *app, args []string, p *offboardParams) error {
	if a.g.output != "table" && a.g.output != "json" {
		return usageErrorf("users offboard-plan prints text or JSON (-o json), not %s", a.g.output)
	}
	plan, err := p.plan(ctx, a.c, args[0])
	if err != nil {
		return err
	}
	return printOffboard(a, a.g.output == "json", plan, plan.String())
}

// runOffboard runs users offboard <who>: the plan the question asked about
// (or a new one with --yes), then the steps, then the receipt.
func runOffboard(ctx context.Context, a *app, args []string, p *offboardParams, st *offboardState) error {
	plan := func() (*workflow.OffboardPlan, error) {
		if st.plan != nil {
			return st.plan, nil
		}
		return p.plan(ctx, a.c, args[0])
	}
	run := func(plan *workflow.OffboardPlan, r *workflow.Receipt) error {
		return workflow.Offboard(ctx, a.c, plan, r)
	}
	_, err := runPlanned(a, "users offboard", plan, func() *workflow.Receipt { return p.prev }, p.receipt, run)
	return err
}

// runPlanned runs a planned workflow leaf (name): it gets the plan (the
// one the question made, or a new one), prints it as text or JSON, runs it
// with the previous receipt (prev, asked once planned: planning reads it)
// or a new one, and ends with finishWorkflow. It returns the plan it ran.
func runPlanned[P fmt.Stringer](a *app, name string, plan func() (P, error), prev func() *workflow.Receipt, path string, run func(P, *workflow.Receipt) error) (P, error) {
	asJSON := a.g.output == "json"
	if a.g.output != "table" && !asJSON {
		var zero P
		return zero, usageErrorf("%s prints text or JSON (-o json), not %s", name, a.g.output)
	}
	pl, err := plan()
	if err != nil {
		return pl, err
	}
	if err := printOffboard(a, asJSON, pl, pl.String()); err != nil {
		return pl, err
	}
	receipt := prev()
	if receipt == nil {
		receipt = &workflow.Receipt{}
	}
	receipt.Now = a.clock
	runErr := run(pl, receipt)
	return pl, finishWorkflow(a, asJSON, path, receipt, runErr, "the steps done are not repeated")
}

// workflowReceipt is what the receipts of the workflows have in common.
type workflowReceipt interface {
	io.WriterTo
	String() string
}

// finishWorkflow ends a workflow's run that returned runErr: it writes the
// receipt to the file path (when set), prints it as text or JSON and, when
// the run failed, tells how to finish (done says why a second run is safe)
// and returns runErr.
func finishWorkflow(a *app, asJSON bool, path string, receipt workflowReceipt, runErr error, done string) error {
	if path != "" {
		var buf bytes.Buffer
		if _, err := receipt.WriteTo(&buf); err != nil {
			return err
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			return errors.Join(runErr, err)
		}
	}
	if !asJSON {
		fmt.Fprintln(a.stdout)
	}
	if err := printOffboard(a, asJSON, receipt, receipt.String()); err != nil {
		return err
	}
	if runErr != nil {
		hint := "run the same command again to finish: " + done
		if path == "" {
			hint += " (with --receipt, so that the receipt covers both runs)"
		}
		fmt.Fprintln(a.stderr, hint)
		return runErr
	}
	return nil
}

// printOffboard prints a plan or a receipt as text, or as indented JSON.
func printOffboard(a *app, asJSON bool, v any, text string) error {
	if !asJSON {
		for line := range strings.Lines(text) {
			if _, err := fmt.Fprintln(a.stdout, safeText(strings.TrimSuffix(line, "\n"))); err != nil {
				return err
			}
		}
		return nil
	}
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(a.stdout, "%s\n", b)
	return err
}

// stepPhrase says how a confirmation question counts the steps of a kind:
// in the words of one, or of many with the count for its %d.
type stepPhrase struct {
	kind      workflow.StepKind
	one, many string
}

// countSteps describes steps in the words of phrases, in their order and
// leaving out the kinds that do not occur, and returns the count by kind.
func countSteps(steps []workflow.Step, phrases []stepPhrase) ([]string, map[workflow.StepKind]int) {
	n := map[workflow.StepKind]int{}
	for _, s := range steps {
		n[s.Kind]++
	}
	var parts []string
	for _, p := range phrases {
		switch n[p.kind] {
		case 0:
		case 1:
			parts = append(parts, p.one)
		default:
			parts = append(parts, fmt.Sprintf(p.many, n[p.kind]))
		}
	}
	return parts, n
}

// offboardQuestion is the confirmation question of a plan, in one line:
// the steps counted by kind, and what happens to the keys, which outlive a
// removed user.
func offboardQuestion(plan *workflow.OffboardPlan) string {
	parts, n := countSteps(plan.Steps, []stepPhrase{
		{workflow.StepDeactivateAPIKey, "deactivate 1 API key", "deactivate %d API keys"},
		{workflow.StepArchiveAPIKey, "archive 1 API key", "archive %d API keys"},
		{workflow.StepRemoveWorkspaceMember, "leave 1 workspace", "leave %d workspaces"},
		{workflow.StepDeleteInvite, "delete 1 invite", "delete %d invites"},
		{workflow.StepRemoveRBACGroupMember, "leave 1 RBAC group", "leave %d RBAC groups"},
		{workflow.StepSignOutUser, "sign out", ""},
		{workflow.StepRemoveUser, "remove the user", ""},
	})
	keySteps := n[workflow.StepDeactivateAPIKey] + n[workflow.StepArchiveAPIKey]
	keys := "They have no active API keys to handle."
	if keySteps > 0 {
		keys = fmt.Sprintf("Removing a user leaves the API keys they created active; this plan %ss %d of them first.", plan.Keys, keySteps)
	}
	return fmt.Sprintf("Offboard %s in %d steps (%s)? %s", plan.User.Email, len(plan.Steps), strings.Join(parts, ", "), keys)
}
