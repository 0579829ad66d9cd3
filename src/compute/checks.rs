//! Figures that are allowed but probably typos, and figures that cannot be true.
//!
//! Errors: a share (`%` of a whole, see [`Indicator::is_share`]) typed in above 100 or below 0,
//! and a share chiso derives whose part is larger than its whole (2,350 covered villages out of
//! 237). Warnings: a `%` that is not a share typed in above 100; a figure more than 5 times, or
//! below a fifth of, the unit's previous figure of the same kind; a stock that halves.

use super::values_file;
use crate::diagnostics::{Diagnostics, FigureChange, FigureShown, IndicatorNamed, PartShown};
use crate::diagnostics::{PartsOfShare, Problem, Whence};
use crate::format::{number, round};
use crate::lang::Lang;
use crate::model::{Derivation, Direction, Figure, Figures, Indicator, Kind, Measure, Origin};
use crate::model::{IndicatorId, PerIndicator, PerPlan, PerUnit, Period, Project, UnitId};

/// How many times the previous figure a figure may grow, or what fraction of it it may fall
/// to, before a warning.
const JUMP: f64 = 5.0;

/// Below this (in the indicator's unit), both figures are too small for a ratio to mean a
/// typo: 1 → 6 covered villages is a commune's ordinary year. A digit typed twice or dropped
/// always leaves a figure of at least 10 (1 → 10, 15 → 1), so counts lose nothing.
const JUMP_FLOOR: f64 = 10.0;

/// `[indicator]`: whether it is a share of a whole ([`Indicator::is_share`]), worked out once
/// for every unit's checks.
pub fn shares(project: &Project) -> PerIndicator<bool> {
    project
        .catalogue
        .iter()
        .map(|(_, ind)| ind.is_share())
        .collect()
}

/// The checks of one unit's figures; `shares` as [`shares`] gives.
pub fn check_unit(
    project: &Project,
    figures: &Figures,
    unit: UnitId,
    shares: &PerIndicator<bool>,
    diags: &mut Diagnostics,
) {
    for (i, ind) in project.catalogue.iter() {
        let share = shares[i];
        typed_percentages(project, figures, unit, i, ind, share, diags);
        if let (Some(d), true) = (&ind.derivation, share) {
            parts(project, figures, unit, ind, d, diags);
        }
        jumps(project, figures, unit, i, ind, share, diags);
    }
}

/// Whether a share's part and whole cannot be true: the part larger than the whole, or either
/// negative. Always false for an indicator that is not a share.
pub fn parts_inconsistent(ind: &Indicator, part: f64, whole: f64) -> bool {
    ind.is_share() && cannot_be(part, whole)
}

/// A part larger than its whole (beyond floating-point noise), or either negative.
fn cannot_be(part: f64, whole: f64) -> bool {
    part < 0.0 || whole < 0.0 || part > whole + 1e-9 * whole.abs().max(1.0)
}

/// An indicator as messages name it.
pub fn named(ind: &Indicator) -> IndicatorNamed {
    IndicatorNamed {
        code: ind.code.clone(),
        name: ind.name.clone(),
        name_en: ind.name_en.clone(),
    }
}

/// A figure as its indicator shows it, in each language: `87,7 %`/`87.7%`, `1.810 vị trí
/// trạm`/`1,810 sites` (plain spaces: messages are read in a terminal).
pub fn shown(ind: &Indicator, value: f64) -> FigureShown {
    let one = |lang: Lang| {
        let n = number(value, ind.decimals, lang);
        let unit = lang
            .pick(&ind.unit_of_measure, &ind.unit_of_measure_en)
            .trim();
        match (ind.is_percentage(), lang) {
            (true, Lang::Vi) => format!("{n} %"),
            (true, Lang::En) => format!("{n}%"),
            (false, Lang::Vi) => {
                let mut chars = unit.chars();
                let unit: String = chars
                    .next()
                    .map(|c| c.to_lowercase().chain(chars).collect())
                    .unwrap_or_default();
                format!("{n} {unit}")
            }
            (false, Lang::En) => format!("{n} {unit}"),
        }
    };
    FigureShown {
        vi: one(Lang::Vi).trim_end().to_string(),
        en: one(Lang::En).trim_end().to_string(),
    }
}

/// Whether `f` is a share typed in outside 0–100, as shown (100.04 with one decimal is 100.0,
/// and -0.01 is 0): an error of its own.
fn out_of_range(ind: &Indicator, share: bool, f: &Figure) -> bool {
    let outside = |v: f64| {
        let seen = round(v, ind.decimals);
        !(0.0..=100.0).contains(&seen)
    };
    share && f.origin == Origin::Entered && (outside(f.value) || f.upper.is_some_and(outside))
}

/// `%` figures typed in: a share outside 0–100 is an error, another percentage above 100 a
/// warning (a growth rate may be 120 %).
fn typed_percentages(
    project: &Project,
    figures: &Figures,
    unit: UnitId,
    i: IndicatorId,
    ind: &Indicator,
    share: bool,
    diags: &mut Diagnostics,
) {
    if !ind.is_percentage() {
        return;
    }
    for f in figures
        .series(unit, i)
        .values()
        .filter(|f| f.origin == Origin::Entered)
    {
        // A target range's upper end is typed in too.
        for value in std::iter::once(f.value).chain(f.upper) {
            // As shown: 100.04 with one decimal is 100.0, and -0.01 is 0.
            let seen = round(value, ind.decimals);
            let problem = if share && !(0.0..=100.0).contains(&seen) {
                Problem::ShareOutOfRange {
                    indicator: Box::new(named(ind)),
                    figure: Box::new(shown(ind, value)),
                    below: seen < 0.0,
                }
            } else if !share && seen > 100.0 {
                Problem::AbovePercent {
                    indicator: Box::new(named(ind)),
                    figure: Box::new(shown(ind, value)),
                }
            } else {
                continue;
            };
            diags.push(values_file(project, unit), f.line, Some("value"), problem);
            break;
        }
    }
}

