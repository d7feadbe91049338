package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"time"
)

// Pinned tools, run with `go run pkg@version` (the executables are cached by
// the go command after the first build).
const (
	// OasdiffPkg is the OpenAPI diff tool; its `breaking` command exits 0
	// even on breaking changes unless it is given --fail-on ERR.
	OasdiffPkg = "github.com/oasdiff/oasdiff@v1.35.0"
	// ApidiffPkg is the Go API diff tool. This version's go.mod needs go 1.26.0.
	ApidiffPkg = "golang.org/x/exp/cmd/apidiff@v0.0.0-20261014143641-f0251eb4aa3e"
)

// severityLevels raises oasdiff checks to ERR where the HTTP-level default is
// milder but the change removes an identifier from the generated Go client,
// so that code using the client stops compiling. Format: "rule-id level" per
// line (oasdiff's --severity-levels file, which allows no comments).
var severityLevels = []string{
	// A response enum value is a Go constant (e.g. OrganizationRolePrimaryOwner).
	"response-property-enum-value-removed err",
	// An optional response property is a Go struct field.
	"response-optional-property-removed err",
	// A request property is a Go struct field of the request body type.
	"request-property-removed err",
	// A query or header parameter is a field of the generated Params struct.
	"request-parameter-removed err",
}

// Config says what to compare.
type Config struct {
	Dir  string // root of the git repository (the revision is its working tree)
	Base string // git ref of the base
	Spec string // OpenAPI spec, relative to Dir
	Pkg  string // public Go package directory, relative to Dir (slash-separated)
	Go   string // go command
	Make string // make command; `Make check-generated` must work in Dir
	// AcceptBreaking, when set, is the reason why this change breaks users
	// on purpose: failures of the breaking-change steps are then reported
	// as accepted and do not fail the gate. A stale gen/ always fails.
	AcceptBreaking string
}

func defaultConfig() Config {
	return Config{
		Dir:  ".",
		Base: "HEAD~1",
		Spec: "spec/admin-api.yaml",
		Pkg:  "wrapper/admin",
		Go:   "go",
		Make: "make",
	}
}

// Step is the outcome of one check of the gate.
type Step struct {
	Title   string // section title
	Command string // what was run, shown to the reviewer
	Pass    bool
	Summary string // one sentence: why it passed or failed
	Output  string // the tool's output, shown verbatim in a code block
	// Markdown, when set, is shown as Markdown instead of Output.
	Markdown string
	// Breaking marks a step whose failure means the change breaks users, a
	// failure Config.AcceptBreaking can accept.
	Breaking bool
}

// Note is the review note: the base, the revision and the steps.
type Note struct {
	BaseRef     string
	BaseCommit  string
	BaseSubject string
	HeadCommit  string // empty in a repository without commits
	Dirty       bool   // the working tree has uncommitted changes
	Steps       []Step
	Accepted    string // Config.AcceptBreaking
}

// accepted reports whether s failed but its failure is accepted.
func (n *Note) accepted(s Step) bool {
	return !s.Pass && s.Breaking && n.Accepted != ""
}

