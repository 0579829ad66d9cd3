//! The figures chiso computes, rule by rule, as the data contract defines them
//! (/work/shared/docs/data-contract.md): derived figures, sums over child units, entered
//! figures standing over computed ones, and the warnings `chiso check` prints about them.
//!
//! Every test builds a small project in a temporary folder with the real binary and reads the
//! published `data/values.csv` (`unit,indicator,period,kind,value,origin`). Expected numbers
//! are worked out by hand in the comments. The indicator catalogue is `common::INDICATORS`.

use crate::common::{text_nodes, warnings_about, Project, DISTRICT_A, DISTRICT_B, PROVINCE};

/// A province with no units below it: only its own figures count.
const PROVINCE_ALONE: &str = "01,tinh,Tỉnh Thử Nghiệm,Test Province,province,\n";

// ---------------------------------------------------------------------------------------------
// Derived figures: value = scale × numerator ÷ denominator of the same unit, period and kind.
// ---------------------------------------------------------------------------------------------

#[test]
fn derived_figure_is_scale_times_numerator_over_denominator() {
    let project = Project::new(PROVINCE_ALONE);
    project.values(
        "tinh",
        "covered,2024,actual,87
         villages,2024,actual,120
         subscribers,2024,actual,54748
         population,2024,actual,65432
         covered,2025,estimate,93
         villages,2025,estimate,120",
    );
    let site = project.build();

    // coverage_pct 2024 actual = 100 × 87 ÷ 120 = 72.5
    site.assert_figure(
        PROVINCE,
        "coverage_pct",
        "2024",
        "actual",
        "72.5",
        "derived",
    );
    // per_100 2024 actual = 100 × 54748 ÷ 65432 = 83.6715… → 83.7 (1 decimal)
    site.assert_figure(PROVINCE, "per_100", "2024", "actual", "83.7", "derived");
    // Estimates are derived too: 100 × 93 ÷ 120 = 77.5
    site.assert_figure(
        PROVINCE,
        "coverage_pct",
        "2025",
        "estimate",
        "77.5",
        "derived",
    );
}

#[test]
fn derived_figure_needs_both_parts_of_the_same_period_and_kind() {
    let project = Project::new(PROVINCE_ALONE);
    project.values(
        "tinh",
        // 2023: the numerator is an actual, the denominator an estimate → no figure of either kind.
        // 2024: no denominator at all → no figure.
        "covered,2023,actual,80
         villages,2023,estimate,120
         covered,2024,actual,85",
    );
    let site = project.build();

    let coverage = site.values();
    assert!(
        coverage.filter(&[("indicator", "coverage_pct")]).is_empty(),
        "no coverage_pct can be derived without both parts: {:?}",
        coverage.filter(&[("indicator", "coverage_pct")])
    );
}

#[test]
fn derived_figures_are_never_computed_for_targets() {
    let project = Project::new(PROVINCE_ALONE);
    project.values(
        "tinh",
        // Plans give counts as targets; 100 × 110 ÷ 120 = 91.7 must NOT appear as a coverage target.
        "covered,2024,actual,87
         villages,2024,actual,120
         covered,2025,target,110
         villages,2025,target,120
         subscribers,2025,target,60000
         population,2025,target,66000",
    );
    let site = project.build();

    site.assert_no_figure(PROVINCE, "coverage_pct", "2025", "target");
    site.assert_no_figure(PROVINCE, "per_100", "2025", "target");
    // The entered targets themselves are published as entered.
    site.assert_figure(PROVINCE, "covered", "2025", "target", "110", "entered");
    // And the actual is still derived: 100 × 87 ÷ 120 = 72.5.
    site.assert_value(PROVINCE, "coverage_pct", "2024", "actual", "72.5");
    // No progress row: a target for the parts is not a target for the ratio.
    assert!(site.progress_of(PROVINCE, "coverage_pct").is_none());
}

