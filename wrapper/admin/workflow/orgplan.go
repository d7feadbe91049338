package workflow

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// ErrOrganizationMismatch is returned by [PlanOrgChanges] when the
// client's organization is not the one the desired state names in
// organization.id: a state is never applied to another organization.
var ErrOrganizationMismatch = errors.New("workflow: the file is for another organization")

// The kinds of the steps of an [OrgPlan], besides the offboarding kinds
// it shares (StepRemoveWorkspaceMember, StepDeleteInvite,
// StepRemoveRBACGroupMember, StepRemoveUser).
const (
	StepUpdateUserRole                StepKind = "update_user_role"
	StepCreateRBACGroup               StepKind = "create_rbac_group"
	StepRenameRBACGroup               StepKind = "rename_rbac_group"
	StepCreateServiceAccount          StepKind = "create_service_account"
	StepUpdateServiceAccount          StepKind = "update_service_account"
	StepCreateWorkspace               StepKind = "create_workspace"
	StepUpdateWorkspace               StepKind = "update_workspace"
	StepAddWorkspaceMember            StepKind = "add_workspace_member"
	StepUpdateWorkspaceMember         StepKind = "update_workspace_member"
	StepAddWorkspaceServiceAccount    StepKind = "add_workspace_service_account"
	StepUpdateWorkspaceServiceAccount StepKind = "update_workspace_service_account"
	StepRemoveWorkspaceServiceAccount StepKind = "remove_workspace_service_account"
	StepUpdateWorkspaceRateLimit      StepKind = "update_workspace_rate_limit"
	StepAddRBACGroupMember            StepKind = "add_rbac_group_member"
	StepCreateInvite                  StepKind = "create_invite"
	StepUpdateAPIKey                  StepKind = "update_api_key"
	StepDeleteRBACGroup               StepKind = "delete_rbac_group"
	StepArchiveServiceAccount         StepKind = "archive_service_account"
	StepArchiveWorkspace              StepKind = "archive_workspace"
)

// PlanOptions are the choices of [PlanOrgChanges].
type PlanOptions struct {
	// Prune removes what the organization has and the desired state does
	// not mention: members, invites, workspace memberships, rate-limit
	// overrides, RBAC group members; and archives workspaces and service
	// accounts and deletes RBAC groups. Without it nothing is removed and
	// the plan lists what was left alone. API keys are never archived for
	// being absent.
	Prune bool
	// Export are the options of the export of the current state.
	Export ExportOptions
}

// An OrgChange is one API call of an [OrgPlan]. Its Description is a
// line of the plan's diff: "+ " adds, "~ " changes, "- " removes.
// Target is the ID of the object changed, or its name or email when it
// is created by the plan.
type OrgChange struct {
	Step
	run func(ctx context.Context, a *orgApplier) error
}

// An OrgPlan is what applying a desired [OrgState] will do, in the order
// it is done: additions and changes first (user roles, RBAC groups,
// service accounts, workspaces, then their members, service accounts and
// rate limits, group members, invites, API keys), then, with
// PlanOptions.Prune, removals (memberships, invites, groups, service
// accounts, workspaces, users last). It prints as a diff with String and
// marshals to JSON; it is carried out by [ApplyOrgChanges] in the process
// that made it.
type OrgPlan struct {
	// Organization is the organization planned for.
	Organization OrgInfo `json:"organization"`
	// Prune says whether removals were planned.
	Prune bool `json:"prune"`
	// Changes are the calls to make, in order.
	Changes []OrgChange `json:"changes"`
	// CannotApply lists what the desired state says that the API cannot
	// do (a user's name, a workspace's storage geography, a new member
	// who was never invited, ...): they are reported, not ignored.
	CannotApply []string `json:"cannot_apply,omitempty"`
	// LeftAlone lists what the organization has and the desired state
	// does not mention, which Prune would remove.
	LeftAlone []string `json:"left_alone,omitempty"`
	// Notes say what else the plan did not compare and why.
	Notes []string `json:"notes,omitempty"`
}

// Steps returns the steps of the plan's changes.
func (p *OrgPlan) Steps() []Step {
	out := make([]Step, len(p.Changes))
	for i, c := range p.Changes {
		out[i] = c.Step
	}
	return out
}

// String returns the plan as a readable diff: a heading, one line per
// change, then what cannot be applied, what was left alone and the notes.
func (p *OrgPlan) String() string {
	var b strings.Builder
	fmt.Fprintf(&b, "Organization %s %q: %d change(s)", p.Organization.ID, p.Organization.Name, len(p.Changes))
	if p.Prune {
		b.WriteString(", pruning")
	}
	b.WriteString("\n")
	for _, c := range p.Changes {
		fmt.Fprintf(&b, "%s\n", c.Description)
	}
	if len(p.Changes) == 0 {
		b.WriteString("  no changes: the organization matches the file\n")
	}
	if len(p.CannotApply) > 0 {
		fmt.Fprintf(&b, "\nCannot apply (%d):\n", len(p.CannotApply))
		for _, s := range p.CannotApply {
			fmt.Fprintf(&b, "! %s\n", s)
		}
	}
	if len(p.LeftAlone) > 0 {
		fmt.Fprintf(&b, "\nLeft alone, not in the file (%d; prune removes them):\n", len(p.LeftAlone))
		for _, s := range p.LeftAlone {
			fmt.Fprintf(&b, "  %s\n", s)
		}
	}
	if len(p.Notes) > 0 {
		b.WriteString("\nNotes:\n")
		for _, n := range p.Notes {
			fmt.Fprintf(&b, "  - %s\n", n)
		}
	}
	return b.String()
}

