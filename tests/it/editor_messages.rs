//! Messages that point the editor at the file and cell to change: codes that lost their
//! leading zeros in Excel, a slug mistyped in `units.csv`, a half-year some units have not
//! entered yet, a capped list of warnings, a folder that is not a project, a busy port.

use std::net::TcpListener;

use crate::common::{chiso, Project, LIVES_HEADER, PROVINCE_AND_TWO_DISTRICTS};

/// Điện Biên as before and after the reform: the province, one district until the first half
/// of 2025 with one of its communes, and one commune from 2025. Every code is official.
const DIEN_BIEN: &str = "\
11,dien-bien,Tỉnh Điện Biên,Dien Bien Province,province,,,,
094,dien-bien-phu,Thành phố Điện Biên Phủ,Dien Bien Phu City,district,11,,2025-H1,
03124,noong-bua,Phường Noong Bua,Noong Bua Ward,commune,094,,2025-H1,
03127,phuong-dien-bien-phu,Phường Điện Biên Phủ,Dien Bien Phu Ward,commune,11,2025,,094
";

fn dien_bien(replace: &str, by: &str) -> Project {
    assert!(DIEN_BIEN.contains(replace), "{replace}");
    Project::with_lives(&DIEN_BIEN.replacen(replace, by, 1))
}

/// The lines of a report that are problems, without the count at the end.
fn problems(report: &str) -> Vec<&str> {
    report
        .lines()
        .filter(|l| l.contains(": lỗi: ") || l.contains(": error: "))
        .chain(
            report
                .lines()
                .filter(|l| l.contains(": cảnh báo: ") || l.contains(": warning: ")),
        )
        .collect()
}

#[test]
fn official_codes_give_no_message() {
    let p = dien_bien("", "");
    assert_eq!(p.check(None), "0 lỗi, 0 cảnh báo.\n");
}

#[test]
fn a_district_code_that_lost_its_leading_zero_is_refused_with_the_code_to_write() {
    let p = dien_bien("094,dien-bien-phu", "94,dien-bien-phu");
    p.write(
        "data/units.csv",
        &format!(
            "{LIVES_HEADER}\n{}",
            DIEN_BIEN
                .replacen("094,dien-bien-phu", "94,dien-bien-phu", 1)
                .replacen(",094,,2025-H1", ",94,,2025-H1", 1)
                .replacen(",,094\n", ",,94\n", 1)
        ),
    );
    assert_eq!(
        p.check_fails(None),
        "data/units.csv:3 (cột `code`): lỗi: mã `94` không có trong danh mục đơn vị hành chính chính thức, nhưng `094` thì có: Excel đã bỏ số 0 ở đầu. Ghi `094` (sửa cả các ô `parent`, `formed_from` đang ghi `94`), và định dạng cột `code` là Text để Excel giữ số 0.\n1 lỗi, 0 cảnh báo.\n"
    );
    assert_eq!(
        p.check_fails(Some("en")),
        "data/units.csv:3 (column `code`): error: the code `94` is not in the official list of administrative units, but `094` is: Excel took off the leading zeros. Write `094` (and in the `parent`, `formed_from` cells that say `94`), and format the `code` column as Text so that Excel keeps the zeros.\n1 error(s), 0 warning(s).\n"
    );
}

