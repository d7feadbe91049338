// Package workflow holds the administrative workflows built on package
// admin: tasks an administrator thinks of as one job but that take many
// API calls, each planned first, shown, and then carried out with a
// receipt of every call: offboarding and onboarding a person, the key
// hygiene report, the organization as one YAML document (export, diff,
// apply) and bulk runs. The planned workflows record their steps in one
// kind of [Receipt], which a second run extends to finish the job after a
// failure; a bulk run reports each row in a [BulkReport] instead.
//
// # Offboarding
//
// [PlanOffboarding] resolves a member by email or user ID and reads what
// they hold: the API keys they created (with their status), their
// memberships of active workspaces, pending invites sent to their email,
// and their RBAC groups. It returns an [OffboardPlan], which prints as
// readable text (String) and as JSON, with the steps in the order they run:
//
//  1. deactivate or archive the API keys they created (the choice,
//     [KeysDeactivate] or [KeysArchive], is explicit: planning fails with
//     [ErrKeyActionRequired] when they have active keys and none is given;
//     removing a user does not touch the keys they created, which keep
//     working);
//  2. remove them from each active workspace;
//  3. delete the pending invites sent to their email;
//  4. remove them from each RBAC group;
//  5. sign them out (a beta operation; refused by the service for owners,
//     membership admins and organizations not in the beta, which the
//     receipt records as skipped rather than failed);
//  6. remove them from the organization.
//
// [Offboard] carries out a plan step by step, stops at the first failure,
// and records every step in a [Receipt] (JSON) with its result and the
// request ID of the response. Re-running finishes the job without
// repeating what was done: plan again with the previous receipt in
// [OffboardOptions.Previous] — the steps already done no longer appear
// (their keys are inactive, their memberships gone), the sign-out the
// receipt records is not sent again, and a user the receipt records as
// removed yields a plan that is already complete rather than an error —
// then run Offboard with the same receipt, which it extends.
//
// # Limits of offboarding
//
// Memberships of archived workspaces are not listed: the API refuses to
// change them, and removing the user ends them. The default workspace has
// no explicit members. Keys created by the user but bound to nothing
// else are found through the created_by_user_id filter; keys of other
// principals are not touched. RBAC groups exist in Claude Enterprise
// organizations only: when the organization has none to list, the plan
// says so. Finding the workspace memberships costs one request per active
// workspace (the API has no "workspaces of a user" list).
//
// # Request IDs
//
// An [*admin.Error] carries the request ID of a failed call. Package admin
// does not return the request ID of a successful response, so the receipt
// records it only when the client's HTTP transport is wrapped with
// [RecordRequestIDs]; otherwise successful steps have an empty request_id.
//
// # Key hygiene
//
// [KeyHygiene] reports the API keys that need attention, one row per key
// with its findings ([HygieneKey.Findings]) and counts per reason:
//
//   - [ReasonExpiring]: the key expires within
//     [HygieneOptions.ExpiringWithin] (default 30 days); the finding gives
//     the date and the days left.
//   - [ReasonUnused]: the Messages usage report, grouped by api_key_id
//     over [HygieneOptions.UnusedFor] (default 90 days, from midnight UTC
//     of the first day), has no tokens for the key. A key created inside
//     that window is not unused: it has not had the time. Every row
//     carries the last day with usage in the window (LastUsed), whatever
//     its findings.
//   - [ReasonCreatorGone]: created_by names a user who is not a current
//     member. Keys created by a service account are not checked (a
//     service account is not a member; the report notes how many there
//     are), nor keys whose created_by is null (legacy, federated and
//     system keys).
//   - [ReasonNoPrincipal]: the key is bound to no user or service
//     account.
//
// Only active keys are checked unless [HygieneOptions.IncludeInactive]:
// inactive, expired and archived keys cannot be used. The report costs
// the key list, the member list and one range of the usage report (a page
// per 31 days), never a request per key; [HygieneOptions.Only] restricts
// the reasons and skips the lists they do not need.
//
// [DeactivateFlaggedKeys] deactivates the active keys of a report
// ([HygieneReport.Steps], kind [StepDeactivateAPIKey]) with a [Receipt]
// whose Workflow is [WorkflowKeyHygiene], and stops at the first failure.
// To finish, make the report again and deactivate with the same receipt:
// the keys already deactivated are inactive, so they are no longer in the
// report and nothing is sent twice.
//
// # Onboarding
//
// [PlanOnboarding] plans giving one person, by email, an organization
// role, workspace memberships ([WorkspaceGrant], by workspace ID or exact
// name) and RBAC groups (by ID or exact name). Every workspace and group
// is checked before anything is written: unknown or archived workspaces,
// unknown groups and names that fit several fail with
// [ErrUnknownReference]. Workspace membership needs a user ID, which
// exists only once the person has accepted an invite, so the plan depends
// on where they are:
//
//   - Not a member and no pending invite: one step, [StepCreateInvite],
//     with the role ([OnboardOptions.Role], then required:
//     [ErrRoleRequired]) and the RBAC groups, which the invitee joins on
//     acceptance. The workspaces wait for the acceptance
//     ([OnboardPlan.AwaitingAcceptance]): run onboarding again after it.
//   - A pending invite: no new invite. If its role or groups differ from
//     those asked for, the plan says so and keeps it: deleting and
//     sending it again would send a new email and could lose the invite
//     between the two calls, while the run after the acceptance corrects
//     the role and the groups anyway.
//   - A member: [StepUpdateUserRole] when Role is set and differs (an
//     admin's or owner's role, which the API cannot change, is noted and
//     left), [StepAddWorkspaceMember] for each missing membership
//     ([admin.WorkspaceRoleWorkspaceBilling] cannot be given on add: the
//     plan refuses it), [StepUpdateWorkspaceMember] for each different
//     role, and [StepAddRBACGroupMember] for each missing group.
//
// Onboarding never removes anything. [Onboard] carries out a plan, stops
// at the first failure and records every step in a [Receipt] whose
// Workflow is [WorkflowOnboarding]; it is complete once the person is a
// member with everything asked for. Every step's effect can be read back
// (the invite is pending, the membership exists), so a re-run plans from
// the current state and repeats nothing that was done, even a call whose
// answer was lost after the service made the change.
//
// # Organization state: export, diff, apply
//
// [ExportOrg] reads the configuration of the client's organization into an
// [OrgState]: the organization (id, name); members (email, name, role,
// id); pending invites (email, role, RBAC groups by name, expiry); active
// workspaces (name, id, colour, tags, data residency) with their members
// by email, explicit service-account memberships by name and rate-limit
// overrides; service accounts that are not archived; RBAC groups with
// their members by email; and the metadata of every API key (workspace,
// name, id, status, creator, principal, expiry). It holds no secrets, not
// even the partial key hints. Archived workspaces and service accounts
// and the default workspace are left out: the API cannot change them.
// [OrgState.WriteYAML] writes it in a stable order (every list sorted by
// a natural key, maps by key), so two exports of an unchanged
// organization are byte-identical and diff cleanly in git;
// [ReadOrgState] reads it back, refusing unknown fields.
//
// [PlanOrgChanges] takes a desired state, usually an edited export. It
// refuses, with [ErrOrganizationMismatch], unless the client's
// organization is the file's organization.id; then it exports the current
// state and returns an [OrgPlan] whose String is a diff ("+" adds, "~"
// changes, "-" removes). Objects are matched by ID when the file gives
// one, else by natural key, so new objects need no ID: a workspace,
// service account or RBAC group without an ID that matches no name is
// created, and an invite for a new email is sent. What the plan covers:
// user roles; invites (sent; deleted and sent again when their role or
// groups change); workspaces (created; name, colour, tags and inference
// geographies updated); workspace members and service-account
// memberships (added, role changed); rate-limit overrides (set); service
// accounts (created; description and role updated); RBAC groups
// (created, renamed, members added); API keys (name and status only: keys
// cannot be created through the API). Nothing the file does not mention
// is removed unless [PlanOptions.Prune] is set: then members are removed,
// invites deleted, memberships and overrides cleared, RBAC groups
// deleted, and workspaces and service accounts archived; without it the
// plan lists them as left alone. API keys are never archived for being
// absent. A list left out of the file (or a workspace's members,
// service_accounts or rate_limits left out) is not compared at all; an
// empty list is. What the file states that the API cannot change (a
// user's name, a new member who was never invited, a workspace's storage
// geography, a key's workspace) is listed in [OrgPlan.CannotApply], never
// silently ignored.
//
// [ApplyOrgChanges] carries out a plan step by step, stops at the first
// failure and records every step in a [Receipt] (request IDs as for
// offboarding). To finish after a failure, plan again from the same file
// and apply with the same receipt: the objects created are now matched by
// name, so only what is left is done and nothing is repeated.
//
// Service accounts need an org:admin OAuth token, and RBAC groups exist in
// Claude Enterprise organizations only: the export names a section it
// cannot read in [OrgState.NotExported], and planning leaves such a
// section alone. The export asks for the largest page every list allows
// and makes one request per workspace for its members and one for its
// rate-limit overrides (the API has no organization-wide list of either),
// one per RBAC group for its members, and reads service-account
// memberships per account or per workspace, whichever is fewer.
//
// # Bulk runs
//
// [RunBulk] makes one call per row of a list (a [BulkFunc] gets the row's
// index), a few at a time ([BulkOptions.Parallel], [DefaultBulkParallel]
// by default), and returns a [BulkReport]: one [BulkResult] per row in the
// order of the input, with its status (ok, already_done, error, skipped),
// the request ID of its response, the ID of the object it made and the
// error. A failing row does not stop the others; when the context ends, no
// new row starts and the rows not started are reported as skipped.
// [InviteMany] is RunBulk for invites: one createInvite per email, the
// fewest requests the API allows.
//
// Re-running after a failure halfway: pass the error codes that mean
// "done already" in [BulkOptions.AlreadyDone] ([InviteAlreadyDone] for
// invites: a pending invite exists, or the person is a member) or set
// [BulkOptions.ConflictIsDone] for 409s, and run the whole list again: the
// rows done the first time come back already_done, nothing is made twice.
//
// A 429 pauses the whole run, not just its row: no worker starts a row
// until the Retry-After has passed. With [RecordRequestIDs] in the
// client's transport the run sees a 429 as it arrives, even one that
// package admin retries itself; a 429 that admin returns makes RunBulk run
// the row again after the pause ([BulkOptions.RateLimitRetries] times at
// most), so the two layers never both retry the same response.
package workflow
