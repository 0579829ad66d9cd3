//! Derived indicators: value = scale × numerator ÷ denominator, for actual and estimate figures.

use std::collections::BTreeSet;

use super::checks::parts_inconsistent;
use super::values_file;
use crate::diagnostics::{Diagnostics, Problem};
use crate::format::plain_number;
use crate::model::{Figure, FigureKey, Origin, UnitFigures};
use crate::model::{IndicatorId, Project, UnitId};

/// Derives every derived indicator of `unit` into `own`, its figures, parts first (`order`). An
/// entered figure stands; a difference larger than rounding to the indicator's decimals is
/// reported.
pub fn derive_unit(
    project: &Project,
    unit: UnitId,
    order: &[IndicatorId],
    own: &mut UnitFigures,
    diags: &mut Diagnostics,
) {
    for &i in order {
        let indicator = project.catalogue.get(i);
        let Some(d) = &indicator.derivation else {
            continue;
        };
        let keys: BTreeSet<FigureKey> = own[d.numerator]
            .keys()
            .filter(|k| k.kind.is_computed())
            .copied()
            .collect();
        for key in keys {
            let (Some(num), Some(den)) = (
                own[d.numerator].get(&key).map(|f| f.value),
                own[d.denominator].get(&key).map(|f| f.value),
            ) else {
                continue;
            };
            if den == 0.0 {
                continue;
            }
            let value = d.scale * num / den;
            match own[i].get(&key) {
                Some(f) => {
                    let rounding = 0.5 * 10f64.powi(-(indicator.decimals as i32));
                    // Parts that cannot be true are an error of their own (`checks`): the
                    // entered share is not the figure to doubt.
                    if (f.value - value).abs() > rounding + 1e-9 * value.abs()
                        && !parts_inconsistent(indicator, num, den)
                    {
                        diags.push(
                            values_file(project, unit),
                            f.line,
                            Some("value"),
                            Problem::DerivedDiffers {
                                entered: plain_number(f.value, indicator.decimals),
                                computed: plain_number(value, indicator.decimals),
                            },
                        );
                    }
                }
                None => {
                    own[i].insert(key, Figure::computed(value, Origin::Derived));
                }
            }
        }
    }
}
