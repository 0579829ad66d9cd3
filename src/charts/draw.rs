//! Thin drawing helpers over plotters' elements in pixel coordinates.
//!
//! The charts compute their own layout (plotters' mesh cannot take
//! caller-formatted ticks), so they draw on the root area with `f64` layout
//! values that are rounded here, once, to the integer pixels SVG gets.

use super::backend::{MeasuringBackend, PLOTTERS_FONT_SCALE};
pub use super::svg::num;
use super::{finish, Chart, ChartText};
use plotters::coord::Shift;
use plotters::prelude::{
    Circle, Color, DrawingArea, DrawingAreaErrorKind, FontDesc, FontFamily, FontStyle,
    IntoDrawingArea, PathElement, Polygon, RGBColor, Rectangle, SVGBackend, Text,
};
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub type Area<'a> = DrawingArea<MeasuringBackend<'a>, Shift>;
pub type DrawResult = Result<(), DrawingAreaErrorKind<std::io::Error>>;

/// Side margin shared by the charts.
pub const MARGIN: f64 = 8.0;

/// Draws into a fresh SVG of `size` and wraps it accessibly. A drawing error
/// (the string backend has none in practice) degrades to the empty chart.
pub fn render<F>(text: &ChartText, size: (u32, u32), draw: F) -> Chart
where
    F: for<'a, 'b> FnOnce(&'b Area<'a>) -> DrawResult,
{
    let mut raw = String::new();
    let ok = {
        let root =
            MeasuringBackend::new(SVGBackend::with_string(&mut raw, size)).into_drawing_area();
        draw(&root).and_then(|()| root.present()).is_ok()
    };
    if ok {
        Chart {
            svg: finish(&raw, text, size),
        }
    } else {
        Chart::empty(text)
    }
}

/// The only value that can legitimately be missing from layout maths; the
/// fallback keeps NaN out of coordinates.
pub fn finite_or(v: f64, fallback: f64) -> f64 {
    if v.is_finite() {
        v
    } else {
        fallback
    }
}

fn px(v: f64) -> i32 {
    // Saturating cast: NaN → 0, huge → i32::MAX; never panics.
    v.round() as i32
}

fn pt(x: f64, y: f64) -> (i32, i32) {
    (px(x), px(y))
}

/// Caller text goes to plotters, which escapes it; only characters that would
/// break the one-line `<text>` layout (newlines, controls) are replaced here.
pub fn clean(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Shortens `s` with "…" so it fits in `max_w` px at `font_px`.
pub fn ellipsize(s: &str, font_px: f64, max_w: f64) -> String {
    if super::text_width(s, font_px) <= max_w {
        return s.to_owned();
    }
    let mut out = String::new();
    for c in s.chars() {
        let mut candidate = out.clone();
        candidate.push(c);
        candidate.push('…');
        if super::text_width(&candidate, font_px) > max_w {
            break;
        }
        out.push(c);
    }
    out.truncate(out.trim_end().len());
    out.push('…');
    out
}

/// A figure's label (`63.529 thuê bao`, `87,5 %`) that fits in `max_w` px: whole if it fits,
/// else the figure without its unit of measure (the chart's title and table say it), else
/// shortened with "…". Cutting the unit mid-word (`63.529 thuê…`) read as a broken figure on
/// a phone, where the labels have the least room.
pub fn fit_figure(label: &str, font_px: f64, max_w: f64) -> String {
    if super::text_width(label, font_px) <= max_w {
        return label.to_owned();
    }
    let figure = figure_only(label);
    if figure.len() < label.len() && super::text_width(figure, font_px) <= max_w {
        return figure.to_owned();
    }
    ellipsize(label, font_px, max_w)
}

/// The figure of a label without its unit of measure: up to the first space (a no-break space,
/// as the site writes it, or not); a percentage keeps its sign, as "87,5" alone would not say
/// what it is.
pub fn figure_only(label: &str) -> &str {
    match label.find([' ', '\u{a0}']) {
        Some(end) => {
            let sep = label[end..].chars().next().map_or(1, char::len_utf8);
            if label[end + sep..].starts_with('%') {
                &label[..end + sep + 1]
            } else {
                &label[..end]
            }
        }
        None => label,
    }
}

/// Word-wraps `s` into at most `max_lines` lines of `max_w` px; the last line
/// is ellipsized if the words run out of room.
pub fn wrap(s: &str, font_px: f64, max_w: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let words: Vec<&str> = s.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        let candidate = if current.is_empty() {
            (*word).to_owned()
        } else {
            format!("{current} {word}")
        };
        if super::text_width(&candidate, font_px) <= max_w || current.is_empty() {
            current = candidate;
        } else if lines.len() + 1 < max_lines {
            lines.push(std::mem::take(&mut current));
            current = (*word).to_owned();
        } else {
            current = format!("{current} {}", words[i..].join(" "));
            break;
        }
    }
    lines.push(current);
    lines
        .into_iter()
        .map(|l| ellipsize(&l, font_px, max_w))
        .collect()
}

