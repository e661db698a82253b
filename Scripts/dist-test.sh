#!/usr/bin/env bash
# Tests a dist tarball as an air-gapped user would use it: unpacks it into an empty folder,
# checks its SHA256SUMS and its libraries, and runs it with an empty environment (`env -i`) on
# the sample tenant it ships: --version, run, the pack's own SHA256SUMS, verify --inputs, and
# the shipped templates through --templates.
#
# Usage: Scripts/dist-test.sh TARBALL
# Exit codes: 0 every check passed; 1 a check failed; 2 usage error.
set -uo pipefail

[ $# -eq 1 ] || { echo "usage: $(basename "$0") TARBALL" >&2; exit 2; }
tarball="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -f "$tarball" ] || { echo "error: no tarball at $1; run 'make dist' first" >&2; exit 2; }
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

failures=0
check() {
  local what="$1"
  shift
  if "$@"; then echo "ok: $what"; else echo "FAILED: $what" >&2; failures=$((failures + 1)); fi
}

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
[ -z "$(ls -A "$work")" ] || { echo "error: $work is not empty" >&2; exit 1; }
tar -xzf "$tarball" -C "$work" || { echo "FAILED: unpack $tarball" >&2; exit 1; }
name="$(basename "$tarball" .tar.gz)"
cd "$work/$name" || { echo "FAILED: the tarball has no top folder $name" >&2; exit 1; }
version="${name#delegation-audit-}"
version="${version%-linux-*}"

check "SHA256SUMS of the unpacked files" sha256sum --quiet -c SHA256SUMS
for file in delegation-audit README.md LICENSE delegation-audit.1 completions/delegation-audit.bash \
  completions/_delegation-audit Templates/report.css SampleData/contoso/register.csv; do
  check "ships $file" test -f "$file"
done
check "the binary is executable" test -x delegation-audit
check "declared libraries only, no Swift runtime" "$root/Scripts/runtime-libraries.sh" ./delegation-audit

out="$(env -i ./delegation-audit --version 2>&1)"
check "env -i ./delegation-audit --version prints 'delegation-audit $version' (got '$out')" \
  test "$out" = "delegation-audit $version"

sample=SampleData/contoso
env -i ./delegation-audit run "$sample/exports" --register "$sample/register.csv" --policy "$sample/policy.json" \
  --out "$work/pack" --as-of 2026-11-30 --org "Contoso Ltd" --quiet
check "env -i run on the sample tenant exits 0" test $? -eq 0
check "the pack has index.html" test -s "$work/pack/index.html"
check "the pack's SHA256SUMS" bash -c "cd '$work/pack' && sha256sum --quiet -c SHA256SUMS"
env -i ./delegation-audit verify "$work/pack" --inputs "$sample" --quiet
check "env -i verify --inputs re-performs the run byte for byte" test $? -eq 0
env -i ./delegation-audit run "$sample/exports" --out "$work/pack-templates" --as-of 2026-11-30 --templates Templates --quiet
check "the shipped Templates/ work with --templates" test $? -eq 0
check "the man page renders" bash -c "command -v man >/dev/null || exit 0; man -l delegation-audit.1 >/dev/null 2>&1"
check "the bash completion loads" bash -c "source completions/delegation-audit.bash && complete -p delegation-audit >/dev/null"

echo "binary: $(stat -c %s delegation-audit) bytes; tarball: $(stat -c %s "$tarball") bytes"
if [ $failures -eq 0 ]; then
  echo "dist-test: every check passed"
  exit 0
fi
echo "dist-test: $failures check(s) failed" >&2
exit 1
