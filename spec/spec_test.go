// Package spec_test checks spec/admin-api.yaml: that it is a valid OpenAPI
// 3.0.3 document and that it keeps the house rules the generator, the
// wrapper and the fake rely on.
package spec_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
)

const specPath = "admin-api.yaml"

// seedOperations is the catalogue of seed 002 plus the operations of seeds
// 000, 001 and 003, with the method and path each seed documents (seed 002's
// paths gain the /v1 prefix of the spec's server convention).
var seedOperations = []struct {
	seed, method, path string
}{
	{"002", http.MethodGet, "/v1/organizations/me"},
	{"002", http.MethodGet, "/v1/organizations/users"},
	{"002", http.MethodPost, "/v1/organizations/users/{user_id}"},
	{"002", http.MethodDelete, "/v1/organizations/users/{user_id}"},
	{"002", http.MethodGet, "/v1/organizations/invites"},
	{"002", http.MethodPost, "/v1/organizations/invites"},
	{"002", http.MethodDelete, "/v1/organizations/invites/{invite_id}"},
	{"002", http.MethodGet, "/v1/organizations/workspaces"},
	{"002", http.MethodGet, "/v1/organizations/workspaces/{workspace_id}"},
	{"002", http.MethodGet, "/v1/organizations/workspaces/{workspace_id}/members"},
	{"002", http.MethodPost, "/v1/organizations/workspaces/{workspace_id}/members"},
	{"002", http.MethodPost, "/v1/organizations/workspaces/{workspace_id}/members/{user_id}"},
	{"002", http.MethodDelete, "/v1/organizations/workspaces/{workspace_id}/members/{user_id}"},
	{"002", http.MethodGet, "/v1/organizations/api_keys"},
	{"002", http.MethodPost, "/v1/organizations/api_keys/{api_key_id}"},
	{"000", http.MethodGet, "/v1/organizations/users/{user_id}"},
	{"001", http.MethodGet, "/v1/organizations/workspaces/{workspace_id}/members/{user_id}"},
	{"003", http.MethodGet, "/v1/compliance/organizations/{org_uuid}/users"},
}

// minOperationCount is tiers 1 and 2 of ../shared/api-notes.md; the spec
// has grown beyond them (issue 13).
const minOperationCount = 29

// loadSpec returns the spec, parsed once for all the tests (which only
// read it): parsing it takes most of this package's test time under -race.
func loadSpec(t *testing.T) *openapi3.T {
	t.Helper()
	doc, err := parsedSpec()
	if err != nil {
		t.Fatalf("load %s: %v", specPath, err)
	}
	return doc
}

var parsedSpec = sync.OnceValues(func() (*openapi3.T, error) {
	loader := openapi3.NewLoader()
	loader.IsExternalRefsAllowed = false
	return loader.LoadFromFile(specPath)
})

type operation struct {
	method, path string
	op           *openapi3.Operation
}

func operations(doc *openapi3.T) []operation {
	var ops []operation
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			ops = append(ops, operation{method, path, op})
		}
	}
	sort.Slice(ops, func(i, j int) bool {
		if ops[i].path != ops[j].path {
			return ops[i].path < ops[j].path
		}
		return ops[i].method < ops[j].method
	})
	return ops
}

func TestSpecIsValid(t *testing.T) {
	doc := loadSpec(t)
	if doc.OpenAPI != "3.0.3" {
		t.Errorf("openapi = %q, want 3.0.3", doc.OpenAPI)
	}
	if err := doc.Validate(context.Background()); err != nil {
		t.Fatalf("spec is invalid: %v", err)
	}
	if len(doc.Servers) != 1 || doc.Servers[0].URL != "https://api.anthropic.com" {
		t.Errorf("servers = %v, want exactly https://api.anthropic.com", doc.Servers)
	}
}

