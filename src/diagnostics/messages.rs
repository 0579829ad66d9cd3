//! The wording of every problem, in Vietnamese and in English, written for an editor: what is
//! wrong, where, and what to write instead.

use super::problem::{
    ChildrenGap, IndicatorNamed, NumberWritten, PartsOfShare, Problem, ShortcodeProblem, StrayFile,
    Whence,
};
use crate::lang::Lang;
use crate::official::List;
use crate::text::slugify;

impl Problem {
    pub fn describe(&self, lang: Lang) -> String {
        let l = |vi: String, en: String| if lang == Lang::Vi { vi } else { en };
        let did_you_mean = |s: &Option<String>| match s {
            Some(s) => l(
                format!(" Có phải ý bạn là `{s}`?"),
                format!(" Did you mean `{s}`?"),
            ),
            None => String::new(),
        };
        match self {
            Problem::Unreadable(e) => l(format!("không đọc được tệp: {e}"), format!("cannot read the file: {e}")),
            Problem::EmptyFile => l(
                "tệp trống. Dòng đầu tiên phải là dòng tiêu đề các cột.".into(),
                "the file is empty. Its first line must name the columns.".into(),
            ),
            Problem::MissingColumn(c) => l(
                format!("thiếu cột `{c}`. Thêm cột có tiêu đề `{c}` vào dòng đầu tiên."),
                format!("the column `{c}` is missing. Add a column headed `{c}` to the first line."),
            ),
            Problem::UnknownColumn { name, known, suggestion } => l(
                format!("cột `{name}` không thuộc bảng này. Các cột là: {}.{}", known.join(", "), did_you_mean(suggestion)),
                format!("the column `{name}` does not belong in this table. The columns are: {}.{}", known.join(", "), did_you_mean(suggestion)),
            ),
            Problem::FieldCount { written, expected, found } => match written {
                NumberWritten::Comma => l(
                    format!("dòng có {found} ô nhưng dòng tiêu đề có {expected} cột. Kiểm tra dấu phân cách thừa hoặc thiếu (dùng dấu ngoặc kép \"…\" quanh ô có dấu phẩy)."),
                    format!("the line has {found} fields but the header has {expected}. Look for a missing or extra separator (put \"…\" around a cell that contains one)."),
                ),
                NumberWritten::Semicolon => l(
                    format!("dòng có {found} ô nhưng dòng tiêu đề có {expected} cột. Tệp này phân cách bằng dấu chấm phẩy `;`: kiểm tra dấu `;` thừa hoặc thiếu (dùng dấu ngoặc kép \"…\" quanh ô có dấu `;`)."),
                    format!("the line has {found} fields but the header has {expected}. This file is separated by semicolons `;`: look for a missing or extra `;` (put \"…\" around a cell that contains one)."),
                ),
                NumberWritten::Cell => l(
                    format!("hàng này có ô đến cột thứ {found} nhưng hàng tiêu đề chỉ có {expected} cột. Xoá các ô thừa bên phải, hoặc ghi tiêu đề cho cột đó."),
                    format!("this row has cells up to column {found} but the header row has only {expected} columns. Delete the extra cells on the right, or give their column a header."),
                ),
            },
            Problem::Required => l("ô này không được để trống.".into(), "this cell must not be empty.".into()),
            Problem::InvalidSlug(s) => {
                // Only a name that has letters to keep gets an example.
                let example = slugify(s);
                let example = if example.is_empty() { "tuan-giao".to_string() } else { example };
                l(
                    format!("`{s}` không dùng được làm tên đường dẫn. Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `{example}`."),
                    format!("`{s}` cannot be used in a web address. Use lower-case letters without accents, digits and hyphens only, e.g. `{example}`."),
                )
            }
            Problem::OutsideProject => l(
                "tệp này là liên kết tới một tệp nằm ngoài thư mục dự án; chiso không đọc tệp ngoài dự án. Chép tệp vào dự án.".into(),
                "this file links to a file outside the project folder, which chiso does not read. Copy the file into the project.".into(),
            ),
            Problem::TooLarge { limit } => l(
                format!("quá lớn (giới hạn {limit}). Kiểm tra có dán nhầm cả văn bản vào một ô không."),
                format!("too large (the limit is {limit}). Check that no whole document was pasted into a cell."),
            ),
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
            Problem::TwoForms { other } => l(
                format!("có cả tệp này và `{other}` cho cùng một bảng. Giữ một tệp và xoá hoặc đổi tên tệp kia."),
                format!("both this file and `{other}` hold the same table. Keep one and delete or rename the other."),
            ),
            Problem::ReservedSlug(s) => l(
                format!("`{s}` là tên thư mục trang web dành riêng cho chiso; đặt slug khác, ví dụ `huyen-{s}`."),
                format!("`{s}` is a folder name chiso keeps for the site itself; choose another slug, e.g. `district-{s}`."),
            ),
            Problem::SameNarrative { other } => l(
                format!("đơn vị này đã có phần thuyết minh trong `{other}`. Gộp hai tệp thành một."),
                format!("this unit already has a narrative in `{other}`. Merge the two files into one."),
            ),
            Problem::InvalidCode(s) => l(
                format!("mã đơn vị `{s}` không hợp lệ. Ghi mã của cơ quan thống kê, chỉ gồm chữ số, ví dụ `11` hoặc `099`."),
                format!("the unit code `{s}` is not valid. Write the statistics office's code, digits only, e.g. `11` or `099`."),
            ),
            Problem::InvalidIndicatorCode(s) => l(
                format!("mã chỉ tiêu `{s}` không hợp lệ. Chỉ dùng chữ thường không dấu, chữ số và dấu gạch dưới, ví dụ `{}`.", slugify(s).replace('-', "_")),
                format!("the indicator code `{s}` is not valid. Use lower-case letters, digits and underscores only, e.g. `{}`.", slugify(s).replace('-', "_")),
            ),
            Problem::Duplicate { value, first_line } => l(
                format!("`{value}` đã có ở dòng {first_line}. Mỗi giá trị trong cột này chỉ được xuất hiện một lần."),
                format!("`{value}` already appears on line {first_line}. Each value in this column must be unique."),
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
            Problem::Choice { value, allowed, suggestion } => l(
                format!("`{value}` không phải giá trị hợp lệ. Ghi một trong: {}.{}", quote_list(allowed), did_you_mean(suggestion)),
                format!("`{value}` is not a valid value. Write one of: {}.{}", quote_list(allowed), did_you_mean(suggestion)),
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
            Problem::OldWorkbook => l(
                "chiso không đọc tệp `.xls` (Excel 97–2003). Mở tệp trong Excel, chọn Tệp → Lưu thành (File → Save As), chọn kiểu Sổ làm việc Excel (*.xlsx) hoặc CSV UTF-8, rồi xoá tệp `.xls`.".into(),
                "chiso does not read `.xls` files (Excel 97–2003). Open the file in Excel, choose File → Save As, pick Excel Workbook (*.xlsx) or CSV UTF-8, then delete the `.xls` file.".into(),
            ),
            Problem::NotValuesFile { what } => match what {
                StrayFile::Lock { workbook } => l(
                    format!("sổ `{workbook}` đang mở trong Excel (Excel để lại tệp này khi mở sổ). chiso đọc bản đã lưu lần cuối: lưu và đóng sổ trong Excel trước khi xuất bản. Nếu Excel đã đóng mà tệp này vẫn còn, xoá nó."),
                    format!("the workbook `{workbook}` is open in Excel (Excel leaves this file while a workbook is open). chiso reads what was last saved: save and close the workbook in Excel before publishing. If Excel is closed and this file remains, delete it."),
                ),
                StrayFile::OtherWorkbook => l(
                    "chiso không đọc loại tệp này nên không số liệu nào trong đó được xuất bản. Lưu thành Sổ làm việc Excel (.xlsx) hoặc CSV, đặt tên theo đơn vị (ví dụ `tuan-giao.xlsx`).".into(),
                    "chiso does not read this kind of file, so none of its figures are published. Save it as an Excel Workbook (.xlsx) or CSV, named after the unit (e.g. `tuan-giao.xlsx`).".into(),
                ),
                StrayFile::Other => l(
                    "tệp này không phải tệp số liệu (trong `data/values/` chỉ đọc tệp `.csv` và `.xlsx`), chiso bỏ qua. Chuyển tệp ra khỏi `data/values/`.".into(),
                    "this is not a values file (only `.csv` and `.xlsx` files are read in `data/values/`), so chiso leaves it aside. Move it out of `data/values/`.".into(),
                ),
            },
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
            Problem::FileForNoUnit { slug, suggestion } => l(
                format!("không có đơn vị nào có slug `{slug}` trong data/units.csv. Đổi tên tệp theo slug của một đơn vị.{}", did_you_mean(suggestion)),
                format!("no unit in data/units.csv has the slug `{slug}`. Name the file after a unit's slug.{}", did_you_mean(suggestion)),
            ),
            Problem::UnknownUnit { slug, suggestion } => l(
                format!("không có đơn vị nào có slug `{slug}` trong data/units.csv.{}", did_you_mean(suggestion)),
                format!("no unit in data/units.csv has the slug `{slug}`.{}", did_you_mean(suggestion)),
            ),
            Problem::NoFigureYearBefore { indicator, period, unit } => l(
                format!("không có số liệu cùng kỳ năm trước (`{indicator}` kỳ {period}, loại `actual`, của đơn vị `{unit}`) để so sánh. Nhập số liệu năm trước hoặc dùng `value` thay cho `change`."),
                format!("there is no figure for the same period a year before (`{indicator}` for {period}, kind `actual`, for the unit `{unit}`) to compare with. Enter last year's figure, or use `value` instead of `change`."),
            ),
            Problem::Template { message } => l(
                format!("mẫu giao diện không dùng được: {message}. Sửa tệp này theo thông báo, hoặc xoá tệp để dùng mẫu có sẵn của chiso."),
                format!("this template cannot be used: {message}. Fix the file as the message says, or delete it to use chiso's built-in one."),
            ),
            Problem::FrontMatterUnclosed => l(
                "phần đầu trang thiếu dòng `+++` đóng. Thêm một dòng chỉ có `+++` sau phần đầu trang, trước nội dung bài viết.".into(),
                "the front matter's closing `+++` line is missing. Add a line holding only `+++` after the front matter, before the text.".into(),
            ),
            Problem::FrontMatter(e) => l(
                format!("phần đầu trang (giữa hai dòng `+++`) bị lỗi: {e}"),
                format!("the front matter (between the `+++` lines) is broken: {e}"),
            ),
            Problem::Config(e) => l(format!("chiso.toml bị lỗi: {e}"), format!("chiso.toml is broken: {e}")),
            Problem::PlanId(id) => l(
                format!("mã kế hoạch `{id}` không hợp lệ. Chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang, ví dụ `id = \"2021-2025\"`."),
                format!("the plan id `{id}` is not valid. Use lower-case letters without accents, digits and hyphens only, e.g. `id = \"2021-2025\"`."),
            ),
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
            Problem::DerivedDiffers { entered, computed } => l(
                format!("số nhập {entered} khác số tính từ các thành phần ({computed}); số nhập được dùng."),
                format!("the entered figure {entered} differs from the one computed from its parts ({computed}); the entered figure is used."),
            ),
            Problem::SumDiffers { entered, computed, percent } => l(
                format!("số nhập {entered} khác tổng các đơn vị cấp dưới ({computed}) {percent} %; số nhập được dùng."),
                format!("the entered figure {entered} differs from the sum of the units below ({computed}) by {percent}%; the entered figure is used."),
            ),
            Problem::AbovePercent { indicator, figure } => l(
                format!("tỷ lệ {} của {} lớn hơn 100 %. Chỉ tiêu này là tỷ lệ so sánh nên được phép vượt 100 %, nhưng hãy kiểm tra lỗi gõ; nếu số đúng thì để nguyên.", figure.vi, named_vi(indicator)),
                format!("the percentage {} of {} is above 100%. This indicator compares two figures, so it may be above 100%, but check for a typo; if the figure is right, leave it.", figure.en, named_en(indicator)),
            ),
            Problem::StockDrop(c) => l(
                format!("{}: số thực hiện giảm hơn một nửa, từ {} ({}) xuống {} ({}); kiểm tra lỗi gõ. Nếu số đúng thì để nguyên.", named_vi(&c.indicator), c.from.vi, period_vi(&c.previous), c.to.vi, period_vi(&c.period)),
                format!("{}: the actual figure drops by more than half, from {} ({}) to {} ({}); check for a typo. If the figure is right, leave it.", named_en(&c.indicator), c.from.en, period_en(&c.previous), c.to.en, period_en(&c.period)),
            ),
            Problem::Jump { rise: true, change: c } => l(
                format!("{}: {} tăng hơn 5 lần, từ {} ({}) lên {} ({}); kiểm tra lỗi gõ (thừa chữ số, hoặc dấu thập phân bị bỏ hay bị đọc thành dấu phân cách hàng nghìn?). Nếu số đúng thì để nguyên.", named_vi(&c.indicator), kind_vi(c.kind), c.from.vi, period_vi(&c.previous), c.to.vi, period_vi(&c.period)),
                format!("{}: {} grows more than 5 times, from {} ({}) to {} ({}); check for a typo (a digit too many, or a decimal point left out or read as a thousands separator?). If the figure is right, leave it.", named_en(&c.indicator), kind_en(c.kind), c.from.en, period_en(&c.previous), c.to.en, period_en(&c.period)),
            ),
            Problem::Jump { rise: false, change: c } => l(
                format!("{}: {} giảm còn dưới một phần năm, từ {} ({}) xuống {} ({}); kiểm tra lỗi gõ (thiếu chữ số, hoặc dấu phân cách hàng nghìn bị đọc thành dấu thập phân?). Nếu số đúng thì để nguyên.", named_vi(&c.indicator), kind_vi(c.kind), c.from.vi, period_vi(&c.previous), c.to.vi, period_vi(&c.period)),
                format!("{}: {} falls below a fifth, from {} ({}) to {} ({}); check for a typo (a digit missing, or a thousands separator read as a decimal point?). If the figure is right, leave it.", named_en(&c.indicator), kind_en(c.kind), c.from.en, period_en(&c.previous), c.to.en, period_en(&c.period)),
            ),
            Problem::ShareOutOfRange { indicator, figure, below } => l(
                format!("tỷ lệ {} của {} {}. Đây là tỷ lệ phần trăm của một tổng thể nên chỉ từ 0 đến 100 %: kiểm tra dấu thập phân (ví dụ gõ `877` thay cho `87,7`), hoặc có nhập nhầm số lượng thay cho tỷ lệ không. (Nếu chỉ tiêu này là tỷ lệ so sánh được phép vượt 100 %, như tốc độ tăng trưởng hay tỷ lệ so với kế hoạch, ghi rõ “tăng trưởng” hoặc “so với” trong tên chỉ tiêu ở data/indicators.csv.)", figure.vi, named_vi(indicator), if *below { "nhỏ hơn 0 %" } else { "lớn hơn 100 %" }),
                format!("the percentage {} of {} is {}. It is a share of a whole, so it lies between 0 and 100%: check the decimal point (e.g. `877` typed for `87.7`), or whether a count was entered instead of the share. (If this indicator compares two figures and may be above 100%, like a growth rate or a figure against the plan, say \"growth\" or \"compared\" in its name in data/indicators.csv.)", figure.en, named_en(indicator), if *below { "below 0%" } else { "above 100%" }),
            ),
            Problem::PartExceedsWhole(parts) => {
                let PartsOfShare { indicator, period, kind, percent, negative, part, whole } = &**parts;
                let (outcome_vi, outcome_en) = match percent {
                    _ if *negative => ("tính từ số âm".to_string(), "is computed from a negative figure".to_string()),
                    Some(p) => (format!("tính ra {}, vượt 100 %", p.vi), format!("comes out at {}, above 100%", p.en)),
                    None => ("không tính được".to_string(), "cannot be computed".to_string()),
                };
                let head_vi = format!("tỷ lệ `{}` {}, loại `{kind}`, {outcome_vi}", indicator.code, period_vi(period));
                let head_en = format!("the share `{}` for {}, kind `{kind}`, {outcome_en}", indicator.code, period_en(period));
                let parts_vi = format!("{} là {} ({})", named_vi(&part.indicator), part.figure.vi, whence_vi(&part.whence));
                let whole_vi = format!("{} là {} ({})", named_vi(&whole.indicator), whole.figure.vi, whence_vi(&whole.whence));
                let parts_en = format!("{} is {} ({})", named_en(&part.indicator), part.figure.en, whence_en(&part.whence));
                let whole_en = format!("{} at {} ({})", named_en(&whole.indicator), whole.figure.en, whence_en(&whole.whence));
                if *negative {
                    l(
                        format!("{head_vi}: {parts_vi}, {whole_vi}. Phần và tổng không thể là số âm: sửa số âm."),
                        format!("{head_en}: {parts_en}, and {} is {} ({}). Neither a part nor its whole can be negative: correct the negative figure.", named_en(&whole.indicator), whole.figure.en, whence_en(&whole.whence)),
                    )
                } else {
                    l(
                        format!("{head_vi}: {parts_vi}, lớn hơn {whole_vi}. Phần không thể lớn hơn tổng: sửa một trong hai số."),
                        format!("{head_en}: {parts_en}, more than {whole_en}. A part cannot be larger than its whole: correct one of the two figures."),
                    )
                }
            }
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
            Problem::ImageMissing { path, suggestion } if path.is_empty() => l(
                format!("ảnh chưa có tên tệp. Ghi đường dẫn tới ảnh giữa hai dấu ngoặc tròn, ví dụ `![Trạm BTS mới ở xã Mường Mùn](anh/tram-bts.jpg)`.{}", did_you_mean(suggestion)),
                format!("the image names no file. Write the image's path between the round brackets, e.g. `![New BTS tower in Mường Mùn commune](anh/tram-bts.jpg)`.{}", did_you_mean(suggestion)),
            ),
            Problem::ImageMissing { path, suggestion } => l(
                format!("không có tệp ảnh `{path}` (đường dẫn tính từ thư mục chứa tệp bài viết này). Chép ảnh vào `content/anh/` hoặc sửa lại tên tệp.{}", did_you_mean(suggestion)),
                format!("there is no image file `{path}` (the path starts from the folder of this narrative). Copy the image into `content/anh/` or correct its name.{}", did_you_mean(suggestion)),
            ),
            Problem::ImageNoAlt { path } => l(
                format!("ảnh `{path}` chưa có lời mô tả. Người không xem được ảnh (người khiếm thị dùng phần mềm đọc màn hình, hoặc khi ảnh không tải được) chỉ nhận được lời mô tả, và quy định bắt buộc phải có: ghi điều ảnh cho thấy giữa hai dấu ngoặc vuông, ví dụ `![Trạm BTS mới ở xã Mường Mùn]({path})`."),
                format!("the image `{path}` has no text description. Readers who cannot see the image (blind readers using a screen reader, or when the image does not load) get only the description, and the regulations require one: write what the image shows between the square brackets, e.g. `![New BTS tower in Mường Mùn commune]({path})`."),
            ),
            Problem::ImageOutsideContent { path, suggestion } => l(
                format!("ảnh `{path}` nằm ngoài thư mục `content/` của dự án, nên không đăng được. Chép ảnh vào `content/anh/` và ghi đường dẫn tính từ thư mục chứa tệp bài viết này, ví dụ `anh/tram-bts.jpg` (từ `content/pages/` thì `../anh/tram-bts.jpg`).{}", did_you_mean(suggestion)),
                format!("the image `{path}` is outside the project's `content/` folder, so it cannot be published. Copy the image into `content/anh/` and write its path from the folder of this narrative, e.g. `anh/tram-bts.jpg` (from `content/pages/`: `../anh/tram-bts.jpg`).{}", did_you_mean(suggestion)),
            ),
            Problem::ImageType { path, allowed } => l(
                format!("`{path}` không phải loại ảnh chiso đăng được. Dùng tệp {}; ảnh chụp nên lưu dạng `.jpg`, sơ đồ và hình vẽ dạng `.png`.", image_types(allowed, "hoặc")),
                format!("`{path}` is not a kind of image chiso publishes. Use a {} file; save photos as `.jpg`, diagrams and drawings as `.png`.", image_types(allowed, "or")),
            ),
            Problem::ImageContent { path, format: Some(format) } if format == "HEIC" => l(
                format!("`{path}` là ảnh HEIC (dạng ảnh của iPhone), phần lớn trình duyệt không hiển thị được. Mở ảnh và lưu lại dạng JPEG (`.jpg`), hoặc trên iPhone chọn Cài đặt → Camera → Định dạng → Tương thích nhất."),
                format!("`{path}` is a HEIC photo (an iPhone's format), which most browsers do not show. Open it and save it again as JPEG (`.jpg`), or on the iPhone choose Settings → Camera → Formats → Most Compatible."),
            ),
            Problem::ImageContent { path, format: Some(format) } => l(
                format!("`{path}` là ảnh {format}, trình duyệt không hiển thị được. Mở ảnh và lưu lại dạng JPEG (`.jpg`) nếu là ảnh chụp, PNG (`.png`) nếu là sơ đồ, hình vẽ."),
                format!("`{path}` is a {format} image, which browsers do not show. Open it and save it again as JPEG (`.jpg`) for a photo, PNG (`.png`) for a diagram or drawing."),
            ),
            Problem::ImageContent { path, format: None } => l(
                format!("`{path}` không đọc được như một ảnh: tệp bị hỏng, chép chưa hết, hoặc không phải ảnh dù tên có đuôi của ảnh. Mở tệp bằng trình xem ảnh để kiểm tra, rồi lưu lại dạng JPEG (`.jpg`)."),
                format!("`{path}` cannot be read as an image: the file is damaged, was not copied completely, or is not an image although its name ends like one. Open it in an image viewer to check, then save it again as JPEG (`.jpg`)."),
            ),
            Problem::ImageExternal { url } => l(
                format!("ảnh `{}` lấy từ nơi khác, không phải tệp trong dự án. Vì lý do bảo mật, trang chỉ hiện ảnh đăng cùng trang, nên ảnh này sẽ không hiển thị. Tải ảnh về, chép vào `content/anh/` và ghi `anh/<tên tệp>`.", shorten(url)),
                format!("the image `{}` comes from elsewhere, not from a file in the project. For security, the pages show only images published with them, so this one would not appear. Download the image into `content/anh/` and write `anh/<file name>`.", shorten(url)),
            ),
            Problem::ImageHtml => l(
                "ảnh viết bằng thẻ HTML `<img>` không được chép vào trang và sẽ không hiển thị. Viết ảnh theo cách của Markdown: `![Trạm BTS mới ở xã Mường Mùn](anh/tram-bts.jpg)`.".into(),
                "an image written as an HTML `<img>` tag is not copied into the site and would not appear. Write it the Markdown way: `![New BTS tower in Mường Mùn commune](anh/tram-bts.jpg)`.".into(),
            ),
            Problem::ImageLarge { path, bytes, limit } => l(
                format!("ảnh `{path}` nặng {}, vượt {}: người đọc trên điện thoại, mạng chậm phải chờ lâu. Thu nhỏ ảnh còn khoảng 1200 điểm ảnh chiều ngang và lưu dạng JPEG.", size(*bytes), size(*limit)),
                format!("the image `{path}` weighs {}, more than {}: readers on phones and slow connections wait for it. Resize it to about 1200 pixels wide and save it as JPEG.", size(*bytes), size(*limit)),
            ),
        }
    }
}

impl ShortcodeProblem {
    /// What is wrong with the shortcode, after "broken shortcode: ".
    pub fn describe(&self, lang: Lang) -> String {
        let l = |vi: String, en: String| if lang == Lang::Vi { vi } else { en };
        let did_you_mean = |s: &Option<String>| match s {
            Some(s) => l(
                format!(" Có phải ý bạn là `{s}`?"),
                format!(" Did you mean `{s}`?"),
            ),
            None => String::new(),
        };
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

fn quote_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// `.jpg`, `.jpeg`, … or `.avif`: the image files a narrative may show.
fn image_types(allowed: &[&str], or: &str) -> String {
    let types: Vec<String> = allowed.iter().map(|e| format!("`.{e}`")).collect();
    match types.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} {or} {last}", rest.join(", ")),
        _ => types.concat(),
    }
}

/// A long address (a `data:` image holds the whole picture) cut to what identifies it.
fn shorten(url: &str) -> String {
    const KEEP: usize = 80;
    match url.char_indices().nth(KEEP) {
        Some((at, _)) => format!("{}…", &url[..at]),
        None => url.to_string(),
    }
}

/// A file size as people say it: `420 KB`, `1.8 MB` (plain digits, like the other warnings).
fn size(bytes: u64) -> String {
    let kb = bytes as f64 / 1024.0;
    if kb < 1024.0 {
        format!("{} KB", kb.round() as u64)
    } else {
        format!("{:.1} MB", kb / 1024.0)
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

/// `2025-H1` → "6 tháng đầu năm 2025", `2025` → "năm 2025".
fn period_vi(p: &str) -> String {
    match p.strip_suffix("-H1") {
        Some(year) => format!("6 tháng đầu năm {year}"),
        None => format!("năm {p}"),
    }
}

/// `2025-H1` → "the first half of 2025", `2025` → "2025".
fn period_en(p: &str) -> String {
    match p.strip_suffix("-H1") {
        Some(year) => format!("the first half of {year}"),
        None => p.to_string(),
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

/// An indicator in a Vietnamese message: `bts_sites` (Số vị trí trạm …).
fn named_vi(i: &IndicatorNamed) -> String {
    format!("`{}` ({})", i.code, i.name)
}

fn named_en(i: &IndicatorNamed) -> String {
    format!("`{}` ({})", i.code, i.name_en)
}

/// The figures of a `kind` in a sentence: "số thực hiện".
fn kind_vi(kind: &str) -> &'static str {
    match kind {
        "estimate" => "số ước thực hiện",
        "target" => "chỉ tiêu kế hoạch",
        _ => "số thực hiện",
    }
}

fn kind_en(kind: &str) -> &'static str {
    match kind {
        "estimate" => "the estimate",
        "target" => "the target",
        _ => "the actual figure",
    }
}

/// Where a figure comes from: "data/values/tuan-giao.csv dòng 30", "tổng của các đơn vị cấp
/// dưới".
fn whence_vi(w: &Whence) -> String {
    match w {
        Whence::Line { file, line } => format!("{file} dòng {line}"),
        Whence::Cell { file, sheet, cell } => format!("{file}, trang tính `{sheet}`, ô `{cell}`"),
        Whence::Sum => "tổng của các đơn vị cấp dưới, không ai nhập".into(),
        Whence::Derived => "tính từ các chỉ tiêu khác, không ai nhập".into(),
    }
}

fn whence_en(w: &Whence) -> String {
    match w {
        Whence::Line { file, line } => format!("{file} line {line}"),
        Whence::Cell { file, sheet, cell } => format!("{file}, sheet `{sheet}`, cell `{cell}`"),
        Whence::Sum => "the sum of the units below, not entered".into(),
        Whence::Derived => "computed from other indicators, not entered".into(),
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
