//! The theme: built-in templates compiled into the binary, each overridable by a file of the same
//! name in the project's `templates/`.

use std::path::Path;

use tera::Tera;

/// (name, text) of every built-in template and asset, from the repository's `templates/`.
pub const BUILT_IN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("unit.html", include_str!("../../templates/unit.html")),
    (
        "indicator.html",
        include_str!("../../templates/indicator.html"),
    ),
    (
        "indicators.html",
        include_str!("../../templates/indicators.html"),
    ),
    (
        "methodology.html",
        include_str!("../../templates/methodology.html"),
    ),
    ("data.html", include_str!("../../templates/data.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("report.html", include_str!("../../templates/report.html")),
    ("chart.html", include_str!("../../templates/chart.html")),
    ("search.html", include_str!("../../templates/search.html")),
    (
        "whats-new.html",
        include_str!("../../templates/whats-new.html"),
    ),
    (
        "coverage-gaps.html",
        include_str!("../../templates/coverage-gaps.html"),
    ),
];

/// Static files copied to `assets/`.
pub const ASSETS: &[(&str, &str)] = &[
    ("style.css", include_str!("../../templates/style.css")),
    ("search.js", include_str!("../../templates/search.js")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
];

#[derive(Debug, thiserror::Error)]
#[error("templates/{file}: {message}")]
pub struct TemplateError {
    pub file: String,
    pub message: String,
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

/// Escapes what HTML needs escaped in text and quoted attributes. Tera's own also escapes `/`,
/// which only makes every link longer.
pub fn escape_html(s: &str) -> String {
    // Most text has nothing to escape: one scan, one copy.
    if !s
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Compiles the theme once for the whole build.
pub fn load(project_root: &Path) -> Result<Tera, TemplateError> {
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(escape_html);
    let mut sources: Vec<(String, String)> = Vec::new();
    for (name, text) in BUILT_IN {
        let text = own_file(project_root, name)?.unwrap_or_else(|| (*text).to_string());
        sources.push((name.to_string(), text));
    }
    tera.add_raw_templates(sources.iter().map(|(n, t)| (n.as_str(), t.as_str())))
        .map_err(|e| TemplateError {
            file: "*.html".into(),
            message: describe(&e),
        })?;
    Ok(tera)
}

/// The project's own `templates/<name>`, if it has one; like every input, never read from
/// outside the project.
pub fn own_file(project_root: &Path, name: &str) -> Result<Option<String>, TemplateError> {
    let rel = Path::new("templates").join(name);
    if std::fs::symlink_metadata(project_root.join(&rel)).is_err() {
        return Ok(None);
    }
    match crate::load::files::read(project_root, &rel) {
        Ok(bytes) => Ok(Some(crate::load::text::decode(&bytes))),
        Err(problem) => Err(TemplateError {
            file: name.into(),
            message: problem.describe(crate::lang::Lang::En),
        }),
    }
}

/// An asset's text: the project's own if it has one.
pub fn asset(project_root: &Path, name: &str, built_in: &str) -> Result<String, TemplateError> {
    Ok(own_file(project_root, name)?.unwrap_or_else(|| built_in.to_string()))
}

/// The translation table, with the project's own `templates/i18n.toml` over the built-in one.
pub fn translations(project_root: &Path) -> Result<super::i18n::I18n, TemplateError> {
    let own = own_file(project_root, "i18n.toml")?;
    super::i18n::I18n::load(own.as_deref()).map_err(|e| TemplateError {
        file: "i18n.toml".into(),
        message: e.to_string(),
    })
}

pub fn render(tera: &Tera, name: &str, context: &tera::Context) -> Result<String, TemplateError> {
    tera.render(name, context).map_err(|e| TemplateError {
        file: name.into(),
        message: describe(&e),
    })
}