// PlanOrgChanges compares the client's organization with desired and
// returns the changes that would make it match. It only reads. It first
// checks the organization: unless the client's organization (the
// organization of its key) is desired.Organization.ID, it fails with
// [ErrOrganizationMismatch] before reading anything else. Then it exports
// the current state (see [ExportOrg]) and compares, matching objects by
// ID when the desired state gives one and by natural key otherwise.
//
// A list the desired state leaves out (a missing section, or a
// workspace's members, service_accounts or rate_limits absent) is not
// compared; an empty list is, and with Prune empties the organization's.
// Planning again after a partial [ApplyOrgChanges] yields only what is
// left to do.
func PlanOrgChanges(ctx context.Context, c *admin.Client, desired *OrgState, opts PlanOptions) (*OrgPlan, error) {
	if desired == nil || desired.Organization.ID == "" {
		return nil, errors.New("workflow: the desired state has no organization.id")
	}
	org, err := c.Organization.Get(ctx)
	if err != nil {
		return nil, err
	}
	if org.ID != desired.Organization.ID {
		return nil, fmt.Errorf("%w: the file is for %s, the key's organization is %s (%q)", ErrOrganizationMismatch, desired.Organization.ID, org.ID, org.Name)
	}
	cur, err := ExportOrg(ctx, c, opts.Export)
	if err != nil {
		return nil, err
	}
	return diffStates(cur, desired, opts.Prune), nil
}

// planner compares a current and a desired state.
type planner struct {
	cur, des *OrgState
	prune    bool
	plan     *OrgPlan

	users      map[string]OrgUser // lower-case email → current user
	userIDs    map[string]string  // lower-case email → user ID
	groups     map[string]string  // group name → current ID
	newGroups  map[string]bool    // groups the plan creates
	sas        map[string]string  // service account name → current ID
	newSAs     map[string]bool
	removals   []OrgChange // the pruning steps, in order, appended last
	inviteDels []OrgChange
	deletes    []OrgChange // groups, service accounts, workspaces
	userDels   []OrgChange
}

// diffStates returns the plan that makes cur into des.
func diffStates(cur, des *OrgState, prune bool) *OrgPlan {
	des.Sort()
	p := &planner{cur: cur, des: des, prune: prune,
		plan:  &OrgPlan{Organization: cur.Organization, Prune: prune, Changes: []OrgChange{}},
		users: map[string]OrgUser{}, userIDs: map[string]string{}, groups: map[string]string{}, newGroups: map[string]bool{},
		sas: map[string]string{}, newSAs: map[string]bool{}}
	for _, u := range cur.Users {
		p.users[lower(u.Email)] = u
		p.userIDs[lower(u.Email)] = u.ID
	}
	for _, g := range cur.RBACGroups {
		p.groups[g.Name] = g.ID
	}
	for _, sa := range cur.ServiceAccounts {
		p.sas[sa.Name] = sa.ID
	}
	if des.Organization.Name != "" && des.Organization.Name != cur.Organization.Name {
		p.cannot("organization name %q → %q: the API cannot rename an organization", cur.Organization.Name, des.Organization.Name)
	}
	p.users_()
	groupPlans := p.rbacGroups()
	p.serviceAccounts()
	p.workspaces()
	for _, f := range groupPlans {
		f()
	}
	p.invites()
	p.apiKeys()
	p.plan.Changes = append(p.plan.Changes, p.removals...)
	p.plan.Changes = append(p.plan.Changes, p.inviteDels...)
	p.plan.Changes = append(p.plan.Changes, p.deletes...)
	p.plan.Changes = append(p.plan.Changes, p.userDels...)
	return p.plan
}

