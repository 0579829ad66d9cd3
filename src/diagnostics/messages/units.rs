//! The units of `data/units.csv`: their slugs and codes (against the official lists), the
//! unit above each one, and each unit's life (`from`, `until`, `formed_from`); and the files
//! and shortcodes that name a unit that is not there.

use super::words::{did_you_mean_in, in_lang, period_en, period_vi};
use crate::diagnostics::problem::Problem;
use crate::lang::Lang;
use crate::official::List;
use crate::text::slugify;

/// The wording of a problem of the units.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    let did_you_mean = did_you_mean_in(lang);
    match problem {
        Problem::InvalidSlug(s) => {
            // Only a name that has letters to keep gets an example.
            let example = slugify(s);
            let example = if example.is_empty() { "tuan-giao".to_string() } else { example };
            l(
                format!("`{s}` không dùng được làm tên đường dẫn. Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `{example}`."),
                format!("`{s}` cannot be used in a web address. Use lower-case letters without accents, digits and hyphens only, e.g. `{example}`."),
            )
        }
        Problem::ReservedSlug(s) => l(
            format!("`{s}` là tên thư mục trang web dành riêng cho chiso; đặt slug khác, ví dụ `huyen-{s}`."),
            format!("`{s}` is a folder name chiso keeps for the site itself; choose another slug, e.g. `district-{s}`."),
        ),
        Problem::InvalidCode(s) => l(
            format!("mã đơn vị `{s}` không hợp lệ. Ghi mã của cơ quan thống kê, chỉ gồm chữ số, ví dụ `11` hoặc `099`."),
            format!("the unit code `{s}` is not valid. Write the statistics office's code, digits only, e.g. `11` or `099`."),
        ),
        Problem::UnknownParent { code, suggestion } => l(
            format!("không có đơn vị nào mang mã `{code}` để làm đơn vị cấp trên.{}", did_you_mean(suggestion)),
            format!("no unit has the code `{code}` to be the parent.{}", did_you_mean(suggestion)),
        ),
        Problem::NoRoot => l(
            "không có đơn vị gốc. Để trống cột `parent` của đúng một đơn vị (tỉnh).".into(),
            "there is no root unit. Leave `parent` empty for exactly one unit (the province).".into(),
        ),
        Problem::SecondRoot { first } => l(
            format!("đơn vị `{first}` đã là đơn vị gốc (cột `parent` trống). Chỉ một đơn vị được để trống `parent`; ghi mã đơn vị cấp trên vào đây."),
            format!("`{first}` is already the root unit (empty `parent`). Only one unit may have an empty `parent`; write this unit's parent code here."),
        ),
        Problem::LifeReversed { from, until } => l(
            format!("đơn vị bắt đầu ({}) sau khi kết thúc ({}). Ghi `from` là kỳ đầu tiên, `until` là kỳ cuối cùng, ví dụ `until` = `2025-H1` cho huyện đã giải thể.", period_vi(from), period_vi(until)),
            format!("the unit begins ({}) after it ends ({}). Write its first period in `from` and its last in `until`, e.g. `until` = `2025-H1` for a district that was abolished.", period_en(from), period_en(until)),
        ),
        Problem::RootLife => l(
            "đơn vị gốc (tỉnh) tồn tại ở mọi kỳ: để trống `from` và `until` của đơn vị này.".into(),
            "the root unit (the province) exists at every period: leave its `from` and `until` empty.".into(),
        ),
        Problem::OutlivesParent { parent, from, until } => l(
            format!("đơn vị này tồn tại ngoài thời gian của đơn vị cấp trên {parent} ({}). Sửa `from`/`until` cho nằm trong khoảng đó, hoặc sửa cột `parent`.", life_vi(from.as_deref(), until.as_deref())),
            format!("this unit exists outside the life of its parent {parent} ({}). Change `from`/`until` to lie within it, or correct `parent`.", life_en(from.as_deref(), until.as_deref())),
        ),
        Problem::UnknownFormedFrom { code, suggestion } => l(
            format!("không có đơn vị nào mang mã `{code}` trong tệp này để ghi vào `formed_from`. Ghi mã của các đơn vị cũ, cách nhau bằng dấu cách, ví dụ `099 102`.{}", did_you_mean(suggestion)),
            format!("no unit has the code `{code}` to be named in `formed_from`. Write the codes of the former units, separated by spaces, e.g. `099 102`.{}", did_you_mean(suggestion)),
        ),
        Problem::FormedFromItself { code } => l(
            format!("`formed_from` ghi chính mã của đơn vị này (`{code}`). Ghi mã của các đơn vị cũ mà đơn vị này được thành lập trên cơ sở."),
            format!("`formed_from` names this unit itself (`{code}`). Write the codes of the former units whose land it took over."),
        ),
        Problem::FormedFromInForce { code, name, until, from } => l(
            format!("đơn vị `{code}` ({name}) vẫn còn tồn tại khi đơn vị này bắt đầu ({}), nên số liệu sẽ bị tính hai lần. Ghi `until` của `{code}` là kỳ trước khi đơn vị này bắt đầu{}, hoặc bỏ `{code}` khỏi `formed_from`.", from.as_deref().map_or("ngay từ đầu".into(), period_vi), until.as_deref().map_or(String::new(), |u| format!(" (hiện ghi {})", period_vi(u)))),
            format!("the unit `{code}` ({name}) still exists when this unit begins ({}), so figures would be counted twice. Set `until` of `{code}` to the period before this unit begins{}, or take `{code}` out of `formed_from`.", from.as_deref().map_or("from the start".into(), period_en), until.as_deref().map_or(String::new(), |u| format!(" (it is now {})", period_en(u)))),
        ),
        Problem::OutsideLife { unit, period, from, until } => l(
            format!("{unit} {}, nên không có số liệu {} ({period}). Kiểm tra kỳ, hoặc ghi số liệu này vào tệp của đơn vị tồn tại ở kỳ đó. (Chỉ tiêu kế hoạch `target` thì được ghi cho mọi năm.)", life_words_vi(from.as_deref(), until.as_deref()), period_vi(period)),
            format!("{unit} {}, so it has no figure for {} ({period}). Check the period, or put this figure in the file of the unit that existed then. (A `target` may be written for any year.)", life_words_en(from.as_deref(), until.as_deref()), period_en(period)),
        ),
        Problem::ParentCycle(codes) => l(
            format!("các đơn vị tạo thành vòng lặp cấp trên: {}. Sửa cột `parent` để mọi đơn vị dẫn về đơn vị gốc.", codes.join(" → ")),
            format!("these units are each other's parents in a loop: {}. Fix `parent` so that every unit leads up to the root.", codes.join(" → ")),
        ),
        Problem::FileForNoUnit { slug, suggestion } => l(
            format!("không có đơn vị nào có slug `{slug}` trong data/units.csv. Đổi tên tệp theo slug của một đơn vị.{}", did_you_mean(suggestion)),
            format!("no unit in data/units.csv has the slug `{slug}`. Name the file after a unit's slug.{}", did_you_mean(suggestion)),
        ),
        Problem::UnknownUnit { slug, suggestion } => l(
            format!("không có đơn vị nào có slug `{slug}` trong data/units.csv.{}", did_you_mean(suggestion)),
            format!("no unit in data/units.csv has the slug `{slug}`.{}", did_you_mean(suggestion)),
        ),
        Problem::SlugTypo { slug, meant, files } => l(
            format!("slug `{slug}` không ứng với tệp nào, còn {} mang tên `{meant}` nhưng không thuộc đơn vị nào. Có phải ý bạn là `{meant}`? Sửa slug ở dòng này thành `{meant}` (không đổi tên các tệp).", files.join(", ")),
            format!("the slug `{slug}` names no file, while {} named `{meant}` {} to no unit. Did you mean `{meant}`? Correct the slug on this line to `{meant}` (do not rename the files).", files.join(", "), if files.len() == 1 { "belongs" } else { "belong" }),
        ),
        Problem::CodeLostZeros { code, padded } => l(
            format!("mã `{code}` không có trong danh mục đơn vị hành chính chính thức, nhưng `{padded}` thì có: Excel đã bỏ số 0 ở đầu. Ghi `{padded}` (sửa cả các ô `parent`, `formed_from` đang ghi `{code}`), và định dạng cột `code` là Text để Excel giữ số 0."),
            format!("the code `{code}` is not in the official list of administrative units, but `{padded}` is: Excel took off the leading zeros. Write `{padded}` (and in the `parent`, `formed_from` cells that say `{code}`), and format the `code` column as Text so that Excel keeps the zeros."),
        ),
        Problem::CodeNotOfficial { code, lists } => {
            let names: Vec<&str> = lists.iter().map(|&list| list_name(lang, list)).collect();
            l(
                format!("mã `{code}` không có trong danh mục đơn vị hành chính chính thức ({}). Nếu đây là đơn vị riêng của dự án, bỏ qua cảnh báo này; nếu không, kiểm tra lại mã.", names.join(" hoặc ")),
                format!("the code `{code}` is in no official list of administrative units ({}). If the unit is one of the project's own, ignore this warning; otherwise check the code.", names.join(" or ")),
            )
        }
        _ => unreachable!("not a problem of the units: `Problem::describe` sends it elsewhere"),
    }
}

