//! The half-year reports (compute::report): for every unit and year, a page that prints like
//! the province's template, its two tables as CSV, and a workbook to submit.
//!
//! This file says what a report publishes and where, and holds the wording that the page and
//! the workbook share (titles, headings, the summary); `page`, `csv` and `xlsx` each make one
//! kind of file from it.

mod csv;
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
use crate::routes::{self, ReportFile};

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

    /// The CSV file the table is published in.
    fn file(self) -> ReportFile {
        match self {
            Part::One => ReportFile::Forecast,
            Part::Two => ReportFile::Plan,
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

/// One of the report's files, from the site's root: `data/reports/tuan-giao-2024-H1.csv`.
fn file_path(project: &Project, unit: UnitId, year: i32, file: ReportFile) -> String {
    routes::report_file(&project.units.get(unit).slug, year, file)
}

/// The page, relative to its language's home.
fn page_path(project: &Project, unit: UnitId, year: i32) -> String {
    routes::report_page(super::unit_folder(project, unit), year)
}

/// Whether `unit`'s reports show something that changed: they show its own figures and
/// progress, and the targets it inherits (the plan columns), which is [`Scope::files`].
pub fn touched_by(scope: &Scope, unit: UnitId) -> bool {
    scope.files(unit)
}

/// What [`files`] makes for each of `unit`'s reports.
pub fn paths(
    project: &Project,
    computed: &Computed,
    unit: UnitId,
    languages: &[Lang],
) -> Vec<String> {
    let mut out = Vec::new();
    for year in report::years(&project.units, &computed.figures, unit) {
        out.extend(ReportFile::ALL.map(|f| file_path(project, unit, year, f)));
        let page = page_path(project, unit, year);
        for &lang in languages {
            out.push(format!("{}{page}", layout::prefix(languages, lang)));
        }
    }
    out
}

/// One report's pages (one per language), CSV files and, unless `workbooks` is off, workbook
/// and Word document.
pub fn files(ctx: &Ctx, r: &Report, workbooks: bool, sink: &dyn Sink) -> Result<(), RenderError> {
    let file = |f| file_path(ctx.project, r.unit, r.year, f);
    for part in Part::BOTH {
        sink.put(file(part.file()), csv::table(ctx.project, r, part))?;
    }
    if workbooks {
        let path = file(ReportFile::Workbook);
        let xlsx = xlsx::workbook(ctx, r).map_err(|e| RenderError::Workbook {
            path: path.clone(),
            message: e.to_string(),
        })?;
        sink.put(path, xlsx)?;
        let path = file(ReportFile::Document);
        let docx = docx::document(ctx, r).map_err(|message| RenderError::Workbook {
            path: path.clone(),
            message,
        })?;
        sink.put(path, docx)?;
    }
    for &lang in &ctx.languages {
        let (path, html) = page::page(ctx, r, lang)?;
        sink.put(
            format!("{}{path}", layout::lang_prefix(ctx, lang)),
            html.into_bytes(),
        )?;
    }
    Ok(())
}
