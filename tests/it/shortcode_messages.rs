//! A broken shortcode in a narrative is reported with its file and line, wholly in the language
//! asked for; a chart that a narrative asks for and that has nothing to draw is refused the same
//! way, rather than left out of the page; a mistyped chart kind comes with the closest kind.

use std::fs;
use std::path::Path;
use std::process::Command;

const UNITS: &str = "code,slug,name,name_en,level,parent\n11,dien-bien,Tỉnh Điện Biên,Dien Bien,province,\n099,tuan-giao,Huyện Tuần Giáo,Tuan Giao,district,11\n100,huyen-dien-bien,Huyện Điện Biên,Dien Bien District,district,11\n";
const INDICATORS: &str = "code,group,name,unit,direction,measure,numerator,denominator,scale,aggregate,decimals\nmobile_subscribers,G,Thuê bao di động,Thuê bao,up,stock,,,,sum,0\npopulation,G,Dân số,Người,up,stock,,,,sum,0\ncoverage_pct,G,Tỷ lệ phủ sóng,%,up,stock,,,,none,1\n";
const TUAN_GIAO: &str = "indicator,period,kind,value,source,note\nmobile_subscribers,2023,actual,50000,x,\nmobile_subscribers,2024,actual,54204,x,\npopulation,2024,actual,84700,x,\ncoverage_pct,2024,actual,87.7,x,\n";
const OTHER: &str = "indicator,period,kind,value,source,note\nmobile_subscribers,2023,actual,40000,x,\nmobile_subscribers,2024,actual,41000,x,\npopulation,2024,actual,60000,x,\n";

/// The front matter of every narrative below: its body starts on line 4.
const FRONT: &str = "+++\ntitle = \"Tuần Giáo\"\n+++\n";

