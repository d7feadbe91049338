package main

import (
	"context"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// buildResult is what `go build ./...` and `go vet ./...` said.
type buildResult struct {
	command string
	failed  string // which command failed, "" when both passed
	output  string // its output, paths relative to the root
	errors  []compileError
}

// compileError is one "file:line:col: message" line of the go command.
type compileError struct {
	File string // relative to the root, slash-separated
	Line int
	Msg  string
}

func (e compileError) pos() string { return fmt.Sprintf("%s:%d", e.File, e.Line) }

// build builds and vets every package of the module in the working tree.
// vet type-checks the tests too, so a fake that no longer fits the server
// interface fails here even when only tests use it.
func (r *runner) build(ctx context.Context) buildResult {
	b := buildResult{command: "go build ./... && go vet ./..."}
	if _, err := os.Stat(filepath.Join(r.cfg.Dir, "go.mod")); err != nil {
		b.command = ""
		return b
	}
	for _, cmd := range []string{"build", "vet"} {
		args := append(append([]string{cmd}, r.buildFlags(r.cfg.Dir)...), "./...")
		res := r.run(ctx, r.cfg.Dir, r.cfg.Go, args...)
		if res.err == nil {
			continue
		}
		b.failed = "go " + cmd + " ./..."
		b.output = sortBlocks(relativize(res.combined(), r.cfg.Dir))
		b.errors = parseCompileErrors(b.output)
		break
	}
	return b
}

// relativize makes the go command's output independent of the machine:
// paths relative to the root, no "vet: " prefixes, no repeated lines.
func relativize(out, dir string) string {
	out = strings.ReplaceAll(out, dir+string(filepath.Separator), "")
	var lines []string
	seen := map[string]bool{}
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimPrefix(l, "vet: ")
		l = strings.TrimPrefix(l, "./")
		if !strings.HasPrefix(l, "# ") && seen[l] {
			continue
		}
		seen[l] = true
		lines = append(lines, l)
	}
	return strings.Join(lines, "\n")
}

// sortBlocks orders the go command's per-package blocks ("# pkg" and its
// errors) by package: packages build in parallel, and the note should not
// depend on which failed first.
func sortBlocks(out string) string {
	var blocks []string
	for _, l := range strings.Split(out, "\n") {
		if strings.HasPrefix(l, "# ") || len(blocks) == 0 {
			blocks = append(blocks, l)
		} else {
			blocks[len(blocks)-1] += "\n" + l
		}
	}
	slices.SortStableFunc(blocks, func(a, b string) int {
		// Lines before the first package header stay first.
		ha, hb := strings.HasPrefix(a, "# "), strings.HasPrefix(b, "# ")
		switch {
		case ha && hb:
			return strings.Compare(a, b)
		case ha:
			return 1
		case hb:
			return -1
		}
		return 0
	})
	return strings.Join(blocks, "\n")
}

var errorLine = regexp.MustCompile(`^(\S+\.go):(\d+)(?::\d+)?: (.*)$`)

func parseCompileErrors(out string) []compileError {
	var errs []compileError
	for _, l := range strings.Split(out, "\n") {
		if m := errorLine.FindStringSubmatch(l); m != nil {
			n, _ := strconv.Atoi(m[2])
			errs = append(errs, compileError{File: filepath.ToSlash(m[1]), Line: n, Msg: m[3]})
		}
	}
	return errs
}

// maxBuildLines bounds the compiler output shown: the first errors are the
// ones that explain the rest.
const maxBuildLines = 15

