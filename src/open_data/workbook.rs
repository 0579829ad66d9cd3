//! `data/chiso-data.xlsx`: the whole site's tables in one workbook, for Excel. A CSV file
//! opened by double-click in Excel on a Vietnamese computer garbles the accents (Excel reads it
//! as Windows-1258) and splits no columns (it expects `;`); a workbook has neither problem, and
//! its cells are typed: codes such as `099` stay text, figures are numbers.
//!
//! A "Đọc trước" (read first) sheet explains every column in Vietnamese and English, from the
//! same descriptions as the data package.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

use crate::schema::{Table, Type};

/// The most rows of data a sheet holds under its header; the rest go on to another sheet
/// (`values (2)`), as Excel opens no more than 1,048,576 rows.
const ROWS_PER_SHEET: usize = 1_048_575;

/// What the workbook is made of: each table with its CSV file's bytes.
pub struct Content<'a> {
    pub tables: Vec<(&'a Table, &'a [u8])>,
    /// The site's title, the licence, and the data's date `YYYY-MM-DD` (the creation date
    /// written in the file: one from the data gives the same bytes for the same input).
    pub title: &'a str,
    pub licence: &'a str,
    pub date: &'a str,
}

pub fn workbook(c: &Content) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    // A faster deflate than the default 6: this workbook holds every figure of the site and is
    // remade after any change, alone on one thread, so it was the longest job of a one-commune
    // build. Measured on the national project: that build 2.7-3.4 s at level 6, 2.0-2.3 s at
    // level 3, with the file 6.1 MB -> 6.7 MB (level 1: 10.0 MB, too heavy to download), when
    // each cell still held its own text.
    workbook.set_zip_compression_level(3);
    let created = date(c.date)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(c.title)
            .set_creation_datetime(&created),
    );
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    read_first(workbook.add_worksheet(), c, &bold, &wrap)?;
    for (table, csv) in &c.tables {
        data_sheets(&mut workbook, table, csv, &bold)?;
    }
    workbook.save_to_buffer()
}

/// `YYYY-MM-DD` as a date; 1 January 2000 if the text is not one (it always is: the build's
/// date is checked where it is read).
fn date(text: &str) -> Result<ExcelDateTime, XlsxError> {
    let mut parts = text.split('-').map(|p| p.parse::<u16>().ok());
    match (parts.next(), parts.next(), parts.next()) {
        (Some(Some(y)), Some(Some(m)), Some(Some(d))) => {
            ExcelDateTime::from_ymd(y, m as u8, d as u8)
                .or_else(|_| ExcelDateTime::from_ymd(2000, 1, 1))
        }
        _ => ExcelDateTime::from_ymd(2000, 1, 1),
    }
}

