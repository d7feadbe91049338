package main

import (
	"bytes"
	"fmt"
	"go/ast"
	"strings"
)

// services writes the operation constants, the Client, the services,
// their methods and the parameter structs.
func (m *model) servicesFile() *bytes.Buffer {
	var b bytes.Buffer
	b.WriteString(header)
	b.WriteString(`import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

var _ = time.Time{} // not every version of the spec has a time parameter

`)
	m.operations(&b)
	m.client(&b)
	for _, s := range m.services {
		m.service(&b, s)
	}
	return &b
}

// constName is the Go constant of an operation: OpGetUser.
func constName(op *operation) string { return "Op" + op.genMethod }

func (m *model) operations(b *bytes.Buffer) {
	b.WriteString(`// Operation names an operation of the API by its operationId in the
// OpenAPI description, such as "getUser". The constants are compile-checked
// names for tests and tools, such as the fake's FailNext and Calls.
type Operation string

// The operations of the API, one per operationId.
const (
`)
	for _, op := range m.ops {
		fmt.Fprintf(b, "\t%s Operation = %q // %s %s\n", constName(op), op.id, op.method, op.path)
	}
	b.WriteString(")\n\n// Operations returns every operation of the API, sorted by operationId.\nfunc Operations() []Operation {\n\treturn []Operation{\n")
	for _, op := range m.ops {
		fmt.Fprintf(b, "\t\t%s,\n", constName(op))
	}
	b.WriteString("\t}\n}\n\n")
	b.WriteString("// Method returns the service and method that perform o, such as\n// \"Users.Get\", or \"\" for an unknown operation.\nfunc (o Operation) Method() string {\n\tswitch o {\n")
	for _, op := range m.ops {
		fmt.Fprintf(b, "\tcase %s:\n\t\treturn %q\n", constName(op), op.service+"."+op.goMethod)
	}
	b.WriteString("\t}\n\treturn \"\"\n}\n\n")
	b.WriteString("// Beta returns the anthropic-beta header value that o needs (the client\n// sends it), or \"\" for an operation that is not in beta.\nfunc (o Operation) Beta() string {\n\tswitch o {\n")
	for _, op := range m.ops {
		if op.beta != "" {
			fmt.Fprintf(b, "\tcase %s:\n\t\treturn %q\n", constName(op), op.beta)
		}
	}
	b.WriteString("\t}\n\treturn \"\"\n}\n\n")
	b.WriteString("// MaxPageSize returns the largest page size (the maximum of the limit\n// parameter) that o accepts, or 0 when o does not take a page size.\nfunc (o Operation) MaxPageSize() int {\n\tswitch o {\n")
	for _, op := range m.ops {
		if f := op.params.field("Limit"); f != nil && f.max != nil {
			fmt.Fprintf(b, "\tcase %s:\n\t\treturn %g\n", constName(op), *f.max)
		}
	}
	b.WriteString("\t}\n\treturn 0\n}\n\n")
	b.WriteString("// Credentials returns the kinds of credential o accepts, as the spec's\n// x-admin-credential values, sorted: \"admin-key\" (the Admin API key),\n// \"compliance-key\" (the Compliance Access Key) or \"oauth\" (an org:admin\n// OAuth access token); nil for an unknown operation.\nfunc (o Operation) Credentials() []string {\n\tswitch o {\n")
	for _, op := range m.ops {
		fmt.Fprintf(b, "\tcase %s:\n\t\treturn %#v\n", constName(op), op.credentials)
	}
	b.WriteString("\t}\n\treturn nil\n}\n\n")
	m.routes(b)
}

// routes writes the route table of the operations, which Client.Do
// matches raw requests against to choose the credential, the beta header
// and the retry rules, and the Route method over it.
func (m *model) routes(b *bytes.Buffer) {
	b.WriteString("// routes describes every operation of the API as a raw request made with\n// [Client.Do] meets it: method, path template, credentials, creation.\nvar routes = []route{\n")
	for _, op := range m.ops {
		var creds []string
		for _, c := range op.credentials {
			creds = append(creds, credConst[c])
		}
		fmt.Fprintf(b, "\t{%s, %q, %q, %s, %t},\n", constName(op), op.method, op.path, strings.Join(creds, "|"), op.create)
	}
	b.WriteString("}\n\n")
}

