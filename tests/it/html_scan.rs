//! A small HTML scanner shared by the hostile-input and property tests: it finds what could run
//! in a reader's browser (scripts, event handlers, `javascript:`/`data:` links, frames, styles)
//! by reading tags and their decoded attributes, so that escaped text such as `&lt;script&gt;`,
//! which a reader sees as harmless letters, is told apart from markup that runs.

#[derive(Debug)]
pub struct Tag {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    /// The tag's source text.
    pub text: String,
}

/// Start tags of `html`, skipping comments, doctypes, end tags and the raw text of `script` and
/// `style` elements. Attribute values are decoded.
pub fn tags(html: &str) -> Vec<Tag> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        let start = i + off;
        i = start + 1;
        let rest = &html[start..];
        if rest.starts_with("<!--") {
            i = start + rest.find("-->").map_or(rest.len(), |e| e + 3);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("</") || rest.starts_with("<?") {
            i = start + rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        if !b.get(start + 1).is_some_and(|c| c.is_ascii_alphabetic()) {
            continue; // a `<` in text: not a tag for a browser either
        }
        let mut j = start + 1;
        while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' && b[j] != b'/' {
            j += 1;
        }
        let name = html[start + 1..j].to_ascii_lowercase();
        let mut attrs = Vec::new();
        loop {
            while j < b.len() && (b[j].is_ascii_whitespace() || b[j] == b'/') {
                j += 1;
            }
            if j >= b.len() || b[j] == b'>' {
                break;
            }
            let a = j;
            while j < b.len()
                && !b[j].is_ascii_whitespace()
                && b[j] != b'='
                && b[j] != b'>'
                && b[j] != b'/'
            {
                j += 1;
            }
            let attr = html[a..j].to_ascii_lowercase();
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            let mut value = String::new();
            if j < b.len() && b[j] == b'=' {
                j += 1;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let q = b[j];
                    let v = j + 1;
                    j = v;
                    while j < b.len() && b[j] != q {
                        j += 1;
                    }
                    value = html[v..j.min(b.len())].to_string();
                    j += 1;
                } else {
                    let v = j;
                    while j < b.len() && !b[j].is_ascii_whitespace() && b[j] != b'>' {
                        j += 1;
                    }
                    value = html[v..j].to_string();
                }
            }
            attrs.push((attr, decode_entities(&value)));
        }
        let end = (j + 1).min(b.len());
        out.push(Tag {
            name: name.clone(),
            attrs,
            text: html[start..end].to_string(),
        });
        i = end;
        if name == "script" || name == "style" {
            let close = format!("</{name}");
            i += html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .unwrap_or(html.len() - i);
        }
    }
    out
}

pub fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest.find(';').filter(|&e| e < 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
            } else if let Some(dec) = name.strip_prefix('#') {
                dec.parse().ok().and_then(char::from_u32)
            } else {
                match name {
                    "amp" => Some('&'),
                    "lt" => Some('<'),
                    "gt" => Some('>'),
                    "quot" => Some('"'),
                    "apos" => Some('\''),
                    "colon" => Some(':'),
                    "Tab" => Some('\t'),
                    "NewLine" => Some('\n'),
                    "nbsp" => Some('\u{a0}'),
                    _ => None,
                }
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The scheme of a URL as a browser reads it (WHATWG URL): leading and trailing spaces and
/// control characters dropped, tabs and line breaks removed anywhere, then
/// `[a-z][a-z0-9+.-]*:`; empty for a relative URL.
pub fn scheme_of(url: &str) -> String {
    let trimmed = url.trim_matches(|c: char| c <= ' ');
    let squeezed: String = trimmed
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let lower = squeezed.to_ascii_lowercase();
    let Some((scheme, _)) = lower.split_once(':') else {
        return String::new();
    };
    let mut chars = scheme.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if valid {
        scheme.to_string()
    } else {
        String::new()
    }
}

pub const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "srcset",
    "ping",
    "manifest",
    "codebase",
    "lowsrc",
];
pub const FORBIDDEN_TAGS: &[&str] = &[
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "style",
    "base",
    "foreignobject",
    "math",
    "set",
    "animate",
    "animatetransform",
    "animatemotion",
    "handler",
    "listener",
    "portal",
    "template",
    "xmp",
    "noembed",
    "plaintext",
];
pub const LINK_RELS: &[&str] = &["stylesheet", "icon", "alternate", "canonical"];

