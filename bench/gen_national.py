#!/usr/bin/env python3
"""Generate a national chiso project (data contract v1) for the benchmark.

Việt Nam (code 00, level country) → 63 provinces → 696 districts, from the
shared fixture of 2024 districts; with --communes, about 10,000 communes under
the districts (from the fixture's commune_count) carry the figures instead.

Everything is deterministic: the same arguments give byte-identical files.
Standard library only.

    python3 bench/gen_national.py OUT [--fixture CSV] [--communes]
        [--years 2020-2024] [--provinces N] [--seed N]

The fixture defaults to $CHISO_BENCH_FIXTURE, else ../shared/fixtures/
vn-districts-2024.csv relative to the repository.
"""

import argparse
import csv
import os
import random
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURE = REPO.parent / "shared" / "fixtures" / "vn-districts-2024.csv"

# The loader's reserved folder names (src/load/units.rs RESERVED_SLUGS) and the site's own.
RESERVED = {"assets", "data", "en", "vi", "indicators", "methodology", "pages", "search", "reports"}

SOURCE = "Số liệu minh họa (benchmark)"
NOTE = "illustrative"

# code, group, group_en, name, name_en, unit, unit_en, direction, measure,
# numerator, denominator, scale, aggregate, decimals — rows as in the sample catalogue.
GROUPS = {
    "infra": ("Hạ tầng viễn thông", "Telecommunications infrastructure"),
    "phone": ("Thuê bao điện thoại", "Telephone subscriptions"),
    "net": ("Thuê bao Internet", "Internet subscriptions"),
    "rev": ("Doanh thu viễn thông", "Telecommunications revenue"),
    "pop": ("Dân số và hộ gia đình", "Population and households"),
}
INDICATORS = [
    ("bts_sites", "infra", "Số vị trí trạm thu phát sóng thông tin di động (BTS)", "Mobile base station (BTS) sites", "Vị trí trạm", "sites", "stock", "", "", "", "sum", 0),
    ("villages", "infra", "Tổng số thôn, bản", "Villages (thôn, bản)", "Thôn, bản", "villages", "stock", "", "", "", "sum", 0),
    ("villages_mobile_broadband", "infra", "Số thôn, bản được phủ sóng di động 3G, 4G", "Villages covered by 3G/4G mobile service", "Thôn, bản", "villages", "stock", "", "", "", "sum", 0),
    ("mobile_coverage_pct", "infra", "Tỷ lệ khu vực dân cư sinh sống, làm việc (thôn, bản, tổ dân phố) được phủ sóng thông tin di động mạng 3G, 4G, 5G", "Share of inhabited areas (villages, residential groups) covered by 3G/4G/5G mobile networks", "%", "%", "stock", "villages_mobile_broadband", "villages", "100", "none", 1),
    ("mobile_subscribers", "phone", "Số thuê bao điện thoại di động", "Mobile telephone subscriptions", "Thuê bao", "subscriptions", "stock", "", "", "", "sum", 0),
    ("mobile_per_100", "phone", "Số thuê bao điện thoại di động trên 100 dân", "Mobile telephone subscriptions per 100 inhabitants", "Thuê bao/100 dân", "subscriptions per 100 inhabitants", "stock", "mobile_subscribers", "population", "100", "none", 1),
    ("fixed_broadband_subscribers", "net", "Số thuê bao Internet băng rộng cố định mặt đất", "Terrestrial fixed broadband Internet subscriptions", "Thuê bao", "subscriptions", "stock", "", "", "", "sum", 0),
    ("mobile_broadband_subscribers", "net", "Tổng số thuê bao sử dụng dịch vụ 3G, 4G, 5G", "Mobile broadband (3G/4G/5G) subscriptions", "Thuê bao", "subscriptions", "stock", "", "", "", "sum", 0),
    ("households_broadband_pct", "net", "Tỷ lệ hộ gia đình có kết nối Internet băng rộng cố định (cáp quang)", "Share of households with a fixed (fibre) broadband Internet connection", "%", "%", "stock", "fixed_broadband_subscribers", "households", "100", "none", 1),
    ("telecom_revenue", "rev", "Tổng doanh thu các dịch vụ viễn thông + Internet", "Telecommunications and Internet service revenue (total)", "Triệu đồng", "million VND", "flow", "", "", "", "sum", 0),
    ("population", "pop", "Dân số", "Population", "Người", "people", "stock", "", "", "", "sum", 0),
    ("households", "pop", "Số hộ gia đình", "Households", "Hộ", "households", "stock", "", "", "", "sum", 0),
]
ENTERED = [i[0] for i in INDICATORS if not i[7]]  # 9 indicators
DERIVED = [i[0] for i in INDICATORS if i[7]]  # 3 indicators

