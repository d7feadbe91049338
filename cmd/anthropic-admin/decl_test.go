package main

import (
	"errors"
	"flag"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// Tests of the declarative layer: the leaves' methods, the columns named
// by wire name, the generic page reader and the declared flags.

// TestLeafMethods checks that every leaf built from a method of package
// admin calls the method its op names (op.Method(), with Pages standing
// for List), and that every other leaf runs a named function of this
// package.
func TestLeafMethods(t *testing.T) {
	const adminPkg = "github.com/anthropic-admin/anthropic-admin-go/wrapper/admin."
	const mainPkg = "github.com/anthropic-admin/anthropic-admin-go/cmd/anthropic-admin."
	checked := 0
	commands().leaves(nil, func(path []string, c *command) {
		if c.raw != nil {
			return
		}
		name := strings.Join(path, " ")
		method := c.do.method.String()
		m, ok := strings.CutPrefix(method, adminPkg)
		if !ok {
			if fn, ok := strings.CutPrefix(method, mainPkg); !ok || strings.ContainsAny(fn, ".[") {
				t.Errorf("%s runs %q, neither a method of package admin nor a named function", name, method)
			}
			return
		}
		// m is "(*UsersService).Get".
		recv, method, _ := strings.Cut(m, ").")
		svc := strings.TrimSuffix(strings.TrimPrefix(recv, "(*"), "Service")
		if method == "Pages" {
			method = "List"
		}
		if got, want := svc+"."+method, c.op.Method(); got != want {
			t.Errorf("%s calls %s, but its op %s is %s", name, got, c.op, want)
		}
		checked++
	})
	if checked < 15 {
		t.Errorf("only %d leaves call a method of package admin directly", checked)
	}
}

// TestGroupByColumns checks that every group-by dimension of the reports
// is the wire name of a field of their results, which the views print as
// its column.
func TestGroupByColumns(t *testing.T) {
	mp := &admin.GetMessagesUsageReportParams{GroupBy: admin.MessagesUsageGroupByValues()}
	for _, g := range mp.GroupBy {
		if !slices.Contains(messagesView(mp).header, string(g)) {
			t.Errorf("the messages report has no column %s", g)
		}
	}
	cp := &admin.GetCostReportParams{GroupBy: admin.CostGroupByValues()}
	for _, g := range cp.GroupBy {
		if !slices.Contains(costView(cp).header, string(g)) {
			t.Errorf("the cost report has no column %s", g)
		}
	}
}

// cellTest is a type whose fields cover every kind of cell.
type cellTest struct {
	S   string             `json:"s"`
	E   admin.APIKeyStatus `json:"e,omitempty"`
	P   *string            `json:"p"`
	N   int64              `json:"n"`
	F   float64            `json:"f"`
	B   bool               `json:"b"`
	T   time.Time          `json:"t"`
	TP  *time.Time         `json:"tp"`
	L   []string           `json:"l"`
	Sub struct {
		X *int64 `json:"x"`
	} `json:"sub"`
	M    map[string]string `json:"m"`
	Skip string            `json:"-"`
}

// TestField checks the columns named by wire name: their cells, and the
// panic of a name that is no field or of a field no cell can hold.
func TestField(t *testing.T) {
	p, x := "ptr", int64(-7)
	at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))
	v := cellTest{S: "s", E: admin.APIKeyStatusActive, P: &p, N: 42, F: 17360.81, B: true, T: at, L: []string{"a", "b"}}
	v.Sub.X = &x
	for path, want := range map[string]string{
		"s": "s", "e": "active", "p": "ptr", "n": "42", "f": "17360.81", "b": "true",
		"t": "2026-01-02T02:04:05Z", "tp": "", "l": "a,b", "sub.x": "-7",
	} {
		c := field[cellTest](path)
		if got := c.get(v); got != want || c.name != path {
			t.Errorf("column %s: %q %q, want %q", path, c.name, got, want)
		}
	}
	if got := field[cellTest]("t").get(cellTest{}); got != "" {
		t.Errorf("zero time: %q", got)
	}
	for _, path := range []string{"nope", "S", "Skip", "m", "sub", "s.x", "sub.y", ""} {
		c := field[cellTest](path) // looks the field up when first used
		if !panics(func() { c.check.check() }) || !panics(func() { c.get(cellTest{}) }) {
			t.Errorf("field(%q) did not panic", path)
		}
	}
	wrong := &lazyGetter{t: reflect.TypeFor[cellTest](), path: "l", want: reflect.TypeFor[[]int]()}
	if !panics(wrong.check) || !panics(func() { wrong.get(reflect.ValueOf(cellTest{})) }) {
		t.Error("a getter of the wrong type did not panic")
	}
}

