#!/usr/bin/env python3
"""Compares a pack's data/findings.json with a sample's answer-key.json (as SampleCommandTests does).

Usage: bench-check-findings.py PACK_DIR ANSWER_KEY [--without-baseline]
Prints "ok N findings" or the missed/extra rows, and exits 1 when they differ.
"""
import collections
import json
import sys


def row(item):
    code = item["code"]
    folder = "" if code == "CHANGE_UNAPPROVED" else (item.get("folder") or "")
    return (code, item["requirement"], item.get("mailbox") or "", item.get("trustee") or "",
            item.get("right") or "", folder, bool(item.get("waived", False)))


def main():
    pack, key_path = sys.argv[1], sys.argv[2]
    without_baseline = "--without-baseline" in sys.argv[3:]
    with open(f"{pack}/data/findings.json") as f:
        actual = collections.Counter(row(x) for x in json.load(f)["findings"])
    with open(key_path) as f:
        key = json.load(f)
    expected = collections.Counter(
        row(x) for x in key["findings"] if not (without_baseline and x.get("needsBaseline")))
    missed = expected - actual
    extra = actual - expected
    if not missed and not extra:
        print(f"ok {sum(actual.values())} findings")
        return 0
    print(f"DIFFERENT: {sum(missed.values())} missed, {sum(extra.values())} extra")
    for r in sorted(missed)[:10]:
        print("  -", r)
    for r in sorted(extra)[:10]:
        print("  +", r)
    return 1


sys.exit(main())
