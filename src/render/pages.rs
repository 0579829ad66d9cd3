//! Every kind of page (and file) the site is made of: which ones a project has, which module
//! renders each, and whether a change of figures touches it.
//!
//! What a page shows, and so what it depends on, is said by its own module next to its render
//! code (`touched_by`); this enum only asks. A new kind of page is its module, its template (a
//! file in `templates/`), its variant and arms here, its route (`crate::routes`, which reserves
//! its folder) and its words in the translation table.

use super::changes::Update;
use super::scope::Scope;
use super::{gaps_page, indicator_page, layout, open_data, other_pages, report, search_page};
use super::{unit_page, whats_new, Ctx, RenderError, Sink};
use crate::lang::Lang;
use crate::model::{IndicatorId, UnitId};
use crate::routes;

/// One job of a build: a page in one language, or a group of files made together.
#[derive(Debug)]
pub enum Page {
    /// A unit's page; the root unit's is the home page.
    Unit(UnitId),
    /// A unit's half-year reports: pages in every language, Word documents, the unit's workbook
    /// and CSV file, and its compilations of its children's reports.
    Reports(UnitId),
    Indicator(IndicatorId),
    /// The catalogue of indicators.
    Indicators,
    Methodology,
    /// The downloads page.
    Data,
    Search,
    WhatsNew,
    /// The coverage-gap tracker, when the project lists villages.
    Gaps,
    /// An editor's extra page, by its slug.
    Extra(String),
    /// A unit's open data: its CSV and JSON files.
    UnitData(UnitId),
    /// The whole site's open data: every unit's rows, the catalogues, the data package, and
    /// the same as one workbook (not in the live preview).
    OpenData,
    NotFound,
    /// A narrative's image, by its path inside `content/`: copied as it is.
    Image(String),
}

/// What a build passes to every job besides the pages' shared context.
pub struct Run<'a> {
    /// The history of changes, for the "what's new" page; empty for a job that does not
    /// [show it](Page::shows_history).
    pub history: &'a [Update],
    /// Whether the reports' workbooks are made (not in the live preview).
    pub workbooks: bool,
}

impl Page {
    /// Every job of the site, in each language; the biggest first, so that no thread is left
    /// with a long one at the end.
    pub fn all(ctx: &Ctx) -> Vec<(Lang, Page)> {
        let project = ctx.project;
        let mut jobs: Vec<(Lang, Page)> = vec![(Lang::Vi, Page::OpenData)];
        jobs.push((Lang::Vi, Page::NotFound));
        for &lang in &ctx.languages {
            jobs.extend(project.catalogue.ids().map(|i| (lang, Page::Indicator(i))));
        }
        for &lang in &ctx.languages {
            jobs.extend(project.units.ids().map(|u| (lang, Page::Unit(u))));
            jobs.push((lang, Page::Indicators));
            jobs.push((lang, Page::Methodology));
            jobs.push((lang, Page::Data));
            jobs.push((lang, Page::Search));
            jobs.push((lang, Page::WhatsNew));
            if !project.gaps.is_empty() {
                jobs.push((lang, Page::Gaps));
            }
            for (slug, _) in ctx.page_titles(lang) {
                jobs.push((lang, Page::Extra(slug)));
            }
        }
        // Reports and open data cover every language at once.
        jobs.extend(project.units.ids().map(|u| (Lang::Vi, Page::Reports(u))));
        jobs.extend(project.units.ids().map(|u| (Lang::Vi, Page::UnitData(u))));
        jobs.extend(
            project
                .content
                .images
                .keys()
                .map(|rel| (Lang::Vi, Page::Image(rel.clone()))),
        );
        jobs
    }

    /// The job's name in the build manifest ([`super::JobKey`]).
    pub fn key(&self, lang: Lang) -> super::JobKey {
        match self {
            // Slugs and paths as they are, without the quotes of their debug text.
            Page::Extra(slug) => format!("{lang:?} Extra {slug}"),
            Page::Image(rel) => format!("{lang:?} Image {rel}"),
            _ => format!("{lang:?} {self:?}"),
        }
    }

    /// Whether the job shows the history of changes ([`Run::history`]): it runs once that is
    /// made, every other job beside its making, given an empty one.
    pub fn shows_history(&self) -> bool {
        matches!(self, Page::WhatsNew)
    }

