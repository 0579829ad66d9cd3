//! Why `chiso new` could not make a project, worded for the editor.

use std::path::PathBuf;

use crate::lang::Lang;
use crate::words;

use super::names::name_key;

#[derive(Debug, thiserror::Error)]
#[error("{}", self.describe(Lang::En))]
pub enum NewError {
    NotEmpty(PathBuf),
    UnknownProvince {
        given: String,
        /// (code, name) of the closest province.
        suggestion: Option<(String, String)>,
    },
    /// A province that no longer exists: it became part of another on 1 July 2025, or its
    /// code is now another province's.
    Merged {
        given: String,
        old_code: String,
        old_name: String,
        new_code: String,
        new_name: String,
        /// Asked by the old code (which may now be another province's, or none).
        by_code: bool,
    },
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// The list compiled into the program is broken: a bug, not the user's doing.
    Embedded(String),
}

impl NewError {
    pub fn describe(&self, lang: Lang) -> String {
        match self {
            NewError::NotEmpty(dir) => {
                words::fill(lang, &words::NEW_NOT_EMPTY, &[("dir", &dir.display())])
            }
            NewError::UnknownProvince { given, suggestion } => {
                let hint = match suggestion {
                    Some((code, name)) => words::fill(
                        lang,
                        &words::NEW_DID_YOU_MEAN,
                        &[("code", code), ("name", name)],
                    ),
                    None => String::new(),
                };
                words::fill(
                    lang,
                    &words::NEW_UNKNOWN_PROVINCE,
                    &[("given", given), ("hint", &hint)],
                )
            }
            NewError::Merged {
                given,
                old_code,
                old_name,
                new_code,
                new_name,
                by_code,
            } => {
                let same_name = name_key(old_name) == name_key(new_name);
                // Lào Cai kept its name and took Yên Bái's code: the old code is the slip.
                let message = if same_name && *by_code {
                    &words::NEW_FORMER_CODE
                } else {
                    &words::NEW_MERGED
                };
                words::fill(
                    lang,
                    message,
                    &[
                        ("given", given),
                        ("old_code", old_code),
                        ("old_name", old_name),
                        ("new_code", new_code),
                        ("new_name", new_name),
                    ],
                )
            }
            NewError::Io { path, source } => words::fill(
                lang,
                &words::NEW_CANNOT_WRITE,
                &[("path", &path.display()), ("error", source)],
            ),
            NewError::Embedded(e) => words::fill(lang, &words::NEW_LIST_BROKEN, &[("error", e)]),
        }
    }
}