// Pass reports whether every step passed or failed with an accepted
// breaking change.
func (n *Note) Pass() bool {
	for _, s := range n.Steps {
		if !s.Pass && !n.accepted(s) {
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
	for i, s := range n.Steps {
		v := verdict(s.Pass)
		if n.accepted(s) {
			v = "FAIL, ACCEPTED"
		}
		fmt.Fprintf(&b, "\n## %d. %s: %s\n\n", i+1, s.Title, v)
		if s.Command != "" {
			fmt.Fprintf(&b, "`%s`\n\n", s.Command)
		}
		b.WriteString(s.Summary + "\n")
		if s.Markdown != "" {
			b.WriteString("\n" + s.Markdown + "\n")
		} else if s.Output != "" {
			b.WriteString("\n" + codeBlock(s.Output))
		}
	}
	var failed, accepted []string
	for _, s := range n.Steps {
		switch {
		case n.accepted(s):
			accepted = append(accepted, s.Title)
		case !s.Pass:
			failed = append(failed, s.Title)
		}
	}
	switch {
	case len(failed) == 0 && len(accepted) == 0:
		fmt.Fprintf(&b, "\n**Verdict: PASS** (all %d steps passed)\n", len(n.Steps))
	case len(failed) == 0:
		fmt.Fprintf(&b, "\n**Verdict: PASS, BREAKING CHANGE ACCEPTED** (%s; reason: %s)\n", strings.Join(accepted, "; "), n.Accepted)
	default:
		fmt.Fprintf(&b, "\n**Verdict: FAIL** (%d of %d steps failed: %s)\n", len(failed), len(n.Steps), strings.Join(failed, "; "))
	}
	return b.String()
}

func verdict(pass bool) string {
	if pass {
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

// codeBlock fences s with more backticks than any run inside it.
func codeBlock(s string) string {
	fence := "```"
	for strings.Contains(s, fence) {
		fence += "`"
	}
	return fence + "text\n" + strings.TrimRight(s, "\n") + "\n" + fence + "\n"
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

	note := &Note{BaseRef: cfg.Base, Accepted: strings.TrimSpace(cfg.AcceptBreaking)}
	if note.BaseCommit, err = r.git(ctx, "rev-parse", "--verify", "--quiet", cfg.Base+"^{commit}"); err != nil {
		if ctx.Err() != nil {
			return nil, fmt.Errorf("interrupted: %w", ctx.Err())
		}
		return nil, fmt.Errorf("base %q is not a commit of %s (a shallow clone may lack it: git fetch --unshallow)", cfg.Base, dir)
	}
	if note.BaseSubject, err = r.git(ctx, "log", "-1", "--format=%s", note.BaseCommit); err != nil {
		return nil, err
	}
	note.HeadCommit, _ = r.git(ctx, "rev-parse", "--verify", "--quiet", "HEAD")
	status, err := r.git(ctx, "status", "--porcelain")
	if err != nil {
		return nil, err
	}
	note.Dirty = status != ""

	tmp, err := os.MkdirTemp("", "apidrift-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)

	note.Steps = append(note.Steps, r.specSteps(ctx, note.BaseCommit, tmp)...)
	note.Steps = append(note.Steps, r.generatedStep(ctx))
	note.Steps = append(note.Steps, r.apidiffStep(ctx, note.BaseCommit, tmp))
	if ctx.Err() != nil {
		// The steps that were cut short would read as failures.
		return nil, fmt.Errorf("interrupted: %w", ctx.Err())
	}
	return note, nil
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

// specSteps runs oasdiff breaking and oasdiff changelog on the spec at base
// and in the working tree.
func (r *runner) specSteps(ctx context.Context, base, tmp string) []Step {
	breaking := Step{Title: "Breaking changes (oasdiff breaking)", Breaking: true}
	changelog := Step{Title: "Changelog (oasdiff changelog)"}
	spec := filepath.ToSlash(r.cfg.Spec)

	fail := func(why string) []Step {
		breaking.Summary, changelog.Summary = why, why
		return []Step{breaking, changelog}
	}
	if _, err := os.Stat(filepath.Join(r.cfg.Dir, spec)); err != nil {
		return fail(fmt.Sprintf("Cannot read `%s` in the working tree: %v.", spec, err))
	}
	if _, err := r.git(ctx, "cat-file", "-e", base+":"+spec); err != nil {
		breaking.Pass, changelog.Pass = true, true
		why := fmt.Sprintf("`%s` does not exist at the base: everything in it is new, nothing can break.", spec)
		breaking.Summary, changelog.Summary = why, why
		return []Step{breaking, changelog}
	}
	// The base spec goes into a directory of its own under its own name, so
	// that oasdiff's messages name the same file for both sides.
	baseSpec := filepath.Join(tmp, "base", path.Base(spec))
	levels := filepath.Join(tmp, "severity-levels.txt")
	show := r.run(ctx, r.cfg.Dir, "git", "show", base+":"+spec)
	err := show.err
	if err == nil {
		err = os.MkdirAll(filepath.Dir(baseSpec), 0o755)
	}
	if err == nil {
		err = os.WriteFile(baseSpec, []byte(show.stdout), 0o644)
	}
	if err == nil {
		err = os.WriteFile(levels, []byte(strings.Join(severityLevels, "\n")+"\n"), 0o644)
	}
	if err != nil {
		return fail(fmt.Sprintf("Cannot extract the base spec: %v.", err))
	}

	// Specs are single files: external $refs are refused rather than fetched.
	common := []string{"--severity-levels", levels, "--allow-external-refs=false"}

	args := append([]string{"run", OasdiffPkg, "breaking", baseSpec, spec, "--fail-on", "ERR", "--format", "text", "--color", "never"}, common...)
	breaking.Command = fmt.Sprintf("oasdiff breaking BASE:%s %s --fail-on ERR", spec, spec)
	res := r.run(ctx, r.cfg.Dir, r.cfg.Go, args...)
	breaking.Output = res.combined()
	switch {
	case res.err == nil:
		breaking.Pass = true
		breaking.Summary = "No change breaks existing clients."
	case strings.Contains(res.stdout, " error, "):
		breaking.Summary = "The change breaks existing clients (every `error` below fails the gate)."
	default:
		breaking.Summary = fmt.Sprintf("oasdiff failed (%s).", res.exit())
	}

	args = append([]string{"run", OasdiffPkg, "changelog", baseSpec, spec, "--format", "markdown"}, common...)
	changelog.Command = fmt.Sprintf("oasdiff changelog BASE:%s %s --format markdown", spec, spec)
	res = r.run(ctx, r.cfg.Dir, r.cfg.Go, args...)
	if res.err != nil {
		changelog.Summary = fmt.Sprintf("oasdiff failed (%s).", res.exit())
		changelog.Output = res.combined()
	} else {
		changelog.Pass = true
		changelog.Summary = "Every change of the spec, for the reader (informational: the verdict is the breaking step's)."
		changelog.Markdown = demoteMarkdown(res.stdout)
	}
	return []Step{breaking, changelog}
}

// demoteMarkdown fits oasdiff's changelog under a section of the note: it
// drops the document title, nests the other headings two levels deeper and
// squeezes runs of blank lines.
func demoteMarkdown(md string) string {
	var out []string
	blank := true
	for _, l := range strings.Split(md, "\n") {
		l = strings.TrimRight(l, " \t")
		switch {
		case strings.HasPrefix(l, "# "):
			continue
		case strings.HasPrefix(l, "#"):
			l = "##" + l
		case strings.HasPrefix(l, "-  "): // an item without an emoji
			l = "- " + strings.TrimLeft(l[1:], " ")
		}
		if l == "" {
			if blank {
				continue
			}
			blank = true
		} else {
			blank = false
		}
		out = append(out, l)
	}
	return strings.TrimSpace(strings.Join(out, "\n"))
}

// generatedStep reuses the Makefile's check-generated target.
func (r *runner) generatedStep(ctx context.Context) Step {
	s := Step{Title: "Generated code (make check-generated)"}
	res := r.run(ctx, r.cfg.Dir, r.cfg.Make, "--no-print-directory", "-s", "check-generated")
	s.Output = res.combined()
	if res.err == nil {
		s.Pass = true
		s.Summary = "`gen/` is what the spec and the pinned generator produce."
	} else {
		s.Summary = fmt.Sprintf("`gen/` is stale or cannot be generated (%s): run `make generate` and commit the result.", res.exit())
	}
	return s
}

// apidiffStep compares the public Go API of the package at base (export data
// written in a temporary worktree) with the working tree.
func (r *runner) apidiffStep(ctx context.Context, base, tmp string) Step {
	pkg := path.Clean(filepath.ToSlash(r.cfg.Pkg))
	s := Step{Title: fmt.Sprintf("Go API of %s (apidiff -incompatible)", pkg), Breaking: true}

	atBase, err := r.hasGoFilesAtBase(ctx, base, pkg)
	if err != nil {
		s.Summary = fmt.Sprintf("Cannot list `%s` at the base: %v.", pkg, err)
		return s
	}
	inTree := hasGoFiles(filepath.Join(r.cfg.Dir, filepath.FromSlash(pkg)))
	switch {
	case !atBase && !inTree:
		s.Pass = true
		s.Summary = fmt.Sprintf("`%s` exists neither at the base nor in the working tree: no Go API to break yet.", pkg)
		return s
	case !atBase:
		s.Pass = true
		s.Summary = fmt.Sprintf("`%s` does not exist at the base: its whole API is new, nothing to break yet.", pkg)
		return s
	case !inTree:
		s.Summary = fmt.Sprintf("`%s` existed at the base and is gone from the working tree: its whole API was removed.", pkg)
		return s
	}

	worktree := filepath.Join(tmp, "base-worktree")
	export := filepath.Join(tmp, "base.export")
	if _, err := r.git(ctx, "worktree", "add", "--detach", worktree, base); err != nil {
		s.Summary = fmt.Sprintf("Cannot check out the base in a worktree: %v.", err)
		return s
	}
	defer r.removeWorktree(worktree)

	rel := "./" + pkg
	s.Command = fmt.Sprintf("apidiff -incompatible BASE:%s %s", rel, rel)
	res := r.run(ctx, worktree, r.cfg.Go, "run", ApidiffPkg, "-w", export, rel)
	if res.err != nil {
		s.Summary = fmt.Sprintf("Cannot build the export data of `%s` at the base (%s).", pkg, res.exit())
		s.Output = res.combined()
		return s
	}
	res = r.run(ctx, r.cfg.Dir, r.cfg.Go, "run", ApidiffPkg, "-incompatible", export, rel)
	s.Output = res.combined()
	switch {
	case res.err != nil:
		s.Summary = fmt.Sprintf("apidiff failed on the working tree (%s): does `%s` compile?", res.exit(), pkg)
	case strings.TrimSpace(res.stdout) != "":
		s.Summary = "Incompatible changes of the Go API: code that compiles against the base may not compile any more."
	default:
		s.Pass = true
		s.Summary = "No incompatible change of the Go API."
	}
	return s
}

// removeWorktree removes the temporary worktree, even when the gate was
// interrupted (hence a fresh context).
func (r *runner) removeWorktree(dir string) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if _, err := r.git(ctx, "worktree", "remove", "--force", dir); err != nil {
		os.RemoveAll(dir)
		_, _ = r.git(ctx, "worktree", "prune")
	}
}

// hasGoFilesAtBase reports whether pkg holds non-test Go files at base.
func (r *runner) hasGoFilesAtBase(ctx context.Context, base, pkg string) (bool, error) {
	out, err := r.git(ctx, "ls-tree", "--name-only", base, pkg+"/")
	if err != nil {
		return false, err
	}
	for _, name := range strings.Split(out, "\n") {
		if isGoSource(path.Base(name)) {
			return true, nil
		}
	}
	return false, nil
}

// hasGoFiles reports whether dir holds non-test Go files.
func hasGoFiles(dir string) bool {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return false
	}
	for _, e := range entries {
		if !e.IsDir() && isGoSource(e.Name()) {
			return true
		}
	}
	return false
}

func isGoSource(name string) bool {
	return strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go")
}
