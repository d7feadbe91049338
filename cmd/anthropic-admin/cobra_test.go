package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// Tests of the cobra adapter: help with examples on every leaf, examples
// that parse, credentials and destructiveness in the help, --dry-run and
// shell completion.

// TestEveryLeafHasExamples runs every leaf's --help and checks that it
// shows at least one example, and all of its examples. A new leaf without
// examples fails here: give it examples: []string{"anthropic-admin ..."}.
func TestEveryLeafHasExamples(t *testing.T) {
	n := 0
	commands().leaves(nil, func(path []string, c *command) {
		name := strings.Join(path, " ")
		if len(c.examples) == 0 {
			t.Errorf("%s has no examples: add examples: []string{\"anthropic-admin %s ...\"} to its declaration", name, name)
			return
		}
		if c.raw != nil {
			return // a raw leaf prints its own help
		}
		r := runCLI(t, nil, invocation{args: append(slices.Clone(path), "--help")})
		if r.code != 0 || !strings.Contains(r.stdout, "\nExamples:\n") {
			t.Errorf("%s --help: exit %d, no Examples section:\n%s", name, r.code, r.stdout)
			return
		}
		for _, e := range c.examples {
			if !strings.Contains(r.stdout, "\n  "+e+"\n") {
				t.Errorf("%s --help lacks the example %q", name, e)
			}
		}
		n++
	})
	if n < 80 {
		t.Errorf("checked the help of %d leaves only", n)
	}
}

// TestExamplesParse checks that every example is a command line of the
// leaf it illustrates that the tool accepts: the command exists, the
// flags exist and take valid values, the number of arguments is right
// and the required flags are given. Nothing runs.
func TestExamplesParse(t *testing.T) {
	commands().leaves(nil, func(path []string, c *command) {
		for _, e := range c.examples {
			if strings.HasPrefix(e, "#") {
				continue
			}
			words, err := exampleArgs(e)
			if err != nil {
				t.Errorf("%s: example %q: %v", strings.Join(path, " "), e, err)
				continue
			}
			if err := parseOnly(path, words); err != nil {
				t.Errorf("%s: example %q does not parse: %v", strings.Join(path, " "), e, err)
			}
		}
	})
	// The check itself fails for bad examples.
	for _, bad := range []string{"users list --rol admin", "users get", "users lsit", "usage cost --to 2026-10-01", "users list --role boss"} {
		words, _ := exampleArgs("anthropic-admin " + bad)
		if parseOnly(strings.Fields(bad)[:2], words) == nil {
			t.Errorf("%q parses", bad)
		}
	}
}

