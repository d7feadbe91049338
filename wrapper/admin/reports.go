package admin

import (
	"context"
	"fmt"
	"iter"
	"time"
)

// This file makes "everything between A and B" natural for the usage and
// cost reports. Their All methods already follow next_page across pages;
// Range adds what a caller would otherwise have to remember: the range's
// end is always sent (without it the API stops wherever it likes), pages
// are as large as the API allows (fewer requests), and the buckets are
// checked to tile the range, oldest first, without a gap, an overlap or a
// missing tail, so that a total over a range is a total over all of it.

// maxBucketsPerPage is the largest page of the usage report by bucket
// width, and of the cost report ("1d"). The spec declares only the widest
// maximum (1440); the others are in the operation's description.
var maxBucketsPerPage = map[UsageBucketWidth]int{
	UsageBucketWidthDay:    31,
	UsageBucketWidthHour:   168,
	UsageBucketWidthMinute: 1440,
}

// bucketDuration is the length of a bucket of each width.
var bucketDuration = map[UsageBucketWidth]time.Duration{
	UsageBucketWidthDay:    24 * time.Hour,
	UsageBucketWidthHour:   time.Hour,
	UsageBucketWidthMinute: time.Minute,
}

// Range iterates over every daily bucket of the cost report from from up
// to to (exclusive), oldest first, however many pages that takes. params
// may be nil; its StartingAt, EndingAt and Page are replaced, and a zero
// Limit becomes the largest page the API allows (31 days). Days without
// cost are yielded too, with no results, as the API returns them.
//
// It yields an error matching [ErrUnexpectedResponse] when the buckets do
// not tile the range: one does not start where the previous one ended, the
// first does not start at from's day (UTC), or the last ends before to
// although to is past. to must be after from.
func (s *CostService) Range(ctx context.Context, from, to time.Time, params *GetCostReportParams) iter.Seq2[CostTimeBucket, error] {
	p := deref(params)
	p.StartingAt, p.EndingAt, p.Page = from, to, ""
	if p.Limit == 0 {
		p.Limit = maxBucketsPerPage[UsageBucketWidthDay]
	}
	return tiling(s.All(ctx, &p), from, to, 24*time.Hour, func(b CostTimeBucket) (time.Time, time.Time) { return b.StartingAt, b.EndingAt })
}

// Range iterates over every bucket of the Messages usage report from from
// up to to (exclusive), oldest first, however many pages that takes: 45
// days of daily buckets, or 10 days of hourly ones (240 buckets), come
// whole. params may be nil; its StartingAt, EndingAt and Page are
// replaced, its BucketWidth kept (default 1d), and a zero Limit becomes
// the largest page the API allows for the width (31 days, 168 hours or
// 1440 minutes). Buckets without usage are yielded too, with no results.
//
// It yields an error matching [ErrUnexpectedResponse] when the buckets do
// not tile the range (see [CostService.Range]).
func (s *MessagesUsageService) Range(ctx context.Context, from, to time.Time, params *GetMessagesUsageReportParams) iter.Seq2[MessagesUsageTimeBucket, error] {
	p := deref(params)
	p.StartingAt, p.EndingAt, p.Page = from, to, ""
	width := p.BucketWidth
	if width == "" {
		width = UsageBucketWidthDay
	}
	if p.Limit == 0 {
		p.Limit = maxBucketsPerPage[width]
	}
	d, ok := bucketDuration[width]
	if !ok {
		// An unknown width: List refuses it or the server does; no
		// tiling check without the bucket's length.
		return s.All(ctx, &p)
	}
	return tiling(s.All(ctx, &p), from, to, d, func(b MessagesUsageTimeBucket) (time.Time, time.Time) { return b.StartingAt, b.EndingAt })
}

// tiling passes on the buckets, checking that they tile [from, to): the
// first starts at from snapped down to the bucket length d (UTC), each
// starts where the previous ended, and the last ends at or after to, or
// after the start of the current bucket when to is still to come (the
// server may stop at the present). An error of buckets passes through and
// ends the iteration, as does a broken tiling.
func tiling[B any](buckets iter.Seq2[B, error], from, to time.Time, d time.Duration, span func(B) (time.Time, time.Time)) iter.Seq2[B, error] {
	return func(yield func(B, error) bool) {
		var zero B
		next := from.UTC().Truncate(d)
		for b, err := range buckets {
			if err != nil {
				yield(zero, err)
				return
			}
			start, end := span(b)
			if !start.Equal(next) {
				what := "a gap"
				if start.Before(next) {
					what = "an overlap"
				}
				yield(zero, fmt.Errorf("admin: report buckets: %w: %s: a bucket starts at %s where %s was expected",
					ErrUnexpectedResponse, what, start.UTC().Format(time.RFC3339), next.Format(time.RFC3339)))
				return
			}
			if !end.After(start) {
				yield(zero, fmt.Errorf("admin: report buckets: %w: the bucket at %s ends at %s",
					ErrUnexpectedResponse, start.UTC().Format(time.RFC3339), end.UTC().Format(time.RFC3339)))
				return
			}
			if !yield(b, nil) {
				return
			}
			next = end.UTC()
		}
		due := to
		if now := time.Now().Truncate(d); now.Before(due) {
			due = now
		}
		if next.Before(due) {
			yield(zero, fmt.Errorf("admin: report buckets: %w: the report stops at %s, before the end of the range %s",
				ErrUnexpectedResponse, next.Format(time.RFC3339), to.UTC().Format(time.RFC3339)))
		}
	}
}

