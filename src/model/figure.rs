//! Figures: one number for a unit, indicator, period and kind.

use super::{IndicatorId, PerIndicator, PerUnit, Period, UnitId};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Actual,
    Estimate,
    Target,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Actual, Kind::Estimate, Kind::Target];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Actual => "actual",
            Kind::Estimate => "estimate",
            Kind::Target => "target",
        }
    }

    /// `actual`, `estimate`, `target`, or as a Vietnamese office writes them: `thực hiện`,
    /// `ước thực hiện` (or `ước`), `kế hoạch` (or `mục tiêu`); in any case, with or without
    /// accents.
    pub fn parse(s: &str) -> Option<Kind> {
        let folded = crate::text::fold_diacritics(&s.to_lowercase());
        let words: Vec<&str> = folded.split_whitespace().collect();
        match words.join(" ").as_str() {
            "actual" | "thuc hien" => Some(Kind::Actual),
            "estimate" | "uoc thuc hien" | "uoc" | "uoc tinh" => Some(Kind::Estimate),
            "target" | "ke hoach" | "muc tieu" | "chi tieu ke hoach" => Some(Kind::Target),
            _ => None,
        }
    }

    /// Only actual and estimate figures are summed and derived; targets are what a plan says.
    pub fn is_computed(self) -> bool {
        self != Kind::Target
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Entered,
    Derived,
    Aggregated,
}

impl Origin {
    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Entered => "entered",
            Origin::Derived => "derived",
            Origin::Aggregated => "aggregated",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// The figure, or the lower bound of a target range.
    pub value: f64,
    /// The upper end of a target range `70..100`.
    pub upper: Option<f64>,
    pub origin: Origin,
    pub source: String,
    pub note: String,
    /// Where an entered figure was written: (file, line), for messages.
    pub line: Option<usize>,
}

