//! The few words every family of problems shares: choosing the editor's language, "did you
//! mean", a list in quotes, and a period said in words.

use crate::lang::Lang;

/// `l(vi, en)`: of a sentence written in both languages, the one in `lang`.
pub(super) fn in_lang(lang: Lang) -> impl Fn(String, String) -> String + Copy {
    move |vi, en| if lang == Lang::Vi { vi } else { en }
}

/// `did_you_mean(&suggestion)`: " Did you mean `x`?" after a sentence, or nothing.
pub(super) fn did_you_mean_in(lang: Lang) -> impl Fn(&Option<String>) -> String {
    let l = in_lang(lang);
    move |s: &Option<String>| match s {
        Some(s) => l(
            format!(" Có phải ý bạn là `{s}`?"),
            format!(" Did you mean `{s}`?"),
        ),
        None => String::new(),
    }
}

/// `a`, `b`, `c`: names and codes as the editor writes them, in a list.
pub(super) fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `2025-H1` → "6 tháng đầu năm 2025", `2025` → "năm 2025".
pub(super) fn period_vi(p: &str) -> String {
    match p.strip_suffix("-H1") {
        Some(year) => format!("6 tháng đầu năm {year}"),
        None => format!("năm {p}"),
    }
}

/// `2025-H1` → "the first half of 2025", `2025` → "2025".
pub(super) fn period_en(p: &str) -> String {
    match p.strip_suffix("-H1") {
        Some(year) => format!("the first half of {year}"),
        None => p.to_string(),
    }
}
