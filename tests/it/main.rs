//! chiso's integration tests, one module per subject, in one test binary.
//!
//! One binary rather than one per file: the chiso library and the test helpers are linked once
//! and the shared helpers (`common`, `html_scan`) compiled once, instead of fourteen times, so
//! the test suite builds faster. Run one subject with `cargo test --test it report::`, one test
//! by its name.

mod common;
mod html_scan;

mod architecture;
mod build_fixtures;
mod charts;
mod command_line;
mod compute_rules;
mod editor_input;
mod editor_messages;
mod errors;
mod hostile;
mod incremental_build;
mod input_forms;
mod input_limits;
mod narrative_images;
mod new;
mod new_2025;
mod open_data_package;
mod partial_preview;
mod plan_pages;
mod plan_rules;
mod plan_words;
mod plausibility;
mod proptest_parsers;
mod publish_rules;
mod reform_pages;
mod reform_rules;
mod report;
mod report_docx;
mod reproducible;
mod serve;
mod shortcode_messages;
mod target_rules;
mod template_and_serve_limits;
mod trust;
mod whats_new_history;
