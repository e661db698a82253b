#!/usr/bin/env bash
# Opens a pack's report in a real browser (headless Chromium) and checks what a person would see
# on paper and in a narrow window:
#   1. it prints to PDF (--print-to-pdf), with a page count between MIN_PAGES and MAX_PAGES
#      (pdfinfo), every page the same size, and the report's text in the PDF (pdftotext);
#   2. nothing is wider than the page: a copy of the page whose print rules are made to apply on
#      screen is laid out at the printable width of a Letter / A4 page (720 CSS px), and a small
#      script measures every element; any element whose right edge passes the page edge fails;
#   3. the same in a 500 px window (the narrowest headless Chromium lays out) with the screen
#      rules: the page itself must not scroll sideways (tables may, inside their own scroll box).
# It also writes light.png and dark.png screenshots of the report's top for a person to look at.
#
# Usage: Scripts/browser-check.sh PAGE.html [OUTPUT-FOLDER]
#        Scripts/browser-check.sh --setup       only make sure chromium and poppler-utils are there
# Chromium and poppler-utils are installed with apt-get when missing and this runs as root.
# Exit codes: 0 every check passed; 1 a check failed; 2 usage error; 3 setup failed.
set -uo pipefail

MIN_PAGES="${MIN_PAGES:-3}"
MAX_PAGES="${MAX_PAGES:-30}"
PRINT_WIDTH="${PRINT_WIDTH:-720}"
NARROW_WIDTH="${NARROW_WIDTH:-500}"

browser() { command -v chromium || command -v chromium-browser || command -v google-chrome; }

setup() {
  if browser >/dev/null && command -v pdfinfo >/dev/null && command -v pdftotext >/dev/null; then return 0; fi
  if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null; then
    echo "setup failed: chromium or poppler-utils missing, and cannot apt-get install them here" >&2
    return 3
  fi
  echo "installing chromium and poppler-utils" >&2
  export DEBIAN_FRONTEND=noninteractive
  { apt-get update -qq && apt-get install -y -qq --no-install-recommends chromium poppler-utils fonts-dejavu-core; } \
    >&2 || { echo "setup failed: apt-get install chromium poppler-utils" >&2; return 3; }
  browser >/dev/null || { echo "setup failed: no chromium after install" >&2; return 3; }
}

if [ "${1:-}" = "--setup" ] && [ $# -eq 1 ]; then setup; exit $?; fi
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $(basename "$0") PAGE.html [OUTPUT-FOLDER] | --setup" >&2; exit 2; }
page="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
[ -f "$page" ] || { echo "error: no page at $1" >&2; exit 2; }
setup || exit 3
chrome="$(browser)"
out="${2:-$(mktemp -d)}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT

run_chrome() {
  # The Debian wrapper script prints a harmless shell warning; keep only what matters.
  "$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run --user-data-dir="$profile" \
    --disable-extensions --allow-file-access-from-files "$@" 2>/dev/null
}

failures=0
fail() { echo "FAILED: $*" >&2; failures=$((failures + 1)); }
pass() { echo "ok: $*"; }

# 1. Print to PDF.
pdf="$out/report.pdf"
rm -f "$pdf"
run_chrome --no-pdf-header-footer --print-to-pdf="$pdf" "file://$page" >/dev/null
if [ ! -s "$pdf" ]; then
  fail "chromium wrote no PDF"
else
  pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
  if [ "$pages" -ge "$MIN_PAGES" ] && [ "$pages" -le "$MAX_PAGES" ]; then
    pass "PDF has $pages pages (expected $MIN_PAGES to $MAX_PAGES)"
  else
    fail "PDF has $pages pages (expected $MIN_PAGES to $MAX_PAGES)"
  fi
  sizes=$(pdfinfo -f 1 -l "$pages" "$pdf" | sed -n 's/^Page *[0-9]* size: *//p' | sort -u | wc -l)
  [ "$sizes" -eq 1 ] && pass "every page has the same size" || fail "pages of $sizes different sizes"
  text="$(pdftotext -layout "$pdf" - 2>/dev/null)"
  title="$(sed -n 's:.*<title>\(.*\)</title>.*:\1:p' "$page" | head -1 | sed 's/&amp;/\&/g')"
  if grep -qF "${title:0:20}" <<<"$text"; then pass "the PDF holds the report's title"; else fail "the PDF lacks the title '$title'"; fi
fi

# 2 and 3. Layout measured by a script in a copy of the page (the report itself has no script).
cat > "$out/probe.js" <<'JS'
(function () {
  var width = document.documentElement.clientWidth, wide = [];
  document.querySelectorAll("body *").forEach(function (element) {
    var box = element.getBoundingClientRect();
    var scroller = element.closest(".table-wrap");
    var scrolls = scroller && scroller !== element && getComputedStyle(scroller).overflowX !== "visible";
    if (box.width > 0 && box.right > width + 0.5 && !scrolls) {
      wide.push(element.tagName.toLowerCase() + " right=" + Math.round(box.right) + " '" +
        (element.textContent || "").trim().replace(/\s+/g, " ").slice(0, 70) + "'");
    }
  });
  var result = document.createElement("pre");
  result.textContent = "PROBE width=" + width + " scrollWidth=" + document.documentElement.scrollWidth +
    " overflowing=" + wide.length + "\n" + wide.slice(0, 15).join("\n") + "\nPROBE-END";
  document.body.appendChild(result);
})();
JS

probe_layout() {
  local label="$1" width="$2" html="$3"
  local dom
  dom="$(run_chrome --window-size="$width,1200" --virtual-time-budget=3000 --dump-dom "file://$html")"
  local report
  report="$(sed -n '/PROBE width=/,/PROBE-END/p' <<<"$dom" | sed -e '$d' -e 's/.*PROBE width=/width=/')"
  if [ -z "$report" ]; then
    fail "$label: the layout probe did not run"
    return
  fi
  local line overflowing scroll
  line="$(head -1 <<<"$report")"
  overflowing="$(sed -n 's/.*overflowing=\([0-9]*\).*/\1/p' <<<"$line")"
  scroll="$(sed -n 's/.*scrollWidth=\([0-9]*\).*/\1/p' <<<"$line")"
  if [ "$overflowing" = 0 ] && [ "$scroll" -le "$width" ]; then
    pass "$label: nothing is wider than $width px ($line)"
  else
    fail "$label: content is wider than $width px: $report"
  fi
}

# The print rules on screen: `@media print` becomes `@media all`, and the probe is added.
printlike="$out/print-layout.html"
sed -e 's/@media print/@media all/' -e 's#</body>#<script src="probe.js"></script></body>#' "$page" > "$printlike"
probe_layout "print width" "$PRINT_WIDTH" "$printlike"

narrow="$out/narrow-layout.html"
sed -e 's#</body>#<script src="probe.js"></script></body>#' "$page" > "$narrow"
probe_layout "narrow window" "$NARROW_WIDTH" "$narrow"

# Screenshots for a person to look at (not checked): the top of the report in each scheme.
run_chrome --window-size=1280,1600 --screenshot="$out/light.png" "file://$page" >/dev/null
run_chrome --window-size=1280,1600 --force-dark-mode --screenshot="$out/dark.png" "file://$page" >/dev/null
echo "screenshots: $out/light.png $out/dark.png; PDF: $pdf"

if [ $failures -eq 0 ]; then
  echo "browser-check: every check passed"
  exit 0
fi
echo "browser-check: $failures check(s) failed" >&2
exit 1
