//! How large an `.xlsx` workbook may be once unpacked, checked before it is read.
//!
//! A workbook is a zip of XML pieces: a few MiB on disk may unpack to gigabytes (by accident or
//! on purpose), and a sheet whose first and last cells are far apart (`A1` and `XFD1048576`)
//! makes the reader hold every cell between them. Each piece is unpacked once here, counting
//! what it really holds (the sizes a zip declares may lie), the first sheet's cells are
//! measured from their addresses, and the shared texts counted, all before calamine allocates
//! anything for them.

use std::io::{BufReader, Cursor, Read};

use quick_xml::events::Event;
use zip::ZipArchive;

use crate::diagnostics::{Problem, WorkbookPart};

/// Largest piece of a workbook, unpacked: a sheet of a million cells is about 60 MiB of XML.
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;
/// All the pieces together, unpacked.
pub const MAX_UNPACKED_BYTES: u64 = 128 * 1024 * 1024;
/// Most cells the sheet read may span, from its first used cell to its last (rows × columns).
pub const MAX_SHEET_CELLS: u64 = 1_000_000;
/// Most pieces a workbook may hold; Excel writes a dozen.
const MAX_PARTS: usize = 10_000;

fn mib(bytes: u64) -> String {
    format!("{} MiB", bytes / 1024 / 1024)
}

/// Refuses a workbook that is larger unpacked than the limits above, or whose first sheet
/// spans more cells or columns than chiso reads. A file that is not a readable zip is let
/// through: calamine then says what is wrong with it.
pub fn check(bytes: &[u8]) -> Result<(), Problem> {
    let Ok(mut zip) = ZipArchive::new(Cursor::new(bytes)) else {
        return Ok(());
    };
    if zip.len() > MAX_PARTS {
        return Err(too_large(WorkbookPart::Whole, MAX_UNPACKED_BYTES));
    }
    let names: Vec<String> = (0..zip.len())
        .filter_map(|i| zip.by_index_raw(i).ok().map(|f| f.name().to_string()))
        .collect();
    let normal = |n: &str| n.replace('\\', "/").to_lowercase();
    let sheet = first_sheet(&mut zip, &names);
    let is_sheet = |name: &str| {
        sheet
            .as_ref()
            .is_some_and(|(path, _)| *path == normal(name))
    };
    // The piece of a problem, named as the editor knows it: the sheet read by its name.
    let part = |name: &str| match &sheet {
        Some((_, sheet_name)) if is_sheet(name) => WorkbookPart::Sheet(sheet_name.clone()),
        _ => part_named(name),
    };
    // The sizes the zip declares: a quick refusal of the plain cases.
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let Ok(f) = zip.by_index_raw(i) else { continue };
        if f.size() > MAX_PART_BYTES {
            return Err(too_large(part(f.name()), MAX_PART_BYTES));
        }
        declared = declared.saturating_add(f.size());
    }
    if declared > MAX_UNPACKED_BYTES {
        return Err(too_large(WorkbookPart::Whole, MAX_UNPACKED_BYTES));
    }
    // What each piece really unpacks to, which is what the reader will hold.
    let mut total = 0u64;
    for (i, name) in names.iter().enumerate() {
        let Ok(file) = zip.by_index(i) else { continue };
        let mut counted = Counted {
            inner: file,
            count: 0,
        };
        let result = match &sheet {
            Some((_, sheet_name)) if is_sheet(name) => measure_sheet(&mut counted, sheet_name),
            _ if normal(name).ends_with("sharedstrings.xml") => count_shared_strings(&mut counted),
            // Broken data is calamine's to report; only its size counts here.
            _ => std::io::copy(&mut counted, &mut std::io::sink())
                .map(|_| ())
                .or(Ok(())),
        };
        if counted.count > MAX_PART_BYTES {
            return Err(too_large(part(name), MAX_PART_BYTES));
        }
        result?;
        total += counted.count;
        if total > MAX_UNPACKED_BYTES {
            return Err(too_large(WorkbookPart::Whole, MAX_UNPACKED_BYTES));
        }
    }
    Ok(())
}

fn too_large(part: WorkbookPart, limit: u64) -> Problem {
    Problem::WorkbookTooLarge {
        part,
        limit: mib(limit),
    }
}

fn part_named(name: &str) -> WorkbookPart {
    if name.to_lowercase().ends_with("sharedstrings.xml") {
        WorkbookPart::SharedStrings
    } else {
        WorkbookPart::Other(name.to_string())
    }
}

/// A piece being unpacked, counting its bytes, and stopping one past the limit.
struct Counted<R> {
    inner: R,
    count: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.count > MAX_PART_BYTES {
            return Err(std::io::Error::other("piece too large"));
        }
        let n = self.inner.read(buf)?;
        self.count += n as u64;
        Ok(n)
    }
}

