//! What every page and file of the site is made from: the shared context (`Ctx`: the project,
//! its computed figures, the translation table and the theme), the layout, links, wording,
//! tables and chart views that the output families (`pages`, `report`, `open_data`) share, and
//! the `Sink` each family hands its files to. Nothing here knows which families there are.

pub mod chart_views;
mod ctx;
pub mod downloads;
pub mod family;
pub mod layout;
pub mod lifetime;
pub mod shortcodes;
pub mod sink;
pub mod tables;
pub mod wording;

pub use ctx::{unit_folder, Ctx, OutputFile, RenderError};
pub use sink::Sink;
