//! Where every page and file sits in the site: the table of the site's own routes, and the
//! routes that carry a unit's slug, an indicator's code or a year.
//!
//! Paths are `/`-separated. Pages are relative to their language's home (the first language
//! sits at the root, another in `vi/` or `en/`), files to the site's root; every page is a
//! folder with an `index.html`, so that links work from a sub-path and from `file://`. A unit's
//! pages sit in a folder named by its slug, so a slug may not name a folder the site uses for
//! itself: those reserved slugs are read from the table, and a route added to it reserves its
//! folder with it.

use crate::lang::Lang;

/// The file that makes a folder a page.
pub const INDEX: &str = "index.html";

/// Each route as a constant, and [`SITE`] listing them all, from one list: a route cannot be
/// added without its folder becoming reserved.
macro_rules! site_routes {
    ($($(#[$doc:meta])* $name:ident = $path:literal;)*) => {
        $($(#[$doc])* pub const $name: &str = $path;)*
        /// Every route the site publishes for itself, whatever its units: `{…}` stands for
        /// what varies, never in the first folder.
        pub const SITE: &[&str] = &[$($name),*];
    };
}

site_routes! {
    /// The home page, which is the root unit's page.
    HOME = "index.html";
    /// The catalogue of indicators.
    INDICATORS = "indicators/index.html";
    /// An indicator's page.
    INDICATOR = "indicators/{code}/index.html";
    METHODOLOGY = "methodology/index.html";
    /// The downloads page.
    DATA = "data/index.html";
    SEARCH = "search/index.html";
    WHATS_NEW = "whats-new/index.html";
    /// The coverage-gap tracker, when the project lists villages.
    COVERAGE_GAPS = "coverage-gaps/index.html";
    /// An editor's extra page (`content/pages/<slug>.md`).
    PAGE = "pages/{slug}/index.html";
    /// The root unit's half-year report; another unit's sits in that unit's folder.
    ROOT_REPORT = "reports/{year}-H1/index.html";
    /// A half-year report's files: `{file}` is `.docx` or `-compilation.xlsx` ([`ReportFile`]).
    REPORT_DATA = "data/reports/{slug}-{year}-H1{file}";
    /// A unit's reports of every half-year in one file: `{ext}` is `xlsx` (a sheet per
    /// half-year) or `csv` (both tables of every half-year) ([`UnitReports`]).
    UNIT_REPORTS = "data/reports/{slug}.{ext}";
    /// The whole site's figures, as open data.
    VALUES = "data/values.csv";
    /// The whole site's progress against targets, as open data.
    PROGRESS = "data/progress.csv";
    /// The catalogue of units, those that ended too, as open data (`from`, `until`,
    /// `formed_from`).
    UNITS_CATALOGUE = "data/units.csv";
    /// The catalogue of indicators, as open data.
    INDICATORS_CATALOGUE = "data/indicators.csv";
    /// The open data described for tools: a Frictionless Data Package.
    DATAPACKAGE = "data/datapackage.json";
    /// The schema that many files of the data package share (each unit's file, each report's
    /// table).
    DATA_SCHEMA = "data/schemas/{name}.json";
    /// The whole site's tables in one workbook, for Excel.
    DATA_WORKBOOK = "data/chiso-data.xlsx";
    /// The history of changes behind "what's new".
    CHANGES = "data/changes.json";
    /// The Atom feed, one per language, beside its home page.
    FEED = "feed.xml";
    NOT_FOUND = "404.html";
    SITEMAP = "sitemap.xml";
    ROBOTS = "robots.txt";
    /// The theme's style sheet, scripts and icon.
    ASSET = "assets/{name}";
    /// Narratives' images, by their path inside `content/`.
    MEDIA = "media/{path}";
    /// The home of Vietnamese when it is not the site's first language.
    VI_HOME = "vi/index.html";
    /// The home of English when it is not the site's first language.
    EN_HOME = "en/index.html";
}

/// The build manifest in the site folder: hidden, so that a citizen browsing the published
/// folder's listing does not meet it, and build-local data only (digests and paths).
pub const MANIFEST: &str = ".chiso-manifest.json";

/// A unit's page, in the folder named by its slug (the root unit's page is [`HOME`]).
const UNIT: &str = "{slug}/index.html";

/// A unit's own open data: its figures and progress, in both formats.
const UNIT_DATA: &str = "data/{slug}.{ext}";

/// The formats of a unit's open data files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DataFormat {
    Csv,
    Json,
}

impl DataFormat {
    pub const ALL: [DataFormat; 2] = [DataFormat::Csv, DataFormat::Json];

    pub fn extension(self) -> &'static str {
        match self {
            DataFormat::Csv => "csv",
            DataFormat::Json => "json",
        }
    }
}

/// The files of one half-year report that are not pages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFile {
    /// The whole report as a Word document in the official form, to sign and send.
    Document,
    /// A parent's compilation: a workbook with a sheet for the parent and one for each child
    /// that reported on the half-year.
    Compilation,
}

impl ReportFile {
    fn ending(self) -> &'static str {
        match self {
            ReportFile::Document => ".docx",
            ReportFile::Compilation => "-compilation.xlsx",
        }
    }
}

