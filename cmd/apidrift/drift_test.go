package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Makefiles of the scratch repositories: check-generated is the Makefile's
// job (tested by `make check`), the gate only runs it and reports.
const (
	freshMakefile = "check-generated:\n\t@echo 'gen/ is up to date.'\n"
	staleMakefile = "check-generated:\n\t@echo 'gen/ is stale: run make generate.'; exit 1\n"
)

// needTools skips the tests that run the pinned tools under -short, and when
// git, go or make are missing. The first call builds both tools once, so
// that parallel tests do not build them side by side.
func needTools(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: runs the pinned oasdiff and apidiff with `go run` (slow on the first build); run without -short")
	}
	for _, tool := range []string{"git", "go", "make"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("skipping: %s is not installed", tool)
		}
	}
	warmOnce.Do(func() {
		for _, args := range [][]string{{"run", OasdiffPkg, "--version"}, {"run", ApidiffPkg, "-h"}} {
			if out, err := exec.Command("go", args...).CombinedOutput(); err != nil {
				warmErr = err.Error() + ": " + string(out)
				return
			}
		}
	})
	if warmErr != "" {
		t.Fatalf("cannot build the pinned tools: %s", warmErr)
	}
}

var (
	warmOnce sync.Once
	warmErr  string
)

// scratchRepo is a throwaway git repository in a temporary directory.
type scratchRepo struct {
	t   *testing.T
	dir string
}

func newScratchRepo(t *testing.T) *scratchRepo {
	t.Helper()
	r := &scratchRepo{t: t, dir: t.TempDir()}
	r.git("init", "-q", "-b", "main")
	r.git("config", "user.name", "drift test")
	r.git("config", "user.email", "drift@example.com")
	r.git("config", "commit.gpgsign", "false")
	return r
}

func (r *scratchRepo) git(args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = r.dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func (r *scratchRepo) write(rel, content string) {
	r.t.Helper()
	p := filepath.Join(r.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		r.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		r.t.Fatal(err)
	}
}

func (r *scratchRepo) commit(msg string) {
	r.t.Helper()
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
}

// gate runs apidrift against base in the repository, as `make drift` does,
// and returns the note and the exit code.
func (r *scratchRepo) gate(base string) (string, int) {
	r.t.Helper()
	var stdout, stderr bytes.Buffer
	code := mainErr([]string{"-C", r.dir, "-base", base}, &stdout, &stderr)
	if code == 2 {
		r.t.Fatalf("the gate could not run: %s", stderr.String())
	}
	r.t.Logf("exit %d, note:\n%s", code, stdout.String())
	return stdout.String(), code
}

func fixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "specs", name+".yaml"))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSpecFixtures commits testdata/specs/base.yaml as the spec, puts a
// changed spec in the working tree and runs the whole gate.
func TestSpecFixtures(t *testing.T) {
	needTools(t)
	for _, tc := range []struct {
		revision string
		pass     bool
		want     []string // in the note
	}{
		{
			revision: "base",
			pass:     true,
			want:     []string{"## 1. Breaking changes (oasdiff breaking): PASS", "No changes detected", "**Verdict: PASS**"},
		},
		{
			revision: "request-enum-value-removed",
			want: []string{
				"## 1. Breaking changes (oasdiff breaking): FAIL",
				"[request-property-enum-value-removed]",
				"removed the enum value `developer` of the request property `role`",
				"## 2. Changelog (oasdiff changelog): PASS",
			},
		},
		{
			revision: "response-enum-value-removed",
			want: []string{
				"## 1. Breaking changes (oasdiff breaking): FAIL",
				"[response-property-enum-value-removed]",
				"removed the `primary_owner` enum value from the `role` response property",
			},
		},
		{
			revision: "response-required-field-removed",
			want: []string{
				"## 1. Breaking changes (oasdiff breaking): FAIL",
				"[response-required-property-removed]",
				"removed the required property `name` from the response",
			},
		},
		{
			revision: "response-optional-field-removed",
			want: []string{
				"## 1. Breaking changes (oasdiff breaking): FAIL",
				"[response-optional-property-removed]",
				"removed the optional property `added_at` from the response",
			},
		},
		{
			revision: "query-parameter-added",
			pass:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff breaking): PASS",
				"## 2. Changelog (oasdiff changelog): PASS",
				"#### GET /v1/organizations/users",
				"added the new optional `query` request parameter `email`",
				"**Verdict: PASS**",
			},
		},
		{
			revision: "unparsable",
			want:     []string{"## 1. Breaking changes (oasdiff breaking): FAIL", "oasdiff failed", "failed to load revision spec"},
		},
	} {
		t.Run(tc.revision, func(t *testing.T) {
			t.Parallel()
			r := newScratchRepo(t)
			r.write("Makefile", freshMakefile)
			r.write("spec/admin-api.yaml", fixture(t, "base"))
			r.commit("base")
			r.write("spec/admin-api.yaml", fixture(t, tc.revision))

			note, code := r.gate("HEAD")
			if got := code == 0; got != tc.pass {
				t.Errorf("exit code %d, want pass=%v", code, tc.pass)
			}
			noteHas(t, note, tc.want...)
			// Steps 3 and 4 pass in every fixture: gen/ is fresh and there
			// is no Go package at the base.
			noteHas(t, note,
				"## 3. Generated code (make check-generated): PASS",
				"## 4. Go API of wrapper/admin (apidiff -incompatible): PASS",
				"`wrapper/admin` exists neither at the base nor in the working tree",
			)
		})
	}
}

