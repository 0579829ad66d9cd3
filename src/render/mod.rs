//! The runner: it asks every output family (`pages`, `report`, `open_data`, …) for its jobs,
//! renders them in parallel, in an order a sequential run would give, hands each file to the
//! `Sink`, and makes the site-wide files (style sheets, history, feeds, sitemap) last.

pub mod sink;

use rayon::prelude::*;

use crate::compute::Computed;
use crate::compute::{history, scope};
use crate::lang::Lang;
use crate::model::Project;
use crate::open_data;
use crate::pages::{self, site_files, whats_new};
use crate::report;
use crate::routes;
use crate::theme::Theme;
use crate::view::family::{Family, Job, JobKey, Run};
use crate::view::{Ctx, Sink};
pub use crate::view::{OutputFile, RenderError};

/// The site's output families, each in its own folder: a new family is one more line here.
/// Their jobs run in this order (the longest job, the site-wide open data, first).
const FAMILIES: &[&dyn Family] = &[&open_data::OpenData, &pages::Pages, &report::Reports];

#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Overrides `base_url` of chiso.toml.
    pub base_url: Option<String>,
    /// What the site being replaced published, to say what changed.
    pub previous: history::PreviousSite,
    /// The live preview: it leaves out the `.gz` copies and the report workbooks, which a
    /// reader of the preview does not need and which take most of a small site's build time.
    pub preview: bool,
    /// Renders only the pages and files of these units and indicators, with every site-wide
    /// page: a build (`chiso build`, and `chiso serve`'s) after only values files changed.
    /// `None` renders everything.
    pub scope: Option<scope::Scope>,
    /// Build even into a folder that holds files chiso did not write (`--force`); they are
    /// kept. Read by `build`, which checks the output before anything is rendered.
    pub force: bool,
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

/// What a render made, job by job: the build manifest's list of files.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Each job rendered, with the files it made, in key order. The site-wide files made
    /// after the pages (style sheets, history, feeds, sitemap) are the job `site`.
    pub made: Vec<(JobKey, Vec<String>)>,
    /// The jobs a partial render left as the previous render made them, in key order.
    pub kept: Vec<JobKey>,
}

/// The endings of the files that only `chiso build` makes, not the live preview: `chiso
/// serve` answers a link to one with a page saying so.
pub fn build_only() -> Vec<&'static str> {
    FAMILIES
        .iter()
        .flat_map(|f| f.build_only())
        .copied()
        .collect()
}

/// Renders the whole site (or, with `options.scope`, the part that a change of figures
/// touched), handing each file to `sink` as soon as it is made.
pub fn render_site(
    project: &Project,
    theme: &Theme,
    computed: &Computed,
    options: &Options,
    sink: &dyn Sink,
) -> Result<Rendered, RenderError> {
    let i18n = theme.i18n();
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
    let mut ctx = Ctx::new(
        project,
        computed,
        theme,
        languages(project),
        base_url,
        base_context,
    );
    ctx.downloads = FAMILIES.iter().flat_map(|f| f.downloads(&ctx)).collect();
    let date = history::build_date();
    let mut jobs: Vec<(&dyn Family, Job)> = FAMILIES
        .iter()
        .flat_map(|f| f.jobs(&ctx).into_iter().map(move |j| (*f, j)))
        .collect();
    let sink = sink::Recording::new(sink);
    let mut kept = Vec::new();
    if let Some(scope) = &options.scope {
        // A job left as it was keeps its files, and the sitemap lists its pages; one whose
        // files cannot be kept is rendered after all.
        let sorted: Vec<Result<(&dyn Family, Job), JobKey>> = jobs
            .into_par_iter()
            .map(|(family, job)| {
                if !family.touched_by(&ctx, scope, &job) {
                    let key = job.key();
                    if sink.keep(&key)? {
                        sink.note(family.pages(&ctx, &job));
                        return Ok(Err(key));
                    }
                }
                Ok(Ok((family, job)))
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
    let render = |jobs: &[(&dyn Family, Job)], history: &[history::Update]| {
        let run = Run {
            history,
            workbooks: !options.preview,
        };
        jobs.par_iter()
            .with_max_len(1)
            .try_for_each(|(family, job)| -> Result<(), RenderError> {
                let _timer = clock.time(family.timing(job));
                let files = sink::JobFiles::new(&sink);
                family.render(&ctx, job, &run, &files)?;
                let made_now = (job.key(), files.into_paths());
                made.lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push(made_now);
                Ok(())
            })
    };
    // Only the what's-new page shows the history, so every other job runs while it is made:
    // after a small change, making it (reading the previous site's figures) was most of the
    // time before the first job started.
    let (after_history, now): (Vec<_>, Vec<_>) = jobs
        .into_iter()
        .partition(|(family, job)| family.shows_history(job));
    let (history, done) = rayon::join(
        || history::history(project, computed, &options.previous, &date),
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
/// writing their files), for profiling: one line per kind the families name.
struct JobClock(Option<std::sync::Mutex<std::collections::BTreeMap<&'static str, u128>>>);

struct JobTimer<'a>(Option<(&'a JobClock, &'static str, std::time::Instant)>);

impl Drop for JobTimer<'_> {
    fn drop(&mut self) {
        if let Some((clock, kind, started)) = self.0 {
            if let Some(totals) = &clock.0 {
                let ns = started.elapsed().as_nanos();
                *totals
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .entry(kind)
                    .or_default() += ns;
            }
        }
    }
}

impl JobClock {
    fn start() -> JobClock {
        JobClock(std::env::var_os("CHISO_TIMING").map(|_| Default::default()))
    }

    fn time(&self, kind: &'static str) -> JobTimer<'_> {
        JobTimer(
            self.0
                .as_ref()
                .map(|_| (self, kind, std::time::Instant::now())),
        )
    }

    fn report(&self) {
        if let Some(totals) = &self.0 {
            let totals = totals
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            for (name, total) in totals.iter() {
                let ms = *total as f64 / 1e6;
                eprintln!("timing:   {name} {ms:.1} ms (all threads)");
            }
        }
    }
}
