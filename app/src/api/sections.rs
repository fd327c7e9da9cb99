//! The written sections (formulation, the crisis plan's words, care and treatment, the care
//! team) and the review settings and requests.

use crate::domain::section::Section;
use crate::error::AppError;
use leptos::prelude::*;
use std::collections::BTreeMap;

/// Saves a written section of plan `plan_id`. `answers` holds one entry per question, posted
/// by the form as `answers[<question>]`.
#[server(endpoint = "save_section")]
pub async fn save_section(plan_id: i64, section: Section, answers: BTreeMap<String, String>) -> Result<(), AppError> {
    use crate::domain::plan_text::SectionText;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(section)).await?;
    let text = SectionText::parse(section, &answers).map_err(AppError::Invalid)?;
    state.db.save_section_doc(plan_id, section, &text, actor.account_id, now()).await?;
    Ok(())
}

/// Sets the stage of care and the next review date; setting a date answers the person's open
/// review requests.
#[server(endpoint = "save_review")]
pub async fn save_review(plan_id: i64, stage: String, next_review: String) -> Result<(), AppError> {
    use crate::domain::date::Day;
    use crate::domain::review::{CareStage, ReviewPlan};
    use crate::domain::text::Problems;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Review)).await?;
    let now = now();
    let mut problems = Problems::default();
    let stage = problems.check(CareStage::parse("stage", &stage));
    let next_review = problems.check(Day::parse_future("next_review", &next_review, Day::of(now)));
    let review = problems
        .into_result(|| ReviewPlan { stage: stage.unwrap_or_default(), next_review: next_review.flatten() })
        .map_err(AppError::Invalid)?;
    state.db.save_section_doc(plan_id, Section::Review, &review, actor.account_id, now).await?;
    if review.next_review.is_some() {
        state.db.close_review_requests(plan_id, now).await?;
    }
    Ok(())
}

/// The person asks for a review before the planned one, saying what about if they like.
#[server(endpoint = "request_review")]
pub async fn request_review(plan_id: i64, topics: String) -> Result<(), AppError> {
    use crate::domain::review::TOPICS_MAX;
    use crate::domain::text::bounded;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::RequestReview).await?;
    let topics = bounded("topics", &topics, 0, TOPICS_MAX).map_err(|e| AppError::Invalid(vec![e]))?;
    state.db.request_review(plan_id, &topics, actor.account_id, now()).await?;
    Ok(())
}
