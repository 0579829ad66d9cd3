//! `chiso serve`: the site built in memory, served on this computer only, rebuilt when an
//! input file changes, and open pages reloading by themselves.
//!
//! One thread rebuilds; a few threads answer requests from an immutable snapshot that the
//! rebuilder replaces whole. A failed rebuild keeps the last good site and publishes its
//! problems at `/__chiso/errors.json`, which the injected script shows over the page.

pub mod site;
pub mod watch;

use std::io::Cursor;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};
use std::thread;
use std::time::Instant;

use anyhow::{anyhow, Context};
use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use crate::build::{self, BuildError};
use crate::lang::Lang;
use crate::routes;
use site::{Lookup, Site};

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");
/// Request threads: a browser opens a handful of connections, and every answer is already in
/// memory, so a few threads never keep anyone waiting.
const WORKERS: usize = 4;
/// How many messages of one kind per file before the rest are summarised, as `chiso build`.
const CAP: usize = 20;

pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 picks a free port; the address is printed either way.
    pub port: u16,
    pub lang: Lang,
}

/// What every request in flight reads; replaced whole after each rebuild.
struct Snapshot {
    version: u64,
    /// The last good site; `None` until a build succeeds.
    site: Option<Arc<Site>>,
    /// `/__chiso/errors.json`.
    status: Arc<[u8]>,
    /// What every page shows while there is no site yet.
    error_page: Option<Arc<[u8]>>,
}

type Shared = Arc<RwLock<Arc<Snapshot>>>;

/// Runs until the process is stopped.
pub fn run(options: &ServeOptions) -> anyhow::Result<()> {
    let lang = options.lang;
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("{}", options.root.display()))?;
    // Watching starts before the first build so that a save during it is not lost.
    let (mut watcher, signals) = watch::ProjectWatcher::start(&root).context(lang.pick(
        "không theo dõi được thư mục dự án",
        "cannot watch the project",
    ))?;
    let server = Server::http(("127.0.0.1", options.port)).map_err(|e| {
        let in_use = e
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::AddrInUse);
        match (in_use, free_port_after(options.port)) {
            (true, Some(free)) => anyhow!(
                "{}",
                lang.pick(
                    &format!("cổng {} đang được dùng (có thể bởi một `chiso serve` khác vẫn đang chạy). Dừng chương trình đó, hoặc chọn cổng khác: `chiso serve --port {free}`.", options.port),
                    &format!("port {} is in use (perhaps by another `chiso serve` still running). Stop that program, or choose another port: `chiso serve --port {free}`.", options.port),
                )
            ),
            (true, None) => anyhow!(
                "{}",
                lang.pick(
                    &format!("cổng {} đang được dùng. Dừng chương trình đang dùng nó, hoặc chọn cổng khác bằng `--port`.", options.port),
                    &format!("port {} is in use. Stop the program using it, or choose another port with `--port`.", options.port),
                )
            ),
            (false, _) => anyhow!(
                "{} 127.0.0.1:{}: {e}",
                lang.pick("không mở được cổng", "cannot listen on"),
                options.port
            ),
        }
    })?;
    let addr = server
        .server_addr()
        .to_ip()
        .unwrap_or_else(|| SocketAddr::from(([127, 0, 0, 1], options.port)));

    let mut rebuilder = Rebuilder::new(root, lang);
    let shared: Shared = Arc::new(RwLock::new(rebuilder.rebuild(&watch::Burst::default())));
    let server = Arc::new(server);
    for _ in 0..WORKERS {
        let server = Arc::clone(&server);
        let shared = Arc::clone(&shared);
        thread::spawn(move || {
            for request in server.incoming_requests() {
                handle(request, &shared);
            }
        });
    }
    println!(
        "{} http://{addr}/ ({})",
        lang.pick("Đang phục vụ trang tại", "Serving the site at"),
        lang.pick("nhấn Ctrl+C để dừng", "press Ctrl+C to stop")
    );
    while let Some(burst) = watch::next_burst(&signals) {
        watcher.refresh(&burst.paths);
        let snapshot = rebuilder.rebuild(&burst);
        *shared.write().unwrap_or_else(PoisonError::into_inner) = snapshot;
    }
    Ok(())
}

/// The first port after `port` that nothing listens on, to suggest when `port` is taken.
fn free_port_after(port: u16) -> Option<u16> {
    (port.checked_add(1)?..=port.saturating_add(100))
        .find(|&p| std::net::TcpListener::bind(("127.0.0.1", p)).is_ok())
}

