//! The open data as an analyst gets it: `data/datapackage.json` describes every CSV file the site
//! publishes under `data/` (types, keys into the catalogues, licence), each unit's files name
//! the indicators they hold, and `data/chiso-data.xlsx` gathers the tables for Excel.
//!
//! The frictionless validator itself runs on the sample site in scripts/test.sh
//! (scripts/validate-open-data.sh); these tests check what the package says.

use std::collections::BTreeSet;
use std::io::Cursor;

use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
use serde_json::Value;

use crate::common::{hrefs, Project, Site};

/// A province and two districts (codes `01`, `001`, `002`) with first-half figures, so that
/// half-year reports are published too, a range target, and the plan 2021–2025 in which District
/// A has progress to show.
fn fixture() -> Project {
    let project = Project::province_with_two_districts();
    project.plan("2021-2025", 2021, 2025);
    project.values(
        "tinh",
        "coverage_pct,2025,target,90..100
         internet_pct,2025,target,80",
    );
    project.values(
        "huyen-a",
        "subscribers,2024-H1,actual,1150
         subscribers,2024,actual,1200
         covered,2024,actual,45
         villages,2024,actual,50
         internet_pct,2023,actual,40
         internet_pct,2024,actual,55",
    );
    project.values(
        "huyen-b",
        "subscribers,2024-H1,actual,800
         subscribers,2024,actual,900",
    );
    project
}

/// The fixture's plan, as `chiso.toml` declares it.
fn site_plan() -> &'static str {
    "[[plans]]\nid = \"2021-2025\"\nname = \"Kế hoạch 2021-2025\"\nfrom = 2021\nuntil = 2025\n"
}

fn package(site: &Site) -> Value {
    serde_json::from_str(&site.read("data/datapackage.json")).expect("datapackage.json is JSON")
}

fn resource<'a>(package: &'a Value, name: &str) -> &'a Value {
    package["resources"]
        .as_array()
        .expect("a list of resources")
        .iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no resource {name}"))
}

/// A resource's schema, inline or in the file its path names.
fn schema(site: &Site, r: &Value) -> Value {
    match &r["schema"] {
        Value::String(path) => serde_json::from_str(&site.read(&format!("data/{path}")))
            .expect("the schema file is JSON"),
        inline => inline.clone(),
    }
}

fn field<'a>(schema: &'a Value, name: &str) -> &'a Value {
    schema["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .find(|f| f["name"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {schema}"))
}

/// Every `.csv` file under the site's `data/`, by its path from there.
fn csv_files(site: &Site) -> BTreeSet<String> {
    let data = site.path("data");
    walkdir::WalkDir::new(&data)
        .into_iter()
        .map(|e| e.expect("read the site"))
        .filter(|e| e.path().extension().is_some_and(|x| x == "csv"))
        .map(|e| {
            let rel = e.path().strip_prefix(&data).unwrap();
            rel.to_str().unwrap().replace('\\', "/")
        })
        .collect()
}

