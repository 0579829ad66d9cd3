//! `chiso serve`: the site built into a private temporary folder, served from there on this
//! computer only, rebuilt when an input file changes, and open pages reloading by themselves.
//!
//! The build is `chiso build`'s own (`build::build`, its manifest and staging), into a folder
//! of the system's temporary folder that is removed when serve stops: after a change, only what
//! changed is rendered again, and the server holds the model while it builds, never the site.
//! One thread rebuilds; each connection is answered on a thread of its own (`http.rs`, within
//! its limits on requests, connections and time) from the files on disk, adding the reload
//! script to pages on the way out. A failed build leaves the folder as it was, so the last good
//! site stays served, and its problems are published at `/__chiso/errors.json`, which the
//! injected script shows over the page.

pub mod folder;
pub mod http;
pub mod site;
pub mod watch;

use std::fs::File;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{anyhow, Context};
use http::{Answer, Method, Server};

use crate::build::{self, BuildError, How};
use crate::lang::Lang;
use crate::render::Options;
use crate::routes;
use crate::words;
use site::Lookup;

const RELOAD_JS: &str = include_str!("reload.js");
const OVERLAY_CSS: &str = include_str!("overlay.css");
/// How many messages of one kind per file before the rest are summarised, as `chiso build`.
const CAP: usize = 20;
/// How long a request that found no file during a rebuild waits before looking once more: a
/// file may be missing for an instant while the new site is moved into place.
const SWAP_PAUSE: Duration = Duration::from_millis(50);

pub struct ServeOptions {
    pub root: PathBuf,
    /// 0 picks a free port; the address is printed either way.
    pub port: u16,
    pub lang: Lang,
}

/// How serve builds: as `chiso build`, without what a reader of the preview does not need
/// (the reports' workbooks and Word documents, the `.gz` copies), which take most of a small
/// site's build time.
pub fn build_options() -> Options {
    Options {
        preview: true,
        ..Options::default()
    }
}

/// What every request in flight reads; replaced whole after each rebuild.
struct Snapshot {
    version: u64,
    /// Whether the folder holds a good site; false until a build succeeds.
    has_site: bool,
    /// `/__chiso/errors.json`.
    status: Arc<[u8]>,
    /// What every page shows while there is no site yet.
    error_page: Option<Arc<[u8]>>,
    /// The language the editor asked for, for what the preview itself says.
    lang: Lang,
}

/// What the request threads share with the rebuilder.
struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    /// The built site's folder.
    site: PathBuf,
    /// True while a build runs, when a file may be missing for an instant.
    building: AtomicBool,
}

impl Shared {
    fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(PoisonError::into_inner))
    }
}

/// Runs until the process is stopped.
pub fn run(options: &ServeOptions) -> anyhow::Result<()> {
    let lang = options.lang;
    let root = options
        .root
        .canonicalize()
        .with_context(|| format!("{}", options.root.display()))?;
    // Watching starts before the first build so that a save during it is not lost.
    let (mut watcher, signals) =
        watch::ProjectWatcher::start(&root).context(words::SERVE_CANNOT_WATCH.text(lang))?;
    let server = Server::bind(options.port).map_err(|e| {
        let in_use = e.kind() == std::io::ErrorKind::AddrInUse;
        match (in_use, free_port_after(options.port)) {
            (true, Some(free)) => anyhow!(
                "{}",
                words::fill(
                    lang,
                    &words::SERVE_PORT_IN_USE_TRY,
                    &[("port", &options.port), ("free", &free)],
                )
            ),
            (true, None) => anyhow!(
                "{}",
                words::fill(lang, &words::SERVE_PORT_IN_USE, &[("port", &options.port)])
            ),
            (false, _) => anyhow!(
                "{}",
                words::fill(
                    lang,
                    &words::SERVE_CANNOT_LISTEN,
                    &[("port", &options.port), ("error", &e)],
                )
            ),
        }
    })?;
    let addr = server.local_addr().map_err(|e| {
        anyhow!(
            "{}",
            words::fill(
                lang,
                &words::SERVE_CANNOT_LISTEN,
                &[("port", &options.port), ("error", &e)],
            )
        )
    })?;

    let workspace =
        folder::Workspace::create().context(words::SERVE_CANNOT_MAKE_TEMP.text(lang))?;
    // Stopped by Ctrl+C (or asked to end), serve leaves no copy of the site behind.
    let remove = workspace.remover();
    ctrlc::set_handler(move || {
        eprintln!("{}", words::SERVE_STOPPING.text(lang));
        remove();
        std::process::exit(130);
    })
    .context(words::SERVE_CANNOT_HANDLE_CTRL_C.text(lang))?;

    let mut rebuilder = Rebuilder::new(root, workspace.site(), lang);
    let shared = Arc::new(Shared {
        snapshot: RwLock::new(rebuilder.rebuild(&watch::Burst::default())),
        site: workspace.site(),
        building: AtomicBool::new(false),
    });
    // Each connection is answered on a thread of its own, within `http`'s limits.
    let answering = Arc::clone(&shared);
    thread::spawn(move || server.serve(move |method, target| handle(method, target, &answering)));
    println!(
        "{}",
        words::fill(lang, &words::SERVE_SERVING, &[("addr", &addr)])
    );
    while let Some(burst) = watch::next_burst(&signals) {
        watcher.refresh(&burst.paths);
        shared.building.store(true, Ordering::SeqCst);
        let snapshot = rebuilder.rebuild(&burst);
        *shared
            .snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner) = snapshot;
        shared.building.store(false, Ordering::SeqCst);
    }
    Ok(())
}

