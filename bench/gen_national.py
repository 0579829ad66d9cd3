#!/usr/bin/env python3
"""Generate the national chiso project (data contract v1) at commune scale for the benchmark.

Việt Nam (code 00, level country) → the 34 provinces of 2025 → their 3,321 communes (from 2025,
../shared/fixtures/vn-units-2025.csv), with the 696 districts of vn-districts-2024.csv under the
province that absorbed them (until 2025-H1; each commune's `formed_from` lists the districts it
took land from, vn-reform-2025.csv), as `chiso new --history` writes a province. 12 indicators as
the sample's; actual figures for the first half and the whole of 2020–2024 and 2025-H1 in every
district, 2025 and 2026-H1 in every commune; targets of the two plans (2021–2025, 2026–2030) for
every province and the country; narratives for the country and every province in two languages.

Everything is deterministic: the same arguments give byte-identical files. Standard library only.

    python3 bench/gen_national.py OUT [--fixtures DIR] [--provinces N] [--seed N]
"""

import argparse
import csv
import os
import random
import sys
import unicodedata
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
DEFAULT_FIXTURES = REPO.parent / "shared" / "fixtures"

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


def target_rows(rng, agg, base_p, base2_p):
    """Yearly targets of the derived indicators for the two plans (2021–2025 from the unit's
    first whole year, 2026–2030 from its 2025 figure), as the sample's chiso.toml `[[plans]]`."""
    def pct(n, d, p):
        return 100 * agg[n][p] / agg[d][p]

    rows = []
    for ind, n, d in (("mobile_coverage_pct", "villages_mobile_broadband", "villages"),
                      ("mobile_per_100", "mobile_subscribers", "population"),
                      ("households_broadband_pct", "fixed_broadband_subscribers", "households")):
        for first, last, bp in ((2021, 2025, base_p), (2026, 2030, base2_p)):
            base = pct(n, d, bp)
            goal = 100.0 if ind == "mobile_coverage_pct" else base * rng.uniform(1.08, 1.35)
            if ind.endswith("_pct"):
                goal = min(goal, 100.0)
            for y in range(first, last + 1):
                v = round(base + (goal - base) * (y - first + 1) / (last - first + 1), 1)
                value = f"{min(v, 100.0) if ind.endswith('_pct') else v:.1f}"
                if y == last and ind == "households_broadband_pct" and goal < 99:
                    value = f"{value}..100"  # a range target: at least v, aiming at 100
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


def commune_series(rng, villages_n, pop, urban):
    """A 2025 commune's entered figures for 2025 and 2026-H1, at the levels its districts had
    reached by 2025-H1 (so that the province's totals move on smoothly across the reform)."""
    hh_size = rng.uniform(3.3, 4.3)
    cov = rng.uniform(0.90, 1.0) if urban else rng.uniform(0.75, 0.99)
    m100 = rng.uniform(125, 160) if urban else rng.uniform(90, 135)
    mb = rng.uniform(0.70, 0.92)
    fb = rng.uniform(0.65, 0.95) if urban else rng.uniform(0.35, 0.75)
    people_per_bts = rng.uniform(850, 1500) if urban else rng.uniform(1300, 2400)
    arpu = rng.uniform(1.1, 1.9)
    out = {k: [] for k in ENTERED}
    for label, dt in (("2025", 0.0), ("2026-H1", 0.5)):
        p = pop * (1 + 0.01 * dt)
        hh = p / hh_size
        mobile = p * min(m100 + 2 * dt, 180) / 100
        out["population"].append((label, p))
        out["households"].append((label, hh))
        out["villages"].append((label, villages_n))
        out["villages_mobile_broadband"].append((label, min(villages_n, round(villages_n * min(1.0, cov + 0.02 * dt)))))
        out["mobile_subscribers"].append((label, mobile))
        out["mobile_broadband_subscribers"].append((label, mobile * min(0.97, mb + 0.02 * dt)))
        out["fixed_broadband_subscribers"].append((label, hh * min(0.98, fb + 0.03 * dt)))
        out["bts_sites"].append((label, max(1, p / people_per_bts)))
        out["telecom_revenue"].append((label, mobile * arpu * (0.48 if label.endswith("-H1") else 1.0)))
    return out


