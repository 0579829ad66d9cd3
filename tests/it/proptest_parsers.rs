//! Property tests of the parsers of editors' input: on any input they return (an answer or a
//! message) without panicking, and what they accept reads back as what was written.
//!
//! Case counts are modest so that `cargo test` stays fast; raise them for a longer hunt with
//! `PROPTEST_CASES=100000 cargo test --test it proptest_parsers::`. The same parsers have
//! cargo-fuzz targets in `fuzz/`.

use std::collections::BTreeMap;
use std::path::Path;

use chiso::diagnostics::Diagnostics;
use chiso::format;
use chiso::lang::Lang;
use chiso::load::content;
use chiso::load::number::{parse_amount, parse_number, AmountError, NumberFormat};
use chiso::load::table::Table;
use chiso::load::{indicators, values};
use chiso::markdown;
use chiso::model::{Figures, IndicatorId, Kind, Period, UnitId};
use chiso::view::shortcodes;
use proptest::prelude::*;
use proptest::test_runner::FileFailurePersistence;

use crate::html_scan;

/// `PROPTEST_CASES` when set, else `n` cases. The failing cases proptest has found are kept in
/// `proptest_parsers.proptest-regressions` beside this file and replayed first. (Proptest's
/// default, `SourceParallel`, would look in `tests/proptest-regressions/proptest_parsers.txt`
/// instead, since this file's folder has a `main.rs`, and would find nothing there.)
fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::with_cases(n)
    }
}

// ---------------------------------------------------------------------------------------------
// Periods

fn period() -> impl Strategy<Value = Period> {
    (1900..=2199i32, any::<bool>()).prop_map(|(year, half)| Period { year, half })
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn period_parse_never_panics_and_accepts_only_its_own_display(s in "[0-9Hh1 -]{0,9}|\\PC{0,12}") {
        if let Ok(p) = s.parse::<Period>() {
            prop_assert_eq!(p.to_string(), s);
            prop_assert!((1900..=2199).contains(&p.year));
        }
    }

    #[test]
    fn period_display_parses_back(p in period()) {
        prop_assert_eq!(p.to_string().parse::<Period>(), Ok(p));
    }

    #[test]
    fn periods_are_ordered_by_their_time(a in period(), b in period()) {
        prop_assert_eq!(a.cmp(&b), a.time().partial_cmp(&b.time()).unwrap());
        prop_assert!(a.year_before() < a);
    }
}

// ---------------------------------------------------------------------------------------------
// Numbers

/// `-?\d+(\.\d+)?`: the only plain numbers.
fn plain_shape(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    digits(int) && frac.is_none_or(digits)
}

/// `-?(\d+|\d{1,3}(\.\d{3})+)(,\d+)?`: the only Vietnamese numbers.
fn vietnamese_shape(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    let mut groups = int.split('.');
    let first = groups.next().unwrap_or("");
    let rest: Vec<&str> = groups.collect();
    let int_ok = if rest.is_empty() {
        digits(first)
    } else {
        digits(first) && first.len() <= 3 && rest.iter().all(|g| g.len() == 3 && digits(g))
    };
    int_ok && frac.is_none_or(digits)
}

/// Text that looks like numbers, and some that does not.
fn number_text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[-+ ]?[0-9.,]{0,14}[ ]?",
        "[-0-9.,eE+ _]{0,16}",
        "(-)?[0-9]{1,3}(\\.[0-9]{3}){0,4}(,[0-9]{1,4})?",
        "(-)?[0-9]{1,12}(\\.[0-9]{1,4})?",
        "\\PC{0,16}",
    ]
}