// step renders the build, with the hints that explain its errors.
func (b buildResult) step(hints []string) Step {
	s := Step{Title: "Build (go build, go vet)", Command: b.command}
	if b.command == "" {
		s.Pass = true
		s.Summary = "No Go module at the root: nothing to build."
		return s
	}
	if b.failed == "" {
		s.Pass = true
		s.Summary = "Every package of the module builds, and `go vet` (which type-checks the tests too) passes."
		return s
	}
	s.Summary = fmt.Sprintf("`%s` fails: the module does not build. An `API-Break:` trailer cannot accept this.", b.failed)
	lines := strings.Split(strings.TrimSpace(b.output), "\n")
	if len(lines) > maxBuildLines {
		lines = append(lines[:maxBuildLines], fmt.Sprintf("... and %d more lines (run `%s`)", len(lines)-maxBuildLines, b.failed))
	}
	s.Output = strings.Join(lines, "\n")
	if len(hints) > 0 {
		s.Summary += "\n\nWhat changed behind these errors:\n\n- " + strings.Join(hints, "\n- ")
	}
	s.Next = fmt.Sprintf("fix the code the errors point at until `%s` passes, then run the gate again.", b.command)
	if len(hints) > 0 {
		s.Next = fmt.Sprintf("fix the code the errors point at (the hints above say what changed) until `%s` passes, then run the gate again.", b.command)
	}
	return s
}

// hintContext is what explain correlates compile errors with.
type hintContext struct {
	dir     string              // root of the module, to read the lines errors point at
	changes []oasChange         // the spec's changelog
	diff    *apiDiff            // the Go API diff (nil when not made)
	rev     map[string]apiEntry // the revision's listing by key
	base    map[string]apiEntry // the base's (for packages that no longer build)
	baseOps map[string]string   // operationId -> path template at the base
	revOps  map[string]string   // ... and in the revision
}

var (
	missingMethod = regexp.MustCompile(`(\S+) does not implement (\S+) \(missing method (\w+)\)`)
	noMember      = regexp.MustCompile(`undefined \(type (\S+) has no field or method (\w+)`)
	unknownField  = regexp.MustCompile(`unknown field (\w+) in struct literal of type (\S+)`)
	undefinedName = regexp.MustCompile(`undefined: ([\w.]+)`)
	exportedName  = regexp.MustCompile(`\b[A-Z]\w*`)
)

// explain names the spec or Go API change behind each compile error it
// recognizes, and says what to do. Errors with the same explanation share
// one hint, which lists where they are; hints keep the order of the errors.
func explain(errs []compileError, hc hintContext) []string {
	var order []string
	at := map[string][]string{}
	for _, e := range errs {
		var h string
		switch {
		case missingMethod.MatchString(e.Msg):
			m := missingMethod.FindStringSubmatch(e.Msg)
			h = hc.missingMethod(e, m[1], m[2], m[3])
		case noMember.MatchString(e.Msg):
			m := noMember.FindStringSubmatch(e.Msg)
			h = hc.noMember(hc.resolve(e.File, m[1]), m[2])
		case unknownField.MatchString(e.Msg):
			m := unknownField.FindStringSubmatch(e.Msg)
			h = hc.noMember(hc.resolve(e.File, m[2]), m[1])
		case undefinedName.MatchString(e.Msg):
			h = hc.undefined(undefinedName.FindStringSubmatch(e.Msg)[1])
		default:
			h = hc.mentioned(e)
		}
		if h == "" {
			continue
		}
		if _, ok := at[h]; !ok {
			order = append(order, h)
		}
		if !slices.Contains(at[h], e.pos()) {
			at[h] = append(at[h], e.pos())
		}
	}
	hints := make([]string, len(order))
	for i, h := range order {
		hints[i] = strings.Replace(h, placeAt, "`"+strings.Join(at[h], "`, `")+"`", 1)
	}
	return hints
}

// placeAt stands for the positions of the errors in a hint's text.
const placeAt = "\x00"

// who names the code at file for a hint: the fake has a name of its own.
func who(file string) string {
	dir := path.Dir(file)
	if dir == "wrapper/admin/admintest" {
		return "the fake (`wrapper/admin/admintest`)"
	}
	return "`" + dir + "`"
}