// panics reports whether f panics.
func panics(f func()) (p bool) {
	defer func() { p = recover() != nil }()
	f()
	return false
}

// TestPageReader checks the generic reading of the three kinds of page:
// ID cursor (HasMore), page token (NextPage) and report (both).
func TestPageReader(t *testing.T) {
	tok, empty := "tok", ""
	users := pageReader[admin.UserList, admin.User]()
	limits := pageReader[admin.RateLimitList, admin.RateLimit]()
	costs := pageReader[admin.CostReport, admin.CostTimeBucket]()
	for _, tc := range []struct {
		name string
		read func() (int, bool)
		n    int
		more bool
	}{
		{"has_more", func() (int, bool) {
			d, m := users(&admin.UserList{Data: make([]admin.User, 2), HasMore: true})
			return len(d), m
		}, 2, true},
		{"no more", func() (int, bool) { d, m := users(&admin.UserList{Data: make([]admin.User, 1)}); return len(d), m }, 1, false},
		{"next_page", func() (int, bool) {
			d, m := limits(&admin.RateLimitList{Data: make([]admin.RateLimit, 3), NextPage: &tok})
			return len(d), m
		}, 3, true},
		{"null next_page", func() (int, bool) { d, m := limits(&admin.RateLimitList{}); return len(d), m }, 0, false},
		{"empty next_page", func() (int, bool) { d, m := limits(&admin.RateLimitList{NextPage: &empty}); return len(d), m }, 0, false},
		{"report", func() (int, bool) { d, m := costs(&admin.CostReport{HasMore: true, NextPage: &tok}); return len(d), m }, 0, true},
		{"report without token", func() (int, bool) { d, m := costs(&admin.CostReport{HasMore: true}); return len(d), m }, 0, false},
		{"report at the end", func() (int, bool) { d, m := costs(&admin.CostReport{NextPage: &tok}); return len(d), m }, 0, false},
	} {
		if n, more := tc.read(); n != tc.n || more != tc.more {
			t.Errorf("%s: %d items, more %v; want %d, %v", tc.name, n, more, tc.n, tc.more)
		}
	}
	if !panics(func() { pageReader[admin.UserList, admin.Invite]() }) {
		t.Error("a page of users read as invites")
	}
	if !panics(func() { pageReader[struct{ Data []int }, int]() }) {
		t.Error("a page without HasMore or NextPage was accepted")
	}
}

// TestServiceOf checks that the receiver of a method expression is the
// client's service of its type.
func TestServiceOf(t *testing.T) {
	c, err := admin.NewClient("sk-ant-admin01-test")
	if err != nil {
		t.Fatal(err)
	}
	if serviceOf[admin.UsersService]()(c) != c.Users || serviceOf[admin.WorkspaceMembersService]()(c) != c.WorkspaceMembers {
		t.Error("serviceOf picked the wrong service")
	}
	if !panics(func() { serviceOf[admin.User]() }) {
		t.Error("serviceOf of a type that is no service did not panic")
	}
	var p admin.ListUsersParams
	limitSetter[admin.ListUsersParams]()(&p, 7)
	limitSetter[none]()(&none{}, 7) // no Limit: nothing to set
	if p.Limit != 7 {
		t.Errorf("Limit %d, want 7", p.Limit)
	}
}

// flagTest holds a field of every kind a flag can set.
type flagTest struct {
	S    string
	E    admin.APIKeyStatus
	L    []string
	EL   []admin.InviteStatusFilter
	B    bool
	N    int
	From time.Time
	To   time.Time
	O    *string
	M    map[string]string
	Bad  float64
}