fn finite() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e12..1e12f64,
        -1000.0..1000.0f64,
        (-10_000_000i64..10_000_000).prop_map(|n| n as f64 / 1000.0),
        prop::num::f64::NORMAL | prop::num::f64::SUBNORMAL | prop::num::f64::ZERO,
    ]
}

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn numbers_parse_only_in_their_format(s in number_text()) {
        let t = s.trim();
        if let Some(v) = parse_number(&s, NumberFormat::Plain) {
            prop_assert!(v.is_finite());
            prop_assert!(plain_shape(t), "plain accepted {:?}", s);
        } else if plain_shape(t) && t.len() < 300 {
            prop_assert!(false, "plain refused {:?}", s);
        }
        if let Some(v) = parse_number(&s, NumberFormat::Vietnamese) {
            prop_assert!(v.is_finite());
            prop_assert!(vietnamese_shape(t), "Vietnamese accepted {:?}", s);
        } else if vietnamese_shape(t) && t.len() < 300 {
            prop_assert!(false, "Vietnamese refused {:?}", s);
        }
    }

    #[test]
    fn amounts_never_panic(s in "[-0-9.,]{0,8}(\\.\\.[-0-9.,]{0,8})?|\\PC{0,20}") {
        for f in [NumberFormat::Plain, NumberFormat::Vietnamese] {
            if let Ok(a) = parse_amount(&s, f) {
                prop_assert!(a.value.is_finite());
                if let Some(up) = a.upper {
                    prop_assert!(a.value <= up);
                }
            }
        }
    }

    #[test]
    fn vietnamese_display_parses_back_to_the_rounded_figure(v in finite(), d in 0usize..=4) {
        let shown = format::number(v, d, Lang::Vi);
        prop_assert_eq!(parse_number(&shown, NumberFormat::Vietnamese), Some(format::round(v, d)), "shown {:?}", shown);
        let english = format::number(v, d, Lang::En).replace(',', "");
        prop_assert_eq!(parse_number(&english, NumberFormat::Plain), Some(format::round(v, d)), "shown {:?}", english);
        let plain = format::plain_number(v, d);
        prop_assert_eq!(parse_number(&plain, NumberFormat::Plain), Some(format::round(v, d)), "shown {:?}", plain);
    }

    #[test]
    fn rounding_is_idempotent_and_close(v in -1e9..1e9f64, d in 0usize..=4) {
        let r = format::round(v, d);
        prop_assert_eq!(format::round(r, d), r);
        prop_assert!((r - v).abs() <= 0.5 * 10f64.powi(-(d as i32)) * (1.0 + 1e-9) + v.abs() * 1e-15);
    }

    #[test]
    fn ranges_parse_back(a in finite(), b in finite(), d in 0usize..=3, vi in any::<bool>()) {
        let (f, lang) = if vi { (NumberFormat::Vietnamese, Lang::Vi) } else { (NumberFormat::Plain, Lang::En) };
        let show = |v: f64| if vi { format::number(v, d, lang) } else { format::plain_number(v, d) };
        let text = format!("{}..{}", show(a), show(b));
        let (lo, hi) = (format::round(a, d), format::round(b, d));
        match parse_amount(&text, f) {
            Ok(amount) => {
                prop_assert!(lo <= hi, "{:?} accepted with low > high", text);
                prop_assert_eq!((amount.value, amount.upper), (lo, Some(hi)));
            }
            Err(e) => {
                prop_assert_eq!(e, AmountError::BadRange);
                prop_assert!(lo > hi, "{:?} refused", text);
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Tables

fn parse_table(bytes: &[u8]) -> (Option<Table>, Diagnostics) {
    let mut d = Diagnostics::default();
    let t = Table::parse(Path::new("data/t.csv"), bytes, &mut d);
    (t, d)
}

/// A cell as an editor might type it, with the characters CSV must quote.
fn cell() -> impl Strategy<Value = String> {
    "[a-zA-Z0-9ăâđêôơưệỳ ,;\".\n-]{0,12}"
}

/// Quotes every cell, as a spreadsheet does when it must.
fn csv_line(cells: &[String], sep: char) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| format!("\"{}\"", c.replace('"', "\"\"")))
        .collect();
    quoted.join(&sep.to_string()) + "\n"
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn tables_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse_table(&bytes);
    }

    #[test]
    fn csv_like_text_never_panics(s in "[a-z0-9,;\"\r\n .]{0,200}") {
        let (t, d) = parse_table(s.as_bytes());
        if let Some(t) = t {
            for r in t.rows.iter() {
                prop_assert!(r.line >= 1 && r.line <= s.len() + 1);
            }
        }
        for e in &d.items {
            if let Some(l) = e.line {
                prop_assert!(l >= 1 && l <= s.matches('\n').count() + 1, "line {} of {:?}", l, s);
            }
        }
    }

    #[test]
    fn tables_read_back_with_their_lines(
        semicolon in any::<bool>(),
        width in 2usize..5,
        rows in prop::collection::vec(prop::collection::vec(cell(), 5), 0..8),
    ) {
        let sep = if semicolon { ';' } else { ',' };
        let header: Vec<String> = (0..width).map(|i| format!("col{i}")).collect();
        let mut text = csv_line(&header, sep);
        let mut expected: Vec<(usize, Vec<String>)> = Vec::new();
        for r in &rows {
            let cells: Vec<String> = r[..width].to_vec();
            let line = 1 + text.matches('\n').count();
            text += &csv_line(&cells, sep);
            let trimmed: Vec<String> = cells.iter().map(|c| c.trim().to_string()).collect();
            if trimmed.iter().any(|c| !c.is_empty()) {
                expected.push((line, trimmed));
            }
        }
        let (t, d) = parse_table(text.as_bytes());
        prop_assert!(d.items.is_empty(), "{:?}\n{}", d.items, text);
        let t = t.unwrap();
        prop_assert_eq!(t.format, if semicolon { NumberFormat::Vietnamese } else { NumberFormat::Plain });
        prop_assert_eq!(&t.headers, &header);
        let got: Vec<(usize, Vec<String>)> = t.rows.iter().map(|r| (r.line, r.cells().map(String::from).collect())).collect();
        prop_assert_eq!(got, expected, "{}", text);
    }
}