impl Figure {
    pub fn computed(value: f64, origin: Origin) -> Self {
        Figure {
            value,
            upper: None,
            origin,
            source: String::new(),
            note: String::new(),
            line: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FigureKey {
    pub period: Period,
    pub kind: Kind,
}

/// One unit's figures of one indicator, in period and kind order.
///
/// A sorted vector, not a `BTreeMap`: a series holds a handful of figures (three on average in
/// the national project) and a map's node is sized for eleven, so 48,000 series of maps held
/// four times the memory of their figures.
#[derive(Clone, Default, PartialEq)]
pub struct Series {
    items: Vec<(FigureKey, Figure)>,
}

impl Series {
    pub fn new() -> Self {
        Series::default()
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, key: &FigureKey) -> Option<&Figure> {
        let i = self.items.binary_search_by(|(k, _)| k.cmp(key)).ok()?;
        Some(&self.items[i].1)
    }

    pub fn contains_key(&self, key: &FigureKey) -> bool {
        self.get(key).is_some()
    }

    /// Puts `figure` at `key`, returning the figure it replaces.
    pub fn insert(&mut self, key: FigureKey, figure: Figure) -> Option<Figure> {
        match self.items.binary_search_by(|(k, _)| k.cmp(&key)) {
            Ok(i) => Some(std::mem::replace(&mut self.items[i].1, figure)),
            Err(i) => {
                self.items.insert(i, (key, figure));
                None
            }
        }
    }

    /// Moves `other`'s figures into this series, as if inserted one by one.
    pub fn append(&mut self, other: &mut Series) {
        for (k, f) in std::mem::take(&mut other.items) {
            self.insert(k, f);
        }
    }

    /// Each key with its figure, in order.
    pub fn iter(
        &self,
    ) -> impl DoubleEndedIterator<Item = (&FigureKey, &Figure)> + ExactSizeIterator + Clone {
        self.items.iter().map(|(k, f)| (k, f))
    }

    pub fn keys(&self) -> impl DoubleEndedIterator<Item = &FigureKey> + ExactSizeIterator + Clone {
        self.items.iter().map(|(k, _)| k)
    }

    pub fn values(&self) -> impl DoubleEndedIterator<Item = &Figure> + ExactSizeIterator + Clone {
        self.items.iter().map(|(_, f)| f)
    }

    /// The last key and figure.
    pub fn last_key_value(&self) -> Option<(&FigureKey, &Figure)> {
        self.items.last().map(|(k, f)| (k, f))
    }

    /// The first key and figure.
    pub fn first_key_value(&self) -> Option<(&FigureKey, &Figure)> {
        self.items.first().map(|(k, f)| (k, f))
    }
}

/// Shown as a map, as the `BTreeMap` it replaced was: the build's fingerprints digest it.
impl std::fmt::Debug for Series {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

impl<'a> IntoIterator for &'a Series {
    type Item = (&'a FigureKey, &'a Figure);
    type IntoIter = std::iter::Map<
        std::slice::Iter<'a, (FigureKey, Figure)>,
        fn(&'a (FigureKey, Figure)) -> (&'a FigureKey, &'a Figure),
    >;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter().map(|(k, f)| (k, f))
    }
}

/// One unit's figures, by indicator.
pub type UnitFigures = PerIndicator<Series>;

/// All figures, indexed by unit and indicator, then ordered by period and kind, so lookups never
/// scan and every listing comes out in the same order.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    cells: PerUnit<UnitFigures>,
}

impl Figures {
    pub fn new(units: usize, indicators: usize) -> Self {
        Figures {
            cells: PerUnit::filled(PerIndicator::filled(Series::new(), indicators), units),
        }
    }

    /// Figures made of each unit's, in unit order.
    pub fn from_units(cells: PerUnit<UnitFigures>) -> Self {
        Figures { cells }
    }

    /// One unit's figures, by indicator.
    pub fn unit(&self, unit: UnitId) -> &UnitFigures {
        &self.cells[unit]
    }

    pub fn series(&self, unit: UnitId, indicator: IndicatorId) -> &Series {
        &self.cells[unit][indicator]
    }

    pub fn series_mut(&mut self, unit: UnitId, indicator: IndicatorId) -> &mut Series {
        &mut self.cells[unit][indicator]
    }

    pub fn get(
        &self,
        unit: UnitId,
        indicator: IndicatorId,
        period: Period,
        kind: Kind,
    ) -> Option<&Figure> {
        self.cells[unit][indicator].get(&FigureKey { period, kind })
    }

    pub fn value(
        &self,
        unit: UnitId,
        indicator: IndicatorId,
        period: Period,
        kind: Kind,
    ) -> Option<f64> {
        self.get(unit, indicator, period, kind).map(|f| f.value)
    }

    pub fn insert(&mut self, unit: UnitId, indicator: IndicatorId, key: FigureKey, figure: Figure) {
        self.cells[unit][indicator].insert(key, figure);
    }

    /// Moves the figures of `other`'s first unit into `unit`'s, as if inserted one by one.
    pub fn append_unit(&mut self, unit: UnitId, other: Figures) {
        if let Some(series) = other.cells.into_vec().into_iter().next() {
            for (mine, mut theirs) in self.cells[unit].values_mut().zip(series.into_vec()) {
                mine.append(&mut theirs);
            }
        }
    }

    /// Figures of one kind in time order.
    pub fn of_kind(
        &self,
        unit: UnitId,
        indicator: IndicatorId,
        kind: Kind,
    ) -> impl Iterator<Item = (Period, &Figure)> + '_ {
        self.cells[unit][indicator]
            .iter()
            .filter(move |(k, _)| k.kind == kind)
            .map(|(k, f)| (k.period, f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_series_keeps_its_figures_in_order_and_shows_as_the_map_it_replaced() {
        let key = |year, kind| FigureKey {
            period: Period::year(year),
            kind,
        };
        let fig = |v| Figure::computed(v, Origin::Entered);
        let mut series = Series::new();
        let mut map = std::collections::BTreeMap::new();
        for (k, v) in [
            (key(2022, Kind::Target), 1.0),
            (key(2020, Kind::Actual), 2.0),
            (key(2022, Kind::Actual), 3.0),
            (key(2020, Kind::Actual), 4.0),
        ] {
            assert_eq!(series.insert(k, fig(v)), map.insert(k, fig(v)));
        }
        let mut other = Series::new();
        other.insert(key(2021, Kind::Estimate), fig(5.0));
        other.insert(key(2022, Kind::Target), fig(6.0));
        series.append(&mut other);
        map.insert(key(2021, Kind::Estimate), fig(5.0));
        map.insert(key(2022, Kind::Target), fig(6.0));
        assert!(other.is_empty());
        assert!(series.iter().eq(map.iter()));
        assert_eq!(format!("{series:?}"), format!("{map:?}"));
        assert_eq!(
            series.get(&key(2020, Kind::Actual)).map(|f| f.value),
            Some(4.0)
        );
        assert_eq!(series.get(&key(2020, Kind::Target)), None);
        assert_eq!(series.len(), 4);
    }

    #[test]
    fn kinds_are_read_in_english_and_vietnamese() {
        for (written, kind) in [
            ("actual", Kind::Actual),
            ("Actual", Kind::Actual),
            ("thực hiện", Kind::Actual),
            ("Thực Hiện", Kind::Actual),
            ("THUC HIEN", Kind::Actual),
            ("thu\u{323}c hie\u{302}\u{323}n", Kind::Actual),
            ("estimate", Kind::Estimate),
            ("ước thực hiện", Kind::Estimate),
            ("ước", Kind::Estimate),
            ("Uoc", Kind::Estimate),
            ("target", Kind::Target),
            ("kế hoạch", Kind::Target),
            ("Kế  hoạch", Kind::Target),
            ("mục tiêu", Kind::Target),
            ("Muc tieu", Kind::Target),
        ] {
            assert_eq!(Kind::parse(written), Some(kind), "{written}");
        }
        for bad in ["", "actul", "thực", "hiện", "plan"] {
            assert_eq!(Kind::parse(bad), None, "{bad}");
        }
    }
}
