package admin

import (
	"context"
	"iter"
	"net/http"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	openapi_types "github.com/oapi-codegen/runtime/types"
)

// MessagesUsageReport is one page of the Messages usage report (page token).
type MessagesUsageReport = gen.MessagesUsageReport

// MessagesUsageTimeBucket is one time bucket of the usage report.
type MessagesUsageTimeBucket = gen.MessagesUsageTimeBucket

// MessagesUsageResult is the usage of one bucket (and of one group when grouping).
type MessagesUsageResult = gen.MessagesUsageResult

// CacheCreation counts tokens written to the prompt cache, by lifetime.
type CacheCreation = gen.CacheCreation

// ServerToolUse counts server-side tool use.
type ServerToolUse = gen.ServerToolUse

// UsageBucketWidth is the width of a usage-report time bucket.
type UsageBucketWidth = gen.UsageBucketWidth

// MessagesUsageGroupBy is a dimension to split usage by (`speed` needs the `fast-mode-2026-02-01` beta header).
type MessagesUsageGroupBy = gen.MessagesUsageGroupBy

// ServiceTier is a Messages API service tier.
type ServiceTier = gen.ServiceTier

// ContextWindow is a context-window size class.
type ContextWindow = gen.ContextWindow

// UsageInferenceGeo describes where inference ran (`not_available` when the model cannot pin a geography).
type UsageInferenceGeo = gen.UsageInferenceGeo

// Speed is an inference speed mode.
type Speed = gen.Speed

// CostReport is one page of the cost report (page token).
type CostReport = gen.CostReport

// CostTimeBucket is one time bucket of the cost report.
type CostTimeBucket = gen.CostTimeBucket

// CostResult is the cost of one bucket (and of one group when grouping).
type CostResult = gen.CostResult

// CostBucketWidth is the width of a cost-report time bucket (only daily).
type CostBucketWidth = gen.CostBucketWidth

// CostGroupBy is a dimension to split costs by.
type CostGroupBy = gen.CostGroupBy

// CostServiceTier is a service tier as the cost report reports it.
type CostServiceTier = gen.CostServiceTier

// CostType describes what a cost is for.
type CostType = gen.CostType

// TokenType describes which kind of token a token cost is for.
type TokenType = gen.TokenType

// ClaudeCodeUsageReport is one page of the Claude Code usage report (page token).
type ClaudeCodeUsageReport = gen.ClaudeCodeUsageReport

// ClaudeCodeUsageRecord is the Claude Code usage of one actor and terminal on one day.
type ClaudeCodeUsageRecord = gen.ClaudeCodeUsageRecord

// ClaudeCodeActor describes who used Claude Code.
type ClaudeCodeActor = gen.ClaudeCodeActor

// ClaudeCodeActorType is the kind of actor a Claude Code record is for.
type ClaudeCodeActorType = gen.ClaudeCodeActorType

// CustomerType describes how the organization pays for Claude Code.
type CustomerType = gen.CustomerType

// SubscriptionType is the subscription plan of subscription customers.
type SubscriptionType = gen.SubscriptionType

// ClaudeCodeCoreMetrics is productivity figures of one record.
type ClaudeCodeCoreMetrics = gen.ClaudeCodeCoreMetrics

// LinesOfCode counts lines of code changed.
type LinesOfCode = gen.LinesOfCode

// ToolActionCounts describes how often a tool's proposed actions were accepted and rejected.
type ToolActionCounts = gen.ToolActionCounts

// ModelTokens counts the tokens used by one model.
type ModelTokens = gen.ModelTokens

// EstimatedCost is an estimated cost.
type EstimatedCost = gen.EstimatedCost

// ClaudeCodeModelBreakdown is usage and estimated cost of one model.
type ClaudeCodeModelBreakdown = gen.ClaudeCodeModelBreakdown

// The values of UsageBucketWidth.
const (
	UsageBucketWidthN1D = gen.UsageBucketWidthN1D
	UsageBucketWidthN1H = gen.UsageBucketWidthN1H
	UsageBucketWidthN1M = gen.UsageBucketWidthN1M
)

