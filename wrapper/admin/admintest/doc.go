// Package admintest is an in-memory fake of the Anthropic Admin API (and of
// the Compliance API's directory: organizations, users, roles, settings,
// groups and preferences) for testing code that provisions
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
//   - authenticated as the operation's security schemes say (any one of
//     them): the Admin key ([Server.AdminKey]) in x-api-key, or as
//     "Authorization: Bearer" under anthropic-version 2026-10-21; the
//     Compliance key ([Server.ComplianceKey]) as a Bearer token or in
//     x-api-key on /v1/compliance/...; an org:admin OAuth access token the
//     server issued ([Server.IssueOAuthToken], [Server.TokenSource]) as a
//     Bearer token where the spec asks for one. The Bearer scheme name may
//     be in any letter case, as RFC 7235 says. A missing, unknown or
//     expired credential is a 401 authentication_error; a valid credential
//     of a kind the operation does not accept is a 403 permission_error;
//   - checked for the scopes of a Compliance API operation: each names
//     them in the spec's x-admin-scopes (read:compliance_activities,
//     read:compliance_org_data, read:compliance_user_data,
//     delete:compliance_user_data) and a key lacking one gets 403
//     permission_error "Missing required scopes. Got: [...] Needed:
//     [...]". [Server.ComplianceKey] carries every scope and
//     [Server.AdminKey] read:compliance_activities, the one scope an Admin
//     key can carry (the Activity Feed is the one Compliance API operation
//     an Admin key may call); [Server.NewComplianceKey] and
//     [Server.NewAdminKey] mint keys with the scopes a test chooses. The
//     check is generic: an operation added to the spec with x-admin-scopes
//     is enforced without code in the fake;
//   - checked for anthropic-version 2023-06-01 or 2026-10-21 (400
//     otherwise), and
//     for the anthropic-beta header of an operation in beta (the spec's
//     x-admin-beta, such as [SignOutBeta]; 400 otherwise, as the real
//     service answers);
//   - counted, and failed if a fault is pending ([Server.FailNext]; a
//     fault with [Fault.Processed] fails it after the steps below and the
//     call itself);
//   - limited to [DefaultMaxBodyBytes] of body (413 request_too_large);
//   - validated against the spec with kin-openapi's openapi3filter: a bad
//     parameter, body, enum value or limit is 400 invalid_request_error
//     whose message starts with the field, as in "limit: number must be
//     at most 1000" or "limits.0.value: number must be at least 0".
//
// Every response, errors included, has a request-id header (req_01...)
// equal to the request_id of the error envelope
// {"type":"error","error":{"type":...,"message":...},"request_id":...}.
// Where the real service names the cause of a refusal with an error code,
// so does the fake, in error.details.error_code (see Behaviour).
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
// statuses[], include_archived, include_default, the workspace list's
// ids[], API key status, workspace_id and created_by_user_id); a
// workspace's user_profile_id, which is write-once like its
// external_key_id; invites that expire 21 days after they are sent
// ([InviteLifetime]) and can be deleted only while pending;
// archiving a workspace archives its API keys; removing a user removes
// their memberships; members must be users, and archived workspaces take
// no new members; rate-limit filters (group_type, model with 404 for an
// unknown model, include_inherited) and workspace overrides set and cleared
// (null) per limiter; usage and cost reports computed from the seeded
// records with starting_at and ending_at, bucket widths (1d, 1h and 1m with
// default and maximum limits 7/31, 24/168 and 60/1440; cost 1d only),
// group_by[] and every filter; and the Claude Code report of one day.
//
// Refusals carry the error codes the official SDK documents for them:
// inviting a member is 400 already_member and inviting an email with a
// pending invite 400 invite_already_exists (each message names the member
// or invite in the way); an invite beyond [WithSeatLimit] is 400
// org_member_limit_exceeded; removing the organization's only member is 400
// cannot_remove_last_member; adding a member to a workspace that has
// [WithWorkspaceMemberLimit] members is 400 workspace_member_limit_exceeded.
// Codes that depend on what the fake does not model (concurrent changes,
// outcomes unknown, external keys, storage) come only from faults.
//
// Signing a user out (beta) returns the user unchanged and records the
// time, which [Server.SignedOutAt] reports; signing out again is harmless.
// The primary owner is refused with 400 cannot_sign_out_primary_owner,
// owners and membership admins with 403 cannot_sign_out_owner and
// cannot_sign_out_membership_admin.
// Service accounts and their workspace memberships accept only the server's
// OAuth tokens ([Server.IssueOAuthToken], [Server.TokenSource]), as the
// spec says. Their lists use page tokens and list service accounts newest
// first; names are unique slugs (409 for a duplicate); an archived service
// account is read-only (400), left out of lists unless include_archived,
// and archiving it again keeps its archived_at; a service account that a
// live (non-archived) federation rule targets cannot be archived (400
// naming the rule): archive the rule or change its target first. Every
// service account is an implicit workspace_user member of the default
// workspace until it is added there explicitly; the implicit membership
// comes first on the first page of the service account's workspaces (so
// that page may hold limit + 1 entries), is never in the workspace's list,
// and cannot be updated (404) or removed (a no-op). Adding a member again
// replaces its role; removing is idempotent. Memberships must name an
// existing workspace and service account (404); archived workspaces refuse
// every membership operation (400) except the service account's own list,
// and an archived service account's memberships are hidden, its page tokens
// refused (400). Changes are recorded as made by [OAuthActorID].
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

