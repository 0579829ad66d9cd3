//! The steps a build takes on the disk that must each be whole: a file moved in by one
//! rename, the folders a removal left empty removed, a folder's entries flushed to disk.

use std::fs;
use std::io;
use std::path::Path;

/// Renames `staging/rel` to `output/rel`, making its folder in the output if it is new.
pub fn move_in(staging: &Path, output: &Path, rel: &str) -> io::Result<()> {
    let (from, to) = (staging.join(rel), output.join(rel));
    match fs::rename(&from, &to) {
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            if let Some(dir) = to.parent() {
                fs::create_dir_all(dir)?;
            }
            fs::rename(&from, &to)
        }
        other => other,
    }
}

/// Removes the folders of `rel` inside `root` that its removal left empty, as a full build
/// would not have made them.
pub fn remove_empty_parents(root: &Path, rel: &Path) {
    let mut dir = rel.parent();
    while let Some(d) = dir.filter(|d| !d.as_os_str().is_empty()) {
        if fs::remove_dir(root.join(d)).is_err() {
            break;
        }
        dir = d.parent();
    }
}

pub fn sync_dir(dir: &Path) -> io::Result<()> {
    // Data must be on disk before the swap makes it the published site.
    #[cfg(unix)]
    {
        fs::File::open(dir)?.sync_all()?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
