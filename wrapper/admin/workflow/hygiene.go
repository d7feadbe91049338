package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// HygieneReason is why [KeyHygiene] flags an API key.
type HygieneReason string

// The reasons of the key hygiene report, in the order a key's findings
// list them.
const (
	// ReasonExpiring flags a key that expires within
	// [HygieneOptions.ExpiringWithin] (or has expired, with
	// IncludeInactive).
	ReasonExpiring HygieneReason = "expiring"
	// ReasonUnused flags a key without usage in the Messages usage report
	// over [HygieneOptions.UnusedFor], created before that window began.
	ReasonUnused HygieneReason = "unused"
	// ReasonCreatorGone flags a key whose creator was a user who is no
	// longer a member of the organization.
	ReasonCreatorGone HygieneReason = "creator_gone"
	// ReasonNoPrincipal flags a key bound to no principal (neither a user
	// nor a service account).
	ReasonNoPrincipal HygieneReason = "no_principal"
)

// HygieneReasons returns every reason, in order.
func HygieneReasons() []HygieneReason {
	return []HygieneReason{ReasonExpiring, ReasonUnused, ReasonCreatorGone, ReasonNoPrincipal}
}

// Valid reports whether r is one of [HygieneReasons].
func (r HygieneReason) Valid() bool { return slices.Contains(HygieneReasons(), r) }

// The defaults of [HygieneOptions].
const (
	// DefaultExpiringWithin is the default of HygieneOptions.ExpiringWithin.
	DefaultExpiringWithin = 30 * 24 * time.Hour
	// DefaultUnusedFor is the default of HygieneOptions.UnusedFor.
	DefaultUnusedFor = 90 * 24 * time.Hour
)

// HygieneOptions are the choices of [KeyHygiene].
type HygieneOptions struct {
	// ExpiringWithin flags keys that expire before now plus this long;
	// zero means DefaultExpiringWithin (30 days).
	ExpiringWithin time.Duration
	// UnusedFor flags keys without usage for this long; zero means
	// DefaultUnusedFor (90 days). The window starts at midnight UTC of
	// the day UnusedFor ago, as the daily buckets of the usage report do.
	UnusedFor time.Duration
	// Now, when set, replaces time.Now (tests, and the CLI's fake).
	Now func() time.Time
	// IncludeInactive checks inactive, expired and archived keys too. By
	// default only active keys are checked: the others cannot be used.
	IncludeInactive bool
	// Only, when not empty, checks only these reasons (and skips the
	// requests the others need: the usage report for unused, the member
	// list for creator_gone).
	Only []HygieneReason
}

// A HygieneFinding is one reason a key is flagged, with its detail in
// words, such as "expires 2026-12-01 (in 12 days)".
type HygieneFinding struct {
	// Reason is why the key is flagged.
	Reason HygieneReason `json:"reason"`
	// Detail says what was found.
	Detail string `json:"detail"`
}

// A HygieneKey is a flagged API key with its findings.
type HygieneKey struct {
	// ID is the key's ID.
	ID string `json:"id"`
	// Name is the key's name.
	Name string `json:"name"`
	// Status is the key's status.
	Status admin.APIKeyStatus `json:"status"`
	// WorkspaceID is the key's workspace; empty for the default workspace.
	WorkspaceID string `json:"workspace_id,omitempty"`
	// CreatedAt is when the key was created.
	CreatedAt time.Time `json:"created_at"`
	// CreatedBy is who created the key; nil when the API does not say
	// (legacy, federated and system keys).
	CreatedBy *admin.APIKeyCreator `json:"created_by"`
	// CreatorEmail is the email of the creator when it is a current
	// member.
	CreatorEmail string `json:"creator_email,omitempty"`
	// ExpiresAt is when the key expires; nil if never.
	ExpiresAt *time.Time `json:"expires_at"`
	// LastUsed is the start (midnight UTC) of the last day with usage in
	// the unused window; nil when the key has none there, or when usage
	// was not checked.
	LastUsed *time.Time `json:"last_used"`
	// Findings are the reasons the key is flagged, in the order of
	// [HygieneReasons].
	Findings []HygieneFinding `json:"findings"`
}

