//! Reproducible builds: the same input gives the same bytes, whatever the number of threads,
//! the time of day, the time zone, the folder the project or the site sits in, and whether the
//! site is built afresh or over its previous self. The one thing that may change the output is
//! the documented date of the build (the UTC date of `SOURCE_DATE_EPOCH` when set, else of the
//! day of the build; never `updated` in chiso.toml), shown only in the history of updates.
//!
//! Every test builds the sample project of the repository (Điện Biên), copied into a temporary
//! folder so that an edit made while the tests run cannot make two builds differ.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::{epoch_of, sample_copy, today_utc};

type Files = BTreeMap<PathBuf, Vec<u8>>;

/// Runs `chiso build --root ROOT --output OUTPUT` from `cwd` with the given environment
/// (`None` removes the variable), requires success and returns every file of the site.
fn build(cwd: &Path, root: &str, output: &Path, env: &[(&str, Option<&str>)]) -> Files {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chiso"));
    cmd.current_dir(cwd)
        .args(["build", "--root", root, "--output"])
        .arg(output)
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        match v {
            Some(v) => cmd.env(k, v),
            None => cmd.env_remove(k),
        };
    }
    let out = cmd.output().expect("run the chiso binary");
    assert!(
        out.status.success(),
        "chiso build failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let mut files = Files::new();
    collect(output, output, &mut files);
    assert!(
        files.contains_key(Path::new("index.html")),
        "a site was built"
    );
    files
}

fn collect(base: &Path, dir: &Path, out: &mut Files) {
    for e in fs::read_dir(dir).unwrap() {
        let e = e.unwrap();
        if e.file_type().unwrap().is_dir() {
            collect(base, &e.path(), out);
        } else {
            out.insert(
                e.path().strip_prefix(base).unwrap().to_path_buf(),
                fs::read(e.path()).unwrap(),
            );
        }
    }
}

/// The paths whose bytes differ (or that only one side has), for a readable failure.
fn differences(a: &Files, b: &Files) -> Vec<String> {
    let mut out = Vec::new();
    for (p, bytes) in a {
        match b.get(p) {
            None => out.push(format!("only in the first: {}", p.display())),
            Some(other) if other != bytes => out.push(format!("differs: {}", p.display())),
            _ => {}
        }
    }
    out.extend(
        b.keys()
            .filter(|p| !a.contains_key(*p))
            .map(|p| format!("only in the second: {}", p.display())),
    );
    out
}

#[track_caller]
fn assert_same(what: &str, a: &Files, b: &Files) {
    let diff = differences(a, b);
    assert!(
        diff.is_empty(),
        "{what}: {} files differ:\n{}",
        diff.len(),
        diff.join("\n")
    );
}

fn text(files: &Files, rel: &str) -> String {
    String::from_utf8(
        files
            .get(Path::new(rel))
            .unwrap_or_else(|| panic!("no {rel}"))
            .clone(),
    )
    .unwrap()
}

/// `updated` of the sample's chiso.toml, which no longer dates anything.
fn updated_of_sample() -> String {
    let toml =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("chiso.toml")).unwrap();
    let line = toml
        .lines()
        .find(|l| l.trim_start().starts_with("updated"))
        .expect("the sample sets `updated`");
    line.split('"').nth(1).expect("a quoted date").to_string()
}

#[test]
fn epoch_of_known_dates() {
    assert_eq!(epoch_of("1970-01-01"), 0);
    assert_eq!(epoch_of("2000-03-01"), 951_868_800);
    assert_eq!(epoch_of("2024-07-15"), 1_721_001_600);
}

#[test]
fn same_bytes_with_one_thread_or_two() {
    let dir = tempfile::tempdir().unwrap();
    let root = sample_copy(dir.path());
    let r = root.to_str().unwrap();
    let one = build(
        dir.path(),
        r,
        &dir.path().join("one"),
        &[("RAYON_NUM_THREADS", Some("1"))],
    );
    let two = build(
        dir.path(),
        r,
        &dir.path().join("two"),
        &[("RAYON_NUM_THREADS", Some("2"))],
    );
    assert_same("RAYON_NUM_THREADS=1 against 2", &one, &two);
    let many = build(
        dir.path(),
        r,
        &dir.path().join("many"),
        &[("RAYON_NUM_THREADS", Some("7"))],
    );
    assert_same("RAYON_NUM_THREADS=1 against 7", &one, &many);
}

#[test]
fn same_bytes_at_another_time_and_in_another_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    let root = sample_copy(dir.path());
    let r = root.to_str().unwrap();
    let first = build(
        dir.path(),
        r,
        &dir.path().join("first"),
        &[("TZ", Some("UTC"))],
    );
    // Long enough for a clock read anywhere in the build to show a different second.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let later = build(
        dir.path(),
        r,
        &dir.path().join("later"),
        &[
            ("TZ", Some("Asia/Ho_Chi_Minh")),
            ("LANG", Some("vi_VN.UTF-8")),
            ("LC_ALL", Some("vi_VN.UTF-8")),
        ],
    );
    assert_same("a second later, in Hà Nội's time zone", &first, &later);
}

