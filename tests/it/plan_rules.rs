//! Plans with their own periods, as the data contract's "Plans" defines them: `[[plans]]` in
//! `chiso.toml`, the plan a target year belongs to, inheritance per plan, the baseline and the
//! latest of a plan, the status `missed`, which units have a row for a plan, the current plan,
//! and the half-year report's plan columns.
//!
//! Every test builds a small project with the real binary and reads the published
//! `data/progress.csv` (whose last column is `plan`), a report, a page, or what `chiso check`
//! prints. Expected numbers are worked out by hand in the comments.

use crate::common::{self, warnings_about, Csv, Project, Row, Site, REFORM, TWO_PLANS};

/// The province's yearly targets for `internet_pct` in both plans: 40, 45, 50, 55, 60 for
/// 2021–2025 and 64, 68, 72, 76, 80 for 2026–2030.
const PROVINCE_TARGETS: &str = "\
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
";

fn project(units: &str) -> Project {
    let p = Project::with_lives(units);
    p.write("chiso.toml", TWO_PLANS);
    p
}

/// The progress row of (unit, indicator, plan), which must exist.
fn row(site: &Site, unit: &str, indicator: &str, plan: &str) -> Row {
    find(site, unit, indicator, plan).unwrap_or_else(|| {
        panic!(
            "no progress row for {unit} {indicator} {plan}:\n{}",
            site.read("data/progress.csv")
        )
    })
}

fn find(site: &Site, unit: &str, indicator: &str, plan: &str) -> Option<Row> {
    site.progress()
        .find(&[("unit", unit), ("indicator", indicator), ("plan", plan)])
}

fn assert_row(row: &Row, expected: &[(&str, &str)]) {
    for (col, value) in expected {
        assert_eq!(row.get(col), *value, "column `{col}` of {row:?}");
    }
}

#[test]
fn progress_csv_has_one_row_per_unit_indicator_and_plan_with_plan_last() {
    let project = project(REFORM);
    project.values("tinh", PROVINCE_TARGETS).values(
        "tinh",
        &format!("{PROVINCE_TARGETS}internet_pct,2024,actual,50"),
    );
    let site = project.build();
    let csv = site.progress();
    assert_eq!(csv.header.last().map(String::as_str), Some("plan"));
    assert_eq!(
        &csv.header[..12],
        [
            "unit",
            "indicator",
            "baseline_period",
            "baseline_value",
            "latest_period",
            "latest_value",
            "target_year",
            "target_value",
            "target_unit",
            "achievement_pct",
            "progress_pct",
            "status"
        ]
    );
    let plans: Vec<&str> = csv
        .filter(&[("unit", "01"), ("indicator", "internet_pct")])
        .iter()
        .map(|r| r.get("plan"))
        .collect();
    assert_eq!(plans, ["2021-2025", "2026-2030"]);
    // Each plan's final target is its own final year's.
    assert_row(
        &row(&site, "01", "internet_pct", "2021-2025"),
        &[("target_year", "2025"), ("target_value", "60.0")],
    );
    assert_row(
        &row(&site, "01", "internet_pct", "2026-2030"),
        &[("target_year", "2030"), ("target_value", "80.0")],
    );
}

