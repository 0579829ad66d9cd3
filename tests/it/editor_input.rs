//! What an editor in an office that works in Excel writes, and what chiso says back, word for
//! word in Vietnamese and in English: dots between thousands in a comma-separated file or a
//! workbook's text cell, periods written the office's way or turned into dates by Excel,
//! Vietnamese headers and kinds, workbooks chiso does not read, and files that are not values
//! files. Every message about a workbook names the workbook, its sheet and the cell.

use std::fs;
use std::path::Path;

use crate::common::{build_root_to, copy_dir, sample_copy, Project};

/// A cell of a test workbook.
enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    /// A number shown as a date (`dd/mm/yyyy`), as Excel stores what it takes for a date.
    Date(f64),
}
use Cell::{Date, Number, Text};

/// A values workbook, sheet `Sheet1`, headed `indicator, period, kind, value, source` from A1.
fn workbook(rows: &[[Cell; 4]]) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["indicator", "period", "kind", "value", "source"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    for (r, row) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, cell) in row.iter().enumerate() {
            let c = c as u16;
            match cell {
                Text(t) => sheet.write_string(r, c, *t).unwrap(),
                Number(n) => sheet.write_number(r, c, *n).unwrap(),
                Date(n) => sheet.write_number_with_format(r, c, *n, &date).unwrap(),
            };
        }
        sheet.write_string(r, 4, "Báo cáo của huyện").unwrap();
    }
    book.save_to_buffer().unwrap()
}

/// The lines of a report that contain `needle`.
fn lines_with<'a>(report: &'a str, needle: &str) -> Vec<&'a str> {
    report.lines().filter(|l| l.contains(needle)).collect()
}

#[track_caller]
fn assert_says(report: &str, line: &str) {
    assert!(
        report.lines().any(|l| l == line),
        "expected the line\n{line}\nin\n{report}"
    );
}

#[test]
fn a_thousands_separator_in_a_comma_file_is_refused() {
    let p = Project::province_with_two_districts();
    p.values(
        "huyen-a",
        "subscribers,2024,actual,54.748
         villages,2024,actual,1.810
         population,2024,actual,1.054.748
         subscribers,2025,target,85.500
         subscribers,2026,target,85.500..90.000
         internet_pct,2024,actual,87.500
         ratio,2024,actual,1.054.748
         villages,2023,actual,181",
    );
    let vi = p.check_fails(None);
    assert_says(&vi, "data/values/huyen-a.csv:2 (cột `value`): lỗi: `54.748` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng tệp này phân cách bằng dấu phẩy nên dấu chấm là dấu thập phân, mà chỉ tiêu này ghi số nguyên (`decimals = 0`). Ghi `54748`.");
    assert_says(&vi, "data/values/huyen-a.csv:3 (cột `value`): lỗi: `1.810` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng tệp này phân cách bằng dấu phẩy nên dấu chấm là dấu thập phân, mà chỉ tiêu này ghi số nguyên (`decimals = 0`). Ghi `1810`.");
    assert_says(&vi, "data/values/huyen-a.csv:4 (cột `value`): lỗi: `1.054.748` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng tệp này phân cách bằng dấu phẩy nên dấu chấm là dấu thập phân, mà chỉ tiêu này ghi số nguyên (`decimals = 0`). Ghi `1054748`.");
    assert_says(&vi, "data/values/huyen-a.csv:5 (cột `value`): lỗi: `85.500` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng tệp này phân cách bằng dấu phẩy nên dấu chấm là dấu thập phân, mà chỉ tiêu này ghi số nguyên (`decimals = 0`). Ghi `85500`.");
    assert_says(&vi, "data/values/huyen-a.csv:6 (cột `value`): lỗi: `85.500..90.000` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng tệp này phân cách bằng dấu phẩy nên dấu chấm là dấu thập phân, mà chỉ tiêu này ghi số nguyên (`decimals = 0`). Ghi `85500..90000`.");
    // A figure shown with decimals may have three of them; two dots never make a decimal.
    assert!(lines_with(&vi, "huyen-a.csv:7").is_empty(), "{vi}");
    assert_says(&vi, "data/values/huyen-a.csv:8 (cột `value`): lỗi: `1.054.748` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng tệp này phân cách bằng dấu phẩy nên dấu chấm là dấu thập phân. Ghi `1054748`.");
    assert!(vi.contains("6 lỗi"), "{vi}");
    let en = p.check_fails(Some("en"));
    assert_says(&en, "data/values/huyen-a.csv:2 (column `value`): error: `54.748` looks like a dot between thousands, but this file is separated by commas, so a dot is the decimal point, and this indicator has no decimals (`decimals = 0`). Write `54748`.");
    assert_says(&en, "data/values/huyen-a.csv:8 (column `value`): error: `1.054.748` looks like a dot between thousands, but this file is separated by commas, so a dot is the decimal point. Write `1054748`.");
}

