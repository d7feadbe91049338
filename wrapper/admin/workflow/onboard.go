package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// Onboarding's steps are of the kinds it shares with an [OrgPlan], in
// this order: StepCreateInvite, StepUpdateUserRole, StepAddWorkspaceMember,
// StepUpdateWorkspaceMember, StepAddRBACGroupMember.

// ErrRoleRequired is returned by [PlanOnboarding] when the person must be
// invited and [OnboardOptions.Role] is empty.
var ErrRoleRequired = errors.New("workflow: an organization role is needed to invite")

// ErrUnknownReference is returned by [PlanOnboarding] when a workspace or
// an RBAC group of the options does not exist, is archived, or is a name
// that fits more than one.
var ErrUnknownReference = errors.New("workflow: unknown workspace or RBAC group")

// A WorkspaceGrant is a workspace membership onboarding gives.
type WorkspaceGrant struct {
	// Workspace is the workspace's ID (wrkspc_...) or its exact name.
	Workspace string `json:"workspace"`
	// Role is the role to give in it. workspace_billing cannot be given
	// to a new member (the API refuses it on add); it can replace the
	// role of an existing one.
	Role admin.WorkspaceRole `json:"role"`
}

// OnboardOptions are the choices of [PlanOnboarding].
type OnboardOptions struct {
	// Role is the organization role. It is required to invite someone;
	// for a member whose role differs it becomes a role change, unless
	// their current role cannot be changed through the API (admins and
	// owners), which the plan notes. Empty leaves a member's role alone.
	Role admin.AssignableOrganizationRole
	// Workspaces are the workspace memberships to give, in order.
	Workspaces []WorkspaceGrant
	// RBACGroups are the RBAC groups to join, by ID (rbacgrp_...) or
	// exact name.
	RBACGroups []string
	// Previous is the receipt of an earlier run for the same email, or
	// nil. The plan is made from the current state, so it needs nothing
	// from the receipt; Onboard extends it.
	Previous *Receipt
}

// OnboardWorkspace is a workspace membership of an onboarding plan.
type OnboardWorkspace struct {
	// ID is the workspace's ID.
	ID string `json:"id"`
	// Name is the workspace's name.
	Name string `json:"name"`
	// Role is the role onboarding gives.
	Role admin.WorkspaceRole `json:"role"`
	// Current is the person's role there now; empty when they are not a
	// member (or not a member of the organization yet).
	Current admin.WorkspaceRole `json:"current,omitempty"`
}

// OnboardGroup is an RBAC group of an onboarding plan.
type OnboardGroup struct {
	// ID is the group's ID.
	ID string `json:"id"`
	// Name is the group's name.
	Name string `json:"name"`
	// Member is set when the person is already in the group.
	Member bool `json:"member"`
}

// An OnboardPlan is what onboarding one person will do. It prints as text
// with String and marshals to JSON.
type OnboardPlan struct {
	// Email is the person's email address.
	Email string `json:"email"`
	// Role is the organization role asked for (empty: none).
	Role admin.AssignableOrganizationRole `json:"role,omitempty"`
	// User is the member with that email, or nil when they are not a
	// member yet.
	User *admin.User `json:"user"`
	// Invite is the pending invite to that email, or nil.
	Invite *admin.Invite `json:"invite"`
	// Workspaces are the memberships asked for, resolved.
	Workspaces []OnboardWorkspace `json:"workspaces"`
	// RBACGroups are the groups asked for, resolved.
	RBACGroups []OnboardGroup `json:"rbac_groups"`
	// Steps are the calls to make, in order.
	Steps []Step `json:"steps"`
	// AwaitingAcceptance is set when the person is not a member yet: the
	// workspace memberships need a user ID, so they wait until the
	// invite is accepted and onboarding runs again.
	AwaitingAcceptance bool `json:"awaiting_acceptance"`
	// Notes say what the plan leaves alone and why.
	Notes []string `json:"notes,omitempty"`
}

