//! Writing the site so that readers never see a broken or half-written one.
//!
//! A full build writes the new site into a temporary folder beside the output and swaps it in
//! only when every file is there. A file whose bytes did not change is linked from the previous
//! output, so it keeps its modification time and a sync to the web host uploads nothing for
//! it. A partial build (only figures changed: a few dozen files of tens of thousands) writes
//! only the files whose bytes changed into the temporary folder, then moves each into the
//! output, one rename per file, and removes the files no longer made: see [`Staging::partial`]
//! for what a reader may see meanwhile, and `journal.rs` for how a build killed then is
//! finished by the next. A lock beside the output keeps two builds from mixing: it is taken
//! before the previous site is looked at ([`Lock::take`]). `guard.rs` says what chiso may
//! write over at all.

mod disk;
pub mod guard;
mod journal;

use disk::{move_in, sync_dir};

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

/// The lock beside an output (`.site.lock` for `site/`): one build at a time writes a site,
/// and each looks at the previous site only once it holds the lock, so that the second of two
/// builds started together sees what the first one made.
pub struct Lock {
    _file: File,
}

impl Lock {
    /// Takes the lock of `output`, making its parent folder if needed. When another build
    /// holds it, `waiting` is called once and this waits for it.
    pub fn take(output: &Path, waiting: impl FnOnce()) -> io::Result<Lock> {
        let parent = match output.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        fs::create_dir_all(&parent)?;
        let file = File::create(sibling(output, "lock")?)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                waiting();
                file.lock()?;
            }
            Err(fs::TryLockError::Error(e)) => return Err(e),
        }
        Ok(Lock { _file: file })
    }
}

/// Finishes the partial build that a killed build left half done at `output` (its journal
/// beside the output), before anything else looks at the site. Call it holding the lock.
pub fn recover(output: &Path, _lock: &Lock) -> io::Result<()> {
    let path = sibling(output, "journal")?;
    if let Some(journal) = journal::Journal::read(&path)? {
        journal::apply(&journal, &sibling(output, "new")?, output)?;
        fs::remove_file(&path)?;
    }
    Ok(())
}

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
    /// Whether there is a previous site at the output whose unchanged files are linked in; in
    /// a first build, looking for each file there would only fail, once per file.
    has_previous: bool,
    /// Folders made so far, so that each is made once.
    dirs: Mutex<HashSet<PathBuf>>,
    files: AtomicUsize,
    changed: AtomicUsize,
    guard: TempDir,
    _lock: Lock,
    /// The previous site's files that chiso did not write, to carry into a full build's new
    /// tree: `None` keeps none (there is no previous site), otherwise every file of the
    /// previous site but these (chiso's own, by its manifest).
    carry: Option<BTreeSet<String>>,
    /// Whether the previous site is one a build finished: only then are its `.gz` copies
    /// known to match the files beside them.
    trust_copies: bool,
    /// A partial build, written in place; `None` for a whole new tree.
    partial: Option<Partial>,
}

/// What a partial build needs to bring the previous site up to date in place.
struct Partial {
    /// The files each job made in the previous build, by job (the build manifest's list).
    previous: BTreeMap<String, Vec<String>>,
    /// The jobs left as they were: their files stay.
    kept: Mutex<Vec<String>>,
    /// Every file the rendered jobs made, changed or not.
    made: Mutex<HashSet<String>>,
    /// The files written into the temporary folder (`.gz` copies included), to be moved in.
    staged: Mutex<Vec<String>>,
    /// The build's own files (the manifest), moved in last.
    own: Mutex<Vec<String>>,
}

/// Takes a poisoned lock's value anyway: every value kept here is whole after each step.
fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

