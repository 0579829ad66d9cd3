//! The report's text as Word writes it (`word/document.xml`): paragraphs, borderless or ruled
//! tables and the page settings of each part, written straight into one string as the report
//! is read, in the order Word's schema wants each element.
//!
//! docx-rs would first build every paragraph, run and cell as a tree of its own values, then
//! walk the tree to write it: a third of a national build's time went there (most of it in
//! copying), for a document whose every element is one of a dozen shapes. docx-rs still writes
//! the package's other parts (the styles, settings, fonts and properties), which are small.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::style::Style;

/// The page of a part of the document, in twentieths of a point.
#[derive(Clone, Copy)]
pub struct Page {
    pub width: u32,
    pub height: u32,
    pub landscape: bool,
    pub top: i32,
    pub right: i32,
    pub bottom: i32,
    pub left: i32,
    pub header: i32,
    pub footer: i32,
}

/// Where a cell's text sits.
#[derive(Clone, Copy)]
pub enum VAlign {
    Top,
    Center,
}

/// A table's rules and place on the page.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Frame {
    /// No rules, at the left margin: the head and the signature.
    Bare,
    /// A thin rule around every cell, centred: the figures.
    Ruled,
}

/// The document's body as it is written, and the paragraph styles it used.
pub struct Body {
    xml: String,
    styles: BTreeMap<String, Style>,
}

const OPEN: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:document xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
    r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#
);

impl Body {
    pub fn new() -> Body {
        let mut xml = String::with_capacity(64 * 1024);
        xml.push_str(OPEN);
        Body {
            xml,
            styles: BTreeMap::new(),
        }
    }

    /// A paragraph of one run of `text` in `style`.
    pub fn text(&mut self, text: &str, style: Style) {
        self.paragraph(text, style, false, None);
    }

    /// A paragraph kept on the same page as the next: a heading, a group's row.
    pub fn kept(&mut self, text: &str, style: Style) {
        self.paragraph(text, style, true, None);
    }

    /// A paragraph whose first line is indented by `first_line` twentieths of a point.
    pub fn indented(&mut self, text: &str, style: Style, first_line: i32) {
        self.paragraph(text, style, false, Some(first_line));
    }

    fn paragraph(&mut self, text: &str, style: Style, keep_next: bool, first_line: Option<i32>) {
        let id = style.id();
        let out = &mut self.xml;
        out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
        out.push_str(&id);
        out.push_str("\"/>");
        if keep_next {
            out.push_str("<w:keepNext/>");
        }
        if let Some(first) = first_line {
            let _ = write!(out, "<w:ind w:firstLine=\"{first}\"/>");
        }
        out.push_str("</w:pPr>");
        if !text.is_empty() {
            out.push_str("<w:r><w:t xml:space=\"preserve\">");
            crate::encode::xml::text_into(out, text);
            out.push_str("</w:t></w:r>");
        }
        out.push_str("</w:p>");
        self.styles.entry(id).or_insert(style);
    }

    /// A table of `widths`, its rows written by `rows`.
    pub fn table(&mut self, widths: &[usize], frame: Frame, rows: impl FnOnce(&mut Body)) {
        let total: usize = widths.iter().sum();
        let out = &mut self.xml;
        let _ = write!(
            out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{total}\" w:type=\"dxa\"/>"
        );
        match frame {
            Frame::Bare => out.push_str("<w:jc w:val=\"left\"/><w:tblBorders/>"),
            Frame::Ruled => {
                out.push_str("<w:jc w:val=\"center\"/><w:tblBorders>");
                for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                    let _ = write!(
                        out,
                        "<w:{side} w:val=\"single\" w:sz=\"2\" w:space=\"0\" w:color=\"000000\"/>"
                    );
                }
                out.push_str("</w:tblBorders>");
            }
        }
        out.push_str("<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
        for w in widths {
            let _ = write!(out, "<w:gridCol w:w=\"{w}\"/>");
        }
        out.push_str("</w:tblGrid>");
        rows(self);
        self.xml.push_str("</w:tbl>");
    }

    /// A row of a table. `heading` rows are repeated at the top of every page the table
    /// spans; a row that may not split is never broken across two pages.
    pub fn row(&mut self, may_split: bool, heading: bool, cells: impl FnOnce(&mut Body)) {
        self.xml.push_str("<w:tr>");
        if !may_split || heading {
            self.xml.push_str("<w:trPr>");
            if !may_split {
                self.xml.push_str("<w:cantSplit/>");
            }
            if heading {
                self.xml.push_str("<w:tblHeader/>");
            }
            self.xml.push_str("</w:trPr>");
        }
        cells(self);
        self.xml.push_str("</w:tr>");
    }

