package admin

import (
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"runtime"
	"strings"
	"sync/atomic"
	"time"

	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// Version is the version of this module, sent in the User-Agent header.
const Version = "0.1.0"

// The API versions a client can speak, sent in the anthropic-version
// header. They differ in how the Admin API key is sent: in x-api-key under
// 2023-06-01, as Authorization: Bearer under 2026-10-21 (as the v2 SDKs
// do). Both versions remain valid.
const (
	APIVersion20230601 = "2023-06-01"
	APIVersion20261021 = "2026-10-21"
)

// DefaultAPIVersion is the API version a client speaks unless
// [WithAPIVersion] says otherwise.
const DefaultAPIVersion = APIVersion20230601

// DefaultBaseURL is the base URL of the Anthropic API.
const DefaultBaseURL = "https://api.anthropic.com"

// DefaultMaxRetries is how often a failed request is retried unless
// [WithMaxRetries] says otherwise.
const DefaultMaxRetries = 2

// config is the immutable configuration shared by a Client's services.
type config struct {
	// The keys live only inside these closures: fmt prints a func as an
	// address, so no verb can show a key, even through %v of a service.
	editors     map[credential]gen.RequestEditorFn // one per credential the client holds
	scrubWith   func(token string) scrubber        // scrub plus an OAuth token
	lastToken   atomic.Pointer[string]             // the OAuth access token last sent
	tokenSource oauth2.TokenSource
	apiVersion  string
	scrub       scrubber // removes the keys from error text

	apiKey           string // only during NewClient; cleared before it returns
	complianceKey    string // likewise
	complianceXAPI   bool   // send the Compliance key in x-api-key rather than as a Bearer token
	baseURL          string
	host             string // the base URL's host: credentials go nowhere else
	userAgent        string
	maxRetries       int
	backoffBase      time.Duration
	backoffMax       time.Duration
	httpClient       *http.Client
	logger           *slog.Logger
	maxResponseBytes int64
	raw              *gen.Client
}

// An Option configures a [Client] in [NewClient].
type Option func(*config) error

// WithBaseURL sets the base URL of the API, such as the URL of an
// [admintest] server; the default is [DefaultBaseURL]. It must be an
// absolute http or https URL; a path in it prefixes every request path.
//
// [admintest]: https://pkg.go.dev/github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest
func WithBaseURL(u string) Option {
	return func(c *config) error {
		parsed, err := url.Parse(u)
		if err != nil {
			return fmt.Errorf("base URL: %w", err)
		}
		if (parsed.Scheme != "http" && parsed.Scheme != "https") || parsed.Host == "" {
			return fmt.Errorf("base URL %q: want an absolute http or https URL", u)
		}
		if parsed.RawQuery != "" || parsed.Fragment != "" {
			return fmt.Errorf("base URL %q: must not have a query or fragment", u)
		}
		c.baseURL = strings.TrimSuffix(parsed.String(), "/")
		return nil
	}
}

// DefaultResponseHeaderTimeout is how long the default HTTP client waits
// for a response's headers after sending a request.
const DefaultResponseHeaderTimeout = 30 * time.Second

// DefaultTimeout is the default HTTP client's limit on one attempt,
// from dialing to reading the whole body.
const DefaultTimeout = 2 * time.Minute

// WithHTTPClient sets the HTTP client used for every request; the default
// is an [http.Client] with a timeout of [DefaultTimeout] per attempt over
// a copy of [http.DefaultTransport] that waits at most
// [DefaultResponseHeaderTimeout] for response headers.
//
// The client never follows redirects, whatever hc says: the request is
// made with a shallow copy of hc whose CheckRedirect returns the redirect
// to the caller as an error (see the package documentation). hc itself is
// never modified.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *config) error {
		if hc == nil {
			return errors.New("HTTP client is nil")
		}
		c.httpClient = hc
		return nil
	}
}

