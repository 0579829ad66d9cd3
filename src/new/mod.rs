//! `chiso new`: a new province's project that builds at once, from the official lists: the
//! province as it is since 1 July 2025 with its communes (and, if asked, its former districts
//! as history), or the province with its districts as it was before (`--before-2025`).

use std::path::{Path, PathBuf};

use crate::lang::Lang;
use crate::words;
use names::split_kind;

mod error;
mod list2024;
mod list2025;
mod names;
pub use error::NewError;
pub use list2024::{find, provinces, units, District, Province, UnitRow};
pub use list2025::{units_2025, Commune, Lists, Province2025};

/// The standard indicators of the district report template, as in the sample project.
const INDICATORS_CSV: &str = include_str!("indicators.csv");
const VALUES_HEADER: &str = "indicator,period,kind,value,source,note\n";

/// Which map a new project follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Map {
    /// The province since 1 July 2025 and its communes; with `history`, its former districts
    /// until the first half of 2025.
    Current { history: bool },
    /// The province and its districts before 1 July 2025.
    Before2025,
}

/// `chiso new --list`: the 34 provinces since 1 July 2025 with their communes' count, then
/// the 63 former ones with what they became; with `Map::Before2025`, the former list alone
/// with the districts' count.
pub fn list(lang: Lang, map: Map) -> Result<String, NewError> {
    let provinces = provinces()?;
    if map == Map::Before2025 {
        return Ok(list_before(lang, &provinces));
    }
    let lists = Lists::load()?;
    let heading = |w: &words::Message| w.text(lang);
    let mut out = format!(
        "{:<4}{:<32}{}\n",
        heading(&words::LIST_CODE),
        heading(&words::LIST_PROVINCE_SINCE),
        heading(&words::LIST_COMMUNES)
    );
    for p in &lists.provinces {
        out.push_str(&format!(
            "{:<4}{:<32}{}\n",
            p.code,
            p.name,
            p.communes.len()
        ));
    }
    out.push_str(&format!(
        "{}\n\n{}\n{:<4}{:<32}{}\n",
        words::fill(
            lang,
            &words::LIST_FOOTER,
            &[("count", &lists.provinces.len())]
        ),
        heading(&words::LIST_BEFORE),
        heading(&words::LIST_CODE),
        heading(&words::LIST_PROVINCE),
        heading(&words::LIST_SINCE)
    ));
    for old in &lists.before {
        let Some(new) = lists.successor(&old.code) else {
            continue;
        };
        let unchanged = new.code == old.code && new.absorbed.len() == 1;
        let became = if unchanged {
            words::LIST_UNCHANGED.text(lang).to_string()
        } else {
            format!("{} {}", new.code, new.name)
        };
        out.push_str(&format!("{:<4}{:<32}{became}\n", old.code, old.name));
    }
    out.push_str(words::LIST_BEFORE_2025_HINT.text(lang));
    out.push('\n');
    Ok(out)
}

/// The list before 1 July 2025, as `chiso new --list` showed it then.
fn list_before(lang: Lang, provinces: &[Province]) -> String {
    let mut out = format!(
        "{:<4}{:<32}{}\n",
        words::LIST_CODE.text(lang),
        words::LIST_PROVINCE.text(lang),
        words::LIST_DISTRICTS.text(lang)
    );
    for p in provinces {
        out.push_str(&format!(
            "{:<4}{:<32}{}\n",
            p.code,
            p.name,
            p.districts.len()
        ));
    }
    out.push_str(&words::fill(
        lang,
        &words::LIST_BEFORE_FOOTER,
        &[("count", &provinces.len())],
    ));
    out.push('\n');
    out
}

/// What `create` made.
#[derive(Debug)]
pub struct Created {
    pub dir: PathBuf,
    pub province: String,
    pub units: usize,
}

impl Created {
    /// The terminal's answer: what was made and what to do next.
    pub fn summary(&self, lang: Lang) -> String {
        words::fill(
            lang,
            &words::NEW_CREATED,
            &[
                ("province", &self.province),
                ("units", &self.units),
                ("dir", &self.dir.display()),
            ],
        )
    }
}

