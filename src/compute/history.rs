//! What changed: each build compares its figures with those of the site it replaces and keeps
//! a history (`data/changes.json`), shown on a "what's new" page and in an Atom feed, so that
//! journalists and citizens can follow updates. One update per date of build, holding only that
//! date's net changes, so that an editor's corrections of the day are not published as news
//! (docs/cap-nhat-so-lieu.md says so to editors).

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

/// A figure's place in `data/values.csv`: unit, indicator, period and kind, joined by `\0` in
/// one string (a site has ~180,000: one allocation and one comparison each, not four). `\0`
/// sorts before every character of a code, so keys sort as the four columns would.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Key(String);

impl Key {
    fn new(unit: &str, indicator: &str, period: &str, kind: &str) -> Key {
        let mut k = String::with_capacity(unit.len() + indicator.len() + period.len() + 12);
        for (n, part) in [unit, indicator, period, kind].into_iter().enumerate() {
            if n > 0 {
                k.push('\0');
            }
            k.push_str(part);
        }
        Key(k)
    }

    /// Unit, indicator, period and kind.
    fn parts(&self) -> [&str; 4] {
        let mut it = self.0.splitn(4, '\0');
        [(); 4].map(|_| it.next().unwrap_or_default())
    }
}

/// Every figure of this build, keyed as in `data/values.csv`: made unit by unit on every CPU
/// and put in order at once, as a site's ~180,000 figures one insertion at a time took a
/// tenth of a one-commune build.
fn current(project: &Project, computed: &Computed) -> BTreeMap<Key, String> {
    use rayon::prelude::*;
    let units: Vec<_> = project.units.ids().collect();
    let rows: Vec<Vec<(Key, String)>> = units
        .par_iter()
        .map(|&u| {
            let code = &project.units.get(u).code;
            let mut rows = Vec::new();
            for (i, ind) in project.catalogue.iter() {
                for (k, f) in computed.figures.series(u, i) {
                    rows.push((
                        Key::new(code, &ind.code, &k.period.to_string(), k.kind.as_str()),
                        plain_number(f.value, ind.decimals),
                    ));
                }
            }
            rows
        })
        .collect();
    rows.into_iter().flatten().collect()
}

fn parse_values(csv_text: &str) -> BTreeMap<Key, String> {
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    // Collected, then put in order at once (the previous site's rows are already in it).
    reader
        .records()
        .flatten()
        .filter(|r| r.len() >= 5)
        .map(|r| (Key::new(&r[0], &r[1], &r[2], &r[3]), r[4].to_string()))
        .collect()
}

/// The history after this build: the previous one, with this build's date's update made
/// again from the net changes of the day.
///
/// Builds on the same date are one update: its changes go from the figures published before the
/// first build of that date to the figures of this build. An editor's afternoon (a typo, a build,
/// the fix, a build) is therefore no news: a figure changed and changed back nets to nothing, a
/// figure added and removed again the same day is not listed, and an update left with no net
/// change is dropped. On the date of the first publication every figure is new, so that day's
/// later builds add nothing to it either.
pub fn history(
    project: &Project,
    computed: &Computed,
    previous: &PreviousSite,
    date: &str,
) -> Vec<Update> {
    next(previous, || current(project, computed), date)
}