// TestStaleGenerated shows that a failing `make check-generated` fails the
// gate even when the spec did not change.
func TestStaleGenerated(t *testing.T) {
	needTools(t)
	r := newScratchRepo(t)
	r.write("Makefile", freshMakefile)
	r.write("spec/admin-api.yaml", fixture(t, "base"))
	r.commit("base")
	r.write("Makefile", staleMakefile)

	note, code := r.gate("HEAD")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	noteHas(t, note,
		"## 1. Breaking changes (oasdiff breaking): PASS",
		"## 3. Generated code (make check-generated): FAIL",
		"gen/ is stale: run make generate.",
		"**Verdict: FAIL** (1 of 4 steps failed: Generated code (make check-generated))",
	)
}

const (
	goMod   = "module example.com/drift\n\ngo 1.26\n"
	adminV1 = `// Package admin is a scratch public package.
package admin

// Get gets.
func Get() string { return "get" }

// Remove removes.
func Remove() {}
`
	adminWithoutRemove = `// Package admin is a scratch public package.
package admin

// Get gets.
func Get() string { return "get" }
`
	adminWithList = adminV1 + `
// List lists.
func List() []string { return nil }
`
)

// TestGoAPI runs the apidiff step on a scratch Go package: removing an
// exported function fails the gate, adding one passes.
func TestGoAPI(t *testing.T) {
	needTools(t)
	for _, tc := range []struct {
		name, revision string
		pass           bool
		want           []string
	}{
		{
			name:     "exported func removed",
			revision: adminWithoutRemove,
			want: []string{
				"## 4. Go API of wrapper/admin (apidiff -incompatible): FAIL",
				"`apidiff -incompatible BASE:./wrapper/admin ./wrapper/admin`",
				"Remove: removed",
				"**Verdict: FAIL** (1 of 4 steps failed: Go API of wrapper/admin (apidiff -incompatible))",
			},
		},
		{
			name:     "exported func added",
			revision: adminWithList,
			pass:     true,
			want: []string{
				"## 4. Go API of wrapper/admin (apidiff -incompatible): PASS",
				"No incompatible change of the Go API.",
			},
		},
		{
			name:     "package removed",
			revision: "",
			want: []string{
				"## 4. Go API of wrapper/admin (apidiff -incompatible): FAIL",
				"its whole API was removed",
			},
		},
		{
			name:     "does not compile",
			revision: adminV1 + "\nfunc Broken() { undefined() }\n",
			want: []string{
				"## 4. Go API of wrapper/admin (apidiff -incompatible): FAIL",
				"does `wrapper/admin` compile?",
				"undefined",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			r := newScratchRepo(t)
			r.write("Makefile", freshMakefile)
			r.write("spec/admin-api.yaml", fixture(t, "base"))
			r.write("go.mod", goMod)
			r.write("wrapper/admin/admin.go", adminV1)
			r.write("wrapper/admin/admin_test.go", "package admin\n")
			r.commit("base")
			if tc.revision == "" {
				r.git("rm", "-q", "-r", "wrapper")
			} else {
				r.write("wrapper/admin/admin.go", tc.revision)
			}

			note, code := r.gate("HEAD")
			if got := code == 0; got != tc.pass {
				t.Errorf("exit code %d, want pass=%v", code, tc.pass)
			}
			noteHas(t, note, tc.want...)
			// The temporary worktree of the base is gone, pass or fail.
			if wts := strings.Count(r.git("worktree", "list", "--porcelain"), "worktree "); wts != 1 {
				t.Errorf("%d worktrees left, want 1:\n%s", wts, r.git("worktree", "list"))
			}
		})
	}
}

// TestGoAPINewPackage: a package that appears after the base has nothing to
// break yet.
func TestGoAPINewPackage(t *testing.T) {
	needTools(t)
	r := newScratchRepo(t)
	r.write("Makefile", freshMakefile)
	r.write("spec/admin-api.yaml", fixture(t, "base"))
	r.write("go.mod", goMod)
	r.commit("base")
	r.write("wrapper/admin/admin.go", adminV1)

	note, code := r.gate("HEAD")
	if code != 0 {
		t.Errorf("exit code %d, want 0", code)
	}
	noteHas(t, note, "`wrapper/admin` does not exist at the base: its whole API is new")
}

