//! The official list since 1 July 2025, when the districts were abolished: 34 provinces and
//! their 3,321 communes, wards and special zones, which pre-2025 districts each commune took
//! land from, and which 2025 province each of the 63 former provinces became part of. A
//! province's new project is made from it; a former province is refused with its successor.

use std::collections::BTreeSet;

use super::error::NewError;
use super::list2024::{provinces, units, Province, UnitRow};
use super::names::{english_name, is_number, name_key, nearest_code, split_kind};
use crate::load::text::nfc;
use crate::routes;
use crate::text::{fold_diacritics, slugify, suggest};

// The compiled lists (`src/official/`, derived from `shared/fixtures/` by
// `scripts/derive-lineage.py`).
use crate::official::UNITS_2025_CSV as UNITS_CSV;
use crate::official::{LINEAGE_2025_CSV as LINEAGE_CSV, PROVINCES_2025_CSV as PROVINCES_CSV};

/// The first period of a commune and the last of a district: the reform took effect on
/// 1 July 2025, so the districts' last figures are of the first half of 2025.
pub const FROM: &str = "2025";
pub const UNTIL: &str = "2025-H1";

/// A province as it is since 1 July 2025.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Province2025 {
    pub code: String,
    /// With its kind: `Tỉnh Tuyên Quang`, `Thành phố Huế`.
    pub name: String,
    pub name_en: String,
    pub communes: Vec<Commune>,
    /// The codes of the pre-2025 provinces whose land it holds, its own former self included.
    pub absorbed: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commune {
    pub code: String,
    /// With its kind: `Xã Tuần Giáo`, `Phường Điện Biên Phủ`, `Đặc khu Lý Sơn`.
    pub name: String,
    pub name_en: String,
    /// The pre-2025 districts its land came from, sorted; empty where the list has no lineage.
    pub formed_from: Vec<String>,
}

/// Both maps: the 2025 provinces and the 2024 ones they were made of.
#[derive(Debug, Clone)]
pub struct Lists {
    pub provinces: Vec<Province2025>,
    pub before: Vec<Province>,
}

fn embedded(file: &str, e: impl std::fmt::Display) -> NewError {
    NewError::Embedded(format!("{file}: {e}"))
}

/// Reads a compiled list; every row must have `n` fields.
fn rows(file: &str, text: &str, n: usize) -> Result<Vec<Vec<String>>, NewError> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let mut out = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| embedded(file, e))?;
        if record.len() != n {
            return Err(embedded(
                file,
                format!("line {}: {} fields", i + 2, record.len()),
            ));
        }
        out.push(record.iter().map(|s| nfc(s.trim())).collect());
    }
    Ok(out)
}

