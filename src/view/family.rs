//! An output family: one kind of thing the site publishes (the HTML pages, the half-year
//! reports, the open data, …), in a folder of its own. Each family says which jobs it has,
//! whether a change of figures touches each one, which files it publishes and how it makes
//! them; the runner (`crate::render`) only asks. Adding a family is its folder and one line in
//! the runner's list (`docs/architecture.md` walks through it).

use crate::compute::history::Update;
use crate::compute::scope::Scope;
use crate::lang::Lang;
use crate::model::{IndicatorId, UnitId};

pub use super::downloads::{Download, DownloadKind};
use super::{Ctx, RenderError, Sink};

/// The name of one job of a render (a page in one language, or a group of files made
/// together) in the build manifest: the same from one build to the next as long as the units
/// and indicators are the same.
pub type JobKey = String;

/// One job of a build: a page in one language, or a group of files made together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    pub lang: Lang,
    /// What the job makes, in its family's words (`Unit`, `Reports`, `OpenData`): with the
    /// subject, its name in the build manifest.
    pub name: &'static str,
    pub subject: Subject,
}

/// Whom a job is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Subject {
    /// A site-wide page or group of files.
    Site,
    Unit(UnitId),
    Indicator(IndicatorId),
    /// An extra page by its slug, an image by its path inside `content/`.
    Named(String),
}

impl Job {
    pub fn site(lang: Lang, name: &'static str) -> Job {
        Job {
            lang,
            name,
            subject: Subject::Site,
        }
    }

    pub fn unit(lang: Lang, name: &'static str, unit: UnitId) -> Job {
        Job {
            lang,
            name,
            subject: Subject::Unit(unit),
        }
    }

    /// The job's name in the build manifest: `Vi Unit(UnitId(3))`, `En Indicators`,
    /// `Vi Extra gioi-thieu`. A manifest written before the families had rooms of their own
    /// named its jobs the same way, so an upgrade keeps what it can.
    pub fn key(&self) -> JobKey {
        let (lang, name) = (self.lang, self.name);
        match &self.subject {
            Subject::Site => format!("{lang:?} {name}"),
            Subject::Unit(u) => format!("{lang:?} {name}({u:?})"),
            Subject::Indicator(i) => format!("{lang:?} {name}({i:?})"),
            Subject::Named(s) => format!("{lang:?} {name} {s}"),
        }
    }
}

/// What a build passes to every job besides the pages' shared context.
pub struct Run<'a> {
    /// The history of changes, for the "what's new" page; empty for a job that does not
    /// [show it](Family::shows_history).
    pub history: &'a [Update],
    /// Whether the reports' workbooks and documents are made (not in the live preview).
    pub workbooks: bool,
}

/// One kind of output of the site, with its own jobs.
pub trait Family: Sync {
    /// Every job of the family, in each language; the biggest first, so that no thread is
    /// left with a long one at the end.
    fn jobs(&self, ctx: &Ctx) -> Vec<Job>;

    /// Whether a partial render must make `job` again: the family says what it shows.
    fn touched_by(&self, ctx: &Ctx, scope: &Scope, job: &Job) -> bool;

    /// The pages `job` makes, by their path in the site: a partial render that leaves them as
    /// they were still lists them in the sitemap.
    fn pages(&self, ctx: &Ctx, job: &Job) -> Vec<String> {
        let _ = (ctx, job);
        Vec::new()
    }

    /// Makes the job's files and hands them to `sink`.
    fn render(&self, ctx: &Ctx, job: &Job, run: &Run, sink: &dyn Sink) -> Result<(), RenderError>;

    /// Whether `job` shows the history of changes ([`Run::history`]): it runs once that is
    /// made, every other job beside its making, given an empty one.
    fn shows_history(&self, job: &Job) -> bool {
        let _ = job;
        false
    }

    /// The line of `CHISO_TIMING`'s report that `job`'s time is added to.
    fn timing(&self, job: &Job) -> &'static str;

    /// The files it publishes for readers to download (the downloads page lists them).
    fn downloads(&self, ctx: &Ctx) -> Vec<Download> {
        let _ = ctx;
        Vec::new()
    }

    /// The endings of the files it makes only in `chiso build`, not in the live preview
    /// (`chiso serve` answers a link to one with a page saying so).
    fn build_only(&self) -> &'static [&'static str] {
        &[]
    }
}
