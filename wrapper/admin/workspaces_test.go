package admin_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestWorkspaceUpdateTags checks that Workspaces.Update can leave tags
// alone, replace them and remove every one of them, on the wire and
// against the fake.
func TestWorkspaceUpdateTags(t *testing.T) {
	defer catch(t)
	for _, c := range []struct {
		name string
		req  admin.UpdateWorkspaceRequest
		want string
	}{
		{"tags unset", admin.UpdateWorkspaceRequest{Name: admin.Ptr("W")}, `{"name":"W"}`},
		{"tags empty", admin.UpdateWorkspaceRequest{Tags: &map[string]string{}}, `{"tags":{}}`},
		{"tags set", admin.UpdateWorkspaceRequest{Tags: &map[string]string{"env": "dev"}}, `{"tags":{"env":"dev"}}`},
	} {
		if got := string(must(json.Marshal(c.req))); got != c.want {
			t.Errorf("%s: request body %s, want %s", c.name, got, c.want)
		}
	}

	_, c := newFake(t)
	ctx := context.Background()
	tags := map[string]string{"team": "ml", "env": "prod"}
	ws := must(c.Workspaces.Create(ctx, admin.CreateWorkspaceRequest{Name: "Tagged", Tags: tags}))

	renamed := must(c.Workspaces.Update(ctx, ws.ID, admin.UpdateWorkspaceRequest{Name: admin.Ptr("Renamed")}))
	if d := diff(tags, renamed.Tags); d != "" || renamed.Name != "Renamed" {
		t.Errorf("update without tags changed them (-want +got):\n%s", d)
	}
	replaced := must(c.Workspaces.Update(ctx, ws.ID, admin.UpdateWorkspaceRequest{Tags: &map[string]string{"env": "dev"}}))
	if d := diff(map[string]string{"env": "dev"}, replaced.Tags); d != "" {
		t.Errorf("update with tags (-want +got):\n%s", d)
	}
	cleared := must(c.Workspaces.Update(ctx, ws.ID, admin.UpdateWorkspaceRequest{Tags: &map[string]string{}}))
	if len(cleared.Tags) != 0 || cleared.Name != "Renamed" {
		t.Errorf("update with empty tags returned %+v, want no tags", cleared)
	}
	if got := must(c.Workspaces.Get(ctx, ws.ID)); len(got.Tags) != 0 {
		t.Errorf("after removing every tag the workspace has tags %v", got.Tags)
	}
	recoloured := must(c.Workspaces.Update(ctx, ws.ID, admin.UpdateWorkspaceRequest{DisplayColor: admin.Ptr("#000000")}))
	if len(recoloured.Tags) != 0 {
		t.Errorf("update without tags brought tags back: %v", recoloured.Tags)
	}
}
