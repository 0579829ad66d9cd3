//! The half-year reports (compute::report): for every unit and year, a page that prints like
//! the province's template (one per language) and the Word document to sign; for every unit,
//! one workbook with a sheet per half-year and one CSV file with both tables of every
//! half-year; for a parent and a half-year its children reported on, the compilation, a
//! workbook with a sheet per unit.
//!
//! This file says what the reports publish and where, and holds the wording that the page and
//! the workbooks share (titles, headings, the summary); `page`, `csv`, `xlsx` and `docx` each
//! make one kind of file from it.

mod csv;

pub use csv::FIGURES as REPORT_COLUMNS;
mod docx;
mod head;
mod page;
mod xlsx;

use super::layout;
use super::scope::Scope;
use super::{Ctx, RenderError, Sink};
use crate::compute::report::{self, Report, Table, FIRST_FIGURE};
use crate::compute::Computed;
use crate::lang::Lang;
use crate::model::{Project, UnitId};
use crate::routes::{self, ReportFile, UnitReports};

/// The report's two tables.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// Part One, section II: the forecast of the year's plan.
    One,
    /// Part Two, section II: the plan for the next year.
    Two,
}

impl Part {
    pub const BOTH: [Part; 2] = [Part::One, Part::Two];

    pub fn table(self, r: &Report) -> &Table {
        match self {
            Part::One => &r.forecast,
            Part::Two => &r.plan,
        }
    }

    /// The open data's names of the columns after the first three; with `i18n_prefix` they are
    /// also the keys of the headings.
    pub fn columns(self) -> &'static [&'static str] {
        match self {
            Part::One => &[
                "h1_prev",
                "prev_year",
                "plan",
                "h1",
                "estimate",
                "pct_h1_plan",
                "pct_h1_h1prev",
                "pct_estimate_plan",
            ],
            Part::Two => &["estimate", "plan_next", "pct_plan_estimate"],
        }
    }

    fn i18n_prefix(self) -> &'static str {
        match self {
            Part::One => "report_col_",
            Part::Two => "report_plan_col_",
        }
    }

    fn id(self) -> &'static str {
        match self {
            Part::One => "forecast",
            Part::Two => "plan",
        }
    }

    /// The table's title, as the template words it.
    pub fn title(self, ctx: &Ctx, r: &Report, lang: Lang) -> String {
        let key = match self {
            Part::One => "report_forecast_title",
            Part::Two => "report_plan_title",
        };
        fill_years(ctx, lang, key, r.year)
    }

    /// Every column's heading, in the template's words.
    pub fn headings(self, ctx: &Ctx, r: &Report, lang: Lang) -> Vec<String> {
        let mut out = vec![
            ctx.i18n.get(lang, "report_col_stt"),
            ctx.i18n.get(lang, "report_col_indicator"),
            ctx.i18n.get(lang, "col_unit"),
        ];
        out.extend(self.columns().iter().map(|c| {
            let key = format!("{}{c}", self.i18n_prefix());
            fill_years(ctx, lang, &key, r.year)
        }));
        out
    }
}

/// The template's row of column numbers: 1, 2, 3 … then `9=7/6` for a ratio column.
pub fn column_numbers(table: &Table) -> Vec<String> {
    let figures_end = FIRST_FIGURE + table.figure_columns;
    (1..figures_end)
        .map(|n| n.to_string())
        .chain(
            table
                .ratios
                .iter()
                .enumerate()
                .map(|(k, (a, b))| format!("{}={a}/{b}", figures_end + k)),
        )
        .collect()
}

/// A line's cells after its indicator, unit of measure and number, as the page and the Word
/// document print them: its figures at the indicator's decimals, then its ratios at one
/// decimal, empty where there is none.
pub fn line_cells(ctx: &Ctx, line: &report::Line, table: &Table, lang: Lang) -> Vec<String> {
    let i = line.indicator;
    let figures = line
        .figures
        .iter()
        .map(|v| v.map(|v| ctx.number(i, v, lang)));
    let percents = line
        .percents(table.ratios)
        .into_iter()
        .map(|v| v.map(|v| crate::format::number(v, 1, lang)));
    figures
        .chain(percents)
        .map(Option::unwrap_or_default)
        .collect()
}

/// The text of `key` with `{year}`, `{prev}` (year − 1) and `{next}` (year + 1) filled.
pub fn fill_years(ctx: &Ctx, lang: Lang, key: &str, year: i32) -> String {
    ctx.i18n.fill(
        lang,
        key,
        &[
            ("year", &year.to_string()),
            ("prev", &(year - 1).to_string()),
            ("next", &(year + 1).to_string()),
        ],
    )
}

/// The summary sentence of Part One; in words, not a sentence of zeros, when no indicator has
/// both a plan figure and an estimate for the year.
pub fn summary(ctx: &Ctx, r: &Report, lang: Lang) -> String {
    let s = r.summary;
    if s.total == 0 {
        return ctx.i18n.fill(
            lang,
            "report_summary_none",
            &[("year", &r.year.to_string())],
        );
    }
    ctx.i18n.fill(
        lang,
        "report_summary",
        &[
            ("total", &s.total.to_string()),
            ("year", &r.year.to_string()),
            ("met", &s.met.to_string()),
            ("missed", &s.missed.to_string()),
        ],
    )
}

