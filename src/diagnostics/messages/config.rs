//! The project's settings and look: chiso.toml (its `[report]` table in particular) and the
//! templates of `templates/`.

use super::words::{did_you_mean_in, in_lang, quote_list};
use crate::diagnostics::problem::{Problem, TemplateMessage};
use crate::lang::Lang;

/// The wording of a problem of the settings or templates.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    let did_you_mean = did_you_mean_in(lang);
    match problem {
        Problem::Template { message } => template(message, lang),
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

/// What is wrong with a template: Tera's account, or which limit it passes and what to change.
fn template(message: &TemplateMessage, lang: Lang) -> String {
    let l = in_lang(lang);
    match message {
        TemplateMessage::Tera(message) => l(
            format!("mẫu giao diện không dùng được: {message}. Sửa tệp này theo thông báo, hoặc xoá tệp để dùng mẫu có sẵn của chiso."),
            format!("this template cannot be used: {message}. Fix the file as the message says, or delete it to use chiso's built-in one."),
        ),
        TemplateMessage::Environment => l(
            "mẫu giao diện này gọi `get_env`, nhưng mẫu giao diện không được đọc biến môi trường của máy dựng trang (chúng có thể chứa mật khẩu). Bỏ `get_env` khỏi tệp; chữ cần hiện thì ghi thẳng vào mẫu hoặc vào templates/i18n.toml.".into(),
            "this template calls `get_env`, but templates cannot read the environment of the computer that builds the site (it may hold passwords). Remove `get_env` from the file; write the text you need into the template itself or into templates/i18n.toml.".into(),
        ),
        TemplateMessage::Steps { limit } => l(
            format!("các vòng lặp `range` của mẫu giao diện này cần hơn {limit} bước cho một trang. Dùng khoảng nhỏ hơn (ví dụ `range(end=100)`), hoặc lặp trên danh sách trang đã có."),
            format!("this template's `range` loops would take more than {limit} steps for one page. Use a smaller range (e.g. `range(end=100)`), or loop over a list the page already has."),
        ),
        TemplateMessage::MacroCircle { chain } => l(
            format!("macro gọi lại chính nó ({}), nên trang sẽ không bao giờ làm xong. Sửa để không macro nào gọi lại chính nó, trực tiếp hay qua macro khác.", chain.join(" → ")),
            format!("a macro calls itself ({}), so the page would never be finished. Change the macros so that none calls itself, directly or through another.", chain.join(" → ")),
        ),
        TemplateMessage::IncludeUnknown { names } => {
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            l(
                format!("mẫu giao diện này include {}, nhưng đó không phải một mẫu của chiso: mẫu giao diện chỉ include được các mẫu trong templates/ (như `macros.html`), không đọc được tệp nào khác. Bỏ `include` đó, hoặc chép phần cần dùng vào một mẫu.", quote_list(&names)),
                format!("this template includes {}, which is not one of chiso's templates: a template can include only the templates of templates/ (such as `macros.html`), never another file. Remove that `include`, or copy what you need into a template.", quote_list(&names)),
            )
        }
        TemplateMessage::IncludeCircle { chain } => l(
            format!("mẫu giao diện include lại chính nó ({}), nên trang sẽ không bao giờ làm xong. Bỏ `include` tạo thành vòng.", chain.join(" → ")),
            format!("a template includes itself ({}), so the page would never be finished. Remove the `include` that closes the circle.", chain.join(" → ")),
        ),
        TemplateMessage::Grows { variable } => l(
            format!("mẫu giao diện này nối thêm vào `{variable}` chính nó bằng `set_global` trong một vòng lặp, nên `{variable}` có thể lớn gấp đôi sau mỗi bước. Dùng `set` (mỗi bước một giá trị mới) hoặc in thẳng từng phần trong vòng lặp."),
            format!("this template joins `{variable}` to itself with `set_global` inside a loop, so `{variable}` could double at every step. Use `set` (a new value at each step) or write each part out inside the loop."),
        ),
        TemplateMessage::Output { limit_mib } => l(
            format!("một trang làm từ mẫu giao diện này sẽ lớn hơn {limit_mib} MiB. Xem lại các vòng lặp của mẫu: không trang nào cần lớn đến thế."),
            format!("a page made from this template would be larger than {limit_mib} MiB. Look at the template's loops: no page needs to be that large."),
        ),
    }
}
