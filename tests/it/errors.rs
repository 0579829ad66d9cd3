//! Every class of editor mistake is reported with its file and line, all at once, and a failed
//! build leaves the previously published site exactly as it was.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

const UNITS: &str = "code,slug,name,name_en,level,parent\n11,dien-bien,Tỉnh Điện Biên,Dien Bien,province,\n099,tuan-giao,Huyện Tuần Giáo,Tuan Giao,district,11\n100,huyen-dien-bien,Huyện Điện Biên,Dien Bien District,district,11\n";
const INDICATORS: &str = "code,group,name,unit,direction,measure,numerator,denominator,scale,aggregate,decimals\nmobile_subscribers,G,Thuê bao di động,Thuê bao,up,stock,,,,sum,0\npopulation,G,Dân số,Người,up,stock,,,,sum,0\nmobile_per_100,G,Thuê bao/100 dân,Thuê bao/100 dân,up,stock,mobile_subscribers,population,100,none,1\ncoverage_pct,G,Tỷ lệ phủ sóng,%,up,stock,,,,none,1\n";
const TUAN_GIAO: &str = "indicator,period,kind,value,source,note\nmobile_subscribers,2023,actual,50000,x,\nmobile_subscribers,2024,actual,54204,x,\npopulation,2024,actual,84700,x,\ncoverage_pct,2024,actual,87.7,x,\n";
const OTHER: &str = "indicator,period,kind,value,source,note\nmobile_subscribers,2023,actual,40000,x,\nmobile_subscribers,2024,actual,41000,x,\npopulation,2024,actual,60000,x,\n";

struct Project {
    dir: tempfile::TempDir,
}

impl Project {
    fn new() -> Project {
        let dir = tempfile::tempdir().unwrap();
        let p = Project { dir };
        p.write("data/units.csv", UNITS);
        p.write("data/indicators.csv", INDICATORS);
        p.write("data/values/tuan-giao.csv", TUAN_GIAO);
        p.write("data/values/huyen-dien-bien.csv", OTHER);
        p.write(
            "content/_index.md",
            "+++\ntitle = \"Điện Biên\"\n+++\nChào.\n",
        );
        p
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    fn edit(&self, rel: &str, from: &str, to: &str) {
        let path = self.root().join(rel);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{rel} has no {from:?}");
        fs::write(path, text.replacen(from, to, 1)).unwrap();
    }

    fn site(&self) -> PathBuf {
        self.root().join("site")
    }

    /// Runs chiso with English messages; returns (success, stderr).
    fn run(&self, command: &str) -> (bool, String) {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_chiso"));
        cmd.args([command, "--lang", "en", "--root"])
            .arg(self.root());
        let out = cmd.output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    }
}

/// Every file of a folder with its bytes and modification time.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, (Vec<u8>, std::time::SystemTime)> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let m = e.metadata().unwrap().modified().unwrap();
            (
                e.path().strip_prefix(dir).unwrap().to_path_buf(),
                (fs::read(e.path()).unwrap(), m),
            )
        })
        .collect()
}

