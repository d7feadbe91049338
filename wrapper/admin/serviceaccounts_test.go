package admin_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// exerciseServiceAccounts calls every method of the service account
// services through c, a client of srv with its OAuth token source, and
// checks the results (TestEveryOperation calls it).
func exerciseServiceAccounts(t *testing.T, srv *admintest.Server, c *admin.Client) {
	t.Helper()
	ctx := context.Background()
	ws := must(srv.AddWorkspace(admintest.WorkspaceSeed{Name: "Deployments"}))

	// ServiceAccounts.
	ci := must(c.ServiceAccounts.Create(ctx, admin.CreateServiceAccountRequest{Name: "ci-deployer", Description: admin.Ptr("Deploys")}))
	if ci.Name != "ci-deployer" || ci.Description != "Deploys" || ci.OrganizationRole != admin.ServiceAccountOrganizationRoleDeveloper || ci.CreatedByActorID != admintest.OAuthActorID {
		t.Errorf("ServiceAccounts.Create = %+v", ci)
	}
	tf := must(c.ServiceAccounts.Create(ctx, admin.CreateServiceAccountRequest{Name: "terraform", OrganizationRole: admin.Ptr(admin.ServiceAccountOrganizationRoleAdmin)}))
	if _, err := c.ServiceAccounts.Create(ctx, admin.CreateServiceAccountRequest{Name: "ci-deployer"}); !errors.Is(err, admin.ErrConflict) {
		t.Errorf("ServiceAccounts.Create(duplicate) = %v, want ErrConflict", err)
	}
	if got := must(c.ServiceAccounts.Get(ctx, ci.ID)); !equal(*ci, *got) {
		t.Errorf("ServiceAccounts.Get = %+v, want %+v", got, ci)
	}
	up := must(c.ServiceAccounts.Update(ctx, tf.ID, admin.UpdateServiceAccountRequest{Description: admin.Ptr("Provisioning"), OrganizationRole: admin.Ptr(admin.ServiceAccountOrganizationRoleDeveloper)}))
	if up.Description != "Provisioning" || up.OrganizationRole != admin.ServiceAccountOrganizationRoleDeveloper || up.Name != "terraform" {
		t.Errorf("ServiceAccounts.Update = %+v", up)
	}
	old := must(srv.AddServiceAccount(admintest.ServiceAccountSeed{Name: "legacy"}))
	arch := must(c.ServiceAccounts.Archive(ctx, old.ID))
	if arch.ArchivedAt == nil || deref(arch.ArchivedByActorID) != admintest.OAuthActorID {
		t.Errorf("ServiceAccounts.Archive = %+v", arch)
	}
	if l := must(c.ServiceAccounts.List(ctx, nil)); len(l.Data) != 2 || l.Data[0].ID != tf.ID || l.Data[1].ID != ci.ID || l.NextPage != nil {
		t.Errorf("ServiceAccounts.List = %+v", l)
	}
	all := collect(t, c.ServiceAccounts.All(ctx, &admin.ListServiceAccountsParams{IncludeArchived: true, Limit: 1}))
	if len(all) != 3 || all[0].ID != old.ID || all[2].ID != ci.ID {
		t.Errorf("ServiceAccounts.All(include archived) = %d: %+v", len(all), all)
	}
	if pages := collect(t, c.ServiceAccounts.Pages(ctx, &admin.ListServiceAccountsParams{Limit: 1})); len(pages) != 2 {
		t.Errorf("ServiceAccounts.Pages = %d pages, want 2", len(pages))
	}

	// ServiceAccountWorkspaces: the service account's side.
	m := must(c.ServiceAccountWorkspaces.Add(ctx, ci.ID, admin.AddServiceAccountWorkspaceRequest{WorkspaceID: ws.ID, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceDeveloper}))
	if m.ServiceAccountID != ci.ID || m.WorkspaceID != ws.ID || m.WorkspaceRole != admin.WorkspaceRoleWorkspaceDeveloper || m.Implicit {
		t.Errorf("ServiceAccountWorkspaces.Add = %+v", m)
	}
	mine := collect(t, c.ServiceAccountWorkspaces.All(ctx, ci.ID, &admin.ListServiceAccountWorkspacesParams{Limit: 1}))
	if len(mine) != 2 || !mine[0].Implicit || mine[0].WorkspaceID != srv.DefaultWorkspaceID() || mine[1].WorkspaceID != ws.ID {
		t.Errorf("ServiceAccountWorkspaces.All = %+v", mine)
	}
	if l := must(c.ServiceAccountWorkspaces.List(ctx, tf.ID, nil)); len(l.Data) != 1 || !l.Data[0].Implicit {
		t.Errorf("ServiceAccountWorkspaces.List = %+v", l.Data)
	}

	// WorkspaceServiceAccounts: the workspace's side.
	must(c.WorkspaceServiceAccounts.Add(ctx, ws.ID, admin.AddWorkspaceServiceAccountRequest{ServiceAccountID: tf.ID, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceAdmin}))
	members := collect(t, c.WorkspaceServiceAccounts.All(ctx, ws.ID, &admin.ListWorkspaceServiceAccountsParams{Limit: 1}))
	if len(members) != 2 || members[0].ServiceAccountID != ci.ID || members[1].ServiceAccountID != tf.ID {
		t.Errorf("WorkspaceServiceAccounts.All = %+v", members)
	}
	if l := must(c.WorkspaceServiceAccounts.List(ctx, ws.ID, &admin.ListWorkspaceServiceAccountsParams{Limit: 1})); len(l.Data) != 1 || l.NextPage == nil {
		t.Errorf("WorkspaceServiceAccounts.List = %+v", l)
	}
	upm := must(c.WorkspaceServiceAccounts.Update(ctx, ws.ID, ci.ID, admin.UpdateWorkspaceServiceAccountRequest{WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser}))
	if got := must(c.WorkspaceServiceAccounts.Get(ctx, ws.ID, ci.ID)); upm.WorkspaceRole != admin.WorkspaceRoleWorkspaceUser || !equal(*upm, *got) {
		t.Errorf("WorkspaceServiceAccounts.Update = %+v, Get = %+v", upm, got)
	}
	if d := must(c.WorkspaceServiceAccounts.Remove(ctx, ws.ID, tf.ID)); d.ServiceAccountID != tf.ID || d.WorkspaceID != ws.ID {
		t.Errorf("WorkspaceServiceAccounts.Remove = %+v", d)
	}
	for range 2 { // idempotent
		if d := must(c.ServiceAccountWorkspaces.Remove(ctx, ci.ID, ws.ID)); d.ServiceAccountID != ci.ID || d.WorkspaceID != ws.ID {
			t.Errorf("ServiceAccountWorkspaces.Remove = %+v", d)
		}
	}
	if _, err := c.WorkspaceServiceAccounts.Get(ctx, ws.ID, ci.ID); !errors.Is(err, admin.ErrNotFound) {
		t.Errorf("WorkspaceServiceAccounts.Get after removal = %v, want ErrNotFound", err)
	}
	if _, err := c.ServiceAccounts.Update(ctx, old.ID, admin.UpdateServiceAccountRequest{Description: admin.Ptr("x")}); !errors.Is(err, admin.ErrInvalidRequest) {
		t.Errorf("ServiceAccounts.Update(archived) = %v, want ErrInvalidRequest", err)
	}
}

