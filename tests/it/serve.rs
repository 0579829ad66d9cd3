//! `chiso serve` end to end: the real binary on a copy of a small project, spoken to over
//! loopback with plain HTTP/1.0 so that no client library is needed.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use crate::common::copy_dir;

/// Every wait in these tests ends by this time; a rebuild of the fixture takes well under one.
const LIMIT: Duration = Duration::from_secs(10);
const RELOAD_TAG: &str = "<script src=\"/__chiso/reload.js\"></script>";

fn fixture() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("temporary folder");
    let root = dir.path().join("lai-chau");
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lai-chau"),
        &root,
    );
    (dir, root)
}

/// The running server; killed when dropped, so a failing assertion does not leave it behind.
struct Server {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    /// Starts `chiso serve` on `root`, with the system's temporary folder (where it builds its
    /// preview) a folder `tmp` beside the project, in the test's own temporary folder.
    fn start(root: &Path) -> Server {
        let tmp = root.with_file_name("tmp");
        std::fs::create_dir_all(&tmp).expect("a temporary folder");
        let mut child = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["--lang", "en", "serve", "--port", "0", "--root"])
            .arg(root)
            .env("TMPDIR", &tmp)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chiso serve");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let (Some(stdout), Some(stderr)) = (child.stdout.take(), child.stderr.take()) else {
            panic!("no pipes");
        };
        let out_log = Arc::clone(&log);
        thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let addr = line[at + 7..].split('/').next().unwrap_or("").to_string();
                    let _ = tx.send(addr);
                }
                out_log.lock().expect("log").push_str(&format!("{line}\n"));
            }
        });
        let err_log = Arc::clone(&log);
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                err_log.lock().expect("log").push_str(&format!("{line}\n"));
            }
        });
        let addr = rx
            .recv_timeout(LIMIT)
            .unwrap_or_else(|_| panic!("no address printed:\n{}", log.lock().expect("log")));
        Server { child, addr, log }
    }

    fn get(&self, path: &str) -> Reply {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream.set_read_timeout(Some(LIMIT)).expect("timeout");
        write!(stream, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read the answer");
        let text = String::from_utf8_lossy(&raw).into_owned();
        let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        Reply {
            status,
            head: head.to_ascii_lowercase(),
            body: body.to_string(),
        }
    }

    fn status(&self) -> serde_json::Value {
        serde_json::from_str(&self.get("/__chiso/errors.json").body).expect("errors.json")
    }

    /// Polls until `ok` holds, for at most `LIMIT`; returns how long it took.
    fn wait_for(&self, what: &str, mut ok: impl FnMut(&Server) -> bool) -> Duration {
        let started = Instant::now();
        while !ok(self) {
            assert!(
                started.elapsed() < LIMIT,
                "timed out waiting for {what}; server said:\n{}",
                self.log.lock().expect("log")
            );
            thread::sleep(Duration::from_millis(20));
        }
        started.elapsed()
    }
}

struct Reply {
    status: u16,
    /// Status line and headers, lower-cased.
    head: String,
    body: String,
}

