//! chiso: a static site generator for provincial ICT indicator dashboards.
//!
//! The modules follow the data's path: `load` → `model` → `compute` → `view` → the output
//! families (`pages`, `report`, `open_data`) → `render` (the runner) → `output`.
//! `docs/architecture.md` is the map.

pub mod build;
pub mod charts;
pub mod compute;
pub mod date;
pub mod diagnostics;
pub mod encode;
pub mod format;
pub mod lang;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new;
pub mod official;
pub mod open_data;
pub mod output;
pub mod pages;
pub mod render;
pub mod report;
pub mod routes;
pub mod schema;
pub mod serve;
pub mod text;
pub mod theme;
pub mod view;
pub mod words;
