package admin

// checkMore fails when user IDs are combined with an updated_at filter,
// which the service refuses with a 400 since 2026-09-22.
func (p ListComplianceChatsParams) checkMore() error {
	if len(p.UserIDs) > 0 && !(p.UpdatedAtGt.IsZero() && p.UpdatedAtGte.IsZero() && p.UpdatedAtLt.IsZero() && p.UpdatedAtLte.IsZero()) {
		return invalidInput("UserIDs cannot be combined with the UpdatedAt filters (the service refuses it since 2026-09-22)")
	}
	return nil
}
