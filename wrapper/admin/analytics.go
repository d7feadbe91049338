package admin

import (
	"time"
)

// analyticsEpoch is the earliest StartingAt the Usage and Cost Analytics
// API accepts.
var analyticsEpoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// checkMore fails for a range the Usage and Cost Analytics API refuses.
func (p ListAnalyticsUsageParams) checkMore() error {
	return checkAnalyticsRange(p.StartingAt, p.EndingAt, p.TimeBucketWidth)
}

// checkMore fails for a range the Usage and Cost Analytics API refuses.
func (p ListAnalyticsCostParams) checkMore() error {
	return checkAnalyticsRange(p.StartingAt, p.EndingAt, p.TimeBucketWidth)
}

// checkAnalyticsRange checks the range rules of the analytics endpoints
// that need no clock: a start no earlier than 2026-01-01, an end after the
// start and at most 31 days later, an end whenever a bucket width is set,
// and at most 24 hours with one-minute buckets. The service also wants the
// start within the last 365 days; that is left to it.
func checkAnalyticsRange(start, end time.Time, width AnalyticsTimeBucketWidth) error {
	if start.Before(analyticsEpoch) {
		return invalidInput("StartingAt %s is before 2026-01-01, the earliest the analytics API reports", start.Format(time.RFC3339))
	}
	if err := checkTimeRange(start, end); err != nil {
		return err
	}
	if width != "" && end.IsZero() {
		return invalidInput("EndingAt is required with a bucket width")
	}
	if !end.IsZero() && end.Sub(start) > 31*24*time.Hour {
		return invalidInput("the range from StartingAt to EndingAt spans %s, more than 31 days", end.Sub(start))
	}
	if width == AnalyticsTimeBucketWidthMinute && end.Sub(start) > 24*time.Hour {
		return invalidInput("with 1m buckets the range may span at most 24 hours, not %s", end.Sub(start))
	}
	return nil
}

// checkMore fails unless exactly one of Date and StartingDate is set, and
// for dates the activity endpoints refuse.
func (p ListAnalyticsUsersParams) checkMore() error {
	return checkActivityWindow(p.Date, p.StartingDate, p.EndingDate)
}

// checkMore fails unless exactly one of Date and StartingDate is set, and
// for dates the activity endpoints refuse.
func (p ListAnalyticsConnectorsParams) checkMore() error {
	return checkActivityWindow(p.Date, p.StartingDate, p.EndingDate)
}

// checkMore fails unless exactly one of Date and StartingDate is set, and
// for dates the activity endpoints refuse.
func (p ListAnalyticsPluginsParams) checkMore() error {
	return checkActivityWindow(p.Date, p.StartingDate, p.EndingDate)
}

// checkMore fails unless exactly one of Date and StartingDate is set, and
// for dates the activity endpoints refuse.
func (p ListAnalyticsSkillsParams) checkMore() error {
	return checkActivityWindow(p.Date, p.StartingDate, p.EndingDate)
}

// checkMore fails unless exactly one of Date and StartingDate is set, and
// for dates the activity endpoints refuse.
func (p ListAnalyticsChatProjectsParams) checkMore() error {
	return checkActivityWindow(p.Date, p.StartingDate, p.EndingDate)
}

// checkActivityWindow checks the days of an activity list: one day, or a
// range with an optional end.
func checkActivityWindow(date, start, end time.Time) error {
	switch {
	case date.IsZero() == start.IsZero():
		return invalidInput("set exactly one of Date (one day) and StartingDate (a range)")
	case !date.IsZero():
		if !end.IsZero() {
			return invalidInput("EndingDate goes with StartingDate, not Date")
		}
		return checkActivityDays(date, time.Time{})
	}
	return checkActivityDays(start, end)
}

// checkMore fails for dates the activity endpoints refuse.
func (p ListAnalyticsSummariesParams) checkMore() error {
	return checkActivityDays(p.StartingDate, p.EndingDate)
}

// checkActivityDays checks a day range of the activity endpoints: a start
// no earlier than 2026-01-01 and, when the end is set, an end after the
// start and at most 366 days later. The days are the dates of the times
// in their own locations, as the client sends them.
func checkActivityDays(start, end time.Time) error {
	s := dateOf(start).Time
	if s.Before(analyticsEpoch) {
		return invalidInput("the day %s is before 2026-01-01, the earliest the analytics API reports", s.Format(time.DateOnly))
	}
	if end.IsZero() {
		return nil
	}
	e := dateOf(end).Time
	if !e.After(s) || e.Sub(s) > 366*24*time.Hour {
		return invalidInput("EndingDate %s must be after StartingDate %s and at most 366 days later", e.Format(time.DateOnly), s.Format(time.DateOnly))
	}
	return nil
}

// checkMore fails for a range the per-user report refuses.
func (p ListAnalyticsUserUsageParams) checkMore() error {
	return checkAnalyticsRange(p.StartingAt, p.EndingAt, p.BucketWidth)
}

// checkMore fails for a range the per-user report refuses.
func (p ListAnalyticsUserCostParams) checkMore() error {
	return checkAnalyticsRange(p.StartingAt, p.EndingAt, p.BucketWidth)
}

// checkMore fails for a day the activity endpoints refuse.
func (p ListAnalyticsArtifactsParams) checkMore() error {
	return checkActivityDays(p.Date, time.Time{})
}
