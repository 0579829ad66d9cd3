//! What the site publishes, as the data contract defines it
//! (/work/shared/docs/data-contract.md, "Numbers" and "Open data the site publishes"): plain,
//! rounded numbers in the open data, Vietnamese numbers in semicolon files read the same as
//! plain ones in comma files, identical input gives identical output, and the HTML pages show
//! Vietnamese numbers and link to each other relatively.

use std::collections::BTreeMap;

use crate::common::{self, hrefs, text_nodes, Project, Site, DISTRICT_A, DISTRICT_B, PROVINCE};

/// The `decimals` column of the shared catalogue, by indicator code.
fn decimals() -> BTreeMap<String, usize> {
    common::Csv::parse(common::INDICATORS)
        .rows
        .iter()
        .map(|r| {
            (
                r.get("code").to_string(),
                r.get("decimals").parse().unwrap(),
            )
        })
        .collect()
}

/// Whether `cell` is a plain number with exactly `decimals` digits after a `.`: `-12`, `3.14`.
fn is_plain(cell: &str, decimals: usize) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, f),
        None => (digits, ""),
    };
    !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.len() == decimals
        && frac.bytes().all(|b| b.is_ascii_digit())
}

#[test]
fn values_csv_is_plain_and_rounded_to_each_indicators_decimals() {
    let project = Project::province_with_two_districts();
    // A plan that holds the 2022 and 2024 figures (alone, the 2025 target makes the plan
    // 2025–2025, with no figure within it).
    project.plan("2021-2025", 2021, 2025);
    project
        .values("tinh", "internet_pct,2025,target,90")
        .values(
            "huyen-a",
            "revenue,2024,actual,10.4
             ratio,2024,actual,3.14159
             ratio,2023,actual,2.5
             internet_pct,2022,actual,60
             internet_pct,2024,actual,72
             subscribers,2024,actual,1234567
             population,2024,actual,1475000",
        )
        .values(
            "huyen-b",
            "revenue,2024,actual,20.4
             subscribers,2024,actual,765433
             population,2024,actual,1025000",
        );
    let site = project.build();

    let v = |unit, indicator, period, value| {
        site.assert_value(unit, indicator, period, "actual", value)
    };
    // revenue has 0 decimals: 10.4 → 10, 20.4 → 20; the province's sum is taken at full
    // precision, 10.4 + 20.4 = 30.8 → 31 (not 10 + 20 = 30).
    v(DISTRICT_A, "revenue", "2024", "10");
    v(DISTRICT_B, "revenue", "2024", "20");
    v(PROVINCE, "revenue", "2024", "31");
    // ratio has 2 decimals: 3.14159 → 3.14; 2.5 → 2.50.
    v(DISTRICT_A, "ratio", "2024", "3.14");
    v(DISTRICT_A, "ratio", "2023", "2.50");
    // internet_pct has 1 decimal: 72 → 72.0.
    v(DISTRICT_A, "internet_pct", "2024", "72.0");
    // No thousands separators: 1234567; the province 1234567 + 765433 = 2000000.
    v(DISTRICT_A, "subscribers", "2024", "1234567");
    v(PROVINCE, "subscribers", "2024", "2000000");
    // per_100: 100 × 1234567 ÷ 1475000 = 83.699… → 83.7; province 100 × 2000000 ÷ 2500000 = 80.0.
    v(DISTRICT_A, "per_100", "2024", "83.7");
    v(PROVINCE, "per_100", "2024", "80.0");
    // The range target's lower bound and every other value: plain, with exactly `decimals` digits.
    let decimals = decimals();
    for row in &site.values().rows {
        let d = decimals[row.get("indicator")];
        assert!(
            is_plain(row.get("value"), d),
            "not plain with {d} decimals: {row:?}"
        );
    }

    // progress.csv: percentages with one decimal. achievement 100 × 72 ÷ 90 = 80.0;
    // progress 100 × (72 − 60) ÷ (90 − 60) = 40.0.
    let p = site
        .progress_of(DISTRICT_A, "internet_pct")
        .expect("a progress row");
    assert_eq!(p.get("achievement_pct"), "80.0");
    assert_eq!(p.get("progress_pct"), "40.0");
    for row in &site.progress().rows {
        for col in ["achievement_pct", "progress_pct"] {
            let cell = row.get(col);
            assert!(cell.is_empty() || is_plain(cell, 1), "{col} of {row:?}");
        }
        let d = decimals[row.get("indicator")];
        for col in ["baseline_value", "latest_value", "target_value"] {
            let cell = row.get(col);
            assert!(cell.is_empty() || is_plain(cell, d), "{col} of {row:?}");
        }
    }
}

