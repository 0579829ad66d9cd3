//! The half-year report as a Word document in the official form, and `chiso.toml`'s `[report]`
//! section that fills its head and signature: what is not given stays a dotted blank, and what
//! is wrong is refused with its line. The document's text is read from the `.docx` package's
//! `word/document.xml` (python-docx and LibreOffice read it in tests/docx/check_report.py).

use std::io::{Cursor, Read};

use crate::common::Project;

fn fixture() -> Project {
    let project = Project::province_with_two_districts();
    // District B has a report too, but no signer's name in the test below.
    project.values("huyen-b", "subscribers,2024-H1,actual,2000");
    project.values(
        "huyen-a",
        "subscribers,2023-H1,actual,1000
         subscribers,2023,actual,1100
         subscribers,2024,target,1200
         subscribers,2024-H1,actual,1150
         subscribers,2024,estimate,1250",
    );
    project
}

/// The text of the document's body: what is between `<w:t>` tags, a line per paragraph.
fn document_text(docx: &[u8]) -> String {
    let mut archive = zip::ZipArchive::new(Cursor::new(docx)).expect("a .docx is a zip");
    let mut xml = String::new();
    archive
        .by_name("word/document.xml")
        .expect("word/document.xml")
        .read_to_string(&mut xml)
        .expect("UTF-8");
    let mut out = String::new();
    for paragraph in xml.split("</w:p>") {
        // `<w:t>` and `<w:t xml:space="preserve">`, not `<w:tbl…>` nor `<w:tc…>`.
        for piece in paragraph.split("<w:t").skip(1) {
            if !piece.starts_with(['>', ' ']) {
                continue;
            }
            let Some((_, rest)) = piece.split_once('>') else {
                continue;
            };
            out.push_str(rest.split("</w:t>").next().unwrap_or(""));
        }
        out.push('\n');
    }
    out.replace("&amp;", "&")
}

fn lines(text: &str) -> Vec<&str> {
    text.lines().filter(|l| !l.is_empty()).collect()
}

#[test]
fn without_a_report_section_the_head_and_signature_are_dotted_blanks() {
    let project = fixture();
    let site = project.build();
    let text = document_text(&site.read_bytes("data/reports/huyen-a-2024-H1.docx"));
    let lines = lines(&text);
    for expected in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Số: ……/……",
        "……, ngày …… tháng …… năm 2024",
        "BÁO CÁO",
        "Nơi nhận:",
        "- ……;",
        "- Lưu: VT, …….",
    ] {
        assert!(lines.contains(&expected), "{expected:?} in {lines:?}");
    }
    // The agency and the signer's title and name: blanks too, in the same places.
    assert_eq!(lines[0], "……", "the agency: {lines:?}");
    assert_eq!(&lines[lines.len() - 2..], ["……", "……"], "{lines:?}");
    // The figures as the page shows them: 1.150 / 1.200 = 95,8 %.
    assert!(
        lines.contains(&"1.150") && lines.contains(&"95,8"),
        "{lines:?}"
    );
    assert!(
        lines.contains(&"9=7/6") && lines.contains(&"11=8/6"),
        "{lines:?}"
    );
}

#[test]
fn the_report_section_fills_the_head_and_the_signature_for_each_level_and_unit() {
    let project = fixture();
    project.write(
        "chiso.toml",
        r#"[report]
agency = { district = "UBND {unit}" }
parent_agency = { district = "UBND {parent}" }
symbol = "BC-UBND"
place = { district = "{name}" }
signer_title = { district = "KT. Chủ tịch\nPhó Chủ tịch" }
signer_name = { "001" = "Nguyễn Văn A" }
recipients = { district = ["UBND tỉnh (b/c);", "Lưu: VT."] }
"#,
    );
    let site = project.build();
    let text = document_text(&site.read_bytes("data/reports/huyen-a-2024-H1.docx"));
    let lines = lines(&text);
    assert_eq!(
        lines[..3],
        [
            "UBND TỈNH THỬ NGHIỆM",
            "UBND HUYỆN AN BÌNH",
            "Số: ……/BC-UBND"
        ]
    );
    assert!(
        lines.contains(&"An Bình, ngày …… tháng …… năm 2024"),
        "{lines:?}"
    );
    assert_eq!(
        lines[lines.len() - 6..],
        [
            "Nơi nhận:",
            "- UBND tỉnh (b/c);",
            "- Lưu: VT.",
            "KT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "Nguyễn Văn A"
        ]
    );
    // District B has no signer's name of its own: it stays blank.
    let b = document_text(&site.read_bytes("data/reports/huyen-b-2024-H1.docx"));
    assert_eq!(b.lines().rfind(|l| !l.is_empty()), Some("……"));
    assert!(b.lines().any(|l| l == "UBND HUYỆN BÌNH MINH"), "{b}");
}

