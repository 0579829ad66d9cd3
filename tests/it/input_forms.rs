//! The same figures saved the ways editors' software saves them (UTF-8 CSV, Windows-1258 CSV
//! with `;` and Vietnamese numbers and CRLF, UTF-16, an Excel workbook) publish the same data,
//! byte for byte.

use std::fs;
use std::path::Path;
use std::process::Command;

const UNITS: &str = "code,slug,name,name_en,level,parent\n11,dien-bien,Tỉnh Điện Biên,Dien Bien,province,\n099,tuan-giao,Huyện Tuần Giáo,Tuan Giao,district,11\n100,huyen-dien-bien,Huyện Điện Biên,Dien Bien District,district,11\n";
const INDICATORS: &str = "code,group,name,unit,direction,measure,numerator,denominator,scale,aggregate,decimals\nmobile_subscribers,Thuê bao,Thuê bao di động,Thuê bao,up,stock,,,,sum,0\npopulation,Dân số,Dân số,Người,up,stock,,,,sum,0\nmobile_per_100,Thuê bao,Thuê bao/100 dân,Thuê bao/100 dân,up,stock,mobile_subscribers,population,100,none,1\ncoverage_pct,Hạ tầng,Tỷ lệ phủ sóng,%,up,stock,,,,none,1\n";
/// Tuần Giáo's figures as a comma-separated UTF-8 file.
const TUAN_GIAO_UTF8: &str = "indicator,period,kind,value,source,note\nmobile_subscribers,2019-H1,actual,54204,Báo cáo của huyện,\npopulation,2019-H1,actual,84700,Số liệu minh họa,\ncoverage_pct,2019-H1,actual,87.7,Báo cáo của huyện,\"ghi chú, có dấu phẩy\"\ncoverage_pct,2025,target,90..100,Báo cáo của huyện,\n";
const OTHER: &str = "indicator,period,kind,value,source,note\nmobile_subscribers,2019-H1,actual,41000,x,\npopulation,2019-H1,actual,60000,x,\n";

fn chiso() -> Command {
    Command::new(env!("CARGO_BIN_EXE_chiso"))
}

fn project(dir: &Path, tuan_giao: (&str, Vec<u8>)) {
    fs::create_dir_all(dir.join("data/values")).unwrap();
    fs::write(dir.join("data/units.csv"), UNITS).unwrap();
    fs::write(dir.join("data/indicators.csv"), INDICATORS).unwrap();
    fs::write(dir.join("data/values/huyen-dien-bien.csv"), OTHER).unwrap();
    fs::write(dir.join("data/values").join(tuan_giao.0), tuan_giao.1).unwrap();
}

fn build(dir: &Path) -> (Vec<u8>, Vec<u8>) {
    let out = chiso()
        .args(["build", "--root"])
        .arg(dir)
        .arg("--output")
        .arg(dir.join("site"))
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        fs::read(dir.join("site/data/values.csv")).unwrap(),
        fs::read(dir.join("site/data/tuan-giao.csv")).unwrap(),
    )
}

/// The Windows-1258 bytes of a text: Vietnamese tone marks are separate combining characters
/// in that code page, as Excel writes them.
fn windows_1258(text: &str) -> Vec<u8> {
    let spelled = text
        .replace("ủ", "u\u{309}")
        .replace("ệ", "ê\u{323}")
        .replace("ạ", "a\u{323}")
        .replace("ọ", "o\u{323}")
        .replace("ố", "ô\u{301}")
        .replace("ấ", "â\u{301}")
        .replace("ẩ", "â\u{309}")
        .replace("ả", "a\u{309}")
        .replace("ú", "u\u{301}")
        .replace("ẹ", "e\u{323}")
        .replace("ì", "i\u{300}")
        .replace("ố", "ô\u{301}");
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&spelled);
    assert!(!unmappable, "{spelled}");
    bytes.into_owned()
}

