//! One build, start to end: load → compute → render → write. Shared by `build`, `check` and
//! `serve`. A build reads the manifest of the site it replaces (`manifest.rs`) to do only
//! what changed since.

pub mod manifest;

use std::path::Path;

use crate::compute::scope::{Fingerprint, Scope};
use crate::compute::{self, Computed};
use crate::diagnostics::{Diagnostics, Problem};
use crate::lang::Lang;
use crate::load;
use crate::model::Project;
use crate::output::{self, Written};
use crate::render::{self, Options};
use crate::routes;
use crate::words;
use manifest::{Manifest, Stamp};

#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The editors' input has problems; every one is listed.
    #[error("the input has errors")]
    Input(Diagnostics),
    /// A report's workbook could not be made, or the site could not be written.
    #[error(transparent)]
    Render(render::RenderError),
    /// The folder is not a project: it has no `data/units.csv` (or `.xlsx`), or does not
    /// exist. Usually the command was run in the wrong folder.
    #[error("not a project")]
    NotAProject {
        root: std::path::PathBuf,
        exists: bool,
    },
    /// The output is not chiso's to write: the project or its inputs, a link, a file, a folder
    /// of somebody else's files, or a manifest naming files outside the site.
    #[error("the output is refused")]
    Output(output::guard::Refusal),
}

/// Whether `root` holds a project: every project has its units' list, which may have been
/// saved as a workbook (an `.xls` one is refused when read, by name, rather than taken for a
/// folder that is not a project).
pub fn is_project(root: &Path) -> bool {
    let units = root.join("data").join("units");
    ["csv", "xlsx", "xls"]
        .iter()
        .any(|x| units.with_extension(x).is_file())
}

/// `Err` when `root` is not a project, before anything is read or written.
pub fn require_project(root: &Path) -> Result<(), BuildError> {
    if is_project(root) {
        return Ok(());
    }
    Err(BuildError::NotAProject {
        root: root.to_path_buf(),
        exists: root.is_dir(),
    })
}

/// A page that a project's own template cannot render is the editor's to fix: it is reported
/// like every other input problem, with its file, in the language asked for.
impl From<render::RenderError> for BuildError {
    fn from(e: render::RenderError) -> Self {
        match e {
            render::RenderError::Template(e) => {
                let mut diags = Diagnostics::default();
                diags.push(
                    std::path::Path::new("templates").join(&e.file),
                    None,
                    None,
                    Problem::Template { message: e.message },
                );
                BuildError::Input(diags)
            }
            other => BuildError::Render(other),
        }
    }
}

impl BuildError {
    /// What failed, in the language asked for, to follow "the build failed: ". The operating
    /// system's own account of an I/O error, and the spreadsheet writer's of a workbook, stay
    /// as they give it. Input problems have their own report (`Diagnostics::report`); this is
    /// their one-line summary.
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            BuildError::Input(diags) => {
                let n = diags.error_count();
                words::fill(lang, &words::INPUT_HAS_ERRORS, &[("n", &n)])
            }
            BuildError::NotAProject { root, exists: true } => {
                // Run in the current folder, the message needs no folder's name.
                if root == Path::new(".") {
                    words::NOT_A_PROJECT_HERE.text(lang).to_string()
                } else {
                    words::fill(lang, &words::NOT_A_PROJECT, &[("root", &root.display())])
                }
            }
            BuildError::NotAProject {
                root,
                exists: false,
            } => words::fill(lang, &words::NO_SUCH_FOLDER, &[("root", &root.display())]),
            BuildError::Output(refusal) => refused(refusal, lang),
            BuildError::Render(render::RenderError::Write(e)) => {
                words::fill(lang, &words::CANNOT_WRITE_SITE, &[("error", e)])
            }
            BuildError::Render(render::RenderError::Workbook { path, message }) => words::fill(
                lang,
                &words::CANNOT_MAKE_WORKBOOK,
                &[("path", path), ("message", message)],
            ),
            // Turned into an input problem by `From` above; worded the same way here.
            BuildError::Render(render::RenderError::Template(e)) => {
                let problem = Problem::Template {
                    message: e.message.clone(),
                };
                format!("templates/{}: {}", e.file, problem.describe(lang))
            }
        }
    }
}

