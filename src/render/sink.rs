//! What the runner puts between the families and the real sink: the pages made, for the
//! sitemap, and the files of each job, for the build manifest.

use std::io;
use std::sync::{Mutex, PoisonError};

use crate::routes::{HOME, INDEX};
use crate::view::Sink;

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
            .extend(paths.into_iter().filter(|p| p.ends_with(INDEX)));
    }

    /// Every page's path so far: the home page first, then in path order.
    pub fn pages(&self) -> Vec<String> {
        let mut pages = self
            .pages
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone();
        pages.sort_by(|a, b| (a != HOME, a).cmp(&(b != HOME, b)));
        pages
    }
}

impl Sink for Recording<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        if path.ends_with(INDEX) {
            self.pages
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .push(path.clone());
        }
        self.inner.put(path, bytes)
    }

    fn keep(&self, job: &str) -> io::Result<bool> {
        self.inner.keep(job)
    }
}

/// Passes one job's files on and remembers their paths, for the build manifest.
pub(super) struct JobFiles<'a> {
    inner: &'a dyn Sink,
    paths: Mutex<Vec<String>>,
}

impl<'a> JobFiles<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        JobFiles {
            inner,
            paths: Mutex::new(Vec::new()),
        }
    }

    /// The paths of the files made, in path order.
    pub fn into_paths(self) -> Vec<String> {
        let mut paths = self
            .paths
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        paths.sort();
        paths
    }
}

impl Sink for JobFiles<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        self.paths
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(path.clone());
        self.inner.put(path, bytes)
    }

    fn keep(&self, job: &str) -> io::Result<bool> {
        self.inner.keep(job)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the files it is given.
    #[derive(Default)]
    struct Count(Mutex<usize>);

    impl Sink for Count {
        fn put(&self, _: String, _: Vec<u8>) -> io::Result<()> {
            *self.0.lock().unwrap_or_else(PoisonError::into_inner) += 1;
            Ok(())
        }
    }

    #[test]
    fn records_pages_home_first_whatever_order_they_came_in() {
        let count = Count::default();
        let rec = Recording::new(&count);
        for p in [
            "en/index.html",
            "data/values.csv",
            "b/index.html",
            "index.html",
            "a/index.html",
        ] {
            rec.put(p.into(), Vec::new()).unwrap();
        }
        rec.note(["c/index.html".to_string(), "data/c.csv".to_string()]);
        assert_eq!(
            rec.pages(),
            [
                "index.html",
                "a/index.html",
                "b/index.html",
                "c/index.html",
                "en/index.html"
            ]
        );
        assert_eq!(*count.0.lock().unwrap(), 5);
    }
}