// WithMaxResponseBytes sets the largest 2xx response body the client
// reads; the default is [DefaultMaxResponseBytes]. A larger body fails the
// call with an [*Error] matching [ErrUnexpectedResponse] instead of
// exhausting memory.
func WithMaxResponseBytes(n int64) Option {
	return func(c *config) error {
		if n <= 0 {
			return fmt.Errorf("max response bytes %d: must be positive", n)
		}
		c.maxResponseBytes = n
		return nil
	}
}

// WithUserAgent appends suffix, such as "my-provisioner/1.2", to the
// User-Agent header "anthropic-admin-go/<version> Go/<go version>".
func WithUserAgent(suffix string) Option {
	return func(c *config) error {
		if strings.ContainsAny(suffix, "\r\n") {
			return errors.New("user agent suffix must not contain a line break")
		}
		if suffix = strings.TrimSpace(suffix); suffix != "" {
			c.userAgent += " " + suffix
		}
		return nil
	}
}

// WithMaxRetries sets how often a failed request is retried (0 disables
// retries); the default is [DefaultMaxRetries]. See the package
// documentation for what is retried.
func WithMaxRetries(n int) Option {
	return func(c *config) error {
		if n < 0 {
			return fmt.Errorf("max retries %d: must not be negative", n)
		}
		c.maxRetries = n
		return nil
	}
}

// WithRetryBackoff sets the backoff between retries when the server gives
// no Retry-After: the wait before retry n is a random duration between
// zero and min(max, base×2ⁿ). The defaults are 500ms and 8s.
func WithRetryBackoff(base, max time.Duration) Option {
	return func(c *config) error {
		if base <= 0 || max < base {
			return fmt.Errorf("retry backoff %v..%v: want 0 < base <= max", base, max)
		}
		c.backoffBase, c.backoffMax = base, max
		return nil
	}
}

// WithLogger sets a logger that receives one debug record per request
// attempt and one info record per retry. Records never contain a key. The
// default logs nothing.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		c.logger = l
		return nil
	}
}

// WithComplianceKey sets the Compliance Access Key, sent as a Bearer token
// to the operations of the Compliance API. Each operation is sent one
// credential it accepts (see the package documentation), so the Admin API
// key never goes to the Compliance API and the Compliance key never to
// the Admin API.
func WithComplianceKey(key string) Option {
	return func(c *config) error {
		if err := checkKey(key); err != nil {
			return fmt.Errorf("compliance key: %w", err)
		}
		c.complianceKey = key
		return nil
	}
}

// WithComplianceKeyInXAPIKey makes the client send the Compliance Access
// Key in the x-api-key header, the header the Compliance API reference
// lists (and that was verified live), instead of Authorization: Bearer,
// the form of its curl examples and the default. The service accepts both.
func WithComplianceKeyInXAPIKey() Option {
	return func(c *config) error {
		c.complianceXAPI = true
		return nil
	}
}

// WithTokenSource sets where the client takes org:admin OAuth access tokens
// from, for the operations that accept only them (service accounts,
// workload identity federation). The client asks ts for a token on every
// request, so a source that refreshes expiring tokens, such as
// oauth2.ReuseTokenSource over a refreshing source, keeps long runs
// working; a source's error fails the call without a retry.
func WithTokenSource(ts oauth2.TokenSource) Option {
	return func(c *config) error {
		if ts == nil {
			return errors.New("token source is nil")
		}
		c.tokenSource = ts
		return nil
	}
}

// WithAPIVersion sets the API version the client speaks:
// [APIVersion20230601] (the default) or [APIVersion20261021].
func WithAPIVersion(v string) Option {
	return func(c *config) error {
		if v != APIVersion20230601 && v != APIVersion20261021 {
			return fmt.Errorf("API version %q: want %q or %q", v, APIVersion20230601, APIVersion20261021)
		}
		c.apiVersion = v
		return nil
	}
}