#[test]
fn the_same_figures_in_a_semicolon_file_are_read_as_thousands() {
    let p = Project::province_with_two_districts();
    p.write(
        "data/values/huyen-a.csv",
        "indicator;period;kind;value\nsubscribers;2024;actual;54.748\nvillages;2024;actual;1.810\n",
    );
    let site = p.build();
    site.assert_value(
        crate::common::DISTRICT_A,
        "subscribers",
        "2024",
        "actual",
        "54748",
    );
    site.assert_value(
        crate::common::DISTRICT_A,
        "villages",
        "2024",
        "actual",
        "1810",
    );
}

#[test]
fn a_thousands_separator_in_a_workbook_text_cell_names_the_workbook_sheet_and_cell() {
    let p = Project::province_with_two_districts();
    let rows = [
        [
            Text("subscribers"),
            Text("2019"),
            Text("actual"),
            Number(70000.0),
        ],
        [
            Text("subscribers"),
            Text("2020"),
            Text("actual"),
            Number(71000.0),
        ],
        [
            Text("subscribers"),
            Text("2021"),
            Text("actual"),
            Number(72000.0),
        ],
        [
            Text("subscribers"),
            Text("2022"),
            Text("actual"),
            Number(74000.0),
        ],
        [
            Text("subscribers"),
            Text("2023"),
            Text("actual"),
            Number(76000.0),
        ],
        [
            Text("subscribers"),
            Text("2024"),
            Text("actual"),
            Text("78.412"),
        ],
        // A number the workbook holds is read as it is: 1.5 villages per … is what was typed.
        [Text("ratio"), Text("2024"), Text("actual"), Number(54.748)],
    ];
    p.write_bytes("data/values/huyen-a.xlsx", &workbook(&rows));
    let vi = p.check_fails(None);
    assert_says(&vi, "data/values/huyen-a.xlsx, trang tính `Sheet1`, ô `D7` (cột `value`): lỗi: `78.412` có vẻ dùng dấu chấm để phân cách hàng nghìn, nhưng ô này chứa chữ nên dấu chấm được đọc là dấu thập phân, mà chỉ tiêu này ghi số nguyên (`decimals = 0`). Gõ `78412` vào ô, dạng số.");
    assert!(vi.contains("1 lỗi, 0 cảnh báo."), "{vi}");
    assert!(!vi.contains("huyen-a.csv"), "{vi}");
    assert!(!vi.contains("xlsx:"), "{vi}");
    let en = p.check_fails(Some("en"));
    assert_says(&en, "data/values/huyen-a.xlsx, sheet `Sheet1`, cell `D7` (column `value`): error: `78.412` looks like a dot between thousands, but the cell holds text, so the dot is read as a decimal point, and this indicator has no decimals (`decimals = 0`). Type `78412` in the cell, as a number.");
}

