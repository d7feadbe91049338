package main

import (
	"context"
	"errors"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// withServiceAccounts adds to f the IDs of the demo's service accounts,
// sa (ci-deployer, a member of the first workspace), reporter
// (usage-reporter) and archived-sa, and workspace2, the second workspace,
// and returns f. It looks them up only when args use them, so that the
// other commands see the request IDs they always did.
func (f fixture) withServiceAccounts(t *testing.T, s *admintest.Server, args []string) fixture {
	t.Helper()
	if !slices.ContainsFunc(args, func(a string) bool {
		return strings.Contains(a, "{sa}") || strings.Contains(a, "{reporter}") || strings.Contains(a, "{archived-sa}") || strings.Contains(a, "{workspace2}")
	}) {
		return f
	}
	ctx := context.Background()
	c := s.Client()
	for sa, err := range c.ServiceAccounts.All(ctx, &admin.ListServiceAccountsParams{IncludeArchived: true}) {
		if err != nil {
			t.Fatalf("fixture: %v", err)
		}
		switch {
		case sa.ArchivedAt != nil:
			f["archived-sa"] = sa.ID
		case sa.Name == "ci-deployer":
			f["sa"] = sa.ID
		case sa.Name == "usage-reporter":
			f["reporter"] = sa.ID
		}
	}
	ws, err := c.Workspaces.List(ctx, &admin.ListWorkspacesParams{Limit: 2})
	if err != nil || len(ws.Data) != 2 {
		t.Fatalf("fixture: workspaces %v, %v", ws, err)
	}
	f["workspace2"] = ws.Data[1].ID
	for _, k := range []string{"sa", "reporter", "archived-sa"} {
		if f[k] == "" {
			t.Fatalf("fixture: the demo data has no %s", k)
		}
	}
	return f
}

// onlyLeafCredential returns the environment that leaves the leaf that
// args name only the credential it declares: no Admin key for an oauth
// leaf, no OAuth token for the others. An operation's credentials are the
// spec's, so a leaf declared wrong fails.
func onlyLeafCredential(t *testing.T, args []string) map[string]string {
	t.Helper()
	c := commands()
	for _, name := range args {
		if !c.isGroup() {
			break
		}
		if c = c.sub(name); c == nil {
			t.Fatalf("no command %v", args)
		}
	}
	if c.oauth {
		return map[string]string{envAdminKey: ""}
	}
	return map[string]string{envOAuthToken: ""}
}

// TestFakeServeOAuthToken checks that fake serve prints an OAuth token
// that the service account operations accept, and that the Admin key it
// prints does not reach them.
func TestFakeServeOAuthToken(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr serveOutput
	done := make(chan int, 1)
	go func() { done <- runFakeServe(ctx, []string{"--addr", "127.0.0.1:0"}, &stdout, &stderr) }()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("fake serve exited with %d: %s", code, stderr.String())
		}
	}()
	for deadline := time.Now().Add(10 * time.Second); !strings.Contains(stdout.String(), "Stop with"); time.Sleep(5 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("fake serve printed: %s%s", stdout.String(), stderr.String())
		}
	}
	out := stdout.String()
	url := serveURL.FindStringSubmatch(out)[1]
	tok := regexp.MustCompile(`oauth token:\s+(\S+)`).FindStringSubmatch(out)
	if tok == nil {
		t.Fatalf("fake serve printed no OAuth token:\n%s", out)
	}
	c, err := admin.NewClient(serveKey.FindStringSubmatch(out)[1], admin.WithBaseURL(url), admin.WithMaxRetries(0),
		admin.WithTokenSource(oauth2.StaticTokenSource(&oauth2.Token{AccessToken: tok[1]})))
	if err != nil {
		t.Fatal(err)
	}
	l, err := c.ServiceAccounts.List(ctx, nil)
	if err != nil || len(l.Data) == 0 {
		t.Errorf("service accounts with the printed token: %v, %v", l, err)
	}
	keyOnly, _ := admin.NewClient(serveKey.FindStringSubmatch(out)[1], admin.WithBaseURL(url), admin.WithMaxRetries(0))
	if _, err := keyOnly.ServiceAccounts.List(ctx, nil); !errors.Is(err, admin.ErrMissingCredential) {
		t.Errorf("service accounts with the Admin key only: %v, want ErrMissingCredential", err)
	}
}