func TestSeedOperationsPresent(t *testing.T) {
	doc := loadSpec(t)
	for _, want := range seedOperations {
		item := doc.Paths.Find(want.path)
		if item == nil || item.GetOperation(want.method) == nil {
			t.Errorf("seed %s: %s %s is missing from the spec", want.seed, want.method, want.path)
		}
	}
	// The spec grows past tiers 1 and 2 of the API notes; removing an
	// operation is caught by the drift gate (make drift).
	if got := len(operations(doc)); got < minOperationCount {
		t.Errorf("spec has %d operations, want at least %d (tiers 1 and 2 of the API notes)", got, minOperationCount)
	}
}

func TestOperationRules(t *testing.T) {
	doc := loadSpec(t)
	tags := map[string]bool{}
	for _, tag := range doc.Tags {
		tags[tag.Name] = true
	}
	ids := map[string]string{}
	for _, o := range operations(doc) {
		name := o.method + " " + o.path
		op := o.op
		switch {
		case op.OperationID == "":
			t.Errorf("%s: no operationId", name)
		case !isLowerCamel(op.OperationID):
			t.Errorf("%s: operationId %q is not camelCase", name, op.OperationID)
		}
		if prev, dup := ids[op.OperationID]; dup {
			t.Errorf("%s: operationId %q also used by %s", name, op.OperationID, prev)
		}
		ids[op.OperationID] = name
		if len(op.Tags) != 1 || !tags[op.Tags[0]] {
			t.Errorf("%s: tags = %v, want exactly one declared tag", name, op.Tags)
		}
		if op.Summary == "" || op.Description == "" {
			t.Errorf("%s: needs a summary and a description", name)
		}
		if op.Responses.Value("200") == nil {
			t.Errorf("%s: no 200 response", name)
		}
		for _, code := range []string{"400", "401", "403", "404", "429", "500"} {
			if !respondsWithError(op, code) {
				t.Errorf("%s: response %s missing or not referencing the Error schema", name, code)
			}
		}
		for _, p := range op.Parameters {
			if p.Value != nil && strings.EqualFold(p.Value.Name, "anthropic-version") {
				t.Errorf("%s: anthropic-version must not be a declared parameter", name)
			}
		}
	}
}

func isLowerCamel(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	return !strings.ContainsAny(s, "_- ")
}

// respondsWithError reports whether op declares code with an
// application/json body that is the shared Error schema.
func respondsWithError(op *openapi3.Operation, code string) bool {
	resp := op.Responses.Value(code)
	if resp == nil || resp.Value == nil {
		return false
	}
	mt := resp.Value.Content.Get("application/json")
	return mt != nil && mt.Schema != nil && mt.Schema.Ref == "#/components/schemas/Error"
}

// TestNoInlineEnums walks every schema reachable from components, paths and
// parameters and fails on an enum that is not a named component schema.
func TestNoInlineEnums(t *testing.T) {
	doc := loadSpec(t)
	for name, s := range doc.Components.Schemas {
		walkSchema(t, "components.schemas."+name, s, true)
	}
	for name, p := range doc.Components.Parameters {
		walkSchema(t, "components.parameters."+name, p.Value.Schema, false)
	}
	for _, o := range operations(doc) {
		where := o.method + " " + o.path
		for _, p := range o.op.Parameters {
			if p.Ref == "" {
				walkSchema(t, where+" param "+p.Value.Name, p.Value.Schema, false)
			}
		}
	}
}

func walkSchema(t *testing.T, where string, ref *openapi3.SchemaRef, top bool) {
	t.Helper()
	if ref == nil || (ref.Ref != "" && !top) {
		return // a reference is checked where it is declared
	}
	s := ref.Value
	if len(s.Enum) > 0 && !top {
		t.Errorf("%s: inline enum %v; move it to components/schemas", where, s.Enum)
	}
	for name, p := range s.Properties {
		walkSchema(t, where+"."+name, p, false)
	}
	walkSchema(t, where+"[]", s.Items, false)
	if s.AdditionalProperties.Schema != nil {
		walkSchema(t, where+"{}", s.AdditionalProperties.Schema, false)
	}
	for i, sub := range append(append(append([]*openapi3.SchemaRef{}, s.AllOf...), s.OneOf...), s.AnyOf...) {
		walkSchema(t, fmt.Sprintf("%s<%d>", where, i), sub, false)
	}
}

