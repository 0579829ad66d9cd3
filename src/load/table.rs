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

/// What a workbook's cell held, for the checks that depend on it (a dot in a typed number is
/// a thousands separator, a number is not; a date is a number Excel shows otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellKind {
    Text,
    Number,
    /// A number formatted as a date: `shown` is what the editor sees.
    Date,
}

/// One row of a table, borrowed from it: its line and its cells.
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    /// 1-based line (or spreadsheet row) where the record starts.
    pub line: usize,
    table: &'a Cells,
    /// Its cells are `table.ends[first..last]`.
    first: usize,
    last: usize,
}

/// Every row's cells, in one text and one list of where each cell ends: a values file of a
/// million rows is then three allocations, not seven million, and takes about the room of the
/// file itself.
#[derive(Debug, Clone, Default)]
pub struct Cells {
    /// Every cell of every row, trimmed, one after the other.
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<u32>,
    /// In a workbook, what each cell held (beside `ends`); empty for CSV.
    kinds: Vec<CellKind>,
    /// Each row's line and its first cell in `ends`.
    rows: Vec<(u32, u32)>,
}

impl Cells {
    /// Adds a row of `cells` read on `line`; `kinds` is empty for CSV.
    pub fn push<'c>(
        &mut self,
        line: usize,
        cells: impl IntoIterator<Item = &'c str>,
        kinds: &[CellKind],
    ) {
        self.rows.push((line as u32, self.ends.len() as u32));
        for c in cells {
            self.text.push_str(c);
            self.ends.push(self.text.len() as u32);
        }
        self.kinds.extend_from_slice(kinds);
    }

    /// Room for the rows of a text of `bytes` bytes with at most `cells` cells on at most
    /// `rows` lines: reserved at once, so that the lists are never copied as they grow (the
    /// room not used is never touched, so it takes no memory).
    pub fn with_capacity(bytes: usize, cells: usize, rows: usize) -> Cells {
        Cells {
            text: String::with_capacity(bytes),
            ends: Vec::with_capacity(cells),
            kinds: Vec::new(),
            rows: Vec::with_capacity(rows),
        }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    fn row(&self, i: usize) -> Row<'_> {
        let (line, first) = self.rows[i];
        let last = self
            .rows
            .get(i + 1)
            .map_or(self.ends.len(), |&(_, next)| next as usize);
        Row {
            line: line as usize,
            table: self,
            first: first as usize,
            last,
        }
    }

    /// The rows in order.
    pub fn iter(&self) -> impl Iterator<Item = Row<'_>> {
        (0..self.rows.len()).map(|i| self.row(i))
    }
}

#[derive(Debug, Clone)]
pub struct Table {
    /// Relative to the project root, for messages.
    pub file: PathBuf,
    pub format: NumberFormat,
    /// The columns' names: lower case, and for a table read with [`Table::read`] the
    /// contract's names for the Vietnamese headers it knows (`giá trị` → `value`).
    pub headers: Vec<String>,
    pub rows: Cells,
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

impl<'a> Row<'a> {
    /// A cell by column name, trimmed; empty when the column is absent (optional columns).
    pub fn get(&self, cols: &Columns, name: &str) -> &'a str {
        self.at(cols.position(name))
    }

    /// The cell in the column at `position` (from [`Columns::position`]), as [`Row::get`].
    pub fn at(&self, position: Option<usize>) -> &'a str {
        let Some(i) = position.map(|i| self.first + i).filter(|&i| i < self.last) else {
            return "";
        };
        let start = if i == 0 {
            0
        } else {
            self.table.ends[i - 1] as usize
        };
        self.table
            .text
            .get(start..self.table.ends[i] as usize)
            .unwrap_or("")
    }

    /// What the cell at `position` held in a workbook; `Text` for CSV.
    pub fn kind(&self, position: Option<usize>) -> CellKind {
        position
            .map(|i| self.first + i)
            .filter(|&i| i < self.last)
            .and_then(|i| self.table.kinds.get(i))
            .copied()
            .unwrap_or(CellKind::Text)
    }

    /// Its cells in order.
    pub fn cells(&self) -> impl Iterator<Item = &'a str> + '_ {
        (0..self.len()).map(|i| self.at(Some(i)))
    }

    /// How many cells the row has.
    pub fn len(&self) -> usize {
        self.last - self.first
    }

    pub fn is_empty(&self) -> bool {
        self.last == self.first
    }
}