#[test]
fn warnings_about_a_workbooks_figures_name_the_workbook_sheet_and_cell() {
    let p = Project::province_with_two_districts();
    let rows = [
        [
            Text("subscribers"),
            Text("2022"),
            Text("actual"),
            Number(50000.0),
        ],
        [
            Text("subscribers"),
            Text("2023"),
            Text("actual"),
            Number(20000.0),
        ],
        [
            Text("subscribers"),
            Text("2024"),
            Text("actual"),
            Number(20000.0),
        ],
    ];
    p.write_bytes("data/values/huyen-a.xlsx", &workbook(&rows));
    let vi = p.check(None);
    let about_a = lines_with(&vi, "huyen-a");
    assert!(!about_a.is_empty(), "{vi}");
    for line in &about_a {
        assert!(
            line.starts_with("data/values/huyen-a.xlsx, trang tính `Sheet1`, ô `D"),
            "{line}"
        );
    }
    assert!(
        about_a.iter().any(|l| l.starts_with(
            "data/values/huyen-a.xlsx, trang tính `Sheet1`, ô `D3` (cột `value`): cảnh báo:"
        )),
        "{vi}"
    );
    let en = p.check(Some("en"));
    assert!(
        en.lines().any(|l| l.starts_with(
            "data/values/huyen-a.xlsx, sheet `Sheet1`, cell `D3` (column `value`): warning:"
        )),
        "{en}"
    );
}

#[test]
fn periods_written_the_offices_way_are_refused_with_the_period_to_write() {
    let p = Project::province_with_two_districts();
    p.values(
        "huyen-a",
        "subscribers,6T/2026,actual,1
         subscribers,6 tháng 2026,actual,1
         subscribers,6 tháng đầu năm 2026,actual,1
         subscribers,2026-6,actual,1
         subscribers,2026-06,actual,1
         subscribers,6/2026,actual,1
         subscribers,06/2026,actual,1
         subscribers,12/2026,actual,1
         subscribers,12T/2026,actual,1
         subscribers,Năm 2025,actual,1
         subscribers,năm 2025,actual,1
         subscribers,2025.0,actual,1
         subscribers,46203,actual,1
         subscribers,3/2026,actual,1",
    );
    let vi = p.check_fails(None);
    let h1 = "Ghi `2026-H1` (6 tháng đầu năm 2026): chiso chỉ nhận `YYYY` cho cả năm và `YYYY-H1` cho 6 tháng đầu năm.";
    for (line, written) in [
        (2, "6T/2026"),
        (3, "6 tháng 2026"),
        (4, "6 tháng đầu năm 2026"),
        (5, "2026-6"),
        (6, "2026-06"),
        (7, "6/2026"),
        (8, "06/2026"),
    ] {
        assert_says(
            &vi,
            &format!("data/values/huyen-a.csv:{line} (cột `period`): lỗi: kỳ `{written}` không đúng cách ghi. {h1}"),
        );
    }
    for (line, written, year) in [
        (9, "12/2026", "2026"),
        (10, "12T/2026", "2026"),
        (11, "Năm 2025", "2025"),
        (12, "năm 2025", "2025"),
        (13, "2025.0", "2025"),
    ] {
        assert_says(
            &vi,
            &format!("data/values/huyen-a.csv:{line} (cột `period`): lỗi: kỳ `{written}` không đúng cách ghi. Ghi `{year}` (cả năm {year}): chiso chỉ nhận `YYYY` cho cả năm và `YYYY-H1` cho 6 tháng đầu năm."),
        );
    }
    assert_says(&vi, "data/values/huyen-a.csv:14 (cột `period`): lỗi: kỳ `46203` là ngày 30/06/2026: Excel đã tự đổi kỳ gõ vào ô thành ngày. Ghi `2026-H1` (6 tháng đầu năm 2026), và định dạng cột kỳ là Văn bản (Text) trước khi gõ để Excel không đổi nữa.");
    assert_says(&vi, "data/values/huyen-a.csv:15 (cột `period`): lỗi: kỳ `3/2026` là một tháng: chiso chỉ nhận số liệu cả năm và 6 tháng đầu năm. Ghi `YYYY` cho cả năm hoặc `YYYY-H1` cho 6 tháng đầu năm.");
    assert!(!vi.contains("không hợp lệ"), "{vi}");
    let en = p.check_fails(Some("en"));
    assert_says(&en, "data/values/huyen-a.csv:2 (column `period`): error: the period `6T/2026` is not written the way chiso reads it. Write `2026-H1` (the first half of 2026): chiso reads only `YYYY` for a whole year and `YYYY-H1` for the first six months.");
    assert_says(&en, "data/values/huyen-a.csv:11 (column `period`): error: the period `Năm 2025` is not written the way chiso reads it. Write `2025` (the whole year 2025): chiso reads only `YYYY` for a whole year and `YYYY-H1` for the first six months.");
    assert_says(&en, "data/values/huyen-a.csv:14 (column `period`): error: the period `46203` is the date 30/06/2026: Excel turned what was typed into a date. Write `2026-H1` (the first half of 2026), and format the period column as Text before typing, so that Excel leaves it alone.");
}

