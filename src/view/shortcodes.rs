//! Live figures in narratives: `{{ value(indicator="mobile_subscribers", period="2024-H1") }}`,
//! `{{ change(…) }}`, `{{ progress(…) }}` and `{{ chart(…) }}` quote the data instead of
//! copying it, so that a data update cannot leave the prose wrong.

use std::collections::BTreeMap;

use super::chart_views::ChartKind;
use crate::compute::{Computed, Progress};
use crate::diagnostics::{Diagnostics, Problem, ShortcodeProblem};
use crate::model::content::Narrative;
use crate::model::{IndicatorId, PlanId, Project, UnitId};
use crate::model::{Kind, Period};
use crate::text::suggest;

pub const NAMES: &[&str] = &["value", "change", "progress", "chart"];

/// One shortcode as written: where it is and what it asks for.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortcode {
    /// Byte range of `{{ … }}` in the Markdown.
    pub start: usize,
    pub end: usize,
    /// Line within the Markdown body, from 1.
    pub line: usize,
    pub name: String,
    pub args: BTreeMap<String, String>,
}

/// What a shortcode asks for: a figure, its change, the progress to a target, or a chart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Function {
    Value,
    Change,
    Progress,
    Chart(ChartKind),
}

impl Function {
    /// The arguments each function takes; a chart's depend on its kind.
    fn arguments(self) -> &'static [&'static str] {
        match self {
            Function::Value => &["indicator", "period", "unit", "kind"],
            Function::Change => &["indicator", "period", "unit"],
            Function::Progress => &["indicator", "plan", "unit"],
            Function::Chart(kind) => kind.arguments(),
        }
    }

    /// The shortcode as messages name it: a chart with its kind, since each kind takes its
    /// own arguments.
    fn label(self) -> String {
        match self {
            Function::Value => "value".into(),
            Function::Change => "change".into(),
            Function::Progress => "progress".into(),
            Function::Chart(kind) => format!("chart(kind=\"{}\")", kind.name()),
        }
    }

    fn needs_indicator(self) -> bool {
        match self {
            Function::Value | Function::Change | Function::Progress => true,
            Function::Chart(kind) => kind.needs_indicator(),
        }
    }

    fn needs_period(self) -> bool {
        matches!(self, Function::Value | Function::Change)
    }

    fn needs_target(self) -> bool {
        match self {
            Function::Progress => true,
            Function::Chart(kind) => kind.needs_target(),
            Function::Value | Function::Change => false,
        }
    }
}

/// What a shortcode refers to, once checked against the data.
#[derive(Debug, Clone, PartialEq)]
pub struct Resolved {
    pub function: Function,
    pub unit: UnitId,
    pub indicator: Option<IndicatorId>,
    pub period: Option<Period>,
    pub kind: Kind,
    /// The plan of `plan="…"`, for the shortcodes that measure against a target; without it,
    /// the plan the unit's page shows (the current plan, see [`Computed::now`]).
    pub plan: Option<PlanId>,
}

impl Resolved {
    /// The progress this shortcode quotes: against its plan, or the one pages show.
    pub fn progress<'c>(&self, computed: &'c Computed) -> Option<&'c Progress> {
        progress_in(computed, self.unit, self.indicator?, self.plan)
    }
}

fn progress_in(
    computed: &Computed,
    unit: UnitId,
    indicator: IndicatorId,
    plan: Option<PlanId>,
) -> Option<&Progress> {
    match plan {
        Some(plan) => computed.progress[plan][unit][indicator].as_ref(),
        None => computed.now(unit, indicator),
    }
}

/// Finds every `{{ name(key="value", …) }}`; text that is not a shortcode is left alone.
pub fn parse(markdown: &str) -> Vec<Result<Shortcode, (usize, ShortcodeProblem)>> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = markdown[from..].find("{{").map(|i| i + from) {
        let line = 1 + markdown[..open].matches('\n').count();
        let Some(close) = markdown[open..].find("}}").map(|i| i + open) else {
            out.push(Err((line, ShortcodeProblem::Unclosed)));
            break;
        };
        out.push(
            parse_one(&markdown[open + 2..close])
                .map(|(name, args)| Shortcode {
                    start: open,
                    end: close + 2,
                    line,
                    name,
                    args,
                })
                .map_err(|e| (line, e)),
        );
        from = close + 2;
    }
    out
}