func lower(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func (p *planner) add(kind StepKind, target, desc string, run func(context.Context, *orgApplier) error) {
	p.plan.Changes = append(p.plan.Changes, OrgChange{Step{kind, target, desc}, run})
}

func (p *planner) cannot(format string, args ...any) {
	p.plan.CannotApply = append(p.plan.CannotApply, fmt.Sprintf(format, args...))
}

// remove plans a removal into list when pruning, and otherwise notes it
// as left alone.
func (p *planner) remove(list *[]OrgChange, kind StepKind, target, what string, run func(context.Context, *orgApplier) error) {
	if !p.prune {
		p.plan.LeftAlone = append(p.plan.LeftAlone, what)
		return
	}
	*list = append(*list, OrgChange{Step{kind, target, "- " + what}, run})
}

// users_ plans role changes and, with Prune, removals of members.
func (p *planner) users_() {
	if p.des.Users == nil {
		return
	}
	seen := map[string]bool{}
	for _, d := range p.des.Users {
		cu, ok := p.findUser(d)
		if !ok {
			p.cannot("user %s is not a member: the API cannot add members; invite them (invites section)", d.Email)
			continue
		}
		seen[cu.ID] = true
		if d.Name != "" && d.Name != cu.Name {
			p.cannot("user %s: name %q → %q: the API cannot change a user's name", cu.Email, cu.Name, d.Name)
		}
		if d.ID != "" && !strings.EqualFold(d.Email, cu.Email) {
			p.cannot("user %s: email → %s: the API cannot change a user's email", cu.Email, d.Email)
		}
		if d.Role != "" && d.Role != cu.Role {
			id, role := cu.ID, d.Role
			p.add(StepUpdateUserRole, id, fmt.Sprintf("~ user %s: role %s → %s", cu.Email, cu.Role, d.Role), func(ctx context.Context, a *orgApplier) error {
				_, err := a.c.Users.Update(ctx, id, admin.UpdateUserRequest{Role: admin.AssignableOrganizationRole(role)})
				return err
			})
		}
	}
	for _, cu := range p.cur.Users {
		if seen[cu.ID] {
			continue
		}
		if cu.Role == admin.OrganizationRolePrimaryOwner {
			if p.prune {
				p.cannot("user %s is the primary owner: the API cannot remove them", cu.Email)
			}
			continue
		}
		id := cu.ID
		p.remove(&p.userDels, StepRemoveUser, id, fmt.Sprintf("user %s (%s)", cu.Email, cu.Role), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.Users.Remove(ctx, id)
			return err
		})
	}
}

// findUser finds the current user d means: by ID, else by email.
func (p *planner) findUser(d OrgUser) (OrgUser, bool) {
	if d.ID != "" {
		for _, u := range p.cur.Users {
			if u.ID == d.ID {
				return u, true
			}
		}
		return OrgUser{}, false
	}
	u, ok := p.users[lower(d.Email)]
	return u, ok
}

// rbacGroups plans group creations and renames now, and returns the
// member changes, planned after the workspaces, and the group deletions.
func (p *planner) rbacGroups() []func() {
	if p.des.RBACGroups == nil || !p.des.exported(sectionRBACGroups) {
		return nil
	}
	if !p.cur.exported(sectionRBACGroups) {
		p.cannot("rbac_groups: the organization's RBAC groups cannot be read with this key (Claude Enterprise only)")
		return nil
	}
	var later []func()
	seen := map[string]bool{}
	for _, d := range p.des.RBACGroups {
		var cg *OrgRBACGroup
		for i, g := range p.cur.RBACGroups {
			if (d.ID != "" && g.ID == d.ID) || (d.ID == "" && g.Name == d.Name) {
				cg = &p.cur.RBACGroups[i]
				break
			}
		}
		ref := orgRef{kind: "rbac_group", name: d.Name}
		switch {
		case cg == nil && d.ID != "":
			p.cannot("RBAC group %q (%s) does not exist: remove its id to create it", d.Name, d.ID)
			continue
		case cg == nil:
			name := d.Name
			p.newGroups[name] = true
			p.add(StepCreateRBACGroup, name, fmt.Sprintf("+ RBAC group %q", name), func(ctx context.Context, a *orgApplier) error {
				g, err := a.c.RBACGroups.Create(ctx, admin.CreateRBACGroupRequest{Name: name})
				if err == nil {
					a.created(ref, g.ID)
				}
				return err
			})
		default:
			seen[cg.ID] = true
			ref.id = cg.ID
			p.groups[d.Name] = cg.ID
			if d.Name != cg.Name {
				id, name := cg.ID, d.Name
				p.add(StepRenameRBACGroup, id, fmt.Sprintf("~ RBAC group %q: name → %q", cg.Name, name), func(ctx context.Context, a *orgApplier) error {
					_, err := a.c.RBACGroups.Update(ctx, id, admin.UpdateRBACGroupRequest{Name: &name})
					return err
				})
			}
		}
		var have []string
		if cg != nil {
			have = cg.Members
		}
		later = append(later, func() { p.groupMembers(d, cg, have, ref) })
	}
	for _, g := range p.cur.RBACGroups {
		if seen[g.ID] {
			continue
		}
		id := g.ID
		p.remove(&p.deletes, StepDeleteRBACGroup, id, fmt.Sprintf("RBAC group %q (%d members)", g.Name, len(g.Members)), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.RBACGroups.Delete(ctx, id)
			return err
		})
	}
	return later
}

