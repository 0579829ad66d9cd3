//! Reading an input file safely: never from outside the project, never without bound.

use std::path::Path;

use crate::diagnostics::Problem;

/// Largest input file read: a values file of about four million rows.
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;
/// Longest cell or narrative accepted; a longer one is a pasted document, not a figure.
pub const MAX_CELL_BYTES: usize = 64 * 1024;

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
    let size = std::fs::metadata(&path)
        .map_err(|e| Problem::Unreadable(e.to_string()))?
        .len();
    if size > MAX_FILE_BYTES {
        return Err(Problem::TooLarge {
            limit: format!("{} MiB", MAX_FILE_BYTES / 1024 / 1024),
        });
    }
    std::fs::read(&path).map_err(|e| Problem::Unreadable(e.to_string()))
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
}