// TestIDsArePlainStrings fails on a uuid format anywhere: Anthropic IDs are
// prefixed strings (user_..., wrkspc_...) that a uuid format would reject.
func TestIDsArePlainStrings(t *testing.T) {
	doc := loadSpec(t)
	check := func(where string, s *openapi3.Schema) {
		if s != nil && s.Format == "uuid" {
			t.Errorf("%s: format uuid; IDs must be plain strings", where)
		}
	}
	for name, s := range doc.Components.Schemas {
		check("components.schemas."+name, s.Value)
		for prop, p := range s.Value.Properties {
			check("components.schemas."+name+"."+prop, p.Value)
		}
	}
	for name, p := range doc.Components.Parameters {
		check("components.parameters."+name, p.Value.Schema.Value)
	}
	for _, o := range operations(doc) {
		for _, p := range o.op.Parameters {
			check(o.method+" "+o.path+" "+p.Value.Name, p.Value.Schema.Value)
		}
	}
}

// activityFeed is the operationId of the Activity Feed, the one Compliance
// API operation an Admin key may call.
const activityFeed = "listComplianceActivities"

// complianceScopes are the scopes of the Compliance API's keys, which
// operations name in x-admin-scopes.
var complianceScopes = map[string]bool{
	"read:compliance_activities":  true,
	"read:compliance_org_data":    true,
	"read:compliance_user_data":   true,
	"delete:compliance_user_data": true,
	// The beta review endpoints' scopes, on an Admin key.
	"read:compliance_review_cases":  true,
	"write:compliance_review_cases": true,
}

func TestSecurity(t *testing.T) {
	doc := loadSpec(t)
	// Every scheme names the credential it carries, which the client and
	// the fake route by.
	kinds := map[string]string{}
	for name, ref := range doc.Components.SecuritySchemes {
		kind, _ := ref.Value.Extensions["x-admin-credential"].(string)
		switch kind {
		case "admin-key", "oauth", "compliance-key":
		default:
			t.Errorf("security scheme %s: x-admin-credential = %q, want admin-key, oauth or compliance-key", name, kind)
		}
		kinds[name] = kind
		switch {
		case ref.Value.Type == "apiKey" && ref.Value.In == "header" && ref.Value.Name == "x-api-key":
		case ref.Value.Type == "http" && ref.Value.Scheme == "bearer":
		default:
			t.Errorf("security scheme %s is neither x-api-key nor a Bearer token", name)
		}
	}
	for _, o := range operations(doc) {
		compliance := strings.HasPrefix(o.path, "/v1/compliance/")
		sec := doc.Security
		if o.op.Security != nil {
			sec = *o.op.Security
		}
		if len(sec) == 0 {
			t.Errorf("%s %s: no security requirement", o.method, o.path)
		}
		seen := map[string]bool{}
		for _, req := range sec {
			for name := range req {
				kind := kinds[name]
				seen[kind] = true
				// The Compliance API takes the Compliance key; the Admin
				// key never goes there, nor the Compliance key elsewhere,
				// with two documented exceptions: the Activity Feed also
				// takes an Admin key that has the activities scope, and the
				// beta review endpoints take the Admin key (with the
				// compliance review scopes), as the SDK says, declared on
				// each operation.
				if review := strings.HasPrefix(o.path, "/v1/compliance/review/"); review && kind == "admin-key" && o.op.Security != nil {
					continue
				}
				if compliance != (kind == "compliance-key") && (o.op.OperationID != activityFeed || kind != "admin-key") {
					t.Errorf("%s %s: accepts %s (%s)", o.method, o.path, name, kind)
				}
			}
		}
		if o.op.OperationID == activityFeed && (!seen["admin-key"] || !seen["compliance-key"]) {
			t.Errorf("%s %s: the Activity Feed must accept both the Compliance key and an Admin key", o.method, o.path)
		}
		// Every Compliance API operation names the scopes it needs in
		// x-admin-scopes, which the fake enforces.
		scopes, hasScopes := o.op.Extensions["x-admin-scopes"].([]any)
		switch {
		case compliance && (!hasScopes || len(scopes) == 0):
			t.Errorf("%s %s: a Compliance API operation needs x-admin-scopes", o.method, o.path)
		case !compliance && hasScopes:
			t.Errorf("%s %s: x-admin-scopes is for Compliance API operations", o.method, o.path)
		}
		for _, sc := range scopes {
			if name, _ := sc.(string); !complianceScopes[name] {
				t.Errorf("%s %s: unknown scope %v in x-admin-scopes", o.method, o.path, sc)
			}
		}
	}
}