impl Staging {
    /// Starts an empty temporary folder beside `output`, whose `lock` the caller holds (and
    /// whose journal it has [recovered](recover)). With `precompress`, every text file gets a
    /// gzip copy beside it.
    pub fn open(output: &Path, precompress: bool, lock: Lock) -> io::Result<Staging> {
        // A build killed earlier may have left its temporary folder; with the lock held and
        // its journal done, no other build is using one.
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
            has_previous: output.is_dir(),
            dirs: Mutex::new(HashSet::new()),
            files: AtomicUsize::new(0),
            changed: AtomicUsize::new(0),
            _lock: lock,
            carry: None,
            trust_copies: false,
            partial: None,
        })
    }

    /// A full build keeps the previous site's files that chiso did not write: every file but
    /// `chisos` (the paths its manifest lists; their `.gz` copies and the manifest count as
    /// chiso's too). `complete`: the previous site is one a build finished, so its `.gz`
    /// copies may be linked rather than made again.
    pub fn carry_over(mut self, chisos: BTreeSet<String>, complete: bool) -> Staging {
        self.carry = Some(chisos);
        self.trust_copies = complete;
        self
    }

    /// Makes this a partial build over the site at the output, whose jobs made `jobs` (the
    /// build manifest's list): a job the render leaves as it was ([`crate::view::Sink::keep`])
    /// keeps its files where they are, and [`Staging::finish`] brings the site up to date in
    /// place rather than swapping in a whole new tree, whose hard links and removal cost more
    /// than the render itself on a national site.
    ///
    /// The trade-off: while `finish` moves the changed files in, a reader may see some pages
    /// new and some old (never a half-written file: each arrives by one rename). The previous
    /// manifest is removed before the first rename and the new one written after the last, so
    /// a build interrupted in between leaves a site without a manifest, and the next build is
    /// a full one. A failure before `finish` leaves the output untouched.
    pub fn partial(mut self, jobs: BTreeMap<String, Vec<String>>) -> Staging {
        self.partial = Some(Partial {
            previous: jobs,
            kept: Mutex::new(Vec::new()),
            made: Mutex::new(HashSet::new()),
            staged: Mutex::new(Vec::new()),
            own: Mutex::new(Vec::new()),
        });
        self
    }

    fn compressed(&self, path: &str) -> bool {
        self.precompress
            && path
                .rsplit_once('.')
                .is_some_and(|(_, ext)| COMPRESSED.contains(&ext))
    }

    /// A path and, when precompression is on and it is text, its `.gz` copy's.
    fn with_copy(&self, path: &str) -> impl Iterator<Item = String> {
        let gz = self.compressed(path).then(|| format!("{path}.gz"));
        std::iter::once(path.to_string()).chain(gz)
    }

    /// Whether the previous site's files of `job` are all still there, to stay as they are.
    fn keep_previous(&self, job: &str) -> bool {
        let Some(partial) = &self.partial else {
            return false;
        };
        let Some(paths) = partial.previous.get(job) else {
            return false;
        };
        let copies: Vec<String> = paths.iter().flat_map(|p| self.with_copy(p)).collect();
        if !copies
            .iter()
            .all(|p| fs::metadata(self.output.join(p)).is_ok_and(|m| m.is_file()))
        {
            return false;
        }
        self.files.fetch_add(copies.len(), Ordering::Relaxed);
        lock(&partial.kept).push(job.to_string());
        true
    }

    /// Writes a file of the build's own (the manifest), without a compressed copy, and
    /// without counting it among the site's files.
    pub fn write_plain(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let target = self.staging.join(path);
        if let Some(partial) = &self.partial {
            fs::write(target, bytes)?;
            lock(&partial.own).push(path.to_string());
            return Ok(());
        }
        self.place(&self.output.join(path), &target, bytes)?;
        Ok(())
    }

    /// Makes folder `rel` of the temporary folder and the ones above it that are not made yet,
    /// from the top down, each once: asking the disk for `a/b/c` first (as `create_dir_all`
    /// does) fails when `a/b` is missing, a wasted `mkdir` for most report pages. The folders
    /// are made outside the lock, so that one thread's `mkdir` (slow on a busy disk) does not
    /// hold up another's writes; two threads making the same folder at once is harmless.
    fn make_dir(&self, rel: &Path) -> io::Result<()> {
        let missing: Vec<PathBuf> = {
            let dirs = lock(&self.dirs);
            rel.ancestors()
                .filter(|d| !d.as_os_str().is_empty())
                .take_while(|d| !dirs.contains(*d))
                .map(Path::to_path_buf)
                .collect()
        };
        for dir in missing.iter().rev() {
            match fs::create_dir(self.staging.join(dir)) {
                Err(e) if e.kind() != io::ErrorKind::AlreadyExists => return Err(e),
                _ => {}
            }
        }
        lock(&self.dirs).extend(missing);
        Ok(())
    }

    /// Writes `bytes` at `target`, or links the previous output's file there when it holds
    /// the same bytes, so that it keeps its modification time. True when written.
    fn place(&self, previous: &Path, target: &Path, bytes: &[u8]) -> io::Result<bool> {
        if self.has_previous
            && same_bytes(previous, bytes)
            && fs::hard_link(previous, target).is_ok()
        {
            return Ok(false);
        }
        fs::write(target, bytes)?;
        Ok(true)
    }

    /// Writes a file (path relative to the site's root) into the temporary folder, to be
    /// moved in by [`Staging::finish`].
    fn stage(&self, partial: &Partial, path: &str, bytes: &[u8]) -> io::Result<()> {
        let rel = Path::new(path);
        if let Some(dir) = rel.parent().filter(|d| !d.as_os_str().is_empty()) {
            self.make_dir(dir)?;
        }
        fs::write(self.staging.join(rel), bytes)?;
        lock(&partial.staged).push(path.to_string());
        Ok(())
    }

    /// A partial build's file: staged only when its bytes differ from the output's.
    fn write_partial(&self, partial: &Partial, path: &str, bytes: &[u8]) -> io::Result<()> {
        lock(&partial.made).insert(path.to_string());
        let mut count = (1, 0);
        let unchanged = same_bytes(&self.output.join(path), bytes);
        if !unchanged {
            self.stage(partial, path, bytes)?;
            count.1 += 1;
        }
        if self.compressed(path) {
            let gz = format!("{path}.gz");
            count.0 += 1;
            // The copy depends only on the bytes beside it: an unchanged file's copy stands.
            let stands =
                unchanged && fs::metadata(self.output.join(&gz)).is_ok_and(|m| m.is_file());
            if !stands {
                self.stage(partial, &gz, &gzip(bytes))?;
                count.1 += 1;
            }
        }
        self.files.fetch_add(count.0, Ordering::Relaxed);
        self.changed.fetch_add(count.1, Ordering::Relaxed);
        Ok(())
    }

    /// Puts one file of the site (path relative to its root, `/`-separated) in place.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        if let Some(partial) = &self.partial {
            return self.write_partial(partial, path, bytes);
        }
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
            let kept = !written
                && self.has_previous
                && self.trust_copies
                && fs::hard_link(&gz_previous, &gz_target).is_ok();
            count.0 += 1;
            if !kept && self.place(&gz_previous, &gz_target, &gzip(bytes))? {
                count.1 += 1;
            }
        }
        self.files.fetch_add(count.0, Ordering::Relaxed);
        self.changed.fetch_add(count.1, Ordering::Relaxed);
        Ok(())
    }

    /// Makes the written files the site at `output`: a full build's all at once; a partial
    /// build's one by one ([`Staging::partial`]).
    pub fn finish(mut self) -> io::Result<Written> {
        match self.partial.take() {
            Some(partial) => self.finish_in_place(partial)?,
            None => {
                if let Some(chisos) = self.carry.take() {
                    self.carry_in(&chisos)?;
                }
                sync_dir(&self.staging)?;
                swap(&self.staging, &self.output, &self.retired)?;
                self.guard.0 = None;
                if self.retired.exists() {
                    remove_tree(&self.retired)?;
                }
            }
        }
        Ok(Written {
            files: self.files.load(Ordering::Relaxed),
            changed: self.changed.load(Ordering::Relaxed),
        })
    }

    /// Moves a partial build's staged files into the output, removes the files that the
    /// previous build's jobs made and this one's no longer do, and writes the build's own
    /// files last.
    fn finish_in_place(&self, partial: Partial) -> io::Result<()> {
        let mut staged = partial
            .staged
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        staged.sort();
        let own = partial
            .own
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let made = partial
            .made
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let kept = partial
            .kept
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        let mut still: HashSet<&str> = made.iter().map(String::as_str).collect();
        for job in &kept {
            still.extend(
                partial
                    .previous
                    .get(job)
                    .into_iter()
                    .flatten()
                    .map(String::as_str),
            );
        }
        let gone: BTreeSet<&str> = partial
            .previous
            .values()
            .flatten()
            .map(String::as_str)
            .filter(|p| !still.contains(p))
            .collect();
        // Staged files are on disk before any is published.
        sync_dir(&self.staging)?;
        if staged.is_empty() && gone.is_empty() {
            for path in &own {
                move_in(&self.staging, &self.output, path)?;
            }
            return sync_dir(&self.output);
        }
        // From the first move until the new manifest is in, the site is neither the old one
        // nor the new: the journal says how to finish, and the old manifest goes first, so
        // that nothing trusts it meanwhile.
        let journal = journal::Journal {
            staged,
            gone: gone.iter().flat_map(|p| self.with_copy(p)).collect(),
            own,
        };
        let path = sibling(&self.output, "journal")?;
        journal.write(&path)?;
        for own in &journal.own {
            match fs::remove_file(self.output.join(own)) {
                Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
                _ => {}
            }
        }
        journal::apply(&journal, &self.staging, &self.output)?;
        fs::remove_file(&path)?;
        Ok(())
    }

    /// Links into the new tree every file of the previous site that chiso did not write
    /// (`chisos` and their copies are chiso's), unless the new site has a file of that path:
    /// a build replaces or removes only what it wrote.
    fn carry_in(&self, chisos: &BTreeSet<String>) -> io::Result<()> {
        if !self.has_previous {
            return Ok(());
        }
        for entry in walkdir::WalkDir::new(&self.output).min_depth(1) {
            let entry = entry.map_err(io::Error::other)?;
            if entry.file_type().is_dir() {
                continue;
            }
            let Ok(rel) = entry.path().strip_prefix(&self.output) else {
                continue;
            };
            let site_path = rel.to_string_lossy().replace('\\', "/");
            let theirs = site_path != crate::routes::MANIFEST
                && !chisos.contains(&site_path)
                && !site_path
                    .strip_suffix(".gz")
                    .is_some_and(|p| chisos.contains(p) && self.compressed(p));
            let target = self.staging.join(rel);
            if !theirs || fs::symlink_metadata(&target).is_ok() {
                continue;
            }
            if let Some(dir) = rel.parent().filter(|d| !d.as_os_str().is_empty()) {
                fs::create_dir_all(self.staging.join(dir))?;
            }
            if entry.file_type().is_symlink() {
                copy_link(entry.path(), &target)?;
            } else if fs::hard_link(entry.path(), &target).is_err() {
                fs::copy(entry.path(), &target)?;
            }
        }
        Ok(())
    }
}

