package main

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The table and CSV columns of each resource. Column names are the wire
// names, dotted for nested fields; tables print them in upper case. Most
// columns are fields named by their wire name (see field); the few that
// compute a value or rename one are written out with col.
//
// Each view is a function returning it, called where a leaf is declared,
// not a package variable: the initialisation of the package, which every
// run pays for, --help included, builds none (TestInitAllocs keeps it
// so), and a run builds those of the group whose declarations it builds.

func orgView() view[admin.Organization] {
	return fieldView[admin.Organization]("id", "name")
}

func userView() view[admin.User] {
	return fieldView[admin.User]("id", "email", "name", "role", "added_at")
}

func rbacRoleView() view[admin.RBACRole] {
	return fieldView[admin.RBACRole]("id", "display_name", "source.type", "updated_at")
}

func userDeletedView() view[admin.UserDeleted] {
	return fieldView[admin.UserDeleted]("id", "type")
}

func inviteView() view[admin.Invite] {
	return fieldView[admin.Invite]("id", "email", "role", "status", "invited_at", "expires_at")
}

func inviteDeletedView() view[admin.InviteDeleted] {
	return fieldView[admin.InviteDeleted]("id", "type")
}

func workspaceView() view[admin.Workspace] {
	return fieldView[admin.Workspace]("id", "name", "display_color", "data_residency.workspace_geo", "created_at", "archived_at")
}

func memberView() view[admin.WorkspaceMember] {
	return fieldView[admin.WorkspaceMember]("workspace_id", "user_id", "workspace_role")
}

func memberDeletedView() view[admin.WorkspaceMemberDeleted] {
	return fieldView[admin.WorkspaceMemberDeleted]("workspace_id", "user_id", "type")
}

func apiKeyView() view[admin.APIKey] {
	return fieldView[admin.APIKey]("id", "name", "status", "workspace_id", "partial_key_hint", "created_at", "expires_at")
}

func complianceUserView() view[admin.ComplianceUser] {
	return fieldView[admin.ComplianceUser]("id", "email", "full_name", "organization_role", "created_at")
}

// rateLimitView prints one row per limiter of a rate limit.
func rateLimitView() view[admin.RateLimit] {
	return nested(
		fields[admin.RateLimit]("id", "group.type", "group.display_name", "models"),
		"limits", prefixed("limits.", fields[admin.RateLimitValue]("type", "value")))
}

// workspaceRateLimitView prints one row per limiter of a workspace's rate
// limit; limits.source is the type of the source.
func workspaceRateLimitView() view[admin.WorkspaceRateLimit] {
	return nested(
		fields[admin.WorkspaceRateLimit]("workspace_id", "rate_limit_id", "group.type", "group.display_name"),
		"limits", append(prefixed("limits.", fields[admin.WorkspaceRateLimitValue]("type", "value", "org_limit")),
			col("limits.source", func(v admin.WorkspaceRateLimitValue) string { return string(v.Source.Type) })))
}

// messagesView returns the view of the Messages usage report for p: one
// row per bucket and group, with a column for each dimension of
// --group-by, in its order. A dimension is the wire name of the field of
// the results that holds it (TestGroupByColumns checks every one).
func messagesView(p *admin.GetMessagesUsageReportParams) view[admin.MessagesUsageTimeBucket] {
	paths := append(values(p.GroupBy),
		"uncached_input_tokens", "cache_creation.ephemeral_5m_input_tokens", "cache_creation.ephemeral_1h_input_tokens",
		"cache_read_input_tokens", "output_tokens", "server_tool_use.web_search_requests")
	return nested(fields[admin.MessagesUsageTimeBucket]("starting_at", "ending_at"), "results", fields[admin.MessagesUsageResult](paths...))
}

