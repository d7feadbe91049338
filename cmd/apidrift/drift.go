package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"time"
)

// OasdiffPkg is the pinned OpenAPI diff tool, run with `go run pkg@version`
// (the go command caches the executable after the first build).
const OasdiffPkg = "github.com/oasdiff/oasdiff@v1.35.0"

// severityLevels adjusts oasdiff's levels to what the change does to Go
// users of the generated client. Format: "rule-id level" per line (oasdiff's
// --severity-levels file, which allows no comments).
var severityLevels = []string{
	// Raised to error: the change removes an identifier of the generated Go
	// client, so code using it stops compiling.
	//  - A response enum value is a Go constant (e.g. OrganizationRolePrimaryOwner).
	"response-property-enum-value-removed err",
	//  - An optional response property is a Go struct field.
	"response-optional-property-removed err",
	//  - A request property is a Go struct field of the request body type.
	"request-property-removed err",
	//  - A query or header parameter is a field of the generated Params struct.
	"request-parameter-removed err",
	// Lowered to warning (reported, not failed): a new value of a response
	// enum. Go code reads these enums as strings, so it keeps compiling and
	// running; it may meet a value it has no constant for yet.
	"response-property-enum-value-added warn",
	"response-mediatype-enum-value-added warn",
}

// addedEnumRules are the rules of severityLevels that report new response
// enum values.
var addedEnumRules = []string{"response-property-enum-value-added", "response-mediatype-enum-value-added"}

// Config says what to compare.
type Config struct {
	Dir  string // root of the git repository (the revision is its working tree)
	Base string // git ref of the base
	// BaseFile, when set, names a file (relative to Dir) whose first
	// non-comment line is the base; it must be an ancestor of HEAD. CI
	// keeps the last accepted revision in such a file.
	BaseFile string
	Spec     string   // OpenAPI spec, relative to Dir
	APIFile  string   // committed Go API listing, relative to Dir
	APIPkgs  []string // directories of the listed Go packages, relative to Dir
	Go       string   // go command
	Make     string   // make command; `Make check-generated` must work in Dir
	// Oasdiff, when set, is an oasdiff executable to run instead of
	// `go run OasdiffPkg` (tests use a prebuilt one).
	Oasdiff string
	// TrimPath builds the working tree with -trimpath (see buildFlags).
	TrimPath bool
	// AcceptBreaking, when set, is a reason why the uncommitted change
	// breaks users on purpose, on top of the `API-Break:` trailer of HEAD.
	AcceptBreaking string
}

func defaultConfig() Config {
	return Config{
		Dir:     ".",
		Base:    "HEAD~1",
		Spec:    "spec/admin-api.yaml",
		APIFile: "wrapper/api.txt",
		APIPkgs: []string{"gen", "gen/server", "wrapper/admin", "wrapper/admin/admintest", "wrapper/admin/workflow", "wrapper/money"},
		Go:      "go",
		Make:    "make",
	}
}

// Step is the outcome of one check of the gate.
type Step struct {
	Title   string // section title
	Command string // what was run, shown to the reviewer
	Pass    bool
	// Skipped marks a step that could not judge because another step
	// failed (which fails the gate); it does not count in the verdict.
	Skipped bool
	Summary string // why it passed or failed
	Next    string // for a failure: what to do next
	Output  string // the tool's output, shown verbatim in a code block
	// Markdown, when set, is shown as Markdown after Output.
	Markdown string
	// Breaking marks a step whose failure means the change breaks users, a
	// failure an `API-Break:` trailer can accept. A build failure or a
	// stale generated file is never accepted.
	Breaking bool
}

// Commit is a commit of the range BASE..HEAD.
type Commit struct {
	Hash    string
	Subject string
	Breaks  []string // values of its `API-Break:` trailers
}

// Note is the review note.
type Note struct {
	BaseRef     string
	BaseCommit  string
	BaseSubject string
	HeadCommit  string // empty in a repository without commits
	Dirty       bool   // the working tree has uncommitted changes
	Commits     []Commit
	// Boundary is the newest commit before HEAD with an `API-Break:`
	// trailer. The breaks up to it are accepted by the trailers of
	// BASE..Boundary (Earlier shows them); Steps judge Boundary..revision.
	Boundary *Commit
	Earlier  []Step
	Steps    []Step
	Accepted []string // reasons that accept the breaks of Steps
}

// accepted reports whether s failed but its failure is accepted.
func (n *Note) accepted(s Step) bool {
	return !s.Pass && !s.Skipped && s.Breaking && len(n.Accepted) > 0
}

