package workflow_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// Invite four people, two at a time: one is a member already and one has
// a pending invite, which count as done; one address is refused.
func ExampleInviteMany() {
	srv := admintest.NewServer()
	defer srv.Close()
	if _, err := srv.AddUser(admintest.UserSeed{Email: "ada@example.com", Role: admin.OrganizationRoleDeveloper}); err != nil {
		panic(err)
	}
	if _, err := srv.AddInvite(admintest.InviteSeed{Email: "grace@example.com"}); err != nil {
		panic(err)
	}
	// RecordRequestIDs gives each result the request ID of its response,
	// and lets a 429 pause every worker as soon as it arrives.
	client := srv.Client(admin.WithHTTPClient(&http.Client{Transport: workflow.RecordRequestIDs(nil)}))

	invites := []admin.CreateInviteRequest{
		{Email: "ada@example.com", Role: admin.AssignableOrganizationRoleDeveloper},
		{Email: "grace@example.com", Role: admin.AssignableOrganizationRoleUser},
		{Email: "linus@example.com", Role: admin.AssignableOrganizationRoleDeveloper},
		{Email: "not an address", Role: admin.AssignableOrganizationRoleUser},
	}
	report, err := workflow.InviteMany(context.Background(), client, invites, workflow.BulkOptions{
		Parallel:    2,
		AlreadyDone: workflow.InviteAlreadyDone(),
	})
	if err != nil {
		panic(err) // the context ended
	}
	for _, r := range report.Results {
		line := fmt.Sprintf("%-18s %-12s invite=%t request_id=%t %s", invites[r.Index].Email, r.Status, r.ID != "", r.RequestID != "", r.ErrorCode)
		fmt.Println(strings.TrimSpace(line))
	}
	fmt.Println(report.Err())
	// Output:
	// ada@example.com    already_done invite=false request_id=true already_member
	// grace@example.com  already_done invite=false request_id=true invite_already_exists
	// linus@example.com  ok           invite=true request_id=true
	// not an address     error        invite=false request_id=true
	// workflow: bulk run: 1 of 4 rows failed, 0 not run
}
