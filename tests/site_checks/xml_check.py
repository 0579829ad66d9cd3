#!/usr/bin/env python3
"""Well-formed XML in a built chiso site: every .svg file, every .xml file (sitemap.xml, the Atom
feeds) and every <svg> inside an HTML page, so that a chart can be saved as a file on its own and
every XML reader accepts the feeds.

    python3 tests/site_checks/xml_check.py SITE_DIR

Prints one line per item, `OK<TAB>name` or `FAIL<TAB>name<TAB>message`, for run.mjs to count.
Inline SVG is checked as a document of its own: HTML's named character references other than
XML's five (&nbsp;, &ndash; …) are errors there, as they would be in a saved .svg file.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

SVG = re.compile(r"<svg\b.*?</svg>", re.S | re.I)


def check(name, text):
    try:
        ET.fromstring(text)
    except ET.ParseError as e:
        line, col = e.position
        lines = text.splitlines()
        near = lines[line - 1][max(0, col - 40):col + 40] if 0 < line <= len(lines) else ""
        print(f"FAIL\t{name}\t{e} near {near!r}")
        return
    print(f"OK\t{name}")


def main():
    site = sys.argv[1]
    for folder, dirs, files in os.walk(site):
        dirs.sort()
        for f in sorted(files):
            path = os.path.join(folder, f)
            rel = os.path.relpath(path, site).replace(os.sep, "/")
            if f.endswith((".svg", ".xml")):
                with open(path, "rb") as fh:
                    check(rel, fh.read())
            elif f.endswith(".html"):
                with open(path, encoding="utf-8") as fh:
                    html = fh.read()
                for n, m in enumerate(SVG.finditer(html), 1):
                    line = html.count("\n", 0, m.start()) + 1
                    check(f"{rel} svg #{n} (line {line})", m.group(0))


if __name__ == "__main__":
    main()
