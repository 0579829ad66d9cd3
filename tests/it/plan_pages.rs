//! What pages say about plans (issue 14, "What citizens and officials see"): the progress
//! section names the current plan; a plan that has ended shows its final result, counted and
//! listed, on the home page, the unit pages and the indicator pages; a unit that ended within a
//! plan shows its result as of its last period and says so; in both languages.
//!
//! Every test builds a small project (the reform fixture and the province's two plans) with the
//! real binary and reads the pages.

use crate::common::{Project, Site, REFORM, TWO_PLANS};

/// The province: `internet_pct` 30 in 2020, 62 in 2025 against 60 (achieved), 63 in 2026-H1
/// (so the current plan is 2026–2030); `egov_pct` 40 in 2020, 70 in 2025 against 80 (missed).
/// District A, which ended after 2025-H1: `internet_pct` 20 in 2020 and 45 in 2025-H1 against
/// the province's 60 (not achieved by its end); nothing of `egov_pct`. District B and the two
/// communes (in force in 2025) have no figure of the plan.
fn site(project: &Project) -> Site<'_> {
    project.write("chiso.toml", TWO_PLANS);
    project
        .values(
            "tinh",
            "internet_pct,2020,actual,30
             internet_pct,2021,target,40
             internet_pct,2025,target,60
             internet_pct,2025,actual,62
             internet_pct,2026-H1,actual,63
             internet_pct,2030,target,80
             egov_pct,2020,actual,40
             egov_pct,2025,target,80
             egov_pct,2025,actual,70
             egov_pct,2030,target,95",
        )
        .values(
            "huyen-a",
            "internet_pct,2020,actual,20
             internet_pct,2025-H1,actual,45",
        );
    project.build()
}

/// The text of the page's section whose heading has `id`, up to the section's end, with
/// non-breaking spaces (between a figure and its unit) as spaces.
fn section(page: &str, id: &str) -> String {
    let start = page
        .find(&format!("<h2 id=\"{id}\""))
        .unwrap_or_else(|| panic!("no section {id} in:\n{page}"));
    let rest = &page[start..];
    rest[..rest.find("</section>").unwrap_or(rest.len())].replace('\u{a0}', " ")
}

#[test]
fn the_progress_heading_names_the_current_plan_in_both_languages() {
    let project = Project::with_lives(REFORM);
    let site = site(&project);
    for (page, vi) in [
        ("index.html", true),
        ("xa-c/index.html", true),
        ("indicators/internet_pct/index.html", true),
        ("en/index.html", false),
        ("en/xa-c/index.html", false),
        ("en/indicators/internet_pct/index.html", false),
    ] {
        let html = site.read(page);
        let heading = if vi {
            "Tiến độ thực hiện Kế hoạch giai đoạn 2026–2030"
        } else {
            "Progress on Plan 2026–2030"
        };
        assert!(html.contains(heading), "{page} names the current plan");
    }
}

#[test]
fn the_home_page_counts_and_lists_the_ended_plans_result() {
    let project = Project::with_lives(REFORM);
    let site = site(&project);
    let home = site.read("index.html");
    let result = section(&home, "h-result-2021-2025");
    assert!(result.contains("Kết quả thực hiện Kế hoạch 4638/KH-UBND giai đoạn 2021–2025"));
    assert!(
        result.contains("Đạt 1/2 chỉ tiêu; 1 không đạt"),
        "counted: {result}"
    );
    // Listed with the final figure against the final target, and each status.
    assert!(result.contains("62,0 % (2025)") && result.contains("60,0 % (2025)"));
    assert!(result.contains("s-achieved") && result.contains("s-missed"));
    // The current plan's progress is measured on its own figures and targets, not these.
    let progress = section(&home, "h-progress");
    assert!(progress.contains("80,0 % (2030)") && !progress.contains("60,0 % (2025)"));
    let en = site.read("en/index.html");
    let result = section(&en, "h-result-2021-2025");
    assert!(result.contains("Result of Plan 4638/KH-UBND, 2021–2025"));
    assert!(
        result.contains("1 of 2 targets achieved; 1 not achieved"),
        "{result}"
    );
}

