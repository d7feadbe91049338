# Targets for developers and CI. `make` alone lists them; CI runs `make check`.

GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
# Hand-written Go files: everything tracked or new except generated code.
GOFILES      = $(shell git ls-files --cached --others --exclude-standard '*.go' | grep -v '^gen/')

.DEFAULT_GOAL := help

.PHONY: help
help: ## List the targets.
	@awk 'BEGIN {FS = ":.*## "} /^[a-z-]+:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: generate
generate: ## Regenerate gen/ from spec/admin-api.yaml (run after every spec change).
	$(GO) generate ./...

.PHONY: check-generated
check-generated: ## Fail if gen/ is not what the spec and generator produce.
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	grep '^//go:generate ' generate.go | sed -e 's|^//go:generate ||' | while read -r line; do \
		out=$$(printf '%s\n' "$$line" | sed -n 's|.* -o gen/\([^ ]*\).*|\1|p'); \
		mkdir -p "$$tmp/$$(dirname "$$out")"; \
		cmd=$$(printf '%s\n' "$$line" | sed "s| -o gen/| -o $$tmp/|"); \
		eval "$$cmd" || exit 1; \
	done || exit 1; \
	if ! diff -r gen "$$tmp" >"$$tmp.diff" 2>&1; then \
		head -40 "$$tmp.diff"; rm -f "$$tmp.diff"; \
		echo; echo "gen/ is stale: it differs from what spec/ generates. Run 'make generate' and commit the result."; \
		exit 1; \
	fi; rm -f "$$tmp.diff"; echo "gen/ is up to date."

.PHONY: fmt
fmt: ## Format the hand-written Go code.
	gofmt -s -w $(GOFILES)

.PHONY: check-fmt
check-fmt: ## Fail if hand-written Go code is not gofmt'ed.
	@out=$$(gofmt -s -l $(GOFILES)); if [ -n "$$out" ]; then echo "gofmt needed (run 'make fmt'):"; echo "$$out"; exit 1; fi

.PHONY: vet
vet: ## Run go vet.
	$(GO) vet ./...

.PHONY: lint
lint: ## Run staticcheck (pinned, via go run).
	$(GO) run $(STATICCHECK) ./...

.PHONY: test
test: ## Run all tests with the race detector.
	$(GO) test -race ./...

# Stress tests run a small size by default (go test, make test, make check)
# and their full size under -stress, a test flag that every package of
# STRESS_PKGS defines (-args hands it to each package listed).
STRESS_PKGS ?= ./wrapper/admin/admintest
STRESS_RUN  ?= ^TestConcurrent

.PHONY: stress
stress: ## Run the stress tests at full size with the race detector (minutes; not in check or CI).
	$(GO) test -race -count=1 -timeout 30m -run '$(STRESS_RUN)' -v $(STRESS_PKGS) -args -stress

.PHONY: bench
bench: ## Run the benchmarks (pipe into benchstat to compare).
	$(GO) test -run '^$$' -bench . -benchmem ./...

FUZZTIME ?= 30s

.PHONY: fuzz
fuzz: ## Run each fuzz target for FUZZTIME (not part of check or CI).
	$(GO) test -run '^$$' -fuzz '^FuzzDecodeError$$' -fuzztime $(FUZZTIME) ./wrapper/admin
	$(GO) test -run '^$$' -fuzz '^FuzzDecodePages$$' -fuzztime $(FUZZTIME) ./wrapper/admin

.PHONY: tidy
tidy: ## Tidy go.mod and go.sum.
	$(GO) mod tidy

.PHONY: check-tidy
check-tidy: ## Fail if go.mod or go.sum are not tidy.
	@$(GO) mod tidy -diff >/dev/null 2>&1 || { $(GO) mod tidy -diff; echo "go.mod/go.sum are not tidy: run 'make tidy'."; exit 1; }

.PHONY: check
check: check-fmt vet lint check-tidy check-generated test ## Everything CI checks.

# The base `make drift` compares the working tree with: the merge base with
# main when HEAD is not main's tip, else the previous commit.
BASE ?= $(shell mb=$$(git merge-base main HEAD 2>/dev/null); \
	if [ -n "$$mb" ] && [ "$$mb" != "$$(git rev-parse HEAD)" ]; then echo "$$mb"; else echo HEAD~1; fi)

# ACCEPT_BREAKING="reason" makes `make drift` report breaking changes as
# accepted instead of failing (a stale gen/ still fails). CI takes it from an
# `API-Break: <reason>` trailer of the commit under test.
ACCEPT_BREAKING ?=
export ACCEPT_BREAKING

.PHONY: drift
drift: ## Print the API-drift review note against BASE=<ref>; fails on breaking changes.
	@$(GO) run ./cmd/apidrift -base '$(BASE)' -go '$(GO)' -make '$(MAKE)' -accept-breaking "$$ACCEPT_BREAKING"
