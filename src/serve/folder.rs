//! The private folder `chiso serve` builds its preview into: in the system's temporary folder,
//! never the project's `site/`, and removed when serve stops, by Ctrl+C or otherwise. A serve
//! killed outright cannot remove its own; the next serve on this computer removes it.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Duration;

/// The start of every such folder's name, so that the next serve can find an abandoned one.
const PREFIX: &str = "chiso-serve-";
/// Locked by the serve that owns the folder for as long as it runs: a folder whose lock anyone
/// can take belongs to a serve that is gone.
const LOCK: &str = "serve.lock";

pub struct Workspace {
    dir: PathBuf,
    /// Removes the folder when dropped.
    _temp: tempfile::TempDir,
    lock: Arc<Mutex<Option<File>>>,
}

impl Workspace {
    /// A new folder in the system's temporary folder.
    pub fn create() -> io::Result<Workspace> {
        Workspace::create_in(&std::env::temp_dir())
    }

    pub fn create_in(parent: &Path) -> io::Result<Workspace> {
        remove_abandoned(parent);
        let temp = tempfile::Builder::new().prefix(PREFIX).tempdir_in(parent)?;
        // Locked under another name, then renamed: no other serve ever finds the lock file
        // unlocked while this one lives.
        let pending = temp.path().join(format!("{LOCK}.new"));
        let lock = File::create(&pending)?;
        lock.lock()?;
        fs::rename(&pending, temp.path().join(LOCK))?;
        Ok(Workspace {
            dir: temp.path().to_path_buf(),
            _temp: temp,
            lock: Arc::new(Mutex::new(Some(lock))),
        })
    }

    pub fn path(&self) -> &Path {
        &self.dir
    }

    /// Where the site is built, as `chiso build --output` takes it (the build keeps its
    /// staging folder and lock beside it, inside this folder too).
    pub fn site(&self) -> PathBuf {
        self.dir.join("site")
    }

    /// Removes the folder now, from any thread (a signal's handler), even while a build is
    /// writing into it.
    pub fn remover(&self) -> impl Fn() + Send + 'static {
        let dir = self.dir.clone();
        let lock = Arc::clone(&self.lock);
        move || {
            // Windows does not remove an open file.
            drop(lock.lock().unwrap_or_else(PoisonError::into_inner).take());
            remove(&dir);
        }
    }
}

impl Drop for Workspace {
    fn drop(&mut self) {
        drop(
            self.lock
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .take(),
        );
        // `_temp` removes the folder.
    }
}

/// Removes `dir`, trying again for a moment if a build still writing into it makes a file
/// after the removal passed by.
fn remove(dir: &Path) {
    for _ in 0..40 {
        remove_in_parallel(dir);
        match fs::remove_dir_all(dir) {
            Ok(()) => return,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return,
            Err(_) => std::thread::sleep(Duration::from_millis(50)),
        }
    }
}

/// Removes what `dir` holds, its folders' contents on several threads: one after the other,
/// a national preview's 47,000 files took over a minute to remove on a loaded machine, and
/// Ctrl+C must not keep the editor waiting.
fn remove_in_parallel(dir: &Path) {
    const THREADS: usize = 8;
    // The site's folders, one per unit: `dir/site/*`, and the rest of `dir`.
    let list = |d: &Path| -> Vec<PathBuf> {
        fs::read_dir(d)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    let site = dir.join("site");
    let mut entries = list(&site);
    entries.extend(list(dir).into_iter().filter(|p| *p != site));
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..THREADS {
            scope.spawn(|| loop {
                let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(path) = entries.get(i) else {
                    return;
                };
                let _ = match fs::symlink_metadata(path) {
                    Ok(m) if m.is_dir() => fs::remove_dir_all(path),
                    Ok(_) => fs::remove_file(path),
                    Err(e) => Err(e),
                };
            });
        }
    });
}

/// Removes the folders that serves which were killed left in `parent`.
fn remove_abandoned(parent: &Path) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let ours = entry.file_name().to_string_lossy().starts_with(PREFIX);
        // Never through a link: only a real folder of that name is looked into.
        if !ours || !entry.file_type().is_ok_and(|t| t.is_dir()) {
            continue;
        }
        let dir = entry.path();
        let Ok(lock) = File::open(dir.join(LOCK)) else {
            continue;
        };
        if lock.try_lock().is_ok() {
            drop(lock);
            let _ = fs::remove_dir_all(&dir);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_abandoned_folder_goes_and_a_live_one_stays() {
        let parent = tempfile::tempdir().unwrap();
        let live = Workspace::create_in(parent.path()).unwrap();
        fs::create_dir_all(live.site()).unwrap();
        fs::write(live.site().join("index.html"), "x").unwrap();
        // A serve killed outright: its lock file is there, unlocked.
        let abandoned = parent.path().join(format!("{PREFIX}killed"));
        fs::create_dir_all(abandoned.join("site")).unwrap();
        fs::write(abandoned.join(LOCK), "").unwrap();
        // Not a serve's (no lock file): left alone.
        let other = parent.path().join(format!("{PREFIX}other"));
        fs::create_dir_all(&other).unwrap();

        let second = Workspace::create_in(parent.path()).unwrap();
        assert!(!abandoned.exists());
        assert!(other.exists());
        assert!(live.site().join("index.html").exists());

        let (a, b) = (live.path().to_path_buf(), second.path().to_path_buf());
        live.remover()();
        assert!(!a.exists());
        drop(live);
        drop(second);
        assert!(!b.exists());
    }
}
