package admin_test

import (
	"context"
	"errors"
	"fmt"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestWorkspaceUserProfileAndIDs checks user_profile_id and the ids[]
// filter through the public API against the fake, and that more than 100
// IDs fail before anything is sent.
func TestWorkspaceUserProfileAndIDs(t *testing.T) {
	defer catch(t)
	srv, c := newFake(t)
	ctx := context.Background()
	a := must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "A", UserProfileID: admin.Ptr("uprof_01a")}))
	b := must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "B"}))
	must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "C"}))
	if a.UserProfileID == nil || *a.UserProfileID != "uprof_01a" || b.UserProfileID != nil {
		t.Errorf("user profiles %v and %v, want uprof_01a and none", a.UserProfileID, b.UserProfileID)
	}
	b = must(c.Workspaces.Update(ctx, b.ID, admin.UpdateWorkspaceRequest{UserProfileID: admin.Ptr("uprof_01b")}))
	if b.UserProfileID == nil || *b.UserProfileID != "uprof_01b" {
		t.Errorf("updated user profile %v", b.UserProfileID)
	}
	if _, err := c.Workspaces.Update(ctx, b.ID, admin.UpdateWorkspaceRequest{UserProfileID: admin.Ptr("uprof_01c")}); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("replacing the user profile: %v, want a 400", err)
	}

	got := collect(t, c.Workspaces.All(ctx, &admin.ListWorkspacesParams{IDs: []string{b.ID, a.ID, "wrkspc_01unknown"}, Limit: 1}))
	if len(got) != 2 || got[0].ID != a.ID || got[1].ID != b.ID {
		t.Errorf("All with IDs: %+v, want A then B", got)
	}

	calls := srv.Calls(admin.OpListWorkspaces)
	ids := make([]string, 101)
	for i := range ids {
		ids[i] = fmt.Sprintf("wrkspc_%03d", i)
	}
	if _, err := c.Workspaces.List(ctx, &admin.ListWorkspacesParams{IDs: ids}); !errors.Is(err, admin.ErrInvalidInput) {
		t.Errorf("101 IDs: %v, want ErrInvalidInput", err)
	}
	if srv.Calls(admin.OpListWorkspaces) != calls {
		t.Error("101 IDs were sent")
	}
	must(c.Workspaces.List(ctx, &admin.ListWorkspacesParams{IDs: ids[:100]}))
}
