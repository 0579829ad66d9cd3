//! `chiso serve` builds its preview as `chiso build` does, into its own folder, and after a
//! values file's change renders only what the change touches. Whatever it leaves out must be
//! exactly what a full build would have made again: each case edits a copy of the sample,
//! builds over the previous preview and compares the folder, file by file (the manifest
//! included), with a full build of the edited project into a fresh folder.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use chiso::build::{self, How};
use chiso::serve::build_options;

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

/// Every file under `dir` by its `/`-separated path relative to it.
fn files(dir: &Path) -> Files {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("a readable site"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap();
            let rel = rel.to_string_lossy().replace('\\', "/");
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Added to every file of the previous preview: a file the next build keeps is linked as it
/// was, mark and all; one it renders again is written anew, without it.
const MARK: &[u8] = b"\n<!-- kept from the previous build -->";

/// What the next build reads of the previous site, left unmarked: its manifest and history.
const UNMARKED: [&str; 3] = [
    build::manifest::NAME,
    "data/values.csv",
    "data/changes.json",
];

fn preview(root: &Path, site: &Path) -> How {
    build::build(root, site, &build_options()).unwrap().how
}

/// Edits `rel` with `edit`, builds the preview over the previous one and checks the result
/// against a full build. Returns the files the partial build rendered again, or `None` if it
/// rendered everything.
fn check_edit(root: &Path, rel: &str, edit: impl Fn(&str) -> String) -> Option<Vec<String>> {
    let work = tempfile::tempdir().unwrap();
    let site = work.path().join("site");
    assert_eq!(preview(root, &site), How::Full);
    for (file, mut bytes) in files(&site) {
        if !UNMARKED.contains(&file.as_str()) {
            bytes.extend_from_slice(MARK);
            fs::write(site.join(&file), bytes).unwrap();
        }
    }
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    let edited = edit(&text);
    assert_ne!(text, edited, "the edit of {rel} changed nothing");
    fs::write(&path, edited).unwrap();

    let how = preview(root, &site);
    let mut made = Vec::new();
    let mut got = files(&site);
    for (file, bytes) in &mut got {
        match bytes.strip_suffix(MARK) {
            Some(kept) => *bytes = kept.to_vec(),
            None => made.push(file.clone()),
        }
    }
    let fresh = work.path().join("full");
    assert_eq!(preview(root, &fresh), How::Full);
    let expected = files(&fresh);
    let wrong: Vec<&String> = expected
        .keys()
        .chain(got.keys())
        .filter(|k| expected.get(*k) != got.get(*k))
        .collect();
    assert!(
        wrong.is_empty(),
        "{rel}: the partial build differs from a full one in {} files: {:?}",
        wrong.len(),
        wrong.iter().take(20).collect::<Vec<_>>()
    );
    fs::write(&path, text).unwrap();
    match how {
        How::Partial { .. } => Some(made),
        How::Full => None,
        How::UpToDate => panic!("{rel}: the edit was not seen"),
    }
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
    // Only the changed district's reports: the others' figures are as they were. (The open
    // data is one job, every unit's files made again in every build, as `chiso build` does.)
    assert!(made.contains(&"data/tuan-giao.json".to_string()));
    assert!(made.iter().any(|p| p.starts_with("tuan-giao/reports/")));
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