/// Whether `tag` is exactly the site's own search script: `<script src="…assets/search.js" defer>`.
pub fn is_site_script(tag: &Tag) -> bool {
    let src = tag
        .attrs
        .iter()
        .find(|(n, _)| n == "src")
        .map(|(_, v)| v.as_str());
    let names: Vec<&str> = tag.attrs.iter().map(|(n, _)| n.as_str()).collect();
    let relative_search = src.is_some_and(|s| {
        let mut s = s;
        while let Some(r) = s.strip_prefix("../") {
            s = r;
        }
        s == "assets/search.js"
    });
    relative_search && names == ["src", "defer"]
}

/// Everything that could run or hide content in one HTML page. Strict: even a `<script` in a
/// comment counts, since the site writes none.
pub fn html_problems(html: &str) -> Vec<String> {
    let mut problems = Vec::new();
    let lower = html.to_ascii_lowercase();
    // Every `<script` must be the site's own, written exactly so, with nothing inside.
    let mut from = 0;
    while let Some(p) = lower[from..].find("<script") {
        let at = from + p;
        let rest = &html[at..];
        let mut ok = false;
        if let Some(rel) = rest.strip_prefix("<script src=\"") {
            let mut r = rel;
            while let Some(x) = r.strip_prefix("../") {
                r = x;
            }
            ok = r.starts_with("assets/search.js\" defer></script>");
        }
        if !ok {
            problems.push(format!(
                "a script other than the site's own: {}",
                &rest[..rest.len().min(80)]
            ));
        }
        from = at + 7;
    }
    for tag in tags(html) {
        let n = tag.name.as_str();
        if n == "script" && !is_site_script(&tag) {
            problems.push(format!("script tag: {}", tag.text));
        }
        if FORBIDDEN_TAGS.contains(&n) {
            problems.push(format!("<{n}>: {}", tag.text));
        }
        if n == "meta" {
            let equiv = tag
                .attrs
                .iter()
                .find(|(a, _)| a == "http-equiv")
                .map(|(_, v)| v.to_ascii_lowercase());
            if equiv.is_some_and(|e| e != "content-security-policy") {
                problems.push(format!("meta http-equiv: {}", tag.text));
            }
        }
        if n == "link" {
            let rel = tag
                .attrs
                .iter()
                .find(|(a, _)| a == "rel")
                .map(|(_, v)| v.to_ascii_lowercase())
                .unwrap_or_default();
            if !LINK_RELS.contains(&rel.as_str()) {
                problems.push(format!("link rel={rel}: {}", tag.text));
            }
        }
        for (a, v) in &tag.attrs {
            if a.starts_with("on") {
                problems.push(format!("event handler `{a}`: {}", tag.text));
            }
            if a == "style" || a == "srcdoc" {
                problems.push(format!("`{a}` attribute: {}", tag.text));
            }
            if URL_ATTRS.contains(&a.as_str()) {
                // `srcset` lists candidates `url width, url width`; the others hold one URL.
                let urls: Vec<&str> = if a == "srcset" {
                    v.split(',')
                        .map(|c| c.split_whitespace().next().unwrap_or(""))
                        .collect()
                } else {
                    vec![v.as_str()]
                };
                for url in urls {
                    let scheme = scheme_of(url);
                    if ["javascript", "vbscript", "data", "livescript", "mocha"]
                        .contains(&scheme.as_str())
                    {
                        problems.push(format!("`{a}` with a {scheme}: address: {}", tag.text));
                    }
                }
            }
        }
    }
    problems
}

pub const CSP: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// The page's Content-Security-Policy must be in its head and forbid inline and foreign scripts.
pub fn csp_problems(html: &str) -> Vec<String> {
    let Some(at) = html.find(CSP) else {
        return vec!["no Content-Security-Policy meta".into()];
    };
    let mut problems = Vec::new();
    let head_end = html.find("</head>").unwrap_or(0);
    if at > head_end {
        problems.push("the Content-Security-Policy meta is not in <head>".into());
    }
    let policy = &html[at + CSP.len()..];
    let policy = &policy[..policy.find('"').unwrap_or(0)];
    for needed in ["script-src 'self'", "object-src 'none'", "base-uri 'none'"] {
        if !policy.contains(needed) {
            problems.push(format!("the policy lacks {needed}: {policy}"));
        }
    }
    for bad in [
        "unsafe-inline",
        "unsafe-eval",
        "*",
        "data: ;",
        "script-src 'self' data:",
    ] {
        if policy.contains(bad) {
            problems.push(format!("the policy allows {bad}: {policy}"));
        }
    }
    problems
}
