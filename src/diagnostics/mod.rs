//! Problems found in an editor's input, reported all at once, in the editor's terms.
//!
//! Every problem carries the file, the line (or spreadsheet row) and the column, says what is
//! wrong and, where it can, what to write instead. The problems are data (`problem`); they are
//! worded only when shown (`messages`), in Vietnamese or English.

mod messages;
mod problem;

use std::collections::HashMap;
use std::mem::Discriminant;
use std::path::PathBuf;

use crate::lang::Lang;
pub use problem::{
    ChildrenGap, FigureChange, FigureShown, IndicatorNamed, MissingChild, NotAFile, NumberWritten,
    PartShown, PartsOfShare, Problem, Severity, ShortcodeProblem, StrayFile, TemplateMessage,
    Whence, WorkbookPart,
};

/// One problem at one place.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[error("{}", self.render(Lang::Vi))]
pub struct InputError {
    pub file: PathBuf,
    /// 1-based line in a text file, or row in a spreadsheet.
    pub line: Option<usize>,
    /// The column's name.
    pub column: Option<String>,
    pub problem: Problem,
    /// For a table read from a workbook: its sheet and the cell, named instead of a line.
    pub sheet: Option<SheetCell>,
}

/// Where in a workbook a problem is: the sheet, and the cell (`D7`) when the column is known.
#[derive(Debug, Clone, PartialEq)]
pub struct SheetCell {
    pub sheet: String,
    pub cell: Option<String>,
}

impl InputError {
    pub fn severity(&self) -> Severity {
        self.problem.severity()
    }

    /// `data/values/x.csv:7`, or for a workbook `data/values/x.xlsx, sheet `Sheet1`, cell `D7``:
    /// an editor looks for a cell, not a line.
    pub fn location(&self, lang: Lang) -> String {
        let mut s = shown_path(&self.file);
        match (&self.sheet, self.line, lang) {
            (Some(at), line, _) => {
                let (sheet, cell, row) = match lang {
                    Lang::Vi => ("trang tính", "ô", "hàng"),
                    Lang::En => ("sheet", "cell", "row"),
                };
                s.push_str(&format!(", {sheet} `{}`", at.sheet));
                match (&at.cell, line) {
                    (Some(c), _) => s.push_str(&format!(", {cell} `{c}`")),
                    (None, Some(line)) => s.push_str(&format!(", {row} {line}")),
                    (None, None) => {}
                }
            }
            (None, Some(line), _) => s.push_str(&format!(":{line}")),
            (None, None, _) => {}
        }
        s
    }

    pub fn render(&self, lang: Lang) -> String {
        let label = match (self.severity(), lang) {
            (Severity::Error, Lang::Vi) => "lỗi",
            (Severity::Error, Lang::En) => "error",
            (Severity::Warning, Lang::Vi) => "cảnh báo",
            (Severity::Warning, Lang::En) => "warning",
        };
        let column = match (&self.column, lang) {
            (Some(c), Lang::Vi) => format!(" (cột `{c}`)"),
            (Some(c), Lang::En) => format!(" (column `{c}`)"),
            (None, _) => String::new(),
        };
        // Names and cells come from the editor's files: a file named with an escape sequence
        // must not drive the terminal it is printed on.
        escape_controls(&format!(
            "{}{}: {}: {}",
            self.location(lang),
            column,
            label,
            self.problem.describe(lang)
        ))
    }
}

