//! A unit's page (the root unit's is the home page): key figures, charts, narrative, progress
//! against targets and every figure with its source.

use serde::Serialize;

use crate::compute::scope::Scope;
use crate::compute::Status;
use crate::lang::Lang;
use crate::model::content::LangKey;
use crate::model::Project;
use crate::model::{IndicatorId, Kind, PlanId, UnitId};
use crate::routes::{self, DataFormat};
use crate::theme::ThemeError;
use crate::view::chart_views::{self, ChartView};
use crate::view::layout::{layout, Link};
use crate::view::lifetime::{self, LifeNote};
use crate::view::tables::{self, indicator_href, unit_href, Pivot};
use crate::view::wording::{
    self, change_text, status_counts, status_word, PlanResult, StatusCount,
};
use crate::view::Ctx;

#[derive(Serialize)]
struct Headline {
    name: String,
    href: String,
    value: String,
    /// The unit of measure, set smaller under the figure; empty for percentages.
    measure: String,
    period: String,
    /// Set when the figure is of an earlier period than the page's latest: "số liệu 6 tháng
    /// đầu năm 2024", so that cards of different periods are not read as one comparison.
    older: Option<String>,
    change: Option<String>,
    /// `up`, `down` or `none`, for the arrow (the words say it too).
    trend: &'static str,
}

#[derive(Serialize)]
pub struct ProgressRow {
    pub indicator: String,
    pub href: String,
    pub baseline: String,
    pub latest: String,
    pub target: String,
    pub owner: String,
    pub own: bool,
    pub achievement: String,
    pub progress: String,
    pub status: &'static str,
    pub status_label: String,
    pub bullet: String,
}

#[derive(Serialize)]
struct UnitView {
    name: String,
    level: String,
    is_root: bool,
    headline: Vec<Headline>,
    status: Vec<StatusCount>,
    charts: Vec<ChartView>,
    narrative: Option<String>,
    narrative_fallback: Option<String>,
    /// When the unit began (and from which units) or ended (and which units took over).
    life: Vec<LifeNote>,
    /// Whether the page has a progress section: the unit lived through part of the current plan.
    show_progress: bool,
    /// Whether the progress rows carry bullet charts (not on a commune's page).
    progress_bullets: bool,
    progress_title: String,
    progress: Vec<ProgressRow>,
    /// Indicators with a target but no actual figure yet: listed, not tabulated.
    progress_no_data: Vec<ProgressRow>,
    /// The final results of the plans that ended, newest first.
    results: Vec<PlanResult<ProgressRow>>,
    missing: Vec<String>,
    figure_tables: Vec<Pivot>,
    children: Vec<ChildLink>,
    /// Units below that ended, listed apart after those in force.
    ended_children: Vec<ChildLink>,
    ended_title: String,
    downloads: Vec<Link>,
    gaps: Option<super::gaps::UnitGaps>,
    /// The unit's half-year reports, newest first.
    reports: Vec<Link>,
    /// Every half-year report of the unit in one file: its workbook (a sheet per half-year) and
    /// its CSV; empty when it has no report.
    report_files: Vec<Link>,
}

#[derive(Serialize)]
struct ChildLink {
    label: String,
    href: String,
    depth: usize,
    /// "đã kết thúc sau 6 tháng đầu năm 2025", for a unit that ended.
    ended: Option<String>,
}

