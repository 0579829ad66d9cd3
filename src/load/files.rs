//! Reading an input file safely: never from outside the project, never without bound, never
//! anything but a plain file (a folder, a pipe or a device in a file's place is named and refused
//! before it is opened: opening a pipe waits forever, reading a device never ends).

use std::io::Read;
use std::path::Path;

use crate::diagnostics::{NotAFile, Problem};

/// Largest input file read: a values file of about four million rows.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Longest line of a table (all its cells together, so its longest cell too): a longer one is
/// a pasted document, not figures.
pub const MAX_LINE_BYTES: usize = 64 * 1024;
/// Most columns a table may have: every table of chiso has fewer than twenty.
pub const MAX_COLUMNS: usize = 256;

/// [`MAX_FILE_BYTES`] as messages say it.
pub fn file_limit() -> String {
    format!("{} MiB", MAX_FILE_BYTES / 1024 / 1024)
}

/// What `meta` is when it is not a plain file, for [`Problem::NotAFile`].
pub fn not_a_file(meta: &std::fs::Metadata) -> Option<NotAFile> {
    let kind = meta.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some(NotAFile::Folder);
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some(NotAFile::Pipe);
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some(NotAFile::Device);
        }
    }
    Some(NotAFile::Other)
}

/// The bytes of `root/rel`, refusing a file that a link leads outside the project and a file larger
/// than [`MAX_FILE_BYTES`].
pub fn read(root: &Path, rel: &Path) -> Result<Vec<u8>, Problem> {
    let path = root.join(rel);
    // The file itself or any folder on its way may be a link; what counts is where it leads.
    let inside = match (std::fs::canonicalize(&path), std::fs::canonicalize(root)) {
        (Ok(target), Ok(root)) => target.starts_with(root),
        (Err(e), _) | (_, Err(e)) => return Err(Problem::Unreadable(e.to_string())),
    };
    if !inside {
        return Err(Problem::OutsideProject);
    }
    // What the path is, asked before opening it: a pipe would make `open` wait forever.
    let meta = std::fs::metadata(&path).map_err(|e| Problem::Unreadable(e.to_string()))?;
    if let Some(what) = not_a_file(&meta) {
        return Err(Problem::NotAFile { what });
    }
    if meta.len() > MAX_FILE_BYTES {
        return Err(Problem::TooLarge {
            limit: file_limit(),
        });
    }
    // The size may change between the question and the reading (a file still being written):
    // never read more than the limit, whatever the file says.
    let file = std::fs::File::open(&path).map_err(|e| Problem::Unreadable(e.to_string()))?;
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Problem::Unreadable(e.to_string()))?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(Problem::TooLarge {
            limit: file_limit(),
        });
    }
    Ok(bytes)
}

/// Whether anything (a file, a folder, a link, a pipe) is at `path`: what decides whether a
/// file is read, so that what stands in a file's place is refused by name, not passed over.
pub fn present(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

/// Refuses a folder that a link leads outside the project.
pub fn read_dir_check(root: &Path, rel: &Path) -> Result<(), Problem> {
    match (
        std::fs::canonicalize(root.join(rel)),
        std::fs::canonicalize(root),
    ) {
        (Ok(target), Ok(root)) if target.starts_with(&root) => Ok(()),
        (Ok(_), Ok(_)) => Err(Problem::OutsideProject),
        (Err(e), _) | (_, Err(e)) => Err(Problem::Unreadable(e.to_string())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn refuses_links_that_lead_outside() {
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("secret.csv"), "x").unwrap();
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir(root.path().join("data")).unwrap();
        std::fs::write(root.path().join("data/real.csv"), "y").unwrap();
        std::os::unix::fs::symlink(
            outside.path().join("secret.csv"),
            root.path().join("data/units.csv"),
        )
        .unwrap();
        std::os::unix::fs::symlink(
            root.path().join("data/real.csv"),
            root.path().join("data/inside.csv"),
        )
        .unwrap();
        assert_eq!(
            read(root.path(), Path::new("data/units.csv")),
            Err(Problem::OutsideProject)
        );
        assert_eq!(
            read(root.path(), Path::new("data/inside.csv")),
            Ok(b"y".to_vec())
        );
        assert_eq!(
            read(root.path(), Path::new("data/real.csv")),
            Ok(b"y".to_vec())
        );
    }

    #[test]
    fn refuses_what_is_not_a_plain_file_before_opening_it() {
        let root = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(root.path().join("data/x.csv")).unwrap();
        assert_eq!(
            read(root.path(), Path::new("data/x.csv")),
            Err(Problem::NotAFile {
                what: NotAFile::Folder
            })
        );
        #[cfg(unix)]
        {
            let fifo = root.path().join("data/pipe.csv");
            let made = std::process::Command::new("mkfifo").arg(&fifo).status();
            if made.is_ok_and(|s| s.success()) {
                assert_eq!(
                    read(root.path(), Path::new("data/pipe.csv")),
                    Err(Problem::NotAFile {
                        what: NotAFile::Pipe
                    })
                );
            }
        }
    }
}
