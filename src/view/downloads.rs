//! The files readers can download, as the families list them for the downloads page.

use crate::model::UnitId;
use crate::routes::{DataFormat, ReportFile, UnitReports};

/// A file a family publishes for readers to download, as the downloads page lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Download {
    /// Its path in the site.
    pub path: String,
    pub what: DownloadKind,
}

/// What a download is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DownloadKind {
    /// A site-wide file, by the translation key of its label.
    Site { label: &'static str },
    /// A unit's own open data file.
    UnitData(UnitId, DataFormat),
    /// A unit's file of every half-year's reports.
    UnitReports(UnitId, UnitReports),
    /// One half-year's report of a unit.
    Report(UnitId, i32, ReportFile),
}
