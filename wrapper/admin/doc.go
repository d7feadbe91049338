// Package admin is a client for the Anthropic Admin API: organization
// members, invites, workspaces, workspace members, API keys, rate limits,
// the usage, cost and Claude Code reports, service accounts, workload
// identity federation, RBAC, external keys, spend limits, and the
// Compliance API's user listing.
//
// Create a [Client] with an Admin API key and use its resource fields,
// go-github style:
//
//	client, err := admin.NewClient(adminKey)
//	if err != nil { ... }
//	user, err := client.Users.Get(ctx, "user_01WCz1FkmYMm4gnmykNKUu3Q")
//
// The package never reads environment variables: pass the key and every
// setting in. A Client is safe for concurrent use, and printing it never
// shows a key.
//
// # Models
//
// The models are type aliases of the types generated from the OpenAPI
// description in spec/ (package gen), so they always match the wire format.
// Each alias's documentation lists the model's fields, so that
// `go doc admin.Workspace` is enough to use it. Every enum has its
// constants here, a function listing its values (OrganizationRoleValues)
// and a Valid method.
//
// # Names
//
// Everything mechanical in this package is generated from the spec by
// wrappergen (models_gen.go and services_gen.go; see generate.go), under
// one naming rule:
//
//   - One service per resource, a field of [Client] named after it in the
//     plural: Users, Invites, Workspaces, WorkspaceMembers,
//     WorkspaceRateLimits, APIKeys, RateLimits, RBACRoles,
//     RBACRolePermissions, RBACGroups, RBACGroupMembers, ExternalKeys,
//     ComplianceSettings, ServiceAccounts, FederationIssuers,
//     FederationRules, FederationRuleWorkspaces, MessagesUsage, Cost,
//     ClaudeCodeUsage, ComplianceUsers, SpendLimits,
//     EffectiveSpendLimits, SpendLimitIncreaseRequests; its type adds
//     "Service". A membership seen from both sides has a service for each
//     (ServiceAccountWorkspaces, WorkspaceServiceAccounts).
//   - Methods are the operation's verb alone: Get, List, Create, Update,
//     Delete (the object is gone), Remove (a membership ends), Archive,
//     Add, SignOut, Set (an upsert), Approve, Deny. A method's path IDs
//     come first, in path order, then a pointer to its query parameters
//     (nil means none), then the request body.
//   - Every list has List (one page), Pages (page by page) and All (item
//     by item); nothing else lists.
//   - Query parameter structs are named after the operation (ListUsersParams,
//     GetCostReportParams) and hold plain values: the zero value of a field
//     leaves its parameter out.
//   - Go initialisms are upper case (APIKeyIDs, RBACGroupIDs); enum
//     constants are the type's name and the value's (UsageBucketWidthDay,
//     ContextWindowUpTo200K, WorkspaceGeoUS). Names are fixed in the spec
//     with x-go-name and x-enum-varnames, never in Go.
//   - Each operation has an [Operation] constant, Op plus its Go name
//     (OpGetUser), for tests and tools such as the fake's fault injection.
//
// # Pagination
//
// Every List method returns one page with the wire's fields: Data, HasMore,
// FirstID and LastID for the ID-cursor lists (users, invites, workspaces,
// workspace members, API keys), NextPage for the page-token lists (reports,
// rate limits, RBAC roles, groups and permissions, external keys, service
// accounts and their memberships, federation, spend limits, effective
// spend limits and increase requests, the Compliance API). Every
// All method returns an
// [iter.Seq2] that fetches pages lazily, only as the loop asks for more
// items, fetches nothing after the loop breaks, and yields at most one error,
// after which it stops. Every Pages method is the same at the page level:
// it yields whole pages with their cursor fields, for work done a batch at
// a time or progress shown per page. When the parameters set BeforeID, All
// and Pages page backwards. A report's All covers the whole requested time
// range, bucket by bucket.
//
// For "everything between A and B", use [CostService.Range] and
// [MessagesUsageService.Range]: they always send the range's end, ask for
// the largest pages the API allows, and check that the buckets tile the
// range (no gap, overlap or missing tail). [CostTotals] and [UsageTotals]
// sum what they yield into exact totals per group: amounts as [Cents],
// tokens as [Tokens], whose cache writes come from the nested
// cache_creation.
//
// # Credentials and API versions
//
// The spec says which credentials each operation accepts, and the client
// sends each operation one it holds: the Admin API key given to
// [NewClient] for the Admin API, the Compliance Access Key of
// [WithComplianceKey] for the Compliance API, and an org:admin OAuth
// access token from the [golang.org/x/oauth2.TokenSource] of
// [WithTokenSource] for the operations that accept only that (service
// accounts and workload identity federation). A key never goes to an
// operation that does not accept it. A call for which the client holds no
// acceptable credential fails before anything is sent with an error
// matching [ErrMissingCredential] that names the credential it needs.
// The token source is asked for a token on every request, so a refreshing
// source keeps long runs working; tokens are redacted from errors like
// keys.
//
// The Activity Feed ([ActivityExporter], ComplianceActivities) is the one
// Compliance API operation an Admin key may call (with the
// read:compliance_activities scope): the client sends the Compliance key
// when it has one, else the Admin key. The Compliance key goes as
// Authorization: Bearer, or in x-api-key with [WithComplianceKeyInXAPIKey];
// the service accepts both.
//
// The client speaks API version [APIVersion20230601] by default, which
// sends the Admin key in x-api-key; [WithAPIVersion]([APIVersion20261021])
// sends it as Authorization: Bearer, as the official v2 SDKs do.
//
// # Beta operations
//
// Some operations are in beta, such as [UsersService.SignOut]: the service
// refuses them without an anthropic-beta header naming the beta, and they
// may change. The spec names each one's header (x-admin-beta), the client
// sends it with every request of that operation and no other, and
// [Operation.Beta] returns it. Their documentation says so.
//
// # Downloads
//
// Operations whose response is a file's bytes rather than JSON, such as
// [ComplianceFilesService.Download], return a [Download]: the response
// body as an [io.ReadCloser] with its content type, length, Content-MD5
// and request ID. The client never reads it into memory: copy it where it
// goes and close it.
//
//	d, err := client.ComplianceFiles.Download(ctx, fileID)
//	if err != nil { ... } // an *admin.Error, as for every operation
//	defer d.Close()
//	_, err = io.Copy(out, d)
//
// [WithMaxResponseBytes] does not limit a download, which costs no memory;
// it limits [Download.ReadAll], which buffers one. The generator makes a
// Download of every operation whose 200 response is a binary string.
//
// # Errors
//
// Every response outside 2xx becomes an [*Error] carrying the status, the
// error type and message of the Anthropic error envelope, the request ID,
// the Retry-After delay and the start of the body. It is decoded leniently:
// an HTML page from a proxy, an empty body or an off-shape JSON body still
// yield an *Error with the status. Match classes of errors with [errors.Is]
// and the sentinels [ErrNotFound], [ErrRateLimited], [ErrPermission],
// [ErrAuthentication], [ErrInvalidRequest], [ErrConflict], [ErrServer] and
// [ErrOverloaded]; use [errors.As] for the details. Errors of the transport
// are wrapped with the operation, as in "admin: get user user_x: ...".
// Input is checked before anything is sent: an empty ID, or one that is
// "." or "..", is an error wrapping [ErrInvalidInput].
//
// Many errors also carry a machine-readable code (error.details.error_code)
// that names the cause more finely than the type: Error.Code is an
// [ErrorCode], with a constant for every code the official SDKs know
// (generated from the spec), such as [ErrorCodeInviteAlreadyExists],
// [ErrorCodeAlreadyMember] or [ErrorCodeCannotRemoveLastMember]. Switch on
// it rather than on the message:
//
//	var e *admin.Error
//	if errors.As(err, &e) {
//		switch e.Code {
//		case admin.ErrorCodeInviteAlreadyExists, admin.ErrorCodeAlreadyMember:
//			// nothing to do
//		case admin.ErrorCodeOrgMemberLimitExceeded:
//			// buy seats
//		}
//	}
//
// The set is open: the service may send a code newer than this package,
// which Error.Code keeps as it is (Code.Valid() is false); treat it as the
// bare type. Error.Details holds the whole details object, whose other
// fields depend on the code, and Error.WorkspaceID the
// anthropic-workspace-id response header, when the service sends one.
// Three codes have a retry meaning (see Retries):
//
//   - [ErrorCodeConcurrentMembershipChange] (409): another change of the
//     organization's members was in progress and the request was refused;
//     it is retried, creates included.
//   - [ErrorCodeChangeOutcomeUnknown] (503): some of an update's changes
//     may have been saved and others not; sending the same update again
//     finishes it, so it is retried.
//   - [ErrorCodeWorkspaceCreatedIncomplete] (503): Workspaces.Create made
//     the workspace, but not all of what was asked took effect. The create
//     is never sent again; [Error.CreatedWorkspaceID] returns the ID of the
//     workspace that exists, which the error's text names too.
//
// Every string of an *Error that came from the server (the message, the
// type, the request ID, the body) has each run of 8 or more characters of
// a key the client holds replaced by "[redacted]", and the body is cut
// after redaction, never inside a key. Printing a client or an error never
// shows a key or the password of a base URL's userinfo. The strings are
// otherwise the server's: a program that shows them to a person should
// escape control characters first (the anthropic-admin command does).
//
// # A response is checked before it is trusted
//
// A success is only reported for a 2xx response whose body is the object
// the operation returns: a JSON object whose `type` discriminator is the
// expected one, with a non-empty `id` where the object has one, and a
// `data` list in every list or report page (each item checked too).
// Anything else, such as `{}`, `null`, an error envelope sent with status
// 200 or a workspace where a user was expected, is an *Error matching
// [ErrUnexpectedResponse] with the request ID and the start of the body.
//
// Redirects are never followed: a 3xx response is an *Error matching
// [ErrUnexpectedResponse] that names the status and the Location, so a
// redirected delete can never turn into a successful GET, and a key or a
// request body never reaches another host. This holds for an
// [http.Client] given with [WithHTTPClient] too: the client uses a copy of
// it with its own CheckRedirect. The request core also refuses to attach a
// key to a request for any host but the base URL's.
//
// A 2xx body is read up to [DefaultMaxResponseBytes] (64 MiB, about a
// hundred times the largest page the API returns; change it with
// [WithMaxResponseBytes]); a larger one fails with an *Error matching
// [ErrUnexpectedResponse] as soon as the limit is passed (at once when
// Content-Length says so), so a hostile or broken server cannot exhaust
// memory. An error body is read up to 64 KiB.
//
// Pagination always ends: a Pages or All iteration stops with an error
// matching [ErrUnexpectedResponse] when the server returns a cursor
// (last_id, first_id or next_page) it has returned before.
//
// # Timeouts
//
// The default HTTP client waits at most [DefaultResponseHeaderTimeout]
// (30 s) for a response's headers and [DefaultTimeout] (2 min) for a whole
// attempt. With the default two retries, one call that meets a server that
// never answers returns after at most 3 × 30 s plus the backoff between
// attempts (at most 0.5 s + 1 s), about 92 s; a server that sends headers
// and then stalls costs at most 3 × 2 min plus backoff. A Retry-After adds
// at most 1 min per retry (a longer one is returned to the caller at
// once). Give a context with a deadline to bound a call tighter; its
// expiry ends a wait at once, and the error then matches both
// [context.DeadlineExceeded] and the API error that caused the wait.
//
// # Retries
//
// A request that fails with status 429, 500, 502, 503, 504 or 529, or with
// the code [ErrorCodeConcurrentMembershipChange] or
// [ErrorCodeChangeOutcomeUnknown], or that fails to connect or to get an
// answer, is retried up to twice by default ([WithMaxRetries]), after an
// exponential backoff with full jitter, or after the delay the server gives
// in Retry-After (seconds or an HTTP date) when it gives one.
// Cancelling the context interrupts the wait. Other 4xx responses are never
// retried. The API's response header x-should-retry overrides the status:
// "false" always stops the retries, even for a code that would be retried
// (the header can only make the client more careful; the caller still
// gets the error with its code and decides), and "true" asks for a retry
// that the client makes for every operation but a create. Nothing makes
// the client re-send after [ErrorCodeWorkspaceCreatedIncomplete].
//
// Operations that create something (Invites.Create, Workspaces.Create,
// WorkspaceMembers.Add) are retried only when the server provably did not
// process the request: after a 429 or a concurrent_membership_change,
// or when the connection was never established. A 5xx (such as
// workspace_created_incomplete), a timeout, or a connection that ends
// after the request was written (EOF, reset) may mean the object was
// created, so the error is returned instead and the caller decides (list,
// then retry). Every other operation is idempotent: updates set
// absolute values, and a repeated delete, archive or sign-out changes
// nothing more.
//
// # Raw requests
//
// [Client.Do] sends a [RawRequest] to any path of the API, for an endpoint
// the client has no method for yet, through the pipeline of the methods:
// the credential of the operation whose method and path template (see
// [Operation.Route]) the request matches (else the Compliance key under
// /v1/compliance/ and the Admin key elsewhere), the same headers, retries
// (a POST that matches no operation is treated as a create), size limit
// and errors. Its path is always below the base URL: an absolute or
// scheme-relative URL is refused, so a credential never goes to another
// host.
package admin
