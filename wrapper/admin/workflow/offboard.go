package workflow

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// KeyAction says what offboarding does with the API keys the user
// created.
type KeyAction string

const (
	// KeysDeactivate makes each active key inactive; it can be activated
	// again later. Inactive, expired and archived keys are left alone.
	KeysDeactivate KeyAction = "deactivate"
	// KeysArchive archives each key that is not archived yet; this cannot
	// be undone.
	KeysArchive KeyAction = "archive"
)

// Valid reports whether k is KeysDeactivate or KeysArchive.
func (k KeyAction) Valid() bool { return k == KeysDeactivate || k == KeysArchive }

// ErrKeyActionRequired is returned by [PlanOffboarding] when the user has
// active API keys and [OffboardOptions.Keys] is not set: keys outlive
// their creator's removal, so the choice must be made.
var ErrKeyActionRequired = errors.New("workflow: the user has active API keys: choose KeysDeactivate or KeysArchive")

// ErrUserNotFound is returned by [PlanOffboarding] when no member has the
// given email or ID and the previous receipt does not record their
// removal.
var ErrUserNotFound = errors.New("workflow: no such member")

// StepKind names what a [Step] does.
type StepKind string

// The kinds of offboarding steps, in the order they run.
const (
	StepDeactivateAPIKey      StepKind = "deactivate_api_key"
	StepArchiveAPIKey         StepKind = "archive_api_key"
	StepRemoveWorkspaceMember StepKind = "remove_workspace_member"
	StepDeleteInvite          StepKind = "delete_invite"
	StepRemoveRBACGroupMember StepKind = "remove_rbac_group_member"
	StepSignOutUser           StepKind = "sign_out_user"
	StepRemoveUser            StepKind = "remove_user"
)

// A Step is one API call of an offboarding plan.
type Step struct {
	// Kind is what the step does.
	Kind StepKind `json:"kind"`
	// Target is the ID of the object the step changes: an API key, a
	// workspace, an invite, an RBAC group, or the user.
	Target string `json:"target"`
	// Description says in words what the step will do.
	Description string `json:"description"`
}

// Key identifies the step across runs: its kind and target.
func (s Step) Key() string { return string(s.Kind) + ":" + s.Target }

// KeyInfo is an API key the user created, as the plan reports it.
type KeyInfo struct {
	// ID is the key's ID.
	ID string `json:"id"`
	// Name is the key's name.
	Name string `json:"name"`
	// Status is the key's status when the plan was made.
	Status admin.APIKeyStatus `json:"status"`
	// WorkspaceID is the workspace of the key; empty for the default
	// workspace.
	WorkspaceID string `json:"workspace_id,omitempty"`
}

// GroupInfo is an RBAC group the user belongs to.
type GroupInfo struct {
	// ID is the group's ID.
	ID string `json:"id"`
	// Name is the group's name.
	Name string `json:"name"`
}

// WorkspaceInfo is a workspace the user is a member of.
type WorkspaceInfo struct {
	// ID is the workspace's ID.
	ID string `json:"id"`
	// Name is the workspace's name.
	Name string `json:"name"`
	// Role is the user's role in the workspace.
	Role admin.WorkspaceRole `json:"role"`
}

// InviteInfo is a pending invite sent to the user's email.
type InviteInfo struct {
	// ID is the invite's ID.
	ID string `json:"id"`
	// Role is the organization role the invite grants.
	Role admin.OrganizationRole `json:"role"`
}

// OffboardOptions are the choices of [PlanOffboarding].
type OffboardOptions struct {
	// Keys says what to do with the API keys the user created. It has no
	// default: planning fails with ErrKeyActionRequired when it is empty
	// and the user has active keys.
	Keys KeyAction
	// Previous is the receipt of an earlier run for the same user, or nil.
	// Steps it records as done are left out of the plan, and a user it
	// records as removed yields a complete plan instead of ErrUserNotFound.
	Previous *Receipt
}

