//! Where rendered files go as they are made: to disk, for `build` and `serve`
//! ([`crate::output::Staging`]). Each file is handed over as soon as it is rendered, so a
//! build holds only the files being made, not the whole site.

use std::io;

/// Receives the site's files from any thread, in no particular order.
pub trait Sink: Sync {
    /// `path` is relative to the site's root, `/`-separated.
    fn put(&self, path: String, bytes: Vec<u8>) -> io::Result<()>;

    /// A partial render leaves the job `job` (a [`super::family::JobKey`]) as the previous render made
    /// it: true when its previous files stand (a build links them from the previous site),
    /// false when they cannot, and the job is rendered again.
    fn keep(&self, job: &str) -> io::Result<bool> {
        let _ = job;
        Ok(true)
    }
}