func (m *model) client(b *bytes.Buffer) {
	b.WriteString(`// Client is a client of the Anthropic Admin API and the Compliance API.
// Use [NewClient] to create one. Its fields are the services, one per
// resource, each with the methods of that resource's operations. A Client
// is safe for concurrent use by multiple goroutines, and printing it with
// any verb never shows a key.
type Client struct {
`)
	for _, s := range m.services {
		comment(b, "\t", s.name+" "+s.doc)
		fmt.Fprintf(b, "\t%s *%sService\n", s.name, s.name)
	}
	b.WriteString(`
	// cfg is a pointer so that printing a Client value with %v or %+v
	// shows an address, never the keys it holds.
	cfg *config
}

// newServices returns a Client whose services share cfg.
func newServices(cfg *config) *Client {
	return &Client{
`)
	for _, s := range m.services {
		fmt.Fprintf(b, "\t\t%s: &%sService{cfg},\n", s.name, s.name)
	}
	b.WriteString("\t\tcfg: cfg,\n\t}\n}\n\n")
}

func (m *model) service(b *bytes.Buffer, s *service) {
	var methods []string
	for _, op := range s.ops {
		methods = append(methods, op.goMethod)
		if op.list != nil {
			methods = append(methods, "Pages", "All")
		}
	}
	comment(b, "", fmt.Sprintf("%sService %s Get it from [Client.%s]. Its methods are %s.", s.name, s.doc, s.name, strings.Join(methods, ", ")))
	fmt.Fprintf(b, "type %sService struct{ cfg *config }\n\n", s.name)
	for _, op := range s.ops {
		if op.params != nil {
			m.paramsStruct(b, s, op)
		}
		m.method(b, s, op)
		if op.list != nil {
			m.pager(b, s, op)
		}
	}
}

// verb is how errors name an operation: "get user".
func verb(op *operation) string {
	return label(op.genMethod)
}

func (m *model) method(b *bytes.Buffer, s *service, op *operation) {
	desc := op.description
	first, rest, _ := strings.Cut(desc, "\n\n")
	first = strings.Join(strings.Fields(first), " ")
	w, _, _ := strings.Cut(first, " ")
	var text string
	if strings.HasSuffix(w, "s") {
		text = op.goMethod + " " + lowerFirst(first)
	} else {
		text = op.goMethod + " performs " + lowerFirst(strings.TrimSuffix(op.summary, ".")) + ". " + first
	}
	if rest != "" {
		text += "\n\n" + strings.Join(strings.Fields(rest), " ")
	}
	text += fmt.Sprintf("\n\nIt sends %s %s (%s).", op.method, op.path, op.id)
	if op.create {
		text += " It creates something, so it is re-sent only when the server provably did not process it (see the package documentation)."
	}
	if op.download {
		text += " It returns the response body as a stream: the caller reads it and must close the Download. WithMaxResponseBytes does not apply to it (see Download)."
	}
	if op.beta != "" {
		text += fmt.Sprintf(" It is in beta: the client sends the header anthropic-beta: %s, which the service requires, and the operation may change.", op.beta)
	}
	text += " " + credentialText(op.credentials)
	if len(op.scopes) > 0 {
		text += " The key needs the scope " + strings.Join(quoteAll(op.scopes), " and ") + "; the service refuses a key without it (403 permission_error)."
	}
	if op.params != nil {
		text += " params may be nil."
	}
	comment(b, "", text)
	args := []string{"ctx context.Context"}
	var callArgs []string
	var ids []string
	for _, p := range op.pathParams {
		args = append(args, p.goName+" string")
		callArgs = append(callArgs, p.goName)
		ids = append(ids, fmt.Sprintf("{%q, %s}", p.label, p.goName))
	}
	if op.params != nil {
		args = append(args, "params *"+op.params.name)
	}
	if op.body != "" {
		args = append(args, "body "+op.body)
	}
	fmt.Fprintf(b, "func (s *%sService) %s(%s) (*%s, error) {\n", s.name, op.goMethod, strings.Join(args, ", "), op.result)
	fmt.Fprintf(b, "\to := op{verb: %q", verb(op))
	if len(ids) > 0 {
		fmt.Fprintf(b, ", ids: [2]arg{%s}", strings.Join(ids, ", "))
	}
	if op.create {
		b.WriteString(", create: true")
	}
	if op.beta != "" {
		fmt.Fprintf(b, ", beta: %q", op.beta)
	}
	var creds []string
	for _, c := range op.credentials {
		creds = append(creds, credConst[c])
	}
	fmt.Fprintf(b, ", creds: %s}\n", strings.Join(creds, "|"))
	if op.params != nil {
		fmt.Fprintf(b, "\tp := deref(params)\n\tif err := p.check(o); err != nil {\n\t\treturn nil, err\n\t}\n\tq := p.wire()\n")
		callArgs = append(callArgs, "q")
	}
	if op.body != "" {
		for _, f := range m.requiredStrings(op.body) {
			fmt.Fprintf(b, "\tif body.%s == \"\" {\n\t\treturn nil, opError(o.String(), invalidInput(%q))\n\t}\n", f[0], f[1]+" is empty")
		}
		for _, f := range m.requiredLists(op) {
			fmt.Fprintf(b, "\tif len(body.%s) == 0 {\n\t\treturn nil, opError(o.String(), invalidInput(%q))\n\t}\n", f[0], f[1]+" is empty")
		}
		if op.bodySchema != nil && op.bodySchema.MinProps > 0 {
			b.WriteString("\tif isEmptyObject(body) {\n\t\treturn nil, opError(o.String(), invalidInput(\"nothing to change: set at least one field\"))\n\t}\n")
		}
		callArgs = append(callArgs, "body")
	}
	callArgs = append(callArgs, "edit")
	if op.download {
		b.WriteString("\treturn download(ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {\n")
	} else {
		fmt.Fprintf(b, "\treturn call[%s](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {\n", op.result)
	}
	fmt.Fprintf(b, "\t\treturn s.cfg.raw.%s(ctx, %s)\n\t})\n}\n\n", op.genMethod, strings.Join(callArgs, ", "))
}

