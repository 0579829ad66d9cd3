//! How a paragraph of the report looks (size, weight, alignment, space after), kept as one of
//! the document's paragraph styles rather than on each run: written on each of a report's six
//! hundred runs, it made two thirds of the document's bytes, and an office that edits the
//! report can change a style at once.

use docx_rs::{AlignmentType, LineSpacing, RunFonts, Style as WordStyle, StyleType};

pub const FONT: &str = "Times New Roman";

pub fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

#[derive(Clone, Copy)]
pub struct Style {
    size: usize,
    bold: bool,
    italic: bool,
    underline: bool,
    align: AlignmentType,
    /// Space after, in twentieths of a point.
    after: u32,
}

impl Style {
    /// Text of `size` half-points, left-aligned, without space after.
    pub const fn new(size: usize) -> Style {
        Style {
            size,
            bold: false,
            italic: false,
            underline: false,
            align: AlignmentType::Left,
            after: 0,
        }
    }
    pub const fn bold(mut self) -> Style {
        self.bold = true;
        self
    }
    pub const fn italic(mut self) -> Style {
        self.italic = true;
        self
    }
    pub const fn underline(mut self) -> Style {
        self.underline = true;
        self
    }
    pub const fn center(mut self) -> Style {
        self.align = AlignmentType::Center;
        self
    }
    pub const fn right(mut self) -> Style {
        self.align = AlignmentType::Right;
        self
    }
    pub const fn justify(mut self) -> Style {
        self.align = AlignmentType::Both;
        self
    }
    pub const fn after(mut self, after: u32) -> Style {
        self.after = after;
        self
    }

    /// The paragraph style's id and name, from what it sets: `chiso-22-bc-120` is 11 pt, bold,
    /// centred, 6 pt after.
    pub fn id(&self) -> String {
        let mut flags = String::new();
        for (on, flag) in [(self.bold, 'b'), (self.italic, 'i'), (self.underline, 'u')] {
            if on {
                flags.push(flag);
            }
        }
        flags.push(match self.align {
            AlignmentType::Center => 'c',
            AlignmentType::Right => 'r',
            AlignmentType::Both => 'j',
            _ => 'l',
        });
        format!("chiso-{}-{flags}-{}", self.size, self.after)
    }

    /// The style as the document's styles part declares it, under `id`.
    pub fn word_style(&self, id: &str) -> WordStyle {
        let mut style = WordStyle::new(id, StyleType::Paragraph)
            .name(id)
            .based_on("Normal")
            .fonts(fonts())
            .size(self.size)
            .align(self.align)
            .line_spacing(LineSpacing::new().before(0).after(self.after));
        if self.bold {
            style = style.bold();
        }
        if self.italic {
            style = style.italic();
        }
        if self.underline {
            style = style.underline("single");
        }
        style
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_style_is_named_after_what_it_sets() {
        assert_eq!(
            Style::new(22).bold().center().after(120).id(),
            "chiso-22-bc-120"
        );
        assert_eq!(Style::new(28).justify().id(), "chiso-28-j-0");
        assert_eq!(
            Style::new(28).bold().underline().center().after(120).id(),
            "chiso-28-buc-120"
        );
    }
}