/// One of the report's files, from the site's root: `data/reports/tuan-giao-2024-H1.docx`.
fn file_path(project: &Project, unit: UnitId, year: i32, file: ReportFile) -> String {
    routes::report_file(&project.units.get(unit).slug, year, file)
}

/// One of the files holding all of `unit`'s reports: `data/reports/tuan-giao.xlsx`.
fn unit_file(project: &Project, unit: UnitId, file: UnitReports) -> String {
    routes::unit_reports(&project.units.get(unit).slug, file)
}

/// The page, relative to its language's home.
fn page_path(project: &Project, unit: UnitId, year: i32) -> String {
    routes::report_page(super::unit_folder(project, unit), year)
}

/// The years of `unit`'s reports that have a compilation: those on which a child reported
/// too. `years` are the unit's own report years.
pub fn compiled_years(
    project: &Project,
    computed: &Computed,
    unit: UnitId,
    years: &[i32],
) -> Vec<i32> {
    let children: Vec<Vec<i32>> = project
        .units
        .children(unit)
        .iter()
        .map(|&c| report::years(&project.units, &computed.figures, c))
        .collect();
    years
        .iter()
        .copied()
        .filter(|y| children.iter().any(|c| c.contains(y)))
        .collect()
}

/// Whether `unit`'s reports show something that changed: they show its own figures and
/// progress, and the targets it inherits (the plan columns), which is [`Scope::files`]; its
/// compilations show its children's reports too.
pub fn touched_by(project: &Project, scope: &Scope, unit: UnitId) -> bool {
    scope.files(unit) || project.units.children(unit).iter().any(|&c| scope.files(c))
}

/// The files a unit's reports job makes: the unit's workbook and CSV file when it has reports
/// at all, then for each half-year its Word document, its compilation if a child reported too,
/// and its page in each language.
pub fn paths(
    project: &Project,
    computed: &Computed,
    unit: UnitId,
    languages: &[Lang],
) -> Vec<String> {
    let years = report::years(&project.units, &computed.figures, unit);
    let mut out = Vec::new();
    if years.is_empty() {
        return out;
    }
    out.extend(UnitReports::ALL.map(|f| unit_file(project, unit, f)));
    let compiled = compiled_years(project, computed, unit, &years);
    for &year in &years {
        out.push(file_path(project, unit, year, ReportFile::Document));
        if compiled.contains(&year) {
            out.push(file_path(project, unit, year, ReportFile::Compilation));
        }
        let page = page_path(project, unit, year);
        for &lang in languages {
            out.push(format!("{}{page}", layout::prefix(languages, lang)));
        }
    }
    out
}

/// Every file of `unit`'s reports ([`paths`]); workbooks and Word documents only when
/// `workbooks` is on (not in the live preview).
pub fn files(ctx: &Ctx, unit: UnitId, workbooks: bool, sink: &dyn Sink) -> Result<(), RenderError> {
    let project = ctx.project;
    let reports = report::of_unit(project, ctx.computed, unit);
    if reports.is_empty() {
        return Ok(());
    }
    sink.put(
        unit_file(project, unit, UnitReports::Csv),
        csv::unit_tables(project, &reports),
    )?;
    let workbook_error = |path: &str, message: String| RenderError::Workbook {
        path: path.to_string(),
        message,
    };
    let years: Vec<i32> = reports.iter().map(|r| r.year).collect();
    let compiled = compiled_years(project, ctx.computed, unit, &years);
    if workbooks {
        let path = unit_file(project, unit, UnitReports::Workbook);
        let xlsx =
            xlsx::unit_workbook(ctx, &reports).map_err(|e| workbook_error(&path, e.to_string()))?;
        sink.put(path, xlsx)?;
        if !compiled.is_empty() {
            // Each child's reports, made once for all the half-years compiled.
            let children: Vec<Report> = project
                .units
                .children(unit)
                .iter()
                .flat_map(|&c| report::of_unit(project, ctx.computed, c))
                .filter(|r| compiled.contains(&r.year))
                .collect();
            for r in reports.iter().filter(|r| compiled.contains(&r.year)) {
                let of_year: Vec<&Report> = children.iter().filter(|c| c.year == r.year).collect();
                let path = file_path(project, unit, r.year, ReportFile::Compilation);
                let xlsx = xlsx::compilation(ctx, r, &of_year)
                    .map_err(|e| workbook_error(&path, e.to_string()))?;
                sink.put(path, xlsx)?;
            }
        }
    }
    for r in &reports {
        if workbooks {
            let path = file_path(project, unit, r.year, ReportFile::Document);
            let docx = docx::document(ctx, r).map_err(|message| workbook_error(&path, message))?;
            sink.put(path, docx)?;
        }
        for &lang in &ctx.languages {
            let (path, html) = page::page(ctx, r, compiled.contains(&r.year), lang)?;
            sink.put(
                format!("{}{path}", layout::lang_prefix(ctx, lang)),
                html.into_bytes(),
            )?;
        }
    }
    Ok(())
}