/// Builds the good project, applies `mistake`, and checks that the build fails with every
/// expected message while the published site stays byte for byte (and time for time) as it was.
fn assert_refused(mistake: impl FnOnce(&Project), expected: &[&str]) {
    let p = Project::new();
    let (ok, text) = p.run("build");
    assert!(ok, "{text}");
    let before = snapshot(&p.site());
    assert!(before.len() > 10);
    mistake(&p);
    let (ok, text) = p.run("build");
    assert!(!ok, "the build should fail:\n{text}");
    for e in expected {
        assert!(text.contains(e), "missing {e:?} in:\n{text}");
    }
    assert!(text.contains("is unchanged"), "{text}");
    assert_eq!(snapshot(&p.site()), before, "the published site changed");
    let (ok, check) = p.run("check");
    assert!(!ok);
    for e in expected {
        assert!(check.contains(e), "check misses {e:?}:\n{check}");
    }
    let leftovers: Vec<_> = fs::read_dir(p.root())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".new") || n.contains(".old"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn malformed_periods() {
    assert_refused(
        |p| p.edit("data/values/tuan-giao.csv", "2024,actual,54204", "2024 H1,actual,54204"),
        &["data/values/tuan-giao.csv:3 (column `period`): error: the period `2024 H1` is not valid", "`2024-H1`?"],
    );
}

#[test]
fn unknown_indicators_and_kinds_with_suggestions() {
    assert_refused(
        |p| {
            p.edit("data/values/tuan-giao.csv", "mobile_subscribers,2024", "mobile_subscriber,2024");
            p.edit("data/values/tuan-giao.csv", "population,2024,actual", "population,2024,actul");
        },
        &[
            "tuan-giao.csv:3 (column `indicator`): error: there is no indicator `mobile_subscriber`",
            "Did you mean `mobile_subscribers`?",
            "tuan-giao.csv:4 (column `kind`): error: `actul` is not a valid value",
            "Did you mean `actual`?",
        ],
    );
}

#[test]
fn a_values_file_for_no_unit() {
    assert_refused(
        |p| p.write("data/values/tuan-gaio.csv", OTHER),
        &[
            "data/values/tuan-gaio.csv: error: no unit in data/units.csv has the slug `tuan-gaio`",
            "Did you mean `tuan-giao`?",
        ],
    );
}

#[test]
fn values_that_are_not_numbers() {
    assert_refused(
        |p| {
            p.edit("data/values/tuan-giao.csv", "54204", "\"54,204\"");
            p.edit("data/values/tuan-giao.csv", "87.7", "87.7%");
        },
        &[
            "tuan-giao.csv:3 (column `value`): error: `54,204` is not a number",
            "tuan-giao.csv:5 (column `value`): error: `87.7%` is not a number",
            "e.g. `54748` or `87.7`",
        ],
    );
}

#[test]
fn two_rows_with_different_figures_name_both_lines() {
    assert_refused(
        |p| {
            p.write(
                "data/values/tuan-giao.csv",
                &format!("{TUAN_GIAO}mobile_subscribers,2024,actual,54000,y,\n"),
            )
        },
        &["tuan-giao.csv:6 (column `value`): error: line 3 already gives 54204"],
    );
}

#[test]
fn rows_with_too_few_or_too_many_fields() {
    assert_refused(
        |p| {
            p.write(
                "data/values/tuan-giao.csv",
                &format!(
                    "{TUAN_GIAO}population,2023,actual\ncoverage_pct,2023,actual,80,x,note,extra\n"
                ),
            )
        },
        &[
            "tuan-giao.csv:6: error: the line has 3 fields but the header has 6",
            "tuan-giao.csv:7: error: the line has 7 fields",
        ],
    );
}

#[test]
fn missing_required_columns() {
    assert_refused(
        |p| {
            p.write(
                "data/values/tuan-giao.csv",
                "indicator,period,value\nmobile_subscribers,2024,1\n",
            )
        },
        &["tuan-giao.csv:1 (column `kind`): error: the column `kind` is missing"],
    );
}

#[test]
fn slugs_that_cannot_be_paths() {
    assert_refused(
        |p| p.edit("data/units.csv", "099,tuan-giao", "099,Tuần Giáo/.."),
        &["data/units.csv:3 (column `slug`): error: `Tuần Giáo/..` cannot be used in a web address", "`tuan-giao`"],
    );
}

#[test]
fn unknown_and_circular_parents_and_two_roots() {
    assert_refused(
        |p| {
            p.write(
                "data/units.csv",
                &format!("{UNITS}200,a,A,A,district,201\n201,b,B,B,district,200\n12,lai-chau,Lai Châu,Lai Chau,province,\n300,c,C,C,commune,111\n"),
            )
        },
        &[
            "data/units.csv:5 (column `parent`): error: these units are each other's parents in a loop: 200 → 201 → 200",
            "data/units.csv:7 (column `parent`): error: `11` is already the root unit",
            "data/units.csv:8 (column `parent`): error: no unit has the code `111`",
            "Did you mean `11`?",
        ],
    );
}

#[test]
fn derived_indicators_whose_parts_do_not_exist() {
    assert_refused(
        |p| p.edit("data/indicators.csv", "mobile_subscribers,population,100", "mobile_subscribers,populaton,100"),
        &["data/indicators.csv:4 (column `denominator`): error: there is no indicator `populaton`", "Did you mean `population`?"],
    );
}

#[test]
fn broken_front_matter_with_its_line() {
    assert_refused(
        |p| {
            p.write(
                "content/tuan-giao.md",
                "+++\ntitle = \"Tuần Giáo\"\ndescription = không có ngoặc kép\n+++\nBody\n",
            )
        },
        &["content/tuan-giao.md:3: error: the front matter (between the `+++` lines) is broken"],
    );
}

#[test]
fn empty_files() {
    assert_refused(
        |p| p.write("data/values/tuan-giao.csv", ""),
        &["data/values/tuan-giao.csv: error: the file is empty"],
    );
    assert_refused(
        |p| p.write("data/indicators.csv", "\n\n"),
        &["data/indicators.csv: error: the file is empty"],
    );
}

#[test]
fn a_markdown_file_for_no_unit() {
    assert_refused(
        |p| p.write("content/tuan-gaio.md", "Hello\n"),
        &[
            "content/tuan-gaio.md: error: no unit in data/units.csv has the slug `tuan-gaio`",
            "Did you mean `tuan-giao`?",
        ],
    );
}

#[test]
fn every_problem_is_listed_at_once_and_repeats_are_capped() {
    let mut rows = String::from("indicator,period,kind,value,source,note\n");
    for y in 0..1000 {
        rows.push_str(&format!("mobile_subscribers,Q{y},actual,1,x,\n"));
    }
    assert_refused(
        |p| {
            p.write("data/values/tuan-giao.csv", &rows);
            p.edit("data/values/huyen-dien-bien.csv", "41000", "bốn mươi");
        },
        &[
            "… and 980 more errors of the same kind",
            "huyen-dien-bien.csv:3 (column `value`)",
            "1001 error(s)",
        ],
    );
}

#[test]
fn messages_are_vietnamese_by_default() {
    let p = Project::new();
    p.edit(
        "data/values/tuan-giao.csv",
        "2024,actual,54204",
        "2024-H2,actual,54204",
    );
    let out = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["check", "--root"])
        .arg(p.root())
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("data/values/tuan-giao.csv:3 (cột `period`): lỗi: kỳ `2024-H2` không hợp lệ"),
        "{text}"
    );
}

