package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// This file is the one adapter between the declarations (commands.go and
// the commands_*.go files: a tree of *command values) and cobra, which
// parses the command line, finds the command, completes it in shells and
// calls what the declarations say to run. The declarations know nothing
// of cobra: a leaf registers its flags on a standard *flag.FlagSet (see
// flagSpec and action.setup), and the adapter moves every one of them to
// the cobra command as a pflag flag sharing the same flag.Value, so the
// value lands in the same field of the leaf's parameters. The global flags
// (globals.register) become persistent flags of the root, with their
// one-letter shorthands (see shorthands). The help stays ours (writeHelp),
// one format for every command; cobra's help command is replaced by ours
// and its completion command by the completion leaf.

// node is a command of the declaration tree as the adapter built it.
type node struct {
	path []string
	c    *command
	// fs holds the leaf's flags, its own and its action's (nil for a group
	// and for a raw leaf, and until the leaf is set up).
	fs *flag.FlagSet
	// setup sets up a leaf (nil for groups, raw leaves and leaves set up
	// already): flags, completion, what it runs. Only the leaf that runs,
	// or whose help or completion is asked for, is set up (see prepare).
	setup func()
	// built tells whether the cobra commands of all a group's
	// subcommands were built (see children); kids are those built so far,
	// by name.
	built bool
	kids  map[string]*cobra.Command
}

// cli is one run's tree of cobra commands built from the declarations.
type cli struct {
	ctx   context.Context
	a     *app
	root  *cobra.Command
	nodes map[*cobra.Command]*node
	// tree is the declaration tree.
	tree *command
	// failed is the node whose run failed, for the error's report, and
	// pos its positional arguments.
	failed *node
	pos    []string
}

// newCLI returns the cobra commands of the declaration tree for the run a.
// Only the root is built at first: the commands of a group's subcommands
// are built when the command line reaches the group (see expand), or all
// of them for tools that look at the whole tree (see buildAll). A leaf is
// set up (its flags bound to fresh parameters) when it is about to run or
// its help or completion is asked for (see prepare), so the tree serves
// one run only.
func newCLI(ctx context.Context, a *app, tree *command) *cli {
	cl := &cli{ctx: ctx, a: a, tree: tree, nodes: map[*cobra.Command]*node{}}
	cl.root = cl.build(nil, tree)
	cl.root.Use = progName
	cl.root.SilenceErrors = true
	cl.root.SilenceUsage = true
	cl.root.CompletionOptions.DisableDefaultCmd = true
	cl.root.CompletionOptions.HiddenDefaultCmd = true
	cl.root.SetHelpFunc(func(cmd *cobra.Command, _ []string) {
		if n := cl.nodes[cmd]; n != nil {
			writeHelp(a.stdout, n.path, n.c, n.fs)
			return
		}
		fmt.Fprint(a.stdout, cmd.UsageString()) // cobra's own, such as __complete
	})
	cl.root.SetHelpCommand(&cobra.Command{
		Use:   "help [command]...",
		Short: "Show the help of a command.",
		Args:  cobra.ArbitraryArgs,
		RunE: func(_ *cobra.Command, args []string) error {
			return cl.help(args)
		},
		ValidArgsFunction: func(_ *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
			c := tree
			for _, name := range args {
				if c = c.sub(name); c == nil {
					return nil, cobra.ShellCompDirectiveNoFileComp
				}
			}
			var names []cobra.Completion
			for _, s := range c.children() {
				names = append(names, cobra.CompletionWithDesc(s.name, s.summary))
			}
			return names, cobra.ShellCompDirectiveNoFileComp
		},
	})
	cl.root.SetFlagErrorFunc(func(cmd *cobra.Command, err error) error {
		return &usageError{msg: flagError(cmd, err)}
	})
	gfs := newFlagSet(progName)
	a.g.register(gfs)
	addFlags(cl.root.PersistentFlags(), gfs)
	cl.completeFlags(cl.root, gfs)
	return cl
}

// build returns the cobra command of c, at path; those of its
// subcommands are built by children.
func (cl *cli) build(path []string, c *command) *cobra.Command {
	ctx := cl.ctx
	n := &node{path: path, c: c}
	cmd := &cobra.Command{Use: c.name, Short: c.summary, Args: cobra.ArbitraryArgs}
	cl.nodes[cmd] = n
	switch {
	case c.isGroup():
		cmd.RunE = func(_ *cobra.Command, args []string) error {
			if cl.a.g.version {
				printVersion(cl.a.stdout)
				return nil
			}
			if len(args) == 0 {
				cl.failed = n
				return errMissingCommand
			}
			return &exitError{code: unknownCommand(cl.a.stderr, path, c, args[0])}
		}
	case c.raw != nil:
		// A raw leaf parses its own flags, --help included.
		cmd.DisableFlagParsing = true
		cmd.RunE = func(_ *cobra.Command, args []string) error {
			cl.a.path = strings.Join(path, " ")
			if code := c.raw(ctx, args, cl.a.stdout, cl.a.stderr); code != 0 {
				return &exitError{code: code}
			}
			return nil
		}
	default:
		cmd.Example = strings.Join(c.examples, "\n")
		n.setup = func() { cl.leaf(ctx, cmd, n) }
	}
	return cmd
}

