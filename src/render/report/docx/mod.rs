//! The half-year report as a Word document in the official form (Nghị định 30/2020/NĐ-CP), for
//! an office to fill in the number and date, sign and send: the head, the unit's narrative as
//! the body, the template's two tables on landscape pages, then the recipients and the
//! signature. Times New Roman; A4 with the decree's margins. In Vietnamese whatever the site's
//! languages, as the form is.

use std::collections::BTreeMap;

use docx_rs::{
    AlignmentType, Docx, HeightRule, LineSpacing, PageMargin, PageOrientationType, PageSize,
    Paragraph, Run, RunFonts, Section, SpecialIndentType, Style as WordStyle, StyleType, Table,
    TableAlignmentType, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

use super::head::{Head, DOCUMENT_NAME, MOTTO, NATIONAL_TITLE, RECIPIENTS};
use super::{column_numbers, fill_years, summary, Part};
use crate::compute::report::Report;
use crate::lang::Lang;
use crate::model::content::LangKey;
use crate::render::shortcodes::render_narrative;
use crate::render::Ctx;

mod package;

const LANG: Lang = Lang::Vi;
const FONT: &str = "Times New Roman";
/// Twentieths of a point in a millimetre.
const MM: i32 = 57;
/// A4, in twentieths of a point.
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
/// The decree's margins: top 20–25 mm, bottom 20–25, left 30–35, right 15–20.
const TOP: i32 = 20 * MM;
const BOTTOM: i32 = 20 * MM;
const LEFT: i32 = 30 * MM;
const RIGHT: i32 = 15 * MM;
/// The width that text takes on a portrait and on a landscape page.
pub const PORTRAIT_TEXT: usize = A4_SHORT as usize - (LEFT + RIGHT) as usize;
pub const LANDSCAPE_TEXT: usize = A4_LONG as usize - (LEFT + RIGHT) as usize;
/// Sizes, in half-points: body 14 pt, the head 13 pt, the table 11 pt, "Nơi nhận" 12 pt and its list 11 pt.
const BODY: usize = 28;
const HEAD: usize = 26;
/// The national title, 12 pt: at 13 pt it does not fit on one line beside the agency.
const NATIONAL: usize = 24;
const TABLE: usize = 22;
/// The table's headings, 10 pt, to fit the template's long headings in narrow columns.
const TABLE_HEADING: usize = 20;
const RECIPIENTS_SIZE: usize = 24;
const RECIPIENT_LIST: usize = 22;

/// The height that marks the table's heading rows, repeated at the top of every page: the crate
/// has no setter for Word's `w:tblHeader`, so [`document`] puts it in place of this height.
const HEADER_MARK: f32 = 3.0;
const HEADER_MARK_XML: &str = r#"<w:trHeight w:val="3" w:hRule="atLeast" />"#;

/// Paragraphs are given their ids here, in the order they are made: the crate counts them per
/// thread, which would make a document's bytes depend on what its thread made before. The
/// paragraph styles they use are gathered here too, for the document's styles part.
struct Ids {
    next: u32,
    styles: BTreeMap<String, Style>,
}

impl Ids {
    fn new() -> Ids {
        Ids {
            next: 0x1000_0000,
            styles: BTreeMap::new(),
        }
    }

    fn paragraph(&mut self) -> Paragraph {
        self.next += 1;
        Paragraph::new().id(format!("{:08X}", self.next))
    }

    /// A paragraph of one run of `text` in `style`. The formatting is the paragraph style's,
    /// not the run's: written on each of a report's six hundred runs, it made two thirds of the
    /// document's bytes, and an office that edits the report can change a style at once.
    fn text(&mut self, text: &str, style: Style) -> Paragraph {
        let id = style.id();
        let paragraph = self
            .paragraph()
            .style(&id)
            .add_run(Run::new().add_text(text));
        self.styles.entry(id).or_insert(style);
        paragraph
    }

    /// Every paragraph style the document used, in the order of their ids.
    fn word_styles(&self) -> impl Iterator<Item = WordStyle> + '_ {
        self.styles.iter().map(|(id, style)| style.word_style(id))
    }
}

fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .cs(FONT)
        .east_asia(FONT)
}

#[derive(Clone, Copy)]
struct Style {
    size: usize,
    bold: bool,
    italic: bool,
    underline: bool,
    align: AlignmentType,
    /// Space after, in twentieths of a point.
    after: u32,
}

