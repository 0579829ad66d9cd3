//! `data/units.csv`: the reporting units and who reports to whom.

use std::collections::HashMap;

use super::table::Table;
use crate::diagnostics::{Diagnostics, Problem, Severity};
use crate::model::{Period, Unit, UnitTree};
use crate::official::{Era, List, REFORM_YEAR};
use crate::routes;
use crate::text::suggest;

pub const LEVELS: &[&str] = &["country", "province", "district", "commune"];

pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Codes become file names in the open data, so they are digits (the statistics office's form).
pub fn is_unit_code(s: &str) -> bool {
    !s.is_empty() && s.len() <= 16 && s.bytes().all(|b| b.is_ascii_digit())
}

pub fn load(table: &Table, diags: &mut Diagnostics) -> Option<UnitTree> {
    load_with_lines(table, diags).map(|u| u.tree)
}

/// The units, with where each was read: the file (`.csv` or `.xlsx`) and each slug's line, for
/// problems found later that lie in `units.csv`.
pub struct Loaded {
    pub tree: UnitTree,
    pub file: std::path::PathBuf,
    pub slug_lines: HashMap<String, usize>,
}

pub fn load_with_lines(table: &Table, diags: &mut Diagnostics) -> Option<Loaded> {
    let cols = table.columns(
        &["code", "slug", "name", "name_en", "level", "parent"],
        &["from", "until", "formed_from"],
        diags,
    )?;
    let file = &table.file;
    let before = diags.found();
    let mut units: Vec<(usize, Unit)> = Vec::new();
    let mut codes: HashMap<String, usize> = HashMap::new();
    let mut slugs: HashMap<String, usize> = HashMap::new();
    for row in table.rows.iter() {
        let line = Some(row.line);
        let code = row.get(&cols, "code");
        let slug = row.get(&cols, "slug");
        let mut ok = true;
        for col in ["code", "slug", "name", "level"] {
            if row.get(&cols, col).is_empty() {
                diags.push(file, line, Some(col), Problem::Required);
                ok = false;
            }
        }
        if !code.is_empty() && !is_unit_code(code) {
            diags.push(file, line, Some("code"), Problem::InvalidCode(code.into()));
            ok = false;
        }
        if !slug.is_empty() && !is_slug(slug) {
            diags.push(file, line, Some("slug"), Problem::InvalidSlug(slug.into()));
            ok = false;
        }
        // A unit named like a folder of the site's own would overwrite it.
        if routes::is_reserved(slug) {
            diags.push(file, line, Some("slug"), Problem::ReservedSlug(slug.into()));
            ok = false;
        }
        if let Some(&first_line) = codes.get(code) {
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
        if let Some(&first_line) = slugs.get(slug) {
            diags.push(
                file,
                line,
                Some("slug"),
                Problem::Duplicate {
                    value: slug.into(),
                    first_line,
                },
            );
            ok = false;
        }
        let level = row.get(&cols, "level");
        if !level.is_empty() && !LEVELS.contains(&level) {
            diags.push(
                file,
                line,
                Some("level"),
                Problem::Choice {
                    value: level.into(),
                    allowed: LEVELS,
                    suggestion: suggest(level, LEVELS.iter().copied()),
                },
            );
            ok = false;
        }
        let mut period = |col: &str| -> Option<Period> {
            let v = row.get(&cols, col);
            if v.is_empty() {
                return None;
            }
            match v.parse() {
                Ok(p) => Some(p),
                Err(_) => {
                    diags.push(file, line, Some(col), super::periods::problem(v));
                    ok = false;
                    None
                }
            }
        };
        let (from, until) = (period("from"), period("until"));
        if !ok {
            continue;
        }
        codes.insert(code.into(), row.line);
        slugs.insert(slug.into(), row.line);
        let parent = row.get(&cols, "parent");
        let name = row.get(&cols, "name");
        let name_en = row.get(&cols, "name_en");
        units.push((
            row.line,
            Unit {
                code: code.into(),
                slug: slug.into(),
                name: name.into(),
                name_en: if name_en.is_empty() {
                    name.into()
                } else {
                    name_en.into()
                },
                level: level.into(),
                parent: (!parent.is_empty()).then(|| parent.into()),
                from,
                until,
                formed_from: row
                    .get(&cols, "formed_from")
                    .split(|c: char| c.is_whitespace() || c == ',' || c == ';')
                    .filter(|c| !c.is_empty())
                    .map(String::from)
                    .collect(),
            },
        ));
    }
    let parents_before = diags.found();
    check_parents(table, &units, diags);
    if diags.found() == parents_before {
        check_lives(table, &units, diags);
        check_codes(table, &units, diags);
    }
    if units.is_empty() && diags.found() == before {
        diags.push(file, None, None, Problem::EmptyFile);
    }
    // Codes of the project's own units are only warned about.
    let refused = diags.items[before..]
        .iter()
        .any(|e| e.severity() == Severity::Error);
    (!refused).then(|| Loaded {
        tree: UnitTree::new(units.into_iter().map(|(_, u)| u).collect()),
        file: file.clone(),
        slug_lines: slugs,
    })
}

/// The eras a unit lived in: before the reform of 1 July 2025 (its last period before is the
/// first half of 2025) and since (its first is the year 2025). A unit without dates lived in
/// both, as far as the file says.
fn eras(u: &Unit) -> Vec<Era> {
    let mut out = Vec::new();
    if u.from.is_none_or(|f| f <= Period::first_half(REFORM_YEAR)) {
        out.push(Era::Before2025);
    }
    if u.until.is_none_or(|t| t >= Period::year(REFORM_YEAR)) {
        out.push(Era::Since2025);
    }
    out
}

/// Each code against the official list of its unit's level and era. The level is the unit's
/// depth below the province, not the word in `level`: a project's root is its province, or
/// (a national project) stands above the provinces, whichever makes more codes official. A
/// code that the list holds with zeros in front (`94`, `094`) is an error; any other code not
/// in the list a warning, for projects may have units of their own. Run once the parents are
/// known to be sound.
fn check_codes(table: &Table, units: &[(usize, Unit)], diags: &mut Diagnostics) {
    let by_code: HashMap<&str, &Unit> = units.iter().map(|(_, u)| (u.code.as_str(), u)).collect();
    let depth = |u: &Unit| {
        let mut d = 0;
        let mut at = u;
        while let Some(p) = at.parent.as_deref().and_then(|p| by_code.get(p)) {
            d += 1;
            at = p;
            if d > units.len() {
                break;
            }
        }
        d
    };
    let lists = |u: &Unit, above: usize| -> Vec<List> {
        let Some(d) = depth(u).checked_sub(above) else {
            return Vec::new();
        };
        eras(u)
            .into_iter()
            .filter_map(|era| List::at(era, d))
            .collect()
    };
    let official = |above: usize| {
        units
            .iter()
            .filter(|(_, u)| lists(u, above).iter().any(|l| l.contains(&u.code)))
            .count()
    };
    let above = if official(1) > official(0) { 1 } else { 0 };
    for (line, u) in units {
        let lists = lists(u, above);
        if lists.is_empty() || lists.iter().any(|l| l.contains(&u.code)) {
            continue;
        }
        let problem = match lists.iter().find_map(|l| l.padded(&u.code)) {
            Some(padded) => Problem::CodeLostZeros {
                code: u.code.clone(),
                padded,
            },
            None => Problem::CodeNotOfficial {
                code: u.code.clone(),
                lists,
            },
        };
        diags.push(&table.file, Some(*line), Some("code"), problem);
    }
}

fn check_parents(table: &Table, units: &[(usize, Unit)], diags: &mut Diagnostics) {
    let file = &table.file;
    let by_code: HashMap<&str, usize> = units
        .iter()
        .enumerate()
        .map(|(i, (_, u))| (u.code.as_str(), i))
        .collect();
    let mut root: Option<&Unit> = None;
    for (line, u) in units {
        match &u.parent {
            None => match root {
                None => root = Some(u),
                Some(first) => diags.push(
                    file,
                    Some(*line),
                    Some("parent"),
                    Problem::SecondRoot {
                        first: first.code.clone(),
                    },
                ),
            },
            Some(p) if !by_code.contains_key(p.as_str()) => diags.push(
                file,
                Some(*line),
                Some("parent"),
                Problem::UnknownParent {
                    code: p.clone(),
                    suggestion: suggest(p, by_code.keys().copied()),
                },
            ),
            Some(_) => {}
        }
    }
    if root.is_none() && !units.is_empty() {
        diags.push(file, None, Some("parent"), Problem::NoRoot);
    }
    // Each loop is reported once, at its first unit in file order.
    let mut state = vec![0u8; units.len()]; // 0 unseen, 1 on the current walk, 2 done
    for start in 0..units.len() {
        let mut path = Vec::new();
        let mut i = start;
        loop {
            if state[i] == 2 {
                break;
            }
            if state[i] == 1 {
                let from = path.iter().position(|&p| p == i).unwrap_or(0);
                let mut cycle: Vec<String> = path[from..]
                    .iter()
                    .map(|&p: &usize| units[p].1.code.clone())
                    .collect();
                cycle.push(units[i].1.code.clone());
                let first = path[from..].iter().copied().min().unwrap_or(i);
                diags.push(
                    file,
                    Some(units[first].0),
                    Some("parent"),
                    Problem::ParentCycle(cycle),
                );
                break;
            }
            state[i] = 1;
            path.push(i);
            match units[i].1.parent.as_deref().and_then(|p| by_code.get(p)) {
                Some(&p) => i = p,
                None => break,
            }
        }
        for p in path {
            state[p] = 2;
        }
    }
}

/// Units that begin and end: each life runs forwards, lies inside its parent's, and a unit
/// formed from others begins only after they ended, so that no figure is counted twice. Run
/// once the tree's parents are known to be sound.
fn check_lives(table: &Table, units: &[(usize, Unit)], diags: &mut Diagnostics) {
    let file = &table.file;
    let by_code: HashMap<&str, &Unit> = units.iter().map(|(_, u)| (u.code.as_str(), u)).collect();
    let text = |p: Option<Period>| p.map(|p| p.to_string());
    for (line, u) in units {
        let line = Some(*line);
        let Some(parent) = u.parent.as_deref().and_then(|p| by_code.get(p)) else {
            if u.from.is_some() || u.until.is_some() {
                let col = if u.from.is_some() { "from" } else { "until" };
                diags.push(file, line, Some(col), Problem::RootLife);
            }
            continue;
        };
        if let (Some(from), Some(until)) = (u.from, u.until) {
            if from > until {
                diags.push(
                    file,
                    line,
                    Some("from"),
                    Problem::LifeReversed {
                        from: from.to_string(),
                        until: until.to_string(),
                    },
                );
                continue;
            }
        }
        // The root has no dates: every unit's life lies inside it.
        let parent_dated = parent.parent.is_some();
        let starts_before =
            parent_dated && parent.from.is_some_and(|pf| u.from.is_none_or(|f| f < pf));
        let ends_after = parent_dated
            && parent
                .until
                .is_some_and(|pu| u.until.is_none_or(|t| t > pu));
        if starts_before || ends_after {
            diags.push(
                file,
                line,
                Some(if starts_before { "from" } else { "until" }),
                Problem::OutlivesParent {
                    parent: parent.name.clone(),
                    from: text(parent.from),
                    until: text(parent.until),
                },
            );
        }
        for code in &u.formed_from {
            if *code == u.code {
                diags.push(
                    file,
                    line,
                    Some("formed_from"),
                    Problem::FormedFromItself { code: code.clone() },
                );
                continue;
            }
            let Some(before) = by_code.get(code.as_str()) else {
                diags.push(
                    file,
                    line,
                    Some("formed_from"),
                    Problem::UnknownFormedFrom {
                        code: code.clone(),
                        suggestion: suggest(code, by_code.keys().copied()),
                    },
                );
                continue;
            };
            let ended_before = match (before.until, u.from) {
                (Some(end), Some(start)) => end < start,
                _ => false,
            };
            if !ended_before {
                diags.push(
                    file,
                    line,
                    Some("formed_from"),
                    Problem::FormedFromInForce {
                        code: code.clone(),
                        name: before.name.clone(),
                        until: text(before.until),
                        from: text(u.from),
                    },
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn load_str(s: &str) -> (Option<UnitTree>, Diagnostics) {
        let mut d = Diagnostics::default();
        let t = Table::parse(Path::new("data/units.csv"), s.as_bytes(), &mut d).unwrap();
        (load(&t, &mut d), d)
    }

    const HEAD: &str = "code,slug,name,name_en,level,parent\n";

    #[test]
    fn loads_a_tree() {
        let (t, d) = load_str(&format!("{HEAD}099,tuan-giao,Huyện Tuần Giáo,,district,11\n11,dien-bien,Tỉnh Điện Biên,Dien Bien,province,\n"));
        assert!(d.items.is_empty(), "{:?}", d.items);
        let t = t.unwrap();
        assert_eq!(t.get(crate::model::UnitId::ROOT).slug, "dien-bien");
        assert_eq!(
            t.get(crate::model::UnitId::from_index(1)).name_en,
            "Huyện Tuần Giáo"
        );
    }

    #[test]
    fn reports_every_tree_problem() {
        let (t, d) = load_str(&format!(
            "{HEAD}11,dien-bien,A,,province,\n12,lai-chau,B,,province,\n099,Tuan Giao,C,,district,11\n100,x,D,,distric,111\n101,y,E,,district,102\n102,z,F,,district,101\n101,w,G,,district,11\n"
        ));
        assert!(t.is_none());
        let lines: Vec<(Option<usize>, &Problem)> =
            d.items.iter().map(|e| (e.line, &e.problem)).collect();
        assert!(matches!(lines[0], (Some(4), Problem::InvalidSlug(_))));
        assert!(lines.iter().any(|(l, p)| *l == Some(5)
            && matches!(p, Problem::Choice { suggestion: Some(s), .. } if s == "district")));
        assert!(lines
            .iter()
            .any(|(l, p)| *l == Some(8) && matches!(p, Problem::Duplicate { first_line: 6, .. })));
        assert!(lines
            .iter()
            .any(|(l, p)| *l == Some(3) && matches!(p, Problem::SecondRoot { .. })));
        assert!(lines
            .iter()
            .any(|(l, p)| *l == Some(6) && matches!(p, Problem::ParentCycle(c) if c.len() == 3)));
    }

    #[test]
    fn unknown_parent_suggests() {
        let (_, d) = load_str(&format!(
            "{HEAD}11,dien-bien,A,,province,\n099,tuan-giao,B,,district,111\n"
        ));
        assert!(
            matches!(&d.items[0].problem, Problem::UnknownParent { suggestion: Some(s), .. } if s == "11")
        );
    }
}
