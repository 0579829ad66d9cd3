//! Narratives: the front matter, and the shortcodes `{{ … }}` that quote a figure or draw a
//! chart: how each is written (`ShortcodeProblem`), and a figure or chart with nothing to show.

use super::words::{did_you_mean_in, in_lang, quote_list};
use crate::diagnostics::problem::{Problem, ShortcodeProblem};
use crate::lang::Lang;

/// The wording of a problem of a narrative.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    match problem {
        Problem::Shortcode(e) => l(format!("hàm trích số liệu bị lỗi: {}", e.describe(lang)), format!("broken shortcode: {}", e.describe(lang))),
        Problem::NoFigure { indicator, period, kind, unit } => l(
            format!("không có số liệu `{indicator}`{}, loại `{kind}`, của đơn vị `{unit}` để trích dẫn. Kiểm tra chỉ tiêu, kỳ và đơn vị.", period.as_ref().map(|p| format!(" kỳ {p}")).unwrap_or_default()),
            format!("there is no figure of `{indicator}`{}, kind `{kind}`, for the unit `{unit}` to quote. Check the indicator, period and unit.", period.as_ref().map(|p| format!(" for {p}")).unwrap_or_default()),
        ),
        Problem::ChartNoData { chart, unit, indicators, from_config, subunits } => {
            let codes = quote_list(&indicators.iter().map(String::as_str).collect::<Vec<_>>());
            let (at_vi, at_en) = if *subunits {
                (format!("đơn vị `{unit}` và các đơn vị trực thuộc"), format!("`{unit}` or any of its subunits"))
            } else {
                (format!("đơn vị `{unit}`"), format!("`{unit}`"))
            };
            match (from_config, indicators.is_empty()) {
                (true, true) => l(
                    format!("biểu đồ `{chart}` không có gì để vẽ: `[charts] {chart}` trong chiso.toml không ghi chỉ tiêu nào. Ghi các chỉ tiêu cần vẽ, hoặc bỏ biểu đồ khỏi bài."),
                    format!("the chart `{chart}` has nothing to draw: `[charts] {chart}` in chiso.toml lists no indicator. List the indicators to draw, or take the chart out of the narrative."),
                ),
                (true, false) => l(
                    format!("biểu đồ `{chart}` không có gì để vẽ: chưa có số thực hiện (`actual`) nào của các chỉ tiêu ghi ở `[charts] {chart}` trong chiso.toml ({codes}) cho {at_vi}. Nhập số liệu, hoặc bỏ biểu đồ khỏi bài."),
                    format!("the chart `{chart}` has nothing to draw: there is no `actual` figure of the indicators under `[charts] {chart}` in chiso.toml ({codes}) for {at_en}. Enter the figures, or take the chart out of the narrative."),
                ),
                (false, _) => l(
                    format!("biểu đồ `{chart}` không có gì để vẽ: chưa có số thực hiện (`actual`) nào của {codes} cho {at_vi}. Nhập số liệu, hoặc bỏ biểu đồ khỏi bài."),
                    format!("the chart `{chart}` has nothing to draw: there is no `actual` figure of {codes} for {at_en}. Enter the figures, or take the chart out of the narrative."),
                ),
            }
        }
        Problem::SameNarrative { other } => l(
            format!("đơn vị này đã có phần thuyết minh trong `{other}`. Gộp hai tệp thành một."),
            format!("this unit already has a narrative in `{other}`. Merge the two files into one."),
        ),
        Problem::NoFigureYearBefore { indicator, period, unit } => l(
            format!("không có số liệu cùng kỳ năm trước (`{indicator}` kỳ {period}, loại `actual`, của đơn vị `{unit}`) để so sánh. Nhập số liệu năm trước hoặc dùng `value` thay cho `change`."),
            format!("there is no figure for the same period a year before (`{indicator}` for {period}, kind `actual`, for the unit `{unit}`) to compare with. Enter last year's figure, or use `value` instead of `change`."),
        ),
        Problem::FrontMatterUnclosed => l(
            "phần đầu trang thiếu dòng `+++` đóng. Thêm một dòng chỉ có `+++` sau phần đầu trang, trước nội dung bài viết.".into(),
            "the front matter's closing `+++` line is missing. Add a line holding only `+++` after the front matter, before the text.".into(),
        ),
        Problem::FrontMatter(e) => l(
            format!("phần đầu trang (giữa hai dòng `+++`) bị lỗi: {e}"),
            format!("the front matter (between the `+++` lines) is broken: {e}"),
        ),
        _ => unreachable!("not a problem of a narrative: `Problem::describe` sends it elsewhere"),
    }
}

