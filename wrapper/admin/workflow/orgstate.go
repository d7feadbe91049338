package workflow

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// An OrgState is the configuration of an organization as one document:
// what [ExportOrg] reads and what [PlanOrgChanges] compares with the
// organization. It holds no secrets. Every list is sorted by a natural
// key (see [OrgState.Sort]) so that two exports of an unchanged
// organization are byte-identical and two exports diff cleanly.
//
// References use what a person reads (emails, names) where the API uses
// IDs, and keep the IDs so that matching is exact. IDs are optional in a
// desired state: an object without an ID is matched by its natural key
// (a user or invite by email, a workspace, service account or RBAC group
// by name), and an object that matches nothing is created where the API
// allows it.
type OrgState struct {
	// Organization is the organization the state belongs to; planning
	// refuses a state of another organization.
	Organization OrgInfo `json:"organization" yaml:"organization"`
	// NotExported names the sections the export could not read (for
	// example service_accounts without an org:admin OAuth token, or
	// rbac_groups outside Claude Enterprise). Planning leaves them alone.
	NotExported []string `json:"not_exported,omitempty" yaml:"not_exported,omitempty"`
	// Users are the members, by email.
	Users []OrgUser `json:"users" yaml:"users"`
	// Invites are the pending invites, by email.
	Invites []OrgInvite `json:"invites" yaml:"invites"`
	// Workspaces are the active workspaces (archived ones are left out,
	// the default workspace too), by name then ID.
	Workspaces []OrgWorkspace `json:"workspaces" yaml:"workspaces"`
	// ServiceAccounts are the service accounts that are not archived, by
	// name.
	ServiceAccounts []OrgServiceAccount `json:"service_accounts" yaml:"service_accounts"`
	// RBACGroups are the RBAC groups, by name.
	RBACGroups []OrgRBACGroup `json:"rbac_groups" yaml:"rbac_groups"`
	// APIKeys are the metadata of every API key, by workspace name, key
	// name and ID. Nothing secret is kept, not even the partial key hint.
	APIKeys []OrgAPIKey `json:"api_keys" yaml:"api_keys"`
}

// OrgInfo identifies the organization of an [OrgState].
type OrgInfo struct {
	// ID is the organization's ID.
	ID string `json:"id" yaml:"id"`
	// Name is the organization's name (the API cannot change it).
	Name string `json:"name" yaml:"name"`
}

// OrgUser is a member of the organization.
type OrgUser struct {
	// Email is the member's email address, the natural key.
	Email string `json:"email" yaml:"email"`
	// Name is the member's name (the API cannot change it).
	Name string `json:"name" yaml:"name"`
	// Role is the member's organization role.
	Role admin.OrganizationRole `json:"role" yaml:"role"`
	// ID is the user's ID; optional in a desired state.
	ID string `json:"id,omitempty" yaml:"id,omitempty"`
}

// OrgInvite is a pending invite.
type OrgInvite struct {
	// Email is the address invited, the natural key.
	Email string `json:"email" yaml:"email"`
	// Role is the organization role the invite grants.
	Role admin.OrganizationRole `json:"role" yaml:"role"`
	// RBACGroups are the names of the RBAC groups the invite adds the
	// person to, sorted.
	RBACGroups []string `json:"rbac_groups,omitempty" yaml:"rbac_groups,omitempty"`
	// ExpiresAt is when the invite expires; set by the service.
	ExpiresAt *time.Time `json:"expires_at,omitempty" yaml:"expires_at,omitempty"`
	// ID is the invite's ID; set by the service.
	ID string `json:"id,omitempty" yaml:"id,omitempty"`
}

// OrgWorkspace is an active workspace with its members, service-account
// memberships and rate-limit overrides.
type OrgWorkspace struct {
	// Name is the workspace's name, the natural key.
	Name string `json:"name" yaml:"name"`
	// ID is the workspace's ID; without it the workspace is matched by
	// name, or created.
	ID string `json:"id,omitempty" yaml:"id,omitempty"`
	// DisplayColor is the workspace's colour in the Console.
	DisplayColor string `json:"display_color,omitempty" yaml:"display_color,omitempty"`
	// Tags are the workspace's tags.
	Tags map[string]string `json:"tags,omitempty" yaml:"tags,omitempty"`
	// DataResidency is where the workspace's data is stored and where
	// inference may run.
	DataResidency *OrgDataResidency `json:"data_residency,omitempty" yaml:"data_residency,omitempty"`
	// Members are the users of the workspace, by email.
	Members []OrgWorkspaceMember `json:"members" yaml:"members"`
	// ServiceAccounts are the explicit memberships of service accounts,
	// by name (implicit ones, which follow from an account's organization
	// role, are left out).
	ServiceAccounts []OrgWorkspaceServiceAccount `json:"service_accounts" yaml:"service_accounts"`
	// RateLimits are the workspace's overrides of organization rate
	// limits, by rate limit ID.
	RateLimits []OrgRateLimit `json:"rate_limits" yaml:"rate_limits"`
}

