package main

import (
	"context"
	"flag"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// hygieneCommand returns "api-keys hygiene", the CLI client of
// workflow.KeyHygiene and workflow.DeactivateFlaggedKeys. It is not a
// destructive leaf (no confirm: the report only reads); with --deactivate
// it asks its own question, after the report, through app.confirm.
func hygieneCommand() *command {
	return &command{
		name:    "hygiene",
		op:      admin.OpListAPIKeys,
		summary: "Report API keys that are expiring, unused, orphaned or bound to no principal; --deactivate them.",
		details: `Reads the API keys (active ones unless --include-inactive), the members and
the Messages usage report by API key over the unused window (one range of
the report, never a request per key), and prints one row per key that needs
attention, with its reasons:

  expiring      expires within --expiring-within (default 30d)
  unused        no usage over --unused-for (default 90d, from midnight UTC);
                a key created inside that window is not unused
  creator_gone  created by a user who is no longer a member
  no_principal  bound to no user or service account

last_used is the last day with usage in the window. --only keeps some
reasons (and skips the requests the others need). -o csv and -o json print
the report as CSV rows or as one JSON object with the counts.

--deactivate shows the plan (the flagged active keys and why), asks (or
--yes), deactivates them one by one and prints a receipt; --receipt writes
it as JSON. Running the same command again with the same --receipt after a
failure finishes the job: the keys already deactivated are inactive and no
longer in the report. --deactivate --dry-run reads the report and prints
the plan, and asks nothing and changes nothing.`,
		examples: []string{
			"anthropic-admin api-keys hygiene",
			"anthropic-admin api-keys hygiene --expiring-within 14d --unused-for 60d -o csv",
			"# deactivate the keys whose creator has left, keeping a receipt",
			"anthropic-admin api-keys hygiene --only creator_gone --deactivate --receipt hygiene.json --yes",
			"anthropic-admin api-keys hygiene --deactivate --dry-run",
		},
		destructiveWith: "--deactivate",
		do: action{method: funcName(runHygiene), setup: func(fs *flag.FlagSet, _ *command) runFunc {
			p := &hygieneParams{expiring: workflow.DefaultExpiringWithin, unused: workflow.DefaultUnusedFor}
			fs.Var(daysValue{&p.expiring}, "expiring-within", "flag keys expiring within this `duration`, such as 30d or 36h")
			fs.Var(daysValue{&p.unused}, "unused-for", "flag keys without usage for this `duration`, such as 90d")
			reasons := make([]string, 0, 4)
			for _, r := range workflow.HygieneReasons() {
				reasons = append(reasons, string(r))
			}
			fs.Var(&listValue{reflect.ValueOf(&p.only).Elem(), reasons}, "only", "check only these `reasons` ("+strings.Join(reasons, ", ")+"); repeatable, or comma-separated")
			fs.BoolVar(&p.inactive, "include-inactive", false, "check inactive, expired and archived keys too")
			fs.StringVar(&p.asOf, "as-of", "", "evaluate at this `time` (RFC 3339 or YYYY-MM-DD; default now)")
			fs.BoolVar(&p.deactivate, "deactivate", false, "deactivate the flagged active keys, after the plan and a confirmation")
			fs.BoolVar(&p.planOnly, "dry-run", false, "with --deactivate: print the report and the plan, and change nothing")
			fs.StringVar(&p.receipt, "receipt", "", "with --deactivate: JSON `file` for the receipt; an existing one is read first, to finish an earlier run")
			return func(ctx context.Context, a *app, args []string) error { return runHygiene(ctx, a, args, p) }
		}},
	}
}

// hygieneParams are the flags of api-keys hygiene.
type hygieneParams struct {
	expiring, unused time.Duration
	only             []workflow.HygieneReason
	inactive         bool
	asOf             string
	deactivate       bool
	planOnly         bool
	receipt          string
}

// daysValue is a flag.Value of a duration that also takes whole days,
// such as 30d.
type daysValue struct{ d *time.Duration }

// String implements flag.Value.
func (v daysValue) String() string {
	if v.d == nil {
		return ""
	}
	if *v.d%(24*time.Hour) == 0 {
		return strconv.FormatInt(int64(*v.d/(24*time.Hour)), 10) + "d"
	}
	return v.d.String()
}

// Set implements flag.Value.
func (v daysValue) Set(s string) error {
	var d time.Duration
	if n, ok := strings.CutSuffix(s, "d"); ok {
		days, err := strconv.Atoi(n)
		if err != nil || days < 0 || days > 10000 {
			return fmt.Errorf("%q is not a number of days, such as 30d", s)
		}
		d = time.Duration(days) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return fmt.Errorf("%q is not a duration, such as 30d or 36h", s)
		}
	}
	if d <= 0 {
		return fmt.Errorf("%q: the duration must be positive", s)
	}
	*v.d = d
	return nil
}

// hygieneView prints a flagged key as a table or CSV row.
func hygieneView() view[workflow.HygieneKey] {
	return flat(
		col("id", func(k workflow.HygieneKey) string { return k.ID }),
		col("name", func(k workflow.HygieneKey) string { return k.Name }),
		col("status", func(k workflow.HygieneKey) string { return string(k.Status) }),
		col("workspace_id", func(k workflow.HygieneKey) string { return k.WorkspaceID }),
		col("created_by", func(k workflow.HygieneKey) string {
			switch {
			case k.CreatorEmail != "":
				return k.CreatorEmail
			case k.CreatedBy != nil:
				return k.CreatedBy.ID
			}
			return ""
		}),
		col("expires_at", func(k workflow.HygieneKey) string {
			if k.ExpiresAt == nil {
				return ""
			}
			return ts(*k.ExpiresAt)
		}),
		col("last_used", func(k workflow.HygieneKey) string {
			if k.LastUsed == nil {
				return ""
			}
			return k.LastUsed.Format(time.DateOnly)
		}),
		col("reasons", func(k workflow.HygieneKey) string {
			r := make([]string, len(k.Findings))
			for i, f := range k.Findings {
				r[i] = string(f.Reason)
			}
			return strings.Join(r, ",")
		}),
		col("details", func(k workflow.HygieneKey) string {
			d := make([]string, len(k.Findings))
			for i, f := range k.Findings {
				d[i] = f.Detail
			}
			return strings.Join(d, "; ")
		}),
	)
}

