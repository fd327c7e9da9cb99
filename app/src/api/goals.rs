//! The person's goals: only they write them.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "add_goal")]
pub async fn add_goal(plan_id: i64, title: String, steps: String) -> Result<i64, AppError> {
    use crate::domain::goal::{GoalText, GOALS_MAX};
    use crate::domain::section::Section;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::DbError;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Goals)).await?;
    let goal = GoalText::parse(&title, &steps).map_err(AppError::Invalid)?;
    state.db.add_goal(plan_id, &goal, GOALS_MAX, actor.account_id, now()).await.map_err(|e| match e {
        DbError::Conflict => AppError::limit("title", "error.too_many_goals", GOALS_MAX),
        e => e.into(),
    })
}

#[server(endpoint = "update_goal")]
pub async fn update_goal(plan_id: i64, goal_id: i64, title: String, steps: String) -> Result<(), AppError> {
    use crate::domain::goal::GoalText;
    use crate::domain::section::Section;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Goals)).await?;
    let goal = GoalText::parse(&title, &steps).map_err(AppError::Invalid)?;
    Ok(state.db.update_goal(plan_id, goal_id, &goal, actor.account_id, now()).await?)
}

#[server(endpoint = "remove_goal")]
pub async fn remove_goal(plan_id: i64, goal_id: i64) -> Result<(), AppError> {
    use crate::domain::section::Section;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::PlanList;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Goals)).await?;
    Ok(state.db.remove_from(PlanList::Goals, plan_id, goal_id, actor.account_id, now()).await?)
}
