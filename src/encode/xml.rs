//! Escaping text for XML: the charts' SVG, the Atom feeds, the sitemap and the Word
//! documents. Two contexts, one rule each: [`escape`] for attribute values and element content
//! alike, [`text_into`] for the character data of a Word document, which Word reads strictly.

/// XML-escapes `s` for element content and attribute values alike, dropping
/// control characters XML 1.0 forbids.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `text` as XML character data. Characters XML cannot hold at all (most control characters)
/// are left out rather than making a document Word refuses to open.
pub fn text_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
}
