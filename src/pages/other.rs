//! The methodology, the downloads, editors' extra pages and the 404 page.

use serde::Serialize;

use crate::lang::Lang;
use crate::model::content::LangKey;
use crate::model::UnitId;
use crate::routes::{self, DataFormat, ReportFile, UnitReports};
use crate::theme::ThemeError;
use crate::view::family::DownloadKind;
use crate::view::layout::{layout, Link};
use crate::view::{Ctx, OutputFile};

pub fn methodology(ctx: &Ctx, lang: Lang) -> Result<(String, String), ThemeError> {
    let path = routes::METHODOLOGY;
    let title = ctx.i18n.get(lang, "methodology_title");
    let page = layout(ctx, lang, path, &title, &title, Vec::new());
    let mut context = ctx.context(lang, &page);
    context.insert(
        "target_year",
        &ctx.project
            .plans
            .current()
            .map(|p| ctx.project.plans.get(p).until)
            .or(ctx.project.config.target_year)
            .unwrap_or(2025),
    );
    context.insert("plans", &method_plans(ctx, lang));
    Ok((path.into(), ctx.render("methodology.html", &context)?))
}

/// A plan as the methodology names it.
#[derive(Serialize)]
struct MethodPlan {
    id: String,
    name: String,
    /// `2021–2025`.
    years: String,
    from: i32,
    until: i32,
    current: bool,
    /// Its final year is before the year of the latest actual figure.
    ended: bool,
}

/// The project's plans in time order, for the methodology page.
fn method_plans(ctx: &Ctx, lang: Lang) -> Vec<MethodPlan> {
    let plans = &ctx.project.plans;
    plans
        .iter()
        .map(|(id, p)| MethodPlan {
            id: p.code.clone(),
            name: match lang {
                Lang::Vi => p.name.clone(),
                Lang::En => p.name_en.clone(),
            },
            years: p.years(),
            from: p.from,
            until: p.until,
            current: plans.current() == Some(id),
            ended: plans.now().is_some_and(|y| p.until < y),
        })
        .collect()
}

#[derive(Serialize, Default)]
struct UnitFiles {
    name: String,
    csv: String,
    json: String,
    /// The unit's workbook and CSV file of every half-year, when it has reports.
    report_files: Option<(String, String)>,
    /// The unit's half-year reports: (year, Word document, compilation if any), newest first.
    reports: Vec<(i32, String, Option<String>)>,
}

pub fn data(ctx: &Ctx, lang: Lang) -> Result<(String, String), ThemeError> {
    let path = routes::DATA;
    let title = ctx.i18n.get(lang, "data_title");
    let page = layout(ctx, lang, path, &title, &title, Vec::new());
    let site = page.site.clone();
    // What the families publish, unit by unit, as they listed it.
    let mut units: crate::model::PerUnit<UnitFiles> = ctx
        .project
        .units
        .ids()
        .map(|u| UnitFiles {
            name: ctx.unit_name(u, lang).to_string(),
            ..UnitFiles::default()
        })
        .collect();
    let mut files = Vec::new();
    for d in &ctx.downloads {
        let href = format!("{site}{}", d.path);
        match d.what {
            DownloadKind::Site { label } => files.push(Link {
                label: ctx.i18n.get(lang, label),
                href,
                current: false,
            }),
            DownloadKind::UnitData(u, DataFormat::Csv) => units[u].csv = href,
            DownloadKind::UnitData(u, DataFormat::Json) => units[u].json = href,
            DownloadKind::UnitReports(u, f) => {
                let (workbook, csv) = units[u].report_files.get_or_insert_with(Default::default);
                match f {
                    UnitReports::Workbook => *workbook = href,
                    UnitReports::Csv => *csv = href,
                }
            }
            DownloadKind::Report(u, year, ReportFile::Document) => {
                units[u].reports.push((year, href, None));
            }
            DownloadKind::Report(u, year, ReportFile::Compilation) => {
                if let Some(r) = units[u].reports.iter_mut().find(|r| r.0 == year) {
                    r.2 = Some(href);
                }
            }
        }
    }
    let units: Vec<UnitFiles> = units.into_vec();
    let root = ctx.project.units.get(UnitId::ROOT);
    let licence = ctx.project.config.license();
    let mut context = ctx.context(lang, &page);
    context.insert(
        "licence_text",
        &ctx.i18n.fill(
            lang,
            "data_licence",
            &[
                ("licence", licence),
                ("source", lang.pick(&root.name, &root.name_en)),
            ],
        ),
    );
    context.insert("tables", &column_tables(lang));
    context.insert("files", &files);
    context.insert("units", &units);
    Ok((path.into(), ctx.render("data.html", &context)?))
}

