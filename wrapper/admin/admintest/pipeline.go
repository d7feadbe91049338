package admintest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"path"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
)

// APIVersion is the anthropic-version the server's clients speak by
// default; the server also accepts [APIVersion20261021].
const APIVersion = "2023-06-01"

// APIVersion20261021 is the newer API version, under which an Admin API
// key may also be sent as a Bearer token.
const APIVersion20261021 = "2026-10-21"

// route is one operation of the spec, ready for routing and validation.
type route struct {
	kin        *routers.Route
	opID       string   // operationKey of the operationId
	name       string   // the operationId as the spec spells it
	pattern    string   // router pattern, "GET /v1/organizations/users/{user_id}"
	pathParams []string // names of the path parameters
	// schemes are the operation's alternative security schemes: a
	// request must satisfy one of them.
	schemes []*openapi3.SecurityScheme
	// beta is the anthropic-beta value the operation requires (its
	// x-admin-beta), or "".
	beta string
	// scopes are the scopes the operation's key must carry (its
	// x-admin-scopes).
	scopes []string
	// compliance is whether the operation belongs to the Compliance API.
	compliance bool
	// memoValid is whether the validation of a request depends on its
	// path and query string alone (the operation has no request body and
	// no header or cookie parameters); valid then remembers the requests
	// that passed.
	memoValid bool
	valid     validMemo
}

// validMemo remembers the path and query strings of requests of one
// route that passed validation against the spec, so that a client
// repeating a request (a poll, a paginated walk from the same cursor)
// does not pay kin-openapi's parameter decoding again: the outcome of
// validation is a function of the request line for such a route. It keeps
// at most maxValidMemo entries per route; past that it only validates.
type validMemo struct {
	m sync.Map // "path?query" or "?query" -> struct{}
	n atomic.Int64
}

// maxValidMemo bounds each route's memo of valid requests.
const maxValidMemo = 4096

// validKey is the memo key of r: its query string alone for a route
// without path parameters, else its path too.
func validKey(rt *route, r *http.Request) string {
	if len(rt.pathParams) == 0 {
		return r.URL.RawQuery
	}
	return r.URL.EscapedPath() + "?" + r.URL.RawQuery
}

// validate validates r against rt's operation, remembering successes of a
// memoValid route.
func validate(rt *route, r *http.Request, pathParams map[string]string) error {
	var key string
	if rt.memoValid {
		key = validKey(rt, r)
		if _, ok := rt.valid.m.Load(key); ok {
			return nil
		}
	}
	input := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: pathParams,
		Route:      rt.kin,
		Options:    validationOptions,
	}
	if err := openapi3filter.ValidateRequest(r.Context(), input); err != nil {
		return err
	}
	if rt.memoValid && rt.valid.n.Add(1) <= maxValidMemo {
		rt.valid.m.Store(key, struct{}{})
	}
	return nil
}

// requestLineOnly reports whether op's validation depends on the request
// line alone: it has no request body, and no header or cookie parameter
// (its own or its path's).
func requestLineOnly(item *openapi3.PathItem, op *openapi3.Operation) bool {
	if op.RequestBody != nil {
		return false
	}
	for _, params := range []openapi3.Parameters{item.Parameters, op.Parameters} {
		for _, p := range params {
			if p.Value == nil || (p.Value.In != openapi3.ParameterInPath && p.Value.In != openapi3.ParameterInQuery) {
				return false
			}
		}
	}
	return true
}

// specRoutes parses the spec embedded in gen/server once and lists its
// operations.
var specRoutes = sync.OnceValues(func() ([]*route, error) {
	spec, err := server.GetSpec()
	if err != nil {
		return nil, err
	}
	var out []*route
	for _, p := range spec.Paths.InMatchingOrder() {
		item := spec.Paths.Value(p)
		for method, op := range item.Operations() {
			rt := &route{
				kin:     &routers.Route{Spec: spec, Path: p, PathItem: item, Method: method, Operation: op},
				opID:    operationKey(op.OperationID),
				name:    op.OperationID,
				pattern: method + " " + p,
			}
			rt.beta, _ = op.Extensions["x-admin-beta"].(string)
			rt.scopes = operationScopes(op.Extensions)
			rt.compliance = strings.HasPrefix(p, "/v1/compliance/")
			rt.memoValid = requestLineOnly(item, op)
			for _, seg := range strings.Split(p, "/") {
				if strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}") {
					rt.pathParams = append(rt.pathParams, seg[1:len(seg)-1])
				}
			}
			security := spec.Security
			if op.Security != nil {
				security = *op.Security
			}
			for _, req := range security {
				for name := range req {
					ref := spec.Components.SecuritySchemes[name]
					if ref == nil || ref.Value == nil {
						return nil, fmt.Errorf("admintest: operation %s: unknown security scheme %q", rt.opID, name)
					}
					rt.schemes = append(rt.schemes, ref.Value)
				}
			}
			out = append(out, rt)
		}
	}
	slices.SortFunc(out, func(a, b *route) int { return strings.Compare(a.pattern, b.pattern) })
	return out, nil
})