/// Font size in CSS px, colour and weight of one text run.
#[derive(Clone, Copy)]
pub struct Font {
    pub px: f64,
    pub color: RGBColor,
    pub bold: bool,
}

impl Font {
    pub const fn new(px: f64, color: RGBColor) -> Self {
        Font {
            px,
            color,
            bold: false,
        }
    }
    pub const fn bold(self) -> Self {
        Font { bold: true, ..self }
    }
}

/// Text whose line box is vertically centred on `y`.
pub fn text(area: &Area, s: &str, x: f64, y: f64, font: Font, h: HPos) -> DrawResult {
    let s = clean(s);
    if s.is_empty() {
        return Ok(());
    }
    let weight = if font.bold {
        FontStyle::Bold
    } else {
        FontStyle::Normal
    };
    let style = FontDesc::new(FontFamily::SansSerif, font.px * PLOTTERS_FONT_SCALE, weight)
        .color(&font.color)
        .pos(Pos::new(h, VPos::Center));
    area.draw(&Text::new(s, pt(x, y), style))
}

pub fn rect(area: &Area, x0: f64, y0: f64, x1: f64, y1: f64, color: RGBColor) -> DrawResult {
    area.draw(&Rectangle::new([pt(x0, y0), pt(x1, y1)], color.filled()))
}

pub fn line(area: &Area, points: &[(f64, f64)], color: RGBColor, width: u32) -> DrawResult {
    let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| pt(x, y)).collect();
    area.draw(&PathElement::new(pts, color.stroke_width(width)))
}

/// Vertical dashed line; SVG from plotters has no dash attribute, so dashes
/// are separate segments.
pub fn dashed_vline(
    area: &Area,
    x: f64,
    y0: f64,
    y1: f64,
    color: RGBColor,
    width: u32,
) -> DrawResult {
    let (dash, gap) = (4.0, 3.0);
    let mut y = y0;
    while y < y1 {
        line(area, &[(x, y), (x, (y + dash).min(y1))], color, width)?;
        y += dash + gap;
    }
    Ok(())
}

pub fn dot(area: &Area, x: f64, y: f64, r: u32, color: RGBColor) -> DrawResult {
    area.draw(&Circle::new(pt(x, y), r, color.filled()))
}

pub fn polygon(area: &Area, points: &[(f64, f64)], color: RGBColor) -> DrawResult {
    let pts: Vec<(i32, i32)> = points.iter().map(|&(x, y)| pt(x, y)).collect();
    area.draw(&Polygon::new(pts, color.filled()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn num_rounds_to_one_decimal() {
        assert_eq!(num(14.000000000000002), "14");
        assert_eq!(num(9.677419), "9.7");
        assert_eq!(num(f64::NAN), "0");
    }

    #[test]
    fn a_figure_too_long_for_its_room_loses_its_unit_before_its_digits() {
        let w = |s: &str| super::super::text_width(s, 14.0);
        let label = "63.529 thuê bao";
        assert_eq!(fit_figure(label, 14.0, w(label)), label);
        assert_eq!(fit_figure(label, 14.0, w(label) - 1.0), "63.529");
        assert_eq!(fit_figure("87,5 % mục tiêu", 14.0, w("87,5 %")), "87,5 %");
        let nbsp = "63.529\u{a0}thuê bao";
        assert_eq!(fit_figure(nbsp, 14.0, w(nbsp) - 1.0), "63.529");
        let pct = "87,5\u{a0}% (mục tiêu 100 %)";
        assert_eq!(fit_figure(pct, 14.0, w("87,5 %")), "87,5\u{a0}%");
        let cut = fit_figure(label, 14.0, w("63.5…"));
        assert!(cut.ends_with('…') && w(&cut) <= w("63.5…"), "{cut}");
    }

    #[test]
    fn wrap_and_ellipsize_fit() {
        let lines = wrap(
            "Thành phố Điện Biên Phủ và vùng phụ cận rất dài",
            14.0,
            120.0,
            2,
        );
        assert_eq!(lines.len(), 2);
        for l in &lines {
            assert!(super::super::text_width(l, 14.0) <= 120.0, "{l}");
        }
        assert!(lines[1].ends_with('…'));
        assert_eq!(
            wrap("Mường Lay", 14.0, 200.0, 2),
            vec!["Mường Lay".to_owned()]
        );
        assert_eq!(wrap("", 14.0, 200.0, 2), vec![String::new()]);
    }

    #[test]
    fn clean_strips_controls() {
        assert_eq!(clean(" a\nb\t"), "a b");
    }
}