#[test]
fn a_period_cell_excel_made_a_date_is_refused_with_the_period_to_write() {
    let p = Project::province_with_two_districts();
    let rows = [
        [
            Text("subscribers"),
            Date(46203.0),
            Text("actual"),
            Number(1.0),
        ],
        [
            Text("subscribers"),
            Number(46022.0),
            Text("actual"),
            Number(1.0),
        ],
    ];
    p.write_bytes("data/values/huyen-a.xlsx", &workbook(&rows));
    let vi = p.check_fails(None);
    assert_says(&vi, "data/values/huyen-a.xlsx, trang tính `Sheet1`, ô `B2` (cột `period`): lỗi: kỳ `46203` là ngày 30/06/2026: Excel đã tự đổi kỳ gõ vào ô thành ngày. Ghi `2026-H1` (6 tháng đầu năm 2026), và định dạng cột kỳ là Văn bản (Text) trước khi gõ để Excel không đổi nữa.");
    assert_says(&vi, "data/values/huyen-a.xlsx, trang tính `Sheet1`, ô `B3` (cột `period`): lỗi: kỳ `46022` là ngày 31/12/2025: Excel đã tự đổi kỳ gõ vào ô thành ngày. Ghi `2025` (cả năm 2025), và định dạng cột kỳ là Văn bản (Text) trước khi gõ để Excel không đổi nữa.");
    let en = p.check_fails(Some("en"));
    assert_says(&en, "data/values/huyen-a.xlsx, sheet `Sheet1`, cell `B2` (column `period`): error: the period `46203` is the date 30/06/2026: Excel turned what was typed into a date. Write `2026-H1` (the first half of 2026), and format the period column as Text before typing, so that Excel leaves it alone.");
}

#[test]
fn an_empty_value_says_to_write_the_figure_or_delete_the_row() {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", "subscribers,2024,actual,");
    let vi = p.check_fails(None);
    assert_says(&vi, "data/values/huyen-a.csv:2 (cột `value`): lỗi: ô giá trị đang để trống. Ghi số liệu vào ô; nếu chưa có số liệu của kỳ này thì xoá cả dòng.");
    let en = p.check_fails(Some("en"));
    assert_says(&en, "data/values/huyen-a.csv:2 (column `value`): error: the value cell is empty. Write the figure; if there is no figure for this period, delete the whole row.");
}

#[test]
fn a_short_row_in_a_semicolon_file_speaks_of_semicolons() {
    let p = Project::province_with_two_districts();
    p.write(
        "data/values/huyen-a.csv",
        "indicator;period;kind;value;source;note\nsubscribers;2024;actual;54.748;BC;\nsubscribers;2023;actual\n",
    );
    let vi = p.check_fails(None);
    assert_says(&vi, "data/values/huyen-a.csv:3: lỗi: dòng có 3 ô nhưng dòng tiêu đề có 6 cột. Tệp này phân cách bằng dấu chấm phẩy `;`: kiểm tra dấu `;` thừa hoặc thiếu (dùng dấu ngoặc kép \"…\" quanh ô có dấu `;`).");
    assert!(!vi.contains("có dấu phẩy"), "{vi}");
    let en = p.check_fails(Some("en"));
    assert_says(&en, "data/values/huyen-a.csv:3: error: the line has 3 fields but the header has 6. This file is separated by semicolons `;`: look for a missing or extra `;` (put \"…\" around a cell that contains one).");
}

