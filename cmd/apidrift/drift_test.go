package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestSpecFixtures commits testdata/specs/base.yaml as the spec of a
// repository without Go code, puts a changed spec in the working tree and
// runs the whole gate.
func TestSpecFixtures(t *testing.T) {
	t.Parallel()
	needTools(t)
	for _, tc := range []struct {
		revision string
		slow     bool // runs only with APIDRIFT_TEST=full
		pass     bool
		want     []string // in the note
	}{
		{
			revision: "base",
			pass:     true,
			want:     []string{"## 1. Breaking changes (oasdiff): PASS", "No changes of the spec.", "**Verdict: PASS**"},
		},
		{
			revision: "request-enum-value-removed",
			want: []string{
				"## 1. Breaking changes (oasdiff): FAIL",
				"error\t[request-property-enum-value-removed] at spec/admin-api.yaml",
				"removed the enum value `developer` of the request property `role`",
				"**Next:** restore what the spec removed or narrowed",
				"## 2. Changelog (oasdiff): PASS",
				"#### POST /v1/organizations/users/{user_id}\n- :warning: removed the enum value `developer`",
			},
		},
		{
			revision: "response-enum-value-added",
			pass:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): PASS",
				"No change breaks existing clients; the warnings below are reported, not failed.",
				"warning\t[response-property-enum-value-added] at spec/admin-api.yaml",
				"New response enum values (`claude_code_user` of `role`) do not fail the gate",
				"Run `make generate` (new constants in `gen/`) and `make api`, re-export the new constants from `wrapper/admin`",
				"- :warning: added the new `claude_code_user` enum value to the `role` response property",
				"**Verdict: PASS**",
			},
		},
		{
			revision: "response-enum-value-removed",
			slow:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): FAIL",
				"[response-property-enum-value-removed]",
				"removed the `primary_owner` enum value from the `role` response property",
			},
		},
		{
			revision: "response-required-field-removed",
			slow:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): FAIL",
				"[response-required-property-removed]",
				"removed the required property `name` from the response",
			},
		},
		{
			revision: "response-optional-field-removed",
			slow:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): FAIL",
				"[response-optional-property-removed]",
				"removed the optional property `added_at` from the response",
			},
		},
		{
			revision: "query-parameter-added",
			pass:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): PASS",
				"## 2. Changelog (oasdiff): PASS",
				"#### GET /v1/organizations/users\n- added the new optional `query` request parameter `email`",
				"**Verdict: PASS**",
			},
		},
		{
			revision: "unparsable",
			want: []string{
				"## 1. Breaking changes (oasdiff): FAIL",
				"oasdiff failed (exit status 102)",
				"## 2. Changelog (oasdiff): SKIPPED",
				"**Next:** fix the spec so that it loads",
			},
		},
	} {
		t.Run(tc.revision, func(t *testing.T) {
			if tc.slow {
				slow(t)
			}
			t.Parallel()
			r := newScratchRepo(t)
			r.write("Makefile", freshMakefile)
			r.write("spec/admin-api.yaml", fixture(t, "base"))
			r.commit("base")
			r.write("spec/admin-api.yaml", fixture(t, tc.revision))

			note, code := r.gate("-base", "HEAD")
			if got := code == 0; got != tc.pass {
				t.Errorf("exit code %d, want pass=%v", code, tc.pass)
			}
			noteHas(t, note, tc.want...)
			// The other steps pass in every fixture: gen/ is fresh and there
			// is no Go code.
			noteHas(t, note,
				"## 3. Generated files (make check-generated; wrapper/api.txt): PASS",
				"## 4. Go API (wrapper/api.txt): PASS",
				"The Go API did not change.",
				"## 5. Build (go build, go vet): PASS",
			)
			noteLacks(t, note, r.dir, "/tmp/")
		})
	}
}

