//! A table as an editor saved it: CSV (comma or semicolon) read into rows of text cells, each
//! remembering its line so that every message can point at it.

use std::cell::RefCell;
use std::io::Cursor;
use std::path::{Path, PathBuf};

use super::headers::{self, Aliases};
use super::number::NumberFormat;
use super::text;
use crate::diagnostics::{Diagnostics, NumberWritten, Problem};
use crate::model::Workbook;

#[derive(Debug, Clone)]
pub struct Row {
    /// 1-based line (or spreadsheet row) where the record starts.
    pub line: usize,
    pub cells: Vec<String>,
    /// In a workbook, which cells held a number rather than text (empty for CSV).
    pub numbers: Vec<bool>,
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Relative to the project root, for messages.
    pub file: PathBuf,
    pub format: NumberFormat,
    /// The columns' names: lower case, and for a table read with [`Table::read`] the
    /// contract's names for the Vietnamese headers it knows (`giá trị` → `value`).
    pub headers: Vec<String>,
    pub rows: Vec<Row>,
    /// Read from an `.xlsx` workbook: messages name cells (`D7`) rather than lines.
    pub spreadsheet: bool,
    /// The workbook's sheet that was read.
    pub sheet: Option<String>,
}

fn display(p: &Path) -> String {
    p.display().to_string().replace('\\', "/")
}

/// Turns the byte offsets the csv reader gives into line numbers, in one pass over the text.
struct LineCounter<'a> {
    bytes: &'a [u8],
    pos: usize,
    line: usize,
}

impl<'a> LineCounter<'a> {
    fn new(text: &'a str) -> Self {
        LineCounter {
            bytes: text.as_bytes(),
            pos: 0,
            line: 1,
        }
    }

    /// The line of the first character at or after `byte` that is not a line break: the reader
    /// reports a record's position just before the previous line's end.
    fn line_at(&mut self, byte: usize) -> usize {
        let mut start = byte.min(self.bytes.len());
        while start < self.bytes.len() && matches!(self.bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        if start < self.pos {
            self.pos = 0;
            self.line = 1;
        }
        self.line += self.bytes[self.pos..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos = start;
        self.line
    }
}

/// Where each named column sits in a table: a handful, looked up for every cell, so a list.
#[derive(Debug, Clone, Default)]
pub struct Columns {
    index: Vec<(&'static str, usize)>,
}

impl Columns {
    /// Where the column `name` is, for [`Row::at`].
    pub fn position(&self, name: &str) -> Option<usize> {
        self.index.iter().find(|(n, _)| *n == name).map(|&(_, i)| i)
    }
}

impl Row {
    /// A cell by column name, trimmed; empty when the column is absent (optional columns).
    pub fn get<'a>(&'a self, cols: &Columns, name: &str) -> &'a str {
        self.at(cols.position(name))
    }

    /// The cell in the column at `position` (from [`Columns::position`]), as [`Row::get`].
    pub fn at(&self, position: Option<usize>) -> &str {
        position
            .and_then(|i| self.cells.get(i))
            .map(|s| s.trim())
            .unwrap_or("")
    }
}

/// Runs `parse` with a CSV reader over `content`. Building a reader costs more than reading a
/// values file, so each thread keeps one per delimiter and rewinds it, which leaves it as new:
/// position, line count and parser state.
fn with_reader<T>(
    delimiter: u8,
    content: &str,
    parse: impl FnOnce(&mut csv::Reader<Cursor<Vec<u8>>>) -> T,
) -> T {
    type Readers = Vec<(u8, csv::Reader<Cursor<Vec<u8>>>)>;
    thread_local! {
        static READERS: RefCell<Readers> = const { RefCell::new(Vec::new()) };
    }
    let new_reader = || {
        csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .has_headers(false)
            .flexible(true)
            .from_reader(Cursor::new(Vec::new()))
    };
    READERS.with(|readers| {
        let mut readers = readers.borrow_mut();
        let i = match readers.iter().position(|(d, _)| *d == delimiter) {
            Some(i) => i,
            None => {
                readers.push((delimiter, new_reader()));
                readers.len() - 1
            }
        };
        let reader = &mut readers[i].1;
        if reader
            .seek_raw(std::io::SeekFrom::Start(0), csv::Position::new())
            .is_err()
        {
            *reader = new_reader();
        }
        let input = reader.get_mut();
        input.get_mut().clear();
        input.get_mut().extend_from_slice(content.as_bytes());
        input.set_position(0);
        parse(reader)
    })
}

impl Table {
    /// Reads the table `rel` (a `.csv` path) under `root`, or the `.xlsx` workbook saved in its
    /// place, its headers named by `aliases`; problems go to `diags` and `None` means nothing
    /// usable.
    pub fn read(
        root: &Path,
        rel: &Path,
        aliases: Aliases,
        diags: &mut Diagnostics,
    ) -> Option<Table> {
        Table::read_file(root, rel, diags).map(|t| t.with_aliases(aliases))
    }

