//! Writing the site so that readers never see a broken or half-written one.
//!
//! The new site is written into a temporary folder beside the output and swapped in only when
//! every file is there. A file whose bytes did not change is linked from the previous output,
//! so it keeps its modification time and a sync to the web host uploads nothing for it. A lock
//! beside the output keeps two builds from mixing.

use std::collections::{BTreeMap, HashSet};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// Removes the temporary folder unless the build got as far as swapping it in.
struct TempDir(Option<PathBuf>);

impl Drop for TempDir {
    fn drop(&mut self) {
        if let Some(p) = self.0.take() {
            let _ = fs::remove_dir_all(p);
        }
    }
}

fn sibling(output: &Path, suffix: &str) -> io::Result<PathBuf> {
    let name = output.file_name().ok_or_else(|| {
        io::Error::new(io::ErrorKind::InvalidInput, "the output must name a folder")
    })?;
    let parent = output.parent().unwrap_or(Path::new("."));
    Ok(parent.join(format!(".{}.{suffix}", name.to_string_lossy())))
}

/// Statistics of one write, for the command line and the benchmark.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub files: usize,
    /// Files whose bytes changed or are new.
    pub changed: usize,
}

/// Extensions of the files that get a `.gz` copy when precompression is on.
const COMPRESSED: &[&str] = &["html", "css", "js", "svg", "csv", "json", "xml", "txt"];

/// A site being written: files arrive one by one, from any thread, as they are rendered, and
/// go to disk at once, so the build never holds the whole site in memory. Nothing is visible
/// at `output` until [`Staging::finish`].
pub struct Staging {
    output: PathBuf,
    staging: PathBuf,
    retired: PathBuf,
    precompress: bool,
    /// Folders made so far, so that each is made once.
    dirs: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    changed: AtomicUsize,
    guard: TempDir,
    _lock: File,
    /// The files each job made in the previous build, by job (the build manifest's list): a
    /// partial build links those of the jobs it does not render.
    previous: BTreeMap<String, Vec<String>>,
}

