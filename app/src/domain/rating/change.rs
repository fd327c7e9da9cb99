//! What changed between two ratings, item by item, in words a person and their key worker read
//! the same way: up, down, the same, no earlier rating.

use super::Rating;
use serde::{Deserialize, Serialize};

/// A drop of this many points on a DIALOG item is flagged for the key worker (DOMAIN.md).
pub const DROP_FLAG: u8 = 2;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Change {
    Up(u8),
    Down(u8),
    Same,
    /// Rated now, not last time (or the other way round): nothing to compare.
    NoComparison,
}

impl Change {
    pub fn between(now: Option<u8>, before: Option<u8>) -> Self {
        match (now, before) {
            (Some(n), Some(b)) if n > b => Self::Up(n - b),
            (Some(n), Some(b)) if n < b => Self::Down(b - n),
            (Some(_), Some(_)) => Self::Same,
            _ => Self::NoComparison,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ItemChange {
    pub item: String,
    pub now: Option<u8>,
    pub before: Option<u8>,
    pub change: Change,
}

/// Every item of `latest` against the same item of `previous`.
pub fn changes(latest: &Rating, previous: Option<&Rating>) -> Vec<ItemChange> {
    latest
        .answers
        .iter()
        .map(|a| {
            let before = previous.and_then(|p| p.score(&a.item));
            ItemChange { item: a.item.clone(), now: a.score, before, change: Change::between(a.score, before) }
        })
        .collect()
}

/// The items that fell by [`DROP_FLAG`] points or more.
pub fn drops(latest: &Rating, previous: Option<&Rating>) -> Vec<ItemChange> {
    changes(latest, previous).into_iter().filter(|c| matches!(c.change, Change::Down(n) if n >= DROP_FLAG)).collect()
}

/// The items where the person asked for more help.
pub fn wants_help(latest: &Rating) -> Vec<String> {
    latest.answers.iter().filter(|a| a.more_help).map(|a| a.item.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::rating::{Answer, Measure};

    fn rating(scores: &[(&str, Option<u8>, bool)]) -> Rating {
        Rating {
            id: 1,
            measure: Measure::Dialog,
            at: 0,
            answers: scores.iter().map(|(i, s, h)| Answer { item: i.to_string(), score: *s, more_help: *h }).collect(),
        }
    }

    #[test]
    fn each_item_is_compared_with_the_same_item_last_time() {
        let before = rating(&[("a", Some(3), false), ("b", Some(5), false), ("c", None, false)]);
        let now = rating(&[("a", Some(5), false), ("b", Some(5), true), ("c", Some(2), false), ("d", Some(1), false)]);
        let changes: Vec<_> = changes(&now, Some(&before)).into_iter().map(|c| c.change).collect();
        assert_eq!(changes, [Change::Up(2), Change::Same, Change::NoComparison, Change::NoComparison]);
        assert_eq!(wants_help(&now), ["b"]);
    }

    #[test]
    fn only_drops_of_two_or_more_are_flagged() {
        let before = rating(&[("a", Some(6), false), ("b", Some(4), false), ("c", Some(4), false)]);
        let now = rating(&[("a", Some(3), false), ("b", Some(3), false), ("c", Some(7), false)]);
        let flagged = drops(&now, Some(&before));
        assert_eq!(flagged.len(), 1);
        assert_eq!((flagged[0].item.as_str(), flagged[0].change), ("a", Change::Down(3)));
        assert!(drops(&now, None).is_empty());
    }
}
