//! The public "what's new" history (`data/changes.json`, the "Cập nhật" page, the Atom feed):
//! what changed between two builds into the same site folder, one update per date of build
//! (`SOURCE_DATE_EPOCH`, else the day of the build, never `updated` of chiso.toml), with only
//! the net changes of that date, so that an editor's typo fixed the same day is not published
//! as news. `chiso serve` never writes it.

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{mpsc, Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{epoch_of, printed, today_utc, Project};

/// Villages of the two districts on the first day; the province publishes their sum.
const A: &str = "villages,2025,actual,40";
const B: &str = "villages,2025,actual,60";

fn project() -> Project {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", A).values("huyen-b", B);
    p
}

/// Runs `chiso build` of `p` into its `site/` at `hour`:00 UTC of `date` (`SOURCE_DATE_EPOCH`),
/// requires success and returns every file of the site.
fn build_on(p: &Project, date: &str, hour: i64) -> BTreeMap<PathBuf, Vec<u8>> {
    let epoch = (epoch_of(date) + hour * 3600).to_string();
    build_with(p, Some(&epoch))
}

fn build_with(p: &Project, epoch: Option<&str>) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_chiso"));
    cmd.args(["build", "--root"])
        .arg(p.root())
        .arg("--output")
        .arg(site(p));
    match epoch {
        Some(e) => cmd.env("SOURCE_DATE_EPOCH", e),
        None => cmd.env_remove("SOURCE_DATE_EPOCH"),
    };
    let out = cmd.output().expect("run the chiso binary");
    assert!(
        out.status.success(),
        "chiso build failed:\n{}",
        printed(&out)
    );
    files(&site(p))
}

fn site(p: &Project) -> PathBuf {
    p.root().join("site")
}

fn files(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    for e in walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.expect("a file"))
    {
        if e.file_type().is_file() {
            let rel = e.path().strip_prefix(dir).expect("under the site");
            out.insert(rel.to_path_buf(), std::fs::read(e.path()).expect("read"));
        }
    }
    out
}

fn text(files: &BTreeMap<PathBuf, Vec<u8>>, rel: &str) -> String {
    String::from_utf8(files[Path::new(rel)].clone()).expect("UTF-8")
}

/// The history as `(date, first, [(unit, indicator, old, new)])`, newest first.
type Listed = Vec<(String, bool, Vec<(String, String, String, String)>)>;

fn history(files: &BTreeMap<PathBuf, Vec<u8>>) -> Listed {
    let json: serde_json::Value =
        serde_json::from_str(&text(files, "data/changes.json")).expect("changes.json");
    let s = |v: &serde_json::Value| v.as_str().expect("a string").to_string();
    json.as_array()
        .expect("a list of updates")
        .iter()
        .map(|u| {
            let changes = u["changes"]
                .as_array()
                .expect("changes")
                .iter()
                .map(|c| {
                    (
                        s(&c["unit"]),
                        s(&c["indicator"]),
                        s(&c["old"]),
                        s(&c["new"]),
                    )
                })
                .collect();
            (s(&u["date"]), u["first"] == true, changes)
        })
        .collect()
}

fn change(unit: &str, old: &str, new: &str) -> (String, String, String, String) {
    (unit.into(), "villages".into(), old.into(), new.into())
}

/// The table rows of the page's first update, as the cells' text.
fn first_rows(page: &str) -> Vec<String> {
    let section = page
        .split("<section")
        .nth(1)
        .expect("an update on the page");
    let section = section.split("</section>").next().unwrap_or(section);
    section
        .split("<tr>")
        .skip(2)
        .map(|row| {
            crate::common::text_nodes(row)
                .into_iter()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join(" | ")
        })
        .collect()
}

#[track_caller]
fn assert_same(what: &str, a: &BTreeMap<PathBuf, Vec<u8>>, b: &BTreeMap<PathBuf, Vec<u8>>) {
    let differ: Vec<_> = a
        .keys()
        .chain(b.keys())
        .filter(|k| a.get(*k) != b.get(*k))
        .collect();
    assert!(differ.is_empty(), "{what}: these files differ: {differ:?}");
}

