package admintest

import (
	"fmt"
	"net/url"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// TestWorkspaceUserProfile checks user_profile_id: null unless set, set on
// create or update, write-once (the same ID again changes nothing), never
// on the default workspace.
func TestWorkspaceUserProfile(t *testing.T) {
	f := newFake(t)
	plain := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "Plain"})
	if plain.UserProfileID != nil {
		t.Errorf("user_profile_id = %q, want null", *plain.UserProfileID)
	}
	if r := f.do("GET", "/v1/organizations/workspaces/"+plain.ID, nil); !strings.Contains(string(r.body), `"user_profile_id":null`) {
		t.Errorf("body %s lacks user_profile_id: null", r.body)
	}
	made := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "Profiled", "user_profile_id": "uprof_01a"})
	if made.UserProfileID == nil || *made.UserProfileID != "uprof_01a" {
		t.Errorf("created with user_profile_id %v", made.UserProfileID)
	}
	ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces", map[string]any{"name": "Null", "user_profile_id": nil})
	f.fails("POST", "/v1/organizations/workspaces", map[string]any{"name": "Empty", "user_profile_id": ""}, 400, errInvalidRequest)

	set := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+plain.ID, map[string]any{"user_profile_id": "uprof_01b"})
	if set.UserProfileID == nil || *set.UserProfileID != "uprof_01b" {
		t.Errorf("updated user_profile_id %v", set.UserProfileID)
	}
	again := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+plain.ID, map[string]any{"user_profile_id": "uprof_01b", "name": "Renamed"})
	if *again.UserProfileID != "uprof_01b" || again.Name != "Renamed" {
		t.Errorf("same profile again: %+v", again)
	}
	e := f.fails("POST", "/v1/organizations/workspaces/"+plain.ID, map[string]any{"user_profile_id": "uprof_01c"}, 400, errInvalidRequest)
	if !strings.HasPrefix(e.Error.Message, "user_profile_id:") {
		t.Errorf("message %q does not name the field", e.Error.Message)
	}
	// An update that leaves it out keeps it.
	kept := ok[gen.Workspace](f, "POST", "/v1/organizations/workspaces/"+made.ID, map[string]any{"name": "Still profiled"})
	if kept.UserProfileID == nil || *kept.UserProfileID != "uprof_01a" {
		t.Errorf("update without user_profile_id changed it to %v", kept.UserProfileID)
	}
	f.fails("POST", "/v1/organizations/workspaces/"+f.DefaultWorkspaceID(), map[string]any{"user_profile_id": "uprof_01d"}, 400, errInvalidRequest)

	seeded := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "Seeded", UserProfileID: "uprof_01e"}))
	if got := ok[gen.Workspace](f, "GET", "/v1/organizations/workspaces/"+seeded.ID, nil); got.UserProfileID == nil || *got.UserProfileID != "uprof_01e" {
		t.Errorf("seeded user_profile_id %v", got.UserProfileID)
	}
}

// TestListWorkspacesByID checks the ids[] filter: only the named
// workspaces, in ID order, with include_archived and include_default still
// applying, unknown IDs left out, paging within the filter, and at most
// 100 IDs.
func TestListWorkspacesByID(t *testing.T) {
	f := newFake(t)
	var all []gen.Workspace
	for i := range 5 {
		all = append(all, must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: fmt.Sprintf("W%d", i)})))
	}
	must[gen.Workspace](t)(f.ArchiveWorkspace(all[3].ID))
	list := func(q url.Values) []string {
		return ids(ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces?"+q.Encode(), nil).Data, wsID)
	}
	q := url.Values{"ids[]": {all[4].ID, all[1].ID, all[3].ID, "wrkspc_01unknown", f.DefaultWorkspaceID()}}
	if diff := cmp.Diff([]string{all[1].ID, all[4].ID}, list(q)); diff != "" {
		t.Errorf("ids[] (-want +got):\n%s", diff)
	}
	q.Set("include_archived", "true")
	q.Set("include_default", "true")
	want := []string{f.DefaultWorkspaceID(), all[1].ID, all[3].ID, all[4].ID}
	if diff := cmp.Diff(want, list(q)); diff != "" {
		t.Errorf("ids[] with archived and default (-want +got):\n%s", diff)
	}
	q.Set("limit", "2")
	first := ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces?"+q.Encode(), nil)
	q.Set("after_id", *first.LastID)
	second := ok[gen.WorkspaceList](f, "GET", "/v1/organizations/workspaces?"+q.Encode(), nil)
	if got := append(ids(first.Data, wsID), ids(second.Data, wsID)...); !first.HasMore || second.HasMore || !cmp.Equal(want, got) {
		t.Errorf("paged: %v (has_more %v, %v), want %v", got, first.HasMore, second.HasMore, want)
	}
	many := url.Values{}
	for i := range 101 {
		many.Add("ids[]", fmt.Sprintf("wrkspc_%03d", i))
	}
	f.fails("GET", "/v1/organizations/workspaces?"+many.Encode(), nil, 400, errInvalidRequest)
}
