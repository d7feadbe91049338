package main

import (
	"context"
	"errors"

	"github.com/anthropic-admin/anthropic-admin-go/cmd/internal/fakeapi"
)

// The tests run the fake of --fake and fake serve in process, through
// package fakeapi, as the helper binary does; TestFakeHelper runs the
// built binaries.
func init() {
	startFake = startFakeInProcess
	runFakeServe = fakeapi.Serve
}

// startFakeInProcess is startFake without the helper.
func startFakeInProcess(_ context.Context, getenv func(string) string) (*fakeAPI, error) {
	f, err := fakeapi.Start(getenv)
	if oe := (*fakeapi.OptionError)(nil); errors.As(err, &oe) {
		return nil, &exitError{2, oe.Msg}
	}
	if err != nil {
		return nil, err
	}
	return &fakeAPI{url: f.URL, adminKey: f.AdminKey, complianceKey: f.ComplianceKey, tokens: f.Tokens, now: f.Now, close: f.Close}, nil
}
