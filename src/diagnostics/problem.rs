//! What can be wrong in an editor's input, as data: each problem holds the facts needed to say
//! it, and nothing is worded until it is shown (see `messages`), in the language asked for.

use super::Severity;

/// How the number that could not be read was written, for a message in the editor's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberWritten {
    /// In a comma-separated file: plain numbers.
    Comma,
    /// In a semicolon-separated file: Vietnamese numbers.
    Semicolon,
    /// In a workbook's cell.
    Cell,
}

/// What is wrong, with the facts needed to say it in either language.
#[derive(Debug, Clone, PartialEq)]
pub enum Problem {
    Unreadable(String),
    EmptyFile,
    MissingColumn(String),
    UnknownColumn {
        name: String,
        known: Vec<String>,
        suggestion: Option<String>,
    },
    FieldCount {
        expected: usize,
        found: usize,
    },
    Required,
    InvalidSlug(String),
    ReservedSlug(String),
    TwoForms {
        other: String,
    },
    Shortcode(String),
    OutsideProject,
    TooLarge {
        limit: String,
    },
    NoFigure {
        what: String,
    },
    SameNarrative {
        other: String,
    },
    InvalidCode(String),
    InvalidIndicatorCode(String),
    Duplicate {
        value: String,
        first_line: usize,
    },
    UnknownParent {
        code: String,
        suggestion: Option<String>,
    },
    NoRoot,
    SecondRoot {
        first: String,
    },
    ParentCycle(Vec<String>),
    // A unit's life (`from`, `until`, `formed_from` of data/units.csv). Periods are written
    // as in the files (`2025-H1`), and worded by the messages.
    /// `from` is after `until`.
    LifeReversed {
        from: String,
        until: String,
    },
    /// The root unit has a `from` or an `until`: it exists at every period.
    RootLife,
    /// A child that begins before its parent or ends after it.
    OutlivesParent {
        parent: String,
        from: Option<String>,
        until: Option<String>,
    },
    UnknownFormedFrom {
        code: String,
        suggestion: Option<String>,
    },
    FormedFromItself {
        code: String,
    },
    /// `formed_from` names a unit still in force when this one begins: its figures would be
    /// counted twice.
    FormedFromInForce {
        code: String,
        name: String,
        until: Option<String>,
        from: Option<String>,
    },
    /// An actual or estimate of a unit at a period outside its life.
    OutsideLife {
        unit: String,
        period: String,
        from: Option<String>,
        until: Option<String>,
    },
    Choice {
        value: String,
        allowed: &'static [&'static str],
        suggestion: Option<String>,
    },
    InvalidDecimals(String),
    DerivationIncomplete,
    UnknownPart {
        code: String,
        suggestion: Option<String>,
    },
    DerivationCycle(String),
    InvalidScale(String),
    UnknownIndicator {
        code: String,
        suggestion: Option<String>,
    },
    InvalidPeriod(String),
    InvalidNumber {
        value: String,
        written: NumberWritten,
    },
    RangeNotTarget,
    InvalidRange(String),
    Conflict {
        first_line: usize,
        first: String,
        second: String,
    },
    UnknownUnit {
        slug: String,
        suggestion: Option<String>,
    },
    NoFigureYearBefore {
        what: String,
    },
    FileForNoUnit {
        slug: String,
        suggestion: Option<String>,
    },
    FrontMatter(String),
    /// A template, the style sheet or the translation table of `templates/` that does not
    /// compile, or a page that its template cannot render; `message` is Tera's account.
    Template {
        message: String,
    },
    Config(String),
    /// An image in a narrative names no file under `content/`.
    ImageMissing {
        path: String,
        suggestion: Option<String>,
    },
    /// `![](anh/x.jpg)`: an image without its text equivalent.
    ImageNoAlt {
        path: String,
    },
    /// An absolute path, or one that climbs out of `content/` with `..`.
    ImageOutsideContent {
        path: String,
        suggestion: Option<String>,
    },
    /// A file browsers do not show as an image.
    ImageType {
        path: String,
        /// The extensions a narrative's image may have.
        allowed: &'static [&'static str],
    },
    /// A file whose content is not an image browsers show, whatever its name says: a photo
    /// kept in an iPhone's HEIC form, a TIFF, a document renamed `.jpg`. `format` is what the
    /// file really is, when known.
    ImageContent {
        path: String,
        format: Option<String>,
    },
    /// An image from another address (`https://…`, `data:…`), which the pages' security policy
    /// does not show (a warning: nothing else on the page is wrong).
    ImageExternal {
        url: String,
    },
    /// An `<img>` written in HTML: chiso neither copies its file nor checks it (a warning, like
    /// the rest of pasted HTML, which is cleaned rather than refused).
    ImageHtml,
    // Warnings.
    DerivedDiffers {
        entered: String,
        computed: String,
    },
    SumDiffers {
        entered: String,
        computed: String,
        percent: String,
    },
    AbovePercent(String),
    StockDrop {
        from: String,
        to: String,
        previous: String,
    },
    ChildrenMissing {
        what: String,
        missing: Vec<String>,
    },
    /// A whole year's flow (revenue) of a parent whose children changed during the year: the
    /// first half's units and the year's are not the same, so no sum covers the year.
    FlowAcrossChange {
        what: String,
        year: i32,
    },
    ImageLarge {
        path: String,
        bytes: u64,
        limit: u64,
    },
}

impl Problem {
    pub fn severity(&self) -> Severity {
        match self {
            Problem::DerivedDiffers { .. }
            | Problem::SumDiffers { .. }
            | Problem::AbovePercent(_)
            | Problem::StockDrop { .. }
            | Problem::ChildrenMissing { .. }
            | Problem::FlowAcrossChange { .. }
            | Problem::ImageExternal { .. }
            | Problem::ImageHtml
            | Problem::ImageLarge { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A short name for the class of problem, used to cap repeats.
    pub fn class(&self) -> std::mem::Discriminant<Problem> {
        std::mem::discriminant(self)
    }
}
