// Package admintest is an in-memory fake of the Anthropic Admin API (and of
// the Compliance API's user listing) for testing code that provisions
// members, invites, workspaces, memberships and API keys, reads rate limits
// or pulls the usage, cost and Claude Code reports. It is to the Admin API
// what net/http/httptest is to HTTP servers.
//
//	srv := admintest.NewServer(admintest.WithDemoData())
//	defer srv.Close()
//	client := srv.Client() // an *admin.Client for srv.URL, with both keys
//
// [NewServer] takes no *testing.T, so it works in examples and programs as
// well as in tests; the command "anthropic-admin fake serve" serves it to
// clients in any language. The server listens on a loopback port; its base
// URL is the field [Server.URL]. [Server.Handler] serves the same API without
// the listener.
//
// # Contract
//
// The server implements the strict server interface generated from
// spec/admin-api.yaml (package gen/server) and is served by the generated
// handler. Before a handler runs, every request is
//
//   - routed: an unknown path is 404 not_found_error, a known path with
//     another method 405 (with an Allow header), a path that is not clean
//     ("//", "." or ".." segments, trailing "/") 404;
//   - authenticated as the spec's security schemes say: x-api-key must be
//     the Admin key ([Server.AdminKey]) on /v1/organizations/..., and
//     "Authorization: Bearer" the Compliance key ([Server.ComplianceKey]) on
//     /v1/compliance/... (the scheme name in any letter case, as RFC 7235
//     says); each key is refused where the other belongs (401
//     authentication_error);
//   - checked for "anthropic-version: 2023-06-01" (400 otherwise);
//   - counted, and failed if a fault is pending ([Server.FailNext]);
//   - limited to [DefaultMaxBodyBytes] of body (413 request_too_large);
//   - validated against the spec with kin-openapi's openapi3filter: a bad
//     parameter, body, enum value or limit is 400 invalid_request_error
//     whose message starts with the field, as in "limit: number must be
//     at most 1000" or "limits.0.value: number must be at least 0".
//
// Every response, errors included, has a request-id header (req_01...)
// equal to the request_id of the error envelope
// {"type":"error","error":{"type":...,"message":...},"request_id":...}.
// The package's own tests validate every response against the spec.
//
// # Behaviour
//
// The fake follows the real service where it is documented: ID-cursor
// pagination (limit 1 to 1000, default 20; before_id and after_id;
// first_id, last_id and has_more; oldest first) for users, invites,
// workspaces, workspace members (by user ID) and API keys; opaque page
// tokens (page and next_page) for the reports and the Compliance API
// (default limit 500); page cursors without has_more for rate limits (all
// in one page without limit); filters (email case-insensitively, roles[],
// statuses[], include_archived, include_default, API key status,
// workspace_id and created_by_user_id); invites that expire 21 days after
// they are sent ([InviteLifetime]) and can be deleted only while pending;
// archiving a workspace archives its API keys; removing a user removes
// their memberships; members must be users, and archived workspaces take
// no new members; rate-limit filters (group_type, model with 404 for an
// unknown model, include_inherited) and workspace overrides set and cleared
// (null) per limiter; usage and cost reports computed from the seeded
// records with starting_at and ending_at, bucket widths (1d, 1h and 1m with
// default and maximum limits 7/31, 24/168 and 60/1440; cost 1d only),
// group_by[] and every filter; and the Claude Code report of one day.
//
// Workload identity federation (issuers, rules and the rules' workspaces)
// accepts only an org:admin OAuth token ([Server.IssueOAuthToken],
// [Server.TokenSource]; an Admin key is 403) and follows the reference:
// page tokens, oldest first, archived issuers and rules left out unless
// include_archived; names unique among live issuers (and rules), else 409;
// defaults of OIDC discovery, check_jti true, a 3600 s JWT lifetime and a
// 3600 s token lifetime; the jwks variant's own fields only (url for
// explicit_url, keys with a kty for inline, discovery_base for discovery,
// ca_cert_pem a PEM certificate for the fetched kinds) and https for what
// would be fetched; archived issuers and rules are read-only (400) and
// archiving is idempotent; an issuer with a live rule cannot be archived
// (400); a rule needs a live issuer (400), a workspace (its workspace_id)
// unless applies_to_all_workspaces, a match with a subject prefix that is
// not a wildcard alone, claims or a condition that is not "true" (400),
// scopes an OAuth caller may set (workspace:developer and
// workspace:inference; others 403, and rules seeded with others cannot be
// changed through the API, 403); archiving a rule clears its workspaces;
// workspace_id on update replaces the rule's only workspace (400 with
// several); applies_to_all_workspaces cannot become false with no
// workspace left (400); enabling a rule for a workspace is idempotent,
// needs an existing (404) and unarchived (400) workspace and returns
// workspace_name null, and the list of a rule's workspaces is one page
// whatever limit and page say; disabling is idempotent. Every change is
// reported as made by [OAuthActorID].
//
// IDs look like the real ones (user_01, wrkspc_01, invite_01, apikey_01,
// rlg_01, req_01 followed by 24 base58 characters), are deterministic under
// [WithSeed] and sort in creation order, so a page costs O(page) even with
// millions of records: pages are a binary search plus a walk, never a copy
// or a sort.
//
// # Seeding, faults and time
//
// Seed records directly with [Server.AddUser], [Server.AddWorkspace],
// [Server.AddWorkspaceMember], [Server.AddInvite], [Server.AcceptInvite],
// [Server.AddAPIKey], [Server.AddRateLimit], [Server.AddUsage],
// [Server.AddCost], [Server.AddClaudeCodeUsage], [Server.AddFederationIssuer]
// and [Server.AddFederationRule], or all at once with
// [WithDemoData]. [Server.FailNext] fails the next calls of an operation
// with a status, error type and Retry-After; [Server.Calls] counts calls;
// [Server.SetLatency] delays requests. The clock is the system clock unless
// [WithClock], [Server.SetNow] or [Server.Advance] say otherwise.
//
// # Deliberate differences from the real service
//
//   - Everything lives in memory and is lost on Close; there is no
//     eventual consistency (rate-limit changes apply at once, not within
//     an hour; Claude Code data is reported immediately, not after an hour).
//   - Only anthropic-version 2023-06-01 is accepted; the real service
//     accepts other versions.
//   - Only the credentials the spec declares are accepted: the Admin key
//     in x-api-key and the Compliance key as a Bearer token. The real
//     service also takes the Admin key as "Authorization: Bearer", as the
//     v2 SDKs send it, and documents x-api-key on the Compliance API.
//   - Every list is ordered by creation (ID order), even when seeded
//     AddedAt or CreatedAt values say otherwise; the Compliance API's
//     "organization join date" order is therefore the order users were
//     added to the fake.
//   - Users cannot be created through the API (as in the real one); seed
//     them, or accept invites with [Server.AcceptInvite].
//   - Conflicts are 409 conflict_error: adding a member twice, inviting an
//     email that is a member or has a pending invite, creating or renaming a
//     workspace to the name of another active workspace. The real service
//     may answer 400 for some of these.
//   - Users with the roles admin, owner and primary_owner cannot be updated
//     or removed through the API (400).
//   - The default workspace exists (see [Server.DefaultWorkspaceID]) but
//     cannot be archived, changed or given explicit members (400).
//   - Archiving an archived workspace succeeds and changes nothing.
//     Archived API keys cannot be reactivated; expired ones can only be
//     archived.
//   - A workspace rate-limit override must name a limiter of the
//     organization limit and may not exceed it (400). A rate limit's id
//     ("rl_01...") differs from its group's id ("rlg_01..."); the real
//     id format is undocumented.
//   - Usage is bucketed from seeded records; ending_at defaults to now, and
//     a bucket is included when it starts before ending_at. group_by[]=speed
//     and speeds[] need the anthropic-beta header [FastModeBeta]. Results of
//     a bucket are ordered by their dimension values.
//   - The cost report's description groups carry the record's model, token
//     type and other fields as seeded; amounts are summed exactly (six
//     decimals of a cent).
//   - Requests are not rate limited unless a fault says so; there are no
//     permission (403) errors, spend limits or billing errors.
//   - The fake accepts requests that the real service refuses for reasons
//     it does not model: any external_key_id (there are no external keys,
//     CMEK settings or user profiles to check it against, so none of the
//     external_key_* or key_profile_mismatch errors); every assignable role
//     and any rbac_group_ids in every organization (the real service takes
//     user, developer, billing and claude_code_user in Console
//     organizations, user and managed in Claude Enterprise ones, and RBAC
//     groups only in the latter); any roles[] filter value; any email domain
//     (no email_domain_not_allowed or unverified-domain errors); and any
//     number of workspace members and API keys (no *_limit_exceeded errors;
//     seats are limited only with [WithSeatLimit]).
//   - Body fields and query parameters that the spec does not declare are
//     ignored, neither refused nor applied: for example user_profile_id on
//     a workspace, and the ids[] filter of the workspace list (both newer
//     than the spec), which therefore lists every workspace.
//   - Error bodies carry no error.details.error_code; the spec does not
//     model the typed error codes yet.
//   - Oversized bodies are refused at 1 MiB by default, not 32 MB.
//   - Page tokens are opaque but not signed; a token from another query is
//     refused with 400 when the fake can tell.
//   - Workload identity federation: a rule's target is checked only for
//     the shape of a service account ID (svac_ followed by letters and
//     digits), not looked up, since the fake has no service accounts yet;
//     its service_account_name is always null. No token exchange happens:
//     the fake never polls an issuer's keys, so poll_status and
//     jwks_polling_disabled_at stay null unless seeded, and URLs are
//     checked for their form only. The rules for well-known shared issuers
//     (GitHub Actions, GitLab and others must pin the tenant) and the CEL
//     syntax of a condition are not checked; only "true" is refused as a
//     constant-true condition. A null description in a rule update leaves
//     it unchanged (the reference says null clears it; send "" instead),
//     and workspace_id on create or update becomes an ordinary workspace
//     enablement (there is no legacy single-workspace binding). Issuer and
//     rule names need only be unique among live ones, and archived
//     workspaces keep their rule enablements. Federation IDs come from a
//     generator of their own, so that they never shift other IDs.
package admintest
