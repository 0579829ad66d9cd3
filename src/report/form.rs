//! What the half-year reports say, whatever file they are printed in: the template's two
//! tables (`Part`), their columns, headings and column numbers, a line's printed cells, the
//! summary, and where each report's files sit in the site.

use crate::compute::report::{self, Report, Table, FIRST_FIGURE};
use crate::lang::Lang;
use crate::model::{Project, UnitId};
use crate::routes::{self, ReportFile, UnitReports};
use crate::view::{unit_folder, Ctx};

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
            Part::One => crate::schema::REPORT_PART_ONE,
            Part::Two => crate::schema::REPORT_PART_TWO,
        }
    }

    pub fn i18n_prefix(self) -> &'static str {
        match self {
            Part::One => "report_col_",
            Part::Two => "report_plan_col_",
        }
    }

    pub fn id(self) -> &'static str {
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
pub fn file_path(project: &Project, unit: UnitId, year: i32, file: ReportFile) -> String {
    routes::report_file(&project.units.get(unit).slug, year, file)
}

/// One of the files holding all of `unit`'s reports: `data/reports/tuan-giao.xlsx`.
pub fn unit_file(project: &Project, unit: UnitId, file: UnitReports) -> String {
    routes::unit_reports(&project.units.get(unit).slug, file)
}

/// The page, relative to its language's home.
pub fn page_path(project: &Project, unit: UnitId, year: i32) -> String {
    routes::report_page(unit_folder(project, unit), year)
}
