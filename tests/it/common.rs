//! Shared helpers for the integration tests: write a small dashboard project into a temporary
//! folder, run the real `chiso` binary on it, and read the published files back.
//!
//! Every test module uses a different subset of these helpers, and each helper is used by one at
//! least: they are compiled once, into the one test binary, so an unused one is reported.

use std::collections::BTreeMap;
use std::fs;
use std::marker::PhantomData;
use std::path::{Path, PathBuf};
use std::process::Command;

use tempfile::TempDir;

/// The header of every `data/units.csv` written by [`units`].
pub const UNITS_HEADER: &str = "code,slug,name,name_en,level,parent";

/// The header of every `data/values/<slug>.csv` written by [`Project::values`].
pub const VALUES_HEADER: &str = "indicator,period,kind,value,source,note";

/// The indicator catalogue shared by the tests. Each test uses only the indicators it needs;
/// indicators without figures publish nothing.
///
/// | code          | kind of indicator                                   | decimals |
/// |---------------|-----------------------------------------------------|----------|
/// | villages      | sum, stock, up                                      | 0        |
/// | covered       | sum, stock, up                                      | 0        |
/// | coverage_pct  | derived: 100 × covered ÷ villages, aggregate none   | 1        |
/// | subscribers   | sum, stock, up                                      | 0        |
/// | population    | sum, stock, up                                      | 0        |
/// | per_100       | derived: 100 × subscribers ÷ population             | 1        |
/// | revenue       | sum, flow, up                                       | 0        |
/// | internet_pct  | entered percentage, aggregate none, up              | 1        |
/// | egov_pct      | entered percentage, aggregate none, up              | 0        |
/// | no_signal     | sum, stock, down (villages without signal)          | 0        |
/// | ratio         | entered, aggregate none, up                         | 2        |
pub const INDICATORS: &str = "\
code,group,group_en,name,name_en,unit,unit_en,direction,measure,numerator,denominator,scale,aggregate,decimals
villages,Hạ tầng,Infrastructure,Số thôn bản,Villages,Thôn,villages,up,stock,,,,sum,0
covered,Hạ tầng,Infrastructure,Số thôn bản có sóng di động,Villages with mobile signal,Thôn,villages,up,stock,,,,sum,0
coverage_pct,Hạ tầng,Infrastructure,Tỷ lệ thôn bản có sóng di động,Share of villages with mobile signal,%,%,up,stock,covered,villages,100,none,1
subscribers,Thuê bao,Subscriptions,Số thuê bao di động,Mobile subscriptions,Thuê bao,subscriptions,up,stock,,,,sum,0
population,Dân số,Population,Dân số,Population,Người,people,up,stock,,,,sum,0
per_100,Thuê bao,Subscriptions,Thuê bao trên 100 dân,Subscriptions per 100 inhabitants,Thuê bao/100 dân,per 100 inhabitants,up,stock,subscribers,population,100,none,1
revenue,Doanh thu,Revenue,Doanh thu viễn thông,Telecom revenue,Triệu đồng,million VND,up,flow,,,,sum,0
internet_pct,Internet,Internet,Tỷ lệ hộ gia đình có Internet,Households with Internet,%,%,up,stock,,,,none,1
egov_pct,Chính quyền số,Digital government,Tỷ lệ hồ sơ trực tuyến,Applications filed online,%,%,up,stock,,,,none,0
no_signal,Hạ tầng,Infrastructure,Số thôn bản chưa có sóng,Villages without mobile signal,Thôn,villages,down,stock,,,,sum,0
ratio,Khác,Other,Tỷ số,Ratio,lần,times,up,stock,,,,none,2
";

/// The usual tree: one province and two districts.
pub const PROVINCE: &str = "01";
pub const DISTRICT_A: &str = "001";
pub const DISTRICT_B: &str = "002";
pub const PROVINCE_AND_TWO_DISTRICTS: &str = "\
01,tinh,Tỉnh Thử Nghiệm,Test Province,province,
001,huyen-a,Huyện An Bình,An Binh District,district,01
002,huyen-b,Huyện Bình Minh,Binh Minh District,district,01
";

