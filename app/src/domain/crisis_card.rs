//! A crisis card: a time-limited, read-only link, given as a QR code or a link, for staff who
//! have no account here. By default it shows the crisis plan alone (for A&E or ambulance
//! staff); the person may choose other sections for an organisation such as their GP surgery.

use super::section::Section;
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
    /// What its link shows, in plan order.
    pub sections: Vec<Section>,
    /// When it was opened, newest first.
    pub openings: Vec<i64>,
}

impl CrisisCard {
    pub fn active(&self, now: i64) -> bool {
        self.revoked_at.is_none() && now < self.expires_at
    }
}

/// A card as the form asks for it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CardRequest {
    pub label: String,
    pub days: u32,
    /// In plan order, each once.
    pub sections: Vec<Section>,
}

/// The card's label, how many days it lasts and what it shows, from the form.
pub fn parse_card(label: &str, days: &str, sections: &[String]) -> Result<CardRequest, Vec<FieldError>> {
    let label = bounded("label", label, 1, LABEL_MAX);
    let days = days
        .trim()
        .parse::<u32>()
        .ok()
        .filter(|d| DAYS.contains(d))
        .ok_or_else(|| FieldError::new("days", "error.choose_one"));
    let sections = parse_sections(sections);
    match (label, days, sections) {
        (Ok(label), Ok(days), Ok(sections)) => Ok(CardRequest { label, days, sections }),
        (label, days, sections) => Err(label.err().into_iter().chain(days.err()).chain(sections.err()).collect()),
    }
}

fn parse_sections(raw: &[String]) -> Result<Vec<Section>, FieldError> {
    let chosen: Option<Vec<Section>> = raw.iter().map(|s| Section::parse(s.trim())).collect();
    let chosen = chosen.ok_or_else(|| FieldError::new("sections", "error.choose_one"))?;
    let sections: Vec<Section> = Section::ALL.into_iter().filter(|s| chosen.contains(s)).collect();
    if sections.is_empty() {
        return Err(FieldError::new("sections", "card.error.no_sections"));
    }
    Ok(sections)
}

/// The stored form of a card's sections: their names, comma-separated.
pub fn sections_to_text(sections: &[Section]) -> String {
    sections.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(",")
}

/// The sections a stored card shows; a name no longer known shows nothing rather than failing.
pub fn sections_from_text(text: &str) -> Vec<Section> {
    let named: Vec<Section> = text.split(',').filter_map(|s| Section::parse(s.trim())).collect();
    Section::ALL.into_iter().filter(|s| named.contains(s)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(names: &[&str]) -> Vec<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn a_card_needs_a_label_one_of_the_offered_lengths_and_something_to_show() {
        let card = parse_card(" A&E ", "7", &names(&["crisis"])).unwrap();
        assert_eq!(card, CardRequest { label: "A&E".into(), days: 7, sections: vec![Section::Crisis] });
        let errors = parse_card("", "365", &[]).unwrap_err();
        let keys: Vec<_> = errors.iter().map(|e| (e.field.as_str(), e.key.as_str())).collect();
        assert_eq!(
            keys,
            [("label", "error.required"), ("days", "error.choose_one"), ("sections", "card.error.no_sections")]
        );
        let unknown = parse_card("GP", "30", &names(&["crisis", "diary"])).unwrap_err();
        assert_eq!(unknown[0].field, "sections");
    }

    #[test]
    fn sections_come_back_in_plan_order_once_each() {
        let card = parse_card("GP", "30", &names(&["crisis", "goals", "about_me", "goals"])).unwrap();
        assert_eq!(card.sections, [Section::AboutMe, Section::Goals, Section::Crisis]);
        assert_eq!(sections_from_text(&sections_to_text(&card.sections)), card.sections);
        assert_eq!(sections_from_text("crisis,gone"), [Section::Crisis]);
    }

    #[test]
    fn a_card_ends_when_stopped_or_expired() {
        let card = CrisisCard {
            id: 1,
            label: "A&E".into(),
            created_at: 0,
            expires_at: 100,
            revoked_at: None,
            sections: vec![Section::Crisis],
            openings: vec![],
        };
        assert!(card.active(99));
        assert!(!card.active(100));
        assert!(!CrisisCard { revoked_at: Some(50), ..card }.active(60));
    }
}
