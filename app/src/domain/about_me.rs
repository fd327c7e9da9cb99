//! About Me: the person, in their own words (PRSB section 1).

use super::text::{bounded, Problems};
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

/// Longest answer to one About Me question, in characters.
pub const ANSWER_MAX: usize = 4000;

/// The questions, in the order the form asks them. The field name is also the locale key
/// suffix (`about_me.<field>.label`, `.hint`) and the database column.
pub const FIELDS: [&str; 9] = [
    "who_i_am",
    "what_matters",
    "strengths",
    "working",
    "not_working",
    "people",
    "support",
    "communication",
    "decisions",
];

/// All answers are optional: a person fills in what they want, when they want.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AboutMe {
    pub who_i_am: String,
    pub what_matters: String,
    pub strengths: String,
    pub working: String,
    pub not_working: String,
    pub people: String,
    pub support: String,
    pub communication: String,
    pub decisions: String,
}

impl AboutMe {
    /// Checks the answers as typed, in `FIELDS` order.
    pub fn parse(answers: [&str; 9]) -> Result<Self, Vec<FieldError>> {
        let mut problems = Problems::default();
        let parsed: Vec<String> = FIELDS
            .iter()
            .zip(answers)
            .map(|(field, raw)| problems.check(bounded(field, raw, 0, ANSWER_MAX)).unwrap_or_default())
            .collect();
        problems.into_result(|| {
            let [who_i_am, what_matters, strengths, working, not_working, people, support, communication, decisions]: [String; 9] =
                parsed.try_into().unwrap_or_default();
            Self { who_i_am, what_matters, strengths, working, not_working, people, support, communication, decisions }
        })
    }

    /// The answers in `FIELDS` order.
    pub fn answers(&self) -> [&str; 9] {
        [
            &self.who_i_am,
            &self.what_matters,
            &self.strengths,
            &self.working,
            &self.not_working,
            &self.people,
            &self.support,
            &self.communication,
            &self.decisions,
        ]
    }

    pub fn is_empty(&self) -> bool {
        self.answers().iter().all(|a| a.is_empty())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_round_trip_in_field_order() {
        let answers = ["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        let about = AboutMe::parse(answers).unwrap();
        assert_eq!(about.answers(), answers);
        assert_eq!(about.decisions, "i");
    }

    #[test]
    fn every_overlong_answer_is_reported_at_once() {
        let long = "x".repeat(ANSWER_MAX + 1);
        let errors = AboutMe::parse(["", &long, "", "", "", "", "", "", &long]).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["what_matters", "decisions"]);
    }

    #[test]
    fn an_empty_about_me_is_allowed() {
        assert!(AboutMe::parse([""; 9]).unwrap().is_empty());
    }
}
