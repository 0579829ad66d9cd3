//! Writing text in the formats the site publishes, one writer or escape per format, used by
//! every output family: CSV (`csv.rs`: spreadsheet-safe cells), XML (`xml.rs`: SVG, Atom,
//! sitemap, Word) and HTML (`html.rs`: pages, narratives, the preview's own pages).

pub mod csv;
pub mod html;
pub mod xml;