/// A link of the previous site, made again in the new tree as the same link.
fn copy_link(from: &Path, to: &Path) -> io::Result<()> {
    let target = fs::read_link(from)?;
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(target, to)
    }
    #[cfg(windows)]
    {
        if from.is_dir() {
            std::os::windows::fs::symlink_dir(target, to)
        } else {
            std::os::windows::fs::symlink_file(target, to)
        }
    }
}

impl crate::view::Sink for Staging {
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()> {
        self.write(&path, &bytes)
    }

    fn keep(&self, job: &str) -> io::Result<bool> {
        Ok(self.keep_previous(job))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::OutputFile;

    /// A staging folder whose lock this test holds.
    fn open_locked(output: &Path, precompress: bool) -> io::Result<Staging> {
        Staging::open(output, precompress, Lock::take(output, || {})?)
    }

    /// A whole site held in memory, written through [`Staging`].
    fn write_site(output: &Path, files: &[OutputFile], precompress: bool) -> io::Result<Written> {
        let staging = open_locked(output, precompress)?;
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
    fn identity(p: &Path) -> (u64, std::time::SystemTime) {
        use std::os::unix::fs::MetadataExt;
        let m = fs::metadata(p).unwrap();
        (m.ino(), m.modified().unwrap())
    }

    /// A site of three jobs with its manifest, as a full build leaves it.
    fn previous_site(out: &Path) -> BTreeMap<String, Vec<String>> {
        let files = [
            file("a/index.html", "a"),
            file("b/index.html", "b"),
            file("b/data.csv", "b"),
            file("c/index.html", "c"),
            file("c/old.csv", "c"),
        ];
        let staging = open_locked(out, true).unwrap();
        for f in &files {
            staging.write(&f.path, &f.bytes).unwrap();
        }
        staging.write_plain("manifest", b"old").unwrap();
        staging.finish().unwrap();
        let paths = |ps: &[&str]| ps.iter().map(|p| p.to_string()).collect::<Vec<_>>();
        [
            ("a".to_string(), paths(&["a/index.html"])),
            ("b".to_string(), paths(&["b/data.csv", "b/index.html"])),
            ("c".to_string(), paths(&["c/index.html", "c/old.csv"])),
        ]
        .into()
    }

    #[cfg(unix)]
    #[test]
    fn a_partial_build_moves_in_only_changed_files_and_removes_those_no_longer_made() {
        use crate::view::Sink;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let jobs = previous_site(&out);
        let before: BTreeMap<&str, _> = ["a/index.html", "a/index.html.gz", "b/index.html"]
            .into_iter()
            .map(|p| (p, identity(&out.join(p))))
            .collect();
        let folder = identity(&out).0;
        std::thread::sleep(std::time::Duration::from_millis(20));
        let staging = open_locked(&out, true).unwrap().partial(jobs);
        // Job a stays; b is rendered again with one file changed; c is rendered and no longer
        // makes its CSV; d is new.
        assert!(staging.keep("a").unwrap());
        staging.write("b/index.html", b"b").unwrap();
        staging.write("b/data.csv", b"changed").unwrap();
        staging.write("c/index.html", b"c").unwrap();
        staging.write("d/new/index.html", b"d").unwrap();
        staging.write_plain("manifest", b"new").unwrap();
        // Nothing is visible before `finish`.
        assert_eq!(fs::read_to_string(out.join("b/data.csv")).unwrap(), "b");
        assert!(out.join("c/old.csv").exists());
        let w = staging.finish().unwrap();
        // a (2), b (4), c's page (2), d (2); changed: b's CSV and d's page, with their copies.
        assert_eq!((w.files, w.changed), (10, 4));
        // Unchanged files were not touched, rendered or kept.
        for (p, id) in &before {
            assert_eq!(identity(&out.join(p)), *id, "{p}");
        }
        assert_eq!(
            fs::read_to_string(out.join("b/data.csv")).unwrap(),
            "changed"
        );
        assert_eq!(
            fs::read(out.join("b/data.csv.gz")).unwrap(),
            gzip(b"changed")
        );
        assert_eq!(
            fs::read_to_string(out.join("d/new/index.html")).unwrap(),
            "d"
        );
        assert!(!out.join("c/old.csv").exists());
        assert!(!out.join("c/old.csv.gz").exists());
        assert_eq!(fs::read_to_string(out.join("manifest")).unwrap(), "new");
        // In place: the same folder, and no temporary folder left beside it.
        assert_eq!(identity(&out).0, folder);
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert!(!names.iter().any(|n| n.ends_with(".new")), "{names:?}");
    }

    #[test]
    fn a_partial_build_removes_the_folders_it_empties() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let jobs = previous_site(&out);
        let staging = open_locked(&out, true).unwrap().partial(jobs);
        staging.write("a/index.html", b"a").unwrap();
        staging.write("b/index.html", b"b").unwrap();
        staging.write("b/data.csv", b"b").unwrap();
        staging.write_plain("manifest", b"new").unwrap();
        staging.finish().unwrap();
        assert!(!out.join("c").exists());
        assert!(out.join("b/data.csv.gz").exists());
    }

    #[test]
    fn a_job_whose_files_are_not_all_there_is_not_kept() {
        use crate::view::Sink;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let jobs = previous_site(&out);
        fs::remove_file(out.join("b/index.html.gz")).unwrap();
        let staging = open_locked(&out, true).unwrap().partial(jobs);
        assert!(!staging.keep("b").unwrap());
        assert!(!staging.keep("unknown").unwrap());
        assert!(staging.keep("c").unwrap());
        // A full build keeps nothing.
        drop(staging);
        assert!(!open_locked(&out, false).unwrap().keep("a").unwrap());
    }

    #[test]
    fn a_partial_build_that_fails_before_finishing_leaves_the_output_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let jobs = previous_site(&out);
        let staging = open_locked(&out, false).unwrap().partial(jobs);
        staging.write("b/data.csv", b"changed").unwrap();
        drop(staging);
        assert_eq!(fs::read_to_string(out.join("b/data.csv")).unwrap(), "b");
        assert_eq!(fs::read_to_string(out.join("manifest")).unwrap(), "old");
        assert!(!dir.path().join(".site.new").exists());
    }

