//! `data/datapackage.json`: the open data described for tools (a Frictionless Data Package),
//! so that an analyst loads typed tables with their keys instead of guessing: every CSV file
//! the site publishes under `data/`, its columns' types, descriptions and units of measure,
//! which columns hold codes of the catalogues, the licence and the source.
//!
//! Files that share their columns (each unit's file, each unit's reports file) share one schema in
//! `data/schemas/`, so that the package stays small whatever the number of units.

use serde_json::{json, Map, Value};

use crate::model::Project;
use crate::routes::{self, DataFormat, UnitReports};
use crate::schema::{self as columns, Column, Table};
use crate::view::family::{Download, DownloadKind};

/// The site's titles and date, which the package repeats.
pub struct About<'a> {
    pub title_vi: &'a str,
    pub title_en: &'a str,
    /// `YYYY-MM-DD`: the data's date ([`crate::compute::history::data_date`]), so that a rebuild of the same figures on another day changes nothing.
    pub date: &'a str,
    pub base_url: Option<&'a str>,
}

/// A licence by its identifier: its full name and where to read it, for the known ones.
pub fn licence(id: &str) -> (Option<&'static str>, Option<&'static str>) {
    match id {
        "CC-BY-4.0" => (
            Some("Creative Commons Attribution 4.0"),
            Some("https://creativecommons.org/licenses/by/4.0/"),
        ),
        "CC-BY-SA-4.0" => (
            Some("Creative Commons Attribution Share-Alike 4.0"),
            Some("https://creativecommons.org/licenses/by-sa/4.0/"),
        ),
        "CC0-1.0" => (
            Some("CC0 1.0"),
            Some("https://creativecommons.org/publicdomain/zero/1.0/"),
        ),
        "ODC-BY-1.0" => (
            Some("Open Data Commons Attribution License 1.0"),
            Some("https://opendatacommons.org/licenses/by/1-0/"),
        ),
        "ODbL-1.0" => (
            Some("Open Data Commons Open Database License 1.0"),
            Some("https://opendatacommons.org/licenses/odbl/1-0/"),
        ),
        "PDDL-1.0" => (
            Some("Open Data Commons Public Domain Dedication and License 1.0"),
            Some("https://opendatacommons.org/licenses/pddl/1-0/"),
        ),
        _ => (None, None),
    }
}

/// The schema file of the tables that many files share.
const UNIT_SCHEMA: &str = "unit-figures";

/// A unit's reports of every half-year, as its CSV file has them.
fn report_table() -> Table {
    columns::reports()
}

/// A text in Vietnamese then English, on one line: a line break would be written `\n`, which
/// reads badly in the file.
fn both(vi: &str, en: &str) -> String {
    format!("{vi} — {en}")
}

fn field(c: &Column) -> Value {
    let mut f = Map::new();
    f.insert("name".into(), c.name.into());
    f.insert("type".into(), c.ty.frictionless().into());
    f.insert("description".into(), both(c.vi, c.en).into());
    if let Some(unit) = c.unit {
        f.insert("unit".into(), unit.into());
    }
    let mut constraints = Map::new();
    if c.required {
        constraints.insert("required".into(), true.into());
    }
    if !c.values.is_empty() {
        constraints.insert("enum".into(), c.values.into());
    }
    if !constraints.is_empty() {
        f.insert("constraints".into(), constraints.into());
    }
    f.into()
}

fn schema(t: &Table) -> Value {
    json!({
        "fields": t.columns.iter().map(field).collect::<Vec<_>>(),
        "primaryKey": t.primary_key,
        "foreignKeys": t.foreign_keys.iter().map(|k| json!({
            "fields": k.column,
            // A key into the table itself is named by the empty name.
            "reference": {
                "resource": if k.table == t.name { "" } else { k.table },
                "fields": k.code,
            },
        })).collect::<Vec<_>>(),
    })
}

/// A resource: a CSV file with its titles and its schema, inline or by the path of its file.
fn resource(
    name: String,
    path: String,
    t: &Table,
    title: (String, String),
    schema: Value,
) -> Value {
    json!({
        "name": name,
        "path": path,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "title": title.0,
        "title_en": title.1,
        "description": both(t.vi, t.en),
        "schema": schema,
    })
}