// Pass reports whether every step passed, was skipped, or failed with an
// accepted breaking change.
func (n *Note) Pass() bool {
	for _, s := range n.Steps {
		if !s.Pass && !s.Skipped && !n.accepted(s) {
			return false
		}
	}
	return true
}

// Markdown renders the note.
func (n *Note) Markdown() string {
	var b strings.Builder
	b.WriteString("# API drift review\n\n")
	fmt.Fprintf(&b, "- **Base:** `%s` = `%s` (%s)\n", n.BaseRef, short(n.BaseCommit), n.BaseSubject)
	rev := "the working tree"
	if n.HeadCommit != "" {
		rev += fmt.Sprintf(" at `%s`", short(n.HeadCommit))
	}
	if n.Dirty {
		rev += ", with uncommitted changes"
	}
	fmt.Fprintf(&b, "- **Revision:** %s\n", rev)
	fmt.Fprintf(&b, "- **Range:** %s\n", n.rangeText())
	var trailers []string
	for _, c := range n.Commits {
		for _, why := range c.Breaks {
			trailers = append(trailers, fmt.Sprintf("`%s` %s", short(c.Hash), why))
		}
	}
	if len(trailers) > 0 {
		fmt.Fprintf(&b, "- **`API-Break:` trailers:** %s\n", strings.Join(trailers, "; "))
	}
	if n.Boundary != nil {
		fmt.Fprintf(&b, "- **Judged against:** `%s` (%s), the newest commit before HEAD with an `API-Break:` trailer: the breaks up to it are accepted (see \"Accepted earlier in the range\"); the numbered steps judge what follows it.\n", short(n.Boundary.Hash), n.Boundary.Subject)
	}
	if len(n.Earlier) > 0 {
		fmt.Fprintf(&b, "\n## Accepted earlier in the range: `%s`..`%s`\n\n", short(n.BaseCommit), short(n.Boundary.Hash))
		b.WriteString("The `API-Break:` trailers of these commits accept their breaking changes, shown here for the record.\n")
		for _, s := range n.Earlier {
			v := verdict(s)
			if !s.Pass && !s.Skipped && s.Breaking {
				v = "FAIL, ACCEPTED"
			}
			writeStep(&b, "###", s.Title, v, s, false)
		}
	}
	for i, s := range n.Steps {
		v := verdict(s)
		if n.accepted(s) {
			v = "FAIL, ACCEPTED"
		}
		writeStep(&b, "##", fmt.Sprintf("%d. %s", i+1, s.Title), v, s, !n.accepted(s))
	}
	var failed, accepted []string
	for _, s := range n.Steps {
		switch {
		case n.accepted(s):
			accepted = append(accepted, s.Title)
		case !s.Pass && !s.Skipped:
			failed = append(failed, s.Title)
		}
	}
	switch {
	case len(failed) == 0 && len(accepted) == 0:
		fmt.Fprintf(&b, "\n**Verdict: PASS** (all %d steps passed)\n", len(n.Steps))
	case len(failed) == 0:
		fmt.Fprintf(&b, "\n**Verdict: PASS, BREAKING CHANGE ACCEPTED** (%s; reason: %s)\n", strings.Join(accepted, "; "), strings.Join(n.Accepted, "; "))
	default:
		fmt.Fprintf(&b, "\n**Verdict: FAIL** (%d of %d steps failed: %s)", len(failed), len(n.Steps), strings.Join(failed, "; "))
		if len(accepted) > 0 {
			fmt.Fprintf(&b, "; the accepted breaking changes (%s) do not make up for it: an `API-Break:` trailer never accepts a module that does not build or stale generated files", strings.Join(accepted, "; "))
		}
		b.WriteString("\n")
	}
	return b.String()
}

func (n *Note) rangeText() string {
	switch len(n.Commits) {
	case 0:
		return "no commit after the base"
	case 1:
		return fmt.Sprintf("1 commit after the base (`%s` %s)", short(n.Commits[0].Hash), n.Commits[0].Subject)
	}
	const shown = 8
	var cs []string
	for i, c := range n.Commits {
		if i == shown {
			cs = append(cs, fmt.Sprintf("and %d more", len(n.Commits)-shown))
			break
		}
		cs = append(cs, fmt.Sprintf("`%s` %s", short(c.Hash), c.Subject))
	}
	return fmt.Sprintf("%d commits after the base, oldest first: %s", len(n.Commits), strings.Join(cs, "; "))
}

