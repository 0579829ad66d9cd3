//! From computed figures to charts: the kinds of chart there are, which figures each shows,
//! its words for screen readers, and the table of the same figures that sits beside it. Unit
//! and indicator pages draw these charts where they have figures; a narrative asks for one by
//! its kind (`{{ chart(kind="trend", indicator="…") }}`) and is refused when it has none.

use serde::Serialize;

use super::Ctx;
use crate::charts::{
    self, BulletChart, BulletLabels, ChartText, CoverageChart, CoverageRow, GrowthChart,
    GrowthSeries,
};
use crate::compute::{Computed, Progress};
use crate::diagnostics::Problem;
use crate::lang::Lang;
use crate::model::{Catalogue, IndicatorId, Kind, Measure, Period, Project, UnitId};

/// The kinds of chart, as a narrative names them in `{{ chart(kind="…") }}`. A new kind is a
/// variant here (its name, arguments, figures and view below), its drawing in `charts/` and
/// its title in `templates/i18n.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChartKind {
    /// The subscription indicators of `[charts] growth` over time, for one unit.
    Growth,
    /// One indicator over time, for one unit.
    Trend,
    /// The shares of `[charts] coverage`, for a unit and its subunits.
    Coverage,
    /// One indicator across a unit and its subunits.
    Compare,
    /// One indicator's progress to its target.
    Bullet,
}

impl ChartKind {
    pub const ALL: [ChartKind; 5] = [
        ChartKind::Growth,
        ChartKind::Trend,
        ChartKind::Coverage,
        ChartKind::Compare,
        ChartKind::Bullet,
    ];

    /// Every kind's name, in the order of `ALL`, for messages that list them.
    pub const NAMES: [&'static str; 5] = {
        let mut names = [""; 5];
        let mut k = 0;
        while k < names.len() {
            names[k] = ChartKind::ALL[k].name();
            k += 1;
        }
        names
    };