// TestBadBase: an unknown base is not a verdict but an error (exit 2).
func TestBadBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipping: git is not installed")
	}
	r := newScratchRepo(t)
	r.write("spec/admin-api.yaml", "openapi: 3.0.3\n")
	r.commit("only commit")
	var stdout, stderr bytes.Buffer
	if code := mainErr([]string{"-C", r.dir, "-base", "HEAD~1"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	if stdout.Len() != 0 {
		t.Errorf("a note was printed: %s", stdout.String())
	}
	if !strings.Contains(stderr.String(), `base "HEAD~1" is not a commit`) {
		t.Errorf("stderr = %q", stderr.String())
	}
}

// TestInterrupted: a gate cut short reports no verdict.
func TestInterrupted(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipping: git is not installed")
	}
	r := newScratchRepo(t)
	r.write("spec/admin-api.yaml", "openapi: 3.0.3\n")
	r.commit("only commit")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := defaultConfig()
	cfg.Dir, cfg.Base = r.dir, "HEAD"
	note, err := Run(ctx, cfg)
	if !errors.Is(err, context.Canceled) || note != nil {
		t.Errorf("Run = %v, %v; want no note and context.Canceled", note, err)
	}
}

func TestUsage(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := mainErr([]string{"extra"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	if code := mainErr([]string{"-h"}, &stdout, &stderr); code != 0 {
		t.Errorf("-h: exit code %d, want 0", code)
	}
	if !strings.Contains(stderr.String(), "usage: apidrift") {
		t.Errorf("stderr = %q", stderr.String())
	}
}

func TestDemoteMarkdown(t *testing.T) {
	in := "# API Changelog 1 vs. 2\n\n\n## API Changes\n\n### GET /x\n-  added `y`\n- :warning: removed `z`\n\n\n\n"
	want := "#### API Changes\n\n##### GET /x\n- added `y`\n- :warning: removed `z`"
	if got := demoteMarkdown(in); got != want {
		t.Errorf("demoteMarkdown:\n%s\nwant:\n%s", got, want)
	}
}

func TestCodeBlock(t *testing.T) {
	if got, want := codeBlock("a\n```\nb\n"), "````text\na\n```\nb\n````\n"; got != want {
		t.Errorf("codeBlock = %q, want %q", got, want)
	}
}

func TestNoteVerdict(t *testing.T) {
	n := &Note{BaseRef: "HEAD~1", BaseCommit: "0123456789abcdef", BaseSubject: "s", Steps: []Step{
		{Title: "A", Pass: true, Summary: "fine"},
		{Title: "B", Summary: "broken", Output: "details"},
	}}
	md := n.Markdown()
	noteHas(t, md,
		"- **Base:** `HEAD~1` = `0123456789ab` (s)",
		"## 1. A: PASS",
		"## 2. B: FAIL",
		"```text\ndetails\n```",
		"**Verdict: FAIL** (1 of 2 steps failed: B)",
	)
	if n.Pass() {
		t.Error("Pass() = true with a failed step")
	}
}

func TestNoteAcceptBreaking(t *testing.T) {
	steps := []Step{
		{Title: "Spec", Breaking: true, Summary: "enum value removed"},
		{Title: "Gen", Pass: true, Summary: "fine"},
		{Title: "Go", Breaking: true, Summary: "func removed"},
	}
	n := &Note{BaseRef: "HEAD~1", BaseCommit: "0123456789abcdef", BaseSubject: "s", Steps: steps, Accepted: "v0.2 drops managed roles"}
	md := n.Markdown()
	noteHas(t, md,
		"## 1. Spec: FAIL, ACCEPTED",
		"## 2. Gen: PASS",
		"## 3. Go: FAIL, ACCEPTED",
		"**Verdict: PASS, BREAKING CHANGE ACCEPTED** (Spec; Go; reason: v0.2 drops managed roles)",
	)
	if !n.Pass() {
		t.Error("Pass() = false although every failure is an accepted breaking change")
	}

	// A stale gen/ is never accepted.
	stale := append([]Step(nil), steps...)
	stale[1] = Step{Title: "Gen", Summary: "stale"}
	n = &Note{BaseRef: "HEAD~1", BaseCommit: "0123456789abcdef", Steps: stale, Accepted: "on purpose"}
	if n.Pass() {
		t.Error("Pass() = true with a stale gen/")
	}
	if md := n.Markdown(); !strings.Contains(md, "**Verdict: FAIL** (1 of 3 steps failed: Gen)") {
		t.Errorf("verdict with a stale gen/:\n%s", md)
	}

	// Without a reason nothing is accepted.
	n = &Note{BaseRef: "HEAD~1", BaseCommit: "0123456789abcdef", Steps: steps}
	if n.Pass() {
		t.Error("Pass() = true with breaking changes and no reason")
	}
}

// noteHas fails t for each of wants that the note lacks.
func noteHas(t *testing.T, note string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(note, w) {
			t.Errorf("the note lacks %q:\n%s", w, note)
		}
	}
}