impl Lists {
    /// The lists compiled into the program, checked against each other: a broken one is a bug.
    pub fn load() -> Result<Lists, NewError> {
        let before = provinces()?;
        let mut out: Vec<Province2025> = Vec::new();
        for row in rows("vn-units-2025.csv", UNITS_CSV, 5)? {
            let [code, name, name_en, level, parent] =
                <[String; 5]>::try_from(row).map_err(|_| embedded("vn-units-2025.csv", "row"))?;
            match level.as_str() {
                "province" => out.push(Province2025 {
                    code,
                    name,
                    name_en,
                    communes: Vec::new(),
                    absorbed: Vec::new(),
                }),
                "commune" => out
                    .iter_mut()
                    .find(|p| p.code == parent)
                    .ok_or_else(|| embedded("vn-units-2025.csv", format!("{code}: parent")))?
                    .communes
                    .push(Commune {
                        code,
                        name,
                        name_en,
                        formed_from: Vec::new(),
                    }),
                other => return Err(embedded("vn-units-2025.csv", other)),
            }
        }
        for row in rows("provinces-2025.csv", PROVINCES_CSV, 2)? {
            let (old, new) = (&row[0], &row[1]);
            if !before.iter().any(|p| &p.code == old) {
                return Err(embedded("provinces-2025.csv", format!("{old}: unknown")));
            }
            out.iter_mut()
                .find(|p| &p.code == new)
                .ok_or_else(|| embedded("provinces-2025.csv", format!("{new}: unknown")))?
                .absorbed
                .push(old.clone());
        }
        for row in rows("lineage-2025.csv", LINEAGE_CSV, 2)? {
            let (commune, district) = (&row[0], &row[1]);
            let province = out
                .iter_mut()
                .find(|p| p.communes.iter().any(|c| &c.code == commune))
                .ok_or_else(|| embedded("lineage-2025.csv", format!("{commune}: unknown")))?;
            // The districts must all be in a `--history` project, which holds the districts of
            // the provinces absorbed.
            let known = before
                .iter()
                .filter(|p| province.absorbed.contains(&p.code))
                .flat_map(|p| &p.districts)
                .any(|d| &d.code == district);
            if !known {
                return Err(embedded(
                    "lineage-2025.csv",
                    format!("{commune}: {district} is not a district of its province"),
                ));
            }
            if let Some(c) = province.communes.iter_mut().find(|c| &c.code == commune) {
                c.formed_from.push(district.clone());
            }
        }
        out.sort_by(|a, b| a.code.cmp(&b.code));
        for p in &mut out {
            p.communes.sort_by(|a, b| a.code.cmp(&b.code));
            p.absorbed.sort();
            for c in &mut p.communes {
                c.formed_from.sort();
                c.formed_from.dedup();
            }
        }
        if let Some(old) = before
            .iter()
            .find(|o| !out.iter().any(|p| p.absorbed.contains(&o.code)))
        {
            return Err(embedded(
                "provinces-2025.csv",
                format!("{}: missing", old.code),
            ));
        }
        Ok(Lists {
            provinces: out,
            before,
        })
    }

    /// The 2025 province a pre-2025 province became part of.
    pub fn successor(&self, old_code: &str) -> Option<&Province2025> {
        self.provinces
            .iter()
            .find(|p| p.absorbed.iter().any(|c| c == old_code))
    }

    /// The pre-2025 provinces a 2025 province was made of, by code.
    pub fn absorbed(&self, province: &Province2025) -> Vec<&Province> {
        self.before
            .iter()
            .filter(|o| province.absorbed.contains(&o.code))
            .collect()
    }

    /// A 2025 province by its code (`8`, `08`) or name in any spelling. A former province's
    /// code or name is refused with the province it joined.
    pub fn find(&self, query: &str) -> Result<&Province2025, NewError> {
        let q = query.trim();
        let unknown = |suggestion: Option<&Province2025>| NewError::UnknownProvince {
            given: q.to_string(),
            suggestion: suggestion.map(|p| (p.code.clone(), p.name.clone())),
        };
        let merged = |old: &Province, by_code: bool| match self.successor(&old.code) {
            Some(new) => NewError::Merged {
                given: q.to_string(),
                old_code: old.code.clone(),
                old_name: old.name.clone(),
                new_code: new.code.clone(),
                new_name: new.name.clone(),
                by_code,
            },
            None => unknown(None),
        };
        if !q.is_empty() && q.bytes().all(|b| b.is_ascii_digit()) {
            let code = if q.len() == 1 {
                format!("0{q}")
            } else {
                q.to_string()
            };
            if let Some(p) = self.provinces.iter().find(|p| p.code == code) {
                return Ok(p);
            }
            if let Some(old) = self.before.iter().find(|p| p.code == code) {
                return Err(merged(old, true));
            }
            return Err(unknown(nearest_code(&self.provinces, |p| &p.code, q)));
        }
        let key = name_key(q);
        if let Some(p) = self.provinces.iter().find(|p| name_key(&p.name) == key) {
            return Ok(p);
        }
        if let Some(old) = self.before.iter().find(|p| name_key(&p.name) == key) {
            return Err(merged(old, false));
        }
        let keys: Vec<String> = self.provinces.iter().map(|p| name_key(&p.name)).collect();
        let close = suggest(&key, keys.iter().map(String::as_str))
            .and_then(|k| self.provinces.iter().find(|p| name_key(&p.name) == k));
        Err(unknown(close))
    }
}

/// The kinds of commune as officially written.
pub const COMMUNE_KINDS: [&str; 3] = ["Xã", "Phường", "Đặc khu"];