// credConst maps the spec's x-admin-credential values to the request
// core's credential constants.
var credConst = map[string]string{
	"admin-key":      "credAdminKey",
	"oauth":          "credOAuth",
	"compliance-key": "credComplianceKey",
}

// credentialDoc says how a client gets each credential.
var credentialDoc = map[string]string{
	"admin-key":      "an Admin API key (the key given to NewClient)",
	"oauth":          "an org:admin OAuth access token (WithTokenSource)",
	"compliance-key": "a Compliance Access Key (WithComplianceKey)",
}

// quoteAll returns each of list in backquotes, for doc comments.
func quoteAll(list []string) []string {
	out := make([]string, len(list))
	for i, s := range list {
		out[i] = "`" + s + "`"
	}
	return out
}

// credentialText documents the credentials an operation accepts.
func credentialText(creds []string) string {
	var names []string
	for _, c := range creds {
		names = append(names, credentialDoc[c])
	}
	if len(names) == 1 {
		return "It needs " + names[0] + "."
	}
	return "It needs " + strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1] + "."
}

// requiredStrings returns the required string fields of a request body
// model, as Go name and JSON name: they must not be empty.
func (m *model) requiredStrings(body string) [][2]string {
	var out [][2]string
	for _, f := range m.structOf(body) {
		if len(f.Names) != 1 || f.Tag == nil {
			continue
		}
		tag := between(f.Tag.Value, `json:"`, `"`)
		wire, opts, _ := strings.Cut(tag, ",")
		if strings.Contains(opts, "omitempty") {
			continue
		}
		t := m.resolve(f.Type)
		if id, ok := t.(*ast.Ident); ok && (id.Name == "string" || m.isEnum(id.Name)) {
			out = append(out, [2]string{f.Names[0].Name, wire})
		}
	}
	return out
}

// requiredLists returns the required array fields of a request body whose
// schema asks for at least one item, as Go name and JSON name.
func (m *model) requiredLists(op *operation) [][2]string {
	if op.bodySchema == nil {
		return nil
	}
	var out [][2]string
	for _, f := range m.structOf(op.body) {
		if len(f.Names) != 1 || f.Tag == nil {
			continue
		}
		wire, _, _ := strings.Cut(between(f.Tag.Value, `json:"`, `"`), ",")
		prop := op.bodySchema.Properties[wire]
		if prop == nil || prop.Value == nil || prop.Value.MinItems == 0 {
			continue
		}
		for _, r := range op.bodySchema.Required {
			if r == wire {
				out = append(out, [2]string{f.Names[0].Name, wire})
			}
		}
	}
	return out
}

