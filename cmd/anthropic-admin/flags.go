package main

import (
	"flag"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"time"
)

// flagSpec declares a flag of a leaf. It is plain data: the flag sets the
// field called field of the leaf's parameters (a parameter or request
// struct of package admin, such as admin.ListUsersParams, or a struct of
// this package embedding one), and the kind of flag follows that field's
// type:
//
//   - string, or a string type such as admin.APIKeyStatus: one value,
//     one of values when values is set;
//   - a slice of those: a list, repeatable or comma-separated, each
//     value one of values when values is set;
//   - bool: a switch; int: a number;
//   - time.Time: a date (YYYY-MM-DD, UTC) or an RFC 3339 time;
//   - *string: an optional string of a request body, nil unless given;
//   - map[string]string: key=value pairs.
//
// The help of the flag is usage, followed by what the kind adds (the
// values, "(required)", the date formats); a word of usage in back quotes
// names the flag's argument, as in package flag.
type flagSpec struct {
	name  string
	field string
	usage string
	// values are the values the flag accepts, from package admin's list
	// of an enum (see values); nil accepts any.
	values []string
	// required makes leaving the flag out a usage error.
	required bool
	// after names another time flag that this one, a time flag too, must
	// be later than when both are given.
	after string
}

// bind registers s on fs, bound to its field of the struct params points
// to. It panics when that field does not exist or has a type no kind of
// flag fits: a mistake in a declaration, which every test that builds the
// leaf's flags (its help, for one) finds.
func (s flagSpec) bind(fs *flag.FlagSet, params any) {
	v := reflect.ValueOf(params).Elem().FieldByName(s.field)
	if !v.IsValid() {
		panic(fmt.Sprintf("flag --%s: %T has no field %s", s.name, params, s.field))
	}
	usage := s.usage
	if s.required {
		usage += " (required)"
	}
	switch p := v.Addr().Interface().(type) {
	case *string:
		if s.values == nil {
			fs.StringVar(p, s.name, "", usage)
			return
		}
	case *bool:
		fs.BoolVar(p, s.name, false, usage)
		return
	case *int:
		fs.IntVar(p, s.name, 0, usage)
		return
	case *time.Time:
		fs.Var(&timeValue{p}, s.name, usage+": a `date` (YYYY-MM-DD, UTC) or an RFC 3339 time")
		return
	case **string:
		fs.Var(&optString{p}, s.name, usage)
		return
	case *map[string]string:
		fs.Var(&tagsValue{p}, s.name, usage)
		return
	}
	switch {
	case v.Kind() == reflect.String:
		fs.Var(&enumValue{v, s.values}, s.name, usage+" ("+strings.Join(s.values, ", ")+")")
	case v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.String:
		if s.values != nil {
			usage += " (" + strings.Join(s.values, ", ") + ")"
		}
		fs.Var(&listValue{v, s.values}, s.name, usage+"; repeatable, or comma-separated")
	default:
		panic(fmt.Sprintf("flag --%s: no kind of flag sets %s %s of %T", s.name, s.field, v.Type(), params))
	}
}

// checkFlags checks what the declarations specs ask of the flags parsed
// into fs: that the required ones were given, and that a time flag is
// later than the one it must follow. The failures are usage errors.
func checkFlags(fs *flag.FlagSet, specs []flagSpec) error {
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	return checkSetFlags(fs, set, specs)
}

// checkSetFlags is checkFlags for flags parsed elsewhere (by cobra, into
// the values of fs): set holds the names of those given.
func checkSetFlags(fs *flag.FlagSet, set map[string]bool, specs []flagSpec) error {
	for _, s := range specs {
		if s.required && !set[s.name] {
			return usageErrorf("--%s is required", s.name)
		}
	}
	for _, s := range specs {
		if s.after == "" || !set[s.name] || !set[s.after] {
			continue
		}
		t, start := timeFlag(fs, s.name), timeFlag(fs, s.after)
		if !t.After(start) {
			return usageErrorf("--%s (%s) must be later than --%s (%s)", s.name, ts(t), s.after, ts(start))
		}
	}
	return nil
}

// timeFlag returns the value of the time flag called name of fs.
func timeFlag(fs *flag.FlagSet, name string) time.Time {
	return *fs.Lookup(name).Value.(*timeValue).p
}

// values returns the values of an enum of package admin, such as
// admin.OrganizationRoleValues(), as the strings flags accept.
func values[T ~string](v []T) []string {
	s := make([]string, len(v))
	for i, t := range v {
		s[i] = string(t)
	}
	return s
}

// enumValue is a flag.Value holding a string, or a value of a string
// type, that is one of allowed (any string when allowed is nil).
type enumValue struct {
	v       reflect.Value // settable, of a string kind
	allowed []string
}

// String implements flag.Value.
func (e *enumValue) String() string {
	if e == nil || !e.v.IsValid() {
		return ""
	}
	return e.v.String()
}

// Set implements flag.Value.
func (e *enumValue) Set(s string) error {
	if _, err := parseEnum(s, e.allowed); err != nil {
		return err
	}
	e.v.SetString(s)
	return nil
}

// oneOf returns the flag.Value of the string *p, which must be one of
// allowed.
func oneOf(p *string, allowed ...string) flag.Value {
	return &enumValue{reflect.ValueOf(p).Elem(), allowed}
}

// listValue is a flag.Value collecting values from repeated flags and
// comma-separated lists into a slice of a string type; allowed, when set,
// restricts them.
type listValue struct {
	v       reflect.Value // settable, a slice of a string kind
	allowed []string
}

// String implements flag.Value.
func (l *listValue) String() string {
	if l == nil || !l.v.IsValid() {
		return ""
	}
	s := make([]string, l.v.Len())
	for i := range s {
		s[i] = l.v.Index(i).String()
	}
	return strings.Join(s, ",")
}

// Set implements flag.Value.
func (l *listValue) Set(s string) error {
	for part := range strings.SplitSeq(s, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		if _, err := parseEnum(part, l.allowed); err != nil {
			return err
		}
		l.v.Set(reflect.Append(l.v, reflect.ValueOf(part).Convert(l.v.Type().Elem())))
	}
	return nil
}

// parseEnum returns s as a T when it is one of allowed, or when allowed
// is nil.
func parseEnum[T ~string](s string, allowed []T) (T, error) {
	if allowed != nil && !slices.Contains(allowed, T(s)) {
		return "", fmt.Errorf("%q is not one of %s", s, join(allowed, ", "))
	}
	return T(s), nil
}

// argEnum checks a positional argument against allowed, the values of an
// enum of package admin.
func argEnum[T ~string](what, s string, allowed []T) (T, error) {
	t, err := parseEnum(s, allowed)
	if err != nil {
		return t, usageErrorf("invalid %s: %v", what, err)
	}
	return t, nil
}

// join joins typed strings.
func join[T ~string](v []T, sep string) string {
	return strings.Join(values(v), sep)
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
