//! An indicator's page: every unit compared, its target and every figure; and the catalogue.

use serde::Serialize;

use crate::compute::scope::Scope;
use crate::format;
use crate::lang::Lang;
use crate::model::{IndicatorId, Kind, PlanId, Project, UnitId};
use crate::routes;
use crate::theme::ThemeError;
use crate::view::chart_views::{self, ChartView};
use crate::view::layout::{layout, Link};
use crate::view::tables::{self, unit_href, Pivot};
use crate::view::wording::{self, status_counts, status_word, PlanResult, StatusCount};
use crate::view::Ctx;

#[derive(Serialize)]
struct UnitRow {
    label: String,
    href: String,
    depth: usize,
    latest: String,
    target: String,
    owner: String,
    achievement: String,
    status: &'static str,
    status_label: String,
    /// When the unit ended, if the table's heading does not say.
    ended: Option<String>,
}

#[derive(Serialize)]
struct IndicatorView {
    code: String,
    name: String,
    group: String,
    measure: String,
    notes: Vec<String>,
    charts: Vec<ChartView>,
    units: Vec<UnitRow>,
    /// Units that ended, listed apart.
    ended_units: Vec<UnitRow>,
    ended_title: String,
    /// "Tiến độ thực hiện Kế hoạch giai đoạn 2026–2030".
    progress_title: String,
    status: Vec<StatusCount>,
    /// The final results of the plans that ended, newest first.
    results: Vec<PlanResult<UnitRow>>,
    figure_tables: Vec<Pivot>,
    /// Says which units the tables list, when they leave the deeper ones out.
    listed_note: Option<String>,
}

/// The sentence above the tables when they list only the root and the units below it.
fn listed_note(ctx: &Ctx, lang: Lang) -> Option<String> {
    let units = &ctx.project.units;
    let count = |keep: fn(usize) -> bool| units.ids().filter(|&u| keep(units.depth(u))).count();
    let deeper = count(|d| d > 1);
    (units.len() > LISTED_MAX && deeper > 0).then(|| {
        ctx.i18n.fill(
            lang,
            "indicator_listed_note",
            &[
                ("root", ctx.unit_name(UnitId::ROOT, lang)),
                ("count", &format::number(count(|d| d == 1) as f64, 0, lang)),
                ("deeper", &format::number(deeper as f64, 0, lang)),
            ],
        )
    })
}

/// The indicator's page, relative to its language's home.
pub fn path(project: &Project, i: IndicatorId) -> String {
    routes::indicator_page(&project.catalogue.get(i).code)
}

/// Whether the page shows something that changed: it shows the indicator in every unit.
pub fn touched_by(scope: &Scope, i: IndicatorId) -> bool {
    scope.indicator(i)
}

/// Above this many units, an indicator's page lists only the root and the units directly below
/// it: a country's 4,000 communes, every period each, made a page of 5 MB that no phone loads.
/// Every deeper unit's figures stay on its own page and in the open data. A province's project
/// (a few hundred units, those that ended too) keeps the whole list.
const LISTED_MAX: usize = 1000;

/// Whether the indicator's page lists `u` in its tables.
fn is_listed(ctx: &Ctx, u: UnitId) -> bool {
    let units = &ctx.project.units;
    units.len() <= LISTED_MAX || units.depth(u) <= 1
}