// normalize folds an operationId and a Go name to one form: listApiKeys and
// ListAPIKeys are both "listapikeys".
func normalize(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return unicode.ToLower(r)
		}
		return -1
	}, s)
}

// operation finds the operationId whose Go name is goName.
func operation(ops map[string]string, goName string) (string, bool) {
	for id := range ops {
		if normalize(id) == normalize(goName) {
			return id, true
		}
	}
	return "", false
}

// unqualified drops the package qualifier: server.Foo -> Foo.
func unqualified(name string) string {
	return name[strings.LastIndex(name, ".")+1:]
}

func (hc hintContext) missingMethod(e compileError, impl, iface, method string) string {
	ifaceName := unqualified(iface)
	sig := ""
	for _, entry := range hc.rev {
		if entry.Kind == kindIfaceMethod && entry.Member() == method && unqualified(typeName(entry.Parent)) == ifaceName {
			_, sig, _ = strings.Cut(entry.Line, " interface, ")
			sig = hc.qualify(entry.Pkg, sig)
		}
	}
	impl = strings.TrimPrefix(impl, "*")
	do := fmt.Sprintf("add the method `%s` to `%s` in %s", method, impl, who(e.File))
	if sig != "" {
		do = fmt.Sprintf("add `func (*%s) %s` to %s", impl, sig, who(e.File))
	}
	for _, c := range hc.changes {
		if c.ID == "endpoint-added" && normalize(c.OperationID) == normalize(method) {
			return fmt.Sprintf("The spec adds the operation `%s` (`%s %s`), so `%s` gained `%s`, which %s does not implement yet (%s): %s.",
				c.OperationID, c.Operation, c.Path, iface, method, who(e.File), placeAt, do)
		}
	}
	return fmt.Sprintf("`%s` has a method `%s` that `%s` lacks (%s): %s.", iface, method, impl, placeAt, do)
}

// qualify prefixes the names of pkg's types in a listing's signature with
// the package name, as code outside pkg writes them.
func (hc hintContext) qualify(pkg, sig string) string {
	name := path.Base(pkg)
	return exportedName.ReplaceAllStringFunc(sig, func(id string) string {
		if e, ok := hc.rev[pkg+"|"+id]; ok && e.Parent == "" {
			return name + "." + id
		}
		return id
	})
}

// resolve names the type typ of a compile error in file as the listing
// does: qualified by package name, and through an alias to its target
// (User in package admin is gen.User).
func (hc hintContext) resolve(file, typ string) string {
	typ = strings.TrimLeft(typ, "*")
	var e apiEntry
	var ok bool
	for _, listing := range []map[string]apiEntry{hc.rev, hc.base} {
		if ok {
			break
		}
		if !strings.Contains(typ, ".") {
			e, ok = listing[path.Dir(file)+"|"+typ]
			continue
		}
		for _, entry := range listing {
			if entry.Parent == "" && entry.Name() == typ {
				e, ok = entry, true
				break
			}
		}
	}
	if !ok {
		return typ
	}
	if target, ok := e.aliasTarget(); ok {
		return target
	}
	return e.Name()
}