fn read_first(
    sheet: &mut Worksheet,
    c: &Content,
    bold: &Format,
    wrap: &Format,
) -> Result<(), XlsxError> {
    sheet.set_name("Đọc trước")?;
    sheet.set_column_width(0, 22)?;
    sheet.set_column_width(1, 10)?;
    sheet.set_column_width(2, 60)?;
    sheet.set_column_width(3, 60)?;
    sheet.set_column_width(4, 10)?;
    let intro = [
        c.title.to_string(),
        "Tệp này chứa toàn bộ số liệu công bố của trang, mỗi bảng một trang tính. Trang tính này giải thích từng cột. Mã đơn vị (ví dụ 099) là chữ, không phải số.".into(),
        "This workbook holds every figure the site publishes, one sheet per table. This sheet explains each column. Unit codes (e.g. 099) are text, not numbers.".into(),
        format!("Giấy phép / Licence: {}", c.licence),
        "Các tệp CSV cùng nội dung (UTF-8, dấu phẩy) dành cho phần mềm phân tích; datapackage.json mô tả chúng. / The same tables as CSV (UTF-8, commas) are for analysis tools; datapackage.json describes them.".into(),
    ];
    let mut row = 0u32;
    for (n, line) in intro.iter().enumerate() {
        if n == 0 {
            sheet.write_string_with_format(row, 0, line, bold)?;
        } else {
            sheet.write_string(row, 0, line)?;
        }
        row += 1;
    }
    for (table, _) in &c.tables {
        row += 1;
        let heading = format!("{} — {} / {}", table.name, table.title_vi, table.title_en);
        sheet.write_string_with_format(row, 0, &heading, bold)?;
        row += 1;
        sheet.write_string_with_format(row, 2, table.vi, wrap)?;
        sheet.write_string_with_format(row, 3, table.en, wrap)?;
        row += 1;
        for (col, text) in [
            "Cột / Column",
            "Kiểu / Type",
            "Ý nghĩa",
            "Meaning",
            "Đơn vị / Unit",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string_with_format(row, col as u16, *text, bold)?;
        }
        row += 1;
        for column in &table.columns {
            let ty = match column.ty {
                Type::Text => "chữ / text",
                Type::Number => "số / number",
                Type::Integer => "số nguyên / integer",
            };
            sheet.write_string(row, 0, column.name)?;
            sheet.write_string(row, 1, ty)?;
            sheet.write_string_with_format(row, 2, column.vi, wrap)?;
            sheet.write_string_with_format(row, 3, column.en, wrap)?;
            if let Some(unit) = column.unit {
                sheet.write_string(row, 4, unit)?;
            }
            row += 1;
        }
    }
    Ok(())
}

/// The table's rows, typed by its columns, on as many sheets as they need.
fn data_sheets(
    workbook: &mut Workbook,
    table: &Table,
    csv: &[u8],
    bold: &Format,
) -> Result<(), XlsxError> {
    let mut reader = csv::ReaderBuilder::new().from_reader(csv);
    let header: Vec<String> = reader
        .headers()
        .map(|h| h.iter().map(String::from).collect())
        .unwrap_or_default();
    let types: Vec<Type> = header
        .iter()
        .map(|h| table.column(h).map_or(Type::Text, |c| c.ty))
        .collect();
    let mut records = reader.into_records().peekable();
    let mut part = 1;
    loop {
        // Rows written out as they come (constant memory), with the text in the workbook's one
        // table of strings rather than in each cell: the few codes, periods and kinds repeat on
        // every row, and the national file is 7 % smaller for the same time.
        let sheet = workbook.add_worksheet_with_low_memory()?;
        sheet.set_name(if part == 1 {
            table.name.to_string()
        } else {
            format!("{} ({part})", table.name)
        })?;
        for (col, h) in header.iter().enumerate() {
            sheet.set_column_width(col as u16, if h.starts_with("name") { 40 } else { 12 })?;
            sheet.write_string_with_format(0, col as u16, h, bold)?;
        }
        sheet.set_freeze_panes(1, 0)?;
        let mut row = 0;
        while row < ROWS_PER_SHEET {
            let Some(record) = records.next() else { break };
            // The CSV is the site's own: a record that does not read is left out rather than
            // stopping the build.
            let Ok(record) = record else { continue };
            row += 1;
            for (col, cell) in record.iter().enumerate() {
                if cell.is_empty() {
                    continue;
                }
                let (r, c) = (row as u32, col as u16);
                let number = match types.get(col) {
                    Some(Type::Number | Type::Integer) => cell.parse::<f64>().ok(),
                    _ => None,
                };
                match number {
                    Some(v) => sheet.write_number(r, c, v)?,
                    None => sheet.write_string(r, c, unquoted(cell))?,
                };
            }
        }
        if records.peek().is_none() {
            return Ok(());
        }
        part += 1;
    }
}

/// A text cell without the `'` the CSV put before a would-be formula: a workbook's text cell
/// is never run as one.
fn unquoted(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '@', '-', '\t', '\r']) => rest,
        _ => cell,
    }
}
