//! The theme: the page templates, the style sheet and the translation table, built into the
//! binary, each overridable by a file of the same name in the project's `templates/`.
//!
//! A [`Theme`] is compiled once, by the load step, from the files it is given; checking and
//! rendering use the same value. A leaf: it knows nothing of projects or figures.

pub mod budget;
pub mod check;
pub mod i18n;

use tera::Tera;

use crate::diagnostics::TemplateMessage;
use crate::encode::html::escape_html;
pub use i18n::I18n;

// `BUILT_IN` (the page templates) and `ASSETS` (the files of `assets/`): every file of the
// repository's `templates/`, listed by the build script (`build.rs`).
include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// Why a theme file would not compile or a page would not render: the file (inside
/// `templates/`) and what is wrong, Tera's own account or a limit passed.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("templates/{file}: {message}")]
pub struct ThemeError {
    pub file: String,
    pub message: TemplateMessage,
}

/// The compiled templates, the assets and the translation table, loaded once per build.
#[derive(Debug, Clone)]
pub struct Theme {
    tera: Tera,
    i18n: I18n,
    /// (name, text) of each file copied to `assets/`, the project's own where it has one.
    assets: Vec<(&'static str, String)>,
}

impl Theme {
    /// Compiles the built-in theme with `own(name)`, a project's own file of that name, over
    /// each built-in one. Every file that does not compile is reported.
    pub fn compile(own: &dyn Fn(&str) -> Option<String>) -> Result<Theme, Vec<ThemeError>> {
        let mut errors = Vec::new();
        let i18n = match I18n::load(own("i18n.toml").as_deref()) {
            Ok(t) => Some(t),
            Err(e) => {
                errors.push(ThemeError {
                    file: "i18n.toml".into(),
                    message: TemplateMessage::Tera(e.to_string()),
                });
                None
            }
        };
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        // Over Tera's own: a `range` counted against the page's budget, and no environment.
        tera.register_function("range", budget::range);
        tera.register_function("get_env", budget::get_env);
        let sources: Vec<(&str, String)> = BUILT_IN
            .iter()
            .map(|(name, text)| (*name, own(name).unwrap_or_else(|| (*text).to_string())))
            .collect();
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (*n, t.as_str()))) {
            let message = describe(&e);
            // Tera names the template it could not parse first, in quotes or backticks
            // ("Template `404.html` loads macros from …"); a project's own file is the one to fix.
            let file = sources
                .iter()
                .filter_map(|(n, _)| {
                    let at = [format!("'{n}'"), format!("`{n}`")]
                        .iter()
                        .filter_map(|quoted| message.find(quoted.as_str()))
                        .min()?;
                    Some((at, *n))
                })
                .min()
                .map_or("*.html", |(_, n)| n);
            errors.push(ThemeError {
                file: file.into(),
                message: TemplateMessage::Tera(message),
            });
        } else {
            errors.extend(
                check::check(&tera)
                    .into_iter()
                    .map(|(file, message)| ThemeError { file, message }),
            );
        }
        let assets = ASSETS
            .iter()
            .map(|(name, text)| (*name, own(name).unwrap_or_else(|| (*text).to_string())))
            .collect();
        match i18n {
            Some(i18n) if errors.is_empty() => Ok(Theme { tera, i18n, assets }),
            _ => Err(errors),
        }
    }

    pub fn i18n(&self) -> &I18n {
        &self.i18n
    }

    /// The files of `assets/`, by name.
    pub fn assets(&self) -> &[(&'static str, String)] {
        &self.assets
    }

    /// A page made from the template `name`, within the budget of [`budget`]: a page that would
    /// take too many steps or bytes is an error naming the template, not a build without end.
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, ThemeError> {
        budget::start();
        let mut page = budget::Page::default();
        let rendered = self.tera.render_to(name, context, &mut page);
        let error = |message| ThemeError {
            file: name.into(),
            message,
        };
        if let Err(e) = rendered {
            return Err(error(match budget::tripped() {
                Some(budget::Tripped::Steps) => TemplateMessage::Steps {
                    limit: budget::MAX_STEPS,
                },
                Some(budget::Tripped::Environment) => TemplateMessage::Environment,
                Some(budget::Tripped::Output) => TemplateMessage::Output {
                    limit_mib: (budget::MAX_PAGE_BYTES / 1024 / 1024) as u64,
                },
                None => TemplateMessage::Tera(describe(&e)),
            }));
        }
        // Tera writes only what its templates hold and its escape writes, all UTF-8.
        String::from_utf8(page.bytes).map_err(|e| error(TemplateMessage::Tera(e.to_string())))
    }
}

fn describe(e: &tera::Error) -> String {
    let mut message = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}

/// The names a project may override in its `templates/`.
pub fn file_names() -> impl Iterator<Item = &'static str> {
    BUILT_IN
        .iter()
        .chain(ASSETS)
        .map(|(name, _)| *name)
        .chain(["i18n.toml"])
}
