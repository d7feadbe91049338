package admintest

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/gen/server"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// Default credentials and organization of a Server. They are obviously
// fake; override them with [WithAdminKey], [WithComplianceKey] and
// [WithOrganization].
const (
	// DefaultAdminKey is the Admin API key a Server accepts by default.
	DefaultAdminKey = "sk-ant-admin01-fake-admintest-0000000000000000"
	// DefaultComplianceKey is the Compliance Access Key a Server accepts by
	// default.
	DefaultComplianceKey = "sk-ant-compliance01-fake-admintest-00000000000"
	// DefaultOrganizationID is the organization's UUID by default.
	DefaultOrganizationID = "00000000-0000-4000-8000-00000000fa4e"
	// DefaultOrganizationName is the organization's name by default.
	DefaultOrganizationName = "Fake Organization (admintest)"
)

// DefaultMaxBodyBytes is the largest request body a Server accepts unless
// [WithMaxBodyBytes] says otherwise; larger bodies get 413 request_too_large.
const DefaultMaxBodyBytes = 1 << 20

// Server is an in-memory fake of the Anthropic Admin API (and of the
// Compliance API's user listing) listening on a loopback address. Create it
// with [NewServer] and stop it with [Server.Close]. It is safe for
// concurrent use.
type Server struct {
	// URL is the base URL of the server, of the form http://127.0.0.1:port,
	// with no trailing slash. Pass it to a client as its base URL.
	URL string

	adminKey         string
	complianceKey    string
	org              gen.Organization
	maxBody          int64
	seats            int
	workspaceMembers int // the most members a workspace may have; 0 for no limit
	seed             uint64

	ids    *idGen // resource IDs
	reqIDs *idGen // request IDs (separate, so traffic never shifts resource IDs)
	fedIDs *idGen // federation IDs (separate, so federation data never shifts the other resources' IDs)
	dirIDs *idGen // IDs of the Compliance directory's child-organization groups (separate, likewise)
	clock  clock

	handler http.Handler // the whole pipeline
	api     http.Handler // the generated std-http handler
	routes  *router
	faults  faults
	tokens  tokens
	keys    keyring // the keys the server accepts, with their scopes
	actIDs  *idGen  // activity IDs (separate, so the activity log never shifts other IDs)
	latency atomic.Int64
	check   responseCheck // nil outside this package's tests

	actors       sync.Map     // actorKey -> encodedActor (activities.go)
	actorsCached atomic.Int64 // how many actors were stored in actors

	srv      *http.Server
	listener net.Listener
	serveErr chan error
	closed   sync.Once

	mu sync.RWMutex
	st *state
}

// api implements the generated strict server interface on a Server. It is
// a separate type so that the 29 handler methods stay out of Server's API.
type api struct{ *Server }

var _ server.StrictServerInterface = (*api)(nil)

// config collects the options of NewServer.
type config struct {
	seed             uint64
	adminKey         string
	complianceKey    string
	orgID            string
	orgName          string
	clock            func() time.Time
	listener         net.Listener
	maxBody          int64
	seats            int
	workspaceMembers int
	latency          time.Duration
	demo             bool
	check            responseCheck
}

// Option configures a Server created by [NewServer].
type Option func(*config)

// WithSeed sets the seed of the ID generator and of the demo data. The same
// seed and the same sequence of creations give the same IDs. The default
// seed is 1.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = uint64(seed) } }

// WithAdminKey sets the Admin API key the server accepts in x-api-key
// (default [DefaultAdminKey]).
func WithAdminKey(key string) Option { return func(c *config) { c.adminKey = key } }

// WithComplianceKey sets the Compliance Access Key the server accepts as a
// Bearer token on /v1/compliance/... paths (default [DefaultComplianceKey]).
func WithComplianceKey(key string) Option { return func(c *config) { c.complianceKey = key } }

// WithOrganization sets the organization's UUID and name (defaults
// [DefaultOrganizationID] and [DefaultOrganizationName]).
func WithOrganization(id, name string) Option {
	return func(c *config) { c.orgID, c.orgName = id, name }
}

// WithClock makes the server read the time from now instead of the system
// clock. [Server.SetNow] and [Server.Advance] override it.
func WithClock(now func() time.Time) Option { return func(c *config) { c.clock = now } }

// WithListener makes the server serve on l instead of a new listener on
// 127.0.0.1:0. The server closes l when it is closed.
func WithListener(l net.Listener) Option { return func(c *config) { c.listener = l } }

// WithMaxBodyBytes sets the largest request body accepted (default
// [DefaultMaxBodyBytes]).
func WithMaxBodyBytes(n int64) Option { return func(c *config) { c.maxBody = n } }

// WithSeatLimit caps the number of members plus pending invites. Creating an
// invite beyond it fails with 400 org_member_limit_exceeded, as the real
// service does when the plan has no free seat. Zero (the default) means no
// limit.
func WithSeatLimit(n int) Option { return func(c *config) { c.seats = n } }

// WithWorkspaceMemberLimit caps the number of members of each workspace.
// Adding a member beyond it (through the API or [Server.AddWorkspaceMember])
// fails with 400 workspace_member_limit_exceeded, as the real service does
// when a workspace is full. Zero (the default) means no limit.
func WithWorkspaceMemberLimit(n int) Option { return func(c *config) { c.workspaceMembers = n } }