/// A small project whose district `tuan-giao` has the narrative `body`.
fn project(body: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (rel, text) in [
        ("data/units.csv", UNITS),
        ("data/indicators.csv", INDICATORS),
        ("data/values/tuan-giao.csv", TUAN_GIAO),
        ("data/values/huyen-dien-bien.csv", OTHER),
        (
            "content/_index.md",
            "+++\ntitle = \"Điện Biên\"\n+++\nChào.\n",
        ),
        ("content/tuan-giao.md", &format!("{FRONT}{body}")),
    ] {
        let path = dir.path().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

/// Runs `chiso <command> --lang <lang> --root <root>`; returns (success, stderr).
fn run(root: &Path, command: &str, lang: &str) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args([command, "--lang", lang, "--root"])
        .arg(root)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A message without what it quotes between backticks (file names, codes, what the editor
/// wrote), which is the same in either language.
fn prose(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// Words that only an English sentence has.
const ENGLISH: &[&str] = &[
    "error",
    "the ",
    " is ",
    "not ",
    "needs",
    "takes",
    "shortcode",
    "write",
    "missing",
    "never",
    "closed",
    "quote",
    "Did you",
    "one of",
    "kind",
    "nothing",
    "figure",
];

/// The line of `report` that names `place`.
fn line_at<'a>(report: &'a str, place: &str) -> &'a str {
    report
        .lines()
        .find(|l| l.starts_with(place))
        .unwrap_or_else(|| panic!("no message at {place}:\n{report}"))
}

#[test]
fn a_broken_shortcode_is_worded_wholly_in_english_or_wholly_in_vietnamese_with_its_file_and_line() {
    let body = [
        "Thuê bao: {{ vlaue(indicator=\"mobile_subscribers\", period=\"2024\") }}.",
        "{{ value(indicator=\"mobile_subscribers\") }}",
        "{{ value(indicator=mobile_subscribers, period=\"2024\") }}",
        "{{ value(indicator=\"mobile_subscribers\", period=\"2024\", year=\"2024\") }}",
        "{{ chart(kind=\"growth\", indicator=\"mobile_subscribers\") }}",
        "{{ chart(indicator=\"mobile_subscribers\") }}",
        "{{ value }}",
        "{{ value(indicator=\"mobile_subscribers\", period=\"2030\") }}",
        "{{ change(indicator=\"coverage_pct\", period=\"2024\") }}",
        "{{ value(indicator=\"mobile_subscribers\", period=\"2024\"",
    ]
    .join("\n\n");
    let dir = project(&body);
    // Body lines 1, 3, 5 … are lines 4, 6, 8 … of the file.
    let places: Vec<String> = (0..10)
        .map(|k| format!("content/tuan-giao.md:{}:", 4 + 2 * k))
        .collect();

    let (ok, en) = run(dir.path(), "check", "en");
    assert!(!ok, "{en}");
    for place in &places {
        let line = prose(line_at(&en, place));
        assert!(
            line.chars().all(|c| c.is_ascii() || !c.is_alphabetic()),
            "Vietnamese in an English message: {line}"
        );
    }
    assert!(en.contains("Did you mean `value`?"), "{en}");

    let (ok, vi) = run(dir.path(), "check", "vi");
    assert!(!ok, "{vi}");
    for place in &places {
        let line = prose(line_at(&vi, place));
        for word in ENGLISH {
            assert!(
                !line.contains(word),
                "English {word:?} in a Vietnamese message: {line}"
            );
        }
    }
    assert!(vi.contains("Có phải ý bạn là `value`?"), "{vi}");
}

#[test]
fn a_narrative_chart_with_nothing_to_draw_is_refused_with_its_file_and_line() {
    // Huyện Điện Biên has no coverage figure at all: the first chart has no line to draw, the
    // second (the unit with its subunits, which it has none of) no bar.
    let body = "Đoạn mở đầu.\n\n{{ chart(kind=\"trend\", indicator=\"coverage_pct\", unit=\"huyen-dien-bien\") }}\n\n{{ chart(kind=\"compare\", indicator=\"coverage_pct\", unit=\"huyen-dien-bien\") }}\n";
    let dir = project(body);
    let site = dir.path().join("site");
    let (ok, en) = run(dir.path(), "build", "en");
    assert!(!ok, "the build should fail:\n{en}");
    assert!(!site.exists(), "no site is written");
    let trend = line_at(&en, "content/tuan-giao.md:6:");
    assert!(
        trend.contains("error: the chart `trend` has nothing to draw")
            && trend.contains("`coverage_pct`")
            && trend.contains("`huyen-dien-bien`"),
        "{en}"
    );
    let compare = line_at(&en, "content/tuan-giao.md:8:");
    assert!(
        compare.contains("the chart `compare` has nothing to draw"),
        "{en}"
    );
    let (_, vi) = run(dir.path(), "check", "vi");
    assert!(
        line_at(&vi, "content/tuan-giao.md:6:").contains("lỗi: biểu đồ `trend` không có gì để vẽ"),
        "{vi}"
    );

    // The same charts with figures to draw are drawn, and the unit pages that draw their own
    // charts where they have figures (and leave them out where they have none) still build.
    let drawable = "Đoạn mở đầu.\n\n{{ chart(kind=\"trend\", indicator=\"coverage_pct\") }}\n\n{{ chart(kind=\"compare\", indicator=\"mobile_subscribers\", unit=\"dien-bien\") }}\n";
    fs::write(
        dir.path().join("content/tuan-giao.md"),
        format!("{FRONT}{drawable}"),
    )
    .unwrap();
    let (ok, text) = run(dir.path(), "build", "en");
    assert!(ok, "{text}");
    let page = fs::read_to_string(site.join("tuan-giao/index.html")).unwrap();
    assert!(
        page.contains("id=\"fig-nc0\"") && page.contains("id=\"fig-nc1\""),
        "{page}"
    );
}

#[test]
fn an_unknown_chart_kind_suggests_the_closest_kind() {
    let dir =
        project("Đoạn mở đầu.\n\n{{ chart(kind=\"trnd\", indicator=\"mobile_subscribers\") }}\n");
    let (ok, en) = run(dir.path(), "check", "en");
    assert!(!ok, "{en}");
    let line = line_at(&en, "content/tuan-giao.md:6:");
    assert!(
        line.contains("there is no chart of kind `trnd`")
            && line.contains("`growth`, `trend`, `coverage`, `compare`, `bullet`")
            && line.ends_with("Did you mean `trend`?"),
        "{en}"
    );
    let (_, vi) = run(dir.path(), "check", "vi");
    assert!(
        line_at(&vi, "content/tuan-giao.md:6:").ends_with("Có phải ý bạn là `trend`?"),
        "{vi}"
    );
}
