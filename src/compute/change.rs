//! The change from the same period a year before ("so với cùng kỳ").

use crate::model::{Figures, IndicatorId, Kind, Period, UnitId};

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Change {
    pub previous: Period,
    pub difference: f64,
    /// None when the earlier figure is zero.
    pub percent: Option<f64>,
}

pub fn year_on_year(
    figures: &Figures,
    unit: UnitId,
    indicator: IndicatorId,
    period: Period,
    kind: Kind,
) -> Option<Change> {
    let now = figures.value(unit, indicator, period, kind)?;
    let previous = period.year_before();
    // An estimate is compared with what actually happened a year before.
    let before = figures.value(unit, indicator, previous, Kind::Actual)?;
    Some(Change {
        previous,
        difference: now - before,
        percent: (before != 0.0).then(|| 100.0 * (now - before) / before),
    })
}
