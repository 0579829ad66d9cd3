//! Targets and progress, rule by rule, as the data contract defines them
//! (/work/shared/docs/data-contract.md, "Targets and progress"): whose targets apply, ranges,
//! baseline / latest / final target, achievement, progress and status.
//!
//! Every test builds a small project with the real binary and reads the published
//! `data/progress.csv`:
//! `unit,indicator,baseline_period,baseline_value,latest_period,latest_value,target_year,`
//! `target_value,target_unit,achievement_pct,progress_pct,status,plan`.
//! Plans have their own tests (`plan_rules.rs`); most fixtures here declare one plan that
//! holds every figure they write (see `planned`).
//! Expected numbers are worked out by hand in the comments; the time of `YYYY` is YYYY and of
//! `YYYY-H1` is YYYY − 0.5. The indicator catalogue is `common::INDICATORS`.

use crate::common::{Project, Row, Site, DISTRICT_A, DISTRICT_B, PROVINCE};

/// Declares one plan from 2019 to 2025, the years these fixtures' figures and targets span.
/// Without `[[plans]]`, a project whose only target year is 2025 has the plan 2025–2025 (the
/// data contract v2, "Plans"), whose latest figure must be of 2025: these tests are about the
/// rules of progress, so they give a plan that holds every figure they write (the earliest
/// within it is then the baseline, as before v2).
fn planned(project: &Project) {
    project.plan("2019-2025", 2019, 2025);
}

/// The progress row of (unit, indicator), which must exist.
fn progress(site: &Site, unit: &str, indicator: &str) -> Row {
    site.progress_of(unit, indicator).unwrap_or_else(|| {
        panic!(
            "no progress row for {unit} {indicator}:\n{}",
            site.read("data/progress.csv")
        )
    })
}

/// Asserts the cells of a progress row; `expected` lists (column, value) pairs.
fn assert_row(row: &Row, expected: &[(&str, &str)]) {
    for (col, value) in expected {
        assert_eq!(row.get(col), *value, "column `{col}` of {row:?}");
    }
}

/// The status of (unit, indicator).
fn status(site: &Site, unit: &str, indicator: &str) -> String {
    progress(site, unit, indicator).get("status").to_string()
}

// ---------------------------------------------------------------------------------------------
// Whose targets apply.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_unit_with_its_own_target_uses_it() {
    let project = Project::province_with_two_districts();
    planned(&project);
    project
        .values("tinh", "coverage_pct,2025,target,100")
        // An Bình has its own 2025 target of 95 %.
        .values(
            "huyen-a",
            "covered,2022,actual,40
             villages,2022,actual,50
             covered,2024,actual,46
             villages,2024,actual,50
             coverage_pct,2025,target,95",
        )
        .values(
            "huyen-b",
            "covered,2022,actual,30
             villages,2022,actual,60
             covered,2024,actual,45
             villages,2024,actual,60",
        );
    let site = project.build();

    // An Bình: baseline 2022 100 × 40 ÷ 50 = 80.0, latest 2024 100 × 46 ÷ 50 = 92.0, target 95.
    // achievement 100 × 92 ÷ 95 = 96.84… → 96.8; progress 100 × (92 − 80) ÷ (95 − 80) = 80.0;
    // expected in 2024 on the line (2022, 80) → (2025, 95): 80 + 15 × 2 ÷ 3 = 90 ≤ 92 → on_track.
    assert_row(
        &progress(&site, DISTRICT_A, "coverage_pct"),
        &[
            ("baseline_period", "2022"),
            ("baseline_value", "80.0"),
            ("latest_period", "2024"),
            ("latest_value", "92.0"),
            ("target_year", "2025"),
            ("target_value", "95.0"),
            ("target_unit", DISTRICT_A),
            ("achievement_pct", "96.8"),
            ("progress_pct", "80.0"),
            ("status", "on_track"),
        ],
    );
    // Bình Minh has none of its own and takes the province's 100.
    // baseline 100 × 30 ÷ 60 = 50.0, latest 100 × 45 ÷ 60 = 75.0; achievement 75.0;
    // progress 100 × 25 ÷ 50 = 50.0; expected 50 + 50 × 2 ÷ 3 = 83.3 > 75 → off_track.
    assert_row(
        &progress(&site, DISTRICT_B, "coverage_pct"),
        &[
            ("baseline_value", "50.0"),
            ("latest_value", "75.0"),
            ("target_value", "100.0"),
            ("target_unit", PROVINCE),
            ("achievement_pct", "75.0"),
            ("progress_pct", "50.0"),
            ("status", "off_track"),
        ],
    );
    // Province: own target. baseline 100 × 70 ÷ 110 = 63.6, latest 100 × 91 ÷ 110 = 82.7;
    // achievement 82.727… → 82.7; progress 100 × (91/110 − 70/110) ÷ (1 − 70/110) = 100 × 21 ÷ 40
    // = 52.5; expected 63.6 + 36.4 × 2 ÷ 3 = 87.9 > 82.7 → off_track.
    assert_row(
        &progress(&site, PROVINCE, "coverage_pct"),
        &[
            ("baseline_value", "63.6"),
            ("latest_value", "82.7"),
            ("target_unit", PROVINCE),
            ("achievement_pct", "82.7"),
            ("progress_pct", "52.5"),
            ("status", "off_track"),
        ],
    );
}

