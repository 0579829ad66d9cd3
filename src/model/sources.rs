//! Where the editors' figures were read from: each unit's values file (`.csv` or `.xlsx`), and
//! each workbook's sheet and column letters. A message about a figure then names the file the
//! editor keeps it in and, in a workbook, the sheet and the cell (`D7`), never a CSV line.

use std::path::{Path, PathBuf};

use super::UnitId;
use crate::diagnostics::{Diagnostics, SheetCell};

/// One workbook read as a table: its file, the sheet read, and each column's name (as the
/// readers know it: `value`, even when headed `giá trị`) with its letter.
#[derive(Debug, Clone, PartialEq)]
pub struct Workbook {
    pub file: PathBuf,
    pub sheet: String,
    pub columns: Vec<(String, String)>,
}

/// The files the figures came from.
#[derive(Debug, Clone, Default)]
pub struct Sources {
    values: Vec<(UnitId, PathBuf)>,
    workbooks: Vec<Workbook>,
}

impl Sources {
    pub fn new(values: Vec<(UnitId, PathBuf)>, workbooks: Vec<Workbook>) -> Self {
        Sources { values, workbooks }
    }

    /// The file a unit's figures were read from, if it has one.
    pub fn values_file(&self, unit: UnitId) -> Option<&Path> {
        self.values
            .iter()
            .find(|(u, _)| *u == unit)
            .map(|(_, f)| f.as_path())
    }

    /// The sheet and cell (`D7`) of `column` on row `line` of `file`, when `file` is a workbook.
    pub fn cell(&self, file: &Path, line: usize, column: &str) -> Option<(String, String)> {
        let book = self.workbooks.iter().find(|w| w.file == file)?;
        let letter = book.columns.iter().find(|(name, _)| name == column)?;
        Some((book.sheet.clone(), format!("{}{line}", letter.1)))
    }

    /// Gives every message about a workbook's row its sheet and, when its column is known, its
    /// cell. Messages already placed are left as they are, so this may run after each step.
    pub fn name_cells(&self, diags: &mut Diagnostics) {
        for e in diags.items.iter_mut().filter(|e| e.sheet.is_none()) {
            let Some(book) = self.workbooks.iter().find(|w| w.file == e.file) else {
                continue;
            };
            let Some(line) = e.line else {
                continue;
            };
            let letter = e.column.as_deref().and_then(|c| {
                book.columns
                    .iter()
                    .find(|(name, _)| name == c)
                    .map(|(_, letter)| letter.clone())
            });
            // A column past the headers is named by its letter alone (`G`): the cell says it.
            let beyond = e
                .column
                .as_deref()
                .filter(|c| !c.is_empty() && c.bytes().all(|b| b.is_ascii_uppercase()))
                .map(str::to_string);
            let letter = match (letter, beyond) {
                (Some(l), _) => Some(l),
                (None, Some(l)) => {
                    e.column = None;
                    Some(l)
                }
                (None, None) => None,
            };
            e.sheet = Some(SheetCell {
                sheet: book.sheet.clone(),
                cell: letter.map(|l| format!("{l}{line}")),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Problem;
    use crate::lang::Lang;

    #[test]
    fn a_workbooks_message_names_its_sheet_and_cell() {
        let sources = Sources::new(
            vec![(UnitId::from_index(1), "data/values/tuan-giao.xlsx".into())],
            vec![Workbook {
                file: "data/values/tuan-giao.xlsx".into(),
                sheet: "Sheet1".into(),
                columns: vec![("period".into(), "B".into()), ("value".into(), "D".into())],
            }],
        );
        let mut d = Diagnostics::default();
        d.push(
            "data/values/tuan-giao.xlsx",
            Some(7),
            Some("value"),
            Problem::Required,
        );
        d.push(
            "data/values/tuan-giao.xlsx",
            Some(8),
            None,
            Problem::EmptyFile,
        );
        d.push(
            "data/values/tuan-giao.xlsx",
            Some(9),
            Some("G"),
            Problem::EmptyFile,
        );
        d.push(
            "data/values/other.csv",
            Some(8),
            Some("value"),
            Problem::EmptyFile,
        );
        sources.name_cells(&mut d);
        let at: Vec<String> = d.items.iter().map(|e| e.location(Lang::Vi)).collect();
        assert_eq!(
            at,
            [
                "data/values/tuan-giao.xlsx, trang tính `Sheet1`, ô `D7`",
                "data/values/tuan-giao.xlsx, trang tính `Sheet1`, hàng 8",
                "data/values/tuan-giao.xlsx, trang tính `Sheet1`, ô `G9`",
                "data/values/other.csv:8",
            ]
        );
        assert_eq!(d.items[2].column, None);
        assert_eq!(
            d.items[0].location(Lang::En),
            "data/values/tuan-giao.xlsx, sheet `Sheet1`, cell `D7`"
        );
        assert_eq!(
            sources.values_file(UnitId::from_index(1)),
            Some(Path::new("data/values/tuan-giao.xlsx"))
        );
        assert_eq!(sources.values_file(UnitId::from_index(0)), None);
    }
}
