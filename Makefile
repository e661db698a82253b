# delegation-audit — build, demo and test on Debian 12 with the Swift 6.3 toolchain.
# `make demo` and `make test` install the Debian packages the build needs when they are missing.

SWIFT      ?= swift
APT_PKGS   := libxml2-dev libcmark-dev libssl-dev libarchive-dev pkg-config
PC_MODULES := libxml-2.0 libcmark libcrypto libarchive
DEMO_OUT   ?= demo-pack
DEMO_AS_OF ?= 2026-11-30
SUDO       := $(shell [ "$$(id -u)" = 0 ] || command -v sudo >/dev/null 2>&1 && [ "$$(id -u)" != 0 ] && echo sudo)

.PHONY: all deps build release demo test lint format clean

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

lint:
	$(SWIFT) format lint --strict -r Sources Tests

format:
	$(SWIFT) format -i -r Sources Tests

clean:
	rm -rf .build "$(DEMO_OUT)"

# --- Hostile input: fuzzing and sanitizers --------------------------------------------------------

FUZZ_SECONDS   ?= 30
SANITIZE_BUILD ?= .build-sanitize
TSAN_FILTER    ?= HostileConcurrency
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
