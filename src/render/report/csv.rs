//! A report's two tables as open data, one CSV file each: the figures in plain numbers, so
//! that anyone can check the report's sums and ratios.

use super::Part;
use crate::compute::report::Report;
use crate::format::plain_number;
use crate::model::Project;
use crate::render::open_data::csv_bytes;

/// One table as open data: `stt,indicator,name,unit`, then the figure and ratio columns in
/// plain numbers; group headings are not rows of data.
pub fn table(project: &Project, r: &Report, part: Part) -> Vec<u8> {
    let table = part.table(r);
    let mut header = vec!["stt", "indicator", "name", "unit"];
    header.extend(part.columns());
    let mut rows = Vec::new();
    for line in table.lines() {
        let ind = project.catalogue.get(line.indicator);
        let figures = line
            .figures
            .iter()
            .map(|v| v.map(|v| plain_number(v, ind.decimals)));
        let percents = line
            .percents(table.ratios)
            .into_iter()
            .map(|v| v.map(|v| plain_number(v, 1)));
        let mut record = vec![
            line.stt.to_string(),
            ind.code.clone(),
            ind.name.clone(),
            ind.unit_of_measure.clone(),
        ];
        record.extend(figures.chain(percents).map(Option::unwrap_or_default));
        rows.push(record);
    }
    csv_bytes(&header, rows)
}
