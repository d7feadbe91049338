package admintest

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// The Compliance API's directory: the organizations under the parent
// organization, their roles, effective settings, groups and members'
// personal preferences.
//
// The server's own organization is the parent, created when the server
// starts (the demo data dates it before its first member). Its members are the server's users; child organizations are seeded
// ([Server.AddChildOrganization]) with members taken from those users, and
// may have groups of their own. The roles of every organization are the
// server's RBAC roles, and the parent's groups its RBAC groups. Personal
// preferences are account-level, so a member shows the same text under
// every organization.

// complianceDir is the state of the directory. Guarded by Server.mu.
type complianceDir struct {
	// orgs are the organizations by orgKey, so that ID order is creation
	// order, the order the API lists them in.
	orgs    *table[complianceOrg]
	orgKeys map[string]string // UUID -> key in orgs
	// groups are the child organizations' groups; the parent's are the
	// RBAC groups (state.gov.rbacGroups).
	groups *table[childGroup]
	// prefs holds the personal preferences of the users with at least one
	// value set, by user ID: the index of the default listing, which skips
	// users without any.
	prefs *table[userPrefs]
}

func newComplianceDir() *complianceDir {
	return &complianceDir{
		orgs:    newTable[complianceOrg](),
		orgKeys: make(map[string]string),
		groups:  newTable[childGroup](),
		prefs:   newTable[userPrefs](),
	}
}

type complianceOrg struct {
	gen.ComplianceOrganization
	parent bool
	// members are a child organization's members by user ID (nil for the
	// parent, whose members are the server's users).
	members  *table[orgMember]
	settings []gen.ComplianceOrganizationSetting
}

type orgMember struct{ userID string }

type childGroup struct {
	gen.ComplianceGroup
	orgUUID string
	members *table[rbacGroupMember]
}

type userPrefs struct {
	instructions *string // "Instructions for Claude"
	cowork       *string // Cowork "Global instructions"
}

// orgKey orders organizations by creation time, then UUID.
func orgKey(created time.Time, uuid string) string {
	return fmt.Sprintf("%020d|%s", created.UnixNano(), uuid)
}

// defaultOrgSettings are the effective settings of an organization that
// was not given any.
func defaultOrgSettings() []gen.ComplianceOrganizationSetting {
	b := func(name string, v bool) gen.ComplianceOrganizationSetting {
		return gen.ComplianceOrganizationSetting{Name: name, Type: ptr("boolean"), Value: v}
	}
	return []gen.ComplianceOrganizationSetting{
		b("sso_enabled", true),
		b("sso_claude_ai_enforced", true),
		b("sso_console_enforced", false),
		b("directory_sync_enabled", true),
		b("ip_allowlist_enabled", false),
		b("code_execution_enabled", true),
		b("code_execution_network_egress_enabled", false),
		b("content_redaction_enabled", false),
		b("frontier_data_use_enabled", false),
		b("claude_code_trusted_devices_required", false),
		b("claude_ai_feedback_collection_enabled", true),
		b("api_workbench_feedback_collection_enabled", true),
		{Name: "account_session_duration_seconds", Type: ptr("integer"), Value: nil},
	}
}

// addParentOrg stores the server's organization as the parent, created at
// the server's start; it draws no ID.
func (s *Server) addParentOrg() {
	now := s.clock.now()
	o := &complianceOrg{
		ComplianceOrganization: gen.ComplianceOrganization{UUID: s.org.ID, Name: s.org.Name, CreatedAt: now},
		parent:                 true,
		settings:               defaultOrgSettings(),
	}
	key := orgKey(now, o.UUID)
	s.st.dir.orgs.put(key, o)
	s.st.dir.orgKeys[o.UUID] = key
}

// setParentCreatedLocked moves the parent organization's creation time.
func (s *Server) setParentCreatedLocked(at time.Time) {
	o, _ := s.complianceOrgLocked(s.org.ID)
	s.st.dir.orgs.del(s.st.dir.orgKeys[o.UUID])
	no := *o
	no.CreatedAt = at
	key := orgKey(at, o.UUID)
	s.st.dir.orgs.put(key, &no)
	s.st.dir.orgKeys[o.UUID] = key
}

func orgNotFound(id string) *apiError { return notFound("organization %q not found", id) }