func mustRoutes() []*route {
	rts, err := specRoutes()
	if err != nil {
		panic("admintest: loading the embedded spec: " + err.Error())
	}
	return rts
}

// operationKey normalizes an operationId. The spec embedded in gen/server
// spells operationIds as Go names ("GetUser", "ListAPIKeys") where
// spec/admin-api.yaml has "getUser" and "listApiKeys"; both are accepted.
func operationKey(id string) string { return strings.ToLower(id) }

// operationIDs is the set of the spec's operationIds, by operationKey.
var operationIDs = sync.OnceValue(func() map[string]*route {
	m := make(map[string]*route)
	for _, rt := range mustRoutes() {
		m[operationKey(rt.opID)] = rt
	}
	return m
})

// reqInfo travels in the request context.
type reqInfo struct {
	id         string
	beta       string // the anthropic-beta header
	route      *route
	pathParams map[string]string
	body       []byte // the request body, read by readBody
	cred       presented
}

type ctxKey struct{}

func infoFrom(ctx context.Context) *reqInfo {
	info, _ := ctx.Value(ctxKey{}).(*reqInfo)
	return info
}

// requestID returns the ID of the request being served ("" outside one).
func requestID(ctx context.Context) string {
	if info := infoFrom(ctx); info != nil {
		return info.id
	}
	return ""
}

// responseCheck is called after every routed response; this package's
// tests set testResponseCheck to validate responses against the spec.
type responseCheck func(r *http.Request, rt *routers.Route, pathParams map[string]string, status int, header http.Header, body []byte)

var testResponseCheck responseCheck

var validationOptions = &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc}

func (s *Server) buildHandler() {
	mux := newRouter()
	for _, rt := range mustRoutes() {
		mux.Handle(rt.pattern, s.routeHandler(rt))
	}
	mux.HandleFunc("/", s.noRoute)
	s.routes = mux

	strict := server.NewStrictHandlerWithOptions(&api{s}, []server.StrictMiddlewareFunc{s.recordActivities}, server.StrictHTTPServerOptions{
		RequestErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			writeError(w, r, badRequest("invalid request: %v", err))
		},
		ResponseErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			var e *apiError
			if !errors.As(err, &e) {
				e = newError(http.StatusInternalServerError, errAPI, "internal error: %v", err)
			}
			writeError(w, r, e)
		},
	})
	s.api = server.HandlerWithOptions(strict, server.StdHTTPServerOptions{
		BaseRouter: newRouter(),
		ErrorHandlerFunc: func(w http.ResponseWriter, r *http.Request, err error) {
			writeError(w, r, badRequest("%s", describeBindingError(err)))
		},
	})
	s.handler = http.HandlerFunc(s.serve)
}

// serve is the entry point of every request: it gives the request its ID,
// applies the configured latency, rejects paths that are not clean and
// routes the rest.
func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	info := &reqInfo{id: s.reqIDs.next("req")}
	r = r.WithContext(context.WithValue(r.Context(), ctxKey{}, info))
	w.Header().Set("Request-Id", info.id) // canonical keys spare an allocation per request
	if s.check != nil {
		rec := &recorder{ResponseWriter: w, status: http.StatusOK}
		w = rec
		defer func() {
			if info.route != nil {
				s.check(r, info.route.kin, info.pathParams, rec.status, rec.Header(), rec.body.Bytes())
			}
		}()
	}
	defer func() {
		if v := recover(); v != nil {
			if v == http.ErrAbortHandler {
				panic(v)
			}
			// Best effort: if the handler already wrote a status, this
			// only appends to the body.
			writeError(w, r, newError(http.StatusInternalServerError, errAPI, "internal error in the fake: %v", v))
		}
	}()
	if d := time.Duration(s.latency.Load()); d > 0 {
		t := time.NewTimer(d)
		select {
		case <-t.C:
		case <-r.Context().Done():
			t.Stop()
			writeError(w, r, newError(http.StatusServiceUnavailable, errAPI, "request abandoned during injected latency"))
			return
		}
	}
	if p := r.URL.Path; p == "" || p != path.Clean(p) {
		writeError(w, r, notFound("not found: %s", r.URL.EscapedPath()))
		return
	}
	s.routes.ServeHTTP(w, r)
}

