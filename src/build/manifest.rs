//! The build manifest, `site/.chiso-manifest.json`: what the site in the folder was built
//! from, in digests, and which files each page made. The next `chiso build` reads it to do
//! only what the changes since need: nothing when no input changed, the pages whose figures
//! changed when only values files changed, everything otherwise. It is written last, with
//! the site, and swapped in with it, so it always describes the site beside it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::compute::scope::{hex, Digest, Fingerprint};
use std::sync::{Mutex, PoisonError};

use crate::routes;
use crate::view::family::JobKey;
use crate::view::Sink;

/// The manifest's name in the site folder: hidden, so that a citizen browsing the published
/// folder's listing does not meet it, and build-local data only (digests and paths).
pub const NAME: &str = ".chiso-manifest.json";

/// Raised when the manifest's fields change meaning: an older manifest is then ignored.
pub const FORMAT: u32 = 2;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    /// The chiso that built the site: its version and its binary's size and date. Another
    /// binary may render any page otherwise, so it renders everything.
    pub chiso: String,
    /// The command line's options that change pages (`--base-url`).
    pub options: String,
    /// Every input file (chiso.toml, data/, content/, templates/), paths and bytes.
    pub inputs: String,
    /// The same without the values files (`data/values/`): when it differs, any page may
    /// show the change, and everything is rendered.
    pub site_inputs: String,
    /// The site's own `data/values.csv` and `data/changes.json`, which the next build reads
    /// to tell what changed: a site whose history was deleted or edited is not up to date.
    pub history: String,
    /// What the pages show, to tell which ones a change of values files touches.
    pub figures: Fingerprint,
    /// Every job of the build with the files it made (paths in the site).
    pub jobs: BTreeMap<JobKey, Vec<String>>,
}

impl Manifest {
    /// The manifest of the site at `output`, if it has a readable one of this format.
    pub fn read(output: &Path) -> Option<Manifest> {
        let text = std::fs::read(output.join(NAME)).ok()?;
        serde_json::from_slice::<Manifest>(&text)
            .ok()
            .filter(|m| m.format == FORMAT)
    }

    /// The files the manifest at `output` lists, whatever its format (an older chiso's too):
    /// what chiso wrote there. `None` when there is no manifest chiso can read.
    pub fn files(output: &Path) -> Option<Vec<String>> {
        #[derive(Deserialize)]
        struct Jobs {
            jobs: BTreeMap<String, Vec<String>>,
        }
        let text = std::fs::read(output.join(NAME)).ok()?;
        let jobs: Jobs = serde_json::from_slice(&text).ok()?;
        Some(jobs.jobs.into_values().flatten().collect())
    }

    pub fn to_bytes(&self) -> Vec<u8> {
        let mut bytes = serde_json::to_vec(self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }

    /// Whether the site at `output` is what a build with `now` would make: the same chiso,
    /// options and input, and every file it lists still there, its history untouched.
    pub fn up_to_date(&self, now: &Stamp, output: &Path) -> bool {
        self.chiso == now.chiso
            && self.options == now.options
            && self.inputs == now.inputs
            && self.history == history_digest(output)
            && self
                .jobs
                .values()
                .flatten()
                .all(|p| output.join(p).is_file())
    }
}

/// What a build is made from, in digests, before anything is loaded.
#[derive(Debug, Clone)]
pub struct Stamp {
    pub chiso: String,
    pub options: String,
    pub inputs: String,
    pub site_inputs: String,
}

impl Stamp {
    pub fn of(root: &Path, base_url: Option<&str>) -> Stamp {
        let (inputs, site_inputs) = input_digests(root);
        let mut options = Digest::new();
        options.debug(&base_url);
        Stamp {
            chiso: chiso_id(),
            options: hex(options.finish()),
            inputs,
            site_inputs,
        }
    }
}

/// This binary: chiso's version, and the size and modification time of the program file, so
/// that a chiso built again from changed code counts as another.
fn chiso_id() -> String {
    let exe = std::env::current_exe().and_then(std::fs::metadata);
    let stamp = exe.ok().map(|m| {
        let time = m
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos());
        (m.len(), time)
    });
    format!("{} {stamp:?}", env!("CARGO_PKG_VERSION"))
}

/// Digests of every file that `load` may read, with and without the values files. Every file
/// under the input folders counts, scratch files too: one more build is harmless, a missed
/// input would publish a stale page.
fn input_digests(root: &Path) -> (String, String) {
    use rayon::prelude::*;
    let mut paths: Vec<PathBuf> = vec![PathBuf::from("chiso.toml")];
    for dir in ["data", "content", "templates"] {
        paths.extend(
            walkdir::WalkDir::new(root.join(dir))
                .follow_links(true)
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| !e.file_type().is_dir())
                .filter_map(|e| e.path().strip_prefix(root).ok().map(Path::to_path_buf)),
        );
    }
    paths.sort();
    let files: Vec<(bool, u128)> = paths
        .par_iter()
        .map(|rel| {
            let mut d = Digest::new();
            d.debug(rel);
            match std::fs::read(root.join(rel)) {
                Ok(bytes) => d.bytes(&bytes),
                Err(e) => d.debug(&e.kind()),
            }
            (rel.starts_with("data/values"), d.finish())
        })
        .collect();
    let (mut all, mut site) = (Digest::new(), Digest::new());
    for (values, file) in files {
        all.bytes(&file.to_le_bytes());
        if !values {
            site.bytes(&file.to_le_bytes());
        }
    }
    (hex(all.finish()), hex(site.finish()))
}