// The values of MessagesUsageGroupBy.
const (
	MessagesUsageGroupByAPIKeyID         = gen.MessagesUsageGroupByAPIKeyID
	MessagesUsageGroupByAccountID        = gen.MessagesUsageGroupByAccountID
	MessagesUsageGroupByContextWindow    = gen.MessagesUsageGroupByContextWindow
	MessagesUsageGroupByInferenceGeo     = gen.MessagesUsageGroupByInferenceGeo
	MessagesUsageGroupByModel            = gen.MessagesUsageGroupByModel
	MessagesUsageGroupByServiceAccountID = gen.MessagesUsageGroupByServiceAccountID
	MessagesUsageGroupByServiceTier      = gen.MessagesUsageGroupByServiceTier
	MessagesUsageGroupBySpeed            = gen.MessagesUsageGroupBySpeed
	MessagesUsageGroupByWorkspaceID      = gen.MessagesUsageGroupByWorkspaceID
)

// The values of ServiceTier.
const (
	ServiceTierBatch            = gen.ServiceTierBatch
	ServiceTierFlex             = gen.ServiceTierFlex
	ServiceTierFlexDiscount     = gen.ServiceTierFlexDiscount
	ServiceTierPriority         = gen.ServiceTierPriority
	ServiceTierPriorityOnDemand = gen.ServiceTierPriorityOnDemand
	ServiceTierStandard         = gen.ServiceTierStandard
)

// The values of ContextWindow.
const (
	ContextWindowN0200K  = gen.ContextWindowN0200K
	ContextWindowN200K1M = gen.ContextWindowN200K1M
)

// The values of UsageInferenceGeo.
const (
	UsageInferenceGeoGlobal       = gen.UsageInferenceGeoGlobal
	UsageInferenceGeoNotAvailable = gen.UsageInferenceGeoNotAvailable
	UsageInferenceGeoUs           = gen.UsageInferenceGeoUs
)

// The values of Speed.
const (
	SpeedFast     = gen.SpeedFast
	SpeedStandard = gen.SpeedStandard
)

// The values of CostBucketWidth.
const (
	CostBucketWidthN1D = gen.CostBucketWidthN1D
)

// The values of CostGroupBy.
const (
	CostGroupByDescription = gen.CostGroupByDescription
	CostGroupByWorkspaceID = gen.CostGroupByWorkspaceID
)

// The values of CostServiceTier.
const (
	CostServiceTierBatch    = gen.CostServiceTierBatch
	CostServiceTierStandard = gen.CostServiceTierStandard
)

// The values of CostType.
const (
	CostTypeCodeExecution = gen.CostTypeCodeExecution
	CostTypeSessionUsage  = gen.CostTypeSessionUsage
	CostTypeTokens        = gen.CostTypeTokens
	CostTypeWebSearch     = gen.CostTypeWebSearch
)

// The values of TokenType.
const (
	TokenTypeCacheCreationEphemeral1HInputTokens = gen.TokenTypeCacheCreationEphemeral1HInputTokens
	TokenTypeCacheCreationEphemeral5MInputTokens = gen.TokenTypeCacheCreationEphemeral5MInputTokens
	TokenTypeCacheReadInputTokens                = gen.TokenTypeCacheReadInputTokens
	TokenTypeOutputTokens                        = gen.TokenTypeOutputTokens
	TokenTypeUncachedInputTokens                 = gen.TokenTypeUncachedInputTokens
)

// The values of ClaudeCodeActorType.
const (
	ClaudeCodeActorTypeAPIActor  = gen.ClaudeCodeActorTypeAPIActor
	ClaudeCodeActorTypeUserActor = gen.ClaudeCodeActorTypeUserActor
)

// The values of CustomerType.
const (
	CustomerTypeAPI          = gen.CustomerTypeAPI
	CustomerTypeSubscription = gen.CustomerTypeSubscription
)

// The values of SubscriptionType.
const (
	SubscriptionTypeEnterprise = gen.SubscriptionTypeEnterprise
	SubscriptionTypeTeam       = gen.SubscriptionTypeTeam
)