// OrgDataResidency is the data residency of a workspace. AllowedInferenceGeos
// is a list of geographies, or the single word "unrestricted".
type OrgDataResidency struct {
	// WorkspaceGeo is where the workspace's data is stored; set at
	// creation only.
	WorkspaceGeo string `json:"workspace_geo,omitempty" yaml:"workspace_geo,omitempty"`
	// DefaultInferenceGeo is where inference runs unless a request says.
	DefaultInferenceGeo string `json:"default_inference_geo,omitempty" yaml:"default_inference_geo,omitempty"`
	// AllowedInferenceGeos are where inference may run: geographies, or
	// ["unrestricted"].
	AllowedInferenceGeos []string `json:"allowed_inference_geos,omitempty" yaml:"allowed_inference_geos,omitempty,flow"`
}

// OrgWorkspaceMember is a user's membership of a workspace.
type OrgWorkspaceMember struct {
	// Email is the user's email address.
	Email string `json:"email" yaml:"email"`
	// Role is the workspace role.
	Role admin.WorkspaceRole `json:"role" yaml:"role"`
}

// OrgWorkspaceServiceAccount is a service account's explicit membership
// of a workspace.
type OrgWorkspaceServiceAccount struct {
	// Name is the service account's name.
	Name string `json:"name" yaml:"name"`
	// Role is the workspace role.
	Role admin.WorkspaceRole `json:"role" yaml:"role"`
}

// OrgRateLimit is a workspace's override of one organization rate limit.
type OrgRateLimit struct {
	// ID is the organization rate limit's ID.
	ID string `json:"id" yaml:"id"`
	// Group says what the limit applies to (its display name, or the
	// group ID); informative.
	Group string `json:"group,omitempty" yaml:"group,omitempty"`
	// Limits are the overridden limiters and their values, such as
	// requests_per_minute: 100.
	Limits map[string]int64 `json:"limits" yaml:"limits"`
}

// OrgServiceAccount is a service account that is not archived.
type OrgServiceAccount struct {
	// Name is the account's name, the natural key.
	Name string `json:"name" yaml:"name"`
	// ID is the account's ID; without it the account is matched by name,
	// or created.
	ID string `json:"id,omitempty" yaml:"id,omitempty"`
	// Description describes the account.
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
	// Role is the account's organization role.
	Role admin.ServiceAccountOrganizationRole `json:"role" yaml:"role"`
}

// OrgRBACGroup is an RBAC group and its members.
type OrgRBACGroup struct {
	// Name is the group's name, the natural key.
	Name string `json:"name" yaml:"name"`
	// ID is the group's ID; without it the group is matched by name, or
	// created.
	ID string `json:"id,omitempty" yaml:"id,omitempty"`
	// Source is how the group is managed (direct or scim); set by the
	// service.
	Source string `json:"source,omitempty" yaml:"source,omitempty"`
	// Members are the emails of the group's members, sorted.
	Members []string `json:"members" yaml:"members"`
}

// OrgActor is a user or a service account referred to by an API key.
type OrgActor struct {
	// Type is user or service_account.
	Type string `json:"type" yaml:"type"`
	// Name is the user's email or the account's name; empty when the
	// actor no longer exists.
	Name string `json:"name,omitempty" yaml:"name,omitempty"`
	// ID is the actor's ID.
	ID string `json:"id" yaml:"id"`
}

// OrgAPIKey is the metadata of an API key. Keys cannot be created through
// the API: only their name and status can be changed.
type OrgAPIKey struct {
	// Workspace is the name of the key's workspace; empty for the default
	// workspace.
	Workspace string `json:"workspace,omitempty" yaml:"workspace,omitempty"`
	// Name is the key's name.
	Name string `json:"name" yaml:"name"`
	// ID is the key's ID, the key of matching.
	ID string `json:"id" yaml:"id"`
	// Status is the key's status.
	Status admin.APIKeyStatus `json:"status" yaml:"status"`
	// WorkspaceID is the ID of the key's workspace; empty for the default
	// workspace.
	WorkspaceID string `json:"workspace_id,omitempty" yaml:"workspace_id,omitempty"`
	// CreatedBy is who created the key.
	CreatedBy *OrgActor `json:"created_by,omitempty" yaml:"created_by,omitempty"`
	// Principal is who the key acts as, when it is bound to one.
	Principal *OrgActor `json:"principal,omitempty" yaml:"principal,omitempty"`
	// ExpiresAt is when the key expires, if it does.
	ExpiresAt *time.Time `json:"expires_at,omitempty" yaml:"expires_at,omitempty"`
}

