//! Pages across the 2025 reform, as the data contract's "Units that begin and end" and issue 13
//! ("Pages across the reform") ask: an ended unit keeps its page and says when it ended, a formed
//! unit links back to the units it was formed from, lists keep those that ended apart,
//! comparisons at a period show the units in force then, and the catalogues are published.
//!
//! Every test builds one small project with the real binary and reads the pages it publishes.

use crate::common::{hrefs, text_nodes, Csv, Project, INDICATORS, LIVES_HEADER, REFORM};

/// Key figures: subscriptions (every unit), coverage (every unit), Internet (the province's
/// 2024-H1 figure only: older than the page's latest).
const CONFIG: &str = "\
title = \"Thử nghiệm\"
title_en = \"Test\"
languages = [\"vi\", \"en\"]
headline = [\"subscribers\", \"coverage_pct\", \"internet_pct\"]
[charts]
coverage = [\"coverage_pct\"]
growth = [\"subscribers\"]
";

fn reform() -> Project {
    let p = Project::with_lives(REFORM);
    p.write("chiso.toml", CONFIG);
    p.values("tinh", "internet_pct,2024-H1,actual,50");
    // An Bình keeps targets for years after it ended: a plan set them before the reform.
    p.values(
        "huyen-a",
        "subscribers,2024-H1,actual,900
         subscribers,2024,actual,1000
         subscribers,2025-H1,actual,1100
         villages,2025-H1,actual,10
         covered,2025-H1,actual,8
         subscribers,2025,target,1200
         subscribers,2026-H1,target,1250
         subscribers,2026,target,1300",
    );
    p.values(
        "huyen-b",
        "subscribers,2024-H1,actual,1900
         subscribers,2024,actual,2000
         subscribers,2025-H1,actual,2100
         villages,2025-H1,actual,20
         covered,2025-H1,actual,15",
    );
    p.values(
        "xa-c",
        "subscribers,2025,actual,1500
         subscribers,2026-H1,actual,1600
         villages,2026-H1,actual,12
         covered,2026-H1,actual,11",
    );
    p.values(
        "xa-d",
        "subscribers,2025,actual,1800
         subscribers,2026-H1,actual,1900
         villages,2026-H1,actual,18
         covered,2026-H1,actual,17",
    );
    p
}

/// The part of `html` from the element with `id` to the end of its section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element #{id}"));
    let rest = &html[start..];
    let close = if id.starts_with("fig-") {
        "</figure>"
    } else {
        "</section>"
    };
    let end = rest.find(close).unwrap_or(rest.len());
    &rest[..end]
}

/// The words of `html`, spaces collapsed, tags dropped.
fn words(html: &str) -> String {
    text_nodes(html).join(" ")
}

#[test]
fn an_ended_unit_keeps_its_page_says_when_it_ended_and_links_to_its_successors() {
    let project = reform();
    let site = project.build();
    let vi = site.read("huyen-a/index.html");
    assert!(
        words(&vi).contains(
            "Đơn vị hành chính này kết thúc sau 6 tháng đầu năm 2025 do sắp xếp đơn vị hành chính."
        ),
        "{}",
        words(&vi)
    );
    let links = hrefs(&vi);
    for successor in ["../xa-c/index.html", "../xa-d/index.html"] {
        assert!(
            links.iter().any(|h| h == successor),
            "{successor}: {links:?}"
        );
    }
    let en = words(&site.read("en/huyen-a/index.html"));
    assert!(
        en.contains(
            "This administrative unit ended after the first half of 2025, when administrative units were reorganised."
        ),
        "{en}"
    );
    assert!(en.contains("Its area is now part of"), "{en}");
    // Bình Minh's land went to Đồng Tâm only.
    let b = site.read("huyen-b/index.html");
    assert!(hrefs(&b).iter().any(|h| h == "../xa-d/index.html"));
    assert!(!hrefs(&b).iter().any(|h| h == "../xa-c/index.html"));
}

#[test]
fn a_formed_unit_links_back_to_the_units_it_was_formed_from() {
    let project = reform();
    let site = project.build();
    let vi = site.read("xa-d/index.html");
    let life = &vi[vi
        .find("class=\"life\"")
        .expect("a note on the unit's life")..];
    let life = &life[..life.find("</div>").expect("the note ends")];
    assert_eq!(
        words(life),
        "Thành lập năm 2025 trên cơ sở Huyện An Bình , Huyện Bình Minh ."
    );
    assert_eq!(
        hrefs(life),
        ["../huyen-a/index.html", "../huyen-b/index.html"]
    );
    let en = site.read("en/xa-c/index.html");
    assert!(
        words(&en).contains("Formed in 2025 from An Binh District ."),
        "{}",
        words(&en)
    );
    // A unit that always existed says nothing about its life.
    assert!(!site.read("index.html").contains("class=\"life\""));
}

#[test]
fn lists_of_units_show_those_in_force_first_and_those_that_ended_apart() {
    let project = reform();
    let site = project.build();
    let home = site.read("index.html");
    let units = section(&home, "h-units");
    let ended_at = units
        .find("Đơn vị đã kết thúc sau 6 tháng đầu năm 2025")
        .expect("a heading for the units that ended");
    let (current, ended) = units.split_at(ended_at);
    for commune in ["Xã Cao Sơn", "Xã Đồng Tâm"] {
        assert!(
            current.contains(commune) && !ended.contains(commune),
            "{commune}"
        );
    }
    for district in ["Huyện An Bình", "Huyện Bình Minh"] {
        assert!(
            ended.contains(district) && !current.contains(district),
            "{district}"
        );
    }
    assert!(site
        .read("en/index.html")
        .contains("Units that ended after the first half of 2025"));

    // The indicator page's list of units: the ended ones in a table of their own.
    let page = site.read("indicators/subscribers/index.html");
    let list = section(&page, "h-units");
    let ended_at = list
        .find("id=\"h-units-ended\"")
        .expect("a table of the units that ended");
    let (current, ended) = list.split_at(ended_at);
    assert!(current.contains("Tỉnh Thử Nghiệm") && current.contains("Xã Cao Sơn"));
    assert!(!current.contains("Huyện An Bình"));
    assert!(ended.contains("Huyện An Bình") && ended.contains("1.100\u{a0}thuê bao (6T/2025)"));
}

#[test]
fn a_comparison_at_2026_h1_shows_the_communes_and_no_ended_district() {
    let project = reform();
    let site = project.build();
    let page = site.read("indicators/subscribers/index.html");
    let chart = section(&page, "fig-compare");
    assert!(chart.contains("6 tháng đầu năm 2026"), "{chart}");
    assert!(chart.contains("Xã Cao Sơn") && chart.contains("Xã Đồng Tâm"));
    assert!(
        !chart.contains("Huyện An Bình") && !chart.contains("Huyện Bình Minh"),
        "{chart}"
    );
    let home = site.read("index.html");
    let coverage = section(&home, "fig-coverage");
    assert!(coverage.contains("6 tháng đầu năm 2026"), "{coverage}");
    assert!(coverage.contains("Xã Cao Sơn") && !coverage.contains("Huyện An Bình"));
    // An ended district is compared with the province at its own last period, when both had
    // figures, not at the province's latest.
    let district = site.read("huyen-a/index.html");
    let coverage = section(&district, "fig-coverage");
    assert!(coverage.contains("6 tháng đầu năm 2025"), "{coverage}");
    assert!(
        coverage.contains("80,0") && coverage.contains("76,7"),
        "{coverage}"
    );
}

#[test]
fn a_commune_formed_in_2025_shows_no_change_on_the_same_period_a_year_before() {
    let project = reform();
    let site = project.build();
    let commune = words(section(&site.read("xa-c/index.html"), "h-key"));
    assert!(commune.contains("1.600"), "{commune}");
    assert!(
        !commune.contains("so với") && !commune.contains("tăng"),
        "{commune}"
    );
    // The province existed a year before: 2026-H1 3.500 against 2025-H1 3.200.
    let province = words(section(&site.read("index.html"), "h-key"));
    assert!(
        province.contains("tăng 300 thuê bao (9,4 %) so với cùng kỳ năm 2025"),
        "{province}"
    );
    // The district's last figure is compared with its own a year before.
    let district = words(section(&site.read("huyen-a/index.html"), "h-key"));
    assert!(
        district.contains("tăng 200 thuê bao (22,2 %) so với cùng kỳ năm 2024"),
        "{district}"
    );
}

#[test]
fn a_key_figure_of_an_earlier_period_than_the_pages_latest_says_so() {
    let project = reform();
    let site = project.build();
    let vi = words(section(&site.read("index.html"), "h-key"));
    assert!(
        vi.contains("số liệu 6 tháng đầu năm 2024; chưa có số liệu 6 tháng đầu năm 2026"),
        "{vi}"
    );
    let en = words(section(&site.read("en/index.html"), "h-key"));
    assert!(
        en.contains("figure for the first half of 2024; none yet for the first half of 2026"),
        "{en}"
    );
    // Figures of the page's latest period are not marked.
    assert_eq!(vi.matches("chưa có số liệu").count(), 1, "{vi}");
}

#[test]
fn a_unit_reports_and_tabulates_only_the_half_years_it_lived_in() {
    let project = reform();
    let site = project.build();
    assert!(site.path("huyen-a/reports/2025-H1/index.html").exists());
    assert!(!site.path("huyen-a/reports/2026-H1/index.html").exists());
    assert!(!site.path("data/reports/huyen-a-2026-H1.docx").exists());
    assert!(!site.read("data/reports/huyen-a.csv").contains("2026-H1,"));
    assert!(site.path("xa-c/reports/2026-H1/index.html").exists());
    assert!(!site.path("xa-c/reports/2025-H1/index.html").exists());
    assert!(site.path("reports/2025-H1/index.html").exists());
    assert!(site.path("reports/2026-H1/index.html").exists());
    // The district's tables: its own periods, and its 2025 target (it lived in 2025), but no
    // column for 2026, after it ended.
    let page = site.read("huyen-a/index.html");
    let tables = section(&page, "h-figures");
    assert!(tables.contains(">6T/2025<") && tables.contains(">2025<"));
    assert!(!tables.contains("2026"), "{tables}");
    assert!(!page.contains("reports/2026-H1"));
    // Its last report has no plan for 2026, though a 2026 target was written for it: it says
    // why instead.
    let report = site.read("huyen-a/reports/2025-H1/index.html");
    let plan = section(&report, "h-plan");
    assert!(
        plan.contains(
            "Huyện An Bình kết thúc sau 6 tháng đầu năm 2025, nên không có kế hoạch năm 2026."
        ),
        "{plan}"
    );
    assert!(!plan.contains("1.300"), "{plan}");
    let report = site.read("en/huyen-a/reports/2025-H1/index.html");
    assert!(
        report.contains(
            "An Binh District ended after the first half of 2025, so it has no plan for 2026."
        ),
        "{report}"
    );
}

#[test]
fn search_finds_units_that_ended_and_says_so() {
    let project = reform();
    let site = project.build();
    let vi = site.read("search/index.html");
    let entry = |html: &str, name: &str| -> String {
        let at = html.find(&format!(">{name}</a>")).expect(name);
        let rest = &html[at..];
        words(&rest[..rest.find("</li>").expect("the entry ends")])
    };
    assert_eq!(
        entry(&vi, "Huyện An Bình"),
        "Huyện An Bình Huyện, đã kết thúc sau 6 tháng đầu năm 2025"
    );
    assert_eq!(entry(&vi, "Xã Cao Sơn"), "Xã Cao Sơn Xã");
    let en = site.read("en/search/index.html");
    assert_eq!(
        entry(&en, "An Binh District"),
        "An Binh District District, ended after the first half of 2025"
    );
}

#[test]
fn the_catalogues_of_units_and_indicators_are_published_as_open_data() {
    let project = reform();
    let site = project.build();
    let units = site.read("data/units.csv");
    assert_eq!(units, format!("{LIVES_HEADER}\n{REFORM}"));
    let indicators = Csv::parse(&site.read("data/indicators.csv"));
    assert_eq!(
        site.read("data/indicators.csv").lines().next(),
        INDICATORS.lines().next()
    );
    let per_100 = indicators
        .find(&[("code", "per_100")])
        .expect("the derived indicator");
    assert_eq!(per_100.get("numerator"), "subscribers");
    assert_eq!(per_100.get("denominator"), "population");
    assert_eq!(per_100.get("scale"), "100");
    assert_eq!(per_100.get("aggregate"), "none");
    assert_eq!(per_100.get("decimals"), "1");
    // The catalogue is the project's, row for row.
    assert_eq!(site.read("data/indicators.csv"), INDICATORS);
    for lang in ["", "en/"] {
        let links = hrefs(&site.read(&format!("{lang}data/index.html")));
        for file in ["units.csv", "indicators.csv"] {
            assert!(
                links.iter().any(|h| h.ends_with(&format!("data/{file}"))),
                "{lang}: {file} in {links:?}"
            );
        }
    }
}