// MessagesUsageParams are the parameters of [UsageService.Messages].
type MessagesUsageParams struct {
	// StartingAt is required: buckets start at or after it (snapped to
	// the start of a bucket, UTC).
	StartingAt time.Time
	// EndingAt, when set, ends the report before it (exclusive).
	EndingAt time.Time
	// BucketWidth is 1d (the default), 1h or 1m.
	BucketWidth UsageBucketWidth
	// Limit is the number of buckets per page; zero means the default of
	// the bucket width (7 days, 24 hours or 60 minutes).
	Limit int
	// Page is the NextPage of the previous page; empty for the first.
	Page string
	// GroupBy splits each bucket's results by these dimensions.
	GroupBy []MessagesUsageGroupBy
	// APIKeyIDs, WorkspaceIDs, Models, ServiceTiers, ContextWindows,
	// InferenceGeos, AccountIDs, ServiceAccountIDs and Speeds, when set,
	// count only the usage matching one of their values.
	APIKeyIDs         []string
	WorkspaceIDs      []string
	Models            []string
	ServiceTiers      []ServiceTier
	ContextWindows    []ContextWindow
	InferenceGeos     []UsageInferenceGeo
	AccountIDs        []string
	ServiceAccountIDs []string
	Speeds            []Speed
}

// CostParams are the parameters of [UsageService.Cost].
type CostParams struct {
	// StartingAt is required: buckets start at or after it (snapped to
	// the start of a day, UTC).
	StartingAt time.Time
	// EndingAt, when set, ends the report before it (exclusive).
	EndingAt time.Time
	// GroupBy splits each bucket's costs by these dimensions.
	GroupBy []CostGroupBy
	// Limit is the number of daily buckets per page, 1 to 31; zero means
	// the default (7).
	Limit int
	// Page is the NextPage of the previous page; empty for the first.
	Page string
}

// ClaudeCodeParams are the parameters of [UsageService.ClaudeCode].
type ClaudeCodeParams struct {
	// Day is required: the UTC day to report (only its date counts).
	Day time.Time
	// Limit is the number of records per page, 1 to 1000; zero means the
	// default (20).
	Limit int
	// Page is the NextPage of the previous page; empty for the first.
	Page string
}

// UsageService pulls the Messages usage, cost and Claude Code reports. Get
// it from [Client.Usage].
type UsageService struct{ cfg *config }

// checkRange validates a report's time range and page size.
func checkRange(o op, start, end time.Time, limit int) error {
	switch {
	case start.IsZero():
		return opError(o.String(), invalidInput("StartingAt is required"))
	case !end.IsZero() && !end.After(start):
		return opError(o.String(), invalidInput("EndingAt %s is not after StartingAt %s", end.Format(time.RFC3339), start.Format(time.RFC3339)))
	}
	return checkLimit(o, limit)
}

func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Messages returns one page of the Messages API usage report.
func (s *UsageService) Messages(ctx context.Context, p MessagesUsageParams) (*MessagesUsageReport, error) {
	o := op{verb: "get messages usage report"}
	if err := checkRange(o, p.StartingAt, p.EndingAt, p.Limit); err != nil {
		return nil, err
	}
	q := &gen.GetMessagesUsageReportParams{
		StartingAt:        p.StartingAt,
		EndingAt:          optionalTime(p.EndingAt),
		BucketWidth:       optional(p.BucketWidth),
		Limit:             optional(p.Limit),
		Page:              optional(p.Page),
		GroupBy:           p.GroupBy,
		APIKeyIds:         p.APIKeyIDs,
		WorkspaceIds:      p.WorkspaceIDs,
		Models:            p.Models,
		ServiceTiers:      p.ServiceTiers,
		ContextWindow:     p.ContextWindows,
		InferenceGeos:     p.InferenceGeos,
		AccountIds:        p.AccountIDs,
		ServiceAccountIds: p.ServiceAccountIDs,
		Speeds:            p.Speeds,
	}
	return call[MessagesUsageReport](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetMessagesUsageReport(ctx, q, edit)
	})
}