#[test]
fn the_data_package_lists_every_csv_file_under_data_and_nothing_else() {
    let project = fixture();
    let site = project.build();
    let package = package(&site);
    let listed: BTreeSet<String> = package["resources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["path"].as_str().expect("a path").to_string())
        .collect();
    let published = csv_files(&site);
    assert_eq!(listed, published);
    // Not only the four tables: each unit's file and each unit's reports file.
    for file in [
        "values.csv",
        "progress.csv",
        "units.csv",
        "indicators.csv",
        "huyen-a.csv",
        "reports/huyen-a.csv",
    ] {
        assert!(listed.contains(file), "{file} in {listed:?}");
    }
    // Every resource's schema names the columns of its file's header, in order.
    for r in package["resources"].as_array().unwrap() {
        let path = r["path"].as_str().unwrap();
        let text = site.read(&format!("data/{path}"));
        let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
        let fields: Vec<String> = schema(&site, r)["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["name"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(header, fields, "{path}");
        assert_eq!(r["encoding"], "utf-8", "{path}");
        assert!(
            !text.starts_with('\u{feff}'),
            "{path}: UTF-8 without a byte-order mark"
        );
    }
}

#[test]
fn codes_stay_text_and_the_keys_point_at_the_catalogues() {
    let project = fixture();
    let site = project.build();
    let package = package(&site);

    let values = schema(&site, resource(&package, "values"));
    // `001` must not be read as the number 1.
    assert_eq!(field(&values, "unit")["type"], "string");
    assert_eq!(field(&values, "value")["type"], "number");
    assert_eq!(
        values["primaryKey"],
        serde_json::json!(["unit", "indicator", "period", "kind"])
    );
    let keys = |s: &Value| -> Vec<(String, String, String)> {
        s["foreignKeys"]
            .as_array()
            .unwrap()
            .iter()
            .map(|k| {
                (
                    k["fields"].as_str().unwrap().to_string(),
                    k["reference"]["resource"].as_str().unwrap().to_string(),
                    k["reference"]["fields"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let key = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        keys(&values),
        [
            key("unit", "units", "code"),
            key("indicator", "indicators", "code")
        ]
    );

    let progress = schema(&site, resource(&package, "progress"));
    assert!(keys(&progress).contains(&key("target_unit", "units", "code")));
    let target_unit = field(&progress, "target_unit")["description"]
        .as_str()
        .unwrap();
    assert!(
        target_unit.contains(
            "Code of the administrative unit whose target applies (not a unit of measure)"
        ) && target_unit.contains("Mã của đơn vị hành chính có mục tiêu được áp dụng"),
        "{target_unit}"
    );
    assert_eq!(field(&progress, "achievement_pct")["unit"], "%");
    assert_eq!(field(&progress, "target_year")["type"], "integer");

    let units = schema(&site, resource(&package, "units"));
    assert_eq!(units["primaryKey"], serde_json::json!(["code"]));
    // The parent is a code of the same table.
    assert_eq!(keys(&units), [key("parent", "", "code")]);

    // A unit's file: its indicator is a code of the catalogue.
    let unit = schema(&site, resource(&package, "unit-huyen-a"));
    assert_eq!(keys(&unit), [key("indicator", "indicators", "code")]);
    assert_eq!(field(&unit, "value_max")["type"], "number");
}

#[test]
fn the_licence_is_cc_by_4_0_unless_chiso_toml_names_another() {
    let project = fixture();
    let site = project.build();
    let licences = &package(&site)["licenses"];
    assert_eq!(licences[0]["name"], "CC-BY-4.0");
    assert_eq!(
        licences[0]["path"],
        "https://creativecommons.org/licenses/by/4.0/"
    );
    // In every page's footer, and on the data page.
    for page in [
        "index.html",
        "huyen-a/index.html",
        "en/indicators/index.html",
    ] {
        let html = site.read(page);
        let footer = html.split("<footer").nth(1).expect("a footer");
        assert!(
            footer.contains(
                r#"<a rel="license" href="https://creativecommons.org/licenses/by/4.0/" title="Creative Commons Attribution 4.0">CC-BY-4.0</a>"#
            ),
            "{page}: {footer}"
        );
    }
    assert!(site
        .read("index.html")
        .contains("Dữ liệu được công bố theo giấy phép"));
    assert!(site
        .read("en/index.html")
        .contains("The data is published under the licence"));
    assert!(site.read("data/index.html").contains(
        "mọi người được sử dụng lại, kể cả cho mục đích thương mại, theo giấy phép CC-BY-4.0; khi sử dụng, ghi nguồn: Tỉnh Thử Nghiệm."
    ));

    project.write(
        "chiso.toml",
        &format!("license = \"ODbL-1.0\"\n{}", site_plan()),
    );
    let site = project.build();
    let licences = &package(&site)["licenses"];
    assert_eq!(licences[0]["name"], "ODbL-1.0");
    assert_eq!(
        licences[0]["path"],
        "https://opendatacommons.org/licenses/odbl/1-0/"
    );
    assert!(site.read("huyen-b/index.html").contains(">ODbL-1.0</a>"));
}

#[test]
fn a_licence_that_is_not_an_identifier_is_refused() {
    let project = fixture();
    project.write("chiso.toml", "license = \"CC BY 4.0\"\n");
    let vi = project.check_fails(Some("vi"));
    assert!(
        vi.contains("chiso.toml (cột `license`): lỗi: chiso.toml bị lỗi: `CC BY 4.0`: CC-BY-4.0"),
        "{vi}"
    );
    let en = project.check_fails(Some("en"));
    assert!(
        en.contains("chiso.toml is broken: `CC BY 4.0`: CC-BY-4.0"),
        "{en}"
    );
}

#[test]
fn each_units_files_name_the_indicator_and_its_unit_of_measure() {
    let project = fixture();
    let site = project.build();
    let own = site.unit_csv("huyen-a");
    let row = own
        .find(&[
            ("indicator", "subscribers"),
            ("period", "2024"),
            ("kind", "actual"),
        ])
        .expect("the row of subscribers, 2024");
    assert_eq!(row.get("indicator_name"), "Số thuê bao di động");
    assert_eq!(row.get("indicator_name_en"), "Mobile subscriptions");
    assert_eq!(row.get("unit_of_measure"), "Thuê bao");
    assert_eq!(row.get("unit_of_measure_en"), "subscriptions");
    assert_eq!(row.get("value"), "1200");
    assert_eq!(row.get("value_max"), "");
    // An inherited range target is the province's, in its own file, in full.
    let tinh = site.unit_csv("tinh");
    let target = tinh
        .find(&[("indicator", "coverage_pct"), ("kind", "target")])
        .expect("the province's target");
    assert_eq!(
        (target.get("value"), target.get("value_max")),
        ("90.0", "100.0")
    );

    let text = site.read("data/huyen-a.json");
    assert_eq!(text.lines().count(), 1, "compact JSON, one line: {text}");
    let json: Value = serde_json::from_str(&text).unwrap();
    let indicator = |code: &str| {
        json["indicators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|i| i["indicator"] == code)
            .unwrap_or_else(|| panic!("{code} in the JSON: {json}"))
            .clone()
    };
    let subscribers = indicator("subscribers");
    assert_eq!(subscribers["indicator_name"], "Số thuê bao di động");
    assert_eq!(subscribers["indicator_name_en"], "Mobile subscriptions");
    assert_eq!(subscribers["unit_of_measure"], "Thuê bao");
    assert_eq!(subscribers["unit_of_measure_en"], "subscriptions");
    let figure = subscribers["figures"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["period"] == "2024" && f["kind"] == "actual")
        .expect("the figure in the JSON");
    assert_eq!(figure["value"], 1200.0);
    assert!(
        figure.get("indicator_name").is_none(),
        "names once: {figure}"
    );
    let internet = indicator("internet_pct");
    assert_eq!(internet["unit_of_measure"], "%");
    let progress = &internet["progress"][0];
    assert_eq!(progress["target_unit"], "01");
}

fn sheet(workbook: &mut Xlsx<Cursor<Vec<u8>>>, name: &str) -> Vec<Vec<Data>> {
    workbook
        .worksheet_range(name)
        .unwrap_or_else(|e| panic!("sheet {name}: {e}"))
        .rows()
        .map(|r| r.to_vec())
        .collect()
}

#[test]
fn the_workbook_has_a_read_first_sheet_and_a_typed_sheet_per_table() {
    let project = fixture();
    let site = project.build();
    let bytes = site.read_bytes("data/chiso-data.xlsx");
    let mut workbook: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("an xlsx file");
    assert_eq!(
        workbook.sheet_names(),
        ["Đọc trước", "values", "progress", "units", "indicators"]
    );

    // Each table's sheet holds its CSV file's rows: codes as text, figures as numbers.
    for name in ["values", "progress", "units", "indicators"] {
        let rows = sheet(&mut workbook, name);
        let csv = site.read(&format!("data/{name}.csv"));
        let mut reader = csv::Reader::from_reader(csv.as_bytes());
        let header: Vec<Data> = reader
            .headers()
            .unwrap()
            .iter()
            .map(|h| Data::String(h.to_string()))
            .collect();
        assert_eq!(rows[0], header, "{name}");
        assert_eq!(rows.len() - 1, reader.records().count(), "{name}: rows");
    }
    let values = sheet(&mut workbook, "values");
    let row = values
        .iter()
        .find(|r| {
            r[0] == Data::String("001".into())
                && r[1] == Data::String("subscribers".into())
                && r[2] == Data::String("2024".into())
        })
        .expect("District A's subscribers of 2024, its code kept as text");
    assert_eq!(row[4], Data::Float(1200.0));

    // The first sheet explains every column of every table, in both languages.
    let read_first: Vec<String> = sheet(&mut workbook, "Đọc trước")
        .iter()
        .flatten()
        .map(|c| c.to_string())
        .collect();
    for needle in [
        "target_unit",
        "Code of the administrative unit whose target applies (not a unit of measure): this unit itself, or the unit above whose target it inherits; names in units.csv.",
        "Mã chỉ tiêu; tên và đơn vị tính ở indicators.csv.",
        "Giấy phép / Licence: CC-BY-4.0",
    ] {
        assert!(
            read_first.iter().any(|c| c == needle),
            "{needle:?} in the first sheet"
        );
    }
}

#[test]
fn the_same_project_gives_the_same_package_and_workbook() {
    let project = fixture();
    let first = project.build_to(&project.root().join("a"));
    let a = (
        first.read_bytes("data/datapackage.json"),
        first.read_bytes("data/chiso-data.xlsx"),
    );
    let second = project.build_to(&project.root().join("b"));
    assert!(a.0 == second.read_bytes("data/datapackage.json"));
    assert!(a.1 == second.read_bytes("data/chiso-data.xlsx"));
}

#[test]
fn the_tables_of_a_unit_page_link_their_data() {
    let project = fixture();
    let site = project.build();
    let html = site.read("huyen-a/index.html");
    let links = hrefs(&html);
    for href in ["../data/huyen-a.csv", "../data/progress.csv"] {
        assert!(links.iter().any(|h| h == href), "{href} in {links:?}");
    }
    assert!(html.contains("Tải số liệu"));
    let en = site.read("en/huyen-a/index.html");
    assert!(en.contains("Download data"));
    // The data page says which file to open in Excel, and links it.
    let data = site.read("data/index.html");
    assert!(hrefs(&data).iter().any(|h| h == "../data/chiso-data.xlsx"));
    assert!(data.contains("Để xem trong Excel, hãy tải tệp chiso-data.xlsx"));
}
