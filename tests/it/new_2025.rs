//! `chiso new` on the map since 1 July 2025: every province's project, with its communes and
//! with its former districts as history, builds at once; a province that no longer exists is
//! refused with the one it joined; the map before stays at hand with `--before-2025`.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use crate::common::{chiso_in, printed};

/// The 34 provinces since 1 July 2025 and their communes' count, as officially listed.
const PROVINCES: [(&str, usize); 34] = [
    ("01", 126),
    ("04", 56),
    ("08", 124),
    ("11", 45),
    ("12", 38),
    ("14", 75),
    ("15", 99),
    ("19", 92),
    ("20", 65),
    ("22", 54),
    ("24", 99),
    ("25", 148),
    ("31", 114),
    ("33", 104),
    ("37", 129),
    ("38", 166),
    ("40", 130),
    ("42", 69),
    ("44", 78),
    ("46", 40),
    ("48", 94),
    ("51", 96),
    ("52", 135),
    ("56", 65),
    ("66", 102),
    ("68", 124),
    ("75", 95),
    ("79", 168),
    ("80", 96),
    ("82", 102),
    ("86", 124),
    ("91", 102),
    ("92", 103),
    ("96", 64),
];

const HEADER: [&str; 9] = [
    "code",
    "slug",
    "name",
    "name_en",
    "level",
    "parent",
    "from",
    "until",
    "formed_from",
];

/// The rows of a project's units.csv by column name, in order.
fn units(root: &Path) -> Vec<BTreeMap<String, String>> {
    let mut reader = csv::Reader::from_path(root.join("data/units.csv")).expect("units.csv");
    let headers: Vec<String> = reader
        .headers()
        .expect("header")
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    reader
        .records()
        .map(|r| {
            let r = r.expect("row");
            headers
                .iter()
                .cloned()
                .zip(r.iter().map(str::to_string))
                .collect()
        })
        .collect()
}

fn header(root: &Path) -> Vec<String> {
    let mut reader = csv::Reader::from_path(root.join("data/units.csv")).expect("units.csv");
    reader
        .headers()
        .expect("header")
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect()
}

/// What every 2025 project must hold: the province, its communes from 2025 with official
/// five-digit codes, the former districts (if any) until 2025-H1, unique valid slugs, a values
/// file for each unit, and `formed_from` naming only districts of the project.
fn check_units(root: &Path, province: &str, communes: usize, history: bool) {
    assert_eq!(header(root), HEADER, "{province}");
    let rows = units(root);
    let field = |r: &BTreeMap<String, String>, k: &str| r.get(k).cloned().unwrap_or_default();
    assert_eq!(field(&rows[0], "code"), province);
    assert_eq!(field(&rows[0], "level"), "province");
    assert_eq!(field(&rows[0], "parent"), "");
    let mut codes = HashSet::new();
    let mut slugs = HashSet::new();
    for r in &rows {
        assert!(codes.insert(field(r, "code")), "{province}: duplicate code");
        let slug = field(r, "slug");
        assert!(
            !slug.is_empty()
                && slug
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
            "{province}: bad slug {slug}"
        );
        assert!(
            slugs.insert(slug.clone()),
            "{province}: duplicate slug {slug}"
        );
        assert!(root.join(format!("data/values/{slug}.csv")).is_file());
        assert!(!field(r, "name").is_empty() && !field(r, "name_en").is_empty());
    }
    let districts: HashSet<String> = rows
        .iter()
        .filter(|r| field(r, "level") == "district")
        .map(|r| field(r, "code"))
        .collect();
    assert_eq!(!districts.is_empty(), history, "{province}");
    let mut formed = 0;
    for r in &rows[1..] {
        assert_eq!(field(r, "parent"), province);
        match field(r, "level").as_str() {
            "commune" => {
                assert_eq!(field(r, "code").len(), 5);
                assert_eq!(
                    (field(r, "from"), field(r, "until")),
                    ("2025".into(), "".into())
                );
                let name = field(r, "name");
                assert!(
                    ["Xã ", "Phường ", "Đặc khu "]
                        .iter()
                        .any(|k| name.starts_with(k)),
                    "{name}"
                );
                let from = field(r, "formed_from");
                formed += usize::from(!from.is_empty());
                let parts: Vec<&str> = from.split(' ').filter(|s| !s.is_empty()).collect();
                let mut sorted = parts.clone();
                sorted.sort();
                assert_eq!(parts, sorted, "{province}: formed_from sorted");
                for d in parts {
                    assert!(districts.contains(d), "{province}: {d} not a district here");
                }
            }
            "district" => {
                assert_eq!(field(r, "code").len(), 3);
                assert_eq!(
                    (field(r, "from"), field(r, "until")),
                    ("".into(), "2025-H1".into())
                );
            }
            other => panic!("{province}: level {other}"),
        }
    }
    assert_eq!(
        rows.iter()
            .filter(|r| field(r, "level") == "commune")
            .count(),
        communes,
        "{province}"
    );
    if history {
        // Only island special zones and a few communes the sources could not tell apart lack
        // their lineage.
        assert!(formed + 5 >= communes, "{province}: {formed} of {communes}");
    } else {
        assert_eq!(formed, 0);
    }
}