// moduleCase is a change of the fixture module's spec, regenerated, and what
// the gate says about it.
type moduleCase struct {
	name     string
	revision string // spec fixture of the working tree
	slow     bool   // runs only with APIDRIFT_TEST=full
	pass     bool
	want     []string
	unwanted []string
}

// TestModuleFixtures changes the spec of the fixture module (see
// testdata/module), regenerates gen/ and runs the whole gate: the Go API
// step sees the field changes behind the wrapper's aliases, and the build
// step names the spec change behind compile errors.
func TestModuleFixtures(t *testing.T) {
	t.Parallel()
	needTools(t)
	for _, tc := range []moduleCase{
		{
			name:     "optional response field becomes required",
			revision: "response-field-became-required",
			slow:     true, // TestGoAPIChange has a cheap one
			want: []string{
				// oasdiff calls it compatible; the Go type changes.
				"## 1. Breaking changes (oasdiff): PASS",
				"## 4. Go API (wrapper/api.txt): FAIL",
				"Base listing: `wrapper/api.txt` as committed at",
				"**Changed (3): code that uses them may no longer compile**",
				"- pkg gen, type User struct, Nickname *string `json:\"nickname,omitempty\"`\n+ pkg gen, type User struct, Nickname string `json:\"nickname\"`",
				"`admin.User` = `gen.User`",
				"## 5. Build (go build, go vet): PASS",
				"**Verdict: FAIL** (1 of 5 steps failed: Go API (wrapper/api.txt))",
			},
		},
		{
			name:     "field renamed by x-go-name",
			revision: "x-go-name",
			slow:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): PASS", // the wire did not change
				"## 4. Go API (wrapper/api.txt): FAIL",
				// The fixture's server responses are the User struct itself.
				"**Removed (3): code that uses them no longer compiles**",
				"- pkg gen, type User struct, Email string `json:\"email\"`",
				"+ pkg gen, type User struct, EmailAddress string `json:\"email\"`",
				"## 5. Build (go build, go vet): FAIL",
				"wrapper/admin/admintest/admintest.go:",
				"`gen.User.Email` is now `EmailAddress`, with the same JSON name `email`",
			},
		},
		{
			name:     "field type changed",
			revision: "field-type-changed",
			slow:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): FAIL",
				"[response-property-type-changed]",
				"- pkg gen, type User struct, AddedAt *time.Time `json:\"added_at,omitempty\"`\n+ pkg gen, type User struct, AddedAt *string `json:\"added_at,omitempty\"`",
				"## 5. Build (go build, go vet): PASS",
			},
		},
		{
			name:     "new endpoint the fake lacks",
			revision: "endpoint-added",
			want: []string{
				"## 1. Breaking changes (oasdiff): PASS",
				"#### DELETE /v1/organizations/users/{user_id}\n- endpoint added",
				// New methods of the generated interfaces are expected.
				"## 4. Go API (wrapper/api.txt): PASS",
				"+ pkg gen/server, type StrictServerInterface interface, RemoveUser(context.Context, RemoveUserRequestObject) (RemoveUserResponseObject, error)",
				"+ pkg gen, type ClientInterface interface, RemoveUser(context.Context, string, ...RequestEditorFn) (*http.Response, error)",
				"## 5. Build (go build, go vet): FAIL",
				"wrapper/admin/admintest/admintest.go:15:",
				"missing method RemoveUser",
				"The spec adds the operation `removeUser` (`DELETE /v1/organizations/users/{user_id}`), so `server.StrictServerInterface` gained `RemoveUser`, which the fake (`wrapper/admin/admintest`) does not implement yet",
				"(`wrapper/admin/admintest/admintest.go:15`, `wrapper/admin/admintest/admintest.go:22`): add `func (*fake) RemoveUser(context.Context, server.RemoveUserRequestObject) (server.RemoveUserResponseObject, error)` to the fake",
				"**Verdict: FAIL** (1 of 5 steps failed: Build (go build, go vet))",
			},
			unwanted: []string{"Methods added to interfaces"},
		},
		{
			name:     "path parameter renamed",
			revision: "path-parameter-renamed",
			slow:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): PASS", // oasdiff does not see it
				"## 4. Go API (wrapper/api.txt): FAIL",
				"- pkg gen/server, type GetUserRequestObject struct, UserID string `json:\"user_id\"`",
				"## 5. Build (go build, go vet): FAIL",
				"req.UserID undefined (type server.GetUserRequestObject has no field or method UserID)",
				"The spec renames the path parameter `user_id` of `getUser` to `member_id` (`/v1/organizations/users/{user_id}` → `/v1/organizations/users/{member_id}`)",
				"`server.GetUserRequestObject.UserID` is now `MemberID`",
			},
		},
		{
			name:     "response enum value added",
			revision: "response-enum-value-added",
			slow:     true, // TestSpecFixtures has its spec side
			pass:     true,
			want: []string{
				"## 1. Breaking changes (oasdiff): PASS",
				"warning\t[response-property-enum-value-added]",
				"New response enum values (`claude_code_user` of `role`) do not fail the gate",
				"Run `make generate`",
				"## 4. Go API (wrapper/api.txt): PASS",
				"+ pkg gen, const OrganizationRoleClaudeCodeUser OrganizationRole = \"claude_code_user\"",
				"**Verdict: PASS** (all 5 steps passed)",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.slow {
				slow(t)
			}
			t.Parallel()
			r := newModuleRepo(t, "base")
			r.useSpec(tc.revision)
			r.writeAPI()
			note, code := r.gate("-base", "HEAD")
			if got := code == 0; got != tc.pass {
				t.Errorf("exit code %d, want pass=%v", code, tc.pass)
			}
			noteHas(t, note, tc.want...)
			noteLacks(t, note, append(tc.unwanted, r.dir, "/tmp/")...)
		})
	}
}