fn semicolon_vietnamese() -> String {
    "indicator;period;kind;value;source;note\r\nmobile_subscribers;2019-H1;actual;54.204;Báo cáo của huyện;\r\npopulation;2019-H1;actual;84.700;Số liệu minh họa;\r\ncoverage_pct;2019-H1;actual;87,7;Báo cáo của huyện;ghi chú, có dấu phẩy\r\ncoverage_pct;2025;target;90..100;Báo cáo của huyện;\r\n".to_string()
}

/// The workbook of Tuần Giáo's figures; with `percent`, the coverage cell is formatted as a
/// percentage, so it holds 0.877 and shows `87.7%`, as an editor who types `87,7%` gets.
fn xlsx_with(percent: bool) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    // (indicator, period, kind, number, text, source, note)
    type Row<'a> = (
        &'a str,
        &'a str,
        &'a str,
        Option<f64>,
        &'a str,
        &'a str,
        &'a str,
    );
    let rows: [Row; 4] = [
        (
            "mobile_subscribers",
            "2019-H1",
            "actual",
            Some(54204.0),
            "",
            "Báo cáo của huyện",
            "",
        ),
        (
            "population",
            "2019-H1",
            "actual",
            Some(84700.0),
            "",
            "Số liệu minh họa",
            "",
        ),
        (
            "coverage_pct",
            "2019-H1",
            "actual",
            Some(87.7),
            "",
            "Báo cáo của huyện",
            "ghi chú, có dấu phẩy",
        ),
        (
            "coverage_pct",
            "2025",
            "target",
            None,
            "90..100",
            "Báo cáo của huyện",
            "",
        ),
    ];
    for (c, h) in ["indicator", "period", "kind", "value", "source", "note"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (ind, period, kind, number, text, source, note)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, *ind).unwrap();
        sheet.write_string(r, 1, *period).unwrap();
        sheet.write_string(r, 2, *kind).unwrap();
        match number {
            Some(n) if percent && *ind == "coverage_pct" => sheet
                .write_number_with_format(
                    r,
                    3,
                    n / 100.0,
                    &rust_xlsxwriter::Format::new().set_num_format("0.0%"),
                )
                .unwrap(),
            Some(n) => sheet.write_number(r, 3, *n).unwrap(),
            None => sheet.write_string(r, 3, *text).unwrap(),
        };
        sheet.write_string(r, 4, *source).unwrap();
        if !note.is_empty() {
            sheet.write_string(r, 5, *note).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

fn xlsx() -> Vec<u8> {
    xlsx_with(false)
}

#[test]
fn every_saved_form_publishes_the_same_data() {
    let forms: Vec<(&str, &str, Vec<u8>)> = vec![
        ("utf-8", "tuan-giao.csv", TUAN_GIAO_UTF8.as_bytes().to_vec()),
        (
            "utf-8 with BOM",
            "tuan-giao.csv",
            [b"\xEF\xBB\xBF".as_slice(), TUAN_GIAO_UTF8.as_bytes()].concat(),
        ),
        (
            "windows-1258 ; CRLF",
            "tuan-giao.csv",
            windows_1258(&semicolon_vietnamese()),
        ),
        ("utf-16 ;", "tuan-giao.csv", {
            let mut b = vec![0xFF, 0xFE];
            for u in semicolon_vietnamese().encode_utf16() {
                b.extend_from_slice(&u.to_le_bytes());
            }
            b
        }),
        ("xlsx", "tuan-giao.xlsx", xlsx()),
        ("xlsx, percentage cell", "tuan-giao.xlsx", xlsx_with(true)),
    ];
    let mut reference: Option<(Vec<u8>, Vec<u8>)> = None;
    for (name, file, bytes) in forms {
        let dir = tempfile::tempdir().unwrap();
        project(dir.path(), (file, bytes));
        let published = build(dir.path());
        let values = String::from_utf8(published.0.clone()).unwrap();
        assert!(
            values.contains("099,mobile_subscribers,2019-H1,actual,54204,entered"),
            "{name}: {values}"
        );
        assert!(
            values.contains("11,mobile_per_100,2019-H1,actual,65.8,derived"),
            "{name}: {values}"
        );
        assert!(
            values.contains("099,coverage_pct,2025,target,90.0,entered"),
            "{name}: {values}"
        );
        let unit = String::from_utf8(published.1.clone()).unwrap();
        assert!(unit.contains("Báo cáo của huyện"), "{name}: {unit}");
        // A range target: its bounds in `value` and `value_max`.
        assert!(
            unit.contains(",target,90.0,100.0,entered,"),
            "{name}: {unit}"
        );
        match &reference {
            None => reference = Some(published),
            Some(r) => {
                assert_eq!(r.0, published.0, "{name}: values.csv differs");
                assert_eq!(r.1, published.1, "{name}: tuan-giao.csv differs");
            }
        }
    }
}

#[test]
fn spreadsheet_messages_name_the_cell() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["indicator", "period", "kind", "value", "source"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "mobile_subscriber").unwrap();
    sheet.write_string(1, 1, "2019-H1").unwrap();
    sheet.write_string(1, 2, "actual").unwrap();
    sheet.write_number(1, 3, 5.0).unwrap();
    sheet.write_string(2, 0, "population").unwrap();
    sheet.write_string(2, 1, "2019 H1").unwrap();
    sheet.write_string(2, 2, "actual").unwrap();
    sheet.write_string(2, 3, "nhiều").unwrap();
    project(
        dir.path(),
        ("tuan-giao.xlsx", book.save_to_buffer().unwrap()),
    );
    let out = chiso()
        .args(["check", "--lang", "en", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("data/values/tuan-giao.xlsx, sheet `Sheet1`, cell `A2` (column `indicator`)"),
        "{text}"
    );
    assert!(
        text.contains("Did you mean `mobile_subscribers`?"),
        "{text}"
    );
    assert!(
        text.contains("data/values/tuan-giao.xlsx, sheet `Sheet1`, cell `B3` (column `period`)"),
        "{text}"
    );
    assert!(
        text.contains("data/values/tuan-giao.xlsx, sheet `Sheet1`, cell `D3` (column `value`)"),
        "{text}"
    );
    // In the terms of a workbook, not of a CSV file's separators.
    assert!(
        text.contains("`nhiều` is not a number: the cell holds text."),
        "{text}"
    );
    assert!(!text.contains("separated by"), "{text}");
}

#[test]
fn a_table_saved_twice_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    project(
        dir.path(),
        ("tuan-giao.csv", TUAN_GIAO_UTF8.as_bytes().to_vec()),
    );
    fs::write(dir.path().join("data/values/tuan-giao.xlsx"), xlsx()).unwrap();
    let out = chiso()
        .args(["check", "--lang", "en", "--root"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(!out.status.success());
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(
        text.contains("tuan-giao.xlsx: error: both this file and `data/values/tuan-giao.csv`"),
        "{text}"
    );
}

#[test]
fn excel_lock_files_beside_an_open_workbook_are_not_read() {
    let dir = tempfile::tempdir().unwrap();
    project(dir.path(), ("tuan-giao.xlsx", xlsx()));
    // Excel keeps `~$name.xlsx` (a few bytes, not a workbook) while the workbook is open;
    // LibreOffice keeps `.~lock.name#`.
    fs::write(
        dir.path().join("data/values/~$tuan-giao.xlsx"),
        b"\x05editor",
    )
    .unwrap();
    fs::write(
        dir.path().join("data/values/.~lock.tuan-giao.xlsx#"),
        b"editor,PC,01.01.2026",
    )
    .unwrap();
    let (values, _) = build(dir.path());
    let values = String::from_utf8(values).unwrap();
    assert!(
        values.contains("099,mobile_subscribers,2019-H1,actual,54204,entered"),
        "{values}"
    );
}
