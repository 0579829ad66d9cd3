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
pub mod spreadsheet;
pub mod table;
pub mod text;
pub mod theme;
pub mod units;
pub mod values;

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostics::{Diagnostics, Problem, StrayFile};

use crate::model::{
    Catalogue, Figures, Period, Project, Sources, Unit, UnitId, UnitTree, Workbook,
};
use crate::text::suggest;
use table::Table;

/// Loads the project at `root`. `Err` carries every problem found; `Ok` may carry warnings.
pub fn load(root: &Path) -> Result<(Project, Diagnostics), Diagnostics> {
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
    let files = value_files(root, &mut diags);
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
    slug_typos(
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
    Ok((
        Project {
            root: root.to_path_buf(),
            config,
            units,
            catalogue,
            entered,
            plans,
            content,
            gaps,
            theme,
            sources,
        },
        diags,
    ))
}

/// Files named after no unit, where a unit's slug is a near miss of their name and no file has
/// that slug's name: the typo is in `units.csv` (`tuan-gaio`), not in the files (`tuan-giao`).
/// Their problems, each telling the editor to rename a file to the typo, give way to one at
/// the slug's line.
fn slug_typos(
    root: &Path,
    units_file: &Path,
    slug_lines: &std::collections::HashMap<String, usize>,
    units: &UnitTree,
    diags: &mut Diagnostics,
) {
    // The slug each misnamed file is near, and the files' names; a row of coverage-gaps.csv
    // that names the files' unit goes with them.
    let mut near: std::collections::BTreeMap<(String, String), (Vec<usize>, bool)> =
        Default::default();
    for (i, e) in diags.items.iter().enumerate() {
        let (slug, s, file) = match &e.problem {
            Problem::FileForNoUnit {
                slug,
                suggestion: Some(s),
            } => (slug, s, true),
            Problem::UnknownUnit {
                slug,
                suggestion: Some(s),
            } => (slug, s, false),
            _ => continue,
        };
        let entry = near.entry((s.clone(), slug.clone())).or_default();
        entry.0.push(i);
        entry.1 |= file;
    }
    let has_file = |slug: &str| {
        let values = root.join("data").join("values");
        let content = root.join("content");
        values.join(format!("{slug}.csv")).exists()
            || values.join(format!("{slug}.xlsx")).exists()
            || content.join(format!("{slug}.md")).exists()
            || content.join(format!("{slug}.en.md")).exists()
    };
    let mut gone = Vec::new();
    let mut typos = Vec::new();
    for ((slug, meant), (at, named)) in near {
        // A unit's slug near two names is no typo of one.
        let claimed = typos
            .iter()
            .any(|(s, _, _): &(String, String, Vec<String>)| *s == slug);
        if !named || claimed || units.by_slug(&slug).is_none() || has_file(&slug) {
            continue;
        }
        let mut files: Vec<String> = at
            .iter()
            .filter(|&&i| matches!(diags.items[i].problem, Problem::FileForNoUnit { .. }))
            .map(|&i| {
                // Values files are named by their `.csv` form; say the one that is there.
                let file = &diags.items[i].file;
                let xlsx = file.with_extension("xlsx");
                let shown = if !root.join(file).exists() && root.join(&xlsx).exists() {
                    xlsx
                } else {
                    file.clone()
                };
                shown.display().to_string().replace('\\', "/")
            })
            .collect();
        files.sort();
        files.dedup();
        gone.extend(at);
        typos.push((slug, meant, files));
    }
    gone.sort_unstable();
    for i in gone.into_iter().rev() {
        diags.items.remove(i);
    }
    for (slug, meant, files) in typos {
        diags.push(
            units_file,
            slug_lines.get(&slug).copied(),
            Some("slug"),
            Problem::SlugTypo { slug, meant, files },
        );
    }
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

/// Excel and LibreOffice keep `~$name.xlsx` / `.~lock.name#` beside an open workbook; they are
/// not the editor's files.
pub fn is_lock_file(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with("~$") || n.starts_with(".~lock") || n.starts_with(".#"))
}

/// `data/values/*.csv` (or `.xlsx`), one per unit, sorted, relative to the root. Every other
/// file there is named once: an `.xls` workbook is refused (its figures would be left out in
/// silence), the rest warned about; hidden files (`.DS_Store`) are passed over.
fn value_files(root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let dir = root.join("data").join("values");
    let mut files = Vec::new();
    let mut entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .collect();
    entries.sort_by(|a, b| a.file_name().cmp(b.file_name()));
    let names: Vec<String> = entries
        .iter()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    for e in &entries {
        let Ok(rel) = e.path().strip_prefix(root) else {
            continue;
        };
        let name = e.file_name().to_string_lossy();
        let ext = rel
            .extension()
            .and_then(|x| x.to_str())
            .map(str::to_lowercase)
            .unwrap_or_default();
        let stray = if is_lock_file(rel) {
            Some(StrayFile::Lock {
                workbook: locked_workbook(&name, &names),
            })
        } else if matches!(
            rel.extension().and_then(|x| x.to_str()),
            Some("csv" | "xlsx")
        ) {
            files.push(rel.with_extension("csv"));
            None
        } else if name.starts_with('.') {
            continue;
        } else if ext == "xls" {
            diags.push(rel, None, None, Problem::OldWorkbook);
            None
        } else if ["ods", "xlsm", "xlsb", "numbers", "fods"].contains(&ext.as_str()) {
            Some(StrayFile::OtherWorkbook)
        } else {
            Some(StrayFile::Other)
        };
        if let Some(what) = stray {
            diags.push(rel, None, None, Problem::NotValuesFile { what });
        }
    }
    files.sort();
    // A unit saved as both forms is reported once, by `Table::read`.
    files.dedup();
    files
}

/// The workbook a lock file marks as open: `~$tuan-giao.xlsx` or `.~lock.tuan-giao.xlsx#` for
/// `tuan-giao.xlsx`. Excel writes `~$` over the first two letters of a long name
/// (`~$an-giao.xlsx`), so a workbook beside it whose name ends the same way is the one.
fn locked_workbook(lock: &str, names: &[String]) -> String {
    let rest = lock
        .trim_start_matches("~$")
        .trim_start_matches(".~lock.")
        .trim_end_matches('#');
    names
        .iter()
        .find(|n| {
            *n != lock
                && !n.starts_with("~$")
                && (n.as_str() == rest || (n.len() == rest.len() + 2 && n.ends_with(rest)))
        })
        .cloned()
        .unwrap_or_else(|| rest.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lock_file_names_its_workbook() {
        let names: Vec<String> = ["~$an-giao.xlsx", "dien-bien.csv", "tuan-giao.xlsx"]
            .map(String::from)
            .to_vec();
        assert_eq!(locked_workbook("~$an-giao.xlsx", &names), "tuan-giao.xlsx");
        assert_eq!(
            locked_workbook(".~lock.tuan-giao.xlsx#", &names),
            "tuan-giao.xlsx"
        );
        assert_eq!(locked_workbook("~$x.xlsx", &names), "x.xlsx");
    }
}
