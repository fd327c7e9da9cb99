//! A crisis card: a time-limited, read-only link to the crisis plan alone, for A&E or ambulance
//! staff, given as a QR code or a link.

use super::text::bounded;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const LABEL_MAX: usize = 60;
/// How long a card may last, in days: the person picks one.
pub const DAYS: [u32; 4] = [1, 7, 30, 90];

/// A card as the person sees it on their sharing page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CrisisCard {
    pub id: i64,
    /// Who it is for, in the person's words: "A&E", "Ambulance".
    pub label: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub revoked_at: Option<i64>,
    /// When it was opened, newest first.
    pub openings: Vec<i64>,
}

impl CrisisCard {
    pub fn active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// The card's label and how many days it lasts, from the form.
pub fn parse_card(label: &str, days: &str) -> Result<(String, u32), Vec<FieldError>> {
    let label = bounded("label", label, 1, LABEL_MAX);
    let days = days
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| DAYS.contains(d))
        .ok_or_else(|| FieldError::new("days", "error.choose_one"));
    match (label, days) {
        (Ok(label), Ok(days)) => Ok((label, days)),
        (label, days) => Err(label.err().into_iter().chain(days.err()).collect()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_card_needs_a_label_and_one_of_the_offered_lengths() {
        assert_eq!(parse_card(" A&E ", "7").unwrap(), ("A&E".to_string(), 7));
        let errors = parse_card("", "365").unwrap_err();
        let keys: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.key.as_str())).collect();
        assert_eq!(keys, [("label", "error.required"), ("days", "error.choose_one")]);
    }

    #[test]
    fn a_card_ends_when_stopped_or_expired() {
        let card = CrisisCard {
            id: 1,
            label: "A&E".into(),
            created_at: 0,
            expires_at: 100,
            revoked_at: None,
            openings: vec![],
        };
        assert!(card.active(99));
        assert!(!card.active(100));
        assert!(!CrisisCard { revoked_at: Some(50), ..card }.active(60));
    }
}
