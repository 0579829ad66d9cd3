//! The half-year report a unit sends to the province twice a year (the province's template,
//! Phụ lục 5): Part One, section II, "Dự báo khả năng thực hiện kế hoạch năm Y", and Part Two,
//! section II, the main indicators of the plan for Y + 1. chiso holds every figure, so the
//! tables and the summary sentence are computed, not typed.

use std::collections::BTreeSet;

use super::Computed;
use crate::model::{Catalogue, Figures, Kind, Period};
use crate::model::{IndicatorId, Project, UnitId, UnitTree};

/// Column numbers of the Part One table (1 is STT, 2 the indicator, 3 its unit of measure).
pub mod part_one {
    /// Actual, first half of Y − 1.
    pub const H1_PREV: usize = 4;
    /// Actual, Y − 1.
    pub const PREV_YEAR: usize = 5;
    /// The plan (target) for Y, own or inherited; the lower bound of a range.
    pub const PLAN: usize = 6;
    /// Actual, first half of Y.
    pub const H1: usize = 7;
    /// Estimate for the whole of Y.
    pub const ESTIMATE: usize = 8;
    /// 9 = 7/6, 10 = 7/4, 11 = 8/6.
    pub const RATIOS: [(usize, usize); 3] = [(H1, PLAN), (H1, H1_PREV), (ESTIMATE, PLAN)];
}

/// Column numbers of the Part Two table, the plan for the next year.
pub mod part_two {
    /// Estimate for Y.
    pub const ESTIMATE: usize = 4;
    /// The plan (target) for Y + 1, own or inherited.
    pub const PLAN_NEXT: usize = 5;
    /// 6 = 5/4.
    pub const RATIOS: [(usize, usize); 1] = [(PLAN_NEXT, ESTIMATE)];
}

/// Figure columns start after STT, the indicator and its unit of measure.
pub const FIRST_FIGURE: usize = 4;

/// One indicator's row.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub indicator: IndicatorId,
    /// Column 1: numbered through the whole table, across the group headings.
    pub stt: usize,
    /// The figure columns, from column 4 on.
    pub figures: Vec<Option<f64>>,
}

impl Line {
    /// The figure in template column `n`.
    pub fn column(&self, n: usize) -> Option<f64> {
        let k = n.checked_sub(FIRST_FIGURE)?;
        self.figures.get(k).copied().flatten()
    }

    /// The ratio columns that follow the figures, 100 × a ÷ b for each (a, b) of `ratios`.
    pub fn percents(&self, ratios: &[(usize, usize)]) -> Vec<Option<f64>> {
        ratios
            .iter()
            .map(|&(a, b)| percent(self.column(a), self.column(b)))
            .collect()
    }
}

/// Rows under one group heading of the catalogue, numbered I, II, III… as in the template.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub numeral: String,
    /// The heading is this indicator's `group` (every row of the section shares it).
    pub indicator: IndicatorId,
    pub lines: Vec<Line>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// How many figure columns there are (from column 4 on); the ratio columns follow.
    pub figure_columns: usize,
    /// Each ratio column's (numerator, denominator), by column number.
    pub ratios: &'static [(usize, usize)],
    pub sections: Vec<Section>,
}

impl Table {
    pub fn lines(&self) -> impl Iterator<Item = &Line> {
        self.sections.iter().flat_map(|s| &s.lines)
    }
}

/// "Trong số N chỉ tiêu chủ yếu của kế hoạch năm Y, dự kiến có A chỉ tiêu đạt và vượt kế hoạch,
/// B chỉ tiêu không đạt kế hoạch".
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    /// N: indicators with both an estimate and a plan for Y.
    pub total: usize,
    /// A: those whose estimate meets the plan in the indicator's direction.
    pub met: usize,
    /// B = N − A.
    pub missed: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    pub unit: UnitId,
    pub year: i32,
    /// Part One, section II.
    pub forecast: Table,
    pub summary: Summary,
    /// Part Two, section II.
    pub plan: Table,
}

/// 100 × a ÷ b; none where a part is missing or the divisor is zero.
pub fn percent(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) if b != 0.0 => Some(100.0 * a / b),
        _ => None,
    }
}

