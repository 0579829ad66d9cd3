//! The one CSV writer of the site: the open data's files and the reports' alike, `,`-separated,
//! `\n`-terminated, UTF-8, and safe to open in a spreadsheet.

/// A CSV file, its header then its rows. Text that a spreadsheet would run as a formula (`=…`, `+…`,
/// `@…`, `-…` that is not a number) gets a leading `'`, which spreadsheets show as text.
pub fn csv_bytes(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut out = csv_body([header.iter().map(|h| h.to_string()).collect()]);
    out.extend(csv_body(rows));
    out
}

/// Rows of a CSV file without its header, so that parts made apart can be joined.
pub fn csv_body(rows: impl IntoIterator<Item = Vec<String>>) -> Vec<u8> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    // Writing to a Vec cannot fail.
    for r in rows {
        let _ = w.write_record(r.iter().map(|c| spreadsheet_safe(c).into_owned()));
    }
    w.into_inner().unwrap_or_default()
}

pub fn spreadsheet_safe(cell: &str) -> std::borrow::Cow<'_, str> {
    let number = || {
        cell.parse::<f64>().is_ok()
            || cell
                .split_once("..")
                .is_some_and(|(a, b)| a.parse::<f64>().is_ok() && b.parse::<f64>().is_ok())
    };
    match cell.chars().next() {
        Some('=' | '+' | '@' | '\t' | '\r') => format!("'{cell}").into(),
        Some('-') if !number() => format!("'{cell}").into(),
        _ => cell.into(),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn formulas_become_text_and_numbers_stay() {
        use super::spreadsheet_safe as s;
        assert_eq!(s("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(s("-2+3+cmd|x"), "'-2+3+cmd|x");
        assert_eq!(s("@SUM(1)"), "'@SUM(1)");
        assert_eq!(s("-5.5"), "-5.5");
        assert_eq!(s("-5..10"), "-5..10");
        assert_eq!(s("Báo cáo"), "Báo cáo");
    }
}