def read_rows(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("out", type=Path)
    ap.add_argument("--fixtures", type=Path, default=Path(os.environ.get("CHISO_BENCH_FIXTURES", DEFAULT_FIXTURES)))
    ap.add_argument("--provinces", type=int, default=0, help="only the first N provinces of 2025 (0: all)")
    ap.add_argument("--seed", type=int, default=20250701)
    args = ap.parse_args()
    pers = periods(2020, 2024) + [("2025-H1", 2024.5)]

    units25 = read_rows(args.fixtures / "vn-units-2025.csv")
    districts24 = read_rows(args.fixtures / "vn-districts-2024.csv")
    reform = read_rows(args.fixtures / "vn-reform-2025.csv")
    # The province of 2025 that absorbed each district (most of its communes), and the districts
    # each 2025 commune took land from (`formed_from`), as `chiso new --history` writes them.
    votes, formed = {}, {}
    for r in reform:
        v = votes.setdefault(r["old_district"], {})
        v[r["province_2025"]] = v.get(r["province_2025"], 0) + 1
        f = formed.setdefault(r["commune_2025"], [])
        if r["old_district"] not in f:
            f.append(r["old_district"])
    province_of = {d: max(sorted(v), key=lambda p: v[p]) for d, v in votes.items()}
    provinces = [u for u in units25 if u["level"] == "province"]
    if args.provinces:
        provinces = provinces[: args.provinces]
    kept = {p["code"] for p in provinces}
    old_province_of = {}  # island districts without communes: the 2025 province of the same old one
    for r in reform:
        old_province_of.setdefault(r["old_province"], r["province_2025"])
    dist_by_prov, comm_by_prov = {}, {}
    for d in districts24:
        p = province_of.get(d["district_code"]) or old_province_of.get(d["province_code"])
        if p in kept:
            dist_by_prov.setdefault(p, []).append(d)
    for c in units25:
        if c["level"] == "commune" and c["parent"] in kept:
            comm_by_prov.setdefault(c["parent"], []).append(c)

    out = args.out
    (out / "data" / "values").mkdir(parents=True, exist_ok=True)
    (out / "content").mkdir(parents=True, exist_ok=True)
    slugs = Slugs()
    units = [["00", slugs.take("viet-nam"), "Việt Nam", "Viet Nam", "country", "", "", "", ""]]
    totals = {}
    province_units, n_dist, n_comm, n_rows = [], 0, 0, 0
    for p in provinces:
        pcode, pname = p["code"], p["name"]
        bare = strip_prefix(pname, ["Thành phố", "Tỉnh"])
        pslug = slugs.take(fold(bare), fold(pname))
        units.append([pcode, pslug, pname, p["name_en"], "province", "00", "", "", ""])
        province_units.append((pcode, pslug, pname, p["name_en"], len(comm_by_prov.get(pcode, []))))
        ptotal = {}
        for d in dist_by_prov.get(pcode, []):
            kind, dname = d["district_kind"], d["district_name"]
            dbare = strip_prefix(dname, [kind, "Thành phố", "Thành Phố", "Thị xã", "Thị Xã", "Quận", "Huyện"])
            dslug = slugs.take(fold(dbare), fold(dname), f"{fold(dname)}-{pslug}")
            units.append([d["district_code"], dslug, dname, f"{dbare} {KIND_EN.get(kind, 'District')}",
                          "district", pcode, "", "2025-H1", ""])
            urban = kind in ("Quận", "Thành phố", "Thành Phố", "Thị xã", "Thị Xã")
            n = max(1, int(d["commune_count"] or 0))
            rng = random.Random(f"{args.seed}-{d['district_code']}")
            pop0 = n * (rng.uniform(6000, 14000) if urban else rng.uniform(5000, 11000))
            figs = series(rng, pers, n * rng.randint(5, 14), pop0, urban)
            rows = entered_rows(figs)
            n_rows += len(rows)
            write_values(out / "data" / "values" / f"{dslug}.csv", rows)
            add_into(ptotal, figs)
            n_dist += 1
        communes = comm_by_prov.get(pcode, [])
        prng = random.Random(f"{args.seed}-{pcode}")
        weights = [prng.uniform(0.5, 1.5) for _ in communes]
        pop_h1 = ptotal.get("population", {}).get("2025-H1") or 100000 * len(communes)
        vil_h1 = ptotal.get("villages", {}).get("2025-H1") or 8 * len(communes)
        for c, w in zip(communes, weights):
            share = w / sum(weights)
            name = c["name"]
            cbare = strip_prefix(name, ["Phường", "Xã", "Đặc khu", "Thị trấn"])
            cslug = slugs.take(fold(cbare), fold(name), f"{fold(name)}-{pslug}", f"{fold(name)}-{c['code']}")
            urban = name.startswith("Phường")
            units.append([c["code"], cslug, name, c["name_en"], "commune", pcode, "2025", "",
                          " ".join(formed.get(c["code"], []))])
            crng = random.Random(f"{args.seed}-{c['code']}")
            figs = commune_series(crng, max(2, round(vil_h1 * share)), pop_h1 * share, urban)
            rows = entered_rows(figs)
            n_rows += len(rows)
            write_values(out / "data" / "values" / f"{cslug}.csv", rows)
            add_into(ptotal, figs)
            n_comm += 1
        if ptotal:
            rows = target_rows(prng, ptotal, "2020", "2025")
            rev = ptotal["telecom_revenue"]
            if "2025-H1" in rev and "2025" in rev:
                # A flow over a year whose units changed mid-year cannot be summed (chiso warns):
                # the province reports its own 2025 figure, the districts' first half and the
                # communes' second half.
                rows.insert(0, ["telecom_revenue", "2025", "actual", num(rev["2025-H1"] + rev["2025"] * 0.52),
                                SOURCE, NOTE])
            write_values(out / "data" / "values" / f"{pslug}.csv", rows)
        add_into(totals, {k: list(v.items()) for k, v in ptotal.items()})
    write_values(out / "data" / "values" / "viet-nam.csv",
                 target_rows(random.Random(f"{args.seed}-00"), totals, "2020", "2025"))

    with open(out / "data" / "units.csv", "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "slug", "name", "name_en", "level", "parent", "from", "until", "formed_from"])
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
        "sample = true\n"
        "headline = [\"bts_sites\", \"mobile_coverage_pct\", \"mobile_subscribers\", \"mobile_per_100\",\n"
        "  \"mobile_broadband_subscribers\", \"fixed_broadband_subscribers\", \"households_broadband_pct\"]\n"
        "\n[[plans]]\n"
        'id = "2021-2025"\n'
        'name = "Kế hoạch giai đoạn 2021–2025 (minh họa)"\n'
        'name_en = "Plan 2021–2025 (illustrative)"\n'
        "from = 2021\nuntil = 2025\n"
        "\n[[plans]]\n"
        'id = "2026-2030"\n'
        'name = "Kế hoạch giai đoạn 2026–2030 (minh họa)"\n'
        'name_en = "Plan 2026–2030 (illustrative)"\n'
        "from = 2026\nuntil = 2030\n"
        "\n[charts]\n"
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
    print(f"{out}: {len(units)} units ({len(province_units)} provinces, {n_dist} districts until 2025-H1, "
          f"{n_comm} communes from 2025), {len(INDICATORS)} indicators ({len(DERIVED)} derived), "
          f"{n_rows} rows", file=sys.stderr)


if __name__ == "__main__":
    main()
