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
// External keys (customer-managed encryption keys) are listed newest
// first with page tokens. A provider_config must carry the required fields
// of its type and no field of another type (400); an AWS key's ARN must be
// a key ARN (alias ARNs are refused) and its region, derived from the ARN
// when absent, must match it; a Google Cloud key_name must be a full Cloud
// KMS resource name and an Azure vault_uri a Key Vault URI. A workspace
// created or updated with an external_key_id must name an existing key
// (400 otherwise) that validates and is not bound to a user profile (the
// fake's workspaces have none, and a bound key serves only a workspace with
// the same profile); the key is then attached for good, since workspaces
// are archived, never deleted. An attached key cannot be deleted (409
// conflict_error), nor its geo or provider_config changed (409); a Google
// Cloud key's provider and key_name never change (400). Validation
// succeeds unless the key was seeded with a ValidationError.
//
// The compliance settings start enabled; while disabled, every Compliance
// API request (a path under /v1/compliance/) gets 403 permission_error.
//
// RBAC groups (page tokens, in creation order) are made through the API
// as direct groups without roles; roles are attached only by seeding
// ([Server.AddRBACGroup]), and must exist. The API neither renames, deletes
// nor changes the members of a SCIM group, and neither deletes nor changes
// the members of a group with a role granting owner access (the built-in
// Primary Owner and Owner roles): 400 invalid_request_error. Members must
// be users of the organization (404), join once (409), are listed by user
// ID, and leave every group when removed from the organization. Each
// built-in RBAC role lists a few permissions.
//
// IDs look like the real ones (user_01, wrkspc_01, invite_01, apikey_01,
// ekey_01, rbacgrp_01, rlg_01, req_01 followed by 24 base58 characters),
// are deterministic under [WithSeed] and sort in creation order, so a page
// costs O(page) even with millions of records: pages are a binary search
// plus a walk, never a copy or a sort.
//
// # Seeding, faults and time
//
// Seed records directly with [Server.AddUser], [Server.AddWorkspace],
// [Server.AddWorkspaceMember], [Server.AddInvite], [Server.AcceptInvite],
// [Server.AddAPIKey], [Server.AddRateLimit], [Server.AddExternalKey],
// [Server.AddRBACGroup], [Server.AddUsage],
// [Server.AddCost] and [Server.AddClaudeCodeUsage], or all at once with
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
//     it does not model: every assignable role
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
//   - External keys, compliance settings and RBAC groups are modelled with
//     these simplifications: user_profile_id is taken on trust (any
//     non-empty ID; there are no user profiles, so no
//     user_profile_not_found), there is no workspace policy (no
//     external_key_in_workspace_policy), and validation makes no KMS round
//     trip. Changing a locked field of an attached key and deleting an
//     attached key are 409 conflict_error; the SDK names no code for either.
//     The compliance state update takes only the object form
//     ({"state":{"type":"enabled"}}), not the string shorthand the service
//     also accepts; the 403 of a disabled Compliance API is the fake's
//     choice, as the real answer is undocumented. Removing a user who is not
//     in an RBAC group is 404, as for workspace members. The built-in roles'
//     permissions are illustrative, and there are no custom roles.
//   - Error bodies carry no error.details.error_code; the spec does not
//     model the typed error codes yet.
//   - Oversized bodies are refused at 1 MiB by default, not 32 MB.
//   - Page tokens are opaque but not signed; a token from another query is
//     refused with 400 when the fake can tell.
package admintest