impl Staging {
    /// Takes the lock beside `output` and starts an empty temporary folder. With
    /// `precompress`, every text file gets a gzip copy beside it.
    pub fn open(output: &Path, precompress: bool) -> io::Result<Staging> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let lock = File::create(sibling(output, "lock")?)?;
        lock.lock()?;
        // A build killed earlier may have left its temporary folder; with the lock held, no
        // other build is using one.
        let staging = sibling(output, "new")?;
        let retired = sibling(output, "old")?;
        for stale in [&staging, &retired] {
            if stale.exists() {
                fs::remove_dir_all(stale)?;
            }
        }
        fs::create_dir(&staging)?;
        Ok(Staging {
            output: output.to_path_buf(),
            guard: TempDir(Some(staging.clone())),
            staging,
            retired,
            precompress,
            dirs: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            changed: AtomicUsize::new(0),
            _lock: lock,
            previous: BTreeMap::new(),
        })
    }

    /// The files each job made in the previous build, for [`crate::render::Sink::keep`].
    pub fn with_previous(mut self, jobs: BTreeMap<String, Vec<String>>) -> Staging {
        self.previous = jobs;
        self
    }

    fn compressed(&self, path: &str) -> bool {
        self.precompress
            && path
                .rsplit_once('.')
                .is_some_and(|(_, ext)| COMPRESSED.contains(&ext))
    }

    /// Links the previous site's files of `job` into the new one, as they are: true when every
    /// one was there. Otherwise none is left linked, and the job must be rendered.
    fn link_previous(&self, job: &str) -> io::Result<bool> {
        let Some(paths) = self.previous.get(job) else {
            return Ok(false);
        };
        let mut linked: Vec<PathBuf> = Vec::new();
        let copies = paths.iter().flat_map(|p| {
            let gz = self.compressed(p).then(|| format!("{p}.gz"));
            std::iter::once(p.clone()).chain(gz)
        });
        for path in copies {
            let rel = Path::new(&path);
            if let Some(dir) = rel.parent().filter(|d| !d.as_os_str().is_empty()) {
                self.make_dir(dir)?;
            }
            let target = self.staging.join(rel);
            if fs::hard_link(self.output.join(rel), &target).is_err() {
                // Never leave a link that a later write would write through into the
                // published site's file.
                for l in linked {
                    fs::remove_file(l)?;
                }
                return Ok(false);
            }
            linked.push(target);
        }
        self.files.fetch_add(linked.len(), Ordering::Relaxed);
        Ok(true)
    }

    /// Writes a file of the build's own (the manifest), without a compressed copy, and
    /// without counting it among the site's files.
    pub fn write_plain(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.staging.join(path);
        self.place(&self.output.join(path), &target, bytes)?;
        Ok(())
    }

    fn make_dir(&self, rel: &Path) -> io::Result<()> {
        let mut dirs = self.dirs.lock().unwrap_or_else(PoisonError::into_inner);
        if !dirs.contains(rel) {
            fs::create_dir_all(self.staging.join(rel))?;
            dirs.insert(rel.to_path_buf());
        }
        Ok(())
    }

    /// Writes `bytes` at `target`, or links the previous output's file there when it holds
    /// the same bytes, so that it keeps its modification time. True when written.
    fn place(&self, previous: &Path, target: &Path, bytes: &[u8]) -> io::Result<bool> {
        if same_bytes(previous, bytes) && fs::hard_link(previous, target).is_ok() {
            return Ok(false);
        }
        fs::write(target, bytes)?;
        Ok(true)
    }

    /// Puts one file of the site (path relative to its root, `/`-separated) in place.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = Path::new(path);
        if let Some(dir) = rel.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.make_dir(dir)?;
        }
        let target = self.staging.join(rel);
        let previous = self.output.join(rel);
        let written = self.place(&previous, &target, bytes)?;
        let mut count = (1, usize::from(written));
        if self.compressed(path) {
            let gz_target = self.staging.join(format!("{path}.gz"));
            let gz_previous = self.output.join(format!("{path}.gz"));
            // The copy depends only on the bytes beside it, so an unchanged file keeps its
            // previous copy without compressing it again.
            let kept = !written && fs::hard_link(&gz_previous, &gz_target).is_ok();
            count.0 += 1;
            if !kept && self.place(&gz_previous, &gz_target, &gzip(bytes))? {
                count.1 += 1;
            }
        }
        self.files.fetch_add(count.0, Ordering::Relaxed);
        self.changed.fetch_add(count.1, Ordering::Relaxed);
        Ok(())
    }

    /// Makes the written files the site at `output`, all at once.
    pub fn finish(mut self) -> io::Result<Written> {
        sync_dir(&self.staging)?;
        swap(&self.staging, &self.output, &self.retired)?;
        self.guard.0 = None;
        if self.retired.exists() {
            remove_tree(&self.retired)?;
        }
        Ok(Written {
            files: self.files.load(Ordering::Relaxed),
            changed: self.changed.load(Ordering::Relaxed),
        })
    }
}

impl crate::render::Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        self.write(&path, &bytes)
    }

    fn keep(&self, job: &str) -> io::Result<bool> {
        self.link_previous(job)
    }
}

/// `fs::remove_dir_all` on every CPU: removing a national site's tens of thousands of files
/// one after the other took as long as a tenth of the build.
fn remove_tree(dir: &Path) -> io::Result<()> {
    use rayon::prelude::*;
    let entries = fs::read_dir(dir)?.collect::<io::Result<Vec<_>>>()?;
    entries.par_iter().try_for_each(|e| {
        if e.file_type()?.is_dir() {
            remove_tree(&e.path())
        } else {
            fs::remove_file(e.path())
        }
    })?;
    fs::remove_dir(dir)
}

