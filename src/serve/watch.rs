//! Which file-system events mean the input changed, and gathering a burst of them into one
//! rebuild.

use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, SyncSender, TrySendError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, EventKind, MetadataKind, ModifyKind};
use notify::{RecommendedWatcher, RecursiveMode, Watcher};

/// The folders of a project whose files are input.
pub const WATCHED_DIRS: [&str; 3] = ["data", "content", "templates"];
const CONFIG_FILE: &str = "chiso.toml";

/// Quiet time that ends a burst: a spreadsheet's save or `git checkout` writes many files
/// within a few milliseconds, and one rebuild should follow them all.
pub const DEBOUNCE: Duration = Duration::from_millis(100);
/// A burst that never goes quiet (a script rewriting files in a loop) still gets a rebuild
/// this often, so the page never lags far behind.
pub const MAX_WAIT: Duration = Duration::from_millis(1000);
/// Events waiting for the rebuilder. One pending event already guarantees a rebuild, so those
/// that do not fit are dropped rather than queued without bound.
const QUEUE: usize = 256;

/// A file name editors and tools write beside the real files while they work: swap, backup,
/// lock and autosave files, and anything hidden.
pub fn is_scratch_name(name: &str) -> bool {
    name.starts_with('.') // .#lock (Emacs), .~lock.x.csv# (LibreOffice), .x.swp, .git, .DS_Store
        || name.ends_with('~')
        || name.starts_with("~$") // Microsoft Office lock files
        || (name.starts_with('#') && name.ends_with('#')) // Emacs autosave
        || name == "4913" // Vim probes whether it can write to the folder with this name
        || [".swp", ".swx", ".swo", ".tmp", ".crswap", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|s| name.ends_with(s))
}

/// Whether a change to `path` can change the site: files under data/, content/ or templates/
/// and chiso.toml, except scratch files. The output folder and anything else under the root
/// are not input.
pub fn is_input(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else {
        return false;
    };
    let mut names = Vec::new();
    for c in rel.components() {
        match c {
            Component::Normal(n) => names.push(n.to_string_lossy()),
            _ => return false,
        }
    }
    let Some(first) = names.first() else {
        return false;
    };
    let top = WATCHED_DIRS.contains(&first.as_ref()) || (first == CONFIG_FILE && names.len() == 1);
    top && !names.iter().any(|n| is_scratch_name(n))
}

/// Whether an event can mean new content: reads (including our own rebuild's) cannot.
fn is_write(kind: &EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Access(
            AccessKind::Read
                | AccessKind::Open(_)
                | AccessKind::Close(notify::event::AccessMode::Read)
                | AccessKind::Any
                | AccessKind::Other
        ) | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))
    )
}

/// What the watcher tells the rebuilder.
#[derive(Debug)]
pub enum Signal {
    Changed(PathBuf),
    /// The watcher lost track (an overflowing queue, a removed folder): rebuild from scratch.
    Rescan(String),
}

/// The project's watches; keeps data/, content/ and templates/ watched as they come and go.
pub struct ProjectWatcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    watched: [bool; WATCHED_DIRS.len()],
}

impl ProjectWatcher {
    /// Watches `root` (canonical) and returns the channel its signals arrive on.
    pub fn start(root: &Path) -> notify::Result<(ProjectWatcher, Receiver<Signal>)> {
        let (tx, rx) = std::sync::mpsc::sync_channel(QUEUE);
        let filter_root = root.to_path_buf();
        let watcher = notify::recommended_watcher(move |res: notify::Result<notify::Event>| {
            handle_event(&filter_root, &tx, res);
        })?;
        let mut w = ProjectWatcher {
            root: root.to_path_buf(),
            watcher,
            watched: [false; WATCHED_DIRS.len()],
        };
        // The root itself, not recursively: chiso.toml is often replaced by a rename, which a
        // watch on the file would not survive, and data/ may be created after we start.
        w.watcher.watch(root, RecursiveMode::NonRecursive)?;
        w.refresh(&[]);
        Ok((w, rx))
    }

    /// Watches input folders that appeared and forgets those that went, including any whose
    /// own path an event named (it may have been replaced by another folder of that name).
    pub fn refresh(&mut self, touched: &[PathBuf]) {
        for (i, dir) in WATCHED_DIRS.iter().enumerate() {
            let path = self.root.join(dir);
            if self.watched[i] && touched.contains(&path) {
                let _ = self.watcher.unwatch(&path);
                self.watched[i] = false;
            }
            let exists = path.is_dir();
            if exists && !self.watched[i] {
                self.watched[i] = self.watcher.watch(&path, RecursiveMode::Recursive).is_ok();
            } else if !exists && self.watched[i] {
                let _ = self.watcher.unwatch(&path);
                self.watched[i] = false;
            }
        }
    }
}

