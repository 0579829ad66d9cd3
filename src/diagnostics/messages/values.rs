//! The figures of `data/values/`: how a period is written (and what Excel makes of it), how a
//! number is written in a file or a cell, and rows that say two things.

use super::words::in_lang;
use crate::diagnostics::problem::{NumberWritten, Problem};
use crate::lang::Lang;

/// The wording of a problem of a figure or its period.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    match problem {
        Problem::InvalidPeriod(v) => l(
            format!("kỳ `{v}` không hợp lệ. Ghi `YYYY` cho cả năm (ví dụ `2024`) hoặc `YYYY-H1` cho 6 tháng đầu năm (ví dụ `2024-H1`).{}", period_hint(v)),
            format!("the period `{v}` is not valid. Write `YYYY` for a whole year (e.g. `2024`) or `YYYY-H1` for the first six months (e.g. `2024-H1`).{}", period_hint(v)),
        ),
        Problem::PeriodWrittenOtherwise { value, period, date } => {
            let (vi, en) = match period {
                Some(p) => (format!("Ghi `{p}` ({})", period_meant_vi(p)), format!("Write `{p}` ({})", period_meant_en(p))),
                None => ("Ghi `YYYY` cho cả năm hoặc `YYYY-H1` cho 6 tháng đầu năm".to_string(), "Write `YYYY` for a whole year or `YYYY-H1` for the first six months".to_string()),
            };
            match (date, period) {
                (Some(d), _) => l(
                    format!("kỳ `{value}` là ngày {d}: Excel đã tự đổi kỳ gõ vào ô thành ngày. {vi}, và định dạng cột kỳ là Văn bản (Text) trước khi gõ để Excel không đổi nữa."),
                    format!("the period `{value}` is the date {d}: Excel turned what was typed into a date. {en}, and format the period column as Text before typing, so that Excel leaves it alone."),
                ),
                (None, Some(_)) => l(
                    format!("kỳ `{value}` không đúng cách ghi. {vi}: chiso chỉ nhận `YYYY` cho cả năm và `YYYY-H1` cho 6 tháng đầu năm."),
                    format!("the period `{value}` is not written the way chiso reads it. {en}: chiso reads only `YYYY` for a whole year and `YYYY-H1` for the first six months."),
                ),
                (None, None) => l(
                    format!("kỳ `{value}` là một tháng: chiso chỉ nhận số liệu cả năm và 6 tháng đầu năm. {vi}."),
                    format!("the period `{value}` is a month: chiso takes figures only for a whole year and for the first six months. {en}."),
                ),
            }
        }
        Problem::NegativeCount { value } => l(
            format!("`{value}` là số âm, mà chỉ tiêu này đếm hoặc cộng dồn (tổng của các đơn vị) nên không thể âm. Ghi số không âm, ví dụ `{}`.", value.trim_start_matches('-')),
            format!("`{value}` is negative, but this indicator counts or adds things up (its units are summed), so it cannot be. Write a number that is not negative, e.g. `{}`.", value.trim_start_matches('-')),
        ),
        Problem::ValueLooksLikeDate { value, shown } => l(
            format!("ô giá trị được định dạng Ngày trong Excel: ô hiện `{shown}` nhưng chiso đọc con số `{value}` nằm sau nó. Nếu số này đúng, chọn ô, định dạng là Số (Number) hoặc Chung (General) để thấy đúng số sẽ được xuất bản."),
            format!("the value cell is formatted as a date in Excel: it shows `{shown}`, but chiso reads the number `{value}` behind it. If that number is right, select the cell and format it as Number or General, so that it shows the figure that is published."),
        ),
        Problem::ThousandsSeparator { value, plain, written, whole } => {
            let (whole_vi, whole_en) = if *whole {
                (", mà chỉ tiêu này ghi số nguyên (`decimals = 0`)", ", and this indicator has no decimals (`decimals = 0`)")
            } else {
                ("", "")
            };
            match written {
                NumberWritten::Cell => l(
                    format!("`{value}` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng ô này chứa chữ nên dấu chấm được đọc là dấu thập phân{whole_vi}. Gõ `{plain}` vào ô, dạng số."),
                    format!("`{value}` looks like a dot between thousands, but the cell holds text, so the dot is read as a decimal point{whole_en}. Type `{plain}` in the cell, as a number."),
                ),
                NumberWritten::Comma | NumberWritten::Semicolon => l(
                    format!("`{value}` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng tệp này phân cách bằng dấu phẩy nên dấu chấm là dấu thập phân{whole_vi}. Ghi `{plain}`."),
                    format!("`{value}` looks like a dot between thousands, but this file is separated by commas, so a dot is the decimal point{whole_en}. Write `{plain}`."),
                ),
            }
        }
        Problem::EmptyValue => l(
            "ô giá trị đang để trống. Ghi số liệu vào ô; nếu chưa có số liệu của kỳ này thì xoá cả dòng.".into(),
            "the value cell is empty. Write the figure; if there is no figure for this period, delete the whole row.".into(),
        ),
        Problem::InvalidNumber { value, written } => match written {
            NumberWritten::Cell => l(
                format!("`{value}` không phải là số: ô này chứa chữ. Gõ số vào ô, không kèm đơn vị, ví dụ `87,7` (hoặc `87,7%` để Excel định dạng ô là Phần trăm). Ô có tam giác xanh ở góc là số lưu dạng chữ: chọn ô, bấm biểu tượng cảnh báo và chọn Chuyển đổi thành số (Convert to Number)."),
                format!("`{value}` is not a number: the cell holds text. Type a number in the cell, without a unit, e.g. `87.7` (or `87.7%` for Excel to format the cell as Percentage). A cell with a green triangle in its corner is a number stored as text: select it, click the warning sign and choose Convert to Number."),
            ),
            NumberWritten::Semicolon => l(
                    format!("`{value}` không phải là số. Tệp này phân cách bằng dấu chấm phẩy nên ghi số kiểu Việt Nam: dấu chấm phân nhóm nghìn, dấu phẩy thập phân, không kèm đơn vị, ví dụ `54.748` hoặc `87,7`."),
                    format!("`{value}` is not a number. This file is separated by semicolons, so write numbers the Vietnamese way: `.` between thousands, `,` before decimals, no unit, e.g. `54.748` or `87,7`."),
                ),
            NumberWritten::Comma => l(
                    format!("`{value}` không phải là số. Tệp này phân cách bằng dấu phẩy nên ghi số không có dấu phân nhóm nghìn, dùng dấu chấm thập phân, không kèm đơn vị, ví dụ `54748` hoặc `87.7`."),
                    format!("`{value}` is not a number. This file is separated by commas, so write plain numbers: no thousands separators, `.` before decimals, no unit, e.g. `54748` or `87.7`."),
                ),
        },
        Problem::RangeNotTarget => l(
            "chỉ chỉ tiêu kế hoạch (`target`) mới được ghi khoảng `a..b`; ghi một số duy nhất.".into(),
            "only a `target` may be a range `a..b`; write a single number.".into(),
        ),
        Problem::InvalidRange(v) => l(
            format!("khoảng `{v}` không hợp lệ. Ghi số nhỏ trước, số lớn sau, ví dụ `70..100`."),
            format!("the range `{v}` is not valid. Write the smaller number first, e.g. `70..100`."),
        ),
        Problem::Conflict { first_line, first, second } => l(
            format!("cùng chỉ tiêu, kỳ và loại đã có ở dòng {first_line} với giá trị {first}, dòng này lại ghi {second}. Giữ một dòng và xoá dòng kia."),
            format!("line {first_line} already gives {first} for the same indicator, period and kind, and this line gives {second}. Keep one of the two lines."),
        ),
        _ => unreachable!("not a problem of a figure or its period: `Problem::describe` sends it elsewhere"),
    }
}

fn period_hint(v: &str) -> String {
    let upper = v.trim().to_uppercase();
    for (bad, good) in [("-H2", ""), ("/H1", "-H1"), (" H1", "-H1"), ("H1", "-H1")] {
        if let Some(year) = upper.strip_suffix(bad) {
            let year = year.trim_end_matches(['-', ' ', '/']);
            if year.len() == 4 && year.bytes().all(|b| b.is_ascii_digit()) {
                return format!(" `{year}{good}`?");
            }
        }
    }
    String::new()
}

/// `2026-H1` → "6 tháng đầu năm 2026", `2025` → "cả năm 2025": the period meant.
fn period_meant_vi(p: &str) -> String {
    match p.strip_suffix("-H1") {
        Some(year) => format!("6 tháng đầu năm {year}"),
        None => format!("cả năm {p}"),
    }
}

fn period_meant_en(p: &str) -> String {
    match p.strip_suffix("-H1") {
        Some(year) => format!("the first half of {year}"),
        None => format!("the whole year {p}"),
    }
}
