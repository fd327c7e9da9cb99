//! Self-ratings: DIALOG, the wellbeing wheel, goal progress and the licensed questionnaires a
//! deployment loads. Each is a list of questions on a whole-number scale; one parser checks what
//! a form sent against the questions asked, so every measure shares its rules (every question
//! answered once, nothing unknown, in range).

pub mod change;
pub mod dialog;
pub mod instrument;
pub mod wheel;

use super::text::Words;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What the form sends for "does not apply" (DIALOG items 1-8 only).
pub const NOT_APPLICABLE: &str = "na";
/// A plan keeps this many ratings at most: monthly ratings for longer than anyone stays in
/// secondary care, and a bound on what a runaway client could store.
pub const RATINGS_MAX: usize = 2000;

/// What a rating rates. Written as its name (`"dialog"`, `"reqol10"`), as it is stored.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(into = "String", try_from = "String")]
pub enum Measure {
    Dialog,
    Wheel,
    Goals,
    /// A licensed questionnaire the deployment loaded, by its id ([`instrument::Instrument`]).
    Licensed(String),
}

impl Measure {
    pub const BUILT_IN: [Measure; 3] = [Measure::Dialog, Measure::Wheel, Measure::Goals];

    /// The name stored with each rating and shown in the address of its form.
    pub fn as_str(&self) -> &str {
        match self {
            Self::Dialog => "dialog",
            Self::Wheel => "wheel",
            Self::Goals => "goals",
            Self::Licensed(id) => id,
        }
    }

    /// A built-in measure by name, or a licensed questionnaire by a name it could have (whether
    /// the deployment has one of that name is for the server to say).
    pub fn parse(text: &str) -> Option<Self> {
        match Self::BUILT_IN.into_iter().find(|m| m.as_str() == text) {
            Some(measure) => Some(measure),
            None => instrument::is_id(text).then(|| Self::Licensed(text.to_string())),
        }
    }
}

impl From<Measure> for String {
    fn from(measure: Measure) -> Self {
        measure.as_str().to_string()
    }
}

impl TryFrom<String> for Measure {
    type Error = &'static str;

    fn try_from(text: String) -> Result<Self, Self::Error> {
        Self::parse(&text).ok_or("not the name of a measure")
    }
}

/// The whole-number range of a question's answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scale {
    pub min: u8,
    pub max: u8,
}

impl Scale {
    pub fn values(self) -> impl Iterator<Item = u8> {
        self.min..=self.max
    }
}

/// One question as asked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Question {
    /// Stable name of what is rated: a DIALOG item, a wheel area, a goal's id.
    pub item: String,
    pub label: Words,
    pub scale: Scale,
    /// "Does not apply" is an answer.
    pub not_applicable: bool,
    /// Also asks "do you want more help in this area?".
    pub more_help: bool,
}

/// One answer as a form sends it: `answers[3][item]=job&answers[3][score]=5&answers[3][help]=yes`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerForm {
    pub item: String,
    #[serde(default)]
    pub score: Option<String>,
    #[serde(default)]
    pub help: Option<String>,
}

/// A checked answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answer {
    pub item: String,
    /// `None`: does not apply.
    pub score: Option<u8>,
    pub more_help: bool,
}

/// A stored rating.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rating {
    pub id: i64,
    pub measure: Measure,
    /// Unix seconds.
    pub at: i64,
    pub answers: Vec<Answer>,
}

impl Rating {
    pub fn answer(&self, item: &str) -> Option<&Answer> {
        self.answers.iter().find(|a| a.item == item)
    }

    pub fn score(&self, item: &str) -> Option<u8> {
        self.answer(item).and_then(|a| a.score)
    }
}

fn parse_score(question: &Question, raw: Option<&str>) -> Result<Option<u8>, FieldError> {
    let field = question.item.as_str();
    let raw = raw.map(str::trim).unwrap_or("");
    if raw.is_empty() {
        return Err(FieldError::new(field, "rating.error.missing"));
    }
    if raw == NOT_APPLICABLE {
        return match question.not_applicable {
            true => Ok(None),
            false => Err(FieldError::new(field, "rating.error.not_applicable")),
        };
    }
    match raw.parse::<u8>() {
        Ok(n) if (question.scale.min..=question.scale.max).contains(&n) => Ok(Some(n)),
        _ => Err(FieldError::with_limit(field, "rating.error.out_of_range", question.scale.max.into())),
    }
}

fn parse_help(question: &Question, raw: Option<&str>) -> Result<bool, FieldError> {
    match raw.map(str::trim).unwrap_or("") {
        "" | "no" => Ok(false),
        "yes" | "on" if question.more_help => Ok(true),
        _ => Err(FieldError::new(&question.item, "rating.error.help")),
    }
}

