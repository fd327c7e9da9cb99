//! The person decides who sees what: sharing sections with the carers they invited, stopping
//! it, what the care team sees, and the history of all of it.

use crate::domain::crisis_card::CrisisCard;
use crate::domain::section::Section;
use crate::domain::sharing::{AccessLine, ShareGrant, Withholding};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SharingView {
    /// Who looked at or changed the plan lately, newest first.
    pub access: Vec<AccessLine>,
    pub plan_id: i64,
    /// (account id, name) of the carers the person invited.
    pub carers: Vec<(i64, String)>,
    /// (action id, what it says) of the plan's actions, to share one at a time.
    pub actions: Vec<(i64, String)>,
    /// Every grant, newest first.
    pub grants: Vec<ShareGrant>,
    /// Every crisis card with its openings, newest first.
    pub cards: Vec<CrisisCard>,
    /// Every time the person stopped sharing a section with the care team, newest first.
    pub care_team: Vec<Withholding>,
    /// When this was read (Unix seconds), to tell grants in force from ended ones.
    pub now: i64,
}

/// How much of "who looked" the sharing page shows, newest first.
#[cfg(feature = "ssr")]
const ACCESS_LINES: i64 = 500;

#[server(endpoint = "sharing")]
pub async fn sharing(plan_id: i64) -> Result<SharingView, AppError> {
    use crate::domain::sharing::access_lines;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (_, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    let cards = state.db.crisis_cards(plan_id).await?;
    let mut access = access_lines(state.db.access_rows(plan_id, ACCESS_LINES).await?, &cards);
    access.truncate(ACCESS_LINES as usize);
    Ok(SharingView {
        access,
        plan_id,
        carers: state.db.carer_names(plan_id).await?,
        actions: state.db.actions(plan_id).await?.into_iter().map(|a| (a.id, a.plan.what)).collect(),
        grants: state.db.share_grants(plan_id).await?,
        cards,
        care_team: state.db.care_team_withholdings(plan_id).await?,
        now: now(),
    })
}

/// Shares one section with one of the person's carers, until the end of `until` (a date,
/// optional).
#[server(endpoint = "share_section")]
pub async fn share_section(plan_id: i64, carer_id: i64, section: Section, until: String) -> Result<i64, AppError> {
    use crate::server::db::Granted;
    grant(plan_id, carer_id, Granted::Section(section), until).await
}

/// Shares a single action with one of the person's carers, who may then tick it off.
#[server(endpoint = "share_action")]
pub async fn share_action(plan_id: i64, carer_id: i64, action_id: i64, until: String) -> Result<i64, AppError> {
    use crate::server::db::Granted;
    grant(plan_id, carer_id, Granted::Action(action_id), until).await
}

#[cfg(feature = "ssr")]
async fn grant(plan_id: i64, carer_id: i64, what: crate::server::db::Granted, until: String) -> Result<i64, AppError> {
    use crate::domain::date::Day;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::{Granted, NewGrant};
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    let now = now();
    let carers = state.db.carer_names(plan_id).await?;
    if !carers.iter().any(|(id, _)| *id == carer_id) {
        return Err(AppError::invalid("carer_id", "error.unknown_assignee"));
    }
    if let Granted::Action(action_id) = what {
        // Another plan's action (or none) looks the same: "choose one".
        state.db.action(plan_id, action_id).await.map_err(|_| AppError::invalid("action_id", "error.choose_one"))?;
    }
    let until = Day::parse_future("until", &until, Day::of(now)).map_err(|e| AppError::Invalid(vec![e]))?;
    // A grant "until" a day lasts to the end of that day.
    let expires_at = until.map(|day| (day.days() + 1) * 86_400);
    let grant = NewGrant { plan_id, grantee: carer_id, what, expires_at };
    Ok(state.db.grant_share(grant, actor.account_id, now).await?)
}

#[server(endpoint = "stop_sharing")]
pub async fn stop_sharing(plan_id: i64, grant_id: i64) -> Result<(), AppError> {
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    Ok(state.db.revoke_share(plan_id, grant_id, actor.account_id, now()).await?)
}

/// Stops sharing `section` with the care team: key workers in the person's team other than
/// their named key worker, who co-produces the plan and always sees all of it.
#[server(endpoint = "withhold_from_care_team")]
pub async fn withhold_from_care_team(plan_id: i64, section: Section) -> Result<i64, AppError> {
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::db::DbError;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    state.db.withhold_from_care_team(plan_id, section, actor.account_id, now()).await.map_err(|e| match e {
        DbError::Conflict => AppError::invalid("section", "care_team_sharing.error.already_withheld"),
        e => e.into(),
    })
}

/// Shares `section` with the care team again.
#[server(endpoint = "restore_to_care_team")]
pub async fn restore_to_care_team(plan_id: i64, section: Section) -> Result<(), AppError> {
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    Ok(state.db.restore_to_care_team(plan_id, section, actor.account_id, now()).await?)
}
