//! chiso: a static site generator for provincial ICT indicator dashboards.
//!
//! The modules follow the data's path: `load` → `model` → `compute` → `render` → `output`.

pub mod build;
pub mod compute;
pub mod date;
pub mod diagnostics;
pub mod format;
pub mod lang;
pub mod load;
pub mod markdown;
pub mod model;
pub mod new;
pub mod official;
pub mod output;
pub mod render;
pub mod routes;
pub mod serve;
pub mod text;
pub mod theme;
pub mod words;