/// The first port after `port` that nothing listens on, to suggest when `port` is taken.
fn free_port_after(port: u16) -> Option<u16> {
    (port.checked_add(1)?..=port.saturating_add(100))
        .find(|&p| std::net::TcpListener::bind(("127.0.0.1", p)).is_ok())
}

/// Builds snapshots, remembering whether there is a good site and what was last printed.
struct Rebuilder {
    root: PathBuf,
    /// The folder the site is built into.
    site: PathBuf,
    lang: Lang,
    version: u64,
    /// Whether the folder holds a good site: once a build succeeded, a failed one leaves it.
    has_site: bool,
    /// The warnings last printed, so that each rebuild does not repeat them.
    last_warnings: String,
}

impl Rebuilder {
    fn new(root: PathBuf, site: PathBuf, lang: Lang) -> Self {
        Rebuilder {
            root,
            site,
            lang,
            version: 0,
            has_site: false,
            last_warnings: String::new(),
        }
    }

    fn rebuild(&mut self, burst: &watch::Burst) -> Arc<Snapshot> {
        let lang = self.lang;
        let started = Instant::now();
        // `chiso build`'s own incremental build: the manifest of the site in the folder says
        // what changed since it was built.
        let result = build::build(&self.root, &self.site, &build_options());
        self.version += 1;
        let trigger = describe_trigger(&self.root, burst, lang);
        match result {
            Ok(built) => {
                self.has_site = true;
                let ms = started.elapsed().as_millis();
                // A build with nothing to do loads nothing and has no warnings to tell: those
                // printed before still hold.
                if built.how != How::UpToDate {
                    let warnings = if built.diags.items.is_empty() {
                        String::new()
                    } else {
                        built.diags.report(lang, CAP)
                    };
                    if warnings != self.last_warnings {
                        eprint!("{warnings}");
                        self.last_warnings = warnings;
                    }
                }
                let (files, changed) = (built.written.files, built.written.changed);
                println!(
                    "{trigger}{}",
                    match built.how {
                        How::UpToDate =>
                            words::fill(lang, &words::SERVE_UP_TO_DATE, &[("ms", &ms)]),
                        How::Partial { rendered, kept } => words::fill(
                            lang,
                            &words::SERVE_PARTIAL,
                            &[
                                ("files", &files),
                                ("ms", &ms),
                                ("changed", &changed),
                                ("rendered", &rendered),
                                ("kept", &kept),
                            ],
                        ),
                        How::Full => words::fill(
                            lang,
                            &words::SERVE_FULL,
                            &[("files", &files), ("ms", &ms), ("changed", &changed)],
                        ),
                    }
                );
                Arc::new(Snapshot {
                    version: self.version,
                    has_site: true,
                    status: status_json(self.version, lang, None, true),
                    error_page: None,
                    lang,
                })
            }
            Err(e) => {
                let (report, count) = match &e {
                    BuildError::Input(diags) => (diags.report(lang, CAP), diags.error_count()),
                    other => (format!("{}\n", other.describe(lang)), 1),
                };
                let ms = started.elapsed().as_millis();
                eprint!("{report}");
                self.last_warnings.clear();
                println!(
                    "{trigger}{}",
                    words::fill(
                        lang,
                        if self.has_site {
                            &words::SERVE_ERRORS_STILL_SERVING
                        } else {
                            &words::SERVE_ERRORS_NO_SITE
                        },
                        &[("count", &count), ("ms", &ms)],
                    )
                );
                let has_site = self.has_site;
                Arc::new(Snapshot {
                    version: self.version,
                    has_site,
                    status: status_json(self.version, lang, Some((&report, count)), has_site),
                    error_page: (!has_site).then(|| error_page(lang, &report)),
                    lang,
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
            words::SERVE_CHANGES.text(lang).to_string()
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
        n => words::fill(
            lang,
            &words::SERVE_AND_MORE,
            &[("name", &name), ("more", &(n - 1))],
        ),
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
            words::SERVE_INPUT_HAS_ERRORS.text(lang),
            words::SERVE_LAST_GOOD_BUILD.text(lang),
        )
    } else {
        (
            words::SERVE_NOT_BUILT.text(lang),
            words::SERVE_FIX_AND_SAVE.text(lang),
        )
    };
    let value = serde_json::json!({
        "version": version,
        "ok": failure.is_none(),
        "errors": failure.map_or(0, |(_, n)| n),
        "text": failure.map_or("", |(text, _)| text),
        "title": title,
        "note": note,
        "dismiss": words::SERVE_DISMISS.text(lang),
    });
    Arc::from(value.to_string().into_bytes())
}

/// The page every address shows until a build succeeds.
fn error_page(lang: Lang, report: &str) -> Arc<[u8]> {
    let note = words::SERVE_FIX_AND_SAVE_PAGE.text(lang);
    own_page(
        lang,
        words::SERVE_NOT_BUILT.text(lang),
        &format!("<p>{note}</p>\n<pre>{}</pre>", site::escape_html(report)),
        true,
    )
}

/// Whether `target` is a file that the preview does not make (to rebuild within a blink after
/// each save) but `chiso build` does, as the output families say (Word documents and
/// workbooks): the report pages link to them all the same.
fn made_by_build_only(target: &str) -> bool {
    let path = target.split(['?', '#']).next().unwrap_or(target);
    crate::render::build_only()
        .iter()
        .any(|ending| path.ends_with(ending))
}

/// The answer to a link to a file that only `chiso build` makes, so that an editor who
/// follows it learns why it is missing rather than meeting the site's "page not found".
fn build_only_page(lang: Lang) -> Arc<[u8]> {
    let note = words::SERVE_BUILD_ONLY.text(lang);
    own_page(
        lang,
        words::SERVE_BUILD_ONLY_TITLE.text(lang),
        &format!("<p>{note}</p>"),
        false,
    )
}

/// A page the preview itself shows, in its overlay's style: `content` (HTML) under `title`.
/// An error page is announced as an alert and reloads itself once a build succeeds.
fn own_page(lang: Lang, title: &str, content: &str, error: bool) -> Arc<[u8]> {
    let (marker, script, role, tag) = if error {
        (
            " data-chiso-error-page",
            " script-src 'self';",
            " role=\"alert\"",
            site::RELOAD_TAG,
        )
    } else {
        ("", "", "", "")
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"{code}\"{marker}>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self';{script} style-src 'self'\">\n\
         <title>{title}</title>\n<link rel=\"stylesheet\" href=\"/__chiso/overlay.css\">\n</head>\n\
         <body class=\"chiso-error-page\">\n<main{role}>\n<h1>{title}</h1>\n{content}\n</main>\n\
         {tag}</body>\n</html>\n",
        code = lang.code(),
    );
    Arc::from(html.into_bytes())
}

/// What an answer carries: bytes in memory, or a file of the site streamed from disk.
enum Body {
    Bytes(Arc<[u8]>),
    File(File, u64),
}

impl Body {
    fn len(&self) -> u64 {
        match self {
            Body::Bytes(b) => b.len() as u64,
            Body::File(_, len) => *len,
        }
    }

    fn into_reader(self) -> Box<dyn Read + Send> {
        match self {
            Body::Bytes(b) => Box::new(Cursor::new(b)),
            // Never more than the length announced, should the file grow meanwhile.
            Body::File(f, len) => Box::new(f.take(len)),
        }
    }
}

/// An answer, before it becomes the server's.
struct Reply {
    status: u16,
    content_type: &'static str,
    body: Body,
    location: Option<String>,
    /// The build a page belongs to, for the reload script (`Server-Timing`).
    version: Option<u64>,
}

impl Reply {
    fn new(status: u16, content_type: &'static str, body: Arc<[u8]>) -> Self {
        Reply {
            status,
            content_type,
            body: Body::Bytes(body),
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

/// The answer to a request, reading the site's files from `site`.
fn reply_for(method: &Method, target: &str, snap: &Snapshot, site: &Path) -> Reply {
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
    if !snap.has_site {
        let page = snap
            .error_page
            .clone()
            .unwrap_or_else(|| Arc::from(&b"no site\n"[..]));
        let mut reply = Reply::new(503, "text/html; charset=utf-8", page);
        reply.version = Some(snap.version);
        return reply;
    }
    let exists = |key: &str| site.join(key).is_file();
    let (status, key) = match site::resolve(target, exists) {
        Lookup::File(key) => (200, key),
        Lookup::Redirect(location) => {
            let mut reply = Reply::text(302, "");
            reply.location = Some(location);
            return reply;
        }
        Lookup::NotFound if made_by_build_only(target) => {
            return Reply::new(404, "text/html; charset=utf-8", build_only_page(snap.lang))
        }
        Lookup::NotFound if exists(routes::NOT_FOUND) => (404, routes::NOT_FOUND.to_string()),
        Lookup::NotFound => return Reply::text(404, "404 Not Found\n"),
    };
    // Gone since it was looked up: a rebuild is moving the new site into place.
    let Ok(body) = read(site, &key) else {
        return Reply::text(404, "404 Not Found\n");
    };
    let mut reply = Reply {
        status,
        content_type: site::content_type(&key),
        body,
        location: None,
        version: None,
    };
    if site::is_html(&key) {
        reply.version = Some(snap.version);
    }
    reply
}

/// A file of the site: a page read whole, to add the reload script, anything else opened to
/// be streamed. Once open, a file reads to its end even if a rebuild replaces it meanwhile.
fn read(site: &Path, key: &str) -> std::io::Result<Body> {
    let mut file = File::open(site.join(key))?;
    if site::is_html(key) {
        let mut html = Vec::new();
        file.read_to_end(&mut html)?;
        return Ok(Body::Bytes(Arc::from(site::inject(&html))));
    }
    let len = file.metadata()?.len();
    Ok(Body::File(file, len))
}

fn handle(method: Method, target: &str, shared: &Shared) -> Answer {
    let answer = || reply_for(&method, target, &shared.snapshot(), &shared.site);
    let mut reply = answer();
    if reply.status == 404 && shared.building.load(Ordering::SeqCst) {
        // The new site may be moving into place: look once more after it has.
        thread::sleep(SWAP_PAUSE);
        reply = answer();
    }
    let mut headers: Vec<(&'static str, String)> = vec![
        ("Content-Type", reply.content_type.to_string()),
        // Every answer may change with the next save; the browser must always ask again.
        ("Cache-Control", "no-store".into()),
        ("X-Content-Type-Options", "nosniff".into()),
    ];
    if let Some(location) = reply.location {
        headers.push(("Location", location));
    }
    if let Some(v) = reply.version {
        headers.push(("Server-Timing", format!("chiso;desc=\"{v}\"")));
    }
    if reply.status == 405 {
        headers.push(("Allow", "GET, HEAD".into()));
    }
    let len = reply.body.len();
    Answer {
        status: reply.status,
        headers,
        body: reply.body.into_reader(),
        len,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn snapshot(has_site: bool) -> Snapshot {
        Snapshot {
            version: 7,
            has_site,
            status: status_json(7, Lang::En, None, has_site),
            error_page: (!has_site).then(|| error_page(Lang::En, "data/units.csv: <bad>")),
            lang: Lang::En,
        }
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for (path, text) in [
            ("index.html", "<body>home</body>"),
            ("404.html", "<body>not here</body>"),
            ("data/values.csv", "a,</body>\n"),
        ] {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn body(reply: Reply) -> Vec<u8> {
        let mut bytes = Vec::new();
        reply.body.into_reader().read_to_end(&mut bytes).unwrap();
        bytes
    }

    #[test]
    fn answers_pages_files_and_the_not_found_page() {
        let (dir, snap) = (site(), snapshot(true));
        let site = dir.path();
        let r = reply_for(&Method::Get, "/", &snap, site);
        assert_eq!(
            (r.status, r.content_type, r.version),
            (200, "text/html; charset=utf-8", Some(7))
        );
        assert!(body(r).ends_with(format!("{}</body>", site::RELOAD_TAG).as_bytes()));
        let r = reply_for(&Method::Head, "/data/values.csv", &snap, site);
        assert_eq!((r.status, r.content_type), (200, "text/csv; charset=utf-8"));
        assert_eq!(r.version, None);
        assert_eq!(r.body.len(), 10);
        assert_eq!(body(r), b"a,</body>\n", "no script in a CSV file");
        let r = reply_for(&Method::Get, "/nowhere/", &snap, site);
        assert_eq!(r.status, 404);
        assert!(body(r).starts_with(b"<body>not here"));
        assert_eq!(reply_for(&Method::Post, "/", &snap, site).status, 405);
        let r = reply_for(&Method::Get, "/__chiso/version", &snap, site);
        assert_eq!(body(r), b"7");
        let r = reply_for(&Method::Get, "/__chiso/reload.js?x", &snap, site);
        assert_eq!(r.content_type, "text/javascript; charset=utf-8");
        let r = reply_for(&Method::Get, "//etc/passwd", &snap, site);
        assert_eq!(r.status, 404, "nothing outside the site's folder");
    }

    #[test]
    fn a_link_to_a_file_only_a_build_makes_says_so() {
        let (dir, snap) = (site(), snapshot(true));
        for target in [
            "/data/reports/tuan-giao-2024-H1.docx",
            "/data/reports/tuan-giao.xlsx?download",
            "/data/chiso-data.xlsx",
        ] {
            let r = reply_for(&Method::Get, target, &snap, dir.path());
            assert_eq!(
                (r.status, r.content_type),
                (404, "text/html; charset=utf-8")
            );
            let text = String::from_utf8(body(r)).unwrap();
            assert!(
                text.contains("Run <code>chiso build</code>"),
                "{target}: {text}"
            );
        }
        let r = reply_for(
            &Method::Get,
            "/data/reports/tuan-giao.csv",
            &snap,
            dir.path(),
        );
        assert!(
            body(r).starts_with(b"<body>not here"),
            "any other file: the site's page"
        );
    }

    #[test]
    fn without_a_site_every_page_lists_the_problems() {
        let (dir, snap) = (site(), snapshot(false));
        let r = reply_for(&Method::Get, "/tuan-giao/", &snap, dir.path());
        assert_eq!(r.status, 503);
        let text = String::from_utf8(body(r)).unwrap();
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
        let r = reply_for(&Method::Get, path, &snap, &rebuilder.site);
        (r.status, body(r))
    }

    #[test]
    fn a_changed_or_added_image_is_served_after_the_rebuild() {
        let (_dir, root) = project_with_a_photo();
        let out = tempfile::tempdir().unwrap();
        let site = out.path().join("site");
        let mut rebuilder = Rebuilder::new(root.clone(), site, Lang::En);
        assert_eq!(
            get(&mut rebuilder, "/media/anh/tram-bts.jpg"),
            (
                200,
                crate::load::images::test_image("jpeg", 4, 3, b"first photo")
            )
        );
        let snap = rebuilder.rebuild(&watch::Burst::default());
        let r = reply_for(
            &Method::Get,
            "/media/anh/tram-bts.jpg",
            &snap,
            &rebuilder.site,
        );
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
        // Only a values file changes: the build renders only what the figures touch, and
        // the photo, not rendered again, is still served.
        let values = root.join("data/values/tam-duong.csv");
        let text = std::fs::read_to_string(&values).unwrap();
        std::fs::write(&values, text.replacen("58990", "58991", 1)).unwrap();
        // (The build the next rebuild would make, made here to see how much it did.)
        let built = build::build(&root, &rebuilder.site, &build_options()).unwrap();
        assert!(matches!(built.how, How::Partial { .. }), "{:?}", built.how);
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
