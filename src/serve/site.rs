//! The site as the server holds it: every file in memory, looked up by URL path.
//!
//! Everything here is pure so that it can be tested without a socket or a watcher.

use std::collections::HashMap;
use std::sync::Arc;

use crate::render::OutputFile;
use crate::routes::INDEX;

/// Added to every HTML page the server sends; never part of a built site. External because the
/// pages' Content-Security-Policy (`script-src 'self'`) forbids inline scripts.
pub const RELOAD_TAG: &str = "<script src=\"/__chiso/reload.js\"></script>";

/// The built files by their path relative to the site's root (`tuan-giao/index.html`).
#[derive(Debug, Default)]
pub struct Site {
    files: HashMap<String, Arc<[u8]>>,
}

/// What a rebuild changed compared with the site served before it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Changes {
    pub files: usize,
    pub changed: usize,
    pub removed: usize,
}

impl Site {
    /// Takes a fresh build, adds the reload script to its pages and compares it with
    /// `previous`. Unchanged files share the previous build's bytes, so two consecutive
    /// builds cost the memory of one plus what changed.
    pub fn from_output(output: Vec<OutputFile>, previous: Option<&Site>) -> (Site, Changes) {
        let files = HashMap::with_capacity(output.len());
        Site::merge(files, output, previous)
    }

    /// `previous` with a partial build laid over it: the files in `replaces` are dropped,
    /// then `output`'s files added or replaced.
    pub fn patched(
        previous: &Site,
        output: Vec<OutputFile>,
        replaces: &[String],
    ) -> (Site, Changes) {
        let mut files = previous.files.clone();
        for path in replaces {
            files.remove(path);
        }
        Site::merge(files, output, Some(previous))
    }

    fn merge(
        mut files: HashMap<String, Arc<[u8]>>,
        output: Vec<OutputFile>,
        previous: Option<&Site>,
    ) -> (Site, Changes) {
        let mut changed = 0;
        for file in output {
            let bytes = if is_html(&file.path) {
                inject(&file.bytes)
            } else {
                file.bytes
            };
            let shared = match previous.and_then(|p| p.files.get(&file.path)) {
                Some(old) if **old == *bytes => Arc::clone(old),
                _ => {
                    changed += 1;
                    Arc::from(bytes)
                }
            };
            files.insert(file.path, shared);
        }
        let removed = previous.map_or(0, |p| {
            p.files.keys().filter(|k| !files.contains_key(*k)).count()
        });
        let changes = Changes {
            files: files.len(),
            changed,
            removed,
        };
        (Site { files }, changes)
    }

    pub fn get(&self, path: &str) -> Option<&Arc<[u8]>> {
        self.files.get(path)
    }

    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }
}

/// How a request path maps onto the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The file's key in the site.
    File(String),
    /// A folder asked for without its trailing slash: the pages link relatively, so they must
    /// be read from the folder's own address.
    Redirect(String),
    NotFound,
}

/// Resolves a request target (`/tuan-giao/?x=1`) against the site.
pub fn resolve(site: &Site, target: &str) -> Lookup {
    let (raw_path, query) = match target.find(['?', '#']) {
        Some(i) => (&target[..i], &target[i..]),
        None => (target, ""),
    };
    let Some(path) = decode_path(raw_path) else {
        return Lookup::NotFound;
    };
    let Some(rel) = path.strip_prefix('/') else {
        return Lookup::NotFound;
    };
    let is_folder = rel.is_empty() || rel.ends_with('/');
    let key = if is_folder {
        format!("{rel}{INDEX}")
    } else {
        rel.to_string()
    };
    if site.contains(&key) {
        return Lookup::File(key);
    }
    if !is_folder && site.contains(&format!("{rel}/{INDEX}")) {
        // Only `?…` survives a redirect; a fragment never reaches the server anyway.
        let query = if query.starts_with('?') { query } else { "" };
        return Lookup::Redirect(format!("{raw_path}/{query}"));
    }
    Lookup::NotFound
}

/// Percent-decodes a URL path and refuses anything that could step outside the site.
fn decode_path(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    let path = String::from_utf8(out).ok()?;
    let unsafe_segment = path
        .split('/')
        .any(|s| s == ".." || s == "." || s.contains(['\\', '\0']));
    (!unsafe_segment).then_some(path)
}

fn extension(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').map_or("", |(_, ext)| ext)
}

pub fn is_html(path: &str) -> bool {
    matches!(
        extension(path).to_ascii_lowercase().as_str(),
        "html" | "htm"
    )
}

/// The Content-Type for a file of the site; text always says it is UTF-8, because a browser
/// left to guess reads a Vietnamese CSV as Windows-1252.
pub fn content_type(path: &str) -> &'static str {
    match extension(path).to_ascii_lowercase().as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "json" => "application/json; charset=utf-8",
        "geojson" => "application/geo+json; charset=utf-8",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "rss" => "application/rss+xml; charset=utf-8",
        "atom" => "application/atom+xml; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "webmanifest" => "application/manifest+json; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff" => "font/woff",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "zip" => "application/zip",
        _ => "application/octet-stream",
    }
}

