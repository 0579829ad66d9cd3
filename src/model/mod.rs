//! The domain: reporting units, the indicator catalogue and the figures.

pub mod figure;
pub mod indicator;
pub mod period;
pub mod unit;

pub use figure::{Figure, FigureKey, Figures, Kind, Origin, UnitFigures};
pub use indicator::{Aggregate, Catalogue, Derivation, Direction, Indicator, Measure};
pub use period::Period;
pub use unit::{Unit, UnitTree};