/// A digest of every input file except the values files (`data/values/`): the settings, the
/// unit and indicator lists, narratives and templates, which any page may show.
fn other_inputs_digest(root: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    let values = root.join("data").join("values");
    let mut paths: Vec<PathBuf> = std::iter::once(root.join("chiso.toml"))
        .chain(watch::WATCHED_DIRS.iter().flat_map(|dir| {
            walkdir::WalkDir::new(root.join(dir))
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
                .map(|e| e.into_path())
        }))
        .filter(|p| !p.starts_with(&values))
        .collect();
    paths.sort();
    for p in paths {
        p.hash(&mut hasher);
        std::fs::read(&p).ok().hash(&mut hasher);
    }
    hasher.finish()
}

/// Builds snapshots, remembering the last good site and what was last printed.
struct Rebuilder {
    root: PathBuf,
    lang: Lang,
    version: u64,
    last_good: Option<Arc<Site>>,
    /// The warnings last printed, so that each rebuild does not repeat them.
    last_warnings: String,
    /// What the last good site was rendered from, and a digest of every input file other than
    /// the values files then: when only values files changed since, a rebuild renders only
    /// the pages whose figures changed.
    last_inputs: Option<(build::Inputs, u64)>,
}

impl Rebuilder {
    fn new(root: PathBuf, lang: Lang) -> Self {
        Rebuilder {
            root,
            lang,
            version: 0,
            last_good: None,
            last_warnings: String::new(),
            last_inputs: None,
        }
    }

    fn rebuild(&mut self, burst: &watch::Burst) -> Arc<Snapshot> {
        let lang = self.lang;
        let started = Instant::now();
        let digest = other_inputs_digest(&self.root);
        let previous = match (&self.last_inputs, &self.last_good) {
            (Some((inputs, before)), Some(_)) => Some((inputs, *before == digest)),
            _ => None,
        };
        let result = build::preview(
            &self.root,
            previous.map(|(inputs, _)| inputs),
            previous.is_some_and(|(_, values_only)| values_only),
        );
        self.version += 1;
        let trigger = describe_trigger(&self.root, burst, lang);
        match result {
            Ok(preview) => {
                let diags = preview.diags;
                let (site, changes) = match (&preview.replaces, self.last_good.as_deref()) {
                    (Some(replaces), Some(last)) => Site::patched(last, preview.files, replaces),
                    _ => Site::from_output(preview.files, self.last_good.as_deref()),
                };
                self.last_inputs = Some((preview.inputs, digest));
                let ms = started.elapsed().as_millis();
                let warnings = if diags.items.is_empty() {
                    String::new()
                } else {
                    diags.report(lang, CAP)
                };
                if warnings != self.last_warnings {
                    eprint!("{warnings}");
                    self.last_warnings = warnings;
                }
                println!(
                    "{trigger}{}",
                    match lang {
                        Lang::Vi => format!(
                            "đã dựng {} tệp trong {ms} ms ({} thay đổi, {} bỏ đi).",
                            changes.files, changes.changed, changes.removed
                        ),
                        Lang::En => format!(
                            "built {} files in {ms} ms ({} changed, {} removed).",
                            changes.files, changes.changed, changes.removed
                        ),
                    }
                );
                let site = Arc::new(site);
                self.last_good = Some(Arc::clone(&site));
                Arc::new(Snapshot {
                    version: self.version,
                    site: Some(site),
                    status: status_json(self.version, lang, None, self.last_good.is_some()),
                    error_page: None,
                })
            }
            Err(e) => {
                let (report, count) = match &e {
                    BuildError::Input(diags) => (diags.report(lang, CAP), diags.errors().count()),
                    other => (format!("{}\n", other.describe(lang)), 1),
                };
                let ms = started.elapsed().as_millis();
                eprint!("{report}");
                self.last_warnings.clear();
                println!(
                    "{trigger}{}",
                    match (lang, self.last_good.is_some()) {
                        (Lang::Vi, true) =>
                            format!("{count} lỗi sau {ms} ms; vẫn phục vụ bản dựng tốt gần nhất."),
                        (Lang::Vi, false) => {
                            format!("{count} lỗi sau {ms} ms; chưa có trang nào để phục vụ.")
                        }
                        (Lang::En, true) => format!(
                            "{count} error(s) after {ms} ms; still serving the last good build."
                        ),
                        (Lang::En, false) => {
                            format!("{count} error(s) after {ms} ms; no site to serve yet.")
                        }
                    }
                );
                let has_site = self.last_good.is_some();
                Arc::new(Snapshot {
                    version: self.version,
                    site: self.last_good.clone(),
                    status: status_json(self.version, lang, Some((&report, count)), has_site),
                    error_page: (!has_site).then(|| error_page(lang, &report)),
                })
            }
        }
    }
}