// children adds to the group cmd the cobra commands of its subcommands,
// once.
func (cl *cli) children(cmd *cobra.Command) {
	n := cl.nodes[cmd]
	if n == nil || !n.c.isGroup() || n.built {
		return
	}
	n.built = true
	for _, s := range n.c.children() {
		if n.kids[s.name] == nil {
			cl.add(cmd, n, s)
		}
	}
}

// child returns the cobra command of the subcommand called name of the
// group cmd, building it if need be; nil when there is none.
func (cl *cli) child(cmd *cobra.Command, name string) *cobra.Command {
	n := cl.nodes[cmd]
	if n == nil || !n.c.isGroup() {
		return nil
	}
	if k := n.kids[name]; k != nil || n.built {
		return k
	}
	if s := n.c.sub(name); s != nil {
		return cl.add(cmd, n, s)
	}
	return nil
}

// add builds the cobra command of s, a subcommand of the group cmd (whose
// node is n), and adds it to cmd.
func (cl *cli) add(cmd *cobra.Command, n *node, s *command) *cobra.Command {
	k := cl.build(append(slices.Clip(n.path), s.name), s)
	cmd.AddCommand(k)
	if n.kids == nil {
		n.kids = map[string]*cobra.Command{}
	}
	n.kids[s.name] = k
	return k
}

// buildAll builds the cobra commands of the whole tree under cmd.
func (cl *cli) buildAll(cmd *cobra.Command) {
	cl.children(cmd)
	for _, sub := range cmd.Commands() {
		if cl.nodes[sub] != nil {
			cl.buildAll(sub)
		}
	}
}

// expand builds the cobra commands that the command line args names:
// the subcommand of the root that its first word names, the subcommand of
// that one the next word names, and so on, skipping flags and the values
// of the global flags that take one. A run builds these only; cobra finds
// the command among them. For a completion (all), every subcommand of the
// root and of each group on the way is built too, which cobra completes
// from; for "help", those of the root, which make cobra add its help
// command.
func (cl *cli) expand(args []string, all bool) {
	cmd := cl.root
	if all {
		cl.children(cmd)
	}
	for i := 0; i < len(args); i++ {
		arg := args[i]
		if arg == "--" {
			return
		}
		if len(arg) > 1 && arg[0] == '-' {
			if takesNext(cl.root.PersistentFlags(), arg) {
				i++
			}
			continue
		}
		if arg == "help" && cmd == cl.root {
			cl.children(cmd)
			continue
		}
		next := cl.child(cmd, arg)
		if next == nil {
			return
		}
		cmd = next
		if all {
			cl.children(cmd)
		}
	}
}

// takesNext reports whether arg, a flag of fs (such as --output or -yo)
// written without "=value", takes the next argument as its value.
func takesNext(fs *pflag.FlagSet, arg string) bool {
	if name, ok := strings.CutPrefix(arg, "--"); ok {
		f := fs.Lookup(name)
		return f != nil && f.NoOptDefVal == ""
	}
	short := arg[1:]
	for i := range len(short) {
		f := fs.ShorthandLookup(short[i : i+1])
		if f == nil {
			return false
		}
		if f.NoOptDefVal == "" {
			return i == len(short)-1 // else the rest is its value
		}
	}
	return false
}

// prepare sets up the leaf cmd, if it is one not set up yet.
func (cl *cli) prepare(cmd *cobra.Command) {
	if n := cl.nodes[cmd]; n != nil && n.setup != nil {
		setup := n.setup
		n.setup = nil
		setup()
	}
}

// prepareAll builds and sets up every leaf, for tools that look at the
// whole tree (the command reference, the tests of examples).
func (cl *cli) prepareAll() {
	cl.buildAll(cl.root)
	for cmd := range cl.nodes {
		cl.prepare(cmd)
	}
}

