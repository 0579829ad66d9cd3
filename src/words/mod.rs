//! The words of the command line: every message that `chiso build`, `check`, `serve` and `new`
//! print (and the preview's own pages and overlay), with the help and errors of the command
//! line itself, each in Vietnamese and English, in one table (`table.rs`).
//!
//! A message is a pair of texts with named placeholders (`{out}`, `{ms}`); `fill` puts the
//! values in, in the language asked for. Page words are not here: they are the theme's
//! (`templates/i18n.toml`); the editors' input problems are `diagnostics`'.

mod message;
mod table;

#[cfg(test)]
use message::placeholders;
pub use message::{fill, Message};
pub use table::*;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::Lang;

    #[test]
    fn every_message_has_both_languages() {
        for m in ALL {
            assert!(!m.vi.trim().is_empty(), "{} has no Vietnamese", m.name);
            assert!(!m.en.trim().is_empty(), "{} has no English", m.name);
        }
    }

    #[test]
    fn the_placeholders_of_the_two_languages_match() {
        for m in ALL {
            let mut vi = placeholders(m.vi);
            let mut en = placeholders(m.en);
            vi.sort_unstable();
            en.sort_unstable();
            assert_eq!(vi, en, "{}: the two languages' placeholders differ", m.name);
        }
    }

    #[test]
    fn every_brace_is_a_named_placeholder() {
        for m in ALL {
            for text in [m.vi, m.en] {
                let opens = text.matches('{').count();
                let closes = text.matches('}').count();
                assert_eq!(opens, closes, "{}: unbalanced braces", m.name);
                for name in placeholders(text) {
                    assert!(
                        !name.is_empty()
                            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                        "{}: `{{{name}}}` is not a placeholder's name",
                        m.name
                    );
                }
            }
        }
    }

    #[test]
    fn every_message_has_a_name_of_its_own() {
        let mut names: Vec<_> = ALL.iter().map(|m| m.name).collect();
        names.sort_unstable();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "two messages share a name");
    }

    #[test]
    fn fill_puts_each_value_in_its_place_in_the_language_asked_for() {
        let m = Message {
            name: "T",
            vi: "{a} và {b}, lại {a}",
            en: "{b} and {a}",
        };
        assert_eq!(
            fill(Lang::Vi, &m, &[("a", &1), ("b", &"x")]),
            "1 và x, lại 1"
        );
        assert_eq!(fill(Lang::En, &m, &[("a", &1), ("b", &"x")]), "x and 1");
    }

    #[test]
    fn a_message_without_placeholders_reads_as_written() {
        assert_eq!(ERROR.text(Lang::Vi), "lỗi");
        assert_eq!(ERROR.text(Lang::En), "error");
    }
}
