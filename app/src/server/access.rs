//! Works out how the actor stands to a plan, asks the policy, and logs access by anyone but
//! the owner. Every plan-scoped server function goes through [`authorize_plan`] (one action)
//! or [`plan_rights`] (a page of several sections).

use super::auth::{now, Actor};
use super::db::{AccessEntry, Db, PlanParties, SystemActor};
use super::policy::{check_plan, may_on_plan, PlanAction, Relation, Shared};
use crate::domain::role::Role;
use crate::domain::section::Section;
use crate::error::AppError;

async fn relation(db: &Db, actor: &Actor, plan: &PlanParties) -> Result<Relation, AppError> {
    let same_team = actor.team_id.is_some() && actor.team_id == plan.team_id;
    Ok(match actor.role {
        Role::ServiceUser if plan.owner_id == actor.account_id => Relation::Owner,
        Role::KeyWorker if plan.key_worker_id == Some(actor.account_id) => Relation::KeyWorker,
        Role::KeyWorker if same_team => {
            let withheld = db.withheld_from_care_team(plan.plan_id).await?;
            Relation::CareTeam(Shared::of(Section::ALL.into_iter().filter(|s| !withheld.contains(s))))
        }
        Role::TeamAdmin if same_team => Relation::TeamAdmin,
        Role::Carer if db.is_carer(plan.plan_id, actor.account_id).await? => {
            let sections = db.shared_with(plan.plan_id, actor.account_id, now()).await?;
            let actions = db.shared_actions(plan.plan_id, actor.account_id, now()).await?;
            Relation::Carer(Shared::of(sections).with_actions(!actions.is_empty()))
        }
        _ => Relation::Stranger,
    })
}

/// Writes `action` to the plan's access log unless the owner did it.
pub async fn log_access(db: &Db, actor: &Actor, plan: &PlanParties, action: PlanAction) -> Result<(), AppError> {
    log_accesses(db, actor, plan, &[action]).await
}

/// Writes each of `actions` to the plan's access log, together, unless the owner did them.
async fn log_accesses(db: &Db, actor: &Actor, plan: &PlanParties, actions: &[PlanAction]) -> Result<(), AppError> {
    if plan.owner_id == actor.account_id {
        return Ok(());
    }
    let at = now();
    let entries: Vec<_> = actions
        .iter()
        .map(|action| {
            let (section, action) = logged_as(*action);
            AccessEntry {
                plan_id: plan.plan_id,
                actor_id: actor.account_id,
                actor_role: actor.role,
                section,
                action,
                at,
            }
        })
        .collect();
    db.record_access(&entries).await?;
    Ok(())
}

/// The part of the plan and the verb the access log names `action` by.
fn logged_as(action: PlanAction) -> (&'static str, &'static str) {
    match action {
        PlanAction::Read(s) => (s.as_str(), "read"),
        PlanAction::Edit(s) => (s.as_str(), "edit"),
        PlanAction::WriteAction(_) => (Section::Actions.as_str(), "edit"),
        PlanAction::Suggest(s) => (s.as_str(), "suggest"),
        PlanAction::Share => ("sharing", "edit"),
        PlanAction::Agree => ("plan", "agree"),
        PlanAction::RequestReview => (Section::Review.as_str(), "request"),
        PlanAction::SignOffBudget => (Section::Budget.as_str(), "sign_off"),
        PlanAction::InviteCarer => ("carers", "invite"),
        PlanAction::ListCarers => ("carers", "read"),
        PlanAction::Rate => ("ratings", "edit"),
        PlanAction::ReadRatings => ("ratings", "read"),
        PlanAction::ReadSharedActions => (Section::Actions.as_str(), "read"),
        PlanAction::TickSharedAction => (Section::Actions.as_str(), "edit"),
        PlanAction::NewPasswordLink | PlanAction::NewCarerPasswordLink => ("password_link", "make"),
    }
}

/// The plan's parties if `actor` may do `action` to plan `plan_id`; `NotFound` otherwise,
/// whether or not the plan exists.
pub async fn authorize_plan(db: &Db, actor: &Actor, plan_id: i64, action: PlanAction) -> Result<PlanParties, AppError> {
    authorize_plan_all(db, actor, plan_id, &[action]).await
}

/// [`authorize_plan`] for every one of `actions` at once: the plan and the actor's standing
/// are looked up once, and the actions logged together.
pub async fn authorize_plan_all(
    db: &Db,
    actor: &Actor,
    plan_id: i64,
    actions: &[PlanAction],
) -> Result<PlanParties, AppError> {
    permit(db, actor, db.plan_parties(plan_id).await?, actions).await
}