// checkKey accepts a key of printable ASCII without spaces; anything else
// is a copy-and-paste accident (a trailing newline, a no-break space) that
// would otherwise reach the server, or a log, in a header.
func checkKey(key string) error {
	if key == "" {
		return errors.New("empty")
	}
	for i := 0; i < len(key); i++ {
		switch c := key[i]; {
		case c == ' ' || c == '\t' || c == '\r' || c == '\n':
			return errors.New("contains white space")
		case c < 0x20 || c == 0x7f:
			return fmt.Errorf("contains the control character %#02x at byte %d", c, i)
		case c >= 0x80:
			return fmt.Errorf("contains a non-ASCII byte at byte %d (a copied no-break space or quote?)", i)
		}
	}
	return nil
}

// NewClient returns a Client that authenticates with the Admin API key
// apiKey and the credentials its options give. It fails if an option is
// invalid, or if it is given no credential at all: a client may pass an
// empty Admin key when it has a Compliance key ([WithComplianceKey]) or an
// OAuth token source ([WithTokenSource]); a call that needs a credential
// the client lacks then fails with [ErrMissingCredential] before anything
// is sent.
func NewClient(apiKey string, opts ...Option) (*Client, error) {
	if apiKey != "" {
		if err := checkKey(apiKey); err != nil {
			return nil, fmt.Errorf("admin: API key: %w", err)
		}
	}
	cfg := &config{
		apiKey:      apiKey,
		baseURL:     DefaultBaseURL,
		userAgent:   "anthropic-admin-go/" + Version + " Go/" + runtime.Version(),
		maxRetries:  DefaultMaxRetries,
		backoffBase: 500 * time.Millisecond,
		backoffMax:  8 * time.Second,

		maxResponseBytes: DefaultMaxResponseBytes,
		apiVersion:       DefaultAPIVersion,
	}
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(cfg); err != nil {
			return nil, fmt.Errorf("admin: %w", err)
		}
	}
	if cfg.apiKey == "" && cfg.complianceKey == "" && cfg.tokenSource == nil {
		return nil, errors.New("admin: no credential: pass an Admin API key, or give a Compliance key (WithComplianceKey) or an OAuth token source (WithTokenSource)")
	}
	if cfg.httpClient == nil {
		transport := http.DefaultTransport.(*http.Transport).Clone()
		transport.ResponseHeaderTimeout = DefaultResponseHeaderTimeout
		cfg.httpClient = &http.Client{Transport: transport, Timeout: DefaultTimeout}
	} else {
		hc := *cfg.httpClient
		cfg.httpClient = &hc
	}
	cfg.httpClient.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	base, err := url.Parse(cfg.baseURL)
	if err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	cfg.host = base.Host
	raw, err := gen.NewClient(cfg.baseURL, gen.WithHTTPClient(cfg.httpClient))
	if err != nil {
		return nil, fmt.Errorf("admin: %w", err)
	}
	cfg.raw = raw
	cfg.setKeys(cfg.apiKey, cfg.complianceKey)
	cfg.apiKey, cfg.complianceKey = "", ""
	return newServices(cfg), nil
}

// BaseURL returns the base URL the client sends requests to, with the
// password of any userinfo replaced by "xxxxx" (see [url.URL.Redacted]).
func (c *Client) BaseURL() string { return redactURL(c.cfg.baseURL) }

// Format prints the client's base URL, API version and which credentials
// it holds, never the keys or tokens themselves, whatever the verb.
func (c *Client) Format(f fmt.State, verb rune) {
	if c == nil || c.cfg == nil {
		fmt.Fprint(f, "admin.Client(nil)")
		return
	}
	fmt.Fprintf(f, "admin.Client{BaseURL: %q, APIVersion: %q, APIKey: %t, ComplianceKey: %t, TokenSource: %t}", c.BaseURL(), c.cfg.apiVersion,
		c.cfg.editors[credAdminKey] != nil, c.cfg.editors[credComplianceKey] != nil, c.cfg.editors[credOAuth] != nil)
}