impl ShortcodeProblem {
    /// What is wrong with the shortcode, after "broken shortcode: ".
    pub fn describe(&self, lang: Lang) -> String {
        let l = in_lang(lang);
        let did_you_mean = did_you_mean_in(lang);
        match self {
            ShortcodeProblem::Unclosed => l(
                "`{{` không có `}}` đóng. Hai dấu ngoặc nhọn `{{` luôn mở một hàm: đóng hàm bằng `}}`.".into(),
                "`{{` is never closed with `}}`. Two braces `{{` always open a shortcode: close it with `}}`.".into(),
            ),
            ShortcodeProblem::NoParenthesis { text } => l(
                format!("`{text}`: viết dạng `value(indicator=\"…\", period=\"…\")`."),
                format!("`{text}`: write it as `value(indicator=\"…\", period=\"…\")`."),
            ),
            ShortcodeProblem::NoClosingParenthesis { text } => l(
                format!("`{text}`: thiếu dấu `)` ở cuối."),
                format!("`{text}`: the `)` at the end is missing."),
            ),
            ShortcodeProblem::NoEquals { text } => l(
                format!("`{text}`: viết mỗi tham số dạng `tên=\"giá trị\"`, ví dụ `period=\"2024\"`."),
                format!("`{text}`: write each argument as `name=\"value\"`, e.g. `period=\"2024\"`."),
            ),
            ShortcodeProblem::Unquoted { text } => l(
                format!("`{text}`: đặt giá trị trong ngoặc kép, ví dụ `period=\"2024\"`."),
                format!("`{text}`: put the value in quotes, e.g. `period=\"2024\"`."),
            ),
            ShortcodeProblem::UnclosedQuote { text } => l(
                format!("`{text}`: thiếu ngoặc kép đóng."),
                format!("`{text}`: the quote is never closed."),
            ),
            ShortcodeProblem::UnknownName { name, known, suggestion } => l(
                format!("`{name}` không phải hàm được hỗ trợ. Các hàm là: {}.{}", quote_list(known), did_you_mean(suggestion)),
                format!("`{name}` is not a known shortcode. The shortcodes are: {}.{}", quote_list(known), did_you_mean(suggestion)),
            ),
            ShortcodeProblem::UnknownArgument { shortcode, argument, allowed, suggestion } => l(
                format!("`{shortcode}` không nhận tham số `{argument}`. Các tham số của hàm này là: {}.{}", quote_list(allowed), did_you_mean(suggestion)),
                format!("`{shortcode}` takes no `{argument}`. Its arguments are: {}.{}", quote_list(allowed), did_you_mean(suggestion)),
            ),
            ShortcodeProblem::MissingArgument { shortcode, argument, choices } => {
                let (vi, en) = if choices.is_empty() {
                    (String::new(), String::new())
                } else {
                    (format!(", một trong: {}", quote_list(choices)), format!(", one of: {}", quote_list(choices)))
                };
                l(
                    format!("`{shortcode}` cần tham số `{argument}=\"…\"`{vi}."),
                    format!("`{shortcode}` needs `{argument}=\"…\"`{en}."),
                )
            }
            ShortcodeProblem::UnknownChartKind { value, known, suggestion } => l(
                format!("không có loại biểu đồ `{value}`. Các loại là: {}.{}", quote_list(known), did_you_mean(suggestion)),
                format!("there is no chart of kind `{value}`. The kinds are: {}.{}", quote_list(known), did_you_mean(suggestion)),
            ),
            ShortcodeProblem::UnknownPlan { value, known, suggestion } => {
                let list = known.iter().map(|(id, years)| format!("`{id}` ({years})")).collect::<Vec<_>>().join(", ");
                if known.is_empty() {
                    l(
                        format!("không có kế hoạch `{value}`: dự án chưa có kế hoạch nào (chưa có chỉ tiêu kế hoạch). Bỏ tham số `plan`."),
                        format!("there is no plan `{value}`: the project has no plan (no targets). Leave out `plan`."),
                    )
                } else {
                    l(
                        format!("không có kế hoạch `{value}` trong chiso.toml. Các kế hoạch là: {list}. Bỏ tham số `plan` để dùng kế hoạch hiện tại.{}", did_you_mean(suggestion)),
                        format!("there is no plan `{value}` in chiso.toml. The plans are: {list}. Leave out `plan` for the current plan.{}", did_you_mean(suggestion)),
                    )
                }
            }
        }
    }
}