pub fn render(ctx: &Ctx, i: IndicatorId, lang: Lang) -> Result<(String, String), ThemeError> {
    let project = ctx.project;
    let ind = project.catalogue.get(i);
    let path = path(project, i);
    let name = ctx.indicator_name(i, lang).to_string();
    let description = format!("{name} – {}", ctx.site_title(lang));
    let pre = crate::view::layout::lang_prefix(ctx, lang);
    let home = format!(
        "{}{pre}",
        "../".repeat(format!("{pre}{path}").matches('/').count())
    );
    let crumbs = vec![Link {
        label: ctx.i18n.get(lang, "indicators_title"),
        href: format!("{home}{}", routes::INDICATORS),
        current: false,
    }];
    let page = layout(ctx, lang, &path, &name, &description, crumbs);
    let notes = notes(ctx, i, lang);
    let units = &project.units;
    // The children in force at the period compared: no district that ended in a comparison
    // of communes.
    let compared = crate::view::lifetime::compared_children(ctx, UnitId::ROOT, i);
    let mut charts = Vec::new();
    charts.extend(chart_views::compare(ctx, i, &compared, lang, "compare"));
    charts.extend(chart_views::trend(ctx, UnitId::ROOT, i, lang, "trend"));
    // Units in force first, those that ended in their own table.
    let [current, ended] =
        crate::view::lifetime::split_ended(units, units.ids().filter(|&u| is_listed(ctx, u)));
    let current_plan = ctx.computed.current_plan;
    let t = |k: &str| ctx.i18n.get(lang, k);
    let progress = |plan: Option<PlanId>, u: UnitId| progress_of(ctx, i, plan, u);
    let row = |u: UnitId| unit_row(ctx, i, current_plan, u, lang, &home);
    let results = plan_results(ctx, i, lang, &home);
    let (ended_title, each_says) = crate::view::lifetime::ended_title(ctx, &ended, lang);
    let view = IndicatorView {
        code: ind.code.clone(),
        name,
        group: lang.pick(&ind.group, &ind.group_en).to_string(),
        measure: ctx.unit_of_measure(i, lang).to_string(),
        notes,
        charts,
        units: current.into_iter().map(row).collect(),
        ended_units: ended
            .into_iter()
            .map(|u| UnitRow {
                ended: each_says
                    .then(|| crate::view::lifetime::ended_words(ctx, u, lang))
                    .flatten(),
                ..row(u)
            })
            .collect(),
        ended_title,
        // Without plans (no targets), the table only compares the units.
        progress_title: match current_plan {
            Some(_) => wording::progress_heading(ctx, current_plan, lang),
            None => t("indicator_units_title"),
        },
        status: status_counts(
            ctx,
            units
                .ids()
                .filter_map(|u| progress(current_plan, u).map(|p| p.status)),
            lang,
        ),
        results,
        figure_tables: tables::indicator_tables(ctx, i, lang, &home, &|u| is_listed(ctx, u)),
        listed_note: listed_note(ctx, lang),
    };
    let mut context = ctx.context(lang, &page);
    context.insert("indicator", &view);
    Ok((path, ctx.render("indicator.html", &context)?))
}

/// What the page says of the indicator itself: which way is better, how it is made.
fn notes(ctx: &Ctx, i: IndicatorId, lang: Lang) -> Vec<String> {
    let ind = ctx.project.catalogue.get(i);
    let t = |k: &str| ctx.i18n.get(lang, k);
    let mut notes = vec![t(if ind.direction == crate::model::Direction::Up {
        "direction_up"
    } else {
        "direction_down"
    })];
    if let Some(d) = &ind.derivation {
        notes.push(ctx.i18n.fill(
            lang,
            "indicator_derived",
            &[
                ("scale", &format::number(d.scale, 0, lang)),
                ("numerator", ctx.indicator_name(d.numerator, lang)),
                ("denominator", ctx.indicator_name(d.denominator, lang)),
            ],
        ));
    } else if ind.is_summed() {
        notes.push(t("indicator_summed"));
    }
    notes
}

/// A unit's progress on the indicator against `plan`.
fn progress_of<'a>(
    ctx: &'a Ctx,
    i: IndicatorId,
    plan: Option<PlanId>,
    u: UnitId,
) -> Option<&'a crate::compute::Progress> {
    plan.and_then(|plan| ctx.computed.progress[plan][u][i].as_ref())
}

/// A unit's row against `plan`: its latest figure (within the plan, for a plan that ended).
fn unit_row(
    ctx: &Ctx,
    i: IndicatorId,
    plan: Option<PlanId>,
    u: UnitId,
    lang: Lang,
    home: &str,
) -> UnitRow {
    let t = |k: &str| ctx.i18n.get(lang, k);
    let figures = &ctx.computed.figures;
    let units = &ctx.project.units;
    let current_plan = ctx.computed.current_plan;
    let progress = |plan: Option<PlanId>, u: UnitId| progress_of(ctx, i, plan, u);
    let p = progress(plan, u);
    let latest = if plan == current_plan {
        figures.of_kind(u, i, Kind::Actual).last()
    } else {
        p.and_then(|p| p.latest)
            .and_then(|(period, _)| Some((period, figures.get(u, i, period, Kind::Actual)?)))
    };
    UnitRow {
        label: ctx.unit_name(u, lang).to_string(),
        href: unit_href(ctx, u, home),
        depth: units.depth(u),
        latest: latest
            .map(|(period, f)| {
                format!(
                    "{} ({})",
                    ctx.figure(i, f.value, lang),
                    ctx.period_short(period, lang)
                )
            })
            .unwrap_or_else(|| "–".into()),
        target: p
            .map(|p| {
                format!(
                    "{} ({})",
                    ctx.figure(i, p.target, lang),
                    p.target_period.year
                )
            })
            .unwrap_or_else(|| "–".into()),
        owner: p
            .map(|p| {
                if p.target_unit == u {
                    t("own_target")
                } else {
                    ctx.unit_name(p.target_unit, lang).to_string()
                }
            })
            .unwrap_or_default(),
        achievement: p
            .and_then(|p| p.achievement)
            .map(|a| format::percent(a, 1, lang))
            .unwrap_or_else(|| "–".into()),
        status: p.map_or("", |p| p.status.as_str()),
        status_label: p
            .map(|p| status_word(ctx, p.status, lang))
            .unwrap_or_default(),
        ended: None,
    }
}

