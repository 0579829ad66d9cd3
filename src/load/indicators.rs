//! `data/indicators.csv`: the catalogue of indicators.

use std::collections::HashMap;

use super::number::parse_number;
use super::table::{Row, Table};
use crate::diagnostics::{Diagnostics, Problem};
use crate::model::{Aggregate, Catalogue, Derivation, Direction, Indicator, IndicatorId, Measure};
use crate::text::suggest;

const DIRECTIONS: &[&str] = &["up", "down"];
const MEASURES: &[&str] = &["stock", "flow"];
const AGGREGATES: &[&str] = &["sum", "none"];

pub fn is_indicator_code(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

struct Parts<'a> {
    line: usize,
    numerator: &'a str,
    denominator: &'a str,
    scale: f64,
}

pub fn load(table: &Table, diags: &mut Diagnostics) -> Option<Catalogue> {
    let cols = table.columns(
        &[
            "code",
            "group",
            "name",
            "unit",
            "direction",
            "measure",
            "aggregate",
            "decimals",
        ],
        &[
            "group_en",
            "name_en",
            "unit_en",
            "numerator",
            "denominator",
            "scale",
        ],
        diags,
    )?;
    let file = &table.file;
    let before = diags.found();
    let mut indicators = Vec::new();
    let mut parts: Vec<Option<Parts>> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for row in table.rows.iter() {
        let line = Some(row.line);
        let code = row.get(&cols, "code");
        let mut ok = true;
        for col in ["code", "name", "unit"] {
            if row.get(&cols, col).is_empty() {
                diags.push(file, line, Some(col), Problem::Required);
                ok = false;
            }
        }
        if !code.is_empty() && !is_indicator_code(code) {
            diags.push(
                file,
                line,
                Some("code"),
                Problem::InvalidIndicatorCode(code.into()),
            );
            ok = false;
        }
        if let Some(&first_line) = seen.get(code) {
            diags.push(
                file,
                line,
                Some("code"),
                Problem::Duplicate {
                    value: code.into(),
                    first_line,
                },
            );
            ok = false;
        }
        let direction = choice(&row, &cols, "direction", DIRECTIONS, table, diags);
        let measure = choice(&row, &cols, "measure", MEASURES, table, diags);
        let aggregate = choice(&row, &cols, "aggregate", AGGREGATES, table, diags);
        let decimals_text = row.get(&cols, "decimals");
        let decimals = match decimals_text.parse::<usize>() {
            Ok(d) if d <= 6 => Some(d),
            _ => {
                diags.push(
                    file,
                    line,
                    Some("decimals"),
                    Problem::InvalidDecimals(decimals_text.into()),
                );
                None
            }
        };
        let derivation = derivation_parts(&row, &cols, table, diags);
        let (
            Some(direction),
            Some(measure),
            Some(aggregate),
            Some(decimals),
            Some(derivation),
            true,
        ) = (direction, measure, aggregate, decimals, derivation, ok)
        else {
            continue;
        };
        seen.insert(code.into(), row.line);
        let text = |col: &str, fallback: &str| {
            let v = row.get(&cols, col);
            if v.is_empty() {
                fallback.to_string()
            } else {
                v.to_string()
            }
        };
        indicators.push(Indicator {
            code: code.into(),
            group: row.get(&cols, "group").into(),
            group_en: text("group_en", row.get(&cols, "group")),
            name: row.get(&cols, "name").into(),
            name_en: text("name_en", row.get(&cols, "name")),
            unit_of_measure: row.get(&cols, "unit").into(),
            unit_of_measure_en: text("unit_en", row.get(&cols, "unit")),
            direction: if direction == "up" {
                Direction::Up
            } else {
                Direction::Down
            },
            measure: if measure == "stock" {
                Measure::Stock
            } else {
                Measure::Flow
            },
            derivation: None,
            aggregate: if aggregate == "sum" {
                Aggregate::Sum
            } else {
                Aggregate::None
            },
            decimals,
        });
        parts.push(derivation);
    }
    if indicators.is_empty() && diags.found() == before {
        diags.push(file, None, None, Problem::EmptyFile);
    }
    let mut catalogue = Catalogue::new(indicators.clone());
    let codes: Vec<String> = indicators.iter().map(|i| i.code.clone()).collect();
    for (i, p) in parts.iter().enumerate() {
        let Some(p) = p else { continue };
        let mut find = |code: &str, col: &str| {
            let found = catalogue.by_code(code);
            if found.is_none() {
                diags.push(
                    file,
                    Some(p.line),
                    Some(col),
                    Problem::UnknownPart {
                        code: code.into(),
                        suggestion: suggest(code, codes.iter().map(String::as_str)),
                    },
                );
            }
            found
        };
        let (n, d) = (
            find(p.numerator, "numerator"),
            find(p.denominator, "denominator"),
        );
        if let (Some(numerator), Some(denominator)) = (n, d) {
            indicators[i].derivation = Some(Derivation {
                numerator,
                denominator,
                scale: p.scale,
            });
        }
    }
    catalogue = Catalogue::new(indicators);
    check_cycles(&catalogue, &parts, table, diags);
    (diags.found() == before).then_some(catalogue)
}

