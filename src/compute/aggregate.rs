//! Sums over child units: computed only when every child has the figure.

use std::collections::{BTreeMap, BTreeSet};

use super::values_file;
use crate::diagnostics::{ChildrenGap, Diagnostics, MissingChild, Problem};
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
    // Totals not computed, by period: the indicators, and which child lacks which. Reported
    // once per period, however many indicators: a district that has not entered a half-year
    // yet is one thing to do, not one per indicator.
    let mut gaps: BTreeMap<Period, Gap> = BTreeMap::new();
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
                    let gap = gaps.entry(key.period).or_default();
                    gap.kinds.insert(key.kind.as_str());
                    if !gap.indicators.contains(&i) {
                        gap.indicators.push(i);
                    }
                    for &c in &absent {
                        let lacks = gap.lacking.entry(c).or_default();
                        if !lacks.contains(&i) {
                            lacks.push(i);
                        }
                    }
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
    for (period, gap) in gaps {
        report_gap(project, unit, period, &gap, diags);
    }
}

/// A period's totals not computed: their kinds and indicators (in the catalogue's order), and
/// the indicators each child lacks.
#[derive(Default)]
struct Gap {
    kinds: BTreeSet<&'static str>,
    indicators: Vec<IndicatorId>,
    lacking: BTreeMap<UnitId, Vec<IndicatorId>>,
}

/// One period's totals of `unit` that its children's figures did not allow: one warning, in
/// the file of the one child lacking figures, or of the values folder when several do.
fn report_gap(project: &Project, unit: UnitId, period: Period, gap: &Gap, diags: &mut Diagnostics) {
    let code = |i: IndicatorId| project.catalogue.get(i).code.clone();
    let file = |c: UnitId| values_file(project, c).display().to_string();
    let missing: Vec<MissingChild> = gap
        .lacking
        .iter()
        .map(|(&c, lacks)| MissingChild {
            name: project.units.get(c).name.clone(),
            file: file(c),
            // A child lacking every total's figure is named without them.
            indicators: if lacks.len() == gap.indicators.len() {
                Vec::new()
            } else {
                lacks.iter().map(|&i| code(i)).collect()
            },
        })
        .collect();
    // The units that have every figure, for "… that X has".
    let having = project
        .units
        .children_at(unit, period)
        .filter(|c| !gap.lacking.contains_key(c))
        .map(|c| project.units.get(c).name.clone())
        .collect();
    let at = match gap.lacking.keys().collect::<Vec<_>>()[..] {
        [&only] => values_file(project, only),
        _ => std::path::PathBuf::from("data/values"),
    };
    diags.push(
        at,
        None,
        None,
        Problem::ChildrenMissing(Box::new(ChildrenGap {
            parent: project.units.get(unit).name.clone(),
            parent_file: file(unit),
            period: period.to_string(),
            kinds: gap.kinds.iter().map(|k| k.to_string()).collect(),
            indicators: gap.indicators.iter().map(|&i| code(i)).collect(),
            having,
            missing,
        })),
    );
}

/// Whether the same children were in force in the first half of `year` and at its end: only
/// then does the sum of their whole-year flows cover the parent's year.
fn same_children_all_year(project: &Project, unit: UnitId, year: i32) -> bool {
    let units = &project.units;
    units
        .children_at(unit, Period::first_half(year))
        .eq(units.children_at(unit, Period::year(year)))
}