/// What the texts of a new project say about the province and its units.
struct Scope<'a> {
    code: &'a str,
    /// With its kind: `Tỉnh Điện Biên`.
    name: &'a str,
    map: Map,
    /// The units under the province now (districts before 2025, communes since), and their
    /// kinds as they read in a sentence: `huyện, thị xã, thành phố`, `xã, phường`.
    children: usize,
    kinds: String,
    /// The former districts written as history.
    districts: usize,
}

/// Writes a new project for the province `query` (a code or a name) into `dir`, which must
/// not exist or be empty.
pub fn create(dir: &Path, query: &str, map: Map) -> Result<Created, NewError> {
    // Both lists are read before anything is written: a refused province writes nothing.
    let (rows, scope_rows, code, name, kinds, districts) = match map {
        Map::Before2025 => {
            let provinces = provinces()?;
            let province = find(&provinces, query)?;
            let rows = units(province);
            (
                rows,
                province.districts.len(),
                province.code.clone(),
                province.name.clone(),
                kinds_phrase(province),
                0,
            )
        }
        Map::Current { history } => {
            let lists = Lists::load()?;
            let province = lists.find(query)?;
            let rows = units_2025(&lists, province, history);
            let districts = rows.iter().filter(|r| r.level == "district").count();
            (
                rows,
                province.communes.len(),
                province.code.clone(),
                province.name.clone(),
                list2025::commune_kinds(province),
                districts,
            )
        }
    };
    let scope = Scope {
        code: &code,
        name: &name,
        map,
        children: scope_rows,
        kinds,
        districts,
    };
    if dir.exists() {
        let io = |source| NewError::Io {
            path: dir.to_path_buf(),
            source,
        };
        if !dir.is_dir() || std::fs::read_dir(dir).map_err(io)?.next().is_some() {
            return Err(NewError::NotEmpty(dir.to_path_buf()));
        }
    }
    let mut files: Vec<(PathBuf, String)> = vec![
        ("data/units.csv".into(), units_csv(&rows, map)?),
        ("data/indicators.csv".into(), INDICATORS_CSV.to_string()),
        ("content/_index.md".into(), index_md(&scope)),
        ("chiso.toml".into(), chiso_toml(&scope)),
        ("README.md".into(), readme(&scope, &rows)),
    ];
    for row in &rows {
        files.push((
            PathBuf::from("data/values").join(format!("{}.csv", row.slug)),
            VALUES_HEADER.to_string(),
        ));
    }
    for (rel, text) in files {
        let path = dir.join(rel);
        let io = |source| NewError::Io {
            path: path.clone(),
            source,
        };
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(io)?;
        }
        // A byte-order mark makes Excel open a UTF-8 CSV with its accents intact.
        let bytes = if path.extension().is_some_and(|e| e == "csv") {
            [b"\xEF\xBB\xBF".as_slice(), text.as_bytes()].concat()
        } else {
            text.into_bytes()
        };
        std::fs::write(&path, bytes).map_err(io)?;
    }
    Ok(Created {
        dir: dir.to_path_buf(),
        province: name.clone(),
        units: rows.len(),
    })
}

/// A project of the map before 2025 keeps the six columns it always had.
fn units_csv(rows: &[UnitRow], map: Map) -> Result<String, NewError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let embedded = |e: csv::Error| NewError::Embedded(e.to_string());
    let life = map != Map::Before2025;
    let mut header = vec!["code", "slug", "name", "name_en", "level", "parent"];
    if life {
        header.extend(["from", "until", "formed_from"]);
    }
    w.write_record(&header).map_err(embedded)?;
    for r in rows {
        let mut record = vec![
            r.code.as_str(),
            &r.slug,
            &r.name,
            &r.name_en,
            r.level,
            &r.parent,
        ];
        if life {
            record.extend([r.from, r.until, &r.formed_from]);
        }
        w.write_record(&record).map_err(embedded)?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| NewError::Embedded(e.to_string()))?;
    String::from_utf8(bytes).map_err(|e| NewError::Embedded(e.to_string()))
}