#[test]
fn the_baseline_is_the_last_actual_before_the_plan_and_the_latest_the_last_within_it() {
    let project = project(REFORM);
    project.values(
        "tinh",
        &format!(
            "{PROVINCE_TARGETS}internet_pct,2019,actual,30
             internet_pct,2020,actual,35
             internet_pct,2021-H1,actual,38
             internet_pct,2022,actual,45
             internet_pct,2025,actual,62
             internet_pct,2026-H1,actual,64
             internet_pct,2027,actual,70"
        ),
    );
    let site = project.build();
    // 2021–2025: baseline 2020 (the last at or before the end of 2020, not the earliest, 2019);
    // latest 2025 (2026-H1 and 2027 lie after the plan). 62 ≥ 60 → achieved;
    // achievement 100 × 62 ÷ 60 = 103.3; progress 100 × (62 − 35) ÷ (60 − 35) = 108.0.
    assert_row(
        &row(&site, "01", "internet_pct", "2021-2025"),
        &[
            ("baseline_period", "2020"),
            ("baseline_value", "35.0"),
            ("latest_period", "2025"),
            ("latest_value", "62.0"),
            ("achievement_pct", "103.3"),
            ("progress_pct", "108.0"),
            ("status", "achieved"),
        ],
    );
    // 2026–2030: baseline 2025 62; latest 2027 70; target 2030 80. achievement 87.5;
    // progress 100 × (70 − 62) ÷ (80 − 62) = 44.4; expected in 2027 on the path (2025, 62) →
    // (2026, 64) → (2027, 68): 68 ≤ 70 → on_track.
    assert_row(
        &row(&site, "01", "internet_pct", "2026-2030"),
        &[
            ("baseline_period", "2025"),
            ("baseline_value", "62.0"),
            ("latest_period", "2027"),
            ("latest_value", "70.0"),
            ("target_year", "2030"),
            ("achievement_pct", "87.5"),
            ("progress_pct", "44.4"),
            ("status", "on_track"),
        ],
    );
}

#[test]
fn without_an_actual_before_the_plan_the_baseline_is_the_earliest_within_it() {
    let project = project(REFORM);
    project.values(
        "tinh",
        &format!(
            "{PROVINCE_TARGETS}internet_pct,2022-H1,actual,42
             internet_pct,2023,actual,48
             internet_pct,2024,actual,56"
        ),
    );
    let site = project.build();
    // Nothing at or before 2020: baseline 2022-H1 (42), the earliest within; latest 2024 56;
    // progress 100 × (56 − 42) ÷ (60 − 42) = 77.8; expected in 2024 = the 2024 target 55 ≤ 56
    // → on_track.
    assert_row(
        &row(&site, "01", "internet_pct", "2021-2025"),
        &[
            ("baseline_period", "2022-H1"),
            ("baseline_value", "42.0"),
            ("latest_period", "2024"),
            ("progress_pct", "77.8"),
            ("status", "on_track"),
        ],
    );
    // Nothing within 2026–2030 yet: no_data, with the 2024 figure as its baseline.
    assert_row(
        &row(&site, "01", "internet_pct", "2026-2030"),
        &[
            ("baseline_period", "2024"),
            ("latest_period", ""),
            ("latest_value", ""),
            ("achievement_pct", ""),
            ("status", "no_data"),
        ],
    );
}

#[test]
fn a_final_year_figure_short_of_the_target_is_missed_a_first_half_one_is_not() {
    let project = Project::province_with_two_districts();
    project.write("chiso.toml", TWO_PLANS);
    project
        .values("tinh", PROVINCE_TARGETS)
        // An Bình: the whole of 2025, 58 < 60 → missed (not off_track).
        .values(
            "huyen-a",
            "internet_pct,2020,actual,35\ninternet_pct,2025,actual,58",
        )
        // Bình Minh: only the first half of 2025, 58 < 60, expected at 2024.5 = 57.5 ≤ 58
        // → on_track: the year is not over.
        .values(
            "huyen-b",
            "internet_pct,2020,actual,35\ninternet_pct,2025-H1,actual,58",
        );
    let site = project.build();
    assert_row(
        &row(&site, "001", "internet_pct", "2021-2025"),
        &[
            ("latest_period", "2025"),
            ("achievement_pct", "96.7"),
            ("status", "missed"),
        ],
    );
    assert_row(
        &row(&site, "002", "internet_pct", "2021-2025"),
        &[("latest_period", "2025-H1"), ("status", "on_track")],
    );
}

