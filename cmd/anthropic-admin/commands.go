package main

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"strconv"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// call is what an object leaf does: one API call returning one object.
type call[T any] func(ctx context.Context, c *admin.Client, args []string) (*T, error)

// object builds a leaf that makes one call and prints the object returned.
// setup registers the leaf's flags and returns the call.
func object[T any](name string, op admin.Operation, summary string, args []string, vw view[T], setup func(fs *flag.FlagSet) call[T]) *command {
	return &command{name: name, op: op, summary: summary, args: args, setup: func(fs *flag.FlagSet) runFunc {
		do := setup(fs)
		return func(ctx context.Context, a *app, args []string) error {
			v, err := do(ctx, a.c, args)
			if err != nil {
				return err
			}
			return printOne(a, v, vw)
		}
	}}
}

// noFlags is the setup of an object leaf without flags of its own.
func noFlags[T any](do call[T]) func(*flag.FlagSet) call[T] {
	return func(*flag.FlagSet) call[T] { return do }
}

// listSetup returns the lister and view of a list leaf at run time.
type listSetup[T any] func(ctx context.Context, a *app, args []string) (lister[T], view[T], error)

// list builds a leaf that streams a list. setup registers the leaf's own
// flags (filters) and returns what fetches and prints the items.
func list[T any](name string, op admin.Operation, summary string, args []string, setup func(fs *flag.FlagSet) listSetup[T]) *command {
	return &command{name: name, op: op, summary: summary, args: args, setup: func(fs *flag.FlagSet) runFunc {
		var lf listFlags
		lf.register(fs)
		prepare := setup(fs)
		return func(ctx context.Context, a *app, args []string) error {
			l, vw, err := prepare(ctx, a, args)
			if err != nil {
				return err
			}
			return printList(ctx, a, lf, l, vw)
		}
	}}
}

// fixed returns the listSetup of a list whose view does not depend on its
// flags, with pages of at most maxIDPage items; pages is called with the
// client, the arguments and the page size, and its pages are adapted by
// unpack.
func fixed[L, T any](vw view[T], unpack func(*L) ([]T, bool), pages func(ctx context.Context, c *admin.Client, args []string, pageSize int) iter.Seq2[*L, error]) listSetup[T] {
	return func(_ context.Context, a *app, args []string) (lister[T], view[T], error) {
		return paged(maxIDPage, unpack, func(ctx context.Context, n int) iter.Seq2[*L, error] { return pages(ctx, a.c, args, n) }), vw, nil
	}
}

// report returns the listSetup of a report, which needs the time flag
// called name (at holds its value); to, when not nil, holds the optional
// end of the report (--to), which must then come after it. build returns
// the lister and view once the flags are parsed.
func report[T any](name string, at, to *time.Time, build func(a *app) (lister[T], view[T])) listSetup[T] {
	return func(_ context.Context, a *app, _ []string) (lister[T], view[T], error) {
		if at.IsZero() {
			return lister[T]{}, view[T]{}, usageErrorf("--%s is required", name)
		}
		if to != nil && !to.IsZero() && !to.After(*at) {
			return lister[T]{}, view[T]{}, usageErrorf("--to (%s) must be later than --%s (%s)", ts(*to), name, ts(*at))
		}
		l, vw := build(a)
		l.report = true
		return l, vw, nil
	}
}

// maxIDPage is the largest page of the ID-cursor lists, rate limits and
// the Compliance API.
const maxIDPage = 1000

// group builds a command group.
func group(name, summary string, subs ...*command) *command {
	return &command{name: name, summary: summary, subs: subs}
}

// detailed sets the details of a leaf's help.
func detailed(c *command, details string) *command {
	c.details = details
	return c
}

// confirmed sets the confirmation question of a destructive leaf.
func confirmed(c *command, q question) *command {
	c.confirm = q
	return c
}

// describer describes the object named by an argument for a question,
// fetching it: a wrong ID fails before anything is asked.
type describer func(ctx context.Context, c *admin.Client, args []string) (string, error)

// ask returns the question format filled with what parts describe.
func ask(format string, parts ...describer) question {
	return func(ctx context.Context, c *admin.Client, args []string) (string, error) {
		vals := make([]any, len(parts))
		for i, describe := range parts {
			v, err := describe(ctx, c, args)
			if err != nil {
				return "", err
			}
			vals[i] = v
		}
		return fmt.Sprintf(format, vals...), nil
	}
}