// groupMembers plans the member changes of one group.
func (p *planner) groupMembers(d OrgRBACGroup, cg *OrgRBACGroup, have []string, ref orgRef) {
	if d.Members == nil {
		return
	}
	if cg != nil && cg.Source == "scim" && !slices.Equal(sortedLower(d.Members), sortedLower(have)) {
		p.cannot("RBAC group %q is managed by SCIM: change its members in the identity provider", d.Name)
		return
	}
	has := map[string]bool{}
	for _, m := range have {
		has[lower(m)] = true
	}
	want := map[string]bool{}
	for _, m := range d.Members {
		want[lower(m)] = true
		if has[lower(m)] {
			continue
		}
		uid, ok := p.userIDs[lower(m)]
		if !ok {
			p.cannot("RBAC group %q: %s is not a member of the organization", d.Name, m)
			continue
		}
		p.add(StepAddRBACGroupMember, cmp.Or(ref.id, ref.name), fmt.Sprintf("+ RBAC group %q: member %s", d.Name, m), func(ctx context.Context, a *orgApplier) error {
			gid, err := a.id(ref)
			if err == nil {
				_, err = a.c.RBACGroupMembers.Add(ctx, gid, admin.AddRBACGroupMemberRequest{UserID: uid})
			}
			return err
		})
	}
	for _, m := range have {
		if want[lower(m)] {
			continue
		}
		uid, ok := p.userIDs[lower(m)]
		if !ok {
			uid = m // a member the export could not name keeps its ID
		}
		gid := ref.id
		p.remove(&p.removals, StepRemoveRBACGroupMember, gid, fmt.Sprintf("RBAC group %q: member %s", d.Name, m), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.RBACGroupMembers.Remove(ctx, gid, uid)
			return err
		})
	}
}

func sortedLower(l []string) []string {
	out := make([]string, len(l))
	for i, s := range l {
		out[i] = lower(s)
	}
	slices.Sort(out)
	return out
}

// serviceAccounts plans creations and updates, and archives with Prune.
func (p *planner) serviceAccounts() {
	if p.des.ServiceAccounts == nil || !p.des.exported(sectionServiceAccounts) {
		return
	}
	if !p.cur.exported(sectionServiceAccounts) {
		p.cannot("service_accounts: service accounts need an org:admin OAuth token to read and change")
		return
	}
	seen := map[string]bool{}
	for _, d := range p.des.ServiceAccounts {
		var ca *OrgServiceAccount
		for i, sa := range p.cur.ServiceAccounts {
			if (d.ID != "" && sa.ID == d.ID) || (d.ID == "" && sa.Name == d.Name) {
				ca = &p.cur.ServiceAccounts[i]
				break
			}
		}
		switch {
		case ca == nil && d.ID != "":
			p.cannot("service account %q (%s) does not exist or is archived: remove its id to create it", d.Name, d.ID)
		case ca == nil:
			d := d
			p.newSAs[d.Name] = true
			ref := orgRef{kind: "service_account", name: d.Name}
			desc := fmt.Sprintf("+ service account %q (role %s)", d.Name, cmp.Or(string(d.Role), "default"))
			p.add(StepCreateServiceAccount, d.Name, desc, func(ctx context.Context, a *orgApplier) error {
				req := admin.CreateServiceAccountRequest{Name: d.Name}
				if d.Description != "" {
					req.Description = &d.Description
				}
				if d.Role != "" {
					req.OrganizationRole = &d.Role
				}
				sa, err := a.c.ServiceAccounts.Create(ctx, req)
				if err == nil {
					a.created(ref, sa.ID)
				}
				return err
			})
		default:
			seen[ca.ID] = true
			p.sas[d.Name] = ca.ID
			if d.Name != ca.Name {
				p.cannot("service account %q: name → %q: the API cannot rename a service account", ca.Name, d.Name)
			}
			var req admin.UpdateServiceAccountRequest
			var what []string
			if d.Description != ca.Description {
				req.Description = &d.Description
				what = append(what, fmt.Sprintf("description %q → %q", ca.Description, d.Description))
			}
			if d.Role != "" && d.Role != ca.Role {
				req.OrganizationRole = &d.Role
				what = append(what, fmt.Sprintf("role %s → %s", ca.Role, d.Role))
			}
			if len(what) > 0 {
				id := ca.ID
				p.add(StepUpdateServiceAccount, id, fmt.Sprintf("~ service account %q: %s", ca.Name, strings.Join(what, ", ")), func(ctx context.Context, a *orgApplier) error {
					_, err := a.c.ServiceAccounts.Update(ctx, id, req)
					return err
				})
			}
		}
	}
	for _, sa := range p.cur.ServiceAccounts {
		if seen[sa.ID] {
			continue
		}
		id := sa.ID
		p.remove(&p.deletes, StepArchiveServiceAccount, id, fmt.Sprintf("service account %q (archived, cannot be undone)", sa.Name), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.ServiceAccounts.Archive(ctx, id)
			return err
		})
	}
}

