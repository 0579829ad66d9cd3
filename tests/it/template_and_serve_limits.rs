//! What a project's own templates may not do, and what the preview (`chiso serve`) refuses, as
//! editors and readers would report each hole (issue #29): a template reads no environment and
//! runs, recurses and writes within a budget, its mistakes named as input problems; the
//! preview keeps no more of a request than a bounded head, and a client that stalls holds up
//! nobody else.

use std::fs;
use std::process::Command;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{Project, PROVINCE_AND_TWO_DISTRICTS};

/// A build that has not finished by then is a build without end.
const BUILD_LIMIT: Duration = Duration::from_secs(90);

fn project() -> Project {
    let p = Project::new(PROVINCE_AND_TWO_DISTRICTS);
    p.values("tinh", "subscribers,2024-H1,actual,1200\n");
    p
}

/// What a bounded build printed, and whether it succeeded.
struct Outcome {
    success: bool,
    code: Option<i32>,
    output: String,
}

/// `chiso --lang en build` of `p` with `env` added to its environment, killed if it runs past
/// [`BUILD_LIMIT`] (which fails the test).
fn build(p: &Project, env: &[(&str, &str)]) -> Outcome {
    let out = p.root().join("printed.txt");
    let file = fs::File::create(&out).expect("a file for what the build prints");
    let mut child = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["--lang", "en", "build", "--root"])
        .arg(p.root())
        .arg("--output")
        .arg(p.root().join("site"))
        .envs(env.iter().copied())
        .stdout(file.try_clone().expect("the same file"))
        .stderr(file)
        .spawn()
        .expect("start chiso build");
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for the build") {
            break status;
        }
        if started.elapsed() > BUILD_LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("the build ran past {BUILD_LIMIT:?}");
        }
        thread::sleep(Duration::from_millis(50));
    };
    Outcome {
        success: status.success(),
        code: status.code(),
        output: fs::read_to_string(&out).unwrap_or_default(),
    }
}

/// Requires the build to refuse the project as an input problem (exit 1) of
/// `templates/404.html` saying `says`.
fn refused(p: &Project, says: &str) -> String {
    let run = build(p, &[]);
    assert!(
        !run.success,
        "the build should have failed:\n{}",
        run.output
    );
    assert_eq!(
        run.code,
        Some(1),
        "an input problem, not a crash:\n{}",
        run.output
    );
    assert!(
        run.output.contains("templates/404.html"),
        "the template is named:\n{}",
        run.output
    );
    assert!(run.output.contains(says), "says {says:?}:\n{}", run.output);
    run.output
}

#[test]
fn a_template_that_reads_the_environment_is_refused_and_publishes_nothing_of_it() {
    let p = project();
    p.write(
        "templates/404.html",
        "<p>{{ get_env(name=\"CHISO_TEST_SECRET\", default=\"\") }}</p>\n",
    );
    let run = build(&p, &[("CHISO_TEST_SECRET", "hunter2-credential")]);
    assert!(
        !run.success,
        "the build should have failed:\n{}",
        run.output
    );
    assert_eq!(run.code, Some(1), "{}", run.output);
    assert!(run.output.contains("templates/404.html"), "{}", run.output);
    assert!(
        run.output.contains("templates cannot read the environment"),
        "{}",
        run.output
    );
    let site = p.root().join("site");
    let leaked = walkdir::WalkDir::new(&site)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .any(|e| {
            fs::read(e.path())
                .unwrap_or_default()
                .windows(7)
                .any(|w| w == b"hunter2")
        });
    assert!(!leaked, "the secret reached the site");
}

#[test]
fn a_template_that_reads_the_environment_in_a_branch_never_taken_is_refused_too() {
    let p = project();
    p.write(
        "templates/404.html",
        "{% if false %}{{ get_env(name=\"HOME\") }}{% endif %}<p>ok</p>\n",
    );
    refused(&p, "templates cannot read the environment");
}