/// `data/values/tuan-giao.csv: ` for the terminal, or nothing for the first build.
fn describe_trigger(root: &Path, burst: &watch::Burst, lang: Lang) -> String {
    // Tools that save through a temporary file (sed -i, some editors) leave its name first
    // in the burst; the file that is still there is the one the editor saved.
    let first = burst
        .paths
        .iter()
        .find(|p| p.is_file())
        .or(burst.paths.first());
    let Some(first) = first else {
        return if burst.events == 0 {
            String::new()
        } else {
            lang.pick("Thay đổi: ", "Changes: ").to_string()
        };
    };
    let name = first
        .strip_prefix(root)
        .unwrap_or(first)
        .display()
        .to_string();
    let name = name.replace('\\', "/");
    match burst.paths.len() {
        1 => format!("{name}: "),
        n => match lang {
            Lang::Vi => format!("{name} và {} tệp khác: ", n - 1),
            Lang::En => format!("{name} and {} more: ", n - 1),
        },
    }
}

fn status_json(
    version: u64,
    lang: Lang,
    failure: Option<(&str, usize)>,
    has_site: bool,
) -> Arc<[u8]> {
    let (title, note) = if has_site {
        (
            lang.pick(
                "Dữ liệu đang có lỗi, chưa dựng lại được trang",
                "The input has errors; the site was not rebuilt",
            ),
            lang.pick(
                "Trang đang hiển thị bản dựng tốt gần nhất. Sửa các lỗi dưới đây và lưu tệp: trang sẽ tự tải lại.",
                "This page shows the last good build. Fix the problems below and save the file: the page reloads by itself.",
            ),
        )
    } else {
        (
            lang.pick("Chưa dựng được trang", "The site could not be built"),
            lang.pick(
                "Sửa các lỗi dưới đây và lưu tệp: trang sẽ tự tải lại.",
                "Fix the problems below and save the file: the page reloads by itself.",
            ),
        )
    };
    let value = serde_json::json!({
        "version": version,
        "ok": failure.is_none(),
        "errors": failure.map_or(0, |(_, n)| n),
        "text": failure.map_or("", |(text, _)| text),
        "title": title,
        "note": note,
        "dismiss": lang.pick("Đóng", "Close"),
    });
    Arc::from(value.to_string().into_bytes())
}

/// The page every address shows until a build succeeds.
fn error_page(lang: Lang, report: &str) -> Arc<[u8]> {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\" data-chiso-error-page>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self'\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/__chiso/overlay.css\">\n</head>\n\
         <body class=\"chiso-error-page\">\n<main role=\"alert\">\n<h1>{title}</h1>\n<p>{note}</p>\n<pre>{report}</pre>\n</main>\n\
         {tag}</body>\n</html>\n",
        code = lang.pick("vi", "en"),
        title = lang.pick("Chưa dựng được trang", "The site could not be built"),
        note = lang.pick(
            "Sửa các lỗi dưới đây và lưu tệp: trang sẽ tự tải lại.",
            "Fix the problems below and save the file: this page reloads by itself.",
        ),
        report = site::escape_html(report),
        tag = site::RELOAD_TAG,
    );
    Arc::from(html.into_bytes())
}

/// An answer, before it becomes a tiny_http response.
#[derive(Debug)]
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Arc<[u8]>,
    location: Option<String>,
    /// The build a page belongs to, for the reload script (`Server-Timing`).
    version: Option<u64>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: Arc<[u8]>) -> Self {
        Reply {
            status,
            content_type,
            body,
            location: None,
            version: None,
        }
    }

    fn text(status: u16, text: &str) -> Self {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            Arc::from(text.as_bytes()),
        )
    }
}