func (hc hintContext) noMember(typ, member string) string {
	if hc.diff == nil {
		return ""
	}
	name := typ + "." + member
	var gone *apiEntry
	for i, r := range hc.diff.Removed {
		if r.Name() == name {
			gone = &hc.diff.Removed[i]
		}
	}
	if gone == nil {
		return ""
	}
	// The same type gained a member: a rename.
	var now []apiEntry
	for _, a := range hc.diff.Added {
		if a.Parent == gone.Parent && a.Kind == gone.Kind {
			now = append(now, a)
		}
	}
	json := gone.jsonName()
	for _, a := range now {
		if json != "" && a.jsonName() == json {
			return fmt.Sprintf("`%s` is now `%s`, with the same JSON name `%s`: the spec gave the field another Go name (an `x-go-name`?). Rename the use at %s, or keep the old Go name in the spec.",
				name, a.Member(), json, placeAt)
		}
	}
	// A field of a RequestObject or Params type named after a path parameter.
	op := strings.TrimSuffix(strings.TrimSuffix(unqualified(typ), "RequestObject"), "Params")
	if id, ok := operation(hc.revOps, op); ok && json != "" {
		basePath, revPath := hc.baseOps[id], hc.revOps[id]
		oldParams, newParams := pathParam.FindAllStringSubmatch(basePath, -1), pathParam.FindAllStringSubmatch(revPath, -1)
		if len(oldParams) == len(newParams) {
			for i := range oldParams {
				if oldParams[i][1] == json && newParams[i][1] != json {
					field := newParams[i][1]
					for _, a := range now {
						if a.jsonName() == newParams[i][1] {
							field = a.Member()
						}
					}
					return fmt.Sprintf("The spec renames the path parameter `%s` of `%s` to `%s` (`%s` → `%s`). oasdiff does not report renamed path parameters, but the generated code names fields and parameters after them: `%s` is now `%s`. Update the code at %s.",
						json, id, newParams[i][1], basePath, revPath, name, field, placeAt)
				}
			}
		}
	}
	why := hc.specChange(json)
	return fmt.Sprintf("`%s` was removed from the Go API%s. Update the code at %s.", name, why, placeAt)
}

func (hc hintContext) undefined(name string) string {
	if hc.diff == nil {
		return ""
	}
	for _, r := range hc.diff.Removed {
		if r.Name() == name || (r.Parent == "" && unqualified(r.Name()) == name) {
			value := ""
			if _, v, ok := strings.Cut(r.Line, " = "); ok {
				value = strings.Trim(v, `"`)
			}
			return fmt.Sprintf("`%s` was removed from the Go API%s. Update the code at %s.", r.Name(), hc.specChange(value), placeAt)
		}
	}
	return ""
}

// mentioned is the fallback: an error that names a removed or changed
// identifier of the Go API.
func (hc hintContext) mentioned(e compileError) string {
	if hc.diff == nil {
		return ""
	}
	// The message may not name what changed ("cannot use p (value of type
	// *string) as string value in assignment"); the line it points at does.
	words := exportedName.FindAllString(e.Msg+" "+hc.sourceLine(e), -1)
	for _, c := range hc.diff.Changed {
		if slices.Contains(words, c.Old.Member()) {
			return fmt.Sprintf("`%s` changed from `%s` to `%s`%s. Update the code at %s.", c.Old.Name(), c.Old.decl(), c.New.decl(), hc.specChange(c.Old.jsonName()), placeAt)
		}
	}
	for _, r := range hc.diff.Removed {
		if slices.Contains(words, r.Member()) {
			return fmt.Sprintf("`%s` was removed from the Go API%s. Update the code at %s.", r.Name(), hc.specChange(r.jsonName()), placeAt)
		}
	}
	return ""
}

// specChange quotes the first spec change that mentions `name`, in
// parentheses, or is "".
func (hc hintContext) specChange(name string) string {
	if name == "" {
		return ""
	}
	for _, quoted := range []string{"`" + name + "`", "/" + name + "`"} {
		for _, c := range hc.changes {
			if strings.Contains(c.Text, quoted) {
				return fmt.Sprintf(" (spec: %s; `%s`, %s)", c.Text, c.ID, c.where())
			}
		}
	}
	return ""
}

// sourceLine is the line of code e points at, or "".
func (hc hintContext) sourceLine(e compileError) string {
	if hc.dir == "" {
		return ""
	}
	b, err := os.ReadFile(filepath.Join(hc.dir, filepath.FromSlash(e.File)))
	if err != nil {
		return ""
	}
	lines := strings.Split(string(b), "\n")
	if e.Line < 1 || e.Line > len(lines) {
		return ""
	}
	return lines[e.Line-1]
}
