//! The plans: those of `[[plans]]` in `chiso.toml`, or else one plan from the earliest to the
//! latest target year (`target_year`, where given, is its final year); and every target row
//! whose year lies in no plan, refused with its file and line.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, Problem};
use crate::model::{Config, Figures, Kind, Plan, Plans, UnitId};

/// The project's plans. `files[unit]` is the values file of a unit's figures, for messages;
/// a plan whose `[[plans]]` is invalid (reported by `config::load`) is left out.
pub fn resolve(
    config: &Config,
    entered: &Figures,
    units: usize,
    files: &[(UnitId, PathBuf)],
    diags: &mut Diagnostics,
) -> Plans {
    let targets = || {
        (0..units).map(UnitId::from_index).flat_map(move |u| {
            entered
                .unit(u)
                .values()
                .flat_map(|s| s.iter())
                .filter(|(k, _)| k.kind == Kind::Target)
                .map(move |(k, f)| (u, k.period.year, f.line))
        })
    };
    let latest_actual = (0..units)
        .map(UnitId::from_index)
        .flat_map(|u| entered.unit(u).values().flat_map(|s| s.keys()))
        .filter(|k| k.kind == Kind::Actual)
        .map(|k| k.period.year)
        .max();
    let declared = !config.plans.is_empty();
    let plans: Vec<Plan> = if declared {
        config
            .plans
            .iter()
            .filter(|p| p.from <= p.until)
            .map(|p| Plan {
                code: p.id.clone(),
                name: p.name.clone(),
                name_en: p.name_en.clone().unwrap_or_else(|| p.name.clone()),
                from: p.from,
                until: p.until,
            })
            .collect()
    } else {
        let years = || targets().map(|(_, y, _)| y);
        match (years().min(), config.target_year.or_else(|| years().max())) {
            (Some(first), Some(until)) => {
                let from = first.min(until);
                vec![Plan {
                    code: format!("{from}-{until}"),
                    name: format!("Kế hoạch {from}–{until}"),
                    name_en: format!("Plan {from}–{until}"),
                    from,
                    until,
                }]
            }
            _ => Vec::new(),
        }
    };
    let plans = Plans::new(plans, latest_actual);
    let file_of = |u: UnitId| {
        files
            .iter()
            .find(|(f, _)| *f == u)
            .map(|(_, p)| p.clone())
            .unwrap_or_else(|| Path::new("data/values").to_path_buf())
    };
    let mut outside: Vec<(PathBuf, Option<usize>, i32)> = targets()
        .filter(|&(_, year, _)| plans.of_year(year).is_none())
        .map(|(u, year, line)| (file_of(u), line, year))
        .collect();
    outside.sort();
    let list: Vec<String> = plans.iter().map(|(_, p)| p.years()).collect();
    for (file, line, year) in outside {
        diags.push(
            file,
            line,
            Some("period"),
            Problem::TargetOutsidePlans {
                year,
                plans: list.clone(),
                declared,
            },
        );
    }
    plans
}