#[test]
fn division_by_zero_gives_no_derived_figure() {
    let project = Project::province_with_two_districts();
    project
        // District A has no villages at all in 2024: 100 × 0 ÷ 0 → no figure.
        .values(
            "huyen-a",
            "covered,2024,actual,0
             villages,2024,actual,0
             subscribers,2024,actual,500
             population,2024,actual,0",
        )
        .values(
            "huyen-b",
            "covered,2024,actual,30
             villages,2024,actual,40
             subscribers,2024,actual,700
             population,2024,actual,0",
        );
    let site = project.build();

    site.assert_no_figure(DISTRICT_A, "coverage_pct", "2024", "actual");
    // 100 × 500 ÷ 0 → no figure (not inf, not NaN).
    site.assert_no_figure(DISTRICT_A, "per_100", "2024", "actual");
    // District B: 100 × 30 ÷ 40 = 75.0
    site.assert_value(DISTRICT_B, "coverage_pct", "2024", "actual", "75.0");
    // Province: population 0 + 0 = 0 → per_100 has no figure, while coverage = 100 × 30 ÷ 40 = 75.0
    site.assert_value(PROVINCE, "population", "2024", "actual", "0");
    site.assert_no_figure(PROVINCE, "per_100", "2024", "actual");
    site.assert_value(PROVINCE, "coverage_pct", "2024", "actual", "75.0");
    let all = site.read("data/values.csv").to_lowercase();
    assert!(
        !all.contains("inf") && !all.contains("nan"),
        "values.csv:\n{all}"
    );
}

// ---------------------------------------------------------------------------------------------
// Sums over child units.
// ---------------------------------------------------------------------------------------------

#[test]
fn parent_sum_is_computed_when_every_child_has_the_figure() {
    let project = Project::province_with_two_districts();
    project
        .values(
            "huyen-a",
            "subscribers,2024,actual,1200
             subscribers,2025,estimate,1300",
        )
        .values(
            "huyen-b",
            "subscribers,2024,actual,3400
             subscribers,2025,estimate,3500",
        );
    let site = project.build();

    // 1200 + 3400 = 4600
    site.assert_figure(
        PROVINCE,
        "subscribers",
        "2024",
        "actual",
        "4600",
        "aggregated",
    );
    // Estimates are summed too: 1300 + 3500 = 4800
    site.assert_figure(
        PROVINCE,
        "subscribers",
        "2025",
        "estimate",
        "4800",
        "aggregated",
    );
}

#[test]
fn parent_sum_is_missing_when_a_child_lacks_the_figure_and_the_page_names_the_child() {
    let project = Project::province_with_two_districts();
    project
        .values(
            "huyen-a",
            "subscribers,2023,actual,1000
             subscribers,2024,actual,1200
             covered,2024,actual,50
             villages,2024,actual,60",
        )
        // Huyện Bình Minh has no subscribers for 2023 and no covered villages for 2024.
        .values(
            "huyen-b",
            "subscribers,2024,actual,3400
             villages,2024,actual,40",
        );
    let site = project.build();

    // 2024: both districts → 1200 + 3400 = 4600; 2023: Bình Minh missing → no figure.
    site.assert_value(PROVINCE, "subscribers", "2024", "actual", "4600");
    site.assert_no_figure(PROVINCE, "subscribers", "2023", "actual");
    // villages 60 + 40 = 100, but covered has no sum, so the province's coverage has no figure
    // (it is never computed from the villages alone or from An Bình's 100 × 50 ÷ 60 = 83.3).
    site.assert_value(PROVINCE, "villages", "2024", "actual", "100");
    site.assert_no_figure(PROVINCE, "covered", "2024", "actual");
    site.assert_no_figure(PROVINCE, "coverage_pct", "2024", "actual");
    site.assert_value(DISTRICT_A, "coverage_pct", "2024", "actual", "83.3");

    // The province's page (the home page, it is the root unit) says which child is missing: a
    // sentence naming both the indicator and Huyện Bình Minh, and never Huyện An Bình.
    for (page, indicator, missing, present) in [
        (
            "index.html",
            "Số thuê bao di động",
            "Huyện Bình Minh",
            "Huyện An Bình",
        ),
        (
            "index.html",
            "Số thôn bản có sóng di động",
            "Huyện Bình Minh",
            "Huyện An Bình",
        ),
        (
            "en/index.html",
            "Mobile subscriptions",
            "Binh Minh District",
            "An Binh District",
        ),
    ] {
        let nodes = text_nodes(&site.read(page));
        let sentences: Vec<&String> = nodes
            .iter()
            .filter(|t| t.contains(indicator) && t.contains(missing))
            .collect();
        assert!(
            !sentences.is_empty(),
            "{page} should name {missing} as missing for {indicator}; its text:\n{nodes:#?}"
        );
        assert!(
            sentences.iter().all(|s| !s.contains(present)),
            "{page} names {present}, which has the figure: {sentences:?}"
        );
    }
}