// costView returns the view of the cost report for p: one row per bucket
// and group. Grouping by description splits costs by model, cost type,
// token type, service tier and context window, so those columns print
// then.
func costView(p *admin.GetCostReportParams) view[admin.CostTimeBucket] {
	var paths []string
	if slices.Contains(p.GroupBy, admin.CostGroupByWorkspaceID) {
		paths = append(paths, "workspace_id")
	}
	if slices.Contains(p.GroupBy, admin.CostGroupByDescription) {
		paths = append(paths, "description", "model", "cost_type", "token_type", "service_tier", "context_window")
	}
	cols := append(fields[admin.CostResult](paths...), moneyCol("cost", func(r admin.CostResult) (admin.Cents, string) { return r.Amount, r.Currency }))
	return nested(fields[admin.CostTimeBucket]("starting_at", "ending_at"), "results", cols)
}

// moneyCol is the column of an amount of cents, which every view of money
// uses. By default (--unit dollars) it is named name + "_usd" and prints
// the amount in dollars, exact; with --unit cents it is named name +
// "_cents" and prints the cents as the API sent them. The unit is always
// in the header and the figure always in that unit, so that a cents figure
// never stands under a dollar heading (the 100× mistake).
func moneyCol[T any](name string, amount func(T) (admin.Cents, string)) column[T] {
	c := col(name+"_usd", func(v T) string { return dollars(amount(v)) })
	c.inUnit = func(unit string) column[T] {
		if unit == unitCents {
			return col(name+"_cents", func(v T) string { return cents(amount(v)) })
		}
		return col(name+"_usd", func(v T) string { return dollars(amount(v)) })
	}
	return c
}

// The values of --unit, the unit of every amount printed in tables and
// CSV.
const (
	unitDollars = "dollars"
	unitCents   = "cents"
)

// cents prints an amount of cents as cents, exact, with every digit the
// API sent; another currency than USD is named in the cell.
func cents(c admin.Cents, currency string) string {
	if currency == "" || currency == "USD" {
		return c.String()
	}
	return c.String() + " " + currency
}

// dollars prints an amount of cents in the currency's major unit, exact:
// the column's name says "usd", so a cents figure can never stand beside
// it (the 100× mistake). Another currency than USD is named in the cell.
func dollars(c admin.Cents, currency string) string {
	if currency == "" || currency == "USD" {
		return c.Dollars()
	}
	return c.Dollars() + " " + currency
}

// claudeCodeView prints a Claude Code usage record, its tool actions and
// estimated cost summed exactly over models, in dollars.
func claudeCodeView() view[admin.ClaudeCodeUsageRecord] {
	return flat(
		col("date", func(r admin.ClaudeCodeUsageRecord) string { return r.Date.UTC().Format(time.DateOnly) }),
		field[admin.ClaudeCodeUsageRecord]("actor.type"),
		col("actor", func(r admin.ClaudeCodeUsageRecord) string {
			if r.Actor.EmailAddress != nil {
				return *r.Actor.EmailAddress
			}
			return str(r.Actor.APIKeyName)
		}),
		field[admin.ClaudeCodeUsageRecord]("terminal_type"),
		field[admin.ClaudeCodeUsageRecord]("customer_type"),
		col("num_sessions", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.NumSessions) }),
		col("lines_added", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.LinesOfCode.Added) }),
		col("lines_removed", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.LinesOfCode.Removed) }),
		col("commits", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.CommitsByClaudeCode) }),
		col("pull_requests", func(r admin.ClaudeCodeUsageRecord) string { return num(r.CoreMetrics.PullRequestsByClaudeCode) }),
		col("tool_actions.accepted", func(r admin.ClaudeCodeUsageRecord) string {
			return num(sum(r.ToolActions, func(c admin.ToolActionCounts) int64 { return c.Accepted }))
		}),
		col("tool_actions.rejected", func(r admin.ClaudeCodeUsageRecord) string {
			return num(sum(r.ToolActions, func(c admin.ToolActionCounts) int64 { return c.Rejected }))
		}),
		moneyCol("estimated_cost", func(r admin.ClaudeCodeUsageRecord) (admin.Cents, string) {
			var cents admin.Cents
			currency := ""
			for _, m := range r.ModelBreakdown {
				cents = cents.Add(m.EstimatedCost.Amount)
				currency = m.EstimatedCost.Currency
			}
			return cents, currency
		}),
	)
}