/// The files whose digest [`Manifest::history`] keeps.
const HISTORY: [&str; 2] = [routes::VALUES, routes::CHANGES];

fn file_digest(bytes: Option<&[u8]>) -> u128 {
    let mut d = Digest::new();
    match bytes {
        Some(bytes) => d.bytes(bytes),
        None => d.debug(&None::<()>),
    }
    d.finish()
}

fn history_of(files: [u128; 2]) -> String {
    let mut d = Digest::new();
    for f in files {
        d.bytes(&f.to_le_bytes());
    }
    hex(d.finish())
}

/// The digest of the site's `data/values.csv` and `data/changes.json` as they are at
/// `output`.
pub fn history_digest(output: &Path) -> String {
    history_of(HISTORY.map(|rel| file_digest(std::fs::read(output.join(rel)).ok().as_deref())))
}

/// Passes a build's files on to the output, noting the digests of the history's files as
/// they go by, for the manifest.
pub struct HistoryWatch<'a> {
    inner: &'a dyn Sink,
    seen: Mutex<[Option<u128>; 2]>,
}

impl<'a> HistoryWatch<'a> {
    pub fn new(inner: &'a dyn Sink) -> Self {
        HistoryWatch {
            inner,
            seen: Mutex::new([None; 2]),
        }
    }

    /// [`history_digest`] of the site as written.
    pub fn digest(&self) -> String {
        let seen = *self.seen.lock().unwrap_or_else(PoisonError::into_inner);
        history_of(seen.map(|f| f.unwrap_or_else(|| file_digest(None))))
    }
}

impl Sink for HistoryWatch<'_> {
    fn put(&self, path: String, bytes: Vec<u8>) -> std::io::Result<()> {
        if let Some(at) = HISTORY.iter().position(|h| *h == path) {
            self.seen.lock().unwrap_or_else(PoisonError::into_inner)[at] =
                Some(file_digest(Some(&bytes)));
        }
        self.inner.put(path, bytes)
    }

    fn keep(&self, job: &str) -> std::io::Result<bool> {
        self.inner.keep(job)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, rel: &str, text: &str) {
        let path = root.join(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn a_values_file_changes_only_the_digest_of_all_input() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(root, "chiso.toml", "title = \"A\"\n");
        write(root, "data/units.csv", "code\n");
        write(root, "data/values/a.csv", "1\n");
        let before = input_digests(root);
        assert_eq!(before, input_digests(root));
        write(root, "data/values/a.csv", "2\n");
        let values = input_digests(root);
        assert_ne!(values.0, before.0);
        assert_eq!(values.1, before.1);
        // A new file anywhere under the input folders is input, even a template.
        write(root, "templates/unit.html", "x");
        let template = input_digests(root);
        assert_ne!(template.0, values.0);
        assert_ne!(template.1, values.1);
        // The output folder and other files beside the project are not.
        write(root, "site/index.html", "x");
        write(root, "notes.txt", "x");
        assert_eq!(input_digests(root), template);
    }

    #[test]
    fn the_manifest_reads_back_and_a_missing_file_makes_the_site_out_of_date() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("p");
        write(&root, "chiso.toml", "");
        let out = dir.path().join("site");
        write(&out, "index.html", "x");
        let stamp = Stamp::of(&root, None);
        let manifest = Manifest {
            format: FORMAT,
            chiso: stamp.chiso.clone(),
            options: stamp.options.clone(),
            inputs: stamp.inputs.clone(),
            site_inputs: stamp.site_inputs.clone(),
            history: history_digest(&out),
            figures: serde_json::from_str(
                r#"{"shape":"","units":[],"targets":[],"indicators":[]}"#,
            )
            .unwrap(),
            jobs: [("Vi NotFound".to_string(), vec!["index.html".to_string()])].into(),
        };
        std::fs::write(out.join(NAME), manifest.to_bytes()).unwrap();
        let read = Manifest::read(&out).unwrap();
        assert_eq!(read, manifest);
        assert!(read.up_to_date(&stamp, &out));
        assert!(!read.up_to_date(&Stamp::of(&root, Some("https://x.vn/")), &out));
        std::fs::remove_file(out.join("index.html")).unwrap();
        assert!(!read.up_to_date(&stamp, &out));
    }
}
