package admintest

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/money"
)

// seedDemoAnalytics completes the demo's usage and cost records with what
// only the analytics endpoints report, without changing anything the
// legacy reports show: the product (the Research workspace works through
// Claude Code, batch usage is the Message Batches API, the rest the
// Messages API), the user and user profile of Claude Code usage (the user
// who created the key, signed in through it), request counts, the API key of each cost and a list
// price 25% above the amount. A cost of input tokens carries the requests of
// the usage of its day, workspace and model, so the analytics cost and
// usage endpoints count the same requests. It draws no IDs: a user's
// profile ID is the user's ID with the uprof_ prefix.
func (s *Server) seedDemoAnalytics(workspaces []gen.Workspace, keys []gen.APIKey) error {
	research := workspaces[2].ID
	profiles := map[string]string{} // user ID -> user profile ID
	keyProfile := map[string]string{}
	keyCreator := map[string]string{}
	for _, k := range keys {
		if k.CreatedBy == nil {
			continue
		}
		uid := k.CreatedBy.ID
		if profiles[uid] == "" {
			// Drawing IDs would shift those of everything created later.
			profiles[uid] = "uprof_" + strings.TrimPrefix(uid, "user_")
		}
		keyProfile[k.ID] = profiles[uid]
		keyCreator[k.ID] = uid
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	type dayKey struct {
		day            time.Time
		workspace, mdl string
	}
	requests := map[dayKey]int64{}
	for i := range s.st.usage {
		r := &s.st.usage[i]
		switch {
		case r.ServiceTier == gen.ServiceTierBatch:
			r.Product = string(gen.AnalyticsProductMessageBatchesAPI)
		case r.WorkspaceID == research:
			r.Product = string(gen.AnalyticsProductClaudeCode)
			r.UserProfileID = keyProfile[r.APIKeyID]
			r.AccountID = keyCreator[r.APIKeyID]
		default:
			r.Product = string(gen.AnalyticsProductMessagesAPI)
		}
		r.Requests = 1 + r.OutputTokens/1000
		requests[dayKey{r.Time.Truncate(24 * time.Hour), r.WorkspaceID, r.Model}] += r.Requests
	}
	wsIndex := map[string]int{}
	for i, w := range workspaces {
		wsIndex[w.ID] = i
	}
	modelIndex := map[string]int{}
	for i, m := range demoModels {
		modelIndex[m] = i
	}
	for i := range s.st.costs {
		r := &s.st.costs[i]
		k := keys[wsIndex[r.WorkspaceID]+len(workspaces)*(modelIndex[r.Model]%2)]
		r.APIKeyID = k.ID
		r.Product = string(gen.AnalyticsProductMessagesAPI)
		if r.WorkspaceID == research {
			r.Product = string(gen.AnalyticsProductClaudeCode)
			r.UserProfileID = keyProfile[k.ID]
			r.AccountID = keyCreator[k.ID]
		}
		if r.TokenType == gen.TokenTypeUncachedInputTokens {
			r.Requests = requests[dayKey{r.Date, r.WorkspaceID, r.Model}]
		}
		r.listAmount = r.amount + r.amount/4
		r.ListAmount = formatAmount(r.listAmount)
	}
	return nil
}

// seedDemoActivity adds 30 days of members' activity besides Claude Code:
// most members chat on weekdays, every fourth works in Cowork and every
// sixth in Claude Design. It draws from its own random stream and no IDs,
// so nothing else of the demo changes.
func (s *Server) seedDemoActivity(now time.Time, users []gen.User) error {
	rng := rand.New(rand.NewPCG(s.seed, 0xac71))
	day := 24 * time.Hour
	var recs []UserActivityRecord
	for d := now.Truncate(day).Add(-30 * day); d.Before(now.Truncate(day)); d = d.Add(day) {
		weekend := d.Weekday() == time.Saturday || d.Weekday() == time.Sunday
		for i, u := range users {
			if i%3 == 2 || (weekend && i%5 != 0) || rng.IntN(4) == 0 {
				continue
			}
			r := UserActivityRecord{Date: d, UserID: u.ID}
			r.ChatConversations = int64(1 + rng.IntN(6))
			r.ChatMessages = r.ChatConversations * int64(2+rng.IntN(8))
			r.ChatThinkingMessages = r.ChatMessages / 4
			r.WebSearches = int64(rng.IntN(5))
			if i%4 == 0 {
				r.CoworkSessions = int64(1 + rng.IntN(3))
				r.CoworkMessages = r.CoworkSessions * int64(3+rng.IntN(10))
			}
			if i%6 == 1 {
				r.DesignSessions = 1
				r.DesignMessages = int64(2 + rng.IntN(12))
			}
			recs = append(recs, r)
		}
	}
	return s.AddUserActivity(recs...)
}

// demoConnectors and demoPlugins are the connectors and plugins of the
// demo's extension use.
var (
	demoConnectors = []string{"atlassian", "github", "google-drive", "slack"}
	demoPlugins    = []string{"code-review", "pdf-tools"}
)

// seedDemoExtensions adds 30 days of connector and plugin use and of
// artifacts: members with chat activity use a connector in chat, Claude
// Code users a connector and a plugin in Claude Code; some members make
// artifacts in chat, Claude Code users web pages. It draws from its own random
// stream and no IDs.
func (s *Server) seedDemoExtensions(now time.Time, users []gen.User) error {
	rng := rand.New(rand.NewPCG(s.seed, 0xe7e))
	day := 24 * time.Hour
	var recs []ExtensionUseRecord
	for d := now.Truncate(day).Add(-30 * day); d.Before(now.Truncate(day)); d = d.Add(day) {
		for i, u := range users {
			if rng.IntN(3) == 0 {
				continue
			}
			if i%3 != 2 {
				reads := int64(rng.IntN(20))
				recs = append(recs, ExtensionUseRecord{Date: d, UserID: u.ID, Connector: demoConnectors[(i+d.Day())%len(demoConnectors)], Product: "chat",
					Sessions: int64(1 + rng.IntN(3)), ReadCalls: reads, WriteCalls: reads / 4})
			}
			if u.Role == gen.OrganizationRoleClaudeCodeUser || i%4 == 1 {
				recs = append(recs,
					ExtensionUseRecord{Date: d, UserID: u.ID, Connector: "github", Product: "claude_code", Sessions: int64(1 + rng.IntN(4)), ReadCalls: int64(rng.IntN(30)), WriteCalls: int64(rng.IntN(8))},
					ExtensionUseRecord{Date: d, UserID: u.ID, Plugin: demoPlugins[i%len(demoPlugins)], Product: "claude_code", Sessions: int64(1 + rng.IntN(3)),
						Invocations: int64(1 + rng.IntN(12)), Installed: d.Day() == 1})
			}
		}
	}
	if err := s.AddExtensionUse(recs...); err != nil {
		return err
	}
	// Artifacts: chat users make documents, Claude Code users web pages.
	types := []string{"text/markdown", "application/vnd.ant.react", "image/svg+xml", "text/html"}
	var arts []ArtifactRecord
	for d := now.Truncate(day).Add(-30 * day); d.Before(now.Truncate(day)); d = d.Add(day) {
		for i, u := range users {
			if rng.IntN(4) != 0 {
				continue
			}
			a := ArtifactRecord{Date: d, UserID: u.ID, Type: types[rng.IntN(3)], Product: "chat", Shared: rng.IntN(3) == 0, Count: int64(1 + rng.IntN(3))}
			if u.Role == gen.OrganizationRoleClaudeCodeUser || i%4 == 1 {
				a.Type, a.Product, a.Published = types[3], "claude_code", rng.IntN(5) == 0
			}
			arts = append(arts, a)
		}
	}
	return s.AddArtifacts(arts...)
}

// demoSkills are the skills of the demo's skill use, with their share
// status in claude.ai ("" for a Claude Code skill).
var demoSkills = []struct{ name, share string }{
	{"brand-guidelines", "organization"}, {"code-review", ""}, {"quarterly-report", "private"},
}

// seedDemoSkills adds 30 days of skill use, with overage spend estimates
// in fractional cents, and of chat project use: members with chat activity
// use an organization skill in chat and work in one of three projects,
// Claude Code users a Claude Code skill. It draws from its own random
// stream and no IDs.
func (s *Server) seedDemoSkills(now time.Time, users []gen.User) error {
	rng := rand.New(rand.NewPCG(s.seed, 0x5c111))
	day := 24 * time.Hour
	start := now.Truncate(day).Add(-30 * day)
	projects := []struct{ id, name string }{
		{"claude_proj_01DemoLaunchPlan", "Launch plan"}, {"claude_proj_02DemoSupportKB", "Support knowledge base"}, {"claude_proj_03DemoHiring", "Hiring"},
	}
	var recs []ExtensionUseRecord
	var projs []ChatProjectUseRecord
	for d := start; d.Before(now.Truncate(day)); d = d.Add(day) {
		for i, u := range users {
			if rng.IntN(3) == 0 {
				continue
			}
			if i%3 != 2 {
				sk := demoSkills[(i+d.Day())%2*2]
				recs = append(recs, ExtensionUseRecord{Date: d, UserID: u.ID, Skill: sk.name, ShareStatus: sk.share, Product: "chat",
					Sessions: int64(1 + rng.IntN(2)), Invocations: int64(1 + rng.IntN(4)), Installed: d.Day() == 3,
					OverageSpend: money.MustParseCents(fmt.Sprintf("%d.%03d", rng.IntN(40), rng.IntN(1000)))})
				pi := (i + i/3) % len(projects)
				p := projects[pi]
				msgs := int64(2 + rng.IntN(15))
				projs = append(projs, ChatProjectUseRecord{Date: d, UserID: u.ID, ProjectID: p.id, ProjectName: p.name,
					CreatedBy: users[0].ID, CreatedAt: start.Add(-time.Duration(7*(pi+1)) * day),
					Conversations: 1 + msgs/6, Messages: msgs})
			}
			if u.Role == gen.OrganizationRoleClaudeCodeUser || i%4 == 1 {
				recs = append(recs, ExtensionUseRecord{Date: d, UserID: u.ID, Skill: demoSkills[1].name, Product: "claude_code",
					Sessions: int64(1 + rng.IntN(3)), Invocations: int64(1 + rng.IntN(6)),
					OverageSpend: money.MustParseCents(fmt.Sprintf("%d.%04d", rng.IntN(120), rng.IntN(10000))),
					ListPrice:    money.MustParseCents(fmt.Sprintf("%d.%04d", 100+rng.IntN(300), rng.IntN(10000)))})
			}
		}
	}
	if err := s.AddExtensionUse(recs...); err != nil {
		return err
	}
	return s.AddChatProjectUse(projs...)
}
