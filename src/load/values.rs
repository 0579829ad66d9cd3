//! `data/values/<slug>.csv`: the figures of one unit.

use std::collections::HashMap;

use super::number::{parse_amount, thousands_grouped, AmountError, NumberFormat};
use super::table::{CellKind, Table};
use crate::diagnostics::{Diagnostics, NumberWritten, Problem};
use crate::model::{
    Aggregate, Catalogue, Figure, FigureKey, Figures, IndicatorId, Kind, Origin, Period, UnitId,
};
use crate::text::suggest;

const KINDS: &[&str] = &["actual", "estimate", "target"];

/// Reads one unit's table into `figures`.
/// How many lines in error a values file may have before the rest is not read.
pub const MAX_BAD_LINES: usize = 1000;

pub fn load(
    table: &Table,
    unit: UnitId,
    catalogue: &Catalogue,
    figures: &mut Figures,
    diags: &mut Diagnostics,
) {
    let Some(cols) = table.columns(
        &["indicator", "period", "kind", "value"],
        &["source", "note"],
        diags,
    ) else {
        return;
    };
    let file = &table.file;
    let codes = || catalogue.iter().map(|(_, i)| i.code.as_str());
    let [indicator_col, period_col, kind_col, value_col, source_col, note_col] =
        ["indicator", "period", "kind", "value", "source", "note"].map(|c| cols.position(c));
    let mut lines: HashMap<(IndicatorId, FigureKey), usize> = HashMap::new();
    let mut bad = 0;
    // Problems pushed before the line being read: counted at the next line's start, since
    // a line with a problem may end its turn early (`continue`).
    let mut before = diags.pushed();
    for (n, row) in table.rows.iter().enumerate() {
        if diags.pushed() > before {
            bad += 1;
        }
        before = diags.pushed();
        // A file that is mostly errors is not read to its end: its first problems say what
        // is wrong, and checking millions of wrong lines only keeps the editor waiting.
        if bad >= MAX_BAD_LINES {
            diags.push(
                file,
                Some(row.line),
                None,
                Problem::StoppedReading {
                    bad,
                    unread: table.rows.len() - n,
                },
            );
            break;
        }
        let line = Some(row.line);
        let code = row.at(indicator_col);
        let indicator = catalogue.by_code(code);
        if indicator.is_none() {
            let problem = if code.is_empty() {
                Problem::Required
            } else {
                Problem::UnknownIndicator {
                    code: code.into(),
                    suggestion: suggest(code, codes()),
                }
            };
            diags.push(file, line, Some("indicator"), problem);
        }
        let period_text = row.at(period_col);
        let period = period_text.parse::<Period>().ok();
        if period.is_none() {
            diags.push(
                file,
                line,
                Some("period"),
                super::periods::problem(period_text),
            );
        }
        let kind_text = row.at(kind_col);
        let kind = Kind::parse(kind_text);
        if kind.is_none() {
            diags.push(
                file,
                line,
                Some("kind"),
                Problem::Choice {
                    value: kind_text.into(),
                    allowed: KINDS,
                    suggestion: suggest(kind_text, KINDS.iter().copied()),
                },
            );
        }
        let value_text = row.at(value_col);
        // A dot between thousands, where a dot is the decimal point: a comma-separated file or
        // a workbook's text cell. A number a workbook holds is read as it is.
        let cell_kind = row.kind(value_col);
        let text_cell = cell_kind == CellKind::Text;
        let grouped = thousands_grouped(value_text).filter(|(_, dots)| {
            let whole = indicator.is_some_and(|i| catalogue.get(i).decimals == 0);
            table.format == NumberFormat::Plain && text_cell && (*dots > 1 || whole)
        });
        if let Some((plain, _)) = grouped {
            diags.push(
                file,
                line,
                Some("value"),
                Problem::ThousandsSeparator {
                    value: value_text.into(),
                    plain,
                    written: if table.spreadsheet {
                        NumberWritten::Cell
                    } else {
                        NumberWritten::Comma
                    },
                    whole: indicator.is_some_and(|i| catalogue.get(i).decimals == 0),
                },
            );
            continue;
        }
        let amount = match parse_amount(value_text, table.format) {
            Ok(a) if a.upper.is_some() && kind.is_some_and(|k| k != Kind::Target) => {
                diags.push(file, line, Some("value"), Problem::RangeNotTarget);
                None
            }
            Ok(a) => Some(a),
            Err(AmountError::BadRange) => {
                diags.push(
                    file,
                    line,
                    Some("value"),
                    Problem::InvalidRange(value_text.into()),
                );
                None
            }
            Err(AmountError::NotANumber) => {
                let problem = if value_text.is_empty() {
                    Problem::EmptyValue
                } else {
                    Problem::InvalidNumber {
                        value: value_text.into(),
                        written: if table.spreadsheet {
                            NumberWritten::Cell
                        } else if table.format == NumberFormat::Vietnamese {
                            NumberWritten::Semicolon
                        } else {
                            NumberWritten::Comma
                        },
                    }
                };
                diags.push(file, line, Some("value"), problem);
                None
            }
        };
        let (Some(indicator), Some(period), Some(kind), Some(amount)) =
            (indicator, period, kind, amount)
        else {
            continue;
        };
        // A count or a sum of the units' figures (sites, subscribers, revenue) is never below 0.
        if catalogue.get(indicator).aggregate == Aggregate::Sum
            && (amount.value < 0.0 || amount.upper.is_some_and(|u| u < 0.0))
        {
            diags.push(
                file,
                line,
                Some("value"),
                Problem::NegativeCount {
                    value: value_text.into(),
                },
            );
            continue;
        }
        if cell_kind == CellKind::Date {
            diags.push(
                file,
                line,
                Some("value"),
                Problem::ValueLooksLikeDate {
                    value: value_text.into(),
                    shown: date_shown(amount.value),
                },
            );
        }
        let key = FigureKey { period, kind };
        if let Some(&first_line) = lines.get(&(indicator, key)) {
            if let Some(first) = figures.get(unit, indicator, period, kind) {
                if first.value != amount.value || first.upper != amount.upper {
                    diags.push(
                        file,
                        line,
                        Some("value"),
                        Problem::Conflict {
                            first_line,
                            first: show(first.value, first.upper),
                            second: value_text.into(),
                        },
                    );
                }
            }
            continue;
        }
        lines.insert((indicator, key), row.line);
        figures.insert(
            unit,
            indicator,
            key,
            Figure {
                value: amount.value,
                upper: amount.upper,
                origin: Origin::Entered,
                source: row.at(source_col).into(),
                note: row.at(note_col).into(),
                line: Some(row.line),
            },
        );
    }
}

