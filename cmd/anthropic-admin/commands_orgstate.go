package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// The org export, diff and apply leaves: the CLI client of
// workflow.ExportOrg, PlanOrgChanges and ApplyOrgChanges.

// exitChanges is the exit status of org diff --exit-code when the
// organization differs from the file: 1 is an error and 2 a usage error
// in this tool, so differences get their own status.
const exitChanges = 3

// orgExportCommand returns "org export".
func orgExportCommand() *command {
	return &command{
		name:    "export",
		op:      admin.OpGetOrganizationMe,
		summary: "Write the organization's configuration as one YAML document, for git and org apply.",
		details: `Reads the organization's configuration into one document: the organization
(id, name), members and their roles, pending invites, active workspaces with
their members, service-account memberships and rate-limit overrides, service
accounts, RBAC groups with their members, and the metadata of every API key
(never a secret, not even the partial key hint). Every list is sorted by a
natural key (emails, names), so two exports of an unchanged organization are
byte-identical and diff cleanly in git. Edit the file and give it to org diff
and org apply.

Service accounts need an org:admin OAuth token (ANTHROPIC_ADMIN_OAUTH_TOKEN)
and RBAC groups exist in Claude Enterprise organizations only: a section that
cannot be read is named under not_exported, and org apply leaves it alone.
Prints YAML (the default) or JSON (-o json); --output-file writes the file
instead, replacing it.`,
		examples: []string{
			"# Snapshot the organization into a file kept in git",
			"anthropic-admin org export --output-file org.yaml",
			"anthropic-admin org export -o json",
		},
		do: action{method: funcName(runOrgExport), setup: func(fs *flag.FlagSet, _ *command) runFunc {
			var out string
			fs.StringVar(&out, "output-file", "", "write the YAML to this `file` (replaced) instead of stdout")
			return func(ctx context.Context, a *app, args []string) error { return runOrgExport(ctx, a, out) }
		}},
	}
}

// runOrgExport runs org export.
func runOrgExport(ctx context.Context, a *app, out string) error {
	asJSON := a.g.output == "json"
	if !asJSON && a.g.output != "table" && a.g.output != "yaml" {
		return usageErrorf("org export prints YAML or JSON (-o json), not %s", a.g.output)
	}
	s, err := workflow.ExportOrg(ctx, a.c, workflow.ExportOptions{})
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if asJSON {
		b, err := json.MarshalIndent(s, "", "  ")
		if err != nil {
			return err
		}
		buf.Write(append(b, '\n'))
	} else if err := s.WriteYAML(&buf); err != nil {
		return err
	}
	if out == "" {
		_, err := a.stdout.Write(buf.Bytes())
		return err
	}
	if err := writeFileAtomic(out, buf.Bytes()); err != nil {
		return err
	}
	fmt.Fprintf(a.stderr, "wrote %s: %d users, %d invites, %d workspaces, %d service accounts, %d RBAC groups, %d API keys\n",
		out, len(s.Users), len(s.Invites), len(s.Workspaces), len(s.ServiceAccounts), len(s.RBACGroups), len(s.APIKeys))
	return nil
}

// writeFileAtomic replaces name with b: it writes a temporary file in the
// same directory and renames it, so a failed export leaves the old file.
func writeFileAtomic(name string, b []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), "."+filepath.Base(name)+".*")
	if err != nil {
		return err
	}
	_, err = f.Write(b)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// orgDiffCommand returns "org diff".
func orgDiffCommand() *command {
	return &command{
		name:    "diff",
		op:      admin.OpGetOrganizationMe,
		summary: "Show what org apply would change to make the organization match a file.",
		details: `Compares the organization with the file and prints the changes org apply
would make, one per line: "+" adds, "~" changes, "-" removes (removals only
with --prune; without it they are listed as left alone). What the file states
that the API cannot change (a user's name, a member who was never invited, a
workspace's storage geography) is listed under "Cannot apply". Refused unless
the key's organization is the file's organization.id. It only reads.

Exit status: 0 whether or not there are changes, as git diff does; with
--exit-code, 3 when there are changes to apply and 0 when there are none (1
stays an error and 2 a usage error). -o json prints the plan as JSON.`,
		args: []string{"<file>"},
		examples: []string{
			"anthropic-admin org diff org.yaml",
			"# In CI: fail when the organization drifted from the file",
			"anthropic-admin org diff org.yaml --prune --exit-code",
		},
		do: action{method: funcName(runOrgDiff), setup: func(fs *flag.FlagSet, _ *command) runFunc {
			p := new(orgPlanParams)
			p.bind(fs)
			var exitCode bool
			fs.BoolVar(&exitCode, "exit-code", false, fmt.Sprintf("exit with status %d when there are changes to apply", exitChanges))
			return func(ctx context.Context, a *app, args []string) error {
				return runOrgDiff(ctx, a, args[0], p, exitCode)
			}
		}},
	}
}

// orgPlanParams are the flags of org diff and org apply.
type orgPlanParams struct {
	prune bool
}

// bind registers --prune on fs.
func (p *orgPlanParams) bind(fs *flag.FlagSet) {
	fs.BoolVar(&p.prune, "prune", false, "also remove what the file does not mention (members, invites, memberships, overrides, groups; archive workspaces and service accounts)")
}

// plan reads the file and plans its changes.
func (p *orgPlanParams) plan(ctx context.Context, c *admin.Client, file string) (*workflow.OrgPlan, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, usageErrorf("%v", err)
	}
	defer f.Close()
	desired, err := workflow.ReadOrgState(f)
	if err != nil {
		return nil, usageErrorf("%s: %v", file, err)
	}
	plan, err := workflow.PlanOrgChanges(ctx, c, desired, workflow.PlanOptions{Prune: p.prune})
	if errors.Is(err, workflow.ErrOrganizationMismatch) {
		return nil, &exitError{1, fmt.Sprintf("refusing %s: %v", file, err)}
	}
	return plan, err
}