// PlanOnboarding returns the plan to onboard email with opts. It only
// reads, and checks every workspace and RBAC group of opts before
// anything is written (unknown, archived or ambiguous ones fail with
// [ErrUnknownReference]). See the package documentation for the steps.
func PlanOnboarding(ctx context.Context, c *admin.Client, email string, opts OnboardOptions) (*OnboardPlan, error) {
	email = strings.TrimSpace(email)
	if !strings.Contains(email, "@") {
		return nil, fmt.Errorf("workflow: %q is not an email address", email)
	}
	if opts.Role != "" && !opts.Role.Valid() {
		return nil, fmt.Errorf("workflow: unknown organization role %q", opts.Role)
	}
	if prev := opts.Previous; prev != nil && (prev.Workflow != WorkflowOnboarding || !strings.EqualFold(prev.Email, email)) {
		return nil, fmt.Errorf("workflow: the previous receipt is not of the onboarding of %s", email)
	}
	p := &OnboardPlan{Email: email, Role: opts.Role, Workspaces: []OnboardWorkspace{}, RBACGroups: []OnboardGroup{}, Steps: []Step{}}
	if err := resolveWorkspaces(ctx, c, opts.Workspaces, p); err != nil {
		return nil, err
	}
	if err := resolveGroups(ctx, c, opts.RBACGroups, p); err != nil {
		return nil, err
	}

	l, err := c.Users.List(ctx, &admin.ListUsersParams{Email: email})
	if err != nil {
		return nil, err
	}
	for _, u := range l.Data {
		if strings.EqualFold(u.Email, email) {
			p.User = &u
			break
		}
	}
	if p.User == nil {
		return p, planInvite(ctx, c, opts, p)
	}
	return p, planMember(ctx, c, opts, p)
}

// resolveWorkspaces fills p.Workspaces from grants, by ID or name.
func resolveWorkspaces(ctx context.Context, c *admin.Client, grants []WorkspaceGrant, p *OnboardPlan) error {
	if len(grants) == 0 {
		return nil
	}
	var all []admin.Workspace
	for w, err := range c.Workspaces.All(ctx, &admin.ListWorkspacesParams{Limit: 1000, IncludeArchived: true}) {
		if err != nil {
			return err
		}
		all = append(all, w)
	}
	seen := map[string]bool{}
	for _, g := range grants {
		if !g.Role.Valid() {
			return fmt.Errorf("workflow: workspace %s: unknown workspace role %q", g.Workspace, g.Role)
		}
		var match []admin.Workspace
		for _, w := range all {
			if w.ID == g.Workspace {
				match = []admin.Workspace{w}
				break
			}
			if w.Name == g.Workspace {
				match = append(match, w)
			}
		}
		switch {
		case len(match) == 0:
			return fmt.Errorf("%w: no workspace has the ID or name %q", ErrUnknownReference, g.Workspace)
		case len(match) > 1:
			return fmt.Errorf("%w: %d workspaces are named %q: give its ID", ErrUnknownReference, len(match), g.Workspace)
		case match[0].ArchivedAt != nil:
			return fmt.Errorf("%w: workspace %s %q is archived", ErrUnknownReference, match[0].ID, match[0].Name)
		case seen[match[0].ID]:
			return fmt.Errorf("workflow: workspace %s is given twice", match[0].ID)
		}
		seen[match[0].ID] = true
		p.Workspaces = append(p.Workspaces, OnboardWorkspace{ID: match[0].ID, Name: match[0].Name, Role: g.Role})
	}
	return nil
}

// resolveGroups fills p.RBACGroups from ids, by ID or name.
func resolveGroups(ctx context.Context, c *admin.Client, ids []string, p *OnboardPlan) error {
	if len(ids) == 0 {
		return nil
	}
	var all []admin.RBACGroup
	for g, err := range c.RBACGroups.All(ctx, &admin.ListRBACGroupsParams{Limit: 1000}) {
		if err != nil {
			return fmt.Errorf("workflow: listing RBAC groups (Claude Enterprise organizations only): %w", err)
		}
		all = append(all, g)
	}
	for _, id := range ids {
		var match []admin.RBACGroup
		for _, g := range all {
			if g.ID == id {
				match = []admin.RBACGroup{g}
				break
			}
			if g.Name == id {
				match = append(match, g)
			}
		}
		switch {
		case len(match) == 0:
			return fmt.Errorf("%w: no RBAC group has the ID or name %q", ErrUnknownReference, id)
		case len(match) > 1:
			return fmt.Errorf("%w: %d RBAC groups are named %q: give its ID", ErrUnknownReference, len(match), id)
		case slices.ContainsFunc(p.RBACGroups, func(g OnboardGroup) bool { return g.ID == match[0].ID }):
			return fmt.Errorf("workflow: RBAC group %s is given twice", match[0].ID)
		}
		p.RBACGroups = append(p.RBACGroups, OnboardGroup{ID: match[0].ID, Name: match[0].Name})
	}
	return nil
}

