//! What chiso promises about the folder it writes: it replaces or removes only what it wrote,
//! readers get the old site or the new one, and the next build after any interruption is
//! right. Each test is a user's report of a hole (issue #29), made to fail before its fix.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::common::{chiso, Project, PROVINCE_AND_TWO_DISTRICTS};

/// A province and two districts with a few figures each.
fn project() -> Project {
    let p = Project::new(PROVINCE_AND_TWO_DISTRICTS);
    p.values(
        "tinh",
        "population,2024,actual,540000\nsubscribers,2024-H1,actual,1200\n",
    );
    p.values("huyen-a", "subscribers,2024-H1,actual,500\n");
    p.values("huyen-b", "subscribers,2024-H1,actual,700\n");
    p
}

fn build(root: &Path, output: &Path, extra: &[&str]) -> crate::common::Run {
    let mut args = vec![
        "build",
        "--lang",
        "en",
        "--root",
        root.to_str().unwrap(),
        "--output",
        output.to_str().unwrap(),
    ];
    args.extend(extra);
    chiso(&args)
}

/// Every file under `dir` with its bytes, the manifest's line of the chiso binary left out.
fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap().to_path_buf();
            (rel, fs::read(e.path()).unwrap_or_default())
        })
        .collect()
}

#[test]
fn a_build_into_a_folder_of_other_files_is_refused_and_deletes_nothing() {
    let p = project();
    let documents = p.root().join("Documents");
    fs::create_dir(&documents).unwrap();
    fs::write(documents.join("letter.docx"), "my letter").unwrap();
    let run = build(p.root(), &documents, &[]);
    assert_eq!(run.code, Some(2), "{}", run.output);
    assert!(run.output.contains("letter.docx"), "{}", run.output);
    assert!(run.output.contains("--force"), "{}", run.output);
    assert_eq!(files(&documents).len(), 1);
    // Said in Vietnamese too, without `--lang`.
    let vi = chiso(&[
        "build",
        "--root",
        p.root().to_str().unwrap(),
        "--output",
        documents.to_str().unwrap(),
    ]);
    assert!(vi.output.contains("không do chiso ghi"), "{}", vi.output);
    // With --force the site is built there, and the letter stays, then and after a rebuild.
    let run = build(p.root(), &documents, &["--force"]);
    assert_eq!(run.code, Some(0), "{}", run.output);
    assert!(documents.join("index.html").is_file());
    assert_eq!(
        fs::read_to_string(documents.join("letter.docx")).unwrap(),
        "my letter"
    );
    p.values("huyen-a", "subscribers,2024-H1,actual,501\n");
    p.write("content/_index.md", "+++\ntitle = \"Tỉnh\"\n+++\nMới.\n");
    let run = build(p.root(), &documents, &[]);
    assert_eq!(run.code, Some(0), "{}", run.output);
    assert_eq!(
        fs::read_to_string(documents.join("letter.docx")).unwrap(),
        "my letter"
    );
}

#[test]
fn the_project_and_its_input_folders_are_never_an_output() {
    let p = project();
    p.write("content/_index.md", "+++\ntitle = \"Tỉnh\"\n+++\nChào.\n");
    let before = files(p.root());
    for output in [
        p.root().to_path_buf(),
        p.root().join("."),
        p.root().join("content"),
        p.root().join("data"),
        p.root().join("data/values/new"),
        p.root().parent().unwrap().to_path_buf(),
    ] {
        for force in [&[][..], &["--force"][..]] {
            let run = build(p.root(), &output, force);
            assert_eq!(run.code, Some(2), "{}: {}", output.display(), run.output);
            assert!(run.output.contains("will not build into"), "{}", run.output);
        }
    }
    assert_eq!(files(p.root()), before, "the project changed");
}