// noRoute answers requests that match no operation: 405 when the path
// exists with other methods, 404 otherwise.
func (s *Server) noRoute(w http.ResponseWriter, r *http.Request) {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodDelete} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, pattern := s.routes.Handler(probe); pattern != "/" && pattern != "" {
			allowed = append(allowed, m)
		}
	}
	if len(allowed) > 0 {
		w.Header().Set("Allow", strings.Join(allowed, ", "))
		writeError(w, r, newError(http.StatusMethodNotAllowed, errInvalidRequest,
			"method %s not allowed on %s (allowed: %s)", r.Method, r.URL.EscapedPath(), strings.Join(allowed, ", ")))
		return
	}
	writeError(w, r, notFound("not found: %s %s", r.Method, r.URL.EscapedPath()))
}

// routeHandler checks a request routed to rt: credentials, version header,
// injected faults, body size and the spec, then hands it to the generated
// handler.
func (s *Server) routeHandler(rt *route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		info := infoFrom(r.Context())
		info.route = rt
		info.beta = r.Header.Get("Anthropic-Beta")
		if len(rt.pathParams) > 0 { // most lists have none: spare the map
			info.pathParams = make(map[string]string, len(rt.pathParams))
			for _, name := range rt.pathParams {
				info.pathParams[name] = r.PathValue(name)
			}
		}
		if e := s.authenticate(rt, r); e != nil {
			writeError(w, r, e)
			return
		}
		if e := checkScopes(rt, info.cred.key); e != nil {
			writeError(w, r, e)
			return
		}
		if e := checkVersion(r); e != nil {
			writeError(w, r, e)
			return
		}
		if rt.beta != "" && !hasBeta(r.Context(), rt.beta) {
			writeError(w, r, badRequest("anthropic-beta: this operation is in beta and needs the header anthropic-beta: %s", rt.beta))
			return
		}
		if e := s.checkComplianceEnabled(r); e != nil {
			writeError(w, r, e)
			return
		}
		fault, processed := s.takeFault(rt.opID)
		if fault != nil && !processed {
			writeError(w, r, fault)
			return
		}
		if e := s.readBody(w, r); e != nil {
			writeError(w, r, e)
			return
		}
		if err := validate(rt, r, info.pathParams); err != nil {
			writeError(w, r, badRequest("%s", describeValidationError(err)))
			return
		}
		if fault != nil {
			s.serveThenFail(w, r, fault)
			return
		}
		s.api.ServeHTTP(w, r)
	})
}

// serveThenFail performs a call and then answers with fault instead of
// its success (a fault with Processed). The details of a
// workspace_created_incomplete fault get the ID of the workspace made,
// unless they have one. A call that fails answers with its own error.
func (s *Server) serveThenFail(w http.ResponseWriter, r *http.Request, fault *apiError) {
	buf := &bufferedResponse{header: http.Header{}, status: http.StatusOK}
	s.api.ServeHTTP(buf, r)
	if buf.status != http.StatusOK {
		h := w.Header()
		for k, v := range buf.header {
			h[k] = v
		}
		w.WriteHeader(buf.status)
		_, _ = w.Write(buf.body.Bytes())
		return
	}
	if fault.code == gen.ErrorCodeWorkspaceCreatedIncomplete {
		if _, ok := fault.details["workspace_id"]; !ok {
			var created struct {
				ID string `json:"id"`
			}
			_ = json.Unmarshal(buf.body.Bytes(), &created)
			fault.details = maps.Clone(fault.details)
			if fault.details == nil {
				fault.details = map[string]any{}
			}
			fault.details["workspace_id"] = created.ID
		}
	}
	writeError(w, r, fault)
}

