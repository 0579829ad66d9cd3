//! Sums over child units: computed only when every child has the figure.

use std::collections::{BTreeMap, BTreeSet};

use super::values_file;
use crate::diagnostics::{Diagnostics, Problem};
use crate::format::plain_number;
use crate::model::{Figure, FigureKey, Measure, Origin, Period, UnitFigures};
use crate::model::{IndicatorId, PerUnit, Project, UnitId};

/// Sums the `sum` indicators of `unit`'s children (their complete figures in `done`, by unit)
/// into `own`, `unit`'s figures. An entered figure stands; a difference over 0.5 % from the sum
/// is reported.
pub fn sum_children(
    project: &Project,
    unit: UnitId,
    done: &PerUnit<UnitFigures>,
    own: &mut UnitFigures,
    missing: &mut BTreeMap<(UnitId, IndicatorId, FigureKey), Vec<UnitId>>,
    diags: &mut Diagnostics,
) {
    let children = project.units.children(unit);
    if children.is_empty() {
        return;
    }
    for (i, indicator) in project.catalogue.iter() {
        if !indicator.is_summed() {
            continue;
        }
        let keys: BTreeSet<FigureKey> = children
            .iter()
            .flat_map(|&c| done[c][i].keys().copied())
            .filter(|k| k.kind.is_computed())
            .collect();
        for key in keys {
            let entered = own[i].get(&key);
            if indicator.measure == Measure::Flow
                && key.period.is_whole_year()
                && !same_children_all_year(project, unit, key.period.year)
            {
                // A year's revenue of the districts' first half and the communes' second half
                // is no sum of either: the editor enters the parent's own figure.
                if entered.is_none() {
                    diags.push(
                        values_file(project, unit),
                        None,
                        Some("value"),
                        Problem::FlowAcrossChange {
                            indicator: indicator.code.clone(),
                            kind: key.kind.as_str().into(),
                            year: key.period.year,
                        },
                    );
                }
                continue;
            }
            let mut total = 0.0;
            let mut absent = Vec::new();
            // Only the children in force at the period add up to the parent's figure.
            for c in project.units.children_at(unit, key.period) {
                match done[c][i].get(&key) {
                    Some(f) => total += f.value,
                    None => absent.push(c),
                }
            }
            if !absent.is_empty() {
                if entered.is_none() {
                    let names = absent
                        .iter()
                        .map(|&c| project.units.get(c).name.clone())
                        .collect();
                    diags.push(
                        values_file(project, unit),
                        None,
                        Some("value"),
                        Problem::ChildrenMissing {
                            indicator: indicator.code.clone(),
                            period: key.period.to_string(),
                            kind: key.kind.as_str().into(),
                            missing: names,
                        },
                    );
                }
                missing.insert((unit, i, key), absent);
                continue;
            }
            match entered {
                Some(f) => {
                    let differs = if total == 0.0 {
                        f.value != 0.0
                    } else {
                        ((f.value - total) / total).abs() > 0.005
                    };
                    if differs {
                        let percent = if total == 0.0 {
                            100.0
                        } else {
                            100.0 * (f.value - total) / total
                        };
                        diags.push(
                            values_file(project, unit),
                            f.line,
                            Some("value"),
                            Problem::SumDiffers {
                                entered: plain_number(f.value, indicator.decimals),
                                computed: plain_number(total, indicator.decimals),
                                percent: format!("{percent:+.1}"),
                            },
                        );
                    }
                }
                None => {
                    own[i].insert(key, Figure::computed(total, Origin::Aggregated));
                }
            }
        }
    }
}

/// Whether the same children were in force in the first half of `year` and at its end: only
/// then does the sum of their whole-year flows cover the parent's year.
fn same_children_all_year(project: &Project, unit: UnitId, year: i32) -> bool {
    let units = &project.units;
    units
        .children_at(unit, Period::first_half(year))
        .eq(units.children_at(unit, Period::year(year)))
}