#[test]
fn a_manifest_naming_a_file_outside_the_site_deletes_nothing() {
    let p = project();
    let site = p.root().join("site");
    let run = build(p.root(), &site, &[]);
    assert!(run.success, "{}", run.output);
    let report = p.root().join("report.docx");
    fs::write(&report, "signed").unwrap();
    let manifest = site.join(".chiso-manifest.json");
    let text = fs::read_to_string(&manifest).unwrap();
    let planted = text.replacen(
        "\"jobs\":{",
        "\"jobs\":{\"Vi Planted\":[\"../report.docx\"],",
        1,
    );
    assert_ne!(planted, text);
    fs::write(&manifest, planted).unwrap();
    // A change of figures: a partial build would remove the files no job makes any more.
    p.values("huyen-a", "subscribers,2024-H1,actual,501\n");
    let run = build(p.root(), &site, &[]);
    assert_eq!(run.code, Some(2), "{}", run.output);
    assert!(run.output.contains("../report.docx"), "{}", run.output);
    assert_eq!(fs::read_to_string(&report).unwrap(), "signed");
}

#[cfg(unix)]
#[test]
fn a_site_folder_that_is_a_link_is_refused_and_what_it_leads_to_is_untouched() {
    let p = project();
    let www = p.root().join("www");
    fs::create_dir(&www).unwrap();
    fs::write(www.join("portal.html"), "the portal").unwrap();
    let site = p.root().join("site");
    std::os::unix::fs::symlink(&www, &site).unwrap();
    let run = build(p.root(), &site, &[]);
    assert_eq!(run.code, Some(2), "{}", run.output);
    assert!(run.output.contains("is a link"), "{}", run.output);
    assert_eq!(files(&www).len(), 1);
    assert!(fs::symlink_metadata(&site)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[test]
fn files_put_in_the_site_by_hand_survive_every_kind_of_build() {
    let p = project();
    let site = p.root().join("site");
    assert!(build(p.root(), &site, &[]).success);
    fs::write(site.join("google1234.html"), "verification").unwrap();
    fs::create_dir_all(site.join("extra/deep")).unwrap();
    fs::write(site.join("extra/deep/notes.txt"), "kept").unwrap();
    // A partial build (only figures), then a full one (a narrative).
    p.values("huyen-a", "subscribers,2024-H1,actual,501\n");
    let run = build(p.root(), &site, &[]);
    assert!(
        run.output.contains("only figures changed"),
        "{}",
        run.output
    );
    p.write("content/_index.md", "+++\ntitle = \"Tỉnh\"\n+++\nMới.\n");
    let run = build(p.root(), &site, &[]);
    assert!(run.success, "{}", run.output);
    assert!(
        !run.output.contains("only figures changed"),
        "{}",
        run.output
    );
    assert_eq!(
        fs::read_to_string(site.join("google1234.html")).unwrap(),
        "verification"
    );
    assert_eq!(
        fs::read_to_string(site.join("extra/deep/notes.txt")).unwrap(),
        "kept"
    );
}

/// The site after a full build of the project as it is now, into a fresh folder.
fn fresh(p: &Project) -> BTreeMap<PathBuf, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    // The history starts from the same previous site.
    let run = build(p.root(), &out, &[]);
    assert!(run.success, "{}", run.output);
    without_own(files(&out))
}

/// A site's files without those that depend on the build rather than the input: the manifest
/// (the binary's stamp) and the history (what the previous site was).
fn without_own(mut files: BTreeMap<PathBuf, Vec<u8>>) -> BTreeMap<PathBuf, Vec<u8>> {
    files.retain(|path, _| {
        let p = path.to_string_lossy();
        !p.starts_with(".chiso-manifest")
            && !p.contains("changes.json")
            && !p.contains("feed.xml")
            && !p.contains("whats-new")
    });
    files
}

#[test]
fn a_partial_build_killed_at_any_moment_is_made_right_by_the_next_build() {
    let p = project();
    let site = p.root().join("site");
    assert!(build(p.root(), &site, &[]).success);
    let mut value = 500;
    for delay_ms in [0u64, 1, 2, 3, 5, 8, 12, 20, 30, 50, 80, 120] {
        value += 1;
        p.values("huyen-a", &format!("subscribers,2024-H1,actual,{value}\n"));
        let mut child = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["build", "--root"])
            .arg(p.root())
            .arg("--output")
            .arg(&site)
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = child.kill();
        let _ = child.wait();
        // Whatever the kill left, the next build finishes or redoes it.
        let run = build(p.root(), &site, &[]);
        assert!(run.success, "{}", run.output);
        assert_eq!(
            without_own(files(&site)),
            fresh(&p),
            "after a kill {delay_ms} ms in, the next build left a site unlike a fresh one"
        );
        assert!(!p.root().join(".site.journal").exists());
    }
}

