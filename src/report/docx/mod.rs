//! The half-year report as a Word document in the official form (Nghị định 30/2020/NĐ-CP), for
//! an office to fill in the number and date, sign and send: the head, the unit's narrative as
//! the body, the template's two tables on landscape pages, then the recipients and the
//! signature. Times New Roman; A4 with the decree's margins. In Vietnamese whatever the site's
//! languages, as the form is.

use docx_rs::{Docx, PageMargin};

use super::head::{Head, DOCUMENT_NAME, MOTTO, NATIONAL_TITLE, RECIPIENTS};
use super::{column_numbers, fill_years, summary, Part};
use crate::compute::report::Report;
use crate::lang::Lang;
use crate::model::content::LangKey;
use crate::view::shortcodes::render_narrative;
use crate::view::Ctx;
use body::{Body, Frame, Page, VAlign};
use style::{fonts, Style};

mod body;
mod package;
mod style;

const LANG: Lang = Lang::Vi;
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
const HEADER: i32 = 10 * MM;
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
/// A paragraph's first line, indented as the decree's examples are.
const FIRST_LINE: i32 = 10 * MM;

const PORTRAIT: Page = Page {
    width: A4_SHORT,
    height: A4_LONG,
    landscape: false,
    top: TOP,
    right: RIGHT,
    bottom: BOTTOM,
    left: LEFT,
    header: HEADER,
    footer: HEADER,
};
const LANDSCAPE: Page = Page {
    width: A4_LONG,
    height: A4_SHORT,
    landscape: true,
    ..PORTRAIT
};

pub fn document(ctx: &Ctx, r: &Report) -> Result<Vec<u8>, String> {
    let mut body = Body::new();
    let head = Head::new(ctx, r);
    let unit = ctx.unit_name(r.unit, LANG);
    let title = fill_years(ctx, LANG, "report_title", r.year);

    // Portrait: the head, the document's name and the unit's narrative.
    head_table(&mut body, &head);
    body.text("", Style::new(BODY));
    body.text(DOCUMENT_NAME, Style::new(BODY).bold().center());
    body.text(&head.summary, Style::new(BODY).bold().center().after(240));
    // Nobody should sign trial figures unawares.
    if ctx.project.config.sample {
        let notice = ctx.i18n.get(LANG, "sample_notice");
        body.text(&notice, Style::new(BODY).italic().center().after(240));
    }
    for block in narrative(ctx, r) {
        match block {
            Block::Heading(text) => body.kept(&text, Style::new(BODY).bold().justify().after(120)),
            Block::Text(text) => {
                body.indented(&text, Style::new(BODY).justify().after(120), FIRST_LINE)
            }
        }
    }
    body.end_part(PORTRAIT);

    // Landscape: the template's two tables.
    for part in Part::BOTH {
        let table = part.table(r);
        body.kept(
            &part.title(ctx, r, LANG).to_uppercase(),
            Style::new(BODY).bold().center().after(120),
        );
        if table.sections.is_empty() {
            let empty = match (part, super::page::ended_before_next_year(ctx, r, LANG)) {
                (Part::Two, Some(note)) => note,
                _ => ctx.i18n.get(LANG, "report_no_rows"),
            };
            body.text(&empty, Style::new(BODY).center().after(240));
            continue;
        }
        figures_table(&mut body, ctx, r, part);
        if part == Part::One {
            body.indented(
                &summary(ctx, r, LANG),
                Style::new(BODY).justify().after(0),
                FIRST_LINE,
            );
        }
        let note = ctx.i18n.get(LANG, "report_notes");
        body.text(&note, Style::new(TABLE).italic().after(240));
    }
    body.end_part(LANDSCAPE);

    // Portrait again: the closing sentence, the recipients and the signature.
    let closing = fill_years(ctx, LANG, "report_doc_closing", r.year);
    body.indented(&closing, Style::new(BODY).justify().after(240), FIRST_LINE);
    closing_table(&mut body, &head);
    let (document, styles) = body.finish(PORTRAIT);

    // The package's other parts, the styles the body used among them.
    let mut docx = Docx::new()
        .default_fonts(fonts())
        .default_size(BODY)
        .page_size(A4_SHORT, A4_LONG)
        .page_margin(PageMargin {
            top: TOP,
            left: LEFT,
            bottom: BOTTOM,
            right: RIGHT,
            header: HEADER,
            footer: HEADER,
            gutter: 0,
        })
        .created_at(&format!("{}-07-01T00:00:00Z", r.year))
        .updated_at(&format!("{}-07-01T00:00:00Z", r.year))
        .custom_property("title", format!("{title} – {unit}"));
    for (id, style) in &styles {
        docx = docx.add_style(style.word_style(id));
    }
    package::pack(&docx.build(), document.as_bytes()).map_err(|e| e.to_string())
}

