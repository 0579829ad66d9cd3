//! Whose targets apply: a unit's own, or for indicators that are not summed, those of the
//! nearest ancestor that has some (the province's 2025 goal applies to each district).

use rayon::prelude::*;

use crate::model::Kind;
use crate::model::Project;

/// `[unit][indicator]` → the unit whose target rows apply.
pub fn resolve(project: &Project) -> Vec<Vec<Option<usize>>> {
    let has_own = |u: usize, i: usize| project.entered.of_kind(u, i, Kind::Target).next().is_some();
    (0..project.units.len())
        .into_par_iter()
        .map(|u| {
            project
                .catalogue
                .indicators
                .iter()
                .enumerate()
                .map(|(i, indicator)| {
                    if has_own(u, i) {
                        Some(u)
                    } else if indicator.inherits_targets() {
                        project.units.ancestors(u).find(|&a| has_own(a, i))
                    } else {
                        None
                    }
                })
                .collect()
        })
        .collect()
}