/// A path as messages show it: with `/` between folders on every system.
fn shown_path(path: &std::path::Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// `text` with every control character but the line break and tab written as `\u{1b}`, so
/// that what an input holds is shown, never obeyed, by the terminal.
pub fn escape_controls(text: &str) -> String {
    if !text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_control() && c != '\n' && c != '\t' {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// How many problems of one class are kept for one file: those of its first lines. The report
/// shows fewer ([`Diagnostics::report`]'s cap, which must stay below this); the rest are only
/// counted, so that a file of a million bad rows costs the memory of a hundred problems, not of
/// a million.
pub const KEPT_PER_CLASS: usize = 100;
/// Problems held before the first count of those past [`KEPT_PER_CLASS`].
const COMPACT_FROM: usize = 4096;

/// A file and a class of problem.
type Key<'a> = (&'a PathBuf, Discriminant<Problem>);

/// The problems of one class in one file that were counted but not kept.
#[derive(Debug, Clone)]
struct Dropped {
    severity: Severity,
    count: usize,
}

/// Collects every problem before anything is reported: the first [`KEPT_PER_CLASS`] of each
/// class in each file, and how many more there were.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<InputError>,
    /// Those past the cap: counted, not kept.
    dropped: HashMap<(PathBuf, Discriminant<Problem>), Dropped>,
    /// How many problems may be held before the next [`Diagnostics::compact`].
    compact_at: usize,
    /// Every problem pushed so far ([`Diagnostics::pushed`]).
    pushed: usize,
}

impl Diagnostics {
    pub fn push(
        &mut self,
        file: impl Into<PathBuf>,
        line: Option<usize>,
        column: Option<&str>,
        problem: Problem,
    ) {
        self.items.push(InputError {
            file: file.into(),
            line,
            column: column.map(str::to_string),
            problem,
            sheet: None,
        });
        self.pushed += 1;
        self.compact_if_full();
    }

    /// How many problems were ever pushed, kept or not: a reader compares it before and after
    /// a line to tell whether the line had any.
    pub fn pushed(&self) -> usize {
        self.pushed
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
        for (key, d) in other.dropped {
            self.dropped
                .entry(key)
                .or_insert(Dropped {
                    severity: d.severity,
                    count: 0,
                })
                .count += d.count;
        }
        self.compact_if_full();
    }

    /// Compacts once twice as many problems are held as after the last time: each problem is
    /// then looked at a bounded number of times, however many there are.
    fn compact_if_full(&mut self) {
        if self.items.len() >= self.compact_at.max(COMPACT_FROM) {
            self.compact();
            self.compact_at = 2 * self.items.len();
        }
    }

    /// Keeps, of each class of problem in each file, the [`KEPT_PER_CLASS`] of its first lines
    /// (those the report shows: it is sorted by line) and counts the rest. The order of the
    /// problems kept is left as it was.
    fn compact(&mut self) {
        // Each class in each file: its problems' lines and places in `items`.
        let mut groups: HashMap<Key<'_>, Vec<(usize, usize)>> = HashMap::new();
        for (i, e) in self.items.iter().enumerate() {
            groups
                .entry((&e.file, e.problem.class()))
                .or_default()
                .push((e.line.unwrap_or(0), i));
        }
        let mut drop = vec![false; self.items.len()];
        let mut counted = Vec::new();
        for ((file, class), mut at) in groups {
            if at.len() <= KEPT_PER_CLASS {
                continue;
            }
            at.sort_unstable();
            for &(_, i) in &at[KEPT_PER_CLASS..] {
                drop[i] = true;
            }
            let severity = self.items[at[0].1].severity();
            counted.push((file.clone(), class, severity, at.len() - KEPT_PER_CLASS));
        }
        for (file, class, severity, n) in counted {
            self.dropped
                .entry((file, class))
                .or_insert(Dropped { severity, count: 0 })
                .count += n;
        }
        let mut i = 0;
        self.items.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|e| e.severity() == Severity::Error)
    }

    /// How many problems were found, those counted past [`KEPT_PER_CLASS`] included: what a
    /// reader compares before and after to tell whether it found any.
    pub fn found(&self) -> usize {
        self.items.len() + self.dropped.values().map(|d| d.count).sum::<usize>()
    }

    /// How many errors were found, those counted past [`KEPT_PER_CLASS`] included.
    pub fn error_count(&self) -> usize {
        self.errors().count() + self.dropped_count(Severity::Error)
    }

    /// How many warnings were found, those counted past [`KEPT_PER_CLASS`] included.
    pub fn warning_count(&self) -> usize {
        self.warnings().count() + self.dropped_count(Severity::Warning)
    }

    fn dropped_count(&self, severity: Severity) -> usize {
        self.dropped
            .values()
            .filter(|d| d.severity == severity)
            .map(|d| d.count)
            .sum()
    }

    pub fn errors(&self) -> impl Iterator<Item = &InputError> {
        self.items
            .iter()
            .filter(|e| e.severity() == Severity::Error)
    }

    pub fn warnings(&self) -> impl Iterator<Item = &InputError> {
        self.items
            .iter()
            .filter(|e| e.severity() == Severity::Warning)
    }

    /// Sorted by file and line so that a report reads like the files do.
    pub fn sort(&mut self) {
        self.items.sort_by(|a, b| {
            (a.severity(), &a.file, a.line.unwrap_or(0)).cmp(&(
                b.severity(),
                &b.file,
                b.line.unwrap_or(0),
            ))
        });
    }

    /// The report for a terminal. A class of problem repeated in one file is cut after `cap`
    /// lines and summarised, so a thousand identical mistakes do not bury the others.
    pub fn report(&self, lang: Lang, cap: usize) -> String {
        let mut out = String::new();
        let mut shown: Vec<(&PathBuf, std::mem::Discriminant<Problem>, usize)> = Vec::new();
        let mut hidden: Vec<(
            &PathBuf,
            std::mem::Discriminant<Problem>,
            usize,
            &InputError,
        )> = Vec::new();
        for e in &self.items {
            let key = (&e.file, e.problem.class());
            match shown.iter_mut().find(|(f, c, _)| (*f, *c) == key) {
                Some((_, _, n)) if *n >= cap => {
                    match hidden.iter_mut().find(|(f, c, _, _)| (*f, *c) == key) {
                        Some((_, _, m, _)) => *m += 1,
                        None => hidden.push((key.0, key.1, 1, e)),
                    }
                }
                Some((_, _, n)) => {
                    *n += 1;
                    out.push_str(&e.render(lang));
                    out.push('\n');
                }
                None => {
                    shown.push((key.0, key.1, 1));
                    out.push_str(&e.render(lang));
                    out.push('\n');
                }
            }
        }
        // Those shown as hidden are kept ones; the ones only counted are added to them.
        for (file, class, n, _) in &mut hidden {
            if let Some(d) = self.dropped.get(&(file.to_path_buf(), *class)) {
                *n += d.count;
            }
        }
        for (file, _, n, first) in hidden {
            let file = escape_controls(&shown_path(file));
            let like = match (first.line, lang) {
                (Some(line), Lang::Vi) => format!(" (như dòng {line})"),
                (Some(line), Lang::En) => format!(" (like line {line})"),
                (None, _) => String::new(),
            };
            // A capped class is all errors or all warnings: a problem's kind decides both.
            let what = match (first.severity(), lang, n) {
                (Severity::Error, Lang::Vi, _) => "lỗi",
                (Severity::Warning, Lang::Vi, _) => "cảnh báo",
                (Severity::Error, Lang::En, 1) => "error",
                (Severity::Error, Lang::En, _) => "errors",
                (Severity::Warning, Lang::En, 1) => "warning",
                (Severity::Warning, Lang::En, _) => "warnings",
            };
            out.push_str(&match lang {
                Lang::Vi => format!("{file}: … và {n} {what} cùng loại nữa{like}.\n"),
                Lang::En => format!("{file}: … and {n} more {what} of the same kind{like}.\n"),
            });
        }
        let errors = self.error_count();
        let warnings = self.warning_count();
        out.push_str(&match lang {
            Lang::Vi => format!("{errors} lỗi, {warnings} cảnh báo.\n"),
            Lang::En => format!("{errors} error(s), {warnings} warning(s).\n"),
        });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_repeated_problems() {
        let mut d = Diagnostics::default();
        for line in 2..1002 {
            d.push(
                "data/values/x.csv",
                Some(line),
                Some("period"),
                Problem::InvalidPeriod("24".into()),
            );
        }
        let report = d.report(Lang::En, 5);
        assert_eq!(report.lines().count(), 7, "{report}");
        assert!(
            report.contains(
                "data/values/x.csv: … and 995 more errors of the same kind (like line 7)."
            ),
            "{report}"
        );
        assert!(report.contains("1000 error(s)"));
    }

    #[test]
    fn keeps_the_first_lines_of_a_million_problems_and_counts_the_rest() {
        let mut d = Diagnostics::default();
        // Pushed last line first, as a check that goes by indicator may push them.
        for line in (2..200_002).rev() {
            d.push(
                "data/values/x.csv",
                Some(line),
                Some("period"),
                Problem::InvalidPeriod("24".into()),
            );
        }
        assert!(d.items.len() < COMPACT_FROM * 2, "{}", d.items.len());
        assert_eq!(d.found(), 200_000);
        assert_eq!(d.error_count(), 200_000);
        d.sort();
        let report = d.report(Lang::En, 5);
        let lines: Vec<&str> = report.lines().collect();
        assert!(lines[0].starts_with("data/values/x.csv:2 "), "{report}");
        assert!(lines[4].starts_with("data/values/x.csv:6 "), "{report}");
        assert_eq!(
            lines[5],
            "data/values/x.csv: … and 199995 more errors of the same kind (like line 7)."
        );
        assert_eq!(lines[6], "200000 error(s), 0 warning(s).");
    }

    #[test]
    fn prints_control_characters_of_names_and_cells_escaped() {
        let e = InputError {
            file: "data/values/\u{1b}[2Jx.csv".into(),
            line: Some(2),
            column: None,
            problem: Problem::InvalidPeriod("\u{7}24".into()),
            sheet: None,
        };
        let shown = e.render(Lang::En);
        assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
        assert!(
            shown.starts_with("data/values/\\u{1b}[2Jx.csv:2: error:"),
            "{shown}"
        );
        assert!(shown.contains("`\\u{7}24`"), "{shown}");
    }

    #[test]
    fn a_capped_summary_of_warnings_calls_them_warnings_and_names_no_line_zero() {
        let mut d = Diagnostics::default();
        for i in 0..4 {
            d.push(
                "data/values/dien-bien.csv",
                None,
                None,
                Problem::CodeNotOfficial {
                    code: format!("9000{i}"),
                    lists: Vec::new(),
                },
            );
        }
        let vi = d.report(Lang::Vi, 2);
        assert!(
            vi.contains("data/values/dien-bien.csv: … và 2 cảnh báo cùng loại nữa.\n"),
            "{vi}"
        );
        assert!(
            !vi.contains("dòng 0") && !vi.contains(" lỗi cùng loại"),
            "{vi}"
        );
        let en = d.report(Lang::En, 3);
        assert!(
            en.contains("data/values/dien-bien.csv: … and 1 more warning of the same kind.\n"),
            "{en}"
        );
    }

    #[test]
    fn messages_say_where_and_what_to_write() {
        let e = InputError {
            file: "data/values/tuan-giao.csv".into(),
            line: Some(7),
            column: Some("period".into()),
            problem: Problem::InvalidPeriod("2024 H1".into()),
            sheet: None,
        };
        let vi = e.render(Lang::Vi);
        assert!(
            vi.starts_with("data/values/tuan-giao.csv:7 (cột `period`): lỗi:"),
            "{vi}"
        );
        assert!(vi.contains("`2024-H1`?"), "{vi}");
        assert!(e.render(Lang::En).contains("first six months"));
    }
}
