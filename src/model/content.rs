//! What the editors wrote in `content/`: each unit's narrative, the extra pages and the images
//! they show.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::UnitId;
use crate::lang::Lang;

#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub description: Option<String>,
    /// Orders extra pages in the menu.
    pub weight: Option<i64>,
}

#[derive(Debug, Clone)]
pub struct Narrative {
    pub file: PathBuf,
    pub front: FrontMatter,
    pub markdown: String,
    /// Line of the file where the Markdown body starts, to point messages at the right line.
    pub body_line: usize,
}

impl Narrative {
    /// Whether this is a page of its own (`content/pages/<slug>.md`) rather than a unit's
    /// narrative.
    pub fn is_page(&self) -> bool {
        in_pages(&self.file)
    }
}

/// Whether the Markdown file at `path` is in the `pages/` folder.
pub fn in_pages(path: &Path) -> bool {
    path.parent()
        .is_some_and(|p| p.file_name().is_some_and(|n| n == "pages"))
}

#[derive(Debug, Clone)]
pub struct Page {
    pub slug: String,
    pub narrative: Narrative,
}

#[derive(Debug, Clone, Default)]
pub struct Content {
    /// Narratives by unit index and language.
    pub units: BTreeMap<(UnitId, LangKey), Narrative>,
    /// Extra pages by slug and language.
    pub pages: BTreeMap<(String, LangKey), Page>,
    /// The images the narratives show, to copy into the site: by their path inside `content/`
    /// (`anh/tram-bts.jpg`).
    pub images: BTreeMap<String, ImageFile>,
    /// Where each image a narrative writes is (a key of [`Content::images`]), by the
    /// narrative's file and the path as written in it, for the pages that show it.
    pub image_refs: BTreeMap<(PathBuf, String), String>,
}

/// An image to publish.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageFile {
    /// From the project root.
    pub path: PathBuf,
    /// In pixels, from the file's header: pages give it so that the text does not jump when the
    /// image arrives over a slow connection.
    pub width: u32,
    pub height: u32,
    /// The file as it was read with the rest of the input, to copy into the site.
    pub bytes: Vec<u8>,
}

/// `Lang` as a map key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LangKey {
    Vi,
    En,
}

impl From<Lang> for LangKey {
    fn from(l: Lang) -> Self {
        match l {
            Lang::Vi => LangKey::Vi,
            Lang::En => LangKey::En,
        }
    }
}
