//! The domain: reporting units, the indicator catalogue, the figures, and the project that holds
//! them with what the editors wrote around them.

pub mod config;
pub mod content;
pub mod coverage_gap;
pub mod figure;
pub mod id;
pub mod indicator;
pub mod period;
pub mod plan;
pub mod project;
pub mod sources;
pub mod unit;

pub use config::{Config, ReportHead};
pub use content::Content;
pub use coverage_gap::Village;

pub use figure::{Figure, FigureKey, Figures, Kind, Origin, Series, UnitFigures};
pub use id::{Id, IdVec};
pub use indicator::{
    Aggregate, Catalogue, Derivation, Direction, Indicator, IndicatorId, Measure, PerIndicator,
};
pub use period::Period;
pub use plan::{PerPlan, Plan, PlanId, Plans};
pub use project::Project;
pub use sources::{Sources, Workbook};
pub use unit::{PerUnit, Unit, UnitId, UnitTree};