/// `n` in Roman numerals (1 → I), for the template's group headings.
pub fn roman(mut n: usize) -> String {
    const DIGITS: [(usize, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, digits) in DIGITS {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

/// The years Y for which `unit` has a figure of any kind for Y-H1 and was in force then: one
/// report each. A unit reports only on a half-year it lived in (a district that ended after
/// 2025-H1 has no 2026 report, whatever targets it kept).
pub fn years(units: &UnitTree, figures: &Figures, unit: UnitId) -> Vec<i32> {
    let years: BTreeSet<i32> = figures
        .unit(unit)
        .values()
        .flat_map(|series| series.keys())
        .filter(|k| k.period.half && units.in_force(unit, k.period))
        .map(|k| k.period.year)
        .collect();
    years.into_iter().collect()
}

/// The years of `unit`'s reports that have a compilation: those on which a child reported
/// too. `own` are the unit's own report years.
pub fn compiled_years(
    project: &Project,
    computed: &Computed,
    unit: UnitId,
    own: &[i32],
) -> Vec<i32> {
    let children: Vec<Vec<i32>> = project
        .units
        .children(unit)
        .iter()
        .map(|&c| years(&project.units, &computed.figures, c))
        .collect();
    own.iter()
        .copied()
        .filter(|y| children.iter().any(|c| c.contains(y)))
        .collect()
}

/// Whether `unit` existed at some period of `year`.
pub fn lived_in(units: &UnitTree, unit: UnitId, year: i32) -> bool {
    units.in_force(unit, Period::first_half(year)) || units.in_force(unit, Period::year(year))
}

/// One unit's reports, years in time order.
pub fn of_unit(project: &Project, computed: &Computed, unit: UnitId) -> Vec<Report> {
    years(&project.units, &computed.figures, unit)
        .into_iter()
        .map(|year| {
            half_year(
                &project.catalogue,
                &computed.figures,
                // A unit has no targets for a year it did not live in: a district abolished
                // after 2025-H1 has no plan for 2026, whatever the province planned.
                &|i, y| {
                    lived_in(&project.units, unit, y)
                        .then(|| computed.target_unit_in(project, unit, i, y))
                        .flatten()
                },
                unit,
                year,
            )
        })
        .collect()
}

/// The report of `unit` for the first half of `year`. `figures` are all figures, computed ones
/// included; `target_unit(indicator, y)` is whose targets apply to `unit` in the plan that
/// holds year `y` (so that Y's plan and Y + 1's may be two plans). Targets are never computed,
/// so the targets in `figures` are exactly the entered ones.
pub fn half_year(
    catalogue: &Catalogue,
    figures: &Figures,
    target_unit: &dyn Fn(IndicatorId, i32) -> Option<UnitId>,
    unit: UnitId,
    year: i32,
) -> Report {
    let value = |i: IndicatorId, period: Period, kind: Kind| figures.value(unit, i, period, kind);
    let target = |i: IndicatorId, year: i32| {
        target_unit(i, year)
            .and_then(|owner| figures.value(owner, i, Period::year(year), Kind::Target))
    };
    let forecast = table(
        catalogue,
        part_one::ESTIMATE,
        &part_one::RATIOS,
        catalogue.ids().map(|i| {
            // Columns 4 to 8, in order.
            let figures = vec![
                value(i, Period::first_half(year - 1), Kind::Actual),
                value(i, Period::year(year - 1), Kind::Actual),
                target(i, year),
                value(i, Period::first_half(year), Kind::Actual),
                value(i, Period::year(year), Kind::Estimate),
            ];
            (i, figures)
        }),
    );
    let mut summary = Summary::default();
    for line in forecast.lines() {
        let direction = catalogue.get(line.indicator).direction;
        let estimate = line.column(part_one::ESTIMATE);
        if let (Some(estimate), Some(plan)) = (estimate, line.column(part_one::PLAN)) {
            summary.total += 1;
            summary.met += usize::from(direction.meets(estimate, plan));
        }
    }
    summary.missed = summary.total - summary.met;
    let plan = table(
        catalogue,
        part_two::PLAN_NEXT,
        &part_two::RATIOS,
        catalogue.ids().map(|i| {
            // Columns 4 and 5.
            let figures = vec![
                value(i, Period::year(year), Kind::Estimate),
                target(i, year + 1),
            ];
            (i, figures)
        }),
    );
    Report {
        unit,
        year,
        forecast,
        summary,
        plan,
    }
}

/// The rows that have at least one figure, in catalogue order, numbered and grouped under
/// their group headings; `last_figure` is the column number of the last figure column.
fn table(
    catalogue: &Catalogue,
    last_figure: usize,
    ratios: &'static [(usize, usize)],
    rows: impl Iterator<Item = (IndicatorId, Vec<Option<f64>>)>,
) -> Table {
    let mut sections: Vec<Section> = Vec::new();
    let rows = rows.filter(|(_, figures)| figures.iter().any(Option::is_some));
    for (n, (indicator, figures)) in rows.enumerate() {
        let line = Line {
            indicator,
            stt: n + 1,
            figures,
        };
        let group = &catalogue.get(indicator).group;
        match sections.last_mut() {
            Some(s) if catalogue.get(s.indicator).group == *group => s.lines.push(line),
            _ => sections.push(Section {
                numeral: roman(sections.len() + 1),
                indicator,
                lines: vec![line],
            }),
        }
    }
    Table {
        figure_columns: last_figure + 1 - FIRST_FIGURE,
        ratios,
        sections,
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Aggregate, Direction, Figure, FigureKey, Indicator, Measure, Origin};

    fn indicator(code: &str, group: &str, direction: Direction) -> Indicator {
        Indicator {
            code: code.into(),
            group: group.into(),
            group_en: group.into(),
            name: code.into(),
            name_en: code.into(),
            unit_of_measure: "Thuê bao".into(),
            unit_of_measure_en: "subscriptions".into(),
            direction,
            measure: Measure::Stock,
            derivation: None,
            aggregate: Aggregate::None,
            decimals: 0,
        }
    }

    fn put(figures: &mut Figures, unit: usize, i: usize, period: &str, kind: Kind, value: f64) {
        let period = period.parse().expect("a valid period in the test");
        let figure = Figure::computed(value, Origin::Entered);
        let (unit, i) = (UnitId::from_index(unit), IndicatorId::from_index(i));
        figures.insert(unit, i, FigureKey { period, kind }, figure);
    }

    #[test]
    fn computes_the_template_columns_groups_and_summary() {
        use Direction::{Down, Up};
        use Kind::{Actual, Estimate, Target};
        let catalogue = Catalogue::new(vec![
            indicator("bts", "Hạ tầng", Up),
            indicator("no_signal", "Hạ tầng", Down),
            indicator("unused", "Hạ tầng", Up),
            indicator("subs", "Thuê bao", Up),
            indicator("revenue", "Doanh thu", Up),
        ]);
        // Unit 0 is the province, unit 1 the district whose report this is.
        let mut f = Figures::new(2, catalogue.len());
        put(&mut f, 1, 0, "2023-H1", Actual, 100.0);
        put(&mut f, 1, 0, "2023", Actual, 110.0);
        put(&mut f, 1, 0, "2024", Target, 120.0);
        put(&mut f, 1, 0, "2024-H1", Actual, 115.0);
        put(&mut f, 1, 0, "2024", Estimate, 125.0);
        put(&mut f, 1, 0, "2025", Target, 130.0);
        // A `down` indicator whose plan, inherited from the province, is zero: met (0 ≤ 0),
        // and every percentage over the plan is empty.
        put(&mut f, 0, 1, "2024", Target, 0.0);
        put(&mut f, 1, 1, "2024-H1", Actual, 0.0);
        put(&mut f, 1, 1, "2024", Estimate, 0.0);
        // Only a first-half figure: a row without a plan, outside the summary.
        put(&mut f, 1, 3, "2024-H1", Actual, 5000.0);
        // A plan and an estimate that falls short.
        put(&mut f, 1, 4, "2024", Target, 1000.0);
        put(&mut f, 1, 4, "2024", Estimate, 900.0);
        let target_unit: crate::model::PerIndicator<Option<UnitId>> =
            [Some(1), Some(0), None, None, Some(1)]
                .into_iter()
                .map(|u| u.map(UnitId::from_index))
                .collect();

        let r = half_year(
            &catalogue,
            &f,
            &|i, _| target_unit[i],
            UnitId::from_index(1),
            2024,
        );

        let numerals: Vec<&str> = r
            .forecast
            .sections
            .iter()
            .map(|s| s.numeral.as_str())
            .collect();
        assert_eq!(numerals, ["I", "II", "III"]);
        let stt: Vec<(usize, usize)> = r
            .forecast
            .lines()
            .map(|l| (l.indicator.index(), l.stt))
            .collect();
        assert_eq!(
            stt,
            [(0, 1), (1, 2), (3, 3), (4, 4)],
            "`unused` has no figure"
        );
        assert_eq!(r.forecast.figure_columns, 5);

        let bts = &r.forecast.sections[0].lines[0];
        assert_eq!(
            bts.figures,
            [
                Some(100.0),
                Some(110.0),
                Some(120.0),
                Some(115.0),
                Some(125.0)
            ]
        );
        let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-9);
        let pct = bts.percents(r.forecast.ratios);
        assert!(close(pct[0], 100.0 * 115.0 / 120.0), "9 = 7/6: {pct:?}");
        assert!(close(pct[1], 115.0), "10 = 7/4");
        assert!(close(pct[2], 100.0 * 125.0 / 120.0), "11 = 8/6");

        let no_signal = &r.forecast.sections[0].lines[1];
        assert_eq!(
            no_signal.column(part_one::PLAN),
            Some(0.0),
            "inherited from the province"
        );
        assert_eq!(
            no_signal.percents(r.forecast.ratios),
            [None, None, None],
            "a zero plan divides nothing, and there is no first half of 2023"
        );

        let subs = &r.forecast.sections[1].lines[0];
        assert_eq!(subs.figures, [None, None, None, Some(5000.0), None]);

        // bts 125 ≥ 120 and no_signal (down) 0 ≤ 0 meet their plans; revenue 900 < 1000 does not.
        assert_eq!(
            r.summary,
            Summary {
                total: 3,
                met: 2,
                missed: 1
            }
        );

        let plan: Vec<(usize, usize, Vec<Option<f64>>)> = r
            .plan
            .lines()
            .map(|l| (l.indicator.index(), l.stt, l.figures.clone()))
            .collect();
        assert_eq!(
            plan,
            [
                (0, 1, vec![Some(125.0), Some(130.0)]),
                (1, 2, vec![Some(0.0), None]),
                (4, 3, vec![Some(900.0), None]),
            ]
        );
        let numerals: Vec<&str> = r.plan.sections.iter().map(|s| s.numeral.as_str()).collect();
        assert_eq!(
            numerals,
            ["I", "II"],
            "Thuê bao has no row in the plan table"
        );
        let first = &r.plan.sections[0].lines[0];
        assert!(close(
            first.percents(r.plan.ratios)[0],
            100.0 * 130.0 / 125.0
        ));

        let unit = |code: &str, parent: Option<&str>, until: Option<&str>| crate::model::Unit {
            code: code.into(),
            slug: format!("u{code}"),
            name: code.into(),
            name_en: code.into(),
            level: "district".into(),
            parent: parent.map(Into::into),
            from: None,
            until: until.map(|p| p.parse().expect("a period")),
            formed_from: Vec::new(),
        };
        let tree = UnitTree::new(vec![unit("11", None, None), unit("099", Some("11"), None)]);
        assert_eq!(years(&tree, &f, UnitId::from_index(1)), [2023, 2024]);
        assert!(years(&tree, &f, UnitId::ROOT).is_empty());
        // A unit that ended after 2023-H1 reports on 2023 only, whatever figures it kept.
        let ended = UnitTree::new(vec![
            unit("11", None, None),
            unit("099", Some("11"), Some("2023-H1")),
        ]);
        assert_eq!(years(&ended, &f, UnitId::from_index(1)), [2023]);
    }

    #[test]
    fn writes_roman_numerals() {
        let got: Vec<String> = [1, 2, 3, 4, 9, 14, 40].into_iter().map(roman).collect();
        assert_eq!(got, ["I", "II", "III", "IV", "IX", "XIV", "XL"]);
    }
}