#[test]
fn the_workbook_carries_the_same_head_above_its_table() {
    use calamine::{open_workbook_from_rs, Data, Reader, Xlsx};
    let project = fixture();
    project.write(
        "chiso.toml",
        "[report]\nagency = { district = \"UBND {unit}\" }\nsymbol = \"BC-UBND\"\n",
    );
    let site = project.build();
    let bytes = site.read_bytes("data/reports/huyen-a.xlsx");
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("a workbook");
    let sheet = book
        .worksheet_range("6 tháng 2024")
        .expect("the first sheet");
    let cell = |r: u32, c: u32| match sheet.get_value((r, c)) {
        Some(Data::String(s)) => s.clone(),
        other => format!("{other:?}"),
    };
    assert_eq!(cell(1, 0), "UBND HUYỆN AN BÌNH");
    assert_eq!(cell(2, 0), "Số: ……/BC-UBND");
    assert_eq!(cell(0, 3), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    assert_eq!(cell(1, 3), "Độc lập - Tự do - Hạnh phúc");
    assert_eq!(cell(2, 3), "……, ngày …… tháng …… năm 2024");
    assert_eq!(cell(4, 0), "BÁO CÁO 6 THÁNG ĐẦU NĂM 2024 – HUYỆN AN BÌNH");
}

#[test]
fn a_level_no_unit_has_is_refused_with_its_line() {
    let project = fixture();
    project.write(
        "chiso.toml",
        "title = \"x\"\n\n[report]\nsymbol = \"BC-UBND\"\nagency = { huyen = \"UBND {unit}\" }\n",
    );
    let vi = project.check_fails(Some("vi"));
    assert!(
        vi.contains("chiso.toml:5: lỗi: `[report]` `agency`: không có đơn vị nào thuộc cấp `huyen` trong data/units.csv. Các cấp có: province, district."),
        "{vi}"
    );
    let en = project.check_fails(Some("en"));
    assert!(
        en.contains("chiso.toml:5: error: `[report]` `agency`: no unit in data/units.csv has the level `huyen`. The levels are: province, district."),
        "{en}"
    );
}

#[test]
fn a_signer_for_an_unknown_unit_code_is_refused_with_a_suggestion() {
    let project = fixture();
    project.write(
        "chiso.toml",
        "[report]\n\n[report.signer_name]\n\"001\" = \"Nguyễn Văn A\"\n\"0002\" = \"Trần Thị B\"\n",
    );
    let en = project.check_fails(Some("en"));
    assert!(
        en.contains("chiso.toml:5: error: `[report]` `signer_name`: no unit in data/units.csv has the code `0002`."),
        "{en}"
    );
    assert!(en.contains("`002`"), "a suggestion: {en}");
    assert!(!en.contains("`001`"), "only the wrong code: {en}");
}

#[test]
fn an_unknown_placeholder_is_refused_and_the_known_ones_named() {
    let project = fixture();
    project.write(
        "chiso.toml",
        "[report]\nplace = { district = \"{huyen}\" }\n",
    );
    let vi = project.check_fails(Some("vi"));
    assert!(
        vi.contains("chiso.toml:2: lỗi: `[report]` `place`: không có chỗ điền `{huyen}`. Dùng `{unit}` (tên đơn vị), `{name}` (tên không kèm cấp: \"Tuần Giáo\") hoặc `{parent}` (tên đơn vị cấp trên)."),
        "{vi}"
    );
}

#[test]
fn a_setting_of_the_wrong_kind_is_refused_with_its_line() {
    let project = fixture();
    project.write(
        "chiso.toml",
        "[report]\nsymbol = \"BC-UBND\"\nrecipients = \"UBND tỉnh\"\n",
    );
    let en = project.check_fails(Some("en"));
    assert!(
        en.contains("chiso.toml:3: error: chiso.toml is broken:"),
        "{en}"
    );
    let project = fixture();
    project.write("chiso.toml", "[report]\nsigner = \"A\"\n");
    let en = project.check_fails(Some("en"));
    assert!(
        en.contains("chiso.toml:2: error: chiso.toml is broken: unknown field `signer`"),
        "{en}"
    );
}

#[test]
fn the_same_report_gives_the_same_document() {
    let project = fixture();
    let first = project
        .build()
        .read_bytes("data/reports/huyen-a-2024-H1.docx");
    let again = crate::common::build_root_to(project.root(), &project.root().join("again"))
        .read_bytes("data/reports/huyen-a-2024-H1.docx");
    assert_eq!(first, again);
    let mut archive = zip::ZipArchive::new(Cursor::new(first)).expect("a zip");
    let mut core = String::new();
    archive
        .by_name("docProps/core.xml")
        .expect("core properties")
        .read_to_string(&mut core)
        .expect("UTF-8");
    assert!(core.contains("2024-07-01T00:00:00Z"), "{core}");
    for i in 0..archive.len() {
        let part = archive.by_index(i).expect("a part");
        let modified = part.last_modified().expect("a date");
        assert_eq!(
            (modified.year(), modified.month(), modified.day()),
            (1980, 1, 1),
            "{}",
            part.name()
        );
    }
}
