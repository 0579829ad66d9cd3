//! A report's page, one per language: the two tables as the province's template prints them,
//! the summary, and links to the Word document, the unit's workbook and CSV file of every
//! half-year, and the compilation of its children's reports when it has one.

use serde::Serialize;

use super::{column_numbers, file_path, fill_years, page_path, summary, unit_file, Part};
use crate::compute::report::Report;
use crate::lang::Lang;
use crate::model::UnitId;
use crate::routes::{ReportFile, UnitReports};
use crate::theme::ThemeError;
use crate::view::layout::{layout, Link};
use crate::view::tables::{indicator_href, unit_href};
use crate::view::Ctx;

#[derive(Serialize)]
struct LineView {
    stt: usize,
    name: String,
    href: String,
    unit: String,
    cells: Vec<String>,
}

#[derive(Serialize)]
struct SectionView {
    numeral: String,
    name: String,
    lines: Vec<LineView>,
}

#[derive(Serialize)]
struct TableView {
    id: &'static str,
    title: String,
    headings: Vec<String>,
    numbers: Vec<String>,
    sections: Vec<SectionView>,
}

#[derive(Serialize)]
struct ReportView {
    title: String,
    unit: String,
    unit_href: String,
    downloads: Vec<Link>,
    forecast: TableView,
    summary: String,
    plan: TableView,
    /// Why a unit has no plan for the next year: it ended before it.
    plan_note: Option<String>,
}

fn table_view(ctx: &Ctx, r: &Report, part: Part, lang: Lang, home: &str) -> TableView {
    let table = part.table(r);
    let cat = &ctx.project.catalogue;
    let sections = table
        .sections
        .iter()
        .map(|s| SectionView {
            numeral: s.numeral.clone(),
            name: {
                let ind = cat.get(s.indicator);
                lang.pick(&ind.group, &ind.group_en).to_string()
            },
            lines: s
                .lines
                .iter()
                .map(|line| {
                    let i = line.indicator;
                    LineView {
                        stt: line.stt,
                        name: ctx.indicator_name(i, lang).to_string(),
                        href: indicator_href(ctx, i, home),
                        unit: ctx.unit_of_measure(i, lang).to_string(),
                        cells: super::line_cells(ctx, line, table, lang),
                    }
                })
                .collect(),
        })
        .collect();
    TableView {
        id: part.id(),
        title: part.title(ctx, r, lang),
        headings: part.headings(ctx, r, lang),
        numbers: column_numbers(table),
        sections,
    }
}

/// `r`'s page in `lang`; `compiled` when a child reported on the half-year too, so that the
/// unit has a compilation.
pub fn page(
    ctx: &Ctx,
    r: &Report,
    compiled: bool,
    lang: Lang,
) -> Result<(String, String), ThemeError> {
    let path = page_path(ctx.project, r.unit, r.year);
    let unit = ctx.unit_name(r.unit, lang).to_string();
    let title = fill_years(ctx, lang, "report_title", r.year);
    let full_title = format!("{title} – {unit}");
    let mut page = layout(ctx, lang, &path, &full_title, &full_title, Vec::new());
    let home = page.home.clone();
    let mut crumbs: Vec<UnitId> = ctx.project.units.ancestors(r.unit).collect();
    crumbs.reverse();
    crumbs.push(r.unit);
    page.breadcrumbs = crumbs
        .into_iter()
        .map(|u| Link {
            label: ctx.unit_name(u, lang).to_string(),
            href: unit_href(ctx, u, &home),
            current: false,
        })
        .collect();
    // The Word document to sign first, then the workbooks and the open data.
    let project = ctx.project;
    let mut files = vec![(
        file_path(project, r.unit, r.year, ReportFile::Document),
        "report_file_docx",
    )];
    files.push((
        unit_file(project, r.unit, UnitReports::Workbook),
        "report_file_xlsx",
    ));
    if compiled {
        files.push((
            file_path(project, r.unit, r.year, ReportFile::Compilation),
            "report_file_compilation",
        ));
    }
    files.push((
        unit_file(project, r.unit, UnitReports::Csv),
        "report_file_csv",
    ));
    let downloads = files
        .into_iter()
        .map(|(file, key)| {
            let name = file.rsplit('/').next().unwrap_or(&file);
            Link {
                label: format!("{} – {name}", fill_years(ctx, lang, key, r.year)),
                href: format!("{}{file}", page.site),
                current: false,
            }
        })
        .collect();
    let view = ReportView {
        title,
        unit_href: unit_href(ctx, r.unit, &home),
        unit,
        downloads,
        forecast: table_view(ctx, r, Part::One, lang, &home),
        summary: summary(ctx, r, lang),
        plan: table_view(ctx, r, Part::Two, lang, &home),
        plan_note: ended_before_next_year(ctx, r, lang),
    };
    let mut context = ctx.context(lang, &page);
    context.insert("report", &view);
    Ok((path, ctx.render("report.html", &context)?))
}

/// "Huyện Tuần Giáo kết thúc sau 6 tháng đầu năm 2025, nên không có kế hoạch năm 2026.": a
/// report's next-year plan table for a unit that did not live into that year.
pub(super) fn ended_before_next_year(ctx: &Ctx, r: &Report, lang: Lang) -> Option<String> {
    let units = &ctx.project.units;
    if crate::compute::report::lived_in(units, r.unit, r.year + 1) {
        return None;
    }
    let until = units.get(r.unit).until?;
    Some(ctx.i18n.fill(
        lang,
        "report_plan_unit_ended",
        &[
            ("unit", ctx.unit_name(r.unit, lang)),
            ("period", &ctx.period_in_text(until, lang)),
            ("year", &(r.year + 1).to_string()),
        ],
    ))
}
