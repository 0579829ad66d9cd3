"""Opens a half-year report's Word document as a reader does (python-docx) and renders it to PDF
with LibreOffice, as an office would print it.

    target/docx-venv/bin/python tests/docx/check_report.py SITE [SLUG-YEAR]

Checks, on the sample site built by scripts/test.sh (Tuần Giáo's 2024-H1 report by default):
the head's texts (national title, motto, agency, number, place and date, document name); the
forecast table's figures equal to the report CSV's, row by row and column by column; the
recipients and the signature block; that the table is no wider than a landscape page's text; and
in the PDF: A4 pages, portrait then landscape then portrait, the expected page count, every column
number of the template (1 … 11=8/6) printed, nothing cut at the right edge.
"""

import csv
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
from docx.shared import Emu

failures = []


def check(ok, what):
    print(("ok      " if ok else "FAILED  ") + what)
    if not ok:
        failures.append(what)


def effective(paragraph, run, attribute):
    """A run's formatting as Word shows it: the run's own, else its paragraph style's (and the
    styles that style is based on). The report sets it on paragraph styles, not on each run."""
    value = getattr(run.font, attribute)
    style = paragraph.style
    while value is None and style is not None:
        value = getattr(style.font, attribute)
        style = style.base_style
    return value


def default_font(document):
    """The document's default font (`w:docDefaults`), which a run without one of its own uses."""
    fonts = document.styles.element.xpath("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts")
    return fonts[0].get(docx.oxml.ns.qn("w:ascii")) if fonts else None


def number(text):
    """A Vietnamese number of the document ("68.281", "95,5") or a plain one of the CSV."""
    text = text.strip()
    if text == "":
        return None
    if "," in text or re.fullmatch(r"-?\d{1,3}(\.\d{3})+", text):
        text = text.replace(".", "").replace(",", ".")
    return float(text)