// TestServiceAccountsNeedOAuthToken checks that a client with only the
// Admin key fails every service account operation before sending
// anything, and that a client with only a token source reaches them but
// not the Admin key's operations.
func TestServiceAccountsNeedOAuthToken(t *testing.T) {
	srv, _ := newFake(t)
	ctx := context.Background()
	keyOnly, err := admin.NewClient(srv.AdminKey(), admin.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	const sa, ws = "svac_01x", "wrkspc_01x"
	calls := map[admin.Operation]func() error{
		admin.OpListServiceAccounts: func() error { _, err := keyOnly.ServiceAccounts.List(ctx, nil); return err },
		admin.OpCreateServiceAccount: func() error {
			_, err := keyOnly.ServiceAccounts.Create(ctx, admin.CreateServiceAccountRequest{Name: "x"})
			return err
		},
		admin.OpGetServiceAccount: func() error { _, err := keyOnly.ServiceAccounts.Get(ctx, sa); return err },
		admin.OpUpdateServiceAccount: func() error {
			_, err := keyOnly.ServiceAccounts.Update(ctx, sa, admin.UpdateServiceAccountRequest{})
			return err
		},
		admin.OpArchiveServiceAccount:        func() error { _, err := keyOnly.ServiceAccounts.Archive(ctx, sa); return err },
		admin.OpListServiceAccountWorkspaces: func() error { _, err := keyOnly.ServiceAccountWorkspaces.List(ctx, sa, nil); return err },
		admin.OpAddServiceAccountWorkspace: func() error {
			_, err := keyOnly.ServiceAccountWorkspaces.Add(ctx, sa, admin.AddServiceAccountWorkspaceRequest{WorkspaceID: ws, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser})
			return err
		},
		admin.OpRemoveServiceAccountWorkspace: func() error { _, err := keyOnly.ServiceAccountWorkspaces.Remove(ctx, sa, ws); return err },
		admin.OpListWorkspaceServiceAccounts:  func() error { _, err := keyOnly.WorkspaceServiceAccounts.List(ctx, ws, nil); return err },
		admin.OpAddWorkspaceServiceAccount: func() error {
			_, err := keyOnly.WorkspaceServiceAccounts.Add(ctx, ws, admin.AddWorkspaceServiceAccountRequest{ServiceAccountID: sa, WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser})
			return err
		},
		admin.OpGetWorkspaceServiceAccount: func() error { _, err := keyOnly.WorkspaceServiceAccounts.Get(ctx, ws, sa); return err },
		admin.OpUpdateWorkspaceServiceAccount: func() error {
			_, err := keyOnly.WorkspaceServiceAccounts.Update(ctx, ws, sa, admin.UpdateWorkspaceServiceAccountRequest{WorkspaceRole: admin.AssignableWorkspaceRoleWorkspaceUser})
			return err
		},
		admin.OpRemoveWorkspaceServiceAccount: func() error { _, err := keyOnly.WorkspaceServiceAccounts.Remove(ctx, ws, sa); return err },
	}
	for _, op := range admin.Operations() {
		if strings.Contains(string(op), "ServiceAccount") && calls[op] == nil {
			t.Errorf("%s is not checked", op)
		}
	}
	for op, call := range calls {
		err := call()
		if !errors.Is(err, admin.ErrMissingCredential) || !strings.Contains(err.Error(), "OAuth") {
			t.Errorf("%s with only the Admin key: %v, want ErrMissingCredential naming the OAuth token", op, err)
		}
		if n := srv.Calls(op); n != 0 {
			t.Errorf("%s reached the server %d times without a token", op, n)
		}
	}

	tokenOnly, err := admin.NewClient("", admin.WithBaseURL(srv.URL), admin.WithTokenSource(srv.TokenSource()))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := tokenOnly.ServiceAccounts.Create(ctx, admin.CreateServiceAccountRequest{Name: "ok"}); err != nil {
		t.Errorf("ServiceAccounts.Create with a token: %v", err)
	}
	if _, err := tokenOnly.Users.List(ctx, nil); !errors.Is(err, admin.ErrMissingCredential) {
		t.Errorf("Users.List with only a token: %v, want ErrMissingCredential", err)
	}
	if n := srv.Calls(admin.OpListUsers); n != 0 {
		t.Errorf("Users.List reached the server %d times without the Admin key", n)
	}
}