// TestRange: the gate judges every commit of BASE..HEAD, and an `API-Break:`
// trailer accepts the breaks of its commit and those before it, never a
// module that does not build, never the breaks of later commits. The cheap
// cases use a repository without generated code; the slow ones repeat them
// on the fixture module, where the Go API step sees them too.
func TestRange(t *testing.T) {
	t.Parallel()
	needTools(t)
	for _, tc := range []struct {
		name  string
		start func(t *testing.T) *scratchRepo
		slow  bool
		setup func(r *scratchRepo)
		pass  bool
		want  []string
	}{
		{
			name:  "two commits, the break in the first",
			start: newSpecRepo,
			setup: func(r *scratchRepo) {
				r.write("spec/admin-api.yaml", fixture(r.t, "response-optional-field-removed"))
				r.commit("drop added_at")
				r.write("spec/admin-api.yaml", fixture(r.t, "optional-field-removed-then-query-parameter-added"))
				r.commit("filter users by email")
			},
			want: []string{
				"- **Range:** 2 commits after the base, oldest first:",
				"## 1. Breaking changes (oasdiff): FAIL",
				"[response-optional-property-removed]",
				"**Verdict: FAIL** (1 of 5 steps failed: Breaking changes (oasdiff))",
			},
		},
		{
			name:  "two commits, the break in the first, Go API",
			start: newBaseModuleRepo,
			slow:  true,
			setup: func(r *scratchRepo) {
				r.useSpec("response-optional-field-removed")
				r.writeAPI()
				r.commit("drop added_at")
				r.useSpec("optional-field-removed-then-query-parameter-added")
				r.writeAPI()
				r.commit("filter users by email")
			},
			want: []string{
				"- **Range:** 2 commits after the base, oldest first:",
				"[response-optional-property-removed]",
				"- pkg gen, type User struct, AddedAt *time.Time",
				"**Verdict: FAIL** (2 of 5 steps failed: Breaking changes (oasdiff); Go API (wrapper/api.txt))",
			},
		},
		{
			name:  "accepted break, module does not compile",
			start: newTinyModuleRepo,
			setup: func(r *scratchRepo) {
				r.write("spec/admin-api.yaml", fixture(r.t, "response-required-field-removed"))
				r.write("wrapper/admin/admin.go", tinyAdmin+"\n// Name reads what is gone.\nfunc Name() string { return deleted.Name }\n")
				r.commit("drop the user's name", "API-Break: v0.2 drops User.name")
			},
			want: []string{
				"## 1. Breaking changes (oasdiff): FAIL, ACCEPTED",
				"## 5. Build (go build, go vet): FAIL",
				"wrapper/admin/admin.go:15:29: undefined: deleted",
				"**Verdict: FAIL** (1 of 5 steps failed: Build (go build, go vet)); the accepted breaking changes (Breaking changes (oasdiff)) do not make up for it",
			},
		},
		{
			name:  "accepted break, wrapper does not compile",
			start: newBaseModuleRepo,
			slow:  true,
			setup: func(r *scratchRepo) {
				r.useSpec("response-required-field-removed")
				r.commit("drop the user's name", "API-Break: v0.2 drops User.name")
			},
			want: []string{
				"- **`API-Break:` trailers:** `",
				"## 1. Breaking changes (oasdiff): FAIL, ACCEPTED",
				"## 4. Go API (wrapper/api.txt): FAIL, ACCEPTED",
				"- pkg gen, type User struct, Name string `json:\"name\"`",
				"## 5. Build (go build, go vet): FAIL",
				"`gen.User.Name` was removed from the Go API (spec: removed the required property `name` from the response",
				"Update the code at `wrapper/admin/admin.go:46`, `wrapper/admin/admintest/admintest.go:20`.",
				"**Verdict: FAIL** (1 of 5 steps failed: Build (go build, go vet)); the accepted breaking changes",
				"an `API-Break:` trailer never accepts a module that does not build",
			},
		},
		{
			name:  "accepted break that compiles",
			start: newSpecRepo,
			setup: func(r *scratchRepo) {
				r.write("spec/admin-api.yaml", fixture(r.t, "response-optional-field-removed"))
				r.commit("drop added_at", "API-Break: nobody reads added_at")
			},
			pass: true,
			want: []string{
				"- **`API-Break:` trailers:** `",
				"## 1. Breaking changes (oasdiff): FAIL, ACCEPTED",
				"**Verdict: PASS, BREAKING CHANGE ACCEPTED** (Breaking changes (oasdiff); reason: nobody reads added_at)",
			},
		},
		{
			name:  "accepted break that compiles, Go API",
			start: newBaseModuleRepo,
			slow:  true,
			setup: func(r *scratchRepo) {
				r.useSpec("response-optional-field-removed")
				r.writeAPI()
				r.commit("drop added_at", "API-Break: nobody reads added_at")
			},
			pass: true,
			want: []string{
				"## 1. Breaking changes (oasdiff): FAIL, ACCEPTED",
				"## 4. Go API (wrapper/api.txt): FAIL, ACCEPTED",
				"**Verdict: PASS, BREAKING CHANGE ACCEPTED** (Breaking changes (oasdiff); Go API (wrapper/api.txt); reason: nobody reads added_at)",
			},
		},
		{
			name:  "a trailer does not accept the breaks of later commits",
			start: newSpecRepo,
			setup: func(r *scratchRepo) {
				r.write("spec/admin-api.yaml", fixture(r.t, "response-optional-field-removed"))
				r.commit("drop added_at", "API-Break: nobody reads added_at")
				r.write("spec/admin-api.yaml", fixture(r.t, "optional-field-removed-then-nickname-removed"))
				r.commit("drop nickname, silently")
			},
			want: []string{
				"- **Judged against:** `",
				"## Accepted earlier in the range: `",
				"### Breaking changes (oasdiff): FAIL, ACCEPTED",
				"removed the optional property `added_at` from the response",
				"## 1. Breaking changes (oasdiff): FAIL\n",
				"removed the optional property `nickname` from the response",
				"**Verdict: FAIL** (1 of 5 steps failed: Breaking changes (oasdiff))",
			},
		},
		{
			name:  "a trailer does not accept the breaks of later commits, Go API",
			start: newBaseModuleRepo,
			slow:  true,
			setup: func(r *scratchRepo) {
				r.useSpec("response-optional-field-removed")
				r.writeAPI()
				r.commit("drop added_at", "API-Break: nobody reads added_at")
				r.useSpec("optional-field-removed-then-nickname-removed")
				r.writeAPI()
				r.commit("drop nickname, silently")
			},
			want: []string{
				"## Accepted earlier in the range: `",
				"### Go API (wrapper/api.txt): FAIL, ACCEPTED",
				"- pkg gen, type User struct, AddedAt *time.Time",
				"## 4. Go API (wrapper/api.txt): FAIL\n",
				"- pkg gen, type User struct, Nickname *string",
				"**Verdict: FAIL** (2 of 5 steps failed: Breaking changes (oasdiff); Go API (wrapper/api.txt))",
			},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.slow {
				slow(t)
			}
			t.Parallel()
			r := tc.start(t)
			base := r.git("rev-parse", "HEAD")
			tc.setup(r)
			r.write(".ci/drift-base", "# the last accepted revision\n"+base+"\n")
			note, code := r.gate("-base-file", ".ci/drift-base")
			if got := code == 0; got != tc.pass {
				t.Errorf("exit code %d, want pass=%v", code, tc.pass)
			}
			noteHas(t, note, tc.want...)
			noteLacks(t, note, r.dir, "/tmp/")
		})
	}
}

