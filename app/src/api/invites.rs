//! One-time invite links: staff invite key workers and service users; a service user invites
//! their carers. The invited person sets a password through the link.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How long an invite link works.
pub const INVITE_DAYS: i64 = 7;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InviteCreated {
    pub name: String,
    /// The whole link, shown once to pass on to the person.
    pub link: String,
}

/// A new set-password link for one account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PasswordLink {
    pub account_id: i64,
    pub name: String,
    /// The whole link, shown once to pass on to the person.
    pub link: String,
}

#[cfg(feature = "ssr")]
mod create {
    use super::*;
    use crate::domain::account::{display_name, Email};
    use crate::domain::role::Role;
    use crate::domain::text::Problems;
    use crate::server::auth::{new_token, now};
    use crate::server::db::{InviteFor, NewInvite};
    use crate::server::state::AppState;

    /// Validates the name and email, creates the account with its ties and invite, and
    /// returns the link.
    pub async fn invite(
        state: &AppState,
        by: i64,
        team_id: Option<i64>,
        role: Role,
        name: &str,
        email: &str,
        links: InviteFor,
    ) -> Result<InviteCreated, AppError> {
        let mut problems = Problems::default();
        let name = problems.check(display_name("name", name));
        let email = problems.check(Email::parse("email", email));
        let (name, email) = problems.into_result(|| (name.unwrap_or_default(), email)).map_err(AppError::Invalid)?;
        let email = email.ok_or(AppError::Internal)?;
        let (token, hash) = new_token();
        let now = now();
        state
            .db
            .create_invited_account(NewInvite {
                role,
                display_name: &name,
                email: email.as_str(),
                team_id,
                created_by: Some(by),
                token_hash: &hash,
                expires_at: now + INVITE_DAYS * 24 * 3600,
                now,
                links,
            })
            .await?;
        Ok(InviteCreated { name, link: link(state, &token) })
    }

    /// The page that sets a password with invite `token`.
    pub fn link(state: &AppState, token: &str) -> String {
        format!("{}/invite/{token}", state.public_url.trim_end_matches('/'))
    }
}

/// A new set-password link for someone who forgot their password or whose invite ran out, made
/// by whoever invites them and gives it to them in person: for the owner of plan `plan_id`, their
/// key worker or the team's admin; for one of its carers (`carer_id`), the owner. It works once,
/// for [`INVITE_DAYS`], and any earlier link stops. Setting a password with it signs the person
/// out everywhere.
#[server(endpoint = "new_password_link")]
pub async fn new_password_link(
    plan_id: i64,
    #[server(default)] carer_id: Option<i64>,
) -> Result<PasswordLink, AppError> {
    use crate::server::access::acting_on;
    use crate::server::auth::{new_token, now};
    use crate::server::policy::PlanAction;
    let action = if carer_id.is_some() { PlanAction::NewCarerPasswordLink } else { PlanAction::NewPasswordLink };
    let (actor, state, plan) = acting_on(plan_id, action).await?;
    let (account_id, name) = match carer_id {
        None => (plan.owner_id, plan.owner_name),
        Some(carer_id) => {
            let carers = state.db.carers_of(plan_id).await?;
            let carer = carers.into_iter().find(|c| c.account_id == carer_id).ok_or(AppError::NotFound)?;
            (carer.account_id, carer.display_name)
        }
    };
    let (token, hash) = new_token();
    let now = now();
    state.db.renew_invite(account_id, actor.account_id, &hash, now, now + INVITE_DAYS * 24 * 3600).await?;
    Ok(PasswordLink { account_id, name, link: create::link(&state, &token) })
}

/// A key worker adds someone to their own caseload; a team admin names the key worker.
#[server(endpoint = "invite_service_user")]
pub async fn invite_service_user(
    name: String,
    email: String,
    key_worker_id: Option<i64>,
) -> Result<InviteCreated, AppError> {
    use crate::domain::role::Role;
    use crate::server::db::InviteFor;
    use crate::server::policy::{check, ServiceAction};
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    check(actor.role, ServiceAction::InviteServiceUser)?;
    let state = http::state()?;
    let team_id = actor.team_id.ok_or(AppError::Forbidden)?;
    let key_worker_id = match actor.role {
        Role::KeyWorker => actor.account_id,
        _ => {
            let chosen = key_worker_id.ok_or(AppError::invalid("key_worker_id", "error.key_worker_unknown"))?;
            let account = state.db.account(chosen).await?;
            match account {
                Some(a) if a.role == Role::KeyWorker && a.team_id == Some(team_id) => a.id,
                _ => return Err(AppError::invalid("key_worker_id", "error.key_worker_unknown")),
            }
        }
    };
    create::invite(
        &state,
        actor.account_id,
        Some(team_id),
        Role::ServiceUser,
        &name,
        &email,
        InviteFor::PlanOwner { key_worker_id },
    )
    .await
}

/// A team admin adds a key worker to their team.
#[server(endpoint = "invite_key_worker")]
pub async fn invite_key_worker(name: String, email: String) -> Result<InviteCreated, AppError> {
    use crate::domain::role::Role;
    use crate::server::db::InviteFor;
    use crate::server::policy::{check, ServiceAction};
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    check(actor.role, ServiceAction::InviteKeyWorker)?;
    let state = http::state()?;
    let team_id = actor.team_id.ok_or(AppError::Forbidden)?;
    create::invite(&state, actor.account_id, Some(team_id), Role::KeyWorker, &name, &email, InviteFor::Staff).await
}

/// A service user invites someone who cares for them. The carer sees nothing of the plan
/// until the person shares it with them.
#[server(endpoint = "invite_carer")]
pub async fn invite_carer(name: String, email: String, relationship: String) -> Result<InviteCreated, AppError> {
    use crate::domain::role::Role;
    use crate::server::access::{authorize_plan, own_plan};
    use crate::server::db::InviteFor;
    use crate::server::policy::PlanAction;
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    let state = http::state()?;
    let plan_id = own_plan(&actor)?;
    authorize_plan(&state.db, &actor, plan_id, PlanAction::InviteCarer).await?;
    let relationship =
        crate::domain::account::relationship("relationship", &relationship).map_err(|e| AppError::Invalid(vec![e]))?;
    create::invite(
        &state,
        actor.account_id,
        None,
        Role::Carer,
        &name,
        &email,
        InviteFor::CarerOf { plan_id, relationship },
    )
    .await
}

/// Whose invite this is, to greet them on the set-password page.
#[server(endpoint = "invite_info")]
pub async fn invite_info(token: String) -> Result<String, AppError> {
    use crate::server::{auth, http};
    let state = http::state()?;
    Ok(auth::usable_invite(&state.db, &token).await?.display_name)
}

/// Sets the password through an invite link and logs the person in. The link then stops working.
#[server(endpoint = "accept_invite")]
pub async fn accept_invite(token: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::domain::account::NewPassword;
    use crate::server::db::DbError;
    use crate::server::{auth, http};
    let state = http::state()?;
    let invite = auth::usable_invite(&state.db, &token).await?;
    let password = NewPassword::parse("password", &password, &confirm).map_err(|e| AppError::Invalid(vec![e]))?;
    let hash = auth::hash_password(password.expose().to_string()).await?;
    match state.db.accept_invite(&invite, &hash, auth::now()).await {
        Err(DbError::Conflict) => return Err(AppError::InviteInvalid),
        other => other?,
    }
    auth::start_session(&state, invite.account_id).await?;
    if http::is_plain_form_post() {
        leptos_axum::redirect("/");
    }
    Ok(())
}
