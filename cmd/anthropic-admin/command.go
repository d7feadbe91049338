package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// runFunc runs a leaf command with its positional arguments; its flags were
// bound when the command was set up.
type runFunc func(ctx context.Context, a *app, args []string) error

// question returns the confirmation question of a destructive command;
// it may fetch the object to name it.
type question func(ctx context.Context, c *admin.Client, args []string) (string, error)

// command is a node of the command tree: a group with subcommands, or a
// leaf that runs. A leaf is a plain declaration (see commands): its help,
// the operation it performs, its arguments and flags as data, and its
// action, made from a method of package admin or a named function.
type command struct {
	name    string
	summary string
	// details, when set, follows the summary in the leaf's help.
	details string
	// examples are command lines shown under "Examples:" in the leaf's
	// help, each a complete invocation a user can copy, optionally
	// preceded by a "# comment" line.
	examples []string
	// args names the positional arguments, such as "<user-id>"; a last
	// name ending in "..." takes one or more values.
	args []string
	// argValues, when set, lists the values each positional argument
	// accepts (nil for any), for shell completion, such as the roles of
	// users set-role. Arguments named in idCompletions (completion.go) complete
	// with IDs from the API without it.
	argValues [][]string
	// op is the operation of package admin the leaf performs.
	op admin.Operation
	// flags are the leaf's own flags, bound to the fields of the
	// parameters of its action.
	flags []flagSpec
	// do is what the leaf does.
	do action
	// report marks a list leaf that is a report, whose single page may
	// take long: it shows progress even without --all.
	report bool
	// confirm, when set, returns the question asked before running.
	confirm question
	// destructiveWith names the flag that makes a leaf without confirm
	// destructive (api-keys hygiene --deactivate): the leaf asks its own
	// question, and has a --dry-run of its own that prints what the flag
	// would do and changes nothing. Its help says so.
	destructiveWith string
	// compliance marks the leaf that needs the Compliance key rather than
	// the Admin key.
	compliance bool
	// oauth marks a leaf that needs the org:admin OAuth token rather than
	// the Admin key (see oauthOnly).
	oauth bool
	// eitherKey marks a leaf that takes the Compliance key or, without
	// it, the Admin key (the Activity Feed); credentialFromOp sets it
	// from the operation.
	eitherKey bool
	// anyCredential marks a leaf whose arguments choose the credential
	// (api): any one set will do, and the client fails locally when the
	// one needed is missing.
	anyCredential bool
	// raw, when set, runs the leaf instead of do: it gets every argument
	// after its name unparsed, --help included, parses its own flags and
	// needs no client. Prefer do with a local action (see local), whose
	// flags and help are the tool's.
	raw func(ctx context.Context, args []string, stdout, stderr io.Writer) int
	// subs are the subcommands of a group; read them with children, which
	// builds those of a lazy group first.
	subs []*command
	// build, set on a lazy group (see lazyGroup) until its subcommands
	// are built, returns the group with them.
	build func() *command
}

// group returns a command group.
func group(name, summary string, subs ...*command) *command {
	return &command{name: name, summary: summary, subs: subs}
}

// setup registers the flags of the leaf c on fs, its own and those of its
// action, and returns what runs c once fs is parsed.
func (c *command) setup(fs *flag.FlagSet) runFunc {
	return c.do.setup(fs, c)
}

// bindFlags registers the declared flags of c on fs, bound to the fields
// of params, the parameters of c's action.
func (c *command) bindFlags(fs *flag.FlagSet, params any) {
	for _, s := range c.flags {
		s.bind(fs, params)
	}
}

// sub returns the subcommand called name.
func (c *command) sub(name string) *command {
	for _, s := range c.children() {
		if s.name == name {
			return s
		}
	}
	return nil
}

// suggest returns the name of the subcommand of c nearest to name, the
// mistyped name of a command, or "" when none is near enough. Near means
// within an edit distance (editDistance, ignoring case) of 2, or 1 for
// names shorter than three letters, or starting with name when it has
// three letters or more ("work" for workspaces). The nearest wins, a
// prefix ranking between distances 1 and 2, and the first of equals; extra
// are candidates that are no nodes, such as "help" at the root.
func (c *command) suggest(name string, extra ...string) string {
	name = strings.ToLower(name)
	long := len([]rune(name)) >= 3
	// Scores are twice the distance, so that a prefix can score 3.
	maxScore := 2
	if long {
		maxScore = 4
	}
	best, bestScore := "", maxScore+1
	try := func(cand string) {
		score := 2 * editDistance(name, cand)
		if long && strings.HasPrefix(cand, name) {
			score = min(score, 3)
		}
		if score < bestScore {
			best, bestScore = cand, score
		}
	}
	for _, s := range c.children() {
		try(s.name)
	}
	for _, e := range extra {
		try(e)
	}
	return best
}