// leaf makes cmd run the leaf of n.
func (cl *cli) leaf(ctx context.Context, cmd *cobra.Command, n *node) {
	c, a := n.c, cl.a
	c.credentialFromOp()
	n.fs = newFlagSet(strings.Join(n.path, " "))
	runner := c.setup(n.fs)
	if c.confirm != nil {
		n.fs.BoolVar(&a.dryRun, "dry-run", false, "print the confirmation question and the request it would send, and send nothing")
	}
	bulk := a.bulkFlags(c, n.fs) // --from-csv, on the leaves that take it (bulk.go)
	addFlags(cmd.Flags(), n.fs)
	cl.completeFlags(cmd, n.fs)
	cmd.ValidArgsFunction = cl.completeArgs(c)
	cmd.RunE = func(cmd *cobra.Command, pos []string) error {
		cl.failed, cl.pos = n, pos
		a.path = strings.Join(n.path, " ")
		if a.g.version {
			printVersion(a.stdout)
			return nil
		}
		if bulk.active() {
			return bulk.run(ctx, a, c, cmd, pos)
		}
		if err := c.checkArgs(pos); err != nil {
			return err
		}
		set := map[string]bool{}
		cmd.Flags().Visit(func(f *pflag.Flag) { set[f.Name] = true })
		if err := checkSetFlags(n.fs, set, c.flags); err != nil {
			return err
		}
		if err := a.checkOutput(); err != nil {
			return err
		}
		return a.exec(ctx, c, pos, runner)
	}
}

// addFlags adds the flags of fs to pfs as pflag flags sharing their
// values: a flag whose name has a shorthand (see shorthands) gets it, and
// the one-letter flags that spell the shorthands are left out.
func addFlags(pfs *pflag.FlagSet, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) == 1 {
			return
		}
		pf := pflag.PFlagFromGoFlag(f)
		pf.Shorthand = shorthands[f.Name]
		pfs.AddFlag(pf)
	})
}

// help prints the help of the command that names (such as "users list")
// denote, for "anthropic-admin help users list".
func (cl *cli) help(names []string) error {
	c := cl.tree
	for i, name := range names {
		next := c.sub(name)
		if next == nil {
			return &exitError{code: unknownCommand(cl.a.stderr, names[:i], c, name)}
		}
		c = next
	}
	cl.expand(names, false)
	for cmd, n := range cl.nodes {
		if n.c == c {
			cl.prepare(cmd)
			if c.raw != nil {
				if code := c.raw(cl.root.Context(), []string{"--help"}, cl.a.stdout, cl.a.stderr); code != 0 {
					return &exitError{code: code}
				}
				return nil
			}
			cmd.HelpFunc()(cmd, nil)
		}
	}
	return nil
}

// flagError returns the message of a flag that failed to parse, in the
// tool's words: "invalid value "x" for --role: ...", "unknown flag --frob"
// with the flag most like it suggested (see suggestFlag), "--from needs a
// value".
func flagError(cmd *cobra.Command, err error) string {
	var invalid *pflag.InvalidValueError
	var missing *pflag.ValueRequiredError
	var unknown *pflag.NotExistError
	switch {
	case errors.As(err, &invalid):
		return fmt.Sprintf("invalid value %q for --%s: %v", invalid.GetValue(), invalid.GetFlag().Name, errors.Unwrap(invalid))
	case errors.As(err, &missing):
		return fmt.Sprintf("--%s needs a value", missing.GetFlag().Name)
	case errors.As(err, &unknown) && unknown.GetSpecifiedShortnames() != "":
		return fmt.Sprintf("unknown flag -%s in -%s", unknown.GetSpecifiedName()[:1], unknown.GetSpecifiedShortnames())
	case errors.As(err, &unknown):
		msg := "unknown flag --" + unknown.GetSpecifiedName()
		if s := suggestFlag(cmd, unknown.GetSpecifiedName()); s != "" {
			msg += fmt.Sprintf("; did you mean --%s?", s)
		}
		return msg
	}
	return err.Error()
}

// suggestFlag returns the flag of cmd nearest to name, a mistyped flag,
// or "" when none is near: within an edit distance of 2 (ignoring case),
// or starting with name when it has three letters or more.
func suggestFlag(cmd *cobra.Command, name string) string {
	name = strings.ToLower(name)
	best, bestScore := "", 5
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		if f.Name == "help" {
			return
		}
		score := 2 * editDistance(name, f.Name)
		if len(name) >= 3 && strings.HasPrefix(f.Name, name) {
			score = min(score, 3)
		}
		if score < bestScore {
			best, bestScore = f.Name, score
		}
	})
	return best
}