// TestStaleGenerated runs the project's real check-generated target on a
// copy of the project whose spec changed without `make generate`: the step
// fails, says what to do, and shows the stale files without temporary
// paths or the embedded spec's base64.
func TestStaleGenerated(t *testing.T) {
	slow(t)
	t.Parallel()
	needTools(t)
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("git", "-C", root, "ls-files", "--cached", "--others", "--exclude-standard").Output()
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, f := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if _, err := os.Stat(filepath.Join(root, f)); err != nil {
			continue // deleted in the working tree
		}
		if err := copyFile(filepath.Join(root, f), filepath.Join(dir, f)); err != nil {
			t.Fatal(err)
		}
	}
	spec := filepath.Join(dir, "spec", "admin-api.yaml")
	b, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(b), "      operationId: listWorkspaces\n", "      operationId: listWorkspaces\n      summary: Lists the workspaces (changed)\n", 1)
	changed = strings.Replace(changed, "\n      summary: List workspaces\n", "\n", 1)
	if changed == string(b) {
		t.Fatal("the test's spec edit no longer applies: update it")
	}
	if err := os.WriteFile(spec, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	cfg := defaultConfig()
	cfg.Dir = dir
	r := &runner{cfg: cfg}
	s := r.generatedStep(context.Background())
	md := (&Note{Steps: []Step{s}}).Markdown()
	t.Logf("the step:\n%s", md)
	if s.Pass {
		t.Error("check-generated passed on a stale gen/")
	}
	noteHas(t, md, "stale: gen/server/server.go", "(the embedded spec differs too: its base64 is not shown)", "**Next:** run `make generate` and commit the result")
	noteLacks(t, md, dir, os.TempDir()+"/", "H4sI")
}