// Tokens counts the tokens of Messages API usage, exactly, by kind. The
// report nests the tokens written to the cache under cache_creation, by
// lifetime; [TokensOf] reads them there, so that cache writes are never
// lost as zero.
type Tokens struct {
	// UncachedInput counts the input tokens neither read from nor written
	// to the cache.
	UncachedInput int64 `json:"uncached_input_tokens"`
	// CacheCreation5m counts the input tokens written to the five-minute
	// cache (cache_creation.ephemeral_5m_input_tokens).
	CacheCreation5m int64 `json:"cache_creation_5m_input_tokens"`
	// CacheCreation1h counts the input tokens written to the one-hour
	// cache (cache_creation.ephemeral_1h_input_tokens).
	CacheCreation1h int64 `json:"cache_creation_1h_input_tokens"`
	// CacheRead counts the input tokens read from the cache.
	CacheRead int64 `json:"cache_read_input_tokens"`
	// Output counts the output tokens.
	Output int64 `json:"output_tokens"`
	// WebSearchRequests counts the server-side web searches, which are
	// requests rather than tokens and are not part of Total.
	WebSearchRequests int64 `json:"web_search_requests"`
}

// TokensOf returns the tokens of one result of the usage report, the
// cache writes read from the nested cache_creation.
func TokensOf(r MessagesUsageResult) Tokens {
	return Tokens{
		UncachedInput:     r.UncachedInputTokens,
		CacheCreation5m:   r.CacheCreation.Ephemeral5MInputTokens,
		CacheCreation1h:   r.CacheCreation.Ephemeral1HInputTokens,
		CacheRead:         r.CacheReadInputTokens,
		Output:            r.OutputTokens,
		WebSearchRequests: r.ServerToolUse.WebSearchRequests,
	}
}

// Add returns t + u, kind by kind.
func (t Tokens) Add(u Tokens) Tokens {
	return Tokens{
		UncachedInput:     t.UncachedInput + u.UncachedInput,
		CacheCreation5m:   t.CacheCreation5m + u.CacheCreation5m,
		CacheCreation1h:   t.CacheCreation1h + u.CacheCreation1h,
		CacheRead:         t.CacheRead + u.CacheRead,
		Output:            t.Output + u.Output,
		WebSearchRequests: t.WebSearchRequests + u.WebSearchRequests,
	}
}

// CacheCreation returns the input tokens written to the cache, both
// lifetimes.
func (t Tokens) CacheCreation() int64 { return t.CacheCreation5m + t.CacheCreation1h }

// Input returns every input token: uncached, written to and read from
// the cache.
func (t Tokens) Input() int64 { return t.UncachedInput + t.CacheCreation() + t.CacheRead }

// Total returns every token, input and output.
func (t Tokens) Total() int64 { return t.Input() + t.Output }

// UsageTotals sums the usage report that buckets yields (such as
// client.MessagesUsage.Range over a whole range) into exact token counts
// per group: key names the group of each result, such as
// [UsageByWorkspace], and nil puts every result in one group, "". It
// returns the totals with the number of results each summed, and stops at
// the first error the iteration yields. Group the report by the
// dimension the key reads (GroupBy), or every result has the same key.
func UsageTotals(buckets iter.Seq2[MessagesUsageTimeBucket, error], key func(MessagesUsageResult) string) (map[string]Tokens, map[string]int, error) {
	totals, counts := map[string]Tokens{}, map[string]int{}
	for b, err := range buckets {
		if err != nil {
			return nil, nil, err
		}
		for _, r := range b.Results {
			k := ""
			if key != nil {
				k = key(r)
			}
			totals[k] = totals[k].Add(TokensOf(r))
			counts[k]++
		}
	}
	return totals, counts, nil
}

// UsageByWorkspace is a key for [UsageTotals]: the result's workspace ID,
// or "" for the default workspace (which the report leaves null).
func UsageByWorkspace(r MessagesUsageResult) string { return deref(r.WorkspaceID) }

// UsageByModel is a key for [UsageTotals]: the result's model.
func UsageByModel(r MessagesUsageResult) string { return deref(r.Model) }

// UsageByAPIKey is a key for [UsageTotals]: the result's API key ID, or ""
// for usage without a key (the Console's Workbench and Playground).
func UsageByAPIKey(r MessagesUsageResult) string { return deref(r.APIKeyID) }

// UsageByAccount is a key for [UsageTotals]: the result's user account ID,
// or "" for requests not made with a user's OAuth token.
func UsageByAccount(r MessagesUsageResult) string { return deref(r.AccountID) }