#[test]
fn sums_climb_a_commune_district_province_tree() {
    let project = Project::new(
        "01,tinh,Tỉnh Thử Nghiệm,Test Province,province,
001,huyen-a,Huyện An Bình,An Binh District,district,01
002,huyen-b,Huyện Bình Minh,Binh Minh District,district,01
00001,xa-a1,Xã An Phú,An Phu Commune,commune,001
00002,xa-a2,Xã An Lạc,An Lac Commune,commune,001
00003,xa-b1,Xã Bình Yên,Binh Yen Commune,commune,002
",
    );
    project
        .values(
            "xa-a1",
            "subscribers,2024,actual,1200
             population,2024,actual,3000
             villages,2024,actual,10
             covered,2024,actual,8",
        )
        .values(
            "xa-a2",
            "subscribers,2024,actual,2300
             population,2024,actual,4000
             villages,2024,actual,15
             covered,2024,actual,9",
        )
        .values(
            "xa-b1",
            "subscribers,2024,actual,3500
             population,2024,actual,5000
             villages,2024,actual,30
             covered,2024,actual,27",
        );
    let site = project.build();

    // District 001 = communes 00001 + 00002; district 002 = commune 00003; province = both.
    let expect = [
        // subscribers: 1200 + 2300 = 3500; 3500; 3500 + 3500 = 7000
        ("001", "subscribers", "3500", "aggregated"),
        ("002", "subscribers", "3500", "aggregated"),
        ("01", "subscribers", "7000", "aggregated"),
        // population: 3000 + 4000 = 7000; 5000; 12000
        ("001", "population", "7000", "aggregated"),
        ("002", "population", "5000", "aggregated"),
        ("01", "population", "12000", "aggregated"),
        // per_100: 100 × 3500 ÷ 7000 = 50.0; 100 × 3500 ÷ 5000 = 70.0; 100 × 7000 ÷ 12000 = 58.33… → 58.3
        ("001", "per_100", "50.0", "derived"),
        ("002", "per_100", "70.0", "derived"),
        ("01", "per_100", "58.3", "derived"),
        // villages 10 + 15 = 25, covered 8 + 9 = 17 → 100 × 17 ÷ 25 = 68.0
        ("001", "coverage_pct", "68.0", "derived"),
        // 100 × 27 ÷ 30 = 90.0
        ("002", "coverage_pct", "90.0", "derived"),
        // villages 55, covered 44 → 100 × 44 ÷ 55 = 80.0 (the mean of 68.0 and 90.0 would be 79.0)
        ("01", "villages", "55", "aggregated"),
        ("01", "covered", "44", "aggregated"),
        ("01", "coverage_pct", "80.0", "derived"),
        // the communes' own ratios: 100 × 8 ÷ 10 = 80.0, 100 × 1200 ÷ 3000 = 40.0
        ("00001", "coverage_pct", "80.0", "derived"),
        ("00001", "per_100", "40.0", "derived"),
    ];
    for (unit, indicator, value, origin) in expect {
        site.assert_figure(unit, indicator, "2024", "actual", value, origin);
    }
}

#[test]
fn communes_directly_under_the_province_are_summed() {
    // Since the 2025 reform there is no district level.
    let project = Project::new(
        "01,tinh,Tỉnh Thử Nghiệm,Test Province,province,
00001,xa-a,Xã An Phú,An Phu Commune,commune,01
00002,xa-b,Xã Bình Yên,Binh Yen Commune,commune,01
00003,xa-c,Xã Cẩm Thạch,Cam Thach Commune,commune,01
",
    );
    project
        .values(
            "xa-a",
            "subscribers,2025-H1,actual,1500
             revenue,2024,actual,120",
        )
        .values(
            "xa-b",
            "subscribers,2025-H1,actual,2500
             revenue,2024,actual,340",
        )
        .values(
            "xa-c",
            "subscribers,2025-H1,actual,4000
             revenue,2024,actual,560",
        );
    let site = project.build();

    // 1500 + 2500 + 4000 = 8000
    site.assert_figure(
        PROVINCE,
        "subscribers",
        "2025-H1",
        "actual",
        "8000",
        "aggregated",
    );
    // 120 + 340 + 560 = 1020
    site.assert_figure(PROVINCE, "revenue", "2024", "actual", "1020", "aggregated");
}