// exampleArgs returns the arguments of the anthropic-admin command line in
// the example e, which may be preceded by shell words ("source <(") and
// followed by a pipe or a redirection, split as a shell would ('...',
// "..." and backslashes; no expansions).
func exampleArgs(e string) ([]string, error) {
	_, rest, ok := strings.Cut(e, progName+" ")
	if !ok {
		return nil, errorf("does not run %s", progName)
	}
	var words []string
	var cur strings.Builder
	inWord := false
	var quote rune
	for _, r := range rest {
		switch {
		case quote != 0 && r == quote:
			quote = 0
		case quote != 0:
			cur.WriteRune(r)
		case r == '\'' || r == '"':
			quote, inWord = r, true
		case r == ' ':
			if inWord {
				words, inWord = append(words, cur.String()), false
				cur.Reset()
			}
		case r == '|' || r == '>' || r == ')':
			if inWord {
				words = append(words, cur.String())
			}
			return words, nil
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	if quote != 0 {
		return nil, errorf("unterminated quote")
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words, nil
}

// errorf is fmt.Errorf for the tests.
func errorf(format string, args ...any) error { return usageErrorf(format, args...) }

// parseOnly parses the command line args the way a run does, without
// running it, and checks that it reaches the leaf at path.
func parseOnly(path, args []string) error {
	a := &app{getenv: func(string) string { return "" }, stdin: strings.NewReader(""), stdout: new(bytes.Buffer), stderr: new(bytes.Buffer)}
	cl := newCLI(context.Background(), a, commands())
	cl.expand(args, false)
	cmd, rest, err := cl.root.Find(args)
	if err != nil {
		return err
	}
	cl.prepare(cmd)
	n := cl.nodes[cmd]
	if n == nil || n.c.isGroup() {
		return errorf("%q is no leaf", args)
	}
	if !slices.Equal(n.path, path) {
		return errorf("runs %q", strings.Join(n.path, " "))
	}
	if err := cmd.ParseFlags(rest); err != nil {
		return err
	}
	if cmd.Flags().Changed("from-csv") {
		return nil // the arguments and the leaf's flags come from the file (bulk.go)
	}
	if err := n.c.checkArgs(cmd.Flags().Args()); err != nil {
		return err
	}
	set := map[string]bool{}
	for _, s := range n.c.flags {
		set[s.name] = cmd.Flags().Changed(s.name)
	}
	return checkSetFlags(n.fs, set, n.c.flags)
}

// TestHelpCredentials checks that every leaf's help names its credential,
// the one its operation accepts, and says whether it is destructive; and
// that a leaf's declared oauth or compliance mark agrees with its
// operation.
func TestHelpCredentials(t *testing.T) {
	commands().leaves(nil, func(path []string, c *command) {
		name := strings.Join(path, " ")
		creds := c.op.Credentials()
		if c.oauth && !slices.Equal(creds, []string{"oauth"}) || c.compliance && !slices.Equal(creds, []string{"compliance-key"}) {
			t.Errorf("%s is marked oauth %v, compliance %v, but %s accepts %v", name, c.oauth, c.compliance, c.op, creds)
		}
		if c.raw != nil {
			return
		}
		r := runCLI(t, nil, invocation{args: append(slices.Clone(path), "--help")})
		var want string
		switch {
		case c.op == "" && c.do.local:
			want = "Credential: none"
		case c.op == "":
			want = "Credential: the one the endpoint needs"
		case slices.Equal(creds, []string{"oauth"}):
			want = "Credential: an OAuth access token with the org:admin scope (" + envOAuthToken + ")"
		case slices.Equal(creds, []string{"compliance-key"}):
			want = "Credential: the Compliance Access Key (" + envComplianceKey + ")"
		case slices.Contains(creds, "admin-key"):
			want = "Credential: the Admin API key (" + envAdminKey + ")"
		default:
			t.Errorf("%s: %s accepts %v", name, c.op, creds)
		}
		if !strings.Contains(r.stdout, "\n"+want) {
			t.Errorf("%s --help lacks %q:\n%s", name, want, r.stdout)
		}
		destructive := strings.Contains(r.stdout, "\nDestructive: yes.")
		with := strings.Contains(r.stdout, "\nDestructive: with "+c.destructiveWith+".")
		if destructive != (c.confirm != nil) || with != (c.destructiveWith != "") || (destructive || with) == strings.Contains(r.stdout, "\nDestructive: no.") {
			t.Errorf("%s --help: destructive %v (with %q: %v), but confirm set %v", name, destructive, c.destructiveWith, with, c.confirm != nil)
		}
		if (destructive || with || bulkable(c)) != strings.Contains(r.stdout, "  --dry-run ") {
			t.Errorf("%s --help: --dry-run listed %v, destructive %v, --from-csv %v", name, !destructive, destructive, bulkable(c))
		}
	})
}

// TestHelpCredentialWithoutOp checks the credential line of a leaf that
// sends requests without one operation, such as a raw API call, and of
// one that sends none.
func TestHelpCredentialWithoutOp(t *testing.T) {
	for _, tc := range []struct {
		c    *command
		want string
	}{
		{&command{name: "x", summary: "s."}, "Credential: the one the endpoint needs: the Admin API key (ANTHROPIC_ADMIN_KEY), the Compliance Access Key (ANTHROPIC_COMPLIANCE_KEY) or an org:admin OAuth access token (ANTHROPIC_ADMIN_OAUTH_TOKEN).\n"},
		{&command{name: "x", summary: "s.", do: action{local: true}}, "Credential: none; it sends no request to the API.\n"},
	} {
		var b strings.Builder
		writeHelp(&b, []string{"x"}, tc.c, nil)
		if !strings.Contains(b.String(), "\n"+tc.want) {
			t.Errorf("help lacks %q:\n%s", tc.want, b.String())
		}
	}
}

// leafAt returns the leaf that the command line args runs and its path,
// or nil.
func leafAt(args []string) (*command, string) {
	c := commands()
	for i, a := range args {
		if !c.isGroup() {
			return c, strings.Join(args[:i], " ")
		}
		if c = c.sub(a); c == nil {
			return nil, ""
		}
	}
	return c, strings.Join(args, " ")
}

// TestDryRun runs every destructive command of opCases with --dry-run in
// place of --yes, and checks that it prints the question and the request
// and that the fake receives no call at all; and that every destructive
// leaf has such a case.
func TestDryRun(t *testing.T) {
	covered := map[string]bool{}
	var leaves []string
	commands().leaves(nil, func(path []string, c *command) {
		if c.confirm != nil {
			leaves = append(leaves, strings.Join(path, " "))
		}
	})
	for _, tc := range opCases {
		leaf, path := leafAt(tc.args)
		if leaf == nil || leaf.confirm == nil {
			continue
		}
		covered[path] = true
		args := slices.Clone(tc.args)
		for i, a := range args {
			if a == "--yes" || a == "-y" {
				args[i] = "--dry-run"
			}
		}
		name := strings.Join(args[:len(args)-1], " ")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			s := newFake(t)
			args := newFixture(t, s).withServiceAccounts(t, s, args).withGovernance(t, s, args).federation(t, s, args).expand(args)
			before := totalCalls(s.Calls)
			r := runCLI(t, s, invocation{args: args, env: onlyLeafCredential(t, tc.args)})
			if r.code != 0 {
				t.Fatalf("exit %d\n%s", r.code, r.stderr)
			}
			if n := totalCalls(s.Calls) - before; n != 0 {
				t.Errorf("the fake received %d calls", n)
			}
			for _, want := range []string{"Dry run of anthropic-admin ", "nothing is sent", "\nQuestion: ", "\nRequest: ", "\nBase URL: " + s.URL} {
				if !strings.Contains(r.stdout, want) {
					t.Errorf("output lacks %q:\n%s", want, r.stdout)
				}
			}
		})
	}
	for _, l := range leaves {
		if !covered[l] {
			t.Errorf("no opCases row exercises the destructive leaf %s, so --dry-run is untested for it", l)
		}
	}
}

// totalCalls returns the number of calls of every operation that calls
// counts.
func totalCalls(calls func(admin.Operation) int) int {
	n := 0
	for _, op := range admin.Operations() {
		n += calls(op)
	}
	return n
}

// TestDryRunRequest checks the whole output of a dry run: the question
// names the objects by their IDs (nothing is looked up), and the request
// is the one the command sends without --dry-run.
func TestDryRunRequest(t *testing.T) {
	s := newFake(t)
	f := newFixture(t, s)
	before := totalCalls(s.Calls)
	r := runCLI(t, s, invocation{args: []string{"api-keys", "archive", f["apikey"], "--dry-run"}})
	want := "Dry run of anthropic-admin api-keys archive " + f["apikey"] + ": nothing is sent.\n" +
		"Question: Archive API key " + f["apikey"] + "? This cannot be undone. [y/N] (asked on a terminal unless --yes is given)\n" +
		"Request: POST /v1/organizations/api_keys/" + f["apikey"] + "\n" +
		"Base URL: " + s.URL + "\n" +
		"  Accept: application/json\n" +
		"  Anthropic-Version: " + admin.DefaultAPIVersion + "\n" +
		"  Content-Type: application/json\n" +
		"  X-Api-Key: (the Admin API key, not shown)\n" +
		"Body:\n  {\n    \"status\": \"archived\"\n  }\n"
	if r.code != 0 || r.stdout != want {
		t.Errorf("exit %d, stdout:\n%s\nwant:\n%s\nstderr: %s", r.code, r.stdout, want, r.stderr)
	}
	if n := totalCalls(s.Calls) - before; n != 0 {
		t.Errorf("the fake received %d calls", n)
	}
	// The same command without --dry-run sends that request.
	r = runCLI(t, s, invocation{args: []string{"api-keys", "archive", f["apikey"], "--yes"}})
	if r.code != 0 || s.Calls(admin.OpUpdateAPIKey) != 1 {
		t.Errorf("exit %d, %d updateApiKey calls: %s", r.code, s.Calls(admin.OpUpdateAPIKey), r.stderr)
	}
	// A bad argument is still a usage error, and nothing is sent.
	r = runCLI(t, s, invocation{args: []string{"compliance-settings", "set", "sideways", "--dry-run"}})
	if r.code != 2 {
		t.Errorf("a bad state with --dry-run: exit %d, %s", r.code, r.stderr)
	}
}

// complete runs the hidden __complete command that the completion
// scripts call, and returns the candidates (without descriptions) and the
// directive line.
func complete(t *testing.T, s *admintest.Server, inv invocation) ([]string, string) {
	t.Helper()
	inv.args = append([]string{"__complete"}, inv.args...)
	r := runCLI(t, s, inv)
	if r.code != 0 {
		t.Fatalf("%q: exit %d: %s", inv.args, r.code, r.stderr)
	}
	lines := strings.Split(strings.TrimSuffix(r.stdout, "\n"), "\n")
	var out []string
	for _, l := range lines[:len(lines)-1] {
		v, _, _ := strings.Cut(l, "\t")
		out = append(out, v)
	}
	return out, lines[len(lines)-1]
}

// TestCompletion checks the completion of commands, flags, enum values
// and IDs.
func TestCompletion(t *testing.T) {
	s := newFake(t)
	f := newFixture(t, s)
	got, _ := complete(t, nil, invocation{args: []string{"us"}})
	if !slices.Equal(got, []string{"usage", "users"}) {
		t.Errorf("us: %q", got)
	}
	got, _ = complete(t, nil, invocation{args: []string{"users", "list", "--ro"}})
	if !slices.Equal(got, []string{"--role"}) {
		t.Errorf("users list --ro: %q", got)
	}
	got, dir := complete(t, nil, invocation{args: []string{"users", "list", "--role", ""}})
	if !slices.Equal(got, values(admin.OrganizationRoleValues())) || dir != ":4" {
		t.Errorf("--role: %q %s", got, dir)
	}
	got, _ = complete(t, nil, invocation{args: []string{"users", "list", "--role", "admin,"}})
	if len(got) != len(admin.OrganizationRoleValues())-1 || !slices.Contains(got, "admin,developer") || slices.Contains(got, "admin,admin") {
		t.Errorf("--role admin,: %q", got)
	}
	got, _ = complete(t, nil, invocation{args: []string{"users", "list", "-o", ""}})
	if !slices.Equal(got, []string{"table", "json", "jsonl", "yaml", "csv"}) {
		t.Errorf("-o: %q", got)
	}
	got, _ = complete(t, nil, invocation{args: []string{"users", "set-role", "user_x", ""}})
	if !slices.Equal(got, values(admin.AssignableOrganizationRoleValues())) {
		t.Errorf("users set-role <user> : %q", got)
	}
	got, _ = complete(t, nil, invocation{args: []string{"completion", ""}})
	if !slices.Equal(got, []string{"bash", "zsh", "fish", "powershell"}) {
		t.Errorf("completion: %q", got)
	}
	// IDs from the API, with the key of the environment.
	got, _ = complete(t, s, invocation{args: []string{"users", "get", ""}})
	if !slices.Contains(got, f["user"]) {
		t.Errorf("users get: %q lacks %s", got, f["user"])
	}
	got, _ = complete(t, s, invocation{args: []string{"workspaces", "members", "get", f["workspace"], ""}})
	if !slices.Contains(got, f["user"]) || slices.Contains(got, f["workspace"]) {
		t.Errorf("workspaces members get <ws>: %q", got)
	}
	got, _ = complete(t, s, invocation{args: []string{"api-keys", "list", "--workspace", ""}})
	if !slices.Contains(got, f["workspace"]) {
		t.Errorf("--workspace: %q lacks %s", got, f["workspace"])
	}
	// No key, no call and no IDs.
	before := s.Calls(admin.OpListUsers)
	got, _ = complete(t, s, invocation{env: map[string]string{envAdminKey: ""}, args: []string{"users", "get", ""}})
	if len(got) != 0 || s.Calls(admin.OpListUsers) != before {
		t.Errorf("without a key: %q, %d calls", got, s.Calls(admin.OpListUsers)-before)
	}
	// The flags completed with IDs are those idCompletions knows.
	idFlags := idCompletions.get().flags
	if len(idFlags) != len(idFlagNames) {
		t.Errorf("%d ID flags, %d names", len(idFlags), len(idFlagNames))
	}
	for _, name := range idFlagNames {
		if idFlags[name] == nil {
			t.Errorf("no ID completion for --%s", name)
		}
	}
	// --fake completes from the in-process fake.
	got, _ = complete(t, nil, invocation{args: []string{"--fake", "workspaces", "get", ""}})
	if len(got) == 0 || !strings.HasPrefix(got[0], "wrkspc_") {
		t.Errorf("--fake workspaces get: %q", got)
	}
}

// TestCompletionScripts checks the completion command for each shell.
func TestCompletionScripts(t *testing.T) {
	for shell, want := range map[string]string{
		"bash":       "complete -o default -F __start_anthropic-admin anthropic-admin",
		"zsh":        "#compdef anthropic-admin",
		"fish":       "complete -c anthropic-admin",
		"powershell": "Register-ArgumentCompleter",
	} {
		r := runCLI(t, nil, invocation{args: []string{"completion", shell}})
		if r.code != 0 || !strings.Contains(r.stdout, want) || !strings.Contains(r.stdout, "__complete") {
			t.Errorf("completion %s: exit %d, lacks %q", shell, r.code, want)
		}
	}
	if r := runCLI(t, nil, invocation{args: []string{"completion", "tcsh"}}); r.code != 2 {
		t.Errorf("completion tcsh: exit %d", r.code)
	}
}
