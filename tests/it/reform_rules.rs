//! Units that begin and end, as the data contract's "Units that begin and end" defines them:
//! the 1 July 2025 reform abolished the districts (their last period is `2025-H1`) and formed
//! communes directly under the province (their first period is `2025`).
//!
//! Every test builds a small project with the real binary and reads what it publishes, or what
//! `chiso check` prints. Expected numbers are worked out by hand in the comments.

use crate::common::{warnings_about, Project, REFORM};

fn reform() -> Project {
    let p = Project::with_lives(REFORM);
    p.values(
        "huyen-a",
        "subscribers,2024,actual,1000
         subscribers,2025-H1,actual,1100
         revenue,2024,actual,500",
    );
    p.values(
        "huyen-b",
        "subscribers,2024,actual,2000
         subscribers,2025-H1,actual,2100
         revenue,2024,actual,700",
    );
    p.values(
        "xa-c",
        "subscribers,2025,actual,1500
         subscribers,2026-H1,actual,1600
         revenue,2025,actual,300",
    );
    p.values(
        "xa-d",
        "subscribers,2025,actual,1800
         subscribers,2026-H1,actual,1900
         revenue,2025,actual,450",
    );
    p
}

#[test]
fn a_parent_sums_the_districts_before_the_reform_and_the_communes_after_it() {
    let project = reform();
    let site = project.build();
    // Before: the districts in force. 2024: 1000 + 2000 = 3000; 2025-H1: 1100 + 2100 = 3200.
    site.assert_figure("01", "subscribers", "2024", "actual", "3000", "aggregated");
    site.assert_figure(
        "01",
        "subscribers",
        "2025-H1",
        "actual",
        "3200",
        "aggregated",
    );
    // After: the communes in force, the districts having ended. 2025: 1500 + 1800 = 3300;
    // 2026-H1: 1600 + 1900 = 3500. No district is "missing" for these periods.
    site.assert_figure("01", "subscribers", "2025", "actual", "3300", "aggregated");
    site.assert_figure(
        "01",
        "subscribers",
        "2026-H1",
        "actual",
        "3500",
        "aggregated",
    );
}

#[test]
fn the_ended_districts_are_not_missing_from_the_sums_after_the_reform() {
    let report = reform().check(Some("en"));
    assert!(
        warnings_about(&report, "no figure").is_empty(),
        "no unit should be missing:\n{report}"
    );
}

#[test]
fn a_whole_year_flow_is_not_summed_across_a_change_of_children() {
    let project = reform();
    let site = project.build();
    // 2024: the same districts all year: 500 + 700 = 1200.
    site.assert_figure("01", "revenue", "2024", "actual", "1200", "aggregated");
    // 2025: the first half's units (the districts) are not the year's (the communes), so the
    // communes' 300 + 450 is not the province's year.
    assert_eq!(site.value("01", "revenue", "2025", "actual"), None);
    // The check says to enter it for the province itself.
    let report = project.check(Some("en"));
    let warnings = warnings_about(&report, "Enter the whole-year 2025 figure for this unit");
    assert_eq!(warnings.len(), 1, "{report}");
    assert!(warnings[0].starts_with("data/values/tinh.csv"), "{report}");
}

#[test]
fn a_flow_entered_for_the_parent_across_the_change_stands_without_a_warning() {
    let project = reform();
    project.values("tinh", "revenue,2025,actual,1400");
    let site = project.build();
    site.assert_figure("01", "revenue", "2025", "actual", "1400", "entered");
    let report = project.check(Some("en"));
    assert!(warnings_about(&report, "whole-year").is_empty(), "{report}");
}

#[test]
fn an_actual_outside_a_units_life_is_refused_with_its_life_in_words() {
    let project = reform();
    project.values(
        "huyen-a",
        "subscribers,2024,actual,1000
         subscribers,2025-H1,actual,1100
         subscribers,2026-H1,estimate,1200
         subscribers,2030,target,1500",
    );
    project.values("xa-c", "subscribers,2024,actual,900");
    let vi = project.check_fails(None);
    assert!(
        vi.contains("data/values/huyen-a.csv:4 (cột `period`): lỗi: Huyện An Bình chỉ có số liệu đến 6 tháng đầu năm 2025"),
        "{vi}"
    );
    assert!(
        vi.contains(
            "data/values/xa-c.csv:2 (cột `period`): lỗi: Xã Cao Sơn chỉ có số liệu từ năm 2025"
        ),
        "{vi}"
    );
    // A target is what a plan set: allowed for any year.
    assert!(!vi.contains("huyen-a.csv:5"), "{vi}");
    let en = project.check_fails(Some("en"));
    assert!(
        en.contains("Huyện An Bình has figures only until the first half of 2025"),
        "{en}"
    );
}

#[test]
fn a_life_that_ends_before_it_begins_is_refused() {
    let project = Project::with_lives(
        "01,tinh,Tỉnh,Province,province,,,,
001,huyen-a,Huyện A,District A,district,01,2025,2024-H1,",
    );
    let report = project.check_fails(Some("en"));
    assert!(
        report.contains("data/units.csv:3 (column `from`): error: the unit begins (2025) after it ends (the first half of 2024)"),
        "{report}"
    );
}

#[test]
fn an_unknown_formed_from_is_refused_with_the_closest_code() {
    let project = Project::with_lives(
        "01,tinh,Tỉnh,Province,province,,,,
001,huyen-a,Huyện A,District A,district,01,,2025-H1,
00010,xa-c,Xã C,Commune C,commune,01,2025,,011",
    );
    let report = project.check_fails(Some("en"));
    assert!(
        report
            .contains("data/units.csv:4 (column `formed_from`): error: no unit has the code `011`"),
        "{report}"
    );
}

#[test]
fn a_unit_formed_from_one_still_in_force_is_refused() {
    // An Bình has no `until`: it would be counted with Cao Sơn.
    let project = Project::with_lives(
        "01,tinh,Tỉnh,Province,province,,,,
001,huyen-a,Huyện An Bình,District A,district,01,,,
00010,xa-c,Xã C,Commune C,commune,01,2025,,001",
    );
    let report = project.check_fails(Some("en"));
    assert!(
        report.contains("data/units.csv:4 (column `formed_from`): error: the unit `001` (Huyện An Bình) still exists when this unit begins (2025)"),
        "{report}"
    );
}

#[test]
fn a_child_that_outlives_its_parent_is_refused() {
    let project = Project::with_lives(
        "01,tinh,Tỉnh,Province,province,,,,
001,huyen-a,Huyện An Bình,District A,district,01,,2025-H1,
00001,xa-x,Xã X,Commune X,commune,001,,2025,",
    );
    let report = project.check_fails(Some("en"));
    assert!(
        report.contains("data/units.csv:4 (column `until`): error: this unit exists outside the life of its parent Huyện An Bình (until the first half of 2025)"),
        "{report}"
    );
}
