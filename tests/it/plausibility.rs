//! Figures that cannot be true, and figures that are probably typos (issue #15, points 2 and 3).
//!
//! Errors: a share chiso derives whose part is larger than its whole (2,350 covered villages
//! out of 237), and a share typed in above 100 %. Warnings: a `%` that compares two figures (a
//! growth rate) typed in above 100; a figure more than 5 times, or below a fifth of, the unit's
//! previous figure of the same kind; a stock that falls by half. Each test gives the editor's
//! input and the exact message, in Vietnamese and with `--lang en`.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use crate::common::{chiso, warnings_about, Project, INDICATORS};

/// The shared catalogue, with BTS sites and a growth rate (a `%` that is not a share: its name
/// says it compares).
fn catalogue() -> String {
    format!(
        "{INDICATORS}\
bts_sites,Hạ tầng,Infrastructure,Số vị trí trạm BTS,BTS sites,Vị trí trạm,sites,up,stock,,,,sum,0
revenue_growth_pct,Doanh thu,Revenue,Tốc độ tăng trưởng doanh thu,Revenue growth,%,%,up,flow,,,,none,1
"
    )
}

/// The province and its two districts, with the catalogue above.
fn project() -> Project {
    let p = Project::province_with_two_districts();
    p.write("data/indicators.csv", &catalogue());
    p
}

/// The lines of a report that are errors (in either language).
fn errors(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter(|l| l.contains(": lỗi: ") || l.contains(": error: "))
        .collect()
}

/// Every file under `dir`, by its path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("a folder entry"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("under the site")
                .to_path_buf();
            (rel, fs::read(e.path()).expect("read a file of the site"))
        })
        .collect()
}

/// Builds `p` into its `site/`, then lets `mistake` change it, and requires the second build
/// to fail and the published site to be left byte for byte as it was; returns what the failed
/// build printed.
fn refused_and_site_kept(p: &Project, mistake: impl FnOnce(&Project)) -> String {
    let before = p.build().files();
    assert!(before.len() > 10, "a site was published");
    mistake(p);
    let site = p.root().join("site");
    let run = chiso(&[
        "build",
        "--root",
        p.root().to_str().expect("a UTF-8 path"),
        "--output",
        site.to_str().expect("a UTF-8 path"),
    ]);
    assert!(!run.success, "the build should fail:\n{}", run.output);
    assert_eq!(files(&site), before, "the published site changed");
    run.output
}

#[test]
fn covered_villages_above_the_total_are_refused_naming_both_parts_and_their_lines() {
    let p = project();
    p.values(
        "huyen-b",
        "villages,2024,actual,300\ncovered,2024,actual,250",
    );
    p.values(
        "huyen-a",
        "villages,2024,actual,237\ncovered,2024,actual,230",
    );
    let printed = refused_and_site_kept(&p, |p| {
        p.values(
            "huyen-a",
            "villages,2024,actual,237\ncovered,2024,actual,2350",
        );
    });
    // 100 × 2350 ÷ 237 = 991.56… One error: the province's sums (2600 of 537) exceed too, but
    // the district's lines are where the figure is typed.
    assert_eq!(
        errors(&printed),
        ["data/values/huyen-a.csv:3 (cột `value`): lỗi: tỷ lệ `coverage_pct` năm 2024, loại `actual`, tính ra 991,6 %, vượt 100 %: `covered` (Số thôn bản có sóng di động) là 2.350 thôn (data/values/huyen-a.csv dòng 3), lớn hơn `villages` (Số thôn bản) là 237 thôn (data/values/huyen-a.csv dòng 2). Phần không thể lớn hơn tổng: sửa một trong hai số."],
        "{printed}"
    );
    let en = p.check_fails(Some("en"));
    assert_eq!(
        errors(&en),
        ["data/values/huyen-a.csv:3 (column `value`): error: the share `coverage_pct` for 2024, kind `actual`, comes out at 991.6%, above 100%: `covered` (Villages with mobile signal) is 2,350 villages (data/values/huyen-a.csv line 3), more than `villages` (Villages) at 237 villages (data/values/huyen-a.csv line 2). A part cannot be larger than its whole: correct one of the two figures."],
        "{en}"
    );
}

