# Språnget — build and test entry points. `make test` is what CI runs
# (.ci/run); see the Testing section of README.md.

SHELL := /bin/bash
.SHELLFLAGS := -euo pipefail -c
.DEFAULT_GOAL := test

GO ?= go
# The tests read these; CI sets CI=true, which turns every skip for a missing
# dependency into a failure.
export CI
export SPRANG_CHROMIUM ?= /usr/bin/chromium
export SPRANG_AXE ?= $(CURDIR)/node_modules/axe-core/axe.min.js
export SPRANG_MAILPIT ?= $(CURDIR)/bin/mailpit
# Extra flags for go test, e.g. make test-sqlite TESTFLAGS='-run TestLogin -v'
export TESTFLAGS
# Packages to test (default ./...), e.g. make test-postgres PKGS=./internal/store/...
export PKGS
# How long each Fuzz target runs in make fuzz.
export FUZZTIME ?= 10s

.PHONY: test deps fmt-check vet lint checks test-sqlite test-postgres test-browser bench fuzz demo load

## test: install what is missing, check formatting, vet, lint, then run all
## tests with the race detector on SQLite and on PostgreSQL (browser tests
## included in both passes). Every step runs even when an earlier one failed,
## so that one run reports everything; the exit status is non-zero if any did.
test: deps
	@failed=""; \
	for step in fmt-check vet lint; do \
	  $(MAKE) --no-print-directory $$step || failed="$$failed $$step"; \
	done; \
	scripts/test.sh all || failed="$$failed tests"; \
	if [ -n "$$failed" ]; then echo "make test: FAILED:$$failed"; exit 1; fi; \
	echo "make test: all checks and tests passed"

## deps: apt-get postgresql and chromium if missing; npm ci (axe-core).
deps:
	@scripts/deps.sh

## checks: gofmt, go vet and golangci-lint.
checks: fmt-check vet lint

fmt-check:
	@files=$$(find . -name '*.go' -not -path './node_modules/*' -not -path './.git/*' -print0 | xargs -0 -r gofmt -l); \
	if [ -n "$$files" ]; then echo "gofmt: these files need formatting (run gofmt -w):"; echo "$$files"; exit 1; fi; \
	echo "gofmt: ok"

vet:
	$(GO) vet ./...

## lint: golangci-lint at the version pinned in go.mod (tool directive).
lint:
	$(GO) tool golangci-lint run ./...

## test-sqlite / test-postgres: one pass of go test -race ./... each.
test-sqlite: deps
	@scripts/test.sh sqlite

test-postgres: deps
	@scripts/test.sh postgres

## test-browser: only the packages whose tests drive Chromium.
test-browser: deps
	@scripts/test.sh browser

## bench: all benchmarks (PostgreSQL ones too when it can be started).
bench: deps
	@scripts/test.sh bench

## load: the load script (scripts/load): home and login page throughput and
## latency on SQLite and PostgreSQL next to a hello-world server; rewrites
## the results section of docs/PERFORMANCE.md. LOADFLAGS='-duration 10s'.
## The open data API on a 1,000,000-row table runs only on request:
## make load LOADFLAGS='-scenario datastore' (about 1½ minutes).
load: deps
	@scripts/load.sh $(LOADFLAGS) -out docs/PERFORMANCE.md

## fuzz: each Fuzz target for $(FUZZTIME).
fuzz:
	@scripts/test.sh fuzz

## demo: the server with example content on http://127.0.0.1:8080.
demo:
	$(GO) run ./cmd/sprang demo
