package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// The Go API listing: one line per exported identifier of the packages users
// import, in the spirit of the Go project's api/go1.*.txt. Each line is
//
//	pkg <dir>, <declaration>
//
// where <dir> is the package directory relative to the module root, and
// <declaration> is one of
//
//	const Name Type = value        (or `const Name = value` when untyped)
//	var Name Type
//	func Name(ParamType, ...) ResultType
//	method (Recv) Name(ParamType, ...) ResultType
//	type Name = Target             (an alias)
//	type Name Underlying           (any other defined type but a struct or interface)
//	type Name struct               (then one line per exported or embedded field:)
//	type Name struct, Field Type `tag`
//	type Name struct, embedded Type
//	type Name interface            (then one line per method of its method set:)
//	type Name interface, Method(ParamType, ...) ResultType
//	type Name interface, unexported methods
//
// Types from other packages are qualified by package name (gen.User,
// http.Client); parameter names are left out, since renaming a parameter
// does not change the API. The lines are sorted, so that the listing is a
// pure function of the code: no positions, no machine paths.

// apiHeader opens the listing file; lines starting with # are comments.
const apiHeader = `# The Go API of the packages users import: every exported identifier with its type.
# Generated from the code by 'make api'; do not edit. 'make drift' diffs it against the base.
`

// buildFlags are the flags of every go command that builds code in dir.
// Temporary directories (worktrees of the base) get -trimpath, and so does
// the working tree with Config.TrimPath: it keeps the build cache's keys
// free of the directory, so that the same code elsewhere (the next run's
// worktree, a CI clone, a test's scratch repository) reuses the builds.
// Compile errors name files relative to the module root either way. The
// working tree builds without it by default, to share the cache with the
// developer's own go build, vet and test.
func (r *runner) buildFlags(dir string) []string {
	if r.cfg.TrimPath || dir != r.cfg.Dir {
		return []string{"-trimpath"}
	}
	return nil
}

// listAPI returns the sorted listing of the packages pkgs (directories
// relative to dir, the module root). Directories without Go files are
// skipped, so that a revision without the packages has an empty listing.
// The packages that do not build are left out and returned in broken, with
// the go command's message. An error means that nothing could be loaded.
func (r *runner) listAPI(ctx context.Context, dir string, pkgs []string) (lines []string, broken map[string]string, err error) {
	dir, err = filepath.Abs(dir)
	if err != nil {
		return nil, nil, err
	}
	var patterns, rels []string
	for _, p := range pkgs {
		p = path.Clean(filepath.ToSlash(p))
		if hasGoFiles(filepath.Join(dir, filepath.FromSlash(p))) {
			patterns = append(patterns, "./"+p)
			rels = append(rels, p)
		}
	}
	if len(patterns) == 0 {
		return nil, nil, nil
	}
	args := append([]string{"list", "-e", "-export", "-deps", "-json=ImportPath,Dir,Export,Error,DepsErrors,Module"}, r.buildFlags(dir)...)
	args = append(args, "--")
	args = append(args, patterns...)
	res := r.run(ctx, dir, r.cfg.Go, args...)
	if res.err != nil && strings.TrimSpace(res.stdout) == "" {
		return nil, nil, errors.New(strings.TrimSpace(res.combined()))
	}

	type listed struct {
		ImportPath string
		Dir        string
		Export     string
		Error      *struct{ Err string }
		DepsErrors []struct{ Err string }
		Module     *struct {
			Path string
			Main bool
		}
	}
	exports := map[string]string{}
	roots := map[string]string{} // rel dir -> import path
	broken = map[string]string{}
	dec := json.NewDecoder(strings.NewReader(res.stdout))
	for {
		var p listed
		if err := dec.Decode(&p); err == io.EOF {
			break
		} else if err != nil {
			return nil, nil, fmt.Errorf("reading go list output: %v", err)
		}
		exports[p.ImportPath] = p.Export
		if p.Module == nil || !p.Module.Main {
			continue
		}
		rel, err := filepath.Rel(dir, p.Dir)
		if err != nil || !slices.Contains(rels, filepath.ToSlash(rel)) {
			continue
		}
		rel = filepath.ToSlash(rel)
		var problems []string
		if p.Error != nil {
			problems = append(problems, p.Error.Err)
		}
		for _, e := range p.DepsErrors {
			problems = append(problems, e.Err)
		}
		if len(problems) == 0 && p.Export == "" {
			problems = append(problems, "no export data")
		}
		if len(problems) > 0 {
			broken[rel] = strings.Join(problems, "\n")
			continue
		}
		roots[rel] = p.ImportPath
	}

	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "gc", func(importPath string) (io.ReadCloser, error) {
		file := exports[importPath]
		if file == "" {
			return nil, fmt.Errorf("no export data for %s", importPath)
		}
		return os.Open(file)
	})
	for _, rel := range rels {
		if broken[rel] != "" {
			continue
		}
		importPath, ok := roots[rel]
		if !ok {
			return nil, nil, fmt.Errorf("go list did not report ./%s", rel)
		}
		pkg, err := imp.Import(importPath)
		if err != nil {
			return nil, nil, fmt.Errorf("loading %s: %v", rel, err)
		}
		lines = append(lines, packageAPI(rel, pkg)...)
	}
	slices.Sort(lines)
	return slices.Compact(lines), broken, nil
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