    /// A cell `width` wide spanning `span` columns of the grid, its paragraphs written by
    /// `paragraphs` (Word wants at least one).
    pub fn cell(
        &mut self,
        width: usize,
        span: usize,
        align: VAlign,
        paragraphs: impl FnOnce(&mut Body),
    ) {
        let out = &mut self.xml;
        let _ = write!(out, "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>");
        if span > 1 {
            let _ = write!(out, "<w:gridSpan w:val=\"{span}\"/>");
        }
        out.push_str(match align {
            VAlign::Top => "<w:vAlign w:val=\"top\"/>",
            VAlign::Center => "<w:vAlign w:val=\"center\"/>",
        });
        out.push_str("</w:tcPr>");
        paragraphs(self);
        self.xml.push_str("</w:tc>");
    }

    /// Ends a part of the document printed on `page`; what follows starts a new page.
    pub fn end_part(&mut self, page: Page) {
        self.xml.push_str("<w:p><w:pPr>");
        section(&mut self.xml, page);
        self.xml.push_str("</w:pPr></w:p>");
    }

    /// The document, its last part printed on `page`, and the styles its paragraphs used, in
    /// the order of their ids.
    pub fn finish(mut self, page: Page) -> (String, BTreeMap<String, Style>) {
        section(&mut self.xml, page);
        self.xml.push_str("</w:body></w:document>");
        (self.xml, self.styles)
    }
}

fn section(out: &mut String, p: Page) {
    let orient = if p.landscape {
        " w:orient=\"landscape\""
    } else {
        ""
    };
    let _ = write!(
        out,
        "<w:sectPr><w:pgSz w:w=\"{}\" w:h=\"{}\"{orient}/><w:pgMar w:top=\"{}\" w:right=\"{}\" \
         w:bottom=\"{}\" w:left=\"{}\" w:header=\"{}\" w:footer=\"{}\" w:gutter=\"0\"/></w:sectPr>",
        p.width, p.height, p.top, p.right, p.bottom, p.left, p.header, p.footer
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const A4: Page = Page {
        width: 11906,
        height: 16838,
        landscape: false,
        top: 1140,
        right: 855,
        bottom: 1140,
        left: 1710,
        header: 570,
        footer: 570,
    };

    #[test]
    fn text_is_escaped_and_characters_xml_cannot_hold_are_left_out() {
        let mut out = String::new();
        crate::encode::xml::text_into(&mut out, "a < b & c > d\u{1}\u{b}\tend");
        assert_eq!(out, "a &lt; b &amp; c &gt; d\tend");
    }

    #[test]
    fn a_body_is_well_formed_and_names_every_style_it_used() {
        let mut body = Body::new();
        body.kept("Kết quả", Style::new(28).bold());
        body.table(&[100, 200], Frame::Ruled, |b| {
            b.row(false, true, |b| {
                b.cell(100, 1, VAlign::Center, |b| b.text("1", Style::new(22)));
                b.cell(200, 1, VAlign::Center, |b| b.text("", Style::new(22)));
            });
            b.row(true, false, |b| {
                b.cell(300, 2, VAlign::Top, |b| {
                    b.indented("x", Style::new(22), 570)
                });
            });
        });
        body.end_part(A4);
        let (xml, styles) = body.finish(Page {
            landscape: true,
            ..A4
        });
        let ids: Vec<&str> = styles.keys().map(String::as_str).collect();
        assert_eq!(ids, ["chiso-22-l-0", "chiso-28-bl-0"]);
        assert!(xml.starts_with(OPEN));
        assert!(xml.ends_with("</w:sectPr></w:body></w:document>"));
        assert!(xml.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"));
        assert!(xml.contains("<w:gridSpan w:val=\"2\"/>"));
        assert!(xml.contains("<w:keepNext/></w:pPr><w:r><w:t xml:space=\"preserve\">Kết quả"));
        assert!(xml.contains(" w:orient=\"landscape\"/>"));
        // Every element opened is closed, in order.
        let mut open: Vec<&str> = Vec::new();
        for tag in xml.split('<').skip(2) {
            let tag = tag.split('>').next().unwrap_or("");
            let name = tag.split([' ', '/']).next().unwrap_or("");
            if let Some(closing) = tag.strip_prefix('/') {
                assert_eq!(open.pop(), Some(closing), "{xml}");
            } else if !tag.ends_with('/') {
                open.push(name);
            }
        }
        assert!(open.is_empty(), "{open:?}");
    }
}
