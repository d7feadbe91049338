package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/spf13/pflag"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The benchmarks here measure what the tool does in process at start-up
// and for the commands testdata/startup/startup.sh times (make startup).
// Start-up also pays the runtime's and the packages' initialisation, which
// they leave out (see GODEBUG=inittrace=1).

// benchRun runs the tool with args once per iteration of b, failing b on
// a non-zero exit status.
func benchRun(b *testing.B, getenv func(string) string, args ...string) {
	ctx := context.Background()
	for b.Loop() {
		if code := run(ctx, args, getenv, strings.NewReader(""), io.Discard, io.Discard); code != 0 {
			b.Fatalf("%s: exit %d", strings.Join(args, " "), code)
		}
	}
}

// noEnv is an empty environment.
func noEnv(string) string { return "" }

// BenchmarkHelp measures what the tool does in process for --help: build
// the command tree and the cobra commands, parse, print.
func BenchmarkHelp(b *testing.B) { benchRun(b, noEnv, "--help") }

// BenchmarkLeafHelp measures the help of a leaf with flags.
func BenchmarkLeafHelp(b *testing.B) { benchRun(b, noEnv, "users", "list", "--help") }

// BenchmarkVersion measures the version command.
func BenchmarkVersion(b *testing.B) { benchRun(b, noEnv, "version") }

// BenchmarkOrgShow measures org show against a loopback server returning
// a fixed organization: a real-API command, its HTTP round trip included
// (a new connection each run, as in a new process).
func BenchmarkOrgShow(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("request-id", "req_bench")
		io.WriteString(w, `{"id":"12345678-1234-5678-1234-567812345678","type":"organization","name":"Bench Org"}`)
	}))
	defer srv.Close()
	env := map[string]string{envAdminKey: "sk-ant-admin01-bench-not-a-key", envBaseURL: srv.URL}
	benchRun(b, func(k string) string { return env[k] }, "org", "show")
}

// BenchmarkCommands measures building the declaration tree.
func BenchmarkCommands(b *testing.B) {
	for b.Loop() {
		if commands() == nil {
			b.Fatal("no tree")
		}
	}
}

// BenchmarkNewCLI measures building the cobra commands of the whole
// declaration tree.
func BenchmarkNewCLI(b *testing.B) {
	ctx := context.Background()
	for b.Loop() {
		a := &app{getenv: noEnv, stdin: strings.NewReader(""), stdout: io.Discard, stderr: io.Discard}
		a.cli = newCLI(ctx, a, commands())
	}
}

// TestMisspeltColumnFailsSetup checks that the columns, which look their
// fields up when first used (see field), still fail a leaf as soon as it
// is set up when a name is no field: so every test of the leaf finds it.
func TestMisspeltColumnFailsSetup(t *testing.T) {
	for name, c := range map[string]*command{
		"call0":  {name: "show", op: admin.OpGetOrganizationMe, do: call0((*admin.OrganizationService).Get, fieldView[admin.Organization]("id", "nmae"))},
		"list0":  {name: "list", op: admin.OpListUsers, do: list0((*admin.UsersService).Pages, fieldView[admin.User]("id", "emial"))},
		"nested": {name: "list", op: admin.OpListOrganizationRateLimits, do: list0((*admin.RateLimitsService).Pages, nested(fields[admin.RateLimit]("id"), "limitz", fields[admin.RateLimitValue]("type")))},
		"child":  {name: "list", op: admin.OpListOrganizationRateLimits, do: list0((*admin.RateLimitsService).Pages, nested(fields[admin.RateLimit]("id"), "limits", fields[admin.RateLimitValue]("tpye")))},
	} {
		if !panics(func() { c.setup(newFlagSet(c.name)) }) {
			t.Errorf("%s: setting up a leaf with a misspelt column did not panic", name)
		}
	}
	ok := &command{name: "show", op: admin.OpGetOrganizationMe, do: call0((*admin.OrganizationService).Get, fieldView[admin.Organization]("id", "name"))}
	if panics(func() { ok.setup(newFlagSet(ok.name)) }) {
		t.Error("setting up a correct leaf panicked")
	}
}

