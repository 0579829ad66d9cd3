//! Plans in words: a narrative's `{{ progress(…) }}` and bullet chart quote the plan of
//! `plan="…"` or, without it, the current plan; an unknown plan id is refused by `chiso check`
//! with its file, line and the closest id, in either language; the methodology page names the
//! project's plans and explains `missed`.

use crate::common::{Project, TWO_PLANS};

/// `internet_pct` of the province: targets 40 … 60 for 2021–2025 and 64 … 80 for 2026–2030;
/// 30 in 2020, 58 in 2025 (short of 60: missed), 66 in 2026 (the current plan, 2026–2030).
const PROVINCE: &str = "\
internet_pct,2021,target,40
internet_pct,2022,target,45
internet_pct,2023,target,50
internet_pct,2024,target,55
internet_pct,2025,target,60
internet_pct,2026,target,64
internet_pct,2027,target,68
internet_pct,2028,target,72
internet_pct,2029,target,76
internet_pct,2030,target,80
internet_pct,2020,actual,30
internet_pct,2025,actual,58
internet_pct,2026,actual,66
";

/// The home page's narrative: its body starts on line 4 of `content/_index.md`.
const FRONT: &str = "+++\ntitle = \"Tỉnh Thử Nghiệm\"\n+++\n";

fn project(body: &str) -> Project {
    let p = Project::province_with_two_districts();
    p.write("chiso.toml", TWO_PLANS);
    p.values("tinh", PROVINCE);
    p.write("content/_index.md", &format!("{FRONT}{body}"));
    p
}

/// The home page's paragraph that holds `marker`, with its non-breaking spaces as spaces.
fn paragraph(html: &str, marker: &str) -> String {
    let at = html
        .find(marker)
        .unwrap_or_else(|| panic!("no {marker:?} in the page:\n{html}"));
    let start = html[..at].rfind("<p>").unwrap_or(at);
    let end = html[at..].find("</p>").map_or(html.len(), |e| at + e);
    html[start..end].replace('\u{a0}', " ")
}

#[test]
fn progress_with_a_plan_quotes_that_plans_status_and_without_one_the_current_plans() {
    let project = project(
        "Kết quả kế hoạch cũ: {{ progress(indicator=\"internet_pct\", plan=\"2021-2025\") }}.\n\n\
         Kế hoạch hiện tại: {{ progress(indicator=\"internet_pct\") }}.\n\n\
         Nói rõ kế hoạch mới: {{ progress(indicator=\"internet_pct\", plan=\"2026-2030\") }}.\n",
    );
    let site = project.build();
    let home = site.read("index.html");
    // 2021–2025: the 2025 figure 58 against 60 → missed, at 58 ÷ 60 = 96.7 %.
    assert_eq!(
        paragraph(&home, "Kết quả kế hoạch cũ"),
        "<p>Kết quả kế hoạch cũ: Không đạt, bằng 96,7 % mục tiêu năm 2025 (60,0 %)."
    );
    // The current plan is 2026–2030 (the latest actual is of 2026): 66 against the 2030 target
    // of 80 → 82.5 %, on track (expected 64 in 2026).
    let current = "Đúng tiến độ, bằng 82,5 % mục tiêu năm 2030 (80,0 %).";
    assert_eq!(
        paragraph(&home, "Kế hoạch hiện tại"),
        format!("<p>Kế hoạch hiện tại: {current}")
    );
    assert_eq!(
        paragraph(&home, "Nói rõ kế hoạch mới"),
        format!("<p>Nói rõ kế hoạch mới: {current}")
    );
}

#[test]
fn a_bullet_chart_takes_a_plan_too() {
    let project = project(
        "{{ chart(kind=\"bullet\", indicator=\"internet_pct\", plan=\"2021-2025\") }}\n\n\
         {{ chart(kind=\"bullet\", indicator=\"internet_pct\") }}\n",
    );
    let site = project.build();
    let home = site.read("index.html");
    // The first bullet speaks of the 2025 target and says missed; the second of 2030.
    let first = home.find("(2025)").expect("the 2021–2025 bullet");
    let second = home.find("(2030)").expect("the 2026–2030 bullet");
    assert!(first < second, "{home}");
    assert!(home[first..second].contains("Không đạt"), "{home}");
}

#[test]
fn an_unknown_plan_id_is_refused_with_file_line_and_the_closest_id_in_both_languages() {
    let project = project(
        "Đoạn đầu.\n\nKết quả: {{ progress(indicator=\"internet_pct\", plan=\"2021-2026\") }}.\n",
    );
    let vi = project.check_fails(Some("vi"));
    let line = vi
        .lines()
        .find(|l| l.contains("content/_index.md:6:"))
        .unwrap_or_else(|| panic!("no message at content/_index.md:6:\n{vi}"));
    assert!(line.contains("không có kế hoạch `2021-2026`"), "{line}");
    assert!(
        line.contains("`2021-2025` (2021–2025), `2026-2030` (2026–2030)"),
        "{line}"
    );
    assert!(line.ends_with("Có phải ý bạn là `2021-2025`?"), "{line}");

    let en = project.check_fails(Some("en"));
    let line = en
        .lines()
        .find(|l| l.contains("content/_index.md:6:"))
        .unwrap_or_else(|| panic!("no message at content/_index.md:6:\n{en}"));
    assert!(
        line.contains("there is no plan `2021-2026` in chiso.toml"),
        "{line}"
    );
    assert!(line.ends_with("Did you mean `2021-2025`?"), "{line}");
}

#[test]
fn a_shortcode_that_measures_no_target_takes_no_plan() {
    let project =
        project("{{ value(indicator=\"internet_pct\", period=\"2025\", plan=\"2021-2025\") }}\n");
    let en = project.check_fails(Some("en"));
    assert!(en.contains("`value` takes no `plan`"), "{en}");
}

#[test]
fn the_methodology_page_names_the_plans_and_explains_missed_in_both_languages() {
    let project = project("Chào.\n");
    let site = project.build();
    let vi = site.read("methodology/index.html");
    for words in [
        "Kế hoạch 4638/KH-UBND giai đoạn 2021–2025",
        "từ năm 2021 đến năm 2025",
        "Kế hoạch giai đoạn 2026–2030",
        "từ năm 2026 đến năm 2030",
        "kế hoạch hiện tại",
        "Không đạt",
        "chính năm cuối của kế hoạch",
        "số năm 2020 với kế hoạch 2021–2025",
        "không có kết quả",
    ] {
        assert!(vi.contains(words), "no {words:?} in the methodology:\n{vi}");
    }
    let en = site.read("en/methodology/index.html");
    for words in [
        "Plan 4638/KH-UBND, 2021–2025",
        "from 2021 to 2025",
        "Plan 2026–2030",
        "the current plan",
        "Missed",
        "the plan's final year itself",
        "the 2020 figure for a 2021–2025 plan",
        "has no result",
    ] {
        assert!(en.contains(words), "no {words:?} in the methodology:\n{en}");
    }
    // The current plan is marked as such: the 2026–2030 one.
    let current = vi.find("— <strong>kế hoạch hiện tại</strong>").unwrap();
    assert!(vi[..current].rfind("2026–2030") > vi[..current].rfind("2021–2025"));
}