/// The header of a `data/units.csv` whose units begin and end (data contract v2).
pub const LIVES_HEADER: &str = "code,slug,name,name_en,level,parent,from,until,formed_from";

/// The 2025 reform in small: the province, two districts until the first half of 2025, and two
/// communes from 2025: Cao Sơn formed from An Bình, Đồng Tâm from An Bình and Bình Minh.
pub const REFORM: &str = "\
01,tinh,Tỉnh Thử Nghiệm,Test Province,province,,,,
001,huyen-a,Huyện An Bình,An Binh District,district,01,,2025-H1,
002,huyen-b,Huyện Bình Minh,Binh Minh District,district,01,,2025-H1,
00010,xa-c,Xã Cao Sơn,Cao Son Commune,commune,01,2025,,001
00020,xa-d,Xã Đồng Tâm,Dong Tam Commune,commune,01,2025,,001 002
";

/// The province's two plans, for a `chiso.toml`: 2021–2025 (KH 4638/KH-UBND) and 2026–2030.
pub const TWO_PLANS: &str = r#"
[[plans]]
id = "2021-2025"
name = "Kế hoạch 4638/KH-UBND giai đoạn 2021–2025"
name_en = "Plan 4638/KH-UBND, 2021–2025"
from = 2021
until = 2025

[[plans]]
id = "2026-2030"
name = "Kế hoạch giai đoạn 2026–2030"
name_en = "Plan 2026–2030"
from = 2026
until = 2030
"#;

/// A dashboard project in a temporary folder, deleted when the value is dropped.
pub struct Project {
    dir: TempDir,
}

impl Project {
    /// A project with `units` (rows of `data/units.csv`, without the header) and the shared
    /// indicator catalogue.
    pub fn new(units: &str) -> Project {
        let project = Project::empty();
        project.write("data/units.csv", &format!("{UNITS_HEADER}\n{units}"));
        project.write("data/indicators.csv", INDICATORS);
        project
    }

    /// A project with the province and its two districts ([`PROVINCE_AND_TWO_DISTRICTS`]).
    pub fn province_with_two_districts() -> Project {
        Project::new(PROVINCE_AND_TWO_DISTRICTS)
    }

    /// A project whose `units` (rows of a `data/units.csv` headed [`LIVES_HEADER`]) begin and
    /// end, with the shared indicator catalogue.
    pub fn with_lives(units: &str) -> Project {
        let project = Project::empty();
        project.write("data/units.csv", &format!("{LIVES_HEADER}\n{units}"));
        project.write("data/indicators.csv", INDICATORS);
        project
    }

    /// Runs `chiso [--lang LANG] check --root ROOT` and requires it to refuse the project;
    /// returns what it printed.
    pub fn check_fails(&self, lang: Option<&str>) -> String {
        let mut args: Vec<&str> = Vec::new();
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        let root = self.root().to_str().expect("a UTF-8 temporary path");
        args.extend(["check", "--root", root]);
        let run = chiso(&args);
        assert!(
            !run.success,
            "chiso check should have failed:\n{}",
            run.output
        );
        run.output
    }

    /// A project folder with nothing in it yet.
    pub fn empty() -> Project {
        Project {
            dir: tempfile::tempdir().expect("create a temporary folder"),
        }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `text` to `rel` under the project root, creating folders as needed.
    pub fn write(&self, rel: &str, text: &str) -> &Project {
        self.write_bytes(rel, text.as_bytes())
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) -> &Project {
        let path = self.dir.path().join(rel);
        fs::create_dir_all(path.parent().expect("a file has a parent folder"))
            .expect("create the folder");
        fs::write(&path, bytes).expect("write the file");
        self
    }

    /// Writes a `chiso.toml` that declares one plan, `id` from `from` to `until`.
    pub fn plan(&self, id: &str, from: i32, until: i32) -> &Project {
        self.write(
            "chiso.toml",
            &format!(
                "[[plans]]\nid = \"{id}\"\nname = \"Kế hoạch {id}\"\nname_en = \"Plan {id}\"\nfrom = {from}\nuntil = {until}\n"
            ),
        )
    }

    /// Writes `data/values/<slug>.csv`: the comma header, then `rows` (`indicator,period,kind,value`
    /// lines; a missing source and note are filled in).
    pub fn values(&self, slug: &str, rows: &str) -> &Project {
        let mut text = format!("{VALUES_HEADER}\n");
        for line in rows.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let commas = line.matches(',').count();
            text.push_str(line);
            match commas {
                3 => text.push_str(",Số liệu thử nghiệm,"),
                4 => text.push(','),
                _ => {}
            }
            text.push('\n');
        }
        self.write(&format!("data/values/{slug}.csv"), &text)
    }