    /// The table with its headers named by `aliases` (`kỳ` → `period`).
    pub fn with_aliases(mut self, aliases: Aliases) -> Table {
        for h in &mut self.headers {
            *h = headers::column(h, aliases);
        }
        self
    }

    /// Where this table's cells are, if it was read from a workbook.
    pub fn workbook(&self) -> Option<Workbook> {
        let sheet = self.sheet.clone().filter(|_| self.spreadsheet)?;
        Some(Workbook {
            file: self.file.clone(),
            sheet,
            columns: self
                .headers
                .iter()
                .enumerate()
                .filter(|(_, h)| !h.is_empty())
                .map(|(i, h)| (h.clone(), super::spreadsheet::column_letter(i)))
                .collect(),
        })
    }

    fn read_file(root: &Path, rel: &Path, diags: &mut Diagnostics) -> Option<Table> {
        let xlsx = rel.with_extension("xlsx");
        let csv_exists = root.join(rel).is_file();
        // Excel 97–2003's own format, which chiso does not read: said by name, not "missing".
        let xls = rel.with_extension("xls");
        if !csv_exists && !root.join(&xlsx).is_file() && root.join(&xls).is_file() {
            diags.push(&xls, None, None, Problem::OldWorkbook);
            return None;
        }
        if root.join(&xlsx).is_file() {
            if csv_exists {
                diags.push(
                    &xlsx,
                    None,
                    None,
                    Problem::TwoForms {
                        other: display(rel),
                    },
                );
                return None;
            }
            return match super::files::read(root, &xlsx) {
                Ok(bytes) => super::spreadsheet::parse(&xlsx, &bytes, diags),
                Err(problem) => {
                    diags.push(&xlsx, None, None, problem);
                    None
                }
            };
        }
        match super::files::read(root, rel) {
            Ok(bytes) => Table::parse(rel, &bytes, diags),
            Err(problem) => {
                diags.push(rel, None, None, problem);
                None
            }
        }
    }

