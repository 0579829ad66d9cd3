//! A slug mistyped in `units.csv` (`tuan-gaio`) leaves the unit's files (`tuan-giao.csv`,
//! `tuan-giao.md`) named after no unit. Each file would be told to take the typo's name; the
//! editor is told once, at the slug's line, to mend the slug instead.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::diagnostics::{Diagnostics, Problem};
use crate::model::UnitTree;

/// Files named after no unit, where a unit's slug is a near miss of their name and no file has
/// that slug's name: the typo is in `units.csv` (`tuan-gaio`), not in the files (`tuan-giao`).
/// Their problems, each telling the editor to rename a file to the typo, give way to one at
/// the slug's line.
pub fn slug_typos(
    root: &Path,
    units_file: &Path,
    slug_lines: &HashMap<String, usize>,
    units: &UnitTree,
    diags: &mut Diagnostics,
) {
    // The slug each misnamed file is near, and the files' names; a row of coverage-gaps.csv
    // that names the files' unit goes with them.
    let mut near: BTreeMap<(String, String), (Vec<usize>, bool)> = Default::default();
    for (i, e) in diags.items.iter().enumerate() {
        let (slug, s, file) = match &e.problem {
            Problem::FileForNoUnit {
                slug,
                suggestion: Some(s),
            } => (slug, s, true),
            Problem::UnknownUnit {
                slug,
                suggestion: Some(s),
            } => (slug, s, false),
            _ => continue,
        };
        let entry = near.entry((s.clone(), slug.clone())).or_default();
        entry.0.push(i);
        entry.1 |= file;
    }
    let has_file = |slug: &str| {
        let values = root.join("data").join("values");
        let content = root.join("content");
        values.join(format!("{slug}.csv")).exists()
            || values.join(format!("{slug}.xlsx")).exists()
            || content.join(format!("{slug}.md")).exists()
            || content.join(format!("{slug}.en.md")).exists()
    };
    let mut gone = Vec::new();
    let mut typos = Vec::new();
    for ((slug, meant), (at, named)) in near {
        // A unit's slug near two names is no typo of one.
        let claimed = typos
            .iter()
            .any(|(s, _, _): &(String, String, Vec<String>)| *s == slug);
        if !named || claimed || units.by_slug(&slug).is_none() || has_file(&slug) {
            continue;
        }
        let mut files: Vec<String> = at
            .iter()
            .filter(|&&i| matches!(diags.items[i].problem, Problem::FileForNoUnit { .. }))
            .map(|&i| {
                // Values files are named by their `.csv` form; say the one that is there.
                let file = &diags.items[i].file;
                let xlsx = file.with_extension("xlsx");
                let shown = if !root.join(file).exists() && root.join(&xlsx).exists() {
                    xlsx
                } else {
                    file.clone()
                };
                shown.display().to_string().replace('\\', "/")
            })
            .collect();
        files.sort();
        files.dedup();
        gone.extend(at);
        typos.push((slug, meant, files));
    }
    gone.sort_unstable();
    for i in gone.into_iter().rev() {
        diags.items.remove(i);
    }
    for (slug, meant, files) in typos {
        diags.push(
            units_file,
            slug_lines.get(&slug).copied(),
            Some("slug"),
            Problem::SlugTypo { slug, meant, files },
        );
    }
}