#[test]
fn a_changed_figure_is_one_update_dated_by_source_date_epoch() {
    let p = project();
    let first = build_on(&p, "2026-03-01", 9);
    assert_eq!(
        history(&first),
        vec![("2026-03-01".to_string(), true, vec![])]
    );
    p.values("huyen-a", "villages,2025,actual,45");
    let site = build_on(&p, "2026-03-02", 10);
    assert_eq!(
        history(&site),
        vec![
            (
                "2026-03-02".to_string(),
                false,
                vec![change("001", "40", "45"), change("01", "100", "105")]
            ),
            ("2026-03-01".to_string(), true, vec![]),
        ]
    );
    let vi = text(&site, "whats-new/index.html");
    assert!(vi.contains("<h2 id=\"u1\">02/03/2026</h2>"), "{vi}");
    assert!(vi.contains("<h2 id=\"u2\">01/03/2026</h2>"), "{vi}");
    assert_eq!(
        first_rows(&vi),
        [
            "Huyện An Bình | Số thôn bản | 2025, thực hiện | 40 | 45",
            "Tỉnh Thử Nghiệm | Số thôn bản | 2025, thực hiện | 100 | 105",
        ]
    );
    let en = text(&site, "en/whats-new/index.html");
    assert!(en.contains("<h2 id=\"u1\">2026-03-02</h2>"), "{en}");
    assert_eq!(
        first_rows(&en),
        [
            "An Binh District | Villages | 2025, actual | 40 | 45",
            "Test Province | Villages | 2025, actual | 100 | 105",
        ]
    );
    let feed = text(&site, "feed.xml");
    assert!(
        feed.contains("<title>Cập nhật ngày 02/03/2026: 2 số liệu mới hoặc thay đổi</title>"),
        "{feed}"
    );
    assert!(feed.contains("<updated>2026-03-02T00:00:00Z</updated>\n<link"));
    // Entries are named by their date, which later builds do not change.
    assert!(
        feed.contains("<id>urn:chiso:01:vi#2026-03-02</id>"),
        "{feed}"
    );
    assert!(
        feed.contains("<id>urn:chiso:01:vi#2026-03-01</id>"),
        "{feed}"
    );
    assert!(text(&site, "en/feed.xml")
        .contains("<title>Update of 2026-03-02: 2 new or changed figures</title>"));
}

#[test]
fn a_figure_changed_and_changed_back_the_same_day_is_no_news() {
    let p = project();
    let first = build_on(&p, "2026-03-01", 9);
    // The editor types 4500 for 45, builds, sees the mistake and puts the figure back.
    p.values("huyen-a", "villages,2025,actual,4500");
    let typo = build_on(&p, "2026-03-02", 14);
    assert_eq!(
        history(&typo).len(),
        2,
        "the typo is on the site until fixed"
    );
    p.values("huyen-a", A);
    let fixed = build_on(&p, "2026-03-02", 15);
    assert_eq!(
        history(&fixed),
        vec![("2026-03-01".to_string(), true, vec![])]
    );
    assert_same("the figure put back the same day", &first, &fixed);
    for page in [
        "whats-new/index.html",
        "en/whats-new/index.html",
        "feed.xml",
    ] {
        let t = text(&fixed, page);
        assert!(!t.contains("4500") && !t.contains("4.500"), "{page}: {t}");
        assert!(
            !t.contains("02/03/2026") && !t.contains("2026-03-02"),
            "{page}"
        );
    }
}

#[test]
fn a_days_builds_publish_only_its_net_changes() {
    let p = project();
    build_on(&p, "2026-03-01", 9);
    // A typo, then its fix to a new figure; a district's figure removed; a figure added and
    // removed again the same day.
    p.values(
        "huyen-a",
        "villages,2025,actual,4500\ncovered,2025,actual,30",
    );
    p.values("huyen-b", "villages,2025,actual,60");
    build_on(&p, "2026-03-02", 14);
    p.values("huyen-a", "villages,2025,actual,45");
    p.values("huyen-b", "");
    let site = build_on(&p, "2026-03-02", 16);
    assert_eq!(
        history(&site),
        vec![
            (
                "2026-03-02".to_string(),
                false,
                // Without Bình Minh's figure the province has no sum.
                vec![
                    change("001", "40", "45"),
                    change("002", "60", ""),
                    change("01", "100", ""),
                ]
            ),
            ("2026-03-01".to_string(), true, vec![]),
        ]
    );
    let vi = text(&site, "whats-new/index.html");
    assert_eq!(
        first_rows(&vi),
        [
            "Huyện An Bình | Số thôn bản | 2025, thực hiện | 40 | 45",
            "Huyện Bình Minh | Số thôn bản | 2025, thực hiện | 60 | –",
            "Tỉnh Thử Nghiệm | Số thôn bản | 2025, thực hiện | 100 | –",
        ]
    );
    assert!(!vi.contains("4500") && !vi.contains("4.500"));
}

#[test]
fn builds_on_two_days_are_two_updates_and_an_unchanged_rebuild_adds_nothing() {
    let p = project();
    build_on(&p, "2026-03-01", 9);
    p.values("huyen-a", "villages,2025,actual,45");
    build_on(&p, "2026-03-02", 9);
    p.values("huyen-b", "villages,2025,actual,65");
    let third = build_on(&p, "2026-03-03", 9);
    let dates: Vec<String> = history(&third).into_iter().map(|u| u.0).collect();
    assert_eq!(dates, ["2026-03-03", "2026-03-02", "2026-03-01"]);
    assert_eq!(
        history(&third)[0].2,
        vec![change("002", "60", "65"), change("01", "105", "110")]
    );
    let vi = text(&third, "whats-new/index.html");
    assert!(
        vi.find("03/03/2026") < vi.find("02/03/2026"),
        "newest first"
    );
    // The same input the next week, and again the same day: not one file differs.
    let later = build_on(&p, "2026-03-09", 9);
    assert_same("a rebuild a week later", &third, &later);
    let again = build_on(&p, "2026-03-09", 18);
    assert_same("a rebuild the same day", &third, &again);
}