/// A unit's files that hold its reports of every half-year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitReports {
    /// A workbook with a sheet per half-year, to submit.
    Workbook,
    /// Both tables of every half-year, as open data.
    Csv,
}

impl UnitReports {
    pub const ALL: [UnitReports; 2] = [UnitReports::Workbook, UnitReports::Csv];

    pub fn extension(self) -> &'static str {
        match self {
            UnitReports::Workbook => "xlsx",
            UnitReports::Csv => "csv",
        }
    }
}

/// `route` with each `{name}` replaced by its value, in one pass: a value is never read again
/// (an image's path may hold braces).
fn fill(route: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(route.len() + 32);
    let mut rest = route;
    while let Some((before, after)) = rest.split_once('{') {
        out.push_str(before);
        match after.split_once('}') {
            Some((name, tail)) => {
                let value = values.iter().find(|(n, _)| *n == name).map(|(_, v)| *v);
                out.push_str(value.unwrap_or_default());
                rest = tail;
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The folder of `lang`'s pages when it is not the site's first language: `en/`.
pub fn lang_folder(lang: Lang) -> &'static str {
    let home = match lang {
        Lang::Vi => VI_HOME,
        Lang::En => EN_HOME,
    };
    home.strip_suffix(INDEX).unwrap_or(home)
}

/// The address of a page's folder, which hosts serve for the page: `whats-new/` for
/// `whats-new/index.html`, the empty path for the home page.
pub fn folder_of(page: &str) -> &str {
    page.strip_suffix(INDEX).unwrap_or(page)
}

/// A link from `page` to `target` when `target` lies in `page`'s folder or below it: from
/// `tuan-giao/index.html`, `reports/2024-H1/index.html` for the unit's report.
pub fn below<'a>(page: &str, target: &'a str) -> Option<&'a str> {
    target.strip_prefix(folder_of(page))
}

/// The first folder of a route (its section of the site, for the menu): `indicators` for an
/// indicator's page; a file at the root is its own section.
pub fn section(path: &str) -> &str {
    path.split('/').next().unwrap_or(path)
}

/// A unit's page: `tuan-giao/index.html`; `folder` is `None` for the root unit, whose page is
/// the home page.
pub fn unit_page(folder: Option<&str>) -> String {
    match folder {
        None => HOME.to_string(),
        Some(slug) => fill(UNIT, &[("slug", slug)]),
    }
}

pub fn indicator_page(code: &str) -> String {
    fill(INDICATOR, &[("code", code)])
}

pub fn page(slug: &str) -> String {
    fill(PAGE, &[("slug", slug)])
}

/// A unit's report for `year`: `tuan-giao/reports/2024-H1/index.html`; `folder` as in
/// [`unit_page`].
pub fn report_page(folder: Option<&str>, year: i32) -> String {
    let page = fill(ROOT_REPORT, &[("year", &year.to_string())]);
    match folder {
        None => page,
        Some(slug) => format!("{}{page}", folder_of(&unit_page(Some(slug)))),
    }
}

/// One file of a unit's report for `year`: `data/reports/tuan-giao-2024-H1.docx`.
pub fn report_file(slug: &str, year: i32, file: ReportFile) -> String {
    fill(
        REPORT_DATA,
        &[
            ("slug", slug),
            ("year", &year.to_string()),
            ("file", file.ending()),
        ],
    )
}

/// A file of a unit's reports of every half-year: `data/reports/tuan-giao.xlsx`.
pub fn unit_reports(slug: &str, file: UnitReports) -> String {
    fill(UNIT_REPORTS, &[("slug", slug), ("ext", file.extension())])
}

/// A unit's open data file: `data/tuan-giao.csv`.
pub fn unit_data(slug: &str, format: DataFormat) -> String {
    fill(UNIT_DATA, &[("slug", slug), ("ext", format.extension())])
}

/// A schema shared by files of the data package: `data/schemas/unit-figures.json`.
pub fn data_schema(name: &str) -> String {
    fill(DATA_SCHEMA, &[("name", name)])
}

/// A file of the theme: `assets/style.css`.
pub fn asset(name: &str) -> String {
    fill(ASSET, &[("name", name)])
}

/// A narrative's image, by its path inside `content/`: `media/anh/tram-bts.jpg`.
pub fn media(path: &str) -> String {
    fill(MEDIA, &[("path", path)])
}

/// A narrative's image's address from the site's root, for `src`: [`media`] with every
/// character that is not plainly safe in a URL (spaces, Vietnamese letters, `#`, `?`…)
/// percent-encoded.
pub fn media_href(rel: &str) -> String {
    let mut out = String::new();
    for b in media(rel).bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'/' | b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The slugs no unit may take, because the site uses them for itself: the first folder of
/// every route of [`SITE`] (a file at the root has a dot, which no slug has), and the names of
/// the site's own files beside the units' open data files (`data/values.csv` would be
/// overwritten by a unit `values`).
pub fn reserved_slugs() -> impl Iterator<Item = &'static str> {
    let (data_folder, _) = UNIT_DATA.rsplit_once('/').unwrap_or_default();
    SITE.iter().flat_map(move |route| {
        let folder = route.split_once('/').map(|(first, _)| first);
        let beside_unit_data = route
            .strip_prefix(data_folder)
            .and_then(|rest| rest.strip_prefix('/'))
            .and_then(|file| file.rsplit_once('.'))
            // A file in a folder of its own (`data/schemas/…`) is beside no unit's file.
            .filter(|(stem, ext)| {
                !stem.contains('/') && DataFormat::ALL.iter().any(|f| f.extension() == *ext)
            })
            .map(|(stem, _)| stem);
        folder.into_iter().chain(beside_unit_data)
    })
}

/// Whether a unit's slug would take a folder or file of the site's own.
pub fn is_reserved(slug: &str) -> bool {
    reserved_slugs().any(|r| r == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_addresses_are_encoded() {
        assert_eq!(media("anh/tram-bts.jpg"), "media/anh/tram-bts.jpg");
        assert_eq!(
            media_href("anh/trạm bts#1.jpg"),
            "media/anh/tr%E1%BA%A1m%20bts%231.jpg"
        );
        let hostile = media_href("anh/\"><svg onload=alert(1)>'&.png");
        assert!(
            !hostile.contains(['"', '<', '>', '\'', '&', ' ']),
            "{hostile}"
        );
    }

    #[test]
    fn reserved_slugs_are_the_sites_own_folders_and_open_data_names() {
        let mut reserved: Vec<&str> = reserved_slugs().collect();
        reserved.sort();
        reserved.dedup();
        assert_eq!(
            reserved,
            [
                "assets",
                "changes",
                "coverage-gaps",
                "data",
                "datapackage",
                "en",
                "indicators",
                "media",
                "methodology",
                "pages",
                "progress",
                "reports",
                "search",
                "units",
                "values",
                "vi",
                "whats-new",
            ]
        );
        assert!(is_reserved("media") && !is_reserved("tuan-giao") && !is_reserved("index"));
    }

    #[test]
    fn no_route_varies_in_its_first_folder() {
        for route in SITE {
            assert!(!section(route).contains('{'), "{route}");
        }
    }

    #[test]
    fn routes_are_filled() {
        assert_eq!(unit_page(None), "index.html");
        assert_eq!(unit_page(Some("tuan-giao")), "tuan-giao/index.html");
        assert_eq!(indicator_page("bts"), "indicators/bts/index.html");
        assert_eq!(page("gioi-thieu"), "pages/gioi-thieu/index.html");
        assert_eq!(report_page(None, 2024), "reports/2024-H1/index.html");
        assert_eq!(
            report_page(Some("tuan-giao"), 2024),
            "tuan-giao/reports/2024-H1/index.html"
        );
        assert_eq!(
            report_file("tuan-giao", 2024, ReportFile::Compilation),
            "data/reports/tuan-giao-2024-H1-compilation.xlsx"
        );
        assert_eq!(
            unit_reports("tuan-giao", UnitReports::Csv),
            "data/reports/tuan-giao.csv"
        );
        assert_eq!(
            unit_data("tuan-giao", DataFormat::Json),
            "data/tuan-giao.json"
        );
        assert_eq!(media("anh/x.jpg"), "media/anh/x.jpg");
        assert_eq!(media("anh/{name}.jpg"), "media/anh/{name}.jpg");
        assert_eq!(asset("style.css"), "assets/style.css");
        assert_eq!(lang_folder(Lang::En), "en/");
        assert_eq!(folder_of(WHATS_NEW), "whats-new/");
        assert_eq!(section(INDICATOR), "indicators");
        let report = report_page(Some("tuan-giao"), 2024);
        let unit = unit_page(Some("tuan-giao"));
        assert_eq!(below(&unit, &report), Some("reports/2024-H1/index.html"));
        assert_eq!(below(HOME, &report), Some(report.as_str()));
        assert_eq!(below(INDICATORS, HOME), None);
    }
}
