package admintest

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
)

// seedDemoActivities fills the Activity Feed with 160 activities of 16
// types over the two weeks before now: sign-ins, chats, files, projects,
// artifacts, admin actions through Admin keys, SCIM, and Compliance API
// calls. It draws IDs only from the activity generator, so it shifts no
// other ID.
func (s *Server) seedDemoActivities(now time.Time, users []gen.User, workspaces []gen.Workspace) error {
	rng := rand.New(rand.NewPCG(s.seed, 0xac71))
	userActor := func(u gen.User) admin.ComplianceActivityActor {
		return admin.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeUserActor, UserID: ptr(u.ID), EmailAddress: ptr(u.Email),
			IPAddress: ptr(fmt.Sprintf("192.0.2.%d", 10+rng.IntN(200))), UserAgent: ptr("Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5)")}
	}
	adminActor := admin.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeAdminAPIKeyActor, AdminAPIKeyID: ptr("apikey_01fakedefaultadminkey"),
		IPAddress: ptr("198.51.100.7"), UserAgent: ptr("anthropic-admin-go/0.1.0")}
	apiActor := admin.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeAPIActor, APIKeyID: ptr("apikey_01fakedefaultcompliancekey"),
		IPAddress: ptr("198.51.100.9"), UserAgent: ptr("siem-connector/2.3")}
	scimActor := admin.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeSCIMDirectorySyncActor, DirectoryID: ptr("directory_01FakeOktaDirectory"),
		WorkOSEventID: ptr("event_01FakeWorkOSEvent"), IDPConnectionType: ptr("OktaSCIMV2")}
	start := now.Add(-14 * 24 * time.Hour)
	for i := range 160 {
		at := start.Add(time.Duration(rng.Int64N(int64(14 * 24 * time.Hour))))
		u := users[rng.IntN(len(users))]
		w := workspaces[rng.IntN(len(workspaces))]
		n := rng.Uint64()
		chat := fmt.Sprintf("claude_chat_01Demo%016x", n)
		var a ActivitySeed
		switch i % 16 {
		case 0:
			a = ActivitySeed{Type: "sso_login_succeeded", Actor: userActor(u), NoOrganization: true}
		case 1:
			a = ActivitySeed{Type: "claude_chat_created", Actor: userActor(u), Fields: map[string]any{"claude_chat_id": chat, "claude_project_id": nil}}
		case 2:
			a = ActivitySeed{Type: "claude_chat_viewed", Actor: userActor(u), Fields: map[string]any{"claude_chat_id": chat}}
		case 3:
			a = ActivitySeed{Type: "claude_file_uploaded", Actor: userActor(u), Fields: map[string]any{"claude_file_id": fmt.Sprintf("claude_file_01Demo%016x", n), "filename": fmt.Sprintf("report-%d.pdf", i)}}
		case 4:
			a = ActivitySeed{Type: "claude_project_created", Actor: userActor(u), Fields: map[string]any{"claude_project_id": fmt.Sprintf("claude_proj_01Demo%016x", n)}}
		case 5:
			a = ActivitySeed{Type: "claude_artifact_viewed", Actor: userActor(u), Fields: map[string]any{"artifact_version_id": fmt.Sprintf("claude_artifact_version_01Demo%016x", n)}}
		case 6:
			a = ActivitySeed{Type: "platform_workspace_member_added", Actor: adminActor, Fields: map[string]any{"workspace_id": w.ID, "user_id": u.ID}}
		case 7:
			a = ActivitySeed{Type: "platform_api_key_updated", Actor: adminActor, Fields: map[string]any{"api_key_id": fmt.Sprintf("apikey_01Demo%016x", n)}}
		case 8:
			a = ActivitySeed{Type: "platform_cost_report_viewed", Actor: adminActor}
		case 9:
			a = ActivitySeed{Type: "platform_workspace_updated", Actor: adminActor, Fields: map[string]any{"workspace_id": w.ID}}
		case 10:
			a = ActivitySeed{Type: "compliance_api_accessed", Actor: apiActor, NoOrganization: true, Fields: map[string]any{"request_id": fmt.Sprintf("req_01Demo%016x", n)}}
		case 11:
			a = ActivitySeed{Type: "user_logged_out", Actor: userActor(u), NoOrganization: true}
		case 12:
			a = ActivitySeed{Type: "group_member_added", Actor: scimActor, Fields: map[string]any{"group_id": "group_01DemoEngineering", "user_id": u.ID}}
		case 13:
			a = ActivitySeed{Type: "sso_login_initiated", NoOrganization: true, Actor: admin.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeUnauthenticatedUserActor,
				UnauthenticatedEmailAddress: ptr(u.Email), IPAddress: ptr("203.0.113.5"), UserAgent: ptr("Mozilla/5.0 (X11; Linux x86_64)")}}
		case 14:
			a = ActivitySeed{Type: "org_user_invite_sent", Actor: userActor(users[0]), Fields: map[string]any{"invite_email": fmt.Sprintf("guest%d@example.com", i)}}
		default:
			a = ActivitySeed{Type: "claude_organization_settings_updated", Actor: admin.ComplianceActivityActor{Type: gen.ComplianceActivityActorTypeAnthropicActor}}
		}
		a.CreatedAt = at.Truncate(time.Second)
		if _, err := s.AddActivity(a); err != nil {
			return err
		}
	}
	return nil
}