#[test]
fn a_unit_page_shows_the_ended_plans_result_beside_the_current_progress() {
    let project = Project::with_lives(REFORM);
    let site = site(&project);
    // Xã Cao Sơn began in 2025: it lived through the end of 2021–2025 and inherits the
    // province's targets, without a figure of its own.
    let page = site.read("xa-c/index.html");
    assert!(page.contains("id=\"h-progress\""));
    let result = section(&page, "h-result-2021-2025");
    assert!(
        result.contains("Đạt 0/2 chỉ tiêu; 2 chưa có số liệu"),
        "{result}"
    );
    let en = site.read("en/xa-c/index.html");
    assert!(section(&en, "h-result-2021-2025").contains("0 of 2 targets achieved; 2 without data"));
}

#[test]
fn an_ended_district_shows_its_result_as_of_its_last_period_and_says_so() {
    let project = Project::with_lives(REFORM);
    let site = site(&project);
    let page = site.read("huyen-a/index.html");
    // No progress on a plan it never lived through.
    assert!(!page.contains("id=\"h-progress\""), "{page}");
    let result = section(&page, "h-result-2021-2025");
    assert!(
        result.contains("Đạt 0/2 chỉ tiêu; 1 không đạt, 1 chưa có số liệu"),
        "{result}"
    );
    assert!(result.contains("kết quả đến 6 tháng đầu năm 2025, khi đơn vị kết thúc"));
    assert!(result.contains("45,0 % (6T/2025)"), "{result}");
    let en = site.read("en/huyen-a/index.html");
    let result = section(&en, "h-result-2021-2025");
    assert!(result.contains("0 of 2 targets achieved; 1 not achieved, 1 without data"));
    assert!(
        result.contains("result as of the first half of 2025, when the unit ended"),
        "{result}"
    );
}

#[test]
fn an_indicator_page_counts_the_units_final_results_and_lists_those_with_figures() {
    let project = Project::with_lives(REFORM);
    let site = site(&project);
    let page = site.read("indicators/internet_pct/index.html");
    let result = section(&page, "h-result-2021-2025");
    // The province achieved 60; District A did not by its end; District B and the two
    // communes have no figure.
    assert!(
        result.contains("1/5 đơn vị đạt mục tiêu; 1 không đạt, 3 chưa có số liệu"),
        "{result}"
    );
    assert!(result.contains("Tỉnh Thử Nghiệm") && result.contains("Huyện An Bình"));
    assert!(
        !result.contains("Huyện Bình Minh"),
        "units without figures are counted only"
    );
    // The units that ended together say so once: their results are as of then.
    assert!(result.contains(
        "Kết quả của các đơn vị đã kết thúc sau 6 tháng đầu năm 2025 là kết quả đến kỳ đó."
    ));
    let en = site.read("en/indicators/internet_pct/index.html");
    let result = section(&en, "h-result-2021-2025");
    assert!(
        result.contains("1 of 5 units achieved their target; 1 not achieved, 3 without data"),
        "{result}"
    );
    assert!(result.contains(
        "The results of the units that ended after the first half of 2025 are as of then."
    ));
}

#[test]
fn without_an_ended_plan_pages_show_no_result() {
    let project = Project::with_lives(REFORM);
    project.write("chiso.toml", TWO_PLANS);
    project.values(
        "tinh",
        "internet_pct,2020,actual,30
         internet_pct,2025,target,60
         internet_pct,2024,actual,50",
    );
    let site = project.build();
    let home = site.read("index.html");
    assert!(home.contains("Tiến độ thực hiện Kế hoạch 4638/KH-UBND giai đoạn 2021–2025"));
    assert!(!home.contains("h-result-"));
}