// workspaces plans workspace creations and updates, their members,
// service accounts and rate limits, and archives with Prune.
func (p *planner) workspaces() {
	if p.des.Workspaces == nil {
		return
	}
	seen := map[string]bool{}
	names := map[string]int{}
	for _, w := range p.cur.Workspaces {
		names[w.Name]++
	}
	for _, d := range p.des.Workspaces {
		var cw *OrgWorkspace
		for i, w := range p.cur.Workspaces {
			if (d.ID != "" && w.ID == d.ID) || (d.ID == "" && w.Name == d.Name) {
				cw = &p.cur.Workspaces[i]
				break
			}
		}
		ref := orgRef{kind: "workspace", name: d.Name}
		switch {
		case cw == nil && d.ID != "":
			p.cannot("workspace %q (%s) does not exist or is archived: remove its id to create it", d.Name, d.ID)
			continue
		case cw != nil && d.ID == "" && names[d.Name] > 1:
			p.cannot("workspace %q: %d active workspaces have this name: give its id", d.Name, names[d.Name])
			continue
		case cw == nil:
			var what []string
			if d.DisplayColor != "" {
				what = append(what, "display_color "+d.DisplayColor)
			}
			if len(d.Tags) > 0 {
				what = append(what, "tags "+tagsText(d.Tags))
			}
			if dr := d.DataResidency; dr != nil {
				what = append(what, fmt.Sprintf("data_residency %s/%s/[%s]", cmp.Or(dr.WorkspaceGeo, "default"), cmp.Or(dr.DefaultInferenceGeo, "default"), strings.Join(dr.AllowedInferenceGeos, ", ")))
			}
			desc := fmt.Sprintf("+ workspace %q", d.Name)
			if len(what) > 0 {
				desc += " (" + strings.Join(what, ", ") + ")"
			}
			p.add(StepCreateWorkspace, d.Name, desc, func(ctx context.Context, a *orgApplier) error {
				req := admin.CreateWorkspaceRequest{Name: d.Name, Tags: d.Tags}
				if d.DisplayColor != "" {
					req.DisplayColor = &d.DisplayColor
				}
				if dr := d.DataResidency; dr != nil {
					req.DataResidency = &admin.DataResidencyCreate{}
					if dr.WorkspaceGeo != "" {
						req.DataResidency.WorkspaceGeo = admin.Ptr(admin.WorkspaceGeo(dr.WorkspaceGeo))
					}
					if dr.DefaultInferenceGeo != "" {
						req.DataResidency.DefaultInferenceGeo = admin.Ptr(admin.InferenceGeo(dr.DefaultInferenceGeo))
					}
					if dr.AllowedInferenceGeos != nil {
						req.DataResidency.AllowedInferenceGeos = admin.Ptr(geosValue(dr.AllowedInferenceGeos))
					}
				}
				w, err := a.c.Workspaces.Create(ctx, req)
				if err == nil {
					a.created(ref, w.ID)
				}
				return err
			})
		default:
			seen[cw.ID] = true
			ref.id = cw.ID
			p.updateWorkspace(d, cw)
		}
		var have OrgWorkspace
		if cw != nil {
			have = *cw
		}
		p.members(d, have, ref)
		p.workspaceServiceAccounts(d, have, ref)
		p.rateLimits(d, have, ref)
	}
	for _, w := range p.cur.Workspaces {
		if seen[w.ID] {
			continue
		}
		id := w.ID
		p.remove(&p.deletes, StepArchiveWorkspace, id, fmt.Sprintf("workspace %q (archived, cannot be undone; its API keys stop working)", w.Name), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.Workspaces.Archive(ctx, id)
			return err
		})
	}
}

// geosValue is the API's form of a list of allowed inference geographies.
func geosValue(l []string) admin.AllowedInferenceGeos {
	if len(l) == 1 && l[0] == string(admin.UnrestrictedInferenceGeosUnrestricted) {
		return admin.UnrestrictedGeos()
	}
	geos := make([]admin.InferenceGeo, len(l))
	for i, g := range l {
		geos[i] = admin.InferenceGeo(g)
	}
	return admin.AllowedGeos(geos...)
}

// updateWorkspace plans the update of the fields of cw that d states
// differently.
func (p *planner) updateWorkspace(d OrgWorkspace, cw *OrgWorkspace) {
	var req admin.UpdateWorkspaceRequest
	var what []string
	if d.Name != cw.Name {
		req.Name = &d.Name
		what = append(what, fmt.Sprintf("name → %q", d.Name))
	}
	if d.DisplayColor != "" && d.DisplayColor != cw.DisplayColor {
		req.DisplayColor = &d.DisplayColor
		what = append(what, fmt.Sprintf("display_color %s → %s", cw.DisplayColor, d.DisplayColor))
	}
	if d.Tags != nil && !maps.Equal(d.Tags, cw.Tags) {
		tags := maps.Clone(d.Tags)
		req.Tags = &tags
		what = append(what, fmt.Sprintf("tags %s → %s", tagsText(cw.Tags), tagsText(d.Tags)))
	}
	if dr := d.DataResidency; dr != nil {
		cdr := cw.DataResidency
		if cdr == nil {
			cdr = &OrgDataResidency{}
		}
		if dr.WorkspaceGeo != "" && dr.WorkspaceGeo != cdr.WorkspaceGeo {
			p.cannot("workspace %q: workspace_geo %s → %s: set at creation only", cw.Name, cdr.WorkspaceGeo, dr.WorkspaceGeo)
		}
		var up admin.DataResidencyUpdate
		if dr.DefaultInferenceGeo != "" && dr.DefaultInferenceGeo != cdr.DefaultInferenceGeo {
			up.DefaultInferenceGeo = admin.Ptr(admin.InferenceGeo(dr.DefaultInferenceGeo))
			what = append(what, fmt.Sprintf("default_inference_geo %s → %s", cdr.DefaultInferenceGeo, dr.DefaultInferenceGeo))
		}
		if dr.AllowedInferenceGeos != nil && !slices.Equal(sorted(dr.AllowedInferenceGeos), sorted(cdr.AllowedInferenceGeos)) {
			up.AllowedInferenceGeos = admin.Ptr(geosValue(dr.AllowedInferenceGeos))
			what = append(what, fmt.Sprintf("allowed_inference_geos [%s] → [%s]", strings.Join(cdr.AllowedInferenceGeos, ", "), strings.Join(dr.AllowedInferenceGeos, ", ")))
		}
		if up.DefaultInferenceGeo != nil || up.AllowedInferenceGeos != nil {
			req.DataResidency = &up
		}
	}
	if len(what) == 0 {
		return
	}
	id := cw.ID
	p.add(StepUpdateWorkspace, id, fmt.Sprintf("~ workspace %q: %s", cw.Name, strings.Join(what, ", ")), func(ctx context.Context, a *orgApplier) error {
		_, err := a.c.Workspaces.Update(ctx, id, req)
		return err
	})
}