// An OffboardPlan is what offboarding one member will do. It prints as
// text with String and marshals to JSON.
type OffboardPlan struct {
	// User is the member being offboarded. When AlreadyRemoved is set, only
	// its ID and Email are known (from the previous receipt).
	User admin.User `json:"user"`
	// Keys is the chosen key action (empty when none was needed).
	Keys KeyAction `json:"keys,omitempty"`
	// APIKeys are all the keys the user created, whatever their status.
	APIKeys []KeyInfo `json:"api_keys"`
	// Workspaces are the user's memberships of active workspaces.
	Workspaces []WorkspaceInfo `json:"workspaces"`
	// Invites are the pending invites sent to the user's email.
	Invites []InviteInfo `json:"invites"`
	// RBACGroups are the RBAC groups the user belongs to.
	RBACGroups []GroupInfo `json:"rbac_groups"`
	// Steps are the calls to make, in order.
	Steps []Step `json:"steps"`
	// Notes say what the plan leaves alone and why.
	Notes []string `json:"notes,omitempty"`
	// AlreadyRemoved is set when the previous receipt records the user's
	// removal and the user is no longer a member: nothing is left to do.
	AlreadyRemoved bool `json:"already_removed,omitempty"`
}

// PlanOffboarding resolves who (an email address or a user ID, user_...)
// to a member of the organization and returns the plan to offboard them.
// It only reads. See the package documentation for the steps.
func PlanOffboarding(ctx context.Context, c *admin.Client, who string, opts OffboardOptions) (*OffboardPlan, error) {
	if opts.Keys != "" && !opts.Keys.Valid() {
		return nil, fmt.Errorf("workflow: unknown key action %q (want %q or %q)", opts.Keys, KeysDeactivate, KeysArchive)
	}
	who = strings.TrimSpace(who)
	if who == "" {
		return nil, errors.New("workflow: no user given: pass an email address or a user ID")
	}
	u, err := resolveUser(ctx, c, who)
	if errors.Is(err, ErrUserNotFound) && opts.Previous.removed(who) {
		p := &OffboardPlan{User: admin.User{ID: opts.Previous.UserID, Email: opts.Previous.Email}, Keys: opts.Previous.Keys, AlreadyRemoved: true}
		p.Notes = append(p.Notes, "the previous receipt records that the user was removed; nothing is left to do")
		return p, nil
	}
	if err != nil {
		return nil, err
	}
	if prev := opts.Previous; prev != nil && prev.UserID != "" && prev.UserID != u.ID {
		return nil, fmt.Errorf("workflow: the previous receipt is for user %s, not %s", prev.UserID, u.ID)
	}
	p := &OffboardPlan{User: *u, Keys: opts.Keys, APIKeys: []KeyInfo{}, Workspaces: []WorkspaceInfo{}, Invites: []InviteInfo{}, RBACGroups: []GroupInfo{}}

	// API keys they created.
	active := 0
	for k, err := range c.APIKeys.All(ctx, &admin.ListAPIKeysParams{CreatedByUserID: u.ID, Limit: 1000}) {
		if err != nil {
			return nil, err
		}
		ki := KeyInfo{ID: k.ID, Name: k.Name, Status: k.Status}
		if k.WorkspaceID != nil {
			ki.WorkspaceID = *k.WorkspaceID
		}
		p.APIKeys = append(p.APIKeys, ki)
		if k.Status == admin.APIKeyStatusActive {
			active++
		}
	}
	if active > 0 && opts.Keys == "" {
		return nil, fmt.Errorf("%w (%s has %d)", ErrKeyActionRequired, u.Email, active)
	}
	var steps []Step
	for _, k := range p.APIKeys {
		switch {
		case opts.Keys == KeysDeactivate && k.Status == admin.APIKeyStatusActive:
			steps = append(steps, Step{StepDeactivateAPIKey, k.ID, fmt.Sprintf("deactivate API key %s %q (active → inactive)", k.ID, k.Name)})
		case opts.Keys == KeysArchive && k.Status != admin.APIKeyStatusArchived:
			steps = append(steps, Step{StepArchiveAPIKey, k.ID, fmt.Sprintf("archive API key %s %q (%s → archived, cannot be undone)", k.ID, k.Name, k.Status)})
		}
	}
	if opts.Keys == KeysDeactivate {
		for _, k := range p.APIKeys {
			if k.Status == admin.APIKeyStatusExpired || k.Status == admin.APIKeyStatusInactive {
				p.Notes = append(p.Notes, fmt.Sprintf("API key %s is already %s; it is left as it is", k.ID, k.Status))
			}
		}
	}

	// Memberships of active workspaces (the default workspace has no
	// explicit members; archived workspaces cannot be changed).
	for w, err := range c.Workspaces.All(ctx, &admin.ListWorkspacesParams{Limit: 1000}) {
		if err != nil {
			return nil, err
		}
		m, err := c.WorkspaceMembers.Get(ctx, w.ID, u.ID)
		if errors.Is(err, admin.ErrNotFound) {
			continue
		}
		if err != nil {
			return nil, err
		}
		p.Workspaces = append(p.Workspaces, WorkspaceInfo{ID: w.ID, Name: w.Name, Role: m.WorkspaceRole})
		steps = append(steps, Step{StepRemoveWorkspaceMember, w.ID, fmt.Sprintf("remove from workspace %s %q (role %s)", w.ID, w.Name, m.WorkspaceRole)})
	}

	// Pending invites sent to their email.
	for inv, err := range c.Invites.All(ctx, &admin.ListInvitesParams{Email: u.Email, Statuses: []admin.InviteStatusFilter{admin.InviteStatusFilterPending}, Limit: 1000}) {
		if err != nil {
			return nil, err
		}
		if inv.Status != admin.InviteStatusPending {
			continue
		}
		p.Invites = append(p.Invites, InviteInfo{ID: inv.ID, Role: inv.Role})
		steps = append(steps, Step{StepDeleteInvite, inv.ID, fmt.Sprintf("delete pending invite %s (role %s)", inv.ID, inv.Role)})
	}

	// RBAC groups (Claude Enterprise only).
	groups, err := userGroups(ctx, c, u.ID)
	switch {
	case err == nil:
		for _, g := range groups {
			p.RBACGroups = append(p.RBACGroups, g)
			steps = append(steps, Step{StepRemoveRBACGroupMember, g.ID, fmt.Sprintf("remove from RBAC group %s %q", g.ID, g.Name)})
		}
	case errors.Is(err, admin.ErrInvalidRequest), errors.Is(err, admin.ErrNotFound), errors.Is(err, admin.ErrPermission):
		p.Notes = append(p.Notes, "RBAC groups could not be listed (Claude Enterprise organizations only): "+err.Error())
	default:
		return nil, err
	}

	steps = append(steps,
		Step{StepSignOutUser, u.ID, fmt.Sprintf("sign %s out everywhere (beta; skipped where the service refuses it)", u.Email)},
		Step{StepRemoveUser, u.ID, fmt.Sprintf("remove %s from the organization", u.Email)},
	)
	if prev := opts.Previous; prev != nil {
		for _, s := range steps {
			if prev.done(s.Key()) && s.Kind == StepSignOutUser {
				p.Notes = append(p.Notes, "the previous receipt records the sign-out; it is not sent again")
				continue
			}
			p.Steps = append(p.Steps, s)
		}
	} else {
		p.Steps = steps
	}
	return p, nil
}

