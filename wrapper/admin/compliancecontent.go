package admin

import (
	"context"
	"iter"
)

// checkMore fails when user IDs are combined with an updated_at filter,
// which the service refuses with a 400 since 2026-09-22.
func (p ListComplianceChatsParams) checkMore() error {
	if len(p.UserIDs) > 0 && !(p.UpdatedAtGt.IsZero() && p.UpdatedAtGte.IsZero() && p.UpdatedAtLt.IsZero() && p.UpdatedAtLte.IsZero()) {
		return invalidInput("UserIDs cannot be combined with the UpdatedAt filters (the service refuses it since 2026-09-22)")
	}
	return nil
}

// AllMessages iterates over every message of a chat that Messages returns
// for params, oldest first unless params.Order is desc, fetching pages of
// params.Limit messages (the service's maximum, 1000, when zero) with
// after_id as the loop asks for them. It yields an error at most once and
// then stops. Unlike Messages with no limit, it never needs the whole
// conversation in one response.
func (s *ComplianceChatsService) AllMessages(ctx context.Context, claudeChatID string, params *ListComplianceChatMessagesParams) iter.Seq2[ComplianceChatMessage, error] {
	return func(yield func(ComplianceChatMessage, error) bool) {
		q := deref(params)
		if q.Limit == 0 {
			q.Limit = OpListComplianceChatMessages.MaxPageSize()
		}
		for {
			page, err := s.Messages(ctx, claudeChatID, &q)
			if err != nil {
				yield(ComplianceChatMessage{}, err)
				return
			}
			for _, m := range page.ChatMessages {
				if !yield(m, nil) {
					return
				}
			}
			if page.HasMore == nil || !*page.HasMore || page.LastID == nil || len(page.ChatMessages) == 0 {
				return
			}
			q.AfterID, q.BeforeID = *page.LastID, ""
		}
	}
}