/// The unit's progress against `plan`, one row per indicator with a target of the plan; bullet
/// charts of the plan's progress (ids `bullet-CODE` for the current plan, `bullet-PLAN-CODE`
/// for an earlier one).
pub fn progress_rows(
    ctx: &Ctx,
    unit: UnitId,
    plan: PlanId,
    lang: Lang,
    home: &str,
    with_bullets: bool,
) -> Vec<ProgressRow> {
    let cat = &ctx.project.catalogue;
    let prefix = if Some(plan) == ctx.computed.current_plan {
        "bullet".to_string()
    } else {
        format!("bullet-{}", ctx.project.plans.get(plan).code)
    };
    cat.ids()
        .filter_map(|i| {
            let p = ctx.computed.progress[plan][unit][i].as_ref()?;
            let f = |v: f64| ctx.figure(i, v, lang);
            let at = |x: Option<(crate::model::Period, f64)>| {
                x.map(|(period, v)| format!("{} ({})", f(v), ctx.period_short(period, lang)))
                    .unwrap_or_else(|| "–".into())
            };
            let target = match p.target_upper {
                Some(up) => format!(
                    "{}–{} ({})",
                    ctx.number(i, p.target, lang),
                    f(up),
                    p.target_period.year
                ),
                None => format!("{} ({})", f(p.target), p.target_period.year),
            };
            let pct = |v: Option<f64>| {
                v.map(|v| crate::format::percent(v, 1, lang))
                    .unwrap_or_else(|| "–".into())
            };
            Some(ProgressRow {
                indicator: ctx.indicator_name(i, lang).to_string(),
                href: indicator_href(ctx, i, home),
                baseline: at(p.baseline),
                latest: at(p.latest),
                target,
                own: p.target_unit == unit,
                owner: if p.target_unit == unit {
                    ctx.i18n.get(lang, "own_target")
                } else {
                    ctx.unit_name(p.target_unit, lang).to_string()
                },
                achievement: pct(p.achievement),
                progress: pct(p.progress),
                status: p.status.as_str(),
                status_label: status_word(ctx, p.status, lang),
                bullet: if with_bullets && p.status != Status::NoData {
                    chart_views::bullet(
                        ctx,
                        i,
                        p,
                        lang,
                        &format!("{prefix}-{}", cat.get(i).code.replace('_', "-")),
                    )
                } else {
                    String::new()
                },
            })
        })
        .collect()
}

/// The unit's page, relative to its language's home.
pub fn path(project: &Project, unit: UnitId) -> String {
    routes::unit_page(crate::view::unit_folder(project, unit))
}

/// The units the page's comparison chart may show: the unit and its children or, without
/// children, its parent and the unit.
fn compared(project: &Project, unit: UnitId) -> Vec<UnitId> {
    let units = &project.units;
    let children = units.children(unit);
    let mut compared = vec![unit];
    match units.parent(unit) {
        Some(p) if children.is_empty() => compared.insert(0, p),
        _ => compared.extend(children),
    }
    compared
}

/// The units the coverage chart compares: the unit and its children in force at the period the
/// chart shows; a unit without children, after its parent (the chart then shows the unit's own
/// latest period, which for a unit that ended is its last, when both existed).
fn compared_now(ctx: &Ctx, unit: UnitId) -> Vec<UnitId> {
    let project = ctx.project;
    let units = &project.units;
    let first = project
        .config
        .charts
        .coverage
        .iter()
        .find_map(|code| project.catalogue.by_code(code));
    match (units.parent(unit), first) {
        (Some(p), _) if units.is_leaf(unit) => vec![p, unit],
        (_, Some(i)) => lifetime::compared_children(ctx, unit, i),
        (_, None) => compared(project, unit),
    }
}

/// Whether the page shows something that changed: its own figures, progress and notes, those
/// of the units it is compared with, a target it inherits, or a narrative that quotes other
/// units (`unit=`), which may be any of them.
pub fn touched_by(ctx: &Ctx, scope: &Scope, unit: UnitId) -> bool {
    let quotes = ctx
        .project
        .content
        .units
        .range((unit, LangKey::Vi)..)
        .take_while(|((owner, _), _)| *owner == unit)
        .any(|(_, n)| n.markdown.contains("unit="));
    compared(ctx.project, unit)
        .into_iter()
        .any(|u| scope.own(u))
        || scope.inherited(unit)
        || quotes
}

