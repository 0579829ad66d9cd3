//! Input files that are not what they seem, or far larger than any table: a pipe, a device or a
//! folder where a values file should be, a folder of values linked from outside the project,
//! a header of one enormous line, a file of a million bad rows, workbooks that unpack to
//! gigabytes, control characters in cells and in file names, negative counts and value cells
//! Excel shows as dates. Each is refused (or warned about) by name, at once, in bounded memory.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{Project, VALUES_HEADER};

/// What `chiso --lang en check` printed for the project at `root`, and whether it succeeded;
/// fails the test if chiso takes longer than `secs` (it is then killed).
fn check_within(root: &Path, secs: u64) -> (bool, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_chiso"))
        .args(["--lang", "en", "check", "--root"])
        .arg(root)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run the chiso binary");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait for chiso").is_some() {
            break;
        }
        if start.elapsed() > Duration::from_secs(secs) {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chiso check took more than {secs} s");
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let out = child.wait_with_output().expect("read what chiso printed");
    let printed = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    (out.status.success(), printed)
}

/// A project that checks clean: the province and its two districts, one figure each.
fn project() -> Project {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", "villages,2024,actual,10");
    p.values("huyen-b", "villages,2024,actual,12");
    p
}

#[track_caller]
fn assert_has(report: &str, wanted: &str) {
    assert!(report.contains(wanted), "expected {wanted:?} in\n{report}");
}

#[cfg(unix)]
#[test]
fn a_values_file_that_is_a_pipe_is_refused_at_once_and_named() {
    let p = project();
    let fifo = p.root().join("data/values/huyen-a.csv");
    std::fs::remove_file(&fifo).unwrap();
    let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
    assert!(made.success());
    let (ok, report) = check_within(p.root(), 20);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.csv: error: this is a named pipe",
    );
}

#[cfg(unix)]
#[test]
fn a_values_workbook_that_is_a_pipe_is_refused_by_its_own_name() {
    let p = project();
    std::fs::remove_file(p.root().join("data/values/huyen-a.csv")).unwrap();
    let fifo = p.root().join("data/values/huyen-a.xlsx");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let (ok, report) = check_within(p.root(), 20);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.xlsx: error: this is a named pipe",
    );
}

/// A device inside the project, one that never ends (`/dev/zero`'s numbers), made with `mknod`,
/// which only the administrator may run; the test passes over it elsewhere.
#[cfg(unix)]
#[test]
fn a_device_in_place_of_the_indicators_file_is_refused_at_once() {
    let p = project();
    let units = p.root().join("data/indicators.csv");
    std::fs::remove_file(&units).unwrap();
    let made = Command::new("mknod")
        .arg(&units)
        .args(["c", "1", "5"])
        .stderr(Stdio::null())
        .status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("mknod is not allowed here: passed over");
        return;
    }
    let (ok, report) = check_within(p.root(), 20);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/indicators.csv: error: this is a system device",
    );
}

#[cfg(unix)]
#[test]
fn a_values_folder_linked_from_outside_the_project_is_refused_like_a_linked_file() {
    let p = project();
    let outside = tempfile::tempdir().unwrap();
    let values = p.root().join("data/values");
    for f in ["huyen-a.csv", "huyen-b.csv"] {
        std::fs::rename(values.join(f), outside.path().join(f)).unwrap();
    }
    std::fs::remove_dir(&values).unwrap();
    std::os::unix::fs::symlink(outside.path(), &values).unwrap();
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values: error: this file (or folder) links to a place outside the project folder",
    );
    assert!(!report.contains("huyen-a.csv"), "{report}");
}

#[test]
fn a_folder_in_place_of_a_values_file_is_named_as_a_folder() {
    let p = project();
    let file = p.root().join("data/values/huyen-a.csv");
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.csv: error: this is a folder, not a file",
    );
    let vi = p.check_fails(None);
    assert_has(
        &vi,
        "data/values/huyen-a.csv: lỗi: đây là một thư mục, không phải tệp",
    );
}