// describe returns the describer of argument i, fetched with get and
// printed with show.
func describe[T any](i int, get func(context.Context, *admin.Client, string) (*T, error), show func(*T) string) describer {
	return func(ctx context.Context, c *admin.Client, args []string) (string, error) {
		v, err := get(ctx, c, args[i])
		if err != nil {
			return "", err
		}
		return show(v), nil
	}
}

// The getters of the objects that the get commands show and the questions
// name.

func getUser(ctx context.Context, c *admin.Client, id string) (*admin.User, error) {
	return c.Users.Get(ctx, id)
}

func getWorkspace(ctx context.Context, c *admin.Client, id string) (*admin.Workspace, error) {
	return c.Workspaces.Get(ctx, id)
}

func getInvite(ctx context.Context, c *admin.Client, id string) (*admin.Invite, error) {
	return c.Invites.Get(ctx, id)
}

func getAPIKey(ctx context.Context, c *admin.Client, id string) (*admin.APIKey, error) {
	return c.APIKeys.Get(ctx, id)
}

// byID is the setup of an object leaf without flags that fetches the object
// named by its first argument with get.
func byID[T any](get func(context.Context, *admin.Client, string) (*T, error)) func(*flag.FlagSet) call[T] {
	return noFlags(func(ctx context.Context, c *admin.Client, args []string) (*T, error) {
		return get(ctx, c, args[0])
	})
}

// userAt describes the user named by argument i.
func userAt(i int) describer {
	return describe(i, getUser, func(u *admin.User) string { return fmt.Sprintf("%s <%s> (%s)", u.Name, u.Email, u.ID) })
}

// workspaceAt describes the workspace named by argument i.
func workspaceAt(i int) describer {
	return describe(i, getWorkspace, func(w *admin.Workspace) string { return fmt.Sprintf("%q (%s)", w.Name, w.ID) })
}

// inviteAt describes the invite named by argument i.
func inviteAt(i int) describer {
	return describe(i, getInvite, func(v *admin.Invite) string {
		return fmt.Sprintf("the %s invite of %s (%s)", v.Status, v.Email, v.ID)
	})
}

// apiKeyAt describes the API key named by argument i.
func apiKeyAt(i int) describer {
	return describe(i, getAPIKey, func(k *admin.APIKey) string { return fmt.Sprintf("%q (%s)", k.Name, k.ID) })
}

// commands returns the command tree; every leaf is one API operation.
func commands() *command {
	return group("", "A command line tool for Anthropic organization admins, built on the Admin API.",
		group("org", "The organization.",
			object("show", admin.OpGetOrganizationMe, "Show the organization the Admin key belongs to.", nil, orgView,
				noFlags(func(ctx context.Context, c *admin.Client, _ []string) (*admin.Organization, error) {
					return c.Organization.Get(ctx)
				})),
		),
		usersCommands(),
		invitesCommands(),
		workspacesCommands(),
		apiKeysCommands(),
		group("rate-limits", "The organization's rate limits.",
			list("list", admin.OpListOrganizationRateLimits, "List the organization's rate limits, one row per limiter.", nil,
				func(fs *flag.FlagSet) listSetup[admin.RateLimit] {
					var p admin.ListOrganizationRateLimitsParams
					enumFlag(fs, &p.GroupType, "group-type", "only limits of this group `type`", groupTypes)
					fs.StringVar(&p.Model, "model", "", "only the limits that apply to this `model`")
					return fixed(rateLimitView, rateLimitPage, func(ctx context.Context, c *admin.Client, _ []string, n int) iter.Seq2[*admin.RateLimitList, error] {
						p.Limit = n
						return c.RateLimits.Pages(ctx, &p)
					})
				}),
		),
		usageCommands(),
		group("compliance", "The Compliance API (needs ANTHROPIC_COMPLIANCE_KEY).", complianceUsers()),
		group("fake", "The fake Admin API of package admintest.",
			&command{name: "serve", summary: "Serve the fake API on a port for other clients (see fake serve --help).", raw: runFakeServe},
		),
	)
}