    /// The name written in `kind="…"`.
    pub const fn name(self) -> &'static str {
        match self {
            ChartKind::Growth => "growth",
            ChartKind::Trend => "trend",
            ChartKind::Coverage => "coverage",
            ChartKind::Compare => "compare",
            ChartKind::Bullet => "bullet",
        }
    }

    pub fn parse(name: &str) -> Option<ChartKind> {
        ChartKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The arguments `{{ chart(…) }}` of this kind takes. A kind that draws the indicators of
    /// chiso.toml takes no `indicator`, rather than ignore one that an editor wrote.
    pub fn arguments(self) -> &'static [&'static str] {
        if self.needs_target() {
            // Measured against a plan's target: the current plan's, or that of `plan="…"`.
            &["kind", "indicator", "plan", "unit"]
        } else if self.needs_indicator() {
            &["kind", "indicator", "unit"]
        } else {
            &["kind", "unit"]
        }
    }

    /// Whether the chart draws the indicator of `indicator="…"`, rather than those that
    /// `[charts]` of chiso.toml lists for it.
    pub fn needs_indicator(self) -> bool {
        match self {
            ChartKind::Trend | ChartKind::Compare | ChartKind::Bullet => true,
            ChartKind::Growth | ChartKind::Coverage => false,
        }
    }

    /// Whether the chart measures against the indicator's target, which must then exist.
    pub fn needs_target(self) -> bool {
        self == ChartKind::Bullet
    }

    /// Whether the chart shows `unit` with its subunits (one bar each) rather than alone.
    fn with_subunits(self) -> bool {
        matches!(self, ChartKind::Coverage | ChartKind::Compare)
    }

    /// The units a narrative's chart at `unit` shows.
    fn units(self, project: &Project, unit: UnitId) -> Vec<UnitId> {
        let mut units = vec![unit];
        if self.with_subunits() {
            units.extend(project.units.children(unit));
        }
        units
    }

    /// The codes of the indicators `[charts]` of chiso.toml lists for this kind, if it draws
    /// those.
    fn configured(self, project: &Project) -> Option<&[String]> {
        let charts = &project.config.charts;
        match self {
            ChartKind::Growth => Some(&charts.growth),
            ChartKind::Coverage => Some(&charts.coverage),
            ChartKind::Trend | ChartKind::Compare | ChartKind::Bullet => None,
        }
    }

    /// Why a narrative's chart of this kind at `unit` cannot be drawn, if it cannot: the same
    /// figures its view below looks for, without the words. `indicator` is the shortcode's;
    /// a kind that needs one was refused without it before.
    pub fn nothing_to_draw(
        self,
        project: &Project,
        computed: &Computed,
        unit: UnitId,
        indicator: Option<IndicatorId>,
    ) -> Option<Problem> {
        let inds = match (self.configured(project), indicator) {
            (Some(codes), _) => indicators(project, codes),
            (None, Some(i)) => vec![i],
            (None, None) => Vec::new(),
        };
        let units = self.units(project, unit);
        let drawable = match self {
            ChartKind::Growth | ChartKind::Trend => {
                !line_series(computed, &project.catalogue, unit, &inds).is_empty()
            }
            ChartKind::Coverage | ChartKind::Compare => {
                comparison(project, computed, &units, &inds).is_some()
            }
            // A bullet without a target is a missing figure, refused as such before.
            ChartKind::Bullet => true,
        };
        if drawable {
            return None;
        }
        let codes = match (self.configured(project), indicator) {
            (Some(codes), _) => codes.to_vec(),
            (None, i) => i
                .map(|i| project.catalogue.get(i).code.clone())
                .into_iter()
                .collect(),
        };
        Some(Problem::ChartNoData {
            chart: self.name(),
            unit: project.units.get(unit).slug.clone(),
            indicators: codes,
            from_config: self.configured(project).is_some(),
            subunits: self.with_subunits(),
        })
    }

    /// The chart as HTML in a narrative at `unit`, with its table; `None` when it has nothing
    /// to draw (which `nothing_to_draw` refused before any page was built). `progress` is what
    /// a bullet measures: the progress against the plan the shortcode names, or the current.
    pub fn draw(
        self,
        ctx: &Ctx,
        unit: UnitId,
        indicator: Option<IndicatorId>,
        progress: Option<&Progress>,
        lang: Lang,
        id: &str,
    ) -> Option<String> {
        let units = self.units(ctx.project, unit);
        let view = match (self, indicator) {
            (ChartKind::Growth, _) => growth(ctx, unit, lang, id),
            (ChartKind::Trend, Some(i)) => trend(ctx, unit, i, lang, id),
            (ChartKind::Coverage, _) => coverage(ctx, &units, lang, id),
            (ChartKind::Compare, Some(i)) => compare(ctx, i, &units, lang, id),
            (ChartKind::Bullet, Some(i)) => {
                let p = progress?;
                return Some(format!(
                    "<div class=\"bullet\">{}</div>",
                    bullet(ctx, i, p, lang, id)
                ));
            }
            (ChartKind::Trend | ChartKind::Compare | ChartKind::Bullet, None) => None,
        }?;
        let mut c = tera::Context::new();
        c.insert("c", &view);
        c.insert("t", ctx.i18n.table(lang));
        ctx.render("chart.html", &c).ok()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct SimpleTable {
    pub head: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub id: String,
    pub title: String,
    pub svg: String,
    /// Sentences shown under the chart: how it is ordered, which units have no figure.
    pub notes: Vec<String>,
    pub table: SimpleTable,
}

/// A short label for an indicator in a chart: `[labels]` of chiso.toml, else its name.
pub fn short_label(ctx: &Ctx, i: IndicatorId, lang: Lang) -> String {
    let ind = ctx.project.catalogue.get(i);
    match ctx.project.config.labels.get(&ind.code) {
        Some(l) => lang
            .pick(&l.vi, l.en.as_deref().unwrap_or(&l.vi))
            .to_string(),
        None => ctx.indicator_name(i, lang).to_string(),
    }
}

/// The names a chart shows for its series: the short labels, except that two series never
/// share one (two `[labels]` alike fall back to the indicators' full names, and full names
/// alike to their codes).
fn series_names(ctx: &Ctx, inds: &[IndicatorId], lang: Lang) -> Vec<String> {
    let mut names: Vec<String> = inds.iter().map(|&i| short_label(ctx, i, lang)).collect();
    let shared = |names: &[String], k: usize| names.iter().filter(|n| **n == names[k]).count() > 1;
    let full: Vec<bool> = (0..names.len()).map(|k| shared(&names, k)).collect();
    for (k, &i) in inds.iter().enumerate() {
        if full[k] {
            names[k] = ctx.indicator_name(i, lang).to_string();
        }
    }
    let coded: Vec<bool> = (0..names.len()).map(|k| shared(&names, k)).collect();
    for (k, &i) in inds.iter().enumerate() {
        if coded[k] {
            names[k] = format!("{} ({})", names[k], ctx.project.catalogue.get(i).code);
        }
    }
    names
}

/// The indicators of a `[charts]` list that the catalogue has.
fn indicators(project: &Project, codes: &[String]) -> Vec<IndicatorId> {
    codes
        .iter()
        .filter_map(|c| project.catalogue.by_code(c))
        .collect()
}

/// About four round steps from zero to at least `max`.
pub fn nice_ticks(max: f64) -> Vec<f64> {
    if !(max.is_finite() && max > 0.0) {
        return vec![0.0, 1.0];
    }
    let raw = max / 4.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|f| f * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let n = (max / step).ceil() as usize;
    (0..=n).map(|k| k as f64 * step).collect()
}

/// Subscriptions (or whatever `[charts] growth` names) over every period, for one unit.
pub fn growth(ctx: &Ctx, unit: UnitId, lang: Lang, id: &str) -> Option<ChartView> {
    let inds = indicators(ctx.project, &ctx.project.config.charts.growth);
    let title = format!(
        "{}: {}",
        ctx.i18n.get(lang, "chart_growth_title"),
        ctx.unit_name(unit, lang)
    );
    lines(ctx, unit, &inds, lang, id, title)
}

/// One indicator over time for one unit.
pub fn trend(
    ctx: &Ctx,
    unit: UnitId,
    indicator: IndicatorId,
    lang: Lang,
    id: &str,
) -> Option<ChartView> {
    let title = format!(
        "{}: {}, {}",
        ctx.i18n.get(lang, "chart_trend_title"),
        short_label(ctx, indicator, lang),
        ctx.unit_name(unit, lang)
    );
    lines(ctx, unit, &[indicator], lang, id, title)
}

/// The actual figures of each indicator over time at `unit`, leaving out those with none: the
/// lines of a `growth` or `trend` chart. A `flow` (revenue) is two lines, its whole years and
/// its first halves: joined in one line, six months' revenue beside a year's drew a zigzag
/// that read as revenue halving and doubling every six months.
fn line_series(
    computed: &Computed,
    catalogue: &Catalogue,
    unit: UnitId,
    inds: &[IndicatorId],
) -> Vec<Line> {
    inds.iter()
        .flat_map(|&i| {
            let pts: Vec<(Period, f64)> = computed
                .figures
                .of_kind(unit, i, Kind::Actual)
                .map(|(p, f)| (p, f.value))
                .collect();
            match catalogue.get(i).measure {
                Measure::Stock => vec![Line {
                    ind: i,
                    half: None,
                    pts,
                }],
                Measure::Flow => [false, true]
                    .into_iter()
                    .map(|half| Line {
                        ind: i,
                        half: Some(half),
                        pts: pts
                            .iter()
                            .copied()
                            .filter(|(p, _)| p.half == half)
                            .collect(),
                    })
                    .collect(),
            }
        })
        .filter(|l| !l.pts.is_empty())
        .collect()
}

/// One line of a `growth` or `trend` chart: an indicator's actual figures, or, for a flow,
/// those of whole years only (`half: Some(false)`) or of first halves only (`Some(true)`).
struct Line {
    ind: IndicatorId,
    half: Option<bool>,
    pts: Vec<(Period, f64)>,
}

/// A series' points for the drawing (`None` at a gap) and the periods missing from it.
type Gapped = (Vec<Option<(f64, f64)>>, Vec<Period>);

/// The points of one series in time order, with `None` where a period is missing: a period
/// strictly between two figures, of a kind (whole year, first half) that the series reports
/// both before and after it. An annual series is not broken at first halves it never had, and
/// a series that starts reporting first halves in 2025 is not broken before.
fn with_gaps(pts: &[(Period, f64)]) -> Gapped {
    let reports = |half: bool, before: Period, after: Period| {
        pts.iter().any(|(p, _)| p.half == half && *p <= before)
            && pts.iter().any(|(p, _)| p.half == half && *p >= after)
    };
    let mut points = Vec::new();
    let mut missing = Vec::new();
    for (k, &(p, v)) in pts.iter().enumerate() {
        if k > 0 {
            let prev = pts[k - 1].0;
            let between: Vec<Period> = (prev.year..=p.year)
                .flat_map(|y| [Period::first_half(y), Period::year(y)])
                .filter(|q| prev < *q && *q < p && reports(q.half, prev, p))
                .collect();
            if !between.is_empty() {
                points.push(None);
                missing.extend(between);
            }
        }
        points.push(Some((p.time(), v)));
    }
    (points, missing)
}

fn lines(
    ctx: &Ctx,
    unit: UnitId,
    inds: &[IndicatorId],
    lang: Lang,
    id: &str,
    title: String,
) -> Option<ChartView> {
    let series = line_series(ctx.computed, &ctx.project.catalogue, unit, inds);
    if series.is_empty() {
        return None;
    }
    // Named by indicator: a flow's two lines share its name, told apart by what they sum.
    let mut shown: Vec<IndicatorId> = series.iter().map(|l| l.ind).collect();
    shown.dedup();
    let by_indicator = series_names(ctx, &shown, lang);
    let names: Vec<String> = series
        .iter()
        .map(|l| {
            let name = &by_indicator[shown.iter().position(|&i| i == l.ind).unwrap_or(0)];
            match l.half {
                None => name.clone(),
                Some(true) => format!("{name}, {}", ctx.i18n.get(lang, "chart_flow_half")),
                Some(false) => format!("{name}, {}", ctx.i18n.get(lang, "chart_flow_year")),
            }
        })
        .collect();
    let mut periods: Vec<Period> = series
        .iter()
        .flat_map(|l| l.pts.iter().map(|(p, _)| *p))
        .collect();
    periods.sort();
    periods.dedup();
    let max = series
        .iter()
        .flat_map(|l| l.pts.iter().map(|(_, v)| *v))
        .fold(0.0, f64::max);
    let first = series[0].ind;
    let fmt_tick = |v: f64| {
        let ind = ctx.project.catalogue.get(first);
        if ind.is_percentage() {
            crate::format::percent(v, 0, lang)
        } else {
            crate::format::number(v, 0, lang)
        }
    };
    let mut years: Vec<i32> = periods.iter().map(|p| p.year).collect();
    years.dedup();
    let gapped: Vec<Gapped> = series.iter().map(|l| with_gaps(&l.pts)).collect();
    let desc_parts: Vec<String> = series
        .iter()
        .zip(&names)
        .zip(&gapped)
        .map(|((l, name), (_, missing))| {
            let (i, pts) = (&l.ind, &l.pts);
            let (p0, v0) = pts[0];
            let (p1, v1) = pts[pts.len() - 1];
            let mut part = format!(
                "{}: {} ({}) → {} ({})",
                name,
                ctx.figure(*i, v0, lang),
                ctx.period(p0, lang),
                ctx.figure(*i, v1, lang),
                ctx.period(p1, lang)
            );
            if !missing.is_empty() {
                let list: Vec<String> = missing.iter().map(|p| ctx.period(*p, lang)).collect();
                part.push_str(&format!(
                    " ({})",
                    ctx.i18n
                        .fill(lang, "chart_gaps", &[("periods", &list.join(", "))])
                ));
            }
            part
        })
        .collect();
    let chart = GrowthChart {
        text: ChartText {
            id: id.into(),
            title: title.clone(),
            desc: desc_parts.join("; "),
        },
        x_ticks: years
            .iter()
            .map(|y| (f64::from(*y), y.to_string()))
            .collect(),
        series: series
            .iter()
            .zip(&names)
            .zip(gapped)
            .map(|((l, name), (points, _))| GrowthSeries {
                name: name.clone(),
                points,
                last_label: ctx.number(l.ind, l.pts[l.pts.len() - 1].1, lang),
            })
            .collect(),
        y_label: ctx.unit_of_measure(first, lang).to_string(),
        y_ticks: nice_ticks(max)
            .into_iter()
            .map(|v| (v, fmt_tick(v)))
            .collect(),
    };
    let mut head = vec![ctx.i18n.get(lang, "col_period")];
    head.extend(names.iter().cloned());
    let rows = periods
        .iter()
        .map(|p| {
            let mut row = vec![ctx.period(*p, lang)];
            for l in &series {
                row.push(
                    l.pts
                        .iter()
                        .find(|(q, _)| q == p)
                        .map(|(_, v)| ctx.number(l.ind, *v, lang))
                        .unwrap_or_else(|| "–".into()),
                );
            }
            row
        })
        .collect();
    Some(ChartView {
        id: id.into(),
        title,
        svg: charts::growth(&chart).svg,
        notes: Vec::new(),
        table: SimpleTable { head, rows },
    })
}

/// Bars for `[charts] coverage` (shares of villages with service), one row per unit.
pub fn coverage(ctx: &Ctx, units: &[UnitId], lang: Lang, id: &str) -> Option<ChartView> {
    let inds = indicators(ctx.project, &ctx.project.config.charts.coverage);
    let title = ctx.i18n.get(lang, "chart_coverage_title");
    bars(ctx, units, &inds, lang, id, title)
}

/// One indicator compared across units.
pub fn compare(
    ctx: &Ctx,
    indicator: IndicatorId,
    units: &[UnitId],
    lang: Lang,
    id: &str,
) -> Option<ChartView> {
    let title = format!(
        "{}: {}",
        ctx.i18n.get(lang, "chart_compare_title"),
        short_label(ctx, indicator, lang)
    );
    bars(ctx, units, &[indicator], lang, id, title)
}

/// What a `coverage` or `compare` chart compares: `units` is the parent first, then the units
/// compared with it. The period is the latest at which one of those has an actual figure of
/// the first indicator (the parent's latest when it is compared with nobody), and the units are
/// those of `units` in force then, so that a district that ended never stands beside the
/// communes that replaced it. `None` when none of them has a figure then.
fn comparison(
    project: &Project,
    computed: &Computed,
    units: &[UnitId],
    inds: &[IndicatorId],
) -> Option<(Period, Vec<UnitId>)> {
    let first = *inds.first()?;
    let (&parent, others) = units.split_first()?;
    let last = |u: UnitId| {
        computed
            .figures
            .of_kind(u, first, Kind::Actual)
            .last()
            .map(|(p, _)| p)
    };
    let period = others
        .iter()
        .filter_map(|&u| last(u))
        .max()
        .or_else(|| last(parent))?;
    let shown: Vec<UnitId> = units
        .iter()
        .copied()
        .filter(|&u| u == parent || project.units.in_force(u, period))
        .collect();
    shown
        .iter()
        .any(|&u| {
            inds.iter()
                .any(|&i| computed.figures.value(u, i, period, Kind::Actual).is_some())
        })
        .then_some((period, shown))
}

/// A ranked comparison: one row per unit with a figure, from the highest value of the first
/// indicator to the lowest, the parent among them in bold on a shaded band; the units without
/// any figure are named once, in a sentence under the chart, rather than drawn row by row.
///
/// Why bars in a chart that grows in height, rather than small multiples or a table: the
/// reader's question is "where does my commune stand, and how far from the target", which a
/// ranked bar answers at a glance; every unit keeps a row of readable height (13 CSS px text
/// on a 390 px phone) and its figure written at the bar's end, so 166 communes make a long
/// chart, never a cramped one, and the data table under it holds the same figures in the same
/// order.
fn bars(
    ctx: &Ctx,
    units: &[UnitId],
    inds: &[IndicatorId],
    lang: Lang,
    id: &str,
    title: String,
) -> Option<ChartView> {
    let (period, units) = comparison(ctx.project, ctx.computed, units, inds)?;
    let parent = units[0];
    let first = inds[0];
    let figures = &ctx.computed.figures;
    let value = |u: UnitId, i: IndicatorId| figures.value(u, i, period, Kind::Actual);
    let title = format!("{title}, {}", ctx.period(period, lang));
    let target = |u: UnitId, i: IndicatorId| ctx.computed.now(u, i).map(|p| p.target);
    let no_data = ctx.i18n.get(lang, "no_data");
    let names = series_names(ctx, inds, lang);
    let (mut ranked, without): (Vec<UnitId>, Vec<UnitId>) = units
        .iter()
        .partition(|&&u| inds.iter().any(|&i| value(u, i).is_some()));
    // Highest first; a unit without the first indicator's figure after those with one; ties
    // keep the order of the units file. `sort_by` is stable.
    ranked.sort_by(|&a, &b| match (value(a, first), value(b, first)) {
        (Some(x), Some(y)) => y.total_cmp(&x),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    });
    let rows: Vec<CoverageRow> = ranked
        .iter()
        .map(|&u| CoverageRow {
            label: ctx.unit_name(u, lang).to_string(),
            values: inds.iter().map(|&i| value(u, i)).collect(),
            value_labels: inds
                .iter()
                .map(|&i| match value(u, i) {
                    Some(v) => ctx.figure(i, v, lang),
                    None => no_data.clone(),
                })
                .collect(),
            targets: inds.iter().map(|&i| target(u, i)).collect(),
            emphasis: u == parent,
        })
        .collect();
    let all_percent = inds
        .iter()
        .all(|&i| ctx.project.catalogue.get(i).is_percentage());
    let max = rows
        .iter()
        .flat_map(|r| r.values.iter().chain(r.targets.iter()).flatten())
        .fold(0.0, |a: f64, b| a.max(*b));
    let axis_max = if all_percent && max <= 100.0 {
        100.0
    } else {
        *nice_ticks(max).last().unwrap_or(&1.0)
    };
    let ticks: Vec<(f64, String)> = nice_ticks(axis_max)
        .into_iter()
        .map(|v| {
            let label = if all_percent {
                crate::format::percent(v, 0, lang)
            } else {
                crate::format::number(v, 0, lang)
            };
            (v, label)
        })
        .collect();

    let mut notes = Vec::new();
    if rows.len() > 1 {
        let mut ranked_by = ctx
            .i18n
            .fill(lang, "chart_ranked", &[("indicator", &names[0])]);
        if ranked.contains(&parent) {
            ranked_by.push(' ');
            ranked_by.push_str(&ctx.i18n.fill(
                lang,
                "chart_parent_marked",
                &[("unit", ctx.unit_name(parent, lang))],
            ));
        }
        notes.push(ranked_by);
    }
    if !without.is_empty() {
        let list: Vec<&str> = without.iter().map(|&u| ctx.unit_name(u, lang)).collect();
        notes.push(ctx.i18n.fill(
            lang,
            "chart_no_figure_units",
            &[
                ("period", &ctx.period(period, lang)),
                ("units", &list.join(", ")),
            ],
        ));
    }

    let target_word = ctx.i18n.get(lang, "col_target").to_lowercase();
    // The notes are not repeated here: they follow the chart as text, read in turn.
    let desc: Vec<String> = rows
        .iter()
        .map(|r| {
            let parts: Vec<String> = inds
                .iter()
                .enumerate()
                .map(|(k, &i)| {
                    let t = r.targets[k]
                        .map(|t| format!(" ({target_word} {})", ctx.figure(i, t, lang)))
                        .unwrap_or_default();
                    format!("{} {}{t}", names[k], r.value_labels[k])
                })
                .collect();
            format!("{}: {}", r.label, parts.join(", "))
        })
        .collect();
    let mut head = vec![ctx.i18n.get(lang, "col_area")];
    for name in &names {
        head.push(name.clone());
        head.push(format!("{} ({name})", ctx.i18n.get(lang, "col_target")));
    }
    let table_rows = rows
        .iter()
        .map(|r| {
            let mut row = vec![r.label.clone()];
            for (k, &i) in inds.iter().enumerate() {
                row.push(r.value_labels[k].clone());
                row.push(
                    r.targets[k]
                        .map(|t| ctx.figure(i, t, lang))
                        .unwrap_or_else(|| "–".into()),
                );
            }
            row
        })
        .collect();
    let chart = CoverageChart {
        text: ChartText {
            id: id.into(),
            title: title.clone(),
            desc: desc.join("; "),
        },
        series: names,
        rows,
        axis_max,
        axis_ticks: ticks,
        target_label: ctx.i18n.get(lang, "col_target"),
    };
    Some(ChartView {
        id: id.into(),
        title,
        svg: charts::coverage(&chart).svg,
        notes,
        table: SimpleTable {
            head,
            rows: table_rows,
        },
    })
}

/// Baseline, latest, expected and target of one indicator, as a bullet.
pub fn bullet(ctx: &Ctx, indicator: IndicatorId, p: &Progress, lang: Lang, id: &str) -> String {
    let f = |v: f64| ctx.figure(indicator, v, lang);
    let t = |k: &str| ctx.i18n.get(lang, k);
    let mut desc = vec![format!(
        "{} {} ({})",
        t("col_target"),
        f(p.target),
        p.target_period.year
    )];
    if let Some((period, v)) = p.baseline {
        desc.push(format!(
            "{} {} ({})",
            t("col_baseline"),
            f(v),
            ctx.period(period, lang)
        ));
    }
    if let Some((period, v)) = p.latest {
        desc.push(format!(
            "{} {} ({})",
            t("col_latest"),
            f(v),
            ctx.period(period, lang)
        ));
    }
    if let Some(e) = p.expected {
        desc.push(format!("{} {}", t("col_expected"), f(e)));
    }
    desc.push(t(&format!("status_{}", p.status.as_str())));
    let chart = BulletChart {
        text: ChartText {
            id: id.into(),
            title: format!(
                "{}: {}",
                t("chart_bullet_title"),
                short_label(ctx, indicator, lang)
            ),
            desc: desc.join(". "),
        },
        baseline: p.baseline.map(|(_, v)| (v, f(v))),
        latest: p.latest.map(|(_, v)| (v, f(v))),
        expected: p.expected.map(|v| (v, f(v))),
        target: (p.target, f(p.target)),
        direction_up: ctx.project.catalogue.get(indicator).direction == crate::model::Direction::Up,
        labels: BulletLabels {
            baseline: t("col_baseline"),
            latest: t("col_latest"),
            expected: t("col_expected"),
            target: t("col_target"),
        },
    };
    charts::bullet(&chart).svg
}

#[cfg(test)]
mod tests {
    use super::{nice_ticks, ChartKind};

    #[test]
    fn every_chart_kind_reads_back_from_its_name() {
        for (kind, name) in ChartKind::ALL.into_iter().zip(ChartKind::NAMES) {
            assert_eq!(kind.name(), name);
            assert_eq!(ChartKind::parse(name), Some(kind));
            assert!(kind.arguments().contains(&"kind"));
        }
        assert_eq!(ChartKind::parse("Trend"), None);
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(nice_ticks(100.0), [0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(nice_ticks(54748.0), [0.0, 20000.0, 40000.0, 60000.0]);
        assert_eq!(nice_ticks(0.0), [0.0, 1.0]);
    }
}
