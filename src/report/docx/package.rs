//! The Word document's package: its parts, deflated, in one zip file whose bytes depend only on
//! the report (every date the zip format's earliest).
//!
//! docx-rs would store its parts uncompressed (a report ten times the size of its workbook), so
//! the parts are zipped here, in the crate's order. Most parts are the same in every report
//! (the styles, settings, fonts, numbering, relationships): each thread deflates such a part
//! once and copies its compressed bytes into every later package that has the same part, so
//! that only the document itself and its properties are deflated for each report. A copy gives
//! the bytes a fresh deflate would, so the output does not depend on which thread made what.
//!
//! The parts docx-rs writes for every document but a report never uses (comments, their
//! extension, footnotes, numbering: empty lists and defaults, 1.7 KB of each ~10 KB report) are
//! left out, with their entries in the content types and the document's relationships, so
//! that every part a package holds is one that a reader is told about, and no more.

use std::borrow::Cow;
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

/// Parts docx-rs writes that a report never uses: it has no comments, footnotes or lists.
const UNUSED_PARTS: [&str; 4] = [
    "word/comments.xml",
    "word/commentsExtended.xml",
    "word/footnotes.xml",
    "word/numbering.xml",
];

/// A part's name → its bytes as docx-rs wrote them and a zip file holding only that part as
/// packed ([`as_packed`]), deflated, for each version of the part seen (one, unless reports
/// differ in their styles).
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
/// `word/document.xml`, without [`UNUSED_PARTS`]. Headers, footers, images and web extensions
/// are not listed: the report has none.
fn parts<'a>(xml: &'a XMLDocx, document: &'a [u8]) -> [(&'static str, &'a [u8]); 10] {
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

/// The bytes of part `name` as packed: the content types and the document's relationships
/// without the entries of [`UNUSED_PARTS`], every other part as docx-rs wrote it. Made only
/// when a thread first deflates a part: the result is the same for every report.
fn as_packed<'a>(name: &str, bytes: &'a [u8]) -> Cow<'a, [u8]> {
    match name {
        "[Content_Types].xml" => without(bytes, "<Override ", |e| {
            UNUSED_PARTS
                .iter()
                .any(|p| e.contains(&format!("\"/{p}\"")))
        })
        .into(),
        "word/_rels/document.xml.rels" => without(bytes, "<Relationship ", |e| {
            UNUSED_PARTS.iter().any(|p| {
                let target = p.trim_start_matches("word/");
                e.contains(&format!("Target=\"{target}\""))
            })
        })
        .into(),
        _ => bytes.into(),
    }
}

/// `xml` without its empty elements (`<Name … />`) that start with `open` and that `drop`
/// picks: docx-rs writes each content type and relationship as one such element.
fn without(xml: &[u8], open: &str, drop: impl Fn(&str) -> bool) -> Vec<u8> {
    let text = String::from_utf8_lossy(xml);
    let mut out = String::with_capacity(text.len());
    let mut rest: &str = &text;
    while let Some(start) = rest.find(open) {
        let Some(len) = rest[start..].find("/>").map(|end| end + 2) else {
            break;
        };
        let element = &rest[start..start + len];
        out.push_str(&rest[..start]);
        if !drop(element) {
            out.push_str(element);
        }
        rest = &rest[start + len..];
    }
    out.push_str(rest);
    out.into_bytes()
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
                one.write_all(&as_packed(name, bytes))?;
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
        assert_eq!(parts.len(), 10);
        assert_eq!(
            parts[6],
            (
                "word/document.xml".into(),
                b"<w:document>one</w:document>".to_vec()
            )
        );
        assert_eq!(parts[7], ("word/styles.xml".into(), xml.styles.clone()));
    }

    #[test]
    fn every_part_of_the_package_is_named_and_every_relationship_leads_to_one() {
        let xml = docx_rs::Docx::new().build();
        let parts = unzip(&pack(&xml, b"<w:document/>").unwrap());
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        let text = |name: &str| {
            let (_, b) = parts.iter().find(|(n, _)| n == name).unwrap();
            String::from_utf8(b.clone()).unwrap()
        };
        let types = text("[Content_Types].xml");
        for name in names.iter().filter(|n| **n != "[Content_Types].xml") {
            assert!(
                types.contains(&format!("PartName=\"/{name}\"")),
                "{name} has no content type of its own"
            );
        }
        for unused in UNUSED_PARTS {
            assert!(!names.contains(&unused), "{unused} is packed");
            assert!(!types.contains(unused), "{unused} still has a content type");
        }
        let rels = text("word/_rels/document.xml.rels");
        for target in rels.split("Target=\"").skip(1) {
            let target = &target[..target.find('"').unwrap()];
            let part = format!("word/{target}");
            assert!(
                names.contains(&part.as_str()),
                "{part} is named but not packed"
            );
        }
        assert!(rels.contains("Target=\"styles.xml\""));
        assert!(types.contains("PartName=\"/word/document.xml\""));
    }

    #[test]
    fn without_keeps_every_element_it_is_not_told_to_drop() {
        let xml = b"<T><O a=\"1\" /><O a=\"2\" /><P /></T>";
        let kept = without(xml, "<O ", |e| e.contains("\"2\""));
        assert_eq!(kept, b"<T><O a=\"1\" /><P /></T>");
    }
}
