package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// secretScript writes an executable shell script running body to a temp
// directory and returns its path; marker is a file the script creates
// when it runs.
func secretScript(t *testing.T, body string) (path, marker string) {
	t.Helper()
	dir := t.TempDir()
	marker = filepath.Join(dir, "ran")
	path = filepath.Join(dir, "secret.sh")
	script := "#!/bin/sh\ntouch '" + marker + "'\n" + body + "\n"
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	return path, marker
}

// ran reports whether the script with this marker ran.
func ran(marker string) bool {
	_, err := os.Stat(marker)
	return err == nil
}

// TestKeyCommands checks the _COMMAND variables against the fake: the
// credential a command prints (a fake key) is used, its stderr shows, it
// runs only when needed, and its failures end the run with exit 2 before
// anything is sent, without quoting what it printed.
func TestKeyCommands(t *testing.T) {
	s := newFake(t)
	token := s.IssueOAuthToken(time.Hour)

	adminCmd, adminRan := secretScript(t, "echo 'vault unlocked' >&2\nprintf '%s\\n' '"+testKey+"'")
	r := runCLI(t, s, invocation{args: []string{"users", "list"}, env: map[string]string{envAdminKey: "", envAdminKeyCommand: adminCmd}})
	if r.code != 0 || !strings.Contains(r.stdout, "ada.lovelace@example.com") || !strings.Contains(r.stderr, "vault unlocked") || !ran(adminRan) {
		t.Errorf("admin key command: %d %q %q", r.code, r.stdout, r.stderr)
	}

	// The variable wins: the command does not run. Nor does a command of
	// a credential the command does not need.
	unused, unusedRan := secretScript(t, "echo nope")
	r = runCLI(t, s, invocation{args: []string{"users", "list"}, env: map[string]string{envAdminKeyCommand: unused, envComplianceKey: "", envComplianceKeyCommand: unused, envOAuthToken: "", envOAuthTokenCommand: unused}})
	if r.code != 0 || ran(unusedRan) {
		t.Errorf("unneeded commands ran (%v) or failed: %d %s", ran(unusedRan), r.code, r.stderr)
	}

	// The Compliance key and the OAuth token, through the commands of
	// compliance users and service-accounts list; a token without its
	// trailing newline is fine too.
	complianceCmd, _ := secretScript(t, "echo '"+testComplianceKey+"'")
	r = runCLI(t, s, invocation{args: []string{"compliance", "users", "--org", s.OrganizationID()}, env: map[string]string{envComplianceKey: "", envComplianceKeyCommand: complianceCmd}})
	if r.code != 0 {
		t.Errorf("compliance key command: %d %s", r.code, r.stderr)
	}
	tokenCmd, _ := secretScript(t, "printf '%s' '"+token+"'")
	r = runCLI(t, s, invocation{args: []string{"service-accounts", "list"}, env: map[string]string{envOAuthToken: "", envOAuthTokenCommand: tokenCmd}})
	if r.code != 0 || strings.Contains(r.stdout+r.stderr, token) {
		t.Errorf("token command: %d %s", r.code, r.stderr)
	}
	// api runs the commands set, and the path picks the credential.
	r = runCLI(t, s, invocation{args: []string{"api", "GET", "/v1/organizations/service_accounts"}, env: map[string]string{envAdminKey: "", envOAuthToken: "", envOAuthTokenCommand: tokenCmd}})
	if r.code != 0 {
		t.Errorf("api with a token command: %d %s", r.code, r.stderr)
	}

	before := s.Calls(admin.OpListUsers)
	for _, tc := range []struct {
		name, body, want string
	}{
		{"fails", "echo 'op: not signed in' >&2; exit 3", "failed (exit status 3)"},
		{"prints nothing", "true", "printed nothing"},
		{"prints a message", "echo 'PRINTED-TEXT is not a key'", "a space"},
		{"prints two lines", "echo PRINTED-ONE; echo PRINTED-TWO", "control"},
	} {
		cmd, _ := secretScript(t, tc.body)
		r := runCLI(t, s, invocation{args: []string{"users", "list"}, env: map[string]string{envAdminKey: "", envAdminKeyCommand: cmd}})
		if r.code != 2 || !strings.Contains(r.stderr, envAdminKeyCommand) || !strings.Contains(r.stderr, tc.want) {
			t.Errorf("%s: exit %d %q, want 2 and %q", tc.name, r.code, r.stderr, tc.want)
		}
		if strings.Contains(r.stderr, "PRINTED") {
			t.Errorf("%s: the error quotes what the command printed: %q", tc.name, r.stderr)
		}
	}
	if n := s.Calls(admin.OpListUsers) - before; n != 0 {
		t.Errorf("%d requests sent after failed commands", n)
	}
	// --fake runs no command.
	r = runCLI(t, nil, invocation{args: []string{"--fake", "users", "list"}, env: map[string]string{envAdminKey: "", envAdminKeyCommand: unused}})
	if r.code != 0 || ran(unusedRan) {
		t.Errorf("--fake: %d, command ran: %v", r.code, ran(unusedRan))
	}
}