#[test]
fn a_unit_without_targets_of_its_own_in_a_plan_inherits_that_plans_targets() {
    let project = Project::province_with_two_districts();
    project.write("chiso.toml", TWO_PLANS);
    project
        .values("tinh", PROVINCE_TARGETS)
        // An Bình has its own 2021–2025 targets only.
        .values(
            "huyen-a",
            "internet_pct,2023,target,52
             internet_pct,2025,target,65
             internet_pct,2024,actual,58
             internet_pct,2026,actual,66",
        );
    let site = project.build();
    // 2021–2025: its own (65, from An Bình). 2026–2030: the province's (80).
    assert_row(
        &row(&site, "001", "internet_pct", "2021-2025"),
        &[
            ("target_unit", "001"),
            ("target_value", "65.0"),
            ("latest_period", "2024"),
        ],
    );
    assert_row(
        &row(&site, "001", "internet_pct", "2026-2030"),
        &[
            ("target_unit", "01"),
            ("target_value", "80.0"),
            ("baseline_period", "2024"),
            ("latest_period", "2026"),
        ],
    );
}

#[test]
fn a_unit_that_ended_during_a_plan_has_its_result_as_of_its_last_period_and_no_later_plan() {
    let project = project(REFORM);
    project.values("tinh", PROVINCE_TARGETS).values(
        "huyen-a",
        // Own targets for the next plan too: a plan may set them for a unit that then ends.
        "internet_pct,2020,actual,36
         internet_pct,2025-H1,actual,59
         internet_pct,2030,target,90",
    );
    let site = project.build();
    // 2021–2025, inherited: latest 2025-H1 59 (its last period); expected at 2024.5 on
    // (2024, 55) → (2025, 60): 57.5 ≤ 59 → on_track, not missed (no whole-year 2025 figure).
    assert_row(
        &row(&site, "001", "internet_pct", "2021-2025"),
        &[
            ("target_unit", "01"),
            ("baseline_period", "2020"),
            ("latest_period", "2025-H1"),
            ("status", "on_track"),
        ],
    );
    // It was in force at no period of 2026–2030: no row, despite its own 2030 target.
    assert!(find(&site, "001", "internet_pct", "2026-2030").is_none());
    // Bình Minh, with no figures at all, still has its 2021–2025 row (no_data), and none for
    // 2026–2030.
    assert_row(
        &row(&site, "002", "internet_pct", "2021-2025"),
        &[("status", "no_data")],
    );
    assert!(find(&site, "002", "internet_pct", "2026-2030").is_none());
}

#[test]
fn a_unit_formed_during_a_plan_has_a_row_for_it_and_for_the_next() {
    let project = project(REFORM);
    project.values("tinh", PROVINCE_TARGETS).values(
        "xa-c",
        "internet_pct,2025,actual,57
         internet_pct,2026,actual,65",
    );
    let site = project.build();
    // Cao Sơn exists from 2025: it lived through part of 2021–2025. Its earliest figure within
    // is its baseline and, 2025 being the final year and 57 < 60, it missed.
    assert_row(
        &row(&site, "00010", "internet_pct", "2021-2025"),
        &[
            ("baseline_period", "2025"),
            ("latest_period", "2025"),
            ("status", "missed"),
        ],
    );
    // 2026–2030: baseline 2025 57, latest 2026 65 ≥ the 2026 target 64 → on_track;
    // progress 100 × (65 − 57) ÷ (80 − 57) = 34.8.
    assert_row(
        &row(&site, "00010", "internet_pct", "2026-2030"),
        &[
            ("baseline_period", "2025"),
            ("latest_period", "2026"),
            ("progress_pct", "34.8"),
            ("status", "on_track"),
        ],
    );
}

#[test]
fn a_unit_that_ended_before_a_plan_began_has_no_row_for_it() {
    let project = project(
        "01,tinh,Tỉnh Thử Nghiệm,Test Province,province,,,,
001,huyen-a,Huyện An Bình,An Binh District,district,01,,2020,
",
    );
    project.values("tinh", PROVINCE_TARGETS).values(
        "huyen-a",
        "internet_pct,2020,actual,30
         internet_pct,2025,target,70",
    );
    let site = project.build();
    // Ended with 2020: in force at no period of 2021–2025 or 2026–2030, whatever its targets.
    assert!(find(&site, "001", "internet_pct", "2021-2025").is_none());
    assert!(find(&site, "001", "internet_pct", "2026-2030").is_none());
    assert!(find(&site, "01", "internet_pct", "2021-2025").is_some());
}

