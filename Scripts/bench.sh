#!/usr/bin/env bash
# Times `delegation-audit run` end to end on generated tenants (release build, pack written).
#
#   Scripts/bench.sh                      # 10k and 100k mailboxes, csv json clixml, 3 runs each
#   BENCH_SIZES=100000 BENCH_FORMATS=csv BENCH_RUNS=5 Scripts/bench.sh
#
# Tenants come from `delegation-audit sample --seed 1` and are cached in bench-data/ (git-ignored).
# For each tenant it prints the median wall time of the whole tenant (exports + register +
# policy + baseline) and of the mailbox-permission file alone, MB/s, rows/s (lines of the input
# files), peak RSS (/usr/bin/time -v), the ratio to `wc -l` over the same files, and whether the
# findings equal the sample's answer key. BENCH_LARGE=1 adds 300k mailboxes (CSV only: a 300k
# CLIXML tenant is several GB) and prints how the whole-tenant time grew from 100k to 300k
# (the target is at most 3.3 times). For the 100k CSV tenant it also prints each stage's time and
# memory from one more run (DELEGATION_AUDIT_TIMINGS=1; BENCH_STAGES=0 leaves that out).
set -euo pipefail

cd "$(dirname "$0")/.."
BIN=${BENCH_BIN:-.build/release/delegation-audit}
DATA=${BENCH_DATA:-bench-data}
SIZES=${BENCH_SIZES:-10000 100000}
FORMATS=${BENCH_FORMATS:-csv json clixml}
RUNS=${BENCH_RUNS:-3}
AS_OF=2026-11-30T00:00:00Z
[ "${BENCH_LARGE:-0}" = 1 ] && SIZES="$SIZES 300000"

if [ -z "${BENCH_BIN:-}" ]; then swift build -c release >&2; fi
[ -x /usr/bin/time ] || { echo "bench: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
mkdir -p "$DATA"
declare -A tenant_seconds

median() { sort -n | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# time_run LABEL OUT -- ARGS...: runs $BIN ARGS RUNS times; sets SECONDS_MEDIAN and RSS_MB (max).
time_run() {
  local out=$1; shift
  local times=() rss=0 i
  for ((i = 1; i <= RUNS; i++)); do
    rm -rf "$out"
    /usr/bin/time -v -o "$DATA/time.txt" "$BIN" "$@" --out "$out" --quiet >"$DATA/run.log" 2>&1 || {
      local rc=$?
      # 1 = findings; anything above is a failure.
      if [ "$rc" -gt 1 ]; then echo "bench: run failed ($rc):" >&2; tail -20 "$DATA/run.log" >&2; exit 1; fi
    }
    local wall kb
    wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (j = 1; j <= n; j++) s = s * 60 + p[j]; print s }' "$DATA/time.txt")
    kb=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$DATA/time.txt")
    times+=("$wall")
    [ "$kb" -gt "$rss" ] && rss=$kb
  done
  SECONDS_MEDIAN=$(printf '%s\n' "${times[@]}" | median)
  RSS_MB=$((rss / 1024))
}

# wc_time FILES...: median seconds of `wc -l` over the files.
wc_time() {
  local times=() i start end
  for ((i = 1; i <= RUNS; i++)); do
    start=$(date +%s.%N); wc -l "$@" >/dev/null; end=$(date +%s.%N)
    times+=("$(echo "$end - $start" | bc -l)")
  done
  printf '%s\n' "${times[@]}" | median
}

echo "machine: $(nproc) cores; load average: $(cut -d' ' -f1-3 /proc/loadavg); runs per measurement: $RUNS"
printf '%-7s %-7s %-10s %9s %9s %8s %10s %8s %8s  %s\n' size format scope seconds MB rows MB/s rows/s RSS_MB "ratio to wc -l; findings"
for size in $SIZES; do
  formats=$FORMATS
  [ "$size" -gt 100000 ] && formats=csv
  for format in $formats; do
    tenant="$DATA/$format-$size"
    if [ ! -f "$tenant/answer-key.json" ]; then
      echo "generating $tenant ..." >&2
      "$BIN" sample --out "$tenant" --mailboxes "$size" --format "$format" --seed 1 --force >/dev/null
    fi
    # Whole tenant: exports, register, policy and the baseline, as the sample's README runs it.
    files=("$tenant"/exports/* "$tenant/register.csv" "$tenant/policy.json" "$tenant"/baseline/*)
    bytes=$(cat "${files[@]}" | wc -c); lines=$(cat "${files[@]}" | wc -l)
    time_run "$DATA/pack" run "$tenant/exports" --register "$tenant/register.csv" \
      --policy "$tenant/policy.json" --baseline "$tenant/baseline" --as-of "$AS_OF"
    check=$(python3 Scripts/bench-check-findings.py "$DATA/pack" "$tenant/answer-key.json" | head -1)
    wc_s=$(wc_time "${files[@]}")
    printf '%-7s %-7s %-10s %9s %9.1f %8d %10.1f %8.0f %8d  %s; %s\n' "$size" "$format" tenant \
      "$SECONDS_MEDIAN" "$(echo "$bytes / 1048576" | bc -l)" "$lines" \
      "$(echo "$bytes / 1048576 / $SECONDS_MEDIAN" | bc -l)" "$(echo "$lines / $SECONDS_MEDIAN" | bc -l)" \
      "$RSS_MB" "$(echo "$SECONDS_MEDIAN / $wc_s" | bc -l | xargs printf '%.0fx')" "$check"
    tenant_seconds["$format-$size"]=$SECONDS_MEDIAN
    # Where the time and memory go, stage by stage, in one more run (DELEGATION_AUDIT_TIMINGS).
    if [ "${BENCH_STAGES:-1}" = 1 ] && [ "$size" = 100000 ] && [ "$format" = csv ]; then
      rm -rf "$DATA/pack"
      DELEGATION_AUDIT_TIMINGS=1 "$BIN" run "$tenant/exports" --register "$tenant/register.csv" \
        --policy "$tenant/policy.json" --baseline "$tenant/baseline" --as-of "$AS_OF" \
        --out "$DATA/pack" --quiet 2>&1 >/dev/null | grep '^timing:' | sed 's/^/        /' || true
    fi
    # The mailbox-permission file alone.
    mp=$(ls "$tenant"/exports/mailbox-permissions.* | head -1)
    bytes=$(wc -c <"$mp"); lines=$(wc -l <"$mp")
    time_run "$DATA/pack" run "$mp" --as-of "$AS_OF"
    wc_s=$(wc_time "$mp")
    printf '%-7s %-7s %-10s %9s %9.1f %8d %10.1f %8.0f %8d  %s\n' "$size" "$format" mbx-perm \
      "$SECONDS_MEDIAN" "$(echo "$bytes / 1048576" | bc -l)" "$lines" \
      "$(echo "$bytes / 1048576 / $SECONDS_MEDIAN" | bc -l)" "$(echo "$lines / $SECONDS_MEDIAN" | bc -l)" \
      "$RSS_MB" "$(echo "$SECONDS_MEDIAN / $wc_s" | bc -l | xargs printf '%.0fx')"
  done
done
if [ -n "${tenant_seconds[csv-100000]:-}" ] && [ -n "${tenant_seconds[csv-300000]:-}" ]; then
  printf 'growth: csv whole tenant, 300k / 100k mailboxes = %.2fx (target: at most 3.3x)\n' \
    "$(echo "${tenant_seconds[csv-300000]} / ${tenant_seconds[csv-100000]}" | bc -l)"
fi
rm -rf "$DATA/pack" "$DATA/time.txt" "$DATA/run.log"
