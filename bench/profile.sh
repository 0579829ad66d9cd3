#!/usr/bin/env bash
# Where a full build's time goes at commune scale (issue #17): `perf record` of one release
# build of the national project (`bench/gen_national.py`), the samples' own time grouped by the
# code they fall in (the kernel, copies, deflate, the Word documents, the workbooks, Tera, the
# charts, chiso's own code...). Prints a Markdown table for docs/benchmark.md.
#
#   bash bench/profile.sh [--provinces N] [--freq HZ]
#
# Needs `perf` (Debian `linux-perf`); it does not install it, because perf must match the
# running kernel and a container may not allow it at all.
set -euo pipefail
cd "$(dirname "$0")/.."

provinces=()
freq=499
while (($#)); do
  case $1 in
    --provinces) provinces=(--provinces "${2:?}"); shift ;;
    --freq) freq=${2:?}; shift ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
command -v perf >/dev/null || { echo "perf is not installed (Debian: linux-perf)" >&2; exit 1; }

cargo build --release --quiet
work=$(mktemp -d "${TMPDIR:-/tmp}/chiso-profile-XXXXXX")
trap 'rm -rf "$work"' EXIT
python3 bench/gen_national.py "$work/national" "${provinces[@]}" >&2
perf record -q -F "$freq" -o "$work/perf.data" -- \
  target/release/chiso build --root "$work/national" --output "$work/site" >/dev/null 2>&1
files=$(find "$work/site" -type f | wc -l)
perf report -i "$work/perf.data" --no-children --sort dso,sym --stdio >"$work/report.txt" 2>/dev/null
python3 - "$files" "$work/report.txt" <<'EOF'
import re, sys
# First match wins: the order puts the specific libraries before the catch-alls.
GROUPS = [
    ("the kernel: creating, writing and removing files, zeroing new pages", lambda d, s: "kernel" in d),
    ("memcpy / memmove / memset / memcmp", lambda d, s: re.search(r"mem(cpy|move|set|cmp)", s)),
    ("deflate (zlib-rs: the zip inside every xlsx and docx, and the .gz copies)", lambda d, s: re.search(r"zlib|deflate|crc32|adler", s)),
    ("Word documents (docx-rs)", lambda d, s: "docx_rs" in s),
    ("workbooks (rust_xlsxwriter, zip)", lambda d, s: re.search(r"rust_xlsxwriter|\bzip::", s)),
    ("Tera (templates)", lambda d, s: re.search(r"\btera::|pest", s)),
    ("SVG charts (plotters)", lambda d, s: "plotters" in s),
    ("allocator (mimalloc, malloc)", lambda d, s: re.search(r"\bmi_|mimalloc|malloc|free|realloc|_int_", s)),
    ("formatting (core::fmt, numbers)", lambda d, s: re.search(r"core::fmt|flt2dec|ryu|dtoa|fmt::", s)),
    ("hashing", lambda d, s: re.search(r"hash|sip|blake|sha2", s, re.I)),
    ("CSV, TOML, JSON (csv, toml, serde_json)", lambda d, s: re.search(r"\bcsv|toml|serde_json", s)),
    ("Markdown, HTML cleaning (pulldown-cmark, ammonia, html5ever)", lambda d, s: re.search(r"pulldown|ammonia|html5ever|markup5ever|tendril", s)),
    ("chiso's own code", lambda d, s: re.search(r"\bchiso::", s)),
    ("strings, vectors, the rest of std", lambda d, s: re.search(r"\b(alloc|core|std)::", s)),
]
totals, other = {name: 0.0 for name, _ in GROUPS}, 0.0
for line in open(sys.argv[2], encoding="utf-8", errors="replace"):
    m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[.\]\s+(.*)", line)
    if not m:
        continue
    pct, dso, sym = float(m[1]), m[2], m[3]
    for name, test in GROUPS:
        if test(dso, sym):
            totals[name] += pct
            break
    else:
        other += pct
print(f"Own time by group, {sys.argv[1]} files built:\n")
print("| code | share |\n|---|---:|")
for name, pct in sorted(totals.items(), key=lambda kv: -kv[1]):
    if pct >= 0.05:
        print(f"| {name} | {pct:.1f} % |")
print(f"| everything else | {other:.1f} % |")
EOF
