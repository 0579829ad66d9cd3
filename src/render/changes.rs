//! What changed: each build compares its figures with those of the site it replaces and keeps
//! a history (`data/changes.json`), shown on a "what's new" page and in an Atom feed, so that
//! journalists and citizens can follow updates.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::compute::Computed;
use crate::format::plain_number;
use crate::model::Project;

/// How many updates the history keeps.
const KEEP: usize = 50;

/// What the previous site published, read before it is replaced.
#[derive(Debug, Clone, Default)]
pub struct PreviousSite {
    pub values_csv: Option<String>,
    pub changes_json: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    pub unit: String,
    pub indicator: String,
    pub period: String,
    pub kind: String,
    /// Empty for a new figure.
    pub old: String,
    /// Empty for a removed figure.
    pub new: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Update {
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The first publication: no earlier figures to compare with.
    pub first: bool,
    pub changes: Vec<Change>,
}

type Key = (String, String, String, String);

fn current(project: &Project, computed: &Computed) -> BTreeMap<Key, String> {
    let mut out = BTreeMap::new();
    for u in project.units.ids() {
        for (i, ind) in project.catalogue.iter() {
            for (k, f) in computed.figures.series(u, i) {
                out.insert(
                    (
                        project.units.get(u).code.clone(),
                        ind.code.clone(),
                        k.period.to_string(),
                        k.kind.as_str().to_string(),
                    ),
                    plain_number(f.value, ind.decimals),
                );
            }
        }
    }
    out
}

fn parse_values(csv_text: &str) -> BTreeMap<Key, String> {
    let mut out = BTreeMap::new();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    for r in reader.records().flatten() {
        if r.len() >= 5 {
            out.insert(
                (r[0].into(), r[1].into(), r[2].into(), r[3].into()),
                r[4].to_string(),
            );
        }
    }
    out
}

/// The history after this build: the previous one, plus an update dated `date` when any
/// published figure is new, changed or gone.
pub fn history(
    project: &Project,
    computed: &Computed,
    previous: &PreviousSite,
    date: &str,
) -> Vec<Update> {
    let mut updates: Vec<Update> = previous
        .changes_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    let now = current(project, computed);
    let Some(old_csv) = previous.values_csv.as_deref() else {
        if updates.is_empty() {
            updates.push(Update {
                date: date.into(),
                first: true,
                changes: Vec::new(),
            });
        }
        return updates;
    };
    let old = parse_values(old_csv);
    let mut changes = Vec::new();
    for (k, v) in &now {
        if old.get(k) != Some(v) {
            changes.push(change(
                k,
                old.get(k).cloned().unwrap_or_default(),
                v.clone(),
            ));
        }
    }
    for (k, v) in &old {
        if !now.contains_key(k) {
            changes.push(change(k, v.clone(), String::new()));
        }
    }
    if !changes.is_empty() {
        updates.insert(
            0,
            Update {
                date: date.into(),
                first: false,
                changes,
            },
        );
    }
    updates.truncate(KEEP);
    updates
}

fn change(k: &Key, old: String, new: String) -> Change {
    Change {
        unit: k.0.clone(),
        indicator: k.1.clone(),
        period: k.2.clone(),
        kind: k.3.clone(),
        old,
        new,
    }
}

/// The date of this build: `SOURCE_DATE_EPOCH` when set, else `updated` in chiso.toml, else the
/// end of the latest period with an actual figure, so that the same input always gives the same date.
pub fn build_date(project: &Project, computed: &Computed) -> String {
    if let Some(days) = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .map(|secs| secs.div_euclid(86_400))
    {
        let (y, m, d) = civil_from_days(days);
        return format!("{y:04}-{m:02}-{d:02}");
    }
    data_date(project, computed)
}

/// The date of the data, whatever the build's: `updated` in chiso.toml, else the end of the
/// latest period with an actual figure. Binary files that carry a date (workbooks) take this
/// one, so that only text files differ when `SOURCE_DATE_EPOCH` is set.
pub fn data_date(project: &Project, computed: &Computed) -> String {
    if let Some(u) = &project.config.updated {
        return u.clone();
    }
    let latest = project
        .units
        .ids()
        .flat_map(|u| project.catalogue.ids().map(move |i| (u, i)))
        .filter_map(|(u, i)| {
            computed
                .figures
                .of_kind(u, i, crate::model::Kind::Actual)
                .last()
                .map(|(p, _)| p)
        })
        .max();
    match latest {
        Some(p) if p.half => format!("{:04}-06-30", p.year),
        Some(p) => format!("{:04}-12-31", p.year),
        None => "1970-01-01".into(),
    }
}

/// Days since 1970-01-01 to a calendar date (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_epoch_days() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(19_723), (2024, 1, 1));
        assert_eq!(civil_from_days(20_413), (2025, 11, 21));
    }

    #[test]
    fn parses_published_values() {
        let v =
            parse_values("unit,indicator,period,kind,value,origin\n099,x,2024,actual,5,entered\n");
        assert_eq!(
            v[&("099".into(), "x".into(), "2024".into(), "actual".into())],
            "5"
        );
    }
}
