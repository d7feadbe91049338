package admintest

import (
	"net/url"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

func TestComplianceSessions(t *testing.T) {
	f := newFake(t)
	ana, err := f.AddUser(UserSeed{Email: "ana@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	ben, err := f.AddUser(UserSeed{Email: "ben@example.com"})
	if err != nil {
		t.Fatal(err)
	}
	turns := []MessageSeed{{Text: "one"}, {Role: gen.ComplianceMessageRoleAssistant, Text: "two"}, {Text: "three"}}
	local, err := f.AddComplianceSession(SessionSeed{UserID: ana.ID, Product: "claude_code", Title: "Fix", CreatedAt: t0.Add(-2 * time.Hour), Messages: turns})
	if err != nil {
		t.Fatal(err)
	}
	local2, err := f.AddComplianceSession(SessionSeed{UserID: ben.ID, CreatedAt: t0})
	if err != nil {
		t.Fatal(err)
	}
	remote, err := f.AddComplianceSession(SessionSeed{UserID: ben.ID, Remote: true, AgentID: "agent_x", Messages: turns})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddComplianceSession(SessionSeed{UserID: "user_nope"}); err == nil {
		t.Error("a session of an unknown user was accepted")
	}

	all := complianceOK[gen.ComplianceLocalSessionList](f, "GET", "/v1/compliance/apps/sessions/local")
	if len(all.Data) != 2 || all.Data[0].ID != local || all.Data[0].Product != "claude_code" || all.Data[1].Product != "cowork" || all.HasMore {
		t.Errorf("local sessions = %+v", all)
	}
	if l := complianceOK[gen.ComplianceLocalSessionList](f, "GET", "/v1/compliance/apps/sessions/local?user_ids[]="+ben.ID); len(l.Data) != 1 || l.Data[0].ID != local2 {
		t.Errorf("ben's local sessions = %+v", l.Data)
	}
	since := url.QueryEscape(t0.Add(-time.Hour).Format(time.RFC3339))
	if l := complianceOK[gen.ComplianceLocalSessionList](f, "GET", "/v1/compliance/apps/sessions/local?created_at.gte="+since); len(l.Data) != 1 || l.Data[0].ID != local2 {
		t.Errorf("recent local sessions = %+v", l.Data)
	}
	p1 := complianceOK[gen.ComplianceLocalSessionList](f, "GET", "/v1/compliance/apps/sessions/local?limit=1")
	p2 := complianceOK[gen.ComplianceLocalSessionList](f, "GET", "/v1/compliance/apps/sessions/local?limit=1&page="+url.QueryEscape(*p1.NextPage))
	if len(p2.Data) != 1 || p2.Data[0].ID != local2 || p2.NextPage != nil {
		t.Errorf("page 2 = %+v", p2)
	}
	if got := complianceOK[gen.ComplianceLocalSession](f, "GET", "/v1/compliance/apps/sessions/local/"+local); got.Title == nil || *got.Title != "Fix" || got.User.ID != ana.ID {
		t.Errorf("local session = %+v", got)
	}
	msgs := complianceOK[gen.ComplianceLocalSessionMessageList](f, "GET", "/v1/compliance/apps/sessions/local/"+local+"/messages?order=desc&limit=2")
	if len(msgs.Data) != 2 || *msgs.Data[0].Content[0].Text != "three" || !msgs.HasMore {
		t.Errorf("newest messages = %+v", msgs)
	}
	rest := complianceOK[gen.ComplianceLocalSessionMessageList](f, "GET", "/v1/compliance/apps/sessions/local/"+local+"/messages?order=desc&page="+url.QueryEscape(*msgs.NextPage))
	if len(rest.Data) != 1 || *rest.Data[0].Content[0].Text != "one" {
		t.Errorf("oldest message = %+v", rest)
	}
	f.complianceFails("GET", "/v1/compliance/apps/sessions/local/nope", 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/sessions/local/"+remote, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/apps/sessions/local/nope/messages", 404, errNotFound)

	rl := complianceOK[gen.ComplianceRemoteSessionList](f, "GET", "/v1/compliance/apps/sessions/remote")
	if len(rl.Data) != 1 || rl.Data[0].ID != remote || *rl.Data[0].AgentID != "agent_x" {
		t.Errorf("remote sessions = %+v", rl.Data)
	}
	rm := complianceOK[gen.ComplianceRemoteSessionMessageList](f, "GET", "/v1/compliance/apps/sessions/remote/"+remote+"/messages")
	if rm.Session.ID != remote || len(rm.Data) != 3 || rm.Data[1].Role != gen.ComplianceMessageRoleAssistant {
		t.Errorf("remote messages = %+v", rm)
	}
	f.complianceFails("GET", "/v1/compliance/apps/sessions/remote/"+local+"/messages", 404, errNotFound)
}

func TestComplianceCodeArtifacts(t *testing.T) {
	f := newFake(t)
	a, err := f.AddComplianceCodeArtifact(CodeArtifactSeed{Title: "notes", CreatedAt: t0.Add(-48 * time.Hour), Versions: [][]byte{[]byte("v1"), []byte("v2!")}})
	if err != nil {
		t.Fatal(err)
	}
	b, err := f.AddComplianceCodeArtifact(CodeArtifactSeed{Versions: [][]byte{[]byte("x")}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.AddComplianceCodeArtifact(CodeArtifactSeed{}); err == nil {
		t.Error("an artifact without versions was accepted")
	}
	l := complianceOK[gen.ComplianceCodeArtifactList](f, "GET", "/v1/compliance/code/artifacts?limit=1")
	if len(l.Data) != 1 || l.Data[0].ID != a.ID || len(l.Data[0].Versions) != 2 || l.NextPage == nil {
		t.Fatalf("page 1 = %+v", l)
	}
	since := url.QueryEscape(t0.Add(-time.Hour).Format(time.RFC3339))
	if u := complianceOK[gen.ComplianceCodeArtifactList](f, "GET", "/v1/compliance/code/artifacts?updated_at.gte="+since); len(u.Data) != 1 || u.Data[0].ID != b.ID {
		t.Errorf("recently updated = %+v", u.Data)
	}
	v2 := a.Versions[1].VersionID
	r := f.compliance("GET", "/v1/compliance/code/artifacts/"+a.ID+"/versions/"+v2+"?organization_uuid="+f.OrganizationID())
	if r.status != 200 || string(r.body) != "v2!" || r.header.Get("Content-Length") != "3" {
		t.Errorf("version download: %d %q", r.status, r.body)
	}
	f.complianceFails("GET", "/v1/compliance/code/artifacts/"+a.ID+"/versions/"+b.Versions[0].VersionID, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/code/artifacts/"+a.ID+"/versions/"+v2+"?organization_uuid=other", 404, errNotFound)
	f.complianceFails("DELETE", "/v1/compliance/code/artifacts/"+a.ID+"?organization_uuid=other", 404, errNotFound)
	d := complianceOK[gen.ComplianceCodeArtifactDeleted](f, "DELETE", "/v1/compliance/code/artifacts/"+a.ID)
	if d.ID != a.ID || d.Type != gen.ComplianceCodeArtifactDeletedTypeCodeArtifactDeleted {
		t.Errorf("deleted = %+v", d)
	}
	f.complianceFails("DELETE", "/v1/compliance/code/artifacts/"+a.ID, 404, errNotFound)
	f.complianceFails("GET", "/v1/compliance/code/artifacts/"+a.ID+"/versions/"+v2, 404, errNotFound)
}