// TestRequestBodiesTheAPIAccepts validates request bodies against the
// spec's request schemas: what the real API accepts must validate (the fake
// refuses whatever does not), and what it refuses must not.
func TestRequestBodiesTheAPIAccepts(t *testing.T) {
	doc := loadSpec(t)
	name := func(n int) string { return strings.Repeat("n", n) }
	for _, c := range []struct {
		schema, body string
		valid        bool
	}{
		// Workspace names are 1 to 255 characters (older docs said 40).
		{"CreateWorkspaceRequest", `{"name":"` + name(255) + `"}`, true},
		{"CreateWorkspaceRequest", `{"name":"` + strings.Repeat("é", 255) + `"}`, true},
		{"CreateWorkspaceRequest", `{"name":"` + name(256) + `"}`, false},
		{"CreateWorkspaceRequest", `{"name":""}`, false},
		{"UpdateWorkspaceRequest", `{"name":"` + name(255) + `"}`, true},
		{"UpdateWorkspaceRequest", `{"name":"` + name(256) + `"}`, false},
		{"UpdateWorkspaceRequest", `{"name":""}`, false},
		// null is accepted where the reference types a request field as
		// nullable; it means the same as leaving the field out.
		{"CreateWorkspaceRequest", `{"name":"W","data_residency":null}`, true},
		{"CreateWorkspaceRequest", `{"name":"W","display_color":null,"external_key_id":null,"tags":null}`, true},
		{"CreateWorkspaceRequest", `{"name":null}`, false},
		{"DataResidencyCreate", `{"workspace_geo":null,"default_inference_geo":null,"allowed_inference_geos":null}`, true},
		{"DataResidencyCreate", `{"workspace_geo":"eu"}`, false},
		{"UpdateWorkspaceRequest", `{"data_residency":null}`, true},
		{"DataResidencyUpdate", `{"default_inference_geo":null,"allowed_inference_geos":null}`, true},
		{"DataResidencyUpdate", `{"default_inference_geo":"mars"}`, false},
		{"UpdateApiKeyRequest", `{"name":null,"status":null}`, true},
		{"UpdateApiKeyRequest", `{"name":""}`, false},
		{"UpdateApiKeyRequest", `{"status":"expired"}`, false},
	} {
		s := doc.Components.Schemas[c.schema]
		if s == nil {
			t.Fatalf("no schema %s", c.schema)
		}
		var v any
		if err := json.Unmarshal([]byte(c.body), &v); err != nil {
			t.Fatal(err)
		}
		err := s.Value.VisitJSON(v)
		if (err == nil) != c.valid {
			body := c.body
			if r := []rune(body); len(r) > 60 {
				body = string(r[:60]) + "..."
			}
			var se *openapi3.SchemaError
			if errors.As(err, &se) {
				err = fmt.Errorf("%s: %s", strings.Join(se.JSONPointer(), "."), se.Reason)
			}
			t.Errorf("%s %s: validation error %v, want valid=%v", c.schema, body, err, c.valid)
		}
	}
}

