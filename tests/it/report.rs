//! The half-year report of the province's template (Phụ lục 5, Part One section II and Part Two
//! section II), computed for every unit and every year with first-half figures.
//!
//! Every test builds a small project with the real binary and reads the published
//! `data/reports/<slug>.csv` (both tables of every half-year), `<slug>.xlsx` (a sheet per
//! half-year), a parent's `<slug>-<Y>-H1-compilation.xlsx` and the report pages. Expected
//! numbers are worked out by hand in the comments. The catalogue is `common::INDICATORS`.

use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};

use crate::common::{self, hrefs, text_nodes, Csv, Project, Row, Site};

/// A province and two districts. District A has every kind of row: all five figures, missing
/// parts, zero parts, a zero plan, a `down` indicator, plans inherited from the province (one a
/// range) and figures computed from parts. District B has only enough for the province's sums.
fn fixture() -> Project {
    let project = Project::province_with_two_districts();
    project.values(
        "tinh",
        // Inherited by the districts: coverage_pct is derived and internet_pct is not summed.
        "coverage_pct,2024,target,95
         coverage_pct,2025,target,100
         internet_pct,2024,target,60..80",
    );
    project.values(
        "huyen-a",
        "subscribers,2023-H1,actual,1000
         subscribers,2023,actual,1100
         subscribers,2024,target,1200
         subscribers,2024-H1,actual,1150
         subscribers,2024,estimate,1250
         subscribers,2025,target,1300
         covered,2024-H1,actual,45
         villages,2024-H1,actual,50
         covered,2024,estimate,47
         villages,2024,estimate,50
         revenue,2023-H1,actual,0
         revenue,2023,actual,900
         revenue,2024-H1,actual,500
         internet_pct,2024,estimate,65
         egov_pct,2024,target,0
         egov_pct,2024,estimate,10
         no_signal,2024,target,2
         no_signal,2024-H1,actual,2
         no_signal,2024,estimate,1",
    );
    project.values(
        "huyen-b",
        "subscribers,2024-H1,actual,2000
         covered,2024-H1,actual,20
         villages,2024-H1,actual,40",
    );
    project
}

fn report_csv(site: &Site, name: &str) -> Csv {
    common::report_table(site, name)
}

fn row(csv: &Csv, indicator: &str) -> Row {
    csv.find(&[("indicator", indicator)])
        .unwrap_or_else(|| panic!("no row for `{indicator}`"))
}

/// The cells of `columns`, in order.
fn cells(r: &Row, columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| r.get(c).to_string()).collect()
}

const FIGURES: &[&str] = &[
    "h1_prev",
    "prev_year",
    "plan",
    "h1",
    "estimate",
    "pct_h1_plan",
    "pct_h1_h1prev",
    "pct_estimate_plan",
];