func writeStep(b *strings.Builder, level, title, v string, s Step, showNext bool) {
	fmt.Fprintf(b, "\n%s %s: %s\n\n", level, title, v)
	if s.Command != "" {
		fmt.Fprintf(b, "`%s`\n\n", s.Command)
	}
	b.WriteString(strings.TrimSpace(s.Summary) + "\n")
	if s.Next != "" && showNext && !s.Pass && !s.Skipped {
		fmt.Fprintf(b, "\n**Next:** %s\n", strings.TrimSpace(s.Next))
	}
	if s.Output != "" {
		b.WriteString("\n" + fenced("text", s.Output))
	}
	if s.Markdown != "" {
		b.WriteString("\n" + strings.TrimSpace(s.Markdown) + "\n")
	}
}

func verdict(s Step) string {
	switch {
	case s.Skipped:
		return "SKIPPED"
	case s.Pass:
		return "PASS"
	}
	return "FAIL"
}

func short(commit string) string {
	if len(commit) > 12 {
		return commit[:12]
	}
	return commit
}

// fenced fences s as a code block of language lang, with more backticks
// than any run inside it.
func fenced(lang, s string) string {
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + lang + "\n" + strings.TrimRight(s, "\n") + "\n" + fence + "\n"
}

// Run runs every step of the gate and returns the note. An error means the
// gate could not run at all (e.g. the base ref does not exist); a failing
// step is not an error.
func Run(ctx context.Context, cfg Config) (*Note, error) {
	dir, err := filepath.Abs(cfg.Dir)
	if err != nil {
		return nil, err
	}
	cfg.Dir = dir
	r := &runner{cfg: cfg}
	interrupted := func() error { return fmt.Errorf("interrupted: %w", ctx.Err()) }

	note := &Note{BaseRef: cfg.Base}
	base := cfg.Base
	if cfg.BaseFile != "" {
		if base, err = readBaseFile(filepath.Join(dir, cfg.BaseFile)); err != nil {
			return nil, err
		}
		note.BaseRef = cfg.BaseFile
	}
	if note.BaseCommit, err = r.git(ctx, "rev-parse", "--verify", "--quiet", base+"^{commit}"); err != nil {
		if ctx.Err() != nil {
			return nil, interrupted()
		}
		if shallow, _ := r.git(ctx, "rev-parse", "--is-shallow-repository"); shallow == "true" {
			return nil, fmt.Errorf("base %q is not in this shallow clone: fetch the history (git fetch --unshallow) and run the gate again; it does not judge a change without its base", base)
		}
		return nil, fmt.Errorf("base %q is not a commit of this repository: pass a branch, tag or commit (make drift BASE=<ref>)", base)
	}
	if note.BaseSubject, err = r.git(ctx, "log", "-1", "--format=%s", note.BaseCommit); err != nil {
		return nil, err
	}
	note.HeadCommit, _ = r.git(ctx, "rev-parse", "--verify", "--quiet", "HEAD")
	if cfg.BaseFile != "" {
		if _, err := r.git(ctx, "merge-base", "--is-ancestor", note.BaseCommit, "HEAD"); err != nil {
			return nil, fmt.Errorf("the base %s recorded in %s is not an ancestor of HEAD (was history rewritten?): record a commit of HEAD's history with `make drift-base`", short(note.BaseCommit), cfg.BaseFile)
		}
	}
	status, err := r.git(ctx, "status", "--porcelain")
	if err != nil {
		return nil, err
	}
	note.Dirty = status != ""
	if note.HeadCommit != "" {
		if note.Commits, err = r.commits(ctx, note.BaseCommit); err != nil {
			return nil, err
		}
	}
	judgedFrom := note.BaseCommit
	for i := len(note.Commits) - 1; i >= 0; i-- {
		c := note.Commits[i]
		if c.Hash == note.HeadCommit {
			note.Accepted = append(note.Accepted, c.Breaks...)
			continue
		}
		if len(c.Breaks) > 0 {
			note.Boundary = &note.Commits[i]
			judgedFrom = c.Hash
			break
		}
	}
	if why := strings.TrimSpace(cfg.AcceptBreaking); why != "" {
		note.Accepted = append(note.Accepted, why)
	}

	tmp, err := os.MkdirTemp("", "apidrift-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	// The steps are independent until the note is assembled: run them side
	// by side.
	var (
		wg      sync.WaitGroup
		spec    specResult
		gen     Step
		build   buildResult
		goapi   goAPIResult
		earlier []Step
	)
	wg.Go(func() {
		spec = r.diffSpec(ctx, judgedFrom, "", filepath.Join(tmp, "spec"))
	})
	wg.Go(func() { gen = r.generatedStep(ctx) })
	wg.Go(func() {
		build = r.build(ctx)
		goapi = r.goAPI(ctx, judgedFrom, "", filepath.Join(tmp, "goapi"))
	})
	if note.Boundary != nil {
		wg.Go(func() {
			earlier = r.earlierSteps(ctx, note.BaseCommit, note.Boundary.Hash, filepath.Join(tmp, "earlier"))
		})
	}
	wg.Wait()
	if ctx.Err() != nil {
		// The steps that were cut short would read as failures.
		return nil, interrupted()
	}
	breaking, changelog := spec.steps()
	r.checkListingFile(&gen, goapi)
	note.Earlier = earlier
	note.Steps = []Step{breaking, changelog, gen, goapi.step(), build.step(explain(build.errors, hintContext{
		dir:     dir,
		changes: spec.changes,
		diff:    goapi.diff,
		rev:     goapi.rev,
		base:    goapi.base,
		baseOps: specOperations(spec.baseText),
		revOps:  specOperations(spec.revText),
	}))}
	if judgedFrom != note.BaseCommit {
		for i := range note.Steps {
			note.Steps[i].Command = strings.ReplaceAll(note.Steps[i].Command, "BASE:", short(judgedFrom)+":")
		}
	}
	return note, nil
}

// readBaseFile returns the first line of file that is neither blank nor a
// # comment.
func readBaseFile(file string) (string, error) {
	b, err := os.ReadFile(file)
	if err != nil {
		return "", fmt.Errorf("reading the recorded base: %v", err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			return l, nil
		}
	}
	return "", fmt.Errorf("%s records no base commit", filepath.Base(file))
}

type runner struct {
	cfg Config
}

// result is what a command did.
type result struct {
	stdout, stderr string
	err            error // nil when it exited 0
}

// combined is the output worth showing: stdout, then stderr without the go
// command's download chatter.
func (res result) combined() string {
	var lines []string
	for _, l := range strings.Split(res.stderr, "\n") {
		if strings.HasPrefix(l, "go: downloading ") || strings.HasPrefix(l, "go: finding ") || strings.HasPrefix(l, "exit status ") {
			continue
		}
		lines = append(lines, l)
	}
	out := strings.TrimRight(res.stdout, "\n")
	if errOut := strings.TrimSpace(strings.Join(lines, "\n")); errOut != "" {
		if out != "" {
			out += "\n"
		}
		out += errOut
	}
	return out
}

// exit describes how a failed command ended. `go run` exits 1 whatever the
// tool's exit code was and prints the real one on stderr.
func (res result) exit() string {
	for _, l := range strings.Split(res.stderr, "\n") {
		if strings.HasPrefix(l, "exit status ") {
			return l
		}
	}
	if res.err == nil {
		return "success"
	}
	return res.err.Error()
}

// run runs name args in dir.
func (r *runner) run(ctx context.Context, dir, name string, args ...string) result {
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Dir = dir
	// Interrupt (not kill) on cancellation, so that `go run` passes it on to
	// the tool and git removes its lock files.
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 10 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	return result{stdout: stdout.String(), stderr: stderr.String(), err: err}
}

// git runs git in the repository and returns its trimmed standard output.
func (r *runner) git(ctx context.Context, args ...string) (string, error) {
	res := r.run(ctx, r.cfg.Dir, "git", args...)
	if res.err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), res.err, strings.TrimSpace(res.stderr))
	}
	return strings.TrimSpace(res.stdout), nil
}

