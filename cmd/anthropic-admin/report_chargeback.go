package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// chargebackParams are the flags of report chargeback.
type chargebackParams struct {
	// Month is --month, YYYY-MM.
	Month string
}

// userCosts is the source of the cost per user account over [from, to),
// keyed by user account ID: the legacy cost report has no user
// dimension, so it reads the Usage and Cost Analytics API
// ([analyticsUserCosts]). Tests replace it; nil leaves the column empty.
var userCosts = analyticsUserCosts

// analyticsUserCosts reads the cost per user over [from, to) from the
// Usage and Cost Analytics API: analytics/cost grouped by actor, only the
// usage attributed to users, summed exactly (the amounts are fractional
// cents) per user account ID. It refuses amounts in another currency
// than USD.
func analyticsUserCosts(ctx context.Context, c *admin.Client, from, to time.Time) (map[string]admin.Cents, error) {
	out := map[string]admin.Cents{}
	p := &admin.ListAnalyticsCostParams{StartingAt: from, EndingAt: to, GroupBy: []admin.AnalyticsCostGroupBy{admin.AnalyticsCostGroupByActor},
		ActorTypes: []admin.AnalyticsActorType{admin.AnalyticsActorTypeUserActor}}
	for it, err := range c.AnalyticsCost.All(ctx, p) {
		if err != nil {
			return nil, err
		}
		if it.Cost.Currency != "" && it.Cost.Currency != "USD" {
			return nil, &exitError{1, "the analytics API has amounts in " + it.Cost.Currency + ": this chargeback only adds up USD"}
		}
		id := "" // usage the API could not attribute to a user ID
		if a := it.Group.Actor; a != nil && a.UserID != nil {
			id = *a.UserID
		}
		out[id] = out[id].Add(it.Cost.Amount)
	}
	return out, nil
}

// analyticsRefused reports whether err is the analytics API (or the
// client, before sending) refusing the month's range, such as a month
// before 2026 or over a year ago: the chargeback then leaves the per-user
// cost empty rather than failing.
func analyticsRefused(err error) bool {
	return errors.Is(err, admin.ErrInvalidInput) || errors.Is(err, admin.ErrInvalidRequest)
}

// chargeRow is a row of the chargeback: a workspace or a user, or the
// TOTAL of either section.
type chargeRow struct {
	Section string       `json:"section"`
	ID      string       `json:"id,omitempty"`
	Name    string       `json:"name"`
	Total   bool         `json:"total,omitempty"`
	Cost    *admin.Cents `json:"-"`
	Tokens  admin.Tokens `json:"tokens"`
	// CostUSD and CostCents carry the cost in -o json, in the unit of
	// --unit; both are absent when the cost is unknown.
	CostUSD   string `json:"cost_usd,omitempty"`
	CostCents string `json:"cost_cents,omitempty"`
	TotalTok  int64  `json:"total_tokens"`
}

// optionalMoney returns c, a money column (see moneyCol), printing "" for
// the rows whose amount is unknown, in every unit.
func optionalMoney[T any](c column[T], known func(T) bool) column[T] {
	wrap := func(c column[T]) column[T] {
		get := c.get
		c.get = func(v T) string {
			if !known(v) {
				return ""
			}
			return get(v)
		}
		return c
	}
	inUnit := c.inUnit
	out := wrap(c)
	out.inUnit = func(unit string) column[T] { return wrap(inUnit(unit)) }
	return out
}

// chargebackView is the view of the chargeback's rows.
func chargebackView() view[chargeRow] {
	return flat(append([]column[chargeRow]{
		col("section", func(r chargeRow) string { return r.Section }),
		col("id", func(r chargeRow) string { return r.ID }),
		col("name", func(r chargeRow) string { return r.Name }),
		optionalMoney(moneyCol("cost", func(r chargeRow) (admin.Cents, string) { return *r.Cost, "" }), func(r chargeRow) bool { return r.Cost != nil }),
	}, tokenColsOf(func(r chargeRow) admin.Tokens { return r.Tokens })...)...)
}

// tokenColsOf are the token columns of T.
func tokenColsOf[T any](tokens func(T) admin.Tokens) []column[T] {
	tok := func(name string, f func(admin.Tokens) int64) column[T] {
		return col(name, func(v T) string { return num(f(tokens(v))) })
	}
	return []column[T]{
		tok("uncached_input_tokens", func(t admin.Tokens) int64 { return t.UncachedInput }),
		tok("cache_creation_input_tokens", admin.Tokens.CacheCreation),
		tok("cache_read_input_tokens", func(t admin.Tokens) int64 { return t.CacheRead }),
		tok("output_tokens", func(t admin.Tokens) int64 { return t.Output }),
		tok("total_tokens", admin.Tokens.Total),
	}
}