#[test]
fn values_are_rounded_half_away_from_zero_as_written() {
    let project = Project::province_with_two_districts();
    project.values(
        "huyen-a",
        // ratio has 2 decimals. Rounding the decimal numbers as written, half away from zero
        // (chiso's documented choice in src/format.rs):
        // 1.005 → 1.01, 2.675 → 2.68, 0.145 → 0.15, 1.125 → 1.13 (the last is exact in binary).
        "ratio,2021,actual,1.005
         ratio,2022,actual,2.675
         ratio,2023,actual,0.145
         ratio,2024,actual,1.125",
    );
    let site = project.build();

    for (period, expected) in [
        ("2021", "1.01"),
        ("2022", "2.68"),
        ("2023", "0.15"),
        ("2024", "1.13"),
    ] {
        site.assert_value(DISTRICT_A, "ratio", period, "actual", expected);
    }
}

/// The same figures for An Bình, as a comma file with plain numbers and as a semicolon file
/// with Vietnamese numbers.
const PLAIN_VALUES: &str = "\
indicator,period,kind,value,source,note
subscribers,2023,actual,54748,Báo cáo của Sở,
subscribers,2024,actual,1234567,Báo cáo của Sở,có ghi chú
population,2024,actual,1475000,Niên giám thống kê,
internet_pct,2023,actual,80.5,Báo cáo của Sở,
internet_pct,2024,actual,87.7,Báo cáo của Sở,
revenue,2024,actual,9187.7,Báo cáo của Sở,
ratio,2024,actual,0.25,Báo cáo của Sở,
egov_pct,2023,actual,55,Báo cáo của Sở,
egov_pct,2025,target,70..100,Kế hoạch của tỉnh,
internet_pct,2025,target,95.5,Kế hoạch của tỉnh,
";

const VIETNAMESE_VALUES: &str = "\
indicator;period;kind;value;source;note
subscribers;2023;actual;54.748;Báo cáo của Sở;
subscribers;2024;actual;1.234.567;Báo cáo của Sở;có ghi chú
population;2024;actual;1.475.000;Niên giám thống kê;
internet_pct;2023;actual;80,5;Báo cáo của Sở;
internet_pct;2024;actual;87,7;Báo cáo của Sở;
revenue;2024;actual;9.187,7;Báo cáo của Sở;
ratio;2024;actual;0,25;Báo cáo của Sở;
egov_pct;2023;actual;55;Báo cáo của Sở;
egov_pct;2025;target;70..100;Kế hoạch của tỉnh;
internet_pct;2025;target;95,5;Kế hoạch của tỉnh;
";

fn project_with_values_file(huyen_a: &str) -> Project {
    let project = Project::province_with_two_districts();
    project.write("data/values/huyen-a.csv", huyen_a).values(
        "huyen-b",
        "subscribers,2023,actual,45252
         subscribers,2024,actual,765433
         population,2024,actual,1025000
         revenue,2024,actual,812.3",
    );
    project
}

#[test]
fn a_semicolon_file_with_vietnamese_numbers_publishes_the_same_as_a_comma_file() {
    let (plain_project, vietnamese_project) = (
        project_with_values_file(PLAIN_VALUES),
        project_with_values_file(VIETNAMESE_VALUES),
    );
    let plain = plain_project.build();
    let vietnamese = vietnamese_project.build();

    // Spot checks first, for a readable failure: 54.748 is 54748, 87,7 is 87.7.
    vietnamese.assert_value(DISTRICT_A, "subscribers", "2023", "actual", "54748");
    vietnamese.assert_value(DISTRICT_A, "internet_pct", "2024", "actual", "87.7");
    // 9.187,7 → 9187.7 → 9188 at 0 decimals; the province 9187.7 + 812.3 = 10000.
    vietnamese.assert_value(PROVINCE, "revenue", "2024", "actual", "10000");
    // Then the files, byte for byte.
    for file in [
        "data/values.csv",
        "data/progress.csv",
        "data/huyen-a.csv",
        "data/tinh.csv",
    ] {
        assert_eq!(
            vietnamese.read(file),
            plain.read(file),
            "{file} differs between the semicolon and the comma version"
        );
    }
}

/// Asserts that two sites hold the same files with the same bytes.
fn assert_same_files(a: &Site, b: &Site) {
    let (fa, fb) = (a.files(), b.files());
    let names_a: Vec<_> = fa.keys().collect();
    let names_b: Vec<_> = fb.keys().collect();
    assert_eq!(names_a, names_b, "the two builds wrote different files");
    for (path, bytes) in &fa {
        assert!(
            bytes == &fb[path],
            "{} differs between two builds",
            path.display()
        );
    }
}

