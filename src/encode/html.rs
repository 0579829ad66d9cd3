//! Escaping text for HTML: the one escape of the pages, the narratives and the preview server.

/// Escapes what HTML needs escaped in text and quoted attributes. Tera's own also escapes `/`,
/// which only makes every link longer.
pub fn escape_html(s: &str) -> String {
    // Most text has nothing to escape: one scan, one copy.
    if !s
        .bytes()
        .any(|b| matches!(b, b'&' | b'<' | b'>' | b'"' | b'\''))
    {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}
