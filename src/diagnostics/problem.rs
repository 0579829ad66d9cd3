//! What can be wrong in an editor's input, as data: each problem holds the facts needed to say
//! it, and nothing is worded until it is shown (see `messages`), in the language asked for.

/// How the table with the number (or row) that could not be read was written, for a message in
/// the editor's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberWritten {
    /// In a comma-separated file: plain numbers.
    Comma,
    /// In a semicolon-separated file: Vietnamese numbers.
    Semicolon,
    /// In a workbook's cell.
    Cell,
}

/// A file in `data/values/` that chiso does not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StrayFile {
    /// `~$tuan-giao.xlsx`: Excel's mark that `workbook` is open.
    Lock { workbook: String },
    /// A workbook of another program (`.ods`, `.numbers`) or Excel form (`.xlsm`, `.xlsb`).
    OtherWorkbook,
    /// Anything else (`ghi-chu.txt`).
    Other,
}

/// What stands where an input file should be, for `Problem::NotAFile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NotAFile {
    /// A folder named like a file (`tuan-giao.csv/`).
    Folder,
    /// A named pipe, which a program writes into while it is read: never a saved file.
    Pipe,
    /// A device (`/dev/zero`, `/dev/random` linked in): it never ends.
    Device,
    /// A socket or anything else that is not a saved file.
    Other,
}

/// The piece of an `.xlsx` workbook that is too large unpacked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookPart {
    /// The sheet read, by its name (or the piece's name in the workbook when it has none).
    Sheet(String),
    /// The texts every sheet shares (`sharedStrings.xml`).
    SharedStrings,
    /// Another piece of the workbook, by its name in the workbook (`xl/styles.xml`).
    Other(String),
    /// All its pieces together.
    Whole,
}

/// What is wrong with a template: Tera's own account, or one of the limits every template is
/// held to, so that a template of a project's own never reads the builder's environment, and
/// never runs, recurses or writes without end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateMessage {
    /// Tera's account of a template that does not compile or render (in English: Tera's own).
    Tera(String),
    /// The template calls `get_env`: templates see the project's files, never the environment.
    Environment,
    /// Its loops' `range` calls would take more than `limit` steps in one page.
    Steps { limit: u64 },
    /// A macro that calls itself, directly or through others: `chain` is the circle of calls,
    /// first and last the same (`self::a`, `self::b`, `self::a`).
    MacroCircle { chain: Vec<String> },
    /// `{% include %}` of names that are not the theme's templates (`/etc/passwd`).
    IncludeUnknown { names: Vec<String> },
    /// A template that includes itself, directly or through others (`a.html`, `a.html`).
    IncludeCircle { chain: Vec<String> },
    /// `{% set_global variable = variable ~ … %}` inside a loop: it could double at each step.
    Grows { variable: String },
    /// One page would be larger than `limit_mib` MiB.
    Output { limit_mib: u64 },
}

impl From<String> for TemplateMessage {
    fn from(message: String) -> Self {
        TemplateMessage::Tera(message)
    }
}

/// For `ThemeError`'s own display, read by programmers only: editors see `Problem::describe`.
impl std::fmt::Display for TemplateMessage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TemplateMessage::Tera(m) => f.write_str(m),
            other => write!(f, "{other:?}"),
        }
    }
}

/// The facts of `Problem::ChildrenMissing` (boxed: most problems are much smaller).
#[derive(Debug, Clone, PartialEq)]
pub struct ChildrenGap {
    pub parent: String,
    /// The parent's values file, where its own figures would go.
    pub parent_file: String,
    pub period: String,
    pub kinds: Vec<String>,
    pub indicators: Vec<String>,
    pub having: Vec<String>,
    pub missing: Vec<MissingChild>,
}

/// A unit below a parent without figures its siblings have, for `Problem::ChildrenMissing`.
#[derive(Debug, Clone, PartialEq)]
pub struct MissingChild {
    pub name: String,
    /// Its values file, from the project's root.
    pub file: String,
    /// The indicators it lacks; empty when it lacks every one the problem names.
    pub indicators: Vec<String>,
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

/// An indicator as a message names it: its code, and its name in each language.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorNamed {
    pub code: String,
    pub name: String,
    pub name_en: String,
}

