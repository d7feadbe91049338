package main

import (
	"context"
	"flag"
	"fmt"
	"iter"
	"slices"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// Shell completion: cobra's scripts call the hidden "__complete" command,
// which completes command names, flag names and, through the functions
// registered here, the values of enum flags (the values their flagSpec
// lists, from package admin's XValues) and IDs fetched from the API.

// completionTimeout bounds the list call that completes an ID: a shell
// must not hang on a slow network.
const completionTimeout = 2 * time.Second

// completionPageSize is how many IDs a completion fetches: one page.
const completionPageSize = 100

// idFlagNames are the flags that idCompletions completes with IDs.
var idFlagNames = []string{"workspace", "created-by", "api-key", "service-account", "issuer", "rbac-group", "external-key-id"}

// completeFlags registers the completion of the values of the flags of fs
// on cmd: the allowed values of enum flags (lists completing after the
// last comma), and IDs for the flags idFlagNames names.
func (cl *cli) completeFlags(cmd *cobra.Command, fs *flag.FlagSet) {
	fs.VisitAll(func(f *flag.Flag) {
		if len(f.Name) == 1 {
			return
		}
		var allowed []string
		list := false
		switch v := f.Value.(type) {
		case *enumValue:
			allowed = v.allowed
		case *listValue:
			allowed, list = v.allowed, true
		}
		var fn cobra.CompletionFunc
		switch {
		case allowed != nil:
			fn = func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
				return completeValues(allowed, list, toComplete), cobra.ShellCompDirectiveNoFileComp
			}
		case slices.Contains(idFlagNames, f.Name):
			name := f.Name
			fn = func(cmd *cobra.Command, _ []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
				return cl.completeIDs(cmd.Context(), idCompletions.get().flags[name]), cobra.ShellCompDirectiveNoFileComp
			}
		default:
			return
		}
		// The flag exists on cmd, so registering cannot fail.
		_ = cmd.RegisterFlagCompletionFunc(f.Name, fn)
	})
}

// completeValues returns the values of allowed that complete toComplete;
// for a list, the values not given yet, after what precedes the last
// comma.
func completeValues(allowed []string, list bool, toComplete string) []cobra.Completion {
	prefix, given := "", map[string]bool{}
	if list {
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			prefix = toComplete[:i+1]
			for _, v := range strings.Split(toComplete[:i], ",") {
				given[strings.TrimSpace(v)] = true
			}
		}
	}
	var out []cobra.Completion
	for _, v := range allowed {
		if !given[v] {
			out = append(out, prefix+v)
		}
	}
	return out
}

