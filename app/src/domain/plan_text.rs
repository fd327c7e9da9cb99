//! The sections that are written answers to a fixed set of questions: formulation, the crisis
//! plan's words, care and treatment, and how to reach the care team.

use super::section::Section;
use super::text::{bounded, Problems};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Longest answer to one question, in characters.
pub const ANSWER_MAX: usize = 4000;

/// The questions of a written section, in the order the form asks them. Each is also a
/// locale key suffix (`<section>.<field>.label`, `.hint`). `None` for sections of other kinds.
pub fn fields(section: Section) -> Option<&'static [&'static str]> {
    Some(match section {
        Section::Formulation => &["difficulties", "origins", "meaning", "keeps_going", "strengths"],
        Section::Crisis => &["warning_signs", "i_can_do", "others_can_do", "helps", "does_not_help"],
        Section::CareTreatment => &["therapies", "medication", "other_organisations"],
        Section::CareTeam => &["how_to_reach", "team", "other_agencies"],
        _ => return None,
    })
}

/// The answers of one written section, keyed by field; a missing key is an empty answer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SectionText(pub BTreeMap<String, String>);

impl SectionText {
    /// Checks the answers as posted for `section`; other keys in `posted` (the submit button,
    /// the plan id) are ignored.
    pub fn parse(section: Section, posted: &BTreeMap<String, String>) -> Result<Self, Vec<FieldError>> {
        let Some(fields) = fields(section) else {
            return Err(vec![FieldError::new("section", "error.bad_section")]);
        };
        let mut problems = Problems::default();
        let mut answers = BTreeMap::new();
        for field in fields {
            let raw = posted.get(*field).map(String::as_str).unwrap_or_default();
            if let Some(text) = problems.check(bounded(field, raw, 0, ANSWER_MAX)) {
                if !text.is_empty() {
                    answers.insert(field.to_string(), text);
                }
            }
        }
        problems.into_result(|| Self(answers))
    }

    pub fn get(&self, field: &str) -> &str {
        self.0.get(field).map(String::as_str).unwrap_or_default()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn posted(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
        pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn only_the_sections_questions_are_kept_and_empty_answers_dropped() {
        let text = SectionText::parse(
            Section::Formulation,
            &posted(&[("difficulties", " Low mood "), ("origins", ""), ("plan_id", "3")]),
        )
        .unwrap();
        assert_eq!(text.get("difficulties"), "Low mood");
        assert_eq!(text.0.len(), 1);
    }

    #[test]
    fn every_overlong_answer_is_reported() {
        let long = "x".repeat(ANSWER_MAX + 1);
        let errors =
            SectionText::parse(Section::Crisis, &posted(&[("helps", &long), ("warning_signs", &long)])).unwrap_err();
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn sections_that_are_not_written_answers_are_refused() {
        assert!(SectionText::parse(Section::Goals, &BTreeMap::new()).is_err());
        assert!(fields(Section::AboutMe).is_none());
    }
}