// PagesMessages iterates over the pages that Messages returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *UsageService) PagesMessages(ctx context.Context, params MessagesUsageParams) iter.Seq2[*MessagesUsageReport, error] {
	return tokenPages(ctx, params.Page, func(ctx context.Context, page string) (*MessagesUsageReport, error) {
		q := params
		q.Page = page
		return s.Messages(ctx, q)
	}, func(r *MessagesUsageReport) (*string, bool) { return r.NextPage, r.HasMore })
}

// AllMessages iterates over every time bucket of the Messages usage
// report, fetching pages lazily.
func (s *UsageService) AllMessages(ctx context.Context, params MessagesUsageParams) iter.Seq2[MessagesUsageTimeBucket, error] {
	return items(s.PagesMessages(ctx, params), func(l *MessagesUsageReport) []MessagesUsageTimeBucket { return l.Data })
}

// Cost returns one page of the cost report. Amounts are decimal strings in
// cents; Priority Tier costs are not included.
func (s *UsageService) Cost(ctx context.Context, p CostParams) (*CostReport, error) {
	o := op{verb: "get cost report"}
	if err := checkRange(o, p.StartingAt, p.EndingAt, p.Limit); err != nil {
		return nil, err
	}
	q := &gen.GetCostReportParams{
		StartingAt: p.StartingAt,
		EndingAt:   optionalTime(p.EndingAt),
		GroupBy:    p.GroupBy,
		Limit:      optional(p.Limit),
		Page:       optional(p.Page),
	}
	return call[CostReport](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetCostReport(ctx, q, edit)
	})
}

// PagesCost iterates over the pages that Cost returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *UsageService) PagesCost(ctx context.Context, params CostParams) iter.Seq2[*CostReport, error] {
	return tokenPages(ctx, params.Page, func(ctx context.Context, page string) (*CostReport, error) {
		q := params
		q.Page = page
		return s.Cost(ctx, q)
	}, func(r *CostReport) (*string, bool) { return r.NextPage, r.HasMore })
}

// AllCost iterates over every daily bucket of the cost report, fetching
// pages lazily.
func (s *UsageService) AllCost(ctx context.Context, params CostParams) iter.Seq2[CostTimeBucket, error] {
	return items(s.PagesCost(ctx, params), func(l *CostReport) []CostTimeBucket { return l.Data })
}

// ClaudeCode returns one page of the Claude Code usage report of one UTC
// day.
func (s *UsageService) ClaudeCode(ctx context.Context, p ClaudeCodeParams) (*ClaudeCodeUsageReport, error) {
	o := op{verb: "get claude code usage report"}
	if p.Day.IsZero() {
		return nil, opError(o.String(), invalidInput("Day is required"))
	}
	if err := checkLimit(o, p.Limit); err != nil {
		return nil, err
	}
	y, m, d := p.Day.Date()
	q := &gen.GetClaudeCodeUsageReportParams{
		StartingAt: openapi_types.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)},
		Limit:      optional(p.Limit),
		Page:       optional(p.Page),
	}
	return call[ClaudeCodeUsageReport](ctx, s.cfg, o, func(ctx context.Context, edit gen.RequestEditorFn) (*http.Response, error) {
		return s.cfg.raw.GetClaudeCodeUsageReport(ctx, q, edit)
	})
}

// PagesClaudeCode iterates over the pages that ClaudeCode returns, one page per loop
// iteration, fetching each only when the loop asks for it. It yields an
// error at most once and then stops.
func (s *UsageService) PagesClaudeCode(ctx context.Context, params ClaudeCodeParams) iter.Seq2[*ClaudeCodeUsageReport, error] {
	return tokenPages(ctx, params.Page, func(ctx context.Context, page string) (*ClaudeCodeUsageReport, error) {
		q := params
		q.Page = page
		return s.ClaudeCode(ctx, q)
	}, func(r *ClaudeCodeUsageReport) (*string, bool) { return r.NextPage, r.HasMore })
}

// AllClaudeCode iterates over every record of the Claude Code usage report
// of one day, fetching pages lazily.
func (s *UsageService) AllClaudeCode(ctx context.Context, params ClaudeCodeParams) iter.Seq2[ClaudeCodeUsageRecord, error] {
	return items(s.PagesClaudeCode(ctx, params), func(l *ClaudeCodeUsageReport) []ClaudeCodeUsageRecord { return l.Data })
}