/// A unit's life as a span: "từ năm 2025", "đến 6 tháng đầu năm 2025".
fn life_vi(from: Option<&str>, until: Option<&str>) -> String {
    match (from, until) {
        (Some(f), Some(u)) => format!("từ {} đến {}", period_vi(f), period_vi(u)),
        (Some(f), None) => format!("từ {}", period_vi(f)),
        (None, Some(u)) => format!("đến {}", period_vi(u)),
        (None, None) => "mọi kỳ".into(),
    }
}

fn life_en(from: Option<&str>, until: Option<&str>) -> String {
    match (from, until) {
        (Some(f), Some(u)) => format!("from {} to {}", period_en(f), period_en(u)),
        (Some(f), None) => format!("from {}", period_en(f)),
        (None, Some(u)) => format!("until {}", period_en(u)),
        (None, None) => "every period".into(),
    }
}

/// What a unit's life allows, as a sentence's predicate: "chỉ có số liệu đến 6 tháng đầu năm
/// 2025".
fn life_words_vi(from: Option<&str>, until: Option<&str>) -> String {
    format!("chỉ có số liệu {}", life_vi(from, until))
}

fn life_words_en(from: Option<&str>, until: Option<&str>) -> String {
    format!("has figures only {}", life_en(from, until))
}

/// An official list as the editor knows it.
fn list_name(lang: Lang, list: List) -> &'static str {
    match (lang, list) {
        (Lang::Vi, List::Provinces2024) => "mã tỉnh trước 1/7/2025",
        (Lang::Vi, List::Districts2024) => "mã huyện trước 1/7/2025",
        (Lang::Vi, List::Communes2024) => "mã xã trước 1/7/2025",
        (Lang::Vi, List::Provinces2025) => "mã tỉnh từ 1/7/2025",
        (Lang::Vi, List::Communes2025) => "mã xã từ 1/7/2025",
        (Lang::En, List::Provinces2024) => "provinces before 1 July 2025",
        (Lang::En, List::Districts2024) => "districts before 1 July 2025",
        (Lang::En, List::Communes2024) => "communes before 1 July 2025",
        (Lang::En, List::Provinces2025) => "provinces since 1 July 2025",
        (Lang::En, List::Communes2025) => "communes since 1 July 2025",
    }
}
