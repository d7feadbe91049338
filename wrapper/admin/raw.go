package admin

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// A RawRequest is a request to any path of the API, for an endpoint the
// client has no method for yet (see [Client.Do]).
type RawRequest struct {
	// Method is the HTTP method, such as "GET" or "POST" (case-insensitive).
	Method string
	// Path is the path of the endpoint below the base URL, such as
	// "/v1/organizations/users", optionally followed by a query. It must
	// start with a single "/": an absolute URL ("https://other.example/x")
	// or a scheme-relative one ("//other.example/x") is refused, so that
	// no credential can be sent to another host, and so is a "." or ".."
	// segment, escaped or not.
	Path string
	// Query holds query parameters, added to those of Path.
	Query url.Values
	// Body is a JSON request body, sent with Content-Type
	// application/json; nil sends no body.
	Body []byte
	// Header holds extra request headers, such as anthropic-beta. The
	// headers the client sets itself (authentication, anthropic-version,
	// User-Agent, Accept, Content-Type, Host and the hop-by-hop headers)
	// are refused.
	Header http.Header
}

// A RawResponse is the 2xx response to a [RawRequest].
type RawResponse struct {
	// StatusCode is the HTTP status, such as 200.
	StatusCode int
	// Header holds the response headers, such as request-id.
	Header http.Header
	// Body is the whole response body, at most the client's
	// [WithMaxResponseBytes] limit.
	Body []byte
	// Operation is the operation of the API whose method and path
	// template the request matched, or "" when it matched none.
	Operation Operation
}

// route is an operation as a raw request meets it: its method, path
// template (such as "/v1/organizations/users/{user_id}"), the credentials
// it accepts and whether it creates something. The generated routes table
// lists every operation.
type route struct {
	op     Operation
	method string
	path   string
	creds  credential
	create bool
}

// Route returns the HTTP method and the path template of o, such as "GET"
// and "/v1/organizations/users/{user_id}", or two empty strings for an
// unknown operation.
func (o Operation) Route() (method, path string) {
	for _, r := range routes {
		if r.op == o {
			return r.method, r.path
		}
	}
	return "", ""
}

// matchRoute returns the route of the operation that method and path
// (escaped, without query) address, or false. A template segment such as
// "{user_id}" matches any one non-empty segment; the path must have as
// many segments as the template. When several templates match, the one
// with the most literal segments wins.
func matchRoute(method, path string) (route, bool) {
	segs := strings.Split(path, "/")
	best, bestLiterals := route{}, -1
	for _, r := range routes {
		if r.method != method {
			continue
		}
		tmpl := strings.Split(r.path, "/")
		if len(tmpl) != len(segs) {
			continue
		}
		literals := 0
		for i, t := range tmpl {
			switch {
			case strings.HasPrefix(t, "{") && strings.HasSuffix(t, "}"):
				if segs[i] == "" {
					literals = -1
				}
			case t == segs[i]:
				literals++
			default:
				literals = -1
			}
			if literals < 0 {
				break
			}
		}
		if literals > bestLiterals {
			best, bestLiterals = r, literals
		}
	}
	return best, bestLiterals >= 0
}

// compliancePrefix starts the paths of the Compliance API, which take the
// Compliance Access Key.
const compliancePrefix = "/v1/compliance/"

// reservedHeaders are the headers a RawRequest may not set: the client
// sets them, or they belong to the transport.
var reservedHeaders = map[string]bool{
	"Authorization": true, "X-Api-Key": true, "Anthropic-Version": true,
	"User-Agent": true, "Accept": true, "Content-Type": true, "Content-Length": true,
	"Host": true, "Connection": true, "Transfer-Encoding": true, "Te": true,
	"Upgrade": true, "Proxy-Authorization": true, "Cookie": true,
}