    /// Whether a partial render must make this job again: its module says what it shows.
    pub fn touched_by(&self, ctx: &Ctx, scope: &Scope) -> bool {
        match self {
            Page::Unit(u) => unit_page::touched_by(ctx, scope, *u),
            Page::Reports(u) => report::touched_by(ctx.project, scope, *u),
            Page::UnitData(u) => open_data::touched_by(scope, *u),
            Page::Indicator(i) => indicator_page::touched_by(scope, *i),
            // Only values files changed: the previous render's copies are still right.
            Page::Image(_) => false,
            // Site-wide pages and files.
            Page::Indicators
            | Page::Methodology
            | Page::Data
            | Page::Search
            | Page::WhatsNew
            | Page::Gaps
            | Page::Extra(_)
            | Page::OpenData
            | Page::NotFound => true,
        }
    }

    /// The pages this job makes, by their path in the site: a partial render that leaves them
    /// as they were still lists them in the sitemap.
    pub fn pages(&self, ctx: &Ctx, lang: Lang) -> Vec<String> {
        let in_lang = |path: &str| vec![format!("{}{path}", layout::lang_prefix(ctx, lang))];
        match self {
            Page::Unit(u) => in_lang(&unit_page::path(ctx.project, *u)),
            Page::Reports(u) => report::paths(ctx.project, ctx.computed, *u, &ctx.languages),
            Page::Indicator(i) => in_lang(&indicator_page::path(ctx.project, *i)),
            Page::Indicators => in_lang(routes::INDICATORS),
            Page::Methodology => in_lang(routes::METHODOLOGY),
            Page::Data => in_lang(routes::DATA),
            Page::Search => in_lang(routes::SEARCH),
            Page::WhatsNew => in_lang(routes::WHATS_NEW),
            Page::Gaps => in_lang(routes::COVERAGE_GAPS),
            Page::Extra(slug) => in_lang(&routes::page(slug)),
            Page::NotFound => vec![routes::NOT_FOUND.to_string()],
            Page::UnitData(_) | Page::OpenData | Page::Image(_) => Vec::new(),
        }
    }

    /// Makes the job's files and hands them to `sink`.
    pub fn render(
        &self,
        ctx: &Ctx,
        lang: Lang,
        run: &Run,
        sink: &dyn Sink,
    ) -> Result<(), RenderError> {
        let (path, html) = match self {
            Page::Unit(u) => unit_page::render(ctx, *u, lang)?,
            Page::Indicator(i) => indicator_page::render(ctx, *i, lang)?,
            Page::Indicators => indicator_page::render_list(ctx, lang)?,
            Page::Methodology => other_pages::methodology(ctx, lang)?,
            Page::Data => other_pages::data(ctx, lang)?,
            Page::Search => search_page::render(ctx, lang)?,
            Page::WhatsNew => whats_new::page(ctx, run.history, lang)?,
            Page::Gaps => gaps_page::render(ctx, lang)?,
            Page::Extra(slug) => other_pages::page(ctx, slug, lang)?,
            Page::Reports(u) => {
                return report::files(ctx, *u, run.workbooks, sink);
            }
            Page::UnitData(u) => return Ok(open_data::unit_files(ctx, *u, sink)?),
            Page::OpenData => return Ok(open_data::files(ctx, run.workbooks, sink)?),
            Page::NotFound => {
                let f = other_pages::not_found(ctx)?;
                return Ok(sink.put(f.path, f.bytes)?);
            }
            Page::Image(rel) => {
                let project = ctx.project;
                let from = &project.content.images[rel].path;
                let bytes = crate::load::files::read(&project.root, from).map_err(|p| {
                    let message = p.describe(Lang::En);
                    std::io::Error::other(format!("{}: {message}", from.display()))
                })?;
                return Ok(sink.put(routes::media(rel), bytes)?);
            }
        };
        sink.put(
            format!("{}{path}", layout::lang_prefix(ctx, lang)),
            html.into_bytes(),
        )?;
        Ok(())
    }

    /// The line of `CHISO_TIMING`'s report this job's time is added to ([`KINDS`]).
    pub fn kind(&self) -> usize {
        match self {
            Page::Unit(_) => 0,
            Page::Reports(_) => 1,
            Page::Indicator(_) | Page::Indicators => 2,
            Page::UnitData(_) | Page::OpenData => 3,
            _ => 4,
        }
    }
}

/// The kinds of job timed apart with `CHISO_TIMING`, by [`Page::kind`].
pub const KINDS: [&str; 5] = [
    "unit pages",
    "reports",
    "indicator pages",
    "open data",
    "other pages",
];