#[test]
fn derived_indicators_aggregate_through_their_parts() {
    let project = Project::province_with_two_districts();
    project
        .values(
            "huyen-a",
            "covered,2024,actual,90
             villages,2024,actual,100
             subscribers,2024,actual,900
             population,2024,actual,1000
             coverage_pct,2023,actual,80",
        )
        .values(
            "huyen-b",
            "covered,2024,actual,10
             villages,2024,actual,50
             subscribers,2024,actual,300
             population,2024,actual,3000
             coverage_pct,2023,actual,60",
        );
    let site = project.build();

    // Districts: 100 × 90 ÷ 100 = 90.0 and 100 × 10 ÷ 50 = 20.0.
    site.assert_value(DISTRICT_A, "coverage_pct", "2024", "actual", "90.0");
    site.assert_value(DISTRICT_B, "coverage_pct", "2024", "actual", "20.0");
    // Province: 100 × (90 + 10) ÷ (100 + 50) = 66.66… → 66.7, not the mean (90 + 20) ÷ 2 = 55.0.
    site.assert_figure(
        PROVINCE,
        "coverage_pct",
        "2024",
        "actual",
        "66.7",
        "derived",
    );
    // per_100: districts 90.0 and 10.0; province 100 × 1200 ÷ 4000 = 30.0, not the mean 50.0.
    site.assert_value(PROVINCE, "per_100", "2024", "actual", "30.0");
    // 2023: the districts entered percentages without parts; a province figure would have to be
    // an average of percentages, which the contract forbids → no figure.
    site.assert_value(DISTRICT_A, "coverage_pct", "2023", "actual", "80.0");
    site.assert_no_figure(PROVINCE, "coverage_pct", "2023", "actual");
}

// ---------------------------------------------------------------------------------------------
// Entered figures stand over computed ones; the check reports large differences.
// ---------------------------------------------------------------------------------------------

/// Districts' subscribers: 2022 2000 + 2000 = 4000, 2023 1000 + 3000 = 4000,
/// 2024 1200 + 3400 = 4600; the province enters its own figure for each year.
fn project_with_entered_province_sums(province_rows: &str) -> Project {
    let project = Project::province_with_two_districts();
    project
        .values(
            "huyen-a",
            "subscribers,2022,actual,2000
             subscribers,2023,actual,1000
             subscribers,2024,actual,1200",
        )
        .values(
            "huyen-b",
            "subscribers,2022,actual,2000
             subscribers,2023,actual,3000
             subscribers,2024,actual,3400",
        )
        .values("tinh", province_rows);
    project
}

#[test]
fn entered_parent_figure_stands_over_the_computed_sum() {
    // The sum is 4600; the province entered 4700.
    let project = project_with_entered_province_sums("subscribers,2024,actual,4700");
    let site = project.build();

    site.assert_figure(PROVINCE, "subscribers", "2024", "actual", "4700", "entered");
    // The figures that were not entered are still summed: 2023 = 1000 + 3000 = 4000.
    site.assert_figure(
        PROVINCE,
        "subscribers",
        "2023",
        "actual",
        "4000",
        "aggregated",
    );
}

#[test]
fn check_warns_when_an_entered_sum_differs_by_more_than_half_a_percent() {
    let project = project_with_entered_province_sums(
        // 2022: 3900 vs 4000 → −2.5 %   → warning
        // 2023: 4020 vs 4000 → +0.5 % exactly, not over 0.5 % → no warning
        // 2024: 4624 vs 4600 → +0.52 %  → warning
        "subscribers,2022,actual,3900
         subscribers,2023,actual,4020
         subscribers,2024,actual,4624",
    );

    let report = project.check(None);
    let w2022 = warnings_about(&report, "3900");
    assert_eq!(w2022.len(), 1, "one warning about 3900 ≠ 4000:\n{report}");
    assert!(w2022[0].contains("data/values/tinh.csv"), "{}", w2022[0]);
    assert!(w2022[0].contains("cảnh báo"), "{}", w2022[0]);
    assert!(
        w2022[0].contains("4000"),
        "names the computed sum: {}",
        w2022[0]
    );
    assert!(
        warnings_about(&report, "4020").is_empty(),
        "a difference of exactly 0.5 % is not over 0.5 %:\n{report}"
    );
    assert_eq!(
        warnings_about(&report, "4624").len(),
        1,
        "4624 vs 4600:\n{report}"
    );
    // And in English.
    let report_en = project.check(Some("en"));
    let w = warnings_about(&report_en, "4624");
    assert_eq!(w.len(), 1, "{report_en}");
    assert!(w[0].contains(": warning: "), "{}", w[0]);
}

#[test]
fn check_is_silent_when_an_entered_sum_is_within_half_a_percent() {
    // 4620 vs 4600 → +0.43 %
    let project = project_with_entered_province_sums("subscribers,2024,actual,4620");
    let report = project.check(None);
    assert!(warnings_about(&report, "4620").is_empty(), "{report}");
    assert!(
        report.contains("0 cảnh báo"),
        "no warning at all:\n{report}"
    );
}

