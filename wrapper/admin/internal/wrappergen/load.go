package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"go/parser"
	"go/printer"
	"go/token"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
)

// model is what the generator knows: the spec and the declarations of
// package gen.
type model struct {
	spec *openapi3.T

	fset    *token.FileSet
	types   map[string]*ast.TypeSpec // gen's type declarations by name
	docs    map[string]string        // their doc comments
	consts  map[string][]enumValue   // enum constants by type name, in declaration order
	methods map[string]*ast.FuncType // ClientInterface methods by name
	byNorm  map[string]string        // normalised name → gen type name

	enumOrder map[string][]string // enum values in spec order, by Go type name
	enumDocs  map[string][]string // x-enum-descriptions, parallel to enumOrder

	ops      []*operation
	services []*service
}

// enumValue is one generated enum constant.
type enumValue struct{ name, value string }

// operation is one operation of the spec with its Go names.
type operation struct {
	id, method, path     string // operationId, HTTP method, path
	summary, description string
	service, goMethod    string // x-admin-service, x-admin-method
	create               bool
	beta                 string   // x-admin-beta: the anthropic-beta header value it needs, or ""
	credentials          []string // the credentials it accepts: admin-key, oauth, compliance-key
	scopes               []string // x-admin-scopes: the scopes the credential needs
	genMethod            string   // the gen.ClientInterface method
	pathParams           []param
	params               *paramsType // query parameters, or nil
	body                 string      // request body model, or ""
	bodySchema           *openapi3.Schema
	result               string     // the 200 response model, or "Download"
	download             bool       // the 200 response is a file's bytes, not JSON
	list                 *listShape // paging, when goMethod is List
}

// param is a path parameter of an operation.
type param struct{ goName, label string }

// paramsType is a query parameter struct.
type paramsType struct {
	name   string // the same in gen and admin, such as ListUsersParams
	fields []paramField
}

// paramField is one query parameter.
type paramField struct {
	name, wire        string
	genType           ast.Expr // the gen field's type
	plain             string   // the admin field's type
	pointer, required bool
	min, max          *float64
	maxItems          *uint64 // of an array parameter
	description       string
	isTime, isDate    bool
	isString, isInt   bool
	sliceElem, enumOf string
}

// listShape is how a list pages.
type listShape struct {
	item            string // element type of Data
	tokens          bool   // next_page tokens (else ID cursors)
	hasMore, hasIDs bool
}

// service is one resource's service.
type service struct {
	name, doc string
	ops       []*operation
}

func load(specPath, genPath string) (*model, error) {
	loader := openapi3.NewLoader()
	spec, err := loader.LoadFromFile(specPath)
	if err != nil {
		return nil, fmt.Errorf("load spec: %w", err)
	}
	m := &model{
		spec: spec, fset: token.NewFileSet(),
		types: map[string]*ast.TypeSpec{}, docs: map[string]string{},
		consts: map[string][]enumValue{}, methods: map[string]*ast.FuncType{}, byNorm: map[string]string{},
	}
	f, err := parser.ParseFile(m.fset, genPath, nil, parser.ParseComments)
	if err != nil {
		return nil, err
	}
	m.readGen(f)
	if err := m.readOps(); err != nil {
		return nil, err
	}
	return m, nil
}

// norm folds a name for matching spec names with gen's: "ApiKey" and
// "APIKey" are both "apikey".
func norm(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (m *model) readGen(f *ast.File) {
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range g.Specs {
			switch s := s.(type) {
			case *ast.TypeSpec:
				m.types[s.Name.Name] = s
				m.byNorm[norm(s.Name.Name)] = s.Name.Name
				doc := g.Doc
				if s.Doc != nil {
					doc = s.Doc
				}
				m.docs[s.Name.Name] = doc.Text()
				if it, ok := s.Type.(*ast.InterfaceType); ok && s.Name.Name == "ClientInterface" {
					for _, f := range it.Methods.List {
						if ft, ok := f.Type.(*ast.FuncType); ok && len(f.Names) == 1 {
							m.methods[f.Names[0].Name] = ft
						}
					}
				}
			case *ast.ValueSpec:
				if g.Tok != token.CONST || s.Type == nil || len(s.Values) != 1 {
					continue
				}
				typ := m.expr(s.Type)
				lit, ok := s.Values[0].(*ast.BasicLit)
				if !ok {
					continue
				}
				m.consts[typ] = append(m.consts[typ], enumValue{s.Names[0].Name, lit.Value})
			}
		}
	}
}

