//! About Me: read by the person and their care team, written only by the person.

// A server function takes one argument per form field, so a plain HTML form can post to it;
// the macro also generates a client function with the same arguments.
#![allow(clippy::too_many_arguments)]

use crate::domain::about_me::AboutMe;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AboutMeView {
    pub plan_id: i64,
    pub owner_name: String,
    /// The viewer is the person themselves, and may edit.
    pub own: bool,
    pub about: AboutMe,
    /// Unix seconds of the last save.
    pub updated_at: i64,
}

/// About Me of plan `plan_id`, or of the signed-in person's own plan when `None`.
#[server(endpoint = "about_me")]
pub async fn get_about_me(plan_id: Option<i64>) -> Result<AboutMeView, AppError> {
    use crate::domain::section::Section;
    use crate::server::access::{authorize_plan, own_plan};
    use crate::server::policy::PlanAction;
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    let state = http::state()?;
    let plan_id = match plan_id {
        Some(id) => id,
        None => own_plan(&actor)?,
    };
    let plan = authorize_plan(&state.db, &actor, plan_id, PlanAction::Read(Section::AboutMe)).await?;
    let (about, updated_at) = state.db.about_me(plan_id).await?;
    Ok(AboutMeView { plan_id, own: plan.owner_id == actor.account_id, owner_name: plan.owner_name, about, updated_at })
}

/// Saves the signed-in person's About Me; returns when it was saved.
#[server(endpoint = "save_about_me")]
pub async fn save_about_me(
    who_i_am: String,
    what_matters: String,
    strengths: String,
    working: String,
    not_working: String,
    people: String,
    support: String,
    communication: String,
    decisions: String,
) -> Result<i64, AppError> {
    use crate::domain::section::Section;
    use crate::server::access::{authorize_plan, own_plan};
    use crate::server::policy::PlanAction;
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    let state = http::state()?;
    let plan_id = own_plan(&actor)?;
    authorize_plan(&state.db, &actor, plan_id, PlanAction::Edit(Section::AboutMe)).await?;
    let about = AboutMe::parse([
        &who_i_am,
        &what_matters,
        &strengths,
        &working,
        &not_working,
        &people,
        &support,
        &communication,
        &decisions,
    ])
    .map_err(AppError::Invalid)?;
    let now = auth::now();
    state.db.save_about_me(plan_id, &about, actor.account_id, now).await?;
    Ok(now)
}