/// Makes one province's project and builds it (or only checks it, which reads and computes
/// everything but renders nothing); the project is removed afterwards.
fn make(province: &str, communes: usize, history: bool, build: bool) {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let mut args = vec!["new", "p", "--province", province];
    if history {
        args.push("--history");
    }
    let out = chiso_in(&args, tmp.path());
    assert!(out.status.success(), "{province}: {}", printed(&out));
    let root = tmp.path().join("p");
    check_units(&root, province, communes, history);
    let verb = if build { "build" } else { "check" };
    let out = chiso_in(&[verb, "--root", "p"], tmp.path());
    assert!(
        out.status.success(),
        "{province} {verb} (history: {history}): {}",
        printed(&out)
    );
    if build {
        for r in units(&root) {
            let slug = r.get("slug").cloned().unwrap_or_default();
            if r.get("level").map(String::as_str) != Some("province") {
                assert!(
                    root.join(format!("site/{slug}/index.html")).is_file(),
                    "{province}: no page for {slug}"
                );
            }
        }
    }
}

/// Every province is built with its history, which holds every unit the plain project has and
/// more; the plain project is checked for all and built for the largest and the smallest.
/// Two threads: the machine running the tests is small, and a build uses a core of its own.
#[test]
fn every_one_of_the_34_provinces_builds_and_with_its_history_too() {
    let started = std::time::Instant::now();
    let work: Vec<(&str, usize, bool, bool)> = PROVINCES
        .iter()
        .flat_map(|&(code, n)| {
            let build_plain = matches!(code, "11" | "38" | "46");
            [(code, n, true, true), (code, n, false, build_plain)]
        })
        .collect();
    let (first, second) = work.split_at(work.len() / 2);
    std::thread::scope(|s| {
        for half in [first, second] {
            s.spawn(move || {
                for &(code, n, history, build) in half {
                    make(code, n, history, build);
                }
            });
        }
    });
    eprintln!(
        "34 provinces, with and without history: {} s",
        started.elapsed().as_secs()
    );
}

#[test]
fn ha_giang_is_refused_with_the_province_it_joined() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    for given in ["02", "2", "Hà Giang", "ha giang"] {
        let out = chiso_in(&["new", "p", "--province", given], tmp.path());
        assert!(!out.status.success(), "{given}");
        let said = printed(&out);
        assert!(
            said.contains(
                "Tỉnh Hà Giang đã hợp nhất vào Tỉnh Tuyên Quang từ 1/7/2025; dùng `--province 08`, \
                 thêm `--history` để giữ số liệu của các huyện cũ"
            ),
            "{given}: {said}"
        );
        assert!(said.contains("--before-2025"), "{said}");
        let out = chiso_in(
            &["--lang", "en", "new", "p", "--province", given],
            tmp.path(),
        );
        assert!(!out.status.success());
        let said = printed(&out);
        assert!(
            said.contains("Tỉnh Hà Giang became part of Tỉnh Tuyên Quang on 1 July 2025")
                && said.contains("`--province 08`")
                && said.contains("--history"),
            "{given}: {said}"
        );
        assert!(!tmp.path().join("p").exists(), "nothing written");
    }
}

#[test]
fn a_former_code_now_anothers_is_refused_with_the_new_one() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    // Lào Cai kept its name and took Yên Bái's code, 15.
    let out = chiso_in(&["new", "p", "--province", "10"], tmp.path());
    assert!(!out.status.success());
    assert!(
        printed(&out).contains("`--province 15`"),
        "{}",
        printed(&out)
    );
    let out = chiso_in(&["new", "p", "--province", "Lào Cai"], tmp.path());
    assert!(out.status.success(), "{}", printed(&out));
    assert_eq!(
        units(&tmp.path().join("p"))[0]
            .get("code")
            .map(String::as_str),
        Some("15")
    );
}

#[test]
fn dien_bien_which_kept_its_borders_is_simply_accepted_with_its_45_communes() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(&["new", "p", "--province", "Điện Biên"], tmp.path());
    assert!(out.status.success(), "{}", printed(&out));
    let rows = units(&tmp.path().join("p"));
    assert_eq!(rows.len(), 46);
    let row = |name: &str| {
        rows.iter()
            .find(|r| r.get("name").map(String::as_str) == Some(name))
            .cloned()
            .unwrap_or_default()
    };
    assert_eq!(
        row("Tỉnh Điện Biên").get("slug").map(String::as_str),
        Some("dien-bien")
    );
    let tuan_giao = row("Xã Tuần Giáo");
    assert_eq!(
        tuan_giao.get("name_en").map(String::as_str),
        Some("Tuan Giao Commune")
    );
    // The former district keeps `tuan-giao`, so the commune's slug does not take it even
    // without the history: adding the history later renames nothing.
    assert_eq!(
        tuan_giao.get("slug").map(String::as_str),
        Some("xa-tuan-giao")
    );
    let index = std::fs::read_to_string(tmp.path().join("p/content/_index.md")).expect("index");
    assert!(index.contains("45 xã, phường"), "{index}");
    assert!(index.contains("Đoạn văn mẫu"), "the sample notice: {index}");
    let readme = std::fs::read_to_string(tmp.path().join("p/README.md")).expect("readme");
    assert!(readme.contains("từ ngày 1/7/2025"), "{readme}");
}

