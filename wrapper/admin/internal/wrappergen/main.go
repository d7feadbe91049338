// Command wrappergen writes the mechanical part of package admin from the
// OpenAPI description and the code oapi-codegen generated from it: the
// model aliases with their documentation, the enum constants and their
// value lists, the operation constants, the Client with one service per
// resource, and per operation the method (plus List, Pages and All for
// every list), its parameter struct and its input checks.
//
// It reads the spec with kin-openapi for what only the spec says (which
// service and method an operation belongs to, whether it creates, its
// paging, limits and descriptions) and gen/gen.go with go/parser for the
// Go names and types oapi-codegen chose, so that the two can never
// disagree. It runs from `go generate` (see generate.go):
//
//	go run ./wrapper/admin/internal/wrappergen -spec spec/admin-api.yaml -gen gen/gen.go -o wrapper/admin
//
// The spec's operations carry these extensions:
//
//	x-admin-service: Users   # the Client field, and the service type UsersService
//	x-admin-method: Get      # the method name
//	x-admin-create: true     # not idempotent: re-sent only when provably not processed
//	x-admin-beta: name-2026-10-08  # in beta: the request core sends anthropic-beta: name-2026-10-08
//
// Enum schemas may carry x-enum-varnames (the Go names of the values, read
// by oapi-codegen) and x-enum-descriptions (one sentence or more per value,
// in the same order), which become the constants' doc comments.
//
// An operation whose 200 response is a binary string of any media type
// ({type: string, format: binary}) rather than JSON is a download: its
// method returns *Download, the response body streamed (download.go in
// package admin), instead of a decoded model.
//
// Operations may also carry x-admin-scopes, the scopes the credential
// needs (the fake enforces them); the generator does not read it.
//
// Component schemas with x-admin-internal: true are not re-exported. The
// top-level x-admin-services maps each service to the sentence that
// documents it.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"go/format"
	"os"
	"path/filepath"
)

func main() {
	specPath := flag.String("spec", "spec/admin-api.yaml", "OpenAPI `file`")
	genPath := flag.String("gen", "gen/gen.go", "the `file` oapi-codegen generated from the spec")
	out := flag.String("o", "wrapper/admin", "output `directory`")
	flag.Parse()
	if err := run(*specPath, *genPath, *out); err != nil {
		fmt.Fprintln(os.Stderr, "wrappergen:", err)
		os.Exit(1)
	}
}

// Outputs are the files wrappergen writes, relative to -o.
var outputs = []string{"models_gen.go", "services_gen.go"}

func run(specPath, genPath, out string) error {
	m, err := load(specPath, genPath)
	if err != nil {
		return err
	}
	models, err := m.modelsFile()
	if err != nil {
		return err
	}
	files := map[string]*bytes.Buffer{
		"models_gen.go":   models,
		"services_gen.go": m.servicesFile(),
	}
	for _, name := range outputs {
		src, err := format.Source(files[name].Bytes())
		if err != nil {
			return fmt.Errorf("%s: %v\n%s", name, err, numbered(files[name].Bytes()))
		}
		if err := os.WriteFile(filepath.Join(out, name), src, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// numbered returns src with line numbers, to find a syntax error.
func numbered(src []byte) string {
	var b bytes.Buffer
	for i, line := range bytes.Split(src, []byte("\n")) {
		fmt.Fprintf(&b, "%5d  %s\n", i+1, line)
	}
	return b.String()
}
