//! Narratives: Markdown rendered to HTML, then cleaned so that nothing an editor pasted can run
//! in a reader's browser.
//!
//! Images are rewritten on the parser's events, before any HTML exists: each `![alt](path)`
//! becomes an `<img>` whose `src` the caller chooses (the copy of the file inside the site) and
//! which loads lazily, so that a photo low on the page costs nothing until it is scrolled to.

use pulldown_cmark::{html, Event, Options, Parser, Tag};

use crate::encode::html::escape_html;

/// The Markdown chiso reads, the same when checking and when rendering.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES
}

pub fn to_html(markdown: &str) -> String {
    to_html_with(markdown, &|_| None)
}

/// Where an image of a narrative is in the site, and its size in pixels.
pub struct ImageRef {
    pub src: String,
    pub size: Option<(u32, u32)>,
}

/// As [`to_html`], with each image given by `image` (from the path as written); `None` keeps
/// the path as written.
pub fn to_html_with(markdown: &str, image: &dyn Fn(&str) -> Option<ImageRef>) -> String {
    let mut events = Parser::new_ext(markdown, options());
    let mut out: Vec<Event> = Vec::new();
    while let Some(event) = events.next() {
        match event {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => {
                let alt = alt_text(&mut events);
                let found = image(&dest_url);
                let src = found.as_ref().map_or(&*dest_url, |i| &i.src);
                // With its size, the browser keeps the image's room while it loads, so the text
                // does not jump under a reader's finger; the style sheet scales it to the screen.
                let size = match found.as_ref().and_then(|i| i.size) {
                    Some((w, h)) => format!(" width=\"{w}\" height=\"{h}\""),
                    None => String::new(),
                };
                let title = if title.is_empty() {
                    String::new()
                } else {
                    format!(" title=\"{}\"", escape_html(&title))
                };
                out.push(Event::InlineHtml(
                    format!(
                        "<img src=\"{}\" alt=\"{}\"{title}{size} loading=\"lazy\" decoding=\"async\">",
                        escape_html(src),
                        escape_html(&alt)
                    )
                    .into(),
                ));
            }
            other => out.push(other),
        }
    }
    let mut raw = String::new();
    html::push_html(&mut raw, out.into_iter());
    clean(&raw)
}

/// The text of an image's description: the events after its start, up to and including its
/// end, read as plain text (as pulldown-cmark's own writer does for `alt`).
pub fn alt_text<'a>(events: &mut impl Iterator<Item = Event<'a>>) -> String {
    let mut alt = String::new();
    let mut nest = 0;
    for event in events {
        match event {
            Event::Start(_) => nest += 1,
            Event::End(_) if nest == 0 => break,
            Event::End(_) => nest -= 1,
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::InlineMath(t) => {
                alt.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => alt.push(' '),
            _ => {}
        }
    }
    alt
}

/// An image as written in a narrative.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Image {
    /// `![alt](dest)` (or a reference-style image), starting at byte `offset`.
    Markdown {
        offset: usize,
        dest: String,
        alt: String,
    },
    /// An `<img …>` written as HTML, at byte `offset`.
    Html { offset: usize },
}

impl Image {
    pub fn offset(&self) -> usize {
        match self {
            Image::Markdown { offset, .. } | Image::Html { offset } => *offset,
        }
    }
}

/// Every image of a narrative, in the order written.
pub fn images(markdown: &str) -> Vec<Image> {
    let mut found = Vec::new();
    let mut events = Parser::new_ext(markdown, options()).into_offset_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Image { dest_url, .. }) => {
                let alt = alt_text(&mut (&mut events).map(|(e, _)| e));
                found.push(Image::Markdown {
                    offset: range.start,
                    dest: dest_url.to_string(),
                    alt,
                });
            }
            Event::Html(text) | Event::InlineHtml(text)
                if text.to_ascii_lowercase().contains("<img") =>
            {
                found.push(Image::Html {
                    offset: range.start,
                })
            }
            _ => {}
        }
    }
    found
}

