package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// TestCompletionInShells runs the completion scripts in the shells
// themselves, against the built tool and its fake helper: bash (with the
// bash-completion package, which the script needs) through its completion
// function, fish through `complete -C`, and zsh interactively in a tmux
// pane, typing Tab. Each shell must complete a command name, the values
// of an enum flag and, with --fake on the line, IDs from the API. A shell
// (or tmux, or bash-completion) that is not installed skips its case;
// PowerShell is not tested here (no pwsh on Debian).
func TestCompletionInShells(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries and runs shells")
	}
	dir := buildTool(t)
	// The shells find the tool and its helper on PATH; no key is set, so
	// only --fake completes IDs.
	env := []string{"PATH=" + dir + ":/usr/local/bin:/usr/bin:/bin", "HOME=" + t.TempDir(), "TERM=xterm", "LANG=C.UTF-8"}
	roles := values(admin.OrganizationRoleValues())

	// check compares one completion with what the tool must offer.
	check := func(t *testing.T, line string, got []string, want func([]string) bool) {
		t.Helper()
		if !want(got) {
			t.Errorf("%s<Tab>: %q", line, got)
		}
	}
	commands := func(got []string) bool { return slices.Equal(got, []string{"usage", "users"}) }
	roleValues := func(got []string) bool { return slices.Equal(got, roles) }
	workspaceIDs := func(got []string) bool {
		return len(got) == 4 && !slices.ContainsFunc(got, func(s string) bool { return !strings.HasPrefix(s, "wrkspc_") })
	}

	t.Run("bash", func(t *testing.T) {
		const bashCompletion = "/usr/share/bash-completion/bash_completion"
		if _, err := exec.LookPath("bash"); err != nil {
			t.Skip("no bash")
		}
		if _, err := os.Stat(bashCompletion); err != nil {
			t.Skip("no bash-completion package (" + bashCompletion + ")")
		}
		// comp sets the variables bash sets for a completion function,
		// calls the script's, and prints its replies, one per line.
		// compopt, which only works within a real completion, is a no-op.
		script := `source ` + bashCompletion + `
source <(anthropic-admin completion bash)
compopt() { :; }
comp() {
	COMP_LINE="$*" COMP_POINT=${#COMP_LINE} COMP_WORDS=("$@") COMP_CWORD=$(($# - 1)) COMPREPLY=()
	__start_anthropic-admin anthropic-admin
	printf '%s\n' "${COMPREPLY[@]}" ==
}
comp anthropic-admin us
comp anthropic-admin users list --role ""
comp anthropic-admin --fake workspaces get ""
`
		out := runShell(t, env, "bash", "--norc", "--noprofile", "-c", script)
		got := splitReplies(out, 3)
		check(t, "anthropic-admin us", got[0], commands)
		check(t, "anthropic-admin users list --role ", got[1], roleValues)
		check(t, "anthropic-admin --fake workspaces get ", got[2], workspaceIDs)
	})

	t.Run("fish", func(t *testing.T) {
		if _, err := exec.LookPath("fish"); err != nil {
			t.Skip("no fish")
		}
		// complete -C prints the candidates as fish would offer them,
		// "value<Tab>description".
		script := `anthropic-admin completion fish | source
complete -C'anthropic-admin us'; echo ==
complete -C'anthropic-admin users list --role '; echo ==
complete -C'anthropic-admin --fake workspaces get '; echo ==
`
		out := runShell(t, env, "fish", "--no-config", "-c", script)
		got := splitReplies(out, 3)
		for i := range got {
			for j, v := range got[i] {
				got[i][j], _, _ = strings.Cut(v, "\t")
			}
		}
		check(t, "anthropic-admin us", got[0], commands)
		check(t, "anthropic-admin users list --role ", got[1], roleValues)
		check(t, "anthropic-admin --fake workspaces get ", got[2], workspaceIDs)
	})

	t.Run("zsh", func(t *testing.T) {
		for _, tool := range []string{"zsh", "tmux"} {
			if _, err := exec.LookPath(tool); err != nil {
				t.Skip("no " + tool)
			}
		}
		p := startPane(t, env, "zsh", "-f")
		p.send("autoload -U compinit && compinit -u && source <(anthropic-admin completion zsh) && compdef _anthropic-admin anthropic-admin && echo READY", "Enter")
		p.waitFor("\nREADY")
		// The first Tab lists the candidates, or inserts their common
		// prefix (the IDs'), after which the second lists them.
		for _, c := range []struct {
			line   string
			prefix string
			want   []string
		}{
			{line: "anthropic-admin us", want: []string{"usage  -- The usage, cost and Claude Code reports.", "users  -- Members of the organization."}},
			{line: "anthropic-admin users list --role ", want: roles},
			{line: "anthropic-admin --fake workspaces get ", prefix: "get wrkspc_01", want: []string{"wrkspc_", "-- Production", "-- Staging", "-- Research", "-- Support Bots"}},
		} {
			p.send("C-u", "clear", "Enter")
			p.send(c.line, "Tab")
			if c.prefix != "" {
				p.waitFor(c.prefix)
				p.send("Tab")
			}
			p.waitFor(c.want...)
		}
	})
}

// runShell runs a shell command line with env and returns its standard
// output; the shell failing fails the test.
func runShell(t *testing.T, env []string, name string, args ...string) string {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Env = env
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("%s: %v\n%s%s", name, err, stdout.String(), stderr.String())
	}
	return stdout.String()
}

// splitReplies splits the output of n completions, each a list of lines
// ended by a line "==".
func splitReplies(out string, n int) [][]string {
	replies := make([][]string, n)
	i := 0
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case line == "==":
			i++
		case i < n && line != "":
			replies[i] = append(replies[i], line)
		}
	}
	return replies
}

// pane is an interactive shell in a tmux session of its own.
type pane struct {
	t      *testing.T
	socket string
}

// startPane starts name with args in a detached tmux session of 160
// columns on a private server, killed at the end of the test.
func startPane(t *testing.T, env []string, name string, args ...string) *pane {
	p := &pane{t: t, socket: filepath.Join(t.TempDir(), "tmux")}
	shell := append([]string{"env", "-i"}, env...)
	shell = append(shell, name)
	shell = append(shell, args...)
	p.tmux(append([]string{"new-session", "-d", "-s", "t", "-x", "160", "-y", "40"}, shell...)...)
	t.Cleanup(func() { exec.Command("tmux", "-S", p.socket, "kill-server").Run() })
	return p
}

// tmux runs a tmux command on the pane's server and returns its output.
func (p *pane) tmux(args ...string) string {
	p.t.Helper()
	out, err := exec.Command("tmux", append([]string{"-S", p.socket}, args...)...).CombinedOutput()
	if err != nil {
		p.t.Fatalf("tmux %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

// send types keys (tmux key names, or literal text) into the pane.
func (p *pane) send(keys ...string) {
	p.t.Helper()
	p.tmux(append([]string{"send-keys", "-t", "t"}, keys...)...)
}

// waitFor waits until the pane shows every one of want, failing the test
// with the pane's text when it has not within 10 seconds (a generous
// deadline for a shell to draw a completion, not a measurement).
func (p *pane) waitFor(want ...string) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		screen := p.tmux("capture-pane", "-p", "-t", "t")
		if !slices.ContainsFunc(want, func(w string) bool { return !strings.Contains(screen, w) }) {
			return
		}
		if time.Now().After(deadline) {
			p.t.Fatalf("the pane does not show %q:\n%s", want, screen)
		}
		time.Sleep(50 * time.Millisecond)
	}
}