#[test]
fn a_folder_in_place_of_the_indicators_file_is_named_as_a_folder() {
    let p = project();
    let file = p.root().join("data/indicators.csv");
    std::fs::remove_file(&file).unwrap();
    std::fs::create_dir(&file).unwrap();
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/indicators.csv: error: this is a folder, not a file",
    );
}

#[test]
fn a_header_of_one_enormous_line_is_refused_at_its_line() {
    let p = project();
    let header = "indicator,".repeat(300_000);
    p.write("data/values/huyen-a.csv", &format!("{header}\nvillages\n"));
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.csv:1: error: this line is longer than 64 KiB",
    );
    assert!(report.lines().count() < 10, "{report}");
}

#[test]
fn a_header_of_too_many_columns_is_refused_at_its_line() {
    let p = project();
    let header: Vec<String> = (0..1000).map(|i| format!("c{i}")).collect();
    p.write(
        "data/values/huyen-a.csv",
        &format!("{}\nvillages\n", header.join(",")),
    );
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.csv:1: error: the table has 1000 columns, more than the limit of 256",
    );
    assert!(report.lines().count() < 10, "{report}");
}

/// Peak memory of `chiso check` on `root`, in KiB, as `/usr/bin/time -v` measures it; `None`
/// where that program is missing.
fn peak_kib(root: &Path) -> Option<(u64, String)> {
    let out = Command::new("/usr/bin/time")
        .arg("-v")
        .arg(env!("CARGO_BIN_EXE_chiso"))
        .args(["--lang", "en", "check", "--root"])
        .arg(root)
        .output()
        .ok()?;
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    let kib = stderr
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("Maximum resident set size (kbytes): ")
        })?
        .trim()
        .parse()
        .ok()?;
    Some((kib, stderr))
}

#[test]
fn a_file_of_many_bad_rows_is_read_until_clearly_wrong_and_costs_the_memory_of_the_file() {
    let p = project();
    let mut text = format!("{VALUES_HEADER}\n");
    let rows = 300_000;
    for i in 0..rows {
        text.push_str(&format!("villages,2024x,actual,abc{i},Số liệu,\n"));
    }
    let size = text.len() as u64;
    p.write("data/values/huyen-a.csv", &text);
    let (ok, report) = check_within(p.root(), 300);
    assert!(!ok);
    // Each bad row has two problems, its period and its value, and reading stops after a
    // thousand such rows: one more problem says so.
    let read = 1000;
    assert_has(
        &report,
        &format!("{} error(s), 0 warning(s).", 2 * read + 1),
    );
    assert_has(
        &report,
        &format!(
            "data/values/huyen-a.csv: … and {} more errors of the same kind (like line 22).",
            read - 20
        ),
    );
    assert_has(
        &report,
        &format!("the {} lines after them were not checked", rows - read),
    );
    assert!(report.lines().count() < 50, "{report}");
    let Some((kib, _)) = peak_kib(p.root()) else {
        eprintln!("/usr/bin/time is missing: memory not measured");
        return;
    };
    // 4× the file, and a base of 100 MiB for the program itself.
    let limit = 4 * size / 1024 + 100 * 1024;
    assert!(
        kib <= limit,
        "peak {kib} KiB for a file of {} KiB (limit {limit} KiB)",
        size / 1024
    );
}

