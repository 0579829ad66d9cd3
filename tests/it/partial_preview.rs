//! `chiso serve` renders only what a values file's change touches. Whatever it leaves out must
//! be exactly what a full render would have made again: each case edits a copy of the sample,
//! lays the partial render over the previous preview and compares it, file by file, with a
//! full render of the edited project.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chiso::build::{self, Inputs};

use crate::common::sample_copy;

/// The repository's own project (Điện Biên), without its built site.
fn sample() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = sample_copy(dir.path());
    (dir, root)
}

/// The sample under a country beside a second province with one district: three levels, so
/// that a change in Điện Biên reaches a parent (the country) whose other child is not a leaf.
fn three_levels() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = sample();
    let units = root.join("data/units.csv");
    let text = fs::read_to_string(&units).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    // The columns: code,slug,name,name_en,level,parent,from,until,formed_from.
    assert!(lines[1].starts_with("11,dien-bien,") && lines[1].ends_with(",,,,"));
    lines[1] = lines[1].replacen(",,,,", ",00,,,", 1);
    lines.insert(1, "00,viet-nam,Việt Nam,Viet Nam,country,,,,".into());
    lines.push("12,lai-chau,Tỉnh Lai Châu,Lai Châu Province,province,00,,,".into());
    lines.push("105,tam-duong,Huyện Tam Đường,Tam Đường District,district,12,,,".into());
    fs::write(&units, lines.join("\n") + "\n").unwrap();
    fs::copy(
        root.join("data/values/muong-nhe.csv"),
        root.join("data/values/tam-duong.csv"),
    )
    .unwrap();
    // The home narrative is the province's now.
    for (from, to) in [
        ("_index.md", "dien-bien.md"),
        ("_index.en.md", "dien-bien.en.md"),
    ] {
        fs::rename(
            root.join("content").join(from),
            root.join("content").join(to),
        )
        .unwrap();
    }
    (dir, root)
}

type Files = BTreeMap<String, Vec<u8>>;

fn full(root: &Path) -> (Files, Inputs) {
    let p = build::preview(root, None, false).unwrap();
    assert!(p.replaces.is_none());
    let files = p.files.into_iter().map(|f| (f.path, f.bytes)).collect();
    (files, p.inputs)
}

/// Edits `rel` with `edit`, renders partly over `before` and checks the result against a full
/// render. Returns the files the partial render made, or `None` if it rendered everything.
fn check_edit(root: &Path, rel: &str, edit: impl Fn(&str) -> String) -> Option<Vec<String>> {
    let (mut site, inputs) = full(root);
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(text, edited, "the edit of {rel} changed nothing");
    fs::write(&path, edited).unwrap();

    let partial = build::preview(root, Some(&inputs), true).unwrap();
    let made: Vec<String> = partial.files.iter().map(|f| f.path.clone()).collect();
    let replaced = partial.replaces.is_some();
    for gone in partial.replaces.unwrap_or_default() {
        site.remove(&gone);
    }
    if !replaced {
        site.clear();
    }
    site.extend(partial.files.into_iter().map(|f| (f.path, f.bytes)));

    let (expected, _) = full(root);
    let wrong: Vec<&String> = expected
        .keys()
        .chain(site.keys())
        .filter(|k| expected.get(*k) != site.get(*k))
        .collect();
    assert!(
        wrong.is_empty(),
        "{rel}: the partial render differs from a full one in {} files: {:?}",
        wrong.len(),
        wrong.iter().take(20).collect::<Vec<_>>()
    );
    fs::write(&path, text).unwrap();
    replaced.then_some(made)
}

fn replace_line(text: &str, starts: &str, new: &str) -> String {
    let mut found = false;
    let out: Vec<String> = text
        .lines()
        .map(|l| {
            if !found && l.starts_with(starts) {
                found = true;
                new.to_string()
            } else {
                l.to_string()
            }
        })
        .collect();
    assert!(found, "no line starts with {starts}");
    out.join("\n") + "\n"
}

/// Tuần Giáo's 2020-H1 BTS sites, changed.
fn new_bts_figure(values: &str) -> String {
    replace_line(
        values,
        "bts_sites,2020-H1,",
        "bts_sites,2020-H1,actual,129,Số liệu minh họa,illustrative",
    )
}

#[test]
fn a_districts_figure_renders_its_pages_and_the_site_wide_ones_only() {
    let (_dir, root) = sample();
    let made =
        check_edit(&root, "data/values/tuan-giao.csv", new_bts_figure).expect("a partial render");
    // In the sample every district is the province's child, so every unit's pages are made
    // again; of the indicators' pages only the changed one's.
    assert!(made.contains(&"indicators/bts_sites/index.html".to_string()));
    assert!(!made.contains(&"indicators/mobile_subscribers/index.html".to_string()));
    assert!(made.contains(&"tuan-giao/index.html".to_string()));
    // Only the changed district's own files: the others' figures are as they were.
    assert!(made.contains(&"data/tuan-giao.json".to_string()));
    assert!(!made.contains(&"data/muong-nhe.json".to_string()));
    assert!(!made.iter().any(|p| p.starts_with("muong-nhe/reports/")));
}

#[test]
fn a_province_whose_figures_did_not_change_keeps_its_pages() {
    let (_dir, root) = three_levels();
    let made =
        check_edit(&root, "data/values/tuan-giao.csv", new_bts_figure).expect("a partial render");
    for page in ["index.html", "dien-bien/index.html", "muong-nhe/index.html"] {
        assert!(made.contains(&page.to_string()), "{page} made again");
    }
    for page in ["lai-chau/index.html", "tam-duong/index.html"] {
        assert!(!made.contains(&page.to_string()), "{page} left as it was");
    }
}

#[test]
fn a_province_target_reaches_the_districts_that_inherit_it() {
    let (_dir, root) = sample();
    let text = fs::read_to_string(root.join("data/values/dien-bien.csv")).unwrap();
    let line = text
        .lines()
        .find(|l| l.contains(",target,") && l.contains("2024"))
        .expect("a 2024 target of the province")
        .to_string();
    let fields: Vec<&str> = line.splitn(5, ',').collect();
    let value: f64 = fields[3].parse().unwrap();
    let new = format!(
        "{},{},{},{},{}",
        fields[0],
        fields[1],
        fields[2],
        value * 0.9,
        fields[4]
    );
    check_edit(&root, "data/values/dien-bien.csv", |t| {
        t.replace(&line, &new)
    })
    .expect("a partial render");
}

#[test]
fn a_report_whose_half_year_figures_are_gone_disappears() {
    let (_dir, root) = sample();
    // Every 2019-H1 row of one district: its 2019 report goes, others keep theirs.
    let made = check_edit(&root, "data/values/muong-nhe.csv", |t| {
        t.lines()
            .filter(|l| !l.contains(",2019-H1,"))
            .map(|l| format!("{l}\n"))
            .collect()
    });
    assert!(made.is_some(), "a partial render");
}

#[test]
fn a_new_period_renders_everything() {
    let (_dir, root) = sample();
    // A commune: Tuần Giáo District ended after 2025-H1 and may have no figure for 2030.
    let made = check_edit(&root, "data/values/xa-tuan-giao.csv", |t| {
        format!("{t}bts_sites,2030,actual,200,Số liệu minh họa,illustrative\n")
    });
    assert_eq!(made, None);
}