// complianceOrgLocked returns the organization with the given UUID.
func (s *Server) complianceOrgLocked(uuid string) (*complianceOrg, *apiError) {
	if key, ok := s.st.dir.orgKeys[uuid]; ok {
		if o, ok := s.st.dir.orgs.get(key); ok {
			return o, nil
		}
	}
	return nil, orgNotFound(uuid)
}

// limitOr returns limit, or def when it is absent.
func limitOr(limit *int, def int) *int {
	if limit == nil {
		return &def
	}
	return limit
}

func (s *api) ListComplianceOrganizations(ctx context.Context, req server.ListComplianceOrganizationsRequestObject) (server.ListComplianceOrganizationsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, next, e := tokenPage(s.st.dir.orgs, "compliance-orgs", limitOr(req.Params.Limit, 1000), req.Params.Page, nil,
		func(o *complianceOrg) gen.ComplianceOrganization { return o.ComplianceOrganization })
	if e != nil {
		return nil, e
	}
	return server.ListComplianceOrganizations200JSONResponse{Body: gen.ComplianceOrganizationList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

// ------------------------------------------------------------------ roles

// builtInRoleDescriptions describe the built-in roles, by name.
var builtInRoleDescriptions = map[string]string{
	"Primary Owner":    "Full control of the organization, including billing and ownership",
	"Owner":            "Full administrative access to organization settings and members",
	"Membership Admin": "Manages the organization's members and groups",
	"Member":           "Uses Claude within the organization's policies",
}

func complianceRole(r *gen.RBACRole) gen.ComplianceRole {
	created, updated := r.CreatedAt, r.UpdatedAt
	return gen.ComplianceRole{ID: r.ID, Name: r.DisplayName, Description: builtInRoleDescriptions[r.DisplayName], CreatedAt: &created, UpdatedAt: &updated}
}

func (s *api) ListComplianceRoles(ctx context.Context, req server.ListComplianceRolesRequestObject) (server.ListComplianceRolesResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if _, e := s.complianceOrgLocked(req.OrgUUID); e != nil {
		return nil, e
	}
	data, next, e := tokenPage(s.st.rbacRoles, "compliance-roles", limitOr(req.Params.Limit, 500), req.Params.Page, nil, complianceRole)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceRoles200JSONResponse{Body: gen.ComplianceRoleList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

// complianceRoleLocked returns a role of the organization orgUUID.
func (s *Server) complianceRoleLocked(orgUUID, roleID string) (*gen.RBACRole, *apiError) {
	if _, e := s.complianceOrgLocked(orgUUID); e != nil {
		return nil, e
	}
	r, ok := s.st.rbacRoles.get(roleID)
	if !ok {
		return nil, notFound("role %q not found", roleID)
	}
	return r, nil
}

func (s *api) GetComplianceRole(ctx context.Context, req server.GetComplianceRoleRequestObject) (server.GetComplianceRoleResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, e := s.complianceRoleLocked(req.OrgUUID, req.RoleID)
	if e != nil {
		return nil, e
	}
	return server.GetComplianceRole200JSONResponse{Body: complianceRole(r)}, nil
}

// compliancePermission reports an RBAC permission as the Compliance API
// does: the resource's type and its ID ("*" for all connectors).
func compliancePermission(p *gen.RBACRolePermission) gen.ComplianceRolePermission {
	id := "*"
	switch {
	case p.Resource.OrganizationID != nil:
		id = *p.Resource.OrganizationID
	case p.Resource.ConnectorID != nil:
		id = *p.Resource.ConnectorID
	}
	return gen.ComplianceRolePermission{Action: p.Action, ResourceID: id, ResourceType: string(p.Resource.Type)}
}

func (s *api) ListComplianceRolePermissions(ctx context.Context, req server.ListComplianceRolePermissionsRequestObject) (server.ListComplianceRolePermissionsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	r, e := s.complianceRoleLocked(req.OrgUUID, req.RoleID)
	if e != nil {
		return nil, e
	}
	perms := s.st.gov.rbacPermissions[r.ID]
	if perms == nil {
		perms = newTable[gen.RBACRolePermission]()
	}
	data, next, e := tokenPage(perms, "compliance-role-permissions:"+r.ID, limitOr(req.Params.Limit, 500), req.Params.Page, nil, compliancePermission)
	if e != nil {
		return nil, e
	}
	return server.ListComplianceRolePermissions200JSONResponse{Body: gen.ComplianceRolePermissionList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

// --------------------------------------------------------------- settings

func (s *api) GetComplianceOrganizationSettings(ctx context.Context, req server.GetComplianceOrganizationSettingsRequestObject) (server.GetComplianceOrganizationSettingsResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	o, e := s.complianceOrgLocked(req.OrganizationID)
	if e != nil {
		return nil, e
	}
	return server.GetComplianceOrganizationSettings200JSONResponse{Body: gen.ComplianceOrganizationSettings{OrganizationID: o.UUID, Settings: o.settings}}, nil
}

// ----------------------------------------------------------------- groups

func groupFromRBAC(g *rbacGroup) gen.ComplianceGroup {
	created, updated := g.CreatedAt, g.UpdatedAt
	return gen.ComplianceGroup{ID: g.ID, Name: g.Name, Roles: g.RoleIDs, SourceType: string(g.SourceType), CreatedAt: &created, UpdatedAt: &updated}
}

// complianceGroupsPage returns one page of the groups of the hierarchy:
// the parent's RBAC groups and the child organizations' groups, merged in
// ID order. Each table yields at most one page after the cursor; a name
// prefix is a filter over the walk (groups are few).
func (s *Server) complianceGroupsPage(limit int, after, prefix string) (out []gen.ComplianceGroup, more bool) {
	c := cursor{limit: limit, afterID: after}
	a := listPage(s.st.gov.rbacGroups, c, func(g *rbacGroup) bool { return strings.HasPrefix(g.Name, prefix) }, groupFromRBAC)
	b := listPage(s.st.dir.groups, c, func(g *childGroup) bool { return strings.HasPrefix(g.Name, prefix) },
		func(g *childGroup) gen.ComplianceGroup { return g.ComplianceGroup })
	i, j := 0, 0
	for len(out) < limit && (i < len(a.data) || j < len(b.data)) {
		if j == len(b.data) || (i < len(a.data) && a.data[i].ID < b.data[j].ID) {
			out = append(out, a.data[i])
			i++
		} else {
			out = append(out, b.data[j])
			j++
		}
	}
	more = i < len(a.data) || j < len(b.data) || a.hasMore || b.hasMore
	return out, more
}

func (s *api) ListComplianceGroups(ctx context.Context, req server.ListComplianceGroupsRequestObject) (server.ListComplianceGroupsResponseObject, error) {
	const kind = "compliance-groups"
	after, e := parsePageToken(kind, req.Params.Page)
	if e != nil {
		return nil, e
	}
	prefix := ""
	if req.Params.NamePrefix != nil {
		prefix = *req.Params.NamePrefix
	}
	s.mu.RLock()
	defer s.mu.RUnlock()
	data, more := s.complianceGroupsPage(*limitOr(req.Params.Limit, 500), after, prefix)
	body := gen.ComplianceGroupList{Data: data, HasMore: more}
	if more {
		body.NextPage = pageToken(kind, data[len(data)-1].ID)
	}
	if body.Data == nil {
		body.Data = []gen.ComplianceGroup{}
	}
	return server.ListComplianceGroups200JSONResponse{Body: body}, nil
}

// complianceGroupLocked returns the group id and its members.
func (s *Server) complianceGroupLocked(id string) (gen.ComplianceGroup, *table[rbacGroupMember], *apiError) {
	if g, ok := s.st.gov.rbacGroups.get(id); ok {
		return groupFromRBAC(g), g.members, nil
	}
	if g, ok := s.st.dir.groups.get(id); ok {
		return g.ComplianceGroup, g.members, nil
	}
	return gen.ComplianceGroup{}, nil, notFound("group %q not found", id)
}

func (s *api) GetComplianceGroup(ctx context.Context, req server.GetComplianceGroupRequestObject) (server.GetComplianceGroupResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, _, e := s.complianceGroupLocked(req.GroupID)
	if e != nil {
		return nil, e
	}
	return server.GetComplianceGroup200JSONResponse{Body: g}, nil
}

func (s *api) ListComplianceGroupMembers(ctx context.Context, req server.ListComplianceGroupMembersRequestObject) (server.ListComplianceGroupMembersResponseObject, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	g, members, e := s.complianceGroupLocked(req.GroupID)
	if e != nil {
		return nil, e
	}
	data, next, e := tokenPage(members, "compliance-group-members:"+g.ID, limitOr(req.Params.Limit, 500), req.Params.Page, nil,
		func(m *rbacGroupMember) gen.ComplianceGroupMember {
			at := m.createdAt
			v := gen.ComplianceGroupMember{UserID: m.userID, CreatedAt: &at, UpdatedAt: &at}
			if u, ok := s.st.users.get(m.userID); ok {
				v.Email = u.Email
			}
			return v
		})
	if e != nil {
		return nil, e
	}
	return server.ListComplianceGroupMembers200JSONResponse{Body: gen.ComplianceGroupMemberList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

// ------------------------------------------------------------ preferences

func (s *api) ListComplianceUserPreferences(ctx context.Context, req server.ListComplianceUserPreferencesRequestObject) (server.ListComplianceUserPreferencesResponseObject, error) {
	kind := "compliance-user-preferences:" + req.OrgUUID
	all := req.Params.IncludeUnset != nil && *req.Params.IncludeUnset
	if all {
		kind += ":all"
	}
	limit := limitOr(req.Params.Limit, 20)
	s.mu.RLock()
	defer s.mu.RUnlock()
	o, e := s.complianceOrgLocked(req.OrgUUID)
	if e != nil {
		return nil, e
	}
	view := func(userID string) gen.ComplianceUserPreferences {
		v := gen.ComplianceUserPreferences{UserID: userID}
		if u, ok := s.st.users.get(userID); ok {
			v.Email = u.Email
		}
		if p, ok := s.st.dir.prefs.get(userID); ok {
			v.InstructionsForClaude, v.CoworkGlobalInstructions = p.instructions, p.cowork
		}
		return v
	}
	var data []gen.ComplianceUserPreferences
	var next *string
	switch {
	case o.parent && all: // every user
		data, next, e = tokenPage(s.st.users, kind, limit, req.Params.Page, nil, func(u *user) gen.ComplianceUserPreferences { return view(u.ID) })
	case o.parent: // the index: only the users with a value set
		data, next, e = s.prefsPageLocked(kind, limit, req.Params.Page, view)
	default:
		var keep func(*orgMember) bool
		if !all {
			keep = func(m *orgMember) bool { _, ok := s.st.dir.prefs.get(m.userID); return ok }
		}
		data, next, e = tokenPage(o.members, kind, limit, req.Params.Page, keep, func(m *orgMember) gen.ComplianceUserPreferences { return view(m.userID) })
	}
	if e != nil {
		return nil, e
	}
	return server.ListComplianceUserPreferences200JSONResponse{Body: gen.ComplianceUserPreferencesList{Data: data, HasMore: next != nil, NextPage: next}}, nil
}

// prefsPageLocked is tokenPage over the preferences index, viewing each
// user by ID.
func (s *Server) prefsPageLocked(kind string, limit *int, page *string, view func(string) gen.ComplianceUserPreferences) ([]gen.ComplianceUserPreferences, *string, *apiError) {
	after, e := parsePageToken(kind, page)
	if e != nil {
		return nil, nil, e
	}
	ids, _, more := s.st.dir.prefs.page(cursor{limit: *limit, afterID: after}, nil)
	data := make([]gen.ComplianceUserPreferences, 0, len(ids))
	for _, id := range ids {
		data = append(data, view(id))
	}
	if more {
		return data, pageToken(kind, ids[len(ids)-1]), nil
	}
	return data, nil, nil
}

// removeUserFromDirLocked ends a removed user's memberships of child
// organizations and their groups, and forgets their preferences.
func (s *Server) removeUserFromDirLocked(userID string) {
	s.st.dir.orgs.all(func(_ string, o *complianceOrg) bool {
		if o.members != nil {
			o.members.del(userID)
		}
		return true
	})
	s.st.dir.groups.all(func(_ string, g *childGroup) bool {
		g.members.del(userID)
		return true
	})
	s.st.dir.prefs.del(userID)
}

// ------------------------------------------------------------------ seeds

// ChildOrganizationSeed describes an organization under the server's
// organization for [Server.AddChildOrganization].
type ChildOrganizationSeed struct {
	// Name is required.
	Name string
	// CreatedAt defaults to now; the Compliance API lists organizations by
	// creation time, the parent first.
	CreatedAt time.Time
	// MemberIDs are IDs of users of the server's organization who are also
	// members of this one, in the order they joined.
	MemberIDs []string
	// Settings are its effective settings (default: those of the parent at
	// the server's start).
	Settings []admin.ComplianceOrganizationSetting
}

// AddChildOrganization adds an organization under the server's
// organization, visible through the Compliance API, and returns it. Its
// UUID is derived from the server's seed and draws no resource ID. An
// unknown member is an error, and nothing is added.
func (s *Server) AddChildOrganization(o ChildOrganizationSeed) (admin.ComplianceOrganization, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if strings.TrimSpace(o.Name) == "" {
		return gen.ComplianceOrganization{}, fmt.Errorf("admintest: child organization: name must not be blank")
	}
	members := newTable[orgMember]()
	for _, id := range o.MemberIDs {
		if _, ok := s.st.users.get(id); !ok {
			return gen.ComplianceOrganization{}, fmt.Errorf("admintest: member_ids: user %q not found", id)
		}
		members.put(id, &orgMember{userID: id})
	}
	n := uint64(s.st.dir.orgs.len())
	h := splitmix(s.seed ^ 0xc0ffee ^ n*0x9e3779b97f4a7c15)
	uuid := fmt.Sprintf("%08x-%04x-4%03x-8%03x-%012x", uint32(h>>32), uint16(h>>16), uint16(h)&0xfff, uint16(h>>4)&0xfff, splitmix(h)&0xffffffffffff)
	settings := o.Settings
	if settings == nil {
		settings = defaultOrgSettings()
	}
	co := &complianceOrg{
		ComplianceOrganization: gen.ComplianceOrganization{UUID: uuid, Name: o.Name, CreatedAt: orNow(o.CreatedAt, now)},
		members:                members,
		settings:               settings,
	}
	key := orgKey(co.CreatedAt, uuid)
	s.st.dir.orgs.put(key, co)
	s.st.dir.orgKeys[uuid] = key
	return co.ComplianceOrganization, nil
}

// AddChildOrganizationGroup adds a group to a child organization (see
// [Server.AddChildOrganization]) and returns it as the Compliance API
// shows it; the parent's groups are its RBAC groups ([Server.AddRBACGroup]).
// The roles must exist and the members must be members of the child
// organization. Its ID comes from a generator of its own, so adding one
// shifts no other resource's ID.
func (s *Server) AddChildOrganizationGroup(orgUUID string, g RBACGroupSeed) (admin.ComplianceGroup, error) {
	now := s.Now()
	s.mu.Lock()
	defer s.mu.Unlock()
	o, e := s.complianceOrgLocked(orgUUID)
	if e != nil {
		return gen.ComplianceGroup{}, asError(e)
	}
	if o.parent {
		return gen.ComplianceGroup{}, fmt.Errorf("admintest: %s is the parent organization: use AddRBACGroup", orgUUID)
	}
	if strings.TrimSpace(g.Name) == "" {
		return gen.ComplianceGroup{}, fmt.Errorf("admintest: group: name must not be blank")
	}
	for _, id := range g.RoleIDs {
		if _, ok := s.st.rbacRoles.get(id); !ok {
			return gen.ComplianceGroup{}, fmt.Errorf("admintest: role_ids: no RBAC role %q", id)
		}
	}
	at := orNow(g.CreatedAt, now)
	members := newTable[rbacGroupMember]()
	for _, id := range g.MemberIDs {
		if _, ok := o.members.get(id); !ok {
			return gen.ComplianceGroup{}, fmt.Errorf("admintest: member_ids: user %q is not a member of organization %s", id, orgUUID)
		}
		members.put(id, &rbacGroupMember{userID: id, createdAt: at})
	}
	src := "direct"
	if g.SCIM {
		src = "scim"
	}
	cg := &childGroup{
		ComplianceGroup: gen.ComplianceGroup{ID: s.dirIDs.next("rbacgrp"), Name: g.Name, Roles: append([]string{}, g.RoleIDs...),
			SourceType: src, CreatedAt: &at, UpdatedAt: &at},
		orgUUID: orgUUID,
		members: members,
	}
	s.st.dir.groups.put(cg.ID, cg)
	return cg.ComplianceGroup, nil
}

// UserPreferencesSeed holds a member's personal preferences for
// [Server.SetUserPreferences]; nil leaves a value unset.
type UserPreferencesSeed struct {
	// InstructionsForClaude is the member's "Instructions for Claude".
	InstructionsForClaude *string
	// CoworkGlobalInstructions is the member's Cowork "Global instructions".
	CoworkGlobalInstructions *string
}

// SetUserPreferences sets the personal preferences of a user of the
// organization, replacing any; both nil unsets them.
func (s *Server) SetUserPreferences(userID string, p UserPreferencesSeed) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.st.users.get(userID); !ok {
		return fmt.Errorf("admintest: user %q not found", userID)
	}
	if p.InstructionsForClaude == nil && p.CoworkGlobalInstructions == nil {
		s.st.dir.prefs.del(userID)
		return nil
	}
	s.st.dir.prefs.put(userID, &userPrefs{instructions: p.InstructionsForClaude, cowork: p.CoworkGlobalInstructions})
	return nil
}

// SetOrganizationSettings replaces the effective settings that the
// Compliance API reports for an organization (the parent or a child).
func (s *Server) SetOrganizationSettings(orgUUID string, settings []admin.ComplianceOrganizationSetting) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, e := s.complianceOrgLocked(orgUUID)
	if e != nil {
		return asError(e)
	}
	o.settings = append([]gen.ComplianceOrganizationSetting{}, settings...)
	return nil
}

// seedDemoComplianceDirectory adds the demo's Compliance directory: two
// child organizations whose members are demo users, with settings of
// their own and groups, and personal preferences for some users, some with
// one value unset. It draws no resource ID.
func (s *Server) seedDemoComplianceDirectory(start time.Time, users []gen.User) error {
	ids := func(from, to int) []string {
		var out []string
		for _, u := range users[from:to] {
			out = append(out, u.ID)
		}
		return out
	}
	s.mu.Lock()
	s.setParentCreatedLocked(start.Add(-30 * 24 * time.Hour)) // the organization predates its members
	s.mu.Unlock()
	settings := defaultOrgSettings()
	settings[4].Value = true                             // ip_allowlist_enabled
	settings[len(settings)-1].Value = int64(8 * 60 * 60) // account_session_duration_seconds
	research, err := s.AddChildOrganization(ChildOrganizationSeed{Name: "Research Lab", CreatedAt: start.Add(10 * 24 * time.Hour), MemberIDs: append(ids(0, 2), ids(3, 12)...)})
	if err != nil {
		return err
	}
	eu, err := s.AddChildOrganization(ChildOrganizationSeed{Name: "EU Subsidiary", CreatedAt: start.Add(40 * 24 * time.Hour), MemberIDs: append(ids(0, 1), ids(12, 20)...), Settings: settings})
	if err != nil {
		return err
	}
	groups := []struct {
		org  string
		seed RBACGroupSeed
	}{
		{research.UUID, RBACGroupSeed{Name: "Research Engineers", RoleIDs: []string{"rbac_role_builtin_4"}, MemberIDs: ids(3, 9), CreatedAt: start.Add(11 * 24 * time.Hour)}},
		{research.UUID, RBACGroupSeed{Name: "Research Leads", RoleIDs: []string{"rbac_role_builtin_3"}, MemberIDs: ids(0, 2), CreatedAt: start.Add(12 * 24 * time.Hour)}},
		{eu.UUID, RBACGroupSeed{Name: "EU Staff", RoleIDs: []string{"rbac_role_builtin_4"}, SCIM: true, MemberIDs: ids(12, 20), CreatedAt: start.Add(41 * 24 * time.Hour)}},
	}
	for _, g := range groups {
		if _, err := s.AddChildOrganizationGroup(g.org, g.seed); err != nil {
			return err
		}
	}
	texts := []UserPreferencesSeed{
		{InstructionsForClaude: ptr("Answer concisely; cite sources."), CoworkGlobalInstructions: ptr("Save spreadsheets as .xlsx.")},
		{InstructionsForClaude: ptr("I review Go code; prefer the standard library.")},
		{CoworkGlobalInstructions: ptr("Never delete a file without asking first.")},
		{InstructionsForClaude: ptr("Use British spelling."), CoworkGlobalInstructions: ptr("Write reports in Markdown.")},
	}
	for i, u := range users {
		if i%4 == 3 { // every fourth user from the fourth on has some
			if err := s.SetUserPreferences(u.ID, texts[(i/4)%len(texts)]); err != nil {
				return err
			}
		}
	}
	return nil
}
