//! The house's floor plan, checked: every module of `src/` imports only from the layers below
//! its own, and no two files import each other except the one pair named below. The layers are
//! the ones `docs/architecture.md` draws; when a module moves, both change together.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer: a module may import from lower layers only.
/// Modules on one layer do not import each other.
const LAYERS: &[(&str, u8)] = &[
    // Leaves: words and names, no knowledge of projects.
    ("lang", 0),
    ("date", 0),
    ("text", 0),
    // The official lists of administrative units: data, used by `load` and `new`.
    ("official", 0),
    ("routes", 1),
    ("format", 1),
    ("markdown", 1),
    ("diagnostics", 1),
    // The command line's messages in both languages.
    ("words", 1),
    ("theme", 2),
    ("model", 3),
    ("load", 4),
    ("compute", 5),
    ("render", 6),
    ("output", 7),
    ("build", 8),
    ("new", 8),
    ("serve", 9),
];

/// Two files that are one reader: a table comes from a CSV file (`table.rs`) or from a
/// workbook (`spreadsheet.rs`), and each needs the other's half (the workbook reader builds a
/// `Table`; the table reader hands `.xlsx` files to the workbook reader).
const ONE_READER: [&str; 2] = ["load/spreadsheet", "load/table"];

/// `render/charts/` draws what it is given: translated, formatted text and numbers.
const LEAF_INSIDE: &[&str] = &["render/charts"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// Every module file of the library, by module path (`render/report/page`), with its code
/// outside `#[cfg(test)]`.
fn modules() -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.expect("src/ is readable");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(src()).expect("inside src/");
        let rel = rel.with_extension("");
        let mut name = rel.to_string_lossy().replace('\\', "/");
        if name == "main" || name == "lib" {
            continue;
        }
        if let Some(parent) = name.strip_suffix("/mod") {
            name = parent.to_string();
        }
        let text = std::fs::read_to_string(path).expect("a source file");
        let code = match text.find("#[cfg(test)]") {
            Some(at) => text[..at].to_string(),
            None => text,
        };
        out.insert(name, strip_comments(&code));
    }
    out
}

fn strip_comments(code: &str) -> String {
    code.lines()
        .map(|l| match l.find("//") {
            Some(at) => &l[..at],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The module paths a file names: `crate::a::b::C`, `super::x`, and each item of a
/// `use crate::{a::b, c}` list, resolved against `modules` to the deepest module named.
fn imports(module: &str, code: &str, modules: &BTreeMap<String, String>) -> BTreeSet<String> {
    // `super` is the module's folder, for a file (`render/unit_page.rs`) as for a folder's
    // `mod.rs` (`render/report/mod.rs`): the module path without its last segment.
    let mut folder: Vec<String> = module.split('/').map(String::from).collect();
    folder.pop();
    let mut paths: Vec<Vec<String>> = Vec::new();
    for (start, word) in code
        .match_indices("crate::")
        .chain(code.match_indices("super::"))
    {
        let before = code[..start].chars().last();
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
            continue;
        }
        let base: Vec<String> = if word == "super::" {
            folder.clone()
        } else {
            Vec::new()
        };
        let rest = &code[start + word.len()..];
        let segs = path_segments(rest);
        let mut full = base.clone();
        full.extend(segs.iter().cloned());
        // `crate::{a, b::c}` or `crate::a::{b, c::d}`: each item too.
        let written = segs.join("::").len();
        let after = &rest[written..];
        let list = after
            .strip_prefix("::{")
            .or_else(|| after.strip_prefix('{').filter(|_| segs.is_empty()));
        if let Some(list) = list {
            let end = list.find('}').unwrap_or(list.len());
            for item in list[..end].split(',') {
                let mut p = full.clone();
                p.extend(path_segments(item.trim()));
                paths.push(p);
            }
        }
        paths.push(full);
    }
    let mut out = BTreeSet::new();
    for p in paths {
        for n in (1..=p.len()).rev() {
            let candidate = p[..n].join("/");
            if modules.contains_key(&candidate) {
                if candidate != module {
                    out.insert(candidate);
                }
                break;
            }
        }
    }
    out
}

/// `a::b::C::new(…)` → [a, b, C, new]; stops at the first character of no path.
fn path_segments(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = s;
    loop {
        let end = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_'))
            .unwrap_or(rest.len());
        if end == 0 {
            break;
        }
        out.push(rest[..end].to_string());
        match rest[end..].strip_prefix("::") {
            Some(r) => rest = r,
            None => break,
        }
    }
    out
}

fn top(module: &str) -> &str {
    module.split('/').next().unwrap_or(module)
}

fn layer(module: &str) -> u8 {
    LAYERS
        .iter()
        .find(|(m, _)| *m == top(module))
        .map(|(_, l)| *l)
        .unwrap_or_else(|| {
            panic!("`{module}` has no layer in LAYERS: add it, and to docs/architecture.md")
        })
}

#[test]
fn no_module_imports_from_a_layer_above_its_own() {
    let modules = modules();
    let mut wrong = Vec::new();
    for (module, code) in &modules {
        for import in imports(module, code, &modules) {
            let up = top(&import) != top(module) && layer(&import) >= layer(module);
            let leaf = LEAF_INSIDE
                .iter()
                .any(|l| module.starts_with(l) && !import.starts_with(l));
            if up || leaf {
                wrong.push(format!("{module} imports {import}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the layers:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_two_files_import_each_other_except_the_table_reader() {
    let modules = modules();
    let edges: BTreeMap<String, BTreeSet<String>> = modules
        .iter()
        .map(|(m, code)| (m.clone(), imports(m, code, &modules)))
        .collect();
    // A module's folder (`render` for `render/unit_page`) declares its children; an import of
    // the parent from a child is the usual shape of a folder, not a circle between files.
    let is_parent = |a: &str, b: &str| a.starts_with(&format!("{b}/"));
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            for next in edges.get(&m).into_iter().flatten() {
                if is_parent(&m, next) {
                    continue;
                }
                if next == to {
                    return true;
                }
                if seen.insert(next.clone()) {
                    stack.push(next.clone());
                }
            }
        }
        false
    };
    let mut circles = Vec::new();
    for (a, out) in &edges {
        for b in out {
            if is_parent(a, b) || a >= b {
                continue;
            }
            if reaches(b, a)
                && !(ONE_READER.contains(&a.as_str()) && ONE_READER.contains(&b.as_str()))
            {
                circles.push(format!("{a} ↔ {b}"));
            }
        }
    }
    assert!(
        circles.is_empty(),
        "files in a circle of imports:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_architecture_page_names_every_layer() {
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/architecture.md"))
            .expect("docs/architecture.md");
    for (module, _) in LAYERS {
        assert!(
            doc.contains(&format!("`{module}")),
            "docs/architecture.md does not name `{module}`"
        );
    }
}
