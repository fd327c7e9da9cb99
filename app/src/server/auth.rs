//! Passwords, sessions and login throttling.
//!
//! Sessions live in our own table rather than a generic session store: a row belongs to an
//! account, so deleting the account or changing its password ends every session it has, and
//! both the idle and the absolute limit are checked on each request.

use super::db::{Db, DbError, PlanParties, SessionRow};
use super::http;
use super::state::AppState;
use crate::domain::role::Role;
use crate::error::AppError;
use crate::i18n::Locale;
use argon2::password_hash::{rand_core::OsRng, PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

impl From<DbError> for AppError {
    fn from(e: DbError) -> Self {
        match e {
            DbError::NotFound => AppError::NotFound,
            DbError::Conflict => AppError::Invalid(vec![crate::error::FieldError::new("email", "error.email_taken")]),
            // Logged where it happened (DbError::failed).
            DbError::Other(_) => AppError::Internal,
        }
    }
}

/// Seconds since the Unix epoch.
pub fn now() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
}

/// How sessions behave in this deployment.
#[derive(Clone, Debug)]
pub struct SessionPolicy {
    /// `Secure` cookies (HTTPS). Off only for plain-HTTP local development.
    pub secure_cookies: bool,
    /// A session unused for this long ends.
    pub idle_secs: i64,
    /// A session ends this long after login whatever happens.
    pub absolute_secs: i64,
}

impl SessionPolicy {
    fn cookie_name(&self) -> &'static str {
        // The __Host- prefix makes the browser refuse the cookie unless it is Secure, host-only
        // and for the whole site; it cannot be used over plain HTTP.
        if self.secure_cookies {
            "__Host-wp_session"
        } else {
            "wp_session"
        }
    }

    fn cookie(&self, value: &str, max_age: i64) -> String {
        let secure = if self.secure_cookies { "; Secure" } else { "" };
        format!("{}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}", self.cookie_name())
    }
}

/// The signed-in person making this request.
#[derive(Clone, Debug)]
pub struct Actor {
    pub account_id: i64,
    pub role: Role,
    pub name: String,
    pub team_id: Option<i64>,
    pub locale: Locale,
    /// The plan they own, if they are a service user.
    pub own_plan_id: Option<i64>,
    session_id: i64,
}

impl Actor {
    fn from_session(session: SessionRow) -> Self {
        let account = session.account;
        Self {
            account_id: account.id,
            role: account.role,
            name: account.display_name,
            team_id: account.team_id,
            locale: Locale::parse(&account.locale).unwrap_or_default(),
            own_plan_id: session.own_plan_id,
            session_id: session.id,
        }
    }
}

/// A fresh random token for a cookie or an invite link, and the hash that is stored: a copy
/// of the database does not let anyone log in or use an invite.
pub fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng.fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Each argon2id hash holds 19 MiB while it runs: no more run at once than there are cores, so
/// a burst of logins waits its turn instead of taking memory and every core from other requests.
fn hashing() -> &'static tokio::sync::Semaphore {
    static HASHING: std::sync::OnceLock<tokio::sync::Semaphore> = std::sync::OnceLock::new();
    HASHING.get_or_init(|| tokio::sync::Semaphore::new(std::thread::available_parallelism().map_or(1, |n| n.get())))
}

/// argon2id with the crate's default (OWASP) parameters, off the async threads.
pub async fn hash_password(password: String) -> Result<String, AppError> {
    let _turn = hashing().acquire().await.map_err(|_| AppError::Internal)?;
    tokio::task::spawn_blocking(move || {
        let salt = SaltString::generate(&mut OsRng);
        Argon2::default().hash_password(password.as_bytes(), &salt).map(|h| h.to_string())
    })
    .await
    .map_err(|_| AppError::Internal)?
    .map_err(|_| AppError::Internal)
}

