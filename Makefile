# Atelier. `make run` sets up, builds and opens the studio (or the headless
# demo when there is no display); `make test` runs every test.
GO      ?= go
TAGS    := sqlite_fts5
BIN     := bin/atelier
export CGO_ENABLED := 1

.PHONY: run test build bootstrap demo bench vet ollama package stress fuzz

bootstrap:
	@scripts/bootstrap

build: bootstrap
	$(GO) build -tags $(TAGS) -o $(BIN) .

# With no ollama on PATH, build the managed server the studio starts itself.
run: build
	@command -v ollama >/dev/null || scripts/build-ollama >/dev/null
	@if [ "$$(uname -s)" = Linux ] && [ -z "$$DISPLAY" ] && [ -z "$$WAYLAND_DISPLAY" ]; then \
		echo "No display (DISPLAY and WAYLAND_DISPLAY are unset): running the headless demo instead."; \
		$(BIN) demo; \
	else \
		$(BIN); \
	fi

demo: build
	$(BIN) demo

STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2

vet:
	$(GO) vet -tags $(TAGS) ./...
	$(GO) vet -tags '$(TAGS) bench' ./...
	$(GO) run $(STATICCHECK) -tags $(TAGS) ./...

# The drafting tests run against a real Ollama server built from the same
# module version as the API client (cached in .cache/ollama).
ollama:
	@scripts/build-ollama >/dev/null

test: bootstrap vet ollama
	$(GO) test -race -tags $(TAGS) -count=1 -timeout 30m ./...

# Benchmarks, each printed beside its peer from the same run (not part of
# make test).
bench: bootstrap ollama
	@out=$$(mktemp); $(GO) test -p 1 -tags '$(TAGS) bench' -run 'TestBench' -count=1 -timeout 30m -v ./... >$$out 2>&1; status=$$?; \
	grep '^BENCH' $$out | sed 's/^BENCH //'; [ $$status = 0 ] || cat $$out; rm -f $$out; exit $$status

# The installable Linux package (Atelier.tar.xz: binary, desktop file, icon),
# built by fyne.io/tools from FyneApp.toml. The tool is cached by version.
FYNE_TOOLS := v1.7.4
FYNE := .cache/bin/fyne-$(FYNE_TOOLS)/fyne

$(FYNE):
	GOBIN=$(CURDIR)/.cache/bin/fyne-$(FYNE_TOOLS) $(GO) install fyne.io/tools/cmd/fyne@$(FYNE_TOOLS)

package: bootstrap $(FYNE)
	$(FYNE) package --os linux --tags $(TAGS) --release
	scripts/check-package Atelier.tar.xz

# 200 SIGKILL rounds of the crash-safety test (make test runs 20).
stress: bootstrap
	@out=$$(mktemp); ATELIER_CRASH_ROUNDS=200 $(GO) test -tags $(TAGS) -run TestCrashSafety -count=1 -timeout 30m -v ./cli >$$out 2>&1; status=$$?; \
	grep '^STRESS' $$out | sed 's/^STRESS //'; [ $$status = 0 ] || cat $$out; rm -f $$out; exit $$status

# Every fuzz target for 10 minutes (FUZZTIME=30s for a quick pass); their
# seed corpora (testdata/fuzz) run in make test.
fuzz: bootstrap ollama
	@GO=$(GO) scripts/fuzz
