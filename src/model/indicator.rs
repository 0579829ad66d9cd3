//! The indicator catalogue.

use std::collections::HashMap;

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
    pub numerator: usize,
    pub denominator: usize,
    pub scale: f64,
}

#[derive(Debug, Clone)]
pub struct Indicator {
    pub code: String,
    pub group: String,
    pub group_en: String,
    pub name: String,
    pub name_en: String,
    pub unit: String,
    pub unit_en: String,
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
        self.unit.trim() == "%"
    }
}

#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    pub indicators: Vec<Indicator>,
    by_code: HashMap<String, usize>,
}

impl Catalogue {
    pub fn new(indicators: Vec<Indicator>) -> Self {
        let by_code = indicators
            .iter()
            .enumerate()
            .map(|(i, ind)| (ind.code.clone(), i))
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

    pub fn get(&self, i: usize) -> &Indicator {
        &self.indicators[i]
    }

    pub fn by_code(&self, code: &str) -> Option<usize> {
        self.by_code.get(code).copied()
    }

    /// Indicators ordered so that the parts of a derived indicator come before it.
    /// The loader has refused cycles, so every indicator appears exactly once.
    pub fn derivation_order(&self) -> Vec<usize> {
        let mut done = vec![false; self.len()];
        let mut order = Vec::with_capacity(self.len());
        fn visit(c: &Catalogue, i: usize, done: &mut [bool], order: &mut Vec<usize>, depth: usize) {
            if done[i] || depth > c.len() {
                return;
            }
            if let Some(d) = &c.indicators[i].derivation {
                visit(c, d.numerator, done, order, depth + 1);
                visit(c, d.denominator, done, order, depth + 1);
            }
            if !done[i] {
                done[i] = true;
                order.push(i);
            }
        }
        for i in 0..self.len() {
            visit(self, i, &mut done, &mut order, 0);
        }
        order
    }
}