/// Puts the reload script just before the last `</body>`, or at the end of a page without one.
pub fn inject(html: &[u8]) -> Vec<u8> {
    const CLOSE: &[u8] = b"</body>";
    let at = html
        .windows(CLOSE.len())
        .rposition(|w| w.eq_ignore_ascii_case(CLOSE))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + RELOAD_TAG.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(RELOAD_TAG.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

pub use crate::markdown::escape::escape_html;

#[cfg(test)]
mod tests {
    use super::*;

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    fn sample() -> Site {
        Site::from_output(
            vec![
                file("index.html", "<html><body>home</body></html>"),
                file("tuan-giao/index.html", "<body>tg</body>"),
                file("data/values.csv", "unit,indicator\n"),
                file("404.html", "<body>nf</body>"),
            ],
            None,
        )
        .0
    }

    #[test]
    fn resolves_folders_files_and_redirects() {
        let site = sample();
        assert_eq!(resolve(&site, "/"), Lookup::File("index.html".into()));
        assert_eq!(resolve(&site, "/?x=1"), Lookup::File("index.html".into()));
        assert_eq!(
            resolve(&site, "/tuan-giao/"),
            Lookup::File("tuan-giao/index.html".into())
        );
        assert_eq!(
            resolve(&site, "/tuan-giao/index.html#top"),
            Lookup::File("tuan-giao/index.html".into())
        );
        assert_eq!(
            resolve(&site, "/tuan-giao?lang=en"),
            Lookup::Redirect("/tuan-giao/?lang=en".into())
        );
        assert_eq!(
            resolve(&site, "/data/values.csv"),
            Lookup::File("data/values.csv".into())
        );
        assert_eq!(
            resolve(&site, "/data/values%2Ecsv"),
            Lookup::File("data/values.csv".into())
        );
        assert_eq!(resolve(&site, "/nam-po/"), Lookup::NotFound);
        assert_eq!(resolve(&site, "/data/values.csv/"), Lookup::NotFound);
    }

    #[test]
    fn refuses_paths_outside_the_site() {
        let site = sample();
        for bad in [
            "/../index.html",
            "/tuan-giao/../index.html",
            "/%2e%2e/index.html",
            "/a%5c..%5cindex.html",
            "/%ZZ",
            "/%C3",
            "index.html",
        ] {
            assert_eq!(resolve(&site, bad), Lookup::NotFound, "{bad}");
        }
    }

    #[test]
    fn text_types_say_utf8() {
        for (path, ty) in [
            ("index.html", "text/html; charset=utf-8"),
            ("assets/style.css", "text/css; charset=utf-8"),
            ("assets/app.js", "text/javascript; charset=utf-8"),
            ("data/values.csv", "text/csv; charset=utf-8"),
            ("data/x.json", "application/json; charset=utf-8"),
            ("chart.SVG", "image/svg+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("logo.png", "image/png"),
            ("README", "application/octet-stream"),
            ("v.1/file", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), ty, "{path}");
        }
    }

    #[test]
    fn injects_before_the_last_body_end() {
        let html = b"<body><pre>&lt;/body&gt; </body></pre></BODY>\n</html>";
        let out = String::from_utf8(inject(html)).unwrap_or_default();
        assert_eq!(
            out,
            format!("<body><pre>&lt;/body&gt; </body></pre>{RELOAD_TAG}</BODY>\n</html>")
        );
        assert_eq!(
            String::from_utf8(inject(b"<p>x")).unwrap_or_default(),
            format!("<p>x{RELOAD_TAG}")
        );
    }

    #[test]
    fn injects_into_pages_only_and_counts_changes() {
        let (first, changes) = Site::from_output(
            vec![
                file("index.html", "<body>a</body>"),
                file("data/values.csv", "</body>"),
                file("gone.csv", "x"),
            ],
            None,
        );
        assert_eq!(changes.changed, 3);
        let page = first
            .get("index.html")
            .map(|b| b.to_vec())
            .unwrap_or_default();
        assert!(page.ends_with(format!("{RELOAD_TAG}</body>").as_bytes()));
        assert_eq!(
            first.get("data/values.csv").map(|b| b.to_vec()),
            Some(b"</body>".to_vec())
        );
        let (second, changes) = Site::from_output(
            vec![
                file("index.html", "<body>a</body>"),
                file("data/values.csv", "changed"),
            ],
            Some(&first),
        );
        assert_eq!(
            changes,
            Changes {
                files: 2,
                changed: 1,
                removed: 1
            }
        );
        let (Some(a), Some(b)) = (first.get("index.html"), second.get("index.html")) else {
            panic!("index.html missing");
        };
        assert!(Arc::ptr_eq(a, b), "unchanged files share their bytes");
    }

    #[test]
    fn escapes_markup() {
        assert_eq!(
            escape_html("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }
}
