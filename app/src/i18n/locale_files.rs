//! Checks of the locale files themselves: every language has every key, and every key is used
//! by the code (a key no code asks for is a string that can drift out of date unseen).

use std::collections::BTreeSet;
use std::path::Path;

/// Every key of a locale file as a dotted path ("nav.home").
fn keys(yaml: &str) -> BTreeSet<String> {
    super::catalogue::entries(yaml).into_iter().map(|(key, _)| key).collect()
}

/// The string literals in Rust source, as written (escapes left in, which keys never have).
fn literals(source: &str) -> Vec<&str> {
    let mut found = Vec::new();
    let mut rest = source;
    while let Some(start) = rest.find('"') {
        let after = &rest[start + 1..];
        let Some(end) = after.find('"') else { break };
        found.push(&after[..end]);
        rest = &after[end + 1..];
    }
    found
}

/// The literal pieces of a `format!` pattern, between its `{...}` placeholders.
fn pieces(pattern: &str) -> Vec<&str> {
    pattern
        .split('{')
        .enumerate()
        .map(|(i, p)| if i == 0 { p } else { p.split_once('}').map_or(p, |(_, tail)| tail) })
        .collect()
}

/// Does `key` fit `pattern`, where each `{...}` in the pattern stands for one or more characters?
/// Only a pattern with a dotted word of its own ("section.", ".label") can build a key: "{}" or
/// "{}.{}" build none.
fn fits(pattern: &str, key: &str) -> bool {
    let pieces = pieces(pattern);
    let literal = pieces.concat();
    let keyish = literal.contains('.')
        && literal.chars().any(|c| c.is_ascii_lowercase())
        && pattern.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.{}".contains(c));
    if !keyish {
        return false;
    }
    let (first, last) = (pieces[0], pieces[pieces.len() - 1]);
    if pieces.len() == 1 {
        return pattern == key;
    }
    if !key.starts_with(first) || !key.ends_with(last) || key.len() < first.len() + last.len() + 1 {
        return false;
    }
    let mut at = first.len();
    for piece in &pieces[1..pieces.len() - 1] {
        match key[at + 1..].find(piece) {
            Some(i) => at = at + 1 + i + piece.len(),
            None => return false,
        }
    }
    at < key.len() - last.len()
}

fn rust_sources(dir: &Path, into: &mut String) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_sources(&path, into);
        } else if path.extension().is_some_and(|e| e == "rs") {
            into.push_str(&std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn locale(code: &str) -> BTreeSet<String> {
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales").join(format!("{code}.yml"));
    keys(&std::fs::read_to_string(file).unwrap())
}

#[test]
fn every_language_has_every_key() {
    let english = locale("en");
    for other in super::Locale::ALL.into_iter().map(super::Locale::code).filter(|c| *c != "en") {
        let theirs = locale(other);
        let missing: Vec<_> = english.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&english).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{other}: missing {missing:?}, not in English {extra:?}");
    }
}

#[test]
fn every_key_is_asked_for_by_the_code() {
    let mut source = String::new();
    rust_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut source);
    // Skip this file: its own strings are not uses.
    let own = include_str!("locale_files.rs");
    let source = source.replace(own, "");
    let literals = literals(&source);
    let unused: Vec<String> =
        locale("en").into_iter().filter(|key| !literals.iter().any(|lit| fits(lit, key))).collect();
    assert!(unused.is_empty(), "keys no code uses: {unused:?}");
}

#[test]
fn patterns_fit_the_keys_they_build() {
    assert!(fits("nav.home", "nav.home"));
    assert!(fits("section.{}.title", "section.about_me.title"));
    assert!(fits("dialog_plus.{step}.prompt{n}", "dialog_plus.understanding.prompt2"));
    assert!(!fits("section.{}.title", "section..title"));
    assert!(!fits("section.{}.title", "section.goals.hint"));
    assert!(!fits("{}", "nav.home"), "a bare placeholder builds no key");
    assert!(!fits("Nav.home", "nav.home"));
    assert!(!fits("{}.{}", "nav.home"));
    assert!(fits("{prefix}.{field}.label", "crisis.helps.label"));
    let parsed = keys("a:\n  b: \"x\"\n  c:\n    d: \"y\"\ne: \"z\"\n");
    assert_eq!(parsed.into_iter().collect::<Vec<_>>(), ["a.b", "a.c.d", "e"]);
}

#[test]
fn every_key_the_code_names_is_in_the_locale_files() {
    let mut source = String::new();
    rust_sources(&Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut source);
    let source = source.replace(include_str!("locale_files.rs"), "");
    let english = locale("en");
    let namespaces: BTreeSet<&str> = english.iter().filter_map(|k| k.split('.').next()).collect();
    let keyish = |lit: &&str| {
        lit.contains('.')
            && lit.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.".contains(c))
            && lit.split('.').next().is_some_and(|ns| namespaces.contains(ns))
    };
    let missing: BTreeSet<&str> =
        literals(&source).into_iter().filter(keyish).filter(|lit| !english.contains(*lit)).collect();
    assert!(missing.is_empty(), "keys the code names that no locale file has: {missing:?}");
}
