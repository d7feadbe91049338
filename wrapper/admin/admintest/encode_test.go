package admintest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/gen"
)

// TestRawListBodyMatchesEncoder checks that the users list, whose body is
// spliced from cached item encodings, is byte for byte what the generated
// handler's json.Encoder writes for the same page, before and after a
// record changes (the cache must not serve the old version), for pages
// with items, an empty page, and names that JSON escapes.
func TestRawListBodyMatchesEncoder(t *testing.T) {
	f := newFake(t)
	for i, name := range []string{"Plain", `Quote " and \ backslash`, "<b>&amp;</b>", "Ünïcödé ✓", "line\nbreak", "\u2028sep"} {
		must[gen.User](t)(f.AddUser(UserSeed{Email: fmt.Sprintf("e%d@example.com", i), Name: name, Role: gen.OrganizationRoleDeveloper}))
	}
	want := func(path string, c cursor, keep func(*user) bool) []byte {
		f.mu.RLock()
		p := listPage(f.st.users, c, keep, func(u *user) gen.User { return u.User })
		f.mu.RUnlock()
		var buf bytes.Buffer
		if err := json.NewEncoder(&buf).Encode(gen.UserList{Data: p.data, FirstID: p.firstID, LastID: p.lastID, HasMore: p.hasMore}); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	check := func(path string, c cursor, keep func(*user) bool) {
		t.Helper()
		r := f.do("GET", path, nil)
		if w := want(path, c, keep); !bytes.Equal(r.body, w) {
			t.Errorf("GET %s:\n got %s\nwant %s", path, r.body, w)
		}
		if ct := r.header.Get("Content-Type"); ct != "application/json" {
			t.Errorf("GET %s: Content-Type %q", path, ct)
		}
	}
	check("/v1/organizations/users?limit=4", cursor{limit: 4}, nil)
	check("/v1/organizations/users?limit=100", cursor{limit: 100}, nil)
	check("/v1/organizations/users?limit=3&roles[]=billing", cursor{limit: 3}, func(u *user) bool { return u.Role == gen.OrganizationRoleBilling })

	// A change is a new version: the list shows it.
	l := ok[gen.UserList](f, "GET", "/v1/organizations/users?limit=1", nil)
	ok[gen.User](f, "POST", "/v1/organizations/users/"+l.Data[0].ID, map[string]any{"role": "billing"})
	check("/v1/organizations/users?limit=100", cursor{limit: 100}, nil)
	check("/v1/organizations/users?limit=3&roles[]=billing", cursor{limit: 3}, func(u *user) bool { return u.Role == gen.OrganizationRoleBilling })
	if got := ok[gen.UserList](f, "GET", "/v1/organizations/users?roles[]=billing", nil); len(got.Data) != 1 || got.Data[0].Role != gen.OrganizationRoleBilling {
		t.Errorf("after the role change: %+v", got)
	}
}