// The names of the sections of an [OrgState], as in the file.
const (
	sectionServiceAccounts = "service_accounts"
	sectionRBACGroups      = "rbac_groups"
)

// Sort puts every list of s in its stable order: users and invites by
// email, workspaces by name then ID, members by name, service accounts
// and RBAC groups by name then ID, rate limits by ID, keys by workspace,
// name and ID. [ExportOrg] and [ReadOrgState] return sorted states.
func (s *OrgState) Sort() {
	slices.SortFunc(s.Users, func(a, b OrgUser) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(s.Invites, func(a, b OrgInvite) int {
		return cmp.Or(cmp.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email)), cmp.Compare(a.ID, b.ID))
	})
	for i := range s.Invites {
		slices.Sort(s.Invites[i].RBACGroups)
	}
	for i := range s.Workspaces {
		w := &s.Workspaces[i]
		slices.SortFunc(w.Members, func(a, b OrgWorkspaceMember) int {
			return cmp.Compare(strings.ToLower(a.Email), strings.ToLower(b.Email))
		})
		slices.SortFunc(w.ServiceAccounts, func(a, b OrgWorkspaceServiceAccount) int {
			return cmp.Compare(strings.ToLower(a.Name), strings.ToLower(b.Name))
		})
		slices.SortFunc(w.RateLimits, func(a, b OrgRateLimit) int { return cmp.Compare(a.ID, b.ID) })
	}
	slices.SortFunc(s.Workspaces, func(a, b OrgWorkspace) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(s.ServiceAccounts, func(a, b OrgServiceAccount) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	for i := range s.RBACGroups {
		slices.SortFunc(s.RBACGroups[i].Members, func(a, b string) int { return cmp.Compare(strings.ToLower(a), strings.ToLower(b)) })
	}
	slices.SortFunc(s.RBACGroups, func(a, b OrgRBACGroup) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	slices.SortFunc(s.APIKeys, func(a, b OrgAPIKey) int {
		return cmp.Or(cmp.Compare(a.Workspace, b.Workspace), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
	})
	slices.Sort(s.NotExported)
}

// exported reports whether the state holds section (it is not listed in
// NotExported).
func (s *OrgState) exported(section string) bool { return !slices.Contains(s.NotExported, section) }

// WriteYAML writes s as YAML, indented by two spaces, in the order of
// [OrgState.Sort] (s itself is sorted first). The sections named in
// NotExported are left out (the workspaces' service_accounts too, for
// service_accounts), rather than written as empty lists.
func (s *OrgState) WriteYAML(w io.Writer) error {
	s.Sort()
	var doc yaml.Node
	if err := doc.Encode(s); err != nil {
		return fmt.Errorf("workflow: write org state: %w", err)
	}
	for _, section := range s.NotExported {
		dropKey(&doc, section)
		if section == sectionServiceAccounts {
			if ws := mapValue(&doc, "workspaces"); ws != nil {
				for _, w := range ws.Content {
					dropKey(w, section)
				}
			}
		}
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return fmt.Errorf("workflow: write org state: %w", err)
	}
	if err := enc.Close(); err != nil {
		return err
	}
	_, err := w.Write(buf.Bytes())
	return err
}

// mapValue returns the value of key in the mapping node m, or nil.
func mapValue(m *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// dropKey removes key and its value from the mapping node m.
func dropKey(m *yaml.Node, key string) {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			m.Content = append(m.Content[:i], m.Content[i+2:]...)
			return
		}
	}
}

// ReadOrgState reads an [OrgState] written as YAML (or JSON, which is
// YAML too). Unknown fields are an error, so that a misspelt field is not
// silently ignored. The state is returned sorted.
func ReadOrgState(r io.Reader) (*OrgState, error) {
	var s OrgState
	dec := yaml.NewDecoder(r)
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, errors.New("workflow: read org state: the file is empty")
		}
		return nil, fmt.Errorf("workflow: read org state: %w", err)
	}
	if s.Organization.ID == "" {
		return nil, errors.New("workflow: read org state: organization.id is missing")
	}
	s.Sort()
	return &s, nil
}

