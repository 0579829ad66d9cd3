//! Where rendered files go as they are made: to disk for `build` ([`crate::output::Staging`]),
//! into memory for `serve` and tests ([`Memory`]). Each file is handed over as soon as it is
//! rendered, so a build holds only the files being made, not the whole site.

use std::io;
use std::sync::{Mutex, PoisonError};

use super::OutputFile;

/// Receives the site's files from any thread, in no particular order.
pub trait Sink: Sync {
    /// `path` is relative to the site's root, `/`-separated.
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()>;
}

/// Keeps every file.
#[derive(Default)]
pub struct Memory(Mutex<Vec<OutputFile>>);

impl Memory {
    /// The files in path order, whatever order they came in.
    pub fn into_files(self) -> Vec<OutputFile> {
        let mut files = self.0.into_inner().unwrap_or_else(PoisonError::into_inner);
        files.sort_by(|a, b| a.path.cmp(&b.path));
        files
    }
}

impl Sink for Memory {
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(OutputFile { path, bytes });
        Ok(())
    }
}

/// Passes files on and remembers the pages' paths, for the sitemap.
pub(super) struct Recording<'a> {
    inner: &'a dyn Sink,
    pages: Mutex<Vec<String>>,
}

impl<'a> Recording<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        Recording {
            inner,
            pages: Mutex::new(Vec::new()),
        }
    }

    /// Counts pages that were not rendered this time (a partial render) as rendered.
    pub fn note(&self, paths: impl IntoIterator<Item = String>) {
        self.pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(paths.into_iter().filter(|p| p.ends_with("index.html")));
    }

    /// Every page's path so far, sorted.
    pub fn pages(&self) -> Vec<String> {
        let mut pages = self
            .pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        pages.sort();
        pages
    }
}

impl Sink for Recording<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        if path.ends_with("index.html") {
            self.pages
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(path.clone());
        }
        self.inner.put(path, bytes)
    }
}