// expr prints a type expression of gen.
func (m *model) expr(e ast.Expr) string {
	var b bytes.Buffer
	printer.Fprint(&b, m.fset, e)
	return b.String()
}

// resolve follows gen's alias declarations (type Page = string) to the
// type they name.
func (m *model) resolve(e ast.Expr) ast.Expr {
	for {
		id, ok := e.(*ast.Ident)
		if !ok {
			return e
		}
		ts, ok := m.types[id.Name]
		if !ok || ts.Assign == 0 {
			return e
		}
		e = ts.Type
	}
}

// structOf returns the fields of gen struct type name.
func (m *model) structOf(name string) []*ast.Field {
	ts, ok := m.types[name]
	if !ok {
		return nil
	}
	st, ok := ts.Type.(*ast.StructType)
	if !ok {
		return nil
	}
	return st.Fields.List
}

// isEnum reports whether gen type name is a string enum.
func (m *model) isEnum(name string) bool { return len(m.consts[name]) > 0 }

// ext returns a string extension of an OpenAPI object.
func ext(exts map[string]any, key string) string {
	if v, ok := exts[key].(string); ok {
		return v
	}
	return ""
}

func (m *model) readOps() error {
	docs, _ := m.spec.Extensions["x-admin-services"].(map[string]any)
	services := map[string]*service{}
	var order []string
	paths := m.spec.Paths.Map()
	var keys []string
	for k := range paths {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, path := range keys {
		item := paths[path]
		for _, method := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			o := item.GetOperation(method)
			if o == nil {
				continue
			}
			op, err := m.operation(path, method, o)
			if err != nil {
				return fmt.Errorf("%s: %w", o.OperationID, err)
			}
			m.ops = append(m.ops, op)
			s := services[op.service]
			if s == nil {
				doc, _ := docs[op.service].(string)
				if doc == "" {
					return fmt.Errorf("service %s has no sentence in x-admin-services", op.service)
				}
				s = &service{name: op.service, doc: doc}
				services[op.service] = s
				order = append(order, op.service)
			}
			s.ops = append(s.ops, op)
		}
	}
	sort.Slice(m.ops, func(i, j int) bool { return m.ops[i].id < m.ops[j].id })
	sort.Strings(order)
	for _, name := range order {
		s := services[name]
		sort.Slice(s.ops, func(i, j int) bool { return s.ops[i].goMethod < s.ops[j].goMethod })
		m.services = append(m.services, s)
	}
	return nil
}

