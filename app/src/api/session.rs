//! Who is signed in; logging in and out; the language.

use crate::domain::role::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The signed-in person, as the pages need them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Me {
    pub name: String,
    pub role: Role,
    /// The service user's own plan.
    pub plan_id: Option<i64>,
}

#[server(endpoint = "me")]
pub async fn current_user() -> Result<Option<Me>, AppError> {
    use crate::server::auth;
    let Some(actor) = auth::optional_actor().await? else {
        return Ok(None);
    };
    Ok(Some(Me { name: actor.name, role: actor.role, plan_id: actor.own_plan_id }))
}

#[server(endpoint = "login")]
pub async fn login(email: String, password: String) -> Result<(), AppError> {
    use crate::server::{auth, http};
    let state = http::state()?;
    let address = http::client_ip();
    let email = email.trim().to_lowercase();
    if let Err(wait) = state.login_limiter.check(&email, address) {
        return Err(AppError::RateLimited { retry_after_secs: wait });
    }
    let plausible = !email.is_empty() && email.len() <= 254 && password.len() <= 1024;
    let account = if plausible { state.db.account_by_email(&email).await? } else { None };
    let stored = account.as_ref().and_then(|a| a.password_hash.clone());
    if !auth::verify_password(stored, password).await {
        state.login_limiter.record_failure(&email, address);
        return Err(AppError::BadCredentials);
    }
    let account = account.ok_or(AppError::BadCredentials)?;
    state.login_limiter.record_success(&email);
    auth::start_session(&state, account.id).await?;
    set_language_cookie(&state, &account.locale);
    if http::is_plain_form_post() {
        leptos_axum::redirect("/");
    }
    Ok(())
}

/// Changes the signed-in person's password, their current one proving it is them. Every other
/// session of theirs ends (a phone left signed in somewhere is signed out); this one stays.
#[server(endpoint = "change_password")]
pub async fn change_password(current: String, password: String, confirm: String) -> Result<(), AppError> {
    use crate::domain::account::NewPassword;
    use crate::error::FieldError;
    use crate::server::policy::{check, ServiceAction};
    use crate::server::{auth, http};
    let actor = auth::require_actor().await?;
    check(actor.role, ServiceAction::ChangeOwnPassword)?;
    let state = http::state()?;
    let mut problems = Vec::new();
    if !auth::password_matches(&state, &actor, current).await? {
        problems.push(FieldError::new("current", "password.error.current"));
    }
    let new = NewPassword::parse("password", &password, &confirm).map_err(|e| problems.push(e)).ok();
    let Some(new) = new.filter(|_| problems.is_empty()) else {
        return Err(AppError::Invalid(problems));
    };
    let hash = auth::hash_password(new.expose().to_string()).await?;
    auth::replace_password(&state, &actor, &hash).await?;
    if http::is_plain_form_post() {
        leptos_axum::redirect("/");
    }
    Ok(())
}

#[server(endpoint = "logout")]
pub async fn logout() -> Result<(), AppError> {
    use crate::server::{auth, http};
    let state = http::state()?;
    if let Some(actor) = auth::optional_actor().await? {
        auth::end_session(&state, &actor).await?;
    }
    http::clear_browser_cache();
    if http::is_plain_form_post() {
        leptos_axum::redirect("/login");
    }
    Ok(())
}

/// Chooses the language of every page; remembered on the account when signed in.
#[server(endpoint = "language")]
pub async fn set_language(lang: String) -> Result<(), AppError> {
    use crate::server::{auth, http};
    let locale = crate::i18n::Locale::parse(&lang).ok_or(AppError::BadRequest)?;
    let state = http::state()?;
    if let Some(actor) = auth::optional_actor().await? {
        state.db.save_locale(actor.account_id, locale.code()).await?;
    }
    set_language_cookie(&state, locale.code());
    Ok(())
}

#[cfg(feature = "ssr")]
fn set_language_cookie(state: &crate::server::state::AppState, code: &str) {
    let secure = if state.sessions.secure_cookies { "; Secure" } else { "" };
    let name = crate::server::http::LANG_COOKIE;
    crate::server::http::set_cookie(&format!("{name}={code}; Path=/; Max-Age=31536000; SameSite=Lax{secure}"));
}
