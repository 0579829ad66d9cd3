//! `chiso build` over a site it built before renders only what changed, and never publishes a
//! stale page: after each kind of change, the site built over the previous one is the same,
//! file for file and byte for byte (its manifest included), as a build of everything into a
//! fresh folder that holds only the previous site's history (`data/values.csv` and
//! `data/changes.json`, which the what's-new page is made from).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{epoch_of, printed, sample_copy, Project, REFORM, TWO_PLANS};

/// The dates of the first build and of the builds after a change: a day apart, so that the
/// change is an update of its own in the history.
const FIRST: &str = "2026-03-02";
const SECOND: &str = "2026-03-03";

/// Runs `chiso --lang en build` of `root` into `output` on `date`, requires it to succeed and
/// returns what it printed.
fn build(root: &Path, output: &Path, date: &str) -> String {
    build_with(root, output, date, &[])
}

/// [`build`] with more arguments (`--force` into the fresh folder seeded with the history,
/// which holds files but no manifest).
fn build_with(root: &Path, output: &Path, date: &str, extra: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["--lang", "en", "build", "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .args(extra)
        .env("SOURCE_DATE_EPOCH", epoch_of(date).to_string())
        .output()
        .expect("run the chiso binary");
    let text = printed(&out);
    assert!(out.status.success(), "chiso build failed:\n{text}");
    text
}

/// Every file under `dir` by its path relative to it.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("a readable site"))
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every folder under `dir`, by its path relative to it: a partial build leaves none that a
/// full build would not make.
fn folders(dir: &Path) -> BTreeSet<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("a readable site"))
        .filter(|e| e.file_type().is_dir())
        .map(|e| e.path().strip_prefix(dir).unwrap().to_path_buf())
        .collect()
}

/// Builds `site` over its previous self, and a full build of the same input into a fresh
/// folder seeded with the previous site's history; requires the two to be identical and
/// returns what the incremental build printed.
fn incremental_equals_full(root: &Path, site: &Path) -> String {
    incremental_equals_full_with(root, site, &[])
}

/// [`incremental_equals_full`], the build over the previous site given `extra` arguments.
fn incremental_equals_full_with(root: &Path, site: &Path, extra: &[&str]) -> String {
    let fresh = site.with_file_name("full");
    let _ = fs::remove_dir_all(&fresh);
    for rel in ["data/values.csv", "data/changes.json"] {
        fs::create_dir_all(fresh.join("data")).unwrap();
        fs::copy(site.join(rel), fresh.join(rel)).unwrap();
    }
    let log = build_with(root, site, SECOND, extra);
    let full_log = build_with(root, &fresh, SECOND, &["--force"]);
    assert!(
        !full_log.contains("only figures changed") && !full_log.contains("up to date"),
        "{full_log}"
    );
    let (incremental, full) = (files(site), files(&fresh));
    assert!(
        incremental.contains_key(Path::new(".chiso-manifest.json")),
        "{:?}",
        incremental.keys().collect::<Vec<_>>()
    );
    let names = |m: &BTreeMap<PathBuf, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&incremental), names(&full), "{log}");
    assert_eq!(folders(site), folders(&fresh), "{log}");
    for (path, bytes) in &full {
        assert!(
            incremental[path] == *bytes,
            "{} differs from a full build's\n{log}",
            path.display()
        );
    }
    log
}

/// A 1×1 PNG header (enough for the image reader), varied by `shade`.
fn png(shade: u8) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    bytes.extend_from_slice(&1u32.to_be_bytes());
    bytes.extend_from_slice(&1u32.to_be_bytes());
    bytes.extend_from_slice(&[8, 2, 0, 0, 0, shade, 0, 0, 0]);
    bytes
}