KIND_EN = {"Quận": "District", "Huyện": "District", "Thị xã": "Town", "Thành phố": "City", "Thành Phố": "City"}

COMMUNE_NAMES = [
    "Tân An", "Tân Lập", "Tân Thành", "Hòa Bình", "Phú Lộc", "Phúc Thọ", "Đông Sơn", "Tây Sơn",
    "Nam Hòa", "Bắc Sơn", "Quảng Phú", "Thạch Bàn", "Xuân Trường", "Hưng Đạo", "Minh Khai",
    "Đồng Tâm", "Vĩnh Lộc", "Yên Bình", "Trung Hòa", "Kim Liên", "Thanh Xuân", "Đại Đồng",
    "Hồng Phong", "Quang Trung", "Lê Lợi", "Nghĩa Hưng", "Cẩm Phú", "Đức Thắng", "Long Hưng",
]


def fold(text):
    """ASCII slug: diacritics folded (đ → d), lower case, runs of others → '-'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    text = unicodedata.normalize("NFD", text)
    text = "".join(c for c in text if unicodedata.category(c) != "Mn")
    out, dash = [], False
    for c in text.lower():
        if c.isascii() and c.isalnum():
            out.append(c)
            dash = False
        elif not dash and out:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


def strip_prefix(name, prefixes):
    for p in prefixes:
        if name.startswith(p + " "):
            return name[len(p) + 1:]
    return name


class Slugs:
    def __init__(self):
        self.used = set(RESERVED)

    def take(self, *candidates):
        """The first free candidate that is a usable slug; else the last one numbered."""
        for c in candidates:
            if c and not c.isdigit() and c not in self.used:
                self.used.add(c)
                return c
        base, n = candidates[-1], 2
        while f"{base}-{n}" in self.used:
            n += 1
        self.used.add(f"{base}-{n}")
        return f"{base}-{n}"


def periods(first, last):
    out = []
    for y in range(first, last + 1):
        out.append((f"{y}-H1", y - 0.5))
        out.append((str(y), float(y)))
    return out


def num(v):
    """Plain number format of the comma-separated files."""
    return str(int(round(v)))


def series(rng, pers, villages_n, pop0, urban):
    """One reporting unit's entered figures: {indicator: [(period, value)]}."""
    g_pop = rng.uniform(0.004, 0.015)
    hh_size = rng.uniform(3.3, 4.3)
    cov0 = rng.uniform(0.80, 0.99) if urban else rng.uniform(0.55, 0.92)
    cov_gain = rng.uniform(0.01, 0.05)
    m100_0 = rng.uniform(105, 140) if urban else rng.uniform(70, 115)
    m100_gain = rng.uniform(1.0, 5.0)
    mb0, mb_gain = rng.uniform(0.50, 0.75), rng.uniform(0.02, 0.05)
    fb0 = rng.uniform(0.45, 0.85) if urban else rng.uniform(0.15, 0.55)
    fb_gain = rng.uniform(0.02, 0.06)
    people_per_bts = rng.uniform(900, 1600) if urban else rng.uniform(1400, 2600)
    arpu = rng.uniform(1.1, 1.9)  # million VND per subscription per year
    out = {k: [] for k in ENTERED}
    for label, t in pers:
        dt = t - (pers[0][1])
        pop = pop0 * (1 + g_pop) ** dt
        hh = pop / hh_size
        mobile = pop * min(m100_0 + m100_gain * dt, 180) / 100
        out["population"].append((label, pop))
        out["households"].append((label, hh))
        out["villages"].append((label, villages_n))
        covered = min(villages_n, round(villages_n * min(1.0, cov0 + cov_gain * dt)))
        out["villages_mobile_broadband"].append((label, covered))
        out["mobile_subscribers"].append((label, mobile))
        out["mobile_broadband_subscribers"].append((label, mobile * min(0.97, mb0 + mb_gain * dt)))
        out["fixed_broadband_subscribers"].append((label, hh * min(0.98, fb0 + fb_gain * dt)))
        out["bts_sites"].append((label, max(1, pop / people_per_bts * (1 + 0.04 * dt))))
        # A flow: the first half is about 48 % of the year.
        year_rev = mobile * arpu * rng.uniform(0.97, 1.03)
        out["telecom_revenue"].append((label, year_rev * (0.48 if label.endswith("-H1") else 1.0)))
    return out


