#!/usr/bin/env bash
# Validates an OSCAL assessment-results JSON file three ways: against the NIST 1.2.1 JSON schema
# (check-jsonschema), by loading it into compliance-trestle's model (extra fields forbidden), and
# with `trestle validate` in a scratch workspace (duplicate UUIDs, references).
#
# Usage: oscal-validate.sh FILE.json [SCHEMA.json]
#        oscal-validate.sh --setup        only create the virtual environment
#   SCHEMA defaults to ../shared/oscal/oscal_assessment-results_schema.json beside the package root.
#
# The tools live in a Python virtual environment at <package root>/.venv, created on first use
# with `python3 -m venv` and filled from PyPI (check-jsonschema, compliance-trestle, at the
# versions FRAMEWORKS.md §3 verified). Concurrent runs wait for one another's setup.
#
# Exit codes: 0 valid (or set up); 1 invalid (a validator rejected the file); 2 usage error;
# 3 setup failed (no python3/venv, or pip could not install the tools: usually no network).
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="$root/.venv"

packages=(check-jsonschema==0.39.0 compliance-trestle==5.2.0)

ready() {
  [ -x "$venv/bin/check-jsonschema" ] && "$venv/bin/python" -c "import trestle" >/dev/null 2>&1
}

# Creates the venv and installs the validators when either is missing.
setup() {
  ready && return 0
  if ! command -v python3 >/dev/null 2>&1; then
    echo "setup failed: python3 not found" >&2
    return 3
  fi
  mkdir -p "$venv" || return 3
  exec 9>"$venv/.setup.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi
  ready && return 0
  if [ ! -x "$venv/bin/python" ]; then
    echo "creating $venv" >&2
    if ! python3 -m venv "$venv" >&2; then
      echo "setup failed: python3 -m venv $venv (on Debian: apt-get install python3-venv)" >&2
      return 3
    fi
  fi
  echo "installing ${packages[*]} into $venv" >&2
  if ! "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${packages[@]}" >&2; then
    echo "setup failed: pip could not install ${packages[*]} (no network?)" >&2
    return 3
  fi
}

if [ "${1:-}" = "--setup" ] && [ $# -eq 1 ]; then
  setup
  exit $?
fi
if [ $# -lt 1 ] || [ $# -gt 2 ]; then
  echo "usage: $(basename "$0") FILE.json [SCHEMA.json] | --setup" >&2
  exit 2
fi
file="$1"
schema="${2:-$root/../shared/oscal/oscal_assessment-results_schema.json}"
if [ ! -f "$file" ]; then
  echo "error: no such file: $file" >&2
  exit 2
fi
if [ ! -f "$schema" ]; then
  echo "error: no such schema: $schema" >&2
  exit 2
fi
setup || exit 3

status=0

echo "== check-jsonschema"
if ! "$venv/bin/check-jsonschema" --schemafile "$schema" "$file"; then
  status=1
fi

echo "== compliance-trestle"
if ! "$venv/bin/python" - "$file" <<'PY'; then
import pathlib
import sys

import trestle
from trestle.oscal.assessment_results import AssessmentResults

path = pathlib.Path(sys.argv[1]).resolve()
try:
    results = AssessmentResults.oscal_read(path)
except Exception as error:  # trestle raises TrestleError with pydantic's explanation
    print(f"trestle {trestle.__version__} rejected {path}: {error}")
    sys.exit(1)
if results is None:
    print(f"trestle could not read {path}")
    sys.exit(1)
print(f"trestle {trestle.__version__}: loaded assessment-results {results.uuid} "
      f"({len(results.results)} result(s), "
      f"{sum(len(r.findings or []) for r in results.results)} finding(s), "
      f"{len(results.back_matter.resources or []) if results.back_matter else 0} resource(s))")
PY
  status=1
fi

echo "== trestle validate (workspace: duplicate UUIDs, references)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
absolute="$(cd "$(dirname "$file")" && pwd)/$(basename "$file")"
if ! (cd "$work" && "$venv/bin/trestle" init >/dev/null 2>&1 \
  && "$venv/bin/trestle" import -f "$absolute" -o results >/dev/null 2>&1 \
  && "$venv/bin/trestle" validate -a 2>&1); then
  echo "trestle workspace validation failed for $file"
  status=1
fi

exit $status
