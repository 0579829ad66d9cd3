//! Compiles the default theme into the binary: every file of the repository's `templates/`,
//! so that a new page's template is part of the theme as soon as the file exists. Page
//! templates (`*.html`) are compiled by Tera; the style sheet, script and icon are copied to
//! `assets/`; the translation table (`i18n.toml`) is read by the theme itself.

use std::path::Path;

fn main() {
    // Read when the script runs, not when it was compiled: cargo reuses a compiled build script
    // for a copy of the repository elsewhere (`bench/run.sh --head` exports one per run).
    let root = std::env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&root).join("templates");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("the repository's templates/ folder")
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| !n.starts_with('.'))
        .collect();
    // Sorted, so that the binary is the same whatever order the disk lists the files in.
    names.sort();
    let entry = |n: &String| {
        format!(
            "    ({n:?}, include_str!(concat!(env!(\"CARGO_MANIFEST_DIR\"), \"/templates/{n}\"))),\n"
        )
    };
    let mut out = String::new();
    out.push_str("/// (name, text) of every built-in page template (`templates/*.html`).\n");
    out.push_str("pub const BUILT_IN: &[(&str, &str)] = &[\n");
    for n in names.iter().filter(|n| n.ends_with(".html")) {
        out.push_str(&entry(n));
    }
    out.push_str("];\n\n/// (name, text) of every static file copied to `assets/`.\n");
    out.push_str("pub const ASSETS: &[(&str, &str)] = &[\n");
    for n in names
        .iter()
        .filter(|n| !n.ends_with(".html") && n.as_str() != "i18n.toml")
    {
        out.push_str(&entry(n));
    }
    out.push_str("];\n");
    let target =
        Path::new(&std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("theme_files.rs");
    if std::fs::read_to_string(&target).ok().as_deref() != Some(out.as_str()) {
        std::fs::write(&target, out).expect("write the theme's file list");
    }
}
