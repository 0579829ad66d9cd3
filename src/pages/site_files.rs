//! Files for web hosts and crawlers: `sitemap.xml` and `robots.txt`. (The `.gz` copies for
//! hosts that send them are made as files are written: [`crate::output::Staging`].)

use crate::encode::xml::escape;
use crate::routes::{self, INDEX};
use crate::view::OutputFile;

/// Every page's absolute address, from `base_url`; without one there is no sitemap, since
/// sitemaps must hold absolute addresses.
pub fn sitemap(pages: &[String], base_url: Option<&str>) -> Option<OutputFile> {
    let base = base_url?;
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in pages.iter().filter(|p| p.ends_with(INDEX)) {
        let page = routes::folder_of(path);
        xml.push_str(&format!(
            "<url><loc>{}</loc></url>\n",
            escape(&format!("{base}{page}"))
        ));
    }
    xml.push_str("</urlset>\n");
    Some(OutputFile {
        path: routes::SITEMAP.into(),
        bytes: xml.into_bytes(),
    })
}

pub fn robots(base_url: Option<&str>) -> OutputFile {
    let mut text = String::from("User-agent: *\nAllow: /\n");
    if let Some(base) = base_url {
        text.push_str(&format!("Sitemap: {base}{}\n", routes::SITEMAP));
    }
    OutputFile {
        path: routes::ROBOTS.into(),
        bytes: text.into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sitemap_lists_pages_with_absolute_addresses() {
        let files = ["index.html", "en/tuan-giao/index.html", "data/values.csv"].map(String::from);
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