/// Province 01 → districts 001, 002 → communes 00001 (under 001) and 00002 (under 002).
const THREE_LEVELS: &str = "\
01,tinh,Tỉnh Thử Nghiệm,Test Province,province,
001,huyen-a,Huyện An Bình,An Binh District,district,01
002,huyen-b,Huyện Bình Minh,Binh Minh District,district,01
00001,xa-a1,Xã An Phú,An Phu Commune,commune,001
00002,xa-b1,Xã Bình Yên,Binh Yen Commune,commune,002
";

#[test]
fn none_and_derived_indicators_inherit_the_nearest_ancestors_targets() {
    let project = Project::new(THREE_LEVELS);
    planned(&project);
    project
        .values(
            "tinh",
            "internet_pct,2025,target,90
             coverage_pct,2025,target,100",
        )
        .values("huyen-a", "internet_pct,2025,target,80")
        .values(
            "xa-a1",
            "internet_pct,2023,actual,50
             internet_pct,2024,actual,60
             covered,2024,actual,9
             villages,2024,actual,10",
        )
        .values(
            "xa-b1",
            "internet_pct,2023,actual,40
             internet_pct,2024,actual,45",
        );
    let site = project.build();

    // internet_pct (aggregate none):
    // Xã An Phú: nearest ancestor with a target is its district 001 (80), not the province (90).
    // achievement 100 × 60 ÷ 80 = 75.0; progress 100 × 10 ÷ 30 = 33.3;
    // expected 50 + 30 × 1 ÷ 2 = 65 > 60 → off_track.
    assert_row(
        &progress(&site, "00001", "internet_pct"),
        &[
            ("baseline_period", "2023"),
            ("latest_period", "2024"),
            ("target_year", "2025"),
            ("target_value", "80.0"),
            ("target_unit", "001"),
            ("achievement_pct", "75.0"),
            ("progress_pct", "33.3"),
            ("status", "off_track"),
        ],
    );
    // Xã Bình Yên: district 002 has no target → the province's 90.
    // achievement 100 × 45 ÷ 90 = 50.0; progress 100 × 5 ÷ 50 = 10.0.
    assert_row(
        &progress(&site, "00002", "internet_pct"),
        &[
            ("target_value", "90.0"),
            ("target_unit", PROVINCE),
            ("achievement_pct", "50.0"),
            ("progress_pct", "10.0"),
            ("status", "off_track"),
        ],
    );
    // District 002 inherits too; it has no figure of its own (internet_pct is never summed).
    assert_row(
        &progress(&site, DISTRICT_B, "internet_pct"),
        &[
            ("target_unit", PROVINCE),
            ("target_value", "90.0"),
            ("latest_value", ""),
            ("status", "no_data"),
        ],
    );
    assert_row(
        &progress(&site, DISTRICT_A, "internet_pct"),
        &[("target_unit", DISTRICT_A)],
    );
    assert_row(
        &progress(&site, PROVINCE, "internet_pct"),
        &[("target_unit", PROVINCE)],
    );

    // coverage_pct (derived): Xã An Phú takes the province's 100 (district 001 has none).
    // latest = baseline = 100 × 9 ÷ 10 = 90.0; achievement 90.0.
    assert_row(
        &progress(&site, "00001", "coverage_pct"),
        &[
            ("target_unit", PROVINCE),
            ("target_value", "100.0"),
            ("latest_value", "90.0"),
            ("achievement_pct", "90.0"),
        ],
    );

    // Inherited targets are not repeated in values.csv: the only target rows are the three
    // that were entered.
    let values = site.values();
    let mut targets: Vec<(String, String, String)> = values
        .filter(&[("kind", "target")])
        .iter()
        .map(|r| {
            (
                r.get("unit").into(),
                r.get("indicator").into(),
                r.get("origin").into(),
            )
        })
        .collect();
    targets.sort();
    let s = |a: &str, b: &str| (a.to_string(), b.to_string(), "entered".to_string());
    assert_eq!(
        targets,
        vec![
            s("001", "internet_pct"),
            s("01", "coverage_pct"),
            s("01", "internet_pct"),
        ]
    );
}

