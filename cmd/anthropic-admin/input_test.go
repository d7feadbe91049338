package main

import (
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestEditDistance checks the optimal string alignment distance.
func TestEditDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"users", "users", 0},
		{"user", "users", 1},
		{"usres", "users", 1}, // a transposition is one edit
		{"uesr", "users", 2},
		{"lsit", "list", 1},
		{"invtes", "invites", 1},
		{"ca", "abc", 3}, // no part edited twice
		{"", "org", 3},
		{"田中", "田口", 1},
	} {
		if got := editDistance(tc.a, tc.b); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
		if got := editDistance(tc.b, tc.a); got != tc.want {
			t.Errorf("editDistance(%q, %q) = %d, want %d", tc.b, tc.a, got, tc.want)
		}
	}
}

// TestSuggest checks the suggestions for mistyped commands.
func TestSuggest(t *testing.T) {
	root := commands()
	for _, tc := range []struct {
		path []string
		name string
		want string
	}{
		{nil, "usres", "users"},
		{nil, "user", "users"},
		{nil, "Users", "users"},
		{nil, "work", "workspaces"},
		{nil, "apikeys", "api-keys"},
		{nil, "ratelimits", "rate-limits"},
		{nil, "hlep", "help"},
		{nil, "frobnicate", ""},
		{nil, "x", ""},
		{[]string{"users"}, "lsit", "list"},
		{[]string{"users"}, "remvoe", "remove"},
		{[]string{"workspaces", "members"}, "ad", "add"},
	} {
		c := root
		for _, p := range tc.path {
			c = c.sub(p)
		}
		var extra []string
		if tc.path == nil {
			extra = []string{"help"}
		}
		if got := c.suggest(tc.name, extra...); got != tc.want {
			t.Errorf("%v: suggest(%q) = %q, want %q", tc.path, tc.name, got, tc.want)
		}
	}
}

// TestUnknownCommand checks that an unknown command gets two short lines,
// with a suggestion when one is near, and exit status 2, not the help.
func TestUnknownCommand(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"usres", "list"}, "anthropic-admin: unknown command \"usres\"; did you mean 'users'?\nRun 'anthropic-admin --help' for the commands.\n"},
		{[]string{"users", "lsit"}, "anthropic-admin users: unknown command \"lsit\"; did you mean 'list'?\nRun 'anthropic-admin users --help' for the commands.\n"},
		{[]string{"--output", "json", "workspaces", "members", "remvoe"}, "anthropic-admin workspaces members: unknown command \"remvoe\"; did you mean 'remove'?\nRun 'anthropic-admin workspaces members --help' for the commands.\n"},
		{[]string{"frobnicate"}, "anthropic-admin: unknown command \"frobnicate\"\nRun 'anthropic-admin --help' for the commands.\n"},
		{[]string{"help", "users", "gte"}, "anthropic-admin users: unknown command \"gte\"; did you mean 'get'?\nRun 'anthropic-admin users --help' for the commands.\n"},
		{[]string{"\x1b[2Jx"}, "anthropic-admin: unknown command \"\\x1b[2Jx\"\nRun 'anthropic-admin --help' for the commands.\n"},
		// A mistyped flag gets the nearest flag, of the leaf or a global one.
		{[]string{"users", "list", "--rol", "admin"}, "anthropic-admin users list: unknown flag --rol; did you mean --role?\nUsage: anthropic-admin users list [flags]\nRun 'anthropic-admin users list --help' for its flags and examples.\n"},
		{[]string{"users", "get", "x", "--outptu", "json"}, "anthropic-admin users get: unknown flag --outptu; did you mean --output?\nUsage: anthropic-admin users get [flags] <user-id>\nRun 'anthropic-admin users get --help' for its flags and examples.\n"},
		{[]string{"--fkae", "users", "list"}, "anthropic-admin: unknown flag --fkae; did you mean --fake?\nRun 'anthropic-admin --help' for the commands and flags.\n"},
		{[]string{"users", "list", "--zzzzzz"}, "anthropic-admin users list: unknown flag --zzzzzz\nUsage: anthropic-admin users list [flags]\nRun 'anthropic-admin users list --help' for its flags and examples.\n"},
	} {
		r := runCLI(t, nil, invocation{args: tc.args})
		if r.code != 2 || r.stderr != tc.want || r.stdout != "" {
			t.Errorf("%q: exit %d, stderr\n%s\nwant exit 2 and\n%s", tc.args, r.code, r.stderr, tc.want)
		}
	}
}

// TestBadInput checks that a date range ending before it starts and an
// unknown role filter are usage errors (exit status 2) that say precisely
// what is wrong, before any request.
func TestBadInput(t *testing.T) {
	s := newFake(t)
	// The role filters accept the organization roles of package admin.
	roles := join(admin.OrganizationRoleValues(), ", ")
	for _, tc := range []struct {
		args []string
		op   admin.Operation // the operation that must not be called
		want []string        // in the first line of stderr
	}{
		{[]string{"usage", "cost", "--from", "2026-10-31", "--to", "2026-10-01"}, "getCostReport",
			[]string{"--to (2026-10-01T00:00:00Z) must be later than --from (2026-10-31T00:00:00Z)"}},
		{[]string{"usage", "messages", "--to", "2026-10-30T10:00:00Z", "--from", "2026-10-30T10:00:00Z"}, "getMessagesUsageReport",
			[]string{"--to (2026-10-30T10:00:00Z) must be later than --from (2026-10-30T10:00:00Z)"}},
		{[]string{"users", "list", "--role", "adm"}, "listUsers",
			[]string{`invalid value "adm" for --role: "adm" is not one of ` + roles}},
		{[]string{"invites", "list", "--role", "developer,Billing"}, "listInvites",
			[]string{`"Billing" is not one of ` + roles}},
	} {
		r := runCLI(t, s, invocation{args: tc.args})
		first, _, _ := strings.Cut(r.stderr, "\n")
		for _, w := range tc.want {
			if r.code != 2 || !strings.Contains(first, w) {
				t.Errorf("%q: exit %d, stderr %q; want 2 and %q", tc.args, r.code, first, w)
			}
		}
		if n := s.Calls(tc.op); n != 0 {
			t.Errorf("%q: %d calls to %s", tc.args, n, tc.op)
		}
	}
	// Every role is accepted.
	if r := runCLI(t, s, invocation{args: []string{"users", "list", "--role", join(admin.OrganizationRoleValues(), ",")}}); r.code != 0 {
		t.Errorf("all roles: exit %d: %s", r.code, r.stderr)
	}
}
