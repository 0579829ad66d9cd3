//! Figures that are allowed but probably typos: percentages above 100 and stocks that halve.

use super::values_file;
use crate::diagnostics::{Diagnostics, Problem};
use crate::format::plain_number;
use crate::model::{Direction, Figures, Kind, Measure, Origin};
use crate::model::{Project, UnitId};

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
