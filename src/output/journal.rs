//! The partial build's journal: what it is about to move into the site, written before the
//! first move and removed after the last, so that a build killed in between (a power cut, the
//! window closed) is finished by the next one before it does anything else.
//!
//! A partial build brings the site up to date in place, one rename per changed file; while it
//! moves them, the site is neither the old one nor the new. The journal lists every step, and
//! the staged files stay in the temporary folder until they are moved, so the next build (of
//! whichever project, under the same lock) can always complete the moves: the site is then the
//! new one, whole, manifest included.

use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::disk::{move_in, remove_empty_parents, sync_dir};
use super::guard::inside_site;

/// The steps of one partial build's finish, in the order they are taken.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journal {
    /// Files of the temporary folder to move into the site (`.gz` copies included).
    pub staged: Vec<String>,
    /// Files of the site to remove: made by the previous build, no longer by this one.
    pub gone: Vec<String>,
    /// The build's own files (the manifest), moved in last.
    pub own: Vec<String>,
}

impl Journal {
    /// Writes the journal at `path` whole or not at all: into a file beside it, flushed to
    /// disk, then renamed into place.
    pub fn write(&self, path: &Path) -> io::Result<()> {
        let mut bytes = serde_json::to_vec(self).map_err(io::Error::other)?;
        bytes.push(b'\n');
        let part = path.with_extension("part");
        {
            let mut f = fs::File::create(&part)?;
            io::Write::write_all(&mut f, &bytes)?;
            f.sync_all()?;
        }
        fs::rename(&part, path)
    }

    /// The journal at `path`, if there is one. One that cannot be read, or that names a file
    /// outside the site, is an error: nothing is moved or removed on its word.
    pub fn read(path: &Path) -> io::Result<Option<Journal>> {
        let bytes = match fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(e),
        };
        let journal: Journal = serde_json::from_slice(&bytes).map_err(|e| {
            io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: {e}", path.display()),
            )
        })?;
        let all = journal
            .staged
            .iter()
            .chain(&journal.gone)
            .chain(&journal.own);
        if let Some(bad) = all.into_iter().find(|p| !inside_site(p)) {
            return Err(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("{}: `{bad}` is outside the site", path.display()),
            ));
        }
        Ok(Some(journal))
    }
}

/// For the tests of a build killed halfway: with `CHISO_FAULT_AFTER_MOVES=N`, the build ends at
/// once after moving N files in, as a power cut would end it.
fn fault_after() -> Option<usize> {
    std::env::var("CHISO_FAULT_AFTER_MOVES").ok()?.parse().ok()
}

/// Takes the journal's steps: each staged file still in `staging` is moved into `output`
/// (one already moved is not there any more), each gone file removed, the own files moved in
/// last. Taking them twice is harmless, so a finish interrupted again is finished again.
pub fn apply(journal: &Journal, staging: &Path, output: &Path) -> io::Result<()> {
    let fault = fault_after();
    for (n, path) in journal.staged.iter().enumerate() {
        if fault == Some(n) {
            // As if the power went: no destructor, no message.
            std::process::abort();
        }
        if staging.join(path).is_file() {
            move_in(staging, output, path)?;
        }
    }
    for path in &journal.gone {
        match fs::remove_file(output.join(path)) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => return Err(e),
            _ => remove_empty_parents(output, Path::new(path)),
        }
    }
    for path in &journal.own {
        if staging.join(path).is_file() {
            move_in(staging, output, path)?;
        }
    }
    sync_dir(output)
}
