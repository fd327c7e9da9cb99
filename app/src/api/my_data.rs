//! The person's own data: everything the service holds about them, as one JSON file to take
//! away (UK GDPR right of access), and closing their account (right to erasure).

use crate::api::plan::VersionSummary;
use crate::domain::action::CareAction;
use crate::domain::crisis_card::CrisisCard;
use crate::domain::plan::PlanContent;
use crate::domain::rating::Rating;
use crate::domain::review::ReviewRequest;
use crate::domain::role::Role;
use crate::domain::sharing::{AccessLine, ShareGrant, Withholding};
use crate::domain::suggestion::Suggestion;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PersonalData {
    /// Unix seconds.
    pub exported_at: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub language: String,
    /// A service user's own plan, whole.
    pub plan: Option<PlanData>,
    /// The devices that get their notifications, and the kinds they chose.
    pub notification_devices: Vec<crate::api::notifications::DeviceView>,
    pub notification_choices: Vec<(crate::domain::notice::Notice, bool)>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanData {
    pub content: PlanContent,
    pub actions: Vec<CareAction>,
    /// Every self-rating: DIALOG, the wellbeing wheel and goal progress, oldest first.
    pub ratings: Vec<Rating>,
    /// Each agreed version, with what it said.
    pub versions: Vec<(VersionSummary, PlanContent)>,
    pub open_suggestions: Vec<Suggestion>,
    pub open_review_requests: Vec<ReviewRequest>,
    pub shared_with_carers: Vec<ShareGrant>,
    pub withheld_from_care_team: Vec<Withholding>,
    pub crisis_cards: Vec<CrisisCard>,
    /// Who else looked at or changed the plan.
    pub access: Vec<AccessLine>,
}

#[server(endpoint = "my_data")]
pub async fn my_data() -> Result<PersonalData, AppError> {
    use crate::domain::sharing::access_lines;
    use crate::server::auth::{now, require_actor};
    use crate::server::http::{answer_in_place, set_header, state};
    use crate::server::policy::{check, ServiceAction};
    let actor = require_actor().await?;
    check(actor.role, ServiceAction::DownloadOwnData)?;
    let state = state()?;
    let db = &state.db;
    let account = db.account(actor.account_id).await?.ok_or(AppError::Unauthenticated)?;
    let plan = match actor.own_plan_id {
        None => None,
        Some(plan_id) => {
            let ratings = db.all_ratings(plan_id).await?;
            let whole = db.whole_plan(plan_id).await?;
            let mut versions = Vec::new();
            for v in whole.versions {
                let content = db.version_content(plan_id, v.number).await?;
                let summary = VersionSummary {
                    number: v.number,
                    owner_agreed_at: v.owner_agreed_at,
                    worker_name: v.worker_name,
                    worker_agreed_at: v.worker_agreed_at,
                };
                versions.push((summary, content));
            }
            let cards = db.crisis_cards(plan_id).await?;
            Some(PlanData {
                content: whole.content,
                actions: whole.actions,
                ratings,
                versions,
                open_suggestions: whole.open_suggestions,
                open_review_requests: whole.open_review_requests,
                shared_with_carers: db.share_grants(plan_id).await?,
                withheld_from_care_team: db.care_team_withholdings(plan_id).await?,
                access: access_lines(db.access_rows(plan_id, i64::MAX).await?, &cards),
                crisis_cards: cards,
            })
        }
    };
    // Saved as a file, never shown or kept by the browser.
    set_header("content-disposition", "attachment; filename=\"my-wellbeing-plan.json\"");
    answer_in_place();
    Ok(PersonalData {
        exported_at: now(),
        name: account.display_name,
        email: account.email,
        role: account.role,
        language: account.locale,
        plan,
        notification_devices: db.devices(actor.account_id).await?.into_iter().map(Into::into).collect(),
        notification_choices: db.notification_choices(actor.account_id, actor.role).await?,
    })
}

/// Closes the signed-in person's account for good: their sessions and, for a service user,
/// their whole plan go with it (the database cascades). Their password confirms it is them.
#[server(endpoint = "delete_my_account")]
pub async fn delete_my_account(
    password: String,
    #[server(default)] understood: Option<String>,
) -> Result<(), AppError> {
    use crate::error::FieldError;
    use crate::server::auth::{end_session, password_matches, require_actor};
    use crate::server::http::{clear_browser_cache, is_plain_form_post, state};
    use crate::server::policy::{check, ServiceAction};
    let actor = require_actor().await?;
    check(actor.role, ServiceAction::DeleteOwnAccount)?;
    let state = state()?;
    let mut problems = Vec::new();
    if understood.as_deref() != Some("yes") {
        problems.push(FieldError::new("understood", "delete_account.error.understood"));
    }
    if !password_matches(&state, &actor, password).await? {
        problems.push(FieldError::new("password", "delete_account.error.password"));
    }
    if !problems.is_empty() {
        return Err(AppError::Invalid(problems));
    }
    end_session(&state, &actor).await?;
    state.db.delete_account(actor.account_id).await?;
    clear_browser_cache();
    if is_plain_form_post() {
        leptos_axum::redirect("/");
    }
    Ok(())
}
