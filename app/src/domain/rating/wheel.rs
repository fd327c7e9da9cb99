//! The wellbeing wheel: each life area rated 1-10, drawn as a wheel that fills as life improves.
//! The areas are a deployment's choice; these are DOMAIN.md's defaults.

use super::{Question, Scale};
use crate::domain::text::Words;
use serde::{Deserialize, Serialize};

pub const SCALE: Scale = Scale { min: 1, max: 10 };
/// A wheel with more spokes than this cannot be read on a phone.
pub const AREAS_MAX: usize = 16;

/// One life area of the wheel.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WheelArea {
    /// Stable name, stored with each rating.
    pub item: String,
    pub label: Words,
}

const DEFAULT_AREAS: [&str; 10] = [
    "mental_wellbeing",
    "physical_health",
    "relationships",
    "money",
    "home",
    "work",
    "leisure",
    "staying_safe",
    "daily_living",
    "identity",
];

pub fn default_areas() -> Vec<WheelArea> {
    DEFAULT_AREAS
        .iter()
        .map(|item| WheelArea { item: item.to_string(), label: Words::Key(format!("wheel.area.{item}")) })
        .collect()
}

/// A deployment's own area from a settings line `item|Label`; `None` if the name is not a
/// plain lower-case word (it is stored with every rating) or the label is empty.
pub fn parse_area(line: &str) -> Option<WheelArea> {
    let (item, label) = line.split_once('|')?;
    let (item, label) = (item.trim(), label.trim());
    let plain = !item.is_empty() && item.len() <= 40 && item.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
    (plain && !label.is_empty() && label.chars().count() <= 60)
        .then(|| WheelArea { item: item.into(), label: Words::Plain(label.into()) })
}

pub fn questions(areas: &[WheelArea]) -> Vec<Question> {
    areas
        .iter()
        .map(|a| Question {
            item: a.item.clone(),
            label: a.label.clone(),
            scale: SCALE,
            not_applicable: false,
            more_help: false,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deployments_name_their_own_areas_as_plain_words() {
        let area = parse_area(" spirituality | Faith and spirituality ").unwrap();
        assert_eq!(area.item, "spirituality");
        assert_eq!(area.label, Words::Plain("Faith and spirituality".into()));
        assert!(parse_area("Bad Name|x").is_none());
        assert!(parse_area("ok|").is_none());
        assert!(parse_area("no separator").is_none());
    }

    #[test]
    fn the_default_wheel_has_ten_areas_rated_one_to_ten() {
        let questions = questions(&default_areas());
        assert_eq!(questions.len(), 10);
        assert!(questions.iter().all(|q| q.scale == SCALE && !q.not_applicable && !q.more_help));
    }
}
