# Turnpike: `make local` runs everything on this machine, `make test` runs every test.
SHELL := /bin/bash
GO ?= go
BUILD := build

.PHONY: local test build template bench fuzz lint deploy clean purge

local:
	$(GO) run ./local

# The fuzz runs are budgeted in executions, not seconds: Go 1.26's fuzz
# coordinator can fail a duration-bounded run with "context deadline exceeded"
# when a starved worker misses the end of the window (golang/go#75804, fixed in
# Go 1.27), which a loaded machine makes likely. A count only runs slower there.
test: lint
	$(GO) test -count=1 -timeout 15m ./...
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime 100000x ./shared/platform/params/
	$(GO) test -run '^$$' -fuzz '^FuzzReportBody$$' -fuzztime 100000x ./shared/servicemgmt/authrep/
	$(GO) test -run '^$$' -fuzz '^FuzzMatch$$' -fuzztime 60000x ./shared/model/proxy/

# Every function runs one binary (functions/bootstrap; TURNPIKE_FUNCTION, set per
# function by template.yaml, picks its operation). GOARCH=amd64 make build for
# this machine's architecture.
GOARCH ?= arm64
GOBUILD = CGO_ENABLED=0 GOOS=linux $(GO) build -trimpath -tags lambda.norpc -ldflags='-s -w -buildid='

build:
	@mkdir -p $(BUILD)
	GOARCH=$(GOARCH) $(GOBUILD) -o $(BUILD)/bootstrap ./functions/bootstrap

# sam build calls build-<LogicalId> with ARTIFACTS_DIR (BuildMethod: makefile).
# Every function shares CodeUri, runtime and metadata, so SAM builds once and
# copies the artifact to every function. It always runs go build: Go's cache
# makes an unchanged build fast, and a changed source always reaches the artifact.
# Always arm64, the template's architecture, whatever GOARCH the shell exports.
build-%Function:
	GOARCH=arm64 $(GOBUILD) -o $(ARTIFACTS_DIR)/bootstrap ./functions/bootstrap

template:
	$(GO) run ./infra/cmd/template

# Erase now the tenants the daily purge would erase (PURGE_FLAGS=-dry-run to only report).
purge:
	$(GO) run ./infra/cmd/purge $(PURGE_FLAGS)

# Each benchmark runs in its own process, with its own DynamoDB Local: the
# emulator slows down as data and stream records pile up, and a benchmark must
# not measure what the ones before it left behind.
bench:
	@set -e; for b in $$($(GO) test -list '^Benchmark' ./local/bench/ | grep '^Benchmark'); do \
		$(GO) test -run '^$$' -bench "^$$b$$" -benchtime 1x -timeout 30m ./local/bench/; done

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime 600000x ./shared/platform/params/
	$(GO) test -run '^$$' -fuzz '^FuzzParseJSON$$' -fuzztime 600000x ./shared/platform/params/
	$(GO) test -run '^$$' -fuzz '^FuzzReportBody$$' -fuzztime 600000x ./shared/servicemgmt/authrep/
	$(GO) test -run '^$$' -fuzz '^FuzzMatch$$' -fuzztime 400000x ./shared/model/proxy/

# gofmt skips local/node_modules (npm packages, not ours); staticcheck is a tool
# dependency in go.mod, so a fresh clone needs nothing installed by hand.
lint:
	@test -z "$$(find . -path ./local/node_modules -prune -o -path ./.local -prune -o -name '*.go' -print | xargs gofmt -l | tee /dev/stderr)"
	$(GO) vet ./...
	$(GO) tool staticcheck ./...
	$(GO) mod tidy -diff

deploy:
	sam build && sam deploy --guided

clean:
	rm -rf $(BUILD) .aws-sam
