//! Works out how the actor stands to a plan, asks the policy, and logs access by anyone but
//! the owner. Every plan-scoped server function goes through [`authorize_plan`].

use super::auth::{now, Actor};
use super::db::{AccessEntry, Db, PlanParties};
use super::policy::{check_plan, PlanAction, Relation};
use crate::domain::role::Role;
use crate::error::AppError;

async fn relation(db: &Db, actor: &Actor, plan: &PlanParties) -> Result<Relation, AppError> {
    let same_team = actor.team_id.is_some() && actor.team_id == plan.team_id;
    Ok(match actor.role {
        Role::ServiceUser if plan.owner_id == actor.account_id => Relation::Owner,
        Role::KeyWorker if plan.key_worker_id == Some(actor.account_id) => Relation::KeyWorker,
        Role::KeyWorker if same_team => Relation::CareTeam,
        Role::TeamAdmin if same_team => Relation::TeamAdmin,
        Role::Carer if db.is_carer(plan.plan_id, actor.account_id).await? => Relation::Carer,
        _ => Relation::Stranger,
    })
}

/// The plan's parties if `actor` may do `action` to plan `plan_id`; `NotFound` otherwise,
/// whether or not the plan exists.
pub async fn authorize_plan(db: &Db, actor: &Actor, plan_id: i64, action: PlanAction) -> Result<PlanParties, AppError> {
    let plan = db.plan_parties(plan_id).await?.ok_or(AppError::NotFound)?;
    let relation = relation(db, actor, &plan).await?;
    check_plan(actor.role, relation, action)?;
    if relation != Relation::Owner {
        let (section, verb) = match action {
            PlanAction::Read(s) => (s.as_str(), "read"),
            PlanAction::Edit(s) => (s.as_str(), "edit"),
            PlanAction::InviteCarer => ("carers", "invite"),
            PlanAction::ListCarers => ("carers", "read"),
        };
        db.record_access(AccessEntry {
            plan_id,
            actor_id: actor.account_id,
            actor_role: actor.role,
            section,
            action: verb,
            at: now(),
        })
        .await?;
    }
    Ok(plan)
}

/// The plan the actor owns (service users have exactly one).
pub async fn own_plan(db: &Db, actor: &Actor) -> Result<i64, AppError> {
    db.plan_of_owner(actor.account_id).await?.ok_or(AppError::NotFound)
}
