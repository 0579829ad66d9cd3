#!/usr/bin/env python3
"""Generate the Hugo baseline of the benchmark from a chiso project.

The same units and languages as plain Markdown pages: one page per unit per
language (vi at the root, en under /en/), each with the unit's figures as a
Markdown table (indicators × periods) and the unit's narrative where it has
one. Parents are Hugo sections (content/<province>/_index.vi.md), leaves are
pages, so Hugo does real work: base template, section listings, breadcrumbs,
translations, Markdown with tables, sitemap and RSS.

Sums over children and derived ratios are computed here, in Python, and written
into the Markdown: the Hugo build only renders. That favours Hugo, which is the
conservative side for a "faster than Hugo" claim.

    python3 bench/gen_hugo.py PROJECT OUT
"""

import csv
import sys
from pathlib import Path

LANGS = ("vi", "en")


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def period_key(p):
    return (int(p[:4]), 0 if p.endswith("-H1") else 1)


def period_label(p, lang):
    if p.endswith("-H1"):
        return f"6T/{p[:4]}" if lang == "vi" else f"H1 {p[:4]}"
    return p


def fmt(v, decimals, lang):
    s = f"{v:,.{decimals}f}"
    if lang == "vi":  # 54.748 and 87,7
        s = s.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return s


LAYOUT_BASEOF = """<!doctype html>
<html lang="{{ .Site.Language.LanguageCode }}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} · {{ .Site.Title }}</title>
<link rel="canonical" href="{{ .Permalink }}">
{{ range .Translations }}<link rel="alternate" hreflang="{{ .Language.Lang }}" href="{{ .Permalink }}">
{{ end }}<style>body{font-family:system-ui,sans-serif;max-width:60rem;margin:auto;padding:1rem}
table{border-collapse:collapse;font-size:.9rem}td,th{border:1px solid #ccc;padding:.2rem .4rem;text-align:right}
td:first-child,th:first-child{text-align:left}</style>
</head>
<body>
<header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav aria-label="breadcrumb">{{ range .Ancestors.Reverse }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> › {{ end }}{{ .Title }}</nav>
<nav>{{ range .Translations }}<a href="{{ .RelPermalink }}" hreflang="{{ .Language.Lang }}">{{ .Language.LanguageName }}</a>{{ end }}</nav>
</header>
<main>{{ block "main" . }}{{ end }}</main>
<footer>{{ .Params.code }} · {{ now.Year }}</footer>
</body>
</html>
"""

