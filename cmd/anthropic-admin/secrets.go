package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// Keys from a secret store. Each credential's variable has a _COMMAND
// twin naming a command that prints the credential, such as
//
//	ANTHROPIC_ADMIN_KEY_COMMAND='op read op://vault/anthropic/admin-key'
//
// It runs only when the credential's own variable is empty, and only for
// a credential the command may need (the Admin key for most commands, the
// Compliance key for compliance users, the OAuth token for the
// OAuth-only ones; api, whose path chooses, runs every command that is
// set). It runs through the user's shell ($SHELL -c, else /bin/sh -c),
// with stdin from /dev/null and the tool's stderr, so a password
// manager's prompts and errors show; its stdout, less one trailing
// newline, is the credential. The credential goes nowhere else: not into
// an argument list (ours or the command's), a file, or a log, and error
// messages never quote what the command printed. A command that fails,
// prints nothing or prints more than maxSecretBytes ends the run with exit
// status 2, like an unset variable, before anything is sent; the
// credential is then checked as any other (printable ASCII, no spaces).
const (
	envAdminKeyCommand      = envAdminKey + "_COMMAND"
	envComplianceKeyCommand = envComplianceKey + "_COMMAND"
	envOAuthTokenCommand    = envOAuthToken + "_COMMAND"
)

// maxSecretBytes is the most a credential command may print.
const maxSecretBytes = 64 << 10

// credentials returns the Admin key, the Compliance key and the OAuth
// token for the leaf c: each from its variable, else, when c may need it,
// from its command. With --fake no command runs: the fake's own
// credentials replace these.
func (a *app) credentials(ctx context.Context, c *command) (adminKey, complianceKey, token string, err error) {
	needs := map[string]bool{
		envAdminKey:      c.anyCredential || (!c.compliance && !c.oauth),
		envComplianceKey: c.anyCredential || c.compliance || c.eitherKey,
		envOAuthToken:    c.anyCredential || c.oauth,
	}
	get := func(env string) (string, error) {
		if v := a.getenv(env); v != "" || a.g.fake || !needs[env] {
			return v, nil
		}
		cmdline := a.getenv(env + "_COMMAND")
		if strings.TrimSpace(cmdline) == "" {
			return "", nil
		}
		return a.runSecretCommand(ctx, env+"_COMMAND", cmdline)
	}
	if adminKey, err = get(envAdminKey); err != nil {
		return
	}
	if complianceKey, err = get(envComplianceKey); err != nil {
		return
	}
	token, err = get(envOAuthToken)
	return
}

// runSecretCommand runs cmdline, the value of the variable env, through
// the user's shell and returns what it prints less one trailing newline.
func (a *app) runSecretCommand(ctx context.Context, env, cmdline string) (string, error) {
	shell := a.getenv("SHELL")
	if shell == "" {
		shell = "/bin/sh"
	}
	var out limitedBuffer
	cmd := exec.CommandContext(ctx, shell, "-c", cmdline)
	cmd.Stdout = &out
	cmd.Stderr = a.stderr
	if err := cmd.Run(); err != nil {
		if ctx.Err() != nil {
			return "", ctx.Err()
		}
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			return "", &exitError{2, fmt.Sprintf("%s failed (%v): no credential", env, ee.ProcessState)}
		}
		return "", &exitError{2, fmt.Sprintf("%s could not run: %v", env, err)}
	}
	if out.over {
		return "", &exitError{2, fmt.Sprintf("%s printed more than %d bytes: not a credential", env, maxSecretBytes)}
	}
	s := strings.TrimSuffix(out.String(), "\n")
	s = strings.TrimSuffix(s, "\r")
	if s == "" {
		return "", &exitError{2, env + " printed nothing: no credential"}
	}
	a.secrets = append(a.secrets, s)
	if err := checkToken(s); err != nil {
		return "", &exitError{2, fmt.Sprintf("%s printed a credential that %v", env, err)}
	}
	return s, nil
}

// checkToken refuses a credential that is not one line of printable ASCII
// without spaces (as package admin checks keys): such output is a
// command's message, not a credential.
func checkToken(s string) error {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c <= ' ' || c >= 0x7f {
			return fmt.Errorf("has a space, control or non-ASCII byte at byte %d", i)
		}
	}
	return nil
}

// limitedBuffer keeps the first maxSecretBytes bytes written to it and
// notes whether more came.
type limitedBuffer struct {
	bytes.Buffer
	over bool
}

// Write implements io.Writer; it never fails, so the command is not
// killed by a broken pipe.
func (b *limitedBuffer) Write(p []byte) (int, error) {
	if room := maxSecretBytes - b.Len(); len(p) > room {
		b.over = true
		b.Buffer.Write(p[:max(room, 0)])
		return len(p), nil
	}
	return b.Buffer.Write(p)
}