fn reply_for(method: &Method, target: &str, snap: &Snapshot) -> Reply {
    if !matches!(method, Method::Get | Method::Head) {
        return Reply::text(405, "405 Method Not Allowed\n");
    }
    let path = target.split(['?', '#']).next().unwrap_or("");
    match path {
        "/__chiso/version" => return Reply::text(200, &snap.version.to_string()),
        "/__chiso/errors.json" => {
            return Reply::new(
                200,
                "application/json; charset=utf-8",
                Arc::clone(&snap.status),
            )
        }
        "/__chiso/reload.js" => {
            return Reply::new(
                200,
                "text/javascript; charset=utf-8",
                Arc::from(RELOAD_JS.as_bytes()),
            )
        }
        "/__chiso/overlay.css" => {
            return Reply::new(
                200,
                "text/css; charset=utf-8",
                Arc::from(OVERLAY_CSS.as_bytes()),
            )
        }
        _ => {}
    }
    let Some(site) = &snap.site else {
        let page = snap
            .error_page
            .clone()
            .unwrap_or_else(|| Arc::from(&b"no site\n"[..]));
        let mut reply = Reply::new(503, "text/html; charset=utf-8", page);
        reply.version = Some(snap.version);
        return reply;
    };
    let (status, key) = match site::resolve(site, target) {
        Lookup::File(key) => (200, key),
        Lookup::Redirect(location) => {
            let mut reply = Reply::text(302, "");
            reply.location = Some(location);
            return reply;
        }
        Lookup::NotFound if site.contains(routes::NOT_FOUND) => {
            (404, routes::NOT_FOUND.to_string())
        }
        Lookup::NotFound => return Reply::text(404, "404 Not Found\n"),
    };
    let Some(body) = site.get(&key) else {
        return Reply::text(404, "404 Not Found\n");
    };
    let mut reply = Reply::new(status, site::content_type(&key), Arc::clone(body));
    if site::is_html(&key) {
        reply.version = Some(snap.version);
    }
    reply
}