// ---------------------------------------------------------------------------------------------
// Values files

const CATALOGUE: &str = "\
code,group,name,unit,direction,measure,aggregate,decimals
subscribers,G,Thuê bao,thuê bao,up,stock,sum,0
coverage,G,Tỷ lệ,%,up,stock,none,2
revenue,G,Doanh thu,triệu đồng,down,flow,sum,3
";

fn catalogue() -> chiso::model::Catalogue {
    let mut d = Diagnostics::default();
    let t = Table::parse(
        Path::new("data/indicators.csv"),
        CATALOGUE.as_bytes(),
        &mut d,
    )
    .unwrap();
    let c = indicators::load(&t, &mut d).expect("the test catalogue loads");
    assert!(d.items.is_empty(), "{:?}", d.items);
    c
}

#[derive(Debug, Clone)]
struct ValueRow {
    indicator: IndicatorId,
    period: Period,
    kind: Kind,
    value: f64,
    upper: Option<f64>,
    source: String,
    note: String,
}

fn value_row() -> impl Strategy<Value = ValueRow> {
    (
        0usize..3,
        period(),
        0usize..3,
        finite(),
        prop::option::of(0.0..1e6f64),
        cell(),
        cell(),
    )
        .prop_map(|(indicator, period, k, value, extra, source, note)| {
            let kind = [Kind::Actual, Kind::Estimate, Kind::Target][k];
            let value = value.clamp(-1e9, 1e9);
            // A summed indicator (subscribers, revenue) is never negative: chiso refuses it.
            let value = if indicator == 1 { value } else { value.abs() };
            let upper = if kind == Kind::Target {
                extra.map(|e| value + e)
            } else {
                None
            };
            ValueRow {
                indicator: IndicatorId::from_index(indicator),
                period,
                kind,
                value,
                upper,
                source,
                note,
            }
        })
}

