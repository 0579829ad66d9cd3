//! Figures that are allowed but probably typos: percentages above 100 and stocks that halve.

use super::values_file;
use crate::diagnostics::{Diagnostics, Problem};
use crate::format::plain_number;
use crate::model::{Direction, Figures, Kind, Measure, Origin};
use crate::model::{IndicatorId, PerIndicator, PerPlan, PerUnit, Period, Project, UnitId};

/// The checks of one unit's figures.
pub fn check_unit(project: &Project, figures: &Figures, unit: UnitId, diags: &mut Diagnostics) {
    for (i, ind) in project.catalogue.iter() {
        let series = figures.series(unit, i);
        if ind.is_percentage() {
            for f in series
                .values()
                .filter(|f| f.origin == Origin::Entered && f.value > 100.0)
            {
                diags.push(
                    values_file(project, unit),
                    f.line,
                    Some("value"),
                    Problem::AbovePercent(plain_number(f.value, ind.decimals)),
                );
            }
        }
        // Where lower is better (villages without signal), a fall is the goal, not a typo.
        if ind.measure != Measure::Stock || ind.direction == Direction::Down {
            continue;
        }
        let actuals: Vec<_> = figures.of_kind(unit, i, Kind::Actual).collect();
        for w in actuals.windows(2) {
            let ((p0, f0), (_, f1)) = (w[0], w[1]);
            if f0.value > 0.0 && f1.value >= 0.0 && f1.value < 0.5 * f0.value {
                diags.push(
                    values_file(project, unit),
                    f1.line.or(f0.line),
                    Some("value"),
                    Problem::StockDrop {
                        from: plain_number(f0.value, ind.decimals),
                        to: plain_number(f1.value, ind.decimals),
                        previous: p0.to_string(),
                    },
                );
            }
        }
    }
}

/// Plans that look unfinished: one without any target, and the current plan when its final
/// year has passed ("now" is the year of the latest actual figure) while a unit with targets
/// of its own in it has no whole-year figure of that year.
pub fn check_plans(
    project: &Project,
    figures: &Figures,
    target_unit: &PerPlan<PerUnit<PerIndicator<Option<UnitId>>>>,
    diags: &mut Diagnostics,
) {
    let own = |plan, u: UnitId, i: IndicatorId| target_unit[plan][u][i] == Some(u);
    for (id, plan) in project.plans.iter() {
        let any = project
            .units
            .ids()
            .any(|u| project.catalogue.ids().any(|i| own(id, u, i)));
        if !any {
            diags.push(
                "chiso.toml",
                None,
                Some("plans"),
                Problem::PlanWithoutTargets {
                    plan: plan.code.clone(),
                    years: plan.years(),
                },
            );
        }
    }
    let (Some(current), Some(now)) = (project.plans.current(), project.plans.now()) else {
        return;
    };
    let plan = project.plans.get(current);
    if now <= plan.until {
        return;
    }
    let last = Period::year(plan.until);
    for u in project.units.ids() {
        if !project.units.in_force(u, last) {
            continue;
        }
        for (i, ind) in project.catalogue.iter() {
            if !own(current, u, i) || figures.get(u, i, last, Kind::Actual).is_some() {
                continue;
            }
            let line = project
                .entered
                .of_kind(u, i, Kind::Target)
                .filter(|(p, _)| plan.holds_year(p.year))
                .last()
                .and_then(|(_, f)| f.line);
            diags.push(
                values_file(project, u),
                line,
                Some("period"),
                Problem::PlanEndedWithoutFigure {
                    plan: plan.code.clone(),
                    indicator: ind.code.clone(),
                    year: plan.until,
                },
            );
        }
    }
}