    /// Runs `chiso build --root ROOT --output ROOT/site` and requires it to succeed. The site
    /// lives in the project's temporary folder, so it cannot outlive the project.
    pub fn build(&self) -> Site<'_> {
        self.build_to(&self.root().join("site"))
    }

    /// Runs `chiso build --root ROOT --output OUTPUT` and requires it to succeed.
    pub fn build_to(&self, output: &Path) -> Site<'_> {
        build_root_to(self.root(), output)
    }

    /// Runs `chiso [--lang LANG] check --root ROOT` and requires it to succeed; returns what it
    /// printed (stdout and stderr together).
    pub fn check(&self, lang: Option<&str>) -> String {
        let mut args: Vec<&str> = Vec::new();
        if let Some(lang) = lang {
            args.extend(["--lang", lang]);
        }
        let root = self.root().to_str().expect("a UTF-8 temporary path");
        args.extend(["check", "--root", root]);
        let run = chiso(&args);
        assert!(run.success, "chiso check failed:\n{}", run.output);
        run.output
    }
}

/// What one run of the binary printed.
pub struct Run {
    pub success: bool,
    /// The exit code (none when a signal ended the process).
    pub code: Option<i32>,
    /// stdout followed by stderr.
    pub output: String,
}

/// Runs the real binary with `args`.
pub fn chiso(args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(args)
        .output()
        .expect("run the chiso binary");
    Run {
        success: out.status.success(),
        code: out.status.code(),
        output: printed(&out),
    }
}

/// Runs the real binary with `args` from the folder `dir`, for commands that take paths
/// relative to where they are run (`chiso new p`).
pub fn chiso_in(args: &[&str], dir: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run the chiso binary")
}

/// What a run printed: stdout followed by stderr.
pub fn printed(o: &std::process::Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// Builds the project at `root` into `output` and requires the build to succeed.
pub fn build_root_to<'a>(root: &Path, output: &Path) -> Site<'a> {
    let run = chiso(&[
        "build",
        "--root",
        root.to_str().expect("a UTF-8 path"),
        "--output",
        output.to_str().expect("a UTF-8 path"),
    ]);
    assert!(run.success, "chiso build failed:\n{}", run.output);
    Site {
        dir: output.to_path_buf(),
        log: run.output,
        folder: PhantomData,
    }
}

/// Lines of a `chiso check` report that are warnings (in either language) mentioning `needle`.
pub fn warnings_about<'a>(report: &'a str, needle: &str) -> Vec<&'a str> {
    report
        .lines()
        .filter(|l| l.contains(": cảnh báo: ") || l.contains(": warning: "))
        .filter(|l| l.contains(needle))
        .collect()
}

/// A built site, borrowing the temporary folder it was written into.
pub struct Site<'a> {
    pub dir: PathBuf,
    /// What the build printed.
    pub log: String,
    folder: PhantomData<&'a Path>,
}

