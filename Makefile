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
generate: ## Regenerate gen/ and wrapper/admin/*_gen.go from spec/admin-api.yaml (run after every spec change).
	$(GO) generate ./...

.PHONY: check-generated
check-generated: ## Fail if gen/ or wrapper/admin/*_gen.go are not what the spec and generators produce.
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	cp -r go.mod go.sum generate.go tools.go spec gen wrapper "$$tmp/" && \
	(cd "$$tmp" && $(GO) generate ./...) >"$$tmp/generate.log" 2>&1 || { cat "$$tmp/generate.log"; exit 1; }; \
	stale=0; \
	for f in $$(cd "$$tmp" && find gen wrapper -name '*.go' | xargs grep -l '^// Code generated .* DO NOT EDIT\.$$'); do \
		if ! cmp -s "$$f" "$$tmp/$$f"; then \
			echo "stale: $$f"; diff "$$f" "$$tmp/$$f" | grep -v 'swaggerSpec\|^[<>] 	"[A-Za-z0-9+/=]*",$$' | head -20; stale=1; \
		fi; \
	done; \
	if [ $$stale = 1 ]; then \
		echo; echo "Generated code is stale: it differs from what spec/ generates. Run 'make generate' and commit the result."; \
		exit 1; \
	fi; echo "gen/ and wrapper/admin/*_gen.go are up to date."

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

.PHONY: startup
startup: ## Measure the CLI's start-up (wall, RSS, inittrace, size) against a plain net/http program; needs hyperfine (not in check or CI).
	bash cmd/anthropic-admin/testdata/startup/startup.sh

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

# The Go API listing: every exported identifier, with its type, of the
# packages users import (gen, gen/server, wrapper/admin, its admintest).
# TestAPIListing in cmd/apidrift fails when it is not the code's.
.PHONY: api
api: ## Regenerate wrapper/api.txt, the listing of the Go API (after `make generate` or a change of exported Go code).
	$(GO) run ./cmd/apidrift -write-api

# The base `make drift` compares the working tree with: the merge base with
# main when HEAD is not main's tip, else the previous commit.
BASE ?= $(shell mb=$$(git merge-base main HEAD 2>/dev/null); \
	if [ -n "$$mb" ] && [ "$$mb" != "$$(git rev-parse HEAD)" ]; then echo "$$mb"; else echo HEAD~1; fi)

# ACCEPT_BREAKING="reason" makes `make drift` accept the breaking changes of
# uncommitted work; committed work says it in an `API-Break: <reason>`
# trailer, which the gate reads from every commit after the base. Neither
# accepts a module that does not build or a stale gen/ or wrapper/api.txt.
ACCEPT_BREAKING ?=
export ACCEPT_BREAKING

# apidrift exits 0 (pass), 1 (the change breaks users or the module) or 2
# (the gate cannot run). GNU make exits 2 whenever a recipe fails, so the
# drift targets build the tool, run it, and name its exit status before
# passing it on (make then reports it as "Error 1" or "Error 2"). For the raw
# code, run the binary: go build -o /tmp/apidrift ./cmd/apidrift && /tmp/apidrift -h
define run-apidrift
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GO) build -o "$$tmp/apidrift" ./cmd/apidrift || exit 2; \
	"$$tmp/apidrift" -go '$(GO)' -make '$(MAKE)' $(1); code=$$?; \
	case $$code in \
	1) echo "apidrift: exit status 1: the change breaks users or the module (see the verdict above)." >&2 ;; \
	2) echo "apidrift: exit status 2: the gate could not run." >&2 ;; \
	esac; exit $$code
endef

.PHONY: drift
drift: ## Print the API-drift review note of BASE=<ref>..working tree; fails on breaking changes or a broken build.
	$(call run-apidrift,-base '$(BASE)' -accept-breaking "$$ACCEPT_BREAKING")

.PHONY: drift-ci
drift-ci: ## The drift gate CI runs: every commit after the accepted revision recorded in .ci/drift-base.
	$(call run-apidrift,-base-file .ci/drift-base)

# REV is the revision `make drift-base` records: main's tip, which CI passed.
REV ?= main

.PHONY: drift-base
drift-base: ## Record REV (default main) in .ci/drift-base as the last accepted revision; commit the file.
	@rev=$$(git rev-parse --verify --quiet '$(REV)^{commit}') || { echo "drift-base: $(REV) is not a commit" >&2; exit 2; }; \
	{ echo "# The last revision whose API drift was accepted: CI's gate (make drift-ci)"; \
	  echo "# judges every commit after it. Advance it with make drift-base (see"; \
	  echo "# \"Reviewing API drift\" in README.md)."; \
	  echo "$$rev"; } > .ci/drift-base; \
	echo "Recorded $$rev ($$(git log -1 --format=%s "$$rev")) in .ci/drift-base: commit it."

.PHONY: drift-test
drift-test: ## Run every test of the drift gate, the slow whole-pipeline cases too (CI runs it).
	APIDRIFT_TEST=full $(GO) test -count=1 ./cmd/apidrift
