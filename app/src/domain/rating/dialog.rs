//! DIALOG: eleven "how satisfied are you with ..." items on a 1-7 scale, each with "do you want
//! more help in this area?" (DOMAIN.md). Items 1-8 are about life, 9-11 about treatment.

use super::{Answer, Question, Scale};
use crate::domain::text::Words;
use serde::{Deserialize, Serialize};

/// The items in DIALOG's order.
pub const ITEMS: [&str; 11] = [
    "mental_health",
    "physical_health",
    "job",
    "accommodation",
    "leisure",
    "partner_family",
    "friendships",
    "safety",
    "medication",
    "practical_help",
    "meetings",
];
/// Items 1-8: quality of life, and may not apply to someone (no partner, no job).
const LIFE_ITEMS: usize = 8;
pub const SCALE: Scale = Scale { min: 1, max: 7 };

pub fn questions() -> Vec<Question> {
    ITEMS
        .iter()
        .enumerate()
        .map(|(i, item)| Question {
            item: item.to_string(),
            label: Words::Key(format!("dialog.item.{item}")),
            scale: SCALE,
            not_applicable: i < LIFE_ITEMS,
            more_help: true,
        })
        .collect()
}

/// The two DIALOG scores, each the mean of the items answered (`None` if none were).
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct DialogScores {
    /// Subjective quality of life: items 1-8.
    pub quality_of_life: Option<f64>,
    /// Treatment satisfaction: items 9-11.
    pub treatment_satisfaction: Option<f64>,
}

fn mean(answers: &[Answer], items: &[&str]) -> Option<f64> {
    let scores: Vec<f64> =
        answers.iter().filter(|a| items.contains(&a.item.as_str())).filter_map(|a| a.score).map(f64::from).collect();
    (!scores.is_empty()).then(|| scores.iter().sum::<f64>() / scores.len() as f64)
}

pub fn scores(answers: &[Answer]) -> DialogScores {
    DialogScores {
        quality_of_life: mean(answers, &ITEMS[..LIFE_ITEMS]),
        treatment_satisfaction: mean(answers, &ITEMS[LIFE_ITEMS..]),
    }
}

/// A score as people read it: one decimal place, with the language's decimal mark.
pub fn format_score(score: f64, locale: crate::i18n::Locale) -> String {
    format!("{score:.1}").replace('.', locale.number_marks().1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::{parse_answers, AnswerForm};

    fn rate(scores: [&str; 11]) -> Vec<Answer> {
        let sent: Vec<_> = ITEMS
            .iter()
            .zip(scores)
            .map(|(item, s)| AnswerForm { item: item.to_string(), score: Some(s.into()), help: None })
            .collect();
        parse_answers(&questions(), &sent).unwrap()
    }

    #[test]
    fn quality_of_life_is_the_mean_of_answered_items_one_to_eight() {
        let s = scores(&rate(["1", "2", "na", "na", "3", "na", "na", "6", "7", "7", "4"]));
        assert_eq!(s.quality_of_life, Some(3.0));
        assert_eq!(s.treatment_satisfaction, Some(6.0));
        assert_eq!(format_score(s.quality_of_life.unwrap(), crate::i18n::Locale::En), "3.0");
        assert_eq!(format_score(3.5, crate::i18n::Locale::Pl), "3,5");
    }

    #[test]
    fn all_life_items_not_applicable_leaves_no_quality_of_life_score() {
        let s = scores(&rate(["na", "na", "na", "na", "na", "na", "na", "na", "2", "3", "4"]));
        assert_eq!(s.quality_of_life, None);
        assert_eq!(s.treatment_satisfaction, Some(3.0));
    }

    #[test]
    fn treatment_items_may_not_be_marked_not_applicable() {
        let sent: Vec<_> = ITEMS
            .iter()
            .map(|item| AnswerForm { item: item.to_string(), score: Some("na".into()), help: None })
            .collect();
        let errors = parse_answers(&questions(), &sent).unwrap_err();
        let fields: Vec<_> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["medication", "practical_help", "meetings"]);
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #[test]
            fn all_equal_answers_score_that_answer(n in 1u8..=7) {
                let s = n.to_string();
                let s = scores(&rate([s.as_str(); 11]));
                prop_assert_eq!(s.quality_of_life, Some(f64::from(n)));
                prop_assert_eq!(s.treatment_satisfaction, Some(f64::from(n)));
            }

            #[test]
            fn scores_stay_on_the_scale(answers in proptest::array::uniform11(prop_oneof![Just(0u8), 1u8..=7])) {
                let raw: Vec<String> = answers.iter().enumerate()
                    .map(|(i, a)| if *a == 0 && i < LIFE_ITEMS { "na".into() } else { a.max(&1).to_string() })
                    .collect();
                let raw: [&str; 11] = std::array::from_fn(|i| raw[i].as_str());
                let s = scores(&rate(raw));
                for score in [s.quality_of_life, s.treatment_satisfaction].into_iter().flatten() {
                    prop_assert!((1.0..=7.0).contains(&score));
                }
                prop_assert!(s.treatment_satisfaction.is_some());
            }
        }
    }
}
