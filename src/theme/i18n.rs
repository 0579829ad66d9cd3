//! The interface's one translation table (`templates/i18n.toml`).

use std::collections::BTreeMap;

use crate::lang::Lang;

const TABLE: &str = include_str!("../../templates/i18n.toml");

#[derive(Debug, Clone)]
pub struct I18n {
    vi: BTreeMap<String, String>,
    en: BTreeMap<String, String>,
}

#[derive(serde::Deserialize)]
struct Entry {
    vi: String,
    en: String,
}

impl I18n {
    /// The built-in table, with a project's own `templates/i18n.toml` entries (if any) over it.
    pub fn load(project_table: Option<&str>) -> Result<I18n, toml::de::Error> {
        let mut entries: BTreeMap<String, Entry> = toml::from_str(TABLE)?;
        if let Some(own) = project_table {
            entries.extend(toml::from_str::<BTreeMap<String, Entry>>(own)?);
        }
        let mut vi = BTreeMap::new();
        let mut en = BTreeMap::new();
        for (k, e) in entries {
            vi.insert(k.clone(), e.vi);
            en.insert(k, e.en);
        }
        Ok(I18n { vi, en })
    }

    pub fn table(&self, lang: Lang) -> &BTreeMap<String, String> {
        match lang {
            Lang::Vi => &self.vi,
            Lang::En => &self.en,
        }
    }

    /// The text for `key`; a missing key shows itself so that it is noticed, not hidden.
    pub fn get(&self, lang: Lang, key: &str) -> String {
        self.table(lang)
            .get(key)
            .cloned()
            .unwrap_or_else(|| key.to_string())
    }

    /// The text for `key` with `{name}` placeholders filled.
    pub fn fill(&self, lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
        let text = self.table(lang).get(key).map_or(key, String::as_str);
        // One pass: every page fills dozens of these.
        let mut out = String::with_capacity(text.len() + 16);
        let mut rest = text;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let value = after.find('}').and_then(|close| {
                let name = &after[..close];
                let value = args.iter().find(|(n, _)| *n == name)?.1;
                Some((value, close))
            });
            match value {
                Some((value, close)) => {
                    out.push_str(value);
                    rest = &after[close + 1..];
                }
                None => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_has_both_languages_and_fills_placeholders() {
        let t = I18n::load(None).unwrap();
        assert_eq!(t.vi.len(), t.en.len());
        assert!(t
            .vi
            .values()
            .chain(t.en.values())
            .all(|v| !v.trim().is_empty()));
        assert_eq!(
            t.fill(Lang::Vi, "period_h1", &[("year", "2024")]),
            "6 tháng đầu năm 2024"
        );
        assert_eq!(t.get(Lang::En, "no_such_key"), "no_such_key");
        let t = I18n {
            vi: [("k".to_string(), "{a} và {b}, {c} {a}{".to_string())].into(),
            en: Default::default(),
        };
        assert_eq!(
            t.fill(Lang::Vi, "k", &[("a", "1"), ("b", "{a}")]),
            "1 và {a}, {c} 1{"
        );
    }
}