// fieldView returns the view printing one row per item of T, with a
// column per field that paths names (see field): all a new resource's
// table needs. A run builds the views of every leaf of the group it runs
// (see lazyGroup) and prints at most one: so that it pays nothing for the
// others, the fields are looked up when the view first prints a row or is
// verified (see verify).
func fieldView[T any](paths ...string) view[T] {
	l := &lazyFields{t: reflect.TypeFor[T](), paths: paths}
	return view[T]{header: paths, rows: func(v T) [][]string { return [][]string{l.cells(reflect.ValueOf(v))} }, check: l.check}
}

// lazyFields are the columns of a fieldView, made when first used. It is
// not generic, so that its code is not repeated for every type.
type lazyFields struct {
	t     reflect.Type
	paths []string
	once  sync.Once
	cols  []*lazyField
}

// columns returns the columns, made on the first call.
func (l *lazyFields) columns() []*lazyField {
	l.once.Do(func() {
		l.cols = make([]*lazyField, len(l.paths))
		for i, p := range l.paths {
			l.cols[i] = &lazyField{t: l.t, path: p}
		}
	})
	return l.cols
}

// cells returns the cells of v, a value of the type l.t.
func (l *lazyFields) cells(v reflect.Value) []string {
	cols := l.columns()
	r := make([]string, len(cols))
	for i, c := range cols {
		r[i] = c.cell(v)
	}
	return r
}

// check looks the fields up now.
func (l *lazyFields) check() {
	for _, c := range l.columns() {
		c.check()
	}
}

// fields returns the columns of T that paths name (see field).
func fields[T any](paths ...string) []column[T] {
	cols := make([]column[T], len(paths))
	for i, p := range paths {
		cols[i] = field[T](p)
	}
	return cols
}

// field returns the column of T called path, a wire name: the field of T
// whose JSON name is path, or a dotted path of JSON names through nested
// structs ("data_residency.workspace_geo"). The header is path, the API's
// name for the field (which -o json shows too); the cells are the values:
// strings and string enums as they are, integers in decimal, floats in the
// shortest decimal form, times in UTC RFC 3339, lists of strings joined
// by commas, nil pointers and zero times as "". The field is looked up
// when the column is first used, not when it is made: a run builds the
// views of every leaf of the group it runs, and must not pay for the
// reflection of every view when a command prints at most one. A path
// that names no field of such a type panics then, and when the column's
// check runs: every leaf checks its view when it is set up (see verify),
// which every test of its command (its help, for one) does, so a
// misspelt name fails the tests.
func field[T any](path string) column[T] {
	f := &lazyField{t: reflect.TypeFor[T](), path: path}
	return column[T]{name: path, get: func(v T) string { return f.cell(reflect.ValueOf(v)) }, check: f}
}

// lazyField is the cell of a field column (see field), which looks the
// field up when first used. It is not generic, so that the code of every
// view is not repeated for every type.
type lazyField struct {
	t      reflect.Type
	path   string
	once   sync.Once
	format func(reflect.Value) string
	// failure is the panic of the look-up, repeated by every use.
	failure any
}

// resolve returns the function printing the field's cells from a value of
// the type f.t, looking the field up on the first call; it panics when
// f.path names no field that a cell can hold.
func (f *lazyField) resolve() func(reflect.Value) string {
	f.once.Do(func() {
		defer func() { f.failure = recover() }()
		index, typ := fieldPath(f.t, f.path)
		format := formatter(typ)
		if format == nil {
			panic(fmt.Sprintf("column %s of %v: cannot print a %v", f.path, f.t, typ))
		}
		f.format = func(v reflect.Value) string { return format(v.FieldByIndex(index)) }
	})
	if f.failure != nil {
		panic(f.failure)
	}
	return f.format
}

// cell returns the cell of v, a value of the type f.t.
func (f *lazyField) cell(v reflect.Value) string { return f.resolve()(v) }

// check looks the field up now.
func (f *lazyField) check() { f.resolve() }

// lazyGetter reads the field of t that path names (see field), which
// must be of type want, looking it up when first used.
type lazyGetter struct {
	t, want reflect.Type
	path    string
	once    sync.Once
	index   []int
	failure any
}