#[test]
fn same_bytes_in_another_folder_and_from_another_working_directory() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    let root_a = sample_copy(a.path());
    let root_b = sample_copy(&b.path().join("một thư mục khác"));
    let site_a = build(
        a.path(),
        root_a.to_str().unwrap(),
        &a.path().join("site"),
        &[],
    );
    // A relative root, from inside the project, into a differently named output folder.
    let out_b = b.path().join("xuat-ban").join("trang");
    let site_b = build(&root_b, ".", &out_b, &[]);
    assert_same(
        "another project folder, output folder and working directory",
        &site_a,
        &site_b,
    );
    // No page names the folder it was built from or into.
    for (p, bytes) in &site_a {
        let s = String::from_utf8_lossy(bytes);
        for folder in [a.path().to_str().unwrap(), "/tmp/", "dien-bien/data", "\\"] {
            if p.extension()
                .is_some_and(|e| e == "html" || e == "json" || e == "csv" || e == "xml")
            {
                assert!(!s.contains(folder), "{} mentions {folder:?}", p.display());
            }
        }
    }
}

#[test]
fn rebuilding_over_the_previous_site_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let root = sample_copy(dir.path());
    let r = root.to_str().unwrap();
    let out = dir.path().join("site");
    let first = build(dir.path(), r, &out, &[]);
    let second = build(dir.path(), r, &out, &[]);
    assert_same(
        "a second build over the first, with the same input",
        &first,
        &second,
    );
}

#[test]
fn the_date_is_source_date_epoch_else_the_day_of_the_build_never_updated() {
    let dir = tempfile::tempdir().unwrap();
    let root = sample_copy(dir.path());
    let r = root.to_str().unwrap();
    let updated = updated_of_sample();

    // Unset: the date is the day of the build (in UTC), not `updated` of chiso.toml.
    let before = today_utc();
    let unset = build(dir.path(), r, &dir.path().join("unset"), &[]);
    let today = today_utc();
    if before != today {
        return; // Built across midnight UTC: the day of the build is not one day.
    }
    assert_ne!(today, updated, "the sample's `updated` is an old date");
    let feed = text(&unset, "feed.xml");
    assert!(
        feed.contains(&format!("<updated>{today}T00:00:00Z</updated>")),
        "feed without SOURCE_DATE_EPOCH:\n{feed}"
    );
    assert!(!feed.contains(&updated), "`updated` dates nothing:\n{feed}");
    assert!(text(&unset, "data/changes.json").contains(&format!("\"date\": \"{today}\"")));

    // Set to that same day (any second of it): the very same bytes.
    let noon = (epoch_of(&today) + 12 * 3600).to_string();
    let same_day = build(
        dir.path(),
        r,
        &dir.path().join("same-day"),
        &[("SOURCE_DATE_EPOCH", Some(&noon))],
    );
    assert_same(
        "SOURCE_DATE_EPOCH on the day of the build",
        &unset,
        &same_day,
    );

    // Set to another day: that day is the date, and only files that show the date differ.
    let other = "2023-11-14";
    let epoch = (epoch_of(other) + 22 * 3600 + 13 * 60 + 20).to_string();
    let set = build(
        dir.path(),
        r,
        &dir.path().join("set"),
        &[("SOURCE_DATE_EPOCH", Some(&epoch))],
    );
    let feed = text(&set, "feed.xml");
    assert!(
        feed.contains(&format!("<updated>{other}T00:00:00Z</updated>")),
        "feed with SOURCE_DATE_EPOCH={epoch}:\n{feed}"
    );
    assert!(
        !feed.contains(&today),
        "the day of the build gives way to SOURCE_DATE_EPOCH"
    );
    assert!(text(&set, "data/changes.json").contains(&format!("\"date\": \"{other}\"")));
    assert!(
        text(&set, "whats-new/index.html").contains("14/11/2023"),
        "the Vietnamese page writes the day first"
    );
    for d in differences(&unset, &set) {
        let path = d.rsplit(' ').next().unwrap().trim_end_matches(".gz");
        // The build manifest holds a digest of `data/changes.json`, which shows the date.
        if path == ".chiso-manifest.json" {
            continue;
        }
        let old = text(&unset, path);
        let new = text(&set, path);
        let vi = |iso: &str| {
            let p: Vec<&str> = iso.split('-').collect();
            format!("{}/{}/{}", p[2], p[1], p[0])
        };
        let replaced = old.replace(&today, other).replace(&vi(&today), &vi(other));
        assert_eq!(replaced, new, "{path}: differs by more than the date");
    }

    // Set twice to the same value: the same bytes.
    let again = build(
        dir.path(),
        r,
        &dir.path().join("again"),
        &[("SOURCE_DATE_EPOCH", Some(&epoch))],
    );
    assert_same(
        "SOURCE_DATE_EPOCH set twice to the same value",
        &set,
        &again,
    );
}
