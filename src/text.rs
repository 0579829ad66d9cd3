//! Names as people type them: without accents, misspelt, or to be turned into a web address.
//!
//! A leaf: the loader, the messages and the pages all use these, and they use nothing of chiso's.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Vietnamese without accents, `đ` as `d`: what people type in a search box or a file name.
pub fn fold_diacritics(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            'đ' => 'd',
            'Đ' => 'D',
            c => c,
        })
        .collect()
}

/// A lower-case ASCII form of a name, to suggest as a slug: "Tuần Giáo" → "tuan-giao".
pub fn slugify(s: &str) -> String {
    let folded = fold_diacritics(s);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

/// The closest candidate to a misspelt name, if it is close enough to be what was meant.
pub fn suggest<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let wrong_folded = fold_diacritics(wrong).to_lowercase();
    let mut best: Option<(f64, &str)> = None;
    for c in candidates {
        let score = strsim::normalized_damerau_levenshtein(&wrong_folded, &c.to_lowercase());
        // Ties go to the alphabetically first name, so a suggestion never depends on the order
        // candidates come in.
        if best.is_none_or(|(s, b)| score > s || (score == s && c < b)) {
            best = Some((score, c));
        }
    }
    best.filter(|(s, _)| *s >= 0.6).map(|(_, c)| c.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_and_d() {
        assert_eq!(fold_diacritics("Điện Biên Đông"), "Dien Bien Dong");
        assert_eq!(fold_diacritics("thuê bao"), "thue bao");
    }

    #[test]
    fn suggests_close_names_only() {
        let codes = ["mobile_subscribers", "population", "bts_sites"];
        assert_eq!(
            suggest("mobile_subscriber", codes).as_deref(),
            Some("mobile_subscribers")
        );
        assert_eq!(
            suggest("Tuần-Giáo", ["tuan-giao", "nam-po"]).as_deref(),
            Some("tuan-giao")
        );
        assert_eq!(suggest("revenue_total_xyz", codes), None);
    }

    #[test]
    fn slugify_folds_vietnamese() {
        assert_eq!(slugify("Huyện Điện Biên Đông"), "huyen-dien-bien-dong");
        assert_eq!(slugify("Tuan_Giao!"), "tuan-giao");
    }
}
