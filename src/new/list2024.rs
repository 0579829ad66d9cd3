//! The official list of provinces and districts before 1 July 2025 (compiled in from
//! `src/official/`): finding a province by its code or name, and its units as rows of a new
//! project's `data/units.csv`.

use super::error::NewError;
use super::names::{english_name, is_number, name_key, nearest_code, split_kind};
use crate::load::text::nfc;
use crate::official::DISTRICTS_2024_CSV as DISTRICTS_CSV;
use crate::routes::is_reserved;
use crate::text::{slugify, suggest};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Province {
    pub code: String,
    /// With its kind, as officially written: `Tỉnh Điện Biên`, `Thành phố Hà Nội`.
    pub name: String,
    pub districts: Vec<District>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct District {
    pub code: String,
    pub name: String,
    /// `Huyện`, `Quận`, `Thị xã` or `Thành phố`.
    pub kind: String,
    pub communes: u32,
}

/// One row of `data/units.csv`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitRow {
    pub code: String,
    pub slug: String,
    pub name: String,
    pub name_en: String,
    pub level: &'static str,
    pub parent: String,
    /// `from`, `until`, `formed_from`: empty in a project of the map before 2025.
    pub from: &'static str,
    pub until: &'static str,
    pub formed_from: String,
}

/// The 63 provinces and their districts, by code.
pub fn provinces() -> Result<Vec<Province>, NewError> {
    let mut reader = csv::Reader::from_reader(DISTRICTS_CSV.as_bytes());
    let mut out: Vec<Province> = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record =
            record.map_err(|e| NewError::Embedded(format!("vn-districts-2024.csv: {e}")))?;
        let field = |n: usize| record.get(n).map(|s| nfc(s.trim()));
        let (Some(pcode), Some(pname), Some(code), Some(name), Some(kind), Some(communes)) =
            (field(0), field(1), field(2), field(3), field(4), field(5))
        else {
            return Err(NewError::Embedded(format!(
                "vn-districts-2024.csv: line {}: missing fields",
                i + 2
            )));
        };
        let district = District {
            code,
            name,
            kind,
            communes: communes.parse().unwrap_or(0),
        };
        match out.iter_mut().find(|p| p.code == pcode) {
            Some(p) => p.districts.push(district),
            None => out.push(Province {
                code: pcode,
                name: pname,
                districts: vec![district],
            }),
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    for p in &mut out {
        p.districts.sort_by(|a, b| a.code.cmp(&b.code));
    }
    Ok(out)
}

/// A province by its code (`11`, `1` for `01`) or its name in any spelling with or without
/// accents (`Điện Biên`, `dien bien`, `Tỉnh Điện Biên`).
pub fn find<'a>(provinces: &'a [Province], query: &str) -> Result<&'a Province, NewError> {
    let q = query.trim();
    let unknown = |suggestion: Option<&Province>| NewError::UnknownProvince {
        given: q.to_string(),
        suggestion: suggestion.map(|p| (p.code.clone(), p.name.clone())),
    };
    if !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit()) {
        let code = if q.len() == 1 {
            format!("0{q}")
        } else {
            q.to_string()
        };
        if let Some(p) = provinces.iter().find(|p| p.code == code) {
            return Ok(p);
        }
        return Err(unknown(nearest_code(provinces, |p| &p.code, q)));
    }
    let key = name_key(q);
    if let Some(p) = provinces.iter().find(|p| name_key(&p.name) == key) {
        return Ok(p);
    }
    let keys: Vec<String> = provinces.iter().map(|p| name_key(&p.name)).collect();
    let close = suggest(&key, keys.iter().map(String::as_str))
        .and_then(|k| provinces.iter().find(|p| name_key(&p.name) == k));
    Err(unknown(close))
}

/// The rows of `data/units.csv`: the province, then its districts by code. A district's slug
/// is its name without the kind unless that would be ambiguous (the province of the same name,
/// or a town and a district sharing a name) or bare digits (`Quận 1`); then the kind stays in.
pub fn units(province: &Province) -> Vec<UnitRow> {
    let (pkind, pbare) = split_kind(&province.name, "Tỉnh");
    let mut root_slug = slugify(pbare);
    if root_slug.is_empty() || is_reserved(&root_slug) {
        root_slug = slugify(&province.name);
    }
    let mut rows = vec![UnitRow {
        code: province.code.clone(),
        slug: root_slug.clone(),
        name: province.name.clone(),
        name_en: english_name(pkind.as_deref(), pbare),
        level: "province",
        parent: String::new(),
        from: "",
        until: "",
        formed_from: String::new(),
    }];
    let parsed: Vec<(Option<String>, &str)> = province
        .districts
        .iter()
        .map(|d| split_kind(&d.name, &d.kind))
        .collect();
    let bare_slugs: Vec<String> = parsed.iter().map(|(_, bare)| slugify(bare)).collect();
    let mut taken = vec![root_slug.clone()];
    for ((d, (kind, bare)), base) in province.districts.iter().zip(&parsed).zip(&bare_slugs) {
        let name = match kind {
            Some(k) => format!("{k} {bare}"),
            None => d.name.clone(),
        };
        let shared = bare_slugs.iter().filter(|s| *s == base).count() > 1;
        let ambiguous =
            shared || *base == root_slug || is_number(base) || base.is_empty() || is_reserved(base);
        let mut slug = if ambiguous {
            slugify(&name)
        } else {
            base.clone()
        };
        if taken.contains(&slug) {
            slug = format!("{slug}-{}", d.code);
        }
        taken.push(slug.clone());
        rows.push(UnitRow {
            code: d.code.clone(),
            slug,
            name,
            name_en: english_name(kind.as_deref(), bare),
            level: "district",
            parent: province.code.clone(),
            from: "",
            until: "",
            formed_from: String::new(),
        });
    }
    rows
}