// TestGoAPIChange: a field whose type changes and a function removed fail
// the Go API step; a new method does not. (The module fixtures show the
// same for generated code, behind the wrapper's aliases.)
func TestGoAPIChange(t *testing.T) {
	t.Parallel()
	needTools(t)
	r := newTinyModuleRepo(t)
	r.write("wrapper/admin/admin.go", `// Package admin is a scratch public package.
package admin

var user struct{ Name string }

// User is a user.
type User struct {
	Nick string `+"`json:\"nick\"`"+`
}

// Describe describes.
func (User) Describe() string { return "" }
`)
	r.writeAPI()

	note, code := r.gate("-base", "HEAD")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	noteHas(t, note,
		"## 3. Generated files (make check-generated; wrapper/api.txt): PASS",
		"## 4. Go API (wrapper/api.txt): FAIL",
		"Base listing: `wrapper/api.txt` as committed at `",
		"1 identifier removed, 1 identifier changed: code that compiles against the base may not compile",
		"**Removed (1): code that uses them no longer compiles**\n\n```diff\n- pkg wrapper/admin, func Get() string\n```",
		"- pkg wrapper/admin, type User struct, Nick *string `json:\"nick,omitempty\"`\n+ pkg wrapper/admin, type User struct, Nick string `json:\"nick\"`",
		"+ pkg wrapper/admin, method (User) Describe() string",
		"**Next:** restore the identifiers, or, when the break is intended, say why in an `API-Break: <reason>` trailer.",
		"## 5. Build (go build, go vet): PASS",
		"**Verdict: FAIL** (1 of 5 steps failed: Go API (wrapper/api.txt))",
	)
}

