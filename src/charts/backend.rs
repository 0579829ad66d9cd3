//! An SVG backend whose text measurement understands Vietnamese.
//!
//! Without the `ttf` feature plotters estimates a label's width from its
//! length in bytes, and a Vietnamese letter such as "Đ" or "ệ" takes two or
//! three bytes in UTF-8, so "Huyện Điện Biên Đông" was laid out ~40 % too wide.
//! We cannot ship font metrics into a static page either (the reader's font is
//! unknown), so a per-character average is the honest estimate.

use plotters::prelude::{DrawingBackend, SVGBackend};
use plotters_backend::{
    BackendColor, BackendCoord, BackendStyle, BackendTextStyle, DrawingErrorKind,
};

/// Average advance of one character, as a fraction of the CSS font size.
/// Slightly generous for system-ui/Roboto/Segoe so estimates err on "too wide".
// Wide enough for bold labels in DejaVu Sans, the widest fallback font seen on Linux.
const CHAR_WIDTH_EM: f64 = 0.62;
/// Line box height as a fraction of the font size.
const LINE_HEIGHT_EM: f64 = 1.2;
/// plotters writes `font-size = size / 1.24` into the SVG; undo that so that
/// measurements are in the CSS pixels the browser will use.
pub(crate) const PLOTTERS_FONT_SCALE: f64 = 1.24;

/// Number of characters a reader sees: combining marks (NFD input such as
/// "e\u{0323}\u{0302}") sit on the previous letter and take no advance.
pub fn visible_chars(text: &str) -> usize {
    text.chars()
        .filter(|c| !matches!(*c as u32, 0x0300..=0x036F | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF | 0x20D0..=0x20FF | 0xFE20..=0xFE2F))
        .count()
}

/// Estimated width in px of `text` at CSS font size `px`.
pub fn text_width(text: &str, px: f64) -> f64 {
    visible_chars(text) as f64 * CHAR_WIDTH_EM * px
}

/// Line height in px at CSS font size `px`.
pub fn line_height(px: f64) -> f64 {
    LINE_HEIGHT_EM * px
}

/// `SVGBackend` with character-based text measurement; everything else is
/// delegated unchanged so the SVG output is plotters' own.
pub struct MeasuringBackend<'a>(SVGBackend<'a>);

impl<'a> MeasuringBackend<'a> {
    pub fn new(inner: SVGBackend<'a>) -> Self {
        Self(inner)
    }
}

type Res = Result<(), DrawingErrorKind<std::io::Error>>;

impl DrawingBackend for MeasuringBackend<'_> {
    type ErrorType = std::io::Error;

    fn get_size(&self) -> (u32, u32) {
        self.0.get_size()
    }

    fn ensure_prepared(&mut self) -> Res {
        self.0.ensure_prepared()
    }

    fn present(&mut self) -> Res {
        self.0.present()
    }

    fn draw_pixel(&mut self, point: BackendCoord, color: BackendColor) -> Res {
        self.0.draw_pixel(point, color)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> Res {
        self.0.draw_line(from, to, style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        upper_left: BackendCoord,
        bottom_right: BackendCoord,
        style: &S,
        fill: bool,
    ) -> Res {
        self.0.draw_rect(upper_left, bottom_right, style, fill)
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> Res {
        self.0.draw_path(path, style)
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        center: BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> Res {
        self.0.draw_circle(center, radius, style, fill)
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> Res {
        self.0.fill_polygon(vert, style)
    }

    fn draw_text<T: BackendTextStyle>(&mut self, text: &str, style: &T, pos: BackendCoord) -> Res {
        self.0.draw_text(text, style, pos)
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let px = style.size() / PLOTTERS_FONT_SCALE;
        let w = text_width(text, px).ceil();
        let h = line_height(px).ceil();
        // Non-finite or negative sizes would saturate to 0 anyway; be explicit.
        let clamp = |v: f64| {
            if v.is_finite() && v > 0.0 {
                v as u32
            } else {
                0
            }
        };
        Ok((clamp(w), clamp(h)))
    }

    fn blit_bitmap(&mut self, pos: BackendCoord, size: (u32, u32), src: &[u8]) -> Res {
        self.0.blit_bitmap(pos, size, src)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use plotters::prelude::{FontDesc, FontFamily, FontStyle, IntoDrawingArea, BLACK};

    fn estimate(text: &str) -> (u32, u32) {
        let mut buf = String::new();
        let area = MeasuringBackend::new(SVGBackend::with_string(&mut buf, (100, 100)))
            .into_drawing_area();
        let font = FontDesc::new(
            FontFamily::SansSerif,
            14.0 * PLOTTERS_FONT_SCALE,
            FontStyle::Normal,
        );
        let style = font.color(&BLACK);
        area.estimate_text_size(text, &style).unwrap_or((0, 0))
    }

    #[test]
    fn vietnamese_width_counts_characters_not_bytes() {
        let vi = "Huyện Điện Biên Đông";
        let ascii = "Huyen Dien Bien Dong";
        assert_eq!(vi.chars().count(), ascii.chars().count());
        assert!(vi.len() > ascii.len());
        assert_eq!(estimate(vi), estimate(ascii));
        // 20 chars × 0.62 × 14 px = 173.6 → 174 px; 1.2 × 14 = 16.8 → 17.
        assert_eq!(estimate(ascii), (174, 17));
    }

    #[test]
    fn combining_marks_take_no_width() {
        let nfc = "Điện";
        let nfd = "Đi\u{0065}\u{0323}\u{0302}n";
        assert_eq!(visible_chars(nfc), visible_chars(nfd));
        assert_eq!(text_width(nfc, 12.0), text_width(nfd, 12.0));
    }
}
