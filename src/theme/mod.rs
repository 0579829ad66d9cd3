//! The theme: the page templates, the style sheet and the translation table, built into the
//! binary, each overridable by a file of the same name in the project's `templates/`.
//!
//! A [`Theme`] is compiled once, by the load step, from the files it is given; checking and
//! rendering use the same value. A leaf: it knows nothing of projects or figures.

pub mod i18n;

use tera::Tera;

use crate::encode::html::escape_html;
pub use i18n::I18n;

// `BUILT_IN` (the page templates) and `ASSETS` (the files of `assets/`): every file of the
// repository's `templates/`, listed by the build script (`build.rs`).
include!(concat!(env!("OUT_DIR"), "/theme_files.rs"));

/// Why a theme file would not compile or a page would not render: the file (inside
/// `templates/`) and Tera's own account of it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("templates/{file}: {message}")]
pub struct ThemeError {
    pub file: String,
    pub message: String,
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
                    message: e.to_string(),
                });
                None
            }
        };
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.set_escape_fn(escape_html);
        let sources: Vec<(&str, String)> = BUILT_IN
            .iter()
            .map(|(name, text)| (*name, own(name).unwrap_or_else(|| (*text).to_string())))
            .collect();
        if let Err(e) = tera.add_raw_templates(sources.iter().map(|(n, t)| (*n, t.as_str()))) {
            let message = describe(&e);
            // Tera names the template it could not parse; a project's own file is the one to fix.
            let file = sources
                .iter()
                .map(|(n, _)| *n)
                .find(|n| message.contains(&format!("'{n}'")))
                .unwrap_or("*.html");
            errors.push(ThemeError {
                file: file.into(),
                message,
            });
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

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, ThemeError> {
        self.tera.render(name, context).map_err(|e| ThemeError {
            file: name.into(),
            message: describe(&e),
        })
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
