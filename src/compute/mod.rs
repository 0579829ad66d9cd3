//! Everything the site shows that nobody typed: derived figures, sums over units, whose targets
//! apply, and progress against them.

pub mod aggregate;
pub mod change;
pub mod checks;
pub mod derive;
pub mod history;
pub mod progress;
pub mod report;
pub mod scope;
pub mod targets;

use std::collections::BTreeMap;

use rayon::prelude::*;

use crate::diagnostics::Diagnostics;
pub use crate::model::project::values_file;
use crate::model::{FigureKey, Figures, UnitFigures};
use crate::model::{IndicatorId, PerIndicator, PerPlan, PerUnit, PlanId, Project, UnitId};
pub use progress::{Progress, Status};

#[derive(Debug, Clone)]
pub struct Computed {
    /// Entered, derived and aggregated figures together.
    pub figures: Figures,
    /// For a parent's sum that could not be computed: the children without the figure.
    pub missing: BTreeMap<(UnitId, IndicatorId, FigureKey), Vec<UnitId>>,
    /// `[plan][unit][indicator]`: whose targets of the plan apply (the unit itself or an
    /// ancestor).
    pub target_unit: PerPlan<Table<Option<UnitId>>>,
    /// `[plan][unit][indicator]`: progress where a target of the plan applies and the unit
    /// lived through part of the plan.
    pub progress: PerPlan<Table<Option<Progress>>>,
    /// The current plan (see [`crate::model::Plans::current`]); none without plans.
    pub current_plan: Option<PlanId>,
    /// `[unit]`: the plan whose progress pages show for the unit: the current plan, or for a
    /// unit in force at no period of it (a district that ended in 2025), the latest earlier
    /// plan it lived through.
    pub shown_plan: PerUnit<Option<PlanId>>,
}

/// A value per unit and indicator.
pub type Table<T> = PerUnit<PerIndicator<T>>;

impl Computed {
    /// The progress pages show for `unit` and `indicator`: against the plan of
    /// [`Computed::shown_plan`].
    pub fn now(&self, unit: UnitId, indicator: IndicatorId) -> Option<&Progress> {
        let plan = self.shown_plan[unit]?;
        self.progress[plan][unit][indicator].as_ref()
    }

    /// `[unit][indicator]`: whose targets of `year`'s plan apply; none outside every plan.
    pub fn target_unit_in(
        &self,
        project: &Project,
        unit: UnitId,
        indicator: IndicatorId,
        year: i32,
    ) -> Option<UnitId> {
        let plan = project.plans.of_year(year)?;
        self.target_unit[plan][unit][indicator]
    }
}

pub fn compute(project: &Project) -> (Computed, Diagnostics) {
    let units = &project.units;
    let order = project.catalogue.derivation_order();
    // A unit's sums need its children's figures complete: units are computed a height of the
    // tree at a time (leaves first), the units of one height in parallel, each from a copy of
    // its entered figures. Problems are then taken unit by unit, children before parents, as
    // if computed one after the other.
    let mut height: PerUnit<usize> = PerUnit::filled(0, units.len());
    for unit in units.bottom_up() {
        height[unit] = units
            .children(unit)
            .iter()
            .map(|&c| height[c] + 1)
            .max()
            .unwrap_or(0);
    }
    let mut done: PerUnit<UnitFigures> = PerUnit::filled(UnitFigures::default(), units.len());
    let mut unit_diags: PerUnit<Diagnostics> = PerUnit::filled(Diagnostics::default(), units.len());
    let mut missing = BTreeMap::new();
    for h in 0..=height.values().copied().max().unwrap_or(0) {
        let level: Vec<UnitId> = units.ids().filter(|&u| height[u] == h).collect();
        let computed: Vec<(UnitId, UnitFigures, Diagnostics, Missing)> = level
            .par_iter()
            .map(|&unit| {
                let mut own = project.entered.unit(unit).clone();
                let mut diags = Diagnostics::default();
                let mut missing = BTreeMap::new();
                aggregate::sum_children(project, unit, &done, &mut own, &mut missing, &mut diags);
                derive::derive_unit(project, unit, &order, &mut own, &mut diags);
                (unit, own, diags, missing)
            })
            .collect();
        for (unit, own, diags, mut m) in computed {
            done[unit] = own;
            unit_diags[unit] = diags;
            missing.append(&mut m);
        }
    }
    let figures = Figures::from_units(done);
    let mut diags = Diagnostics::default();
    for unit in units.bottom_up() {
        diags.extend(std::mem::take(&mut unit_diags[unit]));
    }
    let shares = checks::shares(project);
    let checks: Vec<Diagnostics> = units
        .ids()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|unit| {
            let mut diags = Diagnostics::default();
            checks::check_unit(project, &figures, unit, &shares, &mut diags);
            diags
        })
        .collect();
    for d in checks {
        diags.extend(d);
    }
    let target_unit = targets::resolve(project);
    let progress: PerPlan<Table<Option<Progress>>> = project
        .plans
        .ids()
        .map(|plan| {
            let rows: Vec<PerIndicator<Option<Progress>>> = units
                .ids()
                .collect::<Vec<_>>()
                .into_par_iter()
                .map(|u| {
                    project
                        .catalogue
                        .ids()
                        .map(|i| {
                            target_unit[plan][u][i].and_then(|owner| {
                                progress::measure(project, &figures, u, i, owner, plan)
                            })
                        })
                        .collect()
                })
                .collect();
            PerUnit::from_vec(rows)
        })
        .collect();
    let current_plan = project.plans.current();
    let shown_plan = units
        .ids()
        .map(|u| {
            let current = current_plan?;
            let lived = |p: &PlanId| {
                project
                    .plans
                    .get(*p)
                    .periods()
                    .any(|period| units.in_force(u, period))
            };
            project
                .plans
                .ids()
                .take(current.index() + 1)
                .rev()
                .find(lived)
                .or(Some(current))
        })
        .collect();
    checks::check_plans(project, &figures, &target_unit, &mut diags);
    project.sources.name_cells(&mut diags);
    (
        Computed {
            figures,
            missing,
            target_unit,
            progress,
            current_plan,
            shown_plan,
        },
        diags,
    )
}

/// Sums that could not be computed, as in [`Computed::missing`].
type Missing = BTreeMap<(UnitId, IndicatorId, FigureKey), Vec<UnitId>>;