// Has reports whether the key has a finding of reason r.
func (k HygieneKey) Has(r HygieneReason) bool {
	return slices.ContainsFunc(k.Findings, func(f HygieneFinding) bool { return f.Reason == r })
}

// Reasons returns the reasons of the key's findings.
func (k HygieneKey) Reasons() []HygieneReason {
	out := make([]HygieneReason, len(k.Findings))
	for i, f := range k.Findings {
		out[i] = f.Reason
	}
	return out
}

// A HygieneReport is the result of [KeyHygiene]: the flagged keys, one
// row each, and the counts. It prints as text with String and marshals to
// JSON.
type HygieneReport struct {
	// Now is when the report was made.
	Now time.Time `json:"now"`
	// ExpiringBefore is the end of the expiry window (Now plus
	// ExpiringWithin); zero when expiry was not checked.
	ExpiringBefore time.Time `json:"expiring_before,omitzero"`
	// UnusedSince is the start of the usage window; zero when usage was
	// not checked.
	UnusedSince time.Time `json:"unused_since,omitzero"`
	// Checked are the reasons checked.
	Checked []HygieneReason `json:"checked"`
	// IncludeInactive is set when keys that are not active were checked.
	IncludeInactive bool `json:"include_inactive,omitempty"`
	// KeysChecked counts the keys checked.
	KeysChecked int `json:"keys_checked"`
	// Keys are the flagged keys, by ID.
	Keys []HygieneKey `json:"keys"`
	// Counts counts the flagged keys by each reason checked (a key with
	// two reasons counts under both).
	Counts map[HygieneReason]int `json:"counts"`
	// Notes say what the report could not check.
	Notes []string `json:"notes,omitempty"`
}

