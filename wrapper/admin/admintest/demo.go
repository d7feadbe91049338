package admintest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

var (
	demoFirst = []string{"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Ken", "Margaret", "Dennis",
		"Radia", "Tim", "Hedy", "John", "Katherine", "Linus", "Sophie", "Guido", "Annie", "Niklaus",
		"Shafi", "Leslie", "Karen", "Bjarne", "Mary", "Robin", "Jean", "Yukihiro", "Anita", "Whitfield"}
	demoLast = []string{"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Thompson", "Hamilton", "Ritchie",
		"Perlman", "Berners-Lee", "Lamarr", "McCarthy", "Johnson", "Torvalds", "Wilson", "van Rossum", "Easley", "Wirth",
		"Goldwasser", "Lamport", "Jones", "Stroustrup", "Shaw", "Milner", "Sammet", "Matsumoto", "Borg", "Diffie"}
	demoModels = []string{"claude-opus-4-1", "claude-sonnet-4-5", "claude-haiku-4-5"}
)

// SeedDemoData adds a realistic organization, relative to the server's
// clock and deterministic under the seed: 31 users (one primary owner, one
// admin, developers, users, a billing user and Claude Code users, one of
// whom joined by accepting an invite), 4
// workspaces with members, 10 API keys (one inactive, one expired), 4
// invites (pending, expired and accepted), organization rate limits for
// three model groups, batch and web search, 30 days of hourly Messages
// usage and daily costs, 7 days of Claude Code records, 4 service
// accounts (one archived) with workspace memberships, three workload
// identity federation issuers, two of them with a rule, spend limits
// at six scopes with increase requests in each state, 160 activities
// of 16 types over the last two weeks in the Activity Feed, and the
// Compliance API's directory: two child organizations with members,
// settings and groups, the personal preferences of some members, and the
// Compliance API's content: chats with messages and files, projects with
// documents, artifacts, sessions, code artifacts and review cases. The
// usage and cost records also carry the products, user profiles, API keys
// and request counts the analytics endpoints report, beside 30 days of
// members' chat, Cowork and Claude Design activity and connector and
// plugin use. [WithDemoData]
// calls it when the server starts.
func (s *Server) SeedDemoData() error {
	now := s.Now().Truncate(time.Hour)
	rng := rand.New(rand.NewPCG(s.seed, 0xde70))
	day := 24 * time.Hour
	start := now.Add(-120 * day)

	var users []gen.User
	for i := range 30 {
		role := gen.OrganizationRoleDeveloper
		switch {
		case i == 0:
			role = gen.OrganizationRolePrimaryOwner
		case i == 1:
			role = gen.OrganizationRoleAdmin
		case i == 2:
			role = gen.OrganizationRoleBilling
		case i%5 == 0:
			role = gen.OrganizationRoleClaudeCodeUser
		case i%3 == 0:
			role = gen.OrganizationRoleUser
		}
		name := demoFirst[i] + " " + demoLast[i]
		email := strings.ToLower(demoFirst[i]+"."+strings.ReplaceAll(demoLast[i], " ", "")) + "@example.com"
		added := start.Add(time.Duration(i)*3*day + time.Duration(rng.IntN(8*3600))*time.Second)
		u, err := s.AddUser(UserSeed{Email: email, Name: name, Role: role, AddedAt: added, CreatedAt: added.Add(-time.Duration(rng.IntN(400)) * day)})
		if err != nil {
			return err
		}
		users = append(users, u)
	}

	wsNames := []string{"Production", "Staging", "Research", "Support Bots"}
	colors := []string{"#6C5BB9", "#D97757", "#2D7FF9", "#1FA67A"}
	var workspaces []gen.Workspace
	for i, n := range wsNames {
		w, err := s.AddWorkspace(WorkspaceSeed{Name: n, DisplayColor: colors[i], Tags: map[string]string{"team": strings.ToLower(strings.Fields(n)[0])}, CreatedAt: start.Add(time.Duration(i) * 5 * day)})
		if err != nil {
			return err
		}
		workspaces = append(workspaces, w)
	}
	roles := []gen.WorkspaceRole{gen.WorkspaceRoleWorkspaceDeveloper, gen.WorkspaceRoleWorkspaceUser, gen.WorkspaceRoleWorkspaceDeveloper, gen.WorkspaceRoleWorkspaceRestrictedDeveloper}
	for wi, w := range workspaces {
		for ui, u := range users {
			if ui < 2 || (ui+wi)%3 == 0 {
				role := roles[(ui+wi)%len(roles)]
				if ui < 2 {
					role = gen.WorkspaceRoleWorkspaceAdmin
				}
				if _, err := s.AddWorkspaceMember(w.ID, u.ID, role); err != nil {
					return err
				}
			}
		}
	}

	var keys []gen.APIKey
	for i := range 10 {
		w := workspaces[i%len(workspaces)]
		seed := APIKeySeed{
			Name:            fmt.Sprintf("%s key %d", w.Name, i/len(workspaces)+1),
			WorkspaceID:     w.ID,
			CreatedByUserID: users[3+i].ID,
			CreatedAt:       start.Add(time.Duration(20+i*7) * day),
		}
		switch i {
		case 8:
			seed.Status = gen.APIKeyStatusInactive
		case 9:
			seed.ExpiresAt = ptr(now.Add(-2 * day))
		}
		k, err := s.AddAPIKey(seed)
		if err != nil {
			return err
		}
		keys = append(keys, k)
	}

	invites := []InviteSeed{
		{Email: "new.hire@example.com", Role: gen.OrganizationRoleDeveloper, InvitedAt: now.Add(-2 * day)},
		{Email: "contractor@example.org", Role: gen.OrganizationRoleUser, InvitedAt: now.Add(-10 * day)},
		{Email: "late.reply@example.com", Role: gen.OrganizationRoleUser, InvitedAt: now.Add(-40 * day)},
		{Email: "joined@example.com", Role: gen.OrganizationRoleClaudeCodeUser, InvitedAt: now.Add(-5 * day)},
	}
	for i, in := range invites {
		inv, err := s.AddInvite(in)
		if err != nil {
			return err
		}
		if i == len(invites)-1 {
			if _, err := s.AcceptInvite(inv.ID); err != nil {
				return err
			}
		}
	}

	limits := []RateLimitSeed{
		{GroupType: gen.RateLimitGroupTypeModelGroup, DisplayName: "Claude Opus", Models: []string{"claude-opus-4-1", "claude-opus-4-1-20250805"},
			Limits: map[string]int64{"requests_per_minute": 4000, "input_tokens_per_minute": 2000000, "output_tokens_per_minute": 400000}},
		{GroupType: gen.RateLimitGroupTypeModelGroup, DisplayName: "Claude Sonnet", Models: []string{"claude-sonnet-4-5", "claude-sonnet-4-5-20250929"},
			Limits: map[string]int64{"requests_per_minute": 4000, "input_tokens_per_minute": 2000000, "output_tokens_per_minute": 400000}},
		{GroupType: gen.RateLimitGroupTypeModelGroup, DisplayName: "Claude Haiku", Models: []string{"claude-haiku-4-5", "claude-haiku-4-5-20251001"},
			Limits: map[string]int64{"requests_per_minute": 4000, "input_tokens_per_minute": 4000000, "output_tokens_per_minute": 800000}},
		{GroupType: gen.RateLimitGroupTypeBatch, Limits: map[string]int64{"requests_per_minute": 4000}},
		{GroupType: gen.RateLimitGroupTypeWebSearch, Limits: map[string]int64{"tool_uses_per_second": 30}},
	}
	for _, l := range limits {
		if _, err := s.AddRateLimit(l); err != nil {
			return err
		}
	}

	// 30 days of usage: one record per hour for a few key/model pairs.
	first := now.Truncate(day).Add(-29 * day)
	var usage []UsageRecord
	var costs []CostRecord
	for h := first; h.Before(now); h = h.Add(time.Hour) {
		for ki, k := range keys[:8] {
			if rng.IntN(3) != 0 {
				continue
			}
			model := demoModels[(ki+h.Hour())%len(demoModels)]
			r := UsageRecord{
				Time:                       h.Add(time.Duration(rng.IntN(3600)) * time.Second),
				APIKeyID:                   k.ID,
				WorkspaceID:                *k.WorkspaceID,
				Model:                      model,
				UncachedInputTokens:        int64(1000 + rng.IntN(50000)),
				OutputTokens:               int64(200 + rng.IntN(8000)),
				CacheReadInputTokens:       int64(rng.IntN(20000)),
				CacheCreation5mInputTokens: int64(rng.IntN(3000)),
				CacheCreation1hInputTokens: int64(rng.IntN(500)),
			}
			if rng.IntN(10) == 0 {
				r.ServiceTier = gen.ServiceTierBatch
			}
			if rng.IntN(20) == 0 {
				r.ContextWindow = gen.ContextWindowOver200K
			}
			if rng.IntN(15) == 0 {
				r.WebSearchRequests = int64(1 + rng.IntN(5))
			}
			usage = append(usage, r)
		}
	}
	for d := first; d.Before(now); d = d.Add(day) {
		for _, w := range workspaces {
			for _, m := range demoModels {
				for _, tt := range []gen.TokenType{gen.TokenTypeUncachedInputTokens, gen.TokenTypeOutputTokens} {
					what := "Input Tokens"
					if tt == gen.TokenTypeOutputTokens {
						what = "Output Tokens"
					}
					costs = append(costs, CostRecord{
						Date: d, WorkspaceID: w.ID, Model: m, TokenType: tt,
						Description: m + " Usage - " + what,
						Amount:      fmt.Sprintf("%d.%02d", 50+rng.IntN(5000), rng.IntN(100)),
					})
				}
			}
		}
	}
	if err := s.AddUsage(usage...); err != nil {
		return err
	}
	if err := s.AddCost(costs...); err != nil {
		return err
	}

	var cc []gen.ClaudeCodeUsageRecord
	terminals := []string{"vscode", "iTerm.app", "tmux"}
	for d := now.Truncate(day).Add(-7 * day); d.Before(now.Truncate(day)); d = d.Add(day) {
		for i, u := range users {
			if u.Role != gen.OrganizationRoleClaudeCodeUser && i%4 != 1 {
				continue
			}
			model := demoModels[1]
			in, out := int64(10000+rng.IntN(200000)), int64(2000+rng.IntN(40000))
			cc = append(cc, gen.ClaudeCodeUsageRecord{
				Date:         d,
				Actor:        gen.ClaudeCodeActor{Type: gen.ClaudeCodeActorTypeUserActor, EmailAddress: ptr(u.Email)},
				CustomerType: gen.CustomerTypeAPI,
				TerminalType: terminals[(i+d.Day())%len(terminals)],
				IsRemote:     ptr(i%7 == 0),
				CoreMetrics: gen.ClaudeCodeCoreMetrics{
					NumSessions:              int64(1 + rng.IntN(6)),
					LinesOfCode:              gen.LinesOfCode{Added: int64(rng.IntN(900)), Removed: int64(rng.IntN(300))},
					CommitsByClaudeCode:      int64(rng.IntN(6)),
					PullRequestsByClaudeCode: int64(rng.IntN(2)),
				},
				ToolActions: map[string]gen.ToolActionCounts{
					"edit_tool":  {Accepted: int64(rng.IntN(40)), Rejected: int64(rng.IntN(5))},
					"write_tool": {Accepted: int64(rng.IntN(10)), Rejected: int64(rng.IntN(3))},
				},
				ModelBreakdown: []gen.ClaudeCodeModelBreakdown{{
					Model:         model,
					Tokens:        gen.ModelTokens{Input: in, Output: out, CacheRead: int64(rng.IntN(100000)), CacheCreation: int64(rng.IntN(20000))},
					EstimatedCost: gen.EstimatedCost{Amount: estimatedCents(in*3 + out*15), Currency: "USD"},
				}},
			})
		}
	}
	if err := s.AddClaudeCodeUsage(cc...); err != nil {
		return err
	}
	serviceAccounts, err := s.seedDemoServiceAccounts(now, users[0].ID, workspaces)
	if err != nil {
		return err
	}
	if err := s.seedDemoFederation(now, workspaces, serviceAccounts); err != nil {
		return err
	}
	if err := s.seedDemoSpendLimits(now, users, workspaces); err != nil {
		return err
	}
	if err := s.seedDemoActivities(now, users, workspaces); err != nil {
		return err
	}
	if err := s.seedDemoComplianceDirectory(start, users); err != nil {
		return err
	}
	if err := s.seedDemoComplianceContent(now, users); err != nil {
		return err
	}
	if err := s.seedDemoAnalytics(workspaces, keys); err != nil {
		return err
	}
	if err := s.seedDemoActivity(now, users); err != nil {
		return err
	}
	if err := s.seedDemoExtensions(now, users); err != nil {
		return err
	}
	return s.seedDemoSkills(now, users)
}

// estimatedCents returns n ten-thousandths of a cent as the JSON number of
// cents the Claude Code report carries, such as 12.3456.
func estimatedCents(n int64) money.Cents {
	return money.MustParseCents(fmt.Sprintf("%d.%04d", n/10000, n%10000)).AsJSONNumber()
}