#[test]
fn warnings_do_not_stop_the_build() {
    let p = Project::new();
    p.write(
        "data/values/dien-bien.csv",
        "indicator,period,kind,value,source,note\nmobile_subscribers,2024,actual,96000,x,\nmobile_per_100,2024,actual,70,x,\n",
    );
    p.edit(
        "data/values/huyen-dien-bien.csv",
        "mobile_subscribers,2024,actual,41000",
        "mobile_subscribers,2024,actual,4100",
    );
    p.write(
        "data/values/huyen-dien-bien.csv",
        &fs::read_to_string(p.root().join("data/values/huyen-dien-bien.csv"))
            .unwrap()
            .replace("population,2024,actual,60000,x,\n", ""),
    );
    let (ok, text) = p.run("build");
    assert!(ok, "{text}");
    for w in [
        "data/values/dien-bien.csv:2 (column `value`): warning: the entered figure 96000 differs from the sum of the units below (58304) by +64.7%",
        "data/values/huyen-dien-bien.csv:3 (column `value`): warning: `mobile_subscribers` (Thuê bao di động): the actual figure falls below a fifth, from 40,000 Thuê bao (2023) to 4,100 Thuê bao (2024)",
        "data/values/huyen-dien-bien.csv: warning: 2024, kind `actual`: Huyện Điện Biên has no figure for `population` while Huyện Tuần Giáo has, so Tỉnh Điện Biên has no total. Add the figures for 2024 to this file, or enter Tỉnh Điện Biên's own figures in data/values/dien-bien.csv.",
    ] {
        assert!(text.contains(w), "missing {w:?} in:\n{text}");
    }
    let p = Project::new();
    p.write(
        "data/values/tuan-giao.csv",
        &format!("{TUAN_GIAO}mobile_per_100,2024,actual,60,x,\n"),
    );
    let (ok, text) = p.run("check");
    assert!(ok);
    assert!(
        text.contains("tuan-giao.csv:6 (column `value`): warning: the entered figure 60.0 differs from the one computed from its parts (64.0)"),
        "{text}"
    );
}

