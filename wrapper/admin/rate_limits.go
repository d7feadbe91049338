package admin

import (
	"context"
	"iter"
	"net/http"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// RateLimit is one of the organization's rate limits.
type RateLimit = gen.RateLimit

// RateLimitList is one page of rate limits (page cursor without `has_more`).
type RateLimitList = gen.RateLimitList

// RateLimitGroup describes what a rate limit applies to.
type RateLimitGroup = gen.RateLimitGroup

// RateLimitGroupType is the kind of thing a rate limit applies to.
type RateLimitGroupType = gen.RateLimitGroupType

// RateLimitValue is one limiter of an organization rate limit.
type RateLimitValue = gen.RateLimitValue

// RateLimitType is the object type of `rate_limit` objects.
type RateLimitType = gen.RateLimitType

// WorkspaceRateLimit is one rate limit of a workspace.
type WorkspaceRateLimit = gen.WorkspaceRateLimit

// WorkspaceRateLimitList is one page of workspace rate limits (page cursor without `has_more`).
type WorkspaceRateLimitList = gen.WorkspaceRateLimitList

// WorkspaceRateLimitValue is one limiter of a workspace rate limit.
type WorkspaceRateLimitValue = gen.WorkspaceRateLimitValue

// WorkspaceRateLimitType is the object type of `workspace_rate_limit` objects.
type WorkspaceRateLimitType = gen.WorkspaceRateLimitType

// RateLimitSource describes where a limit in force comes from.
type RateLimitSource = gen.RateLimitSource

// RateLimitSourceType describes where a limit in force comes from.
type RateLimitSourceType = gen.RateLimitSourceType

// LimiterType is a limiter that a workspace can override.
type LimiterType = gen.LimiterType

// WorkspaceRateLimitChange is a new value for one limiter; null clears the workspace's override.
type WorkspaceRateLimitChange = gen.WorkspaceRateLimitChange

// UpdateWorkspaceRateLimitRequest changes to a workspace's override of one rate limit.
type UpdateWorkspaceRateLimitRequest = gen.UpdateWorkspaceRateLimitRequest

// The values of RateLimitGroupType.
const (
	RateLimitGroupTypeBatch      = gen.RateLimitGroupTypeBatch
	RateLimitGroupTypeFiles      = gen.RateLimitGroupTypeFiles
	RateLimitGroupTypeModelGroup = gen.RateLimitGroupTypeModelGroup
	RateLimitGroupTypeSkills     = gen.RateLimitGroupTypeSkills
	RateLimitGroupTypeTokenCount = gen.RateLimitGroupTypeTokenCount
	RateLimitGroupTypeWebSearch  = gen.RateLimitGroupTypeWebSearch
)

// The values of RateLimitType.
const (
	RateLimitTypeRateLimit = gen.RateLimitTypeRateLimit
)

// The values of WorkspaceRateLimitType.
const (
	WorkspaceRateLimitTypeWorkspaceRateLimit = gen.WorkspaceRateLimitTypeWorkspaceRateLimit
)

// The values of RateLimitSourceType.
const (
	RateLimitSourceTypeOrganization = gen.RateLimitSourceTypeOrganization
	RateLimitSourceTypeWorkspace    = gen.RateLimitSourceTypeWorkspace
)

// The values of LimiterType.
const (
	LimiterTypeFastItpmca                     = gen.LimiterTypeFastItpmca
	LimiterTypeFastOtpm                       = gen.LimiterTypeFastOtpm
	LimiterTypeInputTokensPerMinute           = gen.LimiterTypeInputTokensPerMinute
	LimiterTypeInputTokensPerMinuteCacheAware = gen.LimiterTypeInputTokensPerMinuteCacheAware
	LimiterTypeOutputTokensPerMinute          = gen.LimiterTypeOutputTokensPerMinute
	LimiterTypeRequestsPerMinute              = gen.LimiterTypeRequestsPerMinute
	LimiterTypeTokensPerDay                   = gen.LimiterTypeTokensPerDay
	LimiterTypeTokensPerMinute                = gen.LimiterTypeTokensPerMinute
	LimiterTypeToolUsesPerSecond              = gen.LimiterTypeToolUsesPerSecond
)

// ListRateLimitsParams are the parameters of [RateLimitsService.List].
type ListRateLimitsParams struct {
	// GroupType, when set, returns only limits of this group type.
	GroupType RateLimitGroupType
	// Model, when set, returns only the limits that apply to this model
	// (full name or alias); the server answers 404 for an unknown model.
	Model string
	// Limit is the page size, 1 to 1000; zero returns everything in one
	// page.
	Limit int
	// Page is the NextPage of the previous page; empty for the first.
	Page string
}

// ListWorkspaceRateLimitsParams are the parameters of
// [RateLimitsService.ListWorkspace].
type ListWorkspaceRateLimitsParams struct {
	// GroupType, when set, returns only limits of this group type.
	GroupType RateLimitGroupType
	// IncludeInherited also returns the limits the workspace inherits from
	// the organization, not only its overrides.
	IncludeInherited bool
	// Limit is the page size, 1 to 1000; zero returns everything in one
	// page.
	Limit int
	// Page is the NextPage of the previous page; empty for the first.
	Page string
}

// RateLimitsService reads the organization's rate limits and manages
// workspaces' overrides of them. Get it from [Client.RateLimits].
type RateLimitsService struct{ cfg *config }

// List returns one page of the organization's rate limits. params may be
// nil.
func (s *RateLimitsService) List(ctx context.Context, params *ListRateLimitsParams) (*RateLimitList, error) {
	p := deref(params)
	o := op{verb: "list rate limits"}
	if err := checkLimit(o, p.Limit); err != nil {
		return nil, err
	}
	q := &gen.ListOrganizationRateLimitsParams{
		GroupType: optional(p.GroupType),
		Model:     optional(p.Model),
		Limit:     optional(p.Limit),
		Page:      optional(p.Page),
	}
	return call[RateLimitList](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ListOrganizationRateLimits(ctx, q, edit)
	})
}