fn same_bytes(previous: &Path, bytes: &[u8]) -> bool {
    fs::metadata(previous).is_ok_and(|m| m.is_file() && m.len() == bytes.len() as u64)
        && fs::read(previous).is_ok_and(|old| old == bytes)
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

/// Puts `staging` in place of `output`. Where the system can exchange two names atomically it
/// does; elsewhere the old output is moved aside first and back if the second rename fails.
fn swap(staging: &Path, output: &Path, retired: &Path) -> io::Result<()> {
    if !output.exists() {
        return fs::rename(staging, output);
    }
    #[cfg(target_os = "linux")]
    {
        use rustix::fs::{renameat_with, RenameFlags, CWD};
        if renameat_with(CWD, staging, CWD, output, RenameFlags::EXCHANGE).is_ok() {
            // `staging` now holds the previous site.
            return fs::rename(staging, retired);
        }
    }
    fs::rename(output, retired)?;
    if let Err(e) = fs::rename(staging, output) {
        let _ = fs::rename(retired, output);
        return Err(e);
    }
    Ok(())
}

fn sync_dir(dir: &Path) -> io::Result<()> {
    // Data must be on disk before the swap makes it the published site.
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::OutputFile;

    /// A whole site held in memory, written through [`Staging`].
    fn write_site(output: &Path, files: &[OutputFile], precompress: bool) -> io::Result<Written> {
        let staging = Staging::open(output, precompress)?;
        use rayon::prelude::*;
        files
            .par_iter()
            .try_for_each(|f| staging.write(&f.path, &f.bytes))?;
        staging.finish()
    }

    fn file(path: &str, text: &str) -> OutputFile {
        OutputFile {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        }
    }

    #[test]
    fn swaps_in_a_complete_site_and_keeps_unchanged_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let w = write_site(
            &out,
            &[file("index.html", "a"), file("x/y.css", "b")],
            false,
        )
        .unwrap();
        assert_eq!(
            w,
            Written {
                files: 2,
                changed: 2
            }
        );
        let before = fs::metadata(out.join("x/y.css"))
            .unwrap()
            .modified()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let w = write_site(
            &out,
            &[file("index.html", "changed"), file("x/y.css", "b")],
            false,
        )
        .unwrap();
        assert_eq!(
            w,
            Written {
                files: 2,
                changed: 1
            }
        );
        assert_eq!(
            fs::read_to_string(out.join("index.html")).unwrap(),
            "changed"
        );
        assert_eq!(
            fs::metadata(out.join("x/y.css"))
                .unwrap()
                .modified()
                .unwrap(),
            before
        );
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert!(
            !names.iter().any(|n| n.to_string_lossy().contains(".new")),
            "{names:?}"
        );
    }

    #[test]
    fn gzip_round_trips_and_is_deterministic() {
        use std::io::Read;
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
    fn precompressed_copies_follow_their_files() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let files = [
            file("index.html", "a"),
            file("x/y.css", "b"),
            file("z.xlsx", "c"),
        ];
        let w = write_site(&out, &files, true).unwrap();
        assert_eq!((w.files, w.changed), (5, 5));
        assert!(!out.join("z.xlsx.gz").exists());
        let gz = fs::read(out.join("x/y.css.gz")).unwrap();
        assert_eq!(gz, gzip(b"b"));
        let mtime = |p: &str| fs::metadata(out.join(p)).unwrap().modified().unwrap();
        let before = mtime("x/y.css.gz");
        std::thread::sleep(std::time::Duration::from_millis(20));
        let files = [
            file("index.html", "changed"),
            file("x/y.css", "b"),
            file("z.xlsx", "c"),
        ];
        let w = write_site(&out, &files, true).unwrap();
        assert_eq!((w.files, w.changed), (5, 2));
        assert_eq!(mtime("x/y.css.gz"), before);
        assert_eq!(
            fs::read(out.join("index.html.gz")).unwrap(),
            gzip(b"changed")
        );
        // Turned off, the copies go.
        write_site(&out, &files, false).unwrap();
        assert!(!out.join("index.html.gz").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_kept_job_is_linked_from_the_previous_site_or_not_at_all() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &[file("a/index.html", "a"), file("b.css", "b")], true).unwrap();
        let inode = |p: &Path| {
            use std::os::unix::fs::MetadataExt;
            fs::metadata(p).unwrap().ino()
        };
        let before = inode(&out.join("a/index.html"));
        let jobs = [
            ("a".to_string(), vec!["a/index.html".to_string()]),
            (
                "gone".to_string(),
                vec!["b.css".to_string(), "missing.html".to_string()],
            ),
        ];
        let staging = Staging::open(&out, true)
            .unwrap()
            .with_previous(jobs.into());
        assert!(staging.link_previous("a").unwrap());
        // One of its files is gone: nothing of it stays linked, so that rendering it writes
        // fresh files rather than through a link into the published site.
        assert!(!staging.link_previous("gone").unwrap());
        assert!(!staging.link_previous("unknown").unwrap());
        assert!(!staging.staging.join("b.css").exists());
        assert!(!staging.staging.join("b.css.gz").exists());
        staging.write("b.css", b"new").unwrap();
        let w = staging.finish().unwrap();
        assert_eq!((w.files, w.changed), (4, 2));
        assert_eq!(inode(&out.join("a/index.html")), before);
        assert!(out.join("a/index.html.gz").exists());
        assert_eq!(fs::read_to_string(out.join("b.css")).unwrap(), "new");
    }

    #[test]
    fn removes_files_that_are_no_longer_built() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &[file("old.html", "a")], false).unwrap();
        write_site(&out, &[file("new.html", "b")], false).unwrap();
        assert!(!out.join("old.html").exists());
        assert!(out.join("new.html").exists());
    }
}