fn handle_event(root: &Path, tx: &SyncSender<Signal>, res: notify::Result<notify::Event>) {
    let signal = match res {
        Ok(event) if event.need_rescan() => Signal::Rescan("rescan".into()),
        Ok(event) if is_write(&event.kind) => {
            match event.paths.into_iter().find(|p| is_input(root, p)) {
                Some(p) => Signal::Changed(p),
                None => return,
            }
        }
        Ok(_) => return,
        Err(e) => Signal::Rescan(e.to_string()),
    };
    match tx.try_send(signal) {
        Ok(()) | Err(TrySendError::Full(_)) | Err(TrySendError::Disconnected(_)) => {}
    }
}

/// A burst of changes, gathered.
#[derive(Debug, Default)]
pub struct Burst {
    /// The changed paths, first seen first, without repeats; at most a few are kept.
    pub paths: Vec<PathBuf>,
    pub events: usize,
}

const KEPT_PATHS: usize = 8;

impl Burst {
    fn add(&mut self, signal: Signal) {
        self.events += 1;
        if let Signal::Changed(p) = signal {
            if self.paths.len() < KEPT_PATHS && !self.paths.contains(&p) {
                self.paths.push(p);
            }
        }
    }
}

/// Blocks until a change arrives, then gathers what follows until `DEBOUNCE` of quiet (or
/// `MAX_WAIT` in all). `None` when the watcher is gone.
pub fn next_burst(rx: &Receiver<Signal>) -> Option<Burst> {
    let first = rx.recv().ok()?;
    let started = Instant::now();
    let mut burst = Burst::default();
    burst.add(first);
    loop {
        let left = MAX_WAIT.saturating_sub(started.elapsed());
        if left.is_zero() {
            return Some(burst);
        }
        match rx.recv_timeout(DEBOUNCE.min(left)) {
            Ok(signal) => burst.add(signal),
            Err(RecvTimeoutError::Timeout) => return Some(burst),
            Err(RecvTimeoutError::Disconnected) => return Some(burst),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scratch_files_are_not_input() {
        for name in [
            ".tuan-giao.csv.swp",
            "tuan-giao.csv.swp",
            "tuan-giao.csv~",
            ".#tuan-giao.md",
            "#tuan-giao.md#",
            ".~lock.units.csv#",
            "~$units.xlsx",
            "4913",
            ".DS_Store",
            "units.csv.tmp",
            "units.csv___jb_tmp___",
        ] {
            assert!(is_scratch_name(name), "{name}");
        }
        for name in [
            "tuan-giao.csv",
            "_index.md",
            "units.xlsx",
            "style.css",
            "4914",
        ] {
            assert!(!is_scratch_name(name), "{name}");
        }
    }

    #[test]
    fn only_project_input_counts() {
        let root = Path::new("/p");
        for path in [
            "/p/data/values/tuan-giao.csv",
            "/p/data",
            "/p/content/pages/about.md",
            "/p/content/anh/tram-bts.jpg",
            "/p/templates/base.html",
            "/p/chiso.toml",
        ] {
            assert!(is_input(root, Path::new(path)), "{path}");
        }
        for path in [
            "/p/site/index.html",
            "/p/site",
            "/p/README.md",
            "/p/data/values/.tuan-giao.csv.swp",
            "/p/data/values/tuan-giao.csv~",
            "/p/content/.git/HEAD",
            "/p/data/chiso.toml~",
            "/p/content/chiso.toml/../x",
            "/p",
            "/q/data/units.csv",
            "/p2/data/units.csv",
        ] {
            assert!(!is_input(root, Path::new(path)), "{path}");
        }
    }

    #[test]
    fn reads_do_not_trigger_rebuilds() {
        use notify::event::{AccessMode, CreateKind, DataChange};
        assert!(!is_write(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_write(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_write(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_write(&EventKind::Modify(ModifyKind::Data(
            DataChange::Any
        ))));
        assert!(is_write(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn a_burst_ends_after_quiet() {
        let (tx, rx) = std::sync::mpsc::sync_channel(16);
        for i in 0..12 {
            let _ = tx.try_send(Signal::Changed(PathBuf::from(format!(
                "/p/data/{}.csv",
                i % 10
            ))));
        }
        let _ = tx.try_send(Signal::Changed(PathBuf::from("/p/data/0.csv")));
        let started = Instant::now();
        let burst = next_burst(&rx);
        let elapsed = started.elapsed();
        let burst = burst.unwrap_or_default();
        assert_eq!(burst.events, 13);
        assert_eq!(burst.paths.len(), KEPT_PATHS);
        assert!(elapsed >= DEBOUNCE && elapsed < MAX_WAIT, "{elapsed:?}");
        drop(tx);
        assert!(next_burst(&rx).is_none());
    }
}