// bufferedResponse holds a response in memory.
type bufferedResponse struct {
	header http.Header
	status int
	body   bytes.Buffer
}

func (b *bufferedResponse) Header() http.Header { return b.header }

func (b *bufferedResponse) WriteHeader(code int) { b.status = code }

func (b *bufferedResponse) Write(p []byte) (int, error) { return b.body.Write(p) }

// credential kinds, as the spec's x-admin-credential names them.
const (
	credAdminKey      = "admin-key"
	credOAuth         = "oauth"
	credComplianceKey = "compliance-key"
)

// presented is a credential found in a request: its kind, and how it was
// sent ("x-api-key" or "bearer").
type presented struct {
	kind, form string
	key        *keyInfo // the key, or nil for an OAuth token
}

// credentialOf identifies the credential of r: x-api-key takes precedence
// over Authorization, as a request carries one. It returns a 401 for a
// missing or unknown credential.
func (s *Server) credentialOf(r *http.Request) (presented, *apiError) {
	if key := r.Header.Get("X-Api-Key"); key != "" { // a canonical key spares an allocation
		if k := s.keys.lookup(key); k != nil {
			return presented{k.kind, "x-api-key", k}, nil
		}
		return presented{}, newError(http.StatusUnauthorized, errAuthentication, "invalid x-api-key")
	}
	auth := r.Header.Get("Authorization")
	if auth == "" {
		return presented{}, newError(http.StatusUnauthorized, errAuthentication, "x-api-key or Authorization header is required")
	}
	token, ok := bearerToken(auth)
	if !ok {
		return presented{}, newError(http.StatusUnauthorized, errAuthentication, "Authorization header must use the Bearer scheme")
	}
	if k := s.keys.lookup(token); k != nil {
		return presented{k.kind, "bearer", k}, nil
	}
	if s.validToken(token) {
		return presented{credOAuth, "bearer", nil}, nil
	}
	return presented{}, newError(http.StatusUnauthorized, errAuthentication, "invalid bearer token")
}

// authenticate checks that r carries a credential one of the operation's
// security schemes accepts, in that scheme's form. A valid credential of
// another kind is a 403, as the real service refuses an Admin key where
// only an OAuth token will do. An Admin key as a Bearer token is the form
// of API version 2026-10-21 only.
func (s *Server) authenticate(rt *route, r *http.Request) *apiError {
	got, e := s.credentialOf(r)
	if e != nil {
		return e
	}
	if info := infoFrom(r.Context()); info != nil {
		info.cred = got
	}
	var want []string
	for _, sch := range rt.schemes {
		kind, _ := sch.Extensions["x-admin-credential"].(string)
		form := "bearer"
		if sch.Type == "apiKey" {
			form = "x-api-key"
		}
		if kind == got.kind && form == got.form {
			if kind == credAdminKey && form == "bearer" && r.Header.Get("Anthropic-Version") != APIVersion20261021 {
				return newError(http.StatusUnauthorized, errAuthentication,
					"an Admin API key as a Bearer token needs anthropic-version %s; use x-api-key with %s", APIVersion20261021, APIVersion)
			}
			return nil
		}
		if !slices.Contains(want, kind) {
			want = append(want, kind)
		}
	}
	if slices.Contains(want, got.kind) {
		return newError(http.StatusUnauthorized, errAuthentication, "this operation does not accept %s as %s", credentialText[got.kind], got.form)
	}
	var names []string
	for _, k := range want {
		names = append(names, credentialText[k])
	}
	return newError(http.StatusForbidden, errPermission, "this operation needs %s; %s is refused", strings.Join(names, " or "), credentialText[got.kind])
}

// credentialText names the kinds of credential in errors.
var credentialText = map[string]string{
	credAdminKey:      "an Admin API key",
	credOAuth:         "an org:admin OAuth access token",
	credComplianceKey: "a Compliance Access Key",
}

// bearerToken returns the token of an Authorization header value that uses
// the Bearer scheme. As RFC 7235 section 2.1 says, the scheme name is
// case-insensitive ("bearer" and "BEARER" are the same scheme) and one or
// more spaces separate it from the token.
func bearerToken(header string) (token string, ok bool) {
	scheme, token, found := strings.Cut(header, " ")
	if !found || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimLeft(token, " ")
	return token, token != ""
}

