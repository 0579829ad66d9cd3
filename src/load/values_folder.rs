//! What is in `data/values/`: one values file per unit (`.csv` or `.xlsx`), and every other
//! file named once, so that figures saved in a form chiso does not read (`.xls`, `.ods`) or a
//! workbook still open in Excel are never left out in silence.

use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostics, NotAFile, Problem, StrayFile};

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
pub fn value_files(root: &Path, diags: &mut Diagnostics) -> Vec<PathBuf> {
    let rel_dir = Path::new("data").join("values");
    let dir = root.join(&rel_dir);
    let mut files = Vec::new();
    // The folder itself may be a link: one that leads outside the project is refused, as a
    // linked file is, rather than followed.
    if super::files::present(&dir) {
        if let Err(problem) = super::files::read_dir_check(root, &rel_dir) {
            diags.push(&rel_dir, None, None, problem);
            return files;
        }
    }
    let mut entries: Vec<walkdir::DirEntry> = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .max_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir() || is_table_name(e.path()))
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
        // A folder named like a values file (`tuan-giao.csv/`) stands where the unit's figures
        // should be: named, so that they are not left out in silence.
        if e.file_type().is_dir() {
            diags.push(
                rel,
                None,
                None,
                Problem::NotAFile {
                    what: NotAFile::Folder,
                },
            );
            continue;
        }
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

/// Whether a name is one of a values file (`.csv`, `.xlsx`, `.xls`).
fn is_table_name(path: &Path) -> bool {
    path.extension()
        .and_then(|x| x.to_str())
        .is_some_and(|x| ["csv", "xlsx", "xls"].contains(&x.to_lowercase().as_str()))
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
