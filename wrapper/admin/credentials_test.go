package admin_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin"
	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// TestAPIVersions checks how each API version sends the Admin key, on the
// wire and against the fake, which checks that the form matches the
// version.
func TestAPIVersions(t *testing.T) {
	for _, tc := range []struct {
		version, header, value string
	}{
		{admin.APIVersion20230601, "x-api-key", testKey},
		{admin.APIVersion20261021, "Authorization", "Bearer " + testKey},
	} {
		t.Run(tc.version, func(t *testing.T) {
			srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, userJSON) })
			c, _ := newClient(t, srv.URL, admin.WithAPIVersion(tc.version))
			if _, err := c.Users.Get(context.Background(), "user_01"); err != nil {
				t.Fatal(err)
			}
			r := srv.requests()[0]
			if got := r.Header.Get(tc.header); got != tc.value {
				t.Errorf("%s = %q, want %q", tc.header, got, tc.value)
			}
			if got := r.Header.Get("anthropic-version"); got != tc.version {
				t.Errorf("anthropic-version = %q", got)
			}
			if tc.version == admin.APIVersion20261021 && r.Header.Get("x-api-key") != "" {
				t.Error("x-api-key sent under 2026-10-21")
			}

			fake := admintest.NewServer()
			defer fake.Close()
			if _, err := fake.Client(admin.WithAPIVersion(tc.version)).Organization.Get(context.Background()); err != nil {
				t.Errorf("against the fake: %v", err)
			}
		})
	}
	if _, err := admin.NewClient(testKey, admin.WithAPIVersion("2024-01-01")); err == nil {
		t.Error("an unknown API version was accepted")
	}
}

// TestClientNeedsACredential checks that a client needs at least one
// credential (TestComplianceNeedsItsKey checks a missing one per call).
func TestClientNeedsACredential(t *testing.T) {
	if _, err := admin.NewClient(""); err == nil || !strings.Contains(err.Error(), "no credential") {
		t.Errorf("NewClient without credentials: %v", err)
	}
	if _, err := admin.NewClient("", admin.WithTokenSource(nil)); err == nil {
		t.Error("a nil token source was accepted")
	}
}
