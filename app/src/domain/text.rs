//! Bounded free text, the building block of every field a person types into.

use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// Words a deployment may set: a locale key for the built-in ones (crisis lines, wellbeing
/// wheel areas), the deployment's own words for those it adds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Words {
    Key(String),
    Plain(String),
}

/// Trims `raw` and checks its length in characters (not bytes: Welsh and Urdu text is
/// multi-byte). `min` of 0 makes the field optional.
pub fn bounded(field: &str, raw: &str, min: usize, max: usize) -> Result<String, FieldError> {
    let text = raw.trim();
    let chars = text.chars().count();
    if chars < min {
        return Err(FieldError::new(field, "error.required"));
    }
    if chars > max {
        return Err(FieldError::with_limit(field, "error.too_long", max as u32));
    }
    if text.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::new(field, "error.control_characters"));
    }
    Ok(text.to_string())
}

/// Collects the results of parsing several fields, so a form shows every problem at once.
#[derive(Default)]
pub struct Problems(Vec<FieldError>);

impl Problems {
    pub fn check<T>(&mut self, result: Result<T, FieldError>) -> Option<T> {
        result.map_err(|e| self.0.push(e)).ok()
    }

    pub fn into_result<T>(self, value: impl FnOnce() -> T) -> Result<T, Vec<FieldError>> {
        if self.0.is_empty() {
            Ok(value())
        } else {
            Err(self.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_and_counted_in_characters() {
        assert_eq!(bounded("f", "  hi  ", 1, 2).unwrap(), "hi");
        assert_eq!(bounded("f", "ŵŷ", 1, 2).unwrap(), "ŵŷ");
        assert_eq!(bounded("f", "   ", 1, 2).unwrap_err().key, "error.required");
        let long = bounded("f", "abc", 0, 2).unwrap_err();
        assert_eq!((long.key.as_str(), long.limit), ("error.too_long", Some(2)));
    }

    #[test]
    fn control_characters_are_refused_but_line_breaks_are_kept() {
        assert!(bounded("f", "a\u{0}b", 0, 10).is_err());
        assert_eq!(bounded("f", "a\nb", 0, 10).unwrap(), "a\nb");
    }
}
