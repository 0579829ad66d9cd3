//! Reading a table: the file itself (empty, too large, unreadable, in a form chiso does not
//! read), its header of columns, and the cells of its rows, before their meaning is known.

use super::words::{did_you_mean_in, in_lang, quote_list};
use crate::diagnostics::problem::{NotAFile, NumberWritten, Problem, StrayFile, WorkbookPart};
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
            "tệp (hoặc thư mục) này là liên kết tới chỗ nằm ngoài thư mục dự án; chiso không đọc gì ngoài dự án. Chép tệp (hoặc thư mục) vào dự án.".into(),
            "this file (or folder) links to a place outside the project folder, and chiso reads nothing outside the project. Copy the file (or folder) into the project.".into(),
        ),
        Problem::NotAFile { what } => match what {
            NotAFile::Folder => l(
                "đây là một thư mục, không phải tệp, nên chiso không đọc được. Đổi tên thư mục này, hoặc lưu tệp số liệu vào đúng chỗ của nó.".into(),
                "this is a folder, not a file, so chiso cannot read it. Rename the folder, or save the file in its place.".into(),
            ),
            NotAFile::Pipe => l(
                "đây là một ống dẫn (named pipe), không phải tệp đã lưu; chiso không đọc để khỏi chờ mãi. Lưu số liệu thành một tệp thường rồi chạy lại.".into(),
                "this is a named pipe, not a saved file; chiso does not read it, since reading it could wait forever. Save the figures as an ordinary file and run again.".into(),
            ),
            NotAFile::Device => l(
                "đây là một thiết bị của hệ thống, không phải tệp đã lưu; chiso không đọc vì nó không bao giờ hết. Đặt một tệp thường vào chỗ này.".into(),
                "this is a system device, not a saved file; chiso does not read it, since it never ends. Put an ordinary file here instead.".into(),
            ),
            NotAFile::Other => l(
                "đây không phải tệp thường (có thể là một socket), nên chiso không đọc. Đặt một tệp thường vào chỗ này.".into(),
                "this is not an ordinary file (perhaps a socket), so chiso does not read it. Put an ordinary file here instead.".into(),
            ),
        },
        Problem::LineTooLong { limit } => l(
            format!("dòng này dài quá {limit}. Một dòng số liệu chỉ dài vài chục ký tự: kiểm tra có dán nhầm cả văn bản vào một ô, hoặc tệp có thật là bảng CSV không."),
            format!("this line is longer than {limit}. A line of figures is a few dozen characters long: check that no whole document was pasted into a cell, and that the file really is a CSV table."),
        ),
        Problem::TooManyColumns { found, limit } => l(
            format!("bảng có {found} cột, nhiều hơn giới hạn {limit} cột. Mỗi bảng của chiso chỉ có vài cột: xoá các cột thừa, hoặc kiểm tra tệp có thật là bảng CSV không."),
            format!("the table has {found} columns, more than the limit of {limit}. Every table of chiso has a handful: delete the extra columns, or check that the file really is a CSV table."),
        ),
        Problem::WorkbookTooLarge { part, limit } => {
            let (vi, en) = match part {
                WorkbookPart::Sheet(name) => (format!("trang tính `{name}` khi giải nén"), format!("the sheet `{name}`, unpacked,")),
                WorkbookPart::SharedStrings => ("phần chữ dùng chung của các trang tính (sharedStrings.xml) khi giải nén".to_string(), "the text the sheets share (sharedStrings.xml), unpacked,".to_string()),
                WorkbookPart::Other(name) => (format!("phần `{name}` của sổ khi giải nén"), format!("the part `{name}` of the workbook, unpacked,")),
                WorkbookPart::Whole => ("sổ làm việc khi giải nén".to_string(), "the workbook, unpacked,".to_string()),
            };
            l(
                format!("{vi} lớn hơn giới hạn {limit}, nên chiso không đọc. Một sổ số liệu chỉ vài MiB khi giải nén: sổ này có thể bị hỏng hoặc cố ý làm phình. Chép các cột số liệu sang một sổ mới (hoặc lưu thành CSV) rồi chạy lại."),
                format!("{en} is larger than the limit of {limit}, so chiso does not read it. A workbook of figures is a few MiB unpacked: this one may be damaged or made to swell on purpose. Copy the columns of figures into a new workbook (or save as CSV) and run again."),
            )
        }
        Problem::SheetTooLarge { sheet, rows, columns, limit_cells, limit_columns } => l(
            format!("trang tính `{sheet}` có ô trải trên {rows} hàng × {columns} cột, quá giới hạn ({limit_cells} ô, {limit_columns} cột). Có thể có một ô lạc ở rất xa bên dưới hoặc bên phải: nhấn Ctrl+End trong Excel để tìm ô cuối, xoá các hàng và cột thừa, lưu lại."),
            format!("the sheet `{sheet}` has cells spread over {rows} rows × {columns} columns, beyond the limit ({limit_cells} cells, {limit_columns} columns). A stray cell may sit far below or to the right: press Ctrl+End in Excel to find the last cell, delete the extra rows and columns, and save."),
        ),
        Problem::ControlCharacter { code, cell: true } => l(
            format!("ô này chứa ký tự điều khiển \\u{{{code:x}}}, không gõ được bằng bàn phím và sẽ hiện ra trên trang. Nó thường do phần mềm xuất dữ liệu bị lỗi: gõ lại nội dung ô."),
            format!("this cell holds the control character \\u{{{code:x}}}, which no keyboard types and which would reach the pages. It usually comes from a broken export: type the cell again."),
        ),
        Problem::ControlCharacter { code, cell: false } => l(
            format!("dòng này chứa ký tự điều khiển \\u{{{code:x}}}, không gõ được bằng bàn phím và sẽ hiện ra trên trang. Nó thường do dán từ một phần mềm khác: gõ lại dòng này."),
            format!("this line holds the control character \\u{{{code:x}}}, which no keyboard types and which would reach the page. It usually comes from pasting out of another program: type the line again."),
        ),
        Problem::StoppedReading { bad, unread } => l(
            format!("đã dừng đọc tệp này sau {bad} dòng có lỗi; {unread} dòng sau đó chưa được kiểm tra. Có thể đây không phải tệp số liệu, hoặc tệp được lưu với dấu phân cách khác: sửa các lỗi ở trên rồi kiểm tra lại."),
            format!("stopped reading this file after {bad} lines in error; the {unread} lines after them were not checked. It may not be a values file, or it was saved with another separator: fix the errors above and check again."),
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
