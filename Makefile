# Verge — build, test, serve, benchmark. Every target runs scripts/setup first, which
# installs missing system packages (JavaScriptCore, esbuild, ICU, zlib, wrk) with apt-get.

SWIFT ?= swift
VERGE := .build/debug/verge

.PHONY: setup build test conformance divergences conformance-table serve bench

setup:
	@scripts/setup

build: setup
	$(SWIFT) build

# The conformance suite runs first; `swift test` last, so its summary ends the output.
test: setup
	$(SWIFT) build --build-tests
	$(VERGE) conformance
	$(SWIFT) test --skip-build

conformance: setup
	$(SWIFT) build --product verge
	$(VERGE) conformance

# docs/divergences.md, generated from the manifest, the DIVERGENCES.md files, the
# expectations and docs/divergences-notes.md.
divergences: setup
	$(SWIFT) build --product verge
	VERGE=$(VERGE) scripts/divergences

# The README's conformance table (between its conformance-table markers), from a full run.
conformance-table: setup
	$(SWIFT) build --product verge
	VERGE=$(VERGE) scripts/conformance-table

# The main job: build and serve examples/mixed (edge routes in JS/TS + Swift routes) on port 3000.
serve: setup
	$(SWIFT) build --product mixed-example
	.build/debug/mixed-example build
	.build/debug/mixed-example start --port $${PORT:-3000}

bench: setup
	scripts/bench