/// Checks a password. With no stored hash it still does the work, so the answer takes as long
/// for an unknown email as for a wrong password.
pub async fn verify_password(stored: Option<String>, password: String) -> bool {
    static DUMMY: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    let Ok(_turn) = hashing().acquire().await else { return false };
    tokio::task::spawn_blocking(move || {
        let known = stored.is_some();
        let stored = stored.unwrap_or_else(|| {
            DUMMY
                .get_or_init(|| {
                    let salt = SaltString::generate(&mut OsRng);
                    Argon2::default().hash_password(b"no account", &salt).map(|h| h.to_string()).unwrap_or_default()
                })
                .clone()
        });
        let matches = PasswordHash::new(&stored)
            .map(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
            .unwrap_or(false);
        known && matches
    })
    .await
    .unwrap_or(false)
}

/// The session a request carries, looked up once however many server functions it calls:
/// rendering a page calls one for the signed-in person and one or more for the page's data.
/// Provided afresh for every request.
#[derive(Clone, Default)]
pub struct RequestSession(std::sync::Arc<tokio::sync::OnceCell<Option<Actor>>>);

/// The signed-in person, if the request carries a live session. Expired sessions are removed.
pub async fn optional_actor() -> Result<Option<Actor>, AppError> {
    let lookup = || async { Ok::<_, AppError>(session_actor(None).await?.map(|(actor, _)| actor)) };
    match leptos::prelude::use_context::<RequestSession>() {
        Some(session) => session.0.get_or_try_init(lookup).await.cloned(),
        None => lookup().await,
    }
}

/// The signed-in person and plan `plan_id`'s parties (`None` for no such plan). Unless this
/// request has looked its session up already, both come from one query.
pub async fn actor_and_plan(plan_id: i64) -> Result<(Actor, Option<PlanParties>), AppError> {
    let session = leptos::prelude::use_context::<RequestSession>();
    if let Some(actor) = session.as_ref().and_then(|s| s.0.get()) {
        let actor = actor.clone().ok_or(AppError::Unauthenticated)?;
        return Ok((actor, http::state()?.db.plan_parties(plan_id).await?));
    }
    let (actor, plan) = session_actor(Some(plan_id)).await?.unzip();
    if let Some(session) = session {
        // Another server function of this request may have looked first; either answer holds.
        let _ = session.0.set(actor.clone());
    }
    Ok((actor.ok_or(AppError::Unauthenticated)?, plan.flatten()))
}

async fn session_actor(plan_id: Option<i64>) -> Result<Option<(Actor, Option<PlanParties>)>, AppError> {
    let state = http::state()?;
    let Some(token) = http::cookie(state.sessions.cookie_name()) else {
        return Ok(None);
    };
    let Some((session, plan)) = state.db.session(&token_hash(&token), plan_id).await? else {
        return Ok(None);
    };
    let now = now();
    let idle = now - session.last_seen_at > state.sessions.idle_secs;
    let too_old = now - session.created_at > state.sessions.absolute_secs;
    if idle || too_old {
        state.db.delete_session(session.id).await?;
        return Ok(None);
    }
    // Writing on every request would serialise all readers behind SQLite's one writer; a
    // minute's precision is plenty for an idle limit of many minutes.
    if now - session.last_seen_at >= 60 {
        state.db.touch_session(session.id, now).await?;
    }
    Ok(Some((Actor::from_session(session), plan)))
}

pub async fn require_actor() -> Result<Actor, AppError> {
    optional_actor().await?.ok_or(AppError::Unauthenticated)
}

/// Logs `account_id` in: a new session id every time, so no one can fix a session in advance.
pub async fn start_session(state: &AppState, account_id: i64) -> Result<(), AppError> {
    let (token, hash) = new_token();
    state.db.create_session(&hash, account_id, now()).await?;
    http::set_cookie(&state.sessions.cookie(&token, state.sessions.absolute_secs));
    Ok(())
}

/// Gives the signed-in person a new password (already hashed); their other sessions end.
pub async fn replace_password(state: &AppState, actor: &Actor, hash: &str) -> Result<(), AppError> {
    Ok(state.db.replace_password(actor.account_id, hash, actor.session_id).await?)
}

/// Is `password` the signed-in person's own, asked again before something that needs it?
/// A wrong guess counts against the same limit as at login; an empty one is no guess.
pub async fn password_matches(state: &AppState, actor: &Actor, password: String) -> Result<bool, AppError> {
    let account = state.db.account(actor.account_id).await?.ok_or(AppError::Unauthenticated)?;
    let address = http::client_ip();
    if let Err(wait) = state.login_limiter.check(&account.email, address) {
        return Err(AppError::RateLimited { retry_after_secs: wait });
    }
    if password.is_empty() || password.len() > 1024 {
        return Ok(false);
    }
    let matches = verify_password(account.password_hash, password).await;
    if !matches {
        state.login_limiter.record_failure(&account.email, address);
    }
    Ok(matches)
}

pub async fn end_session(state: &AppState, actor: &Actor) -> Result<(), AppError> {
    state.db.delete_session(actor.session_id).await?;
    http::set_cookie(&state.sessions.cookie("", 0));
    Ok(())
}

/// Counts failed logins per account and per address over a sliding window.
///
/// Kept in memory: it protects one server process. Several processes behind a load balancer
/// each allow the limit, which still bounds guessing to a small multiple.
pub struct LoginLimiter {
    failures: Mutex<HashMap<String, VecDeque<Instant>>>,
    window: Duration,
    per_account: usize,
    per_address: usize,
}

impl LoginLimiter {
    pub fn new(window: Duration, per_account: usize, per_address: usize) -> Self {
        Self { failures: Mutex::new(HashMap::new()), window, per_account, per_address }
    }

    fn keys(email: &str, address: Option<std::net::IpAddr>) -> [(String, bool); 2] {
        let address = address.map(|a| a.to_string()).unwrap_or_else(|| "unknown".into());
        [(format!("account:{email}"), true), (format!("address:{address}"), false)]
    }

    /// `Err(seconds to wait)` when either the account or the address has failed too often.
    pub fn check(&self, email: &str, address: Option<std::net::IpAddr>) -> Result<(), u64> {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        let now = Instant::now();
        let window = self.window;
        failures.retain(|_, times| {
            while times.front().is_some_and(|t| now.duration_since(*t) > window) {
                times.pop_front();
            }
            !times.is_empty()
        });
        for (key, is_account) in Self::keys(email, address) {
            let limit = if is_account { self.per_account } else { self.per_address };
            if let Some(times) = failures.get(&key) {
                if times.len() >= limit {
                    let oldest = times.front().copied().unwrap_or(now);
                    let wait = window.saturating_sub(now.duration_since(oldest));
                    return Err(wait.as_secs().max(1));
                }
            }
        }
        Ok(())
    }

    pub fn record_failure(&self, email: &str, address: Option<std::net::IpAddr>) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        for (key, _) in Self::keys(email, address) {
            failures.entry(key).or_default().push_back(Instant::now());
        }
    }

    /// A successful login forgives the account's earlier mistakes (not the address's).
    pub fn record_success(&self, email: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|p| p.into_inner());
        failures.remove(&format!("account:{email}"));
    }
}

