//! Units that begin and end, as pages show them: when a unit ended and which units took over
//! its land, which units it was formed from, lists of units with those that ended apart, and
//! which of a unit's children a comparison at a period shows.

use serde::Serialize;

use super::layout::Link;
use super::tables::unit_href;
use super::Ctx;
use crate::lang::Lang;
use crate::model::{IndicatorId, Kind, Period, UnitId, UnitTree};

/// A sentence about a unit's life, followed by links to the units it names (none, or the units
/// it was formed from, or those that took over its land).
#[derive(Debug, Clone, Serialize)]
pub struct LifeNote {
    pub text: String,
    pub links: Vec<Link>,
}

/// What a unit's page says about its life: "Thành lập năm 2025 trên cơ sở …" for a unit formed
/// from others, "… kết thúc sau 6 tháng đầu năm 2025 …" and the units that took over its land
/// for one that ended. Nothing for a unit that always existed.
pub fn notes(ctx: &Ctx, unit: UnitId, lang: Lang, home: &str) -> Vec<LifeNote> {
    let units = &ctx.project.units;
    let u = units.get(unit);
    let links = |ids: &[UnitId]| -> Vec<Link> {
        ids.iter()
            .map(|&s| Link {
                label: ctx.unit_name(s, lang).to_string(),
                href: unit_href(ctx, s, home),
                current: false,
            })
            .collect()
    };
    let mut out = Vec::new();
    if let Some(from) = u.from {
        let year = from.year.to_string();
        let sources = units.formed_from(unit);
        out.push(LifeNote {
            text: if sources.is_empty() {
                ctx.i18n.fill(lang, "life_began", &[("year", &year)])
            } else {
                ctx.i18n.fill(lang, "life_formed_from", &[("year", &year)])
            },
            links: links(sources),
        });
    }
    if let Some(until) = u.until {
        let period = ctx.period_in_text(until, lang);
        let successors = units.successors(unit);
        if successors.is_empty() {
            out.push(LifeNote {
                text: ctx.i18n.fill(lang, "life_ended", &[("period", &period)]),
                links: Vec::new(),
            });
        } else {
            out.push(LifeNote {
                text: ctx
                    .i18n
                    .fill(lang, "life_ended_reorganised", &[("period", &period)]),
                links: Vec::new(),
            });
            out.push(LifeNote {
                text: ctx.i18n.get(lang, "life_successors"),
                links: links(successors),
            });
        }
    }
    out
}

/// "đã kết thúc sau 6 tháng đầu năm 2025" for a unit that ended, to mark it in lists.
pub fn ended_words(ctx: &Ctx, unit: UnitId, lang: Lang) -> Option<String> {
    let until = ctx.project.units.get(unit).until?;
    Some(ctx.i18n.fill(
        lang,
        "life_ended_short",
        &[("period", &ctx.period_in_text(until, lang))],
    ))
}

/// `ids` split into the units in force now (those without a last period) and those that
/// ended, each in the order given.
pub fn split_ended(units: &UnitTree, ids: impl IntoIterator<Item = UnitId>) -> [Vec<UnitId>; 2] {
    let (ended, current): (Vec<UnitId>, Vec<UnitId>) =
        ids.into_iter().partition(|&u| units.get(u).has_ended());
    [current, ended]
}

/// The heading of a list of units that ended: "Đơn vị đã kết thúc sau 6 tháng đầu năm 2025"
/// when they all ended together, and then `false`; else "Đơn vị đã kết thúc" and `true`, each
/// unit then saying when it ended ([`ended_words`]).
pub fn ended_title(ctx: &Ctx, ended: &[UnitId], lang: Lang) -> (String, bool) {
    let units = &ctx.project.units;
    let mut ends = ended.iter().filter_map(|&c| units.get(c).until);
    match ends.next().filter(|&first| ends.all(|p| p == first)) {
        Some(p) => (
            ctx.i18n.fill(
                lang,
                "units_ended_at",
                &[("period", &ctx.period_in_text(p, lang))],
            ),
            false,
        ),
        None => (ctx.i18n.get(lang, "units_ended_title"), true),
    }
}

/// The period a comparison of `parent` with its children shows for `indicator`: the parent's
/// latest actual figure, else the latest of any child's (the rule the bar charts follow).
fn comparison_period(ctx: &Ctx, parent: UnitId, indicator: IndicatorId) -> Option<Period> {
    let figures = &ctx.computed.figures;
    let last = |u: UnitId| {
        figures
            .of_kind(u, indicator, Kind::Actual)
            .last()
            .map(|(p, _)| p)
    };
    last(parent).or_else(|| {
        ctx.project
            .units
            .children(parent)
            .iter()
            .filter_map(|&c| last(c))
            .max()
    })
}

/// `parent` and the children it is compared with for `indicator`: those in force at the period
/// the comparison shows, so that a comparison at 2026-H1 has no district that ended in 2025.
pub fn compared_children(ctx: &Ctx, parent: UnitId, indicator: IndicatorId) -> Vec<UnitId> {
    let units = &ctx.project.units;
    let mut out = vec![parent];
    match comparison_period(ctx, parent, indicator) {
        Some(period) => out.extend(units.children_at(parent, period)),
        None => out.extend(units.children(parent)),
    }
    out
}