def write_values(path, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["indicator", "period", "kind", "value", "source", "note"])
        w.writerows(rows)


def entered_rows(figs):
    return [[ind, p, "actual", num(v), SOURCE, NOTE] for ind in ENTERED for p, v in figs[ind]]


def add_into(total, figs):
    for ind, vals in figs.items():
        acc = total.setdefault(ind, {})
        for p, v in vals:
            acc[p] = acc.get(p, 0) + round(v)


def target_rows(rng, agg):
    """Yearly targets 2021–2025 of the derived indicators, from the unit's first actual figure."""
    def pct(n, d, p):
        return 100 * agg[n][p] / agg[d][p]

    base_p = str(min(int(p[:4]) for p in agg["population"]))  # the first whole year
    rows = []
    goals = {
        "mobile_coverage_pct": (pct("villages_mobile_broadband", "villages", base_p), 100.0, 1),
        "mobile_per_100": (pct("mobile_subscribers", "population", base_p), None, 1),
        "households_broadband_pct": (pct("fixed_broadband_subscribers", "households", base_p), None, 1),
    }
    for ind, (base, goal, dec) in goals.items():
        if goal is None:
            goal = base * rng.uniform(1.08, 1.35)
        if ind.endswith("_pct"):
            goal = min(goal, 100.0)
        for y in range(2021, 2026):
            share = (y - 2020) / 5
            v = round(base + (goal - base) * share, dec)
            value = f"{v:.{dec}f}"
            if y == 2025 and ind == "households_broadband_pct" and goal < 99:
                value = f"{v:.{dec}f}..100"  # a range target: at least v, aiming at 100
            rows.append([ind, str(y), "target", value, "Kế hoạch minh họa (benchmark)", f"Mục tiêu năm {y}"])
    return rows


NARRATIVE_VI = """+++
title = "{name}"
description = "Tình hình phát triển hạ tầng viễn thông, Internet trên địa bàn {name}."
+++

## Tình hình chung

{name} có {n} đơn vị hành chính cấp dưới báo cáo số liệu. Trên địa bàn có các doanh nghiệp
viễn thông VNPT, Viettel, MobiFone cung cấp dịch vụ di động và Internet băng rộng cố định.

## Kết quả nổi bật

- Hạ tầng trạm BTS tiếp tục được mở rộng, nhất là ở các xã vùng sâu, vùng xa.
- Tỷ lệ thôn, bản có sóng 3G/4G tăng đều qua các năm; số thuê bao băng rộng di động tăng nhanh.
- Doanh thu dịch vụ viễn thông và Internet tăng so với cùng kỳ.

## Khó khăn, hạn chế

Địa hình phức tạp, chi phí đầu tư hạ tầng ở vùng khó khăn cao; việc báo cáo số liệu của các
doanh nghiệp chưa thường xuyên.

## Nhiệm vụ năm 2025

| Nhiệm vụ | Đơn vị chủ trì |
|---|---|
| Phủ sóng các thôn, bản còn lõm sóng | Doanh nghiệp viễn thông |
| Ngầm hóa cáp tại khu đô thị | Sở Khoa học và Công nghệ |
"""

