//! The half-year reports as workbooks laid out like the province's template, so that a unit can
//! submit them: a unit's workbook has a sheet per half-year, newest first (the sheet that opens
//! is the latest report); a parent's compilation for one half-year has a sheet for the parent
//! and one for each child that reported, as a provincial department compiles its districts'
//! or communes' reports. Each sheet prints the official head, then both tables one under the
//! other (the second on a new page): title rows, the headings with their column numbers, group
//! rows with Roman numerals; figures are numbers and the ratio columns are formulas whose
//! results are stored too, for viewers that do not recalculate. The form is Vietnamese whatever
//! the site's languages.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, FormatUnderline, Formula,
    Workbook, Worksheet, XlsxError,
};

use super::head::{Head, MOTTO, NATIONAL_TITLE};
use super::{column_numbers, fill_years, summary, Part};
use crate::compute::report::{Report, FIRST_FIGURE};
use crate::lang::Lang;
use crate::view::Ctx;

const LANG: Lang = Lang::Vi;
const FONT: &str = "Times New Roman";
/// The first rows: the official head (agencies, number, national title, motto, place and date)
/// and a blank row; then the report's title and, on sample data, a note.
const TITLE_ROW: u32 = 4;
/// The columns of the head's left part (the agencies): STT, the name and its unit.
const HEAD_LEFT: u16 = 2;
/// Points per line of 11-point text.
const LINE_HEIGHT: f64 = 15.0;

/// Column widths, in characters: STT, the indicator's name, its unit, then the figures.
fn width(column: usize) -> f64 {
    match column {
        0 => 6.0,
        1 => 46.0,
        _ => 13.0,
    }
}

struct Formats {
    /// A bordered table cell, the base of the others.
    cell: Format,
    title: Format,
    head: Format,
    head_bold: Format,
    motto: Format,
    date: Format,
    note: Format,
    heading: Format,
    number_row: Format,
    group_numeral: Format,
    group: Format,
    stt: Format,
    text: Format,
    percent: Format,
    summary: Format,
    /// A figure's format by its decimals, made once per workbook.
    figures: Vec<Format>,
}

impl Formats {
    fn new(max_decimals: usize) -> Formats {
        let base = Format::new().set_font_name(FONT).set_font_size(11);
        let cell = base
            .clone()
            .set_border(FormatBorder::Thin)
            .set_align(FormatAlign::VerticalCenter);
        Formats {
            title: base
                .clone()
                .set_font_size(13)
                .set_bold()
                .set_align(FormatAlign::Center),
            head: base
                .clone()
                .set_font_size(13)
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            head_bold: base
                .clone()
                .set_font_size(13)
                .set_bold()
                .set_align(FormatAlign::Center)
                .set_text_wrap(),
            motto: base
                .clone()
                .set_font_size(13)
                .set_bold()
                .set_underline(FormatUnderline::Single)
                .set_align(FormatAlign::Center),
            date: base
                .clone()
                .set_font_size(13)
                .set_italic()
                .set_align(FormatAlign::Center),
            note: base.clone().set_italic().set_align(FormatAlign::Center),
            heading: cell
                .clone()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center),
            number_row: cell.clone().set_italic().set_align(FormatAlign::Center),
            group_numeral: cell.clone().set_bold().set_align(FormatAlign::Center),
            group: cell.clone().set_bold(),
            stt: cell.clone().set_align(FormatAlign::Center),
            text: cell.clone().set_text_wrap(),
            percent: cell.clone().set_num_format("0.0"),
            summary: base.set_text_wrap().set_align(FormatAlign::Top),
            figures: (0..=max_decimals).map(|d| figure(&cell, d)).collect(),
            cell,
        }
    }

    /// A figure with the indicator's decimals, grouped in thousands.
    fn figure(&self, decimals: usize) -> Format {
        match self.figures.get(decimals) {
            Some(f) => f.clone(),
            None => figure(&self.cell, decimals),
        }
    }
}

fn figure(cell: &Format, decimals: usize) -> Format {
    let mut pattern = String::from("#,##0");
    if decimals > 0 {
        pattern.push('.');
        pattern.push_str(&"0".repeat(decimals));
    }
    cell.clone().set_num_format(pattern)
}

/// `A`, `B`, … for a column number of the template (1-based); tables have fewer than 27.
fn letter(column: usize) -> char {
    char::from(b'A' + (column.saturating_sub(1) % 26) as u8)
}

