//! Periods as editors write them when not as the contract says: `6T/2026`, `6 tháng đầu năm
//! 2026`, `2026-06`, `Năm 2025`, `2025.0`, or a date Excel made of what was typed (`46203`).
//! None is read silently: each is refused with the period to write (`2026-H1`), when the text
//! says one. Only June (six months) and December (the whole year) say one.

use super::headers::key;
use crate::diagnostics::Problem;
use crate::model::Period;

/// What a period written otherwise means.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hint {
    /// The period to write, if the text says one.
    pub period: Option<Period>,
    /// The date, `dd/mm/yyyy`, when the text is one (an Excel date serial or a written date).
    pub date: Option<String>,
}

/// The problem with a period cell that does not parse: written another way (with the period to
/// write), or simply not a period.
pub fn problem(text: &str) -> Problem {
    match hint(text) {
        Some(hint) => Problem::PeriodWrittenOtherwise {
            value: text.into(),
            period: hint.period.map(|p| p.to_string()),
            date: hint.date,
        },
        None => Problem::InvalidPeriod(text.into()),
    }
}

/// Excel's serials of 1 January 2000 and 31 December 2099: a five-digit number in a period
/// cell is a date Excel made of it.
const SERIALS: std::ops::RangeInclusive<i64> = 36526..=73050;

/// The hint for a period that does not parse, if the text is a period or a date written
/// another way.
pub fn hint(text: &str) -> Option<Hint> {
    // `2026-06-30T00:00:00`: a date with its time, as a workbook's date cell may be read.
    let text = text
        .split_once('T')
        .filter(|(date, _)| date.len() == 10)
        .map_or(text, |(date, _)| date);
    let folded = key(text);
    let words: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
    let number = |w: &str| -> Option<i64> {
        (!w.is_empty() && w.len() <= 5 && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    let year = |w: &str| {
        (w.len() == 4)
            .then(|| number(w))
            .flatten()
            .filter(|y| (1900..=2199).contains(y))
    };
    let zeros = |w: &[&str]| w.iter().all(|w| w.bytes().all(|b| b == b'0'));
    let said = |period: Option<Period>| Some(Hint { period, date: None });
    match words.as_slice() {
        // `Năm 2025`, `cả năm 2025`.
        ["nam", y] | ["ca", "nam", y] => said(Some(Period::year(year(y)? as i32))),
        // `2025.0`: a year a spreadsheet stored as a number with decimals.
        [y, rest @ ..]
            if year(y).is_some()
                && !rest.is_empty()
                && zeros(rest)
                && text.contains(['.', ','])
                && rest.len() == 1 =>
        {
            said(Some(Period::year(year(y)? as i32)))
        }
        // `46203`, `46203.0`: an Excel date serial.
        [s, rest @ ..]
            if zeros(rest)
                && rest.len() <= 1
                && number(s).is_some_and(|n| SERIALS.contains(&n)) =>
        {
            let (y, m, d) = crate::date::civil_from_days(number(s)? - 25569);
            let (m, d) = (i64::from(m), i64::from(d));
            Some(Hint {
                period: month_period(y, m),
                date: Some(format!("{d:02}/{m:02}/{y}")),
            })
        }
        // `6T/2026`, `6 tháng 2026`, `6 tháng đầu năm 2026`, `12T/2026`: months counted.
        [n, rest @ .., y] if year(y).is_some() && months(n, rest).is_some() => {
            let n = months(n, rest)?;
            let y = year(y)? as i32;
            match n {
                6 => said(Some(Period::first_half(y))),
                12 => said(Some(Period::year(y))),
                _ => None,
            }
        }
        // `2026-6T`, `2026 6 tháng đầu năm`.
        [y, n, rest @ ..] if year(y).is_some() && months(n, rest).is_some() => {
            let n = months(n, rest)?;
            let y = year(y)? as i32;
            match n {
                6 => said(Some(Period::first_half(y))),
                12 => said(Some(Period::year(y))),
                _ => None,
            }
        }
        // `tháng 6/2026`, `T6/2026`: a month.
        ["thang", m, y] | ["thang", m, "nam", y] => month(year(y)?, number(m)?),
        [tm, y] if tm.starts_with('t') && number(&tm[1..]).is_some() && year(y).is_some() => {
            month(year(y)?, number(&tm[1..])?)
        }
        // `2026-6`, `2026-06`, `6/2026`, `06/2026` (not `2025.5`).
        [a, b] if text.contains(['/', '-']) => match (year(a), year(b)) {
            (Some(y), None) => month(y, number(b)?),
            (None, Some(y)) => month(y, number(a)?),
            _ => None,
        },
        // `30/06/2026`, `2026-06-30` (with a time of midnight, as some programs write it).
        [a, b, c, time @ ..] if zeros(time) => {
            let (y, m, d) = match (year(a), year(c)) {
                (Some(y), None) => (y, number(b)?, number(c)?),
                (None, Some(y)) => (y, number(b)?, number(a)?),
                _ => return None,
            };
            if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
                return None;
            }
            Some(Hint {
                period: month_period(y, m),
                date: Some(format!("{d:02}/{m:02}/{y}")),
            })
        }
        _ => None,
    }
}

/// The number of months in `6t`, `6 t`, `6 thang`, `6 thang dau nam`, `6 thang dau`.
fn months(first: &str, rest: &[&str]) -> Option<i64> {
    let digits = |w: &str| {
        (!w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()))
            .then(|| w.parse().ok())
            .flatten()
    };
    let (n, rest) = match first.strip_suffix('t') {
        Some(n) if !n.is_empty() => (digits(n)?, rest),
        _ => match rest.split_first() {
            Some((&("t" | "thang"), rest)) => (digits(first)?, rest),
            _ => return None,
        },
    };
    matches!(
        rest,
        [] | ["dau"] | ["nam"] | ["dau", "nam"] | ["ca", "nam"]
    )
    .then_some(n)
}