/// Ordinary formatting, tables, images and links stay; scripts, handlers, frames, styles and
/// `javascript:`/`data:` links go.
pub fn clean(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
        .add_tag_attributes("img", &["loading", "decoding"])
        .clean(html)
        .to_string()
}

/// Narratives sit under the page's `h1` (and a section `h2`): their top heading, whatever its
/// Markdown level, becomes `top` and the others keep their distance below it, so that headings
/// never skip a level.
pub fn demote_headings(html: &str, top: usize) -> String {
    let Some(min) =
        (1..=6).find(|l| html.contains(&format!("<h{l}>")) || html.contains(&format!("<h{l} ")))
    else {
        return html.to_string();
    };
    let by = top.saturating_sub(min);
    let mut out = html.to_string();
    for level in (1..=6).rev() {
        let to = (level + by).min(6);
        out = out
            .replace(&format!("<h{level}>"), &format!("<h{to}>"))
            .replace(&format!("<h{level} "), &format!("<h{to} "))
            .replace(&format!("</h{level}>"), &format!("</h{to}>"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_formatting_and_drops_scripts() {
        let html = to_html("# T\n\n**b** [x](https://a.vn) <script>alert(1)</script> <a href=\"javascript:x\" onclick=\"y\">z</a>\n\n|a|b|\n|-|-|\n|1|2|\n");
        assert!(html.contains("<strong>b</strong>"));
        assert!(html.contains("<table>"));
        assert!(html.contains("href=\"https://a.vn\""));
        assert!(
            !html.contains("<script") && !html.contains("javascript:") && !html.contains("onclick")
        );
    }

    #[test]
    fn demotes_headings_once() {
        assert_eq!(
            demote_headings("<h1>a</h1><h2>b</h2><h6>c</h6>", 3),
            "<h3>a</h3><h4>b</h4><h6>c</h6>"
        );
        assert_eq!(
            demote_headings("<h2>a</h2><h3>b</h3>", 3),
            "<h3>a</h3><h4>b</h4>"
        );
        assert_eq!(demote_headings("<p>x</p>", 3), "<p>x</p>");
    }

    #[test]
    fn images_get_their_new_src_and_keep_their_description() {
        let md =
            "Trạm mới:\n\n![Trạm BTS *mới* ở \"Mường Mùn\"](anh/tram-bts.jpg \"Ảnh: Viettel\")\n";
        let html = to_html_with(md, &|dest| {
            assert_eq!(dest, "anh/tram-bts.jpg");
            Some(ImageRef {
                src: "../media/anh/tram-bts.jpg".into(),
                size: Some((1200, 800)),
            })
        });
        assert!(
            html.contains(
                "<img src=\"../media/anh/tram-bts.jpg\" alt=\"Trạm BTS mới ở &quot;Mường Mùn&quot;\" \
                 title=\"Ảnh: Viettel\" width=\"1200\" height=\"800\" loading=\"lazy\" decoding=\"async\">"
            ),
            "{html}"
        );
        // Without a new address the path stays; the cleaning still runs after.
        let html = to_html("![x](javascript:alert(1)) ![y](a.png)");
        assert!(!html.contains("javascript"), "{html}");
        assert!(html.contains("src=\"a.png\""), "{html}");
        // Same bytes every time (attributes in a fixed order).
        assert_eq!(to_html(md), to_html(md));
    }

    #[test]
    fn finds_images_with_their_offsets() {
        let md = "a\n\n[![Logo](anh/logo.png)](https://x.vn) ![](b.jpg)\n\n![r][ref]\n\n<img src=\"c.png\">\n\n[ref]: anh/r.png\n";
        let found = images(md);
        assert_eq!(
            found,
            vec![
                Image::Markdown {
                    offset: 4,
                    dest: "anh/logo.png".into(),
                    alt: "Logo".into()
                },
                Image::Markdown {
                    offset: md.find("![]").unwrap(),
                    dest: "b.jpg".into(),
                    alt: String::new()
                },
                Image::Markdown {
                    offset: md.find("![r]").unwrap(),
                    dest: "anh/r.png".into(),
                    alt: "r".into()
                },
                Image::Html {
                    offset: md.find("<img").unwrap()
                },
            ]
        );
    }
}