/// [`history`] from the figures of this build, keyed as in `data/values.csv`, made by `now`
/// only when they are compared with the previous site's (not in a first build), and beside
/// the reading of those.
fn next(
    previous: &PreviousSite,
    now: impl FnOnce() -> BTreeMap<Key, String> + Send,
    date: &str,
) -> Vec<Update> {
    let mut updates: Vec<Update> = previous
        .changes_json
        .as_deref()
        .and_then(|j| serde_json::from_str(j).ok())
        .unwrap_or_default();
    // Without a history (a first build, or `data/changes.json` deleted by an editor to start
    // again) this build is the first publication, whatever the folder held.
    if updates.is_empty() {
        return vec![first(date)];
    }
    let Some(old_csv) = previous.values_csv.as_deref() else {
        return updates;
    };
    // The figures as they were before the first build of `date`: the previous site's, with
    // that date's updates undone, newest first.
    let (mut before, now) = rayon::join(|| parse_values(old_csv), now);
    let today = updates.iter().take_while(|u| u.date == date).count();
    let first_today = updates[..today].iter().any(|u| u.first);
    for u in updates.drain(..today) {
        for c in &u.changes {
            let k = key(c);
            if c.old.is_empty() {
                before.remove(&k);
            } else {
                before.insert(k, c.old.clone());
            }
        }
    }
    if first_today {
        updates.insert(0, first(date));
        updates.truncate(KEEP);
        return updates;
    }
    let changes = net_changes(&before, &now);
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

fn first(date: &str) -> Update {
    Update {
        date: date.into(),
        first: true,
        changes: Vec::new(),
    }
}

/// Every figure new or changed from `old` to `now`, then every one gone, each in the order of
/// their keys.
fn net_changes(old: &BTreeMap<Key, String>, now: &BTreeMap<Key, String>) -> Vec<Change> {
    let mut changes = Vec::new();
    for (k, v) in now {
        if old.get(k) != Some(v) {
            changes.push(change(
                k,
                old.get(k).cloned().unwrap_or_default(),
                v.clone(),
            ));
        }
    }
    for (k, v) in old {
        if !now.contains_key(k) {
            changes.push(change(k, v.clone(), String::new()));
        }
    }
    changes
}

fn key(c: &Change) -> Key {
    Key::new(&c.unit, &c.indicator, &c.period, &c.kind)
}

fn change(k: &Key, old: String, new: String) -> Change {
    let [unit, indicator, period, kind] = k.parts().map(String::from);
    Change {
        unit,
        indicator,
        period,
        kind,
        old,
        new,
    }
}

/// The date of this build, `YYYY-MM-DD` in UTC: that of `SOURCE_DATE_EPOCH` when it is set
/// (reproducible builds), else today's. Never `updated` of chiso.toml, which an editor forgets
/// to change; the date only shows in the history, and an update keeps the date it was first
/// built on, so rebuilding the same input on another day changes no file.
pub fn build_date() -> String {
    let secs = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
    let (y, m, d) = crate::date::civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The date of the data, whatever the build's: the end of the latest period with an actual
/// figure (not `updated`, which editors forget to change). Binary files that carry a date (workbooks) take this
/// one, so that only text files differ when `SOURCE_DATE_EPOCH` is set.
pub fn data_date(project: &Project, computed: &Computed) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_published_values() {
        let v =
            parse_values("unit,indicator,period,kind,value,origin\n099,x,2024,actual,5,entered\n");
        assert_eq!(v[&Key::new("099", "x", "2024", "actual")], "5");
    }

    #[test]
    fn keys_sort_as_their_four_columns_would() {
        let rows = [
            ("01", "ab", "2025", "actual"),
            ("0", "x", "2025", "target"),
            ("01", "a", "2025-H1", "actual"),
            ("01", "a", "2025", "target"),
            ("01", "a", "2025", "actual"),
        ];
        let mut by_columns = rows.to_vec();
        by_columns.sort();
        let mut by_key: Vec<Key> = rows.iter().map(|r| Key::new(r.0, r.1, r.2, r.3)).collect();
        by_key.sort();
        let parts: Vec<[&str; 4]> = by_key.iter().map(Key::parts).collect();
        let expected: Vec<[&str; 4]> = by_columns.iter().map(|r| [r.0, r.1, r.2, r.3]).collect();
        assert_eq!(parts, expected);
    }

    const HEAD: &str = "unit,indicator,period,kind,value,origin\n";

    fn figures(rows: &[(&str, &str)]) -> BTreeMap<Key, String> {
        rows.iter()
            .map(|(ind, v)| (Key::new("01", ind, "2025", "actual"), (*v).to_string()))
            .collect()
    }

    fn csv_of(f: &BTreeMap<Key, String>) -> String {
        let mut s = HEAD.to_string();
        for (key, v) in f {
            let [u, i, p, k] = key.parts();
            s.push_str(&format!("{u},{i},{p},{k},{v},entered\n"));
        }
        s
    }

    /// Builds `steps` one after the other into one folder, each `(date, figures)`, and returns
    /// the history after the last.
    fn builds(steps: &[(&str, &[(&str, &str)])]) -> Vec<Update> {
        let mut site = PreviousSite::default();
        let mut out = Vec::new();
        for (date, rows) in steps {
            let now = figures(rows);
            out = next(&site, || now.clone(), date);
            site = PreviousSite {
                values_csv: Some(csv_of(&now)),
                changes_json: Some(serde_json::to_string(&out).unwrap()),
            };
        }
        out
    }

    fn listed(u: &Update) -> Vec<(String, String, String)> {
        u.changes
            .iter()
            .map(|c| (c.indicator.clone(), c.old.clone(), c.new.clone()))
            .collect()
    }

    fn triple(i: &str, old: &str, new: &str) -> (String, String, String) {
        (i.into(), old.into(), new.into())
    }

    #[test]
    fn the_first_build_is_the_first_publication_and_that_days_rebuilds_add_nothing() {
        let h = builds(&[
            ("2026-03-02", &[("a", "1")]),
            ("2026-03-02", &[("a", "2"), ("b", "5")]),
        ]);
        assert_eq!(h, vec![first("2026-03-02")]);
    }

    #[test]
    fn a_typo_fixed_the_same_day_is_no_news() {
        let h = builds(&[
            ("2026-03-01", &[("a", "1"), ("b", "7")]),
            ("2026-03-02", &[("a", "10"), ("b", "7")]),
            ("2026-03-02", &[("a", "1"), ("b", "7")]),
        ]);
        assert_eq!(h, vec![first("2026-03-01")]);
    }

    #[test]
    fn builds_of_one_day_are_one_update_from_the_days_first_figures_to_its_last() {
        let h = builds(&[
            ("2026-03-01", &[("a", "1"), ("b", "7"), ("gone", "3")]),
            ("2026-03-02", &[("a", "10"), ("b", "7"), ("gone", "3")]),
            ("2026-03-02", &[("a", "2"), ("b", "8"), ("new", "4")]),
            // A figure added and removed the same day is not listed.
            (
                "2026-03-02",
                &[("a", "2"), ("b", "8"), ("new", "4"), ("brief", "9")],
            ),
            ("2026-03-02", &[("a", "2"), ("b", "8"), ("new", "4")]),
        ]);
        assert_eq!(h.len(), 2);
        assert_eq!(h[0].date, "2026-03-02");
        assert_eq!(
            listed(&h[0]),
            vec![
                triple("a", "1", "2"),
                triple("b", "7", "8"),
                triple("new", "", "4"),
                triple("gone", "3", ""),
            ]
        );
    }

    #[test]
    fn builds_on_two_days_are_two_updates_and_an_unchanged_rebuild_adds_nothing() {
        let h = builds(&[
            ("2026-03-01", &[("a", "1")]),
            ("2026-03-02", &[("a", "2")]),
            ("2026-03-03", &[("a", "3")]),
            ("2026-03-04", &[("a", "3")]),
        ]);
        let dates: Vec<&str> = h.iter().map(|u| u.date.as_str()).collect();
        assert_eq!(dates, ["2026-03-03", "2026-03-02", "2026-03-01"]);
        assert_eq!(listed(&h[0]), vec![triple("a", "2", "3")]);
        assert_eq!(listed(&h[1]), vec![triple("a", "1", "2")]);
    }

    #[test]
    fn a_days_update_that_nets_to_nothing_disappears_and_earlier_ones_stay() {
        let h = builds(&[
            ("2026-03-01", &[("a", "1")]),
            ("2026-03-02", &[("a", "2")]),
            ("2026-03-05", &[("a", "9")]),
            ("2026-03-05", &[("a", "2")]),
        ]);
        let dates: Vec<&str> = h.iter().map(|u| u.date.as_str()).collect();
        assert_eq!(dates, ["2026-03-02", "2026-03-01"]);
    }

    #[test]
    fn several_updates_of_one_day_from_an_older_chiso_are_merged() {
        let old = vec![
            Update {
                date: "2026-03-02".into(),
                first: false,
                changes: vec![change(
                    &figures(&[("a", "")]).into_keys().next().unwrap(),
                    "2".into(),
                    "3".into(),
                )],
            },
            Update {
                date: "2026-03-02".into(),
                first: false,
                changes: vec![change(
                    &figures(&[("a", "")]).into_keys().next().unwrap(),
                    "1".into(),
                    "2".into(),
                )],
            },
            first("2026-03-01"),
        ];
        let site = PreviousSite {
            values_csv: Some(csv_of(&figures(&[("a", "3")]))),
            changes_json: Some(serde_json::to_string(&old).unwrap()),
        };
        let h = next(&site, || figures(&[("a", "4")]), "2026-03-02");
        assert_eq!(h.len(), 2);
        assert_eq!(listed(&h[0]), vec![triple("a", "1", "4")]);
    }

    #[test]
    fn the_date_is_that_of_source_date_epoch_in_utc() {
        // 2023-11-14 22:13:20 UTC, already the 15th in Hà Nội: the UTC date is kept.
        assert_eq!(
            crate::date::civil_from_days(1_700_000_000_i64.div_euclid(86_400)),
            (2023, 11, 14)
        );
    }

    #[test]
    fn a_deleted_history_starts_again_with_a_first_publication() {
        let site = PreviousSite {
            values_csv: Some(csv_of(&figures(&[("a", "1")]))),
            changes_json: None,
        };
        let h = next(&site, || figures(&[("a", "2")]), "2026-03-09");
        assert_eq!(h, vec![first("2026-03-09")]);
    }
}