func usersCommands() *command {
	return group("users", "Members of the organization.",
		list("list", admin.OpListUsers, "List the organization's members, oldest first.", nil,
			func(fs *flag.FlagSet) listSetup[admin.User] {
				var p admin.ListUsersParams
				fs.StringVar(&p.Email, "email", "", "only the user with this `address`")
				listFlag(fs, &p.Roles, "role", "only users with these organization `roles`", orgRoles)
				return fixed(userView, userPage, func(ctx context.Context, c *admin.Client, _ []string, n int) iter.Seq2[*admin.UserList, error] {
					p.Limit = n
					return c.Users.Pages(ctx, &p)
				})
			}),
		object("get", admin.OpGetUser, "Show a user.", []string{"<user-id>"}, userView,
			byID(getUser)),
		detailed(object("set-role", admin.OpUpdateUser, "Change a user's organization role.", []string{"<user-id>", "<role>"}, userView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.User, error) {
				role, err := argEnum("role", args[1], assignableOrgRoles)
				if err != nil {
					return nil, err
				}
				return c.Users.Update(ctx, args[0], admin.UpdateUserRequest{Role: role})
			})), "Roles: "+join(assignableOrgRoles, ", ")+" (admin can never be assigned)."),
		confirmed(object("remove", admin.OpRemoveUser, "Remove a user from the organization and from all its workspaces.", []string{"<user-id>"}, userDeletedView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.UserDeleted, error) {
				return c.Users.Remove(ctx, args[0])
			})),
			ask("Remove user %s from the organization and all its workspaces?", userAt(0))),
	)
}

func invitesCommands() *command {
	return group("invites", "Invitations to the organization.",
		list("list", admin.OpListInvites, "List invites.", nil,
			func(fs *flag.FlagSet) listSetup[admin.Invite] {
				var p admin.ListInvitesParams
				fs.StringVar(&p.Email, "email", "", "only invites sent to this `address`")
				listFlag(fs, &p.Roles, "role", "only invites for these organization `roles`", orgRoles)
				listFlag(fs, &p.Statuses, "status", "only invites in these `states`", inviteStatuses)
				return fixed(inviteView, invitePage, func(ctx context.Context, c *admin.Client, _ []string, n int) iter.Seq2[*admin.InviteList, error] {
					p.Limit = n
					return c.Invites.Pages(ctx, &p)
				})
			}),
		object("get", admin.OpGetInvite, "Show an invite.", []string{"<invite-id>"}, inviteView,
			byID(getInvite)),
		detailed(object("create", admin.OpCreateInvite, "Invite someone to the organization.", []string{"<email>", "<role>"}, inviteView,
			func(fs *flag.FlagSet) call[admin.Invite] {
				var groups []string
				listFlag(fs, &groups, "rbac-group", "also add the user to these RBAC group `IDs`", nil)
				return func(ctx context.Context, c *admin.Client, args []string) (*admin.Invite, error) {
					role, err := argEnum("role", args[1], assignableOrgRoles)
					if err != nil {
						return nil, err
					}
					return c.Invites.Create(ctx, admin.CreateInviteRequest{Email: args[0], Role: role, RBACGroupIDs: groups})
				}
			}), "Roles: "+join(assignableOrgRoles, ", ")+"."),
		confirmed(object("delete", admin.OpDeleteInvite, "Delete a pending invite.", []string{"<invite-id>"}, inviteDeletedView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.InviteDeleted, error) {
				return c.Invites.Delete(ctx, args[0])
			})),
			ask("Delete %s?", inviteAt(0))),
	)
}