// The Activity Feed (GET /v1/compliance/activities) is a log of
// activities kept in (created_at, ID) order and listed newest first
// (order=asc oldest first), with opaque cursors (base64 of JSON, as on the
// real service): after_id continues in list order, before_id returns the
// page just before the cursor, nearest first. Filters: activity_types[]
// and exclude_activity_types[] (not together; an unknown type is 400; the
// 483 types of the API reference of 2026-09-04 are known), actor_ids[]
// (the actor's user, key or service account ID), organization_ids[] (which
// also matches the activities of no organization, as observed live) and
// created_at.gt/gte/lt/lte; limit 1 to 5000, default 100. The fake audits
// itself: every successful admin operation with a documented activity type
// appends one (platform_workspace_created, platform_api_key_updated,
// platform_workspace_member_added, platform_cost_report_viewed,
// org_users_listed, group_created, ... by an admin_api_key_actor), and
// every Compliance API call that reaches its handler appends a
// compliance_api_accessed by an api_actor, of no organization, whose
// request_id is the call's request-id. [Server.AddActivity] seeds one
// activity, [Server.SeedActivities] a million in a second (older than
// everything), [Server.ActivityIDs] lists the log oldest first.
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
// The Compliance API's directory (organizations, roles, role permissions,
// effective settings, groups, group members and members' personal
// preferences, page tokens) sees the server's organization as the parent,
// listed with its child organizations by creation time. Children are
// seeded ([Server.AddChildOrganization]) with members taken from the
// organization's users, settings and groups of their own
// ([Server.AddChildOrganizationGroup]); the parent's groups are its RBAC
// groups, and groups are listed in ID order with an optional name prefix.
// Preferences ([Server.SetUserPreferences]) are per user, so a member shows
// the same text in every organization; by default only members with a
// value set are listed (include_unset lists all). Unknown organizations,
// roles and groups are 404. A removed user leaves the children, their
// groups and the preferences listing.
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
// (400); a rule needs a live issuer (400), a target that is an existing
// service account of the fake, not archived (400 otherwise, on create and
// update alike, as the reference says of invalid references), a workspace
// (its workspace_id) unless applies_to_all_workspaces, a match with a
// subject prefix that is not a wildcard alone, claims or a condition that
// is not "true" (400), scopes an OAuth caller may set (workspace:developer
// and workspace:inference; others 403, and rules seeded with others cannot
// be changed through the API, 403); a rule's target.service_account_name is
// the service account's name, read when the rule is (whatever a request
// sends for it is ignored); archiving a rule clears its workspaces;
// workspace_id on update replaces the rule's only workspace (400 with
// several); applies_to_all_workspaces cannot become false with no workspace
// left (400); enabling a rule for a workspace is idempotent, needs an
// existing (404) and unarchived (400) workspace and returns workspace_name
// null, and the list of a rule's workspaces is one page whatever limit and
// page say; disabling is idempotent. Every change is reported as made by
// [OAuthActorID].
//
// Spend limits (amounts in whole cents as decimal strings, USD) are an
// upsert on scope and period: setting one again keeps its ID and
// created_at and replaces its amount; period defaults to monthly. The API
// sets organization, workspace and user limits; a scope must name an
// existing user or an unarchived workspace (400), organization and
// workspace limits are monthly with an amount (400), and a null amount is
// a member's explicit no-cap override. Other scope types (usage_tier,
// seat_tier, rbac_group, organization_service) come from
// [Server.AddSpendLimit] only and cannot be deleted (400). Listing limits
// needs the anthropic-beta header [SpendLimitReadsBeta] (400 without);
// limits are listed newest first, filtered by scope_type[] and
// workspace_id. A member's effective limit for a period is their own user
// limit, else the highest of their RBAC groups' limits (null, no cap,
// highest of all; the oldest on a tie), else the organization limit unless
// disabled ([SpendLimitSeed].Disabled); seat-tier, service, workspace and
// usage-tier limits resolve for no member. The report pages by member
// (user ID order; a member's rows, daily then weekly then monthly, never
// split) and skips members without a limit; period_to_date_spend is what
// [Server.SetPeriodToDateSpend] recorded, else "0". Removing a user
// deletes their user limits, deleting an RBAC group its group limits.
// Increase requests come from [Server.AddSpendLimitIncreaseRequest]; they
// are listed newest first, those of people no longer members left out,
// filtered by status[] and actor_ids[]. A pending request carries a live
// spend_summary. Approving is for a pending request only (400 otherwise,
// or when the requester left): it sets the requester's user limit to the
// amount for the period (the request's unless the body names one) and
// records [AdminKeyActorID] as resolved_by. Denying a pending request
// denies it; denying a denied one returns it unchanged; denying an
// approved one is 400.
//
// IDs look like the real ones (user_01, wrkspc_01, invite_01, apikey_01,
// ekey_01, rbacgrp_01, rlg_01, spl_01, splreq_01 (a guess: the real prefix
// of increase requests is undocumented), req_01 followed by 24 base58
// characters),
// are deterministic under [WithSeed] and sort in creation order, so a page
// costs O(page) even with millions of records: pages are a binary search
// plus a walk, never a copy or a sort. Filters (roles[] of users and
// invites, the status, workspace and creator of API keys, the status and
// email of invites, archived workspaces, service accounts and federation
// objects, a rule's issuer) walk an index of the matching records, so a
// filtered page costs O(page) too, however many records the filter leaves
// out; combined filters walk the narrowest index. The users list encodes
// each version of a record once and reuses the JSON (the memory grows
// with the records listed).
//
// # Seeding, faults and time
//
// Seed records directly with [Server.AddUser], [Server.AddWorkspace],
// [Server.AddWorkspaceMember], [Server.AddInvite], [Server.AcceptInvite],
// [Server.AddAPIKey], [Server.AddRateLimit], [Server.AddUsage],
// [Server.AddCost], [Server.AddClaudeCodeUsage], [Server.AddServiceAccount],
// [Server.ArchiveServiceAccount], [Server.AddWorkspaceServiceAccount],
// [Server.AddExternalKey], [Server.AddRBACGroup],
// [Server.AddFederationIssuer], [Server.AddFederationRule],
// [Server.AddSpendLimit], [Server.AddSpendLimitIncreaseRequest] and
// [Server.SetPeriodToDateSpend], or all at once with
// [WithDemoData]. [Server.FailNext] fails the next calls of an operation
// with a status, error type, Retry-After, error code and details and
// further headers (such as x-should-retry), before or after performing the
// call ([Fault]): a workspace_created_incomplete fault on the workspace
// create creates the workspace and names it, as the real service does.
// [Server.Calls] counts calls; [Server.SetLatency] delays requests. The
// clock is the system clock unless [WithClock], [Server.SetNow] or
// [Server.Advance] say otherwise.
//
// # Deliberate differences from the real service
//
//   - Everything lives in memory and is lost on Close; there is no
//     eventual consistency (rate-limit changes apply at once, not within
//     an hour; Claude Code data is reported immediately, not after an hour).
//
//   - Only anthropic-version 2023-06-01 and 2026-10-21 are accepted, and
//     an Admin key as a Bearer token only under 2026-10-21 (an assumption:
//     the v2 SDKs pair them; the real service may accept more).
//
//   - Only the credentials the spec declares are accepted; scoped
//     Claude Enterprise keys and the activities scope of Admin keys are
//     not modelled.
//
//   - Every list is ordered by creation (ID order), even when seeded
//     AddedAt or CreatedAt values say otherwise; the Compliance API's
//     "organization join date" order is therefore the order users were
//     added to the fake.
//
//   - Users cannot be created through the API (as in the real one); seed
//     them, or accept invites with [Server.AcceptInvite].
//
//   - Conflicts are 409 conflict_error: adding a member twice, creating or
//     renaming a workspace to the name of another active workspace. The
//     real service may answer 400 for some of these.
//
//   - The organization's only member cannot be removed, whatever the role
//     (the real service documents cannot_remove_last_member and does not
//     say which check comes first).
//
//   - Users with the roles admin, owner and primary_owner cannot be updated
//     or removed through the API (400).
//
//   - The default workspace exists (see [Server.DefaultWorkspaceID]) but
//     cannot be archived, changed or given explicit members (400).
//
//   - Archiving an archived workspace succeeds and changes nothing.
//     Archived API keys cannot be reactivated; expired ones can only be
//     archived.
//
//   - A workspace rate-limit override must name a limiter of the
//     organization limit and may not exceed it (400). A rate limit's id
//     ("rl_01...") differs from its group's id ("rlg_01..."); the real
//     id format is undocumented.
//
//   - Usage is bucketed from seeded records; ending_at defaults to now, and
//     a bucket is included when it starts before ending_at. group_by[]=speed
//     and speeds[] need the anthropic-beta header [FastModeBeta]. Results of
//     a bucket are ordered by their dimension values.
//
//   - The cost report's description groups carry the record's model, token
//     type and other fields as seeded; amounts are summed exactly (six
//     decimals of a cent).
//
//   - The Usage and Cost Analytics API (analytics/usage, analytics/cost;
//     beta header [AnalyticsBeta]) is derived from the same records as the
//     legacy reports, so over any range the legacy reports can express
//     (whole days for cost, whole hours for tokens) the totals agree
//     exactly. Range rules are enforced with 400s: starting_at not before
//     2026-01-01 nor more than 365 days ago, at most 31 days, ending_at
//     required with time_bucket_width, 24 hours at most for 1m buckets, at
//     most 5 group_by[] dimensions, exclude_deleted_users only with
//     group_by[]=actor. A day's cost records are dated at midnight, so
//     hourly or per-minute cost buckets put a day's cost in its first
//     bucket, and a range that starts after midnight leaves that day out.
//     The actor is the record's user (AccountID), else service account,
//     else API key; there are no federated actors. The dimensions the
//     records do not carry (agent, deployment, environment, session, Slack
//     channel, Claude Tag, organization, RBAC group) are always null, so
//     their filters match nothing. A usage record without Requests counts
//     as one request; list_amount is the record's ListAmount or its
//     amount. Rows of equal rank are ordered by bucket and dimension
//     values; page tokens are offsets. There is no HIPAA readiness, so the
//     400 for such organizations never happens.
//
//   - The per-user reports (analytics/user_usage_report and
//     analytics/user_cost_report, legacy Claude Enterprise reports) are the
//     analytics usage and cost restricted to usage attributed to a user
//     (records with an AccountID), one row per user, so they add up to the
//     analytics endpoints' user_actor rows. Their products[] filter takes
//     claude-tag for the records' claude_tag. They take the Admin key like
//     every other operation (the service wants a read:analytics key).
//
//   - The activity endpoints (analytics/users, analytics/summaries) read
//     the members' activity records ([Server.AddUserActivity]: chat, Cowork,
//     Claude Design, web searches) and take Claude Code activity from the
//     Claude Code report's records, matched to members by email address,
//     so the two agree. analytics/users lists every current member, active
//     or not (a removed member's activity is not listed), sorted by user
//     ID unless order_by names one of a few metrics (web_search_count,
//     chat_metrics.message_count, cowork_metrics.message_count,
//     design_metrics.message_count and the Claude Code core metrics commit
//     count, distinct session count and lines added); any other order_by is
//     a 400. In range mode, counters are summed and the nullable distinct
//     counts are null. RBAC group filters and group_by[]=rbac_group_id use
//     the groups' current members, not membership on each day; grouped
//     rows are one per group, without an unassigned row. project_id filters
//     match nothing (there are no projects). Office, Claude Science and
//     many finer counters are always 0 or null; Claude Tag and Chat and
//     Cowork unified metrics are omitted. Data has a one-day lag: today or
//     later is a 400. Summaries count a member active on a day with any
//     chat, Claude Code, Cowork or Design activity; weekly and monthly
//     counts are rolling 7 and 30 days; assigned seats are the current
//     members; pending invites are those pending at the day's end.
//
//   - The connectors and plugins lists read the members' extension use
//     ([Server.AddExtensionUse]); names are not normalized (the real
//     service folds "mcp-atlassian" into "atlassian"), connector display
//     names and managed-auth counts are null, unclassified calls 0, and
//     Office and Chat and Cowork unified metrics are absent or 0. order_by
//     takes the name (the default) or distinct_user_count, read_call_count,
//     write_call_count, invocation_count or install_count. RBAC groups are
//     their current members. The artifacts list reads [Server.AddArtifacts]
//     records the same way; artifact types are taken as seeded.
//
//   - The skills list reads the skill records of [Server.AddExtensionUse]
//     the same way: spend reporting is always on (both amounts are set,
//     in USD, summed exactly from the records' fractional cents; the list
//     price leaves out chat, null on a row without other products);
//     enable_count counts the members whose record says Installed, and is
//     null over a range or on any user, group or product cut; display
//     names are null; Office counts are 0 and Chat and Cowork unified
//     metrics are absent. The chat projects list reads
//     [Server.AddChatProjectUse] records: conversations are summed, not
//     deduplicated; a project's name and creator are fixed by its first
//     record.
//
//   - Requests are not rate limited unless a fault says so; there are no
//     permission (403) errors, spend-limit-reached or billing errors.
//
//   - The fake accepts requests that the real service refuses for reasons
//     it does not model: any external_key_id and any user_profile_id (there
//     are no external keys, CMEK settings or user profiles to check them
//     against, so none of the external_key_*, user_profile_not_found or
//     key_profile_mismatch errors; both are write-once all the same, and
//     the default workspace takes neither); every assignable role
//
//     it does not model: every assignable role
//     and any rbac_group_ids in every organization (the real service takes
//     user, developer, billing and claude_code_user in Console
//     organizations, user and managed in Claude Enterprise ones, and RBAC
//     groups only in the latter); any roles[] filter value; any email domain
//     (no email_domain_not_allowed or unverified-domain errors); and any
//     number of API keys (no *_api_key_limit_exceeded errors). Seats and
//     workspace members are limited only with [WithSeatLimit] and
//     [WithWorkspaceMemberLimit].
//
//   - Body fields and query parameters that the spec does not declare are
//     ignored, neither refused nor applied. The workspace list's ids[]
//     filter is honoured: unknown IDs are left out, as the real service
//     leaves out those the caller cannot list.
//
//   - Sign-out ends nothing (the fake has no sessions or tokens of
//     members), every organization is enrolled in its beta (no
//     organization_not_enrolled_in_beta), the fake's keys act for no
//     member (no cannot_sign_out_self), and managed members can be signed
//     out (the real service may refuse them to some keys with
//     cannot_sign_out_managed_member); faults produce the other codes.
//     ignored, neither refused nor applied: for example user_profile_id on
//     a workspace, and the ids[] filter of the workspace list (both newer
//     than the spec), which therefore lists every workspace.
//
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
//
//   - Spend limits: the fake is a Claude Enterprise and a Claude Console
//     organization at once, so it sets user limits as well as organization
//     and workspace ones and serves the effective report (the real service
//     answers 400 organization_type_not_supported to the wrong kind);
//     every organization is in the early access preview (no 403
//     spend_limits_admin_api_writes_not_enabled); get, set and delete need
//     no anthropic-beta header, as SDK v2.15.0 sends none. Effective
//     limits resolve as described above, a guess where the reference is
//     silent (several groups, the organization limit as every member's
//     default, seat tiers and services that no fake member has); amounts
//     are always USD. Approving an approved request is 400, as the SDK
//     documents no idempotent approval; no email is sent, whatever
//     suppress_notification says.
//
//   - Compliance directory: every organization shares the server's RBAC
//     roles and their permissions (the real ones have roles of their own);
//     a role's description is the fake's text; a permission's resource_id
//     is "*" for all connectors (the docs give no value). The parent is
//     listed among the organizations (the docs do not say whether it is).
//     Settings hold only the two variants the docs show (boolean and
//     integer), with values the fake chose. The field names of the
//     preferences (instructions_for_claude, cowork_global_instructions) are
//     unconfirmed. The read:compliance_org_data and read:compliance_user_data
//     scopes are declared in the spec (x-admin-scopes); the fake's key has
//     them all. Child groups' IDs come from a generator of their own.
//
//   - Error bodies carry no error.details.error_code; the spec does not
//     model the typed error codes yet.
//
//   - Service accounts: every OAuth token is taken for an interactive
//     user's, so creating an admin service account or making one admin
//     is never refused. A name stays taken after its service account is
//     archived. Removing a membership of an archived service account is
//     refused (400), as every change to it is; the reference does not say.
//     Service account IDs come from a generator of their own, so seeding
//     them shifts no other ID.
//
//   - The Activity Feed: only the fields every activity has are known for
//     sure; the type-specific fields of the fake's own platform_* records
//     are the path parameters of the call (workspace_id, user_id, ...), and
//     compliance_api_accessed carries request_id only. An OAuth token acts
//     as a user_actor naming no user. Activities are queryable at once, not
//     within a minute, and one seeded with an older created_at is inserted
//     in its place like a late record of the real service. Filters other
//     than the time bounds scan the log from the cursor (no index per type
//     or actor), so a page of a rare type costs a walk of the log. Admin
//     operations without a documented activity type (reads of workspaces,
//     API keys, service accounts, federation...) record nothing. Activity
//     IDs come from a generator of their own, so the log never shifts other
//     IDs.
//
//   - The 403 of a missing scope follows the message the Compliance API's
//     error page is reported to give ("Missing required scopes. Got: [...]
//     Needed: [...]", quoted by a third-party SDK); its exact text is
//     unconfirmed.
//
//   - Oversized bodies are refused at 1 MiB by default, not 32 MB.
//
//   - Page tokens are opaque but not signed; a token from another query is
//     refused with 400 when the fake can tell.
//
//   - Workload identity federation: no token exchange happens: the fake
//     never polls an issuer's keys, so poll_status and
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
//
//   - Compliance API content (chats, files, generated files, artifacts,
//     projects, documents; compliancecontent.go) is seeded with
//     [Server.AddComplianceChat] and [Server.AddComplianceProject]; the
//     demo data has two projects and five chats. Its IDs (claude_chat_,
//     claude_chat_msg_, claude_file_, claude_gen_file_, claude_artifact_,
//     claude_artifact_version_, claude_proj_, claude_proj_doc_) come from a
//     generator of their own. Chats and projects list in creation order,
//     and chat cursors are plain chat IDs where the service's are opaque;
//     the organization's content ID is "org_" and its UUID's hex digits.
//     Deletes are for good and a second one is a 404 (documented only for
//     code artifacts). Deleting a chat deletes its messages, generated
//     files and artifacts, and the files nothing else references; a
//     project with chats cannot be deleted (409, as a third-party client
//     reports); a project's delete takes its documents and its files that
//     no chat references. Content blocks are text only; messages of a chat
//     its user deleted have empty content and no references. Artifact
//     downloads are text/plain; files without a recorded type download as
//     application/octet-stream; every download has a Content-MD5.
//     Sessions ([Server.AddComplianceSession]; local_session_,
//     local_session_msg_, session_, session_msg_) and Claude Code artifacts
//     ([Server.AddComplianceCodeArtifact]; cart_, cartv_) have the fields
//     the spec guesses (the reference lists those endpoints without their
//     fields); their transcripts are text blocks only; code artifact
//     versions download as application/octet-stream.
//     Compliance review cases ([Server.AddComplianceReviewCase]; rvc_,
//     msg_, rvn_) take the Admin key, as the SDK says; the item's optional
//     anthropic-user-profile-id header is not modelled. A different
//     response to a closed case is a plain 400 (the SDK names case_closed
//     in error.details.error_code, which the fake does not send); there
//     is no case_reviewed_by_end_customer, and cases never close by
//     themselves.
//
//   - Routing: http.ServeMux refuses the Compliance API's overlapping paths
//     (/chats/{id}/messages and /chats/files/{id}), so the fake routes with
//     its own router, in which a literal path segment beats a wildcard.
package admintest
