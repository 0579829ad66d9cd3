//! Reading a table: the file itself (empty, too large, unreadable, in a form chiso does not
//! read), its header of columns, and the cells of its rows, before their meaning is known.

use super::words::{did_you_mean_in, in_lang, quote_list};
use crate::diagnostics::problem::{NumberWritten, Problem, StrayFile};
use crate::lang::Lang;

/// The wording of a problem of reading a table.
pub(super) fn describe(problem: &Problem, lang: Lang) -> String {
    let l = in_lang(lang);
    let did_you_mean = did_you_mean_in(lang);
    match problem {
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
        Problem::OutsideProject => l(
            "tệp này là liên kết tới một tệp nằm ngoài thư mục dự án; chiso không đọc tệp ngoài dự án. Chép tệp vào dự án.".into(),
            "this file links to a file outside the project folder, which chiso does not read. Copy the file into the project.".into(),
        ),
        Problem::TooLarge { limit } => l(
            format!("quá lớn (giới hạn {limit}). Kiểm tra có dán nhầm cả văn bản vào một ô không."),
            format!("too large (the limit is {limit}). Check that no whole document was pasted into a cell."),
        ),
        Problem::TwoForms { other } => l(
            format!("có cả tệp này và `{other}` cho cùng một bảng. Giữ một tệp và xoá hoặc đổi tên tệp kia."),
            format!("both this file and `{other}` hold the same table. Keep one and delete or rename the other."),
        ),
        Problem::Duplicate { value, first_line } => l(
            format!("`{value}` đã có ở dòng {first_line}. Mỗi giá trị trong cột này chỉ được xuất hiện một lần."),
            format!("`{value}` already appears on line {first_line}. Each value in this column must be unique."),
        ),
        Problem::Choice { value, allowed, suggestion } => l(
            format!("`{value}` không phải giá trị hợp lệ. Ghi một trong: {}.{}", quote_list(allowed), did_you_mean(suggestion)),
            format!("`{value}` is not a valid value. Write one of: {}.{}", quote_list(allowed), did_you_mean(suggestion)),
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
        _ => unreachable!("not a problem of reading a table: `Problem::describe` sends it elsewhere"),
    }
}
