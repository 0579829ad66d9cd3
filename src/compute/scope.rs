//! What a change of values files changed, so that `chiso serve` and `chiso build` render
//! only the pages that show it again. Both compare [`Fingerprint`]s: serve its previous
//! preview's, build the one kept in the site's manifest.
//!
//! This file says what changed: each unit's own figures, the targets it inherits, each
//! indicator. Which pages show what is said by each page's module, next to its render code
//! (`unit_page::touched_by`, `indicator_page::touched_by`, `report::touched_by`,
//! `open_data::touched_by`), and asked through the page enum ([`super::pages::Page`]).
//! Site-wide pages (home lists, search, data, what's new) are always rendered again: they are
//! few and cheap.

use std::collections::BTreeSet;

use crate::compute::Computed;
use crate::model::{IndicatorId, PerIndicator, PerUnit, Project, UnitId};
use crate::model::{Kind, Period};

/// What changed between two loads of one project, by unit and by indicator.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Units whose own figures, progress against targets or "figures missing" notes changed.
    own: PerUnit<bool>,
    /// Units that inherit a target from a unit whose targets changed.
    inherited: PerUnit<bool>,
    /// Indicators with any changed figure, in any unit.
    indicators: PerIndicator<bool>,
}

impl Scope {
    /// Whether `u`'s own figures, progress or "figures missing" notes changed.
    pub fn own(&self, u: UnitId) -> bool {
        self.own[u]
    }

    /// Whether a target that `u` inherits from another unit changed.
    pub fn inherited(&self, u: UnitId) -> bool {
        self.inherited[u]
    }

    /// Whether any figure of indicator `i` changed, in any unit.
    pub fn indicator(&self, i: IndicatorId) -> bool {
        self.indicators[i]
    }

    /// Whether what `u`'s own files show changed: its figures, progress or notes, or a target
    /// it inherits. Its reports and open data files are made again then (`build` drops the
    /// previous reports by this).
    pub fn files(&self, u: UnitId) -> bool {
        self.own[u] || self.inherited[u]
    }

    /// What differs between the figures a previous render showed (`old`, as remembered by
    /// `chiso serve` or kept in the build manifest) and those of `computed` (`new`). The same
    /// comparison serves the preview and `chiso build`.
    pub fn of_change(old: &Fingerprint, new: &Fingerprint, computed: &Computed) -> Option<Scope> {
        // Other units, indicators, plans or periods published change what every page shows.
        if old.shape != new.shape
            || old.units.len() != new.units.len()
            || old.indicators.len() != new.indicators.len()
        {
            return None;
        }
        let differs = |a: &[String], b: &[String]| -> Vec<bool> {
            a.iter().zip(b).map(|(x, y)| x != y).collect()
        };
        let own: PerUnit<bool> = PerUnit::from_vec(differs(&old.units, &new.units));
        let targets: PerUnit<bool> = PerUnit::from_vec(differs(&old.targets, &new.targets));
        let indicators = PerIndicator::from_vec(differs(&old.indicators, &new.indicators));
        let mut inherited = PerUnit::filled(false, own.len());
        for (u, inherits) in inherited.iter_mut() {
            *inherits = computed
                .target_unit
                .values()
                .any(|plan| plan[u].values().flatten().any(|&t| t != u && targets[t]));
        }
        Some(Scope {
            own,
            inherited,
            indicators,
        })
    }
}

/// What the pages of one render show, in digests: enough to tell, against a later render's,
/// which units and indicators changed. `chiso serve` keeps it between previews and `chiso
/// build` in the build manifest, so both render again exactly what [`Scope::of_change`] says.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Fingerprint {
    /// The number of units and indicators, the plans and every period published.
    shape: String,
    /// Per unit: its figures, progress against each plan's targets, whose targets it follows
    /// and its "figures missing" notes.
    units: Vec<String>,
    /// Per unit: its targets.
    targets: Vec<String>,
    /// Per indicator: the same as `units`, over every unit.
    indicators: Vec<String>,
}

