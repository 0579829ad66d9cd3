//! `.xlsx` files: an editor may save any table as an Excel workbook instead of CSV. The first
//! sheet is read; its row numbers stand in for line numbers and cells are named like `D7`.
//! A number is read as the editor sees it: a cell formatted as a percentage that shows `87,7 %`
//! holds 0.877 and is read as `87.7`.

use std::io::Cursor;
use std::path::Path;

use calamine::{Data, Reader, StyleRange, Xlsx};

use super::number::NumberFormat;
use super::table::{control_character, CellKind, Cells, Table};
use super::text::nfc;
use crate::diagnostics::{Diagnostics, Problem};

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

/// Whether an Excel number format shows the value times 100 with a `%` sign. A `%` between
/// quotes or after a backslash is literal text and does not scale.
fn shows_percent(format_code: &str) -> bool {
    let mut quoted = false;
    let mut escaped = false;
    for c in format_code.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '%' if !quoted => return true,
            _ => {}
        }
    }
    false
}

/// The number a percentage cell shows: 0.877 → 87.7, without the float noise of `* 100`.
fn percent_shown(value: f64) -> f64 {
    let scaled = value * 100.0;
    if scaled.abs() < 1e6 {
        (scaled * 1e9).round() / 1e9
    } else {
        scaled
    }
}

/// A cell's text, numbers scaled as its number format shows them.
fn shown_text(cell: &Data, styles: &StyleRange, pos: (u32, u32)) -> String {
    let percent = || {
        styles
            .get(pos)
            .and_then(|s| s.number_format.as_ref())
            .is_some_and(|f| shows_percent(&f.format_code))
    };
    match cell {
        Data::Float(f) if percent() => cell_text(&Data::Float(percent_shown(*f))),
        Data::Int(i) if percent() => cell_text(&Data::Float(percent_shown(*i as f64))),
        _ => cell_text(cell),
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
    // What the workbook takes unpacked, and the extent of the sheet read, are checked before
    // calamine unpacks it: it would hold every cell of the sheet's extent in memory.
    if let Err(problem) = super::workbook_limits::check(bytes) {
        diags.push(rel, None, None, problem);
        return None;
    }
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
    // Without styles (a workbook some other program wrote oddly) numbers are read as stored.
    let sheet = workbook.sheet_names().first().cloned();
    let styles = sheet
        .as_ref()
        .and_then(|name| workbook.worksheet_style(name).ok())
        .unwrap_or_else(StyleRange::empty);
    let (first_row, first_col) = range
        .start()
        .map_or((0, 0), |(r, c)| (r as usize, c as usize));
    let mut headers: Option<Vec<String>> = None;
    let mut rows = Cells::default();
    let mut texts: Vec<String> = Vec::new();
    let mut kinds: Vec<CellKind> = Vec::new();
    let line_limit = || format!("{} KiB", super::files::MAX_LINE_BYTES / 1024);
    'rows: for (k, cells) in range.rows().enumerate() {
        // Cells left of the used range are empty; keep columns aligned with the sheet's letters.
        texts.clear();
        kinds.clear();
        texts.resize(first_col, String::new());
        kinds.resize(first_col, CellKind::Text);
        kinds.extend(cells.iter().map(|c| match c {
            Data::Float(_) | Data::Int(_) => CellKind::Number,
            Data::DateTime(_) => CellKind::Date,
            _ => CellKind::Text,
        }));
        let row = (first_row + k) as u32;
        texts.extend(
            cells
                .iter()
                .enumerate()
                .map(|(j, c)| shown_text(c, &styles, (row, (first_col + j) as u32))),
        );
        if texts.iter().all(String::is_empty) {
            continue;
        }
        let line = first_row + k + 1;
        if texts.iter().map(String::len).sum::<usize>() > super::files::MAX_LINE_BYTES {
            diags.push(
                rel,
                Some(line),
                None,
                Problem::LineTooLong {
                    limit: line_limit(),
                },
            );
            // Without its header no row of the sheet can be read.
            headers.as_ref()?;
            continue;
        }
        for (j, t) in texts.iter().enumerate() {
            if let Some(ch) = control_character(t) {
                // Named by its letter, which the message turns into the cell (`D7`).
                diags.push(
                    rel,
                    Some(line),
                    Some(&column_letter(j)),
                    Problem::ControlCharacter {
                        code: ch as u32,
                        cell: true,
                    },
                );
                headers.as_ref()?;
                continue 'rows;
            }
        }
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
                            written: crate::diagnostics::NumberWritten::Cell,
                            expected: h.len(),
                            found: used,
                        },
                    );
                    continue;
                }
                kinds.resize(h.len(), CellKind::Text);
                rows.push(
                    line,
                    texts
                        .iter()
                        .map(String::as_str)
                        .chain(std::iter::repeat(""))
                        .take(h.len()),
                    &kinds[..h.len()],
                );
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
        sheet,
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

    #[test]
    fn percentage_formats_are_recognised() {
        assert!(shows_percent("0%"));
        assert!(shows_percent("0.0%"));
        assert!(shows_percent("#,##0.00 %;[Red]-0.00 %"));
        assert!(!shows_percent("General"));
        assert!(!shows_percent("#,##0"));
        assert!(!shows_percent("0\\%"));
        assert!(!shows_percent("0\" %\""));
    }

    #[test]
    fn percentages_read_as_shown() {
        assert_eq!(percent_shown(0.877), 87.7);
        assert_eq!(percent_shown(0.905), 90.5);
        assert_eq!(percent_shown(1.0), 100.0);
        assert_eq!(percent_shown(0.0), 0.0);
    }
}
