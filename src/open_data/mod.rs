//! The open data: every figure and every progress measure, as the data contract lists them, in
//! plain number format so that anyone can check and reuse them, and the catalogues of units and
//! indicators that say what their codes mean; described for tools in a data package and
//! gathered for Excel in one workbook.

mod datapackage;
mod json;
mod workbook;

pub use datapackage::licence;

use crate::compute::scope::Scope;
use crate::compute::{Computed, Progress};
use crate::encode::csv::{csv_body, csv_bytes};
use crate::format::{plain_number, round};
use crate::lang::Lang;
use crate::model::{IndicatorId, Project, UnitId};
use crate::routes::{self, DataFormat};
use crate::schema as columns;
use crate::view::family::{Download, DownloadKind, Family, Job, Run, Subject};
use crate::view::RenderError;
use crate::view::{Ctx, Sink};

/// The open data family: the whole site's files as one job (the longest of a build), and
/// each unit's own CSV and JSON files as a job of its own.
pub struct OpenData;

const SITE: &str = "OpenData";
const UNIT: &str = "UnitData";

/// The site-wide files, as the downloads page lists them: the translation key of each label
/// and its path.
const SITE_FILES: [(&str, &str); 6] = [
    ("data_workbook", routes::DATA_WORKBOOK),
    ("data_values", routes::VALUES),
    ("data_progress", routes::PROGRESS),
    ("data_units", routes::UNITS_CATALOGUE),
    ("data_indicators", routes::INDICATORS_CATALOGUE),
    ("data_package", routes::DATAPACKAGE),
];

impl Family for OpenData {
    fn jobs(&self, ctx: &Ctx) -> Vec<Job> {
        // Open data covers every language at once.
        let mut jobs = vec![Job::site(Lang::Vi, SITE)];
        jobs.extend(
            ctx.project
                .units
                .ids()
                .map(|u| Job::unit(Lang::Vi, UNIT, u)),
        );
        jobs
    }

    fn touched_by(&self, _: &Ctx, scope: &Scope, job: &Job) -> bool {
        match job.subject {
            Subject::Unit(u) => touched_by(scope, u),
            // The site-wide files hold every unit's figures.
            _ => true,
        }
    }

    fn render(&self, ctx: &Ctx, job: &Job, run: &Run, sink: &dyn Sink) -> Result<(), RenderError> {
        match job.subject {
            Subject::Unit(u) => unit_files(ctx, u, sink)?,
            _ => files(ctx, run.workbooks, sink)?,
        }
        Ok(())
    }

    fn timing(&self, _: &Job) -> &'static str {
        "open data"
    }

    fn downloads(&self, ctx: &Ctx) -> Vec<Download> {
        let mut out: Vec<Download> = SITE_FILES
            .iter()
            .map(|&(label, path)| Download {
                path: path.to_string(),
                what: DownloadKind::Site { label },
            })
            .collect();
        for (u, unit) in ctx.project.units.iter() {
            for f in [DataFormat::Csv, DataFormat::Json] {
                out.push(Download {
                    path: routes::unit_data(&unit.slug, f),
                    what: DownloadKind::UnitData(u, f),
                });
            }
        }
        out
    }

    /// The site's workbook: the preview leaves it out.
    fn build_only(&self) -> &'static [&'static str] {
        &[".xlsx"]
    }
}

fn pct(v: Option<f64>) -> String {
    v.map(|v| plain_number(v, 1)).unwrap_or_default()
}

/// The published value of a figure: the lower bound of a range, at the indicator's decimals.
fn value_cell(value: f64, decimals: usize) -> String {
    plain_number(value, decimals)
}

fn progress_row(
    project: &Project,
    unit: UnitId,
    indicator: IndicatorId,
    p: &Progress,
) -> Vec<String> {
    let d = project.catalogue.get(indicator).decimals;
    let period =
        |x: Option<(crate::model::Period, f64)>| x.map(|(p, _)| p.to_string()).unwrap_or_default();
    let value = |x: Option<(crate::model::Period, f64)>| {
        x.map(|(_, v)| value_cell(v, d)).unwrap_or_default()
    };
    vec![
        project.units.get(unit).code.clone(),
        project.catalogue.get(indicator).code.clone(),
        period(p.baseline),
        value(p.baseline),
        period(p.latest),
        value(p.latest),
        p.target_period.year.to_string(),
        value_cell(p.target, d),
        project.units.get(p.target_unit).code.clone(),
        pct(p.achievement),
        pct(p.progress),
        p.status.as_str().to_string(),
        project.plans.get(p.plan).code.clone(),
    ]
}