func workspacesCommands() *command {
	return group("workspaces", "Workspaces, their members and their rate limits.",
		list("list", admin.OpListWorkspaces, "List workspaces.", nil,
			func(fs *flag.FlagSet) listSetup[admin.Workspace] {
				var p admin.ListWorkspacesParams
				fs.BoolVar(&p.IncludeArchived, "include-archived", false, "include archived workspaces")
				fs.BoolVar(&p.IncludeDefault, "include-default", false, "include the default workspace")
				return fixed(workspaceView, workspacePage, func(ctx context.Context, c *admin.Client, _ []string, n int) iter.Seq2[*admin.WorkspaceList, error] {
					p.Limit = n
					return c.Workspaces.Pages(ctx, &p)
				})
			}),
		object("get", admin.OpGetWorkspace, "Show a workspace, archived or not.", []string{"<workspace-id>"}, workspaceView,
			byID(getWorkspace)),
		object("create", admin.OpCreateWorkspace, "Create a workspace.", []string{"<name>"}, workspaceView,
			func(fs *flag.FlagSet) call[admin.Workspace] {
				var body admin.CreateWorkspaceRequest
				var res admin.DataResidencyCreate
				var geo admin.WorkspaceGeo
				var def admin.InferenceGeo
				var allowed []string
				fs.Var(&optString{&body.DisplayColor}, "color", "display `color`, such as #6C5BB9")
				fs.Var(&tagsValue{&body.Tags}, "tag", "a `key=value` tag; repeatable")
				fs.Var(&optString{&body.ExternalKeyID}, "external-key-id", "encrypt with this customer-managed key `ID`")
				enumFlag(fs, &geo, "workspace-geo", "where the workspace stores data", workspaceGeos)
				enumFlag(fs, &def, "default-inference-geo", "default inference geography", inferenceGeos)
				listFlag(fs, &allowed, "allowed-inference-geos", "allowed inference `geos` ("+join(inferenceGeos, ", ")+", or unrestricted)", nil)
				return func(ctx context.Context, c *admin.Client, args []string) (*admin.Workspace, error) {
					body.Name = args[0]
					if geo != "" {
						res.WorkspaceGeo = &geo
					}
					if def != "" {
						res.DefaultInferenceGeo = &def
					}
					if allowed != nil {
						a, err := allowedGeos(allowed)
						if err != nil {
							return nil, err
						}
						res.AllowedInferenceGeos = &a
					}
					if res != (admin.DataResidencyCreate{}) {
						body.DataResidency = &res
					}
					return c.Workspaces.Create(ctx, body)
				}
			}),
		object("rename", admin.OpUpdateWorkspace, "Rename a workspace.", []string{"<workspace-id>", "<name>"}, workspaceView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.Workspace, error) {
				return c.Workspaces.Update(ctx, args[0], admin.UpdateWorkspaceRequest{Name: &args[1]})
			})),
		confirmed(object("archive", admin.OpArchiveWorkspace, "Archive a workspace and its API keys.", []string{"<workspace-id>"}, workspaceView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.Workspace, error) {
				return c.Workspaces.Archive(ctx, args[0])
			})),
			ask("Archive workspace %s? Its API keys are archived too, and this cannot be undone.", workspaceAt(0))),
		membersCommands(),
		group("rate-limits", "A workspace's rate limits.",
			list("list", admin.OpListWorkspaceRateLimits, "List a workspace's rate limit overrides, one row per limiter.", []string{"<workspace-id>"},
				func(fs *flag.FlagSet) listSetup[admin.WorkspaceRateLimit] {
					var p admin.ListWorkspaceRateLimitsParams
					enumFlag(fs, &p.GroupType, "group-type", "only limits of this group `type`", groupTypes)
					fs.BoolVar(&p.IncludeInherited, "include-inherited", false, "also list the limits inherited from the organization")
					return fixed(workspaceRateLimitView, workspaceRateLimitPage, func(ctx context.Context, c *admin.Client, args []string, n int) iter.Seq2[*admin.WorkspaceRateLimitList, error] {
						p.Limit = n
						return c.WorkspaceRateLimits.Pages(ctx, args[0], &p)
					})
				}),
			detailed(object("set", admin.OpUpdateWorkspaceRateLimit, "Set or clear a workspace's overrides of an organization rate limit.",
				[]string{"<workspace-id>", "<rate-limit-id>", "<limiter=value>..."}, workspaceRateLimitView,
				noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.WorkspaceRateLimit, error) {
					var body admin.UpdateWorkspaceRateLimitRequest
					for _, arg := range args[2:] {
						ch, err := limitChange(arg)
						if err != nil {
							return nil, err
						}
						body.Limits = append(body.Limits, ch)
					}
					return c.WorkspaceRateLimits.Update(ctx, args[0], args[1], body)
				})),
				"Each change is limiter=N, or limiter=inherit to clear the override and fall back to the\norganization's limit. <rate-limit-id> is an ID from 'rate-limits list'.\nLimiters: "+join(limiterTypes, ", ")+"."),
		),
	)
}

