//! Numbers as editors write them.
//!
//! A comma-separated file holds plain numbers (`54748`, `87.7`); a semicolon-separated file,
//! what a spreadsheet saves on a Vietnamese system, holds Vietnamese ones (`54.748`, `87,7`).

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NumberFormat {
    /// `.` before decimals, no grouping.
    Plain,
    /// `.` between thousands, `,` before decimals.
    Vietnamese,
}

/// A figure cell: one number, or a target range `low..high`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Amount {
    pub value: f64,
    pub upper: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    NotANumber,
    BadRange,
}

pub fn parse_number(s: &str, format: NumberFormat) -> Option<f64> {
    let s = s.trim();
    let (negative, digits) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    let (int_part, frac_part) = match format {
        NumberFormat::Plain => match digits.split_once('.') {
            Some((i, f)) => (i.to_string(), Some(f)),
            None => (digits.to_string(), None),
        },
        NumberFormat::Vietnamese => {
            let (int, frac) = match digits.split_once(',') {
                Some((i, f)) => (i, Some(f)),
                None => (digits, None),
            };
            (ungroup(int)?, frac)
        }
    };
    let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(&int_part) || frac_part.is_some_and(|f| !all_digits(f)) {
        return None;
    }
    let text = match frac_part {
        Some(f) => format!("{}{int_part}.{f}", if negative { "-" } else { "" }),
        None => format!("{}{int_part}", if negative { "-" } else { "" }),
    };
    text.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// `54.748.000` → `54748000`; groups after the first must have exactly three digits, so that
/// `87.7` (a decimal written the other way) is refused rather than read as 877.
fn ungroup(int: &str) -> Option<String> {
    let mut parts = int.split('.');
    let first = parts.next()?;
    let mut out = first.to_string();
    let mut grouped = false;
    for p in parts {
        if p.len() != 3 {
            return None;
        }
        grouped = true;
        out.push_str(p);
    }
    if grouped && (first.is_empty() || first.len() > 3) {
        return None;
    }
    Some(out)
}

/// `54.748` → `("54748", 1)`, `1.054.748` → `("1054748", 2)`: a number with a dot between
/// each three digits, ungrouped, with the number of dots; `None` for anything else (`87.7`).
/// A range is taken side by side (`85.500..90` → `("85500..90", 1)`). In a comma-separated file
/// such a dot reads as a decimal point, which a figure shown without decimals never has.
pub fn thousands_grouped(s: &str) -> Option<(String, usize)> {
    let one = |s: &str| -> (String, usize) {
        let s = s.trim();
        let digits = s.strip_prefix('-').unwrap_or(s);
        let mut parts = digits.split('.');
        let first = parts.next().unwrap_or("");
        let rest: Vec<&str> = parts.collect();
        let all_digits = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit());
        if rest.is_empty()
            || !all_digits(first)
            || first.len() > 3
            || !rest.iter().all(|p| p.len() == 3 && all_digits(p))
        {
            return (s.to_string(), 0);
        }
        (s.replace('.', ""), rest.len())
    };
    let sides: Vec<(String, usize)> = s.split("..").map(one).collect();
    let dots = sides.iter().map(|(_, n)| *n).max().unwrap_or(0);
    (dots > 0).then(|| {
        let text: Vec<&str> = sides.iter().map(|(t, _)| t.as_str()).collect();
        (text.join(".."), dots)
    })
}

pub fn parse_amount(s: &str, format: NumberFormat) -> Result<Amount, AmountError> {
    match s.split_once("..") {
        Some((low, high)) => {
            let low = parse_number(low, format).ok_or(AmountError::BadRange)?;
            let high = parse_number(high, format).ok_or(AmountError::BadRange)?;
            if low > high {
                return Err(AmountError::BadRange);
            }
            Ok(Amount {
                value: low,
                upper: Some(high),
            })
        }
        None => parse_number(s, format)
            .map(|value| Amount { value, upper: None })
            .ok_or(AmountError::NotANumber),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use NumberFormat::*;

    #[test]
    fn plain_numbers() {
        assert_eq!(parse_number("54748", Plain), Some(54748.0));
        assert_eq!(parse_number(" 87.7 ", Plain), Some(87.7));
        assert_eq!(parse_number("-3", Plain), Some(-3.0));
        for bad in [
            "54,748", "54 748", "87.7%", "", ".5", "5.", "1e5", "NaN", "inf", "--1",
        ] {
            assert_eq!(parse_number(bad, Plain), None, "{bad}");
        }
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(parse_number("54.748", Vietnamese), Some(54748.0));
        assert_eq!(parse_number("1.054.748,25", Vietnamese), Some(1054748.25));
        assert_eq!(parse_number("87,7", Vietnamese), Some(87.7));
        assert_eq!(parse_number("54748", Vietnamese), Some(54748.0));
        for bad in ["87.7", "1.23,4", "1234.567", ",5", "54.748,", "5.4.3"] {
            assert_eq!(parse_number(bad, Vietnamese), None, "{bad}");
        }
    }

    #[test]
    fn dots_between_thousands_are_seen() {
        assert_eq!(thousands_grouped("54.748"), Some(("54748".into(), 1)));
        assert_eq!(thousands_grouped("1.810"), Some(("1810".into(), 1)));
        assert_eq!(thousands_grouped("1.054.748"), Some(("1054748".into(), 2)));
        assert_eq!(thousands_grouped("-54.748"), Some(("-54748".into(), 1)));
        assert_eq!(
            thousands_grouped("85.500..90.000"),
            Some(("85500..90000".into(), 1))
        );
        assert_eq!(
            thousands_grouped("85.500..90"),
            Some(("85500..90".into(), 1))
        );
        for not in [
            "87.7", "54748", "1234.567", "0.50", "54.7480", ".748", "x.748", "70..100",
        ] {
            assert_eq!(thousands_grouped(not), None, "{not}");
        }
    }

    #[test]
    fn ranges() {
        assert_eq!(
            parse_amount("70..100", Plain),
            Ok(Amount {
                value: 70.0,
                upper: Some(100.0)
            })
        );
        assert_eq!(
            parse_amount("87,5..90", Vietnamese).map(|a| a.value),
            Ok(87.5)
        );
        assert_eq!(parse_amount("100..70", Plain), Err(AmountError::BadRange));
        assert_eq!(parse_amount("70..", Plain), Err(AmountError::BadRange));
        assert_eq!(parse_amount("x", Plain), Err(AmountError::NotANumber));
    }
}