    pub fn parse(rel: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<Table> {
        let content = text::decode(bytes);
        let header_line = content.lines().find(|l| !l.trim().is_empty());
        let Some(header_line) = header_line else {
            diags.push(rel, None, None, Problem::EmptyFile);
            return None;
        };
        // A spreadsheet on a Vietnamese system saves with `;` because `,` is its decimal mark.
        let semicolon = header_line.matches(';').count() > header_line.matches(',').count();
        let delimiter = if semicolon { b';' } else { b',' };
        let mut headers: Option<Vec<String>> = None;
        let mut rows = Vec::new();
        let mut lines = LineCounter::new(&content);
        with_reader(delimiter, &content, |reader| {
            let mut record = csv::StringRecord::new();
            loop {
                match reader.read_record(&mut record) {
                    Ok(true) => {}
                    Ok(false) => break,
                    Err(e) => {
                        let line = e.position().map(|p| lines.line_at(p.byte() as usize));
                        diags.push(rel, line, None, Problem::Unreadable(e.to_string()));
                        continue;
                    }
                }
                // The csv crate's own line numbers skip blank lines; count them from the bytes.
                let line = record
                    .position()
                    .map_or(0, |p| lines.line_at(p.byte() as usize));
                if let Some(i) = record
                    .iter()
                    .position(|c| c.len() > super::files::MAX_CELL_BYTES)
                {
                    let limit = format!("{} KiB", super::files::MAX_CELL_BYTES / 1024);
                    diags.push(
                        rel,
                        Some(line),
                        Some(&format!("#{}", i + 1)),
                        Problem::TooLarge { limit },
                    );
                    continue;
                }
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let cells: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
                match &headers {
                    None => headers = Some(cells.iter().map(|c| c.to_lowercase()).collect()),
                    Some(h) => {
                        // Spreadsheets pad short rows with empty cells, or add trailing empty ones.
                        let used = cells
                            .iter()
                            .rposition(|c| !c.is_empty())
                            .map_or(0, |i| i + 1);
                        if cells.len() < h.len() || used > h.len() {
                            diags.push(
                                rel,
                                Some(line),
                                None,
                                Problem::FieldCount {
                                    written: if semicolon {
                                        NumberWritten::Semicolon
                                    } else {
                                        NumberWritten::Comma
                                    },
                                    expected: h.len(),
                                    found: if cells.len() < h.len() {
                                        cells.len()
                                    } else {
                                        used
                                    },
                                },
                            );
                            continue;
                        }
                        rows.push(Row {
                            line,
                            cells,
                            numbers: Vec::new(),
                        });
                    }
                }
            }
        });
        let headers = headers?;
        Some(Table {
            file: rel.to_path_buf(),
            format: if semicolon {
                NumberFormat::Vietnamese
            } else {
                NumberFormat::Plain
            },
            headers,
            rows,
            spreadsheet: false,
            sheet: None,
        })
    }

    /// Finds the columns; a missing required one is reported (once) and fails the table.
    pub fn columns(
        &self,
        required: &[&'static str],
        optional: &[&'static str],
        diags: &mut Diagnostics,
    ) -> Option<Columns> {
        let mut index = Vec::new();
        let mut ok = true;
        for (i, h) in self.headers.iter().enumerate() {
            if !h.is_empty() && !required.contains(&h.as_str()) && !optional.contains(&h.as_str()) {
                let known = required.iter().chain(optional).copied();
                diags.push(
                    &self.file,
                    Some(1),
                    Some(h),
                    Problem::UnknownColumn {
                        name: h.clone(),
                        known: required
                            .iter()
                            .chain(optional)
                            .map(|s| s.to_string())
                            .collect(),
                        suggestion: crate::text::suggest(h, known),
                    },
                );
                ok = false;
            }
            if self.headers[..i].contains(h) && !h.is_empty() {
                diags.push(
                    &self.file,
                    Some(1),
                    Some(h),
                    Problem::Duplicate {
                        value: h.clone(),
                        first_line: 1,
                    },
                );
                ok = false;
            }
        }
        for &name in required.iter().chain(optional) {
            match self.headers.iter().position(|h| h == name) {
                Some(i) => index.push((name, i)),
                None if required.contains(&name) => {
                    diags.push(
                        &self.file,
                        Some(1),
                        Some(name),
                        Problem::MissingColumn(name.into()),
                    );
                    ok = false;
                }
                None => {}
            }
        }
        ok.then_some(Columns { index })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(s: &str) -> (Option<Table>, Diagnostics) {
        let mut d = Diagnostics::default();
        let t = Table::parse(Path::new("t.csv"), s.as_bytes(), &mut d);
        (t, d)
    }

    #[test]
    fn reads_both_separators_and_crlf() {
        let (t, d) = parse("a,b\r\n1,\"2,5\"\r\n\r\n3,4\r\n");
        let t = t.unwrap();
        assert!(d.items.is_empty());
        assert_eq!(t.format, NumberFormat::Plain);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells[1], "2,5");
        assert_eq!(t.rows[1].line, 4);
        let (t, _) = parse("a;b\n54.748;87,7\n");
        let t = t.unwrap();
        assert_eq!(t.format, NumberFormat::Vietnamese);
        assert_eq!(t.rows[0].cells, ["54.748", "87,7"]);
    }

    #[test]
    fn reports_field_counts_and_missing_columns() {
        let (t, d) = parse("code,slug\n1\n2,b,c\n3,c,,\n");
        let t = t.unwrap();
        assert_eq!(t.rows.len(), 1, "trailing empty cells are tolerated");
        assert_eq!(d.items.len(), 2);
        assert_eq!(d.items[0].line, Some(2));
        assert_eq!(d.items[1].line, Some(3));
        let mut d = Diagnostics::default();
        assert!(t.columns(&["code", "name"], &["slug"], &mut d).is_none());
        assert_eq!(d.items[0].problem, Problem::MissingColumn("name".into()));
        let mut d = Diagnostics::default();
        assert!(t.columns(&["code"], &["slugs"], &mut d).is_none());
        assert!(
            matches!(&d.items[0].problem, Problem::UnknownColumn { suggestion: Some(s), .. } if s == "slugs")
        );
    }

    #[test]
    fn empty_file_is_an_error() {
        let (t, d) = parse("\n \n");
        assert!(t.is_none());
        assert_eq!(d.items[0].problem, Problem::EmptyFile);
    }
}
