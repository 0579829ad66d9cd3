//! The built site as the server reads it: which file a request's address names, what type it
//! is, and the reload script added to every page on its way out.
//!
//! Everything here is pure (the files' presence is asked through a function) so that it can
//! be tested without a socket, a watcher or a build.

use crate::routes::INDEX;

/// Added to every HTML page the server sends; never part of a built site. External because the
/// pages' Content-Security-Policy (`script-src 'self'`) forbids inline scripts.
pub const RELOAD_TAG: &str = "<script src=\"/__chiso/reload.js\"></script>";

/// How a request path maps onto the site.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The file's path relative to the site's root (`tuan-giao/index.html`).
    File(String),
    /// A folder asked for without its trailing slash: the pages link relatively, so they must
    /// be read from the folder's own address.
    Redirect(String),
    NotFound,
}

/// Resolves a request target (`/tuan-giao/?x=1`) against the site; `exists` says whether the
/// site has a file at a path relative to its root.
pub fn resolve(target: &str, exists: impl Fn(&str) -> bool) -> Lookup {
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
    if exists(&key) {
        return Lookup::File(key);
    }
    if !is_folder && exists(&format!("{rel}/{INDEX}")) {
        // Only `?…` survives a redirect; a fragment never reaches the server anyway.
        let query = if query.starts_with('?') { query } else { "" };
        return Lookup::Redirect(format!("{raw_path}/{query}"));
    }
    Lookup::NotFound
}

/// Percent-decodes a URL path and refuses anything that could step outside the site: `..`,
/// an empty segment (`//etc/passwd` would name a path from the disk's root), backslashes,
/// drive letters and NUL.
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
    let segments: Vec<&str> = path.split('/').collect();
    let last = segments.len().saturating_sub(1);
    let unsafe_segment = segments.iter().enumerate().any(|(n, s)| {
        // The first segment is what comes before the leading slash, the last may be empty
        // (a folder's address).
        let misplaced_empty = s.is_empty() && n != 0 && n != last;
        *s == ".." || *s == "." || misplaced_empty || s.contains(['\\', '\0', ':'])
    });
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

pub use crate::encode::html::escape_html;

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(key: &str) -> bool {
        [
            "index.html",
            "tuan-giao/index.html",
            "data/values.csv",
            "404.html",
        ]
        .contains(&key)
    }

    #[test]
    fn resolves_folders_files_and_redirects() {
        assert_eq!(resolve("/", sample), Lookup::File("index.html".into()));
        assert_eq!(resolve("/?x=1", sample), Lookup::File("index.html".into()));
        assert_eq!(
            resolve("/tuan-giao/", sample),
            Lookup::File("tuan-giao/index.html".into())
        );
        assert_eq!(
            resolve("/tuan-giao/index.html#top", sample),
            Lookup::File("tuan-giao/index.html".into())
        );
        assert_eq!(
            resolve("/tuan-giao?lang=en", sample),
            Lookup::Redirect("/tuan-giao/?lang=en".into())
        );
        assert_eq!(
            resolve("/data/values.csv", sample),
            Lookup::File("data/values.csv".into())
        );
        assert_eq!(
            resolve("/data/values%2Ecsv", sample),
            Lookup::File("data/values.csv".into())
        );
        assert_eq!(resolve("/nam-po/", sample), Lookup::NotFound);
        assert_eq!(resolve("/data/values.csv/", sample), Lookup::NotFound);
    }

    #[test]
    fn refuses_paths_outside_the_site() {
        // Whatever the folder holds: the site is a folder on disk, and none of these may
        // name a file outside it.
        let anything = |_: &str| true;
        for bad in [
            "/../index.html",
            "/tuan-giao/../index.html",
            "/%2e%2e/index.html",
            "/a%5c..%5cindex.html",
            "//etc/passwd",
            "/%2Fetc/passwd",
            "/data//values.csv",
            "/C:/Windows/win.ini",
            "/%ZZ",
            "/%C3",
            "index.html",
        ] {
            assert_eq!(resolve(bad, anything), Lookup::NotFound, "{bad}");
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
    fn escapes_markup() {
        assert_eq!(
            escape_html("<a href=\"x\">&'</a>"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;&lt;/a&gt;"
        );
    }
}