// ExportOptions are the choices of [ExportOrg].
type ExportOptions struct {
	// Concurrency is the number of requests made at once for the
	// per-workspace and per-group lists; 0 means 4.
	Concurrency int
}

// ExportOrg reads the configuration of the client's organization: the
// organization, members, pending invites, active workspaces with their
// members, service-account memberships and rate-limit overrides, service
// accounts, RBAC groups with their members, and API key metadata. It only
// reads, asks for the largest pages every list allows, and makes one
// request per workspace for members and one for rate-limit overrides (the
// API has no organization-wide list of either). Service accounts need an
// org:admin OAuth token and RBAC groups exist in Claude Enterprise
// organizations only: a section that cannot be read is named in
// [OrgState.NotExported] instead of failing the export.
func ExportOrg(ctx context.Context, c *admin.Client, opts ExportOptions) (*OrgState, error) {
	x := &exporter{c: c, conc: opts.Concurrency}
	if x.conc <= 0 {
		x.conc = 4
	}
	return x.export(ctx)
}

// exporter reads an organization into an OrgState.
type exporter struct {
	c    *admin.Client
	conc int

	users   map[string]string // user ID → email
	sas     map[string]string // service account ID → name
	wsNames map[string]string // workspace ID → name
}

// maxPage is the largest page every list read by the export allows.
const maxPage = 1000

func (x *exporter) export(ctx context.Context) (*OrgState, error) {
	c := x.c
	org, err := c.Organization.Get(ctx)
	if err != nil {
		return nil, err
	}
	s := &OrgState{Organization: OrgInfo{ID: org.ID, Name: org.Name},
		Users: []OrgUser{}, Invites: []OrgInvite{}, Workspaces: []OrgWorkspace{},
		ServiceAccounts: []OrgServiceAccount{}, RBACGroups: []OrgRBACGroup{}, APIKeys: []OrgAPIKey{}}

	x.users = map[string]string{}
	for u, err := range c.Users.All(ctx, &admin.ListUsersParams{Limit: maxPage}) {
		if err != nil {
			return nil, err
		}
		x.users[u.ID] = u.Email
		s.Users = append(s.Users, OrgUser{Email: u.Email, Name: u.Name, Role: u.Role, ID: u.ID})
	}

	// RBAC groups before invites, which refer to them by name.
	groupNames := map[string]string{}
	groups, err := x.groups(ctx)
	switch {
	case err == nil:
		s.RBACGroups = groups
		for _, g := range groups {
			groupNames[g.ID] = g.Name
		}
	case optionalSection(err):
		s.RBACGroups = nil
		s.NotExported = append(s.NotExported, sectionRBACGroups)
	default:
		return nil, err
	}

	for inv, err := range c.Invites.All(ctx, &admin.ListInvitesParams{Statuses: []admin.InviteStatusFilter{admin.InviteStatusFilterPending}, Limit: maxPage}) {
		if err != nil {
			return nil, err
		}
		if inv.Status != admin.InviteStatusPending {
			continue
		}
		oi := OrgInvite{Email: inv.Email, Role: inv.Role, ExpiresAt: utc(&inv.ExpiresAt), ID: inv.ID}
		for _, id := range inv.RBACGroupIDs {
			oi.RBACGroups = append(oi.RBACGroups, cmp.Or(groupNames[id], id))
		}
		s.Invites = append(s.Invites, oi)
	}

	var saList []admin.ServiceAccount
	x.sas = map[string]string{}
	for sa, err := range c.ServiceAccounts.All(ctx, &admin.ListServiceAccountsParams{Limit: maxPage}) {
		if optionalSection(err) {
			s.ServiceAccounts = nil
			s.NotExported = append(s.NotExported, sectionServiceAccounts)
			break
		}
		if err != nil {
			return nil, err
		}
		if sa.ArchivedAt != nil {
			continue
		}
		saList = append(saList, sa)
		x.sas[sa.ID] = sa.Name
		s.ServiceAccounts = append(s.ServiceAccounts, OrgServiceAccount{Name: sa.Name, ID: sa.ID, Description: sa.Description, Role: sa.OrganizationRole})
	}

	x.wsNames = map[string]string{}
	for w, err := range c.Workspaces.All(ctx, &admin.ListWorkspacesParams{Limit: maxPage}) {
		if err != nil {
			return nil, err
		}
		if w.ArchivedAt != nil {
			continue
		}
		x.wsNames[w.ID] = w.Name
		s.Workspaces = append(s.Workspaces, workspaceState(w))
	}
	if err := x.workspaceDetails(ctx, s, saList); err != nil {
		return nil, err
	}

	for k, err := range c.APIKeys.All(ctx, &admin.ListAPIKeysParams{Limit: maxPage}) {
		if err != nil {
			return nil, err
		}
		s.APIKeys = append(s.APIKeys, x.keyState(k))
	}
	s.Sort()
	return s, nil
}