pub fn render(ctx: &Ctx, unit: UnitId, lang: Lang) -> Result<(String, String), ThemeError> {
    let project = ctx.project;
    let units = &project.units;
    let u = units.get(unit);
    let folder = crate::view::unit_folder(project, unit);
    let path = path(project, unit);
    let narrative = project.content.units.get(&(unit, LangKey::from(lang)));
    let vi_narrative = project.content.units.get(&(unit, LangKey::Vi));
    let name = ctx.unit_name(unit, lang).to_string();
    let title = if unit == UnitId::ROOT {
        narrative
            .and_then(|n| n.front.title.clone())
            .unwrap_or_else(|| ctx.site_title(lang))
    } else {
        name.clone()
    };
    let description = narrative
        .and_then(|n| n.front.description.clone())
        .unwrap_or_else(|| format!("{} – {}", name, ctx.site_title(lang)));
    let mut crumbs: Vec<UnitId> = units.ancestors(unit).collect();
    crumbs.reverse();
    let pre = crate::view::layout::lang_prefix(ctx, lang);
    let depth = format!("{pre}{path}").matches('/').count();
    let home = format!("{}{pre}", "../".repeat(depth));
    let breadcrumbs = crumbs
        .iter()
        .map(|&a| Link {
            label: ctx.unit_name(a, lang).to_string(),
            href: unit_href(ctx, a, &home),
            current: false,
        })
        .collect();
    let page = layout(ctx, lang, &path, &title, &description, breadcrumbs);
    let figures = &ctx.computed.figures;

    let headline = headline_cards(ctx, unit, lang, &home);

    let mut charts = Vec::new();
    charts.extend(chart_views::coverage(
        ctx,
        &compared_now(ctx, unit),
        lang,
        "coverage",
    ));
    charts.extend(chart_views::growth(ctx, unit, lang, "growth"));

    // Progress against the current plan; the plans that ended, each with its final result.
    let current_plan = ctx.computed.current_plan;
    // A unit without units below it (a commune) shows its progress as the table alone: the
    // bullet charts say the same, and a country's thousands of communes would each carry
    // some kilobytes of drawing for them in two languages.
    let progress_bullets = !project.units.children(unit).is_empty();
    let current_rows = current_plan
        .map(|plan| progress_rows(ctx, unit, plan, lang, &home, progress_bullets))
        .unwrap_or_default();
    let show_progress = !current_rows.is_empty() || !u.has_ended();
    let status = status_counts(
        ctx,
        current_plan
            .into_iter()
            .flat_map(|plan| plan_statuses(ctx, unit, plan)),
        lang,
    );
    let (progress, progress_no_data): (Vec<_>, Vec<_>) = current_rows
        .into_iter()
        .partition(|r| r.status != Status::NoData.as_str());
    let results = plan_results(ctx, unit, lang, &home, progress_bullets);

    let missing = missing_notes(ctx, unit, lang);

    let body_html =
        narrative.map(|n| crate::view::shortcodes::render_narrative(ctx, n, unit, lang, 3));
    let fallback = if narrative.is_none() && vi_narrative.is_some() && lang != Lang::Vi {
        Some(format!(
            "{}{}",
            page.site,
            crate::view::layout::lang_prefix(ctx, Lang::Vi).to_string() + &path
        ))
    } else {
        None
    };
    let (child_links, ended_children, ended_title) = child_links(ctx, unit, lang, &home);
    let downloads = DataFormat::ALL
        .iter()
        .map(|&format| Link {
            label: format!("{}.{}", u.slug, format.extension()),
            href: format!("{}{}", page.site, routes::unit_data(&u.slug, format)),
            current: false,
        })
        .collect();
    let report_years = crate::compute::report::years(units, figures, unit);
    let report_files = if report_years.is_empty() {
        Vec::new()
    } else {
        routes::UnitReports::ALL
            .iter()
            .map(|&file| Link {
                label: format!("{}.{}", u.slug, file.extension()),
                href: format!("{}{}", page.site, routes::unit_reports(&u.slug, file)),
                current: false,
            })
            .collect()
    };
    let view = UnitView {
        name,
        level: crate::view::wording::unit_kind(ctx, unit, lang),
        is_root: unit == UnitId::ROOT,
        headline,
        life: lifetime::notes(ctx, unit, lang, &home),
        status,
        charts,
        narrative: body_html,
        narrative_fallback: fallback,
        show_progress,
        progress_bullets,
        progress_title: wording::progress_heading(ctx, current_plan, lang),
        progress,
        results,
        progress_no_data,
        missing,
        figure_tables: tables::unit_tables(ctx, unit, lang, &home),
        children: child_links,
        ended_children,
        ended_title,
        downloads,
        gaps: super::gaps::for_unit(ctx, unit, lang, &home),
        reports: report_links(ctx, &report_years, folder, &path, lang),
        report_files,
    };
    let mut context = ctx.context(lang, &page);
    context.insert("unit", &view);
    Ok((path, ctx.render("unit.html", &context)?))
}