func membersCommands() *command {
	return group("members", "Users' memberships of a workspace.",
		list("list", admin.OpListWorkspaceMembers, "List a workspace's members.", []string{"<workspace-id>"},
			func(fs *flag.FlagSet) listSetup[admin.WorkspaceMember] {
				return fixed(memberView, memberPage, func(ctx context.Context, c *admin.Client, args []string, n int) iter.Seq2[*admin.WorkspaceMemberList, error] {
					return c.WorkspaceMembers.Pages(ctx, args[0], &admin.ListWorkspaceMembersParams{Limit: n})
				})
			}),
		object("get", admin.OpGetWorkspaceMember, "Show a user's membership of a workspace.", []string{"<workspace-id>", "<user-id>"}, memberView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.WorkspaceMember, error) {
				return c.WorkspaceMembers.Get(ctx, args[0], args[1])
			})),
		detailed(object("add", admin.OpAddWorkspaceMember, "Add an organization member to a workspace.", []string{"<workspace-id>", "<user-id>", "<role>"}, memberView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.WorkspaceMember, error) {
				role, err := argEnum("role", args[2], assignableWorkspaceRoles)
				if err != nil {
					return nil, err
				}
				return c.WorkspaceMembers.Add(ctx, args[0], admin.AddWorkspaceMemberRequest{UserID: args[1], WorkspaceRole: role})
			})), "Roles: "+join(assignableWorkspaceRoles, ", ")+"."),
		detailed(object("set-role", admin.OpUpdateWorkspaceMember, "Change a member's workspace role.", []string{"<workspace-id>", "<user-id>", "<role>"}, memberView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.WorkspaceMember, error) {
				role, err := argEnum("role", args[2], workspaceRoles)
				if err != nil {
					return nil, err
				}
				return c.WorkspaceMembers.Update(ctx, args[0], args[1], admin.UpdateWorkspaceMemberRequest{WorkspaceRole: role})
			})), "Roles: "+join(workspaceRoles, ", ")+"."),
		confirmed(object("remove", admin.OpRemoveWorkspaceMember, "Remove a user from a workspace (they stay in the organization).", []string{"<workspace-id>", "<user-id>"}, memberDeletedView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.WorkspaceMemberDeleted, error) {
				return c.WorkspaceMembers.Remove(ctx, args[0], args[1])
			})),
			ask("Remove user %s from workspace %s?", userAt(1), workspaceAt(0))),
	)
}

func apiKeysCommands() *command {
	// status is the leaf that puts a key in state s.
	status := func(name, summary string, s admin.APIKeyStatusUpdate) *command {
		return object(name, "updateApiKey", summary, []string{"<api-key-id>"}, apiKeyView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.APIKey, error) {
				return c.APIKeys.Update(ctx, args[0], admin.UpdateAPIKeyRequest{Status: &s})
			}))
	}
	return group("api-keys", "The organization's API keys (created and deleted in the Console only).",
		list("list", admin.OpListAPIKeys, "List API keys (never their secrets).", nil,
			func(fs *flag.FlagSet) listSetup[admin.APIKey] {
				var p admin.ListAPIKeysParams
				enumFlag(fs, &p.Status, "status", "only keys in this `state`", apiKeyStatuses)
				fs.StringVar(&p.WorkspaceID, "workspace", "", "only the keys of this workspace `ID`")
				fs.StringVar(&p.CreatedByUserID, "created-by", "", "only keys created by this user `ID`")
				return fixed(apiKeyView, apiKeyPage, func(ctx context.Context, c *admin.Client, _ []string, n int) iter.Seq2[*admin.APIKeyList, error] {
					p.Limit = n
					return c.APIKeys.Pages(ctx, &p)
				})
			}),
		object("get", admin.OpGetAPIKey, "Show an API key (never its secret).", []string{"<api-key-id>"}, apiKeyView,
			byID(getAPIKey)),
		object("rename", admin.OpUpdateAPIKey, "Rename an API key.", []string{"<api-key-id>", "<name>"}, apiKeyView,
			noFlags(func(ctx context.Context, c *admin.Client, args []string) (*admin.APIKey, error) {
				return c.APIKeys.Update(ctx, args[0], admin.UpdateAPIKeyRequest{Name: &args[1]})
			})),
		status("activate", "Activate an API key.", admin.APIKeyStatusUpdateActive),
		confirmed(status("deactivate", "Deactivate an API key.", admin.APIKeyStatusUpdateInactive),
			ask("Deactivate API key %s? Requests with it fail until it is activated again.", apiKeyAt(0))),
		confirmed(status("archive", "Archive an API key for good.", admin.APIKeyStatusUpdateArchived),
			ask("Archive API key %s? This cannot be undone.", apiKeyAt(0))),
	)
}

