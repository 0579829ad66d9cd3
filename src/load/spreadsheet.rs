//! `.xlsx` files: an editor may save any table as an Excel workbook instead of CSV. The first
//! sheet is read; its row numbers stand in for line numbers and cells are named like `D7`.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, Xlsx};

use super::number::NumberFormat;
use super::table::{Row, Table};
use super::text::nfc;
use crate::error::{Diagnostics, Problem};

/// A numeric cell as plain text: whole numbers without `.0`, others in their shortest form.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f}"),
        Data::Int(i) => i.to_string(),
        Data::String(s) => nfc(s.trim()),
        other => nfc(other.to_string().trim()),
    }
}

/// `0` → `A`, `27` → `AB`.
pub fn column_letter(mut index: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    s.reverse();
    String::from_utf8_lossy(&s).into_owned()
}

pub fn parse(rel: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<Table> {
    let mut workbook = match Xlsx::new(Cursor::new(bytes)) {
        Ok(w) => w,
        Err(e) => {
            diags.push(rel, None, None, Problem::Unreadable(e.to_string()));
            return None;
        }
    };
    let range = match workbook.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        Some(Err(e)) => {
            diags.push(rel, None, None, Problem::Unreadable(e.to_string()));
            return None;
        }
        None => {
            diags.push(rel, None, None, Problem::EmptyFile);
            return None;
        }
    };
    let (first_row, first_col) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Vec::new();
    for (k, cells) in range.rows().enumerate() {
        // Cells left of the used range are empty; keep columns aligned with the sheet's letters.
        let mut texts = vec![String::new(); first_col];
        texts.extend(cells.iter().map(cell_text));
        if texts.iter().all(String::is_empty) {
            continue;
        }
        let line = first_row + k + 1;
        match &headers {
            None => headers = Some(texts.iter().map(|t| t.to_lowercase()).collect()),
            Some(h) => {
                let used = texts
                    .iter()
                    .rposition(|c| !c.is_empty())
                    .map_or(0, |i| i + 1);
                if used > h.len() {
                    diags.push(
                        rel,
                        Some(line),
                        Some(&column_letter(used - 1)),
                        Problem::FieldCount {
                            expected: h.len(),
                            found: used,
                        },
                    );
                    continue;
                }
                texts.resize(h.len(), String::new());
                rows.push(Row { line, cells: texts });
            }
        }
    }
    let Some(headers) = headers else {
        diags.push(rel, None, None, Problem::EmptyFile);
        return None;
    };
    Some(Table {
        file: rel.to_path_buf(),
        format: NumberFormat::Plain,
        headers,
        rows,
        spreadsheet: true,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_columns_like_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(3), "D");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
    }

    #[test]
    fn numeric_cells_read_as_plain_numbers() {
        assert_eq!(cell_text(&Data::Float(54748.0)), "54748");
        assert_eq!(cell_text(&Data::Float(87.7)), "87.7");
        assert_eq!(cell_text(&Data::String(" Huyện ".into())), "Huyện");
    }
}
