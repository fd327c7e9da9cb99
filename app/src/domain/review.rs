//! Review: the stage of care and when the plan is next looked at together (PRSB section 9).

use super::date::Day;
use crate::error::FieldError;
use serde::{Deserialize, Serialize};

pub const TOPICS_MAX: usize = 1000;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CareStage {
    #[default]
    Assessment,
    CarePlanning,
    Intervention,
    CareReview,
    Recovery,
}

impl CareStage {
    pub const ALL: [CareStage; 5] =
        [Self::Assessment, Self::CarePlanning, Self::Intervention, Self::CareReview, Self::Recovery];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Assessment => "assessment",
            Self::CarePlanning => "care_planning",
            Self::Intervention => "intervention",
            Self::CareReview => "care_review",
            Self::Recovery => "recovery",
        }
    }

    pub fn parse(field: &str, s: &str) -> Result<Self, FieldError> {
        Self::ALL
            .into_iter()
            .find(|stage| stage.as_str() == s)
            .ok_or_else(|| FieldError::new(field, "error.choose_one"))
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewPlan {
    pub stage: CareStage,
    pub next_review: Option<Day>,
}

/// A request from the person to look at the plan together before the next review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRequest {
    pub id: i64,
    pub topics: String,
    pub requested_at: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_parse_from_their_names_only() {
        for stage in CareStage::ALL {
            assert_eq!(CareStage::parse("stage", stage.as_str()), Ok(stage));
        }
        assert_eq!(CareStage::parse("stage", "finished").unwrap_err().key, "error.choose_one");
    }
}