// execute runs the command line args through the tree and returns the
// exit status.
func (cl *cli) execute(ctx context.Context, args []string) int {
	if args == nil {
		args = []string{} // cobra reads os.Args for nil
	}
	a := cl.a
	// Build the commands the command line reaches and set up the leaf it
	// names (for __complete, the one before the word being completed): the
	// others need no flags. When cobra stops at a group before a word that
	// names none of its subcommands (a mistake, or a way of writing flags
	// that expand does not follow), the whole tree is built, so that cobra
	// finds what it always found.
	target := args
	complete := len(args) > 0 && strings.HasPrefix(args[0], "__complete")
	if complete {
		target = args[1:]
		if len(target) > 0 {
			target = target[:len(target)-1]
		}
	}
	cl.expand(target, complete)
	cmd, rest, err := cl.root.Find(target)
	if n := cl.nodes[cmd]; err == nil && n != nil && n.c.isGroup() && (len(target) == 0 || target[0] != "help") &&
		slices.ContainsFunc(rest, func(s string) bool { return !strings.HasPrefix(s, "-") }) {
		cl.buildAll(cl.root)
		cmd, _, err = cl.root.Find(target)
	}
	if err == nil {
		cl.prepare(cmd)
	}
	cl.root.SetArgs(args)
	cl.root.SetIn(a.stdin)
	cl.root.SetOut(a.stdout)
	cl.root.SetErr(a.stderr)
	cmd, err = cl.root.ExecuteContextC(ctx)
	if err == nil {
		return 0
	}
	if interrupted(ctx) {
		fmt.Fprintf(a.stderr, "%s: interrupted\n", progName)
		return exitInterrupted
	}
	if ee := (*exitError)(nil); errors.As(err, &ee) && ee.msg == "" {
		return ee.code // reported already
	}
	n := cl.failed
	if n == nil {
		n = cl.nodes[cmd]
	}
	if n == nil {
		n = cl.nodes[cl.root]
	}
	if ue := (*usageError)(nil); errors.As(err, &ue) {
		return cl.usage(n, err)
	}
	return a.report(err, cl.pos)
}

// errMissingCommand is the usage error of a group run without a
// subcommand. A literal rather than usageErrorf's result: the linker lays
// it out, so the initialisation of the package makes nothing for it.
var errMissingCommand error = &usageError{msg: "missing command"}

// usage reports a usage error on stderr and returns its exit status, 2:
// for a group run without a subcommand, the message and the group's help
// (its commands); otherwise the message and where to find the help, not
// the whole help.
func (cl *cli) usage(n *node, err error) int {
	full := strings.Join(append([]string{progName}, n.path...), " ")
	fmt.Fprintf(cl.a.stderr, "%s\n", safeText(full+": "+err.Error()))
	if n.c.isGroup() {
		if err == errMissingCommand {
			fmt.Fprintln(cl.a.stderr)
			writeHelp(cl.a.stderr, n.path, n.c, nil)
		} else {
			fmt.Fprintf(cl.a.stderr, "Run '%s --help' for the commands and flags.\n", full)
		}
		return 2
	}
	syn := full + " [flags]"
	if len(n.c.args) > 0 {
		syn += " " + strings.Join(n.c.args, " ")
	}
	fmt.Fprintf(cl.a.stderr, "Usage: %s\nRun '%s --help' for its flags and examples.\n", syn, full)
	return 2
}

// credentialFromOp sets the leaf's compliance and oauth marks from its
// operation when the operation accepts only that credential, so that a
// declaration need not repeat what the spec says.
func (c *command) credentialFromOp() {
	switch creds := c.op.Credentials(); {
	case slices.Equal(creds, []string{"compliance-key"}):
		c.compliance = true
	case slices.Equal(creds, []string{"oauth"}):
		c.oauth = true
	case slices.Equal(creds, []string{"admin-key", "compliance-key"}):
		c.eitherKey = true
	}
}

// credentialHelp says which credential the leaf c needs, for its help:
// the one its operation accepts, any for a leaf that sends requests
// without one operation (a raw API call), "" for a leaf that sends none.
func (c *command) credentialHelp() string {
	creds := c.op.Credentials()
	switch {
	case c.op == "" && (c.do.local || c.raw != nil):
		return ""
	case c.op == "":
		return "the one the endpoint needs: the Admin API key (" + envAdminKey + "), the Compliance Access Key (" +
			envComplianceKey + ") or an org:admin OAuth access token (" + envOAuthToken + ")"
	case c.compliance || slices.Equal(creds, []string{"compliance-key"}):
		s := "the Compliance Access Key (" + envComplianceKey + ")"
		if c.op == admin.OpListComplianceOrganizationUsers {
			s += "; without --org also the Admin key, to look up the organization"
		}
		return s
	case c.oauth || slices.Equal(creds, []string{"oauth"}):
		return "an OAuth access token with the org:admin scope (" + envOAuthToken + "); the Admin key is refused"
	}
	return "the Admin API key (" + envAdminKey + ")"
}