func sorted(l []string) []string { return slices.Sorted(slices.Values(l)) }

// tagsText is a map of tags as sorted k=v pairs in braces.
func tagsText(m map[string]string) string {
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+m[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// members plans the user memberships of one workspace.
func (p *planner) members(d, have OrgWorkspace, ref orgRef) {
	if d.Members == nil {
		return
	}
	cur := map[string]OrgWorkspaceMember{}
	for _, m := range have.Members {
		cur[lower(m.Email)] = m
	}
	want := map[string]bool{}
	for _, m := range d.Members {
		want[lower(m.Email)] = true
		uid, ok := p.userIDs[lower(m.Email)]
		if !ok {
			p.cannot("workspace %q: %s is not a member of the organization", d.Name, m.Email)
			continue
		}
		role := m.Role
		c, ok := cur[lower(m.Email)]
		switch {
		case !ok:
			p.add(StepAddWorkspaceMember, cmp.Or(ref.id, ref.name), fmt.Sprintf("+ workspace %q: member %s (%s)", d.Name, m.Email, role), func(ctx context.Context, a *orgApplier) error {
				wid, err := a.id(ref)
				if err == nil {
					_, err = a.c.WorkspaceMembers.Add(ctx, wid, admin.AddWorkspaceMemberRequest{UserID: uid, WorkspaceRole: admin.AssignableWorkspaceRole(role)})
				}
				return err
			})
		case c.Role != role:
			wid := ref.id
			p.add(StepUpdateWorkspaceMember, wid, fmt.Sprintf("~ workspace %q: member %s: role %s → %s", d.Name, m.Email, c.Role, role), func(ctx context.Context, a *orgApplier) error {
				_, err := a.c.WorkspaceMembers.Update(ctx, wid, uid, admin.UpdateWorkspaceMemberRequest{WorkspaceRole: role})
				return err
			})
		}
	}
	for _, m := range have.Members {
		if want[lower(m.Email)] {
			continue
		}
		uid := cmp.Or(p.userIDs[lower(m.Email)], m.Email)
		wid := ref.id
		p.remove(&p.removals, StepRemoveWorkspaceMember, wid, fmt.Sprintf("workspace %q: member %s (%s)", d.Name, m.Email, m.Role), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.WorkspaceMembers.Remove(ctx, wid, uid)
			return err
		})
	}
}

// workspaceServiceAccounts plans the service-account memberships of one
// workspace.
func (p *planner) workspaceServiceAccounts(d, have OrgWorkspace, ref orgRef) {
	if d.ServiceAccounts == nil || !p.des.exported(sectionServiceAccounts) || !p.cur.exported(sectionServiceAccounts) {
		return
	}
	cur := map[string]OrgWorkspaceServiceAccount{}
	for _, m := range have.ServiceAccounts {
		cur[m.Name] = m
	}
	want := map[string]bool{}
	for _, m := range d.ServiceAccounts {
		want[m.Name] = true
		said, known := p.sas[m.Name]
		if !known && !p.newSAs[m.Name] {
			p.cannot("workspace %q: service account %q does not exist", d.Name, m.Name)
			continue
		}
		saRef := orgRef{kind: "service_account", name: m.Name, id: said}
		role := m.Role
		c, ok := cur[m.Name]
		switch {
		case !ok:
			p.add(StepAddWorkspaceServiceAccount, cmp.Or(ref.id, ref.name), fmt.Sprintf("+ workspace %q: service account %q (%s)", d.Name, m.Name, role), func(ctx context.Context, a *orgApplier) error {
				wid, err := a.id(ref)
				if err != nil {
					return err
				}
				sid, err := a.id(saRef)
				if err != nil {
					return err
				}
				_, err = a.c.WorkspaceServiceAccounts.Add(ctx, wid, admin.AddWorkspaceServiceAccountRequest{ServiceAccountID: sid, WorkspaceRole: admin.AssignableWorkspaceRole(role)})
				return err
			})
		case c.Role != role:
			wid := ref.id
			p.add(StepUpdateWorkspaceServiceAccount, wid, fmt.Sprintf("~ workspace %q: service account %q: role %s → %s", d.Name, m.Name, c.Role, role), func(ctx context.Context, a *orgApplier) error {
				_, err := a.c.WorkspaceServiceAccounts.Update(ctx, wid, said, admin.UpdateWorkspaceServiceAccountRequest{WorkspaceRole: admin.AssignableWorkspaceRole(role)})
				return err
			})
		}
	}
	for _, m := range have.ServiceAccounts {
		if want[m.Name] {
			continue
		}
		said, wid := cmp.Or(p.sas[m.Name], m.Name), ref.id
		p.remove(&p.removals, StepRemoveWorkspaceServiceAccount, wid, fmt.Sprintf("workspace %q: service account %q (%s)", d.Name, m.Name, m.Role), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.WorkspaceServiceAccounts.Remove(ctx, wid, said)
			return err
		})
	}
}

