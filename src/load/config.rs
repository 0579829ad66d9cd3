//! `chiso.toml`: optional site settings.

use std::path::Path;

use super::text;
use crate::diagnostics::{Diagnostics, Problem};
use crate::model::Config;

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
            if let Some(l) = &c.license {
                if !is_license_id(l) {
                    diags.push(
                        rel,
                        None,
                        Some("license"),
                        Problem::Config(format!("`{l}`: CC-BY-4.0")),
                    );
                }
            }
            check_plans(&c, &raw, diags);
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

/// The line of each `[[plans]]` header, in order, for messages about the plan it opens.
pub fn plan_lines(raw: &str) -> Vec<usize> {
    raw.lines()
        .enumerate()
        .filter(|(_, l)| l.trim_start().starts_with("[[plans]]"))
        .map(|(n, _)| n + 1)
        .collect()
}

/// Each `[[plans]]`: an id of `[a-z0-9-]+` not used before, years in order, no year in two
/// plans (a target row of a year must belong to one plan).
fn check_plans(c: &Config, raw: &str, diags: &mut Diagnostics) {
    let rel = Path::new("chiso.toml");
    let lines = plan_lines(raw);
    let line = |n: usize| lines.get(n).copied();
    for (n, p) in c.plans.iter().enumerate() {
        let ok_id = !p.id.is_empty()
            && p.id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !ok_id {
            diags.push(rel, line(n), Some("id"), Problem::PlanId(p.id.clone()));
        } else if c.plans[..n].iter().any(|q| q.id == p.id) {
            diags.push(rel, line(n), Some("id"), Problem::PlanIdTwice(p.id.clone()));
        }
        let year_ok = |y: i32| (1900..=2199).contains(&y);
        if !year_ok(p.from) || !year_ok(p.until) || p.from > p.until {
            diags.push(
                rel,
                line(n),
                Some("until"),
                Problem::PlanYears {
                    id: p.id.clone(),
                    from: p.from,
                    until: p.until,
                },
            );
            continue;
        }
        if let Some(q) = c.plans[..n]
            .iter()
            .find(|q| q.from <= q.until && q.from <= p.until && p.from <= q.until)
        {
            diags.push(
                rel,
                line(n),
                Some("from"),
                Problem::PlansOverlap {
                    id: p.id.clone(),
                    other: q.id.clone(),
                    years: format!("{}–{}", q.from, q.until),
                },
            );
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
                        catalogue.iter().map(|(_, i)| i.code.as_str()),
                    ),
                },
            );
        }
    }
}

/// A licence's identifier as the SPDX list writes them (`CC-BY-4.0`): letters, digits, `.` and
/// `-`, which a data package accepts as a name.
pub fn is_license_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-'))
}

/// A published address: `http://` or `https://`, with nothing that could break out of an
/// attribute or a feed.
pub fn is_base_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
        })
}
