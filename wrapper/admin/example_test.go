package admin_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

func ExampleNewClient() {
	// The fake stands in for https://api.anthropic.com; a real program
	// passes the key it read from its configuration and no base URL.
	srv := admintest.NewServer()
	defer srv.Close()

	client, err := admin.NewClient(srv.AdminKey(),
		admin.WithBaseURL(srv.URL),
		admin.WithUserAgent("example/1.0"),
		admin.WithMaxRetries(3),
	)
	if err != nil {
		log.Fatal(err)
	}
	org, err := client.Organization.Get(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(org.Name)
	// Output:
	// Fake Organization (admintest)
}

func ExampleUsersService_All() {
	srv := admintest.NewServer()
	defer srv.Close()
	for _, seed := range []admintest.UserSeed{
		{Email: "ada@example.com", Role: admin.OrganizationRoleAdmin},
		{Email: "grace@example.com", Role: admin.OrganizationRoleDeveloper},
		{Email: "linus@example.com", Role: admin.OrganizationRoleUser},
	} {
		if _, err := srv.AddUser(seed); err != nil {
			log.Fatal(err)
		}
	}
	client := srv.Client()

	// Pages of two users are fetched as the loop needs them.
	params := &admin.ListUsersParams{Limit: 2}
	for user, err := range client.Users.All(context.Background(), params) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(user.Email, user.Role)
	}
	// Output:
	// ada@example.com admin
	// grace@example.com developer
	// linus@example.com user
}

func ExampleErrNotFound() {
	srv := admintest.NewServer()
	defer srv.Close()
	client := srv.Client()

	_, err := client.Users.Get(context.Background(), "user_01NoSuchUserAtAll0000")
	if errors.Is(err, admin.ErrNotFound) {
		fmt.Println("no such user")
	}
	var apiErr *admin.Error
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Type)
	}
	// Output:
	// no such user
	// 404 not_found_error
}

func ExampleErrorCode() {
	srv := admintest.NewServer()
	defer srv.Close()
	if _, err := srv.AddUser(admintest.UserSeed{Email: "ada@example.com"}); err != nil {
		log.Fatal(err)
	}
	client := srv.Client()

	// Inviting everyone on a list: who is a member or already invited
	// needs nothing more.
	for _, email := range []string{"grace@example.com", "grace@example.com", "ada@example.com"} {
		_, err := client.Invites.Create(context.Background(), admin.CreateInviteRequest{Email: email, Role: admin.AssignableOrganizationRoleUser})
		var apiErr *admin.Error
		switch {
		case err == nil:
			fmt.Println(email, "invited")
		case errors.As(err, &apiErr) && apiErr.Code == admin.ErrorCodeInviteAlreadyExists:
			fmt.Println(email, "has a pending invite")
		case errors.As(err, &apiErr) && apiErr.Code == admin.ErrorCodeAlreadyMember:
			fmt.Println(email, "is a member")
		default:
			log.Fatal(err)
		}
	}
	// Output:
	// grace@example.com invited
	// grace@example.com has a pending invite
	// ada@example.com is a member
}

func ExampleError_CreatedWorkspaceID() {
	srv := admintest.NewServer()
	defer srv.Close()
	// The fake makes the workspace and answers as the real service does
	// when it could not finish it.
	_ = srv.FailNext(admin.OpCreateWorkspace, 1, admintest.Fault{Status: 503, Code: admin.ErrorCodeWorkspaceCreatedIncomplete})
	client := srv.Client()

	_, err := client.Workspaces.Create(context.Background(), admin.CreateWorkspaceRequest{Name: "Research"})
	var apiErr *admin.Error
	if errors.As(err, &apiErr) {
		if id := apiErr.CreatedWorkspaceID(); id != "" {
			// Never create it again: finish the one that exists.
			ws, err := client.Workspaces.Get(context.Background(), id)
			if err != nil {
				log.Fatal(err)
			}
			fmt.Println("created anyway:", ws.Name)
		}
	}
	fmt.Println("creates sent:", srv.Calls(admin.OpCreateWorkspace))
	// Output:
	// created anyway: Research
	// creates sent: 1
}
