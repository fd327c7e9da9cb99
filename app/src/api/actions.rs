//! Actions: the person writes their own and their carers', the key worker the service's.

use crate::error::AppError;
use leptos::prelude::*;

#[server(endpoint = "add_action")]
pub async fn add_action(
    plan_id: i64,
    what: String,
    who: String,
    service_name: String,
    due: String,
) -> Result<i64, AppError> {
    use crate::domain::action::{ActionPlan, ACTIONS_MAX};
    use crate::domain::date::Day;
    use crate::domain::section::Section;
    use crate::server::access::{acting_on, authorize_plan};
    use crate::server::auth::now;
    use crate::server::db::DbError;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Actions)).await?;
    let carers = state.db.carer_names(plan_id).await?;
    let now = now();
    let action =
        ActionPlan::parse(&what, &who, &service_name, &due, &carers, Day::of(now)).map_err(AppError::Invalid)?;
    // Which side may write this action depends on who it is for.
    authorize_plan(&state.db, &actor, plan_id, PlanAction::WriteAction(action.who.side()))
        .await
        .map_err(|_| AppError::invalid("who", "error.not_your_action"))?;
    state.db.add_action(plan_id, &action, ACTIONS_MAX, actor.account_id, now).await.map_err(|e| match e {
        DbError::Conflict => AppError::limit("what", "error.too_many_actions", ACTIONS_MAX),
        e => e.into(),
    })
}

/// Changes an action: both its old and its new "who" must be on the side the actor writes.
#[server(endpoint = "update_action")]
pub async fn update_action(
    plan_id: i64,
    action_id: i64,
    what: String,
    who: String,
    service_name: String,
    due: String,
) -> Result<(), AppError> {
    use crate::domain::action::ActionPlan;
    use crate::domain::date::Day;
    use crate::domain::section::Section;
    use crate::server::access::{acting_on, authorize_plan};
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Actions)).await?;
    let current = state.db.action(plan_id, action_id).await?;
    authorize_plan(&state.db, &actor, plan_id, PlanAction::WriteAction(current.plan.who.side())).await?;
    let carers = state.db.carer_names(plan_id).await?;
    let action =
        ActionPlan::parse(&what, &who, &service_name, &due, &carers, Day::of(now())).map_err(AppError::Invalid)?;
    authorize_plan(&state.db, &actor, plan_id, PlanAction::WriteAction(action.who.side()))
        .await
        .map_err(|_| AppError::invalid("who", "error.not_your_action"))?;
    Ok(state.db.update_action(plan_id, action_id, &action, actor.account_id, now()).await?)
}

/// Ticks an action off, marks it no longer needed, or back to do: the side that writes it, or
/// a carer it is shared with or assigned to.
#[server(endpoint = "set_action_status")]
pub async fn set_action_status(plan_id: i64, action_id: i64, status: String) -> Result<(), AppError> {
    use crate::domain::action::ActionStatus;
    use crate::server::access::{log_access, rights_on};
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, rights) = rights_on(plan_id).await?;
    let status = ActionStatus::parse(&status).ok_or_else(|| AppError::invalid("status", "error.choose_one"))?;
    let action = state.db.action(plan_id, action_id).await?;
    let as_writer = PlanAction::WriteAction(action.plan.who.side());
    let how = if rights.may(as_writer) {
        as_writer
    } else if rights.may(PlanAction::TickSharedAction)
        && state.db.shared_actions(plan_id, actor.account_id, now()).await?.contains(&action_id)
    {
        PlanAction::TickSharedAction
    } else {
        return Err(AppError::NotFound);
    };
    log_access(&state.db, &actor, &rights.plan, how).await?;
    Ok(state.db.set_action_status(plan_id, action_id, status, actor.account_id, now()).await?)
}

#[server(endpoint = "remove_action")]
pub async fn remove_action(plan_id: i64, action_id: i64) -> Result<(), AppError> {
    use crate::domain::section::Section;
    use crate::server::access::{acting_on, authorize_plan};
    use crate::server::auth::now;
    use crate::server::db::PlanList;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Edit(Section::Actions)).await?;
    let action = state.db.action(plan_id, action_id).await?;
    authorize_plan(&state.db, &actor, plan_id, PlanAction::WriteAction(action.plan.who.side())).await?;
    Ok(state.db.remove_from(PlanList::Actions, plan_id, action_id, actor.account_id, now()).await?)
}
