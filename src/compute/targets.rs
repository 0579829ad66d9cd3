//! Whose targets apply: a unit's own, or for indicators that are not summed, those of the
//! nearest ancestor that has some (the province's 2025 goal applies to each district).

use rayon::prelude::*;

use crate::model::Project;
use crate::model::{IndicatorId, Kind, PerIndicator, PerUnit, UnitId};

/// `[unit][indicator]` → the unit whose target rows apply.
pub fn resolve(project: &Project) -> PerUnit<PerIndicator<Option<UnitId>>> {
    let has_own =
        |u: UnitId, i: IndicatorId| project.entered.of_kind(u, i, Kind::Target).next().is_some();
    let resolved: Vec<PerIndicator<Option<UnitId>>> = project
        .units
        .ids()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|u| {
            project
                .catalogue
                .iter()
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
        .collect();
    PerUnit::from_vec(resolved)
}
