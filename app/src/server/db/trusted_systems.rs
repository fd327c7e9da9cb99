//! Trusted systems of a team, their tokens (hashed), and the reads they make.

use super::sections::one_row;
use super::{Db, DbError, DbResult};
use crate::domain::trusted_system::{TrustedSystem, SYSTEMS_MAX};
use sqlx::Row;

/// A system whose token was presented and is in force.
pub struct SystemActor {
    pub id: i64,
    pub team_id: i64,
    pub name: String,
}

impl Db {
    /// Connects a system to `team_id`; `Conflict` once the team has as many as it may.
    #[tracing::instrument(skip_all)]
    pub async fn add_trusted_system(
        &self,
        team_id: i64,
        name: &str,
        token_hash: &str,
        by: i64,
        now: i64,
    ) -> DbResult<i64> {
        let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM trusted_systems WHERE team_id = $1")
            .bind(team_id)
            .fetch_one(&self.pool)
            .await?;
        if count >= SYSTEMS_MAX as i64 {
            return Err(DbError::Conflict);
        }
        Ok(sqlx::query_scalar(
            "INSERT INTO trusted_systems (team_id, name, token_hash, created_by, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(team_id)
        .bind(name)
        .bind(token_hash)
        .bind(by)
        .bind(now)
        .fetch_one(&self.pool)
        .await?)
    }

    /// The team's systems, newest first, stopped ones included.
    #[tracing::instrument(skip_all)]
    pub async fn trusted_systems(&self, team_id: i64) -> DbResult<Vec<TrustedSystem>> {
        let rows = sqlx::query(
            "SELECT id, name, created_at, last_used_at, revoked_at FROM trusted_systems WHERE team_id = $1 \
             ORDER BY id DESC",
        )
        .bind(team_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(TrustedSystem {
                    id: r.try_get("id")?,
                    name: r.try_get("name")?,
                    created_at: r.try_get("created_at")?,
                    last_used_at: r.try_get("last_used_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                })
            })
            .collect()
    }

    /// Stops a system of `team_id`; `NotFound` if it is not the team's or already stopped.
    #[tracing::instrument(skip_all)]
    pub async fn stop_trusted_system(&self, team_id: i64, system_id: i64, now: i64) -> DbResult<()> {
        let done = sqlx::query(
            "UPDATE trusted_systems SET revoked_at = $1 WHERE id = $2 AND team_id = $3 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(system_id)
        .bind(team_id)
        .execute(&self.pool)
        .await?;
        one_row(done.rows_affected())
    }

    /// The system holding the token with this hash, if it is in force; notes when it was used.
    #[tracing::instrument(skip_all)]
    pub async fn trusted_system_by_token(&self, token_hash: &str, now: i64) -> DbResult<Option<SystemActor>> {
        let row = sqlx::query(
            "UPDATE trusted_systems SET last_used_at = $1 WHERE token_hash = $2 AND revoked_at IS NULL \
             RETURNING id, team_id, name",
        )
        .bind(now)
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(|r| Ok(SystemActor { id: r.try_get("id")?, team_id: r.try_get("team_id")?, name: r.try_get("name")? }))
            .transpose()
    }

    /// A system read `section` of a plan (or `ratings`): a line in the person's "who looked".
    #[tracing::instrument(skip_all)]
    pub async fn record_system_access(&self, plan_id: i64, system_id: i64, section: &str, at: i64) -> DbResult<()> {
        sqlx::query(
            "INSERT INTO access_log (at, plan_id, actor_id, actor_role, section, action, system_id) \
             VALUES ($1, $2, NULL, 'system', $3, 'read', $4)",
        )
        .bind(at)
        .bind(plan_id)
        .bind(section)
        .bind(system_id)
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