/// A figure as its indicator shows it, in each language: rounded to its decimals, in the
/// language's number form, with `%` or its unit of measure (`1.810 vị trí trạm`, `1,810 sites`).
/// Numbers are formatted where the figure is known (a layer above this one).
#[derive(Debug, Clone, PartialEq)]
pub struct FigureShown {
    pub vi: String,
    pub en: String,
}

/// Where a figure named by a message comes from, so that the editor knows which file to open.
#[derive(Debug, Clone, PartialEq)]
pub enum Whence {
    /// Entered on `line` of `file`.
    Line { file: String, line: usize },
    /// Entered in `cell` (`D7`) of `sheet` of the workbook `file`.
    Cell {
        file: String,
        sheet: String,
        cell: String,
    },
    /// Nobody typed it: the sum of the units below.
    Sum,
    /// Nobody typed it: computed from other indicators.
    Derived,
}

/// One part of a derived figure (the part or the whole of a share), for a message.
#[derive(Debug, Clone, PartialEq)]
pub struct PartShown {
    pub indicator: IndicatorNamed,
    pub figure: FigureShown,
    pub whence: Whence,
}

/// A figure and the unit's previous figure of the same indicator and kind, for a warning
/// that it changed too much. `kind` is the word of the `kind` column; periods as in the files.
#[derive(Debug, Clone, PartialEq)]
pub struct FigureChange {
    pub indicator: IndicatorNamed,
    pub kind: &'static str,
    pub previous: String,
    pub from: FigureShown,
    pub period: String,
    pub to: FigureShown,
}