impl Site<'_> {
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        let path = self.path(rel);
        fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    pub fn read_bytes(&self, rel: &str) -> Vec<u8> {
        let path = self.path(rel);
        fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()))
    }

    /// `data/values.csv`.
    pub fn values(&self) -> Csv {
        Csv::parse(&self.read("data/values.csv"))
    }

    /// `data/progress.csv`.
    pub fn progress(&self) -> Csv {
        Csv::parse(&self.read("data/progress.csv"))
    }

    /// `data/<slug>.csv`, the unit's own figures.
    pub fn unit_csv(&self, slug: &str) -> Csv {
        Csv::parse(&self.read(&format!("data/{slug}.csv")))
    }

    /// The `value` cell of values.csv for (unit code, indicator, period, kind), if there is a row.
    pub fn value(&self, unit: &str, indicator: &str, period: &str, kind: &str) -> Option<String> {
        self.values()
            .find(&[
                ("unit", unit),
                ("indicator", indicator),
                ("period", period),
                ("kind", kind),
            ])
            .map(|r| r.get("value").to_string())
    }

    /// The `origin` cell of values.csv for (unit code, indicator, period, kind).
    pub fn origin(&self, unit: &str, indicator: &str, period: &str, kind: &str) -> Option<String> {
        self.values()
            .find(&[
                ("unit", unit),
                ("indicator", indicator),
                ("period", period),
                ("kind", kind),
            ])
            .map(|r| r.get("origin").to_string())
    }

    /// Asserts that values.csv has (unit, indicator, period, kind) with this value.
    #[track_caller]
    pub fn assert_value(&self, unit: &str, indicator: &str, period: &str, kind: &str, value: &str) {
        assert_eq!(
            self.value(unit, indicator, period, kind).as_deref(),
            Some(value),
            "values.csv: {unit} {indicator} {period} {kind}"
        );
    }

    /// Asserts that values.csv has (unit, indicator, period, kind) with this value and origin
    /// (`entered`, `derived` or `aggregated`).
    #[track_caller]
    pub fn assert_figure(
        &self,
        unit: &str,
        indicator: &str,
        period: &str,
        kind: &str,
        value: &str,
        origin: &str,
    ) {
        self.assert_value(unit, indicator, period, kind, value);
        assert_eq!(
            self.origin(unit, indicator, period, kind).as_deref(),
            Some(origin),
            "values.csv origin: {unit} {indicator} {period} {kind}"
        );
    }

    /// Asserts that values.csv has no row for (unit, indicator, period, kind).
    #[track_caller]
    pub fn assert_no_figure(&self, unit: &str, indicator: &str, period: &str, kind: &str) {
        assert_eq!(
            self.value(unit, indicator, period, kind),
            None,
            "values.csv should have no {unit} {indicator} {period} {kind}"
        );
    }

    /// The progress.csv row of (unit code, indicator), if there is one.
    pub fn progress_of(&self, unit: &str, indicator: &str) -> Option<Row> {
        self.progress()
            .find(&[("unit", unit), ("indicator", indicator)])
    }

    /// Every file of the site by its path relative to the site folder.
    pub fn files(&self) -> BTreeMap<PathBuf, Vec<u8>> {
        let mut out = BTreeMap::new();
        collect_files(&self.dir, &self.dir, &mut out);
        out
    }
}

fn collect_files(base: &Path, dir: &Path, out: &mut BTreeMap<PathBuf, Vec<u8>>) {
    for entry in fs::read_dir(dir).expect("list a folder of the site") {
        let path = entry.expect("a folder entry").path();
        if path.is_dir() {
            collect_files(base, &path, out);
        } else {
            let rel = path
                .strip_prefix(base)
                .expect("under the site")
                .to_path_buf();
            out.insert(rel, fs::read(&path).expect("read a file of the site"));
        }
    }
}

/// A parsed CSV file with a header row.
pub struct Csv {
    pub header: Vec<String>,
    pub rows: Vec<Row>,
}

/// One table of a unit's half-year report, read from the unit's reports file
/// (`data/reports/<slug>.csv`): `name` is `huyen-a-2024-H1` for Part One, the forecast, or
/// `huyen-a-2024-H1-plan` for Part Two; no rows when the unit has no such report.
pub fn report_table(site: &Site, name: &str) -> Csv {
    let (name, part) = match name.strip_suffix("-plan") {
        Some(n) => (n, "plan"),
        None => (name, "forecast"),
    };
    let half_year = &name[name.len() - 7..];
    let slug = &name[..name.len() - 8];
    let path = format!("data/reports/{slug}.csv");
    let mut csv = if site.path(&path).is_file() {
        Csv::parse(&site.read(&path))
    } else {
        Csv {
            header: Vec::new(),
            rows: Vec::new(),
        }
    };
    csv.rows
        .retain(|r| r.get("half_year") == half_year && r.get("part") == part);
    csv
}