#[test]
fn an_xls_workbook_is_refused_by_name_and_other_files_are_named_once() {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", "subscribers,2024,actual,5");
    p.write_bytes(
        "data/values/huyen-b.xls",
        b"\xD0\xCF\x11\xE0 an old workbook",
    );
    p.write("data/values/ghi-chu.txt", "số liệu quý 3 gửi sau");
    p.write_bytes("data/values/huyen-a.ods", b"PK ods");
    p.write(".DS_Store", "");
    p.write("data/values/.DS_Store", "");
    let vi = p.check_fails(None);
    assert_says(&vi, "data/values/huyen-b.xls: lỗi: chiso không đọc tệp `.xls` (Excel 97–2003). Mở tệp trong Excel, chọn Tệp → Lưu thành (File → Save As), chọn kiểu Sổ làm việc Excel (*.xlsx) hoặc CSV UTF-8, rồi xoá tệp `.xls`.");
    assert_says(&vi, "data/values/ghi-chu.txt: cảnh báo: tệp này không phải tệp số liệu (trong `data/values/` chỉ đọc tệp `.csv` và `.xlsx`), chiso bỏ qua. Chuyển tệp ra khỏi `data/values/`.");
    assert_says(&vi, "data/values/huyen-a.ods: cảnh báo: chiso không đọc loại tệp này nên không số liệu nào trong đó được xuất bản. Lưu thành Sổ làm việc Excel (.xlsx) hoặc CSV, đặt tên theo đơn vị (ví dụ `tuan-giao.xlsx`).");
    assert_eq!(lines_with(&vi, "ghi-chu.txt").len(), 1, "{vi}");
    assert!(!vi.contains("DS_Store"), "{vi}");
    assert!(vi.contains("1 lỗi, 2 cảnh báo."), "{vi}");
    let en = p.check_fails(Some("en"));
    assert_says(&en, "data/values/huyen-b.xls: error: chiso does not read `.xls` files (Excel 97–2003). Open the file in Excel, choose File → Save As, pick Excel Workbook (*.xlsx) or CSV UTF-8, then delete the `.xls` file.");
    assert_says(&en, "data/values/ghi-chu.txt: warning: this is not a values file (only `.csv` and `.xlsx` files are read in `data/values/`), so chiso leaves it aside. Move it out of `data/values/`.");
}

#[test]
fn units_saved_as_xls_are_refused_by_name() {
    let p = Project::province_with_two_districts();
    fs::remove_file(p.root().join("data/units.csv")).unwrap();
    p.write_bytes("data/units.xls", b"\xD0\xCF\x11\xE0");
    let vi = p.check_fails(None);
    assert_says(&vi, "data/units.xls: lỗi: chiso không đọc tệp `.xls` (Excel 97–2003). Mở tệp trong Excel, chọn Tệp → Lưu thành (File → Save As), chọn kiểu Sổ làm việc Excel (*.xlsx) hoặc CSV UTF-8, rồi xoá tệp `.xls`.");
    assert!(!vi.contains("units.csv"), "{vi}");
}

#[test]
fn a_workbook_open_in_excel_is_named_and_its_saved_figures_published() {
    let p = Project::province_with_two_districts();
    let rows = [[
        Text("subscribers"),
        Text("2024"),
        Text("actual"),
        Number(5.0),
    ]];
    p.write_bytes("data/values/huyen-a.xlsx", &workbook(&rows));
    // Excel writes `~$` over the first two letters of the workbook's name.
    p.write_bytes("data/values/~$yen-a.xlsx", b"\x05editor");
    let vi = p.check(None);
    assert_says(&vi, "data/values/~$yen-a.xlsx: cảnh báo: sổ `huyen-a.xlsx` đang mở trong Excel (Excel để lại tệp này khi mở sổ). chiso đọc bản đã lưu lần cuối: lưu và đóng sổ trong Excel trước khi xuất bản. Nếu Excel đã đóng mà tệp này vẫn còn, xoá nó.");
    let en = p.check(Some("en"));
    assert_says(&en, "data/values/~$yen-a.xlsx: warning: the workbook `huyen-a.xlsx` is open in Excel (Excel leaves this file while a workbook is open). chiso reads what was last saved: save and close the workbook in Excel before publishing. If Excel is closed and this file remains, delete it.");
    p.build().assert_value(
        crate::common::DISTRICT_A,
        "subscribers",
        "2024",
        "actual",
        "5",
    );
}