// KeyHygiene reads the organization's API keys, its members and the
// Messages usage report by API key, and returns the keys that need
// attention: expiring soon, unused, created by a user who has left, or
// bound to no principal. It only reads, with as few requests as the API
// allows: the key list (only active keys unless IncludeInactive), the
// member list (when creator_gone is checked) and one range of the usage
// report grouped by api_key_id (when unused is checked), never one
// request per key. See the package documentation for the rules.
func KeyHygiene(ctx context.Context, c *admin.Client, opts HygieneOptions) (*HygieneReport, error) {
	checked := HygieneReasons()
	if len(opts.Only) > 0 {
		checked = nil
		for _, r := range HygieneReasons() {
			if slices.Contains(opts.Only, r) {
				checked = append(checked, r)
			}
		}
		for _, r := range opts.Only {
			if !r.Valid() {
				return nil, fmt.Errorf("workflow: unknown hygiene reason %q (want one of %s)", r, joinReasons(HygieneReasons()))
			}
		}
	}
	if opts.ExpiringWithin < 0 || opts.UnusedFor < 0 {
		return nil, errors.New("workflow: ExpiringWithin and UnusedFor must not be negative")
	}
	if opts.ExpiringWithin == 0 {
		opts.ExpiringWithin = DefaultExpiringWithin
	}
	if opts.UnusedFor == 0 {
		opts.UnusedFor = DefaultUnusedFor
	}
	now := time.Now().UTC()
	if opts.Now != nil {
		now = opts.Now().UTC()
	}
	r := &HygieneReport{Now: now, Checked: checked, IncludeInactive: opts.IncludeInactive, Keys: []HygieneKey{}, Counts: map[HygieneReason]int{}}
	for _, reason := range checked {
		r.Counts[reason] = 0
	}
	check := func(reason HygieneReason) bool { return slices.Contains(checked, reason) }
	if check(ReasonExpiring) {
		r.ExpiringBefore = now.Add(opts.ExpiringWithin)
	}

	var keys []admin.APIKey
	params := &admin.ListAPIKeysParams{Limit: 1000}
	if !opts.IncludeInactive {
		params.Status = admin.APIKeyStatusActive
	}
	for k, err := range c.APIKeys.All(ctx, params) {
		if err != nil {
			return nil, err
		}
		keys = append(keys, k)
	}
	r.KeysChecked = len(keys)

	members := map[string]string{} // user ID → email
	if check(ReasonCreatorGone) && len(keys) > 0 {
		for u, err := range c.Users.All(ctx, &admin.ListUsersParams{Limit: 1000}) {
			if err != nil {
				return nil, err
			}
			members[u.ID] = u.Email
		}
	}

	lastUsed := map[string]time.Time{} // key ID → start of its last day with usage
	if check(ReasonUnused) && len(keys) > 0 {
		r.UnusedSince = now.Add(-opts.UnusedFor).Truncate(24 * time.Hour)
		buckets := c.MessagesUsage.Range(ctx, r.UnusedSince, now, &admin.GetMessagesUsageReportParams{
			BucketWidth: admin.UsageBucketWidthDay,
			GroupBy:     []admin.MessagesUsageGroupBy{admin.MessagesUsageGroupByAPIKeyID},
		})
		for b, err := range buckets {
			if err != nil {
				return nil, err
			}
			for _, res := range b.Results {
				t := admin.TokensOf(res)
				id := admin.UsageByAPIKey(res)
				if id == "" || (t.Total() == 0 && t.WebSearchRequests == 0) {
					continue
				}
				if b.StartingAt.After(lastUsed[id]) {
					lastUsed[id] = b.StartingAt.UTC()
				}
			}
		}
	}

	for _, k := range keys {
		hk := HygieneKey{ID: k.ID, Name: k.Name, Status: k.Status, CreatedAt: k.CreatedAt.UTC(), CreatedBy: k.CreatedBy, ExpiresAt: k.ExpiresAt, Findings: []HygieneFinding{}}
		if k.WorkspaceID != nil {
			hk.WorkspaceID = *k.WorkspaceID
		}
		if t, ok := lastUsed[k.ID]; ok {
			hk.LastUsed = &t
		}
		if k.CreatedBy != nil && k.CreatedBy.Type == admin.APIKeyCreatorTypeUser {
			hk.CreatorEmail = members[k.CreatedBy.ID]
		}
		add := func(reason HygieneReason, format string, args ...any) {
			hk.Findings = append(hk.Findings, HygieneFinding{reason, fmt.Sprintf(format, args...)})
		}
		if check(ReasonExpiring) && k.ExpiresAt != nil && k.ExpiresAt.Before(r.ExpiringBefore) {
			exp := k.ExpiresAt.UTC()
			if exp.After(now) {
				add(ReasonExpiring, "expires %s (in %s)", exp.Format(time.DateOnly), days(exp.Sub(now)))
			} else {
				add(ReasonExpiring, "expired %s", exp.Format(time.DateOnly))
			}
		}
		if check(ReasonUnused) && hk.LastUsed == nil && !k.CreatedAt.After(r.UnusedSince) {
			add(ReasonUnused, "no usage since %s", r.UnusedSince.Format(time.DateOnly))
		}
		if check(ReasonCreatorGone) && k.CreatedBy != nil && k.CreatedBy.Type == admin.APIKeyCreatorTypeUser && hk.CreatorEmail == "" {
			add(ReasonCreatorGone, "created by %s, no longer a member", k.CreatedBy.ID)
		}
		if check(ReasonNoPrincipal) && k.Principal == nil {
			add(ReasonNoPrincipal, "bound to no user or service account")
		}
		if len(hk.Findings) == 0 {
			continue
		}
		for _, f := range hk.Findings {
			r.Counts[f.Reason]++
		}
		r.Keys = append(r.Keys, hk)
	}
	slices.SortFunc(r.Keys, func(a, b HygieneKey) int { return strings.Compare(a.ID, b.ID) })
	if check(ReasonCreatorGone) {
		n := 0
		for _, k := range keys {
			if k.CreatedBy != nil && k.CreatedBy.Type == admin.APIKeyCreatorTypeServiceAccount {
				n++
			}
		}
		if n > 0 {
			r.Notes = append(r.Notes, fmt.Sprintf("%d key(s) created by a service account: creator_gone checks user creators only", n))
		}
	}
	return r, nil
}

// days prints d in whole days, rounded up, or in hours under a day.
func days(d time.Duration) string {
	if d < 24*time.Hour {
		return fmt.Sprintf("%d hours", int((d+time.Hour-1)/time.Hour))
	}
	n := int((d + 24*time.Hour - 1) / (24 * time.Hour))
	if n == 1 {
		return "1 day"
	}
	return fmt.Sprintf("%d days", n)
}