    #[test]
    fn a_move_that_fails_halfway_leaves_no_manifest_so_the_next_build_is_full() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let jobs = previous_site(&out);
        let staging = open_locked(&out, false).unwrap().partial(jobs);
        staging.write("a/index.html", b"changed").unwrap();
        staging.write("b/index.html", b"changed").unwrap();
        staging.write_plain("manifest", b"new").unwrap();
        // Something in the way of the second rename: a folder where its file goes.
        fs::remove_file(out.join("b/index.html")).unwrap();
        fs::create_dir_all(out.join("b/index.html/x")).unwrap();
        assert!(staging.finish().is_err());
        assert_eq!(
            fs::read_to_string(out.join("a/index.html")).unwrap(),
            "changed"
        );
        assert!(!out.join("manifest").exists());
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

    #[test]
    fn a_half_done_partial_finish_is_completed_from_its_journal() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let staging = dir.path().join(".site.new");
        fs::create_dir_all(out.join("x")).unwrap();
        fs::create_dir_all(staging.join("x")).unwrap();
        for (path, text) in [
            ("a.html", "old a"),
            ("x/b.html", "old b"),
            ("gone.html", "g"),
        ] {
            fs::write(out.join(path), text).unwrap();
        }
        for (path, text) in [("x/b.html", "new b"), ("c/c.html", "new c"), (".m", "m")] {
            fs::create_dir_all(staging.join(path).parent().unwrap()).unwrap();
            fs::write(staging.join(path), text).unwrap();
        }
        // `a.html` was moved in before the build died; the rest waits in the staging folder.
        fs::write(out.join("a.html"), "new a").unwrap();
        let journal = journal::Journal {
            staged: ["a.html", "c/c.html", "x/b.html"]
                .map(String::from)
                .to_vec(),
            gone: vec!["gone.html".into()],
            own: vec![".m".into()],
        };
        journal.write(&sibling(&out, "journal").unwrap()).unwrap();
        let lock = Lock::take(&out, || {}).unwrap();
        recover(&out, &lock).unwrap();
        let read = |p: &str| fs::read_to_string(out.join(p)).unwrap();
        assert_eq!(read("a.html"), "new a");
        assert_eq!(read("x/b.html"), "new b");
        assert_eq!(read("c/c.html"), "new c");
        assert_eq!(read(".m"), "m");
        assert!(!out.join("gone.html").exists());
        assert!(!sibling(&out, "journal").unwrap().exists());
        // Done twice, nothing changes.
        recover(&out, &lock).unwrap();
        assert_eq!(read("x/b.html"), "new b");
    }

    #[test]
    fn a_journal_naming_a_file_outside_the_site_moves_and_removes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        fs::create_dir_all(&out).unwrap();
        let precious = dir.path().join("report.docx");
        fs::write(&precious, "signed").unwrap();
        let journal = journal::Journal {
            gone: vec!["../report.docx".into()],
            ..Default::default()
        };
        // Written by hand: `Journal::write` is not asked to check what it is given.
        journal.write(&sibling(&out, "journal").unwrap()).unwrap();
        let lock = Lock::take(&out, || {}).unwrap();
        assert!(recover(&out, &lock).is_err());
        assert_eq!(fs::read_to_string(&precious).unwrap(), "signed");
    }
}
