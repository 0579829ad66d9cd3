//! What a change of values files changed, so that `chiso serve` renders only the pages that
//! show it again.
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

    /// What differs between two loads of one project whose only changed input files are
    /// values files: `None` when something that every page shows changed too (the periods
    /// published), and everything must be rendered again.
    pub fn between(old: (&Project, &Computed), new: (&Project, &Computed)) -> Option<Scope> {
        let ((old_p, old_c), (new_p, new_c)) = (old, new);
        let (units, indicators) = (new_p.units.len(), new_p.catalogue.len());
        // Other plans, or another current plan, change what every page measures against.
        if old_p.units.len() != units
            || old_p.catalogue.len() != indicators
            || old_p.plans != new_p.plans
        {
            return None;
        }
        if periods(old_p, old_c) != periods(new_p, new_c) {
            return None;
        }
        let mut scope = Scope {
            own: PerUnit::filled(false, units),
            inherited: PerUnit::filled(false, units),
            indicators: PerIndicator::filled(false, indicators),
        };
        // Whose targets changed: units that inherit them show them in their reports.
        let mut targets = PerUnit::filled(false, units);
        let targets_of = |c: &'_ Computed, u, i| -> Vec<_> {
            c.figures
                .series(u, i)
                .iter()
                .filter(|(k, _)| k.kind == Kind::Target)
                .map(|(k, f)| (*k, f.clone()))
                .collect()
        };
        for (u, changed) in scope.own.iter_mut() {
            for i in new_p.catalogue.ids() {
                let series_changed = old_c.figures.series(u, i) != new_c.figures.series(u, i);
                if series_changed && targets_of(old_c, u, i) != targets_of(new_c, u, i) {
                    targets[u] = true;
                }
                let plan_changed = new_p.plans.ids().any(|p| {
                    old_c.progress[p][u][i] != new_c.progress[p][u][i]
                        || old_c.target_unit[p][u][i] != new_c.target_unit[p][u][i]
                });
                if series_changed || plan_changed {
                    *changed = true;
                    scope.indicators[i] = true;
                }
            }
        }
        // "Figures missing in …" notes, by the unit that shows them.
        let missing = |c: &Computed| -> BTreeSet<(UnitId, IndicatorId, String)> {
            c.missing
                .iter()
                .map(|((u, i, key), children)| (*u, *i, format!("{key:?}{children:?}")))
                .collect()
        };
        for (u, i, _) in missing(old_c).symmetric_difference(&missing(new_c)) {
            scope.own[*u] = true;
            scope.indicators[*i] = true;
        }
        for (u, inherited) in scope.inherited.iter_mut() {
            *inherited = new_c
                .target_unit
                .values()
                .any(|plan| plan[u].values().flatten().any(|&t| t != u && targets[t]));
        }
        Some(scope)
    }
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
