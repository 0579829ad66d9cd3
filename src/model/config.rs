//! The site's settings, as `chiso.toml` gives them (every one optional).

use std::collections::BTreeMap;

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Site title; defaults to the root unit's name.
    pub title: Option<String>,
    pub title_en: Option<String>,
    /// Absolute address of the published site; only the canonical link, sitemap and feed use it.
    pub base_url: Option<String>,
    /// Languages in order; the first is published at the root.
    pub languages: Vec<String>,
    /// The year the plan ends; the final target is the latest one up to it.
    pub target_year: Option<i32>,
    /// `[[plans]]`: the plans as written, validated by the loader; without any, one plan spans
    /// the target years ([`super::Plans`] holds the result).
    pub plans: Vec<PlanEntry>,
    /// The date of the data's publication, `YYYY-MM-DD`, for "what's new" and the feed.
    pub updated: Option<String>,
    /// The licence of the open data, by its identifier (`CC-BY-4.0`, `CC0-1.0`, `ODbL-1.0`…):
    /// shown in every page's footer and on the data page, and written in the data package.
    pub license: Option<String>,
    /// Shows a "sample data" notice on every page.
    pub sample: bool,
    /// Writes a gzip copy beside every text file (`index.html.gz`) for hosts that send such
    /// copies as they are (nginx `gzip_static`). Off by default: most hosts ignore them, and
    /// they double the files an editor uploads.
    pub precompress: bool,
    pub charts: Charts,
    /// Indicators shown as key figures at the top of each unit's page.
    pub headline: Vec<String>,
    /// Short names for indicators in charts, where the official names are too long.
    pub labels: std::collections::BTreeMap<String, Label>,
    /// `[report]`: who issues and signs the half-year reports' Word documents.
    pub report: ReportHead,
    /// Which settings the file gave, so that only codes an editor wrote are checked: the
    /// defaults name indicators a project may not have.
    #[serde(skip)]
    pub written: Vec<String>,
}

/// One `[[plans]]` table of `chiso.toml`.
#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanEntry {
    /// `[a-z0-9-]+`, unique.
    pub id: String,
    pub name: String,
    /// The name in English; the Vietnamese name where not given.
    pub name_en: Option<String>,
    pub from: i32,
    pub until: i32,
}

/// `[report]`: the head and the signature of the reports in the official form (Nghị định
/// 30/2020/NĐ-CP). Every setting is optional: what is missing stays a dotted blank that the
/// office fills in by hand. Tables are keyed by unit level (`district = "UBND {unit}"`), except
/// `signer_name`, keyed by unit code; texts may hold `{unit}` (the unit's name), `{name}` (its
/// name without the kind of unit: "Tuần Giáo") and `{parent}` (the unit above's name).
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReportHead {
    /// The issuing agency: `UBND {unit}`.
    pub agency: BTreeMap<String, String>,
    /// The agency above it, printed over it: `UBND {parent}`.
    pub parent_agency: BTreeMap<String, String>,
    /// The symbol after the number: `BC-UBND`.
    pub symbol: Option<String>,
    /// The place before the date: `{name}`.
    pub place: BTreeMap<String, String>,
    /// The signer's title, one line per `\n`: `TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH`.
    pub signer_title: BTreeMap<String, String>,
    /// The signer's name, by unit code.
    pub signer_name: BTreeMap<String, String>,
    /// The recipients, one per line of "Nơi nhận:".
    pub recipients: BTreeMap<String, Vec<String>>,
    /// The line of each setting in chiso.toml (`agency`, `agency.district`), for messages.
    #[serde(skip)]
    pub lines: BTreeMap<String, usize>,
}

impl ReportHead {
    /// The texts that may hold placeholders: (setting, level, text).
    pub fn templates(&self) -> impl Iterator<Item = (&'static str, &String, &String)> {
        let tables = [
            ("agency", &self.agency),
            ("parent_agency", &self.parent_agency),
            ("place", &self.place),
            ("signer_title", &self.signer_title),
        ];
        tables
            .into_iter()
            .flat_map(|(key, t)| t.iter().map(move |(level, text)| (key, level, text)))
    }

    /// The line of `key.sub` in chiso.toml, or of `key` when `sub` is on no line of its own.
    pub fn line(&self, key: &str, sub: &str) -> Option<usize> {
        let lines = &self.lines;
        lines
            .get(&format!("{key}.{sub}"))
            .or_else(|| lines.get(key))
            .copied()
    }

    /// Every level the section names, with the setting that names it.
    pub fn levels(&self) -> impl Iterator<Item = (&'static str, &String)> {
        self.templates()
            .map(|(key, level, _)| (key, level))
            .chain(self.recipients.keys().map(|l| ("recipients", l)))
    }
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    pub vi: String,
    pub en: Option<String>,
}

#[derive(Debug, Clone, serde::Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Charts {
    /// Percentages compared across units in the coverage chart.
    pub coverage: Vec<String>,
    /// Counts drawn over time in the growth chart.
    pub growth: Vec<String>,
}

impl Default for Charts {
    fn default() -> Self {
        Charts {
            coverage: vec![
                "mobile_coverage_pct".into(),
                "fixed_broadband_coverage_pct".into(),
            ],
            growth: vec![
                "mobile_subscribers".into(),
                "mobile_broadband_subscribers".into(),
                "fixed_broadband_subscribers".into(),
            ],
        }
    }
}

/// The licence when `chiso.toml` names none.
pub const DEFAULT_LICENSE: &str = "CC-BY-4.0";

impl Config {
    /// The open data's licence: `license`, else [`DEFAULT_LICENSE`].
    pub fn license(&self) -> &str {
        self.license.as_deref().unwrap_or(DEFAULT_LICENSE)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            title: None,
            title_en: None,
            base_url: None,
            languages: vec!["vi".into(), "en".into()],
            target_year: None,
            plans: Vec::new(),
            updated: None,
            license: None,
            sample: false,
            precompress: false,
            charts: Charts::default(),
            headline: [
                "bts_sites",
                "mobile_coverage_pct",
                "fixed_broadband_coverage_pct",
                "mobile_subscribers",
                "mobile_per_100",
                "mobile_broadband_subscribers",
                "fixed_broadband_subscribers",
                "households_broadband_pct",
            ]
            .map(String::from)
            .to_vec(),
            labels: Default::default(),
            report: ReportHead::default(),
            written: Vec::new(),
        }
    }
}