fn choice(
    row: &Row,
    cols: &super::table::Columns,
    col: &'static str,
    allowed: &'static [&'static str],
    table: &Table,
    diags: &mut Diagnostics,
) -> Option<&'static str> {
    let value = row.get(cols, col);
    let found = allowed.iter().copied().find(|a| *a == value);
    if found.is_none() {
        diags.push(
            &table.file,
            Some(row.line),
            Some(col),
            Problem::Choice {
                value: value.into(),
                allowed,
                suggestion: suggest(value, allowed.iter().copied()),
            },
        );
    }
    found
}

/// `Some(None)`: not derived; `Some(Some(_))`: derived; `None`: a problem was reported.
fn derivation_parts<'a>(
    row: &Row<'a>,
    cols: &super::table::Columns,
    table: &Table,
    diags: &mut Diagnostics,
) -> Option<Option<Parts<'a>>> {
    let (n, d, s) = (
        row.get(cols, "numerator"),
        row.get(cols, "denominator"),
        row.get(cols, "scale"),
    );
    match (n.is_empty(), d.is_empty(), s.is_empty()) {
        (true, true, true) => Some(None),
        (false, false, false) => match parse_number(s, table.format) {
            Some(scale) => Some(Some(Parts {
                line: row.line,
                numerator: n,
                denominator: d,
                scale,
            })),
            None => {
                diags.push(
                    &table.file,
                    Some(row.line),
                    Some("scale"),
                    Problem::InvalidScale(s.into()),
                );
                None
            }
        },
        _ => {
            diags.push(
                &table.file,
                Some(row.line),
                None,
                Problem::DerivationIncomplete,
            );
            None
        }
    }
}

fn check_cycles(
    catalogue: &Catalogue,
    parts: &[Option<Parts>],
    table: &Table,
    diags: &mut Diagnostics,
) {
    for (start, ind) in catalogue.iter() {
        let mut stack: Vec<IndicatorId> = ind
            .derivation
            .iter()
            .flat_map(|d| [d.numerator, d.denominator])
            .collect();
        let mut seen = vec![false; catalogue.len()];
        while let Some(i) = stack.pop() {
            if i == start {
                let line = parts[start.index()].as_ref().map(|p| p.line);
                diags.push(
                    &table.file,
                    line,
                    Some("numerator"),
                    Problem::DerivationCycle(ind.code.clone()),
                );
                break;
            }
            if !std::mem::replace(&mut seen[i.index()], true) {
                if let Some(d) = &catalogue.get(i).derivation {
                    stack.extend([d.numerator, d.denominator]);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const HEAD: &str =
        "code,group,name,unit,direction,measure,numerator,denominator,scale,aggregate,decimals\n";

    fn load_str(s: &str) -> (Option<Catalogue>, Diagnostics) {
        let mut d = Diagnostics::default();
        let t = Table::parse(Path::new("data/indicators.csv"), s.as_bytes(), &mut d).unwrap();
        (load(&t, &mut d), d)
    }

    #[test]
    fn loads_derived_indicators() {
        let (c, d) = load_str(&format!(
            "{HEAD}mobile_per_100,G,Per 100,x,up,stock,mobile,population,100,none,1\nmobile,G,Mobile,x,up,stock,,,,sum,0\npopulation,G,Pop,x,up,stock,,,,sum,0\n"
        ));
        assert!(d.items.is_empty(), "{:?}", d.items);
        let c = c.unwrap();
        let id = IndicatorId::from_index;
        let derived = c.get(id(0)).derivation.clone().unwrap();
        assert_eq!(
            (derived.numerator, derived.denominator, derived.scale),
            (id(1), id(2), 100.0)
        );
        assert_eq!(c.derivation_order().last(), Some(&id(0)));
    }

    #[test]
    fn reports_unknown_parts_choices_and_cycles() {
        let (c, d) = load_str(&format!(
            "{HEAD}a,G,A,x,upp,stock,b,populaton,100,none,1\nb,G,B,x,up,stok,a,a,1,sum,x\npopulation,G,P,x,up,stock,,,,sum,0\n"
        ));
        assert!(c.is_none());
        let p: Vec<&Problem> = d.items.iter().map(|e| &e.problem).collect();
        assert!(p
            .iter()
            .any(|p| matches!(p, Problem::Choice { suggestion: Some(s), .. } if s == "up")));
        assert!(p
            .iter()
            .any(|p| matches!(p, Problem::Choice { suggestion: Some(s), .. } if s == "stock")));
        assert!(p.iter().any(|p| matches!(p, Problem::InvalidDecimals(_))));
        let (_, d) = load_str(&format!("{HEAD}a,G,A,x,up,stock,b,populaton,100,none,1\nb,G,B,x,up,stock,a,a,1,none,0\npopulation,G,P,x,up,stock,,,,sum,0\n"));
        let p: Vec<&Problem> = d.items.iter().map(|e| &e.problem).collect();
        assert!(p.iter().any(|p| matches!(p, Problem::UnknownPart { suggestion: Some(s), .. } if s == "population")), "{p:?}");
        let (_, d) = load_str(&format!("{HEAD}a,G,A,x,up,stock,b,p,100,none,1\nb,G,B,x,up,stock,a,p,1,none,0\np,G,P,x,up,stock,,,,sum,0\n"));
        assert!(d
            .items
            .iter()
            .any(|e| matches!(e.problem, Problem::DerivationCycle(_))));
    }
}
