//! What a page's template may spend while it renders: a project's own template is the editor's
//! to write, and a slip (a loop to ten billion, a page written without end) must become a
//! message naming the template, never a build that grows without end.
//!
//! Steps are counted by chiso's own `range` (over Tera's, which builds the whole list first):
//! every number a `range` hands out in one page counts, nested loops included. A page's bytes
//! are counted as Tera writes them, so rendering stops at the limit rather than after it.
//! `get_env` is replaced by a function that refuses: templates see no environment.

use std::cell::Cell;
use std::collections::HashMap;
use std::io::Write;

use tera::{from_value, to_value, Value};

/// Steps of `range` one page may take, its loops nested or not: the built-in pages take none,
/// and a page's own use (years, stars, a table's rows) takes tens. Kept low because what a
/// macro or a `{% filter %}` section writes is held whole by Tera until it ends, out of the
/// page's size limit's sight: it is bounded only by these steps times what each step writes.
pub const MAX_STEPS: u64 = 100_000;
/// The largest page a template may make: the largest built-in page of a national project is
/// a few MiB.
pub const MAX_PAGE_BYTES: usize = 16 * 1024 * 1024;

/// Which limit a render passed, noted by the function or writer that refused to go on, since
/// Tera passes on only its own account of the error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tripped {
    Steps,
    Environment,
    Output,
}

thread_local! {
    // One page renders on one thread from start to end, so the budget is the thread's.
    static STEPS_LEFT: Cell<u64> = const { Cell::new(MAX_STEPS) };
    static TRIPPED: Cell<Option<Tripped>> = const { Cell::new(None) };
}

/// Starts a page's budget afresh.
pub fn start() {
    STEPS_LEFT.with(|s| s.set(MAX_STEPS));
    TRIPPED.with(|t| t.set(None));
}

/// The limit the page that just failed passed, if it failed on one.
pub fn tripped() -> Option<Tripped> {
    TRIPPED.with(Cell::get)
}

fn trip(what: Tripped, message: &str) -> tera::Error {
    TRIPPED.with(|t| t.set(Some(what)));
    tera::Error::msg(message)
}

/// Tera's `range(start, end, step_by)`, counted against the page's steps before the list is
/// made.
pub fn range(args: &HashMap<String, Value>) -> tera::Result<Value> {
    let number = |name: &str, default: Option<usize>| -> tera::Result<usize> {
        match args.get(name) {
            Some(v) => from_value::<usize>(v.clone()).map_err(|_| {
                tera::Error::msg(format!(
                    "Function `range` received {name}={v} but `{name}` can only be a number"
                ))
            }),
            None => default.ok_or_else(|| {
                tera::Error::msg(format!(
                    "Function `range` was called without a `{name}` argument"
                ))
            }),
        }
    };
    let start = number("start", Some(0))?;
    let end = number("end", None)?;
    let step_by = number("step_by", Some(1))?;
    if start > end {
        return Err(tera::Error::msg(
            "Function `range` was called with a `start` argument greater than the `end` one",
        ));
    }
    if step_by == 0 {
        return Err(tera::Error::msg(
            "Function `range` was called with a `step_by` argument of 0",
        ));
    }
    let count = ((end - start).div_ceil(step_by)) as u64;
    let left = STEPS_LEFT.with(Cell::get);
    if count > left {
        return Err(trip(Tripped::Steps, "`range` is over the page's steps"));
    }
    STEPS_LEFT.with(|s| s.set(left - count));
    to_value((start..end).step_by(step_by).collect::<Vec<_>>()).map_err(tera::Error::json)
}

/// In place of Tera's `get_env`: the builder's environment is not the site's to publish.
pub fn get_env(_: &HashMap<String, Value>) -> tera::Result<Value> {
    Err(trip(
        Tripped::Environment,
        "templates cannot read the environment",
    ))
}

/// A page as Tera writes it, refused once it passes [`MAX_PAGE_BYTES`].
#[derive(Default)]
pub struct Page {
    pub bytes: Vec<u8>,
}

impl Write for Page {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.bytes.len() + buf.len() > MAX_PAGE_BYTES {
            TRIPPED.with(|t| t.set(Some(Tripped::Output)));
            return Err(std::io::Error::other("the page is over its size"));
        }
        self.bytes.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}
