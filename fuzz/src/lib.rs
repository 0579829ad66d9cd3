//! What each fuzz target checks, shared by the libFuzzer targets (`fuzz_targets/`) and by the
//! `replay` harness, which runs the same checks without libFuzzer on a stable toolchain.
//!
//! Every check takes arbitrary bytes, must not panic, and asserts what the property tests in
//! `tests/it/proptest_parsers.rs` assert: what a parser accepts reads back as what was written.

use std::path::Path;

use chiso::diagnostics::Diagnostics;
use chiso::format;
use chiso::lang::Lang;
use chiso::load::number::{parse_amount, parse_number, NumberFormat};
use chiso::load::table::Table;
use chiso::load::{content, indicators, text, values};
use chiso::markdown;
use chiso::model::{Figures, Period, UnitId};
use chiso::view::shortcodes;

// Public, so that what the fuzz targets leave unused of this shared file (the checks of the
// Content-Security-Policy, used by tests/it/hostile.rs) is not reported as dead code here.
#[path = "../../tests/it/html_scan.rs"]
pub mod html_scan;

/// A check of one input.
pub type Check = fn(&[u8]);

/// The targets by name, for `replay`.
pub const TARGETS: &[(&str, Check)] = &[
    ("period", period),
    ("number", number),
    ("table", table),
    ("values", values),
    ("front_matter", front_matter),
    ("shortcodes", shortcodes),
    ("markdown", markdown),
];

/// `Period` parses only its own display form, and displays back to it.
pub fn period(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(p) = s.parse::<Period>() {
        assert_eq!(p.to_string(), s, "a period reads back as written");
        assert!((1900..=2199).contains(&p.year));
        assert_eq!(p.to_string().parse::<Period>(), Ok(p));
    }
}

/// Numbers in both formats: finite when accepted; a figure shown in Vietnamese (or plain) parses
/// back to the rounded figure; a range has its low end first.
pub fn number(data: &[u8]) {
    let Some((&d, rest)) = data.split_first() else {
        return;
    };
    let Ok(s) = std::str::from_utf8(rest) else {
        return;
    };
    let decimals = usize::from(d % 5);
    for f in [NumberFormat::Plain, NumberFormat::Vietnamese] {
        if let Some(v) = parse_number(s, f) {
            assert!(v.is_finite(), "{s:?} gave {v}");
            let shown = format::number(v, decimals, Lang::Vi);
            assert_eq!(
                parse_number(&shown, NumberFormat::Vietnamese),
                Some(format::round(v, decimals)),
                "{s:?} shown as {shown:?}"
            );
            let plain = format::plain_number(v, decimals);
            assert_eq!(
                parse_number(&plain, NumberFormat::Plain),
                Some(format::round(v, decimals)),
                "{s:?} as {plain:?}"
            );
        }
        if let Ok(a) = parse_amount(s, f) {
            assert!(a.value.is_finite());
            if let Some(up) = a.upper {
                assert!(up.is_finite() && a.value <= up, "{s:?}");
            }
        }
    }
}

/// CSV tables: any bytes give rows or messages, with line numbers inside the text.
pub fn table(data: &[u8]) {
    let mut d = Diagnostics::default();
    let lines = text::decode(data).matches('\n').count() + 1;
    if let Some(t) = Table::parse(Path::new("data/t.csv"), data, &mut d) {
        for r in t.rows.iter() {
            assert!(
                r.line >= 1 && r.line <= lines,
                "row line {} of {lines}",
                r.line
            );
        }
    }
    for e in &d.items {
        if let Some(l) = e.line {
            assert!(l >= 1 && l <= lines, "message line {l} of {lines}");
        }
    }
}

const CATALOGUE: &str = "\
code,group,name,unit,direction,measure,aggregate,decimals,numerator,denominator,scale
subscribers,G,Thuê bao,thuê bao,up,stock,sum,0,,,
population,G,Dân số,người,up,stock,sum,0,,,
per_100,G,Thuê bao/100 dân,thuê bao/100 dân,up,stock,none,1,subscribers,population,100
coverage,G,Tỷ lệ,%,up,stock,none,2,,,
revenue,G,Doanh thu,triệu đồng,down,flow,sum,3,,,
";

/// A values file of one unit against a small catalogue: any bytes load or give messages, and
/// every loaded figure is finite with its range in order.
pub fn values(data: &[u8]) {
    let mut d = Diagnostics::default();
    let t = Table::parse(
        Path::new("data/indicators.csv"),
        CATALOGUE.as_bytes(),
        &mut d,
    )
    .expect("catalogue table");
    let cat = indicators::load(&t, &mut d).expect("catalogue");
    let mut figures = Figures::new(1, cat.len());
    let mut d = Diagnostics::default();
    if let Some(t) = Table::parse(Path::new("data/values/tinh.csv"), data, &mut d) {
        values::load(&t, UnitId::ROOT, &cat, &mut figures, &mut d);
    }
    for i in cat.ids() {
        for f in figures.series(UnitId::ROOT, i).values() {
            assert!(f.value.is_finite());
            if let Some(up) = f.upper {
                assert!(f.value <= up);
            }
        }
    }
}

/// Front matter: a narrative is returned or a message given, and the body is the file's end.
pub fn front_matter(data: &[u8]) {
    let raw = text::decode(data);
    let mut d = Diagnostics::default();
    match content::parse(Path::new("content/a.md"), &raw, &mut d) {
        Some(n) => {
            assert!(raw.ends_with(&n.markdown));
            assert!(n.body_line >= 1 && n.body_line <= raw.matches('\n').count() + 2);
        }
        None => assert!(d.has_errors(), "refused without a message"),
    }
}

/// Shortcodes: found in order, inside the text, each `{{ … }}` on its own line number.
pub fn shortcodes(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let mut last = 0;
    for found in shortcodes::parse(s) {
        match found {
            Ok(sc) => {
                assert!(sc.start >= last && sc.start < sc.end && sc.end <= s.len());
                assert!(
                    s[sc.start..sc.end].starts_with("{{") && s[sc.start..sc.end].ends_with("}}")
                );
                assert_eq!(sc.line, 1 + s[..sc.start].matches('\n').count());
                last = sc.end;
            }
            Err((line, _)) => assert!(line >= 1 && line <= s.matches('\n').count() + 1),
        }
    }
}

/// Narratives: whatever is pasted, the HTML has nothing that runs.
pub fn markdown(data: &[u8]) {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let html = markdown::to_html(s);
    let problems = html_scan::html_problems(&html);
    assert!(problems.is_empty(), "{problems:?}\nfrom {s:?}\ngave {html}");
}