/// The plans that ended, each with every unit's final result on the indicator, newest first.
fn plan_results(ctx: &Ctx, i: IndicatorId, lang: Lang, home: &str) -> Vec<PlanResult<UnitRow>> {
    let units = &ctx.project.units;
    let progress = |plan: Option<PlanId>, u: UnitId| progress_of(ctx, i, plan, u);
    let row_in = |plan: Option<PlanId>, u: UnitId| unit_row(ctx, i, plan, u, lang, home);
    wording::ended_plans(ctx)
        .into_iter()
        .filter_map(|plan| {
            let with: Vec<UnitId> = units
                .ids()
                .filter(|&u| progress(Some(plan), u).is_some())
                .collect();
            if with.is_empty() {
                return None;
            }
            let statuses: Vec<_> = with
                .iter()
                .filter_map(|&u| progress(Some(plan), u).map(|p| p.status))
                .collect();
            // Units without a figure of the plan are counted, not listed. Units that ended
            // within the plan say so: once, when they all ended together, else each.
            let listed: Vec<UnitId> = with
                .iter()
                .copied()
                .filter(|&u| is_listed(ctx, u))
                .filter(|&u| progress(Some(plan), u).is_some_and(|p| p.latest.is_some()))
                .collect();
            let ended_within: Vec<UnitId> = listed
                .iter()
                .copied()
                .filter(|&u| wording::result_until_ended(ctx, u, plan, lang).is_some())
                .collect();
            let mut ends = ended_within.iter().filter_map(|&u| units.get(u).until);
            let until_ended_all = ends
                .next()
                .filter(|&first| ends.all(|p| p == first))
                .map(|p| {
                    ctx.i18n.fill(
                        lang,
                        "result_until_ended_all",
                        &[("period", &ctx.period_in_text(p, lang))],
                    )
                });
            let rows = listed
                .into_iter()
                .map(|u| UnitRow {
                    ended: until_ended_all
                        .is_none()
                        .then(|| wording::result_until_ended(ctx, u, plan, lang))
                        .flatten(),
                    ..row_in(Some(plan), u)
                })
                .collect();
            let counted: Vec<_> = with
                .iter()
                .zip(&statuses)
                .map(|(&u, &s)| (s, wording::result_until_ended(ctx, u, plan, lang).is_some()))
                .collect();
            Some(PlanResult {
                status: status_counts(ctx, statuses.into_iter(), lang),
                until_ended: until_ended_all.clone(),
                ..PlanResult::new(
                    ctx,
                    plan,
                    lang,
                    wording::result_count(ctx, &counted, true, lang),
                    rows,
                )
            })
        })
        .collect()
}

#[derive(Serialize)]
struct CatalogueGroup {
    name: String,
    items: Vec<CatalogueItem>,
}

#[derive(Serialize)]
struct CatalogueItem {
    name: String,
    href: String,
    measure: String,
    latest: String,
}

/// `indicators/index.html`: the catalogue by group, with the root unit's latest figure.
pub fn render_list(ctx: &Ctx, lang: Lang) -> Result<(String, String), ThemeError> {
    let path = routes::INDICATORS;
    let title = ctx.i18n.get(lang, "indicators_title");
    let page = layout(ctx, lang, path, &title, &title, Vec::new());
    let mut groups: Vec<CatalogueGroup> = Vec::new();
    for (i, ind) in ctx.project.catalogue.iter() {
        let group = lang.pick(&ind.group, &ind.group_en).to_string();
        if groups.last().is_none_or(|g| g.name != group) {
            groups.push(CatalogueGroup {
                name: group,
                items: Vec::new(),
            });
        }
        let latest = ctx
            .computed
            .figures
            .of_kind(UnitId::ROOT, i, Kind::Actual)
            .last()
            .map(|(p, f)| {
                format!(
                    "{} ({})",
                    ctx.figure(i, f.value, lang),
                    ctx.period_short(p, lang)
                )
            })
            .unwrap_or_else(|| "–".into());
        let page = routes::indicator_page(&ind.code);
        if let Some(g) = groups.last_mut() {
            g.items.push(CatalogueItem {
                name: ctx.indicator_name(i, lang).to_string(),
                // Linked from the catalogue's own folder.
                href: routes::below(path, &page).unwrap_or(&page).to_string(),
                measure: ctx.unit_of_measure(i, lang).to_string(),
                latest,
            });
        }
    }
    let mut context = ctx.context(lang, &page);
    context.insert("groups", &groups);
    context.insert("root_name", ctx.unit_name(UnitId::ROOT, lang));
    Ok((path.into(), ctx.render("indicators.html", &context)?))
}
