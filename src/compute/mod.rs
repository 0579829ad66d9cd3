//! Everything the site shows that nobody typed: derived figures, sums over units, whose targets
//! apply, and progress against them.

pub mod aggregate;
pub mod change;
pub mod checks;
pub mod derive;
pub mod progress;
pub mod report;
pub mod targets;

use std::collections::BTreeMap;

use crate::error::Diagnostics;
use crate::load::Project;
use crate::model::{FigureKey, Figures};
pub use progress::{Progress, Status};

#[derive(Debug, Clone)]
pub struct Computed {
    /// Entered, derived and aggregated figures together.
    pub figures: Figures,
    /// For a parent's sum that could not be computed: the children without the figure.
    pub missing: BTreeMap<(usize, usize, FigureKey), Vec<usize>>,
    /// `[unit][indicator]`: whose targets apply (the unit itself or an ancestor).
    pub target_unit: Vec<Vec<Option<usize>>>,
    /// `[unit][indicator]`: progress where a target applies.
    pub progress: Vec<Vec<Option<Progress>>>,
}

pub fn compute(project: &Project) -> (Computed, Diagnostics) {
    let mut diags = Diagnostics::default();
    let mut figures = project.entered.clone();
    let mut missing = BTreeMap::new();
    let order = project.catalogue.derivation_order();
    for unit in project.units.bottom_up() {
        aggregate::sum_children(project, unit, &mut figures, &mut missing, &mut diags);
        derive::derive_unit(project, unit, &order, &mut figures, &mut diags);
    }
    checks::check_figures(project, &figures, &mut diags);
    let target_unit = targets::resolve(project);
    let progress = (0..project.units.len())
        .map(|u| {
            (0..project.catalogue.len())
                .map(|i| {
                    target_unit[u][i].and_then(|owner| {
                        progress::measure(
                            project,
                            &figures,
                            u,
                            i,
                            owner,
                            project.config.target_year,
                        )
                    })
                })
                .collect()
        })
        .collect();
    (
        Computed {
            figures,
            missing,
            target_unit,
            progress,
        },
        diags,
    )
}

/// The values file where a unit's figures are entered, for messages about them.
pub fn values_file(project: &Project, unit: usize) -> std::path::PathBuf {
    std::path::Path::new("data/values").join(format!("{}.csv", project.units.get(unit).slug))
}
