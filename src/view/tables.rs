//! Tables of every figure: one per kind (actual, estimate, target), periods across.

use serde::Serialize;

use super::Ctx;
use crate::lang::Lang;
use crate::model::{IndicatorId, Kind, Origin, Period, UnitId};
use crate::routes;

#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    pub text: String,
    /// ᵈ derived, ˢ summed: a computed figure is never mistaken for an entered one.
    pub mark: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct PivotRow {
    pub label: String,
    pub href: String,
    pub measure: String,
    pub cells: Vec<Cell>,
    pub sources: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PivotGroup {
    pub name: String,
    pub rows: Vec<PivotRow>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Pivot {
    pub caption: String,
    pub periods: Vec<String>,
    pub groups: Vec<PivotGroup>,
}

fn cell(ctx: &Ctx, unit: UnitId, i: IndicatorId, p: Period, kind: Kind, lang: Lang) -> Cell {
    match ctx.computed.figures.get(unit, i, p, kind) {
        Some(f) => Cell {
            text: match f.upper {
                Some(up) => format!(
                    "{}–{}",
                    ctx.number(i, f.value, lang),
                    ctx.number(i, up, lang)
                ),
                None => ctx.number(i, f.value, lang),
            },
            mark: match f.origin {
                Origin::Entered => "",
                Origin::Derived => "ᵈ",
                Origin::Aggregated => "ˢ",
            },
        },
        None => Cell {
            text: "–".into(),
            mark: "",
        },
    }
}

fn sources(ctx: &Ctx, unit: UnitId, i: IndicatorId, kind: Kind) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (_, f) in ctx.computed.figures.of_kind(unit, i, kind) {
        if !f.source.is_empty() && !out.contains(&f.source) {
            out.push(f.source.clone());
        }
    }
    out
}

fn caption(ctx: &Ctx, kind: Kind, lang: Lang) -> String {
    ctx.i18n.get(lang, &format!("kind_{}", kind.as_str()))
}

/// Whether a period's column belongs in `unit`'s table of `kind`: a period of the unit's life;
/// for targets, a year the unit lived in, in part at least (a district that ended after
/// 2025-H1 keeps its 2025 target, not one for 2026).
fn in_life(ctx: &Ctx, unit: UnitId, p: Period, kind: Kind) -> bool {
    let units = &ctx.project.units;
    match kind {
        Kind::Target => {
            units.in_force(unit, Period::first_half(p.year))
                || units.in_force(unit, Period::year(p.year))
        }
        _ => units.in_force(unit, p),
    }
}

/// Every figure of one unit: indicators down, periods across, grouped as in the catalogue; the
/// periods of the unit's life only.
pub fn unit_tables(ctx: &Ctx, unit: UnitId, lang: Lang, home: &str) -> Vec<Pivot> {
    let figures = &ctx.computed.figures;
    let cat = &ctx.project.catalogue;
    Kind::ALL
        .iter()
        .filter_map(|&kind| {
            let mut periods: Vec<Period> = cat
                .ids()
                .flat_map(|i| figures.of_kind(unit, i, kind).map(|(p, _)| p))
                .filter(|&p| in_life(ctx, unit, p, kind))
                .collect();
            periods.sort();
            periods.dedup();
            if periods.is_empty() {
                return None;
            }
            let mut groups: Vec<PivotGroup> = Vec::new();
            for (i, ind) in cat.iter() {
                if !figures
                    .of_kind(unit, i, kind)
                    .any(|(p, _)| periods.contains(&p))
                {
                    continue;
                }
                let group = lang.pick(&ind.group, &ind.group_en).to_string();
                if groups.last().is_none_or(|g| g.name != group) {
                    groups.push(PivotGroup {
                        name: group,
                        rows: Vec::new(),
                    });
                }
                let row = PivotRow {
                    label: ctx.indicator_name(i, lang).to_string(),
                    href: indicator_href(ctx, i, home),
                    measure: ctx.unit_of_measure(i, lang).to_string(),
                    cells: periods
                        .iter()
                        .map(|&p| cell(ctx, unit, i, p, kind, lang))
                        .collect(),
                    sources: sources(ctx, unit, i, kind).join("; "),
                };
                if let Some(g) = groups.last_mut() {
                    g.rows.push(row);
                }
            }
            Some(Pivot {
                caption: caption(ctx, kind, lang),
                periods: periods.iter().map(|&p| ctx.period_short(p, lang)).collect(),
                groups,
            })
        })
        .collect()
}

/// Every figure of one indicator: units down (those `listed`), periods across; units that ended
/// in a group of their own below those in force.
pub fn indicator_tables(
    ctx: &Ctx,
    i: IndicatorId,
    lang: Lang,
    home: &str,
    listed: &dyn Fn(UnitId) -> bool,
) -> Vec<Pivot> {
    let figures = &ctx.computed.figures;
    let units = &ctx.project.units;
    Kind::ALL
        .iter()
        .filter_map(|&kind| {
            let mut periods: Vec<Period> = units
                .ids()
                .filter(|&u| listed(u))
                .flat_map(|u| figures.of_kind(u, i, kind).map(|(p, _)| p))
                .collect();
            periods.sort();
            periods.dedup();
            if periods.is_empty() {
                return None;
            }
            let row = |u: UnitId| PivotRow {
                label: ctx.unit_name(u, lang).to_string(),
                href: unit_href(ctx, u, home),
                measure: String::new(),
                cells: periods
                    .iter()
                    .map(|&p| cell(ctx, u, i, p, kind, lang))
                    .collect(),
                sources: sources(ctx, u, i, kind).join("; "),
            };
            let with_figures = units
                .ids()
                .filter(|&u| listed(u) && figures.of_kind(u, i, kind).next().is_some());
            let (ended, current): (Vec<UnitId>, Vec<UnitId>) =
                with_figures.partition(|&u| units.get(u).has_ended());
            let mut groups = vec![PivotGroup {
                name: String::new(),
                rows: current.into_iter().map(row).collect(),
            }];
            if !ended.is_empty() {
                groups.push(PivotGroup {
                    name: ctx.i18n.get(lang, "units_ended_title"),
                    rows: ended.into_iter().map(row).collect(),
                });
            }
            Some(Pivot {
                caption: caption(ctx, kind, lang),
                periods: periods.iter().map(|&p| ctx.period_short(p, lang)).collect(),
                groups,
            })
        })
        .collect()
}

/// A link to a unit's page from a page whose way to its language's home is `home`.
pub fn unit_href(ctx: &Ctx, unit: UnitId, home: &str) -> String {
    let page = routes::unit_page(super::unit_folder(ctx.project, unit));
    format!("{home}{page}")
}

/// A link to an indicator's page from a page whose way to its language's home is `home`.
pub fn indicator_href(ctx: &Ctx, i: IndicatorId, home: &str) -> String {
    let page = routes::indicator_page(&ctx.project.catalogue.get(i).code);
    format!("{home}{page}")
}