/// Lines that `text` wraps to in a column `width` characters wide; rows are given heights that
/// fit, as neither Excel nor LibreOffice fits the height of a generated row on opening.
fn lines(text: &str, width: f64) -> f64 {
    // Times New Roman is narrower than the digits of the default font that widths count in.
    let per_line = (width * 1.4).max(1.0);
    (text.chars().count() as f64 / per_line).ceil().max(1.0)
}

/// A sheet name without the characters Excel refuses, at most 31 characters, and unlike the
/// names in `taken` (Excel compares them without case): a unit's name may be long, and two
/// children may share one (a district and the commune that kept its name).
fn sheet_name(text: &str, taken: &mut Vec<String>) -> String {
    let clean: String = text
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\'))
        .collect();
    let clean = clean.trim_matches('\'').trim();
    let clean = if clean.is_empty() { "Sheet" } else { clean };
    let mut n = 1;
    loop {
        let suffix = if n == 1 {
            String::new()
        } else {
            format!(" ({n})")
        };
        let keep = 31 - suffix.chars().count();
        let name: String = clean.chars().take(keep).collect::<String>() + &suffix;
        let name = name.trim_end_matches('\'').to_string();
        if !taken
            .iter()
            .any(|t| t.to_lowercase() == name.to_lowercase())
        {
            taken.push(name.clone());
            return name;
        }
        n += 1;
    }
}

/// A workbook whose creation date, written into the file, is taken from the data (a report is
/// due in July): the same figures then give the same bytes.
fn new_workbook(title: String, year: i32) -> Result<Workbook, XlsxError> {
    let mut workbook = Workbook::new();
    // Fast compression, for a national site builds thousands of them; but not zlib's level 1,
    // whose quick strategy leaves the workbooks a fifth larger than level 2 does, for about
    // 3 % more CPU in a full build (measured on 787 units: 18.4 → 15.4 MB of workbooks).
    workbook.set_zip_compression_level(2);
    let year = u16::try_from(year).map_err(|_| XlsxError::DateTimeRangeError(year.to_string()))?;
    let created = ExcelDateTime::from_ymd(year, 7, 1)?;
    workbook.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_creation_datetime(&created),
    );
    Ok(workbook)
}

fn formats(ctx: &Ctx) -> Formats {
    let cat = &ctx.project.catalogue;
    let max = cat.ids().map(|i| cat.get(i).decimals).max().unwrap_or(0);
    Formats::new(max.min(12))
}

/// A unit's workbook: a sheet per half-year, newest first. `reports` are in time order.
pub fn unit_workbook(ctx: &Ctx, reports: &[Report]) -> Result<Vec<u8>, XlsxError> {
    let Some(last) = reports.last() else {
        return Workbook::new().save_to_buffer();
    };
    let unit = ctx.unit_name(last.unit, LANG).to_string();
    let title = format!("{} – {unit}", ctx.i18n.get(LANG, "report_workbook_title"));
    let mut workbook = new_workbook(title, last.year)?;
    let f = formats(ctx);
    let mut taken = Vec::new();
    for r in reports.iter().rev() {
        let sheet = workbook.add_worksheet();
        let name = fill_years(ctx, LANG, "report_sheet_half_year", r.year);
        sheet.set_name(sheet_name(&name, &mut taken))?;
        write_report(ctx, r, sheet, &f)?;
    }
    workbook.save_to_buffer()
}

/// A parent's compilation for one half-year: the parent's own report, then each child's, in
/// the order of `units.csv`.
pub fn compilation(ctx: &Ctx, parent: &Report, children: &[&Report]) -> Result<Vec<u8>, XlsxError> {
    let unit = ctx.unit_name(parent.unit, LANG).to_string();
    let title = format!(
        "{} – {unit}",
        fill_years(ctx, LANG, "report_compilation_title", parent.year)
    );
    let mut workbook = new_workbook(title, parent.year)?;
    let f = formats(ctx);
    let mut taken = Vec::new();
    for r in std::iter::once(parent).chain(children.iter().copied()) {
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(ctx.unit_name(r.unit, LANG), &mut taken))?;
        write_report(ctx, r, sheet, &f)?;
    }
    workbook.save_to_buffer()
}

