//! A message of the command line in both languages, and how its placeholders are filled.

use std::fmt::Display;

use crate::lang::Lang;

/// One message in both languages. Its placeholders are `{name}`s, the same in both texts (a
/// unit test holds the table to it); a message has no other braces.
#[derive(Debug, Clone, Copy)]
pub struct Message {
    /// The message's name in the table, for the tests' reports.
    pub name: &'static str,
    pub vi: &'static str,
    pub en: &'static str,
}

impl Message {
    /// The text in `lang`, for a message without placeholders.
    pub fn text(&self, lang: Lang) -> &'static str {
        debug_assert!(
            placeholders(self.vi).is_empty(),
            "{} has placeholders: use fill",
            self.name
        );
        lang.pick(self.vi, self.en)
    }
}

/// `message` in `lang`, each `{name}` replaced by the value given for `name`. A placeholder
/// without a value stays as written, so that a slip shows in the output rather than losing
/// the rest of the message (and fails the tests, which run with debug assertions).
pub fn fill(lang: Lang, message: &Message, values: &[(&str, &dyn Display)]) -> String {
    let text = lang.pick(message.vi, message.en);
    let mut out = String::with_capacity(text.len() + 32);
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        let name = &after[..close];
        match values.iter().find(|(n, _)| *n == name) {
            Some((_, value)) => out.push_str(&value.to_string()),
            None => {
                debug_assert!(false, "{}: no value for {{{name}}}", message.name);
                out.push_str(&rest[open..open + close + 2]);
            }
        }
        rest = &after[close + 1..];
    }
    out.push_str(rest);
    out
}

/// The placeholders' names of `text`, in order, repeated ones once.
pub(super) fn placeholders(text: &str) -> Vec<&str> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let after = &rest[open + 1..];
        let Some(close) = after.find('}') else {
            break;
        };
        if !names.contains(&&after[..close]) {
            names.push(&after[..close]);
        }
        rest = &after[close + 1..];
    }
    names
}
