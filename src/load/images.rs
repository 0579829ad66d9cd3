//! Images in narratives: `![Trạm BTS mới ở xã Mường Mùn](anh/tram-bts.jpg)`.
//!
//! The path is read from the narrative's folder and must stay inside `content/`. Every image
//! written is checked here, when the project is loaded, so that `check`, `build` and `serve`
//! refuse the same things; the images that pass are listed in [`Content::images`] and copied,
//! byte for byte, to `media/<path inside content/>` in the site.

use std::collections::BTreeMap;
use std::path::{Component, Path};

use crate::diagnostics::{Diagnostics, Problem};
use crate::markdown::{self, Image};
use crate::model::content::{Content, ImageFile, Narrative};
use crate::text::suggest;

/// The kinds of image every browser shows, by extension (compared without case). Not SVG: an
/// SVG file is a document that can carry script, which runs when a reader opens the image by
/// itself on a host that does not send the site's Content-Security-Policy.
pub const EXTENSIONS: &[&str] = &["jpg", "jpeg", "png", "gif", "webp", "avif"];

/// Above this, an image gets a warning: readers are on phones and slow connections.
pub const LARGE_BYTES: u64 = 300 * 1024;

/// Whether `dest` is an address rather than a path: `https://…`, `//host/…`, `data:…`. A single
/// letter before `:` is a Windows drive (`C:\…`), which is a path.
fn is_address(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    let Some((scheme, _)) = dest.split_once(':') else {
        return false;
    };
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// `%20` and other escapes decoded, when they decode to text; otherwise the path as written.
fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// The narrative's folder inside `content/`: empty for `content/x.md`, `["pages"]` for
/// `content/pages/x.md`.
fn folder_in_content(narrative: &Path) -> Vec<String> {
    let mut names: Vec<String> = narrative
        .parent()
        .unwrap_or(Path::new(""))
        .components()
        .filter_map(|c| match c {
            Component::Normal(n) => Some(n.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if names.first().is_some_and(|n| n == "content") {
        names.remove(0);
    }
    names
}

/// Where an image written in `narrative` (its path from the project root, e.g.
/// `content/pages/about.md`) is, relative to `content/` and `/`-separated: `anh/tram-bts.jpg`.
/// Only the text is looked at; whether the file exists is [`check`]'s business.
pub fn resolve(narrative: &Path, dest: &str) -> Result<String, Problem> {
    let written = dest.trim();
    if written.is_empty() {
        return Err(Problem::ImageMissing {
            path: String::new(),
            suggestion: None,
        });
    }
    if is_address(written) {
        return Err(Problem::ImageExternal {
            url: written.to_string(),
        });
    }
    // Windows users may write `anh\tram-bts.jpg`; a browser would read it as `/` too.
    let path = percent_decode(written).replace('\\', "/");
    let drive = path.len() >= 2 && path.as_bytes()[1] == b':';
    let outside = || Problem::ImageOutsideContent {
        path: written.to_string(),
        suggestion: None,
    };
    if path.starts_with('/') || drive {
        return Err(outside());
    }
    let mut names = folder_in_content(narrative);
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                names.pop().ok_or_else(outside)?;
            }
            name => names.push(name.to_string()),
        }
    }
    let is_image = path.rsplit('/').next().is_some_and(|name| {
        name.rsplit_once('.').is_some_and(|(stem, ext)| {
            !stem.is_empty() && EXTENSIONS.contains(&ext.to_ascii_lowercase().as_str())
        })
    });
    if !is_image {
        return Err(Problem::ImageType {
            path: written.to_string(),
            allowed: EXTENSIONS,
        });
    }
    Ok(names.join("/"))
}

/// `target` (inside `content/`) as written from the folder `from` (inside `content/`).
fn relative_from(from: &[String], target: &str) -> String {
    let target: Vec<&str> = target.split('/').collect();
    let common = from
        .iter()
        .zip(&target)
        .take_while(|(a, b)| a.as_str() == **b)
        .count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&target[common..]);
    parts.join("/")
}