// resolveUser finds the member who is: a user ID or an email address.
func resolveUser(ctx context.Context, c *admin.Client, who string) (*admin.User, error) {
	if strings.HasPrefix(who, "user_") {
		u, err := c.Users.Get(ctx, who)
		if errors.Is(err, admin.ErrNotFound) {
			return nil, fmt.Errorf("%w: user %s", ErrUserNotFound, who)
		}
		return u, err
	}
	if !strings.Contains(who, "@") {
		return nil, fmt.Errorf("workflow: %q is neither an email address nor a user ID (user_...)", who)
	}
	l, err := c.Users.List(ctx, &admin.ListUsersParams{Email: who})
	if err != nil {
		return nil, err
	}
	for _, u := range l.Data {
		if strings.EqualFold(u.Email, who) {
			return &u, nil
		}
	}
	return nil, fmt.Errorf("%w: email %s", ErrUserNotFound, who)
}

// userGroups returns the RBAC groups userID belongs to, reading every
// group's members (the API has no per-user list).
func userGroups(ctx context.Context, c *admin.Client, userID string) ([]GroupInfo, error) {
	var out []GroupInfo
	for g, err := range c.RBACGroups.All(ctx, &admin.ListRBACGroupsParams{Limit: 1000}) {
		if err != nil {
			return nil, err
		}
		for m, err := range c.RBACGroupMembers.All(ctx, g.ID, &admin.ListRBACGroupMembersParams{Limit: 1000}) {
			if err != nil {
				return nil, err
			}
			if m.UserID == userID {
				out = append(out, GroupInfo{ID: g.ID, Name: g.Name})
				break
			}
		}
	}
	return out, nil
}

