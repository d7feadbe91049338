package main

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode"
)

// generatedInterfaces are the interfaces of the generated client and server
// that grow a method with every new operation. Nobody outside this module is
// expected to implement them, so a method added to one is not a break.
var generatedInterfaces = []string{"ClientInterface", "ClientWithResponsesInterface", "StrictServerInterface", "ServerInterface"}

// entryKind says what a listing line declares.
type entryKind int

const (
	kindDecl        entryKind = iota // const, var, func or type
	kindField                        // a struct field (or embedded type)
	kindMethod                       // a method declared on a type
	kindIfaceMethod                  // a method of an interface's method set
	kindIfaceOther                   // "unexported methods" or a type-set term of an interface
)

// apiEntry is one parsed line of a Go API listing.
type apiEntry struct {
	Line   string
	Pkg    string // package directory, e.g. "gen/server"
	Key    string // identity of what the line declares: pkg|Name or pkg|Type|Member
	Parent string // for members, the key of their type
	Kind   entryKind
}

// Name is the qualified Go name, e.g. "server.GetUserRequestObject.UserID".
func (e apiEntry) Name() string {
	parts := strings.Split(e.Key, "|")
	parts[0] = path.Base(parts[0])
	return strings.Join(parts, ".")
}

// Member is the last element of the name: the field, method or identifier.
func (e apiEntry) Member() string {
	return e.Key[strings.LastIndex(e.Key, "|")+1:]
}

// withoutTag is the line without a trailing struct tag.
func (e apiEntry) withoutTag() string {
	l := e.Line
	if e.Kind != kindField || !strings.HasSuffix(l, "`") {
		return l
	}
	if i := strings.LastIndex(l[:len(l)-1], " `"); i >= 0 {
		return l[:i]
	}
	return l
}

// tag is the trailing struct tag of a field line, without backquotes.
func (e apiEntry) tag() string {
	if w := e.withoutTag(); w != e.Line {
		return strings.Trim(e.Line[len(w):], " `")
	}
	return ""
}

// jsonName is the name in the json tag of a field line, if any.
func (e apiEntry) jsonName() string {
	tag := e.tag()
	i := strings.Index(tag, `json:"`)
	if i < 0 {
		return ""
	}
	v := tag[i+len(`json:"`):]
	v, _, _ = strings.Cut(v, `"`)
	v, _, _ = strings.Cut(v, ",")
	return v
}

// decl is what the line says about its identifier: the type of a field,
// else the declaration without the package.
func (e apiEntry) decl() string {
	_, d, _ := strings.Cut(e.withoutTag(), ", ")
	if e.Kind == kindField {
		if _, t, ok := strings.Cut(d, ", "+e.Member()+" "); ok {
			return t
		}
	}
	return d
}

// aliasTarget is the type an alias line denotes, as the listing writes it
// ("gen.User" for "type User = gen.User").
func (e apiEntry) aliasTarget() (string, bool) {
	if e.Kind != kindDecl || !strings.HasPrefix(e.decl(), "type ") {
		return "", false
	}
	_, target, ok := strings.Cut(e.decl(), " = ")
	return target, ok
}

// parseAPILine parses one line of a listing (see apilist.go for the format).
func parseAPILine(line string) (apiEntry, error) {
	bad := func(why string) (apiEntry, error) {
		return apiEntry{}, fmt.Errorf("malformed Go API line (%s): %q", why, line)
	}
	rest, ok := strings.CutPrefix(line, "pkg ")
	if !ok {
		return bad(`no "pkg " prefix`)
	}
	pkg, decl, ok := strings.Cut(rest, ", ")
	if !ok {
		return bad("no declaration")
	}
	e := apiEntry{Line: line, Pkg: pkg}
	kw, after, _ := strings.Cut(decl, " ")
	switch kw {
	case "const", "var", "func":
		name := leadingIdent(after)
		if name == "" {
			return bad("no name")
		}
		e.Key = pkg + "|" + name
	case "method":
		end := strings.Index(after, ") ")
		if !strings.HasPrefix(after, "(") || end < 0 {
			return bad("no receiver")
		}
		recv := strings.TrimPrefix(after[1:end], "*")
		recv, _, _ = strings.Cut(recv, "[")
		name := leadingIdent(after[end+2:])
		if recv == "" || name == "" {
			return bad("no method name")
		}
		e.Parent = pkg + "|" + recv
		e.Key = e.Parent + "|" + name
		e.Kind = kindMethod
	case "type":
		name := leadingIdent(after)
		if name == "" {
			return bad("no type name")
		}
		e.Key = pkg + "|" + name
		tail := skipBrackets(after[len(name):])
		if m, ok := strings.CutPrefix(tail, " struct, "); ok {
			member := leadingIdent(m)
			if emb, ok := strings.CutPrefix(m, "embedded "); ok {
				member = embeddedName(emb)
			}
			if member == "" {
				return bad("no field name")
			}
			e.Parent, e.Key, e.Kind = e.Key, e.Key+"|"+member, kindField
		} else if m, ok := strings.CutPrefix(tail, " interface, "); ok {
			e.Parent, e.Kind = e.Key, kindIfaceOther
			member := m
			if id := leadingIdent(m); id != "" && strings.HasPrefix(m[len(id):], "(") {
				member, e.Kind = id, kindIfaceMethod
			}
			e.Key += "|" + member
		}
	default:
		return bad("unknown keyword " + kw)
	}
	return e, nil
}

