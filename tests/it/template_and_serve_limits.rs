//! What a project's own templates may not do, and what the preview (`chiso serve`) refuses, as
//! editors and readers would report each hole (issue #29): a template reads no environment and
//! runs, recurses and writes within a budget, its mistakes named as input problems; the
//! preview keeps no more of a request than a bounded head, and a client that stalls holds up
//! nobody else.

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant};

use crate::common::{copy_dir, Project, PROVINCE_AND_TWO_DISTRICTS};

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
fn a_template_that_includes_a_file_outside_the_project_is_refused_by_check_and_build() {
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
        let output = refused(&p, "not one of chiso's templates");
        assert!(!output.contains("hunter2"), "{output}");
        assert!(!output.contains("root:"), "{output}");
        // Said by `chiso check` too, which renders no page.
        let check = p.check_fails(Some("en"));
        assert!(check.contains("not one of chiso's templates"), "{check}");
    }
    // Its siblings, `extends` and `import`, name templates only too.
    for outside in [
        "{% extends \"/etc/passwd\" %}",
        "{% import \"../secret.txt\" as s %}{{ s::x() }}",
    ] {
        p.write("templates/404.html", &format!("{outside}\n"));
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
    // 90,000 steps, within the steps allowed, of 400 bytes each: 36 MB.
    let step = "0123456789".repeat(40);
    p.write(
        "templates/404.html",
        &format!("{{% for i in range(end=90000) %}}{step}{{% endfor %}}\n"),
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

// ---- chiso serve ----

/// Every wait on the preview ends by this time.
const SERVE_LIMIT: Duration = Duration::from_secs(30);
/// The photo the stalled clients ask for: far more than the connection's buffers hold.
const PHOTO_BYTES: usize = 32 * 1024 * 1024;

/// A copy of tests/fixtures/lai-chau, with a large photo on its home page if `photo`.
fn preview_project(photo: bool) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let root = dir.path().join("lai-chau");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lai-chau"),
        &root,
    );
    if photo {
        // What the checks read of a JPEG: its start and a frame header (1200 × 800 pixels).
        let mut bytes = vec![
            0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08, 0x03, 0x20, 0x04, 0xB0, 0x03, 0x01, 0x22,
            0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01,
        ];
        bytes.resize(PHOTO_BYTES, 0x5a);
        fs::create_dir_all(root.join("content/anh")).expect("a folder for the photo");
        fs::write(root.join("content/anh/tram-bts.jpg"), bytes).expect("the photo");
        let home = root.join("content/_index.md");
        let text = fs::read_to_string(&home).expect("the home page's narrative");
        fs::write(
            &home,
            format!("{text}\n![Trạm BTS mới](anh/tram-bts.jpg)\n"),
        )
        .expect("the narrative with its photo");
    }
    (dir, root)
}

/// `chiso serve --port 0` on `root`, stopped when dropped.
struct Preview {
    child: Child,
    addr: String,
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Preview {
    fn start(root: &Path) -> Preview {
        let tmp = root.with_file_name("tmp");
        fs::create_dir_all(&tmp).expect("a temporary folder");
        let mut child = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["--lang", "en", "serve", "--port", "0", "--root"])
            .arg(root)
            .env("TMPDIR", &tmp)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chiso serve");
        let stdout = child.stdout.take().expect("its output");
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let addr = line[at + 7..].split('/').next().unwrap_or("").to_string();
                    let _ = tx.send(addr);
                }
            }
        });
        let addr = rx
            .recv_timeout(SERVE_LIMIT)
            .expect("the address it serves at");
        assert!(addr.starts_with("127.0.0.1:"), "this computer only: {addr}");
        let preview = Preview { child, addr };
        let started = Instant::now();
        while preview.get("/").0 != 200 {
            assert!(started.elapsed() < SERVE_LIMIT, "no site to preview");
            thread::sleep(Duration::from_millis(50));
        }
        preview
    }

    fn connect(&self) -> TcpStream {
        let stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(SERVE_LIMIT))
            .expect("a time-out");
        stream
            .set_write_timeout(Some(SERVE_LIMIT))
            .expect("a time-out");
        stream
    }

    /// Sends `request` whole (what the server does not take is dropped) and returns the
    /// status and body of the answer, 0 when there was none.
    fn send(&self, request: &[u8]) -> (u16, String) {
        let mut stream = self.connect();
        let _ = stream.write_all(request);
        let mut raw = Vec::new();
        let _ = stream.read_to_end(&mut raw);
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        (status, body.to_string())
    }

    fn get(&self, path: &str) -> (u16, String) {
        self.send(format!("GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).as_bytes())
    }

    /// The most memory the preview has held so far, in KiB (`VmHWM`).
    fn peak_kib(&self) -> u64 {
        let status = fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the preview's /proc status");
        status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM")
    }
}

#[test]
fn the_preview_keeps_no_more_of_a_huge_address_than_its_limit_and_says_it_is_too_long() {
    let (_dir, root) = preview_project(false);
    let preview = Preview::start(&root);
    let before = preview.peak_kib();
    // Four clients at once, each with a 16 MiB address.
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let mut stream = preview.connect();
            thread::spawn(move || {
                let mut request = b"GET /".to_vec();
                request.resize(16 * 1024 * 1024, b'a');
                request.extend_from_slice(b" HTTP/1.1\r\n\r\n");
                let _ = stream.write_all(&request);
                let mut answer = Vec::new();
                let _ = stream.read_to_end(&mut answer);
            })
        })
        .collect();
    for c in clients {
        c.join().expect("a client");
    }
    let grown = preview.peak_kib().saturating_sub(before);
    assert!(grown < 16 * 1024, "the preview grew by {grown} KiB");
    // An address just over the limit is told so.
    let mut long = b"GET /".to_vec();
    long.resize(9 * 1024, b'a');
    long.extend_from_slice(b" HTTP/1.0\r\n\r\n");
    assert_eq!(preview.send(&long).0, 414);
    assert_eq!(preview.get("/").0, 200, "and the preview still answers");
}