func (m *model) operation(path, method string, o *openapi3.Operation) (*operation, error) {
	op := &operation{
		id: o.OperationID, method: method, path: path,
		summary: o.Summary, description: strings.TrimSpace(o.Description),
		service: ext(o.Extensions, "x-admin-service"), goMethod: ext(o.Extensions, "x-admin-method"),
	}
	op.create, _ = o.Extensions["x-admin-create"].(bool)
	op.beta = ext(o.Extensions, "x-admin-beta")
	if _, ok := o.Extensions["x-admin-beta"]; ok && (op.beta == "" || strings.ContainsAny(op.beta, ", \"")) {
		return nil, fmt.Errorf("x-admin-beta must be one beta header value")
	}
	if op.service == "" || op.goMethod == "" {
		return nil, fmt.Errorf("x-admin-service and x-admin-method are required")
	}
	if raw, ok := o.Extensions["x-admin-scopes"]; ok {
		list, _ := raw.([]any)
		for _, v := range list {
			scope, _ := v.(string)
			if scope == "" || strings.ContainsAny(scope, " `") {
				return nil, fmt.Errorf("x-admin-scopes must be a list of scope names")
			}
			op.scopes = append(op.scopes, scope)
		}
		if len(op.scopes) == 0 {
			return nil, fmt.Errorf("x-admin-scopes must be a list of scope names")
		}
	}
	security := m.spec.Security
	if o.Security != nil {
		security = *o.Security
	}
	seen := map[string]bool{}
	for _, req := range security {
		for name := range req {
			ref := m.spec.Components.SecuritySchemes[name]
			if ref == nil || ref.Value == nil {
				return nil, fmt.Errorf("unknown security scheme %q", name)
			}
			cred := ext(ref.Value.Extensions, "x-admin-credential")
			if cred == "" {
				return nil, fmt.Errorf("security scheme %s has no x-admin-credential", name)
			}
			if !seen[cred] {
				seen[cred] = true
				op.credentials = append(op.credentials, cred)
			}
		}
	}
	sort.Strings(op.credentials)
	if len(op.credentials) == 0 {
		return nil, fmt.Errorf("no security requirement")
	}
	var sig *ast.FuncType
	for name, ft := range m.methods {
		if norm(name) == norm(op.id) {
			op.genMethod, sig = name, ft
		}
	}
	if sig == nil {
		return nil, fmt.Errorf("no gen.ClientInterface method")
	}
	for _, f := range sig.Params.List[1:] { // after ctx
		typ := m.expr(f.Type)
		for _, n := range f.Names {
			switch {
			case n.Name == "params":
				p, err := m.params(strings.TrimPrefix(typ, "*"), o)
				if err != nil {
					return nil, err
				}
				op.params = p
			case n.Name == "body":
				body := m.resolve(f.Type)
				op.body = m.expr(body)
				if rb := o.RequestBody; rb != nil && rb.Value != nil {
					if mt := rb.Value.Content.Get("application/json"); mt != nil && mt.Schema != nil {
						op.bodySchema = mt.Schema.Value
					}
				}
			case n.Name == "reqEditors":
			default:
				op.pathParams = append(op.pathParams, param{goName: n.Name, label: label(n.Name)})
			}
		}
	}
	for _, f := range m.structOf(op.genMethod + "Response") {
		if len(f.Names) == 1 && f.Names[0].Name == "JSON200" {
			op.result = strings.TrimPrefix(m.expr(f.Type), "*")
		}
	}
	if op.result == "" && isDownload(o) {
		op.result, op.download = "Download", true
	}
	if op.result == "" {
		return nil, fmt.Errorf("no JSON200 result in gen.%sResponse, and the 200 response is not a download", op.genMethod)
	}
	if op.download && op.goMethod == "List" {
		return nil, fmt.Errorf("a download cannot be a List")
	}
	if op.goMethod == "List" {
		ls, err := m.listShape(op)
		if err != nil {
			return nil, err
		}
		op.list = ls
	}
	return op, nil
}

// isDownload reports whether o's 200 response is a download: bytes of
// any media type but JSON, declared as a binary string. The client
// streams such a response as a [Download] instead of decoding it.
func isDownload(o *openapi3.Operation) bool {
	resp := o.Responses.Value("200")
	if resp == nil || resp.Value == nil || len(resp.Value.Content) == 0 {
		return false
	}
	for mediaType, mt := range resp.Value.Content {
		if strings.Contains(mediaType, "json") || mt.Schema == nil || mt.Schema.Value == nil {
			return false
		}
		if s := mt.Schema.Value; !s.Type.Is("string") || s.Format != "binary" {
			return false
		}
	}
	return true
}

// labelWords spell the words of labels that are not plain lower case.
var labelWords = map[string]string{
	"id": "ID", "ids": "IDs", "rbac": "RBAC", "api": "API", "uuid": "UUID", "org": "organization",
}