// Do sends a raw request to the API, for an endpoint the client has no
// method for, and returns its 2xx response, through the same pipeline as
// every method:
//
//   - The credential: when the method and path match an operation of the
//     API (see [Operation.Route]), the one the client holds of those the
//     operation accepts, as for its method; otherwise the Compliance Access
//     Key for a path under /v1/compliance/, and the Admin API key for any
//     other. A client without that credential fails with
//     [ErrMissingCredential] before anything is sent.
//   - The headers: anthropic-version, User-Agent, Accept, the anthropic-beta
//     header a matched operation needs (unless req.Header sets one), and
//     req.Header.
//   - The host: the request goes to the base URL's host only; Path is a
//     path below the base URL, never a URL of its own.
//   - Retries, with the rules of the package documentation: a POST that
//     matches a creating operation, or matches no operation at all, is
//     retried only when the server provably did not process it.
//   - Errors: a non-2xx response is an [*Error] as for any method, with the
//     client's secrets scrubbed from it; a 2xx body larger than the
//     [WithMaxResponseBytes] limit is an *Error matching
//     [ErrUnexpectedResponse]. A request Do refuses to send (a bad path or
//     header) is an error matching [ErrInvalidInput].
//
// The body of the response is returned as it is, not checked against the
// schema of the matched operation.
func (c *Client) Do(ctx context.Context, req RawRequest) (*RawResponse, error) {
	method := strings.ToUpper(req.Method)
	o := op{verb: method + " " + req.Path}
	target, err := rawURL(c.cfg.baseURL, req.Path, req.Query)
	if err != nil {
		return nil, opError(o.String(), invalidInput("%v", err))
	}
	if method == "" || strings.ContainsAny(method, " \t\r\n/:") {
		return nil, opError(o.String(), invalidInput("method %q is not an HTTP method", req.Method))
	}
	for name, values := range req.Header {
		canon := http.CanonicalHeaderKey(name)
		if reservedHeaders[canon] {
			return nil, opError(o.String(), invalidInput("the header %s is set by the client", canon))
		}
		for _, v := range values {
			if strings.ContainsAny(v, "\r\n") {
				return nil, opError(o.String(), invalidInput("the header %s contains a line break", canon))
			}
		}
	}
	apiPath := strings.TrimPrefix(target.EscapedPath(), c.cfg.basePath())
	r, matched := matchRoute(method, apiPath)
	switch {
	case matched:
		o.creds, o.create, o.beta = r.creds, r.create, r.op.Beta()
	case strings.HasPrefix(apiPath, compliancePrefix):
		o.creds = credComplianceKey
	default:
		o.creds = credAdminKey
		o.create = method == http.MethodPost
	}
	if req.Header.Get("Anthropic-Beta") != "" {
		o.beta = ""
	}
	send := func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		hr, err := http.NewRequestWithContext(ctx, method, target.String(), nil)
		if err != nil {
			return nil, err
		}
		if req.Body != nil {
			hr.Body = io.NopCloser(bytes.NewReader(req.Body))
			hr.ContentLength = int64(len(req.Body))
			hr.Header["Content-Type"] = []string{"application/json"}
		}
		for name, values := range req.Header {
			hr.Header[http.CanonicalHeaderKey(name)] = append([]string(nil), values...)
		}
		if err := edit(ctx, hr); err != nil {
			return nil, err
		}
		return c.cfg.httpClient.Do(hr)
	}
	resp, err := c.cfg.perform(ctx, o, send)
	if err != nil {
		return nil, err
	}
	body, err := readBody(o, resp, c.cfg.maxResponseBytes, c.cfg.scrubber)
	if err != nil {
		return nil, err
	}
	out := &RawResponse{StatusCode: resp.StatusCode, Header: resp.Header, Body: body}
	if matched {
		out.Operation = r.op
	}
	return out, nil
}

// rawURL resolves path (with its query, if any) and query against the
// base URL, refusing anything that is not a plain path below it.
func rawURL(baseURL, path string, query url.Values) (*url.URL, error) {
	if !strings.HasPrefix(path, "/") || strings.HasPrefix(path, "//") {
		return nil, fmt.Errorf("path %q: want a path starting with a single /, not a URL", path)
	}
	p, err := url.Parse(path)
	if err != nil {
		return nil, fmt.Errorf("path %q: %v", path, err)
	}
	if p.Scheme != "" || p.Host != "" || p.User != nil || p.Fragment != "" {
		return nil, fmt.Errorf("path %q: want a path starting with a single /, not a URL", path)
	}
	for _, seg := range strings.Split(p.Path, "/") {
		if seg == "." || seg == ".." {
			return nil, fmt.Errorf("path %q: a %q segment is not allowed", path, seg)
		}
	}
	base, err := url.Parse(baseURL)
	if err != nil {
		return nil, err
	}
	u := *base
	u.Path = strings.TrimSuffix(base.Path, "/") + p.Path
	u.RawPath = ""
	if p.RawPath != "" {
		u.RawPath = strings.TrimSuffix(base.EscapedPath(), "/") + p.RawPath
	}
	q := p.Query()
	for k, vs := range query {
		q[k] = append(q[k], vs...)
	}
	u.RawQuery = q.Encode()
	return &u, nil
}

// basePath returns the escaped path of the base URL without its trailing
// slash: the prefix of every request path.
func (c *config) basePath() string {
	u, err := url.Parse(c.baseURL)
	if err != nil {
		return ""
	}
	return strings.TrimSuffix(u.EscapedPath(), "/")
}
