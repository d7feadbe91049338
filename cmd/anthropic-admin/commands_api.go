package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// apiCommand returns "anthropic-admin api", the raw access to any endpoint
// of the API, like "gh api": the request goes through admin.Client.Do, so
// it gets the same credential routing, headers, retries, error reports and
// sanitised output as every other command.
func apiCommand() *command {
	return &command{
		name:    "api",
		summary: "Send a request to any endpoint of the API, for those without a command.",
		details: `The path is below the base URL, such as /v1/organizations/users; a URL
is refused, so the keys never go to another host. The credential follows
the path: the one the matching operation of the API takes (the Admin key,
the org:admin OAuth token or the Compliance key), else the Compliance key
under /v1/compliance/ and the Admin key elsewhere.

--field key=value parameters go into the query of a GET or DELETE and into
a JSON object body otherwise; with --field a value of true, false, null or
a number is sent as that JSON value (use --raw-field for a string). --input
sends a file (or - for stdin) as the JSON body; fields then go into the
query.

--paginate follows the pages of a list (has_more and last_id as after_id,
or next_page as page) and prints the items of every page as one JSON
array. The response is printed as JSON (or -o jsonl, -o yaml, --jq).`,
		args:          []string{"<method>", "<path>"},
		anyCredential: true,
		examples: []string{
			"# The first page of members, as the API returns it",
			"anthropic-admin api GET /v1/organizations/users",
			"# Every member, across pages, and only their emails",
			"anthropic-admin api GET /v1/organizations/users --paginate --jq '.[].email'",
			"# A POST with a JSON body built from fields",
			"anthropic-admin api POST /v1/organizations/workspaces --field name=Research",
			"# A beta endpoint the tool has no operation for (known ones get their header by themselves)",
			"anthropic-admin api GET /v1/organizations/new_endpoint -H 'anthropic-beta: new-endpoint-2026-12-01'",
		},
		do: action{method: funcName(runAPI), setup: func(fs *flag.FlagSet, _ *command) runFunc {
			p := new(apiParams)
			fs.Var((*multiString)(&p.fields), "field", "a `key=value` parameter; true, false, null and numbers are sent as JSON values (repeatable)")
			fs.Var((*multiString)(&p.rawFields), "raw-field", "a `key=value` parameter whose value is always a string (repeatable)")
			fs.StringVar(&p.input, "input", "", "`file` holding the JSON request body, or - for stdin")
			fs.BoolVar(&p.paginate, "paginate", false, "follow every page of a list and print the items of all pages as one JSON array")
			fs.Var((*multiString)(&p.headers), "header", "an extra request header `name:value`, such as 'anthropic-beta: x' (repeatable)")
			return func(ctx context.Context, a *app, args []string) error { return runAPI(ctx, a, args, p) }
		}},
	}
}

// apiParams are the flags of "api".
type apiParams struct {
	fields, rawFields []string
	input             string
	paginate          bool
	headers           []string
}

// multiString is a repeatable string flag.
type multiString []string

// String implements flag.Value.
func (m *multiString) String() string { return strings.Join(*m, ", ") }

// Set implements flag.Value.
func (m *multiString) Set(v string) error {
	*m = append(*m, v)
	return nil
}

// runAPI runs "api <method> <path>": it builds the request from the flags,
// sends it through admin.Client.Do (page after page with --paginate) and
// prints the JSON response through the output of every command.
func runAPI(ctx context.Context, a *app, args []string, p *apiParams) error {
	if es, ok := newRawSink(a, false).(errSink); ok {
		return es.err // before anything is sent
	}
	req, err := a.apiRequest(args[0], args[1], p)
	if err != nil {
		return err
	}
	if !p.paginate {
		resp, err := a.c.Do(ctx, req)
		if err != nil {
			return apiError(err)
		}
		return printRaw(a, resp.Body)
	}
	s := newRawSink(a, true)
	if es, ok := s.(errSink); ok {
		return es.err
	}
	seen := map[string]bool{}
	for pages := 0; ; pages++ {
		resp, err := a.c.Do(ctx, req)
		if err != nil {
			if pages == 0 {
				return apiError(err)
			}
			return flushThen(s, apiError(err))
		}
		var pg struct {
			Data     *[]json.RawMessage `json:"data"`
			HasMore  *bool              `json:"has_more"`
			LastID   *string            `json:"last_id"`
			NextPage *string            `json:"next_page"`
		}
		if err := json.Unmarshal(resp.Body, &pg); err != nil || pg.Data == nil {
			return flushThen(s, fmt.Errorf("--paginate: the response is not a list (no data array)"))
		}
		for _, item := range *pg.Data {
			if err := s.item(item, nil); err != nil {
				return err
			}
		}
		var key, cursor string
		switch {
		case pg.HasMore != nil && !*pg.HasMore:
		case pg.LastID != nil && *pg.LastID != "" && pg.HasMore != nil && len(*pg.Data) > 0:
			key, cursor = "after_id", *pg.LastID
		case pg.NextPage != nil && *pg.NextPage != "":
			key, cursor = "page", *pg.NextPage
		}
		if key == "" {
			return s.end()
		}
		if seen[key+"="+cursor] {
			return flushThen(s, fmt.Errorf("--paginate: the server returned the cursor %s=%q again", key, cursor))
		}
		seen[key+"="+cursor] = true
		req.Query.Del("after_id")
		req.Query.Del("before_id")
		req.Query.Del("page")
		req.Query.Set(key, cursor)
		if err := s.flush(); err != nil {
			return err
		}
	}
}

