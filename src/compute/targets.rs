//! Whose targets apply, plan by plan: a unit's own targets of the plan, or for indicators that
//! are not summed, those of the nearest ancestor that has some in the plan (the province's 2025
//! goal applies to each district).

use rayon::prelude::*;

use crate::model::Project;
use crate::model::{IndicatorId, Kind, PerIndicator, PerPlan, PerUnit, Plan, UnitId};

/// `[plan][unit][indicator]` → the unit whose target rows of the plan apply.
pub fn resolve(project: &Project) -> PerPlan<PerUnit<PerIndicator<Option<UnitId>>>> {
    project
        .plans
        .iter()
        .map(|(_, plan)| resolve_plan(project, plan))
        .collect()
}

fn resolve_plan(project: &Project, plan: &Plan) -> PerUnit<PerIndicator<Option<UnitId>>> {
    let has_own = |u: UnitId, i: IndicatorId| {
        project
            .entered
            .of_kind(u, i, Kind::Target)
            .any(|(p, _)| plan.holds_year(p.year))
    };
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