#[test]
fn a_part_summed_from_the_units_below_is_named_as_a_sum() {
    let p = project();
    // The province types its villages; its covered villages are the districts' 80 + 70 = 150.
    p.values("tinh", "villages,2024,actual,100");
    p.values("huyen-a", "covered,2024,actual,80");
    p.values("huyen-b", "covered,2024,actual,70");
    let vi = p.check_fails(None);
    assert_eq!(
        errors(&vi),
        ["data/values/tinh.csv:2 (cột `value`): lỗi: tỷ lệ `coverage_pct` năm 2024, loại `actual`, tính ra 150,0 %, vượt 100 %: `covered` (Số thôn bản có sóng di động) là 150 thôn (tổng của các đơn vị cấp dưới, không ai nhập), lớn hơn `villages` (Số thôn bản) là 100 thôn (data/values/tinh.csv dòng 2). Phần không thể lớn hơn tổng: sửa một trong hai số."],
        "{vi}"
    );
    let en = p.check_fails(Some("en"));
    assert!(
        en.contains("`covered` (Villages with mobile signal) is 150 villages (the sum of the units below, not entered), more than `villages` (Villages) at 100 villages (data/values/tinh.csv line 2)"),
        "{en}"
    );
}

#[test]
fn a_typed_share_beside_parts_that_cannot_be_true_is_not_doubted_as_well() {
    let p = project();
    // The share was typed in (99.2) and its parts too; the parts are the error, not the share.
    p.values(
        "huyen-a",
        "villages,2024,actual,237\ncovered,2024,actual,2350\ncoverage_pct,2024,actual,99.2",
    );
    let vi = p.check_fails(None);
    assert_eq!(errors(&vi).len(), 1, "{vi}");
    assert!(
        warnings_about(&vi, "khác số tính từ các thành phần").is_empty(),
        "{vi}"
    );
}

#[test]
fn a_share_typed_in_above_100_is_refused_and_a_growth_rate_above_100_is_only_warned_about() {
    let p = project();
    p.values(
        "huyen-a",
        "internet_pct,2024,actual,87.7\nrevenue_growth_pct,2024,actual,12.5",
    );
    let printed = refused_and_site_kept(&p, |p| {
        p.values(
            "huyen-a",
            "internet_pct,2024,actual,877\nrevenue_growth_pct,2024,actual,125",
        );
    });
    assert_eq!(
        errors(&printed),
        ["data/values/huyen-a.csv:2 (cột `value`): lỗi: tỷ lệ 877,0 % của `internet_pct` (Tỷ lệ hộ gia đình có Internet) lớn hơn 100 %. Đây là tỷ lệ phần trăm của một tổng thể nên chỉ từ 0 đến 100 %: kiểm tra dấu thập phân (ví dụ gõ `877` thay cho `87,7`), hoặc có nhập nhầm số lượng thay cho tỷ lệ không. (Nếu chỉ tiêu này là tỷ lệ so sánh được phép vượt 100 %, như tốc độ tăng trưởng hay tỷ lệ so với kế hoạch, ghi rõ “tăng trưởng” hoặc “so với” trong tên chỉ tiêu ở data/indicators.csv.)"],
        "{printed}"
    );
    assert_eq!(
        warnings_about(&printed, "revenue_growth_pct"),
        ["data/values/huyen-a.csv:3 (cột `value`): cảnh báo: tỷ lệ 125,0 % của `revenue_growth_pct` (Tốc độ tăng trưởng doanh thu) lớn hơn 100 %. Chỉ tiêu này là tỷ lệ so sánh nên được phép vượt 100 %, nhưng hãy kiểm tra lỗi gõ; nếu số đúng thì để nguyên."],
        "{printed}"
    );
    let en = p.check_fails(Some("en"));
    assert_eq!(
        errors(&en),
        ["data/values/huyen-a.csv:2 (column `value`): error: the percentage 877.0% of `internet_pct` (Households with Internet) is above 100%. It is a share of a whole, so it lies between 0 and 100%: check the decimal point (e.g. `877` typed for `87.7`), or whether a count was entered instead of the share. (If this indicator compares two figures and may be above 100%, like a growth rate or a figure against the plan, say \"growth\" or \"compared\" in its name in data/indicators.csv.)"],
        "{en}"
    );
    assert_eq!(
        warnings_about(&en, "revenue_growth_pct"),
        ["data/values/huyen-a.csv:3 (column `value`): warning: the percentage 125.0% of `revenue_growth_pct` (Revenue growth) is above 100%. This indicator compares two figures, so it may be above 100%, but check for a typo; if the figure is right, leave it."],
        "{en}"
    );
    // The growth rate alone builds.
    p.values(
        "huyen-a",
        "internet_pct,2024,actual,87.7\nrevenue_growth_pct,2024,actual,125",
    );
    let site = p.build();
    site.assert_value("001", "revenue_growth_pct", "2024", "actual", "125.0");
}