// optionalSection reports whether err means a section of the export
// cannot be read with this client or in this organization, rather than a
// failure.
func optionalSection(err error) bool {
	return errors.Is(err, admin.ErrMissingCredential) || errors.Is(err, admin.ErrPermission) ||
		errors.Is(err, admin.ErrInvalidRequest) || errors.Is(err, admin.ErrNotFound)
}

func utc(t *time.Time) *time.Time {
	if t == nil || t.IsZero() {
		return nil
	}
	u := t.UTC()
	return &u
}

// workspaceState is the state of w without its members, service accounts
// and rate limits.
func workspaceState(w admin.Workspace) OrgWorkspace {
	ow := OrgWorkspace{Name: w.Name, ID: w.ID, DisplayColor: w.DisplayColor, Members: []OrgWorkspaceMember{}, ServiceAccounts: []OrgWorkspaceServiceAccount{}, RateLimits: []OrgRateLimit{}}
	if len(w.Tags) > 0 {
		ow.Tags = maps.Clone(w.Tags)
	}
	dr := OrgDataResidency{WorkspaceGeo: string(w.DataResidency.WorkspaceGeo), DefaultInferenceGeo: string(w.DataResidency.DefaultInferenceGeo)}
	dr.AllowedInferenceGeos = geosList(w.DataResidency.AllowedInferenceGeos)
	if dr.WorkspaceGeo != "" || dr.DefaultInferenceGeo != "" || len(dr.AllowedInferenceGeos) > 0 {
		ow.DataResidency = &dr
	}
	return ow
}

// geosList returns a as a list: its geographies, or ["unrestricted"].
func geosList(a admin.AllowedInferenceGeos) []string {
	if u, err := a.AsUnrestrictedInferenceGeos(); err == nil && u == admin.UnrestrictedInferenceGeosUnrestricted {
		return []string{string(u)}
	}
	l, err := a.AsAllowedInferenceGeos0()
	if err != nil {
		return nil
	}
	out := make([]string, 0, len(l))
	for _, g := range l {
		out = append(out, string(g))
	}
	return out
}

// groups reads the RBAC groups and their members.
func (x *exporter) groups(ctx context.Context) ([]OrgRBACGroup, error) {
	var out []OrgRBACGroup
	for g, err := range x.c.RBACGroups.All(ctx, &admin.ListRBACGroupsParams{Limit: maxPage}) {
		if err != nil {
			return nil, err
		}
		out = append(out, OrgRBACGroup{Name: g.Name, ID: g.ID, Source: string(g.SourceType), Members: []string{}})
	}
	err := forEach(ctx, x.conc, len(out), func(ctx context.Context, i int) error {
		g := &out[i]
		for m, err := range x.c.RBACGroupMembers.All(ctx, g.ID, &admin.ListRBACGroupMembersParams{Limit: maxPage}) {
			if err != nil {
				return err
			}
			g.Members = append(g.Members, cmp.Or(m.Email, x.users[m.UserID], m.UserID))
		}
		return nil
	})
	if out == nil {
		out = []OrgRBACGroup{}
	}
	return out, err
}

