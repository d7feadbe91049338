package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
)

// oasChange is one entry of `oasdiff changelog --format json`.
type oasChange struct {
	ID          string `json:"id"`
	Text        string `json:"text"`
	Comment     string `json:"comment"`
	Level       int    `json:"level"`
	Operation   string `json:"operation"`
	OperationID string `json:"operationId"`
	Path        string `json:"path"`
	Section     string `json:"section"`
}

// oasdiff's levels.
const (
	levelInfo = 1
	levelWarn = 2
	levelErr  = 3
)

func levelName(l int) string {
	switch l {
	case levelErr:
		return "error"
	case levelWarn:
		return "warning"
	}
	return "info"
}

// where names the part of the API a change is in.
func (c oasChange) where() string {
	if c.Operation != "" {
		return c.Operation + " " + c.Path
	}
	if c.Path != "" {
		return c.Path
	}
	return c.Section
}

// specResult is what oasdiff says about the spec between two revisions.
type specResult struct {
	spec        string // path of the spec, relative to the root
	baseLabel   string // "BASE" or a short commit
	revLabel    string // "" for the working tree, else a short commit
	missingBase bool   // no spec at the base: nothing can break
	failure     string // why the comparison could not be made
	output      string // the tool's output when it failed
	changes     []oasChange
	baseText    string
	revText     string
}

// diffSpec compares the spec at commit base with the working tree's (rev
// empty) or the one at commit rev, with one `oasdiff changelog` run: its
// JSON gives both the breaking changes (levels error and warning) and the
// changelog.
func (r *runner) diffSpec(ctx context.Context, base, rev, tmp string) specResult {
	spec := path.Clean(filepath.ToSlash(r.cfg.Spec))
	res := specResult{spec: spec, baseLabel: "BASE"}
	if rev != "" {
		res.baseLabel, res.revLabel = short(base), short(rev)
	}
	var revFile string
	if rev == "" {
		b, err := os.ReadFile(filepath.Join(r.cfg.Dir, filepath.FromSlash(spec)))
		if err != nil {
			res.failure = fmt.Sprintf("Cannot read `%s` in the working tree: %v.", spec, err)
			return res
		}
		res.revText, revFile = string(b), filepath.FromSlash(spec)
	} else {
		text, ok, err := r.show(ctx, rev, spec)
		if err != nil || !ok {
			res.failure = fmt.Sprintf("Cannot read `%s` at %s (%v).", spec, short(rev), err)
			return res
		}
		res.revText = text
		revFile = filepath.Join(tmp, "rev", path.Base(spec))
	}
	text, ok, err := r.show(ctx, base, spec)
	if err != nil {
		res.failure = fmt.Sprintf("Cannot extract the base spec: %v.", err)
		return res
	}
	if !ok {
		res.missingBase = true
		return res
	}
	res.baseText = text
	// Each spec goes into a directory of its own under its own name, so
	// that oasdiff's messages name the same file for both sides.
	baseFile := filepath.Join(tmp, "base", path.Base(spec))
	levels := filepath.Join(tmp, "severity-levels.txt")
	files := map[string]string{baseFile: res.baseText, levels: strings.Join(severityLevels, "\n") + "\n"}
	if rev != "" {
		files[revFile] = res.revText
	}
	for name, content := range files {
		err := os.MkdirAll(filepath.Dir(name), 0o755)
		if err == nil {
			err = os.WriteFile(name, []byte(content), 0o644)
		}
		if err != nil {
			res.failure = fmt.Sprintf("Cannot write the specs to compare: %v.", err)
			return res
		}
	}
	// Specs are single files: external $refs are refused rather than fetched.
	args := []string{"changelog", baseFile, revFile, "--format", "json", "--severity-levels", levels, "--allow-external-refs=false"}
	cmd := r.cfg.Oasdiff
	if cmd == "" {
		cmd, args = r.cfg.Go, append([]string{"run", OasdiffPkg}, args...)
	}
	out := r.run(ctx, r.cfg.Dir, cmd, args...)
	if out.err == nil {
		err = json.Unmarshal([]byte(out.stdout), &res.changes)
	}
	if out.err != nil || err != nil {
		res.failure = fmt.Sprintf("oasdiff failed (%s).", out.exit())
		if err != nil {
			res.failure = fmt.Sprintf("Cannot read the output of oasdiff: %v.", err)
		}
		res.output = strings.ReplaceAll(out.combined(), filepath.Dir(baseFile)+string(filepath.Separator), "BASE:")
		return res
	}
	slices.SortStableFunc(res.changes, func(a, b oasChange) int {
		return strings.Compare(a.Path+" "+methodOrder(a.Operation), b.Path+" "+methodOrder(b.Operation))
	})
	return res
}

// methodOrder sorts operations of a path in the usual order.
func methodOrder(m string) string {
	i := slices.Index([]string{"GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"}, m)
	return fmt.Sprintf("%d", i+1)
}