/// The account behind an invite link, if the link can still be used.
pub async fn usable_invite(db: &Db, token: &str) -> Result<super::db::InviteRow, AppError> {
    let invite = db.invite(&token_hash(token.trim())).await?.ok_or(AppError::InviteInvalid)?;
    if invite.used_at.is_some() || invite.expires_at < now() {
        return Err(AppError::InviteInvalid);
    }
    Ok(invite)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limiter_blocks_an_account_after_its_failures_and_forgives_on_success() {
        let limiter = LoginLimiter::new(Duration::from_secs(60), 3, 100);
        let ip = Some("127.0.0.1".parse().unwrap());
        for _ in 0..3 {
            assert!(limiter.check("a@x.org", ip).is_ok());
            limiter.record_failure("a@x.org", ip);
        }
        assert!(limiter.check("a@x.org", ip).is_err());
        assert!(limiter.check("b@x.org", ip).is_ok(), "another account from the same address");
        limiter.record_success("a@x.org");
        assert!(limiter.check("a@x.org", ip).is_ok());
    }

    #[test]
    fn the_limiter_blocks_an_address_trying_many_accounts() {
        let limiter = LoginLimiter::new(Duration::from_secs(60), 100, 2);
        let ip = Some("10.0.0.1".parse().unwrap());
        limiter.record_failure("a@x.org", ip);
        limiter.record_failure("b@x.org", ip);
        assert!(limiter.check("c@x.org", ip).is_err());
        assert!(limiter.check("c@x.org", Some("10.0.0.2".parse().unwrap())).is_ok());
    }

    #[test]
    fn tokens_are_unique_and_only_their_hash_is_kept() {
        let (a, hash_a) = new_token();
        let (b, _) = new_token();
        assert_ne!(a, b);
        assert_eq!(token_hash(&a), hash_a);
        assert_ne!(a, hash_a);
    }
}