// Pages iterates over the pages that List returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *RateLimitsService) Pages(ctx context.Context, params *ListRateLimitsParams) iter.Seq2[*RateLimitList, error] {
	p := deref(params)
	return tokenPages(ctx, p.Page, func(ctx context.Context, page string) (*RateLimitList, error) {
		q := p
		q.Page = page
		return s.List(ctx, &q)
	}, func(l *RateLimitList) (*string, bool) { return l.NextPage, true })
}

// All iterates over every organization rate limit matching params,
// fetching pages lazily. params may be nil.
func (s *RateLimitsService) All(ctx context.Context, params *ListRateLimitsParams) iter.Seq2[RateLimit, error] {
	return items(s.Pages(ctx, params), func(l *RateLimitList) []RateLimit { return l.Data })
}

// ListWorkspace returns one page of a workspace's rate limits. params may
// be nil.
func (s *RateLimitsService) ListWorkspace(ctx context.Context, workspaceID string, params *ListWorkspaceRateLimitsParams) (*WorkspaceRateLimitList, error) {
	p := deref(params)
	o := op{verb: "list workspace rate limits", ids: [2]arg{{"workspace ID", workspaceID}}}
	if err := checkLimit(o, p.Limit); err != nil {
		return nil, err
	}
	q := &gen.ListWorkspaceRateLimitsParams{
		GroupType:        optional(p.GroupType),
		IncludeInherited: optional(p.IncludeInherited),
		Limit:            optional(p.Limit),
		Page:             optional(p.Page),
	}
	return call[WorkspaceRateLimitList](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.ListWorkspaceRateLimits(ctx, workspaceID, q, edit)
	})
}

// PagesWorkspace iterates over the pages that ListWorkspace returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *RateLimitsService) PagesWorkspace(ctx context.Context, workspaceID string, params *ListWorkspaceRateLimitsParams) iter.Seq2[*WorkspaceRateLimitList, error] {
	p := deref(params)
	return tokenPages(ctx, p.Page, func(ctx context.Context, page string) (*WorkspaceRateLimitList, error) {
		q := p
		q.Page = page
		return s.ListWorkspace(ctx, workspaceID, &q)
	}, func(l *WorkspaceRateLimitList) (*string, bool) { return l.NextPage, true })
}

// AllWorkspace iterates over every rate limit of a workspace matching
// params, fetching pages lazily. params may be nil.
func (s *RateLimitsService) AllWorkspace(ctx context.Context, workspaceID string, params *ListWorkspaceRateLimitsParams) iter.Seq2[WorkspaceRateLimit, error] {
	return items(s.PagesWorkspace(ctx, workspaceID, params), func(l *WorkspaceRateLimitList) []WorkspaceRateLimit { return l.Data })
}

// UpdateWorkspace sets or clears a workspace's override of the
// organization rate limit rateLimitID: a change whose Value is nil clears
// the override of that limiter. Changes take effect within about an hour.
func (s *RateLimitsService) UpdateWorkspace(ctx context.Context, workspaceID, rateLimitID string, body UpdateWorkspaceRateLimitRequest) (*WorkspaceRateLimit, error) {
	o := op{verb: "update workspace rate limit", ids: [2]arg{{"workspace ID", workspaceID}, {"rate limit ID", rateLimitID}}}
	if len(body.Limits) == 0 {
		return nil, opError(o.String(), invalidInput("no limits to change"))
	}
	return call[WorkspaceRateLimit](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.UpdateWorkspaceRateLimit(ctx, workspaceID, rateLimitID, body, edit)
	})
}