func (m *model) paramsStruct(b *bytes.Buffer, s *service, op *operation) {
	p := op.params
	comment(b, "", fmt.Sprintf("%s are the query parameters of [%sService.%s]. A field's zero value leaves its parameter out.", p.name, s.name, op.goMethod))
	fmt.Fprintf(b, "type %s struct {\n", p.name)
	for _, f := range p.fields {
		text := f.name + " sets " + f.wire + ": " + f.description + suffixDot(f.description)
		if f.min != nil && f.max != nil {
			text += fmt.Sprintf(" From %g to %g.", *f.min, *f.max)
		}
		if f.required {
			text += " Required."
		}
		if f.isDate {
			text += " Only the date counts."
		}
		comment(b, "\t", text)
		fmt.Fprintf(b, "\t%s %s\n", f.name, f.plain)
	}
	b.WriteString("}\n\n")

	fmt.Fprintf(b, "// check validates p before anything is sent.\nfunc (p %s) check(o op) error {\n", p.name)
	for _, f := range p.fields {
		if f.required {
			switch {
			case f.isTime || f.isDate:
				fmt.Fprintf(b, "\tif p.%s.IsZero() {\n\t\treturn opError(o.String(), invalidInput(%q))\n\t}\n", f.name, f.name+" is required")
			case f.isString:
				fmt.Fprintf(b, "\tif p.%s == \"\" {\n\t\treturn opError(o.String(), invalidInput(%q))\n\t}\n", f.name, f.name+" is required")
			}
		}
		if f.isInt && f.min != nil && f.max != nil {
			fmt.Fprintf(b, "\tif err := checkBounds(o, %q, p.%s, %g, %g); err != nil {\n\t\treturn err\n\t}\n", f.name, f.name, *f.min, *f.max)
		}
		if f.sliceElem != "" && f.maxItems != nil {
			fmt.Fprintf(b, "\tif err := checkItems(o, %q, len(p.%s), %d); err != nil {\n\t\treturn err\n\t}\n", f.name, f.name, *f.maxItems)
		}
	}
	if p.field("BeforeID") != nil && p.field("AfterID") != nil {
		b.WriteString("\tif p.BeforeID != \"\" && p.AfterID != \"\" {\n\t\treturn opError(o.String(), invalidInput(\"set at most one of BeforeID and AfterID\"))\n\t}\n")
	}
	b.WriteString("\treturn moreChecks(o, p)\n}\n\n")

	fmt.Fprintf(b, "// wire returns p as the generated client's parameters.\nfunc (p %s) wire() *gen.%s {\n\treturn &gen.%s{\n", p.name, p.name, p.name)
	for _, f := range p.fields {
		var v string
		switch {
		case f.isDate && f.pointer:
			v = "optionalDate(p." + f.name + ")"
		case f.isDate:
			v = "dateOf(p." + f.name + ")"
		case f.isTime && f.pointer:
			v = "optionalTime(p." + f.name + ")"
		case f.pointer:
			v = "optional(p." + f.name + ")"
		default:
			v = "p." + f.name
		}
		fmt.Fprintf(b, "\t\t%s: %s,\n", f.name, v)
	}
	b.WriteString("\t}\n}\n\n")
}

func (m *model) pager(b *bytes.Buffer, s *service, op *operation) {
	ls, p := op.list, op.params
	var ids, args []string
	for _, pp := range op.pathParams {
		ids = append(ids, pp.goName+" string")
		args = append(args, pp.goName)
	}
	sig := strings.Join(append(append([]string{"ctx context.Context"}, ids...), "params *"+p.name), ", ")
	call := strings.Join(append(append([]string{"ctx"}, args...), "&q"), ", ")
	all := strings.Join(append(append([]string{"ctx"}, args...), "params"), ", ")

	comment(b, "", "Pages iterates over the pages that List returns, one page per loop iteration, fetching each only when the loop asks for it. It yields an error at most once and then stops.")
	fmt.Fprintf(b, "func (s *%sService) Pages(%s) iter.Seq2[*%s, error] {\n\tp := deref(params)\n", s.name, sig, op.result)
	if ls.tokens {
		more := "true"
		if ls.hasMore {
			more = "l.HasMore"
		}
		fmt.Fprintf(b, "\treturn tokenPages(ctx, p.Page, func(ctx context.Context, page string) (*%s, error) {\n\t\tq := p\n\t\tq.Page = page\n\t\treturn s.List(%s)\n\t}, func(l *%s) (*string, bool) { return l.NextPage, %s })\n}\n\n", op.result, call, op.result, more)
	} else {
		before, setBefore := `""`, ""
		if p.field("BeforeID") != nil {
			before, setBefore = "p.BeforeID", "\t\tq.BeforeID = c.beforeID\n"
		}
		fmt.Fprintf(b, "\treturn idPages(ctx, idCursor{%s, p.AfterID}, func(ctx context.Context, c idCursor) (*%s, error) {\n\t\tq := p\n%s\t\tq.AfterID = c.afterID\n\t\treturn s.List(%s)\n\t}, func(l *%s) idPage { return idPage{len(l.Data) == 0, l.HasMore, l.FirstID, l.LastID} })\n}\n\n", before, op.result, setBefore, call, op.result)
	}
	comment(b, "", fmt.Sprintf("All iterates over every %s that List returns for params, across pages, fetching each page only when the loop has taken every item of the previous one. It yields an error at most once and then stops.", ls.item))
	fmt.Fprintf(b, "func (s *%sService) All(%s) iter.Seq2[%s, error] {\n\treturn items(s.Pages(%s), func(l *%s) []%s { return l.Data })\n}\n\n", s.name, sig, ls.item, all, op.result, ls.item)
}