#[test]
fn pages_measure_against_the_current_plan_the_last_begun_by_the_latest_actual() {
    // The latest actual is of 2026-H1: the current plan is 2026–2030.
    let project = project(REFORM);
    project.values(
        "tinh",
        &format!("{PROVINCE_TARGETS}internet_pct,2025,actual,62\ninternet_pct,2026-H1,actual,63"),
    );
    let site = project.build();
    let home = site.read("index.html");
    assert!(
        home.contains("Tiến độ thực hiện Kế hoạch giai đoạn 2026–2030"),
        "the home page measures against 2026–2030"
    );
    // The latest actual is of 2025: the current plan is still 2021–2025.
    let project = crate::plan_rules::project(REFORM);
    project.values(
        "tinh",
        &format!("{PROVINCE_TARGETS}internet_pct,2024,actual,50\ninternet_pct,2025,actual,62"),
    );
    let site = project.build();
    let home = site.read("index.html");
    assert!(home.contains("Tiến độ thực hiện Kế hoạch 4638/KH-UBND giai đoạn 2021–2025"));
}

#[test]
fn without_plans_one_plan_spans_the_target_years_and_target_year_ends_it() {
    let project = Project::province_with_two_districts();
    project.values(
        "tinh",
        "internet_pct,2022,target,50
         internet_pct,2024,target,70
         internet_pct,2021,actual,40",
    );
    let site = project.build();
    assert_row(
        &row(&site, "01", "internet_pct", "2022-2024"),
        &[("baseline_period", "2021"), ("status", "no_data")],
    );
    project.write("chiso.toml", "target_year = 2025\n");
    let site = project.build();
    assert!(find(&site, "01", "internet_pct", "2022-2025").is_some());
}

#[test]
fn a_target_year_outside_every_plan_is_refused_with_file_and_line() {
    let project = project(REFORM);
    project.values(
        "tinh",
        "internet_pct,2025,target,60
         internet_pct,2031,target,90",
    );
    let vi = project.check_fails(Some("vi"));
    assert!(
        vi.contains("data/values/tinh.csv:3 (cột `period`): lỗi: chỉ tiêu kế hoạch năm 2031 không thuộc kế hoạch nào"),
        "{vi}"
    );
    assert!(vi.contains("2021–2025, 2026–2030"), "{vi}");
    let en = project.check_fails(Some("en"));
    assert!(
        en.contains("data/values/tinh.csv:3 (column `period`): error: the target for 2031 belongs to no plan"),
        "{en}"
    );
    // Without `[[plans]]`, `target_year` ends the one plan: a later target is refused too.
    let project = Project::province_with_two_districts();
    project.write("chiso.toml", "target_year = 2025\n").values(
        "tinh",
        "internet_pct,2025,target,60
         internet_pct,2026,target,65",
    );
    let vi = project.check_fails(Some("vi"));
    assert!(vi.contains("data/values/tinh.csv:3"), "{vi}");
    assert!(vi.contains("nằm ngoài kế hoạch 2025–2025"), "{vi}");
}

#[test]
fn invalid_plans_are_refused_with_the_line_of_their_table() {
    let project = project(REFORM);
    project.write(
        "chiso.toml",
        r#"[[plans]]
id = "KH 2021"
name = "a"
from = 2021
until = 2025

[[plans]]
id = "b"
name = "b"
from = 2025
until = 2030

[[plans]]
id = "b"
name = "c"
from = 2040
until = 2035
"#,
    );
    let out = project.check_fails(Some("en"));
    assert!(
        out.contains("chiso.toml:1 (column `id`): error: the plan id `KH 2021` is not valid"),
        "{out}"
    );
    assert!(out.contains("chiso.toml:7 (column `from`): error: the plan `b` shares years with the plan `KH 2021` (2021–2025)"), "{out}");
    assert!(
        out.contains("chiso.toml:13 (column `id`): error: the plan id `b` is already used"),
        "{out}"
    );
    assert!(
        out.contains(
            "chiso.toml:13 (column `until`): error: the plan `b` has `from = 2040`, `until = 2035`"
        ),
        "{out}"
    );
}

