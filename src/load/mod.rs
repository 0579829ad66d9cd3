//! Reading and validating a dashboard project: every problem is collected before any is reported.

pub mod config;
pub mod content;
pub mod files;
pub mod gaps;
pub mod headers;
pub mod images;
pub mod indicators;
pub mod number;
pub mod periods;
pub mod plans;
pub mod slug_typos;
pub mod spreadsheet;
pub mod table;
pub mod text;
pub mod theme;
pub mod units;
pub mod values;
pub mod values_folder;
pub mod workbook_limits;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostics, Problem};

use crate::model::{
    Catalogue, Figures, Period, Project, Sources, Unit, UnitId, UnitTree, Workbook,
};
use crate::text::suggest;
use crate::theme::Theme;
use table::Table;

/// Loads the project at `root`. `Err` carries every problem found; `Ok` may carry warnings.
pub fn load(root: &Path) -> Result<Loaded, Diagnostics> {
    let mut diags = Diagnostics::default();
    let mut workbooks = Vec::new();
    let config = config::load(root, &mut diags);
    let units = read(
        root,
        "data/units.csv",
        headers::UNITS,
        &mut diags,
        &mut workbooks,
        units::load_with_lines,
    );
    let catalogue = read(
        root,
        "data/indicators.csv",
        headers::INDICATORS,
        &mut diags,
        &mut workbooks,
        indicators::load,
    );
    let (Some(units_read), Some(catalogue)) = (units, catalogue) else {
        Sources::new(Vec::new(), workbooks).name_cells(&mut diags);
        diags.sort();
        return Err(diags);
    };
    let units = units_read.tree;
    config::check_codes(&config, &catalogue, &mut diags);
    config::check_report(&config, &units, &mut diags);
    // The values files are independent (one unit each): read, parsed and checked in parallel,
    // then taken in file order, so that problems come out as if read one after the other.
    let files = values_folder::value_files(root, &mut diags);
    let loaded: Vec<(Diagnostics, Option<UnitFile>, Option<Workbook>)> = files
        .par_iter()
        .map(|rel| values_file(root, rel, &units, &catalogue))
        .collect();
    let mut entered = Figures::new(units.len(), catalogue.len());
    let mut unit_files = Vec::new();
    for (file_diags, figures, workbook) in loaded {
        diags.extend(file_diags);
        workbooks.extend(workbook);
        if let Some((unit, figures, file)) = figures {
            entered.append_unit(unit, figures);
            unit_files.push((unit, file));
        }
    }
    let plans = plans::resolve(&config, &entered, units.len(), &unit_files, &mut diags);
    let content = content::load(root, &units, &mut diags);
    let theme = theme::load(root, &mut diags);
    let gaps_file = Path::new("data/coverage-gaps.csv");
    let gaps = if ["csv", "xlsx", "xls"]
        .iter()
        .any(|x| root.join(gaps_file.with_extension(x)).exists())
    {
        read(
            root,
            "data/coverage-gaps.csv",
            headers::GAPS,
            &mut diags,
            &mut workbooks,
            |t, d| Some(gaps::load(t, &units, d)),
        )
        .unwrap_or_default()
    } else {
        Vec::new()
    };
    slug_typos::slug_typos(
        root,
        &units_read.file,
        &units_read.slug_lines,
        &units,
        &mut diags,
    );
    let sources = Sources::new(unit_files, workbooks);
    sources.name_cells(&mut diags);
    diags.sort();
    let Some(theme) = theme.filter(|_| !diags.has_errors()) else {
        return Err(diags);
    };
    Ok(Loaded {
        project: Project {
            root: root.to_path_buf(),
            config,
            units,
            catalogue,
            entered,
            plans,
            content,
            gaps,
            sources,
        },
        theme,
        diags,
    })
}

/// What [`load`] read: the project, the theme its pages are made with (the project's own
/// templates compiled over the built-in ones), kept beside the project rather than in it, and
/// the warnings.
pub struct Loaded {
    pub project: Project,
    pub theme: Theme,
    pub diags: Diagnostics,
}

/// A values file's unit, its figures (as a one-unit `Figures`) and the file as read (`.csv`
/// or `.xlsx`).
type UnitFile = (UnitId, Figures, PathBuf);

/// One unit's values file: its problems, its unit's figures (as a one-unit `Figures`) unless
/// no unit has its name, and where its cells are if it is a workbook.
fn values_file(
    root: &Path,
    rel: &Path,
    units: &UnitTree,
    catalogue: &Catalogue,
) -> (Diagnostics, Option<UnitFile>, Option<Workbook>) {
    let mut diags = Diagnostics::default();
    let slug = rel
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("")
        .to_string();
    let Some(unit) = units.by_slug(&slug) else {
        diags.push(
            rel,
            None,
            None,
            Problem::FileForNoUnit {
                suggestion: suggest(&slug, units.iter().map(|(_, u)| u.slug.as_str())),
                slug,
            },
        );
        return (diags, None, None);
    };
    let mut figures = Figures::new(1, catalogue.len());
    let mut file = rel.with_extension("csv");
    let mut workbook = None;
    if let Some(t) = Table::read(
        root,
        &rel.with_extension("csv"),
        headers::VALUES,
        &mut diags,
    ) {
        file = t.file.clone();
        // The file's figures go to the only unit of a one-unit table, appended to `unit`'s later.
        values::load(
            &t,
            UnitId::from_index(0),
            catalogue,
            &mut figures,
            &mut diags,
        );
        outside_life(units.get(unit), &figures, &t.file, &mut diags);
        workbook = t.workbook();
    }
    (diags, Some((unit, figures, file)), workbook)
}

/// A unit's actuals and estimates outside its life are refused: its figures then belong to the
/// units that existed (a district's 2026 figure is a typo, or a commune's). Targets may be
/// written for any year: a plan set them for units that later ended.
fn outside_life(unit: &Unit, figures: &Figures, file: &Path, diags: &mut Diagnostics) {
    let mut wrong: Vec<(Option<usize>, Period)> = figures
        .unit(UnitId::from_index(0))
        .values()
        .flat_map(|series| series.iter())
        .filter(|(k, _)| k.kind.is_computed() && !unit.lives_at(k.period))
        .map(|(k, f)| (f.line, k.period))
        .collect();
    wrong.sort();
    for (line, period) in wrong {
        diags.push(
            file,
            line,
            Some("period"),
            Problem::OutsideLife {
                unit: unit.name.clone(),
                period: period.to_string(),
                from: unit.from.map(|p| p.to_string()),
                until: unit.until.map(|p| p.to_string()),
            },
        );
    }
}

fn read<T>(
    root: &Path,
    rel: &str,
    aliases: headers::Aliases,
    diags: &mut Diagnostics,
    workbooks: &mut Vec<Workbook>,
    load: impl Fn(&Table, &mut Diagnostics) -> Option<T>,
) -> Option<T> {
    let table = Table::read(root, Path::new(rel), aliases, diags)?;
    workbooks.extend(table.workbook());
    load(&table, diags)
}