// apiError turns the errors of Do that are the user's doing into usage
// errors: a request it refuses to send, and a credential that is not set.
func apiError(err error) error {
	switch {
	case errors.Is(err, admin.ErrInvalidInput):
		return usageErrorf("%v", strings.TrimPrefix(err.Error(), "admin: "))
	case errors.Is(err, admin.ErrMissingCredential):
		return &exitError{2, err.Error() + " (set " + envAdminKey + ", " + envComplianceKey + " or " + envOAuthToken + ", or use --fake)"}
	}
	return err
}

// apiRequest builds the request of "api" from its arguments and flags.
func (a *app) apiRequest(method, path string, p *apiParams) (admin.RawRequest, error) {
	req := admin.RawRequest{Method: strings.ToUpper(method), Query: url.Values{}}
	if before, query, ok := strings.Cut(path, "?"); ok {
		q, err := url.ParseQuery(query)
		if err != nil {
			return req, usageErrorf("the query of %q: %v", path, err)
		}
		path, req.Query = before, q
	}
	req.Path = path
	if len(p.headers) > 0 {
		req.Header = http.Header{}
	}
	for _, h := range p.headers {
		name, value, ok := strings.Cut(h, ":")
		if !ok || strings.TrimSpace(name) == "" {
			return req, usageErrorf("--header %q: want name:value", h)
		}
		req.Header.Add(strings.TrimSpace(name), strings.TrimSpace(value))
	}
	body := map[string]any{}
	var keys []string
	add := func(kv string, typed bool) error {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || k == "" {
			return usageErrorf("--field %q: want key=value", kv)
		}
		keys = append(keys, k)
		body[k] = v
		if typed {
			body[k] = typedValue(v)
		}
		return nil
	}
	for _, f := range p.fields {
		if err := add(f, true); err != nil {
			return req, err
		}
	}
	for _, f := range p.rawFields {
		if err := add(f, false); err != nil {
			return req, err
		}
	}
	inQuery := p.input != "" || req.Method == http.MethodGet || req.Method == http.MethodDelete || req.Method == http.MethodHead
	if p.input != "" {
		b, err := a.readInput(p.input)
		if err != nil {
			return req, err
		}
		if !json.Valid(b) {
			return req, usageErrorf("--input %s is not JSON", p.input)
		}
		req.Body = b
	}
	switch {
	case inQuery:
		for _, k := range keys {
			switch v := body[k].(type) {
			case nil:
				req.Query.Add(k, "null")
			case string:
				req.Query.Add(k, v)
			default:
				req.Query.Add(k, fmt.Sprint(v))
			}
		}
	case len(keys) > 0:
		b, err := json.Marshal(body)
		if err != nil {
			return req, err
		}
		req.Body = b
	}
	return req, nil
}

// typedValue is the JSON value of a --field value: true, false, null, a
// number, or else the string itself.
func typedValue(v string) any {
	switch v {
	case "true":
		return true
	case "false":
		return false
	case "null":
		return nil
	}
	if _, err := strconv.ParseFloat(v, 64); err == nil && json.Valid([]byte(v)) {
		return json.Number(v)
	}
	return v
}

// maxInput is the largest --input body read.
const maxInput = 16 << 20

// readInput reads the body of --input: a file, or stdin for "-".
func (a *app) readInput(name string) ([]byte, error) {
	var r io.Reader = a.stdin
	if name != "-" {
		f, err := os.Open(name)
		if err != nil {
			return nil, usageErrorf("--input: %v", err)
		}
		defer f.Close()
		r = f
	}
	b, err := io.ReadAll(io.LimitReader(r, maxInput+1))
	if err != nil {
		return nil, fmt.Errorf("--input: %w", err)
	}
	if len(b) > maxInput {
		return nil, usageErrorf("--input: larger than %d bytes", maxInput)
	}
	return bytes.TrimSpace(b), nil
}

// printRaw prints a response body of "api": a JSON value through the
// output of every command, anything else as sanitised text.
func printRaw(a *app, body []byte) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return nil
	}
	if !json.Valid(body) {
		_, err := fmt.Fprintln(a.stdout, safeText(string(body)))
		return err
	}
	s := newRawSink(a, false)
	if err := s.item(json.RawMessage(body), nil); err != nil {
		return err
	}
	return s.end()
}

// newRawSink returns the sink of "api": JSON (also for -o table and csv,
// which need columns a raw response lacks), or the JSON-based formats.
func newRawSink(a *app, list bool) sink {
	o := a.output()
	if o.columns != "" && o.jq == "" {
		return errSink{usageErrorf("--columns needs a table; api prints JSON (use --jq to pick fields)")}
	}
	if o.format == "table" || o.format == "csv" {
		o.format = "json"
	}
	return newSink(o, a.stdout, list, nil)
}
