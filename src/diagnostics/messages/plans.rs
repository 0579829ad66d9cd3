//! Plans and their targets: the `[[plans]]` of chiso.toml, and target rows that fit no plan
//! or plans that end without the figures to judge them.

use super::words::in_lang;
use crate::diagnostics::problem::Problem;
use crate::lang::Lang;

/// The wording of a problem of the plans.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    match problem {
        Problem::PlanId(id) => l(
            format!("mã kế hoạch `{id}` không hợp lệ. Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `id = \"2021-2025\"`."),
            format!("the plan id `{id}` is not valid. Use lower-case letters without accents, digits and hyphens only, e.g. `id = \"2021-2025\"`."),
        ),
        Problem::PlanIdTwice(id) => l(
            format!("mã kế hoạch `{id}` đã dùng cho một kế hoạch ở trên. Mỗi `[[plans]]` cần một `id` riêng."),
            format!("the plan id `{id}` is already used by a plan above. Each `[[plans]]` needs its own `id`."),
        ),
        Problem::PlanYears { id, from, until } => l(
            format!("kế hoạch `{id}` có `from = {from}`, `until = {until}`: năm đầu phải không sau năm cuối (ví dụ `from = 2021`, `until = 2025`)."),
            format!("the plan `{id}` has `from = {from}`, `until = {until}`: its first year must not be after its final year (e.g. `from = 2021`, `until = 2025`)."),
        ),
        Problem::PlansOverlap { id, other, years } => l(
            format!("kế hoạch `{id}` trùng năm với kế hoạch `{other}` ({years}). Mỗi năm chỉ thuộc một kế hoạch: sửa `from` hoặc `until`."),
            format!("the plan `{id}` shares years with the plan `{other}` ({years}). Each year belongs to one plan only: fix `from` or `until`."),
        ),
        Problem::TargetOutsidePlans { year, plans, declared } => {
            let list = plans.join(", ");
            if *declared {
                l(
                    format!("chỉ tiêu kế hoạch năm {year} không thuộc kế hoạch nào trong chiso.toml (các kế hoạch: {list}). Sửa năm, hoặc thêm một `[[plans]]` có năm {year} vào chiso.toml."),
                    format!("the target for {year} belongs to no plan of chiso.toml (the plans: {list}). Fix the year, or add a `[[plans]]` that holds {year} to chiso.toml."),
                )
            } else {
                l(
                    format!("chỉ tiêu kế hoạch năm {year} nằm ngoài kế hoạch {list} (`target_year` trong chiso.toml là năm cuối của kế hoạch). Sửa năm, hoặc khai báo các kế hoạch bằng `[[plans]]` trong chiso.toml."),
                    format!("the target for {year} lies outside the plan {list} (`target_year` in chiso.toml is the plan's final year). Fix the year, or declare the plans with `[[plans]]` in chiso.toml."),
                )
            }
        }
        Problem::PlanWithoutTargets { plan, years } => l(
            format!("kế hoạch `{plan}` ({years}) chưa có chỉ tiêu nào: không đơn vị nào có dòng `target` của các năm {years}. Nhập chỉ tiêu của kế hoạch vào các tệp `data/values/`."),
            format!("the plan `{plan}` ({years}) has no target: no unit has a `target` row for the years {years}. Enter the plan's targets in the files of `data/values/`."),
        ),
        Problem::PlanEndedWithoutFigure { plan, indicator, year } => l(
            format!("kế hoạch `{plan}` đã hết năm {year} nhưng chưa có số liệu thực hiện (`actual`) cả năm {year} của chỉ tiêu `{indicator}`, nên chưa biết kết quả cuối cùng. Nhập dòng `{indicator},{year},actual,…`."),
            format!("the plan `{plan}` ended with {year}, but there is no whole-year `actual` figure for {year} of `{indicator}`, so its final result is not known. Enter the row `{indicator},{year},actual,…`."),
        ),
        _ => unreachable!("not a problem of the plans: `Problem::describe` sends it elsewhere"),
    }
}
