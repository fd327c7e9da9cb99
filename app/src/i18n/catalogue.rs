//! The locale files, as the backend rust-i18n looks every string up in. rust-i18n's own
//! `i18n!` turns each string of each language into code that builds a map of its own when the
//! first string is asked for: 240 KB of the browser's WASM for four languages of 660 strings,
//! and 2,600 maps built before a page can show a word. Here the same files are read as text
//! into one map a language.
//!
//! The server embeds every language. The browser's WASM embeds none: a page's language comes
//! as its own file (`/locales/<code>.yml`, served from the server's copy, kept offline by the
//! service worker) fetched beside the WASM and handed to `hydrate`. So a phone downloads the
//! one language it shows, and a language added costs no one else a byte.

use super::Locale;
use std::collections::HashMap;

/// A language's locale file as the server embeds it.
#[cfg(not(feature = "hydrate"))]
pub fn file(locale: Locale) -> &'static str {
    match locale {
        Locale::En => include_str!("../../locales/en.yml"),
        Locale::Cy => include_str!("../../locales/cy.yml"),
        Locale::Ur => include_str!("../../locales/ur.yml"),
        Locale::Pl => include_str!("../../locales/pl.yml"),
    }
}

/// The page's language and its locale file's text, given by `hydrate` before anything is
/// translated in the browser.
#[cfg(feature = "hydrate")]
static PAGE_LANGUAGE: std::sync::OnceLock<(Locale, String)> = std::sync::OnceLock::new();

#[cfg(feature = "hydrate")]
pub fn set_page_language(locale: Locale, file: String) {
    let _ = PAGE_LANGUAGE.set((locale, file));
}

pub struct Catalogue(HashMap<&'static str, HashMap<String, String>>);

impl Catalogue {
    #[cfg(not(feature = "hydrate"))]
    pub fn load() -> Self {
        Self(Locale::ALL.into_iter().map(|l| (l.code(), entries(file(l)).into_iter().collect())).collect())
    }

    /// Only the page's language: a page never changes language without loading again.
    #[cfg(feature = "hydrate")]
    pub fn load() -> Self {
        Self(PAGE_LANGUAGE.get().map(|(l, file)| (l.code(), entries(file).into_iter().collect())).into_iter().collect())
    }
}

impl rust_i18n::Backend for Catalogue {
    fn available_locales(&self) -> Vec<&str> {
        self.0.keys().copied().collect()
    }

    fn translate(&self, locale: &str, key: &str) -> Option<&str> {
        self.0.get(locale)?.get(key).map(String::as_str)
    }
}

/// Every `(dotted.key, text)` of a locale file. The files are plain nested maps, two spaces an
/// indent level, one `key: "text"` or `key:` a line, each text in double quotes with `\"`,
/// `\\`, `\n` and `\uXXXX` escapes. Blank lines, comments and `key:` lines that open a nested
/// map hold no text. The files have no other shape: a unit test reads every one with rust-i18n's
/// own YAML reader and expects exactly the texts read here.
pub fn entries(yaml: &str) -> Vec<(String, String)> {
    let mut path: Vec<&str> = Vec::new();
    let mut found = Vec::new();
    for line in yaml.lines() {
        let trimmed = line.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let Some((key, value)) = trimmed.split_once(':') else { continue };
        path.truncate((line.len() - trimmed.len()) / 2);
        path.push(key.trim_matches('"'));
        let value = value.trim();
        if let Some(text) = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).and_then(unescape) {
            found.push((path.join("."), text));
        }
    }
    found
}

fn unescape(quoted: &str) -> Option<String> {
    let mut text = String::with_capacity(quoted.len());
    let mut chars = quoted.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            text.push(c);
            continue;
        }
        match chars.next()? {
            '"' => text.push('"'),
            '\\' => text.push('\\'),
            'n' => text.push('\n'),
            'u' => {
                let hex: String = chars.by_ref().take(4).collect();
                text.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
            }
            _ => return None,
        }
    }
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_reads_as_rust_i18n_reads_it() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/locales");
        let theirs = rust_i18n_support::load_locales(dir, |_| false);
        for locale in Locale::ALL {
            let ours: std::collections::BTreeMap<String, String> = entries(file(locale)).into_iter().collect();
            // A key given both a text and nested keys (YAML keeps the last) would differ here.
            assert_eq!(Some(&ours), theirs.get(locale.code()), "{}", locale.code());
        }
    }

    #[test]
    fn texts_are_unescaped_and_keys_nest() {
        let read = entries("a:\n  b: \"say \\\"hi\\\"\"\n  c:\n    \"1\": \"\\u2066x\\u2069\"\ne: \"z\"\n");
        let expected = [("a.b", "say \"hi\""), ("a.c.1", "\u{2066}x\u{2069}"), ("e", "z")];
        assert_eq!(read, expected.map(|(k, v)| (k.to_string(), v.to_string())));
        assert!(entries("a: \"bad \\q escape\"\n").is_empty());
    }
}