#[test]
fn vietnamese_headers_and_kinds_are_read_as_the_english_ones() {
    let p = Project::province_with_two_districts();
    p.write(
        "data/values/huyen-a.csv",
        "Chỉ tiêu,KỲ,Loại,Giá  trị,Nguồn,Ghi chú\n\
         subscribers,2024,Thực hiện,50,BC,\n\
         subscribers,2025,ước thực hiện,60,BC,\n\
         subscribers,2026,Ước,70,BC,\n\
         subscribers,2025,Kế hoạch,65,KH,\n\
         villages,2025,mục tiêu,10,KH,\n\
         villages,2024,thuc hien,8,BC,\n",
    );
    p.write(
        "data/values/huyen-b.csv",
        "chi tieu;ky;loai;gia tri\nsubscribers;2024;THỰC HIỆN;40\n",
    );
    let site = p.build();
    let a = crate::common::DISTRICT_A;
    site.assert_value(a, "subscribers", "2024", "actual", "50");
    site.assert_value(a, "subscribers", "2025", "estimate", "60");
    site.assert_value(a, "subscribers", "2026", "estimate", "70");
    site.assert_value(a, "subscribers", "2025", "target", "65");
    site.assert_value(a, "villages", "2025", "target", "10");
    site.assert_value(a, "villages", "2024", "actual", "8");
    site.assert_value(
        crate::common::DISTRICT_B,
        "subscribers",
        "2024",
        "actual",
        "40",
    );
}

/// The header and `kind` cells of a CSV file rewritten as a Vietnamese office writes them.
fn in_vietnamese(path: &Path, headers: &[(&str, &str)], kinds: bool) {
    let text = fs::read_to_string(path).unwrap();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut kind_col = None;
    for (i, record) in reader.records().enumerate() {
        let record = record.unwrap();
        let cells: Vec<String> = record
            .iter()
            .enumerate()
            .map(|(c, cell)| {
                if i == 0 {
                    if cell == "kind" {
                        kind_col = Some(c);
                    }
                    let vi = headers.iter().find(|(en, _)| *en == cell);
                    return vi.map_or(cell, |(_, vi)| vi).to_string();
                }
                if kinds && Some(c) == kind_col {
                    // Both spellings an office uses, in turn.
                    let odd = i % 2 == 1;
                    return match (cell, odd) {
                        ("actual", true) => "Thực hiện",
                        ("actual", false) => "thuc hien",
                        ("estimate", true) => "Ước thực hiện",
                        ("estimate", false) => "ước",
                        ("target", true) => "Kế hoạch",
                        ("target", false) => "MỤC TIÊU",
                        (other, _) => other,
                    }
                    .to_string();
                }
                cell.to_string()
            })
            .collect();
        writer.write_record(&cells).unwrap();
    }
    fs::write(path, writer.into_inner().unwrap()).unwrap();
}

