//! Lists of people: a key worker's caseload, a team, a person's carers, a carer's people.

use super::PersonSummary;
use crate::domain::section::Section;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The key worker's service users, each with the flags of their last DIALOG rating and the
/// newest total of each questionnaire the deployment loads.
#[server(endpoint = "caseload")]
pub async fn caseload() -> Result<Vec<PersonSummary>, AppError> {
    use crate::api::ratings::{QuestionnaireTotal, RatingFlags};
    use crate::domain::rating::{change, dialog, Measure, Rating};
    use crate::server::access::authorize_plan;
    use crate::server::policy::{check, PlanAction, ServiceAction};
    use crate::server::{auth, http};
    /// A plan's newest rating and the one before it, taken out of `ratings` (newest first per plan).
    fn newest_two(ratings: &mut Vec<(i64, Rating)>, plan_id: i64) -> Option<(Rating, Option<Rating>)> {
        let mut own = ratings.extract_if(.., |(p, _)| *p == plan_id).map(|(_, r)| r);
        let latest = own.next()?;
        Some((latest, own.next()))
    }
    let actor = auth::require_actor().await?;
    check(actor.role, ServiceAction::ViewCaseload)?;
    let state = http::state()?;
    let db = &state.db;
    let mut dialogs = db.caseload_ratings(actor.account_id, &Measure::Dialog).await?;
    let mut questionnaires = Vec::with_capacity(state.instruments.len());
    for instrument in state.instruments.iter() {
        questionnaires.push((instrument, db.caseload_ratings(actor.account_id, &instrument.measure()).await?));
    }
    let mut people: Vec<PersonSummary> = db
        .caseload(actor.account_id, crate::domain::date::Day::of(auth::now()))
        .await?
        .into_iter()
        .map(Into::into)
        .collect();
    for person in &mut people {
        let Some(plan_id) = person.plan_id else { continue };
        let dialog = newest_two(&mut dialogs, plan_id);
        let totals: Vec<QuestionnaireTotal> = questionnaires
            .iter_mut()
            .filter_map(|(instrument, ratings)| {
                let (latest, previous) = newest_two(ratings, plan_id)?;
                let total = instrument.total(&latest.answers);
                Some(QuestionnaireTotal {
                    title: instrument.title.clone(),
                    lang: instrument.language.clone(),
                    at: latest.at,
                    total,
                    score: total.and_then(|t| instrument.score(t)),
                    parts: instrument
                        .subscales
                        .iter()
                        .map(|part| part.name.clone())
                        .zip(instrument.subscale_sums(&latest.answers))
                        .collect(),
                    previous: previous.and_then(|r| instrument.total(&r.answers)),
                })
            })
            .collect();
        if dialog.is_none() && totals.is_empty() {
            continue;
        }
        // Seeing ratings is reading the plan: asked of the policy and logged like any read.
        authorize_plan(db, &actor, plan_id, PlanAction::ReadRatings).await?;
        person.rating = dialog.map(|(latest, previous)| RatingFlags {
            at: latest.at,
            scores: dialog::scores(&latest.answers),
            wants_help: change::wants_help(&latest),
            drops: change::drops(&latest, previous.as_ref()),
        });
        person.questionnaires = totals;
    }
    Ok(people)
}

#[server(endpoint = "team")]
pub async fn team() -> Result<Vec<PersonSummary>, AppError> {
    use crate::server::policy::{check, ServiceAction};
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    check(actor.role, ServiceAction::ViewTeam)?;
    let team_id = actor.team_id.ok_or(AppError::Forbidden)?;
    let rows = http::state()?.db.team_members(team_id).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The carers the signed-in service user has invited.
#[server(endpoint = "my_carers")]
pub async fn my_carers() -> Result<Vec<PersonSummary>, AppError> {
    use crate::server::access::{authorize_plan, own_plan};
    use crate::server::policy::PlanAction;
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    let state = http::state()?;
    let plan_id = own_plan(&actor)?;
    authorize_plan(&state.db, &actor, plan_id, PlanAction::ListCarers).await?;
    let rows = state.db.carers_of(plan_id).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// The people who invited the signed-in carer.
/// Someone a carer supports, and what of their plan they share with the carer now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CaredForPerson {
    pub plan_id: i64,
    pub name: String,
    pub shared: Vec<Section>,
    /// How many single actions are shared with or assigned to the carer.
    pub actions: usize,
}

#[server(endpoint = "cared_for")]
pub async fn cared_for() -> Result<Vec<CaredForPerson>, AppError> {
    use crate::server::policy::{check, ServiceAction};
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    check(actor.role, ServiceAction::ViewCaredFor)?;
    let db = &http::state()?.db;
    let mut people = Vec::new();
    for row in db.cared_for(actor.account_id).await? {
        let Some(plan_id) = row.plan_id else { continue };
        let shared = db.shared_with(plan_id, actor.account_id, auth::now()).await?;
        let actions = db.shared_actions(plan_id, actor.account_id, auth::now()).await?.len();
        people.push(CaredForPerson { plan_id, name: row.display_name, shared, actions });
    }
    Ok(people)
}

/// An action a carer helps with, in their inbox.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InboxAction {
    pub plan_id: i64,
    /// Whose plan it is from.
    pub person: String,
    pub action: crate::domain::action::CareAction,
}

/// A carer's inbox, with the server's today to say what is due soon.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Inbox {
    pub today: crate::domain::date::Day,
    pub items: Vec<InboxAction>,
}

/// Everything still to do that the people a carer supports shared with or gave to them,
/// soonest due first. Each plan's actions are read through the policy and logged.
#[server(endpoint = "carer_inbox")]
pub async fn carer_inbox() -> Result<Inbox, AppError> {
    use crate::domain::action::ActionStatus;
    use crate::server::access::authorize_plan;
    use crate::server::policy::{check, PlanAction, ServiceAction};
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    check(actor.role, ServiceAction::ViewCaredFor)?;
    let db = &http::state()?.db;
    let mut inbox = Vec::new();
    for row in db.cared_for(actor.account_id).await? {
        let Some(plan_id) = row.plan_id else { continue };
        match authorize_plan(db, &actor, plan_id, PlanAction::ReadSharedActions).await {
            Ok(_) => {}
            // Nothing of this person's actions is shared with the carer now.
            Err(AppError::NotFound) => continue,
            Err(e) => return Err(e),
        }
        let mine = db.shared_actions(plan_id, actor.account_id, auth::now()).await?;
        inbox.extend(
            db.actions(plan_id)
                .await?
                .into_iter()
                .filter(|a| mine.contains(&a.id) && a.status == ActionStatus::ToDo)
                .map(|action| InboxAction { plan_id, person: row.display_name.clone(), action }),
        );
    }
    // Undated actions last.
    inbox.sort_by_key(|i| (i.action.plan.due.is_none(), i.action.plan.due, i.action.id));
    Ok(Inbox { today: crate::domain::date::Day::of(auth::now()), items: inbox })
}
