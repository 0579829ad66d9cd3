//! Sums over child units: computed only when every child has the figure.

use std::collections::{BTreeMap, BTreeSet};

use super::values_file;
use crate::error::{Diagnostics, Problem};
use crate::format::plain_number;
use crate::load::Project;
use crate::model::{Figure, FigureKey, Figures, Origin};

/// Sums the `sum` indicators of `unit`'s children into `unit`. An entered figure stands; a
/// difference over 0.5 % from the sum is reported.
pub fn sum_children(
    project: &Project,
    unit: usize,
    figures: &mut Figures,
    missing: &mut BTreeMap<(usize, usize, FigureKey), Vec<usize>>,
    diags: &mut Diagnostics,
) {
    let children = &project.units.children[unit];
    if children.is_empty() {
        return;
    }
    for (i, indicator) in project.catalogue.indicators.iter().enumerate() {
        if !indicator.is_summed() {
            continue;
        }
        let keys: BTreeSet<FigureKey> = children
            .iter()
            .flat_map(|&c| figures.series(c, i).keys().copied())
            .filter(|k| k.kind.is_computed())
            .collect();
        for key in keys {
            let mut total = 0.0;
            let mut absent = Vec::new();
            for &c in children {
                match figures.get(c, i, key.period, key.kind) {
                    Some(f) => total += f.value,
                    None => absent.push(c),
                }
            }
            let entered = figures.get(unit, i, key.period, key.kind);
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
                            what: format!(
                                "`{}` {} {}",
                                indicator.code,
                                key.period,
                                key.kind.as_str()
                            ),
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
                None => figures.insert(unit, i, key, Figure::computed(total, Origin::Aggregated)),
            }
        }
    }
}