impl Style {
    const fn new(size: usize) -> Style {
        Style {
            size,
            bold: false,
            italic: false,
            underline: false,
            align: AlignmentType::Left,
            after: 0,
        }
    }
    const fn bold(mut self) -> Style {
        self.bold = true;
        self
    }
    const fn italic(mut self) -> Style {
        self.italic = true;
        self
    }
    const fn underline(mut self) -> Style {
        self.underline = true;
        self
    }
    const fn center(mut self) -> Style {
        self.align = AlignmentType::Center;
        self
    }
    const fn right(mut self) -> Style {
        self.align = AlignmentType::Right;
        self
    }
    const fn justify(mut self) -> Style {
        self.align = AlignmentType::Both;
        self
    }
    const fn after(mut self, after: u32) -> Style {
        self.after = after;
        self
    }

    /// The paragraph style's id and name, from what it sets: `chiso-22-bc-120` is 11 pt, bold,
    /// centred, 6 pt after.
    fn id(&self) -> String {
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

    fn word_style(&self, id: &str) -> WordStyle {
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

fn page_margin() -> PageMargin {
    PageMargin {
        top: TOP,
        left: LEFT,
        bottom: BOTTOM,
        right: RIGHT,
        header: 10 * MM,
        footer: 10 * MM,
        gutter: 0,
    }
}

fn cell(width: usize) -> TableCell {
    TableCell::new()
        .width(width, WidthType::Dxa)
        .vertical_align(VAlignType::Center)
}

pub fn document(ctx: &Ctx, r: &Report) -> Result<Vec<u8>, String> {
    let mut ids = Ids::new();
    let head = Head::new(ctx, r);
    let unit = ctx.unit_name(r.unit, LANG);
    let title = fill_years(ctx, LANG, "report_title", r.year);

    // Portrait: the head, the document's name and the unit's narrative.
    let mut first = Section::new()
        .page_size(PageSize::new().size(A4_SHORT, A4_LONG))
        .page_margin(page_margin())
        .add_table(head_table(&mut ids, &head));
    first = first
        .add_paragraph(ids.text("", Style::new(BODY)))
        .add_paragraph(ids.text(DOCUMENT_NAME, Style::new(BODY).bold().center()))
        .add_paragraph(ids.text(&head.summary, Style::new(BODY).bold().center().after(240)));
    // Nobody should sign trial figures unawares.
    if ctx.project.config.sample {
        let notice = ctx.i18n.get(LANG, "sample_notice");
        first =
            first.add_paragraph(ids.text(&notice, Style::new(BODY).italic().center().after(240)));
    }
    for block in narrative(ctx, r) {
        first = first.add_paragraph(match block {
            Block::Heading(text) => ids
                .text(&text, Style::new(BODY).bold().justify().after(120))
                .keep_next(true),
            Block::Text(text) => ids
                .text(&text, Style::new(BODY).justify().after(120))
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(10 * MM)),
                    None,
                    None,
                ),
        });
    }

    // Landscape: the template's two tables.
    let mut tables = Section::new()
        .page_size(
            PageSize::new()
                .size(A4_LONG, A4_SHORT)
                .orient(PageOrientationType::Landscape),
        )
        .page_margin(page_margin())
        .page_orient(PageOrientationType::Landscape);
    for part in Part::BOTH {
        let table = part.table(r);
        tables = tables.add_paragraph(
            ids.text(
                &part.title(ctx, r, LANG).to_uppercase(),
                Style::new(BODY).bold().center().after(120),
            )
            .keep_next(true),
        );
        if table.sections.is_empty() {
            let empty = match (part, super::page::ended_before_next_year(ctx, r, LANG)) {
                (Part::Two, Some(note)) => note,
                _ => ctx.i18n.get(LANG, "report_no_rows"),
            };
            tables = tables.add_paragraph(ids.text(&empty, Style::new(BODY).center().after(240)));
            continue;
        }
        tables = tables.add_table(figures_table(ctx, r, part, &mut ids));
        if part == Part::One {
            tables = tables.add_paragraph(
                ids.text(&summary(ctx, r, LANG), Style::new(BODY).justify().after(0))
                    .indent(
                        None,
                        Some(SpecialIndentType::FirstLine(10 * MM)),
                        None,
                        None,
                    ),
            );
        }
        let note = ctx.i18n.get(LANG, "report_notes");
        tables = tables.add_paragraph(ids.text(&note, Style::new(TABLE).italic().after(240)));
    }

    // Portrait again: the closing sentence, the recipients and the signature.
    let closing = fill_years(ctx, LANG, "report_doc_closing", r.year);
    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY)
        .page_size(A4_SHORT, A4_LONG)
        .page_margin(page_margin())
        .created_at(&format!("{}-07-01T00:00:00Z", r.year))
        .updated_at(&format!("{}-07-01T00:00:00Z", r.year))
        .custom_property("title", format!("{title} – {unit}"))
        .add_section(first)
        .add_section(tables)
        .add_paragraph(
            ids.text(&closing, Style::new(BODY).justify().after(240))
                .indent(
                    None,
                    Some(SpecialIndentType::FirstLine(10 * MM)),
                    None,
                    None,
                ),
        )
        .add_table(closing_table(&mut ids, &head));
    for style in ids.word_styles() {
        docx = docx.add_style(style);
    }
    let xml = docx.build();
    let document =
        String::from_utf8_lossy(&xml.document).replace(HEADER_MARK_XML, "<w:tblHeader />");
    package::pack(&xml, document.as_bytes()).map_err(|e| e.to_string())
}