#[test]
fn the_sample_written_with_vietnamese_headers_and_kinds_publishes_the_same_site() {
    let dir = tempfile::tempdir().unwrap();
    let english = sample_copy(&dir.path().join("en"));
    let vietnamese = dir.path().join("vi").join("dien-bien");
    copy_dir(&english, &vietnamese);
    in_vietnamese(
        &vietnamese.join("data/units.csv"),
        &[
            ("code", "Mã"),
            ("slug", "Đường dẫn"),
            ("name", "Tên"),
            ("name_en", "Tên tiếng Anh"),
            ("level", "Cấp"),
            ("parent", "Trực thuộc"),
            ("from", "Từ"),
            ("until", "Đến"),
            ("formed_from", "Hình thành từ"),
        ],
        false,
    );
    in_vietnamese(
        &vietnamese.join("data/indicators.csv"),
        &[
            ("code", "Mã chỉ tiêu"),
            ("group", "Nhóm"),
            ("group_en", "Nhóm (tiếng Anh)"),
            ("name", "Tên chỉ tiêu"),
            ("name_en", "Tên chỉ tiêu (tiếng Anh)"),
            ("unit", "Đơn vị tính"),
            ("unit_en", "ĐVT tiếng Anh"),
            ("direction", "Chiều"),
            ("measure", "Cách đo"),
            ("numerator", "Tử số"),
            ("denominator", "Mẫu số"),
            ("scale", "Hệ số"),
            ("aggregate", "Cộng gộp"),
            ("decimals", "Số chữ số thập phân"),
        ],
        false,
    );
    let values = [
        ("indicator", "Chỉ tiêu"),
        ("period", "Kỳ"),
        ("kind", "Loại"),
        ("value", "Giá trị"),
        ("source", "Nguồn"),
        ("note", "Ghi chú"),
    ];
    let mut changed = 0;
    for e in fs::read_dir(vietnamese.join("data/values")).unwrap() {
        in_vietnamese(&e.unwrap().path(), &values, true);
        changed += 1;
    }
    assert!(changed > 20);
    in_vietnamese(
        &vietnamese.join("data/coverage-gaps.csv"),
        &[
            ("village", "Thôn bản"),
            ("commune", "Xã"),
            ("district", "Huyện"),
            ("operator", "Nhà mạng"),
            ("covered", "Đã phủ sóng"),
        ],
        false,
    );
    let tuan_giao = fs::read_to_string(vietnamese.join("data/values/tuan-giao.csv")).unwrap();
    assert!(tuan_giao.starts_with("Chỉ tiêu,Kỳ,Loại,Giá trị,Nguồn,Ghi chú"));
    assert!(tuan_giao.contains("Thực hiện") && !tuan_giao.contains(",actual,"));
    let a = build_root_to(&english, &dir.path().join("site-en"));
    let b = build_root_to(&vietnamese, &dir.path().join("site-vi"));
    // The build manifest holds hashes of the input files, which differ by design.
    let (mut a, mut b) = (a.files(), b.files());
    for files in [&mut a, &mut b] {
        assert!(files.remove(Path::new(".chiso-manifest.json")).is_some());
    }
    assert!(
        a.contains_key(Path::new("data/values.csv")),
        "{:?}",
        a.keys()
    );
    let differ: Vec<_> = a
        .iter()
        .filter(|(p, bytes)| b.get(*p) != Some(*bytes))
        .map(|(p, _)| p.display().to_string())
        .chain(
            b.keys()
                .filter(|p| !a.contains_key(*p))
                .map(|p| p.display().to_string()),
        )
        .collect();
    assert!(differ.is_empty(), "these differ: {differ:?}");
}

#[test]
fn a_part_larger_than_its_whole_in_a_workbook_names_both_cells() {
    let p = Project::province_with_two_districts();
    let rows = [
        [
            Text("villages"),
            Text("2024"),
            Text("actual"),
            Number(237.0),
        ],
        [
            Text("covered"),
            Text("2024"),
            Text("actual"),
            Number(2350.0),
        ],
    ];
    p.write_bytes("data/values/huyen-a.xlsx", &workbook(&rows));
    let vi = p.check_fails(None);
    assert!(
        vi.contains("là 2.350 thôn (data/values/huyen-a.xlsx, trang tính `Sheet1`, ô `D3`)"),
        "{vi}"
    );
    assert!(
        vi.contains("là 237 thôn (data/values/huyen-a.xlsx, trang tính `Sheet1`, ô `D2`)"),
        "{vi}"
    );
    assert!(!vi.contains("dòng"), "{vi}");
    let en = p.check_fails(Some("en"));
    assert!(
        en.contains("(data/values/huyen-a.xlsx, sheet `Sheet1`, cell `D3`)"),
        "{en}"
    );
}