/// The site is always one whole build: either the one before or the new one, never a mix,
/// however a build ends and however many run at once.
#[test]
fn killed_and_concurrent_builds_never_mix() {
    let p = Project::new();
    let (ok, text) = p.run("build");
    assert!(ok, "{text}");
    let old = snapshot(&p.site());
    p.edit("data/values/tuan-giao.csv", "54204", "54999");
    let mut kept_old = 0;
    for delay_ms in [0u64, 2, 5, 10, 20, 40, 80] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["build", "--root"])
            .arg(p.root())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        let now = snapshot(&p.site());
        let values = String::from_utf8_lossy(&now[Path::new("data/values.csv")].0).into_owned();
        if values.contains("54999") {
            assert!(!values.contains("54204"));
        } else {
            assert_eq!(now, old, "a killed build changed the site");
            kept_old += 1;
        }
    }
    assert!(
        kept_old >= 1,
        "no build was killed early enough to test anything"
    );
    // Two builds of different figures at once: the result is one of them, whole.
    p.edit("data/values/tuan-giao.csv", "54999", "55555");
    let other = Project::new();
    let spawn = |root: &Path| {
        Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["build", "--root"])
            .arg(root)
            .arg("--output")
            .arg(p.site())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap()
    };
    let (mut a, mut b) = (spawn(p.root()), spawn(other.root()));
    assert!(a.wait().unwrap().success() && b.wait().unwrap().success());
    let site = snapshot(&p.site());
    let values = String::from_utf8_lossy(&site[Path::new("data/values.csv")].0).into_owned();
    let unit = String::from_utf8_lossy(&site[Path::new("data/tuan-giao.csv")].0).into_owned();
    assert_eq!(
        values.contains("55555"),
        unit.contains("55555"),
        "files from two builds were mixed"
    );
}

#[test]
fn coverage_gaps_are_checked_like_every_other_file() {
    assert_refused(
        |p| {
            p.write(
                "data/coverage-gaps.csv",
                "village,commune,district,operator,covered\nNậm Ty 1,Xã Hua Thanh,huyen-dien-bien,Viettel,2021\nThố Tý,Xã Ta Ma,tuan-gaio,VNPT,\nTrạm Cù,Xã Ta Ma,tuan-giao,Viettel,2023-h1\n,Xã Ta Ma,tuan-giao,,\n",
            )
        },
        &[
            "data/coverage-gaps.csv:3 (column `district`): error: no unit in data/units.csv has the slug `tuan-gaio`",
            "Did you mean `tuan-giao`?",
            "data/coverage-gaps.csv:4 (column `covered`): error: the period `2023-h1` is not valid",
            "data/coverage-gaps.csv:5 (column `village`): error: this cell must not be empty",
            "data/coverage-gaps.csv:5 (column `operator`)",
        ],
    );
}

#[test]
fn coverage_gaps_are_counted_by_unit_and_operator() {
    let p = Project::new();
    p.write(
        "data/coverage-gaps.csv",
        "village,commune,district,operator,covered\nNậm Ty 1,Xã Hua Thanh,huyen-dien-bien,Viettel,2021\nThố Tý,Xã Ta Ma,tuan-giao,VNPT,\nTrạm Cù,Xã Ta Ma,tuan-giao,Viettel,2023-H1\n",
    );
    let (ok, text) = p.run("build");
    assert!(ok, "{text}");
    let page = fs::read_to_string(p.site().join("coverage-gaps/index.html")).unwrap();
    assert!(
        page.contains("Còn 1 trong số 3 thôn, bản chưa có sóng di động."),
        "{page}"
    );
    assert!(
        page.contains(
            "<th scope=\"row\">VNPT</th><td class=\"num\">1</td><td class=\"num\">1</td>"
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<th scope=\"row\">Viettel</th><td class=\"num\">2</td><td class=\"num\">0</td>"
        ),
        "{page}"
    );
    let district = fs::read_to_string(p.site().join("tuan-giao/index.html")).unwrap();
    assert!(district.contains("1 trong số 2 thôn, bản"), "{district}");
    assert!(district.contains("Thố Tý") && district.contains("6 tháng đầu năm 2023"));
    let root = fs::read_to_string(p.site().join("index.html")).unwrap();
    assert!(root.contains("1 trong số 3 thôn, bản"));
    let en = fs::read_to_string(p.site().join("en/coverage-gaps/index.html")).unwrap();
    assert!(en.contains("1 of 3 villages still have no mobile service."));
}
