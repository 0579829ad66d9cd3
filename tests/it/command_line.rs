//! The command line as an editor meets it: what each exit code means (0 done, 1 the input has
//! errors, 2 the command could not run), and clap's help and errors in Vietnamese unless
//! `--lang en` asks for English.

use crate::common::{chiso, Project, Run};

fn path(p: &std::path::Path) -> &str {
    p.to_str().expect("a UTF-8 temporary path")
}

/// A project that builds: a province, two districts, one figure each.
fn good_project() -> Project {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", "villages,2024,actual,10");
    p.values("huyen-b", "villages,2024,actual,12");
    p
}

/// A project whose values file has a figure that is not a number.
fn broken_project() -> Project {
    let p = good_project();
    p.values("huyen-a", "villages,2024,actual,mười");
    p
}

fn assert_exit(run: &Run, code: i32) {
    assert_eq!(
        run.code,
        Some(code),
        "exit code; it printed:\n{}",
        run.output
    );
}

#[test]
fn a_build_of_a_good_project_exits_with_0() {
    let p = good_project();
    let out = p.root().join("site");
    assert_exit(
        &chiso(&["build", "--root", path(p.root()), "--output", path(&out)]),
        0,
    );
}

#[test]
fn a_check_of_a_good_project_exits_with_0() {
    let p = good_project();
    assert_exit(&chiso(&["check", "--root", path(p.root())]), 0);
}

#[test]
fn a_build_of_a_broken_project_exits_with_1() {
    let p = broken_project();
    let out = p.root().join("site");
    let run = chiso(&["build", "--root", path(p.root()), "--output", path(&out)]);
    assert_exit(&run, 1);
    assert!(run.output.contains("huyen-a.csv"), "{}", run.output);
}

#[test]
fn a_check_of_a_broken_project_exits_with_1() {
    let p = broken_project();
    assert_exit(&chiso(&["check", "--root", path(p.root())]), 1);
}

#[test]
fn a_build_of_a_folder_that_does_not_exist_exits_with_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("khong-co");
    let run = chiso(&["build", "--root", path(&missing)]);
    assert_exit(&run, 2);
    assert!(run.output.contains("không có thư mục"), "{}", run.output);
}

#[test]
fn a_check_of_a_folder_that_does_not_exist_exits_with_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let missing = dir.path().join("khong-co");
    assert_exit(&chiso(&["check", "--root", path(&missing)]), 2);
}

#[test]
fn a_check_of_a_folder_that_is_not_a_project_exits_with_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    assert_exit(&chiso(&["check", "--root", path(dir.path())]), 2);
}

#[test]
fn a_build_with_an_unknown_flag_exits_with_2() {
    let p = good_project();
    assert_exit(
        &chiso(&["build", "--root", path(p.root()), "--frobnicate"]),
        2,
    );
}

#[test]
fn a_check_with_an_unknown_flag_exits_with_2() {
    let p = good_project();
    assert_exit(
        &chiso(&["check", "--root", path(p.root()), "--frobnicate"]),
        2,
    );
}

#[test]
fn a_build_into_a_folder_below_a_file_exits_with_2() {
    let p = good_project();
    p.write("a-file", "not a folder");
    let out = p.root().join("a-file").join("site");
    let run = chiso(&["build", "--root", path(p.root()), "--output", path(&out)]);
    assert_exit(&run, 2);
    assert!(
        run.output.contains("không dựng được trang vào"),
        "{}",
        run.output
    );
}

#[test]
fn a_build_with_a_base_url_that_is_no_web_address_exits_with_2() {
    let p = good_project();
    let run = chiso(&["build", "--root", path(p.root()), "--base-url", "ftp://x"]);
    assert_exit(&run, 2);
}

#[test]
fn a_new_project_in_a_folder_that_is_not_empty_exits_with_2() {
    let p = good_project();
    let run = chiso(&["new", path(p.root()), "--province", "11"]);
    assert_exit(&run, 2);
}

#[test]
fn a_new_project_of_an_unknown_province_exits_with_2() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let run = chiso(&["new", path(&dir.path().join("p")), "--province", "Atlantis"]);
    assert_exit(&run, 2);
}

#[test]
fn help_and_version_exit_with_0() {
    assert_exit(&chiso(&["--help"]), 0);
    assert_exit(&chiso(&["build", "-h"]), 0);
    let version = chiso(&["--version"]);
    assert_exit(&version, 0);
    assert!(
        version.output.contains(env!("CARGO_PKG_VERSION")),
        "{}",
        version.output
    );
}

#[test]
fn the_help_is_in_vietnamese_by_default() {
    let run = chiso(&["--help"]);
    for heading in [
        "Cách dùng:",
        "Lệnh:",
        "Tùy chọn:",
        "Mã thoát:",
        "In hướng dẫn này",
    ] {
        assert!(
            run.output.contains(heading),
            "no {heading:?} in\n{}",
            run.output
        );
    }
    for english in ["Usage:", "Commands:", "Options:", "Print help"] {
        assert!(
            !run.output.contains(english),
            "{english:?} in\n{}",
            run.output
        );
    }
}

#[test]
fn the_help_is_in_english_with_lang_en() {
    for args in [&["--lang", "en", "--help"][..], &["--help", "--lang=en"]] {
        let run = chiso(args);
        for heading in [
            "Usage:",
            "Commands:",
            "Options:",
            "Exit codes:",
            "Print help",
        ] {
            assert!(
                run.output.contains(heading),
                "no {heading:?} in\n{}",
                run.output
            );
        }
        assert!(!run.output.contains("Cách dùng"), "{}", run.output);
    }
}