fn parse_one(inner: &str) -> Result<(String, BTreeMap<String, String>), ShortcodeProblem> {
    let inner = inner.trim();
    let text = || inner.to_string();
    let (name, rest) = inner
        .split_once('(')
        .ok_or_else(|| ShortcodeProblem::NoParenthesis { text: text() })?;
    let name = name.trim().to_string();
    let rest = rest
        .trim_end()
        .strip_suffix(')')
        .ok_or_else(|| ShortcodeProblem::NoClosingParenthesis { text: text() })?;
    let mut args = BTreeMap::new();
    let mut s = rest.trim();
    while !s.is_empty() {
        let (key, after) = s
            .split_once('=')
            .ok_or_else(|| ShortcodeProblem::NoEquals {
                text: s.to_string(),
            })?;
        let after = after.trim_start();
        let quote = after
            .chars()
            .next()
            .filter(|c| *c == '"' || *c == '\'')
            .ok_or_else(|| ShortcodeProblem::Unquoted {
                text: after.trim().to_string(),
            })?;
        let body = &after[1..];
        let end = body
            .find(quote)
            .ok_or_else(|| ShortcodeProblem::UnclosedQuote {
                text: after.to_string(),
            })?;
        args.insert(key.trim().to_string(), body[..end].to_string());
        s = body[end + 1..].trim_start();
        s = s.strip_prefix(',').unwrap_or(s).trim_start();
    }
    Ok((name, args))
}

/// Reads which function a shortcode calls (for a chart, of which kind), and checks that it is
/// given only the arguments that function takes.
fn function(sc: &Shortcode) -> Result<Function, Problem> {
    let function = match sc.name.as_str() {
        "value" => Function::Value,
        "change" => Function::Change,
        "progress" => Function::Progress,
        "chart" => match sc.args.get("kind") {
            None => {
                return Err(Problem::Shortcode(ShortcodeProblem::MissingArgument {
                    shortcode: sc.name.clone(),
                    argument: "kind",
                    choices: &ChartKind::NAMES,
                }))
            }
            Some(k) => Function::Chart(ChartKind::parse(k).ok_or_else(|| {
                Problem::Shortcode(ShortcodeProblem::UnknownChartKind {
                    value: k.clone(),
                    known: &ChartKind::NAMES,
                    suggestion: suggest(k, ChartKind::NAMES),
                })
            })?),
        },
        _ => {
            return Err(Problem::Shortcode(ShortcodeProblem::UnknownName {
                name: sc.name.clone(),
                known: NAMES,
                suggestion: suggest(&sc.name, NAMES.iter().copied()),
            }))
        }
    };
    let allowed = function.arguments();
    if let Some(bad) = sc.args.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(Problem::Shortcode(ShortcodeProblem::UnknownArgument {
            shortcode: function.label(),
            argument: bad.clone(),
            allowed,
            suggestion: suggest(bad, allowed.iter().copied()),
        }));
    }
    Ok(function)
}