/// A month's period: June is the first half's report, December the whole year's.
fn month_period(year: i64, month: i64) -> Option<Period> {
    match month {
        6 => Some(Period::first_half(year as i32)),
        12 => Some(Period::year(year as i32)),
        _ => None,
    }
}

fn month(year: i64, month: i64) -> Option<Hint> {
    (1..=12).contains(&month).then(|| Hint {
        period: month_period(year, month),
        date: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn period(text: &str) -> Option<String> {
        hint(text).and_then(|h| h.period).map(|p| p.to_string())
    }

    #[test]
    fn periods_written_otherwise_get_the_period_to_write() {
        for (text, want) in [
            ("6T/2026", "2026-H1"),
            ("6t/2026", "2026-H1"),
            ("6T-2026", "2026-H1"),
            ("2026-6T", "2026-H1"),
            ("2026 6 tháng đầu năm", "2026-H1"),
            ("6 tháng 2026", "2026-H1"),
            ("6 tháng đầu năm 2026", "2026-H1"),
            ("6 THÁNG ĐẦU NĂM 2026", "2026-H1"),
            ("6 thang dau nam 2026", "2026-H1"),
            ("2026-6", "2026-H1"),
            ("2026-06", "2026-H1"),
            ("6/2026", "2026-H1"),
            ("06/2026", "2026-H1"),
            ("tháng 6/2026", "2026-H1"),
            ("T6/2026", "2026-H1"),
            ("12/2026", "2026"),
            ("12T/2026", "2026"),
            ("12 tháng 2026", "2026"),
            ("2026-12", "2026"),
            ("Năm 2025", "2025"),
            ("năm 2025", "2025"),
            ("NAM 2025", "2025"),
            ("cả năm 2025", "2025"),
            ("2025.0", "2025"),
            ("2025,0", "2025"),
            ("30/06/2026", "2026-H1"),
            ("2026-06-30", "2026-H1"),
            ("2026-06-30T00:00:00", "2026-H1"),
            ("31/12/2025", "2025"),
        ] {
            assert_eq!(period(text).as_deref(), Some(want), "{text}");
            assert_eq!(
                hint(text).unwrap().date.is_some(),
                text.matches(['/', '-']).count() == 2,
                "{text}"
            );
        }
    }

    #[test]
    fn an_excel_date_serial_is_named_as_its_date() {
        assert_eq!(
            hint("46203"),
            Some(Hint {
                period: Some(Period::first_half(2026)),
                date: Some("30/06/2026".into())
            })
        );
        assert_eq!(hint("46022").unwrap().date.as_deref(), Some("31/12/2025"));
        assert_eq!(period("46022").as_deref(), Some("2025"));
        assert_eq!(
            hint("46082"),
            Some(Hint {
                period: None,
                date: Some("01/03/2026".into())
            })
        );
    }

    #[test]
    fn other_months_have_no_period_and_the_rest_no_hint() {
        assert_eq!(
            hint("3/2026"),
            Some(Hint {
                period: None,
                date: None
            })
        );
        for text in [
            "",
            "2024 H1",
            "2024-H2",
            "9 tháng 2026",
            "2026",
            "13/2026",
            "abc",
            "12345",
            "2025.5",
            "2025 6",
            "năm",
            "6T",
            "2026-13",
        ] {
            assert_eq!(hint(text), None, "{text}");
        }
    }
}
