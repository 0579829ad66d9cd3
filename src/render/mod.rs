//! Turning computed figures into the site: pages, charts and open data files.

pub mod charts;
pub mod layout;

pub mod changes;
mod chart_views;
mod gaps_page;
mod indicator_page;
mod lifetime;
mod open_data;
mod other_pages;
mod pages;
mod report;
pub mod scope;
mod search_page;
pub mod shortcodes;
pub mod sink;
mod site_files;
mod tables;
mod unit_page;
mod whats_new;
mod wording;

use rayon::prelude::*;

use crate::compute::Computed;
use crate::format;
use crate::lang::Lang;
use crate::model::content::LangKey;
use crate::model::{IndicatorId, Project, UnitId};
use crate::model::{Period, Unit};
use crate::routes;
use crate::theme::{I18n, Theme, ThemeError};
use pages::Page;
pub use sink::Sink;

/// One file of the site, by its path relative to the site's root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `base_url` of chiso.toml.
    pub base_url: Option<String>,
    /// What the site being replaced published, to say what changed.
    pub previous: changes::PreviousSite,
    /// The live preview: it leaves out the `.gz` copies and the report workbooks, which a
    /// reader of the preview does not need and which take most of a small site's build time.
    pub preview: bool,
    /// Renders only the pages and files of these units and indicators, with every site-wide
    /// page: a build (`chiso build`, and `chiso serve`'s) after only values files changed.
    /// `None` renders everything.
    pub scope: Option<scope::Scope>,
}

/// Everything a page needs, shared read-only by every page of the build.
pub struct Ctx<'a> {
    pub project: &'a Project,
    pub computed: &'a Computed,
    pub i18n: &'a I18n,
    /// Per language, a context holding only the translation table: every page starts from a
    /// copy rather than converting the table again.
    base_context: [tera::Context; 2],
    pub theme: &'a Theme,
    pub languages: Vec<Lang>,
    pub base_url: Option<String>,
}

impl Ctx<'_> {
    pub fn site_title(&self, lang: Lang) -> String {
        let c = &self.project.config;
        let title = match lang {
            Lang::Vi => c.title.clone(),
            Lang::En => c.title_en.clone().or_else(|| c.title.clone()),
        };
        title.unwrap_or_else(|| self.unit_name(UnitId::ROOT, lang).to_string())
    }

    pub fn unit_name(&self, unit: UnitId, lang: Lang) -> &str {
        let u: &Unit = self.project.units.get(unit);
        match lang {
            Lang::Vi => &u.name,
            Lang::En => &u.name_en,
        }
    }

    pub fn indicator_name(&self, i: IndicatorId, lang: Lang) -> &str {
        let ind = self.project.catalogue.get(i);
        lang.pick(&ind.name, &ind.name_en)
    }

    pub fn unit_of_measure(&self, i: IndicatorId, lang: Lang) -> &str {
        let ind = self.project.catalogue.get(i);
        lang.pick(&ind.unit_of_measure, &ind.unit_of_measure_en)
    }

    /// A figure in the page's language, without its unit of measure.
    pub fn number(&self, i: IndicatorId, value: f64, lang: Lang) -> String {
        format::number(value, self.project.catalogue.get(i).decimals, lang)
    }

    /// A figure with its unit of measure: `87,7 %`, `54.748 thuê bao`.
    pub fn figure(&self, i: IndicatorId, value: f64, lang: Lang) -> String {
        let ind = self.project.catalogue.get(i);
        if ind.is_percentage() {
            format::percent(value, ind.decimals, lang)
        } else {
            format!(
                "{}\u{a0}{}",
                self.number(i, value, lang),
                unit_in_text(self.unit_of_measure(i, lang), lang)
            )
        }
    }

    pub fn period(&self, p: Period, lang: Lang) -> String {
        let key = if p.half { "period_h1" } else { "period_year" };
        self.i18n.fill(lang, key, &[("year", &p.year.to_string())])
    }

    /// A period inside a sentence: "6 tháng đầu năm 2025" / "the first half of 2025".
    pub fn period_in_text(&self, p: Period, lang: Lang) -> String {
        let key = if p.half {
            "period_h1_in_text"
        } else {
            "period_year_in_text"
        };
        self.i18n.fill(lang, key, &[("year", &p.year.to_string())])
    }

    /// `2024-H1` as a compact column heading: `6T/2024` / `H1 2024`.
    pub fn period_short(&self, p: Period, lang: Lang) -> String {
        match (p.half, lang) {
            (false, _) => p.year.to_string(),
            (true, Lang::Vi) => format!("6T/{}", p.year),
            (true, Lang::En) => format!("H1 {}", p.year),
        }
    }

    /// An extra page in `lang`: its own text, else the Vietnamese, else whichever language it
    /// was written in, so that a page written in one language only is still published in both.
    pub fn page_text(
        &self,
        slug: &str,
        lang: Lang,
    ) -> Option<(&crate::model::content::Page, LangKey)> {
        let pages = &self.project.content.pages;
        [LangKey::from(lang), LangKey::Vi, LangKey::En]
            .into_iter()
            .find_map(|l| pages.get(&(slug.to_string(), l)).map(|p| (p, l)))
    }

    /// Extra pages' (slug, title) in menu order.
    pub fn page_titles(&self, lang: Lang) -> Vec<(String, String)> {
        let pages = &self.project.content.pages;
        let mut slugs: Vec<&String> = pages.keys().map(|(slug, _)| slug).collect();
        slugs.dedup();
        let mut out: Vec<(i64, String, String)> = slugs
            .into_iter()
            .filter_map(|slug| self.page_text(slug, lang).map(|(p, _)| (slug, p)))
            .map(|(slug, own)| {
                let title = own
                    .narrative
                    .front
                    .title
                    .clone()
                    .unwrap_or_else(|| slug.clone());
                (own.narrative.front.weight.unwrap_or(0), slug.clone(), title)
            })
            .collect();
        out.sort();
        out.into_iter().map(|(_, s, t)| (s, t)).collect()
    }

    pub fn render(&self, template: &str, context: &tera::Context) -> Result<String, ThemeError> {
        self.theme.render(template, context)
    }

    /// A context with the layout and the translation table.
    pub fn context(&self, lang: Lang, layout: &layout::Layout) -> tera::Context {
        let mut c = self.base_context[lang as usize].clone();
        c.insert("page", layout);
        c
    }
}

