//! The catalogue of indicators, `data/indicators.csv`: codes, decimals, and how a derived
//! indicator is computed from others.

use super::words::{did_you_mean_in, in_lang};
use crate::diagnostics::problem::Problem;
use crate::lang::Lang;
use crate::text::slugify;

/// The wording of a problem of the catalogue of indicators.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    let did_you_mean = did_you_mean_in(lang);
    match problem {
        Problem::InvalidIndicatorCode(s) => l(
            format!("mã chỉ tiêu `{s}` không hợp lệ. Chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới, ví dụ `{}`.", slugify(s).replace('-', "_")),
            format!("the indicator code `{s}` is not valid. Use lower-case letters, digits and underscores only, e.g. `{}`.", slugify(s).replace('-', "_")),
        ),
        Problem::InvalidDecimals(v) => l(
            format!("`{v}` không phải số chữ số thập phân. Ghi một số nguyên từ 0 đến 6."),
            format!("`{v}` is not a number of decimal places. Write a whole number from 0 to 6."),
        ),
        Problem::DerivationIncomplete => l(
            "chỉ tiêu tính toán cần đủ ba cột `numerator`, `denominator` và `scale` (hoặc để trống cả ba).".into(),
            "a derived indicator needs all three of `numerator`, `denominator` and `scale` (or none of them).".into(),
        ),
        Problem::UnknownPart { code, suggestion } => l(
            format!("không có chỉ tiêu `{code}` trong danh mục để làm thành phần tính toán.{}", did_you_mean(suggestion)),
            format!("there is no indicator `{code}` in the catalogue to derive from.{}", did_you_mean(suggestion)),
        ),
        Problem::DerivationCycle(code) => l(
            format!("chỉ tiêu `{code}` được tính từ chính nó (trực tiếp hoặc gián tiếp)."),
            format!("the indicator `{code}` is derived from itself (directly or through others)."),
        ),
        Problem::InvalidScale(v) => l(
            format!("hệ số `{v}` không phải là số, ví dụ ghi `100`."),
            format!("the scale `{v}` is not a number; write e.g. `100`."),
        ),
        Problem::UnknownIndicator { code, suggestion } => l(
            format!("không có chỉ tiêu `{code}` trong data/indicators.csv.{}", did_you_mean(suggestion)),
            format!("there is no indicator `{code}` in data/indicators.csv.{}", did_you_mean(suggestion)),
        ),
        _ => unreachable!("not a problem of the catalogue of indicators: `Problem::describe` sends it elsewhere"),
    }
}
