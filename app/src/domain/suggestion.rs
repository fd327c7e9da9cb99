//! Co-production: the party who does not write a section may suggest a change to it; the
//! section's writer accepts (and makes it) or declines it.

use super::section::Section;
use serde::{Deserialize, Serialize};

pub const TEXT_MAX: usize = 1000;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    Accepted,
    Declined,
}

impl Decision {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Accepted => "accepted",
            Self::Declined => "declined",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [Self::Accepted, Self::Declined].into_iter().find(|d| d.as_str() == s)
    }
}

/// A suggestion still waiting for the writer's answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Suggestion {
    pub id: i64,
    pub section: Section,
    pub text: String,
    pub author: String,
    pub created_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decisions_parse_from_their_names_only() {
        assert_eq!(Decision::parse("accepted"), Some(Decision::Accepted));
        assert_eq!(Decision::parse("declined"), Some(Decision::Declined));
        assert_eq!(Decision::parse("open"), None);
    }
}
