//! The person's language. rust-i18n keeps one global locale, which a server serving many
//! people must never switch, so the locale travels in a Leptos context and every string is
//! looked up with it explicitly.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub enum Locale {
    #[default]
    En,
    Cy,
    Ur,
    Pl,
}

impl Locale {
    pub const ALL: [Locale; 4] = [Locale::En, Locale::Cy, Locale::Ur, Locale::Pl];

    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Cy => "cy",
            Self::Ur => "ur",
            Self::Pl => "pl",
        }
    }

    /// Text direction, for `<html dir>`: the layout mirrors through logical CSS properties.
    pub fn dir(self) -> &'static str {
        match self {
            Self::Ur => "rtl",
            Self::En | Self::Cy | Self::Pl => "ltr",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|l| l.code().eq_ignore_ascii_case(code.trim()))
    }

    /// The first supported language in an `Accept-Language` header, else English.
    pub fn from_accept_language(header: &str) -> Self {
        header
            .split(',')
            .filter_map(|part| part.split(';').next())
            .filter_map(|tag| Self::parse(tag.trim().split('-').next().unwrap_or("")))
            .next()
            .unwrap_or_default()
    }

    /// How numbers are written: (thousands separator, decimal mark).
    pub fn number_marks(self) -> (&'static str, &'static str) {
        match self {
            // A no-break space, so "1 250" never wraps apart.
            Self::Pl => ("\u{a0}", ","),
            Self::En | Self::Cy | Self::Ur => (",", "."),
        }
    }

    /// Where the browser fetches this language's strings (see `catalogue`).
    pub fn file_path(self) -> String {
        format!("/locales/{}.yml", self.code())
    }

    /// The language's own name, shown in the switcher.
    pub fn native_name(self) -> &'static str {
        match self {
            Self::En => "English",
            Self::Cy => "Cymraeg",
            Self::Ur => "اردو",
            Self::Pl => "Polski",
        }
    }
}

/// The locale of the page being rendered.
pub fn use_locale() -> Locale {
    leptos::prelude::use_context::<Locale>().unwrap_or_default()
}

/// Translate a key in the current page's locale: `tr!("nav.home")`, `tr!("x", n = 3)`.
#[macro_export]
macro_rules! tr {
    ($key:literal) => {
        rust_i18n::t!($key, locale = $crate::i18n::use_locale().code()).into_owned()
    };
    ($key:literal, $($name:ident = $value:expr),+) => {
        rust_i18n::t!($key, locale = $crate::i18n::use_locale().code(), $($name = $value),+).into_owned()
    };
}

/// Translate a key chosen at run time (error messages carry their key).
pub fn tr_key(key: &str, limit: Option<u32>) -> String {
    let locale = use_locale().code();
    match limit {
        Some(n) => rust_i18n::t!(key, locale = locale, limit = n).into_owned(),
        None => rust_i18n::t!(key, locale = locale).into_owned(),
    }
}

pub mod catalogue;
#[cfg(test)]
mod locale_files;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_picks_the_first_supported_language() {
        assert_eq!(Locale::from_accept_language("fr-FR,cy;q=0.8,en;q=0.5"), Locale::Cy);
        assert_eq!(Locale::from_accept_language("en-GB"), Locale::En);
        assert_eq!(Locale::from_accept_language("de, fr"), Locale::En);
        assert_eq!(Locale::from_accept_language(""), Locale::En);
        assert_eq!(Locale::from_accept_language("ur-PK,ur;q=0.9,en;q=0.8"), Locale::Ur);
        assert_eq!(Locale::from_accept_language("pl-PL"), Locale::Pl);
    }

    #[test]
    fn polish_writes_a_decimal_comma() {
        assert_eq!(Locale::Pl.number_marks().1, ",");
        assert_eq!(Locale::Cy.number_marks(), (",", "."));
    }

    #[test]
    fn only_urdu_is_written_right_to_left() {
        let rtl: Vec<_> = Locale::ALL.into_iter().filter(|l| l.dir() == "rtl").collect();
        assert_eq!(rtl, [Locale::Ur]);
    }
}