// WithLatency delays every request by d before it is handled (see also
// [Server.SetLatency]).
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }

// WithDemoData seeds the server with a realistic organization: see
// [Server.SeedDemoData].
func WithDemoData() Option { return func(c *config) { c.demo = true } }

// NewServer starts a fake Admin API server on a loopback address (like
// net/http/httptest.NewServer) and returns it. The caller must call
// [Server.Close] when done. NewServer panics if it cannot listen, which
// only happens when the machine has no loopback interface.
func NewServer(opts ...Option) *Server {
	cfg := config{
		seed:          1,
		adminKey:      DefaultAdminKey,
		complianceKey: DefaultComplianceKey,
		orgID:         DefaultOrganizationID,
		orgName:       DefaultOrganizationName,
		maxBody:       DefaultMaxBodyBytes,
		check:         testResponseCheck,
	}
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	s := &Server{
		adminKey:         cfg.adminKey,
		complianceKey:    cfg.complianceKey,
		org:              gen.Organization{ID: cfg.orgID, Name: cfg.orgName, Type: gen.OrganizationTypeOrganization},
		maxBody:          cfg.maxBody,
		seats:            cfg.seats,
		workspaceMembers: cfg.workspaceMembers,
		seed:             cfg.seed,
		ids:              newIDGen(cfg.seed),
		reqIDs:           newIDGen(cfg.seed ^ 0x5eed),
		fedIDs:           newIDGen(cfg.seed ^ 0xfed),
		actIDs:           newIDGen(cfg.seed ^ 0xac7),
		dirIDs:           newIDGen(cfg.seed ^ 0xd12),
		check:            cfg.check,
	}
	s.keys.add(s.adminKey, &keyInfo{kind: credAdminKey, id: "apikey_01fakedefaultadminkey", scopes: map[string]bool{ScopeComplianceActivities: true, ScopeComplianceReviewRead: true, ScopeComplianceReviewWrite: true}})
	all := map[string]bool{}
	for _, sc := range complianceScopes {
		all[sc] = true
	}
	s.keys.add(s.complianceKey, &keyInfo{kind: credComplianceKey, id: "apikey_01fakedefaultcompliancekey", scopes: all})
	s.clock.base = cfg.clock
	s.latency.Store(int64(cfg.latency))
	s.st = newState()
	s.st.defaultWorkspaceID = s.addDefaultWorkspace()
	s.addBuiltInRoles()
	s.addParentOrg()
	s.buildHandler()
	if cfg.demo {
		if err := s.SeedDemoData(); err != nil {
			panic("admintest: seeding demo data: " + err.Error())
		}
	}

	l := cfg.listener
	if l == nil {
		var err error
		if l, err = net.Listen("tcp", "127.0.0.1:0"); err != nil {
			if l, err = net.Listen("tcp6", "[::1]:0"); err != nil {
				panic("admintest: failed to listen on a loopback port: " + err.Error())
			}
		}
	}
	s.listener = l
	s.URL = "http://" + l.Addr().String()
	s.srv = &http.Server{Handler: s.handler, ReadHeaderTimeout: 10 * time.Second}
	s.serveErr = make(chan error, 1)
	go func() { s.serveErr <- s.srv.Serve(l) }()
	return s
}

// Close shuts the server down, waiting up to five seconds for requests in
// flight to finish. It is safe to call more than once.
func (s *Server) Close() {
	s.closed.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		if err := s.srv.Shutdown(ctx); err != nil {
			_ = s.srv.Close()
		}
		<-s.serveErr // Serve returns once the listener is closed
	})
}

// Handler returns the server's HTTP handler, for serving the fake without
// its listener (httptest.NewRecorder, your own http.Server, a mux). The
// handler serves paths under /v1/ exactly as the listener does.
func (s *Server) Handler() http.Handler { return s.handler }

// AdminKey returns the Admin API key the server accepts. It carries the
// read:compliance_activities scope, so it may also read the Activity Feed.
func (s *Server) AdminKey() string { return s.adminKey }

// ComplianceKey returns the Compliance Access Key the server accepts. It
// carries every Compliance API scope; [Server.NewComplianceKey] mints keys
// with fewer.
func (s *Server) ComplianceKey() string { return s.complianceKey }

// OrganizationID returns the organization's UUID, the org_uuid of the
// Compliance API.
func (s *Server) OrganizationID() string { return s.org.ID }

// Organization returns the organization as GET /v1/organizations/me does.
func (s *Server) Organization() admin.Organization { return s.org }

// String describes the server without its keys.
func (s *Server) String() string { return fmt.Sprintf("admintest.Server(%s)", s.URL) }

// Client returns an [admin.Client] for the server: its base URL is the
// server's URL, it authenticates with the server's Admin key, its
// Compliance key and its [Server.TokenSource], and opts are applied after
// those (so they may override
// them, with [admin.WithMaxRetries] for example). Client panics if
// [admin.NewClient] fails, which only happens when opts are invalid.
func (s *Server) Client(opts ...admin.Option) *admin.Client {
	all := append([]admin.Option{admin.WithBaseURL(s.URL), admin.WithComplianceKey(s.complianceKey), admin.WithTokenSource(s.TokenSource())}, opts...)
	c, err := admin.NewClient(s.adminKey, all...)
	if err != nil {
		panic("admintest: Server.Client: " + err.Error())
	}
	return c
}