// packageAPI lists the exported identifiers of pkg, each line prefixed with
// "pkg <rel>, ".
func packageAPI(rel string, pkg *types.Package) []string {
	w := &apiWriter{pkg: pkg}
	var lines []string
	emit := func(format string, args ...any) {
		lines = append(lines, "pkg "+rel+", "+fmt.Sprintf(format, args...))
	}
	scope := pkg.Scope()
	for _, name := range scope.Names() {
		obj := scope.Lookup(name)
		if !obj.Exported() {
			continue
		}
		switch obj := obj.(type) {
		case *types.Const:
			val := obj.Val().ExactString()
			if b, ok := obj.Type().(*types.Basic); ok && b.Info()&types.IsUntyped != 0 {
				emit("const %s = %s", name, val)
			} else {
				emit("const %s %s = %s", name, w.typ(obj.Type()), val)
			}
		case *types.Var:
			emit("var %s %s", name, w.typ(obj.Type()))
		case *types.Func:
			sig := obj.Type().(*types.Signature)
			emit("func %s%s%s", name, w.typeParams(sig.TypeParams()), w.signature(sig))
		case *types.TypeName:
			lines = append(lines, w.typeName(rel, obj)...)
		}
	}
	return lines
}

// typeName lists a type: its declaration, its fields or interface methods,
// and its declared methods.
func (w *apiWriter) typeName(rel string, obj *types.TypeName) []string {
	var lines []string
	emit := func(format string, args ...any) {
		lines = append(lines, "pkg "+rel+", "+fmt.Sprintf(format, args...))
	}
	if alias, ok := obj.Type().(*types.Alias); ok {
		emit("type %s%s = %s", obj.Name(), w.typeParams(alias.TypeParams()), w.typ(alias.Rhs()))
		return lines
	}
	named, ok := obj.Type().(*types.Named)
	if !ok { // an alias without types.Alias nodes (GODEBUG=gotypesalias=0)
		emit("type %s = %s", obj.Name(), w.typ(obj.Type()))
		return lines
	}
	head := "type " + obj.Name() + w.typeParams(named.TypeParams())
	switch u := named.Underlying().(type) {
	case *types.Struct:
		emit("%s struct", head)
		for i := range u.NumFields() {
			f := u.Field(i)
			switch {
			case f.Embedded():
				emit("%s struct, embedded %s", head, w.typ(f.Type()))
			case f.Exported():
				emit("%s struct, %s %s%s", head, f.Name(), w.typ(f.Type()), tagSuffix(u.Tag(i)))
			}
		}
	case *types.Interface:
		emit("%s interface", head)
		unexported := false
		for i := range u.NumMethods() {
			m := u.Method(i)
			if !m.Exported() {
				unexported = true
				continue
			}
			emit("%s interface, %s%s", head, m.Name(), w.signature(m.Type().(*types.Signature)))
		}
		for i := range u.NumEmbeddeds() {
			if e := u.EmbeddedType(i); !types.IsInterface(e) { // a type-set term
				emit("%s interface, %s", head, w.typ(e))
			}
		}
		if unexported {
			emit("%s interface, unexported methods", head)
		}
	default:
		emit("%s %s", head, w.typ(u))
	}
	recvName := obj.Name()
	if tps := named.TypeParams(); tps.Len() > 0 {
		var names []string
		for i := range tps.Len() {
			names = append(names, tps.At(i).Obj().Name())
		}
		recvName += "[" + strings.Join(names, ", ") + "]"
	}
	for i := range named.NumMethods() {
		m := named.Method(i)
		if !m.Exported() {
			continue
		}
		sig := m.Type().(*types.Signature)
		recv := recvName
		if _, ptr := sig.Recv().Type().(*types.Pointer); ptr {
			recv = "*" + recv
		}
		emit("method (%s) %s%s", recv, m.Name(), w.signature(sig))
	}
	return lines
}

// tagSuffix renders a struct tag after a field's type.
func tagSuffix(tag string) string {
	switch {
	case tag == "":
		return ""
	case strings.Contains(tag, "`"):
		return " " + strconv.Quote(tag)
	default:
		return " `" + tag + "`"
	}
}

// apiWriter renders types the way the listing shows them: like go/types'
// TypeString, but without parameter names, and with types of other packages
// qualified by package name.
type apiWriter struct {
	pkg *types.Package
}

func (w *apiWriter) typ(t types.Type) string {
	var b bytes.Buffer
	w.write(&b, t)
	return b.String()
}

func (w *apiWriter) qualified(obj types.Object) string {
	if obj.Pkg() == nil || obj.Pkg() == w.pkg {
		return obj.Name()
	}
	return obj.Pkg().Name() + "." + obj.Name()
}

