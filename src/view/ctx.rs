//! The context every page and file of a build is made from: the project, its computed
//! figures, the theme and its translation table, the site's languages and address, and the
//! words and numbers that every family writes the same way.

use super::downloads::Download;
use crate::compute::Computed;
use crate::format;
use crate::lang::Lang;
use crate::model::content::LangKey;
use crate::model::{IndicatorId, Project, UnitId};
use crate::model::{Period, Unit};
use crate::theme::{I18n, Theme, ThemeError};

/// One file of the site, by its path relative to the site's root (`/`-separated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Everything a page needs, shared read-only by every page of the build.
pub struct Ctx<'a> {
    pub project: &'a Project,
    pub computed: &'a Computed,
    pub i18n: &'a I18n,
    /// Per language, a context holding only the translation table: every page starts from a
    /// copy rather than converting the table again.
    pub(super) base_context: [tera::Context; 2],
    pub theme: &'a Theme,
    pub languages: Vec<Lang>,
    pub base_url: Option<String>,
    /// Every file the families publish for readers to download, in the families' order.
    pub downloads: Vec<Download>,
}

impl<'a> Ctx<'a> {
    /// The context of one build; the runner fills [`Ctx::downloads`] by asking the families.
    pub fn new(
        project: &'a Project,
        computed: &'a Computed,
        theme: &'a Theme,
        languages: Vec<Lang>,
        base_url: Option<String>,
        base_context: [tera::Context; 2],
    ) -> Ctx<'a> {
        Ctx {
            project,
            computed,
            i18n: theme.i18n(),
            base_context,
            theme,
            languages,
            base_url,
            downloads: Vec::new(),
        }
    }
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