/// [`authorize_plan_all`] for a plan already looked up (`None`: no such plan).
async fn permit(
    db: &Db,
    actor: &Actor,
    plan: Option<PlanParties>,
    actions: &[PlanAction],
) -> Result<PlanParties, AppError> {
    let plan = plan.ok_or(AppError::NotFound)?;
    let relation = relation(db, actor, &plan).await?;
    for action in actions {
        check_plan(actor.role, relation, *action)?;
    }
    log_accesses(db, actor, &plan, actions).await?;
    Ok(plan)
}

/// What one person may do to one plan, for pages that show several sections at once.
pub struct PlanRights {
    pub plan: PlanParties,
    role: Role,
    relation: Relation,
}

impl PlanRights {
    pub fn may(&self, action: PlanAction) -> bool {
        may_on_plan(self.role, self.relation, action)
    }

    pub fn readable(&self) -> Vec<Section> {
        Section::ALL.into_iter().filter(|s| self.may(PlanAction::Read(*s))).collect()
    }
}

/// The actor's rights on plan `plan_id`; `NotFound` unless they may read some section of it
/// or some single actions.
/// Logs nothing: the caller logs each section it then reads, with [`log_access`].
pub async fn plan_rights(db: &Db, actor: &Actor, plan_id: i64) -> Result<PlanRights, AppError> {
    rights_of(db, actor, db.plan_parties(plan_id).await?).await
}

/// The signed-in actor, the app state and their [`plan_rights`] on plan `plan_id`: the opening
/// of a server function whose action on one plan depends on what it finds there.
pub async fn rights_on(plan_id: i64) -> Result<(Actor, super::state::AppState, PlanRights), AppError> {
    let (actor, plan) = super::auth::actor_and_plan(plan_id).await?;
    let state = super::http::state()?;
    let rights = rights_of(&state.db, &actor, plan).await?;
    Ok((actor, state, rights))
}

/// [`plan_rights`] on a plan already looked up (`None`: no such plan).
async fn rights_of(db: &Db, actor: &Actor, plan: Option<PlanParties>) -> Result<PlanRights, AppError> {
    let plan = plan.ok_or(AppError::NotFound)?;
    let relation = relation(db, actor, &plan).await?;
    let rights = PlanRights { plan, role: actor.role, relation };
    if rights.readable().is_empty() && !rights.may(PlanAction::ReadSharedActions) {
        return Err(AppError::NotFound);
    }
    Ok(rights)
}

/// What the care team of plan `plan_id` may read, for the policy to decide a trusted system's
/// reads by; `NotFound` for a plan outside the system's team, as for a person.
pub async fn system_rights(db: &Db, system: &SystemActor, plan_id: i64) -> Result<(PlanParties, Shared), AppError> {
    let plan = db.plan_parties(plan_id).await?.ok_or(AppError::NotFound)?;
    if plan.team_id != Some(system.team_id) {
        return Err(AppError::NotFound);
    }
    let withheld = db.withheld_from_care_team(plan_id).await?;
    Ok((plan, Shared::of(Section::ALL.into_iter().filter(|s| !withheld.contains(s)))))
}

/// The signed-in actor and their rights on plan `plan_id` (their own plan when `None`), with the
/// sections they may read of it, each read logged: the opening of every server function that
/// shows a whole plan.
pub async fn read_plan(db: &Db, plan_id: Option<i64>) -> Result<(Actor, PlanRights, Vec<Section>), AppError> {
    let (actor, plan) = match plan_id {
        Some(id) => super::auth::actor_and_plan(id).await?,
        None => {
            let actor = super::auth::require_actor().await?;
            let plan = db.plan_parties(own_plan(&actor)?).await?;
            (actor, plan)
        }
    };
    let rights = rights_of(db, &actor, plan).await?;
    let readable = rights.readable();
    let reads: Vec<_> = readable.iter().map(|s| PlanAction::Read(*s)).collect();
    log_accesses(db, &actor, &rights.plan, &reads).await?;
    Ok((actor, rights, readable))
}

/// The plan the actor owns (service users have exactly one).
pub fn own_plan(actor: &Actor) -> Result<i64, AppError> {
    actor.own_plan_id.ok_or(AppError::NotFound)
}

/// The signed-in actor, the app state and the plan's parties, once `action` on plan `plan_id`
/// is allowed: the opening of every server function that acts on one plan named by its id.
pub async fn acting_on(
    plan_id: i64,
    action: PlanAction,
) -> Result<(Actor, super::state::AppState, PlanParties), AppError> {
    let (actor, plan) = super::auth::actor_and_plan(plan_id).await?;
    let state = super::http::state()?;
    let plan = permit(&state.db, &actor, plan, &[action]).await?;
    Ok((actor, state, plan))
}