/// A values workbook with `sheet_xml` as its first sheet (named `Số liệu`) and, when given,
/// `shared` as its shared strings: written with rust_xlsxwriter, then its pieces rewritten with
/// the zip crate.
fn workbook_with(sheet_xml: &[u8], shared: Option<&[u8]>) -> Vec<u8> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Số liệu").unwrap();
    for (c, h) in ["indicator", "period", "kind", "value"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let plain = book.save_to_buffer().unwrap();
    let mut from = zip::ZipArchive::new(std::io::Cursor::new(plain)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1))
        .large_file(true);
    for i in 0..from.len() {
        let mut f = from.by_index(i).unwrap();
        let name = f.name().to_string();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut f, &mut bytes).unwrap();
        let bytes = match name.as_str() {
            "xl/worksheets/sheet1.xml" => sheet_xml.to_vec(),
            "xl/sharedStrings.xml" => shared.map_or(bytes, <[u8]>::to_vec),
            _ => bytes,
        };
        out.start_file(name, options).unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const SHEET_HEAD: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>"#;
const SHEET_TAIL: &str = "</sheetData></worksheet>";

#[test]
fn a_workbook_whose_sheet_unpacks_to_more_than_64_mib_is_refused_naming_the_sheet() {
    let p = project();
    std::fs::remove_file(p.root().join("data/values/huyen-a.csv")).unwrap();
    let mut xml = String::from(SHEET_HEAD);
    // The same row again and again: 70 MiB that deflate to well under 1 MiB.
    let row = r#"<row r="2"><c r="A2" t="inlineStr"><is><t>villages</t></is></c></row>"#;
    while xml.len() < 70 * 1024 * 1024 {
        xml.push_str(row);
    }
    xml.push_str(SHEET_TAIL);
    let book = workbook_with(xml.as_bytes(), None);
    assert!(book.len() < 4 * 1024 * 1024, "{} bytes", book.len());
    p.write_bytes("data/values/huyen-a.xlsx", &book);
    let (ok, report) = check_within(p.root(), 120);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.xlsx: error: the sheet `Số liệu`, unpacked, is larger than the limit of 64 MiB",
    );
}

#[test]
fn a_workbook_that_declares_billions_of_shared_strings_is_refused() {
    let p = project();
    std::fs::remove_file(p.root().join("data/values/huyen-a.csv")).unwrap();
    let shared = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3000000000" uniqueCount="3000000000"><si><t>indicator</t></si><si><t>period</t></si><si><t>kind</t></si><si><t>value</t></si></sst>"#;
    let sheet = format!("{SHEET_HEAD}{SHEET_TAIL}");
    p.write_bytes(
        "data/values/huyen-a.xlsx",
        &workbook_with(sheet.as_bytes(), Some(shared.as_bytes())),
    );
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.xlsx: error: the text the sheets share (sharedStrings.xml), unpacked,",
    );
}

#[test]
fn a_small_workbook_with_a_cell_at_xfd1048576_is_refused_before_it_is_read() {
    let p = project();
    std::fs::remove_file(p.root().join("data/values/huyen-a.csv")).unwrap();
    let sheet =
        format!(r#"{SHEET_HEAD}<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>{SHEET_TAIL}"#);
    let book = workbook_with(sheet.as_bytes(), None);
    assert!(book.len() < 16 * 1024);
    p.write_bytes("data/values/huyen-a.xlsx", &book);
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.xlsx: error: the sheet `Số liệu` has cells spread over 1048576 rows × 16384 columns, beyond the limit (1000000 cells, 256 columns).",
    );
}

#[test]
fn a_nul_byte_in_a_cell_is_refused_at_its_cell_and_never_published() {
    let p = project();
    p.values("huyen-a", "villages,2024,actual,10,Báo cáo\u{0}huyện,");
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.csv:2 (column `source`): error: this cell holds the control character \\u{0}",
    );
    assert!(!report.contains('\u{0}'), "{report:?}");
}

