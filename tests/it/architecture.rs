//! The house's floor plan, checked: every module of `src/` imports only from the layers below
//! its own, and no two files import each other except the one pair named below. The layers are
//! the ones `docs/architecture.md` draws; when a module moves, both change together.
//!
//! Every path a file names counts: `crate::…`, `super::…`, `self::…`, and a folder's path to
//! its own child (`csv::unit_tables`, `pub use csv::FIGURES`). A name that a folder's `mod.rs`
//! only re-exports (`pub use unit::UnitId`) is followed to the file that defines it, so a
//! `mod.rs` that is a table of contents is not in a circle with its children; one that defines
//! what its children use and also uses them is, and the test says so.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// Each top-level module of `src/` and its layer: a module may import from lower layers only.
/// Modules on one layer do not import each other.
const LAYERS: &[(&str, u8)] = &[
    // Leaves: words, names and encodings, no knowledge of projects.
    ("lang", 0),
    ("date", 0),
    ("text", 0),
    ("encode", 0),
    // The official lists of administrative units: data, used by `load` and `new`.
    ("official", 0),
    ("routes", 1),
    ("format", 1),
    ("markdown", 1),
    ("diagnostics", 1),
    // Every published column, in both languages.
    ("schema", 1),
    // SVG drawing: receives translated text and formatted numbers.
    ("charts", 1),
    // The command line's messages in both languages.
    ("words", 1),
    ("theme", 2),
    ("model", 3),
    ("load", 4),
    ("compute", 5),
    // What the output families share: the context, layout, wording, tables, chart views.
    ("view", 6),
    // The output families, side by side.
    ("pages", 7),
    ("report", 7),
    ("open_data", 7),
    // The runner: every family's jobs.
    ("render", 8),
    ("output", 9),
    ("build", 10),
    ("new", 10),
    ("serve", 11),
];

/// Two files that are one reader: a table comes from a CSV file (`table.rs`) or from a
/// workbook (`spreadsheet.rs`), and each needs the other's half (the workbook reader builds a
/// `Table`; the table reader hands `.xlsx` files to the workbook reader).
const ONE_READER: [&str; 2] = ["load/spreadsheet", "load/table"];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// One module file: its code outside `#[cfg(test)]` without comments, the child modules it
/// declares, and the names it re-exports with the module each comes from.
#[derive(Default)]
struct Module {
    code: String,
    children: Vec<String>,
    /// `pub use path::Name [as Alias]`: the alias (or name) and the full path.
    reexports: Vec<(String, Vec<String>)>,
}

/// Every module file of the library, by module path (`report/page`).
fn modules() -> BTreeMap<String, Module> {
    let mut files = BTreeMap::new();
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
        files.insert(name, text);
    }
    files
        .into_iter()
        .map(|(name, text)| (name, parse(&text)))
        .collect()
}

