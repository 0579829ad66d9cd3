#!/usr/bin/env python3
"""Adds the 2025 reform to the sample project (Điện Biên): the province's 45 communes from 2025,
their illustrative figures for 2025, 2026-H1 and the 2026 estimate, and each district's figures
up to the first half of 2025, when the districts were abolished.

How it was made, so that it can be made again (it is run once, on the sample as it was before the reform; the data files are the sample):

    cargo run --release -- new /tmp/db --province 11 --history   # the official units
    python3 scripts/sample-reform.py /tmp/db/data/units.csv ../shared/fixtures/vn-reform-2025.csv

Every figure it writes is illustrative ("Số liệu minh họa"), worked out from the districts'
figures: a commune gets the share of each district it was formed from in proportion to the
number of the district's old communes it took over (the lineage list), grown a little each
half-year. Figures that the sources give (the province's plan, Tuần Giáo's 2019 report) are
never changed.
"""

import csv
import io
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "data"
SOURCE = "Số liệu minh họa"
NOTE = "illustrative"


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def write_rows(path, header, rows):
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")


def main(units_csv, lineage_csv):
    indicators = {r["code"]: r for r in read_csv(DATA / "indicators.csv")}
    old_units = read_csv(DATA / "units.csv")
    new_units = read_csv(units_csv)
    districts = [u for u in old_units if u["level"] == "district"]
    communes = [u for u in new_units if u["level"] == "commune"]
    province = next(u for u in old_units if not u["parent"])

    # units.csv: the province, the districts (until 2025-H1, slugs kept), the communes.
    header = ["code", "slug", "name", "name_en", "level", "parent", "from", "until", "formed_from"]
    rows = [[province[h] if h in province else "" for h in header]]
    for d in districts:
        rows.append([d["code"], d["slug"], d["name"], d["name_en"], "district", d["parent"], "", "2025-H1", ""])
    for c in communes:
        rows.append([c[h] for h in header])
    write_rows(DATA / "units.csv", header, rows)

    # Shares: how much of each district's land (counted in old communes) each commune took.
    taken = defaultdict(lambda: defaultdict(int))
    for r in read_csv(lineage_csv):
        if r["province_2025"] == province["code"]:
            taken[r["old_district"]][r["commune_2025"]] += 1
    share = defaultdict(dict)  # commune -> district -> fraction of the district
    for d, by_commune in taken.items():
        total = sum(by_commune.values())
        for c, n in by_commune.items():
            share[c][d] = n / total

    def figures(slug):
        out = defaultdict(dict)
        for r in read_csv(DATA / "values" / f"{slug}.csv"):
            out[(r["indicator"], r["kind"])][r["period"]] = float(r["value"].split("..")[0])
        return out

    def entered(ind):
        i = indicators[ind]
        return not i["numerator"]

    # Each district: its 2024 actual (the estimate made at mid-year) and its 2025-H1 actual.
    at_2025h1 = {}
    for d in districts:
        path = DATA / "values" / f"{d['slug']}.csv"
        text = path.read_text(encoding="utf-8")
        f = figures(d["slug"])
        add = []
        mid = {}
        for ind in indicators:
            if not entered(ind):
                continue
            h1_24 = f[(ind, "actual")].get("2024-H1", f[(ind, "estimate")].get("2024-H1"))
            y_24 = f[(ind, "estimate")].get("2024")
            h1_23 = f[(ind, "actual")].get("2023-H1")
            if y_24 is not None and "2024" not in f[(ind, "actual")]:
                add.append([ind, "2024", "actual", fmt(ind, y_24), SOURCE, NOTE])
            if h1_24 is None:
                continue
            if indicators[ind]["measure"] == "flow":
                v = h1_24 * 1.05
            elif indicators[ind]["aggregate"] == "none":
                step = 0 if h1_23 is None else max(0.0, h1_24 - h1_23)
                v = min(100.0, h1_24 + step)
            else:
                step = 0 if h1_23 is None else (h1_24 - h1_23)
                v = max(0.0, h1_24 + step)
                if indicators[ind]["direction"] == "down":
                    v = min(v, h1_24)
            mid[ind] = v
            add.append([ind, "2025-H1", "actual", fmt(ind, v), SOURCE, NOTE])
        keep_consistent(mid, indicators)
        at_2025h1[d["code"]] = (mid, f)
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows(add)
        path.write_text(text + out.getvalue(), encoding="utf-8")

    # Each commune: 2025 (year end), 2026-H1 and the 2026 estimate.
    flows = defaultdict(float)
    for c in communes:
        parts = share.get(c["code"], {})
        rows = []
        vals = {}
        for ind, i in indicators.items():
            if not entered(ind):
                continue
            pieces = [(frac, at_2025h1[d][0].get(ind), at_2025h1[d][1]) for d, frac in parts.items() if d in at_2025h1]
            pieces = [p for p in pieces if p[1] is not None]
            if not pieces:
                continue
            if i["measure"] == "flow":
                year = sum(frac * f[(ind, "estimate")].get("2024", v * 2) for frac, v, f in pieces) * 1.06
                vals[ind] = (year, year / 2 * 1.04, year * 1.05)
            elif i["aggregate"] == "none":
                weight = sum(frac for frac, _, _ in pieces)
                v = sum(frac * v for frac, v, _ in pieces) / weight
                vals[ind] = (min(100.0, v + 1), min(100.0, v + 2), min(100.0, v + 3))
            elif i["direction"] == "down":
                # Villages still without service: fewer each half-year.
                v = sum(frac * v for frac, v, _ in pieces)
                vals[ind] = (v * 0.8, v * 0.6, v * 0.5)
            else:
                v = sum(frac * v for frac, v, _ in pieces)
                vals[ind] = (v * 1.02, v * 1.03, v * 1.05)
        for n, period, kind in [(0, "2025", "actual"), (1, "2026-H1", "actual"), (2, "2026", "estimate")]:
            snapshot = {ind: v[n] for ind, v in vals.items()}
            keep_consistent(snapshot, indicators)
            for ind in indicators:
                if ind in snapshot:
                    rows.append([ind, period, kind, fmt(ind, snapshot[ind]), SOURCE, NOTE])
        order = {"2025": 0, "2026-H1": 1, "2026": 2}
        rows.sort(key=lambda r: (list(indicators).index(r[0]), order[r[1]]))
        write_rows(DATA / "values" / f"{c['slug']}.csv", ["indicator", "period", "kind", "value", "source", "note"], rows)
        for ind, v in vals.items():
            if indicators[ind]["measure"] == "flow":
                flows[ind] += float(fmt(ind, v[0]))

    # A year's revenue is not summed across the reform (the districts' first half and the
    # communes' second): the department enters the province's own 2025 figure.
    path = DATA / "values" / "dien-bien.csv"
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(
        [ind, "2025", "actual", fmt(ind, v), SOURCE, NOTE] for ind, v in flows.items()
    )
    path.write_text(path.read_text(encoding="utf-8") + out.getvalue(), encoding="utf-8")


def keep_consistent(v, indicators):
    """Counts are whole, parts never exceed their totals."""
    for ind in list(v):
        if indicators[ind]["decimals"] == "0":
            v[ind] = round(v[ind])
    for part, total in [("villages_mobile_broadband", "villages"), ("villages_fixed_broadband", "villages"),
                        ("villages_no_mobile", "villages"), ("fixed_broadband_subscribers", "households")]:
        if part in v and total in v and v[part] > v[total]:
            v[part] = v[total]


def fmt(ind, v):
    return f"{v:.0f}" if float(v).is_integer() or abs(v) >= 1000 else f"{v:.1f}"


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
