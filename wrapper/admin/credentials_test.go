package admin_test

import (
	"context"
	"errors"
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

// TestMissingCredentialFailsLocally checks that a call the client holds no
// acceptable credential for fails before the network, naming what it
// needs, and that a client needs at least one credential.
func TestMissingCredentialFailsLocally(t *testing.T) {
	srv := newRecorder(t, func(w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, userJSON) })
	c, err := admin.NewClient(testKey, admin.WithBaseURL(srv.URL))
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.ComplianceUsers.List(context.Background(), "org", nil)
	if !errors.Is(err, admin.ErrMissingCredential) || !strings.Contains(err.Error(), "this client has an Admin API key") {
		t.Errorf("err = %v, want ErrMissingCredential saying what the client has", err)
	}
	if srv.calls.Load() != 0 {
		t.Error("a request was sent")
	}
	if _, err := admin.NewClient(""); err == nil || !strings.Contains(err.Error(), "no credential") {
		t.Errorf("NewClient without credentials: %v", err)
	}
	if _, err := admin.NewClient("", admin.WithTokenSource(nil)); err == nil {
		t.Error("a nil token source was accepted")
	}
}
