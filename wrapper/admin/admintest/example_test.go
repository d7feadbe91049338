package admintest_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http/httptest"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// onboard is the kind of provisioning code the fake is for: it puts every
// developer of the organization into a workspace.
func onboard(ctx context.Context, c *admin.Client, workspaceID string) (int, error) {
	added := 0
	for u, err := range c.Users.All(ctx, &admin.ListUsersParams{Roles: []string{"developer"}}) {
		if err != nil {
			return added, err
		}
		_, err := c.WorkspaceMembers.Add(ctx, workspaceID, admin.AddWorkspaceMemberRequest{UserID: u.ID, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceDeveloper})
		if errors.Is(err, admin.ErrConflict) {
			continue // already a member
		}
		if err != nil {
			return added, err
		}
		added++
	}
	return added, nil
}

func Example() {
	srv := admintest.NewServer()
	defer srv.Close()
	for _, email := range []string{"ada@example.com", "grace@example.com", "alan@example.com"} {
		if _, err := srv.AddUser(admintest.UserSeed{Email: email, Role: "developer"}); err != nil {
			panic(err)
		}
	}
	ws, err := srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Research"})
	if err != nil {
		panic(err)
	}

	ctx := context.Background()
	client := srv.Client()
	n, err := onboard(ctx, client, ws.ID)
	fmt.Println("added:", n, err)
	n, err = onboard(ctx, client, ws.ID) // idempotent
	fmt.Println("added again:", n, err)
	// Output:
	// added: 3 <nil>
	// added again: 0 <nil>
}

// Injected faults test the client's error handling and retries: here the
// first call is rate limited and the client retries after Retry-After.
func ExampleServer_FailNext() {
	srv := admintest.NewServer()
	defer srv.Close()
	u, _ := srv.AddUser(admintest.UserSeed{Email: "ada@example.com", Name: "Ada"})
	if err := srv.FailNext(admin.OpGetUser, 1, admintest.Fault{Status: 429, RetryAfter: 10 * time.Millisecond}); err != nil {
		panic(err)
	}
	got, err := srv.Client().Users.Get(context.Background(), u.ID)
	fmt.Println(got.Name, err, srv.Calls(admin.OpGetUser))

	// Without retries, the error comes back as an *admin.Error.
	_ = srv.FailNext(admin.OpGetUser, 1, admintest.Fault{Status: 529})
	_, err = srv.Client(admin.WithMaxRetries(0)).Users.Get(context.Background(), u.ID)
	var apiErr *admin.Error
	fmt.Println(errors.As(err, &apiErr), apiErr.StatusCode, apiErr.Type)
	// Output:
	// Ada <nil> 2
	// true 529 overloaded_error
}

// The clock drives invite expiry.
func ExampleServer_Advance() {
	srv := admintest.NewServer()
	defer srv.Close()
	srv.SetNow(time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC))
	inv, _ := srv.AddInvite(admintest.InviteSeed{Email: "late@example.com"})
	client := srv.Client()
	got, _ := client.Invites.Get(context.Background(), inv.ID)
	fmt.Println(got.Status, got.ExpiresAt.Format(time.DateOnly))
	srv.Advance(22 * 24 * time.Hour)
	got, _ = client.Invites.Get(context.Background(), inv.ID)
	fmt.Println(got.Status)
	// Output:
	// pending 2026-01-22
	// expired
}

// The handler serves the fake without a listener, for example inside your
// own mux or with httptest.NewRecorder. Every error is an Anthropic error
// envelope whose message names the offending field.
func ExampleServer_Handler() {
	srv := admintest.NewServer()
	defer srv.Close()
	req := httptest.NewRequest("GET", "/v1/organizations/users?limit=5000", nil)
	req.Header.Set("x-api-key", srv.AdminKey())
	req.Header.Set("anthropic-version", admintest.APIVersion)
	rec := httptest.NewRecorder()
	srv.Handler().ServeHTTP(rec, req)

	var e struct {
		Error struct{ Type, Message string }
	}
	_ = json.Unmarshal(rec.Body.Bytes(), &e)
	fmt.Println(rec.Code, e.Error.Type)
	fmt.Println(e.Error.Message)
	// Output:
	// 400 invalid_request_error
	// limit: number must be at most 1000
}