#[test]
fn identical_input_gives_byte_identical_output() {
    let project = project_with_values_file(PLAIN_VALUES);
    project
        .values(
            "tinh",
            "internet_pct,2025,target,90\ncoverage_pct,2025,target,100",
        )
        .write(
            "content/_index.md",
            "# Tỉnh Thử Nghiệm\n\nChỉ số *thử nghiệm*.\n",
        )
        .write(
            "content/huyen-a.md",
            "Huyện An Bình đã phủ sóng **87,7 %** hộ gia đình.\n",
        );
    let first = project.build();
    let other = tempfile::tempdir().expect("a temporary folder");
    let second = project.build_to(&other.path().join("site"));

    assert!(
        first.files().len() > 10,
        "a whole site: {:?}",
        first.files().keys()
    );
    assert_same_files(&first, &second);
}

#[test]
fn district_page_shows_its_name_and_vietnamese_numbers_and_the_index_links_to_it() {
    let project = Project::new(
        "11,dien-bien,Tỉnh Điện Biên,Dien Bien Province,province,
099,tuan-giao,Huyện Tuần Giáo,Tuan Giao District,district,11
100,muong-ang,Huyện Mường Ảng,Muong Ang District,district,11
",
    );
    project
        .values(
            "tuan-giao",
            "subscribers,2024,actual,54748
             internet_pct,2024,actual,87.7",
        )
        .values("muong-ang", "subscribers,2024,actual,30125");
    let site = project.build();

    let page = site.read("tuan-giao/index.html");
    let text = text_nodes(&page);
    assert!(
        text.iter().any(|t| t.contains("Huyện Tuần Giáo")),
        "the district's name:\n{text:#?}"
    );
    // 54748 the Vietnamese way: `.` groups thousands; 87.7 with a decimal comma.
    assert!(
        text.iter().any(|t| t == "54.748" || t.contains("54.748")),
        "54.748:\n{text:#?}"
    );
    assert!(text.iter().any(|t| t.contains("87,7")), "87,7:\n{text:#?}");
    assert!(
        !text.iter().any(|t| t.contains("54748")),
        "an unformatted 54748 is shown:\n{text:#?}"
    );
    // The English page groups the English way.
    let english = text_nodes(&site.read("en/tuan-giao/index.html"));
    assert!(
        english.iter().any(|t| t.contains("54,748")),
        "54,748:\n{english:#?}"
    );
    // The unit's open data files are linked from its page.
    let links = hrefs(&page);
    assert!(
        links.iter().any(|h| h == "../data/tuan-giao.csv"),
        "CSV link: {links:?}"
    );
    assert!(
        links.iter().any(|h| h == "../data/tuan-giao.json"),
        "JSON link: {links:?}"
    );

    // The home page links to every district with a relative link.
    let index = hrefs(&site.read("index.html"));
    for slug in ["tuan-giao", "muong-ang"] {
        let link = format!("{slug}/index.html");
        assert!(
            index.contains(&link),
            "index.html has no link to {link}: {index:?}"
        );
        assert!(
            site.path(&link).is_file(),
            "{link} is not a page of the site"
        );
    }
}

#[test]
fn a_page_written_in_one_language_only_is_published_in_both() {
    let project = Project::province_with_two_districts();
    project
        .write(
            "content/pages/contact.en.md",
            "+++\ntitle = \"Contact\"\n+++\nWrite to the department.\n",
        )
        .write(
            "content/pages/gioi-thieu.md",
            "+++\ntitle = \"Giới thiệu\"\n+++\nTrang của Sở.\n",
        );
    let site = project.build();

    // Written in English only: the Vietnamese page gives the English text, says so, and marks
    // its language; the menu of both languages lists it.
    let vi = site.read("pages/contact/index.html");
    assert!(vi.contains("Trang này chỉ có bằng tiếng Anh"), "{vi}");
    assert!(
        vi.contains("<div class=\"narrative\" lang=\"en\"><p>Write to the department.</p>"),
        "{vi}"
    );
    let en = site.read("en/pages/contact/index.html");
    assert!(en.contains("<p>Write to the department.</p>"), "{en}");
    assert!(!en.contains("available in English only"), "{en}");
    assert!(!en.contains("lang=\"vi\"><p>Write"), "{en}");
    for page in ["index.html", "en/index.html"] {
        let links = hrefs(&site.read(page));
        assert!(
            links
                .iter()
                .any(|h| h.ends_with("pages/contact/index.html")),
            "{page}: {links:?}"
        );
    }

    // Written in Vietnamese only: the English page gives the Vietnamese text, as before.
    let en = site.read("en/pages/gioi-thieu/index.html");
    assert!(en.contains("available in Vietnamese only"), "{en}");
    assert!(en.contains("lang=\"vi\"><p>Trang của Sở.</p>"), "{en}");
    let vi = site.read("pages/gioi-thieu/index.html");
    assert!(!vi.contains("chỉ có bằng tiếng"), "{vi}");
}