#[test]
fn the_help_of_build_is_in_vietnamese_by_default_and_in_english_with_lang_en() {
    let vi = chiso(&["build", "--help"]);
    for words in [
        "Dựng trang",
        "Cách dùng: chiso build [TÙY-CHỌN]",
        "Tùy chọn:",
        "Thư mục dự án",
    ] {
        assert!(vi.output.contains(words), "no {words:?} in\n{}", vi.output);
    }
    assert!(!vi.output.contains("Options:"), "{}", vi.output);
    let en = chiso(&["build", "--help", "--lang", "en"]);
    for words in [
        "Build the site",
        "Usage: chiso build [OPTIONS]",
        "Options:",
        "The project folder",
    ] {
        assert!(en.output.contains(words), "no {words:?} in\n{}", en.output);
    }
}

#[test]
fn every_command_has_its_help_in_both_languages() {
    for (command, vi, en) in [
        ("check", "Kiểm tra dữ liệu đầu vào", "Check the input"),
        ("serve", "Xem trước trang", "Preview the site"),
        ("new", "Đối số:", "Arguments:"),
    ] {
        let run = chiso(&[command, "--help"]);
        assert!(
            run.output.contains(vi),
            "{command}: no {vi:?} in\n{}",
            run.output
        );
        let run = chiso(&["--lang=en", command, "--help"]);
        assert!(
            run.output.contains(en),
            "{command}: no {en:?} in\n{}",
            run.output
        );
    }
}

#[test]
fn an_unknown_flag_is_named_in_vietnamese_by_default() {
    let run = chiso(&["build", "--frobnicate"]);
    assert_exit(&run, 2);
    assert!(
        run.output.contains("lỗi: không có tùy chọn `--frobnicate`"),
        "{}",
        run.output
    );
    assert!(run.output.contains("chiso build --help"), "{}", run.output);
}

#[test]
fn an_unknown_flag_is_named_in_english_with_lang_en() {
    let run = chiso(&["build", "--frobnicate", "--lang", "en"]);
    assert_exit(&run, 2);
    assert!(
        run.output
            .contains("error: there is no option `--frobnicate`"),
        "{}",
        run.output
    );
}

#[test]
fn a_mistyped_flag_gets_a_suggestion() {
    let run = chiso(&["build", "--roo", "."]);
    assert_exit(&run, 2);
    assert!(
        run.output.contains("Có phải ý bạn là `--root`?"),
        "{}",
        run.output
    );
    let run = chiso(&["--lang", "en", "biuld"]);
    assert_exit(&run, 2);
    assert!(
        run.output.contains("Did you mean `build`?"),
        "{}",
        run.output
    );
}

#[test]
fn a_missing_value_an_invalid_value_and_a_missing_argument_are_worded_in_vietnamese() {
    let run = chiso(&["build", "--root"]);
    assert_exit(&run, 2);
    assert!(run.output.contains("cần một giá trị"), "{}", run.output);
    let run = chiso(&["--lang", "xx", "check"]);
    assert_exit(&run, 2);
    assert!(
        run.output.contains("`xx` không phải giá trị hợp lệ"),
        "{}",
        run.output
    );
    assert!(run.output.contains("`vi`, `en`"), "{}", run.output);
    let run = chiso(&["serve", "--port", "abc"]);
    assert_exit(&run, 2);
    assert!(
        run.output.contains("`abc` không phải giá trị hợp lệ"),
        "{}",
        run.output
    );
    let run = chiso(&["new", "p"]);
    assert_exit(&run, 2);
    assert!(
        run.output.contains("còn thiếu `--province"),
        "{}",
        run.output
    );
}

#[test]
fn the_same_mistakes_are_worded_in_english_with_lang_en() {
    let run = chiso(&["build", "--lang=en", "--root"]);
    assert!(run.output.contains("needs a value"), "{}", run.output);
    let run = chiso(&["--lang", "en", "serve", "--port", "abc"]);
    assert!(
        run.output.contains("`abc` is not a valid value"),
        "{}",
        run.output
    );
    let run = chiso(&["--lang", "en", "new", "p"]);
    assert!(run.output.contains("missing `--province"), "{}", run.output);
}

#[test]
fn chiso_without_a_command_shows_the_help_and_exits_with_2() {
    let run = chiso(&[]);
    assert_exit(&run, 2);
    assert!(run.output.contains("Lệnh:"), "{}", run.output);
}

/// An option added to the derive but not to the words table would be listed bare.
#[test]
fn every_option_of_every_command_is_explained_in_both_languages() {
    for lang in ["vi", "en"] {
        for command in ["build", "check", "serve", "new"] {
            let run = chiso(&["--lang", lang, command, "--help"]);
            let options: Vec<&str> = run
                .output
                .lines()
                .filter(|l| l.trim_start().starts_with('-') || l.trim_start().starts_with('['))
                .collect();
            assert!(options.len() >= 3, "{lang} {command}:\n{}", run.output);
            for line in options {
                let (flag, help) = line.trim_start().split_once("  ").unwrap_or((line, ""));
                assert!(
                    !help.trim().is_empty(),
                    "{lang} {command}: `{flag}` has no help:\n{}",
                    run.output
                );
            }
        }
    }
}