/// The first sheet, as calamine reads it: its piece's path (normalised: `/`, lower case) and
/// its name, from `xl/workbook.xml` and its relations. `None` when they cannot be read; every
/// piece is then still held to the size limits.
fn first_sheet<R: Read + std::io::Seek>(
    zip: &mut ZipArchive<R>,
    names: &[String],
) -> Option<(String, String)> {
    let find = |wanted: &str| {
        names
            .iter()
            .position(|n| n.replace('\\', "/").eq_ignore_ascii_case(wanted))
    };
    let workbook = find("xl/workbook.xml")?;
    let (sheet_name, id) = {
        let file = zip.by_index(workbook).ok()?;
        let mut reader = quick_xml::Reader::from_reader(BufReader::new(Counted {
            inner: file,
            count: 0,
        }));
        let mut buf = Vec::new();
        loop {
            match reader.read_event_into(&mut buf).ok()? {
                Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "sheet" => {
                    let mut name = None;
                    let mut id = None;
                    for a in e.attributes().flatten() {
                        match a.key.local_name().as_ref() {
                            "name" => name = Some(a.value.to_string()),
                            "id" => id = Some(a.value.to_string()),
                            _ => {}
                        }
                    }
                    break (name?, id?);
                }
                Event::Eof => return None,
                _ => {}
            }
            buf.clear();
        }
    };
    let rels = find("xl/_rels/workbook.xml.rels")?;
    let file = zip.by_index(rels).ok()?;
    let mut reader = quick_xml::Reader::from_reader(BufReader::new(Counted {
        inner: file,
        count: 0,
    }));
    let mut buf = Vec::new();
    loop {
        match reader.read_event_into(&mut buf).ok()? {
            Event::Start(e) | Event::Empty(e) if e.local_name().as_ref() == "Relationship" => {
                let mut this = false;
                let mut target = None;
                for a in e.attributes().flatten() {
                    match a.key.local_name().as_ref() {
                        "Id" => this = a.value == id.as_str(),
                        "Target" => target = Some(a.value.replace('\\', "/")),
                        _ => {}
                    }
                }
                if let (true, Some(t)) = (this, target) {
                    let path = match t.strip_prefix('/') {
                        Some(absolute) => absolute.to_string(),
                        None => format!("xl/{t}"),
                    };
                    return Some((path.to_lowercase(), sheet_name));
                }
            }
            Event::Eof => return None,
            _ => {}
        }
        buf.clear();
    }
}

/// `XFD1048576` → (row 1048575, column 16383), 0-based.
fn cell_address(r: &str) -> Option<(u64, u64)> {
    let letters = r.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters > 3 {
        return None;
    }
    let column = r[..letters].bytes().fold(0u64, |n, b| {
        n * 26 + u64::from(b.to_ascii_uppercase() - b'A' + 1)
    });
    let row: u64 = r[letters..].parse().ok()?;
    Some((row.checked_sub(1)?, column - 1))
}

/// Measures the first sheet's cells from their addresses (a cell without one follows the
/// one before it, as Excel reads it), stopping as soon as they span too much.
fn measure_sheet(reader: impl Read, sheet: &str) -> Result<(), Problem> {
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(reader));
    let mut buf = Vec::new();
    let (mut row, mut column) = (0u64, 0u64);
    let mut seen_row = false;
    let mut first: Option<(u64, u64)> = None;
    let (mut last_row, mut last_column) = (0u64, 0u64);
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            // Broken XML is calamine's to report; a piece too large is caught by the caller.
            Err(_) => return Ok(()),
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "row" => {
                    let r = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "r")
                        .and_then(|a| a.value.parse::<u64>().ok());
                    row = match (r, seen_row) {
                        (Some(r), _) => r.saturating_sub(1),
                        (None, true) => row + 1,
                        (None, false) => 0,
                    };
                    seen_row = true;
                    column = u64::MAX;
                }
                "c" => {
                    let at = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == "r")
                        .and_then(|a| cell_address(&a.value));
                    let (r, c) = at.unwrap_or((row, column.wrapping_add(1)));
                    row = r;
                    column = c;
                    let (first_row, first_column) = *first.get_or_insert((r, c));
                    let first_row = first_row.min(r);
                    let first_column = first_column.min(c);
                    first = Some((first_row, first_column));
                    last_row = last_row.max(r);
                    last_column = last_column.max(c);
                    let rows = last_row - first_row + 1;
                    // Columns count from `A`: the reader keeps the sheet's letters.
                    let columns = last_column + 1;
                    if columns > super::files::MAX_COLUMNS as u64
                        || rows.saturating_mul(columns) > MAX_SHEET_CELLS
                    {
                        return Err(Problem::SheetTooLarge {
                            sheet: sheet.to_string(),
                            rows,
                            columns,
                            limit_cells: MAX_SHEET_CELLS,
                            limit_columns: super::files::MAX_COLUMNS as u64,
                        });
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

/// Counts the shared texts (and the count the piece declares, which calamine reserves room
/// for): no sheet needs more than it has cells.
fn count_shared_strings(reader: impl Read) -> Result<(), Problem> {
    let refuse = || too_large(WorkbookPart::SharedStrings, MAX_PART_BYTES);
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(reader));
    let mut buf = Vec::new();
    let mut count = 0u64;
    loop {
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            Err(_) => return Ok(()),
        };
        match event {
            Event::Start(e) | Event::Empty(e) => match e.local_name().as_ref() {
                "sst" => {
                    let declared = e
                        .attributes()
                        .flatten()
                        .filter(|a| matches!(a.key.local_name().as_ref(), "count" | "uniqueCount"))
                        .filter_map(|a| a.value.parse::<u64>().ok())
                        .max()
                        .unwrap_or(0);
                    if declared > MAX_SHEET_CELLS {
                        return Err(refuse());
                    }
                }
                "si" => {
                    count += 1;
                    if count > MAX_SHEET_CELLS {
                        return Err(refuse());
                    }
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
        buf.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_cell_addresses_as_excel_does() {
        assert_eq!(cell_address("A1"), Some((0, 0)));
        assert_eq!(cell_address("D7"), Some((6, 3)));
        assert_eq!(cell_address("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_address("7"), None);
    }
}