// steps renders the breaking-change and changelog steps.
func (s specResult) steps() (breaking, changelog Step) {
	breaking = Step{Title: "Breaking changes (oasdiff)", Breaking: true}
	changelog = Step{Title: "Changelog (oasdiff)"}
	rev := s.spec
	if s.revLabel != "" {
		rev = s.revLabel + ":" + s.spec
	}
	breaking.Command = fmt.Sprintf("oasdiff changelog %s:%s %s --format json", s.baseLabel, s.spec, rev)
	switch {
	case s.failure != "":
		breaking.Summary = s.failure
		changelog.Skipped, changelog.Summary = true, "No changelog: the specs could not be compared (see above)."
		breaking.Output = s.output
		breaking.Next = "fix the spec so that it loads (`make generate` reports the same problem), then run the gate again."
		breaking.Breaking = false // not a verdict on users: an API-Break trailer cannot accept it
		return breaking, changelog
	case s.missingBase:
		why := fmt.Sprintf("`%s` does not exist at the base: everything in it is new, nothing can break.", s.spec)
		breaking.Pass, changelog.Pass = true, true
		breaking.Summary, changelog.Summary = why, why
		return breaking, changelog
	}

	var errs, warns int
	var text strings.Builder
	var added []string
	for _, c := range s.changes {
		if c.Level < levelWarn {
			continue
		}
		if c.Level >= levelErr {
			errs++
		} else {
			warns++
		}
		if slices.Contains(addedEnumRules, c.ID) {
			added = append(added, enumValue(c.Text))
		}
		fmt.Fprintf(&text, "%s\t[%s] at %s\n\tin API %s\n\t\t%s\n", levelName(c.Level), c.ID, s.spec, c.where(), c.Text)
		if c.Comment != "" {
			fmt.Fprintf(&text, "\t\t%s\n", c.Comment)
		}
		text.WriteString("\n")
	}
	if errs+warns > 0 {
		breaking.Output = fmt.Sprintf("%d breaking changes: %d error, %d warning\n%s", errs+warns, errs, warns, text.String())
	}
	switch {
	case errs > 0:
		breaking.Summary = fmt.Sprintf("The change breaks existing clients: oasdiff reports %s (every `error` fails the gate).", count(errs, "error"))
		breaking.Next = "restore what the spec removed or narrowed; if the break is intended, say why in an `API-Break: <reason>` trailer of the commit (locally: `make drift ACCEPT_BREAKING=\"<reason>\"`)."
	case warns > 0:
		breaking.Pass = true
		breaking.Summary = "No change breaks existing clients; the warnings below are reported, not failed."
	default:
		breaking.Pass = true
		breaking.Summary = "No change breaks existing clients."
	}
	if len(added) > 0 {
		slices.Sort(added)
		breaking.Summary += fmt.Sprintf("\n\nNew response enum values (%s) do not fail the gate: Go code reads these enums as strings and keeps working, but may now meet a value it has no constant for. Run `make generate` (new constants in `gen/`) and `make api`, re-export the new constants from `wrapper/admin`, and add the values wherever the fake or the CLI lists them.", strings.Join(slices.Compact(added), ", "))
	}

	changelog.Pass = true
	changelog.Summary = "Every change of the spec, for the reader (informational: the verdict is the breaking step's)."
	changelog.Markdown = changelogMarkdown(s.changes)
	return breaking, changelog
}

var backquoted = regexp.MustCompile("`([^`]*)`")

// enumValue picks "`v` of `prop`" out of an enum-value-added message.
func enumValue(text string) string {
	m := backquoted.FindAllStringSubmatch(text, 2)
	switch len(m) {
	case 0:
		return text
	case 1:
		return "`" + m[0][1] + "`"
	}
	return fmt.Sprintf("`%s` of `%s`", m[0][1], path.Base(m[1][1]))
}

// changelogMarkdown renders changes as Markdown, one list per operation;
// breaking ones (error or warning) are marked with :warning:.
func changelogMarkdown(changes []oasChange) string {
	if len(changes) == 0 {
		return "No changes of the spec."
	}
	var b strings.Builder
	last := ""
	for _, c := range changes {
		if w := c.where(); w != last {
			fmt.Fprintf(&b, "\n#### %s\n", w)
			last = w
		}
		mark := ""
		if c.Level >= levelWarn {
			mark = ":warning: "
		}
		fmt.Fprintf(&b, "- %s%s\n", mark, c.Text)
	}
	return strings.TrimSpace(b.String())
}

// earlierSteps judges the breaking changes of base..boundary, which the
// range's `API-Break:` trailers accept: the spec, and the committed Go API
// listings (generated when a side has none).
func (r *runner) earlierSteps(ctx context.Context, base, boundary, tmp string) []Step {
	breaking, _ := r.diffSpec(ctx, base, boundary, filepath.Join(tmp, "spec")).steps()
	g := r.goAPI(ctx, base, boundary, filepath.Join(tmp, "goapi"))
	return []Step{breaking, g.step()}
}

var (
	pathLine  = regexp.MustCompile(`^  ['"]?(/[^'":]*)['"]?:\s*$`)
	opIDLine  = regexp.MustCompile(`^\s+operationId:\s*['"]?([A-Za-z0-9_.-]+)`)
	pathParam = regexp.MustCompile(`\{([^}]+)\}`)
)

// specOperations maps each operationId of a spec to its path template. It
// reads the YAML as text (paths are keys indented by two spaces under
// `paths:`), which is all the hints need.
func specOperations(spec string) map[string]string {
	ops := map[string]string{}
	current := ""
	for _, l := range strings.Split(spec, "\n") {
		if m := pathLine.FindStringSubmatch(l); m != nil {
			current = m[1]
		} else if m := opIDLine.FindStringSubmatch(l); m != nil && current != "" {
			ops[m[1]] = current
		}
	}
	return ops
}
