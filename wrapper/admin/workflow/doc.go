// Package workflow holds the administrative workflows built on package
// admin: tasks an administrator thinks of as one job but that take many
// API calls, each planned first, shown, and then carried out with a
// receipt of every call.
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
// # Limits
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
package workflow
