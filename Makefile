# Turnpike: `make local` runs everything on this machine, `make test` runs every test.
SHELL := /bin/bash
GO ?= go
FUNCTIONS := $(sort $(notdir $(wildcard functions/*)))
BUILD := build

.PHONY: local test build template bench fuzz lint deploy clean

local:
	$(GO) run ./local

test:
	$(GO) vet ./...
	$(GO) test -count=1 -timeout 15m ./...
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime 10s ./shared/platform/params/
	$(GO) test -run '^$$' -fuzz '^FuzzReportBody$$' -fuzztime 10s ./shared/servicemgmt/authrep/
	$(GO) test -run '^$$' -fuzz '^FuzzMatch$$' -fuzztime 10s ./shared/model/proxy/

# One go build for every function: linking dominates, so a single invocation is fastest.
build:
	@mkdir -p $(BUILD)
	CGO_ENABLED=0 GOOS=linux GOARCH=arm64 $(GO) build -trimpath -tags lambda.norpc -ldflags='-s -w' -o $(BUILD)/ $(addprefix ./functions/,$(FUNCTIONS))
	@for f in $(FUNCTIONS); do mkdir -p $(BUILD)/fn/$$f && mv -f $(BUILD)/$$f $(BUILD)/fn/$$f/bootstrap; done

# sam build calls build-<LogicalId> for each function (BuildMethod: makefile).
build-%Function:
	@test -f $(BUILD)/fn/.built || { $(MAKE) build && touch $(BUILD)/fn/.built; }
	cp $(BUILD)/fn/$(shell echo '$*' | sed -E 's/([a-z0-9])([A-Z])/\1-\2/g' | tr 'A-Z' 'a-z')/bootstrap $(ARTIFACTS_DIR)/bootstrap

template:
	$(GO) run ./infra/cmd/template

bench:
	$(GO) test -run '^$$' -bench . -benchtime 1x -timeout 30m ./local/bench/

fuzz:
	$(GO) test -run '^$$' -fuzz '^FuzzParseQuery$$' -fuzztime 60s ./shared/platform/params/
	$(GO) test -run '^$$' -fuzz '^FuzzParseJSON$$' -fuzztime 60s ./shared/platform/params/
	$(GO) test -run '^$$' -fuzz '^FuzzReportBody$$' -fuzztime 60s ./shared/servicemgmt/authrep/
	$(GO) test -run '^$$' -fuzz '^FuzzMatch$$' -fuzztime 60s ./shared/model/proxy/

lint:
	@test -z "$$(gofmt -l . | grep -v '^local/node_modules' | tee /dev/stderr)"
	$(GO) vet ./...

deploy:
	sam build && sam deploy --guided

clean:
	rm -rf $(BUILD) .aws-sam
