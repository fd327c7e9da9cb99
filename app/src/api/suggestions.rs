//! Suggesting a change to a section someone else writes, and answering it.

use crate::domain::section::Section;
use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "suggest_change")]
pub async fn suggest_change(plan_id: i64, section: Section, text: String) -> Result<i64, AppError> {
    use crate::domain::suggestion::TEXT_MAX;
    use crate::domain::text::bounded;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Suggest(section)).await?;
    let text = bounded("text", &text, 1, TEXT_MAX).map_err(|e| AppError::Invalid(vec![e]))?;
    Ok(state.db.add_suggestion(plan_id, section, &text, actor.account_id, now()).await?)
}

/// The section's writer accepts or declines a suggestion (`decision` is `accepted` or
/// `declined`).
#[server(endpoint = "decide_suggestion")]
pub async fn decide_suggestion(plan_id: i64, suggestion_id: i64, decision: String) -> Result<(), AppError> {
    use crate::domain::suggestion::Decision;
    use crate::server::access::{authorize_plan, plan_rights};
    use crate::server::auth::{now, require_actor};
    use crate::server::http;
    use crate::server::policy::PlanAction;
    let actor = require_actor().await?;
    let state = http::state()?;
    let decision = Decision::parse(&decision).ok_or_else(|| AppError::invalid("decision", "error.choose_one"))?;
    // Which section it is about decides who may answer: look it up only for those who may
    // see the plan at all, so a stranger learns nothing.
    plan_rights(&state.db, &actor, plan_id).await?;
    let open = state.db.open_suggestions(plan_id).await?;
    let suggestion = open.into_iter().find(|s| s.id == suggestion_id).ok_or(AppError::NotFound)?;
    authorize_plan(&state.db, &actor, plan_id, PlanAction::Edit(suggestion.section)).await?;
    Ok(state.db.decide_suggestion(plan_id, suggestion_id, decision, actor.account_id, now()).await?)
}
