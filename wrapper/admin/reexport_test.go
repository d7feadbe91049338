package admin_test

import (
	"go/ast"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
	"testing"
)

// notReexported are generated names that users never need: the error
// envelope, its details included, is decoded into *admin.Error (whose Code
// is the re-exported ErrorCode).
var notReexported = map[string]bool{
	"Error": true, "ErrorDetail": true, "ErrorDetails": true, "ErrorEnvelopeType": true, "ErrorEnvelopeTypeError": true,
}

// TestModelsReexported fails when the spec gains a schema or an enum value
// that package admin does not re-export, so a spec change cannot leave
// users reaching into package gen.
func TestModelsReexported(t *testing.T) {
	genTypes, genConsts := declared(t, "../../gen/gen.go")
	adminTypes, adminConsts := map[string]bool{}, map[string]bool{}
	files, _ := filepath.Glob("*.go")
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		ty, co := declared(t, f)
		for n := range ty {
			adminTypes[n] = true
		}
		for n := range co {
			adminConsts[n] = true
		}
	}
	for name, isModel := range genTypes {
		if isModel && !notReexported[name] && !adminTypes[name] {
			t.Errorf("model gen.%s is not re-exported by package admin", name)
		}
	}
	for name := range genConsts {
		if !notReexported[name] && !adminConsts[name] {
			t.Errorf("enum constant gen.%s is not re-exported by package admin", name)
		}
	}
}

// declared returns the exported types and constants of a Go file. For
// gen.go a type counts as a model when it is a component schema: not a
// parameter alias, params struct, request body, response or client type.
func declared(t *testing.T, path string) (types map[string]bool, consts map[string]bool) {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), path, nil, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	types, consts = map[string]bool{}, map[string]bool{}
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, spec := range g.Specs {
			switch s := spec.(type) {
			case *ast.TypeSpec:
				if s.Name.IsExported() {
					types[s.Name.Name] = isModel(s)
				}
			case *ast.ValueSpec:
				if g.Tok == token.CONST {
					for _, n := range s.Names {
						if n.IsExported() {
							consts[n.Name] = true
						}
					}
				}
			}
		}
	}
	return types, consts
}

func isModel(s *ast.TypeSpec) bool {
	name := s.Name.Name
	for _, suffix := range []string{"Params", "RequestBody", "Response", "Doer", "Client", "ClientInterface", "ClientWithResponsesInterface", "Fn", "Option", "Headers", "WithResponses"} {
		if strings.HasSuffix(name, suffix) {
			return false
		}
	}
	if strings.HasSuffix(name, "0") { // oneOf member aliases such as AllowedInferenceGeos0
		return false
	}
	// Parameter and response components are generated as aliases of
	// builtin or model types (type Limit = int, type NotFound = Error).
	return s.Assign == 0
}