/// One report on one sheet: the head, the title, then Part One and Part Two.
fn write_report(
    ctx: &Ctx,
    r: &Report,
    sheet: &mut Worksheet,
    f: &Formats,
) -> Result<(), XlsxError> {
    let unit = ctx.unit_name(r.unit, LANG);
    let title = format!("{} – {unit}", fill_years(ctx, LANG, "report_title", r.year));
    let head = Head::new(ctx, r);
    // Without this, a formula without a result would show 0 until recalculated.
    sheet.set_formula_result_default("");
    // The widest table sets the head's and the title's width.
    let last_col = Part::BOTH
        .iter()
        .map(|p| FIRST_FIGURE - 2 + p.columns().len())
        .max()
        .unwrap_or(0) as u16;
    let full_width: f64 = (0..=usize::from(last_col)).map(width).sum();

    // The head as the decree sets it: agencies and number on the left, the national title,
    // the motto and the place and date on the right.
    let left = [
        (head.parent_agency.clone().unwrap_or_default(), &f.head),
        (head.agency.clone(), &f.head_bold),
        (head.number.clone(), &f.head),
    ];
    let right = [
        (NATIONAL_TITLE, &f.head_bold),
        (MOTTO, &f.motto),
        (head.place_date.as_str(), &f.date),
    ];
    let left_width: f64 = (0..=usize::from(HEAD_LEFT)).map(width).sum();
    for (row, ((l, lf), (r, rf))) in (0u32..).zip(left.iter().zip(right)) {
        sheet.merge_range(row, 0, row, HEAD_LEFT, l, lf)?;
        sheet.merge_range(row, HEAD_LEFT + 1, row, last_col, r, rf)?;
        sheet.set_row_height(row, 17.0 * lines(l, left_width * 0.85))?;
    }
    sheet.merge_range(
        TITLE_ROW,
        0,
        TITLE_ROW,
        last_col,
        &title.to_uppercase(),
        &f.title,
    )?;
    let mut row = TITLE_ROW + 1;
    if ctx.project.config.sample {
        let notice = ctx.i18n.get(LANG, "sample_notice");
        sheet.merge_range(row, 0, row, last_col, &notice, &f.note)?;
        sheet.set_row_height(row, LINE_HEIGHT * lines(&notice, full_width) + 2.0)?;
        row += 1;
    }
    row += 1;
    for part in Part::BOTH {
        if part == Part::Two {
            // Part Two starts a printed page of its own.
            sheet.set_page_breaks(&[row])?;
        }
        row = write_part(ctx, r, part, sheet, f, row)?;
        row += 1;
    }

    for c in 0..=last_col {
        sheet.set_column_width(c, width(c.into()))?;
    }
    sheet.set_landscape();
    // A4.
    sheet.set_paper_size(9);
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    Ok(())
}