fn header(name: &str, value: &str) -> Option<Header> {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

fn handle(request: Request, shared: &Shared) {
    let snap = Arc::clone(&shared.read().unwrap_or_else(PoisonError::into_inner));
    let reply = reply_for(request.method(), request.url(), &snap);
    let mut headers: Vec<Header> = [
        header("Content-Type", reply.content_type),
        // Every answer may change with the next save; the browser must always ask again.
        header("Cache-Control", "no-store"),
        header("X-Content-Type-Options", "nosniff"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if let Some(location) = &reply.location {
        headers.extend(header("Location", location));
    }
    if let Some(v) = reply.version {
        headers.extend(header("Server-Timing", &format!("chiso;desc=\"{v}\"")));
    }
    if reply.status == 405 {
        headers.extend(header("Allow", "GET, HEAD"));
    }
    let length = reply.body.len();
    let response = Response::new(
        StatusCode(reply.status),
        headers,
        Cursor::new(reply.body),
        Some(length),
        None,
    )
    // The length is always known: a plain body is simpler for every client than chunks.
    .with_chunked_threshold(usize::MAX);
    // A closed browser tab is not the server's problem.
    let _ = request.respond(response);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    fn snapshot(site: Option<Site>) -> Snapshot {
        Snapshot {
            version: 7,
            status: status_json(7, Lang::En, None, site.is_some()),
            error_page: site
                .is_none()
                .then(|| error_page(Lang::En, "data/units.csv: <bad>")),
            site: site.map(Arc::new),
        }
    }

    fn site() -> Site {
        let file = |path: &str, text: &str| OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        Site::from_output(
            vec![
                file("index.html", "<body>home</body>"),
                file("404.html", "<body>not here</body>"),
                file("data/values.csv", "a,b\n"),
            ],
            None,
        )
        .0
    }

    #[test]
    fn answers_pages_files_and_the_not_found_page() {
        let snap = snapshot(Some(site()));
        let r = reply_for(&Method::Get, "/", &snap);
        assert_eq!(
            (r.status, r.content_type),
            (200, "text/html; charset=utf-8")
        );
        assert!(r
            .body
            .ends_with(format!("{}</body>", site::RELOAD_TAG).as_bytes()));
        assert_eq!(r.version, Some(7));
        let r = reply_for(&Method::Head, "/data/values.csv", &snap);
        assert_eq!((r.status, r.content_type), (200, "text/csv; charset=utf-8"));
        assert_eq!(r.version, None);
        let r = reply_for(&Method::Get, "/nowhere/", &snap);
        assert_eq!(r.status, 404);
        assert!(r.body.starts_with(b"<body>not here"));
        assert_eq!(reply_for(&Method::Post, "/", &snap).status, 405);
        let r = reply_for(&Method::Get, "/__chiso/version", &snap);
        assert_eq!(&*r.body, b"7");
        let r = reply_for(&Method::Get, "/__chiso/reload.js?x", &snap);
        assert_eq!(r.content_type, "text/javascript; charset=utf-8");
    }

    #[test]
    fn without_a_site_every_page_lists_the_problems() {
        let snap = snapshot(None);
        let r = reply_for(&Method::Get, "/tuan-giao/", &snap);
        assert_eq!(r.status, 503);
        let text = String::from_utf8_lossy(&r.body);
        assert!(text.contains("data/units.csv: &lt;bad&gt;"), "{text}");
        assert!(text.contains(site::RELOAD_TAG));
        assert!(!text.contains("<script>"), "no inline script under the CSP");
    }

    /// A copy of tests/fixtures/lai-chau with a photo in the home page's narrative.
    fn project_with_a_photo() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/lai-chau");
        for e in walkdir::WalkDir::new(&fixture).into_iter().flatten() {
            let to = dir.path().join(e.path().strip_prefix(&fixture).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(to).unwrap();
            } else {
                std::fs::copy(e.path(), to).unwrap();
            }
        }
        let root = dir.path().to_path_buf();
        std::fs::create_dir_all(root.join("content/anh")).unwrap();
        std::fs::write(
            root.join("content/anh/tram-bts.jpg"),
            crate::load::images::test_image("jpeg", 4, 3, b"first photo"),
        )
        .unwrap();
        let home = root.join("content/_index.md");
        let text = std::fs::read_to_string(&home).unwrap();
        std::fs::write(
            &home,
            format!("{text}\n![Trạm BTS mới](anh/tram-bts.jpg)\n"),
        )
        .unwrap();
        (dir, root)
    }

    fn get(rebuilder: &mut Rebuilder, path: &str) -> (u16, Vec<u8>) {
        let snap = rebuilder.rebuild(&watch::Burst::default());
        assert_eq!(
            serde_json::from_slice::<serde_json::Value>(&snap.status).unwrap()["ok"],
            true
        );
        let r = reply_for(&Method::Get, path, &snap);
        (r.status, r.body.to_vec())
    }

    #[test]
    fn a_changed_or_added_image_is_served_after_the_rebuild() {
        let (_dir, root) = project_with_a_photo();
        let mut rebuilder = Rebuilder::new(root.clone(), Lang::En);
        assert_eq!(
            get(&mut rebuilder, "/media/anh/tram-bts.jpg"),
            (
                200,
                crate::load::images::test_image("jpeg", 4, 3, b"first photo")
            )
        );
        let snap = rebuilder.rebuild(&watch::Burst::default());
        let r = reply_for(&Method::Get, "/media/anh/tram-bts.jpg", &snap);
        assert_eq!(r.content_type, "image/jpeg");
        // The editor saves a better photo under the same name.
        std::fs::write(
            root.join("content/anh/tram-bts.jpg"),
            crate::load::images::test_image("jpeg", 4, 3, b"second photo"),
        )
        .unwrap();
        assert_eq!(
            get(&mut rebuilder, "/media/anh/tram-bts.jpg"),
            (
                200,
                crate::load::images::test_image("jpeg", 4, 3, b"second photo")
            )
        );
        // Only a values file changes: the partial render does not copy the photo again, and
        // the site laid over the previous one still has it.
        let before = build::preview(&root, None, false).unwrap().inputs;
        let values = root.join("data/values/tam-duong.csv");
        let text = std::fs::read_to_string(&values).unwrap();
        std::fs::write(&values, text.replacen("58990", "58991", 1)).unwrap();
        let partial = build::preview(&root, Some(&before), true).unwrap();
        assert!(partial.replaces.is_some());
        assert!(!partial.files.iter().any(|f| f.path.starts_with("media/")));
        assert_eq!(
            get(&mut rebuilder, "/media/anh/tram-bts.jpg"),
            (
                200,
                crate::load::images::test_image("jpeg", 4, 3, b"second photo")
            )
        );
        // A new photo, shown on a district's page.
        std::fs::write(
            root.join("content/anh/cap-quang.png"),
            crate::load::images::test_image("png", 4, 3, b""),
        )
        .unwrap();
        std::fs::write(
            root.join("content/tam-duong.md"),
            "![Tuyến cáp quang mới](anh/cap-quang.png)\n",
        )
        .unwrap();
        assert_eq!(
            get(&mut rebuilder, "/media/anh/cap-quang.png"),
            (200, crate::load::images::test_image("png", 4, 3, b""))
        );
        let (_, page) = get(&mut rebuilder, "/tam-duong/");
        let page = String::from_utf8(page).unwrap();
        assert!(
            page.contains("src=\"../media/anh/cap-quang.png\""),
            "{page}"
        );
    }

    #[test]
    fn status_says_what_failed() {
        let json = status_json(3, Lang::Vi, Some(("x.csv:2: lỗi\n", 1)), true);
        let v: serde_json::Value = serde_json::from_slice(&json).unwrap_or_default();
        assert_eq!(v["ok"], false);
        assert_eq!(v["version"], 3);
        assert_eq!(v["errors"], 1);
        assert_eq!(v["text"], "x.csv:2: lỗi\n");
        assert_eq!(v["dismiss"], "Đóng");
    }
}
