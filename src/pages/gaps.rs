//! The coverage-gap tracker: villages without mobile service (Phụ lục 2), by unit and by
//! operator, with how many remain.

use serde::Serialize;

use crate::lang::Lang;
use crate::model::{UnitId, Village};
use crate::routes;
use crate::theme::ThemeError;
use crate::view::layout::layout;
use crate::view::tables::unit_href;
use crate::view::Ctx;

#[derive(Serialize)]
pub struct VillageRow {
    village: String,
    commune: String,
    operator: String,
    covered: Option<String>,
}

#[derive(Serialize)]
pub struct Count {
    label: String,
    href: String,
    total: usize,
    remaining: usize,
}

#[derive(Serialize)]
pub struct Group {
    name: String,
    href: String,
    remaining: usize,
    villages: Vec<VillageRow>,
}

#[derive(Serialize)]
pub struct UnitGaps {
    pub summary: String,
    pub total: usize,
    pub remaining: usize,
    pub villages: Vec<VillageRow>,
    pub href: String,
}

fn row(ctx: &Ctx, v: &Village, lang: Lang) -> VillageRow {
    VillageRow {
        village: v.village.clone(),
        commune: v.commune.clone(),
        operator: v.operator.clone(),
        covered: v.covered.map(|p| ctx.period(p, lang)),
    }
}

/// Villages in `unit` or any unit below it.
fn within<'a>(ctx: &'a Ctx, unit: UnitId) -> impl Iterator<Item = &'a Village> + 'a {
    let units = &ctx.project.units;
    ctx.project
        .gaps
        .iter()
        .filter(move |v| v.unit == unit || units.ancestors(v.unit).any(|a| a == unit))
}

/// The section of a unit's page; `None` when no village of the list lies in it.
pub fn for_unit(ctx: &Ctx, unit: UnitId, lang: Lang, home: &str) -> Option<UnitGaps> {
    let villages: Vec<&Village> = within(ctx, unit).collect();
    if villages.is_empty() {
        return None;
    }
    let total = villages.len();
    let remaining = villages.iter().filter(|v| v.covered.is_none()).count();
    Some(UnitGaps {
        summary: ctx.i18n.fill(
            lang,
            "gaps_unit_summary",
            &[
                ("remaining", &remaining.to_string()),
                ("total", &total.to_string()),
            ],
        ),
        total,
        remaining,
        villages: villages.iter().map(|v| row(ctx, v, lang)).collect(),
        href: format!("{home}{}", routes::COVERAGE_GAPS),
    })
}

pub fn render(ctx: &Ctx, lang: Lang) -> Result<(String, String), ThemeError> {
    let path = routes::COVERAGE_GAPS;
    let title = ctx.i18n.get(lang, "gaps_title");
    let page = layout(ctx, lang, path, &title, &title, Vec::new());
    let home = page.home.clone();
    let gaps = &ctx.project.gaps;
    let mut units: Vec<UnitId> = gaps.iter().map(|v| v.unit).collect();
    units.sort();
    units.dedup();
    let groups: Vec<Group> = units
        .iter()
        .map(|&u| {
            let villages: Vec<&Village> = gaps.iter().filter(|v| v.unit == u).collect();
            Group {
                name: ctx.unit_name(u, lang).to_string(),
                href: unit_href(ctx, u, &home),
                remaining: villages.iter().filter(|v| v.covered.is_none()).count(),
                villages: villages.iter().map(|v| row(ctx, v, lang)).collect(),
            }
        })
        .collect();
    let by_unit: Vec<Count> = groups
        .iter()
        .map(|g| Count {
            label: g.name.clone(),
            href: g.href.clone(),
            total: g.villages.len(),
            remaining: g.remaining,
        })
        .collect();
    let mut operators: Vec<&str> = gaps.iter().map(|v| v.operator.as_str()).collect();
    operators.sort();
    operators.dedup();
    let by_operator: Vec<Count> = operators
        .iter()
        .map(|op| {
            let mine: Vec<&Village> = gaps.iter().filter(|v| v.operator == *op).collect();
            Count {
                label: op.to_string(),
                href: String::new(),
                total: mine.len(),
                remaining: mine.iter().filter(|v| v.covered.is_none()).count(),
            }
        })
        .collect();
    let mut context = ctx.context(lang, &page);
    let remaining = gaps.iter().filter(|v| v.covered.is_none()).count();
    let summary = ctx.i18n.fill(
        lang,
        "gaps_summary",
        &[
            ("remaining", &remaining.to_string()),
            ("total", &gaps.len().to_string()),
        ],
    );
    context.insert("summary", &summary);
    context.insert("by_unit", &by_unit);
    context.insert("by_operator", &by_operator);
    context.insert("groups", &groups);
    Ok((path.into(), ctx.render("coverage-gaps.html", &context)?))
}