// editDistance returns the Damerau-Levenshtein distance between a and b in
// its optimal string alignment form: the fewest insertions, deletions and
// substitutions of runes and transpositions of adjacent runes that turn a
// into b, no part being edited twice. "usres" is 1 from "users".
func editDistance(a, b string) int {
	s, t := []rune(a), []rune(b)
	d := make([][]int, len(s)+1)
	for i := range d {
		d[i] = make([]int, len(t)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(s); i++ {
		for j := 1; j <= len(t); j++ {
			cost := 1
			if s[i-1] == t[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && s[i-1] == t[j-2] && s[i-2] == t[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(s)][len(t)]
}

// unknownCommand reports name, which is no subcommand of c (at path), on
// w: one line naming it and the nearest command if one is near (see
// suggest), and where to find the commands, rather than the whole help.
// It returns the exit status of usage errors, 2.
func unknownCommand(w io.Writer, path []string, c *command, name string) int {
	full := strings.Join(append([]string{progName}, path...), " ")
	var extra []string
	if len(path) == 0 {
		extra = []string{"help"}
	}
	msg := fmt.Sprintf("%s: unknown command %q", full, name)
	if s := c.suggest(name, extra...); s != "" {
		msg += fmt.Sprintf("; did you mean '%s'?", s)
	}
	fmt.Fprintf(w, "%s\nRun '%s --help' for the commands.\n", safeText(msg), full)
	return 2
}

// leaves calls f with the path and node of every leaf under c.
func (c *command) leaves(path []string, f func(path []string, leaf *command)) {
	if !c.isGroup() {
		f(path, c)
		return
	}
	for _, s := range c.children() {
		s.leaves(append(slices.Clip(path), s.name), f)
	}
}

// checkArgs checks the number of positional arguments.
func (c *command) checkArgs(args []string) error {
	n := len(c.args)
	variadic := n > 0 && strings.HasSuffix(c.args[n-1], "...")
	switch {
	case len(args) < n:
		return usageErrorf("missing %s", strings.Join(c.args[len(args):], " "))
	case len(args) > n && !variadic:
		return usageErrorf("unexpected argument %q", args[n])
	}
	return nil
}

// newFlagSet returns a silent flag set: the caller prints errors and help.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

// writeHelp prints the help of the command at path: its synopsis, summary,
// subcommands or flags, and the global flags. fs holds the leaf's flags
// (nil for groups); the key never appears, as no flag holds it. The help
// is written to out at once, in one write.
func writeHelp(out io.Writer, path []string, c *command, fs *flag.FlagSet) {
	w := new(bytes.Buffer)
	defer func() { out.Write(w.Bytes()) }()
	full := strings.Join(append([]string{progName}, path...), " ")
	if c.isGroup() {
		fmt.Fprintf(w, "Usage: %s <command> [flags] [arguments]\n\n%s\n\nCommands:\n", full, c.summary)
		var lines [][2]string
		width := 0
		add := func(name, summary string) {
			width = max(width, len(name))
			lines = append(lines, [2]string{name, summary})
		}
		// The leaves under c, named by their path from c and arguments;
		// those of a lazy group not built yet as leafIndex lists them.
		var walk func(prefix string, c *command)
		walk = func(prefix string, c *command) {
			if !c.isGroup() {
				name := prefix
				for _, arg := range c.args {
					name += " " + arg
				}
				add(name, c.summary)
				return
			}
			if c.build != nil {
				if ls := indexedLeaves(strings.TrimSpace(strings.Join(path, " ") + " " + prefix)); ls != nil {
					for _, l := range ls {
						add(strings.TrimSpace(prefix+" "+l.leaf), l.summary)
					}
					return
				}
			}
			for _, s := range c.children() {
				if prefix == "" {
					walk(s.name, s)
				} else {
					walk(prefix+" "+s.name, s)
				}
			}
		}
		walk("", c)
		width = min(width, 36)
		// The root's list is some 250 lines: written without fmt into a
		// buffer grown once, as every run of --help writes it.
		w.Grow(len(lines) * (width + 64))
		for _, l := range lines {
			name := l[0]
			if len(name) > width {
				w.WriteString("  " + name + "\n")
				name = ""
			}
			w.WriteString("  ")
			w.WriteString(name)
			for range width - len(name) {
				w.WriteByte(' ')
			}
			w.WriteString("  ")
			w.WriteString(l[1])
			w.WriteByte('\n')
		}
		fmt.Fprintf(w, "\nGlobal flags:\n")
		writeFlags(w, globalFlagSet(&globals{}), nil)
		if len(path) == 0 {
			fmt.Fprint(w, rootNotes)
		} else {
			fmt.Fprintf(w, "\nRun '%s <command> --help' for a command's flags.\n", full)
		}
		return
	}
	syn := full + " [flags]"
	if len(c.args) > 0 {
		syn += " " + strings.Join(c.args, " ")
	}
	fmt.Fprintf(w, "Usage: %s\n\n%s\n", syn, c.summary)
	if c.details != "" {
		fmt.Fprintf(w, "%s\n", c.details)
	}
	if c.op != "" {
		fmt.Fprintf(w, "API operation: %s\n", c.op)
		if beta := c.op.Beta(); beta != "" {
			fmt.Fprintf(w, "Beta: the operation may change; the command sends anthropic-beta: %s.\n", beta)
		}
	}
	if cred := c.credentialHelp(); cred != "" {
		fmt.Fprintf(w, "Credential: %s.\n", cred)
	} else {
		fmt.Fprintf(w, "Credential: none; it sends no request to the API.\n")
	}
	if c.confirm != nil {
		fmt.Fprintf(w, "Destructive: yes. Asks for confirmation on the terminal unless --yes is given;\n"+
			"--dry-run prints the question and the request instead, and sends nothing.\n")
	} else if c.destructiveWith != "" {
		fmt.Fprintf(w, "Destructive: with %s. Then asks for confirmation on the terminal unless --yes is\n"+
			"given; --dry-run prints what it would change instead, and changes nothing.\n", c.destructiveWith)
	} else {
		fmt.Fprintf(w, "Destructive: no.\n")
	}
	if len(c.examples) > 0 {
		fmt.Fprintf(w, "\nExamples:\n")
		for _, e := range c.examples {
			fmt.Fprintf(w, "  %s\n", e)
		}
	}
	if fs != nil {
		var own strings.Builder
		writeFlags(&own, fs, isGlobalFlag)
		if own.Len() > 0 {
			fmt.Fprintf(w, "\nFlags:\n%s", own.String())
		}
	}
	fmt.Fprintf(w, "\nGlobal flags:\n")
	writeFlags(w, globalFlagSet(&globals{}), nil)
}

// writeFlags lists the flags of fs, skipping those skip reports.
func writeFlags(w io.Writer, fs *flag.FlagSet, skip func(name string) bool) {
	fs.VisitAll(func(f *flag.Flag) {
		if (skip != nil && skip(f.Name)) || len(f.Name) == 1 {
			return // one-letter flags are shorthands, printed with their flag
		}
		name, usage := flag.UnquoteUsage(f)
		head := "--" + f.Name
		if short := shorthands[f.Name]; short != "" {
			head = "-" + short + ", " + head
		}
		if name != "" {
			head += " " + name
		}
		if f.DefValue != "" && f.DefValue != "false" && f.DefValue != "0" && f.DefValue != "[]" {
			usage += fmt.Sprintf(" (default %s)", f.DefValue)
		}
		fmt.Fprintf(w, "  %-26s %s\n", head, usage)
	})
}

// shorthands maps flags to their one-letter shorthand.
var shorthands = map[string]string{"output": "o", "yes": "y", "output-file": "O", "field": "F", "raw-field": "f", "header": "H"}

// usageError is a mistake in the command line: exit status 2 and the
// command's help.
type usageError struct{ msg string }

// Error implements error.
func (e *usageError) Error() string { return e.msg }

// usageErrorf returns a *usageError.
func usageErrorf(format string, args ...any) error {
	return &usageError{fmt.Sprintf(format, args...)}
}

// exitError is a failure with a given exit status and no help; one
// without a message was reported already.
type exitError struct {
	code int
	msg  string
}

// Error implements error.
func (e *exitError) Error() string { return e.msg }
