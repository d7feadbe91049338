package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// activityView prints activities: the fields every activity has, the
// actor flattened; the type-specific fields are in -o json.
func activityView() view[admin.ComplianceActivity] {
	return fieldView[admin.ComplianceActivity]("id", "created_at", "type", "actor.type", "actor.email_address", "organization_id")
}

// activityFilterFlags are the filters the list and the export share.
var activityFilterFlags = []flagSpec{
	{name: "type", field: "ActivityTypes", usage: "only activities of these `types`, such as claude_chat_created"},
	{name: "actor", field: "ActorIDs", usage: "only activities of these actor `IDs` (user_...)"},
	{name: "org", field: "OrganizationIDs", usage: "only activities of these organization `IDs` (org_... or UUIDs), and those of no organization"},
}

// complianceActivitiesCommands returns the activities group of compliance:
// the Activity Feed, which the Compliance key or, without one, an Admin
// key with the read:compliance_activities scope can read.
func complianceActivitiesCommands() *command {
	return group("activities", "The Activity Feed, the organization's audit log (the Compliance key, or an Admin key with the activities scope).",
		&command{name: "list", op: admin.OpListComplianceActivities, summary: "List activities, newest first.",
			flags: append(append([]flagSpec{}, activityFilterFlags...),
				flagSpec{name: "exclude-type", field: "ExcludeActivityTypes", usage: "leave out activities of these `types`"},
				flagSpec{name: "since", field: "CreatedAtGte", usage: "only activities at or after this `time`"},
				flagSpec{name: "until", field: "CreatedAtLt", usage: "only activities before this `time`", after: "since"},
			),
			examples: []string{
				"anthropic-admin compliance activities list --limit 20",
				"# Sign-ins of the last day, as JSON with every field",
				"anthropic-admin compliance activities list --type sso_login_succeeded --since 2026-11-28 --all -o json",
			},
			do: list0((*admin.ComplianceActivitiesService).Pages, activityView())},
		&command{name: "export", op: admin.OpListComplianceActivities, summary: "Export the Activity Feed to a file, incrementally and resumably, oldest first.",
			details: "Each run continues where the last one stopped, recorded in the cursor file after each page is written and flushed: " +
				"a crash, kill or Ctrl-C never loses or duplicates a record in the file (with --file -, the last page may come again). " +
				"JSONL lines are the API's objects as received; CSV has the columns " + join(admin.ExportCSVColumns, ", ") + ".",
			flags: append(append([]flagSpec{}, activityFilterFlags...),
				flagSpec{name: "since", field: "Since", usage: "start the first run at this `time` instead of the oldest activity"},
				flagSpec{name: "until", field: "Until", usage: "stop before this `time`", after: "since"},
				flagSpec{name: "file", field: "File", usage: "the output `file`, appended to; - for standard output", required: true},
				flagSpec{name: "format", field: "Format", usage: "the output `format`", values: []string{admin.ExportJSONL, admin.ExportCSV}},
				flagSpec{name: "cursor", field: "Cursor", usage: "the cursor `file` (default: the output file + .cursor; required with --file -)"},
				flagSpec{name: "follow", field: "Follow", usage: "keep polling for new activities until interrupted"},
				flagSpec{name: "exclude-own", field: "ExcludeOwn", usage: "leave out the compliance_api_accessed records of the export's own requests"},
				flagSpec{name: "page-size", field: "PageSize", usage: "activities per request, 1 to 5000 (default 1000)"},
				flagSpec{name: "rate", field: "Rate", usage: fmt.Sprintf("requests per minute, at most %d, the budget of the parent organization (default %d)", admin.MaxExportRequestsPerMinute, admin.DefaultExportRequestsPerMinute)},
			),
			examples: []string{
				"# First run from the beginning, then one run a day (cron) appending what is new",
				"anthropic-admin compliance activities export --file audit.jsonl",
				"# Follow the feed into a CSV file, leaving out the export's own Compliance API calls",
				"anthropic-admin compliance activities export --file audit.csv --format csv --since 2026-11-01 --follow --exclude-own",
			},
			do: exportActivitiesAction()},
	)
}

// exportParams are the flags of compliance activities export.
type exportParams struct {
	ActivityTypes, ActorIDs, OrganizationIDs []string
	Since, Until                             time.Time
	File, Format, Cursor                     string
	Follow, ExcludeOwn                       bool
	PageSize, Rate                           int
}

// exportActivitiesAction returns the action of compliance activities
// export, with its duration flags.
func exportActivitiesAction() action {
	return action{method: funcName(runActivityExport), setup: func(fs *flag.FlagSet, leaf *command) runFunc {
		p := new(exportParams)
		leaf.bindFlags(fs, p)
		poll := fs.Duration("poll", 30*time.Second, "with --follow, how long to wait between polls once caught up")
		settle := fs.Duration("settle", time.Minute, "stay this far behind the present, so that activities that become queryable late (up to a minute, the docs say) are not missed; 0 disables")
		return func(ctx context.Context, a *app, _ []string) error {
			return runActivityExport(ctx, a, p, *poll, *settle)
		}
	}}
}

// runActivityExport runs the export and reports what it did on stderr.
func runActivityExport(ctx context.Context, a *app, p *exportParams, poll, settle time.Duration) error {
	cursor := p.Cursor
	if cursor == "" {
		if p.File == "-" {
			return usageErrorf("--cursor is required with --file -")
		}
		cursor = p.File + ".cursor"
	}
	if p.Rate < 0 {
		return usageErrorf("--rate must be positive")
	}
	if poll <= 0 || settle < 0 {
		return usageErrorf("--poll must be positive and --settle not negative")
	}
	e := &admin.ActivityExporter{
		Client: a.c, Output: p.File, Stdout: a.stdout, Format: p.Format, CursorFile: cursor,
		ActivityTypes: p.ActivityTypes, ActorIDs: p.ActorIDs, OrganizationIDs: p.OrganizationIDs,
		Since: p.Since, Until: p.Until, PageSize: p.PageSize, Follow: p.Follow, PollInterval: poll,
		RequestsPerMinute: p.Rate, Settle: settle, ExcludeOwn: p.ExcludeOwn, KeepFormulas: a.g.csvFormulas,
	}
	if a.g.debug {
		e.Logf = func(format string, args ...any) { fmt.Fprintf(a.stderr, format+"\n", args...) }
	}
	st, err := e.Run(ctx)
	fmt.Fprintf(a.stderr, "%s: exported %d activities (%d of its own left out) in %d requests; cursor %s\n", progName, st.Delivered, st.SkippedOwn, st.Requests, cursor)
	return err
}
