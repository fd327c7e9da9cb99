//! Demo data for trying the app: one team with an admin, a key worker, a service user on
//! their caseload and a carer that service user invited. Created only on an empty database.

use app::domain::role::Role;
use app::server::auth::{hash_password, new_token, now};
use app::server::db::{Db, InviteFor, NewInvite};

/// Every demo account's password.
pub const DEMO_PASSWORD: &str = "wellbeing-demo";

pub async fn seed(db: &Db) -> Result<(), Box<dyn std::error::Error + Send + Sync>> {
    if db.count_accounts().await? > 0 {
        return Ok(());
    }
    let now = now();
    let team = db.create_team("Riverside Community Mental Health Team", now).await?;
    let hash = hash_password(DEMO_PASSWORD.to_string()).await.map_err(|e| format!("{e:?}"))?;
    let add = async |role,
                     name: &str,
                     email: &str,
                     team_id,
                     links|
           -> Result<i64, Box<dyn std::error::Error + Send + Sync>> {
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
        db.set_password_hash(id, &hash).await?;
        Ok(id)
    };
    add(Role::TeamAdmin, "Priya Shah", "admin@example.org", Some(team), InviteFor::Staff).await?;
    let key_worker = add(Role::KeyWorker, "Jordan Lee", "keyworker@example.org", Some(team), InviteFor::Staff).await?;
    let sam = add(
        Role::ServiceUser,
        "Sam Taylor",
        "sam@example.org",
        Some(team),
        InviteFor::PlanOwner { key_worker_id: key_worker },
    )
    .await?;
    let plan_id = db.plan_of_owner(sam).await?.ok_or("demo plan missing")?;
    add(
        Role::Carer,
        "Alex Taylor",
        "alex@example.org",
        None,
        InviteFor::CarerOf { plan_id, relationship: "Brother".into() },
    )
    .await?;
    tracing::info!("demo data created");
    Ok(())
}