/// The 2025 reform in small, with two plans, districts' and communes' figures, targets, a
/// narrative with a picture and its own template: every kind of input, built once on
/// [`FIRST`]. Returns the project and its site folder.
fn reform_project() -> (Project, PathBuf) {
    let p = Project::with_lives(REFORM);
    p.write(
        "chiso.toml",
        &format!("title = \"Tỉnh Thử Nghiệm\"\n{TWO_PLANS}"),
    );
    p.values(
        "huyen-a",
        "subscribers,2023,actual,1000\nsubscribers,2024,actual,1200\nsubscribers,2025-H1,actual,1250\npopulation,2024,actual,3000\nvillages,2024,actual,20\ncovered,2024,actual,15",
    );
    p.values(
        "huyen-b",
        "subscribers,2023,actual,800\nsubscribers,2024,actual,900\nsubscribers,2025-H1,actual,950\npopulation,2024,actual,2500\nvillages,2024,actual,12\ncovered,2024,actual,12",
    );
    p.values(
        "xa-c",
        "subscribers,2025,actual,700\nsubscribers,2026-H1,actual,720\npopulation,2025,actual,2000\nvillages,2025,actual,10\ncovered,2025,actual,8",
    );
    p.values(
        "xa-d",
        "subscribers,2025,actual,1500\nsubscribers,2026-H1,actual,1600\npopulation,2025,actual,3600\nvillages,2025,actual,22\ncovered,2025,actual,20",
    );
    p.values(
        "tinh",
        "covered,2025,target,40\ncovered,2030,target,50\ninternet_pct,2025,actual,81.5",
    );
    p.write(
        "content/_index.md",
        "Toàn tỉnh có {{ value(indicator=\"subscribers\", period=\"2026-H1\") }} thuê bao.\n\n![Trạm phát sóng](anh/tram.png)\n",
    );
    p.write_bytes("content/anh/tram.png", &png(0));
    let base = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/404.html"))
        .expect("the built-in 404 template");
    p.write("templates/404.html", &base);
    let site = p.root().join("site");
    let log = build(p.root(), &site, FIRST);
    assert!(
        log.starts_with("Built ") || log.contains("\nBuilt "),
        "{log}"
    );
    (p, site)
}