/// `tỉnh Điện Biên`, `thành phố Hà Nội`: the name as it reads inside a sentence.
fn in_sentence(name: &str) -> String {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn title(name: &str) -> String {
    format!("Chỉ số phát triển hạ tầng số {}", in_sentence(name))
}

fn title_en(name: &str) -> String {
    let (_, bare) = split_kind(name, "Tỉnh");
    format!("{bare} digital infrastructure indicators")
}

/// `quận, huyện, thị xã`: the kinds of district the province has, in the usual order.
fn kinds_phrase(province: &Province) -> String {
    ["Quận", "Huyện", "Thị xã", "Thành phố"]
        .into_iter()
        .filter(|k| {
            province
                .districts
                .iter()
                .any(|d| d.kind.eq_ignore_ascii_case(k))
        })
        .map(|k| k.to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn chiso_toml(scope: &Scope) -> String {
    format!(
        "# Cài đặt của trang. Mọi mục đều có thể bỏ: khi đó tên trang lấy theo tên tỉnh.\n\
         title = {}\n\
         title_en = {}\n\
         # Ngôn ngữ theo thứ tự: ngôn ngữ đầu tiên ở địa chỉ gốc của trang.\n\
         languages = [\"vi\", \"en\"]\n\
         # Năm kết thúc kế hoạch: chỉ tiêu cuối cùng là chỉ tiêu của năm muộn nhất đến năm này.\n\
         # target_year = 2025\n\
         # Địa chỉ trang khi xuất bản (cho liên kết chính tắc, sơ đồ trang và nguồn tin):\n\
         # base_url = \"https://example.gov.vn/chiso/\"\n",
        toml_string(&title(scope.name)),
        toml_string(&title_en(scope.name)),
    )
}

/// `tỉnh` or `thành phố`: what the province is called inside a sentence.
fn province_word(name: &str) -> String {
    match split_kind(name, "Tỉnh") {
        (Some(kind), _) => kind.to_lowercase(),
        (None, _) => "tỉnh".to_string(),
    }
}

fn index_md(scope: &Scope) -> String {
    let name = in_sentence(scope.name);
    // The text before 2025 said `tỉnh` for a city too; it is kept as it was.
    let (reform, of) = match scope.map {
        Map::Before2025 => (String::new(), "tỉnh".to_string()),
        Map::Current { .. } => {
            let of = province_word(scope.name);
            let mut s = format!(
                " Từ ngày 1/7/2025, sau khi sắp xếp đơn vị hành chính, không còn cấp huyện: các \
                 {} trực thuộc {of} và số liệu được tổng hợp theo từng đơn vị đó.",
                scope.kinds
            );
            if scope.districts > 0 {
                s.push_str(&format!(
                    " Số liệu đến 6 tháng đầu năm 2025 vẫn theo {} đơn vị cấp huyện cũ.",
                    scope.districts
                ));
            }
            (s, of)
        }
    };
    format!(
        "+++\n\
         title = {}\n\
         description = {}\n\
         +++\n\n\
         Trang này theo dõi các chỉ số phát triển hạ tầng số của {name}: phủ sóng thông tin di động \
         và cáp quang đến thôn, bản, tổ dân phố; thuê bao điện thoại và Internet; doanh thu viễn \
         thông của {n} {kinds}, so với các mục tiêu trong kế hoạch của {of}.{reform} *(Đoạn văn mẫu: hãy \
         thay bằng phần giới thiệu của đơn vị, nêu nguồn số liệu và kỳ báo cáo.)*\n",
        toml_string(&title(scope.name)),
        toml_string(&format!(
            "Số liệu hạ tầng viễn thông, thuê bao và doanh thu của {name} và các {}.",
            scope.kinds
        )),
        n = scope.children,
        kinds = scope.kinds,
    )
}

fn readme(scope: &Scope, rows: &[UnitRow]) -> String {
    let table = |rows: &mut dyn Iterator<Item = &UnitRow>| {
        let mut table = String::from("| Mã | Đơn vị | Tệp số liệu |\n|---|---|---|\n");
        for r in rows {
            table.push_str(&format!(
                "| {} | {} | `data/values/{}.csv` |\n",
                r.code, r.name, r.slug
            ));
        }
        table
    };
    let name = in_sentence(scope.name);
    let title = title(scope.name);
    let code = scope.code;
    if scope.map == Map::Before2025 {
        return format!(
            "# {title}\n\n\
             Dự án trang chỉ số của {name} (mã {code}), tạo bằng `chiso new` theo danh mục đơn vị \
             hành chính cấp huyện năm 2024.\n\n\
             ## Việc cần làm tiếp\n\n\
             1. Kiểm tra `data/units.csv`: mã, tên, tên tiếng Anh và `slug` (tên dùng trong đường dẫn \
             và tên tệp số liệu) của tỉnh và từng đơn vị. Nếu địa phương đã sắp xếp lại đơn vị hành \
             chính, sửa danh sách ở đây; cột `parent` ghi mã đơn vị cấp trên.\n\
             2. Nhập số liệu vào `data/values/<slug>.csv`, mỗi đơn vị một tệp, mỗi dòng một số liệu: \
             `indicator` (mã chỉ tiêu trong `data/indicators.csv`), `period` (`2024` cả năm hoặc \
             `2024-H1` sáu tháng đầu năm), `kind` (`actual` thực hiện, `estimate` ước thực hiện, \
             `target` kế hoạch), `value` (số, không kèm đơn vị), `source` (nguồn, ví dụ số hiệu văn \
             bản) và `note`. Tệp mở và lưu được bằng Excel hoặc LibreOffice.\n\
             3. Viết phần giới thiệu trong `content/_index.md` (đang là đoạn văn mẫu) và thuyết minh \
             của từng đơn vị trong `content/<slug>.md`.\n\
             4. Xem trước: trong thư mục này chạy `chiso serve`, rồi mở địa chỉ hiện ra; trang tự tải \
             lại mỗi khi lưu tệp và báo lỗi ngay trên trang nếu số liệu có chỗ sai.\n\
             5. Dựng trang để xuất bản: `chiso build`; kết quả nằm trong thư mục `site/`.\n\n\
             ## Các đơn vị\n\n\
             {}",
            table(&mut rows.iter())
        );
    }
    let kinds = &scope.kinds;
    let history = if scope.districts > 0 {
        format!(
            ", cùng {} đơn vị cấp huyện trước ngày 1/7/2025 (cột `until` = `2025-H1`: có số liệu \
             đến 6 tháng đầu năm 2025) để giữ số liệu cũ; cột `formed_from` của mỗi xã, phường ghi \
             mã các huyện cũ có đất nay thuộc xã, phường đó",
            scope.districts
        )
    } else {
        String::new()
    };
    let of = province_word(scope.name);
    let periods = if scope.districts > 0 {
        format!(
            "các xã, phường có số liệu từ năm `2025` (cả năm), các huyện cũ đến `2025-H1`; số liệu \
             luỹ kế cả năm 2025 (như doanh thu) của toàn {of} nhập cho {of}, vì sáu tháng đầu năm \
             theo huyện và cả năm theo xã không cộng được với nhau"
        )
    } else {
        format!(
            "các xã, phường có số liệu từ năm `2025` (cả năm); số liệu trước đó nhập cho {of}, \
             hoặc tạo lại dự án với `chiso new --history` để có các huyện cũ"
        )
    };
    let mut units_list = format!(
        "### Các {kinds} (từ 1/7/2025)\n\n{}",
        table(&mut rows.iter().filter(|r| r.level != "district"))
    );
    if scope.districts > 0 {
        units_list.push_str(&format!(
            "\n### Các đơn vị cấp huyện trước 1/7/2025\n\n{}",
            table(&mut rows.iter().filter(|r| r.level == "district"))
        ));
    }
    format!(
        "# {title}\n\n\
         Dự án trang chỉ số của {name} (mã {code}), tạo bằng `chiso new` theo danh mục đơn vị \
         hành chính từ ngày 1/7/2025: {n} {kinds} trực thuộc {of}{history}.\n\n\
         ## Việc cần làm tiếp\n\n\
         1. Kiểm tra `data/units.csv`: mã, tên, tên tiếng Anh và `slug` (tên dùng trong đường dẫn \
         và tên tệp số liệu) của tỉnh và từng đơn vị; cột `parent` ghi mã đơn vị cấp trên, `from` \
         và `until` kỳ số liệu đầu tiên và cuối cùng của đơn vị.\n\
         2. Nhập số liệu vào `data/values/<slug>.csv`, mỗi đơn vị một tệp, mỗi dòng một số liệu: \
         `indicator` (mã chỉ tiêu trong `data/indicators.csv`), `period` (`2025` cả năm hoặc \
         `2026-H1` sáu tháng đầu năm; {periods}), `kind` (`actual` thực hiện, `estimate` ước thực \
         hiện, `target` kế hoạch), `value` (số, không kèm đơn vị), `source` (nguồn, ví dụ số hiệu \
         văn bản) và `note`. Tệp mở và lưu được bằng Excel hoặc LibreOffice.\n\
         3. Viết phần giới thiệu trong `content/_index.md` (đang là đoạn văn mẫu) và thuyết minh \
         của từng đơn vị trong `content/<slug>.md`.\n\
         4. Xem trước: trong thư mục này chạy `chiso serve`, rồi mở địa chỉ hiện ra; trang tự tải \
         lại mỗi khi lưu tệp và báo lỗi ngay trên trang nếu số liệu có chỗ sai.\n\
         5. Dựng trang để xuất bản: `chiso build`; kết quả nằm trong thư mục `site/`.\n\n\
         ## Các đơn vị\n\n\
         {units_list}",
        n = scope.children,
    )
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::routes::is_reserved;

    fn all() -> Vec<Province> {
        provinces().unwrap_or_default()
    }

    #[test]
    fn the_list_has_every_province_and_district() {
        let all = all();
        assert_eq!(all.len(), 63);
        assert_eq!(all.iter().map(|p| p.districts.len()).sum::<usize>(), 696);
        assert!(all.iter().all(|p| p.code.len() == 2));
        assert!(all
            .iter()
            .flat_map(|p| &p.districts)
            .all(|d| d.code.len() == 3));
    }

    #[test]
    fn finds_provinces_by_code_or_any_spelling() {
        let all = all();
        for q in [
            "11",
            "Điện Biên",
            "dien bien",
            "Tỉnh Điện Biên",
            "DIEN-BIEN",
            " dien_bien ",
        ] {
            assert_eq!(
                find(&all, q).map(|p| p.code.as_str()).ok(),
                Some("11"),
                "{q}"
            );
        }
        assert_eq!(find(&all, "1").map(|p| p.code.as_str()).ok(), Some("01"));
        assert_eq!(
            find(&all, "ha noi").map(|p| p.code.as_str()).ok(),
            Some("01")
        );
        match find(&all, "dien bein") {
            Err(NewError::UnknownProvince {
                suggestion: Some((code, _)),
                ..
            }) => {
                assert_eq!(code, "11")
            }
            other => panic!("{other:?}"),
        }
        match find(&all, "13") {
            Err(NewError::UnknownProvince {
                suggestion: Some((code, _)),
                ..
            }) => {
                assert_eq!(code, "12")
            }
            other => panic!("{other:?}"),
        }
        let e = find(&all, "Atlantis")
            .err()
            .map(|e| e.describe(Lang::Vi))
            .unwrap_or_default();
        assert!(e.contains("chiso new --list"), "{e}");
    }

    #[test]
    fn dien_bien_units_read_like_the_sample() {
        let all = all();
        let Ok(p) = find(&all, "11") else {
            panic!("no 11")
        };
        let rows = units(p);
        let by_code = |c: &str| rows.iter().find(|r| r.code == c).cloned();
        let root = by_code("11").map(|r| (r.slug, r.level, r.name_en));
        assert_eq!(
            root,
            Some(("dien-bien".into(), "province", "Điện Biên Province".into()))
        );
        let slug_en = |c: &str| by_code(c).map(|r| (r.slug, r.name_en));
        assert_eq!(
            slug_en("099"),
            Some(("tuan-giao".into(), "Tuần Giáo District".into()))
        );
        assert_eq!(
            slug_en("100"),
            Some(("huyen-dien-bien".into(), "Điện Biên District".into()))
        );
        assert_eq!(
            slug_en("094"),
            Some(("dien-bien-phu".into(), "Điện Biên Phủ City".into()))
        );
        assert_eq!(
            slug_en("095"),
            Some(("muong-lay".into(), "Mường Lay Town".into()))
        );
        assert!(rows[1..]
            .iter()
            .all(|r| r.parent == "11" && r.level == "district"));
    }

    #[test]
    fn slugs_are_valid_and_unique_in_every_province() {
        for p in all() {
            let rows = units(&p);
            let mut slugs: Vec<&str> = rows.iter().map(|r| r.slug.as_str()).collect();
            for s in &slugs {
                assert!(crate::load::units::is_slug(s), "{}: {s}", p.name);
                assert!(!is_reserved(s), "{}: {s}", p.name);
            }
            slugs.sort();
            slugs.dedup();
            assert_eq!(slugs.len(), rows.len(), "{}", p.name);
        }
    }

    #[test]
    fn names_take_the_official_kind() {
        let all = all();
        let Ok(bac_kan) = find(&all, "Bắc Kạn") else {
            panic!()
        };
        let city = units(bac_kan).into_iter().find(|r| r.code == "058");
        assert_eq!(
            city.map(|r| (r.name, r.slug, r.name_en)),
            Some((
                "Thành phố Bắc Kạn".into(),
                "thanh-pho-bac-kan".into(),
                "Bắc Kạn City".into()
            ))
        );
        let Ok(hcm) = find(&all, "Hồ Chí Minh") else {
            panic!()
        };
        let rows = units(hcm);
        assert_eq!(rows[0].slug, "ho-chi-minh");
        assert!(rows
            .iter()
            .any(|r| r.slug == "quan-1" && r.name_en == "District 1"));
        let Ok(hanoi) = find(&all, "01") else {
            panic!()
        };
        let rows = units(hanoi);
        assert!(rows
            .iter()
            .any(|r| r.slug == "ba-dinh" && r.name_en == "Ba Đình Urban District"));
        assert!(rows.iter().any(|r| r.name_en == "Sơn Tây Town"));
    }

    #[test]
    fn texts_name_the_province() {
        let all = all();
        let Ok(p) = find(&all, "11") else { panic!() };
        let scope = Scope {
            code: &p.code,
            name: &p.name,
            map: Map::Before2025,
            children: p.districts.len(),
            kinds: kinds_phrase(p),
            districts: 0,
        };
        assert!(index_md(&scope).contains("tỉnh Điện Biên"));
        assert!(
            index_md(&scope).contains("các thị xã, thành phố")
                || index_md(&scope).contains("huyện, thị xã, thành phố")
        );
        let cfg: toml::Value =
            toml::from_str(&chiso_toml(&scope)).unwrap_or(toml::Value::Integer(0));
        assert_eq!(
            cfg.get("title").and_then(|t| t.as_str()),
            Some("Chỉ số phát triển hạ tầng số tỉnh Điện Biên")
        );
    }

    #[test]
    fn texts_of_a_2025_project_speak_of_communes() {
        let scope = Scope {
            code: "08",
            name: "Tỉnh Tuyên Quang",
            map: Map::Current { history: true },
            children: 124,
            kinds: "xã, phường".into(),
            districts: 15,
        };
        let index = index_md(&scope);
        assert!(index.contains("của 124 xã, phường"), "{index}");
        assert!(index.contains("15 đơn vị cấp huyện cũ"), "{index}");
        assert!(
            index.contains("Đoạn văn mẫu"),
            "the sample notice stays: {index}"
        );
        let rows = vec![UnitRow {
            code: "026".into(),
            slug: "dong-van".into(),
            name: "Huyện Đồng Văn".into(),
            name_en: "Dong Van District".into(),
            level: "district",
            parent: "08".into(),
            from: "",
            until: "2025-H1",
            formed_from: String::new(),
        }];
        let readme = readme(&scope, &rows);
        assert!(
            readme.contains("từ ngày 1/7/2025: 124 xã, phường"),
            "{readme}"
        );
        assert!(readme.contains("`formed_from`"), "{readme}");
        assert!(
            readme.contains("### Các đơn vị cấp huyện trước 1/7/2025"),
            "{readme}"
        );
    }
}
