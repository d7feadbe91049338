package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// Most tests of the gate run the real tools on scratch git repositories.
// They are slow-ish, so:
//   - -short skips every test that runs oasdiff or the go command;
//   - the module fixtures (a slice of this project: spec, generated code,
//     wrapper and fake) share one template, generate the code of each spec
//     once, and build with -trimpath, so that the packages every fixture
//     shares compile once for all of them;
//   - the slowest, whole-pipeline cases run only with APIDRIFT_TEST=full
//     (`make drift-test`, which CI runs); `go test ./cmd/apidrift` runs one
//     case per mechanism.

// fullTests reports whether the slow cases run.
func fullTests() bool { return os.Getenv("APIDRIFT_TEST") == "full" }

// slow skips a test unless APIDRIFT_TEST=full.
func slow(t *testing.T) {
	t.Helper()
	if !fullTests() {
		t.Skip("skipping: a slow whole-pipeline case; run with APIDRIFT_TEST=full (make drift-test)")
	}
}

// Makefiles of the scratch repositories: check-generated is the Makefile's
// job (tested with the real Makefile in TestStaleGenerated), the gate only
// runs it and reports.
const (
	freshMakefile = "check-generated:\n\t@echo 'gen/ is up to date.'\n"
	staleMakefile = "check-generated:\n\t@echo 'gen/ is stale: run make generate.'; exit 1\n"
)

// needTools skips the tests that run the pinned tools under -short, and when
// git, go or make are missing. The first call builds oasdiff once, so that
// parallel tests do not build it side by side.
func needTools(t *testing.T) {
	t.Helper()
	if testing.Short() {
		t.Skip("skipping: runs the pinned oasdiff and the go command; run without -short")
	}
	for _, tool := range []string{"git", "go", "make"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("skipping: %s is not installed", tool)
		}
	}
	warmOnce.Do(func() { oasdiffExe, warmErr = goRunExecutable(".", OasdiffPkg) })
	if warmErr != nil {
		t.Fatalf("cannot build oasdiff: %v", warmErr)
	}
}

var (
	warmOnce   sync.Once
	warmErr    error
	oasdiffExe string // the cached executable of `go run OasdiffPkg`
)

// goRunExecutable builds pkg as `go run` does, in dir's module, and returns
// the path of a copy of the executable, so that tests run it directly
// instead of paying the go command's start-up on every run. The path is
// looked up once per package.
func goRunExecutable(dir, pkg string) (string, error) {
	v, _ := executables.LoadOrStore(pkg, &executable{})
	e := v.(*executable)
	e.once.Do(func() { e.path, e.err = lookUpExecutable(dir, pkg) })
	return e.path, e.err
}

type executable struct {
	once sync.Once
	path string
	err  error
}

var executables sync.Map // package -> *executable

// toolDir holds the copies of the executables goRunExecutable builds;
// TestMain removes it.
var (
	toolDirOnce sync.Once
	toolDir     string
	toolDirErr  error
)

// lookUpExecutable builds pkg with `go run` and has it copy the
// executable into toolDir (`go run -exec cp pkg dest`): the executable
// `go run` builds lives in a temporary directory it removes on exit,
// unless the build cache already held it, so its own path cannot be kept.
func lookUpExecutable(dir, pkg string) (string, error) {
	toolDirOnce.Do(func() { toolDir, toolDirErr = os.MkdirTemp("", "apidrift-tools-") })
	if toolDirErr != nil {
		return "", toolDirErr
	}
	exe := filepath.Join(toolDir, strings.NewReplacer("/", "_", "@", "_").Replace(pkg))
	cmd := exec.Command("go", "run", "-exec", "cp", pkg, exe)
	cmd.Dir = dir
	if _, err := cmd.Output(); err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			err = fmt.Errorf("%v: %s", err, ee.Stderr)
		}
		return "", err
	}
	if _, err := os.Stat(exe); err != nil {
		return "", err
	}
	return exe, nil
}

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
	return strings.TrimSpace(string(out))
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

func (r *scratchRepo) read(rel string) string {
	r.t.Helper()
	b, err := os.ReadFile(filepath.Join(r.dir, filepath.FromSlash(rel)))
	if err != nil {
		r.t.Fatal(err)
	}
	return string(b)
}