/// Every image file under `content/`, relative to it, sorted: what a mistyped path may have
/// meant.
fn image_files(root: &Path) -> Vec<String> {
    let dir = root.join("content");
    let mut files: Vec<String> = walkdir::WalkDir::new(&dir)
        .min_depth(1)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| !e.file_type().is_dir())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(&dir).ok()?;
            let names: Vec<&str> = rel.iter().filter_map(|n| n.to_str()).collect();
            (names.len() == rel.iter().count()).then(|| names.join("/"))
        })
        .filter(|rel| resolve(Path::new("content/x.md"), rel).is_ok())
        .filter(|rel| {
            !rel.split('/')
                .any(|n| n.starts_with('.') || n.starts_with("~$"))
        })
        .collect();
    files.sort();
    files
}

/// The existing image the editor most likely meant by `written`, as a path from the narrative's
/// folder: one with the same file name, else one spelt nearly alike.
fn nearest(files: &[String], narrative: &Path, written: &str, spelling: bool) -> Option<String> {
    let from = folder_in_content(narrative);
    let candidates: Vec<String> = files.iter().map(|f| relative_from(&from, f)).collect();
    let written = percent_decode(written.trim()).replace('\\', "/");
    let name = written.rsplit('/').next().unwrap_or("").to_lowercase();
    let same_name = candidates.iter().find(|c| {
        c.rsplit('/')
            .next()
            .is_some_and(|n| n.to_lowercase() == name)
    });
    match same_name {
        Some(c) => Some(c.clone()),
        None if spelling => suggest(&written, candidates.iter().map(String::as_str)),
        None => None,
    }
}

/// Checks every image of every narrative and lists, in `content.images`, the files to publish:
/// by their path inside `content/`, the path from the project root.
pub fn check(root: &Path, content: &mut Content, diags: &mut Diagnostics) {
    let mut narratives: Vec<&Narrative> = content.units.values().collect();
    narratives.extend(content.pages.values().map(|p| &p.narrative));
    // Listed only when a path is wrong, and then once.
    let mut files: Option<Vec<String>> = None;
    let mut images: BTreeMap<String, ImageFile> = BTreeMap::new();
    // Files whose content was refused, so that each is reported once.
    let mut refused: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    // Where each image a narrative writes is, for its page: resolved here, once.
    let mut refs: BTreeMap<(std::path::PathBuf, String), String> = BTreeMap::new();
    for n in narratives {
        for image in markdown::images(&n.markdown) {
            let line = n.body_line + n.markdown[..image.offset()].matches('\n').count();
            let mut report = |problem| diags.push(&n.file, Some(line), None, problem);
            let Image::Markdown { dest, alt, .. } = image else {
                report(Problem::ImageHtml);
                continue;
            };
            if alt.trim().is_empty() {
                report(Problem::ImageNoAlt {
                    path: dest.trim().to_string(),
                });
            }
            let rel = match resolve(&n.file, &dest) {
                Ok(rel) => rel,
                Err(mut problem) => {
                    if let Problem::ImageOutsideContent { suggestion, .. } = &mut problem {
                        let files = files.get_or_insert_with(|| image_files(root));
                        *suggestion = nearest(files, &n.file, &dest, false);
                    }
                    report(problem);
                    continue;
                }
            };
            refs.insert((n.file.clone(), dest.to_string()), rel.clone());
            // Shown before: checked, and its size reported, once.
            if images.contains_key(&rel) || refused.contains(&rel) {
                continue;
            }
            let from_root = Path::new("content").join(&rel);
            let found = std::fs::metadata(root.join(&from_root)).ok();
            // A folder, a pipe or a device by the image's name: named, never opened.
            if let Some(what) = found.as_ref().and_then(super::files::not_a_file) {
                refused.insert(rel);
                report(Problem::NotAFile { what });
                continue;
            }
            let Some(meta) = found else {
                let files = files.get_or_insert_with(|| image_files(root));
                report(Problem::ImageMissing {
                    path: dest.trim().to_string(),
                    suggestion: nearest(files, &n.file, &dest, true),
                });
                continue;
            };
            // The file or a folder on its way may be a link out of the project.
            if let Err(problem) = super::files::read_dir_check(root, &from_root) {
                report(problem);
                continue;
            }
            if meta.len() > super::files::MAX_FILE_BYTES {
                report(Problem::TooLarge {
                    limit: super::files::file_limit(),
                });
                continue;
            }
            if meta.len() > LARGE_BYTES {
                report(Problem::ImageLarge {
                    path: dest.trim().to_string(),
                    bytes: meta.len(),
                    limit: LARGE_BYTES,
                });
            }
            let (width, height) = match pixel_size(&root.join(&from_root)) {
                Ok(size) => size,
                Err(format) => {
                    refused.insert(rel);
                    report(Problem::ImageContent {
                        path: dest.trim().to_string(),
                        format,
                    });
                    continue;
                }
            };
            // Read here, with every other input: rendering only copies what load read.
            let bytes = match super::files::read(root, &from_root) {
                Ok(bytes) => bytes,
                Err(problem) => {
                    refused.insert(rel);
                    report(problem);
                    continue;
                }
            };
            images.insert(
                rel,
                ImageFile {
                    path: from_root,
                    width,
                    height,
                    bytes,
                },
            );
        }
    }
    refs.retain(|_, rel| images.contains_key(rel));
    content.images = images;
    content.image_refs = refs;
}