/// The first control character of `cell` other than a tab or a line break (which a quoted
/// cell may hold): a NUL or an escape comes from a broken export, never from a keyboard.
pub fn control_character(cell: &str) -> Option<char> {
    if cell.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        return None;
    }
    cell.chars()
        .find(|c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
}

/// Files larger than this are read with a reader of their own: the shared readers below hold
/// a copy of the text they read, which for a large file would be kept for nothing.
const POOLED_BYTES: usize = 1024 * 1024;

/// Runs `parse` with a CSV reader over `content`. Building a reader costs more than reading a
/// values file, so each thread keeps one per delimiter and rewinds it, which leaves it as new:
/// position, line count and parser state. A large file gets a reader of its own over the text
/// itself, which copies nothing.
fn with_reader<T>(
    delimiter: u8,
    content: &str,
    parse: impl FnOnce(&mut dyn FnMut(&mut csv::StringRecord) -> csv::Result<bool>) -> T,
) -> T {
    type Readers = Vec<(u8, csv::Reader<Cursor<Vec<u8>>>)>;
    thread_local! {
        static READERS: RefCell<Readers> = const { RefCell::new(Vec::new()) };
    }
    let builder = || {
        let mut b = csv::ReaderBuilder::new();
        b.delimiter(delimiter).has_headers(false).flexible(true);
        b
    };
    if content.len() > POOLED_BYTES {
        let mut reader = builder().from_reader(content.as_bytes());
        return parse(&mut |r| reader.read_record(r));
    }
    let new_reader = || builder().from_reader(Cursor::new(Vec::new()));
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
        parse(&mut |r| reader.read_record(r))
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
        // Whatever stands at a table's name (a folder, a pipe, a link) counts as there, so
        // that it is refused by name rather than taken for a missing file.
        let present = |p: &Path| super::files::present(&root.join(p));
        let xlsx = rel.with_extension("xlsx");
        let csv_exists = present(rel);
        // Excel 97–2003's own format, which chiso does not read: said by name, not "missing".
        let xls = rel.with_extension("xls");
        if !csv_exists && !present(&xlsx) && present(&xls) {
            diags.push(&xls, None, None, Problem::OldWorkbook);
            return None;
        }
        if present(&xlsx) {
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
            Ok(bytes) => Table::parse_owned(rel, bytes, diags),
            Err(problem) => {
                diags.push(rel, None, None, problem);
                None
            }
        }
    }

    pub fn parse(rel: &Path, bytes: &[u8], diags: &mut Diagnostics) -> Option<Table> {
        Table::parse_owned(rel, bytes.to_vec(), diags)
    }

    /// [`Table::parse`] of bytes it may keep: text already in UTF-8 is read in place.
    pub fn parse_owned(rel: &Path, bytes: Vec<u8>, diags: &mut Diagnostics) -> Option<Table> {
        let content = text::decode_owned(bytes);
        let header_line = content.lines().find(|l| !l.trim().is_empty());
        let Some(header_line) = header_line else {
            diags.push(rel, None, None, Problem::EmptyFile);
            return None;
        };
        // A spreadsheet on a Vietnamese system saves with `;` because `,` is its decimal mark.
        // Counted in the first 64 KiB: a longer header is refused below anyway.
        let head = match header_line.char_indices().nth(super::files::MAX_LINE_BYTES) {
            Some((i, _)) => &header_line[..i],
            None => header_line,
        };
        let semicolon = head.matches(';').count() > head.matches(',').count();
        // A line longer than the limit is refused before the CSV reader sees it: the reader
        // holds a whole record, and a 50 MB header of a million cells takes twenty times its
        // size there. (A record longer than the limit made of shorter lines, inside quotes, is
        // refused below.)
        let mut long = false;
        for (i, physical) in content.split('\n').enumerate() {
            if physical.len() > super::files::MAX_LINE_BYTES {
                diags.push(
                    rel,
                    Some(i + 1),
                    None,
                    Problem::LineTooLong {
                        limit: format!("{} KiB", super::files::MAX_LINE_BYTES / 1024),
                    },
                );
                long = true;
            }
        }
        if long {
            return None;
        }
        let delimiter = if semicolon { b';' } else { b',' };
        let mut headers: Option<Vec<String>> = None;
        // Every cell ends at a separator or a line's end, and none is longer than the text.
        let ends = content
            .bytes()
            .filter(|&b| b == delimiter || b == b'\n')
            .count();
        let breaks = content.bytes().filter(|&b| b == b'\n').count();
        let mut rows = Cells::with_capacity(content.len(), ends + 1, breaks + 1);
        let mut lines = LineCounter::new(&content);
        let mut refused = false;
        let line_limit = || format!("{} KiB", super::files::MAX_LINE_BYTES / 1024);
        with_reader(delimiter, &content, |read| {
            let mut record = csv::StringRecord::new();
            loop {
                match read(&mut record) {
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
                if record.as_slice().len() > super::files::MAX_LINE_BYTES {
                    diags.push(
                        rel,
                        Some(line),
                        None,
                        Problem::LineTooLong {
                            limit: line_limit(),
                        },
                    );
                    // Without its header no line of the table can be read.
                    if headers.is_none() {
                        refused = true;
                        break;
                    }
                    continue;
                }
                if record.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                let names = headers.as_deref().unwrap_or(&[]);
                let control = record
                    .iter()
                    .enumerate()
                    .find_map(|(i, c)| control_character(c).map(|ch| (i, ch)));
                if let Some((i, ch)) = control {
                    let column = names
                        .get(i)
                        .filter(|h| !h.is_empty())
                        .cloned()
                        .unwrap_or_else(|| format!("#{}", i + 1));
                    diags.push(
                        rel,
                        Some(line),
                        Some(&column),
                        Problem::ControlCharacter {
                            code: ch as u32,
                            cell: true,
                        },
                    );
                    if headers.is_none() {
                        refused = true;
                        break;
                    }
                    continue;
                }
                match &headers {
                    None => {
                        if record.len() > super::files::MAX_COLUMNS {
                            diags.push(
                                rel,
                                Some(line),
                                None,
                                Problem::TooManyColumns {
                                    found: record.len(),
                                    limit: super::files::MAX_COLUMNS,
                                },
                            );
                            refused = true;
                            break;
                        }
                        headers = Some(record.iter().map(|c| c.trim().to_lowercase()).collect())
                    }
                    Some(h) => {
                        // Spreadsheets pad short rows with empty cells, or add trailing empty ones.
                        let used = (0..record.len())
                            .rposition(|i| !record[i].trim().is_empty())
                            .map_or(0, |i| i + 1);
                        if record.len() < h.len() || used > h.len() {
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
                                    found: if record.len() < h.len() {
                                        record.len()
                                    } else {
                                        used
                                    },
                                },
                            );
                            continue;
                        }
                        // Trailing empty cells are not kept: the header says how many there are.
                        rows.push(line, record.iter().take(h.len()).map(str::trim), &[]);
                    }
                }
            }
        });
        if refused {
            return None;
        }
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
        let rows: Vec<Row> = t.rows.iter().collect();
        assert_eq!(rows[0].at(Some(1)), "2,5");
        assert_eq!(rows[1].line, 4);
        let (t, _) = parse("a;b\n54.748;87,7\n");
        let t = t.unwrap();
        assert_eq!(t.format, NumberFormat::Vietnamese);
        let row = t.rows.iter().next().unwrap();
        assert_eq!([row.at(Some(0)), row.at(Some(1))], ["54.748", "87,7"]);
        assert_eq!(row.at(Some(2)), "");
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