#[test]
fn tuyen_quang_with_its_history_holds_ha_giangs_districts_and_what_each_commune_was_formed_from() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(&["new", "p", "--province", "08", "--history"], tmp.path());
    assert!(out.status.success(), "{}", printed(&out));
    let root = tmp.path().join("p");
    let rows = units(&root);
    let get = |r: &BTreeMap<String, String>, k: &str| r.get(k).cloned().unwrap_or_default();
    let by_code = |c: &str| {
        rows.iter()
            .find(|r| get(r, "code") == c)
            .cloned()
            .unwrap_or_default()
    };
    // Hà Giang's districts, and Tuyên Quang's own.
    for (code, name) in [
        ("024", "Thành phố Hà Giang"),
        ("026", "Huyện Đồng Văn"),
        ("027", "Huyện Mèo Vạc"),
        ("070", "Thành phố Tuyên Quang"),
    ] {
        let d = by_code(code);
        assert_eq!(get(&d, "name"), name);
        assert_eq!(
            (get(&d, "level"), get(&d, "parent"), get(&d, "until")),
            ("district".into(), "08".into(), "2025-H1".into())
        );
    }
    assert_eq!(
        rows.iter()
            .filter(|r| get(r, "level") == "district")
            .count(),
        11 + 7,
        "Hà Giang had 11 districts, Tuyên Quang 7"
    );
    let dong_van = by_code("00721");
    assert_eq!(get(&dong_van, "name"), "Xã Đồng Văn");
    assert_eq!(get(&dong_van, "formed_from"), "026 027");
    assert_eq!(get(&dong_van, "slug"), "xa-dong-van");
    assert_eq!(get(&by_code("026"), "slug"), "dong-van");
    let readme = std::fs::read_to_string(root.join("README.md")).expect("readme");
    assert!(readme.contains("Huyện Mèo Vạc"), "{readme}");
    let out = chiso_in(&["build", "--root", "p"], tmp.path());
    assert!(out.status.success(), "{}", printed(&out));
    assert!(root.join("site/dong-van/index.html").is_file());
    assert!(root.join("site/xa-dong-van/index.html").is_file());
}

#[test]
fn before_2025_still_makes_ha_giang_with_its_districts() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(
        &["new", "p", "--province", "02", "--before-2025"],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", printed(&out));
    let root = tmp.path().join("p");
    assert_eq!(
        header(&root),
        ["code", "slug", "name", "name_en", "level", "parent"]
    );
    let rows = units(&root);
    assert_eq!(
        rows[0].get("name").map(String::as_str),
        Some("Tỉnh Hà Giang")
    );
    assert_eq!(rows.len(), 12);
    let out = chiso_in(&["build", "--root", "p"], tmp.path());
    assert!(out.status.success(), "{}", printed(&out));
}

#[test]
fn history_and_the_map_before_2025_are_not_asked_together() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(
        &["new", "p", "--province", "11", "--history", "--before-2025"],
        tmp.path(),
    );
    assert!(!out.status.success());
    assert!(!tmp.path().join("p").exists());
}

#[test]
fn the_list_shows_the_34_provinces_then_what_the_former_ones_became() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let out = chiso_in(&["new", "--list"], tmp.path());
    assert!(out.status.success(), "{}", printed(&out));
    let list = String::from_utf8_lossy(&out.stdout).to_string();
    let (now, before) = list.split_once("Trước 1/7/2025").expect("two lists");
    let coded = |s: &str| -> Vec<String> {
        s.lines()
            .filter(|l| {
                let b = l.as_bytes();
                b.len() > 4 && b[..2].iter().all(u8::is_ascii_digit) && &b[2..4] == b"  "
            })
            .map(str::to_string)
            .collect()
    };
    let now = coded(now);
    assert_eq!(now.len(), 34, "{list}");
    for (line, (code, n)) in now.iter().zip(PROVINCES) {
        assert!(
            line.starts_with(code) && line.ends_with(&format!(" {n}")),
            "{line}"
        );
    }
    let before = coded(before);
    assert_eq!(before.len(), 63, "{list}");
    assert!(before
        .iter()
        .any(|l| l.starts_with("02  Tỉnh Hà Giang") && l.ends_with("08 Tỉnh Tuyên Quang")));
    assert!(before
        .iter()
        .any(|l| l.starts_with("11  Tỉnh Điện Biên") && l.ends_with("giữ nguyên")));

    let out = chiso_in(&["--lang", "en", "new", "--list"], tmp.path());
    let list = String::from_utf8_lossy(&out.stdout).to_string();
    assert!(list.contains("Before 1 July 2025"), "{list}");
    assert!(list.contains("unchanged"), "{list}");
}
