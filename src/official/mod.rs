//! The official lists of Việt Nam's administrative units, compiled into the program: the
//! provinces, districts and communes before the reform of 1 July 2025, and the provinces and
//! communes since. `chiso new` makes a project from them; the loader checks a project's codes
//! against them (a code that lost its leading zeros in Excel, `94` for `094`). Where each list
//! comes from is in `README.md` beside this file.

use std::collections::HashSet;
use std::sync::OnceLock;

/// `code,name,name_en,level,parent`: the 34 provinces and 3,321 communes since 1 July 2025.
pub const UNITS_2025_CSV: &str = include_str!("vn-units-2025.csv");
/// `commune_2025,old_district`: which pre-2025 districts each 2025 commune took land from.
pub const LINEAGE_2025_CSV: &str = include_str!("lineage-2025.csv");
/// `old_province,province_2025`: the 2025 province each pre-2025 province became part of.
pub const PROVINCES_2025_CSV: &str = include_str!("provinces-2025.csv");
/// `province_code,province_name,district_code,district_name,district_kind,commune_count`: the
/// 63 provinces and 696 districts before the reform.
pub const DISTRICTS_2024_CSV: &str = include_str!("vn-districts-2024.csv");
/// `old_commune,old_district`: the communes before the reform that its lineage names.
pub const COMMUNES_2024_CSV: &str = include_str!("communes-2024.csv");

/// The year of the reform: its first half is the last period before it, the whole year the
/// first period after it (as `chiso new` dates the districts and communes).
pub const REFORM_YEAR: i32 = 2025;

/// Before the reform of 1 July 2025 (three levels: province, district, commune) or since (two:
/// province, commune).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Era {
    Before2025,
    Since2025,
}

/// One official list: an era's units at one level below the province (0 is the province).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum List {
    Provinces2024,
    Districts2024,
    Communes2024,
    Provinces2025,
    Communes2025,
}

impl List {
    /// The list of the units `depth` levels below a province in `era`; none below the communes.
    pub fn at(era: Era, depth: usize) -> Option<List> {
        match (era, depth) {
            (Era::Before2025, 0) => Some(List::Provinces2024),
            (Era::Before2025, 1) => Some(List::Districts2024),
            (Era::Before2025, 2) => Some(List::Communes2024),
            (Era::Since2025, 0) => Some(List::Provinces2025),
            (Era::Since2025, 1) => Some(List::Communes2025),
            _ => None,
        }
    }

    /// How many digits its codes have: 2 for a province, 3 for a district, 5 for a commune.
    pub fn width(self) -> usize {
        match self {
            List::Provinces2024 | List::Provinces2025 => 2,
            List::Districts2024 => 3,
            List::Communes2024 | List::Communes2025 => 5,
        }
    }

    pub fn contains(self, code: &str) -> bool {
        lists().of(self).contains(code)
    }

    /// `code` with the zeros Excel takes off a number put back, when that makes a code of this
    /// list (`94` → `094`).
    pub fn padded(self, code: &str) -> Option<String> {
        let width = self.width();
        if code.is_empty() || code.len() >= width || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let padded = format!("{code:0>width$}");
        self.contains(&padded).then_some(padded)
    }
}

struct Lists {
    provinces_2024: HashSet<String>,
    districts_2024: HashSet<String>,
    communes_2024: HashSet<String>,
    provinces_2025: HashSet<String>,
    communes_2025: HashSet<String>,
}

impl Lists {
    fn of(&self, list: List) -> &HashSet<String> {
        match list {
            List::Provinces2024 => &self.provinces_2024,
            List::Districts2024 => &self.districts_2024,
            List::Communes2024 => &self.communes_2024,
            List::Provinces2025 => &self.provinces_2025,
            List::Communes2025 => &self.communes_2025,
        }
    }
}

/// The column `n` of every row of a compiled list (a header line first).
fn column(text: &str, n: usize) -> impl Iterator<Item = &str> {
    text.lines()
        .skip(1)
        .filter_map(move |line| line.split(',').nth(n))
        .map(str::trim)
        .filter(|c| !c.is_empty())
}

fn lists() -> &'static Lists {
    static LISTS: OnceLock<Lists> = OnceLock::new();
    LISTS.get_or_init(|| {
        let level_2025 = |level: &'static str| {
            // The names hold no commas, but a quoted field could: the code and the level are
            // read from the ends of the line.
            UNITS_2025_CSV
                .lines()
                .skip(1)
                .filter(move |l| l.rsplit(',').nth(1) == Some(level))
                .filter_map(|l| l.split(',').next())
                .map(String::from)
                .collect()
        };
        Lists {
            provinces_2024: column(DISTRICTS_2024_CSV, 0).map(String::from).collect(),
            districts_2024: column(DISTRICTS_2024_CSV, 2).map(String::from).collect(),
            communes_2024: column(COMMUNES_2024_CSV, 0).map(String::from).collect(),
            provinces_2025: level_2025("province"),
            communes_2025: level_2025("commune"),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_list_has_its_count_and_width() {
        let l = lists();
        assert_eq!(l.provinces_2024.len(), 63);
        assert_eq!(l.districts_2024.len(), 696);
        assert_eq!(l.provinces_2025.len(), 34);
        assert_eq!(l.communes_2025.len(), 3321);
        assert!(l.communes_2024.len() > 9000);
        for list in [
            List::Provinces2024,
            List::Districts2024,
            List::Communes2024,
            List::Provinces2025,
            List::Communes2025,
        ] {
            assert!(
                l.of(list).iter().all(|c| c.len() == list.width()),
                "{list:?}"
            );
        }
    }

    #[test]
    fn a_code_that_lost_its_zeros_is_found_padded() {
        assert_eq!(List::Districts2024.padded("94").as_deref(), Some("094"));
        assert_eq!(List::Communes2025.padded("3127").as_deref(), Some("03127"));
        assert_eq!(List::Provinces2025.padded("1").as_deref(), Some("01"));
        assert_eq!(List::Districts2024.padded("094"), None);
        assert_eq!(List::Districts2024.padded("999"), None);
        assert!(List::Provinces2024.contains("11") && List::Provinces2025.contains("11"));
    }
}