// rateLimits plans the rate-limit overrides of one workspace: one update
// per rate limit, setting the limiters the file states and, with Prune,
// clearing those it does not.
func (p *planner) rateLimits(d, have OrgWorkspace, ref orgRef) {
	if d.RateLimits == nil {
		return
	}
	cur := map[string]OrgRateLimit{}
	for _, r := range have.RateLimits {
		cur[r.ID] = r
	}
	ids := map[string]bool{}
	for _, r := range d.RateLimits {
		ids[r.ID] = true
	}
	for _, r := range have.RateLimits {
		if !ids[r.ID] {
			ids[r.ID] = true
		}
	}
	for _, id := range slices.Sorted(maps.Keys(ids)) {
		var want OrgRateLimit
		for _, r := range d.RateLimits {
			if r.ID == id {
				want = r
			}
		}
		c := cur[id]
		var changes []admin.WorkspaceRateLimitChange
		var what, clears []string
		for _, t := range slices.Sorted(maps.Keys(want.Limits)) {
			v := want.Limits[t]
			if old, ok := c.Limits[t]; !ok || old != v {
				changes = append(changes, admin.WorkspaceRateLimitChange{Type: admin.LimiterType(t), Value: admin.Ptr(v)})
				if ok {
					what = append(what, fmt.Sprintf("%s %d → %d", t, old, v))
				} else {
					what = append(what, fmt.Sprintf("%s %d", t, v))
				}
			}
		}
		for _, t := range slices.Sorted(maps.Keys(c.Limits)) {
			if _, ok := want.Limits[t]; !ok {
				clears = append(clears, t)
			}
		}
		group := cmp.Or(want.Group, c.Group)
		label := fmt.Sprintf("workspace %q: rate limit %s", d.Name, id)
		if group != "" {
			label += fmt.Sprintf(" (%s)", group)
		}
		if want.Group != "" && c.Group != "" && want.Group != c.Group {
			p.cannot("%s: group %q → %q: the group of a rate limit is the organization's", label, c.Group, want.Group)
		}
		var cleared []string
		for _, t := range clears {
			if p.prune {
				changes = append(changes, admin.WorkspaceRateLimitChange{Type: admin.LimiterType(t), Value: nil})
				cleared = append(cleared, fmt.Sprintf("%s %d cleared", t, c.Limits[t]))
			} else {
				p.plan.LeftAlone = append(p.plan.LeftAlone, fmt.Sprintf("%s: %s %d", label, t, c.Limits[t]))
			}
		}
		if len(changes) == 0 {
			continue
		}
		op := "~ "
		if len(what) == 0 {
			op = "- "
		} else if len(c.Limits) == 0 {
			op = "+ "
		}
		desc := op + label + ": " + strings.Join(append(what, cleared...), ", ")
		rlID := id
		p.add(StepUpdateWorkspaceRateLimit, cmp.Or(ref.id, ref.name), desc, func(ctx context.Context, a *orgApplier) error {
			wid, err := a.id(ref)
			if err == nil {
				_, err = a.c.WorkspaceRateLimits.Update(ctx, wid, rlID, admin.UpdateWorkspaceRateLimitRequest{Limits: changes})
			}
			return err
		})
	}
}