// TestStaleListing: code whose Go API changed without `make api` fails the
// gate, which says to run it.
func TestStaleListing(t *testing.T) {
	t.Parallel()
	needTools(t)
	r := newTinyModuleRepo(t)
	r.write("wrapper/admin/extra.go", "package admin\n\n// Version is new.\nconst Version = \"1\"\n")

	note, code := r.gate("-base", "HEAD")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	noteHas(t, note,
		"## 3. Generated files (make check-generated; wrapper/api.txt): FAIL",
		"`wrapper/api.txt` is stale: it differs from the code's Go API in 1 identifier",
		"+ pkg wrapper/admin, const Version = \"1\"",
		"**Next:** Run `make api` and commit wrapper/api.txt.",
		"## 4. Go API (wrapper/api.txt): PASS",
		"No identifier removed or changed; 1 identifier added.",
	)
}

// TestBaseWithoutListing: a base from before the listing file is listed
// from its code in a temporary worktree, which is removed afterwards.
func TestBaseWithoutListing(t *testing.T) {
	slow(t)
	t.Parallel()
	needTools(t)
	r := newModuleRepo(t, "base")
	r.git("rm", "-q", "wrapper/api.txt")
	r.commit("no listing yet")
	r.useSpec("response-optional-field-removed")
	r.writeAPI()

	note, code := r.gate("-base", "HEAD")
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	noteHas(t, note,
		"Base listing: generated from the code at `",
		"which has no `wrapper/api.txt`",
		"- pkg gen, type User struct, AddedAt *time.Time",
	)
	if wts := strings.Count(r.git("worktree", "list", "--porcelain"), "worktree "); wts != 1 {
		t.Errorf("%d worktrees left, want 1:\n%s", wts, r.git("worktree", "list"))
	}
}

