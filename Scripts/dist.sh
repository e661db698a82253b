#!/usr/bin/env bash
# Packs a release binary for air-gapped use: dist/NAME.tar.gz holding the binary, the templates,
# the sample tenant, the README, the LICENSE, the man page, the shell completions and SHA256SUMS;
# and dist/SHA256SUMS for the tarball itself.
#
# Usage: Scripts/dist.sh BINARY NAME      (run by `make dist` after a --static-swift-stdlib build)
#
# Refuses to pack a binary that needs a Swift runtime library, or any shared library other than
# the Debian C libraries the README declares (see Scripts/runtime-libraries.sh).
# Exit codes: 0 packed; 1 the binary's dependencies are not the declared ones; 2 usage error.
set -euo pipefail

[ $# -eq 2 ] || { echo "usage: $(basename "$0") BINARY NAME" >&2; exit 2; }
binary="$1"
name="$2"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
[ -x "$binary" ] || { echo "error: $binary is not an executable; build it first" >&2; exit 2; }

"$root/Scripts/runtime-libraries.sh" "$binary" || exit 1

# Timestamps inside the tarball: the last commit's, so that the same commit packs the same way.
epoch="${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}"

stage="dist/$name"
rm -rf "$stage" "dist/$name.tar.gz"
mkdir -p "$stage/completions"
install -m 0755 "$binary" "$stage/delegation-audit"
strip --strip-unneeded "$stage/delegation-audit" 2>/dev/null || true
cp README.md LICENSE "$stage/"
cp Docs/delegation-audit.1 "$stage/"
cp Completions/delegation-audit.bash Completions/_delegation-audit "$stage/completions/"
cp -R Templates "$stage/Templates"
mkdir -p "$stage/SampleData"
cp -R SampleData/README.md SampleData/contoso "$stage/SampleData/"
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -type f ! -name delegation-audit -exec chmod 0644 {} +

(cd "$stage" && find . -type f ! -name SHA256SUMS -printf '%P\n' | LC_ALL=C sort | xargs -d '\n' sha256sum > SHA256SUMS)

tar --sort=name --mtime="@$epoch" --owner=0 --group=0 --numeric-owner --format=gnu \
  -C dist -cf - "$name" | gzip -9n > "dist/$name.tar.gz"
(cd dist && sha256sum "$name.tar.gz" > SHA256SUMS)

size=$(stat -c %s "$stage/delegation-audit")
echo "packed dist/$name.tar.gz ($(stat -c %s "dist/$name.tar.gz") bytes; binary $size bytes)"
echo "checksum: dist/SHA256SUMS"