// TestLazyTree checks that a run builds the cobra commands along its
// command line only, and behaves as with the whole tree built: the same
// exit status and output for command lines that run, fail, ask for help
// or complete, with flags before, between and after the command's words.
func TestLazyTree(t *testing.T) {
	ctx := context.Background()
	runWith := func(all bool, args []string) (int, string, string, int) {
		var stdout, stderr bytes.Buffer
		a := &app{getenv: noEnv, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
		a.cli = newCLI(ctx, a, commands())
		if all {
			a.cli.buildAll(a.cli.root)
		}
		code := a.cli.execute(ctx, args)
		return code, stdout.String(), stderr.String(), len(a.cli.nodes)
	}
	// runLazily runs args with the tree built lazily, and returns the
	// lazy groups of the root it built the declarations of.
	runLazily := func(args []string) (int, string, string, int, []string) {
		var stdout, stderr bytes.Buffer
		a := &app{getenv: noEnv, stdin: strings.NewReader(""), stdout: &stdout, stderr: &stderr}
		tree := commands()
		lazy := map[*command]bool{}
		for _, g := range tree.subs {
			lazy[g] = g.build != nil
		}
		a.cli = newCLI(ctx, a, tree)
		code := a.cli.execute(ctx, args)
		var built []string
		for _, g := range tree.subs {
			if lazy[g] && g.build == nil {
				built = append(built, g.name)
			}
		}
		return code, stdout.String(), stderr.String(), len(a.cli.nodes), built
	}
	_, _, _, whole := runWith(true, []string{"--help"})
	var groups []string
	for _, g := range commands().subs {
		if g.build != nil {
			groups = append(groups, g.name)
		}
	}
	// The lazy groups whose declarations a command line builds: none for
	// the help of the root or of a group, which list the leaves of the
	// groups from leafIndex; that of the group it runs, asks the help of a
	// leaf of or completes in; none for a leaf of the root.
	wantBuilt := map[string][]string{
		"": nil, "--help": nil, "-h": nil, "help": nil, "help users": nil, "users --help": nil, "users": nil,
		"version": nil, "--version": nil, "__complete ''": nil, "__complete us": nil, "__complete --output ''": nil,
		"completion bash": nil, "completion zsh": nil, "completion fish": nil, "completion powershell": nil,
		"users list --help": {"users"}, "-o json users list --help": {"users"}, "org show --frob": {"org"},
		"-o=yaml rate-limits list --help": {"rate-limits"}, "help workspaces members add": {"workspaces"},
		"workspaces members": {"workspaces"}, "__complete users ''": {"users"}, "__complete users li": {"users"},
		"__complete help users ''": {"users"},
		// cobra finds no command after a flag value it does not skip ("-yo
		// json", "-o json" before a group's word), so these build every
		// group, as they build every cobra command (see execute).
		"-yo json users remove --help": groups, "__complete -o json users li": groups,
		// A mistyped name builds everything too, to be reported as before.
		"users lsit": groups, "usres list": groups,
	}
	for _, line := range []string{
		"", "--help", "-h", "help users", "users --help", "users list --help", "-o json users list --help", "--output json users list --help",
		"--output=json users list --help", "-yo json users remove --help", "-o=yaml rate-limits list --help",
		"workspaces members list --help", "help", "help workspaces members add", "help usres", "users", "usres list",
		"users lsit", "users list extra --help", "--jq .id users get --help", "-- users list", "--frob users list",
		"version", "--version", "users --version", "workspaces members", "org show --frob",
		"__complete ''", "__complete us", "__complete users ''", "__complete users li", "__complete users list --ro",
		"__complete -o json users li", "__complete help users ''", "__complete --output ''", "__complete users set-role u ''",
		"completion bash", "completion zsh", "completion fish", "completion powershell",
	} {
		args := strings.Fields(strings.ReplaceAll(line, "''", "\x00"))
		for i := range args {
			args[i] = strings.ReplaceAll(args[i], "\x00", "")
		}
		code, out, errOut, _ := runWith(true, args)
		lcode, lout, lerr, built, decls := runLazily(args)
		if lcode != code || lout != out || lerr != errOut {
			t.Errorf("%q: lazily exit %d\n%s%s\nwith the whole tree exit %d\n%s%s", line, lcode, lout, lerr, code, out, errOut)
		}
		if want, ok := wantBuilt[line]; ok && !slices.Equal(decls, want) {
			t.Errorf("%q built the declarations of the groups %v, want %v", line, decls, want)
		}
		if want := map[string]int{"--help": 1, "users list --help": 3, "-o json users list --help": 3}[line]; want != 0 && built != want {
			t.Errorf("%q built %d of the %d commands, want %d", line, built, whole, want)
		}
	}
}

// TestTakesNext checks which global flags written without "=value" take
// the next argument.
func TestTakesNext(t *testing.T) {
	var g globals
	fs := pflag.NewFlagSet("x", pflag.ContinueOnError)
	addFlags(fs, globalFlagSet(&g))
	for arg, want := range map[string]bool{
		"--output": true, "-o": true, "--output=json": false, "-ojson": false, "-yo": true, "-oy": false,
		"--yes": false, "-y": false, "--fake": false, "--jq": true, "--frob": false, "-z": false, "--base-url": true,
	} {
		if got := takesNext(fs, arg); got != want {
			t.Errorf("takesNext(%q) = %v, want %v", arg, got, want)
		}
	}
}

// TestLeafServices checks that the receiver of every leaf's method of
// package admin is a service of the client, which the leaves look up only
// when they run (see service).
func TestLeafServices(t *testing.T) {
	checked := 0
	commands().leaves(nil, func(path []string, c *command) {
		if c.do.method.f == nil {
			return
		}
		ft := reflect.TypeOf(c.do.method.f)
		if ft.Kind() != reflect.Func || ft.NumIn() == 0 {
			return
		}
		recv := ft.In(0)
		if recv.Kind() != reflect.Pointer || !strings.HasSuffix(recv.Elem().PkgPath(), "/wrapper/admin") {
			return
		}
		if _, ok := serviceFields.get()[recv]; !ok {
			t.Errorf("%s: admin.Client has no field of type %v", strings.Join(path, " "), recv)
		}
		checked++
	})
	if checked < 50 {
		t.Errorf("only %d leaves call a method of a service", checked)
	}
}

// TestLazyGroups checks that every lazy group of the root (see lazyGroup)
// has the name and summary of the group its builder returns, that its
// declarations are built once, on the first read of its subcommands, and
// that the tree built lazily is the tree its builders return: the same
// commands with the same help, arguments, flags and operations.
func TestLazyGroups(t *testing.T) {
	tree := commands()
	eager := &command{name: tree.name, summary: tree.summary}
	lazy := 0
	for _, g := range tree.subs {
		if g.build == nil {
			if g.isGroup() {
				t.Errorf("the group %s of the root is built on every run: add it to commands() as lazyGroup(name, summary, itsCommandsFunc)", g.name)
			}
			eager.subs = append(eager.subs, g)
			continue
		}
		lazy++
		b := g.build()
		if b.name != g.name || b.summary != g.summary {
			t.Errorf("lazy group %q (%q) builds %q (%q)", g.name, g.summary, b.name, b.summary)
		}
		if !b.isGroup() || len(b.subs) == 0 {
			t.Errorf("lazy group %q builds a group without subcommands", g.name)
		}
		eager.subs = append(eager.subs, b)
		calls, build := 0, g.build
		g.build = func() *command { calls++; return build() }
		if !g.isGroup() {
			t.Errorf("lazy group %q is no group before it is built", g.name)
		}
		first := g.children()
		if again := g.children(); calls != 1 || len(first) == 0 || &again[0] != &first[0] || g.build != nil {
			t.Errorf("lazy group %q: reading its subcommands twice built them %d times", g.name, calls)
		}
	}
	if lazy == 0 {
		t.Fatal("no lazy group")
	}
	if got, want := describeTree(tree), describeTree(eager); got != want {
		t.Errorf("the tree built lazily differs from the tree its builders return:\n%s\nwant\n%s", got, want)
	}
	// The help of a group above a lazy group that leafIndex does not list
	// builds it.
	root := group("", "Root.", lazyGroup("zz", "Z.", func() *command { return group("zz", "Z.", &command{name: "x", summary: "X.", args: []string{"<a>"}}) }))
	var b strings.Builder
	writeHelp(&b, nil, root, nil)
	if !strings.Contains(b.String(), "\n  zz x <a>  X.\n") || root.subs[0].build != nil {
		t.Errorf("the help of an unindexed lazy group (built %v):\n%s", root.subs[0].build == nil, b.String())
	}
	if !panics(func() { lazyGroup("users", "Not the summary.", usersCommands).children() }) {
		t.Error("a lazy group whose builder returns another summary did not panic")
	}
}

// describeTree returns what the help, the reference and the runs read of
// every command under c, one line each: its path, summary, arguments,
// details, examples, operation, flags and marks.
func describeTree(c *command) string {
	var b strings.Builder
	var walk func(path string, c *command)
	walk = func(path string, c *command) {
		fmt.Fprintf(&b, "%s|%s|%q|%q|%q|%s|%v|%v|%v|%v|%v|%q|%v", path, c.summary, c.args, c.details, c.examples, c.op,
			c.report, c.confirm != nil, c.compliance, c.oauth, c.raw != nil, c.destructiveWith, c.argValues)
		for _, f := range c.flags {
			fmt.Fprintf(&b, "|%s:%s:%s:%q:%v", f.name, f.field, f.usage, f.values, f.required)
		}
		b.WriteString("\n")
		for _, s := range c.children() {
			walk(path+" "+s.name, s)
		}
	}
	walk("", c)
	return b.String()
}

// maxInitAllocs is how many allocations the initialisation of package
// main may make (TestInitAllocs); it makes 2, for the shorthands map.
// Every run pays for it before main, --help included, so a value built
// there for a command that does not run is waste: the views, package
// variables once, cost about 700 allocations (see views.go).
const maxInitAllocs = 10

// TestInitAllocs keeps the initialisation of package main cheap: it
// builds the tool (buildTool), runs --help with GODEBUG=inittrace=1 and
// fails when the line of main reports more than maxInitAllocs
// allocations, which a package variable with an initialiser that builds
// something (a view, a map, a sync.OnceValue) costs every run.
func TestInitAllocs(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the tool")
	}
	cmd := exec.Command(filepath.Join(buildTool(t), "anthropic-admin"), "--help")
	cmd.Env = append(os.Environ(), "GODEBUG=inittrace=1")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("--help: %v\n%s", err, stderr.String())
	}
	// init main @2.1 ms, 0.009 ms clock, 1728 bytes, 21 allocs
	m := regexp.MustCompile(`(?m)^init main @.*, ([0-9]+) bytes, ([0-9]+) allocs$`).FindStringSubmatch(stderr.String())
	if m == nil {
		t.Fatalf("no line of main in the init trace:\n%s", stderr.String())
	}
	allocs, err := strconv.Atoi(m[2])
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("init main: %s bytes, %d allocs", m[1], allocs)
	if allocs > maxInitAllocs {
		t.Errorf("the initialisation of package main made %d allocations (%s bytes), more than %d: a package variable builds something every run pays for; "+
			"make it a function, as the views are (find it with the allocs profile of an init() that writes it, under GODEBUG=memprofilerate=1)", allocs, m[1], maxInitAllocs)
	}
}
