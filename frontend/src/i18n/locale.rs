//! The two languages of the app, in a module of their own: every table of
//! texts names them, and the tables are what the rest of `i18n` is built on.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Locale {
    Zh,
    En,
}

impl Locale {
    pub fn tag(self) -> &'static str {
        match self {
            Locale::Zh => "zh-CN",
            Locale::En => "en",
        }
    }

    pub fn from_tag(tag: &str) -> Self {
        if tag.starts_with("en") { Locale::En } else { Locale::Zh }
    }
}
