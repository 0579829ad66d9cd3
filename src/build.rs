//! One build, start to end: load → compute → render → write. Shared by `build`, `check` and
//! `serve`.

use std::path::Path;

use crate::compute::{self, Computed};
use crate::error::Diagnostics;
use crate::load::{self, Project};
use crate::output::{self, Written};
use crate::render::{self, Options, OutputFile};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The editors' input has problems; every one is listed.
    #[error("the input has errors")]
    Input(Diagnostics),
    #[error(transparent)]
    Template(#[from] render::TemplateError),
    #[error("cannot write the site: {0}")]
    Write(#[from] std::io::Error),
}

/// Loads and computes, collecting every problem and warning.
pub fn check(root: &Path) -> Result<(Project, Computed, Diagnostics), BuildError> {
    let clock = Clock::start();
    let (project, mut diags) = load::load(root).map_err(BuildError::Input)?;
    clock.lap("load");
    let (computed, warnings) = compute::compute(&project);
    clock.lap("compute");
    diags.extend(warnings);
    diags.extend(render::shortcodes::check(&project, &computed));
    diags.sort();
    if diags.has_errors() {
        return Err(BuildError::Input(diags));
    }
    Ok((project, computed, diags))
}

/// `chiso check`: everything `build` would refuse, templates included, writing nothing.
pub fn check_all(root: &Path) -> Result<Diagnostics, BuildError> {
    let (_, _, diags) = check(root)?;
    render::templates::load(root)?;
    render::templates::translations(root)?;
    Ok(diags)
}

/// The files of the site, in memory.
pub fn render(
    root: &Path,
    options: &Options,
) -> Result<(Vec<OutputFile>, Diagnostics), BuildError> {
    let (project, computed, diags) = check(root)?;
    let clock = Clock::start();
    let files = render::render_site(&project, &computed, options)?;
    clock.lap("render");
    Ok((files, diags))
}

/// Builds the site at `root` into `output`; on any error `output` is left as it was.
pub fn build(
    root: &Path,
    output: &Path,
    options: &Options,
) -> Result<(Written, Diagnostics), BuildError> {
    let mut options = options.clone();
    options.previous = render::changes::PreviousSite {
        values_csv: std::fs::read_to_string(output.join("data/values.csv")).ok(),
        changes_json: std::fs::read_to_string(output.join("data/changes.json")).ok(),
    };
    let (files, diags) = render(root, &options)?;
    let clock = Clock::start();
    let written = output::write_site(output, &files)?;
    clock.lap("write");
    Ok((written, diags))
}

/// Prints how long each stage took when `CHISO_TIMING` is set, for profiling builds.
struct Clock(Option<std::time::Instant>);

impl Clock {
    fn start() -> Clock {
        Clock(std::env::var_os("CHISO_TIMING").map(|_| std::time::Instant::now()))
    }

    fn lap(&self, stage: &str) {
        if let Some(t) = self.0 {
            eprintln!(
                "timing: {stage} {:.1} ms",
                t.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}
