//! Progress against targets, exactly as the data contract defines it.

use crate::model::{Figures, Kind, Measure, Period};
use crate::model::{IndicatorId, PlanId, Project, UnitId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Achieved,
    /// The final year's own figure is in and does not meet the final target.
    Missed,
    OnTrack,
    OffTrack,
    NoData,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Achieved => "achieved",
            Status::Missed => "missed",
            Status::OnTrack => "on_track",
            Status::OffTrack => "off_track",
            Status::NoData => "no_data",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Progress {
    /// The plan whose targets and years these are.
    pub plan: PlanId,
    /// The unit whose target rows apply.
    pub target_unit: UnitId,
    pub target_period: Period,
    /// The number progress is measured against: the lower bound of a range.
    pub target: f64,
    pub target_upper: Option<f64>,
    pub baseline: Option<(Period, f64)>,
    pub latest: Option<(Period, f64)>,
    /// The value expected at the latest figure's time on the path to the target.
    pub expected: Option<f64>,
    pub achievement: Option<f64>,
    pub progress: Option<f64>,
    pub status: Status,
}

/// Measures `unit`'s progress on `indicator` against the targets of `owner` in `plan`. None
/// when no target of the plan applies, or when the unit was in force at no period of the plan's
/// years (a district that ended in 2025 has no progress in 2026–2030).
pub fn measure(
    project: &Project,
    figures: &Figures,
    unit: UnitId,
    indicator: IndicatorId,
    owner: UnitId,
    plan_id: PlanId,
) -> Option<Progress> {
    let plan = project.plans.get(plan_id);
    if !plan.periods().any(|p| project.units.in_force(unit, p)) {
        return None;
    }
    let ind = project.catalogue.get(indicator);
    let all_targets: Vec<(Period, f64, Option<f64>)> = project
        .entered
        .of_kind(owner, indicator, Kind::Target)
        .filter(|(p, _)| plan.holds_year(p.year))
        .map(|(p, f)| (p, f.value, f.upper))
        .collect();
    // Plans set yearly targets; a half-year target is used only where a plan has nothing else.
    let yearly: Vec<_> = all_targets
        .iter()
        .copied()
        .filter(|(p, _, _)| p.is_whole_year())
        .collect();
    let targets = if yearly.is_empty() {
        all_targets
    } else {
        yearly
    };
    let &(target_period, target, target_upper) = targets.last()?;

    let whole_years_only = ind.measure == Measure::Flow;
    let actuals: Vec<(Period, f64)> = figures
        .of_kind(unit, indicator, Kind::Actual)
        .filter(|(p, _)| !whole_years_only || p.is_whole_year())
        .map(|(p, f)| (p, f.value))
        .collect();
    // The baseline: the last actual at or before the end of the year before the plan starts,
    // else the earliest within the plan. The latest: the most recent within the plan.
    let baseline = actuals
        .iter()
        .rev()
        .find(|(p, _)| *p <= plan.eve())
        .or_else(|| actuals.iter().find(|(p, _)| plan.holds(*p)))
        .copied();
    let latest = actuals.iter().rev().find(|(p, _)| plan.holds(*p)).copied();
    let mut result = Progress {
        plan: plan_id,
        target_unit: owner,
        target_period,
        target,
        target_upper,
        baseline,
        latest,
        expected: None,
        achievement: None,
        progress: None,
        status: Status::NoData,
    };
    let (Some((base_period, base)), Some((latest_period, latest))) =
        (result.baseline, result.latest)
    else {
        return Some(result);
    };
    result.achievement = (target != 0.0).then(|| 100.0 * latest / target);
    let met = ind.direction.meets(latest, target);
    result.progress = Some(if target == base {
        if met {
            100.0
        } else {
            0.0
        }
    } else {
        100.0 * (latest - base) / (target - base)
    });
    let path: Vec<(f64, f64)> = std::iter::once((base_period.time(), base))
        .chain(
            targets
                .iter()
                .filter(|(p, _, _)| p.time() > base_period.time())
                .map(|(p, v, _)| (p.time(), *v)),
        )
        .collect();
    let expected = expected_at(&path, latest_period.time(), target);
    result.expected = Some(expected);
    result.status = if met {
        Status::Achieved
    } else if latest_period == Period::year(plan.until) {
        Status::Missed
    } else if ind.direction.meets(latest, expected) {
        Status::OnTrack
    } else {
        Status::OffTrack
    };
    Some(result)
}

/// Reads the value at time `t` off the straight lines joining `path`'s points (baseline first);
/// after the last point, or with no target point after the baseline, it is the final target.
pub fn expected_at(path: &[(f64, f64)], t: f64, final_target: f64) -> f64 {
    if path.len() < 2 {
        return final_target;
    }
    for w in path.windows(2) {
        let ((t0, v0), (t1, v1)) = (w[0], w[1]);
        if t <= t1 {
            if t <= t0 {
                return v0;
            }
            return v0 + (v1 - v0) * (t - t0) / (t1 - t0);
        }
    }
    final_target
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_expected_values_off_the_path() {
        let path = [
            (2020.0, 75.0),
            (2021.0, 80.0),
            (2022.0, 85.0),
            (2025.0, 100.0),
        ];
        assert_eq!(expected_at(&path, 2020.0, 100.0), 75.0);
        assert_eq!(expected_at(&path, 2020.5, 100.0), 77.5);
        assert_eq!(expected_at(&path, 2022.0, 100.0), 85.0);
        assert_eq!(expected_at(&path, 2023.5, 100.0), 92.5);
        assert_eq!(expected_at(&path, 2026.0, 100.0), 100.0);
        assert_eq!(expected_at(&[(2024.0, 50.0)], 2024.0, 60.0), 60.0);
    }
}
