//! Writing the site so that readers never see a broken or half-written one.
//!
//! The new site is written into a temporary folder beside the output and swapped in only when
//! every file is there. A file whose bytes did not change is linked from the previous output,
//! so it keeps its modification time and a sync to the web host uploads nothing for it. A lock
//! beside the output keeps two builds from mixing.

use std::fs::{self, File};
use std::io;
use std::path::{Path, PathBuf};

use crate::render::OutputFile;

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

pub fn write_site(output: &Path, files: &[OutputFile]) -> io::Result<Written> {
    let parent = match output.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&parent)?;
    let lock = File::create(sibling(output, "lock")?)?;
    lock.lock()?;
    // A build killed earlier may have left its temporary folder; with the lock held, no other
    // build is using one.
    let staging = sibling(output, "new")?;
    let retired = sibling(output, "old")?;
    for stale in [&staging, &retired] {
        if stale.exists() {
            fs::remove_dir_all(stale)?;
        }
    }
    fs::create_dir(&staging)?;
    let mut guard = TempDir(Some(staging.clone()));
    // Each folder is made once, then the files are written in parallel: on a national site
    // writing one file after another was almost half of the build's wall time.
    let mut dirs: Vec<&Path> = files
        .iter()
        .filter_map(|f| Path::new(&f.path).parent())
        .collect();
    dirs.sort();
    dirs.dedup();
    for dir in dirs {
        fs::create_dir_all(staging.join(dir))?;
    }
    use rayon::prelude::*;
    let changed: io::Result<usize> = files
        .par_iter()
        .map(|f| {
            let target = staging.join(&f.path);
            let previous = output.join(&f.path);
            let unchanged = fs::metadata(&previous).is_ok_and(|m| m.len() == f.bytes.len() as u64)
                && fs::read(&previous).is_ok_and(|old| old == f.bytes);
            if unchanged && fs::hard_link(&previous, &target).is_ok() {
                return Ok(0);
            }
            fs::write(&target, &f.bytes)?;
            Ok(1)
        })
        .try_reduce(|| 0, |a, b| Ok(a + b));
    let written = Written {
        files: files.len(),
        changed: changed?,
    };
    sync_dir(&staging)?;
    swap(&staging, output, &retired)?;
    guard.0 = None;
    if retired.exists() {
        fs::remove_dir_all(&retired)?;
    }
    Ok(written)
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
        let w = write_site(&out, &[file("index.html", "a"), file("x/y.css", "b")]).unwrap();
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
        let w = write_site(&out, &[file("index.html", "changed"), file("x/y.css", "b")]).unwrap();
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
    fn removes_files_that_are_no_longer_built() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        write_site(&out, &[file("old.html", "a")]).unwrap();
        write_site(&out, &[file("new.html", "b")]).unwrap();
        assert!(!out.join("old.html").exists());
        assert!(out.join("new.html").exists());
    }
}