// commit commits everything; extra lines (e.g. trailers) end the message.
func (r *scratchRepo) commit(msg string, trailers ...string) string {
	r.t.Helper()
	if len(trailers) > 0 {
		msg += "\n\n" + strings.Join(trailers, "\n")
	}
	r.git("add", "-A")
	r.git("commit", "-q", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

// gate runs apidrift with args in the repository, as `make drift` does,
// and returns the note and the exit code.
func (r *scratchRepo) gate(args ...string) (string, int) {
	r.t.Helper()
	var stdout, stderr bytes.Buffer
	args = append([]string{"-C", r.dir, "-oasdiff", oasdiffExe, "-trimpath"}, args...)
	code := mainErr(args, &stdout, &stderr)
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

// The module template: the project's build files and the fixture's
// hand-written code (testdata/module), without spec and gen/.
var (
	templateOnce sync.Once
	templateDir  string
	templateErr  error
)

// projectFiles are copied from the project into the module template.
var projectFiles = []string{"go.mod", "go.sum", "generate.go", "spec/oapi-codegen.yaml", "spec/oapi-codegen-server.yaml", "spec/templates/std-http-middleware.tmpl"}

func moduleTemplate(t *testing.T) string {
	t.Helper()
	templateOnce.Do(func() {
		templateDir, templateErr = os.MkdirTemp("", "apidrift-template-")
		if templateErr != nil {
			return
		}
		for _, f := range projectFiles {
			if templateErr = copyFile(filepath.Join("..", "..", f), filepath.Join(templateDir, f)); templateErr != nil {
				return
			}
		}
		templateErr = copyTree(filepath.Join("testdata", "module"), templateDir)
	})
	if templateErr != nil {
		t.Fatalf("module template: %v", templateErr)
	}
	return templateDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if templateDir != "" {
		os.RemoveAll(templateDir)
	}
	if toolDir != "" {
		os.RemoveAll(toolDir)
	}
	os.Exit(code)
}

func copyFile(from, to string) error {
	b, err := os.ReadFile(from)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(to), 0o755); err != nil {
		return err
	}
	return os.WriteFile(to, b, 0o644)
}

func copyTree(from, to string) error {
	return filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(from, p)
		if err != nil {
			return err
		}
		return copyFile(p, filepath.Join(to, rel))
	})
}

// generatedCode is gen/ for one fixture spec, generated once per test run.
type generatedCode struct {
	once  sync.Once
	files map[string]string // gen/gen.go, gen/server/server.go
	err   error
}

var generated sync.Map // spec name -> *generatedCode

// generate returns gen/ generated from testdata/specs/<spec>.yaml by the
// project's go:generate lines that write gen/ (the fixture's wrapper is
// hand-written).
func generate(t *testing.T, spec string) map[string]string {
	t.Helper()
	tpl := moduleTemplate(t)
	v, _ := generated.LoadOrStore(spec, &generatedCode{})
	g := v.(*generatedCode)
	g.once.Do(func() {
		dir, err := os.MkdirTemp("", "apidrift-gen-")
		if err != nil {
			g.err = err
			return
		}
		defer os.RemoveAll(dir)
		if g.err = copyTree(tpl, dir); g.err != nil {
			return
		}
		if g.err = os.WriteFile(filepath.Join(dir, "spec", "admin-api.yaml"), []byte(fixture(t, spec)), 0o644); g.err != nil {
			return
		}
		src, err := os.ReadFile(filepath.Join(dir, "generate.go"))
		if err != nil {
			g.err = err
			return
		}
		g.files = map[string]string{}
		for _, l := range strings.Split(string(src), "\n") {
			line, ok := strings.CutPrefix(l, "//go:generate ")
			if !ok {
				continue
			}
			args := strings.Fields(line) // go run <generator> <args>
			if !strings.Contains(line, " -o gen/") {
				continue
			}
			if len(args) < 3 || args[0] != "go" || args[1] != "run" {
				g.err = fmt.Errorf("unexpected go:generate line %q", line)
				return
			}
			if args[0], g.err = goRunExecutable(dir, args[2]); g.err != nil {
				return
			}
			args = append(args[:1], args[3:]...)
			out := ""
			for i, a := range args {
				if a == "-o" && i+1 < len(args) {
					out = args[i+1]
				}
			}
			if err := os.MkdirAll(filepath.Join(dir, filepath.Dir(out)), 0o755); err != nil {
				g.err = err
				return
			}
			cmd := exec.Command(args[0], args[1:]...)
			cmd.Dir = dir
			if b, err := cmd.CombinedOutput(); err != nil {
				g.err = fmt.Errorf("%s: %v\n%s", line, err, b)
				return
			}
			b, err := os.ReadFile(filepath.Join(dir, out))
			if err != nil {
				g.err = err
				return
			}
			g.files[out] = string(b)
		}
	})
	if g.err != nil {
		t.Fatalf("generating the code of %s: %v", spec, g.err)
	}
	return g.files
}

