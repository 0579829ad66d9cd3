//! The indicator catalogue.

use std::collections::HashMap;

/// An indicator's place in the catalogue (file order). Only the catalogue hands these out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IndicatorId(u32);

impl IndicatorId {
    /// The position in the catalogue, for tables kept per indicator.
    pub fn index(self) -> usize {
        self.0 as usize
    }

    /// The indicator at `index` in the catalogue, for tables kept per indicator; `index` must
    /// be below the catalogue's [`Catalogue::len`].
    pub fn from_index(index: usize) -> IndicatorId {
        IndicatorId(u32::try_from(index).expect("fewer than 4 billion indicators"))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Up,
    Down,
}

impl Direction {
    /// Whether `value` meets `goal` in this direction (≥ for up, ≤ for down), allowing for the
    /// last bits of floating-point noise so that a figure exactly at the goal counts as meeting it.
    pub fn meets(self, value: f64, goal: f64) -> bool {
        let tolerance = 1e-9 * goal.abs().max(1.0);
        match self {
            Direction::Up => value >= goal - tolerance,
            Direction::Down => value <= goal + tolerance,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// A level at the end of the period.
    Stock,
    /// Summed over the period.
    Flow,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Aggregate {
    Sum,
    None,
}

/// value = scale × numerator ÷ denominator.
#[derive(Debug, Clone, PartialEq)]
pub struct Derivation {
    pub numerator: IndicatorId,
    pub denominator: IndicatorId,
    pub scale: f64,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub code: String,
    pub group: String,
    pub group_en: String,
    pub name: String,
    pub name_en: String,
    /// What the figures count or measure: `Thuê bao`, `%` (the `unit` column of the catalogue;
    /// "unit" alone means a reporting unit in this code).
    pub unit_of_measure: String,
    pub unit_of_measure_en: String,
    pub direction: Direction,
    pub measure: Measure,
    pub derivation: Option<Derivation>,
    pub aggregate: Aggregate,
    pub decimals: usize,
}

impl Indicator {
    pub fn is_derived(&self) -> bool {
        self.derivation.is_some()
    }

    /// Summed over children: only plain `sum` indicators; derived ones go through their parts.
    pub fn is_summed(&self) -> bool {
        self.aggregate == Aggregate::Sum && !self.is_derived()
    }

    /// Targets of `none` and derived indicators pass down to units without their own.
    pub fn inherits_targets(&self) -> bool {
        !self.is_summed()
    }

    pub fn is_percentage(&self) -> bool {
        self.unit_of_measure.trim() == "%"
    }

    /// A share of a whole (coverage, the share of households…), which cannot be above 100 % or
    /// below 0: a `%` indicator whose name, in either language, does not say that it compares
    /// two figures (a growth rate, a figure against the plan or the same period a year before:
    /// [`COMPARISON_WORDS`]). A derived `%` (a part over its whole) is one too, on the same
    /// terms: one rule, and one way out for the rare indicator that compares.
    pub fn is_share(&self) -> bool {
        if !self.is_percentage() {
            return false;
        }
        let compares = |name: &str| {
            let words = format!("-{}-", crate::text::slugify(name));
            COMPARISON_WORDS
                .iter()
                .any(|w| words.contains(&format!("-{}-", w.replace(' ', "-"))))
        };
        !compares(&self.name) && !compares(&self.name_en)
    }
}

/// Words (without accents, lower case) of the name of a `%` indicator that compares two figures
/// and so may be above 100: growth (`Tốc độ tăng trưởng doanh thu`), against the plan (`Tỷ lệ
/// thực hiện so với kế hoạch`) or the same period a year before (`so với cùng kỳ`).
pub const COMPARISON_WORDS: &[&str] = &[
    "tang truong",
    "toc do tang",
    "so voi",
    "so sanh",
    "cung ky",
    "hoan thanh ke hoach",
    "thuc hien ke hoach",
    "growth",
    "compared",
    "year on year",
    "relative to",
    "against",
    "of plan",
    "of the plan",
    "achievement",
    "increase",
];

#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    indicators: Vec<Indicator>,
    by_code: HashMap<String, IndicatorId>,
}

impl Catalogue {
    pub fn new(indicators: Vec<Indicator>) -> Self {
        let by_code = indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.code.clone(), IndicatorId::from_index(i)))
            .collect();
        Catalogue {
            indicators,
            by_code,
        }
    }