// planInvite plans for someone who is not a member: an invite unless one
// is pending, and the workspaces for after the acceptance.
func planInvite(ctx context.Context, c *admin.Client, opts OnboardOptions, p *OnboardPlan) error {
	p.AwaitingAcceptance = true
	for inv, err := range c.Invites.All(ctx, &admin.ListInvitesParams{Email: p.Email, Statuses: []admin.InviteStatusFilter{admin.InviteStatusFilterPending}, Limit: 1000}) {
		if err != nil {
			return err
		}
		if inv.Status == admin.InviteStatusPending && strings.EqualFold(inv.Email, p.Email) {
			p.Invite = &inv
			break
		}
	}
	groupIDs := make([]string, len(p.RBACGroups))
	for i, g := range p.RBACGroups {
		groupIDs[i] = g.ID
	}
	if inv := p.Invite; inv != nil {
		note := fmt.Sprintf("a pending invite %s (role %s, expires %s) exists: no new invite is sent", inv.ID, inv.Role, inv.ExpiresAt.UTC().Format("2006-01-02"))
		var diff []string
		if opts.Role != "" && string(inv.Role) != string(opts.Role) {
			diff = append(diff, fmt.Sprintf("its role is %s, not %s", inv.Role, opts.Role))
		}
		if have, want := slices.Sorted(slices.Values(inv.RBACGroupIDs)), slices.Sorted(slices.Values(groupIDs)); len(groupIDs) > 0 && !slices.Equal(have, want) {
			diff = append(diff, fmt.Sprintf("its RBAC groups are [%s], not [%s]", strings.Join(have, " "), strings.Join(want, " ")))
		}
		if len(diff) > 0 {
			note += "; " + strings.Join(diff, " and ") + ": it is kept, and running users onboard again after they accept corrects the role and the groups"
		}
		p.Notes = append(p.Notes, note)
	} else {
		if opts.Role == "" {
			return fmt.Errorf("%w: %s is not a member and has no pending invite", ErrRoleRequired, p.Email)
		}
		desc := fmt.Sprintf("invite %s as %s", p.Email, opts.Role)
		if len(p.RBACGroups) > 0 {
			names := make([]string, len(p.RBACGroups))
			for i, g := range p.RBACGroups {
				names[i] = fmt.Sprintf("%s %q", g.ID, g.Name)
			}
			desc += ", joining RBAC groups " + strings.Join(names, ", ") + " on acceptance"
		}
		p.Steps = append(p.Steps, Step{Kind: StepCreateInvite, Target: p.Email, Description: desc})
	}
	if len(p.Workspaces) > 0 {
		p.Notes = append(p.Notes, fmt.Sprintf("%d workspace membership(s) wait for the invite to be accepted (they need a user ID): run users onboard again after they accept", len(p.Workspaces)))
	}
	return nil
}

// planMember plans for a member: the role, the missing or different
// workspace memberships, the missing groups.
func planMember(ctx context.Context, c *admin.Client, opts OnboardOptions, p *OnboardPlan) error {
	u := p.User
	if opts.Role != "" && string(u.Role) != string(opts.Role) {
		if admin.AssignableOrganizationRole(u.Role).Valid() {
			p.Steps = append(p.Steps, Step{Kind: StepUpdateUserRole, Target: u.ID,
				Description: fmt.Sprintf("change %s's organization role from %s to %s", u.Email, u.Role, opts.Role)})
		} else {
			p.Notes = append(p.Notes, fmt.Sprintf("%s's organization role is %s, which the API cannot change; it is left as it is", u.Email, u.Role))
		}
	}
	for i := range p.Workspaces {
		w := &p.Workspaces[i]
		m, err := c.WorkspaceMembers.Get(ctx, w.ID, u.ID)
		switch {
		case errors.Is(err, admin.ErrNotFound):
			if w.Role == admin.WorkspaceRoleWorkspaceBilling {
				return fmt.Errorf("workflow: workspace %s: %s cannot be given to a new member; add them with another role, then change it", w.ID, w.Role)
			}
			p.Steps = append(p.Steps, Step{Kind: StepAddWorkspaceMember, Target: w.ID,
				Description: fmt.Sprintf("add to workspace %s %q as %s", w.ID, w.Name, w.Role)})
		case err != nil:
			return err
		default:
			w.Current = m.WorkspaceRole
			if m.WorkspaceRole != w.Role {
				p.Steps = append(p.Steps, Step{Kind: StepUpdateWorkspaceMember, Target: w.ID,
					Description: fmt.Sprintf("change the role in workspace %s %q from %s to %s", w.ID, w.Name, m.WorkspaceRole, w.Role)})
			}
		}
	}
	for i := range p.RBACGroups {
		g := &p.RBACGroups[i]
		for m, err := range c.RBACGroupMembers.All(ctx, g.ID, &admin.ListRBACGroupMembersParams{Limit: 1000}) {
			if err != nil {
				return err
			}
			if m.UserID == u.ID {
				g.Member = true
				break
			}
		}
		if !g.Member {
			p.Steps = append(p.Steps, Step{Kind: StepAddRBACGroupMember, Target: g.ID,
				Description: fmt.Sprintf("add to RBAC group %s %q", g.ID, g.Name)})
		}
	}
	return nil
}

