package workflow_test

import (
	"context"
	"fmt"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// Find the API keys that need attention (an unused key, a key expiring
// soon, a key whose creator left), then deactivate them with a receipt.
func ExampleKeyHygiene() {
	srv := admintest.NewServer()
	defer srv.Close()
	now := time.Date(2026, 11, 2, 9, 0, 0, 0, time.UTC)
	srv.SetNow(now)
	ann, err := srv.AddUser(admintest.UserSeed{Email: "ann@example.com", Role: "developer"})
	if err != nil {
		panic(err)
	}
	bob, err := srv.AddUser(admintest.UserSeed{Email: "bob@example.com", Role: "developer"})
	if err != nil {
		panic(err)
	}
	longAgo, soon := now.AddDate(-1, 0, 0), now.AddDate(0, 0, 12)
	for _, k := range []admintest.APIKeySeed{
		{Name: "prod", CreatedByUserID: ann.ID, CreatedAt: longAgo},
		{Name: "old-batch", CreatedByUserID: ann.ID, CreatedAt: longAgo},
		{Name: "demo", CreatedByUserID: ann.ID, CreatedAt: longAgo, ExpiresAt: &soon},
		{Name: "bobs-laptop", CreatedByUserID: bob.ID, CreatedAt: longAgo},
	} {
		key, err := srv.AddAPIKey(k)
		if err != nil {
			panic(err)
		}
		if k.Name != "old-batch" { // used yesterday
			if err := srv.AddUsage(admintest.UsageRecord{Time: now.AddDate(0, 0, -1), APIKeyID: key.ID, Model: "claude-sonnet-4-5", OutputTokens: 42}); err != nil {
				panic(err)
			}
		}
	}
	client := srv.Client()
	ctx := context.Background()
	if _, err := client.Users.Remove(ctx, bob.ID); err != nil {
		panic(err)
	}

	report, err := workflow.KeyHygiene(ctx, client, workflow.HygieneOptions{
		ExpiringWithin: 30 * 24 * time.Hour,
		UnusedFor:      90 * 24 * time.Hour,
		Now:            srv.Now,
	})
	if err != nil {
		panic(err)
	}
	fmt.Print(report)

	receipt := &workflow.Receipt{Now: srv.Now}
	if err := workflow.DeactivateFlaggedKeys(ctx, client, report, receipt); err != nil {
		panic(err) // run KeyHygiene and DeactivateFlaggedKeys again with receipt to finish
	}
	fmt.Println()
	fmt.Print(receipt)
	key, err := client.APIKeys.Get(ctx, report.Keys[0].ID)
	if err != nil {
		panic(err)
	}
	fmt.Println(key.Name, "is now", key.Status)
	// Output:
	// Key hygiene at 2026-11-02T09:00:00Z: 4 active keys checked for expiring, unused, creator_gone, no_principal
	//   expiring: before 2026-12-02T09:00:00Z
	//   unused:   no usage since 2026-08-04
	//
	// Flagged keys: 3
	//   apikey_01L4uh99qTPbi9exEejV7NLkAL  active    "old-batch"  (default workspace)
	//       unused        no usage since 2026-08-04
	//   apikey_01L4uh99qTPcb4wrAgrSZpvnAu  active    "demo"  (default workspace)
	//       expiring      expires 2026-11-14 (in 12 days)
	//   apikey_01L4uh99qTPdJQpbVVAiEJ4zEc  active    "bobs-laptop"  (default workspace)
	//       creator_gone  created by user_01L4uh99qTPZyB6zAYtnsaJfZA, no longer a member
	// Counts: expiring 1, unused 1, creator_gone 1, no_principal 0
	//
	// Key hygiene: complete after 1 run(s)
	//   run 1  done     deactivate API key apikey_01L4uh99qTPbi9exEejV7NLkAL "old-batch" (unused)
	//   run 1  done     deactivate API key apikey_01L4uh99qTPcb4wrAgrSZpvnAu "demo" (expiring)
	//   run 1  done     deactivate API key apikey_01L4uh99qTPdJQpbVVAiEJ4zEc "bobs-laptop" (creator_gone)
	// old-batch is now inactive
}