#[test]
fn a_commune_is_checked_against_the_list_of_its_era() {
    // 3127 is a commune since 2025 (03127) and was one before (03127, under Điện Biên Phủ):
    // both lose their zero the same way.
    let after = dien_bien("03127,phuong", "3127,phuong");
    assert!(
        after.check_fails(None).starts_with("data/units.csv:5 (cột `code`): lỗi: mã `3127` không có trong danh mục đơn vị hành chính chính thức, nhưng `03127` thì có"),
    );
    let before = dien_bien("03124,noong-bua", "3124,noong-bua");
    assert!(before
        .check_fails(Some("en"))
        .starts_with("data/units.csv:4 (column `code`): error: the code `3124` is not in the official list of administrative units, but `03124` is"));
    // A commune of before the reform is not looked for among the communes since: 05665 is a
    // 2025 commune, and no commune before it.
    let old = dien_bien("03124,noong-bua", "05665,noong-bua");
    assert_eq!(
        problems(&old.check(None)),
        ["data/units.csv:4 (cột `code`): cảnh báo: mã `05665` không có trong danh mục đơn vị hành chính chính thức (mã xã trước 1/7/2025). Nếu đây là đơn vị riêng của dự án, bỏ qua cảnh báo này; nếu không, kiểm tra lại mã."]
    );
}

#[test]
fn a_code_in_no_official_list_is_a_warning_for_a_unit_of_the_projects_own() {
    let p = Project::with_lives(&format!(
        "{DIEN_BIEN}90001,khu-cong-nghe,Khu công nghệ số,Digital technology zone,commune,11,2026,,\n"
    ));
    assert_eq!(
        p.check(None),
        "data/units.csv:6 (cột `code`): cảnh báo: mã `90001` không có trong danh mục đơn vị hành chính chính thức (mã xã từ 1/7/2025). Nếu đây là đơn vị riêng của dự án, bỏ qua cảnh báo này; nếu không, kiểm tra lại mã.\n0 lỗi, 1 cảnh báo.\n"
    );
    assert_eq!(
        p.check(Some("en")),
        "data/units.csv:6 (column `code`): warning: the code `90001` is in no official list of administrative units (communes since 1 July 2025). If the unit is one of the project's own, ignore this warning; otherwise check the code.\n0 error(s), 1 warning(s).\n"
    );
    // A unit without dates may be of either era: 096 is a district before the reform.
    let undated = Project::new("11,dien-bien,Tỉnh Điện Biên,Dien Bien,province,\n96,muong-nhe,Huyện Mường Nhé,Muong Nhe,district,11\n");
    assert!(undated.check_fails(None).contains(
        "mã `96` không có trong danh mục đơn vị hành chính chính thức, nhưng `096` thì có"
    ));
}

#[test]
fn a_national_project_checks_its_provinces_below_the_country() {
    let p = Project::new(
        "00,viet-nam,Việt Nam,Viet Nam,country,\n11,dien-bien,Tỉnh Điện Biên,Dien Bien,province,00\n8,tuyen-quang,Tỉnh Tuyên Quang,Tuyen Quang,province,00\n",
    );
    assert_eq!(
        problems(&p.check_fails(Some("en"))),
        ["data/units.csv:4 (column `code`): error: the code `8` is not in the official list of administrative units, but `08` is: Excel took off the leading zeros. Write `08` (and in the `parent`, `formed_from` cells that say `8`), and format the `code` column as Text so that Excel keeps the zeros."]
    );
}

#[test]
fn a_slug_mistyped_in_units_csv_is_one_error_at_its_line() {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", "villages,2024,actual,10");
    p.values("huyen-b", "villages,2024,actual,12");
    p.write("content/huyen-b.md", "+++\n+++\nHuyện Bình Minh.\n");
    p.write("content/huyen-b.en.md", "+++\n+++\nBinh Minh.\n");
    p.write(
        "data/units.csv",
        &std::fs::read_to_string(p.root().join("data/units.csv"))
            .unwrap()
            .replace("002,huyen-b,", "002,huyen-bb,"),
    );
    assert_eq!(
        p.check_fails(None),
        "data/units.csv:4 (cột `slug`): lỗi: slug `huyen-bb` không ứng với tệp nào, còn content/huyen-b.en.md, content/huyen-b.md, data/values/huyen-b.csv mang tên `huyen-b` nhưng không thuộc đơn vị nào. Có phải ý bạn là `huyen-b`? Sửa slug ở dòng này thành `huyen-b` (không đổi tên các tệp).\n1 lỗi, 0 cảnh báo.\n"
    );
    assert_eq!(
        p.check_fails(Some("en")),
        "data/units.csv:4 (column `slug`): error: the slug `huyen-bb` names no file, while content/huyen-b.en.md, content/huyen-b.md, data/values/huyen-b.csv named `huyen-b` belong to no unit. Did you mean `huyen-b`? Correct the slug on this line to `huyen-b` (do not rename the files).\n1 error(s), 0 warning(s).\n"
    );
}

