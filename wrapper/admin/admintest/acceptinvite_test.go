package admintest

import (
	"context"
	"slices"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// TestAcceptInviteJoinsGroups: the invitee joins the invite's RBAC groups
// on acceptance, as the reference says of rbac_group_ids; a group deleted
// since is skipped.
func TestAcceptInviteJoinsGroups(t *testing.T) {
	f := newFake(t)
	g1, err := f.AddRBACGroup(RBACGroupSeed{Name: "One"})
	if err != nil {
		t.Fatal(err)
	}
	g2, err := f.AddRBACGroup(RBACGroupSeed{Name: "Two"})
	if err != nil {
		t.Fatal(err)
	}
	g3, err := f.AddRBACGroup(RBACGroupSeed{Name: "Gone"})
	if err != nil {
		t.Fatal(err)
	}
	inv, err := f.AddInvite(InviteSeed{Email: "joiner@example.com", Role: gen.OrganizationRoleDeveloper, RbacGroupIDs: []string{g1.ID, g3.ID}})
	if err != nil {
		t.Fatal(err)
	}
	c := f.Client()
	ctx := context.Background()
	if _, err := c.RBACGroups.Delete(ctx, g3.ID); err != nil {
		t.Fatal(err)
	}
	u, err := f.AcceptInvite(inv.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range []struct {
		id   string
		want bool
	}{{g1.ID, true}, {g2.ID, false}} {
		l, err := c.RBACGroupMembers.List(ctx, g.id, nil)
		if err != nil {
			t.Fatal(err)
		}
		in := slices.ContainsFunc(l.Data, func(m gen.RBACGroupMember) bool { return m.UserID == u.ID })
		if in != g.want {
			t.Errorf("group %s: member %v, want %v", g.id, in, g.want)
		}
	}
}