/// One table from `start`: its title, headings, rows and closing; returns the row after it.
fn write_part(
    ctx: &Ctx,
    r: &Report,
    part: Part,
    sheet: &mut Worksheet,
    f: &Formats,
    start: u32,
) -> Result<u32, XlsxError> {
    let table = part.table(r);
    let headings = part.headings(ctx, r, LANG);
    let last_col = (headings.len() - 1) as u16;
    let cat = &ctx.project.catalogue;
    let full_width: f64 = (0..=usize::from(last_col)).map(width).sum();
    let table_title = part.title(ctx, r, LANG).to_uppercase();
    sheet.merge_range(start, 0, start, last_col, &table_title, &f.title)?;
    let heading_row = start + 1;

    // Values are written bare and formatted afterwards a block at a time: rust_xlsxwriter
    // hashes the whole Format on every formatted write, which made formatting most of a
    // workbook's cost. A cell gets the same format either way.
    let mut heading_lines: f64 = 1.0;
    for (c, h) in headings.iter().enumerate() {
        sheet.write_string(heading_row, c as u16, h)?;
        heading_lines = heading_lines.max(lines(h, width(c) * 0.9));
    }
    sheet.set_row_height(heading_row, LINE_HEIGHT * heading_lines + 4.0)?;
    sheet.set_range_format(heading_row, 0, heading_row, last_col, &f.heading)?;
    for (c, n) in column_numbers(table).iter().enumerate() {
        sheet.write_string(heading_row + 1, c as u16, n)?;
    }
    sheet.set_range_format(heading_row + 1, 0, heading_row + 1, last_col, &f.number_row)?;

    let first_ratio = (FIRST_FIGURE - 1 + table.figure_columns) as u16;
    let first_figure = (FIRST_FIGURE - 1) as u16;
    let mut row = heading_row + 2;
    for section in &table.sections {
        let ind = cat.get(section.indicator);
        sheet.write_string(row, 0, &section.numeral)?;
        sheet.write_string(row, 1, &ind.group)?;
        sheet.set_range_format(row, 0, row, 0, &f.group_numeral)?;
        sheet.set_range_format(row, 1, row, last_col, &f.group)?;
        row += 1;
        let first_line = row;
        for line in &section.lines {
            let ind = cat.get(line.indicator);
            sheet.write_number(row, 0, line.stt as f64)?;
            sheet.write_string(row, 1, &ind.name)?;
            sheet.write_string(row, 2, &ind.unit_of_measure)?;
            let text_lines = lines(&ind.name, width(1)).max(lines(&ind.unit_of_measure, width(2)));
            if text_lines > 1.0 {
                sheet.set_row_height(row, LINE_HEIGHT * text_lines + 2.0)?;
            }
            for (k, value) in line.figures.iter().enumerate() {
                // Full precision: the formulas then give exactly the published ratios.
                if let Some(v) = value {
                    sheet.write_number(row, first_figure + k as u16, *v)?;
                }
            }
            let results = line.percents(table.ratios);
            for (k, (&(a, b), result)) in table.ratios.iter().zip(results).enumerate() {
                let (a, b, n) = (letter(a), letter(b), row + 1);
                let formula = Formula::new(format!(
                    "=IF(AND(ISNUMBER({a}{n}),ISNUMBER({b}{n}),{b}{n}<>0),{a}{n}/{b}{n}*100,\"\")"
                ))
                .set_result(result.map(|v| v.to_string()).unwrap_or_default());
                sheet.write_formula(row, first_ratio + k as u16, formula)?;
            }
            row += 1;
        }
        // Rows in a run of the same decimals share one figure format.
        let mut start = first_line;
        for run in section
            .lines
            .chunk_by(|x, y| cat.get(x.indicator).decimals == cat.get(y.indicator).decimals)
        {
            let end = start + run.len() as u32 - 1;
            if first_ratio > first_figure {
                let figure = f.figure(cat.get(run[0].indicator).decimals);
                sheet.set_range_format(start, first_figure, end, first_ratio - 1, &figure)?;
            }
            start = end + 1;
        }
        if row > first_line {
            let last_line = row - 1;
            sheet.set_range_format(first_line, 0, last_line, 0, &f.stt)?;
            sheet.set_range_format(first_line, 1, last_line, 2, &f.text)?;
            if !table.ratios.is_empty() {
                let last_ratio = first_ratio + table.ratios.len() as u16 - 1;
                sheet.set_range_format(
                    first_line,
                    first_ratio,
                    last_line,
                    last_ratio,
                    &f.percent,
                )?;
            }
        }
    }

    let mut closing = Vec::new();
    if part == Part::One {
        closing.push(summary(ctx, r, LANG));
    } else {
        closing.push(ctx.i18n.get(LANG, "report_notes"));
    }
    // One blank row after the table, as in the template.
    let mut row = row + 1;
    for text in &closing {
        sheet.merge_range(row, 0, row, last_col, text, &f.summary)?;
        sheet.set_row_height(row, LINE_HEIGHT * lines(text, full_width) + 2.0)?;
        row += 1;
    }
    Ok(row)
}

#[cfg(test)]
mod tests {
    use super::sheet_name;

    #[test]
    fn sheet_names_are_short_clean_and_unique() {
        let mut taken = Vec::new();
        assert_eq!(sheet_name("Huyện Tuần Giáo", &mut taken), "Huyện Tuần Giáo");
        // Excel compares names without case.
        assert_eq!(
            sheet_name("huyện tuần giáo", &mut taken),
            "huyện tuần giáo (2)"
        );
        let long = "Thành phố Điện Biên Phủ và các vùng lân cận [cũ]";
        let name = sheet_name(long, &mut taken);
        assert_eq!(name.chars().count(), 31);
        assert!(!name.contains('['));
        let again = sheet_name(long, &mut taken);
        assert!(
            again.ends_with(" (2)") && again.chars().count() == 31,
            "{again}"
        );
        assert_eq!(sheet_name("'?'", &mut taken), "Sheet");
    }
}