#[test]
fn a_slug_typo_names_the_workbook_that_is_there() {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", "villages,2024,actual,10");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, head) in ["indicator", "period", "kind", "value", "source"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, col as u16, *head).unwrap();
    }
    for (col, cell) in ["villages", "2024", "actual"].iter().enumerate() {
        sheet.write_string(1, col as u16, *cell).unwrap();
    }
    sheet.write_number(1, 3, 12.0).unwrap();
    sheet.write_string(1, 4, "x").unwrap();
    p.write_bytes(
        "data/values/binh-minh.xlsx",
        &book.save_to_buffer().unwrap(),
    );
    p.write(
        "data/units.csv",
        &std::fs::read_to_string(p.root().join("data/units.csv"))
            .unwrap()
            .replace("002,huyen-b,", "002,binh-mihn,"),
    );
    assert_eq!(
        problems(&p.check_fails(Some("en"))),
        ["data/units.csv:4 (column `slug`): error: the slug `binh-mihn` names no file, while data/values/binh-minh.xlsx named `binh-minh` belongs to no unit. Did you mean `binh-minh`? Correct the slug on this line to `binh-minh` (do not rename the files)."]
    );
}

#[test]
fn a_misnamed_file_beside_a_unit_that_has_its_own_file_is_still_the_files_mistake() {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", "villages,2024,actual,10");
    p.values("huyen-b", "villages,2024,actual,12");
    p.values("huyen-bb", "villages,2024,actual,12");
    assert_eq!(
        problems(&p.check_fails(Some("en"))),
        ["data/values/huyen-bb.csv: error: no unit in data/units.csv has the slug `huyen-bb`. Name the file after a unit's slug. Did you mean `huyen-b`?"]
    );
}

#[test]
fn a_unit_that_has_not_entered_a_half_year_others_have_is_one_warning_in_its_file() {
    let p = Project::province_with_two_districts();
    p.values(
        "huyen-a",
        "villages,2025,actual,10\nsubscribers,2025,actual,900\nvillages,2026-H1,actual,11\nsubscribers,2026-H1,actual,950\npopulation,2026-H1,actual,3000",
    );
    p.values(
        "huyen-b",
        "villages,2025,actual,12\nsubscribers,2025,actual,1000",
    );
    assert_eq!(
        p.check(None),
        "data/values/huyen-b.csv: cảnh báo: kỳ 2026-H1, loại `actual`: Huyện Bình Minh chưa có số liệu `villages`, `subscribers`, `population` mà Huyện An Bình đã có, nên chưa tính được tổng của Tỉnh Thử Nghiệm. Thêm số liệu kỳ 2026-H1 vào tệp này, hoặc ghi số của chính Tỉnh Thử Nghiệm vào data/values/tinh.csv.\n0 lỗi, 1 cảnh báo.\n"
    );
    assert_eq!(
        p.check(Some("en")),
        "data/values/huyen-b.csv: warning: 2026-H1, kind `actual`: Huyện Bình Minh has no figure for `villages`, `subscribers`, `population` while Huyện An Bình has, so Tỉnh Thử Nghiệm has no total. Add the figures for 2026-H1 to this file, or enter Tỉnh Thử Nghiệm's own figures in data/values/tinh.csv.\n0 error(s), 1 warning(s).\n"
    );
    // The province's own figures make the totals: nothing to say.
    p.values(
        "tinh",
        "villages,2026-H1,actual,23\nsubscribers,2026-H1,actual,1900\npopulation,2026-H1,actual,6000",
    );
    assert_eq!(p.check(None), "0 lỗi, 0 cảnh báo.\n");
}