#[test]
fn a_sum_indicator_never_inherits_targets() {
    let project = Project::province_with_two_districts();
    planned(&project);
    project
        .values("tinh", "subscribers,2025,target,5000")
        .values(
            "huyen-a",
            "subscribers,2023,actual,1000
             subscribers,2024,actual,1200",
        )
        .values(
            "huyen-b",
            "subscribers,2023,actual,2000
             subscribers,2024,actual,2400",
        );
    let site = project.build();

    // The province's 5000 subscriptions are not each district's goal.
    assert!(site.progress_of(DISTRICT_A, "subscribers").is_none());
    assert!(site.progress_of(DISTRICT_B, "subscribers").is_none());
    // The province measures its sums against its own target: baseline 2023 1000 + 2000 = 3000,
    // latest 2024 1200 + 2400 = 3600; achievement 100 × 3600 ÷ 5000 = 72.0;
    // progress 100 × 600 ÷ 2000 = 30.0; expected 3000 + 2000 × 1 ÷ 2 = 4000 > 3600 → off_track.
    assert_row(
        &progress(&site, PROVINCE, "subscribers"),
        &[
            ("baseline_period", "2023"),
            ("baseline_value", "3000"),
            ("latest_period", "2024"),
            ("latest_value", "3600"),
            ("target_year", "2025"),
            ("target_value", "5000"),
            ("target_unit", PROVINCE),
            ("achievement_pct", "72.0"),
            ("progress_pct", "30.0"),
            ("status", "off_track"),
        ],
    );
}

#[test]
fn targets_are_never_summed_or_derived() {
    let project = Project::province_with_two_districts();
    project
        .values(
            "huyen-a",
            "subscribers,2024,actual,1200
             subscribers,2025,target,1500
             covered,2024,actual,40
             villages,2024,actual,50
             covered,2025,target,50
             villages,2025,target,50",
        )
        .values(
            "huyen-b",
            "subscribers,2024,actual,3400
             subscribers,2025,target,2500",
        );
    let site = project.build();

    // The actuals are summed: 1200 + 3400 = 4600 …
    site.assert_value(PROVINCE, "subscribers", "2024", "actual", "4600");
    // … the targets are not: no 1500 + 2500 = 4000 for the province.
    site.assert_no_figure(PROVINCE, "subscribers", "2025", "target");
    assert!(site.progress_of(PROVINCE, "subscribers").is_none());
    // No coverage target is derived from the counts (100 × 50 ÷ 50 = 100).
    site.assert_no_figure(DISTRICT_A, "coverage_pct", "2025", "target");
    assert!(site.progress_of(DISTRICT_A, "coverage_pct").is_none());
    // Every target row in values.csv was entered.
    let values = site.values();
    let targets = values.filter(&[("kind", "target")]);
    assert_eq!(targets.len(), 4, "{targets:?}");
    assert!(
        targets.iter().all(|r| r.get("origin") == "entered"),
        "{targets:?}"
    );
}

// ---------------------------------------------------------------------------------------------
// Target ranges.
// ---------------------------------------------------------------------------------------------