fn load_values(text: &str) -> (Figures, Diagnostics) {
    let cat = catalogue();
    let mut d = Diagnostics::default();
    let mut figures = Figures::new(1, cat.len());
    if let Some(t) = Table::parse(Path::new("data/values/tinh.csv"), text.as_bytes(), &mut d) {
        values::load(&t, UnitId::ROOT, &cat, &mut figures, &mut d);
    }
    (figures, d)
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn values_files_never_panic(
        lines in prop::collection::vec(
            prop_oneof![
                "(subscribers|coverage|revenue|x)[,;](20[0-9]{2}(-H1)?|[0-9]{0,5})[,;](actual|estimate|target|x)[,;][-0-9.,]{0,10}(\\.\\.[-0-9.,]{0,6})?[,;][a-z\"]{0,4}",
                "\\PC{0,40}",
            ],
            0..10,
        ),
        semicolon in any::<bool>(),
    ) {
        let header = if semicolon { "indicator;period;kind;value;source;note\n" } else { "indicator,period,kind,value,source,note\n" };
        let text = header.to_string() + &lines.join("\n");
        let _ = load_values(&text);
    }

    #[test]
    fn values_files_read_back(rows in prop::collection::vec(value_row(), 0..12), semicolon in any::<bool>()) {
        let cat = catalogue();
        let sep = if semicolon { ';' } else { ',' };
        let header: Vec<String> = ["indicator", "period", "kind", "value", "source", "note"].map(String::from).to_vec();
        let mut text = csv_line(&header, sep);
        let mut expected: BTreeMap<(IndicatorId, Period, Kind), ValueRow> = BTreeMap::new();
        for r in rows {
            if expected.contains_key(&(r.indicator, r.period, r.kind)) {
                continue;
            }
            let decimals = cat.get(r.indicator).decimals;
            let show = |v: f64| if semicolon { format::number(v, decimals, Lang::Vi) } else { format::plain_number(v, decimals) };
            let value = match r.upper {
                Some(up) => format!("{}..{}", show(r.value), show(up)),
                None => show(r.value),
            };
            let cells = [
                cat.get(r.indicator).code.clone(),
                r.period.to_string(),
                r.kind.as_str().to_string(),
                value,
                r.source.clone(),
                r.note.clone(),
            ];
            text += &csv_line(&cells, sep);
            expected.insert((r.indicator, r.period, r.kind), r);
        }
        let (figures, d) = load_values(&text);
        prop_assert!(!d.has_errors(), "{:?}\n{}", d.items, text);
        for ((i, p, k), r) in &expected {
            let decimals = cat.get(*i).decimals;
            let f = figures.get(UnitId::ROOT, *i, *p, *k);
            prop_assert!(f.is_some(), "{:?} missing\n{}", r, text);
            let f = f.unwrap();
            prop_assert_eq!(f.value, format::round(r.value, decimals), "{:?}", r);
            prop_assert_eq!(f.upper, r.upper.map(|u| format::round(u, decimals)), "{:?}", r);
            prop_assert_eq!(&f.source, r.source.trim());
            prop_assert_eq!(&f.note, r.note.trim());
        }
        let count: usize = cat.ids().map(|i| figures.series(UnitId::ROOT, i).len()).sum();
        prop_assert_eq!(count, expected.len());
    }
}

// ---------------------------------------------------------------------------------------------
// Front matter

/// A TOML basic string.
fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn front_matter_never_panics(s in "(\\+\\+\\+\n)?([a-z =\"+\n\\[\\]0-9]|\\PC){0,80}") {
        let mut d = Diagnostics::default();
        let n = content::parse(Path::new("content/a.md"), &s, &mut d);
        if let Some(n) = n {
            prop_assert!(s.ends_with(&n.markdown));
            prop_assert!(n.body_line >= 1);
        } else {
            prop_assert!(d.has_errors());
        }
    }

    #[test]
    fn front_matter_reads_back(
        title in prop::option::of("\\PC{0,30}"),
        description in prop::option::of("(\\PC|\n){0,30}"),
        weight in prop::option::of(any::<i64>()),
        body in "(\\PC|\n){0,60}",
    ) {
        let mut front = String::from("+++\n");
        if let Some(t) = &title {
            front += &format!("title = {}\n", toml_string(t));
        }
        if let Some(t) = &description {
            front += &format!("description = {}\n", toml_string(t));
        }
        if let Some(w) = weight {
            front += &format!("weight = {w}\n");
        }
        front += "+++\n";
        let raw = front.clone() + &body;
        let mut d = Diagnostics::default();
        let n = content::parse(Path::new("content/a.md"), &raw, &mut d);
        prop_assert!(d.items.is_empty(), "{:?}\n{}", d.items, raw);
        let n = n.unwrap();
        prop_assert_eq!(n.front.title, title);
        prop_assert_eq!(n.front.description, description);
        prop_assert_eq!(n.front.weight, weight);
        prop_assert_eq!(&n.markdown, &body);
        prop_assert_eq!(n.body_line, front.matches('\n').count() + 1);
    }

    #[test]
    fn text_without_front_matter_is_all_body(body in "(\\PC|\n){0,60}") {
        prop_assume!(body.lines().next().unwrap_or("").trim_end() != "+++");
        let mut d = Diagnostics::default();
        let n = content::parse(Path::new("content/a.md"), &body, &mut d).unwrap();
        prop_assert_eq!(n.markdown, body);
        prop_assert_eq!(n.body_line, 1);
        prop_assert!(d.items.is_empty());
    }
}

// ---------------------------------------------------------------------------------------------
// Shortcodes