func joinReasons(rs []HygieneReason) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = string(r)
	}
	return strings.Join(s, ", ")
}

// Steps returns the steps that deactivate the report's flagged keys that
// are active (the others are left as they are), in the order of the
// report.
func (r *HygieneReport) Steps() []Step {
	var out []Step
	for _, k := range r.Keys {
		if k.Status != admin.APIKeyStatusActive {
			continue
		}
		out = append(out, Step{Kind: StepDeactivateAPIKey, Target: k.ID, Description: fmt.Sprintf("deactivate API key %s %q (%s)", k.ID, k.Name, joinReasons(k.Reasons()))})
	}
	return out
}

// String returns the report as readable text: the windows, one block per
// flagged key with its findings, and the counts.
func (r *HygieneReport) String() string {
	var b strings.Builder
	which := "active keys"
	if r.IncludeInactive {
		which = "keys of every status"
	}
	fmt.Fprintf(&b, "Key hygiene at %s: %d %s checked for %s\n", r.Now.Format(time.RFC3339), r.KeysChecked, which, joinReasons(r.Checked))
	if !r.ExpiringBefore.IsZero() {
		fmt.Fprintf(&b, "  expiring: before %s\n", r.ExpiringBefore.Format(time.RFC3339))
	}
	if !r.UnusedSince.IsZero() {
		fmt.Fprintf(&b, "  unused:   no usage since %s\n", r.UnusedSince.Format(time.DateOnly))
	}
	fmt.Fprintf(&b, "\nFlagged keys: %d\n", len(r.Keys))
	for _, k := range r.Keys {
		writeKeyLine(&b, k.ID, k.Status, k.Name, k.WorkspaceID)
		for _, f := range k.Findings {
			fmt.Fprintf(&b, "      %-12s  %s\n", f.Reason, f.Detail)
		}
	}
	var counts []string
	for _, reason := range r.Checked {
		counts = append(counts, fmt.Sprintf("%s %d", reason, r.Counts[reason]))
	}
	fmt.Fprintf(&b, "Counts: %s\n", strings.Join(counts, ", "))
	for _, n := range r.Notes {
		fmt.Fprintf(&b, "Note: %s\n", n)
	}
	return b.String()
}

// DeactivateFlaggedKeys deactivates the active keys of report (see
// [HygieneReport.Steps]), step by step, recording each in receipt (which
// must not be nil; pass the previous run's receipt to extend it, or a new
// Receipt). It stops at the first failed step and returns its error.
//
// To finish after a failure, run [KeyHygiene] again and then
// DeactivateFlaggedKeys with the same receipt: the keys deactivated by the
// first run are inactive now and no longer in the report, so nothing is
// repeated, even a deactivation whose answer was lost after the service
// made it. The report is the plan: every active key in it is deactivated.
func DeactivateFlaggedKeys(ctx context.Context, c *admin.Client, report *HygieneReport, receipt *Receipt) error {
	if receipt == nil {
		return errors.New("workflow: DeactivateFlaggedKeys needs a receipt")
	}
	if receipt.Workflow != "" && receipt.Workflow != WorkflowKeyHygiene {
		return fmt.Errorf("workflow: the receipt is for %s, not %s", receipt.Workflow, WorkflowKeyHygiene)
	}
	if receipt.Workflow == "" && (len(receipt.Steps) > 0 || receipt.UserID != "") {
		return errors.New("workflow: the receipt is for offboarding, not " + WorkflowKeyHygiene)
	}
	receipt.Workflow = WorkflowKeyHygiene
	receipt.Runs++
	receipt.Complete = false
	for _, s := range report.Steps() {
		if err := ctx.Err(); err != nil {
			return err
		}
		err := recordStep(ctx, receipt, s, func(ctx context.Context) error {
			st := admin.APIKeyStatusUpdateInactive
			_, err := c.APIKeys.Update(ctx, s.Target, admin.UpdateAPIKeyRequest{Status: &st})
			return err
		})
		if err != nil {
			return fmt.Errorf("workflow: key hygiene: step %q: %w", s.Description, err)
		}
	}
	receipt.Complete = true
	return nil
}