#[test]
fn several_units_without_a_half_year_are_one_warning_naming_their_files() {
    let p = Project::new(&format!(
        "{PROVINCE_AND_TWO_DISTRICTS}003,huyen-c,Huyện Cẩm Giang,Cam Giang District,district,01\n004,huyen-d,Huyện Đông Hải,Dong Hai District,district,01\n"
    ));
    p.values(
        "huyen-a",
        "villages,2026-H1,actual,11\nsubscribers,2026-H1,actual,950\npopulation,2026-H1,actual,3000\nrevenue,2026-H1,actual,5\nno_signal,2026-H1,actual,1",
    );
    p.values("huyen-b", "villages,2026-H1,actual,12");
    assert_eq!(
        p.check(Some("en")),
        "data/values: warning: 2026-H1, kind `actual`: Tỉnh Thử Nghiệm has no total for 5 indicators (`villages`, `subscribers`, `population`, …), because figures that Huyện An Bình has are missing: Huyện Bình Minh (data/values/huyen-b.csv: 4 indicators (`subscribers`, `population`, `revenue`, …)), Huyện Cẩm Giang (data/values/huyen-c.csv), Huyện Đông Hải (data/values/huyen-d.csv). Add them, or enter Tỉnh Thử Nghiệm's own figures in data/values/tinh.csv.\n0 error(s), 1 warning(s).\n"
    );
}

#[test]
fn a_period_one_unit_began_names_it_and_the_units_without_it() {
    let p = Project::new(&format!(
        "{PROVINCE_AND_TWO_DISTRICTS}003,huyen-c,Huyện Cẩm Giang,Cam Giang District,district,01\n"
    ));
    for slug in ["huyen-a", "huyen-b", "huyen-c"] {
        p.values(
            slug,
            "villages,2025,estimate,10\nsubscribers,2025,estimate,900",
        );
    }
    p.values(
        "huyen-a",
        "villages,2025,estimate,10\nsubscribers,2025,estimate,900\nvillages,2025,actual,10\nsubscribers,2025,actual,901",
    );
    assert_eq!(
        p.check(None),
        "data/values: cảnh báo: kỳ 2025, loại `actual`: các đơn vị sau chưa có số liệu `villages`, `subscribers` mà Huyện An Bình đã có, nên chưa tính được tổng của Tỉnh Thử Nghiệm: Huyện Bình Minh (data/values/huyen-b.csv), Huyện Cẩm Giang (data/values/huyen-c.csv). Thêm số liệu kỳ 2025 vào tệp của các đơn vị này, hoặc ghi số của chính Tỉnh Thử Nghiệm vào data/values/tinh.csv.\n0 lỗi, 1 cảnh báo.\n"
    );
    assert_eq!(
        p.check(Some("en")),
        "data/values: warning: 2025, kind `actual`: these units have no figure for `villages`, `subscribers` while Huyện An Bình has, so Tỉnh Thử Nghiệm has no total: Huyện Bình Minh (data/values/huyen-b.csv), Huyện Cẩm Giang (data/values/huyen-c.csv). Add the figures for 2025 to their files, or enter Tỉnh Thử Nghiệm's own figures in data/values/tinh.csv.\n0 error(s), 1 warning(s).\n"
    );
}