/// A derived share (the caller knows it is one) whose part and whole cannot be true (2,350 covered villages of 237), for
/// actual and estimate figures, whether or not the share itself was typed in: the parts are
/// published too. Where both parts are sums of the units below, a unit below has the same
/// problem and is named instead, with its lines.
fn parts(
    project: &Project,
    figures: &Figures,
    unit: UnitId,
    ind: &Indicator,
    d: &Derivation,
    diags: &mut Diagnostics,
) {
    let (num_ind, den_ind) = (
        project.catalogue.get(d.numerator),
        project.catalogue.get(d.denominator),
    );
    let wholes = figures.series(unit, d.denominator);
    for (key, num) in figures
        .series(unit, d.numerator)
        .iter()
        .filter(|(k, _)| k.kind.is_computed())
    {
        let Some(den) = wholes.get(key) else {
            continue;
        };
        if !cannot_be(num.value, den.value) {
            continue;
        }
        if num.origin == Origin::Aggregated && den.origin == Origin::Aggregated {
            continue;
        }
        let file = values_file(project, unit);
        let shown_file = file.display().to_string().replace('\\', "/");
        let whence = |f: &Figure| match (f.origin, f.line) {
            (Origin::Entered, Some(line)) => match project.sources.cell(&file, line, "value") {
                Some((sheet, cell)) => Whence::Cell {
                    file: shown_file.clone(),
                    sheet,
                    cell,
                },
                None => Whence::Line {
                    file: shown_file.clone(),
                    line,
                },
            },
            (Origin::Aggregated, _) => Whence::Sum,
            _ => Whence::Derived,
        };
        let part = |f: &Figure, of: &Indicator| PartShown {
            indicator: named(of),
            figure: shown(of, f.value),
            whence: whence(f),
        };
        let negative = num.value < 0.0 || den.value < 0.0;
        let percent = (den.value != 0.0).then(|| shown(ind, d.scale * num.value / den.value));
        diags.push(
            &file,
            num.line.or(den.line),
            Some("value"),
            Problem::PartExceedsWhole(Box::new(PartsOfShare {
                indicator: named(ind),
                period: key.period.to_string(),
                kind: key.kind.as_str(),
                percent,
                negative,
                part: part(num, num_ind),
                whole: part(den, den_ind),
            })),
        );
    }
}

/// A figure more than [`JUMP`] times the unit's previous figure of the same kind, or below a
/// [`JUMP`]th of it (not for `down` indicators, whose fall is the goal); and a stock that falls
/// by more than half since the previous actual figure. One warning per pair of figures.
///
/// The previous figure is the latest earlier one of the same kind: for a stock, whatever its
/// period (a level at mid-year compares with the level at the year's end); for a flow, of the
/// same length (six months with six months, a year with a year). A rise counts only from a
/// figure at most a year earlier. A pair of figures nobody typed (sums, derived figures) is left
/// to the figures they come from.
fn jumps(
    project: &Project,
    figures: &Figures,
    unit: UnitId,
    i: IndicatorId,
    ind: &Indicator,
    share: bool,
    diags: &mut Diagnostics,
) {
    for kind in Kind::ALL {
        let series: Vec<(Period, &Figure)> = figures.of_kind(unit, i, kind).collect();
        // The figures already warned about: after a spike (181, 1810, 185) the way back to
        // normal is no second typo, and the warning would point at the right line.
        let mut warned = vec![false; series.len()];
        for (n, &(period, to)) in series.iter().enumerate() {
            let previous = (0..n).rev().find(|&m| {
                ind.measure == Measure::Stock
                    || series[m].0.is_whole_year() == period.is_whole_year()
            });
            let Some(m) = previous else {
                continue;
            };
            let (before, from) = series[m];
            // A share out of 0–100 is an error already; the spike is the same typo.
            if warned[m] || out_of_range(ind, share, from) || out_of_range(ind, share, to) {
                continue;
            }
            // Five years of growth may well be fivefold: only a year's rise is a typo's sign.
            // A fall of an `up` figure is one after any time.
            let within_a_year = period.time() - before.time() <= 1.0;
            if from.origin != Origin::Entered && to.origin != Origin::Entered {
                continue;
            }
            let (a, b) = (from.value, to.value);
            if !(a >= 0.0 && b >= 0.0) || a.max(b) < JUMP_FLOOR {
                continue;
            }
            let change = || {
                Box::new(FigureChange {
                    indicator: named(ind),
                    kind: kind.as_str(),
                    previous: before.to_string(),
                    from: shown(ind, a),
                    period: period.to_string(),
                    to: shown(ind, b),
                })
            };
            let up = ind.direction == Direction::Up;
            let problem = if within_a_year && a > 0.0 && b > JUMP * a {
                Problem::Jump {
                    rise: true,
                    change: change(),
                }
            } else if up && b < a / JUMP {
                Problem::Jump {
                    rise: false,
                    change: change(),
                }
            } else if up && ind.measure == Measure::Stock && kind == Kind::Actual && b < 0.5 * a {
                Problem::StockDrop(change())
            } else {
                continue;
            };
            warned[n] = true;
            diags.push(
                values_file(project, unit),
                to.line.or(from.line),
                Some("value"),
                problem,
            );
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
