//! A project: everything the editors wrote, validated, in one value.

use std::path::PathBuf;

use super::{Catalogue, Config, Content, Figures, Plans, Sources, UnitTree, Village};

/// Everything the editors wrote, validated.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
    pub config: Config,
    pub units: UnitTree,
    pub catalogue: Catalogue,
    /// Entered figures only; `compute` adds the rest.
    pub entered: Figures,
    /// The plans of `[[plans]]`, or the one plan the target years span; and the current one.
    pub plans: Plans,
    pub content: Content,
    /// Villages without mobile service (`data/coverage-gaps.csv`), if the project tracks them.
    pub gaps: Vec<Village>,
    /// Which file each unit's figures came from, and the workbooks' sheets, for messages.
    pub sources: Sources,
}

/// The values file where a unit's figures are entered (its `.xlsx` when it keeps them in a
/// workbook), for messages about them; the computed figures' messages then name the workbook's cells.
pub fn values_file(project: &Project, unit: super::UnitId) -> std::path::PathBuf {
    match project.sources.values_file(unit) {
        Some(file) => file.to_path_buf(),
        None => std::path::Path::new("data/values")
            .join(format!("{}.csv", project.units.get(unit).slug)),
    }
}