/// A derived share and its two parts, for the error that they cannot be true. `percent` is
/// none when the whole is 0; `negative` when a part or the whole is below 0. `kind` is the word
/// of the `kind` column; the period as in the files.
#[derive(Debug, Clone, PartialEq)]
pub struct PartsOfShare {
    pub indicator: IndicatorNamed,
    pub period: String,
    pub kind: &'static str,
    pub percent: Option<FigureShown>,
    pub negative: bool,
    pub part: PartShown,
    pub whole: PartShown,
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
        /// The file's separator (`,` or `;`), or a workbook's row.
        written: NumberWritten,
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
    /// A folder, a pipe or a device where an input file should be: refused before it is opened.
    NotAFile {
        what: NotAFile,
    },
    TooLarge {
        limit: String,
    },
    /// A values file with so many lines in error that it is likely not one (or saved with
    /// another separator): reading stopped after `bad` of them, `unread` lines not looked at.
    StoppedReading {
        bad: usize,
        unread: usize,
    },
    /// A table's line (all its cells together) longer than `limit`.
    LineTooLong {
        limit: String,
    },
    /// A table with more columns than `limit`.
    TooManyColumns {
        found: usize,
        limit: usize,
    },
    /// A workbook that would take far more room unpacked than any table: `part` is the piece
    /// of the workbook (its sheet, its shared strings, or all its pieces together) and `limit`
    /// how large it may be.
    WorkbookTooLarge {
        part: WorkbookPart,
        limit: String,
    },
    /// A sheet whose cells span more rows and columns than chiso reads: `rows` × `columns`
    /// from its first used cell to its last.
    SheetTooLarge {
        sheet: String,
        rows: u64,
        columns: u64,
        limit_cells: u64,
        limit_columns: u64,
    },
    /// A control character (a NUL byte, an escape) in a table's cell, or on a narrative's line
    /// (`cell` false): never typed, it comes from a broken export and would reach the pages.
    /// `code` is the character's number.
    ControlCharacter {
        code: u32,
        cell: bool,
    },
    /// A negative figure for an indicator that counts or sums things (`bts_sites = -5`).
    NegativeCount {
        value: String,
    },
    /// A value cell that Excel formats as a date: its number is read, but the editor sees a
    /// date (`shown`, as `dd/mm/yyyy`).
    ValueLooksLikeDate {
        value: String,
        shown: String,
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
    /// A period written another way (`6T/2026`, `2026-06`, `Năm 2025`, `2025.0`), or a date
    /// Excel made of it (`46203`, shown `30/06/2026`): refused, with the period to write when
    /// there is one (a month other than June or December has none).
    PeriodWrittenOtherwise {
        value: String,
        period: Option<String>,
        /// The date the value is, as `dd/mm/yyyy`, when Excel turned the period into one.
        date: Option<String>,
    },
    /// `54.748` in a comma-separated file or a workbook's text cell, for a figure: a dot
    /// between thousands, which would be read as a decimal point. `plain` is what to write.
    ThousandsSeparator {
        value: String,
        plain: String,
        written: NumberWritten,
        /// Whether the indicator is shown without decimals (`decimals = 0`).
        whole: bool,
    },
    /// The value cell of a figure's row is empty.
    EmptyValue,
    /// An `.xls` workbook (Excel 97–2003), which chiso does not read.
    OldWorkbook,
    /// A file in `data/values/` that is not a values file: `what` says what it seems to be.
    NotValuesFile {
        what: StrayFile,
    },
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
    /// A slug in `data/units.csv` that is a near miss of the name of files no unit has, while
    /// no file has its own name: the typo is in `units.csv` (`tuan-gaio` for `tuan-giao`), not
    /// in the files. `files` are the files named `meant`, as paths from the project's root.
    SlugTypo {
        slug: String,
        meant: String,
        files: Vec<String>,
    },
    /// A unit's code that is not in the official list for its level and era, but is once the
    /// leading zeros Excel took off are put back (`94` → `094`).
    CodeLostZeros {
        code: String,
        padded: String,
    },
    FrontMatter(String),
    /// The front matter's closing `+++` line is missing.
    FrontMatterUnclosed,
    /// A template, the style sheet or the translation table of `templates/` that does not
    /// compile, or a page that its template cannot render, or would not within the limits.
    Template {
        message: TemplateMessage,
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
    /// A `%` figure typed in above 100 for an indicator that is not a share (a growth rate, a
    /// figure against the plan), which may be right.
    AbovePercent {
        indicator: Box<IndicatorNamed>,
        figure: Box<FigureShown>,
    },
    /// A stock that falls by more than half (but not below a fifth: that is `Jump`) from the
    /// previous actual figure.
    StockDrop(Box<FigureChange>),
    /// A figure more than five times the unit's previous figure of the same kind (`rise`), or
    /// below a fifth of it.
    Jump {
        rise: bool,
        change: Box<FigureChange>,
    },
    // Errors of plausibility.
    /// A share (`%`) typed in above 100 or below 0: a part of a whole is neither.
    ShareOutOfRange {
        indicator: Box<IndicatorNamed>,
        figure: Box<FigureShown>,
        /// Below 0 rather than above 100.
        below: bool,
    },
    /// A share that chiso derives from its parts, whose part is larger than its whole, or one
    /// of them negative: the percentage would be above 100 or below 0.
    PartExceedsWhole(Box<PartsOfShare>),
    /// A parent's sums of one period that could not be computed because some of its units
    /// have no figure that others have: one problem per parent and period, whatever the
    /// number of indicators. `kinds` (`actual`, `estimate`) and `indicators` are those of the
    /// totals missing; `missing` the units lacking figures, each with its file and the
    /// indicators it lacks (empty when it lacks them all); `having` the units that have them.
    ChildrenMissing(Box<ChildrenGap>),
    /// A unit's code that is in no official list of its level and era: a unit of the project's
    /// own, or a mistyped code. `lists` are the lists it was looked for in.
    CodeNotOfficial {
        code: String,
        lists: Vec<crate::official::List>,
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

/// Whether a problem stops the build (an error) or is only shown (a warning).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    Error,
    Warning,
}

impl Problem {
    pub fn severity(&self) -> Severity {
        match self {
            Problem::DerivedDiffers { .. }
            | Problem::SumDiffers { .. }
            | Problem::AbovePercent { .. }
            | Problem::StockDrop { .. }
            | Problem::Jump { .. }
            | Problem::ChildrenMissing(_)
            | Problem::CodeNotOfficial { .. }
            | Problem::FlowAcrossChange { .. }
            | Problem::ImageExternal { .. }
            | Problem::ImageHtml
            | Problem::ImageLarge { .. }
            | Problem::PlanWithoutTargets { .. }
            | Problem::PlanEndedWithoutFigure { .. }
            | Problem::NotValuesFile { .. }
            | Problem::ValueLooksLikeDate { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// A short name for the class of problem, used to cap repeats.
    pub fn class(&self) -> std::mem::Discriminant<Problem> {
        std::mem::discriminant(self)
    }
}
