//! `chiso.toml`: optional site settings.

use std::path::Path;

use super::text;
use crate::diagnostics::{Diagnostics, Problem};

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
    /// The date of the data's publication, `YYYY-MM-DD`, for "what's new" and the feed.
    pub updated: Option<String>,
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
    /// Which settings the file gave, so that only codes an editor wrote are checked: the
    /// defaults name indicators a project may not have.
    #[serde(skip)]
    pub written: Vec<String>,
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

impl Default for Config {
    fn default() -> Self {
        Config {
            title: None,
            title_en: None,
            base_url: None,
            languages: vec!["vi".into(), "en".into()],
            target_year: None,
            updated: None,
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
            written: Vec::new(),
        }
    }
}

pub fn load(root: &Path, diags: &mut Diagnostics) -> Config {
    let rel = Path::new("chiso.toml");
    if std::fs::symlink_metadata(root.join(rel)).is_err() {
        return Config::default();
    }
    let bytes = match super::files::read(root, rel) {
        Ok(b) => b,
        Err(problem) => {
            diags.push(rel, None, None, problem);
            return Config::default();
        }
    };
    let raw = text::decode(&bytes);
    match toml::from_str::<Config>(&raw) {
        Ok(mut c) => {
            if let Ok(table) = raw.parse::<toml::Table>() {
                c.written = table.keys().cloned().collect();
                if let Some(charts) = table.get("charts").and_then(|v| v.as_table()) {
                    c.written
                        .extend(charts.keys().map(|k| format!("charts.{k}")));
                }
            }
            for l in &c.languages {
                if l != "vi" && l != "en" {
                    diags.push(
                        rel,
                        None,
                        Some("languages"),
                        Problem::Config(format!("`{l}`: vi, en")),
                    );
                }
            }
            if let Some(b) = &c.base_url {
                if !is_base_url(b) {
                    diags.push(
                        rel,
                        None,
                        Some("base_url"),
                        Problem::Config(format!("`{b}`: https://…/")),
                    );
                }
            }
            if let Some(u) = &c.updated {
                let b = u.as_bytes();
                let ok = b.len() == 10
                    && b[4] == b'-'
                    && b[7] == b'-'
                    && b.iter()
                        .enumerate()
                        .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
                if !ok {
                    diags.push(
                        rel,
                        None,
                        Some("updated"),
                        Problem::Config(format!("`{u}`: YYYY-MM-DD")),
                    );
                }
            }
            if c.languages.is_empty() {
                diags.push(
                    rel,
                    None,
                    Some("languages"),
                    Problem::Config("languages = [\"vi\", \"en\"]".into()),
                );
            }
            c
        }
        Err(e) => {
            let line = e
                .span()
                .map(|s| 1 + raw[..s.start.min(raw.len())].matches('\n').count());
            diags.push(
                rel,
                line,
                None,
                Problem::Config(e.message().trim().to_string()),
            );
            Config::default()
        }
    }
}

/// Every indicator code the file names must exist in the catalogue.
pub fn check_codes(config: &Config, catalogue: &crate::model::Catalogue, diags: &mut Diagnostics) {
    let rel = Path::new("chiso.toml");
    let mut named: Vec<(&str, &String)> = Vec::new();
    if config.written.iter().any(|k| k == "charts.coverage") {
        named.extend(
            config
                .charts
                .coverage
                .iter()
                .map(|c| ("charts.coverage", c)),
        );
    }
    if config.written.iter().any(|k| k == "charts.growth") {
        named.extend(config.charts.growth.iter().map(|c| ("charts.growth", c)));
    }
    if config.written.iter().any(|k| k == "headline") {
        named.extend(config.headline.iter().map(|c| ("headline", c)));
    }
    named.extend(config.labels.keys().map(|c| ("labels", c)));
    for (key, code) in named {
        if catalogue.by_code(code).is_none() {
            diags.push(
                rel,
                None,
                Some(key),
                Problem::UnknownIndicator {
                    code: code.clone(),
                    suggestion: crate::text::suggest(
                        code,
                        catalogue.indicators.iter().map(|i| i.code.as_str()),
                    ),
                },
            );
        }
    }
}

/// A published address: `http://` or `https://`, with nothing that could break out of an
/// attribute or a feed.
pub fn is_base_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
        })
}