/// Why the output is refused, in the editor's words.
fn refused(refusal: &output::guard::Refusal, lang: Lang) -> String {
    use output::guard::Refusal;
    match refusal {
        Refusal::Project { output } => words::fill(
            lang,
            &words::OUTPUT_IS_PROJECT,
            &[("output", &output.display())],
        ),
        Refusal::InInput { output, input } => words::fill(
            lang,
            &words::OUTPUT_IN_INPUT,
            &[("output", &output.display()), ("input", &input.display())],
        ),
        Refusal::HoldsProject { output, root } => words::fill(
            lang,
            &words::OUTPUT_HOLDS_PROJECT,
            &[("output", &output.display()), ("root", &root.display())],
        ),
        Refusal::Link { output, target } => words::fill(
            lang,
            &words::OUTPUT_IS_LINK,
            &[("output", &output.display()), ("target", &target.display())],
        ),
        Refusal::NotAFolder { output } => words::fill(
            lang,
            &words::OUTPUT_NOT_FOLDER,
            &[("output", &output.display())],
        ),
        Refusal::NotChisos {
            output,
            entries,
            more,
        } => {
            let mut names = entries.join(", ");
            if *more > 0 {
                names.push(' ');
                names.push_str(&words::fill(lang, &words::OUTPUT_MORE, &[("n", more)]));
            }
            words::fill(
                lang,
                &words::OUTPUT_NOT_CHISOS,
                &[("output", &output.display()), ("entries", &names)],
            )
        }
        Refusal::ManifestOutside { output, path } => words::fill(
            lang,
            &words::MANIFEST_OUTSIDE,
            &[("output", &output.display()), ("path", path)],
        ),
    }
}

impl From<std::io::Error> for BuildError {
    fn from(e: std::io::Error) -> Self {
        BuildError::Render(e.into())
    }
}

/// A project loaded and computed, with its theme and every warning.
pub struct Checked {
    pub project: Project,
    pub theme: crate::theme::Theme,
    pub computed: Computed,
    pub diags: Diagnostics,
}

/// Loads and computes, collecting every problem and warning.
pub fn check(root: &Path) -> Result<Checked, BuildError> {
    require_project(root)?;
    let clock = Clock::start();
    let load::Loaded {
        project,
        theme,
        mut diags,
    } = load::load(root).map_err(BuildError::Input)?;
    clock.lap("load");
    let (computed, warnings) = compute::compute(&project);
    clock.lap("compute");
    diags.extend(warnings);
    diags.extend(crate::view::shortcodes::check(&project, &computed));
    diags.sort();
    if diags.has_errors() {
        return Err(BuildError::Input(diags));
    }
    Ok(Checked {
        project,
        theme,
        computed,
        diags,
    })
}

/// `chiso check`: everything `build` would refuse, templates included (they are compiled when
/// the project is loaded), writing nothing.
pub fn check_all(root: &Path) -> Result<Diagnostics, BuildError> {
    Ok(check(root)?.diags)
}

/// What `chiso build` did.
#[derive(Debug)]
pub struct Built {
    pub written: Written,
    pub diags: Diagnostics,
    pub how: How,
}

/// How much a build rendered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum How {
    /// No input changed since the site in the folder was built by this chiso: nothing was
    /// loaded, rendered or written.
    UpToDate,
    /// Only values files changed: the jobs (pages, a unit's reports) whose figures changed
    /// were rendered, with every site-wide page; the others' files were linked from the
    /// previous site.
    Partial { rendered: usize, kept: usize },
    /// Everything was rendered: a first build, another chiso, changed settings, lists,
    /// narratives, templates or images, or a previous site without its manifest.
    Full,
}

/// Builds the site at `root` into `output`; on any error `output` is left as it was. Files go
/// to disk as they are rendered. With the manifest of the site already at `output`, only what
/// changed since is rendered (see [`How`]); the result is the same, byte for byte, as a build
/// of everything.
pub fn build(root: &Path, output: &Path, options: &Options) -> Result<Built, BuildError> {
    build_waiting(root, output, options, || {})
}