/// A published table's columns as the data page explains them.
#[derive(Serialize)]
struct ColumnTable {
    file: String,
    title: &'static str,
    about: &'static str,
    /// (name, meaning, unit of measure).
    columns: Vec<(&'static str, &'static str, &'static str)>,
}

fn column_tables(lang: Lang) -> Vec<ColumnTable> {
    use crate::schema as columns;
    let [values, progress, units, indicators] = columns::site_tables();
    [values, progress, units, indicators, columns::unit_figures()]
        .into_iter()
        .map(|t| ColumnTable {
            file: if t.name == "unit-figures" {
                "<slug>.csv".into()
            } else {
                format!("{}.csv", t.name)
            },
            title: lang.pick(t.title_vi, t.title_en),
            about: lang.pick(t.vi, t.en),
            columns: t
                .columns
                .iter()
                .map(|c| (c.name, lang.pick(c.vi, c.en), c.unit.unwrap_or("")))
                .collect(),
        })
        .collect()
}

pub fn page(ctx: &Ctx, slug: &str, lang: Lang) -> Result<(String, String), ThemeError> {
    let text = ctx.page_text(slug, lang);
    let p = text.map(|(p, _)| p);
    let path = routes::page(slug);
    let (title, description, html) = match p {
        Some(p) => (
            p.narrative
                .front
                .title
                .clone()
                .unwrap_or_else(|| slug.to_string()),
            p.narrative.front.description.clone().unwrap_or_default(),
            crate::view::shortcodes::render_narrative(ctx, &p.narrative, UnitId::ROOT, lang, 2),
        ),
        None => (slug.to_string(), String::new(), String::new()),
    };
    let page = layout(ctx, lang, &path, &title, &description, Vec::new());
    let mut context = ctx.context(lang, &page);
    context.insert("heading", &title);
    context.insert("body", &html);
    // A reader is told when what follows is in the other language, and the browser (and a
    // screen reader) is told which language that is.
    let text_lang = text.map_or(LangKey::from(lang), |(_, l)| l);
    context.insert("untranslated", &(text_lang != LangKey::from(lang)));
    context.insert(
        "text_lang",
        match text_lang {
            LangKey::Vi => "vi",
            LangKey::En => "en",
        },
    );
    Ok((path, ctx.render("page.html", &context)?))
}

pub fn not_found(ctx: &Ctx) -> Result<OutputFile, ThemeError> {
    let lang = ctx.languages.first().copied().unwrap_or_default();
    let title = ctx.i18n.get(lang, "not_found_title");
    let mut page = layout(ctx, lang, routes::NOT_FOUND, &title, &title, Vec::new());
    // A host serves this page for any missing address, at any depth, so relative links would
    // point nowhere; with a known base address every link is made absolute.
    if let Some(base) = &ctx.base_url {
        page.site = base.clone();
        page.home = base.clone();
        for link in page.nav.iter_mut() {
            link.href = format!("{base}{}", link.href);
        }
        page.alternates.clear();
        page.canonical = None;
    }
    let context = ctx.context(lang, &page);
    Ok(OutputFile {
        path: routes::NOT_FOUND.into(),
        bytes: ctx.render("404.html", &context)?.into_bytes(),
    })
}