/// The width and height of an image browsers show, read from its header (whatever the file's
/// name says); otherwise what the file is (`HEIC`, `TIFF`), when that is known.
pub fn pixel_size(path: &Path) -> Result<(u32, u32), Option<String>> {
    use imagesize::ImageType;
    let file = std::fs::File::open(path).map_err(|_| None)?;
    let mut reader = std::io::BufReader::new(file);
    let kind = imagesize::reader_type(&mut reader).map_err(|_| None)?;
    match kind {
        ImageType::Jpeg | ImageType::Png | ImageType::Gif | ImageType::Webp => {}
        // AVIF is HEIF holding AV1; HEIC (an iPhone's photos) holds HEVC, which browsers lack.
        ImageType::Heif(imagesize::Compression::Av1) => {}
        ImageType::Heif(_) => return Err(Some("HEIC".into())),
        other => return Err(Some(format!("{other:?}").to_uppercase())),
    }
    let size = kind.reader_size(&mut reader).map_err(|_| None)?;
    let dimension = |n: usize| u32::try_from(n).ok().filter(|&n| n > 0);
    match (dimension(size.width), dimension(size.height)) {
        (Some(w), Some(h)) => Ok((w, h)),
        _ => Err(None),
    }
}

/// The header of a `kind` image (`jpeg`, `png`, `heic`) of `width` × `height` pixels, then
/// `body`: as much of a file as the checks read.
#[cfg(test)]
pub(crate) fn test_image(kind: &str, width: u16, height: u16, body: &[u8]) -> Vec<u8> {
    let (w, h) = (width.to_be_bytes(), height.to_be_bytes());
    let mut bytes = match kind {
        // Start of image, then a baseline frame header with the size.
        "jpeg" => [
            &[0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08][..],
            &h,
            &w,
            &[0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01],
        ]
        .concat(),
        // The signature, then the header chunk.
        "png" => [
            &b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0"[..],
            &w,
            &[0, 0],
            &h,
            &[8, 2, 0, 0, 0, 0, 0, 0, 0],
        ]
        .concat(),
        "heic" => b"\0\0\0\x18ftypheic\0\0\0\0mif1heic".to_vec(),
        other => panic!("no test image of kind {other}"),
    };
    bytes.extend_from_slice(body);
    bytes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn home() -> &'static Path {
        Path::new("content/_index.md")
    }

    fn page() -> &'static Path {
        Path::new("content/pages/about.md")
    }

    #[test]
    fn paths_are_read_from_the_narratives_folder() {
        assert_eq!(
            resolve(home(), "anh/tram-bts.jpg"),
            Ok("anh/tram-bts.jpg".into())
        );
        assert_eq!(resolve(home(), "./anh//x.PNG"), Ok("anh/x.PNG".into()));
        assert_eq!(resolve(page(), "../anh/x.jpg"), Ok("anh/x.jpg".into()));
        assert_eq!(resolve(page(), "x.webp"), Ok("pages/x.webp".into()));
        assert_eq!(
            resolve(page(), "anh/../../anh/x.avif"),
            Ok("anh/x.avif".into())
        );
        assert_eq!(
            resolve(home(), "anh\\tram bts.jpeg"),
            Ok("anh/tram bts.jpeg".into())
        );
        assert_eq!(
            resolve(home(), "anh/tr%E1%BA%A1m%20bts.AVIF"),
            Ok("anh/trạm bts.AVIF".into())
        );
        assert_eq!(resolve(home(), "anh/100%.gif"), Ok("anh/100%.gif".into()));
    }

    #[test]
    fn paths_that_leave_content_are_refused() {
        for dest in [
            "../anh/x.jpg",
            "anh/../../x.jpg",
            "../data/x.png",
            "/anh/x.jpg",
            "C:\\Users\\Lan\\Pictures\\x.jpg",
            "c:/x.jpg",
            "\\\\server\\share\\x.jpg",
            "%2E%2E/x.jpg",
        ] {
            assert!(
                matches!(
                    resolve(home(), dest),
                    Err(Problem::ImageOutsideContent { .. })
                ),
                "{dest}: {:?}",
                resolve(home(), dest)
            );
        }
        assert!(matches!(
            resolve(page(), "../../x.jpg"),
            Err(Problem::ImageOutsideContent { .. })
        ));
    }

    #[test]
    fn addresses_and_other_files_are_refused() {
        for dest in [
            "https://example.vn/a.jpg",
            "http://example.vn/a.jpg",
            "//example.vn/a.jpg",
            "data:image/png;base64,iVBOR",
            "file:///C:/a.jpg",
        ] {
            assert!(
                matches!(resolve(home(), dest), Err(Problem::ImageExternal { .. })),
                "{dest}"
            );
        }
        for dest in [
            "anh/bao-cao.pdf",
            "anh/x",
            "anh/",
            ".jpg",
            "anh/x.jpg.txt",
            "anh/x.bmp",
            "anh/so-do.svg",
            "anh/SO-DO.SVG",
        ] {
            assert!(
                matches!(resolve(home(), dest), Err(Problem::ImageType { .. })),
                "{dest}"
            );
        }
        assert!(matches!(
            resolve(home(), "  "),
            Err(Problem::ImageMissing { .. })
        ));
    }

    #[test]
    fn suggestions_are_written_from_the_narratives_folder() {
        let files = vec![
            "anh/tram-bts.jpg".to_string(),
            "pages/so-do.png".to_string(),
        ];
        assert_eq!(relative_from(&[], "anh/x.jpg"), "anh/x.jpg");
        assert_eq!(
            relative_from(&["pages".into()], "anh/x.jpg"),
            "../anh/x.jpg"
        );
        assert_eq!(relative_from(&["pages".into()], "pages/x.jpg"), "x.jpg");
        assert_eq!(
            nearest(&files, home(), "anh/tram-bst.jpg", true).as_deref(),
            Some("anh/tram-bts.jpg")
        );
        assert_eq!(
            nearest(&files, page(), "anh/tram-bts.jpg", true).as_deref(),
            Some("../anh/tram-bts.jpg")
        );
        assert_eq!(
            nearest(&files, home(), "C:\\Anh\\Tram-BTS.JPG", false).as_deref(),
            Some("anh/tram-bts.jpg")
        );
        assert_eq!(nearest(&files, home(), "bao-cao-quy.jpg", true), None);
    }

    #[test]
    fn every_image_is_checked_with_its_line() {
        let root = tempfile::tempdir().unwrap();
        let write = |rel: &str, bytes: &[u8]| {
            let path = root.path().join(rel);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        };
        write(
            "content/anh/tram-bts.jpg",
            &test_image("jpeg", 1200, 800, b""),
        );
        write(
            "content/anh/lon.png",
            &test_image(
                "png",
                1200,
                800,
                &vec![0; LARGE_BYTES as usize + 1 - test_image("png", 1, 1, b"").len()],
            ),
        );
        write("content/anh/khong-dung.png", &test_image("png", 2, 2, b""));
        write("content/anh/iphone.jpg", &test_image("heic", 0, 0, b""));
        write("content/anh/bao-cao.jpg", b"%PDF-1.4");
        let mut diags = Diagnostics::default();
        let n = super::super::content::parse(
            Path::new("content/_index.md"),
            "+++\ntitle = \"x\"\n+++\n![Trạm](anh/tram-bts.jpg)\n\n![](anh/tram-bts.jpg)\n\n\
             ![Sai](anh/tram-bst.jpg)\n\n![Ngoài](../x.jpg)\n\n![Web](https://a.vn/x.jpg)\n\n\
             ![Lớn](anh/lon.png) ![Lớn](anh/lon.png)\n\n\
             ![iPhone](anh/iphone.jpg) ![Báo cáo](anh/bao-cao.jpg) ![iPhone](anh/iphone.jpg)\n",
            &mut diags,
        )
        .unwrap();
        let mut content = Content::default();
        content.units.insert(
            (
                crate::model::UnitId::ROOT,
                crate::model::content::LangKey::Vi,
            ),
            n,
        );
        check(root.path(), &mut content, &mut diags);
        let found: Vec<(usize, Problem)> = diags
            .items
            .iter()
            .map(|e| (e.line.unwrap_or(0), e.problem.clone()))
            .collect();
        assert_eq!(
            found,
            vec![
                (
                    6,
                    Problem::ImageNoAlt {
                        path: "anh/tram-bts.jpg".into()
                    }
                ),
                (
                    8,
                    Problem::ImageMissing {
                        path: "anh/tram-bst.jpg".into(),
                        suggestion: Some("anh/tram-bts.jpg".into())
                    }
                ),
                (
                    10,
                    Problem::ImageOutsideContent {
                        path: "../x.jpg".into(),
                        suggestion: None
                    }
                ),
                (
                    12,
                    Problem::ImageExternal {
                        url: "https://a.vn/x.jpg".into()
                    }
                ),
                (
                    14,
                    Problem::ImageLarge {
                        path: "anh/lon.png".into(),
                        bytes: LARGE_BYTES + 1,
                        limit: LARGE_BYTES
                    }
                ),
                // Each file's content is refused once, wherever it is shown again.
                (
                    16,
                    Problem::ImageContent {
                        path: "anh/iphone.jpg".into(),
                        format: Some("HEIC".into())
                    }
                ),
                (
                    16,
                    Problem::ImageContent {
                        path: "anh/bao-cao.jpg".into(),
                        format: None
                    }
                ),
            ]
        );
        // Only the images shown are published, with their size in pixels.
        let sizes: Vec<(&str, u32, u32)> = content
            .images
            .iter()
            .map(|(rel, f)| (rel.as_str(), f.width, f.height))
            .collect();
        assert_eq!(
            sizes,
            [("anh/lon.png", 1200, 800), ("anh/tram-bts.jpg", 1200, 800)]
        );
    }
}