/// `Phường Điện Biên Phủ` → (`Phường`, `Điện Biên Phủ`).
fn split_commune_kind(name: &str) -> (Option<&'static str>, &str) {
    for kind in COMMUNE_KINDS {
        if let Some(rest) = name.strip_prefix(kind).filter(|r| r.starts_with(' ')) {
            return (Some(kind), rest.trim());
        }
    }
    (None, name.trim())
}

/// The rows of a 2025 project's `data/units.csv`: the province, then (with `history`) the
/// districts of every province it absorbed, ended after the first half of 2025, then its
/// communes from 2025, each formed from the districts its land came from.
///
/// A district keeps the slug `--before-2025` gives it, so a former project's figures files
/// carry over; where two absorbed provinces had districts of the same name, each takes its
/// province's name too (`chau-thanh-ben-tre`). A commune's slug is its name without the kind
/// unless that is ambiguous (another commune, the province, a former district, digits, a
/// reserved name); then the kind stays in (`xa-tuan-giao`), and the code is added where even
/// that is shared. The districts are set aside whether or not they are written, so that
/// adding the history later renames no commune.
pub fn units_2025(lists: &Lists, province: &Province2025, history: bool) -> Vec<UnitRow> {
    let (pkind, pbare) = split_kind(&province.name, "Tỉnh");
    let mut root_slug = slugify(pbare);
    if root_slug.is_empty() || routes::is_reserved(&root_slug) {
        root_slug = slugify(&province.name);
    }
    let mut rows = vec![UnitRow {
        code: province.code.clone(),
        slug: root_slug.clone(),
        name: province.name.clone(),
        name_en: if province.name_en.is_empty() {
            english_name(pkind.as_deref(), pbare)
        } else {
            province.name_en.clone()
        },
        level: "province",
        parent: String::new(),
        from: "",
        until: "",
        formed_from: String::new(),
    }];

    let mut districts: Vec<UnitRow> = Vec::new();
    for old in lists.absorbed(province) {
        let (_, old_bare) = split_kind(&old.name, "Tỉnh");
        let old_slug = slugify(old_bare);
        for mut row in units(old).into_iter().skip(1) {
            row.parent = province.code.clone();
            row.name_en = fold_diacritics(&row.name_en);
            row.until = UNTIL;
            // Kept aside until every province's districts are in: a shared slug is then
            // suffixed on both sides, so neither district looks like the only one.
            row.formed_from = old_slug.clone();
            districts.push(row);
        }
    }
    let mut taken: BTreeSet<String> = BTreeSet::from([root_slug.clone()]);
    let district_slugs: Vec<String> = districts.iter().map(|d| d.slug.clone()).collect();
    for d in &mut districts {
        let shared = district_slugs.iter().filter(|s| **s == d.slug).count() > 1;
        if shared || d.slug == root_slug {
            d.slug = format!("{}-{}", d.slug, d.formed_from);
        }
        if taken.contains(&d.slug) {
            d.slug = format!("{}-{}", d.slug, d.code);
        }
        d.formed_from.clear();
        taken.insert(d.slug.clone());
    }

    let parsed: Vec<(Option<&str>, &str)> = province
        .communes
        .iter()
        .map(|c| split_commune_kind(&c.name))
        .collect();
    let bare: Vec<String> = parsed.iter().map(|(_, b)| slugify(b)).collect();
    let candidates: Vec<String> = province
        .communes
        .iter()
        .zip(&bare)
        .map(|(c, base)| {
            let ambiguous = bare.iter().filter(|s| *s == base).count() > 1
                || taken.contains(base)
                || is_number(base)
                || base.is_empty()
                || routes::is_reserved(base);
            if ambiguous {
                slugify(&c.name)
            } else {
                base.clone()
            }
        })
        .collect();
    let mut communes = Vec::new();
    for (c, candidate) in province.communes.iter().zip(&candidates) {
        // `Xã Văn Lăng` and `Xã Văn Lang` fold alike: both take their code.
        let shared = candidates.iter().filter(|s| *s == candidate).count() > 1;
        let mut slug = candidate.clone();
        if shared || taken.contains(&slug) || routes::is_reserved(&slug) {
            slug = format!("{slug}-{}", c.code);
        }
        taken.insert(slug.clone());
        communes.push(UnitRow {
            code: c.code.clone(),
            slug,
            name: c.name.clone(),
            name_en: c.name_en.clone(),
            level: "commune",
            parent: province.code.clone(),
            from: FROM,
            until: "",
            formed_from: if history {
                c.formed_from.join(" ")
            } else {
                String::new()
            },
        });
    }
    if history {
        rows.extend(districts);
    }
    rows.extend(communes);
    rows
}