#[test]
fn a_target_range_is_measured_against_its_lower_bound() {
    let project = Project::province_with_two_districts();
    planned(&project);
    // egov_pct has 0 decimals.
    project.values(
        "huyen-a",
        "egov_pct,2022,actual,50
         egov_pct,2024,actual,64
         egov_pct,2025,target,70..100",
    );
    let site = project.build();

    // values.csv shows the lower bound.
    site.assert_value(DISTRICT_A, "egov_pct", "2025", "target", "70");
    // The unit's own file shows the range in full.
    let own = site.unit_csv("huyen-a");
    let row = own
        .find(&[
            ("indicator", "egov_pct"),
            ("period", "2025"),
            ("kind", "target"),
        ])
        .expect("the target row in data/huyen-a.csv");
    assert_eq!((row.get("value"), row.get("value_max")), ("70", "100"));
    // Progress against 70: achievement 100 × 64 ÷ 70 = 91.43 → 91.4;
    // progress 100 × (64 − 50) ÷ (70 − 50) = 70.0;
    // expected in 2024 on (2022, 50) → (2025, 70): 50 + 20 × 2 ÷ 3 = 63.3 ≤ 64 → on_track
    // (against 100 it would be 50 + 50 × 2 ÷ 3 = 83.3 → off_track).
    assert_row(
        &progress(&site, DISTRICT_A, "egov_pct"),
        &[
            ("target_value", "70"),
            ("achievement_pct", "91.4"),
            ("progress_pct", "70.0"),
            ("status", "on_track"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Baseline, latest and final target.
// ---------------------------------------------------------------------------------------------

#[test]
fn baseline_is_the_earliest_actual_latest_the_most_recent_and_estimates_do_not_count() {
    let project = Project::province_with_two_districts();
    project.values(
        "huyen-a",
        // The 2025 target is written first: the final target is the latest YEAR's, not the
        // last row's. The 2020 target is older than the baseline and off the path.
        "internet_pct,2025,target,70
         internet_pct,2024,target,55
         internet_pct,2020,target,35
         internet_pct,2020,estimate,30
         internet_pct,2021,actual,40
         internet_pct,2022-H1,actual,45
         internet_pct,2023,actual,52
         internet_pct,2024,estimate,60",
    );
    let site = project.build();

    // baseline 2021 40 (the 2020 estimate is earlier but not an actual);
    // latest 2023 52 (the 2024 estimate is later but not an actual);
    // final target 2025: 70. achievement 100 × 52 ÷ 70 = 74.29 → 74.3;
    // progress 100 × (52 − 40) ÷ (70 − 40) = 40.0;
    // path (2021, 40) → (2024, 55) → (2025, 70): expected in 2023 = 40 + 15 × 2 ÷ 3 = 50 ≤ 52
    // → on_track.
    assert_row(
        &progress(&site, DISTRICT_A, "internet_pct"),
        &[
            ("baseline_period", "2021"),
            ("baseline_value", "40.0"),
            ("latest_period", "2023"),
            ("latest_value", "52.0"),
            ("target_year", "2025"),
            ("target_value", "70.0"),
            ("target_unit", DISTRICT_A),
            ("achievement_pct", "74.3"),
            ("progress_pct", "40.0"),
            ("status", "on_track"),
        ],
    );
}

#[test]
fn a_flow_indicator_counts_only_whole_year_actuals() {
    let project = Project::province_with_two_districts();
    planned(&project);
    project.values(
        "huyen-a",
        // revenue is a flow: six months of revenue is not comparable with a year's target.
        // subscribers is a stock with the same figures: there the half-years count.
        "revenue,2021-H1,actual,450
         revenue,2022,actual,1000
         revenue,2023,actual,1200
         revenue,2024-H1,actual,700
         revenue,2025,target,1500
         subscribers,2021-H1,actual,450
         subscribers,2022,actual,1000
         subscribers,2023,actual,1200
         subscribers,2024-H1,actual,700
         subscribers,2025,target,1500",
    );
    let site = project.build();

    // revenue: baseline 2022 1000, latest 2023 1200; achievement 100 × 1200 ÷ 1500 = 80.0;
    // progress 100 × 200 ÷ 500 = 40.0; expected 1000 + 500 × 1 ÷ 3 = 1166.7 ≤ 1200 → on_track.
    assert_row(
        &progress(&site, DISTRICT_A, "revenue"),
        &[
            ("baseline_period", "2022"),
            ("baseline_value", "1000"),
            ("latest_period", "2023"),
            ("latest_value", "1200"),
            ("achievement_pct", "80.0"),
            ("progress_pct", "40.0"),
            ("status", "on_track"),
        ],
    );
    // subscribers: baseline 2021-H1 450 (time 2020.5), latest 2024-H1 700 (time 2023.5);
    // achievement 100 × 700 ÷ 1500 = 46.67 → 46.7; progress 100 × 250 ÷ 1050 = 23.81 → 23.8;
    // expected 450 + 1050 × 3 ÷ 4.5 = 1150 > 700 → off_track.
    assert_row(
        &progress(&site, DISTRICT_A, "subscribers"),
        &[
            ("baseline_period", "2021-H1"),
            ("baseline_value", "450"),
            ("latest_period", "2024-H1"),
            ("latest_value", "700"),
            ("achievement_pct", "46.7"),
            ("progress_pct", "23.8"),
            ("status", "off_track"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Achievement and progress.
// ---------------------------------------------------------------------------------------------

#[test]
fn achievement_is_empty_when_the_target_is_zero() {
    let project = Project::province_with_two_districts();
    planned(&project);
    // no_signal: villages without signal, lower is better; the goal is none left.
    project.values(
        "huyen-a",
        "no_signal,2022,actual,40
         no_signal,2024,actual,10
         no_signal,2025,target,0",
    );
    let site = project.build();

    // achievement 100 × 10 ÷ 0 → empty; progress 100 × (10 − 40) ÷ (0 − 40) = 75.0;
    // expected 40 + (0 − 40) × 2 ÷ 3 = 13.3 ≥ 10 → on_track (down: ≤).
    assert_row(
        &progress(&site, DISTRICT_A, "no_signal"),
        &[
            ("target_value", "0"),
            ("achievement_pct", ""),
            ("progress_pct", "75.0"),
            ("status", "on_track"),
        ],
    );
}

#[test]
fn progress_is_100_or_0_when_the_target_equals_the_baseline() {
    let project = Project::new(
        "01,tinh,Tỉnh Thử Nghiệm,Test Province,province,
001,huyen-a,Huyện An Bình,An Binh District,district,01
002,huyen-b,Huyện Bình Minh,Binh Minh District,district,01
003,huyen-c,Huyện Cẩm Thủy,Cam Thuy District,district,01
",
    );
    planned(&project);
    project
        // All three inherit the province's 80 %, which equals each baseline.
        .values("tinh", "internet_pct,2025,target,80")
        .values(
            "huyen-a",
            "internet_pct,2022,actual,80\ninternet_pct,2024,actual,84",
        )
        .values(
            "huyen-b",
            "internet_pct,2022,actual,80\ninternet_pct,2024,actual,78",
        )
        .values(
            "huyen-c",
            "internet_pct,2022,actual,80\ninternet_pct,2024,actual,80",
        );
    let site = project.build();

    // 84 ≥ 80: met → progress 100.0 (not 100 × 4 ÷ 0); achievement 105.0; achieved.
    assert_row(
        &progress(&site, DISTRICT_A, "internet_pct"),
        &[
            ("progress_pct", "100.0"),
            ("achievement_pct", "105.0"),
            ("status", "achieved"),
        ],
    );
    // 78 < 80: not met → 0.0; achievement 97.5; expected 80 → off_track.
    assert_row(
        &progress(&site, DISTRICT_B, "internet_pct"),
        &[
            ("progress_pct", "0.0"),
            ("achievement_pct", "97.5"),
            ("status", "off_track"),
        ],
    );
    // 80 = 80: met → 100.0; achieved.
    assert_row(
        &progress(&site, "003", "internet_pct"),
        &[
            ("progress_pct", "100.0"),
            ("achievement_pct", "100.0"),
            ("status", "achieved"),
        ],
    );
}

// ---------------------------------------------------------------------------------------------
// Status.
// ---------------------------------------------------------------------------------------------

/// A province and five districts `huyen-a` … `huyen-e` (codes 001 … 005).
const FIVE_DISTRICTS: &str = "\
01,tinh,Tỉnh Thử Nghiệm,Test Province,province,
001,huyen-a,Huyện An Bình,An Binh District,district,01
002,huyen-b,Huyện Bình Minh,Binh Minh District,district,01
003,huyen-c,Huyện Cẩm Thủy,Cam Thuy District,district,01
004,huyen-d,Huyện Đông Sơn,Dong Son District,district,01
005,huyen-e,Huyện Hà Trung,Ha Trung District,district,01
";

#[test]
fn status_boundaries_for_an_up_indicator() {
    let project = Project::new(FIVE_DISTRICTS);
    planned(&project);
    // Every district takes the province's 2025 target of 80; every baseline is 2022 50, so the
    // expected line is 50 + 10 a year: 70 in 2024, 65 at 2024-H1 (time 2023.5).
    project
        .values("tinh", "internet_pct,2025,target,80")
        .values(
            "huyen-a",
            "internet_pct,2022,actual,50\ninternet_pct,2024,actual,70",
        )
        .values(
            "huyen-b",
            "internet_pct,2022,actual,50\ninternet_pct,2024,actual,69.9",
        )
        .values(
            "huyen-c",
            "internet_pct,2022,actual,50\ninternet_pct,2024-H1,actual,65",
        )
        .values(
            "huyen-d",
            "internet_pct,2022,actual,50\ninternet_pct,2024,actual,80",
        )
        .values(
            "huyen-e",
            "internet_pct,2022,actual,50\ninternet_pct,2024,actual,79.9",
        );
    let site = project.build();

    // 70 = expected 70 → on_track (exactly on the line).
    assert_eq!(status(&site, "001", "internet_pct"), "on_track");
    // 69.9 < 70 → off_track.
    assert_eq!(status(&site, "002", "internet_pct"), "off_track");
    // 2024-H1 65 = expected at 2023.5: 50 + 30 × 1.5 ÷ 3 = 65 → on_track.
    assert_eq!(status(&site, "003", "internet_pct"), "on_track");
    // 80 = target 80 → achieved (≥).
    assert_eq!(status(&site, "004", "internet_pct"), "achieved");
    // 79.9 < 80 but ≥ 70 → on_track.
    assert_eq!(status(&site, "005", "internet_pct"), "on_track");
}

#[test]
fn status_boundaries_for_a_down_indicator() {
    let project = Project::new(FIVE_DISTRICTS);
    planned(&project);
    // no_signal is a sum indicator, so each district needs its own target: 10 in 2025.
    // Baseline 2022 40 → expected 40 − 10 a year: 20 in 2024, 25 at 2024-H1.
    let rows =
        |latest: &str| format!("no_signal,2022,actual,40\n{latest}\nno_signal,2025,target,10");
    project
        .values("huyen-a", &rows("no_signal,2024,actual,20"))
        .values("huyen-b", &rows("no_signal,2024,actual,21"))
        .values("huyen-c", &rows("no_signal,2024,actual,10"))
        .values("huyen-d", &rows("no_signal,2024-H1,actual,25"))
        .values("huyen-e", &rows("no_signal,2024,actual,9"));
    let site = project.build();

    // 20 = expected 20 → on_track (≤).
    assert_eq!(status(&site, "001", "no_signal"), "on_track");
    // 21 > 20 → off_track.
    assert_eq!(status(&site, "002", "no_signal"), "off_track");
    // 10 = target 10 → achieved (≤).
    assert_eq!(status(&site, "003", "no_signal"), "achieved");
    // 2024-H1 25 = expected at 2023.5: 40 − 30 × 1.5 ÷ 3 = 25 → on_track.
    assert_eq!(status(&site, "004", "no_signal"), "on_track");
    // 9 < 10 → achieved.
    assert_eq!(status(&site, "005", "no_signal"), "achieved");
    // Achievement for a down indicator is still 100 × latest ÷ target: 100 × 20 ÷ 10 = 200.0;
    // progress 100 × (20 − 40) ÷ (10 − 40) = 66.7.
    assert_row(
        &progress(&site, DISTRICT_A, "no_signal"),
        &[("achievement_pct", "200.0"), ("progress_pct", "66.7")],
    );
}

#[test]
fn expected_value_follows_each_yearly_target_after_the_baseline() {
    let project = Project::new(FIVE_DISTRICTS);
    // A plan to 2027: huyen-d's 2026 figure lies within it, after the last target year.
    project.plan("2021-2027", 2021, 2027);
    // Yearly targets: 2022 50, 2023 70, 2025 80.
    project
        .values(
            "tinh",
            "internet_pct,2022,target,50
             internet_pct,2023,target,70
             internet_pct,2025,target,80",
        )
        // Baseline 2021 40: path (2021, 40) → (2022, 50) → (2023, 70) → (2025, 80).
        // At 2023-H1 (2022.5) expected 50 + 20 × 0.5 = 60.
        .values(
            "huyen-a",
            "internet_pct,2021,actual,40\ninternet_pct,2023-H1,actual,60",
        )
        // 59.9 < 60 → off_track (a single line to the final target, 40 + 40 × 1.5 ÷ 4 = 55,
        // would wrongly say on_track).
        .values(
            "huyen-b",
            "internet_pct,2021,actual,40\ninternet_pct,2023-H1,actual,59.9",
        )
        // Baseline 2023 65: only the 2025 target is later → (2023, 65) → (2025, 80);
        // expected in 2024 = 72.5 = latest → on_track (the 2023 target of 70 is not on the path;
        // via it the expected value would be 75).
        .values(
            "huyen-c",
            "internet_pct,2023,actual,65\ninternet_pct,2024,actual,72.5",
        )
        // After the last target year (but within the plan) the expected value is the final
        // target: 79 < 80 → off_track.
        .values(
            "huyen-d",
            "internet_pct,2021,actual,40\ninternet_pct,2026,actual,79",
        );
    let site = project.build();

    assert_eq!(status(&site, "001", "internet_pct"), "on_track");
    assert_eq!(status(&site, "002", "internet_pct"), "off_track");
    assert_eq!(status(&site, "003", "internet_pct"), "on_track");
    assert_eq!(status(&site, "004", "internet_pct"), "off_track");
    // The final target is 2025's 80 for all of them.
    assert_row(
        &progress(&site, "003", "internet_pct"),
        &[
            ("target_year", "2025"),
            ("target_value", "80.0"),
            ("target_unit", PROVINCE),
        ],
    );
}

#[test]
fn status_is_no_data_when_there_is_a_target_but_no_actual() {
    let project = Project::province_with_two_districts();
    project
        .values("tinh", "internet_pct,2025,target,80")
        // Only an estimate: shown, but it does not count towards progress.
        .values("huyen-a", "internet_pct,2024,estimate,60");
    let site = project.build();

    assert_row(
        &progress(&site, DISTRICT_A, "internet_pct"),
        &[
            ("baseline_period", ""),
            ("baseline_value", ""),
            ("latest_period", ""),
            ("latest_value", ""),
            ("target_year", "2025"),
            ("target_value", "80.0"),
            ("target_unit", PROVINCE),
            ("achievement_pct", ""),
            ("progress_pct", ""),
            ("status", "no_data"),
        ],
    );
    // The estimate itself is published.
    site.assert_value(DISTRICT_A, "internet_pct", "2024", "estimate", "60.0");
}

#[test]
fn a_flow_indicator_with_only_half_year_actuals_has_no_data() {
    let project = Project::province_with_two_districts();
    project.values(
        "huyen-a",
        "revenue,2023-H1,actual,22000
         revenue,2024-H1,actual,23500
         revenue,2025,target,50000",
    );
    let site = project.build();

    // Neither half-year counts against a yearly target → no baseline, no latest.
    assert_row(
        &progress(&site, DISTRICT_A, "revenue"),
        &[
            ("baseline_period", ""),
            ("latest_period", ""),
            ("achievement_pct", ""),
            ("progress_pct", ""),
            ("status", "no_data"),
        ],
    );
}

#[test]
fn progress_is_computed_from_full_precision_figures() {
    // The documentation's example 2: Tuần Giáo inherits the province's 2021–2025 targets.
    let project = Project::new(
        "11,dien-bien,Tỉnh Điện Biên,Dien Bien Province,province,
099,tuan-giao,Huyện Tuần Giáo,Tuan Giao District,district,11
",
    );
    project
        .values(
            "dien-bien",
            "coverage_pct,2021,target,80
             coverage_pct,2022,target,85
             coverage_pct,2023,target,90
             coverage_pct,2024,target,95
             coverage_pct,2025,target,100",
        )
        .values(
            "tuan-giao",
            "covered,2019,actual,190
             villages,2019,actual,237
             covered,2024,actual,228
             villages,2024,actual,237",
        );
    let site = project.build();

    // baseline 100 × 190 ÷ 237 = 80.1688…, latest 100 × 228 ÷ 237 = 96.2025…
    // achievement 96.2; progress 100 × (96.2025 − 80.1688) ÷ (100 − 80.1688) = 80.85… → 80.9
    // (from the rounded 96.2 and 80.2 it would be 80.8).
    // Expected in 2024 = the 2024 target 95 ≤ 96.2 < 100 → on_track.
    assert_row(
        &progress(&site, "099", "coverage_pct"),
        &[
            ("baseline_period", "2019"),
            ("baseline_value", "80.2"),
            ("latest_period", "2024"),
            ("latest_value", "96.2"),
            ("target_year", "2025"),
            ("target_value", "100.0"),
            ("target_unit", "11"),
            ("achievement_pct", "96.2"),
            ("progress_pct", "80.9"),
            ("status", "on_track"),
        ],
    );
}