// flagTestSpecs declare a flag for each field of flagTest but Bad.
var flagTestSpecs = []flagSpec{
	{name: "str", field: "S", usage: "a `word`"},
	{name: "enum", field: "E", usage: "a status", values: values(admin.APIKeyStatusValues())},
	{name: "list", field: "L", usage: "words"},
	{name: "states", field: "EL", usage: "states", values: values(admin.InviteStatusFilterValues())},
	{name: "switch", field: "B", usage: "a switch"},
	{name: "num", field: "N", usage: "a number"},
	{name: "from", field: "From", usage: "start", required: true},
	{name: "to", field: "To", usage: "end", after: "from"},
	{name: "opt", field: "O", usage: "optional"},
	{name: "pairs", field: "M", usage: "pairs"},
}

// TestFlagSpecs checks that declared flags set the fields they name, with
// the kind their type calls for, and that checkFlags enforces required
// and after.
func TestFlagSpecs(t *testing.T) {
	parse := func(args ...string) (*flagTest, *flag.FlagSet, error) {
		var p flagTest
		fs := newFlagSet("test")
		for _, s := range flagTestSpecs {
			s.bind(fs, &p)
		}
		err := fs.Parse(args)
		if err == nil {
			err = checkFlags(fs, flagTestSpecs)
		}
		return &p, fs, err
	}
	p, fs, err := parse("--str", "w", "--enum", "inactive", "--list", "a, b", "--list", "c", "--states", "pending,expired", "--switch", "--num", "3",
		"--from", "2026-10-01", "--to", "2026-10-02T12:00:00Z", "--opt", "", "--pairs", "k=v", "--pairs", "x=")
	if err != nil {
		t.Fatal(err)
	}
	want := flagTest{S: "w", E: admin.APIKeyStatusInactive, L: []string{"a", "b", "c"},
		EL: []admin.InviteStatusFilter{admin.InviteStatusFilterPending, admin.InviteStatusFilterExpired}, B: true, N: 3,
		From: time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2026, 10, 2, 12, 0, 0, 0, time.UTC),
		M: map[string]string{"k": "v", "x": ""}}
	if p.O == nil || *p.O != "" {
		t.Errorf("--opt \"\" left %v", p.O)
	}
	p.O = nil
	if fmt.Sprint(*p) != fmt.Sprint(want) {
		t.Errorf("parsed\n%+v\nwant\n%+v", *p, want)
	}
	var help strings.Builder
	writeFlags(&help, fs, nil)
	for _, line := range [][2]string{
		{"--enum value", "a status (" + join(admin.APIKeyStatusValues(), ", ") + ")"},
		{"--states value", "states (" + join(admin.InviteStatusFilterValues(), ", ") + "); repeatable, or comma-separated"},
		{"--from date", "start (required): a date (YYYY-MM-DD, UTC) or an RFC 3339 time"},
		{"--str word", "a word"},
		{"--switch", "a switch"},
	} {
		if want := fmt.Sprintf("  %-26s %s\n", line[0], line[1]); !strings.Contains(help.String(), want) {
			t.Errorf("help lacks %q:\n%s", want, help.String())
		}
	}

	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--enum", "gone"}, `"gone" is not one of ` + join(admin.APIKeyStatusValues(), ", ")},
		{[]string{"--states", "pending,Expired"}, `"Expired" is not one of ` + join(admin.InviteStatusFilterValues(), ", ")},
		{[]string{"--to", "2026-10-02"}, "--from is required"},
		{[]string{"--from", "2026-10-02", "--to", "2026-10-02"}, "--to (2026-10-02T00:00:00Z) must be later than --from (2026-10-02T00:00:00Z)"},
	} {
		_, _, err := parse(tc.args...)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: %v, want %q", tc.args, err, tc.want)
		}
		var ue *usageError
		if strings.HasPrefix(tc.want, "--") && !errors.As(err, &ue) {
			t.Errorf("%q: %v is no usage error", tc.args, err)
		}
	}

	for _, bad := range []flagSpec{{name: "x", field: "Nope"}, {name: "x", field: "Bad"}} {
		if !panics(func() { bad.bind(newFlagSet("test"), &flagTest{}) }) {
			t.Errorf("binding %+v did not panic", bad)
		}
	}
}