#[test]
fn the_table_has_the_template_columns_in_catalogue_order() {
    let project = fixture();
    let site = project.build();
    let csv = report_csv(&site, "huyen-a-2024-H1");
    assert_eq!(
        csv.header,
        [
            "half_year",
            "part",
            "stt",
            "indicator",
            "name",
            "unit",
            "h1_prev",
            "prev_year",
            "plan",
            "h1",
            "estimate",
            "pct_h1_plan",
            "pct_h1_h1prev",
            "pct_estimate_plan",
            "plan_next",
            "pct_plan_estimate"
        ]
    );
    let order: Vec<(String, String)> = csv
        .rows
        .iter()
        .map(|r| (r.get("stt").to_string(), r.get("indicator").to_string()))
        .collect();
    let expected = [
        "villages",
        "covered",
        "coverage_pct",
        "subscribers",
        "revenue",
        "internet_pct",
        "egov_pct",
        "no_signal",
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .enumerate()
        .map(|(n, code)| ((n + 1).to_string(), code.to_string()))
        .collect();
    // STT runs on through the groups; indicators without any of the five figures (population,
    // per_100, ratio) have no row, and group headings are not rows of data.
    assert_eq!(order, expected);
    let subscribers = row(&csv, "subscribers");
    assert_eq!(subscribers.get("name"), "Số thuê bao di động");
    assert_eq!(subscribers.get("unit"), "Thuê bao");
}

#[test]
fn figures_and_percentages_are_known_answers() {
    let project = fixture();
    let site = project.build();
    let csv = report_csv(&site, "huyen-a-2024-H1");
    // All five: 9 = 1150 / 1200 = 95.83 %, 10 = 1150 / 1000 = 115 %, 11 = 1250 / 1200 = 104.17 %.
    assert_eq!(
        cells(&row(&csv, "subscribers"), FIGURES),
        ["1000", "1100", "1200", "1150", "1250", "95.8", "115.0", "104.2"]
    );
    // Derived from its parts: 100 × 45 ÷ 50 = 90.0 and 100 × 47 ÷ 50 = 94.0; the plan is the
    // province's 95 (a district with no target of its own); 9 = 90 / 95 = 94.74 %,
    // 11 = 94 / 95 = 98.95 %; no first half of 2023, so 10 is empty.
    assert_eq!(
        cells(&row(&csv, "coverage_pct"), FIGURES),
        ["", "", "95.0", "90.0", "94.0", "94.7", "", "98.9"]
    );
    // A zero first half of 2023 divides nothing (10 empty), and there is no plan (9, 11 empty).
    assert_eq!(
        cells(&row(&csv, "revenue"), FIGURES),
        ["0", "900", "", "500", "", "", "", ""]
    );
    // The province's range 60..80 applies with its lower bound: 11 = 65 / 60 = 108.33 %.
    assert_eq!(
        cells(&row(&csv, "internet_pct"), FIGURES),
        ["", "", "60.0", "", "65.0", "", "", "108.3"]
    );
    // A zero plan: its percentages are empty.
    assert_eq!(
        cells(&row(&csv, "egov_pct"), FIGURES),
        ["", "", "0", "", "10", "", "", ""]
    );
    // A part of a derived figure is a row of its own, with the figures it has.
    assert_eq!(
        cells(&row(&csv, "villages"), FIGURES),
        ["", "", "", "50", "50", "", "", ""]
    );
}

#[test]
fn the_province_report_uses_computed_figures() {
    let project = fixture();
    let site = project.build();
    let csv = report_csv(&site, "tinh-2024-H1");
    // Summed over both districts: 1150 + 2000; coverage derived from the sums:
    // 100 × (45 + 20) ÷ (50 + 40) = 72.22 %, against its own plan 95: 72.22 / 95 = 76.02 %.
    assert_eq!(row(&csv, "subscribers").get("h1"), "3150");
    assert_eq!(
        cells(&row(&csv, "coverage_pct"), &["plan", "h1", "pct_h1_plan"]),
        ["95.0", "72.2", "76.0"]
    );
    // The root unit's page sits at the root of each language.
    let page = site.read("reports/2024-H1/index.html");
    assert!(page.contains("Tỉnh Thử Nghiệm"));
    assert!(site.path("en/reports/2024-H1/index.html").is_file());
}

#[test]
fn a_report_for_every_year_with_first_half_figures() {
    let project = fixture();
    let site = project.build();
    for file in [
        "data/reports/huyen-a.csv",
        "data/reports/huyen-a.xlsx",
        "data/reports/huyen-a-2023-H1.docx",
        "data/reports/huyen-a-2024-H1.docx",
        "data/reports/huyen-b.csv",
        "data/reports/tinh-2024-H1-compilation.xlsx",
        "huyen-a/reports/2023-H1/index.html",
        "huyen-a/reports/2024-H1/index.html",
        "en/huyen-a/reports/2024-H1/index.html",
    ] {
        assert!(site.path(file).is_file(), "{file}");
    }
    for name in [
        // District B has no subscribers for 2023-H1, so the province has no sum for it; and
        // nobody has figures for 2022-H1.
        "tinh-2023-H1",
        "huyen-a-2022-H1",
        "huyen-b-2023-H1",
    ] {
        assert!(report_csv(&site, name).rows.is_empty(), "{name}");
        assert!(
            !site.path(&format!("data/reports/{name}.docx")).exists(),
            "{name}"
        );
    }
    // The old files of one report half-year are gone: one workbook and one CSV per unit.
    for file in [
        "data/reports/huyen-a-2024-H1.csv",
        "data/reports/huyen-a-2024-H1-plan.csv",
        "data/reports/huyen-a-2024-H1.xlsx",
        // A district has nothing under it to compile.
        "data/reports/huyen-a-2024-H1-compilation.xlsx",
    ] {
        assert!(!site.path(file).exists(), "{file}");
    }
    // The 2023 report: figures of 2023 in columns 7 and 8, of 2022 in 4 and 5.
    let csv = report_csv(&site, "huyen-a-2023-H1");
    assert_eq!(
        cells(&row(&csv, "subscribers"), FIGURES),
        ["", "", "", "1000", "", "", "", ""]
    );
}

#[test]
fn the_summary_sentence_counts_plans_met_in_each_direction() {
    let project = fixture();
    let site = project.build();
    // With both an estimate and a plan for 2024: subscribers 1250 ≥ 1200 met; coverage 94 < 95
    // (inherited) not met; internet 65 ≥ 60 (inherited) met; egov 10 ≥ 0 met; no_signal is
    // `down`: 1 ≤ 2 met. 5 indicators, 4 met, 1 not met.
    let vi = text_nodes(&site.read("huyen-a/reports/2024-H1/index.html"));
    let sentence = "Trong số 5 chỉ tiêu chủ yếu của kế hoạch năm 2024, dự kiến có 4 chỉ tiêu \
                    đạt và vượt kế hoạch, 1 chỉ tiêu không đạt kế hoạch.";
    assert!(vi.iter().any(|t| t == sentence), "{vi:#?}");
    let en = text_nodes(&site.read("en/huyen-a/reports/2024-H1/index.html"));
    let sentence = "Of the 5 main indicators of the 2024 plan, 4 are expected to meet or exceed \
                    the plan and 1 to fall short of it.";
    assert!(en.iter().any(|t| t == sentence), "{en:#?}");
    // District B has no estimate at all: the report says so in words, not with a sentence of
    // zeros ("Trong số 0 chỉ tiêu…", before plans).
    let b = text_nodes(&site.read("huyen-b/reports/2024-H1/index.html"));
    assert!(
        b.iter()
            .any(|t| t == "Chưa có chỉ tiêu nào có cả kế hoạch và ước thực hiện năm 2024."),
        "{b:#?}"
    );
    assert!(
        !b.iter().any(|t| t.starts_with("Trong số 0 chỉ tiêu")),
        "{b:#?}"
    );
}

#[test]
fn the_page_has_the_template_column_numbers_and_group_numerals() {
    let project = fixture();
    let site = project.build();
    let page = site.read("huyen-a/reports/2024-H1/index.html");
    let text = text_nodes(&page);
    let numbers = [
        "1", "2", "3", "4", "5", "6", "7", "8", "9=7/6", "10=7/4", "11=8/6",
    ];
    let at = text
        .iter()
        .position(|t| t == "9=7/6")
        .expect("the column-number row");
    assert_eq!(text[at - 8..at + 3], numbers);
    assert!(
        text.iter().any(|t| t == "6=5/4"),
        "the plan table's numbers"
    );
    for heading in [
        "Thực hiện 6 tháng đầu năm 2023",
        "Thực hiện năm 2023",
        "Kế hoạch năm 2024",
        "Thực hiện 6 tháng 2024",
        "Ước thực hiện cả năm 2024",
        "Dự báo khả năng thực hiện kế hoạch năm 2024",
        "Các chỉ tiêu chủ yếu của kế hoạch năm 2025",
        "Kế hoạch năm 2025",
    ] {
        assert!(text.iter().any(|t| t == heading), "{heading}");
    }
    // Groups in catalogue order, numbered I, II, III…: Hạ tầng, Thuê bao, Doanh thu, Internet,
    // Chính quyền số, then Hạ tầng again for no_signal, which the catalogue lists last.
    let groups: Vec<&str> = text
        .windows(2)
        .filter(|w| ["I", "II", "III", "IV", "V", "VI"].contains(&w[0].as_str()))
        .map(|w| w[1].as_str())
        .take(6)
        .collect();
    assert_eq!(
        groups,
        [
            "Hạ tầng",
            "Thuê bao",
            "Doanh thu",
            "Internet",
            "Chính quyền số",
            "Hạ tầng"
        ]
    );
    // Vietnamese number forms on the Vietnamese page.
    assert!(text.iter().any(|t| t == "95,8"));
    let links = hrefs(&page);
    for file in [
        "../../../data/reports/huyen-a-2024-H1.docx",
        "../../../data/reports/huyen-a.xlsx",
        "../../../data/reports/huyen-a.csv",
        "../../../huyen-a/index.html",
    ] {
        assert!(links.iter().any(|h| h == file), "{file} in {links:?}");
    }
}

#[test]
fn the_unit_page_links_its_reports() {
    let project = fixture();
    let site = project.build();
    for page in ["huyen-a/index.html", "en/huyen-a/index.html"] {
        let links = hrefs(&site.read(page));
        for report in ["reports/2024-H1/index.html", "reports/2023-H1/index.html"] {
            assert!(links.iter().any(|h| h == report), "{page}: {report}");
        }
    }
    // Every half-year in one file, for an official who wants them all: links that resolve.
    for (page, up) in [
        ("huyen-a/index.html", "../"),
        ("en/huyen-a/index.html", "../../"),
    ] {
        let links = hrefs(&site.read(page));
        for file in ["data/reports/huyen-a.xlsx", "data/reports/huyen-a.csv"] {
            assert!(
                links.contains(&format!("{up}{file}")),
                "{page}: {file} in {links:?}"
            );
            assert!(site.path(file).exists(), "{file}");
        }
    }
    let root = hrefs(&site.read("index.html"));
    assert!(root.iter().any(|h| h == "reports/2024-H1/index.html"));
    let b = hrefs(&site.read("huyen-b/index.html"));
    assert!(!b.iter().any(|h| h == "reports/2023-H1/index.html"));
}

#[test]
fn the_plan_table_compares_next_years_plan_with_the_estimate() {
    let project = fixture();
    let site = project.build();
    let csv = report_csv(&site, "huyen-a-2024-H1-plan");
    // Part One's own columns are empty on Part Two's rows.
    for r in &csv.rows {
        assert_eq!(cells(r, &["h1_prev", "plan", "pct_h1_plan"]), ["", "", ""]);
    }
    let cols = ["stt", "estimate", "plan_next", "pct_plan_estimate"];
    // 1300 / 1250 = 104 %; the province's 2025 coverage 100 / 94 = 106.38 %.
    assert_eq!(
        cells(&row(&csv, "subscribers"), &cols),
        ["4", "1250", "1300", "104.0"]
    );
    assert_eq!(
        cells(&row(&csv, "coverage_pct"), &cols),
        ["3", "94.0", "100.0", "106.4"]
    );
    assert_eq!(cells(&row(&csv, "no_signal"), &cols), ["7", "1", "", ""]);
    assert!(
        csv.find(&[("indicator", "revenue")]).is_none(),
        "no 2024 estimate, no 2025 plan"
    );
}

fn workbook(bytes: &[u8]) -> Xlsx<Cursor<Vec<u8>>> {
    open_workbook_from_rs(Cursor::new(bytes.to_vec())).expect("a workbook that opens")
}

#[test]
fn the_workbook_holds_numbers_and_formulas_and_is_the_same_every_build() {
    let project = fixture();
    let site = project.build();
    let bytes = site.read_bytes("data/reports/huyen-a.xlsx");
    let mut book = workbook(&bytes);
    let names = book.sheet_names();
    // A sheet per half-year, the latest first.
    assert_eq!(names, ["6 tháng 2024", "6 tháng 2023"]);
    let values = book.worksheet_range(&names[0]).expect("the first sheet");
    let formulas = book.worksheet_formula(&names[0]).expect("its formulas");
    // Find subscribers' row by its name in column B.
    let at = (0..values.height() as u32)
        .find(|&r| values.get_value((r, 1)) == Some(&Data::String("Số thuê bao di động".into())))
        .expect("a row for subscribers");
    let numbers: Vec<Option<&Data>> = (3..8).map(|c| values.get_value((at, c))).collect();
    let expected = [1000.0, 1100.0, 1200.0, 1150.0, 1250.0].map(Data::Float);
    assert_eq!(numbers, expected.iter().map(Some).collect::<Vec<_>>());
    // Column 9 = 7/6, in Excel's letters I = G / F, with the result stored for viewers that do
    // not recalculate.
    let n = at + 1;
    let formula = formulas.get_value((at, 8)).expect("a formula in column I");
    assert_eq!(
        formula.trim_start_matches('='),
        format!("IF(AND(ISNUMBER(G{n}),ISNUMBER(F{n}),F{n}<>0),G{n}/F{n}*100,\"\")")
    );
    match values.get_value((at, 8)) {
        Some(Data::Float(v)) => assert!((v - 100.0 * 1150.0 / 1200.0).abs() < 1e-9),
        other => panic!("column I holds {other:?}"),
    }
    // A group row with its Roman numeral, and the column numbers above the first one.
    let first_group = (0..values.height() as u32)
        .find(|&r| values.get_value((r, 0)) == Some(&Data::String("I".into())))
        .expect("group I");
    assert_eq!(
        values.get_value((first_group - 1, 8)),
        Some(&Data::String("9=7/6".into()))
    );

    // The template's look: bordered cells inside the table and none beside it, figures grouped
    // in thousands, ratios with one decimal, bold group rows.
    let styles = book.worksheet_style(&names[0]).expect("its styles");
    let style = |r: u32, c: u32| styles.get((r, c)).cloned().unwrap_or_default();
    let format = |r: u32, c: u32| style(r, c).number_format.map(|f| f.format_code);
    let bordered = |r: u32, c: u32| {
        style(r, c)
            .borders
            .is_some_and(|b| b.left.style == calamine::BorderStyle::Thin)
    };
    assert_eq!(format(at, 3).as_deref(), Some("#,##0"));
    assert_eq!(format(at, 8).as_deref(), Some("0.0"));
    for c in 0..11 {
        assert!(bordered(at, c), "column {c} of the subscribers' row");
        assert!(bordered(first_group, c), "column {c} of group I");
    }
    assert!(!bordered(at, 11), "the cell right of the table");
    assert!(style(first_group, 1).font.is_some_and(|f| f.is_bold()));
    assert!(!style(at, 1).font.is_some_and(|f| f.is_bold()));

    // Identical input, identical bytes: nothing in the file depends on when it was built.
    let second = common::build_root_to(project.root(), &project.root().join("site-again"));
    assert_eq!(bytes, second.read_bytes("data/reports/huyen-a.xlsx"));
    assert_eq!(
        site.read_bytes("data/reports/tinh-2024-H1-compilation.xlsx"),
        second.read_bytes("data/reports/tinh-2024-H1-compilation.xlsx")
    );
}

#[test]
fn a_province_compiles_its_districts_reports_of_a_half_year_in_one_workbook() {
    let project = fixture();
    let site = project.build();
    let mut book = workbook(&site.read_bytes("data/reports/tinh-2024-H1-compilation.xlsx"));
    // The province's own report first, then each district that reported on 2024-H1.
    let names = book.sheet_names();
    assert_eq!(names.len(), 3, "{names:?}");
    let figure = |book: &mut Xlsx<Cursor<Vec<u8>>>, sheet: &str| {
        let values = book.worksheet_range(sheet).expect("a sheet");
        let at = (0..values.height() as u32)
            .find(|&r| {
                values.get_value((r, 1)) == Some(&Data::String("Số thuê bao di động".into()))
            })
            .expect("a row for subscribers");
        values.get_value((at, 6)).cloned()
    };
    // Column 7, the first half: the province's sum, then each district's own.
    assert_eq!(figure(&mut book, &names[0]), Some(Data::Float(3150.0)));
    assert_eq!(figure(&mut book, &names[1]), Some(Data::Float(1150.0)));
    assert_eq!(figure(&mut book, &names[2]), Some(Data::Float(2000.0)));
    // The province's report page links it; a district's has nothing to compile.
    let links = hrefs(&site.read("reports/2024-H1/index.html"));
    assert!(
        links
            .iter()
            .any(|h| h == "../../data/reports/tinh-2024-H1-compilation.xlsx"),
        "{links:?}"
    );
    let links = hrefs(&site.read("huyen-a/reports/2024-H1/index.html"));
    assert!(
        !links.iter().any(|h| h.contains("compilation")),
        "{links:?}"
    );
}
