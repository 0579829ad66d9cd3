//! Which pages a change of figures touches, so that `chiso serve` renders only those again.
//!
//! A unit's page shows its own figures, progress and reports, its children's figures (tables
//! and comparison charts) or, without children, its parent's, and what narratives quote. An indicator's page shows
//! that indicator across every unit. Site-wide pages (home lists, search, data, what's new) are
//! always rendered again: they are few and cheap.

use std::collections::BTreeSet;

use super::changes::build_date;
use crate::compute::Computed;
use crate::model::{IndicatorId, PerIndicator, PerUnit, Project, UnitId};
use crate::model::{Kind, Period};

/// The units and indicators whose pages and files must be rendered again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// Units whose page shows a changed figure.
    pages: PerUnit<bool>,
    /// Units whose own figures, progress or inherited targets changed: their reports and
    /// open data files.
    files: PerUnit<bool>,
    indicators: PerIndicator<bool>,
}

impl Scope {
    pub fn page(&self, u: UnitId) -> bool {
        self.pages[u]
    }

    pub fn files(&self, u: UnitId) -> bool {
        self.files[u]
    }

    pub fn indicator(&self, i: IndicatorId) -> bool {
        self.indicators[i]
    }

    /// What differs between two loads of one project whose only changed input files are
    /// values files: `None` when something that every page shows changed too (the periods
    /// published, the build's date), and everything must be rendered again.
    pub fn between(old: (&Project, &Computed), new: (&Project, &Computed)) -> Option<Scope> {
        let ((old_p, old_c), (new_p, new_c)) = (old, new);
        let (units, indicators) = (new_p.units.len(), new_p.catalogue.len());
        if old_p.units.len() != units || old_p.catalogue.len() != indicators {
            return None;
        }
        if periods(old_p, old_c) != periods(new_p, new_c)
            || build_date(old_p, old_c) != build_date(new_p, new_c)
        {
            return None;
        }
        let mut changed = PerUnit::filled(false, units);
        let mut scope = Scope {
            pages: PerUnit::filled(false, units),
            files: PerUnit::filled(false, units),
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
        for (u, changed) in changed.iter_mut() {
            for i in new_p.catalogue.ids() {
                let series_changed = old_c.figures.series(u, i) != new_c.figures.series(u, i);
                if series_changed && targets_of(old_c, u, i) != targets_of(new_c, u, i) {
                    targets[u] = true;
                }
                if series_changed
                    || old_c.progress[u][i] != new_c.progress[u][i]
                    || old_c.target_unit[u][i] != new_c.target_unit[u][i]
                {
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
            changed[*u] = true;
            scope.indicators[*i] = true;
        }
        let tree = &new_p.units;
        for u in tree.ids().filter(|&u| changed[u]) {
            scope.pages[u] = true;
            scope.files[u] = true;
            if let Some(p) = tree.parent(u) {
                scope.pages[p] = true;
            }
            // A unit without children compares itself with its parent (`unit_page`); other
            // units show their children instead.
            for &c in tree.children(u) {
                if tree.children(c).is_empty() {
                    scope.pages[c] = true;
                }
            }
        }
        for u in tree.ids() {
            // Targets passed down from a changed unit: the plan column of the reports.
            let inherits = new_c.target_unit[u]
                .values()
                .flatten()
                .any(|&t| t != u && targets[t]);
            // A narrative may quote another unit's figures.
            let quotes = new_p
                .content
                .units
                .range((u, crate::model::content::LangKey::Vi)..)
                .take_while(|((owner, _), _)| *owner == u)
                .any(|(_, n)| n.markdown.contains("unit="));
            if inherits {
                scope.pages[u] = true;
                scope.files[u] = true;
            }
            if quotes {
                scope.pages[u] = true;
            }
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
