package admintest

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Every response of every Server created by this package's tests (examples
// included) is validated against the spec; TestMain fails the run if any
// response did not match.
var violations struct {
	sync.Mutex
	list []string
}

func init() {
	testResponseCheck = func(r *http.Request, rt *routers.Route, pathParams map[string]string, status int, header http.Header, body []byte) {
		if err := validateResponse(r, rt, pathParams, status, header, body); err != nil {
			violations.Lock()
			violations.list = append(violations.list, fmt.Sprintf("%s %s -> %d: %v\n%s", r.Method, r.URL, status, err, body))
			violations.Unlock()
		}
	}
}

func validateResponse(r *http.Request, rt *routers.Route, pathParams map[string]string, status int, header http.Header, body []byte) error {
	in := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{Request: r, PathParams: pathParams, Route: rt},
		Status:                 status,
		Header:                 header,
		Body:                   io.NopCloser(bytes.NewReader(body)),
		Options:                &openapi3filter.Options{IncludeResponseStatus: status != http.StatusRequestEntityTooLarge},
	}
	if err := openapi3filter.ValidateResponse(context.Background(), in); err != nil {
		return err
	}
	id := header.Get("request-id")
	if !strings.HasPrefix(id, "req_01") {
		return fmt.Errorf("request-id header %q is not a req_01 ID", id)
	}
	if status >= 400 && !bytes.Contains(body, []byte(`"request_id":"`+id+`"`)) {
		return fmt.Errorf("error body's request_id differs from the request-id header %q", id)
	}
	return nil
}

// takeViolations returns and clears the recorded violations.
func takeViolations() []string {
	violations.Lock()
	defer violations.Unlock()
	v := violations.list
	violations.list = nil
	return v
}

func TestMain(m *testing.M) {
	code := m.Run()
	if v := takeViolations(); len(v) > 0 {
		fmt.Fprintf(os.Stderr, "%d responses did not match the spec:\n", len(v))
		for _, s := range v {
			fmt.Fprintln(os.Stderr, s)
		}
		code = 1
	}
	os.Exit(code)
}
