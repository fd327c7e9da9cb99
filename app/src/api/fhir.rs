//! The plan as FHIR R4, for the person, for whoever they let read it, and for a trusted system
//! of their team holding a token (`Authorization: Bearer ...`).

use crate::error::AppError;
use leptos::prelude::*;

/// Plan `plan_id` (the signed-in person's own when `None`) as a FHIR Bundle, holding only what
/// the reader may read. A trusted system must name the plan.
#[server(endpoint = "fhir_bundle")]
pub async fn fhir_bundle(#[server(default)] plan_id: Option<i64>) -> Result<serde_json::Value, AppError> {
    use crate::server::http::{answer_in_place, header, set_header, state};
    let state = state()?;
    let record = match header("authorization") {
        Some(authorization) => for_system(&state, &authorization, plan_id).await?,
        None => for_person(&state, plan_id).await?,
    };
    // A browser saves it as a file; a system reads the body either way.
    set_header("content-disposition", "attachment; filename=\"wellbeing-plan-fhir.json\"");
    answer_in_place();
    Ok(crate::server::fhir::bundle(&record))
}

#[cfg(feature = "ssr")]
async fn for_person(
    state: &crate::server::state::AppState,
    plan_id: Option<i64>,
) -> Result<crate::server::fhir::PlanRecord, AppError> {
    use crate::domain::section::Section;
    use crate::server::access::{log_access, read_plan};
    use crate::server::auth::now;
    use crate::server::fhir::Carers;
    use crate::server::policy::PlanAction;
    let db = &state.db;
    let (actor, rights, readable) = read_plan(db, plan_id).await?;
    let plan_id = rights.plan.plan_id;
    let actions = if readable.contains(&Section::Actions) {
        db.actions(plan_id).await?
    } else if rights.may(PlanAction::ReadSharedActions) {
        log_access(db, &actor, &rights.plan, PlanAction::ReadSharedActions).await?;
        let shared = db.shared_actions(plan_id, actor.account_id, now()).await?;
        db.actions(plan_id).await?.into_iter().filter(|a| shared.contains(&a.id)).collect()
    } else {
        Vec::new()
    };
    let ratings = if rights.may(PlanAction::ReadRatings) {
        log_access(db, &actor, &rights.plan, PlanAction::ReadRatings).await?;
        Some(all_ratings(state, plan_id).await?)
    } else {
        None
    };
    let carers = if rights.may(PlanAction::ListCarers) {
        log_access(db, &actor, &rights.plan, PlanAction::ListCarers).await?;
        let people = db.carers_of(plan_id).await?.into_iter().map(|c| (c.account_id, c.display_name, c.detail));
        // What the person shares, and with whom, is theirs to see.
        let grants = if rights.may(PlanAction::Share) { db.share_grants(plan_id).await? } else { Vec::new() };
        Some(Carers { people: people.collect(), grants })
    } else {
        None
    };
    record(state, rights.plan, readable, actions, ratings, carers, actor.locale).await
}

#[cfg(feature = "ssr")]
async fn for_system(
    state: &crate::server::state::AppState,
    authorization: &str,
    plan_id: Option<i64>,
) -> Result<crate::server::fhir::PlanRecord, AppError> {
    use crate::domain::section::Section;
    use crate::server::access::system_rights;
    use crate::server::auth::{now, token_hash};
    use crate::server::policy::{trusted_system_may, PlanAction};
    let db = &state.db;
    let token = authorization.strip_prefix("Bearer ").map(str::trim).filter(|t| !t.is_empty() && t.len() <= 128);
    let system = match token {
        Some(token) => db.trusted_system_by_token(&token_hash(token), now()).await?,
        None => None,
    };
    let system = system.ok_or(AppError::Unauthenticated)?;
    let plan_id = plan_id.ok_or_else(|| AppError::invalid("plan_id", "error.required"))?;
    let (plan, care_team) = system_rights(db, &system, plan_id).await?;
    let readable: Vec<Section> =
        Section::ALL.into_iter().filter(|s| trusted_system_may(care_team, PlanAction::Read(*s))).collect();
    for section in &readable {
        db.record_system_access(plan_id, system.id, section.as_str(), now()).await?;
    }
    let actions = if readable.contains(&Section::Actions) { db.actions(plan_id).await? } else { Vec::new() };
    let ratings = if trusted_system_may(care_team, PlanAction::ReadRatings) {
        db.record_system_access(plan_id, system.id, "ratings", now()).await?;
        Some(all_ratings(state, plan_id).await?)
    } else {
        None
    };
    // A system reads in the service's source language: labels are for the record, not a person.
    record(state, plan, readable, actions, ratings, None, crate::i18n::Locale::En).await
}

#[cfg(feature = "ssr")]
async fn all_ratings(
    state: &crate::server::state::AppState,
    plan_id: i64,
) -> Result<Vec<crate::domain::rating::Rating>, AppError> {
    use crate::domain::rating::Measure;
    let mut ratings = state.db.all_ratings(plan_id).await?;
    // A questionnaire the deployment no longer loads has no Questionnaire to answer.
    ratings.retain(|r| match &r.measure {
        Measure::Licensed(id) => state.instrument(id).is_some(),
        _ => true,
    });
    Ok(ratings)
}

/// The rest of the record, the same for every reader: content cut to `readable`, the key worker
/// and team when the care team section is readable, and whether the plan is agreed.
#[cfg(feature = "ssr")]
async fn record(
    state: &crate::server::state::AppState,
    plan: crate::server::db::PlanParties,
    readable: Vec<crate::domain::section::Section>,
    actions: Vec<crate::domain::action::CareAction>,
    ratings: Option<Vec<crate::domain::rating::Rating>>,
    carers: Option<crate::server::fhir::Carers>,
    locale: crate::i18n::Locale,
) -> Result<crate::server::fhir::PlanRecord, AppError> {
    use crate::api::plan::shown_content;
    use crate::domain::section::Section;
    use crate::server::plan_hash::fingerprint;
    let db = &state.db;
    let whole = db.whole_plan(plan.plan_id).await?;
    let full = whole.content;
    let (_, hash) = fingerprint(&full)?;
    let agreed = whole.versions.last().is_some_and(|v| v.content_hash == hash);
    let care_team = readable.contains(&Section::CareTeam);
    let key_worker = match (plan.key_worker_id, &plan.key_worker_name) {
        (Some(id), Some(name)) if care_team => Some((id, name.clone())),
        _ => None,
    };
    let team = match plan.team_id {
        Some(id) if care_team => db.team_name(id).await?.map(|name| (id, name)),
        _ => None,
    };
    Ok(crate::server::fhir::PlanRecord {
        base_url: state.public_url.trim_end_matches('/').to_string(),
        locale,
        plan_id: plan.plan_id,
        owner_name: plan.owner_name,
        content: shown_content(full, |s| readable.contains(&s)),
        readable,
        actions,
        ratings,
        wheel_areas: state.wheel_areas.to_vec(),
        instruments: state.instruments.to_vec(),
        key_worker,
        team,
        carers,
        agreed,
        exported_at: crate::server::auth::now(),
    })
}