// String returns the plan as readable text: the user, what they hold,
// the numbered steps and the notes.
func (p *OffboardPlan) String() string {
	var b strings.Builder
	u := p.User
	if p.AlreadyRemoved {
		fmt.Fprintf(&b, "Offboarding %s (%s): already removed.\n", u.Email, u.ID)
	} else {
		fmt.Fprintf(&b, "Offboarding %s <%s> (%s, role %s)\n", u.Name, u.Email, u.ID, u.Role)
		fmt.Fprintf(&b, "\nAPI keys they created: %d\n", len(p.APIKeys))
		for _, k := range p.APIKeys {
			writeKeyLine(&b, k.ID, k.Status, k.Name, k.WorkspaceID)
		}
		fmt.Fprintf(&b, "Workspace memberships: %d\n", len(p.Workspaces))
		for _, w := range p.Workspaces {
			fmt.Fprintf(&b, "  %s  %q  %s\n", w.ID, w.Name, w.Role)
		}
		fmt.Fprintf(&b, "Pending invites: %d\n", len(p.Invites))
		for _, i := range p.Invites {
			fmt.Fprintf(&b, "  %s  %s\n", i.ID, i.Role)
		}
		fmt.Fprintf(&b, "RBAC groups: %d\n", len(p.RBACGroups))
		for _, g := range p.RBACGroups {
			fmt.Fprintf(&b, "  %s  %q\n", g.ID, g.Name)
		}
	}
	writeStepsAndNotes(&b, p.Steps, "nothing is left to do", p.Notes)
	return b.String()
}

// writeKeyLine writes the line of an API key in a plan's text: its ID,
// status, name and workspace.
func writeKeyLine(b *strings.Builder, id string, status admin.APIKeyStatus, name, workspaceID string) {
	if workspaceID == "" {
		workspaceID = "default workspace"
	}
	fmt.Fprintf(b, "  %s  %-8s  %q  (%s)\n", id, status, name, workspaceID)
}

// writeStepsAndNotes ends the text of a plan: its steps, numbered (or
// none, with why), then its notes.
func writeStepsAndNotes(b *strings.Builder, steps []Step, none string, notes []string) {
	fmt.Fprintf(b, "\nSteps (%d):\n", len(steps))
	for i, s := range steps {
		fmt.Fprintf(b, "  %d. %s\n", i+1, s.Description)
	}
	if len(steps) == 0 {
		fmt.Fprintf(b, "  none: %s\n", none)
	}
	if len(notes) > 0 {
		b.WriteString("\nNotes:\n")
		for _, n := range notes {
			fmt.Fprintf(b, "  - %s\n", n)
		}
	}
}
