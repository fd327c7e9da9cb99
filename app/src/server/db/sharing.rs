//! Share grants: what the person shares with each carer, and the consent history.

use super::push::{action_shared, plan_changed};
use super::sections::{decode_error, one_row};
use super::{Db, DbResult};
use crate::domain::section::Section;
use crate::domain::sharing::ShareGrant;
use sqlx::Row;

/// What a grant shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granted {
    Section(Section),
    /// One action, by id.
    Action(i64),
}

/// A grant to make.
pub struct NewGrant {
    pub plan_id: i64,
    pub grantee: i64,
    pub what: Granted,
    /// Unix seconds; `None`: until stopped.
    pub expires_at: Option<i64>,
}

impl Db {
    /// The whole sections shared with `grantee` on this plan at `now`.
    #[tracing::instrument(skip_all)]
    pub async fn shared_with(&self, plan_id: i64, grantee: i64, now: i64) -> DbResult<Vec<Section>> {
        let rows: Vec<String> = sqlx::query_scalar(
            "SELECT section FROM share_grants WHERE plan_id = $1 AND grantee_id = $2 AND action_id IS NULL \
             AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3)",
        )
        .bind(plan_id)
        .bind(grantee)
        .bind(now)
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().filter_map(|s| Section::parse(s)).collect())
    }

    /// The ids of the actions `grantee` may see and tick off at `now`: those shared with them
    /// one by one, and those assigned to them.
    #[tracing::instrument(skip_all)]
    pub async fn shared_actions(&self, plan_id: i64, grantee: i64, now: i64) -> DbResult<Vec<i64>> {
        Ok(sqlx::query_scalar(
            "SELECT action_id FROM share_grants WHERE plan_id = $1 AND grantee_id = $2 \
             AND action_id IS NOT NULL AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $3) \
             UNION SELECT id FROM actions WHERE plan_id = $1 AND who = 'carer' AND carer_id = $2",
        )
        .bind(plan_id)
        .bind(grantee)
        .bind(now)
        .fetch_all(&self.pool)
        .await?)
    }

    /// Shares what `grant` names with `grantee` until `expires_at` (or until stopped). A grant
    /// already in force for the same thing ends at the same moment, so there is one at a time.
    #[tracing::instrument(skip_all)]
    pub async fn grant_share(&self, grant: NewGrant, by: i64, now: i64) -> DbResult<i64> {
        let (section, action_id) = match grant.what {
            Granted::Section(section) => (section, None),
            Granted::Action(id) => (Section::Actions, Some(id)),
        };
        let mut tx = self.begin_write().await?;
        let same = if action_id.is_some() { "action_id = $6" } else { "action_id IS NULL" };
        let sql = format!(
            "UPDATE share_grants SET revoked_at = $1, revoked_by = $2 WHERE plan_id = $3 AND grantee_id = $4 \
             AND section = $5 AND {same} AND revoked_at IS NULL"
        );
        let mut revoke =
            sqlx::query(&sql).bind(now).bind(by).bind(grant.plan_id).bind(grant.grantee).bind(section.as_str());
        if let Some(id) = action_id {
            revoke = revoke.bind(id);
        }
        revoke.execute(&mut *tx).await?;
        let id = sqlx::query_scalar(
            "INSERT INTO share_grants (plan_id, grantee_id, section, action_id, granted_by, granted_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind(grant.plan_id)
        .bind(grant.grantee)
        .bind(section.as_str())
        .bind(action_id)
        .bind(by)
        .bind(now)
        .bind(grant.expires_at)
        .fetch_one(&mut *tx)
        .await?;
        plan_changed(&mut tx, grant.plan_id, by, now).await?;
        if section == Section::Actions {
            action_shared(&mut tx, grant.plan_id, grant.grantee, by, now).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Stops a grant in force; `NotFound` if the plan has no such grant still running.
    #[tracing::instrument(skip_all)]
    pub async fn revoke_share(&self, plan_id: i64, grant_id: i64, by: i64, now: i64) -> DbResult<()> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(
            "UPDATE share_grants SET revoked_at = $1, revoked_by = $2 WHERE id = $3 AND plan_id = $4 \
             AND revoked_at IS NULL AND (expires_at IS NULL OR expires_at > $1)",
        )
        .bind(now)
        .bind(by)
        .bind(grant_id)
        .bind(plan_id)
        .execute(&mut *tx)
        .await?;
        one_row(done.rows_affected())?;
        plan_changed(&mut tx, plan_id, by, now).await?;
        Ok(tx.commit().await?)
    }

    /// Every grant of the plan, newest first: the consent history.
    #[tracing::instrument(skip_all)]
    pub async fn share_grants(&self, plan_id: i64) -> DbResult<Vec<ShareGrant>> {
        let rows = sqlx::query(
            "SELECT g.id, g.grantee_id, a.display_name, g.section, g.action_id, x.what, g.granted_at, \
             g.expires_at, g.revoked_at FROM share_grants g JOIN accounts a ON a.id = g.grantee_id \
             LEFT JOIN actions x ON x.id = g.action_id WHERE g.plan_id = $1 ORDER BY g.id DESC",
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
                    action: match r.try_get::<Option<i64>, _>("action_id")? {
                        Some(id) => Some((id, r.try_get::<Option<String>, _>("what")?.unwrap_or_default())),
                        None => None,
                    },
                    granted_at: r.try_get("granted_at")?,
                    expires_at: r.try_get("expires_at")?,
                    revoked_at: r.try_get("revoked_at")?,
                })
            })
            .collect()
    }
}