// runHygiene runs api-keys hygiene.
func runHygiene(ctx context.Context, a *app, _ []string, p *hygieneParams) error {
	if !p.deactivate && (p.planOnly || p.receipt != "") {
		return usageErrorf("--dry-run and --receipt go with --deactivate")
	}
	now := a.clock
	if p.asOf != "" {
		t, err := time.Parse(time.RFC3339, p.asOf)
		if err != nil {
			if t, err = time.Parse(time.DateOnly, p.asOf); err != nil {
				return usageErrorf("--as-of %q: want RFC 3339 (2026-11-01T12:00:00Z) or a date (2026-11-01)", p.asOf)
			}
		}
		now = func() time.Time { return t }
	}
	var prev *workflow.Receipt
	if p.receipt != "" {
		var err error
		if prev, err = readReceiptFile(p.receipt); err != nil {
			return err
		}
		if prev != nil && prev.Workflow != workflow.WorkflowKeyHygiene {
			return usageErrorf("%s is not a key hygiene receipt", p.receipt)
		}
	}
	report, err := workflow.KeyHygiene(ctx, a.c, workflow.HygieneOptions{
		ExpiringWithin: p.expiring, UnusedFor: p.unused, Now: now, IncludeInactive: p.inactive, Only: p.only,
	})
	if err != nil {
		return err
	}
	text := a.g.output == "table" && a.g.jq == ""
	if err := printHygiene(a, report); err != nil {
		return err
	}
	if !p.deactivate {
		return nil
	}
	steps := report.Steps()
	if text {
		fmt.Fprintf(a.stdout, "\nPlan: deactivate %d API key(s)\n", len(steps))
		for i, s := range steps {
			fmt.Fprintf(a.stdout, "  %d. %s\n", i+1, safeText(s.Description))
		}
	}
	if len(steps) == 0 {
		fmt.Fprintln(a.stderr, "nothing to deactivate")
		return nil
	}
	if p.planOnly {
		fmt.Fprintf(a.stderr, "--dry-run: %d API key(s) would be deactivated; nothing was changed\n", len(steps))
		return nil
	}
	q := hygieneQuestion(report, len(steps))
	if err := a.confirm(ctx, func(context.Context, *admin.Client, []string) (string, error) { return q, nil }, nil); err != nil {
		return err
	}
	receipt := prev
	if receipt == nil {
		receipt = &workflow.Receipt{}
	}
	receipt.Now = a.clock
	runErr := workflow.DeactivateFlaggedKeys(ctx, a.c, report, receipt)
	return finishWorkflow(a, !text, p.receipt, receipt, runErr, "the keys deactivated are not in the report any more")
}

// printHygiene prints the report: a table or CSV rows of the flagged keys
// (the table followed by the counts), or the whole report as one JSON,
// YAML or --jq value.
func printHygiene(a *app, r *workflow.HygieneReport) error {
	o := a.output()
	if o.jq != "" || (o.format != "table" && o.format != "csv") {
		s := newSink(o, a.stdout, false, nil)
		if err := s.item(r, nil); err != nil {
			return err
		}
		return s.end()
	}
	vw := hygieneView()
	s := newSink(o, a.stdout, true, vw.header)
	for _, k := range r.Keys {
		if err := s.item(k, vw.rows(k)); err != nil {
			return err
		}
	}
	if err := s.end(); err != nil {
		return err
	}
	if o.format != "table" {
		return nil
	}
	which := "active"
	if r.IncludeInactive {
		which = "checked"
	}
	counts := make([]string, 0, len(r.Checked))
	for _, reason := range r.Checked {
		counts = append(counts, fmt.Sprintf("%s %d", reason, r.Counts[reason]))
	}
	fmt.Fprintf(a.stdout, "%d of %d %s keys flagged: %s\n", len(r.Keys), r.KeysChecked, which, strings.Join(counts, ", "))
	if !r.ExpiringBefore.IsZero() {
		fmt.Fprintf(a.stdout, "Expiring: before %s.\n", ts(r.ExpiringBefore))
	}
	if !r.UnusedSince.IsZero() {
		fmt.Fprintf(a.stdout, "Unused: no usage since %s.\n", r.UnusedSince.Format(time.DateOnly))
	}
	for _, n := range r.Notes {
		fmt.Fprintf(a.stdout, "Note: %s\n", safeText(n))
	}
	return nil
}

// hygieneQuestion is the confirmation question of --deactivate: the keys
// counted by reason.
func hygieneQuestion(r *workflow.HygieneReport, n int) string {
	byReason := map[workflow.HygieneReason]int{}
	for _, k := range r.Keys {
		if k.Status != admin.APIKeyStatusActive {
			continue
		}
		for _, f := range k.Findings {
			byReason[f.Reason]++
		}
	}
	var parts []string
	for _, reason := range workflow.HygieneReasons() {
		if byReason[reason] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", reason, byReason[reason]))
		}
	}
	return fmt.Sprintf("Deactivate %d API key(s) (%s)? Requests with them fail until they are activated again.", n, strings.Join(parts, ", "))
}