#[test]
fn a_build_started_while_another_writes_the_site_waits_and_builds_what_it_was_given() {
    let p = project();
    let site = p.root().join("site");
    assert!(build(p.root(), &site, &[]).success);
    // An editor changes a figure and builds; undoes the change and builds again at once.
    // Saved whole, as Excel saves: a reader never finds the file half written.
    let save = |value: u32| {
        let file = p.root().join("data/values/huyen-a.csv");
        let part = file.with_extension("part");
        let text = fs::read_to_string(&file).unwrap();
        let line = text.lines().last().unwrap().to_string();
        let mut cells: Vec<&str> = line.split(',').collect();
        let value = value.to_string();
        cells[3] = &value;
        fs::write(&part, text.replace(&line, &cells.join(","))).unwrap();
        fs::rename(part, file).unwrap();
    };
    for round in 0..3 {
        save(999);
        let first = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["build", "--lang", "en", "--root"])
            .arg(p.root())
            .arg("--output")
            .arg(&site)
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(5 * round));
        save(500);
        let second = build(p.root(), &site, &[]);
        let first = first.wait_with_output().unwrap();
        assert!(first.status.success());
        assert!(second.success, "{}", second.output);
        let unit = fs::read_to_string(site.join("data/huyen-a.csv")).unwrap();
        assert!(
            unit.contains(",500") && !unit.contains(",999"),
            "round {round}: the site shows the undone figure:\n{unit}\n{}",
            second.output
        );
    }
}

/// Every `.gz` copy in `dir` holds the file beside it.
fn copies_match(dir: &Path) {
    use std::io::Read;
    for (path, bytes) in files(dir) {
        let Some(plain) = path.to_str().and_then(|p| p.strip_suffix(".gz")) else {
            continue;
        };
        let mut text = Vec::new();
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_end(&mut text)
            .unwrap();
        assert_eq!(
            text,
            fs::read(dir.join(plain)).unwrap(),
            "{plain}.gz is not the file beside it"
        );
    }
}

#[test]
fn a_partial_build_that_dies_between_a_file_and_its_copy_is_finished_by_the_next_one() {
    let p = project();
    p.write("chiso.toml", "precompress = true\n");
    let site = p.root().join("site");
    assert!(build(p.root(), &site, &[]).success);
    copies_match(&site);
    p.values("huyen-a", "subscribers,2024-H1,actual,777\n");
    // The build dies after moving in one file, before its `.gz` copy.
    for after in ["1", "2", "5"] {
        let died = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["build", "--root"])
            .arg(p.root())
            .arg("--output")
            .arg(&site)
            .env("CHISO_FAULT_AFTER_MOVES", after)
            .output()
            .unwrap();
        assert!(!died.status.success(), "the fault was not injected");
        assert!(
            p.root().join(".site.journal").exists(),
            "a build that died moving files in left no journal"
        );
        // The next build, whatever it is asked, finishes the moves first.
        let run = build(p.root(), &site, &[]);
        assert!(run.success, "{}", run.output);
        assert!(!p.root().join(".site.journal").exists());
        copies_match(&site);
        assert_eq!(without_own(files(&site)), fresh(&p));
        p.values(
            "huyen-a",
            &format!("subscribers,2024-H1,actual,77{after}\n"),
        );
    }
}
