//! A unit's open data as JSON (`data/<slug>.json`): the unit, then each indicator that has
//! figures or progress, its names and unit of measure once, with its figures and its progress
//! rows inside. Written compact, not pretty: the file is for software, and the spaces of a
//! pretty-printed file were a third of its weight; an empty source or note is left out.

use serde::Serialize;

use crate::model::{Indicator, Unit};

#[derive(Serialize)]
pub(super) struct UnitJson<'a> {
    pub unit: &'a Unit,
    pub indicators: Vec<IndicatorJson<'a>>,
}

/// One indicator of the unit's file: its names once, then every figure and progress row.
#[derive(Serialize)]
pub(super) struct IndicatorJson<'a> {
    indicator: &'a str,
    indicator_name: &'a str,
    indicator_name_en: &'a str,
    unit_of_measure: &'a str,
    unit_of_measure_en: &'a str,
    pub figures: Vec<FigureJson<'a>>,
    pub progress: Vec<ProgressJson<'a>>,
}

impl<'a> IndicatorJson<'a> {
    pub fn of(ind: &'a Indicator) -> Self {
        IndicatorJson {
            indicator: &ind.code,
            indicator_name: &ind.name,
            indicator_name_en: &ind.name_en,
            unit_of_measure: &ind.unit_of_measure,
            unit_of_measure_en: &ind.unit_of_measure_en,
            figures: Vec::new(),
            progress: Vec::new(),
        }
    }
}

#[derive(Serialize)]
pub(super) struct FigureJson<'a> {
    pub period: String,
    pub kind: &'static str,
    pub value: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value_max: Option<f64>,
    pub origin: &'static str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub source: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    pub note: &'a str,
}

#[derive(Serialize)]
pub(super) struct ProgressJson<'a> {
    pub baseline_period: Option<String>,
    pub baseline_value: Option<f64>,
    pub latest_period: Option<String>,
    pub latest_value: Option<f64>,
    pub target_year: i32,
    pub target_value: f64,
    pub target_max: Option<f64>,
    pub target_unit: &'a str,
    pub achievement_pct: Option<f64>,
    pub progress_pct: Option<f64>,
    pub status: &'static str,
    pub plan: &'a str,
}

impl UnitJson<'_> {
    /// The file's bytes: one line of compact JSON, ending with a newline. Indicators without
    /// a figure or a progress row are left out.
    pub fn bytes(mut self) -> Vec<u8> {
        self.indicators
            .retain(|i| !(i.figures.is_empty() && i.progress.is_empty()));
        let mut bytes = serde_json::to_vec(&self).unwrap_or_default();
        bytes.push(b'\n');
        bytes
    }
}