func usageCommands() *command {
	return group("usage", "The usage, cost and Claude Code reports.",
		list("messages", admin.OpGetMessagesUsageReport, "The Messages API usage report, one row per time bucket and group.", nil,
			func(fs *flag.FlagSet) listSetup[admin.MessagesUsageTimeBucket] {
				var p admin.GetMessagesUsageReportParams
				timeFlag(fs, &p.StartingAt, "from", "start of the report (required)")
				timeFlag(fs, &p.EndingAt, "to", "end of the report (exclusive)")
				enumFlag(fs, &p.BucketWidth, "bucket-width", "bucket `width`", bucketWidths)
				listFlag(fs, &p.GroupBy, "group-by", "split buckets by these `dimensions`", messagesGroupBys)
				listFlag(fs, &p.APIKeyIDs, "api-key", "only usage of these API key `IDs`", nil)
				listFlag(fs, &p.WorkspaceIDs, "workspace", "only usage of these workspace `IDs`", nil)
				listFlag(fs, &p.Models, "model", "only usage of these `models`", nil)
				listFlag(fs, &p.ServiceTiers, "service-tier", "only these service `tiers`", serviceTiers)
				listFlag(fs, &p.ContextWindows, "context-window", "only these context `windows`", contextWindows)
				listFlag(fs, &p.InferenceGeos, "inference-geo", "only these inference `geos`", usageGeos)
				listFlag(fs, &p.AccountIDs, "account", "only usage of these user account `IDs`", nil)
				listFlag(fs, &p.ServiceAccountIDs, "service-account", "only usage of these service account `IDs`", nil)
				listFlag(fs, &p.Speeds, "speed", "only these `speeds`", speeds)
				return report("from", &p.StartingAt, &p.EndingAt, func(a *app) (lister[admin.MessagesUsageTimeBucket], view[admin.MessagesUsageTimeBucket]) {
					return paged(maxBuckets[p.BucketWidth], messagesPage, func(ctx context.Context, n int) iter.Seq2[*admin.MessagesUsageReport, error] {
						p.Limit = n
						return a.c.MessagesUsage.Pages(ctx, &p)
					}), messagesView(p.GroupBy)
				})
			}),
		list("cost", admin.OpGetCostReport, "The cost report in cents, one row per day and group.", nil,
			func(fs *flag.FlagSet) listSetup[admin.CostTimeBucket] {
				var p admin.GetCostReportParams
				timeFlag(fs, &p.StartingAt, "from", "first day of the report (required)")
				timeFlag(fs, &p.EndingAt, "to", "end of the report (exclusive)")
				listFlag(fs, &p.GroupBy, "group-by", "split days by these `dimensions`", costGroupBys)
				return report("from", &p.StartingAt, &p.EndingAt, func(a *app) (lister[admin.CostTimeBucket], view[admin.CostTimeBucket]) {
					return paged(31, costPage, func(ctx context.Context, n int) iter.Seq2[*admin.CostReport, error] {
						p.Limit = n
						return a.c.Cost.Pages(ctx, &p)
					}), costView(p.GroupBy)
				})
			}),
		list("claude-code", admin.OpGetClaudeCodeUsageReport, "The Claude Code usage report of one day, one row per actor and terminal.", nil,
			func(fs *flag.FlagSet) listSetup[admin.ClaudeCodeUsageRecord] {
				var p admin.GetClaudeCodeUsageReportParams
				timeFlag(fs, &p.StartingAt, "day", "the day to report (required)")
				return report("day", &p.StartingAt, nil, func(a *app) (lister[admin.ClaudeCodeUsageRecord], view[admin.ClaudeCodeUsageRecord]) {
					return paged(maxIDPage, claudeCodePage, func(ctx context.Context, n int) iter.Seq2[*admin.ClaudeCodeUsageReport, error] {
						p.Limit = n
						return a.c.ClaudeCodeUsage.Pages(ctx, &p)
					}), claudeCodeView
				})
			}),
	)
}

func complianceUsers() *command {
	c := list("users", admin.OpListComplianceOrganizationUsers, "List users through the Compliance API, by join date.", nil,
		func(fs *flag.FlagSet) listSetup[admin.ComplianceUser] {
			var org string
			fs.StringVar(&org, "org", "", "the organization `UUID` (default: looked up with the Admin key)")
			return func(ctx context.Context, a *app, _ []string) (lister[admin.ComplianceUser], view[admin.ComplianceUser], error) {
				if org == "" {
					if !a.adminKey {
						return lister[admin.ComplianceUser]{}, complianceUserView, usageErrorf("pass --org, or set %s to look the organization up", envAdminKey)
					}
					o, err := a.c.Organization.Get(ctx)
					if err != nil {
						return lister[admin.ComplianceUser]{}, complianceUserView, err
					}
					org = o.ID
				}
				return paged(maxIDPage, complianceUserPage, func(ctx context.Context, n int) iter.Seq2[*admin.ComplianceUserList, error] {
					return a.c.ComplianceUsers.Pages(ctx, org, &admin.ListComplianceOrganizationUsersParams{Limit: n})
				}), complianceUserView, nil
			}
		})
	c.compliance = true
	return c
}

