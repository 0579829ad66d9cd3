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

/// What is wrong with how a shortcode is written: its braces, quotes, name or arguments.
/// Problems with what it refers to (an indicator, a period, a figure) are `Problem`s of their
/// own, shared with the data files.
#[derive(Debug, Clone, PartialEq)]
pub enum ShortcodeProblem {
    /// `{{` with no `}}` after it.
    Unclosed,
    /// `{{ value }}`: no `(`.
    NoParenthesis { text: String },
    /// `{{ value(indicator="x" }}`: no `)` at the end.
    NoClosingParenthesis { text: String },
    /// `period 2024`: an argument without `=`.
    NoEquals { text: String },
    /// `indicator=mobile`: a value not in quotes.
    Unquoted { text: String },
    /// `indicator="mobile`: a quote that is never closed.
    UnclosedQuote { text: String },
    /// `{{ vlaue(…) }}`.
    UnknownName {
        name: String,
        known: &'static [&'static str],
        suggestion: Option<String>,
    },
    /// `{{ value(year="2024") }}`. `shortcode` is the name as written, with the chart's kind
    /// for a chart (`chart(kind="growth")`), since each kind takes its own arguments.
    UnknownArgument {
        shortcode: String,
        argument: String,
        allowed: &'static [&'static str],
        suggestion: Option<String>,
    },
    /// `{{ value(indicator="x") }}` without its `period`. `choices` lists the values the
    /// argument may take, when there are few (a chart's kinds).
    MissingArgument {
        shortcode: String,
        argument: &'static str,
        choices: &'static [&'static str],
    },
    /// `{{ chart(kind="line") }}`.
    UnknownChartKind {
        value: String,
        known: &'static [&'static str],
        suggestion: Option<String>,
    },
    /// `{{ progress(indicator="x", plan="2021-2026") }}`: a plan id that is not one of
    /// chiso.toml's. `known` lists the plans' ids with their years (`2021-2025` (2021–2025)).
    UnknownPlan {
        value: String,
        known: Vec<(String, String)>,
        suggestion: Option<String>,
    },
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
    /// A shortcode `{{ … }}` in a narrative that is not written as one can be read.
    Shortcode(ShortcodeProblem),
    OutsideProject,
    TooLarge {
        limit: String,
    },
    /// A shortcode quotes a figure that was not entered and cannot be computed. `period` is
    /// `None` for a target (the one `progress` and the bullet chart measure against).
    NoFigure {
        indicator: String,
        period: Option<String>,
        /// `actual`, `estimate` or `target`: the word of the `kind` column.
        kind: &'static str,
        unit: String,
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
        indicator: String,
        period: String,
        unit: String,
    },
    /// `{{ chart(…) }}` in a narrative with nothing to draw: none of its indicators has an
    /// actual figure for its unit (or, for a chart across units, for any of them).
    ChartNoData {
        /// The chart's `kind`.
        chart: &'static str,
        unit: String,
        /// The indicators it draws, as codes.
        indicators: Vec<String>,
        /// Whether the indicators are the ones `[charts] <kind>` of chiso.toml lists, rather
        /// than the shortcode's `indicator=`.
        from_config: bool,
        /// Whether the chart shows the unit with its subunits.
        subunits: bool,
    },
    FileForNoUnit {
        slug: String,
        suggestion: Option<String>,
    },
    FrontMatter(String),
    /// The front matter's closing `+++` line is missing.
    FrontMatterUnclosed,
    /// A template, the style sheet or the translation table of `templates/` that does not
    /// compile, or a page that its template cannot render; `message` is Tera's account.
    Template {
        message: String,
    },
    Config(String),
    /// A `[report]` table keyed by a level no unit of data/units.csv has.
    ReportLevel {
        key: String,
        level: String,
        levels: Vec<String>,
    },
    /// A `[report]` `signer_name` for a unit code not in data/units.csv.
    ReportUnit {
        code: String,
        suggestion: Option<String>,
    },
    /// A `[report]` text with a `{placeholder}` other than `{unit}`, `{name}`, `{parent}`.
    ReportPlaceholder {
        key: String,
        placeholder: String,
    },
    /// A `[[plans]]` id that is not `[a-z0-9-]+`.
    PlanId(String),
    /// A `[[plans]]` id used by an earlier plan.
    PlanIdTwice(String),
    /// A plan whose `from` is after its `until`, or a year out of range.
    PlanYears {
        id: String,
        from: i32,
        until: i32,
    },
    /// Two plans that share a year: a target row of that year would belong to both.
    PlansOverlap {
        id: String,
        other: String,
        years: String,
    },
    /// A target row whose year lies in no plan; `plans` lists the plans' years (`2021–2025`).
    TargetOutsidePlans {
        year: i32,
        plans: Vec<String>,
        /// Whether the plans were declared in `chiso.toml` (else the one plan of the target
        /// years, ended by `target_year`).
        declared: bool,
    },
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
    /// A parent's sum that could not be computed: `missing` names the children without the
    /// figure (`indicator`, `period` and `kind` as written in the files).
    ChildrenMissing {
        indicator: String,
        period: String,
        kind: String,
        missing: Vec<String>,
    },
    /// A whole year's flow (revenue) of a parent whose children changed during the year: the
    /// first half's units and the year's are not the same, so no sum covers the year.
    FlowAcrossChange {
        indicator: String,
        kind: String,
        year: i32,
    },
    ImageLarge {
        path: String,
        bytes: u64,
        limit: u64,
    },
    /// A plan without a single target row, own or of any unit.
    PlanWithoutTargets {
        plan: String,
        years: String,
    },
    /// The current plan's final year has passed (a later year has actual figures) and a unit
    /// with targets of its own has no whole-year figure of that year for an indicator.
    PlanEndedWithoutFigure {
        plan: String,
        indicator: String,
        year: i32,
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
            | Problem::ImageLarge { .. }
            | Problem::PlanWithoutTargets { .. }
            | Problem::PlanEndedWithoutFigure { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A short name for the class of problem, used to cap repeats.
    pub fn class(&self) -> std::mem::Discriminant<Problem> {
        std::mem::discriminant(self)
    }
}
