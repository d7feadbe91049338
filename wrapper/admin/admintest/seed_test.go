package admintest

import (
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

func TestSeedingRejectsBadInput(t *testing.T) {
	f := newFake(t)
	u := must[gen.User](t)(f.AddUser(UserSeed{Email: "a@example.com"}))
	if u.Name != "a" || u.Role != gen.OrganizationRoleUser || !u.AddedAt.Equal(t0) {
		t.Errorf("defaults: %+v", u)
	}
	w := must[gen.Workspace](t)(f.AddWorkspace(WorkspaceSeed{Name: "W"}))
	for name, err := range map[string]error{
		"invalid email":        second(f.AddUser(UserSeed{Email: "nope"})),
		"duplicate email":      second(f.AddUser(UserSeed{Email: "A@example.com"})),
		"unknown role":         second(f.AddUser(UserSeed{Email: "b@example.com", Role: "emperor"})),
		"empty workspace name": second(f.AddWorkspace(WorkspaceSeed{})),
		"long workspace name":  second(f.AddWorkspace(WorkspaceSeed{Name: strings.Repeat("x", 256)})),
		"duplicate workspace":  second(f.AddWorkspace(WorkspaceSeed{Name: "W"})),
		"anthropic tag":        second(f.AddWorkspace(WorkspaceSeed{Name: "T", Tags: map[string]string{"Anthropic.x": "1"}})),
		"member unknown user":  second(f.AddWorkspaceMember(w.ID, "user_01nope", gen.WorkspaceRoleWorkspaceUser)),
		"member unknown ws":    second(f.AddWorkspaceMember("wrkspc_01nope", u.ID, gen.WorkspaceRoleWorkspaceUser)),
		"member bad role":      second(f.AddWorkspaceMember(w.ID, u.ID, "workspace_owner")),
		"invite bad role":      second(f.AddInvite(InviteSeed{Email: "c@example.com", Role: "emperor"})),
		"invite member email":  second(f.AddInvite(InviteSeed{Email: "a@example.com"})),
		"accept unknown":       second(f.AcceptInvite("invite_01nope")),
		"key without name":     second(f.AddAPIKey(APIKeySeed{})),
		"key expired status":   second(f.AddAPIKey(APIKeySeed{Name: "k", Status: gen.APIKeyStatusExpired})),
		"key unknown ws":       second(f.AddAPIKey(APIKeySeed{Name: "k", WorkspaceID: "wrkspc_01nope"})),
		"key unknown creator":  second(f.AddAPIKey(APIKeySeed{Name: "k", CreatedByUserID: "user_01nope"})),
		"rate limit bad group": second(f.AddRateLimit(RateLimitSeed{GroupType: "gpu", Limits: map[string]int64{"x": 1}})),
		"rate limit no limits": second(f.AddRateLimit(RateLimitSeed{GroupType: gen.RateLimitGroupTypeBatch})),
		"usage without time":   f.AddUsage(UsageRecord{Model: "m"}),
		"cost without date":    f.AddCost(CostRecord{Amount: "1"}),
		"cost bad amount":      f.AddCost(CostRecord{Date: t0, Amount: "1.2345678"}),
		"cost empty amount":    f.AddCost(CostRecord{Date: t0}),
		"claude code no actor": f.AddClaudeCodeUsage(gen.ClaudeCodeUsageRecord{Date: t0}),
		"archive default":      second(f.ArchiveWorkspace(f.DefaultWorkspaceID())),
	} {
		if err == nil {
			t.Errorf("%s: accepted", name)
		} else if !strings.HasPrefix(err.Error(), "admintest: ") {
			t.Errorf("%s: error %q lacks the package prefix", name, err)
		}
	}
	// A key of an archived workspace is archived.
	must[gen.Workspace](t)(f.ArchiveWorkspace(w.ID))
	if k := must[gen.APIKey](t)(f.AddAPIKey(APIKeySeed{Name: "late", WorkspaceID: w.ID})); k.Status != gen.APIKeyStatusArchived {
		t.Errorf("key of an archived workspace is %s", k.Status)
	}
}

func second[T any](_ T, err error) error { return err }

func TestListenerAndClose(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := NewServer(WithListener(l), WithAdminKey("k1"), WithComplianceKey("k2"), WithOrganization("11111111-2222-4333-8444-555555555555", "Acme"))
	if s.URL != "http://"+l.Addr().String() {
		t.Errorf("URL %q, want http://%s", s.URL, l.Addr())
	}
	if s.AdminKey() != "k1" || s.ComplianceKey() != "k2" || s.OrganizationID() != "11111111-2222-4333-8444-555555555555" || s.Organization().Name != "Acme" {
		t.Errorf("accessors: %q %q %q %+v", s.AdminKey(), s.ComplianceKey(), s.OrganizationID(), s.Organization())
	}
	if strings.Contains(s.String(), "k1") {
		t.Errorf("String() shows the key: %s", s)
	}
	req, _ := http.NewRequest("GET", s.URL+"/v1/organizations/me", nil)
	req.Header.Set("x-api-key", "k1")
	req.Header.Set("anthropic-version", APIVersion)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("GET me: %v %v", resp, err)
	}
	resp.Body.Close()
	s.Close()
	s.Close() // idempotent
	c := &http.Client{Timeout: time.Second}
	if resp, err := c.Get(s.URL + "/v1/organizations/me"); err == nil {
		resp.Body.Close()
		t.Error("server answers after Close")
	}
}

func TestClock(t *testing.T) {
	at := time.Date(2030, 1, 2, 3, 4, 5, 0, time.FixedZone("X", 3600))
	s := NewServer(WithClock(func() time.Time { return at }))
	defer s.Close()
	if !s.Now().Equal(at) || s.Now().Location() != time.UTC {
		t.Errorf("Now() = %v, want %v in UTC", s.Now(), at)
	}
	s.Advance(time.Hour)
	if !s.Now().Equal(at.Add(time.Hour)) {
		t.Errorf("after Advance: %v", s.Now())
	}
	s.SetNow(t0)
	if !s.Now().Equal(t0) {
		t.Errorf("after SetNow: %v", s.Now())
	}
	sys := NewServer()
	defer sys.Close()
	if d := time.Since(sys.Now()); d < 0 || d > time.Minute {
		t.Errorf("default clock is %v off the system clock", d)
	}
}

func TestMaxBodyBytes(t *testing.T) {
	f := newFake(t, WithMaxBodyBytes(40))
	f.fails("POST", "/v1/organizations/invites", map[string]string{"email": "someone.with.a.long.name@example.com", "role": "user"}, 413, errRequestTooLarge)
	ok[gen.Invite](f, "POST", "/v1/organizations/invites", map[string]string{"email": "a@b.co", "role": "user"})
}

// TestMaxBodyBytesChunked sends a body of unknown length (chunked) over
// loopback: the limit applies while reading.
func TestMaxBodyBytesChunked(t *testing.T) {
	f := newFake(t, WithMaxBodyBytes(1000))
	body := io.MultiReader(strings.NewReader(`{"email":"a@example.com","role":"user","rbac_group_ids":["`), strings.NewReader(strings.Repeat("x", 5000)+`"]}`))
	req, _ := http.NewRequest("POST", f.URL+"/v1/organizations/invites", body)
	req.Header = f.adminHeaders()
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if req.ContentLength != 0 || resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("chunked oversized body: content length %d, status %d", req.ContentLength, resp.StatusCode)
	}
}