// runChargeback runs report chargeback: the month's cost and tokens per
// workspace, then tokens and cost (from the analytics API, when it
// accepts the month) per user, each section with its TOTAL row. Written as CSV unless -o json.
func runChargeback(ctx context.Context, a *app, p *chargebackParams) error {
	from, to, err := checkMonth(p.Month)
	if err != nil {
		return err
	}
	costWs, _, err := costTallies(ctx, a, from, to, "workspace", false)
	if err != nil {
		return err
	}
	for _, t := range costWs {
		if t.currency != "" {
			return &exitError{1, "the cost report has amounts in " + t.currency + ": this chargeback only adds up USD"}
		}
	}
	tokWs, _, err := usageTallies(ctx, a, from, to, "workspace", false)
	if err != nil {
		return err
	}
	tokUsers, _, err := usageTallies(ctx, a, from, to, "account", false)
	if err != nil {
		return err
	}
	var perUser map[string]admin.Cents
	if userCosts != nil {
		if perUser, err = userCosts(ctx, a.c, from, to); analyticsRefused(err) {
			fmt.Fprintf(a.stderr, "anthropic-admin: no per-user cost for %s: the analytics API refused the range: %v\n", p.Month, err)
			perUser = nil
		} else if err != nil {
			return err
		}
	}
	n, err := loadNames(ctx, a.c, "workspace", "account")
	if err != nil {
		return err
	}

	// Workspaces: the union of those with cost and those with tokens.
	ws := map[string]*chargeRow{}
	row := func(id string) *chargeRow {
		r := ws[id]
		if r == nil {
			zero := admin.Cents{}
			r = &chargeRow{Section: "workspace", ID: id, Name: n.name("workspace", id), Cost: &zero}
			ws[id] = r
		}
		return r
	}
	for _, t := range costWs {
		c := row(t.id).Cost.Add(t.cost)
		row(t.id).Cost = &c
	}
	for _, t := range tokWs {
		row(t.id).Tokens = row(t.id).Tokens.Add(t.tokens)
	}
	wsRows := make([]chargeRow, 0, len(ws))
	for _, r := range ws {
		wsRows = append(wsRows, *r)
	}
	slices.SortFunc(wsRows, func(x, y chargeRow) int {
		return cmp.Or(y.Cost.Cmp(*x.Cost), cmp.Compare(y.Tokens.Total(), x.Tokens.Total()), cmp.Compare(x.Name, y.Name), cmp.Compare(x.ID, y.ID))
	})
	wsTotal := chargeRow{Section: "workspace", Name: "TOTAL", Total: true, Cost: new(admin.Cents)}
	for _, r := range wsRows {
		*wsTotal.Cost = wsTotal.Cost.Add(*r.Cost)
		wsTotal.Tokens = wsTotal.Tokens.Add(r.Tokens)
	}

	var userRows []chargeRow
	userTotal := chargeRow{Section: "user", Name: "TOTAL", Total: true}
	if perUser != nil {
		userTotal.Cost = new(admin.Cents)
	}
	// Users: those with tokens, and those with cost but no tokens (the
	// analytics API's attribution differs from the usage report's).
	users := map[string]*chargeRow{}
	for _, t := range tokUsers {
		users[t.id] = &chargeRow{Section: "user", ID: t.id, Name: n.name("account", t.id), Tokens: t.tokens}
	}
	for id, c := range perUser {
		if users[id] == nil {
			users[id] = &chargeRow{Section: "user", ID: id, Name: n.name("account", id)}
		}
		users[id].Cost = &c
	}
	for _, r := range users {
		// A user without analytics cost cost 0; the tokens of no user
		// account have no user cost (the analytics user total leaves
		// them out).
		if perUser != nil && r.Cost == nil && r.ID != "" {
			r.Cost = new(admin.Cents)
		}
		if r.Cost != nil {
			*userTotal.Cost = userTotal.Cost.Add(*r.Cost)
		}
		userTotal.Tokens = userTotal.Tokens.Add(r.Tokens)
		userRows = append(userRows, *r)
	}
	slices.SortFunc(userRows, func(x, y chargeRow) int {
		c := 0
		if x.Cost != nil && y.Cost != nil {
			c = y.Cost.Cmp(*x.Cost)
		}
		return cmp.Or(c, cmp.Compare(y.Tokens.Total(), x.Tokens.Total()), cmp.Compare(x.Name, y.Name), cmp.Compare(x.ID, y.ID))
	})

	out := a.output()
	if out.format == "table" {
		out.format = "csv"
	}
	vw := chargebackView().in(a.g.unit)
	s := newSink(out, a.stdout, true, vw.header)
	rows := slices.Concat(wsRows, []chargeRow{wsTotal}, userRows, []chargeRow{userTotal})
	for _, r := range rows {
		j := r
		j.TotalTok = r.Tokens.Total()
		if r.Cost != nil {
			if a.g.unit == unitCents {
				j.CostCents = r.Cost.String()
			} else {
				j.CostUSD = r.Cost.Dollars()
			}
		}
		if err := s.item(j, vw.rows(r)); err != nil {
			return err
		}
	}
	return s.end()
}