// invites plans invite creations and, with Prune, deletions. An invite
// whose role or groups differ is deleted and sent again.
func (p *planner) invites() {
	if p.des.Invites == nil {
		return
	}
	cur := map[string]OrgInvite{}
	for _, inv := range p.cur.Invites {
		cur[lower(inv.Email)] = inv
	}
	want := map[string]bool{}
	for _, d := range p.des.Invites {
		want[lower(d.Email)] = true
		if _, ok := p.users[lower(d.Email)]; ok {
			p.cannot("invite %s: already a member of the organization", d.Email)
			continue
		}
		var refs []orgRef
		ok := true
		for _, g := range d.RBACGroups {
			id, known := p.groups[g]
			if !known && !p.newGroups[g] {
				p.cannot("invite %s: RBAC group %q does not exist", d.Email, g)
				ok = false
			}
			refs = append(refs, orgRef{kind: "rbac_group", name: g, id: id})
		}
		if !ok {
			continue
		}
		c, exists := cur[lower(d.Email)]
		if exists && d.ExpiresAt != nil && c.ExpiresAt != nil && !d.ExpiresAt.Equal(*c.ExpiresAt) {
			p.cannot("invite %s: expires_at %s → %s: the service sets it", d.Email, c.ExpiresAt.Format(time.RFC3339), d.ExpiresAt.Format(time.RFC3339))
		}
		if exists && (d.Role == "" || d.Role == c.Role) && (d.RBACGroups == nil || slices.Equal(sorted(d.RBACGroups), sorted(c.RBACGroups))) {
			continue
		}
		email, role := d.Email, cmp.Or(d.Role, c.Role, admin.OrganizationRoleUser)
		create := func(ctx context.Context, a *orgApplier) error {
			req := admin.CreateInviteRequest{Email: email, Role: admin.AssignableOrganizationRole(role)}
			for _, r := range refs {
				id, err := a.id(r)
				if err != nil {
					return err
				}
				req.RBACGroupIDs = append(req.RBACGroupIDs, id)
			}
			_, err := a.c.Invites.Create(ctx, req)
			return err
		}
		groups := ""
		if len(d.RBACGroups) > 0 {
			groups = ", groups " + strings.Join(d.RBACGroups, ", ")
		}
		if exists {
			id := c.ID
			p.add(StepDeleteInvite, id, fmt.Sprintf("~ invite %s: role %s → %s%s (deleted and sent again)", email, c.Role, role, groups), func(ctx context.Context, a *orgApplier) error {
				_, err := a.c.Invites.Delete(ctx, id)
				return err
			})
			p.add(StepCreateInvite, email, fmt.Sprintf("+ invite %s (role %s%s, sent again)", email, role, groups), create)
			continue
		}
		p.add(StepCreateInvite, email, fmt.Sprintf("+ invite %s (role %s%s)", email, role, groups), create)
	}
	for _, inv := range p.cur.Invites {
		if want[lower(inv.Email)] {
			continue
		}
		id := inv.ID
		p.remove(&p.inviteDels, StepDeleteInvite, id, fmt.Sprintf("invite %s (role %s)", inv.Email, inv.Role), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.Invites.Delete(ctx, id)
			return err
		})
	}
}

// apiKeys plans name and status changes of API keys; keys cannot be
// created, and are not archived for being absent.
func (p *planner) apiKeys() {
	if p.des.APIKeys == nil {
		return
	}
	cur := map[string]OrgAPIKey{}
	for _, k := range p.cur.APIKeys {
		cur[k.ID] = k
	}
	mentioned := 0
	for _, d := range p.des.APIKeys {
		c, ok := cur[d.ID]
		if !ok {
			p.cannot("API key %q (%s) does not exist: keys cannot be created through the API", d.Name, cmp.Or(d.ID, "no id"))
			continue
		}
		mentioned++
		label := fmt.Sprintf("API key %s %q", c.ID, c.Name)
		switch {
		case d.WorkspaceID != "" && d.WorkspaceID != c.WorkspaceID:
			p.cannot("%s: workspace_id %s → %s: a key's workspace cannot be changed", label, cmp.Or(c.WorkspaceID, "(default)"), d.WorkspaceID)
		case d.WorkspaceID == "" && d.Workspace != c.Workspace:
			p.cannot("%s: workspace %q → %q: a key's workspace cannot be changed", label, c.Workspace, d.Workspace)
		}
		if d.CreatedBy != nil && (c.CreatedBy == nil || d.CreatedBy.ID != c.CreatedBy.ID) {
			p.cannot("%s: created_by cannot be changed", label)
		}
		if d.Principal != nil && (c.Principal == nil || d.Principal.ID != c.Principal.ID) {
			p.cannot("%s: principal cannot be changed", label)
		}
		if d.ExpiresAt != nil && (c.ExpiresAt == nil || !d.ExpiresAt.Equal(*c.ExpiresAt)) {
			p.cannot("%s: expires_at cannot be changed", label)
		}
		var req admin.UpdateAPIKeyRequest
		var what []string
		if d.Name != "" && d.Name != c.Name {
			req.Name = admin.Ptr(d.Name)
			what = append(what, fmt.Sprintf("name → %q", d.Name))
		}
		if d.Status != "" && d.Status != c.Status {
			st := admin.APIKeyStatusUpdate(d.Status)
			switch {
			case c.Status == admin.APIKeyStatusArchived:
				p.cannot("%s: status archived → %s: an archived key cannot be changed", label, d.Status)
			case !st.Valid():
				p.cannot("%s: status %s → %s: the API cannot set %s", label, c.Status, d.Status, d.Status)
			default:
				req.Status = &st
				what = append(what, fmt.Sprintf("status %s → %s", c.Status, d.Status))
			}
		}
		if len(what) == 0 {
			continue
		}
		id := c.ID
		p.add(StepUpdateAPIKey, id, fmt.Sprintf("~ %s: %s", label, strings.Join(what, ", ")), func(ctx context.Context, a *orgApplier) error {
			_, err := a.c.APIKeys.Update(ctx, id, req)
			return err
		})
	}
	if n := len(p.cur.APIKeys) - mentioned; n > 0 {
		p.plan.Notes = append(p.plan.Notes, fmt.Sprintf("%d API key(s) are not in the file; keys are never archived for being absent", n))
	}
}