// parseListing parses a listing file's text, skipping comments and blank
// lines.
func parseListing(text string) ([]string, error) {
	var lines []string
	for _, l := range strings.Split(text, "\n") {
		l = strings.TrimRight(l, "\r")
		if l == "" || strings.HasPrefix(l, "#") {
			continue
		}
		if _, err := parseAPILine(l); err != nil {
			return nil, err
		}
		lines = append(lines, l)
	}
	slices.Sort(lines)
	return slices.Compact(lines), nil
}

func leadingIdent(s string) string {
	for i, r := range s {
		if !(r == '_' || unicode.IsLetter(r) || (i > 0 && unicode.IsDigit(r))) {
			return s[:i]
		}
	}
	return s
}

// skipBrackets drops a leading balanced [...] (type parameters).
func skipBrackets(s string) string {
	if !strings.HasPrefix(s, "[") {
		return s
	}
	depth := 0
	for i, r := range s {
		switch r {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return s[i+1:]
			}
		}
	}
	return ""
}

// embeddedName is the field name of an embedded type: *gen.Foo[int] -> Foo.
func embeddedName(t string) string {
	t = strings.TrimPrefix(t, "*")
	t, _, _ = strings.Cut(t, "[")
	if i := strings.LastIndex(t, "."); i >= 0 {
		t = t[i+1:]
	}
	return leadingIdent(t)
}

// apiChange is an identifier whose line differs between base and revision.
type apiChange struct{ Old, New apiEntry }

// apiDiff is the difference of two listings, classified for the gate.
type apiDiff struct {
	Removed []apiEntry  // breaks code that uses them
	Changed []apiChange // breaks code that uses them
	// IfaceGrown are methods added to an existing interface that code
	// outside the package may implement: those implementations break.
	IfaceGrown []apiEntry
	Added      []apiEntry  // nothing breaks
	TagOnly    []apiChange // only the struct tag changed: compiles as before
	// Aliases maps a type name ("gen.User") to the alias names that denote
	// it in the revision ("admin.User"), for the types the diff touches.
	Aliases map[string][]string
}

// Breaking reports whether code that compiles against the base may not
// compile against the revision.
func (d *apiDiff) Breaking() bool {
	return len(d.Removed)+len(d.Changed)+len(d.IfaceGrown) > 0
}

// Empty reports whether the listings are equal.
func (d *apiDiff) Empty() bool {
	return !d.Breaking() && len(d.Added)+len(d.TagOnly) == 0
}