/// One CSV row by column name.
#[derive(Debug, Clone)]
pub struct Row(pub BTreeMap<String, String>);

impl Row {
    /// The cell in column `col`; panics when the file has no such column.
    pub fn get(&self, col: &str) -> &str {
        self.0
            .get(col)
            .unwrap_or_else(|| panic!("no column `{col}` in {:?}", self.0))
    }
}

impl Csv {
    pub fn parse(text: &str) -> Csv {
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(true)
            .from_reader(text.as_bytes());
        let header: Vec<String> = reader
            .headers()
            .expect("a header row")
            .iter()
            .map(str::to_string)
            .collect();
        let rows = reader
            .records()
            .map(|r| {
                let r = r.expect("a well-formed CSV row");
                Row(header
                    .iter()
                    .cloned()
                    .zip(r.iter().map(str::to_string))
                    .collect())
            })
            .collect();
        Csv { header, rows }
    }

    /// Every row whose cells equal the given (column, value) pairs.
    pub fn filter(&self, filter: &[(&str, &str)]) -> Vec<&Row> {
        self.rows
            .iter()
            .filter(|r| filter.iter().all(|(c, v)| r.get(c) == *v))
            .collect()
    }

    /// The one row matching `filter`, if any; panics when several rows match.
    pub fn find(&self, filter: &[(&str, &str)]) -> Option<Row> {
        let found = self.filter(filter);
        assert!(
            found.len() <= 1,
            "{} rows match {filter:?}: {found:?}",
            found.len()
        );
        found.first().map(|r| (*r).clone())
    }
}

/// The `href` attributes of an HTML page, with the character references a template engine may
/// write in attributes (`&#x2F;` for `/`, `&amp;`) decoded.
pub fn hrefs(html: &str) -> Vec<String> {
    html.split("href=\"")
        .skip(1)
        .filter_map(|rest| rest.split_once('"').map(|(v, _)| v))
        .map(decode_entities)
        .collect()
}

/// Decodes the character references that appear in generated HTML.
pub fn decode_entities(s: &str) -> String {
    s.replace("&#x2F;", "/")
        .replace("&#x2f;", "/")
        .replace("&#47;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The text nodes of an HTML page (what lies between tags), entity-decoded and trimmed, so a
/// test can look for a sentence without depending on the markup around it.
pub fn text_nodes(html: &str) -> Vec<String> {
    html.split('<')
        .filter_map(|piece| piece.split_once('>').map(|(_, text)| text))
        .map(|t| decode_entities(t).trim().to_string())
        .filter(|t| !t.is_empty())
        .collect()
}

/// Copies the folder `from` into `to`, recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).expect("create the copy");
    for entry in fs::read_dir(from).expect("read the folder") {
        let entry = entry.expect("folder entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy a file");
        }
    }
}

/// A copy of the repository's sample project (data, content, settings) at `dir/dien-bien`.
pub fn sample_copy(dir: &Path) -> PathBuf {
    let sample = Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = dir.join("dien-bien");
    copy_dir(&sample.join("data"), &root.join("data"));
    copy_dir(&sample.join("content"), &root.join("content"));
    fs::copy(sample.join("chiso.toml"), root.join("chiso.toml")).expect("copy chiso.toml");
    root
}

/// Seconds since 1970 at midnight UTC of a `YYYY-MM-DD` date (days from civil, H. Hinnant),
/// for `SOURCE_DATE_EPOCH`.
pub fn epoch_of(date: &str) -> i64 {
    let mut parts = date
        .split('-')
        .map(|p| p.parse::<i64>().expect("YYYY-MM-DD"));
    let (y, m, d) = (
        parts.next().expect("a year"),
        parts.next().expect("a month"),
        parts.next().expect("a day"),
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    (era * 146_097 + doe - 719_468) * 86_400
}

/// Today's date in UTC, `YYYY-MM-DD` (civil from days, H. Hinnant): the date of a build
/// without `SOURCE_DATE_EPOCH`.
pub fn today_utc() -> String {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("a clock after 1970")
        .as_secs() as i64;
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}
