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