func checkVersion(r *http.Request) *apiError {
	switch v := r.Header.Get("Anthropic-Version"); v {
	case APIVersion, APIVersion20261021:
		return nil
	case "":
		return badRequest("anthropic-version: header is required")
	default:
		return badRequest("anthropic-version: unsupported version %q (the fake accepts %q and %q)", v, APIVersion, APIVersion20261021)
	}
}

// readBody reads the whole body, refusing more than s.maxBody bytes, so
// that validation and decoding can read it again.
func (s *Server) readBody(w http.ResponseWriter, r *http.Request) *apiError {
	if r.Body == nil || r.Body == http.NoBody {
		return nil
	}
	tooLarge := newError(http.StatusRequestEntityTooLarge, errRequestTooLarge, "request body is larger than %d bytes", s.maxBody)
	if r.ContentLength > s.maxBody {
		return tooLarge
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, s.maxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return tooLarge
		}
		return badRequest("reading the request body: %v", err)
	}
	// A JSON decoder stops after the first value, so validation alone would
	// accept trailing garbage such as {"role":"user"} xyz.
	if len(body) > 0 && strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") && !json.Valid(body) {
		return badRequest("body: invalid JSON")
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if info := infoFrom(r.Context()); info != nil {
		info.body = body
	}
	return nil
}

// describeValidationError turns a kin-openapi validation error into a
// message that names the offending field.
func describeValidationError(err error) string {
	var re *openapi3filter.RequestError
	if !errors.As(err, &re) {
		return err.Error()
	}
	var se *openapi3.SchemaError
	hasSchema := errors.As(re.Err, &se)
	if hasSchema {
		se = innermostSchemaError(se)
	}
	switch {
	case re.Parameter != nil:
		reason := re.Reason
		if hasSchema {
			reason = se.Reason
		} else if re.Err != nil {
			reason = re.Err.Error()
		}
		return fmt.Sprintf("%s: %s", re.Parameter.Name, reason)
	case re.RequestBody != nil && hasSchema:
		field := strings.Join(se.JSONPointer(), ".")
		if field == "" {
			field = "body"
		}
		return fmt.Sprintf("%s: %s", field, se.Reason)
	case re.RequestBody != nil:
		reason := re.Reason
		if re.Err != nil {
			reason = re.Err.Error()
			if strings.Contains(reason, "failed to decode") || strings.Contains(reason, "invalid character") || strings.Contains(reason, "unexpected EOF") {
				reason = "invalid JSON: " + reason
			}
		}
		return "body: " + reason
	}
	return re.Error()
}

// innermostSchemaError looks through the allOf wrappers of the spec's
// nullable references (nullable: true, allOf: [$ref]) to the error about
// the offending field itself, so that a message says
// "data_residency.allowed_inference_geos: ..." rather than
// "data_residency: doesn't match all schemas from allOf". kin-openapi
// records the full path in the inner errors too.
func innermostSchemaError(se *openapi3.SchemaError) *openapi3.SchemaError {
	for se.SchemaField == "allOf" {
		var inner *openapi3.SchemaError
		if !errors.As(se.Origin, &inner) {
			break
		}
		se = inner
	}
	return se
}

// describeBindingError formats an error of the generated parameter binding
// (which catches what kin-openapi lets through, such as a repeated
// single-valued parameter) as "name: reason".
func describeBindingError(err error) string {
	var format *server.InvalidParamFormatError
	var many *server.TooManyValuesForParamError
	var required *server.RequiredParamError
	switch {
	case errors.As(err, &format):
		return fmt.Sprintf("%s: %v", format.ParamName, format.Err)
	case errors.As(err, &many):
		return fmt.Sprintf("%s: expected one value, got %d", many.ParamName, many.Count)
	case errors.As(err, &required):
		return fmt.Sprintf("%s: is required", required.ParamName)
	}
	return err.Error()
}

// recorder passes a response through and keeps a copy for checking.
type recorder struct {
	http.ResponseWriter
	status      int
	wroteHeader bool
	body        bytes.Buffer
}

func (r *recorder) WriteHeader(code int) {
	if !r.wroteHeader {
		r.status, r.wroteHeader = code, true
	}
	r.ResponseWriter.WriteHeader(code)
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wroteHeader = true
	r.body.Write(b)
	return r.ResponseWriter.Write(b)
}
