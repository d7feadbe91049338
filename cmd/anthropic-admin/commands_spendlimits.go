package main

import (
	"cmp"
	"context"
	"flag"
	"fmt"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// The spend-limits group: spend limits, members' effective limits and
// their increase requests. The API's amounts are whole cents; the command
// prints them in dollars (columns named *_usd) and reads them in dollars
// (--amount-usd), exactly, refusing a fraction of a cent.

func spendLimitView() view[admin.SpendLimit] {
	return flat(
		field[admin.SpendLimit]("id"),
		field[admin.SpendLimit]("scope.type"),
		col("scope.id", func(l admin.SpendLimit) string { return scopeID(l.Scope) }),
		field[admin.SpendLimit]("period"),
		optionalMoneyCol("amount", func(l admin.SpendLimit) (*admin.Cents, string) { return l.Amount, l.Currency }),
		field[admin.SpendLimit]("is_enabled"),
		field[admin.SpendLimit]("updated_at"),
	)
}

func spendLimitDeletedView() view[admin.SpendLimitDeleted] {
	return fieldView[admin.SpendLimitDeleted]("id", "type")
}

func spendSummaryView() view[admin.SpendSummary] {
	return flat(
		field[admin.SpendSummary]("scope.user_id"),
		field[admin.SpendSummary]("actor.email_address"),
		field[admin.SpendSummary]("period"),
		optionalMoneyCol("amount", func(s admin.SpendSummary) (*admin.Cents, string) { return s.Amount, s.Currency }),
		moneyCol("period_to_date_spend", func(s admin.SpendSummary) (admin.Cents, string) { return s.PeriodToDateSpend, s.Currency }),
		field[admin.SpendSummary]("source.type"),
		col("source.id", func(s admin.SpendSummary) string { return scopeID(s.Source) }),
		field[admin.SpendSummary]("spend_limit_id"),
	)
}

func increaseRequestView() view[admin.SpendLimitIncreaseRequest] {
	return flat(
		field[admin.SpendLimitIncreaseRequest]("id"),
		field[admin.SpendLimitIncreaseRequest]("actor.user_id"),
		field[admin.SpendLimitIncreaseRequest]("actor.email_address"),
		field[admin.SpendLimitIncreaseRequest]("period"),
		field[admin.SpendLimitIncreaseRequest]("status"),
		optionalMoneyCol("limit", func(r admin.SpendLimitIncreaseRequest) (*admin.Cents, string) { return summaryAmount(r.SpendSummary) }),
		optionalMoneyCol("period_to_date_spend", func(r admin.SpendLimitIncreaseRequest) (*admin.Cents, string) { return summarySpend(r.SpendSummary) }),
		field[admin.SpendLimitIncreaseRequest]("created_at"),
		field[admin.SpendLimitIncreaseRequest]("resolved_at"),
	)
}

func approvedRequestView() view[admin.ApprovedSpendLimitIncreaseRequest] {
	return flat(
		field[admin.ApprovedSpendLimitIncreaseRequest]("id"),
		field[admin.ApprovedSpendLimitIncreaseRequest]("actor.user_id"),
		field[admin.ApprovedSpendLimitIncreaseRequest]("status"),
		field[admin.ApprovedSpendLimitIncreaseRequest]("spend_limit.id"),
		field[admin.ApprovedSpendLimitIncreaseRequest]("spend_limit.period"),
		optionalMoneyCol("spend_limit.amount", func(r admin.ApprovedSpendLimitIncreaseRequest) (*admin.Cents, string) {
			return r.SpendLimit.Amount, r.SpendLimit.Currency
		}),
		field[admin.ApprovedSpendLimitIncreaseRequest]("resolved_at"),
	)
}

// optionalMoneyCol is moneyCol for an amount that may be null, such as a
// spend limit's (no cap): the cell is empty then, never 0.00.
func optionalMoneyCol[T any](name string, amount func(T) (*admin.Cents, string)) column[T] {
	m := moneyCol(name, func(v T) (admin.Cents, string) {
		c, currency := amount(v)
		return *c, currency
	})
	return col(m.name, func(v T) string {
		if c, _ := amount(v); c == nil {
			return ""
		}
		return m.get(v)
	})
}

func summaryAmount(s *admin.SpendSummary) (*admin.Cents, string) {
	if s == nil {
		return nil, ""
	}
	return s.Amount, s.Currency
}

func summarySpend(s *admin.SpendSummary) (*admin.Cents, string) {
	if s == nil {
		return nil, ""
	}
	return &s.PeriodToDateSpend, s.Currency
}

// scopeID returns what a scope names: its user, workspace, RBAC group,
// service or seat tier, or "" for the organization and the usage tier.
func scopeID(s admin.SpendLimitScope) string {
	for _, p := range []*string{s.UserID, s.WorkspaceID, s.RBACGroupID, s.Service, s.SeatTier} {
		if p != nil {
			return *p
		}
	}
	return ""
}

// moneyText returns an amount for a question: "$500.00", "500.00 EUR", or
// "no cap" when nil.
func moneyText(c *admin.Cents, currency string) string {
	switch {
	case c == nil:
		return "no cap"
	case currency == "" || currency == "USD":
		return "$" + c.Dollars()
	}
	return dollars(*c, currency)
}

// spendLimitsCommands returns the spend-limits group.
func spendLimitsCommands() *command {
	periods := "Periods: " + join(admin.SpendLimitPeriodValues(), ", ") + "."
	return group("spend-limits", "Spend limits in dollars, members' effective limits and their requests for more.",
		&command{name: "list", op: admin.OpListSpendLimits, summary: "List spend limits, newest first (beta).",
			details: "amount_usd is the cap in dollars (the API's cents / 100, exact); an empty amount_usd is no cap.",
			flags: []flagSpec{
				{name: "scope-type", field: "ScopeTypes", usage: "only limits of these scope `types`", values: values(admin.SpendLimitScopeTypeValues())},
				{name: "workspace", field: "WorkspaceID", usage: "only the limit of this workspace `ID`"},
			},
			examples: []string{
				"anthropic-admin spend-limits list --all",
				"anthropic-admin spend-limits list --scope-type user,workspace --output csv",
			},
			do: list0((*admin.SpendLimitsService).Pages, spendLimitView())},
		&command{name: "get", op: admin.OpGetSpendLimit, summary: "Show a spend limit (beta).", args: []string{"<spend-limit-id>"},
			examples: []string{"anthropic-admin spend-limits get spl_01EXAMPLE"},
			do:       call1((*admin.SpendLimitsService).Get, spendLimitView())},
		&command{name: "set", op: admin.OpSetSpendLimit, summary: "Set the spend limit of a member, a workspace or the organization (beta).",
			details: "Give one of --user, --workspace or --organization, and --amount-usd (dollars, whole cents) or\n" +
				"--no-limit. Setting the limit of a scope and period again replaces its amount. Claude Enterprise\n" +
				"sets members' limits, Claude Console the organization's and workspaces' (monthly only).\n" + periods,
			flags: []flagSpec{
				{name: "user", field: "User", usage: "set the limit of this member's user `ID`"},
				{name: "workspace", field: "Workspace", usage: "set the limit of this workspace `ID`"},
				{name: "organization", field: "Organization", usage: "set the organization's limit"},
				{name: "amount-usd", field: "AmountUSD", usage: "the cap in `dollars`, such as 500.00"},
				{name: "no-limit", field: "NoLimit", usage: "no cap for this scope and period (a member's override)"},
				{name: "period", field: "Period", usage: "the period (default monthly)", values: values(admin.SpendLimitPeriodValues())},
			},
			examples: []string{
				"anthropic-admin spend-limits set --user user_01EXAMPLE --amount-usd 500.00",
				"# a daily cap of $25 on a member",
				"anthropic-admin spend-limits set --user user_01EXAMPLE --period daily --amount-usd 25",
				"anthropic-admin spend-limits set --workspace wrkspc_01EXAMPLE --amount-usd 20000",
			},
			do: object(setSpendLimit, spendLimitView())},
		&command{name: "delete", op: admin.OpDeleteSpendLimit, summary: "Delete a spend limit (beta).", args: []string{"<spend-limit-id>"},
			details:  "A member whose own limit is deleted falls back to the limit they inherit for that period.",
			confirm:  ask("Delete %s?", spendLimitAt(0)),
			examples: []string{"anthropic-admin spend-limits delete spl_01EXAMPLE"},
			do:       call1((*admin.SpendLimitsService).Delete, spendLimitDeletedView())},
		&command{name: "effective", op: admin.OpListEffectiveSpendLimits, summary: "List each member's effective spend limit and spend so far, per period.",
			details: "source.type says where a member's limit comes from; an empty amount_usd is no cap. Claude Enterprise only.",
			flags: []flagSpec{
				{name: "period", field: "Periods", usage: "only these `periods`", values: values(admin.SpendLimitPeriodValues())},
				{name: "user", field: "UserIDs", usage: "only these member user `IDs` (at most 100)"},
			},
			examples: []string{
				"anthropic-admin spend-limits effective --all",
				"anthropic-admin spend-limits effective --period monthly --user user_01EXAMPLE",
			},
			do: list0((*admin.EffectiveSpendLimitsService).Pages, spendSummaryView())},
		group("requests", "Members' requests for a higher spend limit.",
			&command{name: "list", op: admin.OpListSpendLimitIncreaseRequests, summary: "List increase requests, most recent first.",
				details: "A pending request shows the member's current limit_usd and period_to_date_spend_usd.",
				flags: []flagSpec{
					{name: "status", field: "Statuses", usage: "only requests in these `states`", values: values(admin.SpendLimitIncreaseRequestStatusValues())},
					{name: "user", field: "ActorIDs", usage: "only the requests of these member user `IDs`"},
				},
				examples: []string{
					"anthropic-admin spend-limits requests list --status pending",
					"anthropic-admin spend-limits requests list --user user_01EXAMPLE --all",
				},
				do: list0((*admin.SpendLimitIncreaseRequestsService).Pages, increaseRequestView())},
			&command{name: "get", op: admin.OpGetSpendLimitIncreaseRequest, summary: "Show an increase request.", args: []string{"<request-id>"},
				examples: []string{"anthropic-admin spend-limits requests get splreq_01EXAMPLE"},
				do:       call1((*admin.SpendLimitIncreaseRequestsService).Get, increaseRequestView())},
			&command{name: "approve", op: admin.OpApproveSpendLimitIncreaseRequest, summary: "Approve a pending increase request, setting the member's limit.", args: []string{"<request-id>"},
				details: "Sets the member's own spend limit to --amount-usd (dollars, whole cents) for --period (default:\n" +
					"the request's). Anthropic emails the member unless --no-notify. " + periods,
				flags: []flagSpec{
					{name: "amount-usd", field: "AmountUSD", usage: "the member's new limit in `dollars`, such as 750.00", required: true},
					{name: "period", field: "Period", usage: "the period of the limit (default: the request's)", values: values(admin.SpendLimitPeriodValues())},
					{name: "no-notify", field: "NoNotify", usage: "do not email the member"},
				},
				confirm:  flagQuestion,
				examples: []string{"anthropic-admin spend-limits requests approve splreq_01EXAMPLE --amount-usd 750.00"},
				do:       asking(approveIncrease, approveQuestion, approvedRequestView())},
			&command{name: "deny", op: admin.OpDenySpendLimitIncreaseRequest, summary: "Deny a pending increase request; the member's limit stays.", args: []string{"<request-id>"},
				details:  "Anthropic emails the member unless --no-notify. Denying a denied request again changes nothing.",
				flags:    []flagSpec{{name: "no-notify", field: "NoNotify", usage: "do not email the member"}},
				confirm:  ask("Deny %s? Their limit stays as it is.", increaseRequestAt(0)),
				examples: []string{"anthropic-admin spend-limits requests deny splreq_01EXAMPLE --no-notify"},
				do:       object(denyIncrease, increaseRequestView())},
		),
	)
}

// setSpendLimitParams are the flags of spend-limits set.
type setSpendLimitParams struct {
	User, Workspace string
	Organization    bool
	AmountUSD       string
	NoLimit         bool
	Period          admin.SpendLimitPeriod
}

// parseAmountUSD reads dollars exactly as whole cents: "500.00" is 50000
// cents; a fraction of a cent or a negative amount is a usage error.
func parseAmountUSD(s string) (*admin.Cents, error) {
	c, err := money.ParseDollars(s)
	if err != nil {
		return nil, usageErrorf("--amount-usd %q is not an amount of dollars such as 500.00", s)
	}
	r := c.Rat()
	if r.Sign() < 0 {
		return nil, usageErrorf("--amount-usd %s is negative", s)
	}
	if !r.IsInt() {
		return nil, usageErrorf("--amount-usd %s is a fraction of a cent (%s cents); spend limits are whole cents", s, c)
	}
	return &c, nil
}

// setSpendLimit sets the limit of the scope the flags name.
func setSpendLimit(ctx context.Context, c *admin.Client, _ []string, p *setSpendLimitParams) (*admin.SpendLimit, error) {
	var scope admin.SetSpendLimitScope
	n := 0
	if p.User != "" {
		scope, n = admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeUser, UserID: &p.User}, n+1
	}
	if p.Workspace != "" {
		scope, n = admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeWorkspace, WorkspaceID: &p.Workspace}, n+1
	}
	if p.Organization {
		scope, n = admin.SetSpendLimitScope{Type: admin.SetSpendLimitScopeTypeOrganization}, n+1
	}
	if n != 1 {
		return nil, usageErrorf("give exactly one of --user, --workspace and --organization")
	}
	body := admin.SetSpendLimitRequest{Scope: scope}
	switch {
	case p.NoLimit && p.AmountUSD != "":
		return nil, usageErrorf("give --amount-usd or --no-limit, not both")
	case p.NoLimit:
	case p.AmountUSD == "":
		return nil, usageErrorf("give --amount-usd (or --no-limit)")
	default:
		amount, err := parseAmountUSD(p.AmountUSD)
		if err != nil {
			return nil, err
		}
		body.Amount = amount
	}
	// Sent even when --period is not given: the API documents no default.
	period := cmp.Or(p.Period, admin.SpendLimitPeriodMonthly)
	body.Period = &period
	return c.SpendLimits.Set(ctx, body)
}