/// The head: the agencies and the number on the left, the national title, the motto and the
/// place and date on the right, each centred in its half, without borders.
fn head_table(body: &mut Body, head: &Head) {
    let left = 65 * MM as usize;
    let right = PORTRAIT_TEXT - left;
    body.table(&[left, right], Frame::Bare, |b| {
        b.row(true, false, |b| {
            b.cell(left, 1, VAlign::Top, |b| {
                if let Some(parent) = &head.parent_agency {
                    b.text(parent, Style::new(HEAD).center());
                }
                b.text(&head.agency, Style::new(HEAD).bold().center().after(120));
                b.text(&head.number, Style::new(HEAD).center());
            });
            b.cell(right, 1, VAlign::Top, |b| {
                b.text(NATIONAL_TITLE, Style::new(NATIONAL).bold().center());
                b.text(
                    MOTTO,
                    Style::new(BODY).bold().underline().center().after(120),
                );
                b.text(&head.place_date, Style::new(BODY).italic().center());
            });
        });
    });
}

/// The recipients on the left (12 pt bold italic, the list 11 pt), the signer's title, a space
/// to sign and stamp, and the name on the right.
fn closing_table(body: &mut Body, head: &Head) {
    let half = PORTRAIT_TEXT / 2;
    let right = PORTRAIT_TEXT - half;
    body.table(&[half, right], Frame::Bare, |b| {
        b.row(false, false, |b| {
            b.cell(half, 1, VAlign::Top, |b| {
                b.text(RECIPIENTS, Style::new(RECIPIENTS_SIZE).bold().italic());
                for r in &head.recipients {
                    b.text(r, Style::new(RECIPIENT_LIST));
                }
            });
            b.cell(right, 1, VAlign::Top, |b| {
                for line in &head.signer_title {
                    b.text(line, Style::new(BODY).bold().center());
                }
                for _ in 0..4 {
                    b.text("", Style::new(BODY));
                }
                b.text(&head.signer_name, Style::new(BODY).bold().center());
            });
        });
    });
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
/// Roman numeral, and the figures as the page shows them (Vietnamese numbers). The two heading
/// rows are repeated on every page the table spans.
fn figures_table(body: &mut Body, ctx: &Ctx, r: &Report, part: Part) {
    let table = part.table(r);
    let headings = part.headings(ctx, r, LANG);
    let widths = column_widths(headings.len());
    let small = Style::new(TABLE);
    let cat = &ctx.project.catalogue;
    body.table(&widths, Frame::Ruled, |b| {
        b.row(false, true, |b| {
            for (c, h) in headings.iter().enumerate() {
                b.cell(widths[c], 1, VAlign::Center, |b| {
                    b.text(h, Style::new(TABLE_HEADING).bold().center())
                });
            }
        });
        b.row(false, true, |b| {
            for (c, n) in column_numbers(table).iter().enumerate() {
                b.cell(widths[c], 1, VAlign::Center, |b| {
                    b.text(n, small.italic().center())
                });
            }
        });
        let rest: usize = widths[1..].iter().sum();
        for section in &table.sections {
            let ind = cat.get(section.indicator);
            b.row(false, false, |b| {
                b.cell(widths[0], 1, VAlign::Center, |b| {
                    b.kept(&section.numeral, small.bold().center())
                });
                b.cell(rest, headings.len() - 1, VAlign::Center, |b| {
                    b.kept(&ind.group, small.bold())
                });
            });
            for line in &section.lines {
                let i = line.indicator;
                b.row(false, false, |b| {
                    b.cell(widths[0], 1, VAlign::Center, |b| {
                        b.text(&line.stt.to_string(), small.center())
                    });
                    b.cell(widths[1], 1, VAlign::Center, |b| {
                        b.text(ctx.indicator_name(i, LANG), small)
                    });
                    b.cell(widths[2], 1, VAlign::Center, |b| {
                        b.text(ctx.unit_of_measure(i, LANG), small.center())
                    });
                    for (k, value) in super::line_cells(ctx, line, table, LANG).iter().enumerate() {
                        b.cell(widths[3 + k], 1, VAlign::Center, |b| {
                            b.text(value, small.right())
                        });
                    }
                });
            }
        }
    });
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