def main():
    site = Path(sys.argv[1])
    name = sys.argv[2] if len(sys.argv) > 2 else "tuan-giao-2024"
    path = site / f"data/reports/{name}-H1.docx"
    document = docx.Document(str(path))
    paragraphs = [p.text for p in document.paragraphs]
    tables = document.tables

    # The head: a borderless table of two cells.
    head = tables[0].rows[0].cells
    left = [p.text for p in head[0].paragraphs]
    right = [p.text for p in head[1].paragraphs]
    check(left[0] == "UBND HUYỆN TUẦN GIÁO", f"agency: {left}")
    check(left[-1] == "Số: ……/BC-UBND", f"number left blank: {left[-1]!r}")
    check(right[0] == "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", f"national title: {right[0]!r}")
    check(right[1] == "Độc lập - Tự do - Hạnh phúc", f"motto: {right[1]!r}")
    motto = head[1].paragraphs[1]
    check(
        effective(motto, motto.runs[0], "bold") and effective(motto, motto.runs[0], "underline"),
        "the motto is bold and underlined",
    )
    check(
        right[2] == "Tuần Giáo, ngày …… tháng …… năm 2024",
        f"place and date, date left blank: {right[2]!r}",
    )
    place = head[1].paragraphs[2]
    check(effective(place, place.runs[0], "italic"), "the place and date are in italics")
    check("BÁO CÁO" in paragraphs, "the document's name")
    check(
        any(p.startswith("Kết quả chuyển đổi số") and "2024" in p for p in paragraphs),
        "the summary under the name",
    )
    fonts = {
        effective(p, r, "name") or default_font(document)
        for p in document.paragraphs for r in p.runs if r.text
    }
    check(fonts == {"Times New Roman"}, f"every run in Times New Roman: {fonts}")
    # The body, less the 11 pt note in italics under the tables.
    body = [
        effective(p, r, "size").pt for p in document.paragraphs for r in p.runs
        if r.text and not effective(p, r, "italic")
    ]
    check(all(12 <= s <= 14 for s in body), f"body text 12–14 pt: {sorted(set(body))}")

    # The narrative as the body.
    check(any(p.startswith("Dữ liệu mẫu") for p in paragraphs), "the sample's notice, as on the site")
    check("Tình hình chung" in paragraphs, "the narrative's headings")
    check(
        any(p.startswith("Tuần Giáo là huyện cửa ngõ") for p in paragraphs),
        "the narrative's text",
    )
    check(not any("{{" in p for p in paragraphs), "no shortcode left unfilled")

    # The forecast table against the unit's reports CSV, its rows of this half-year's Part One.
    forecast = tables[1]
    slug, year = name.rsplit("-", 1)
    with open(site / f"data/reports/{slug}.csv", encoding="utf-8") as f:
        rows = [
            r for r in csv.DictReader(f)
            if r["half_year"] == f"{year}-H1" and r["part"] == "forecast"
        ]
    check(len(rows) > 0, f"rows of {year}-H1 in {slug}.csv")
    header = [c.text for c in forecast.rows[1].cells]
    check(
        header == ["1", "2", "3", "4", "5", "6", "7", "8", "9=7/6", "10=7/4", "11=8/6"],
        f"the template's column numbers: {header}",
    )
    columns = ["h1_prev", "prev_year", "plan", "h1", "estimate",
               "pct_h1_plan", "pct_h1_h1prev", "pct_estimate_plan"]
    by_name = {}
    for row in forecast.rows[2:]:
        texts = [c.text for c in row.cells]
        if texts[0].isdigit():
            by_name[texts[1]] = texts
    compared = 0
    for r in rows:
        cells = by_name.get(r["name"])
        if cells is None:
            check(False, f"a row for {r['name']}")
            continue
        if cells[2] != r["unit"]:
            check(False, f"{r['name']}: unit {cells[2]!r}, csv {r['unit']!r}")
        for k, column in enumerate(columns):
            want, got = number(r[column]), number(cells[3 + k])
            same = want == got if want is None or got is None else abs(want - got) < 1e-6
            if not same:
                check(False, f"{r['name']}, {column}: docx {cells[3 + k]!r}, csv {r[column]!r}")
            compared += 1
    check(len(by_name) == len(rows), f"{len(by_name)} rows in the table, {len(rows)} in the CSV")
    check(compared == 8 * len(rows) and compared > 100, f"{compared} figures equal to the CSV's")

    # The table fits the landscape page's text width.
    section = document.sections[1]
    text_width = section.page_width - section.left_margin - section.right_margin
    grid = forecast._tbl.tblGrid.gridCol_lst
    width = sum(Emu(g.w) for g in grid)
    check(section.page_width > section.page_height, "the tables' section is landscape")
    check(width <= text_width, f"table {width / 36000:.0f} mm ≤ text {text_width / 36000:.0f} mm")
    portrait = document.sections[0]
    check(
        (round(portrait.page_width.mm), round(portrait.page_height.mm)) == (210, 297),
        "A4 portrait",
    )
    margins = [round(m.mm) for m in (portrait.top_margin, portrait.bottom_margin,
                                     portrait.left_margin, portrait.right_margin)]
    check(
        20 <= margins[0] <= 25 and 20 <= margins[1] <= 25
        and 30 <= margins[2] <= 35 and 15 <= margins[3] <= 20,
        f"the decree's margins (top, bottom, left, right): {margins} mm",
    )

    # The closing: recipients and the signature block.
    closing = tables[-1].rows[0].cells
    recipients = [p.text for p in closing[0].paragraphs]
    signature = [p.text for p in closing[1].paragraphs if p.text]
    check(recipients[0] == "Nơi nhận:", f"recipients' heading: {recipients[0]!r}")
    check(recipients[-1] == "- Lưu: VT, VHTT.", f"recipients from chiso.toml: {recipients}")
    check(recipients[1:] and all(r.startswith("- ") for r in recipients[1:]), "a dash per recipient")
    check(
        signature == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH", "……"],
        f"signer's title, and a blank for the name: {signature}",
    )
    sizes = {effective(p, r, "size").pt for p in closing[0].paragraphs[1:] for r in p.runs if r.text}
    check(sizes == {11.0}, f"the recipients' list in 11 pt: {sizes}")

    # Rendered by LibreOffice.
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    check(soffice is not None, "LibreOffice is installed")
    if soffice is None:
        return
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [soffice, f"-env:UserInstallation=file://{tmp}/profile", "--headless",
             "--convert-to", "pdf", "--outdir", tmp, str(path)],
            check=True, capture_output=True, timeout=180,
        )
        pdf = Path(tmp) / (path.stem + ".pdf")
        info = subprocess.run(["pdfinfo", "-f", "1", "-l", "99", str(pdf)],
                              capture_output=True, text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        sizes = re.findall(r"^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info, re.M)
        orient = "".join("L" if float(w) > float(h) else "P" for w, h in sizes)
        print(f"        PDF: {pages} pages, {orient}")
        check(5 <= pages <= 9, f"{pages} pages: the body, the tables over a few pages, the close")
        check(re.fullmatch(r"P+L+P+", orient) is not None, f"portrait, landscape, portrait: {orient}")
        check(all(abs(float(w) * float(h) - 595.3 * 841.9) < 50 for w, h in sizes), "A4 pages")
        first = subprocess.run(["pdftotext", "-layout", "-f", "1", "-l", "1", str(pdf), "-"],
                               capture_output=True, text=True, check=True).stdout
        check("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in first, "the national title on one line")
        check("UBND HUYỆN TUẦN GIÁO" in first, "the agency on one line")
        first_landscape = orient.index("L") + 1
        text = subprocess.run(
            ["pdftotext", "-layout", "-f", str(first_landscape), "-l", str(first_landscape),
             str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        numbers = ["9=7/6", "10=7/4", "11=8/6"]
        check(all(n in text for n in numbers), f"every column printed, the last ones too: {numbers}")
        check("So sánh" in text and "Các chỉ tiêu" in text, "the headings printed")
        # Nothing past the right margin: pdftotext's bounding boxes of every word on the page.
        boxes = subprocess.run(
            ["pdftotext", "-bbox", "-f", str(first_landscape), "-l", str(first_landscape),
             str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        right = max(float(x) for x in re.findall(r'xMax="([\d.]+)"', boxes))
        page_width = float(sizes[first_landscape - 1][0])
        check(right <= page_width - 15 * 72 / 25.4 + 1,
              f"words end {page_width - right:.0f} pt before the right edge")
        last = subprocess.run(["pdftotext", "-layout", "-f", str(pages), "-l", str(pages),
                               str(pdf), "-"], capture_output=True, text=True, check=True).stdout
        check("Nơi nhận:" in last and "CHỦ TỊCH" in last, "the signature block on the last page")


main()
print(f"{len(failures)} failed" if failures else "all checks passed")
sys.exit(1 if failures else 0)