/// `xã, phường, đặc khu`: the kinds of commune the province has, in the usual order.
pub fn commune_kinds(province: &Province2025) -> String {
    COMMUNE_KINDS
        .into_iter()
        .filter(|k| {
            province
                .communes
                .iter()
                .any(|c| split_commune_kind(&c.name).0 == Some(*k))
        })
        .map(|k| k.to_lowercase())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    fn lists() -> Lists {
        match Lists::load() {
            Ok(l) => l,
            Err(e) => panic!("{e}"),
        }
    }

    fn find<'a>(lists: &'a Lists, q: &str) -> &'a Province2025 {
        match lists.find(q) {
            Ok(p) => p,
            Err(e) => panic!("{q}: {e}"),
        }
    }

    #[test]
    fn the_list_has_34_provinces_and_3321_communes() {
        let l = lists();
        assert_eq!(l.provinces.len(), 34);
        assert_eq!(
            l.provinces.iter().map(|p| p.communes.len()).sum::<usize>(),
            3321
        );
        assert!(l.provinces.iter().all(|p| p.code.len() == 2));
        let communes = l.provinces.iter().flat_map(|p| &p.communes);
        assert!(communes.clone().all(|c| c.code.len() == 5));
        assert_eq!(communes.filter(|c| !c.formed_from.is_empty()).count(), 3300);
        assert_eq!(
            l.provinces.iter().map(|p| p.absorbed.len()).sum::<usize>(),
            63
        );
        assert_eq!(find(&l, "38").communes.len(), 166);
        assert_eq!(find(&l, "Điện Biên").communes.len(), 45);
        assert_eq!(find(&l, "tuyen quang").absorbed, ["02", "08"]);
    }

    #[test]
    fn a_former_province_is_refused_with_the_one_it_joined() {
        let l = lists();
        for q in ["02", "2", "Hà Giang", "ha giang", "Tỉnh Hà Giang"] {
            match l.find(q) {
                Err(e @ NewError::Merged { .. }) => {
                    let vi = e.describe(Lang::Vi);
                    assert!(
                        vi.contains(
                            "Tỉnh Hà Giang đã hợp nhất vào Tỉnh Tuyên Quang từ 1/7/2025; dùng \
                             `--province 08`, thêm `--history` để giữ số liệu của các huyện cũ"
                        ),
                        "{vi}"
                    );
                    let en = e.describe(Lang::En);
                    assert!(en.contains("`--province 08`"), "{en}");
                    assert!(en.contains("--history"), "{en}");
                    assert!(en.contains("--before-2025"), "{en}");
                }
                other => panic!("{q}: {other:?}"),
            }
        }
        // Lào Cai kept its name but took Yên Bái's code: its old code says so.
        match l.find("10") {
            Err(e @ NewError::Merged { .. }) => {
                let vi = e.describe(Lang::Vi);
                assert!(vi.contains("`--province 15`"), "{vi}");
                assert!(vi.contains("mã cũ"), "{vi}");
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(find(&l, "Lào Cai").code, "15");
        assert_eq!(find(&l, "11").name, "Tỉnh Điện Biên");
        assert_eq!(find(&l, "24").name, "Tỉnh Bắc Ninh");
        match l.find("Dien Bein") {
            Err(NewError::UnknownProvince {
                suggestion: Some((code, _)),
                ..
            }) => assert_eq!(code, "11"),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn dien_bien_has_its_45_communes_from_2025() {
        let l = lists();
        let rows = units_2025(&l, find(&l, "11"), false);
        assert_eq!(rows.len(), 46);
        assert_eq!(
            (rows[0].slug.as_str(), rows[0].name_en.as_str()),
            ("dien-bien", "Dien Bien Province")
        );
        assert!(rows[1..].iter().all(|r| r.level == "commune"
            && r.parent == "11"
            && r.from == "2025"
            && r.formed_from.is_empty()
            && r.code.len() == 5));
        let by_name = |n: &str| rows.iter().find(|r| r.name == n).map(|r| r.slug.as_str());
        // A former district of the same name keeps the bare slug.
        assert_eq!(by_name("Xã Tuần Giáo"), Some("xa-tuan-giao"));
        assert_eq!(
            by_name("Phường Điện Biên Phủ"),
            Some("phuong-dien-bien-phu")
        );
    }

    #[test]
    fn history_adds_every_absorbed_provinces_districts() {
        let l = lists();
        let tq = find(&l, "08");
        let rows = units_2025(&l, tq, true);
        let districts: Vec<&UnitRow> = rows.iter().filter(|r| r.level == "district").collect();
        let expected: usize = l.absorbed(tq).iter().map(|p| p.districts.len()).sum();
        assert_eq!(districts.len(), expected);
        assert!(districts
            .iter()
            .any(|d| d.name == "Huyện Đồng Văn" && d.until == "2025-H1" && d.parent == "08"));
        // Adding the history later renames no commune.
        let without: Vec<String> = units_2025(&l, tq, false)
            .into_iter()
            .map(|r| r.slug)
            .collect();
        let with: Vec<&String> = rows
            .iter()
            .filter(|r| r.level != "district")
            .map(|r| &r.slug)
            .collect();
        assert_eq!(without.iter().collect::<Vec<_>>(), with);
        let dong_van = rows
            .iter()
            .find(|r| r.name == "Xã Đồng Văn")
            .map(|r| r.formed_from.clone());
        // Its land came from Đồng Văn and Mèo Vạc.
        assert_eq!(dong_van.as_deref(), Some("026 027"));
    }

    #[test]
    fn every_province_with_history_is_whole_and_unambiguous() {
        let l = lists();
        for p in &l.provinces {
            for history in [false, true] {
                let rows = units_2025(&l, p, history);
                let codes: BTreeSet<&str> = rows.iter().map(|r| r.code.as_str()).collect();
                let slugs: BTreeSet<&str> = rows.iter().map(|r| r.slug.as_str()).collect();
                assert_eq!(codes.len(), rows.len(), "{} codes", p.name);
                assert_eq!(slugs.len(), rows.len(), "{} slugs", p.name);
                for r in &rows {
                    assert!(
                        crate::load::units::is_slug(&r.slug),
                        "{}: {}",
                        p.name,
                        r.slug
                    );
                    assert!(!routes::is_reserved(&r.slug));
                    assert!(!r.name.is_empty() && !r.name_en.is_empty());
                    for d in r.formed_from.split_whitespace() {
                        assert!(
                            rows.iter().any(|x| x.code == d && x.level == "district"),
                            "{}: {} formed from {d}, not in the project",
                            p.name,
                            r.code
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn districts_of_the_same_name_take_their_provinces_name() {
        let l = lists();
        let rows = units_2025(&l, find(&l, "86"), true);
        let chau_thanh: Vec<&str> = rows
            .iter()
            .filter(|r| r.name == "Huyện Châu Thành")
            .map(|r| r.slug.as_str())
            .collect();
        assert!(chau_thanh.len() >= 2, "{chau_thanh:?}");
        assert!(chau_thanh.contains(&"chau-thanh-ben-tre"), "{chau_thanh:?}");
        assert!(
            chau_thanh.contains(&"chau-thanh-tra-vinh"),
            "{chau_thanh:?}"
        );
    }

    #[test]
    fn communes_whose_names_fold_alike_take_their_codes() {
        let l = lists();
        let rows = units_2025(&l, find(&l, "19"), false);
        let slug = |code: &str| rows.iter().find(|r| r.code == code).map(|r| r.slug.clone());
        assert_eq!(slug("05665").as_deref(), Some("xa-van-lang-05665"));
        assert_eq!(slug("02143").as_deref(), Some("xa-van-lang-02143"));
    }

    #[test]
    fn kinds_read_as_in_a_sentence() {
        let l = lists();
        assert_eq!(commune_kinds(find(&l, "11")), "xã, phường");
        assert_eq!(commune_kinds(find(&l, "51")), "xã, phường, đặc khu");
    }
}