/// A path of the site (`data/values.csv`) as the package names it, from its own folder.
fn in_data(path: &str) -> String {
    path.strip_prefix("data/").unwrap_or(path).to_string()
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(v).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

/// `datapackage.json` and the shared schemas, by their paths from the site's root. Each unit's
/// files are those the families publish (`downloads`): its figures, and its reports' CSV file
/// where it has reports.
pub fn files(project: &Project, downloads: &[Download], about: &About) -> Vec<(String, Vec<u8>)> {
    let mut resources = Vec::new();
    for (t, path) in columns::site_tables().iter().zip([
        routes::VALUES,
        routes::PROGRESS,
        routes::UNITS_CATALOGUE,
        routes::INDICATORS_CATALOGUE,
    ]) {
        resources.push(resource(
            t.name.into(),
            in_data(path),
            t,
            (t.title_vi.into(), t.title_en.into()),
            schema(t),
        ));
    }
    let mut out = Vec::new();
    let unit_table = columns::unit_figures();
    let schema_path = |name: &str| routes::data_schema(name);
    out.push((schema_path(UNIT_SCHEMA), pretty(&schema(&unit_table))));
    let reports = report_table();
    out.push((schema_path(reports.name), pretty(&schema(&reports))));
    // Each unit's CSV files, unit by unit: its figures, then its reports.
    let mut by_unit: crate::model::PerUnit<[Option<&str>; 2]> =
        project.units.ids().map(|_| [None, None]).collect();
    for d in downloads {
        match d.what {
            DownloadKind::UnitData(u, DataFormat::Csv) => by_unit[u][0] = Some(&d.path),
            DownloadKind::UnitReports(u, UnitReports::Csv) => by_unit[u][1] = Some(&d.path),
            _ => {}
        }
    }
    for (u, unit) in project.units.iter() {
        let [figures, reports_csv] = by_unit[u];
        if let Some(path) = figures {
            resources.push(resource(
                format!("unit-{}", unit.slug),
                in_data(path),
                &unit_table,
                (
                    format!("{}: {}", unit_table.title_vi, unit.name),
                    format!("{}: {}", unit_table.title_en, unit.name_en),
                ),
                in_data(&schema_path(UNIT_SCHEMA)).into(),
            ));
        }
        if let Some(path) = reports_csv {
            let name = in_data(path)
                .trim_end_matches(".csv")
                .replace('/', "-")
                .to_lowercase();
            resources.push(resource(
                name,
                in_data(path),
                &reports,
                (
                    format!("Báo cáo 6 tháng đầu năm, mọi kỳ, {}", unit.name),
                    format!("Half-year reports, every year, {}", unit.name_en),
                ),
                in_data(&schema_path(reports.name)).into(),
            ));
        }
    }
    let root = project.units.get(crate::model::UnitId::ROOT);
    let id = project.config.license();
    let (licence_title, licence_path) = licence(id);
    let mut licence = Map::new();
    licence.insert("name".into(), id.into());
    if let Some(t) = licence_title {
        licence.insert("title".into(), t.into());
    }
    if let Some(p) = licence_path {
        licence.insert("path".into(), p.into());
    }
    let mut source = Map::new();
    source.insert("title".into(), both(&root.name, &root.name_en).into());
    if let Some(b) = about.base_url {
        source.insert("path".into(), b.into());
    }
    let mut package = json!({
        "name": format!("chiso-{}", root.slug),
        "profile": "tabular-data-package",
        "title": about.title_vi,
        "title_en": about.title_en,
        "description": both(
            "Số liệu chỉ tiêu viễn thông, công nghệ thông tin do các đơn vị báo cáo, cả số nhập và số tính toán. Tệp CSV mã hóa UTF-8, dấu phẩy phân cách, dấu chấm thập phân; mở bằng Excel: dùng chiso-data.xlsx.",
            "ICT indicator figures reported by the units, entered and computed. CSV files are UTF-8, comma-separated, with `.` decimals; to open in Excel, use chiso-data.xlsx.",
        ),
        "created": format!("{}T00:00:00Z", about.date),
        "licenses": [licence],
        "sources": [source],
        "resources": resources,
    });
    if let (Some(b), Some(map)) = (about.base_url, package.as_object_mut()) {
        map.insert("homepage".into(), b.into());
    }
    out.push((routes::DATAPACKAGE.into(), pretty(&package)));
    out
}
