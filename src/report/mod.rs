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
mod docx;
mod form;
mod head;
mod page;
mod xlsx;

pub use form::{
    column_numbers, file_path, fill_years, line_cells, page_path, summary, unit_file, Part,
};

use crate::compute::report::{self, compiled_years, Report};
use crate::compute::scope::Scope;
use crate::compute::Computed;
use crate::lang::Lang;
use crate::model::{Project, UnitId};
use crate::routes::{ReportFile, UnitReports};
use crate::view::family::{Download, DownloadKind, Family, Job, Run, Subject};
use crate::view::{layout, Ctx, RenderError, Sink};

/// The half-year reports family: one job per unit, for all its half-years and languages.
pub struct Reports;

impl Family for Reports {
    fn jobs(&self, ctx: &Ctx) -> Vec<Job> {
        // Reports cover every language at once.
        ctx.project
            .units
            .ids()
            .map(|u| Job::unit(Lang::Vi, "Reports", u))
            .collect()
    }

    fn touched_by(&self, ctx: &Ctx, scope: &Scope, job: &Job) -> bool {
        match job.subject {
            Subject::Unit(u) => touched_by(ctx.project, scope, u),
            _ => true,
        }
    }

    fn pages(&self, ctx: &Ctx, job: &Job) -> Vec<String> {
        match job.subject {
            Subject::Unit(u) => paths(ctx.project, ctx.computed, u, &ctx.languages),
            _ => Vec::new(),
        }
    }

    fn render(&self, ctx: &Ctx, job: &Job, run: &Run, sink: &dyn Sink) -> Result<(), RenderError> {
        match job.subject {
            Subject::Unit(u) => files(ctx, u, run.workbooks, sink),
            _ => Ok(()),
        }
    }

    fn timing(&self, _: &Job) -> &'static str {
        "reports"
    }

    /// Each unit with reports: its workbook and CSV file of every half-year, then each
    /// half-year's Word document and compilation, newest first.
    fn downloads(&self, ctx: &Ctx) -> Vec<Download> {
        let project = ctx.project;
        let mut out = Vec::new();
        for u in project.units.ids() {
            let years = report::years(&project.units, &ctx.computed.figures, u);
            if years.is_empty() {
                continue;
            }
            for f in UnitReports::ALL {
                out.push(Download {
                    path: unit_file(project, u, f),
                    what: DownloadKind::UnitReports(u, f),
                });
            }
            let compiled = compiled_years(project, ctx.computed, u, &years);
            for &y in years.iter().rev() {
                let mut files = vec![ReportFile::Document];
                if compiled.contains(&y) {
                    files.push(ReportFile::Compilation);
                }
                for f in files {
                    out.push(Download {
                        path: file_path(project, u, y, f),
                        what: DownloadKind::Report(u, y, f),
                    });
                }
            }
        }
        out
    }

    /// The Word documents and workbooks: the preview leaves them out, they take most of a
    /// small site's build time.
    fn build_only(&self) -> &'static [&'static str] {
        &[".docx", ".xlsx"]
    }
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
