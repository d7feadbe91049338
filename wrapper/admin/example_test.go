package admin_test

import (
	"context"
	"errors"
	"fmt"
	"log"
	"time"

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

func ExampleCostService_Range() {
	srv := admintest.NewServer()
	defer srv.Close()
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for day := range 45 {
		// 1234.5 cents ($12.345) a day.
		if err := srv.AddCost(admintest.CostRecord{Date: from.AddDate(0, 0, day), Amount: "1234.5"}); err != nil {
			log.Fatal(err)
		}
	}
	client := srv.Client()

	// 45 days are two pages; Range fetches both and checks every day came.
	totals, _, err := admin.CostTotals(client.Cost.Range(context.Background(), from, from.AddDate(0, 0, 45), nil), nil)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("$%s over 45 days in %d requests\n", totals[""].Dollars(), srv.Calls(admin.OpGetCostReport))
	// Output:
	// $555.525 over 45 days in 2 requests
}

func ExampleUsageTotals() {
	srv := admintest.NewServer()
	defer srv.Close()
	from := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	for h := range 240 { // ten days, one request an hour
		model := "claude-sonnet-4-5"
		if h%4 == 0 {
			model = "claude-opus-4-1"
		}
		if err := srv.AddUsage(admintest.UsageRecord{Time: from.Add(time.Duration(h) * time.Hour), Model: model,
			UncachedInputTokens: 1000, CacheCreation5mInputTokens: 200, CacheCreation1hInputTokens: 30, CacheReadInputTokens: 4, OutputTokens: 500}); err != nil {
			log.Fatal(err)
		}
	}
	client := srv.Client()

	params := &admin.GetMessagesUsageReportParams{
		BucketWidth: admin.UsageBucketWidthHour,
		GroupBy:     []admin.MessagesUsageGroupBy{admin.MessagesUsageGroupByModel},
	}
	buckets := client.MessagesUsage.Range(context.Background(), from, from.AddDate(0, 0, 10), params)
	totals, _, err := admin.UsageTotals(buckets, admin.UsageByModel)
	if err != nil {
		log.Fatal(err)
	}
	for _, model := range []string{"claude-opus-4-1", "claude-sonnet-4-5"} {
		t := totals[model]
		fmt.Printf("%s: %d input (%d written to the cache), %d output, %d in all\n", model, t.Input(), t.CacheCreation(), t.Output, t.Total())
	}
	// Output:
	// claude-opus-4-1: 74040 input (13800 written to the cache), 30000 output, 104040 in all
	// claude-sonnet-4-5: 222120 input (41400 written to the cache), 90000 output, 312120 in all
}