// diffAPI compares two listings (sorted lines, as listAPI or parseListing
// return them).
func diffAPI(base, rev []string) (*apiDiff, error) {
	b, err := parseLines(base)
	if err != nil {
		return nil, fmt.Errorf("base listing: %v", err)
	}
	r, err := parseLines(rev)
	if err != nil {
		return nil, fmt.Errorf("revision listing: %v", err)
	}
	d := &apiDiff{Aliases: map[string][]string{}}
	for _, key := range slices.Sorted(maps.Keys(b)) {
		old := b[key]
		switch nu, ok := r[key]; {
		case !ok:
			d.Removed = append(d.Removed, old)
		case nu.Line == old.Line:
		case old.Kind == kindField && nu.withoutTag() == old.withoutTag():
			d.TagOnly = append(d.TagOnly, apiChange{old, nu})
		default:
			d.Changed = append(d.Changed, apiChange{old, nu})
		}
	}
	for _, key := range slices.Sorted(maps.Keys(r)) {
		nu := r[key]
		if _, ok := b[key]; ok {
			continue
		}
		_, ifaceExisted := b[nu.Parent]
		if (nu.Kind == kindIfaceMethod || nu.Kind == kindIfaceOther) && ifaceExisted && !d.expectedGrowth(nu, r) {
			d.IfaceGrown = append(d.IfaceGrown, nu)
			continue
		}
		d.Added = append(d.Added, nu)
	}

	byLine := func(a, b apiEntry) int { return strings.Compare(a.Line, b.Line) }
	slices.SortFunc(d.Removed, byLine)
	slices.SortFunc(d.Added, byLine)
	slices.SortFunc(d.IfaceGrown, byLine)

	// Aliases of the touched types, so that a change of gen.User reads as
	// a change of admin.User too.
	touched := map[string]bool{}
	touch := func(e apiEntry) {
		if e.Parent != "" {
			touched[typeName(e.Parent)] = true
		} else {
			touched[e.Name()] = true
		}
	}
	for _, e := range d.Removed {
		touch(e)
	}
	for _, c := range d.Changed {
		touch(c.Old)
	}
	for _, c := range d.TagOnly {
		touch(c.Old)
	}
	for _, e := range d.IfaceGrown {
		touch(e)
	}
	for _, e := range r {
		if target, ok := e.aliasTarget(); ok && touched[target] {
			d.Aliases[target] = append(d.Aliases[target], e.Name())
		}
	}
	for _, names := range d.Aliases {
		slices.Sort(names)
	}
	return d, nil
}

// expectedGrowth reports whether a member added to an existing interface
// breaks nobody: the interface is one of the generated ones, or it has
// unexported methods, so that no type outside its package implements it.
func (d *apiDiff) expectedGrowth(e apiEntry, rev map[string]apiEntry) bool {
	if slices.Contains(generatedInterfaces, unqualified(typeName(e.Parent))) {
		return true
	}
	if e.Kind == kindIfaceOther && e.Member() == "unexported methods" {
		return false // newly sealed: outside implementations break
	}
	_, sealed := rev[e.Parent+"|unexported methods"]
	return sealed
}

// typeName turns a key "gen/server|Foo" into "server.Foo".
func typeName(key string) string {
	return apiEntry{Key: key}.Name()
}

// maxAdded bounds the added identifiers shown in the note; the diff of the
// listing file has the rest.
const maxAdded = 40

// Markdown renders the diff for the note.
func (d *apiDiff) Markdown(apiFile string) string {
	var b strings.Builder
	section := func(title string, lines []string) {
		if len(lines) == 0 {
			return
		}
		fmt.Fprintf(&b, "\n**%s**\n\n%s", title, fenced("diff", strings.Join(lines, "\n")))
	}
	var removed, changed, grown, added, tags []string
	for _, e := range collapse(d.Removed) {
		removed = append(removed, "- "+e)
	}
	for _, c := range d.Changed {
		changed = append(changed, "- "+c.Old.Line, "+ "+c.New.Line)
	}
	for _, e := range d.IfaceGrown {
		grown = append(grown, "+ "+e.Line)
	}
	for _, e := range collapse(d.Added) {
		added = append(added, "+ "+e)
	}
	if len(added) > maxAdded {
		added = append(added[:maxAdded], fmt.Sprintf("# ... and %d more: see the diff of %s", len(added)-maxAdded, apiFile))
	}
	for _, c := range d.TagOnly {
		tags = append(tags, "- "+c.Old.Line, "+ "+c.New.Line)
	}
	section(fmt.Sprintf("Removed (%d): code that uses them no longer compiles", len(d.Removed)), removed)
	section(fmt.Sprintf("Changed (%d): code that uses them may no longer compile", len(d.Changed)), changed)
	section(fmt.Sprintf("Methods added to interfaces (%d): types outside the package that implement them no longer do", len(d.IfaceGrown)), grown)
	section(fmt.Sprintf("Struct tags changed (%d): Go code compiles as before; the wire format is the spec steps' to judge", len(d.TagOnly)), tags)
	section(fmt.Sprintf("Added (%d): nothing breaks", len(d.Added)), added)
	if len(d.Aliases) > 0 {
		var aliases []string
		for _, target := range slices.Sorted(maps.Keys(d.Aliases)) {
			aliases = append(aliases, fmt.Sprintf("`%s` = `%s`", strings.Join(d.Aliases[target], "`, `"), target))
		}
		fmt.Fprintf(&b, "\nUsers know the touched types by their aliases too: %s.\n", strings.Join(aliases, "; "))
	}
	return strings.TrimSpace(b.String())
}