// runOrgDiff runs org diff <file>.
func runOrgDiff(ctx context.Context, a *app, file string, p *orgPlanParams, exitCode bool) error {
	asJSON := a.g.output == "json"
	if !asJSON && a.g.output != "table" {
		return usageErrorf("org diff prints text or JSON (-o json), not %s", a.g.output)
	}
	plan, err := p.plan(ctx, a.c, file)
	if err != nil {
		return err
	}
	if err := printOffboard(a, asJSON, plan, plan.String()); err != nil {
		return err
	}
	if exitCode && len(plan.Changes) > 0 {
		return &exitError{exitChanges, ""}
	}
	return nil
}

// orgApplyCommand returns "org apply".
func orgApplyCommand() *command {
	st := &orgApplyState{p: new(orgPlanParams)}
	return &command{
		name:    "apply",
		op:      admin.OpUpdateUser,
		summary: "Make the organization match a file, after a plan and a confirmation.",
		details: `Plans as org diff does, asks with a summary of the plan (or takes --yes),
prints the plan and makes the changes one by one, stopping at the first
failure. Refused unless the key's organization is the file's organization.id.
Nothing the file does not mention is removed unless --prune is given; API
keys are never archived for being absent (a key's name and status can be
changed; keys cannot be created).

--receipt writes a JSON receipt of every step with its result and request
ID. Running the same command again after a failure finishes the job: the plan
is made from the current state, so what was done no longer appears (objects
created are matched by name). -o json prints the plan and the receipt as
JSON.`,
		args: []string{"<file>"},
		examples: []string{
			"# Asks for confirmation with a summary of the plan (org diff shows it in full)",
			"anthropic-admin org apply org.yaml",
			"# Also remove what the file leaves out, keeping a receipt",
			"anthropic-admin org apply org.yaml --prune --receipt org-apply.json --yes",
		},
		confirm: st.question,
		do: action{method: funcName(runOrgApply), setup: func(fs *flag.FlagSet, _ *command) runFunc {
			st.p.bind(fs)
			fs.StringVar(&st.receipt, "receipt", "", "JSON `file` for the receipt; an existing one is read first and extended")
			return func(ctx context.Context, a *app, args []string) error { return runOrgApply(ctx, a, args[0], st) }
		}},
	}
}

// orgApplyState is shared by the question and the run of org apply: the
// question plans, and the run carries out the plan it asked about.
type orgApplyState struct {
	p       *orgPlanParams
	receipt string
	plan    *workflow.OrgPlan
}

// question plans and asks about the plan in one line. In the question of
// a dry run it looks nothing up.
func (st *orgApplyState) question(ctx context.Context, c *admin.Client, args []string) (string, error) {
	prune := "without --prune: nothing the file leaves out is removed"
	if st.p.prune {
		prune = "with --prune: what the file leaves out is removed or archived"
	}
	if dryRunQuestion(ctx) {
		return fmt.Sprintf("Apply %s to the organization (%s)? The plan is made first; org diff %s shows it.", args[0], prune, args[0]), nil
	}
	plan, err := st.p.plan(ctx, c, args[0])
	if err != nil {
		return "", err
	}
	st.plan = plan
	return orgApplyQuestion(plan, args[0]), nil
}

// orgApplyQuestion sums a plan up in one line: the changes counted by
// sign, what cannot be applied.
func orgApplyQuestion(plan *workflow.OrgPlan, file string) string {
	n := map[byte]int{}
	for _, c := range plan.Changes {
		if c.Description != "" {
			n[c.Description[0]]++
		}
	}
	var parts []string
	for _, k := range []struct {
		sign byte
		word string
	}{{'+', "add"}, {'~', "change"}, {'-', "remove"}} {
		if n[k.sign] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", k.word, n[k.sign]))
		}
	}
	q := fmt.Sprintf("Apply %s to %s %q: %d change(s) (%s)?", file, plan.Organization.ID, plan.Organization.Name, len(plan.Changes), strings.Join(parts, ", "))
	if n['-'] > 0 {
		q += " Removals and archives cannot be undone."
	}
	if len(plan.CannotApply) > 0 {
		q += fmt.Sprintf(" %d thing(s) in the file cannot be applied.", len(plan.CannotApply))
	}
	return q + " (org diff " + file + " lists them.)"
}

// runOrgApply runs org apply <file>: the plan the question asked about (or
// a new one with --yes), then the changes, then the receipt.
func runOrgApply(ctx context.Context, a *app, file string, st *orgApplyState) error {
	asJSON := a.g.output == "json"
	if !asJSON && a.g.output != "table" {
		return usageErrorf("org apply prints text or JSON (-o json), not %s", a.g.output)
	}
	var receipt *workflow.Receipt
	if st.receipt != "" {
		var err error
		if receipt, err = readReceiptFile(st.receipt); err != nil {
			return usageErrorf("%v", err)
		}
	}
	plan := st.plan
	if plan == nil {
		var err error
		if plan, err = st.p.plan(ctx, a.c, file); err != nil {
			return err
		}
	}
	if err := printOffboard(a, asJSON, plan, plan.String()); err != nil {
		return err
	}
	if len(plan.Changes) == 0 {
		return nil
	}
	if receipt == nil {
		receipt = &workflow.Receipt{}
	}
	receipt.Now = a.clock
	runErr := workflow.ApplyOrgChanges(ctx, a.c, plan, receipt)
	return finishWorkflow(a, asJSON, st.receipt, receipt, runErr, "what was done is not repeated")
}
