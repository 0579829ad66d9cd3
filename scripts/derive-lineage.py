#!/usr/bin/env python3
"""The official lists chiso compiles in (`chiso new` makes projects from them, the loader
checks units' codes against them), derived from the shared fixtures.

Writes, into src/official/:
- vn-units-2025.csv: the 34 provinces and 3,321 communes of vn-units-2025.csv, without the
  centre points and areas (`chiso new` does not use them): code,name,name_en,level,parent.
- lineage-2025.csv: the unique (commune_2025, old_district) pairs of vn-reform-2025.csv,
  sorted: which pre-2025 districts each 2025 commune took land from.
- provinces-2025.csv: old_province,province_2025 from vn-reform-2025.csv, sorted: which
  2025 province each of the 63 pre-2025 provinces became part of.
- communes-2024.csv: old_commune,old_district from vn-reform-2025.csv, sorted: the pre-2025
  communes (those the reform's lineage names) and their districts.
vn-districts-2024.csv is copied as it is.

Usage: scripts/derive-lineage.py [FIXTURES] [--check]
FIXTURES defaults to ../shared/fixtures (beside the repository). With --check, nothing is
written and the exit status says whether src/official/ is up to date.
"""
import csv
import io
import pathlib
import shutil
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "official"


def read(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def to_csv(header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    return buf.getvalue()


def derive(fixtures):
    units = read(fixtures / "vn-units-2025.csv")
    reform = read(fixtures / "vn-reform-2025.csv")
    cols = ["code", "name", "name_en", "level", "parent"]
    out = {
        "vn-units-2025.csv": to_csv(cols, [[u[c] for c in cols] for u in units]),
        "lineage-2025.csv": to_csv(
            ["commune_2025", "old_district"],
            sorted({(r["commune_2025"], r["old_district"]) for r in reform}),
        ),
        "provinces-2025.csv": to_csv(
            ["old_province", "province_2025"],
            sorted({(r["old_province"], r["province_2025"]) for r in reform}),
        ),
        "communes-2024.csv": to_csv(
            ["old_commune", "old_district"],
            sorted({(r["old_commune"], r["old_district"]) for r in reform if r["old_commune"]}),
        ),
        "vn-districts-2024.csv": (fixtures / "vn-districts-2024.csv").read_text(encoding="utf-8"),
    }
    return out


def main():
    args = [a for a in sys.argv[1:] if a != "--check"]
    check = "--check" in sys.argv[1:]
    fixtures = pathlib.Path(args[0]) if args else ROOT.parent / "shared" / "fixtures"
    stale = []
    for name, text in derive(fixtures).items():
        path = OUT / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("out of date: " + ", ".join(stale), file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