// The adapters of the pages of each list to page: the items, and whether
// more follow. ID-cursor lists say so with has_more, page-token lists with a
// next_page token (and has_more where they have it).

func userPage(l *admin.UserList) ([]admin.User, bool)       { return l.Data, l.HasMore }
func invitePage(l *admin.InviteList) ([]admin.Invite, bool) { return l.Data, l.HasMore }
func workspacePage(l *admin.WorkspaceList) ([]admin.Workspace, bool) {
	return l.Data, l.HasMore
}
func memberPage(l *admin.WorkspaceMemberList) ([]admin.WorkspaceMember, bool) {
	return l.Data, l.HasMore
}
func apiKeyPage(l *admin.APIKeyList) ([]admin.APIKey, bool) { return l.Data, l.HasMore }
func rateLimitPage(l *admin.RateLimitList) ([]admin.RateLimit, bool) {
	return l.Data, nextPage(l.NextPage)
}
func workspaceRateLimitPage(l *admin.WorkspaceRateLimitList) ([]admin.WorkspaceRateLimit, bool) {
	return l.Data, nextPage(l.NextPage)
}
func messagesPage(l *admin.MessagesUsageReport) ([]admin.MessagesUsageTimeBucket, bool) {
	return l.Data, l.HasMore && nextPage(l.NextPage)
}
func costPage(l *admin.CostReport) ([]admin.CostTimeBucket, bool) {
	return l.Data, l.HasMore && nextPage(l.NextPage)
}
func claudeCodePage(l *admin.ClaudeCodeUsageReport) ([]admin.ClaudeCodeUsageRecord, bool) {
	return l.Data, l.HasMore && nextPage(l.NextPage)
}
func complianceUserPage(l *admin.ComplianceUserList) ([]admin.ComplianceUser, bool) {
	return l.Data, l.HasMore && nextPage(l.NextPage)
}

// nextPage reports whether a next_page token is set.
func nextPage(p *string) bool { return p != nil && *p != "" }

// argEnum checks a positional argument against allowed.
func argEnum[T ~string](what, s string, allowed []T) (T, error) {
	t, err := parseEnum(s, allowed)
	if err != nil {
		return t, usageErrorf("invalid %s: %v", what, err)
	}
	return t, nil
}

// allowedGeos parses --allowed-inference-geos.
func allowedGeos(list []string) (admin.AllowedInferenceGeos, error) {
	if len(list) == 1 && list[0] == string(admin.UnrestrictedInferenceGeosUnrestricted) {
		return admin.UnrestrictedGeos(), nil
	}
	geos := make([]admin.InferenceGeo, len(list))
	for i, s := range list {
		g, err := argEnum("inference geo", s, inferenceGeos)
		if err != nil {
			return admin.AllowedInferenceGeos{}, err
		}
		geos[i] = g
	}
	return admin.AllowedGeos(geos...), nil
}

// limitChange parses limiter=value or limiter=inherit.
func limitChange(arg string) (admin.WorkspaceRateLimitChange, error) {
	k, v, ok := strings.Cut(arg, "=")
	if !ok {
		return admin.WorkspaceRateLimitChange{}, usageErrorf("invalid change %q: want limiter=value or limiter=inherit", arg)
	}
	typ, err := argEnum("limiter", k, limiterTypes)
	if err != nil {
		return admin.WorkspaceRateLimitChange{}, err
	}
	ch := admin.WorkspaceRateLimitChange{Type: typ}
	if v != "inherit" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 {
			return ch, usageErrorf("invalid value in %q: want a non-negative integer or inherit", arg)
		}
		ch.Value = &n
	}
	return ch, nil
}

// maxBuckets is the largest page of the Messages usage report by bucket
// width ("" is the default, 1d).
var maxBuckets = map[admin.UsageBucketWidth]int{
	"":                           31,
	admin.UsageBucketWidthDay:    31,
	admin.UsageBucketWidthHour:   168,
	admin.UsageBucketWidthMinute: 1440,
}