// increaseParams are the flags of spend-limits requests approve and deny.
type increaseParams struct {
	AmountUSD string
	Period    admin.SpendLimitPeriod
	NoNotify  bool
}

// approval returns the body of an approval from the flags.
func (p *increaseParams) approval() (admin.SpendLimitIncreaseApproval, error) {
	amount, err := parseAmountUSD(p.AmountUSD)
	if err != nil {
		return admin.SpendLimitIncreaseApproval{}, err
	}
	a := admin.SpendLimitIncreaseApproval{Amount: *amount}
	if p.Period != "" {
		a.Period = &p.Period
	}
	if p.NoNotify {
		a.SuppressNotification = admin.Ptr(true)
	}
	return a, nil
}

// approveIncrease approves the request args[0].
func approveIncrease(ctx context.Context, c *admin.Client, args []string, p *increaseParams) (*admin.ApprovedSpendLimitIncreaseRequest, error) {
	body, err := p.approval()
	if err != nil {
		return nil, err
	}
	return c.SpendLimitIncreaseRequests.Approve(ctx, args[0], body)
}

// approveQuestion asks before the request args[0] is approved, naming the
// member, the limit it sets and the limit they have.
func approveQuestion(ctx context.Context, c *admin.Client, args []string, p *increaseParams) (string, error) {
	body, err := p.approval()
	if err != nil {
		return "", err
	}
	r, err := c.SpendLimitIncreaseRequests.Get(ctx, args[0])
	if err != nil {
		return "", err
	}
	period := r.Period
	if body.Period != nil {
		period = *body.Period
	}
	now, currency := "", "USD"
	if r.SpendSummary != nil {
		currency = r.SpendSummary.Currency
		if r.SpendSummary.Period == period {
			now = " (now " + moneyText(r.SpendSummary.Amount, currency) + ")"
		}
	}
	return fmt.Sprintf("Approve %s, setting their %s spend limit to %s%s?", describeRequest(r), period, moneyText(&body.Amount, currency), now), nil
}

