#!/usr/bin/env bash
# Builds the libFuzzer harnesses of Fuzz/Package.swift and runs each for FUZZ_SECONDS seconds
# from a seed corpus made of the test fixtures, SampleData and Fuzz/Corpus. Called by `make fuzz`.
#
#   FUZZ_SECONDS=30 Fuzz/fuzz.sh [TARGET...]      targets: csv json clixml mustache register arguments
#
# FUZZ_MAX_LEN (default 4096) bounds the inputs libFuzzer makes: parser bugs show in small inputs,
# and small inputs run about 25 times faster than the 20 KB seeds (which are cut to that length).
#
# Output: .build-fuzz/ (build, working corpus per target, crash artifacts, logs, summary.txt).
# Exit status: 0 when no target crashed, 1 when one did (its input is under .build-fuzz/artifacts/),
# 2 when the harnesses cannot be built.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SWIFT=${SWIFT:-swift}
FUZZ_SECONDS=${FUZZ_SECONDS:-30}
FUZZ_MAX_LEN=${FUZZ_MAX_LEN:-4096}
OUT=${FUZZ_OUT:-$ROOT/.build-fuzz}
TARGETS=("$@")
[ ${#TARGETS[@]} -gt 0 ] || TARGETS=(csv json clixml mustache register arguments)

# libFuzzer without its main: SwiftPM links every Swift executable with --defsym main=<module>_main,
# which clashes with the main of libclang_rt.fuzzer (what -sanitize=fuzzer links), so the harnesses
# call LLVMFuzzerRunDriver themselves and link the no-main runtime that ships with the toolchain.
SWIFTC=$(command -v swiftc || true)
RUNTIME=$(ls "$(dirname "$(readlink -f "$SWIFTC")")"/../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-"$(uname -m)".a \
  "$(dirname "$(readlink -f "$SWIFTC")")"/../lib/swift/clang/lib/linux/libclang_rt.fuzzer_no_main-"$(uname -m)".a \
  2>/dev/null | head -n 1 || true)
if [ -z "$RUNTIME" ]; then
  echo "fuzz: the Swift toolchain has no libclang_rt.fuzzer_no_main-$(uname -m).a; libFuzzer harnesses cannot be linked" >&2
  exit 2
fi

mkdir -p "$OUT"
echo "fuzz: building the harnesses (release, AddressSanitizer, libFuzzer coverage) into $OUT/build"
(cd Fuzz && "$SWIFT" build -c release --scratch-path "$OUT/build" \
  -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
  -Xswiftc -enable-testing \
  -Xcc -fsanitize=fuzzer-no-link,address,undefined -Xcc -fno-sanitize-recover=undefined \
  -Xlinker "$RUNTIME" -Xlinker -lstdc++) || exit 2
BIN="$OUT/build/release"

# Seeds: committed ones (Fuzz/Corpus/<target>, including every past crash) plus the fixtures and
# SampleData files of the target's format, copied fresh each run.
seed() {
  local target=$1 dir="$OUT/seeds/$1"
  rm -rf "$dir"
  mkdir -p "$dir"
  cp Fuzz/Corpus/"$target"/* "$dir"/ 2>/dev/null || true
  local files=()
  case $target in
    csv) mapfile -t files < <(find SampleData Tests -type f -name '*.csv') ;;
    json) mapfile -t files < <(find SampleData Tests -type f \( -name '*.json' -o -name '*.jsonl' \) -size -256k) ;;
    clixml) mapfile -t files < <(find SampleData Tests -type f -name '*.xml') ;;
    mustache) mapfile -t files < <(find Templates Sources/AuditReport/Templates -type f -name '*.mustache') ;;
    register) mapfile -t files < <(find SampleData Tests -type f -iname '*register*' \( -name '*.csv' -o -name '*.json' \)) ;;
    arguments) ;;
  esac
  for file in "${files[@]}"; do cp "$file" "$dir/$(echo "$file" | tr '/' '_')"; done
}

: > "$OUT/summary.txt"
status=0
for target in "${TARGETS[@]}"; do
  binary="$BIN/fuzz-$target"
  [ -x "$binary" ] || { echo "fuzz: no harness fuzz-$target" >&2; exit 2; }
  seed "$target"
  corpus="$OUT/corpus/$target"
  artifacts="$OUT/artifacts/$target"
  mkdir -p "$corpus" "$artifacts"
  dict=()
  [ -f "Fuzz/Dictionaries/$target.dict" ] && dict=(-dict="Fuzz/Dictionaries/$target.dict")
  echo "fuzz: $target for ${FUZZ_SECONDS}s"
  set +e
  SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=0:allocator_may_return_null=1} \
    "$binary" -max_total_time="$FUZZ_SECONDS" -timeout=10 -rss_limit_mb=2048 -max_len="$FUZZ_MAX_LEN" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "${dict[@]}" \
    "$corpus" "$OUT/seeds/$target" > "$OUT/$target.log" 2>&1
  code=$?
  set -e
  counters=$(grep -o 'Loaded [0-9]* modules *([0-9]* inline 8-bit counters)' "$OUT/$target.log" | grep -o '([0-9]*' | tr -d '(' | head -n 1)
  last=$(grep -E '^#[0-9]+' "$OUT/$target.log" | tail -n 1)
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$OUT/$target.log" | grep -o '[0-9]*$' || true)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || true)
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || true)
  corp=$(echo "$last" | grep -o 'corp: [0-9]*/[0-9a-zA-Z]*' | cut -d' ' -f2 || true)
  result=ok
  if [ $code -ne 0 ]; then result="CRASH (exit $code): $(ls "$artifacts" | tr '\n' ' ')"; status=1; fi
  line=$(printf '%-10s runs %-10s cov %-6s of %-7s edges  ft %-6s corpus %-12s %s' \
    "$target" "${runs:-?}" "${cov:-?}" "${counters:-?}" "${ft:-?}" "${corp:-?}" "$result")
  echo "$line" | tee -a "$OUT/summary.txt"
done
echo "fuzz: summary in $OUT/summary.txt; logs in $OUT/<target>.log"
if [ $status -ne 0 ]; then
  echo "fuzz: a target crashed; add each artifact to Fuzz/Corpus/<target>/ and to the hostile regression tests" >&2
fi
exit $status