/// Whether `unit`'s own files show something that changed: its figures and its progress
/// against targets, its own or inherited ([`Scope::files`]).
pub fn touched_by(scope: &Scope, unit: UnitId) -> bool {
    scope.files(unit)
}

/// The whole site's tables as CSV text: `values.csv`, `progress.csv` (every unit's rows) and
/// the catalogues of units and indicators, in [`columns::site_tables`]' order.
fn site_tables(project: &Project, computed: &Computed) -> [Vec<u8>; 4] {
    use rayon::prelude::*;
    let per_unit: Vec<(Vec<u8>, Vec<u8>)> = project
        .units
        .ids()
        .collect::<Vec<_>>()
        .into_par_iter()
        .map(|u| site_rows(project, computed, u))
        .collect();
    // Each unit's rows arrive as CSV text: the whole site's rows as cells would take several
    // times the memory of the files.
    let mut values = csv_bytes(&columns::values().header(), []);
    let mut progress = csv_bytes(&columns::progress().header(), []);
    for (v, p) in per_unit {
        values.extend(v);
        progress.extend(p);
    }
    [
        values,
        progress,
        units_csv(project),
        indicators_csv(project),
    ]
}

/// The whole site's open data: `values.csv`, `progress.csv` (every unit's rows), the
/// catalogues, the data package and, with `workbook`, the same tables for Excel in
/// `data/chiso-data.xlsx`; none of a unit's own files, which are each unit's job
/// ([`unit_files`]), so that a partial render makes only those whose figures changed.
///
/// The tables are made once for both: the workbook is the longest job of a partial render,
/// and it is made beside the CSV files and the data package.
pub fn files(ctx: &Ctx, workbook: bool, sink: &dyn Sink) -> std::io::Result<()> {
    let (project, computed) = (ctx.project, ctx.computed);
    let tables = site_tables(project, computed);
    let date = crate::compute::history::data_date(project, computed);
    let (made, put) = rayon::join(
        || workbook.then(|| workbook_bytes(ctx, &tables, &date)),
        || -> std::io::Result<()> {
            let about = datapackage::About {
                title_vi: &ctx.site_title(Lang::Vi),
                title_en: &ctx.site_title(Lang::En),
                date: &date,
                base_url: ctx.base_url.as_deref(),
            };
            for (path, bytes) in datapackage::files(project, &ctx.downloads, &about) {
                sink.put(path, bytes)?;
            }
            for (path, bytes) in [
                routes::VALUES,
                routes::PROGRESS,
                routes::UNITS_CATALOGUE,
                routes::INDICATORS_CATALOGUE,
            ]
            .into_iter()
            .zip(&tables)
            {
                sink.put(path.into(), bytes.clone())?;
            }
            Ok(())
        },
    );
    put?;
    if let Some(bytes) = made {
        sink.put(routes::DATA_WORKBOOK.into(), bytes?)?;
    }
    Ok(())
}

/// `data/chiso-data.xlsx`: the tables of [`files`] for Excel.
fn workbook_bytes(ctx: &Ctx, tables: &[Vec<u8>; 4], date: &str) -> std::io::Result<Vec<u8>> {
    let columns = columns::site_tables();
    let content = workbook::Content {
        tables: columns
            .iter()
            .zip(tables)
            .map(|(t, b)| (t, b.as_slice()))
            .collect(),
        title: &ctx.site_title(Lang::Vi),
        licence: ctx.project.config.license(),
        date,
    };
    workbook::workbook(&content).map_err(std::io::Error::other)
}

/// `data/units.csv`: every unit, those that ended too, with the columns of the project's own
/// file, so that the codes of the other files can be read.
fn units_csv(project: &Project) -> Vec<u8> {
    let period = |p: Option<crate::model::Period>| p.map(|p| p.to_string()).unwrap_or_default();
    csv_bytes(
        &columns::units().header(),
        project.units.iter().map(|(_, u)| {
            vec![
                u.code.clone(),
                u.slug.clone(),
                u.name.clone(),
                u.name_en.clone(),
                u.level.clone(),
                u.parent.clone().unwrap_or_default(),
                period(u.from),
                period(u.until),
                u.formed_from.join(" "),
            ]
        }),
    )
}

