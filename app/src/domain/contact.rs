//! Who to contact in a crisis, with numbers a phone can call or text.

use super::text::{bounded, Problems, Words};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 100;
pub const ROLE_MAX: usize = 100;
pub const WHEN_MAX: usize = 200;
pub const CONTACTS_MAX: usize = 20;

/// A phone number as typed (kept for showing) that has between 3 digits (999) and 15 (the
/// international maximum), with only spaces, dashes, brackets and one leading `+` besides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhoneNumber(String);

impl PhoneNumber {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let text = raw.trim();
        if text.is_empty() {
            return Err(FieldError::new(field, "error.required"));
        }
        let body = text.strip_prefix('+').unwrap_or(text);
        let allowed = body.chars().all(|c| c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')'));
        let digits = body.chars().filter(char::is_ascii_digit).count();
        if !allowed || !(3..=15).contains(&digits) {
            return Err(FieldError::new(field, "error.phone_invalid"));
        }
        Ok(Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The number for reading in `locale`. Inside right-to-left text (Urdu) it is isolated
    /// left to right: without the marks, "116 123" would show as "123 116".
    pub fn shown(&self, locale: crate::i18n::Locale) -> String {
        match locale.dir() {
            "rtl" => format!("\u{2066}{}\u{2069}", self.0),
            _ => self.0.clone(),
        }
    }

    /// The number as a `tel:`/`sms:` link wants it: digits and a leading `+` only.
    pub fn dial(&self) -> String {
        let plus = if self.0.starts_with('+') { "+" } else { "" };
        format!("{plus}{}", self.0.chars().filter(char::is_ascii_digit).collect::<String>())
    }
}

/// Someone to contact in a crisis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrisisContact {
    pub name: String,
    /// Relationship or role: "my sister", "crisis team".
    pub relationship: String,
    pub phone: PhoneNumber,
    /// When they can be reached: "weekdays 9 to 5", "any time".
    pub available: String,
}

impl CrisisContact {
    pub fn parse(name: &str, relationship: &str, phone: &str, available: &str) -> Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        let name = problems.check(bounded("name", name, 1, NAME_MAX));
        let relationship = problems.check(bounded("relationship", relationship, 0, ROLE_MAX));
        let phone = problems.check(PhoneNumber::parse("phone", phone));
        let available = problems.check(bounded("available", available, 0, WHEN_MAX));
        problems.into_result(|| Self {
            name: name.unwrap_or_default(),
            relationship: relationship.unwrap_or_default(),
            phone: phone.unwrap_or_else(|| PhoneNumber(String::new())),
            available: available.unwrap_or_default(),
        })
    }
}

/// A stored contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactEntry {
    pub id: i64,
    pub contact: CrisisContact,
}

/// A national crisis line, from deployment settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrisisLine {
    pub name: String,
    /// What it is for, in a few words.
    pub detail: Words,
    pub phone: Option<PhoneNumber>,
    /// For text lines: the number to text and the word to send.
    pub text: Option<(PhoneNumber, String)>,
}

impl CrisisLine {
    /// The lines DOMAIN.md names for England: 999, NHS 111 option 2, Samaritans, Shout.
    pub fn national_defaults() -> Vec<CrisisLine> {
        let phone = |n: &str| PhoneNumber(n.to_string());
        let key = |k: &str| Words::Key(format!("crisis_line.{k}"));
        vec![
            CrisisLine { name: "999".into(), detail: key("emergency"), phone: Some(phone("999")), text: None },
            CrisisLine { name: "NHS 111".into(), detail: key("nhs_111"), phone: Some(phone("111")), text: None },
            CrisisLine {
                name: "Samaritans".into(),
                detail: key("samaritans"),
                phone: Some(phone("116 123")),
                text: None,
            },
            CrisisLine {
                name: "Shout".into(),
                detail: key("shout"),
                phone: None,
                text: Some((phone("85258"), "SHOUT".into())),
            },
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uk_and_international_numbers_are_accepted_and_dialled_as_digits() {
        for (raw, dial) in [
            ("999", "999"),
            ("116 123", "116123"),
            ("+44 (0)20 7946 0958", "+4402079460958"),
            ("07700-900123", "07700900123"),
        ] {
            assert_eq!(PhoneNumber::parse("phone", raw).unwrap().dial(), dial);
        }
    }

    #[test]
    fn a_shown_number_keeps_its_order_in_right_to_left_text() {
        let number = PhoneNumber::parse("phone", "116 123").unwrap();
        assert_eq!(number.shown(crate::i18n::Locale::Ur), "\u{2066}116 123\u{2069}");
        assert_eq!(number.shown(crate::i18n::Locale::En), "116 123");
    }

    #[test]
    fn words_short_numbers_and_stray_symbols_are_not_phone_numbers() {
        for raw in ["call me", "12", "0770090012345678", "07700 900123 ext 4", "++44 1234", "0770#123"] {
            assert_eq!(PhoneNumber::parse("phone", raw).unwrap_err().key, "error.phone_invalid", "{raw}");
        }
        assert_eq!(PhoneNumber::parse("phone", " ").unwrap_err().key, "error.required");
    }

    #[test]
    fn a_contact_reports_every_problem() {
        let errors = CrisisContact::parse("", "sister", "nope", "").unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["name", "phone"]);
    }
}
