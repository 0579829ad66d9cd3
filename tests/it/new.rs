//! `chiso new`: a new province's project builds at once, and mistakes are refused with advice.
//! The projects here are of the map before 1 July 2025 (`--before-2025`); those of the map
//! since are in `new_2025.rs`.

use std::collections::HashSet;

use crate::common::{chiso_in, printed};

/// Creates the project of the map before 2025, checks its units and builds it; returns the
/// rows of units.csv.
fn create_and_build(province: &str, districts: usize) -> Vec<Vec<String>> {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(
        &["new", "project", "--province", province, "--before-2025"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", printed(&out));
    let root = tmp.path().join("project");

    let mut reader = csv::Reader::from_path(root.join("data/units.csv")).expect("units.csv");
    let headers = reader.headers().expect("header").clone();
    assert_eq!(
        headers.iter().collect::<Vec<_>>(),
        ["code", "slug", "name", "name_en", "level", "parent"]
    );
    let rows: Vec<Vec<String>> = reader
        .records()
        .map(|r| r.expect("row").iter().map(str::to_string).collect())
        .collect();
    assert_eq!(rows.len(), districts + 1);
    let root_row = &rows[0];
    assert_eq!(root_row[0], province);
    assert_eq!(
        (root_row[4].as_str(), root_row[5].as_str()),
        ("province", "")
    );
    let mut codes = HashSet::new();
    let mut slugs = HashSet::new();
    for row in &rows {
        assert!(codes.insert(row[0].clone()), "duplicate code {}", row[0]);
        assert!(slugs.insert(row[1].clone()), "duplicate slug {}", row[1]);
        assert!(
            !row[1].is_empty()
                && row[1]
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "bad slug {}",
            row[1]
        );
        assert!(!row[2].is_empty() && !row[3].is_empty());
        assert!(root.join(format!("data/values/{}.csv", row[1])).is_file());
    }
    for row in &rows[1..] {
        assert_eq!(row[0].len(), 3, "district code {}", row[0]);
        assert_eq!((row[4].as_str(), row[5].as_str()), ("district", province));
    }
    for file in [
        "data/indicators.csv",
        "content/_index.md",
        "chiso.toml",
        "README.md",
    ] {
        assert!(root.join(file).is_file(), "{file}");
    }

    let check = chiso_in(&["check", "--root", "project"], tmp.path());
    assert!(check.status.success(), "{}", printed(&check));
    let build = chiso_in(&["build", "--root", "project"], tmp.path());
    assert!(build.status.success(), "{}", printed(&build));
    assert!(root.join("site/index.html").is_file());
    for row in &rows[1..] {
        assert!(
            root.join(format!("site/{}/index.html", row[1])).is_file(),
            "{}",
            row[1]
        );
    }
    rows
}

#[test]
fn dien_bien_builds_at_once() {
    let rows = create_and_build("11", 10);
    let slug = |code: &str| rows.iter().find(|r| r[0] == code).map(|r| r[1].clone());
    assert_eq!(slug("11").as_deref(), Some("dien-bien"));
    assert_eq!(slug("100").as_deref(), Some("huyen-dien-bien"));
    assert_eq!(slug("094").as_deref(), Some("dien-bien-phu"));
    assert!(rows.iter().any(|r| r[3] == "Tuần Giáo District"));
    assert!(rows.iter().any(|r| r[3] == "Mường Lay Town"));
}

#[test]
fn ha_noi_with_urban_districts_builds_at_once() {
    let rows = create_and_build("01", 30);
    assert_eq!(rows[0][1], "ha-noi");
    assert!(rows
        .iter()
        .any(|r| r[2] == "Quận Ba Đình" && r[1] == "ba-dinh" && r[3] == "Ba Đình Urban District"));
}

#[test]
fn accepts_names_without_accents() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(&["new", "p", "--province", "dien bien"], tmp.path());
    assert!(out.status.success(), "{}", printed(&out));
    let units = std::fs::read_to_string(tmp.path().join("p/data/units.csv")).expect("units");
    assert!(units.contains("\n11,dien-bien,Tỉnh Điện Biên,"));
}

#[test]
fn refuses_a_folder_with_files() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    std::fs::create_dir(tmp.path().join("p")).expect("mkdir");
    std::fs::write(tmp.path().join("p/notes.txt"), "mine").expect("file");
    let out = chiso_in(
        &["--lang", "en", "new", "p", "--province", "11"],
        tmp.path(),
    );
    assert!(!out.status.success());
    assert!(printed(&out).contains("not empty"), "{}", printed(&out));
    assert_eq!(
        std::fs::read_dir(tmp.path().join("p"))
            .expect("dir")
            .count(),
        1,
        "nothing written"
    );
    // An empty folder is fine.
    std::fs::create_dir(tmp.path().join("q")).expect("mkdir");
    assert!(chiso_in(&["new", "q", "--province", "11"], tmp.path())
        .status
        .success());
}

#[test]
fn refuses_an_unknown_province_with_a_suggestion() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(
        &["--lang", "en", "new", "p", "--province", "Dien Bein"],
        tmp.path(),
    );
    assert!(!out.status.success());
    let said = printed(&out);
    assert!(said.contains("`11` (Tỉnh Điện Biên)"), "{said}");
    assert!(said.contains("chiso new --list"), "{said}");
    assert!(!tmp.path().join("p").exists(), "nothing written");

    let out = chiso_in(&["new", "p", "--province", "99"], tmp.path());
    assert!(!out.status.success());
    assert!(printed(&out).contains("chiso new --list"));
}

#[test]
fn lists_the_provinces() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(&["new", "--list", "--before-2025"], tmp.path());
    assert!(out.status.success(), "{}", printed(&out));
    let list = String::from_utf8_lossy(&out.stdout);
    let rows: Vec<&str> = list
        .lines()
        .filter(|l| {
            let b = l.as_bytes();
            b.len() > 4 && b[..2].iter().all(u8::is_ascii_digit) && &b[2..4] == b"  "
        })
        .collect();
    assert_eq!(rows.len(), 63, "{list}");
    assert!(list.contains("11  Tỉnh Điện Biên"));
    assert!(list.contains("01  Thành phố Hà Nội"));
}
