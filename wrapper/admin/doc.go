// Package admin is a client for the Anthropic Admin API: organization
// members, invites, workspaces, workspace members, API keys, rate limits,
// the usage, cost and Claude Code reports, and the Compliance API's user
// listing.
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
// description in spec/ (package gen), so they always match the wire format;
// their enum constants are re-exported here. Hand-written types are used only
// where the generated ones are awkward: the List parameters take plain values
// instead of pointers.
//
// # Pagination
//
// Every List method returns one page with the wire's fields: Data, HasMore,
// FirstID and LastID for the ID-cursor lists (users, invites, workspaces,
// workspace members, API keys), NextPage for the page-token lists (reports,
// rate limits, the Compliance API). Every All method returns an
// [iter.Seq2] that fetches pages lazily, only as the loop asks for more
// items, fetches nothing after the loop breaks, and yields at most one error,
// after which it stops. Every Pages method (PagesMessages and so on for
// services with several lists) is the same at the page level: it yields
// whole pages with their cursor fields, for work done a batch at a time or
// progress shown per page. When the List parameters set BeforeID, All and
// Pages page backwards.
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
// # Retries
//
// A request that fails with status 429, 500, 502, 503, 504 or 529, or that
// fails to connect, is retried up to twice by default ([WithMaxRetries]),
// after an exponential backoff with full jitter, or after the delay the
// server gives in Retry-After (seconds or an HTTP date) when it gives one.
// Cancelling the context interrupts the wait. Other 4xx responses are never
// retried. A response header "x-should-retry: true" or "false", which the
// API sends when it knows better, overrides the status for every operation
// but a create.
//
// Operations that create something (Invites.Create, Workspaces.Create,
// WorkspaceMembers.Add) are retried only when the server provably did not
// process the request: after a 429, or when the connection was never
// established. A 5xx or a connection lost mid-request may mean the object
// was created, so the error is returned instead and the caller decides
// (list, then retry). Every other operation is idempotent: updates set
// absolute values, and a repeated delete or archive changes nothing more.
package admin
