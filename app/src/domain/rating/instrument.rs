//! Licensed questionnaires, such as ReQoL-10. Their statements are the licence holder's words,
//! so the app bundles none: a deployment that holds a licence loads each one as a file
//! (DOMAIN.md). A questionnaire is a list of statements answered on one scale of labelled
//! choices; its total is the sum of the answers, with some statements counted from the other end
//! and some asked but left out of it. Some also report a score read from a table of totals, or
//! sums of parts of the questionnaire (subscales).

mod score;
mod subscale;

pub use score::{Score, ScoreTable};
pub use subscale::{Subscale, SUBSCALES_MAX};

use super::{Answer, Measure, Question, Scale};
use crate::domain::text::Words;
use serde::{Deserialize, Serialize};

/// More statements than this is not a self-rating someone finishes on a phone.
pub const STATEMENTS_MAX: usize = 40;
/// Element ids of every page (the language picker, the style sheet) that a statement's id, which
/// is also its question's element id, must not take.
const PAGE_IDS: [&str; 2] = ["lang", "leptos"];
/// Choices from 2 (yes/no) to 11 (0-10).
pub const CHOICES: std::ops::RangeInclusive<usize> = 2..=11;

/// One statement of a questionnaire.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// Stable name, stored with each answer: never reuse one for another statement.
    pub id: String,
    pub text: String,
    /// Counted from the other end of the scale: questionnaires mix statements worded either way
    /// round, so that a high total always means the same thing.
    #[serde(default)]
    pub reversed: bool,
    /// Part of the total. Some questionnaires ask a statement that their total leaves out, such
    /// as ReQoL's item on physical health, reported on its own.
    #[serde(default = "yes")]
    pub in_total: bool,
}

/// A licensed questionnaire as a deployment's file gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instrument {
    /// Stable name, stored with each rating and in the address of its form: `reqol10`.
    pub id: String,
    /// The language its words are in (BCP 47: `en`, `cy`), marked on them, so that a screen
    /// reader speaks them right on a page in another of the app's languages.
    #[serde(default = "english")]
    pub language: String,
    pub title: String,
    /// What the person is asked to do: "Over the last week...".
    pub instructions: String,
    /// What the licence asks to be shown with the questionnaire, such as its copyright line.
    pub notice: String,
    /// What a total means: "A higher total means a better quality of life."
    pub total_meaning: String,
    /// The value of the first choice; each next choice is one more.
    #[serde(default)]
    pub lowest: u8,
    /// The words of each choice, lowest value first.
    pub choices: Vec<String>,
    pub statements: Vec<Statement>,
    /// A score reported with each total, from the licence holder's conversion table.
    #[serde(default)]
    pub score: Option<ScoreTable>,
    /// Parts it also sums on their own, each shown beside the total.
    #[serde(default)]
    pub subscales: Vec<Subscale>,
}

/// Names stored with ratings and used in addresses and FHIR ids: a lower-case letter, then
/// lower-case letters and digits.
pub fn is_id(text: &str) -> bool {
    let mut bytes = text.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_lowercase())
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && text.len() <= 32
}

fn english() -> String {
    "en".into()
}

fn yes() -> bool {
    true
}