// workspaceDetails reads the members, rate-limit overrides and
// service-account memberships of the workspaces of s. Service-account
// memberships are read from whichever side needs fewer requests: per
// account or per workspace.
func (x *exporter) workspaceDetails(ctx context.Context, s *OrgState, sas []admin.ServiceAccount) error {
	perWorkspaceSA := s.exported(sectionServiceAccounts) && len(sas) > 0 && len(s.Workspaces) < len(sas)
	err := forEach(ctx, x.conc, len(s.Workspaces), func(ctx context.Context, i int) error {
		w := &s.Workspaces[i]
		for m, err := range x.c.WorkspaceMembers.All(ctx, w.ID, &admin.ListWorkspaceMembersParams{Limit: maxPage}) {
			if err != nil {
				return err
			}
			w.Members = append(w.Members, OrgWorkspaceMember{Email: cmp.Or(x.users[m.UserID], m.UserID), Role: m.WorkspaceRole})
		}
		for rl, err := range x.c.WorkspaceRateLimits.All(ctx, w.ID, &admin.ListWorkspaceRateLimitsParams{Limit: maxPage}) {
			if err != nil {
				return err
			}
			if r, ok := rateLimitState(rl); ok {
				w.RateLimits = append(w.RateLimits, r)
			}
		}
		if perWorkspaceSA {
			for m, err := range x.c.WorkspaceServiceAccounts.All(ctx, w.ID, &admin.ListWorkspaceServiceAccountsParams{Limit: maxPage}) {
				if err != nil {
					return err
				}
				if !m.Implicit {
					w.ServiceAccounts = append(w.ServiceAccounts, OrgWorkspaceServiceAccount{Name: cmp.Or(x.sas[m.ServiceAccountID], m.ServiceAccountID), Role: m.WorkspaceRole})
				}
			}
		}
		return nil
	})
	if err != nil || perWorkspaceSA || !s.exported(sectionServiceAccounts) {
		return err
	}
	index := map[string]int{}
	for i, w := range s.Workspaces {
		index[w.ID] = i
	}
	lists := make([][]admin.ServiceAccountWorkspaceMember, len(sas))
	err = forEach(ctx, x.conc, len(sas), func(ctx context.Context, i int) error {
		for m, err := range x.c.ServiceAccountWorkspaces.All(ctx, sas[i].ID, &admin.ListServiceAccountWorkspacesParams{Limit: maxPage}) {
			if err != nil {
				return err
			}
			lists[i] = append(lists[i], m)
		}
		return nil
	})
	for i, l := range lists {
		for _, m := range l {
			if j, ok := index[m.WorkspaceID]; ok && !m.Implicit {
				s.Workspaces[j].ServiceAccounts = append(s.Workspaces[j].ServiceAccounts, OrgWorkspaceServiceAccount{Name: sas[i].Name, Role: m.WorkspaceRole})
			}
		}
	}
	return err
}

// rateLimitState returns the workspace's overrides in rl, if any.
func rateLimitState(rl admin.WorkspaceRateLimit) (OrgRateLimit, bool) {
	r := OrgRateLimit{ID: rl.RateLimitID, Limits: map[string]int64{}}
	if rl.Group.DisplayName != nil {
		r.Group = *rl.Group.DisplayName
	} else {
		r.Group = rl.Group.ID
	}
	for _, l := range rl.Limits {
		if l.Source.Type == admin.RateLimitSourceTypeWorkspace {
			r.Limits[l.Type] = l.Value
		}
	}
	return r, len(r.Limits) > 0
}

// keyState is the metadata of k.
func (x *exporter) keyState(k admin.APIKey) OrgAPIKey {
	ok := OrgAPIKey{Name: k.Name, ID: k.ID, Status: k.Status, ExpiresAt: utc(k.ExpiresAt)}
	if k.WorkspaceID != nil && *k.WorkspaceID != "" {
		ok.WorkspaceID = *k.WorkspaceID
		ok.Workspace = cmp.Or(x.wsNames[ok.WorkspaceID], ok.WorkspaceID)
	}
	if cb := k.CreatedBy; cb != nil {
		ok.CreatedBy = x.actor(string(cb.Type), cb.ID)
	}
	if p := k.Principal; p != nil {
		switch {
		case p.UserID != nil:
			ok.Principal = x.actor("user", *p.UserID)
		case p.ServiceAccountID != nil:
			ok.Principal = x.actor("service_account", *p.ServiceAccountID)
		}
	}
	return ok
}

// actor names a user or service account by ID.
func (x *exporter) actor(typ, id string) *OrgActor {
	a := &OrgActor{Type: typ, ID: id}
	if typ == "user" {
		a.Name = x.users[id]
	} else {
		a.Name = x.sas[id]
	}
	return a
}

// forEach calls f for 0..n-1 with at most conc calls at once and returns
// the first error; after an error no new calls start.
func forEach(ctx context.Context, conc, n int, f func(context.Context, int) error) error {
	if n == 0 {
		return nil
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	parent := ctx
	sem := make(chan struct{}, conc)
	errs := make(chan error, n)
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			if err := f(ctx, i); err != nil {
				errs <- err
				cancel(err)
			}
		}()
	}
	for range conc {
		sem <- struct{}{}
	}
	close(errs)
	if err := <-errs; err != nil {
		return err
	}
	return parent.Err()
}