/// Checks one shortcode against the data; `unit` is the page's own.
pub fn resolve(
    project: &Project,
    computed: &Computed,
    sc: &Shortcode,
    unit: UnitId,
) -> Result<Resolved, Problem> {
    let function = function(sc)?;
    let unit = match sc.args.get("unit") {
        Some(slug) => project
            .units
            .by_slug(slug)
            .ok_or_else(|| Problem::UnknownUnit {
                slug: slug.clone(),
                suggestion: suggest(slug, project.units.iter().map(|(_, u)| u.slug.as_str())),
            })?,
        None => unit,
    };
    let codes = || project.catalogue.iter().map(|(_, i)| i.code.as_str());
    let indicator = match sc.args.get("indicator") {
        Some(code) => {
            Some(
                project
                    .catalogue
                    .by_code(code)
                    .ok_or_else(|| Problem::UnknownIndicator {
                        code: code.clone(),
                        suggestion: suggest(code, codes()),
                    })?,
            )
        }
        None => None,
    };
    // A chart's `kind` is its kind, read above; a figure's is actual, estimate or target.
    let kind = match sc.args.get("kind") {
        Some(k) if !matches!(function, Function::Chart(_)) => {
            Kind::parse(k).ok_or_else(|| Problem::Choice {
                value: k.clone(),
                allowed: &["actual", "estimate", "target"],
                suggestion: suggest(k, ["actual", "estimate", "target"]),
            })?
        }
        _ => Kind::Actual,
    };
    if function.needs_indicator() && indicator.is_none() {
        return Err(Problem::Shortcode(ShortcodeProblem::MissingArgument {
            shortcode: function.label(),
            argument: "indicator",
            choices: &[],
        }));
    }
    let period = match sc.args.get("period") {
        Some(p) => Some(
            p.parse::<Period>()
                .map_err(|_| Problem::InvalidPeriod(p.clone()))?,
        ),
        None if function.needs_period() => {
            return Err(Problem::Shortcode(ShortcodeProblem::MissingArgument {
                shortcode: function.label(),
                argument: "period",
                choices: &[],
            }))
        }
        None => None,
    };
    // Only the shortcodes that measure against a target take `plan` (see `arguments`).
    let plan = match sc.args.get("plan") {
        Some(id) => Some(project.plans.by_code(id).ok_or_else(|| {
            let plans = &project.plans;
            Problem::Shortcode(ShortcodeProblem::UnknownPlan {
                value: id.clone(),
                known: plans
                    .iter()
                    .map(|(_, p)| (p.code.clone(), p.years()))
                    .collect(),
                suggestion: suggest(id, plans.iter().map(|(_, p)| p.code.as_str())),
            })
        })?),
        None => None,
    };
    let code = |i: IndicatorId| project.catalogue.get(i).code.clone();
    let slug = || project.units.get(unit).slug.clone();
    // A figure that does not exist would leave a gap in the prose: refuse it now.
    if let (Some(i), Some(p)) = (indicator, period) {
        let figures = &computed.figures;
        if figures.get(unit, i, p, kind).is_none() {
            return Err(Problem::NoFigure {
                indicator: code(i),
                period: Some(p.to_string()),
                kind: kind.as_str(),
                unit: slug(),
            });
        }
        if function == Function::Change
            && figures
                .get(unit, i, p.year_before(), Kind::Actual)
                .is_none()
        {
            return Err(Problem::NoFigureYearBefore {
                indicator: code(i),
                period: p.year_before().to_string(),
                unit: slug(),
            });
        }
    }
    if function.needs_target() {
        if let Some(i) = indicator {
            if progress_in(computed, unit, i, plan).is_none() {
                return Err(Problem::NoFigure {
                    indicator: code(i),
                    period: plan.map(|p| project.plans.get(p).years()),
                    kind: Kind::Target.as_str(),
                    unit: slug(),
                });
            }
        }
    }
    // A chart with nothing to draw is an error, like a figure that does not exist: the
    // narrative around it speaks of a chart that the reader would not see. As an error it
    // stops the build, with the narrative's file and line, before anything is published; a
    // warning would publish the page with the hole. (The charts that unit and indicator pages
    // draw by themselves are simply left out when they have no figures: no editor asked for
    // them.)
    if let Function::Chart(chart) = function {
        if let Some(problem) = chart.nothing_to_draw(project, computed, unit, indicator) {
            return Err(problem);
        }
    }
    Ok(Resolved {
        function,
        unit,
        indicator,
        period,
        kind,
        plan,
    })
}

/// Reports every shortcode problem of every narrative, with the Markdown file and line.
pub fn check(project: &Project, computed: &Computed) -> Diagnostics {
    let mut diags = Diagnostics::default();
    let mut narratives: Vec<(&Narrative, UnitId)> = project
        .content
        .units
        .iter()
        .map(|((u, _), n)| (n, *u))
        .collect();
    narratives.extend(
        project
            .content
            .pages
            .values()
            .map(|p| (&p.narrative, UnitId::ROOT)),
    );
    for (n, unit) in narratives {
        for sc in parse(&n.markdown) {
            let (line, problem) = match sc {
                Err((line, e)) => (line, Problem::Shortcode(e)),
                Ok(sc) => match resolve(project, computed, &sc, unit) {
                    Ok(_) => continue,
                    Err(p) => (sc.line, p),
                },
            };
            diags.push(&n.file, Some(n.body_line + line - 1), None, problem);
        }
    }
    diags
}

