//! Share grants: what the person shares with each carer, and the consent history.

use super::sections::{decode_error, one_row};
use super::{Db, DbResult};
use crate::domain::section::Section;
use crate::domain::sharing::ShareGrant;
use sqlx::Row;

impl Db {
    /// The sections shared with `grantee` on this plan at `now`.
    pub async fn shared_with(&self, plan_id: i64, grantee: i64, now: i64) -> DbResult<Vec<Section>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT section FROM share_grants WHERE plan_id = $1 AND grantee_id = $2 AND revoked_at IS NULL \
             AND (expires_at IS NULL OR expires_at > $3)",
        )
        .bind(plan_id)
        .bind(grantee)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().filter_map(|s| Section::parse(s)).collect())
    }

    /// Shares `section` with `grantee` until `expires_at` (or until stopped). A grant already in
    /// force for the same section ends at the same moment, so there is one at a time.
    pub async fn grant_share(
        &self,
        plan_id: i64,
        grantee: i64,
        section: Section,
        expires_at: Option<i64>,
        by: i64,
        now: i64,
    ) -> DbResult<i64> {
        let mut tx = self.pool.begin().await?;
        sqlx::query(
            "UPDATE share_grants SET revoked_at = $1, revoked_by = $2 WHERE plan_id = $3 AND grantee_id = $4 \
             AND section = $5 AND revoked_at IS NULL",
        )
        .bind(now)
        .bind(by)
        .bind(plan_id)
        .bind(grantee)
        .bind(section.as_str())
        .execute(&mut *tx)
        .await?;
        let id = sqlx::query_scalar(
            "INSERT INTO share_grants (plan_id, grantee_id, section, granted_by, granted_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(plan_id)
        .bind(grantee)
        .bind(section.as_str())
        .bind(by)
        .bind(now)
        .bind(expires_at)
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Stops a grant in force; `NotFound` if the plan has no such grant still running.
    pub async fn revoke_share(&self, plan_id: i64, grant_id: i64, by: i64, now: i64) -> DbResult<()> {
        let done = sqlx::query(
            "UPDATE share_grants SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND plan_id = $4 \
             AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $1)",
        )
        .bind(now)
        .bind(by)
        .bind(grant_id)
        .bind(plan_id)
        .execute(&self.pool)
        .await?;
        one_row(done.rows_affected())
    }

    /// Every grant of the plan, newest first: the consent history.
    pub async fn share_grants(&self, plan_id: i64) -> DbResult<Vec<ShareGrant>> {
        let rows = sqlx::query(
            "SELECT g.id, g.grantee_id, a.display_name, g.section, g.granted_at, g.expires_at, g.revoked_at \
             FROM share_grants g JOIN accounts a ON a.id = g.grantee_id WHERE g.plan_id = $1 ORDER BY g.id DESC",
        )
        .bind(plan_id)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                let section: String = r.try_get("section")?;
                Ok(ShareGrant {
                    id: r.try_get("id")?,
                    grantee_id: r.try_get("grantee_id")?,
                    grantee_name: r.try_get("display_name")?,
                    section: Section::parse(&section).ok_or_else(|| decode_error("share grant"))?,
                    granted_at: r.try_get("granted_at")?,
                    expires_at: r.try_get("expires_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                })
            })
            .collect()
    }
}