// TestErrorCodes checks the ErrorCode enum: a Go name and a description
// per value, the codes with a retry meaning present, and the error
// envelope's error_code an open set that references it.
func TestErrorCodes(t *testing.T) {
	doc := loadSpec(t)
	s := doc.Components.Schemas["ErrorCode"].Value
	names, _ := s.Extensions["x-enum-varnames"].([]any)
	descs, _ := s.Extensions["x-enum-descriptions"].([]any)
	if len(s.Enum) == 0 || len(names) != len(s.Enum) || len(descs) != len(s.Enum) {
		t.Fatalf("ErrorCode: %d values, %d x-enum-varnames, %d x-enum-descriptions; want as many of each", len(s.Enum), len(names), len(descs))
	}
	seen := map[string]bool{}
	for i, v := range s.Enum {
		code, name, desc := fmt.Sprint(v), fmt.Sprint(names[i]), fmt.Sprint(descs[i])
		if seen[code] || seen[name] {
			t.Errorf("ErrorCode: %s (%s) is listed twice", code, name)
		}
		seen[code], seen[name] = true, true
		if name == "" || name[0] < 'A' || name[0] > 'Z' || strings.ContainsAny(name, "_ ") {
			t.Errorf("ErrorCode %s: Go name %q", code, name)
		}
		if !strings.Contains(desc, "Sent with status ") {
			t.Errorf("ErrorCode %s: description %q does not end with its status", code, desc)
		}
	}
	for _, code := range []string{"concurrent_membership_change", "change_outcome_unknown", "workspace_created_incomplete", "already_member", "invite_already_exists", "cannot_remove_last_member"} {
		if !seen[code] {
			t.Errorf("ErrorCode lacks %s", code)
		}
	}
	details := doc.Components.Schemas["ErrorDetail"].Value.Properties["details"]
	if details == nil || details.Ref != "#/components/schemas/ErrorDetails" {
		t.Fatal("ErrorDetail.details does not reference ErrorDetails")
	}
	code := details.Value.Properties["error_code"].Value
	if len(code.AnyOf) != 2 || code.AnyOf[0].Ref != "#/components/schemas/ErrorCode" {
		t.Fatalf("error_code is not anyOf [ErrorCode, string]")
	}
	// An unknown code validates: the set is open.
	for _, body := range []string{`{"error_code":"invite_already_exists"}`, `{"error_code":"a_code_from_the_future","extra":1}`} {
		var v any
		_ = json.Unmarshal([]byte(body), &v)
		if err := details.Value.VisitJSON(v); err != nil {
			t.Errorf("details %s: %v", body, err)
		}
	}
}

// TestBetaOperations checks that an operation in beta names one
// anthropic-beta value in x-admin-beta and says it is in beta in its
// summary and description, so that the generated documentation and the
// command-line help do too.
func TestBetaOperations(t *testing.T) {
	doc := loadSpec(t)
	n := 0
	for _, o := range operations(doc) {
		v, ok := o.op.Extensions["x-admin-beta"]
		if !ok {
			continue
		}
		n++
		beta, _ := v.(string)
		if beta == "" || strings.ContainsAny(beta, ", ") {
			t.Errorf("%s: x-admin-beta %v is not one header value", o.op.OperationID, v)
		}
		if !strings.HasSuffix(o.op.Summary, "(beta)") || !strings.Contains(o.op.Description, "anthropic-beta") || !strings.Contains(o.op.Description, beta) {
			t.Errorf("%s: summary and description must say it is in beta and name the header %s", o.op.OperationID, beta)
		}
	}
	if n == 0 {
		t.Error("no operation has x-admin-beta; signOutUser should")
	}
}
