package main

import (
	"context"
	"encoding/json"
	"flag"
	"iter"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The Compliance API's directory: organizations, roles, effective
// settings, groups and members' personal preferences. The commands of an
// organization take --org, or look the Admin key's organization up, as
// compliance users does.

func complianceOrgView() view[admin.ComplianceOrganization] {
	return fieldView[admin.ComplianceOrganization]("uuid", "name", "created_at")
}

func complianceRoleView() view[admin.ComplianceRole] {
	return fieldView[admin.ComplianceRole]("id", "name", "description", "created_at", "updated_at")
}

func compliancePermissionView() view[admin.ComplianceRolePermission] {
	return fieldView[admin.ComplianceRolePermission]("action", "resource_type", "resource_id")
}

func complianceGroupView() view[admin.ComplianceGroup] {
	return fieldView[admin.ComplianceGroup]("id", "name", "source_type", "roles", "created_at", "updated_at")
}

func complianceMemberView() view[admin.ComplianceGroupMember] {
	return fieldView[admin.ComplianceGroupMember]("user_id", "email", "created_at")
}

func compliancePrefsView() view[admin.ComplianceUserPreferences] {
	return fieldView[admin.ComplianceUserPreferences]("user_id", "email", "instructions_for_claude", "cowork_global_instructions")
}

// complianceOrgSettingsView prints one row per setting; a value prints as
// its JSON ("true", "28800"), and null (no limit) as an empty cell.
func complianceOrgSettingsView() view[admin.ComplianceOrganizationSettings] {
	return nested(fields[admin.ComplianceOrganizationSettings]("organization_id"), "settings",
		append(prefixed("settings.", fields[admin.ComplianceOrganizationSetting]("name", "type")),
			col("settings.value", func(s admin.ComplianceOrganizationSetting) string {
				if s.Value == nil {
					return ""
				}
				b, err := json.Marshal(s.Value)
				if err != nil {
					return ""
				}
				return string(b)
			})))
}

// orgFlag is the --org flag of the commands of one organization.
var orgFlag = flagSpec{name: "org", field: "Org", usage: "the organization `UUID` (default: looked up with the Admin key)"}

// complianceOrgCommands returns the directory commands of the compliance
// group.
func complianceOrgCommands() []*command {
	return []*command{
		group("orgs", "The organizations under the parent organization.",
			&command{name: "list", op: admin.OpListComplianceOrganizations, summary: "List the organizations, oldest first.", compliance: true,
				examples: []string{"anthropic-admin compliance orgs list --all"},
				do:       list0((*admin.ComplianceOrganizationsService).Pages, complianceOrgView())},
		),
		group("roles", "The roles of an organization.",
			&command{name: "list", op: admin.OpListComplianceRoles, summary: "List an organization's roles.", compliance: true,
				flags:    []flagSpec{orgFlag},
				examples: []string{"anthropic-admin compliance roles list --org 00000000-0000-4000-8000-00000000fa4e"},
				do:       listWith(complianceRolesPages, complianceRoleView())},
			&command{name: "get", op: admin.OpGetComplianceRole, summary: "Show a role.", args: []string{"<role-id>"}, compliance: true,
				flags:    []flagSpec{orgFlag},
				examples: []string{"anthropic-admin compliance roles get rbac_role_builtin_2 --org 00000000-0000-4000-8000-00000000fa4e"},
				do:       orgObject(complianceRole, complianceRoleView())},
			&command{name: "permissions", op: admin.OpListComplianceRolePermissions, summary: "List the permissions a role grants.", args: []string{"<role-id>"}, compliance: true,
				flags:    []flagSpec{orgFlag},
				examples: []string{"anthropic-admin compliance roles permissions rbac_role_builtin_4 --output csv"},
				do:       listWith(complianceRolePermissionsPages, compliancePermissionView())},
		),
		{name: "settings", op: admin.OpGetComplianceOrganizationSettings, summary: "Show the settings in force for an organization, one row per setting.", compliance: true,
			flags:    []flagSpec{orgFlag},
			examples: []string{"anthropic-admin compliance settings --org 00000000-0000-4000-8000-00000000fa4e", "anthropic-admin compliance settings -o json"},
			do:       orgObject(complianceSettings, complianceOrgSettingsView())},
		group("groups", "The RBAC and SCIM groups of the organization hierarchy.",
			&command{name: "list", op: admin.OpListComplianceGroups, summary: "List the groups.", compliance: true,
				flags:    []flagSpec{{name: "name-prefix", field: "NamePrefix", usage: "only groups whose name starts with `prefix`"}},
				examples: []string{"anthropic-admin compliance groups list --name-prefix Research"},
				do:       list0((*admin.ComplianceGroupsService).Pages, complianceGroupView())},
			&command{name: "get", op: admin.OpGetComplianceGroup, summary: "Show a group.", args: []string{"<group-id>"}, compliance: true,
				examples: []string{"anthropic-admin compliance groups get rbacgrp_01ExampleGroupID"},
				do:       call1((*admin.ComplianceGroupsService).Get, complianceGroupView())},
			&command{name: "members", op: admin.OpListComplianceGroupMembers, summary: "List a group's members.", args: []string{"<group-id>"}, compliance: true,
				examples: []string{"anthropic-admin compliance groups members rbacgrp_01ExampleGroupID --all --output csv"},
				do:       list1((*admin.ComplianceGroupMembersService).Pages, complianceMemberView())},
		),
		group("preferences", "Members' personal preferences (Instructions for Claude, Cowork global instructions).",
			&command{name: "list", op: admin.OpListComplianceUserPreferences, summary: "List members' personal preferences, by join date.", compliance: true,
				details: "Without --include-unset only members with a value set are listed. A page may be short, or\n" +
					"empty, without being the last; --all follows every page.",
				flags: []flagSpec{orgFlag,
					{name: "include-unset", field: "IncludeUnset", usage: "list every member, with empty values for those not set"}},
				examples: []string{"anthropic-admin compliance preferences list --all -o json", "anthropic-admin compliance preferences list --include-unset --limit 100"},
				do:       listWith(compliancePrefsPages, compliancePrefsView())},
		),
	}
}

// orgParams are the parameters of a command of one organization: --org.
type orgParams struct {
	// Org is the UUID of the organization (--org); "" looks up the Admin
	// key's.
	Org string
}

// orgOf returns the organization UUID org, or without it the Admin key's
// organization's.
func orgOf(ctx context.Context, a *app, org string) (string, error) {
	if org != "" {
		return org, nil
	}
	if !a.adminKey {
		return "", usageErrorf("pass --org, or set %s to look the organization up", envAdminKey)
	}
	o, err := a.c.Organization.Get(ctx)
	if err != nil {
		return "", err
	}
	return o.ID, nil
}

// orgObject returns the action of a leaf of one organization that makes one
// call, fn, with the organization's UUID, and prints its result with vw.
func orgObject[T any](fn func(ctx context.Context, c *admin.Client, org string, args []string) (*T, error), vw view[T]) action {
	return action{method: funcName(fn), setup: func(fs *flag.FlagSet, leaf *command) runFunc {
		p := new(orgParams)
		leaf.bindFlags(fs, p)
		return func(ctx context.Context, a *app, args []string) error {
			org, err := orgOf(ctx, a, p.Org)
			if err != nil {
				return err
			}
			v, err := fn(ctx, a.c, org, args)
			if err != nil {
				return err
			}
			return printOne(a, v, vw)
		}
	}}
}

// complianceRole gets the role args[0] of the organization org.
func complianceRole(ctx context.Context, c *admin.Client, org string, args []string) (*admin.ComplianceRole, error) {
	return c.ComplianceRoles.Get(ctx, org, args[0])
}

// complianceSettings gets the effective settings of the organization org.
func complianceSettings(ctx context.Context, c *admin.Client, org string, _ []string) (*admin.ComplianceOrganizationSettings, error) {
	return c.ComplianceOrganizationSettings.Get(ctx, org)
}

// complianceRolesParams are the parameters of compliance roles list.
type complianceRolesParams struct {
	admin.ListComplianceRolesParams
	orgParams
}

// complianceRolesPages returns the pages of the roles of the organization.
func complianceRolesPages(ctx context.Context, a *app, _ []string, p *complianceRolesParams) iter.Seq2[*admin.ComplianceRoleList, error] {
	org, err := orgOf(ctx, a, p.Org)
	if err != nil {
		return failed[admin.ComplianceRoleList](err)
	}
	return a.c.ComplianceRoles.Pages(ctx, org, &p.ListComplianceRolesParams)
}

// complianceRolePermissionsParams are the parameters of compliance roles
// permissions.
type complianceRolePermissionsParams struct {
	admin.ListComplianceRolePermissionsParams
	orgParams
}

// complianceRolePermissionsPages returns the pages of the permissions of
// the role args[0] of the organization.
func complianceRolePermissionsPages(ctx context.Context, a *app, args []string, p *complianceRolePermissionsParams) iter.Seq2[*admin.ComplianceRolePermissionList, error] {
	org, err := orgOf(ctx, a, p.Org)
	if err != nil {
		return failed[admin.ComplianceRolePermissionList](err)
	}
	return a.c.ComplianceRolePermissions.Pages(ctx, org, args[0], &p.ListComplianceRolePermissionsParams)
}

// compliancePrefsParams are the parameters of compliance preferences list.
type compliancePrefsParams struct {
	admin.ListComplianceUserPreferencesParams
	orgParams
}

// compliancePrefsPages returns the pages of the members' preferences of
// the organization.
func compliancePrefsPages(ctx context.Context, a *app, _ []string, p *compliancePrefsParams) iter.Seq2[*admin.ComplianceUserPreferencesList, error] {
	org, err := orgOf(ctx, a, p.Org)
	if err != nil {
		return failed[admin.ComplianceUserPreferencesList](err)
	}
	return a.c.ComplianceUserPreferences.Pages(ctx, org, &p.ListComplianceUserPreferencesParams)
}