#[test]
fn a_target_range_of_a_share_that_ends_above_100_is_refused() {
    let p = project();
    p.values("huyen-a", "egov_pct,2025,target,80..120");
    let en = p.check_fails(Some("en"));
    assert!(
        en.contains("data/values/huyen-a.csv:2 (column `value`): error: the percentage 120% of `egov_pct` (Applications filed online) is above 100%."),
        "{en}"
    );
}

#[test]
fn bts_sites_from_181_to_1810_are_warned_about_with_the_indicator_periods_and_figures() {
    let p = project();
    p.values(
        "huyen-a",
        "bts_sites,2024,actual,181\nbts_sites,2025,actual,1810",
    );
    let vi = p.check(None);
    assert_eq!(
        warnings_about(&vi, "`bts_sites` ("),
        ["data/values/huyen-a.csv:3 (cột `value`): cảnh báo: `bts_sites` (Số vị trí trạm BTS): số thực hiện tăng hơn 5 lần, từ 181 vị trí trạm (năm 2024) lên 1.810 vị trí trạm (năm 2025); kiểm tra lỗi gõ (thừa chữ số, hoặc dấu thập phân bị bỏ hay bị đọc thành dấu phân cách hàng nghìn?). Nếu số đúng thì để nguyên."],
        "{vi}"
    );
    let en = p.check(Some("en"));
    assert_eq!(
        warnings_about(&en, "`bts_sites` ("),
        ["data/values/huyen-a.csv:3 (column `value`): warning: `bts_sites` (BTS sites): the actual figure grows more than 5 times, from 181 sites (2024) to 1,810 sites (2025); check for a typo (a digit too many, or a decimal point left out or read as a thousands separator?). If the figure is right, leave it."],
        "{en}"
    );
}

#[test]
fn a_fall_below_a_fifth_is_warned_about_once_and_the_way_back_is_not() {
    let p = project();
    // 54748 → 5474 (a digit dropped) → 55120: one warning, at the typo's line.
    p.values(
        "huyen-a",
        "subscribers,2023,actual,54748\nsubscribers,2024,actual,5474\nsubscribers,2025,actual,55120",
    );
    let vi = p.check(None);
    assert_eq!(
        warnings_about(&vi, "`subscribers` ("),
        ["data/values/huyen-a.csv:3 (cột `value`): cảnh báo: `subscribers` (Số thuê bao di động): số thực hiện giảm còn dưới một phần năm, từ 54.748 thuê bao (năm 2023) xuống 5.474 thuê bao (năm 2024); kiểm tra lỗi gõ (thiếu chữ số, hoặc dấu phân cách hàng nghìn bị đọc thành dấu thập phân?). Nếu số đúng thì để nguyên."],
        "{vi}"
    );
    let en = p.check(Some("en"));
    assert_eq!(
        warnings_about(&en, "`subscribers` ("),
        ["data/values/huyen-a.csv:3 (column `value`): warning: `subscribers` (Mobile subscriptions): the actual figure falls below a fifth, from 54,748 subscriptions (2023) to 5,474 subscriptions (2024); check for a typo (a digit missing, or a thousands separator read as a decimal point?). If the figure is right, leave it."],
        "{en}"
    );
}