/// A module's code as [`Module`].
fn parse(text: &str) -> Module {
    let code = match text.find("#[cfg(test)]") {
        Some(at) => &text[..at],
        None => text,
    };
    let code = strip_comments(code);
    let mut m = Module::default();
    for line in code.lines() {
        let line = line.trim();
        let decl = line
            .strip_prefix("pub mod ")
            .or_else(|| line.strip_prefix("pub(crate) mod "))
            .or_else(|| line.strip_prefix("mod "));
        if let Some(child) = decl.and_then(|d| d.strip_suffix(';')) {
            m.children.push(child.trim().to_string());
        }
    }
    // `pub use a::b::{C, D as E};` and `pub use a::b::C as D;`, one statement at a time;
    // `pub(crate) use` re-exports within the crate just the same.
    let visible = code
        .replace("pub(crate) use ", "pub use ")
        .replace("pub(super) use ", "pub use ");
    let mut rest = visible.as_str();
    while let Some(at) = rest.find("pub use ") {
        let stmt_end = rest[at..].find(';').map_or(rest.len(), |e| at + e);
        let stmt = &rest[at + "pub use ".len()..stmt_end];
        let (base, items) = match stmt.find('{') {
            Some(open) => {
                let base = stmt[..open].trim_end_matches("::");
                let items = stmt[open + 1..].trim_end_matches('}').to_string();
                (base, items)
            }
            None => match stmt.rfind("::") {
                Some(sep) => (&stmt[..sep], stmt[sep + 2..].to_string()),
                None => ("", stmt.to_string()),
            },
        };
        let base: Vec<String> = base
            .split("::")
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        for item in items.split(',') {
            let item = item.split_whitespace().collect::<Vec<_>>();
            let (name, alias) = match item.as_slice() {
                [name] => (*name, *name),
                [name, "as", alias] => (*name, *alias),
                _ => continue,
            };
            let mut full = base.clone();
            full.extend(name.split("::").map(String::from));
            m.reexports.push((alias.to_string(), full));
        }
        rest = &rest[stmt_end.min(rest.len())..];
        if rest.is_empty() {
            break;
        }
        rest = &rest[1..];
    }
    m.code = code;
    m
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

/// `path` (written in `module`: `crate::a::b`, `super::c`, `self::d`, or a child's `e::f`) as
/// the segments from the crate's root.
fn absolute(module: &str, path: &[String]) -> Option<Vec<String>> {
    let here: Vec<String> = module.split('/').map(String::from).collect();
    let mut folder = here.clone();
    folder.pop();
    match path.first().map(String::as_str) {
        Some("crate") => Some(path[1..].to_vec()),
        Some("super") => {
            // `super::super::x` climbs once per `super`.
            let mut out = folder;
            let mut rest = &path[1..];
            while rest.first().is_some_and(|s| s == "super") {
                out.pop();
                rest = &rest[1..];
            }
            out.extend(rest.iter().cloned());
            Some(out)
        }
        Some("self") => {
            let mut out = here;
            out.extend(path[1..].iter().cloned());
            Some(out)
        }
        Some(_) => {
            let mut out = here;
            out.extend(path.iter().cloned());
            Some(out)
        }
        None => None,
    }
}

/// The module a path leads to: the deepest module it names, then, where the next segment is
/// a name that module re-exports, the module that name comes from (followed a few times).
fn resolve(modules: &BTreeMap<String, Module>, path: &[String]) -> Option<String> {
    let mut path = path.to_vec();
    let mut found = None;
    for _ in 0..8 {
        let n = (1..=path.len())
            .rev()
            .find(|&n| modules.contains_key(&path[..n].join("/")))?;
        let module = path[..n].join("/");
        found = Some(module.clone());
        let Some(next) = path.get(n) else { break };
        let Some((_, from)) = modules[&module].reexports.iter().find(|(a, _)| a == next) else {
            break;
        };
        let Some(mut from) = absolute(&module, from) else {
            break;
        };
        from.extend(path[n + 1..].iter().cloned());
        if from == path {
            break;
        }
        path = from;
    }
    found
}

/// The modules a file names: every path from `crate::`, `super::`, `self::` or one of its own
/// children, each item of a `{…}` list too, resolved by [`resolve`].
fn imports(module: &str, modules: &BTreeMap<String, Module>) -> BTreeSet<String> {
    let m = &modules[module];
    let code = &m.code;
    let mut starts: Vec<&str> = vec!["crate::", "super::", "self::"];
    let child_starts: Vec<String> = m.children.iter().map(|c| format!("{c}::")).collect();
    starts.extend(child_starts.iter().map(String::as_str));
    let mut paths: Vec<Vec<String>> = Vec::new();
    for word in starts {
        for (start, _) in code.match_indices(word) {
            let before = code[..start].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == ':') {
                continue;
            }
            let segs = path_segments(&code[start..]);
            let written = segs.join("::").len();
            let after = &code[start + written..];
            // `a::{b, c::d, self}`: each item is a path; the folder alone is none.
            if let Some(list) = after.strip_prefix("::{") {
                let end = list.find('}').unwrap_or(list.len());
                for item in list[..end].split(',') {
                    let mut p = segs.clone();
                    let item = path_segments(item.trim());
                    if item != ["self"] {
                        p.extend(item);
                    }
                    paths.push(p);
                }
            } else {
                paths.push(segs);
            }
        }
    }
    // `use crate::{a, b::c}`.
    for (start, _) in code.match_indices("crate::{") {
        let list = &code[start + "crate::{".len()..];
        let end = list.find('}').unwrap_or(list.len());
        for item in list[..end].split(',') {
            let mut p = vec!["crate".to_string()];
            p.extend(path_segments(item.trim()));
            paths.push(p);
        }
    }
    paths
        .iter()
        .filter_map(|p| absolute(module, p))
        .filter_map(|p| resolve(modules, &p))
        .filter(|found| found != module)
        .collect()
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
    for module in modules.keys() {
        for import in imports(module, &modules) {
            if top(&import) != top(module) && layer(&import) >= layer(module) {
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

/// Every pair of files that reach each other through imports, but the table reader's.
fn circles(modules: &BTreeMap<String, Module>) -> Vec<String> {
    let edges: BTreeMap<String, BTreeSet<String>> = modules
        .keys()
        .map(|m| (m.clone(), imports(m, modules)))
        .collect();
    let reaches = |from: &str, to: &str| -> bool {
        let mut seen = BTreeSet::new();
        let mut stack = vec![from.to_string()];
        while let Some(m) = stack.pop() {
            for next in edges.get(&m).into_iter().flatten() {
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
    let mut out = Vec::new();
    for (a, targets) in &edges {
        for b in targets {
            if a >= b {
                continue;
            }
            if reaches(b, a)
                && !(ONE_READER.contains(&a.as_str()) && ONE_READER.contains(&b.as_str()))
            {
                out.push(format!("{a} ↔ {b}"));
            }
        }
    }
    out
}

#[test]
fn no_two_files_import_each_other_except_the_table_reader() {
    let circles = circles(&modules());
    assert!(
        circles.is_empty(),
        "files in a circle of imports:\n{}",
        circles.join("\n")
    );
}

/// The check itself, on a planted folder: `mod.rs` defines what its child uses and calls the
/// child by its own path (`csv::rows()`, no `crate::` or `super::` in sight), the circle the
/// earlier check could not see; and the same folder as a table of contents, which is fine.
#[test]
fn a_circle_between_a_folder_and_its_child_is_found() {
    let planted = |mod_rs: &str, child: &str| {
        let mut modules = BTreeMap::new();
        modules.insert("report".to_string(), parse(mod_rs));
        modules.insert("report/csv".to_string(), parse(child));
        modules.insert("report/part".to_string(), parse("pub struct Part;\n"));
        circles(&modules)
    };
    let circle = planted(
        "mod csv;\npub struct Part;\npub fn files() { csv::rows(); }\n",
        "use super::Part;\npub fn rows() {}\n",
    );
    assert_eq!(circle, ["report ↔ report/csv"]);
    let reexport = planted(
        "mod csv;\npub use csv::rows as report_rows;\npub struct Part;\n",
        "use super::Part;\npub fn rows() {}\n",
    );
    assert_eq!(reexport, ["report ↔ report/csv"]);
    let contents = planted(
        "mod csv;\nmod part;\npub use part::Part;\npub fn files() { csv::rows(); }\n",
        "use super::Part;\npub fn rows() {}\n",
    );
    assert!(contents.is_empty(), "{contents:?}");
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

/// No folder or file of `src/` holds more than a fifth of its lines: a room that grows past
/// that is holding more than one concern.
#[test]
fn no_folder_holds_more_than_a_fifth_of_the_code() {
    let mut lines: BTreeMap<String, usize> = BTreeMap::new();
    let mut total = 0;
    for entry in walkdir::WalkDir::new(src()) {
        let entry = entry.expect("src/ is readable");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let n = std::fs::read_to_string(entry.path())
            .expect("a source file")
            .lines()
            .count();
        total += n;
        let rel = entry.path().strip_prefix(src()).expect("inside src/");
        let room = rel
            .components()
            .next()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .unwrap_or_default();
        *lines.entry(room).or_default() += n;
    }
    let big: Vec<String> = lines
        .iter()
        .filter(|(_, &n)| n * 5 > total)
        .map(|(room, n)| format!("{room}: {n} of {total} lines"))
        .collect();
    assert!(big.is_empty(), "rooms over a fifth of src/: {big:?}");
}