// label turns a Go parameter name into words for errors: "apiKeyID" is
// "API key ID".
func label(goName string) string {
	upper := func(i int) bool { return i < len(goName) && goName[i] >= 'A' && goName[i] <= 'Z' }
	var words []string
	start := 0
	for i := 1; i <= len(goName); i++ {
		// A word ends before an upper-case letter that follows a lower-case
		// one ("getUser") or that starts a word after an initialism
		// ("APIKey": "API", "Key").
		// A plural initialism ("IDs") stays one word.
		plural := i+1 < len(goName) && goName[i+1] == 's' && (i+2 == len(goName) || upper(i+2))
		if i == len(goName) || (upper(i) && (!upper(i-1) || (i+1 < len(goName) && !upper(i+1) && !plural))) {
			words = append(words, goName[start:i])
			start = i
		}
	}
	for i, w := range words {
		w = strings.ToLower(w)
		if s, ok := labelWords[w]; ok {
			w = s
		}
		words[i] = w
	}
	return strings.Join(words, " ")
}

func (m *model) params(name string, o *openapi3.Operation) (*paramsType, error) {
	fields := m.structOf(name)
	if fields == nil {
		return nil, fmt.Errorf("no gen.%s", name)
	}
	specParams := map[string]*openapi3.Parameter{}
	for _, p := range o.Parameters {
		if p.Value != nil && p.Value.In == "query" {
			specParams[p.Value.Name] = p.Value
		}
	}
	pt := &paramsType{name: name}
	for _, f := range fields {
		tag := ""
		if f.Tag != nil {
			tag = f.Tag.Value
		}
		wire := between(tag, `form:"`, `"`)
		wire, _, _ = strings.Cut(wire, ",")
		sp := specParams[wire]
		if sp == nil {
			return nil, fmt.Errorf("%s.%s: no query parameter %q in the spec", name, f.Names[0].Name, wire)
		}
		pf := paramField{name: f.Names[0].Name, wire: wire, genType: f.Type, required: sp.Required, description: strings.TrimSpace(sp.Description)}
		t := f.Type
		if star, ok := t.(*ast.StarExpr); ok {
			pf.pointer, t = true, star.X
		}
		t = m.resolve(t)
		plain := m.expr(t)
		switch plain {
		case "time.Time":
			pf.isTime = true
		case "openapi_types.Date":
			pf.isDate, plain = true, "time.Time"
		case "string":
			pf.isString = true
		case "int":
			pf.isInt = true
		}
		if arr, ok := t.(*ast.ArrayType); ok {
			pf.sliceElem = m.expr(arr.Elt)
		}
		if m.isEnum(plain) {
			pf.enumOf = plain
		}
		pf.plain = plain
		if s := sp.Schema; s != nil && s.Value != nil {
			pf.min, pf.max, pf.maxItems = s.Value.Min, s.Value.Max, s.Value.MaxItems
		}
		pt.fields = append(pt.fields, pf)
	}
	return pt, nil
}

func between(s, start, end string) string {
	_, after, ok := strings.Cut(s, start)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(after, end)
	return v
}

func (m *model) listShape(op *operation) (*listShape, error) {
	ls := &listShape{}
	for _, f := range m.structOf(op.result) {
		switch f.Names[0].Name {
		case "Data":
			arr, ok := f.Type.(*ast.ArrayType)
			if !ok {
				return nil, fmt.Errorf("%s.Data is not a slice", op.result)
			}
			ls.item = m.expr(arr.Elt)
		case "HasMore":
			ls.hasMore = true
		case "NextPage":
			ls.tokens = true
		case "LastID":
			ls.hasIDs = true
		}
	}
	if ls.item == "" || op.params == nil {
		return nil, fmt.Errorf("a List needs a Data list and query parameters")
	}
	want := "Page"
	if !ls.tokens {
		want = "AfterID"
	}
	if op.params.field(want) == nil {
		return nil, fmt.Errorf("%s has no %s parameter for its paging", op.params.name, want)
	}
	return ls, nil
}

func (p *paramsType) field(name string) *paramField {
	if p == nil {
		return nil
	}
	for i := range p.fields {
		if p.fields[i].name == name {
			return &p.fields[i]
		}
	}
	return nil
}