NARRATIVE_EN = """+++
title = "{name_en}"
description = "Telecommunications and Internet development in {name_en}."
+++

## Overview

{name_en} has {n} reporting units below it. VNPT, Viettel and MobiFone provide mobile and
fixed broadband services.

## Highlights

- More BTS sites, above all in remote communes.
- The share of villages with 3G/4G grows every year; mobile broadband subscriptions grow fast.
- Telecommunications and Internet revenue is up on the same period a year before.

## Difficulties

Rugged terrain makes infrastructure costly in remote areas; operators do not always report on time.
"""


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--fixture", type=Path, default=Path(os.environ.get("CHISO_BENCH_FIXTURE", DEFAULT_FIXTURE)))
    ap.add_argument("--communes", action="store_true", help="add communes under districts (10x scale)")
    ap.add_argument("--years", default="2020-2024", help="first-last year of actual figures (H1 and year each)")
    ap.add_argument("--provinces", type=int, default=0, help="only the first N provinces (0: all)")
    ap.add_argument("--seed", type=int, default=20240101)
    args = ap.parse_args()
    first_year, last_year = (int(y) for y in args.years.split("-"))
    pers = periods(first_year, last_year)

    with open(args.fixture, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    provinces = {}
    for r in rows:
        provinces.setdefault(r["province_code"], (r["province_name"], []))[1].append(r)
    codes = list(provinces)
    if args.provinces:
        codes = codes[: args.provinces]

    out = args.out
    (out / "data" / "values").mkdir(parents=True, exist_ok=True)
    (out / "content").mkdir(parents=True, exist_ok=True)
    slugs = Slugs()
    units = [["00", slugs.take("viet-nam"), "Việt Nam", "Viet Nam", "country", ""]]
    totals = {}  # unit code -> aggregated entered figures
    province_units, district_units, commune_count = [], [], 0
    commune_code = 0
    for pcode in codes:
        pname, districts = provinces[pcode]
        bare = strip_prefix(pname, ["Thành phố", "Thành Phố", "Tỉnh"])
        pslug = slugs.take(fold(bare), fold(pname))
        pname_en = f"{bare} City" if pname.startswith("Thành") else f"{bare} Province"
        units.append([pcode, pslug, pname, pname_en, "province", "00"])
        province_units.append((pcode, pslug, pname, pname_en, len(districts)))
        ptotal = {}
        for d in districts:
            kind = d["district_kind"]
            dname = d["district_name"]
            dbare = strip_prefix(dname, [kind, "Thành phố", "Thành Phố", "Thị xã", "Quận", "Huyện"])
            dslug = slugs.take(fold(dbare), fold(dname), f"{fold(dname)}-{pslug}")
            en_kind = KIND_EN.get(kind, "District")
            units.append([d["district_code"], dslug, dname, f"{dbare} {en_kind}", "district", pcode])
            district_units.append(dslug)
            urban = kind in ("Quận", "Thành phố", "Thành Phố", "Thị xã")
            listed = int(d["commune_count"] or 0)  # island districts have none
            n_comm = max(1, listed)
            rng = random.Random(f"{args.seed}-{d['district_code']}")
            pop0 = n_comm * rng.uniform(6000, 14000) if urban else n_comm * rng.uniform(5000, 11000)
            villages_per = rng.randint(5, 14)
            if not args.communes or listed == 0:
                figs = series(rng, pers, n_comm * villages_per, pop0, urban)
                write_values(out / "data" / "values" / f"{dslug}.csv", entered_rows(figs))
                add_into(ptotal, figs)
                continue
            for k in range(n_comm):
                commune_code += 1
                ccode = f"{commune_code:05d}"
                crng = random.Random(f"{args.seed}-{ccode}")
                cname_bare = COMMUNE_NAMES[crng.randrange(len(COMMUNE_NAMES))]
                ckind = "Phường" if urban else "Xã"
                cname = f"{ckind} {cname_bare}"
                cslug = slugs.take(f"{fold(cname)}-{ccode}")
                units.append([ccode, cslug, cname, f"{cname_bare} {'Ward' if urban else 'Commune'}", "commune", d["district_code"]])
                figs = series(crng, pers, crng.randint(3, 15), pop0 / n_comm * crng.uniform(0.6, 1.4), urban)
                write_values(out / "data" / "values" / f"{cslug}.csv", entered_rows(figs))
                add_into(ptotal, figs)
                commune_count += 1
        # Province targets for 2021–2025 of the derived indicators.
        prng = random.Random(f"{args.seed}-{pcode}")
        write_values(out / "data" / "values" / f"{pslug}.csv", target_rows(prng, ptotal))
        add_into(totals, {k: list(v.items()) for k, v in ptotal.items()})
    # National targets (the Ministry's plan) for the same indicators.
    write_values(out / "data" / "values" / "viet-nam.csv",
                 target_rows(random.Random(f"{args.seed}-00"), totals))

    with open(out / "data" / "units.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "slug", "name", "name_en", "level", "parent"])
        w.writerows(units)
    with open(out / "data" / "indicators.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "group", "group_en", "name", "name_en", "unit", "unit_en", "direction",
                    "measure", "numerator", "denominator", "scale", "aggregate", "decimals"])
        for code, g, name, name_en, unit, unit_en, measure, nu, de, sc, agg, dec in INDICATORS:
            w.writerow([code, GROUPS[g][0], GROUPS[g][1], name, name_en, unit, unit_en, "up",
                        measure, nu, de, sc, agg, dec])
    (out / "chiso.toml").write_text(
        'title = "Chỉ số hạ tầng số Việt Nam (benchmark)"\n'
        'title_en = "Viet Nam digital infrastructure indicators (benchmark)"\n'
        'base_url = "https://example.gov.vn/chiso/"\n'
        'languages = ["vi", "en"]\n'
        "target_year = 2025\n"
        "sample = true\n"
        "headline = [\"bts_sites\", \"mobile_coverage_pct\", \"mobile_subscribers\", \"mobile_per_100\",\n"
        "  \"mobile_broadband_subscribers\", \"fixed_broadband_subscribers\", \"households_broadband_pct\"]\n"
        "[charts]\n"
        'coverage = ["mobile_coverage_pct", "households_broadband_pct"]\n'
        'growth = ["mobile_subscribers", "mobile_broadband_subscribers", "fixed_broadband_subscribers"]\n',
        encoding="utf-8",
    )
    content = out / "content"
    (content / "_index.md").write_text(NARRATIVE_VI.format(name="Việt Nam", n=len(province_units)), encoding="utf-8")
    (content / "_index.en.md").write_text(NARRATIVE_EN.format(name_en="Viet Nam", n=len(province_units)), encoding="utf-8")
    for pcode, pslug, pname, pname_en, n in province_units:
        (content / f"{pslug}.md").write_text(NARRATIVE_VI.format(name=pname, n=n), encoding="utf-8")
        (content / f"{pslug}.en.md").write_text(NARRATIVE_EN.format(name_en=pname_en, n=n), encoding="utf-8")
    for dslug in district_units[::10]:  # and every tenth district, Vietnamese only
        name = next(u[2] for u in units if u[1] == dslug)
        (content / f"{dslug}.md").write_text(NARRATIVE_VI.format(name=name, n="các"), encoding="utf-8")
    print(f"{out}: {len(units)} units ({len(province_units)} provinces, {len(district_units)} districts, "
          f"{commune_count} communes), {len(INDICATORS)} indicators ({len(DERIVED)} derived), "
          f"{len(pers)} periods", file=sys.stderr)


if __name__ == "__main__":
    main()