impl Fingerprint {
    pub fn of(project: &Project, computed: &Computed) -> Fingerprint {
        use rayon::prelude::*;
        let mut shape = Digest::new();
        shape.debug(&(project.units.len(), project.catalogue.len()));
        shape.debug(&project.plans);
        shape.debug(&periods(project, computed));
        let mut notes: std::collections::HashMap<(UnitId, IndicatorId), Vec<String>> =
            Default::default();
        for ((u, i, key), children) in &computed.missing {
            notes
                .entry((*u, *i))
                .or_default()
                .push(format!("{key:?}{children:?}"));
        }
        let units: Vec<UnitId> = project.units.ids().collect();
        let per_unit: Vec<(String, String, Vec<u128>)> = units
            .par_iter()
            .map(|&u| {
                let (mut all, mut targets) = (Digest::new(), Digest::new());
                let cells = project
                    .catalogue
                    .ids()
                    .map(|i| {
                        let mut cell = Digest::new();
                        let series = computed.figures.series(u, i);
                        cell.debug(series);
                        for p in project.plans.ids() {
                            cell.debug(&computed.progress[p][u][i]);
                            cell.debug(&computed.target_unit[p][u][i]);
                        }
                        cell.debug(&notes.get(&(u, i)));
                        let target: Vec<_> = series
                            .iter()
                            .filter(|(k, _)| k.kind == Kind::Target)
                            .collect();
                        targets.debug(&target);
                        let cell = cell.finish();
                        all.bytes(&cell.to_le_bytes());
                        cell
                    })
                    .collect();
                (hex(all.finish()), hex(targets.finish()), cells)
            })
            .collect();
        let indicators = project
            .catalogue
            .ids()
            .map(|i| {
                let mut d = Digest::new();
                for (_, _, cells) in &per_unit {
                    d.bytes(&cells[i.index()].to_le_bytes());
                }
                hex(d.finish())
            })
            .collect();
        let (units, targets) = per_unit.into_iter().map(|(a, t, _)| (a, t)).unzip();
        Fingerprint {
            shape: hex(shape.finish()),
            units,
            targets,
            indicators,
        }
    }
}

/// A 128-bit digest (SipHash 1-3 with fixed keys: the same in every run and on every
/// machine), fed with bytes or with values' debug text.
pub struct Digest(siphasher::sip128::SipHasher13);

impl Digest {
    pub fn new() -> Digest {
        Digest(siphasher::sip128::SipHasher13::new())
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        use std::hash::Hasher;
        self.0.write(&(bytes.len() as u64).to_le_bytes());
        self.0.write(bytes);
    }

    /// Feeds `value`'s debug text, which names every field, so that two different values
    /// cannot feed the same bytes.
    pub fn debug(&mut self, value: &impl std::fmt::Debug) {
        use std::fmt::Write;
        let _ = write!(self, "{value:?}\u{0}");
    }

    pub fn finish(&self) -> u128 {
        use siphasher::sip128::Hasher128;
        self.0.finish128().as_u128()
    }
}

impl Default for Digest {
    fn default() -> Self {
        Digest::new()
    }
}

impl std::fmt::Write for Digest {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        use std::hash::Hasher;
        self.0.write(s.as_bytes());
        Ok(())
    }
}

/// A digest as text, for the build manifest.
pub fn hex(digest: u128) -> String {
    format!("{digest:032x}")
}

/// Every period published, by kind: the columns that tables and charts share across pages.
fn periods(project: &Project, computed: &Computed) -> BTreeSet<(Kind, Period)> {
    let mut out = BTreeSet::new();
    for u in project.units.ids() {
        for i in project.catalogue.ids() {
            out.extend(
                computed
                    .figures
                    .series(u, i)
                    .keys()
                    .map(|k| (k.kind, k.period)),
            );
        }
    }
    out
}