// denyIncrease denies the request args[0].
func denyIncrease(ctx context.Context, c *admin.Client, args []string, p *increaseParams) (*admin.SpendLimitIncreaseRequest, error) {
	var body admin.SpendLimitIncreaseDenial
	if p.NoNotify {
		body.SuppressNotification = admin.Ptr(true)
	}
	return c.SpendLimitIncreaseRequests.Deny(ctx, args[0], body)
}

// describeRequest names an increase request and its member.
func describeRequest(r *admin.SpendLimitIncreaseRequest) string {
	who := str(r.Actor.UserID)
	if r.Actor.EmailAddress != nil {
		who = *r.Actor.EmailAddress + " (" + who + ")"
	}
	return fmt.Sprintf("the %s increase request %s of %s", r.Period, r.ID, who)
}

// increaseRequestAt describes the increase request named by argument i.
func increaseRequestAt(i int) describer {
	return describe(i, (*admin.SpendLimitIncreaseRequestsService).Get, describeRequest)
}

// spendLimitAt describes the spend limit named by argument i.
func spendLimitAt(i int) describer {
	return describe(i, (*admin.SpendLimitsService).Get, func(l *admin.SpendLimit) string {
		scope := string(l.Scope.Type)
		if id := scopeID(l.Scope); id != "" {
			scope += " " + id
		}
		return fmt.Sprintf("the %s spend limit %s of %s (%s)", l.Period, l.ID, scope, moneyText(l.Amount, l.Currency))
	})
}

// flagQuestion stands for a question that needs the leaf's flags: asking
// replaces it when the leaf's flags are bound, so that the help says the
// leaf asks for confirmation.
func flagQuestion(context.Context, *admin.Client, []string) (string, error) {
	return "", fmt.Errorf("internal error: the leaf's question was not bound to its flags")
}

// asking is object for a leaf whose confirmation question needs its
// parameters, such as the amount an approval sets: question gets them,
// and may refuse them with a usage error before anything is asked. The
// leaf declares confirm: flagQuestion.
func asking[P, T any](fn func(ctx context.Context, c *admin.Client, args []string, p *P) (*T, error),
	question func(ctx context.Context, c *admin.Client, args []string, p *P) (string, error), vw view[T]) action {
	return action{method: funcName(fn), setup: func(fs *flag.FlagSet, leaf *command) runFunc {
		p := new(P)
		leaf.bindFlags(fs, p)
		leaf.confirm = func(ctx context.Context, c *admin.Client, args []string) (string, error) {
			return question(ctx, c, args, p)
		}
		return func(ctx context.Context, a *app, args []string) error {
			v, err := fn(ctx, a.c, args, p)
			if err != nil {
				return err
			}
			return printOne(a, v, vw)
		}
	}}
}