/// Replaces `from` by `to` in the project file `rel`, requiring it to be there.
fn edit(root: &Path, rel: &str, from: &str, to: &str) {
    let path = root.join(rel);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{rel} has no `{from}`:\n{text}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn a_changed_values_file_renders_only_what_it_touches_and_equals_a_full_build() {
    let (p, site) = reform_project();
    edit(
        p.root(),
        "data/values/xa-c.csv",
        "2026-H1,actual,720",
        "2026-H1,actual,735",
    );
    let log = incremental_equals_full(p.root(), &site);
    assert!(log.contains("only figures changed"), "{log}");
    // The change is news, on the day it was built.
    let changes = fs::read_to_string(site.join("data/changes.json")).unwrap();
    assert!(
        changes.contains(SECOND) && changes.contains("735"),
        "{changes}"
    );
}

#[test]
fn a_changed_target_reaches_the_units_that_inherit_it() {
    let (p, site) = reform_project();
    edit(
        p.root(),
        "data/values/tinh.csv",
        "2030,target,50",
        "2030,target,55",
    );
    let log = incremental_equals_full(p.root(), &site);
    assert!(log.contains("only figures changed"), "{log}");
}

#[test]
fn a_communes_own_target_reaches_its_provinces_compilation() {
    let (p, site) = reform_project();
    // A target of the commune's own: the province's figures do not change, but its
    // compilation of 2026-H1 shows the commune's plan column.
    let path = p.root().join("data/values/xa-c.csv");
    let text = fs::read_to_string(&path).unwrap() + "subscribers,2026,target,800,,\n";
    fs::write(&path, text).unwrap();
    incremental_equals_full(p.root(), &site);
    assert!(site
        .join("data/reports/tinh-2026-H1-compilation.xlsx")
        .is_file());
    edit(
        p.root(),
        "data/values/xa-c.csv",
        "2026,target,800",
        "2026,target,820",
    );
    let log = incremental_equals_full(p.root(), &site);
    assert!(log.contains("only figures changed"), "{log}");
}

#[test]
fn a_new_period_in_a_values_file_renders_everything() {
    let (p, site) = reform_project();
    let path = p.root().join("data/values/xa-d.csv");
    let text = fs::read_to_string(&path).unwrap() + "subscribers,2026,actual,1650,,\n";
    fs::write(&path, text).unwrap();
    let log = incremental_equals_full(p.root(), &site);
    assert!(!log.contains("only figures changed"), "{log}");
}

#[test]
fn a_removed_and_a_restored_values_file_equal_a_full_build() {
    let (p, site) = reform_project();
    let path = p.root().join("data/values/huyen-b.csv");
    let kept = fs::read(&path).unwrap();
    fs::remove_file(&path).unwrap();
    incremental_equals_full(p.root(), &site);
    fs::write(&path, kept).unwrap();
    incremental_equals_full(p.root(), &site);
}

#[test]
fn a_changed_narrative_template_setting_or_list_renders_everything() {
    let (p, site) = reform_project();
    let changes: [(&str, &str, &str); 5] = [
        ("content/_index.md", "Toàn tỉnh có", "Cả tỉnh có"),
        ("templates/404.html", "</", "<!-- sửa -->\n</"),
        ("chiso.toml", "Tỉnh Thử Nghiệm", "Tỉnh Thử Nghiệm Mới"),
        ("data/units.csv", "Cao Son Commune", "Cao Son Ward"),
        (
            "data/indicators.csv",
            "Mobile subscriptions",
            "Mobile phone subscriptions",
        ),
    ];
    for (rel, from, to) in changes {
        edit(p.root(), rel, from, to);
        let log = incremental_equals_full(p.root(), &site);
        assert!(!log.contains("only figures changed"), "{rel}: {log}");
        assert!(log.contains("Built "), "{rel}: {log}");
    }
}

#[test]
fn a_changed_picture_is_published_and_equals_a_full_build() {
    let (p, site) = reform_project();
    p.write_bytes("content/anh/tram.png", &png(1));
    incremental_equals_full(p.root(), &site);
    assert_eq!(fs::read(site.join("media/anh/tram.png")).unwrap(), png(1));
}

#[cfg(unix)]
fn identity(path: &Path) -> (u64, std::time::SystemTime) {
    use std::os::unix::fs::MetadataExt;
    let m = fs::metadata(path).unwrap();
    (m.ino(), m.modified().unwrap())
}

#[cfg(unix)]
#[test]
fn a_build_with_no_change_writes_nothing_and_says_the_site_is_up_to_date() {
    let (p, site) = reform_project();
    let before: BTreeMap<PathBuf, _> = files(&site)
        .into_keys()
        .map(|rel| (rel.clone(), identity(&site.join(rel))))
        .collect();
    let folder = identity(&site);
    let log = build(p.root(), &site, SECOND);
    assert!(log.contains("is up to date"), "{log}");
    assert!(log.contains("nothing was written"), "{log}");
    let after: BTreeMap<PathBuf, _> = files(&site)
        .into_keys()
        .map(|rel| (rel.clone(), identity(&site.join(rel))))
        .collect();
    assert_eq!(before, after);
    // Not even swapped: the folder is the same one.
    assert_eq!(folder.0, identity(&site).0);
    // In Vietnamese too.
    let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["build", "--root"])
        .arg(p.root())
        .output()
        .unwrap();
    assert!(
        printed(&out).contains("đã mới nhất: dữ liệu đầu vào không đổi từ lần dựng trước"),
        "{}",
        printed(&out)
    );
}

#[test]
fn a_site_whose_history_or_a_page_was_deleted_is_built_again() {
    let (p, site) = reform_project();
    // An editor starts the history again.
    fs::remove_file(site.join("data/changes.json")).unwrap();
    let log = build(p.root(), &site, SECOND);
    assert!(!log.contains("up to date"), "{log}");
    let changes = fs::read_to_string(site.join("data/changes.json")).unwrap();
    assert!(changes.contains(SECOND), "{changes}");
    // A page deleted by hand comes back, like the rest of a full build.
    fs::remove_file(site.join("xa-c/index.html")).unwrap();
    let log = incremental_equals_full(p.root(), &site);
    assert!(!log.contains("up to date"), "{log}");
}

