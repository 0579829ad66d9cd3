//! Narratives: Markdown rendered to HTML, then cleaned so that nothing an editor pasted can run
//! in a reader's browser.

use pulldown_cmark::{html, Options, Parser};

pub fn to_html(markdown: &str) -> String {
    let options =
        Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH | Options::ENABLE_FOOTNOTES;
    let mut raw = String::new();
    html::push_html(&mut raw, Parser::new_ext(markdown, options));
    clean(&raw)
}

/// Ordinary formatting, tables, images and links stay; scripts, handlers, frames, styles and
/// `javascript:`/`data:` links go.
pub fn clean(html: &str) -> String {
    ammonia::Builder::default()
        .url_schemes(["http", "https", "mailto", "tel"].into_iter().collect())
        .link_rel(Some("noopener noreferrer"))
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
}