func (w *apiWriter) typeArgs(b *bytes.Buffer, args *types.TypeList) {
	if args.Len() == 0 {
		return
	}
	b.WriteByte('[')
	for i := range args.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		w.write(b, args.At(i))
	}
	b.WriteByte(']')
}

func (w *apiWriter) write(b *bytes.Buffer, t types.Type) {
	switch t := t.(type) {
	case *types.Named:
		b.WriteString(w.qualified(t.Obj()))
		w.typeArgs(b, t.TypeArgs())
	case *types.Alias:
		b.WriteString(w.qualified(t.Obj()))
		w.typeArgs(b, t.TypeArgs())
	case *types.TypeParam:
		b.WriteString(t.Obj().Name())
	case *types.Pointer:
		b.WriteByte('*')
		w.write(b, t.Elem())
	case *types.Slice:
		b.WriteString("[]")
		w.write(b, t.Elem())
	case *types.Array:
		fmt.Fprintf(b, "[%d]", t.Len())
		w.write(b, t.Elem())
	case *types.Map:
		b.WriteString("map[")
		w.write(b, t.Key())
		b.WriteByte(']')
		w.write(b, t.Elem())
	case *types.Chan:
		switch t.Dir() {
		case types.SendOnly:
			b.WriteString("chan<- ")
		case types.RecvOnly:
			b.WriteString("<-chan ")
		default:
			b.WriteString("chan ")
			if c, ok := t.Elem().(*types.Chan); ok && c.Dir() == types.RecvOnly {
				b.WriteByte('(')
				w.write(b, t.Elem())
				b.WriteByte(')')
				return
			}
		}
		w.write(b, t.Elem())
	case *types.Signature:
		b.WriteString("func")
		b.WriteString(w.signature(t))
	case *types.Struct:
		b.WriteString("struct{")
		for i := range t.NumFields() {
			if i > 0 {
				b.WriteString("; ")
			}
			f := t.Field(i)
			if !f.Embedded() {
				b.WriteString(f.Name() + " ")
			}
			w.write(b, f.Type())
			b.WriteString(tagSuffix(t.Tag(i)))
		}
		b.WriteByte('}')
	case *types.Interface:
		if t.IsImplicit() && t.NumEmbeddeds() == 1 { // a constraint written as ~int | ~string
			w.write(b, t.EmbeddedType(0))
			return
		}
		if t.NumMethods() == 0 && t.NumEmbeddeds() == 0 {
			b.WriteString("interface{}")
			return
		}
		b.WriteString("interface{")
		sep := ""
		for i := range t.NumExplicitMethods() {
			m := t.ExplicitMethod(i)
			b.WriteString(sep + m.Name() + w.signature(m.Type().(*types.Signature)))
			sep = "; "
		}
		for i := range t.NumEmbeddeds() {
			b.WriteString(sep)
			w.write(b, t.EmbeddedType(i))
			sep = "; "
		}
		b.WriteByte('}')
	case *types.Union:
		for i := range t.Len() {
			if i > 0 {
				b.WriteString(" | ")
			}
			term := t.Term(i)
			if term.Tilde() {
				b.WriteByte('~')
			}
			w.write(b, term.Type())
		}
	case *types.Tuple:
		b.WriteByte('(')
		for i := range t.Len() {
			if i > 0 {
				b.WriteString(", ")
			}
			w.write(b, t.At(i).Type())
		}
		b.WriteByte(')')
	default: // *types.Basic and anything new
		b.WriteString(types.TypeString(t, func(p *types.Package) string {
			if p == w.pkg {
				return ""
			}
			return p.Name()
		}))
	}
}

// typeParams renders a type parameter list, e.g. "[T any, K comparable]".
func (w *apiWriter) typeParams(tps *types.TypeParamList) string {
	if tps.Len() == 0 {
		return ""
	}
	var b bytes.Buffer
	b.WriteByte('[')
	for i := range tps.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		tp := tps.At(i)
		b.WriteString(tp.Obj().Name() + " ")
		w.write(&b, tp.Constraint())
	}
	b.WriteByte(']')
	return b.String()
}

// signature renders "(ParamType, ...) Result" without parameter names.
func (w *apiWriter) signature(sig *types.Signature) string {
	var b bytes.Buffer
	b.WriteByte('(')
	params := sig.Params()
	for i := range params.Len() {
		if i > 0 {
			b.WriteString(", ")
		}
		t := params.At(i).Type()
		if sig.Variadic() && i == params.Len()-1 {
			b.WriteString("...")
			if s, ok := t.(*types.Slice); ok {
				t = s.Elem()
			}
		}
		w.write(&b, t)
	}
	b.WriteByte(')')
	switch res := sig.Results(); res.Len() {
	case 0:
	case 1:
		b.WriteByte(' ')
		w.write(&b, res.At(0).Type())
	default:
		b.WriteByte(' ')
		w.write(&b, res)
	}
	return b.String()
}
