//! A unit's reports as open data, one CSV file for every half-year and both tables: the
//! figures in plain numbers, so that anyone can check the reports' sums and ratios.

use super::Part;
use crate::compute::report::Report;
use crate::encode::csv::csv_bytes;
use crate::format::plain_number;
use crate::model::Project;
use crate::schema::{REPORT_FIGURES as FIGURES, REPORT_KEYS as KEYS};

/// Every report of a unit (`reports` in time order), both tables each: `half_year` (`2024-H1`),
/// `part` (`forecast` or `plan`), `stt,indicator,name,unit`, then [`FIGURES`](crate::schema::REPORT_FIGURES) in plain numbers;
/// group headings are not rows of data.
pub fn unit_tables(project: &Project, reports: &[Report]) -> Vec<u8> {
    let header = crate::schema::reports().header();
    let mut rows = Vec::new();
    for r in reports {
        let half_year = format!("{}-H1", r.year);
        for part in Part::BOTH {
            let table = part.table(r);
            let at: Vec<usize> = part
                .columns()
                .iter()
                .map(|c| FIGURES.iter().position(|f| f == c).unwrap_or(0))
                .collect();
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
                    half_year.clone(),
                    part.id().to_string(),
                    line.stt.to_string(),
                    ind.code.clone(),
                    ind.name.clone(),
                    ind.unit_of_measure.clone(),
                ];
                record.resize(KEYS.len() + FIGURES.len(), String::new());
                for (value, &k) in figures.chain(percents).zip(&at) {
                    record[KEYS.len() + k] = value.unwrap_or_default();
                }
                rows.push(record);
            }
        }
    }
    csv_bytes(&header, rows)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_column_of_both_tables_has_its_place() {
        for part in Part::BOTH {
            for c in part.columns() {
                assert!(FIGURES.contains(c), "{c}");
            }
        }
    }
}
