//! `chiso.toml`: optional site settings.

use std::path::Path;

use super::text;
use crate::diagnostics::{Diagnostics, Problem};
use crate::model::{Config, UnitTree};
use std::collections::BTreeMap;

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
            c.report.lines = report_lines(&raw);
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

/// The line of each setting of `[report]`: `key` for `key = …` (and for a `[report.key]`
/// header), `key.sub` for a `sub = …` inside it, inline (`{ sub = … }`) or on a line of its own.
fn report_lines(raw: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    let mut table: Option<String> = None;
    let unquote = |k: &str| k.trim().trim_matches(|c| c == '"' || c == '\'').to_string();
    for (n, line) in raw.lines().enumerate() {
        let line_no = n + 1;
        let t = line.trim();
        if t.starts_with('[') {
            let name = t
                .trim_start_matches('[')
                .split(']')
                .next()
                .unwrap_or("")
                .trim();
            table = match name.strip_prefix("report") {
                Some("") => Some(String::new()),
                Some(rest) if rest.starts_with('.') => {
                    let key = unquote(&rest[1..]);
                    out.entry(key.clone()).or_insert(line_no);
                    Some(key)
                }
                _ => None,
            };
            continue;
        }
        let Some(table) = &table else { continue };
        let Some((key, value)) = t.split_once('=') else {
            continue;
        };
        let key: Vec<String> = key.split('.').map(unquote).collect();
        let key = if table.is_empty() {
            key.join(".")
        } else {
            format!("{table}.{}", key.join("."))
        };
        out.entry(key.clone()).or_insert(line_no);
        if let Some(inline) = value.trim().strip_prefix('{') {
            for pair in inline.trim_end_matches('}').split(',') {
                if let Some((sub, _)) = pair.split_once('=') {
                    out.entry(format!("{key}.{}", unquote(sub)))
                        .or_insert(line_no);
                }
            }
        }
    }
    out
}

/// `[report]`: levels that some unit has, unit codes that exist, and only the placeholders
/// `{unit}`, `{name}`, `{parent}`.
pub fn check_report(config: &Config, units: &UnitTree, diags: &mut Diagnostics) {
    let rel = Path::new("chiso.toml");
    let head = &config.report;
    let mut levels: Vec<String> = Vec::new();
    for (_, u) in units.iter() {
        if !levels.contains(&u.level) {
            levels.push(u.level.clone());
        }
    }
    for (key, level) in head.levels() {
        if !levels.contains(level) {
            diags.push(
                rel,
                head.line(key, level),
                None,
                Problem::ReportLevel {
                    key: key.to_string(),
                    level: level.clone(),
                    levels: levels.clone(),
                },
            );
        }
    }
    for code in head.signer_name.keys() {
        if units.by_code(code).is_none() {
            diags.push(
                rel,
                head.line("signer_name", code),
                None,
                Problem::ReportUnit {
                    code: code.clone(),
                    suggestion: crate::text::suggest(
                        code,
                        units.iter().map(|(_, u)| u.code.as_str()),
                    ),
                },
            );
        }
    }
    for (key, level, text) in head.templates() {
        for placeholder in placeholders(text) {
            if !matches!(placeholder, "unit" | "name" | "parent") {
                diags.push(
                    rel,
                    head.line(key, level),
                    None,
                    Problem::ReportPlaceholder {
                        key: key.to_string(),
                        placeholder: placeholder.to_string(),
                    },
                );
            }
        }
    }
}

/// The names between braces in `text`: `UBND {unit}` → `unit`.
fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.split('{')
        .skip(1)
        .filter_map(|s| s.split_once('}').map(|(name, _)| name))
}

/// A published address: `http://` or `https://`, with nothing that could break out of an
/// attribute or a feed.
pub fn is_base_url(s: &str) -> bool {
    (s.starts_with("https://") || s.starts_with("http://"))
        && !s.chars().any(|c| {
            c.is_whitespace() || c.is_control() || matches!(c, '"' | '\'' | '<' | '>' | '`' | '\\')
        })
}

#[cfg(test)]
mod tests {
    use super::{placeholders, report_lines};

    #[test]
    fn each_report_setting_is_found_on_its_line_inline_or_in_a_sub_table() {
        let raw = "title = \"x\"\n[report]\nsymbol = \"BC-UBND\"\nagency = { district = \"UBND {unit}\", \"commune\" = \"x\" }\n\n[report.signer_name]\n\"099\" = \"A\"\n[labels]\nagency = 1\n";
        let lines = report_lines(raw);
        let line = |k: &str| lines.get(k).copied();
        assert_eq!(line("symbol"), Some(3));
        assert_eq!(line("agency"), Some(4));
        assert_eq!(line("agency.district"), Some(4));
        assert_eq!(line("agency.commune"), Some(4));
        assert_eq!(line("signer_name"), Some(6));
        assert_eq!(line("signer_name.099"), Some(7));
        assert_eq!(lines.len(), 6, "nothing from other tables: {lines:?}");
    }

    #[test]
    fn placeholders_are_the_names_between_braces() {
        let found: Vec<&str> = placeholders("UBND {unit} – {parent}, {x").collect();
        assert_eq!(found, ["unit", "parent"]);
    }
}
