//! The project's settings and look: chiso.toml (its `[report]` table in particular) and the
//! templates of `templates/`.

use super::words::{did_you_mean_in, in_lang};
use crate::diagnostics::problem::Problem;
use crate::lang::Lang;

/// The wording of a problem of the settings or templates.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    let did_you_mean = did_you_mean_in(lang);
    match problem {
        Problem::Template { message } => l(
            format!("mẫu giao diện không dùng được: {message}. Sửa tệp này theo thông báo, hoặc xoá tệp để dùng mẫu có sẵn của chiso."),
            format!("this template cannot be used: {message}. Fix the file as the message says, or delete it to use chiso's built-in one."),
        ),
        Problem::Config(e) => l(format!("chiso.toml bị lỗi: {e}"), format!("chiso.toml is broken: {e}")),
        Problem::ReportLevel { key, level, levels } => l(
            format!("`[report]` `{key}`: không có đơn vị nào thuộc cấp `{level}` trong data/units.csv. Các cấp có: {}.", levels.join(", ")),
            format!("`[report]` `{key}`: no unit in data/units.csv has the level `{level}`. The levels are: {}.", levels.join(", ")),
        ),
        Problem::ReportUnit { code, suggestion } => l(
            format!("`[report]` `signer_name`: không có đơn vị nào có mã `{code}` trong data/units.csv. Ghi mã đơn vị trong ngoặc kép, ví dụ `\"099\" = \"Nguyễn Văn A\"`.{}", did_you_mean(suggestion)),
            format!("`[report]` `signer_name`: no unit in data/units.csv has the code `{code}`. Write the unit's code in quotes, e.g. `\"099\" = \"Nguyễn Văn A\"`.{}", did_you_mean(suggestion)),
        ),
        Problem::ReportPlaceholder { key, placeholder } => l(
            format!("`[report]` `{key}`: không có chỗ điền `{{{placeholder}}}`. Dùng `{{unit}}` (tên đơn vị), `{{name}}` (tên không kèm cấp: \"Tuần Giáo\") hoặc `{{parent}}` (tên đơn vị cấp trên)."),
            format!("`[report]` `{key}`: there is no placeholder `{{{placeholder}}}`. Use `{{unit}}` (the unit's name), `{{name}}` (its name without the kind of unit: \"Tuần Giáo\") or `{{parent}}` (the name of the unit above)."),
        ),
        _ => unreachable!("not a problem of the settings or templates: `Problem::describe` sends it elsewhere"),
    }
}
