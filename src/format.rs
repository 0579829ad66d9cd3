//! Numbers in each language's form: `54.748` and `87,7` in Vietnamese, `54,748` and `87.7` in
//! English, and plain `54748`/`87.7` in the open data.

use crate::lang::Lang;

/// Rounds half away from zero at `decimals`, never giving "-0". The rounding is done on the
/// figure's shortest decimal form, so `1.005` rounds to `1.01` as written, not as the nearest
/// binary fraction (1.00499…) would.
pub fn round(value: f64, decimals: usize) -> f64 {
    plain_number(value, decimals).parse().unwrap_or(value)
}

/// The open-data form: `.` before decimals, no grouping, exactly `decimals` digits.
pub fn plain_number(value: f64, decimals: usize) -> String {
    if !value.is_finite() {
        return String::new();
    }
    // Most figures are whole counts; their text needs no float formatting or rounding, which
    // were a tenth of a national build's page rendering.
    if value.fract() == 0.0 && value.abs() < 1e15 {
        let whole = value.abs() as u64;
        let mut out = String::with_capacity(24);
        if value < 0.0 && whole != 0 {
            out.push('-');
        }
        out.push_str(&whole.to_string());
        if decimals > 0 {
            out.push('.');
            out.extend(std::iter::repeat_n('0', decimals));
        }
        return out;
    }
    rounded(value, decimals)
}

/// `plain_number` for any finite value.
fn rounded(value: f64, decimals: usize) -> String {
    // Rust prints the shortest text that reads back as the same f64, without an exponent.
    let text = format!("{}", value.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int
        .bytes()
        .chain(frac.bytes().chain(std::iter::repeat(b'0')).take(decimals))
        .collect();
    let round_up = frac.as_bytes().get(decimals).is_some_and(|d| *d >= b'5');
    if round_up {
        let mut i = digits.len();
        loop {
            if i == 0 {
                digits.insert(0, b'1');
                break;
            }
            i -= 1;
            if digits[i] == b'9' {
                digits[i] = b'0';
            } else {
                digits[i] += 1;
                break;
            }
        }
    }
    let split = digits.len() - decimals;
    let mut out = String::from_utf8_lossy(&digits[..split]).into_owned();
    if decimals > 0 {
        out.push('.');
        out.push_str(&String::from_utf8_lossy(&digits[split..]));
    }
    if value < 0.0 && out.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.insert(0, '-');
    }
    out
}

/// A figure for a reader of `lang`, grouped in thousands.
pub fn number(value: f64, decimals: usize, lang: Lang) -> String {
    let plain = plain_number(value, decimals);
    let (sign, digits) = match plain.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", plain.as_str()),
    };
    let (int, frac) = match digits.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (digits, None),
    };
    let (group, point) = match lang {
        Lang::Vi => ('.', ','),
        Lang::En => (',', '.'),
    };
    let mut out = String::from(sign);
    for (i, c) in int.chars().enumerate() {
        if i > 0 && (int.len() - i) % 3 == 0 {
            out.push(group);
        }
        out.push(c);
    }
    if let Some(f) = frac {
        out.push(point);
        out.push_str(f);
    }
    out
}

/// A percentage: `87,7 %` in Vietnamese (with a no-break space), `87.7%` in English.
pub fn percent(value: f64, decimals: usize, lang: Lang) -> String {
    match lang {
        Lang::Vi => format!("{}\u{a0}%", number(value, decimals, lang)),
        Lang::En => format!("{}%", number(value, decimals, lang)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_numbers_take_the_short_way_to_the_same_text() {
        let mut v = 1.0_f64;
        while v < 1e16 {
            for x in [v, -v, v + 1.0, -(v + 7.0), v * 3.0] {
                for d in 0..4 {
                    assert_eq!(plain_number(x, d), rounded(x, d), "{x} with {d} decimals");
                }
            }
            v *= 1.7;
        }
    }

    #[test]
    fn formats_by_language() {
        assert_eq!(number(54748.0, 0, Lang::Vi), "54.748");
        assert_eq!(number(54748.0, 0, Lang::En), "54,748");
        assert_eq!(number(1234567.891, 2, Lang::Vi), "1.234.567,89");
        assert_eq!(number(-1234.0, 0, Lang::En), "-1,234");
        assert_eq!(number(87.66, 1, Lang::Vi), "87,7");
        assert_eq!(number(999.0, 0, Lang::Vi), "999");
        assert_eq!(percent(87.7, 1, Lang::Vi), "87,7\u{a0}%");
        assert_eq!(percent(87.7, 1, Lang::En), "87.7%");
    }

    #[test]
    fn rounds_half_away_from_zero_without_negative_zero() {
        assert_eq!(plain_number(0.25, 1), "0.3");
        assert_eq!(plain_number(-0.04, 1), "0.0");
        assert_eq!(plain_number(2.5, 0), "3");
        assert_eq!(plain_number(1.005, 2), "1.01");
        assert_eq!(plain_number(2.675, 2), "2.68");
        assert_eq!(plain_number(0.145, 2), "0.15");
        assert_eq!(plain_number(-2.5, 0), "-3");
        assert_eq!(plain_number(99.96, 1), "100.0");
        assert_eq!(plain_number(999.5, 0), "1000");
        assert_eq!(plain_number(54748.0, 0), "54748");
        assert_eq!(plain_number(87.7, 3), "87.700");
        assert_eq!(plain_number(1e-7, 2), "0.00");
        assert_eq!(plain_number(-0.0, 2), "0.00");
        assert_eq!(plain_number(-54748.0, 1), "-54748.0");
        assert_eq!(round(1.005, 2), 1.01);
    }
}