// TestBadBase: an unknown base is not a verdict but an error (exit 2).
func TestBadBase(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipping: git is not installed")
	}
	r := newScratchRepo(t)
	r.write("spec/admin-api.yaml", "openapi: 3.0.3\n")
	first := r.commit("only commit")
	for _, tc := range []struct {
		name   string
		files  map[string]string
		args   []string
		stderr string
	}{
		{"unknown ref", nil, []string{"-base", "HEAD~1"}, `base "HEAD~1" is not a commit of this repository`},
		{"empty base file", map[string]string{".ci/drift-base": "# nothing\n"}, []string{"-base-file", ".ci/drift-base"}, "drift-base records no base commit"},
		{"missing base file", nil, []string{"-base-file", ".ci/none"}, "reading the recorded base"},
		{"base not an ancestor", map[string]string{".ci/drift-base": strings.Repeat("0", 40)}, []string{"-base-file", ".ci/drift-base"}, "is not a commit"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for name, content := range tc.files {
				r.write(name, content)
			}
			var stdout, stderr bytes.Buffer
			if code := mainErr(append([]string{"-C", r.dir}, tc.args...), &stdout, &stderr); code != 2 {
				t.Errorf("exit code %d, want 2", code)
			}
			if stdout.Len() != 0 {
				t.Errorf("a note was printed: %s", stdout.String())
			}
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr = %q, want %q", stderr.String(), tc.stderr)
			}
		})
	}

	// A recorded base that history left behind.
	r.git("checkout", "-q", "--orphan", "other")
	r.commit("unrelated history")
	r.write(".ci/drift-base", first+"\n")
	var stdout, stderr bytes.Buffer
	if code := mainErr([]string{"-C", r.dir, "-base-file", ".ci/drift-base"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "is not an ancestor of HEAD") || !strings.Contains(stderr.String(), "make drift-base") {
		t.Errorf("stderr = %q", stderr.String())
	}
}

// TestShallowClone: a shallow clone without the base says how to get it.
func TestShallowClone(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipping: git is not installed")
	}
	r := newScratchRepo(t)
	r.write("spec/admin-api.yaml", "openapi: 3.0.3\n")
	base := r.commit("base")
	r.write("README", "x\n")
	r.commit("change")
	clone := &scratchRepo{t: t, dir: t.TempDir()}
	if out, err := exec.Command("git", "clone", "-q", "--depth=1", "file://"+r.dir, clone.dir).CombinedOutput(); err != nil {
		t.Fatalf("git clone: %v\n%s", err, out)
	}
	clone.write(".ci/drift-base", base+"\n")
	var stdout, stderr bytes.Buffer
	if code := mainErr([]string{"-C", clone.dir, "-base-file", ".ci/drift-base"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit code %d, want 2", code)
	}
	if !strings.Contains(stderr.String(), "is not in this shallow clone") || !strings.Contains(stderr.String(), "git fetch --unshallow") {
		t.Errorf("stderr = %q", stderr.String())
	}
}

