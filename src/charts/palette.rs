//! Colours. The series palette is the UK Government Analysis Function's
//! colour-blind-safe categorical palette; its order is chosen so that any
//! prefix stays distinguishable under the common colour-vision deficiencies.

use plotters::prelude::RGBColor;

/// Series colours, in the order series are assigned.
/// Contrast against white (WCAG 2.x relative luminance):
/// #12436D 10.25:1, #28A197 3.17:1, #801650 9.77:1, #F46A25 3.03:1.
/// #F46A25 passes the 3:1 non-text minimum, if narrowly, so we keep the
/// official colour rather than drift from the published palette.
pub const SERIES: [RGBColor; 4] = [
    RGBColor(0x12, 0x43, 0x6D),
    RGBColor(0x28, 0xA1, 0x97),
    RGBColor(0x80, 0x16, 0x50),
    RGBColor(0xF4, 0x6A, 0x25),
];

/// Body text, 17.4:1 on white.
pub const TEXT: RGBColor = RGBColor(0x1A, 0x1A, 0x1A);
/// Secondary text (no-data notes, axis tick labels), 7.07:1 on white.
pub const TEXT_MUTED: RGBColor = RGBColor(0x50, 0x5A, 0x5F);
/// Grid lines: deliberately faint, they must not compete with the marks.
pub const GRID: RGBColor = RGBColor(0xE1, 0xE3, 0xE5);
/// The zero line / axis, a step darker than the grid.
pub const AXIS: RGBColor = RGBColor(0xB1, 0xB4, 0xB6);
/// Bullet chart "range up to target" band.
pub const BAND: RGBColor = RGBColor(0xDD, 0xE0, 0xE2);
/// Bullet chart track beyond the target.
pub const TRACK: RGBColor = RGBColor(0xF3, 0xF2, 0xF1);

/// Colour for the series at `index`; wraps when there are more series than
/// colours (direct labels keep them identifiable).
pub fn series(index: usize) -> RGBColor {
    SERIES[index % SERIES.len()]
}

/// Text colour for a label drawn on top of series `index`'s fill: white or
/// body text, whichever contrasts more (white on #12436D, dark on #28A197).
pub fn on_series(index: usize) -> RGBColor {
    let fill = series(index);
    let white = RGBColor(0xFF, 0xFF, 0xFF);
    if contrast_ratio(white, fill) >= contrast_ratio(TEXT, fill) {
        white
    } else {
        TEXT
    }
}

/// WCAG 2.x contrast ratio between two colours (≥ 1.0).
pub fn contrast_ratio(a: RGBColor, b: RGBColor) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    let (hi, lo) = if la >= lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

fn luminance(c: RGBColor) -> f64 {
    let lin = |v: u8| {
        let s = f64::from(v) / 255.0;
        if s <= 0.03928 {
            s / 12.92
        } else {
            ((s + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c.0) + 0.7152 * lin(c.1) + 0.0722 * lin(c.2)
}

#[cfg(test)]
mod tests {
    use super::*;

    const WHITE: RGBColor = RGBColor(255, 255, 255);

    #[test]
    fn marks_have_3_to_1_against_white() {
        for c in SERIES {
            let r = contrast_ratio(c, WHITE);
            assert!(r >= 3.0, "{c:?} has {r:.2}:1");
        }
        let orange = contrast_ratio(SERIES[3], WHITE);
        assert!((orange - 3.03).abs() < 0.01, "{orange}");
    }

    #[test]
    fn text_has_4_5_to_1_against_white() {
        assert!(contrast_ratio(TEXT, WHITE) >= 4.5);
        assert!(contrast_ratio(TEXT_MUTED, WHITE) >= 4.5);
        // Latest-value bar sits on the band in bullet charts.
        assert!(contrast_ratio(SERIES[0], BAND) >= 3.0);
    }

    #[test]
    fn labels_on_bars_have_4_5_to_1() {
        for i in 0..SERIES.len() {
            assert!(contrast_ratio(on_series(i), series(i)) >= 4.5, "{i}");
        }
        assert_eq!(on_series(0), WHITE);
        assert_eq!(on_series(1), TEXT);
    }

    #[test]
    fn series_wraps() {
        assert_eq!(series(4), SERIES[0]);
    }
}
