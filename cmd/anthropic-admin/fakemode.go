package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"golang.org/x/oauth2"

	"github.com/anthropic-admin/anthropic-admin-go/wrapper/admin/admintest"
)

// Environment variables that tune the fake of --fake.
const (
	// envFakeNow sets the fake's frozen clock (RFC 3339), or "system" for
	// the system clock; the default is fakeNow.
	envFakeNow = "ANTHROPIC_ADMIN_FAKE_NOW"
	// envFakeSeed sets the seed of the fake's IDs and demo data (default 1).
	envFakeSeed = "ANTHROPIC_ADMIN_FAKE_SEED"
)

// fakeNow is the instant the fake's clock is frozen at by default, so that
// --fake prints the same thing on every run and every day.
var fakeNow = time.Date(2026, 11, 1, 12, 0, 0, 0, time.UTC)

// fakeAPI is a running fake of the API for --fake.
type fakeAPI struct {
	url, adminKey, complianceKey string
	// tokens issues the fake's org:admin OAuth access tokens.
	tokens oauth2.TokenSource
	// now is the fake's clock, which reports default to.
	now   func() time.Time
	close func()
}

// startFake starts the in-process fake for --fake: an admintest server on
// loopback seeded with the demo data, with its own keys and OAuth tokens.
func startFake(_ context.Context, getenv func(string) string) (*fakeAPI, error) {
	opts, err := fakeOptions(getenv)
	if err != nil {
		return nil, err
	}
	s := admintest.NewServer(opts...)
	return &fakeAPI{url: s.URL, adminKey: s.AdminKey(), complianceKey: s.ComplianceKey(), tokens: s.TokenSource(), now: s.Now, close: s.Close}, nil
}

// fakeOptions returns the options of the fake from the environment.
func fakeOptions(getenv func(string) string) ([]admintest.Option, error) {
	opts := []admintest.Option{admintest.WithDemoData()}
	if v := getenv(envFakeSeed); v != "" {
		seed, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return nil, &exitError{2, fmt.Sprintf("%s: %q is not an integer", envFakeSeed, v)}
		}
		opts = append(opts, admintest.WithSeed(seed))
	}
	switch v := getenv(envFakeNow); v {
	case "system":
	case "":
		opts = append(opts, admintest.WithClock(func() time.Time { return fakeNow }))
	default:
		t, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return nil, &exitError{2, fmt.Sprintf("%s: %q is not an RFC 3339 time", envFakeNow, v)}
		}
		opts = append(opts, admintest.WithClock(func() time.Time { return t }))
	}
	return opts, nil
}