/// [`build`], calling `waiting` once if another build holds the output's lock (this one then
/// waits for it to finish).
pub fn build_waiting(
    root: &Path,
    output: &Path,
    options: &Options,
    waiting: impl FnOnce(),
) -> Result<Built, BuildError> {
    require_project(root)?;
    output::guard::check_place(root, output).map_err(BuildError::Output)?;
    // Everything about the previous site is read holding the lock: a build that started
    // first, and is still writing, is waited for.
    let lock = output::Lock::take(output, waiting)?;
    output::recover(output, &lock)?;
    // The manifest is read once; only one of another format is read again, for its paths.
    let manifest = Manifest::read(output);
    let listed = match &manifest {
        Some(m) => Some(m.jobs.values().flatten().cloned().collect()),
        None => Manifest::files(output),
    };
    let contents =
        output::guard::check_contents(output, listed, options.force).map_err(BuildError::Output)?;
    let clock = Clock::start();
    let stamp = Stamp::of(root, options.base_url.as_deref());
    let previous = manifest.filter(|m| m.chiso == stamp.chiso && m.options == stamp.options);
    clock.lap("manifest");
    if previous
        .as_ref()
        .is_some_and(|m| m.up_to_date(&stamp, output))
    {
        return Ok(Built {
            written: Written::default(),
            diags: Diagnostics::default(),
            how: How::UpToDate,
        });
    }
    let mut options = options.clone();
    options.previous = crate::compute::history::PreviousSite {
        values_csv: std::fs::read_to_string(output.join(routes::VALUES)).ok(),
        changes_json: std::fs::read_to_string(output.join(routes::CHANGES)).ok(),
    };
    let Checked {
        project,
        theme,
        computed,
        diags,
    } = check(root)?;
    let clock = Clock::start();
    let figures = Fingerprint::of(&project, &computed);
    // Settings, lists, narratives, templates and images may show on any page: a change of
    // any of them renders everything.
    let previous = previous.filter(|m| m.site_inputs == stamp.site_inputs);
    options.scope = previous
        .as_ref()
        .and_then(|m| Scope::of_change(&m.figures, &figures, &computed));
    // The live preview does without the `.gz` copies, as it does without the workbooks.
    let precompress = project.config.precompress && !options.preview;
    let mut staging = output::Staging::open(output, precompress, lock)?;
    staging = match contents {
        output::guard::Contents::Empty => staging,
        // A partial build leaves every file it does not make where it is.
        output::guard::Contents::Chisos if options.scope.is_some() => staging,
        // A full build carries over what the manifest does not list (checked above).
        output::guard::Contents::Chisos => staging.carry_over(
            Manifest::files(output)
                .unwrap_or_default()
                .into_iter()
                .collect(),
            true,
        ),
        output::guard::Contents::Others => staging.carry_over(Default::default(), false),
    };
    let mut kept_files = std::collections::BTreeMap::new();
    if let (Some(_), Some(m)) = (&options.scope, previous) {
        kept_files = m.jobs.clone();
        staging = staging.partial(m.jobs);
    }
    clock.lap("fingerprint");
    let history = manifest::HistoryWatch::new(&staging);
    let rendered = render::render_site(&project, &theme, &computed, &options, &history)?;
    // Files are written as they are rendered.
    clock.lap("render");
    let how = match options.scope {
        Some(_) => How::Partial {
            rendered: rendered.made.len(),
            kept: rendered.kept.len(),
        },
        None => How::Full,
    };
    let mut jobs: std::collections::BTreeMap<_, _> = rendered.made.into_iter().collect();
    for key in rendered.kept {
        let files = kept_files.remove(&key).unwrap_or_default();
        jobs.insert(key, files);
    }
    let manifest = Manifest {
        format: manifest::FORMAT,
        chiso: stamp.chiso,
        options: stamp.options,
        inputs: stamp.inputs,
        site_inputs: stamp.site_inputs,
        history: history.digest(),
        figures,
        jobs,
    };
    staging.write_plain(manifest::NAME, &manifest.to_bytes())?;
    let written = staging.finish()?;
    clock.lap("swap");
    Ok(Built {
        written,
        diags,
        how,
    })
}

/// Prints how long each stage took when `CHISO_TIMING` is set, for profiling builds.
struct Clock(Option<std::cell::Cell<std::time::Instant>>);

impl Clock {
    fn start() -> Clock {
        Clock(
            std::env::var_os("CHISO_TIMING")
                .map(|_| std::cell::Cell::new(std::time::Instant::now())),
        )
    }

    /// The time since the previous lap (or the start).
    fn lap(&self, stage: &str) {
        if let Some(last) = &self.0 {
            let now = std::time::Instant::now();
            let ms = (now - last.get()).as_secs_f64() * 1000.0;
            eprintln!("timing: {stage} {ms:.1} ms");
            last.set(now);
        }
    }
}