#[test]
fn the_sample_after_one_communes_change_equals_a_full_build() {
    let dir = tempfile::tempdir().unwrap();
    let root = sample_copy(dir.path());
    let site = dir.path().join("site");
    build(&root, &site, FIRST);
    let values = root.join("data/values");
    let commune = fs::read_dir(&values)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "csv"))
        .min()
        .unwrap();
    let text = fs::read_to_string(&commune).unwrap();
    let first_value = text.lines().nth(1).unwrap().to_string();
    let mut cells: Vec<String> = first_value.split(',').map(String::from).collect();
    let value: f64 = cells[3].parse().unwrap();
    cells[3] = (value + 1.0).to_string();
    fs::write(&commune, text.replacen(&first_value, &cells.join(","), 1)).unwrap();
    let log = incremental_equals_full(&root, &site);
    assert!(log.contains("only figures changed"), "{log}");
}

#[test]
fn files_that_a_change_of_figures_no_longer_makes_are_removed() {
    let (p, site) = reform_project();
    let before: BTreeSet<PathBuf> = files(&site).into_keys().collect();
    // The commune's figures of 2026-H1 go (the other commune still has that period, so the
    // periods published stay the same): its report of that half-year is no longer made.
    let path = p.root().join("data/values/xa-c.csv");
    let text = fs::read_to_string(&path).unwrap();
    let kept: String = text
        .lines()
        .filter(|l| !l.contains("2026-H1"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_ne!(kept, text);
    fs::write(&path, kept).unwrap();
    // The province then enters its own total, which the home page's narrative quotes.
    let province = p.root().join("data/values/tinh.csv");
    let text = fs::read_to_string(&province).unwrap() + "subscribers,2026-H1,actual,2320,,\n";
    fs::write(&province, text).unwrap();
    let log = incremental_equals_full(p.root(), &site);
    assert!(log.contains("only figures changed"), "{log}");
    let after: BTreeSet<PathBuf> = files(&site).into_keys().collect();
    let gone: Vec<_> = before.difference(&after).collect();
    assert!(!gone.is_empty(), "{log}");
    assert!(
        gone.iter().all(|p| p.to_string_lossy().contains("xa-c")),
        "{gone:?}"
    );
}

#[test]
fn a_units_open_data_deleted_from_the_site_is_made_again_by_a_partial_build() {
    let (p, site) = reform_project();
    fs::remove_file(site.join("data/xa-d.json")).unwrap();
    edit(
        p.root(),
        "data/values/xa-c.csv",
        "2026-H1,actual,720",
        "2026-H1,actual,735",
    );
    let log = incremental_equals_full(p.root(), &site);
    assert!(log.contains("only figures changed"), "{log}");
    assert!(site.join("data/xa-d.json").is_file());
}

#[test]
fn a_site_whose_manifest_was_deleted_is_refused_and_built_in_full_with_force() {
    let (p, site) = reform_project();
    // Without its manifest the folder is no longer known to be chiso's: somebody deleted it,
    // or put files of their own in an empty folder. (An interrupted build leaves its journal
    // instead, and the next build finishes it: `trust.rs`.)
    edit(
        p.root(),
        "data/values/xa-c.csv",
        "2026-H1,actual,720",
        "2026-H1,actual,735",
    );
    fs::remove_file(site.join(".chiso-manifest.json")).unwrap();
    fs::write(site.join("xa-c/index.html"), "half of the new site").unwrap();
    let refused = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["--lang", "en", "build", "--root"])
        .arg(p.root())
        .arg("--output")
        .arg(&site)
        .output()
        .unwrap();
    assert_eq!(refused.status.code(), Some(2), "{}", printed(&refused));
    assert!(
        printed(&refused).contains("--force"),
        "{}",
        printed(&refused)
    );
    assert_eq!(
        fs::read_to_string(site.join("xa-c/index.html")).unwrap(),
        "half of the new site"
    );
    let log = incremental_equals_full_with(p.root(), &site, &["--force"]);
    assert!(!log.contains("only figures changed"), "{log}");
    assert!(log.contains("Built "), "{log}");
}
