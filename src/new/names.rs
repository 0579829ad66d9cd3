//! The names of the official lists, as `chiso new` reads and writes them: a name's kind
//! (`Huyện`, `Thành phố`) apart from the name, its English form, its folded key for finding
//! it however it is typed, and the code nearest a mistyped one.

use crate::text::fold_diacritics;

/// Folded, lower-case words without the kind: `Tỉnh Điện Biên`, `dien-bien` → `dien bien`.
pub(super) fn name_key(s: &str) -> String {
    let folded = fold_diacritics(s).to_lowercase();
    let words: String = folded
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let words = words.split_whitespace().collect::<Vec<_>>().join(" ");
    for prefix in ["tinh ", "thanh pho ", "tp "] {
        if let Some(rest) = words.strip_prefix(prefix) {
            return rest.to_string();
        }
    }
    words
}

pub(super) const KINDS: [&str; 4] = ["Huyện", "Quận", "Thị xã", "Thành phố"];

/// `Thành Phố Bắc Kạn` → (`Thành phố`, `Bắc Kạn`): the kind as officially written, and the
/// name without it.
pub(super) fn split_kind<'a>(name: &'a str, kind_hint: &str) -> (Option<String>, &'a str) {
    for kind in std::iter::once(kind_hint).chain(KINDS).chain(["Tỉnh"]) {
        let n = kind.chars().count();
        let Some((at, _)) = name.char_indices().nth(n) else {
            continue;
        };
        let (head, rest) = name.split_at(at);
        if head.to_lowercase() == kind.to_lowercase() && rest.starts_with(' ') {
            let canonical = KINDS
                .iter()
                .chain(&["Tỉnh"])
                .find(|k| k.to_lowercase() == kind.to_lowercase())
                .map_or(kind, |k| *k);
            return (Some(canonical.to_string()), rest.trim());
        }
    }
    (None, name.trim())
}

pub(super) fn is_number(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_digit())
}

/// `Tuần Giáo District`, `Điện Biên Phủ City`, `Mường Lay Town`, `Ba Đình Urban District`,
/// `District 1`.
pub(super) fn english_name(kind: Option<&str>, bare: &str) -> String {
    match kind {
        Some("Huyện") => format!("{bare} District"),
        Some("Quận") if is_number(bare) => format!("District {bare}"),
        Some("Quận") => format!("{bare} Urban District"),
        Some("Thị xã") => format!("{bare} Town"),
        Some("Thành phố") => format!("{bare} City"),
        Some("Tỉnh") => format!("{bare} Province"),
        _ => bare.to_string(),
    }
}

/// The item whose numeric code is nearest to `query`, within 2: province codes skip numbers,
/// so the nearest one is the likeliest slip (`12` for `11`).
pub(super) fn nearest_code<'a, P>(
    items: &'a [P],
    code: impl Fn(&P) -> &str,
    query: &str,
) -> Option<&'a P> {
    let wanted: i64 = query.parse().unwrap_or(i64::MAX);
    items
        .iter()
        .filter_map(|p| code(p).parse::<i64>().ok().map(|c| ((c - wanted).abs(), p)))
        .min_by_key(|(d, p)| (*d, code(p).to_string()))
        .filter(|(d, _)| *d <= 2)
        .map(|(_, p)| p)
}
