//! What every page shares: where it sits, how to get home, the menu and the other language.
//!
//! Every link is relative and names `index.html`, so the same site works from a sub-path and
//! from `file://` (a folder opened from a USB stick).

use serde::Serialize;

use super::Ctx;
use crate::lang::Lang;
use crate::routes;

#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub label: String,
    pub href: String,
    pub current: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Alternate {
    pub lang: &'static str,
    pub label: String,
    pub href: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Layout {
    pub lang: &'static str,
    /// Prefix from this page to the site's root (assets, open data).
    pub site: String,
    /// Prefix from this page to its language's home.
    pub home: String,
    pub title: String,
    pub site_title: String,
    pub description: String,
    pub sample: bool,
    pub nav: Vec<Link>,
    pub alternates: Vec<Alternate>,
    pub canonical: Option<String>,
    pub breadcrumbs: Vec<Link>,
}

pub fn lang_code(lang: Lang) -> &'static str {
    match lang {
        Lang::Vi => "vi",
        Lang::En => "en",
    }
}

/// The folder of a language inside the site: the first language sits at the root.
pub fn lang_prefix(ctx: &Ctx, lang: Lang) -> &'static str {
    prefix(&ctx.languages, lang)
}

/// The folder of `lang`'s pages among the site's `languages`: the first is at the root.
pub fn prefix(languages: &[Lang], lang: Lang) -> &'static str {
    if languages.first() == Some(&lang) {
        ""
    } else {
        routes::lang_folder(lang)
    }
}

/// The prefix from the page at `path` (relative to `lang`'s home) to the site's root: `../../`
/// for `en/tuan-giao/index.html`.
pub fn site_prefix(ctx: &Ctx, lang: Lang, path: &str) -> String {
    let depth = format!("{}{path}", lang_prefix(ctx, lang))
        .matches('/')
        .count();
    "../".repeat(depth)
}

/// `path` is the page's file relative to its language's home, e.g. `tuan-giao/index.html`.
pub fn layout(
    ctx: &Ctx,
    lang: Lang,
    path: &str,
    title: &str,
    description: &str,
    crumbs: Vec<Link>,
) -> Layout {
    let prefix = lang_prefix(ctx, lang);
    let site = site_prefix(ctx, lang, path);
    let home = format!("{site}{prefix}");
    let t = |k: &str| ctx.i18n.get(lang, k);
    // A section's entry is current on every page inside it (an indicator's, for the catalogue).
    let section = |key: &str, route: &str| Link {
        label: t(key),
        href: format!("{home}{route}"),
        current: routes::section(path) == routes::section(route),
    };
    let mut nav = vec![
        Link {
            label: t("nav_overview"),
            href: format!("{home}{}", routes::HOME),
            current: path == routes::HOME,
        },
        section("nav_indicators", routes::INDICATORS),
        section("nav_methodology", routes::METHODOLOGY),
    ];
    if !ctx.project.gaps.is_empty() {
        nav.push(section("nav_gaps", routes::COVERAGE_GAPS));
    }
    nav.extend([
        section("nav_whats_new", routes::WHATS_NEW),
        section("nav_search", routes::SEARCH),
        section("nav_data", routes::DATA),
    ]);
    for (slug, title) in ctx.page_titles(lang) {
        let page = routes::page(&slug);
        nav.push(Link {
            current: path == page,
            label: title,
            href: format!("{home}{page}"),
        });
    }
    let alternates = ctx
        .languages
        .iter()
        .filter(|&&l| l != lang)
        .map(|&l| Alternate {
            lang: lang_code(l),
            label: ctx.i18n.get(l, "lang_name"),
            href: format!("{site}{}{path}", lang_prefix(ctx, l)),
        })
        .collect();
    let canonical = ctx.base_url.as_ref().map(|b| {
        let page = format!("{prefix}{path}");
        format!("{b}{}", routes::folder_of(&page))
    });
    let site_title = ctx.site_title(lang);
    Layout {
        lang: lang_code(lang),
        title: if title == site_title {
            title.to_string()
        } else {
            format!("{title} – {site_title}")
        },
        site_title,
        description: description.to_string(),
        sample: ctx.project.config.sample,
        nav,
        alternates,
        canonical,
        breadcrumbs: crumbs,
        site,
        home,
    }
}

impl Ctx<'_> {
    /// A context with the layout and the translation table.
    pub fn context(&self, lang: Lang, layout: &Layout) -> tera::Context {
        let mut c = self.base_context[lang as usize].clone();
        c.insert("page", layout);
        c
    }
}