// TestCommits reads the range and its trailers.
func TestCommits(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("skipping: git is not installed")
	}
	r := newScratchRepo(t)
	r.write("a", "1")
	base := r.commit("base")
	r.write("a", "2")
	one := r.commit("one", "API-Break: first reason", "API-Break: second reason")
	r.write("a", "3")
	two := r.commit("two", "Reviewed-by: someone")
	run := &runner{cfg: Config{Dir: r.dir}}
	got, err := run.commits(context.Background(), base)
	if err != nil {
		t.Fatal(err)
	}
	want := []Commit{
		{Hash: one, Subject: "one", Breaks: []string{"first reason", "second reason"}},
		{Hash: two, Subject: "two"},
	}
	if len(got) != len(want) {
		t.Fatalf("commits = %+v, want %+v", got, want)
	}
	for i := range want {
		if got[i].Hash != want[i].Hash || got[i].Subject != want[i].Subject || strings.Join(got[i].Breaks, "|") != strings.Join(want[i].Breaks, "|") {
			t.Errorf("commit %d = %+v, want %+v", i, got[i], want[i])
		}
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

func TestFenced(t *testing.T) {
	if got, want := fenced("text", "a\n```\nb\n"), "````text\na\n```\nb\n````\n"; got != want {
		t.Errorf("fenced = %q, want %q", got, want)
	}
}

func TestNoteVerdict(t *testing.T) {
	n := &Note{BaseRef: "HEAD~1", BaseCommit: "0123456789abcdef", BaseSubject: "s", Steps: []Step{
		{Title: "A", Pass: true, Summary: "fine"},
		{Title: "B", Summary: "broken", Next: "fix it", Output: "details"},
		{Title: "C", Skipped: true, Summary: "see B"},
	}}
	md := n.Markdown()
	noteHas(t, md,
		"- **Base:** `HEAD~1` = `0123456789ab` (s)",
		"- **Range:** no commit after the base",
		"## 1. A: PASS",
		"## 2. B: FAIL\n\nbroken\n\n**Next:** fix it\n",
		"```text\ndetails\n```",
		"## 3. C: SKIPPED",
		"**Verdict: FAIL** (1 of 3 steps failed: B)",
	)
	if n.Pass() {
		t.Error("Pass() = true with a failed step")
	}
}

func TestNoteAcceptBreaking(t *testing.T) {
	steps := []Step{
		{Title: "Spec", Breaking: true, Summary: "enum value removed", Next: "restore it"},
		{Title: "Gen", Pass: true, Summary: "fine"},
		{Title: "Go", Breaking: true, Summary: "func removed"},
		{Title: "Build", Pass: true, Summary: "fine"},
	}
	n := &Note{BaseRef: "HEAD~1", BaseCommit: "0123456789abcdef", BaseSubject: "s", Steps: steps, Accepted: []string{"v0.2 drops managed roles"}}
	md := n.Markdown()
	noteHas(t, md,
		"## 1. Spec: FAIL, ACCEPTED",
		"## 2. Gen: PASS",
		"## 3. Go: FAIL, ACCEPTED",
		"**Verdict: PASS, BREAKING CHANGE ACCEPTED** (Spec; Go; reason: v0.2 drops managed roles)",
	)
	noteLacks(t, md, "**Next:**")
	if !n.Pass() {
		t.Error("Pass() = false although every failure is an accepted breaking change")
	}

	// A stale gen/ or a failing build is never accepted.
	for _, i := range []int{1, 3} {
		broken := append([]Step(nil), steps...)
		broken[i] = Step{Title: steps[i].Title, Summary: "broken"}
		n = &Note{BaseRef: "HEAD~1", BaseCommit: "0123456789abcdef", Steps: broken, Accepted: []string{"on purpose"}}
		if n.Pass() {
			t.Errorf("Pass() = true with %s failing", steps[i].Title)
		}
		noteHas(t, n.Markdown(), "**Verdict: FAIL** (1 of 4 steps failed: "+steps[i].Title+"); the accepted breaking changes (Spec; Go) do not make up for it")
	}

	// Without a reason nothing is accepted.
	n = &Note{BaseRef: "HEAD~1", BaseCommit: "0123456789abcdef", Steps: steps}
	if n.Pass() {
		t.Error("Pass() = true with breaking changes and no reason")
	}
}

func TestFilterGenDiff(t *testing.T) {
	in := strings.Join([]string{
		"stale: gen/server/server.go",
		"79c79",
		"< \t// ListWorkspaces List workspaces",
		"---",
		"> \t// ListWorkspaces Lists the workspaces",
		"7816,7837c7816,7838",
		"---",
		"8000c8000",
		"< \t\"H4sIAAAAAAAC/+x9aXPbOJLod/8KhOdFTHeEZMm2\",",
		"---",
		"> \t\"H4sIAAAAAAAC/+x9aXPbOJLod/8KhOdFTHeEZMm3\",",
		"stale: gen/gen.go",
		"2520c2520",
		"< // x",
		"---",
		"> // y",
		"",
		"Generated code is stale.",
	}, "\n")
	want := strings.Join([]string{
		"stale: gen/server/server.go",
		"79c79",
		"< \t// ListWorkspaces List workspaces",
		"---",
		"> \t// ListWorkspaces Lists the workspaces",
		"(the embedded spec differs too: its base64 is not shown)",
		"stale: gen/gen.go",
		"2520c2520",
		"< // x",
		"---",
		"> // y",
		"",
		"Generated code is stale.",
	}, "\n")
	if got := filterGenDiff(in); got != want {
		t.Errorf("filterGenDiff:\n%s\nwant:\n%s", got, want)
	}
}
