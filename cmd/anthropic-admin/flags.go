package main

import (
	"flag"
	"fmt"
	"slices"
	"strings"
	"time"
)

// oneOf is a flag.Value holding one of a fixed set of strings.
type oneOf[T ~string] struct {
	p       *T
	allowed []T
}

// choice is the oneOf of plain strings, such as --output.
type choice = oneOf[string]

// String implements flag.Value.
func (v *oneOf[T]) String() string {
	if v == nil || v.p == nil {
		return ""
	}
	return string(*v.p)
}

// Set implements flag.Value.
func (v *oneOf[T]) Set(s string) error {
	t, err := parseEnum(s, v.allowed)
	if err != nil {
		return err
	}
	*v.p = t
	return nil
}

// listOf is a flag.Value collecting values from repeated flags and
// comma-separated lists; allowed, when set, restricts them.
type listOf[T ~string] struct {
	p       *[]T
	allowed []T
}

// String implements flag.Value.
func (v *listOf[T]) String() string {
	if v == nil || v.p == nil {
		return ""
	}
	s := make([]string, len(*v.p))
	for i, t := range *v.p {
		s[i] = string(t)
	}
	return strings.Join(s, ",")
}

// Set implements flag.Value.
func (v *listOf[T]) Set(s string) error {
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		t := T(part)
		if v.allowed != nil {
			var err error
			if t, err = parseEnum(part, v.allowed); err != nil {
				return err
			}
		}
		*v.p = append(*v.p, t)
	}
	return nil
}

// enumFlag registers a flag holding one of allowed.
func enumFlag[T ~string](fs *flag.FlagSet, p *T, name, usage string, allowed []T) {
	fs.Var(&oneOf[T]{p, allowed}, name, usage+" ("+join(allowed, ", ")+")")
}

// listFlag registers a repeatable, comma-separated list flag; allowed may
// be nil for free strings.
func listFlag[T ~string](fs *flag.FlagSet, p *[]T, name, usage string, allowed []T) {
	if allowed != nil {
		usage += " (" + join(allowed, ", ") + ")"
	}
	fs.Var(&listOf[T]{p, allowed}, name, usage+"; repeatable, or comma-separated")
}

// parseEnum returns s as a T when it is one of allowed.
func parseEnum[T ~string](s string, allowed []T) (T, error) {
	if !slices.Contains(allowed, T(s)) {
		return "", fmt.Errorf("%q is not one of %s", s, join(allowed, ", "))
	}
	return T(s), nil
}

// join joins typed strings.
func join[T ~string](v []T, sep string) string {
	s := make([]string, len(v))
	for i, t := range v {
		s[i] = string(t)
	}
	return strings.Join(s, sep)
}

// timeValue is a flag.Value holding a date (YYYY-MM-DD, UTC) or an RFC 3339
// time.
type timeValue struct{ p *time.Time }

// String implements flag.Value.
func (v *timeValue) String() string {
	if v == nil || v.p == nil || v.p.IsZero() {
		return ""
	}
	return v.p.Format(time.RFC3339)
}

// Set implements flag.Value.
func (v *timeValue) Set(s string) error {
	t, err := parseTime(s)
	if err != nil {
		return err
	}
	*v.p = t
	return nil
}

// parseTime parses a date (YYYY-MM-DD, UTC) or an RFC 3339 time.
func parseTime(s string) (time.Time, error) {
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is neither a date (2006-01-02) nor an RFC 3339 time", s)
	}
	return t, nil
}

// timeFlag registers a date or time flag.
func timeFlag(fs *flag.FlagSet, p *time.Time, name, usage string) {
	fs.Var(&timeValue{p}, name, usage+": a `date` (YYYY-MM-DD, UTC) or an RFC 3339 time")
}

// tagsValue is a flag.Value collecting key=value pairs.
type tagsValue struct{ m *map[string]string }

// String implements flag.Value.
func (v *tagsValue) String() string {
	if v == nil || v.m == nil || *v.m == nil {
		return ""
	}
	keys := make([]string, 0, len(*v.m))
	for k := range *v.m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for i, k := range keys {
		keys[i] = k + "=" + (*v.m)[k]
	}
	return strings.Join(keys, ",")
}

// Set implements flag.Value.
func (v *tagsValue) Set(s string) error {
	k, val, ok := strings.Cut(s, "=")
	if !ok || k == "" {
		return fmt.Errorf("%q is not key=value", s)
	}
	if *v.m == nil {
		*v.m = map[string]string{}
	}
	(*v.m)[k] = val
	return nil
}

// optString is a flag.Value that records whether it was set, for the
// optional fields of request bodies.
type optString struct{ p **string }

// String implements flag.Value.
func (v *optString) String() string {
	if v == nil || v.p == nil || *v.p == nil {
		return ""
	}
	return **v.p
}

// Set implements flag.Value.
func (v *optString) Set(s string) error {
	*v.p = &s
	return nil
}