#[test]
fn a_capped_list_of_warnings_calls_them_warnings() {
    let mut units = String::from("01,tinh,Tỉnh Thử Nghiệm,Test Province,province,\n");
    for i in 0..23 {
        units.push_str(&format!("999{i:02},khu-{i},Khu {i},Zone {i},district,01\n"));
    }
    let p = Project::new(&units);
    let vi = p.check(None);
    assert!(
        vi.ends_with(
            "data/units.csv: … và 3 cảnh báo cùng loại nữa (như dòng 23).\n0 lỗi, 23 cảnh báo.\n"
        ),
        "{vi}"
    );
    assert!(
        !vi.contains("dòng 0") && !vi.contains("lỗi cùng loại"),
        "{vi}"
    );
    let en = p.check(Some("en"));
    assert!(
        en.ends_with("data/units.csv: … and 3 more warnings of the same kind (like line 23).\n0 error(s), 23 warning(s).\n"),
        "{en}"
    );
}

#[test]
fn a_folder_that_is_not_a_project_says_so_and_names_chiso_new() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().to_str().unwrap();
    for command in ["build", "check", "serve"] {
        let run = chiso(&[command, "--root", root]);
        assert!(!run.success);
        assert_eq!(
            run.output,
            format!("lỗi: {root}: không có data/units.csv: đây chưa phải thư mục dự án; chạy `chiso new` để tạo dự án mới, hoặc chạy lệnh trong thư mục dự án (hay chỉ tới nó bằng `--root`).\n"),
            "{command}"
        );
        let run = chiso(&["--lang", "en", command, "--root", root]);
        assert_eq!(
            run.output,
            format!("error: {root}: there is no data/units.csv: this is not a project folder; run `chiso new` to start a project, or run the command in the project's folder (or point `--root` at it).\n"),
            "{command}"
        );
    }
    assert!(!dir.path().join("site").exists());
    let run = chiso(&["check", "--root", &format!("{root}/khong-co")]);
    assert_eq!(
        run.output,
        format!("lỗi: không có thư mục {root}/khong-co. Kiểm tra `--root`, hoặc chạy `chiso new` để tạo dự án mới.\n")
    );
}

#[test]
fn a_refused_build_says_the_site_is_unchanged_only_when_there_is_one() {
    let p = Project::province_with_two_districts();
    p.values("huyen-a", "villages,2024,actual,mười");
    let root = p.root().to_str().unwrap();
    let out = p.root().join("site");
    let out = out.to_str().unwrap();
    let first = chiso(&["build", "--root", root, "--output", out]);
    assert!(!first.success);
    assert!(
        first
            .output
            .ends_with("1 lỗi, 0 cảnh báo.\nChưa dựng trang.\n"),
        "{}",
        first.output
    );
    std::fs::create_dir_all(p.root().join("site")).unwrap();
    let second = chiso(&["--lang", "en", "build", "--root", root, "--output", out]);
    assert!(
        second.output.ends_with(&format!(
            "1 error(s), 0 warning(s).\nNothing was built; {out} is unchanged.\n"
        )),
        "{}",
        second.output
    );
}

#[test]
fn a_busy_port_names_another_to_use() {
    let p = Project::province_with_two_districts();
    let taken = TcpListener::bind(("127.0.0.1", 0)).unwrap();
    let port = taken.local_addr().unwrap().port();
    let root = p.root().to_str().unwrap();
    let port_text = port.to_string();
    for (lang, expected) in [
        ("vi", format!("lỗi: cổng {port} đang được dùng (có thể bởi một `chiso serve` khác vẫn đang chạy). Dừng chương trình đó, hoặc chọn cổng khác: `chiso serve --port ")),
        ("en", format!("error: port {port} is in use (perhaps by another `chiso serve` still running). Stop that program, or choose another port: `chiso serve --port ")),
    ] {
        let run = chiso(&["--lang", lang, "serve", "--root", root, "--port", &port_text]);
        assert!(!run.success);
        let rest = run
            .output
            .strip_prefix(&expected)
            .unwrap_or_else(|| panic!("{}", run.output));
        let suggested: u16 = rest.trim_end_matches("`.\n").parse().expect(&run.output);
        assert!(suggested > port, "{}", run.output);
    }
    drop(taken);
}