// resolve returns the index of the field, looking it up on the first
// call; it panics when path names no field of type want.
func (g *lazyGetter) resolve() []int {
	g.once.Do(func() {
		defer func() { g.failure = recover() }()
		index, typ := fieldPath(g.t, g.path)
		if typ != g.want {
			panic(fmt.Sprintf("field %s of %v is a %v, not a %v", g.path, g.t, typ, g.want))
		}
		g.index = index
	})
	if g.failure != nil {
		panic(g.failure)
	}
	return g.index
}

// get returns the field of v, a value of the type g.t.
func (g *lazyGetter) get(v reflect.Value) reflect.Value { return v.FieldByIndex(g.resolve()) }

// check looks the field up now.
func (g *lazyGetter) check() { g.resolve() }

// fieldPath returns the index and the type of the field of t that path,
// dotted JSON names, names; it panics when there is none.
func fieldPath(t reflect.Type, path string) ([]int, reflect.Type) {
	var index []int
	for name := range strings.SplitSeq(path, ".") {
		f, ok := jsonField(t, name)
		if !ok {
			panic(fmt.Sprintf("%v has no field %q (in %s)", t, name, path))
		}
		index, t = append(index, f.Index...), f.Type
	}
	return index, t
}

// jsonField returns the field of the struct type t whose JSON name is
// name.
func jsonField(t reflect.Type, name string) (reflect.StructField, bool) {
	if t.Kind() != reflect.Struct {
		return reflect.StructField{}, false
	}
	// The fields of t itself first, which hide any promoted one: this
	// runs for every column of the view a leaf sets up, and
	// VisibleFields allocates.
	for i := range t.NumField() {
		f := t.Field(i)
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == name && f.IsExported() {
			return f, true
		}
	}
	for _, f := range reflect.VisibleFields(t) {
		if tag, _, _ := strings.Cut(f.Tag.Get("json"), ","); tag == name && f.IsExported() {
			return f, true
		}
	}
	return reflect.StructField{}, false
}

// formatter returns the function that prints a value of type t in a cell,
// or nil when a cell cannot hold one (see field).
func formatter(t reflect.Type) func(reflect.Value) string {
	if t == reflect.TypeFor[time.Time]() {
		return func(v reflect.Value) string { return ts(v.Interface().(time.Time)) }
	}
	switch t.Kind() {
	case reflect.Pointer:
		elem := formatter(t.Elem())
		if elem == nil {
			return nil
		}
		return func(v reflect.Value) string {
			if v.IsNil() {
				return ""
			}
			return elem(v.Elem())
		}
	case reflect.String:
		return reflect.Value.String
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return func(v reflect.Value) string { return strconv.FormatInt(v.Int(), 10) }
	case reflect.Float32, reflect.Float64:
		return func(v reflect.Value) string { return strconv.FormatFloat(v.Float(), 'f', -1, 64) }
	case reflect.Bool:
		return func(v reflect.Value) string { return strconv.FormatBool(v.Bool()) }
	case reflect.Slice:
		if t.Elem().Kind() != reflect.String {
			return nil
		}
		return func(v reflect.Value) string {
			s := make([]string, v.Len())
			for i := range s {
				s[i] = v.Index(i).String()
			}
			return strings.Join(s, ",")
		}
	}
	return nil
}

// prefixed returns cols with prefix before their names, for the columns of
// children named after the parent's list ("limits.type").
func prefixed[T any](prefix string, cols []column[T]) []column[T] {
	out := make([]column[T], len(cols))
	for i, c := range cols {
		out[i] = col(prefix+c.name, c.get)
		out[i].check = c.check
	}
	return out
}

// sum adds up f over the values of m.
func sum[K comparable, V any](m map[K]V, f func(V) int64) int64 {
	var n int64
	for _, v := range m {
		n += f(v)
	}
	return n
}

// ts formats a time in UTC, RFC 3339; the zero time prints as "".
func ts(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// str returns an optional string, "" for nil.
func str[S ~string](p *S) string {
	if p == nil {
		return ""
	}
	return string(*p)
}

// num formats an integer.
func num(n int64) string { return strconv.FormatInt(n, 10) }