/// A narrative as HTML with its shortcodes replaced by live figures and charts. Shortcodes that
/// do not resolve were refused by `check` before any page is built; here they render as empty.
pub fn render_narrative(
    ctx: &super::Ctx,
    n: &Narrative,
    unit: UnitId,
    lang: crate::lang::Lang,
    top: usize,
) -> String {
    let mut markdown = String::with_capacity(n.markdown.len());
    let mut replacements: Vec<(String, String, bool)> = Vec::new();
    let mut last = 0;
    for sc in parse(&n.markdown).into_iter().flatten() {
        markdown.push_str(&n.markdown[last..sc.start]);
        last = sc.end;
        let Ok(r) = resolve(ctx.project, ctx.computed, &sc, unit) else {
            continue;
        };
        let token = format!("CHISOSHORTCODE{}X", replacements.len());
        markdown.push_str(&token);
        let block = matches!(r.function, Function::Chart(_));
        replacements.push((token, evaluate(ctx, &r, lang, replacements.len()), block));
    }
    markdown.push_str(&n.markdown[last..]);
    // Images point at their copy in the site, from wherever this page sits.
    let site = super::layout::site_prefix(ctx, lang, &narrative_page(ctx, n, unit));
    let images = &ctx.project.content.images;
    let refs = &ctx.project.content.image_refs;
    let image_src = |dest: &str| {
        let rel = refs.get(&(n.file.clone(), dest.to_string()))?;
        let file = images.get(rel)?;
        Some(crate::markdown::ImageRef {
            src: format!("{site}{}", crate::routes::media_href(rel)),
            size: Some((file.width, file.height)),
        })
    };
    let html = crate::markdown::to_html_with(&markdown, &image_src);
    let mut html = crate::markdown::demote_headings(&html, top);
    for (token, value, block) in replacements {
        // A chart is a block: it replaces its paragraph rather than sitting inside one.
        let paragraph = format!("<p>{token}</p>");
        if block && html.contains(&paragraph) {
            html = html.replace(&paragraph, &value);
        } else {
            html = html.replace(&token, &value);
        }
    }
    html
}

/// The page a narrative is shown on, relative to its language's home: a page of its own
/// (`pages/<slug>/index.html`, also when an English page shows the Vietnamese text) or its
/// unit's page.
fn narrative_page(ctx: &super::Ctx, n: &Narrative, unit: UnitId) -> String {
    if n.is_page() {
        let stem = n.file.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let slug = stem.strip_suffix(".en").unwrap_or(stem);
        crate::routes::page(slug)
    } else {
        crate::routes::unit_page(super::unit_folder(ctx.project, unit))
    }
}

fn evaluate(ctx: &super::Ctx, r: &Resolved, lang: crate::lang::Lang, n: usize) -> String {
    use crate::encode::html::escape_html;
    if let Function::Chart(chart) = r.function {
        return chart
            .draw(
                ctx,
                r.unit,
                r.indicator,
                r.progress(ctx.computed),
                lang,
                &format!("nc{n}"),
            )
            .unwrap_or_default();
    }
    let Some(i) = r.indicator else {
        return String::new();
    };
    let figures = &ctx.computed.figures;
    match (r.function, r.period) {
        (Function::Value, Some(p)) => figures
            .value(r.unit, i, p, r.kind)
            .map(|v| escape_html(&ctx.figure(i, v, lang)))
            .unwrap_or_default(),
        (Function::Change, Some(p)) => super::wording::change_text(ctx, r.unit, i, p, lang)
            .map(|(text, _)| escape_html(&text))
            .unwrap_or_default(),
        (Function::Progress, _) => r
            .progress(ctx.computed)
            .map(|p| {
                let status = ctx.i18n.get(lang, &format!("status_{}", p.status.as_str()));
                let year = p.target_period.year.to_string();
                let target = ctx.figure(i, p.target, lang);
                let text = match p.achievement {
                    Some(a) => ctx.i18n.fill(
                        lang,
                        "progress_phrase",
                        &[
                            ("status", &status),
                            ("pct", &crate::format::percent(a, 1, lang)),
                            ("year", &year),
                            ("target", &target),
                        ],
                    ),
                    None => ctx.i18n.fill(
                        lang,
                        "progress_phrase_no_data",
                        &[("status", &status), ("year", &year), ("target", &target)],
                    ),
                };
                escape_html(&text)
            })
            .unwrap_or_default(),
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_shortcodes_and_leaves_other_text() {
        let md = "Có {{ value(indicator=\"mobile_subscribers\", period='2024-H1') }} thuê bao.\n{{change(indicator=\"x\",period=\"2024\")}}";
        let found = parse(md);
        assert_eq!(found.len(), 2);
        let first = found[0].clone().unwrap();
        assert_eq!(first.name, "value");
        assert_eq!(first.args["period"], "2024-H1");
        assert_eq!(
            &md[first.start..first.end],
            "{{ value(indicator=\"mobile_subscribers\", period='2024-H1') }}"
        );
        assert_eq!(found[1].clone().unwrap().line, 2);
    }

    #[test]
    fn reports_broken_shortcodes_with_their_line() {
        let found = parse("a\n{{ value(indicator=mobile) }}\n{{ value(\n");
        assert!(matches!(found[0], Err((2, _))));
        assert!(matches!(found[1], Err((3, _))));
    }
}
