//! `data/coverage-gaps.csv` (optional): villages without mobile service and who must bring it
//! (Phụ lục 2 of the province's plan), with the period service arrived.

use super::table::Table;
use crate::diagnostics::{Diagnostics, Problem};
use crate::model::Village;
use crate::model::{Period, UnitTree};
use crate::text::suggest;

pub fn load(table: &Table, units: &UnitTree, diags: &mut Diagnostics) -> Vec<Village> {
    let Some(cols) = table.columns(
        &["village", "commune", "district", "operator", "covered"],
        &[],
        diags,
    ) else {
        return Vec::new();
    };
    let file = &table.file;
    let mut out = Vec::new();
    for row in table.rows.iter() {
        let line = Some(row.line);
        let mut ok = true;
        for col in ["village", "district", "operator"] {
            if row.get(&cols, col).is_empty() {
                diags.push(file, line, Some(col), Problem::Required);
                ok = false;
            }
        }
        let slug = row.get(&cols, "district");
        let unit = units.by_slug(slug);
        if unit.is_none() && !slug.is_empty() {
            diags.push(
                file,
                line,
                Some("district"),
                Problem::UnknownUnit {
                    slug: slug.into(),
                    suggestion: suggest(slug, units.iter().map(|(_, u)| u.slug.as_str())),
                },
            );
        }
        let covered_text = row.get(&cols, "covered");
        let covered = if covered_text.is_empty() {
            Some(None)
        } else {
            match covered_text.parse::<Period>() {
                Ok(p) => Some(Some(p)),
                Err(_) => {
                    diags.push(
                        file,
                        line,
                        Some("covered"),
                        super::periods::problem(covered_text),
                    );
                    None
                }
            }
        };
        if let (Some(unit), Some(covered), true) = (unit, covered, ok) {
            out.push(Village {
                village: row.get(&cols, "village").into(),
                commune: row.get(&cols, "commune").into(),
                unit,
                operator: row.get(&cols, "operator").into(),
                covered,
            });
        }
    }
    out
}