/// The statuses of the unit's targets in `plan`.
fn plan_statuses<'a>(
    ctx: &'a Ctx,
    unit: UnitId,
    plan: PlanId,
) -> impl Iterator<Item = Status> + 'a {
    ctx.computed.progress[plan][unit]
        .values()
        .filter_map(|p| p.as_ref().map(|p| p.status))
}

fn min_key() -> crate::model::FigureKey {
    crate::model::FigureKey {
        period: crate::model::Period {
            year: i32::MIN,
            half: true,
        },
        kind: Kind::Actual,
    }
}

/// The cards at the top of the page: the latest actual figure of each headline indicator.
fn headline_cards(ctx: &Ctx, unit: UnitId, lang: Lang, home: &str) -> Vec<Headline> {
    let project = ctx.project;
    let figures = &ctx.computed.figures;
    let cat = &project.catalogue;
    let latest: Vec<_> = project
        .config
        .headline
        .iter()
        .filter_map(|code| cat.by_code(code))
        .filter_map(|i| {
            let (period, f) = figures.of_kind(unit, i, Kind::Actual).last()?;
            Some((i, period, f))
        })
        .collect();
    // One period per comparison: a card of an earlier period than the page's latest says so.
    let page_latest = latest.iter().map(|(_, p, _)| *p).max();
    latest
        .into_iter()
        .map(|(i, period, f)| {
            let change = change_text(ctx, unit, i, period, lang);
            Headline {
                name: chart_views::short_label(ctx, i, lang),
                href: indicator_href(ctx, i, home),
                value: if cat.get(i).is_percentage() {
                    ctx.figure(i, f.value, lang)
                } else {
                    ctx.number(i, f.value, lang)
                },
                measure: if cat.get(i).is_percentage() {
                    String::new()
                } else {
                    ctx.unit_of_measure(i, lang).to_string()
                },
                period: ctx.period(period, lang),
                older: page_latest.filter(|&l| l != period).map(|l| {
                    ctx.i18n.fill(
                        lang,
                        "headline_older",
                        &[
                            ("period", &ctx.period_in_text(period, lang)),
                            ("latest", &ctx.period_in_text(l, lang)),
                        ],
                    )
                }),
                trend: change.as_ref().map_or("none", |c| c.1),
                change: change.map(|c| c.0),
            }
        })
        .collect()
}

