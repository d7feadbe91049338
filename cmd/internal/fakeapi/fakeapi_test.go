package fakeapi

import (
	"encoding/json"
	"io"
	"net/http"
	"testing"
	"time"
)

// TestSession checks the helper's session: one JSON line with a URL and
// credentials the fake accepts, served until stdin ends; a bad
// environment is an error line and exit status 2.
func TestSession(t *testing.T) {
	inR, inW := io.Pipe()
	outR, outW := io.Pipe()
	done := make(chan int, 1)
	go func() { done <- Session(inR, outW, func(string) string { return "" }) }()
	var info SessionInfo
	if err := json.NewDecoder(outR).Decode(&info); err != nil {
		t.Fatal(err)
	}
	if info.URL == "" || info.AdminKey == "" || info.ComplianceKey == "" || info.OAuthToken == "" || info.Error != "" {
		t.Fatalf("session info: %+v", info)
	}
	req, _ := http.NewRequest("GET", info.URL+"/v1/organizations/service_accounts", nil)
	req.Header.Set("Authorization", "Bearer "+info.OAuthToken)
	req.Header.Set("anthropic-version", "2023-06-01")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Errorf("the session's token: status %d", resp.StatusCode)
	}
	inW.Close()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the session did not end with its stdin")
	}

	bad := func(k string) string {
		if k == EnvNow {
			return "tomorrow"
		}
		return ""
	}
	outR2, outW2 := io.Pipe()
	go func() { done <- Session(nil, outW2, bad) }()
	if err := json.NewDecoder(outR2).Decode(&info); err != nil || info.Error == "" {
		t.Errorf("bad %s: %v %+v", EnvNow, err, info)
	}
	if code := <-done; code != 2 {
		t.Errorf("bad %s: exit %d", EnvNow, code)
	}
}