#[test]
fn a_template_that_includes_a_file_outside_the_project_is_refused() {
    let p = project();
    p.write("secret.txt", "hunter2-credential\n");
    for outside in [
        "/etc/passwd",
        "../secret.txt",
        "secret.txt",
        "../chiso.toml",
    ] {
        p.write(
            "templates/404.html",
            &format!("<p>{{% include \"{outside}\" %}}</p>\n"),
        );
        let output = refused(&p, "cannot be used");
        assert!(!output.contains("hunter2"), "{output}");
        assert!(!output.contains("root:"), "{output}");
    }
}

#[test]
fn a_loop_of_ten_billion_steps_is_an_error_naming_the_template_not_a_build_without_end() {
    let p = project();
    p.write(
        "templates/404.html",
        "{% for i in range(end=10000000000) %}{{ i }}{% endfor %}\n",
    );
    refused(&p, "steps for one page");
}

#[test]
fn nested_loops_count_every_step_of_the_page() {
    let p = project();
    // Each range alone is small; together, ten billion steps that write nothing.
    p.write(
        "templates/404.html",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}{% endfor %}{% endfor %}\n",
    );
    refused(&p, "steps for one page");
}

#[test]
fn a_range_that_steps_by_nothing_is_an_error_not_a_crash() {
    let p = project();
    p.write(
        "templates/404.html",
        "{% for i in range(end=10, step_by=0) %}{{ i }}{% endfor %}\n",
    );
    refused(&p, "step_by");
}

#[test]
fn a_macro_that_calls_itself_is_an_error_naming_the_template_not_a_crash() {
    let p = project();
    p.write(
        "templates/404.html",
        "{% macro down(n) %}{{ self::down(n=n+1) }}{% endmacro down %}{{ self::down(n=0) }}\n",
    );
    let output = refused(&p, "a macro calls itself");
    assert!(output.contains("404.html::down"), "{output}");
}

#[test]
fn macros_that_call_each_other_in_a_circle_are_an_error_naming_the_circle() {
    let p = project();
    p.write(
        "templates/404.html",
        "{% macro ping(n) %}{{ self::pong(n=n) }}{% endmacro ping %}\
         {% macro pong(n) %}{% if n >= 0 %}{{ self::ping(n=n) }}{% endif %}{% endmacro pong %}\
         {{ self::ping(n=1) }}\n",
    );
    let output = refused(&p, "a macro calls itself");
    assert!(
        output.contains("404.html::ping → 404.html::pong → 404.html::ping"),
        "{output}"
    );
}

#[test]
fn a_template_that_includes_itself_is_an_error_not_a_crash() {
    let p = project();
    p.write("templates/404.html", "<p>{% include \"404.html\" %}</p>\n");
    refused(&p, "a template includes itself");
}

#[test]
fn a_page_over_sixteen_mebibytes_is_an_error_naming_the_template() {
    let p = project();
    // 900,000 steps, within the steps allowed, of 40 bytes each: 36 MB.
    p.write(
        "templates/404.html",
        "{% for i in range(end=900000) %}0123456789012345678901234567890123456789{% endfor %}\n",
    );
    refused(&p, "larger than 16 MiB");
}

#[test]
fn a_variable_doubled_at_every_step_of_a_loop_is_refused_before_it_grows() {
    let p = project();
    p.write(
        "templates/404.html",
        "{% set_global s = \"ab\" %}{% for i in range(end=40) %}{% set_global s = s ~ s %}{% endfor %}{{ s | length }}\n",
    );
    refused(&p, "could double at every step");
}

#[test]
fn the_limits_are_said_in_vietnamese_by_default() {
    let p = project();
    p.write(
        "templates/404.html",
        "<p>{{ get_env(name=\"HOME\") }}</p>\n",
    );
    let run = crate::common::chiso(&[
        "build",
        "--root",
        p.root().to_str().expect("a UTF-8 path"),
        "--output",
        p.root().join("site").to_str().expect("a UTF-8 path"),
    ]);
    assert!(!run.success, "{}", run.output);
    assert!(
        run.output.contains("không được đọc biến môi trường"),
        "{}",
        run.output
    );
}