// show returns the content of file at commit, and whether it exists there.
func (r *runner) show(ctx context.Context, commit, file string) (string, bool, error) {
	file = path.Clean(filepath.ToSlash(file))
	if _, err := r.git(ctx, "cat-file", "-e", commit+":"+file); err != nil {
		return "", false, nil
	}
	res := r.run(ctx, r.cfg.Dir, "git", "show", commit+":"+file)
	if res.err != nil {
		return "", false, fmt.Errorf("git show %s:%s: %v", short(commit), file, res.err)
	}
	return res.stdout, true, nil
}

// withWorktree checks commit out in a temporary worktree at dir, calls f
// with it and removes it, even when the gate was interrupted.
func (r *runner) withWorktree(ctx context.Context, commit, dir string, f func(dir string) error) error {
	if _, err := r.git(ctx, "worktree", "add", "--detach", dir, commit); err != nil {
		return fmt.Errorf("cannot check out %s in a worktree: %v", short(commit), err)
	}
	defer func() {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		if _, err := r.git(ctx, "worktree", "remove", "--force", dir); err != nil {
			os.RemoveAll(dir)
			_, _ = r.git(ctx, "worktree", "prune")
		}
	}()
	return f(dir)
}

// generatedStep reuses the Makefile's check-generated target; the check of
// the listing file joins it later (checkListingFile).
func (r *runner) generatedStep(ctx context.Context) Step {
	s := Step{Title: fmt.Sprintf("Generated files (make check-generated; %s)", r.cfg.APIFile), Command: "make check-generated"}
	res := r.run(ctx, r.cfg.Dir, r.cfg.Make, "--no-print-directory", "-s", "check-generated")
	var out []string
	for _, l := range strings.Split(res.combined(), "\n") {
		if !strings.HasPrefix(l, "make: *** ") { // make's own "Error 1", which says nothing more
			out = append(out, l)
		}
	}
	s.Output = filterGenDiff(strings.ReplaceAll(strings.Join(out, "\n"), r.cfg.Dir+string(filepath.Separator), ""))
	if res.err == nil {
		s.Pass = true
		s.Summary = "The generated code is what the spec and the pinned generators produce."
	} else {
		s.Summary = "The generated code is stale or cannot be generated."
		s.Next = "run `make generate` and commit the result (then `make api`, whose listing follows `gen/`)."
	}
	return s
}