// The values accepted by flags and arguments, from package admin.
var (
	assignableOrgRoles = []admin.AssignableOrganizationRole{
		admin.AssignableOrganizationRoleUser, admin.AssignableOrganizationRoleDeveloper,
		admin.AssignableOrganizationRoleBilling, admin.AssignableOrganizationRoleClaudeCodeUser,
		admin.AssignableOrganizationRoleManaged,
	}
	// orgRoles are the organization roles the list filters accept (as
	// strings, the type of the filters): every role the API reports, so a
	// typo fails with the list rather than matching nothing.
	orgRoles = []string{
		string(admin.OrganizationRoleUser), string(admin.OrganizationRoleDeveloper),
		string(admin.OrganizationRoleBilling), string(admin.OrganizationRoleAdmin),
		string(admin.OrganizationRoleClaudeCodeUser), string(admin.OrganizationRoleOwner),
		string(admin.OrganizationRolePrimaryOwner), string(admin.OrganizationRoleMembershipAdmin),
		string(admin.OrganizationRoleManaged),
	}
	workspaceRoles = []admin.WorkspaceRole{
		admin.WorkspaceRoleWorkspaceUser, admin.WorkspaceRoleWorkspaceDeveloper,
		admin.WorkspaceRoleWorkspaceRestrictedDeveloper, admin.WorkspaceRoleWorkspaceAdmin,
		admin.WorkspaceRoleWorkspaceBilling,
	}
	assignableWorkspaceRoles = []admin.AssignableWorkspaceRole{
		admin.AssignableWorkspaceRoleWorkspaceUser, admin.AssignableWorkspaceRoleWorkspaceDeveloper,
		admin.AssignableWorkspaceRoleWorkspaceRestrictedDeveloper, admin.AssignableWorkspaceRoleWorkspaceAdmin,
	}
	inviteStatuses = []admin.InviteStatusFilter{
		admin.InviteStatusFilterPending, admin.InviteStatusFilterAccepted, admin.InviteStatusFilterExpired,
	}
	apiKeyStatuses = []admin.APIKeyStatus{
		admin.APIKeyStatusActive, admin.APIKeyStatusInactive, admin.APIKeyStatusArchived, admin.APIKeyStatusExpired,
	}
	groupTypes = []admin.RateLimitGroupType{
		admin.RateLimitGroupTypeModelGroup, admin.RateLimitGroupTypeBatch, admin.RateLimitGroupTypeTokenCount,
		admin.RateLimitGroupTypeFiles, admin.RateLimitGroupTypeSkills, admin.RateLimitGroupTypeWebSearch,
	}
	limiterTypes = []admin.LimiterType{
		admin.LimiterTypeRequestsPerMinute, admin.LimiterTypeTokensPerMinute, admin.LimiterTypeInputTokensPerMinute,
		admin.LimiterTypeInputTokensPerMinuteCacheAware, admin.LimiterTypeOutputTokensPerMinute,
		admin.LimiterTypeTokensPerDay, admin.LimiterTypeToolUsesPerSecond, admin.LimiterTypeFastItpmca,
		admin.LimiterTypeFastOtpm,
	}
	bucketWidths     = []admin.UsageBucketWidth{admin.UsageBucketWidthDay, admin.UsageBucketWidthHour, admin.UsageBucketWidthMinute}
	messagesGroupBys = []admin.MessagesUsageGroupBy{
		admin.MessagesUsageGroupByModel, admin.MessagesUsageGroupByWorkspaceID, admin.MessagesUsageGroupByAPIKeyID,
		admin.MessagesUsageGroupByAccountID, admin.MessagesUsageGroupByServiceAccountID,
		admin.MessagesUsageGroupByServiceTier, admin.MessagesUsageGroupByContextWindow,
		admin.MessagesUsageGroupByInferenceGeo, admin.MessagesUsageGroupBySpeed,
	}
	costGroupBys = []admin.CostGroupBy{admin.CostGroupByWorkspaceID, admin.CostGroupByDescription}
	serviceTiers = []admin.ServiceTier{
		admin.ServiceTierStandard, admin.ServiceTierBatch, admin.ServiceTierPriority,
		admin.ServiceTierPriorityOnDemand, admin.ServiceTierFlex, admin.ServiceTierFlexDiscount,
	}
	contextWindows = []admin.ContextWindow{admin.ContextWindowUpTo200K, admin.ContextWindowOver200K}
	usageGeos      = []admin.UsageInferenceGeo{admin.UsageInferenceGeoGlobal, admin.UsageInferenceGeoUS, admin.UsageInferenceGeoNotAvailable}
	speeds         = []admin.Speed{admin.SpeedStandard, admin.SpeedFast}
	inferenceGeos  = []admin.InferenceGeo{admin.InferenceGeoGlobal, admin.InferenceGeoUS}
	workspaceGeos  = []admin.WorkspaceGeo{admin.WorkspaceGeoUS}
)
