#!/usr/bin/env bash
# Checks that a delegation-audit binary needs no Swift runtime library and no shared library
# other than the Debian C libraries the README declares, and prints what it needs.
#
# Usage: Scripts/runtime-libraries.sh BINARY
# Exit codes: 0 as declared; 1 an undeclared or missing library; 2 usage error.
set -uo pipefail

[ $# -eq 1 ] || { echo "usage: $(basename "$0") BINARY" >&2; exit 2; }
binary="$1"

# The libraries the binary may name directly (DT_NEEDED), and the Debian 12 package of each.
declare -A allowed=(
  [libxml2.so.2]=libxml2
  [libcmark.so.0.30.2]=libcmark0.30.2
  [libcrypto.so.3]=libssl3
  [libarchive.so.13]=libarchive13
  [libc.so.6]=libc6
  [libm.so.6]=libc6
  [libdl.so.2]=libc6
  [libpthread.so.0]=libc6
  [librt.so.1]=libc6
  [libutil.so.1]=libc6
  [ld-linux-x86-64.so.2]=libc6
  [libstdc++.so.6]=libstdc++6
  [libgcc_s.so.1]=libgcc-s1
)

needed=$(readelf -d "$binary" | sed -n 's/.*(NEEDED).*\[\(.*\)\]/\1/p')
status=0
echo "$binary needs (DT_NEEDED):"
for library in $needed; do
  if [ -n "${allowed[$library]:-}" ]; then
    echo "  $library  (Debian package ${allowed[$library]})"
  else
    echo "  $library  NOT DECLARED" >&2
    status=1
  fi
done

resolved=$(ldd "$binary" 2>&1)
if grep -Eq 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime' <<<"$resolved"; then
  echo "error: the binary still needs a Swift runtime library:" >&2
  grep -E 'libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime' <<<"$resolved" >&2
  status=1
fi
if grep -q 'not found' <<<"$resolved"; then
  echo "error: a library is not installed here:" >&2
  grep 'not found' <<<"$resolved" >&2
  status=1
fi
[ $status -eq 0 ] && echo "no Swift runtime library; every direct dependency is declared"
exit $status
