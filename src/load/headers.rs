//! Column headers as editors write them: the English names of the data contract, or natural
//! Vietnamese ones (`chỉ tiêu`, `kỳ`, `giá trị`…), in any case, with or without accents and
//! with any spacing. Each kind of file has its own table of Vietnamese headers, since the same
//! word may name different columns in different files (`mã` is a unit's code in `units.csv`).

use crate::text::fold_diacritics;

/// `(column, Vietnamese headers)`, the headers written as [`key`] gives them.
pub type Aliases = &'static [(&'static str, &'static [&'static str])];

/// `data/values/<slug>.csv`.
pub const VALUES: Aliases = &[
    ("indicator", &["chi tieu", "ma chi tieu"]),
    ("period", &["ky", "ky bao cao", "thoi ky"]),
    ("kind", &["loai", "loai so lieu"]),
    ("value", &["gia tri", "so lieu"]),
    ("source", &["nguon", "nguon so lieu"]),
    ("note", &["ghi chu"]),
];

/// `data/units.csv`.
pub const UNITS: Aliases = &[
    ("code", &["ma", "ma don vi", "ma so"]),
    ("slug", &["duong dan", "ten duong dan"]),
    ("name", &["ten", "ten don vi"]),
    ("name_en", &["ten tieng anh", "ten don vi tieng anh"]),
    ("level", &["cap", "cap hanh chinh"]),
    (
        "parent",
        &["don vi cha", "ma don vi cha", "truc thuoc", "cap tren"],
    ),
    ("from", &["tu", "tu ky", "hieu luc tu"]),
    ("until", &["den", "den ky", "hieu luc den"]),
    ("formed_from", &["hinh thanh tu", "thanh lap tu"]),
];

/// `data/indicators.csv`.
pub const INDICATORS: Aliases = &[
    ("code", &["ma", "ma chi tieu"]),
    ("group", &["nhom", "nhom chi tieu"]),
    ("group_en", &["nhom tieng anh", "nhom chi tieu tieng anh"]),
    ("name", &["ten", "ten chi tieu", "chi tieu"]),
    ("name_en", &["ten tieng anh", "ten chi tieu tieng anh"]),
    ("unit", &["don vi tinh", "dvt"]),
    ("unit_en", &["don vi tinh tieng anh", "dvt tieng anh"]),
    ("direction", &["chieu", "huong"]),
    ("measure", &["cach do", "loai so do"]),
    ("numerator", &["tu so"]),
    ("denominator", &["mau so"]),
    ("scale", &["he so", "nhan voi"]),
    ("aggregate", &["cong gop", "cach cong"]),
    (
        "decimals",
        &["so chu so thap phan", "chu so thap phan", "thap phan"],
    ),
];

/// `data/coverage-gaps.csv`.
pub const GAPS: Aliases = &[
    ("village", &["thon", "thon ban", "ten thon"]),
    ("commune", &["xa", "ma xa"]),
    ("district", &["huyen", "ma huyen"]),
    ("operator", &["nha mang", "doanh nghiep"]),
    ("covered", &["da phu song", "phu song"]),
];

/// A header as compared: lower case, without accents, punctuation as spaces, spaces collapsed:
/// `Giá  trị`, `GIÁ TRỊ` and `gia_tri` are all `gia tri`.
pub fn key(header: &str) -> String {
    let folded = fold_diacritics(&header.to_lowercase());
    folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The column a header names: itself when it is one of `aliases`' columns (as written or with
/// spaces for `_`), or the column whose Vietnamese header it is; else the header unchanged.
pub fn column(header: &str, aliases: Aliases) -> String {
    let k = key(header);
    for (name, vietnamese) in aliases {
        if k == key(name) || vietnamese.contains(&k.as_str()) {
            return (*name).to_string();
        }
    }
    header.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vietnamese_headers_in_any_form_name_the_columns() {
        for (written, name) in [
            ("chỉ tiêu", "indicator"),
            ("Chỉ Tiêu", "indicator"),
            ("CHI TIEU", "indicator"),
            ("kỳ", "period"),
            ("Kỳ", "period"),
            ("ky\u{300}", "period"),
            ("loại", "kind"),
            ("  giá   trị ", "value"),
            ("Giá trị", "value"),
            ("nguồn", "source"),
            ("ghi chú", "note"),
            ("Ghi_chú", "note"),
            ("indicator", "indicator"),
            ("Value", "value"),
            ("giá", "giá"),
        ] {
            assert_eq!(column(written, VALUES), name, "{written}");
        }
        assert_eq!(column("Đơn vị cha", UNITS), "parent");
        assert_eq!(column("trực thuộc", UNITS), "parent");
        assert_eq!(column("formed from", UNITS), "formed_from");
        assert_eq!(column("mã", UNITS), "code");
        assert_eq!(column("Số chữ số thập phân", INDICATORS), "decimals");
        assert_eq!(column("ĐVT", INDICATORS), "unit");
    }

    #[test]
    fn no_header_names_two_columns_of_one_file() {
        for table in [VALUES, UNITS, INDICATORS, GAPS] {
            let mut all: Vec<String> = table.iter().map(|(n, _)| key(n)).collect();
            for (_, vi) in table {
                for v in *vi {
                    assert_eq!(key(v), *v, "{v} is written as `key` gives it");
                    all.push(v.to_string());
                }
            }
            let n = all.len();
            all.sort();
            all.dedup();
            assert_eq!(all.len(), n, "{all:?}");
        }
    }
}