LAYOUT_SINGLE = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ .Params.level }} · {{ .Params.code }}{{ with .Parent }} · <a href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</p>
{{ .Content }}
{{ end }}
"""

LAYOUT_LIST = """{{ define "main" }}
<h1>{{ .Title }}</h1>
<p>{{ .Params.level }} · {{ .Params.code }}</p>
{{ .Content }}
<h2>{{ if eq .Site.Language.Lang "vi" }}Đơn vị trực thuộc{{ else }}Units{{ end }}</h2>
<table><thead><tr><th></th><th>{{ .Params.population_label }}</th></tr></thead><tbody>
{{ range .Pages.ByTitle }}<tr><td><a href="{{ .RelPermalink }}">{{ .Title }}</a></td><td>{{ .Params.population }}</td></tr>
{{ end }}</tbody></table>
{{ end }}
"""


def main():
    project, out = Path(sys.argv[1]), Path(sys.argv[2])
    units = read_csv(project / "data" / "units.csv")
    inds = read_csv(project / "data" / "indicators.csv")
    by_code = {u["code"]: u for u in units}
    children = {}
    for u in units:
        children.setdefault(u["parent"], []).append(u["code"])

    # Entered actuals per unit: {code: {indicator: {period: value}}}.
    figs = {u["code"]: {} for u in units}
    for u in units:
        path = project / "data" / "values" / f"{u['slug']}.csv"
        if path.exists():
            for r in read_csv(path):
                if r["kind"] == "actual":
                    figs[u["code"]].setdefault(r["indicator"], {})[r["period"]] = float(r["value"])

    def total(code):  # sums bottom-up, for the `sum` indicators
        kids = children.get(code, [])
        for k in kids:
            total(k)
        if kids:
            acc = figs[code]
            for ind in inds:
                if ind["aggregate"] != "sum":
                    continue
                per = {}
                for k in kids:
                    for p, v in figs[k].get(ind["code"], {}).items():
                        per[p] = per.get(p, 0.0) + v
                acc.setdefault(ind["code"], per)

    root = next(u["code"] for u in units if not u["parent"])
    total(root)
    for code, f in figs.items():  # derived ratios of the same unit and period
        for ind in inds:
            if ind["numerator"]:
                num, den = f.get(ind["numerator"], {}), f.get(ind["denominator"], {})
                f[ind["code"]] = {p: float(ind["scale"]) * num[p] / den[p] for p in num if den.get(p)}
    periods = sorted({p for f in figs.values() for s in f.values() for p in s}, key=period_key)

    def path_of(code):  # content/<province>/<district>… ; parents are sections
        parts = []
        while code:
            parts.append(by_code[code]["slug"])
            code = by_code[code]["parent"]
        return list(reversed(parts))[1:]  # the root is the home page

    (out / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (out / "layouts" / "_default" / "baseof.html").write_text(LAYOUT_BASEOF, encoding="utf-8")
    (out / "layouts" / "_default" / "single.html").write_text(LAYOUT_SINGLE, encoding="utf-8")
    (out / "layouts" / "_default" / "list.html").write_text(LAYOUT_LIST, encoding="utf-8")
    (out / "hugo.toml").write_text(
        'baseURL = "https://example.gov.vn/hugo/"\n'
        'title = "Chỉ số hạ tầng số (Hugo baseline)"\n'
        'defaultContentLanguage = "vi"\n'
        'disableKinds = ["taxonomy", "term", "rss"]\n'
        "[languages.vi]\n  languageName = \"Tiếng Việt\"\n  languageCode = \"vi\"\n  weight = 1\n"
        "[languages.en]\n  languageName = \"English\"\n  languageCode = \"en\"\n  weight = 2\n",
        encoding="utf-8",
    )
    pages = 0
    for u in units:
        code = u["code"]
        parts = path_of(code)
        is_section = code in children
        for lang in LANGS:
            name = u["name"] if lang == "vi" else u["name_en"]
            narrative = project / "content" / (
                ("_index" if not u["parent"] else u["slug"]) + (".en.md" if lang == "en" else ".md"))
            body = ""
            if narrative.exists():
                text = narrative.read_text(encoding="utf-8")
                body = text.split("+++", 2)[2] if text.startswith("+++") else text
            head = "Chỉ tiêu" if lang == "vi" else "Indicator"
            lines = [f"| {head} | " + " | ".join(period_label(p, lang) for p in periods) + " |",
                     "|---|" + "---:|" * len(periods)]
            for ind in inds:
                s = figs[code].get(ind["code"], {})
                label = ind["name"] if lang == "vi" else ind["name_en"]
                unit = ind["unit"] if lang == "vi" else ind["unit_en"]
                cells = [fmt(s[p], int(ind["decimals"]), lang) if p in s else "" for p in periods]
                lines.append(f"| {label} ({unit}) | " + " | ".join(cells) + " |")
            pop = figs[code].get("population", {})
            last = max(pop, key=period_key) if pop else None
            front = (
                "+++\n"
                f"title = {toml_str(name)}\n"
                f"code = {toml_str(code)}\n"
                f"level = {toml_str(u['level'])}\n"
                f"population = {toml_str(fmt(pop[last], 0, lang) if last else '')}\n"
                f"population_label = {toml_str('Dân số' if lang == 'vi' else 'Population')}\n"
                "+++\n"
            )
            md = front + "\n## " + ("Số liệu" if lang == "vi" else "Figures") + "\n\n" + "\n".join(lines) + "\n\n" + body
            if is_section:
                target = out / "content" / Path(*parts) / f"_index.{lang}.md" if parts else out / "content" / f"_index.{lang}.md"
            else:
                target = out / "content" / Path(*parts[:-1]) / f"{parts[-1]}.{lang}.md"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(md, encoding="utf-8")
            pages += 1
    print(f"{out}: {pages} Markdown pages ({len(units)} units × {len(LANGS)} languages), "
          f"{len(periods)} periods", file=sys.stderr)


def toml_str(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


if __name__ == "__main__":
    main()