/// The date a number is in Excel's calendar (1 = 1 January 1900), as a date cell shows it.
fn date_shown(serial: f64) -> String {
    let (y, m, d) = crate::date::civil_from_days(serial.floor() as i64 - 25569);
    format!("{d:02}/{m:02}/{y}")
}

fn show(value: f64, upper: Option<f64>) -> String {
    match upper {
        Some(u) => format!("{value}..{u}"),
        None => format!("{value}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Direction, Indicator, Measure};
    use std::path::Path;

    fn catalogue() -> Catalogue {
        let ind = |code: &str| Indicator {
            code: code.into(),
            group: "g".into(),
            group_en: "g".into(),
            name: code.into(),
            name_en: code.into(),
            unit_of_measure: "x".into(),
            unit_of_measure_en: "x".into(),
            direction: Direction::Up,
            measure: Measure::Stock,
            derivation: None,
            aggregate: Aggregate::Sum,
            decimals: 0,
        };
        Catalogue::new(vec![ind("mobile_subscribers"), ind("bts_sites")])
    }

    fn load_str(s: &str) -> (Figures, Diagnostics) {
        let mut d = Diagnostics::default();
        let t = Table::parse(Path::new("data/values/tuan-giao.csv"), s.as_bytes(), &mut d).unwrap();
        let mut f = Figures::new(1, 2);
        load(&t, UnitId::ROOT, &catalogue(), &mut f, &mut d);
        (f, d)
    }

    #[test]
    fn reads_rows_in_both_number_formats() {
        let (f, d) = load_str("indicator,period,kind,value,source,note\nmobile_subscribers,2019-H1,actual,54204,BC,\nbts_sites,2025,target,120..130,KH,\n");
        assert!(d.items.is_empty(), "{:?}", d.items);
        assert_eq!(
            f.value(
                UnitId::ROOT,
                IndicatorId::from_index(0),
                Period::first_half(2019),
                Kind::Actual
            ),
            Some(54204.0)
        );
        assert_eq!(
            f.get(
                UnitId::ROOT,
                IndicatorId::from_index(1),
                Period::year(2025),
                Kind::Target
            )
            .unwrap()
            .upper,
            Some(130.0)
        );
        let (f, d) = load_str("indicator;period;kind;value;source;note\nmobile_subscribers;2019-H1;actual;54.204;BC;\n");
        assert!(d.items.is_empty());
        assert_eq!(
            f.value(
                UnitId::ROOT,
                IndicatorId::from_index(0),
                Period::first_half(2019),
                Kind::Actual
            ),
            Some(54204.0)
        );
    }

    #[test]
    fn reports_each_bad_cell_with_its_line() {
        let (_, d) = load_str(
            "indicator,period,kind,value,source\nmobile_subscriber,2019-H1,actual,1,\nbts_sites,2019-H2,actul,1,\nbts_sites,2019,actual,\"1,5\",\nbts_sites,2019,actual,70..80,\nbts_sites,2020,actual,5,\nbts_sites,2020,actual,6,\nbts_sites,2020,actual,5,\n",
        );
        let got: Vec<(usize, &str)> = d
            .items
            .iter()
            .map(|e| (e.line.unwrap(), e.column.as_deref().unwrap_or("")))
            .collect();
        assert_eq!(
            got,
            [
                (2, "indicator"),
                (3, "period"),
                (3, "kind"),
                (4, "value"),
                (5, "value"),
                (7, "value")
            ]
        );
        assert!(
            matches!(&d.items[0].problem, Problem::UnknownIndicator { suggestion: Some(s), .. } if s == "mobile_subscribers")
        );
        assert!(matches!(
            &d.items[5].problem,
            Problem::Conflict { first_line: 6, .. }
        ));
    }
}
