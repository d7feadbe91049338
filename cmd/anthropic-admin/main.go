// Command anthropic-admin is a command line tool for organization admins
// of the Anthropic Admin API: members, invites, workspaces and their
// members, API keys, rate limits, the usage, cost and Claude Code reports,
// and the Compliance API's user listing.
//
// It reads the Admin API key from ANTHROPIC_ADMIN_KEY (the Compliance key
// from ANTHROPIC_COMPLIANCE_KEY, and the org:admin OAuth access token that
// service accounts need from ANTHROPIC_ADMIN_OAUTH_TOKEN) and never prints
// any. With --fake every command runs against a local fake of the API
// seeded with demo data, with its own keys and tokens, served by the
// helper binary anthropic-admin-fake (see fakemode.go):
//
//	anthropic-admin --fake users list
//
// The keys go to https://api.anthropic.com, or to the base URL of
// --base-url or ANTHROPIC_ADMIN_BASE_URL: the tool's own variable, for
// ANTHROPIC_BASE_URL is set for the Messages API, often to a gateway that
// has no business seeing an Admin key, and is never read. A base URL must be
// https, or http to a loopback address (127.0.0.0/8, ::1, localhost);
// others are refused with exit status 2 before anything is sent.
//
// What the server returns is shown, not obeyed: in tables, CSV, the
// confirmation questions and error lines, control characters (ESC, BEL,
// NUL, C1), bidirectional overrides and isolates and invalid UTF-8 are
// printed as visible escapes such as \x1b or \u202e (see safeText); JSON
// output keeps the exact values. CSV cells that a spreadsheet would run as
// formulas (starting with =, +, -, @, tab or CR, plain numbers excepted)
// get a leading ' unless --csv-formulas is given (see csvCell). On a
// terminal, table cells are cut with an ellipsis to fit its width, IDs
// last; piped output keeps full values.
//
// Ctrl-C at a confirmation question or while a command runs exits at once
// with status 130 and "interrupted"; an interrupted question sends nothing.
//
// Run "anthropic-admin --help" for the commands.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/signal"
	"strings"
	"time"

	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/workflow"
)

// progName is the name the help shows.
const progName = "anthropic-admin"

// Environment variables the tool reads.
const (
	envAdminKey      = "ANTHROPIC_ADMIN_KEY"
	envComplianceKey = "ANTHROPIC_COMPLIANCE_KEY"
	// envOAuthToken is an OAuth access token with the org:admin scope,
	// the only credential the service account commands accept.
	envOAuthToken = "ANTHROPIC_ADMIN_OAUTH_TOKEN"
	// envBaseURL is the tool's own base URL variable. It is not
	// ANTHROPIC_BASE_URL, which inference gateways and proxies set for the
	// Messages API: the Admin key must not follow it there.
	envBaseURL = "ANTHROPIC_ADMIN_BASE_URL"
	// envAPIVersion selects the API version when --api-version is not
	// given.
	envAPIVersion = "ANTHROPIC_ADMIN_API_VERSION"
)

