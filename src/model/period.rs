//! Reporting periods: a whole year or its first half.

use std::fmt;
use std::str::FromStr;

/// `YYYY` or `YYYY-H1`. Ordered in time: the first half comes before the whole year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub year: i32,
    pub half: bool,
}

impl Period {
    pub fn year(year: i32) -> Self {
        Period { year, half: false }
    }

    pub fn first_half(year: i32) -> Self {
        Period { year, half: true }
    }

    /// The contract's time axis: `YYYY` is at YYYY, `YYYY-H1` at YYYY − 0.5.
    pub fn time(&self) -> f64 {
        if self.half {
            f64::from(self.year) - 0.5
        } else {
            f64::from(self.year)
        }
    }

    /// The same period one year earlier ("cùng kỳ").
    pub fn year_before(&self) -> Period {
        Period {
            year: self.year - 1,
            half: self.half,
        }
    }

    pub fn is_whole_year(&self) -> bool {
        !self.half
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        (self.year, !self.half).cmp(&(other.year, !other.half))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.half {
            write!(f, "{}-H1", self.year)
        } else {
            write!(f, "{}", self.year)
        }
    }
}

/// Written as in the files: `2025-H1`, `2025`.
impl serde::Serialize for Period {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodError;

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (year, half) = match s.strip_suffix("-H1") {
            Some(y) => (y, true),
            None => (s, false),
        };
        if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
            return Err(PeriodError);
        }
        let year: i32 = year.parse().map_err(|_| PeriodError)?;
        if !(1900..=2199).contains(&year) {
            return Err(PeriodError);
        }
        Ok(Period { year, half })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_both_forms() {
        assert_eq!("2024".parse::<Period>(), Ok(Period::year(2024)));
        assert_eq!("2024-H1".parse::<Period>(), Ok(Period::first_half(2024)));
        assert_eq!(Period::first_half(2019).to_string(), "2019-H1");
        for bad in [
            "24", "2024-H2", "2024-h1", "2024 ", "", "abcd", "20245", "0999",
        ] {
            assert!(bad.parse::<Period>().is_err(), "{bad}");
        }
    }

    #[test]
    fn orders_in_time() {
        let h1 = Period::first_half(2024);
        let y = Period::year(2024);
        assert!(Period::year(2023) < h1 && h1 < y);
        assert_eq!(h1.time(), 2023.5);
        assert_eq!(h1.year_before(), Period::first_half(2023));
    }
}
