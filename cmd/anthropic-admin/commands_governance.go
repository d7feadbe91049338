package main

import (
	"context"
	"fmt"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The compliance-settings and rbac-groups groups, and the permissions of
// RBAC roles.

func complianceSettingsView() view[admin.ComplianceSettings] {
	return fieldView[admin.ComplianceSettings]("state.type")
}

func rbacGroupView() view[admin.RBACGroup] {
	return fieldView[admin.RBACGroup]("id", "name", "source_type", "role_ids", "created_at", "updated_at")
}

func rbacGroupDeletedView() view[admin.RBACGroupDeleted] {
	return fieldView[admin.RBACGroupDeleted]("id", "type")
}

func rbacGroupMemberView() view[admin.RBACGroupMember] {
	return fieldView[admin.RBACGroupMember]("rbac_group_id", "user_id", "email", "created_at")
}

func rbacGroupMemberDeletedView() view[admin.RBACGroupMemberDeleted] {
	return fieldView[admin.RBACGroupMemberDeleted]("rbac_group_id", "user_id", "type")
}

func rbacRolePermissionView() view[admin.RBACRolePermission] {
	return fieldView[admin.RBACRolePermission]("action", "resource.type", "resource.organization_id",
		"resource.connector_id", "resource.tool_name", "resource.scope")
}

// complianceSettingsCommands returns the compliance-settings group.
func complianceSettingsCommands() *command {
	return group("compliance-settings", "Whether the organization's Compliance API is enabled.",
		&command{name: "get", op: admin.OpGetComplianceSettings, summary: "Show whether the Compliance API is enabled.",
			examples: []string{"anthropic-admin compliance-settings get"},
			do:       call0((*admin.ComplianceSettingsService).Get, complianceSettingsView())},
		&command{name: "set", op: admin.OpUpdateComplianceSettings, summary: "Enable or disable the Compliance API.", args: []string{"<state>"},
			argValues: [][]string{values(admin.ComplianceSettingsStateTypeValues())},
			examples:  []string{"anthropic-admin compliance-settings set enabled", "anthropic-admin compliance-settings set disabled --dry-run"},
			details: "States: " + join(admin.ComplianceSettingsStateTypeValues(), ", ") + ". Disabling also stops capturing the organization's\n" +
				"activity events (Access Transparency events excepted) until it is enabled again.",
			confirm: complianceQuestion,
			do:      object(setComplianceState, complianceSettingsView())},
	)
}

// complianceQuestion asks before the state args[0] is set.
func complianceQuestion(_ context.Context, _ *admin.Client, args []string) (string, error) {
	st, err := argEnum("state", args[0], admin.ComplianceSettingsStateTypeValues())
	if err != nil {
		return "", err
	}
	if st == admin.ComplianceSettingsStateTypeDisabled {
		return "Disable the Compliance API? It stops capturing the organization's activity events until enabled again.", nil
	}
	return "Enable the Compliance API? It starts capturing the organization's activity events.", nil
}

// setComplianceState sets the Compliance API's state to args[0].
func setComplianceState(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.ComplianceSettings, error) {
	st, err := argEnum("state", args[0], admin.ComplianceSettingsStateTypeValues())
	if err != nil {
		return nil, err
	}
	return c.ComplianceSettings.Update(ctx, admin.UpdateComplianceSettingsRequest{State: admin.ComplianceSettingsState{Type: st}})
}

// rbacGroupsCommands returns the rbac-groups group.
func rbacGroupsCommands() *command {
	return group("rbac-groups", "The organization's RBAC groups and their members (Claude Enterprise).",
		&command{name: "list", op: admin.OpListRBACGroups, summary: "List the RBAC groups.",
			examples: []string{"anthropic-admin rbac-groups list --all"},
			do:       list0((*admin.RBACGroupsService).Pages, rbacGroupView())},
		&command{name: "get", op: admin.OpGetRBACGroup, summary: "Show an RBAC group.", args: []string{"<rbac-group-id>"},
			examples: []string{"anthropic-admin rbac-groups get rbacgrp_01Lq8ZsN3vK7wB2xYtRc5HdP"},
			do:       call1((*admin.RBACGroupsService).Get, rbacGroupView())},
		&command{name: "create", op: admin.OpCreateRBACGroup, summary: "Create an RBAC group, without roles or members.", args: []string{"<name>"},
			examples: []string{"anthropic-admin rbac-groups create 'Data Science'"},
			details:  "Roles are given to groups in the organization's admin settings only.",
			do:       object(createRBACGroup, rbacGroupView())},
		&command{name: "update", op: admin.OpUpdateRBACGroup, summary: "Rename an RBAC group.", args: []string{"<rbac-group-id>", "<name>"},
			examples: []string{"anthropic-admin rbac-groups update rbacgrp_01Lq8ZsN3vK7wB2xYtRc5HdP Platform"},
			do:       object(renameRBACGroup, rbacGroupView())},
		&command{name: "delete", op: admin.OpDeleteRBACGroup, summary: "Delete an RBAC group (its members stay in the organization).", args: []string{"<rbac-group-id>"},
			examples: []string{"anthropic-admin rbac-groups delete rbacgrp_01Lq8ZsN3vK7wB2xYtRc5HdP --dry-run"},
			confirm:  ask("Delete RBAC group %s? Its members lose the roles it gives them.", rbacGroupAt(0)),
			do:       call1((*admin.RBACGroupsService).Delete, rbacGroupDeletedView())},
		group("members", "Users' memberships of an RBAC group.",
			&command{name: "list", op: admin.OpListRBACGroupMembers, summary: "List an RBAC group's members.", args: []string{"<rbac-group-id>"},
				examples: []string{"anthropic-admin rbac-groups members list rbacgrp_01Lq8ZsN3vK7wB2xYtRc5HdP"},
				do:       list1((*admin.RBACGroupMembersService).Pages, rbacGroupMemberView())},
			&command{name: "add", op: admin.OpAddRBACGroupMember, summary: "Add an organization member to an RBAC group.", args: []string{"<rbac-group-id>", "<user-id>"},
				examples: []string{"anthropic-admin rbac-groups members add rbacgrp_01Lq8ZsN3vK7wB2xYtRc5HdP user_01WBsJ4b6ZJq3vTbE8fG2hKm"},
				do:       object(addRBACGroupMember, rbacGroupMemberView())},
			&command{name: "remove", op: admin.OpRemoveRBACGroupMember, summary: "Remove a user from an RBAC group (they stay in the organization).", args: []string{"<rbac-group-id>", "<user-id>"},
				examples: []string{"anthropic-admin rbac-groups members remove rbacgrp_01Lq8ZsN3vK7wB2xYtRc5HdP user_01WBsJ4b6ZJq3vTbE8fG2hKm --yes"},
				confirm:  ask("Remove user %s from RBAC group %s?", userAt(1), rbacGroupAt(0)),
				do:       call2((*admin.RBACGroupMembersService).Remove, rbacGroupMemberDeletedView())},
		),
	)
}

// rbacRolePermissionsCommand returns rbac-roles permissions.
func rbacRolePermissionsCommand() *command {
	return &command{name: "permissions", op: admin.OpListRBACRolePermissions, summary: "List the permissions an RBAC role grants.", args: []string{"<rbac-role-id>"},
		examples: []string{"anthropic-admin rbac-roles permissions rbac_role_builtin_4 --all"},
		do:       list1((*admin.RBACRolePermissionsService).Pages, rbacRolePermissionView())}
}

// createRBACGroup creates the RBAC group called args[0].
func createRBACGroup(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.RBACGroup, error) {
	return c.RBACGroups.Create(ctx, admin.CreateRBACGroupRequest{Name: args[0]})
}

// renameRBACGroup names the RBAC group args[0] args[1].
func renameRBACGroup(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.RBACGroup, error) {
	return c.RBACGroups.Update(ctx, args[0], admin.UpdateRBACGroupRequest{Name: &args[1]})
}

// addRBACGroupMember adds the user args[1] to the RBAC group args[0].
func addRBACGroupMember(ctx context.Context, c *admin.Client, args []string, _ *none) (*admin.RBACGroupMember, error) {
	return c.RBACGroupMembers.Add(ctx, args[0], admin.AddRBACGroupMemberRequest{UserID: args[1]})
}

// rbacGroupAt describes the RBAC group named by argument i.
func rbacGroupAt(i int) describer {
	return describe(i, (*admin.RBACGroupsService).Get, func(g *admin.RBACGroup) string { return fmt.Sprintf("%q (%s)", g.Name, g.ID) })
}