    pub fn len(&self) -> usize {
        self.indicators.len()
    }

    pub fn is_empty(&self) -> bool {
        self.indicators.is_empty()
    }

    pub fn get(&self, i: IndicatorId) -> &Indicator {
        &self.indicators[i.index()]
    }

    /// Every indicator, in catalogue order.
    pub fn ids(&self) -> impl ExactSizeIterator<Item = IndicatorId> + DoubleEndedIterator {
        (0..self.indicators.len()).map(IndicatorId::from_index)
    }

    /// Every indicator with its id, in catalogue order.
    pub fn iter(&self) -> impl Iterator<Item = (IndicatorId, &Indicator)> {
        self.indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (IndicatorId::from_index(i), ind))
    }

    pub fn by_code(&self, code: &str) -> Option<IndicatorId> {
        self.by_code.get(code).copied()
    }

    /// Indicators ordered so that the parts of a derived indicator come before it.
    /// The loader has refused cycles, so every indicator appears exactly once.
    pub fn derivation_order(&self) -> Vec<IndicatorId> {
        let mut done = vec![false; self.len()];
        let mut order = Vec::with_capacity(self.len());
        fn visit(
            c: &Catalogue,
            i: IndicatorId,
            done: &mut [bool],
            order: &mut Vec<IndicatorId>,
            depth: usize,
        ) {
            if done[i.index()] || depth > c.len() {
                return;
            }
            if let Some(d) = &c.get(i).derivation {
                visit(c, d.numerator, done, order, depth + 1);
                visit(c, d.denominator, done, order, depth + 1);
            }
            if !done[i.index()] {
                done[i.index()] = true;
                order.push(i);
            }
        }
        for i in self.ids() {
            visit(self, i, &mut done, &mut order, 0);
        }
        order
    }
}

/// One `T` per indicator of the catalogue.
pub type PerIndicator<T> = super::IdVec<IndicatorId, T>;

impl super::Id for IndicatorId {
    fn index(self) -> usize {
        IndicatorId::index(self)
    }
    fn from_index(index: usize) -> Self {
        IndicatorId::from_index(index)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn percent(name: &str, name_en: &str, derived: bool) -> Indicator {
        Indicator {
            code: "x".into(),
            group: String::new(),
            group_en: String::new(),
            name: name.into(),
            name_en: name_en.into(),
            unit_of_measure: "%".into(),
            unit_of_measure_en: "%".into(),
            direction: Direction::Up,
            measure: Measure::Stock,
            derivation: derived.then_some(Derivation {
                numerator: IndicatorId(0),
                denominator: IndicatorId(1),
                scale: 100.0,
            }),
            aggregate: Aggregate::None,
            decimals: 1,
        }
    }

    #[test]
    fn a_percentage_is_a_share_unless_its_name_says_it_compares() {
        for (name, name_en) in [
            (
                "Tỷ lệ hộ gia đình có kết nối Internet băng rộng cố định (cáp quang)",
                "Share of households with a fixed broadband connection",
            ),
            (
                "Tỷ lệ có tốc độ truy cập tối thiểu 40Mb/s",
                "of which: share with an access speed of at least 40 Mb/s",
            ),
            (
                "Tỷ lệ cơ quan có kế hoạch chuyển đổi số",
                "Share of agencies with a digital transformation plan",
            ),
            (
                "Tỷ lệ sử dụng chung công trình (các doanh nghiệp VT với nhau)",
                "Share of shared infrastructure",
            ),
        ] {
            assert!(percent(name, name_en, false).is_share(), "{name}");
        }
        for (name, name_en) in [
            ("Tốc độ tăng trưởng doanh thu", "Revenue growth"),
            (
                "Tỷ lệ thực hiện so với kế hoạch",
                "Achievement against the plan",
            ),
            ("Doanh thu so với cùng kỳ", "Revenue year-on-year"),
            ("Tỷ lệ doanh thu", "Revenue compared with 2020"),
        ] {
            assert!(!percent(name, name_en, false).is_share(), "{name}");
        }
        // A part over its whole is a share, unless its name says it compares.
        assert!(percent("Tỷ lệ thôn có sóng", "Share of villages with signal", true).is_share());
        assert!(!percent("Doanh thu so với kế hoạch", "Revenue against plan", true).is_share());
        let mut count = percent("Tỷ lệ", "Share", false);
        count.unit_of_measure = "Thuê bao".into();
        assert!(!count.is_share());
    }
}
