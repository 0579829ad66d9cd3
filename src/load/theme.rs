//! `templates/`: a project's own page templates, style sheet and translations, each replacing the
//! built-in file of the same name. Read here, like every input, and compiled once into the
//! [`Theme`] that checking and rendering share.

use std::collections::BTreeMap;
use std::path::Path;

use super::{files, text};
use crate::diagnostics::{Diagnostics, Problem};
use crate::theme::{self, Theme};

pub fn load(root: &Path, diags: &mut Diagnostics) -> Option<Theme> {
    let mut own = BTreeMap::new();
    for name in theme::file_names() {
        let rel = Path::new("templates").join(name);
        if std::fs::symlink_metadata(root.join(&rel)).is_err() {
            continue;
        }
        match files::read(root, &rel) {
            Ok(bytes) => {
                own.insert(name, text::decode(&bytes));
            }
            Err(problem) => diags.push(rel, None, None, problem),
        }
    }
    match Theme::compile(&|name| own.get(name).cloned()) {
        Ok(theme) => Some(theme),
        Err(errors) => {
            for e in errors {
                diags.push(
                    Path::new("templates").join(&e.file),
                    None,
                    None,
                    Problem::Template { message: e.message },
                );
            }
            None
        }
    }
}
