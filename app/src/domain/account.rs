//! What identifies and protects an account.

use super::text::bounded;
use crate::error::FieldError;

pub const NAME_MAX: usize = 100;
pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 10;
pub const PASSWORD_MAX: usize = 128;
pub const RELATIONSHIP_MAX: usize = 60;

/// An email address, lower-cased, used to log in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Email(String);

impl Email {
    pub fn parse(field: &str, raw: &str) -> Result<Self, FieldError> {
        let text = bounded(field, raw, 1, EMAIL_MAX)?.to_lowercase();
        let valid = match text.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
                    && !text.chars().any(|c| c.is_whitespace())
                    && !domain.contains('@')
            }
            None => false,
        };
        if valid {
            Ok(Self(text))
        } else {
            Err(FieldError::new(field, "error.email_format"))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// The name a person is shown by.
pub fn display_name(field: &str, raw: &str) -> Result<String, FieldError> {
    bounded(field, raw, 1, NAME_MAX)
}

/// How a carer is related to the person ("my sister", "friend").
pub fn relationship(field: &str, raw: &str) -> Result<String, FieldError> {
    bounded(field, raw, 1, RELATIONSHIP_MAX)
}

/// A new password. Never `Debug`-printed or serialised.
pub struct NewPassword(String);

impl NewPassword {
    pub fn parse(field: &str, raw: &str, confirm: &str) -> Result<Self, FieldError> {
        let chars = raw.chars().count();
        if chars < PASSWORD_MIN {
            return Err(FieldError::with_limit(field, "error.password_short", PASSWORD_MIN as u32));
        }
        if chars > PASSWORD_MAX {
            return Err(FieldError::with_limit(field, "error.too_long", PASSWORD_MAX as u32));
        }
        if raw != confirm {
            return Err(FieldError::new("confirm", "error.password_mismatch"));
        }
        Ok(Self(raw.to_string()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn email_is_lower_cased_and_needs_a_domain() {
        assert_eq!(Email::parse("e", " Sam@Example.ORG ").unwrap().as_str(), "sam@example.org");
        for bad in ["", "sam", "sam@", "@example.org", "sam@example", "s am@example.org", "a@b@c.org"] {
            assert!(Email::parse("e", bad).is_err(), "{bad:?} should be refused");
        }
    }

    #[test]
    fn password_needs_length_and_a_matching_confirmation() {
        assert!(NewPassword::parse("p", "short", "short").is_err());
        assert_eq!(NewPassword::parse("p", "long enough pw", "different pw").err().unwrap().field, "confirm");
        assert!(NewPassword::parse("p", "long enough pw", "long enough pw").is_ok());
        let huge = "x".repeat(PASSWORD_MAX + 1);
        assert!(NewPassword::parse("p", &huge, &huge).is_err());
    }
}