// completeArgs returns the completion of the positional arguments of the
// leaf c: the values of its argValues, IDs for the arguments that
// idCompletions names, nothing for others (no file names).
func (cl *cli) completeArgs(c *command) cobra.CompletionFunc {
	return func(cmd *cobra.Command, args []string, _ string) ([]cobra.Completion, cobra.ShellCompDirective) {
		if len(args) >= len(c.args) {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		if vals := c.argValuesAt(len(args)); vals != nil {
			return vals, cobra.ShellCompDirectiveNoFileComp
		}
		ids := idCompletions.get().args[c.args[len(args)]]
		if ids == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		return cl.completeIDs(cmd.Context(), ids), cobra.ShellCompDirectiveNoFileComp
	}
}

// argValuesAt returns the values the positional argument i accepts, from
// the leaf's argValues, or nil.
func (c *command) argValuesAt(i int) []string {
	if i < len(c.argValues) {
		return c.argValues[i]
	}
	return nil
}

// completeIDs returns the IDs that ids lists, each with its name as the
// description, or nothing when the credential its operation needs is not
// set, or the call fails or takes longer than completionTimeout. It sends
// the list call to the API (or the fake of --fake) like any command,
// never printing a key: only IDs and names reach the shell.
func (cl *cli) completeIDs(ctx context.Context, ids *idList) []cobra.Completion {
	if ctx == nil {
		ctx = context.Background()
	}
	ctx, cancel := context.WithTimeout(ctx, completionTimeout)
	defer cancel()
	leaf := &command{op: ids.op}
	leaf.credentialFromOp()
	stop, err := cl.a.connect(ctx, leaf)
	if err != nil {
		return nil
	}
	defer stop()
	out, err := ids.list(ctx, cl.a.c)
	if err != nil {
		return nil
	}
	return out
}

// idList is a completion of IDs: the list operation op, and the function
// that calls it.
type idList struct {
	op   admin.Operation
	list func(ctx context.Context, c *admin.Client) ([]cobra.Completion, error)
}

// idsOf returns the idList of the Pages method m of a list without path
// ID, whose items show prints as an ID and a description.
func idsOf[S, P, L, T any](op admin.Operation, m func(*S, context.Context, *P) iter.Seq2[*L, error], show func(*T) (string, string)) *idList {
	svc := serviceOf[S]()
	unpack := pageReader[L, T]()
	setLimit := limitSetter[P]()
	return &idList{op: op, list: func(ctx context.Context, c *admin.Client) ([]cobra.Completion, error) {
		p := new(P)
		setLimit(p, completionPageSize)
		var out []cobra.Completion
		for l, err := range m(svc(c), ctx, p) {
			if err != nil {
				return nil, err
			}
			items, _ := unpack(l)
			for i := range items {
				id, desc := show(&items[i])
				out = append(out, cobra.CompletionWithDesc(id, strings.Join(strings.Fields(safeText(desc)), " ")))
			}
			break // one page
		}
		return out, nil
	}}
}

// idCompletions are the ID completions (see idLists), built on first use,
// so a run that completes nothing pays nothing for them.
var idCompletions = lazily(func() idLists {
	userIDs := idsOf(admin.OpListUsers, (*admin.UsersService).Pages, func(u *admin.User) (string, string) {
		return u.ID, fmt.Sprintf("%s <%s>", u.Name, u.Email)
	})
	workspaceIDs := idsOf(admin.OpListWorkspaces, (*admin.WorkspacesService).Pages, func(w *admin.Workspace) (string, string) { return w.ID, w.Name })
	apiKeyIDs := idsOf(admin.OpListAPIKeys, (*admin.APIKeysService).Pages, func(k *admin.APIKey) (string, string) { return k.ID, k.Name })
	inviteIDs := idsOf(admin.OpListInvites, (*admin.InvitesService).Pages, func(v *admin.Invite) (string, string) {
		return v.ID, fmt.Sprintf("%s (%s)", v.Email, v.Status)
	})
	serviceAccountIDs := idsOf(admin.OpListServiceAccounts, (*admin.ServiceAccountsService).Pages, func(s *admin.ServiceAccount) (string, string) { return s.ID, s.Name })
	rbacGroupIDs := idsOf(admin.OpListRBACGroups, (*admin.RBACGroupsService).Pages, func(g *admin.RBACGroup) (string, string) { return g.ID, g.Name })
	rbacRoleIDs := idsOf(admin.OpListRBACRoles, (*admin.RBACRolesService).Pages, func(r *admin.RBACRole) (string, string) { return r.ID, r.DisplayName })
	externalKeyIDs := idsOf(admin.OpListExternalKeys, (*admin.ExternalKeysService).Pages, func(k *admin.ExternalKey) (string, string) {
		if k.DisplayName == nil {
			return k.ID, string(k.Type)
		}
		return k.ID, *k.DisplayName
	})
	issuerIDs := idsOf(admin.OpListFederationIssuers, (*admin.FederationIssuersService).Pages, func(i *admin.FederationIssuer) (string, string) { return i.ID, i.Name })
	ruleIDs := idsOf(admin.OpListFederationRules, (*admin.FederationRulesService).Pages, func(r *admin.FederationRule) (string, string) { return r.ID, r.Name })
	idArgs := map[string]*idList{
		"<user-id>":            userIDs,
		"<workspace-id>":       workspaceIDs,
		"<api-key-id>":         apiKeyIDs,
		"<invite-id>":          inviteIDs,
		"<service-account-id>": serviceAccountIDs,
		"<rbac-group-id>":      rbacGroupIDs,
		"<rbac-role-id>":       rbacRoleIDs,
		"<external-key-id>":    externalKeyIDs,
		"<issuer-id>":          issuerIDs,
		"<rule-id>":            ruleIDs,
	}
	idFlags := map[string]*idList{
		"workspace":       workspaceIDs,
		"created-by":      userIDs,
		"api-key":         apiKeyIDs,
		"service-account": serviceAccountIDs,
		"issuer":          issuerIDs,
		"rbac-group":      rbacGroupIDs,
		"external-key-id": externalKeyIDs,
	}
	return idLists{args: idArgs, flags: idFlags}
})

// idLists are the ID completions by the name of the positional argument
// (args) and by the name of the flag (flags).
type idLists struct{ args, flags map[string]*idList }

// runCompletion writes the completion script of shell args[0] to stdout.
func runCompletion(_ context.Context, a *app, args []string, _ *none) error {
	// The scripts name the root only: they ask the tool itself for the
	// completions (the hidden __complete command), so the tree under the
	// root need not be built (TestLazyTree compares them).
	root := a.cli.root
	w := a.stdout
	switch args[0] {
	case "bash":
		return root.GenBashCompletionV2(w, true)
	case "zsh":
		return root.GenZshCompletion(w)
	case "fish":
		return root.GenFishCompletion(w, true)
	case "powershell":
		return root.GenPowerShellCompletionWithDesc(w)
	}
	return usageErrorf("unknown shell %q: want bash, zsh, fish or powershell", args[0])
}
