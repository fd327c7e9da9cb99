//! Demo data for trying the app: one team with an admin, a key worker, a service user on
//! their caseload and a carer that service user invited. Created only on an empty database.
//! [`seed_history`] adds a second service user whose plan is already written and rated.

use app::domain::role::Role;
use app::server::auth::{hash_password, new_token, now};
use app::server::db::{Db, InviteFor, NewInvite};

/// Every demo account's password.
pub const DEMO_PASSWORD: &str = "wellbeing-demo";

mod history;
pub use history::seed_history;

pub type Error = Box<dyn std::error::Error + Send + Sync>;

pub async fn seed(db: &Db) -> Result<(), Error> {
    if db.count_accounts().await? > 0 {
        return Ok(());
    }
    let team = db.create_team("Riverside Community Mental Health Team", now()).await?;
    let hash = &demo_password_hash().await?;
    add_account(db, hash, Role::TeamAdmin, "Priya Shah", "admin@example.org", Some(team), InviteFor::Staff).await?;
    let key_worker =
        add_account(db, hash, Role::KeyWorker, "Jordan Lee", "keyworker@example.org", Some(team), InviteFor::Staff)
            .await?;
    let links = InviteFor::PlanOwner { key_worker_id: key_worker };
    let sam = add_account(db, hash, Role::ServiceUser, "Sam Taylor", "sam@example.org", Some(team), links).await?;
    let plan_id = db.plan_of_owner(sam).await?.ok_or("demo plan missing")?;
    let links = InviteFor::CarerOf { plan_id, relationship: "Brother".into() };
    add_account(db, hash, Role::Carer, "Alex Taylor", "alex@example.org", None, links).await?;
    tracing::info!("demo data created");
    Ok(())
}

/// Hashed once for all the accounts: hashing is made slow on purpose.
async fn demo_password_hash() -> Result<String, Error> {
    hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}").into())
}

/// An account whose password hashes to `hash`, as if its invite had been taken up.
async fn add_account(
    db: &Db,
    hash: &str,
    role: Role,
    name: &str,
    email: &str,
    team_id: Option<i64>,
    links: InviteFor,
) -> Result<i64, Error> {
    let now = now();
    let (_, token_hash) = new_token();
    let id = db
        .create_invited_account(NewInvite {
            role,
            display_name: name,
            email,
            team_id,
            created_by: None,
            token_hash: &token_hash,
            // Demo accounts get their password directly; their invites are already spent.
            expires_at: now,
            now,
            links,
        })
        .await?;
    db.set_password_hash(id, hash).await?;
    Ok(id)
}