fn is_language_tag(text: &str) -> bool {
    (2..=35).contains(&text.len())
        && text.starts_with(|c: char| c.is_ascii_alphabetic())
        && text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

fn is_statement_id(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 40
        && text.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

fn words(what: &str, text: &str, max: usize) -> Result<(), String> {
    let chars = text.trim().chars().count();
    if chars == 0 || chars > max {
        return Err(format!("{what} must be 1 to {max} characters"));
    }
    Ok(())
}

impl Instrument {
    /// Reads and checks a deployment's file: a questionnaire that could not be shown, answered
    /// or totalled stops start-up with what is wrong, rather than failing a person mid-rating.
    pub fn from_json(text: &str) -> Result<Self, String> {
        let instrument: Self = serde_json::from_str(text).map_err(|e| e.to_string())?;
        instrument.check()?;
        Ok(instrument)
    }

    fn check(&self) -> Result<(), String> {
        if !is_id(&self.id) || Measure::BUILT_IN.iter().any(|m| m.as_str() == self.id) {
            return Err(format!(
                "id '{}' must be a lower-case letter then letters and digits (up to 32), and not dialog, wheel or goals",
                self.id
            ));
        }
        if !is_language_tag(&self.language) {
            return Err(format!("language '{}' must be a language tag such as en or cy", self.language));
        }
        words("title", &self.title, 80)?;
        words("instructions", &self.instructions, 1000)?;
        words("notice", &self.notice, 500)?;
        words("total_meaning", &self.total_meaning, 300)?;
        if !CHOICES.contains(&self.choices.len()) {
            return Err(format!("choices: {} to {} of them", CHOICES.start(), CHOICES.end()));
        }
        for choice in &self.choices {
            words("each choice", choice, 60)?;
        }
        if self.statements.is_empty() || self.statements.len() > STATEMENTS_MAX {
            return Err(format!("statements: 1 to {STATEMENTS_MAX} of them"));
        }
        for (i, statement) in self.statements.iter().enumerate() {
            if !is_statement_id(&statement.id) || PAGE_IDS.contains(&statement.id.as_str()) {
                return Err(format!(
                    "statement id '{}': lower-case letters, digits and _, not lang or leptos",
                    statement.id
                ));
            }
            if self.statements[..i].iter().any(|s| s.id == statement.id) {
                return Err(format!("statement id '{}' is used twice", statement.id));
            }
            words("each statement's text", &statement.text, 300)?;
        }
        if self.counted().count() == 0 {
            return Err("at least one statement must be in_total".into());
        }
        // Totals are charted on the same whole-number scale as every other rating.
        let highest = usize::from(self.lowest) + self.choices.len() - 1;
        if highest * self.counted().count() > usize::from(u8::MAX) {
            return Err(format!("the highest total must be at most {}", u8::MAX));
        }
        if let Some(score) = &self.score {
            words("score's name", &score.name, 60)?;
            let Scale { min, max } = self.total_scale();
            let totals = usize::from(max - min) + 1;
            if score.table.len() != totals {
                return Err(format!("score's table: {totals} scores, one for each total from {min} to {max}"));
            }
        }
        self.check_subscales(highest)
    }

    /// Each subscale is named once and sums statements the questionnaire asks, each once, to at
    /// most what a total may reach.
    fn check_subscales(&self, highest: usize) -> Result<(), String> {
        if self.subscales.len() > SUBSCALES_MAX {
            return Err(format!("subscales: at most {SUBSCALES_MAX}"));
        }
        for (i, subscale) in self.subscales.iter().enumerate() {
            words("each subscale's name", &subscale.name, 60)?;
            if self.subscales[..i].iter().any(|s| s.name.trim() == subscale.name.trim()) {
                return Err(format!("subscale '{}' is named twice", subscale.name));
            }
            if subscale.statements.is_empty() {
                return Err(format!("subscale '{}' has no statements", subscale.name));
            }
            for (j, id) in subscale.statements.iter().enumerate() {
                if !self.statements.iter().any(|s| &s.id == id) || subscale.statements[..j].contains(id) {
                    return Err(format!(
                        "subscale '{}': statement '{id}' is not one of the questionnaire's, or is named twice",
                        subscale.name
                    ));
                }
            }
            if highest * subscale.statements.len() > usize::from(u8::MAX) {
                return Err(format!("subscale '{}': its highest sum must be at most {}", subscale.name, u8::MAX));
            }
        }
        Ok(())
    }

    pub fn measure(&self) -> Measure {
        Measure::Licensed(self.id.clone())
    }

    /// The values of the choices.
    pub fn scale(&self) -> Scale {
        // `check` keeps both within a u8.
        Scale { min: self.lowest, max: self.lowest + (self.choices.len() - 1) as u8 }
    }

    pub fn questions(&self) -> Vec<Question> {
        self.statements
            .iter()
            .map(|s| Question {
                item: s.id.clone(),
                label: Words::Plain(s.text.clone()),
                scale: self.scale(),
                not_applicable: false,
                more_help: false,
            })
            .collect()
    }

    /// What a choice says: its words.
    pub fn choice(&self, value: u8) -> &str {
        value.checked_sub(self.lowest).and_then(|i| self.choices.get(usize::from(i))).map_or("", String::as_str)
    }

    /// The statements the total adds up.
    fn counted(&self) -> impl Iterator<Item = &Statement> {
        self.statements.iter().filter(|s| s.in_total)
    }

    /// The range of the total.
    pub fn total_scale(&self) -> Scale {
        let scale = self.scale();
        // `check` keeps the count within a u8.
        let count = self.counted().count() as u8;
        Scale { min: scale.min * count, max: scale.max * count }
    }

    /// The sum of the answers to the statements in the total, reversed ones counted from the
    /// other end; `None` unless each of those has an answer on the scale (a rating made before
    /// the deployment changed its file has no total).
    pub fn total(&self, answers: &[Answer]) -> Option<u8> {
        self.sum(self.counted(), answers)
    }

    /// Each subscale's sum, in the file's order, counted as the total is; `None` for one whose
    /// statements are not all answered.
    pub fn subscale_sums(&self, answers: &[Answer]) -> Vec<Option<u8>> {
        self.subscales
            .iter()
            .map(|subscale| {
                let statements =
                    subscale.statements.iter().filter_map(|id| self.statements.iter().find(|s| &s.id == id));
                self.sum(statements, answers)
            })
            .collect()
    }

    fn sum<'a>(&self, mut statements: impl Iterator<Item = &'a Statement>, answers: &[Answer]) -> Option<u8> {
        let (min, max) = (u16::from(self.scale().min), u16::from(self.scale().max));
        let sum = statements.try_fold(0u16, |sum, statement| {
            let answer = u16::from(answers.iter().find(|a| a.item == statement.id)?.score?);
            (min..=max).contains(&answer).then_some(())?;
            Some(sum + if statement.reversed { min + max - answer } else { answer })
        })?;
        u8::try_from(sum).ok()
    }

    /// The score the questionnaire reports for `total`, if it reports one.
    pub fn score(&self, total: u8) -> Option<Score> {
        let steps = total.checked_sub(self.total_scale().min)?;
        self.score.as_ref()?.score(usize::from(steps))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Made-up words: no licensed text belongs in the source.
    fn example() -> serde_json::Value {
        serde_json::json!({
            "id": "checkin",
            "title": "Weekly check-in",
            "instructions": "Think about the last week.",
            "notice": "Example questionnaire for tests.",
            "total_meaning": "Higher is better.",
            "choices": ["Never", "Sometimes", "Often", "Always"],
            "statements": [
                { "id": "calm", "text": "I felt calm" },
                { "id": "stuck", "text": "I felt stuck", "reversed": true },
            ],
        })
    }

    fn with(change: impl FnOnce(&mut serde_json::Value)) -> Result<Instrument, String> {
        let mut json = example();
        change(&mut json);
        Instrument::from_json(&json.to_string())
    }

    fn answer(item: &str, score: u8) -> Answer {
        Answer { item: item.into(), score: Some(score), more_help: false }
    }

    #[test]
    fn a_questionnaire_asks_each_statement_on_its_choices() {
        let instrument = with(|_| ()).unwrap();
        let questions = instrument.questions();
        assert_eq!(questions.len(), 2);
        assert_eq!(questions[1].label, Words::Plain("I felt stuck".into()));
        assert_eq!(questions[0].scale, Scale { min: 0, max: 3 });
        assert_eq!(instrument.choice(2), "Often");
        assert_eq!(instrument.choice(9), "");
        assert_eq!(instrument.measure(), Measure::Licensed("checkin".into()));
        assert_eq!(Measure::parse("checkin"), Some(instrument.measure()));
    }

    #[test]
    fn the_total_counts_reversed_statements_from_the_other_end() {
        let instrument = with(|_| ()).unwrap();
        assert_eq!(instrument.total(&[answer("calm", 3), answer("stuck", 0)]), Some(6));
        assert_eq!(instrument.total(&[answer("calm", 1), answer("stuck", 3)]), Some(1));
        assert_eq!(instrument.total_scale(), Scale { min: 0, max: 6 });
        assert_eq!(instrument.total(&[answer("calm", 3)]), None, "a statement without an answer");
        assert_eq!(instrument.total(&[answer("calm", 3), answer("stuck", 9)]), None, "off the scale");
    }

    #[test]
    fn a_statement_left_out_of_the_total_is_asked_but_not_added() {
        let body = serde_json::json!({ "id": "body", "text": "My body felt well", "in_total": false });
        let instrument = with(|j| j["statements"].as_array_mut().unwrap().push(body)).unwrap();
        assert_eq!(instrument.questions().len(), 3, "still asked");
        assert_eq!(instrument.total_scale(), Scale { min: 0, max: 6 });
        let answers = [answer("calm", 3), answer("stuck", 0), answer("body", 3)];
        assert_eq!(instrument.total(&answers), Some(6));
        assert_eq!(instrument.total(&answers[..2]), Some(6), "its answer is not needed for the total");
        assert!(
            with(|j| {
                j["statements"][0]["in_total"] = false.into();
                j["statements"][1]["in_total"] = false.into();
            })
            .is_err(),
            "a total of nothing"
        );
        assert!(
            with(|j| {
                j["lowest"] = 200.into();
                j["statements"][1]["in_total"] = false.into();
            })
            .is_ok(),
            "only statements in the total count towards its limit"
        );
    }

    #[test]
    fn a_conversion_table_gives_each_total_its_score() {
        let table: Vec<f64> = (0..=6u8).map(|t| f64::from(t) * 1.5 + 10.0).collect();
        let instrument = with(|j| j["score"] = serde_json::json!({ "name": "Scaled score", "table": table })).unwrap();
        let score = |total| instrument.score(total).map(|s| s.display(crate::i18n::Locale::En));
        assert_eq!(score(0).as_deref(), Some("10.0"));
        assert_eq!(score(6).as_deref(), Some("19.0"));
        assert_eq!(score(7), None, "not a total this questionnaire can have");
        assert_eq!(instrument.score(3).unwrap().name, "Scaled score");
        assert_eq!(with(|_| ()).unwrap().score(3), None, "a questionnaire without a table reports its total");
        let short = serde_json::json!({ "name": "Scaled score", "table": [1, 2, 3] });
        assert!(with(|j| j["score"] = short).unwrap_err().contains("7 scores, one for each total from 0 to 6"));
        let unnamed = serde_json::json!({ "name": "", "table": table });
        assert!(with(|j| j["score"] = unnamed).is_err());
        let fine = serde_json::json!({ "name": "x", "table": [0, 1, 2, 3, 4, 5, 6.001] });
        assert!(with(|j| j["score"] = fine).is_err(), "three decimal places");
    }

    #[test]
    fn a_subscale_sums_its_statements_as_the_total_counts_them() {
        let body = serde_json::json!({ "id": "body", "text": "My body felt well", "in_total": false });
        let parts = serde_json::json!([
            { "name": "Stuck", "statements": ["stuck"] },
            { "name": "Body and mind", "statements": ["body", "calm"] },
        ]);
        let instrument = with(|j| {
            j["statements"].as_array_mut().unwrap().push(body);
            j["subscales"] = parts;
        })
        .unwrap();
        let answers = [answer("calm", 3), answer("stuck", 1), answer("body", 2)];
        assert_eq!(instrument.total(&answers), Some(5), "the total is unchanged by subscales");
        assert_eq!(
            instrument.subscale_sums(&answers),
            [Some(2), Some(5)],
            "stuck reversed; body counted though out of the total"
        );
        assert_eq!(instrument.subscale_sums(&answers[..2]), [Some(2), None], "a part without all its answers");
        assert!(with(|_| ()).unwrap().subscale_sums(&answers).is_empty(), "a questionnaire without parts");
    }

    #[test]
    fn a_subscale_that_could_not_be_summed_is_refused() {
        let part =
            |name: &str, statements: serde_json::Value| serde_json::json!({ "name": name, "statements": statements });
        let refused = |parts: Vec<serde_json::Value>| with(|j| j["subscales"] = parts.into()).unwrap_err();
        assert!(refused(vec![part("Mood", serde_json::json!(["sleep"]))]).contains("'sleep' is not one of"));
        assert!(refused(vec![part("Mood", serde_json::json!(["calm", "calm"]))]).contains("named twice"));
        assert!(refused(vec![part("Mood", serde_json::json!([]))]).contains("no statements"));
        assert!(refused(vec![part(" ", serde_json::json!(["calm"]))]).contains("name must be 1 to 60"));
        assert!(refused(vec![part("Mood", serde_json::json!(["calm"])), part("Mood", serde_json::json!(["stuck"]))])
            .contains("'Mood' is named twice"));
        assert!(refused(vec![part("Mood", serde_json::json!(["calm"])); SUBSCALES_MAX + 1]).contains("at most 6"));
        let no_room = with(|j| {
            j["lowest"] = 200.into();
            j["statements"][1]["in_total"] = false.into();
            j["subscales"] = vec![part("Both", serde_json::json!(["calm", "stuck"]))].into();
        });
        assert!(no_room.unwrap_err().contains("highest sum must be at most 255"));
        assert!(with(|j| j["subscales"] = vec![part("Mood", serde_json::json!(["calm"]))].into()).is_ok());
    }

    #[test]
    fn a_file_that_could_not_be_asked_or_totalled_is_refused() {
        assert!(with(|j| j["id"] = "dialog".into()).is_err(), "a built-in measure's name");
        assert!(with(|j| j["id"] = "Re-QoL".into()).is_err(), "not a plain name");
        assert!(with(|j| j["choices"] = serde_json::json!(["Only one"])).is_err());
        assert!(with(|j| j["statements"] = serde_json::json!([])).is_err());
        assert!(with(|j| j["statements"][1]["id"] = "calm".into()).is_err(), "a statement id twice");
        assert!(with(|j| j["statements"][1]["id"] = "lang".into()).is_err(), "the language picker's element id");
        assert!(with(|j| j["title"] = " ".into()).is_err());
        assert!(with(|j| j["lowest"] = 200.into()).is_err(), "a total past 255");
        assert!(with(|j| j["scoring"] = "sum".into()).is_err(), "an unknown field, such as a typo");
        assert!(with(|j| j["language"] = "en <script>".into()).is_err(), "not a language tag");
        assert_eq!(with(|j| j["language"] = "cy".into()).unwrap().language, "cy");
        assert_eq!(with(|_| ()).unwrap().language, "en", "English unless it says");
        assert!(Instrument::from_json("{").is_err());
    }
}