#[test]
fn check_warns_of_a_plan_without_targets_and_of_a_final_year_passed_without_a_figure() {
    let project = project(REFORM);
    // Targets for 2021–2025 only; the latest actual is of 2026, so 2026–2030 is current and
    // has no target at all.
    project.values(
        "tinh",
        "internet_pct,2025,target,60
         internet_pct,2024,actual,50
         internet_pct,2026-H1,actual,63",
    );
    let out = project.check(Some("en"));
    let w = warnings_about(&out, "the plan `2026-2030` (2026–2030) has no target");
    assert_eq!(w.len(), 1, "{out}");

    // Only 2021–2025 declared, and figures of 2026 in: its final year has passed and the
    // province has no whole-year 2025 figure.
    project.write(
        "chiso.toml",
        "[[plans]]\nid = \"2021-2025\"\nname = \"KH\"\nfrom = 2021\nuntil = 2025\n",
    );
    let out = project.check(Some("vi"));
    let w = warnings_about(&out, "kế hoạch `2021-2025` đã hết năm 2025");
    assert_eq!(w.len(), 1, "{out}");
    assert!(w[0].contains("data/values/tinh.csv:2"), "{out}");
    // With the 2025 figure, no warning.
    project.values(
        "tinh",
        "internet_pct,2025,target,60
         internet_pct,2025,actual,61
         internet_pct,2026-H1,actual,63",
    );
    let out = project.check(Some("vi"));
    assert!(warnings_about(&out, "đã hết năm 2025").is_empty(), "{out}");
}

fn report_csv(site: &Site, name: &str) -> Csv {
    common::report_table(site, name)
}

#[test]
fn the_reports_plan_year_and_next_year_come_from_the_plans_that_hold_them() {
    let project = Project::province_with_two_districts();
    project.write("chiso.toml", TWO_PLANS);
    project
        .values("tinh", PROVINCE_TARGETS)
        // An Bình's own 2025 target (2021–2025); for 2026 it inherits the province's 64 (it has
        // no target of its own in 2026–2030).
        .values(
            "huyen-a",
            "internet_pct,2025,target,66
             internet_pct,2025-H1,actual,61
             internet_pct,2025,estimate,63",
        );
    let site = project.build();
    let part_one = report_csv(&site, "huyen-a-2025-H1");
    let r = part_one
        .find(&[("indicator", "internet_pct")])
        .expect("a row");
    assert_eq!(r.get("plan"), "66.0");
    let part_two = report_csv(&site, "huyen-a-2025-H1-plan");
    let r = part_two
        .find(&[("indicator", "internet_pct")])
        .expect("a row");
    assert_eq!(r.get("estimate"), "63.0");
    assert_eq!(r.get("plan_next"), "64.0");
    // The summary: 63 < 66, one indicator, none met.
    let page = site.read("huyen-a/reports/2025-H1/index.html");
    assert!(
        page.contains(
            "Trong số 1 chỉ tiêu chủ yếu của kế hoạch năm 2025, dự kiến có 0 chỉ tiêu đạt"
        ),
        "{page}"
    );
}

#[test]
fn a_report_without_planned_indicators_says_so_in_words() {
    let project = project(REFORM);
    project.values("tinh", PROVINCE_TARGETS).values(
        "xa-c",
        // An estimate for 2026 but no target applies to `subscribers` (a sum never inherits).
        "subscribers,2026-H1,actual,1600
         subscribers,2026,estimate,1700",
    );
    let site = project.build();
    let page = site.read("xa-c/reports/2026-H1/index.html");
    assert!(
        page.contains("Chưa có chỉ tiêu nào có cả kế hoạch và ước thực hiện năm 2026."),
        "{page}"
    );
    assert!(!page.contains("Trong số 0 chỉ tiêu"), "{page}");
    let en = site.read("en/xa-c/reports/2026-H1/index.html");
    assert!(
        en.contains("No indicator has both a plan and an estimate for 2026 yet."),
        "{en}"
    );
}