#[test]
fn first_publication_absorbs_that_days_later_builds() {
    let p = project();
    let first = build_on(&p, "2026-03-01", 9);
    p.values("huyen-a", "villages,2025,actual,45");
    let second = build_on(&p, "2026-03-01", 17);
    assert_eq!(
        history(&second),
        vec![("2026-03-01".to_string(), true, vec![])]
    );
    assert_eq!(
        text(&first, "data/changes.json"),
        text(&second, "data/changes.json")
    );
}

#[test]
fn deleting_changes_json_starts_the_history_again() {
    let p = project();
    build_on(&p, "2026-03-01", 9);
    p.values("huyen-a", "villages,2025,actual,45");
    assert_eq!(history(&build_on(&p, "2026-03-02", 9)).len(), 2);
    std::fs::remove_file(site(&p).join("data/changes.json")).expect("delete the history");
    p.values("huyen-a", "villages,2025,actual,47");
    let again = build_on(&p, "2026-03-09", 9);
    assert_eq!(
        history(&again),
        vec![("2026-03-09".to_string(), true, vec![])]
    );
    let vi = text(&again, "whats-new/index.html");
    assert!(vi.contains("<h2 id=\"u1\">09/03/2026</h2>"), "{vi}");
    assert!(vi.contains("Trang được xuất bản lần đầu"), "{vi}");
    assert!(!vi.contains("02/03/2026"), "{vi}");
}

#[test]
fn updated_of_chiso_toml_dates_nothing() {
    let p = project();
    p.write("chiso.toml", "updated = \"2020-01-15\"\n");
    let before = today_utc();
    let site = build_with(&p, None);
    let today = today_utc();
    let dated: Vec<String> = history(&site).into_iter().map(|u| u.0).collect();
    if before == today {
        assert_eq!(dated, [today], "the day of the build, in UTC");
    }
    p.values("huyen-a", "villages,2025,actual,45");
    let site = build_on(&p, "2026-03-02", 9);
    assert_eq!(history(&site)[0].0, "2026-03-02");
    for page in [
        "data/changes.json",
        "whats-new/index.html",
        "en/whats-new/index.html",
        "feed.xml",
        "en/feed.xml",
    ] {
        let t = text(&site, page);
        assert!(
            !t.contains("2020-01-15") && !t.contains("15/01/2020"),
            "{page} shows `updated`:\n{t}"
        );
    }
}

/// `chiso serve` of `root`, killed when dropped.
struct Serve {
    child: Child,
    addr: String,
    log: Arc<Mutex<String>>,
    /// The system's temporary folder as serve sees it, where it builds its preview: removed
    /// after serve is killed, which leaves its folder there.
    _tmp: tempfile::TempDir,
}

impl Drop for Serve {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let tmp = tempfile::tempdir().expect("a temporary folder");
        let mut child = Command::new(env!("CARGO_BIN_EXE_chiso"))
            .args(["serve", "--port", "0", "--root"])
            .arg(root)
            .env("TMPDIR", tmp.path())
            .env(
                "SOURCE_DATE_EPOCH",
                (epoch_of("2026-03-02") + 3600).to_string(),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chiso serve");
        let stdout = child.stdout.take().expect("a pipe");
        let log = Arc::new(Mutex::new(String::new()));
        let (tx, rx) = mpsc::channel();
        let out = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(at) = line.find("http://") {
                    let _ = tx.send(line[at + 7..].split('/').next().unwrap_or("").to_string());
                }
                out.lock().expect("log").push_str(&format!("{line}\n"));
            }
        });
        let addr = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("chiso serve prints its address");
        Serve {
            child,
            addr,
            log,
            _tmp: tmp,
        }
    }

    fn get(&self, path: &str) -> String {
        let mut stream = TcpStream::connect(&self.addr).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .expect("timeout");
        write!(stream, "GET {path} HTTP/1.0\r\nHost: {}\r\n\r\n", self.addr).expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        String::from_utf8_lossy(&raw).into_owned()
    }
}

#[test]
fn serve_never_writes_the_history() {
    let p = project();
    build_on(&p, "2026-03-01", 9);
    p.values("huyen-a", "villages,2025,actual,45");
    let published = build_on(&p, "2026-03-01", 18);
    let serve = Serve::start(p.root());
    assert!(serve.get("/whats-new/").contains("200 OK"));
    // The editor edits a figure while previewing: the preview shows it, the site is untouched.
    p.values("huyen-a", "villages,2025,actual,47");
    let started = Instant::now();
    while !serve.get("/data/values.csv").contains(",47,") {
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "the preview did not show the edit:\n{}",
            serve.log.lock().expect("log")
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let page = serve.get("/whats-new/");
    assert!(page.contains("200 OK"), "{page}");
    drop(serve);
    assert_same("the site after chiso serve", &published, &files(&site(&p)));
    // The next build compares with the site as last built, not with what serve showed.
    let next = build_on(&p, "2026-03-02", 9);
    assert_eq!(history(&next)[0].2[0], change("001", "45", "47"));
}
