//! The figures chiso computes: a parent's sums of the units below (that differ from an
//! entered one, or cannot be made because units lack figures or changed during the year) and
//! derived figures that differ from an entered one.

use super::words::in_lang;
use crate::diagnostics::problem::{ChildrenGap, Problem};
use crate::lang::Lang;

/// The wording of a problem of the computed figures.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    match problem {
        Problem::DerivedDiffers { entered, computed } => l(
            format!("số nhập {entered} khác số tính từ các thành phần ({computed}); số nhập được dùng."),
            format!("the entered figure {entered} differs from the one computed from its parts ({computed}); the entered figure is used."),
        ),
        Problem::SumDiffers { entered, computed, percent } => l(
            format!("số nhập {entered} khác tổng các đơn vị cấp dưới ({computed}) {percent} %; số nhập được dùng."),
            format!("the entered figure {entered} differs from the sum of the units below ({computed}) by {percent}%; the entered figure is used."),
        ),
        Problem::FlowAcrossChange { indicator, kind, year } => l(
            format!("không cộng được `{indicator}` cả năm {year}, loại `{kind}`, từ các đơn vị trực thuộc, vì các đơn vị này thay đổi trong năm (sắp xếp đơn vị hành chính): số 6 tháng đầu năm và số cả năm không cùng các đơn vị. Ghi số cả năm {year} cho chính đơn vị này, loại `actual` hoặc `estimate`."),
            format!("`{indicator}` for the whole of {year}, kind `{kind}`, cannot be summed from the units below, because they changed during the year (the administrative reorganisation): the first half's units and the year's are not the same. Enter the whole-year {year} figure for this unit itself, as `actual` or `estimate`."),
        ),
        Problem::ChildrenMissing(gap) => {
            let ChildrenGap { parent, parent_file, period, kinds, indicators, having, missing } = &**gap;
            // Who has the figures: by name when they are few.
            let others = match having.len() {
                1..=3 => having.join(", "),
                0 => l(format!("các đơn vị khác của {parent}"), format!("the other units of {parent}")),
                n => l(format!("{n} đơn vị khác của {parent}"), format!("{n} other units of {parent}")),
            };
            let have = if having.len() == 1 { "has" } else { "have" };
            let what = codes(lang, indicators, "chỉ tiêu", "indicators");
            let kinds = kinds.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
            let shown = missing.len().min(6);
            // With one unit the message is in its file already.
            let one = missing.len() == 1;
            let mut units: Vec<String> = missing[..shown]
                .iter()
                .map(|m| {
                    let lacks = codes(lang, &m.indicators, "chỉ tiêu", "indicators");
                    match (one, m.indicators.is_empty()) {
                        (true, true) => m.name.clone(),
                        (true, false) => format!("{} ({lacks})", m.name),
                        (false, true) => format!("{} ({})", m.name, m.file),
                        (false, false) => format!("{} ({}: {lacks})", m.name, m.file),
                    }
                })
                .collect();
            if missing.len() > shown {
                units.push(l(format!("và {} đơn vị khác", missing.len() - shown), format!("and {} more units", missing.len() - shown)));
            }
            let units = units.join(", ");
            let all = missing.iter().all(|m| m.indicators.is_empty());
            match (all, one) {
                (true, true) => l(
                    format!("kỳ {period}, loại {kinds}: {units} chưa có số liệu {what} mà {others} đã có, nên chưa tính được tổng của {parent}. Thêm số liệu kỳ {period} vào tệp này, hoặc ghi số của chính {parent} vào {parent_file}."),
                    format!("{period}, kind {kinds}: {units} has no figure for {what} while {others} {have}, so {parent} has no total. Add the figures for {period} to this file, or enter {parent}'s own figures in {parent_file}."),
                ),
                (true, false) => l(
                    format!("kỳ {period}, loại {kinds}: các đơn vị sau chưa có số liệu {what} mà {others} đã có, nên chưa tính được tổng của {parent}: {units}. Thêm số liệu kỳ {period} vào tệp của các đơn vị này, hoặc ghi số của chính {parent} vào {parent_file}."),
                    format!("{period}, kind {kinds}: these units have no figure for {what} while {others} {have}, so {parent} has no total: {units}. Add the figures for {period} to their files, or enter {parent}'s own figures in {parent_file}."),
                ),
                (false, _) => l(
                    format!("kỳ {period}, loại {kinds}: chưa tính được tổng của {parent} cho {what}, vì thiếu số liệu mà {others} đã có: {units}. Thêm các số liệu này, hoặc ghi số của chính {parent} vào {parent_file}."),
                    format!("{period}, kind {kinds}: {parent} has no total for {what}, because figures that {others} {have} are missing: {units}. Add them, or enter {parent}'s own figures in {parent_file}."),
                ),
            }
        }
        _ => unreachable!("not a problem of the computed figures: `Problem::describe` sends it elsewhere"),
    }
}

/// Indicator codes in a line of their own: `a`, `b` and `c`, or with a count past three.
fn codes(lang: Lang, codes: &[String], vi: &str, en: &str) -> String {
    let quoted: Vec<String> = codes.iter().map(|c| format!("`{c}`")).collect();
    if quoted.len() <= 3 {
        return quoted.join(", ");
    }
    let first = quoted[..3].join(", ");
    match lang {
        Lang::Vi => format!("{} {vi} ({first}, …)", quoted.len()),
        Lang::En => format!("{} {en} ({first}, …)", quoted.len()),
    }
}
