package admin

import (
	"fmt"
	"net/http"
	"testing"
)

// TestShouldRetry is the table of the package documentation's retry rules:
// every combination of status, error code, x-should-retry and create that
// a rule decides.
func TestShouldRetry(t *testing.T) {
	update, create := op{verb: "update workspace"}, op{verb: "create workspace", create: true}
	for _, tc := range []struct {
		status int
		code   ErrorCode
		header string
		o      op
		want   bool
	}{
		// 1. Redirects never.
		{302, "", "true", update, false},
		// 2. x-should-retry: false is final.
		{503, "", "false", update, false},
		{429, "", "false", update, false},
		{429, "", "false", create, false},
		{409, ErrorCodeConcurrentMembershipChange, "false", update, false},
		{409, ErrorCodeConcurrentMembershipChange, "false", create, false},
		{503, ErrorCodeChangeOutcomeUnknown, "false", update, false},
		// 3. workspace_created_incomplete is final, whatever the header.
		{503, ErrorCodeWorkspaceCreatedIncomplete, "", create, false},
		{503, ErrorCodeWorkspaceCreatedIncomplete, "true", create, false},
		{503, ErrorCodeWorkspaceCreatedIncomplete, "true", update, false},
		// 4. Refused unprocessed: retried, creates included.
		{429, "", "", update, true},
		{429, "", "", create, true},
		{409, ErrorCodeConcurrentMembershipChange, "", update, true},
		{409, ErrorCodeConcurrentMembershipChange, "", create, true},
		{409, ErrorCodeConcurrentMembershipChange, "true", create, true},
		// 5. A create for nothing else.
		{500, "", "", create, false},
		{503, "", "true", create, false},
		{503, ErrorCodeChangeOutcomeUnknown, "", create, false},
		{409, "", "true", create, false},
		// 6. x-should-retry: true.
		{409, "", "true", update, true},
		{400, "", "true", update, true},
		// 7. change_outcome_unknown, whatever its status.
		{503, ErrorCodeChangeOutcomeUnknown, "", update, true},
		{500, ErrorCodeChangeOutcomeUnknown, "", update, true},
		{409, ErrorCodeChangeOutcomeUnknown, "", update, true},
		// 8. The status.
		{500, "", "", update, true},
		{502, "", "", update, true},
		{503, "", "", update, true},
		{504, "", "", update, true},
		{529, "", "", update, true},
		{501, "", "", update, false},
		{409, "", "", update, false},
		{409, ErrorCodeExternalKeyChanged, "", update, false},
		{400, ErrorCodeInviteAlreadyExists, "", update, false},
		{404, "", "", update, false},
		// An unknown header value is no header.
		{503, "", "maybe", update, true},
		{409, "", "maybe", update, false},
	} {
		name := fmt.Sprintf("%d %s x-should-retry=%q create=%v", tc.status, tc.code, tc.header, tc.o.create)
		resp := &http.Response{StatusCode: tc.status, Header: http.Header{}}
		if tc.header != "" {
			resp.Header.Set("x-should-retry", tc.header)
		}
		if got := shouldRetry(tc.o, resp, &Error{StatusCode: tc.status, Code: tc.code}); got != tc.want {
			t.Errorf("%s: shouldRetry = %v, want %v", name, got, tc.want)
		}
	}
}
