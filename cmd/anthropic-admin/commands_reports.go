package main

import (
	"cmp"
	"context"
	"flag"
	"math/big"
	"slices"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The report group answers what an admin asks first of the usage and cost
// reports: what did the range cost, and who used it? Unlike "usage cost"
// and "usage messages", which print the API's pages as they come, its
// commands read the whole range (every page, checked to tile the range:
// admin.CostService.Range), total it per group, resolve IDs to names and
// print the groups by size with a TOTAL row; --by-day keeps one row per
// day and group, --chart draws the days. Amounts are exact (admin.Cents),
// in the unit of --unit.

// reportCommands returns the report group.
func reportCommands() *command {
	rangeFlags := []flagSpec{
		{name: "from", field: "From", usage: "first day of the report (default: 6 days before today, so 7 days with today)"},
		{name: "to", field: "To", usage: "end of the report, exclusive (default: tomorrow, so today is in)", after: "from"},
	}
	const rangeHelp = "The range defaults to the last 7 UTC days, today included; every page of it is read.\n"
	return group("report", "Totals of cost and usage over a range, by workspace, model, API key or user, with names; charts, HTML and chargeback.",
		&command{name: "cost", op: admin.OpGetCostReport, report: true,
			summary: "Total cost per workspace, description or model over a range, largest first, with a TOTAL row.",
			details: rangeHelp +
				"Workspaces show by name (archived ones marked, the default workspace as Default, unknown IDs as\n" +
				"\"<id> (deleted)\"); --by-day prints a row per day and group, --chart a bar per day, stacked by group.\n" +
				"Amounts are exact dollars under cost_usd, or cents under cost_cents with --unit cents.",
			examples: []string{
				"anthropic-admin report cost",
				"# November by model, in cents, as CSV",
				"anthropic-admin report cost --from 2026-11-01 --to 2026-12-01 --by model --unit cents -o csv",
				"anthropic-admin report cost --chart",
			},
			flags: append(slices.Clone(rangeFlags),
				flagSpec{name: "by", field: "By", usage: "the `group` to total", values: []string{"workspace", "description", "model"}},
				flagSpec{name: "by-day", field: "ByDay", usage: "one row per day and group rather than totals"},
				flagSpec{name: "chart", field: "Chart", usage: "draw the cost per day as a bar chart, stacked by group"},
			),
			do: reportAction(runReportCost)},
		&command{name: "usage", op: admin.OpGetMessagesUsageReport, report: true,
			summary: "Total tokens per workspace, model, API key or user over a range, largest first, with a TOTAL row.",
			details: rangeHelp +
				"Cache writes (cache_creation) are counted. API keys and workspaces show by name, users by email;\n" +
				"deleted ones as \"<id> (deleted)\", usage without a key (Console) or a user as such.",
			examples: []string{
				"anthropic-admin report usage --by api-key",
				"anthropic-admin report usage --from 2026-10-01 --to 2026-11-01 --by account -o json",
				"anthropic-admin report usage --by model --chart",
			},
			flags: append(slices.Clone(rangeFlags),
				flagSpec{name: "by", field: "By", usage: "the `group` to total", values: []string{"workspace", "model", "api-key", "account"}},
				flagSpec{name: "by-day", field: "ByDay", usage: "one row per day and group rather than totals"},
				flagSpec{name: "chart", field: "Chart", usage: "draw the tokens per day as a bar chart, stacked by group"},
			),
			do: reportAction(runReportUsage)},
		&command{name: "html", op: admin.OpGetCostReport, report: true,
			summary: "Write a self-contained HTML report of cost and usage per workspace and model (redirect it to a file).",
			details: rangeHelp +
				"The page has inline SVG charts, tables and CSS: no scripts, fonts or anything else from the network.",
			examples: []string{
				"anthropic-admin report html > report.html",
				"anthropic-admin report html --from 2026-10-01 --to 2026-11-01 > october.html",
			},
			flags: rangeFlags,
			do:    reportAction(runReportHTML)},
		&command{name: "chargeback", op: admin.OpGetCostReport, report: true,
			summary: "Write a month's chargeback CSV: cost and tokens per workspace and per user, with names and totals.",
			details: "Workspace cost comes from the cost report (grouped by workspace), tokens from the usage report\n" +
				"(grouped by workspace, and by user account, joined to emails); their TOTAL rows equal the reports'\n" +
				"totals to the cent. Per-user cost comes from the Usage and Cost Analytics API (analytics/cost grouped\n" +
				"by actor, usage attributed to users only, exact fractional cents): its TOTAL is the analytics API's\n" +
				"user total for the month, which covers only users' usage (not API keys, service accounts or\n" +
				"unattributed cost), so it may differ from the workspace TOTAL; both are shown as they are. When the\n" +
				"analytics API refuses the month (before 2026, or over a year ago) the per-user cost stays empty and\n" +
				"a note says why. Writes CSV unless -o json is given.",
			examples: []string{
				"anthropic-admin report chargeback --month 2026-11 > chargeback-2026-11.csv",
			},
			flags: []flagSpec{{name: "month", field: "Month", usage: "the calendar `month`, YYYY-MM (UTC)", required: true}},
			do:    reportAction(runChargeback)},
	)
}

// reportAction returns the action of a report leaf: fn runs with the
// leaf's parameters P, which its flags set.
func reportAction[P any](fn func(ctx context.Context, a *app, p *P) error) action {
	return action{method: funcName(fn), setup: func(fs *flag.FlagSet, leaf *command) runFunc {
		p := new(P)
		leaf.bindFlags(fs, p)
		return func(ctx context.Context, a *app, _ []string) error { return fn(ctx, a, p) }
	}}
}

// reportRange is the range of a report: --from and --to.
type reportRange struct {
	From, To time.Time
}

// defaultDays is the length of the default range, today included.
const defaultDays = 7

// resolve returns the range to report: the flags, the missing ends
// filled in (to: tomorrow 00:00 UTC; from: defaultDays days before to).
func (r reportRange) resolve(now time.Time) (time.Time, time.Time) {
	from, to := r.From, r.To
	if to.IsZero() {
		to = now.UTC().Truncate(24 * time.Hour).Add(24 * time.Hour)
		if !from.IsZero() && !to.After(from) {
			to = from.Add(24 * time.Hour)
		}
	}
	if from.IsZero() {
		from = to.Add(-defaultDays * 24 * time.Hour)
	}
	return from.UTC(), to.UTC()
}

// costParams are the flags of report cost.
type costParams struct {
	reportRange
	By    string
	ByDay bool
	Chart bool
}

// usageParams are the flags of report usage.
type usageParams struct {
	reportRange
	By    string
	ByDay bool
	Chart bool
}

// tally is the total of one group of a report, or of one day of it: an
// amount (cost reports) or tokens (usage reports).
type tally struct {
	// day is the bucket's start, zero for the range's totals.
	day time.Time
	// id is the group's ID or value as the report has it; "" is null
	// (the default workspace, no API key, no user).
	id string
	// name is the group as people read it (see idNames).
	name string
	// currency is the amount's currency, "" or USD for dollars.
	currency string
	cost     admin.Cents
	tokens   admin.Tokens
	// total marks the TOTAL row.
	total bool
}

// share returns part's share of all, in percent with one decimal, or ""
// when all is zero. Display only: the amounts stay exact.
func share(part, all *big.Rat) string {
	if all.Sign() == 0 {
		return ""
	}
	r := new(big.Rat).Quo(part, all)
	return r.Mul(r, big.NewRat(100, 1)).FloatString(1)
}

// costTallies reads the cost report over [from, to) grouped as by says
// (workspace, description or model) and returns one tally per group, or
// per day and group with byDay.
func costTallies(ctx context.Context, a *app, from, to time.Time, by string, byDay bool) ([]tally, []time.Time, error) {
	params := &admin.GetCostReportParams{GroupBy: []admin.CostGroupBy{admin.CostGroupByDescription}}
	if by == "workspace" {
		params.GroupBy = []admin.CostGroupBy{admin.CostGroupByWorkspaceID}
	}
	type key struct {
		day     time.Time
		id, cur string
	}
	sums := map[key]admin.Cents{}
	var days []time.Time
	prog := startProgress(a)
	defer prog.erase()
	for b, err := range a.c.Cost.Range(ctx, from, to, params) {
		if err != nil {
			return nil, nil, err
		}
		days = append(days, b.StartingAt.UTC())
		prog.bucket(len(days))
		for _, r := range b.Results {
			k := key{cur: r.Currency}
			switch by {
			case "workspace":
				k.id = admin.ByWorkspace(r)
			case "model":
				k.id = str(r.Model)
			default:
				k.id = str(r.Description)
			}
			if k.cur == "USD" {
				k.cur = ""
			}
			if byDay {
				k.day = b.StartingAt.UTC()
			}
			sums[k] = sums[k].Add(r.Amount)
		}
	}
	out := make([]tally, 0, len(sums))
	for k, c := range sums {
		out = append(out, tally{day: k.day, id: k.id, currency: k.cur, cost: c})
	}
	return out, days, nil
}

// usageTallies reads the usage report over [from, to) grouped as by says
// (workspace, model, api-key or account) and returns one tally per group,
// or per day and group with byDay.
func usageTallies(ctx context.Context, a *app, from, to time.Time, by string, byDay bool) ([]tally, []time.Time, error) {
	dim, keyOf := usageDimension(by)
	params := &admin.GetMessagesUsageReportParams{GroupBy: []admin.MessagesUsageGroupBy{dim}}
	type key struct {
		day time.Time
		id  string
	}
	sums := map[key]admin.Tokens{}
	var days []time.Time
	prog := startProgress(a)
	defer prog.erase()
	for b, err := range a.c.MessagesUsage.Range(ctx, from, to, params) {
		if err != nil {
			return nil, nil, err
		}
		days = append(days, b.StartingAt.UTC())
		prog.bucket(len(days))
		for _, r := range b.Results {
			k := key{id: keyOf(r)}
			if byDay {
				k.day = b.StartingAt.UTC()
			}
			sums[k] = sums[k].Add(admin.TokensOf(r))
		}
	}
	out := make([]tally, 0, len(sums))
	for k, t := range sums {
		out = append(out, tally{day: k.day, id: k.id, tokens: t})
	}
	return out, days, nil
}

// bucketsPerPage is the page size of the daily reports that Range asks
// for: the largest, 31 days.
const bucketsPerPage = 31

// reportProgress is the progress line of a report on a terminal's stderr,
// page by page (nil draws nothing).
type reportProgress struct{ p *progress }

// startProgress draws the progress line of the first page.
func startProgress(a *app) reportProgress {
	r := reportProgress{a.newProgress(true)}
	r.p.fetching(1, 0)
	return r
}

// bucket notes that n daily buckets have come; a full page means the next
// one is being fetched.
func (r reportProgress) bucket(n int) {
	if n%bucketsPerPage == 0 {
		r.p.erase()
		r.p.fetching(n/bucketsPerPage+1, n)
	}
}

// erase erases the line.
func (r reportProgress) erase() { r.p.erase() }

// usageDimension returns the group-by dimension of --by for the usage
// report and the key of admin.UsageTotals that reads it.
func usageDimension(by string) (admin.MessagesUsageGroupBy, func(admin.MessagesUsageResult) string) {
	switch by {
	case "model":
		return admin.MessagesUsageGroupByModel, admin.UsageByModel
	case "api-key":
		return admin.MessagesUsageGroupByAPIKeyID, admin.UsageByAPIKey
	case "account":
		return admin.MessagesUsageGroupByAccountID, admin.UsageByAccount
	}
	return admin.MessagesUsageGroupByWorkspaceID, admin.UsageByWorkspace
}

// idNames resolves the IDs of the reports to what people read: workspace
// names, API key names and user emails, from the lists of the API. IDs
// the lists lack are shown as deleted, never dropped.
type idNames struct {
	workspaces, apiKeys, users map[string]string
}

// loadNames fetches the list that the dimension by needs ("workspace",
// "api-key" or "account"; others need none).
func loadNames(ctx context.Context, c *admin.Client, by ...string) (*idNames, error) {
	n := &idNames{}
	for _, b := range by {
		switch b {
		case "workspace":
			n.workspaces = map[string]string{}
			for w, err := range c.Workspaces.All(ctx, &admin.ListWorkspacesParams{IncludeArchived: true, IncludeDefault: true, Limit: 1000}) {
				if err != nil {
					return nil, err
				}
				name := w.Name
				if w.ArchivedAt != nil {
					name += " (archived)"
				}
				n.workspaces[w.ID] = name
			}
		case "api-key":
			n.apiKeys = map[string]string{}
			for k, err := range c.APIKeys.All(ctx, &admin.ListAPIKeysParams{Limit: 1000}) {
				if err != nil {
					return nil, err
				}
				name := k.Name
				if k.Status == admin.APIKeyStatusArchived {
					name += " (archived)"
				}
				n.apiKeys[k.ID] = name
			}
		case "account":
			n.users = map[string]string{}
			for u, err := range c.Users.All(ctx, &admin.ListUsersParams{Limit: 1000}) {
				if err != nil {
					return nil, err
				}
				n.users[u.ID] = u.Email
			}
		}
	}
	return n, nil
}

// defaultWorkspaceName is how the default workspace shows, which the
// reports leave null.
const defaultWorkspaceName = "Default"

// name returns how the group id of the dimension by shows.
func (n *idNames) name(by, id string) string {
	lookup := func(m map[string]string, null string) string {
		if id == "" {
			return null
		}
		if v, ok := m[id]; ok {
			return v
		}
		return id + " (deleted)"
	}
	switch by {
	case "workspace":
		return lookup(n.workspaces, defaultWorkspaceName)
	case "api-key":
		return lookup(n.apiKeys, "(no API key: Console)")
	case "account":
		return lookup(n.users, "(no user account)")
	case "model":
		if id == "" {
			return "(no model)"
		}
	case "description":
		if id == "" {
			return "(no description)"
		}
	}
	return id
}

// idShown returns the ID column's value of a group of the dimension by:
// the ID for the dimensions of IDs, "" for the others (whose name is the
// value itself).
func idShown(by string, t tally) string {
	switch by {
	case "workspace", "api-key", "account":
		return t.id
	}
	return ""
}

// sortTallies orders tallies by day, then size (cost, else tokens),
// largest first, then name, so that equal sizes print the same every time.
func sortTallies(ts []tally) {
	slices.SortFunc(ts, func(x, y tally) int {
		if c := x.day.Compare(y.day); c != 0 {
			return c
		}
		if c := y.cost.Cmp(x.cost); c != 0 {
			return c
		}
		if c := cmp.Compare(y.tokens.Total(), x.tokens.Total()); c != 0 {
			return c
		}
		return cmp.Or(cmp.Compare(x.name, y.name), cmp.Compare(x.id, y.id), cmp.Compare(x.currency, y.currency))
	})
}

// totalRows returns the TOTAL rows of ts: one per currency for costs (one
// for USD in practice), or one for tokens.
func totalRows(ts []tally, tokens bool) []tally {
	if tokens {
		t := tally{total: true, name: "TOTAL"}
		for _, x := range ts {
			t.tokens = t.tokens.Add(x.tokens)
		}
		return []tally{t}
	}
	byCur := map[string]*tally{}
	var curs []string
	for _, x := range ts {
		t := byCur[x.currency]
		if t == nil {
			t = &tally{total: true, name: "TOTAL", currency: x.currency}
			byCur[x.currency] = t
			curs = append(curs, x.currency)
		}
		t.cost = t.cost.Add(x.cost)
	}
	if len(curs) == 0 {
		return []tally{{total: true, name: "TOTAL"}}
	}
	slices.Sort(curs)
	out := make([]tally, len(curs))
	for i, c := range curs {
		out[i] = *byCur[c]
	}
	return out
}

// runReportCost runs report cost.
func runReportCost(ctx context.Context, a *app, p *costParams) error {
	return runTallied(ctx, a, p.reportRange, p.By, p.ByDay, p.Chart, false, costTallies, costChart)
}

// runReportUsage runs report usage.
func runReportUsage(ctx context.Context, a *app, p *usageParams) error {
	return runTallied(ctx, a, p.reportRange, p.By, p.ByDay, p.Chart, true, usageTallies, usageChart)
}

// runTallied runs a report command: it sums the range with tallies per
// group (by, default workspace) and per day when byDay or withChart, names
// the groups, then draws the chart with draw or prints the sorted rows
// (of tokens, or of cost).
func runTallied(ctx context.Context, a *app, r reportRange, by string, byDay, withChart, tokens bool,
	tallies func(context.Context, *app, time.Time, time.Time, string, bool) ([]tally, []time.Time, error),
	draw func([]tally, []time.Time) chart) error {
	by = cmp.Or(by, "workspace")
	from, to := r.resolve(a.clock())
	ts, days, err := tallies(ctx, a, from, to, by, byDay || withChart)
	if err != nil {
		return err
	}
	n, err := loadNames(ctx, a.c, by)
	if err != nil {
		return err
	}
	for i := range ts {
		ts[i].name = n.name(by, ts[i].id)
	}
	if withChart {
		c := draw(ts, days)
		c.title += ", by " + by
		return writeChart(a, c)
	}
	sortTallies(ts)
	return printTallies(a, by, byDay, tokens, ts)
}

// tallyJSON is a row of the reports in -o json: the unit is in the name
// of the amount's field (cost_usd, or cost_cents with --unit cents).
type tallyJSON struct {
	Date      string        `json:"date,omitempty"`
	ID        *string       `json:"id,omitempty"`
	Name      string        `json:"name"`
	Total     bool          `json:"total,omitempty"`
	CostUSD   string        `json:"cost_usd,omitempty"`
	CostCents string        `json:"cost_cents,omitempty"`
	Currency  string        `json:"currency,omitempty"`
	Share     string        `json:"share_percent,omitempty"`
	Tokens    *admin.Tokens `json:"tokens,omitempty"`
	TotalTok  *int64        `json:"total_tokens,omitempty"`
}

// printTallies prints the report's rows then its TOTAL rows, in the output
// format and unit of the flags.
func printTallies(a *app, by string, byDay, tokens bool, ts []tally) error {
	totals := totalRows(ts, tokens)
	all := new(big.Rat)
	if !tokens && len(totals) == 1 {
		all = totals[0].cost.Rat()
	}
	if tokens {
		all.SetInt64(totals[0].tokens.Total())
	}
	var cols []column[tally]
	if byDay {
		cols = append(cols, col("date", func(t tally) string {
			if t.total {
				return ""
			}
			return t.day.Format(time.DateOnly)
		}))
	}
	idName, nameName := reportColumnNames(by)
	if idName != "" {
		cols = append(cols, col(idName, func(t tally) string { return idShown(by, t) }))
	}
	cols = append(cols, col(nameName, func(t tally) string { return t.name }))
	part := func(t tally) *big.Rat {
		if tokens {
			return new(big.Rat).SetInt64(t.tokens.Total())
		}
		return t.cost.Rat()
	}
	if tokens {
		cols = append(cols, tokenCols()...)
	} else {
		cols = append(cols, moneyCol("cost", func(t tally) (admin.Cents, string) { return t.cost, t.currency }))
	}
	if !byDay {
		cols = append(cols, col("share_percent", func(t tally) string {
			if !tokens && t.currency != totals[0].currency {
				return ""
			}
			return share(part(t), all)
		}))
	}
	vw := flat(cols...).in(a.g.unit)
	s := newSink(a.output(), a.stdout, true, vw.header)
	for _, t := range append(ts, totals...) {
		j := tallyJSON{Name: t.name, Total: t.total}
		if byDay && !t.total {
			j.Date = t.day.Format(time.DateOnly)
		}
		if !t.total && idName != "" && t.id != "" {
			id := t.id
			j.ID = &id
		}
		if tokens {
			tok := t.tokens
			total := tok.Total()
			j.Tokens, j.TotalTok = &tok, &total
		} else {
			if a.g.unit == unitCents {
				j.CostCents = t.cost.String()
			} else {
				j.CostUSD = t.cost.Dollars()
			}
			j.Currency = t.currency
		}
		if !byDay && (tokens || t.currency == totals[0].currency) {
			j.Share = share(part(t), all)
		}
		if err := s.item(j, vw.rows(t)); err != nil {
			return err
		}
	}
	return s.end()
}

// reportColumnNames returns the headers of the ID and name columns of the
// dimension by; the ID header is "" when the name is the value itself.
func reportColumnNames(by string) (string, string) {
	switch by {
	case "workspace":
		return "workspace_id", "workspace"
	case "api-key":
		return "api_key_id", "api_key"
	case "account":
		return "account_id", "email"
	}
	return "", by
}

// tokenCols are the columns of a tally's tokens.
func tokenCols() []column[tally] {
	return append(tokenColsOf(func(t tally) admin.Tokens { return t.tokens }),
		col("web_search_requests", func(t tally) string { return num(t.tokens.WebSearchRequests) }))
}

// checkMonth parses --month, YYYY-MM, into the month's range.
func checkMonth(s string) (time.Time, time.Time, error) {
	m, err := time.Parse("2006-01", s)
	if err != nil {
		return time.Time{}, time.Time{}, usageErrorf("--month: %q is not a month (YYYY-MM)", s)
	}
	return m, m.AddDate(0, 1, 0), nil
}

// fmtTokens formats a number of tokens with thousands separators.
func fmtTokens(n int64) string {
	s := num(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