/// The plans that ended, each with the unit's final result on it, newest first.
fn plan_results(
    ctx: &Ctx,
    unit: UnitId,
    lang: Lang,
    home: &str,
    progress_bullets: bool,
) -> Vec<PlanResult<ProgressRow>> {
    wording::ended_plans(ctx)
        .into_iter()
        .filter_map(|plan| {
            let statuses: Vec<Status> = plan_statuses(ctx, unit, plan).collect();
            if statuses.is_empty() {
                return None;
            }
            let until_ended = wording::result_until_ended(ctx, unit, plan, lang);
            let counted: Vec<(Status, bool)> = statuses
                .iter()
                .map(|&s| (s, until_ended.is_some()))
                .collect();
            let bullets = progress_bullets;
            let (rows, no_data) = progress_rows(ctx, unit, plan, lang, home, bullets)
                .into_iter()
                .partition(|r| r.status != Status::NoData.as_str());
            Some(PlanResult {
                until_ended,
                status: status_counts(ctx, statuses.into_iter(), lang),
                no_data,
                bullets,
                ..PlanResult::new(
                    ctx,
                    plan,
                    lang,
                    wording::result_count(ctx, &counted, false, lang),
                    rows,
                )
            })
        })
        .collect()
}

/// What the unit's sums lack: an indicator and period for which some units below have not
/// reported yet, naming them.
fn missing_notes(ctx: &Ctx, unit: UnitId, lang: Lang) -> Vec<String> {
    let figures = &ctx.computed.figures;
    ctx.computed
        .missing
        .range((unit, IndicatorId::from_index(0), min_key())..)
        .take_while(|((u, _, _), _)| *u == unit)
        .filter(|((_, i, key), _)| figures.get(unit, *i, key.period, key.kind).is_none())
        .map(|((_, i, key), absent)| {
            let names: Vec<&str> = absent.iter().map(|&c| ctx.unit_name(c, lang)).collect();
            ctx.i18n.fill(
                lang,
                "missing_children",
                &[
                    ("indicator", ctx.indicator_name(*i, lang)),
                    (
                        "period",
                        &format!(
                            "{} ({})",
                            ctx.period(key.period, lang),
                            ctx.i18n
                                .get(lang, &format!("kind_{}", key.kind.as_str()))
                                .to_lowercase()
                        ),
                    ),
                    ("units", &names.join(", ")),
                ],
            )
        })
        .collect()
}

/// The units listed below: every unit on the home page, the children elsewhere; those in force
/// first, those that ended apart under their own heading.
fn child_links(
    ctx: &Ctx,
    unit: UnitId,
    lang: Lang,
    home: &str,
) -> (Vec<ChildLink>, Vec<ChildLink>, String) {
    let units = &ctx.project.units;
    // The home page lists every unit, the others their children; those in force first, those
    // that ended apart.
    let below: Vec<UnitId> = if unit == UnitId::ROOT {
        units.ids().skip(1).collect()
    } else {
        units.children(unit).to_vec()
    };
    let [current, ended] = lifetime::split_ended(units, below);
    // Units that all ended together are named once, in the heading; otherwise each says when.
    let (ended_title, each_says) = lifetime::ended_title(ctx, &ended, lang);
    let [child_links, ended_children] = [current, ended].map(|ids| -> Vec<ChildLink> {
        ids.into_iter()
            .map(|c| ChildLink {
                label: ctx.unit_name(c, lang).to_string(),
                href: unit_href(ctx, c, home),
                depth: if unit == UnitId::ROOT {
                    units.depth(c)
                } else {
                    1
                },
                ended: each_says
                    .then(|| lifetime::ended_words(ctx, c, lang))
                    .flatten(),
            })
            .collect()
    });
    (child_links, ended_children, ended_title)
}

/// The unit's half-year reports, newest first, linked from its page (they sit in its folder).
fn report_links(
    ctx: &Ctx,
    years: &[i32],
    folder: Option<&str>,
    path: &str,
    lang: Lang,
) -> Vec<Link> {
    years
        .iter()
        .rev()
        .map(|&y| {
            // The reports sit in the unit's folder: linked from there.
            let report = routes::report_page(folder, y);
            Link {
                label: ctx
                    .i18n
                    .fill(lang, "report_title", &[("year", &y.to_string())]),
                href: routes::below(path, &report).unwrap_or(&report).to_string(),
                current: false,
            }
        })
        .collect()
}