// collapse lists entries, folding the members of a type that is itself in
// the list into a count on the type's line.
func collapse(entries []apiEntry) []string {
	inList := map[string]bool{}
	for _, e := range entries {
		inList[e.Key] = true
	}
	members := map[string]int{}
	for _, e := range entries {
		if e.Parent != "" && inList[e.Parent] {
			members[e.Parent]++
		}
	}
	var out []string
	for _, e := range entries {
		switch {
		case e.Parent != "" && inList[e.Parent]:
		case members[e.Key] > 0:
			out = append(out, fmt.Sprintf("%s  (+%d members)", e.Line, members[e.Key]))
		default:
			out = append(out, e.Line)
		}
	}
	return out
}

// goAPIResult is the Go API comparison of a base commit with a revision.
type goAPIResult struct {
	apiFile    string
	baseLabel  string
	baseSource string   // where the base listing comes from
	baseErr    string   // the base listing could not be had
	revLabel   string   // "" for the working tree
	revLines   []string // the revision's listing
	revErr     string   // the revision's listing could not be made at all
	// broken are the listed packages of the working tree that do not build
	// (left out of the comparison; the build step shows why).
	broken map[string]bool
	// revCommitted is the listing file in the working tree; revCommittedErr
	// says why it cannot be used (empty when it is fine or absent with
	// nothing to list).
	revCommitted    []string
	revCommittedErr string
	diff            *apiDiff
	rev             map[string]apiEntry // the revision's listing by key
	base            map[string]apiEntry // the base's listing by key
}

// goAPI compares the Go API listing at commit base with the working tree's
// (rev empty: generated from the code, which should be built already) or
// the one at commit rev.
func (r *runner) goAPI(ctx context.Context, base, rev, tmp string) goAPIResult {
	g := goAPIResult{apiFile: r.cfg.APIFile, baseLabel: "BASE", revLabel: short(rev), broken: map[string]bool{}}
	if rev != "" {
		g.baseLabel = short(base)
	}
	var err error
	if rev == "" {
		var broken map[string]string
		g.revLines, broken, err = r.listAPI(ctx, r.cfg.Dir, r.cfg.APIPkgs)
		if err != nil {
			g.revErr = err.Error()
		}
		for p := range broken {
			g.broken[p] = true
		}
		b, err := os.ReadFile(filepath.Join(r.cfg.Dir, filepath.FromSlash(r.cfg.APIFile)))
		switch {
		case errors.Is(err, fs.ErrNotExist):
			if len(g.revLines) > 0 {
				g.revCommittedErr = "it does not exist"
			}
		case err != nil:
			g.revCommittedErr = err.Error()
		default:
			if g.revCommitted, err = parseListing(string(b)); err != nil {
				g.revCommittedErr = err.Error()
			}
		}
	} else {
		var source string
		g.revLines, source, err = r.listingAt(ctx, rev, filepath.Join(tmp, "rev"))
		if err != nil {
			g.revErr = fmt.Sprintf("%s (%s)", err, source)
		}
	}
	baseLines, source, err := r.listingAt(ctx, base, filepath.Join(tmp, "base"))
	g.baseSource = source
	if err != nil {
		g.baseErr = err.Error()
		return g
	}
	if g.revErr != "" {
		return g
	}
	var kept []string
	for _, l := range baseLines {
		if e, err := parseAPILine(l); err == nil && !g.broken[e.Pkg] {
			kept = append(kept, l)
		}
	}
	if g.diff, err = diffAPI(kept, g.revLines); err != nil {
		g.baseErr = err.Error()
		return g
	}
	g.rev, g.base = indexListing(g.revLines), indexListing(baseLines)
	return g
}

