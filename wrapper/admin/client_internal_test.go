package admin

import (
	"context"
	"net/http"
	"testing"
)

// TestDefaultClientHasTimeouts checks that the default HTTP client bounds
// the wait for response headers and the whole attempt, so that a server
// that never answers cannot hold a call for long (see the package
// documentation's timeout budget).
func TestDefaultClientHasTimeouts(t *testing.T) {
	c, err := NewClient("sk-ant-admin01-TESTKEY-not-a-real-key-000000")
	if err != nil {
		t.Fatal(err)
	}
	hc := c.cfg.httpClient
	tr, ok := hc.Transport.(*http.Transport)
	if !ok || tr.ResponseHeaderTimeout != DefaultResponseHeaderTimeout {
		t.Fatalf("default transport %#v: want ResponseHeaderTimeout %v", hc.Transport, DefaultResponseHeaderTimeout)
	}
	if hc.Timeout != DefaultTimeout {
		t.Errorf("default Timeout = %v, want %v", hc.Timeout, DefaultTimeout)
	}
	if tr.Proxy == nil {
		t.Error("the default transport lost http.DefaultTransport's proxy settings")
	}
}

// TestKeysGoOnlyToTheBaseURLHost checks the request editors' last line of
// defence: a request for another host gets no key.
func TestKeysGoOnlyToTheBaseURLHost(t *testing.T) {
	c, err := NewClient("sk-ant-admin01-TESTKEY-not-a-real-key-000000",
		WithBaseURL("https://api.example.test"), WithComplianceKey("sk-ant-compliance-TESTKEY-0000"))
	if err != nil {
		t.Fatal(err)
	}
	for _, edit := range []func(context.Context, *http.Request) error{c.cfg.editors[credAdminKey], c.cfg.editors[credComplianceKey]} {
		ok, _ := http.NewRequest("GET", "https://api.example.test/v1/organizations/me", nil)
		if err := edit(context.Background(), ok); err != nil {
			t.Errorf("base URL host refused: %v", err)
		}
		other, _ := http.NewRequest("GET", "https://evil.example.test/v1/organizations/me", nil)
		if err := edit(context.Background(), other); err == nil || other.Header.Get("x-api-key") != "" || other.Header.Get("Authorization") != "" {
			t.Errorf("a request for another host was given credentials (err %v)", err)
		}
	}
}
