# delegation-audit — build, demo and test on Debian 12 with the Swift 6.3 toolchain.
# `make demo` and `make test` install the Debian packages the build needs when they are missing.

SWIFT      ?= swift
APT_PKGS   := libxml2-dev libcmark-dev libssl-dev libarchive-dev pkg-config
PC_MODULES := libxml-2.0 libcmark libcrypto libarchive
DEMO_OUT   ?= demo-pack
DEMO_AS_OF ?= 2026-11-30
SUDO       := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo)

VERSION    := $(shell sed -n 's/.*static let version = "\(.*\)"/\1/p' Sources/AuditCLI/Commands/CommandTable.swift)
ARCH       := $(shell uname -m)
DIST_NAME  := delegation-audit-$(VERSION)-linux-$(ARCH)

.PHONY: all deps build release demo test lint format clean man completions dist dist-test browser-check bench

all: build

## deps: install the Debian packages the build needs, only when some are missing
deps:
	@if ! pkg-config --exists $(PC_MODULES) 2>/dev/null; then \
	  echo "installing Debian packages: $(APT_PKGS)"; \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $(APT_PKGS); \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

## demo: build in release mode and write an evidence pack from SampleData/contoso
demo: release
	@rm -rf "$(DEMO_OUT)"
	@.build/release/delegation-audit run SampleData/contoso/exports \
	  --register SampleData/contoso/register.csv --policy SampleData/contoso/policy.json \
	  --out "$(DEMO_OUT)" --as-of $(DEMO_AS_OF) --org "Contoso Ltd" --quiet
	@echo "evidence pack: $(CURDIR)/$(DEMO_OUT)/index.html"

test: deps
	$(SWIFT) build
	$(SWIFT) test

## bench: time `run` on generated 10k/100k tenants (csv, json, clixml; cached in bench-data/).
## BENCH_SIZES, BENCH_FORMATS, BENCH_RUNS (3) and BENCH_LARGE=1 (300k) select what is timed.
bench: release
	@BENCH_BIN=.build/release/delegation-audit Scripts/bench.sh

lint:
	$(SWIFT) format lint --strict -r Sources Tests

format:
	$(SWIFT) format -i -r Sources Tests

clean:
	rm -rf .build "$(DEMO_OUT)" dist

## man: write Docs/delegation-audit.1 from the same command table as --help
man: build
	@mkdir -p Docs
	.build/debug/delegation-audit __man > Docs/delegation-audit.1
	@echo "man page: Docs/delegation-audit.1 (read it with: man -l Docs/delegation-audit.1)"

## completions: write the bash and zsh completion scripts to Completions/
completions: build
	@mkdir -p Completions
	.build/debug/delegation-audit __completion bash > Completions/delegation-audit.bash
	.build/debug/delegation-audit __completion zsh > Completions/_delegation-audit

## dist: a release binary with the Swift runtime linked statically, packed for air-gapped use
dist: deps
	$(SWIFT) build -c release --static-swift-stdlib --product delegation-audit
	Scripts/dist.sh .build/release/delegation-audit "$(DIST_NAME)"

## dist-test: unpack the dist tarball into an empty folder and run it with an empty environment
dist-test:
	Scripts/dist-test.sh "dist/$(DIST_NAME).tar.gz"

## browser-check: print the sample pack's report to PDF in headless Chromium and check it
browser-check: build
	@rm -rf .build/browser-check
	.build/debug/delegation-audit run SampleData/contoso/exports \
	  --register SampleData/contoso/register.csv --policy SampleData/contoso/policy.json \
	  --out .build/browser-check/pack --as-of $(DEMO_AS_OF) --org "Contoso Ltd" --quiet
	Scripts/browser-check.sh .build/browser-check/pack/index.html .build/browser-check

# --- Hostile input: fuzzing and sanitizers --------------------------------------------------------

FUZZ_SECONDS   ?= 30
SANITIZE_BUILD ?= .build-sanitize
TSAN_FILTER    ?= HostileConcurrency|CSVSplitReader|Alongside|UTF16FileSource|RecordPipeline
# swiftc has no -sanitize=undefined on Linux: UndefinedBehaviorSanitizer covers the C targets
# (CXMLBridge), AddressSanitizer covers Swift and C.
UBSAN_CFLAGS   := -Xcc -fsanitize=undefined -Xcc -fno-sanitize-recover=undefined
# The leak suppressions name functions, so the binary under test needs the symbolizer too.
ASAN_ENV       := SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 \
                  ASAN_SYMBOLIZER_PATH=$(shell command -v llvm-symbolizer) \
                  LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/Sanitizers/lsan.supp \
                  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: fuzz test-sanitize

## fuzz: build the libFuzzer harnesses of Fuzz/ and run each for FUZZ_SECONDS (see Fuzz/README.md)
fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) SWIFT=$(SWIFT) Fuzz/fuzz.sh

## test-sanitize: the whole suite under ASan (+UBSan on C), the concurrency tests under TSan
test-sanitize: deps
	$(SWIFT) build --build-tests --sanitize=address $(UBSAN_CFLAGS) --scratch-path $(SANITIZE_BUILD)/address
	$(ASAN_ENV) $(SWIFT) test --skip-build --sanitize=address $(UBSAN_CFLAGS) --scratch-path $(SANITIZE_BUILD)/address
	$(SWIFT) build --build-tests --sanitize=thread --scratch-path $(SANITIZE_BUILD)/thread
	SWIFT_BACKTRACE=enable=no TSAN_OPTIONS=halt_on_error=1 \
	  $(SWIFT) test --skip-build --sanitize=thread --scratch-path $(SANITIZE_BUILD)/thread --filter '$(TSAN_FILTER)'
