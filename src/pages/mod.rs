//! The HTML pages family: each unit's and indicator's page, the catalogue of indicators, the
//! methodology, the downloads, search, the coverage gaps, what's new (with its Atom feed),
//! editors' extra pages, the 404 page, and the narratives' images the pages show.
//!
//! What a page shows, and so what it depends on, is said by its own module next to its render
//! code (`touched_by`); [`Pages`] only asks. A new kind of page is its module, its template (a
//! file in `templates/`), its job here, its route (`crate::routes`, which reserves its folder)
//! and its words in the translation table.

pub mod gaps;
pub mod indicator;
pub mod other;
pub mod search;
pub mod site_files;
pub mod unit;
pub mod whats_new;

use crate::compute::scope::Scope;
use crate::lang::Lang;
use crate::routes;
use crate::view::family::{Family, Job, Run, Subject};
use crate::view::{layout, Ctx, RenderError, Sink};

/// The pages family.
pub struct Pages;

// The jobs' names: with their subject, their names in the build manifest.
const UNIT: &str = "Unit";
const INDICATOR: &str = "Indicator";
const INDICATORS: &str = "Indicators";
const METHODOLOGY: &str = "Methodology";
const DATA: &str = "Data";
const SEARCH: &str = "Search";
const WHATS_NEW: &str = "WhatsNew";
const GAPS: &str = "Gaps";
const EXTRA: &str = "Extra";
const NOT_FOUND: &str = "NotFound";
const IMAGE: &str = "Image";

impl Family for Pages {
    fn jobs(&self, ctx: &Ctx) -> Vec<Job> {
        let project = ctx.project;
        let mut jobs = vec![Job::site(Lang::Vi, NOT_FOUND)];
        for &lang in &ctx.languages {
            jobs.extend(project.catalogue.ids().map(|i| Job {
                lang,
                name: INDICATOR,
                subject: Subject::Indicator(i),
            }));
        }
        for &lang in &ctx.languages {
            jobs.extend(project.units.ids().map(|u| Job::unit(lang, UNIT, u)));
            for name in [INDICATORS, METHODOLOGY, DATA, SEARCH, WHATS_NEW] {
                jobs.push(Job::site(lang, name));
            }
            if !project.gaps.is_empty() {
                jobs.push(Job::site(lang, GAPS));
            }
            for (slug, _) in ctx.page_titles(lang) {
                jobs.push(Job {
                    lang,
                    name: EXTRA,
                    subject: Subject::Named(slug),
                });
            }
        }
        jobs.extend(project.content.images.keys().map(|rel| Job {
            lang: Lang::Vi,
            name: IMAGE,
            subject: Subject::Named(rel.clone()),
        }));
        jobs
    }

    fn touched_by(&self, ctx: &Ctx, scope: &Scope, job: &Job) -> bool {
        match (job.name, &job.subject) {
            (UNIT, Subject::Unit(u)) => unit::touched_by(ctx, scope, *u),
            (INDICATOR, Subject::Indicator(i)) => indicator::touched_by(scope, *i),
            // Only values files changed: the previous render's copies are still right.
            (IMAGE, _) => false,
            // Site-wide pages.
            _ => true,
        }
    }

    fn pages(&self, ctx: &Ctx, job: &Job) -> Vec<String> {
        let lang = job.lang;
        let in_lang = |path: &str| vec![format!("{}{path}", layout::lang_prefix(ctx, lang))];
        match (job.name, &job.subject) {
            (UNIT, Subject::Unit(u)) => in_lang(&unit::path(ctx.project, *u)),
            (INDICATOR, Subject::Indicator(i)) => in_lang(&indicator::path(ctx.project, *i)),
            (INDICATORS, _) => in_lang(routes::INDICATORS),
            (METHODOLOGY, _) => in_lang(routes::METHODOLOGY),
            (DATA, _) => in_lang(routes::DATA),
            (SEARCH, _) => in_lang(routes::SEARCH),
            (WHATS_NEW, _) => in_lang(routes::WHATS_NEW),
            (GAPS, _) => in_lang(routes::COVERAGE_GAPS),
            (EXTRA, Subject::Named(slug)) => in_lang(&routes::page(slug)),
            (NOT_FOUND, _) => vec![routes::NOT_FOUND.to_string()],
            _ => Vec::new(),
        }
    }

    fn render(&self, ctx: &Ctx, job: &Job, run: &Run, sink: &dyn Sink) -> Result<(), RenderError> {
        let lang = job.lang;
        let (path, html) = match (job.name, &job.subject) {
            (UNIT, Subject::Unit(u)) => unit::render(ctx, *u, lang)?,
            (INDICATOR, Subject::Indicator(i)) => indicator::render(ctx, *i, lang)?,
            (INDICATORS, _) => indicator::render_list(ctx, lang)?,
            (METHODOLOGY, _) => other::methodology(ctx, lang)?,
            (DATA, _) => other::data(ctx, lang)?,
            (SEARCH, _) => search::render(ctx, lang)?,
            (WHATS_NEW, _) => whats_new::page(ctx, run.history, lang)?,
            (GAPS, _) => gaps::render(ctx, lang)?,
            (EXTRA, Subject::Named(slug)) => other::page(ctx, slug, lang)?,
            (NOT_FOUND, _) => {
                let f = other::not_found(ctx)?;
                return Ok(sink.put(f.path, f.bytes)?);
            }
            (IMAGE, Subject::Named(rel)) => {
                // Copied as `load` read it.
                let bytes = ctx.project.content.images[rel].bytes.clone();
                return Ok(sink.put(routes::media(rel), bytes)?);
            }
            _ => unreachable!("a job this family did not list: {job:?}"),
        };
        sink.put(
            format!("{}{path}", layout::lang_prefix(ctx, lang)),
            html.into_bytes(),
        )?;
        Ok(())
    }

    fn shows_history(&self, job: &Job) -> bool {
        job.name == WHATS_NEW
    }

    fn timing(&self, job: &Job) -> &'static str {
        match job.name {
            UNIT => "unit pages",
            INDICATOR | INDICATORS => "indicator pages",
            _ => "other pages",
        }
    }
}