#[test]
fn entered_derived_figure_stands_over_the_computed_one() {
    let project = Project::new(PROVINCE_ALONE);
    project.values(
        "tinh",
        // computed: 100 × 87 ÷ 120 = 72.5; entered 75
        "covered,2024,actual,87
         villages,2024,actual,120
         coverage_pct,2024,actual,75",
    );
    let site = project.build();

    site.assert_figure(
        PROVINCE,
        "coverage_pct",
        "2024",
        "actual",
        "75.0",
        "entered",
    );

    let report = project.check(None);
    let w = warnings_about(&report, "75.0");
    assert_eq!(w.len(), 1, "entered 75.0 vs computed 72.5:\n{report}");
    assert!(
        w[0].contains("72.5") && w[0].contains("cảnh báo"),
        "{}",
        w[0]
    );
    let report_en = project.check(Some("en"));
    let w = warnings_about(&report_en, "75.0");
    assert_eq!(w.len(), 1, "{report_en}");
    assert!(w[0].contains(": warning: "), "{}", w[0]);
}

#[test]
fn check_warns_about_an_entered_derived_figure_only_beyond_rounding() {
    let project = Project::new(PROVINCE_ALONE);
    project.values(
        "tinh",
        // 2024: 100 × 54748 ÷ 65432 = 83.6716…; entered 83.7 is the same at 1 decimal → silent.
        // 2023: 100 × 50000 ÷ 64000 = 78.125; entered 78.1 is within rounding (0.025) → silent.
        // 2022: 100 × 48000 ÷ 64000 = 75.0;   entered 75.2 is 0.2 away, more than 0.05 → warning.
        "subscribers,2024,actual,54748
         population,2024,actual,65432
         per_100,2024,actual,83.7
         subscribers,2023,actual,50000
         population,2023,actual,64000
         per_100,2023,actual,78.1
         subscribers,2022,actual,48000
         population,2022,actual,64000
         per_100,2022,actual,75.2",
    );
    let site = project.build();
    for (period, value) in [("2024", "83.7"), ("2023", "78.1"), ("2022", "75.2")] {
        site.assert_figure(PROVINCE, "per_100", period, "actual", value, "entered");
    }

    let report = project.check(None);
    assert!(warnings_about(&report, "83.7").is_empty(), "{report}");
    assert!(warnings_about(&report, "78.1").is_empty(), "{report}");
    let w = warnings_about(&report, "75.2");
    assert_eq!(w.len(), 1, "{report}");
    assert!(w[0].contains("75.0"), "names the computed figure: {}", w[0]);
}

#[test]
fn an_entered_figure_in_the_middle_of_the_tree_feeds_the_sum_above() {
    let project = Project::new(
        "01,tinh,Tỉnh Thử Nghiệm,Test Province,province,
001,huyen-a,Huyện An Bình,An Binh District,district,01
002,huyen-b,Huyện Bình Minh,Binh Minh District,district,01
00001,xa-a1,Xã An Phú,An Phu Commune,commune,001
00002,xa-a2,Xã An Lạc,An Lac Commune,commune,001
",
    );
    project
        .values(
            "xa-a1",
            "subscribers,2024,actual,1200\ncovered,2024,actual,8",
        )
        .values(
            "xa-a2",
            "subscribers,2024,actual,2300\ncovered,2024,actual,9",
        )
        // The district's own report says 3600, not the communes' 1200 + 2300 = 3500, and it
        // reports 50 villages, of which its communes list only 8 + 9 = 17 covered.
        .values(
            "huyen-a",
            "subscribers,2024,actual,3600
             villages,2024,actual,50",
        )
        .values(
            "huyen-b",
            "subscribers,2024,actual,1400
             villages,2024,actual,50
             covered,2024,actual,33",
        );
    let site = project.build();

    // The entered 3600 stands for the district and is what the province sums: 3600 + 1400 = 5000.
    site.assert_figure(
        DISTRICT_A,
        "subscribers",
        "2024",
        "actual",
        "3600",
        "entered",
    );
    site.assert_value(PROVINCE, "subscribers", "2024", "actual", "5000");
    // District 001's coverage comes from its summed covered (17) over its entered villages (50):
    // 100 × 17 ÷ 50 = 34.0; the province's from 17 + 33 = 50 over 100: 50.0.
    site.assert_value(DISTRICT_A, "coverage_pct", "2024", "actual", "34.0");
    site.assert_value(PROVINCE, "coverage_pct", "2024", "actual", "50.0");
}