#[test]
fn serves_rebuilds_and_keeps_the_last_good_site_on_errors() {
    let (_dir, root) = fixture();
    let server = Server::start(&root);

    let home = server.get("/");
    assert_eq!(home.status, 200, "{}", home.head);
    assert!(
        home.head.contains("content-type: text/html; charset=utf-8"),
        "{}",
        home.head
    );
    assert!(
        home.body.contains(RELOAD_TAG),
        "the reload script is injected"
    );
    assert_eq!(home.body.matches(RELOAD_TAG).count(), 1);
    let csv = server.get("/data/values.csv");
    assert!(csv.head.contains("content-type: text/csv; charset=utf-8"));
    assert!(csv.body.contains("59420"), "{}", csv.body);
    assert!(!csv.body.contains(RELOAD_TAG));
    let script = server.get("/__chiso/reload.js");
    assert!(script.head.contains("text/javascript"));
    assert!(script.body.contains("/__chiso/version"));
    let missing = server.get("/no-such-page/");
    assert_eq!(missing.status, 404);
    assert!(
        missing.body.contains(RELOAD_TAG),
        "the 404 page is the site's own"
    );
    let redirect = server.get("/tam-duong");
    assert_eq!(redirect.status, 302);
    assert!(
        redirect.head.contains("location: /tam-duong/"),
        "{}",
        redirect.head
    );
    let version: u64 = server
        .get("/__chiso/version")
        .body
        .trim()
        .parse()
        .expect("version");
    assert_eq!(server.status()["ok"], true);

    // An editor corrects one district's population.
    let file = root.join("data/values/tam-duong.csv");
    let original = std::fs::read_to_string(&file).expect("values file");
    let edited = original.replace(
        "population,2024,actual,59420",
        "population,2024,actual,61234",
    );
    assert_ne!(edited, original);
    std::fs::write(&file, &edited).expect("edit");
    let took = server.wait_for("the new figure", |s| {
        s.get("/data/values.csv").body.contains("61234")
    });
    eprintln!("edit visible after {took:?}");
    // The files are in place a moment before the build is done and its version published: a
    // page read in between reloads once more, with the same content.
    server.wait_for("a new version", |s| {
        let after: u64 = s
            .get("/__chiso/version")
            .body
            .trim()
            .parse()
            .expect("version");
        after > version
    });

    // Then makes a mistake: the site stays, the problem is listed.
    std::fs::write(&file, format!("{edited}population,2024 H1,actual,1,x,\n")).expect("break");
    server.wait_for("the error to be reported", |s| s.status()["ok"] == false);
    let status = server.status();
    let text = status["text"].as_str().unwrap_or("");
    assert!(text.contains("data/values/tam-duong.csv"), "{text}");
    assert!(
        text.contains("2024-H1"),
        "the message says what to write: {text}"
    );
    assert!(status["errors"].as_u64().unwrap_or(0) >= 1);
    let home = server.get("/");
    assert_eq!(home.status, 200);
    assert!(home.body.contains(RELOAD_TAG));
    assert!(
        server.get("/data/values.csv").body.contains("61234"),
        "last good site kept"
    );

    // And fixes it.
    std::fs::write(&file, &original).expect("fix");
    server.wait_for("recovery", |s| {
        s.status()["ok"] == true && s.get("/data/values.csv").body.contains("59420")
    });

    // Scratch files of editors do not rebuild.
    let before = server.get("/__chiso/version").body;
    std::fs::write(root.join("data/values/.tam-duong.csv.swp"), "x").expect("swap file");
    std::fs::write(root.join("data/values/tam-duong.csv~"), "x").expect("backup file");
    thread::sleep(Duration::from_millis(400));
    assert_eq!(server.get("/__chiso/version").body, before);
}

#[test]
fn a_broken_first_build_shows_the_problems_until_fixed() {
    let (_dir, root) = fixture();
    let units = root.join("data/units.csv");
    let good = std::fs::read_to_string(&units).expect("units");
    let bad = good.replace(
        "tam-duong,Huyện Tam Đường,Tam Đường District,district,12",
        "tam-duong,Huyện Tam Đường,Tam Đường District,district,13",
    );
    assert_ne!(bad, good);
    std::fs::write(&units, bad).expect("break units");
    let server = Server::start(&root);

    let page = server.get("/tam-duong/");
    assert_eq!(page.status, 503);
    assert!(page.head.contains("text/html; charset=utf-8"));
    assert!(page.body.contains("data/units.csv"), "{}", page.body);
    assert!(page.body.contains(RELOAD_TAG));
    assert_eq!(server.status()["ok"], false);

    std::fs::write(&units, good).expect("fix units");
    server.wait_for("the site", |s| s.get("/tam-duong/").status == 200);
    assert_eq!(server.status()["ok"], true);
}

#[cfg(unix)]
#[test]
fn builds_outside_the_project_and_removes_its_folder_when_stopped() {
    let (_dir, root) = fixture();
    let mut server = Server::start(&root);
    assert_eq!(server.get("/").status, 200);
    // The preview is built in the system's temporary folder, never in the project.
    assert!(!root.join("site").exists());
    let tmp = root.with_file_name("tmp");
    let folders = || -> Vec<PathBuf> {
        std::fs::read_dir(&tmp)
            .expect("the temporary folder")
            .map(|e| e.expect("an entry").path())
            .collect()
    };
    let built = folders();
    assert_eq!(built.len(), 1, "{built:?}");
    assert!(built[0].join("site/index.html").is_file(), "{built:?}");

    // Ctrl+C in the terminal.
    let interrupted = Command::new("kill")
        .args(["-INT", &server.child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(interrupted.success());
    let started = Instant::now();
    let status = loop {
        if let Some(status) = server.child.try_wait().expect("wait for serve") {
            break status;
        }
        assert!(started.elapsed() < LIMIT, "serve did not stop");
        thread::sleep(Duration::from_millis(20));
    };
    assert_eq!(status.code(), Some(130));
    assert_eq!(folders(), Vec::<PathBuf>::new(), "its folder is removed");
    assert!(!root.join("site").exists());
}
