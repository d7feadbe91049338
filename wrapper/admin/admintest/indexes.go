package admintest

import (
	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// The secondary indexes of the state's tables (see table.addIndex), one
// for each filter of a list operation, so that a filtered page walks only
// the records that may match: O(page + log n) for one filter value.
// When a request combines filters, the narrowest index drives the walk
// and the others are checked record by record.

// Index names.
const (
	byRole      = "role"      // users, invites: the organization role
	byStatus    = "status"    // API keys, invites: the stored status
	byExpiring  = "expiring"  // API keys: "yes" for active keys with an expiry (expired is computed)
	byWorkspace = "workspace" // API keys: the workspace ID
	byCreator   = "creator"   // API keys: the ID of the user who made it
	byEmail     = "email"     // invites: the normalized email
	byLive      = "live"      // workspaces, service accounts, federation: "yes" when not archived
	byIssuer    = "issuer"    // federation rules: the issuer ID
)

// addIndexes makes the state's tables keep their indexes.
func (st *state) addIndexes() {
	st.users.addIndex(byRole, func(u *user) string { return string(u.Role) })

	st.apiKeys.addIndex(byStatus, func(k *apiKey) string { return string(k.Status) })
	st.apiKeys.addIndex(byExpiring, func(k *apiKey) string {
		if k.Status == gen.APIKeyStatusActive && k.ExpiresAt != nil {
			return "yes"
		}
		return ""
	})
	st.apiKeys.addIndex(byWorkspace, func(k *apiKey) string {
		if k.Scope.WorkspaceID == nil {
			return ""
		}
		return *k.Scope.WorkspaceID
	})
	st.apiKeys.addIndex(byCreator, func(k *apiKey) string {
		if k.CreatedBy == nil || k.CreatedBy.Type != gen.APIKeyCreatorTypeUser {
			return ""
		}
		return k.CreatedBy.ID
	})

	st.invites.addIndex(byRole, func(i *invite) string { return string(i.Role) })
	st.invites.addIndex(byStatus, func(i *invite) string { return string(i.Status) })
	st.invites.addIndex(byEmail, func(i *invite) string { return normEmail(i.Email) })

	st.workspaces.addIndex(byLive, func(w *workspace) string {
		if w.ArchivedAt == nil {
			return "yes"
		}
		return ""
	})
	st.svac.all.addIndex(byLive, func(sa *serviceAccount) string {
		if sa.ArchivedAt == nil {
			return "yes"
		}
		return ""
	})
	st.fedIssuers.addIndex(byLive, func(i *fedIssuer) string {
		if i.ArchivedAt == nil {
			return "yes"
		}
		return ""
	})
	st.fedRules.addIndex(byLive, func(r *fedRule) string {
		if r.ArchivedAt == nil {
			return "yes"
		}
		return ""
	})
	st.fedRules.addIndex(byIssuer, func(r *fedRule) string { return r.IssuerID })
}