// newModuleRepo is a scratch repository holding the fixture module with
// testdata/specs/<spec>.yaml, its generated code and its committed Go API
// listing, committed as "base". Its Makefile's check-generated always
// passes (see freshMakefile).
func newModuleRepo(t *testing.T, spec string) *scratchRepo {
	t.Helper()
	r := newScratchRepo(t)
	if err := copyTree(moduleTemplate(t), r.dir); err != nil {
		t.Fatal(err)
	}
	r.write("Makefile", freshMakefile)
	r.useSpec(spec)
	r.writeAPI()
	r.commit("base")
	return r
}

// newBaseModuleRepo is newModuleRepo with the base spec.
func newBaseModuleRepo(t *testing.T) *scratchRepo { return newModuleRepo(t, "base") }

// newSpecRepo is a scratch repository without Go code: the base spec and a
// Makefile whose check-generated passes, committed as "base".
func newSpecRepo(t *testing.T) *scratchRepo {
	t.Helper()
	r := newScratchRepo(t)
	r.write("Makefile", freshMakefile)
	r.write("spec/admin-api.yaml", fixture(t, "base"))
	r.commit("base")
	return r
}

// tinyAdmin is the package wrapper/admin of newTinyModuleRepo: no generated
// code, nothing to download, quick to build.
const tinyAdmin = `// Package admin is a scratch public package.
package admin

var user struct{ Name string }

// User is a user.
type User struct {
	Nick *string ` + "`json:\"nick,omitempty\"`" + `
}

// Get gets.
func Get() string { return "get" }
`

// newTinyModuleRepo is newSpecRepo with a Go module holding one small
// package, wrapper/admin, and its committed listing.
func newTinyModuleRepo(t *testing.T) *scratchRepo {
	t.Helper()
	r := newScratchRepo(t)
	r.write("Makefile", freshMakefile)
	r.write("spec/admin-api.yaml", fixture(t, "base"))
	r.write("go.mod", "module example.com/tiny\n\ngo 1.26\n")
	r.write("wrapper/admin/admin.go", tinyAdmin)
	r.writeAPI()
	r.commit("base")
	return r
}

// useSpec puts a fixture spec and its generated code in the working tree.
func (r *scratchRepo) useSpec(spec string) {
	r.t.Helper()
	r.write("spec/admin-api.yaml", fixture(r.t, spec))
	for name, content := range generate(r.t, spec) {
		r.write(name, content)
	}
}

// writeAPI writes the listing file, as `make api` does. Like `make api`, it
// leaves the file alone when a listed package does not build. The listing
// of the same code is made once per test run.
func (r *scratchRepo) writeAPI() {
	r.t.Helper()
	key := r.goCodeHash()
	if text, ok := listings.Load(key); ok {
		r.write("wrapper/api.txt", text.(string))
		return
	}
	cfg := defaultConfig()
	cfg.Dir, cfg.TrimPath = r.dir, true
	switch err := WriteAPI(context.Background(), cfg); {
	case err == nil:
		listings.Store(key, r.read("wrapper/api.txt"))
	case !strings.Contains(err.Error(), "packages do not build"):
		r.t.Fatal(err)
	}
}

var listings sync.Map // goCodeHash -> listing

// goCodeHash identifies the Go code of the repository: go.mod and the Go
// files, which are all a listing depends on.
func (r *scratchRepo) goCodeHash() string {
	r.t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(r.dir, func(p string, d fs.DirEntry, err error) error {
		switch {
		case err != nil:
			return err
		case d.IsDir() && d.Name() == ".git":
			return filepath.SkipDir
		case d.IsDir() || !(strings.HasSuffix(p, ".go") || d.Name() == "go.mod"):
			return nil
		}
		b, err := os.ReadFile(p)
		fmt.Fprintf(h, "%s %d\n", p[len(r.dir):], len(b))
		h.Write(b)
		return err
	})
	if err != nil {
		r.t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

// noteHas fails t for each of wants that the note lacks.
func noteHas(t *testing.T, note string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(note, w) {
			t.Errorf("the note lacks %q", w)
		}
	}
}

// noteLacks fails t for each of unwanted that the note has.
func noteLacks(t *testing.T, note string, unwanted ...string) {
	t.Helper()
	for _, u := range unwanted {
		if strings.Contains(note, u) {
			t.Errorf("the note has %q", u)
		}
	}
}