/// A unit of measure inside a sentence: Vietnamese headings capitalise it ("Thuê bao"), text
/// does not; English ones are written as they read ("million VND").
fn unit_in_text(unit: &str, lang: Lang) -> String {
    match (lang, unit.chars().next()) {
        (Lang::Vi, Some(first)) => first.to_lowercase().chain(unit.chars().skip(1)).collect(),
        _ => unit.to_string(),
    }
}

/// A unit's folder in the site: `None` for the root unit, whose pages are its language's home.
pub fn unit_folder(project: &Project, unit: UnitId) -> Option<&str> {
    (unit != UnitId::ROOT).then(|| project.units.get(unit).slug.as_str())
}

/// The site's languages, the first published at the root.
fn languages(project: &Project) -> Vec<Lang> {
    project
        .config
        .languages
        .iter()
        .map(|l| if l == "en" { Lang::En } else { Lang::Vi })
        .collect()
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// A template of the project's own that cannot render a page.
    #[error(transparent)]
    Template(#[from] ThemeError),
    /// A report's workbook or Word document that its writer refused.
    #[error("{path}: {message}")]
    Workbook { path: String, message: String },
    #[error("cannot write the site: {0}")]
    Write(#[from] std::io::Error),
}

/// The open data's licence as the footer and the data page name it.
#[derive(serde::Serialize)]
struct LicenceView {
    /// Its identifier: `CC-BY-4.0`.
    name: String,
    /// Its full name, for the link's title, where known.
    title: Option<&'static str>,
    /// Where to read it, where known.
    href: Option<&'static str>,
}

fn licence_view(project: &Project) -> LicenceView {
    let name = project.config.license();
    let (title, href) = open_data::licence(name);
    LicenceView {
        name: name.to_string(),
        title,
        href,
    }
}

/// The name of one job of a render (a page in one language, or a group of files made
/// together) in the build manifest: the same from one build to the next as long as the units
/// and indicators are the same.
pub type JobKey = String;

/// What a render made, job by job: the build manifest's list of files.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Each job rendered, with the files it made, in key order. The site-wide files made
    /// after the pages (style sheets, history, feeds, sitemap) are the job `site`.
    pub made: Vec<(JobKey, Vec<String>)>,
    /// The jobs a partial render left as the previous render made them, in key order.
    pub kept: Vec<JobKey>,
}

/// Renders the whole site (or, with `options.scope`, the part that a change of figures
/// touched), handing each file to `sink` as soon as it is made.
pub fn render_site(
    project: &Project,
    computed: &Computed,
    options: &Options,
    sink: &dyn Sink,
) -> Result<Rendered, RenderError> {
    let theme = &project.theme;
    let i18n = theme.i18n();
    let languages = languages(project);
    let base_url = options
        .base_url
        .clone()
        .or_else(|| project.config.base_url.clone())
        .map(|b| if b.ends_with('/') { b } else { format!("{b}/") });
    let licence = licence_view(project);
    let base_context = [Lang::Vi, Lang::En].map(|lang| {
        let mut c = tera::Context::new();
        c.insert("t", i18n.table(lang));
        c.insert("licence", &licence);
        c
    });
    let ctx = Ctx {
        project,
        computed,
        base_context,
        i18n,
        theme,
        languages,
        base_url,
    };
    let date = changes::build_date();
    let mut jobs = Page::all(&ctx);
    let sink = sink::Recording::new(sink);
    let mut kept = Vec::new();
    if let Some(scope) = &options.scope {
        // A job left as it was keeps its files, and the sitemap lists its pages; one whose
        // files cannot be kept is rendered after all.
        let sorted: Vec<Result<(Lang, Page), JobKey>> = jobs
            .into_par_iter()
            .map(|(lang, page)| {
                if !page.touched_by(&ctx, scope) {
                    let key = page.key(lang);
                    if sink.keep(&key)? {
                        sink.note(page.pages(&ctx, lang));
                        return Ok(Err(key));
                    }
                }
                Ok(Ok((lang, page)))
            })
            .collect::<std::io::Result<_>>()?;
        jobs = Vec::new();
        for job in sorted {
            match job {
                Ok(job) => jobs.push(job),
                Err(key) => kept.push(key),
            }
        }
    }
    let clock = JobClock::start();
    let made = std::sync::Mutex::new(Vec::with_capacity(jobs.len() + 1));
    let render = |jobs: &[(Lang, Page)], history: &[changes::Update]| {
        let run = pages::Run {
            history,
            workbooks: !options.preview,
        };
        jobs.par_iter()
            .with_max_len(1)
            .try_for_each(|(lang, page)| -> Result<(), RenderError> {
                let _timer = clock.time(page);
                let files = sink::JobFiles::new(&sink);
                page.render(&ctx, *lang, &run, &files)?;
                let made_now = (page.key(*lang), files.into_paths());
                made.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(made_now);
                Ok(())
            })
    };
    // Only the what's-new page shows the history, so every other job runs while it is made:
    // after a small change, making it (reading the previous site's figures) was most of the
    // time before the first job started.
    let (after_history, now): (Vec<_>, Vec<_>) =
        jobs.into_iter().partition(|(_, page)| page.shows_history());
    let (history, done) = rayon::join(
        || changes::history(project, computed, &options.previous, &date),
        || render(&now, &[]),
    );
    done?;
    render(&after_history, &history)?;
    let site = sink::JobFiles::new(&sink);
    for (name, text) in theme.assets() {
        site.put(routes::asset(name), text.clone().into_bytes())?;
    }
    let mut history_json = serde_json::to_vec_pretty(&history).unwrap_or_default();
    history_json.push(b'\n');
    site.put(routes::CHANGES.into(), history_json)?;
    for &lang in &ctx.languages {
        let feed = whats_new::feed(&ctx, &history, lang);
        site.put(feed.path, feed.bytes)?;
    }
    if let Some(sitemap) = site_files::sitemap(&sink.pages(), ctx.base_url.as_deref()) {
        site.put(sitemap.path, sitemap.bytes)?;
    }
    let robots = site_files::robots(ctx.base_url.as_deref());
    site.put(robots.path, robots.bytes)?;
    clock.report();
    let mut made = made
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    made.push(("site".to_string(), site.into_paths()));
    made.sort();
    kept.sort();
    Ok(Rendered { made, kept })
}

/// With `CHISO_TIMING` set, the time spent in each kind of job, summed over threads (including
/// writing their files), for profiling.
struct JobClock(Option<[std::sync::atomic::AtomicU64; pages::KINDS.len()]>);

struct JobTimer<'a>(Option<(&'a std::sync::atomic::AtomicU64, std::time::Instant)>);

impl Drop for JobTimer<'_> {
    fn drop(&mut self) {
        if let Some((total, started)) = self.0 {
            let ns = started.elapsed().as_nanos() as u64;
            total.fetch_add(ns, std::sync::atomic::Ordering::Relaxed);
        }
    }
}

impl JobClock {
    fn start() -> JobClock {
        JobClock(std::env::var_os("CHISO_TIMING").map(|_| Default::default()))
    }

    fn time(&self, page: &Page) -> JobTimer<'_> {
        JobTimer(
            self.0
                .as_ref()
                .map(|t| (&t[page.kind()], std::time::Instant::now())),
        )
    }

    fn report(&self) {
        if let Some(totals) = &self.0 {
            for (name, total) in pages::KINDS.iter().zip(totals) {
                let ms = total.load(std::sync::atomic::Ordering::Relaxed) as f64 / 1e6;
                eprintln!("timing:   {name} {ms:.1} ms (all threads)");
            }
        }
    }
}
