//! Files for web hosts and crawlers: `sitemap.xml`, `robots.txt`, and a precompressed `.gz`
//! beside every text file for hosts that serve them (nginx `gzip_static`).

use super::OutputFile;

const COMPRESSED: &[&str] = &["html", "css", "js", "svg", "csv", "json", "xml", "txt"];

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Every page's absolute address, from `base_url`; without one there is no sitemap, since
/// sitemaps must hold absolute addresses.
pub fn sitemap(files: &[OutputFile], base_url: Option<&str>) -> Option<OutputFile> {
    let base = base_url?;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for f in files.iter().filter(|f| f.path.ends_with("index.html")) {
        let page = f.path.strip_suffix("index.html").unwrap_or(&f.path);
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            xml_escape(&format!("{base}{page}"))
        ));
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile {
        path: "sitemap.xml".into(),
        bytes: xml.into_bytes(),
    })
}

pub fn robots(base_url: Option<&str>) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base_url {
        text.push_str(&format!("Sitemap: {base}sitemap.xml\n"));
    }
    OutputFile {
        path: "robots.txt".into(),
        bytes: text.into_bytes(),
    }
}

/// gzip with no name and no time in the header, so the bytes depend only on the content.
/// libdeflate compresses whole buffers several times faster than zlib at a better ratio, and
/// one compressor per thread is reused across files.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    thread_local! {
        static COMPRESSOR: std::cell::RefCell<libdeflater::Compressor> =
            std::cell::RefCell::new(libdeflater::Compressor::new(libdeflater::CompressionLvl::new(6).unwrap_or_default()));
    }
    COMPRESSOR.with(|c| {
        let mut c = c.borrow_mut();
        let mut out = vec![0; c.gzip_compress_bound(bytes.len())];
        match c.gzip_compress(bytes, &mut out) {
            Ok(n) => {
                out.truncate(n);
                out
            }
            Err(_) => Vec::new(),
        }
    })
}

pub fn with_gzip(files: Vec<OutputFile>) -> Vec<OutputFile> {
    use rayon::prelude::*;
    let gz: Vec<OutputFile> = files
        .par_iter()
        .filter(|f| {
            f.path
                .rsplit_once('.')
                .is_some_and(|(_, ext)| COMPRESSED.contains(&ext))
        })
        .map(|f| OutputFile {
            path: format!("{}.gz", f.path),
            bytes: gzip(&f.bytes),
        })
        .collect();
    let mut all = files;
    all.extend(gz);
    all.sort_by(|a, b| a.path.cmp(&b.path));
    all
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn gzip_round_trips_and_is_deterministic() {
        let text = "Huyện Tuần Giáo ".repeat(100);
        let a = gzip(text.as_bytes());
        assert_eq!(a, gzip(text.as_bytes()));
        let mut out = String::new();
        flate2::read::GzDecoder::new(&a[..])
            .read_to_string(&mut out)
            .unwrap();
        assert_eq!(out, text);
    }

    #[test]
    fn sitemap_lists_pages_with_absolute_addresses() {
        let files = vec![
            OutputFile {
                path: "index.html".into(),
                bytes: vec![],
            },
            OutputFile {
                path: "en/tuan-giao/index.html".into(),
                bytes: vec![],
            },
            OutputFile {
                path: "data/values.csv".into(),
                bytes: vec![],
            },
        ];
        let s = String::from_utf8(
            sitemap(&files, Some("https://x.vn/so-lieu/"))
                .unwrap()
                .bytes,
        )
        .unwrap();
        assert!(s.contains("<loc>https://x.vn/so-lieu/</loc>"));
        assert!(s.contains("<loc>https://x.vn/so-lieu/en/tuan-giao/</loc>"));
        assert!(!s.contains("values.csv"));
        assert!(sitemap(&files, None).is_none());
    }
}