// Onboard carries out plan, step by step, recording each in receipt (which
// must not be nil; pass the previous run's receipt to extend it, or a new
// Receipt). It stops at the first failed step and returns its error; run
// [PlanOnboarding] and Onboard again to finish: the plan is made from the
// current state, so what was done is not planned again. The receipt is
// complete once the person is a member with everything asked for; while
// an invite waits for acceptance it is not.
func Onboard(ctx context.Context, c *admin.Client, plan *OnboardPlan, receipt *Receipt) error {
	if receipt == nil {
		return errors.New("workflow: Onboard needs a receipt")
	}
	switch {
	case receipt.Workflow == "" && len(receipt.Steps) == 0 && receipt.UserID == "" && receipt.Email == "":
	case receipt.Workflow == WorkflowOnboarding && strings.EqualFold(receipt.Email, plan.Email):
	default:
		return fmt.Errorf("workflow: the receipt is not of the onboarding of %s", plan.Email)
	}
	receipt.Workflow, receipt.Email = WorkflowOnboarding, plan.Email
	if plan.User != nil {
		receipt.UserID = plan.User.ID
	}
	receipt.Runs++
	receipt.Complete = false
	for _, s := range plan.Steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := recordStep(ctx, receipt, s, func(ctx context.Context) error { return runOnboardStep(ctx, c, plan, s) })
		if err != nil {
			return fmt.Errorf("workflow: onboarding %s: step %q: %w", plan.Email, s.Description, err)
		}
	}
	receipt.Complete = !plan.AwaitingAcceptance
	return nil
}

// runOnboardStep makes the call of one onboarding step, with the roles
// and groups of plan.
func runOnboardStep(ctx context.Context, c *admin.Client, plan *OnboardPlan, s Step) error {
	wsRole := func() admin.WorkspaceRole {
		for _, w := range plan.Workspaces {
			if w.ID == s.Target {
				return w.Role
			}
		}
		return ""
	}
	var err error
	switch s.Kind {
	case StepCreateInvite:
		groups := make([]string, len(plan.RBACGroups))
		for i, g := range plan.RBACGroups {
			groups[i] = g.ID
		}
		_, err = c.Invites.Create(ctx, admin.CreateInviteRequest{Email: s.Target, Role: plan.Role, RBACGroupIDs: groups})
	case StepUpdateUserRole:
		_, err = c.Users.Update(ctx, s.Target, admin.UpdateUserRequest{Role: plan.Role})
	case StepAddWorkspaceMember:
		_, err = c.WorkspaceMembers.Add(ctx, s.Target, admin.AddWorkspaceMemberRequest{UserID: plan.User.ID, WorkspaceRole: admin.AssignableWorkspaceRole(wsRole())})
	case StepUpdateWorkspaceMember:
		_, err = c.WorkspaceMembers.Update(ctx, s.Target, plan.User.ID, admin.UpdateWorkspaceMemberRequest{WorkspaceRole: wsRole()})
	case StepAddRBACGroupMember:
		_, err = c.RBACGroupMembers.Add(ctx, s.Target, admin.AddRBACGroupMemberRequest{UserID: plan.User.ID})
	default:
		err = fmt.Errorf("workflow: unknown onboarding step kind %q", s.Kind)
	}
	return err
}

// String returns the plan as readable text: the person, what they have
// and get, the numbered steps and the notes.
func (p *OnboardPlan) String() string {
	var b strings.Builder
	switch {
	case p.User != nil:
		fmt.Fprintf(&b, "Onboarding %s <%s> (%s, member, role %s)\n", p.User.Name, p.User.Email, p.User.ID, p.User.Role)
	case p.Invite != nil:
		fmt.Fprintf(&b, "Onboarding %s (not a member yet; invite %s pending, role %s)\n", p.Email, p.Invite.ID, p.Invite.Role)
	default:
		fmt.Fprintf(&b, "Onboarding %s (not a member, no pending invite)\n", p.Email)
	}
	fmt.Fprintf(&b, "\nWorkspaces: %d\n", len(p.Workspaces))
	for _, w := range p.Workspaces {
		state := "to add"
		switch {
		case p.User == nil:
			state = "after acceptance"
		case w.Current == w.Role:
			state = "already"
		case w.Current != "":
			state = "now " + string(w.Current)
		}
		fmt.Fprintf(&b, "  %s  %q  %s  (%s)\n", w.ID, w.Name, w.Role, state)
	}
	fmt.Fprintf(&b, "RBAC groups: %d\n", len(p.RBACGroups))
	for _, g := range p.RBACGroups {
		state := "to join"
		switch {
		case p.User == nil:
			state = "on acceptance"
		case g.Member:
			state = "already"
		}
		fmt.Fprintf(&b, "  %s  %q  (%s)\n", g.ID, g.Name, state)
	}
	writeStepsAndNotes(&b, p.Steps, "nothing is left to do now", p.Notes)
	return b.String()
}
