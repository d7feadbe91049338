package main

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestAPIListing keeps wrapper/api.txt, the committed listing of the Go API
// of the packages users import, equal to the code's. When it fails, run
// `make api` and commit the file: the diff then shows every exported
// identifier the change adds, changes or removes.
func TestAPIListing(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("skipping: go is not installed")
	}
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	cfg := defaultConfig()
	cfg.Dir = root
	r := &runner{cfg: cfg}
	want, err := r.apiListing(context.Background(), root)
	if err != nil {
		t.Fatalf("listing the Go API: %v", err)
	}
	got, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(cfg.APIFile)))
	if err != nil {
		t.Fatalf("%v: run `make api` and commit %s", err, cfg.APIFile)
	}
	if string(got) == want {
		return
	}
	committed, err := parseListing(string(got))
	if err != nil {
		t.Fatalf("%s: %v: run `make api` and commit it", cfg.APIFile, err)
	}
	code, _ := parseListing(want)
	var diff []string
	if d, err := diffAPI(committed, code); err == nil {
		for _, e := range d.Removed {
			diff = append(diff, "- "+e.Line)
		}
		for _, c := range append(d.Changed, d.TagOnly...) {
			diff = append(diff, "- "+c.Old.Line, "+ "+c.New.Line)
		}
		for _, e := range append(d.IfaceGrown, d.Added...) {
			diff = append(diff, "+ "+e.Line)
		}
	}
	const shown = 30
	if len(diff) > shown {
		diff = append(diff[:shown], "...")
	}
	t.Fatalf("%s is not the Go API of the code (- in the file, + in the code):\n%s\n\nRun `make api` and commit %s.", cfg.APIFile, strings.Join(diff, "\n"), cfg.APIFile)
}
