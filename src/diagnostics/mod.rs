//! Problems found in an editor's input, reported all at once, in the editor's terms.
//!
//! Every problem carries the file, the line (or spreadsheet row) and the column, says what is
//! wrong and, where it can, what to write instead. The problems are data (`problem`); they are
//! worded only when shown (`messages`), in Vietnamese or English.

mod messages;
mod problem;

use std::path::PathBuf;

use crate::lang::Lang;
pub use problem::{
    ChildrenGap, FigureChange, FigureShown, IndicatorNamed, MissingChild, NumberWritten, PartShown,
    PartsOfShare, Problem, Severity, ShortcodeProblem, StrayFile, TemplateMessage, Whence,
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
        let mut s = self.file.display().to_string().replace('\\', "/");
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
        format!(
            "{}{}: {}: {}",
            self.location(lang),
            column,
            label,
            self.problem.describe(lang)
        )
    }
}

/// Collects every problem before anything is reported.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    pub items: Vec<InputError>,
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
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(|e| e.severity() == Severity::Error)
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
        for (file, _, n, first) in hidden {
            let file = file.display();
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
        let errors = self.errors().count();
        let warnings = self.warnings().count();
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