/// `data/indicators.csv`: the catalogue with the columns of the project's own file.
fn indicators_csv(project: &Project) -> Vec<u8> {
    use crate::model::{Aggregate, Direction, Measure};
    let cat = &project.catalogue;
    csv_bytes(
        &columns::indicators().header(),
        cat.iter().map(|(_, ind)| {
            let (numerator, denominator, scale) = match &ind.derivation {
                Some(d) => (
                    cat.get(d.numerator).code.clone(),
                    cat.get(d.denominator).code.clone(),
                    d.scale.to_string(),
                ),
                None => Default::default(),
            };
            vec![
                ind.code.clone(),
                ind.group.clone(),
                ind.group_en.clone(),
                ind.name.clone(),
                ind.name_en.clone(),
                ind.unit_of_measure.clone(),
                ind.unit_of_measure_en.clone(),
                match ind.direction {
                    Direction::Up => "up",
                    Direction::Down => "down",
                }
                .into(),
                match ind.measure {
                    Measure::Stock => "stock",
                    Measure::Flow => "flow",
                }
                .into(),
                numerator,
                denominator,
                scale,
                match ind.aggregate {
                    Aggregate::Sum => "sum",
                    Aggregate::None => "none",
                }
                .into(),
                ind.decimals.to_string(),
            ]
        }),
    )
}

/// One unit's rows of `values.csv` and `progress.csv`, as CSV text without the header.
fn site_rows(project: &Project, computed: &Computed, u: UnitId) -> (Vec<u8>, Vec<u8>) {
    let cat = &project.catalogue;
    let code = &project.units.get(u).code;
    let mut values = Vec::new();
    let mut progress = Vec::new();
    for (i, ind) in cat.iter() {
        for (key, f) in computed.figures.series(u, i) {
            values.push(vec![
                code.clone(),
                ind.code.clone(),
                key.period.to_string(),
                key.kind.as_str().into(),
                value_cell(f.value, ind.decimals),
                f.origin.as_str().into(),
            ]);
        }
        // One row per plan, in the plans' order.
        for p in computed
            .progress
            .values()
            .filter_map(|plan| plan[u][i].as_ref())
        {
            progress.push(progress_row(project, u, i, p));
        }
    }
    (csv_body(values), csv_body(progress))
}

/// `unit`'s own files, `data/<slug>.csv` and `data/<slug>.json`: its figures with their
/// sources and notes, and its progress against each plan's targets.
pub fn unit_files(ctx: &Ctx, u: UnitId, sink: &dyn Sink) -> std::io::Result<()> {
    let (project, computed) = (ctx.project, ctx.computed);
    let cat = &project.catalogue;
    let units = &project.units;
    let mut unit_rows = Vec::new();
    let mut indicators = Vec::new();
    for (i, ind) in cat.iter() {
        let mut entry = json::IndicatorJson::of(ind);
        for (key, f) in computed.figures.series(u, i) {
            unit_rows.push(vec![
                ind.code.clone(),
                ind.name.clone(),
                ind.name_en.clone(),
                ind.unit_of_measure.clone(),
                ind.unit_of_measure_en.clone(),
                key.period.to_string(),
                key.kind.as_str().into(),
                value_cell(f.value, ind.decimals),
                f.upper
                    .map(|up| value_cell(up, ind.decimals))
                    .unwrap_or_default(),
                f.origin.as_str().into(),
                f.source.clone(),
                f.note.clone(),
            ]);
            entry.figures.push(json::FigureJson {
                period: key.period.to_string(),
                kind: key.kind.as_str(),
                value: round(f.value, ind.decimals),
                value_max: f.upper.map(|v| round(v, ind.decimals)),
                origin: f.origin.as_str(),
                source: &f.source,
                note: &f.note,
            });
        }
        // One row per plan, in the plans' order.
        for p in computed
            .progress
            .values()
            .filter_map(|plan| plan[u][i].as_ref())
        {
            let r = |v: f64| round(v, ind.decimals);
            entry.progress.push(json::ProgressJson {
                baseline_period: p.baseline.map(|(p, _)| p.to_string()),
                baseline_value: p.baseline.map(|(_, v)| r(v)),
                latest_period: p.latest.map(|(p, _)| p.to_string()),
                latest_value: p.latest.map(|(_, v)| r(v)),
                target_year: p.target_period.year,
                target_value: r(p.target),
                target_max: p.target_upper.map(r),
                target_unit: &units.get(p.target_unit).code,
                achievement_pct: p.achievement.map(|v| round(v, 1)),
                progress_pct: p.progress.map(|v| round(v, 1)),
                status: p.status.as_str(),
                plan: &project.plans.get(p.plan).code,
            });
        }
        indicators.push(entry);
    }
    let slug = &units.get(u).slug;
    sink.put(
        routes::unit_data(slug, DataFormat::Csv),
        csv_bytes(&columns::unit_figures().header(), unit_rows),
    )?;
    let json = json::UnitJson {
        unit: units.get(u),
        indicators,
    };
    sink.put(routes::unit_data(slug, DataFormat::Json), json.bytes())
}