proptest! {
    #![proptest_config(cases(1000))]

    #[test]
    fn shortcodes_never_panic(s in "([{}()=\"', a-z\n]|\\{\\{|\\}\\}|\\PC){0,80}") {
        let found = shortcodes::parse(&s);
        let mut last_end = 0;
        for sc in found.into_iter().flatten() {
            prop_assert!(sc.start >= last_end && sc.start < sc.end && sc.end <= s.len());
            prop_assert!(s[sc.start..sc.end].starts_with("{{") && s[sc.start..sc.end].ends_with("}}"));
            prop_assert_eq!(sc.line, 1 + s[..sc.start].matches('\n').count());
            last_end = sc.end;
        }
    }

    #[test]
    fn shortcodes_read_back(
        before in "[^{}]{0,20}",
        after in "[^{}]{0,20}",
        name in "[a-z_][a-z0-9_]{0,8}",
        args in prop::collection::btree_map("[a-z_]{1,8}", "[^{}]{0,12}", 0..4),
        single in any::<bool>(),
        spaces in any::<bool>(),
    ) {
        let q = if single { '\'' } else { '"' };
        // A value cannot hold its own quote.
        let args: BTreeMap<String, String> = args.into_iter().map(|(k, v)| (k, v.replace(q, ""))).collect();
        let sp = if spaces { " " } else { "" };
        let list: Vec<String> = args.iter().map(|(k, v)| format!("{k}{sp}={sp}{q}{v}{q}")).collect();
        let code = format!("{{{{{sp}{name}({}){sp}}}}}", list.join(&format!(",{sp}")));
        let text = format!("{before}{code}{after}");
        let found = shortcodes::parse(&text);
        prop_assert_eq!(found.len(), 1, "{}", text);
        let sc = found[0].clone();
        prop_assert!(sc.is_ok(), "{:?}: {}", sc, text);
        let sc = sc.unwrap();
        prop_assert_eq!(&sc.name, &name);
        prop_assert_eq!(&sc.args, &args);
        prop_assert_eq!((sc.start, sc.end), (before.len(), before.len() + code.len()));
        prop_assert_eq!(sc.line, 1 + before.matches('\n').count());
    }
}

// ---------------------------------------------------------------------------------------------
// Narratives: whatever Markdown and HTML an editor pastes, nothing that runs comes out.

fn hostile_token() -> impl Strategy<Value = &'static str> {
    prop::sample::select(vec![
        "<script>",
        "</script>",
        "<script src=x>",
        "<img src=x onerror=alert(1)>",
        "<a href=\"",
        "<a href='",
        "javascript:alert(1)",
        "JaVaScRiPt:",
        "java\tscript:",
        "&#106;avascript:",
        "&#x6A;",
        "&colon;",
        "data:text/html,",
        "vbscript:",
        "\">",
        "'>",
        "</a>",
        "[x](",
        "![i](",
        ")",
        "]",
        "[",
        "<",
        ">",
        "\"",
        "'",
        "=",
        " on",
        "onerror=",
        "onload=",
        "load",
        " ",
        "\n",
        "\n\n",
        "`",
        "```",
        "    ",
        "|",
        "|-|",
        "-",
        "*",
        "_",
        "<div>",
        "<table>",
        "<td>",
        "<svg>",
        "<svg onload=alert(1)>",
        "<iframe src=x>",
        "<style>",
        "</style>",
        " style=\"display:none\"",
        "<p",
        "<!--",
        "-->",
        "<math>",
        " xlink:href=",
        "<base href=x>",
        "<form action=x>",
        "<object data=x>",
        "<embed src=x>",
        "<meta http-equiv=refresh content=0>",
        "<details open ontoggle=alert(1)>",
        "<![CDATA[",
        "]]>",
        "{{",
        "}}",
        "[r]: javascript:x",
        "[r]",
        "<https://a.vn>",
        "<javascript:x>",
        "a",
        "&",
        "&amp;",
        "#",
    ])
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn narratives_never_publish_anything_that_runs(tokens in prop::collection::vec(hostile_token(), 0..40)) {
        let md: String = tokens.concat();
        let html = markdown::to_html(&md);
        let problems = html_scan::html_problems(&html);
        prop_assert!(problems.is_empty(), "{:?}\nfrom {:?}\ngave {}", problems, md, html);
    }

    #[test]
    fn any_text_renders(md in "(\\PC|\n){0,200}") {
        let html = markdown::to_html(&md);
        prop_assert!(html_scan::html_problems(&html).is_empty(), "{}", html);
    }
}