// rootNotes ends the top-level help.
const rootNotes = `
Environment:
  ANTHROPIC_ADMIN_KEY       the Admin API key (sk-ant-admin...)
  ANTHROPIC_COMPLIANCE_KEY  the Compliance Access Key (the compliance commands)
  ANTHROPIC_ADMIN_OAUTH_TOKEN
                            an OAuth access token with the org:admin scope
                            (ant auth login --scope org:admin), the only
                            credential of service-accounts, workspaces
                            service-accounts and federation; it expires, so
                            set a fresh one
  ANTHROPIC_ADMIN_BASE_URL  the API base URL when --base-url is not given; the
                            Messages API's ANTHROPIC_BASE_URL is never used
  ANTHROPIC_ADMIN_API_VERSION  the API version when --api-version is not given
  ANTHROPIC_ADMIN_KEY_COMMAND, ANTHROPIC_COMPLIANCE_KEY_COMMAND,
  ANTHROPIC_ADMIN_OAUTH_TOKEN_COMMAND
                            a command printing the credential, such as
                            'op read op://vault/anthropic/admin-key', run
                            by $SHELL -c when the variable above is empty
                            and the command needs it; its stdout less one
                            newline is the credential; a failure is exit 2
Keys are sent over https, or over plain http to a loopback address only
(127.0.0.0/8, ::1, localhost): other http URLs are refused (exit status 2).

Output: control characters, bidirectional overrides and invalid UTF-8 in
what the server sends (names, emails, errors) are shown escaped, as \x1b
or \u202e, in tables, CSV, questions and errors; -o json keeps exact
values. CSV cells starting with =, +, -, @, tab or CR, plain numbers
excepted, get a leading ' (spreadsheets then show them as text rather than
run them) unless --csv-formulas is given. On a terminal, tables are cut
with "…" to fit its width; piped or redirected output is complete.
-o jsonl prints one JSON value a line; -o yaml quotes every string.
--jq runs a jq expression (gojq, in process) over what -o json prints
and prints each result as a JSON line; --columns a,b picks table and CSV
columns by header name.

Exit status: 0 on success, 1 when the API or the network fails (or a
confirmation is declined), 2 for usage errors and refused confirmations,
130 when interrupted (Ctrl-C), at a question (nothing is sent) or while
a command runs.
Run 'anthropic-admin <command> --help' for a command's flags.
`

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	code := run(ctx, os.Args[1:], os.Getenv, os.Stdin, os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// globals are the flags every command accepts, before or after its name.
type globals struct {
	output  string
	fake    bool
	baseURL string
	// apiVersion is --api-version; empty means $ANTHROPIC_ADMIN_API_VERSION
	// or the library's default.
	apiVersion string
	yes        bool
	// version is --version: print the version and exit.
	version bool
	debug   bool
	// csvFormulas turns off the neutralisation of CSV cells that
	// spreadsheets would evaluate (see csvCell).
	csvFormulas bool
	// unit is --unit, the unit of amounts: dollars or cents.
	unit string
	// jq and columns are --jq and --columns (see output.go).
	jq, columns string
}

// register adds the global flags to fs, keeping the values already parsed.
func (g *globals) register(fs *flag.FlagSet) {
	if g.output == "" {
		g.output = "table"
	}
	fs.Var(oneOf(&g.output, outputFormats...), "output", "output `format`: table, json (lists as one JSON array), jsonl (one JSON value a line), yaml or csv")
	fs.Var(oneOf(&g.output, outputFormats...), "o", "shorthand for --output")
	fs.StringVar(&g.jq, "jq", g.jq, "print the results of a jq `expression` over the JSON output, one JSON value a line")
	fs.StringVar(&g.columns, "columns", g.columns, "the table or CSV `columns` to print, in order, by header name (comma-separated)")
	fs.BoolVar(&g.fake, "fake", g.fake, "run against a local fake API seeded with demo data (no key needed; needs the helper anthropic-admin-fake)")
	fs.StringVar(&g.baseURL, "base-url", g.baseURL, "API base `URL`: https, or http to loopback only (default $"+envBaseURL+" or https://api.anthropic.com)")
	fs.StringVar(&g.apiVersion, "api-version", g.apiVersion, "API `version`: "+admin.APIVersion20230601+" (the Admin key in x-api-key) or "+admin.APIVersion20261021+" (as a Bearer token) (default $"+envAPIVersion+" or "+admin.DefaultAPIVersion+")")
	fs.BoolVar(&g.version, "version", g.version, "print the version, commit, Go version and API versions, and exit")
	fs.BoolVar(&g.yes, "yes", g.yes, "do not ask for confirmation")
	fs.BoolVar(&g.yes, "y", g.yes, "shorthand for --yes")
	fs.BoolVar(&g.debug, "debug", g.debug, "log every request attempt to stderr (never the key)")
	if g.unit == "" {
		g.unit = unitDollars
	}
	fs.Var(oneOf(&g.unit, unitDollars, unitCents), "unit", "`unit` of amounts in tables and CSV: dollars (columns named *_usd) or cents (*_cents), exact either way")
	fs.BoolVar(&g.csvFormulas, "csv-formulas", g.csvFormulas, "write CSV cells starting with =, +, -, @, tab or CR unchanged (default: prefix ' so spreadsheets do not run them as formulas)")
}

// globalFlagSet returns a flag set holding only the global flags.
func globalFlagSet(g *globals) *flag.FlagSet {
	fs := newFlagSet(progName)
	g.register(fs)
	return fs
}

// isGlobalFlag reports whether name is a global flag.
func isGlobalFlag(name string) bool {
	return globalFlagSet(&globals{}).Lookup(name) != nil
}

// app is one run of the tool: its input and output, flags and client.
type app struct {
	getenv func(string) string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	g      globals
	path   string // the command, such as "users get"
	// width is the width of the terminal stdout is (zero when it is not
	// one): table rows are truncated to it.
	width int

	c *admin.Client
	// adminKey tells whether an Admin key is in use (the Compliance
	// command may run with only the Compliance key).
	adminKey bool
	// secrets are the keys in use, redacted from every error message.
	secrets []string
	// cli is the command tree of the run.
	cli *cli
	// dryRun is --dry-run of a destructive leaf: print what it would do
	// and send nothing.
	dryRun bool
	// now is the current time of the API: the fake's clock with --fake,
	// else nil for the system clock (see clock).
	now func() time.Time
}

// clock returns the current time of the API (see app.now), in UTC.
func (a *app) clock() time.Time {
	if a.now != nil {
		return a.now().UTC()
	}
	return time.Now().UTC()
}

// run runs the tool with args (without the program name) and returns the
// exit status. getenv reads the environment; the terminal decisions are
// taken from stdin and stderr (see isTerminal), the table width from stdout
// (see terminalWidth).
func run(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) int {
	a := &app{getenv: getenv, stdin: stdin, stdout: stdout, stderr: stderr, width: terminalWidth(stdout)}
	a.cli = newCLI(ctx, a, commands())
	return a.cli.execute(ctx, args)
}

// exitInterrupted is the exit status after an interrupt (Ctrl-C): 128 plus
// the number of SIGINT, as shells report a process killed by it.
const exitInterrupted = 130

// interrupted reports whether ctx, the context of main, was cancelled:
// the user pressed Ctrl-C (or the process got SIGINT). Whatever error a
// command then returns (a cancelled request, an unanswered question), the
// cause is the interrupt.
func interrupted(ctx context.Context) bool {
	return errors.Is(ctx.Err(), context.Canceled)
}

// exec runs a leaf: client (so that a missing key fails before any
// question), confirmation, runner.
func (a *app) exec(ctx context.Context, c *command, args []string, runner runFunc) error {
	if c.do.local {
		return runner(ctx, a, args)
	}
	if a.dryRun {
		return a.dryRunExec(ctx, c, args, runner)
	}
	stop, err := a.connect(ctx, c)
	if err != nil {
		return err
	}
	defer stop()
	if c.confirm != nil {
		if err := a.confirm(ctx, c.confirm, args); err != nil {
			return err
		}
	}
	return runner(ctx, a, args)
}

// connect creates the API client for the leaf c from the flags and the
// environment, or starts the fake for --fake. The client holds every
// credential given, and c's own must be there: the Compliance key for a
// compliance leaf, the OAuth token for an oauth one, the Admin key for the
// others. stop releases what it holds.
func (a *app) connect(ctx context.Context, c *command) (func(), error) {
	a.secrets = nil
	adminKey, complianceKey, tok, err := a.credentials(ctx, c) // see secrets.go
	if err != nil {
		return nil, err
	}
	var tokens oauth2.TokenSource
	if tok != "" {
		tokens = oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok, TokenType: "Bearer"})
		a.secrets = append(a.secrets, tok)
	}
	baseURL := a.baseURL()
	stop := func() {}
	if a.g.fake {
		if a.g.baseURL != "" {
			return nil, usageErrorf("--fake and --base-url exclude each other")
		}
		f, err := startFake(ctx, a.getenv)
		if err != nil {
			return nil, err
		}
		adminKey, complianceKey, tokens, baseURL, stop = f.adminKey, f.complianceKey, f.tokens, f.url, f.close
		a.now = f.now
	}
	if err := checkBaseURL(baseURL); err != nil {
		stop()
		return nil, err
	}
	for _, k := range []string{adminKey, complianceKey} {
		if k != "" {
			a.secrets = append(a.secrets, k)
		}
	}
	switch {
	case c.compliance && complianceKey == "":
		stop()
		return nil, &exitError{2, envComplianceKey + " is not set (or use --fake)"}
	case c.oauth && tokens == nil:
		stop()
		return nil, &exitError{2, envOAuthToken + " is not set: these commands need an OAuth access token with the org:admin scope, not the Admin key (or use --fake)"}
	case c.eitherKey && complianceKey == "" && adminKey == "":
		stop()
		return nil, &exitError{2, "neither " + envComplianceKey + " nor " + envAdminKey + " is set (or use --fake)"}
	case c.anyCredential && adminKey == "" && complianceKey == "" && tokens == nil:
		stop()
		return nil, &exitError{2, "no credential is set: set " + envAdminKey + ", " + envComplianceKey + " or " + envOAuthToken + " (or use --fake)"}
	case !c.compliance && !c.oauth && !c.eitherKey && !c.anyCredential && adminKey == "":
		stop()
		return nil, &exitError{2, envAdminKey + " is not set (or use --fake)"}
	}
	a.adminKey = adminKey != ""
	// The library's default timeouts, on a transport of our own so that
	// its idle connections can be closed at the end.
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = admin.DefaultResponseHeaderTimeout
	// RecordRequestIDs passes requests through; it lets workflow receipts
	// (users offboard) record the request ID of successful calls.
	var rt http.RoundTripper = workflow.RecordRequestIDs(tr)
	if a.dryRun {
		rt = dryRunTransport{} // sends nothing
	}
	opts := []admin.Option{
		admin.WithHTTPClient(&http.Client{Transport: rt, Timeout: admin.DefaultTimeout}),
		admin.WithUserAgent(progName + "/" + admin.Version),
	}
	if v := a.apiVersion(); v != "" {
		opts = append(opts, admin.WithAPIVersion(v))
	}
	if baseURL != "" {
		opts = append(opts, admin.WithBaseURL(baseURL))
	}
	if complianceKey != "" {
		opts = append(opts, admin.WithComplianceKey(complianceKey))
	}
	if tokens != nil {
		opts = append(opts, admin.WithTokenSource(tokens))
	}
	if a.g.debug {
		opts = append(opts, admin.WithLogger(slog.New(slog.NewTextHandler(a.stderr, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	}
	client, err := admin.NewClient(adminKey, opts...)
	if err != nil {
		stop()
		return nil, &exitError{2, a.redact(err.Error())}
	}
	a.c = client
	return func() { tr.CloseIdleConnections(); stop() }, nil
}

// apiVersion returns the API version to speak: --api-version, else
// ANTHROPIC_ADMIN_API_VERSION, else "" for the library's default.
func (a *app) apiVersion() string {
	if a.g.apiVersion != "" {
		return a.g.apiVersion
	}
	return a.getenv(envAPIVersion)
}

// baseURL returns the base URL of the API: --base-url, else
// ANTHROPIC_ADMIN_BASE_URL, else "" for the client's default
// (https://api.anthropic.com). ANTHROPIC_BASE_URL is never read.
func (a *app) baseURL() string {
	if a.g.baseURL != "" {
		return a.g.baseURL
	}
	return a.getenv(envBaseURL)
}

// checkBaseURL refuses, with exit status 2, a base URL the keys must not
// be sent to: plain http to anything but a loopback address (see
// isLoopback), where whoever is on the path could read them. https may go
// anywhere; "" is the default, https://api.anthropic.com. Other schemes
// are left to admin.WithBaseURL, which rejects them.
func checkBaseURL(raw string) error {
	if raw == "" {
		return nil
	}
	u, err := url.Parse(raw)
	if err != nil {
		return &exitError{2, "the base URL is not a valid URL"}
	}
	if !strings.EqualFold(u.Scheme, "http") || isLoopback(u.Hostname()) {
		return nil
	}
	return &exitError{2, fmt.Sprintf("refusing to send keys over plain http to %s: use https, or http only to a loopback address (127.0.0.0/8, ::1, localhost)", u.Host)}
}

// isLoopback reports whether host, the host name of a URL, is a loopback
// address: an IP address in 127.0.0.0/8 or ::1, or the name localhost.
// Other names are not looked up; a name is only trusted if it is
// localhost.
func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// report prints err as one line on stderr and returns the exit status.
// API errors name the command, the arguments (the IDs), the status, the
// error type and code, the workspace a failed create made (after
// workspace_created_incomplete) and the request ID. The line has its runs of white space
// collapsed, then goes through safeText: messages from the server cannot
// send control sequences to the terminal.
func (a *app) report(err error, args []string) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	var ae *admin.Error
	code := 1
	msg := err.Error()
	switch {
	case errors.As(err, &ee):
		code = ee.code
		if ee.msg == "" {
			return code // the command said why itself (fake serve's helper)
		}
	case errors.As(err, &ae):
		typ := ae.Type
		if typ == "" {
			typ = "error"
		}
		if ae.Code != "" {
			typ += " (" + string(ae.Code) + ")"
		}
		reqID := ae.RequestID
		if reqID == "" {
			reqID = "none"
		}
		msg = fmt.Sprintf("%d %s: %s", ae.StatusCode, typ, ae.Message)
		if id := ae.CreatedWorkspaceID(); id != "" {
			msg += fmt.Sprintf(" (workspace %s was created: do not create it again)", id)
		}
		msg += fmt.Sprintf(" (request-id %s)", reqID)
	}
	subject := strings.Join(append([]string{a.path}, args...), " ")
	line := fmt.Sprintf("%s %s: %s", progName, subject, msg)
	fmt.Fprintln(a.stderr, safeText(strings.Join(strings.Fields(a.redact(line)), " ")))
	return code
}

// redact removes the keys in use from s.
func (a *app) redact(s string) string {
	for _, k := range a.secrets {
		s = strings.ReplaceAll(s, k, "[redacted]")
	}
	return s
}