#[test]
fn a_stock_that_halves_names_the_indicator_the_periods_and_the_line_in_its_own_format() {
    let p = project();
    p.values(
        "huyen-a",
        "internet_pct,2023,actual,79\ninternet_pct,2024-H1,actual,30.1",
    );
    let vi = p.check(None);
    assert_eq!(
        warnings_about(&vi, "internet_pct"),
        ["data/values/huyen-a.csv:3 (cột `value`): cảnh báo: `internet_pct` (Tỷ lệ hộ gia đình có Internet): số thực hiện giảm hơn một nửa, từ 79,0 % (năm 2023) xuống 30,1 % (6 tháng đầu năm 2024); kiểm tra lỗi gõ. Nếu số đúng thì để nguyên."],
        "{vi}"
    );
    let en = p.check(Some("en"));
    assert_eq!(
        warnings_about(&en, "internet_pct"),
        ["data/values/huyen-a.csv:3 (column `value`): warning: `internet_pct` (Households with Internet): the actual figure drops by more than half, from 79.0% (2023) to 30.1% (the first half of 2024); check for a typo. If the figure is right, leave it."],
        "{en}"
    );
}

#[test]
fn flows_compare_a_half_year_with_the_half_year_before_and_targets_with_targets() {
    let p = project();
    // Six months of revenue is about half a year's: 1000 → 450 is no fall. 2025-H1 against
    // 2024-H1 (400 → 2100) is a rise of 5.25 times. Targets 2024 → 2025: 200 → 1100.
    p.values(
        "huyen-a",
        "revenue,2024-H1,actual,400
         revenue,2024,actual,1000
         revenue,2025-H1,actual,2100
         bts_sites,2024,target,200
         bts_sites,2025,target,1100",
    );
    let en = p.check(Some("en"));
    assert_eq!(
        warnings_about(&en, "grows more than 5 times"),
        [
            "data/values/huyen-a.csv:4 (column `value`): warning: `revenue` (Telecom revenue): the actual figure grows more than 5 times, from 400 million VND (the first half of 2024) to 2,100 million VND (the first half of 2025); check for a typo (a digit too many, or a decimal point left out or read as a thousands separator?). If the figure is right, leave it.",
            "data/values/huyen-a.csv:6 (column `value`): warning: `bts_sites` (BTS sites): the target grows more than 5 times, from 200 sites (2024) to 1,100 sites (2025); check for a typo (a digit too many, or a decimal point left out or read as a thousands separator?). If the figure is right, leave it.",
        ],
        "{en}"
    );
    let vi = p.check(None);
    assert!(
        vi.contains("`bts_sites` (Số vị trí trạm BTS): chỉ tiêu kế hoạch tăng hơn 5 lần, từ 200 vị trí trạm (năm 2024) lên 1.100 vị trí trạm (năm 2025)"),
        "{vi}"
    );
}

#[test]
fn the_goal_of_a_down_indicator_small_counts_zeros_and_growth_over_years_are_not_warned_about() {
    let p = project();
    p.values(
        "huyen-a",
        // Villages without signal falling to a fiftieth is the goal.
        "no_signal,2023,actual,100
         no_signal,2024,actual,2
         covered,2023,actual,1
         covered,2024,actual,6
         villages,2023,actual,40
         villages,2024,actual,40
         bts_sites,2023,actual,0
         bts_sites,2024,actual,12
         subscribers,2021,actual,1000
         subscribers,2024,actual,9000",
    );
    let vi = p.check(None);
    for quiet in ["no_signal", "covered", "bts_sites", "subscribers"] {
        let named = format!("`{quiet}` (");
        assert!(warnings_about(&vi, &named).is_empty(), "{quiet}:\n{vi}");
    }
    // A rise of a `down` indicator is still a typo's sign.
    p.values(
        "huyen-a",
        "no_signal,2023,actual,12\nno_signal,2024,actual,120",
    );
    let en = p.check(Some("en"));
    assert_eq!(warnings_about(&en, "`no_signal` (").len(), 1, "{en}");
}