/// Checks a form's answers against the questions: each question answered exactly once, no
/// unknown items, every score on its scale. The answers come back in the questions' order.
pub fn parse_answers(questions: &[Question], sent: &[AnswerForm]) -> Result<Vec<Answer>, Vec<FieldError>> {
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    for form in sent {
        if !questions.iter().any(|q| q.item == form.item) {
            problems.push(FieldError::new("answers", "rating.error.unknown_item"));
        } else if !seen.insert(form.item.as_str()) {
            problems.push(FieldError::new(&form.item, "rating.error.duplicate"));
        }
    }
    let mut answers = Vec::with_capacity(questions.len());
    for question in questions {
        let form = sent.iter().find(|f| f.item == question.item);
        let score = parse_score(question, form.and_then(|f| f.score.as_deref()));
        let help = parse_help(question, form.and_then(|f| f.help.as_deref()));
        match (score, help) {
            (Ok(score), Ok(more_help)) => answers.push(Answer { item: question.item.clone(), score, more_help }),
            (score, help) => problems.extend(score.err().into_iter().chain(help.err())),
        }
    }
    if problems.is_empty() {
        Ok(answers)
    } else {
        problems.dedup();
        Err(problems)
    }
}

/// Goal Based Outcomes: 0 (no progress) to 10 (goal reached).
pub const GOAL_SCALE: Scale = Scale { min: 0, max: 10 };

/// The questions of goal progress (Goal Based Outcomes): each goal, 0 (no progress) to 10
/// (goal reached).
pub fn goal_questions(goals: &[super::goal::Goal]) -> Vec<Question> {
    goals
        .iter()
        .map(|g| Question {
            item: g.id.to_string(),
            label: Words::Plain(g.text.title.clone()),
            scale: GOAL_SCALE,
            not_applicable: false,
            more_help: false,
        })
        .collect()
}

/// The key that makes sending a rating twice store it once: made when the form is shown,
/// sent with it, unique per plan.
pub fn parse_request_key(raw: &str) -> Option<&str> {
    let ok = (16..=64).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then_some(raw)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(item: &str, min: u8, max: u8, not_applicable: bool) -> Question {
        Question {
            item: item.into(),
            label: Words::Plain(item.into()),
            scale: Scale { min, max },
            not_applicable,
            more_help: true,
        }
    }

    fn form(item: &str, score: &str, help: &str) -> AnswerForm {
        AnswerForm { item: item.into(), score: Some(score.into()), help: Some(help.into()) }
    }

    fn keys(errors: Vec<FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|e| (e.field, e.key)).collect()
    }

    #[test]
    fn answers_come_back_in_question_order_with_help_and_not_applicable() {
        let questions = [question("a", 1, 7, true), question("b", 1, 7, false)];
        let answers = parse_answers(&questions, &[form("b", "7", ""), form("a", "na", "yes")]).unwrap();
        assert_eq!(
            answers,
            [
                Answer { item: "a".into(), score: None, more_help: true },
                Answer { item: "b".into(), score: Some(7), more_help: false },
            ]
        );
    }

    #[test]
    fn missing_duplicate_unknown_and_out_of_range_answers_are_each_named() {
        let questions = [question("a", 1, 7, false), question("b", 1, 7, false), question("c", 1, 7, false)];
        let sent = [form("a", "8", ""), form("a", "3", ""), form("zzz", "3", ""), form("c", "na", "")];
        assert_eq!(
            keys(parse_answers(&questions, &sent).unwrap_err()),
            [
                ("a".into(), "rating.error.duplicate".into()),
                ("answers".into(), "rating.error.unknown_item".into()),
                ("a".into(), "rating.error.out_of_range".into()),
                ("b".into(), "rating.error.missing".into()),
                ("c".into(), "rating.error.not_applicable".into()),
            ]
        );
    }

    #[test]
    fn help_is_yes_or_nothing_and_only_where_asked() {
        let mut no_help = question("a", 0, 10, false);
        no_help.more_help = false;
        assert!(parse_answers(&[no_help.clone()], &[form("a", "3", "yes")]).is_err());
        assert!(parse_answers(&[question("a", 0, 10, false)], &[form("a", "3", "maybe")]).is_err());
        assert!(parse_answers(&[no_help], &[form("a", "0", "")]).is_ok());
    }

    #[test]
    fn request_keys_are_long_plain_tokens() {
        assert!(parse_request_key("0123456789abcdef").is_some());
        assert!(parse_request_key("short").is_none());
        assert!(parse_request_key("0123456789abcdef'; --").is_none());
        assert!(parse_request_key(&"a".repeat(65)).is_none());
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn any_score_on_the_scale_is_taken_and_any_other_text_refused(min in 0u8..5, span in 1u8..10, raw in ".{0,4}") {
                let max = min + span;
                let q = question("a", min, max, false);
                let parsed = parse_answers(std::slice::from_ref(&q), &[form("a", &raw, "")]);
                let expected = raw.trim().parse::<u8>().ok().filter(|n| (min..=max).contains(n));
                match expected {
                    Some(n) => prop_assert_eq!(parsed.unwrap()[0].score, Some(n)),
                    None => prop_assert!(parsed.is_err()),
                }
            }

            #[test]
            fn every_question_answered_once_always_parses(scores in proptest::collection::vec(1u8..=7, 1..12)) {
                let questions: Vec<_> = (0..scores.len()).map(|i| question(&format!("q{i}"), 1, 7, false)).collect();
                let sent: Vec<_> = scores.iter().enumerate().map(|(i, s)| form(&format!("q{i}"), &s.to_string(), "")).collect();
                let answers = parse_answers(&questions, &sent).unwrap();
                prop_assert_eq!(answers.iter().map(|a| a.score.unwrap()).collect::<Vec<_>>(), scores);
            }
        }
    }
}