#[test]
fn the_preview_refuses_a_request_with_too_many_headers() {
    let (_dir, root) = preview_project(false);
    let preview = Preview::start(&root);
    let mut request = b"GET / HTTP/1.0\r\n".to_vec();
    for i in 0..2000 {
        request.extend_from_slice(format!("X-Filler-{i}: {}\r\n", "b".repeat(40)).as_bytes());
    }
    request.extend_from_slice(b"\r\n");
    assert_eq!(preview.send(&request).0, 431);
    assert_eq!(preview.get("/").0, 200);
}

#[test]
fn a_client_that_never_finishes_its_request_is_let_go() {
    let (_dir, root) = preview_project(false);
    let preview = Preview::start(&root);
    let mut stream = preview.connect();
    stream
        .write_all(b"GET / HTTP/1.1\r\nHost: x\r\n")
        .expect("half a request");
    let started = Instant::now();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    assert!(
        String::from_utf8_lossy(&answer).starts_with("HTTP/1.1 408"),
        "{:?}",
        String::from_utf8_lossy(&answer)
    );
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn six_clients_that_never_read_a_large_photo_keep_nobody_waiting() {
    let (_dir, root) = preview_project(true);
    let preview = Preview::start(&root);
    let photo = "/media/anh/tram-bts.jpg";
    let stalled: Vec<TcpStream> = (0..6)
        .map(|_| {
            let mut s = preview.connect();
            write!(s, "GET {photo} HTTP/1.1\r\nHost: x\r\n\r\n").expect("ask for the photo");
            s
        })
        .collect();
    // Time for the server to fill each connection's buffers and stall on it.
    thread::sleep(Duration::from_millis(500));
    for path in ["/__chiso/version", "/"] {
        let started = Instant::now();
        let (status, _) = preview.get(path);
        let took = started.elapsed();
        assert_eq!(status, 200, "{path}");
        assert!(took < Duration::from_secs(2), "{path} took {took:?}");
    }
    // The photo itself is served whole to a client that reads it.
    let (status, body) = preview.get(photo);
    assert_eq!((status, body.len() >= PHOTO_BYTES / 2), (200, true));
    drop(stalled);
}

#[test]
fn connections_beyond_what_one_client_may_hold_are_refused_at_once() {
    let (_dir, root) = preview_project(false);
    let preview = Preview::start(&root);
    // Connections that say nothing, each held open until its time-out.
    let idle: Vec<TcpStream> = (0..40).map(|_| preview.connect()).collect();
    thread::sleep(Duration::from_millis(300));
    let started = Instant::now();
    let (status, _) = preview.get("/");
    assert_eq!(status, 503);
    assert!(started.elapsed() < Duration::from_secs(2));
    drop(idle);
    let started = Instant::now();
    while preview.get("/").0 != 200 {
        assert!(
            started.elapsed() < SERVE_LIMIT,
            "the slots are never given back"
        );
        thread::sleep(Duration::from_millis(100));
    }
}
