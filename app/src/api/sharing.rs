//! The person decides who sees what: sharing sections with the carers they invited, stopping
//! it, and the history of both.

use crate::domain::section::Section;
use crate::domain::sharing::{AccessLine, ShareGrant};
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
    /// Every grant, newest first.
    pub grants: Vec<ShareGrant>,
    /// When this was read (Unix seconds), to tell grants in force from ended ones.
    pub now: i64,
}

#[server(endpoint = "sharing")]
pub async fn sharing(plan_id: i64) -> Result<SharingView, AppError> {
    use crate::domain::sharing::access_lines;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (_, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    Ok(SharingView {
        access: access_lines(state.db.access_rows(plan_id, 500).await?),
        plan_id,
        carers: state.db.carer_names(plan_id).await?,
        grants: state.db.share_grants(plan_id).await?,
        now: now(),
    })
}

/// Shares one section with one of the person's carers, until the end of `until` (a date,
/// optional).
#[server(endpoint = "share_section")]
pub async fn share_section(plan_id: i64, carer_id: i64, section: Section, until: String) -> Result<i64, AppError> {
    use crate::domain::date::Day;
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    let now = now();
    let carers = state.db.carer_names(plan_id).await?;
    if !carers.iter().any(|(id, _)| *id == carer_id) {
        return Err(AppError::invalid("carer_id", "error.unknown_assignee"));
    }
    let until = Day::parse_future("until", &until, Day::of(now)).map_err(|e| AppError::Invalid(vec![e]))?;
    // A grant "until" a day lasts to the end of that day.
    let expires_at = until.map(|day| (day.days() + 1) * 86_400);
    Ok(state.db.grant_share(plan_id, carer_id, section, expires_at, actor.account_id, now).await?)
}

#[server(endpoint = "stop_sharing")]
pub async fn stop_sharing(plan_id: i64, grant_id: i64) -> Result<(), AppError> {
    use crate::server::access::acting_on;
    use crate::server::auth::now;
    use crate::server::policy::PlanAction;
    let (actor, state, _) = acting_on(plan_id, PlanAction::Share).await?;
    Ok(state.db.revoke_share(plan_id, grant_id, actor.account_id, now()).await?)
}
