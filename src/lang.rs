//! The two languages of the site and of its messages: Vietnamese first, English second.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Lang {
    #[default]
    Vi,
    En,
}

impl Lang {
    pub fn pick<'a>(self, vi: &'a str, en: &'a str) -> &'a str {
        match self {
            Lang::Vi => vi,
            Lang::En => en,
        }
    }

    /// The language's code, for `<html lang>`.
    pub fn code(self) -> &'static str {
        self.pick("vi", "en")
    }
}