// checkListingFile adds to the generated-files step whether the committed
// listing is the Go API of the code.
func (r *runner) checkListingFile(s *Step, g goAPIResult) {
	file := r.cfg.APIFile
	if g.revErr != "" || len(g.broken) > 0 {
		s.Summary += fmt.Sprintf(" `%s` was not checked: not every listed package builds (see Build).", file)
		return
	}
	checked := g.revCommitted
	if g.revCommittedErr != "" {
		s.Pass = false
		s.Summary += fmt.Sprintf(" `%s` cannot be read: %s.", file, g.revCommittedErr)
		s.Next = strings.TrimSpace(s.Next + " Run `make api` and commit " + file + ".")
		return
	}
	if slices.Equal(checked, g.revLines) {
		s.Summary += fmt.Sprintf(" `%s` lists the Go API of the code.", file)
		return
	}
	s.Pass = false
	d, err := diffAPI(checked, g.revLines)
	n := 0
	var lines []string
	if err == nil {
		for _, e := range d.Removed {
			lines = append(lines, "- "+e.Line)
		}
		for _, c := range append(d.Changed, d.TagOnly...) {
			lines = append(lines, "- "+c.Old.Line, "+ "+c.New.Line)
		}
		for _, e := range append(d.IfaceGrown, d.Added...) {
			lines = append(lines, "+ "+e.Line)
		}
		n = len(d.Removed) + len(d.Changed) + len(d.TagOnly) + len(d.IfaceGrown) + len(d.Added)
	}
	const maxShown = 20
	if len(lines) > maxShown {
		lines = append(lines[:maxShown], fmt.Sprintf("# ... and %d more lines", len(lines)-maxShown))
	}
	s.Summary += fmt.Sprintf(" `%s` is stale: it differs from the code's Go API in %s (- in the file, + in the code).", file, count(n, "identifier"))
	s.Next = strings.TrimSpace(s.Next + " Run `make api` and commit " + file + ".")
	s.Markdown = fenced("diff", strings.Join(lines, "\n"))
}

var (
	base64Line = regexp.MustCompile(`^[-+<> ]\s*"[A-Za-z0-9+/=]{16,}",?$`)
	hunkHeader = regexp.MustCompile(`^(\d+(,\d+)?[acd]\d+(,\d+)?|@@ .* @@.*)$`)
)

// filterGenDiff keeps the stale-gen excerpt for humans: it drops the lines
// of the base64-encoded embedded spec, and the hunks left with nothing else,
// and says where it did.
func filterGenDiff(out string) string {
	lines := strings.Split(out, "\n")
	var kept []string
	blob := false
	flush := func() {
		if blob {
			kept = append(kept, "(the embedded spec differs too: its base64 is not shown)")
			blob = false
		}
	}
	for i := 0; i < len(lines); i++ {
		l := lines[i]
		switch {
		case base64Line.MatchString(l):
			blob = true
			continue
		case hunkHeader.MatchString(l):
			// A hunk with nothing left but separators.
			j := i + 1
			for j < len(lines) && (lines[j] == "---" || base64Line.MatchString(lines[j])) {
				j++
			}
			if j == len(lines) || hunkHeader.MatchString(lines[j]) || !strings.ContainsAny(lines[j][:min(1, len(lines[j]))], "<>+- ") {
				if j > i+1 {
					blob = true
					i = j - 1
					continue
				}
			}
		case strings.HasPrefix(l, "stale: ") || strings.HasPrefix(l, "diff ") || l == "":
			flush()
		}
		kept = append(kept, l)
	}
	flush()
	return strings.Join(kept, "\n")
}