// listingAt returns the Go API listing at commit: the committed listing
// file, or, when the commit has none, the listing generated from its code
// in a temporary worktree. source says which, for the note.
func (r *runner) listingAt(ctx context.Context, commit, tmp string) (lines []string, source string, err error) {
	text, ok, err := r.show(ctx, commit, r.cfg.APIFile)
	if err != nil {
		return nil, "", err
	}
	if ok {
		lines, err = parseListing(text)
		return lines, fmt.Sprintf("`%s` as committed at `%s`", r.cfg.APIFile, short(commit)), err
	}
	var present []string
	for _, p := range r.cfg.APIPkgs {
		p = path.Clean(filepath.ToSlash(p))
		out, err := r.git(ctx, "ls-tree", "--name-only", commit, p+"/")
		if err != nil {
			return nil, "", err
		}
		for _, name := range strings.Split(out, "\n") {
			if isGoSource(path.Base(name)) {
				present = append(present, p)
				break
			}
		}
	}
	if len(present) == 0 {
		return nil, fmt.Sprintf("no listed Go package exists at `%s`", short(commit)), nil
	}
	source = fmt.Sprintf("generated from the code at `%s`, which has no `%s`", short(commit), r.cfg.APIFile)
	err = r.withWorktree(ctx, commit, tmp, func(dir string) error {
		var broken map[string]string
		lines, broken, err = r.listAPI(ctx, dir, present)
		if err == nil && len(broken) > 0 {
			var msgs []string
			for _, p := range slices.Sorted(maps.Keys(broken)) {
				msgs = append(msgs, broken[p])
			}
			err = fmt.Errorf("the code at %s does not build: %s", short(commit), strings.Join(msgs, "\n"))
		}
		if err != nil {
			return errors.New(strings.ReplaceAll(err.Error(), dir+string(filepath.Separator), ""))
		}
		return nil
	})
	return lines, source, err
}

// step renders the comparison.
func (g goAPIResult) step() Step {
	s := Step{Title: fmt.Sprintf("Go API (%s)", g.apiFile), Breaking: true}
	rev := "the listing of the working tree's code"
	if g.revLabel != "" {
		rev = g.revLabel + ":" + g.apiFile
	}
	s.Command = fmt.Sprintf("diff %s:%s %s", g.baseLabel, g.apiFile, rev)
	switch {
	case g.baseErr != "":
		s.Breaking = false // the gate cannot judge: not for a trailer to accept
		s.Summary = fmt.Sprintf("Cannot list the Go API of the base (%s).", g.baseSource)
		s.Output = g.baseErr
		s.Next = "make the base's listing readable (commit `" + g.apiFile + "` with `make api` at the base, or pick a base that builds)."
		return s
	case g.revErr != "" && g.revLabel == "":
		s.Skipped = true
		s.Summary = "Not compared: the listed packages cannot be loaded (see Build)."
		return s
	case g.revErr != "":
		s.Breaking = false
		s.Summary = "Cannot list the Go API of the revision."
		s.Output = g.revErr
		return s
	}
	d := g.diff
	s.Summary = fmt.Sprintf("Base listing: %s.", g.baseSource)
	if len(g.broken) > 0 {
		s.Summary += fmt.Sprintf(" Left out of the comparison because they do not build (see Build): `%s`.", strings.Join(slices.Sorted(maps.Keys(g.broken)), "`, `"))
	}
	switch {
	case d.Breaking():
		var what []string
		for _, c := range []struct {
			n    int
			what string
		}{
			{len(d.Removed), "removed"},
			{len(d.Changed), "changed"},
			{len(d.IfaceGrown), "added to interfaces that code outside may implement"},
		} {
			if c.n > 0 {
				what = append(what, fmt.Sprintf("%s %s", count(c.n, "identifier"), c.what))
			}
		}
		s.Summary += fmt.Sprintf(" %s: code that compiles against the base may not compile against the revision.", strings.Join(what, ", "))
		s.Next = "restore the identifiers, or, when the break is intended, say why in an `API-Break: <reason>` trailer. Added methods of the generated client and server interfaces (" + strings.Join(generatedInterfaces, ", ") + ") are expected; any other interface that grows breaks its implementations."
	case d.Empty():
		s.Pass = true
		s.Summary += " The Go API did not change."
	default:
		s.Pass = true
		s.Summary += fmt.Sprintf(" No identifier removed or changed; %s added.", count(len(d.Added), "identifier"))
	}
	s.Markdown = d.Markdown(g.apiFile)
	return s
}

// parseLines maps the keys of a listing's lines to their entries.
func parseLines(lines []string) (map[string]apiEntry, error) {
	m := make(map[string]apiEntry, len(lines))
	for _, l := range lines {
		e, err := parseAPILine(l)
		if err != nil {
			return nil, err
		}
		m[e.Key] = e
	}
	return m, nil
}

// indexListing is parseLines for listings already checked (by diffAPI).
func indexListing(lines []string) map[string]apiEntry {
	m, _ := parseLines(lines)
	return m
}

// count is "1 identifier" or "2 identifiers".
func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}