#[test]
fn an_escape_in_a_workbook_cell_is_refused_at_its_cell() {
    let p = project();
    std::fs::remove_file(p.root().join("data/values/huyen-a.csv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["indicator", "period", "kind", "value", "note"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["villages", "2024", "actual"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    sheet.write_number(1, 3, 10.0).unwrap();
    sheet.write_string(1, 4, "\u{1b}[2Jxoá").unwrap();
    p.write_bytes("data/values/huyen-a.xlsx", &book.save_to_buffer().unwrap());
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.xlsx, sheet `Sheet1`, cell `E2`: error: this cell holds the control character \\u{1b}",
    );
}

#[test]
fn a_negative_count_is_an_error_and_a_negative_ratio_is_not() {
    let p = project();
    p.values(
        "huyen-a",
        "villages,2024,actual,-5\nrevenue,2024,actual,-100\nratio,2024,actual,-0.5",
    );
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.csv:2 (column `value`): error: `-5` is negative, but this indicator counts or adds things up",
    );
    assert_has(
        &report,
        "data/values/huyen-a.csv:3 (column `value`): error: `-100` is negative",
    );
    assert!(!report.contains(":4 (column `value`)"), "{report}");
}

#[test]
fn a_value_cell_formatted_as_a_date_is_warned_about_at_its_cell() {
    let p = project();
    std::fs::remove_file(p.root().join("data/values/huyen-a.csv")).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["indicator", "period", "kind", "value"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["villages", "2024", "actual"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    let date = rust_xlsxwriter::Format::new().set_num_format("dd/mm/yyyy");
    sheet
        .write_number_with_format(1, 3, 45000.0, &date)
        .unwrap();
    p.write_bytes("data/values/huyen-a.xlsx", &book.save_to_buffer().unwrap());
    let (ok, report) = check_within(p.root(), 60);
    assert!(ok, "{report}");
    assert_has(
        &report,
        "data/values/huyen-a.xlsx, sheet `Sheet1`, cell `D2` (column `value`): warning: the value cell is formatted as a date in Excel: it shows `15/03/2023`, but chiso reads the number `45000` behind it.",
    );
}

#[cfg(unix)]
#[test]
fn a_file_name_holding_an_escape_sequence_is_printed_escaped() {
    let p = project();
    p.write("data/values/\u{1b}[2J\u{1b}[31mhuyen-c.csv", "x\n");
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert!(!report.contains('\u{1b}'), "{report:?}");
    assert_has(
        &report,
        "data/values/\\u{1b}[2J\\u{1b}[31mhuyen-c.csv: error:",
    );
}

#[test]
fn an_escape_in_a_narrative_is_refused_at_its_line() {
    let p = project();
    p.write(
        "content/huyen-a.md",
        "+++\ntitle = \"Huyện An Bình\"\n+++\nĐoạn một.\n\nĐoạn \u{1b}[31mhai.\n",
    );
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "content/huyen-a.md:6: error: this line holds the control character \\u{1b}",
    );
}

#[test]
fn a_folder_named_like_a_narrative_is_named() {
    let p = project();
    std::fs::create_dir_all(p.root().join("content/huyen-a.md")).unwrap();
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "content/huyen-a.md: error: this is a folder, not a file",
    );
}

#[test]
fn a_folder_named_like_an_image_is_named() {
    let p = project();
    p.write(
        "content/huyen-a.md",
        "+++\ntitle = \"Huyện An Bình\"\n+++\n![Trạm BTS](anh/tram.jpg)\n",
    );
    std::fs::create_dir_all(p.root().join("content/anh/tram.jpg")).unwrap();
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok, "{report}");
    assert_has(
        &report,
        "content/huyen-a.md:4: error: this is a folder, not a file",
    );
}

#[test]
fn a_values_file_of_nothing_but_wrong_lines_is_read_only_until_it_is_clearly_wrong() {
    let p = project();
    let mut text = format!("{VALUES_HEADER}\n");
    for n in 0..300_000 {
        text.push_str(&format!("villagez,20x{n},actuel,chín mươi,,\n"));
    }
    p.write("data/values/huyen-a.csv", &text);
    let (ok, report) = check_within(p.root(), 60);
    assert!(!ok);
    assert_has(
        &report,
        "stopped reading this file after 1000 lines in error",
    );
    assert_has(&report, "the 299000 lines after them were not checked");
}
