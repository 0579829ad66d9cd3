//! The Word document's package: its parts, deflated, in one zip file whose bytes depend only on
//! the report (every date the zip format's earliest).
//!
//! docx-rs would store its parts uncompressed (a report ten times the size of its workbook), so
//! the parts are zipped here, in the crate's order. Most parts are the same in every report
//! (the styles, settings, fonts, numbering, relationships): each thread deflates such a part
//! once and copies its compressed bytes into every later package that has the same part, so
//! that only the document itself and its properties are deflated for each report. A copy gives
//! the bytes a fresh deflate would, so the output does not depend on which thread made what.

use std::cell::RefCell;
use std::collections::HashMap;
use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::result::ZipResult;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// Parts that differ from one report to the next, never kept: the text, the title and the dates.
const OWN_PARTS: [&str; 3] = [
    "word/document.xml",
    "docProps/core.xml",
    "docProps/custom.xml",
];

/// A part's name → its bytes and a zip file holding only that part, deflated, for each version
/// of the part seen (one, unless reports differ in their styles).
type Deflated = HashMap<&'static str, Vec<(Vec<u8>, Vec<u8>)>>;

thread_local! {
    static DEFLATED: RefCell<Deflated> =
        RefCell::new(HashMap::new());
}

fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
}

/// The parts of `xml` in the order docx-rs packs them, `document` standing for its
/// `word/document.xml`. Headers, footers, images and web extensions are not listed: the report
/// has none.
fn parts<'a>(xml: &'a XMLDocx, document: &'a [u8]) -> [(&'static str, &'a [u8]); 14] {
    [
        ("[Content_Types].xml", &xml.content_type),
        ("_rels/.rels", &xml.rels),
        ("docProps/app.xml", &xml.doc_props.app),
        ("docProps/core.xml", &xml.doc_props.core),
        ("docProps/custom.xml", &xml.doc_props.custom),
        ("word/_rels/document.xml.rels", &xml.document_rels),
        ("word/document.xml", document),
        ("word/styles.xml", &xml.styles),
        ("word/settings.xml", &xml.settings),
        ("word/fontTable.xml", &xml.font_table),
        ("word/comments.xml", &xml.comments),
        ("word/numbering.xml", &xml.numberings),
        ("word/commentsExtended.xml", &xml.comments_extended),
        ("word/footnotes.xml", &xml.footnotes),
    ]
}

/// The package of `xml`, with `document` as its `word/document.xml`.
pub fn pack(xml: &XMLDocx, document: &[u8]) -> ZipResult<Vec<u8>> {
    let mut out = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in parts(xml, document) {
        if OWN_PARTS.contains(&name) {
            out.start_file(name, options())?;
            out.write_all(bytes)?;
        } else {
            copy_deflated(&mut out, name, bytes)?;
        }
    }
    Ok(out.finish()?.into_inner())
}

/// Writes `bytes` as `name` into `out` from this thread's deflated copy, deflating it first if
/// this thread has none.
fn copy_deflated(
    out: &mut ZipWriter<Cursor<Vec<u8>>>,
    name: &'static str,
    bytes: &[u8],
) -> ZipResult<()> {
    DEFLATED.with(|cache| {
        let mut cache = cache.borrow_mut();
        let versions = cache.entry(name).or_default();
        let k = match versions.iter().position(|(seen, _)| seen == bytes) {
            Some(k) => k,
            None => {
                let mut one = ZipWriter::new(Cursor::new(Vec::new()));
                one.start_file(name, options())?;
                one.write_all(bytes)?;
                versions.push((bytes.to_vec(), one.finish()?.into_inner()));
                versions.len() - 1
            }
        };
        let mut archive = ZipArchive::new(Cursor::new(versions[k].1.as_slice()))?;
        let copied = out.raw_copy_file(archive.by_index_raw(0)?);
        copied
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn unzip(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
        let mut archive = ZipArchive::new(Cursor::new(bytes)).unwrap();
        (0..archive.len())
            .map(|i| {
                let mut f = archive.by_index(i).unwrap();
                let mut b = Vec::new();
                f.read_to_end(&mut b).unwrap();
                (f.name().to_string(), b)
            })
            .collect()
    }

    #[test]
    fn a_copied_part_gives_the_bytes_of_a_fresh_deflate() {
        let xml = docx_rs::Docx::new().build();
        let first = pack(&xml, b"<w:document>one</w:document>").unwrap();
        DEFLATED.with(|c| c.borrow_mut().clear());
        let fresh = pack(&xml, b"<w:document>one</w:document>").unwrap();
        let again = pack(&xml, b"<w:document>one</w:document>").unwrap();
        assert_eq!(first, fresh);
        assert_eq!(fresh, again);
        let parts = unzip(&again);
        assert_eq!(parts.len(), 14);
        assert_eq!(
            parts[6],
            (
                "word/document.xml".into(),
                b"<w:document>one</w:document>".to_vec()
            )
        );
        assert_eq!(parts[7], ("word/styles.xml".into(), xml.styles.clone()));
    }
}