/// The head: the agencies and the number on the left, the national title, the motto and the
/// place and date on the right, each centred in its half, without borders.
fn head_table(ids: &mut Ids, head: &Head) -> Table {
    let left_width = 65 * MM as usize;
    let right_width = PORTRAIT_TEXT - left_width;
    let mut left = cell(left_width);
    if let Some(parent) = &head.parent_agency {
        left = left.add_paragraph(ids.text(parent, Style::new(HEAD).center()));
    }
    left = left
        .add_paragraph(ids.text(&head.agency, Style::new(HEAD).bold().center().after(120)))
        .add_paragraph(ids.text(&head.number, Style::new(HEAD).center()));
    let right = cell(right_width)
        .add_paragraph(ids.text(NATIONAL_TITLE, Style::new(NATIONAL).bold().center()))
        .add_paragraph(ids.text(
            MOTTO,
            Style::new(BODY).bold().underline().center().after(120),
        ))
        .add_paragraph(ids.text(&head.place_date, Style::new(BODY).italic().center()));
    let left = left.vertical_align(VAlignType::Top);
    let right = right.vertical_align(VAlignType::Top);
    Table::without_borders(vec![TableRow::new(vec![left, right])])
        .set_grid(vec![left_width, right_width])
        .width(PORTRAIT_TEXT, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// The recipients on the left (12 pt bold italic, the list 11 pt), the signer's title, a space
/// to sign and stamp, and the name on the right.
fn closing_table(ids: &mut Ids, head: &Head) -> Table {
    let half = PORTRAIT_TEXT / 2;
    let mut left =
        cell(half).add_paragraph(ids.text(RECIPIENTS, Style::new(RECIPIENTS_SIZE).bold().italic()));
    for r in &head.recipients {
        left = left.add_paragraph(ids.text(r, Style::new(RECIPIENT_LIST)));
    }
    let mut right = cell(PORTRAIT_TEXT - half);
    for line in &head.signer_title {
        right = right.add_paragraph(ids.text(line, Style::new(BODY).bold().center()));
    }
    for _ in 0..4 {
        right = right.add_paragraph(ids.text("", Style::new(BODY)));
    }
    right = right.add_paragraph(ids.text(&head.signer_name, Style::new(BODY).bold().center()));
    Table::without_borders(vec![TableRow::new(vec![
        left.vertical_align(VAlignType::Top),
        right.vertical_align(VAlignType::Top),
    ])
    .cant_split()])
    .set_grid(vec![half, PORTRAIT_TEXT - half])
    .width(PORTRAIT_TEXT, WidthType::Dxa)
    .layout(TableLayoutType::Fixed)
}

/// The widths of a table's columns, filling the landscape text width: STT, the indicator's name,
/// its unit, then the figures and ratios sharing what is left.
pub fn column_widths(columns: usize) -> Vec<usize> {
    let mm = MM as usize;
    let (stt, unit) = (12 * mm, 22 * mm);
    let rest = LANDSCAPE_TEXT - stt - unit;
    let figures = columns.saturating_sub(3).max(1);
    // At least 75 mm for the name; at most 28 mm for a figure, as a figure needs no more.
    let figure = (28 * mm).min((rest - 75 * mm) / figures);
    let mut out = vec![stt, rest - figure * figures, unit];
    out.extend(std::iter::repeat_n(figure, figures));
    out
}

/// One of the template's tables: headings, the row of column numbers, a row per group with its
/// Roman numeral, and the figures as the page shows them (Vietnamese numbers).
fn figures_table(ctx: &Ctx, r: &Report, part: Part, ids: &mut Ids) -> Table {
    let table = part.table(r);
    let headings = part.headings(ctx, r, LANG);
    let widths = column_widths(headings.len());
    let small = Style::new(TABLE);
    let text_cell = |ids: &mut Ids, c: usize, text: &str, style: Style| {
        cell(widths[c]).add_paragraph(ids.text(text, style))
    };
    let mut rows = vec![
        TableRow::new(
            headings
                .iter()
                .enumerate()
                .map(|(c, h)| text_cell(ids, c, h, Style::new(TABLE_HEADING).bold().center()))
                .collect(),
        )
        .cant_split()
        .row_height(HEADER_MARK)
        .height_rule(HeightRule::AtLeast),
        TableRow::new(
            column_numbers(table)
                .iter()
                .enumerate()
                .map(|(c, n)| text_cell(ids, c, n, small.italic().center()))
                .collect(),
        )
        .cant_split()
        .row_height(HEADER_MARK)
        .height_rule(HeightRule::AtLeast),
    ];
    let cat = &ctx.project.catalogue;
    for section in &table.sections {
        let ind = cat.get(section.indicator);
        let rest: usize = widths[1..].iter().sum();
        rows.push(
            TableRow::new(vec![
                cell(widths[0]).add_paragraph(
                    ids.text(&section.numeral, small.bold().center())
                        .keep_next(true),
                ),
                cell(rest)
                    .grid_span(headings.len() - 1)
                    .add_paragraph(ids.text(&ind.group, small.bold()).keep_next(true)),
            ])
            .cant_split(),
        );
        for line in &section.lines {
            let i = line.indicator;
            let mut cells = vec![
                text_cell(ids, 0, &line.stt.to_string(), small.center()),
                text_cell(ids, 1, ctx.indicator_name(i, LANG), small),
                text_cell(ids, 2, ctx.unit_of_measure(i, LANG), small.center()),
            ];
            for (k, value) in super::line_cells(ctx, line, table, LANG).iter().enumerate() {
                cells.push(text_cell(ids, 3 + k, value, small.right()));
            }
            rows.push(TableRow::new(cells).cant_split());
        }
    }
    Table::new(rows)
        .set_grid(widths)
        .width(LANDSCAPE_TEXT, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
}

/// A paragraph of the narrative.
enum Block {
    Heading(String),
    Text(String),
}

/// The unit's Vietnamese narrative with its figures filled in, as headings and paragraphs of
/// plain text (lists as paragraphs starting with a dash); charts and images are left out, as a
/// signed report prints its own tables.
fn narrative(ctx: &Ctx, r: &Report) -> Vec<Block> {
    let Some(n) = ctx.project.content.units.get(&(r.unit, LangKey::Vi)) else {
        return Vec::new();
    };
    let html = render_narrative(ctx, n, r.unit, LANG, 2);
    blocks(&html)
}

/// Headings, paragraphs and list items of `html`, their tags taken out; what is inside a
/// `<figure>` (a chart) is skipped.
fn blocks(html: &str) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find('<') {
        let after = &rest[start + 1..];
        let name: String = after
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        let close = format!("</{name}>");
        let kind = match name.as_str() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Some(true),
            "p" | "li" => Some(false),
            "figure" | "svg" | "table" => None,
            _ => {
                rest = after;
                continue;
            }
        };
        let Some(end) = after.find(&close) else {
            break;
        };
        let inner = &after[..end];
        rest = &after[end + close.len()..];
        let Some(heading) = kind else { continue };
        let inner = inner.split_once('>').map(|(_, t)| t).unwrap_or("");
        let text = collapse(&unescape(&strip_tags(inner)));
        if text.is_empty() {
            continue;
        }
        out.push(match (heading, name.as_str()) {
            (true, _) => Block::Heading(text),
            (false, "li") => Block::Text(format!("- {text}")),
            _ => Block::Text(text),
        });
    }
    out
}

fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&#x27;", "'")
        .replace("&nbsp;", "\u{a0}")
        .replace("&amp;", "&")
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        blocks(html)
            .into_iter()
            .map(|b| match b {
                Block::Heading(t) => format!("# {t}"),
                Block::Text(t) => t,
            })
            .collect()
    }

    #[test]
    fn a_narrative_becomes_headings_and_paragraphs_without_its_charts() {
        let html = "<h3 id=\"a\">Kết quả</h3>\n<p>Có <data value=\"117\">117 trạm</data> &amp; \
                    hơn.</p><figure class=\"chart\"><svg><text>x</text></svg><p>no</p></figure>\
                    <ul><li>một</li><li><p>hai</p></li></ul>";
        assert_eq!(
            texts(html),
            ["# Kết quả", "Có 117 trạm & hơn.", "- một", "- hai"]
        );
    }

    #[test]
    fn the_table_fills_the_landscape_page_and_no_more() {
        for columns in [6, 11] {
            let widths = column_widths(columns);
            assert_eq!(widths.len(), columns);
            assert_eq!(widths.iter().sum::<usize>(), LANDSCAPE_TEXT);
            assert!(widths[1] >= widths[3], "{widths:?}");
        }
    }
}
