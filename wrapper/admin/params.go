package admin

import (
	"encoding/json"
	"time"

	openapi_types "github.com/oapi-codegen/runtime/types"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// This file holds what the generated parameter code (services_gen.go)
// calls: the conversions to the generated client's optional fields and
// the checks that the spec cannot express.

// checkBounds fails for a value outside min..max; zero means the server's
// default and is always accepted.
func checkBounds(o op, name string, v, min, max int) error {
	if v != 0 && (v < min || v > max) {
		return opError(o.String(), invalidInput("%s %d is outside %d..%d", name, v, min, max))
	}
	return nil
}

// checkItems fails for a list parameter with more than max items.
func checkItems(o op, name string, n, max int) error {
	if n > max {
		return opError(o.String(), invalidInput("%s has %d items, more than %d", name, n, max))
	}
	return nil
}

// moreChecks runs the hand-written check of a parameter struct, for the
// rules that relate several parameters (see the checkMore methods below).
func moreChecks(o op, p any) error {
	if c, ok := p.(interface{ checkMore() error }); ok {
		if err := c.checkMore(); err != nil {
			return opError(o.String(), err)
		}
	}
	return nil
}

// checkMore fails when the report would end before it starts.
func (p GetMessagesUsageReportParams) checkMore() error {
	return checkTimeRange(p.StartingAt, p.EndingAt)
}

// checkMore fails when the report would end before it starts.
func (p GetCostReportParams) checkMore() error {
	return checkTimeRange(p.StartingAt, p.EndingAt)
}

// isEmptyObject reports whether body, a request model, encodes as an
// object without fields, for bodies whose schema asks for at least one.
func isEmptyObject(body any) bool {
	b, err := json.Marshal(body)
	return err == nil && string(b) == "{}"
}

// checkTimeRange fails when end is set and not after start.
func checkTimeRange(start, end time.Time) error {
	if !end.IsZero() && !end.After(start) {
		return invalidInput("EndingAt %s is not after StartingAt %s", end.Format(time.RFC3339), start.Format(time.RFC3339))
	}
	return nil
}

func deref[T any](p *T) T {
	if p == nil {
		var zero T
		return zero
	}
	return *p
}

// optional returns a pointer to v, or nil when v is the zero value.
func optional[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

// optionalTime returns a pointer to t, or nil when t is the zero time.
func optionalTime(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// dateOf returns the date of t (in t's location) as a date parameter.
func dateOf(t time.Time) openapi_types.Date {
	y, m, d := t.Date()
	return openapi_types.Date{Time: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// optionalDate returns the date of t, or nil when t is the zero time.
//
//lint:ignore U1000 the generated code calls it once the spec has an optional date parameter.
func optionalDate(t time.Time) *openapi_types.Date {
	if t.IsZero() {
		return nil
	}
	d := dateOf(t)
	return &d
}

// Ptr returns a pointer to v, for the optional fields of request bodies:
// admin.Ptr("#6C5BB9").
func Ptr[T any](v T) *T { return &v }

// AllowedGeos returns an [AllowedInferenceGeos] that allows exactly geos.
func AllowedGeos(geos ...InferenceGeo) AllowedInferenceGeos {
	var a AllowedInferenceGeos
	_ = a.FromAllowedInferenceGeos0(append([]InferenceGeo{}, geos...)) // marshalling a []string cannot fail
	return a
}

// UnrestrictedGeos returns an [AllowedInferenceGeos] that allows every
// inference geography.
func UnrestrictedGeos() AllowedInferenceGeos {
	var a AllowedInferenceGeos
	_ = a.FromUnrestrictedInferenceGeos(UnrestrictedInferenceGeosUnrestricted) // marshalling a string cannot fail
	return a
}

// Cents is an exact decimal amount of cents, the unit of every amount of
// money the API returns (the cost report's amount, the Claude Code
// report's estimated cost): never a float, never dollars. See package
// [money] for its methods (Add, Dollars, RoundDollars, ...).
//
// [money]: https://pkg.go.dev/github.com/anthropic-admin/anthropic-admin-go/wrapper/money
type Cents = money.Cents
